/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Long text checked off the main loop. A draft loaded, a paste or any edit that leaves more than
 * INLINE_MAX_CHARS unchecked in one run is copied, cut into parts and checked on a worker with
 * a dictionary of its own; the main loop only underlines what comes back, a part at a time.
 *
 * The worker's dictionary (SgSpellSide) is never shared: it is here, in self->side, between
 * jobs, and a job takes it with it and gives it back with its result, so one job at a time
 * uses it, and only one job is out at once. Words accepted while it is out wait in
 * self->news and go with the next job.
 *
 * Each part has marks of its own, so what comes back is put where that text is now. An edit
 * that touches a part while it is out (or a settings change, by job_generation) drops that
 * part's result, and the part is checked again; the other parts still count..
 *
 * The suggestions for the word the menu is about are looked up with the same dictionary, by a
 * job that takes it along in the same way: Hunspell takes 40 to 170 ms for one word, too long
 * for the main loop, and its dictionaries are not safe to share. A lookup waits while a check
 * has the dictionary and goes before the next check. */
#include "config.h"

#include "sg-spell-checker-private.h"
#include "sg-worker.h"

/* An unchecked run longer than this goes to the worker. Typing leaves a run of one chunk
 * between spaces (a word, a few for a fast typist), which is checked at once on the main loop
 * in well under a millisecond; a paste of a paragraph or more, or a whole draft, goes away. */
#define INLINE_MAX_CHARS 400
/* The copy is cut into parts of about this many characters, extended to the next space: an
 * edit while the check runs drops only the part it touched, and underlining one part's words
 * fits in the main loop's slice (sg-spell-checker.c). */
#define PART_CHARS 2000
/* The worker's dictionary takes about 10 MB for British English: it is let go when no long
 * text has come for this long, and read again (a fifth of a second, on the worker) if one does. */
#define SIDE_KEEP_S 120
/* The menu shows this many suggestions at most. */
#define MAX_SUGGESTIONS 5

struct _SgSpellSide
{
  SgSpellDict *dict;      /* read by the first job that needs it, in its language */
  GHashTable  *accepted;  /* the words ignored this session, as the main loop's "ignored" */
};

/* A part of the text out for checking: its place, and what was found in it. */
typedef struct {
  GtkTextMark *start;     /* stays before text typed at it */
  GtkTextMark *end;       /* moves after text typed at it */
  int          length;    /* in characters, when it was sent */
  gboolean     dirty;     /* an edit touched it since */
  gboolean     returned;  /* its result is in */
  guint        words_generation; /* of the words accepted, when it was sent */
  GArray      *misspelt;  /* int start and end pairs, from its start; NULL: check it again */
} Flight;

typedef struct {
  SgSpellSide *side;      /* the job's while it runs */
  char        *language;
  GPtrArray   *news;      /* words to accept first */
  GPtrArray   *parts;     /* char *: the copied text of each part */
  guint        generation;
} CheckJob;

typedef struct {
  SgSpellSide *side;
  GPtrArray   *misspelt;  /* GArray of int pairs, one for each part; NULL without a dictionary */
} CheckResult;

typedef struct {
  SgSpellSide *side;      /* the job's while it runs */
  char        *language;
  char        *word;
  guint        serial;    /* the menu's, to tell a stale answer */
  guint        generation;
} SuggestJob;

typedef struct {
  SgSpellSide *side;
  char       **list;      /* NULL without a dictionary */
} SuggestResult;

/* For tests: while held, a lookup waits on its worker thread before asking the dictionary. */
static GMutex hold_lock;
static GCond  hold_cond;
static gboolean hold;
static guint  n_held;

static void
side_free (SgSpellSide *side)
{
  if (side == NULL)
    return;
  sg_spell_dict_free (side->dict);
  g_hash_table_unref (side->accepted);
  g_free (side);
}

static void
flight_free (Flight *f)
{
  GtkTextBuffer *buffer = gtk_text_mark_get_buffer (f->start);

  if (buffer != NULL)
    {
      gtk_text_buffer_delete_mark (buffer, f->start);
      gtk_text_buffer_delete_mark (buffer, f->end);
    }
  g_object_unref (f->start);
  g_object_unref (f->end);
  g_clear_pointer (&f->misspelt, g_array_unref);
  g_free (f);
}

