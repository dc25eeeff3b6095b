/* SPDX-License-Identifier: GPL-3.0-or-later */
/* SgBlueskyClient: one Bluesky account, and what the next post carries (photos, language,
 * progress, its first attempt). The calls are in sg-bluesky-client-session.c, -post.c and
 * -records.c. */
#include "config.h"

#include "sg-bluesky-client-private.h"
#include "sg-http.h"
#include "sg-post-image.h"

G_DEFINE_FINAL_TYPE (SgBlueskyClient, sg_bluesky_client, G_TYPE_OBJECT)

void
sg_bluesky_client_set_first_attempt (SgBlueskyClient *self,
                                     gint64           micros,
                                     gboolean         retry)
{
  g_return_if_fail (SG_IS_BLUESKY_CLIENT (self));

  self->first_attempt = micros;
  self->retry = retry;
}

void
sg_bluesky_client_set_progress (SgBlueskyClient    *self,
                                SgPostProgressFunc  func,
                                gpointer            user_data)
{
  g_return_if_fail (SG_IS_BLUESKY_CLIENT (self));

  self->progress = func;
  self->progress_data = user_data;
}

void
sg_bluesky_client_add_image (SgBlueskyClient *self,
                             const char      *path,
                             const char      *alt)
{
  g_return_if_fail (SG_IS_BLUESKY_CLIENT (self));
  g_return_if_fail (path != NULL);

  g_ptr_array_add (self->images, sg_post_image_new (path, alt));
}

void
sg_bluesky_client_set_max_wait (SgBlueskyClient *self,
                                guint            seconds)
{
  g_return_if_fail (SG_IS_BLUESKY_CLIENT (self));

  self->max_wait = seconds;
}

SgBlueskyClient *
sg_bluesky_client_new (const char *service,
                       const char *identifier,
                       const char *app_password)
{
  SgBlueskyClient *self = g_object_new (SG_TYPE_BLUESKY_CLIENT, NULL);

  self->service = sg_http_address_trim (service ? service : "https://bsky.social");
  self->identifier = g_strstrip (g_strdup (identifier));
  if (self->identifier[0] == '@')
    memmove (self->identifier, self->identifier + 1, strlen (self->identifier));
  self->password = g_strdup (app_password);
  return self;
}

static void
sg_bluesky_client_finalize (GObject *object)
{
  SgBlueskyClient *self = SG_BLUESKY_CLIENT (object);

  g_free (self->language);
  g_clear_pointer (&self->images, g_ptr_array_unref);
  g_free (self->service);
  g_free (self->identifier);
  sg_http_free_secret (self->password);

  G_OBJECT_CLASS (sg_bluesky_client_parent_class)->finalize (object);
}

static void
sg_bluesky_client_class_init (SgBlueskyClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sg_bluesky_client_finalize;
}

static void
sg_bluesky_client_init (SgBlueskyClient *self)
{
  self->max_wait = 60;
  self->images = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_post_image_free);
}

void
sg_bluesky_client_set_language (SgBlueskyClient *self,
                                const char      *language)
{
  g_return_if_fail (SG_IS_BLUESKY_CLIENT (self));

  g_free (self->language);
  self->language = g_strdup (language);
}
