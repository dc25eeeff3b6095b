/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The spell checker: its tags, what an edit leaves to check, the checking of short runs on the
 * main loop in slices, the dictionary's loading and the settings. Long runs go to the worker
 * (sg-spell-checker-worker.c); the menu is in sg-spell-checker-menu.c. */
#include "config.h"

#include <time.h>

#include <adwaita.h>

#include "sg-spell-checker-private.h"
#include "sg-toast.h"
#include "sg-worker.h"

/* One idle slice checks for about this long and then lets GTK draw and take keys: a frame
 * is 16 ms, so typing stays smooth whatever the length of the draft. */
#define SLICE_US 2000
/* A frame at 60 Hz: a slice longer than this is counted (sg_spell_checker_get_long_slices). */
#define FRAME_US 16000
/* Words are checked this many characters at a time (extended to the next space). */
#define SLICE_CHARS 256
/* Hunspell reads its en_GB dictionary in about a fifth of a second of CPU, as long as the rest
 * of the first window takes to build and paint, so it is read on a worker thread once the view
 * has painted (bench/bench-first-frame). Without a frame (Compose not shown at launch) it is
 * read this long after the checker is made all the same. */
#define LOAD_FALLBACK_MS 1500

G_DEFINE_FINAL_TYPE (SgSpellChecker, sg_spell_checker, G_TYPE_OBJECT)

static gboolean
has_dictionary (SgSpellChecker *self)
{
  return self->dict != NULL && self->dict->dict != NULL;
}

gboolean
sg_spell_checker_check_word (SgSpellChecker *self,
                             const char     *word,
                             gsize           len)
{
  g_assert (has_dictionary (self));
  return sg_spell_dict_check (self->dict, self->ignored, word, len);
}

/* What is left to check */

/* Marks [@a, @b) to be checked again, widened to whole chunks (to the spaces around), since
 * an edit can turn a word into part of an address or join two words. */
void
sg_spell_checker_mark_unchecked (SgSpellChecker    *self,
                                 const GtkTextIter *a,
                                 const GtkTextIter *b)
{
  GtkTextIter s = *a, e = *b;
  int n;

  for (n = 0; n < SG_SPELL_MAX_CHUNK_CHARS && !gtk_text_iter_is_start (&s); n++)
    {
      gtk_text_iter_backward_char (&s);
      if (g_unichar_isspace (gtk_text_iter_get_char (&s)))
        {
          gtk_text_iter_forward_char (&s);
          break;
        }
    }
  for (n = 0; n < SG_SPELL_MAX_CHUNK_CHARS && !gtk_text_iter_is_end (&e)
       && !g_unichar_isspace (gtk_text_iter_get_char (&e)); n++)
    gtk_text_iter_forward_char (&e);
  if (gtk_text_iter_equal (&s, &e))
    return;
  gtk_text_buffer_apply_tag (self->buffer, self->unchecked_tag, &s, &e);
  sg_spell_checker_schedule_check (self);
}

static void
mark_all_unchecked (SgSpellChecker *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->misspelt_tag, &start, &end);
  if (has_dictionary (self) && !gtk_text_iter_equal (&start, &end))
    {
      gtk_text_buffer_apply_tag (self->buffer, self->unchecked_tag, &start, &end);
      sg_spell_checker_schedule_check (self);
    }
  else
    gtk_text_buffer_remove_tag (self->buffer, self->unchecked_tag, &start, &end);
}

/* After a word was added or ignored: only what is underlined can change. */
void
sg_spell_checker_recheck_misspelt (SgSpellChecker *self)
{
  GtkTextIter iter, end;

  gtk_text_buffer_get_start_iter (self->buffer, &iter);
  while (gtk_text_iter_has_tag (&iter, self->misspelt_tag)
         || gtk_text_iter_forward_to_tag_toggle (&iter, self->misspelt_tag))
    {
      end = iter;
      gtk_text_iter_forward_to_tag_toggle (&end, self->misspelt_tag);
      gtk_text_buffer_apply_tag (self->buffer, self->unchecked_tag, &iter, &end);
      iter = end;
      if (gtk_text_iter_is_end (&iter))
        break;
    }
  sg_spell_checker_schedule_check (self);
}

/* Checking on the main loop */

int
sg_spell_checker_typing_cursor (SgSpellChecker *self)
{
  GtkTextIter cursor;

  if (!self->typing || self->view == NULL || !gtk_widget_has_focus (GTK_WIDGET (self->view)))
    return -1;
  gtk_text_buffer_get_iter_at_mark (self->buffer, &cursor,
                                    gtk_text_buffer_get_insert (self->buffer));
  return gtk_text_iter_get_offset (&cursor);
}

