/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sg-drafts-popover.h"
#include "sg-drafts.h"
#include "sg-store-job.h"

struct _SgDraftsPopover
{
  GtkPopover     parent_instance;

  /* Template children */
  GtkListBox    *list;

  SgContext     *context;
  GCancellable  *cancellable;
  GArray        *ids;           /* gint64: the draft of each row, in the list's order */
};

G_DEFINE_FINAL_TYPE (SgDraftsPopover, sg_drafts_popover, GTK_TYPE_POPOVER)

enum {
  OPENING,
  DRAFT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

/* A draft is named by its title, else by its first line: what the user would recognise. */
static GtkWidget *
draft_row_new (SgDraft *draft)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (draft->updated_at);
  g_autofree char *stamp = g_date_time_format (when, "%e %b %H:%M");
  g_autofree char *first_line = NULL;
  const char *title = draft->title;
  GtkWidget *row = adw_action_row_new ();

  if (title == NULL || *title == '\0')
    {
      const char *nl = strchr (draft->body ? draft->body : "", '\n');
      first_line = nl ? g_strndup (draft->body, nl - draft->body) : g_strdup (draft->body);
      title = (first_line && *first_line) ? first_line : _("Untitled draft");
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), stamp);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

/* Callbacks */

static gpointer
list_job (SgStore   *store,
          gpointer   data,
          GError   **error)
{
  return sg_drafts_list (store, error);
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  SgDraftsPopover *self = SG_DRAFTS_POPOVER (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) drafts = g_task_propagate_pointer (G_TASK (result), &error);
  GtkWidget *child;

  /* Cancelled: the popover is going away with its list. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* A store that cannot be read lists nothing rather than drafts it no longer has. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_array_set_size (self->ids, 0);

  for (guint i = 0; drafts != NULL && i < drafts->len; i++)
    {
      SgDraft *draft = g_ptr_array_index (drafts, i);

      gtk_list_box_append (self->list, draft_row_new (draft));
      g_array_append_val (self->ids, draft->id);
    }
}

static void
row_activated_cb (SgDraftsPopover *self,
                  GtkListBoxRow   *row)
{
  int i = gtk_list_box_row_get_index (row);
  gint64 id;

  g_assert (i >= 0 && (guint) i < self->ids->len);
  id = g_array_index (self->ids, gint64, i);
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[DRAFT_ACTIVATED], 0, id);
}

/* GObject */

/* Read on every opening: drafts are saved, created and deleted while the popover is closed. */
static void
sg_drafts_popover_show (GtkWidget *widget)
{
  SgDraftsPopover *self = SG_DRAFTS_POPOVER (widget);
  SgStore *store = self->context != NULL ? sg_context_get_store (self->context) : NULL;

  GTK_WIDGET_CLASS (sg_drafts_popover_parent_class)->show (widget);

  if (store == NULL)
    return;

  g_signal_emit (self, signals[OPENING], 0);
  sg_store_job_run_full (self, store, self->cancellable, list_job, NULL, NULL,
                         (GDestroyNotify) g_ptr_array_unref, listed_cb, NULL);
}

static void
sg_drafts_popover_dispose (GObject *object)
{
  SgDraftsPopover *self = SG_DRAFTS_POPOVER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_DRAFTS_POPOVER);

  G_OBJECT_CLASS (sg_drafts_popover_parent_class)->dispose (object);
}

static void
sg_drafts_popover_finalize (GObject *object)
{
  SgDraftsPopover *self = SG_DRAFTS_POPOVER (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->ids, g_array_unref);

  G_OBJECT_CLASS (sg_drafts_popover_parent_class)->finalize (object);
}

static void
sg_drafts_popover_class_init (SgDraftsPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_drafts_popover_dispose;
  object_class->finalize = sg_drafts_popover_finalize;
  widget_class->show = sg_drafts_popover_show;

  signals[OPENING] =
    g_signal_new ("opening", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[DRAFT_ACTIVATED] =
    g_signal_new ("draft-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/SocialGuard/ui/sg-drafts-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, SgDraftsPopover, list);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
sg_drafts_popover_init (SgDraftsPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/* Public API */

void
sg_drafts_popover_set_context (SgDraftsPopover *self,
                               SgContext       *context)
{
  g_return_if_fail (SG_IS_DRAFTS_POPOVER (self));
  g_return_if_fail (SG_IS_CONTEXT (context));

  g_set_object (&self->context, context);
}
