/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <utime.h>

#include "sg-error.h"
#include "sg-store.h"
#include "sg-store-private.h"

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("sg-store-XXXXXX", &error);
  g_assert_no_error (error);
  /* A nested folder that does not exist yet: the store must create it 0700. */
  f->path = g_build_filename (f->dir, "socialguard", "socialguard.db", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        if (g_file_test (child, G_FILE_TEST_IS_DIR))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static int
query_int (SgStore    *store,
           const char *sql)
{
  sqlite3 *db = sg_store_lock (store);
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sg_store_unlock (store);

  return value;
}

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgStore) store = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autofree char *journal_mode = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt;

  /* A permissive umask must not leak into the data files. */
  umask (022);

  store = sg_store_open (f->path, SG_STORE_OPEN_NO_BACKUP, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  g_assert_cmpint (sg_store_get_schema_version (store), ==, SG_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (store, "PRAGMA user_version"), ==, SG_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpuint (file_mode (f->path), ==, 0600);
  g_assert_cmpuint (file_mode (dir), ==, 0700);

  db = sg_store_lock (store);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  journal_mode = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sg_store_unlock (store);
  g_assert_cmpstr (journal_mode, ==, "wal");

  /* Every table the features need exists. */
  {
    const char *tables[] = { "drafts", "draft_ignores", "interests", "interest_events",
                             "profiles", "reviews", "review_answers", "publications",
                             "overrides", "watch_list" };
    for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
      {
        g_autofree char *sql =
          g_strdup_printf ("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '%s'",
                           tables[i]);
        g_assert_cmpint (query_int (store, sql), ==, 1);
      }
  }

  /* The -wal and -shm files hold the same data as the database. */
  {
    g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
    if (g_file_test (wal, G_FILE_TEST_EXISTS))
      g_assert_cmpuint (file_mode (wal), ==, 0600);
  }
}

static void
test_reopen (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SgStore *store;
  sqlite3 *db;

  store = sg_store_open (f->path, SG_STORE_OPEN_NO_BACKUP, NULL, &error);
  g_assert_no_error (error);
  db = sg_store_lock (store);
  g_assert_true (sg_store_exec (db, "INSERT INTO watch_list (term, kind, added_at) "
                                    "VALUES ('Larch Ward', 'ward', 1)", &error));
  g_assert_no_error (error);
  sg_store_unlock (store);
  g_assert_finalize_object (store);

  store = sg_store_open (f->path, SG_STORE_OPEN_NO_BACKUP, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM watch_list"), ==, 1);
  g_assert_finalize_object (store);

  /* Read-only opening sees the same data and cannot write. */
  store = sg_store_open (f->path, SG_STORE_OPEN_READ_ONLY, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sg_store_is_read_only (store));
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM watch_list"), ==, 1);
  db = sg_store_lock (store);
  g_assert_false (sg_store_exec (db, "DELETE FROM watch_list", NULL));
  sg_store_unlock (store);
  g_assert_finalize_object (store);
}

static void
test_migrate_empty_file (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgStore) store = NULL;

  /* A zero-byte file is a valid, empty SQLite database at version 0. */
  write_file (f->path, "", 0);
  g_chmod (f->path, 0644);

  store = sg_store_open (f->path, SG_STORE_OPEN_NO_BACKUP, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "PRAGMA user_version"), ==, SG_STORE_SCHEMA_VERSION);
  /* A file we accept is tightened to 0600. */
  g_assert_cmpuint (file_mode (f->path), ==, 0600);
}

static void
assert_refused_untouched (Fixture    *f,
                          int         expected_code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = file_checksum (f->path);
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *backup = sg_store_get_backup_path (f->path);
  SgStore *store;
  guint mode_before = file_mode (f->path);

  store = sg_store_open (f->path, SG_STORE_OPEN_DEFAULT, NULL, &error);
  g_assert_error (error, SG_ERROR, expected_code);
  g_assert_null (store);
  g_assert_nonnull (error->message);
  g_assert_cmpuint (strlen (error->message), >, 20);

  after = file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (file_mode (f->path), ==, mode_before);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
}

static void
test_refuse_garbage (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *garbage = g_malloc (8192);

  for (guint i = 0; i < 8192; i++)
    garbage[i] = (char) g_test_rand_int_range (0, 256);
  write_file (f->path, garbage, 8192);
  g_chmod (f->path, 0640);

  assert_refused_untouched (f, SG_ERROR_DATABASE_CORRUPT);
}

