/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Signing in asks the service whose token or app password it is, stores the secret in the
 * keyring, and only then remembers the account; signing out removes both. Nothing connects
 * until the user presses a sign-in button. */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-accounts.h"
#include "sg-bluesky-client.h"
#include "sg-mastodon-auth.h"
#include "sg-mastodon-code-dialog.h"
#include "sg-posting-accounts.h"
#include "sg-secrets.h"
#include "sg-toast.h"

typedef struct {
  const char *service;      /* keyring attribute and platform id */
} Service;

static const Service mastodon = { "mastodon" };
static const Service bluesky = { "bluesky" };

/* One service's sign-in form: its group on the page and what a sign-in under way holds. */
typedef struct {
  SgPostingAccounts *page;     /* owns the form */
  const Service     *service;
  GSettings         *settings;
  GtkWidget         *group;
  GtkEditable       *server;
  GtkEditable       *account;
  GtkEditable       *secret;
  GtkWidget         *sign_in;
  GtkWidget         *browser;      /* Mastodon: sign in on the server's own page */
  AdwActionRow      *signed_in;
  GtkWidget         *sign_out;
  char              *verified;     /* the account the service named for the secret being stored */
  char              *pending;      /* that secret, until the keyring has it */
  char              *server_url;   /* the server being signed in to, as checked */
  gboolean           busy;
} Form;

struct _SgPostingAccounts
{
  AdwPreferencesPage  parent_instance;

  Form                mastodon_form;
  Form                bluesky_form;
};

G_DEFINE_FINAL_TYPE (SgPostingAccounts, sg_posting_accounts, ADW_TYPE_PREFERENCES_PAGE)

static void
forget_pending (Form *f)
{
  if (f->pending != NULL)
    memset (f->pending, 0, strlen (f->pending));
  g_clear_pointer (&f->pending, g_free);
  g_clear_pointer (&f->verified, g_free);
}

static void
form_clear (Form *f)
{
  forget_pending (f);
  g_clear_pointer (&f->server_url, g_free);
  g_clear_object (&f->settings);
}

static void
show_problem (Form       *f,
              const char *heading,
              const char *message)
{
  /* Too long for a toast, and it needs reading: a dialog. */
  GtkRoot *root = gtk_widget_get_root (f->group);
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void form_changed (Form *f);

/* While a sign-in is under way the page (and so this form) is kept alive, even if the
 * window is closed before the server answers. */
static void
set_busy (Form     *f,
          gboolean  busy)
{
  SgPostingAccounts *page = f->page;
  gboolean was = f->busy;

  /* Nothing can be changed or pressed while the server is being asked. */
  f->busy = busy;
  gtk_widget_set_sensitive (GTK_WIDGET (f->server), !busy);
  if (f->account != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (f->account), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (f->secret), !busy);
  gtk_widget_set_sensitive (f->sign_out, !busy);
  if (busy)
    {
      gtk_widget_set_sensitive (f->sign_in, FALSE);
      if (f->browser != NULL)
        gtk_widget_set_sensitive (f->browser, FALSE);
    }
  else
    form_changed (f);
  if (busy && !was)
    g_object_ref (page);
  else if (!busy && was)
    g_object_unref (page);   /* may free @f: nothing after this */
}

static void
toast (Form       *f,
       const char *text)
{
  AdwToast *t = sg_toast_new_plain (text);

  adw_toast_set_timeout (t, 0);   /* an error to read, not a passing note */
  sg_toast_add (f->group, t);
}

static void
sync_form (Form *f)
{
  g_autofree char *account = g_settings_get_string (f->settings, sg_accounts_account_key (f->service->service));
  g_autofree char *server = g_settings_get_string (f->settings, sg_accounts_server_key (f->service->service));
  gboolean in = *account != '\0';
  g_autofree char *subtitle = g_strdup_printf (_("on %s; the secret is in your keyring"), server);

  gtk_widget_set_visible (GTK_WIDGET (f->server), !in);
  if (f->account != NULL)
    gtk_widget_set_visible (GTK_WIDGET (f->account), !in);
  gtk_widget_set_visible (GTK_WIDGET (f->secret), !in);
  gtk_widget_set_visible (f->sign_in, !in);
  if (f->browser != NULL)
    gtk_widget_set_visible (f->browser, !in);
  gtk_widget_set_visible (GTK_WIDGET (f->signed_in), in);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (f->signed_in), account);
  adw_action_row_set_subtitle (f->signed_in, subtitle);
}

