/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-error.h"

#include "sg-draft-buffer.h"
#include "sg-draft-rescue.h"
#include "sg-store-job.h"

/* Drafts are saved this long after the last change (the promise is "within a second"). */
#define SAVE_DELAY_MS 700
/* Steady typing never pauses for SAVE_DELAY_MS: the save still happens this long after the
 * first change that is not yet saved, so a crash mid-paragraph loses seconds, not minutes. */
#define SAVE_MAX_WAIT_MS 1500
/* A save that failed is tried again after this long, typing or not. */
#define SAVE_RETRY_S 5

struct _SgDraftBuffer
{
  GtkTextBuffer  parent_instance;

  SgContext     *context;       /* unowned: the application's, outlives the page */
  gint64         id;            /* -1 until the store has given us a draft */
  char          *title;
  char          *platform;
  char          *text;          /* the text fetched once since the last change, or NULL */
  guint          save_source;
  guint          retry_source;  /* a failed save tried again */
  SgWorkerQueue *queue;         /* this draft's loads, saves and deletion, in order */
  gint64         dirty_since;   /* monotonic µs of the oldest unsaved change, 0 when clean */
  guint          loading : 1;   /* putting a loaded draft in place: not an edit */
  guint          dirty : 1;
  guint          save_failed : 1; /* the last save did not reach the store */
  guint          keep_typed : 1;  /* a store arrived while typed text was waiting for one */
};

G_DEFINE_FINAL_TYPE (SgDraftBuffer, sg_draft_buffer, GTK_TYPE_TEXT_BUFFER)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_PLATFORM,
  N_PROPS
};

