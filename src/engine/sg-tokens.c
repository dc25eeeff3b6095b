/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libstemmer.h>
#include <string.h>

#include "sg-respell.h"
#include "sg-tokens.h"

/* Stemming is the costliest step per word, and drafts repeat words (and are analysed again
 * at every pause in typing), so each thread keeps its stemmer and a bounded cache of stems. */
#define STEM_CACHE_MAX 65536

typedef struct {
  struct sb_stemmer *stemmer;
  GHashTable        *cache;    /* folded word → stem */
} StemState;

static void
word_info_free (gpointer data)
{
  SgWordInfo *info = data;

  g_free (info->stem);
  g_free (info);
}

static void
stem_state_free (gpointer data)
{
  StemState *state = data;

  sb_stemmer_delete (state->stemmer);
  g_hash_table_unref (state->cache);
  g_free (state);
}

static GPrivate stem_state = G_PRIVATE_INIT (stem_state_free);

static StemState *
get_stem_state (void)
{
  StemState *state = g_private_get (&stem_state);

  if (state == NULL)
    {
      state = g_new0 (StemState, 1);
      state->stemmer = sb_stemmer_new ("english", NULL);
      g_assert (state->stemmer != NULL);
      state->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, word_info_free);
      g_private_set (&stem_state, state);
    }
  return state;
}

/* The cache entry of @norm. A number is itself ("111" in a term means the phone line, not any
 * number), and Snowball leaves words of one or two letters as they are. */
static SgWordInfo *
word_info (StemState  *state,
           const char *norm,
           gboolean    number)
{
  SgWordInfo *info;

  if ((info = g_hash_table_lookup (state->cache, norm)) != NULL)
    return info;

  info = g_new0 (SgWordInfo, 1);
  if (number || norm[0] == '\0' || norm[1] == '\0' || norm[2] == '\0')
    info->stem = g_strdup (norm);
  else
    {
      const sb_symbol *stem = sb_stemmer_stem (state->stemmer, (const sb_symbol *) norm,
                                               strlen (norm));
      int n = sb_stemmer_length (state->stemmer);

      info->stem = stem != NULL && n > 0 ? g_strndup ((const char *) stem, n) : g_strdup (norm);
    }
  g_hash_table_insert (state->cache, g_strdup (norm), info);
  return info;
}

/* A word that opens a new clause: what follows "but" is not negated by a "not" before it. */
/* Words that open a new clause: but, though, although, however, whereas, yet, except,
 * unless, whilst, meanwhile, anyway, tho. Looked up by first letter, since every word of a
 * draft is tested. */
static gboolean
is_clause_word (const char *w)
{
  switch (w[0])
    {
    case 'a':
      return strcmp (w, "although") == 0 || strcmp (w, "anyway") == 0;
    case 'b':
      return strcmp (w, "but") == 0;
    case 'e':
      return strcmp (w, "except") == 0;
    case 'h':
      return strcmp (w, "however") == 0;
    case 'm':
      return strcmp (w, "meanwhile") == 0;
    case 't':
      return strcmp (w, "though") == 0 || strcmp (w, "tho") == 0;
    case 'u':
      return strcmp (w, "unless") == 0;
    case 'w':
      return strcmp (w, "whereas") == 0 || strcmp (w, "whilst") == 0;
    case 'y':
      return strcmp (w, "yet") == 0;
    default:
      return FALSE;
    }
}

void
sg_tokens_init (SgTokens *self)
{
  memset (self, 0, sizeof *self);
  self->tokens = g_array_sized_new (FALSE, FALSE, sizeof (SgToken), 256);
  self->pool = g_string_sized_new (1024);
  self->stems = g_string_sized_new (1024);
}

void
sg_tokens_clear (SgTokens *self)
{
  g_clear_pointer (&self->tokens, g_array_unref);
  if (self->pool != NULL)
    g_string_free (g_steal_pointer (&self->pool), TRUE);
  if (self->stems != NULL)
    g_string_free (g_steal_pointer (&self->stems), TRUE);
}

