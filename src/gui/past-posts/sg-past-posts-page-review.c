/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a post's row asks for: a decision kept (keep, mark deleted, undo), or the post deleted
 * on its platform. */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-past-posts-page-private.h"

#include "sg-accounts.h"
#include "sg-bluesky-client.h"
#include "sg-mastodon-client.h"
#include "sg-publications.h"
#include "sg-secrets.h"
#include "sg-signal.h"
#include "sg-store-job.h"

/* Reviews: each decision is written off the main loop, then shown */

typedef struct {
  SgAuditItem   *item;
  SgAuditStatus  status;
  char          *reason;
  gint64         at;
} ReviewJob;

static void
review_job_free (gpointer data)
{
  ReviewJob *job = data;

  g_object_unref (job->item);
  g_free (job->reason);
  g_free (job);
}

static gpointer
review_job (SgStore  *store,
            gpointer  data,
            GError  **error)
{
  ReviewJob *job = data;

  if (!sg_audits_review_post (store, sg_audit_item_get_id (job->item), job->status,
                              job->reason, job->at, error))
    return NULL;
  /* Deleted by hand on the platform: History keeps that too, as it keeps what was posted. */
  if (job->status == SG_AUDIT_STATUS_DELETED &&
      sg_publications_log_deletion (store, sg_audit_item_get_platform (job->item), NULL,
                                    sg_audit_item_get_url (job->item), SG_DELETION_BY_HAND,
                                    job->at, sg_audit_item_get_id (job->item), error) < 0)
    return NULL;
  return job;
}

static void
reviewed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  SgPastPostsPage *self = SG_PAST_POSTS_PAGE (object);
  ReviewJob *job = sg_past_posts_page_job_result (self, result, NULL);

  if (job == NULL)
    return;
  sg_audit_item_set_review (job->item, job->status, job->reason, job->at);
  /* What the last delete attempt said no longer applies to a decision made since. */
  sg_audit_item_set_note (job->item, NULL, FALSE);
  sg_past_posts_page_update_summary (self);
  if (job->status == SG_AUDIT_STATUS_DELETED)
    sg_past_posts_page_emit_deleted (self);
}

void
sg_past_posts_page_row_review_cb (SgPastPostRow   *row,
                                  int              status,
                                  const char      *reason,
                                  SgPastPostsPage *self)
{
  SgStore *store = get_store (self);
  ReviewJob *job;

  if (store == NULL)
    return;
  job = g_new0 (ReviewJob, 1);
  job->item = g_object_ref (sg_past_post_row_get_item (row));
  job->status = status;
  job->reason = g_strdup (reason);
  job->at = g_get_real_time () / G_USEC_PER_SEC;
  /* The task's GCancellable is the page's; the job itself goes with the task. */
  sg_store_job_run (self, store, self->cancellable, review_job, job, review_job_free,
                    reviewed_cb, NULL);
}

/* Deleting a post on the platform: the account checked, the doctor asked, the secret read,
 * the delete sent, and the outcome stored and logged, each step off the main loop. The post
 * keeps its row whatever happens; what happened is written under it. */

typedef struct {
  SgPastPostsPage *self;      /* held from the answer to the end; not while asking (NULL) */
  SgAuditItem     *item;
  char            *platform;
  char            *server;
  char            *account;
  char            *owner;     /* from the post's address: "@name@server" or a DID */
  gboolean         already_gone;
  gint64           at;
} Deletion;

static void
deletion_free (Deletion *d)
{
  g_clear_object (&d->self);
  g_clear_object (&d->item);
  g_free (d->platform);
  g_free (d->server);
  g_free (d->account);
  g_free (d->owner);
  g_free (d);
}

static void
deletion_failed (Deletion     *d,
                 const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    sg_audit_item_set_note (d->item, NULL, FALSE);
  else
    sg_audit_item_set_note (d->item, error->message, FALSE);
  deletion_free (d);
}

