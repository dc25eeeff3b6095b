/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Who could read a post when it went out, where the archive says so. Mastodon's visibility
 * is read from the activity's addressing; LinkedIn writes a Visibility column; X, Facebook
 * and Instagram archives do not say (a protected X account or a friends-only Facebook post
 * looks like any other), so their posts are SG_PAST_POST_AUDIENCE_UNKNOWN. Every Bluesky
 * post is public. */
typedef enum {
  SG_PAST_POST_AUDIENCE_UNKNOWN,
  SG_PAST_POST_AUDIENCE_PUBLIC,
  SG_PAST_POST_AUDIENCE_UNLISTED,     /* Mastodon: public, but kept off the public timelines */
  SG_PAST_POST_AUDIENCE_FOLLOWERS,    /* Mastodon: followers only */
  SG_PAST_POST_AUDIENCE_DIRECT,       /* Mastodon: only the people mentioned */
  SG_PAST_POST_AUDIENCE_CONNECTIONS,  /* LinkedIn: connections only */
} SgPastPostAudience;

/* One post read from a platform's own archive, as its readers saw it: HTML turned to text,
 * entities decoded, Facebook's mojibake repaired. Never holds invalid UTF-8. */
typedef struct {
  char               *platform;        /* an id of data/platforms.json: mastodon, x, … */
  char               *id;              /* the platform's id; for Facebook and Instagram,
                                        * whose archives have none, the Unix time written;
                                        * for Bluesky the record key, or the record's CID
                                        * when the repository's tree is damaged */
  GDateTime          *date;            /* UTC; NULL when the archive gives none */
  char               *text;            /* never NULL; may be "" when only a description or
                                        * content warning holds text */
  char               *content_warning; /* Mastodon's summary, or NULL */
  GStrv               media_descriptions; /* one per attachment ("" when it has none), or NULL */
  char               *url;             /* where the post can be opened, or NULL */
  SgPastPostAudience  audience;
  char               *in_reply_to;     /* the id (X), URL (Mastodon) or at:// URI (Bluesky)
                                        * it answers, or NULL */
  char               *source;          /* the file it was read from ("outbox.json") */
} SgPastPost;

#define SG_TYPE_PAST_POST (sg_past_post_get_type ())
GType       sg_past_post_get_type           (void) G_GNUC_CONST;
SgPastPost *sg_past_post_new                (const char        *platform,
                                             const char        *id);
SgPastPost *sg_past_post_copy               (const SgPastPost  *post);
void        sg_past_post_free               (SgPastPost        *post);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgPastPost, sg_past_post_free)

/* TRUE when the post holds any text to check: its text, content warning or a description. */
gboolean    sg_past_post_has_text           (const SgPastPost  *post);

/* "public", "unlisted", "followers", "direct", "connections", or NULL when unknown. */
const char *sg_past_post_audience_to_string (SgPastPostAudience audience);

G_END_DECLS
