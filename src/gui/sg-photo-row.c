/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-image-metadata.h"
#include "sg-photo-row.h"

struct _SgPhotoRow
{
  GtkListBoxRow  parent_instance;

  GtkEditable   *alt;
  GtkMenuButton *checks_button;
  GtkBox        *checks_box;
  GtkWidget     *clean;
  GtkWidget     *details;
  GtkLabel      *name;
  GtkPicture    *picture;
  GtkWidget     *remove;
  GtkLabel      *state;
  GtkWidget     *view;

  GPtrArray     *checks;         /* GtkCheckButton*, owned by the popover; index = check bit */

  int            position;
  guint          checked;        /* as ticked on the card */
};

G_DEFINE_FINAL_TYPE (SgPhotoRow, sg_photo_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  CLEAN,
  DETAILS,
  REMOVE,
  DESCRIPTION_CHANGED,
  CHECKS_CHANGED,
  VIEW,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static char *
describe_state (const SgDraftPhoto *photo)
{
  if (photo->clean_path != NULL)
    return g_strdup (_("The clean copy will be posted: no location, names or device details."));
  if (photo->facts & SG_IMAGE_FACT_LOCATION)
    return g_strdup (_("Records where it was taken. Clean it before posting."));
  if (photo->facts & SG_IMAGE_FACT_UNREADABLE)
    return g_strdup (_("Its hidden details cannot be read here and may include where it was "
                       "taken. Clean it before posting."));
  if (photo->facts != 0)
    return g_strdup (_("Carries hidden details such as a name, a device or the time. Clean it "
                       "before posting."));
  return g_strdup (_("Nothing hidden was found in the file."));
}

static char *
checks_label (guint checked)
{
  guint n, ticked = 0;

  sg_photo_checks (&n);
  for (guint i = 0; i < n; i++)
    ticked += (checked >> i) & 1;
  /* Translators: the picture checks a user has ticked, "3 of 5 Checked". */
  return g_strdup_printf (_("%u of %u Checked"), ticked, n);
}

/* @label: already holds the photo's number. */
static void
label_widget (GtkWidget  *widget,
              char       *label)
{
  g_autofree char *owned = label;

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, owned, -1);
}

/* Callbacks */

static void
clean_clicked_cb (SgPhotoRow *self,
                  GtkButton  *button)
{
  /* Once is enough; the card is redrawn when the copy is ready. */
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  g_signal_emit (self, signals[CLEAN], 0);
}

static void
details_clicked_cb (SgPhotoRow *self)
{
  g_signal_emit (self, signals[DETAILS], 0);
}

static void
view_clicked_cb (SgPhotoRow *self)
{
  g_signal_emit (self, signals[VIEW], 0);
}

static void
remove_clicked_cb (SgPhotoRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
alt_changed_cb (SgPhotoRow *self)
{
  g_signal_emit (self, signals[DESCRIPTION_CHANGED], 0);
}

static void
check_toggled_cb (SgPhotoRow     *self,
                  GtkCheckButton *check)
{
  g_autofree char *label = NULL;
  guint bit;

  if (!g_ptr_array_find (self->checks, check, &bit))
    g_assert_not_reached ();
  if (gtk_check_button_get_active (check))
    self->checked |= 1u << bit;
  else
    self->checked &= ~(1u << bit);
  label = checks_label (self->checked);
  gtk_menu_button_set_label (self->checks_button, label);
  g_signal_emit (self, signals[CHECKS_CHANGED], 0);
}

/* The questions a program cannot answer about a picture, ticked by the user: one check button
 * each under the template's introduction, as many as sg_photo_checks() has. */
static void
add_checks (SgPhotoRow *self)
{
  guint n;
  const SgPhotoCheck *checks = sg_photo_checks (&n);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *label = gtk_label_new (_(checks[i].question));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_check_button_set_child (GTK_CHECK_BUTTON (check), label);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), (self->checked >> i) & 1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(checks[i].question), -1);
      g_ptr_array_add (self->checks, check);
      g_signal_connect_object (check, "toggled", G_CALLBACK (check_toggled_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (self->checks_box, check);
    }
}

/* GObject */

static void
sg_photo_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SG_TYPE_PHOTO_ROW);

  G_OBJECT_CLASS (sg_photo_row_parent_class)->dispose (object);
}

static void
sg_photo_row_finalize (GObject *object)
{
  SgPhotoRow *self = SG_PHOTO_ROW (object);

  g_ptr_array_unref (self->checks);

  G_OBJECT_CLASS (sg_photo_row_parent_class)->finalize (object);
}

