/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>

#include "sg-error.h"
#include "sg-profiles.h"
#include "sg-store-sql.h"

static const char * const answers[] = { "done", "not-applicable", "needs-action" };

/* The id of a profile's last completed review, as an SQL expression of @profile. */
#define LAST_REVIEW(profile) \
  "(SELECT r.id FROM reviews r WHERE r.profile_id = " profile " AND r.completed_at IS NOT NULL " \
  "ORDER BY r.completed_at DESC, r.id DESC LIMIT 1)"

const char *
sg_answer_to_string (SgAnswer answer)
{
  g_return_val_if_fail (answer <= SG_ANSWER_NEEDS_ACTION, NULL);
  return answers[answer];
}

void
sg_profile_free (SgProfile *profile)
{
  if (profile == NULL)
    return;
  g_free (profile->platform);
  g_free (profile->handle);
  g_free (profile->kind);
  g_free (profile);
}

void
sg_review_answer_free (SgReviewAnswer *answer)
{
  if (answer == NULL)
    return;
  g_free (answer->item_id);
  g_free (answer->note);
  g_free (answer);
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* exec_params()'s parameters, read from the va_list that @args points to. */
static void
bind_params (sqlite3_stmt *stmt,
             gpointer      args)
{
  va_list *list = args;
  int type, i = 1;

  while ((type = va_arg (*list, int)) != 0)
    {
      if (type == 's')
        sg_store_bind_text (stmt, i, va_arg (*list, const char *));
      else
        sqlite3_bind_int64 (stmt, i, va_arg (*list, gint64));
      i++;
    }
}

/* One statement with text/int64 parameters given as a NULL-terminated list of
 * (char type, value) pairs: 's' for text, 'i' for gint64. */
static gboolean
exec_params (sqlite3     *db,
             const char  *sql,
             GError     **error,
             ...)
{
  va_list args;
  gboolean ok;

  va_start (args, error);
  ok = sg_store_run_locked (db, sql, bind_params, &args, NULL, NULL, "profiles", error);
  va_end (args);
  return ok;
}

gint64
sg_profiles_add (SgStore     *store,
                 const char  *platform,
                 const char  *handle,
                 const char  *kind,
                 guint        interval_days,
                 GError     **error)
{
  sqlite3 *db;
  gint64 id = -1;

  g_return_val_if_fail (SG_IS_STORE (store), -1);

  if (handle == NULL || *handle == '\0')
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                   _("Give the name or handle of the account."));
      return -1;
    }
  if (g_strcmp0 (kind, "personal") != 0 && g_strcmp0 (kind, "professional") != 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                   _("Say whether the account is personal or professional."));
      return -1;
    }
  if (interval_days == 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                   _("The review interval must be at least one day."));
      return -1;
    }

  db = sg_store_lock (store);
  if (exec_params (db, "INSERT INTO profiles (platform, handle, kind, interval_days, created_at) "
                       "VALUES (?1, ?2, ?3, ?4, ?5)", error,
                   's', platform, 's', handle, 's', kind, 'i', (gint64) interval_days,
                   'i', now_seconds (), 0))
    id = sqlite3_last_insert_rowid (db);
  sg_store_unlock (store);
  return id;
}

static void
add_profile (sqlite3_stmt *stmt,
             gpointer      out)
{
  SgProfile *p = g_new0 (SgProfile, 1);

  p->id = sqlite3_column_int64 (stmt, 0);
  p->platform = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  p->handle = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  p->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  p->interval_days = sqlite3_column_int (stmt, 4);
  p->last_review = sqlite3_column_int64 (stmt, 5);
  p->open_actions = sqlite3_column_int (stmt, 6);
  g_ptr_array_add (out, p);
}

GPtrArray *
sg_profiles_list (SgStore  *store,
                  GError  **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_profile_free);

  if (!sg_store_run (store,
                     "SELECT p.id, p.platform, p.handle, p.kind, p.interval_days, "
                     "       (SELECT max(r.completed_at) FROM reviews r "
                     "        WHERE r.profile_id = p.id), "
                     "       (SELECT count(*) FROM review_answers a WHERE a.review_id = "
                     LAST_REVIEW ("p.id")
                     "        AND a.answer = 'needs-action' AND a.action_done_at IS NULL) "
                     "FROM profiles p WHERE p.removed_at IS NULL ORDER BY p.id",
                     NULL, NULL, add_profile, out, "profiles", error))
    return NULL;
  return g_steal_pointer (&out);
}

gboolean
sg_profiles_remove (SgStore  *store,
                    gint64    id,
                    GError  **error)
{
  sqlite3 *db = sg_store_lock (store);
  gboolean ok = exec_params (db, "UPDATE profiles SET removed_at = ?1 WHERE id = ?2", error,
                             'i', now_seconds (), 'i', id, 0);

  sg_store_unlock (store);
  return ok;
}

