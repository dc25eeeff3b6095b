/* SPDX-License-Identifier: GPL-3.0-or-later */
/* History: every post that left SocialGuard, newest first, with its declaration and the
 * reasons given for posting past a warning. Read-only: the log is a record, for appraisal. */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-export.h"
#include "sg-history-page.h"
#include "sg-platform.h"
#include "sg-publications.h"
#include "sg-store-job.h"
#include "sg-toast.h"

struct _SgHistoryPage
{
  GtkWidget       parent_instance;

  GtkWidget      *content;       /* the template's root, bound so that it is disposed */
  AdwStatusPage  *empty;
  GtkListBox     *list;
  GtkSearchEntry *search;
  GtkStack       *stack;

  SgContext *context;
  GCancellable   *cancellable;   /* of the listing in flight */
  GPtrArray      *shown;         /* SgPublication* */
};

G_DEFINE_FINAL_TYPE (SgHistoryPage, sg_history_page, GTK_TYPE_WIDGET)

enum {
  LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (SgHistoryPage *self,
       const char *text)
{
  sg_toast_show (GTK_WIDGET (self), text);
}

static SgStore *
get_store (SgHistoryPage *self)
{
  return self->context != NULL ? sg_context_get_store (self->context) : NULL;
}

static const char *
method_label (const char *method,
              const char *status)
{
  /* A direct post is only "posted" when the server said so. */
  if (g_strcmp0 (method, "post") == 0 && g_strcmp0 (status, "failed") == 0)
    return _("Not posted");
  if (g_strcmp0 (method, "post") == 0 && g_strcmp0 (status, "pending") == 0)
    return _("Sending, or stopped before an answer");
  if (g_strcmp0 (method, "copy") == 0)
    return _("Copied");
  if (g_strcmp0 (method, "share") == 0)
    return _("Share page");
  if (g_strcmp0 (method, "post") == 0)
    return _("Posted");
  return method;
}

/* Rows */

static GtkWidget *
detail_label (const char *text,
              gboolean    dim)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

/* A past post deleted from its platform: what, where and when, never its text. */
static GtkWidget *
deletion_row (const SgPublication *p)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (p->at);
  g_autofree char *stamp = g_date_time_format (when, "%e %b %Y %H:%M");
  g_autofree char *title = sg_publication_deletion_title (p);
  g_autofree char *subtitle = g_strdup_printf ("%s%s%s", g_strstrip (stamp),
                                               p->account ? " · " : "",
                                               p->account ? p->account : "");
  GtkWidget *row = adw_expander_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  subtitle, -1);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            detail_label (p->remote_url ? p->remote_url
                                                        : _("The archive gave no link."), TRUE));
  return row;
}

static GtkWidget *
publication_row (const SgPublication *p)
{
  const SgPlatform *platform = sg_platform_lookup (p->platform, NULL);
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (p->at);
  g_autofree char *stamp = g_date_time_format (when, "%e %b %Y %H:%M");
  g_autofree char *subtitle = NULL;
  g_autofree char *first_line = NULL;
  const char *nl = strchr (p->final_text ? p->final_text : "", '\n');
  GtkWidget *row = adw_expander_row_new ();

  first_line = nl ? g_strndup (p->final_text, nl - p->final_text) : g_strdup (p->final_text);
  /* libadwaita 1.2 cannot limit an expander row's title to one line: shorten it here. */
  if (first_line != NULL && g_utf8_strlen (first_line, -1) > 90)
    {
      g_autofree char *head = g_utf8_substring (first_line, 0, 89);
      g_free (first_line);
      first_line = g_strconcat (head, "…", NULL);
    }
  subtitle = g_strdup_printf ("%s · %s%s%s · %s", g_strstrip (stamp),
                              platform != NULL ? platform->name : p->platform,
                              p->account ? " " : "", p->account ? p->account : "",
                              method_label (p->method, p->status));
  if (p->acknowledged != NULL)
    {
      g_autofree char *plain = g_steal_pointer (&subtitle);
      subtitle = g_strdup_printf (_("%s · posted past a warning"), plain);
    }
  if (p->consent != NULL)
    {
      g_autofree char *plain = g_steal_pointer (&subtitle);
      subtitle = g_strdup_printf (_("%s · patient’s consent recorded"), plain);
    }

  /* Drafts are plain text: "&" or "<" in a post must not be read as markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), first_line ? first_line : "");
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  subtitle, -1);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), detail_label (p->final_text, FALSE));
  if (p->declaration == NULL || *p->declaration == '\0')
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                              detail_label (_("No declaration was appended."), TRUE));
  if (p->acknowledged != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Posted past these warnings, with your reasons:\n%s"),
                                               p->acknowledged);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), detail_label (text, TRUE));
    }
  if (p->consent != NULL)
    {
      /* Translators: "Consent: given 12 Sep 2026, in their notes": the patient's. */
      g_autofree char *text = g_strdup_printf (_("Consent: %s"), p->consent);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), detail_label (text, TRUE));
    }
  if (p->photos != NULL)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), detail_label (p->photos, TRUE));
  if (p->remote_url != NULL)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), detail_label (p->remote_url, TRUE));
  if (p->error != NULL)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), detail_label (p->error, TRUE));
  return row;
}

