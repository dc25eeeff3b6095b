/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes an X archive's data/tweets.js (the posts file taken out of the zip, which the
 * reader accepts as it is) at @path: @n_posts tweets, the i-th with the text @texts[i % n]
 * (no double quotes or backslashes), id_str "1000" + i, dated 1 June of 2016 + i % 8 at
 * i seconds past noon. */
void sg_test_archive_write_tweets (const char          *path,
                                   const char * const  *texts,
                                   guint                n_posts);

G_END_DECLS
