/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "sg-error.h"
#include "sg-profiles.h"
#include "sg-reminders.h"
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

/* "Needs action" answers are followed up (issue 20 point 5): after the review they are the
 * account's to-do list, each can be marked done with its date, the history keeps the date,
 * a reminder mentions what is open, and the next review starts a fresh list. */
static void
test_follow_up (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sg-profiles-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "sg.db", NULL);
  g_autoptr(SgStore) store = sg_store_open (path, SG_STORE_OPEN_NO_BACKUP, NULL, &error);
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GPtrArray) profiles = NULL;
  g_autoptr(GPtrArray) answers = NULL;
  gint64 id, review, next;

  g_assert_no_error (error);
  id = sg_profiles_add (store, "facebook", "asha.patel", "personal", 1, &error);
  review = sg_reviews_open (store, id, &error);
  g_assert_true (sg_reviews_answer (store, review, "facebook.post-audience", SG_ANSWER_DONE, NULL, &error));
  g_assert_true (sg_reviews_answer (store, review, "facebook.tagging", SG_ANSWER_NEEDS_ACTION,
                                    "turn on tag review", &error));
  g_assert_true (sg_reviews_answer (store, review, "facebook.search", SG_ANSWER_NEEDS_ACTION, NULL, &error));

  /* Not yet finished: nothing is open. */
  open = sg_reviews_open_actions (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 0);
  g_clear_pointer (&open, g_ptr_array_unref);

  g_assert_true (sg_reviews_complete (store, review, &error));
  open = sg_reviews_open_actions (store, id, &error);
  g_assert_cmpuint (open->len, ==, 2);
  g_assert_cmpstr (((SgReviewAnswer *) g_ptr_array_index (open, 0))->item_id, ==, "facebook.tagging");
  g_assert_cmpstr (((SgReviewAnswer *) g_ptr_array_index (open, 0))->note, ==, "turn on tag review");
  profiles = sg_profiles_list (store, &error);
  g_assert_cmpuint (((SgProfile *) g_ptr_array_index (profiles, 0))->open_actions, ==, 2);
  g_clear_pointer (&profiles, g_ptr_array_unref);

  /* Marked done: dated, off the list, and only once. */
  g_assert_true (sg_reviews_action_done (store, id, "facebook.tagging", &error));
  g_assert_false (sg_reviews_action_done (store, id, "facebook.tagging", &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (sg_reviews_action_done (store, id, "facebook.post-audience", &error));
  g_clear_error (&error);
  g_clear_pointer (&open, g_ptr_array_unref);
  open = sg_reviews_open_actions (store, id, &error);
  g_assert_cmpuint (open->len, ==, 1);
  answers = sg_reviews_get_answers (store, review, &error);
  g_assert_cmpint (((SgReviewAnswer *) g_ptr_array_index (answers, 1))->action_done_at, >, 0);
  g_assert_cmpint (((SgReviewAnswer *) g_ptr_array_index (answers, 2))->action_done_at, ==, 0);
  profiles = sg_profiles_list (store, &error);
  g_assert_cmpuint (((SgProfile *) g_ptr_array_index (profiles, 0))->open_actions, ==, 1);

  /* The export says when it was changed. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *day = g_date_time_format (now, "%e %B %Y");
    g_autofree char *changed = g_strdup_printf ("Needs action — changed on %s", g_strstrip (day));
    g_autofree char *html = sg_review_history_to_html (store, &error);

    g_assert_no_error (error);
    g_assert_nonnull (strstr (html, changed));
  }

  /* A reminder of a due review names what is still open. */
  {
    g_autofree char *title = NULL;
    g_autofree char *body = NULL;
    GDate later;

    g_date_clear (&later, 1);
    g_date_set_time_t (&later, time (NULL));
    g_date_add_days (&later, 3);
    g_assert_true (sg_reminders_compose (store, &later, &title, &body, &error));
    g_assert_nonnull (strstr (body, "1 setting from your last reviews is still to change."));
  }

  /* The next review answers afresh: its own list replaces the old one. */
  next = sg_reviews_open (store, id, &error);
  g_assert_true (sg_reviews_answer (store, next, "facebook.search", SG_ANSWER_DONE, NULL, &error));
  g_assert_true (sg_reviews_complete (store, next, &error));
  g_clear_pointer (&open, g_ptr_array_unref);
  open = sg_reviews_open_actions (store, id, &error);
  g_assert_cmpuint (open->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sg/profiles/profiles-and-reviews", test_profiles_and_reviews);
  g_test_add_func ("/sg/profiles/follow-up", test_follow_up);
  return g_test_run ();
}
