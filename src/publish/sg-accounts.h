/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The one place that knows where the signed-in posting account of each platform is kept in
 * the settings (server and account name; the token is in the keyring, never here). */

/* The settings keys for @platform ("mastodon" or "bluesky"), or NULL for a platform SocialGuard
 * does not post to. */
const char *sg_accounts_server_key  (const char  *platform);
const char *sg_accounts_account_key (const char  *platform);
/* TRUE when an account is signed in on @platform; @server and @account (optional) get copies. */
gboolean    sg_accounts_signed_in   (GSettings   *settings,
                                     const char  *platform,
                                     char       **server,
                                     char       **account);

G_END_DECLS
