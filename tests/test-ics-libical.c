/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The review schedule's calendar file read back by libical's own parser: every field the
 * writer sets comes back with the same value, including handles that need escaping and a
 * handle long enough that its lines must fold. */
#include "config.h"

#include <libical/ical.h>

#include "sg-platform.h"
#include "sg-reminders.h"

static SgProfile *
profile_new (gint64      id,
             const char *platform,
             const char *handle,
             guint       interval_days,
             gint64      last_review)
{
  SgProfile *p = g_new0 (SgProfile, 1);

  p->id = id;
  p->platform = g_strdup (platform);
  p->handle = g_strdup (handle);
  p->kind = g_strdup ("personal");
  p->interval_days = interval_days;
  p->last_review = last_review;
  return p;
}

static char *
write_ics (GPtrArray *profiles)
{
  g_autoptr(GDateTime) stamp = g_date_time_new_utc (2026, 11, 25, 12, 30, 15);
  g_autoptr(GError) error = NULL;
  GDate today;
  char *ics;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 25, 11, 2026);
  ics = sg_reminders_to_ics (profiles, &today, stamp, &error);
  g_assert_no_error (error);
  return ics;
}

/* What the writer should have put in SUMMARY for @p. */
static char *
expected_summary (const SgProfile *p)
{
  const SgPlatform *platform = sg_platform_lookup (p->platform, NULL);

  return g_strdup_printf ("Privacy review: %s (%s)", platform->name, p->handle);
}

static void
check_event (icalcomponent   *event,
             const SgProfile *p,
             int              year,
             int              month,
             int              day)
{
  g_autofree char *uid = g_strdup_printf ("socialguard-profile-%" G_GINT64_FORMAT
                                          "@socialguard.local", p->id);
  g_autofree char *summary = expected_summary (p);
  struct icaltimetype start = icalcomponent_get_dtstart (event);
  struct icaltimetype end = icalcomponent_get_dtend (event);
  struct icaltimetype stamp = icalcomponent_get_dtstamp (event);
  icalproperty *rrule_prop = icalcomponent_get_first_property (event, ICAL_RRULE_PROPERTY);
  icalcomponent *alarm = icalcomponent_get_first_component (event, ICAL_VALARM_COMPONENT);
  struct icalrecurrencetype rrule;
  struct icaltriggertype trigger;

  g_assert_cmpstr (icalcomponent_get_uid (event), ==, uid);
  g_assert_cmpstr (icalcomponent_get_summary (event), ==, summary);

  g_assert_true (start.is_date);
  g_assert_cmpint (start.year, ==, year);
  g_assert_cmpint (start.month, ==, month);
  g_assert_cmpint (start.day, ==, day);
  g_assert_true (end.is_date);
  g_assert_cmpint (icaltime_compare_date_only (icaltime_add (start, icaldurationtype_from_int (86400)), end), ==, 0);

  g_assert_false (stamp.is_date);
  g_assert_true (icaltime_is_utc (stamp));
  g_assert_cmpint (stamp.year, ==, 2026);
  g_assert_cmpint (stamp.month, ==, 11);
  g_assert_cmpint (stamp.day, ==, 25);
  g_assert_cmpint (stamp.hour, ==, 12);
  g_assert_cmpint (stamp.minute, ==, 30);
  g_assert_cmpint (stamp.second, ==, 15);

  g_assert_nonnull (rrule_prop);
  rrule = icalproperty_get_rrule (rrule_prop);
  g_assert_cmpint (rrule.freq, ==, ICAL_DAILY_RECURRENCE);
  g_assert_cmpint (rrule.interval, ==, p->interval_days);

  g_assert_nonnull (alarm);
  g_assert_cmpint (icalproperty_get_action (icalcomponent_get_first_property (alarm, ICAL_ACTION_PROPERTY)), ==, ICAL_ACTION_DISPLAY);
  g_assert_cmpstr (icalcomponent_get_description (alarm), ==, summary);
  trigger = icalproperty_get_trigger (icalcomponent_get_first_property (alarm,
                                                                        ICAL_TRIGGER_PROPERTY));
  g_assert_true (icaltime_is_null_time (trigger.time));
  g_assert_cmpint (icaldurationtype_as_int (trigger.duration), ==, 9 * 3600);
  g_assert_null (icalcomponent_get_next_component (event, ICAL_VALARM_COMPONENT));
}

static icalcomponent *
parse (const char *ics)
{
  icalcomponent *calendar;

  icalerror_clear_errno ();
  calendar = icalparser_parse_string (ics);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  /* libical adds X-LIC-ERROR properties where it could not read something. */
  g_assert_cmpint (icalcomponent_count_errors (calendar), ==, 0);
  g_assert_cmpstr (icalproperty_get_version (icalcomponent_get_first_property (calendar, ICAL_VERSION_PROPERTY)), ==, "2.0");
  return calendar;
}