static inline gboolean
is_space (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
         c == 0x00A0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F ||
         c == 0x3000 || c == 0x2028 || c == 0x2029 || c == 0;
}

static inline gboolean
is_word_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c);
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static inline gboolean
is_alpha (gunichar c)
{
  return c < 0x80 ? g_ascii_isalpha (c) : g_unichar_isalpha (c);
}

static inline gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == 0x02BC || c == 0x2018;
}

static inline gboolean
is_emoji (gunichar c)
{
  if ((c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF) ||
      (c >= 0x2B00 && c <= 0x2BFF) || c == 0x200D || c == 0xFE0F || c == 0x20E3)
    return TRUE;
  return c >= 0x2190 && (g_unichar_type (c) == G_UNICODE_OTHER_SYMBOL);
}

/* Leetspeak and symbols standing for letters inside a word: "sh1t", "b!tch", "a$$". */
static inline char
deleet (gunichar c)
{
  switch (c)
    {
    case '0': return 'o';
    case '1': case '!': return 'i';
    case '3': return 'e';
    case '4': case '@': return 'a';
    case '5': case '$': return 's';
    case '7': return 't';
    default: return 0;
    }
}

static inline gboolean
is_mask_char (gunichar c)
{
  return c == '*' || c == '!' || c == '@' || c == '$';
}

/* The text is a piece of a longer one, not NUL-terminated: every look ahead is bounded. */
static inline gboolean
has_prefix (const char *p,
            const char *end,
            const char *prefix)
{
  gsize n = strlen (prefix);

  return (gsize) (end - p) >= n && memcmp (p, prefix, n) == 0;
}

/* The character at @p: ASCII without a call, the common case in every draft. */
static inline gunichar
get_char (const char *p)
{
  return (guchar) *p < 0x80 ? (gunichar) (guchar) *p : g_utf8_get_char (p);
}

static inline const char *
next_char (const char *p)
{
  return (guchar) *p < 0x80 ? p + 1 : g_utf8_next_char (p);
}

static inline gunichar
char_at (const char *p,
         const char *end)
{
  return p < end ? get_char (p) : 0;
}

static guint
simple_sentence_of (const char *text,
                    gsize       offset,
                    guint      *counter,
                    gsize      *last)
{
  /* Only for terms and callers without SgText: a line end or a full stop before a space. */
  for (gsize i = *last; i < offset; i++)
    if (text[i] == '\n' ||
        ((text[i] == '.' || text[i] == '!' || text[i] == '?') &&
         (text[i + 1] == ' ' || text[i + 1] == '\n')))
      (*counter)++;
  *last = offset;
  return *counter;
}

static SgTokenShape
shape_of (const char *p,
          const char *end)
{
  guint upper = 0, lower = 0, digits = 0, first_upper = 0, n = 0;

  for (; p < end; p = next_char (p), n++)
    {
      gunichar c = get_char (p);

      if (c < 0x80 ? g_ascii_isupper (c) : g_unichar_isupper (c))
        {
          upper++;
          if (n == 0)
            first_upper = 1;
        }
      else if (c < 0x80 ? g_ascii_islower (c) : g_unichar_islower (c))
        lower++;
      else if (c < 0x80 ? g_ascii_isdigit (c) : g_unichar_isdigit (c))
        digits++;
    }

  if (upper == 0 && lower == 0)
    return digits > 0 ? SG_SHAPE_DIGITS : SG_SHAPE_OTHER;
  if (upper == 0)
    return SG_SHAPE_LOWER;
  if (lower == 0)
    return upper >= 2 ? SG_SHAPE_UPPER : SG_SHAPE_TITLE;
  if (first_upper && upper == 1)
    return SG_SHAPE_TITLE;
  return SG_SHAPE_MIXED;
}

/* The folded form: lower case, typographic apostrophes as ', and letters standing in for a
 * masked or leet-spelt word kept as the writer masked them ('*') or read back (deleet). */
