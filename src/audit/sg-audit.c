/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "sg-archive-reader.h"
#include "sg-audit.h"
#include "sg-error.h"

/* Flagged posts are written in batches: one transaction each, so a 200,000-post archive is
 * not 10,000 fsyncs, and a crash loses at most a batch. */
#define BATCH_POSTS      200
#define BATCH_USEC       (2 * G_USEC_PER_SEC)
/* "progress" at most ten times a second: enough for a bar, few enough for the main loop. */
#define PROGRESS_USEC    (G_USEC_PER_SEC / 10)

struct _SgAudit
{
  GObject        parent_instance;

  SgStore       *store;
  SgAnalyzer    *analyzer;
  char          *path;
  GPtrArray     *posts;          /* SgPastPost, or NULL: read from @path */
  char          *source_name;    /* what the audit is called when @posts are given */
  SgAuditRecord *record;
  gboolean       started;
  gboolean       finished;       /* the record is no longer written by the worker */

  /* Written by the worker under the mutex, read by the progress source. */
  GMutex         mutex;
  guint          pending_done;
  double         pending_fraction;
  GSource       *progress_source;
  GMainContext  *context;

  /* Main context side. */
  guint          n_done;
  double         fraction;
};

G_DEFINE_FINAL_TYPE (SgAudit, sg_audit, G_TYPE_OBJECT)

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
progress_dispatch_cb (gpointer data)
{
  SgAudit *self = data;

  g_mutex_lock (&self->mutex);
  self->n_done = self->pending_done;
  self->fraction = self->pending_fraction;
  g_clear_pointer (&self->progress_source, g_source_unref);
  g_mutex_unlock (&self->mutex);

  g_signal_emit (self, signals[PROGRESS], 0, self->n_done, self->fraction);
  return G_SOURCE_REMOVE;
}

/* From the worker: the newest figures, and a source to deliver them unless one is pending
 * (then it will deliver these). */
static void
post_progress (SgAudit *self,
               guint    n_done,
               double   fraction)
{
  g_mutex_lock (&self->mutex);
  self->pending_done = n_done;
  self->pending_fraction = fraction;
  if (self->progress_source == NULL && self->context != NULL)
    {
      self->progress_source = g_idle_source_new ();
      g_source_set_priority (self->progress_source, G_PRIORITY_DEFAULT);
      g_source_set_callback (self->progress_source, progress_dispatch_cb, g_object_ref (self),
                             g_object_unref);
      g_source_set_static_name (self->progress_source, "[socialguard] audit progress");
      g_source_attach (self->progress_source, self->context);
    }
  g_mutex_unlock (&self->mutex);
}

/* Findings of warning or error severity for one part of the post, as stored. */
/* How the engine should read a post for who could see it: a Mastodon direct message went only to
 * the people it mentions, like a group chat; everything else as its platform's usual audience
 * (followers-only posts can be passed on, so they are read as public). */
static SgAudience
engine_audience (const SgPastPost *post)
{
  return post->audience == SG_PAST_POST_AUDIENCE_DIRECT ? SG_AUDIENCE_PRIVATE : SG_N_AUDIENCES;
}

static gboolean
check_part (SgAudit     *self,
            const char  *platform,
            SgAudience   audience,
            const char  *text,
            SgAuditPart  part,
            guint        media,
            GPtrArray   *out,
            GError     **error)
{
  g_autoptr(GPtrArray) findings = NULL;

  if (text == NULL || *text == '\0')
    return TRUE;
  findings = sg_analyzer_analyze_for_audience (self->analyzer, text, -1, platform, audience,
                                               error);
  if (findings == NULL)
    return FALSE;
  for (guint i = 0; i < findings->len; i++)
    {
      SgFinding *finding = g_ptr_array_index (findings, i);
      SgAuditFinding *f;

      /* Info is a suggestion and never counts as a flag (DESIGN.md). */
      if (sg_finding_get_severity (finding) < SG_SEVERITY_WARNING)
        continue;
      f = sg_audit_finding_new (sg_finding_get_rule_id (finding),
                                sg_finding_get_category (finding),
                                sg_finding_get_severity (finding),
                                sg_finding_get_title (finding), sg_finding_get_message (finding),
                                part, media, sg_finding_get_start (finding),
                                sg_finding_get_end (finding));
      g_ptr_array_add (out, f);
    }
  return TRUE;
}

/* The post as Compose would have read it for its own platform: its text, then its content
 * warning and each media description on their own, like socialguard-check --archive. NULL
 * when nothing is flagged. */
