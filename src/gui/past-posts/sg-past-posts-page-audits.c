/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The stored audits: the list of them read from the store, the dropdown that picks one, the
 * summary of the one shown (what was checked, what was found, how much is reviewed, why it may
 * be incomplete), and deleting one. */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-past-posts-page-private.h"

#include "sg-store-job.h"
#include "sg-toast.h"

/* The summary of the audit shown */

void
sg_past_posts_page_update_summary (SgPastPostsPage *self)
{
  const SgAuditRecord *r = sg_past_posts_page_shown_record (self);
  g_autoptr(GString) categories = g_string_new (NULL);
  g_autoptr(GString) note = g_string_new (NULL);
  g_autofree char *checked = NULL;
  g_autofree char *day = NULL;
  g_autofree char *summary = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items)), n_reviewed = 0;

  if (r == NULL)
    return;

  checked = sg_past_posts_format_count (r->n_checked);
  day = sg_past_posts_format_day (r->started_at);
  if (r->n_flagged == 0)
    /* Translators: "1,234 posts checked in archive.zip on 6 December 2026: none needs …" */
    summary = g_strdup_printf (ngettext ("%s post checked in %s on %s: none needs attention",
                                         "%s posts checked in %s on %s: none needs attention",
                                         r->n_checked), checked, r->file_name, day);
  else
    {
      g_autofree char *flagged = sg_past_posts_format_count (r->n_flagged);

      summary = g_strdup_printf (ngettext ("%s post checked in %s on %s: %s needs attention",
                                           "%s posts checked in %s on %s: %s need attention",
                                           r->n_checked), checked, r->file_name, day, flagged);
    }
  gtk_label_set_text (self->summary_label, summary);

  for (SgCategory c = 0; c < SG_N_CATEGORIES; c++)
    if (r->by_category[c] > 0)
      g_string_append_printf (categories, "%s%s %u", categories->len ? " · " : "",
                              sg_category_get_title (c), r->by_category[c]);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SgAuditItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      n_reviewed += sg_audit_item_get_status (item) != SG_AUDIT_STATUS_OPEN;
    }
  if (n > 0)
    g_string_append_printf (categories, ngettext ("\n%u of %u reviewed", "\n%u of %u reviewed", n),
                            n_reviewed, n);
  gtk_label_set_text (self->categories_label, categories->str);
  gtk_widget_set_visible (GTK_WIDGET (self->categories_label), categories->len > 0);

  switch (r->run)
    {
    case SG_AUDIT_RUN_STOPPED:
      g_string_append (note, _("This audit was stopped before the end of the archive: import "
                               "it again to check the rest."));
      break;
    case SG_AUDIT_RUN_RUNNING:
      if (self->running == NULL)
        g_string_append (note, _("SocialGuard closed before this audit finished: the posts "
                                 "listed were found before then. Import the archive again to "
                                 "check all of it."));
      break;
    case SG_AUDIT_RUN_FAILED:
      g_string_append_printf (note, _("The archive could not be read to the end: %s"),
                              r->error != NULL ? r->error : _("the data could not be saved"));
      break;
    case SG_AUDIT_RUN_DONE:
    default:
      break;
    }
  if (r->n_skipped > 0)
    g_string_append_printf (note, ngettext ("%s%u item of the archive could not be read and "
                                            "was not checked.",
                                            "%s%u items of the archive could not be read and "
                                            "were not checked.", r->n_skipped),
                            note->len ? " " : "", r->n_skipped);
  gtk_label_set_text (self->note_label, note->str);
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note->len > 0);
}

/* The list of audits */

static void
fill_audit_dropdown (SgPastPostsPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  for (guint i = 0; i < self->audits->len; i++)
    {
      const SgAuditRecord *r = g_ptr_array_index (self->audits, i);
      g_autofree char *day = sg_past_posts_format_day (r->started_at);
      g_autofree char *name = NULL;

      /* Translators: an audit in the list of stored audits: "archive.zip, 6 December 2026". */
      name = g_strdup_printf (_("%s, %s"), r->file_name, day);
      gtk_string_list_append (names, name);
      if (r->id == self->want_id)
        selected = i;
    }
  self->filling_audits = TRUE;
  gtk_drop_down_set_model (self->audit_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->audit_dropdown, selected);
  self->filling_audits = FALSE;
}

