/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The account's own posts on Bluesky: deleting one (com.atproto.repo.deleteRecord) and listing
 * them all (com.atproto.repo.listRecords), each after signing in, in a worker thread. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sg-bluesky-client-private.h"
#include "sg-error.h"
#include "sg-http.h"
#include "sg-soup.h"

/* Deleting a past post */

typedef struct {
  char *owner_did;
  char *rkey;
} DeleteData;

static void
delete_data_free (DeleteData *d)
{
  g_free (d->owner_did);
  g_free (d->rkey);
  g_free (d);
}

/* The connection failed: nothing is known changed. */
static void
delete_network_error (SgBlueskyClient  *self,
                      GError          **error)
{
  g_autofree char *why = sg_http_take_network_failure (error);

  if (why != NULL)
    g_set_error (error, SG_ERROR, SG_ERROR_NETWORK,
                 _("Could not reach %s (%s). The post is still online; try again when you are "
                   "connected."), self->service, why);
}

/* -1 on error, else whether it was already gone. */
static int
delete_sync (SgBlueskyClient  *self,
             DeleteData       *d,
             GCancellable     *cancellable,
             GError          **error)
{
  g_autoptr(SoupSession) session = sg_http_session_new ();
  g_auto(Answer) answer = { 0, };
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *token = NULL;
  g_autofree char *did = NULL;
  g_autofree char *handle = NULL;
  g_autofree char *url = NULL;
  const char *what;

  if (!sg_bluesky_client_check_service (self, error))
    return -1;
  if (!sg_bluesky_client_create_session (self, session, &token, &did, &handle, NULL, cancellable,
                                         &local))
    {
      if (local->domain == SG_ERROR && local->code == SG_ERROR_SIGN_IN_NEEDED)
        g_set_error (error, SG_ERROR, SG_ERROR_SIGN_IN_NEEDED,
                     _("Bluesky did not accept your handle and app password, so the post is "
                       "still online. Sign in again under Preferences → Posting, then try "
                       "again."));
      else
        {
          g_propagate_error (error, g_steal_pointer (&local));
          delete_network_error (self, error);
        }
      return -1;
    }
  /* Only the account that wrote it can delete it; say whose it is rather than fail later. */
  if (g_strcmp0 (did, d->owner_did) != 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_SIGN_IN_NEEDED,
                   _("This post belongs to another Bluesky account (%s), and you are signed in "
                     "as @%s. Sign in to that account under Preferences → Posting to delete it "
                     "from here."), d->owner_did, handle);
      return -1;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "repo");
  json_builder_add_string_value (b, did);
  json_builder_set_member_name (b, "collection");
  json_builder_add_string_value (b, "app.bsky.feed.post");
  json_builder_set_member_name (b, "rkey");
  json_builder_add_string_value (b, d->rkey);
  json_builder_end_object (b);
  body = json_builder_get_root (b);
  url = g_strconcat (self->service, "/xrpc/com.atproto.repo.deleteRecord", NULL);
  if (!sg_bluesky_client_xrpc (session, "POST", url, token, body, &answer, cancellable,
                               error))
    {
      delete_network_error (self, error);
      return -1;
    }
  if (answer.status == 200)
    return 0;
  what = answer_member (&answer, "error");
  if (answer.status == 404 || g_strcmp0 (what, "RecordNotFound") == 0)
    return 1;
  if (sg_http_sign_in_refused (answer.status))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_SIGN_IN_NEEDED,
                   _("Bluesky ended the session, so the post is still online. Sign in again "
                     "under Preferences → Posting, then try again."));
      return -1;
    }
  if (answer.status == 429)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GDateTime) when = g_date_time_add_seconds (now, MAX (answer.retry_after, 60u));
      g_autofree char *at = g_date_time_format (when, "%H:%M");

      g_set_error (error, SG_ERROR, SG_ERROR_SERVICE_BUSY,
                   _("Bluesky allows only so many changes at a time. The post is still online; "
                     "try again after %s."), at);
      return -1;
    }
  if (answer.status >= 500)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_SERVICE_BUSY,
                   _("Bluesky is having trouble (HTTP %u), so the post is still online. Try "
                     "again in a few minutes."), answer.status);
      return -1;
    }
  g_set_error (error, SG_ERROR, SG_ERROR_REJECTED,
               _("Bluesky refused to delete the post (%s). It is still online."),
               answer_reason (&answer));
  return -1;
}

static void
delete_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  int gone = delete_sync (source_object, task_data, cancellable, &error);

  if (gone < 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, gone);
}

void
sg_bluesky_client_delete_async (SgBlueskyClient     *self,
                                const char          *owner_did,
                                const char          *rkey,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  DeleteData *d;

  g_return_if_fail (SG_IS_BLUESKY_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sg_bluesky_client_delete_async);
  if (owner_did == NULL || !g_str_has_prefix (owner_did, "did:") || rkey == NULL || *rkey == '\0')
    {
      g_task_return_new_error (task, SG_ERROR, SG_ERROR_INVALID_INPUT,
                               _("The archive did not say which post this is, so it cannot be "
                                 "deleted from here."));
      return;
    }
  d = g_new0 (DeleteData, 1);
  d->owner_did = g_strdup (owner_did);
  d->rkey = g_strdup (rkey);
  g_task_set_task_data (task, d, (GDestroyNotify) delete_data_free);
  g_task_run_in_thread (task, delete_thread);
}

gboolean
sg_bluesky_client_delete_finish (SgBlueskyClient  *self,
                                 GAsyncResult     *result,
                                 gboolean         *already_gone,
                                 GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return sg_http_delete_finish (G_TASK (result), already_gone, error);
}

/* Listing the account's own posts */

