/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Checking a photo before it is posted (the BMA, and the withdrawn GMC 2013 ¶8c: location can be
 * embedded in photos). This window checks one photo in detail: from a photo's card in Compose
 * ("Details"), or for a photo the user will post elsewhere, saving the clean copy where they
 * choose. */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-image-metadata.h"
#include "sg-places.h"
#include "sg-photo-check-window.h"
#include "sg-photo-view-window.h"
#include "sg-worker.h"

struct _SgPhotoCheckWindow
{
  AdwWindow        parent_instance;

  AdwPreferencesGroup *ask;
  GtkLabel        *description;
  GtkListBox      *found;
  GtkImage        *icon;
  GtkWidget       *save;
  GtkLabel        *title;
  GtkWidget       *view;
  AdwWindowTitle  *window_title;

  GFile           *file;
  SgImageMetadata *metadata;   /* once read, or NULL */
};

G_DEFINE_FINAL_TYPE (SgPhotoCheckWindow, sg_photo_check_window, ADW_TYPE_WINDOW)

static void
add_row (SgPhotoCheckWindow *self,
         const char         *title,
         const char         *icon)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon));
  gtk_list_box_append (self->found, row);
}

static void
set_status (SgPhotoCheckWindow *self,
            const char         *icon,
            const char         *title,
            const char         *description)
{
  gtk_image_set_from_icon_name (self->icon, icon);
  gtk_label_set_text (self->title, title);
  gtk_label_set_text (self->description, description ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description), description != NULL);
}

static gpointer
read_work (gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autofree char *path = g_file_get_path (data);
  GError *local = NULL;
  SgImageMetadata *m = path ? sg_image_metadata_read (path, &local) : NULL;

  /* The place table is read on first use: here, not on the main loop. */
  if (m != NULL && m->has_location)
    g_free (sg_places_describe (m->latitude, m->longitude));
  if (m != NULL)
    return m;
  if (local != NULL)
    g_propagate_error (error, local);
  else
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                         _("Only photos saved on this computer can be checked."));
  return NULL;
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(SgPhotoCheckWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;

  self->metadata = g_task_propagate_pointer (G_TASK (result), &error);
  /* Closed before the file was read: the template's children are gone. */
  if (self->found == NULL)
    return;
  if (self->metadata == NULL)
    {
      set_status (self, "dialog-warning-symbolic", _("This Photo Could Not Be Checked"),
                  error->message);
      return;
    }

  lines = sg_image_metadata_describe (self->metadata);
  for (guint i = 0; lines[i] != NULL; i++)
    add_row (self, lines[i], i == 0 && self->metadata->has_location ? "mark-location-symbolic"
                                                                     : "dialog-information-symbolic");
  if (self->metadata->has_location)
    {
      g_autofree char *url = sg_image_metadata_map_url (self->metadata);
      GtkWidget *link = gtk_link_button_new_with_label (url, _("Show the place on a map"));

      gtk_widget_set_halign (link, GTK_ALIGN_START);
      gtk_list_box_append (self->found, link);
    }

  if (lines[0] == NULL)
    {
      set_status (self, "emblem-ok-symbolic", _("Nothing Hidden Found"),
                                       _("No location, names or device details were found in "
                                         "the file. Check what the picture itself shows, below."));
    }
  else
    {
      set_status (self, "dialog-warning-symbolic", _("This Photo Carries Hidden Details"),
                                       self->metadata->has_location
                                       ? _("It records where it was taken. Post the clean copy "
                                           "instead: it has the same picture and none of this.")
                                       : _("Post the clean copy instead: it has the same picture "
                                           "and none of this."));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->found), lines[0] != NULL);
  gtk_widget_set_sensitive (self->save, TRUE);
}

/* @data: the original's path and the copy's, either NULL when the file is not on this
 * computer. The original is never overwritten. */
static gpointer
strip_work (gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  char **paths = data;

  if (paths[0] != NULL && paths[1] != NULL && g_str_equal (paths[0], paths[1]))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                         _("Choose another name: the original photo is never overwritten."));
  else if (paths[0] == NULL || paths[1] == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                         _("Save the clean copy in a folder on this computer."));
  else
    sg_image_strip (paths[0], paths[1], error);
  return NULL;
}

static void
stripped_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GtkWindow *window = user_data;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  g_task_propagate_pointer (G_TASK (result), &error);
  dialog = adw_message_dialog_new (window,
                                   error ? _("Clean Copy Not Saved") : _("Clean Copy Saved"),
                                   error ? error->message
                                         : _("Attach this copy to your post. It has no location, "
                                             "names, device details or preview, and it is turned "
                                             "the right way up."));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  g_object_unref (window);
}

static void
free_paths (char **paths)
{
  g_free (paths[0]);
  g_free (paths[1]);
  g_free (paths);
}

