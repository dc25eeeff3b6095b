/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sg-error.h"
#include "sg-store-private.h"

/* One function per schema version. Each runs inside its own transaction together with the
 * PRAGMA user_version bump, so a crash halfway leaves the previous version intact. Never edit
 * a migration that has shipped: add the next one. */

/* Version 1: the tables every feature needs. Times are Unix seconds (UTC). */
static const char migration_1[] =
  /* Compose: drafts survive a crash; deleted drafts are kept until the undo toast expires. */
  "CREATE TABLE drafts ("
  "  id          INTEGER PRIMARY KEY,"
  "  title       TEXT NOT NULL DEFAULT '',"
  "  body        TEXT NOT NULL DEFAULT '',"
  "  platform    TEXT NOT NULL DEFAULT 'x',"
  "  declaration TEXT,"
  "  created_at  INTEGER NOT NULL,"
  "  updated_at  INTEGER NOT NULL,"
  "  deleted_at  INTEGER"
  ");"
  "CREATE INDEX drafts_updated ON drafts (updated_at DESC) WHERE deleted_at IS NULL;"

  /* "Ignore here": a finding dismissed for one draft and one piece of text. */
  "CREATE TABLE draft_ignores ("
  "  draft_id   INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,"
  "  rule_id    TEXT NOT NULL,"
  "  match_text TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  PRIMARY KEY (draft_id, rule_id, match_text)"
  ");"

  /* Interests register (GMP 2024 ¶90(b); was GMC 2013 ¶19). `interests` holds the current state;
   * the event log is the record and is append-only: triggers refuse UPDATE and DELETE on it. */
  "CREATE TABLE interests ("
  "  id           INTEGER PRIMARY KEY,"
  "  organisation TEXT NOT NULL,"
  "  aliases      TEXT NOT NULL DEFAULT '[]',"
  "  products     TEXT NOT NULL DEFAULT '[]',"
  "  category     TEXT NOT NULL,"
  "  paid_to      TEXT NOT NULL DEFAULT 'self' CHECK (paid_to IN ('self', 'institution')),"
  "  amount       REAL,"
  "  currency     TEXT,"
  "  started      TEXT,"
  "  ended        TEXT,"
  "  notes        TEXT NOT NULL DEFAULT '',"
  "  removed      INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE interest_events ("
  "  id          INTEGER PRIMARY KEY,"
  "  interest_id INTEGER NOT NULL REFERENCES interests (id),"
  "  at          INTEGER NOT NULL,"
  "  kind        TEXT NOT NULL CHECK (kind IN ('added', 'edited', 'ended', 'removed')),"
  "  data        TEXT NOT NULL,"
  "  reason      TEXT"
  ");"
  "CREATE INDEX interest_events_interest ON interest_events (interest_id, at);"
  "CREATE TRIGGER interest_events_no_update BEFORE UPDATE ON interest_events"
  "  BEGIN SELECT RAISE (ABORT, 'the interests log is append-only'); END;"
  "CREATE TRIGGER interest_events_no_delete BEFORE DELETE ON interest_events"
  "  BEGIN SELECT RAISE (ABORT, 'the interests log is append-only'); END;"

  /* Privacy review (GMC 2013 ¶8). */
  "CREATE TABLE profiles ("
  "  id            INTEGER PRIMARY KEY,"
  "  platform      TEXT NOT NULL,"
  "  handle        TEXT NOT NULL,"
  "  kind          TEXT NOT NULL CHECK (kind IN ('personal', 'professional')),"
  "  interval_days INTEGER NOT NULL CHECK (interval_days > 0),"
  "  created_at    INTEGER NOT NULL,"
  "  removed_at    INTEGER"
  ");"
  "CREATE TABLE reviews ("
  "  id           INTEGER PRIMARY KEY,"
  "  profile_id   INTEGER NOT NULL REFERENCES profiles (id),"
  "  started_at   INTEGER NOT NULL,"
  "  completed_at INTEGER"
  ");"
  "CREATE INDEX reviews_profile ON reviews (profile_id, completed_at);"
  "CREATE TABLE review_answers ("
  "  review_id INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,"
  "  item_id   TEXT NOT NULL,"
  "  answer    TEXT NOT NULL CHECK (answer IN ('done', 'not-applicable', 'needs-action')),"
  "  note      TEXT NOT NULL DEFAULT '',"
  "  PRIMARY KEY (review_id, item_id)"
  ");"

  /* Publish: every post that left, and why any warning was overridden. */
  "CREATE TABLE publications ("
  "  id              INTEGER PRIMARY KEY,"
  "  draft_id        INTEGER REFERENCES drafts (id) ON DELETE SET NULL,"
  "  at              INTEGER NOT NULL,"
  "  platform        TEXT NOT NULL,"
  "  account         TEXT,"
  "  method          TEXT NOT NULL CHECK (method IN ('copy', 'share', 'post')),"
  "  final_text      TEXT NOT NULL,"
  "  declarations    TEXT NOT NULL DEFAULT '[]',"
  "  status          TEXT NOT NULL CHECK (status IN ('pending', 'posted', 'failed', 'done')),"
  "  remote_url      TEXT,"
  "  error           TEXT,"
  "  idempotency_key TEXT"
  ");"
  "CREATE INDEX publications_at ON publications (at DESC);"
  "CREATE TABLE overrides ("
  "  id             INTEGER PRIMARY KEY,"
  "  publication_id INTEGER REFERENCES publications (id),"
  "  draft_id       INTEGER REFERENCES drafts (id) ON DELETE SET NULL,"
  "  at             INTEGER NOT NULL,"
  "  rule_id        TEXT NOT NULL,"
  "  match_text     TEXT NOT NULL,"
  "  reason         TEXT NOT NULL"
  ");"

  /* Local names the engine should recognise: workplace, wards, town, colleagues. */
  "CREATE TABLE watch_list ("
  "  id       INTEGER PRIMARY KEY,"
  "  term     TEXT NOT NULL COLLATE NOCASE UNIQUE,"
  "  kind     TEXT NOT NULL CHECK (kind IN ('workplace', 'ward', 'town', 'colleague', 'other')),"
  "  added_at INTEGER NOT NULL"
  ");";

