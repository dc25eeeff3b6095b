/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sg-consent-bar.h"

#include "sg-consent-dialog.h"
#include "sg-store-job.h"
#include "sg-toast.h"

struct _SgConsentBar
{
  GtkWidget       parent_instance;

  GtkLabel       *label;
  GtkWidget      *withdraw_button;

  SgStore        *store;
  gint64          draft_id;
  SgDraftConsent *consent;
  GCancellable   *cancellable;  /* of the read for the open draft */
};

G_DEFINE_FINAL_TYPE (SgConsentBar, sg_consent_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONSENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static void
set_consent (SgConsentBar         *self,
             const SgDraftConsent *consent)
{
  if (consent == NULL && self->consent == NULL)
    return;

  g_clear_pointer (&self->consent, sg_draft_consent_free);
  if (consent != NULL)
    {
      g_autofree char *date = sg_consent_format_date (consent->given_on);
      /* Translators: "Consent recorded 12 Sep 2026": the patient's, on this draft. */
      g_autofree char *text = g_strdup_printf (_("Consent recorded %s"), date);

      self->consent = sg_draft_consent_copy (consent);
      gtk_label_set_label (self->label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), self->consent != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONSENT]);
}

/* Store jobs */

static gpointer
load_job (SgStore   *store,
          gpointer   data,
          GError   **error)
{
  return sg_draft_consent_load (store, GPOINTER_TO_SIZE (data), error);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgDraftConsent) consent = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    sg_toast_show (GTK_WIDGET (object), error->message);
  /* The read was cancelled if another draft was opened since. */
  set_consent (SG_CONSENT_BAR (object), consent);
}

static gpointer
save_job (SgStore   *store,
          gpointer   data,
          GError   **error)
{
  return sg_draft_consent_save (store, data, error) ? sg_draft_consent_copy (data) : NULL;
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  SgConsentBar *self = SG_CONSENT_BAR (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgDraftConsent) consent = g_task_propagate_pointer (G_TASK (result), &error);

  if (consent == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        sg_toast_show (GTK_WIDGET (self), error->message);
      return;
    }
  if (consent->draft_id != self->draft_id)
    return;
  set_consent (self, consent);
  sg_toast_show (GTK_WIDGET (self), _("The patient’s consent is recorded with this draft"));
}

static gpointer
withdraw_job (SgStore   *store,
              gpointer   data,
              GError   **error)
{
  return sg_draft_consent_withdraw (store, GPOINTER_TO_SIZE (data), error)
         ? data : NULL;
}

static void
withdrawn_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SgConsentBar *self = SG_CONSENT_BAR (object);
  g_autoptr(GError) error = NULL;
  gpointer id = g_task_propagate_pointer (G_TASK (result), &error);

  if (id == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        sg_toast_show (GTK_WIDGET (self), error->message);
      return;
    }
  if ((gint64) GPOINTER_TO_SIZE (id) != self->draft_id)
    return;
  set_consent (self, NULL);
  sg_toast_show (GTK_WIDGET (self), _("Consent withdrawn from this draft"));
}

/* Callbacks */

static void
dialog_response_cb (SgConsentDialog *dialog,
                    const char      *response,
                    SgConsentBar    *self)
{
  SgDraftConsent *consent;

  if (!g_str_equal (response, "record"))
    return;
  consent = sg_consent_dialog_dup_consent (dialog, self->draft_id);
  if (consent == NULL)
    return;
  sg_store_job_run_full (self, self->store, NULL, save_job, consent,
                         (GDestroyNotify) sg_draft_consent_free,
                         (GDestroyNotify) sg_draft_consent_free, saved_cb, NULL);
}

static void
withdraw_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  sg_consent_bar_withdraw (SG_CONSENT_BAR (widget));
}

/* GObject */

static void
sg_consent_bar_dispose (GObject *object)
{
  SgConsentBar *self = SG_CONSENT_BAR (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  g_clear_pointer (&self->consent, sg_draft_consent_free);

  G_OBJECT_CLASS (sg_consent_bar_parent_class)->dispose (object);
}

static void
sg_consent_bar_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SgConsentBar *self = SG_CONSENT_BAR (object);

  switch (prop_id)
    {
    case PROP_CONSENT:
      g_value_set_boxed (value, self->consent);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_consent_bar_class_init (SgConsentBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_consent_bar_dispose;
  object_class->get_property = sg_consent_bar_get_property;

  properties[PROP_CONSENT] =
    g_param_spec_boxed ("consent", NULL, NULL, SG_TYPE_DRAFT_CONSENT,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "consent.withdraw", NULL, withdraw_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sg-consent-bar");
}

static void
sg_consent_bar_init (SgConsentBar *self)
{
  GtkWidget *icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Withdraw"));

  self->draft_id = -1;
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                              8);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 6);

  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Patient’s consent"), -1);
  gtk_widget_add_css_class (icon, "success");
  gtk_widget_set_parent (icon, GTK_WIDGET (self));

  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->label, 0);
  gtk_label_set_wrap (self->label, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);
  gtk_widget_set_parent (GTK_WIDGET (self->label), GTK_WIDGET (self));

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "consent.withdraw");
  gtk_widget_set_tooltip_text (button, _("Remove the recorded consent from this draft"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Withdraw consent"), -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (button, GTK_WIDGET (self));
  self->withdraw_button = button;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Patient’s consent"), -1);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/* Public API */

GtkWidget *
sg_consent_bar_new (void)
{
  return g_object_new (SG_TYPE_CONSENT_BAR, NULL);
}

void
sg_consent_bar_set_draft (SgConsentBar *self,
                          SgStore      *store,
                          gint64        draft_id)
{
  g_return_if_fail (SG_IS_CONSENT_BAR (self));
  g_return_if_fail (store == NULL || SG_IS_STORE (store));

  g_set_object (&self->store, store);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->draft_id = draft_id;
  set_consent (self, NULL);
  if (store == NULL || draft_id < 0)
    return;

  self->cancellable = g_cancellable_new ();
  sg_store_job_run_full (self, store, self->cancellable, load_job, GSIZE_TO_POINTER (draft_id),
                         NULL, (GDestroyNotify) sg_draft_consent_free, loaded_cb, NULL);
}

const SgDraftConsent *
sg_consent_bar_get_consent (SgConsentBar *self)
{
  g_return_val_if_fail (SG_IS_CONSENT_BAR (self), NULL);
  return self->consent;
}

void
sg_consent_bar_record (SgConsentBar *self)
{
  SgConsentDialog *dialog;

  g_return_if_fail (SG_IS_CONSENT_BAR (self));

  if (self->store == NULL || self->draft_id < 0)
    {
      sg_toast_show (GTK_WIDGET (self),
                     _("Consent can be recorded once the draft has been saved"));
      return;
    }
  dialog = sg_consent_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                  self->consent);
  g_signal_connect_object (dialog, "response", G_CALLBACK (dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
sg_consent_bar_withdraw (SgConsentBar *self)
{
  g_return_if_fail (SG_IS_CONSENT_BAR (self));

  if (self->store == NULL || self->draft_id < 0 || self->consent == NULL)
    return;
  sg_store_job_run (self, self->store, NULL, withdraw_job, GSIZE_TO_POINTER (self->draft_id),
                    NULL, withdrawn_cb, NULL);
}
