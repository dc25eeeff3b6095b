/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Signing in stores the token or app password in the keyring and only then remembers the
 * account; signing out removes both. Nothing here connects to the service. */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-posting-accounts.h"
#include "sg-secrets.h"

typedef struct {
  const char *service;      /* keyring attribute and platform id */
  const char *server_key;
  const char *account_key;
} Service;

static const Service mastodon = { "mastodon", "mastodon-server", "mastodon-account" };
static const Service bluesky = { "bluesky", "bluesky-server", "bluesky-handle" };

typedef struct {
  const Service *service;
  GSettings     *settings;
  GtkWidget     *group;
  GtkEditable   *server;
  GtkEditable   *account;
  GtkEditable   *secret;
  GtkWidget     *sign_in;
  AdwActionRow  *signed_in;
  GtkWidget     *sign_out;
} Form;

static void
form_free (Form *f)
{
  g_object_unref (f->settings);
  g_free (f);
}

static void
toast (Form       *f,
       const char *text)
{
  GtkRoot *root = gtk_widget_get_root (f->group);
  AdwToast *t = adw_toast_new (text);

  adw_toast_set_timeout (t, 0);   /* an error to read, not a passing note */
  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), t);
  else
    g_object_unref (g_object_ref_sink (t));
}

static void
sync_form (Form *f)
{
  g_autofree char *account = g_settings_get_string (f->settings, f->service->account_key);
  g_autofree char *server = g_settings_get_string (f->settings, f->service->server_key);
  gboolean in = *account != '\0';
  g_autofree char *subtitle = g_strdup_printf (_("on %s; the secret is in your keyring"), server);

  gtk_widget_set_visible (GTK_WIDGET (f->server), !in);
  gtk_widget_set_visible (GTK_WIDGET (f->account), !in);
  gtk_widget_set_visible (GTK_WIDGET (f->secret), !in);
  gtk_widget_set_visible (f->sign_in, !in);
  gtk_widget_set_visible (GTK_WIDGET (f->signed_in), in);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (f->signed_in), account);
  adw_action_row_set_subtitle (f->signed_in, subtitle);
}

