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

/* Template callbacks: each button and field belongs to one service's group. */

static Form *
form_of (SgPostingAccounts *self,
         GtkWidget         *widget)
{
  return gtk_widget_is_ancestor (widget, self->mastodon_form.group) ? &self->mastodon_form
                                                                     : &self->bluesky_form;
}

static void
entry_changed_cb (SgPostingAccounts *self,
                  GtkEditable       *entry)
{
  form_changed (form_of (self, GTK_WIDGET (entry)));
}

static void
sign_in_clicked_cb (SgPostingAccounts *self,
                    GtkWidget         *button)
{
  sign_in_cb (form_of (self, button));
}

static void
browser_clicked_cb (SgPostingAccounts *self,
                    GtkWidget         *button)
{
  browser_cb (form_of (self, button));
}

static void
sign_out_clicked_cb (SgPostingAccounts *self,
                     GtkWidget         *button)
{
  sign_out_cb (form_of (self, button));
}

/* The form's widgets are the template's; this gives it its service and settings. */
static void
setup_form (Form          *f,
            GSettings     *settings,
            const Service *service)
{
  g_autofree char *server = g_settings_get_string (settings,
                                                   sg_accounts_server_key (service->service));
  g_autofree char *detail = g_strconcat ("changed::", sg_accounts_account_key (service->service),
                                         NULL);

  f->service = service;
  f->settings = g_object_ref (settings);
  gtk_editable_set_text (f->server, *server ? server
                                            : (service == &bluesky ? "https://bsky.social" : ""));
  g_signal_connect_swapped (settings, detail, G_CALLBACK (sync_form), f);
  sync_form (f);
  form_changed (f);
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

  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_POSTING_ACCOUNTS);

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
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_posting_accounts_dispose;
  object_class->finalize = sg_posting_accounts_finalize;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/org/example/SocialGuard/ui/sg-posting-accounts.ui");
#define BIND(id, member) \
  gtk_widget_class_bind_template_child_full (widget_class, id, FALSE, \
                                             G_STRUCT_OFFSET (SgPostingAccounts, member))
  BIND ("bluesky_account", bluesky_form.account);
  BIND ("bluesky_group", bluesky_form.group);
  BIND ("bluesky_secret", bluesky_form.secret);
  BIND ("bluesky_server", bluesky_form.server);
  BIND ("bluesky_sign_in", bluesky_form.sign_in);
  BIND ("bluesky_sign_out", bluesky_form.sign_out);
  BIND ("bluesky_signed_in", bluesky_form.signed_in);
  BIND ("mastodon_browser", mastodon_form.browser);
  BIND ("mastodon_group", mastodon_form.group);
  BIND ("mastodon_secret", mastodon_form.secret);
  BIND ("mastodon_server", mastodon_form.server);
  BIND ("mastodon_sign_in", mastodon_form.sign_in);
  BIND ("mastodon_sign_out", mastodon_form.sign_out);
  BIND ("mastodon_signed_in", mastodon_form.signed_in);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, browser_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sign_in_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, sign_out_clicked_cb);
}

static void
sg_posting_accounts_init (SgPostingAccounts *self)
{
  self->mastodon_form.page = self;
  self->bluesky_form.page = self;
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

AdwPreferencesPage *
sg_posting_accounts_page_new (GSettings *settings)
{
  SgPostingAccounts *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SG_TYPE_POSTING_ACCOUNTS, NULL);
  setup_form (&self->mastodon_form, settings, &mastodon);
  setup_form (&self->bluesky_form, settings, &bluesky);
  return ADW_PREFERENCES_PAGE (self);
}
