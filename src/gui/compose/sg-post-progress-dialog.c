/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-post-progress-dialog.h"
#include "sg-post-progress.h"

struct _SgPostProgressDialog
{
  AdwMessageDialog  parent_instance;

  GtkLabel         *stage;
  GtkProgressBar   *bar;
  guint             pulse_source;
};

G_DEFINE_FINAL_TYPE (SgPostProgressDialog, sg_post_progress_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* The servers say nothing of how far an upload has got: the bar only shows that something is
 * happening. */
static gboolean
pulse_cb (gpointer user_data)
{
  SgPostProgressDialog *self = user_data;

  gtk_progress_bar_pulse (self->bar);
  return G_SOURCE_CONTINUE;
}

static void
sg_post_progress_dialog_dispose (GObject *object)
{
  SgPostProgressDialog *self = SG_POST_PROGRESS_DIALOG (object);

  g_clear_handle_id (&self->pulse_source, g_source_remove);

  G_OBJECT_CLASS (sg_post_progress_dialog_parent_class)->dispose (object);
}

static void
sg_post_progress_dialog_class_init (SgPostProgressDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sg_post_progress_dialog_dispose;
}

static void
sg_post_progress_dialog_init (SgPostProgressDialog *self)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *stage = gtk_label_new (_("Starting…"));
  GtkWidget *bar = gtk_progress_bar_new ();

  gtk_widget_add_css_class (stage, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (stage), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Posting progress"), -1);
  gtk_box_append (GTK_BOX (box), stage);
  gtk_box_append (GTK_BOX (box), bar);
  self->stage = GTK_LABEL (stage);
  self->bar = GTK_PROGRESS_BAR (bar);

  adw_message_dialog_set_body (dialog,
                               _("Photos are uploaded first, then the text. If you stop now, the "
                                 "post may or may not appear; posting again within the hour is "
                                 "safe, it will not appear twice."));
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_response (dialog, "cancel", _("_Stop"));
  adw_message_dialog_set_close_response (dialog, "cancel");
  self->pulse_source = g_timeout_add (150, pulse_cb, self);
}

SgPostProgressDialog *
sg_post_progress_dialog_new (GtkWindow  *parent,
                             const char *platform_name)
{
  g_autofree char *heading = g_strdup_printf (_("Posting to %s…"), platform_name);

  return g_object_new (SG_TYPE_POST_PROGRESS_DIALOG,
                       "transient-for", parent,
                       "heading", heading,
                       NULL);
}

void
sg_post_progress_dialog_set_stage (SgPostProgressDialog *self,
                                   guint                 current,
                                   guint                 total)
{
  g_autofree char *what = NULL;

  g_return_if_fail (SG_IS_POST_PROGRESS_DIALOG (self));

  if (total == SG_POST_PROGRESS_WAITING)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (current);
      g_autofree char *at = when ? g_date_time_format (when, "%H:%M:%S") : g_strdup ("?");

      /* Translators: %s is a time of day such as 14:05:30. */
      what = g_strdup_printf (_("The server limits how often you can post. Waiting until %s, "
                                "then sending it…"), at);
    }
  else
    what = total > 0 ? g_strdup_printf (_("Uploading photo %u of %u…"), current, total)
                     : g_strdup (_("Sending the post…"));
  gtk_label_set_label (self->stage, what);
}
