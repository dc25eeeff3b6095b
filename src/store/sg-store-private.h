/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sg-store-sql.h"

G_BEGIN_DECLS

/* The store's internals, for the files of src/store only; other subsystems use
 * sg-store-sql.h. */

/* sg-store-migrations.c */
gboolean  sg_store_migrate         (sqlite3    *db,
                                    int         from_version,
                                    GError    **error);

G_END_DECLS
