/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The built-in groups a rule can name with "@…" that are not plain lexicon terms: identifiers,
 * doses, proper nouns, people, organisations, the watch-list and reply handles. They are
 * heuristics on the written form; rules combine them with context so that no single one of
 * them decides a finding. */
#include "config.h"

#include "sg-analyzer-private.h"
#include "sg-identifiers.h"

gboolean
sg_scan_is_capitalised (SgScan *scan,
                        gsize   start)
{
  guchar b;

  if (start >= scan->text.len)
    return FALSE;
  b = (guchar) scan->text.text[start];
  if (b < 0x80)
    return b >= 'A' && b <= 'Z';
  return g_unichar_isupper (g_utf8_get_char (scan->text.text + start));
}

static inline gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || c == '\'' || c == 0x2019;
}

static guint
group_id (SgScan     *scan,
          const char *name)
{
  return sg_rule_pack_lookup_group (scan->pack, name);
}

static void
collect_identifiers (SgScan *scan)
{
  guint base = group_id (scan, "@identifier:nhs-number");
  guint person = group_id (scan, "@person");
  guint doctor = group_id (scan, "@doctor-name");
  guint handle = group_id (scan, "@opening-handle");

  g_array_set_size (scan->identifiers, 0);
  sg_identifiers_scan (scan->text.text, scan->text.len, scan->identifiers);

  for (guint i = 0; i < scan->identifiers->len; i++)
    {
      const SgIdentifier *id = &g_array_index (scan->identifiers, SgIdentifier, i);

      sg_scan_add_hit (scan, base + id->kind, id->start, id->end, id->flags, id->value);

      /* Mr, Mrs, Ms … may be a patient; Dr and Prof are colleagues (defamation, respect). */
      if (id->kind == SG_IDENTIFIER_TITLED_NAME)
        sg_scan_add_hit (scan, id->value == 2 ? doctor : person, id->start, id->end, id->flags,
                         id->value);

      /* A post that opens with a handle is a reply to that person. */
      if (id->kind == SG_IDENTIFIER_HANDLE)
        {
          gboolean opening = TRUE;

          for (const char *p = scan->text.text; p < scan->text.text + id->start; p++)
            if (!g_ascii_isspace (*p))
              opening = FALSE;
          if (opening)
            sg_scan_add_hit (scan, handle, id->start, id->end, 0, 0);
        }
    }
}

/* "100mg", "2.5 mg", "500 micrograms", "2 puffs", "10ml": a number and a dose unit. */
static const char * const dose_units[] = {
  "mg", "mcg", "µg", "ug", "microgram", "micrograms", "g", "grams", "gram", "ml", "mls",
  "units", "unit", "iu", "puffs", "puff", "tablets", "tablet", "tabs", "capsules", "capsule",
  "drops", "sachets", "sachet", "mg/kg", "ml/kg", NULL
};

static void
collect_doses (SgScan *scan)
{
  guint group = group_id (scan, "@dose");
  const char *text = scan->text.text;
  gsize len = scan->text.len;

  for (gsize i = 0; i < len; i++)
    {
      gsize start, j, unit_start, unit_end;

      if (!g_ascii_isdigit (text[i]) || (i > 0 && (g_ascii_isalnum (text[i - 1]))))
        continue;

      start = i;
      j = i;
      while (j < len && (g_ascii_isdigit (text[j]) ||
                         ((text[j] == '.' || text[j] == ',') && j + 1 < len &&
                          g_ascii_isdigit (text[j + 1]))))
        j++;
      i = j;

      unit_start = j;
      if (unit_start < len && text[unit_start] == ' ')
        unit_start++;
      unit_end = unit_start;
      while (unit_end < len && (g_ascii_isalpha (text[unit_end]) || text[unit_end] == '/' ||
                                (guchar) text[unit_end] >= 0x80))
        {
          /* Stop at the first non-ASCII character that is not µ. */
          if ((guchar) text[unit_end] >= 0x80 &&
              g_utf8_get_char (text + unit_end) != 0x00B5)
            break;
          unit_end = (guchar) text[unit_end] >= 0x80
                       ? (gsize) (g_utf8_next_char (text + unit_end) - text) : unit_end + 1;
        }

      if (unit_end > unit_start && unit_end - unit_start < 16)
        {
          char unit[16];

          memcpy (unit, text + unit_start, unit_end - unit_start);
          unit[unit_end - unit_start] = '\0';
          for (char *u = unit; *u; u++)
            *u = g_ascii_tolower (*u);
          if (g_strv_contains (dose_units, unit))
            sg_scan_add_hit (scan, group, start, unit_end, 0, 0);
        }
    }
}