static void
append_norm (GString      *pool,
             const char   *p,
             const char   *end,
             SgTokenFlags  flags)
{
  for (; p < end; p = next_char (p))
    {
      gunichar c = get_char (p);
      char d;

      if ((flags & SG_TOKEN_SPACED) && (c == ' ' || c == '.'))
        continue;
      if (is_apostrophe (c))
        g_string_append_c (pool, '\'');
      else if ((flags & SG_TOKEN_DELEETED) && (d = deleet (c)) != 0)
        g_string_append_c (pool, d);
      else if (c < 0x80)
        g_string_append_c (pool, c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);  /* no call */
      else
        g_string_append_unichar (pool, g_unichar_tolower (c));
    }
  g_string_append_c (pool, '\0');
}

static void
append_stem (SgTokens   *self,
             StemState  *state,
             SgToken    *token,
             const char *norm,
             gboolean   *separate)
{
  if (self->stems->len > 0)
    g_string_append (self->stems, *separate ? " | " : " ");
  *separate = FALSE;
  token->stem = self->stems->len;
  token->info = word_info (state, norm, token->kind == SG_TOKEN_NUMBER);
  g_string_append (self->stems, token->info->stem);
}

/* Scans a word starting at @p (a word character). Returns its end; sets @flags. Apostrophes
 * between letters stay inside ("pt's", "don't"); '*' between or after letters masks it
 * ("c**t", "f***"); ! @ $ and digits between letters spell it ("b!tch", "sh1t"). */
static const char *
scan_word (const char   *start,
           const char   *end,
           gboolean      after_star,
           SgTokenFlags *flags)
{
  const char *p = start;
  guint letters = 0, inner_masks = 0, leet = 0, trailing_stars = 0;
  const char *last_letter_end = start;

  *flags = 0;
  while (p < end)
    {
      gunichar c = get_char (p);
      const char *next = next_char (p);
      gunichar after = char_at (next, end);

      if (is_word_char (c))
        {
          if (trailing_stars > 0)
            {
              inner_masks += trailing_stars;
              trailing_stars = 0;
            }
          if (is_alpha (c))
            letters++;
          else if (g_unichar_isdigit (c) && deleet (c) && letters > 0 &&
                   p > start && is_alpha (get_char (g_utf8_prev_char (p))) &&
                   is_alpha (after))
            leet++;
          p = next;
          last_letter_end = p;
          continue;
        }
      /* "A&E", "O&G": one word, as clinicians write it. */
      if ((is_apostrophe (c) || c == '&') && letters > 0 && is_alpha (after))
        {
          p = next;
          continue;
        }
      if (c == '*' && letters > 0)
        {
          trailing_stars++;
          p = next;
          continue;
        }
      if (is_mask_char (c) && c != '*' && letters > 0)
        {
          /* A run of symbols standing for letters, then more letters: "a$$hole". */
          const char *r = p;

          while (r < end && is_mask_char (*r) && *r != '*')
            r++;
          if (r < end && is_alpha (get_char (r)))
            {
              leet += r - p;
              p = r;
              continue;
            }
        }
      break;
    }

  if (inner_masks > 0 || trailing_stars >= 2 || (trailing_stars == 1 && letters <= 2 &&
                                                 p - start >= 3))
    {
      if (after_star && inner_masks == 0)
        return last_letter_end;     /* **bold**, not a masked word */
      *flags |= SG_TOKEN_MASKED;
      return p;
    }
  if (leet > 0 && letters >= 2)
    *flags |= SG_TOKEN_DELEETED;
  return last_letter_end;
}

/* "f u c k" or "s.h.i.t": four or more single ASCII letters, each followed by one space or
 * dot, read as one word. Returns the end of the run, or NULL. Initials ("J K Rowling") are
 * three letters at most, so they stay apart. */
static const char *
spaced_word_end (const char *p,
                 const char *end)
{
  const char *r = p;
  guint letters = 0;
  char sep = 0;

  while (r < end && g_ascii_isalpha (*r) && (r + 1 >= end || !g_ascii_isalnum (r[1])))
    {
      letters++;
      if (r + 2 < end && (r[1] == ' ' || r[1] == '.') && (sep == 0 || r[1] == sep) &&
          g_ascii_isalpha (r[2]))
        {
          sep = r[1];
          r += 2;
          continue;
        }
      r++;
      break;
    }
  return letters >= 4 ? r : NULL;
}

