/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sg-error.h"
#include "sg-interest-register.h"
#include "sg-length.h"
#include "sg-lexicon.h"
#include "sg-store-sql.h"

/* Store */

static char *
strv_to_json (GStrv strv)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (b);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (b, strv[i]);
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

static GStrv
strv_from_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  if (json != NULL && json_parser_load_from_data (parser, json, -1, NULL) &&
      JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    {
      JsonArray *a = json_node_get_array (json_parser_get_root (parser));
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          const char *s = json_array_get_string_element (a, i);
          if (s != NULL)
            g_strv_builder_add (b, s);
        }
    }
  return g_strv_builder_end (b);
}

static char *
interest_json (const SgInterest *interest)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) node = sg_interest_to_json (interest);

  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
}

typedef struct {
  gint64      id;
  const char *kind;
  const char *data;
  const char *reason;
} Event;

static void
bind_event (sqlite3_stmt *stmt,
            gpointer      data)
{
  const Event *e = data;

  sqlite3_bind_int64 (stmt, 1, e->id);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_text (stmt, 3, e->kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, e->data, -1, SQLITE_TRANSIENT);
  sg_store_bind_text (stmt, 5, e->reason);
}

static gboolean
append_event (sqlite3     *db,
              gint64       id,
              const char  *kind,
              const char  *data,
              const char  *reason,
              GError     **error)
{
  Event e = { id, kind, data, reason };

  return sg_store_run_locked (db, "INSERT INTO interest_events (interest_id, at, kind, data, "
                                  "reason) VALUES (?1, ?2, ?3, ?4, ?5)",
                              bind_event, &e, NULL, NULL, "interests", error);
}

typedef struct {
  const SgInterest *interest;
  gboolean          insert;
  const char       *aliases;
  const char       *products;
} Write;

static void
bind_interest (sqlite3_stmt *stmt,
               gpointer      data)
{
  const Write *w = data;
  const SgInterest *interest = w->interest;

  sqlite3_bind_text (stmt, 1, interest->organisation, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, w->aliases, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, w->products, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, sg_interest_category_to_string (interest->category), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, interest->paid_to_institution ? "institution" : "self", -1,
                     SQLITE_STATIC);
  if (interest->has_amount)
    sqlite3_bind_double (stmt, 6, interest->amount);
  else
    sqlite3_bind_null (stmt, 6);
  sg_store_bind_text (stmt, 7, interest->currency);
  sg_store_bind_text (stmt, 8, interest->started);
  sg_store_bind_text (stmt, 9, interest->ended);
  sqlite3_bind_text (stmt, 10, interest->notes != NULL ? interest->notes : "", -1,
                     SQLITE_TRANSIENT);
  if (!w->insert)
    sqlite3_bind_int64 (stmt, 11, interest->id);
}

static gboolean
write_interest (sqlite3           *db,
                const SgInterest  *interest,
                gboolean           insert,
                gint64            *id_out,
                GError           **error)
{
  g_autofree char *aliases = strv_to_json (interest->aliases);
  g_autofree char *products = strv_to_json (interest->products);
  Write w = { interest, insert, aliases, products };
  const char *sql = insert
    ? "INSERT INTO interests (organisation, aliases, products, category, paid_to, amount, "
      "currency, started, ended, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    : "UPDATE interests SET organisation = ?1, aliases = ?2, products = ?3, category = ?4, "
      "paid_to = ?5, amount = ?6, currency = ?7, started = ?8, ended = ?9, notes = ?10 "
      "WHERE id = ?11 AND removed = 0";

  if (!sg_store_run_locked (db, sql, bind_interest, &w, NULL, NULL, "interests", error))
    return FALSE;
  /* An update that touched no row met an interest removed meanwhile (in another window). */
  if (!insert && sqlite3_changes (db) != 1)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                   _("That interest is not in the register any more."));
      return FALSE;
    }
  if (insert)
    *id_out = sqlite3_last_insert_rowid (db);
  return TRUE;
}

