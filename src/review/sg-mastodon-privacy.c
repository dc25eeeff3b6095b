/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What a Mastodon account object says about its privacy, as suggested answers to the Mastodon
 * checklist. It lives with the review, not the client: the client fetches the account and
 * knows nothing of checklist items. */

#include "config.h"

#include <glib/gi18n.h>

#include "sg-mastodon-privacy.h"

static void
suggest (GPtrArray  *answers,
         const char *item_id,
         gboolean    safer,
         const char *note)
{
  SgReviewAnswer *a = g_new0 (SgReviewAnswer, 1);

  a->item_id = g_strdup (item_id);
  a->answer = safer ? SG_ANSWER_DONE : SG_ANSWER_NEEDS_ACTION;
  a->note = g_strdup (note);
  g_ptr_array_add (answers, a);
}

static gboolean
get_bool (JsonObject *o,
          const char *name,
          gboolean   *value)
{
  JsonNode *node = o ? json_object_get_member (o, name) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;   /* absent or null: this server does not say */
  *value = json_node_get_boolean (node);
  return TRUE;
}

GPtrArray *
sg_mastodon_privacy_answers (JsonObject *account)
{
  GPtrArray *answers = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_review_answer_free);
  JsonObject *source = json_object_has_member (account, "source") &&
                       JSON_NODE_HOLDS_OBJECT (json_object_get_member (account, "source"))
                       ? json_object_get_object_member (account, "source") : NULL;
  const char *privacy = source ? json_object_get_string_member_with_default (source, "privacy", NULL)
                               : NULL;
  gboolean value;

  if (get_bool (account, "locked", &value))
    suggest (answers, "mastodon.lock-account", value,
             value ? _("Read from your server: follow requests need your approval.")
                   : _("Read from your server: anyone can follow you without approval."));
  if (get_bool (account, "discoverable", &value))
    suggest (answers, "mastodon.suggest-account", !value,
             value ? _("Read from your server: your account is suggested to others and featured in discovery.")
                   : _("Read from your server: your account is not featured in discovery."));
  if (privacy != NULL)
    {
      g_autofree char *note = g_strdup_printf (_("Read from your server: new posts are “%s” by default."),
                                               privacy);
      suggest (answers, "mastodon.default-visibility", !g_str_equal (privacy, "public"), note);
    }
  if (get_bool (source, "indexable", &value))
    suggest (answers, "mastodon.search-indexing", !value,
             value ? _("Read from your server: your public posts can be found by full-text search.")
                   : _("Read from your server: your posts are kept out of full-text search."));
  if (get_bool (account, "hide_collections", &value) || get_bool (source, "hide_collections", &value))
    suggest (answers, "mastodon.social-graph", value,
             value ? _("Read from your server: your followers and follows are hidden.")
                   : _("Read from your server: anyone can see who follows you and whom you follow."));
  return answers;
}

