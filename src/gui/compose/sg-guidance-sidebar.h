/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sg-consent-bar.h"
#include "sg-draft-checker.h"
#include "sg-finding-row.h"

G_BEGIN_DECLS

/* The guidance beside the draft: the verdict ("Do not post as written", "Review 2 items",
 * "Ready to post", from the checker's counts), the patient's consent (SgConsentBar), and a row
 * bound to each item of an SgDraftChecker's model (gtk_list_box_bind_model), in its order:
 * grouped by principle under a heading, the principles ordered by the most serious finding in
 * each. What a row's buttons ask comes out here under the row's own signal names
 * ("fix-requested", "ignore-here", "ignore-everywhere", "add-to-watch-list",
 * "consent-requested"), with the row's SgFindingItem; activating a row is the list's own
 * "row-activated" (sg_guidance_sidebar_get_list). */
#define SG_TYPE_GUIDANCE_SIDEBAR (sg_guidance_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (SgGuidanceSidebar, sg_guidance_sidebar, SG, GUIDANCE_SIDEBAR, GtkWidget)

/* Follows @checker's findings; NULL lets go of it and drops the rows. */
void          sg_guidance_sidebar_set_checker     (SgGuidanceSidebar *self,
                                                   SgDraftChecker    *checker);
GtkListBox   *sg_guidance_sidebar_get_list        (SgGuidanceSidebar *self);
SgConsentBar *sg_guidance_sidebar_get_consent_bar (SgGuidanceSidebar *self);
const char   *sg_guidance_sidebar_get_verdict     (SgGuidanceSidebar *self);
/* The findings of each severity shown. */
guint         sg_guidance_sidebar_get_count       (SgGuidanceSidebar *self,
                                                   SgSeverity         severity);
/* The findings in the sidebar's order (SgFinding*, a reference each). */
GPtrArray    *sg_guidance_sidebar_list_findings   (SgGuidanceSidebar *self);
/* The text finding under @iter (or starting at it), or NULL. */
SgFinding    *sg_guidance_sidebar_get_finding_at  (SgGuidanceSidebar *self,
                                                   const GtkTextIter *iter);

G_END_DECLS
