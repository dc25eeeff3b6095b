/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A window that shows what a photo carries besides its pixels, in plain words, saves a clean
 * copy (the original is never changed), and asks about what software cannot see. */
GtkWindow *sg_photo_check_new     (GtkWindow *parent,
                                   GFile     *file);
/* Writes the clean copy to @destination without asking (the Save button asks first), on a
 * worker thread; a dialog says how it went. */
void       sg_photo_check_save_to (GtkWindow *window,
                                   GFile     *destination);

G_END_DECLS
