/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sg-draft-consent.h"

G_BEGIN_DECLS

/* "Patient Consented…": asks the doctor to confirm that the patient (or someone entitled to act
 * for them) gave explicit consent, on which day, how it was recorded, and what they agreed to.
 * Responses: "cancel", and "record", enabled only when the confirmation is ticked, the date is a
 * real day no later than today and a way of recording is chosen. */
#define SG_TYPE_CONSENT_DIALOG (sg_consent_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SgConsentDialog, sg_consent_dialog, SG, CONSENT_DIALOG, AdwMessageDialog)

/* @current: the consent already recorded, to start from, or NULL (today, nothing chosen). */
SgConsentDialog *sg_consent_dialog_new          (GtkWindow            *parent,
                                                 const SgDraftConsent *current);
/* What was entered, for @draft_id; NULL unless the "record" response is enabled. */
SgDraftConsent  *sg_consent_dialog_dup_consent  (SgConsentDialog      *self,
                                                 gint64                draft_id);

G_END_DECLS
