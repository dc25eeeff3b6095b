/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sg-draft-consent.h"
#include "sg-store.h"

G_BEGIN_DECLS

/* The patient's consent recorded on the open draft: a line at the top of the guidance sidebar
 * ("Consent recorded 12 Sep 2026 — Withdraw"), hidden when there is none. It owns reading,
 * recording and withdrawing it, so Compose only says which draft is open and asks for the
 * dialog. "notify::consent" tells when it changed. */
#define SG_TYPE_CONSENT_BAR (sg_consent_bar_get_type ())
G_DECLARE_FINAL_TYPE (SgConsentBar, sg_consent_bar, SG, CONSENT_BAR, GtkWidget)

GtkWidget            *sg_consent_bar_new          (void);
/* Reads the consent of @draft_id (-1: none open) from @store, off the main loop. */
void                  sg_consent_bar_set_draft    (SgConsentBar *self,
                                                   SgStore      *store,
                                                   gint64        draft_id);
/* The consent recorded on the open draft, or NULL. */
const SgDraftConsent *sg_consent_bar_get_consent  (SgConsentBar *self);
/* "Patient Consented…": the dialog, then the store. */
void                  sg_consent_bar_record       (SgConsentBar *self);
void                  sg_consent_bar_withdraw     (SgConsentBar *self);

G_END_DECLS
