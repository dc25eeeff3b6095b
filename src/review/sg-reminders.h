/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sg-store.h"

G_BEGIN_DECLS

/* The text of a "privacy review due" reminder for the profiles due on @today (YYYY-MM-DD),
 * or FALSE when none is due. Reads the store: call it off the main loop. */
gboolean sg_reminders_compose (SgStore     *store,
                               const GDate *today,
                               char       **title,
                               char       **body,
                               GError     **error);

G_END_DECLS

#include "sg-profiles.h"

G_BEGIN_DECLS

/* An iCalendar file (RFC 5545) with one all-day event per account on its next due date and
 * an alarm at 09:00 that day, for any calendar app. @stamp is the DTSTAMP, UTC. NULL with
 * @error set only when the calendar library cannot be opened. */
char *sg_reminders_to_ics (GPtrArray   *profiles,
                           const GDate *today,
                           GDateTime   *stamp,
                           GError     **error);

G_END_DECLS
