/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sg-error.h"
#include "sg-store-private.h"

/* A day: the backup is refreshed at most this often. */
#define BACKUP_MAX_AGE_SECONDS (24 * 60 * 60)

struct _SgStore
{
  GObject   parent_instance;

  char     *path;
  sqlite3  *db;
  GMutex    mutex;
  int       schema_version;
  guint     read_only : 1;
  guint     created : 1;     /* made empty by this open: never a source for a backup */
};

G_DEFINE_FINAL_TYPE (SgStore, sg_store, G_TYPE_OBJECT)

typedef struct {
  char             *path;
  SgStoreOpenFlags  flags;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_free (data->path);
  g_free (data);
}

void
sg_store_set_error (GError    **error,
                    sqlite3    *db,
                    const char *what)
{
  int code = db != NULL ? sqlite3_errcode (db) : SQLITE_ERROR;

  switch (code & 0xff)
    {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      g_set_error (error, SG_ERROR, SG_ERROR_DATABASE_CORRUPT,
                   _("Your SocialGuard data file is damaged and cannot be read (%s)."),
                   db != NULL ? sqlite3_errmsg (db) : what);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, SG_ERROR, SG_ERROR_DATABASE_BUSY,
                   _("Your SocialGuard data is in use by another program (perhaps another "
                     "copy of SocialGuard), so it cannot be opened right now. Nothing is "
                     "damaged; SocialGuard will try again."));
      break;

    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_PERM:
    case SQLITE_READONLY:
    case SQLITE_FULL:
      g_set_error (error, SG_ERROR, SG_ERROR_DATABASE_IO,
                   _("Your SocialGuard data could not be read or written (%s: %s). "
                     "Check that the disk is not full and that you can write to your "
                     "home folder."),
                   what, db != NULL ? sqlite3_errmsg (db) : "");
      break;

    default:
      g_set_error (error, SG_ERROR, SG_ERROR_FAILED,
                   _("SocialGuard could not use its data file (%s: %s)."),
                   what, db != NULL ? sqlite3_errmsg (db) : "");
      break;
    }
}

gboolean
sg_store_exec (sqlite3     *db,
               const char  *sql,
               GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      sg_store_set_error (error, db, "exec");
      return FALSE;
    }

  return TRUE;
}

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           int         *out,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ret = FALSE;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      sg_store_set_error (error, db, "prepare");
      return FALSE;
    }

  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *out = sqlite3_column_int (stmt, 0);
      ret = TRUE;
    }
  else
    sg_store_set_error (error, db, "read");

  sqlite3_finalize (stmt);
  return ret;
}

/* quick_check reads every page but skips the index cross-checks of integrity_check: it finds
 * torn or overwritten pages in milliseconds on a database of this size. */
static gboolean
check_integrity (sqlite3  *db,
                 GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL) != SQLITE_OK)
    {
      sg_store_set_error (error, db, "check");
      return FALSE;
    }

  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *result = (const char *) sqlite3_column_text (stmt, 0);
      ok = g_strcmp0 (result, "ok") == 0;
      if (!ok)
        g_set_error (error, SG_ERROR, SG_ERROR_DATABASE_CORRUPT,
                     _("Your SocialGuard data file is damaged (%s)."),
                     result != NULL ? result : "?");
    }
  else
    sg_store_set_error (error, db, "check");

  sqlite3_finalize (stmt);
  return ok;
}

/* Creating the file ourselves, before SQLite does, is the only way to get 0600 whatever the
 * user's umask: drafts can hold patient details. The folder is 0700 for the same reason. */
