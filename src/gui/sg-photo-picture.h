/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* One photo shown large, scaled to fit whatever room it is given, read on a worker thread
 * (a spinner meanwhile; "loaded" once shown). It can be dragged out as its file, so a photo
 * lands in a browser's post as it would from the file manager. Used by the large view and by
 * Photos to Attach. */
#define SG_TYPE_PHOTO_PICTURE (sg_photo_picture_get_type ())
G_DECLARE_FINAL_TYPE (SgPhotoPicture, sg_photo_picture, SG, PHOTO_PICTURE, GtkWidget)

/* @label: what a screen reader says for it ("Photo 1: <description>"). */
GtkWidget  *sg_photo_picture_new         (const char     *label);
/* Shows @path (read upright, at most a screen's size); NULL shows nothing. @draggable: whether
 * the file itself may be dragged out (only a clean copy should be). */
void        sg_photo_picture_set_path    (SgPhotoPicture *self,
                                          const char     *path,
                                          gboolean        draggable);
const char *sg_photo_picture_get_path    (SgPhotoPicture *self);
/* The picture once read, or NULL. */
GdkTexture *sg_photo_picture_get_texture (SgPhotoPicture *self);
/* What a drag of the picture offers: the file, as a file list and as a GFile, or NULL when
 * it is not draggable. */
GdkContentProvider *sg_photo_picture_make_content (SgPhotoPicture *self);

G_END_DECLS
