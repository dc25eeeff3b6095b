/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* "Photos to Attach": after the text has left by Copy or a share page, the post's photos as
 * clean copies to add to it by hand, each shown large with its description; each can be
 * dragged into the browser, copied as a picture (for Ctrl+V) or shown in Files. The copies
 * are written on a worker thread into a folder of their own (sg-photo-handover.h); a photo
 * whose copy cannot be made is said to have failed and nothing is offered for it. */
#define SG_TYPE_ATTACH_PHOTOS_WINDOW (sg_attach_photos_window_get_type ())
G_DECLARE_FINAL_TYPE (SgAttachPhotosWindow, sg_attach_photos_window, SG, ATTACH_PHOTOS_WINDOW,
                      AdwWindow)

/* @photos: SgDraftPhoto*, in post order (copied). @platform_name: as the user knows it.
 * @method: "copy" or "share", how the text left. */
GtkWindow  *sg_attach_photos_window_new        (GtkWindow  *parent,
                                                GPtrArray  *photos,
                                                const char *platform_name,
                                                const char *method);
/* TRUE while clean copies are being written. */
gboolean    sg_attach_photos_window_get_busy   (SgAttachPhotosWindow *self);
/* The folder the copies are in, once made, or NULL. */
const char *sg_attach_photos_window_get_folder (SgAttachPhotosWindow *self);

G_END_DECLS
