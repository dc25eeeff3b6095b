/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading a regex for the words it cannot match without (sg-regex-anchors.h). The reader walks
 * the pattern one element at a time, keeping two facts: whether a word boundary is certain
 * before the next character, and the letters of a word that began on one. A word ends at
 * anything that is not a mandatory letter; if it began on a boundary it becomes a set of one.
 * A mandatory group becomes one set, the union of the most selective set of each alternative,
 * when every alternative has one. Whatever is not understood stops the walk: the sets found
 * before it are still necessary, because everything in a sequence is. */
#include "config.h"

#include "sg-regex-anchors.h"

#include <string.h>

#define MAX_SETS 32

typedef struct {
  GPtrArray *sets;        /* GPtrArray of char*, one per set */
  GString   *word;
  gboolean   in_word;     /* the letters in @word began on a word boundary */
  gboolean   boundary;    /* a word boundary is certain before the next character */
  gboolean   first_only;  /* one set is enough (an alternative inside a group) */
} Reader;

static void
reader_init (Reader   *r,
             gboolean  boundary,
             gboolean  first_only)
{
  r->sets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  r->word = g_string_new (NULL);
  r->in_word = FALSE;
  r->boundary = boundary;
  r->first_only = first_only;
}

static void
reader_clear (Reader *r)
{
  g_ptr_array_unref (r->sets);
  g_string_free (r->word, TRUE);
}

static gboolean
wants_set (Reader *r)
{
  return r->sets->len < MAX_SETS && !(r->first_only && r->sets->len > 0);
}

static void
add_set (Reader    *r,
         GPtrArray *set)
{
  if (wants_set (r))
    g_ptr_array_add (r->sets, g_ptr_array_ref (set));
}

/* How a word ends: a word boundary is certain after it (it is matched whole), it may run on
 * (matched as a prefix), or that is known only once what follows its group is read. Each
 * word is stored behind its tag. */
#define WHOLE   '='
#define PREFIX  '*'
#define PENDING '?'

static void
close_word_as (Reader *r,
               char    tag)
{
  if (r->in_word && r->word->len > 0 && wants_set (r))
    {
      GPtrArray *set = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (set, g_strdup_printf ("%c%s", tag, r->word->str));
      g_ptr_array_add (r->sets, set);
    }
  r->in_word = FALSE;
  g_string_truncate (r->word, 0);
}

static void
close_word (Reader *r)
{
  close_word_as (r, PREFIX);
}

/* Settles the words of sets [from, …) left pending at the end of a group's alternatives. */
static void
settle_pending (Reader   *r,
                guint     from,
                gboolean  whole)
{
  for (guint i = from; i < r->sets->len; i++)
    {
      GPtrArray *set = g_ptr_array_index (r->sets, i);

      for (guint w = 0; w < set->len; w++)
        {
          char *word = g_ptr_array_index (set, w);

          if (word[0] == PENDING)
            word[0] = whole ? WHOLE : PREFIX;
        }
    }
}

/* @p at a backslash; returns the byte after the whole escape. Most are two bytes, but "\cX"
 * takes the next character whatever it is ("\c(" is a letter, not a group), "\Q…\E" quotes
 * everything up to "\E", and "\x{…}", "\p{…}", "\k<…>" and the like carry a bracketed part that
 * may hold characters that are metacharacters elsewhere. In a class, \g and \k are letters. */
static const char *
skip_escape (const char *p,
             const char *end,
             gboolean    in_class)
{
  char e;

  if (p + 1 >= end)
    return end;
  e = p[1];
  if (e == 'c')
    return MIN (p + 3, end);
  if (e == 'Q')
    {
      for (const char *q = p + 2; q + 1 < end; q++)
        if (q[0] == '\\' && q[1] == 'E')
          return q + 2;
      return end;
    }
  /* Only \g and \k take <name> or 'name'; \x, \o, \p, \P and \N take braces alone ("\x'" is
   * \x with no digits, then a quote). */
  if (p + 2 < end && ((strchr (in_class ? "xopPN" : "xopPNgk", e) != NULL && p[2] == '{') ||
                      (!in_class && strchr ("gk", e) != NULL && (p[2] == '<' || p[2] == '\''))))
    {
      char close = p[2] == '{' ? '}' : p[2] == '<' ? '>' : '\'';
      const char *q = memchr (p + 3, close, end - (p + 3));

      return q != NULL ? q + 1 : end;
    }
  if ((guchar) e >= 0x80)
    return MIN (g_utf8_next_char (p + 1), end);
  return p + 2;
}

