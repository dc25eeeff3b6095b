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
  guint due = 0;

  g_return_val_if_fail (SG_IS_STORE (store), FALSE);

  *title = *body = NULL;
  if ((profiles = sg_profiles_list (store, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < profiles->len; i++)
    {
      SgProfile *p = g_ptr_array_index (profiles, i);
      const SgPlatform *platform = sg_platform_lookup (p->platform, NULL);
      GDate last;

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
  return TRUE;
}
