/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Privacy page's follow-up: the settings a review found needing action, listed under their
 * account until each is marked changed (the date goes into the review history). */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-privacy-page-private.h"

#include "sg-checklist.h"

/* The follow-up: settings a review found wanting, ticked off once changed */

typedef struct {
  gint64  profile_id;
  char   *item_id;
  char   *title;
} ActionDone;

static void
action_done_free (ActionDone *a)
{
  g_free (a->item_id);
  g_free (a->title);
  g_free (a);
}

static gpointer
action_done_job (SgStore   *store,
                 gpointer   data,
                 GError   **error)
{
  ActionDone *a = data;

  return sg_reviews_action_done (store, a->profile_id, a->item_id, error) ? GINT_TO_POINTER (1)
                                                                          : NULL;
}

static void
action_marked_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SgPrivacyPage *self = SG_PRIVACY_PAGE (object);
  g_autoptr(GError) error = NULL;

  if (g_task_propagate_pointer (G_TASK (result), &error) != NULL)
    sg_privacy_page_toast (self, _("Marked as changed; the date is kept in the review history"));
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    sg_privacy_page_toast (self, error->message);
  sg_privacy_page_reload (self);
}

static void
action_done_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ActionDone *a = g_new0 (ActionDone, 1);

  g_variant_get (parameter, "(xs)", &a->profile_id, &a->item_id);
  sg_privacy_page_run_job (SG_PRIVACY_PAGE (widget), action_done_job, a,
                           (GDestroyNotify) action_done_free, action_marked_cb, NULL);
}

static char *
item_title (SgChecklist *checklist,
            const char  *item_id)
{
  for (guint i = 0; checklist != NULL && i < checklist->items->len; i++)
    {
      SgChecklistItem *item = g_ptr_array_index (checklist->items, i);

      if (g_strcmp0 (item->id, item_id) == 0)
        return g_strdup (item->title);
    }
  return g_strdup (item_id);
}

void
sg_privacy_page_add_follow_up_rows (AdwExpanderRow  *expander,
                                    const SgProfile *profile,
                                    GPtrArray       *actions)
{
  g_autoptr(SgChecklist) checklist = sg_checklist_load (profile->platform, NULL);

  for (guint i = 0; i < actions->len; i++)
    {
      SgReviewAnswer *a = g_ptr_array_index (actions, i);
      g_autofree char *title = item_title (checklist, a->item_id);
      g_autofree char *label = g_strdup_printf (_("Mark “%s” as changed"), title);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *done = gtk_button_new_with_mnemonic (_("_Mark as Changed"));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   a->note != NULL && *a->note != '\0'
                                   ? a->note : _("Found needing action at the last review"));
      gtk_widget_set_valign (done, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (done, _("I have changed this setting"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (done), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (done), "privacy.action-done");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (done), "(xs)", profile->id, a->item_id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), done);
      adw_expander_row_add_row (expander, row);
    }
}

void
sg_privacy_page_class_init_follow_up (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "privacy.action-done", "(xs)",
                                   action_done_action);
}
