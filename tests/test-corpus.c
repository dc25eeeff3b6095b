/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Runs the default pack over the labelled corpus in ../shared/corpus/posts.jsonl and prints
 * recall and false alarms per category. A post is right when every category it expects is
 * flagged (warning or error) and nothing outside expect+allow is. The floors below keep
 * progress: the goals are 0.90 / 0.80 / 0.08. */
#include "config.h"

#include <json-glib/json-glib.h>

#include "sg-analyzer.h"
#include "sg-guidance.h"

#define FLOOR_FLAGGED_RIGHT 0.85
#define FLOOR_CATEGORY      0.70
#define CEILING_CLEAN_FALSE 0.12

/* Both holdout sets were written by colleagues who had seen neither the corpus nor the rules,
 * and both were then read to find what the rules missed, so their figures are optimistic too.
 * Before it was read, holdout-2 scored 0.47: that is the best estimate of drafts nobody has
 * tuned for. Floors sit just under today's figures so that a change that loses ground fails. */
#define HOLDOUT_FLAGGED_RIGHT  0.85
#define HOLDOUT_CATEGORY       0.60
#define HOLDOUT_CLEAN_FALSE    0.05

#define BLIND_FLAGGED_RIGHT    0.85
#define BLIND_CATEGORY         0.80
#define BLIND_CLEAN_FALSE      0.06

/* holdout-3 (120 drafts, mostly indirect wording) has NOT been read by anyone tuning rules.
 * Its first run, on 25 Nov 2026: 43/80 = 0.54 flagged right, 0/40 clean posts flagged. Keep
 * it unread: it is the honest measure of drafts nobody has tuned for. Floors guard the
 * figure without tempting anyone to open the file. */
#define UNSEEN_FLAGGED_RIGHT   0.50
#define UNSEEN_CATEGORY        0.30
#define UNSEEN_CLEAN_FALSE     0.05

typedef struct {
  guint expected;
  guint caught;
  guint false_alarms;
} CategoryStats;

static guint
categories_of (JsonArray *array)
{
  guint mask = 0;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      SgCategory c;
      if (sg_category_from_string (json_array_get_string_element (array, i), &c))
        mask |= 1u << c;
    }
  return mask;
}

typedef struct {
  const char *env;         /* the variable that names the file */
  double      flagged_right;
  double      category;
  double      clean_false;
} Floors;

