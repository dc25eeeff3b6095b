/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sg-accounts.h"

static const struct {
  const char *platform;
  const char *server_key;
  const char *account_key;
} accounts[] = {
  { "mastodon", "mastodon-server", "mastodon-account" },
  { "bluesky", "bluesky-server", "bluesky-handle" },
};

const char *
sg_accounts_server_key (const char *platform)
{
  for (guint i = 0; i < G_N_ELEMENTS (accounts); i++)
    if (g_strcmp0 (platform, accounts[i].platform) == 0)
      return accounts[i].server_key;
  return NULL;
}

const char *
sg_accounts_account_key (const char *platform)
{
  for (guint i = 0; i < G_N_ELEMENTS (accounts); i++)
    if (g_strcmp0 (platform, accounts[i].platform) == 0)
      return accounts[i].account_key;
  return NULL;
}

gboolean
sg_accounts_signed_in (GSettings   *settings,
                       const char  *platform,
                       char       **server,
                       char       **account)
{
  const char *server_key = sg_accounts_server_key (platform);
  g_autofree char *s = NULL;
  g_autofree char *a = NULL;

  if (server != NULL)
    *server = NULL;
  if (account != NULL)
    *account = NULL;
  if (settings == NULL || server_key == NULL)
    return FALSE;
  s = g_settings_get_string (settings, server_key);
  a = g_settings_get_string (settings, sg_accounts_account_key (platform));
  if (*s == '\0' || *a == '\0')
    return FALSE;
  if (server != NULL)
    *server = g_steal_pointer (&s);
  if (account != NULL)
    *account = g_steal_pointer (&a);
  return TRUE;
}
