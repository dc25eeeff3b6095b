/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Signing in to a Mastodon server. Two ways, both ending with a checked token:
 *  - the server's own sign-in page (OAuth with an out-of-band code): register SocialGuard as
 *    an application on the server, open the authorisation page in the browser, and exchange
 *    the code the page shows for a token;
 *  - a personal access token the user made on the server.
 * Either way, sg_mastodon_auth_verify_async() asks the server whose token it is before
 * anything is stored. Nothing here stores a secret. */

#define SG_MASTODON_SCOPES "read:accounts write:statuses write:media"

typedef struct {
  char *instance;
  char *client_id;
  char *client_secret;   /* only needed until the code is exchanged */
} SgMastodonApp;

void           sg_mastodon_app_free               (SgMastodonApp       *app);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgMastodonApp, sg_mastodon_app_free)

/* POST /api/v1/apps. */
void           sg_mastodon_auth_register_async    (const char          *instance,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
SgMastodonApp *sg_mastodon_auth_register_finish   (GAsyncResult        *result,
                                                   GError             **error);
/* The page where the user signs in and approves; it shows the code to paste back. */
char          *sg_mastodon_auth_get_authorize_url (const SgMastodonApp *app);
/* POST /oauth/token with the code: the access token. */
void           sg_mastodon_auth_exchange_async    (const SgMastodonApp *app,
                                                   const char          *code,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
char          *sg_mastodon_auth_exchange_finish   (GAsyncResult        *result,
                                                   GError             **error);
/* GET /api/v1/accounts/verify_credentials: the account the token belongs to, as
 * "@name@server". SG_ERROR_SIGN_IN_NEEDED when the server refuses the token. */
void           sg_mastodon_auth_verify_async      (const char          *instance,
                                                   const char          *token,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
char          *sg_mastodon_auth_verify_finish     (GAsyncResult        *result,
                                                   GError             **error);

G_END_DECLS