static gpointer
deletion_store_job (SgStore  *store,
                    gpointer  data,
                    GError  **error)
{
  Deletion *d = data;
  SgDeletionHow how = d->already_gone ? SG_DELETION_ALREADY_GONE : SG_DELETION_PLATFORM;

  if (!sg_audits_review_post (store, sg_audit_item_get_id (d->item), SG_AUDIT_STATUS_DELETED,
                              NULL, d->at, error) ||
      sg_publications_log_deletion (store, d->platform, d->account,
                                    sg_audit_item_get_url (d->item), how, d->at,
                                    sg_audit_item_get_id (d->item), error) < 0)
    return NULL;
  return d;
}

static void
deletion_stored_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SgPastPostsPage *self = SG_PAST_POSTS_PAGE (object);
  Deletion *d = user_data;
  g_autoptr(GError) error = NULL;
  const char *name = sg_past_posts_platform_name (d->platform);
  g_autofree char *note = NULL;

  if (g_task_propagate_pointer (G_TASK (result), &error) == NULL)
    {
      /* Gone from the platform all the same: say so, so it is not tried again blindly. */
      g_autofree char *text = g_strdup_printf (_("Deleted from %s, but SocialGuard could not "
                                                 "record it: %s"), name, error->message);

      sg_audit_item_set_note (d->item, text, FALSE);
      deletion_free (d);
      return;
    }
  sg_audit_item_set_review (d->item, SG_AUDIT_STATUS_DELETED, NULL, d->at);
  if (d->already_gone)
    note = g_strdup_printf (_("It was already gone from %s, so it is marked deleted."), name);
  else
    note = g_strdup_printf (_("Deleted from %s. History has a note of it, without its text."),
                            name);
  sg_audit_item_set_note (d->item, note, FALSE);
  sg_past_posts_page_update_summary (self);
  sg_past_posts_page_emit_deleted (self);
  deletion_free (d);
}

static void
deletion_done (Deletion *d)
{
  SgStore *store = get_store (d->self);

  d->at = g_get_real_time () / G_USEC_PER_SEC;
  if (store == NULL)
    {
      sg_audit_item_set_note (d->item, _("Deleted, but your SocialGuard data could not be "
                                         "opened to record it."), FALSE);
      deletion_free (d);
      return;
    }
  /* The task holds the page; the Deletion goes to the callback whatever happens. */
  sg_store_job_run (d->self, store, NULL, deletion_store_job, d, NULL, deletion_stored_cb, d);
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Deletion *d = user_data;
  g_autoptr(GError) error = NULL;
  gboolean deleted;

  if (SG_IS_MASTODON_CLIENT (object))
    deleted = sg_mastodon_client_delete_finish (SG_MASTODON_CLIENT (object), result,
                                                &d->already_gone, &error);
  else
    deleted = sg_bluesky_client_delete_finish (SG_BLUESKY_CLIENT (object), result,
                                               &d->already_gone, &error);
  if (deleted)
    deletion_done (d);
  else
    deletion_failed (d, error);
}

static void
deletion_send (Deletion   *d,
               const char *token)
{
  const char *id = sg_audit_item_get_post_id (d->item);

  if (g_str_equal (d->platform, "mastodon"))
    {
      g_autoptr(SgMastodonClient) client = sg_mastodon_client_new (d->server, token);

      sg_mastodon_client_delete_async (client, id, d->self->cancellable, deleted_cb, d);
    }
  else
    {
      g_autoptr(SgBlueskyClient) client = sg_bluesky_client_new (d->server, d->account, token);

      sg_bluesky_client_delete_async (client, d->owner, id, d->self->cancellable, deleted_cb,
                                      d);
    }
}

static void
deletion_secret_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Deletion *d = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = sg_past_posts_secret_finish (result, d->account, &error);

  if (token == NULL)
    {
      deletion_failed (d, error);
      return;
    }
  deletion_send (d, token);
  memset (token, 0, strlen (token));
}

