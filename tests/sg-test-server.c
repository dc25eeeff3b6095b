/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The loopback server the network tests share: it plays Mastodon or Bluesky. */
#include "config.h"

#include "sg-test-server.h"

char *
sg_test_server_listen (SoupServer *server)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;
  char *base;

  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);
  base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return base;
}

void
sg_test_server_reply_json (SoupServerMessage *msg,
                           guint              status,
                           const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}
