/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The "Posting" page of Preferences: sign in to Mastodon and Bluesky (the secret goes to the
 * keyring, the server and account to @settings) and sign out. The page owns both forms and
 * is kept alive while a sign-in it started is under way. */
#define SG_TYPE_POSTING_ACCOUNTS (sg_posting_accounts_get_type ())
G_DECLARE_FINAL_TYPE (SgPostingAccounts, sg_posting_accounts, SG, POSTING_ACCOUNTS,
                      AdwPreferencesPage)

AdwPreferencesPage *sg_posting_accounts_page_new (GSettings *settings);

G_END_DECLS
