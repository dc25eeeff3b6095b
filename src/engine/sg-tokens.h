/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A draft as tokens: the first stage of the engine (tokens → stems → concepts → patterns
 * and frames → findings). One pass over the text; every token keeps its byte and code-point
 * span in the original, its folded form, its Snowball stem and its shape, and the sentence
 * and clause it belongs to.
 *
 * Why hand-written segmentation rather than ICU's word and sentence break iterators: posts
 * break sentences at line ends and emoji as often as at full stops, write "pt's" and "bed-
 * blocker", mask swear words ("a**e", "sh1t", "b!tch") that a dictionary-based breaker splits
 * into pieces, and mix @handles, #tags and URLs into the prose. The rules here keep each of
 * those whole, and agree with SgText on where a sentence starts, so a rule's "sentence" means
 * the same thing whichever stage found its terms. */

typedef enum {
  SG_TOKEN_WORD,
  SG_TOKEN_NUMBER,
  SG_TOKEN_HANDLE,   /* @someone */
  SG_TOKEN_TAG,      /* #something; its stem is the stem of the body */
  SG_TOKEN_URL,      /* also e-mail addresses */
  SG_TOKEN_EMOJI,
  SG_TOKEN_PUNCT,
} SgTokenKind;

typedef enum {
  SG_SHAPE_LOWER,
  SG_SHAPE_TITLE,    /* Capitalised */
  SG_SHAPE_UPPER,    /* two or more letters, all capitals */
  SG_SHAPE_MIXED,
  SG_SHAPE_DIGITS,
  SG_SHAPE_OTHER,
} SgTokenShape;

typedef enum {
  SG_TOKEN_MASKED   = 1 << 0,  /* letters hidden by '*': "c**t", "f***", "*******" */
  SG_TOKEN_DELEETED = 1 << 1,  /* "sh1t", "b!tch" read as "shit", "bitch" */
  SG_TOKEN_JOINED   = 1 << 2,  /* joined to the previous word by a hyphen: "bed-blocker" */
  SG_TOKEN_SPACED   = 1 << 3,  /* spelt out letter by letter: "f u c k" */
  SG_TOKEN_RESPELT  = 1 << 4,  /* a common misspelling read as the word meant: "paitent" */
} SgTokenFlags;

/* What a thread knows about one folded word, kept in its stem cache: the stem, and two
 * numbers a caller may keep there for the word (the analyzer keeps the pattern vocabulary id
 * and the model feature of the current rule pack), valid while @owner is the caller's serial.
 * One lookup per word then serves the stemmer, the patterns and the models, where each did
 * its own hash lookup (a tenth of an analysis). Only the thread that tokenised reads it. */
typedef struct {
  char    *stem;
  guint    owner;       /* 0: ids[] not filled */
  guint32  ids[3];      /* pattern vocabulary id, model feature, model pair-word id */
} SgWordInfo;

typedef struct {
  guint32 start;      /* bytes into the analysed text */
  guint32 end;
  guint32 cp_start;   /* code points into the analysed text */
  guint32 cp_end;
  guint32 norm;       /* offset of the folded form in SgTokens.pool (NUL-terminated) */
  guint32 stem;       /* offset of the stem in SgTokens.stems, G_MAXUINT32 for none */
  guint32 sentence;
  guint32 clause;
  guint8  kind;       /* SgTokenKind */
  guint8  shape;      /* SgTokenShape */
  guint8  flags;      /* SgTokenFlags */
  SgWordInfo *info;   /* words, numbers and tags: the cache entry of the folded form; else NULL.
                       * Valid until the next sg_tokens_run() on this thread. */
} SgToken;

typedef struct {
  const char *text;     /* not owned */
  GArray     *tokens;   /* SgToken */
  GString    *pool;     /* folded forms */
  /* The stems of the words in text order, one space between words of one phrase and " | "
   * where punctuation, a line or a sentence stands between them, so that a multi-word concept
   * term ("waste of space") matches only words that follow each other. */
  GString    *stems;
} SgTokens;

void         sg_tokens_init        (SgTokens   *self);
void         sg_tokens_clear       (SgTokens   *self);
/* Tokenises @text (valid UTF-8, @len bytes). @sentence_of gives the sentence index of a byte
 * offset (the analyzer passes SgText's, so both stages agree); NULL counts full stops and
 * line ends here. Reuses the buffers. */
void         sg_tokens_run         (SgTokens   *self,
                                    const char *text,
                                    gsize       len,
                                    guint     (*sentence_of) (gpointer data, gsize offset),
                                    gpointer    data);

static inline const SgToken *
sg_tokens_get (SgTokens *self,
               guint     i)
{
  return &g_array_index (self->tokens, SgToken, i);
}

static inline const char *
sg_tokens_norm (SgTokens *self,
                guint     i)
{
  return self->pool->str + g_array_index (self->tokens, SgToken, i).norm;
}

/* The index of the first token ending after @offset (tokens->len when none). */
guint        sg_tokens_index_at    (SgTokens   *self,
                                    gsize       offset);
/* The token whose stem starts at @offset in self->stems, or G_MAXUINT. */
guint        sg_tokens_index_of_stem (SgTokens *self,
                                      gsize     offset);

/* A term as the concept matcher reads it: its words' stems, space-separated ("wast of
 * space"). NULL when @term has no word. Uses @self as scratch space. Each thread has its own
 * stemmer, so any number of threads may tokenise at once. */
/* The commonest words of English writing (function words, folded): a pattern indexed by one
 * of them would be tried at nearly every sentence, and a model finding that quoted one would
 * tell the writer nothing. */
gboolean     sg_tokens_is_function_word (const char *word);
char        *sg_tokens_stem_phrase (SgTokens   *self,
                                    const char *term);

G_END_DECLS
