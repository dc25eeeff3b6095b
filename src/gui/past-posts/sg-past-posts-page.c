/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Past Posts: audits of the archives the platforms let a doctor download. An archive is
 * imported (button or drop), or a signed-in Bluesky account's posts are listed over the API,
 * and every post goes through the analyzer on a worker thread
 * (SgAudit), and the posts that need attention are listed, most serious first, to be opened,
 * kept with a reason, or put on a list to delete by hand. Audits stay on this computer until
 * deleted. The GMC (Using social media 2024 ¶9; 2013 ¶8) and the BMA: what is online can be
 * found whatever the settings.
 *
 * This file is the page: its template and context, what its parts all use, and the public API;
 * the parts are the other sg-past-posts-page-*.c files (see sg-past-posts-page-private.h). */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-past-posts-page-private.h"

#include "sg-accounts.h"
#include "sg-error.h"
#include "sg-platform.h"
#include "sg-secrets.h"
#include "sg-toast.h"

G_DEFINE_FINAL_TYPE (SgPastPostsPage, sg_past_posts_page, GTK_TYPE_WIDGET)

enum {
  LOADED,
  DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What the parts share */

void
sg_past_posts_page_emit_loaded (SgPastPostsPage *self)
{
  g_signal_emit (self, signals[LOADED], 0);
}

void
sg_past_posts_page_emit_deleted (SgPastPostsPage *self)
{
  g_signal_emit (self, signals[DELETED], 0);
}

/* 1234567 → "1,234,567": the counts a doctor reads at a glance. */
char *
sg_past_posts_format_count (guint n)
{
  g_autofree char *digits = g_strdup_printf ("%u", n);
  GString *s = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, digits[i]);
    }
  return g_string_free (s, FALSE);
}

char *
sg_past_posts_format_day (gint64 unix_time)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (unix_time);
  g_autofree char *day = g_date_time_format (when, "%-d %B %Y");

  return g_strdup (g_strstrip (day));
}

const char *
sg_past_posts_platform_name (const char *id)
{
  const SgPlatform *platform = sg_platform_lookup (id, NULL);

  return platform != NULL ? platform->name : id;
}

const SgAuditRecord *
sg_past_posts_page_shown_record (SgPastPostsPage *self)
{
  for (guint i = 0; self->audits != NULL && i < self->audits->len; i++)
    {
      const SgAuditRecord *r = g_ptr_array_index (self->audits, i);

      if (r->id == self->shown_id)
        return r;
    }
  return NULL;
}

gpointer
sg_past_posts_page_job_result (SgPastPostsPage *self,
                               GAsyncResult    *result,
                               gboolean        *cancelled)
{
  g_autoptr(GError) error = NULL;
  gpointer data = g_task_propagate_pointer (G_TASK (result), &error);
  gboolean was_cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  if (data == NULL && error != NULL && !was_cancelled)
    sg_toast_show (GTK_WIDGET (self), error->message);
  if (cancelled != NULL)
    *cancelled = was_cancelled;
  return data;
}

GtkWidget *
sg_past_posts_page_new_delete_dialog (SgPastPostsPage *self,
                                      const char      *heading,
                                      const char      *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  /* A question about this page's posts goes with the page (rebuilt, or its window closed):
   * nothing was chosen, so nothing is done. */
  g_signal_connect_object (self, "destroy", G_CALLBACK (gtk_window_destroy), dialog,
                           G_CONNECT_SWAPPED);
  return dialog;
}

char *
sg_past_posts_secret_finish (GAsyncResult  *result,
                             const char    *account,
                             GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  char *token = sg_secrets_lookup_finish (result, &local_error);

  if (token == NULL && local_error == NULL)
    g_set_error (&local_error, SG_ERROR, SG_ERROR_SIGN_IN_NEEDED,
                 _("Your keyring has no sign-in for %s. Sign in again under Preferences → "
                   "Posting, then try again."), account);
  if (token == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return token;
}

/* The page */

void
sg_past_posts_page_set_token (SgPastPostsPage *self,
                              const char      *token)
{
  g_return_if_fail (SG_IS_PAST_POSTS_PAGE (self));

  g_free (self->token);
  self->token = g_strdup (token);
}

static void
sg_past_posts_page_dispose (GObject *object)
{
  SgPastPostsPage *self = SG_PAST_POSTS_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->audit_cancellable);
  if (self->grow_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->grow_id);
  self->grow_id = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_PAST_POSTS_PAGE);
  /* The template's root child has no id, so dispose_template leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->context = NULL;

  G_OBJECT_CLASS (sg_past_posts_page_parent_class)->dispose (object);
}

static void
sg_past_posts_page_finalize (GObject *object)
{
  SgPastPostsPage *self = SG_PAST_POSTS_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->audit_cancellable);
  g_clear_object (&self->running);
  g_clear_pointer (&self->audits, g_ptr_array_unref);
  g_clear_object (&self->items);
  g_clear_object (&self->slice);
  g_clear_object (&self->filtered);
  g_clear_pointer (&self->filter_categories, g_array_unref);
  g_clear_pointer (&self->filter_platforms, g_ptr_array_unref);
  g_clear_pointer (&self->filter_years, g_array_unref);
  g_free (self->search_folded);
  g_clear_pointer (&self->search_ids, g_hash_table_unref);
  g_queue_clear_full (&self->cached, g_object_unref);
  g_clear_pointer (&self->bound, g_hash_table_unref);
  g_clear_pointer (&self->waiting, g_hash_table_unref);
  g_clear_pointer (&self->wanted, g_ptr_array_unref);
  g_free (self->token);

  G_OBJECT_CLASS (sg_past_posts_page_parent_class)->finalize (object);
}

static void
sg_past_posts_page_class_init (SgPastPostsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_past_posts_page_dispose;
  object_class->finalize = sg_past_posts_page_finalize;

  signals[LOADED] =
    g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A post was deleted on its platform (or marked deleted) and logged: History has a new
   * entry. */
  signals[DELETED] =
    g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/SocialGuard/ui/sg-past-posts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, audit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, bluesky_button);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, bluesky_empty_button);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, categories_label);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, delete_button);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, filter_box);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, import_button);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, list);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, more_label);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, more_revealer);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, no_match_label);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, note_label);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, platform_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, stop_button);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, year_dropdown);

  sg_past_posts_page_class_init_import (widget_class);
  sg_past_posts_page_class_init_bluesky (widget_class);
  sg_past_posts_page_class_init_listing (widget_class);
  sg_past_posts_page_class_init_audits (widget_class);
  sg_past_posts_page_class_init_appraisal (widget_class);
}

