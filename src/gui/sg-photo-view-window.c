/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A photo is small on its card; whether a face, a wristband or a screen shows is seen only
 * large (GMC social media 2024: what a picture shows can identify a patient). */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-photo-picture.h"
#include "sg-photo-view-window.h"

struct _SgPhotoViewWindow
{
  AdwWindow       parent_instance;

  GtkLabel       *description;
  GtkBox         *picture_box;
  AdwWindowTitle *window_title;

  GtkWidget      *picture;
};

G_DEFINE_FINAL_TYPE (SgPhotoViewWindow, sg_photo_view_window, ADW_TYPE_WINDOW)

static void
sg_photo_view_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SG_TYPE_PHOTO_VIEW_WINDOW);

  G_OBJECT_CLASS (sg_photo_view_window_parent_class)->dispose (object);
}

static void
sg_photo_view_window_class_init (SgPhotoViewWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_photo_view_window_dispose;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/org/example/SocialGuard/ui/sg-photo-view-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SgPhotoViewWindow, description);
  gtk_widget_class_bind_template_child (widget_class, SgPhotoViewWindow, picture_box);
  gtk_widget_class_bind_template_child (widget_class, SgPhotoViewWindow, window_title);

  /* A viewer closes with Escape, as Image Viewer and every dialog do. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sg_photo_view_window_init (SgPhotoViewWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWindow *
sg_photo_view_window_new (GtkWindow  *parent,
                          const char *path,
                          int         position,
                          const char *description)
{
  SgPhotoViewWindow *self;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  gboolean described = description != NULL && *description != '\0';

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (SG_TYPE_PHOTO_VIEW_WINDOW, "transient-for", parent, NULL);
  title = position >= 0 ? g_strdup_printf (_("Photo %d"), position + 1) : g_strdup (_("Photo"));
  name = g_path_get_basename (path);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, name);

  /* Translators: a photo's accessible name: "Photo 1: <its description>". */
  label = described ? g_strdup_printf (_("%s: %s"), title, description) : g_strdup (title);
  self->picture = sg_photo_picture_new (label);
  gtk_widget_set_hexpand (self->picture, TRUE);
  gtk_widget_set_vexpand (self->picture, TRUE);
  /* Only Photos to Attach hands files out: this may be the original, with its metadata. */
  sg_photo_picture_set_path (SG_PHOTO_PICTURE (self->picture), path, FALSE);
  gtk_box_append (self->picture_box, self->picture);

  gtk_label_set_text (self->description, described ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description), described);
  return GTK_WINDOW (self);
}
