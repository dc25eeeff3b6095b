/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sg-store.h"

G_BEGIN_DECLS

/* The patient's explicit consent to a case story being shared (GMC Confidentiality 2017 ¶8,
 * ¶34: publishing identifiable information needs it, and even then only what is needed). It is
 * the doctor's answer, recorded with the draft: it does not stop the draft being checked. */
typedef struct {
  gint64  draft_id;
  char   *given_on;     /* the day consent was given, "YYYY-MM-DD" */
  char   *recorded_in;  /* "written" (a consent form), "notes" (their records), "other" */
  char   *note;         /* what they agreed to, in the doctor's words; "" when none */
  gint64  recorded_at;  /* Unix seconds, when it was recorded here */
} SgDraftConsent;

#define SG_TYPE_DRAFT_CONSENT (sg_draft_consent_get_type ())
GType           sg_draft_consent_get_type  (void) G_GNUC_CONST;
SgDraftConsent *sg_draft_consent_copy      (const SgDraftConsent *consent);
void            sg_draft_consent_free      (SgDraftConsent       *consent);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgDraftConsent, sg_draft_consent_free)

/* These do I/O on the store: call them from a worker thread, never the main loop. */
/* Records (or replaces) the consent of @consent->draft_id; refuses a date that is not a real
 * day, or is later than today, and an unknown @recorded_in (SG_ERROR_INVALID_INPUT). */
gboolean        sg_draft_consent_save      (SgStore              *store,
                                            const SgDraftConsent *consent,
                                            GError              **error);
/* The draft's consent, or NULL (without error) when none is recorded. */
SgDraftConsent *sg_draft_consent_load      (SgStore              *store,
                                            gint64                draft_id,
                                            GError              **error);
/* Removes it: the patient withdrew consent, or it was recorded by mistake. */
gboolean        sg_draft_consent_withdraw  (SgStore              *store,
                                            gint64                draft_id,
                                            GError              **error);

/* No I/O. */
/* Reads a date as a UK doctor types it: "12/09/2026", "12-9-26", "12.09.2026", "2026-09-12",
 * "12 Sep 2026", "12 September 2026" (day first, always). @today is the last day allowed.
 * Returns "YYYY-MM-DD", or NULL with a message a doctor understands. */
char           *sg_consent_parse_date      (const char           *text,
                                            const GDate          *today,
                                            GError              **error);
/* "12 Sep 2026" for "2026-09-12"; a copy of @iso when it cannot be read. */
char           *sg_consent_format_date     (const char           *iso);
/* "in a written consent form", "in their notes", "another way": how it was recorded. */
const char     *sg_consent_recorded_in_label (const char         *recorded_in);
/* "given 12 Sep 2026, in their notes" and, when there is one, "; “note”". */
char           *sg_consent_describe        (const char           *given_on,
                                            const char           *recorded_in,
                                            const char           *note);

G_END_DECLS