static void
form_changed (Form *f)
{
  g_autofree char *server = g_strstrip (g_strdup (gtk_editable_get_text (f->server)));
  g_autofree char *account = f->account ? g_strstrip (g_strdup (gtk_editable_get_text (f->account)))
                                        : g_strdup ("-");
  const char *secret = gtk_editable_get_text (f->secret);

  if (f->busy)
    return;
  gtk_widget_set_sensitive (f->sign_in, *server && *account && *secret);
  if (f->browser != NULL)
    gtk_widget_set_sensitive (f->browser, *server != '\0');
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Form *f = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *server = g_strdup (f->server_url);
  g_autofree char *account = g_strdup (f->verified);
  g_autofree char *done = NULL;

  forget_pending (f);
  if (!sg_secrets_store_finish (result, &error))
    show_problem (f, _("Not Signed In"), error->message);
  else
    {
      g_settings_set_string (f->settings, sg_accounts_server_key (f->service->service), server);
      g_settings_set_string (f->settings, sg_accounts_account_key (f->service->service), account);
      gtk_editable_set_text (f->secret, "");
      done = g_strdup_printf (_("Signed in as %s. Posts can now be sent from Compose."), account);
      toast (f, done);
    }
  set_busy (f, FALSE);
}

/* The service said whose secret it is: now, and only now, keep it. */
static void
verified (Form       *f,
          char       *account,
          GError     *error)
{
  if (account == NULL)
    {
      forget_pending (f);
      show_problem (f, _("Not Signed In"), error->message);
      g_error_free (error);
      set_busy (f, FALSE);
      return;
    }
  g_free (f->verified);
  f->verified = account;
  sg_secrets_store_async (f->service->service, f->server_url, account, f->pending, NULL, stored_cb, f);
}

static void
mastodon_verified_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GError *error = NULL;
  char *account = sg_mastodon_auth_verify_finish (result, &error);

  verified (user_data, account, error);
}

static void
bluesky_verified_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GError *error = NULL;
  char *account = sg_bluesky_client_verify_finish (SG_BLUESKY_CLIENT (object), result, &error);

  verified (user_data, account, error);
}

/* https, or http to this machine (a test server); "mastodon.social" becomes https://…. */
static char *
normalise_server (Form *f)
{
  g_autofree char *server = g_strstrip (g_strdup (gtk_editable_get_text (f->server)));

  if (g_str_has_prefix (server, "https://") || g_str_has_prefix (server, "http://127.0.0.1") ||
      g_str_has_prefix (server, "http://localhost"))
    return g_steal_pointer (&server);
  if (strstr (server, "://") != NULL)
    {
      toast (f, _("The server address must start with https://"));
      return NULL;
    }
  {
    char *fixed = g_strconcat ("https://", server, NULL);
    gtk_editable_set_text (f->server, fixed);
    return fixed;
  }
}

static void
check_secret (Form       *f,
              const char *server,
              const char *secret)
{
  set_busy (f, TRUE);
  forget_pending (f);
  if (server != f->server_url)
    {
      g_free (f->server_url);
      f->server_url = g_strdup (server);
    }
  f->pending = g_strstrip (g_strdup (secret));
  if (f->service == &mastodon)
    sg_mastodon_auth_verify_async (server, f->pending, NULL, mastodon_verified_cb, f);
  else
    {
      g_autofree char *handle = g_strstrip (g_strdup (gtk_editable_get_text (f->account)));
      g_autoptr(SgBlueskyClient) client = sg_bluesky_client_new (server, handle, f->pending);

      sg_bluesky_client_verify_async (client, NULL, bluesky_verified_cb, f);
    }
}

static void
sign_in_cb (Form *f)
{
  g_autofree char *server = normalise_server (f);

  if (server != NULL)
    check_secret (f, server, gtk_editable_get_text (f->secret));
}

/* Mastodon's own sign-in page: register, open the page, take the code it shows. */

static void
exchanged_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Form *f = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = sg_mastodon_auth_exchange_finish (result, &error);

  if (token == NULL)
    {
      show_problem (f, _("Not Signed In"), error->message);
      set_busy (f, FALSE);
      return;
    }
  check_secret (f, f->server_url, token);
  memset (token, 0, strlen (token));
}