gint64
sg_reviews_open (SgStore  *store,
                 gint64    profile_id,
                 GError  **error)
{
  sqlite3 *db = sg_store_lock (store);
  gint64 id = -1;

  /* A failed look-up is not reported: the insert below meets the same trouble and says so. */
  sg_store_run_locked (db, "SELECT id FROM reviews WHERE profile_id = ?1 AND "
                           "completed_at IS NULL ORDER BY id DESC LIMIT 1",
                       sg_store_bind_id, &profile_id, sg_store_row_id, &id, "profiles", NULL);

  if (id < 0 && exec_params (db, "INSERT INTO reviews (profile_id, started_at) VALUES (?1, ?2)",
                             error, 'i', profile_id, 'i', now_seconds (), 0))
    id = sqlite3_last_insert_rowid (db);

  sg_store_unlock (store);
  return id;
}

gboolean
sg_reviews_answer (SgStore     *store,
                   gint64       review_id,
                   const char  *item_id,
                   SgAnswer     answer,
                   const char  *note,
                   GError     **error)
{
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (answer <= SG_ANSWER_NEEDS_ACTION, FALSE);

  db = sg_store_lock (store);
  ok = exec_params (db, "INSERT INTO review_answers (review_id, item_id, answer, note) "
                        "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (review_id, item_id) DO UPDATE "
                        "SET answer = excluded.answer, note = excluded.note", error,
                    'i', review_id, 's', item_id, 's', answers[answer],
                    's', note != NULL ? note : "", 0);
  sg_store_unlock (store);
  return ok;
}

gboolean
sg_reviews_complete (SgStore  *store,
                     gint64    review_id,
                     GError  **error)
{
  sqlite3 *db = sg_store_lock (store);
  gboolean ok = exec_params (db, "UPDATE reviews SET completed_at = ?1 WHERE id = ?2 AND "
                                 "completed_at IS NULL", error,
                             'i', now_seconds (), 'i', review_id, 0);

  sg_store_unlock (store);
  return ok;
}

static void
add_answer (sqlite3_stmt *stmt,
            gpointer      out)
{
  SgReviewAnswer *a = g_new0 (SgReviewAnswer, 1);
  const char *answer = (const char *) sqlite3_column_text (stmt, 1);

  a->item_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    if (g_strcmp0 (answer, answers[i]) == 0)
      a->answer = i;
  a->note = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  a->action_done_at = sqlite3_column_int64 (stmt, 3);
  g_ptr_array_add (out, a);
}

/* A step that fails half-way is an error, not a shorter list (it used to be). */
GPtrArray *
sg_reviews_get_answers (SgStore  *store,
                        gint64    review_id,
                        GError  **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_review_answer_free);

  if (!sg_store_run (store, "SELECT item_id, answer, note, action_done_at FROM review_answers "
                            "WHERE review_id = ?1 ORDER BY rowid",
                     sg_store_bind_id, &review_id, add_answer, out, "profiles", error))
    return NULL;
  return g_steal_pointer (&out);
}

GPtrArray *
sg_reviews_open_actions (SgStore  *store,
                         gint64    profile_id,
                         GError  **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_review_answer_free);

  g_return_val_if_fail (SG_IS_STORE (store), NULL);

  if (!sg_store_run (store, "SELECT item_id, answer, note, action_done_at FROM review_answers "
                            "WHERE review_id = " LAST_REVIEW ("?1") " AND answer = 'needs-action' "
                            "AND action_done_at IS NULL ORDER BY rowid",
                     sg_store_bind_id, &profile_id, add_answer, out, "profiles", error))
    return NULL;
  return g_steal_pointer (&out);
}

gboolean
sg_reviews_action_done (SgStore     *store,
                        gint64       profile_id,
                        const char  *item_id,
                        GError     **error)
{
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (SG_IS_STORE (store), FALSE);
  g_return_val_if_fail (item_id != NULL, FALSE);

  db = sg_store_lock (store);
  ok = exec_params (db, "UPDATE review_answers SET action_done_at = ?1 "
                        "WHERE review_id = " LAST_REVIEW ("?2") " AND item_id = ?3 "
                        "AND answer = 'needs-action' AND action_done_at IS NULL", error,
                    'i', now_seconds (), 'i', profile_id, 's', item_id, 0);
  if (ok && sqlite3_changes (db) == 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                   _("That setting is not on the account’s to-do list any more."));
      ok = FALSE;
    }
  sg_store_unlock (store);
  return ok;
}
