/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* When a privacy review falls due (the BMA, and the withdrawn GMC 2013 ¶8, ask for regular
 * reviews). Dates are calendar dates in the user's time zone, never seconds: a 90-day interval is
 * 90 days on the calendar, across month ends, leap days and clock changes. */

/* The due date after a review on @last_review. */
void     sg_review_due_date       (const GDate *last_review,
                                   guint        interval_days,
                                   GDate       *due);
/* Days from @today until the review is due: 0 due today, negative overdue. With no review
 * yet (@last_review NULL or invalid), the profile is due today. If @today is before the last
 * review (the clock went backwards), the review counts as just done. */
int      sg_review_days_until_due (const GDate *last_review,
                                   guint        interval_days,
                                   const GDate *today);
gboolean sg_review_is_due         (const GDate *last_review,
                                   guint        interval_days,
                                   const GDate *today);
/* The local calendar date of a Unix time. */
void     sg_review_date_from_unix (gint64       unix_seconds,
                                   GDate       *date);

G_END_DECLS