/* Photos attached to drafts (issue 8). The originals stay where the user keeps them; the
 * clean copies live in the app's own data folder. Publications keep what was posted of each
 * photo and which picture checks were ticked, as JSON, like their declarations. */
static const char migration_2[] =
  "CREATE TABLE draft_photos ("
  "  id            INTEGER PRIMARY KEY,"
  "  draft_id      INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,"
  "  position      INTEGER NOT NULL,"
  "  original_path TEXT NOT NULL,"
  "  clean_path    TEXT,"
  "  alt_text      TEXT NOT NULL DEFAULT '',"
  "  checked       INTEGER NOT NULL DEFAULT 0,"
  "  facts         INTEGER NOT NULL DEFAULT 0,"
  "  added_at      INTEGER NOT NULL"
  ");"
  "CREATE INDEX draft_photos_draft ON draft_photos (draft_id, position);"
  "ALTER TABLE publications ADD COLUMN photos TEXT NOT NULL DEFAULT '[]';";

/* Privacy review follow-up (issue 20 point 5): a "needs action" answer is done once the user
 * has changed the setting, on this date; until then it is an open action on that account. */
static const char migration_3[] =
  "ALTER TABLE review_answers ADD COLUMN action_done_at INTEGER;";

/* Past posts (issue 14): each audit of a platform's archive, and the posts it flagged. Only the
 * flagged posts are kept (their text is what the doctor reviews); the rest are counted. An
 * audit is deleted in one statement, its posts with it. A status of 'running' found on opening
 * is an audit the app did not live to finish. */