static void
test_round_trip (void)
{
  g_autoptr(GPtrArray) profiles = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_profile_free);
  g_autoptr(GDateTime) reviewed = g_date_time_new_local (2026, 11, 25, 12, 0, 0);
  g_autofree char *ics = NULL;
  icalcomponent *calendar, *event;

  g_ptr_array_add (profiles, profile_new (1, "facebook", "asha, personal", 90, 0));
  g_ptr_array_add (profiles, profile_new (2, "x", "@asha", 30, g_date_time_to_unix (reviewed)));
  ics = write_ics (profiles);
  calendar = parse (ics);

  event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
  check_event (event, g_ptr_array_index (profiles, 0), 2026, 11, 25);
  event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT);
  check_event (event, g_ptr_array_index (profiles, 1), 2026, 12, 25);
  g_assert_null (icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT));
  icalcomponent_free (calendar);
}

/* The same account gives the same UID in every file, so a calendar that imports the file
 * again updates the event instead of adding a second one. */
static void
test_uid_stable (void)
{
  g_autoptr(GPtrArray) a = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_profile_free);
  g_autoptr(GPtrArray) b = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_profile_free);
  g_autofree char *ics_a = NULL, *ics_b = NULL;
  icalcomponent *cal_a, *cal_b;

  g_ptr_array_add (a, profile_new (7, "instagram", "asha", 90, 0));
  g_ptr_array_add (b, profile_new (3, "facebook", "other", 90, 0));
  g_ptr_array_add (b, profile_new (7, "instagram", "asha", 60, 0));
  ics_a = write_ics (a);
  ics_b = write_ics (b);
  cal_a = parse (ics_a);
  cal_b = parse (ics_b);
  g_assert_cmpstr (icalcomponent_get_uid (icalcomponent_get_first_component (cal_a, ICAL_VEVENT_COMPONENT)), ==,
                   "socialguard-profile-7@socialguard.local");
  icalcomponent_get_first_component (cal_b, ICAL_VEVENT_COMPONENT);
  g_assert_cmpstr (icalcomponent_get_uid (icalcomponent_get_next_component (cal_b, ICAL_VEVENT_COMPONENT)), ==,
                   "socialguard-profile-7@socialguard.local");
  icalcomponent_free (cal_a);
  icalcomponent_free (cal_b);
}

/* Commas, semicolons, backslashes, a newline, non-ASCII and a 200-character handle: the file
 * stays well formed (CRLF, lines of at most 75 octets, no UTF-8 character split across a fold)
 * and the text comes back unchanged. */
static void
test_escaping_and_folding (void)
{
  g_autoptr(GPtrArray) profiles = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_profile_free);
  g_autoptr(GString) long_handle = g_string_new (NULL);
  g_autofree char *ics = NULL;
  g_auto(GStrv) lines = NULL;
  icalcomponent *calendar, *event;
  gboolean folded = FALSE;
  guint i = 0;

  /* 200 characters, many of them two or three octets long, so folds fall inside them unless
   * the writer takes care. */
  while (g_utf8_strlen (long_handle->str, -1) < 200)
    g_string_append (long_handle, "Siân-Ŵyn ✓ ");
  g_string_truncate (long_handle,
                     g_utf8_offset_to_pointer (long_handle->str, 200) - long_handle->str);
  g_assert_cmpint (g_utf8_strlen (long_handle->str, -1), ==, 200);

  g_ptr_array_add (profiles, profile_new (1, "facebook", "Dr Llŷr, ENT; \"Cymru\"\\work", 90, 0));
  g_ptr_array_add (profiles, profile_new (2, "linkedin", "two\nlines, ok", 90, 0));
  g_ptr_array_add (profiles, profile_new (3, "x", long_handle->str, 90, 0));
  ics = write_ics (profiles);

  g_assert_true (g_str_has_suffix (ics, "\r\n"));
  lines = g_strsplit (ics, "\r\n", -1);
  for (char **l = lines; *l; l++)
    {
      g_assert_null (strchr (*l, '\n'));
      g_assert_cmpuint (strlen (*l), <=, 75);
      g_assert_true (g_utf8_validate (*l, -1, NULL));
      if (**l == ' ')
        folded = TRUE;
    }
  g_assert_true (folded);

  calendar = parse (ics);
  for (event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT); event;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    check_event (event, g_ptr_array_index (profiles, i++), 2026, 11, 25);
  g_assert_cmpuint (i, ==, 3);
  icalcomponent_free (calendar);

  /* The escapes are RFC 5545's, not only libical's own reading of them. */
  g_assert_nonnull (strstr (ics, "Llŷr\\, ENT\\; \"Cymru\"\\\\work"));
  g_assert_nonnull (strstr (ics, "two\\nlines\\, ok"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ics/round-trip", test_round_trip);
  g_test_add_func ("/ics/uid-stable", test_uid_stable);
  g_test_add_func ("/ics/escaping-and-folding", test_escaping_and_folding);
  return g_test_run ();
}
