/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the files of SgBlueskyClient: its fields, one XRPC call and its answer, and the
 * session that every operation starts by opening. sg-bluesky-client.c holds the object and its
 * settings; -session.c the calls, signing in and renewing; -post.c a post with its photos;
 * -records.c deleting a past post and listing the account's own. */

#include <json-glib/json-glib.h>

#include "sg-bluesky-client.h"
#include "sg-soup.h"

G_BEGIN_DECLS

struct _SgBlueskyClient
{
  GObject  parent_instance;

  char    *service;
  char    *identifier;
  char      *password;
  guint      max_wait;
  GPtrArray *images;   /* SgPostImage, uploaded with the next post */
  gint64     first_attempt;   /* µs, or 0: now */
  gboolean   retry;
  SgPostProgressFunc progress;
  gpointer   progress_data;
  char      *language;        /* BCP 47 tag of the next post, or NULL: not stated */
};

/* One XRPC answer: its status, Retry-After (seconds, or 0) and JSON object. */
typedef struct {
  guint       status;
  guint       retry_after;
  JsonObject *object;   /* the answer, or NULL */
} Answer;

static inline void
answer_clear (Answer *a)
{
  g_clear_pointer (&a->object, json_object_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Answer, answer_clear)

static inline const char *
answer_member (Answer     *a,
               const char *name)
{
  return a->object ? json_object_get_string_member_with_default (a->object, name, NULL) : NULL;
}

/* What the server said went wrong, or the status's own phrase. */
static inline const char *
answer_reason (Answer *a)
{
  return answer_member (a, "message") ? answer_member (a, "message")
                                      : soup_status_get_phrase (a->status);
}

/* The access token ran out (it lasts minutes): renew the session and ask again. */
static inline gboolean
answer_expired (Answer *a)
{
  return a->status == 400 && g_strcmp0 (answer_member (a, "error"), "ExpiredToken") == 0;
}

/* ---- sg-bluesky-client-session.c */

/* One XRPC call with a JSON @body, or @raw bytes of @raw_type (a blob). FALSE only when no
 * answer came (network, cancelled). */
gboolean sg_bluesky_client_xrpc_full  (SoupSession      *session,
                                       const char       *method,
                                       const char       *url,
                                       const char       *token,
                                       JsonNode         *body,
                                       GBytes           *raw,
                                       const char       *raw_type,
                                       Answer           *answer,
                                       GCancellable     *cancellable,
                                       GError          **error);
gboolean sg_bluesky_client_xrpc       (SoupSession      *session,
                                       const char       *method,
                                       const char       *url,
                                       const char       *token,
                                       JsonNode         *body,
                                       Answer           *answer,
                                       GCancellable     *cancellable,
                                       GError          **error);
/* Words a failed connection for a post; always FALSE. */
gboolean sg_bluesky_client_network_error (SgBlueskyClient  *self,
                                          GError          **error);
/* Only https (or loopback http, for tests), so the password travels under a verified
 * certificate. */
gboolean sg_bluesky_client_check_service (SgBlueskyClient  *self,
                                          GError          **error);
/* com.atproto.server.createSession: the session token, the account's DID and its handle, and
 * the refresh token unless @refresh is NULL. */
gboolean sg_bluesky_client_create_session (SgBlueskyClient  *self,
                                           SoupSession      *session,
                                           char            **token,
                                           char            **did,
                                           char            **handle,
                                           char            **refresh,
                                           GCancellable     *cancellable,
                                           GError          **error);
/* A new access token for a session that ran out: from the refresh token, or, when that is
 * refused too, by signing in again with the app password we hold. */
gboolean sg_bluesky_client_renew_session (SgBlueskyClient  *self,
                                          SoupSession      *session,
                                          char            **token,
                                          char            **refresh,
                                          GCancellable     *cancellable,
                                          GError          **error);

G_END_DECLS
