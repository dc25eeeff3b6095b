/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What happens to an interest after it is added, each appended to its log: ending it, removing
 * it (each asked in a small dialog with one field), and reading its history. */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-interests-page-private.h"

#include "sg-interest-register.h"
#include "sg-signal.h"

typedef struct {
  gint64  id;
  char   *text;
} IdText;

static void
id_text_free (IdText *d)
{
  g_free (d->text);
  g_free (d);
}

static gpointer
end_job (SgStore   *store,
         gpointer   data,
         GError   **error)
{
  IdText *d = data;
  g_autofree char *date = sg_interest_date_from_user (d->text);

  return sg_interest_register_end (store, d->id, date, error) ? GINT_TO_POINTER (1) : NULL;
}

static gpointer
remove_job (SgStore   *store,
            gpointer   data,
            GError   **error)
{
  IdText *d = data;
  return sg_interest_register_remove (store, d->id, d->text, error) ? GINT_TO_POINTER (1) : NULL;
}

/* What a dialog of ask() is about; its entry is owned by the dialog. */
typedef struct {
  SgInterestsPage *self;
  gint64           id;
  SgStoreJob       job;     /* run with the interest's id and the entry's text */
  GtkEditable     *entry;
} Question;

static void
question_free (gpointer  data,
               GClosure *closure)
{
  g_free (data);
}

static void
ask_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 Question         *question)
{
  IdText *d;

  if (!g_str_equal (response, "ok"))
    return;

  d = g_new0 (IdText, 1);
  d->id = question->id;
  d->text = g_strstrip (g_strdup (gtk_editable_get_text (question->entry)));
  sg_interests_page_run_job (question->self, question->job, d, (GDestroyNotify) id_text_free,
                             sg_interests_page_changed_cb);
}

static void
ask_entry_changed_cb (AdwMessageDialog *dialog,
                      GtkEditable      *entry)
{
  g_autofree char *s = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "ok", *s != '\0');
}

static void
ask (SgInterestsPage *self,
     gint64           id,
     const char      *heading,
     const char      *body,
     const char      *field,
     const char      *value,
     const char      *ok_label,
     gboolean         destructive,
     gboolean         is_date,
     SgStoreJob       job)
{
  AdwMessageDialog *dialog;
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *entry = adw_entry_row_new ();
  Question *question = g_new0 (Question, 1);

  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), field);
  gtk_editable_set_text (GTK_EDITABLE (entry), value != NULL ? value : "");
  if (is_date)
    sg_interests_add_date_picker (entry);
  gtk_list_box_append (GTK_LIST_BOX (list), entry);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, body));
  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "ok", ok_label);
  adw_message_dialog_set_response_appearance (dialog, "ok", destructive ? ADW_RESPONSE_DESTRUCTIVE
                                                                         : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");
  question->self = self;
  question->id = id;
  question->job = job;
  question->entry = GTK_EDITABLE (entry);
  sg_signal_connect_data_object (dialog, "response", G_CALLBACK (ask_response_cb), question,
                                 question_free, self);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (ask_entry_changed_cb), dialog);
  ask_entry_changed_cb (dialog, GTK_EDITABLE (entry));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
end_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  g_autofree char *today = today_string ();

  ask (SG_INTERESTS_PAGE (widget), g_variant_get_int64 (parameter), _("End Interest"),
       _("It will still be declared for a while after it ends, as set in Preferences."),
       _("Ended on (such as 12/09/2024)"), today, _("_End"), FALSE, TRUE, end_job);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ask (SG_INTERESTS_PAGE (widget), g_variant_get_int64 (parameter), _("Remove Interest?"),
       _("It will no longer be declared. Its history is kept, with your reason."),
       _("Reason for removing it"), NULL, _("_Remove"), TRUE, FALSE, remove_job);
}

static gpointer
history_job (SgStore   *store,
             gpointer   data,
             GError   **error)
{
  return sg_interest_register_history (store, GPOINTER_TO_SIZE (data), error);
}

static void
history_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  SgInterestsPage *self = SG_INTERESTS_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *dialog;

  if (events == NULL)
    {
      if (error != NULL)
        toast (self, error->message);
      return;
    }

  for (guint i = 0; i < events->len; i++)
    {
      SgInterestEvent *e = g_ptr_array_index (events, i);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (e->at);
      g_autofree char *stamp = g_date_time_format (when, "%e %b %Y %H:%M");
      const char *kind = g_str_equal (e->kind, "added") ? _("Added")
                       : g_str_equal (e->kind, "edited") ? _("Edited")
                       : g_str_equal (e->kind, "ended") ? _("Ended") : _("Removed");

      g_string_append_printf (body, "%s — %s", g_strstrip (stamp), kind);
      if (e->reason != NULL)
        g_string_append_printf (body, _(": “%s”"), e->reason);
      g_string_append_c (body, '\n');
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("History"), body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  g_ptr_array_set_free_func (events, (GDestroyNotify) sg_interest_event_free);
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  sg_interests_page_run_job (SG_INTERESTS_PAGE (widget), history_job,
                             GSIZE_TO_POINTER (g_variant_get_int64 (parameter)), NULL, history_cb);
}

void
sg_interests_page_class_init_events (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "interests.end", "x", end_action);
  gtk_widget_class_install_action (widget_class, "interests.remove", "x", remove_action);
  gtk_widget_class_install_action (widget_class, "interests.history", "x", history_action);
}
