/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sg-draft-checker.h"
#include "sg-draft-photos.h"
#include "sg-finding-item.h"
#include "sg-worker.h"

/* Analysis starts this long after the last keystroke: short enough that the sidebar follows
 * within 150 ms, long enough not to analyse every letter of a fast typist. */
#define ANALYSIS_DELAY_MS 80

struct _SgDraftChecker
{
  GObject        parent_instance;

  GtkTextBuffer *buffer;
  SgContext     *context;        /* unowned: the application's, outlives the page */
  SgPhotoStrip  *photo_strip;    /* unowned: the page's child, disposed after us */
  char          *platform;
  gboolean       declared;
  GtkTextTag    *tags[3];        /* by SgSeverity */
  GCancellable  *cancellable;
  GHashTable    *ignores;        /* "rule\x1fmatch" set for this draft */
  GListStore    *items;          /* SgFindingItem*, shown, in the order the guidance reads */
  GPtrArray     *ignored_errors; /* "do not post" findings ignored here: the pre-flight asks */
  guint          counts[3];      /* by SgSeverity */
  guint          analysis_source;
  guint          analyses_running; /* started and not yet back */
  guint64        generation;     /* bumped on every edit; stale analyses are dropped */
};

G_DEFINE_FINAL_TYPE (SgDraftChecker, sg_draft_checker, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_N_ERRORS,
  PROP_N_WARNINGS,
  PROP_N_SUGGESTIONS,
  N_PROPS
};

enum {
  CHECKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers */

static char *
ignore_key (SgFinding *finding)
{
  return g_strdup_printf ("%s\x1f%s", sg_finding_get_rule_id (finding),
                          sg_finding_get_match (finding));
}

static gboolean
is_ignored (SgDraftChecker *self,
            SgFinding      *finding)
{
  g_autofree char *key = ignore_key (finding);

  return g_hash_table_contains (self->ignores, key);
}

/* A finding of the new analysis, before it is matched with what is shown. */
typedef struct {
  SgFinding *finding;
  int        start;   /* character offsets in the text; -1 for a photo's */
  int        end;
  guint      index;   /* text order, then the photos': the last word when all else is equal */
} Found;

/* Grouped by principle, and the principles ordered by the most serious finding each holds, so
 * a "do not post" is never below a warning; within a principle, most serious first, then in
 * text order. */
static int
compare_found (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const SgSeverity *worst = user_data;
  const Found *x = a, *y = b;
  SgCategory cx = sg_finding_get_category (x->finding);
  SgCategory cy = sg_finding_get_category (y->finding);
  SgSeverity sx = sg_finding_get_severity (x->finding);
  SgSeverity sy = sg_finding_get_severity (y->finding);
  gsize px = sg_finding_get_start (x->finding), py = sg_finding_get_start (y->finding);

  if (cx != cy && worst[cx] != worst[cy])
    return (int) worst[cy] - (int) worst[cx];
  if (cx != cy)
    return (int) cx - (int) cy;
  if (sx != sy)
    return (int) sy - (int) sx;
  if (px != py)
    return px < py ? -1 : 1;
  return (int) x->index - (int) y->index;
}

static void
remove_tags (SgDraftChecker *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  for (guint i = 0; i < G_N_ELEMENTS (self->tags); i++)
    gtk_text_buffer_remove_tag (self->buffer, self->tags[i], &start, &end);
}

static void
set_count (SgDraftChecker *self,
           SgSeverity      severity,
           guint           count)
{
  static const guint props[] = {
    [SG_SEVERITY_INFO] = PROP_N_SUGGESTIONS,
    [SG_SEVERITY_WARNING] = PROP_N_WARNINGS,
    [SG_SEVERITY_ERROR] = PROP_N_ERRORS,
  };

  if (self->counts[severity] == count)
    return;
  self->counts[severity] = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[props[severity]]);
}

/* Puts @found (in the order shown) in the model, changing only what differs from what is
 * shown: an item that still says the same thing at the same place stays, with its row and any
 * keyboard focus on it, so typing elsewhere does not rebuild the sidebar. The changed stretch
 * is what lies between the unchanged start and the unchanged end of the list: one
 * items-changed, or none when the analysis found what is already there. */
