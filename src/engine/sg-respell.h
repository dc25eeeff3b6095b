/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The usual spelling of a common misspelling ("perscription", "collegue",
 * "paitent"), or NULL. @word is a folded word (lower case). Only forms that are never
 * an English word themselves are listed, so respelling cannot change a correct draft. */
const char *sg_respell (const char *word);

/* For the tests: the table is sorted, no typed form is its own meaning, and sg_respell() finds
 * every entry. */
gboolean    sg_respell_table_is_sound (void);

G_END_DECLS