static void
code_response_cb (SgMastodonCodeDialog *dialog,
                  const char           *response,
                  Form                 *f)
{
  if (!g_str_equal (response, "sign-in"))
    {
      set_busy (f, FALSE);
      return;
    }
  sg_mastodon_auth_exchange_async (sg_mastodon_code_dialog_get_app (dialog),
                                   sg_mastodon_code_dialog_get_code (dialog), NULL, exchanged_cb,
                                   f);
}

static void
uri_shown_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* No browser: the address is in the dialog to copy by hand. */
  gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error);
}

static void
registered_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Form *f = user_data;
  g_autoptr(GError) error = NULL;
  SgMastodonApp *app = sg_mastodon_auth_register_finish (result, &error);
  GtkRoot *root = gtk_widget_get_root (f->group);
  SgMastodonCodeDialog *dialog;

  if (app == NULL)
    {
      show_problem (f, _("Not Signed In"), error->message);
      set_busy (f, FALSE);
      return;
    }
  dialog = sg_mastodon_code_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, app);
  g_signal_connect (dialog, "response", G_CALLBACK (code_response_cb), f);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_show_uri_full (GTK_WINDOW (dialog), sg_mastodon_code_dialog_get_authorize_url (dialog),
                     GDK_CURRENT_TIME, NULL, uri_shown_cb, NULL);
}

static void
browser_cb (Form *f)
{
  g_autofree char *server = normalise_server (f);

  if (server == NULL)
    return;
  set_busy (f, TRUE);
  g_free (f->server_url);
  f->server_url = g_strdup (server);
  sg_mastodon_auth_register_async (server, NULL, registered_cb, f);
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
  g_settings_reset (f->settings, sg_accounts_server_key (f->service->service));
  g_settings_reset (f->settings, sg_accounts_account_key (f->service->service));
  set_busy (f, FALSE);
}

static void
sign_out_cb (Form *f)
{
  g_autofree char *server = g_settings_get_string (f->settings, sg_accounts_server_key (f->service->service));
  g_autofree char *account = g_settings_get_string (f->settings, sg_accounts_account_key (f->service->service));

  /* The keyring may ask to be unlocked first, for as long as the user takes. */
  set_busy (f, TRUE);
  sg_secrets_clear_async (f->service->service, server, account, NULL, cleared_cb, f);
}

static GtkWidget *
build_group (Form          *f,
             GSettings     *settings,
             const Service *service,
             const char    *title,
             const char    *description,
             const char    *server_hint,
             const char    *account_label,
             const char    *secret_label)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *button_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  f->service = service;
  f->settings = g_object_ref (settings);
  f->group = group;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);

  f->server = GTK_EDITABLE (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (f->server), server_hint);
  /* Mastodon names the account itself once the token is checked. */
  if (account_label != NULL)
    {
      f->account = GTK_EDITABLE (adw_entry_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (f->account), account_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (f->account), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      account_label, -1);
    }
  f->secret = GTK_EDITABLE (adw_password_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (f->secret), secret_label);
  {
    g_autofree char *server = g_settings_get_string (settings, sg_accounts_server_key (service->service));
    gtk_editable_set_text (f->server, *server ? server : (service == &bluesky ? "https://bsky.social" : ""));
  }
  gtk_accessible_update_property (GTK_ACCESSIBLE (f->server), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  server_hint, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (f->secret), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  secret_label, -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (f->server));
  if (f->account != NULL)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (f->account));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (f->secret));

  /* For Mastodon the server's own page is the easy way; a token is for those who have one. */
  f->sign_in = gtk_button_new_with_mnemonic (service == &mastodon ? _("Sign In With _Token")
                                                                  : _("_Sign In"));
  if (service != &mastodon)
    gtk_widget_add_css_class (f->sign_in, "suggested-action");
  gtk_widget_set_margin_top (button_row, 12);
  gtk_widget_set_halign (button_row, GTK_ALIGN_END);
  {
    g_autofree char *label = g_strdup_printf (_("Sign in to %s"), title);
    gtk_accessible_update_property (GTK_ACCESSIBLE (f->sign_in), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    label, -1);
  }
  if (service == &mastodon)
    {
      g_autofree char *label = g_strdup_printf (_("Sign in to %s in the browser"), title);

      f->browser = gtk_button_new_with_mnemonic (_("Sign In in the _Browser…"));
      gtk_widget_add_css_class (f->browser, "suggested-action");
      gtk_widget_set_tooltip_text (f->browser, _("Sign in on your server’s own page and paste "
                                                 "the code it gives; no token to make by hand"));
      gtk_widget_set_margin_start (f->browser, 6);
      gtk_accessible_update_property (GTK_ACCESSIBLE (f->browser), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      g_signal_connect_swapped (f->browser, "clicked", G_CALLBACK (browser_cb), f);
    }
  gtk_box_append (GTK_BOX (button_row), f->sign_in);
  if (f->browser != NULL)
    gtk_box_append (GTK_BOX (button_row), f->browser);

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
  /* Not a row: the group puts it under the list. */
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), button_row);

  g_signal_connect_swapped (f->server, "changed", G_CALLBACK (form_changed), f);
  if (f->account != NULL)
    g_signal_connect_swapped (f->account, "changed", G_CALLBACK (form_changed), f);
  g_signal_connect_swapped (f->secret, "changed", G_CALLBACK (form_changed), f);
  g_signal_connect_swapped (f->sign_in, "clicked", G_CALLBACK (sign_in_cb), f);
  g_signal_connect_swapped (f->sign_out, "clicked", G_CALLBACK (sign_out_cb), f);
  {
    g_autofree char *detail = g_strconcat ("changed::", sg_accounts_account_key (service->service), NULL);
    g_signal_connect_swapped (settings, detail, G_CALLBACK (sync_form), f);
  }
  sync_form (f);
  form_changed (f);
  return group;
}