static void
test_refuse_text_file (Fixture       *f,
                       gconstpointer  data)
{
  write_file (f->path, "this is not a database\n", -1);
  assert_refused_untouched (f, SG_ERROR_DATABASE_CORRUPT);
}

static void
test_refuse_damaged_pages (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  SgStore *store;
  sqlite3 *db;

  /* A real database with a few pages of data, then a torn page in the middle. */
  store = sg_store_open (f->path, SG_STORE_OPEN_NO_BACKUP, NULL, &error);
  g_assert_no_error (error);
  db = sg_store_lock (store);
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *sql =
        g_strdup_printf ("INSERT INTO drafts (title, body, created_at, updated_at) "
                         "VALUES ('d%u', '%0500u', %u, %u)", i, i, i, i);
      g_assert_true (sg_store_exec (db, sql, NULL));
    }
  g_assert_true (sg_store_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL));
  sg_store_unlock (store);
  g_assert_finalize_object (store);

  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4096 * 8);
  for (gsize i = 4096 * 3; i < 4096 * 5; i++)
    contents[i] = (char) 0xA5;
  write_file (f->path, contents, length);

  assert_refused_untouched (f, SG_ERROR_DATABASE_CORRUPT);
}

static void
test_refuse_newer (Fixture       *f,
                   gconstpointer  data)
{
  sqlite3 *db = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);

  g_mkdir_with_parents (dir, 0700);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE future (x); PRAGMA user_version = 99",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_refused_untouched (f, SG_ERROR_DATABASE_TOO_NEW);
}

