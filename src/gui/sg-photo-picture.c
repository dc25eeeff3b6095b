/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-image-metadata.h"
#include "sg-photo-picture.h"
#include "sg-worker.h"

/* Large enough for a full-screen window on a HiDPI laptop; the posted copies are at most
 * SG_IMAGE_POSTED_MAX_EDGE anyway. */
#define LARGE_SIZE 2400

struct _SgPhotoPicture
{
  GtkWidget     parent_instance;

  GtkStack     *stack;
  GtkPicture   *picture;
  GtkLabel     *failed;

  char         *path;
  gboolean      draggable;
  GdkTexture   *texture;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (SgPhotoPicture, sg_photo_picture, GTK_TYPE_WIDGET)

enum {
  LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Reading */

static gpointer
load_work (gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GdkPixbuf) pixbuf = sg_image_load_preview (data, LARGE_SIZE, error);

  /* Textures are immutable, so one made here is safe to hand to the main thread. */
  return pixbuf != NULL ? gdk_texture_new_for_pixbuf (pixbuf) : NULL;
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  SgPhotoPicture *self = SG_PHOTO_PICTURE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Another file was asked for meanwhile. */
  if (g_strcmp0 (sg_worker_get_data (result), self->path) != 0)
    return;
  if (texture == NULL)
    {
      gtk_label_set_text (self->failed, error->message);
      gtk_stack_set_visible_child_name (self->stack, "failed");
      return;
    }
  g_set_object (&self->texture, texture);
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  gtk_stack_set_visible_child_name (self->stack, "picture");
  g_signal_emit (self, signals[LOADED], 0);
}

/* Dragging out */

static GdkContentProvider *
drag_prepare_cb (GtkDragSource  *source,
                 double          x,
                 double          y,
                 SgPhotoPicture *self)
{
  return sg_photo_picture_make_content (self);
}

static void
drag_begin_cb (GtkDragSource  *source,
               GdkDrag        *drag,
               SgPhotoPicture *self)
{
  /* The picture under the pointer, small, as a file manager shows a dragged photo. */
  if (self->texture != NULL)
    gtk_drag_source_set_icon (source, GDK_PAINTABLE (self->texture), 0, 0);
}

/* GObject */

static void
sg_photo_picture_dispose (GObject *object)
{
  SgPhotoPicture *self = SG_PHOTO_PICTURE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->stack = NULL;
  self->picture = NULL;
  self->failed = NULL;
  g_clear_object (&self->texture);

  G_OBJECT_CLASS (sg_photo_picture_parent_class)->dispose (object);
}

static void
sg_photo_picture_finalize (GObject *object)
{
  SgPhotoPicture *self = SG_PHOTO_PICTURE (object);

  g_clear_object (&self->cancellable);
  g_free (self->path);

  G_OBJECT_CLASS (sg_photo_picture_parent_class)->finalize (object);
}

static void
sg_photo_picture_class_init (SgPhotoPictureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_photo_picture_dispose;
  object_class->finalize = sg_photo_picture_finalize;

  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "photopicture");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
sg_photo_picture_init (SgPhotoPicture *self)
{
  GtkWidget *spinner = gtk_spinner_new ();
  GtkDragSource *drag = gtk_drag_source_new ();

  self->cancellable = g_cancellable_new ();

  /* Three states, too few to need a template: reading, shown, unreadable. */
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));

  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_stack_add_named (self->stack, spinner, "loading");

  self->picture = GTK_PICTURE (gtk_picture_new ());
  gtk_picture_set_can_shrink (self->picture, TRUE);
  gtk_picture_set_content_fit (self->picture, GTK_CONTENT_FIT_CONTAIN);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->picture), "picture");

  self->failed = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->failed, TRUE);
  gtk_label_set_justify (self->failed, GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->failed), "error");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->failed), "failed");

  gtk_drag_source_set_actions (drag, GDK_ACTION_COPY);
  g_signal_connect_object (drag, "prepare", G_CALLBACK (drag_prepare_cb), self, 0);
  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
}

/* Public API */

GtkWidget *
sg_photo_picture_new (const char *label)
{
  SgPhotoPicture *self = g_object_new (SG_TYPE_PHOTO_PICTURE, NULL);

  if (label != NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      /* The picture itself is what a screen reader lands on. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->picture),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_picture_set_alternative_text (self->picture, label);
    }
  return GTK_WIDGET (self);
}

void
sg_photo_picture_set_path (SgPhotoPicture *self,
                           const char     *path,
                           gboolean        draggable)
{
  g_return_if_fail (SG_IS_PHOTO_PICTURE (self));

  self->draggable = draggable && path != NULL;
  if (g_strcmp0 (path, self->path) == 0)
    return;
  g_free (self->path);
  self->path = g_strdup (path);
  g_clear_object (&self->texture);
  gtk_picture_set_paintable (self->picture, NULL);
  gtk_stack_set_visible_child_name (self->stack, path != NULL ? "loading" : "picture");
  if (path != NULL)
    sg_worker_run (self, self->cancellable, load_work, g_strdup (path), g_free, g_object_unref,
                   loaded_cb, NULL);
}

const char *
sg_photo_picture_get_path (SgPhotoPicture *self)
{
  g_return_val_if_fail (SG_IS_PHOTO_PICTURE (self), NULL);
  return self->path;
}

GdkTexture *
sg_photo_picture_get_texture (SgPhotoPicture *self)
{
  g_return_val_if_fail (SG_IS_PHOTO_PICTURE (self), NULL);
  return self->texture;
}

GdkContentProvider *
sg_photo_picture_make_content (SgPhotoPicture *self)
{
  g_autoptr(GFile) file = NULL;
  GSList *files;
  GdkContentProvider *providers[2];

  g_return_val_if_fail (SG_IS_PHOTO_PICTURE (self), NULL);

  if (!self->draggable)
    return NULL;
  file = g_file_new_for_path (self->path);
  files = g_slist_prepend (NULL, file);
  /* A file list is what browsers and file managers read (text/uri-list, and the portal's
   * transfer for sandboxed ones); a GFile for GTK apps that take one. */
  providers[0] = gdk_content_provider_new_typed (GDK_TYPE_FILE_LIST, files);
  providers[1] = gdk_content_provider_new_typed (G_TYPE_FILE, file);
  g_slist_free (files);
  return gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));
}