/* @p at '['; returns the byte after the closing ']', or NULL. */
static const char *
skip_class (const char *p,
            const char *end)
{
  p++;
  if (p < end && *p == '^')
    p++;
  if (p < end && *p == ']')   /* a ']' first is a member */
    p++;
  while (p < end)
    {
      if (*p == '\\')
        p = skip_escape (p, end, TRUE);
      else if (*p == '[' && p + 1 < end && (p[1] == ':' || p[1] == '.' || p[1] == '='))
        {
          /* "[:alpha:]" and the like, as PCRE2 recognises them; otherwise '[' is a member. */
          char term = p[1];
          const char *q = p + 2, *posix_end = NULL;

          for (; q + 1 < end; q++)
            {
              if (q[0] == '\\' && (q[1] == ']' || q[1] == '\\'))
                q++;
              else if ((q[0] == '[' && q[1] == term) || q[0] == ']')
                break;
              else if (q[0] == term && q[1] == ']')
                {
                  posix_end = q + 2;
                  break;
                }
            }
          p = posix_end != NULL ? posix_end : p + 1;
        }
      else if (*p == ']')
        return p + 1;
      else
        p++;
    }
  return NULL;
}

/* @p at '('; returns the byte after the matching ')', or NULL. */
static const char *
skip_group (const char *p,
            const char *end)
{
  int depth = 0;

  while (p < end)
    {
      if (*p == '\\')
        p = skip_escape (p, end, FALSE);
      else if (*p == '[')
        {
          if ((p = skip_class (p, end)) == NULL)
            return NULL;
        }
      else if (*p == '(' && p + 2 < end && p[1] == '?' && p[2] == '#')
        {
          /* A comment ends at the first ')', whatever it holds. */
          const char *close = memchr (p, ')', end - p);

          if (close == NULL)
            return NULL;
          p = close + 1;
          if (depth == 0)
            return p;
        }
      else if (*p == '(')
        {
          depth++;
          p++;
        }
      else if (*p == ')')
        {
          p++;
          if (--depth == 0)
            return p;
        }
      else
        p++;
    }
  return NULL;
}

/* Reads a quantifier at @p, if any: {n}, {n,}, {n,m}, ?, *, +, each maybe lazy or possessive.
 * A '{' that does not open a quantifier is a literal, as PCRE reads it. */
static const char *
read_quantifier (const char *p,
                 const char *end,
                 guint      *min,
                 guint      *max)
{
  *min = *max = 1;

  /* Comments are ignored, even between an item and its quantifier: "r(?#…)?" is "r?". */
  while (p + 2 < end && p[0] == '(' && p[1] == '?' && p[2] == '#')
    {
      const char *close = memchr (p, ')', end - p);

      if (close == NULL)
        return end;
      p = close + 1;
    }
  if (p >= end)
    return p;

  switch (*p)
    {
    case '?':
      *min = 0;
      p++;
      break;
    case '*':
      *min = 0;
      *max = G_MAXUINT;
      p++;
      break;
    case '+':
      *max = G_MAXUINT;
      p++;
      break;
    case '{':
      {
        const char *q = p + 1;
        guint a = 0, b;

        if (q >= end || !g_ascii_isdigit (*q))
          return p;
        while (q < end && g_ascii_isdigit (*q) && a < 100000)
          a = a * 10 + (guint) (*q++ - '0');
        b = a;
        if (q < end && *q == ',')
          {
            q++;
            b = G_MAXUINT;
            if (q < end && g_ascii_isdigit (*q))
              for (b = 0; q < end && g_ascii_isdigit (*q) && b < 100000; q++)
                b = b * 10 + (guint) (*q - '0');
          }
        if (q >= end || *q != '}')
          return p;
        *min = a;
        *max = b;
        p = q + 1;
        break;
      }
    default:
      return p;
    }

  if (p < end && (*p == '?' || *p == '+'))
    p++;
  return p;
}