typedef struct {
  gsize start;
  gsize end;
} Span;

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const Span *x = a, *y = b;

  return x->start < y->start ? -1 : x->start > y->start;
}

/* Tokens: runs of letters, digits and apostrophes. */
static GArray *
tokenize (SgScan *scan)
{
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (Span));
  const char *text = scan->text.text;
  const char *p = text;
  const char *end = text + scan->text.len;

  while (p < end)
    {
      guchar b = (guchar) *p;
      gboolean word = b < 0x80 ? g_ascii_isalnum (b) : g_unichar_isalnum (g_utf8_get_char (p));

      if (word)
        {
          Span s = { p - text, 0 };

          while (p < end)
            {
              b = (guchar) *p;
              if (b < 0x80)
                {
                  if (!g_ascii_isalnum (b) && b != '\'')
                    break;
                  p++;
                }
              else if (is_word_char (g_utf8_get_char (p)))
                p = g_utf8_next_char (p);
              else
                break;
            }
          s.end = p - text;
          g_array_append_val (tokens, s);
        }
      else
        p = b < 0x80 ? p + 1 : g_utf8_next_char (p);
    }

  return tokens;
}

static gboolean
has_lower (SgScan *scan,
           Span    s)
{
  for (const char *p = scan->text.text + s.start; p < scan->text.text + s.end; p++)
    {
      if ((guchar) *p >= 0x80)
        goto unicode;
      if (*p >= 'a' && *p <= 'z')
        return TRUE;
    }
  return FALSE;

unicode:
  for (const char *p = scan->text.text + s.start; p < scan->text.text + s.end;
       p = g_utf8_next_char (p))
    if (g_unichar_islower (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* "HeartWise", "MedsDirect": a capital after a lower-case letter inside one word is how
 * brands are written, and it counts even at the start of a sentence. */
static gboolean
is_camel_case (SgScan *scan,
               Span    s)
{
  gboolean seen_lower = FALSE;

  for (const char *p = scan->text.text + s.start; p < scan->text.text + s.end;
       p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_islower (c))
        seen_lower = TRUE;
      else if (seen_lower && g_unichar_isupper (c))
        return TRUE;
    }

  return FALSE;
}

/* Tokens are visited in text order, and each group's hits are in text order too, so a
 * cursor per group finds "is there a hit here" without rescanning the list. */
typedef struct {
  guint group;
  int   h;
} Cursor;

static void
cursor_init (Cursor *c,
             SgScan *scan,
             guint   group)
{
  c->group = group;
  c->h = group != G_MAXUINT ? g_array_index (scan->head, int, group) : -1;
}

static gboolean
hit_at (SgScan *scan,
        Cursor *c,
        gsize   start)
{
  while (c->h >= 0 && g_array_index (scan->hits, SgHit, c->h).start < start)
    c->h = g_array_index (scan->next, int, c->h);

  return c->h >= 0 && g_array_index (scan->hits, SgHit, c->h).start == start;
}

/* Needs the lexicon hits indexed (head/next), so it runs after them. */
static void
collect_names (SgScan *scan)
{
  g_autoptr(GArray) tokens = tokenize (scan);
  guint proper = group_id (scan, "@proper-noun");
  guint person = group_id (scan, "@person");
  guint org = group_id (scan, "@organisation");
  guint stop = group_id (scan, "@proper-noun-stop");
  guint first_names = group_id (scan, "@first-names");
  guint org_words = group_id (scan, "@organisation-words");
  guint places = group_id (scan, "@uk-places");
  const char *text = scan->text.text;
  guint n = tokens->len;
  g_autofree gboolean *cap = g_new0 (gboolean, n + 1);
  Cursor stop_cursor, first_cursor, org_cursor, org_ahead, place_cursor;

  cursor_init (&org_ahead, scan, org_words);
  cursor_init (&place_cursor, scan, places);
  cursor_init (&stop_cursor, scan, stop);
  cursor_init (&first_cursor, scan, first_names);
  cursor_init (&org_cursor, scan, org_words);

  for (guint i = 0; i < n; i++)
    {
      Span s = g_array_index (tokens, Span, i);
      cap[i] = sg_scan_is_capitalised (scan, s.start) && !hit_at (scan, &stop_cursor, s.start);
    }

  for (guint i = 0; i < n; i++)
    {
      Span s = g_array_index (tokens, Span, i);
      gboolean sentence_start;

      if (!cap[i])
        continue;

      sentence_start = sg_text_is_sentence_start (&scan->text, s.start);

      /* Proper nouns: capitalised, mixed case, not the first word of a sentence. Consecutive
       * ones ("Harrowfield General") make one hit. */
      /* A town is a place, not a brand: @uk-places says where, @proper-noun says who makes. */
      if (cap[i] && has_lower (scan, s) && (!sentence_start || is_camel_case (scan, s)) &&
          !hit_at (scan, &place_cursor, s.start))
        {
          guint j = i;

          /* At most 8 words: a name is never longer, and a page of capitalised words (a list
           * of "Mr X" lines) must not make a hit per word reaching to the end of the page. */
          while (j + 1 < n && j - i < 7 && cap[j + 1] &&
                 g_array_index (tokens, Span, j + 1).start == g_array_index (tokens, Span, j).end + 1)
            j++;
          sg_scan_add_hit (scan, proper, s.start, g_array_index (tokens, Span, j).end, 0, 0);
        }

      /* A known first name followed by a capitalised word: "Isla McBride". */
      if (cap[i] && i + 1 < n && cap[i + 1] && hit_at (scan, &first_cursor, s.start))
        {
          Span t = g_array_index (tokens, Span, i + 1);

          /* Unless it names a place: "Daisy House Hospice", "Rose Court Surgery" (the
           * organisation word may be the second word or the third). */
          gboolean names_a_place =
            hit_at (scan, &org_ahead, t.start) ||
            (i + 2 < n && cap[i + 2] &&
             hit_at (scan, &org_ahead, g_array_index (tokens, Span, i + 2).start));

          if (t.start == s.end + 1 && has_lower (scan, t) && !names_a_place)
            sg_scan_add_hit (scan, person, s.start, t.end, 0, 0);
        }

      /* An organisation word with capitalised words before it: "Meadow Lane Pharmacy";
       * "St Aldhelm's" likewise. */
      if (cap[i] && i > 0 && cap[i - 1] && hit_at (scan, &org_cursor, s.start))
        {
          guint j = i - 1;

          while (j > 0 && cap[j - 1] &&
                 g_array_index (tokens, Span, j - 1).end + 1 == g_array_index (tokens, Span, j).start)
            j--;
          sg_scan_add_hit (scan, org, g_array_index (tokens, Span, j).start, s.end, 0, 0);
        }
      else if (cap[i] && i + 1 < n && cap[i + 1] && s.end - s.start == 2 &&
               strncmp (text + s.start, "St", 2) == 0)
        sg_scan_add_hit (scan, org, s.start, g_array_index (tokens, Span, i + 1).end, 0, 0);
    }
}

/* The characters beyond ASCII in the segment, sorted and each once: most drafts have none
 * or a few, and a bracket of emoji none of which is there need not run. */
static void
collect_symbols (SgScan *scan)
{
  const char *text = scan->text.text;
  gsize len = scan->text.len;

  g_array_set_size (scan->symbols, 0);
  for (gsize i = 0; i < len; i++)
    if ((guchar) text[i] >= 0xc0)
      {
        gunichar c = g_utf8_get_char (text + i);
        guint lo = 0, hi = scan->symbols->len;

        while (lo < hi)
          {
            guint mid = lo + (hi - lo) / 2;

            if (g_array_index (scan->symbols, gunichar, mid) < c)
              lo = mid + 1;
            else
              hi = mid;
          }
        if (lo == scan->symbols->len || g_array_index (scan->symbols, gunichar, lo) != c)
          g_array_insert_val (scan->symbols, lo, c);
      }
}

static gboolean
has_symbol (SgScan         *scan,
            const gunichar *wanted)
{
  const gunichar *seen = (const gunichar *) (gpointer) scan->symbols->data;
  guint i = 0, n = scan->symbols->len;

  /* Both sorted: one merge. */
  while (*wanted != 0 && i < n)
    {
      if (seen[i] == *wanted)
        return TRUE;
      if (seen[i] < *wanted)
        i++;
      else
        wanted++;
    }
  return FALSE;
}

static void
collect_regexes (SgScan *scan)
{
  collect_symbols (scan);
  for (guint g = 0; g < scan->groups->len; g++)
    {
      SgGroup *group = g_ptr_array_index (scan->groups, g);
      g_autoptr(GMatchInfo) info = NULL;

      if (group->type != SG_GROUP_REGEX)
        continue;
      /* Without the words it needs (found by collect_terms) the regex cannot match. */
      if (group->anchor_sets != 0 &&
          (g_array_index (scan->anchors_seen, guint32, g) & group->anchor_sets) !=
          group->anchor_sets)
        continue;
      if (group->symbols != NULL && !has_symbol (scan, group->symbols))
        continue;

      g_regex_match_full (group->regex, scan->text.text, scan->text.len, 0, 0, &info, NULL);
      while (g_match_info_matches (info))
        {
          int start, end;

          if (g_match_info_fetch_pos (info, 0, &start, &end) && end > start)
            sg_scan_add_hit (scan, g, start, end, 0, 0);
          g_match_info_next (info, NULL);
        }
    }
}

static void
collect_watch_list (SgScan *scan)
{
  guint group = group_id (scan, "@watch-list");

  if (scan->watch == NULL)
    return;

  g_array_set_size (scan->scratch, 0);
  sg_lexicon_scan (scan->watch, scan->text.folded->str, scan->text.folded->len, scan->scratch);
  for (guint i = 0; i < scan->scratch->len; i++)
    {
      const SgLexiconMatch *m = &g_array_index (scan->scratch, SgLexiconMatch, i);
      sg_scan_add_hit (scan, group,
                       g_array_index (scan->text.map, guint32, m->start),
                       g_array_index (scan->text.map, guint32, m->end), 0, 0);
    }
}

/* "Dr Fiona Blake" is a colleague (or the author), not a patient, and "Daisy House Hospice"
 * is a place: a first name or a person found inside a doctor's titled name or an
 * organisation's name is dropped. */
static void
drop_names_inside_names (SgScan *scan)
{
  guint doctor = group_id (scan, "@doctor-name");
  guint org = group_id (scan, "@organisation");
  guint person = group_id (scan, "@person");
  guint first_names = group_id (scan, "@first-names");
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  guint kept = 0;

  for (guint i = 0; i < scan->hits->len; i++)
    {
      const SgHit *hit = &g_array_index (scan->hits, SgHit, i);
      if (hit->group == doctor || hit->group == org)
        {
          Span span = { hit->start, hit->end };
          g_array_append_val (spans, span);
        }
    }

  if (spans->len == 0)
    return;

  /* Sorted by start, each span's end raised to the furthest end so far: a hit is inside some
   * span exactly when the last span starting at or before it reaches past its start. A search
   * per hit, not a walk over every span (a page of "Mr X" lines made that quadratic). */
  g_array_sort (spans, compare_spans);
  for (guint j = 1; j < spans->len; j++)
    {
      Span *span = &g_array_index (spans, Span, j);
      span->end = MAX (span->end, g_array_index (spans, Span, j - 1).end);
    }

  for (guint i = 0; i < scan->hits->len; i++)
    {
      const SgHit *hit = &g_array_index (scan->hits, SgHit, i);
      gboolean inside = FALSE;

      if (hit->group == person || hit->group == first_names)
        {
          guint lo = 0, hi = spans->len;   /* the first span starting after the hit */

          while (lo < hi)
            {
              guint mid = lo + (hi - lo) / 2;
              if (g_array_index (spans, Span, mid).start <= hit->start)
                lo = mid + 1;
              else
                hi = mid;
            }
          inside = lo > 0 && g_array_index (spans, Span, lo - 1).end > hit->start;
        }

      if (!inside)
        g_array_index (scan->hits, SgHit, kept++) = *hit;
    }
  g_array_set_size (scan->hits, kept);
}

/* Runs after the lexicon hits are in and indexed; the analyzer re-sorts and re-indexes. */
void
sg_entities_collect (SgScan *scan)
{
  collect_identifiers (scan);
  collect_doses (scan);
  collect_names (scan);
  collect_regexes (scan);
  collect_watch_list (scan);
  drop_names_inside_names (scan);
}
