/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Privacy page's list of accounts changed by hand: Add Account, and taking an account off
 * the list after a confirmation (its past reviews stay in the history). */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-privacy-page-private.h"

#include "sg-signal.h"

/* What a dialog's handler carries goes with the dialog. */
static void
free_closure_data (gpointer  data,
                   GClosure *closure)
{
  g_free (data);
}

/* Adding an account */

typedef struct {
  char  *platform;
  char  *handle;
  char  *kind;
  guint  interval;
} AddJob;

static void
add_job_free (AddJob *a)
{
  g_free (a->platform);
  g_free (a->handle);
  g_free (a->kind);
  g_free (a);
}

static gpointer
add_job (SgStore   *store,
         gpointer   data,
         GError   **error)
{
  AddJob *a = data;
  return sg_profiles_add (store, a->platform, a->handle, a->kind, a->interval, error) > 0
         ? GINT_TO_POINTER (1) : NULL;
}

void
sg_privacy_page_add_profile (SgPrivacyPage *self,
                             const char    *platform,
                             const char    *handle,
                             const char    *kind)
{
  AddJob *a = g_new0 (AddJob, 1);

  a->platform = g_strdup (platform);
  a->handle = g_strdup (handle);
  a->kind = g_strdup (kind);
  a->interval = g_settings_get_uint (sg_context_get_settings (self->context),
                                     "review-interval-days");
  sg_privacy_page_run_job (self, add_job, a, (GDestroyNotify) add_job_free,
                           sg_privacy_page_changed_cb, NULL);
}

/* The fields of an Add Account dialog, owned by the dialog. */
typedef struct {
  SgPrivacyPage *self;
  AdwComboRow   *platform;
  GtkEditable   *handle;
  AdwComboRow   *kind;
} AddForm;

static void
add_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 AddForm          *form)
{
  if (!g_str_equal (response, "add"))
    return;
  sg_privacy_page_add_profile (form->self,
                               sg_privacy_platform_ids[adw_combo_row_get_selected (form->platform)],
                               gtk_editable_get_text (form->handle),
                               adw_combo_row_get_selected (form->kind) == 0 ? "personal"
                                                                            : "professional");
}

static void
handle_changed_cb (AdwMessageDialog *dialog,
                   GtkEditable      *handle)
{
  g_autofree char *s = g_strstrip (g_strdup (gtk_editable_get_text (handle)));
  adw_message_dialog_set_response_enabled (dialog, "add", *s != '\0');
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  SgPrivacyPage *self = SG_PRIVACY_PAGE (widget);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *platform = adw_combo_row_new ();
  GtkWidget *handle = adw_entry_row_new ();
  GtkWidget *kind = adw_combo_row_new ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  AddForm *form = g_new0 (AddForm, 1);
  AdwMessageDialog *dialog;

  for (guint i = 0; sg_privacy_platform_names[i] != NULL; i++)
    gtk_string_list_append (names, _(sg_privacy_platform_names[i]));
  gtk_string_list_append (kinds, _("Personal"));
  gtk_string_list_append (kinds, _("Professional"));

  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (platform), _("Platform"));
  adw_combo_row_set_model (ADW_COMBO_ROW (platform), G_LIST_MODEL (names));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (handle), _("Account name or handle"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (kind), _("Kind of account"));
  adw_combo_row_set_model (ADW_COMBO_ROW (kind), G_LIST_MODEL (kinds));
  gtk_list_box_append (GTK_LIST_BOX (list), platform);
  gtk_list_box_append (GTK_LIST_BOX (list), handle);
  gtk_list_box_append (GTK_LIST_BOX (list), kind);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      GTK_WINDOW (gtk_widget_get_root (widget)), _("Add Account"),
      _("Add each account you hold; SocialGuard reminds you when its settings are due for a "
        "review.")));
  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "add", _("_Add"));
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");
  form->self = self;
  form->platform = ADW_COMBO_ROW (platform);
  form->handle = GTK_EDITABLE (handle);
  form->kind = ADW_COMBO_ROW (kind);
  sg_signal_connect_data_object (dialog, "response", G_CALLBACK (add_response_cb), form,
                                 free_closure_data, self);
  g_signal_connect_swapped (handle, "changed", G_CALLBACK (handle_changed_cb), dialog);
  handle_changed_cb (dialog, GTK_EDITABLE (handle));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Taking an account off the list (its past reviews stay in the history) */

static gpointer
remove_job (SgStore   *store,
            gpointer   data,
            GError   **error)
{
  return sg_profiles_remove (store, GPOINTER_TO_SIZE (data), error) ? GINT_TO_POINTER (1) : NULL;
}

typedef struct {
  SgPrivacyPage *self;
  gint64         profile_id;
} RemoveRequest;

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    RemoveRequest    *request)
{
  if (g_str_equal (response, "remove"))
    sg_privacy_page_run_job (request->self, remove_job, GSIZE_TO_POINTER (request->profile_id),
                             NULL, sg_privacy_page_changed_cb, NULL);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SgPrivacyPage *self = SG_PRIVACY_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  const SgProfile *p = sg_privacy_page_find_profile (self, id);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  RemoveRequest *request;

  if (p == NULL)
    return;
  heading = g_strdup_printf (_("Stop Reviewing %s on %s?"), p->handle,
                             sg_privacy_page_platform_name (p->platform));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      GTK_WINDOW (gtk_widget_get_root (widget)), heading,
      _("It leaves the list and no more reminders come for it. Its past reviews stay in the "
        "review history.")));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "remove", _("_Stop Reviewing"));
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  request = g_new0 (RemoveRequest, 1);
  request->self = self;
  request->profile_id = id;
  sg_signal_connect_data_object (dialog, "response", G_CALLBACK (remove_response_cb), request,
                                 free_closure_data, self);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
sg_privacy_page_class_init_accounts (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "privacy.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "privacy.remove", "x", remove_action);
}
