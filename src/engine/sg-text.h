/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A draft prepared for matching: a folded copy (lower case, digit runs as one '#', whitespace
 * runs as one space, typographic quotes and dashes as ASCII) with a map back to the original
 * bytes, and where each sentence starts. Lexicon terms are written against the folded form,
 * so "every # hours" matches "every 2 hours" and "every 12 hours". */
typedef struct {
  const char *text;        /* the original, not owned */
  gsize       len;
  GString    *folded;
  GArray     *map;         /* guint32 per folded byte + 1: original byte offset */
  GArray     *sentences;   /* guint32 original byte offsets where a sentence starts */
} SgText;

void     sg_text_init            (SgText     *self);
void     sg_text_clear           (SgText     *self);
/* Prepares @text (valid UTF-8, @len bytes; may contain NUL). Reuses the buffers. */
void     sg_text_prepare         (SgText     *self,
                                  const char *text,
                                  gsize       len);
guint    sg_text_sentence_at     (SgText     *self,
                                  gsize       offset);
gboolean sg_text_is_sentence_start (SgText   *self,
                                    gsize     offset);

/* The byte offset of the first invalid UTF-8 sequence, or -1 when @text is valid. */
gssize   sg_text_find_invalid_utf8 (const char *text,
                                    gsize       len);

G_END_DECLS
