/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sg-analyzer-private.h"
#include "sg-patterns.h"

/* A gap longer than this is a frame ("within N tokens"), not a pattern. */
#define MAX_GAP 12
/* Backtracking over gaps and optional slots is bounded per start token: a pack's pattern
 * (or a text with thousands of hits on one token) cannot make a draft take seconds. Across
 * the 19,720 labelled drafts no start took more than 52 steps. 33 KB of masked words with no
 * sentence break ("Na**j**" over and over, found by the analyzer fuzzer) took 0.4 s of
 * analysis here and over ten seconds under the sanitizers: the loops over hits and gaps went
 * on calling past the bound (each call then returned at once), and at 4096 steps thousands
 * of starts in five patterns each ran to it. Both fixed: the loops stop at the bound, and
 * the bound is 128 (two and a half times the most any labelled draft needs); that draft now
 * takes about 10 ms a segment. */
#define MAX_STEPS 128
#define MAX_SLOTS 16

typedef enum {
  SLOT_GROUP,
  SLOT_WORDS,
  SLOT_STEM,
  SLOT_SHAPE,
  SLOT_REGEX,
  SLOT_DIGITS,   /* "^\\d{m,n}$" read without a regex: min to max digits */
  SLOT_GAP,
} SlotType;

typedef struct {
  SlotType   type;
  gboolean   optional;
  guint      group;
  GStrv      words;     /* SLOT_WORDS: folded words; SLOT_STEM: one stem */
  guint32   *ids;       /* SLOT_WORDS: the words' vocabulary ids, sorted */
  guint      n_ids;
  guint8     shape;
  GRegex    *regex;
  guint      min;       /* SLOT_DIGITS; SLOT_STEM: the stem's length */
  guint      max;
} Slot;

struct _SgPattern
{
  Slot  slots[MAX_SLOTS];
  guint n_slots;
  /* A pattern that opens with optional slots or gaps ("still hungover", "the … town folk")
   * can start anywhere, but only within @lead tokens before its first word slot that must be
   * there: G_MAXUINT when there is no such slot (sg_patterns_collect then tries every token). */
  guint anchor;
  guint lead;
};

void
sg_pattern_free (SgPattern *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->n_slots; i++)
    {
      g_strfreev (self->slots[i].words);
      g_free (self->slots[i].ids);
      g_clear_pointer (&self->slots[i].regex, g_regex_unref);
    }
  g_free (self);
}

const char * const *
sg_pattern_get_first_words (const SgPattern *self)
{
  const Slot *first = &self->slots[0];

  if (first->type != SLOT_WORDS || first->optional)
    return NULL;
  return (const char * const *) first->words;
}

const char * const *
sg_pattern_get_index_words (const SgPattern *self,
                            guint           *lead)
{
  *lead = 0;
  if (self->anchor == G_MAXUINT)
    return NULL;
  *lead = self->lead;
  return (const char * const *) self->slots[self->anchor].words;
}

gboolean
sg_pattern_uses_group (const SgPattern *self,
                       guint            group)
{
  for (guint i = 0; i < self->n_slots; i++)
    if (self->slots[i].type == SLOT_GROUP && self->slots[i].group == group)
      return TRUE;
  return FALSE;
}

static gboolean
parse_group (Slot            *slot,
             const char      *name,
             SgGroupResolver  resolve,
             gpointer         data,
             char           **error_message)
{
  g_autofree char *full = name[0] == '@' ? g_strdup (name) : g_strconcat ("@", name, NULL);

  slot->type = SLOT_GROUP;
  slot->group = resolve (data, full);
  if (slot->group == G_MAXUINT)
    {
      *error_message = g_strdup_printf (_("unknown concept, lexicon or detector “%s”"), full);
      return FALSE;
    }
  return TRUE;
}

/* Adds to @out every word that @alt spells: plain characters (letters, digits, ' ’ - & and
 * escaped marks such as "\\."), a character or a "(group)" made optional by "?". FALSE when
 * @alt uses anything else, or spells too many words. */
