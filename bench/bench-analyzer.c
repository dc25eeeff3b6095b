/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Analysis latency for a 3,000-character post, as the Compose sidebar sees it: median and
 * p99 over many runs, with the default pack. The post mixes clinical prose with a few
 * identifiers so every kind of detector has work to do. */
#include "config.h"

#include "sg-analyzer.h"

static const char * const sentences[] = {
  "Handover went well tonight and the team were brilliant as ever. ",
  "A reminder that sepsis can look like flu in the early stages, so check the obs. ",
  "Could someone chase the CT for the lady in bed 4, NHS no 943 476 5919? ",
  "Our audit found time to antibiotics improved after the new pathway. ",
  "Loving the new inhaler from Pellana, best device on the market! ",
  "Take 500mg twice a day for five days if you have a chest infection. ",
  "Never post a patient's details, even in a closed group. ",
  "Just now in resus a 31-year-old roofer from Kendal who fell from scaffolding. ",
  "The rota has three gaps next month and no plan to fill them. ",
  "Dr Alan Pryce at Westfield General has been falsifying his data. ",
};

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SgRulePack) pack = NULL;
  g_autoptr(SgAnalyzer) analyzer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) post = g_string_new (NULL);
  guint runs = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 2000;
  g_autofree double *times = g_new (double, runs);
  guint findings = 0;

  pack = sg_rule_pack_load (NULL, &error);
  if (pack == NULL)
    g_error ("%s", error->message);
  analyzer = sg_analyzer_new (pack);

  for (guint i = 0; g_utf8_strlen (post->str, -1) < 3000; i++)
    g_string_append (post, sentences[i % G_N_ELEMENTS (sentences)]);

  /* Warm-up: page in the automaton and the data. */
  for (guint i = 0; i < 20; i++)
    g_ptr_array_unref (sg_analyzer_analyze (analyzer, post->str, post->len, "x", NULL));

  for (guint i = 0; i < runs; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      GPtrArray *f = sg_analyzer_analyze (analyzer, post->str, post->len, "x", NULL);

      times[i] = (g_get_monotonic_time () - t0) / 1000.0;
      findings = f->len;
      g_ptr_array_unref (f);
    }

  qsort (times, runs, sizeof (double), compare_doubles);
  g_print ("post: %ld characters, %u findings\n", g_utf8_strlen (post->str, -1), findings);
  g_print ("analysis-median-ms %.3f\n", times[runs / 2]);
  g_print ("analysis-p99-ms %.3f\n", times[(guint) (runs * 0.99)]);
  g_print ("analysis-max-ms %.3f\n", times[runs - 1]);

  return 0;
}
