/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sg-drafts.h"
#include "sg-store-private.h"

G_DEFINE_BOXED_TYPE (SgDraft, sg_draft, sg_draft_copy, sg_draft_free)

SgDraft *
sg_draft_copy (const SgDraft *draft)
{
  SgDraft *copy = g_new0 (SgDraft, 1);

  copy->id = draft->id;
  copy->title = g_strdup (draft->title);
  copy->body = g_strdup (draft->body);
  copy->platform = g_strdup (draft->platform);
  copy->declaration = g_strdup (draft->declaration);
  copy->updated_at = draft->updated_at;
  return copy;
}

void
sg_draft_free (SgDraft *draft)
{
  if (draft == NULL)
    return;
  g_free (draft->title);
  g_free (draft->body);
  g_free (draft->platform);
  g_free (draft->declaration);
  g_free (draft);
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static gboolean
run (SgStore       *store,
     const char    *sql,
     SgStoreBind    bind,
     gpointer       bind_data,
     SgStoreRow     row,
     gpointer       row_data,
     GError       **error)
{
  return sg_store_run (store, sql, bind, bind_data, row, row_data, "drafts", error);
}

typedef struct {
  const char *platform;
  gint64      now;
} CreateData;

static void
bind_create (sqlite3_stmt *stmt,
             gpointer      data)
{
  CreateData *d = data;

  sqlite3_bind_text (stmt, 1, d->platform, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, d->now);
}

gint64
sg_drafts_create (SgStore     *store,
                  const char  *platform,
                  GError     **error)
{
  CreateData d = { platform != NULL ? platform : "x", now_seconds () };
  sqlite3 *db;
  gint64 id;

  g_return_val_if_fail (SG_IS_STORE (store), -1);

  /* The row id is read under the same lock as the insert: the connection is shared, and an
   * insert by another thread in between (the audit, the publication log) would change it. */
  db = sg_store_lock (store);
  if (sg_store_run_locked (db, "INSERT INTO drafts (platform, created_at, updated_at) "
                               "VALUES (?1, ?2, ?2)",
                           bind_create, &d, NULL, NULL, "drafts", error))
    id = sqlite3_last_insert_rowid (db);
  else
    id = -1;
  sg_store_unlock (store);
  return id;
}

static void
bind_save (sqlite3_stmt *stmt,
           gpointer      data)
{
  const SgDraft *draft = data;

  sqlite3_bind_text (stmt, 1, draft->title != NULL ? draft->title : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, draft->body != NULL ? draft->body : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, draft->platform != NULL ? draft->platform : "x", -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, now_seconds ());
  sqlite3_bind_int64 (stmt, 5, draft->id);
}

gboolean
sg_drafts_save (SgStore        *store,
                const SgDraft  *draft,
                GError        **error)
{
  g_return_val_if_fail (SG_IS_STORE (store), FALSE);
  g_return_val_if_fail (draft != NULL, FALSE);

  return run (store,
              "UPDATE drafts SET title = ?1, body = ?2, platform = ?3, updated_at = ?4 "
              "WHERE id = ?5",
              bind_save, (gpointer) draft, NULL, NULL, error);
}

static void
row_draft (sqlite3_stmt *stmt,
           gpointer      data)
{
  GPtrArray *out = data;
  SgDraft *draft = g_new0 (SgDraft, 1);

  draft->id = sqlite3_column_int64 (stmt, 0);
  draft->title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  draft->body = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  draft->platform = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  draft->updated_at = sqlite3_column_int64 (stmt, 4);
  draft->declaration = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  g_ptr_array_add (out, draft);
}

GPtrArray *
sg_drafts_list (SgStore  *store,
                GError  **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_draft_free);

  g_return_val_if_fail (SG_IS_STORE (store), NULL);

  if (!run (store,
            "SELECT id, title, body, platform, updated_at, declaration FROM drafts "
            "WHERE deleted_at IS NULL ORDER BY updated_at DESC, id DESC",
            NULL, NULL, row_draft, out, error))
    return NULL;

  return g_steal_pointer (&out);
}

SgDraft *
sg_drafts_load_latest (SgStore  *store,
                       GError  **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_draft_free);

  g_return_val_if_fail (SG_IS_STORE (store), NULL);

  if (!run (store,
            "SELECT id, title, body, platform, updated_at, declaration FROM drafts "
            "WHERE deleted_at IS NULL ORDER BY updated_at DESC, id DESC LIMIT 1",
            NULL, NULL, row_draft, out, error) || out->len == 0)
    return NULL;

  return g_ptr_array_steal_index (out, 0);
}