/* Splits [p, end) at the '|' that are not inside a group or a class. */
static GArray *
split_alternatives (const char *p,
                    const char *end)
{
  GArray *parts = g_array_new (FALSE, FALSE, sizeof (const char *));
  int depth = 0;

  g_array_append_val (parts, p);
  while (p < end)
    {
      if (*p == '\\')
        p = skip_escape (p, end, FALSE);
      else if (*p == '[')
        {
          if ((p = skip_class (p, end)) == NULL)
            {
              g_array_set_size (parts, 0);
              return parts;
            }
        }
      else if (*p == '(' && p + 2 < end && p[1] == '?' && p[2] == '#')
        {
          /* A comment ends at its first ')', whatever it holds. */
          const char *close = memchr (p, ')', end - p);

          if (close == NULL)
            {
              g_array_set_size (parts, 0);
              return parts;
            }
          p = close + 1;
        }
      else
        {
          if (*p == '(')
            depth++;
          else if (*p == ')')
            depth--;
          else if (*p == '|' && depth == 0)
            {
              const char *next = p + 1;
              g_array_append_val (parts, next);
            }
          p++;
        }
    }
  /* The end, so that part i is [parts[i], parts[i + 1] - 1). */
  {
    const char *after = end + 1;
    g_array_append_val (parts, after);
  }
  return parts;
}

typedef enum {
  ELEMENT_LETTER,    /* an ASCII letter: part of a word */
  ELEMENT_NONWORD,   /* a character that is never a word character once folded */
  ELEMENT_OTHER,     /* anything else that consumes text */
} Element;

/* Whether a literal character is a word character for the automaton once the text is folded:
 * a digit becomes '#', which is not; ASCII punctuation is not; other characters by Unicode. */
static Element
classify_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalpha (c) ? ELEMENT_LETTER : ELEMENT_NONWORD;
  return g_unichar_isalnum (c) || g_unichar_ismark (c) ? ELEMENT_OTHER : ELEMENT_NONWORD;
}

/* A class matches only non-word characters when every member is a punctuation mark, a space
 * or a digit, with no negation and no ranges (a range of punctuation can hold letters). */
static Element
classify_class (const char *p,
                const char *end)
{
  const char *last = end - 1;   /* the closing ']' */
  gboolean first = TRUE;

  p++;
  if (*p == '^')
    return ELEMENT_OTHER;
  for (; p < last; first = FALSE)
    {
      if (*p == '\\')
        {
          char e = p[1];

          if (!(strchr ("sdntrfvh", e) != NULL || (g_ascii_ispunct (e) && e != '_')))
            return ELEMENT_OTHER;
          p = skip_escape (p, last, TRUE);
          continue;
        }
      if ((*p == '-' && !first && p + 1 < last) || *p == '[')
        return ELEMENT_OTHER;
      if (classify_char (g_utf8_get_char_validated (p, last - p)) != ELEMENT_NONWORD)
        return ELEMENT_OTHER;
      p = g_utf8_next_char (p);
    }
  return ELEMENT_NONWORD;
}

static gboolean read_sequence (Reader *r, const char *p, const char *end);

/* Of the sets one alternative needs, the one least likely to be in any draft: its shortest
 * word longest (a prefix counts one letter less), then the fewest words. "if you know what i
 * mean" is then anchored on "know", not on "if". */
static GPtrArray *
most_selective (GPtrArray *sets)
{
  GPtrArray *best = NULL;
  int best_score = -1;

  for (guint i = 0; i < sets->len; i++)
    {
      GPtrArray *set = g_ptr_array_index (sets, i);
      int shortest = G_MAXINT;

      for (guint w = 0; w < set->len; w++)
        {
          const char *word = g_ptr_array_index (set, w);
          int len = (int) strlen (word + 1) - (word[0] == WHOLE ? 0 : 1);

          shortest = MIN (shortest, len);
        }
      if (shortest > best_score || (shortest == best_score && set->len < best->len))
        {
          best = set;
          best_score = shortest;
        }
    }
  return best;
}

/* Reads the alternatives in [p, end) of a mandatory group into @r. One alternative adds all its
 * sets (everything in it is needed); several add one set, the union of each one's most
 * selective set, when every alternative has one. Returns whether a boundary is certain after
 * the group, whichever alternative matched. */