/* GObject */

static void
sg_posting_accounts_dispose (GObject *object)
{
  SgPostingAccounts *self = SG_POSTING_ACCOUNTS (object);

  /* The settings outlive the window: stop telling the forms about them. */
  if (self->mastodon_form.settings != NULL)
    g_signal_handlers_disconnect_by_data (self->mastodon_form.settings, &self->mastodon_form);
  if (self->bluesky_form.settings != NULL)
    g_signal_handlers_disconnect_by_data (self->bluesky_form.settings, &self->bluesky_form);

  G_OBJECT_CLASS (sg_posting_accounts_parent_class)->dispose (object);
}

static void
sg_posting_accounts_finalize (GObject *object)
{
  SgPostingAccounts *self = SG_POSTING_ACCOUNTS (object);

  form_clear (&self->mastodon_form);
  form_clear (&self->bluesky_form);

  G_OBJECT_CLASS (sg_posting_accounts_parent_class)->finalize (object);
}

static void
sg_posting_accounts_class_init (SgPostingAccountsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sg_posting_accounts_dispose;
  object_class->finalize = sg_posting_accounts_finalize;
}

static void
sg_posting_accounts_init (SgPostingAccounts *self)
{
  self->mastodon_form.page = self;
  self->bluesky_form.page = self;
}

/* Public API */

AdwPreferencesPage *
sg_posting_accounts_page_new (GSettings *settings)
{
  SgPostingAccounts *self;
  AdwPreferencesPage *page;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SG_TYPE_POSTING_ACCOUNTS, NULL);
  page = ADW_PREFERENCES_PAGE (self);
  adw_preferences_page_set_name (page, "posting");
  adw_preferences_page_set_title (page, _("Posting"));
  adw_preferences_page_set_icon_name (page, "send-to-symbolic");
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (
    build_group (&self->mastodon_form, settings, &mastodon, _("Mastodon"),
                 _("Sign in on your server’s own page in the browser, or paste an access token "
                   "made under Preferences → Development (allow “read:accounts”, "
                   "“write:statuses” and “write:media”). SocialGuard checks it with the server "
                   "and keeps it in your keyring, never in its own files."),
                 _("Server, e.g. https://mastodon.social"), NULL,
                 _("Access token"))));
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (
    build_group (&self->bluesky_form, settings, &bluesky, _("Bluesky"),
                 _("Use an app password (Bluesky → Settings → Privacy and security → App "
                   "passwords), never your account password. SocialGuard checks it with Bluesky "
                   "and keeps it in your keyring."),
                 _("Server"), _("Handle, e.g. you.bsky.social"), _("App password"))));
  return page;
}