/* The question's Deletion goes with its handler: when the dialog goes, answered or not (the
 * window closed, the page rebuilt), or when the page goes. It does not hold the page, or a
 * dialog left open would keep the page alive. */
static void
question_free (gpointer  data,
               GClosure *closure)
{
  Deletion *asked = data;

  asked->self = NULL;
  deletion_free (asked);
}

static void
deletion_confirmed_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       gpointer          user_data)
{
  Deletion *asked = user_data;
  Deletion *d;
  g_autofree char *busy = NULL;

  if (!g_str_equal (response, "delete"))
    return;
  /* Confirmed: the deletion takes what the question held, and holds the page until it is
   * done. */
  d = g_memdup2 (asked, sizeof *asked);
  memset (asked, 0, sizeof *asked);
  g_object_ref (d->self);
  busy = g_strdup_printf (_("Deleting from %s…"), sg_past_posts_platform_name (d->platform));
  sg_audit_item_set_note (d->item, busy, TRUE);
  if (d->self->token != NULL)
    deletion_send (d, d->self->token);
  else
    sg_secrets_lookup_async (d->platform, d->server, d->account, d->self->cancellable,
                             deletion_secret_cb, d);
}

void
sg_past_posts_page_row_delete_online_cb (SgPastPostRow   *row,
                                         SgPastPostsPage *self)
{
  SgAuditItem *item = sg_past_post_row_get_item (row);
  const char *platform_id = sg_audit_item_get_platform (item);
  const char *name = sg_past_posts_platform_name (platform_id);
  GSettings *settings = get_settings (self);
  g_autofree char *server = NULL;
  g_autofree char *account = NULL;
  g_autofree char *owner = sg_audit_item_dup_owner (item);
  g_autofree char *heading = NULL;
  g_autofree char *note = NULL;
  Deletion *d;
  GtkWidget *dialog;

  if (sg_audit_item_get_busy (item))
    return;
  if (owner == NULL)
    note = g_strdup_printf (_("The archive gives no address for this post, so SocialGuard cannot "
                              "tell which account wrote it. Delete it on %s, then mark it "
                              "deleted."), name);
  else if (!sg_accounts_signed_in (settings, platform_id, &server, &account))
    note = g_strdup_printf (_("To delete it from here, sign in to the %s account that wrote it "
                              "under Preferences → Posting. Or delete it on %s, then mark it "
                              "deleted."), name, name);
  /* Mastodon names the account in the post's address; Bluesky's DID is checked against the
   * session's when signing in, as only the server knows whose DID it is. */
  else if (g_str_equal (platform_id, "mastodon") && g_ascii_strcasecmp (owner, account) != 0)
    note = g_strdup_printf (_("This post is from %s, and you are signed in as %s. Sign in to %s "
                              "under Preferences → Posting to delete it from here."),
                            owner, account, owner);
  if (note != NULL)
    {
      sg_audit_item_set_note (item, note, FALSE);
      return;
    }

  d = g_new0 (Deletion, 1);
  d->self = self;
  d->item = g_object_ref (item);
  d->platform = g_strdup (platform_id);
  d->server = g_steal_pointer (&server);
  d->account = g_steal_pointer (&account);
  d->owner = g_steal_pointer (&owner);

  /* Translators: %s is "Mastodon" or "Bluesky". */
  heading = g_strdup_printf (_("Delete this post from %s?"), name);
  dialog = sg_past_posts_page_new_delete_dialog (self, heading,
                                                 _("This cannot be undone. It is removed for "
                                                   "everyone who can see it; SocialGuard keeps "
                                                   "only its address and the date, in "
                                                   "History."));
  sg_signal_connect_data_object (dialog, "response", G_CALLBACK (deletion_confirmed_cb), d,
                                 question_free, self);
  gtk_window_present (GTK_WINDOW (dialog));
}
