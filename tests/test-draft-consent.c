/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sg-draft-consent.h"
#include "sg-drafts.h"
#include "sg-error.h"
#include "sg-publications.h"
#include "sg-test-store.h"

static GDate *
day (int d, int m, int y)
{
  return g_date_new_dmy (d, m, y);
}

static void
test_parse_date (void)
{
  g_autoptr(GDate) today = day (6, 12, 2026);
  struct {
    const char *text;
    const char *iso;   /* NULL: refused */
  } cases[] = {
    { "12/09/2026", "2026-09-12" },   /* day first: 12 September, not 9 December */
    { " 1/2/26 ", "2026-02-01" },
    { "12-09-2026", "2026-09-12" },
    { "12.09.2026", "2026-09-12" },
    { "2026-09-12", "2026-09-12" },
    { "12 Sep 2026", "2026-09-12" },
    { "12 sept. 2026", "2026-09-12" },
    { "12 September 2026", "2026-09-12" },
    { "6/12/2026", "2026-12-06" },    /* today is allowed */
    { "7/12/2026", NULL },            /* tomorrow is not */
    { "12/09/2027", NULL },
    { "31/02/2026", NULL },
    { "09/13/2026", NULL },           /* an American date is not a UK one */
    { "12 Se 2026", NULL },
    { "yesterday", NULL },
    { "", NULL },
    { "12/09", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *iso = sg_consent_parse_date (cases[i].text, today, &error);

      g_test_message ("%s", cases[i].text);
      g_assert_cmpstr (iso, ==, cases[i].iso);
      if (cases[i].iso == NULL)
        g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT);
      else
        g_assert_no_error (error);
    }

  {
    g_autofree char *formatted = sg_consent_format_date ("2026-09-12");
    g_autofree char *described = sg_consent_describe ("2026-09-12", "notes", "");
    g_autofree char *with_note = sg_consent_describe ("2026-09-02", "written", "X-ray only");

    g_assert_cmpstr (formatted, ==, "12 Sep 2026");
    g_assert_cmpstr (described, ==, "given 12 Sep 2026, in their notes");
    g_assert_cmpstr (with_note, ==, "given 2 Sep 2026, on a written consent form; “X-ray only”");
  }
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static void
test_save_load_withdraw (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = NULL;
  SgStore *store = sg_test_store_open ("sg-consent", &dir);
  g_autofree char *path = g_strdup (sg_store_get_path (store));
  SgDraftConsent consent = { 0 };
  g_autoptr(SgDraftConsent) loaded = NULL;
  g_autoptr(SgDraftConsent) replaced = NULL;
  g_autoptr(SgDraftConsent) gone = NULL;
  g_autoptr(GPtrArray) log = NULL;
  gint64 id = sg_drafts_create (store, "x", &error);
  gint64 other = sg_drafts_create (store, "x", &error);

  g_assert_no_error (error);
  g_assert_null (sg_draft_consent_load (store, id, &error));
  g_assert_no_error (error);

  consent.draft_id = id;
  consent.given_on = (char *) "2026-09-12";
  consent.recorded_in = (char *) "notes";
  consent.note = (char *) "Her X-ray and the story; not her age";
  g_assert_true (sg_draft_consent_save (store, &consent, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (path), ==, 0600);

  /* It survives closing the app: the file is opened afresh. */
  g_assert_finalize_object (store);
  store = sg_store_open (path, SG_STORE_OPEN_NO_BACKUP, NULL, &error);
  g_assert_no_error (error);

  loaded = sg_draft_consent_load (store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpint (loaded->draft_id, ==, id);
  g_assert_cmpstr (loaded->given_on, ==, "2026-09-12");
  g_assert_cmpstr (loaded->recorded_in, ==, "notes");
  g_assert_cmpstr (loaded->note, ==, "Her X-ray and the story; not her age");
  g_assert_cmpint (loaded->recorded_at, >, 0);
  /* Another draft has none. */
  g_assert_null (sg_draft_consent_load (store, other, &error));

  /* Recording again replaces it. */
  consent.recorded_in = (char *) "written";
  consent.note = NULL;
  g_assert_true (sg_draft_consent_save (store, &consent, &error));
  replaced = sg_draft_consent_load (store, id, &error);
  g_assert_cmpstr (replaced->recorded_in, ==, "written");
  g_assert_cmpstr (replaced->note, ==, "");

  /* Never a future date, nor an unknown way of recording it, whoever calls. */
  consent.given_on = (char *) "2999-01-01";
  g_assert_false (sg_draft_consent_save (store, &consent, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  consent.given_on = (char *) "2026-09-12";
  consent.recorded_in = (char *) "verbal";
  g_assert_false (sg_draft_consent_save (store, &consent, &error));
  g_clear_error (&error);

  /* A post logged now carries a copy of the consent, which outlives the withdrawal. */
  g_assert_cmpint (sg_publications_log (store, id, "x", "copy", "A case story", NULL, "done",
                                        NULL, NULL, &error), >, 0);
  g_assert_cmpint (sg_publications_log (store, other, "x", "copy", "Another", NULL, "done",
                                        NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (sg_draft_consent_withdraw (store, id, &error));
  g_assert_no_error (error);
  gone = sg_draft_consent_load (store, id, &error);
  g_assert_no_error (error);
  g_assert_null (gone);

  log = sg_publications_list (store, NULL, &error);
  g_assert_cmpuint (log->len, ==, 2);
  g_assert_null (((SgPublication *) g_ptr_array_index (log, 0))->consent);
  g_assert_cmpstr (((SgPublication *) g_ptr_array_index (log, 1))->consent, ==,
                   "given 12 Sep 2026, on a written consent form");
  {
    g_autofree char *html = sg_publications_to_html (log);
    g_assert_nonnull (strstr (html, "given 12 Sep 2026, on a written consent form"));
  }
  g_assert_cmpuint (file_mode (path), ==, 0600);
  sg_test_store_close (store, dir);
}

/* A database written at schema v4 (past posts) gains the consent table and the log's columns,
 * keeping what it held. */
static void
test_migration_from_4 (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = NULL;
  SgStore *store = sg_test_store_open ("sg-consent-v4", &dir);
  g_autofree char *path = g_strdup (sg_store_get_path (store));
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(SgDraftConsent) loaded = NULL;
  SgDraftConsent consent = { 0 };
  gint64 id;
  sqlite3 *db;

  id = sg_drafts_create (store, "x", &error);
  g_assert_cmpint (sg_publications_log (store, id, "x", "copy", "Before consent", NULL, "done",
                                        NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  /* Back to exactly what version 4 wrote (so 6, the deletions log, goes too). */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TABLE deletions; DROP TABLE draft_consents; "
                                     "ALTER TABLE publications DROP COLUMN consent_given_on; "
                                     "ALTER TABLE publications DROP COLUMN consent_recorded_in; "
                                     "ALTER TABLE publications DROP COLUMN consent_note; "
                                     "PRAGMA user_version = 4", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_chmod (path, 0644);

  store = sg_store_open (path, SG_STORE_OPEN_NO_BACKUP, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sg_store_get_schema_version (store), ==, SG_STORE_SCHEMA_VERSION);
  g_assert_cmpuint (file_mode (path), ==, 0600);

  log = sg_publications_list (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 1);
  g_assert_cmpstr (((SgPublication *) g_ptr_array_index (log, 0))->final_text, ==,
                   "Before consent");
  g_assert_null (((SgPublication *) g_ptr_array_index (log, 0))->consent);

  consent.draft_id = id;
  consent.given_on = (char *) "2026-01-30";
  consent.recorded_in = (char *) "other";
  g_assert_true (sg_draft_consent_save (store, &consent, &error));
  g_assert_no_error (error);
  loaded = sg_draft_consent_load (store, id, &error);
  g_assert_cmpstr (loaded->given_on, ==, "2026-01-30");

  sg_test_store_close (store, dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sg/draft-consent/parse-date", test_parse_date);
  g_test_add_func ("/sg/draft-consent/save-load-withdraw", test_save_load_withdraw);
  g_test_add_func ("/sg/draft-consent/migration-from-4", test_migration_from_4);
  return g_test_run ();
}