static void
rebuild (SgHistoryPage *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search));
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  for (guint i = 0; self->shown != NULL && i < self->shown->len; i++)
    {
      const SgPublication *p = g_ptr_array_index (self->shown, i);

      gtk_list_box_append (self->list, g_strcmp0 (p->method, "delete") == 0 ? deletion_row (p)
                                                                            : publication_row (p));
    }

  if (self->shown != NULL && self->shown->len > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else
    {
      if (*query != '\0')
        {
          adw_status_page_set_title (self->empty, _("No Matching Posts"));
          adw_status_page_set_description (self->empty, _("Try other words, a platform or an account."));
        }
      else
        {
          adw_status_page_set_title (self->empty, _("Nothing Published Yet"));
          adw_status_page_set_description (self->empty,
                                           _("When a post leaves SocialGuard, by copy, share page or "
                                             "direct posting, it is recorded here with its "
                                             "declaration and any warnings you posted past. The "
                                             "record stays on this computer."));
        }
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
}

/* Listing, off the main loop */

/* @data: what the search field held, or NULL for everything. */
static gpointer
list_job (SgStore   *store,
          gpointer   data,
          GError   **error)
{
  return sg_publications_list (store, data, error);
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  SgHistoryPage *self = SG_HISTORY_PAGE (object);
  g_autoptr(GError) error = NULL;
  GPtrArray *list = g_task_propagate_pointer (G_TASK (result), &error);

  if (list == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  self->shown = list;
  rebuild (self);
  g_signal_emit (self, signals[LOADED], 0);
}

void
sg_history_page_reload (SgHistoryPage *self)
{
  SgStore *store = get_store (self);
  g_autofree char *query = NULL;

  g_return_if_fail (SG_IS_HISTORY_PAGE (self));

  if (store == NULL)
    return;

  /* A newer search replaces the one in flight. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search))));
  sg_store_job_run_full (self, store, self->cancellable, list_job,
                         *query ? g_steal_pointer (&query) : NULL, g_free,
                         (GDestroyNotify) g_ptr_array_unref, listed_cb, NULL);
}

void
sg_history_page_set_context (SgHistoryPage *self,
                                 SgContext     *context)
{
  self->context = context;
  g_signal_connect_object (context, "notify::store", G_CALLBACK (sg_history_page_reload),
                           self, G_CONNECT_SWAPPED);
  sg_history_page_reload (self);
}

guint
sg_history_page_get_n_shown (SgHistoryPage *self)
{
  g_return_val_if_fail (SG_IS_HISTORY_PAGE (self), 0);

  return self->shown != NULL ? self->shown->len : 0;
}

/* Export, for appraisal */

static void
export_chosen (GtkWidget *widget,
               GFile     *file)
{
  SgHistoryPage *self = SG_HISTORY_PAGE (widget);
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();

  sg_export_write (widget, file, sg_publications_to_html (self->shown ? self->shown : empty),
                   _("History exported; open it in a browser to print it"));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  sg_export_choose (widget, _("Export Publishing History"), "publishing-history.html",
                    export_chosen);
}

/* GObject */

static void
sg_history_page_dispose (GObject *object)
{
  SgHistoryPage *self = SG_HISTORY_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_HISTORY_PAGE);

  G_OBJECT_CLASS (sg_history_page_parent_class)->dispose (object);
}

static void
sg_history_page_finalize (GObject *object)
{
  SgHistoryPage *self = SG_HISTORY_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->shown, g_ptr_array_unref);

  G_OBJECT_CLASS (sg_history_page_parent_class)->finalize (object);
}

static void
sg_history_page_class_init (SgHistoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_history_page_dispose;
  object_class->finalize = sg_history_page_finalize;

  signals[LOADED] =
    g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "history.export", NULL, export_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/SocialGuard/ui/sg-history-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SgHistoryPage, content);
  gtk_widget_class_bind_template_child (widget_class, SgHistoryPage, empty);
  gtk_widget_class_bind_template_child (widget_class, SgHistoryPage, list);
  gtk_widget_class_bind_template_child (widget_class, SgHistoryPage, search);
  gtk_widget_class_bind_template_child (widget_class, SgHistoryPage, stack);
  gtk_widget_class_bind_template_callback (widget_class, sg_history_page_reload);
}

static void
sg_history_page_init (SgHistoryPage *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  rebuild (self);
}