static gboolean
read_alternation (Reader     *r,
                  const char *p,
                  const char *end)
{
  g_autoptr(GArray) parts = split_alternatives (p, end);
  g_autoptr(GPtrArray) set = g_ptr_array_new_with_free_func (g_free);
  gboolean complete = TRUE;
  gboolean boundary_after = TRUE;

  if (parts->len < 2)
    return FALSE;

  for (guint i = 0; i + 1 < parts->len; i++)
    {
      Reader sub;
      const char *from = g_array_index (parts, const char *, i);
      const char *to = g_array_index (parts, const char *, i + 1) - 1;
      gboolean single = parts->len == 2;

      reader_init (&sub, r->boundary, single ? r->first_only : FALSE);
      if (!read_sequence (&sub, from, to))
        boundary_after = FALSE;
      close_word_as (&sub, PENDING);
      boundary_after = boundary_after && sub.boundary;

      if (single)
        for (guint k = 0; k < sub.sets->len; k++)
          add_set (r, g_ptr_array_index (sub.sets, k));
      else if (sub.sets->len == 0)
        complete = FALSE;
      else
        {
          GPtrArray *best = most_selective (sub.sets);

          for (guint w = 0; w < best->len; w++)
            g_ptr_array_add (set, g_strdup (g_ptr_array_index (best, w)));
        }
      reader_clear (&sub);
    }

  if (parts->len > 2 && complete && set->len > 0)
    add_set (r, set);
  return boundary_after;
}

/* Whether what starts at @p certainly puts a non-word character (or the end) right there:
 * \b, $, \z, a mandatory \s, \d, \W, a mandatory punctuation mark or a class of them. */
static gboolean
boundary_follows (const char *p,
                  const char *end)
{
  const char *next = NULL;
  Element element = ELEMENT_OTHER;
  guint min, max;

  if (p >= end)
    return FALSE;
  if (*p == '$')
    return TRUE;
  if (*p == '\\' && p + 1 < end)
    {
      char e = p[1];

      if (e == 'b' || e == 'z' || e == 'Z')
        return TRUE;
      if (strchr ("sdWnrtfvh", e) != NULL || (g_ascii_ispunct (e) && e != '_'))
        element = ELEMENT_NONWORD;
      next = p + 2;
    }
  else if (*p == '[')
    {
      if ((next = skip_class (p, end)) == NULL)
        return FALSE;
      element = classify_class (p, next);
    }
  else if ((guchar) *p < 0x80 && strchr ("()|.^*+?{", *p) == NULL)
    {
      element = classify_char ((guchar) *p);
      next = p + 1;
    }

  if (element != ELEMENT_NONWORD)
    return FALSE;
  read_quantifier (next, end, &min, &max);
  return min >= 1;
}

/* A '(' at @p: a lookaround or inline flags (zero width), or a group. Returns where reading
 * goes on, or NULL to stop. */
static const char *
read_group (Reader     *r,
            const char *p,
            const char *end)
{
  const char *close = skip_group (p, end);
  const char *inner = p + 1;
  guint min, max;

  if (close == NULL)
    return NULL;

  if (inner < end && *inner == '?')
    {
      const char *q = inner + 1;

      if (q < end && (*q == '=' || *q == '!'))
        return close;                                   /* lookahead */
      if (q + 1 < end && q[0] == '<' && (q[1] == '=' || q[1] == '!'))
        return close;                                   /* lookbehind */
      if (q < end && *q == '#')
        return close;                                   /* comment */
      if (q < end && (*q == ':' || *q == '>' || *q == '|'))
        inner = q + 1;
      else if (q < end && (*q == '<' || *q == '\'' || (*q == 'P' && q + 1 < end && q[1] == '<')))
        {
          char stop = *q == '\'' ? '\'' : '>';
          const char *name_end = memchr (q + 1, stop, close - q - 1);

          if (name_end == NULL)
            return NULL;
          inner = name_end + 1;
        }
      else
        {
          /* Inline flags: "(?i)", "(?-i:…)". Extended mode ('x') changes what spaces mean, so
           * it is not in the list and stops the reading. */
          while (q < end && *q != '\0' && strchr ("imsJUn-", *q) != NULL)
            q++;
          if (q >= end || (*q != ':' && *q != ')'))
            return NULL;
          if (*q == ')')
            return close;                               /* flags for what follows */
          inner = q + 1;
        }
    }

  close_word (r);
  p = read_quantifier (close, end, &min, &max);
  if (min >= 1)
    {
      guint from = r->sets->len;

      r->boundary = read_alternation (r, inner, close - 1);
      /* A word that ends its alternative is whole when the group, matched once, is followed
       * by a boundary; repeated, the group itself may follow. */
      settle_pending (r, from, max == 1 && boundary_follows (p, end));
    }
  else
    {
      /* Optional: its words are not needed, but where it ends still tells the boundary. */
      Reader sub;
      gboolean after;

      reader_init (&sub, r->boundary, TRUE);
      after = read_alternation (&sub, inner, close - 1);
      reader_clear (&sub);
      r->boundary = r->boundary && after;
    }
  return p;
}

