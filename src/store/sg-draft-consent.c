/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <stdlib.h>

#include "sg-draft-consent.h"
#include "sg-error.h"
#include "sg-store-private.h"

G_DEFINE_BOXED_TYPE (SgDraftConsent, sg_draft_consent, sg_draft_consent_copy,
                     sg_draft_consent_free)

static const char *recorded_in_values[] = { "written", "notes", "other" };

SgDraftConsent *
sg_draft_consent_copy (const SgDraftConsent *consent)
{
  SgDraftConsent *copy = g_new0 (SgDraftConsent, 1);

  copy->draft_id = consent->draft_id;
  copy->given_on = g_strdup (consent->given_on);
  copy->recorded_in = g_strdup (consent->recorded_in);
  copy->note = g_strdup (consent->note);
  copy->recorded_at = consent->recorded_at;
  return copy;
}

void
sg_draft_consent_free (SgDraftConsent *consent)
{
  if (consent == NULL)
    return;
  g_free (consent->given_on);
  g_free (consent->recorded_in);
  g_free (consent->note);
  g_free (consent);
}

/* Dates */

static const char *month_names[] = {
  "january", "february", "march", "april", "may", "june", "july", "august", "september",
  "october", "november", "december",
};

/* "sep", "sept" and "september" are all September; fewer than three letters is nothing. */
static int
month_from_name (const char *word)
{
  g_autofree char *folded = g_ascii_strdown (word, -1);
  gsize n = strlen (folded);

  if (n > 0 && folded[n - 1] == '.')
    folded[--n] = '\0';
  if (n < 3)
    return 0;
  for (guint m = 0; m < G_N_ELEMENTS (month_names); m++)
    if (strncmp (month_names[m], folded, n) == 0)
      return m + 1;
  return 0;
}

