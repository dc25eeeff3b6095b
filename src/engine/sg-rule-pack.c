/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdarg.h>

#include "sg-concepts.h"
#include "sg-error.h"
#include "sg-identifiers.h"
#include "sg-patterns.h"
#include "sg-json.h"
#include "sg-platform.h"
#include "sg-regex-anchors.h"
#include "sg-rule-pack-parse.h"
#include "sg-rule-pack-private.h"

struct _SgRulePack
{
  GObject     parent_instance;

  guint       serial;      /* never 0, never reused: marks ids kept in the stem cache */

  char       *id;
  char       *title;
  char       *version;
  GArray     *sources;    /* SgSource */
  GPtrArray  *rules;      /* SgRule* */
  GPtrArray  *groups;     /* SgGroup* */
  GHashTable *named;      /* "@name" → group id + 1 */
  GHashTable *regexes;    /* pattern → group id + 1: a regex used by several rules runs once */
  GHashTable *patterns;   /* a token pattern as JSON → group id + 1, likewise */
  GPtrArray  *first_words; /* vocabulary id → GArray of pattern groups opening with it, or NULL */
  GHashTable *vocabulary;  /* folded word → id: every word of the patterns' word slots */
  SgFeatureIndex *features; /* the models' features by number */
  GArray     *group_feature; /* int per group: its "c:" feature number, -1 none */
  GHashTable *token_feature; /* stem or emoji → feature number + 1 */
  GHashTable *pair_word;     /* stem in some "b:" word pair → its number + 1 */
  GHashTable *pair_feature;  /* the two stems' numbers (first << 32 | second) → feature number + 1 */
  SgLexicon  *lexicon;
  SgLexicon  *stem_lexicon;  /* concept terms, over SgTokens.stems */
  SgMaskIndex *masks;
  GArray     *pattern_groups;
  SgTokens    scratch;       /* tokenises and stems terms while loading */
};

/* What a user reads from the pack (titles, messages, explanations, labels) is looked up in the
 * app's translations: build-aux/extract-data-strings.py puts the same strings in the template.
 * Ids, patterns and terms are never translated: they are matched against English drafts. */
static char *
tr (const char *text)
{
  return g_strdup (text != NULL && *text != '\0' ? g_dgettext (GETTEXT_PACKAGE, text) : text);
}

G_DEFINE_FINAL_TYPE (SgRulePack, sg_rule_pack, G_TYPE_OBJECT)

/* Keys each kind of object may hold: anything else is a typo that would silently disable
 * part of a rule, so it is refused. */
static const char * const pack_keys[] = {
  "id", "title", "version", "description", "sources", "concepts", "lexicons", "include",
  "rules", NULL
};
static const char * const include_keys[] = { "description", "lexicons", "rules", NULL };
static const char * const source_keys[] = {
  "id", "title", "short", "edition", "url", "status", "in-force", "withdrawn", "checked",
  "applies-to", NULL
};
static const char * const source_statuses[] = {
  "current", "withdrawn", "advice", "commentary", NULL
};
static const char * const lexicon_keys[] = { "file", "terms", "capitalised", NULL };
static const char * const rule_keys[] = {
  "id", "category", "severity", "title", "message", "explanation", "citations", "fixes",
  "audiences", "platforms", "roles", "role-messages", "firm", "detector", NULL
};
static const char * const citation_keys[] = { "source", "paragraph", NULL };
static const char * const fix_keys[] = { "kind", "label", "replacement", NULL };
static const char * const detector_keys[] = {
  "type", "match", "near", "unless", "once", "kinds", "require", "exclude", "features",
  "require-one-of", "threshold", "carries", "pattern", "label", "model", "cutoff", "confirm", NULL
};
static const char * const condition_keys[] = { "terms", "within", "tokens", "position", "affirmed",
                                                NULL };
static const char * const feature_keys[] = { "terms", "weight", "label", NULL };
static const char * const fix_kinds[] = {
  "redact", "generalise-age", "replace-date", "remove", "remove-handle", "replace",
  "declare", "advice", "clean-photo", NULL
};
static const char * const identifier_flags[] = {
  "checksum-valid", "checksum-fails", "cue", "patient-context", "negated", "birth",
  "admission", "public-service", NULL
};

typedef struct {
  SgRulePack  *pack;
  const char  *path;
  char        *dir;
  GHashTable  *lines;   /* "%p/%s" → line */
} LoadContext;

/* Helpers */

static guint
line_of (LoadContext *ctx,
         JsonObject  *object,
         const char  *member)
{
  g_autofree char *key = NULL;
  gpointer line;

  if (object == NULL)
    return 1;

  if (member != NULL)
    {
      key = g_strdup_printf ("%p/%s", object, member);
      line = g_hash_table_lookup (ctx->lines, key);
      if (line != NULL)
        return GPOINTER_TO_UINT (line);
    }

  /* The object's first member is the closest line to it. */
  {
    g_autoptr(GList) members = json_object_get_members (object);
    for (GList *l = members; l != NULL; l = l->next)
      {
        g_free (key);
        key = g_strdup_printf ("%p/%s", object, (const char *) l->data);
        line = g_hash_table_lookup (ctx->lines, key);
        if (line != NULL)
          return GPOINTER_TO_UINT (line);
      }
  }

  return 1;
}

G_GNUC_PRINTF (5, 6)
static gboolean
fail (LoadContext  *ctx,
      JsonObject   *object,
      const char   *member,
      GError      **error,
      const char   *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, SG_ERROR, SG_ERROR_INVALID_RULES, "%s:%u: %s",
               ctx->path, line_of (ctx, object, member), message);
  return FALSE;
}

static gboolean
check_keys (LoadContext        *ctx,
            JsonObject         *object,
            const char * const *allowed,
            const char         *what,
            GError            **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      return fail (ctx, object, l->data, error, _("unknown key “%s” in %s"),
                   (const char *) l->data, what);

  return TRUE;
}

static gboolean
require_string (LoadContext  *ctx,
                JsonObject   *object,
                const char   *member,
                const char   *what,
                const char  **out,
                GError      **error)
{
  *out = sg_json_object_string (object, member);
  if (*out == NULL || **out == '\0')
    return fail (ctx, object, member, error, _("%s needs a “%s” string"), what, member);
  return TRUE;
}

static void
group_free (SgGroup *group)
{
  g_free (group->name);
  g_free (group->label);
  g_clear_pointer (&group->regex, g_regex_unref);
  g_clear_pointer (&group->symbols, g_free);
  g_clear_pointer (&group->pattern, sg_pattern_free);
  g_free (group);
}

static guint
add_group (SgRulePack  *self,
           SgGroupType  type,
           const char  *name,
           int          param)
{
  SgGroup *group = g_new0 (SgGroup, 1);

  group->type = type;
  group->name = g_strdup (name);
  group->param = param;
  g_ptr_array_add (self->groups, group);

  if (name != NULL)
    g_hash_table_insert (self->named, g_strdup (name), GUINT_TO_POINTER (self->groups->len));

  return self->groups->len - 1;
}

/* Terms are matched against the folded text (sg-text.h), where a run of digits is one '#':
 * fold them the same way so that "every 2 hours" in a lexicon means any number of hours. */
static gboolean
add_term (SgRulePack *self,
          const char *term,
          guint       group)
{
  g_autoptr(GString) folded = g_string_sized_new (strlen (term));

  for (const char *p = term; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (folded->len == 0 || folded->str[folded->len - 1] != '#')
            g_string_append_c (folded, '#');
        }
      else
        g_string_append_c (folded, *p);
    }

  return sg_lexicon_add (self->lexicon, folded->str, group, 0);
}

static gboolean
add_terms_from_file (SgRulePack  *self,
                     const char  *path,
                     guint        group,
                     GError     **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      if (!g_utf8_validate (lines[i], -1, NULL) || !add_term (self, lines[i], group))
        {
          g_set_error (error, SG_ERROR, SG_ERROR_INVALID_RULES,
                       _("%s:%u: not a valid term"), path, i + 1);
          return FALSE;
        }
    }

  return TRUE;
}