static void
check_job_free (CheckJob *job)
{
  side_free (job->side);
  g_free (job->language);
  g_ptr_array_unref (job->news);
  g_ptr_array_unref (job->parts);
  g_free (job);
}

static void
check_result_free (CheckResult *r)
{
  side_free (r->side);
  g_clear_pointer (&r->misspelt, g_ptr_array_unref);
  g_free (r);
}

static void
suggest_job_free (SuggestJob *job)
{
  side_free (job->side);
  g_free (job->language);
  g_free (job->word);
  g_free (job);
}

static void
suggest_result_free (SuggestResult *r)
{
  side_free (r->side);
  g_strfreev (r->list);
  g_free (r);
}

/* On the worker thread */

typedef struct {
  SgSpellSide *side;
  GArray      *found;
} Scan;

static void
scan_word_cb (const char *word,
              gsize       len,
              int         start,
              int         end,
              gpointer    data)
{
  Scan *scan = data;

  if (!sg_spell_dict_check (scan->side->dict, scan->side->accepted, word, len))
    {
      g_array_append_val (scan->found, start);
      g_array_append_val (scan->found, end);
    }
}

static void
side_use_language (SgSpellSide *side,
                   const char  *language)
{
  if (side->dict == NULL || g_strcmp0 (side->dict->language, language) != 0)
    {
      g_clear_pointer (&side->dict, sg_spell_dict_free);
      side->dict = sg_spell_dict_load (language);
    }
}

/* Touches nothing but the job: the text is a copy and the dictionary is its own. */
static gpointer
check_work (gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  CheckJob *job = data;
  CheckResult *r = g_new0 (CheckResult, 1);
  SgSpellSide *side;

  side = r->side = g_steal_pointer (&job->side);
  side_use_language (side, job->language);
  for (guint i = 0; i < job->news->len; i++)
    g_hash_table_add (side->accepted, g_strdup (g_ptr_array_index (job->news, i)));
  if (side->dict->dict == NULL)
    return r;

  r->misspelt = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint i = 0; i < job->parts->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      Scan scan = { side, g_array_new (FALSE, FALSE, sizeof (int)) };

      sg_spell_foreach_word (g_ptr_array_index (job->parts, i), scan_word_cb, &scan);
      g_ptr_array_add (r->misspelt, scan.found);
    }
  return r;
}

static gpointer
suggest_work (gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  SuggestJob *job = data;
  SuggestResult *r = g_new0 (SuggestResult, 1);
  g_autoptr(GStrvBuilder) builder = NULL;
  SgSpellSide *side;
  char **list;
  size_t n = 0;

  g_mutex_lock (&hold_lock);
  if (hold)
    {
      n_held++;
      while (hold)
        g_cond_wait (&hold_cond, &hold_lock);
      n_held--;
    }
  g_mutex_unlock (&hold_lock);

  side = r->side = g_steal_pointer (&job->side);
  side_use_language (side, job->language);
  if (side->dict->dict == NULL || g_cancellable_is_cancelled (cancellable))
    return r;
  builder = g_strv_builder_new ();
  list = enchant_dict_suggest (side->dict->dict, job->word, -1, &n);
  for (size_t i = 0; i < n && i < MAX_SUGGESTIONS; i++)
    g_strv_builder_add (builder, list[i]);
  if (list != NULL)
    enchant_dict_free_string_list (side->dict->dict, list);
  r->list = g_strv_builder_end (builder);
  return r;
}

/* Back on the main loop */

static void start_lookup (SgSpellChecker *self);

/* The parts still out are checked again here or by the next job. */
static void
requeue_flights (SgSpellChecker *self)
{
  for (guint i = 0; i < self->flights->len; i++)
    {
      Flight *f = g_ptr_array_index (self->flights, i);

      f->returned = TRUE;
      g_clear_pointer (&f->misspelt, g_array_unref);
    }
}

static gboolean
release_cb (gpointer data)
{
  SgSpellChecker *self = data;

  self->release_source = 0;
  if (self->side != NULL)
    g_clear_pointer (&self->side->dict, sg_spell_dict_free);
  return G_SOURCE_REMOVE;
}

/* A job is over and hands back the worker's side (its own dictionary). Returns FALSE when
 * spelling was turned off or its language changed while it ran: the dictionary may then be
 * the wrong one and is let go, and the job's answer is no longer wanted. */