static const char migration_4[] =
  "CREATE TABLE audits ("
  "  id           INTEGER PRIMARY KEY,"
  "  started_at   INTEGER NOT NULL,"
  "  finished_at  INTEGER,"
  "  file_name    TEXT NOT NULL,"
  "  status       TEXT NOT NULL CHECK (status IN ('running', 'done', 'stopped', 'failed')),"
  "  n_checked    INTEGER NOT NULL DEFAULT 0,"
  "  n_flagged    INTEGER NOT NULL DEFAULT 0,"
  "  n_skipped    INTEGER NOT NULL DEFAULT 0,"
  "  categories   TEXT NOT NULL DEFAULT '{}',"
  "  error        TEXT"
  ");"
  "CREATE TABLE audit_posts ("
  "  id              INTEGER PRIMARY KEY,"
  "  audit_id        INTEGER NOT NULL REFERENCES audits (id) ON DELETE CASCADE,"
  "  platform        TEXT NOT NULL,"
  "  post_id         TEXT NOT NULL,"
  "  posted_at       INTEGER,"
  "  url             TEXT,"
  "  text            TEXT NOT NULL,"
  "  content_warning TEXT,"
  "  media           TEXT NOT NULL DEFAULT '[]',"
  "  findings        TEXT NOT NULL,"
  "  severity        INTEGER NOT NULL,"
  "  status          TEXT NOT NULL DEFAULT 'open'"
  "                  CHECK (status IN ('open', 'kept', 'to-delete', 'deleted')),"
  "  reason          TEXT,"
  "  reviewed_at     INTEGER"
  ");"
  "CREATE INDEX audit_posts_audit ON audit_posts (audit_id, severity DESC, posted_at DESC);";

/* Patient consent (issue 18 point 4, GMC Confidentiality 2017 ¶8, ¶34): a case story the
 * patient agreed to share carries the date they gave explicit consent and how it was recorded.
 * It belongs to the draft (withdrawing it deletes the row); each publication keeps its own copy
 * of what was recorded when the post left, so History still says so after a withdrawal. */
static const char migration_5[] =
  "CREATE TABLE draft_consents ("
  "  draft_id    INTEGER PRIMARY KEY REFERENCES drafts (id) ON DELETE CASCADE,"
  "  given_on    TEXT NOT NULL,"
  "  recorded_in TEXT NOT NULL CHECK (recorded_in IN ('written', 'notes', 'other')),"
  "  note        TEXT NOT NULL DEFAULT '',"
  "  recorded_at INTEGER NOT NULL"
  ");"
  "ALTER TABLE publications ADD COLUMN consent_given_on TEXT;"
  "ALTER TABLE publications ADD COLUMN consent_recorded_in TEXT;"
  "ALTER TABLE publications ADD COLUMN consent_note TEXT;";

/* Past posts (issue 14): each post deleted from a platform (by SocialGuard, found already gone,
 * or marked deleted by hand), for History. The post's address and when, never its text: the
 * log must not keep what the doctor chose to remove. An audit deleted later leaves these. */
static const char migration_6[] =
  "CREATE TABLE deletions ("
  "  id            INTEGER PRIMARY KEY,"
  "  at            INTEGER NOT NULL,"
  "  platform      TEXT NOT NULL,"
  "  account       TEXT,"
  "  url           TEXT,"
  "  how           TEXT NOT NULL CHECK (how IN ('platform', 'already-gone', 'by-hand')),"
  "  audit_post_id INTEGER REFERENCES audit_posts (id) ON DELETE SET NULL"
  ");"
  "CREATE INDEX deletions_at ON deletions (at DESC);";

typedef struct {
  int         version;
  const char *sql;
} Migration;

static const Migration migrations[] = {
  { 1, migration_1 },
  { 2, migration_2 },
  { 3, migration_3 },
  { 4, migration_4 },
  { 5, migration_5 },
  { 6, migration_6 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == SG_STORE_SCHEMA_VERSION);

gboolean
sg_store_migrate (sqlite3  *db,
                  int       from_version,
                  GError  **error)
{
  g_assert (db != NULL);
  g_assert (from_version >= 0 && from_version <= SG_STORE_SCHEMA_VERSION);

  for (guint i = 0; i < G_N_ELEMENTS (migrations); i++)
    {
      const Migration *m = &migrations[i];
      g_autofree char *bump = NULL;

      if (m->version <= from_version)
        continue;

      if (!sg_store_exec (db, "BEGIN IMMEDIATE", error))
        return FALSE;

      bump = g_strdup_printf ("PRAGMA user_version = %d", m->version);
      if (!sg_store_exec (db, m->sql, error) || !sg_store_exec (db, bump, error))
        {
          sg_store_exec (db, "ROLLBACK", NULL);
          g_prefix_error (error, _("Could not update your data to the new format: "));
          return FALSE;
        }

      if (!sg_store_exec (db, "COMMIT", error))
        {
          sg_store_exec (db, "ROLLBACK", NULL);
          return FALSE;
        }
    }

  return TRUE;
}