guint
sg_rule_pack_lookup_group (SgRulePack *self,
                           const char *name)
{
  gpointer v = g_hash_table_lookup (self->named, name);

  return v != NULL ? GPOINTER_TO_UINT (v) - 1 : G_MAXUINT;
}

static void
add_builtin_groups (SgRulePack *self)
{
  add_group (self, SG_GROUP_DOSE, "@dose", 0);
  add_group (self, SG_GROUP_PROPER_NOUN, "@proper-noun", 0);
  add_group (self, SG_GROUP_PERSON, "@person", 0);
  add_group (self, SG_GROUP_PERSON, "@doctor-name", 0);
  add_group (self, SG_GROUP_ORGANISATION, "@organisation", 0);
  add_group (self, SG_GROUP_WATCH_LIST, "@watch-list", 0);
  add_group (self, SG_GROUP_OPENING_HANDLE, "@opening-handle", 0);
  add_group (self, SG_GROUP_MASKED, "@masked-word", 0);
  ((SgGroup *) g_ptr_array_index (self->groups, self->groups->len - 1))->label =
    g_strdup (_("a masked swear word"));

  for (int kind = 0; kind <= SG_IDENTIFIER_INITIALS; kind++)
    {
      g_autofree char *name =
        g_strconcat ("@identifier:", sg_identifier_kind_to_string (kind), NULL);
      add_group (self, SG_GROUP_IDENTIFIER, name, kind);
    }
}

/* Lexicons */

static gboolean
load_lexicon (LoadContext  *ctx,
              JsonObject   *parent,
              const char   *name,
              JsonNode     *node,
              GError      **error)
{
  SgRulePack *self = ctx->pack;
  g_autofree char *group_name = g_strconcat ("@", name, NULL);
  const char *file = NULL;
  JsonArray *terms = NULL;
  gboolean capitalised = FALSE;
  guint id;

  if (sg_rule_pack_lookup_group (self, group_name) != G_MAXUINT)
    return fail (ctx, parent, name, error, _("lexicon “%s” is defined twice"), name);

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    file = json_node_get_string (node);
  else if (JSON_NODE_HOLDS_ARRAY (node))
    terms = json_node_get_array (node);
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *o = json_node_get_object (node);

      if (!check_keys (ctx, o, lexicon_keys, "a lexicon", error))
        return FALSE;
      file = sg_json_object_string (o, "file");
      terms = sg_json_object_array (o, "terms");
      capitalised = sg_json_object_boolean (o, "capitalised", FALSE);
    }
  else
    return fail (ctx, parent, name, error,
                 _("lexicon “%s” must be a file name, a list of terms or an object"), name);

  id = add_group (self, SG_GROUP_TERMS, group_name, 0);
  ((SgGroup *) g_ptr_array_index (self->groups, id))->capitalised = capitalised;

  if (file != NULL)
    {
      g_autofree char *path = g_build_filename (ctx->dir, file, NULL);
      g_autoptr(GError) local_error = NULL;

      if (!add_terms_from_file (self, path, id, &local_error))
        return fail (ctx, parent, name, error, _("lexicon “%s”: %s"), name,
                     local_error->message);
    }

  for (guint i = 0; terms != NULL && i < json_array_get_length (terms); i++)
    {
      const char *term = sg_json_array_string (terms, i);

      if (term == NULL || !add_term (self, term, id))
        return fail (ctx, parent, name, error, _("lexicon “%s”: term %u is not a word"),
                     name, i + 1);
    }

  return TRUE;
}

static gboolean
load_lexicons (LoadContext  *ctx,
               JsonObject   *object,
               GError      **error)
{
  JsonNode *node = json_object_get_member (object, "lexicons");
  JsonObject *lexicons;
  g_autoptr(GList) names = NULL;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (ctx, object, "lexicons", error, _("“lexicons” must be an object"));

  lexicons = json_node_get_object (node);
  names = json_object_get_members (lexicons);
  for (GList *l = names; l != NULL; l = l->next)
    if (!load_lexicon (ctx, lexicons, l->data, json_object_get_member (lexicons, l->data), error))
      return FALSE;

  return TRUE;
}

/* Concepts */

static gboolean
load_concepts (LoadContext  *ctx,
               JsonObject   *root,
               GError      **error)
{
  SgRulePack *self = ctx->pack;
  const char *dir_name = sg_json_object_string (root, "concepts");
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  const char *name;

  if (!json_object_has_member (root, "concepts"))
    return TRUE;
  if (dir_name == NULL)
    return fail (ctx, root, "concepts", error, _("“concepts” must name a folder"));

  dir_path = g_build_filename (ctx->dir, dir_name, NULL);
  if ((dir = g_dir_open (dir_path, 0, &local_error)) == NULL)
    return fail (ctx, root, "concepts", error, _("concepts: %s"), local_error->message);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir_path, g_ptr_array_index (names, i), NULL);
      g_autoptr(SgConceptFile) file = sg_concept_file_load (path, error);
      g_autofree char *group_name = NULL;
      SgGroup *group;
      guint id;

      if (file == NULL)
        return FALSE;
      group_name = g_strconcat ("@", file->name, NULL);
      if (sg_rule_pack_lookup_group (self, group_name) != G_MAXUINT)
        return fail (ctx, root, "concepts", error, _("concept “%s” is defined twice"),
                     file->name);
      id = add_group (self, SG_GROUP_CONCEPT, group_name, 0);
      group = g_ptr_array_index (self->groups, id);
      group->label = tr (file->label);

      for (guint t = 0; t < file->terms->len; t++)
        {
          const char *term = g_ptr_array_index (file->terms, t);

          if (!sg_concepts_add_term (self->stem_lexicon, &self->scratch, term, id))
            {
              g_set_error (error, SG_ERROR, SG_ERROR_INVALID_RULES,
                           _("%s:%u: “%s” has no word to match"), path,
                           g_array_index (file->lines, guint, t), term);
              return FALSE;
            }
          /* A word masked down to one letter ("f***") could be many words: only concepts
           * that say "masked: any" (swearing) read it. */
          if (file->masked)
            sg_mask_index_add (self->masks, term, id, file->masked == 2 ? 0 : 2);
        }
    }

  return TRUE;
}

static guint
resolve_group_cb (gpointer    data,
                  const char *name)
{
  /* Only groups defined so far resolve, so a pattern can build on an earlier pattern but
   * never on itself: patterns run in the order they were defined. */
  return sg_rule_pack_lookup_group (data, name);
}

/* The group of a token pattern ({"pattern": […], "label": …} or a pattern detector),
 * compiled once however many rules use the same pattern. G_MAXUINT on error. */
static guint
pattern_group (LoadContext  *ctx,
               JsonObject   *o,
               GError      **error)
{
  SgRulePack *self = ctx->pack;
  JsonArray *slots = sg_json_object_array (o, "pattern");
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  g_autofree char *key = NULL;
  g_autofree char *message = NULL;
  SgPattern *compiled;
  const char * const *words;
  SgGroup *group;
  guint id, lead;

  if (slots != NULL)
    {
      g_autofree char *json = NULL;
      const char *label;

      json_node_set_array (node, slots);
      json_generator_set_root (gen, node);
      json = json_generator_to_data (gen, NULL);
      label = sg_json_object_string (o, "label");
      key = g_strdup_printf ("%s\n%s", json, label != NULL ? label : "");
      if (g_hash_table_contains (self->patterns, key))
        return GPOINTER_TO_UINT (g_hash_table_lookup (self->patterns, key)) - 1;
    }

  compiled = sg_pattern_parse (slots, &self->scratch, self->vocabulary, resolve_group_cb, self,
                               &message);
  if (compiled == NULL)
    {
      fail (ctx, o, "pattern", error, _("pattern: %s"), message);
      return G_MAXUINT;
    }
  id = add_group (self, SG_GROUP_PATTERN, NULL, 0);
  group = g_ptr_array_index (self->groups, id);
  group->pattern = compiled;
  group->label = tr (sg_json_object_string (o, "label"));
  g_array_append_val (self->pattern_groups, id);
  if ((words = sg_pattern_get_index_words (compiled, &lead)) != NULL)
    {
      for (guint w = 0; words[w] != NULL; w++)
        {
          /* An index word is a word of a word slot, so it has a vocabulary id. */
          guint word = GPOINTER_TO_UINT (g_hash_table_lookup (self->vocabulary, words[w]));
          GArray *groups;

          g_assert (word != 0);
          if (word >= self->first_words->len)
            g_ptr_array_set_size (self->first_words, word + 1);
          groups = g_ptr_array_index (self->first_words, word);
          if (groups == NULL)
            {
              groups = g_array_new (FALSE, FALSE, sizeof (guint));
              g_ptr_array_index (self->first_words, word) = groups;
            }
          g_array_append_val (groups, id);
        }
    }
  if (key != NULL)
    g_hash_table_insert (self->patterns, g_steal_pointer (&key), GUINT_TO_POINTER (id + 1));
  return id;
}