static void
show_found (SgDraftChecker *self,
            GArray         *found)
{
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint head = 0, tail = 0;
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  guint counts[G_N_ELEMENTS (self->counts)] = { 0 };

  while (head < n_shown && head < found->len)
    {
      g_autoptr(SgFindingItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), head);
      Found *f = &g_array_index (found, Found, head);

      if (!sg_finding_item_shows (item, f->finding, f->start, f->end))
        break;
      sg_finding_item_update (item, f->finding);
      head++;
    }
  while (tail < n_shown - head && tail < found->len - head)
    {
      g_autoptr(SgFindingItem) item = g_list_model_get_item (G_LIST_MODEL (self->items),
                                                             n_shown - 1 - tail);
      Found *f = &g_array_index (found, Found, found->len - 1 - tail);

      if (!sg_finding_item_shows (item, f->finding, f->start, f->end))
        break;
      sg_finding_item_update (item, f->finding);
      tail++;
    }

  for (guint i = head; i < n_shown - tail; i++)
    {
      g_autoptr(SgFindingItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      sg_finding_item_detach (item);
    }
  for (guint i = head; i < found->len - tail; i++)
    {
      Found *f = &g_array_index (found, Found, i);
      GtkTextMark *start = NULL, *end = NULL;
      GtkTextIter iter;

      if (f->start >= 0)
        {
          gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, f->start);
          start = gtk_text_buffer_create_mark (self->buffer, NULL, &iter, TRUE);
          gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, f->end);
          end = gtk_text_buffer_create_mark (self->buffer, NULL, &iter, FALSE);
        }
      g_ptr_array_add (added, sg_finding_item_new (f->finding, start, end));
    }

  for (guint i = 0; i < found->len; i++)
    counts[sg_finding_get_severity (g_array_index (found, Found, i).finding)]++;

  /* The counts are said after the rows are in place, together, so whoever words a verdict
   * from them sees the three of one analysis. */
  g_object_freeze_notify (G_OBJECT (self));
  if (n_shown - tail - head > 0 || added->len > 0)
    g_list_store_splice (self->items, head, n_shown - tail - head, added->pdata, added->len);
  for (guint s = 0; s < G_N_ELEMENTS (counts); s++)
    set_count (self, s, counts[s]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
apply_findings (SgDraftChecker *self,
                const char     *text,
                GPtrArray      *findings,
                GPtrArray      *photo_findings)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Found));
  SgSeverity worst[SG_N_CATEGORIES];
  const char *cursor = text;
  glong offset = 0;

  g_ptr_array_set_size (self->ignored_errors, 0);
  remove_tags (self);

  for (guint i = 0; i < findings->len; i++)
    {
      SgFinding *finding = g_ptr_array_index (findings, i);
      GtkTextIter start, end;
      glong start_offset, end_offset;

      if (is_ignored (self, finding))
        {
          if (sg_finding_get_severity (finding) == SG_SEVERITY_ERROR)
            g_ptr_array_add (self->ignored_errors, g_object_ref (finding));
          continue;
        }

      /* The declaration appended from the register resolves an undeclared interest. */
      if (self->declared && sg_finding_get_category (finding) == SG_CATEGORY_CONFLICT_OF_INTEREST)
        continue;

      /* Findings are sorted by start, so character offsets are counted once, forwards. */
      offset += g_utf8_pointer_to_offset (cursor, text + sg_finding_get_start (finding));
      cursor = text + sg_finding_get_start (finding);
      start_offset = offset;
      end_offset = start_offset + g_utf8_pointer_to_offset (cursor, text + sg_finding_get_end (finding));

      gtk_text_buffer_get_iter_at_offset (self->buffer, &start, start_offset);
      gtk_text_buffer_get_iter_at_offset (self->buffer, &end, end_offset);
      gtk_text_buffer_apply_tag (self->buffer, self->tags[sg_finding_get_severity (finding)],
                                 &start, &end);
      g_array_append_val (found, ((Found) { finding, start_offset, end_offset, found->len }));
    }

  /* The attached photos: their files' facts and their descriptions, checked with the text. */
  for (guint i = 0; photo_findings != NULL && i < photo_findings->len; i++)
    {
      SgFinding *finding = g_ptr_array_index (photo_findings, i);

      if (is_ignored (self, finding))
        {
          if (sg_finding_get_severity (finding) == SG_SEVERITY_ERROR)
            g_ptr_array_add (self->ignored_errors, g_object_ref (finding));
          continue;
        }
      g_array_append_val (found, ((Found) { finding, -1, -1, found->len }));
    }

  /* The order of the principles comes from what is in them. */
  for (guint c = 0; c < SG_N_CATEGORIES; c++)
    worst[c] = SG_SEVERITY_INFO;
  for (guint i = 0; i < found->len; i++)
    {
      SgFinding *finding = g_array_index (found, Found, i).finding;
      SgCategory c = sg_finding_get_category (finding);

      worst[c] = MAX (worst[c], sg_finding_get_severity (finding));
    }
  g_array_sort_with_data (found, compare_found, worst);

  show_found (self, found);
  g_signal_emit (self, signals[CHECKED], 0);
}