#define LIST_PAGE_SIZE 100
/* A safety stop, far past any real account (100 000 posts), for a server whose cursor never
 * ends. */
#define LIST_MAX_PAGES 1000

typedef struct {
  GPtrArray *records;   /* JsonObject: { uri, cid, value } as listRecords gives them */
  char      *handle;
} ListResult;

static void
list_result_free (ListResult *r)
{
  g_clear_pointer (&r->records, g_ptr_array_unref);
  g_free (r->handle);
  g_free (r);
}

/* The connection failed: nothing was changed, only not read. */
static void
list_network_error (SgBlueskyClient  *self,
                    GError          **error)
{
  g_autofree char *why = sg_http_take_network_failure (error);

  if (why != NULL)
    g_set_error (error, SG_ERROR, SG_ERROR_NETWORK,
                 _("Could not reach %s (%s), so your posts could not be read. Try again when you "
                   "are connected."), self->service, why);
}

static ListResult *
list_sync (SgBlueskyClient  *self,
           GCancellable     *cancellable,
           GError          **error)
{
  g_autoptr(SoupSession) session = sg_http_session_new ();
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GError) local = NULL;
  g_autofree char *token = NULL;
  g_autofree char *refresh = NULL;
  g_autofree char *did = NULL;
  g_autofree char *handle = NULL;
  g_autofree char *cursor = NULL;
  gboolean renewed = FALSE;
  ListResult *result;

  if (!sg_bluesky_client_check_service (self, error))
    return NULL;
  if (!sg_bluesky_client_create_session (self, session, &token, &did, &handle, &refresh,
                                         cancellable, &local))
    {
      if (local->domain == SG_ERROR && local->code == SG_ERROR_SIGN_IN_NEEDED)
        g_set_error (error, SG_ERROR, SG_ERROR_SIGN_IN_NEEDED,
                     _("Bluesky did not accept your handle and app password, so your posts "
                       "could not be read. Sign in again under Preferences → Posting."));
      else
        {
          g_propagate_error (error, g_steal_pointer (&local));
          list_network_error (self, error);
        }
      return NULL;
    }

  for (guint page = 0; page < LIST_MAX_PAGES; page++)
    {
      g_auto(Answer) answer = { 0, };
      g_autofree char *repo = g_uri_escape_string (did, NULL, FALSE);
      g_autofree char *after = cursor ? g_uri_escape_string (cursor, NULL, FALSE) : NULL;
      g_autofree char *url = NULL;
      JsonNode *node;
      JsonArray *list;
      const char *next;

      url = g_strdup_printf ("%s/xrpc/com.atproto.repo.listRecords?repo=%s"
                             "&collection=app.bsky.feed.post&limit=%d%s%s",
                             self->service, repo, LIST_PAGE_SIZE,
                             after ? "&cursor=" : "", after ? after : "");
      if (!sg_bluesky_client_xrpc (session, "GET", url, token, NULL, &answer, cancellable,
                                   error))
        {
          list_network_error (self, error);
          return NULL;
        }
      /* A long listing can outlast the access token: renew it as posting does, and ask for
       * the same page again. Once per page, so a server that keeps refusing ends it. */
      if (!renewed && answer_expired (&answer))
        {
          renewed = TRUE;
          if (!sg_bluesky_client_renew_session (self, session, &token, &refresh, cancellable,
                                                error))
            {
              list_network_error (self, error);
              return NULL;
            }
          page--;
          continue;
        }
      renewed = FALSE;
      if (sg_http_sign_in_refused (answer.status) ||
          g_strcmp0 (answer_member (&answer, "error"), "ExpiredToken") == 0)
        {
          g_set_error (error, SG_ERROR, SG_ERROR_SIGN_IN_NEEDED,
                       _("Bluesky ended the session, so your posts could not be read. Sign in "
                         "again under Preferences → Posting, then try again."));
          return NULL;
        }
      node = answer.object ? json_object_get_member (answer.object, "records") : NULL;
      list = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
      if (answer.status != 200 || list == NULL)
        {
          g_set_error (error, SG_ERROR, sg_http_failure_code (answer.status),
                       _("Bluesky could not list your posts (HTTP %u: %s). Try again in a few "
                         "minutes."), answer.status,
                       answer_reason (&answer));
          return NULL;
        }
      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonNode *element = json_array_get_element (list, i);

          if (JSON_NODE_HOLDS_OBJECT (element))
            g_ptr_array_add (records, json_object_ref (json_node_get_object (element)));
        }
      next = answer_member (&answer, "cursor");
      /* No cursor, or an empty page: the end (some servers repeat the last cursor). */
      if (next == NULL || *next == '\0' || json_array_get_length (list) == 0 ||
          g_strcmp0 (next, cursor) == 0)
        break;
      g_free (cursor);
      cursor = g_strdup (next);
    }

  result = g_new0 (ListResult, 1);
  result->records = g_steal_pointer (&records);
  result->handle = g_steal_pointer (&handle);
  return result;
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  ListResult *result = list_sync (source_object, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) list_result_free);
}

void
sg_bluesky_client_list_posts_async (SgBlueskyClient     *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SG_IS_BLUESKY_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sg_bluesky_client_list_posts_async);
  g_task_run_in_thread (task, list_thread);
}

GPtrArray *
sg_bluesky_client_list_posts_finish (SgBlueskyClient  *self,
                                     GAsyncResult     *result,
                                     char            **handle,
                                     GError          **error)
{
  ListResult *r;
  GPtrArray *records;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  r = g_task_propagate_pointer (G_TASK (result), error);
  if (r == NULL)
    return NULL;
  records = g_steal_pointer (&r->records);
  if (handle != NULL)
    *handle = g_steal_pointer (&r->handle);
  list_result_free (r);
  return records;
}
