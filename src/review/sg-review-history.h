/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sg-store.h"

G_BEGIN_DECLS

/* Every completed privacy review with its answers and notes, as a self-contained, printable
 * HTML page for appraisal and revalidation portfolios. Reads the store: off the main loop. */
char *sg_review_history_to_html (SgStore  *store,
                                 GError  **error);

G_END_DECLS
