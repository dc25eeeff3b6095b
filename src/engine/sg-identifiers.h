/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sg-identifiers.h — candidate direct patient identifiers in a draft.
 *
 * The scanner finds *candidates* and reports facts about each one (check digit, calendar
 * validity, cue words, patient context, negated frame). It never decides severity: the
 * analyzer combines these facts, because the GMC (Using social media 2024 ¶19, 2013 ¶13)
 * makes identifiability a property of the whole post ("the sum of published information"),
 * not of one token.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  SG_IDENTIFIER_NHS_NUMBER,      /* 10 digits: "9434765919", "943 476 5919", "943-476-5919" */
  SG_IDENTIFIER_CHI_NUMBER,      /* Scotland: DDMMYY + 4, mod 11; needs a CHI cue or Scottish context */
  SG_IDENTIFIER_HC_NUMBER,       /* N. Ireland Health & Care number; needs an H&C cue or NI context */
  SG_IDENTIFIER_HOSPITAL_NUMBER, /* MRN / hospital / unit / K / RN number after a cue word */
  SG_IDENTIFIER_POSTCODE,        /* full UK postcode; outward code alone only after "postcode" */
  SG_IDENTIFIER_PHONE,           /* UK 01/02/03/07/08 numbers, +44 and (0xxx) forms */
  SG_IDENTIFIER_EMAIL,
  SG_IDENTIFIER_DATE,            /* valid calendar dates with at least a day and a month */
  SG_IDENTIFIER_AGE,             /* exact ages: "78-year-old", "aged 78", "78yo", "78M", "a man of 78" */
  SG_IDENTIFIER_AGE_BAND,        /* "in his 80s", "late teens", "40-something", "elderly", "toddler" */
  SG_IDENTIFIER_LOCATION_UNIT,   /* "bed 7", "bay 4", "cubicle 3", "resus 2", "side room 5", "Larch ward" */
  SG_IDENTIFIER_HANDLE,          /* @handles (not e-mail addresses) */
  SG_IDENTIFIER_TITLED_NAME,     /* honorific + capitalised name: "Mrs J. Patel", "Dr Jones" */
  SG_IDENTIFIER_INITIALS,        /* "pt JS", "J.S.", "Mr J" — only next to a patient cue */
} SgIdentifierKind;

typedef enum {
  SG_IDENTIFIER_FLAG_NONE            = 0,
  SG_IDENTIFIER_FLAG_CHECKSUM_VALID  = 1 << 0, /* mod 11 passes (NHS/CHI/H&C) */
  SG_IDENTIFIER_FLAG_CHECKSUM_FAILS  = 1 << 1, /* mod 11 fails, including check digit 10 */
  SG_IDENTIFIER_FLAG_CUE             = 1 << 2, /* a cue word nearby names the kind */
  SG_IDENTIFIER_FLAG_PATIENT_CONTEXT = 1 << 3, /* a patient cue within ~12 words */
  SG_IDENTIFIER_FLAG_NEGATED         = 1 << 4, /* negated/instructional frame in the clause */
  SG_IDENTIFIER_FLAG_BIRTH           = 1 << 5, /* DATE is a date of birth */
  SG_IDENTIFIER_FLAG_ADMISSION       = 1 << 6, /* DATE is an admission/death/discharge date */
  SG_IDENTIFIER_FLAG_PUBLIC_SERVICE  = 1 << 7, /* PHONE/EMAIL is a service's public contact */
} SgIdentifierFlags;

typedef struct {
  SgIdentifierKind  kind;
  SgIdentifierFlags flags;
  gsize             start;   /* byte offsets into the text, [start, end) */
  gsize             end;
  gint              value;   /* AGE: years (0 for "6-month-old"); AGE_BAND: lower bound of the
                              * band (80 for "80s", 87 for "late 80s"), -1 unknown; DATE: year
                              * or 0; TITLED_NAME: 1 patient-style honorific
                              * (Mr/Mrs/Ms/Miss/Mx/Master), 2 Dr/Prof; otherwise 0 */
} SgIdentifier;

/* Appends every identifier found in @text (valid UTF-8; NUL bytes within @len are allowed;
 * @len -1 means NUL-terminated) to @out, a GArray of SgIdentifier, in order of start offset
 * and non-overlapping per kind. Returns the number appended. Thread-safe. */
guint        sg_identifiers_scan          (const char       *text,
                                           gssize            len,
                                           GArray           *out);

/* Modulus 11 over ten ASCII digits (weights 10..2). FALSE when the check digit would be 10
 * or any byte is not a digit. */
gboolean     sg_identifiers_nhs_checksum  (const char        digits[10]);

/* "nhs-number", "chi-number", "hc-number", "hospital-number", "postcode", "phone", "email",
 * "date", "age", "age-band", "location-unit", "handle", "titled-name", "initials". */
const char  *sg_identifier_kind_to_string (SgIdentifierKind  kind);

G_END_DECLS
