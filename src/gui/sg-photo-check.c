/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Checking a photo before it is posted (GMC 2013 ¶8c: location can be embedded in photos).
 * This window checks one photo in detail: from a photo's card in Compose ("Details"), or for
 * a photo the user will post elsewhere, saving the clean copy where they choose. */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-image-metadata.h"
#include "sg-places.h"
#include "sg-photo-check.h"

typedef struct {
  GtkWindow       *window;
  GFile           *file;
  GtkListBox      *found;
  GtkImage        *icon;
  GtkLabel        *title;
  GtkLabel        *description;
  GtkWidget       *save;
  SgImageMetadata *metadata;
} PhotoCheck;

static void
photo_check_free (PhotoCheck *c)
{
  g_object_unref (c->file);
  sg_image_metadata_free (c->metadata);
  g_free (c);
}

static void
add_row (PhotoCheck *c,
         const char *title,
         const char *icon)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon));
  gtk_list_box_append (c->found, row);
}

/* Not an AdwStatusPage: that scrolls on its own and is squeezed inside this scrolled page. */
static void
set_status (PhotoCheck *c,
            const char *icon,
            const char *title,
            const char *description)
{
  gtk_image_set_from_icon_name (c->icon, icon);
  gtk_label_set_text (c->title, title);
  gtk_label_set_text (c->description, description ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (c->description), description != NULL);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autofree char *path = g_file_get_path (task_data);
  GError *error = NULL;
  SgImageMetadata *m = path ? sg_image_metadata_read (path, &error) : NULL;

  /* The place table is read on first use: here, not on the main loop. */
  if (m != NULL && m->has_location)
    g_free (sg_places_describe (m->latitude, m->longitude));
  if (m != NULL)
    g_task_return_pointer (task, m, (GDestroyNotify) sg_image_metadata_free);
  else if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             _("Only photos saved on this computer can be checked."));
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  PhotoCheck *c = g_object_get_data (G_OBJECT (user_data), "photo-check");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;

  c->metadata = g_task_propagate_pointer (G_TASK (result), &error);
  g_object_unref (user_data);
  if (c->metadata == NULL)
    {
      set_status (c, "dialog-warning-symbolic", _("This Photo Could Not Be Checked"), error->message);
      return;
    }

  lines = sg_image_metadata_describe (c->metadata);
  for (guint i = 0; lines[i] != NULL; i++)
    add_row (c, lines[i], i == 0 && c->metadata->has_location ? "mark-location-symbolic"
                                                               : "dialog-information-symbolic");
  if (c->metadata->has_location)
    {
      g_autofree char *url = sg_image_metadata_map_url (c->metadata);
      GtkWidget *link = gtk_link_button_new_with_label (url, _("Show the place on a map"));

      gtk_widget_set_halign (link, GTK_ALIGN_START);
      gtk_list_box_append (c->found, link);
    }

  if (lines[0] == NULL)
    {
      set_status (c, "emblem-ok-symbolic", _("Nothing Hidden Found"),
                                       _("No location, names or device details were found in "
                                         "the file. Check what the picture itself shows, below."));
    }
  else
    {
      set_status (c, "dialog-warning-symbolic", _("This Photo Carries Hidden Details"),
                                       c->metadata->has_location
                                       ? _("It records where it was taken. Post the clean copy "
                                           "instead: it has the same picture and none of this.")
                                       : _("Post the clean copy instead: it has the same picture "
                                           "and none of this."));
    }
  gtk_widget_set_visible (GTK_WIDGET (c->found), lines[0] != NULL);
  gtk_widget_set_sensitive (c->save, TRUE);
}