static gboolean
expand_alternative (const char   *alt,
                    GString      *prefix,
                    GStrvBuilder *out,
                    guint        *count)
{
  const char *c = alt;

  while (*c != '\0')
    {
      const char *unit = c, *unit_end;
      g_autofree char *text = NULL;

      if (*c == '(')
        {
          const char *close = strchr (c, ')');

          if (close == NULL || close[1] != '?' || memchr (c + 1, '(', close - c - 1) != NULL ||
              memchr (c + 1, '|', close - c - 1) != NULL || memchr (c + 1, '\\', close - c - 1))
            return FALSE;
          text = g_strndup (c + 1, close - c - 1);
          unit_end = close + 1;
        }
      else if (*c == '\\' && (c[1] == '.' || c[1] == '-' || c[1] == '\'' || c[1] == '&'))
        {
          text = g_strndup (c + 1, 1);
          unit_end = c + 2;
        }
      else
        {
          gunichar u = g_utf8_get_char (c);

          if (!(g_unichar_isalnum (u) && !g_unichar_isupper (u)) && u != '\'' && u != 0x2019 &&
              u != '-' && u != '&')
            return FALSE;
          unit_end = g_utf8_next_char (c);
          text = g_strndup (c, unit_end - c);
        }
      for (const char *t = text; *t != '\0'; t = g_utf8_next_char (t))
        {
          gunichar u = g_utf8_get_char (t);
          if (!(g_unichar_isalnum (u) && !g_unichar_isupper (u)) && u != '\'' && u != 0x2019 &&
              u != '-' && u != '&' && u != '.')
            return FALSE;
        }

      if (*unit_end == '?')
        {
          /* Optional: the words without it, then carry on with it. */
          gsize keep = prefix->len;

          if (!expand_alternative (unit_end + 1, prefix, out, count))
            return FALSE;
          g_string_truncate (prefix, keep);
          g_string_append (prefix, text);
          c = unit_end + 1;
          continue;
        }
      if (*unit == '(')
        return FALSE;   /* a group that is not optional: leave it to the regex */
      g_string_append (prefix, text);
      c = unit_end;
    }

  if (prefix->len == 0 || ++*count > 64)
    return FALSE;
  g_strv_builder_add (out, prefix->str);
  return TRUE;
}

/* "^\\d{1,2}$" and the like: a count of digits. A pattern opening with one is tried at every
 * token, and a regex run per token cost more than the rest of the pattern matching; counting
 * Unicode decimal digits is what \\d means to GRegex (UCP), so the result is the same. */
static gboolean
digit_count (const char *re,
             guint      *min,
             guint      *max)
{
  const char *p = re[0] == '^' ? re + 1 : re;
  char *end;

  if (!g_str_has_prefix (p, "\\d"))
    return FALSE;
  p += 2;
  *min = *max = 1;
  if (*p == '+')
    {
      *max = G_MAXUINT;
      p++;
    }
  else if (*p == '{' && g_ascii_isdigit (p[1]))
    {
      *min = *max = (guint) g_ascii_strtoull (p + 1, &end, 10);
      p = end;
      if (*p == ',' && g_ascii_isdigit (p[1]))
        {
          *max = (guint) g_ascii_strtoull (p + 1, &end, 10);
          p = end;
        }
      if (*p++ != '}' || *max < *min)
        return FALSE;
    }
  return g_str_equal (p, "$");
}

/* A slot regex that only lists words, "^(leg|legs|arm)$" or "^(parasites?|leech(es)?)$", is
 * turned into a word list: a hash lookup per token instead of a regex match (each match
 * allocates), which made such patterns most of the time of an analysis. NULL when @re uses
 * anything else. The slot regexes are anchored at the start anyway, so "^" may be left out. */
