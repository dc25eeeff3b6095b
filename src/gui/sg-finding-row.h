/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sg-finding-item.h"

G_BEGIN_DECLS

#define SG_TYPE_FINDING_ROW (sg_finding_row_get_type ())
G_DECLARE_FINAL_TYPE (SgFindingRow, sg_finding_row, SG, FINDING_ROW, GtkListBoxRow)

/* One finding in the guidance sidebar, bound to an item of SgDraftChecker's model. The row
 * knows nothing of the draft: its buttons say what was asked as signals of their own,
 * "fix-requested", "ignore-here", "ignore-everywhere", "add-to-watch-list" and
 * "consent-requested" (each also the row's action "finding.apply-fix", "finding.ignore-here",
 * "finding.ignore-rule", "finding.add-to-watch-list", "finding.record-consent"), and whoever
 * owns the draft does it. */
SgFindingRow  *sg_finding_row_new          (SgFindingItem *item);
SgFindingItem *sg_finding_row_get_item     (SgFindingRow  *self);
SgFinding     *sg_finding_row_get_finding  (SgFindingRow  *self);
const SgFix   *sg_finding_row_get_text_fix (SgFindingRow  *self);
/* The patient's consent recorded on the draft ("YYYY-MM-DD", or NULL for none). A
 * confidentiality finding offers "Patient Consented…" without it and says with it that the
 * post should still share only what they agreed to; other findings ignore it. */
void           sg_finding_row_set_consent  (SgFindingRow  *self,
                                            const char    *given_on);

G_END_DECLS
