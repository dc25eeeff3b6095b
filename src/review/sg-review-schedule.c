/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sg-review-schedule.h"

void
sg_review_due_date (const GDate *last_review,
                    guint        interval_days,
                    GDate       *due)
{
  g_return_if_fail (last_review != NULL && g_date_valid (last_review));
  g_return_if_fail (due != NULL);

  *due = *last_review;
  g_date_add_days (due, interval_days);
}

int
sg_review_days_until_due (const GDate *last_review,
                          guint        interval_days,
                          const GDate *today)
{
  GDate due;

  g_return_val_if_fail (today != NULL && g_date_valid (today), 0);

  if (last_review == NULL || !g_date_valid (last_review))
    return 0;

  /* A review "in the future" means the clock was wrong then or is wrong now; either way the
   * user did review, so do not nag. */
  if (g_date_compare (today, last_review) < 0)
    return (int) interval_days;

  sg_review_due_date (last_review, interval_days, &due);
  return g_date_days_between (today, &due);
}

gboolean
sg_review_is_due (const GDate *last_review,
                  guint        interval_days,
                  const GDate *today)
{
  return sg_review_days_until_due (last_review, interval_days, today) <= 0;
}

void
sg_review_date_from_unix (gint64  unix_seconds,
                          GDate  *date)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  g_date_clear (date, 1);
  if (local != NULL)
    g_date_set_dmy (date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                    g_date_time_get_year (local));
}
