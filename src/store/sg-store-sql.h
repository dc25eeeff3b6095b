/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "sg-store.h"

G_BEGIN_DECLS

/* For the subsystems that keep their own tables in the store's file (interests, review,
 * audit): the connection, its lock and the statement helpers, so that they neither write
 * prepare/step/finalize loops by hand nor reach into the store's internals
 * (sg-store-private.h). Every read or write of user data goes through the lock, so that one
 * connection is used by one thread at a time whatever thread the GTask landed on. */
sqlite3  *sg_store_lock            (SgStore    *self);
void      sg_store_unlock          (SgStore    *self);

/* Runs @sql, which binds nothing and returns no rows ("BEGIN IMMEDIATE", "COMMIT"). */
gboolean  sg_store_exec            (sqlite3    *db,
                                    const char *sql,
                                    GError    **error);
/* Sets @error from @db's last error in words a doctor understands (damaged, busy, disk),
 * naming @what ("interests") where the words need it. */
void      sg_store_set_error       (GError    **error,
                                    sqlite3    *db,
                                    const char *what);

/* Runs @sql with the store locked: binds with @bind, calls @row for each row; on failure the
 * error names @what ("drafts"). A step that fails half-way is an error, not fewer rows. */
typedef void (*SgStoreBind) (sqlite3_stmt *stmt, gpointer data);
typedef void (*SgStoreRow)  (sqlite3_stmt *stmt, gpointer data);
gboolean  sg_store_run             (SgStore     *self,
                                    const char  *sql,
                                    SgStoreBind  bind,
                                    gpointer     bind_data,
                                    SgStoreRow   row,
                                    gpointer     row_data,
                                    const char  *what,
                                    GError     **error);
/* The same on @db, which the caller holds with sg_store_lock(): for several statements in one
 * transaction, or to read sqlite3_last_insert_rowid() or sqlite3_changes() after. */
gboolean  sg_store_run_locked      (sqlite3     *db,
                                    const char  *sql,
                                    SgStoreBind  bind,
                                    gpointer     bind_data,
                                    SgStoreRow   row,
                                    gpointer     row_data,
                                    const char  *what,
                                    GError     **error);

/* Binds @value as text at @i, or SQL NULL when it is NULL (an absent field, not ""). */
void      sg_store_bind_text       (sqlite3_stmt *stmt,
                                    int           i,
                                    const char   *value);

/* The two callbacks most statements need: binds the gint64 that @id points to as parameter 1
 * ("WHERE id = ?1"), and keeps column 0 of a row as the gint64 that @id points to (an id
 * looked up, or one that "RETURNING id" gives back). */
void      sg_store_bind_id         (sqlite3_stmt *stmt,
                                    gpointer      id);
void      sg_store_row_id          (sqlite3_stmt *stmt,
                                    gpointer      id);

G_END_DECLS
