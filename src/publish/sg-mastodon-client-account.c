/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What SgMastodonClient does besides posting: reading the signed-in account (for the privacy
 * review and a late retry), deleting one of its past posts, and reading the server's own
 * posting limits. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sg-error.h"
#include "sg-http.h"
#include "sg-mastodon-client-private.h"
#include "sg-soup.h"

/* Reading privacy settings */

static void
credentials_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SgMastodonClient *self = g_task_get_source_object (task);
  g_autofree char *why = NULL;
  SoupMessage *msg;
  g_autoptr(GBytes) body = sg_mastodon_client_read_answer (task, object, result, &msg, &why);
  g_autoptr(JsonParser) parser = json_parser_new ();
  guint status;
  gsize len;
  const char *data;

  if (body == NULL)
    {
      if (why != NULL)
        g_task_return_new_error (task, SG_ERROR, SG_ERROR_NETWORK,
                                 _("Could not reach %s (%s). Nothing was changed."),
                                 self->instance, why);
      return;
    }

  status = soup_message_get_status (msg);
  if (sg_http_sign_in_refused (status))
    {
      g_task_return_new_error (task, SG_ERROR, SG_ERROR_SIGN_IN_NEEDED,
                               _("%s did not accept your sign-in. Sign in again under "
                                 "Preferences → Posting (the token needs the read:accounts "
                                 "scope too)."), self->instance);
      return;
    }
  data = g_bytes_get_data (body, &len);
  if (status != 200 || data == NULL || !json_parser_load_from_data (parser, data, len, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_task_return_new_error (task, SG_ERROR, SG_ERROR_SERVICE_BUSY,
                               _("%s did not give your settings (HTTP %u). Try again later."),
                               self->instance, status);
      return;
    }
  g_task_return_pointer (task, json_object_ref (json_node_get_object (json_parser_get_root (parser))),
                         (GDestroyNotify) json_object_unref);
}

