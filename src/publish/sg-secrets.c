/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A thin layer on libsecret that turns its errors into messages a doctor can act on, and
 * never falls back to storing a secret anywhere else. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "sg-error.h"
#include "sg-secrets.h"

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "org.example.SocialGuard.Account", SECRET_SCHEMA_NONE,
    {
      { "service", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };
  return &schema;
}

/* No bus, or nobody owns org.freedesktop.secrets: there is no keyring to use. */
static GError *
translate (GError *error)
{
  GError *out;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;

  if (error->domain == G_DBUS_ERROR || error->domain == G_IO_ERROR ||
      error->domain == G_SPAWN_ERROR)
    out = g_error_new (SG_ERROR, SG_ERROR_NOT_SUPPORTED,
                       _("No keyring is running on this computer, so SocialGuard cannot keep "
                         "the password safely and has not stored it anywhere. Start your "
                         "desktop’s keyring (for example GNOME Keyring) and sign in again."));
  else
    out = g_error_new (SG_ERROR, SG_ERROR_FAILED,
                       _("The keyring did not store or give the password (%s). Unlock the "
                         "keyring and try again."), error->message);
  g_error_free (error);
  return out;
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, translate (error));
}

void
sg_secrets_store_async (const char          *service,
                        const char          *server,
                        const char          *account,
                        const char          *secret,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *label = g_strdup_printf (_("SocialGuard: %s on %s"), account, server);

  g_task_set_source_tag (task, sg_secrets_store_async);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, secret, cancellable,
                         stored_cb, task,
                         "service", service, "server", server, "account", account, NULL);
}

gboolean
sg_secrets_store_finish (GAsyncResult  *result,
                         GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
looked_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *secret = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, translate (error));
  else
    g_task_return_pointer (task, secret, (GDestroyNotify) secret_password_free);
}

void
sg_secrets_lookup_async (const char          *service,
                         const char          *server,
                         const char          *account,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, sg_secrets_lookup_async);
  secret_password_lookup (get_schema (), cancellable, looked_up_cb, task,
                          "service", service, "server", server, "account", account, NULL);
}

char *
sg_secrets_lookup_finish (GAsyncResult  *result,
                          GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
cleared_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, translate (error));
  else
    g_task_return_boolean (task, TRUE);
}

void
sg_secrets_clear_async (const char          *service,
                        const char          *server,
                        const char          *account,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, sg_secrets_clear_async);
  secret_password_clear (get_schema (), cancellable, cleared_cb, task,
                         "service", service, "server", server, "account", account, NULL);
}

gboolean
sg_secrets_clear_finish (GAsyncResult  *result,
                         GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