/* Reads a sequence with no '|' of its own. Returns FALSE where it stopped early. */
static gboolean
read_sequence (Reader     *r,
               const char *p,
               const char *end)
{
  while (p < end)
    {
      Element element;
      guint min, max;
      char letter = 0;
      char c = *p;

      if (c == '\\')
        {
          char e;

          if (p + 1 >= end)
            return FALSE;
          e = p[1];
          if (e == 'b' || e == 'A')
            {
              close_word_as (r, WHOLE);
              r->boundary = TRUE;
              p += 2;
              continue;
            }
          if (e == 'B' || e == 'z' || e == 'Z' || e == 'G')
            {
              close_word_as (r, e == 'z' || e == 'Z' ? WHOLE : PREFIX);
              r->boundary = FALSE;
              p += 2;
              continue;
            }
          if (strchr ("sdWnrtfvhRe", e) != NULL)
            {
              element = ELEMENT_NONWORD;
              p += 2;
            }
          else if (e == 'w' || e == 'S' || e == 'D' || e == 'N' || e == 'H' || e == 'V' ||
                   e == 'X' || e == 'C')
            {
              element = ELEMENT_OTHER;
              p += 2;
            }
          else if (e == 'x' || e == 'p' || e == 'P' || e == 'o')
            {
              p += 2;
              if (p < end && *p == '{')
                {
                  const char *brace = memchr (p, '}', end - p);

                  if (brace == NULL)
                    return FALSE;
                  p = brace + 1;
                }
              else if (e == 'x')
                {
                  for (int k = 0; k < 2 && p < end && g_ascii_isxdigit (*p); k++)
                    p++;
                }
              else if (e != 'o' && p < end)
                p++;
              else
                return FALSE;
              element = ELEMENT_OTHER;
            }
          else if (e == 'c' && p + 2 < end)
            {
              /* A control character, or a letter: "\c(" is 'h'. */
              element = ELEMENT_OTHER;
              p += 3;
            }
          else if ((guchar) e < 0x80 && g_ascii_ispunct (e))
            {
              element = e == '_' ? ELEMENT_NONWORD : classify_char ((guchar) e);
              p += 2;
            }
          else
            return FALSE;   /* back-references, \Q…\E, \K and the like */
        }
      else if (c == '[')
        {
          const char *close = skip_class (p, end);

          if (close == NULL)
            return FALSE;
          element = classify_class (p, close);
          p = close;
        }
      else if (c == '(')
        {
          if ((p = read_group (r, p, end)) == NULL)
            return FALSE;
          continue;
        }
      else if (c == '^')
        {
          close_word (r);
          r->boundary = TRUE;
          p++;
          continue;
        }
      else if (c == '$')
        {
          close_word_as (r, WHOLE);
          r->boundary = FALSE;
          p++;
          continue;
        }
      else if (c == '.')
        {
          element = ELEMENT_OTHER;
          p++;
        }
      else if (c == '*' || c == '+' || c == '?' || c == ')' || c == '|')
        return FALSE;
      else
        {
          gunichar u = g_utf8_get_char_validated (p, end - p);

          if (u == (gunichar) -1 || u == (gunichar) -2)
            return FALSE;
          element = classify_char (u);
          if (element == ELEMENT_LETTER)
            letter = g_ascii_tolower (c);
          p = g_utf8_next_char (p);
        }

      p = read_quantifier (p, end, &min, &max);

      switch (element)
        {
        case ELEMENT_LETTER:
          if (min == 0)
            {
              close_word (r);
              r->boundary = FALSE;
              break;
            }
          if (r->word->len == 0 && !r->in_word)
            r->in_word = r->boundary;
          if (r->in_word)
            g_string_append_c (r->word, letter);
          r->boundary = FALSE;
          /* Repeated: what follows is not at a known distance from the letters before. */
          if (max != 1)
            close_word (r);
          break;

        case ELEMENT_NONWORD:
          /* A character that is never part of a word, certainly there, ends the word whole;
           * so does an optional one followed by one that is certainly there ("dr\\.?\\s+"),
           * and one that ends a group's alternative leaves it to what follows the group. */
          close_word_as (r, min >= 1 || boundary_follows (p, end) ? WHOLE
                            : p == end ? PENDING : PREFIX);
          /* Optional, it leaves the boundary as it was: either it or what came before is
           * just before the next character, and neither is a word character. */
          if (min >= 1)
            r->boundary = TRUE;
          break;

        case ELEMENT_OTHER:
        default:
          close_word (r);
          r->boundary = FALSE;
          break;
        }
    }
  return TRUE;
}

