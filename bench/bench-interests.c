/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Matching a 3,000-character draft against a register of 10 and of 10,000 interests: the
 * ratio of the two times is the figure (one pass over the text whatever the register). */
#include "config.h"

#include "sg-interest-register.h"

static double
time_matching (guint n_interests,
               const char *text)
{
  g_autoptr(GPtrArray) interests = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_interest_free);
  g_autoptr(SgInterestMatcher) matcher = NULL;
  gint64 t0;
  guint runs = 2000, found = 0;

  for (guint i = 0; i < n_interests; i++)
    {
      g_autofree char *org = g_strdup_printf ("Company%u", i);
      SgInterest *interest = sg_interest_new (org, SG_INTEREST_CONSULTANCY);

      g_strfreev (interest->products);
      interest->products = g_new0 (char *, 3);
      interest->products[0] = g_strdup_printf ("Product%uA", i);
      interest->products[1] = g_strdup_printf ("Product%uB", i);
      g_ptr_array_add (interests, interest);
    }
  matcher = sg_interest_matcher_new (interests);

  t0 = g_get_monotonic_time ();
  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(GPtrArray) m = sg_interest_matcher_match (matcher, text, -1, "2026-11-25", 36);
      found += m->len;
    }
  g_assert_cmpuint (found, >, 0);
  return (g_get_monotonic_time () - t0) / 1000.0 / runs;
}

int
main (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  double small, large;

  while (text->len < 3000)
    g_string_append (text, "Great data today on Product7A from Company7, and a word on ward rounds. ");

  small = time_matching (10, text->str);
  large = time_matching (10000, text->str);
  g_print ("match-10-ms %.4f\nmatch-10000-ms %.4f\nratio %.2f\n", small, large, large / small);
  return 0;
}
