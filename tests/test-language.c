/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Welsh guess behind the language proposed for a post (issue 20 point 10). */
#include "config.h"

#include "sg-language.h"

static void
test_welsh (void)
{
  static const char * const welsh[] = {
    "Bore da! Mae'r clinig yn brysur iawn heddiw, diolch i'r tîm am eu gwaith.",
    "Llongyfarchiadau i'r meddygon newydd sydd wedi dechrau yn yr ysbyty yr wythnos hon.",
    "Dw i ddim yn gallu dod i'r cyfarfod, ond bydd Siân yno ar fy rhan.",
    "Sesiwn addysgu ar sepsis dydd Iau am ddau o'r gloch #MedEd",
    "Cofiwch fod y dŵr yn bwysig",   /* ŵ and one Welsh word */
  };
  static const char * const english[] = {
    "Teaching session on sepsis this Thursday at 2pm, all welcome #MedEd",
    "Diolch to everyone who came to the Cardiff conference today!",   /* one greeting */
    "Croeso to our new FY1s starting on the wards in Swansea this week.",
    "Y'all were brilliant on nights, thank you team",
    "Hi all, am on call tonight: see @yr_ysbyty and https://example.org/yn/mae/wedi",
    "",
    "🩺👩‍⚕️",
  };

  for (guint i = 0; i < G_N_ELEMENTS (welsh); i++)
    g_assert_cmpstr (sg_language_guess (welsh[i]), ==, "cy");
  for (guint i = 0; i < G_N_ELEMENTS (english); i++)
    g_assert_null (sg_language_guess (english[i]));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sg/language/welsh", test_welsh);
  return g_test_run ();
}