/* Analysis */

/* One analysis: the text and the attached photos (their files' facts and descriptions), both
 * checked on a worker thread from copies taken on the main loop, so neither a long draft nor
 * a long description ever blocks typing. */
typedef struct {
  SgDraftChecker *self;
  SgAnalyzer     *analyzer;
  guint64         generation;
  char           *text;
  char           *platform;
  GPtrArray      *photos;          /* SgDraftPhoto copies */
  GPtrArray      *photo_findings;  /* filled by the worker */
} AnalysisData;

static void
analysis_data_free (AnalysisData *data)
{
  g_object_unref (data->self);
  g_object_unref (data->analyzer);
  g_free (data->text);
  g_free (data->platform);
  g_ptr_array_unref (data->photos);
  g_clear_pointer (&data->photo_findings, g_ptr_array_unref);
  g_free (data);
}

/* On a worker (sg-worker.h): the draft's findings; the photos' findings go into @data. */
static gpointer
analysis_work (gpointer       user_data,
               GCancellable  *cancellable,
               GError       **error)
{
  AnalysisData *data = user_data;
  GPtrArray *findings = sg_analyzer_analyze (data->analyzer, data->text, -1, data->platform,
                                             error);

  if (findings != NULL)
    data->photo_findings = sg_photo_strip_check_photos (data->photos, data->analyzer,
                                                        data->platform);
  return findings;
}

static void
analyzed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  SgDraftChecker *self = SG_DRAFT_CHECKER (object);
  AnalysisData *data = sg_worker_get_data (result);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;

  findings = g_task_propagate_pointer (G_TASK (result), &error);
  self->analyses_running--;

  /* The text changed since this analysis started: its offsets no longer fit. */
  if (findings != NULL && data->generation == self->generation)
    apply_findings (self, data->text, findings, data->photo_findings);
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Analysis failed: %s", error->message);
}

static gboolean
analysis_timeout_cb (gpointer user_data)
{
  SgDraftChecker *self = user_data;
  SgAnalyzer *analyzer = self->context ? sg_context_get_analyzer (self->context) : NULL;
  GPtrArray *shown = self->photo_strip ? sg_photo_strip_get_photos (self->photo_strip) : NULL;
  AnalysisData *data;

  self->analysis_source = 0;

  if (analyzer == NULL)
    return G_SOURCE_REMOVE;

  data = g_new0 (AnalysisData, 1);
  data->self = g_object_ref (self);
  data->analyzer = g_object_ref (analyzer);
  data->generation = self->generation;
  /* The text the page already fetched for this change, if it did: copied for the worker. */
  data->text = g_strdup (sg_draft_buffer_get_text (SG_DRAFT_BUFFER (self->buffer)));
  data->platform = g_strdup (self->platform);
  data->photos = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_draft_photo_free);
  for (guint i = 0; shown != NULL && i < shown->len; i++)
    g_ptr_array_add (data->photos, sg_draft_photo_copy (g_ptr_array_index (shown, i)));

  self->analyses_running++;
  sg_worker_run (self, self->cancellable, analysis_work, data,
                 (GDestroyNotify) analysis_data_free, (GDestroyNotify) g_ptr_array_unref,
                 analyzed_cb, NULL);
  return G_SOURCE_REMOVE;
}