static void
strip_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  char **paths = task_data;
  GError *error = NULL;

  if (sg_image_strip (paths[0], paths[1], &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
stripped_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GtkWindow *window = user_data;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  g_task_propagate_boolean (G_TASK (result), &error);
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

/* Re-encoding a large photo takes a moment: off the main loop. */
static void
write_clean (PhotoCheck *c,
             GFile      *destination)
{
  g_autofree char *in = g_file_get_path (c->file);
  g_autofree char *out = g_file_get_path (destination);
  g_autoptr(GTask) task = g_task_new (NULL, NULL, stripped_cb, g_object_ref (c->window));

  if (in != NULL && out != NULL && g_str_equal (in, out))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_EXISTS,
                             _("Choose another name: the original photo is never overwritten."));
  else if (in == NULL || out == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             _("Save the clean copy in a folder on this computer."));
  else
    {
      char **paths = g_new0 (char *, 3);

      paths[0] = g_steal_pointer (&in);
      paths[1] = g_steal_pointer (&out);
      g_task_set_task_data (task, paths, (GDestroyNotify) g_strfreev);
      g_task_run_in_thread (task, strip_thread);
    }
}

void
sg_photo_check_save_to (GtkWindow *window,
                        GFile     *destination)
{
  write_clean (g_object_get_data (G_OBJECT (window), "photo-check"), destination);
}

static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  PhotoCheck      *c)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    write_clean (c, file);
  g_object_unref (chooser);
}

static void
save_clicked_cb (PhotoCheck *c)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Save Clean Copy"), c->window, GTK_FILE_CHOOSER_ACTION_SAVE,
                                 _("_Save"), _("_Cancel"));
  g_autofree char *base = g_file_get_basename (c->file);
  char *dot = strrchr (base, '.');
  g_autofree char *name = NULL;
  gboolean png = dot != NULL && g_ascii_strcasecmp (dot, ".png") == 0;

  if (dot != NULL)
    *dot = '\0';
  name = g_strconcat (base, "-clean", png ? ".png" : ".jpg", NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), c);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

GtkWindow *
sg_photo_check_new (GtkWindow *parent,
                    GFile     *file)
{
  static const char *questions[] = {
    N_("Could anyone recognise a patient, a relative or a colleague who has not agreed?"),
    N_("Is there a wristband, name badge, label or record in it?"),
    N_("Is there a screen, whiteboard, notes or a list in the background?"),
    N_("Is there a number plate, house number or street sign?"),
    N_("Does a window, sign or view show where you are, or where you work?"),
  };
  PhotoCheck *c = g_new0 (PhotoCheck, 1);
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *ask = adw_preferences_group_new ();
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GTask) task = NULL;

  c->window = GTK_WINDOW (window);
  c->file = g_object_ref (file);
  g_object_set_data_full (G_OBJECT (window), "photo-check", c, (GDestroyNotify) photo_check_free);

  gtk_window_set_title (c->window, _("Check a Photo"));
  gtk_window_set_transient_for (c->window, parent);
  gtk_window_set_modal (c->window, TRUE);
  gtk_window_set_default_size (c->window, 560, 640);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (_("Check a Photo"), name));
  c->save = gtk_button_new_with_mnemonic (_("_Save Clean Copy…"));
  gtk_widget_add_css_class (c->save, "suggested-action");
  gtk_widget_set_sensitive (c->save, FALSE);
  g_signal_connect_swapped (c->save, "clicked", G_CALLBACK (save_clicked_cb), c);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), c->save);
  gtk_box_append (GTK_BOX (box), header);

  c->icon = GTK_IMAGE (gtk_image_new ());
  gtk_image_set_pixel_size (c->icon, 64);
  gtk_widget_add_css_class (GTK_WIDGET (c->icon), "dim-label");
  gtk_widget_set_margin_top (GTK_WIDGET (c->icon), 18);
  c->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (c->title, TRUE);
  gtk_label_set_justify (c->title, GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (c->title), "title-2");
  c->description = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (c->description, TRUE);
  gtk_label_set_justify (c->description, GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (c->icon));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (c->title));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (c->description));
  set_status (c, "image-x-generic-symbolic", _("Reading the Photo…"), NULL);

  c->found = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (c->found, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (c->found), "boxed-list");
  gtk_widget_set_visible (GTK_WIDGET (c->found), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (c->found), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Found in the file"), -1);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (c->found));

  /* What software cannot see: the person looks. */
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (ask), _("Look at the Picture Itself"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (ask),
                                         _("SocialGuard cannot see these. Tick each one you have "
                                           "checked and found nothing."));
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
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (ask), row);
    }
  gtk_box_append (GTK_BOX (content), ask);

  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_widget_set_margin_bottom (content, 24);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), scroller);
  adw_window_set_content (ADW_WINDOW (window), box);

  task = g_task_new (NULL, NULL, read_cb, g_object_ref (window));
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, read_thread);
  return c->window;
}