static GStrv
literal_alternatives (const char *re)
{
  g_autoptr(GStrvBuilder) words = g_strv_builder_new ();
  g_autofree char *body = NULL;
  g_auto(GStrv) parts = NULL;
  const char *from = re[0] == '^' ? re + 1 : re;
  gsize n = strlen (from);
  guint count = 0;

  if (n < 2 || from[n - 1] != '$')
    return NULL;
  body = g_strndup (from, n - 1);
  if (body[0] == '(')
    {
      gsize len = strlen (body);

      /* One group around everything: "(?:a|b)" or "(a|b)". */
      if (body[len - 1] != ')' || strchr (body + 1, '(') != NULL)
        {
          /* Inner groups ("leech(es)?") are allowed only when the outer one closes last. */
          int depth = 0;
          for (gsize i = 0; i < len; i++)
            {
              depth += body[i] == '(' ? 1 : body[i] == ')' ? -1 : 0;
              if (depth == 0 && i + 1 < len)
                return NULL;
            }
        }
      body[len - 1] = '\0';
      memmove (body, body + 1, len - 1);
      if (g_str_has_prefix (body, "?:"))
        memmove (body, body + 2, strlen (body) - 1);
    }

  parts = g_strsplit (body, "|", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autoptr(GString) prefix = g_string_new (NULL);

      if (!expand_alternative (parts[i], prefix, words, &count))
        return NULL;
    }
  return g_strv_builder_end (words);
}

/* A word slot matches one token, and the tokens split words at hyphens and spaces: a slot word
 * "self-prescribed" could never match ("self", "prescribed" are two tokens; write them as two
 * slots). Refused at load rather than left to match nothing. */
static gboolean
check_one_token (const char  *word,
                 char       **error_message)
{
  if (word[strcspn (word, "- \t\n")] == '\0' && word[0] != '\0')
    return TRUE;
  *error_message = g_strdup_printf (_("“%s” is not one word as the text is split into words "
                                      "(a hyphen or a space starts another): give each part "
                                      "its own slot"), word);
  return FALSE;
}

