/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "sg-guidance.h"

G_BEGIN_DECLS

typedef struct _SgRule SgRule;

/* A concrete fix for one finding: what to put in place of the matched text. A NULL
 * replacement means the fix is advice only ("rewrite as general information"). */
typedef struct {
  char *kind;         /* "redact", "generalise-age", "replace-date", "remove-handle", … */
  char *label;        /* for a button: "Replace with “in her 80s”" */
  char *replacement;  /* the new text for the span, or NULL */
} SgFix;

typedef struct {
  char *source;       /* a source id of the pack: "gmc-2013" */
  char *title;        /* "GMC 2013" */
  char *paragraph;    /* "13", "Patient confidentiality" */
  char *edition;      /* "seed", "current", or NULL */
} SgCitation;

#define SG_TYPE_FINDING (sg_finding_get_type ())
G_DECLARE_FINAL_TYPE (SgFinding, sg_finding, SG, FINDING, GObject)

SgFinding   *sg_finding_new              (const SgRule *rule,
                                          gsize         start,
                                          gsize         end,
                                          const char   *match,
                                          const char   *message);

const char  *sg_finding_get_rule_id      (SgFinding *self);
/* Whether the finding comes from a model rather than a written rule. */
gboolean     sg_finding_is_from_model    (SgFinding *self);
SgCategory   sg_finding_get_category     (SgFinding *self);
SgSeverity   sg_finding_get_severity     (SgFinding *self);
const char  *sg_finding_get_title        (SgFinding *self);
const char  *sg_finding_get_message      (SgFinding *self);
const char  *sg_finding_get_explanation  (SgFinding *self);
const char  *sg_finding_get_match        (SgFinding *self);
/* Byte offsets into the analysed text. */
gsize        sg_finding_get_start        (SgFinding *self);
gsize        sg_finding_get_end          (SgFinding *self);
void         sg_finding_set_span         (SgFinding *self,
                                          gsize      start,
                                          gsize      end);
/* -1 for the post itself; otherwise the position of the attached photo the finding is about
 * (its file, or its description, which the span then points into). */
int          sg_finding_get_attachment   (SgFinding *self);
void         sg_finding_set_attachment   (SgFinding *self,
                                          int        attachment);
/* Lowers a warning to a suggestion (info), adding @note to its message to say why. */
void         sg_finding_lower            (SgFinding  *self,
                                          const char *note);
/* Whether a model may lower it: a warning from a written rule not marked "firm". */
gboolean     sg_finding_can_be_lowered   (SgFinding *self);
/* Whether sg_finding_lower() made it a suggestion. */
gboolean     sg_finding_is_lowered       (SgFinding *self);
/* Arrays of SgCitation and SgFix. */
GArray      *sg_finding_get_citations    (SgFinding *self);
GArray      *sg_finding_get_fixes        (SgFinding *self);
void         sg_finding_add_fix          (SgFinding  *self,
                                          const char *kind,
                                          const char *label,
                                          const char *replacement);

G_END_DECLS
