/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Share pages and the clipboard take text only, so the photos are attached in the browser by hand.
 * This window makes that safe and easy: it hands over clean copies (the BMA, and the withdrawn GMC
 * 2013 ¶8c: location can be embedded in photographs), never the originals, shows each one large so
 * the doctor sees what is about to be posted, and offers the three ways a browser takes a picture:
 * drag and drop, paste, and its own file dialog (the folder is named and shown). */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-attach-photos-window.h"
#include "sg-draft-photos.h"
#include "sg-photo-handover.h"
#include "sg-photo-picture.h"
#include "sg-toast.h"
#include "sg-worker.h"

/* One photo's card and what is known about its copy. */
typedef struct {
  SgAttachPhotosWindow *window;   /* owns the card */
  SgDraftPhoto         *photo;
  guint                 position;
  char                 *path;     /* the clean copy once written, or NULL */
  gboolean              done;     /* written or failed */

  GtkWidget            *picture;  /* SgPhotoPicture */
  GtkWidget            *status;   /* spinner and words while the copy is made */
  GtkLabel             *failure;
  GtkWidget            *description;   /* its title and text, for the alt text field */
  GtkWidget            *actions;
  GtkWidget            *copy_photo;
} Card;

struct _SgAttachPhotosWindow
{
  AdwWindow       parent_instance;

  GtkLabel       *folder;
  GtkLabel       *intro;
  GtkBox         *photos_box;
  AdwWindowTitle *window_title;

  GPtrArray      *cards;          /* Card */
  char           *platform_name;
  char           *folder_path;    /* once made */
  gboolean        busy;
  GCancellable   *cancellable;
};

G_DEFINE_FINAL_TYPE (SgAttachPhotosWindow, sg_attach_photos_window, ADW_TYPE_WINDOW)

static void start_next (SgAttachPhotosWindow *self);

static void
card_free (Card *card)
{
  sg_draft_photo_free (card->photo);
  g_free (card->path);
  g_free (card);
}

static void
label_widget (GtkWidget  *widget,
              char       *label)
{
  g_autofree char *owned = label;

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, owned,
                                  -1);
}

static void
card_ready (Card *card)
{
  card->done = TRUE;
  gtk_widget_set_visible (card->status, FALSE);
  gtk_widget_set_visible (card->picture, TRUE);
  gtk_widget_set_visible (card->actions, TRUE);
  sg_photo_picture_set_path (SG_PHOTO_PICTURE (card->picture), card->path, TRUE);
}

/* Nothing is offered for a photo whose clean copy could not be made: not even the original. */
static void
card_failed (Card       *card,
             const char *message)
{
  card->done = TRUE;
  gtk_widget_set_visible (card->status, FALSE);
  gtk_widget_set_visible (card->picture, FALSE);
  gtk_widget_set_visible (card->actions, FALSE);
  gtk_widget_set_visible (card->description, FALSE);
  gtk_label_set_text (card->failure, message);
  gtk_widget_set_visible (GTK_WIDGET (card->failure), TRUE);
}

/* Making the copies, one at a time on a worker thread: the folder first, then each photo. */

typedef struct {
  SgDraftPhoto *photo;     /* NULL: make the folder */
  guint         position;
  char         *folder;    /* where to write, or the platform's name for the folder */
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->photo, sg_draft_photo_free);
  g_free (job->folder);
  g_free (job);
}

static gpointer
job_work (gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Job *job = data;

  if (job->photo == NULL)
    return sg_photo_handover_make_folder (job->folder, error);
  return sg_photo_handover_write (job->photo, job->position, job->folder, error);
}

static void
job_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  SgAttachPhotosWindow *self = SG_ATTACH_PHOTOS_WINDOW (object);
  Job *job = sg_worker_get_data (result);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* closed */

  if (job->photo == NULL)
    {
      if (path == NULL)
        {
          /* No folder, no copies: each card says so. */
          for (guint i = 0; i < self->cards->len; i++)
            card_failed (g_ptr_array_index (self->cards, i), error->message);
        }
      else
        {
          g_autofree char *where = sg_photo_handover_describe_folder (path);
          g_autofree char *line = g_strdup_printf (_("Saved in %s"), where);

          gtk_label_set_text (self->folder, line);
          self->folder_path = g_steal_pointer (&path);
        }
    }
  else
    {
      Card *card = g_ptr_array_index (self->cards, job->position);

      if (path == NULL)
        card_failed (card, error->message);
      else
        {
          card->path = g_steal_pointer (&path);
          card_ready (card);
        }
    }
  start_next (self);
}