SgDraft *
sg_drafts_load (SgStore  *store,
                gint64    id,
                GError  **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_draft_free);

  g_return_val_if_fail (SG_IS_STORE (store), NULL);

  if (!run (store, "SELECT id, title, body, platform, updated_at, declaration FROM drafts WHERE id = ?1",
            sg_store_bind_id, &id, row_draft, out, error) || out->len == 0)
    return NULL;

  return g_ptr_array_steal_index (out, 0);
}

typedef struct {
  gint64   id;
  gboolean deleted;
} DeleteData;

static void
bind_delete (sqlite3_stmt *stmt,
             gpointer      data)
{
  DeleteData *d = data;

  if (d->deleted)
    sqlite3_bind_int64 (stmt, 1, now_seconds ());
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, d->id);
}

gboolean
sg_drafts_set_deleted (SgStore  *store,
                       gint64    id,
                       gboolean  deleted,
                       GError  **error)
{
  DeleteData d = { id, deleted };

  g_return_val_if_fail (SG_IS_STORE (store), FALSE);

  return run (store, "UPDATE drafts SET deleted_at = ?1 WHERE id = ?2", bind_delete, &d, NULL,
              NULL, error);
}

typedef struct {
  gint64      id;
  const char *declaration;
  const char *removed;
  const char *reason;
} DeclarationData;

static void
bind_declaration (sqlite3_stmt *stmt,
                  gpointer      data)
{
  DeclarationData *d = data;

  if (d->declaration != NULL)
    sqlite3_bind_text (stmt, 1, d->declaration, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, d->id);
}

static void
bind_override (sqlite3_stmt *stmt,
               gpointer      data)
{
  DeclarationData *d = data;

  sqlite3_bind_int64 (stmt, 1, d->id);
  sqlite3_bind_int64 (stmt, 2, now_seconds ());
  sqlite3_bind_text (stmt, 3, d->removed, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, d->reason, -1, SQLITE_TRANSIENT);
}

gboolean
sg_drafts_set_declaration (SgStore     *store,
                           gint64       id,
                           const char  *declaration,
                           const char  *removed,
                           const char  *reason,
                           GError     **error)
{
  DeclarationData d = { id, declaration, removed, reason };

  g_return_val_if_fail (SG_IS_STORE (store), FALSE);

  if (!run (store, "UPDATE drafts SET declaration = ?1 WHERE id = ?2", bind_declaration, &d,
            NULL, NULL, error))
    return FALSE;

  if (removed != NULL && *removed != '\0')
    return run (store, "INSERT INTO overrides (draft_id, at, rule_id, match_text, reason) "
                       "VALUES (?1, ?2, 'conflict-of-interest.declaration-removed', ?3, ?4)",
                bind_override, &d, NULL, NULL, error);
  return TRUE;
}

typedef struct {
  gint64      id;
  const char *rule_id;
  const char *match;
} IgnoreData;

static void
bind_ignore (sqlite3_stmt *stmt,
             gpointer      data)
{
  IgnoreData *d = data;

  sqlite3_bind_int64 (stmt, 1, d->id);
  sqlite3_bind_text (stmt, 2, d->rule_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, d->match, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, now_seconds ());
}

gboolean
sg_drafts_add_ignore (SgStore     *store,
                      gint64       id,
                      const char  *rule_id,
                      const char  *match_text,
                      GError     **error)
{
  IgnoreData d = { id, rule_id, match_text };

  g_return_val_if_fail (SG_IS_STORE (store), FALSE);

  return run (store,
              "INSERT OR IGNORE INTO draft_ignores (draft_id, rule_id, match_text, created_at) "
              "VALUES (?1, ?2, ?3, ?4)",
              bind_ignore, &d, NULL, NULL, error);
}

static void
row_ignore (sqlite3_stmt *stmt,
            gpointer      data)
{
  g_autofree char *key = g_strdup_printf ("%s\x1f%s",
                                          (const char *) sqlite3_column_text (stmt, 0),
                                          (const char *) sqlite3_column_text (stmt, 1));
  g_strv_builder_add (data, key);
}

GStrv
sg_drafts_list_ignores (SgStore  *store,
                        gint64    id,
                        GError  **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (SG_IS_STORE (store), NULL);

  if (!run (store, "SELECT rule_id, match_text FROM draft_ignores WHERE draft_id = ?1",
            sg_store_bind_id, &id, row_ignore, builder, error))
    return NULL;

  return g_strv_builder_end (builder);
}
