/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Photos of a draft in the store, the engine's image rules and description checks, and what
 * a publication keeps of its photos. */
#include "config.h"

#include <glib/gstdio.h>

#include "sg-analyzer.h"
#include "sg-draft-photos.h"
#include "sg-drafts.h"
#include "sg-error.h"
#include "sg-publications.h"
#include "sg-store-private.h"

#include <utime.h>

static SgStore *
open_store (char **dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  SgStore *store;

  *dir = g_dir_make_tmp ("sg-photos-XXXXXX", &error);
  g_assert_no_error (error);
  /* The clean copies' folder follows XDG_DATA_HOME: keep it inside the test's own. */
  g_setenv ("XDG_DATA_HOME", *dir, TRUE);
  path = g_build_filename (*dir, "sg.db", NULL);
  store = sg_store_open (path, SG_STORE_OPEN_NO_BACKUP, NULL, &error);
  g_assert_no_error (error);
  return store;
}

static void
test_store (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(SgStore) store = open_store (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autofree char *photos_dir = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *original = g_build_filename (dir, "ward.jpg", NULL);
  gint64 draft = sg_drafts_create (store, "mastodon", &error);
  gint64 ids[SG_MAX_PHOTOS];
  SgDraftPhoto *p;
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (original, "not really a photo", -1, NULL));
  for (int i = 0; i < SG_MAX_PHOTOS; i++)
    {
      ids[i] = sg_draft_photos_add (store, draft, original, i == 0 ? SG_IMAGE_FACT_LOCATION : 0, &error);
      g_assert_no_error (error);
      g_assert_cmpint (ids[i], >, 0);
    }
  /* A fifth is refused in words, not silently dropped. */
  g_assert_cmpint (sg_draft_photos_add (store, draft, original, 0, &error), <, 0);
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "at most 4"));
  g_clear_error (&error);

  photos = sg_draft_photos_list (store, draft, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (photos->len, ==, SG_MAX_PHOTOS);
  p = g_ptr_array_index (photos, 0);
  g_assert_cmpint (p->position, ==, 0);
  g_assert_cmpuint (p->facts, ==, SG_IMAGE_FACT_LOCATION);
  g_assert_cmpstr (sg_draft_photo_get_posted_path (p), ==, original);
  g_assert_cmpuint (sg_draft_photo_get_posted_facts (p), ==, SG_IMAGE_FACT_LOCATION);

  /* Cleaned, described and checked: saved, and nothing hidden is posted any more. */
  photos_dir = sg_draft_photos_dir (&error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (photos_dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  clean = g_build_filename (photos_dir, "clean-test.jpg", NULL);
  g_assert_true (g_file_set_contents (clean, "clean", -1, NULL));
  g_free (p->clean_path);
  p->clean_path = g_strdup (clean);
  g_free (p->alt_text);
  p->alt_text = g_strdup ("A sunrise over the hills");
  p->checked = 0x1f;
  g_assert_true (sg_draft_photos_update (store, p, &error));
  g_assert_no_error (error);
  {
    gboolean found = FALSE;

    g_assert_true (sg_draft_photos_set_clean (store, p->id, clean, &found, &error));
    g_assert_true (found);
    /* A photo taken off the draft meanwhile: not found, so the caller deletes its copy. */
    g_assert_true (sg_draft_photos_set_clean (store, 999999, clean, &found, &error));
    g_assert_false (found);
  }
  g_clear_pointer (&photos, g_ptr_array_unref);
  photos = sg_draft_photos_list (store, draft, &error);
  p = g_ptr_array_index (photos, 0);
  g_assert_cmpstr (p->clean_path, ==, clean);
  g_assert_cmpstr (p->alt_text, ==, "A sunrise over the hills");
  g_assert_true (sg_photo_checks_done (p->checked));
  g_assert_false (sg_photo_checks_done (0x0f));
  g_assert_cmpuint (sg_draft_photo_get_posted_facts (p), ==, 0);
  g_assert_cmpstr (sg_draft_photo_get_posted_path (p), ==, clean);

  /* Removing the first: the clean copy (ours) goes, the original (the user's) stays, and the
   * others move up. */
  g_assert_true (sg_draft_photos_remove (store, ids[0], &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (clean, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (original, G_FILE_TEST_EXISTS));
  g_clear_pointer (&photos, g_ptr_array_unref);
  photos = sg_draft_photos_list (store, draft, &error);
  g_assert_cmpuint (photos->len, ==, SG_MAX_PHOTOS - 1);
  for (guint i = 0; i < photos->len; i++)
    g_assert_cmpint (((SgDraftPhoto *) g_ptr_array_index (photos, i))->position, ==, (int) i);
  g_assert_cmpint (((SgDraftPhoto *) g_ptr_array_index (photos, 0))->id, ==, ids[1]);
}

static SgAnalyzer *
default_analyzer (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgRulePack) pack = sg_rule_pack_load (NULL, &error);

  g_assert_no_error (error);
  return sg_analyzer_new (pack);
}

static gboolean
has_rule (GPtrArray  *findings,
          const char *rule_id)
{
  for (guint i = 0; i < findings->len; i++)
    if (g_str_equal (sg_finding_get_rule_id (g_ptr_array_index (findings, i)), rule_id))
      return TRUE;
  return FALSE;
}

static void
test_image_rules (void)
{
  g_autoptr(SgAnalyzer) analyzer = default_analyzer ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) located = NULL;
  g_autoptr(GPtrArray) named = NULL;
  g_autoptr(GPtrArray) clean = NULL;
  g_autoptr(GPtrArray) described = NULL;
  g_autoptr(GPtrArray) ignored = NULL;
  SgFinding *f;
  GArray *citations;
  gboolean cites_8c = FALSE;

  /* Location: an error the user must fix or acknowledge, citing 2013 ¶8c as history. */
  located = sg_analyzer_check_image (analyzer, 2, "IMG_0042.jpg",
                                     SG_IMAGE_FACT_LOCATION | SG_IMAGE_FACT_OWNER, NULL,
                                     "mastodon", &error);
  g_assert_no_error (error);
  g_assert_true (has_rule (located, "privacy.photo-location"));
  g_assert_true (has_rule (located, "privacy.photo-details"));
  f = g_ptr_array_index (located, 0);
  g_assert_cmpstr (sg_finding_get_rule_id (f), ==, "privacy.photo-location");
  g_assert_cmpint (sg_finding_get_severity (f), ==, SG_SEVERITY_ERROR);
  g_assert_cmpint (sg_finding_get_category (f), ==, SG_CATEGORY_PRIVACY);
  g_assert_cmpint (sg_finding_get_attachment (f), ==, 2);
  g_assert_cmpstr (sg_finding_get_match (f), ==, "IMG_0042.jpg");
  g_assert_cmpstr (g_array_index (sg_finding_get_fixes (f), SgFix, 0).kind, ==, "clean-photo");
  citations = sg_finding_get_citations (f);
  for (guint i = 0; i < citations->len; i++)
    cites_8c |= g_strcmp0 (g_array_index (citations, SgCitation, i).paragraph, "8c") == 0;
  g_assert_true (cites_8c);

  /* Personal details without location: a warning only. */
  named = sg_analyzer_check_image (analyzer, 0, "a.png", SG_IMAGE_FACT_SERIAL, NULL, "x", &error);
  g_assert_cmpuint (named->len, ==, 1);
  g_assert_cmpint (sg_finding_get_severity (g_ptr_array_index (named, 0)), ==, SG_SEVERITY_WARNING);

  /* Make and model, software alone, or nothing: not worth a finding. */
  clean = sg_analyzer_check_image (analyzer, 0, "a.png", SG_IMAGE_FACT_DEVICE | SG_IMAGE_FACT_SOFTWARE,
                                   "", "x", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (clean->len, ==, 0);

  /* The description is checked like the post, offsets into the description. */
  described = sg_analyzer_check_image (analyzer, 1, "b.jpg", 0,
                                       "Mrs Jones, 84, in bed 12 after her fall", "x", &error);
  g_assert_no_error (error);
  g_assert_true (has_rule (described, "confidentiality.patient-name"));
  for (guint i = 0; i < described->len; i++)
    {
      f = g_ptr_array_index (described, i);
      g_assert_cmpint (sg_finding_get_attachment (f), ==, 1);
      if (g_str_equal (sg_finding_get_rule_id (f), "confidentiality.patient-name"))
        {
          g_assert_cmpuint (sg_finding_get_start (f), ==, 0);
          g_assert_cmpuint (sg_finding_get_end (f), ==, strlen ("Mrs Jones"));
        }
    }

  /* Invalid UTF-8 in a description is an error, not a crash; rules ignored everywhere stay so. */
  g_assert_null (sg_analyzer_check_image (analyzer, 0, "c.jpg", 0, "caf\xc3", "x", &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  sg_analyzer_set_ignored_rules (analyzer, (const char *[]) { "privacy.photo-location", NULL });
  ignored = sg_analyzer_check_image (analyzer, 0, "d.jpg", SG_IMAGE_FACT_LOCATION, NULL, "x", &error);
  g_assert_no_error (error);
  g_assert_false (has_rule (ignored, "privacy.photo-location"));
}

static void
test_publication_photos (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(SgStore) store = open_store (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) photos = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_draft_photo_free);
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *html = NULL;
  SgDraftPhoto *a = g_new0 (SgDraftPhoto, 1);
  SgDraftPhoto *b = g_new0 (SgDraftPhoto, 1);
  SgPublication *p;

  a->original_path = g_strdup ("/home/dr/Pictures/sunrise.jpg");
  a->clean_path = g_strdup ("/home/dr/.local/share/socialguard/photos/clean-1.jpg");
  a->facts = SG_IMAGE_FACT_LOCATION;
  a->alt_text = g_strdup ("Sunrise over the hills");
  a->checked = 0x1f;
  b->original_path = g_strdup ("/home/dr/Pictures/team.jpg");
  b->facts = SG_IMAGE_FACT_LOCATION | SG_IMAGE_FACT_OWNER;
  b->alt_text = g_strdup ("");
  b->checked = 0x01;
  g_ptr_array_add (photos, a);
  g_ptr_array_add (photos, b);

  g_assert_cmpint (sg_publications_log (store, -1, "mastodon", "post", "Morning!", NULL, "done",
                                        NULL, photos, &error), >, 0);
  g_assert_no_error (error);
  all = sg_publications_list (store, NULL, &error);
  p = g_ptr_array_index (all, 0);
  g_assert_nonnull (p->photos);
  g_test_message ("%s", p->photos);
  g_assert_nonnull (strstr (p->photos, "Photo 1, sunrise.jpg: clean copy posted; every picture check ticked; description: Sunrise over the hills"));
  g_assert_nonnull (strstr (p->photos, "Photo 2, team.jpg: posted as it was, with location, owner; not ticked: labels, screens, plates, views"));
  html = sg_publications_to_html (all);
  g_assert_nonnull (strstr (html, "team.jpg"));
}

static char *
own_file (const char *dir,
          const char *name,
          gboolean    old)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, "x", -1, NULL));
  if (old)
    {
      struct utimbuf t = { time (NULL) - 7200, time (NULL) - 7200 };
      g_assert_cmpint (utime (path, &t), ==, 0);
    }
  return path;
}

/* The app's own photo files go when no draft needs them: a draft deleted long ago, or a file
 * nothing refers to (after a crash). Recent ones, live drafts' ones and the user's own
 * originals stay. */
static void
test_sweep (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(SgStore) store = open_store (&dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *photos = sg_draft_photos_dir (&error);
  g_autofree char *original = g_build_filename (dir, "mine.jpg", NULL);
  g_autofree char *live = own_file (photos, "clean-live.jpg", TRUE);
  g_autofree char *gone_draft = own_file (photos, "pasted-old.png", TRUE);
  g_autofree char *orphan_old = own_file (photos, "clean-orphan.jpg", TRUE);
  g_autofree char *orphan_new = own_file (photos, "clean-being-made.jpg", FALSE);
  gint64 kept = sg_drafts_create (store, "x", &error);
  gint64 deleted = sg_drafts_create (store, "x", &error);
  gint64 id;

  g_assert_true (g_file_set_contents (original, "the user's", -1, NULL));
  id = sg_draft_photos_add (store, kept, original, 0, &error);
  g_assert_true (sg_draft_photos_set_clean (store, id, live, &(gboolean) { FALSE }, &error));
  sg_draft_photos_add (store, deleted, gone_draft, 0, &error);
  sg_draft_photos_add (store, deleted, original, 0, &error);
  g_assert_no_error (error);
  g_assert_true (sg_drafts_set_deleted (store, deleted, TRUE, &error));
  {
    sqlite3 *db = sg_store_lock (store);
    g_autofree char *sql = g_strdup_printf ("UPDATE drafts SET deleted_at = %" G_GINT64_FORMAT
                                            " WHERE id = %" G_GINT64_FORMAT,
                                            g_get_real_time () / G_USEC_PER_SEC - 40 * 86400, deleted);
    g_assert_true (sg_store_exec (db, sql, NULL));
    sg_store_unlock (store);
  }

  g_assert_cmpuint (sg_draft_photos_sweep (store, 30, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_true (g_file_test (live, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (orphan_new, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (original, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (gone_draft, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (orphan_old, G_FILE_TEST_EXISTS));
  {
    g_autoptr(GPtrArray) left = sg_draft_photos_list (store, deleted, &error);
    g_assert_cmpuint (left->len, ==, 0);
  }
  /* Nothing more the second time. */
  g_assert_cmpuint (sg_draft_photos_sweep (store, 30, &error), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sg/photos/store", test_store);
  g_test_add_func ("/sg/photos/image-rules", test_image_rules);
  g_test_add_func ("/sg/photos/publication", test_publication_photos);
  g_test_add_func ("/sg/photos/sweep", test_sweep);
  return g_test_run ();
}
