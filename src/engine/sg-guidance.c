/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sg-guidance.h"

static const char * const category_ids[SG_N_CATEGORIES] = {
  "confidentiality", "boundaries", "respect", "defamation", "anonymity",
  "conflict-of-interest", "prescribing", "advertising", "privacy", "professionalism",
};

static const char * const category_titles[SG_N_CATEGORIES] = {
  N_("Confidentiality"), N_("Boundaries"), N_("Respect for others"), N_("Defamation"),
  N_("Anonymity"), N_("Conflicts of interest"), N_("Prescribing"), N_("Advertising"),
  N_("Your privacy"), N_("Professionalism"),
};

static const char * const severity_ids[] = { "info", "warning", "error" };
static const char * const audience_ids[SG_N_AUDIENCES] = { "public", "closed", "private" };
static const char * const role_ids[SG_N_ROLES] = {
  "doctor", "physician-associate", "anaesthesia-associate", "medical-student",
};

static gboolean
lookup (const char         *str,
        const char * const *ids,
        guint               n_ids,
        guint              *out)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < n_ids; i++)
    if (g_str_equal (str, ids[i]))
      {
        *out = i;
        return TRUE;
      }

  return FALSE;
}

const char *
sg_category_to_string (SgCategory category)
{
  g_return_val_if_fail (category < SG_N_CATEGORIES, NULL);
  return category_ids[category];
}

gboolean
sg_category_from_string (const char *str,
                         SgCategory *category)
{
  guint i;

  if (!lookup (str, category_ids, G_N_ELEMENTS (category_ids), &i))
    return FALSE;
  *category = i;
  return TRUE;
}

const char *
sg_category_get_title (SgCategory category)
{
  g_return_val_if_fail (category < SG_N_CATEGORIES, NULL);
  return g_dgettext (GETTEXT_PACKAGE, category_titles[category]);
}

const char *
sg_severity_to_string (SgSeverity severity)
{
  g_return_val_if_fail (severity <= SG_SEVERITY_ERROR, NULL);
  return severity_ids[severity];
}

gboolean
sg_severity_from_string (const char *str,
                         SgSeverity *severity)
{
  guint i;

  if (!lookup (str, severity_ids, G_N_ELEMENTS (severity_ids), &i))
    return FALSE;
  *severity = i;
  return TRUE;
}

const char *
sg_audience_to_string (SgAudience audience)
{
  g_return_val_if_fail (audience < SG_N_AUDIENCES, NULL);
  return audience_ids[audience];
}

gboolean
sg_audience_from_string (const char *str,
                         SgAudience *audience)
{
  guint i;

  if (!lookup (str, audience_ids, G_N_ELEMENTS (audience_ids), &i))
    return FALSE;
  *audience = i;
  return TRUE;
}

guint
sg_image_fact_from_string (const char *str)
{
  static const struct { const char *name; SgImageFacts fact; } facts[] = {
    { "location", SG_IMAGE_FACT_LOCATION },
    { "owner", SG_IMAGE_FACT_OWNER },
    { "serial", SG_IMAGE_FACT_SERIAL },
    { "device", SG_IMAGE_FACT_DEVICE },
    { "software", SG_IMAGE_FACT_SOFTWARE },
    { "thumbnail", SG_IMAGE_FACT_THUMBNAIL },
    { "taken-at", SG_IMAGE_FACT_TAKEN_AT },
    { "unreadable", SG_IMAGE_FACT_UNREADABLE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (facts); i++)
    if (g_strcmp0 (str, facts[i].name) == 0)
      return facts[i].fact;
  return 0;
}

const char *
sg_role_to_string (SgRole role)
{
  g_return_val_if_fail (role < SG_N_ROLES, NULL);
  return role_ids[role];
}

gboolean
sg_role_from_string (const char *str,
                     SgRole     *role)
{
  guint i;

  if (!lookup (str, role_ids, G_N_ELEMENTS (role_ids), &i))
    return FALSE;
  *role = i;
  return TRUE;
}
