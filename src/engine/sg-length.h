/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "sg-platform.h"

G_BEGIN_DECLS

/* The length of @text as @platform counts it, so the counter in Compose agrees with the
 * platform's own: X weighs CJK and emoji as two and every URL as 23; Mastodon counts a URL
 * as 23; Bluesky counts graphemes; the others count code points. */
guint sg_length_count (const SgPlatform *platform,
                       const char       *text,
                       gssize            len);

G_END_DECLS
