/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sg-context.h"

G_BEGIN_DECLS

#define SG_TYPE_PRIVACY_PAGE (sg_privacy_page_get_type ())
G_DECLARE_FINAL_TYPE (SgPrivacyPage, sg_privacy_page, SG, PRIVACY_PAGE, GtkWidget)

void  sg_privacy_page_set_context     (SgPrivacyPage *self,
                                           SgContext     *context);
/* Profiles shown, and how many are due for review today. */
guint sg_privacy_page_get_n_profiles  (SgPrivacyPage *self);
guint sg_privacy_page_get_n_due       (SgPrivacyPage *self);
/* Settings the last reviews found needing action and not yet marked changed, all accounts
 * together ("notify::n-open-actions"). */
guint sg_privacy_page_get_n_open_actions (SgPrivacyPage *self);
void  sg_privacy_page_add_profile     (SgPrivacyPage *self,
                                       const char    *platform,
                                       const char    *handle,
                                       const char    *kind);

/* Reads Mastodon settings with @token instead of the keyring's (tests on a loopback server). */
void  sg_privacy_page_set_posting_token (SgPrivacyPage *self,
                                         const char    *token);

G_END_DECLS
