/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sg-checklist.h"
#include "sg-platform.h"
#include "sg-review-history.h"
#include "sg-store-sql.h"

static const char *
answer_label (const char *answer)
{
  if (g_strcmp0 (answer, "done") == 0)
    return _("Done");
  if (g_strcmp0 (answer, "not-applicable") == 0)
    return _("Not applicable");
  return _("Needs action");
}

static char *
item_title (GHashTable *checklists,
            const char *platform,
            const char *item_id)
{
  SgChecklist *list = g_hash_table_lookup (checklists, platform);

  if (list == NULL)
    {
      list = sg_checklist_load (platform, NULL);
      if (list != NULL)
        g_hash_table_insert (checklists, g_strdup (platform), list);
    }
  for (guint i = 0; list != NULL && i < list->items->len; i++)
    {
      SgChecklistItem *item = g_ptr_array_index (list->items, i);
      if (g_strcmp0 (item->id, item_id) == 0)
        return g_markup_escape_text (item->title, -1);
    }
  return g_markup_escape_text (item_id, -1);
}

typedef struct {
  GString    *out;
  GHashTable *checklists;
  gint64      last_review;
  guint       n_reviews;
} History;

/* One row per answer of a completed review (or one for a review without answers), newest
 * review first: a new review id starts a new table. */
static void
add_row (sqlite3_stmt *stmt,
         gpointer      data)
{
  History *h = data;
  gint64 id = sqlite3_column_int64 (stmt, 0);
  const char *platform = (const char *) sqlite3_column_text (stmt, 2);

  if (id != h->last_review)
    {
      g_autoptr(GDateTime) when =
        g_date_time_new_from_unix_local (sqlite3_column_int64 (stmt, 1));
      g_autofree char *date = g_date_time_format (when, "%e %B %Y");
      const SgPlatform *p = sg_platform_lookup (platform, NULL);
      g_autofree char *handle =
        g_markup_escape_text ((const char *) sqlite3_column_text (stmt, 3), -1);

      if (h->last_review >= 0)
        g_string_append (h->out, "</table>\n");
      g_string_append_printf (h->out, "<h2>%s — %s (%s)</h2>\n<p>%s %s</p>\n<table>\n"
                              "<tr><th>%s</th><th>%s</th><th>%s</th></tr>\n",
                              p != NULL ? p->name : platform, handle,
                              (const char *) sqlite3_column_text (stmt, 4),
                              _("Reviewed on"), g_strstrip (date),
                              _("Setting"), _("Answer"), _("Note"));
      h->last_review = id;
      h->n_reviews++;
    }

  if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
    {
      g_autofree char *title = item_title (h->checklists, platform,
                                           (const char *) sqlite3_column_text (stmt, 5));
      g_autofree char *note =
        g_markup_escape_text ((const char *) sqlite3_column_text (stmt, 7), -1);
      g_autofree char *answer =
        g_strdup (answer_label ((const char *) sqlite3_column_text (stmt, 6)));

      /* The follow-up: when a setting found wanting was changed. */
      if (sqlite3_column_type (stmt, 8) != SQLITE_NULL)
        {
          g_autoptr(GDateTime) done =
            g_date_time_new_from_unix_local (sqlite3_column_int64 (stmt, 8));
          g_autofree char *day = g_date_time_format (done, "%e %B %Y");
          g_autofree char *with = g_strdup_printf (_("%s — changed on %s"), answer,
                                                   g_strstrip (day));

          g_free (answer);
          answer = g_steal_pointer (&with);
        }
      g_string_append_printf (h->out, "<tr><td>%s</td><td>%s</td><td>%s</td></tr>\n", title,
                              answer, note);
    }
}

char *
sg_review_history_to_html (SgStore  *store,
                           GError  **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GHashTable) checklists =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) sg_checklist_free);
  History h = { out, checklists, -1, 0 };

  g_return_val_if_fail (SG_IS_STORE (store), NULL);

  g_string_append_printf (out,
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n"
    "<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;padding:0 1em}"
    "table{border-collapse:collapse;width:100%%;margin-bottom:2em}"
    "th,td{text-align:left;padding:.3em;border-bottom:1px solid #ccc;vertical-align:top}"
    "@media print{body{margin:0}}</style>\n</head>\n<body>\n<h1>%s</h1>\n<p>%s</p>\n",
    _("Privacy reviews of my social media accounts"),
    _("Privacy reviews of my social media accounts"),
    _("A dated record of each review of my accounts' privacy settings, as the GMC asks "
      "(Doctors' use of social media, ¶8)."));

  /* A step that fails half-way is an error, not a shorter record (it used to be). */
  if (!sg_store_run (store,
                     "SELECT r.id, r.completed_at, p.platform, p.handle, p.kind, a.item_id, "
                     "       a.answer, a.note, a.action_done_at "
                     "FROM reviews r JOIN profiles p ON p.id = r.profile_id "
                     "LEFT JOIN review_answers a ON a.review_id = r.id "
                     "WHERE r.completed_at IS NOT NULL "
                     "ORDER BY r.completed_at DESC, r.id, a.rowid",
                     NULL, NULL, add_row, &h, "reviews", error))
    return NULL;

  if (h.last_review >= 0)
    g_string_append (out, "</table>\n");
  if (h.n_reviews == 0)
    g_string_append_printf (out, "<p>%s</p>\n", _("No reviews have been completed yet."));
  g_string_append (out, "</body>\n</html>\n");

  return g_string_free (g_steal_pointer (&out), FALSE);
}
