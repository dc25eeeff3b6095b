/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the files of SgMastodonClient: its fields, a post under way, and the steps of
 * posting that call each other across files. sg-mastodon-client.c holds the object, its
 * settings and what every request shares; -post.c sending a status (and, for a late retry,
 * looking for it first); -media.c uploading its photos; -account.c reading the account and
 * the server's limits, and deleting a past post. */

#include <json-glib/json-glib.h>

#include "sg-mastodon-client.h"
#include "sg-soup.h"

G_BEGIN_DECLS

struct _SgMastodonClient
{
  GObject      parent_instance;

  char        *instance;   /* without a trailing slash */
  char        *token;
  SoupSession *session;
  guint        max_wait;
  GPtrArray   *images;     /* SgPostImage, uploaded before the next post */
  SgPostProgressFunc progress;
  gpointer     progress_data;
  char        *language;   /* ISO 639 code of the next post, or NULL: the account's default */
  gint64       first_attempt; /* Unix µs of the first attempt at the next post, or 0 */
};

/* One post under way: the GTask's data. */
typedef struct {
  GBytes    *body;
  char      *key;
  guint      attempt;
  char      *text;
  char      *visibility;
  char      *language;
  GPtrArray *images;     /* SgPostImage */
  guint      next_image;
  GPtrArray *media_ids;  /* char*, as the server numbered the uploads */
  char      *media_id;   /* the upload being processed */
  guint      polls;
} PostData;

/* ---- sg-mastodon-client.c */

/* The answer to a request sent with soup_session_send_and_read_async(): its body, and @msg for
 * its status and headers. NULL when none came: a cancellation has then been returned on
 * @task, and for a failed connection @why holds its reason, for the caller to say what the
 * failure means to the doctor. */
GBytes  *sg_mastodon_client_read_answer       (GTask        *task,
                                               GObject      *session,
                                               GAsyncResult *result,
                                               SoupMessage **msg,
                                               char        **why);
/* The "error" member of a JSON answer, or NULL. */
char    *sg_mastodon_client_server_message    (GBytes      *body);

/* ---- sg-mastodon-client-post.c */

/* How long to wait before trying again, from Retry-After (seconds or an HTTP date), a 429's
 * X-RateLimit-Reset, or else 1 s, then 2 s by @attempt. */
guint    sg_mastodon_client_retry_after       (SoupMessage *msg,
                                               guint        attempt);
/* The status's JSON body, from the text, visibility, language and uploaded media. */
void     sg_mastodon_client_build_status_body (PostData    *d);
/* Sends the status; takes a reference to @task, given up when the answer is read. */
void     sg_mastodon_client_send_attempt      (GTask       *task);

/* ---- sg-mastodon-client-media.c */

/* Takes over the reference to @task: uploads the next picture, or sends the post. */
void     sg_mastodon_client_upload_next       (GTask       *task);

G_END_DECLS
