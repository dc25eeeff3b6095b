/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Photos attached to a draft (the BMA, and the withdrawn GMC 2013 ¶8c: location can be embedded in
 * photographs). Files are read, previewed and cleaned on worker threads; the store is written at
 * once, so a crash loses nothing. The original file is never modified. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sg-draft-photos.h"
#include "sg-image-metadata.h"
#include "sg-photo-check-window.h"
#include "sg-photo-row.h"
#include "sg-photo-strip.h"
#include "sg-photo-view-window.h"
#include "sg-worker.h"

#define PREVIEW_SIZE    144   /* shown at 72, sharp on HiDPI screens */
#define ALT_SAVE_DELAY_MS 500

struct _SgPhotoStrip
{
  GtkWidget     parent_instance;

  GtkListBox   *list;
  SgStore      *store;
  gint64        draft_id;
  GPtrArray    *photos;        /* SgDraftPhoto */
  GHashTable   *previews;      /* path → GdkTexture */
  GCancellable *cancellable;
  SgWorkerQueue *queue;        /* store jobs go one at a time, in order */
  GHashTable   *dirty;         /* ids of photos whose description is not saved yet */
  guint         busy;
  guint         alt_save_source;
  guint         generation;    /* bumped when the draft changes: late answers are dropped */
};

G_DEFINE_FINAL_TYPE (SgPhotoStrip, sg_photo_strip, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rebuild (SgPhotoStrip *self);

static void
emit_message (SgPhotoStrip *self,
              const char   *message)
{
  g_signal_emit (self, signals[MESSAGE], 0, message);
}

static SgDraftPhoto *
get_photo (SgPhotoStrip *self,
           int           position)
{
  if (position < 0 || (guint) position >= self->photos->len)
    return NULL;
  return g_ptr_array_index (self->photos, position);
}

/* Store jobs: each runs on a worker thread with its own copy of what it needs. */

typedef struct {
  SgStore         *store;
  gint64          draft_id;
  guint           generation;
  GList           *files;      /* GFile */
  GdkTexture      *texture;    /* pasted, or NULL */
  SgDraftPhoto    *photo;      /* to update or clean, or NULL */
  gint64          remove_id;
  GPtrArray       *photos;     /* the result: the draft's photos now */
  GString         *problems;   /* sentences for the user */
  char            *new_path;
} Job;

static void
job_free (Job *job)
{
  g_object_unref (job->store);
  g_list_free_full (job->files, g_object_unref);
  g_clear_object (&job->texture);
  g_clear_pointer (&job->photo, sg_draft_photo_free);
  g_clear_pointer (&job->photos, g_ptr_array_unref);
  g_string_free (job->problems, TRUE);
  g_free (job->new_path);
  g_free (job);
}

static Job *
job_new (SgPhotoStrip *self)
{
  Job *job = g_new0 (Job, 1);

  job->store = g_object_ref (self->store);
  job->draft_id = self->draft_id;
  job->generation = self->generation;
  job->problems = g_string_new (NULL);
  return job;
}

static void
add_problem (Job        *job,
             const char *sentence)
{
  if (job->problems->len > 0)
    g_string_append_c (job->problems, ' ');
  g_string_append (job->problems, sentence);
}

/* A name no other copy has, in the app's own folder (@extension NULL: the stem only). */
static char *
own_file_name (const char  *stem,
               const char  *extension,
               GError     **error)
{
  g_autofree char *dir = sg_draft_photos_dir (error);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *name = NULL;

  if (dir == NULL)
    return NULL;
  name = extension ? g_strdup_printf ("%s-%.8s.%s", stem, uuid, extension)
                   : g_strdup_printf ("%s-%.8s", stem, uuid);
  return g_build_filename (dir, name, NULL);
}

static gboolean
attach_one (Job        *job,
            const char *path,
            const char *display)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgImageMetadata) metadata = sg_image_metadata_read (path, &error);

  if (metadata != NULL &&
      sg_draft_photos_add (job->store, job->draft_id, path,
                           sg_image_metadata_get_facts (metadata), &error) >= 0)
    return TRUE;
  {
    g_autofree char *s = g_strdup_printf (_("“%s” was not attached: %s"), display, error->message);
    add_problem (job, s);
  }
  return FALSE;
}

/* Each job's work returns the job itself, what it found kept in it, or NULL and an error. */

