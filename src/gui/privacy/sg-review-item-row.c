/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-review-item-row.h"

/* The buttons are indexed by SgAnswer, in the order they are shown. */
#define N_ANSWERS 3
G_STATIC_ASSERT (SG_ANSWER_DONE == 0 && SG_ANSWER_NOT_APPLICABLE == 1 &&
                 SG_ANSWER_NEEDS_ACTION == N_ANSWERS - 1);

struct _SgReviewItemRow
{
  AdwExpanderRow   parent_instance;

  GtkToggleButton *buttons[N_ANSWERS];   /* owned by the row's body */
  GtkEditable     *note;                 /* owned by the row's body */

  char            *item_id;
  char            *conservative;         /* "Safer setting: …", shown with the answer */
  gboolean         answered;
  SgAnswer         answer;               /* when answered */
};

G_DEFINE_FINAL_TYPE (SgReviewItemRow, sg_review_item_row, ADW_TYPE_EXPANDER_ROW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static GtkWidget *
body_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  return label;
}

/* Callbacks */

static void
answer_toggled_cb (SgReviewItemRow *self,
                   GtkToggleButton *button)
{
  g_autofree char *subtitle = NULL;
  guint a;

  /* The button that lost the group's choice says nothing: the one that took it does. */
  if (!gtk_toggle_button_get_active (button))
    return;
  for (a = 0; a < N_ANSWERS && self->buttons[a] != button; a++)
    ;
  g_assert (a < N_ANSWERS);

  self->answered = TRUE;
  self->answer = a;
  /* The answer shows on the collapsed row too, not only inside it. */
  subtitle = g_strdup_printf ("%s · %s", gtk_button_get_label (GTK_BUTTON (button)),
                              self->conservative);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* A note typed after the answer was chosen is kept too (it was kept only when an answer button
 * was pressed, so it was lost, and missing from the export). Before any answer there is nothing
 * to attach it to, and choosing one keeps it. */
static void
note_changed_cb (SgReviewItemRow *self)
{
  if (self->answered)
    g_signal_emit (self, signals[CHANGED], 0);
}

/* GObject */

static void
sg_review_item_row_finalize (GObject *object)
{
  SgReviewItemRow *self = SG_REVIEW_ITEM_ROW (object);

  g_free (self->item_id);
  g_free (self->conservative);

  G_OBJECT_CLASS (sg_review_item_row_parent_class)->finalize (object);
}

static void
sg_review_item_row_class_init (SgReviewItemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sg_review_item_row_finalize;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sg_review_item_row_init (SgReviewItemRow *self)
{
}

/* Public API */

SgReviewItemRow *
sg_review_item_row_new (const SgChecklistItem *item,
                        const SgReviewAnswer  *previous)
{
  SgReviewItemRow *self;
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *answers = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *note = gtk_entry_new ();
  GtkWidget *why, *steps_label, *cites_label;
  g_autoptr(GString) steps = g_string_new (NULL);
  g_autofree char *cites = NULL;
  const char *labels[] = { N_("Done"), N_("Not Applicable"), N_("Needs Action") };

  g_return_val_if_fail (item != NULL, NULL);
  G_STATIC_ASSERT (G_N_ELEMENTS (labels) == N_ANSWERS);

  self = g_object_new (SG_TYPE_REVIEW_ITEM_ROW, NULL);
  self->item_id = g_strdup (item->id);
  self->conservative = g_strdup_printf (_("Safer setting: %s"), item->conservative);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), item->title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), self->conservative);

  why = body_label (item->why);
  gtk_label_set_wrap (GTK_LABEL (why), TRUE);
  gtk_box_append (GTK_BOX (body), why);

  for (guint i = 0; item->steps[i] != NULL; i++)
    g_string_append_printf (steps, "%u. %s\n", i + 1, item->steps[i]);
  steps_label = body_label (g_strchomp (steps->str));
  gtk_label_set_wrap (GTK_LABEL (steps_label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (steps_label), TRUE);
  gtk_box_append (GTK_BOX (body), steps_label);

  if (item->settings_url != NULL)
    gtk_box_append (GTK_BOX (body), gtk_link_button_new_with_label (item->settings_url,
                                                                    _("Open the settings page")));

  cites = g_strjoinv (" · ", item->citations);
  cites_label = body_label (cites);
  gtk_widget_add_css_class (cites_label, "dim-label");
  gtk_widget_add_css_class (cites_label, "caption");
  gtk_box_append (GTK_BOX (body), cites_label);

  /* The earlier answer and note are shown before the handlers are connected: they are saved
   * already, and the row reports only what changes from here. */
  gtk_widget_add_css_class (answers, "linked");
  for (guint a = 0; a < N_ANSWERS; a++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (_(labels[a]));

      self->buttons[a] = GTK_TOGGLE_BUTTON (button);
      if (a > 0)
        gtk_toggle_button_set_group (self->buttons[a], self->buttons[0]);
      gtk_box_append (GTK_BOX (answers), button);
    }
  if (previous != NULL)
    {
      g_return_val_if_fail ((guint) previous->answer < N_ANSWERS, self);
      gtk_toggle_button_set_active (self->buttons[previous->answer], TRUE);
      self->answered = TRUE;
      self->answer = previous->answer;
    }
  for (guint a = 0; a < N_ANSWERS; a++)
    g_signal_connect_object (self->buttons[a], "toggled", G_CALLBACK (answer_toggled_cb), self,
                             G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (body), answers);

  self->note = GTK_EDITABLE (note);
  gtk_entry_set_placeholder_text (GTK_ENTRY (note), _("Note (optional)"));
  gtk_editable_set_text (self->note, previous != NULL && previous->note != NULL ? previous->note
                                                                                  : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (note), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Note"), -1);
  gtk_box_append (GTK_BOX (body), note);
  g_signal_connect_object (note, "changed", G_CALLBACK (note_changed_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_widget_set_margin_start (body, 12);
  gtk_widget_set_margin_end (body, 12);
  gtk_widget_set_margin_top (body, 6);
  gtk_widget_set_margin_bottom (body, 12);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), body);
  return self;
}

const char *
sg_review_item_row_get_item_id (SgReviewItemRow *self)
{
  g_return_val_if_fail (SG_IS_REVIEW_ITEM_ROW (self), NULL);
  return self->item_id;
}

gboolean
sg_review_item_row_get_answer (SgReviewItemRow *self,
                               SgAnswer        *answer)
{
  g_return_val_if_fail (SG_IS_REVIEW_ITEM_ROW (self), FALSE);

  if (self->answered && answer != NULL)
    *answer = self->answer;
  return self->answered;
}

const char *
sg_review_item_row_get_note (SgReviewItemRow *self)
{
  g_return_val_if_fail (SG_IS_REVIEW_ITEM_ROW (self), NULL);
  return gtk_editable_get_text (self->note);
}

void
sg_review_item_row_set_answer (SgReviewItemRow *self,
                               SgAnswer         answer,
                               const char      *note)
{
  GtkToggleButton *button;

  g_return_if_fail (SG_IS_REVIEW_ITEM_ROW (self));
  g_return_if_fail ((guint) answer < N_ANSWERS);

  button = self->buttons[answer];
  gtk_editable_set_text (self->note, note != NULL ? note : "");
  /* Off and on again, so an answer already chosen is saved once more with the new note. */
  if (gtk_toggle_button_get_active (button))
    gtk_toggle_button_set_active (button, FALSE);
  gtk_toggle_button_set_active (button, TRUE);
}
