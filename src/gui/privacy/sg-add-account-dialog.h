/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Asks which account to add to the privacy review list: its platform, its name or handle, and
 * whether it is personal or professional. Its "response" is "add" (enabled once a handle is
 * typed) or "cancel"; the getters then say what was chosen. */
#define SG_TYPE_ADD_ACCOUNT_DIALOG (sg_add_account_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SgAddAccountDialog, sg_add_account_dialog, SG, ADD_ACCOUNT_DIALOG,
                      AdwMessageDialog)

SgAddAccountDialog *sg_add_account_dialog_new          (GtkWindow          *parent);
/* The checklist id of the platform chosen ("facebook", … "general"). */
const char         *sg_add_account_dialog_get_platform (SgAddAccountDialog *self);
const char         *sg_add_account_dialog_get_handle   (SgAddAccountDialog *self);
/* "personal" or "professional". */
const char         *sg_add_account_dialog_get_kind     (SgAddAccountDialog *self);

G_END_DECLS