/* Terms: "literal", "@named", or {"regex": "…"}. Literals of one list share one group. */
static gboolean
resolve_terms (LoadContext  *ctx,
               JsonObject   *object,
               const char   *member,
               GArray       *out,
               GError      **error)
{
  SgRulePack *self = ctx->pack;
  JsonArray *terms = sg_json_object_array (object, member);
  guint inline_group = G_MAXUINT;

  if (terms == NULL || json_array_get_length (terms) == 0)
    return fail (ctx, object, member, error, _("“%s” must be a non-empty list of terms"), member);

  for (guint i = 0; i < json_array_get_length (terms); i++)
    {
      JsonNode *node = json_array_get_element (terms, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *o = json_node_get_object (node);
          const char *pattern = sg_json_object_string (o, "regex");
          g_autoptr(GError) regex_error = NULL;
          GRegex *regex;
          guint id;

          if (json_object_has_member (o, "pattern"))
            {
              if (json_object_get_size (o) != 1 + (guint) json_object_has_member (o, "label"))
                return fail (ctx, o, "pattern", error,
                             _("a pattern term has “pattern” and maybe “label”, nothing else"));
              if ((id = pattern_group (ctx, o, error)) == G_MAXUINT)
                return FALSE;
              g_array_append_val (out, id);
              continue;
            }

          if (json_object_has_member (o, "stems"))
            {
              JsonArray *words = sg_json_object_array (o, "stems");
              SgGroup *group;

              if (words == NULL || json_array_get_length (words) == 0 ||
                  json_object_get_size (o) != 1 + (guint) json_object_has_member (o, "label"))
                return fail (ctx, o, "stems", error,
                             _("“stems” is a non-empty list of words, with maybe a “label”"));
              id = add_group (self, SG_GROUP_CONCEPT, NULL, 0);
              group = g_ptr_array_index (self->groups, id);
              group->label = tr (sg_json_object_string (o, "label"));
              for (guint w = 0; w < json_array_get_length (words); w++)
                {
                  const char *word = sg_json_array_string (words, w);

                  if (word == NULL ||
                      !sg_concepts_add_term (self->stem_lexicon, &self->scratch, word, id))
                    return fail (ctx, o, "stems", error, _("“%s” has no word to match"),
                                 word ? word : "?");
                }
              g_array_append_val (out, id);
              continue;
            }

          if (pattern == NULL || json_object_get_size (o) != 1)
            return fail (ctx, object, member, error,
                         _("term %u of “%s” must be a string, {\"regex\": …}, {\"stems\": …} "
                           "or {\"pattern\": …}"), i + 1, member);

          if (g_hash_table_contains (self->regexes, pattern))
            {
              id = GPOINTER_TO_UINT (g_hash_table_lookup (self->regexes, pattern)) - 1;
              g_array_append_val (out, id);
              continue;
            }

          regex = g_regex_new (pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, &regex_error);
          if (regex == NULL)
            return fail (ctx, o, "regex", error, _("invalid regex “%s”: %s"), pattern,
                         regex_error->message);

          id = add_group (self, SG_GROUP_REGEX, NULL, 0);
          ((SgGroup *) g_ptr_array_index (self->groups, id))->regex = regex;
          g_hash_table_insert (self->regexes, g_strdup (pattern), GUINT_TO_POINTER (id + 1));
          g_array_append_val (out, id);
        }
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        {
          const char *term = json_node_get_string (node);

          if (term[0] == '@')
            {
              guint id = sg_rule_pack_lookup_group (self, term);

              if (id == G_MAXUINT)
                return fail (ctx, object, member, error, _("unknown lexicon or detector “%s”"),
                             term);
              g_array_append_val (out, id);
              continue;
            }

          if (inline_group == G_MAXUINT)
            {
              inline_group = add_group (self, SG_GROUP_TERMS, NULL, 0);
              g_array_append_val (out, inline_group);
            }

          if (!add_term (self, term, inline_group))
            return fail (ctx, object, member, error, _("term “%s” of “%s” is empty or invalid"),
                         term, member);
        }
      else
        return fail (ctx, object, member, error, _("term %u of “%s” is not a string"),
                     i + 1, member);
    }

  return TRUE;
}

static void
condition_clear (SgCondition *c)
{
  g_clear_pointer (&c->groups, g_array_unref);
}

static void
feature_clear (SgFeature *f)
{
  g_free (f->name);
  g_free (f->label);
  g_clear_pointer (&f->groups, g_array_unref);
}

static gboolean
load_conditions (LoadContext  *ctx,
                 JsonObject   *detector,
                 const char   *member,
                 GArray       *out,
                 GError      **error)
{
  JsonArray *array;

  if (!json_object_has_member (detector, member))
    return TRUE;

  array = sg_json_object_array (detector, member);
  if (array == NULL)
    return fail (ctx, detector, member, error, _("“%s” must be a list of conditions"), member);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      SgCondition c = { 0 };
      JsonNode *within;
      const char *position;

      if (o == NULL)
        return fail (ctx, detector, member, error, _("condition %u of “%s” is not an object"),
                     i + 1, member);
      if (!check_keys (ctx, o, condition_keys, "a condition", error))
        return FALSE;

      c.groups = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (out, c);
      if (!resolve_terms (ctx, o, "terms", c.groups, error))
        return FALSE;

      within = json_object_get_member (o, "within");
      if (json_object_has_member (o, "tokens"))
        {
          gint64 tokens = sg_json_object_int (o, "tokens", -1);

          if (within != NULL || tokens < 0 || tokens > 50)
            return fail (ctx, o, "tokens", error,
                         _("“tokens” is a number of words from 0 to 50, instead of “within”"));
          c.scope = SG_SCOPE_TOKENS;
          c.window = tokens;
        }
      else if (within != NULL && JSON_NODE_HOLDS_VALUE (within) &&
               g_strcmp0 (json_node_get_string (within), "clause") == 0)
        c.scope = SG_SCOPE_CLAUSE;
      else if (within == NULL || (JSON_NODE_HOLDS_VALUE (within) &&
                             g_strcmp0 (json_node_get_string (within), "sentence") == 0))
        c.scope = SG_SCOPE_SENTENCE;
      else if (JSON_NODE_HOLDS_VALUE (within) &&
               g_strcmp0 (json_node_get_string (within), "text") == 0)
        c.scope = SG_SCOPE_TEXT;
      else if (JSON_NODE_HOLDS_VALUE (within) && json_node_get_value_type (within) == G_TYPE_INT64 &&
               json_node_get_int (within) > 0)
        {
          c.scope = SG_SCOPE_WINDOW;
          c.window = json_node_get_int (within);
        }
      else
        return fail (ctx, o, "within", error,
                     _("“within” must be \"sentence\", \"clause\", \"text\" or a number of "
                       "characters"));

      position = sg_json_object_string (o, "position");
      if (position == NULL || g_str_equal (position, "any"))
        c.position = 0;
      else if (g_str_equal (position, "before"))
        c.position = -1;
      else if (g_str_equal (position, "after"))
        c.position = 1;
      else if (g_str_equal (position, "outside"))
        c.position = 2;
      else
        return fail (ctx, o, "position", error,
                     _("“position” must be \"before\", \"after\", \"outside\" or \"any\""));

      /* "affirmed": a word only counts when it is not negated just before it, so "there
       * are no stupid questions" is not a put-down. Read "near" terms this way where the
       * rule's unless conditions only see the anchor. */
      c.negation = G_MAXUINT;
      if (sg_json_object_boolean (o, "affirmed", FALSE))
        {
          c.negation = sg_rule_pack_lookup_group (ctx->pack, "@negation");
          if (c.negation == G_MAXUINT)
            return fail (ctx, o, "affirmed", error,
                         _("“affirmed” needs the “negation” concept in the pack"));
        }

      g_array_index (out, SgCondition, out->len - 1) = c;
    }

  return TRUE;
}

