/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sg-draft-photos.h"

G_BEGIN_DECLS

/* The card of one photo in the strip under the editor: its preview, name and what the file
 * carries, Clean when it carries anything, the picture checks, Details, Remove, and the
 * description. It keeps no photo: it says what the user did and the strip acts on photo
 * number get_position(). Signals: "clean" (Clean is then insensitive: once is enough),
 * "details", "view" (the thumbnail was activated: show the photo large), "remove",
 * "description-changed" (read get_description()), "checks-changed" (a picture check was
 * ticked or unticked; read get_checked()). */
#define SG_TYPE_PHOTO_ROW (sg_photo_row_get_type ())
G_DECLARE_FINAL_TYPE (SgPhotoRow, sg_photo_row, SG, PHOTO_ROW, GtkListBoxRow)

/* @position: the photo's place in the post, from 0; the card names it "Photo 1" and so on. */
SgPhotoRow *sg_photo_row_new                (const SgDraftPhoto *photo,
                                             int                 position);
int         sg_photo_row_get_position       (SgPhotoRow         *self);
void        sg_photo_row_set_preview        (SgPhotoRow         *self,
                                             GdkPaintable       *preview);
const char *sg_photo_row_get_description    (SgPhotoRow         *self);
/* Through the entry, so "description-changed" follows as if typed. */
void        sg_photo_row_set_description    (SgPhotoRow         *self,
                                             const char         *description);
void        sg_photo_row_focus_description  (SgPhotoRow         *self);
/* The picture checks as ticked on the card: bit i is check i of sg_photo_checks(). */
guint       sg_photo_row_get_checked        (SgPhotoRow         *self);

G_END_DECLS