void
sg_spell_checker_tag_misspelling (SgSpellChecker *self,
                                  int             start,
                                  int             end,
                                  int             cursor)
{
  GtkTextIter s, e;

  gtk_text_buffer_get_iter_at_offset (self->buffer, &s, start);
  /* Half a word is not a misspelling: the one being typed waits until the cursor leaves. */
  if (cursor >= start && cursor <= end)
    {
      if (self->deferred == NULL)
        self->deferred = gtk_text_buffer_create_mark (self->buffer, NULL, &s, TRUE);
      else
        gtk_text_buffer_move_mark (self->buffer, self->deferred, &s);
      return;
    }
  gtk_text_buffer_get_iter_at_offset (self->buffer, &e, end);
  gtk_text_buffer_apply_tag (self->buffer, self->misspelt_tag, &s, &e);
}

typedef struct {
  SgSpellChecker *self;
  int             base;     /* offset of the text in the buffer */
  int             cursor;   /* of the insert mark while typing, or -1 */
} CheckRun;

static void
check_word_cb (const char *word,
               gsize       len,
               int         start,
               int         end,
               gpointer    data)
{
  CheckRun *run = data;

  if (!sg_spell_checker_check_word (run->self, word, len))
    sg_spell_checker_tag_misspelling (run->self, run->base + start, run->base + end,
                                      run->cursor);
}

static void
check_range (SgSpellChecker *self,
             GtkTextIter    *start,
             GtkTextIter    *end)
{
  g_autofree char *text = gtk_text_buffer_get_slice (self->buffer, start, end, TRUE);
  CheckRun run = { self, gtk_text_iter_get_offset (start), sg_spell_checker_typing_cursor (self) };

  gtk_text_buffer_remove_tag (self->buffer, self->misspelt_tag, start, end);
  gtk_text_buffer_remove_tag (self->buffer, self->unchecked_tag, start, end);
  if (has_dictionary (self))
    sg_spell_foreach_word (text, check_word_cb, &run);
}

/* The first unchecked run short enough to check here (a long one waits for the worker). */
static gboolean
next_unchecked (SgSpellChecker *self,
                GtkTextIter    *start,
                GtkTextIter    *end)
{
  gtk_text_buffer_get_start_iter (self->buffer, start);
  for (;;)
    {
      if (!gtk_text_iter_has_tag (start, self->unchecked_tag)
          && !gtk_text_iter_forward_to_tag_toggle (start, self->unchecked_tag))
        return FALSE;
      if (gtk_text_iter_is_end (start))
        return FALSE;
      *end = *start;
      gtk_text_iter_forward_to_tag_toggle (end, self->unchecked_tag);
      if (!sg_spell_checker_worker_wants (self, gtk_text_iter_get_offset (end)
                                                - gtk_text_iter_get_offset (start)))
        return TRUE;
      *start = *end;
    }
}

/* Processor time this thread has used, in µs. */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return g_get_monotonic_time ();
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
check_idle_cb (gpointer data)
{
  SgSpellChecker *self = data;
  gint64 deadline = g_get_monotonic_time () + SLICE_US;
  gint64 cpu_start = thread_cpu_us ();
  gboolean more = TRUE;

  do
    {
      GtkTextIter start, end, limit;

      /* What the worker found is underlined a part at a time, then short runs are checked
       * here; long runs wait for the worker. */
      if (sg_spell_checker_worker_apply_one (self))
        continue;
      if (!next_unchecked (self, &start, &end))
        {
          sg_spell_checker_worker_dispatch (self);
          more = FALSE;
          break;
        }
      limit = start;
      if (gtk_text_iter_forward_chars (&limit, SLICE_CHARS)
          && gtk_text_iter_compare (&limit, &end) < 0)
        {
          while (gtk_text_iter_compare (&limit, &end) < 0
                 && !g_unichar_isspace (gtk_text_iter_get_char (&limit)))
            gtk_text_iter_forward_char (&limit);
          end = limit;
        }
      check_range (self, &start, &end);
    }
  while (g_get_monotonic_time () < deadline);

  /* The work a slice did, in processor time: on a loaded machine the thread can be put off the
   * processor mid-slice, and the wall clock would charge the checker for the wait (a full CI
   * run once saw 39 ms). The deadline above stays on the wall clock. */
  {
    gint64 used = thread_cpu_us () - cpu_start;

    self->longest_slice = MAX (self->longest_slice, used);
    self->long_slices += used >= FRAME_US;
  }
  if (more)
    return G_SOURCE_CONTINUE;
  /* Done, or waiting for the worker, whose result schedules the next run. */
  self->check_source = 0;
  sg_spell_checker_update_menu_at_cursor (self, FALSE);
  return G_SOURCE_REMOVE;
}

