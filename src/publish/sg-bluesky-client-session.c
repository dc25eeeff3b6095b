/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Bluesky's XRPC calls and the session every operation opens: signing in with the app password
 * (com.atproto.server.createSession), renewing a token that ran out, and checking a handle and
 * app password before they are stored. Blocking calls: they run in the operations' worker
 * threads. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sg-bluesky-client-private.h"
#include "sg-error.h"
#include "sg-http.h"
#include "sg-soup.h"

gboolean
sg_bluesky_client_xrpc_full (SoupSession   *session,
                             const char    *method,
                             const char    *url,
                             const char    *token,
                             JsonNode      *body,
                             GBytes        *raw,
                             const char    *raw_type,
                             Answer        *answer,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *value;
  gsize len;
  const char *data;

  if (msg == NULL)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                   _("“%s” is not a Bluesky server address."), url);
      return FALSE;
    }
  /* The password and tokens must not follow a redirect to another host. */
  sg_http_prepare (msg, token, FALSE);
  if (body != NULL)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      gsize n;
      char *json;

      json_generator_set_root (generator, body);
      json = json_generator_to_data (generator, &n);
      soup_message_set_request_body_from_bytes (msg, "application/json",
                                                g_bytes_new_take (json, n));
    }
  else if (raw != NULL)
    soup_message_set_request_body_from_bytes (msg, raw_type, raw);

  reply = soup_session_send_and_read (session, msg, cancellable, error);
  if (reply == NULL)
    return FALSE;

  answer_clear (answer);
  answer->status = soup_message_get_status (msg);
  value = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Retry-After");
  answer->retry_after = value ? (guint) g_ascii_strtoull (value, NULL, 10) : 0;
  data = g_bytes_get_data (reply, &len);
  if (data != NULL && json_parser_load_from_data (parser, data, len, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    answer->object = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
  return TRUE;
}

gboolean
sg_bluesky_client_xrpc (SoupSession   *session,
                        const char    *method,
                        const char    *url,
                        const char    *token,
                        JsonNode      *body,
                        Answer        *answer,
                        GCancellable  *cancellable,
                        GError       **error)
{
  return sg_bluesky_client_xrpc_full (session, method, url, token, body, NULL, NULL, answer,
                                      cancellable, error);
}

gboolean
sg_bluesky_client_network_error (SgBlueskyClient  *self,
                                 GError          **error)
{
  g_autofree char *why = sg_http_take_network_failure (error);

  if (why != NULL)
    g_set_error (error, SG_ERROR, SG_ERROR_NETWORK,
                 _("The connection to %s failed (%s), so the post may not have been sent. "
                   "Your text is kept, and posting again is safe: it will not appear twice."),
                 self->service, why);
  return FALSE;
}

gboolean
sg_bluesky_client_check_service (SgBlueskyClient  *self,
                                 GError          **error)
{
  if (sg_http_address_is_safe (self->service))
    return TRUE;
  g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
               _("“%s” is not a Bluesky server address. It looks like https://bsky.social."),
               self->service);
  return FALSE;
}

