/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Finding the links, mentions and tags Bluesky shows as rich text. The app does not parse
 * post text on the server: without facets a URL is plain text and a mention notifies no one. */
#include "config.h"

#include "sg-bluesky-facets.h"

void
sg_facet_free (SgFacet *facet)
{
  if (facet == NULL)
    return;
  g_free (facet->value);
  g_free (facet);
}

static void
add (GPtrArray   *facets,
     SgFacetKind  kind,
     const char  *text,
     gint         start,
     gint         end,
     char        *value)
{
  SgFacet *f = g_new0 (SgFacet, 1);

  f->kind = kind;
  f->byte_start = start;
  f->byte_end = end;
  f->value = value;
  g_ptr_array_add (facets, f);
}

static gint
compare_facets (gconstpointer a,
                gconstpointer b)
{
  const SgFacet *fa = *(SgFacet **) a, *fb = *(SgFacet **) b;

  return (fa->byte_start > fb->byte_start) - (fa->byte_start < fb->byte_start);
}

GPtrArray *
sg_bluesky_find_facets (const char *text)
{
  static GRegex *link, *mention, *tag;
  GPtrArray *facets = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_facet_free);
  g_autoptr(GMatchInfo) info = NULL;

  if (g_once_init_enter (&link))
    {
      /* Trailing punctuation ends a sentence, not the URL. */
      mention = g_regex_new ("(?:^|[\\s(])(@([a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?"
                             "(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)+))",
                             G_REGEX_OPTIMIZE, 0, NULL);
      tag = g_regex_new ("(?:^|\\s)(#([^\\d\\s[:punct:]][^\\s[:punct:]]*))",
                         G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&link, g_regex_new ("https?://[^\\s<>\"]+?(?=[.,;:!?)\\]]*(?:\\s|$))",
                                             G_REGEX_OPTIMIZE, 0, NULL));
    }

  g_regex_match (link, text, 0, &info);
  for (; g_match_info_matches (info); g_match_info_next (info, NULL))
    {
      gint s, e;
      g_match_info_fetch_pos (info, 0, &s, &e);
      add (facets, SG_FACET_LINK, text, s, e, g_match_info_fetch (info, 0));
    }
  g_clear_pointer (&info, g_match_info_free);

  g_regex_match (mention, text, 0, &info);
  for (; g_match_info_matches (info); g_match_info_next (info, NULL))
    {
      gint s, e;
      g_match_info_fetch_pos (info, 1, &s, &e);
      add (facets, SG_FACET_MENTION, text, s, e, g_match_info_fetch (info, 2));
    }
  g_clear_pointer (&info, g_match_info_free);

  g_regex_match (tag, text, 0, &info);
  for (; g_match_info_matches (info); g_match_info_next (info, NULL))
    {
      gint s, e;
      g_match_info_fetch_pos (info, 1, &s, &e);
      add (facets, SG_FACET_TAG, text, s, e, g_match_info_fetch (info, 2));
    }

  /* A mention inside a URL ("https://x.org/@someone") is part of the link. */
  g_ptr_array_sort (facets, compare_facets);
  for (guint i = 1; i < facets->len;)
    {
      SgFacet *prev = g_ptr_array_index (facets, i - 1), *cur = g_ptr_array_index (facets, i);
      if (cur->byte_start < prev->byte_end)
        g_ptr_array_remove_index (facets, i);
      else
        i++;
    }
  return facets;
}

char *
sg_bluesky_record_key (gint64      micros,
                       const char *idempotency_key)
{
  /* A TID: 53 bits of microseconds and a 10-bit clock id, in base32-sortable. The clock id
   * comes from the key, so two devices posting in the same microsecond do not collide. */
  static const char alphabet[] = "234567abcdefghijklmnopqrstuvwxyz";
  guint64 v = ((guint64) micros & ((G_GUINT64_CONSTANT (1) << 53) - 1)) << 10 |
              (g_str_hash (idempotency_key) & 0x3ff);
  char out[14];

  for (int i = 12; i >= 0; i--)
    {
      out[i] = alphabet[v & 31];
      v >>= 5;
    }
  out[13] = '\0';
  return g_strdup (out);
}