/* The draft's photos now, as the job's result. */
static gpointer
list_into (Job     *job,
           GError **error)
{
  job->photos = sg_draft_photos_list (job->store, job->draft_id, error);
  return job->photos != NULL ? job : NULL;
}

static gpointer
add_work (gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Job *job = data;
  GError *local = NULL;

  if (job->texture != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *stem = g_date_time_format (now, "pasted-%Y%m%d-%H%M%S");
      g_autofree char *path = own_file_name (stem, "png", &local);

      /* A pasted picture has no file of its own: keep it with the app's data, private. */
      if (path == NULL || !gdk_texture_save_to_png (job->texture, path))
        add_problem (job, _("The picture on the clipboard could not be saved, so it was not attached."));
      else
        {
          g_chmod (path, 0600);
          /* Not attached (the post is full, say): a screenshot must not linger on disk. */
          if (!attach_one (job, path, _("Pasted picture")))
            g_unlink (path);
        }
      g_clear_error (&local);
    }

  for (GList *l = job->files; l != NULL; l = l->next)
    {
      g_autofree char *path = g_file_get_path (l->data);
      g_autofree char *display = g_file_get_basename (l->data);

      if (path == NULL)
        {
          g_autofree char *s = g_strdup_printf (_("“%s” was not attached: only photos saved on "
                                                  "this computer can be attached."), display);
          add_problem (job, s);
          continue;
        }
      attach_one (job, path, display);
    }

  return list_into (job, error);
}

static gpointer
clean_work (gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Job *job = data;
  GError *local = NULL;
  g_autofree char *stem = own_file_name ("clean", NULL, error);
  g_autofree char *old = g_strdup (job->photo->clean_path);
  g_autofree char *path = NULL;
  gboolean found = FALSE;

  if (stem == NULL ||
      (path = sg_image_make_posted_copy (job->photo->original_path, stem, error)) == NULL)
    return NULL;
  /* Only the copy's path: the description and ticks are the user's, saved on their own. */
  if (!sg_draft_photos_set_clean (job->store, job->photo->id, path, &found, &local) || !found)
    {
      g_unlink (path);   /* not recorded, or the photo was taken off the post meanwhile */
      if (local == NULL)
        return job;
      g_propagate_error (error, local);
      return NULL;
    }
  if (old != NULL)
    g_unlink (old);
  job->new_path = g_steal_pointer (&path);
  return job;
}

static gpointer
update_work (gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Job *job = data;

  return sg_draft_photos_update (job->store, job->photo, error) ? job : NULL;
}

static gpointer
remove_work (gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Job *job = data;

  if (!sg_draft_photos_remove (job->store, job->remove_id, error))
    return NULL;
  return list_into (job, error);
}

static gpointer
list_work (gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  return list_into (data, error);
}

