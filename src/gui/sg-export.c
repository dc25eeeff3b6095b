/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-export.h"
#include "sg-signal.h"
#include "sg-toast.h"

/* Asking where: the widget that asked and what to call with the file chosen. */
typedef struct {
  GtkWidget      *widget;   /* the handler goes with it */
  SgExportChosen  chosen;
} Choice;

static void
choice_free (gpointer  data,
             GClosure *closure)
{
  g_free (data);
}

static void
response_cb (GtkNativeDialog *chooser,
             int              response,
             Choice          *choice)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    choice->chosen (choice->widget, file);
  g_object_unref (chooser);
}

static GtkFileChooserNative *
new_chooser (GtkWidget            *widget,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept,
             SgExportChosen        chosen)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (title, GTK_WINDOW (gtk_widget_get_root (widget)), action,
                                 accept, _("_Cancel"));
  Choice *choice = g_new0 (Choice, 1);

  choice->widget = widget;
  choice->chosen = chosen;
  /* The page may go while the chooser is open: then nothing is called. */
  sg_signal_connect_data_object (chooser, "response", G_CALLBACK (response_cb), choice,
                                 choice_free, widget);
  return chooser;
}

void
sg_export_choose (GtkWidget      *widget,
                  const char     *title,
                  const char     *name,
                  SgExportChosen  chosen)
{
  GtkFileChooserNative *chooser = new_chooser (widget, title, GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), chosen);

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

GtkFileChooserNative *
sg_export_new_import_chooser (GtkWidget      *widget,
                              const char     *title,
                              SgExportChosen  chosen)
{
  return new_chooser (widget, title, GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), chosen);
}

/* Writing: the widget to toast near, held until the file is written, and what to say then. */
typedef struct {
  GtkWidget *widget;
  char      *done;
} Writing;

static void
writing_free (Writing *writing)
{
  g_object_unref (writing->widget);
  g_free (writing->done);
  g_free (writing);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Writing, writing_free)

/* "Show in Files": the file manager opens the folder with the file selected
 * (org.freedesktop.FileManager1, which Files, Dolphin and others provide); without one, the
 * folder opens in whatever handles folders. */
static void
shown_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autofree char *folder = user_data;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result,
                                                             NULL);

  if (reply == NULL)
    gtk_show_uri (NULL, folder, GDK_CURRENT_TIME);
}

static void
show_in_files_cb (AdwToast   *toast,
                  const char *uri)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GFile) file = g_file_new_for_uri (uri);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *folder = parent ? g_file_get_uri (parent) : g_strdup (uri);
  const char *uris[] = { uri, NULL };

  if (bus == NULL)
    {
      gtk_show_uri (NULL, folder, GDK_CURRENT_TIME);
      return;
    }
  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL,
                          G_DBUS_CALL_FLAGS_NONE, 5000, NULL, shown_cb, g_steal_pointer (&folder));
}

static void
free_uri (gpointer  data,
          GClosure *closure)
{
  g_free (data);
}

AdwToast *
sg_export_toast_new (const char *done,
                     GFile      *file)
{
  AdwToast *toast = sg_toast_new_plain (done);

  adw_toast_set_button_label (toast, _("Show in _Files"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (show_in_files_cb),
                         g_file_get_uri (file), free_uri, 0);
  return toast;
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Writing) writing = user_data;
  g_autoptr(GError) error = NULL;

  if (g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    sg_toast_add (writing->widget, sg_export_toast_new (writing->done, G_FILE (object)));
  else
    sg_toast_show (writing->widget, error->message);
}

void
sg_export_write (GtkWidget  *widget,
                 GFile      *file,
                 char       *contents,
                 const char *done)
{
  g_autoptr(GBytes) bytes = g_bytes_new_take (contents, strlen (contents));
  Writing *writing = g_new0 (Writing, 1);

  writing->widget = g_object_ref (widget);
  writing->done = g_strdup (done);
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                       NULL, written_cb, writing);
}
