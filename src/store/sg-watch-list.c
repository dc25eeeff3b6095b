/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sg-store-private.h"
#include "sg-watch-list.h"

GStrv
sg_watch_list_load (SgStore  *store,
                    GError  **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (SG_IS_STORE (store), NULL);

  db = sg_store_lock (store);
  if (sqlite3_prepare_v2 (db, "SELECT term FROM watch_list ORDER BY term", -1, &stmt,
                          NULL) != SQLITE_OK)
    {
      sg_store_set_error (error, db, "watch-list");
      sg_store_unlock (store);
      return NULL;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      sg_store_set_error (error, db, "watch-list");
      sg_store_unlock (store);
      return NULL;
    }

  sg_store_unlock (store);
  return g_strv_builder_end (builder);
}

gboolean
sg_watch_list_add (SgStore     *store,
                   const char  *term,
                   const char  *kind,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;
  sqlite3 *db;

  g_return_val_if_fail (SG_IS_STORE (store), FALSE);
  g_return_val_if_fail (term != NULL && *term != '\0', FALSE);

  db = sg_store_lock (store);
  ok = sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO watch_list (term, kind, added_at) "
                               "VALUES (?1, ?2, ?3)", -1, &stmt, NULL) == SQLITE_OK;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, term, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, kind != NULL ? kind : "other", -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
    }
  if (!ok)
    sg_store_set_error (error, db, "watch-list");
  sqlite3_finalize (stmt);
  sg_store_unlock (store);

  return ok;
}

gboolean
sg_watch_list_remove (SgStore     *store,
                      const char  *term,
                      GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;
  sqlite3 *db;

  g_return_val_if_fail (SG_IS_STORE (store), FALSE);

  db = sg_store_lock (store);
  ok = sqlite3_prepare_v2 (db, "DELETE FROM watch_list WHERE term = ?1", -1, &stmt,
                           NULL) == SQLITE_OK;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, term, -1, SQLITE_TRANSIENT);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
    }
  if (!ok)
    sg_store_set_error (error, db, "watch-list");
  sqlite3_finalize (stmt);
  sg_store_unlock (store);

  return ok;
}