/* Every job ends here: take the new list if there is one, say what went wrong. */
static void
job_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  SgPhotoStrip *self = SG_PHOTO_STRIP (object);
  Job *job = sg_worker_get_data (result);
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_pointer (G_TASK (result), &error) != NULL;

  /* The queue has started the next job already. */
  self->busy--;
  g_application_release (g_application_get_default ());
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (job->generation != self->generation)
    return;   /* another draft is shown now */

  if (!ok)
    emit_message (self, error->message);
  else if (job->remove_id > 0)
    emit_message (self, _("Photo removed from the draft. The file itself is untouched."));
  if (job->problems->len > 0)
    emit_message (self, job->problems->str);

  if (ok && job->photos != NULL)
    {
      /* Jobs run in parallel, so a list read by one may predate a description or tick saved
       * by another: what is on screen is the user's latest word. */
      for (guint i = 0; i < job->photos->len; i++)
        {
          SgDraftPhoto *fresh = g_ptr_array_index (job->photos, i);

          for (guint j = 0; j < self->photos->len; j++)
            {
              SgDraftPhoto *shown = g_ptr_array_index (self->photos, j);

              if (shown->id != fresh->id)
                continue;
              g_free (fresh->alt_text);
              fresh->alt_text = g_strdup (shown->alt_text);
              fresh->checked = shown->checked;
              if (fresh->clean_path == NULL)
                fresh->clean_path = g_strdup (shown->clean_path);
            }
        }
      g_ptr_array_unref (self->photos);
      self->photos = g_steal_pointer (&job->photos);
    }
  else if (ok && job->new_path != NULL)
    {
      for (guint i = 0; i < self->photos->len; i++)
        {
          SgDraftPhoto *p = g_ptr_array_index (self->photos, i);

          if (p->id == job->photo->id)
            {
              g_free (p->clean_path);
              p->clean_path = g_strdup (job->new_path);
            }
        }
      emit_message (self, _("Clean copy made: it is the one that will be posted"));
    }
  else if (ok)
    return;   /* a description or tick saved: nothing to redraw */

  rebuild (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Jobs run one after another, in the order asked: a tick saved after a description cannot
 * land before it. The application is held until each is done, so closing the window never
 * drops a save. */
static void
run (SgPhotoStrip *self,
     Job          *job,
     SgWorkerFunc  work)
{
  g_application_hold (g_application_get_default ());
  self->busy++;
  sg_worker_queue_push (self->queue, self, self->cancellable, work, job,
                        (GDestroyNotify) job_free, NULL, job_done_cb, NULL);
}

static void
save_photo (SgPhotoStrip *self,
            SgDraftPhoto *photo)
{
  Job *job;

  if (self->store == NULL)
    return;
  job = job_new (self);
  job->photo = sg_draft_photo_copy (photo);
  run (self, job, update_work);
}

/* Previews */

static gpointer
preview_work (gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  return sg_image_load_preview (data, PREVIEW_SIZE, error);
}

static void
preview_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SgPhotoRow) row = user_data;
  g_autoptr(GdkPixbuf) pixbuf = g_task_propagate_pointer (G_TASK (result), NULL);
  SgPhotoStrip *self = SG_PHOTO_STRIP (object);
  g_autoptr(GdkTexture) texture = NULL;

  if (pixbuf == NULL)
    return;   /* the card says what is wrong with the file */
  texture = gdk_texture_new_for_pixbuf (pixbuf);
  g_hash_table_insert (self->previews, g_strdup (sg_worker_get_data (result)),
                       g_object_ref (texture));
  sg_photo_row_set_preview (row, GDK_PAINTABLE (texture));
}

static void
load_preview (SgPhotoStrip *self,
              const char   *path,
              SgPhotoRow   *row)
{
  GdkTexture *known = g_hash_table_lookup (self->previews, path);

  if (known != NULL)
    {
      sg_photo_row_set_preview (row, GDK_PAINTABLE (known));
      return;
    }
  /* Previews are not queued: they touch no store, and a card need not wait for a save. */
  sg_worker_run (self, self->cancellable, preview_work, g_strdup (path), g_free, g_object_unref,
                 preview_cb, g_object_ref (row));
}

/* Cards */

static void
alt_save_now (SgPhotoStrip *self)
{
  g_clear_handle_id (&self->alt_save_source, g_source_remove);
  for (guint i = 0; i < self->photos->len; i++)
    {
      SgDraftPhoto *p = g_ptr_array_index (self->photos, i);

      if (g_hash_table_remove (self->dirty, &p->id))
        save_photo (self, p);
    }
  g_hash_table_remove_all (self->dirty);
}

static gboolean
alt_save_cb (gpointer user_data)
{
  SgPhotoStrip *self = user_data;

  self->alt_save_source = 0;
  alt_save_now (self);
  return G_SOURCE_REMOVE;
}