static void
start_next (SgAttachPhotosWindow *self)
{
  Job *job = NULL;

  if (self->folder_path == NULL)
    {
      gboolean all_done = TRUE;

      for (guint i = 0; i < self->cards->len; i++)
        all_done &= ((Card *) g_ptr_array_index (self->cards, i))->done;
      if (!all_done)
        {
          job = g_new0 (Job, 1);
          job->folder = g_strdup (self->platform_name);
        }
    }
  else
    {
      for (guint i = 0; i < self->cards->len && job == NULL; i++)
        {
          Card *card = g_ptr_array_index (self->cards, i);

          if (card->done)
            continue;
          job = g_new0 (Job, 1);
          job->photo = sg_draft_photo_copy (card->photo);
          job->position = card->position;
          job->folder = g_strdup (self->folder_path);
        }
    }

  self->busy = job != NULL;
  if (job != NULL)
    sg_worker_run (self, self->cancellable, job_work, job, (GDestroyNotify) job_free, g_free,
                   job_done_cb, NULL);
}

/* What the user can do with a copy */

static void
copy_photo_cb (GtkButton *button,
               Card      *card)
{
  GdkTexture *texture = sg_photo_picture_get_texture (SG_PHOTO_PICTURE (card->picture));
  g_autofree char *message = NULL;

  if (texture == NULL)
    return;   /* the button is sensitive only once the picture is shown */
  /* As an image, so Ctrl+V in the browser's post box attaches it. */
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (button)), texture);
  message = g_strdup_printf (_("Photo %u copied: paste it into the post with Ctrl+V"),
                             card->position + 1);
  sg_toast_show (GTK_WIDGET (button), message);
}

static void
copy_description_cb (GtkButton *button,
                     Card      *card)
{
  g_autofree char *message = NULL;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), card->photo->alt_text);
  message = g_strdup_printf (_("Description of photo %u copied: paste it into the photo’s "
                               "description (alt text) field"), card->position + 1);
  sg_toast_show (GTK_WIDGET (button), message);
}

static void
picture_loaded_cb (SgPhotoPicture *picture,
                   Card           *card)
{
  gtk_widget_set_sensitive (card->copy_photo, TRUE);
}

/* Files, with the photo selected when the file manager offers that (FileManager1), else the
 * folder opened. */
typedef struct {
  GtkWindow *parent;   /* weak */
  char      *uri;
  char      *folder_uri;
} ShowItem;

static void
show_item_free (ShowItem *show)
{
  g_clear_weak_pointer (&show->parent);
  g_free (show->uri);
  g_free (show->folder_uri);
  g_free (show);
}

static void
folder_shown_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autofree char *folder = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("No file manager could be opened. The "
                                                    "photos are in %s."), folder);

      sg_toast_show (GTK_WIDGET (object), message);
    }
}

/* Without FileManager1: the folder, in whatever opens folders. */
static void
show_folder (ShowItem *show)
{
  g_autoptr(GFile) folder = g_file_new_for_uri (show->folder_uri);

  if (show->parent != NULL)
    gtk_show_uri_full (show->parent, show->folder_uri, GDK_CURRENT_TIME, NULL, folder_shown_cb,
                       g_file_get_path (folder));
  show_item_free (show);
}

static void
show_item_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ShowItem *show = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL)
    show_folder (show);
  else
    show_item_free (show);
}

static void
show_item_bus_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ShowItem *show = user_data;
  g_autoptr(GDBusConnection) bus = g_bus_get_finish (result, NULL);
  const char *uris[] = { show->uri, NULL };

  if (bus == NULL)
    {
      show_folder (show);
      return;
    }
  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL,
                          G_DBUS_CALL_FLAGS_NONE, 5000, NULL, show_item_done_cb, show);
}