static gboolean
parse_slot (Slot             *slot,
            JsonNode         *node,
            SgTokens         *scratch,
            SgGroupResolver   resolve,
            gpointer          data,
            char            **error_message)
{
  JsonObject *o;
  const char *s;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      s = json_node_get_string (node);
      if (s[0] == '@')
        return parse_group (slot, s, resolve, data, error_message);
      if (!check_one_token (s, error_message))
        return FALSE;
      slot->type = SLOT_WORDS;
      slot->words = g_new0 (char *, 2);
      slot->words[0] = g_utf8_strdown (s, -1);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      *error_message = g_strdup (_("a pattern slot must be a string or an object"));
      return FALSE;
    }

  o = json_node_get_object (node);
  slot->optional = sg_json_object_boolean (o, "optional", FALSE);
  if (json_object_get_size (o) != 1 + (guint) json_object_has_member (o, "optional"))
    {
      *error_message = g_strdup (_("a pattern slot has one of “concept”, “word”, “words”, "
                                   "“stem”, “shape”, “regex” or “gap”, and maybe “optional”"));
      return FALSE;
    }

  if ((s = sg_json_object_string (o, "concept")) != NULL)
    return parse_group (slot, s, resolve, data, error_message);
  if ((s = sg_json_object_string (o, "word")) != NULL)
    {
      if (!check_one_token (s, error_message))
        return FALSE;
      slot->type = SLOT_WORDS;
      slot->words = g_new0 (char *, 2);
      slot->words[0] = g_utf8_strdown (s, -1);
      return TRUE;
    }
  if (json_object_has_member (o, "words"))
    {
      JsonArray *a = sg_json_object_array (o, "words");
      guint n = a != NULL ? json_array_get_length (a) : 0;

      if (n == 0)
        {
          *error_message = g_strdup (_("“words” must be a non-empty list"));
          return FALSE;
        }
      slot->type = SLOT_WORDS;
      slot->words = g_new0 (char *, n + 1);
      for (guint i = 0; i < n; i++)
        {
          const char *w = sg_json_array_string (a, i);

          if (w == NULL || !check_one_token (w, error_message))
            {
              if (w == NULL)
                *error_message = g_strdup (_("“words” must list strings"));
              return FALSE;
            }
          slot->words[i] = g_utf8_strdown (w, -1);
        }
      return TRUE;
    }
  if ((s = sg_json_object_string (o, "stem")) != NULL)
    {
      char *stem = sg_tokens_stem_phrase (scratch, s);

      if (stem == NULL || strchr (stem, ' ') != NULL)
        {
          g_free (stem);
          *error_message = g_strdup_printf (_("“stem” takes one word, not “%s”"), s);
          return FALSE;
        }
      slot->type = SLOT_STEM;
      slot->min = strlen (stem);
      slot->words = g_new0 (char *, 2);
      slot->words[0] = stem;
      return TRUE;
    }
  if ((s = sg_json_object_string (o, "shape")) != NULL)
    {
      static const char * const shapes[] = { "lower", "Title", "UPPER", "mixed", "digits" };

      slot->type = SLOT_SHAPE;
      for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
        if (g_str_equal (s, shapes[i]))
          {
            slot->shape = i;
            return TRUE;
          }
      *error_message = g_strdup_printf (_("unknown shape “%s” (lower, Title, UPPER, mixed, "
                                          "digits)"), s);
      return FALSE;
    }
  if ((s = sg_json_object_string (o, "regex")) != NULL)
    {
      g_autoptr(GError) error = NULL;

      if ((slot->words = literal_alternatives (s)) != NULL)
        {
          slot->type = SLOT_WORDS;
          return TRUE;
        }
      if (digit_count (s, &slot->min, &slot->max))
        {
          slot->type = SLOT_DIGITS;
          return TRUE;
        }
      slot->type = SLOT_REGEX;
      slot->regex = g_regex_new (s, G_REGEX_OPTIMIZE | G_REGEX_ANCHORED | G_REGEX_DOLLAR_ENDONLY,
                                 0, &error);
      if (slot->regex == NULL)
        {
          *error_message = g_strdup_printf (_("invalid regex “%s”: %s"), s, error->message);
          return FALSE;
        }
      return TRUE;
    }
  if (json_object_has_member (o, "gap"))
    {
      JsonNode *gap = json_object_get_member (o, "gap");

      slot->type = SLOT_GAP;
      if (JSON_NODE_HOLDS_VALUE (gap) && json_node_get_value_type (gap) == G_TYPE_INT64)
        {
          slot->min = 0;
          slot->max = json_node_get_int (gap);
        }
      else if (JSON_NODE_HOLDS_ARRAY (gap) && json_array_get_length (json_node_get_array (gap)) == 2)
        {
          slot->min = json_array_get_int_element (json_node_get_array (gap), 0);
          slot->max = json_array_get_int_element (json_node_get_array (gap), 1);
        }
      else
        slot->max = G_MAXUINT;
      if (slot->min > slot->max || slot->max > MAX_GAP || slot->optional)
        {
          *error_message = g_strdup_printf (_("“gap” is a number or [min, max] of at most %d "
                                              "tokens, never optional"), MAX_GAP);
          return FALSE;
        }
      return TRUE;
    }

  *error_message = g_strdup (_("a pattern slot has one of “concept”, “word”, “words”, “stem”, "
                               "“shape”, “regex” or “gap”"));
  return FALSE;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;
  return x < y ? -1 : x > y;
}