static SgAuditItem *
check_post (SgAudit           *self,
            const SgPastPost  *post,
            GError           **error)
{
  g_autoptr(GPtrArray) findings =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sg_audit_finding_free);
  SgAudience audience = engine_audience (post);

  if (!check_part (self, post->platform, audience, post->text, SG_AUDIT_PART_TEXT, 0, findings,
                   error) ||
      !check_part (self, post->platform, audience, post->content_warning,
                   SG_AUDIT_PART_CONTENT_WARNING, 0, findings, error))
    return NULL;
  for (guint i = 0; post->media_descriptions != NULL && post->media_descriptions[i]; i++)
    if (!check_part (self, post->platform, audience, post->media_descriptions[i],
                     SG_AUDIT_PART_MEDIA_DESCRIPTION, i, findings, error))
      return NULL;
  if (findings->len == 0)
    return NULL;

  return sg_audit_item_new (0, self->record->id, post->platform, post->id,
                            post->date != NULL ? g_date_time_to_unix (post->date) : 0,
                            post->url, post->text, post->content_warning,
                            (const char * const *) post->media_descriptions, findings);
}

static gboolean
flush (SgAudit    *self,
       GPtrArray  *batch,
       GError    **error)
{
  if (!sg_audits_add_posts (self->store, self->record->id, batch, error))
    return FALSE;
  g_ptr_array_set_size (batch, 0);
  return sg_audits_update (self->store, self->record, error);
}

/* The next post to check: from the archive, or from the posts given (a copy, as the reader
 * hands out its own). */
static SgPastPost *
next_post (SgAudit          *self,
           SgArchiveReader  *reader,
           guint            *next,
           GCancellable     *cancellable,
           GError          **error)
{
  if (reader != NULL)
    return sg_archive_reader_next (reader, cancellable, error);
  if (g_cancellable_set_error_if_cancelled (cancellable, error) || *next >= self->posts->len)
    return NULL;
  return sg_past_post_copy (g_ptr_array_index (self->posts, (*next)++));
}

static double
fraction_of (SgAudit          *self,
             SgArchiveReader  *reader,
             guint             next)
{
  if (reader != NULL)
    return sg_archive_reader_get_fraction (reader);
  return self->posts->len == 0 ? 1. : (double) next / self->posts->len;
}

static gint64
run_audit (SgAudit       *self,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(SgArchiveReader) reader = self->posts == NULL ? sg_archive_reader_new (self->path)
                                                          : NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) read_error = NULL;
  g_autofree char *name = self->posts == NULL ? g_path_get_basename (self->path)
                                              : g_strdup (self->source_name);
  guint next = 0;
  gint64 last_flush, last_progress = 0;
  SgPastPost *post;
  SgAuditRecord *r;

  self->record = r = g_new0 (SgAuditRecord, 1);
  r->file_name = g_strdup (name);
  r->started_at = g_get_real_time () / G_USEC_PER_SEC;
  r->run = SG_AUDIT_RUN_RUNNING;
  r->id = sg_audits_begin (self->store, name, r->started_at, error);
  if (r->id == 0)
    return 0;

  last_flush = g_get_monotonic_time ();
  while ((post = next_post (self, reader, &next, cancellable, &read_error)) != NULL)
    {
      g_autoptr(GError) post_error = NULL;
      SgAuditItem *item = check_post (self, post, &post_error);
      gint64 now = g_get_monotonic_time ();

      sg_past_post_free (post);
      if (post_error != NULL)
        {
          /* The reader never hands out invalid UTF-8, and its platforms are the catalogue's:
           * this is a post the analyzer refused, counted like one the reader could not read. */
          r->n_skipped++;
          continue;
        }
      r->n_checked++;
      if (item != NULL)
        {
          r->n_flagged++;
          for (guint c = 0; c < SG_N_CATEGORIES; c++)
            if (sg_audit_item_get_categories (item) & (1u << c))
              r->by_category[c]++;
          g_ptr_array_add (batch, item);
        }
      if (batch->len >= BATCH_POSTS || (batch->len > 0 && now - last_flush >= BATCH_USEC))
        {
          r->n_skipped = (reader ? sg_archive_reader_get_n_skipped (reader) : 0);
          if (!flush (self, batch, error))
            goto failed;
          last_flush = now;
        }
      if (now - last_progress >= PROGRESS_USEC)
        {
          post_progress (self, r->n_checked, fraction_of (self, reader, next));
          last_progress = now;
        }
    }

  r->n_skipped += (reader ? sg_archive_reader_get_n_skipped (reader) : 0);
  r->finished_at = g_get_real_time () / G_USEC_PER_SEC;
  if (read_error == NULL)
    r->run = SG_AUDIT_RUN_DONE;
  else if (g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    r->run = SG_AUDIT_RUN_STOPPED;
  else if (r->n_checked == 0 && r->n_skipped == 0)
    {
      /* Nothing read: not an audit worth keeping, only a file that is not an archive. */
      sg_audits_delete (self->store, r->id, NULL);
      g_propagate_error (error, g_steal_pointer (&read_error));
      return 0;
    }
  else
    {
      r->run = SG_AUDIT_RUN_FAILED;
      r->error = g_strdup (read_error->message);
    }
  if (!flush (self, batch, error))
    goto failed;
  post_progress (self, r->n_checked, r->run == SG_AUDIT_RUN_DONE ? 1.0
                                       : fraction_of (self, reader, next));
  return r->id;

failed:
  /* The store refused a write (disk full): say so, and keep what was written. */
  r->run = SG_AUDIT_RUN_FAILED;
  r->finished_at = g_get_real_time () / G_USEC_PER_SEC;
  sg_audits_update (self->store, r, NULL);
  return 0;
}

