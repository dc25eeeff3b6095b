/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sg-http.h"
#include "sg-soup.h"

gboolean
sg_http_sign_in_refused (guint status)
{
  return status == 401 || status == 403;
}

gboolean
sg_http_busy (guint status)
{
  return status == 429 /* Too Many Requests */ || (status >= 500 && status < 600);
}

SgError
sg_http_failure_code (guint status)
{
  if (sg_http_sign_in_refused (status))
    return SG_ERROR_SIGN_IN_NEEDED;
  if (sg_http_busy (status))
    return SG_ERROR_SERVICE_BUSY;
  return SG_ERROR_REJECTED;
}

SoupSession *
sg_http_session_new (void)
{
  sg_soup_load ();
  return soup_session_new_with_options ("timeout", 30, "user-agent", "SocialGuard/" PACKAGE_VERSION,
                                        NULL);
}

SoupMessage *
sg_http_prepare (SoupMessage *msg,
                 const char  *token,
                 gboolean     json)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (headers, "Authorization", auth);
    }
  if (json)
    soup_message_headers_replace (headers, "Accept", "application/json");
  return msg;
}

char *
sg_http_address_trim (const char *address)
{
  char *trimmed = g_strstrip (g_strdup (address));
  gsize len = strlen (trimmed);

  while (len > 0 && trimmed[len - 1] == '/')
    trimmed[--len] = '\0';
  return trimmed;
}

gboolean
sg_http_address_is_safe (const char *address)
{
  g_autoptr(GUri) uri = g_uri_parse (address, G_URI_FLAGS_NONE, NULL);
  const char *host = uri ? g_uri_get_host (uri) : NULL;

  if (uri != NULL && g_strcmp0 (g_uri_get_scheme (uri), "https") == 0 && host && *host)
    return TRUE;
  return uri != NULL && g_strcmp0 (g_uri_get_scheme (uri), "http") == 0 &&
         (g_strcmp0 (host, "127.0.0.1") == 0 || g_strcmp0 (host, "localhost") == 0);
}

gboolean
sg_http_delete_finish (GTask     *task,
                       gboolean  *already_gone,
                       GError   **error)
{
  gssize gone = g_task_propagate_int (task, error);

  if (gone < 0)
    return FALSE;
  if (already_gone != NULL)
    *already_gone = gone > 0;
  return TRUE;
}

char *
sg_http_take_network_failure (GError **error)
{
  char *why;

  if (g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || (*error)->domain == SG_ERROR)
    return NULL;
  why = g_strdup ((*error)->message);
  g_clear_error (error);
  return why;
}

void
sg_http_free_secret (char *secret)
{
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  g_free (secret);
}