static gboolean
take_side_back (SgSpellChecker *self,
                SgSpellSide    *side,
                guint           generation)
{
  self->job_running = FALSE;
  g_assert (self->side == NULL);
  self->side = side;
  if (generation == self->job_generation)
    return TRUE;
  g_clear_pointer (&self->side->dict, sg_spell_dict_free);
  return FALSE;
}

/* The worker's dictionary is kept for the next job, and let go if none comes for a while. */
static void
keep_side_a_while (SgSpellChecker *self)
{
  g_clear_handle_id (&self->release_source, g_source_remove);
  self->release_source = g_timeout_add_seconds (SIDE_KEEP_S, release_cb, self);
}

static void
checked_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  CheckJob *job = sg_worker_get_data (result);
  CheckResult *r;
  SgSpellChecker *self;

  /* Cancelled: the checker is gone, and user_data with it. */
  if ((r = g_task_propagate_pointer (G_TASK (result), NULL)) == NULL)
    return;
  self = user_data;

  /* When spelling was turned off or its language changed meanwhile, the flights are gone
   * already and the answer is not wanted. */
  if (take_side_back (self, g_steal_pointer (&r->side), job->generation))
    {
      if (r->misspelt == NULL)
        {
          /* The worker could not read the dictionary the main loop has: check here instead. */
          self->worker_failed = TRUE;
          requeue_flights (self);
        }
      else
        {
          g_assert (r->misspelt->len <= self->flights->len);
          for (guint i = 0; i < self->flights->len; i++)
            {
              Flight *f = g_ptr_array_index (self->flights, i);

              f->returned = TRUE;
              /* a part left when it was cancelled: NULL, checked again */
              if (i < r->misspelt->len)
                f->misspelt = g_array_ref (g_ptr_array_index (r->misspelt, i));
            }
        }
    }
  check_result_free (r);
  keep_side_a_while (self);
  /* A menu waiting for its suggestions goes before the next check. */
  start_lookup (self);
  sg_spell_checker_schedule_check (self);
}

static void
suggested_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SuggestJob *job = sg_worker_get_data (result);
  SuggestResult *r;
  SgSpellChecker *self;

  /* Cancelled: the checker is gone, and user_data with it. */
  if ((r = g_task_propagate_pointer (G_TASK (result), NULL)) == NULL)
    return;
  self = user_data;
  if (take_side_back (self, g_steal_pointer (&r->side), job->generation))
    sg_spell_checker_suggestions_found (self, job->word, job->serial, g_steal_pointer (&r->list));
  suggest_result_free (r);
  keep_side_a_while (self);
  start_lookup (self);
  /* A long text left waiting while the dictionary was away goes now. Not by a check of the
   * main loop's, which would turn an open menu to the word at the cursor at its end. */
  sg_spell_checker_worker_dispatch (self);
}

/* Cuts the unchecked run [@start_offset, @end_offset) into parts: their text goes in @job,
 * their marks in self->flights. */
static void
add_parts (SgSpellChecker *self,
           CheckJob       *job,
           int             start_offset,
           int             end_offset)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  const char *p;
  int offset = start_offset;

  gtk_text_buffer_get_iter_at_offset (self->buffer, &start, start_offset);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &end, end_offset);
  text = gtk_text_buffer_get_slice (self->buffer, &start, &end, TRUE);
  p = text;
  while (*p != '\0')
    {
      const char *part = p;
      int part_offset = offset;
      Flight *f = g_new0 (Flight, 1);
      GtkTextIter iter;

      for (int n = 0; n < PART_CHARS && *p != '\0'; n++)
        p = g_utf8_next_char (p), offset++;
      while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p), offset++;

      g_ptr_array_add (job->parts, g_strndup (part, p - part));
      gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, part_offset);
      f->start = g_object_ref (gtk_text_buffer_create_mark (self->buffer, NULL, &iter, TRUE));
      gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, offset);
      f->end = g_object_ref (gtk_text_buffer_create_mark (self->buffer, NULL, &iter, FALSE));
      f->length = offset - part_offset;
      f->words_generation = self->words_generation;
      g_ptr_array_add (self->flights, f);
    }
  /* Out for checking: the main loop's slices leave it alone. */
  gtk_text_buffer_get_iter_at_offset (self->buffer, &start, start_offset);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &end, end_offset);
  gtk_text_buffer_remove_tag (self->buffer, self->unchecked_tag, &start, &end);
}