static gint64
run (SgAudit       *self,
     GCancellable  *cancellable,
     GError       **error)
{
  gint64 id = run_audit (self, cancellable, error);

  self->finished = TRUE;
  return id;
}

/* The audit's own thread, not one of GTask's pool: it runs at a lower priority (nice 10),
 * which a pooled thread would keep for whatever it runs next. On a two-core machine the audit
 * shares the processors with the window's main loop and the display server; the lower
 * priority lets those run first when they have something to do, so the window does not stall
 * behind a minutes-long audit. Unprivileged, only the thread's own priority can be lowered,
 * and only on Linux is a thread's "nice" its own. */
static gpointer
run_thread (gpointer data)
{
  g_autoptr(GTask) task = data;
  SgAudit *self = g_task_get_source_object (task);
  GError *error = NULL;
  gint64 id;

#ifdef __linux__
  setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), 10);
#endif
  id = run (self, g_task_get_cancellable (task), &error);
  sg_audit_release_memory ();
  if (id == 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, id);
  return NULL;
}

static void
sg_audit_finalize (GObject *object)
{
  SgAudit *self = SG_AUDIT (object);

  g_clear_object (&self->store);
  g_clear_object (&self->analyzer);
  g_free (self->path);
  g_clear_pointer (&self->posts, g_ptr_array_unref);
  g_free (self->source_name);
  g_clear_pointer (&self->record, sg_audit_record_free);
  if (self->progress_source != NULL)
    g_source_destroy (self->progress_source);
  g_clear_pointer (&self->progress_source, g_source_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (sg_audit_parent_class)->finalize (object);
}

static void
sg_audit_class_init (SgAuditClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sg_audit_finalize;

  /* SgAudit::progress (posts checked, fraction of the file read). */
  signals[PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_DOUBLE);
}

static void
sg_audit_init (SgAudit *self)
{
  g_mutex_init (&self->mutex);
}

SgAudit *
sg_audit_new (SgStore    *store,
              SgAnalyzer *analyzer,
              const char *path)
{
  SgAudit *self;

  g_return_val_if_fail (SG_IS_STORE (store), NULL);
  g_return_val_if_fail (SG_IS_ANALYZER (analyzer), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (SG_TYPE_AUDIT, NULL);
  self->store = g_object_ref (store);
  self->analyzer = g_object_ref (analyzer);
  self->path = g_strdup (path);
  return self;
}

SgAudit *
sg_audit_new_for_posts (SgStore    *store,
                        SgAnalyzer *analyzer,
                        GPtrArray  *posts,
                        const char *source_name)
{
  SgAudit *self;

  g_return_val_if_fail (SG_IS_STORE (store), NULL);
  g_return_val_if_fail (SG_IS_ANALYZER (analyzer), NULL);
  g_return_val_if_fail (posts != NULL && source_name != NULL, NULL);

  self = g_object_new (SG_TYPE_AUDIT, NULL);
  self->store = g_object_ref (store);
  self->analyzer = g_object_ref (analyzer);
  self->posts = g_ptr_array_ref (posts);
  self->source_name = g_strdup (source_name);
  return self;
}

void
sg_audit_run_async (SgAudit             *self,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SG_IS_AUDIT (self));
  g_return_if_fail (!self->started);

  self->started = TRUE;
  self->context = g_main_context_ref_thread_default ();
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sg_audit_run_async);
  /* Cancelling lets the thread record the audit as stopped and return; finish must not turn
   * that stop into an error: the stop was recorded. */
  g_task_set_check_cancellable (task, FALSE);
  g_thread_unref (g_thread_new ("sg-audit", run_thread, g_steal_pointer (&task)));
}

gint64
sg_audit_run_finish (SgAudit       *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (SG_IS_AUDIT (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  return g_task_propagate_int (G_TASK (result), error);
}

gint64
sg_audit_run (SgAudit       *self,
              GCancellable  *cancellable,
              GError       **error)
{
  g_return_val_if_fail (SG_IS_AUDIT (self), 0);
  g_return_val_if_fail (!self->started, 0);

  self->started = TRUE;
  return run (self, cancellable, error);
}

guint
sg_audit_get_n_done (SgAudit *self)
{
  g_return_val_if_fail (SG_IS_AUDIT (self), 0);
  return self->n_done;
}

double
sg_audit_get_fraction (SgAudit *self)
{
  g_return_val_if_fail (SG_IS_AUDIT (self), 0);
  return self->fraction;
}

const SgAuditRecord *
sg_audit_get_record (SgAudit *self)
{
  g_return_val_if_fail (SG_IS_AUDIT (self), NULL);
  return self->finished ? self->record : NULL;
}

void
sg_audit_release_memory (void)
{
#ifdef __GLIBC__
  malloc_trim (0);
#endif
}
