/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Each step is one short request, run as a blocking call on a worker thread with a session of
 * its own, like the Bluesky client; the caller sees async, cancellable operations. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "sg-error.h"
#include "sg-http.h"
#include "sg-mastodon-auth.h"
#include "sg-mastodon-client.h"
#include "sg-soup.h"

#define OOB_REDIRECT "urn:ietf:wg:oauth:2.0:oob"

void
sg_mastodon_app_free (SgMastodonApp *app)
{
  if (app == NULL)
    return;
  g_free (app->instance);
  g_free (app->client_id);
  if (app->client_secret != NULL)
    memset (app->client_secret, 0, strlen (app->client_secret));
  g_free (app->client_secret);
  g_free (app);
}

static char *
trim_instance (const char *instance)
{
  char *trimmed = g_strstrip (g_strdup (instance ? instance : ""));
  gsize len = strlen (trimmed);

  while (len > 0 && trimmed[len - 1] == '/')
    trimmed[--len] = '\0';
  return trimmed;
}

/* One request; the answer's JSON object, or NULL with a plain error. @what names the step
 * for messages ("sign-in"). */
static JsonObject *
request (const char    *instance,
         SoupMessage   *msg,
         const char    *what,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(SoupSession) session = sg_http_session_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  g_autoptr(GBytes) body = NULL;
  JsonNode *root;
  const char *data;
  gsize len;
  guint status;

  /* Every request here carries a secret: a redirect must not take it to another host. */
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");
  body = soup_session_send_and_read (session, msg, cancellable, &local);
  if (body == NULL)
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, SG_ERROR, SG_ERROR_NETWORK,
                     _("Could not reach %s (%s). Check the address and your connection."),
                     instance, local->message);
      return NULL;
    }
  status = soup_message_get_status (msg);
  data = g_bytes_get_data (body, &len);
  root = data && json_parser_load_from_data (parser, data, len, NULL) ? json_parser_get_root (parser) : NULL;
  if (sg_http_sign_in_refused (status) ||
      (status == SOUP_STATUS_BAD_REQUEST && root && JSON_NODE_HOLDS_OBJECT (root) &&
       g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (root), "error", NULL),
                  "invalid_grant") == 0))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_SIGN_IN_NEEDED,
                   _("%s did not accept the %s. Check it and try again."), instance, what);
      return NULL;
    }
  if (status < 200 || status >= 300 || root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      const char *message = root && JSON_NODE_HOLDS_OBJECT (root)
        ? json_object_get_string_member_with_default (json_node_get_object (root), "error_description",
            json_object_get_string_member_with_default (json_node_get_object (root), "error", NULL))
        : NULL;

      g_set_error (error, SG_ERROR, sg_http_failure_code (status),
                   _("%s did not complete the %s (HTTP %u: %s)."), instance, what, status,
                   message ? message : soup_status_get_phrase (status));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

typedef struct {
  char          *instance;
  char          *token;
  char          *code;
  SgMastodonApp *app;
} AuthData;

static void
auth_data_free (AuthData *d)
{
  g_free (d->instance);
  if (d->token != NULL)
    memset (d->token, 0, strlen (d->token));
  g_free (d->token);
  g_free (d->code);
  sg_mastodon_app_free (d->app);
  g_free (d);
}

static GTask *
start (const char          *instance,
       gpointer             source_tag,
       GCancellable        *cancellable,
       GAsyncReadyCallback  callback,
       gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  AuthData *d = g_new0 (AuthData, 1);

  g_task_set_source_tag (task, source_tag);
  d->instance = trim_instance (instance);
  g_task_set_task_data (task, d, (GDestroyNotify) auth_data_free);
  return task;
}

/* Registering the application */

static void
register_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  AuthData *d = task_data;
  g_autofree char *url = g_strconcat (d->instance, "/api/v1/apps", NULL);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(JsonObject) answer = NULL;
  GError *error = NULL;
  SgMastodonApp *app;

  sg_soup_load ();
  if (!sg_mastodon_check_instance (d->instance, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  msg = soup_message_new_from_encoded_form ("POST", url,
                                            soup_form_encode ("client_name", "SocialGuard",
                                                              "redirect_uris", OOB_REDIRECT,
                                                              "scopes", SG_MASTODON_SCOPES,
                                                              NULL));
  if ((answer = request (d->instance, msg, _("sign-in"), cancellable, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (json_object_get_string_member_with_default (answer, "client_id", NULL) == NULL ||
      json_object_get_string_member_with_default (answer, "client_secret", NULL) == NULL)
    {
      g_task_return_new_error (task, SG_ERROR, SG_ERROR_REJECTED,
                               _("%s does not offer sign-in for applications. Use an access "
                                 "token instead."), d->instance);
      return;
    }
  app = g_new0 (SgMastodonApp, 1);
  app->instance = g_strdup (d->instance);
  app->client_id = g_strdup (json_object_get_string_member (answer, "client_id"));
  app->client_secret = g_strdup (json_object_get_string_member (answer, "client_secret"));
  g_task_return_pointer (task, app, (GDestroyNotify) sg_mastodon_app_free);
}

void
sg_mastodon_auth_register_async (const char          *instance,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = start (instance, sg_mastodon_auth_register_async, cancellable,
                                 callback, user_data);

  g_task_run_in_thread (task, register_thread);
}

SgMastodonApp *
sg_mastodon_auth_register_finish (GAsyncResult  *result,
                                  GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
sg_mastodon_auth_get_authorize_url (const SgMastodonApp *app)
{
  g_autofree char *query = NULL;

  sg_soup_load ();
  query = soup_form_encode ("client_id", app->client_id,
                            "scope", SG_MASTODON_SCOPES,
                            "redirect_uri", OOB_REDIRECT,
                            "response_type", "code",
                            NULL);
  return g_strconcat (app->instance, "/oauth/authorize?", query, NULL);
}

/* Exchanging the code */

static void
exchange_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  AuthData *d = task_data;
  g_autofree char *url = g_strconcat (d->instance, "/oauth/token", NULL);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(JsonObject) answer = NULL;
  GError *error = NULL;
  const char *token;

  sg_soup_load ();
  if (!sg_mastodon_check_instance (d->instance, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  msg = soup_message_new_from_encoded_form ("POST", url,
                                            soup_form_encode ("grant_type", "authorization_code",
                                                              "code", d->code,
                                                              "client_id", d->app->client_id,
                                                              "client_secret", d->app->client_secret,
                                                              "redirect_uri", OOB_REDIRECT,
                                                              "scope", SG_MASTODON_SCOPES,
                                                              NULL));
  if ((answer = request (d->instance, msg, _("code"), cancellable, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  token = json_object_get_string_member_with_default (answer, "access_token", NULL);
  if (token == NULL || *token == '\0')
    g_task_return_new_error (task, SG_ERROR, SG_ERROR_REJECTED,
                             _("%s did not give a token. Try signing in again."), d->instance);
  else
    g_task_return_pointer (task, g_strdup (token), g_free);
}

void
sg_mastodon_auth_exchange_async (const SgMastodonApp *app,
                                 const char          *code,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = start (app->instance, sg_mastodon_auth_exchange_async, cancellable,
                                 callback, user_data);
  AuthData *d = g_task_get_task_data (task);

  d->code = g_strstrip (g_strdup (code));
  d->app = g_new0 (SgMastodonApp, 1);
  d->app->instance = g_strdup (app->instance);
  d->app->client_id = g_strdup (app->client_id);
  d->app->client_secret = g_strdup (app->client_secret);
  g_task_run_in_thread (task, exchange_thread);
}

char *
sg_mastodon_auth_exchange_finish (GAsyncResult  *result,
                                  GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Whose token is it? */

static void
verify_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AuthData *d = task_data;
  g_autofree char *url = g_strconcat (d->instance, "/api/v1/accounts/verify_credentials", NULL);
  g_autofree char *auth = g_strconcat ("Bearer ", d->token, NULL);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GUri) uri = NULL;
  GError *error = NULL;
  const char *name;

  sg_soup_load ();
  if (!sg_mastodon_check_instance (d->instance, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  msg = soup_message_new ("GET", url);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  if ((answer = request (d->instance, msg, _("access token"), cancellable, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  name = json_object_get_string_member_with_default (answer, "username", NULL);
  uri = g_uri_parse (d->instance, G_URI_FLAGS_NONE, NULL);
  if (name == NULL || uri == NULL)
    g_task_return_new_error (task, SG_ERROR, SG_ERROR_REJECTED,
                             _("%s did not say whose token this is."), d->instance);
  else
    g_task_return_pointer (task, g_strdup_printf ("@%s@%s", name, g_uri_get_host (uri)), g_free);
}

void
sg_mastodon_auth_verify_async (const char          *instance,
                               const char          *token,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = start (instance, sg_mastodon_auth_verify_async, cancellable,
                                 callback, user_data);
  AuthData *d = g_task_get_task_data (task);

  d->token = g_strstrip (g_strdup (token));
  g_task_run_in_thread (task, verify_thread);
}

char *
sg_mastodon_auth_verify_finish (GAsyncResult  *result,
                                GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