/* Each change and its event are one transaction: the log never misses a change. */
static gboolean
in_transaction (SgStore   *store,
                gboolean (*body) (sqlite3 *db, gpointer data, GError **error),
                gpointer   data,
                GError   **error)
{
  sqlite3 *db = sg_store_lock (store);
  gboolean ok = sg_store_exec (db, "BEGIN IMMEDIATE", error);

  if (ok)
    {
      ok = body (db, data, error);
      if (ok)
        ok = sg_store_exec (db, "COMMIT", error);
      if (!ok)
        sg_store_exec (db, "ROLLBACK", NULL);
    }
  sg_store_unlock (store);
  return ok;
}

typedef struct {
  const SgInterest *interest;
  gint64            id;
  const char       *ended;
  const char       *reason;
} Change;

static gboolean
add_body (sqlite3   *db,
          gpointer   data,
          GError   **error)
{
  Change *c = data;
  g_autoptr(SgInterest) stored = sg_interest_copy (c->interest);
  g_autofree char *json = NULL;

  if (!write_interest (db, c->interest, TRUE, &c->id, error))
    return FALSE;
  stored->id = c->id;
  json = interest_json (stored);
  return append_event (db, c->id, "added", json, NULL, error);
}

gint64
sg_interest_register_add (SgStore           *store,
                          const SgInterest  *interest,
                          GError           **error)
{
  Change c = { interest, -1, NULL, NULL };

  g_return_val_if_fail (SG_IS_STORE (store), -1);
  g_return_val_if_fail (interest != NULL, -1);

  if (!sg_interest_validate (interest, error) || !in_transaction (store, add_body, &c, error))
    return -1;
  return c.id;
}

static gboolean
update_body (sqlite3   *db,
             gpointer   data,
             GError   **error)
{
  Change *c = data;
  g_autofree char *json = interest_json (c->interest);

  return write_interest (db, c->interest, FALSE, NULL, error) &&
         append_event (db, c->interest->id, "edited", json, NULL, error);
}

gboolean
sg_interest_register_update (SgStore           *store,
                             const SgInterest  *interest,
                             GError           **error)
{
  Change c = { interest, interest->id, NULL, NULL };

  g_return_val_if_fail (SG_IS_STORE (store), FALSE);

  return sg_interest_validate (interest, error) && in_transaction (store, update_body, &c, error);
}

static SgInterest *
load_one (sqlite3  *db,
          gint64    id,
          GError  **error);

static gboolean
end_body (sqlite3   *db,
          gpointer   data,
          GError   **error)
{
  Change *c = data;
  g_autoptr(SgInterest) interest = load_one (db, c->id, error);
  g_autofree char *json = NULL;

  if (interest == NULL)
    return FALSE;
  g_free (interest->ended);
  interest->ended = g_strdup (c->ended);
  if (!sg_interest_validate (interest, error))
    return FALSE;
  json = interest_json (interest);
  return write_interest (db, interest, FALSE, NULL, error) &&
         append_event (db, c->id, "ended", json, NULL, error);
}

gboolean
sg_interest_register_end (SgStore     *store,
                          gint64       id,
                          const char  *ended,
                          GError     **error)
{
  Change c = { NULL, id, ended, NULL };

  g_return_val_if_fail (SG_IS_STORE (store), FALSE);
  g_return_val_if_fail (ended != NULL, FALSE);

  return in_transaction (store, end_body, &c, error);
}

static gboolean
remove_body (sqlite3   *db,
             gpointer   data,
             GError   **error)
{
  Change *c = data;
  g_autoptr(SgInterest) interest = load_one (db, c->id, error);
  g_autofree char *json = NULL;
  g_autofree char *sql = NULL;

  if (interest == NULL)
    return FALSE;
  json = interest_json (interest);
  sql = g_strdup_printf ("UPDATE interests SET removed = 1 WHERE id = %" G_GINT64_FORMAT, c->id);
  return sg_store_exec (db, sql, error) &&
         append_event (db, c->id, "removed", json, c->reason, error);
}