static void
description_changed_cb (SgPhotoRow   *row,
                        SgPhotoStrip *self)
{
  SgDraftPhoto *photo = get_photo (self, sg_photo_row_get_position (row));
  const char *text = sg_photo_row_get_description (row);

  if (photo == NULL || g_strcmp0 (photo->alt_text, text) == 0)
    return;
  g_free (photo->alt_text);
  photo->alt_text = g_strdup (text);
  g_hash_table_add (self->dirty, g_memdup2 (&photo->id, sizeof photo->id));
  g_clear_handle_id (&self->alt_save_source, g_source_remove);
  self->alt_save_source = g_timeout_add (ALT_SAVE_DELAY_MS, alt_save_cb, self);
  /* The description is checked like the post. */
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
checks_changed_cb (SgPhotoRow   *row,
                   SgPhotoStrip *self)
{
  SgDraftPhoto *photo = get_photo (self, sg_photo_row_get_position (row));

  if (photo == NULL)
    return;
  photo->checked = sg_photo_row_get_checked (row);
  save_photo (self, photo);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
clean_cb (SgPhotoRow   *row,
          SgPhotoStrip *self)
{
  sg_photo_strip_clean (self, sg_photo_row_get_position (row));
}

static void
remove_cb (SgPhotoRow   *row,
           SgPhotoStrip *self)
{
  SgDraftPhoto *photo = get_photo (self, sg_photo_row_get_position (row));
  Job *job;

  if (photo == NULL || self->store == NULL)
    return;
  alt_save_now (self);
  job = job_new (self);
  job->remove_id = photo->id;
  run (self, job, remove_work);
}

static void
details_cb (SgPhotoRow   *row,
            SgPhotoStrip *self)
{
  SgDraftPhoto *photo = get_photo (self, sg_photo_row_get_position (row));
  g_autoptr(GFile) file = NULL;

  if (photo == NULL)
    return;
  file = g_file_new_for_path (photo->original_path);
  gtk_window_present (sg_photo_check_window_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                          file));
}

static void
view_cb (SgPhotoRow   *row,
         SgPhotoStrip *self)
{
  int position = sg_photo_row_get_position (row);
  SgDraftPhoto *photo = get_photo (self, position);
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));

  if (photo == NULL)
    return;
  /* The file that would be posted: the clean copy once there is one. */
  gtk_window_present (sg_photo_view_window_new (parent, sg_draft_photo_get_posted_path (photo),
                                                position, photo->alt_text));
}

static GtkWidget *
make_card (SgPhotoStrip *self,
           SgDraftPhoto *photo,
           int           position)
{
  SgPhotoRow *row = sg_photo_row_new (photo, position);

  load_preview (self, sg_draft_photo_get_posted_path (photo), row);
  g_signal_connect_object (row, "clean", G_CALLBACK (clean_cb), self, 0);
  g_signal_connect_object (row, "details", G_CALLBACK (details_cb), self, 0);
  g_signal_connect_object (row, "view", G_CALLBACK (view_cb), self, 0);
  g_signal_connect_object (row, "remove", G_CALLBACK (remove_cb), self, 0);
  g_signal_connect_object (row, "description-changed", G_CALLBACK (description_changed_cb),
                           self, 0);
  g_signal_connect_object (row, "checks-changed", G_CALLBACK (checks_changed_cb), self, 0);
  return GTK_WIDGET (row);
}

static void
rebuild (SgPhotoStrip *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; i < self->photos->len; i++)
    gtk_list_box_append (self->list, make_card (self, g_ptr_array_index (self->photos, i), i));
  gtk_widget_set_visible (GTK_WIDGET (self), self->photos->len > 0);
}

/* Public API */

void
sg_photo_strip_set_draft (SgPhotoStrip *self,
                          SgStore      *store,
                          gint64        draft_id)
{
  g_return_if_fail (SG_IS_PHOTO_STRIP (self));

  alt_save_now (self);
  g_set_object (&self->store, store);
  self->draft_id = draft_id;
  self->generation++;
  g_ptr_array_set_size (self->photos, 0);
  rebuild (self);
  if (store != NULL && draft_id >= 0)
    run (self, job_new (self), list_work);
}

void
sg_photo_strip_add_files (SgPhotoStrip *self,
                          GList        *files)
{
  Job *job;

  g_return_if_fail (SG_IS_PHOTO_STRIP (self));

  if (self->store == NULL || self->draft_id < 0 || files == NULL)
    return;
  alt_save_now (self);
  job = job_new (self);
  for (GList *l = files; l != NULL; l = l->next)
    job->files = g_list_prepend (job->files, g_object_ref (l->data));
  job->files = g_list_reverse (job->files);
  run (self, job, add_work);
}

void
sg_photo_strip_add_texture (SgPhotoStrip *self,
                            GdkTexture   *texture)
{
  Job *job;

  g_return_if_fail (SG_IS_PHOTO_STRIP (self));
  g_return_if_fail (GDK_IS_TEXTURE (texture));

  if (self->store == NULL || self->draft_id < 0)
    return;
  alt_save_now (self);
  job = job_new (self);
  job->texture = g_object_ref (texture);
  run (self, job, add_work);
}

GPtrArray *
sg_photo_strip_get_photos (SgPhotoStrip *self)
{
  g_return_val_if_fail (SG_IS_PHOTO_STRIP (self), NULL);
  return self->photos;
}

/* Checks run while the main loop was dispatching: must stay 0 (tests). */
static guint checks_on_main_loop;

