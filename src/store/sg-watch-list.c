/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sg-store-private.h"
#include "sg-watch-list.h"

static void
add_term (sqlite3_stmt *stmt,
          gpointer      builder)
{
  g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
}

GStrv
sg_watch_list_load (SgStore  *store,
                    GError  **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (SG_IS_STORE (store), NULL);

  if (!sg_store_run (store, "SELECT term FROM watch_list ORDER BY term", NULL, NULL,
                     add_term, builder, "watch-list", error))
    return NULL;
  return g_strv_builder_end (builder);
}

typedef struct {
  const char *term;
  const char *kind;
} Entry;

static void
bind_entry (sqlite3_stmt *stmt,
            gpointer      data)
{
  const Entry *e = data;

  sqlite3_bind_text (stmt, 1, e->term, -1, SQLITE_TRANSIENT);
  if (e->kind != NULL)
    {
      sqlite3_bind_text (stmt, 2, e->kind, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
    }
}

gboolean
sg_watch_list_add (SgStore     *store,
                   const char  *term,
                   const char  *kind,
                   GError     **error)
{
  Entry e = { term, kind != NULL ? kind : "other" };

  g_return_val_if_fail (SG_IS_STORE (store), FALSE);
  g_return_val_if_fail (term != NULL && *term != '\0', FALSE);

  return sg_store_run (store, "INSERT OR IGNORE INTO watch_list (term, kind, added_at) "
                              "VALUES (?1, ?2, ?3)",
                       bind_entry, &e, NULL, NULL, "watch-list", error);
}

gboolean
sg_watch_list_remove (SgStore     *store,
                      const char  *term,
                      GError     **error)
{
  Entry e = { term, NULL };

  g_return_val_if_fail (SG_IS_STORE (store), FALSE);

  return sg_store_run (store, "DELETE FROM watch_list WHERE term = ?1",
                       bind_entry, &e, NULL, NULL, "watch-list", error);
}