/* The end of an e-mail address starting at @p, or NULL. It is tried at every word start, so
 * the look-ahead is bounded by the longest parts an address may have (64 before the "@", 255
 * after): a megabyte of "a-b-c-…" was otherwise read to its end from each of its words. */
static const char *
email_end (const char *p,
           const char *end)
{
  const char *r = p;
  const char *local_end = end - p > 64 ? p + 65 : end;
  const char *domain_end;
  gboolean dot = FALSE;

  while (r < local_end && (g_ascii_isalnum (*r) || *r == '.' || *r == '-' || *r == '_' || *r == '+'))
    r++;
  if (r == p || r >= end || *r != '@')
    return NULL;
  domain_end = end - r > 256 ? r + 256 : end;
  for (r++; r < domain_end && (g_ascii_isalnum (*r) || *r == '.' || *r == '-'); r++)
    dot |= *r == '.' && r + 1 < end && g_ascii_isalnum (r[1]);
  while (r > p && r[-1] == '.')
    r--;
  return dot ? r : NULL;
}

void
sg_tokens_run (SgTokens   *self,
               const char *text,
               gsize       len,
               guint     (*sentence_of) (gpointer data, gsize offset),
               gpointer    data)
{
  const char *p = text;
  const char *end = text + len;
  guint32 cp = 0;
  guint sentence = 0, clause = 0, simple_counter = 0;
  gsize simple_last = 0;
  gboolean separate = FALSE, clause_break = FALSE, prev_word_end_hyphen = FALSE;
  const char *prev_end = NULL;
  StemState *state;

  /* Entries stay put for the whole run (tokens point at them): the cache is only ever
   * emptied between runs. */
  state = get_stem_state ();
  if (g_hash_table_size (state->cache) >= STEM_CACHE_MAX)
    g_hash_table_remove_all (state->cache);

  self->text = text;
  g_array_set_size (self->tokens, 0);
  g_string_truncate (self->pool, 0);
  g_string_truncate (self->stems, 0);

  while (p < end)
    {
      gunichar c = get_char (p);
      const char *q;
      SgToken token = { 0 };
      SgTokenFlags flags = 0;
      guint s;

      if (is_space (c))
        {
          if (c == '\n' || c == 0x2029 || c == 0)
            separate = clause_break = TRUE;
          p = next_char (p);
          cp++;
          prev_word_end_hyphen = FALSE;
          continue;
        }

      q = NULL;
      token.kind = SG_TOKEN_PUNCT;

      if ((c == 'h' || c == 'w') &&
          (has_prefix (p, end, "http://") || has_prefix (p, end, "https://") ||
           has_prefix (p, end, "www.")))
        {
          for (q = p; q < end && !is_space (get_char (q)); q = next_char (q))
            ;
          token.kind = SG_TOKEN_URL;
        }
      else if (c == '@' && is_word_char (char_at (p + 1, end)) &&
               (prev_end == NULL || prev_end < p))
        {
          for (q = p + 1; q < end; q = next_char (q))
            {
              gunichar d = get_char (q);
              if (!is_word_char (d) && d != '_' &&
                  !(d == '.' && is_word_char (char_at (q + 1, end))))
                break;
            }
          token.kind = SG_TOKEN_HANDLE;
        }
      else if (c == '#' && g_unichar_isalpha (char_at (p + 1, end)))
        {
          for (q = p + 1; q < end && (is_word_char (get_char (q)) || *q == '_');
               q = next_char (q))
            ;
          token.kind = SG_TOKEN_TAG;
        }
      else if (c < 0x80 ? g_ascii_isdigit (c) : g_unichar_isdigit (c))
        {
          for (q = p; q < end; q++)
            {
              if (g_ascii_isdigit (*q))
                continue;
              if ((*q == '.' || *q == ',' || *q == ':' || *q == '/') && q + 1 < end &&
                  g_ascii_isdigit (q[1]))
                continue;
              break;
            }
          /* "sh1t" begins with letters; a word that begins with a digit and goes on with
           * letters ("2nd", "100mg") is a number and a word. */
          token.kind = SG_TOKEN_NUMBER;
        }
      else if (is_word_char (c) && (q = email_end (p, end)) != NULL)
        token.kind = SG_TOKEN_URL;    /* name@example.com: one token, not a word and a handle */
      else if (is_word_char (c) && (q = spaced_word_end (p, end)) != NULL)
        {
          token.kind = SG_TOKEN_WORD;     /* "f u c k": one word, spelt out to dodge filters */
          flags = SG_TOKEN_SPACED;
        }
      else if (is_word_char (c))
        {
          gboolean after_star = p > text && p[-1] == '*';

          q = scan_word (p, end, after_star, &flags);
          token.kind = SG_TOKEN_WORD;
        }
      else if (c == 0x00A3 || c == 0x20AC || c == '%' ||
               (c == '$' && p + 1 < end && g_ascii_isdigit (p[1])))
        {
          /* A currency sign is a word of its own, so "£" can be a term: prices matter to the
           * advertising rules. */
          q = next_char (p);
          token.kind = SG_TOKEN_WORD;
        }
      else if (c == '*')
        {
          /* "*******": a word masked whole. Three stars are a section break. */
          for (q = p; q < end && *q == '*'; q++)
            ;
          if (q - p >= 4 && q - p <= 12 && (q >= end || !is_word_char (char_at (q, end))) &&
              (p == text || !is_word_char (get_char (g_utf8_prev_char (p)))))
            {
              token.kind = SG_TOKEN_WORD;
              flags = SG_TOKEN_MASKED;
            }
          else
            q = NULL;
        }
      else if (is_emoji (c))
        {
          for (q = p; q < end && (is_emoji (get_char (q)) ||
                                  g_unichar_ismark (get_char (q)));
               q = next_char (q))
            ;
          token.kind = SG_TOKEN_EMOJI;
        }

      if (q == NULL || q == p)
        q = next_char (p);

      token.start = p - text;
      token.end = q - text;
      token.cp_start = cp;
      for (const char *r = p; r < q; r++)
        cp += ((guchar) *r & 0xC0) != 0x80;   /* code points: bytes that start one */
      token.cp_end = cp;
      token.flags = flags;
      token.stem = G_MAXUINT32;

      s = sentence_of != NULL ? sentence_of (data, token.start)
                              : simple_sentence_of (text, token.start, &simple_counter,
                                                    &simple_last);
      if (s != sentence)
        {
          sentence = s;
          separate = clause_break = TRUE;
        }

      if (token.kind == SG_TOKEN_PUNCT)
        {
          /* A hyphen between two words joins them ("bed-blocker" reads as "bed blocker");
           * anything else separates phrases, and some marks end a clause. */
          if ((c == '-' || c == 0x2010 || c == 0x2011) && prev_end == p &&
              is_word_char (char_at (q, end)))
            {
              prev_word_end_hyphen = TRUE;
              p = q;
              continue;
            }
          if (c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || c == '[' || c == ']' ||
              c == '"' || c == 0x201C || c == 0x201D || c == '-' || c == 0x2013 || c == 0x2014 ||
              c == '.' || c == '!' || c == '?' || c == 0x2026)
            clause_break = TRUE;
          /* A comma separates clauses but not phrases: "first come, first served". */
          if (c != ',')
            separate = TRUE;
        }
      else if (token.kind == SG_TOKEN_EMOJI || token.kind == SG_TOKEN_URL ||
               token.kind == SG_TOKEN_HANDLE)
        separate = TRUE;

      token.norm = self->pool->len;
      append_norm (self->pool, token.kind == SG_TOKEN_TAG ? p + 1 : p, q, flags);
      /* A common misspelling is read as the word meant: its folded form is the usual spelling,
       * so concepts, patterns and models see it (sg-respell.c). */
      if (token.kind == SG_TOKEN_WORD && !(flags & SG_TOKEN_MASKED))
        {
          const char *norm = self->pool->str + token.norm;
          gsize n = self->pool->len - 1 - token.norm;
          gboolean possessive = n > 2 && norm[n - 2] == '\'' && norm[n - 1] == 's';
          const char *meant;
          char base[32];

          /* "paitent's" is read as "patient's". */
          if (possessive && n - 2 < sizeof base)
            {
              memcpy (base, norm, n - 2);
              base[n - 2] = '\0';
              meant = sg_respell (base);
            }
          else
            meant = sg_respell (norm);
          if (meant != NULL)
            {
              g_string_truncate (self->pool, token.norm);
              g_string_append (self->pool, meant);
              if (possessive)
                g_string_append (self->pool, "'s");
              g_string_append_c (self->pool, '\0');
              token.flags |= SG_TOKEN_RESPELT;
            }
        }
      token.shape = token.kind == SG_TOKEN_WORD || token.kind == SG_TOKEN_TAG
                    ? shape_of (token.kind == SG_TOKEN_TAG ? p + 1 : p, q)
                    : token.kind == SG_TOKEN_NUMBER ? SG_SHAPE_DIGITS : SG_SHAPE_OTHER;
      if (prev_word_end_hyphen && token.kind == SG_TOKEN_WORD)
        token.flags |= SG_TOKEN_JOINED;
      prev_word_end_hyphen = FALSE;

      if (token.kind == SG_TOKEN_WORD)
        {
          if (is_clause_word (self->pool->str + token.norm))
            clause_break = TRUE;
        }

      if (clause_break)
        {
          if (self->tokens->len > 0)
            clause++;
          clause_break = FALSE;
        }
      token.sentence = sentence;
      token.clause = clause;

      if ((token.kind == SG_TOKEN_WORD && !(token.flags & SG_TOKEN_MASKED)) ||
          token.kind == SG_TOKEN_NUMBER || token.kind == SG_TOKEN_TAG)
        append_stem (self, state, &token, self->pool->str + token.norm, &separate);
      else if (token.kind == SG_TOKEN_WORD)
        separate = TRUE;    /* a masked word breaks phrases; it is matched on its own */

      g_array_append_val (self->tokens, token);
      prev_end = q;
      p = q;
    }
}

