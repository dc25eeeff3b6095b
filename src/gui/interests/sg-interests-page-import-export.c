/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The register read from a file (JSON or CSV) and written to one (CSV, HTML or JSON). */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-interests-page-private.h"

#include "sg-export.h"
#include "sg-signal.h"
#include "sg-interest-io.h"
#include "sg-interest-register.h"

static gpointer
import_job (SgStore   *store,
            gpointer   data,
            GError   **error)
{
  g_autoptr(GPtrArray) interests = sg_interests_load_file (data, error);

  if (interests == NULL || !sg_interest_register_import (store, interests, error))
    return NULL;
  return GINT_TO_POINTER (1);
}

static void
import_chosen (GtkWidget *widget,
               GFile     *file)
{
  sg_interests_page_run_job (SG_INTERESTS_PAGE (widget), import_job, g_file_get_path (file),
                             g_free, sg_interests_page_changed_cb);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GtkFileChooserNative *chooser =
    sg_export_new_import_chooser (widget, _("Import Interests"), import_chosen);

  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* An export being asked about: the page and the format chosen ("csv", "html", "json"). */
typedef struct {
  SgInterestsPage *self;
  char            *format;
} Export;

static void
export_free (gpointer  data,
             GClosure *closure)
{
  Export *export = data;

  g_free (export->format);
  g_free (export);
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    Export          *export)
{
  SgInterestsPage *self = export->self;
  const char *format = export->format;
  g_autoptr(GFile) file = NULL;
  g_autofree char *data = NULL;
  g_autofree char *today = today_string ();

  if (response == GTK_RESPONSE_ACCEPT && self->interests != NULL &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      if (g_str_equal (format, "csv"))
        data = sg_interests_to_csv_data (self->interests);
      else if (g_str_equal (format, "html"))
        data = sg_interests_to_html (self->interests, NULL, today);
      else
        data = sg_interests_to_json_data (self->interests);

      /* Readable by the user only (a register lists payments), written off the main loop. */
      sg_export_write (GTK_WIDGET (self), file, g_steal_pointer (&data), _("Exported"));
    }
  g_object_unref (chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  const char *format = g_variant_get_string (parameter, NULL);
  g_autofree char *name = g_strdup_printf ("interests.%s", format);
  Export *export = g_new0 (Export, 1);
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Export Interests"),
                                 GTK_WINDOW (gtk_widget_get_root (widget)),
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  export->self = SG_INTERESTS_PAGE (widget);
  export->format = g_strdup (format);
  /* Tied to the page as well: if the page goes while the chooser is open, the answer is
   * dropped instead of reaching a freed page. */
  sg_signal_connect_data_object (chooser, "response", G_CALLBACK (export_response_cb), export,
                                 export_free, widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
sg_interests_page_class_init_import_export (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "interests.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "interests.export", "s", export_action);
}