void
sg_spell_checker_schedule_check (SgSpellChecker *self)
{
  /* Below GTK's redraw and layout priorities, so a frame is never late for it. */
  if (self->check_source == 0)
    self->check_source = g_idle_add_full (G_PRIORITY_LOW, check_idle_cb, self, NULL);
}

/* Callbacks */

static void
insert_text_before_cb (SgSpellChecker *self)
{
  self->in_edit = TRUE;
}

static void
insert_text_cb (SgSpellChecker *self,
                GtkTextIter    *location,
                const char     *text,
                int             len)
{
  GtkTextIter start = *location;
  glong chars = g_utf8_strlen (text, len);
  int offset = gtk_text_iter_get_offset (location);
  gunichar c = g_utf8_get_char (text);

  self->in_edit = FALSE;
  /* A letter typed (one character, at the cursor) rather than a paste or a draft loaded. */
  self->typing = chars == 1 && (sg_spell_is_word_char (c) || sg_spell_is_apostrophe (c));
  gtk_text_iter_backward_chars (&start, chars);
  sg_spell_checker_worker_edited (self, &start, location);
  sg_spell_checker_mark_unchecked (self, &start, location);
  /* Tags changed, so the iterator GTK hands on to later handlers is made valid again. */
  gtk_text_buffer_get_iter_at_offset (self->buffer, location, offset);
}

static void
delete_range_before_cb (SgSpellChecker *self)
{
  self->in_edit = TRUE;
}

static void
delete_range_cb (SgSpellChecker *self,
                 GtkTextIter    *start,
                 GtkTextIter    *end)
{
  int offset = gtk_text_iter_get_offset (start);

  self->in_edit = FALSE;
  sg_spell_checker_worker_edited (self, start, end);
  sg_spell_checker_mark_unchecked (self, start, end);
  gtk_text_buffer_get_iter_at_offset (self->buffer, start, offset);
  gtk_text_buffer_get_iter_at_offset (self->buffer, end, offset);
}

static void
cursor_moved_cb (SgSpellChecker *self)
{
  if (!self->in_edit)
    {
      self->typing = FALSE;
      /* The word typed last is whole now that the cursor has left it. */
      if (self->deferred != NULL)
        {
          GtkTextIter iter;

          gtk_text_buffer_get_iter_at_mark (self->buffer, &iter, self->deferred);
          gtk_text_buffer_delete_mark (self->buffer, self->deferred);
          self->deferred = NULL;
          sg_spell_checker_mark_unchecked (self, &iter, &iter);
        }
    }
  sg_spell_checker_menu_follow_cursor (self);
}

static void
tell_missing (SgSpellChecker *self)
{
  if (self->dict == NULL || self->dict->problem == NULL || self->view == NULL
      || gtk_widget_get_root (GTK_WIDGET (self->view)) == NULL
      || g_strcmp0 (self->told, self->dict->language) == 0)
    return;
  g_free (self->told);
  self->told = g_strdup (self->dict->language);
  sg_toast_show (GTK_WIDGET (self->view), self->dict->problem);
}

/* Guidance findings already use red dots (do not post), an orange double line and a blue
 * single line; a squiggle of another colour alone would read as one of them, so a misspelling
 * also gets a faint purple wash behind the word: a shape of its own, seen without colour. */
static void
update_tag_colour (SgSpellChecker *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GdkRGBA line = dark ? (GdkRGBA) { 0.86, 0.54, 0.87, 1 } : (GdkRGBA) { 0.57, 0.25, 0.67, 1 };
  GdkRGBA wash = dark ? (GdkRGBA) { 0.86, 0.54, 0.87, 0.20 } : (GdkRGBA) { 0.57, 0.25, 0.67, 0.12 };

  g_object_set (self->misspelt_tag, "underline-rgba", &line, "background-rgba", &wash, NULL);
}

/* Loading the dictionary */

typedef struct {
  char *language;
  guint generation;
} LoadRequest;

static void
load_request_free (LoadRequest *r)
{
  g_free (r->language);
  g_free (r);
}

static gpointer
load_work (gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  LoadRequest *r = data;

  return sg_spell_dict_load (r->language);
}