guint
sg_tokens_index_at (SgTokens *self,
                    gsize     offset)
{
  guint lo = 0, hi = self->tokens->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (self->tokens, SgToken, mid).end <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

guint
sg_tokens_index_of_stem (SgTokens *self,
                         gsize     offset)
{
  guint lo = 0, hi = self->tokens->len;

  /* Tokens without a stem carry G_MAXUINT32: skip them while bisecting by walking to the
   * nearest token that has one. */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2, m = mid;

      while (m < hi && g_array_index (self->tokens, SgToken, m).stem == G_MAXUINT32)
        m++;
      if (m == hi)
        {
          hi = mid;
          continue;
        }
      if (g_array_index (self->tokens, SgToken, m).stem == offset)
        return m;
      if (g_array_index (self->tokens, SgToken, m).stem < offset)
        lo = m + 1;
      else
        hi = mid;
    }
  return G_MAXUINT;
}

char *
sg_tokens_stem_phrase (SgTokens   *self,
                       const char *term)
{
  sg_tokens_run (self, term, strlen (term), NULL, NULL);
  if (self->stems->len == 0)
    return NULL;
  return g_strdup (self->stems->str);
}

gboolean
sg_tokens_is_function_word (const char *word)
{
  static const char * const common[] = {
    "a", "about", "all", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by", "can",
    "do", "for", "from", "get", "got", "had", "has", "have", "he", "her", "here", "him", "his",
    "how", "i", "i'm", "if", "im", "in", "is", "it", "it's", "its", "just", "me", "my", "no",
    "not", "of", "on", "one", "or", "our", "out", "she", "so", "some", "that", "the", "their",
    "them", "there", "these", "they", "this", "those", "to", "up", "us", "was", "we", "were",
    "what", "when", "who", "will", "with", "would", "you", "your", NULL
  };

  return g_strv_contains (common, word);
}