static gpointer
list_audits_job (SgStore  *store,
                 gpointer  data,
                 GError  **error)
{
  return sg_audits_list (store, error);
}

static void
audits_listed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SgPastPostsPage *self = SG_PAST_POSTS_PAGE (object);
  GPtrArray *audits = sg_past_posts_page_job_result (self, result, NULL);
  gboolean any;

  if (audits == NULL)
    return;
  g_clear_pointer (&self->audits, g_ptr_array_unref);
  self->audits = audits;
  any = audits->len > 0;
  gtk_widget_set_visible (GTK_WIDGET (self->audit_dropdown), any);
  gtk_widget_set_visible (self->delete_button, any);
  gtk_widget_set_visible (self->export_button, any);
  /* With none, the empty page has its own, larger Import button. */
  gtk_widget_set_visible (self->import_button, any);
  sg_past_posts_page_update_bluesky_buttons (self);
  fill_audit_dropdown (self);

  if (!any)
    {
      self->shown_id = 0;
      sg_past_posts_page_focus_out_of_list (self);
      /* The last audit's posts go the same way as when another is shown: on a worker. */
      sg_past_posts_page_take_items (self, sg_audit_item_list_new (NULL));
      gtk_filter_list_model_set_model (self->filtered, G_LIST_MODEL (self->items));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      sg_past_posts_page_emit_loaded (self);
      return;
    }
  sg_past_posts_page_show_audit (self, ((SgAuditRecord *) g_ptr_array_index (audits,
                     gtk_drop_down_get_selected (self->audit_dropdown)))->id);
}

void
sg_past_posts_page_load_audits (SgPastPostsPage *self)
{
  SgStore *store = get_store (self);

  if (store == NULL)
    return;
  sg_store_job_run (self, store, self->cancellable, list_audits_job, NULL, NULL,
                    audits_listed_cb, NULL);
}

void
sg_past_posts_page_audit_selected_cb (SgPastPostsPage *self)
{
  guint i = gtk_drop_down_get_selected (self->audit_dropdown);

  if (self->filling_audits || self->audits == NULL || i >= self->audits->len)
    return;
  self->want_id = ((SgAuditRecord *) g_ptr_array_index (self->audits, i))->id;
  sg_past_posts_page_show_audit (self, self->want_id);
}

/* Deleting the audit shown */

static gpointer
delete_job (SgStore  *store,
            gpointer  data,
            GError  **error)
{
  if (!sg_audits_delete (store, *(gint64 *) data, error))
    return NULL;
  return data;
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  SgPastPostsPage *self = SG_PAST_POSTS_PAGE (object);

  if (sg_past_posts_page_job_result (self, result, NULL) == NULL)
    return;
  sg_toast_show (GTK_WIDGET (self), _("Audit deleted"));
  self->want_id = 0;
  sg_past_posts_page_load_audits (self);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    SgPastPostsPage  *self)
{
  SgStore *store = get_store (self);
  gint64 id = self->shown_id;

  if (!g_str_equal (response, "delete") || store == NULL || id == 0)
    return;
  sg_store_job_run (self, store, self->cancellable, delete_job, g_memdup2 (&id, sizeof id),
                    g_free, deleted_cb, NULL);
}

static void
delete_audit_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SgPastPostsPage *self = SG_PAST_POSTS_PAGE (widget);
  const SgAuditRecord *r = sg_past_posts_page_shown_record (self);
  g_autofree char *day = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (r == NULL)
    return;
  day = sg_past_posts_format_day (r->started_at);
  body = g_strdup_printf (_("The audit of %s from %s, the posts it found and your decisions "
                            "about them are removed from this computer. Nothing on the "
                            "platforms is touched."), r->file_name, day);
  dialog = sg_past_posts_page_new_delete_dialog (self, _("Delete This Audit?"), body);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}


/* The stored audits' names ("Bluesky account @name.bsky.social, 6 December 2026") are long:
 * shown whole, the dropdown's own width made the page wider than a 1024-pixel screen once the
 * header row had its buttons. Ellipsized in the middle it can shrink; the list that drops down
 * still shows them whole, as it takes its natural width. */
static void
audit_name_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
audit_name_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

GtkListItemFactory *
sg_past_posts_page_new_audit_name_factory (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (audit_name_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (audit_name_bind_cb), NULL);
  return factory;
}

void
sg_past_posts_page_class_init_audits (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "past-posts.delete-audit", NULL,
                                   delete_audit_action);
}
