/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sg-post-progress.h"

G_BEGIN_DECLS

#define SG_TYPE_MASTODON_CLIENT (sg_mastodon_client_get_type ())
G_DECLARE_FINAL_TYPE (SgMastodonClient, sg_mastodon_client, SG, MASTODON_CLIENT, GObject)

/* A client for one Mastodon account: @instance is its base URL ("https://mastodon.social"),
 * @token an access token with the write:statuses scope. Nothing connects until a call. */
SgMastodonClient *sg_mastodon_client_new          (const char           *instance,
                                                   const char           *token);
/* The longest this client waits for a Retry-After before giving up (default 60 s). */
void              sg_mastodon_client_set_max_wait (SgMastodonClient     *self,
                                                   guint                 seconds);

/* Adds a picture to the next post, uploaded first through /api/v2/media with @alt as its
 * description. At most four per post (the server refuses more). */
void              sg_mastodon_client_add_image    (SgMastodonClient     *self,
                                                   const char           *path,
                                                   const char           *alt);
/* Told as each photo of the next post starts uploading, and when the text is sent. */
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

/* Reads the account's privacy settings (GET /api/v1/accounts/verify_credentials) and turns
 * them into suggested answers (SgReviewAnswer*) for the Mastodon checklist: "done" where the
 * setting is the safer one, "needs action" where it is not, each with a note saying what
 * was read. Settings the server does not report are left out. Errors as for posting. */
void              sg_mastodon_client_read_privacy_async  (SgMastodonClient     *self,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
GPtrArray        *sg_mastodon_client_read_privacy_finish (SgMastodonClient     *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

/* TRUE for an https address (or http to this machine, for tests); otherwise a plain message. */
gboolean          sg_mastodon_check_instance      (const char           *instance,
                                                   GError              **error);

G_END_DECLS