gboolean
sg_interest_register_remove (SgStore     *store,
                             gint64       id,
                             const char  *reason,
                             GError     **error)
{
  Change c = { NULL, id, NULL, reason };

  g_return_val_if_fail (SG_IS_STORE (store), FALSE);

  if (reason == NULL || *reason == '\0')
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                   _("Say why the interest is being removed; the reason is kept in its history."));
      return FALSE;
    }
  return in_transaction (store, remove_body, &c, error);
}

static SgInterest *
row_to_interest (sqlite3_stmt *stmt)
{
  SgInterest *i = g_new0 (SgInterest, 1);

  i->id = sqlite3_column_int64 (stmt, 0);
  i->organisation = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  i->aliases = strv_from_json ((const char *) sqlite3_column_text (stmt, 2));
  i->products = strv_from_json ((const char *) sqlite3_column_text (stmt, 3));
  sg_interest_category_from_string ((const char *) sqlite3_column_text (stmt, 4), &i->category);
  i->paid_to_institution = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 5),
                                      "institution") == 0;
  i->has_amount = sqlite3_column_type (stmt, 6) != SQLITE_NULL;
  i->amount = sqlite3_column_double (stmt, 6);
  i->currency = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  i->started = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
  i->ended = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
  i->notes = g_strdup ((const char *) sqlite3_column_text (stmt, 10));
  return i;
}

#define INTEREST_COLUMNS "id, organisation, aliases, products, category, paid_to, amount, " \
                         "currency, started, ended, notes"

static void
take_interest (sqlite3_stmt *stmt,
               gpointer      out)
{
  SgInterest **interest = out;

  if (*interest == NULL)
    *interest = row_to_interest (stmt);
}

static SgInterest *
load_one (sqlite3  *db,
          gint64    id,
          GError  **error)
{
  SgInterest *interest = NULL;

  if (!sg_store_run_locked (db, "SELECT " INTEREST_COLUMNS " FROM interests "
                                "WHERE id = ?1 AND removed = 0",
                            sg_store_bind_id, &id, take_interest, &interest, "interests", error))
    return NULL;
  if (interest == NULL)
    g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                 _("That interest is not in the register any more."));
  return interest;
}

static void
add_interest (sqlite3_stmt *stmt,
              gpointer      out)
{
  g_ptr_array_add (out, row_to_interest (stmt));
}

GPtrArray *
sg_interest_register_list (SgStore  *store,
                           GError  **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_interest_free);

  if (!sg_store_run (store, "SELECT " INTEREST_COLUMNS " FROM interests WHERE removed = 0 "
                            "ORDER BY organisation COLLATE NOCASE, id",
                     NULL, NULL, add_interest, out, "interests", error))
    return NULL;
  return g_steal_pointer (&out);
}

void
sg_interest_event_free (SgInterestEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->kind);
  g_free (event->data);
  g_free (event->reason);
  g_free (event);
}

static void
add_event (sqlite3_stmt *stmt,
           gpointer      out)
{
  SgInterestEvent *e = g_new0 (SgInterestEvent, 1);

  e->at = sqlite3_column_int64 (stmt, 0);
  e->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  e->data = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  e->reason = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  g_ptr_array_add (out, e);
}

/* A step that fails half-way is an error, not a shorter history (it used to be). */
GPtrArray *
sg_interest_register_history (SgStore  *store,
                              gint64    id,
                              GError  **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_interest_event_free);

  if (!sg_store_run (store, "SELECT at, kind, data, reason FROM interest_events "
                            "WHERE interest_id = ?1 ORDER BY at, id",
                     sg_store_bind_id, &id, add_event, out, "interests", error))
    return NULL;
  return g_steal_pointer (&out);
}

/* Matching */

