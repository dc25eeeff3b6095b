/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sg-finding.h"
#include "sg-rule-pack-private.h"

struct _SgFinding
{
  GObject       parent_instance;

  const SgRule *rule;     /* owned by the pack, which outlives every analysis */
  gsize         start;
  gsize         end;
  char         *match;
  char         *message;
  GArray       *fixes;
  int           attachment;
  gboolean      lowered;  /* a warning the category's model did not confirm: shown as info */
};

G_DEFINE_FINAL_TYPE (SgFinding, sg_finding, G_TYPE_OBJECT)

static void
fix_clear (SgFix *fix)
{
  g_free (fix->kind);
  g_free (fix->label);
  g_free (fix->replacement);
}

static void
sg_finding_finalize (GObject *object)
{
  SgFinding *self = (SgFinding *)object;

  g_free (self->match);
  g_free (self->message);
  g_clear_pointer (&self->fixes, g_array_unref);

  G_OBJECT_CLASS (sg_finding_parent_class)->finalize (object);
}

static void
sg_finding_class_init (SgFindingClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sg_finding_finalize;
}

static void
sg_finding_init (SgFinding *self)
{
  self->attachment = -1;
  self->fixes = g_array_new (FALSE, TRUE, sizeof (SgFix));
  g_array_set_clear_func (self->fixes, (GDestroyNotify) fix_clear);
}

/**
 * sg_finding_new:
 * @rule: the rule; it must outlive the finding (rules live as long as their pack)
 * @message: (nullable): a message specific to this match, or %NULL for the rule's
 */
SgFinding *
sg_finding_new (const SgRule *rule,
                gsize         start,
                gsize         end,
                const char   *match,
                const char   *message)
{
  SgFinding *self;

  g_return_val_if_fail (rule != NULL, NULL);
  g_return_val_if_fail (start <= end, NULL);

  self = g_object_new (SG_TYPE_FINDING, NULL);
  self->rule = rule;
  self->start = start;
  self->end = end;
  self->match = g_strdup (match);
  self->message = g_strdup (message);

  return self;
}

/* A warning its category's model did not confirm (sg-analyzer-model.c) becomes a suggestion:
 * still shown, with why, but not counted as a flag. */
void
sg_finding_lower (SgFinding  *self,
                  const char *note)
{
  char *message;

  g_return_if_fail (SG_IS_FINDING (self));

  message = g_strconcat (sg_finding_get_message (self), " ", note, NULL);
  g_free (self->message);
  self->message = message;
  self->lowered = TRUE;
}

gboolean
sg_finding_can_be_lowered (SgFinding *self)
{
  g_return_val_if_fail (SG_IS_FINDING (self), FALSE);
  return sg_finding_get_severity (self) == SG_SEVERITY_WARNING &&
         self->rule->type != SG_DETECTOR_MODEL && !self->rule->firm;
}

gboolean
sg_finding_is_lowered (SgFinding *self)
{
  g_return_val_if_fail (SG_IS_FINDING (self), FALSE);
  return self->lowered;
}

gboolean
sg_finding_is_from_model (SgFinding *self)
{
  g_return_val_if_fail (SG_IS_FINDING (self), FALSE);
  return self->rule->type == SG_DETECTOR_MODEL;
}

const char *
sg_finding_get_rule_id (SgFinding *self)
{
  g_return_val_if_fail (SG_IS_FINDING (self), NULL);
  return self->rule->id;
}

SgCategory
sg_finding_get_category (SgFinding *self)
{
  g_return_val_if_fail (SG_IS_FINDING (self), 0);
  return self->rule->category;
}

SgSeverity
sg_finding_get_severity (SgFinding *self)
{
  g_return_val_if_fail (SG_IS_FINDING (self), 0);
  return self->lowered ? SG_SEVERITY_INFO : self->rule->severity;
}

const char *
sg_finding_get_title (SgFinding *self)
{
  g_return_val_if_fail (SG_IS_FINDING (self), NULL);
  return self->rule->title;
}

const char *
sg_finding_get_message (SgFinding *self)
{
  g_return_val_if_fail (SG_IS_FINDING (self), NULL);
  return self->message != NULL ? self->message : self->rule->message;
}

const char *
sg_finding_get_explanation (SgFinding *self)
{
  g_return_val_if_fail (SG_IS_FINDING (self), NULL);
  return self->rule->explanation;
}

const char *
sg_finding_get_match (SgFinding *self)
{
  g_return_val_if_fail (SG_IS_FINDING (self), NULL);
  return self->match;
}

int
sg_finding_get_attachment (SgFinding *self)
{
  g_return_val_if_fail (SG_IS_FINDING (self), -1);
  return self->attachment;
}

void
sg_finding_set_attachment (SgFinding *self,
                           int        attachment)
{
  g_return_if_fail (SG_IS_FINDING (self));
  self->attachment = attachment;
}

gsize
sg_finding_get_start (SgFinding *self)
{
  g_return_val_if_fail (SG_IS_FINDING (self), 0);
  return self->start;
}

gsize
sg_finding_get_end (SgFinding *self)
{
  g_return_val_if_fail (SG_IS_FINDING (self), 0);
  return self->end;
}

void
sg_finding_set_span (SgFinding *self,
                     gsize      start,
                     gsize      end)
{
  g_return_if_fail (SG_IS_FINDING (self));
  g_return_if_fail (start <= end);

  self->start = start;
  self->end = end;
}

GArray *
sg_finding_get_citations (SgFinding *self)
{
  g_return_val_if_fail (SG_IS_FINDING (self), NULL);
  return self->rule->citations;
}

GArray *
sg_finding_get_fixes (SgFinding *self)
{
  g_return_val_if_fail (SG_IS_FINDING (self), NULL);
  return self->fixes;
}

void
sg_finding_add_fix (SgFinding  *self,
                    const char *kind,
                    const char *label,
                    const char *replacement)
{
  SgFix fix;

  g_return_if_fail (SG_IS_FINDING (self));
  g_return_if_fail (kind != NULL && label != NULL);

  fix.kind = g_strdup (kind);
  fix.label = g_strdup (label);
  fix.replacement = g_strdup (replacement);
  g_array_append_val (self->fixes, fix);
}