/* Before the first job: its dictionary is read by the job, and starts with the words the main
 * loop's has learnt. */
static void
ensure_side (SgSpellChecker *self)
{
  GHashTableIter words;
  gpointer word;

  if (self->side != NULL)
    return;
  self->side = g_new0 (SgSpellSide, 1);
  self->side->accepted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_iter_init (&words, self->ignored);
  while (g_hash_table_iter_next (&words, &word, NULL))
    g_hash_table_add (self->side->accepted, g_strdup (word));
  g_ptr_array_set_size (self->news, 0);
}

static void
start_lookup (SgSpellChecker *self)
{
  SuggestJob *job;

  if (self->lookup == NULL || self->job_running || self->dict == NULL
      || self->dict->dict == NULL)
    return;
  ensure_side (self);
  job = g_new0 (SuggestJob, 1);
  job->side = g_steal_pointer (&self->side);
  job->language = g_strdup (self->dict->language);
  job->word = g_steal_pointer (&self->lookup);
  job->serial = self->lookup_serial;
  job->generation = self->job_generation;
  g_clear_handle_id (&self->release_source, g_source_remove);
  self->job_running = TRUE;
  sg_worker_run (NULL, self->cancellable, suggest_work, job, (GDestroyNotify) suggest_job_free,
                 (GDestroyNotify) suggest_result_free, suggested_cb, self);
}

void
sg_spell_checker_worker_suggest (SgSpellChecker *self,
                                 const char     *word,
                                 guint           serial)
{
  g_free (self->lookup);
  self->lookup = g_strdup (word);
  self->lookup_serial = serial;
  start_lookup (self);
}

gboolean
sg_spell_checker_worker_wants (SgSpellChecker *self,
                               int             chars)
{
  return !self->worker_failed && chars > INLINE_MAX_CHARS;
}

void
sg_spell_checker_worker_dispatch (SgSpellChecker *self)
{
  GtkTextIter iter, end;
  CheckJob *job = NULL;

  if (self->job_running || self->flights->len > 0 || self->dict == NULL
      || self->dict->dict == NULL)
    return;

  gtk_text_buffer_get_start_iter (self->buffer, &iter);
  while (gtk_text_iter_has_tag (&iter, self->unchecked_tag)
         || gtk_text_iter_forward_to_tag_toggle (&iter, self->unchecked_tag))
    {
      int start_offset, end_offset;

      if (gtk_text_iter_is_end (&iter))
        break;
      end = iter;
      gtk_text_iter_forward_to_tag_toggle (&end, self->unchecked_tag);
      start_offset = gtk_text_iter_get_offset (&iter);
      end_offset = gtk_text_iter_get_offset (&end);
      if (sg_spell_checker_worker_wants (self, end_offset - start_offset))
        {
          if (job == NULL)
            {
              job = g_new0 (CheckJob, 1);
              job->parts = g_ptr_array_new_with_free_func (g_free);
            }
          add_parts (self, job, start_offset, end_offset);
        }
      /* the tags changed, and with them the iterators */
      gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, end_offset);
    }
  if (job == NULL)
    return;

  ensure_side (self);
  job->side = g_steal_pointer (&self->side);
  job->news = g_steal_pointer (&self->news);
  self->news = g_ptr_array_new_with_free_func (g_free);
  job->language = g_strdup (self->dict->language);
  job->generation = self->job_generation;
  g_clear_handle_id (&self->release_source, g_source_remove);
  self->job_running = TRUE;
  self->jobs_started++;
  sg_worker_run (NULL, self->cancellable, check_work, job, (GDestroyNotify) check_job_free,
                 (GDestroyNotify) check_result_free, checked_cb, self);
}

