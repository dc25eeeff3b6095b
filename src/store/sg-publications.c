/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "sg-draft-consent.h"
#include "sg-draft-photos.h"
#include "sg-platform.h"
#include "sg-publications.h"
#include "sg-store-private.h"

void
sg_publication_free (SgPublication *p)
{
  if (p == NULL)
    return;
  g_free (p->platform);
  g_free (p->account);
  g_free (p->method);
  g_free (p->final_text);
  g_free (p->declaration);
  g_free (p->status);
  g_free (p->remote_url);
  g_free (p->error);
  g_free (p->acknowledged);
  g_free (p->photos);
  g_free (p->consent);
  g_free (p);
}

void
sg_acknowledgement_free (SgAcknowledgement *ack)
{
  if (ack == NULL)
    return;
  g_free (ack->rule_id);
  g_free (ack->match);
  g_free (ack->reason);
  g_free (ack);
}

/* [{"name": "ward.jpg", "cleaned": true, "carried": ["location"], "alt": "…",
 *   "checked": ["people", …], "unchecked": […]}] */
static char *
photos_to_json (GPtrArray *photos)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  static const char *fact_names[] = {
    "location", "owner", "serial", "device", "software", "thumbnail", "taken-at", "unreadable",
  };
  guint n_checks;
  const SgPhotoCheck *checks = sg_photo_checks (&n_checks);

  json_builder_begin_array (b);
  for (guint i = 0; photos != NULL && i < photos->len; i++)
    {
      const SgDraftPhoto *p = g_ptr_array_index (photos, i);
      g_autofree char *name = g_path_get_basename (p->original_path);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, name);
      json_builder_set_member_name (b, "cleaned");
      json_builder_add_boolean_value (b, p->clean_path != NULL);
      json_builder_set_member_name (b, "carried");
      json_builder_begin_array (b);
      for (guint f = 0; f < G_N_ELEMENTS (fact_names); f++)
        if (sg_draft_photo_get_posted_facts (p) & (1u << f))
          json_builder_add_string_value (b, fact_names[f]);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "alt");
      json_builder_add_string_value (b, p->alt_text ? p->alt_text : "");
      for (int ticked = 1; ticked >= 0; ticked--)
        {
          json_builder_set_member_name (b, ticked ? "checked" : "unchecked");
          json_builder_begin_array (b);
          for (guint c = 0; c < n_checks; c++)
            if (((p->checked >> c) & 1) == (guint) ticked)
              json_builder_add_string_value (b, checks[c].id);
          json_builder_end_array (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/* A line per photo, for History and the appraisal export. */
static char *
photos_to_text (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  JsonArray *array;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    return NULL;
  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      JsonArray *carried, *unchecked;
      const char *alt;

      if (o == NULL)
        continue;
      carried = json_object_get_array_member (o, "carried");
      unchecked = json_object_get_array_member (o, "unchecked");
      alt = json_object_get_string_member_with_default (o, "alt", "");
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append_printf (out, _("Photo %u, %s: "), i + 1,
                              json_object_get_string_member_with_default (o, "name", "?"));
      if (json_object_get_boolean_member_with_default (o, "cleaned", FALSE))
        g_string_append (out, _("clean copy posted"));
      else if (carried != NULL && json_array_get_length (carried) > 0)
        {
          g_string_append (out, _("posted as it was, with"));
          for (guint c = 0; c < json_array_get_length (carried); c++)
            g_string_append_printf (out, "%s %s", c ? "," : "",
                                    json_array_get_string_element (carried, c));
        }
      else
        g_string_append (out, _("nothing hidden found"));
      g_string_append (out, "; ");
      if (unchecked == NULL || json_array_get_length (unchecked) == 0)
        g_string_append (out, _("every picture check ticked"));
      else
        {
          g_string_append (out, _("not ticked:"));
          for (guint c = 0; c < json_array_get_length (unchecked); c++)
            g_string_append_printf (out, "%s %s", c ? "," : "",
                                    json_array_get_string_element (unchecked, c));
        }
      if (*alt != '\0')
        g_string_append_printf (out, _("; description: %s"), alt);
    }
  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

static void
bind_draft_id (sqlite3_stmt *stmt,
               int           i,
               gint64        draft_id)
{
  if (draft_id > 0)
    sqlite3_bind_int64 (stmt, i, draft_id);
  else
    sqlite3_bind_null (stmt, i);
}

typedef struct {
  gint64                   id;
  gint64                   draft_id;
  gint64                   now;
  const char              *platform;
  const char              *method;
  const char              *final_text;
  const char              *declarations;
  const char              *status;
  const char              *photos;
  const SgAcknowledgement *ack;
} LogData;

static void
bind_publication (sqlite3_stmt *stmt,
                  gpointer      data)
{
  const LogData *d = data;

  bind_draft_id (stmt, 1, d->draft_id);
  sqlite3_bind_int64 (stmt, 2, d->now);
  sg_store_bind_text (stmt, 3, d->platform);
  sg_store_bind_text (stmt, 4, d->method);
  sg_store_bind_text (stmt, 5, d->final_text);
  sg_store_bind_text (stmt, 6, d->declarations);
  sg_store_bind_text (stmt, 7, d->status);
  sg_store_bind_text (stmt, 8, d->photos);
}

static void
bind_override (sqlite3_stmt *stmt,
               gpointer      data)
{
  const LogData *d = data;

  sqlite3_bind_int64 (stmt, 1, d->id);
  bind_draft_id (stmt, 2, d->draft_id);
  sqlite3_bind_int64 (stmt, 3, d->now);
  sg_store_bind_text (stmt, 4, d->ack->rule_id);
  sg_store_bind_text (stmt, 5, d->ack->match);
  sg_store_bind_text (stmt, 6, d->ack->reason);
}

gint64
sg_publications_log (SgStore     *store,
                     gint64       draft_id,
                     const char  *platform,
                     const char  *method,
                     const char  *final_text,
                     const char  *declaration,
                     const char  *status,
                     GPtrArray   *acknowledgements,
                     GPtrArray   *photos,
                     GError     **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *declarations = NULL;
  g_autofree char *photos_json = photos_to_json (photos);
  LogData d = { -1, draft_id, g_get_real_time () / G_USEC_PER_SEC, platform, method,
                final_text, NULL, status, photos_json, NULL };
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (SG_IS_STORE (store), -1);

  json_builder_begin_array (b);
  if (declaration != NULL)
    json_builder_add_string_value (b, declaration);
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  declarations = json_generator_to_data (gen, NULL);
  d.declarations = declarations;

  /* The publication and its overrides are one transaction: the log never shows a post
   * without the warnings acknowledged for it. */
  db = sg_store_lock (store);
  if (!sg_store_exec (db, "BEGIN IMMEDIATE", error))
    {
      sg_store_unlock (store);
      return -1;
    }

  /* The consent is copied as it stands when the post leaves: withdrawing it later changes the
   * draft, not what History says this post went out with. */
  ok = sg_store_run_locked (db, "INSERT INTO publications (draft_id, at, platform, method, "
                                "final_text, declarations, status, photos, consent_given_on, "
                                "consent_recorded_in, consent_note) "
                                "SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, c.given_on, "
                                "       c.recorded_in, c.note "
                                "FROM (SELECT 1) LEFT JOIN draft_consents c ON c.draft_id = ?1",
                            bind_publication, &d, NULL, NULL, "publications", error);
  if (ok)
    d.id = sqlite3_last_insert_rowid (db);

  for (guint i = 0; ok && acknowledgements != NULL && i < acknowledgements->len; i++)
    {
      d.ack = g_ptr_array_index (acknowledgements, i);
      ok = sg_store_run_locked (db, "INSERT INTO overrides (publication_id, draft_id, at, "
                                    "rule_id, match_text, reason) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                bind_override, &d, NULL, NULL, "publications", error);
    }

  if (ok)
    ok = sg_store_exec (db, "COMMIT", error);
  if (!ok)
    sg_store_exec (db, "ROLLBACK", NULL);
  sg_store_unlock (store);
  return ok ? d.id : -1;
}

typedef struct {
  gint64      id;
  const char *account;
  const char *idempotency_key;
  const char *status;
  const char *remote_url;
  const char *error_text;
} UpdateData;

static void
bind_update (sqlite3_stmt *stmt,
             gpointer      data)
{
  const UpdateData *d = data;

  sqlite3_bind_int64 (stmt, 1, d->id);
  sg_store_bind_text (stmt, 2, d->account);
  sg_store_bind_text (stmt, 3, d->idempotency_key);
  sg_store_bind_text (stmt, 4, d->status);
  sg_store_bind_text (stmt, 5, d->remote_url);
  sg_store_bind_text (stmt, 6, d->error_text);
}

gboolean
sg_publications_update (SgStore     *store,
                        gint64       id,
                        const char  *account,
                        const char  *idempotency_key,
                        const char  *status,
                        const char  *remote_url,
                        const char  *error_text,
                        GError     **error)
{
  UpdateData d = { id, account, idempotency_key, status, remote_url, error_text };

  g_return_val_if_fail (SG_IS_STORE (store), FALSE);

  return sg_store_run (store, "UPDATE publications SET account = coalesce(?2, account), "
                              "idempotency_key = coalesce(?3, idempotency_key), status = ?4, "
                              "remote_url = ?5, error = ?6 WHERE id = ?1",
                       bind_update, &d, NULL, NULL, "publications", error);
}

typedef struct {
  gint64 first_at;
  guint  n;
} Attempts;

static void
bind_key (sqlite3_stmt *stmt,
          gpointer      data)
{
  sqlite3_bind_text (stmt, 1, data, -1, SQLITE_TRANSIENT);
}

static void
row_attempts (sqlite3_stmt *stmt,
              gpointer      data)
{
  Attempts *a = data;

  a->first_at = sqlite3_column_int64 (stmt, 0);
  a->n = sqlite3_column_int (stmt, 1);
}

gboolean
sg_publications_first_attempt (SgStore    *store,
                               const char *idempotency_key,
                               gint64     *first_at,
                               guint      *n_attempts,
                               GError    **error)
{
  Attempts a = { -1, 0 };

  g_return_val_if_fail (SG_IS_STORE (store), FALSE);

  if (!sg_store_run (store, "SELECT coalesce(min(at), -1), count(*) FROM publications "
                            "WHERE idempotency_key = ?1",
                     bind_key, (gpointer) idempotency_key, row_attempts, &a, "publications", error))
    return FALSE;
  *first_at = a.first_at;
  *n_attempts = a.n;
  return TRUE;
}

static void
row_publication (sqlite3_stmt *stmt,
                 gpointer      data)
{
  SgPublication *p = g_new0 (SgPublication, 1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *decls = (const char *) sqlite3_column_text (stmt, 6);

  p->id = sqlite3_column_int64 (stmt, 0);
  p->at = sqlite3_column_int64 (stmt, 1);
  p->platform = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  p->account = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  p->method = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  p->final_text = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  p->status = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  p->remote_url = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
  p->error = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
  p->acknowledged = g_strdup ((const char *) sqlite3_column_text (stmt, 10));
  p->photos = photos_to_text ((const char *) sqlite3_column_text (stmt, 11));
  if (sqlite3_column_type (stmt, 12) != SQLITE_NULL)
    p->consent = sg_consent_describe ((const char *) sqlite3_column_text (stmt, 12),
                                      (const char *) sqlite3_column_text (stmt, 13),
                                      (const char *) sqlite3_column_text (stmt, 14));
  if (decls != NULL && json_parser_load_from_data (parser, decls, -1, NULL) &&
      JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)) &&
      json_array_get_length (json_node_get_array (json_parser_get_root (parser))) > 0)
    p->declaration = g_strdup (json_array_get_string_element (
                                 json_node_get_array (json_parser_get_root (parser)), 0));
  g_ptr_array_add (data, p);
}

static const char * const how_names[] = { "platform", "already-gone", "by-hand" };

typedef struct {
  const char    *platform;
  const char    *account;
  const char    *url;
  SgDeletionHow  how;
  gint64         at;
  gint64         audit_post_id;
} Deletion;

static void
bind_deletion (sqlite3_stmt *stmt,
               gpointer      data)
{
  const Deletion *d = data;

  sqlite3_bind_int64 (stmt, 1, d->at);
  sg_store_bind_text (stmt, 2, d->platform);
  sg_store_bind_text (stmt, 3, d->account);
  sg_store_bind_text (stmt, 4, d->url);
  sg_store_bind_text (stmt, 5, how_names[d->how]);
  if (d->audit_post_id > 0)
    sqlite3_bind_int64 (stmt, 6, d->audit_post_id);
  else
    sqlite3_bind_null (stmt, 6);
}

gint64
sg_publications_log_deletion (SgStore       *store,
                              const char    *platform,
                              const char    *account,
                              const char    *url,
                              SgDeletionHow  how,
                              gint64         at,
                              gint64         audit_post_id,
                              GError       **error)
{
  Deletion d = { platform, account, url, how, at, audit_post_id };
  sqlite3 *db;
  gint64 id = -1;

  g_return_val_if_fail (SG_IS_STORE (store), -1);
  g_return_val_if_fail (platform != NULL, -1);
  g_return_val_if_fail (how <= SG_DELETION_BY_HAND, -1);

  db = sg_store_lock (store);
  if (sg_store_run_locked (db, "INSERT INTO deletions (at, platform, account, url, how, "
                               "audit_post_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                           bind_deletion, &d, NULL, NULL, "deletions", error))
    id = sqlite3_last_insert_rowid (db);
  sg_store_unlock (store);
  return id;
}

char *
sg_publication_deletion_title (const SgPublication *p)
{
  const SgPlatform *platform = sg_platform_lookup (p->platform, NULL);
  const char *name = platform != NULL ? platform->name : p->platform;

  g_return_val_if_fail (p != NULL, NULL);

  /* Translators: %s is a platform's name, "Mastodon" or "X". */
  if (g_strcmp0 (p->status, "by-hand") == 0)
    return g_strdup_printf (_("Marked deleted on %s"), name);
  if (g_strcmp0 (p->status, "already-gone") == 0)
    return g_strdup_printf (_("Already gone from %s"), name);
  return g_strdup_printf (_("Deleted from %s"), name);
}

/* A deletion as History lists it: a publication of method "delete" whose status says how, with
 * no text. Its id is negative so that it never meets a publication's. */
static void
row_deletion (sqlite3_stmt *stmt,
              gpointer      data)
{
  SgPublication *p = g_new0 (SgPublication, 1);

  p->id = -sqlite3_column_int64 (stmt, 0);
  p->at = sqlite3_column_int64 (stmt, 1);
  p->platform = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  p->account = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  p->remote_url = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  p->status = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  p->method = g_strdup ("delete");
  p->final_text = g_strdup ("");
  g_ptr_array_add (data, p);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const SgPublication *pa = *(SgPublication * const *) a;
  const SgPublication *pb = *(SgPublication * const *) b;

  if (pa->at != pb->at)
    return pa->at < pb->at ? 1 : -1;
  return pa->id < pb->id ? 1 : pa->id > pb->id ? -1 : 0;
}

static void
bind_like (sqlite3_stmt *stmt,
           gpointer      data)
{
  sg_store_bind_text (stmt, 1, data);
}

GPtrArray *
sg_publications_list (SgStore     *store,
                      const char  *query,
                      GError     **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_publication_free);
  g_autofree char *like = query && *query ? g_strdup_printf ("%%%s%%", query) : NULL;

  if (!sg_store_run (store,
        "SELECT p.id, p.at, p.platform, p.account, p.method, p.final_text, p.declarations, "
        "       p.status, p.remote_url, p.error, "
        "       (SELECT group_concat(o.rule_id || ': ' || o.reason, char(10)) "
        "        FROM overrides o WHERE o.publication_id = p.id), p.photos, "
        "       p.consent_given_on, p.consent_recorded_in, p.consent_note "
        "FROM publications p WHERE ?1 IS NULL OR p.final_text LIKE ?1 OR p.platform LIKE ?1 "
        "OR p.account LIKE ?1 ORDER BY p.at DESC, p.id DESC",
        bind_like, like, row_publication, out, "publications", error))
    return NULL;
  if (!sg_store_run (store,
        "SELECT id, at, platform, account, url, how FROM deletions "
        "WHERE ?1 IS NULL OR platform LIKE ?1 OR account LIKE ?1 OR url LIKE ?1",
        bind_like, like, row_deletion, out, "deletions", error))
    return NULL;
  g_ptr_array_sort (out, compare_newest_first);
  return g_steal_pointer (&out);
}

char *
sg_publications_to_html (GPtrArray *publications)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_string_append_printf (out,
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n"
    "<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;padding:0 1em}"
    "article{border-bottom:1px solid #ccc;padding:1em 0}pre{white-space:pre-wrap;font-family:inherit}"
    "</style>\n</head>\n<body>\n<h1>%s</h1>\n", _("My social media posts"), _("My social media posts"));

  for (guint i = 0; i < publications->len; i++)
    {
      SgPublication *p = g_ptr_array_index (publications, i);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (p->at);
      g_autofree char *stamp = g_date_time_format (when, "%e %B %Y %H:%M");
      g_autofree char *text = g_markup_escape_text (p->final_text, -1);
      const SgPlatform *platform = sg_platform_lookup (p->platform, NULL);

      if (g_strcmp0 (p->method, "delete") == 0)
        {
          g_autofree char *title = sg_publication_deletion_title (p);
          g_autofree char *url = g_markup_escape_text (p->remote_url ? p->remote_url : "", -1);

          g_string_append_printf (out, "<article><h2>%s — %s</h2>\n<p>%s</p>\n</article>\n",
                                  g_strstrip (stamp), title, url);
          continue;
        }
      g_string_append_printf (out, "<article><h2>%s — %s</h2>\n<pre>%s</pre>\n",
                              g_strstrip (stamp), platform ? platform->name : p->platform, text);
      if (p->acknowledged != NULL)
        {
          g_autofree char *ack = g_markup_escape_text (p->acknowledged, -1);
          g_string_append_printf (out, "<p><strong>%s</strong></p><pre>%s</pre>\n",
                                  _("Warnings acknowledged:"), ack);
        }
      if (p->consent != NULL)
        {
          g_autofree char *consent = g_markup_escape_text (p->consent, -1);
          g_string_append_printf (out, "<p><strong>%s</strong> %s</p>\n",
                                  _("Patient’s consent:"), consent);
        }
      if (p->photos != NULL)
        {
          g_autofree char *photos = g_markup_escape_text (p->photos, -1);
          g_string_append_printf (out, "<p><strong>%s</strong></p><pre>%s</pre>\n",
                                  _("Photos:"), photos);
        }
      g_string_append (out, "</article>\n");
    }
  if (publications->len == 0)
    g_string_append_printf (out, "<p>%s</p>\n", _("Nothing has been published yet."));
  g_string_append (out, "</body>\n</html>\n");
  return g_string_free (g_steal_pointer (&out), FALSE);
}
