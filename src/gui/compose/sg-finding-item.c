/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sg-finding-item.h"

struct _SgFindingItem
{
  GObject      parent_instance;

  SgFinding   *finding;
  GtkTextMark *start_mark;   /* NULL for a photo's finding */
  GtkTextMark *end_mark;
};

G_DEFINE_FINAL_TYPE (SgFindingItem, sg_finding_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FINDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static gboolean
citations_equal (GArray *a,
                 GArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      const SgCitation *x = &g_array_index (a, SgCitation, i);
      const SgCitation *y = &g_array_index (b, SgCitation, i);

      if (g_strcmp0 (x->source, y->source) != 0 || g_strcmp0 (x->title, y->title) != 0 ||
          g_strcmp0 (x->paragraph, y->paragraph) != 0 || g_strcmp0 (x->edition, y->edition) != 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
fixes_equal (GArray *a,
             GArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      const SgFix *x = &g_array_index (a, SgFix, i);
      const SgFix *y = &g_array_index (b, SgFix, i);

      if (g_strcmp0 (x->kind, y->kind) != 0 || g_strcmp0 (x->label, y->label) != 0 ||
          g_strcmp0 (x->replacement, y->replacement) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Everything a row shows or acts on, apart from where the finding is. */
static gboolean
findings_say_the_same (SgFinding *a,
                       SgFinding *b)
{
  return g_strcmp0 (sg_finding_get_rule_id (a), sg_finding_get_rule_id (b)) == 0 &&
         sg_finding_get_category (a) == sg_finding_get_category (b) &&
         sg_finding_get_severity (a) == sg_finding_get_severity (b) &&
         sg_finding_get_attachment (a) == sg_finding_get_attachment (b) &&
         g_strcmp0 (sg_finding_get_match (a), sg_finding_get_match (b)) == 0 &&
         g_strcmp0 (sg_finding_get_title (a), sg_finding_get_title (b)) == 0 &&
         g_strcmp0 (sg_finding_get_message (a), sg_finding_get_message (b)) == 0 &&
         g_strcmp0 (sg_finding_get_explanation (a), sg_finding_get_explanation (b)) == 0 &&
         citations_equal (sg_finding_get_citations (a), sg_finding_get_citations (b)) &&
         fixes_equal (sg_finding_get_fixes (a), sg_finding_get_fixes (b));
}

/* GObject */

static void
sg_finding_item_dispose (GObject *object)
{
  SgFindingItem *self = SG_FINDING_ITEM (object);

  g_clear_object (&self->start_mark);
  g_clear_object (&self->end_mark);
  g_clear_object (&self->finding);

  G_OBJECT_CLASS (sg_finding_item_parent_class)->dispose (object);
}

static void
sg_finding_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SgFindingItem *self = SG_FINDING_ITEM (object);

  switch (prop_id)
    {
    case PROP_FINDING:
      g_value_set_object (value, self->finding);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_finding_item_class_init (SgFindingItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sg_finding_item_dispose;
  object_class->get_property = sg_finding_item_get_property;

  properties[PROP_FINDING] =
    g_param_spec_object ("finding", NULL, NULL, SG_TYPE_FINDING,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sg_finding_item_init (SgFindingItem *self)
{
}

/* Public API */

SgFindingItem *
sg_finding_item_new (SgFinding   *finding,
                     GtkTextMark *start,
                     GtkTextMark *end)
{
  SgFindingItem *self;

  g_return_val_if_fail (SG_IS_FINDING (finding), NULL);
  g_return_val_if_fail ((start == NULL) == (end == NULL), NULL);

  self = g_object_new (SG_TYPE_FINDING_ITEM, NULL);
  self->finding = g_object_ref (finding);
  /* Held, so a row asking after the buffer has gone finds a deleted mark, not freed memory. */
  self->start_mark = start != NULL ? g_object_ref (start) : NULL;
  self->end_mark = end != NULL ? g_object_ref (end) : NULL;
  return self;
}

SgFinding *
sg_finding_item_get_finding (SgFindingItem *self)
{
  g_return_val_if_fail (SG_IS_FINDING_ITEM (self), NULL);
  return self->finding;
}

gboolean
sg_finding_item_get_bounds (SgFindingItem *self,
                            GtkTextIter   *start,
                            GtkTextIter   *end)
{
  GtkTextBuffer *buffer;

  g_return_val_if_fail (SG_IS_FINDING_ITEM (self), FALSE);

  if (self->start_mark == NULL || gtk_text_mark_get_deleted (self->start_mark) ||
      gtk_text_mark_get_deleted (self->end_mark))
    return FALSE;
  buffer = gtk_text_mark_get_buffer (self->start_mark);
  gtk_text_buffer_get_iter_at_mark (buffer, start, self->start_mark);
  gtk_text_buffer_get_iter_at_mark (buffer, end, self->end_mark);
  return TRUE;
}

const SgFix *
sg_finding_item_get_text_fix (SgFindingItem *self)
{
  GArray *fixes;

  g_return_val_if_fail (SG_IS_FINDING_ITEM (self), NULL);

  fixes = sg_finding_get_fixes (self->finding);
  for (guint i = 0; i < fixes->len; i++)
    if (g_array_index (fixes, SgFix, i).replacement != NULL ||
        g_str_equal (g_array_index (fixes, SgFix, i).kind, "clean-photo"))
      return &g_array_index (fixes, SgFix, i);
  return NULL;
}

gboolean
sg_finding_item_shows (SgFindingItem *self,
                       SgFinding     *finding,
                       int            start_offset,
                       int            end_offset)
{
  GtkTextIter start, end;

  g_return_val_if_fail (SG_IS_FINDING_ITEM (self), FALSE);
  g_return_val_if_fail (SG_IS_FINDING (finding), FALSE);

  if (!findings_say_the_same (self->finding, finding))
    return FALSE;

  /* A photo's finding: the same description, so the same place in it. */
  if (sg_finding_get_attachment (finding) >= 0)
    return sg_finding_get_start (self->finding) == sg_finding_get_start (finding) &&
           sg_finding_get_end (self->finding) == sg_finding_get_end (finding);

  return sg_finding_item_get_bounds (self, &start, &end) &&
         gtk_text_iter_get_offset (&start) == start_offset &&
         gtk_text_iter_get_offset (&end) == end_offset;
}

void
sg_finding_item_update (SgFindingItem *self,
                        SgFinding     *finding)
{
  g_return_if_fail (SG_IS_FINDING_ITEM (self));
  g_return_if_fail (SG_IS_FINDING (finding));

  if (g_set_object (&self->finding, finding))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINDING]);
}

void
sg_finding_item_detach (SgFindingItem *self)
{
  g_return_if_fail (SG_IS_FINDING_ITEM (self));

  if (self->start_mark == NULL)
    return;
  if (!gtk_text_mark_get_deleted (self->start_mark))
    gtk_text_buffer_delete_mark (gtk_text_mark_get_buffer (self->start_mark), self->start_mark);
  if (!gtk_text_mark_get_deleted (self->end_mark))
    gtk_text_buffer_delete_mark (gtk_text_mark_get_buffer (self->end_mark), self->end_mark);
}
