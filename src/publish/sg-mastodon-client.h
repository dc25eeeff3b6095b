/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sg-post-progress.h"

G_BEGIN_DECLS

#define SG_TYPE_MASTODON_CLIENT (sg_mastodon_client_get_type ())
G_DECLARE_FINAL_TYPE (SgMastodonClient, sg_mastodon_client, SG, MASTODON_CLIENT, GObject)

/* A client for one Mastodon account: @instance is its base URL ("https://mastodon.social"),
 * @token an access token with the write:statuses scope. Nothing connects until a call. */
SgMastodonClient *sg_mastodon_client_new          (const char           *instance,
                                                   const char           *token);
/* The longest this client waits for a Retry-After or X-RateLimit-Reset before giving up
 * (default 120 s); a longer wait ends the post with a message saying when to try again. */
void              sg_mastodon_client_set_max_wait (SgMastodonClient     *self,
                                                   guint                 seconds);

/* Adds a picture to the next post, uploaded first through /api/v2/media with @alt as its
 * description. At most four per post (the server refuses more). */
void              sg_mastodon_client_add_image    (SgMastodonClient     *self,
                                                   const char           *path,
                                                   const char           *alt);
/* Told as each photo of the next post starts uploading, and when the text is sent. */
/* The language of the next post (ISO 639, such as "en" or "cy"), or NULL for the account's
 * default. */
void              sg_mastodon_client_set_language (SgMastodonClient     *self,
                                                   const char           *language);
/* When the first attempt at the next post was made (Unix µs), or 0 for now. A retry later than
 * the server keeps its Idempotency-Key (about an hour) first looks for the text among the
 * account's latest statuses and returns that status instead of posting twice. */
void              sg_mastodon_client_set_first_attempt (SgMastodonClient *self,
                                                        gint64            unix_usec);
void              sg_mastodon_client_set_progress (SgMastodonClient     *self,
                                                   SgPostProgressFunc    func,
                                                   gpointer              user_data);
/* Posts @text with @visibility ("public", "unlisted", "private", "direct"). @idempotency_key
 * must be the same for every attempt at the same post, including the user's own retries
 * after a failure: the server then never posts it twice. 429 and 5xx are retried (up to
 * three attempts, waiting as the server asks); errors are in SG_ERROR. The result is the
 * post's URL. */
void              sg_mastodon_client_post_async   (SgMastodonClient     *self,
                                                   const char           *text,
                                                   const char           *visibility,
                                                   const char           *idempotency_key,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
char             *sg_mastodon_client_post_finish  (SgMastodonClient     *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

/* Reads the signed-in account (GET /api/v1/accounts/verify_credentials), settings included;
 * the finish gives its JSON object (json_object_unref it). Errors as for posting. The privacy
 * review turns it into answers (sg-mastodon-privacy.h). */
void              sg_mastodon_client_read_account_async  (SgMastodonClient     *self,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
JsonObject       *sg_mastodon_client_read_account_finish (SgMastodonClient     *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

/* Reads the server's own posting limits from its public GET /api/v2/instance:
 * configuration.statuses.max_characters and characters_reserved_per_url (servers may raise
 * the usual 500). The finish gives FALSE with @error when the server could not be asked or
 * did not say; the caller then keeps the catalogue's 500 and 23. */
void              sg_mastodon_read_limits_async   (const char           *instance,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean          sg_mastodon_read_limits_finish  (GAsyncResult         *result,
                                                   guint                *max_characters,
                                                   guint                *url_characters,
                                                   GError              **error);

/* Deletes one of the account's own posts (DELETE /api/v1/statuses/:id). Nothing is retried:
 * the doctor sees why and tries again. The finish gives TRUE when it is gone, with
 * @already_gone set when the server no longer had it (404); otherwise FALSE with
 * SG_ERROR_SIGN_IN_NEEDED (401/403), SG_ERROR_SERVICE_BUSY (429, saying when to try again, or
 * 5xx), SG_ERROR_NETWORK, or SG_ERROR_REJECTED, each message saying the post is still there. */
void              sg_mastodon_client_delete_async  (SgMastodonClient     *self,
                                                    const char           *status_id,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean          sg_mastodon_client_delete_finish (SgMastodonClient     *self,
                                                    GAsyncResult         *result,
                                                    gboolean             *already_gone,
                                                    GError              **error);
/* TRUE for an https address (or http to this machine, for tests); otherwise a plain message. */
gboolean          sg_mastodon_check_instance      (const char           *instance,
                                                   GError              **error);

G_END_DECLS
