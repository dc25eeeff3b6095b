/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sg-finding.h"

G_BEGIN_DECLS

#define SG_TYPE_FINDING_ROW (sg_finding_row_get_type ())
G_DECLARE_FINAL_TYPE (SgFindingRow, sg_finding_row, SG, FINDING_ROW, GtkListBoxRow)

/* One finding in the guidance sidebar. The row keeps two marks on its text in the buffer, so
 * selecting and fixing it still work after the user has typed elsewhere. */
SgFindingRow  *sg_finding_row_new         (SgFinding     *finding,
                                           GtkTextBuffer *buffer,
                                           GtkTextIter   *start,
                                           GtkTextIter   *end);
SgFinding     *sg_finding_row_get_finding (SgFindingRow  *self);
const SgFix   *sg_finding_row_get_text_fix (SgFindingRow *self);
void           sg_finding_row_get_bounds  (SgFindingRow  *self,
                                           GtkTextIter   *start,
                                           GtkTextIter   *end);
/* The patient's consent recorded on the draft ("YYYY-MM-DD", or NULL for none). A
 * confidentiality finding offers "Patient Consented…" without it and says with it that the
 * post should still share only what they agreed to; other findings ignore it. */
void           sg_finding_row_set_consent (SgFindingRow  *self,
                                           const char    *given_on);
/* Removes the marks from the buffer; called when the row is dropped. */
void           sg_finding_row_detach      (SgFindingRow  *self);

G_END_DECLS
