/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libical/ical.h>

#include "sg-lazy-library.h"
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

/* libical is opened when a calendar is first exported, not linked: with ICU it cost every
 * start of the app about 3 ms of loading (see sg-lazy-library.h). */
#define SG_ICAL_FUNCS(X) \
  X (icalcomponent_vanew) X (icalcomponent_add_component) X (icalcomponent_as_ical_string) \
  X (icalcomponent_free) X (icaldurationtype_null_duration) X (icalproperty_new_action) \
  X (icalproperty_new_calscale) X (icalproperty_new_description) X (icalproperty_new_dtend) \
  X (icalproperty_new_dtstamp) X (icalproperty_new_dtstart) X (icalproperty_new_prodid) \
  X (icalproperty_new_rrule) X (icalproperty_new_summary) X (icalproperty_new_trigger) \
  X (icalproperty_new_uid) X (icalproperty_new_version) X (icalrecurrencetype_clear) \
  X (icaltime_null_date) X (icaltime_null_time) X (icaltimezone_get_utc_timezone)

SG_ICAL_FUNCS (SG_LAZY_DECLARE)

#define icalcomponent_vanew sg_lazy_icalcomponent_vanew
#define icalcomponent_add_component sg_lazy_icalcomponent_add_component
#define icalcomponent_as_ical_string sg_lazy_icalcomponent_as_ical_string
#define icalcomponent_free sg_lazy_icalcomponent_free
#define icaldurationtype_null_duration sg_lazy_icaldurationtype_null_duration
#define icalproperty_new_action sg_lazy_icalproperty_new_action
#define icalproperty_new_calscale sg_lazy_icalproperty_new_calscale
#define icalproperty_new_description sg_lazy_icalproperty_new_description
#define icalproperty_new_dtend sg_lazy_icalproperty_new_dtend
#define icalproperty_new_dtstamp sg_lazy_icalproperty_new_dtstamp
#define icalproperty_new_dtstart sg_lazy_icalproperty_new_dtstart
#define icalproperty_new_prodid sg_lazy_icalproperty_new_prodid
#define icalproperty_new_rrule sg_lazy_icalproperty_new_rrule
#define icalproperty_new_summary sg_lazy_icalproperty_new_summary
#define icalproperty_new_trigger sg_lazy_icalproperty_new_trigger
#define icalproperty_new_uid sg_lazy_icalproperty_new_uid
#define icalproperty_new_version sg_lazy_icalproperty_new_version
#define icalrecurrencetype_clear sg_lazy_icalrecurrencetype_clear
#define icaltime_null_date sg_lazy_icaltime_null_date
#define icaltime_null_time sg_lazy_icaltime_null_time
#define icaltimezone_get_utc_timezone sg_lazy_icaltimezone_get_utc_timezone

static SgLazyLibrary libical = SG_LAZY_LIBRARY (SG_LIBICAL_SONAME, N_("the calendar library"),
                                                SG_ICAL_FUNCS);

/* The calendar is built as components and serialised by libical, which does RFC 5545's
 * escaping (backslash, semicolon, comma, newline), folds lines longer than 75 octets and ends
 * lines in CRLF: a handle may hold any of these, and hand-written output got folding wrong. */
/* An all-day date: VALUE=DATE, no time, no zone. */
static struct icaltimetype
ical_date (const GDate *date)
{
  struct icaltimetype t = icaltime_null_date ();

  t.year = g_date_get_year (date);
  t.month = g_date_get_month (date);
  t.day = g_date_get_day (date);
  return t;
}

char *
sg_reminders_to_ics (GPtrArray   *profiles,
                     const GDate *today,
                     GDateTime   *stamp,
                     GError     **error)
{
  icalcomponent *calendar;
  struct icaltimetype dtstamp;
  char *ics;

  if (!sg_lazy_library_open (&libical, error))
    return NULL;

  calendar = icalcomponent_vanew (ICAL_VCALENDAR_COMPONENT,
                                                 icalproperty_new_version ("2.0"),
                                                 icalproperty_new_prodid ("-//SocialGuard//Privacy reviews//EN"),
                                                 icalproperty_new_calscale ("GREGORIAN"),
                                                 (void *) 0);
  dtstamp = icaltime_null_time ();
  dtstamp.year = g_date_time_get_year (stamp);
  dtstamp.month = g_date_time_get_month (stamp);
  dtstamp.day = g_date_time_get_day_of_month (stamp);
  dtstamp.hour = g_date_time_get_hour (stamp);
  dtstamp.minute = g_date_time_get_minute (stamp);
  dtstamp.second = g_date_time_get_second (stamp);
  dtstamp.zone = icaltimezone_get_utc_timezone ();

  for (guint i = 0; i < profiles->len; i++)
    {
      const SgProfile *p = g_ptr_array_index (profiles, i);
      const SgPlatform *platform = sg_platform_lookup (p->platform, NULL);
      struct icalrecurrencetype rrule;
      struct icaltriggertype trigger = { 0 };
      icalcomponent *event, *alarm;
      GDate last, due, end;
      g_autofree char *uid = NULL;
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

      /* The row id never changes for an account, so a calendar that imports the file again
       * updates its event instead of adding a second one. */
      uid = g_strdup_printf ("socialguard-profile-%" G_GINT64_FORMAT "@socialguard.local", p->id);
      summary = g_strdup_printf (_("Privacy review: %s (%s)"),
                                 platform != NULL ? platform->name : p->platform, p->handle);

      icalrecurrencetype_clear (&rrule);
      rrule.freq = ICAL_DAILY_RECURRENCE;
      rrule.interval = (short) MIN (p->interval_days, G_MAXSHORT);

      /* 09:00 on the day: an all-day event starts at midnight. */
      trigger.time = icaltime_null_time ();
      trigger.duration = icaldurationtype_null_duration ();
      trigger.duration.hours = 9;

      alarm = icalcomponent_vanew (ICAL_VALARM_COMPONENT,
                                   icalproperty_new_action (ICAL_ACTION_DISPLAY),
                                   icalproperty_new_description (summary),
                                   icalproperty_new_trigger (trigger),
                                   (void *) 0);
      event = icalcomponent_vanew (ICAL_VEVENT_COMPONENT,
                                   icalproperty_new_uid (uid),
                                   icalproperty_new_dtstamp (dtstamp),
                                   icalproperty_new_dtstart (ical_date (&due)),
                                   icalproperty_new_dtend (ical_date (&end)),
                                   icalproperty_new_summary (summary),
                                   icalproperty_new_rrule (rrule),
                                   alarm,
                                   (void *) 0);
      icalcomponent_add_component (calendar, event);
    }

  ics = g_strdup (icalcomponent_as_ical_string (calendar));
  icalcomponent_free (calendar);
  return ics;
}
