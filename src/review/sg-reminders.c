/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sg-platform.h"
#include "sg-profiles.h"
#include "sg-reminders.h"
#include "sg-review-schedule.h"

gboolean
sg_reminders_compose (SgStore      *store,
                      const GDate  *today,
                      char        **title,
                      char        **body,
                      GError      **error)
{
  g_autoptr(GPtrArray) profiles = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  guint due = 0, open = 0;

  g_return_val_if_fail (SG_IS_STORE (store), FALSE);

  *title = *body = NULL;
  if ((profiles = sg_profiles_list (store, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < profiles->len; i++)
    {
      SgProfile *p = g_ptr_array_index (profiles, i);
      const SgPlatform *platform = sg_platform_lookup (p->platform, NULL);
      GDate last;

      open += p->open_actions;
      if (p->last_review > 0)
        sg_review_date_from_unix (p->last_review, &last);
      else
        g_date_clear (&last, 1);

      if (!sg_review_is_due (p->last_review > 0 ? &last : NULL, p->interval_days, today))
        continue;

      if (due++ > 0)
        g_string_append (names, ", ");
      g_string_append_printf (names, "%s (%s)", platform != NULL ? platform->name : p->platform,
                              p->handle);
    }

  if (due == 0)
    return FALSE;

  *title = g_strdup (ngettext ("A privacy review is due", "Privacy reviews are due", due));
  /* Translators: %s lists the accounts, e.g. "Facebook (asha.patel), X (@asha)". */
  *body = g_strdup_printf (ngettext ("Check the privacy settings of %s. It takes about five "
                                     "minutes.",
                                     "Check the privacy settings of %s. Each takes about five "
                                     "minutes.", due),
                           names->str);
  /* What the last reviews found wanting and is not changed yet is the first thing to do. */
  if (open > 0)
    {
      g_autofree char *more =
        g_strdup_printf (ngettext ("%u setting from your last reviews is still to change.",
                                   "%u settings from your last reviews are still to change.",
                                   open), open);
      char *joined = g_strconcat (*body, " ", more, NULL);

      g_free (*body);
      *body = joined;
    }
  return TRUE;
}

/* RFC 5545 §3.3.11: backslash, semicolon and comma are escaped in TEXT values. */
static void
append_text (GString    *out,
             const char *text)
{
  for (const char *p = text; *p; p++)
    {
      if (*p == '\\' || *p == ';' || *p == ',')
        g_string_append_c (out, '\\');
      if (*p == '\n')
        g_string_append (out, "\\n");
      else
        g_string_append_c (out, *p);
    }
}

char *
sg_reminders_to_ics (GPtrArray   *profiles,
                     const GDate *today,
                     GDateTime   *stamp)
{
  g_autoptr(GString) out = g_string_new ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
                                         "PRODID:-//SocialGuard//Privacy reviews//EN\r\n"
                                         "CALSCALE:GREGORIAN\r\n");
  g_autofree char *dtstamp = g_date_time_format (stamp, "%Y%m%dT%H%M%SZ");

  for (guint i = 0; i < profiles->len; i++)
    {
      const SgProfile *p = g_ptr_array_index (profiles, i);
      const SgPlatform *platform = sg_platform_lookup (p->platform, NULL);
      GDate last, due, end;
      char day[16], next[16];
      g_autofree char *summary = NULL;

      if (p->last_review > 0)
        {
          sg_review_date_from_unix (p->last_review, &last);
          sg_review_due_date (&last, p->interval_days, &due);
          if (g_date_compare (&due, today) < 0)
            due = *today;
        }
      else
        due = *today;
      end = due;
      g_date_add_days (&end, 1);
      g_date_strftime (day, sizeof day, "%Y%m%d", &due);
      g_date_strftime (next, sizeof next, "%Y%m%d", &end);
      summary = g_strdup_printf (_("Privacy review: %s (%s)"),
                                 platform != NULL ? platform->name : p->platform, p->handle);

      g_string_append_printf (out, "BEGIN:VEVENT\r\nUID:socialguard-profile-%" G_GINT64_FORMAT
                              "@socialguard.local\r\nDTSTAMP:%s\r\nDTSTART;VALUE=DATE:%s\r\n"
                              "DTEND;VALUE=DATE:%s\r\nSUMMARY:", p->id, dtstamp, day, next);
      append_text (out, summary);
      g_string_append_printf (out, "\r\nRRULE:FREQ=DAILY;INTERVAL=%u\r\n"
                              "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:", p->interval_days);
      append_text (out, summary);
      g_string_append (out, "\r\nTRIGGER:PT9H\r\nEND:VALARM\r\nEND:VEVENT\r\n");
    }

  g_string_append (out, "END:VCALENDAR\r\n");
  return g_string_free (g_steal_pointer (&out), FALSE);
}
