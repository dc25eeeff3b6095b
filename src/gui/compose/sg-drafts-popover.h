/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sg-context.h"

G_BEGIN_DECLS

/* The saved drafts behind Compose's "Drafts" button, newest first, read from the store each
 * time it opens. "opening" comes just before the store is read, so the page can save the
 * draft being written and its row is current; "draft-activated" carries the id of the one
 * chosen (the popover has closed by then). "New Draft" is the page's compose.new-draft. */
#define SG_TYPE_DRAFTS_POPOVER (sg_drafts_popover_get_type ())
G_DECLARE_FINAL_TYPE (SgDraftsPopover, sg_drafts_popover, SG, DRAFTS_POPOVER, GtkPopover)

/* Where the store comes from; until then (and while there is no store) the list stays as it
 * is. */
void sg_drafts_popover_set_context (SgDraftsPopover *self,
                                    SgContext       *context);

G_END_DECLS