/* Gives each word of a word slot its id in the pack's vocabulary, adding the new ones. */
static void
intern_words (Slot       *slot,
              GHashTable *vocabulary)
{
  guint n = g_strv_length (slot->words);

  slot->ids = g_new (guint32, MAX (n, 1));
  slot->n_ids = 0;
  for (guint w = 0; w < n; w++)
    {
      guint id = GPOINTER_TO_UINT (g_hash_table_lookup (vocabulary, slot->words[w]));

      if (id == 0)
        {
          id = g_hash_table_size (vocabulary) + 1;
          g_hash_table_insert (vocabulary, g_strdup (slot->words[w]), GUINT_TO_POINTER (id));
        }
      slot->ids[slot->n_ids++] = id;
    }
  qsort (slot->ids, slot->n_ids, sizeof (guint32), compare_ids);
}

SgPattern *
sg_pattern_parse (JsonArray        *slots,
                  SgTokens         *scratch,
                  GHashTable       *vocabulary,
                  SgGroupResolver   resolve,
                  gpointer          data,
                  char            **error_message)
{
  SgPattern *self = g_new0 (SgPattern, 1);
  guint n = slots != NULL ? json_array_get_length (slots) : 0;
  gboolean solid = FALSE;

  if (n == 0 || n > MAX_SLOTS)
    {
      *error_message = g_strdup_printf (_("a pattern has 1 to %d slots"), MAX_SLOTS);
      sg_pattern_free (self);
      return NULL;
    }
  for (guint i = 0; i < n; i++)
    {
      Slot *slot = &self->slots[self->n_slots++];

      if (!parse_slot (slot, json_array_get_element (slots, i), scratch, resolve, data,
                       error_message))
        {
          sg_pattern_free (self);
          return NULL;
        }
      solid |= slot->type != SLOT_GAP && !slot->optional;
      if (slot->type == SLOT_WORDS)
        intern_words (slot, vocabulary);
    }
  if (!solid || self->slots[0].type == SLOT_GAP || self->slots[n - 1].type == SLOT_GAP)
    {
      *error_message = g_strdup (_("a pattern needs a slot that is not optional, and cannot "
                                   "start or end with a gap"));
      sg_pattern_free (self);
      return NULL;
    }

  /* The word slot that indexes the pattern: one that must match, with only one-token slots (a
   * shape, a stem, digits, optional words …) or gaps before it, so that a match starts at most
   * @lead tokens before one of its words. Of those, the one with fewest of the commonest
   * English words, the earliest on a tie: "the … chap" is tried where "chap" is, not at every
   * "the"; "12 years as a doctor" near "years", not at every token. */
  self->anchor = G_MAXUINT;
  self->lead = 0;
  {
    guint lead = 0, best_common = G_MAXUINT;

    for (guint i = 0; i < self->n_slots; i++)
      {
        const Slot *slot = &self->slots[i];

        if (slot->type == SLOT_GROUP)
          break;               /* a hit may span any number of tokens */
        if (slot->type == SLOT_WORDS && !slot->optional)
          {
            guint common = 0;

            for (guint w = 0; slot->words[w] != NULL; w++)
              common += sg_tokens_is_function_word (slot->words[w]);
            if (common < best_common)
              {
                best_common = common;
                self->anchor = i;
                self->lead = lead;
              }
          }
        lead += slot->type == SLOT_GAP ? slot->max : 1;
      }
  }
  return self;
}

/* Matching */

static gboolean
is_word (const SgToken *t)
{
  return t->kind == SG_TOKEN_WORD || t->kind == SG_TOKEN_NUMBER || t->kind == SG_TOKEN_TAG ||
         t->kind == SG_TOKEN_HANDLE;
}

