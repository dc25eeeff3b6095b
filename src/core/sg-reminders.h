/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sg-store.h"

G_BEGIN_DECLS

/* The text of a "privacy review due" reminder for the profiles due on @today (YYYY-MM-DD),
 * or FALSE when none is due. Reads the store: call it off the main loop. */
gboolean sg_reminders_compose (SgStore     *store,
                               const GDate *today,
                               char       **title,
                               char       **body,
                               GError     **error);

G_END_DECLS
