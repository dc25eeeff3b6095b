/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The "Posting" page of Preferences: sign in to Mastodon and Bluesky (the secret goes to the
 * keyring, the server and account to @settings) and sign out. */
AdwPreferencesPage *sg_posting_accounts_page_new (GSettings *settings);

G_END_DECLS
