/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sg-context.h"
#include "sg-draft-checker.h"
#include "sg-photo-strip.h"
#include "sg-spell-checker.h"

G_BEGIN_DECLS

#define SG_TYPE_COMPOSE_PAGE (sg_compose_page_get_type ())
G_DECLARE_FINAL_TYPE (SgComposePage, sg_compose_page, SG, COMPOSE_PAGE, GtkWidget)

void           sg_compose_page_set_context     (SgComposePage *self,
                                                    SgContext     *context);
GtkTextBuffer *sg_compose_page_get_buffer      (SgComposePage *self);
/* Spelling in the editor; NULL until the page has its context. */
SgSpellChecker *sg_compose_page_get_spell_checker (SgComposePage *self);
GtkListBox    *sg_compose_page_get_findings    (SgComposePage *self);
/* The draft's checker: its model of findings is what the sidebar shows. */
SgDraftChecker *sg_compose_page_get_checker    (SgComposePage *self);
const char    *sg_compose_page_get_verdict     (SgComposePage *self);
const char    *sg_compose_page_get_platform    (SgComposePage *self);
void           sg_compose_page_set_platform    (SgComposePage *self,
                                                const char    *platform);
gint64         sg_compose_page_get_draft_id    (SgComposePage *self);
/* The declaration that will be appended to the post, or NULL. */
char          *sg_compose_page_get_final_text  (SgComposePage *self);
const char    *sg_compose_page_get_declaration (SgComposePage *self);
/* Posts with @token instead of the keyring's (for tests against a loopback server). */
void           sg_compose_page_set_posting_token (SgComposePage *self,
                                                  const char    *token);
/* Reads the interests register again (after it changed). */
void           sg_compose_page_reload_interests (SgComposePage *self);
/* Saves now if anything changed; the application is held until the save is done, so closing
 * the window never loses the last second of typing. */
void           sg_compose_page_flush           (SgComposePage *self);
gboolean       sg_compose_page_has_unsaved_text (SgComposePage *self);
/* The user chose to close without the text the store could not take: its waiting copy beside
 * the data file goes (it may describe a patient), after any write of it under way. */
void           sg_compose_page_discard_unsaved (SgComposePage *self);
char          *sg_compose_page_get_text        (SgComposePage *self);
/* Times the declaration was composed (it is composed only when what it depends on changed). */
guint          sg_compose_page_get_declaration_updates (SgComposePage *self);
/* An analysis is scheduled or under way, so the findings may still change. */
gboolean       sg_compose_page_is_checking     (SgComposePage *self);
/* The photos attached to the draft. */
SgPhotoStrip  *sg_compose_page_get_photo_strip (SgComposePage *self);

G_END_DECLS
