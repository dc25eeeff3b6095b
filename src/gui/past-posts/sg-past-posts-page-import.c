/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Importing an archive (chosen or dropped) and the audit running: its progress, stopping it,
 * and what it found once it ends. */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-past-posts-page-private.h"

#include "sg-export.h"
#include "sg-toast.h"

/* The audit running */

static void
audit_progress_cb (SgAudit         *audit,
                   guint            n_done,
                   double           fraction,
                   SgPastPostsPage *self)
{
  g_autofree char *done = sg_past_posts_format_count (n_done);
  g_autofree char *text = NULL;

  /* The total is only known at the end: the share of the file read gives an estimate once
   * enough of it has been read to be worth saying. */
  if (fraction >= 0.02 && fraction < 1.0)
    {
      guint about = (guint) (n_done / fraction);
      g_autofree char *total = NULL;

      guint scale = 1;

      /* Two significant figures: "about 5,000", not "about 4,987". */
      while (about / scale >= 100)
        scale *= 10;
      about = (about + scale / 2) / scale * scale;
      total = sg_past_posts_format_count (MAX (about, n_done));
      text = g_strdup_printf (_("%s of about %s posts checked"), done, total);
    }
  else
    text = g_strdup_printf (ngettext ("%s post checked", "%s posts checked", n_done), done);
  gtk_label_set_text (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
}

void
sg_past_posts_page_set_running (SgPastPostsPage *self,
                                SgAudit         *audit)
{
  gboolean running = audit != NULL || self->listing;

  g_set_object (&self->running, audit);
  gtk_revealer_set_reveal_child (self->progress_revealer, running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "past-posts.import", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "past-posts.audit-bluesky", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "past-posts.delete-audit", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "past-posts.stop", running);
}

static void
audit_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  SgPastPostsPage *self = user_data;   /* a reference, held for the audit */
  SgAudit *audit = SG_AUDIT (object);
  g_autoptr(GError) error = NULL;
  gint64 id = sg_audit_run_finish (audit, result, &error);

  g_clear_object (&self->audit_cancellable);
  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL || self->context != NULL)
    {
      sg_past_posts_page_set_running (self, NULL);
      if (id == 0)
        sg_toast_show (GTK_WIDGET (self), error->message);
      else
        {
          const SgAuditRecord *r = sg_audit_get_record (audit);

          if (r->run == SG_AUDIT_RUN_STOPPED)
            sg_toast_show (GTK_WIDGET (self), _("Audit stopped; the posts checked so far are "
                                                "kept"));
          self->want_id = id;
        }
      /* Also after an error: a store that refused a write may have kept part of it. */
      sg_past_posts_page_load_audits (self);
    }
  g_object_unref (self);
}

void
sg_past_posts_page_run_audit (SgPastPostsPage *self,
                              SgAudit         *audit)
{
  g_signal_connect_object (audit, "progress", G_CALLBACK (audit_progress_cb), self, 0);
  sg_past_posts_page_set_running (self, audit);
  sg_audit_run_async (audit, self->audit_cancellable, audit_done_cb, g_object_ref (self));
}

gboolean
sg_past_posts_page_check_ready (SgPastPostsPage *self)
{
  if (get_store (self) != NULL && get_analyzer (self) != NULL)
    return TRUE;
  sg_toast_show (GTK_WIDGET (self), _("SocialGuard is still starting; try again in a moment"));
  return FALSE;
}

/* Importing an archive */

void
sg_past_posts_page_import (SgPastPostsPage *self,
                           GFile           *file)
{
  g_autoptr(SgAudit) audit = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (SG_IS_PAST_POSTS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->running != NULL || self->listing)
    {
      sg_toast_show (GTK_WIDGET (self), _("An audit is already running: stop it or wait for it "
                                          "to finish"));
      return;
    }
  if (!sg_past_posts_page_check_ready (self))
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      sg_toast_show (GTK_WIDGET (self), _("This file is not on this computer: download it "
                                          "first, then import it"));
      return;
    }

  audit = sg_audit_new (get_store (self), get_analyzer (self), path);
  self->audit_cancellable = g_cancellable_new ();
  gtk_label_set_text (self->progress_label, _("Reading the archive…"));
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  sg_past_posts_page_run_audit (self, audit);
}

static void
archive_chosen (GtkWidget *widget,
                GFile     *file)
{
  sg_past_posts_page_import (SG_PAST_POSTS_PAGE (widget), file);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GtkFileChooserNative *chooser =
    sg_export_new_import_chooser (widget, _("Import an Archive of Your Posts"), archive_chosen);
  g_autoptr(GtkFileFilter) archives = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  const char * const patterns[] = { "*.zip", "*.tar.gz", "*.tgz", "*.js", "*.json", "*.csv" };

  gtk_file_filter_set_name (archives, _("Archives of posts"));
  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    gtk_file_filter_add_pattern (archives, patterns[i]);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), archives);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SgPastPostsPage *self = SG_PAST_POSTS_PAGE (widget);

  g_cancellable_cancel (self->audit_cancellable);
  gtk_label_set_text (self->progress_label, _("Stopping…"));
}

/* A file dropped on the page is imported like one chosen. */
gboolean
sg_past_posts_page_drop_cb (GtkDropTarget   *target,
                            const GValue    *value,
                            double           x,
                            double           y,
                            SgPastPostsPage *self)
{
  if (!G_VALUE_HOLDS (value, G_TYPE_FILE) || self->running != NULL || self->listing)
    return FALSE;
  sg_past_posts_page_import (self, g_value_get_object (value));
  return TRUE;
}

void
sg_past_posts_page_class_init_import (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "past-posts.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "past-posts.stop", NULL, stop_action);
}
