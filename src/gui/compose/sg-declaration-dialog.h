/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Editing the declaration for one post: the wording, and a reason when the new wording leaves
 * out an organisation the composed declaration named (the reason is kept with the post).
 * Responses: "cancel", "reset" (back to the register's wording), "save". */
#define SG_TYPE_DECLARATION_DIALOG (sg_declaration_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SgDeclarationDialog, sg_declaration_dialog, SG, DECLARATION_DIALOG,
                      AdwMessageDialog)

/* @named: the interests (SgInterest*) the composed declaration names; a wording names one by
 * its organisation or by any of its registered other names ("AZ" for AstraZeneca). */
SgDeclarationDialog *sg_declaration_dialog_new          (GtkWindow           *parent,
                                                         const char          *declaration,
                                                         GPtrArray           *named);
GtkEditable         *sg_declaration_dialog_get_wording  (SgDeclarationDialog *self);
GtkEditable         *sg_declaration_dialog_get_reason   (SgDeclarationDialog *self);
/* The organisations named before that the wording no longer mentions, ", "-separated ("" for
 * none). */
char                *sg_declaration_dialog_dup_removed  (SgDeclarationDialog *self);

G_END_DECLS