guint
sg_photo_strip_get_checks_on_main_loop (void)
{
  return g_atomic_int_get (&checks_on_main_loop);
}

GPtrArray *
sg_photo_strip_check_photos (GPtrArray  *photos,
                             SgAnalyzer *analyzer,
                             const char *platform)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  if (g_main_context_is_owner (g_main_context_default ()))
    g_atomic_int_inc (&checks_on_main_loop);

  for (guint i = 0; analyzer != NULL && photos != NULL && i < photos->len; i++)
    {
      SgDraftPhoto *p = g_ptr_array_index (photos, i);
      g_autofree char *name = g_path_get_basename (p->original_path);
      g_autoptr(GPtrArray) found = sg_analyzer_check_image (analyzer, i, name,
                                                            sg_draft_photo_get_posted_facts (p),
                                                            p->alt_text, platform, NULL);

      for (guint j = 0; found != NULL && j < found->len; j++)
        g_ptr_array_add (out, g_object_ref (g_ptr_array_index (found, j)));
    }
  return out;
}

void
sg_photo_strip_clean (SgPhotoStrip *self,
                      int           position)
{
  SgDraftPhoto *photo = get_photo (self, position);
  Job *job;

  g_return_if_fail (SG_IS_PHOTO_STRIP (self));

  if (photo == NULL || self->store == NULL)
    return;
  job = job_new (self);
  job->photo = sg_draft_photo_copy (photo);
  run (self, job, clean_work);
}

void
sg_photo_strip_replace_alt (SgPhotoStrip *self,
                            int           position,
                            gsize         start,
                            gsize         end,
                            const char   *replacement)
{
  SgDraftPhoto *photo = get_photo (self, position);
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, position);
  g_autoptr(GString) text = NULL;

  if (photo == NULL || row == NULL || photo->alt_text == NULL ||
      end > strlen (photo->alt_text) || start > end)
    return;
  text = g_string_new (photo->alt_text);
  g_string_erase (text, start, end - start);
  g_string_insert (text, start, replacement ? replacement : "");
  /* Through the entry, so the card, the store and the findings all follow. */
  sg_photo_row_set_description (SG_PHOTO_ROW (row), text->str);
}

void
sg_photo_strip_focus (SgPhotoStrip *self,
                      int           position)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, position);

  if (row != NULL)
    sg_photo_row_focus_description (SG_PHOTO_ROW (row));
}

void
sg_photo_strip_set_checked (SgPhotoStrip *self,
                            int           position,
                            guint         checked)
{
  SgDraftPhoto *photo = get_photo (self, position);

  if (photo == NULL)
    return;
  photo->checked = checked;
  save_photo (self, photo);
  rebuild (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
sg_photo_strip_is_busy (SgPhotoStrip *self)
{
  g_return_val_if_fail (SG_IS_PHOTO_STRIP (self), FALSE);
  return self->busy > 0 || self->alt_save_source != 0;
}

/* GObject */

static void
sg_photo_strip_dispose (GObject *object)
{
  SgPhotoStrip *self = SG_PHOTO_STRIP (object);

  if (self->photos != NULL)
    alt_save_now (self);   /* a description typed just before closing is kept */
  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_PHOTO_STRIP);

  G_OBJECT_CLASS (sg_photo_strip_parent_class)->dispose (object);
}

static void
sg_photo_strip_finalize (GObject *object)
{
  SgPhotoStrip *self = SG_PHOTO_STRIP (object);

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->queue, sg_worker_queue_free);
  g_clear_pointer (&self->photos, g_ptr_array_unref);
  g_clear_pointer (&self->previews, g_hash_table_unref);
  g_clear_pointer (&self->dirty, g_hash_table_unref);

  G_OBJECT_CLASS (sg_photo_strip_parent_class)->finalize (object);
}

static void
sg_photo_strip_class_init (SgPhotoStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_photo_strip_dispose;
  object_class->finalize = sg_photo_strip_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "photostrip");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/SocialGuard/ui/sg-photo-strip.ui");
  gtk_widget_class_bind_template_child (widget_class, SgPhotoStrip, list);
}

static void
sg_photo_strip_init (SgPhotoStrip *self)
{
  self->draft_id = -1;
  self->photos = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_draft_photo_free);
  self->dirty = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->queue = sg_worker_queue_new ();
  self->previews = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sg_photo_strip_new (void)
{
  return g_object_new (SG_TYPE_PHOTO_STRIP, NULL);
}
