/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sg-consent-bar.h"
#include "sg-draft-checker.h"
#include "sg-finding-row.h"

G_BEGIN_DECLS

/* The guidance beside the draft: the verdict ("Do not post as written", "Review 2 items",
 * "Ready to post"), the patient's consent (SgConsentBar), and a row for each finding of an
 * SgDraftChecker, grouped by principle, the principles ordered by the most serious finding in
 * each. A row's buttons come out as "row-action" (the row's action name, and the row);
 * activating a row is the list's own "row-activated" (sg_guidance_sidebar_get_list). */
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
/* The findings in the sidebar's order (SgFinding*, not owned by the array). */
GPtrArray    *sg_guidance_sidebar_list_findings   (SgGuidanceSidebar *self);
/* The text finding under @iter (or starting at it), or NULL. */
SgFinding    *sg_guidance_sidebar_get_finding_at  (SgGuidanceSidebar *self,
                                                   const GtkTextIter *iter);

G_END_DECLS