/* Re-encoding a large photo takes a moment: off the main loop. */
static void
write_clean (SgPhotoCheckWindow *self,
             GFile              *destination)
{
  char **paths = g_new0 (char *, 3);

  paths[0] = g_file_get_path (self->file);
  paths[1] = g_file_get_path (destination);
  /* Not a g_strfreev: the first path may be NULL with the second one set. */
  sg_worker_run (NULL, NULL, strip_work, paths, (GDestroyNotify) free_paths, NULL, stripped_cb,
                 g_object_ref (GTK_WINDOW (self)));
}

static void
save_response_cb (GtkNativeDialog    *chooser,
                  int                 response,
                  SgPhotoCheckWindow *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    write_clean (self, file);
  g_object_unref (chooser);
}

static void
save_clicked_cb (SgPhotoCheckWindow *self)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Save Clean Copy"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  g_autofree char *base = g_file_get_basename (self->file);
  char *dot = strrchr (base, '.');
  g_autofree char *name = NULL;
  gboolean png = dot != NULL && g_ascii_strcasecmp (dot, ".png") == 0;

  if (dot != NULL)
    *dot = '\0';
  name = g_strconcat (base, "-clean", png ? ".png" : ".jpg", NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
view_clicked_cb (SgPhotoCheckWindow *self)
{
  g_autofree char *path = g_file_get_path (self->file);

  if (path != NULL)
    gtk_window_present (sg_photo_view_window_new (GTK_WINDOW (self), path, -1, NULL));
}

/* GObject */

static void
sg_photo_check_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SG_TYPE_PHOTO_CHECK_WINDOW);

  G_OBJECT_CLASS (sg_photo_check_window_parent_class)->dispose (object);
}

static void
sg_photo_check_window_finalize (GObject *object)
{
  SgPhotoCheckWindow *self = SG_PHOTO_CHECK_WINDOW (object);

  g_object_unref (self->file);
  sg_image_metadata_free (self->metadata);

  G_OBJECT_CLASS (sg_photo_check_window_parent_class)->finalize (object);
}

static void
sg_photo_check_window_class_init (SgPhotoCheckWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_photo_check_window_dispose;
  object_class->finalize = sg_photo_check_window_finalize;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/org/example/SocialGuard/ui/sg-photo-check-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SgPhotoCheckWindow, ask);
  gtk_widget_class_bind_template_child (widget_class, SgPhotoCheckWindow, description);
  gtk_widget_class_bind_template_child (widget_class, SgPhotoCheckWindow, found);
  gtk_widget_class_bind_template_child (widget_class, SgPhotoCheckWindow, icon);
  gtk_widget_class_bind_template_child (widget_class, SgPhotoCheckWindow, save);
  gtk_widget_class_bind_template_child (widget_class, SgPhotoCheckWindow, title);
  gtk_widget_class_bind_template_child (widget_class, SgPhotoCheckWindow, view);
  gtk_widget_class_bind_template_child (widget_class, SgPhotoCheckWindow, window_title);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_clicked_cb);
}

static void
sg_photo_check_window_init (SgPhotoCheckWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

GtkWindow *
sg_photo_check_window_new (GtkWindow *parent,
                    GFile     *file)
{
  static const char *questions[] = {
    N_("Could anyone recognise a patient, a relative or a colleague who has not agreed?"),
    N_("Is there a wristband, name badge, label or record in it?"),
    N_("Is there a screen, whiteboard, notes or a list in the background?"),
    N_("Is there a number plate, house number or street sign?"),
    N_("Does a window, sign or view show where you are, or where you work?"),
  };
  SgPhotoCheckWindow *self = g_object_new (SG_TYPE_PHOTO_CHECK_WINDOW, NULL);
  g_autofree char *name = g_file_get_basename (file);

  self->file = g_object_ref (file);
  gtk_widget_set_visible (self->view, g_file_is_native (file));
  gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  adw_window_title_set_subtitle (self->window_title, name);
  set_status (self, "image-x-generic-symbolic", _("Reading the Photo…"), NULL);

  /* What software cannot see: the person looks. */
  for (guint i = 0; i < G_N_ELEMENTS (questions); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(questions[i]));
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(questions[i]), -1);
      adw_preferences_group_add (self->ask, row);
    }

  sg_worker_run (NULL, NULL, read_work, g_object_ref (file), g_object_unref,
                 (GDestroyNotify) sg_image_metadata_free, read_cb, g_object_ref (self));
  return GTK_WINDOW (self);
}

void
sg_photo_check_window_save_to (GtkWindow *window,
                        GFile     *destination)
{
  g_return_if_fail (SG_IS_PHOTO_CHECK_WINDOW (window));
  g_return_if_fail (G_IS_FILE (destination));

  write_clean (SG_PHOTO_CHECK_WINDOW (window), destination);
}
