/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sg-past-post.h"

G_DEFINE_BOXED_TYPE (SgPastPost, sg_past_post, sg_past_post_copy, sg_past_post_free)

SgPastPost *
sg_past_post_new (const char *platform,
                  const char *id)
{
  SgPastPost *post;

  g_return_val_if_fail (platform != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  post = g_new0 (SgPastPost, 1);
  post->platform = g_strdup (platform);
  post->id = g_strdup (id);
  post->text = g_strdup ("");
  return post;
}

SgPastPost *
sg_past_post_copy (const SgPastPost *post)
{
  SgPastPost *copy;

  g_return_val_if_fail (post != NULL, NULL);

  copy = sg_past_post_new (post->platform, post->id);
  copy->date = post->date != NULL ? g_date_time_ref (post->date) : NULL;
  g_free (copy->text);
  copy->text = g_strdup (post->text);
  copy->content_warning = g_strdup (post->content_warning);
  copy->media_descriptions = g_strdupv (post->media_descriptions);
  copy->url = g_strdup (post->url);
  copy->audience = post->audience;
  copy->in_reply_to = g_strdup (post->in_reply_to);
  copy->source = g_strdup (post->source);
  return copy;
}

void
sg_past_post_free (SgPastPost *post)
{
  if (post == NULL)
    return;

  g_free (post->platform);
  g_free (post->id);
  g_clear_pointer (&post->date, g_date_time_unref);
  g_free (post->text);
  g_free (post->content_warning);
  g_strfreev (post->media_descriptions);
  g_free (post->url);
  g_free (post->in_reply_to);
  g_free (post->source);
  g_free (post);
}

gboolean
sg_past_post_has_text (const SgPastPost *post)
{
  g_return_val_if_fail (post != NULL, FALSE);

  if (post->text[0] != '\0' || (post->content_warning && post->content_warning[0] != '\0'))
    return TRUE;
  for (guint i = 0; post->media_descriptions && post->media_descriptions[i]; i++)
    if (post->media_descriptions[i][0] != '\0')
      return TRUE;
  return FALSE;
}

const char *
sg_past_post_audience_to_string (SgPastPostAudience audience)
{
  switch (audience)
    {
    case SG_PAST_POST_AUDIENCE_PUBLIC: return "public";
    case SG_PAST_POST_AUDIENCE_UNLISTED: return "unlisted";
    case SG_PAST_POST_AUDIENCE_FOLLOWERS: return "followers";
    case SG_PAST_POST_AUDIENCE_DIRECT: return "direct";
    case SG_PAST_POST_AUDIENCE_CONNECTIONS: return "connections";
    case SG_PAST_POST_AUDIENCE_UNKNOWN:
    default:
      return NULL;
    }
}