struct _SgInterestMatcher
{
  GPtrArray *interests;   /* SgInterest*, owned copies */
  SgLexicon *lexicon;     /* value: index into interests */
};

SgInterestMatcher *
sg_interest_matcher_new (GPtrArray *interests)
{
  SgInterestMatcher *self = g_new0 (SgInterestMatcher, 1);

  self->interests = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_interest_free);
  self->lexicon = sg_lexicon_new ();

  for (guint i = 0; interests != NULL && i < interests->len; i++)
    {
      SgInterest *interest = sg_interest_copy (g_ptr_array_index (interests, i));
      guint index = self->interests->len;

      g_ptr_array_add (self->interests, interest);
      sg_lexicon_add (self->lexicon, interest->organisation, index, 0);
      for (guint j = 0; interest->aliases != NULL && interest->aliases[j]; j++)
        sg_lexicon_add (self->lexicon, interest->aliases[j], index, 0);
      for (guint j = 0; interest->products != NULL && interest->products[j]; j++)
        sg_lexicon_add (self->lexicon, interest->products[j], index, 0);
    }

  sg_lexicon_compile (self->lexicon);
  return self;
}

void
sg_interest_matcher_free (SgInterestMatcher *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->interests);
  sg_lexicon_unref (self->lexicon);
  g_free (self);
}

GPtrArray *
sg_interest_matcher_match (SgInterestMatcher *self,
                           const char        *text,
                           gssize             len,
                           const char        *today,
                           guint              window_months)
{
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (SgLexiconMatch));
  g_autofree gboolean *seen = g_new0 (gboolean, self->interests->len + 1);
  GPtrArray *out = g_ptr_array_new ();

  sg_lexicon_scan (self->lexicon, text, len, matches);
  for (guint i = 0; i < matches->len; i++)
    seen[g_array_index (matches, SgLexiconMatch, i).value] = TRUE;

  for (guint i = 0; i < self->interests->len; i++)
    {
      SgInterest *interest = g_ptr_array_index (self->interests, i);

      if (seen[i] && sg_interest_is_declarable (interest, today, window_months))
        g_ptr_array_add (out, interest);
    }

  return out;
}

GPtrArray *
sg_interest_matcher_all (SgInterestMatcher *self,
                         const char        *today,
                         guint              window_months)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < self->interests->len; i++)
    {
      SgInterest *interest = g_ptr_array_index (self->interests, i);

      if (sg_interest_is_declarable (interest, today, window_months))
        g_ptr_array_add (out, interest);
    }
  return out;
}

/* Declarations */

typedef struct {
  JsonObject *root;
  JsonParser *parser;
} Templates;

/* The wording of a declaration, translated: the English file's strings are in the template
 * under the context "declaration" (build-aux/extract-data-strings.py). A declarations.LL.json
 * read instead needs no lookup, and its strings are not in the catalogue, so they pass as is. */
static const char *
wording (JsonObject *o,
         const char *member)
{
  const char *text = json_object_get_string_member (o, member);

  return text != NULL && *text != '\0' ? g_dpgettext2 (GETTEXT_PACKAGE, "declaration", text) : text;
}

static JsonObject *
load_templates (GError **error)
{
  static JsonParser *parser;
  static GError *load_error;
  static gsize loaded;

  if (g_once_init_enter (&loaded))
    {
      g_autofree char *path = NULL;
      const char * const *langs = g_get_language_names ();

      /* declarations.LL.json beside the English one translates the wording. */
      for (guint i = 0; langs[i] != NULL && path == NULL; i++)
        {
          g_autofree char *file = g_strdup_printf ("declarations.%s.json", langs[i]);
          g_autofree char *candidate = g_build_filename (sg_get_data_dir (), file, NULL);

          if (g_file_test (candidate, G_FILE_TEST_IS_REGULAR))
            path = g_steal_pointer (&candidate);
        }
      if (path == NULL)
        path = g_build_filename (sg_get_data_dir (), "declarations.json", NULL);
      parser = json_parser_new ();
      if (!json_parser_load_from_file (parser, path, &load_error))
        g_clear_object (&parser);
      g_once_init_leave (&loaded, 1);
    }

  if (parser == NULL)
    {
      g_propagate_error (error, g_error_copy (load_error));
      return NULL;
    }
  return json_node_get_object (json_parser_get_root (parser));
}