static gboolean
parse_flags (LoadContext  *ctx,
             JsonObject   *detector,
             const char   *member,
             guint        *flags,
             GError      **error)
{
  JsonArray *array = sg_json_object_array (detector, member);

  *flags = 0;
  if (!json_object_has_member (detector, member))
    return TRUE;
  if (array == NULL)
    return fail (ctx, detector, member, error, _("“%s” must be a list"), member);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *flag = sg_json_array_string (array, i);
      gboolean found = FALSE;

      for (guint f = 0; identifier_flags[f] != NULL; f++)
        if (g_strcmp0 (flag, identifier_flags[f]) == 0)
          {
            *flags |= 1u << f;
            found = TRUE;
          }
      if (!found)
        return fail (ctx, detector, member, error, _("unknown identifier flag “%s”"),
                     flag != NULL ? flag : "?");
    }

  return TRUE;
}

static gboolean
load_detector (LoadContext  *ctx,
               JsonObject   *rule_object,
               SgRule       *rule,
               GError      **error)
{
  JsonNode *node = json_object_get_member (rule_object, "detector");
  JsonObject *d;
  const char *type;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return fail (ctx, rule_object, "detector", error, _("rule “%s” needs a “detector” object"),
                 rule->id);

  d = json_node_get_object (node);
  if (!check_keys (ctx, d, detector_keys, "a detector", error) ||
      !require_string (ctx, d, "type", "a detector", &type, error))
    return FALSE;

  rule->match = g_array_new (FALSE, FALSE, sizeof (guint));
  rule->near = g_array_new (FALSE, FALSE, sizeof (SgCondition));
  rule->unless = g_array_new (FALSE, FALSE, sizeof (SgCondition));
  g_array_set_clear_func (rule->near, (GDestroyNotify) condition_clear);
  g_array_set_clear_func (rule->unless, (GDestroyNotify) condition_clear);
  rule->once = sg_json_object_boolean (d, "once", FALSE);

  if (g_str_equal (type, "phrases") || g_str_equal (type, "frame"))
    {
      /* A frame is phrases whose meaning is in the combination: concepts that must meet in
       * one sentence, clause or a few tokens. It must say what has to be near. */
      rule->type = SG_DETECTOR_PHRASES;
      if (!resolve_terms (ctx, d, "match", rule->match, error))
        return FALSE;
      if (g_str_equal (type, "frame") && !json_object_has_member (d, "near"))
        return fail (ctx, d, "type", error, _("a frame needs “near”: what must meet the match"));
    }
  else if (g_str_equal (type, "pattern"))
    {
      guint id;

      rule->type = SG_DETECTOR_PHRASES;
      if (!json_object_has_member (d, "pattern"))
        return fail (ctx, d, "type", error, _("a pattern detector needs “pattern”"));
      if ((id = pattern_group (ctx, d, error)) == G_MAXUINT)
        return FALSE;
      g_array_append_val (rule->match, id);
    }
  else if (g_str_equal (type, "identifier"))
    {
      JsonArray *kinds = sg_json_object_array (d, "kinds");

      rule->type = SG_DETECTOR_IDENTIFIER;
      if (kinds == NULL || json_array_get_length (kinds) == 0)
        return fail (ctx, d, "kinds", error, _("an identifier detector needs “kinds”"));
      for (guint i = 0; i < json_array_get_length (kinds); i++)
        {
          const char *kind = sg_json_array_string (kinds, i);
          g_autofree char *name = g_strconcat ("@identifier:", kind ? kind : "", NULL);
          guint id = sg_rule_pack_lookup_group (ctx->pack, name);

          if (id == G_MAXUINT)
            return fail (ctx, d, "kinds", error, _("unknown identifier kind “%s”"),
                         kind ? kind : "?");
          g_array_append_val (rule->match, id);
        }
      if (!parse_flags (ctx, d, "require", &rule->require_flags, error) ||
          !parse_flags (ctx, d, "exclude", &rule->exclude_flags, error))
        return FALSE;
    }
  else if (g_str_equal (type, "identifiability"))
    {
      JsonNode *features_node = json_object_get_member (d, "features");
      JsonNode *threshold_node = json_object_get_member (d, "threshold");
      JsonObject *features;
      g_autoptr(GList) names = NULL;

      rule->type = SG_DETECTOR_IDENTIFIABILITY;
      rule->features = g_array_new (FALSE, TRUE, sizeof (SgFeature));
      g_array_set_clear_func (rule->features, (GDestroyNotify) feature_clear);

      if (features_node == NULL || !JSON_NODE_HOLDS_OBJECT (features_node))
        return fail (ctx, d, "features", error,
                     _("an identifiability detector needs a “features” object"));
      features = json_node_get_object (features_node);
      names = json_object_get_members (features);
      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonObject *fo = sg_json_object_object (features, l->data);
          SgFeature f = { 0 };
          const char *label;

          if (fo == NULL)
            return fail (ctx, features, l->data, error, _("feature “%s” must be an object"),
                         (const char *) l->data);
          if (!check_keys (ctx, fo, feature_keys, "a feature", error))
            return FALSE;
          f.name = g_strdup (l->data);
          label = sg_json_object_string (fo, "label");
          f.label = label != NULL ? tr (label) : g_strdup (l->data);
          f.weight = sg_json_object_int (fo, "weight", 1);
          f.groups = g_array_new (FALSE, FALSE, sizeof (guint));
          g_array_append_val (rule->features, f);
          if (!resolve_terms (ctx, fo, "terms", f.groups, error))
            return FALSE;
        }

      if (json_object_has_member (d, "require-one-of"))
        {
          JsonArray *req = sg_json_object_array (d, "require-one-of");
          g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

          for (guint i = 0; req != NULL && i < json_array_get_length (req); i++)
            {
              const char *name = sg_json_array_string (req, i);

              if (name == NULL || !json_object_has_member (features, name))
                return fail (ctx, d, "require-one-of", error,
                             _("required feature “%s” is not defined"), name ? name : "?");
              g_strv_builder_add (b, name);
            }
          rule->required_features = g_strv_builder_end (b);
        }

      if (threshold_node == NULL || !JSON_NODE_HOLDS_OBJECT (threshold_node))
        return fail (ctx, d, "threshold", error,
                     _("an identifiability detector needs a “threshold” per audience"));
      for (int a = 0; a < SG_N_AUDIENCES; a++)
        {
          JsonObject *t = json_node_get_object (threshold_node);
          const char *name = sg_audience_to_string (a);

          rule->threshold[a] = sg_json_object_int (t, name, G_MAXINT);
        }
    }
  else if (g_str_equal (type, "image"))
    {
      JsonArray *carries = sg_json_object_array (d, "carries");

      rule->type = SG_DETECTOR_IMAGE;
      for (guint i = 0; carries != NULL && i < json_array_get_length (carries); i++)
        {
          const char *name = sg_json_array_string (carries, i);
          guint fact = name ? sg_image_fact_from_string (name) : 0;

          if (fact == 0)
            return fail (ctx, d, "carries", error, _("unknown image detail “%s”"),
                         name ? name : "?");
          rule->image_facts |= fact;
        }
      if (rule->image_facts == 0)
        return fail (ctx, d, "carries", error, _("an image detector needs “carries”"));
    }
  else if (g_str_equal (type, "model"))
    {
      const char *file = sg_json_object_string (d, "model");
      g_autofree char *path = NULL;
      g_autoptr(GError) model_error = NULL;

      rule->type = SG_DETECTOR_MODEL;
      if (file == NULL || !json_object_has_member (d, "cutoff"))
        return fail (ctx, d, "type", error, _("a model detector needs “model” and “cutoff”"));
      if (!sg_json_object_number (d, "cutoff", &rule->cutoff))
        rule->cutoff = -1;
      if (!(rule->cutoff > 0.0 && rule->cutoff < 1.0))
        return fail (ctx, d, "cutoff", error, _("“cutoff” is a probability between 0 and 1"));
      if (json_object_has_member (d, "confirm"))
        {
          if (!sg_json_object_number (d, "confirm", &rule->confirm))
            rule->confirm = -1;
          if (!(rule->confirm >= 0.0 && rule->confirm < rule->cutoff))
            return fail (ctx, d, "confirm", error,
                         _("“confirm” is a probability from 0 up to the cutoff"));
        }
      path = g_build_filename (ctx->dir, file, NULL);
      if ((rule->model = sg_model_load (path, &model_error)) == NULL)
        return fail (ctx, d, "model", error, "%s", model_error->message);
    }
  else
    return fail (ctx, d, "type", error,
                 _("unknown detector type “%s” (phrases, frame, pattern, identifier, "
                   "identifiability, image, model)"),
                 type);

  if (json_object_has_member (d, "match") &&
      (rule->type != SG_DETECTOR_PHRASES || json_object_has_member (d, "pattern")))
    return fail (ctx, d, "match", error, _("“match” belongs to the phrases and frame detectors"));
  if ((json_object_has_member (d, "model") || json_object_has_member (d, "cutoff") ||
       json_object_has_member (d, "confirm")) &&
      rule->type != SG_DETECTOR_MODEL)
    return fail (ctx, d, "model", error,
                 _("“model”, “cutoff” and “confirm” belong to the model detector"));
  if ((json_object_has_member (d, "pattern") || json_object_has_member (d, "label")) &&
      !g_str_equal (type, "pattern"))
    return fail (ctx, d, "pattern", error, _("“pattern” and “label” belong to the pattern "
                                             "detector"));

  if (!load_conditions (ctx, d, "near", rule->near, error) ||
      !load_conditions (ctx, d, "unless", rule->unless, error))
    return FALSE;

  /* A model scores the whole draft and has no anchor to measure from: its conditions are
   * about the whole text. "near" says what the category is about and must be there (someone
   * in care, for boundaries); "unless" overrules it ("Ad |", a declaration). */
  if (rule->type == SG_DETECTOR_MODEL)
    {
      for (guint i = 0; i < rule->near->len; i++)
        {
          const SgCondition *c = &g_array_index (rule->near, SgCondition, i);

          if (c->scope != SG_SCOPE_TEXT || c->position != 0)
            return fail (ctx, d, "near", error,
                         _("a model detector’s “near” must be “within”: “text”"));
        }
      for (guint i = 0; i < rule->unless->len; i++)
        {
          const SgCondition *c = &g_array_index (rule->unless, SgCondition, i);

          if (c->scope != SG_SCOPE_TEXT || c->position != 0)
            return fail (ctx, d, "unless", error,
                         _("a model detector’s “unless” must be “within”: “text”"));
        }
    }

  return TRUE;
}

