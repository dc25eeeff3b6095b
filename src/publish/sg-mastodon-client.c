/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SgMastodonClient: one Mastodon account, what the next post carries (photos, language,
 * progress, its first attempt), and what every request to the server shares. Posting is in
 * sg-mastodon-client-post.c and -media.c; the account and deleting in -account.c. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sg-error.h"
#include "sg-http.h"
#include "sg-mastodon-client-private.h"
#include "sg-post-image.h"
#include "sg-soup.h"

G_DEFINE_FINAL_TYPE (SgMastodonClient, sg_mastodon_client, G_TYPE_OBJECT)

/* Only https, so certificates are always checked; plain http only to this machine (tests). */
gboolean
sg_mastodon_check_instance (const char  *instance,
                            GError     **error)
{
  if (sg_http_address_is_safe (instance))
    return TRUE;
  g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
               _("“%s” is not a Mastodon server address. It looks like https://mastodon.social."),
               instance);
  return FALSE;
}

GBytes *
sg_mastodon_client_read_answer (GTask         *task,
                                GObject       *session,
                                GAsyncResult  *result,
                                SoupMessage  **msg,
                                char         **why)
{
  g_autoptr(GError) error = NULL;
  GBytes *body;

  *msg = soup_session_get_async_result_message ((SoupSession *) session, result);
  *why = NULL;
  body = soup_session_send_and_read_finish ((SoupSession *) session, result, &error);
  if (body == NULL && (*why = sg_http_take_network_failure (&error)) == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  return body;
}

char *
sg_mastodon_client_server_message (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len = 0;
  const char *data = body ? g_bytes_get_data (body, &len) : NULL;
  JsonNode *root;

  if (data == NULL || !json_parser_load_from_data (parser, data, len, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (json_node_get_object (root),
                                                               "error", NULL));
}

void
sg_mastodon_client_set_progress (SgMastodonClient   *self,
                                 SgPostProgressFunc  func,
                                 gpointer            user_data)
{
  g_return_if_fail (SG_IS_MASTODON_CLIENT (self));

  self->progress = func;
  self->progress_data = user_data;
}

void
sg_mastodon_client_add_image (SgMastodonClient *self,
                              const char       *path,
                              const char       *alt)
{
  g_return_if_fail (SG_IS_MASTODON_CLIENT (self));
  g_return_if_fail (path != NULL);

  g_ptr_array_add (self->images, sg_post_image_new (path, alt));
}

void
sg_mastodon_client_set_max_wait (SgMastodonClient *self,
                                 guint             seconds)
{
  g_return_if_fail (SG_IS_MASTODON_CLIENT (self));

  self->max_wait = seconds;
}

SgMastodonClient *
sg_mastodon_client_new (const char *instance,
                        const char *token)
{
  SgMastodonClient *self = g_object_new (SG_TYPE_MASTODON_CLIENT, NULL);

  self->instance = sg_http_address_trim (instance);
  self->token = g_strdup (token);
  return self;
}

static void
sg_mastodon_client_finalize (GObject *object)
{
  SgMastodonClient *self = SG_MASTODON_CLIENT (object);

  g_free (self->language);
  g_clear_object (&self->session);
  g_clear_pointer (&self->images, g_ptr_array_unref);
  g_free (self->instance);
  sg_http_free_secret (self->token);

  G_OBJECT_CLASS (sg_mastodon_client_parent_class)->finalize (object);
}

static void
sg_mastodon_client_class_init (SgMastodonClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sg_mastodon_client_finalize;
}

static void
sg_mastodon_client_init (SgMastodonClient *self)
{
  sg_soup_load ();
  /* No proxy resolver surprises and a bounded wait: a post either lands or fails clearly. */
  self->session = soup_session_new_with_options ("timeout", 30, "idle-timeout", 30,
                                                 "user-agent", "SocialGuard/" PACKAGE_VERSION,
                                                 NULL);
  /* Mastodon's posting limit resets every few minutes; a wait of up to two is worth it when
   * the progress dialog says until when. */
  self->max_wait = 120;
  self->images = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_post_image_free);
}

void
sg_mastodon_client_set_language (SgMastodonClient *self,
                                 const char       *language)
{
  g_return_if_fail (SG_IS_MASTODON_CLIENT (self));

  g_free (self->language);
  self->language = g_strdup (language);
}

void
sg_mastodon_client_set_first_attempt (SgMastodonClient *self,
                                      gint64            unix_usec)
{
  g_return_if_fail (SG_IS_MASTODON_CLIENT (self));

  self->first_attempt = unix_usec;
}
