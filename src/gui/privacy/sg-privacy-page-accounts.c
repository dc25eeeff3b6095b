/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Privacy page's list of accounts changed by hand: Add Account, and taking an account off
 * the list after a confirmation (its past reviews stay in the history). */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-privacy-page-private.h"

#include "sg-add-account-dialog.h"
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

static void
add_response_cb (SgAddAccountDialog *dialog,
                 const char         *response,
                 SgPrivacyPage      *self)
{
  if (!g_str_equal (response, "add"))
    return;
  sg_privacy_page_add_profile (self, sg_add_account_dialog_get_platform (dialog),
                               sg_add_account_dialog_get_handle (dialog),
                               sg_add_account_dialog_get_kind (dialog));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  SgAddAccountDialog *dialog =
    sg_add_account_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)));

  g_signal_connect_object (dialog, "response", G_CALLBACK (add_response_cb), widget, 0);
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
