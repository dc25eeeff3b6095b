/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A set of terms matched in one pass over a text (Aho–Corasick), whatever their number.
 *
 * Terms and text are normalised the same way: simple per-character lower-casing
 * (g_unichar_tolower, so "ÉRIC" matches "éric" but "STRASSE" does not match "straße"),
 * typographic apostrophes (U+2018, U+2019, U+02BC) become ', hyphens and dashes
 * (U+2010–U+2015) become -, final sigma becomes σ, and any run of whitespace (including NBSP
 * and the other Unicode spaces) counts as one space.
 *
 * Each lexicon costs one pass over the text. Lexicons that are always scanned together are
 * cheaper as one, telling their terms apart by value.
 *
 * Build it from one thread, call sg_lexicon_compile(), then any number of threads may scan it
 * at the same time: scanning never modifies a compiled lexicon. */
typedef struct _SgLexicon SgLexicon;

typedef enum {
  SG_LEXICON_MATCH_DEFAULT = 0,
  /* No word boundary required at the end: "drunk" matches "drunkenly". */
  SG_LEXICON_MATCH_PREFIX  = 1 << 0,
} SgLexiconMatchFlags;

typedef struct {
  gsize start;  /* byte offset of the match in the original text */
  gsize end;    /* byte offset one past the match in the original text */
  guint value;  /* the value given to sg_lexicon_add() */
} SgLexiconMatch;

SgLexicon *sg_lexicon_new           (void);
SgLexicon *sg_lexicon_ref           (SgLexicon           *self);
void       sg_lexicon_unref         (SgLexicon           *self);

/* A trailing '*' in @term means SG_LEXICON_MATCH_PREFIX. Returns FALSE, adding nothing, for a
 * term that is empty once normalised or is not valid UTF-8. The same term with different
 * values reports every value; adding the same term, value and flags again is a no-op that
 * returns TRUE. Must not be called once the lexicon is compiled. */
gboolean   sg_lexicon_add           (SgLexicon           *self,
                                     const char          *term,
                                     guint                value,
                                     SgLexiconMatchFlags  flags);

/* One term per line; '#' at the start of a line (after blanks) makes it a comment; blank
 * lines are ignored; "term<TAB>value" gives a decimal value, otherwise @default_value is used.
 * On an error nothing is added and @error reads "FILE:LINE: what is wrong" (G_IO_ERROR,
 * G_IO_ERROR_INVALID_DATA) for invalid UTF-8, a bad value or an empty term. */
gboolean   sg_lexicon_add_from_file (SgLexicon           *self,
                                     const char          *path,
                                     guint                default_value,
                                     GError             **error);

/* Builds the automaton. Idempotent; sg_lexicon_scan() calls it when needed. */
void       sg_lexicon_compile       (SgLexicon           *self);
guint      sg_lexicon_get_n_terms   (SgLexicon           *self);

/* Appends to @matches (a GArray of SgLexiconMatch) every occurrence that begins on a word
 * boundary and ends on one (unless the term is a prefix term), ordered by start, then longest
 * first, then by value. Overlapping matches are all reported; identical ones (same span and
 * value, from a term added with and without '*') once. A word character is a letter, a digit
 * or a combining mark. @len is in bytes, or -1 when @text is NUL-terminated; @text must be
 * valid UTF-8 (NUL bytes inside @len act as separators). Returns the number of matches
 * appended. Memory use does not grow with the length of @text. */
guint      sg_lexicon_scan          (SgLexicon           *self,
                                     const char          *text,
                                     gssize               len,
                                     GArray              *matches);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgLexicon, sg_lexicon_unref)

G_END_DECLS