/* Everything underlined is looked at again with the dictionary that came in. */
static void
apply_loaded (SgSpellChecker *self,
              SgSpellDict    *dict)
{
  sg_spell_dict_free (self->dict);
  self->dict = dict;
  self->load_wanted = FALSE;

  sg_spell_checker_forget_suggestions (self);
  mark_all_unchecked (self);
  sg_spell_checker_update_menu_at_cursor (self, FALSE);
  tell_missing (self);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LoadRequest *r = sg_worker_get_data (result);
  SgSpellDict *dict;
  SgSpellChecker *self;

  /* Cancelled: the checker is gone, and user_data with it. */
  if ((dict = g_task_propagate_pointer (G_TASK (result), NULL)) == NULL)
    return;
  self = user_data;
  if (r->generation != self->load_generation || !self->load_wanted)
    {
      sg_spell_dict_free (dict);   /* the settings changed again while it was read */
      return;
    }
  apply_loaded (self, dict);
}

static char *
wanted_language (SgSpellChecker *self)
{
  char *language = g_settings_get_string (self->settings, "spell-language");

  if (language[0] == '\0')
    {
      g_free (language);
      language = g_strdup ("en_GB");
    }
  return language;
}

static void
start_load (SgSpellChecker *self)
{
  LoadRequest *r;

  if (!self->load_wanted || !self->may_load)
    return;
  r = g_new0 (LoadRequest, 1);
  r->language = wanted_language (self);
  r->generation = self->load_generation;
  sg_worker_run (NULL, self->cancellable, load_work, r, (GDestroyNotify) load_request_free,
                 (GDestroyNotify) sg_spell_dict_free, loaded_cb, self);
}

/* The dictionary wanted, read here and now rather than on a worker: only for a question that
 * cannot wait for it. A load under way is overtaken (its result is dropped). */
static void
load_now (SgSpellChecker *self)
{
  g_autofree char *language = NULL;

  if (!self->load_wanted)
    return;
  language = wanted_language (self);
  self->load_generation++;
  apply_loaded (self, sg_spell_dict_load (language));
}

static void
allow_load (SgSpellChecker *self)
{
  g_clear_handle_id (&self->load_source, g_source_remove);
  if (self->may_load)
    return;
  self->may_load = TRUE;
  start_load (self);
}

static gboolean
load_fallback_cb (gpointer data)
{
  SgSpellChecker *self = data;

  self->load_source = 0;
  allow_load (self);
  return G_SOURCE_REMOVE;
}

static void
view_painted_cb (SgSpellChecker *self,
                 GdkFrameClock  *clock)
{
  g_signal_handlers_disconnect_by_func (clock, view_painted_cb, self);
  allow_load (self);
}

static void
view_realized_cb (SgSpellChecker *self)
{
  if (self->may_load || self->view == NULL)
    return;
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self->view)), "after-paint",
                           G_CALLBACK (view_painted_cb), self, G_CONNECT_SWAPPED);
}

/* Settings */

static void
reload (SgSpellChecker *self)
{
  gboolean enabled = g_settings_get_boolean (self->settings, "spell-check");

  /* Off, or another language: nothing is checked with the old dictionary from now on. */
  g_clear_pointer (&self->dict, sg_spell_dict_free);
  sg_spell_checker_worker_reset (self);
  self->load_generation++;
  self->load_wanted = enabled;
  start_load (self);
  sg_spell_checker_forget_suggestions (self);
  mark_all_unchecked (self);
  sg_spell_checker_update_menu_at_cursor (self, FALSE);
}

/* GObject */

static void
sg_spell_checker_dispose (GObject *object)
{
  SgSpellChecker *self = SG_SPELL_CHECKER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->check_source, g_source_remove);
  g_clear_handle_id (&self->load_source, g_source_remove);
  sg_spell_checker_menu_dispose (self);
  sg_spell_checker_worker_dispose (self);
  if (self->view != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->view, self);
      g_signal_handlers_disconnect_by_data (self->buffer, self);
      g_object_remove_weak_pointer (G_OBJECT (self->view), (gpointer *) &self->view);
      self->view = NULL;
    }
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_object (&self->settings);
  g_clear_object (&self->buffer);

  G_OBJECT_CLASS (sg_spell_checker_parent_class)->dispose (object);
}

static void
sg_spell_checker_finalize (GObject *object)
{
  SgSpellChecker *self = SG_SPELL_CHECKER (object);

  g_clear_pointer (&self->dict, sg_spell_dict_free);
  sg_spell_checker_worker_finalize (self);
  g_clear_object (&self->cancellable);
  g_free (self->told);
  sg_spell_checker_forget_suggestions (self);
  g_hash_table_unref (self->ignored);

  G_OBJECT_CLASS (sg_spell_checker_parent_class)->finalize (object);
}

static void
sg_spell_checker_class_init (SgSpellCheckerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sg_spell_checker_dispose;
  object_class->finalize = sg_spell_checker_finalize;
}

