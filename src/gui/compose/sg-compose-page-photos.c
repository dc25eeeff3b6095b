/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Photos of the post: attached with a button, dropped or pasted; checked without
 * attaching (part of SgComposePage: sg-compose-page-private.h). */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-compose-page-private.h"
#include "sg-photo-check-window.h"


/* Checking a photo */

static void
photo_chosen_cb (GtkNativeDialog *chooser,
                 int              response,
                 SgComposePage   *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    gtk_window_present (sg_photo_check_window_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                            file));
  g_object_unref (chooser);
}

void
sg_compose_page_check_photo_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Check a Photo"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Check"), _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Photos"));
  gtk_file_filter_add_pixbuf_formats (filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (photo_chosen_cb), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Attaching photos: a button, drag and drop, or paste */

static void
photos_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  SgComposePage   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      GList *list = NULL;

      for (guint i = g_list_model_get_n_items (files); i > 0; i--)
        list = g_list_prepend (list, g_list_model_get_item (files, i - 1));
      sg_photo_strip_add_files (self->photo_strip, list);
      g_list_free_full (list, g_object_unref);
    }
  g_object_unref (chooser);
}

void
sg_compose_page_attach_photos_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Attach Photos"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Photos"));
  gtk_file_filter_add_pixbuf_formats (filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (photos_chosen_cb), widget, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

gboolean
sg_compose_page_drop_cb (GtkDropTarget *target,
                         const GValue  *value,
                         double         x,
                         double         y,
                         SgComposePage *self)
{
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      sg_photo_strip_add_files (self->photo_strip, g_value_get_boxed (value));
      return TRUE;
    }
  if (G_VALUE_HOLDS (value, GDK_TYPE_TEXTURE))
    {
      sg_photo_strip_add_texture (self->photo_strip, g_value_get_object (value));
      return TRUE;
    }
  return FALSE;
}

static void
pasted_files_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SgComposePage) self = user_data;
  const GValue *value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (object), result, NULL);

  if (value != NULL && G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    sg_photo_strip_add_files (self->photo_strip, g_value_get_boxed (value));
}

static void
pasted_texture_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SgComposePage) self = user_data;
  g_autoptr(GdkTexture) texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (object),
                                                                     result, NULL);

  if (texture != NULL)
    sg_photo_strip_add_texture (self->photo_strip, texture);
}

/* Files copied in Files, or a picture (a screenshot) with no text beside it, become photos of
 * the post; anything else is pasted as text, as usual. */
void
sg_compose_page_paste_clipboard_cb (GtkTextView   *editor,
                                    SgComposePage *self)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (editor));
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);

  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    {
      g_signal_stop_emission_by_name (editor, "paste-clipboard");
      gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT,
                                      self->cancellable, pasted_files_cb, g_object_ref (self));
    }
  else if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE) &&
           !gdk_content_formats_contain_mime_type (formats, "text/plain") &&
           !gdk_content_formats_contain_mime_type (formats, "text/plain;charset=utf-8"))
    {
      g_signal_stop_emission_by_name (editor, "paste-clipboard");
      gdk_clipboard_read_texture_async (clipboard, self->cancellable, pasted_texture_cb,
                                        g_object_ref (self));
    }
}

void
sg_compose_page_photos_changed_cb (SgComposePage *self)
{
  /* The photos' findings are worked out with the text's. */
  sg_draft_checker_schedule (self->checker, 0);
}

void
sg_compose_page_photos_message_cb (SgComposePage *self,
                                   const char    *message)
{
  AdwToast *toast = sg_toast_new_plain (message);

  /* Each answers what the user just did to a photo: shown now, not behind older toasts. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  add_toast (self, toast);
}
