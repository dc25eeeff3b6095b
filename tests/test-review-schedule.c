/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include "sg-review-schedule.h"

static GDate
date (int y, int m, int d)
{
  GDate g;

  g_date_clear (&g, 1);
  g_date_set_dmy (&g, d, m, y);
  return g;
}

static void
assert_due (GDate last, guint days, int y, int m, int d)
{
  GDate due;

  sg_review_due_date (&last, days, &due);
  g_assert_cmpint (g_date_get_year (&due), ==, y);
  g_assert_cmpint (g_date_get_month (&due), ==, m);
  g_assert_cmpint (g_date_get_day (&due), ==, d);
}

static void
test_month_ends (void)
{
  assert_due (date (2026, 1, 31), 30, 2026, 3, 2);
  assert_due (date (2026, 11, 30), 90, 2027, 2, 28);
  assert_due (date (2026, 12, 31), 1, 2027, 1, 1);
}

static void
test_leap_days (void)
{
  assert_due (date (2028, 2, 28), 1, 2028, 2, 29);
  assert_due (date (2028, 2, 29), 365, 2029, 2, 28);
  assert_due (date (2027, 2, 28), 1, 2027, 3, 1);
}

static void
test_daylight_saving (void)
{
  /* The clocks go forward on 29 March 2026 and back on 25 October 2026 in the UK; a review
   * at 23:30 the night before is still due a whole number of days later. */
  g_autoptr(GTimeZone) london = g_time_zone_new_identifier ("Europe/London");
  g_autoptr(GDateTime) before = NULL;
  GDate last, due, today;

  g_setenv ("TZ", "Europe/London", TRUE);
  tzset ();
  g_assert_nonnull (london);
  before = g_date_time_new (london, 2026, 3, 28, 23, 30, 0);
  sg_review_date_from_unix (g_date_time_to_unix (before), &last);
  g_assert_cmpint (g_date_get_day (&last), ==, 28);
  sg_review_due_date (&last, 1, &due);
  g_assert_cmpint (g_date_get_day (&due), ==, 29);

  today = date (2026, 10, 25);
  last = date (2026, 10, 24);
  g_assert_cmpint (sg_review_days_until_due (&last, 1, &today), ==, 0);
}

static void
test_due_and_overdue (void)
{
  GDate last = date (2026, 1, 1);
  GDate today = date (2026, 4, 1);

  g_assert_cmpint (sg_review_days_until_due (&last, 90, &today), ==, 0);
  g_assert_true (sg_review_is_due (&last, 90, &today));
  today = date (2026, 3, 31);
  g_assert_cmpint (sg_review_days_until_due (&last, 90, &today), ==, 1);
  g_assert_false (sg_review_is_due (&last, 90, &today));
  today = date (2026, 5, 1);
  g_assert_cmpint (sg_review_days_until_due (&last, 90, &today), ==, -30);

  /* Never reviewed: due now. */
  g_assert_cmpint (sg_review_days_until_due (NULL, 90, &today), ==, 0);
}

static void
test_clock_backwards (void)
{
  GDate last = date (2026, 6, 1);
  GDate today = date (2026, 5, 1);

  /* Reviewed "in the future": treat as just done, not overdue or negative. */
  g_assert_cmpint (sg_review_days_until_due (&last, 90, &today), ==, 90);
  g_assert_false (sg_review_is_due (&last, 90, &today));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sg/review-schedule/month-ends", test_month_ends);
  g_test_add_func ("/sg/review-schedule/leap-days", test_leap_days);
  g_test_add_func ("/sg/review-schedule/daylight-saving", test_daylight_saving);
  g_test_add_func ("/sg/review-schedule/due-and-overdue", test_due_and_overdue);
  g_test_add_func ("/sg/review-schedule/clock-backwards", test_clock_backwards);
  return g_test_run ();
}
