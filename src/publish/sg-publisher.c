/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The direct-posting sequence: log, find the secret, post, log the outcome. Store work runs
 * in threads; the network calls are the clients' own async operations. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sg-bluesky-client.h"
#include "sg-draft-photos.h"
#include "sg-error.h"
#include "sg-mastodon-client.h"
#include "sg-publications.h"
#include "sg-publisher.h"
#include "sg-secrets.h"

typedef struct {
  SgStore   *store;
  char      *platform;
  char      *server;
  char      *account;
  char      *visibility;
  char      *language;
  SgPostProgressFunc progress;
  gpointer   progress_data;
  char      *token;
  char      *key;
  gint64     draft_id;
  char      *text;
  char      *declaration;
  GPtrArray *acks;
  GPtrArray *photos;   /* SgDraftPhoto */
  gint64     id;
  gint64     first_at;    /* Unix seconds of the first attempt at this post */
  guint      attempts;    /* including this one */
  char      *url;
  GError    *failure;
} Post;

static void
post_free (Post *p)
{
  g_object_unref (p->store);
  g_free (p->platform);
  g_free (p->server);
  g_free (p->account);
  g_free (p->visibility);
  g_free (p->language);
  if (p->token != NULL)
    memset (p->token, 0, strlen (p->token));
  g_free (p->token);
  g_free (p->key);
  g_free (p->text);
  g_free (p->declaration);
  g_clear_pointer (&p->acks, g_ptr_array_unref);
  g_clear_pointer (&p->photos, g_ptr_array_unref);
  g_free (p->url);
  g_clear_error (&p->failure);
  g_free (p);
}

/* Step 4: the outcome, in the log, then to the caller. */
static void
record_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Post *p = task_data;
  GError *error = NULL;

  if (g_error_matches (p->failure, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (&p->failure);
      /* Mastodon keeps an Idempotency-Key for about an hour; Bluesky's record key is ours. */
      p->failure = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                        g_str_equal (p->platform, "mastodon")
                                        ? _("Stopped before the server answered, so it may or "
                                            "may not have been posted. Your text is kept; "
                                            "posting again within the hour is safe, it will not "
                                            "appear twice.")
                                        : _("Stopped before the server answered, so it may or may "
                                            "not have been posted. Your text is kept; posting "
                                            "again is safe, it will not appear twice."));
    }

  /* Not cancellable: what happened must be written down. */
  if (!sg_publications_update (p->store, p->id, NULL, NULL, p->url ? "posted" : "failed", p->url,
                               p->failure ? p->failure->message : NULL, &error))
    g_warning ("Could not record the outcome of a post: %s", error->message);
  g_clear_error (&error);

  if (p->failure != NULL)
    g_task_return_error (task, g_steal_pointer (&p->failure));
  else
    g_task_return_pointer (task, g_strdup (p->url), g_free);
}

static void
posted_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  Post *p = g_task_get_task_data (task);

  if (SG_IS_MASTODON_CLIENT (object))
    p->url = sg_mastodon_client_post_finish (SG_MASTODON_CLIENT (object), result, &p->failure);
  else
    p->url = sg_bluesky_client_post_finish (SG_BLUESKY_CLIENT (object), result, &p->failure);
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, record_thread);
  g_object_unref (task);
}

/* Step 3: send. */
static void
send_post (GTask *task)
{
  Post *p = g_task_get_task_data (task);

  if (g_str_equal (p->platform, "mastodon"))
    {
      g_autoptr(SgMastodonClient) client = sg_mastodon_client_new (p->server, p->token);

      for (guint i = 0; p->photos != NULL && i < p->photos->len; i++)
        {
          SgDraftPhoto *photo = g_ptr_array_index (p->photos, i);
          sg_mastodon_client_add_image (client, sg_draft_photo_get_posted_path (photo), photo->alt_text);
        }
      sg_mastodon_client_set_progress (client, p->progress, p->progress_data);
      sg_mastodon_client_set_language (client, p->language);
      if (p->attempts > 1)
        sg_mastodon_client_set_first_attempt (client, p->first_at * G_USEC_PER_SEC);
      sg_mastodon_client_post_async (client, p->text, p->visibility ? p->visibility : "public", p->key,
                                     g_task_get_cancellable (task), posted_cb, task);
    }
  else
    {
      g_autoptr(SgBlueskyClient) client = sg_bluesky_client_new (p->server, p->account, p->token);

      for (guint i = 0; p->photos != NULL && i < p->photos->len; i++)
        {
          SgDraftPhoto *photo = g_ptr_array_index (p->photos, i);
          sg_bluesky_client_add_image (client, sg_draft_photo_get_posted_path (photo), photo->alt_text);
        }
      /* Bluesky has no idempotency key: the record key, made from the first attempt's time,
       * plays its part. */
      sg_bluesky_client_set_first_attempt (client, p->first_at * G_USEC_PER_SEC, p->attempts > 1);
      sg_bluesky_client_set_progress (client, p->progress, p->progress_data);
      sg_bluesky_client_set_language (client, p->language);
      sg_bluesky_client_post_async (client, p->text, p->key, g_task_get_cancellable (task),
                                    posted_cb, task);
    }
}