static void
buffer_changed_cb (SgDraftChecker *self)
{
  sg_draft_checker_invalidate (self, ANALYSIS_DELAY_MS);
}

/* GObject */

static void
sg_draft_checker_dispose (GObject *object)
{
  SgDraftChecker *self = SG_DRAFT_CHECKER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->analysis_source, g_source_remove);
  if (self->buffer != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->buffer, self);
      sg_draft_checker_clear (self);
      g_clear_object (&self->buffer);
    }
  self->photo_strip = NULL;
  self->context = NULL;

  G_OBJECT_CLASS (sg_draft_checker_parent_class)->dispose (object);
}

static void
sg_draft_checker_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SgDraftChecker *self = SG_DRAFT_CHECKER (object);

  switch (prop_id)
    {
    case PROP_N_ERRORS:
      g_value_set_uint (value, self->counts[SG_SEVERITY_ERROR]);
      break;
    case PROP_N_WARNINGS:
      g_value_set_uint (value, self->counts[SG_SEVERITY_WARNING]);
      break;
    case PROP_N_SUGGESTIONS:
      g_value_set_uint (value, self->counts[SG_SEVERITY_INFO]);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_draft_checker_finalize (GObject *object)
{
  SgDraftChecker *self = SG_DRAFT_CHECKER (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->ignores, g_hash_table_unref);
  g_clear_object (&self->items);
  g_clear_pointer (&self->ignored_errors, g_ptr_array_unref);
  g_free (self->platform);

  G_OBJECT_CLASS (sg_draft_checker_parent_class)->finalize (object);
}

static void
sg_draft_checker_class_init (SgDraftCheckerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sg_draft_checker_dispose;
  object_class->finalize = sg_draft_checker_finalize;
  object_class->get_property = sg_draft_checker_get_property;

  properties[PROP_N_ERRORS] =
    g_param_spec_uint ("n-errors", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_WARNINGS] =
    g_param_spec_uint ("n-warnings", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_SUGGESTIONS] =
    g_param_spec_uint ("n-suggestions", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHECKED] =
    g_signal_new ("checked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sg_draft_checker_init (SgDraftChecker *self)
{
  self->cancellable = g_cancellable_new ();
  self->platform = g_strdup ("x");
  self->ignores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->items = g_list_store_new (SG_TYPE_FINDING_ITEM);
  self->ignored_errors = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Public API */

SgDraftChecker *
sg_draft_checker_new (SgDraftBuffer *draft)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (draft);
  SgDraftChecker *self;

  g_return_val_if_fail (SG_IS_DRAFT_BUFFER (draft), NULL);

  self = g_object_new (SG_TYPE_DRAFT_CHECKER, NULL);
  self->buffer = g_object_ref (buffer);

  /* Not by colour alone: errors get a squiggle, warnings a double line, suggestions a
   * single line; the colours read on light and dark backgrounds. */
  self->tags[SG_SEVERITY_ERROR] =
    gtk_text_buffer_create_tag (buffer, "sg-error", "underline", PANGO_UNDERLINE_ERROR,
                                "underline-rgba", &(GdkRGBA) { 0.88, 0.11, 0.14, 1 }, NULL);
  self->tags[SG_SEVERITY_WARNING] =
    gtk_text_buffer_create_tag (buffer, "sg-warning", "underline", PANGO_UNDERLINE_DOUBLE,
                                "underline-rgba", &(GdkRGBA) { 0.90, 0.55, 0.04, 1 }, NULL);
  self->tags[SG_SEVERITY_INFO] =
    gtk_text_buffer_create_tag (buffer, "sg-info", "underline", PANGO_UNDERLINE_SINGLE,
                                "underline-rgba", &(GdkRGBA) { 0.21, 0.52, 0.89, 1 }, NULL);

  g_signal_connect_swapped (buffer, "changed", G_CALLBACK (buffer_changed_cb), self);
  return self;
}

GtkTextBuffer *
sg_draft_checker_get_buffer (SgDraftChecker *self)
{
  g_return_val_if_fail (SG_IS_DRAFT_CHECKER (self), NULL);
  return self->buffer;
}

void
sg_draft_checker_set_context (SgDraftChecker *self,
                              SgContext      *context)
{
  g_return_if_fail (SG_IS_DRAFT_CHECKER (self));
  self->context = context;
}

void
sg_draft_checker_set_photo_strip (SgDraftChecker *self,
                                  SgPhotoStrip   *strip)
{
  g_return_if_fail (SG_IS_DRAFT_CHECKER (self));
  self->photo_strip = strip;
}

void
sg_draft_checker_set_platform (SgDraftChecker *self,
                               const char     *platform)
{
  g_return_if_fail (SG_IS_DRAFT_CHECKER (self));

  g_free (self->platform);
  self->platform = g_strdup (platform);
}

void
sg_draft_checker_set_declared (SgDraftChecker *self,
                               gboolean        declared)
{
  g_return_if_fail (SG_IS_DRAFT_CHECKER (self));

  if (self->declared == declared)
    return;
  self->declared = declared;
  /* The findings shown were sifted with the other answer. An analysis scheduled or under way
   * reads the new one when it is applied; otherwise the draft is checked again now. */
  if (!sg_draft_checker_is_checking (self))
    sg_draft_checker_invalidate (self, 0);
}

void
sg_draft_checker_schedule (SgDraftChecker *self,
                           guint           delay_ms)
{
  g_return_if_fail (SG_IS_DRAFT_CHECKER (self));

  g_clear_handle_id (&self->analysis_source, g_source_remove);
  self->analysis_source = g_timeout_add (delay_ms, analysis_timeout_cb, self);
}

void
sg_draft_checker_invalidate (SgDraftChecker *self,
                             guint           delay_ms)
{
  g_return_if_fail (SG_IS_DRAFT_CHECKER (self));

  self->generation++;
  sg_draft_checker_schedule (self, delay_ms);
}

gboolean
sg_draft_checker_is_checking (SgDraftChecker *self)
{
  g_return_val_if_fail (SG_IS_DRAFT_CHECKER (self), FALSE);

  return self->analysis_source != 0 || self->analyses_running > 0;
}

void
sg_draft_checker_set_ignores (SgDraftChecker     *self,
                              const char * const *keys)
{
  g_return_if_fail (SG_IS_DRAFT_CHECKER (self));

  g_hash_table_remove_all (self->ignores);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    g_hash_table_add (self->ignores, g_strdup (keys[i]));
}

void
sg_draft_checker_ignore (SgDraftChecker *self,
                         SgFinding      *finding)
{
  g_return_if_fail (SG_IS_DRAFT_CHECKER (self));

  g_hash_table_add (self->ignores, ignore_key (finding));
}

GListModel *
sg_draft_checker_get_findings (SgDraftChecker *self)
{
  g_return_val_if_fail (SG_IS_DRAFT_CHECKER (self), NULL);
  return G_LIST_MODEL (self->items);
}

guint
sg_draft_checker_get_count (SgDraftChecker *self,
                            SgSeverity      severity)
{
  g_return_val_if_fail (SG_IS_DRAFT_CHECKER (self), 0);
  g_return_val_if_fail (severity < G_N_ELEMENTS (self->counts), 0);
  return self->counts[severity];
}

GPtrArray *
sg_draft_checker_get_ignored_errors (SgDraftChecker *self)
{
  g_return_val_if_fail (SG_IS_DRAFT_CHECKER (self), NULL);
  return self->ignored_errors;
}

void
sg_draft_checker_clear (SgDraftChecker *self)
{
  g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (Found));

  g_return_if_fail (SG_IS_DRAFT_CHECKER (self));

  g_ptr_array_set_size (self->ignored_errors, 0);
  if (self->buffer == NULL)
    return;
  show_found (self, none);
  remove_tags (self);
}
