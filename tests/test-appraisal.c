/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The appraisal record of past-post audits, as HTML and CSV: what was checked and found, what
 * was done and why, without the posts' text unless asked for; text from an archive escaped in
 * both, and a CSV cell a spreadsheet would run as a formula defused. */
#include "config.h"

#include "sg-appraisal.h"

#define TEXT "He said \"=HYPERLINK(1)\", then <b>left</b>,\nsee you & bye"

static SgAppraisal *
make_appraisal (void)
{
  SgAppraisal *a = g_new0 (SgAppraisal, 1);
  SgAuditRecord *r = g_new0 (SgAuditRecord, 1);
  GPtrArray *posts = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *findings = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_audit_finding_free);
  SgAuditFinding *f = sg_audit_finding_new ("respect.test", SG_CATEGORY_RESPECT,
                                            SG_SEVERITY_WARNING, "t", "m", SG_AUDIT_PART_TEXT,
                                            0, 0, 2);
  const char *media[] = { NULL };
  SgAuditItem *kept, *deleted;

  r->id = 1;
  r->started_at = 1700000000;
  r->finished_at = 1700000100;
  r->file_name = g_strdup ("archive-<2023>.zip");
  r->run = SG_AUDIT_RUN_DONE;
  r->n_checked = 1200;
  r->n_flagged = 2;
  r->by_category[SG_CATEGORY_RESPECT] = 2;

  g_ptr_array_add (findings, f);

  kept = sg_audit_item_new (10, 1, "mastodon", "109", 1600000000,
                            "https://example.org/@doc/109", TEXT, NULL, media,
                            g_ptr_array_ref (findings));
  sg_audit_item_set_review (kept, SG_AUDIT_STATUS_KEPT, "-1 joke, \"fine\"\nin context", 1700000500);
  deleted = sg_audit_item_new (11, 1, "x", "5", 1500000000, "javascript:alert(1)", "short post",
                               NULL, media, g_ptr_array_ref (findings));
  sg_audit_item_set_review (deleted, SG_AUDIT_STATUS_DELETED, "Deleted from X", 1700000600);
  g_ptr_array_add (posts, kept);
  g_ptr_array_add (posts, deleted);
  g_ptr_array_unref (findings);

  a->audits = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_audit_record_free);
  g_ptr_array_add (a->audits, r);
  a->posts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_ptr_array_add (a->posts, posts);
  return a;
}

static void
test_html (void)
{
  g_autoptr(SgAppraisal) a = make_appraisal ();
  g_autofree char *without = sg_appraisal_to_html (a, 1700001000, FALSE);
  g_autofree char *with = sg_appraisal_to_html (a, 1700001000, TRUE);

  /* What was checked, found and done. */
  g_assert_nonnull (strstr (without, "Archives checked: 1"));
  g_assert_nonnull (strstr (without, "Posts checked: 1200"));
  g_assert_nonnull (strstr (without, "archive-&lt;2023&gt;.zip"));
  g_assert_nonnull (strstr (without, sg_category_get_title (SG_CATEGORY_RESPECT)));
  g_assert_nonnull (strstr (without, "Kept after review"));
  g_assert_nonnull (strstr (without, "-1 joke, &quot;fine&quot;"));
  g_assert_nonnull (strstr (without, "Deleted from X"));
  g_assert_nonnull (strstr (without, "<a href=\"https://example.org/@doc/109\">"));
  /* A javascript: address is not made a link. */
  g_assert_null (strstr (without, "href=\"javascript"));
  /* No text unless asked. */
  g_assert_null (strstr (without, "HYPERLINK"));
  g_assert_null (strstr (without, "short post"));

  g_assert_nonnull (strstr (with, "short post"));
  g_assert_nonnull (strstr (with, "He said &quot;=HYPERLINK(1)&quot;, then &lt;b&gt;left&lt;/b&gt;,\n"
                                  "see you &amp; bye"));
  g_assert_null (strstr (with, "<b>left"));
}

static void
test_csv (void)
{
  g_autoptr(SgAppraisal) a = make_appraisal ();
  g_autofree char *without = sg_appraisal_to_csv (a, 1700001000, FALSE);
  g_autofree char *with = sg_appraisal_to_csv (a, 1700001000, TRUE);
  g_auto(GStrv) lines = g_strsplit (without, "\r\n", -1);

  /* A header and two posts; with no text, every newline is a record's end. */
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[3], ==, "");
  g_assert_true (g_str_has_prefix (lines[0], "\"Record made\",\"Archive\","));
  g_assert_true (g_str_has_suffix (lines[0], "\"Decided on\""));
  g_assert_null (strstr (without, "HYPERLINK"));
  g_assert_null (strstr (without, "short post"));
  g_assert_nonnull (strstr (without, "\"archive-<2023>.zip\",\"14 November 2023\",\"1200\","
                                     "\"Mastodon\""));
  /* The reason: its quotes doubled, its newline kept inside the quotes, and the leading
   * minus defused. */
  g_assert_nonnull (strstr (without, "\"'-1 joke, \"\"fine\"\"\nin context\""));

  g_assert_nonnull (strstr (with, ",\"Decided on\",\"Text\"\r\n"));
  g_assert_nonnull (strstr (with, ",\"He said \"\"=HYPERLINK(1)\"\", then <b>left</b>,\nsee you & bye\"\r\n"));
  g_assert_nonnull (strstr (with, ",\"short post\"\r\n"));
}

static void
test_csv_formulas (void)
{
  g_autoptr(SgAppraisal) a = make_appraisal ();
  GPtrArray *posts = g_ptr_array_index (a->posts, 0);
  const char *starts[] = { "=1+1", "+1", "-1", "@SUM(A1)", "\tx" };

  for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
    {
      g_autofree char *csv = NULL;
      g_autofree char *want = g_strdup_printf (",\"'%s\",", starts[i]);

      sg_audit_item_set_review (g_ptr_array_index (posts, 0), SG_AUDIT_STATUS_KEPT, starts[i], 1);
      csv = sg_appraisal_to_csv (a, 1700001000, FALSE);
      g_assert_nonnull (strstr (csv, want));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sg/appraisal/html", test_html);
  g_test_add_func ("/sg/appraisal/csv", test_csv);
  g_test_add_func ("/sg/appraisal/csv-formulas", test_csv_formulas);

  return g_test_run ();
}
