/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The contract of DESIGN.md: the first segment of every rule id and the `category` field. */
typedef enum {
  SG_CATEGORY_CONFIDENTIALITY,
  SG_CATEGORY_BOUNDARIES,
  SG_CATEGORY_RESPECT,
  SG_CATEGORY_DEFAMATION,
  SG_CATEGORY_ANONYMITY,
  SG_CATEGORY_CONFLICT_OF_INTEREST,
  SG_CATEGORY_PRESCRIBING,
  SG_CATEGORY_ADVERTISING,
  SG_CATEGORY_PRIVACY,
  SG_CATEGORY_PROFESSIONALISM,
  SG_N_CATEGORIES
} SgCategory;

/* Ordered: a larger value is more serious. `info` never counts as a flag. */
typedef enum {
  SG_SEVERITY_INFO,
  SG_SEVERITY_WARNING,
  SG_SEVERITY_ERROR,
} SgSeverity;

/* Who can read a post; the platform implies it (GMC Using social media 2024 ¶18 vs ¶20; was 2013
 * ¶12 vs ¶14). */
typedef enum {
  SG_AUDIENCE_PUBLIC,
  SG_AUDIENCE_CLOSED,   /* members-only professional network */
  SG_AUDIENCE_PRIVATE,  /* a group chat */
  SG_N_AUDIENCES
} SgAudience;

/* Who is writing: the GMC's guidance covers doctors, physician associates and anaesthesia
 * associates alike, and medical students through Achieving good medical practice; some
 * findings (prescribing, speaking "as a doctor") are worded, or only apply, by role. */
typedef enum {
  SG_ROLE_DOCTOR,
  SG_ROLE_PHYSICIAN_ASSOCIATE,
  SG_ROLE_ANAESTHESIA_ASSOCIATE,
  SG_ROLE_MEDICAL_STUDENT,
  SG_N_ROLES
} SgRole;

const char *sg_role_to_string       (SgRole       role);
gboolean    sg_role_from_string     (const char  *str,
                                     SgRole      *role);

/* What an attached image's file carries besides its pixels, as image rules name it
 * ("carries": ["location"]). Filled in by whoever read the file (src/photos). */
typedef enum {
  SG_IMAGE_FACT_LOCATION  = 1 << 0,
  SG_IMAGE_FACT_OWNER     = 1 << 1,
  SG_IMAGE_FACT_SERIAL    = 1 << 2,
  SG_IMAGE_FACT_DEVICE    = 1 << 3,
  SG_IMAGE_FACT_SOFTWARE  = 1 << 4,
  SG_IMAGE_FACT_THUMBNAIL = 1 << 5,
  SG_IMAGE_FACT_TAKEN_AT  = 1 << 6,
  SG_IMAGE_FACT_UNREADABLE = 1 << 7, /* the file's details could not be read: it may carry any */
} SgImageFacts;

/* 0 for an unknown name. */
guint       sg_image_fact_from_string (const char *str);

const char *sg_category_to_string   (SgCategory   category);
gboolean    sg_category_from_string (const char  *str,
                                     SgCategory  *category);
/* The principle a category belongs to, as the sidebar groups it ("Confidentiality"). */
const char *sg_category_get_title   (SgCategory   category);

const char *sg_severity_to_string   (SgSeverity   severity);
gboolean    sg_severity_from_string (const char  *str,
                                     SgSeverity  *severity);

const char *sg_audience_to_string   (SgAudience   audience);
gboolean    sg_audience_from_string (const char  *str,
                                     SgAudience  *audience);

G_END_DECLS