static gboolean
prepare_file (const char  *path,
              gboolean     read_only,
              gboolean    *created,
              GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  *created = FALSE;

  if (read_only)
    {
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, SG_ERROR, SG_ERROR_DATABASE_IO,
                       _("There is no SocialGuard data file at “%s”."), path);
          return FALSE;
        }
      return TRUE;
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, SG_ERROR, SG_ERROR_DATABASE_IO,
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  {
    GStatBuf st;
    g_autofree char *backup_path = sg_store_get_backup_path (path);
    GStatBuf backup_st;

    /* A file of no bytes is not a first run when a backup holds data: something emptied it
     * (a full disk, a sync tool). Treated as damaged, so the backup is offered and never
     * overwritten by an empty database. */
    if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && st.st_size == 0 &&
        g_stat (backup_path, &backup_st) == 0 && backup_st.st_size > 0)
      {
        g_set_error (error, SG_ERROR, SG_ERROR_DATABASE_CORRUPT,
                     _("Your SocialGuard data file is empty, but a backup of your data "
                       "exists."));
        return FALSE;
      }
  }

  fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0)
    {
      *created = TRUE;
      close (fd);
    }
  else if (errno != EEXIST)
    {
      int saved_errno = errno;
      g_set_error (error, SG_ERROR, SG_ERROR_DATABASE_IO,
                   _("Could not create “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/* Tighten the modes of a file and folder we own; only after the checks, so a file that is
 * refused is left exactly as it was found. */
static void
tighten_modes (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_chmod (dir, 0700);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (path, suffixes[i], NULL);
      g_chmod (p, 0600);
    }
}

/* The backup being replaced is kept, dated ("socialguard.db.backup-2026-12-05"), and the
 * newest BACKUPS_KEPT dated copies stay: no backup is ever the only copy that goes. */
#define BACKUPS_KEPT 7

static void
keep_previous_backup (const char *backup_path)
{
  g_autofree char *dir = g_path_get_dirname (backup_path);
  g_autofree char *base = g_path_get_basename (backup_path);
  g_autofree char *prefix = g_strconcat (base, "-", NULL);
  g_autoptr(GPtrArray) dated = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = NULL;
  GStatBuf st;
  const char *name;

  if (g_stat (backup_path, &st) == 0 && st.st_size > 0)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (st.st_mtime);
      g_autofree char *stamp = g_date_time_format (when, "%Y-%m-%d");
      g_autofree char *target = g_strconcat (backup_path, "-", stamp, NULL);

      g_rename (backup_path, target);
    }

  if ((d = g_dir_open (dir, 0, NULL)) == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix))
      g_ptr_array_add (dated, g_build_filename (dir, name, NULL));
  /* ISO dates sort as text: the oldest first. */
  g_ptr_array_sort (dated, (GCompareFunc) g_strcmp0);
  for (guint i = 0; dated->len > BACKUPS_KEPT && i < dated->len - BACKUPS_KEPT; i++)
    g_unlink (g_ptr_array_index (dated, i));
}

static gboolean
take_backup (SgStore  *self,
             GError  **error)
{
  g_autofree char *backup_path = sg_store_get_backup_path (self->path);
  g_autofree char *tmp_path = g_strconcat (backup_path, ".tmp", NULL);
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  GStatBuf st;
  int fd;
  int rc;

  if (g_stat (backup_path, &st) == 0 &&
      g_get_real_time () / G_USEC_PER_SEC - st.st_mtime < BACKUP_MAX_AGE_SECONDS)
    return TRUE;

  /* A database just created is empty: it must never replace a backup that holds data (the
   * one a "start fresh" or an emptied file leaves behind). */
  if (self->created && g_file_test (backup_path, G_FILE_TEST_EXISTS))
    return TRUE;

  g_unlink (tmp_path);
  fd = g_open (tmp_path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, SG_ERROR, SG_ERROR_DATABASE_IO,
                   _("Could not create the backup “%s”: %s"), tmp_path,
                   g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  if (sqlite3_open_v2 (tmp_path, &dest, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      sg_store_set_error (error, dest, "backup");
      sqlite3_close (dest);
      g_unlink (tmp_path);
      return FALSE;
    }

  backup = sqlite3_backup_init (dest, "main", self->db, "main");
  if (backup == NULL)
    {
      sg_store_set_error (error, dest, "backup");
      sqlite3_close (dest);
      g_unlink (tmp_path);
      return FALSE;
    }
  sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  rc = sqlite3_errcode (dest);
  sqlite3_close (dest);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_DATABASE_IO,
                   _("Could not write the backup “%s”."), tmp_path);
      g_unlink (tmp_path);
      return FALSE;
    }

  keep_previous_backup (backup_path);
  if (g_rename (tmp_path, backup_path) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, SG_ERROR, SG_ERROR_DATABASE_IO,
                   _("Could not write the backup “%s”: %s"), backup_path,
                   g_strerror (saved_errno));
      g_unlink (tmp_path);
      return FALSE;
    }

  return TRUE;
}