static const SgSource *
find_source (SgRulePack *self,
             const char *id)
{
  for (guint i = 0; i < self->sources->len; i++)
    if (g_strcmp0 (g_array_index (self->sources, SgSource, i).id, id) == 0)
      return &g_array_index (self->sources, SgSource, i);
  return NULL;
}

static void
citation_clear (SgCitation *c)
{
  g_free (c->source);
  g_free (c->title);
  g_free (c->paragraph);
  g_free (c->edition);
}

static void
fix_clear (SgFix *f)
{
  g_free (f->kind);
  g_free (f->label);
  g_free (f->replacement);
}

static void
rule_free (SgRule *rule)
{
  g_free (rule->id);
  g_free (rule->title);
  g_free (rule->message);
  for (guint r = 0; r < SG_N_ROLES; r++)
    g_free (rule->role_messages[r]);
  g_clear_pointer (&rule->model, sg_model_free);
  g_free (rule->explanation);
  g_clear_pointer (&rule->citations, g_array_unref);
  g_clear_pointer (&rule->fixes, g_array_unref);
  g_strfreev (rule->platforms);
  g_clear_pointer (&rule->match, g_array_unref);
  g_clear_pointer (&rule->near, g_array_unref);
  g_clear_pointer (&rule->unless, g_array_unref);
  g_clear_pointer (&rule->features, g_array_unref);
  g_strfreev (rule->required_features);
  g_free (rule);
}

