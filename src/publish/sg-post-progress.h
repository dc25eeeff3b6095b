/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where a direct post has got to, for a progress display: photo @current of @total is being
 * uploaded, or (@total 0) the text is being sent. Always called on the main context of the
 * thread that started the post. */
typedef void (*SgPostProgressFunc) (guint    current,
                                    guint    total,
                                    gpointer user_data);

G_END_DECLS