static gboolean
all_digits (const char *s)
{
  if (*s == '\0')
    return FALSE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

/* Two-digit years are this century: consent is given for a story about to be shared. */
static int
full_year (const char *s)
{
  int year = atoi (s);

  return strlen (s) <= 2 ? 2000 + year : year;
}

char *
sg_consent_parse_date (const char   *text,
                       const GDate  *today,
                       GError      **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_auto(GStrv) parts = NULL;
  int day = 0, month = 0, year = 0;
  GDate date;

  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  parts = g_regex_split_simple ("[\\s/.,-]+", trimmed, 0, 0);
  if (g_strv_length (parts) == 3 && strlen (parts[0]) == 4 && all_digits (parts[0]) &&
      all_digits (parts[1]) && all_digits (parts[2]))
    {
      /* 2026-09-12 */
      year = atoi (parts[0]);
      month = atoi (parts[1]);
      day = atoi (parts[2]);
    }
  else if (g_strv_length (parts) == 3 && all_digits (parts[0]) && strlen (parts[0]) <= 2 &&
           all_digits (parts[2]) && (strlen (parts[2]) == 2 || strlen (parts[2]) == 4))
    {
      /* 12/09/2026, 12 Sep 2026: the day always comes first in the UK. */
      day = atoi (parts[0]);
      month = all_digits (parts[1]) ? atoi (parts[1]) : month_from_name (parts[1]);
      year = full_year (parts[2]);
    }

  if (*trimmed == '\0')
    {
      g_set_error_literal (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                           _("Enter the date consent was given, such as 12/09/2026."));
      return NULL;
    }
  if (year < 1900 || month < 1 || month > 12 || day < 1 ||
      !g_date_valid_dmy (day, month, year))
    {
      g_set_error_literal (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                           _("That is not a date SocialGuard can read. Write it as day, month "
                             "and year, such as 12/09/2026."));
      return NULL;
    }

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  if (g_date_compare (&date, today) > 0)
    {
      g_set_error_literal (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                           _("That date is in the future. Consent is recorded once it has been "
                             "given."));
      return NULL;
    }
  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

static gboolean
read_iso (const char *iso,
          GDate      *date)
{
  unsigned y, m, d;
  char end;

  g_date_clear (date, 1);
  if (iso == NULL || sscanf (iso, "%4u-%2u-%2u%c", &y, &m, &d, &end) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

char *
sg_consent_format_date (const char *iso)
{
  static const char *abbrev[] = {
    N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"), N_("Jul"), N_("Aug"),
    N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec"),
  };
  GDate date;

  /* Spelt out rather than by the locale: "12 Sep 2026" cannot be misread as 9 December. */
  if (!read_iso (iso, &date))
    return g_strdup (iso != NULL ? iso : "");
  return g_strdup_printf ("%u %s %u", g_date_get_day (&date),
                          _(abbrev[g_date_get_month (&date) - 1]), g_date_get_year (&date));
}

const char *
sg_consent_recorded_in_label (const char *recorded_in)
{
  if (g_strcmp0 (recorded_in, "written") == 0)
    return _("on a written consent form");
  if (g_strcmp0 (recorded_in, "notes") == 0)
    return _("in their notes");
  return _("recorded another way");
}

char *
sg_consent_describe (const char *given_on,
                     const char *recorded_in,
                     const char *note)
{
  g_autofree char *date = sg_consent_format_date (given_on);

  if (note != NULL && *note != '\0')
    /* Translators: "given 12 Sep 2026, in their notes; “only the X-ray, not her age”". */
    return g_strdup_printf (_("given %s, %s; “%s”"), date,
                            sg_consent_recorded_in_label (recorded_in), note);
  /* Translators: "given 12 Sep 2026, in their notes". */
  return g_strdup_printf (_("given %s, %s"), date, sg_consent_recorded_in_label (recorded_in));
}

/* Store */

static void
bind_save (sqlite3_stmt *stmt,
           gpointer      data)
{
  const SgDraftConsent *c = data;

  sqlite3_bind_int64 (stmt, 1, c->draft_id);
  sqlite3_bind_text (stmt, 2, c->given_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, c->recorded_in, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, c->note != NULL ? c->note : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time () / G_USEC_PER_SEC);
}

gboolean
sg_draft_consent_save (SgStore               *store,
                       const SgDraftConsent  *consent,
                       GError               **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate date, today;

  g_return_val_if_fail (SG_IS_STORE (store), FALSE);
  g_return_val_if_fail (consent != NULL, FALSE);

  /* The same checks as the dialog's, so no caller can record consent given tomorrow. */
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  if (!read_iso (consent->given_on, &date) || g_date_compare (&date, &today) > 0 ||
      !g_strv_contains (recorded_in_values, consent->recorded_in))
    {
      g_set_error_literal (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                           _("The consent could not be recorded: its date or how it was "
                             "recorded is not valid."));
      return FALSE;
    }

  return sg_store_run (store,
                       "INSERT OR REPLACE INTO draft_consents "
                       "(draft_id, given_on, recorded_in, note, recorded_at) "
                       "VALUES (?1, ?2, ?3, ?4, ?5)",
                       bind_save, (gpointer) consent, NULL, NULL, "consent", error);
}

static void
row_consent (sqlite3_stmt *stmt,
             gpointer      data)
{
  SgDraftConsent **out = data;
  SgDraftConsent *c = g_new0 (SgDraftConsent, 1);

  c->draft_id = sqlite3_column_int64 (stmt, 0);
  c->given_on = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  c->recorded_in = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  c->note = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  c->recorded_at = sqlite3_column_int64 (stmt, 4);
  g_clear_pointer (out, sg_draft_consent_free);
  *out = c;
}

SgDraftConsent *
sg_draft_consent_load (SgStore  *store,
                       gint64    draft_id,
                       GError  **error)
{
  SgDraftConsent *consent = NULL;

  g_return_val_if_fail (SG_IS_STORE (store), NULL);

  if (!sg_store_run (store,
                     "SELECT draft_id, given_on, recorded_in, note, recorded_at "
                     "FROM draft_consents WHERE draft_id = ?1",
                     sg_store_bind_id, &draft_id, row_consent, &consent, "consent", error))
    {
      g_clear_pointer (&consent, sg_draft_consent_free);
      return NULL;
    }
  return consent;
}

gboolean
sg_draft_consent_withdraw (SgStore  *store,
                           gint64    draft_id,
                           GError  **error)
{
  g_return_val_if_fail (SG_IS_STORE (store), FALSE);

  return sg_store_run (store, "DELETE FROM draft_consents WHERE draft_id = ?1",
                       sg_store_bind_id, &draft_id, NULL, NULL, "consent", error);
}
