/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "sg-profiles.h"
#include "sg-review-history.h"
#include "sg-test-store.h"

static void
test_profiles_and_reviews (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = NULL;
  SgStore *store = sg_test_store_open ("sg-profiles", &dir);
  g_autoptr(GPtrArray) profiles = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) answers = NULL;
  gint64 id, review, again;

  g_assert_no_error (error);

  /* Validation in words a doctor understands. */
  g_assert_cmpint (sg_profiles_add (store, "facebook", "", "personal", 90, &error), <, 0);
  g_assert_nonnull (strstr (error->message, "handle"));
  g_clear_error (&error);
  g_assert_cmpint (sg_profiles_add (store, "facebook", "asha", "secret", 90, &error), <, 0);
  g_clear_error (&error);

  id = sg_profiles_add (store, "facebook", "asha.patel", "personal", 90, &error);
  g_assert_no_error (error);
  profiles = sg_profiles_list (store, &error);
  g_assert_cmpuint (profiles->len, ==, 1);
  g_assert_cmpint (((SgProfile *) g_ptr_array_index (profiles, 0))->last_review, ==, 0);

  /* An interrupted review resumes with its answers. */
  review = sg_reviews_open (store, id, &error);
  g_assert_true (sg_reviews_answer (store, review, "facebook.post-audience", SG_ANSWER_DONE,
                                    NULL, &error));
  g_assert_true (sg_reviews_answer (store, review, "facebook.tagging", SG_ANSWER_NEEDS_ACTION,
                                    "turn on tag review", &error));
  again = sg_reviews_open (store, id, &error);
  g_assert_cmpint (again, ==, review);
  /* Answering again replaces the answer. */
  g_assert_true (sg_reviews_answer (store, review, "facebook.tagging", SG_ANSWER_DONE, "done now",
                                    &error));
  answers = sg_reviews_get_answers (store, review, &error);
  g_assert_cmpuint (answers->len, ==, 2);
  g_assert_cmpstr (((SgReviewAnswer *) g_ptr_array_index (answers, 1))->note, ==, "done now");

  /* Completing dates the profile; the next review is a new one. */
  g_assert_true (sg_reviews_complete (store, review, &error));
  after = sg_profiles_list (store, &error);
  g_assert_cmpint (((SgProfile *) g_ptr_array_index (after, 0))->last_review, >, 0);
  g_assert_cmpint (sg_reviews_open (store, id, &error), !=, review);
  g_assert_no_error (error);

  /* The history page names the account, the setting, the answer and the note. */
  {
    g_autofree char *html = sg_review_history_to_html (store, &error);

    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
    g_assert_nonnull (strstr (html, "Facebook — asha.patel"));
    g_assert_nonnull (strstr (html, "Reviewed on"));
    g_assert_nonnull (strstr (html, "done now"));
    g_assert_nonnull (strstr (html, "Done"));
  }
  sg_test_store_close (store, dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sg/profiles/profiles-and-reviews", test_profiles_and_reviews);
  return g_test_run ();
}