gboolean
sg_spell_checker_worker_apply_one (SgSpellChecker *self)
{
  Flight *f;
  GtkTextIter start, end;
  int base;

  if (self->flights->len == 0)
    return FALSE;
  f = g_ptr_array_index (self->flights, 0);
  if (!f->returned)
    return FALSE;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &start, f->start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, &end, f->end);
  base = gtk_text_iter_get_offset (&start);
  if (f->misspelt == NULL || f->dirty || gtk_text_iter_get_offset (&end) - base != f->length)
    {
      /* What was checked is not what is there now: check it again. */
      if (f->misspelt != NULL)
        self->parts_dropped++;
      if (!gtk_text_iter_equal (&start, &end))
        gtk_text_buffer_apply_tag (self->buffer, self->unchecked_tag, &start, &end);
    }
  else
    {
      int cursor = sg_spell_checker_typing_cursor (self);

      self->parts_applied++;
      gtk_text_buffer_remove_tag (self->buffer, self->misspelt_tag, &start, &end);
      for (guint i = 0; i + 1 < f->misspelt->len; i += 2)
        {
          int a = base + g_array_index (f->misspelt, int, i);
          int b = base + g_array_index (f->misspelt, int, i + 1);

          if (f->words_generation != self->words_generation)
            {
              /* A word was accepted after it was sent: ask again about what it found. */
              gtk_text_buffer_get_iter_at_offset (self->buffer, &start, a);
              gtk_text_buffer_get_iter_at_offset (self->buffer, &end, b);
              gtk_text_buffer_apply_tag (self->buffer, self->unchecked_tag, &start, &end);
            }
          else
            sg_spell_checker_tag_misspelling (self, a, b, cursor);
        }
    }
  flight_free (g_ptr_array_steal_index (self->flights, 0));
  return TRUE;
}

void
sg_spell_checker_worker_edited (SgSpellChecker    *self,
                                const GtkTextIter *a,
                                const GtkTextIter *b)
{
  int from = gtk_text_iter_get_offset (a);
  int to = gtk_text_iter_get_offset (b);

  for (guint i = 0; i < self->flights->len; i++)
    {
      Flight *f = g_ptr_array_index (self->flights, i);
      GtkTextIter start, end;

      if (f->dirty)
        continue;
      gtk_text_buffer_get_iter_at_mark (self->buffer, &start, f->start);
      gtk_text_buffer_get_iter_at_mark (self->buffer, &end, f->end);
      /* touching counts: text typed at either end joins a word of the part */
      if (from <= gtk_text_iter_get_offset (&end) && to >= gtk_text_iter_get_offset (&start))
        f->dirty = TRUE;
    }
}

void
sg_spell_checker_worker_accept (SgSpellChecker *self,
                                const char     *word)
{
  self->words_generation++;
  if (self->side != NULL)
    g_hash_table_add (self->side->accepted, g_strdup (word));
  else
    g_ptr_array_add (self->news, g_strdup (word));
}

void
sg_spell_checker_worker_reset (SgSpellChecker *self)
{
  self->job_generation++;
  self->worker_failed = FALSE;
  g_clear_pointer (&self->lookup, g_free);
  while (self->flights->len > 0)
    flight_free (g_ptr_array_steal_index (self->flights, self->flights->len - 1));
  /* Off, or another language: the worker's dictionary is read again when next needed. */
  if (self->side != NULL)
    g_clear_pointer (&self->side->dict, sg_spell_dict_free);
}

gboolean
sg_spell_checker_worker_is_idle (SgSpellChecker *self)
{
  return !self->job_running && self->flights->len == 0;
}

/* While the buffer is still ours. */
void
sg_spell_checker_worker_dispose (SgSpellChecker *self)
{
  g_clear_handle_id (&self->release_source, g_source_remove);
  while (self->flights->len > 0)
    flight_free (g_ptr_array_steal_index (self->flights, self->flights->len - 1));
}

void
sg_spell_checker_worker_finalize (SgSpellChecker *self)
{
  g_clear_pointer (&self->side, side_free);
  g_clear_pointer (&self->news, g_ptr_array_unref);
  g_clear_pointer (&self->lookup, g_free);
  g_clear_pointer (&self->flights, g_ptr_array_unref);
}

void
sg_spell_checker_hold_suggestions (gboolean held)
{
  g_mutex_lock (&hold_lock);
  hold = held;
  g_cond_broadcast (&hold_cond);
  g_mutex_unlock (&hold_lock);
}

guint
sg_spell_checker_get_suggestions_held (void)
{
  guint n;

  g_mutex_lock (&hold_lock);
  n = n_held;
  g_mutex_unlock (&hold_lock);
  return n;
}