/* "A", "A and B", "A, B and C" */
static char *
join_names (GPtrArray *names)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (s, i == names->len - 1 ? _(" and ") : ", ");
      g_string_append (s, g_ptr_array_index (names, i));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
compose_form (JsonObject *form,
              GPtrArray  *interests)
{
  JsonObject *categories = json_object_get_object_member (form, "categories");
  const char *prefix = wording (form, "prefix");
  const char *separator = wording (form, "separator");
  const char *institution = wording (form, "institution");
  g_autoptr(GString) out = g_string_new (prefix);
  gboolean first = TRUE;

  /* One clause per category and payee, in category order, naming each organisation once. */
  for (int c = 0; c < SG_N_INTEREST_CATEGORIES; c++)
    for (int inst = 0; inst <= 1; inst++)
      {
        g_autoptr(GPtrArray) names = g_ptr_array_new ();
        g_autofree char *orgs = NULL;
        g_autoptr(GString) clause = NULL;
        const char *tmpl;

        for (guint i = 0; i < interests->len; i++)
          {
            SgInterest *interest = g_ptr_array_index (interests, i);
            if ((int) interest->category == c && interest->paid_to_institution == inst &&
                !g_ptr_array_find_with_equal_func (names, interest->organisation, g_str_equal, NULL))
              g_ptr_array_add (names, interest->organisation);
          }
        if (names->len == 0)
          continue;

        tmpl = wording (categories, sg_interest_category_to_string (c));
        orgs = join_names (names);
        clause = g_string_new (tmpl);
        g_string_replace (clause, "{orgs}", orgs, 0);
        if (inst)
          {
            g_autoptr(GString) wrapped = g_string_new (institution);
            g_string_replace (wrapped, "{text}", clause->str, 0);
            g_string_assign (clause, wrapped->str);
          }

        if (!first)
          g_string_append (out, separator);
        else
          /* The first clause starts the sentence. */
          clause->str[0] = g_ascii_toupper (clause->str[0]);
        g_string_append (out, clause->str);
        first = FALSE;
      }

  g_string_append_c (out, '.');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
fits (const SgPlatform *platform,
      const char       *post,
      const char       *declaration)
{
  g_autofree char *final = NULL;

  if (platform->limit == 0)
    return TRUE;
  final = g_strconcat (post, "\n\n", declaration, NULL);
  return sg_length_count (platform, final, -1) <= platform->limit;
}

char *
sg_declaration_compose (GPtrArray          *interests,
                        const SgPlatform   *platform,
                        const char         *post,
                        const char         *page_url,
                        SgDeclarationForm  *form,
                        GError            **error)
{
  JsonObject *templates;
  g_autofree char *full = NULL;
  g_autofree char *brief = NULL;

  g_return_val_if_fail (platform != NULL, NULL);

  if (interests == NULL || interests->len == 0)
    return NULL;
  if ((templates = load_templates (error)) == NULL)
    return NULL;

  post = post != NULL ? post : "";
  full = compose_form (json_object_get_object_member (templates, "full"), interests);
  if (fits (platform, post, full))
    {
      *form = SG_DECLARATION_FULL;
      return g_steal_pointer (&full);
    }

  brief = compose_form (json_object_get_object_member (templates, "short"), interests);
  if (fits (platform, post, brief))
    {
      *form = SG_DECLARATION_SHORT;
      return g_steal_pointer (&brief);
    }

  if (page_url != NULL && *page_url != '\0')
    {
      g_autoptr(GString) link = g_string_new (wording (templates, "link"));

      g_string_replace (link, "{url}", page_url, 0);
      if (fits (platform, post, link->str))
        {
          *form = SG_DECLARATION_LINK;
          return g_string_free (g_steal_pointer (&link), FALSE);
        }
    }

  *form = SG_DECLARATION_DOES_NOT_FIT;
  return g_steal_pointer (&brief);
}

typedef struct {
  GPtrArray *interests;
} ImportData;

static gboolean
import_body (sqlite3   *db,
             gpointer   data,
             GError   **error)
{
  ImportData *d = data;

  for (guint i = 0; i < d->interests->len; i++)
    {
      Change c = { g_ptr_array_index (d->interests, i), -1, NULL, NULL };

      if (!add_body (db, &c, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
sg_interest_register_import (SgStore    *store,
                             GPtrArray  *interests,
                             GError    **error)
{
  ImportData d = { interests };

  g_return_val_if_fail (SG_IS_STORE (store), FALSE);

  for (guint i = 0; i < interests->len; i++)
    if (!sg_interest_validate (g_ptr_array_index (interests, i), error))
      {
        g_prefix_error (error, _("item %u: "), i + 1);
        return FALSE;
      }

  return in_transaction (store, import_body, &d, error);
}

char *
sg_declaration_nothing (GError **error)
{
  JsonObject *templates = load_templates (error);

  if (templates == NULL)
    return NULL;
  return g_strdup (wording (json_object_get_object_member (templates, "full"), "nothing"));
}

gboolean
sg_declaration_is_advertising (GPtrArray *interests)
{
  for (guint i = 0; interests != NULL && i < interests->len; i++)
    {
      const SgInterest *interest = g_ptr_array_index (interests, i);

      switch (interest->category)
        {
        case SG_INTEREST_SPONSORSHIP:
        case SG_INTEREST_GIFTS:
        case SG_INTEREST_ROYALTIES:
        case SG_INTEREST_SHARES:
          return TRUE;
        case SG_INTEREST_EMPLOYMENT:
        case SG_INTEREST_CONSULTANCY:
        case SG_INTEREST_SPEAKER_FEES:
        case SG_INTEREST_RESEARCH_FUNDING:
        case SG_INTEREST_NON_FINANCIAL_PROFESSIONAL:
        case SG_INTEREST_NON_FINANCIAL_PERSONAL:
        case SG_N_INTEREST_CATEGORIES:
        default:
          break;
        }
    }
  return FALSE;
}

/* Where a reader expects a declaration either way: professional and long-form platforms. On
 * the rest "nothing to declare" under every post would be noise. */
static gboolean
expects_nothing_statement (const SgPlatform *platform)
{
  return g_str_equal (platform->id, "linkedin") || g_str_equal (platform->id, "blog") ||
         g_str_equal (platform->id, "forum");
}

char *
sg_declaration_for_post (SgInterestMatcher          *matcher,
                         const char                 *post,
                         const SgPlatform           *platform,
                         const SgDeclarationOptions *options,
                         GPtrArray                 **relevant,
                         SgDeclarationForm          *form,
                         GError                    **error)
{
  g_autoptr(GPtrArray) used = NULL;
  GError *local_error = NULL;
  char *declaration;
  const char *p;

  g_return_val_if_fail (matcher != NULL && post != NULL && platform != NULL && options != NULL,
                        NULL);

  if (options->declare_all)
    used = sg_interest_matcher_all (matcher, options->today, options->window_months);
  else
    used = sg_interest_matcher_match (matcher, post, -1, options->today, options->window_months);

  declaration = sg_declaration_compose (used, platform, post, options->page_url, form,
                                        &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  for (p = post; *p != '\0' && g_ascii_isspace (*p); p++)
    ;
  if (declaration == NULL && *p != '\0' && options->declare_nothing &&
      expects_nothing_statement (platform))
    declaration = sg_declaration_nothing (error);

  if (relevant != NULL)
    *relevant = g_steal_pointer (&used);
  return declaration;
}
