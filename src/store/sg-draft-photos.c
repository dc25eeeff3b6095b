/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <glib/gstdio.h>

#include "sg-draft-photos.h"
#include "sg-error.h"
#include "sg-guidance.h"
#include "sg-store-private.h"

SgDraftPhoto *
sg_draft_photo_copy (const SgDraftPhoto *photo)
{
  SgDraftPhoto *copy = g_memdup2 (photo, sizeof *photo);

  copy->original_path = g_strdup (photo->original_path);
  copy->clean_path = g_strdup (photo->clean_path);
  copy->alt_text = g_strdup (photo->alt_text);
  return copy;
}

void
sg_draft_photo_free (SgDraftPhoto *photo)
{
  if (photo == NULL)
    return;
  g_free (photo->original_path);
  g_free (photo->clean_path);
  g_free (photo->alt_text);
  g_free (photo);
}

const char *
sg_draft_photo_get_posted_path (const SgDraftPhoto *photo)
{
  return photo->clean_path != NULL ? photo->clean_path : photo->original_path;
}

guint
sg_draft_photo_get_posted_facts (const SgDraftPhoto *photo)
{
  return photo->clean_path != NULL ? 0 : photo->facts;
}

/* Prompted by the withdrawn GMC 2013 ¶8c and Clin Med 2016 (people in photos may be tagged). */
static const SgPhotoCheck checks[] = {
  { "people", N_("Could anyone recognise a patient, a relative or a colleague who has not agreed?") },
  { "labels", N_("Is there a wristband, name badge, label or record in it?") },
  { "screens", N_("Is there a screen, whiteboard, notes or a list in the background?") },
  { "plates", N_("Is there a number plate, house number or street sign?") },
  { "views", N_("Does a window, sign or view show where you are, or where you work?") },
};

const SgPhotoCheck *
sg_photo_checks (guint *n_checks)
{
  *n_checks = G_N_ELEMENTS (checks);
  return checks;
}

gboolean
sg_photo_checks_done (guint checked)
{
  guint all = (1u << G_N_ELEMENTS (checks)) - 1;

  return (checked & all) == all;
}

static void
row_photo (sqlite3_stmt *stmt,
           gpointer      data)
{
  SgDraftPhoto *p = g_new0 (SgDraftPhoto, 1);

  p->id = sqlite3_column_int64 (stmt, 0);
  p->draft_id = sqlite3_column_int64 (stmt, 1);
  p->position = sqlite3_column_int (stmt, 2);
  p->original_path = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  p->clean_path = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  p->alt_text = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  p->checked = sqlite3_column_int (stmt, 6);
  p->facts = sqlite3_column_int (stmt, 7);
  g_ptr_array_add (data, p);
}

GPtrArray *
sg_draft_photos_list (SgStore  *store,
                      gint64    draft_id,
                      GError  **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_draft_photo_free);

  g_return_val_if_fail (SG_IS_STORE (store), NULL);

  if (!sg_store_run (store,
                     "SELECT id, draft_id, position, original_path, clean_path, alt_text, checked, "
                     "facts FROM draft_photos WHERE draft_id = ?1 ORDER BY position, id",
                     sg_store_bind_id, &draft_id, row_photo, out, "photos", error))
    return NULL;
  return g_steal_pointer (&out);
}

static void
row_int (sqlite3_stmt *stmt,
         gpointer      data)
{
  *(int *) data = sqlite3_column_int (stmt, 0);
}

typedef struct {
  gint64      draft_id;
  int         position;
  const char *original_path;
  guint       facts;
} AddData;

static void
bind_add (sqlite3_stmt *stmt,
          gpointer      data)
{
  const AddData *d = data;

  sqlite3_bind_int64 (stmt, 1, d->draft_id);
  sqlite3_bind_int (stmt, 2, d->position);
  sqlite3_bind_text (stmt, 3, d->original_path, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, d->facts);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time () / G_USEC_PER_SEC);
}

gint64
sg_draft_photos_add (SgStore     *store,
                     gint64       draft_id,
                     const char  *original_path,
                     guint        facts,
                     GError     **error)
{
  AddData d = { draft_id, 0, original_path, facts };
  sqlite3 *db;
  gint64 id = -1;

  g_return_val_if_fail (SG_IS_STORE (store), -1);
  g_return_val_if_fail (original_path != NULL, -1);

  /* One lock for the count and the insert, so two adds cannot take the same position. */
  db = sg_store_lock (store);
  if (sg_store_run_locked (db, "SELECT count(*) FROM draft_photos WHERE draft_id = ?1",
                           sg_store_bind_id, &draft_id, row_int, &d.position, "photos", error))
    {
      if (d.position >= SG_MAX_PHOTOS)
        g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                     _("A post can have at most %d photos."), SG_MAX_PHOTOS);
      else if (sg_store_run_locked (db, "INSERT INTO draft_photos (draft_id, position, "
                                        "original_path, facts, added_at) "
                                        "VALUES (?1, ?2, ?3, ?4, ?5)",
                                    bind_add, &d, NULL, NULL, "photos", error))
        id = sqlite3_last_insert_rowid (db);
    }
  sg_store_unlock (store);
  return id;
}

static void
bind_update (sqlite3_stmt *stmt,
             gpointer      data)
{
  const SgDraftPhoto *p = data;

  sqlite3_bind_int64 (stmt, 1, p->id);
  sqlite3_bind_text (stmt, 2, p->alt_text ? p->alt_text : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, p->checked);
}