static gboolean
load_rule (LoadContext  *ctx,
           JsonObject   *o,
           GError      **error)
{
  SgRulePack *self = ctx->pack;
  SgRule *rule = g_new0 (SgRule, 1);
  const char *id, *category, *severity, *title, *message, *explanation;
  JsonArray *citations, *fixes, *audiences, *platforms;
  g_autofree char *prefix = NULL;

  g_ptr_array_add (self->rules, rule);

  if (!check_keys (ctx, o, rule_keys, "a rule", error) ||
      !require_string (ctx, o, "id", "a rule", &id, error))
    return FALSE;
  rule->id = g_strdup (id);

  if (sg_rule_pack_find_rule (self, id) != rule)
    return fail (ctx, o, "id", error, _("rule id “%s” is used twice"), id);

  if (!require_string (ctx, o, "category", "a rule", &category, error) ||
      !require_string (ctx, o, "severity", "a rule", &severity, error) ||
      !require_string (ctx, o, "title", "a rule", &title, error) ||
      !require_string (ctx, o, "message", "a rule", &message, error) ||
      !require_string (ctx, o, "explanation", "a rule", &explanation, error))
    return FALSE;

  if (!sg_category_from_string (category, &rule->category))
    return fail (ctx, o, "category", error, _("unknown category “%s”"), category);
  prefix = g_strconcat (category, ".", NULL);
  if (!g_str_has_prefix (id, prefix) || id[strlen (prefix)] == '\0')
    return fail (ctx, o, "id", error, _("rule id “%s” must be “%s.name”"), id, category);
  if (!sg_severity_from_string (severity, &rule->severity))
    return fail (ctx, o, "severity", error, _("unknown severity “%s” (info, warning, error)"),
                 severity);

  rule->title = tr (title);
  rule->message = tr (message);
  rule->explanation = tr (explanation);

  /* Every rule must say where the guidance says so: "explain, don't police". */
  citations = sg_json_object_array (o, "citations");
  if (citations == NULL || json_array_get_length (citations) == 0)
    return fail (ctx, o, "citations", error, _("rule “%s” has no citation"), id);

  rule->citations = g_array_new (FALSE, TRUE, sizeof (SgCitation));
  g_array_set_clear_func (rule->citations, (GDestroyNotify) citation_clear);
  for (guint i = 0; i < json_array_get_length (citations); i++)
    {
      JsonNode *element = json_array_get_element (citations, i);
      JsonObject *c = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      const char *source, *paragraph;
      const SgSource *s;
      SgCitation citation;

      if (c == NULL)
        return fail (ctx, o, "citations", error, _("citation %u is not an object"), i + 1);
      if (!check_keys (ctx, c, citation_keys, "a citation", error) ||
          !require_string (ctx, c, "source", "a citation", &source, error) ||
          !require_string (ctx, c, "paragraph", "a citation", &paragraph, error))
        return FALSE;
      if ((s = find_source (self, source)) == NULL)
        return fail (ctx, c, "source", error, _("unknown source “%s”"), source);

      citation.source = g_strdup (source);
      citation.title = g_strdup (s->short_title != NULL ? s->short_title : s->title);
      citation.paragraph = g_strdup (paragraph);
      citation.edition = g_strdup (s->status != NULL ? s->status : s->edition);
      g_array_append_val (rule->citations, citation);
    }

  rule->fixes = g_array_new (FALSE, TRUE, sizeof (SgFix));
  g_array_set_clear_func (rule->fixes, (GDestroyNotify) fix_clear);
  fixes = sg_json_object_array (o, "fixes");
  for (guint i = 0; fixes != NULL && i < json_array_get_length (fixes); i++)
    {
      JsonNode *element = json_array_get_element (fixes, i);
      JsonObject *f = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      const char *kind, *label;
      SgFix fix;

      if (f == NULL)
        return fail (ctx, o, "fixes", error, _("fix %u is not an object"), i + 1);
      if (!check_keys (ctx, f, fix_keys, "a fix", error) ||
          !require_string (ctx, f, "kind", "a fix", &kind, error) ||
          !require_string (ctx, f, "label", "a fix", &label, error))
        return FALSE;
      if (!g_strv_contains (fix_kinds, kind))
        return fail (ctx, f, "kind", error, _("unknown fix kind “%s”"), kind);
      if (g_str_equal (kind, "replace") && sg_json_object_string (f, "replacement") == NULL)
        return fail (ctx, f, "kind", error, _("a “replace” fix needs a “replacement”"));

      fix.kind = g_strdup (kind);
      fix.label = tr (label);
      fix.replacement = g_strdup (sg_json_object_string (f, "replacement"));
      g_array_append_val (rule->fixes, fix);
    }

  rule->firm = sg_json_object_boolean (o, "firm", FALSE);

  audiences = sg_json_object_array (o, "audiences");
  if (audiences == NULL)
    rule->audiences = (1u << SG_N_AUDIENCES) - 1;
  for (guint i = 0; audiences != NULL && i < json_array_get_length (audiences); i++)
    {
      SgAudience a;

      if (!sg_audience_from_string (sg_json_array_string (audiences, i), &a))
        return fail (ctx, o, "audiences", error,
                     _("unknown audience in rule “%s” (public, closed, private)"), id);
      rule->audiences |= 1u << a;
    }

  platforms = sg_json_object_array (o, "platforms");
  if (platforms != NULL)
    {
      g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

      for (guint i = 0; i < json_array_get_length (platforms); i++)
        {
          const char *p = sg_json_array_string (platforms, i);

          if (p == NULL || !g_strv_contains (sg_platform_list_ids (), p))
            return fail (ctx, o, "platforms", error, _("unknown platform “%s”"),
                         p != NULL ? p : "?");
          g_strv_builder_add (b, p);
        }
      rule->platforms = g_strv_builder_end (b);
    }

  if (json_object_has_member (o, "roles"))
    {
      JsonArray *roles = sg_json_object_array (o, "roles");

      for (guint i = 0; roles != NULL && i < json_array_get_length (roles); i++)
        {
          SgRole r;

          if (!sg_role_from_string (sg_json_array_string (roles, i), &r))
            return fail (ctx, o, "roles", error, _("unknown role in rule “%s” (doctor, "
                                                   "physician-associate, anaesthesia-associate, "
                                                   "medical-student)"), id);
          rule->roles |= 1u << r;
        }
      if (rule->roles == 0)
        return fail (ctx, o, "roles", error, _("“roles” must name at least one role"));
    }
  else
    rule->roles = (1u << SG_N_ROLES) - 1;

  if (json_object_has_member (o, "role-messages"))
    {
      JsonObject *messages = sg_json_object_object (o, "role-messages");
      g_autoptr(GList) names = messages ? json_object_get_members (messages) : NULL;

      if (messages == NULL)
        return fail (ctx, o, "role-messages", error, _("“role-messages” must be an object"));
      for (GList *l = names; l != NULL; l = l->next)
        {
          SgRole r;
          const char *text = sg_json_object_string (messages, l->data);

          if (!sg_role_from_string (l->data, &r) || text == NULL)
            return fail (ctx, messages, l->data, error,
                         _("“role-messages” maps a role to a message"));
          rule->role_messages[r] = tr (text);
        }
    }

  return load_detector (ctx, o, rule, error);
}

