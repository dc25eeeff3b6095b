/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Find in the draft (Ctrl+F): a search bar over the editor that selects each match in turn,
 * case-insensitively, and says how many there are. Enter and Ctrl+G go to the next match,
 * Shift+Enter and Ctrl+Shift+G to the previous one; Escape closes it and puts the cursor back
 * in the draft, on the match. */
#define SG_TYPE_FIND_BAR (sg_find_bar_get_type ())
G_DECLARE_FINAL_TYPE (SgFindBar, sg_find_bar, SG, FIND_BAR, GtkWidget)

void sg_find_bar_set_view (SgFindBar   *self,
                           GtkTextView *view);
/* Shows the bar with the focus in it, starting from the selected text if there is some. */
void sg_find_bar_open     (SgFindBar   *self);
/* "3 of 5", "No matches", or "" when nothing is searched for. */
const char *sg_find_bar_get_status (SgFindBar *self);

G_END_DECLS
