/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-export.h"
#include "sg-toast.h"

static void
response_cb (GtkNativeDialog *chooser,
             int              response,
             GtkWidget       *widget)
{
  SgExportChosen chosen = g_object_get_data (G_OBJECT (chooser), "chosen");
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    chosen (widget, file);
  g_object_unref (chooser);
}

void
sg_export_choose (GtkWidget      *widget,
                  const char     *title,
                  const char     *name,
                  SgExportChosen  chosen)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (title, GTK_WINDOW (gtk_widget_get_root (widget)),
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "chosen", chosen);
  /* The page may go while the chooser is open: then nothing is called. */
  g_signal_connect_object (chooser, "response", G_CALLBACK (response_cb), widget, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(GError) error = NULL;
  const char *done = g_object_get_data (G_OBJECT (object), "sg-export-done");

  if (g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    sg_toast_show (widget, done);
  else
    sg_toast_show (widget, error->message);
  g_object_set_data (G_OBJECT (object), "sg-export-done", NULL);
}

void
sg_export_write (GtkWidget  *widget,
                 GFile      *file,
                 char       *contents,
                 const char *done)
{
  g_autoptr(GBytes) bytes = g_bytes_new_take (contents, strlen (contents));

  g_object_set_data_full (G_OBJECT (file), "sg-export-done", g_strdup (done), g_free);
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                       NULL, written_cb, g_object_ref (widget));
}
