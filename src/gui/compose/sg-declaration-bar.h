/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sg-context.h"
#include "sg-draft-buffer.h"

G_BEGIN_DECLS

/* The bar under the draft: the declaration of interests appended to the post (composed from
 * the register for the draft's text and platform, or the user's own wording for this post),
 * the "#ad" label, and the length the post will have with them. It watches the draft (its
 * text, platform and the wording a loaded draft carries), reads the register from the
 * context's store and follows the declaration preferences; "notify::declaration" says when
 * what is appended changed. A child of type "status" goes at the start of its last line
 * (Compose puts its save state there, beside the length). */
#define SG_TYPE_DECLARATION_BAR (sg_declaration_bar_get_type ())
G_DECLARE_FINAL_TYPE (SgDeclarationBar, sg_declaration_bar, SG, DECLARATION_BAR, GtkWidget)

void        sg_declaration_bar_set_draft            (SgDeclarationBar *self,
                                                     SgDraftBuffer    *draft);
void        sg_declaration_bar_set_context          (SgDeclarationBar *self,
                                                     SgContext        *context);
/* Reads the interests register again (it changed). */
void        sg_declaration_bar_reload_interests     (SgDeclarationBar *self);
/* What is appended to the post, or NULL. */
const char *sg_declaration_bar_get_declaration      (SgDeclarationBar *self);
/* The post exactly as it would leave: "#ad" label, text and declaration. */
char       *sg_declaration_bar_dup_final_text       (SgDeclarationBar *self);
/* Opens the dialog to word the declaration for this post only. */
void        sg_declaration_bar_edit                 (SgDeclarationBar *self);
/* Times the declaration was composed: only when something it depends on changed (tests). */
guint       sg_declaration_bar_get_updates          (SgDeclarationBar *self);

G_END_DECLS
