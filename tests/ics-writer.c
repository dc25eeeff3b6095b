/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Prints the iCalendar file for two accounts, for tests/test-ics.py to parse. */
#include "config.h"

#include <stdio.h>

#include "sg-reminders.h"

int
main (void)
{
  g_autoptr(GPtrArray) profiles = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_profile_free);
  g_autoptr(GDateTime) stamp = g_date_time_new_utc (2026, 11, 25, 12, 0, 0);
  g_autoptr(GDateTime) reviewed = g_date_time_new_local (2026, 11, 25, 12, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *ics = NULL;
  SgProfile *a = g_new0 (SgProfile, 1);
  SgProfile *b = g_new0 (SgProfile, 1);
  GDate today;

  a->id = 1;
  a->platform = g_strdup ("facebook");
  a->handle = g_strdup ("asha, personal");
  a->kind = g_strdup ("personal");
  a->interval_days = 90;
  b->id = 2;
  b->platform = g_strdup ("x");
  b->handle = g_strdup ("@asha");
  b->kind = g_strdup ("professional");
  b->interval_days = 90;
  b->last_review = g_date_time_to_unix (reviewed);
  g_ptr_array_add (profiles, a);
  g_ptr_array_add (profiles, b);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 25, 11, 2026);
  ics = sg_reminders_to_ics (profiles, &today, stamp, &error);
  if (ics == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  fputs (ics, stdout);
  return 0;
}