static void
sg_spell_checker_init (SgSpellChecker *self)
{
  self->cancellable = g_cancellable_new ();
  self->ignored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->news = g_ptr_array_new_with_free_func (g_free);
  self->flights = g_ptr_array_new ();
}

/* Public API */

SgSpellChecker *
sg_spell_checker_new (GtkTextView *view,
                      GSettings   *settings)
{
  SgSpellChecker *self;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SG_TYPE_SPELL_CHECKER, NULL);
  self->view = view;
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &self->view);
  self->buffer = g_object_ref (gtk_text_view_get_buffer (view));
  self->settings = g_object_ref (settings);

  /* Dots, as GNOME editors mark misspellings; see update_tag_colour for the rest. */
  self->misspelt_tag = gtk_text_buffer_create_tag (self->buffer, "sg-misspelt",
                                                   "underline", PANGO_UNDERLINE_ERROR, NULL);
  self->unchecked_tag = gtk_text_buffer_create_tag (self->buffer, "sg-spell-unchecked", NULL);
  update_tag_colour (self);
  sg_spell_checker_menu_init (self);

  g_signal_connect_swapped (self->buffer, "insert-text", G_CALLBACK (insert_text_before_cb), self);
  g_signal_connect_data (self->buffer, "insert-text", G_CALLBACK (insert_text_cb), self, NULL,
                         G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_swapped (self->buffer, "delete-range", G_CALLBACK (delete_range_before_cb),
                            self);
  g_signal_connect_data (self->buffer, "delete-range", G_CALLBACK (delete_range_cb), self, NULL,
                         G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_swapped (self->buffer, "notify::cursor-position", G_CALLBACK (cursor_moved_cb),
                            self);
  g_signal_connect_swapped (view, "map", G_CALLBACK (tell_missing), self);
  g_signal_connect_swapped (settings, "changed::spell-check", G_CALLBACK (reload), self);
  g_signal_connect_swapped (settings, "changed::spell-language", G_CALLBACK (reload), self);
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (update_tag_colour), self);

  g_signal_connect_swapped (view, "realize", G_CALLBACK (view_realized_cb), self);
  if (gtk_widget_get_realized (GTK_WIDGET (view)))
    view_realized_cb (self);
  self->load_source = g_timeout_add (LOAD_FALLBACK_MS, load_fallback_cb, self);

  reload (self);
  return self;
}

gboolean
sg_spell_checker_is_idle (SgSpellChecker *self)
{
  g_return_val_if_fail (SG_IS_SPELL_CHECKER (self), TRUE);
  return self->check_source == 0 && !self->load_wanted && sg_spell_checker_worker_is_idle (self);
}

guint
sg_spell_checker_get_long_slices (SgSpellChecker *self)
{
  g_return_val_if_fail (SG_IS_SPELL_CHECKER (self), 0);
  return self->long_slices;
}

gint64
sg_spell_checker_take_longest_slice (SgSpellChecker *self)
{
  gint64 longest;

  g_return_val_if_fail (SG_IS_SPELL_CHECKER (self), 0);
  longest = self->longest_slice;
  self->longest_slice = 0;
  self->long_slices = 0;
  return longest;
}

void
sg_spell_checker_get_worker_counts (SgSpellChecker *self,
                                    guint          *jobs,
                                    guint          *applied,
                                    guint          *dropped)
{
  g_return_if_fail (SG_IS_SPELL_CHECKER (self));
  if (jobs != NULL)
    *jobs = self->jobs_started;
  if (applied != NULL)
    *applied = self->parts_applied;
  if (dropped != NULL)
    *dropped = self->parts_dropped;
}

const char *
sg_spell_checker_get_language (SgSpellChecker *self)
{
  g_return_val_if_fail (SG_IS_SPELL_CHECKER (self), NULL);
  return has_dictionary (self) ? self->dict->language : NULL;
}

const char *
sg_spell_checker_get_problem (SgSpellChecker *self)
{
  g_return_val_if_fail (SG_IS_SPELL_CHECKER (self), NULL);
  return self->dict != NULL ? self->dict->problem : NULL;
}

gboolean
sg_spell_checker_is_misspelt (SgSpellChecker *self,
                              const char     *word)
{
  g_return_val_if_fail (SG_IS_SPELL_CHECKER (self), FALSE);
  g_return_val_if_fail (word != NULL, FALSE);

  load_now (self);
  if (!has_dictionary (self) || !sg_spell_worth_checking (word, strlen (word)))
    return FALSE;
  return !sg_spell_checker_check_word (self, word, strlen (word));
}
