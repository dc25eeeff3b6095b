/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where a direct post has got to, for a progress display: photo @current of @total is being
 * uploaded, or (@total 0) the text is being sent, or (@total SG_POST_PROGRESS_WAITING) the
 * server limits how often one may post and the client waits until @current (Unix time, in
 * seconds) to send it again. Always called on the main context of the thread that started
 * the post. */
#define SG_POST_PROGRESS_WAITING G_MAXUINT

typedef void (*SgPostProgressFunc) (guint    current,
                                    guint    total,
                                    gpointer user_data);

G_END_DECLS
