/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* One photo of the post shown large, with its description: opened from a photo's thumbnail
 * in Compose or from its Details. Escape closes it. */
#define SG_TYPE_PHOTO_VIEW_WINDOW (sg_photo_view_window_get_type ())
G_DECLARE_FINAL_TYPE (SgPhotoViewWindow, sg_photo_view_window, SG, PHOTO_VIEW_WINDOW, AdwWindow)

/* @position: the photo's place in the post from 0, or -1 for a photo not (yet) in one.
 * @description: its alt text, or NULL. */
GtkWindow *sg_photo_view_window_new (GtkWindow  *parent,
                                     const char *path,
                                     int         position,
                                     const char *description);

G_END_DECLS