static void
show_in_files_cb (GtkButton *button,
                  Card      *card)
{
  ShowItem *show = g_new0 (ShowItem, 1);
  g_autoptr(GFile) file = g_file_new_for_path (card->path);
  g_autoptr(GFile) folder = g_file_get_parent (file);

  g_set_weak_pointer (&show->parent, GTK_WINDOW (card->window));
  show->uri = g_file_get_uri (file);
  show->folder_uri = g_file_get_uri (folder);
  g_bus_get (G_BUS_TYPE_SESSION, NULL, show_item_bus_cb, show);
}

/* A card */

static GtkWidget *
button_new (const char *label,
            const char *icon)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  return button;
}

static GtkWidget *
card_build (Card  *card,
            guint  n_photos)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading, *spinner, *words, *alt_title, *alt, *button;
  const char *alt_text = card->photo->alt_text;
  gboolean described = alt_text != NULL && *alt_text != '\0';
  g_autofree char *title = NULL;
  g_autofree char *label = NULL;
  guint n = card->position + 1;

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "sg-attach-photo");
  label_widget (box, g_strdup_printf (_("Photo %u to attach"), n));

  /* Translators: "Photo 1 of 3". */
  title = g_strdup_printf (_("Photo %u of %u"), n, n_photos);
  heading = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);

  card->status = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  spinner = gtk_spinner_new ();
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  words = gtk_label_new (_("Making the clean copy…"));
  gtk_box_append (GTK_BOX (card->status), spinner);
  gtk_box_append (GTK_BOX (card->status), words);
  gtk_box_append (GTK_BOX (box), card->status);

  card->failure = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (card->failure, TRUE);
  gtk_label_set_xalign (card->failure, 0);
  gtk_widget_add_css_class (GTK_WIDGET (card->failure), "error");
  gtk_widget_set_visible (GTK_WIDGET (card->failure), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (card->failure));

  /* Translators: a photo's accessible name: "Photo 1: <its description>". */
  label = described ? g_strdup_printf (_("Photo %u: %s"), n, alt_text)
                    : g_strdup_printf (_("Photo %u"), n);
  card->picture = sg_photo_picture_new (label);
  gtk_widget_set_size_request (card->picture, -1, 360);
  gtk_widget_set_visible (card->picture, FALSE);
  gtk_widget_set_tooltip_text (card->picture, _("Drag the photo into the post"));
  g_signal_connect (card->picture, "loaded", G_CALLBACK (picture_loaded_cb), card);
  gtk_box_append (GTK_BOX (box), card->picture);

  /* The description goes in the platform's own alt text field. */
  card->description = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  alt_title = gtk_label_new (_("Description (alt text)"));
  gtk_label_set_xalign (GTK_LABEL (alt_title), 0);
  gtk_widget_add_css_class (alt_title, "caption-heading");
  gtk_box_append (GTK_BOX (card->description), alt_title);
  alt = gtk_label_new (described ? alt_text : _("No description was written for this photo. "
                                                "People who cannot see it will miss it."));
  gtk_label_set_wrap (GTK_LABEL (alt), TRUE);
  gtk_label_set_xalign (GTK_LABEL (alt), 0);
  gtk_label_set_selectable (GTK_LABEL (alt), described);
  if (!described)
    gtk_widget_add_css_class (alt, "dim-label");
  gtk_box_append (GTK_BOX (card->description), alt);
  gtk_box_append (GTK_BOX (box), card->description);

  card->actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_visible (card->actions, FALSE);

  card->copy_photo = button_new (_("Copy _Photo"), "edit-copy-symbolic");
  gtk_widget_add_css_class (card->copy_photo, "suggested-action");
  gtk_widget_set_sensitive (card->copy_photo, FALSE);
  label_widget (card->copy_photo, g_strdup_printf (_("Copy photo %u"), n));
  g_signal_connect (card->copy_photo, "clicked", G_CALLBACK (copy_photo_cb), card);
  gtk_box_append (GTK_BOX (card->actions), card->copy_photo);

  if (described)
    {
      button = button_new (_("Copy _Description"), "edit-copy-symbolic");
      label_widget (button, g_strdup_printf (_("Copy description of photo %u"), n));
      g_signal_connect (button, "clicked", G_CALLBACK (copy_description_cb), card);
      gtk_box_append (GTK_BOX (card->actions), button);
    }

  button = button_new (_("Show in _Files"), "folder-open-symbolic");
  label_widget (button, g_strdup_printf (_("Show photo %u in Files"), n));
  g_signal_connect (button, "clicked", G_CALLBACK (show_in_files_cb), card);
  gtk_box_append (GTK_BOX (card->actions), button);

  gtk_box_append (GTK_BOX (box), card->actions);
  return box;
}