enum {
  LOADED,
  LOAD_FAILED,
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers */

static SgStore *
get_store (SgDraftBuffer *self)
{
  return self->context != NULL ? sg_context_get_store (self->context) : NULL;
}

static void
set_id (SgDraftBuffer *self,
        gint64         id)
{
  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

static gboolean
set_str (char       **field,
         const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* While the store cannot take the draft, it waits in a file beside the data file
 * (sg-draft-rescue.h), replaced at each attempt, and removed once the store has it again. */
static const char *
get_store_path (SgDraftBuffer *self)
{
  return self->context != NULL ? sg_context_get_store_path (self->context) : NULL;
}

/* The rescue copy is written and removed on the buffer's queue, off the main loop (a long
 * draft on a slow or full disk must not stall typing), and in the order asked: a removal asked
 * after a write lands after it, so a discarded draft is never written back. */
typedef struct {
  char *store_path;
  char *text;       /* NULL: remove the copy */
} RescueJob;

static void
rescue_job_free (RescueJob *job)
{
  g_free (job->store_path);
  g_free (job->text);
  g_free (job);
}

static gpointer
rescue_job (gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  RescueJob *job = data;

  if (job->text != NULL)
    sg_draft_rescue_write (job->store_path, job->text);
  else
    sg_draft_rescue_remove (job->store_path);
  return NULL;
}

static void
rescue_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GApplication *app = user_data;

  if (app != NULL)
    {
      g_application_release (app);
      g_object_unref (app);
    }
}

/* Writes @text (or with NULL, removes the copy). The application, if any, is held until it
 * is done: the window may be closing, and the copy may be the only one of the text. */
static void
push_rescue (SgDraftBuffer *self,
             const char    *text)
{
  const char *path = get_store_path (self);
  GApplication *app = g_application_get_default ();
  RescueJob *job;

  if (path == NULL || (text != NULL && sg_draft_rescue_is_blank (text)))
    return;
  job = g_new0 (RescueJob, 1);
  job->store_path = g_strdup (path);
  job->text = g_strdup (text);
  if (app != NULL)
    g_application_hold (app);
  /* Not cancellable: a copy asked for is written (or removed) even as the window closes. */
  sg_worker_queue_push (self->queue, self, NULL, rescue_job, job,
                        (GDestroyNotify) rescue_job_free, NULL, rescue_done_cb,
                        app != NULL ? g_object_ref (app) : NULL);
}

static void
write_emergency_copy (SgDraftBuffer *self)
{
  push_rescue (self, sg_draft_buffer_get_text (self));
}

static void
remove_emergency_copy (SgDraftBuffer *self)
{
  push_rescue (self, NULL);
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  SgDraftBuffer *self = user_data;

  self->save_source = 0;
  sg_draft_buffer_save_now (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (SgDraftBuffer *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 left;

  self->dirty = TRUE;
  if (self->dirty_since == 0)
    self->dirty_since = now;
  /* A pause saves; so does the maximum wait, whichever comes first. */
  left = SAVE_MAX_WAIT_MS - (now - self->dirty_since) / 1000;
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (CLAMP (left, 0, SAVE_DELAY_MS), save_timeout_cb, self);
}

/* Saving */

static gboolean
retry_save_cb (gpointer user_data)
{
  SgDraftBuffer *self = user_data;

  self->retry_source = 0;
  sg_draft_buffer_save_now (self, FALSE);
  return G_SOURCE_REMOVE;
}

/* @data: a copy of the draft, as it was when the save began. */
static gpointer
save_job (SgStore   *store,
          gpointer   data,
          GError   **error)
{
  return sg_drafts_save (store, data, error) ? GINT_TO_POINTER (1) : NULL;
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  SgDraftBuffer *self = SG_DRAFT_BUFFER (object);
  g_autoptr(GError) error = NULL;
  GApplication *app = user_data;

  g_task_propagate_pointer (G_TASK (result), &error);
  if (error == NULL)
    {
      if (self->save_failed && !self->dirty)
        remove_emergency_copy (self);
      self->save_failed = FALSE;
    }
  else
    {
      self->dirty = TRUE;
      self->save_failed = TRUE;
      write_emergency_copy (self);
      /* Tried again without waiting for the next keystroke: a busy store or a full disk may
       * have recovered. */
      g_clear_handle_id (&self->retry_source, g_source_remove);
      self->retry_source = g_timeout_add_seconds (SAVE_RETRY_S, retry_save_cb, self);
    }
  g_signal_emit (self, signals[SAVED], 0, error);

  if (app != NULL)
    {
      g_application_release (app);
      g_object_unref (app);
    }
}

/* Loading */

typedef struct {
  SgDraftLoad  mode;
  gint64       id;
  char        *platform;   /* of a draft created for want of one */
} LoadRequest;

static void
load_request_free (LoadRequest *request)
{
  g_free (request->platform);
  g_free (request);
}

typedef struct {
  SgDraft *draft;
  GStrv    ignores;     /* the draft's "ignore here" keys */
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  sg_draft_free (loaded->draft);
  g_strfreev (loaded->ignores);
  g_free (loaded);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Loaded, loaded_free)

static gpointer
load_job (SgStore   *store,
          gpointer   data,
          GError   **error)
{
  LoadRequest *request = data;
  GError *local_error = NULL;
  SgDraft *draft = NULL;
  Loaded *loaded;

  if (request->mode == SG_DRAFT_LOAD_ID)
    draft = sg_drafts_load (store, request->id, &local_error);
  else if (request->mode == SG_DRAFT_LOAD_LATEST_OR_CREATE)
    draft = sg_drafts_load_latest (store, &local_error);

  if (draft == NULL && local_error == NULL)
    {
      gint64 id = sg_drafts_create (store, request->platform, &local_error);
      if (id >= 0)
        draft = sg_drafts_load (store, id, &local_error);
    }

  if (draft == NULL)
    {
      /* Never a failure without a reason: the page shows error->message. */
      if (local_error == NULL)
        local_error = g_error_new_literal (SG_ERROR, SG_ERROR_INVALID_INPUT,
                                           _("That draft could not be found in your data. "
                                             "Nothing was changed."));
      g_propagate_error (error, local_error);
      return NULL;
    }

  loaded = g_new0 (Loaded, 1);
  loaded->draft = draft;
  loaded->ignores = sg_drafts_list_ignores (store, draft->id, NULL);
  return loaded;
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  SgDraftBuffer *self = SG_DRAFT_BUFFER (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(Loaded) loaded = g_task_propagate_pointer (G_TASK (result), &error);
  SgDraft *draft;

  if (loaded == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (self, signals[LOAD_FAILED], 0, error);
      return;
    }
  draft = loaded->draft;

  if (self->keep_typed)
    {
      /* The new draft takes what was typed; it is saved at once. */
      self->keep_typed = FALSE;
      set_id (self, draft->id);
      self->dirty = TRUE;
      /* The rescue copy goes once this save has landed (saved_cb), not before. */
      self->save_failed = TRUE;
      sg_draft_buffer_save_now (self, FALSE);
      return;
    }

  self->loading = TRUE;
  set_id (self, draft->id);
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self), draft->body != NULL ? draft->body : "", -1);
  sg_draft_buffer_set_title (self, draft->title != NULL ? draft->title : "");
  sg_draft_buffer_set_platform (self, draft->platform);
  self->loading = FALSE;
  self->dirty = FALSE;

  g_signal_emit (self, signals[LOADED], 0, draft, loaded->ignores);
}

/* GtkTextBuffer */

/* The text fetched for this change is dropped before the change, not in "changed" (whose
 * default handler runs after everyone else's): a handler of "changed" asking for the text
 * must get the new one. */
static void
sg_draft_buffer_insert_text (GtkTextBuffer *buffer,
                             GtkTextIter   *pos,
                             const char    *text,
                             int            length)
{
  g_clear_pointer (&SG_DRAFT_BUFFER (buffer)->text, g_free);
  GTK_TEXT_BUFFER_CLASS (sg_draft_buffer_parent_class)->insert_text (buffer, pos, text, length);
}

static void
sg_draft_buffer_insert_paintable (GtkTextBuffer *buffer,
                                  GtkTextIter   *pos,
                                  GdkPaintable  *paintable)
{
  g_clear_pointer (&SG_DRAFT_BUFFER (buffer)->text, g_free);
  GTK_TEXT_BUFFER_CLASS (sg_draft_buffer_parent_class)->insert_paintable (buffer, pos, paintable);
}

static void
sg_draft_buffer_insert_child_anchor (GtkTextBuffer      *buffer,
                                     GtkTextIter        *pos,
                                     GtkTextChildAnchor *anchor)
{
  g_clear_pointer (&SG_DRAFT_BUFFER (buffer)->text, g_free);
  GTK_TEXT_BUFFER_CLASS (sg_draft_buffer_parent_class)->insert_child_anchor (buffer, pos, anchor);
}

static void
sg_draft_buffer_delete_range (GtkTextBuffer *buffer,
                              GtkTextIter   *start,
                              GtkTextIter   *end)
{
  g_clear_pointer (&SG_DRAFT_BUFFER (buffer)->text, g_free);
  GTK_TEXT_BUFFER_CLASS (sg_draft_buffer_parent_class)->delete_range (buffer, start, end);
}

static void
sg_draft_buffer_changed (GtkTextBuffer *buffer)
{
  SgDraftBuffer *self = SG_DRAFT_BUFFER (buffer);

  if (!self->loading)
    schedule_save (self);

  GTK_TEXT_BUFFER_CLASS (sg_draft_buffer_parent_class)->changed (buffer);
}

/* GObject */

static void
sg_draft_buffer_dispose (GObject *object)
{
  SgDraftBuffer *self = SG_DRAFT_BUFFER (object);

  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  self->context = NULL;

  G_OBJECT_CLASS (sg_draft_buffer_parent_class)->dispose (object);
}

static void
sg_draft_buffer_finalize (GObject *object)
{
  SgDraftBuffer *self = SG_DRAFT_BUFFER (object);

  g_free (self->title);
  g_free (self->platform);
  g_free (self->text);
  /* Every job held the buffer, so none is left on the queue. */
  sg_worker_queue_free (self->queue);

  G_OBJECT_CLASS (sg_draft_buffer_parent_class)->finalize (object);
}

static void
sg_draft_buffer_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SgDraftBuffer *self = SG_DRAFT_BUFFER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_PLATFORM:
      g_value_set_string (value, self->platform);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_draft_buffer_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SgDraftBuffer *self = SG_DRAFT_BUFFER (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      sg_draft_buffer_set_title (self, g_value_get_string (value));
      break;
    case PROP_PLATFORM:
      sg_draft_buffer_set_platform (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_draft_buffer_class_init (SgDraftBufferClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkTextBufferClass *buffer_class = GTK_TEXT_BUFFER_CLASS (klass);

  object_class->dispose = sg_draft_buffer_dispose;
  object_class->finalize = sg_draft_buffer_finalize;
  object_class->get_property = sg_draft_buffer_get_property;
  object_class->set_property = sg_draft_buffer_set_property;
  buffer_class->insert_text = sg_draft_buffer_insert_text;
  buffer_class->insert_paintable = sg_draft_buffer_insert_paintable;
  buffer_class->insert_child_anchor = sg_draft_buffer_insert_child_anchor;
  buffer_class->delete_range = sg_draft_buffer_delete_range;
  buffer_class->changed = sg_draft_buffer_changed;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PLATFORM] =
    g_param_spec_string ("platform", NULL, NULL, "x",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The draft put in place (SgDraft, and its "ignore here" keys); not said when the draft is
   * a new one made of text typed before the store came (only "notify::id" then). */
  signals[LOADED] =
    g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, SG_TYPE_DRAFT | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_STRV);
  signals[LOAD_FAILED] =
    g_signal_new ("load-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  /* A save landed: NULL, or why it failed (the text is then in the emergency copy). */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
sg_draft_buffer_init (SgDraftBuffer *self)
{
  self->id = -1;
  self->queue = sg_worker_queue_new ();
  self->title = g_strdup ("");
  self->platform = g_strdup ("x");
}

/* Public API */

SgDraftBuffer *
sg_draft_buffer_new (void)
{
  return g_object_new (SG_TYPE_DRAFT_BUFFER, NULL);
}

void
sg_draft_buffer_set_context (SgDraftBuffer *self,
                             SgContext     *context)
{
  g_return_if_fail (SG_IS_DRAFT_BUFFER (self));
  self->context = context;
}

gint64
sg_draft_buffer_get_id (SgDraftBuffer *self)
{
  g_return_val_if_fail (SG_IS_DRAFT_BUFFER (self), -1);
  return self->id;
}

const char *
sg_draft_buffer_get_title (SgDraftBuffer *self)
{
  g_return_val_if_fail (SG_IS_DRAFT_BUFFER (self), NULL);
  return self->title;
}

void
sg_draft_buffer_set_title (SgDraftBuffer *self,
                           const char    *title)
{
  g_return_if_fail (SG_IS_DRAFT_BUFFER (self));

  if (!set_str (&self->title, title != NULL ? title : ""))
    return;
  /* Before there is a draft only typed text is worth keeping (it becomes a new draft when
   * the store comes); after, the title is saved like the text. */
  if (!self->loading && self->id >= 0)
    schedule_save (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
sg_draft_buffer_get_platform (SgDraftBuffer *self)
{
  g_return_val_if_fail (SG_IS_DRAFT_BUFFER (self), NULL);
  return self->platform;
}

void
sg_draft_buffer_set_platform (SgDraftBuffer *self,
                              const char    *platform)
{
  g_return_if_fail (SG_IS_DRAFT_BUFFER (self));

  if (platform == NULL || !set_str (&self->platform, platform))
    return;
  if (!self->loading && self->id >= 0)
    schedule_save (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLATFORM]);
}

const char *
sg_draft_buffer_get_text (SgDraftBuffer *self)
{
  g_return_val_if_fail (SG_IS_DRAFT_BUFFER (self), NULL);

  if (self->text == NULL)
    {
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self), &start, &end);
      self->text = gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self), &start, &end, TRUE);
    }
  return self->text;
}

gboolean
sg_draft_buffer_get_loading (SgDraftBuffer *self)
{
  g_return_val_if_fail (SG_IS_DRAFT_BUFFER (self), FALSE);
  return self->loading;
}

void
sg_draft_buffer_load (SgDraftBuffer *self,
                      SgDraftLoad    mode,
                      gint64         id,
                      GCancellable  *cancellable)
{
  LoadRequest *request;

  g_return_if_fail (SG_IS_DRAFT_BUFFER (self));

  if (get_store (self) == NULL)
    return;

  request = g_new0 (LoadRequest, 1);
  request->mode = mode;
  request->id = id;
  request->platform = g_settings_get_string (sg_context_get_settings (self->context),
                                             "default-platform");
  sg_store_job_push (self->queue, self, get_store (self), cancellable, load_job, request,
                     (GDestroyNotify) load_request_free, (GDestroyNotify) loaded_free, loaded_cb,
                     NULL);
}

void
sg_draft_buffer_open (SgDraftBuffer *self,
                      GCancellable  *cancellable)
{
  g_return_if_fail (SG_IS_DRAFT_BUFFER (self));

  if (get_store (self) == NULL || self->id >= 0)
    return;

  /* Text typed while there was no store (it was damaged, busy or being restored) is what the
   * user is working on: it becomes a new draft instead of being replaced by the restored
   * one. */
  self->keep_typed = self->dirty && !sg_draft_rescue_is_blank (sg_draft_buffer_get_text (self));
  sg_draft_buffer_load (self, self->keep_typed ? SG_DRAFT_CREATE_NEW
                                               : SG_DRAFT_LOAD_LATEST_OR_CREATE,
                        -1, cancellable);
}

void
sg_draft_buffer_close (SgDraftBuffer *self)
{
  g_return_if_fail (SG_IS_DRAFT_BUFFER (self));
  set_id (self, -1);
}

gboolean
sg_draft_buffer_run_job (SgDraftBuffer       *self,
                         gpointer             source_object,
                         GCancellable        *cancellable,
                         SgStoreJob           job,
                         gpointer             data,
                         GDestroyNotify       destroy,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_val_if_fail (SG_IS_DRAFT_BUFFER (self), FALSE);

  return sg_store_job_push (self->queue, source_object, get_store (self), cancellable, job,
                            data, destroy, NULL, callback, user_data);
}

void
sg_draft_buffer_save_now (SgDraftBuffer *self,
                          gboolean       hold_application)
{
  SgStore *store;
  SgDraft draft = { 0 };

  g_return_if_fail (SG_IS_DRAFT_BUFFER (self));

  store = get_store (self);
  g_clear_handle_id (&self->save_source, g_source_remove);

  if (self->dirty && (store == NULL || self->id < 0))
    {
      write_emergency_copy (self);
      return;
    }
  if (!self->dirty || store == NULL || self->id < 0)
    return;

  self->dirty_since = 0;
  draft.id = self->id;
  draft.title = self->title;
  draft.body = (char *) sg_draft_buffer_get_text (self);
  draft.platform = self->platform;
  self->dirty = FALSE;

  if (hold_application)
    g_application_hold (g_application_get_default ());
  /* Not cancellable: a save that has started must finish, even when the window closes. On
   * the buffer's queue, so an older save can never land after a newer one. */
  g_clear_handle_id (&self->retry_source, g_source_remove);
  sg_store_job_push (self->queue, self, store, NULL, save_job, sg_draft_copy (&draft),
                     (GDestroyNotify) sg_draft_free, NULL, saved_cb,
                     hold_application ? g_object_ref (g_application_get_default ()) : NULL);
}

void
sg_draft_buffer_flush (SgDraftBuffer *self)
{
  g_return_if_fail (SG_IS_DRAFT_BUFFER (self));
  sg_draft_buffer_save_now (self, TRUE);
}

void
sg_draft_buffer_discard_rescue (SgDraftBuffer *self)
{
  g_return_if_fail (SG_IS_DRAFT_BUFFER (self));
  /* Discarded: not saved or copied again as the window closes (its flush would write the copy
   * back), unless it is typed in again. */
  self->dirty = FALSE;
  self->dirty_since = 0;
  self->save_failed = FALSE;
  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  remove_emergency_copy (self);
}

gboolean
sg_draft_buffer_has_unsaved_text (SgDraftBuffer *self)
{
  g_return_val_if_fail (SG_IS_DRAFT_BUFFER (self), FALSE);

  if (!self->dirty && !self->save_failed)
    return FALSE;
  if (get_store (self) != NULL && !self->save_failed)
    return FALSE;
  return !sg_draft_rescue_is_blank (sg_draft_buffer_get_text (self));
}