/* Step 2: the secret. */
static void
secret_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  Post *p = g_task_get_task_data (task);

  p->token = sg_secrets_lookup_finish (result, &p->failure);
  if (p->token == NULL && p->failure == NULL)
    p->failure = g_error_new (SG_ERROR, SG_ERROR_SIGN_IN_NEEDED,
                              _("You are not signed in to %s here. Sign in under Preferences → "
                                "Posting; the post was not sent and your text is kept."),
                              p->server);
  if (p->failure != NULL)
    {
      g_task_set_check_cancellable (task, FALSE);
      g_task_run_in_thread (task, record_thread);
      g_object_unref (task);
      return;
    }
  send_post (task);
}

/* Step 1: logged as pending before anything leaves. */
static void
log_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Post *p = task_data;
  GError *error = NULL;

  p->id = sg_publications_log (p->store, p->draft_id, p->platform, "post", p->text,
                               p->declaration, "pending", p->acks, p->photos, &error);
  if (p->id <= 0 ||
      !sg_publications_update (p->store, p->id, p->account, p->key, "pending", NULL, NULL, &error) ||
      !sg_publications_first_attempt (p->store, p->key, &p->first_at, &p->attempts, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
logged_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *outer = user_data;
  Post *p = g_task_get_task_data (outer);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, error);
      g_object_unref (outer);
      return;
    }
  if (p->token != NULL)
    send_post (outer);
  else
    sg_secrets_lookup_async (p->platform, p->server, p->account, g_task_get_cancellable (outer),
                             secret_cb, outer);
}

void
sg_publisher_post_async (SgStore             *store,
                         const SgPostTarget  *target,
                         const char          *token,
                         gint64               draft_id,
                         const char          *final_text,
                         const char          *declaration,
                         GPtrArray           *acks,
                         GPtrArray           *photos,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *outer = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GTask) log = NULL;
  g_autofree char *seed = NULL;
  Post *p = g_new0 (Post, 1);

  g_return_if_fail (g_strcmp0 (target->platform, "mastodon") == 0 ||
                    g_strcmp0 (target->platform, "bluesky") == 0);

  p->store = g_object_ref (store);
  p->platform = g_strdup (target->platform);
  p->server = g_strdup (target->server);
  p->account = g_strdup (target->account);
  p->visibility = g_strdup (target->visibility);
  p->language = g_strdup (target->language);
  p->progress = target->progress;
  p->progress_data = target->progress_data;
  p->token = g_strdup (token);
  p->draft_id = draft_id;
  p->text = g_strdup (final_text);
  p->declaration = g_strdup (declaration);
  p->acks = acks ? g_ptr_array_ref (acks) : NULL;
  p->photos = photos ? g_ptr_array_ref (photos) : NULL;
  /* Same draft, account, text and pictures: same key, so a retry after a failure is safe;
   * a different photo or description makes it a different post. */
  seed = g_strdup_printf ("%" G_GINT64_FORMAT "\n%s\n%s\n%s\n%s", draft_id, p->platform, p->server,
                          p->account, final_text);
  for (guint i = 0; photos != NULL && i < photos->len; i++)
    {
      SgDraftPhoto *photo = g_ptr_array_index (photos, i);
      char *more = g_strconcat (seed, "\n", sg_draft_photo_get_posted_path (photo), "\n",
                                photo->alt_text ? photo->alt_text : "", NULL);
      g_free (seed);
      seed = more;
    }
  p->key = g_compute_checksum_for_string (G_CHECKSUM_SHA256, seed, -1);

  g_task_set_source_tag (outer, sg_publisher_post_async);
  g_task_set_task_data (outer, p, (GDestroyNotify) post_free);

  log = g_task_new (NULL, cancellable, logged_cb, outer);
  /* Once logged as pending, the entry must be settled even if the user stops now. */
  g_task_set_check_cancellable (log, FALSE);
  g_task_set_task_data (log, p, NULL);
  g_task_run_in_thread (log, log_thread);
}

char *
sg_publisher_post_finish (GAsyncResult  *result,
                          GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
