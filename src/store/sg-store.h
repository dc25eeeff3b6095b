/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The newest schema this build knows. A database with a larger PRAGMA user_version was
 * written by a newer SocialGuard and is never touched. */
#define SG_STORE_SCHEMA_VERSION 6

typedef enum {
  SG_STORE_OPEN_DEFAULT   = 0,
  /* For socialguard-check --db: never writes, never migrates, takes no backup. */
  SG_STORE_OPEN_READ_ONLY = 1 << 0,
  /* Skip the once-a-day safety copy (tests and the command line). */
  SG_STORE_OPEN_NO_BACKUP = 1 << 1,
} SgStoreOpenFlags;

#define SG_TYPE_STORE (sg_store_get_type ())
G_DECLARE_FINAL_TYPE (SgStore, sg_store, SG, STORE, GObject)

char       *sg_store_get_default_path  (void);
char       *sg_store_get_backup_path   (const char          *path);

SgStore    *sg_store_open              (const char          *path,
                                        SgStoreOpenFlags     flags,
                                        GCancellable        *cancellable,
                                        GError             **error);
void        sg_store_open_async        (const char          *path,
                                        SgStoreOpenFlags     flags,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
SgStore    *sg_store_open_finish       (GAsyncResult        *result,
                                        GError             **error);

const char *sg_store_get_path          (SgStore             *self);
int         sg_store_get_schema_version (SgStore            *self);
gboolean    sg_store_is_read_only      (SgStore             *self);

/* Renames a database that cannot be opened (and its -wal/-shm files) to
 * "<path>.damaged-YYYYMMDD-HHMMSS" so a fresh one can be created. Nothing is deleted. */
gboolean    sg_store_move_aside        (const char          *path,
                                        char               **moved_to,
                                        GError             **error);
void        sg_store_move_aside_async  (const char          *path,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
char       *sg_store_move_aside_finish (GAsyncResult        *result,
                                        GError             **error);

/* Moves the damaged file aside, then puts a copy of the last daily backup in its place. */
gboolean    sg_store_restore_backup    (const char          *path,
                                        char               **moved_to,
                                        GError             **error);
gboolean    sg_store_has_backup        (const char          *path);

G_END_DECLS