static gboolean
is_quote_mark (SgScan *scan,
               guint   tok)
{
  const SgToken *t = sg_tokens_get (&scan->tokens, tok);

  /* A punctuation token is one character (sg_tokens_run). */
  if (t->kind != SG_TOKEN_PUNCT)
    return FALSE;
  switch (g_utf8_get_char (scan->tokens.text + t->start))
    {
    case '\'': case '"': case '`':
    case 0x2018: case 0x2019: case 0x201C: case 0x201D: case 0x00AB: case 0x00BB:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
token_fits (SgScan     *scan,
            const Slot *slot,
            guint       tok)
{
  const SgToken *t = sg_tokens_get (&scan->tokens, tok);
  const char *norm = sg_tokens_norm (&scan->tokens, tok);

  if (!is_word (t))
    return FALSE;
  switch (slot->type)
    {
    case SLOT_WORDS:
      {
        /* The token's id was looked up once (sg_patterns_collect); 0: in no word slot. */
        guint32 id = g_array_index (scan->token_words, guint32, tok);
        guint lo = 0, hi = slot->n_ids;

        if (id == 0)
          return FALSE;
        while (lo < hi)
          {
            guint mid = lo + (hi - lo) / 2;

            if (slot->ids[mid] < id)
              lo = mid + 1;
            else
              hi = mid;
          }
        return lo < slot->n_ids && slot->ids[lo] == id;
      }

    case SLOT_STEM:
      {
        const char *stem;
        gsize n = slot->min;

        if (t->stem == G_MAXUINT32)
          return FALSE;
        stem = scan->tokens.stems->str + t->stem;
        return strncmp (stem, slot->words[0], n) == 0 && (stem[n] == ' ' || stem[n] == '\0');
      }

    case SLOT_SHAPE:
      return t->shape == slot->shape;

    case SLOT_REGEX:
      return g_regex_match (slot->regex, norm, 0, NULL);

    case SLOT_DIGITS:
      {
        guint n = 0;

        for (const char *p = norm; *p != '\0'; p = g_utf8_next_char (p), n++)
          if (!g_unichar_isdigit (g_utf8_get_char (p)) || n >= slot->max)
            return FALSE;
        return n >= slot->min;
      }

    case SLOT_GROUP:
    case SLOT_GAP:
    default:
      g_assert_not_reached ();
    }
}

/* The end token (exclusive) of a match of slots [i, n) starting at @tok, or -1. Shortest gaps
 * first, so a match ends as early as it can. */
static int
match_from (SgScan          *scan,
            const SgPattern *pattern,
            guint            i,
            guint            tok,
            guint            sentence,
            guint           *steps)
{
  const Slot *slot;
  guint n_tokens = scan->tokens.tokens->len;

  if (i == pattern->n_slots)
    return tok;
  if (++*steps > MAX_STEPS)
    return -1;
  slot = &pattern->slots[i];

  if (slot->type == SLOT_GAP)
    {
      for (guint k = slot->min; k <= slot->max; k++)
        {
          int r;

          if (tok + k > n_tokens)
            break;
          if (k > 0 && sg_tokens_get (&scan->tokens, tok + k - 1)->sentence != sentence)
            break;
          if ((r = match_from (scan, pattern, i + 1, tok + k, sentence, steps)) >= 0)
            return r;
          if (*steps > MAX_STEPS)
            return -1;
        }
      return -1;
    }

  /* Quotation marks are transparent: "introduced myself as 'the consultant'" reads as
   * the words do. Sarcasm and reported titles put them round the very words a rule needs. */
  while (tok < n_tokens && is_quote_mark (scan, tok) &&
         sg_tokens_get (&scan->tokens, tok)->sentence == sentence)
    tok++;

  if (tok < n_tokens && sg_tokens_get (&scan->tokens, tok)->sentence == sentence)
    {
      if (slot->type == SLOT_GROUP)
        {
          for (int h = g_array_index (scan->tok_first, int, tok); h >= 0;
               h = g_array_index (scan->tok_next, int, h))
            {
              const SgHit *hit = &g_array_index (scan->hits, SgHit, h);
              int r;

              if (hit->group != slot->group)
                continue;
              if ((r = match_from (scan, pattern, i + 1, hit->tok_end, sentence, steps)) >= 0)
                return r;
              /* Out of steps: stop here, not at the next call (a token may have thousands
               * of hits, and each would still be walked). */
              if (*steps > MAX_STEPS)
                return -1;
            }
        }
      else if (token_fits (scan, slot, tok))
        {
          int r = match_from (scan, pattern, i + 1, tok + 1, sentence, steps);
          if (r >= 0)
            return r;
        }
    }

  if (slot->optional && *steps <= MAX_STEPS)
    return match_from (scan, pattern, i + 1, tok, sentence, steps);
  return -1;
}

static void
add_pattern_hit (SgScan *scan,
                 guint   group,
                 guint   tok,
                 int     end)
{
  const SgToken *t = sg_tokens_get (&scan->tokens, tok);
  SgHit hit = { group, t->start, sg_tokens_get (&scan->tokens, end - 1)->end,
                0, 0, 0, tok, end, t->clause };
  guint h = scan->hits->len;

  g_array_append_val (scan->hits, hit);
  /* A later pattern may build on this one's hits: index them by start token too. */
  g_array_set_size (scan->tok_next, scan->hits->len);
  g_array_index (scan->tok_next, int, h) = g_array_index (scan->tok_first, int, tok);
  g_array_index (scan->tok_first, int, tok) = h;
}

/* Tries the pattern of @group at @tok, unless an earlier match of it covers @tok; a match
 * becomes a hit, and the next start must come after it (no overlapping matches). */
static void
try_start (SgScan *scan,
           guint   group,
           guint   tok,
           guint  *next_free)
{
  const SgGroup *pattern_group = g_ptr_array_index (scan->groups, group);
  guint steps = 0;
  int end;

  /* A match starts on a word: from a quotation mark, the word after it is tried instead. */
  if (tok < *next_free || tok >= scan->tokens.tokens->len || is_quote_mark (scan, tok))
    return;
  end = match_from (scan, pattern_group->pattern, 0, tok,
                    sg_tokens_get (&scan->tokens, tok)->sentence, &steps);
  if (end > (int) tok)
    {
      add_pattern_hit (scan, group, tok, end);
      *next_free = end;
    }
}

void
sg_patterns_collect (SgScan *scan)
{
  GArray *order = sg_rule_pack_get_pattern_groups (scan->pack);
  guint n_tokens = scan->tokens.tokens->len;
  guint n_before = scan->hits->len;
  GPtrArray *by_word = sg_rule_pack_get_pattern_first_words (scan->pack);
  GHashTable *vocabulary = sg_rule_pack_get_pattern_vocabulary (scan->pack);

  /* Each token's vocabulary id, once: word slots then compare numbers. A token that is in no
   * word slot (most of them) cannot open a pattern on a word either. The tokens where each
   * pattern's first word is are linked per pattern, in order, in arrays the scan keeps. */
  g_array_set_size (scan->token_words, n_tokens);
  g_array_set_size (scan->start_head, scan->groups->len);
  g_array_set_size (scan->start_tail, scan->groups->len);
  memset (scan->start_head->data, 0xff, sizeof (int) * scan->groups->len);
  g_array_set_size (scan->starts, 0);
  for (guint tok = 0; tok < n_tokens; tok++)
    {
      guint32 id = 0;
      GArray *groups;

      const SgToken *token = sg_tokens_get (&scan->tokens, tok);

      if (token->info != NULL)
        {
          sg_rule_pack_word_ids (scan->pack, token->info, sg_tokens_norm (&scan->tokens, tok));
          id = token->info->ids[0];
        }
      else if (token->kind != SG_TOKEN_PUNCT)
        id = GPOINTER_TO_UINT (g_hash_table_lookup (vocabulary, sg_tokens_norm (&scan->tokens, tok)));
      g_array_index (scan->token_words, guint32, tok) = id;
      if (id == 0 || id >= by_word->len || (groups = g_ptr_array_index (by_word, id)) == NULL)
        continue;
      for (guint i = 0; i < groups->len; i++)
        {
          guint group = g_array_index (groups, guint, i);
          SgPatternStart start = { tok, -1 };
          int *head = &g_array_index (scan->start_head, int, group);
          int *tail = &g_array_index (scan->start_tail, int, group);

          if (*head < 0)
            *head = scan->starts->len;
          else
            g_array_index (scan->starts, SgPatternStart, *tail).next = scan->starts->len;
          *tail = scan->starts->len;
          g_array_append_val (scan->starts, start);
        }
    }

  for (guint g = 0; g < order->len; g++)
    {
      guint group = g_array_index (order, guint, g);
      const SgGroup *pattern_group = g_ptr_array_index (scan->groups, group);
      const SgPattern *pattern = pattern_group->pattern;
      const Slot *first = &pattern->slots[0];
      const SgGroup *first_group = first->type == SLOT_GROUP
                                   ? g_ptr_array_index (scan->groups, first->group) : NULL;
      guint next_free = 0;
      guint lead;

      /* A pattern that opens on a group (not another pattern) can only start where that
       * group has a hit: walk those hits instead of every token. */
      if (first_group != NULL && first_group->type != SG_GROUP_PATTERN && !first->optional)
        {
          for (int h = g_array_index (scan->head, int, first->group); h >= 0;
               h = g_array_index (scan->next, int, h))
            if ((guint) h < n_before)
              try_start (scan, group, g_array_index (scan->hits, SgHit, h).tok_start,
                         &next_free);
          continue;
        }

      /* One token of a kind (a regex, a shape, a stem) and then a group that must be there:
       * the match can only start one token before that group's hits, in order. A regex
       * tried at every token of every draft was a fifth of an analysis. */
      if (!first->optional && first->type != SLOT_GROUP && first->type != SLOT_GAP &&
          sg_pattern_get_first_words (pattern) == NULL && pattern->n_slots > 1 &&
          pattern->slots[1].type == SLOT_GROUP && !pattern->slots[1].optional &&
          ((const SgGroup *) g_ptr_array_index (scan->groups, pattern->slots[1].group))->type !=
            SG_GROUP_PATTERN)
        {
          for (int h = g_array_index (scan->head, int, pattern->slots[1].group); h >= 0;
               h = g_array_index (scan->next, int, h))
            {
              guint tok = g_array_index (scan->hits, SgHit, h).tok_start;

              guint prev = tok;

              while (prev > 0 && is_quote_mark (scan, prev - 1))
                prev--;
              if ((guint) h < n_before && prev > 0 && token_fits (scan, first, prev - 1))
                try_start (scan, group, prev - 1, &next_free);
            }
          continue;
        }

      if (sg_pattern_get_index_words (pattern, &lead) != NULL)
        {
          /* Opens on a word, or a few tokens before one that must be there: try only the
           * tokens at (or just before) one of its words, which the scan looked up once for
           * all patterns. In order, each start once. */
          guint from = 0;

          for (int s = g_array_index (scan->start_head, int, group); s >= 0;
               s = g_array_index (scan->starts, SgPatternStart, s).next)
            {
              guint tok = g_array_index (scan->starts, SgPatternStart, s).tok;
              guint first_tok = tok;

              /* @lead tokens back, quotation marks not counted (match_from skips them). */
              for (guint n = 0; first_tok > 0 && n < lead; first_tok--)
                if (!is_quote_mark (scan, first_tok - 1))
                  n++;
              while (first_tok > 0 && is_quote_mark (scan, first_tok - 1))
                first_tok--;
              for (guint t = MAX (from, first_tok); t <= tok; t++)
                try_start (scan, group, t, &next_free);
              from = tok + 1;
            }
          continue;
        }

      /* Otherwise every token, the first slot deciding most of them at once. */
      for (guint tok = 0; tok < n_tokens; tok++)
        if (first->optional || first->type == SLOT_GROUP || token_fits (scan, first, tok))
          try_start (scan, group, tok, &next_free);
    }
}
