/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sg-analyzer.h"
#include "sg-store.h"

G_BEGIN_DECLS

#define SG_TYPE_PHOTO_STRIP (sg_photo_strip_get_type ())
G_DECLARE_FINAL_TYPE (SgPhotoStrip, sg_photo_strip, SG, PHOTO_STRIP, GtkWidget)

/* The photos attached to the draft being written: a thumbnail, what the file carries, a
 * description field, the picture checks and the clean copy, one card each. Everything it
 * learns it saves at once; "changed" says the findings or the post need another look, and
 * "message" carries a sentence for a toast. */
GtkWidget *sg_photo_strip_new            (void);
/* Shows the photos of @draft_id (none while it is -1). */
void       sg_photo_strip_set_draft      (SgPhotoStrip *self,
                                          SgStore      *store,
                                          gint64        draft_id);
/* Reads each file on a worker thread, then attaches it; unreadable files are reported. */
void       sg_photo_strip_add_files      (SgPhotoStrip *self,
                                          GList        *files);
/* A picture from the clipboard (a screenshot): saved as a PNG in the app's folder first. */
void       sg_photo_strip_add_texture    (SgPhotoStrip *self,
                                          GdkTexture   *texture);
/* SgDraftPhoto*, in post order; owned by the strip. */
GPtrArray *sg_photo_strip_get_photos     (SgPhotoStrip *self);
/* What the engine says about each photo's file and description (SgFinding*), from @photos
 * (SgDraftPhoto copies). Touches no widget, so it runs on a worker thread. */
GPtrArray *sg_photo_strip_check_photos   (GPtrArray    *photos,
                                          SgAnalyzer   *analyzer,
                                          const char   *platform);
/* How many photo checks ran on the main loop's thread while it was running (0: tests). */
guint      sg_photo_strip_get_checks_on_main_loop (void);
/* Makes the clean copy of photo @position (on a worker thread); "changed" follows. */
void       sg_photo_strip_clean          (SgPhotoStrip *self,
                                          int           position);
/* Replaces bytes @start..@end of photo @position's description (a fix from a finding). */
void       sg_photo_strip_replace_alt    (SgPhotoStrip *self,
                                          int           position,
                                          gsize         start,
                                          gsize         end,
                                          const char   *replacement);
void       sg_photo_strip_focus          (SgPhotoStrip *self,
                                          int           position);
/* Ticks (or unticks) every picture check of photo @position, as a user would (tests). */
void       sg_photo_strip_set_checked    (SgPhotoStrip *self,
                                          int           position,
                                          guint         checked);
/* TRUE while files are being read or cleaned. */
gboolean   sg_photo_strip_is_busy        (SgPhotoStrip *self);

G_END_DECLS
