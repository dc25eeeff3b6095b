/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A cheap guess at the language of a post, for proposing the language a post is labelled
 * with: "cy" when it reads as Welsh, otherwise NULL (no opinion; the user's setting stands).
 * Only Welsh is guessed: it is the other language UK doctors most often post in, and its
 * function words and its ŵ and ŷ are rare in English. */
const char *sg_language_guess (const char *text);

G_END_DECLS
