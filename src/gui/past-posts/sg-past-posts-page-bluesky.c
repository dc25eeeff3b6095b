/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Auditing the signed-in Bluesky account's own posts without an export: they are listed over
 * the API (the token from the keyring), read as past posts on a worker, and audited like an
 * archive's. The page is the only place that sees publish, archive and audit together, so it
 * glues them here (HACKING.md). */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-past-posts-page-private.h"

#include "sg-accounts.h"
#include "sg-bluesky-client.h"
#include "sg-bluesky-record.h"
#include "sg-error.h"
#include "sg-secrets.h"
#include "sg-toast.h"
#include "sg-worker.h"

void
sg_past_posts_page_update_bluesky_buttons (SgPastPostsPage *self)
{
  GSettings *settings = get_settings (self);
  gboolean signed_in = settings != NULL && sg_accounts_signed_in (settings, "bluesky", NULL, NULL);
  gboolean any = self->audits != NULL && self->audits->len > 0;

  /* With no audit yet the empty page has its own, larger button. */
  gtk_widget_set_visible (self->bluesky_button, signed_in && any);
  gtk_widget_set_visible (self->bluesky_empty_button, signed_in);
}

static void
end_listing (SgPastPostsPage *self,
             const GError    *error)
{
  self->listing = FALSE;
  g_clear_object (&self->audit_cancellable);
  sg_past_posts_page_set_running (self, NULL);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    sg_toast_show (GTK_WIDGET (self), _("Stopped before any post was checked"));
  else if (error != NULL)
    sg_toast_show (GTK_WIDGET (self), error->message);
}

typedef struct {
  GPtrArray *records;   /* JsonObject, as listed */
  char      *handle;
} Listed;

static void
listed_free (gpointer data)
{
  Listed *l = data;

  g_clear_pointer (&l->records, g_ptr_array_unref);
  g_free (l->handle);
  g_free (l);
}

/* On a worker: thousands of records take longer to read than a frame. A record the reader
 * cannot take is left out; the server lists only this collection's, so that is a damaged
 * record, not a post unseen. */
static gpointer
read_records_work (gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  Listed *l = data;
  GPtrArray *posts = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_past_post_free);

  for (guint i = 0; i < l->records->len; i++)
    {
      SgPastPost *post = sg_bluesky_record_to_post (g_ptr_array_index (l->records, i), NULL);

      if (post != NULL)
        g_ptr_array_add (posts, post);
    }
  g_clear_pointer (&l->records, g_ptr_array_unref);
  return posts;
}

static void
records_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SgPastPostsPage *self = user_data;   /* a reference, held for the listing */
  Listed *l = sg_worker_get_data (result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) posts = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(SgAudit) audit = NULL;
  g_autofree char *name = NULL;
  SgStore *store = get_store (self);
  SgAnalyzer *analyzer = get_analyzer (self);

  if (self->context == NULL)
    {
      g_object_unref (self);
      return;
    }
  if (posts == NULL || store == NULL || analyzer == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, SG_ERROR, SG_ERROR_FAILED,
                             _("SocialGuard is still starting; try again in a moment"));
      end_listing (self, error);
      g_object_unref (self);
      return;
    }

  /* Translators: the name an audit of a signed-in account is listed under; %s is the handle. */
  name = g_strdup_printf (_("Bluesky account @%s"), l->handle);
  audit = sg_audit_new_for_posts (store, analyzer, posts, name);
  self->listing = FALSE;
  sg_past_posts_page_run_audit (self, audit);
  g_object_unref (self);
}

static void
bluesky_listed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SgPastPostsPage *self = user_data;   /* a reference, held for the listing */
  g_autoptr(GError) error = NULL;
  Listed *l = g_new0 (Listed, 1);

  l->records = sg_bluesky_client_list_posts_finish (SG_BLUESKY_CLIENT (object), result,
                                                    &l->handle, &error);
  if (self->context == NULL || l->records == NULL)
    {
      if (self->context != NULL)
        end_listing (self, error);
      listed_free (l);
      g_object_unref (self);
      return;
    }
  sg_worker_run (self, self->audit_cancellable, read_records_work, l, listed_free,
                 (GDestroyNotify) g_ptr_array_unref, records_read_cb, self);
}

static void
bluesky_list (SgPastPostsPage *self,
              const char      *server,
              const char      *account,
              const char      *token)
{
  g_autoptr(SgBlueskyClient) client = sg_bluesky_client_new (server, account, token);

  sg_bluesky_client_list_posts_async (client, self->audit_cancellable, bluesky_listed_cb,
                                      g_object_ref (self));
}

typedef struct {
  SgPastPostsPage *self;
  char            *server;
  char            *account;
} BlueskyLookup;

static void
bluesky_secret_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  BlueskyLookup *l = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = sg_past_posts_secret_finish (result, l->account, &error);

  if (l->self->context != NULL)
    {
      if (token == NULL)
        end_listing (l->self, error);
      else
        {
          bluesky_list (l->self, l->server, l->account, token);
          memset (token, 0, strlen (token));
        }
    }
  g_object_unref (l->self);
  g_free (l->server);
  g_free (l->account);
  g_free (l);
}

static void
audit_bluesky_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SgPastPostsPage *self = SG_PAST_POSTS_PAGE (widget);
  GSettings *settings = get_settings (self);
  g_autofree char *server = NULL;
  g_autofree char *account = NULL;

  if (self->running != NULL || self->listing || !sg_past_posts_page_check_ready (self))
    return;
  if (!sg_accounts_signed_in (settings, "bluesky", &server, &account))
    {
      sg_toast_show (widget, _("Sign in to Bluesky under Preferences → Posting first"));
      return;
    }

  self->listing = TRUE;
  self->audit_cancellable = g_cancellable_new ();
  gtk_label_set_text (self->progress_label, _("Reading your posts from Bluesky…"));
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  sg_past_posts_page_set_running (self, NULL);
  if (self->token != NULL)
    bluesky_list (self, server, account, self->token);
  else
    {
      BlueskyLookup *l = g_new0 (BlueskyLookup, 1);

      l->self = g_object_ref (self);
      l->server = g_strdup (server);
      l->account = g_strdup (account);
      sg_secrets_lookup_async ("bluesky", server, account, self->cancellable, bluesky_secret_cb,
                               l);
    }
}

void
sg_past_posts_page_class_init_bluesky (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "past-posts.audit-bluesky", NULL,
                                   audit_bluesky_action);
}