void
sg_mastodon_client_read_account_async (SgMastodonClient    *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *url = NULL;

  g_return_if_fail (SG_IS_MASTODON_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sg_mastodon_client_read_account_async);
  if (!sg_mastodon_check_instance (self->instance, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  url = g_strconcat (self->instance, "/api/v1/accounts/verify_credentials", NULL);
  msg = sg_http_prepare (soup_message_new ("GET", url), self->token, TRUE);
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, cancellable,
                                    credentials_cb, g_steal_pointer (&task));
}

JsonObject *
sg_mastodon_client_read_account_finish (SgMastodonClient  *self,
                                        GAsyncResult      *result,
                                        GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Deleting a past post */

/* "14:32", or "14:32 on 7 December" when not today: when to try a delete again. */
static char *
retry_time (guint seconds)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) when = g_date_time_add_seconds (now, MAX (seconds, 60u));

  if (g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    return g_date_time_format (when, "%H:%M");
  return g_date_time_format (when, _("%H:%M on %-d %B"));
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SgMastodonClient *self = g_task_get_source_object (task);
  g_autofree char *why = NULL;
  SoupMessage *msg;
  g_autoptr(GBytes) body = sg_mastodon_client_read_answer (task, object, result, &msg, &why);
  g_autofree char *message = NULL;
  guint status;

  if (body == NULL)
    {
      if (why != NULL)
        g_task_return_new_error (task, SG_ERROR, SG_ERROR_NETWORK,
                                 _("Could not reach %s (%s). The post is still online; try "
                                   "again when you are connected."),
                                 self->instance, why);
      return;
    }

  status = soup_message_get_status (msg);
  if (status == 200)
    {
      g_task_return_int (task, FALSE);
      return;
    }
  /* Gone already (deleted on the website, or by a moderator): what the doctor wanted. */
  if (status == 404)
    {
      g_task_return_int (task, TRUE);
      return;
    }
  if (sg_http_sign_in_refused (status))
    {
      g_task_return_new_error (task, SG_ERROR, SG_ERROR_SIGN_IN_NEEDED,
                               _("%s did not accept your sign-in, so the post is still online. "
                                 "Sign in again under Preferences → Posting, then try again."),
                               self->instance);
      return;
    }
  if (status == 429)
    {
      g_autofree char *when = retry_time (sg_mastodon_client_retry_after (msg, 1));

      /* Mastodon allows about 30 deletes in half an hour. */
      g_task_return_new_error (task, SG_ERROR, SG_ERROR_SERVICE_BUSY,
                               _("%s allows only so many deletes at a time. The post is still "
                                 "online; try again after %s."), self->instance, when);
      return;
    }
  message = sg_mastodon_client_server_message (body);
  if (status >= 500)
    g_task_return_new_error (task, SG_ERROR, SG_ERROR_SERVICE_BUSY,
                             _("%s is having trouble (HTTP %u), so the post is still online. "
                               "Try again in a few minutes."), self->instance, status);
  else
    g_task_return_new_error (task, SG_ERROR, SG_ERROR_REJECTED,
                             _("%s refused to delete the post (%s). It is still online."),
                             self->instance,
                             message ? message : soup_status_get_phrase (status));
}

void
sg_mastodon_client_delete_async (SgMastodonClient    *self,
                                 const char          *status_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *url = NULL;

  g_return_if_fail (SG_IS_MASTODON_CLIENT (self));
  g_return_if_fail (status_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sg_mastodon_client_delete_async);
  if (!sg_mastodon_check_instance (self->instance, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (*status_id == '\0')
    {
      g_task_return_new_error (task, SG_ERROR, SG_ERROR_INVALID_INPUT,
                               _("The archive did not say which post this is, so it cannot be "
                                 "deleted from here."));
      return;
    }

  escaped = g_uri_escape_string (status_id, NULL, FALSE);
  url = g_strconcat (self->instance, "/api/v1/statuses/", escaped, NULL);
  msg = sg_http_prepare (soup_message_new ("DELETE", url), self->token, TRUE);
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, cancellable,
                                    deleted_cb, g_steal_pointer (&task));
}

gboolean
sg_mastodon_client_delete_finish (SgMastodonClient  *self,
                                  GAsyncResult      *result,
                                  gboolean          *already_gone,
                                  GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return sg_http_delete_finish (G_TASK (result), already_gone, error);
}

/* The server's limits */

static void
instance_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SoupMessage *msg = soup_session_get_async_result_message ((SoupSession *) object, result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish ((SoupSession *) object, result, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *configuration, *statuses;
  gint64 max, url;
  const char *data;
  gsize len;

  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data = g_bytes_get_data (body, &len);
  root = soup_message_get_status (msg) == 200 && data != NULL &&
         json_parser_load_from_data (parser, data, len, NULL) &&
         JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))
         ? json_node_get_object (json_parser_get_root (parser)) : NULL;
  configuration = root != NULL && json_object_has_member (root, "configuration") &&
                  JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "configuration"))
                  ? json_object_get_object_member (root, "configuration") : NULL;
  statuses = configuration != NULL && json_object_has_member (configuration, "statuses") &&
             JSON_NODE_HOLDS_OBJECT (json_object_get_member (configuration, "statuses"))
             ? json_object_get_object_member (configuration, "statuses") : NULL;
  max = statuses ? json_object_get_int_member_with_default (statuses, "max_characters", 0) : 0;
  url = statuses ? json_object_get_int_member_with_default (statuses, "characters_reserved_per_url",
                                                            0) : 0;
  /* Older servers (before 4.0) have no v2 and say nothing: keep the usual limits. */
  if (max <= 0 || max > 1000000 || url < 0 || url > 1000)
    {
      g_task_return_new_error (task, SG_ERROR, SG_ERROR_SERVICE_BUSY,
                               _("The server did not say how long posts may be (HTTP %u)."),
                               soup_message_get_status (msg));
      return;
    }
  {
    guint *limits = g_new (guint, 2);

    limits[0] = max;
    limits[1] = url;
    g_task_return_pointer (task, limits, g_free);
  }
}

void
sg_mastodon_read_limits_async (const char          *instance,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *url = NULL;

  g_return_if_fail (instance != NULL);

  g_task_set_source_tag (task, sg_mastodon_read_limits_async);
  if (!sg_mastodon_check_instance (instance, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  trimmed = sg_http_address_trim (instance);
  url = g_strconcat (trimmed, "/api/v2/instance", NULL);
  session = sg_http_session_new ();
  /* Public: no token is sent, so nothing of the account travels with it. */
  msg = sg_http_prepare (soup_message_new ("GET", url), NULL, TRUE);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_LOW, cancellable, instance_read_cb,
                                    g_steal_pointer (&task));
}

gboolean
sg_mastodon_read_limits_finish (GAsyncResult  *result,
                                guint         *max_characters,
                                guint         *url_characters,
                                GError       **error)
{
  g_autofree guint *limits = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  limits = g_task_propagate_pointer (G_TASK (result), error);
  if (limits == NULL)
    return FALSE;
  if (max_characters != NULL)
    *max_characters = limits[0];
  if (url_characters != NULL)
    *url_characters = limits[1];
  return TRUE;
}