static void
sg_photo_row_class_init (SgPhotoRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_photo_row_dispose;
  object_class->finalize = sg_photo_row_finalize;

  signals[CLEAN] =
    g_signal_new ("clean", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[DETAILS] =
    g_signal_new ("details", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[REMOVE] =
    g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[DESCRIPTION_CHANGED] =
    g_signal_new ("description-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CHECKS_CHANGED] =
    g_signal_new ("checks-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[VIEW] =
    g_signal_new ("view", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/SocialGuard/ui/sg-photo-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SgPhotoRow, alt);
  gtk_widget_class_bind_template_child (widget_class, SgPhotoRow, checks_box);
  gtk_widget_class_bind_template_child (widget_class, SgPhotoRow, checks_button);
  gtk_widget_class_bind_template_child (widget_class, SgPhotoRow, clean);
  gtk_widget_class_bind_template_child (widget_class, SgPhotoRow, details);
  gtk_widget_class_bind_template_child (widget_class, SgPhotoRow, name);
  gtk_widget_class_bind_template_child (widget_class, SgPhotoRow, picture);
  gtk_widget_class_bind_template_child (widget_class, SgPhotoRow, remove);
  gtk_widget_class_bind_template_child (widget_class, SgPhotoRow, state);
  gtk_widget_class_bind_template_child (widget_class, SgPhotoRow, view);
  gtk_widget_class_bind_template_callback (widget_class, alt_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, clean_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, details_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_clicked_cb);
}

static void
sg_photo_row_init (SgPhotoRow *self)
{
  self->checks = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

SgPhotoRow *
sg_photo_row_new (const SgDraftPhoto *photo,
                  int                 position)
{
  SgPhotoRow *self;
  g_autofree char *name = NULL;
  g_autofree char *state = NULL;
  g_autofree char *checked = NULL;
  guint posted_facts;

  g_return_val_if_fail (photo != NULL, NULL);

  self = g_object_new (SG_TYPE_PHOTO_ROW, NULL);
  self->position = position;
  self->checked = photo->checked;
  posted_facts = sg_draft_photo_get_posted_facts (photo);

  name = g_path_get_basename (photo->original_path);
  state = describe_state (photo);
  checked = checks_label (photo->checked);
  gtk_label_set_text (self->name, name);
  gtk_label_set_text (self->state, state);
  if (posted_facts & (SG_IMAGE_FACT_LOCATION | SG_IMAGE_FACT_UNREADABLE))
    gtk_widget_add_css_class (GTK_WIDGET (self->state), "error");
  else if (posted_facts != 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->state), "warning");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->state), "dim-label");
  gtk_widget_set_visible (self->clean, posted_facts != 0);
  gtk_menu_button_set_label (self->checks_button, checked);
  add_checks (self);
  gtk_editable_set_text (self->alt, photo->alt_text ? photo->alt_text : "");

  /* The accessible names carry the photo's number, so a screen reader (and a test) can tell
   * the cards apart. */
  label_widget (GTK_WIDGET (self->picture), g_strdup_printf (_("Photo %d"), position + 1));
  label_widget (self->view, g_strdup_printf (_("Show photo %d large"), position + 1));
  label_widget (self->clean, g_strdup_printf (_("Clean photo %d"), position + 1));
  label_widget (GTK_WIDGET (self->checks_button),
                g_strdup_printf (_("Picture checks for photo %d"), position + 1));
  label_widget (self->details, g_strdup_printf (_("Details of photo %d"), position + 1));
  label_widget (self->remove, g_strdup_printf (_("Remove photo %d"), position + 1));
  label_widget (GTK_WIDGET (self->alt),
                g_strdup_printf (_("Description of photo %d"), position + 1));
  return self;
}

int
sg_photo_row_get_position (SgPhotoRow *self)
{
  g_return_val_if_fail (SG_IS_PHOTO_ROW (self), -1);
  return self->position;
}

void
sg_photo_row_set_preview (SgPhotoRow   *self,
                          GdkPaintable *preview)
{
  g_return_if_fail (SG_IS_PHOTO_ROW (self));
  gtk_picture_set_paintable (self->picture, preview);
}

const char *
sg_photo_row_get_description (SgPhotoRow *self)
{
  g_return_val_if_fail (SG_IS_PHOTO_ROW (self), NULL);
  return gtk_editable_get_text (self->alt);
}

void
sg_photo_row_set_description (SgPhotoRow *self,
                              const char *description)
{
  g_return_if_fail (SG_IS_PHOTO_ROW (self));
  gtk_editable_set_text (self->alt, description != NULL ? description : "");
}

void
sg_photo_row_focus_description (SgPhotoRow *self)
{
  g_return_if_fail (SG_IS_PHOTO_ROW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->alt));
}

guint
sg_photo_row_get_checked (SgPhotoRow *self)
{
  g_return_val_if_fail (SG_IS_PHOTO_ROW (self), 0);
  return self->checked;
}
