/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "sg-consent-dialog.h"

struct _SgConsentDialog
{
  AdwMessageDialog  parent_instance;

  GtkCheckButton   *confirm;
  GtkEditable      *date;
  GtkLabel         *date_problem;
  GtkCheckButton   *recorded_in[3];  /* as recorded_in_values */
  GtkEditable      *note;
};

G_DEFINE_FINAL_TYPE (SgConsentDialog, sg_consent_dialog, ADW_TYPE_MESSAGE_DIALOG)

static const char *recorded_in_values[] = { "written", "notes", "other" };

/* Helpers */

static void
today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

static char *
parse_date (SgConsentDialog  *self,
            GError          **error)
{
  GDate day;

  today (&day);
  return sg_consent_parse_date (gtk_editable_get_text (self->date), &day, error);
}

static const char *
chosen_recorded_in (SgConsentDialog *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (recorded_in_values); i++)
    if (gtk_check_button_get_active (self->recorded_in[i]))
      return recorded_in_values[i];
  return NULL;
}

static GtkWidget *
heading_label (const char *text,
               GtkWidget  *mnemonic_widget)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  if (mnemonic_widget != NULL)
    gtk_label_set_mnemonic_widget (GTK_LABEL (label), mnemonic_widget);
  return label;
}

/* A check button whose words wrap: a dialog is narrow and the sentence is long. */
static GtkCheckButton *
wrapped_check_new (const char *text)
{
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_WORD);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), check);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), label);
  /* The label's text, without the mnemonic's underscore. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (GTK_LABEL (label)), -1);
  return GTK_CHECK_BUTTON (check);
}

/* Callbacks */

static void
changed_cb (SgConsentDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = parse_date (self, &error);
  gboolean typed = *gtk_editable_get_text (self->date) != '\0';

  /* Said under the field as soon as it is wrong, not only when Record is pressed. */
  gtk_label_set_label (self->date_problem, error != NULL && typed ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->date_problem), error != NULL && typed);
  if (error != NULL && typed)
    gtk_widget_add_css_class (GTK_WIDGET (self->date), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->date), "error");

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "record",
                                           gtk_check_button_get_active (self->confirm) &&
                                           iso != NULL && chosen_recorded_in (self) != NULL);
}

/* GObject */

static void
sg_consent_dialog_class_init (SgConsentDialogClass *klass)
{
}

static void
sg_consent_dialog_init (SgConsentDialog *self)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *how = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  static const char *how_labels[] = {
    N_("On a _written consent form"),
    N_("In their _notes"),
    N_("Another _way"),
  };

  adw_message_dialog_set_heading (dialog, _("Patient’s Consent"));
  adw_message_dialog_set_body (dialog,
    _("Sharing details that could identify a patient, such as a case story, needs their "
      "explicit consent. Even with it, share only what is needed and what they agreed to. "
      "SocialGuard keeps checking the post, and logs this consent with it in History."));

  self->confirm = wrapped_check_new (_("The patient (or someone entitled to act for them) gave "
                                       "_explicit consent to this being shared"));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->confirm));

  self->date = GTK_EDITABLE (gtk_entry_new ());
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->date), _("Such as 12/09/2026"));
  gtk_entry_set_activates_default (GTK_ENTRY (self->date), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->date), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Date consent was given"), -1);
  self->date_problem = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->date_problem, TRUE);
  gtk_label_set_xalign (self->date_problem, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->date_problem), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->date_problem), "caption");
  gtk_widget_set_visible (GTK_WIDGET (self->date_problem), FALSE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->date), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  self->date_problem, NULL, -1);
  gtk_box_append (GTK_BOX (box), heading_label (_("_Date consent was given"),
                                                GTK_WIDGET (self->date)));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->date));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->date_problem));

  gtk_box_append (GTK_BOX (box), heading_label (_("How it was recorded"), NULL));
  for (guint i = 0; i < G_N_ELEMENTS (how_labels); i++)
    {
      GtkWidget *radio = gtk_check_button_new_with_mnemonic (_(how_labels[i]));
      g_autoptr(GString) plain = g_string_new (_(how_labels[i]));

      /* The accessible name without the mnemonic's underscore. */
      g_string_replace (plain, "_", "", 0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (radio), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      plain->str, -1);
      if (i > 0)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (radio), self->recorded_in[0]);
      self->recorded_in[i] = GTK_CHECK_BUTTON (radio);
      gtk_box_append (GTK_BOX (how), radio);
    }
  gtk_box_append (GTK_BOX (box), how);

  self->note = GTK_EDITABLE (gtk_entry_new ());
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->note),
                                  _("Such as: the X-ray and the story, not their age"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->note), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What they agreed to (optional)"), -1);
  gtk_box_append (GTK_BOX (box), heading_label (_("What they agreed to (o_ptional)"),
                                                GTK_WIDGET (self->note)));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->note));
  adw_message_dialog_set_extra_child (dialog, box);

  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "record", _("_Record Consent"));
  adw_message_dialog_set_response_appearance (dialog, "record", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "record");
  adw_message_dialog_set_close_response (dialog, "cancel");

  g_signal_connect_object (self->confirm, "toggled", G_CALLBACK (changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->date, "changed", G_CALLBACK (changed_cb), self,
                           G_CONNECT_SWAPPED);
  for (guint i = 0; i < G_N_ELEMENTS (self->recorded_in); i++)
    g_signal_connect_object (self->recorded_in[i], "toggled", G_CALLBACK (changed_cb), self,
                             G_CONNECT_SWAPPED);
}

/* Public API */

SgConsentDialog *
sg_consent_dialog_new (GtkWindow            *parent,
                       const SgDraftConsent *current)
{
  SgConsentDialog *self = g_object_new (SG_TYPE_CONSENT_DIALOG, "transient-for", parent, NULL);
  g_autofree char *date = NULL;

  if (current != NULL)
    {
      unsigned y, m, d;

      gtk_check_button_set_active (self->confirm, TRUE);
      if (sscanf (current->given_on, "%4u-%2u-%2u", &y, &m, &d) == 3)
        date = g_strdup_printf ("%02u/%02u/%04u", d, m, y);
      for (guint i = 0; i < G_N_ELEMENTS (recorded_in_values); i++)
        if (g_strcmp0 (current->recorded_in, recorded_in_values[i]) == 0)
          gtk_check_button_set_active (self->recorded_in[i], TRUE);
      gtk_editable_set_text (self->note, current->note != NULL ? current->note : "");
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      /* Day first, as a UK form has it. */
      date = g_date_time_format (now, "%d/%m/%Y");
    }
  gtk_editable_set_text (self->date, date != NULL ? date : "");
  changed_cb (self);
  return self;
}

SgDraftConsent *
sg_consent_dialog_dup_consent (SgConsentDialog *self,
                               gint64           draft_id)
{
  g_autofree char *iso = NULL;
  SgDraftConsent *consent;

  g_return_val_if_fail (SG_IS_CONSENT_DIALOG (self), NULL);

  iso = parse_date (self, NULL);
  if (iso == NULL || !gtk_check_button_get_active (self->confirm) ||
      chosen_recorded_in (self) == NULL)
    return NULL;

  consent = g_new0 (SgDraftConsent, 1);
  consent->draft_id = draft_id;
  consent->given_on = g_steal_pointer (&iso);
  consent->recorded_in = g_strdup (chosen_recorded_in (self));
  consent->note = g_strstrip (g_strdup (gtk_editable_get_text (self->note)));
  return consent;
}
