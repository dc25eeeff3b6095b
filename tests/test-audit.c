/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The past-post audit: an X archive written by the test goes through SgAudit; what it flagged
 * is stored, read back after reopening the store, reviewed, and deleted in one action. */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "sg-audit.h"
#include "sg-audit-item-list.h"
#include "sg-error.h"
#include "sg-rule-pack.h"
#include "sg-test-archive.h"
#include "sg-test-store.h"

static SgAnalyzer *analyzer;

/* Three posts a doctor would want to find, among ordinary ones. */
#define RESPECT_POST      "Another night of bed blockers and frequent flyers. Why do we bother."
#define DEFAMATION_POST   "Dr Alan Pryce at Westfield General has been falsifying his mortality data."
#define PROFESSIONAL_POST "Still drunk from the leaving do and on the ward round in an hour."

static const char * const texts[] = {
  RESPECT_POST,
  "Lovely walk along the canal this morning.",
  "Our hospital choir is singing at the cathedral on Saturday, all welcome.",
  DEFAMATION_POST,
  "New paper out today on sepsis screening in primary care.",
  PROFESSIONAL_POST,
  "Ward 9 is closed to visitors this week because of norovirus.",
  "Great talk at the conference about rota design.",
  NULL
};

typedef struct {
  SgStore *store;
  char    *dir;
  char    *archive;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = sg_test_store_open ("sg-audit", &f->dir);
  f->archive = g_build_filename (f->dir, "tweets.js", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_unlink (f->archive);
  g_free (f->archive);
  sg_test_store_close (f->store, f->dir);
}

typedef struct {
  gint64   id;
  GError  *error;
  gboolean done;
  guint    n_progress;
  guint    last_done;
  GCancellable *cancel_at_first;
} Run;

static void
progress_cb (SgAudit *audit,
             guint    n_done,
             double   fraction,
             Run     *run)
{
  g_assert_cmpfloat (fraction, >=, 0.);
  g_assert_cmpfloat (fraction, <=, 1.);
  g_assert_cmpuint (n_done, >=, run->last_done);
  run->last_done = n_done;
  run->n_progress++;
  if (run->cancel_at_first != NULL)
    g_cancellable_cancel (run->cancel_at_first);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  Run *run = data;

  run->id = sg_audit_run_finish (SG_AUDIT (source), result, &run->error);
  run->done = TRUE;
}

static void
run_audit (SgAudit      *audit,
           GCancellable *cancellable,
           Run          *run)
{
  g_signal_connect (audit, "progress", G_CALLBACK (progress_cb), run);
  sg_audit_run_async (audit, cancellable, run_done_cb, run);
  while (!run->done)
    g_main_context_iteration (NULL, TRUE);
  /* The last "progress" may be dispatched after the result, and the worker drops its
   * reference to the task (and so to the audit and the store) a moment after returning. */
  while (g_main_context_iteration (NULL, FALSE) || G_OBJECT (audit)->ref_count > 1)
    g_usleep (1000);
}

static void
test_run (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(SgAudit) audit = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GError) error = NULL;
  Run run = { 0 };
  const SgAuditRecord *r;
  struct stat st;

  sg_test_archive_write_tweets (f->archive, texts, 16);
  audit = sg_audit_new (f->store, analyzer, f->archive);
  run_audit (audit, NULL, &run);
  g_assert_no_error (run.error);
  g_assert_cmpint (run.id, >, 0);

  g_assert_cmpuint (run.n_progress, >=, 1);
  g_assert_cmpuint (sg_audit_get_n_done (audit), ==, 16);
  g_assert_cmpfloat (sg_audit_get_fraction (audit), ==, 1.);

  r = sg_audit_get_record (audit);
  g_assert_cmpint (r->id, ==, run.id);
  g_assert_cmpint (r->run, ==, SG_AUDIT_RUN_DONE);
  g_assert_cmpstr (r->file_name, ==, "tweets.js");
  g_assert_cmpuint (r->n_checked, ==, 16);
  g_assert_cmpuint (r->n_flagged, ==, 6);          /* each flagged text twice */
  g_assert_cmpuint (r->n_skipped, ==, 0);
  g_assert_cmpuint (r->by_category[SG_CATEGORY_RESPECT], ==, 2);
  g_assert_cmpuint (r->by_category[SG_CATEGORY_DEFAMATION], ==, 2);
  /* The drunk post, and the respect post too: contempt for a whole group of patients
   * ("another night of … frequent flyers") is professionalism as well. */
  g_assert_cmpuint (r->by_category[SG_CATEGORY_PROFESSIONALISM], ==, 4);

  posts = sg_audits_list_posts (f->store, run.id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (posts->len, ==, 6);
  for (guint i = 0; i < posts->len; i++)
    {
      SgAuditItem *item = g_ptr_array_index (posts, i);
      GPtrArray *findings = sg_audit_item_get_findings (item);
      const char *text = sg_audit_item_get_text (item);

      g_assert_cmpstr (sg_audit_item_get_platform (item), ==, "x");
      g_assert_true (g_str_has_prefix (sg_audit_item_get_url (item), "https://x.com/"));
      g_assert_cmpint (sg_audit_item_get_status (item), ==, SG_AUDIT_STATUS_OPEN);
      g_assert_cmpuint (findings->len, >, 0);
      for (guint j = 0; j < findings->len; j++)
        {
          const SgAuditFinding *fi = g_ptr_array_index (findings, j);

          g_assert_cmpint (fi->severity, >=, SG_SEVERITY_WARNING);
          g_assert_cmpint (fi->part, ==, SG_AUDIT_PART_TEXT);
          g_assert_cmpuint (fi->end, <=, strlen (text));
          g_assert_cmpuint (fi->start, <, fi->end);
          g_assert_cmpstr (fi->message, !=, "");
        }
      /* Most serious first, then newest first. */
      if (i > 0)
        {
          SgAuditItem *prev = g_ptr_array_index (posts, i - 1);

          g_assert_cmpint (sg_audit_item_get_severity (prev), >=,
                           sg_audit_item_get_severity (item));
          if (sg_audit_item_get_severity (prev) == sg_audit_item_get_severity (item))
            g_assert_cmpint (sg_audit_item_get_posted_at (prev), >=,
                             sg_audit_item_get_posted_at (item));
        }
    }

  /* What the audit stored is user data: the file stays the owner's alone. */
  g_assert_cmpint (g_stat (sg_store_get_path (f->store), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(SgAudit) audit = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(SgAuditRecord) stored = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GError) error = NULL;
  Run run = { 0 };
  const SgAuditRecord *r;

  /* Large enough that the first progress comes long before the end. */
  sg_test_archive_write_tweets (f->archive, texts, 20000);
  audit = sg_audit_new (f->store, analyzer, f->archive);
  run.cancel_at_first = cancellable;
  run_audit (audit, cancellable, &run);

  /* Stopping is not an error: what was checked is kept, as a stopped audit. */
  g_assert_no_error (run.error);
  r = sg_audit_get_record (audit);
  g_assert_cmpint (r->run, ==, SG_AUDIT_RUN_STOPPED);
  g_assert_cmpuint (r->n_checked, >, 0);
  g_assert_cmpuint (r->n_checked, <, 20000);
  g_assert_cmpint (r->finished_at, >, 0);

  stored = sg_audits_get (f->store, run.id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->run, ==, SG_AUDIT_RUN_STOPPED);
  g_assert_cmpuint (stored->n_checked, ==, r->n_checked);
  g_assert_cmpuint (stored->n_flagged, ==, r->n_flagged);
  posts = sg_audits_list_posts (f->store, run.id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (posts->len, ==, r->n_flagged);
}

static void
test_stored (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(SgAudit) audit = NULL;
  g_autoptr(GPtrArray) audits = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (sg_store_get_path (f->store));
  SgAuditRecord *r;
  SgAuditItem *item;
  gint64 id, item_id;

  sg_test_archive_write_tweets (f->archive, texts, 8);
  audit = sg_audit_new (f->store, analyzer, f->archive);
  id = sg_audit_run (audit, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&audit);

  posts = sg_audits_list_posts (f->store, id, &error);
  g_assert_no_error (error);
  item_id = sg_audit_item_get_id (g_ptr_array_index (posts, 0));
  g_assert_true (sg_audits_review_post (f->store, item_id, SG_AUDIT_STATUS_KEPT,
                                        "A fair comment at the time", 1767225600, &error));
  g_assert_no_error (error);
  g_clear_pointer (&posts, g_ptr_array_unref);

  /* As after a restart: a new connection to the same file. */
  g_assert_finalize_object (g_steal_pointer (&f->store));
  f->store = sg_store_open (path, SG_STORE_OPEN_NO_BACKUP, NULL, &error);
  g_assert_no_error (error);

  audits = sg_audits_list (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audits->len, ==, 1);
  r = g_ptr_array_index (audits, 0);
  g_assert_cmpint (r->id, ==, id);
  g_assert_cmpint (r->run, ==, SG_AUDIT_RUN_DONE);
  g_assert_cmpuint (r->n_checked, ==, 8);
  g_assert_cmpuint (r->n_flagged, ==, 3);

  posts = sg_audits_list_posts (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (posts->len, ==, 3);
  item = NULL;
  for (guint i = 0; i < posts->len; i++)
    if (sg_audit_item_get_id (g_ptr_array_index (posts, i)) == item_id)
      item = g_ptr_array_index (posts, i);
  g_assert_nonnull (item);
  g_assert_cmpint (sg_audit_item_get_status (item), ==, SG_AUDIT_STATUS_KEPT);
  g_assert_cmpstr (sg_audit_item_get_reason (item), ==, "A fair comment at the time");
  g_assert_cmpint (sg_audit_item_get_reviewed_at (item), ==, 1767225600);
  g_assert_cmpint (sg_audit_item_get_year (item), >=, 2016);
  g_assert_cmpuint (sg_audit_item_get_findings (item)->len, >, 0);

  /* Back to open clears the date. */
  g_assert_true (sg_audits_review_post (f->store, item_id, SG_AUDIT_STATUS_TO_DELETE, NULL,
                                        1767225601, &error));
  g_assert_no_error (error);
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(SgAudit) first = NULL;
  g_autoptr(SgAudit) second = NULL;
  g_autoptr(GPtrArray) audits = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 a, b;

  sg_test_archive_write_tweets (f->archive, texts, 8);
  first = sg_audit_new (f->store, analyzer, f->archive);
  a = sg_audit_run (first, NULL, &error);
  g_assert_no_error (error);
  second = sg_audit_new (f->store, analyzer, f->archive);
  b = sg_audit_run (second, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (sg_audits_delete (f->store, a, &error));
  g_assert_no_error (error);

  audits = sg_audits_list (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audits->len, ==, 1);
  g_assert_cmpint (((SgAuditRecord *) g_ptr_array_index (audits, 0))->id, ==, b);
  posts = sg_audits_list_posts (f->store, a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (posts->len, ==, 0);
  g_clear_pointer (&posts, g_ptr_array_unref);
  posts = sg_audits_list_posts (f->store, b, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (posts->len, ==, 3);
  g_assert_null (sg_audits_get (f->store, a, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_FAILED);
}

static void
test_not_an_archive (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(SgAudit) audit = NULL;
  g_autoptr(GPtrArray) audits = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (f->archive, "Dear colleague, the rota is attached.", -1,
                                      NULL));
  audit = sg_audit_new (f->store, analyzer, f->archive);
  g_assert_cmpint (sg_audit_run (audit, NULL, &error), ==, 0);
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);

  /* Nothing was read, so nothing is kept. */
  audits = sg_audits_list (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audits->len, ==, 0);
}

/* A database written before past posts (schema v3, the review follow-up) gains the two tables
 * on opening. */
static void
test_migration (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_strdup (sg_store_get_path (f->store));
  g_autoptr(GPtrArray) audits = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SgAudit) audit = NULL;
  sqlite3 *db;

  g_assert_finalize_object (g_steal_pointer (&f->store));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  /* What versions 4, 5 (patient consent) and 6 (deletions) added goes too, so all run again. */
  g_assert_cmpint (sqlite3_exec (db, "DROP TABLE deletions; DROP TABLE audit_posts; DROP TABLE audits; "
                                     "DROP TABLE draft_consents; "
                                     "ALTER TABLE publications DROP COLUMN consent_given_on; "
                                     "ALTER TABLE publications DROP COLUMN consent_recorded_in; "
                                     "ALTER TABLE publications DROP COLUMN consent_note; "
                                     "PRAGMA user_version = 3", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  f->store = sg_store_open (path, SG_STORE_OPEN_NO_BACKUP, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sg_store_get_schema_version (f->store), ==, SG_STORE_SCHEMA_VERSION);
  audits = sg_audits_list (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audits->len, ==, 0);

  sg_test_archive_write_tweets (f->archive, texts, 8);
  audit = sg_audit_new (f->store, analyzer, f->archive);
  g_assert_cmpint (sg_audit_run (audit, NULL, &error), >, 0);
  g_assert_no_error (error);
}

/* What the Past Posts list holds (issue 14): the posts without their bodies, in the same
 * order and with the same severity, categories and review as whole; the bodies read back by
 * id; and a search over the stored texts, case-folded beyond ASCII. */
static const char * const heads_texts[] = {
  "ÄRZTE-Treffen. " RESPECT_POST,
  DEFAMATION_POST,
  "Lovely walk along the canal this morning.",
  PROFESSIONAL_POST,
  NULL
};

static void
test_heads (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(SgAudit) audit = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GPtrArray) heads = NULL;
  g_autoptr(GPtrArray) read = NULL;
  g_autoptr(GHashTable) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folded = NULL;
  gint64 id, ids[2];

  sg_test_archive_write_tweets (f->archive, heads_texts, 8);
  audit = sg_audit_new (f->store, analyzer, f->archive);
  id = sg_audit_run (audit, NULL, &error);
  g_assert_no_error (error);
  posts = sg_audits_list_posts (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (sg_audits_review_post (f->store, sg_audit_item_get_id (posts->pdata[1]),
                                        SG_AUDIT_STATUS_KEPT, "a joke", 1700000000, &error));
  g_clear_pointer (&posts, g_ptr_array_unref);
  posts = sg_audits_list_posts (f->store, id, &error);
  heads = sg_audits_list_post_heads (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (posts->len, ==, 6);
  g_assert_cmpuint (heads->len, ==, posts->len);
  for (guint i = 0; i < posts->len; i++)
    {
      SgAuditItem *post = posts->pdata[i], *head = heads->pdata[i];

      g_assert_cmpint (sg_audit_item_get_id (head), ==, sg_audit_item_get_id (post));
      g_assert_cmpint (sg_audit_item_get_severity (head), ==, sg_audit_item_get_severity (post));
      g_assert_cmpuint (sg_audit_item_get_categories (head), ==,
                        sg_audit_item_get_categories (post));
      g_assert_cmpint (sg_audit_item_get_year (head), ==, sg_audit_item_get_year (post));
      g_assert_cmpstr (sg_audit_item_get_url (head), ==, sg_audit_item_get_url (post));
      g_assert_cmpint (sg_audit_item_get_status (head), ==, sg_audit_item_get_status (post));
      g_assert_cmpstr (sg_audit_item_get_reason (head), ==, sg_audit_item_get_reason (post));
      g_assert_false (sg_audit_item_has_body (head));
      g_assert_true (sg_audit_item_has_body (post));
      g_assert_cmpstr (sg_audit_item_get_text (head), ==, "");
      g_assert_cmpuint (sg_audit_item_get_findings (head)->len, ==, 0);
    }
  g_assert_cmpint (sg_audit_item_get_status (heads->pdata[1]), ==, SG_AUDIT_STATUS_KEPT);

  /* Two bodies read back by id, given to their heads, and let go again. */
  ids[0] = sg_audit_item_get_id (posts->pdata[4]);
  ids[1] = sg_audit_item_get_id (posts->pdata[0]);
  read = sg_audits_read_posts (f->store, ids, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read->len, ==, 2);
  for (guint i = 0; i < read->len; i++)
    {
      SgAuditItem *r = read->pdata[i];
      SgAuditItem *post = posts->pdata[sg_audit_item_get_id (r) == ids[0] ? 4 : 0];
      SgAuditItem *head = heads->pdata[sg_audit_item_get_id (r) == ids[0] ? 4 : 0];

      g_assert_cmpint (sg_audit_item_get_id (r), ==, sg_audit_item_get_id (post));
      g_assert_cmpstr (sg_audit_item_get_text (r), ==, sg_audit_item_get_text (post));
      sg_audit_item_set_body (head, sg_audit_item_get_text (r),
                              sg_audit_item_get_content_warning (r),
                              sg_audit_item_get_media (r), sg_audit_item_get_findings (r));
      g_assert_true (sg_audit_item_has_body (head));
      g_assert_cmpstr (sg_audit_item_get_text (head), ==, sg_audit_item_get_text (post));
      g_assert_cmpuint (sg_audit_item_get_findings (head)->len, ==,
                        sg_audit_item_get_findings (post)->len);
      sg_audit_item_drop_body (head);
      g_assert_false (sg_audit_item_has_body (head));
      g_assert_cmpstr (sg_audit_item_get_text (head), ==, "");
    }

  /* "ärzte" finds "ÄRZTE" (LIKE would not), in both copies of the post and nowhere else. */
  folded = g_utf8_casefold ("ärzte", -1);
  found = sg_audits_search_posts (f->store, id, folded, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (found), ==, 2);
  for (guint i = 0; i < posts->len; i++)
    {
      gint64 post_id = sg_audit_item_get_id (posts->pdata[i]);

      g_assert_cmpint (g_hash_table_contains (found, &post_id), ==,
                       g_str_has_prefix (sg_audit_item_get_text (posts->pdata[i]), "ÄRZTE"));
    }
  g_clear_pointer (&found, g_hash_table_unref);
  found = sg_audits_search_posts (f->store, id + 1, folded, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (found), ==, 0);
}

/* The list the Past Posts page shows: the heads in their order, nothing past the end, and the
 * items let go with it. */
static void
test_item_list (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(SgAudit) audit = NULL;
  g_autoptr(GPtrArray) heads = NULL;
  g_autoptr(SgAuditItemList) list = NULL;
  g_autoptr(SgAuditItemList) empty = sg_audit_item_list_new (NULL);
  g_autoptr(GError) error = NULL;
  SgAuditItem *first;
  gint64 id;

  sg_test_archive_write_tweets (f->archive, texts, 16);
  audit = sg_audit_new (f->store, analyzer, f->archive);
  id = sg_audit_run (audit, NULL, &error);
  g_assert_no_error (error);
  heads = sg_audits_list_post_heads (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (heads->len, ==, 6);
  first = g_object_ref (heads->pdata[0]);
  list = sg_audit_item_list_new (g_ptr_array_ref (heads));

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == SG_TYPE_AUDIT_ITEM);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 6);
  for (guint i = 0; i < heads->len; i++)
    {
      g_autoptr(SgAuditItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_true (item == heads->pdata[i]);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 6));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (empty)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (empty), 0));

  g_clear_pointer (&heads, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&list));
  g_assert_finalize_object (first);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SgRulePack) pack = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  pack = sg_rule_pack_load (NULL, &error);
  g_assert_no_error (error);
  analyzer = sg_analyzer_new (pack);

#define ADD(name, func) \
  g_test_add ("/sg/audit/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("run", test_run);
  ADD ("cancel", test_cancel);
  ADD ("stored", test_stored);
  ADD ("delete", test_delete);
  ADD ("not-an-archive", test_not_an_archive);
  ADD ("migration-from-v3", test_migration);
  ADD ("heads", test_heads);
  ADD ("item-list", test_item_list);
#undef ADD

  ret = g_test_run ();
  g_clear_object (&analyzer);
  return ret;
}