static gboolean
load_rules (LoadContext  *ctx,
            JsonObject   *object,
            GError      **error)
{
  JsonArray *rules;

  if (!json_object_has_member (object, "rules"))
    return TRUE;

  rules = sg_json_object_array (object, "rules");
  if (rules == NULL)
    return fail (ctx, object, "rules", error, _("“rules” must be a list"));

  for (guint i = 0; i < json_array_get_length (rules); i++)
    {
      JsonNode *element = json_array_get_element (rules, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;

      if (o == NULL)
        return fail (ctx, object, "rules", error, _("rule %u is not an object"), i + 1);
      if (!load_rule (ctx, o, error))
        return FALSE;
    }

  return TRUE;
}

/* An included file, once parsed (on the parsing thread: sg-rule-pack-parse.c). */
static gboolean
load_include (LoadContext   *parent,
              SgPackParses  *parses,
              guint          i,
              const char    *path,
              GError       **error)
{
  LoadContext ctx = { parent->pack, path, g_path_get_dirname (path), NULL };
  JsonParser *parser = sg_pack_parses_get (parses, i, &ctx.lines, error);
  JsonObject *root;
  gboolean ok = FALSE;

  if (parser != NULL)
    {
      root = json_node_get_object (json_parser_get_root (parser));
      ok = check_keys (&ctx, root, include_keys, "an included file", error) &&
           load_lexicons (&ctx, root, error) &&
           load_rules (&ctx, root, error);
    }
  sg_pack_parses_release (parses, i);

  g_free (ctx.dir);
  return ok;
}

/* g_int64_hash() folds the two halves together (first ^ second): the pairs' small numbers
 * then crowd a few buckets, and a lookup took about 3,800 instructions. Mixed (splitmix64's
 * finaliser), about 60. */
static guint
pair_hash (gconstpointer key)
{
  guint64 v = *(const guint64 *) key;

  v ^= v >> 30;
  v *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  v ^= v >> 27;
  v *= G_GUINT64_CONSTANT (0x94d049bb133111eb);
  v ^= v >> 31;
  return (guint) v;
}

/* A pair's key: the two words' numbers, the first's top bit set when a word stands between. */
static guint64
pair_key (guint32 first,
          guint32 second,
          guint   gap)
{
  return ((guint64) (first | (gap == 2 ? 0x80000000u : 0)) << 32) | second;
}

static guint32
pair_word_number (SgRulePack *self,
                  const char *stem)
{
  guint32 n = GPOINTER_TO_UINT (g_hash_table_lookup (self->pair_word, stem));

  if (n == 0)
    {
      n = g_hash_table_size (self->pair_word) + 1;
      g_hash_table_insert (self->pair_word, g_strdup (stem), GUINT_TO_POINTER (n));
    }
  return n;
}

/* Numbers every feature the pack's models weigh, once all are loaded, and maps the groups,
 * stems and emoji a scan finds straight to those numbers. */
static void
index_model_features (SgRulePack *self)
{
  for (guint i = 0; i < self->rules->len; i++)
    {
      SgRule *rule = g_ptr_array_index (self->rules, i);

      if (rule->model != NULL)
        sg_model_register (rule->model, self->features);
    }
  for (guint i = 0; i < self->rules->len; i++)
    {
      SgRule *rule = g_ptr_array_index (self->rules, i);

      if (rule->model != NULL)
        sg_model_prepare (rule->model, self->features);
    }

  g_array_set_size (self->group_feature, self->groups->len);
  for (guint g = 0; g < self->groups->len; g++)
    {
      const SgGroup *group = g_ptr_array_index (self->groups, g);
      g_autofree char *name = group->name != NULL && group->name[0] == '@'
                              ? g_strconcat ("c:", group->name + 1, NULL) : NULL;

      g_array_index (self->group_feature, int, g) =
        name != NULL ? sg_feature_index_lookup (self->features, name) : -1;
    }
  for (guint f = 0; f < sg_feature_index_size (self->features); f++)
    {
      const char *name = sg_feature_index_name (self->features, f);

      if (g_str_has_prefix (name, "s:") || g_str_has_prefix (name, "e:"))
        g_hash_table_insert (self->token_feature, (gpointer) (name + 2), GINT_TO_POINTER (f + 1));
      else if ((g_str_has_prefix (name, "b:") || g_str_has_prefix (name, "k:"))
               && strchr (name + 2, ' ') != NULL)
        {
          /* A pair of words that follow each other, "b:<stem> <stem>", or with one word
           * between, "k:<stem> <stem>": each stem numbered once, so a scan looks a pair up by
           * two numbers, not by a string it would build. */
          const char *space = strchr (name + 2, ' ');
          g_autofree char *first = g_strndup (name + 2, space - (name + 2));
          guint64 key = pair_key (pair_word_number (self, first),
                                  pair_word_number (self, space + 1),
                                  name[0] == 'k' ? 2 : 1);
          guint64 *k = g_new (guint64, 1);

          *k = key;
          g_hash_table_insert (self->pair_feature, k, GINT_TO_POINTER (f + 1));
        }
    }
}


/* The words each regex needs go into the shared automaton, so the pass that finds the terms
 * also says which regexes can match at all: the others are not run (a third of an analysis
 * was regexes run over drafts that could not match them). */
static void
add_regex_anchors (SgRulePack *self)
{
  for (guint g = 0; g < self->groups->len; g++)
    {
      SgGroup *group = g_ptr_array_index (self->groups, g);
      g_autoptr(GPtrArray) sets = NULL;

      if (group->type != SG_GROUP_REGEX || group->anchor_sets != 0)
        continue;
      /* A bracket of emoji has no word; the characters themselves say whether it can match. */
      if (group->symbols == NULL)
        group->symbols = sg_regex_symbols (g_regex_get_pattern (group->regex));
      if ((sets = sg_regex_anchors (g_regex_get_pattern (group->regex))) == NULL)
        continue;

      for (guint i = 0; i < sets->len && i < 32; i++)
        {
          char **words = g_ptr_array_index (sets, i);

          for (guint w = 0; words[w] != NULL; w++)
            sg_lexicon_add (self->lexicon, words[w], SG_REGEX_ANCHOR_BASE + g * 32 + i,
                            SG_LEXICON_MATCH_DEFAULT);
          group->anchor_sets |= 1u << i;
        }
    }
}

void
sg_rule_pack_disable_regex_anchors (SgRulePack *self)
{
  g_return_if_fail (SG_IS_RULE_PACK (self));

  for (guint g = 0; g < self->groups->len; g++)
    {
      SgGroup *group = g_ptr_array_index (self->groups, g);

      group->anchor_sets = 0;
      g_clear_pointer (&group->symbols, g_free);
    }
}

static gboolean
load_pack (LoadContext  *ctx,
           GError      **error)
{
  SgRulePack *self = ctx->pack;
  g_autoptr(JsonParser) parser = sg_pack_parse_file (ctx->path, ctx->lines, error);
  g_autoptr(GPtrArray) include_paths = g_ptr_array_new_with_free_func (g_free);
  SgPackParses *parses = NULL;
  JsonObject *root;
  JsonArray *sources, *includes;
  const char *id, *title, *version;
  gboolean ok;

  if (parser == NULL)
    return FALSE;

  root = json_node_get_object (json_parser_get_root (parser));
  if (!check_keys (ctx, root, pack_keys, "a rule pack", error) ||
      !require_string (ctx, root, "id", "a rule pack", &id, error) ||
      !require_string (ctx, root, "title", "a rule pack", &title, error) ||
      !require_string (ctx, root, "version", "a rule pack", &version, error))
    return FALSE;

  self->id = g_strdup (id);
  self->title = tr (title);
  self->version = g_strdup (version);

  sources = sg_json_object_array (root, "sources");
  if (sources == NULL || json_array_get_length (sources) == 0)
    return fail (ctx, root, "sources", error, _("a rule pack needs a list of sources"));
  for (guint i = 0; i < json_array_get_length (sources); i++)
    {
      JsonNode *element = json_array_get_element (sources, i);
      JsonObject *s = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      const char *sid, *stitle;
      SgSource source;

      if (s == NULL)
        return fail (ctx, root, "sources", error, _("source %u is not an object"), i + 1);
      if (!check_keys (ctx, s, source_keys, "a source", error) ||
          !require_string (ctx, s, "id", "a source", &sid, error) ||
          !require_string (ctx, s, "title", "a source", &stitle, error))
        return FALSE;
      if (sg_json_object_string (s, "status") != NULL &&
          !g_strv_contains (source_statuses, sg_json_object_string (s, "status")))
        return fail (ctx, s, "status", error,
                     _("“status” is current, withdrawn, advice or commentary"));
      source.id = g_strdup (sid);
      source.title = tr (stitle);
      source.edition = g_strdup (sg_json_object_string (s, "edition"));
      source.status = g_strdup (sg_json_object_string (s, "status"));
      source.in_force = g_strdup (sg_json_object_string (s, "in-force"));
      source.withdrawn = g_strdup (sg_json_object_string (s, "withdrawn"));
      source.checked = g_strdup (sg_json_object_string (s, "checked"));
      source.url = g_strdup (sg_json_object_string (s, "url"));
      source.short_title = tr (sg_json_object_string (s, "short"));
      source.applies_to = tr (sg_json_object_string (s, "applies-to"));
      g_array_append_val (self->sources, source);
    }

  /* The included files start parsing now, while the concepts are built. */
  includes = sg_json_object_array (root, "include");
  for (guint i = 0; includes != NULL && i < json_array_get_length (includes); i++)
    {
      const char *file = sg_json_array_string (includes, i);

      if (file == NULL)
        return fail (ctx, root, "include", error, _("include %u is not a file name"), i + 1);
      g_ptr_array_add (include_paths, g_build_filename (ctx->dir, file, NULL));
    }
  g_ptr_array_add (include_paths, NULL);
  if (include_paths->len > 1)
    parses = sg_pack_parses_start ((const char * const *) include_paths->pdata);

  ok = load_concepts (ctx, root, error) && load_lexicons (ctx, root, error);
  for (guint i = 0; ok && i + 1 < include_paths->len; i++)
    ok = load_include (ctx, parses, i, g_ptr_array_index (include_paths, i), error);
  sg_pack_parses_free (parses);
  if (!ok)
    return FALSE;

  if (!load_rules (ctx, root, error))
    return FALSE;

  if (self->rules->len == 0)
    return fail (ctx, root, "rules", error, _("the rule pack has no rules"));

  add_regex_anchors (self);
  sg_lexicon_compile (self->lexicon);
  sg_lexicon_compile (self->stem_lexicon);
  index_model_features (self);
  return TRUE;
}

static void
source_clear (SgSource *s)
{
  g_free (s->id);
  g_free (s->title);
  g_free (s->edition);
  g_free (s->status);
  g_free (s->in_force);
  g_free (s->withdrawn);
  g_free (s->checked);
  g_free (s->url);
  g_free (s->short_title);
  g_free (s->applies_to);
}

static void
sg_rule_pack_finalize (GObject *object)
{
  SgRulePack *self = (SgRulePack *)object;

  g_free (self->id);
  g_free (self->title);
  g_free (self->version);
  g_clear_pointer (&self->sources, g_array_unref);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->named, g_hash_table_unref);
  g_clear_pointer (&self->regexes, g_hash_table_unref);
  g_clear_pointer (&self->patterns, g_hash_table_unref);
  g_clear_pointer (&self->first_words, g_ptr_array_unref);
  g_clear_pointer (&self->vocabulary, g_hash_table_unref);
  g_clear_pointer (&self->token_feature, g_hash_table_unref);
  g_clear_pointer (&self->pair_word, g_hash_table_unref);
  g_clear_pointer (&self->pair_feature, g_hash_table_unref);
  g_clear_pointer (&self->group_feature, g_array_unref);
  g_clear_pointer (&self->lexicon, sg_lexicon_unref);
  g_clear_pointer (&self->stem_lexicon, sg_lexicon_unref);
  g_clear_pointer (&self->masks, sg_mask_index_free);
  g_clear_pointer (&self->pattern_groups, g_array_unref);
  sg_tokens_clear (&self->scratch);
  g_clear_pointer (&self->features, sg_feature_index_free);

  G_OBJECT_CLASS (sg_rule_pack_parent_class)->finalize (object);
}

static void
sg_rule_pack_class_init (SgRulePackClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sg_rule_pack_finalize;
}

/* An entry of first_words; most vocabulary ids open no pattern and have none. */
static void
free_groups (gpointer groups)
{
  if (groups != NULL)
    g_array_unref (groups);
}