static void
sg_past_posts_page_init (SgPastPostsPage *self)
{
  GtkListItemFactory *factory;
  GtkNoSelection *selection;
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->items = sg_audit_item_list_new (NULL);
  g_queue_init (&self->cached);
  self->bound = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->waiting = g_hash_table_new (NULL, NULL);
  self->wanted = g_ptr_array_new_with_free_func (g_object_unref);
  self->filter = gtk_custom_filter_new (sg_past_posts_page_filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->items)),
                                              GTK_FILTER (self->filter));
  self->filter_categories = g_array_new (FALSE, FALSE, sizeof (SgCategory));
  self->filter_platforms = g_ptr_array_new_with_free_func (g_free);
  self->filter_years = g_array_new (FALSE, FALSE, sizeof (int));
  factory = sg_past_posts_page_new_row_factory (self);
  gtk_list_view_set_factory (self->list, factory);
  g_object_unref (factory);
  self->slice = gtk_slice_list_model_new (G_LIST_MODEL (g_object_ref (self->filtered)), 0, 0);
  self->slice_target = PAGE_SIZE;
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->slice)));
  gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (sg_past_posts_page_filters_changed_cb), self);
  g_signal_connect_swapped (self->category_dropdown, "notify::selected",
                            G_CALLBACK (sg_past_posts_page_filters_changed_cb), self);
  g_signal_connect_swapped (self->platform_dropdown, "notify::selected",
                            G_CALLBACK (sg_past_posts_page_filters_changed_cb), self);
  g_signal_connect_swapped (self->year_dropdown, "notify::selected",
                            G_CALLBACK (sg_past_posts_page_filters_changed_cb), self);
  g_signal_connect_swapped (self->audit_dropdown, "notify::selected",
                            G_CALLBACK (sg_past_posts_page_audit_selected_cb), self);
  factory = sg_past_posts_page_new_audit_name_factory ();
  gtk_drop_down_set_factory (self->audit_dropdown, factory);
  g_object_unref (factory);

  drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (sg_past_posts_page_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  sg_past_posts_page_set_running (self, NULL);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

void
sg_past_posts_page_set_context (SgPastPostsPage *self,
                                SgContext       *context)
{
  g_return_if_fail (SG_IS_PAST_POSTS_PAGE (self));
  g_return_if_fail (SG_IS_CONTEXT (context));

  self->context = context;
  g_signal_connect_object (context, "notify::store",
                           G_CALLBACK (sg_past_posts_page_load_audits), self, G_CONNECT_SWAPPED);
  {
    g_autofree char *changed = g_strconcat ("changed::", sg_accounts_account_key ("bluesky"),
                                            NULL);

    /* Signing in or out under Preferences shows or hides the button at once. */
    g_signal_connect_object (sg_context_get_settings (context), changed,
                             G_CALLBACK (sg_past_posts_page_update_bluesky_buttons), self,
                             G_CONNECT_SWAPPED);
  }
  sg_past_posts_page_update_bluesky_buttons (self);
  sg_past_posts_page_load_audits (self);
}

gboolean
sg_past_posts_page_is_running (SgPastPostsPage *self)
{
  g_return_val_if_fail (SG_IS_PAST_POSTS_PAGE (self), FALSE);
  return self->running != NULL || self->listing;
}

gint64
sg_past_posts_page_get_audit_id (SgPastPostsPage *self)
{
  g_return_val_if_fail (SG_IS_PAST_POSTS_PAGE (self), 0);
  return self->shown_id;
}

guint
sg_past_posts_page_get_n_posts (SgPastPostsPage *self)
{
  g_return_val_if_fail (SG_IS_PAST_POSTS_PAGE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->items));
}

guint
sg_past_posts_page_get_n_shown (SgPastPostsPage *self)
{
  g_return_val_if_fail (SG_IS_PAST_POSTS_PAGE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

guint
sg_past_posts_page_get_n_bodies (SgPastPostsPage *self)
{
  guint n = 0;

  g_return_val_if_fail (SG_IS_PAST_POSTS_PAGE (self), 0);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->items)); i++)
    {
      g_autoptr(SgAuditItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      n += sg_audit_item_has_body (item);
    }
  return n;
}