gboolean
sg_bluesky_client_create_session (SgBlueskyClient  *self,
                                  SoupSession      *session,
                                  char            **token,
                                  char            **did,
                                  char            **handle,
                                  char            **refresh,
                                  GCancellable     *cancellable,
                                  GError          **error)
{
  g_auto(Answer) answer = { 0, };
  g_autofree char *url = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "identifier");
  json_builder_add_string_value (b, self->identifier);
  json_builder_set_member_name (b, "password");
  json_builder_add_string_value (b, self->password);
  json_builder_end_object (b);
  body = json_builder_get_root (b);
  url = g_strconcat (self->service, "/xrpc/com.atproto.server.createSession", NULL);
  /* A failed connection is left as it is: posting, listing and deleting each say what it
   * means for what the doctor was doing. */
  if (!sg_bluesky_client_xrpc (session, "POST", url, NULL, body, &answer, cancellable,
                               error))
    return FALSE;
  if (sg_http_sign_in_refused (answer.status) ||
      (answer.status == 400 && g_strcmp0 (answer_member (&answer, "error"),
                                          "AuthenticationRequired") == 0))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_SIGN_IN_NEEDED,
                   _("Bluesky did not accept the handle and app password. Sign in again with a "
                     "new app password; nothing was sent and your text is kept."));
      return FALSE;
    }
  if (answer.status != 200 || answer_member (&answer, "accessJwt") == NULL ||
      answer_member (&answer, "did") == NULL)
    {
      g_set_error (error, SG_ERROR, sg_http_failure_code (answer.status),
                   _("Bluesky could not sign you in (HTTP %u: %s). Nothing was sent and your "
                     "text is kept."), answer.status,
                   answer_reason (&answer));
      return FALSE;
    }
  *token = g_strdup (answer_member (&answer, "accessJwt"));
  *did = g_strdup (answer_member (&answer, "did"));
  *handle = g_strdup (answer_member (&answer, "handle") ? answer_member (&answer, "handle") : *did);
  if (refresh != NULL)
    *refresh = g_strdup (answer_member (&answer, "refreshJwt"));
  return TRUE;
}

/* com.atproto.server.refreshSession: a new access token from the refresh token, as the
 * official clients do when the short-lived one expires. FALSE (with no error) when the
 * refresh token is refused too, so the caller can sign in again with the app password. */
static gboolean
refresh_session (SgBlueskyClient  *self,
                 SoupSession      *session,
                 char            **token,
                 char            **refresh,
                 GCancellable     *cancellable,
                 GError          **error)
{
  g_auto(Answer) answer = { 0, };
  g_autofree char *url = g_strconcat (self->service, "/xrpc/com.atproto.server.refreshSession",
                                      NULL);

  /* FALSE with no error: the refresh token is gone or refused, so the caller signs in with
   * the app password instead. */
  if (*refresh == NULL)
    return FALSE;
  if (!sg_bluesky_client_xrpc (session, "POST", url, *refresh, NULL, &answer, cancellable,
                               error))
    return FALSE;
  if (answer.status != 200 || answer_member (&answer, "accessJwt") == NULL)
    return FALSE;
  g_free (*token);
  *token = g_strdup (answer_member (&answer, "accessJwt"));
  if (answer_member (&answer, "refreshJwt") != NULL)
    {
      g_free (*refresh);
      *refresh = g_strdup (answer_member (&answer, "refreshJwt"));
    }
  return TRUE;
}

gboolean
sg_bluesky_client_renew_session (SgBlueskyClient  *self,
                                 SoupSession      *session,
                                 char            **token,
                                 char            **refresh,
                                 GCancellable     *cancellable,
                                 GError          **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *did = NULL;
  g_autofree char *handle = NULL;

  if (refresh_session (self, session, token, refresh, cancellable, &local))
    return TRUE;
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  g_clear_pointer (token, g_free);
  g_clear_pointer (refresh, g_free);
  return sg_bluesky_client_create_session (self, session, token, &did, &handle, refresh,
                                           cancellable, error);
}

static void
verify_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  g_autoptr(SoupSession) session = sg_http_session_new ();
  g_autofree char *token = NULL;
  g_autofree char *did = NULL;
  char *handle = NULL;
  GError *error = NULL;

  if (sg_bluesky_client_check_service (source_object, &error) &&
      sg_bluesky_client_create_session (source_object, session, &token, &did, &handle, NULL,
                                        cancellable, &error))
    g_task_return_pointer (task, handle, g_free);
  else
    g_task_return_error (task, error);
}

void
sg_bluesky_client_verify_async (SgBlueskyClient     *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SG_IS_BLUESKY_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sg_bluesky_client_verify_async);
  g_task_run_in_thread (task, verify_thread);
}

char *
sg_bluesky_client_verify_finish (SgBlueskyClient  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
