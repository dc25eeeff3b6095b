/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The appraisal record: every audit, what it found and what was done, read off the main loop
 * and saved as a printable page or a CSV, readable by the user only. */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-past-posts-page-private.h"

#include "sg-appraisal.h"
#include "sg-export.h"
#include "sg-store-job.h"

typedef struct {
  GFile    *file;
  gboolean  csv;
  gboolean  include_text;
} Export;

static void
export_free (gpointer data)
{
  Export *e = data;

  g_object_unref (e->file);
  g_free (e);
}

static gpointer
appraisal_job (SgStore  *store,
               gpointer  data,
               GError  **error)
{
  return sg_appraisal_read (store, error);
}

static void
appraisal_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SgPastPostsPage *self = SG_PAST_POSTS_PAGE (object);
  Export *e = user_data;
  g_autoptr(SgAppraisal) appraisal = sg_past_posts_page_job_result (self, result, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  /* With none, what went wrong has been said (unless the page went). */
  if (appraisal != NULL && e->csv)
    sg_export_write (GTK_WIDGET (self), e->file,
                     sg_appraisal_to_csv (appraisal, now, e->include_text),
                     _("Appraisal record saved; open it in a spreadsheet"));
  else if (appraisal != NULL)
    sg_export_write (GTK_WIDGET (self), e->file,
                     sg_appraisal_to_html (appraisal, now, e->include_text),
                     _("Appraisal record saved; open it in a browser to print it"));
  export_free (e);
}

void
sg_past_posts_page_export_appraisal (SgPastPostsPage *self,
                                     GFile           *file,
                                     gboolean         csv,
                                     gboolean         include_text)
{
  SgStore *store;
  Export *e;

  g_return_if_fail (SG_IS_PAST_POSTS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if ((store = get_store (self)) == NULL)
    return;
  e = g_new0 (Export, 1);
  e->file = g_object_ref (file);
  e->csv = csv;
  e->include_text = include_text;
  if (!sg_store_job_run_full (self, store, self->cancellable, appraisal_job, NULL, NULL,
                              (GDestroyNotify) sg_appraisal_free, appraisal_read_cb, e))
    export_free (e);
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    SgPastPostsPage *self)
{
  g_autoptr(GFile) file = NULL;
  gboolean csv = g_strcmp0 (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "format"),
                            "csv") == 0;
  gboolean text = g_strcmp0 (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "text"),
                             "true") == 0;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);

      /* The name proposed ends in .html; a CSV chosen afterwards gets its own ending. */
      if (csv && g_str_has_suffix (name, ".html"))
        {
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autofree char *stem = g_strndup (name, strlen (name) - strlen (".html"));
          g_autofree char *renamed = g_strconcat (stem, ".csv", NULL);

          GFile *csv_file = g_file_get_child (parent, renamed);

          g_object_unref (file);
          file = csv_file;
        }
      sg_past_posts_page_export_appraisal (self, file, csv, text);
    }
  g_object_unref (chooser);
}

static void
export_appraisal_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SgPastPostsPage *self = SG_PAST_POSTS_PAGE (widget);
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Export Appraisal Record"),
                                 GTK_WINDOW (gtk_widget_get_root (widget)),
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  const char *formats[] = { "html", "csv", NULL };
  const char *format_labels[] = { _("Printable page (HTML)"), _("Spreadsheet (CSV)"), NULL };

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "appraisal-record.html");
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "format", _("Format"), formats,
                               format_labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "format", "html");
  /* Off unless ticked: the record is meant to be handed over, and the posts may be the very
   * thing that should not travel further. */
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "text", _("Include the posts’ text"),
                               NULL, NULL);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "text", "false");
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
sg_past_posts_page_class_init_appraisal (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "past-posts.export-appraisal", NULL,
                                   export_appraisal_action);
}
