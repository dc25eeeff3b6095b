/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sg-store.h"

G_BEGIN_DECLS

/* A fresh store in a new folder under the temporary directory (its name from @prefix, e.g.
 * "sg-drafts"); the folder's path is put in @dir_out. */
SgStore *sg_test_store_open  (const char  *prefix,
                              char       **dir_out);
/* Closes @store (it must be the last reference), then as sg_test_store_remove(). */
void     sg_test_store_close (SgStore     *store,
                              char        *dir);
/* Deletes the store file in @dir, its -wal and -shm, and the folder, and frees @dir. */
void     sg_test_store_remove (char       *dir);

G_END_DECLS