static GPtrArray *
to_strv_sets (GPtrArray *sets)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint i = 0; i < sets->len; i++)
    {
      GPtrArray *set = g_ptr_array_index (sets, i);
      GStrvBuilder *builder = g_strv_builder_new ();

      for (guint w = 0; w < set->len; w++)
        {
          const char *word = g_ptr_array_index (set, w);
          g_autofree char *term = word[0] == WHOLE ? g_strdup (word + 1)
                                                   : g_strconcat (word + 1, "*", NULL);
          g_strv_builder_add (builder, term);
        }
      g_ptr_array_add (out, g_strv_builder_end (builder));
      g_strv_builder_unref (builder);
    }
  return out;
}

/* Whether the pattern holds a backtracking verb or a start option, "(*…)": a name after "(*:"
 * may hold any character, and (*ACCEPT) ends a match where it stands. Nothing is read then. */
static gboolean
has_verb (const char *p,
          const char *end)
{
  while (p < end)
    {
      if (*p == '\\')
        p = skip_escape (p, end, FALSE);
      else if (*p == '[')
        {
          if ((p = skip_class (p, end)) == NULL)
            return TRUE;
        }
      else if (*p == '(' && p + 1 < end && p[1] == '*')
        return TRUE;
      else
        p++;
    }
  return FALSE;
}

GPtrArray *
sg_regex_anchors (const char *pattern)
{
  const char *end;
  GPtrArray *result = NULL;
  Reader r;

  g_return_val_if_fail (pattern != NULL, NULL);

  end = pattern + strlen (pattern);
  if (has_verb (pattern, end))
    return NULL;
  reader_init (&r, FALSE, FALSE);

  read_alternation (&r, pattern, end);
  settle_pending (&r, 0, FALSE);

  if (r.sets->len > 0)
    result = to_strv_sets (r.sets);
  reader_clear (&r);
  return result;
}

static int
compare_unichars (gconstpointer a,
                  gconstpointer b)
{
  gunichar x = *(const gunichar *) a, y = *(const gunichar *) b;

  return x < y ? -1 : x > y;
}

gunichar *
sg_regex_symbols (const char *pattern)
{
  g_autoptr(GArray) symbols = g_array_new (TRUE, FALSE, sizeof (gunichar));
  const char *p;

  g_return_val_if_fail (pattern != NULL, NULL);

  if (*pattern != '[' || !g_utf8_validate (pattern, -1, NULL))
    return NULL;
  for (p = pattern + 1; *p != ']'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Only characters without case, beyond ASCII, so that no syntax can hide among them
       * and caseless matching cannot widen the set. */
      if (*p == '\0' || c < 0x80 || g_unichar_isalpha (c) ||
          g_unichar_toupper (c) != c || g_unichar_tolower (c) != c)
        return NULL;
      g_array_append_val (symbols, c);
    }
  if (symbols->len == 0 || p[1] != '\0')
    return NULL;
  g_array_sort (symbols, compare_unichars);
  return (gunichar *) g_array_free (g_steal_pointer (&symbols), FALSE);
}