static void
sg_store_finalize (GObject *object)
{
  SgStore *self = (SgStore *)object;

  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_mutex_clear (&self->mutex);
  g_free (self->path);

  G_OBJECT_CLASS (sg_store_parent_class)->finalize (object);
}

static void
sg_store_class_init (SgStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sg_store_finalize;
}

static void
sg_store_init (SgStore *self)
{
  g_mutex_init (&self->mutex);
}

/**
 * sg_store_get_default_path:
 *
 * Returns: `$XDG_DATA_HOME/socialguard/socialguard.db`
 */
char *
sg_store_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "socialguard", "socialguard.db", NULL);
}

char *
sg_store_get_backup_path (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_strconcat (path, ".backup", NULL);
}

/**
 * sg_store_open:
 *
 * Opens (creating if needed) the database at @path, checks it and brings its schema up to
 * date. This does file I/O: the GUI calls sg_store_open_async() instead.
 *
 * A file that is not a database, is damaged, or was written by a newer version is left
 * untouched and reported as %SG_ERROR_DATABASE_CORRUPT or %SG_ERROR_DATABASE_TOO_NEW.
 */
SgStore *
sg_store_open (const char        *path,
               SgStoreOpenFlags   flags,
               GCancellable      *cancellable,
               GError           **error)
{
  g_autoptr(SgStore) self = NULL;
  gboolean read_only = (flags & SG_STORE_OPEN_READ_ONLY) != 0;
  gboolean created = FALSE;
  int sqlite_flags;
  int version = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (!prepare_file (path, read_only, &created, error))
    return NULL;

  self = g_object_new (SG_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->read_only = read_only;
  self->created = created;

  sqlite_flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
                 SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_PRIVATECACHE;
  if (sqlite3_open_v2 (path, &self->db, sqlite_flags, NULL) != SQLITE_OK)
    {
      sg_store_set_error (error, self->db, path);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 5000);

  /* Only reads until the file has been found sound: a refused file is never written. */
  if (!query_int (self->db, "PRAGMA user_version", &version, error))
    return NULL;

  if (version > SG_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_DATABASE_TOO_NEW,
                   _("Your SocialGuard data was saved by a newer version of SocialGuard "
                     "(data format %d; this version knows up to %d). Update SocialGuard to "
                     "open it."),
                   version, SG_STORE_SCHEMA_VERSION);
      return NULL;
    }

  if (!created && !check_integrity (self->db, error))
    return NULL;

  if (read_only)
    {
      if (version != SG_STORE_SCHEMA_VERSION)
        {
          g_set_error (error, SG_ERROR, SG_ERROR_DATABASE_READ_ONLY,
                       _("This SocialGuard data file uses an older format. Open it once in "
                         "SocialGuard to update it."));
          return NULL;
        }
      self->schema_version = version;
      return g_steal_pointer (&self);
    }

  tighten_modes (path);

  if (!sg_store_exec (self->db, "PRAGMA journal_mode = WAL", error) ||
      !sg_store_exec (self->db, "PRAGMA synchronous = NORMAL", error) ||
      !sg_store_exec (self->db, "PRAGMA foreign_keys = ON", error))
    return NULL;

  if (!sg_store_migrate (self->db, version, error))
    return NULL;

  self->schema_version = SG_STORE_SCHEMA_VERSION;

  /* A failed backup is not a reason to refuse the user their data. */
  if ((flags & SG_STORE_OPEN_NO_BACKUP) == 0)
    {
      g_autoptr(GError) backup_error = NULL;

      if (!take_backup (self, &backup_error))
        g_warning ("Daily backup skipped: %s", backup_error->message);
    }

  return g_steal_pointer (&self);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenData *data = task_data;
  GError *error = NULL;
  SgStore *store;

  store = sg_store_open (data->path, data->flags, cancellable, &error);
  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

void
sg_store_open_async (const char          *path,
                     SgStoreOpenFlags     flags,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenData *data;

  g_return_if_fail (path != NULL);

  data = g_new0 (OpenData, 1);
  data->path = g_strdup (path);
  data->flags = flags;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sg_store_open_async);
  g_task_set_task_data (task, data, (GDestroyNotify) open_data_free);
  g_task_run_in_thread (task, open_thread);
}

SgStore *
sg_store_open_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
sg_store_get_path (SgStore *self)
{
  g_return_val_if_fail (SG_IS_STORE (self), NULL);

  return self->path;
}

