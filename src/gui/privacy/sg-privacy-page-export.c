/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the Privacy page writes to files: the review schedule as a calendar, and the history of
 * completed reviews for an appraisal. */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-privacy-page-private.h"

#include "sg-export.h"
#include "sg-reminders.h"
#include "sg-review-history.h"

/* The schedule as a calendar file */

static void
calendar_chosen (GtkWidget *widget,
                 GFile     *file)
{
  SgPrivacyPage *self = SG_PRIVACY_PAGE (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  char *ics;
  GDate date;

  if (self->profiles == NULL)
    return;
  sg_privacy_today (&date);
  if ((ics = sg_reminders_to_ics (self->profiles, &date, now, &error)) == NULL)
    {
      sg_privacy_page_toast (self, error->message);
      return;
    }
  sg_export_write (widget, file, ics, _("Calendar exported"));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  sg_export_choose (widget, _("Export Review Schedule"), "privacy-reviews.ics", calendar_chosen);
}

/* The history, for appraisal */

static gpointer
history_job (SgStore   *store,
             gpointer   data,
             GError   **error)
{
  return sg_review_history_to_html (store, error);
}

static void
history_made_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  char *html = g_task_propagate_pointer (G_TASK (result), &error);

  if (html == NULL)
    sg_privacy_page_toast (SG_PRIVACY_PAGE (object), error->message);
  else
    sg_export_write (GTK_WIDGET (object), file, html,
                     _("History exported; open it in a browser to print it"));
}

static void
history_chosen (GtkWidget *widget,
                GFile     *file)
{
  sg_privacy_page_run_job (SG_PRIVACY_PAGE (widget), history_job, NULL, NULL, history_made_cb,
                           g_object_ref (file));
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  sg_export_choose (widget, _("Export Review History"), "privacy-review-history.html",
                    history_chosen);
}

void
sg_privacy_page_class_init_export (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "privacy.export-calendar", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "privacy.export-history", NULL, history_action);
}
