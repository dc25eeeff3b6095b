/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sg-post-progress.h"

G_BEGIN_DECLS

#define SG_TYPE_BLUESKY_CLIENT (sg_bluesky_client_get_type ())
G_DECLARE_FINAL_TYPE (SgBlueskyClient, sg_bluesky_client, SG, BLUESKY_CLIENT, GObject)

/* One Bluesky account: @service is its server ("https://bsky.social"), @identifier the
 * handle or e-mail, @app_password an app password (never the account password). Nothing
 * connects until a call. */
SgBlueskyClient *sg_bluesky_client_new          (const char           *service,
                                                 const char           *identifier,
                                                 const char           *app_password);
void             sg_bluesky_client_set_max_wait (SgBlueskyClient      *self,
                                                 guint                 seconds);

/* The record key of the next post is made from @micros (the time of the first attempt at
 * this post, so that every retry has the same key); @retry: an earlier attempt may have
 * landed, so ask before creating. Without this, the key is made from the current time. */
void             sg_bluesky_client_set_first_attempt (SgBlueskyClient *self,
                                                      gint64           micros,
                                                      gboolean         retry);
/* Told (on the caller's main context) as each photo uploads and when the record is sent. */
/* The language of the next post (a BCP 47 tag such as "en" or "cy"), or NULL to state none. */
void             sg_bluesky_client_set_language  (SgBlueskyClient      *self,
                                                  const char           *language);
void             sg_bluesky_client_set_progress  (SgBlueskyClient      *self,
                                                  SgPostProgressFunc    func,
                                                  gpointer              user_data);
/* Adds a picture to the next post: uploaded as a blob and embedded with @alt as its
 * description. At most four, each at most 2 MB (formerly 1 MB). */
void             sg_bluesky_client_add_image    (SgBlueskyClient      *self,
                                                 const char           *path,
                                                 const char           *alt);
/* Signs in (com.atproto.server.createSession), resolves mentions, and creates the
 * app.bsky.feed.post record with link, mention and tag facets. The record key comes from
 * @idempotency_key: before any retry the client asks whether the post already landed, so a
 * retry never posts twice. Texts over 300 graphemes are refused before anything is sent.
 * The result is the post's https://bsky.app URL; errors are in SG_ERROR. */
void             sg_bluesky_client_post_async   (SgBlueskyClient      *self,
                                                 const char           *text,
                                                 const char           *idempotency_key,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
char            *sg_bluesky_client_post_finish  (SgBlueskyClient      *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

/* Signs in (createSession) and nothing else: the account's handle, or the error a post would
 * get. For checking an app password before it is stored. */
void             sg_bluesky_client_verify_async  (SgBlueskyClient      *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
char            *sg_bluesky_client_verify_finish (SgBlueskyClient      *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* Deletes one of the account's own posts (com.atproto.repo.deleteRecord in app.bsky.feed.post,
 * record key @rkey), after signing in. @owner_did is the DID in the post's address: when the
 * account signed in is another, nothing is deleted and the error (SG_ERROR_SIGN_IN_NEEDED)
 * says to sign in to that account. The finish gives TRUE when it is gone, with @already_gone
 * set when the server said it was not there (404, or RecordNotFound); otherwise FALSE with
 * SG_ERROR_SIGN_IN_NEEDED, SG_ERROR_SERVICE_BUSY (429, saying when, or 5xx), SG_ERROR_NETWORK
 * or SG_ERROR_REJECTED, each message saying the post is still there. Nothing is retried. */
void             sg_bluesky_client_delete_async  (SgBlueskyClient      *self,
                                                  const char           *owner_did,
                                                  const char           *rkey,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean         sg_bluesky_client_delete_finish (SgBlueskyClient      *self,
                                                  GAsyncResult         *result,
                                                  gboolean             *already_gone,
                                                  GError              **error);

/* Signs in and lists the account's own posts (com.atproto.repo.listRecords in
 * app.bsky.feed.post of the session's DID, 100 a page, following the cursor to the end),
 * renewing the session if it runs out on the way. Nothing is changed on the server. The
 * finish gives the records as the server wrote them, newest first (JsonObject: uri, cid,
 * value; src/archive's sg_bluesky_record_to_post() reads one), and @handle the account's
 * handle; errors are in SG_ERROR (SIGN_IN_NEEDED, NETWORK, SERVICE_BUSY, REJECTED). */
void             sg_bluesky_client_list_posts_async  (SgBlueskyClient     *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GPtrArray       *sg_bluesky_client_list_posts_finish (SgBlueskyClient     *self,
                                                      GAsyncResult        *result,
                                                      char               **handle,
                                                      GError             **error);

G_END_DECLS