static void
test_labelled_set (gconstpointer data)
{
  const Floors *floors = data;
  const char *path = g_getenv (floors->env);
  g_autoptr(SgRulePack) pack = NULL;
  g_autoptr(SgAnalyzer) analyzer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  CategoryStats stats[SG_N_CATEGORIES] = { 0 };
  guint flagged_posts = 0, flagged_right = 0, clean_posts = 0, clean_false = 0;
  gboolean verbose = g_getenv ("SG_CORPUS_VERBOSE") != NULL;
  double flagged_ratio, clean_ratio;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip_printf ("no labelled set at $%s (../shared/corpus/posts.jsonl is not beside "
                          "the checkout?)", floors->env);
      return;
    }

  pack = sg_rule_pack_load (NULL, &error);
  g_assert_no_error (error);
  analyzer = sg_analyzer_new (pack);

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  lines = g_strsplit (contents, "\n", -1);

  for (guint n = 0; lines[n] != NULL; n++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GPtrArray) findings = NULL;
      JsonObject *post;
      guint expect, allow, flagged = 0;
      gboolean right;

      if (*lines[n] == '\0')
        continue;

      g_assert_true (json_parser_load_from_data (parser, lines[n], -1, &error));
      post = json_node_get_object (json_parser_get_root (parser));
      expect = categories_of (json_object_get_array_member (post, "expect"));
      allow = categories_of (json_object_get_array_member (post, "allow"));

      findings = sg_analyzer_analyze (analyzer, json_object_get_string_member (post, "text"), -1,
                                      json_object_get_string_member (post, "platform"), &error);
      g_assert_no_error (error);

      for (guint i = 0; i < findings->len; i++)
        {
          SgFinding *f = g_ptr_array_index (findings, i);
          if (sg_finding_get_severity (f) >= SG_SEVERITY_WARNING)
            flagged |= 1u << sg_finding_get_category (f);
        }

      right = (expect & ~flagged) == 0 && (flagged & ~(expect | allow)) == 0;
      for (guint c = 0; c < SG_N_CATEGORIES; c++)
        {
          if (expect & (1u << c))
            {
              stats[c].expected++;
              if (flagged & (1u << c))
                stats[c].caught++;
            }
          else if ((flagged & (1u << c)) && !(allow & (1u << c)))
            stats[c].false_alarms++;
        }

      if (expect != 0)
        {
          flagged_posts++;
          flagged_right += right;
        }
      else
        {
          clean_posts++;
          clean_false += (flagged & ~allow) != 0;
        }

      /* Ids and category names only: the test log never holds draft text. */
      if (verbose && !right)
        {
          g_printerr ("%s:", json_object_get_string_member (post, "id"));
          for (guint c = 0; c < SG_N_CATEGORIES; c++)
            {
              if ((expect & (1u << c)) && !(flagged & (1u << c)))
                g_printerr (" missed=%s", sg_category_to_string (c));
              if ((flagged & (1u << c)) && !((expect | allow) & (1u << c)))
                for (guint i = 0; i < findings->len; i++)
                  {
                    SgFinding *f = g_ptr_array_index (findings, i);
                    if (sg_finding_get_category (f) == c &&
                        sg_finding_get_severity (f) >= SG_SEVERITY_WARNING)
                      {
                        g_printerr (" false=%s", sg_finding_get_rule_id (f));
                        break;
                      }
                  }
            }
          g_printerr ("\n");
        }
    }

  g_assert_cmpuint (flagged_posts, >, 0);
  g_assert_cmpuint (clean_posts, >, 0);
  flagged_ratio = (double) flagged_right / flagged_posts;
  clean_ratio = (double) clean_false / clean_posts;

  g_test_message ("%-22s %8s %8s %8s %12s", "category", "expected", "caught", "recall",
                  "false alarms");
  for (guint c = 0; c < SG_N_CATEGORIES; c++)
    g_test_message ("%-22s %8u %8u %8.2f %12u", sg_category_to_string (c), stats[c].expected,
                    stats[c].caught,
                    stats[c].expected ? (double) stats[c].caught / stats[c].expected : 1.0,
                    stats[c].false_alarms);
  g_test_message ("flagged posts right: %u/%u = %.3f (goal 0.90, floor %.2f)", flagged_right,
                  flagged_posts, flagged_ratio, floors->flagged_right);
  g_test_message ("clean posts with a false flag: %u/%u = %.3f (goal 0.08, ceiling %.2f)",
                  clean_false, clean_posts, clean_ratio, floors->clean_false);

  g_assert_cmpfloat (flagged_ratio, >=, floors->flagged_right);
  g_assert_cmpfloat (clean_ratio, <=, floors->clean_false);
  for (guint c = 0; c < SG_N_CATEGORIES; c++)
    if (stats[c].expected > 0)
      g_assert_cmpfloat ((double) stats[c].caught / stats[c].expected, >=, floors->category);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* The development corpus in ../shared, with the floors its issue sets. */
  static const Floors dev = {
    "SG_CORPUS", FLOOR_FLAGGED_RIGHT, FLOOR_CATEGORY, CEILING_CLEAN_FALSE
  };
  /* Drafts written by colleagues who had seen neither the corpus nor the rules. */
  static const Floors holdout = { "SG_HOLDOUT", HOLDOUT_FLAGGED_RIGHT, HOLDOUT_CATEGORY,
                                  HOLDOUT_CLEAN_FALSE };
  static const Floors blind = { "SG_HOLDOUT_BLIND", BLIND_FLAGGED_RIGHT, BLIND_CATEGORY,
                                BLIND_CLEAN_FALSE };

  g_test_add_data_func ("/sg/corpus/dev", &dev, test_labelled_set);
  static const Floors unseen = { "SG_HOLDOUT_UNSEEN", UNSEEN_FLAGGED_RIGHT, UNSEEN_CATEGORY,
                                 UNSEEN_CLEAN_FALSE };

  g_test_add_data_func ("/sg/corpus/holdout", &holdout, test_labelled_set);
  g_test_add_data_func ("/sg/corpus/holdout-2", &blind, test_labelled_set);
  g_test_add_data_func ("/sg/corpus/holdout-3-unseen", &unseen, test_labelled_set);
  return g_test_run ();
}