/* GObject */

static void
sg_attach_photos_window_dispose (GObject *object)
{
  SgAttachPhotosWindow *self = SG_ATTACH_PHOTOS_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), SG_TYPE_ATTACH_PHOTOS_WINDOW);

  G_OBJECT_CLASS (sg_attach_photos_window_parent_class)->dispose (object);
}

static void
sg_attach_photos_window_finalize (GObject *object)
{
  SgAttachPhotosWindow *self = SG_ATTACH_PHOTOS_WINDOW (object);

  g_clear_pointer (&self->cards, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_free (self->platform_name);
  g_free (self->folder_path);

  G_OBJECT_CLASS (sg_attach_photos_window_parent_class)->finalize (object);
}

static void
sg_attach_photos_window_class_init (SgAttachPhotosWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_attach_photos_window_dispose;
  object_class->finalize = sg_attach_photos_window_finalize;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/org/example/SocialGuard/ui/sg-attach-photos-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SgAttachPhotosWindow, folder);
  gtk_widget_class_bind_template_child (widget_class, SgAttachPhotosWindow, intro);
  gtk_widget_class_bind_template_child (widget_class, SgAttachPhotosWindow, photos_box);
  gtk_widget_class_bind_template_child (widget_class, SgAttachPhotosWindow, window_title);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sg_attach_photos_window_init (SgAttachPhotosWindow *self)
{
  self->cards = g_ptr_array_new_with_free_func ((GDestroyNotify) card_free);
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

GtkWindow *
sg_attach_photos_window_new (GtkWindow  *parent,
                             GPtrArray  *photos,
                             const char *platform_name,
                             const char *method)
{
  SgAttachPhotosWindow *self;
  g_autofree char *intro = NULL;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (photos != NULL, NULL);
  g_return_val_if_fail (platform_name != NULL && method != NULL, NULL);

  self = g_object_new (SG_TYPE_ATTACH_PHOTOS_WINDOW, "transient-for", parent, NULL);
  self->platform_name = g_strdup (platform_name);

  /* Translators: the window's subtitle, "For X (Twitter)". */
  subtitle = g_strdup_printf (_("For %s"), platform_name);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  if (g_str_equal (method, "share"))
    intro = g_strdup_printf (_("Your text is in %s’s share page. Add these photos to the post "
                               "there: drag each one into it, or copy it and paste with "
                               "Ctrl+V. They are clean copies, with no location, names or "
                               "device details."), platform_name);
  else
    intro = g_strdup_printf (_("Your text is on the clipboard. Paste it into %s, then add these "
                               "photos to the post: drag each one into it, or copy it and paste "
                               "with Ctrl+V. They are clean copies, with no location, names or "
                               "device details."), platform_name);
  gtk_label_set_text (self->intro, intro);
  gtk_label_set_text (self->folder, _("Making a folder for the clean copies in Pictures…"));

  for (guint i = 0; i < photos->len; i++)
    {
      Card *card = g_new0 (Card, 1);

      card->window = self;
      card->photo = sg_draft_photo_copy (g_ptr_array_index (photos, i));
      card->position = i;
      g_ptr_array_add (self->cards, card);
      gtk_box_append (self->photos_box, card_build (card, photos->len));
    }
  start_next (self);
  return GTK_WINDOW (self);
}

gboolean
sg_attach_photos_window_get_busy (SgAttachPhotosWindow *self)
{
  g_return_val_if_fail (SG_IS_ATTACH_PHOTOS_WINDOW (self), FALSE);
  return self->busy;
}

const char *
sg_attach_photos_window_get_folder (SgAttachPhotosWindow *self)
{
  g_return_val_if_fail (SG_IS_ATTACH_PHOTOS_WINDOW (self), NULL);
  return self->folder_path;
}
