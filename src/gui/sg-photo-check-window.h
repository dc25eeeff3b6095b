/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A window that shows what a photo carries besides its pixels, in plain words, saves a clean
 * copy (the original is never changed), and asks about what software cannot see. */
#define SG_TYPE_PHOTO_CHECK_WINDOW (sg_photo_check_window_get_type ())
G_DECLARE_FINAL_TYPE (SgPhotoCheckWindow, sg_photo_check_window, SG, PHOTO_CHECK_WINDOW, AdwWindow)

GtkWindow *sg_photo_check_window_new     (GtkWindow *parent,
                                          GFile     *file);
/* Writes the clean copy to @destination without asking (the Save button asks first), on a
 * worker thread; a dialog says how it went. @window: from sg_photo_check_window_new(). */
void       sg_photo_check_window_save_to (GtkWindow *window,
                                          GFile     *destination);

G_END_DECLS