static void
test_move_aside (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgStore) store = NULL;
  g_autofree char *moved_to = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  write_file (f->path, "not a database at all, but someone's only copy", -1);
  before = file_checksum (f->path);

  g_assert_true (sg_store_move_aside (f->path, &moved_to, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  g_assert_true (g_str_has_prefix (moved_to, f->path));
  g_assert_nonnull (strstr (moved_to, ".damaged-"));
  after = file_checksum (moved_to);
  g_assert_cmpstr (before, ==, after);

  store = sg_store_open (f->path, SG_STORE_OPEN_NO_BACKUP, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (g_file_test (moved_to, G_FILE_TEST_EXISTS));
}

static void
test_backup_restore (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = sg_store_get_backup_path (f->path);
  g_autofree char *moved_to = NULL;
  SgStore *store;
  sqlite3 *db;

  store = sg_store_open (f->path, SG_STORE_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sg_store_has_backup (f->path));
  g_assert_cmpuint (file_mode (backup), ==, 0600);
  g_assert_finalize_object (store);

  /* Data written after the backup; then the file is destroyed. */
  write_file (f->path, "garbage", -1);
  g_assert_true (sg_store_restore_backup (f->path, &moved_to, &error));
  g_assert_no_error (error);
  g_assert_nonnull (moved_to);
  g_assert_true (g_file_test (moved_to, G_FILE_TEST_EXISTS));

  store = sg_store_open (f->path, SG_STORE_OPEN_NO_BACKUP, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (f->path), ==, 0600);
  db = sg_store_lock (store);
  g_assert_true (sg_store_exec (db, "SELECT count(*) FROM drafts", NULL));
  sg_store_unlock (store);
  g_assert_finalize_object (store);
}

static void
test_interest_log_append_only (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgStore) store = NULL;
  sqlite3 *db;

  store = sg_store_open (f->path, SG_STORE_OPEN_NO_BACKUP, NULL, &error);
  g_assert_no_error (error);
  db = sg_store_lock (store);
  g_assert_true (sg_store_exec (db, "INSERT INTO interests (id, organisation, category) "
                                    "VALUES (1, 'Acme', 'consultancy')", NULL));
  g_assert_true (sg_store_exec (db, "INSERT INTO interest_events (interest_id, at, kind, data) "
                                    "VALUES (1, 1, 'added', '{}')", NULL));
  g_assert_false (sg_store_exec (db, "UPDATE interest_events SET kind = 'ended'", NULL));
  g_assert_false (sg_store_exec (db, "DELETE FROM interest_events", NULL));
  /* Foreign keys are on: an event for a missing interest is refused. */
  g_assert_false (sg_store_exec (db, "INSERT INTO interest_events (interest_id, at, kind, data) "
                                     "VALUES (42, 1, 'added', '{}')", NULL));
  sg_store_unlock (store);
}

static void
open_async_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  SgStore **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = sg_store_open_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_open_async (Fixture       *f,
                 gconstpointer  data)
{
  SgStore *store = NULL;

  sg_store_open_async (f->path, SG_STORE_OPEN_NO_BACKUP, NULL, open_async_cb, &store);
  while (store == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpstr (sg_store_get_path (store), ==, f->path);
  g_assert_finalize_object (store);
}

static void
age_file (const char *path,
          int         days)
{
  struct utimbuf times;
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  times.actime = times.modtime = st.st_mtime - days * 24 * 60 * 60;
  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

/* An emptied data file with a backup that holds data is damage, not a first run: it is
 * refused untouched, and the backup is kept as it was. */
static void
test_empty_file_keeps_backup (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = sg_store_get_backup_path (f->path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  SgStore *store;

  store = sg_store_open (f->path, SG_STORE_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);
  age_file (backup, 3);
  before = file_checksum (backup);

  write_file (f->path, "", 0);
  store = sg_store_open (f->path, SG_STORE_OPEN_DEFAULT, NULL, &error);
  g_assert_error (error, SG_ERROR, SG_ERROR_DATABASE_CORRUPT);
  g_assert_null (store);
  after = file_checksum (backup);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (g_file_test (f->path, G_FILE_TEST_EXISTS), ==, TRUE);
}

/* Moving a damaged file aside and starting fresh never replaces the backup with the new,
 * empty database; later backups keep the earlier ones, dated. */
static void
test_fresh_start_keeps_backup (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = sg_store_get_backup_path (f->path);
  g_autofree char *moved_to = NULL;
  g_autofree char *before = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autoptr(GDir) d = NULL;
  const char *name;
  guint dated = 0;
  SgStore *store;

  store = sg_store_open (f->path, SG_STORE_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);
  age_file (backup, 3);
  before = file_checksum (backup);

  write_file (f->path, "garbage", -1);
  g_assert_true (sg_store_move_aside (f->path, &moved_to, &error));
  store = sg_store_open (f->path, SG_STORE_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);
  {
    g_autofree char *after = file_checksum (backup);
    g_assert_cmpstr (before, ==, after);
  }

  /* The next day's backup of a database that was not just created keeps the old one. */
  store = sg_store_open (f->path, SG_STORE_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);
  d = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    dated += g_str_has_prefix (name, "socialguard.db.backup-");
  g_assert_cmpuint (dated, ==, 1);
  g_assert_true (sg_store_has_backup (f->path));
}

/* A database another program holds locked is busy, not damaged: a different error, and the
 * file is left as it is. */
static void
test_locked_is_busy (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SgStore *store;
  sqlite3 *other = NULL;

  store = sg_store_open (f->path, SG_STORE_OPEN_NO_BACKUP, NULL, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  store = sg_store_open (f->path, SG_STORE_OPEN_NO_BACKUP, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, SG_ERROR, SG_ERROR_DATABASE_BUSY);
  g_assert_false (g_error_matches (error, SG_ERROR, SG_ERROR_DATABASE_CORRUPT));

  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);
  g_clear_error (&error);
  store = sg_store_open (f->path, SG_STORE_OPEN_NO_BACKUP, NULL, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/sg/store/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("create", test_create);
  ADD ("reopen", test_reopen);
  ADD ("migrate-empty-file", test_migrate_empty_file);
  ADD ("refuse-garbage", test_refuse_garbage);
  ADD ("refuse-text-file", test_refuse_text_file);
  ADD ("refuse-damaged-pages", test_refuse_damaged_pages);
  ADD ("refuse-newer-version", test_refuse_newer);
  ADD ("move-aside", test_move_aside);
  ADD ("backup-restore", test_backup_restore);
  ADD ("empty-file-keeps-backup", test_empty_file_keeps_backup);
  ADD ("fresh-start-keeps-backup", test_fresh_start_keeps_backup);
  ADD ("locked-is-busy", test_locked_is_busy);
  ADD ("interest-log-append-only", test_interest_log_append_only);
  ADD ("open-async", test_open_async);
#undef ADD

  return g_test_run ();
}
