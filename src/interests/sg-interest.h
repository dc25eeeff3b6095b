/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The categories used by ICMJE, Disclosure UK and NHS England registers; the strings are the
 * JSON exchange format's. */
typedef enum {
  SG_INTEREST_EMPLOYMENT,
  SG_INTEREST_CONSULTANCY,
  SG_INTEREST_SPEAKER_FEES,
  SG_INTEREST_RESEARCH_FUNDING,
  SG_INTEREST_SHARES,
  SG_INTEREST_SPONSORSHIP,
  SG_INTEREST_ROYALTIES,
  SG_INTEREST_GIFTS,
  SG_INTEREST_NON_FINANCIAL_PROFESSIONAL,
  SG_INTEREST_NON_FINANCIAL_PERSONAL,
  SG_N_INTEREST_CATEGORIES
} SgInterestCategory;

/* The largest amount a declaration takes. */
#define SG_INTEREST_MAX_AMOUNT 1e9

typedef struct {
  gint64              id;            /* 0 until stored */
  char               *organisation;
  GStrv               aliases;
  GStrv               products;
  SgInterestCategory  category;
  gboolean            paid_to_institution;
  gboolean            has_amount;
  double              amount;
  char               *currency;      /* ISO 4217, or NULL */
  char               *started;       /* YYYY-MM-DD, or NULL */
  char               *ended;         /* YYYY-MM-DD, or NULL */
  char               *notes;
} SgInterest;

#define SG_TYPE_INTEREST (sg_interest_get_type ())
GType       sg_interest_get_type               (void) G_GNUC_CONST;
SgInterest *sg_interest_new                    (const char         *organisation,
                                                SgInterestCategory  category);
SgInterest *sg_interest_copy                   (const SgInterest   *interest);
void        sg_interest_free                   (SgInterest         *interest);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgInterest, sg_interest_free)

/* A date as typed in a form: day first as in the UK (12/09/2024, 12.9.2024) becomes
 * "2024-09-12"; anything else is returned trimmed, for validation to judge; NULL when empty. */
char       *sg_interest_date_from_user      (const char         *text);
/* The category as a person reads it, translated ("Speaker fees and honoraria"). */
const char *sg_interest_category_title        (SgInterestCategory  category);
const char *sg_interest_category_to_string     (SgInterestCategory  category);
gboolean    sg_interest_category_from_string   (const char         *str,
                                                SgInterestCategory *out);

/* Checks what a form or an import must: an organisation, real dates, an end not before the
 * start, a three-letter currency. The message says what to correct. */
gboolean    sg_interest_validate               (const SgInterest   *interest,
                                                GError            **error);

/* Declarable on @today (YYYY-MM-DD): active, or ended less than @window_months ago. */
gboolean    sg_interest_is_declarable          (const SgInterest   *interest,
                                                const char         *today,
                                                guint               window_months);

/* The JSON exchange format of the issue: one object per interest. */
JsonNode   *sg_interest_to_json                (const SgInterest   *interest);
SgInterest *sg_interest_from_json              (JsonNode           *node,
                                                GError            **error);
/* An array of interests; all or nothing, each error names the element ("item 3: …"). */
GPtrArray  *sg_interests_from_json_data        (const char         *data,
                                                gssize              len,
                                                GError            **error);
char       *sg_interests_to_json_data          (GPtrArray          *interests);

G_END_DECLS