static void
form_changed (Form *f)
{
  g_autofree char *server = g_strstrip (g_strdup (gtk_editable_get_text (f->server)));
  g_autofree char *account = g_strstrip (g_strdup (gtk_editable_get_text (f->account)));
  const char *secret = gtk_editable_get_text (f->secret);

  gtk_widget_set_sensitive (f->sign_in, *server && *account && *secret);
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Form *f = user_data;
  g_autoptr(GError) error = NULL;

  gtk_widget_set_sensitive (f->sign_in, TRUE);
  if (!sg_secrets_store_finish (result, &error))
    {
      /* Too long for a toast, and it needs reading: a dialog. */
      GtkRoot *root = gtk_widget_get_root (f->group);
      GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                  _("Not Signed In"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  {
    g_autofree char *server = g_strstrip (g_strdup (gtk_editable_get_text (f->server)));
    g_autofree char *account = g_strstrip (g_strdup (gtk_editable_get_text (f->account)));

    g_settings_set_string (f->settings, f->service->server_key, server);
    g_settings_set_string (f->settings, f->service->account_key, account);
  }
  gtk_editable_set_text (f->secret, "");
  toast (f, _("Signed in. Posts on this platform can now be sent from Compose."));
}

static void
sign_in_cb (Form *f)
{
  g_autofree char *server = g_strstrip (g_strdup (gtk_editable_get_text (f->server)));
  g_autofree char *account = g_strstrip (g_strdup (gtk_editable_get_text (f->account)));

  /* https only: the secret must travel under a verified certificate. */
  if (!g_str_has_prefix (server, "https://"))
    {
      g_autofree char *fixed = g_strconcat ("https://", server, NULL);
      if (strstr (server, "://") != NULL)
        {
          toast (f, _("The server address must start with https://"));
          return;
        }
      gtk_editable_set_text (f->server, fixed);
      g_free (server);
      server = g_steal_pointer (&fixed);
    }

  gtk_widget_set_sensitive (f->sign_in, FALSE);
  sg_secrets_store_async (f->service->service, server, account, gtk_editable_get_text (f->secret),
                          NULL, stored_cb, f);
}

static void
cleared_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Form *f = user_data;
  g_autoptr(GError) error = NULL;

  if (!sg_secrets_clear_finish (result, &error))
    toast (f, error->message);
  /* Forget the account either way, so nothing is posted with a secret we could not reach. */
  g_settings_reset (f->settings, f->service->server_key);
  g_settings_reset (f->settings, f->service->account_key);
}

static void
sign_out_cb (Form *f)
{
  g_autofree char *server = g_settings_get_string (f->settings, f->service->server_key);
  g_autofree char *account = g_settings_get_string (f->settings, f->service->account_key);

  sg_secrets_clear_async (f->service->service, server, account, NULL, cleared_cb, f);
}

/* The settings outlive the window: stop telling this form about them. */
static void
group_destroyed_cb (Form *f)
{
  g_signal_handlers_disconnect_by_data (f->settings, f);
}

static GtkWidget *
build_group (GSettings     *settings,
             const Service *service,
             const char    *title,
             const char    *description,
             const char    *server_hint,
             const char    *account_label,
             const char    *secret_label)
{
  Form *f = g_new0 (Form, 1);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *button_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  f->service = service;
  f->settings = g_object_ref (settings);
  f->group = group;
  g_object_set_data_full (G_OBJECT (group), "form", f, (GDestroyNotify) form_free);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);

  f->server = GTK_EDITABLE (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (f->server), server_hint);
  f->account = GTK_EDITABLE (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (f->account), account_label);
  f->secret = GTK_EDITABLE (adw_password_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (f->secret), secret_label);
  {
    g_autofree char *server = g_settings_get_string (settings, service->server_key);
    gtk_editable_set_text (f->server, *server ? server : (service == &bluesky ? "https://bsky.social" : ""));
  }
  gtk_accessible_update_property (GTK_ACCESSIBLE (f->server), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  server_hint, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (f->account), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  account_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (f->secret), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  secret_label, -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (f->server));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (f->account));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (f->secret));

  f->sign_in = gtk_button_new_with_mnemonic (_("_Sign In"));
  gtk_widget_add_css_class (f->sign_in, "suggested-action");
  gtk_widget_set_halign (f->sign_in, GTK_ALIGN_END);
  gtk_widget_set_margin_top (button_row, 12);
  gtk_widget_set_hexpand (f->sign_in, TRUE);
  gtk_widget_set_halign (button_row, GTK_ALIGN_END);
  {
    g_autofree char *label = g_strdup_printf (_("Sign in to %s"), title);
    gtk_accessible_update_property (GTK_ACCESSIBLE (f->sign_in), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    label, -1);
  }
  gtk_box_append (GTK_BOX (button_row), f->sign_in);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button_row);

  f->signed_in = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (f->signed_in), FALSE);
  f->sign_out = gtk_button_new_with_mnemonic (_("Sign _Out"));
  gtk_widget_set_valign (f->sign_out, GTK_ALIGN_CENTER);
  {
    g_autofree char *label = g_strdup_printf (_("Sign out of %s"), title);
    gtk_accessible_update_property (GTK_ACCESSIBLE (f->sign_out), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    label, -1);
  }
  adw_action_row_add_suffix (f->signed_in, f->sign_out);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (f->signed_in));

  g_signal_connect_swapped (f->server, "changed", G_CALLBACK (form_changed), f);
  g_signal_connect_swapped (f->account, "changed", G_CALLBACK (form_changed), f);
  g_signal_connect_swapped (f->secret, "changed", G_CALLBACK (form_changed), f);
  g_signal_connect_swapped (f->sign_in, "clicked", G_CALLBACK (sign_in_cb), f);
  g_signal_connect_swapped (f->sign_out, "clicked", G_CALLBACK (sign_out_cb), f);
  {
    g_autofree char *detail = g_strconcat ("changed::", service->account_key, NULL);
    g_signal_connect_swapped (settings, detail, G_CALLBACK (sync_form), f);
  }
  g_signal_connect_swapped (group, "destroy", G_CALLBACK (group_destroyed_cb), f);
  sync_form (f);
  form_changed (f);
  return group;
}

AdwPreferencesPage *
sg_posting_accounts_page_new (GSettings *settings)
{
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());

  adw_preferences_page_set_name (page, "posting");
  adw_preferences_page_set_title (page, _("Posting"));
  adw_preferences_page_set_icon_name (page, "send-to-symbolic");
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (
    build_group (settings, &mastodon, _("Mastodon"),
                 _("On your server, open Preferences → Development → New application, allow "
                   "“write:statuses”, and paste its access token here. It is kept in your "
                   "keyring, never in SocialGuard’s files."),
                 _("Server, e.g. https://mastodon.social"), _("Account, e.g. @you@mastodon.social"),
                 _("Access token"))));
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (
    build_group (settings, &bluesky, _("Bluesky"),
                 _("Use an app password (Bluesky → Settings → Privacy and security → App "
                   "passwords), never your account password. It is kept in your keyring."),
                 _("Server"), _("Handle, e.g. you.bsky.social"), _("App password"))));
  return page;
}
