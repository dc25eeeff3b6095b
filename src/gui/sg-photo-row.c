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
  GPtrArray     *checks;         /* GtkCheckButton*, owned by the popover; index = check bit */
  GtkPicture    *picture;

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

/* The questions a program cannot answer about a picture, ticked by the user. */
static GtkWidget *
checks_popover (SgPhotoRow *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *intro = gtk_label_new (_("SocialGuard cannot see the picture itself. Tick each one "
                                      "you have looked for and not found."));
  guint n;
  const SgPhotoCheck *checks = sg_photo_checks (&n);

  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (intro), 40);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_widget_add_css_class (intro, "dim-label");
  gtk_box_append (GTK_BOX (box), intro);
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
      gtk_box_append (GTK_BOX (box), check);
    }
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  return popover;
}

/* GObject */

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
}

static void
sg_photo_row_init (SgPhotoRow *self)
{
  self->checks = g_ptr_array_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
}

/* Public API */

SgPhotoRow *
sg_photo_row_new (const SgDraftPhoto *photo,
                  int                 position)
{
  SgPhotoRow *self;
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *frame = gtk_frame_new (NULL);
  g_autofree char *name = NULL;
  g_autofree char *state = NULL;
  g_autofree char *checked = NULL;
  GtkWidget *title, *status, *checks, *details, *remove, *alt;

  g_return_val_if_fail (photo != NULL, NULL);

  self = g_object_new (SG_TYPE_PHOTO_ROW, NULL);
  self->position = position;
  self->checked = photo->checked;

  name = g_path_get_basename (photo->original_path);
  state = describe_state (photo);
  checked = checks_label (photo->checked);
  title = gtk_label_new (name);
  status = gtk_label_new (state);
  checks = gtk_menu_button_new ();
  details = gtk_button_new_from_icon_name ("document-properties-symbolic");
  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  alt = gtk_entry_new ();

  self->picture = GTK_PICTURE (picture);
  gtk_widget_set_size_request (picture, 72, 72);
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_COVER);
  gtk_frame_set_child (GTK_FRAME (frame), picture);
  gtk_widget_set_valign (frame, GTK_ALIGN_START);
  label_widget (picture, g_strdup_printf (_("Photo %d"), position + 1));
  gtk_box_append (GTK_BOX (top), frame);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (status), 0);
  gtk_label_set_wrap (GTK_LABEL (status), TRUE);
  gtk_widget_add_css_class (status, "caption");
  if (sg_draft_photo_get_posted_facts (photo) & (SG_IMAGE_FACT_LOCATION | SG_IMAGE_FACT_UNREADABLE))
    gtk_widget_add_css_class (status, "error");
  else if (sg_draft_photo_get_posted_facts (photo) != 0)
    gtk_widget_add_css_class (status, "warning");
  else
    gtk_widget_add_css_class (status, "dim-label");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), status);
  gtk_box_append (GTK_BOX (top), text);

  if (sg_draft_photo_get_posted_facts (photo) != 0)
    {
      GtkWidget *clean = gtk_button_new_with_mnemonic (_("_Clean"));

      gtk_widget_set_tooltip_text (clean, _("Make a copy without location, names, device details "
                                            "or preview, turned the right way up; the copy is posted "
                                            "and your original is not changed"));
      gtk_widget_add_css_class (clean, "suggested-action");
      gtk_widget_set_valign (clean, GTK_ALIGN_CENTER);
      label_widget (clean, g_strdup_printf (_("Clean photo %d"), position + 1));
      g_signal_connect_object (clean, "clicked", G_CALLBACK (clean_clicked_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (top), clean);
    }

  self->checks_button = GTK_MENU_BUTTON (checks);
  gtk_menu_button_set_label (self->checks_button, checked);
  gtk_menu_button_set_popover (self->checks_button, checks_popover (self));
  gtk_widget_set_tooltip_text (checks, _("What SocialGuard cannot see: look at the picture and tick"));
  gtk_widget_set_valign (checks, GTK_ALIGN_CENTER);
  label_widget (checks, g_strdup_printf (_("Picture checks for photo %d"), position + 1));
  gtk_box_append (GTK_BOX (top), checks);

  gtk_widget_set_tooltip_text (details, _("What the file carries, in plain words, with a map link"));
  gtk_widget_set_valign (details, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (details, "flat");
  label_widget (details, g_strdup_printf (_("Details of photo %d"), position + 1));
  g_signal_connect_object (details, "clicked", G_CALLBACK (details_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (top), details);

  gtk_widget_set_tooltip_text (remove, _("Remove from the post (the file itself is kept)"));
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  label_widget (remove, g_strdup_printf (_("Remove photo %d"), position + 1));
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (top), remove);

  self->alt = GTK_EDITABLE (alt);
  gtk_entry_set_placeholder_text (GTK_ENTRY (alt), _("Describe the picture for people who cannot see it"));
  gtk_editable_set_text (self->alt, photo->alt_text ? photo->alt_text : "");
  label_widget (alt, g_strdup_printf (_("Description of photo %d"), position + 1));
  g_signal_connect_object (alt, "changed", G_CALLBACK (alt_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_box_append (GTK_BOX (outer), top);
  gtk_box_append (GTK_BOX (outer), alt);
  gtk_widget_set_margin_start (outer, 12);
  gtk_widget_set_margin_end (outer, 12);
  gtk_widget_set_margin_top (outer, 8);
  gtk_widget_set_margin_bottom (outer, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), outer);
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