static void
sg_rule_pack_init (SgRulePack *self)
{
  static gint next_serial = 0;

  self->serial = (guint) g_atomic_int_add (&next_serial, 1) + 1;
  self->sources = g_array_new (FALSE, TRUE, sizeof (SgSource));
  g_array_set_clear_func (self->sources, (GDestroyNotify) source_clear);
  self->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_free);
  self->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  self->named = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->regexes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->patterns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->vocabulary = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->first_words = g_ptr_array_new_with_free_func (free_groups);
  self->features = sg_feature_index_new ();
  self->group_feature = g_array_new (FALSE, FALSE, sizeof (int));
  self->token_feature = g_hash_table_new (g_str_hash, g_str_equal);
  self->pair_word = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pair_feature = g_hash_table_new_full (pair_hash, g_int64_equal, g_free, NULL);
  self->lexicon = sg_lexicon_new ();
  self->stem_lexicon = sg_lexicon_new ();
  self->masks = sg_mask_index_new ();
  self->pattern_groups = g_array_new (FALSE, FALSE, sizeof (guint));
  sg_tokens_init (&self->scratch);
  add_builtin_groups (self);
}

SgRulePack *
sg_rule_pack_new_from_file (const char  *path,
                            GError     **error)
{
  g_autoptr(SgRulePack) self = g_object_new (SG_TYPE_RULE_PACK, NULL);
  g_autoptr(GHashTable) lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  LoadContext ctx = { self, path, g_path_get_dirname (path), lines };
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);

  ok = load_pack (&ctx, error);
  g_free (ctx.dir);

  return ok ? g_steal_pointer (&self) : NULL;
}

SgRulePack *
sg_rule_pack_load (const char  *name_or_path,
                   GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *file = NULL;

  if (name_or_path == NULL)
    name_or_path = "default";

  if (g_file_test (name_or_path, G_FILE_TEST_IS_REGULAR))
    return sg_rule_pack_new_from_file (name_or_path, error);

  file = g_strconcat (name_or_path, ".json", NULL);
  path = g_build_filename (sg_get_data_dir (), "rules", file, NULL);
  if (strchr (name_or_path, '/') != NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_RULES,
                   _("No rule pack “%s”: give a file, or the id of an installed pack"),
                   name_or_path);
      return NULL;
    }

  return sg_rule_pack_new_from_file (path, error);
}

guint
sg_rule_pack_get_n_sources (SgRulePack *self)
{
  g_return_val_if_fail (SG_IS_RULE_PACK (self), 0);
  return self->sources->len;
}

const SgSource *
sg_rule_pack_get_source (SgRulePack *self,
                         guint       index)
{
  g_return_val_if_fail (SG_IS_RULE_PACK (self), NULL);
  g_return_val_if_fail (index < self->sources->len, NULL);
  return &g_array_index (self->sources, SgSource, index);
}

const char *
sg_rule_pack_get_id (SgRulePack *self)
{
  g_return_val_if_fail (SG_IS_RULE_PACK (self), NULL);
  return self->id;
}

const char *
sg_rule_pack_get_title (SgRulePack *self)
{
  g_return_val_if_fail (SG_IS_RULE_PACK (self), NULL);
  return self->title;
}

const char *
sg_rule_pack_get_version (SgRulePack *self)
{
  g_return_val_if_fail (SG_IS_RULE_PACK (self), NULL);
  return self->version;
}

guint
sg_rule_pack_get_n_rules (SgRulePack *self)
{
  g_return_val_if_fail (SG_IS_RULE_PACK (self), 0);
  return self->rules->len;
}

const SgRule *
sg_rule_pack_get_rule (SgRulePack *self,
                       guint       index)
{
  g_return_val_if_fail (SG_IS_RULE_PACK (self), NULL);
  g_return_val_if_fail (index < self->rules->len, NULL);
  return g_ptr_array_index (self->rules, index);
}

const SgRule *
sg_rule_pack_find_rule (SgRulePack *self,
                        const char *id)
{
  g_return_val_if_fail (SG_IS_RULE_PACK (self), NULL);

  for (guint i = 0; i < self->rules->len; i++)
    {
      const SgRule *rule = g_ptr_array_index (self->rules, i);
      if (g_strcmp0 (rule->id, id) == 0)
        return rule;
    }
  return NULL;
}

SgLexicon *
sg_rule_pack_get_lexicon (SgRulePack *self)
{
  return self->lexicon;
}

GPtrArray *
sg_rule_pack_get_groups (SgRulePack *self)
{
  return self->groups;
}

SgLexicon *
sg_rule_pack_get_stem_lexicon (SgRulePack *self)
{
  return sg_lexicon_get_n_terms (self->stem_lexicon) > 0 ? self->stem_lexicon : NULL;
}

SgMaskIndex *
sg_rule_pack_get_mask_index (SgRulePack *self)
{
  return self->masks;
}

SgFeatureIndex *
sg_rule_pack_get_feature_index (SgRulePack *self)
{
  return self->features;
}

int
sg_rule_pack_feature_of_group (SgRulePack *self,
                               guint       group)
{
  return group < self->group_feature->len ? g_array_index (self->group_feature, int, group) : -1;
}

int
sg_rule_pack_feature_of_token (SgRulePack *self,
                               const char *stem_or_emoji)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (self->token_feature, stem_or_emoji)) - 1;
}

/* The feature of two words in a row (gap 1) or with one word between (gap 2), by their
 * pair-word numbers (SgWordInfo.ids[2]); -1 none. */
int
sg_rule_pack_feature_of_pair (SgRulePack *self,
                              guint32     first,
                              guint32     second,
                              guint       gap)
{
  guint64 key = pair_key (first, second, gap);

  if (first == 0 || second == 0)
    return -1;
  return GPOINTER_TO_INT (g_hash_table_lookup (self->pair_feature, &key)) - 1;
}

guint
sg_rule_pack_get_serial (SgRulePack *self)
{
  return self->serial;
}

/* The word's pattern vocabulary id (0: in no word slot) and model feature (-1: none), looked
 * up once per word and pack and kept in the thread's stem cache (sg-tokens.h). */
void
sg_rule_pack_word_ids (SgRulePack *self,
                       SgWordInfo *info,
                       const char *norm)
{
  if (info->owner == self->serial)
    return;
  info->ids[0] = GPOINTER_TO_UINT (g_hash_table_lookup (self->vocabulary, norm));
  info->ids[1] = (guint32) sg_rule_pack_feature_of_token (self, info->stem);
  info->ids[2] = GPOINTER_TO_UINT (g_hash_table_lookup (self->pair_word, info->stem));
  info->owner = self->serial;
}

GHashTable *
sg_rule_pack_get_pattern_vocabulary (SgRulePack *self)
{
  return self->vocabulary;
}

GPtrArray *
sg_rule_pack_get_pattern_first_words (SgRulePack *self)
{
  return self->first_words;
}

GArray *
sg_rule_pack_get_pattern_groups (SgRulePack *self)
{
  return self->pattern_groups;
}

guint
sg_rule_pack_get_first_name_group (SgRulePack *self)
{
  return sg_rule_pack_lookup_group (self, "@first-names");
}

guint
sg_rule_pack_get_org_word_group (SgRulePack *self)
{
  return sg_rule_pack_lookup_group (self, "@organisation-words");
}

const char *
sg_rule_get_id (const SgRule *rule)
{
  return rule->id;
}

SgCategory
sg_rule_get_category (const SgRule *rule)
{
  return rule->category;
}

SgSeverity
sg_rule_get_severity (const SgRule *rule)
{
  return rule->severity;
}

const char *
sg_rule_get_title (const SgRule *rule)
{
  return rule->title;
}

const char *
sg_rule_get_message (const SgRule *rule)
{
  return rule->message;
}

const char *
sg_rule_get_explanation (const SgRule *rule)
{
  return rule->explanation;
}

GArray *
sg_rule_get_citations (const SgRule *rule)
{
  return rule->citations;
}

GArray *
sg_rule_get_fixes (const SgRule *rule)
{
  return rule->fixes;
}
