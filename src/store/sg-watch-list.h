/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sg-store.h"

G_BEGIN_DECLS

/* The user's local names (workplace, wards, town, colleagues) that the engine should treat
 * as identifying. Stored in the watch_list table. These do I/O: call them off the main loop. */
GStrv    sg_watch_list_load   (SgStore     *store,
                               GError     **error);
gboolean sg_watch_list_add    (SgStore     *store,
                               const char  *term,
                               const char  *kind,
                               GError     **error);
gboolean sg_watch_list_remove (SgStore     *store,
                               const char  *term,
                               GError     **error);

G_END_DECLS
