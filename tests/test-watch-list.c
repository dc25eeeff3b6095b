/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sg-store.h"
#include "sg-test-store.h"
#include "sg-watch-list.h"

static void
test_add_load_remove (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = NULL;
  SgStore *store = sg_test_store_open ("sg-watch", &dir);
  g_auto(GStrv) terms = NULL;
  g_auto(GStrv) after = NULL;

  g_assert_true (sg_watch_list_add (store, "Thornbury Ward", "ward", &error));
  g_assert_true (sg_watch_list_add (store, "Kirkby Lonsdale", "town", &error));
  /* Case-insensitive uniqueness: the same name twice is one entry. */
  g_assert_true (sg_watch_list_add (store, "thornbury ward", "ward", &error));
  g_assert_no_error (error);

  terms = sg_watch_list_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (terms), ==, 2);

  g_assert_true (sg_watch_list_remove (store, "Kirkby Lonsdale", &error));
  after = sg_watch_list_load (store, &error);
  g_assert_cmpuint (g_strv_length (after), ==, 1);
  g_assert_cmpstr (after[0], ==, "Thornbury Ward");

  sg_test_store_close (store, dir);
}

/* socialguard-check --db recognises the user's local names. */
static void
test_check_db (void)
{
  const char *check = g_getenv ("SG_CHECK");
  const char *text = "Lovely chat today with a 92-year-old gentleman at Larkspur about his war service\n";
  g_autoptr(GError) error = NULL;
  char *dir = NULL;
  SgStore *store = sg_test_store_open ("sg-watch", &dir);
  g_autofree char *path = g_strdup (sg_store_get_path (store));
  g_autoptr(GSubprocess) with_db = NULL;
  g_autoptr(GSubprocess) without_db = NULL;
  g_autofree char *out_with = NULL;
  g_autofree char *out_without = NULL;

  g_assert_nonnull (check);
  g_assert_true (sg_watch_list_add (store, "Larkspur", "workplace", &error));
  g_assert_finalize_object (store);

  without_db = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                 &error, check, "-", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (without_db, text, NULL, &out_without, NULL, &error);
  g_assert_no_error (error);

  with_db = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                              &error, check, "--db", path, "-", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (with_db, text, NULL, &out_with, NULL, &error);
  g_assert_no_error (error);

  /* The sentence alone is vague; the ward from the watch-list ties it to one place, and the
   * sum-of-details rule says so. (A model may still find the wording close to flagged posts:
   * that is another finding.) */
  g_assert_cmpint (g_subprocess_get_exit_status (with_db), ==, 1);
  g_assert_nonnull (strstr (out_with, "[confidentiality.identifiability]"));
  g_assert_null (strstr (out_without, "[confidentiality.identifiability]"));

  sg_test_store_remove (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sg/watch-list/add-load-remove", test_add_load_remove);
  g_test_add_func ("/sg/watch-list/check-db", test_check_db);
  return g_test_run ();
}