gboolean
sg_draft_photos_update (SgStore            *store,
                        const SgDraftPhoto *photo,
                        GError            **error)
{
  g_return_val_if_fail (SG_IS_STORE (store), FALSE);

  return sg_store_run (store,
                       "UPDATE draft_photos SET alt_text = ?2, checked = ?3 WHERE id = ?1",
                       bind_update, (gpointer) photo, NULL, NULL, "photos", error);
}

typedef struct {
  gint64      id;
  const char *clean_path;
} CleanData;

static void
bind_clean (sqlite3_stmt *stmt,
            gpointer      data)
{
  const CleanData *d = data;

  sqlite3_bind_int64 (stmt, 1, d->id);
  sqlite3_bind_text (stmt, 2, d->clean_path, -1, SQLITE_TRANSIENT);
}

gboolean
sg_draft_photos_set_clean (SgStore     *store,
                           gint64       id,
                           const char  *clean_path,
                           gboolean    *found,
                           GError     **error)
{
  CleanData d = { id, clean_path };
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (SG_IS_STORE (store), FALSE);

  db = sg_store_lock (store);
  ok = sg_store_run_locked (db, "UPDATE draft_photos SET clean_path = ?2 WHERE id = ?1",
                            bind_clean, &d, NULL, NULL, "photos", error);
  *found = ok && sqlite3_changes (db) > 0;
  sg_store_unlock (store);
  return ok;
}

static void
row_paths (sqlite3_stmt *stmt,
           gpointer      data)
{
  char **out = data;

  g_free (out[0]);
  g_free (out[1]);
  out[0] = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  out[1] = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
}

/* Deletes @path if it is in the app's own folder; anything else is the user's. */
static void
delete_own_file (const char *path)
{
  g_autofree char *dir = NULL;
  g_autofree char *parent = NULL;

  if (path == NULL)
    return;
  dir = sg_draft_photos_dir (NULL);
  parent = g_path_get_dirname (path);
  if (dir != NULL && g_str_equal (dir, parent))
    g_unlink (path);
}

gboolean
sg_draft_photos_remove (SgStore  *store,
                        gint64    id,
                        GError  **error)
{
  char *paths[2] = { NULL, NULL };
  gboolean ok;

  g_return_val_if_fail (SG_IS_STORE (store), FALSE);

  ok = sg_store_run (store, "SELECT clean_path, original_path FROM draft_photos WHERE id = ?1",
                     sg_store_bind_id, &id, row_paths, paths, "photos", error) &&
       sg_store_run (store,
                     "UPDATE draft_photos SET position = position - 1 WHERE draft_id = "
                     "(SELECT draft_id FROM draft_photos WHERE id = ?1) AND position > "
                     "(SELECT position FROM draft_photos WHERE id = ?1)",
                     sg_store_bind_id, &id, NULL, NULL, "photos", error) &&
       sg_store_run (store, "DELETE FROM draft_photos WHERE id = ?1",
                     sg_store_bind_id, &id, NULL, NULL, "photos", error);

  /* The clean copy is ours, and so is a picture pasted from the clipboard; an original the
   * user chose is theirs and never touched. */
  if (ok)
    {
      delete_own_file (paths[0]);
      delete_own_file (paths[1]);
    }
  g_free (paths[0]);
  g_free (paths[1]);
  return ok;
}

static void
row_keep (sqlite3_stmt *stmt,
          gpointer      data)
{
  for (int c = 0; c < 2; c++)
    if (sqlite3_column_text (stmt, c) != NULL)
      g_hash_table_add (data, g_strdup ((const char *) sqlite3_column_text (stmt, c)));
}

guint
sg_draft_photos_sweep (SgStore  *store,
                       guint     grace_days,
                       GError  **error)
{
  g_autoptr(GHashTable) keep = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *dir = NULL;
  g_autoptr(GDir) listing = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 cutoff = now - (gint64) grace_days * 24 * 3600;
  const char *name;
  guint removed = 0;

  g_return_val_if_fail (SG_IS_STORE (store), 0);

  /* Drafts deleted recently can still be brought back (Undo, the drafts list): keep theirs. */
  if (!sg_store_run (store,
                     "SELECT p.clean_path, p.original_path FROM draft_photos p JOIN drafts d "
                     "ON d.id = p.draft_id WHERE d.deleted_at IS NULL OR d.deleted_at > ?1",
                     sg_store_bind_id, &cutoff, row_keep, keep, "photos", error) ||
      (dir = sg_draft_photos_dir (error)) == NULL ||
      (listing = g_dir_open (dir, 0, error)) == NULL)
    return 0;

  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf st;

      if (g_hash_table_contains (keep, path) || g_stat (path, &st) != 0 ||
          !S_ISREG (st.st_mode) || st.st_mtime > now - 3600)
        continue;
      if (g_unlink (path) == 0)
        removed++;
    }

  /* Their rows go too, so nothing points at a missing file. */
  sg_store_run (store,
                "DELETE FROM draft_photos WHERE draft_id IN (SELECT id FROM drafts WHERE "
                "deleted_at IS NOT NULL AND deleted_at <= ?1)",
                sg_store_bind_id, &cutoff, NULL, NULL, "photos", error);
  return removed;
}

char *
sg_draft_photos_dir (GError **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "socialguard", "photos", NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not create the folder for clean copies of photos (%s): %s"),
                   dir, g_strerror (saved));
      return NULL;
    }
  return g_steal_pointer (&dir);
}