int
sg_store_get_schema_version (SgStore *self)
{
  g_return_val_if_fail (SG_IS_STORE (self), -1);

  return self->schema_version;
}

gboolean
sg_store_is_read_only (SgStore *self)
{
  g_return_val_if_fail (SG_IS_STORE (self), TRUE);

  return self->read_only;
}

sqlite3 *
sg_store_lock (SgStore *self)
{
  g_return_val_if_fail (SG_IS_STORE (self), NULL);

  g_mutex_lock (&self->mutex);
  return self->db;
}

void
sg_store_unlock (SgStore *self)
{
  g_return_if_fail (SG_IS_STORE (self));

  g_mutex_unlock (&self->mutex);
}

gboolean
sg_store_move_aside (const char  *path,
                     char       **moved_to,
                     GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *target = g_strdup_printf ("%s.damaged-%s", path, stamp);
  const char *suffixes[] = { "-wal", "-shm" };

  g_return_val_if_fail (path != NULL, FALSE);

  /* Two attempts in the same second must not overwrite the first copy. */
  for (guint n = 2; g_file_test (target, G_FILE_TEST_EXISTS); n++)
    {
      g_free (target);
      target = g_strdup_printf ("%s.damaged-%s-%u", path, stamp, n);
    }

  if (g_rename (path, target) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, SG_ERROR, SG_ERROR_DATABASE_IO,
                   _("Could not move “%s” aside: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  /* The journal files belong to the damaged copy; leaving them would let SQLite replay them
   * into the new, empty database. */
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (target, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
    }

  if (moved_to != NULL)
    *moved_to = g_steal_pointer (&target);

  return TRUE;
}

static void
move_aside_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  char *moved_to = NULL;

  if (sg_store_move_aside (task_data, &moved_to, &error))
    g_task_return_pointer (task, moved_to, g_free);
  else
    g_task_return_error (task, error);
}

void
sg_store_move_aside_async (const char          *path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sg_store_move_aside_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, move_aside_thread);
}

char *
sg_store_move_aside_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
sg_store_has_backup (const char *path)
{
  g_autofree char *backup_path = sg_store_get_backup_path (path);

  return g_file_test (backup_path, G_FILE_TEST_IS_REGULAR);
}

gboolean
sg_store_restore_backup (const char  *path,
                         char       **moved_to,
                         GError     **error)
{
  g_autofree char *backup_path = sg_store_get_backup_path (path);
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_get_contents (backup_path, &contents, &length, error))
    return FALSE;

  if (g_file_test (path, G_FILE_TEST_EXISTS) && !sg_store_move_aside (path, moved_to, error))
    return FALSE;

  /* The backup stays where it is, so restoring is repeatable. */
  if (!g_file_set_contents_full (path, contents, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;

  return TRUE;
}

void
sg_store_bind_text (sqlite3_stmt *stmt,
                    int           i,
                    const char   *value)
{
  if (value != NULL)
    sqlite3_bind_text (stmt, i, value, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, i);
}

void
sg_store_bind_id (sqlite3_stmt *stmt,
                  gpointer      id)
{
  sqlite3_bind_int64 (stmt, 1, *(gint64 *) id);
}

void
sg_store_row_id (sqlite3_stmt *stmt,
                 gpointer      id)
{
  *(gint64 *) id = sqlite3_column_int64 (stmt, 0);
}

gboolean
sg_store_run_locked (sqlite3     *db,
                     const char  *sql,
                     SgStoreBind  bind,
                     gpointer     bind_data,
                     SgStoreRow   row,
                     gpointer     row_data,
                     const char  *what,
                     GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK)
    {
      if (bind != NULL)
        bind (stmt, bind_data);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        if (row != NULL)
          row (stmt, row_data);
      ok = rc == SQLITE_DONE;
    }

  if (!ok)
    sg_store_set_error (error, db, what);
  sqlite3_finalize (stmt);
  return ok;
}

gboolean
sg_store_run (SgStore     *self,
              const char  *sql,
              SgStoreBind  bind,
              gpointer     bind_data,
              SgStoreRow   row,
              gpointer     row_data,
              const char  *what,
              GError     **error)
{
  sqlite3 *db = sg_store_lock (self);
  gboolean ok = sg_store_run_locked (db, sql, bind, bind_data, row, row_data, what, error);

  sg_store_unlock (self);
  return ok;
}
