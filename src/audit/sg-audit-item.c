/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "sg-audit-item.h"

/* The post's text, content warning, media descriptions and findings: a listed head has none
 * until a row shows it (issue 14). */
typedef struct {
  char      *text;
  char      *content_warning;
  GStrv      media;
  GPtrArray *findings;
} Body;

/* The review's reason and date and the last delete attempt: most listed posts have none, so
 * they cost one pointer until they do. */
typedef struct {
  char     *reason;
  gint64    reviewed_at;
  char     *note;     /* not stored: what happened when it was last deleted online */
  gboolean  busy;     /* a delete is under way */
} Extra;

/* Kept small: a listed audit holds tens of thousands of these (issue 14). */
struct _SgAuditItem
{
  GObject        parent_instance;

  gint64         id;
  gint64         audit_id;
  char          *platform;
  char          *post_id;
  gint64         posted_at;
  char          *url;
  Body          *body;
  Extra         *extra;
  guint16        year;       /* of posted_at, read by every filter pass over the list */
  guint16        categories; /* 1 << SgCategory */
  guint8         severity;   /* SgSeverity */
  guint8         status;     /* SgAuditStatus */
};

G_STATIC_ASSERT (SG_N_CATEGORIES <= 16);

static Extra *
get_extra (SgAuditItem *self)
{
  if (self->extra == NULL)
    self->extra = g_new0 (Extra, 1);
  return self->extra;
}

G_DEFINE_FINAL_TYPE (SgAuditItem, sg_audit_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATUS,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
/* What a listed item without its body reports: no findings. */
static GPtrArray *no_findings;

static const char * const status_names[] = { "open", "kept", "to-delete", "deleted" };
static const char * const part_names[] = { "text", "content-warning", "media-description" };

/* Interned: one copy of each rule's id, title and message however many posts it flags,
 * released with the last finding that holds it. */
static char *
intern (const char *str)
{
  return g_ref_string_new_intern (str != NULL ? str : "");
}

SgAuditFinding *
sg_audit_finding_new (const char  *rule_id,
                      SgCategory   category,
                      SgSeverity   severity,
                      const char  *title,
                      const char  *message,
                      SgAuditPart  part,
                      guint        media,
                      gsize        start,
                      gsize        end)
{
  SgAuditFinding *f = g_new0 (SgAuditFinding, 1);

  f->rule_id = intern (rule_id);
  f->category = category;
  f->severity = severity;
  f->title = intern (title);
  f->message = intern (message);
  f->part = part;
  f->media = media;
  f->start = start;
  f->end = end;
  return f;
}

void
sg_audit_finding_free (SgAuditFinding *finding)
{
  if (finding == NULL)
    return;
  g_ref_string_release (finding->rule_id);
  g_ref_string_release (finding->title);
  g_ref_string_release (finding->message);
  g_free (finding);
}

const char *
sg_audit_status_to_string (SgAuditStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (status_names), NULL);

  return status_names[status];
}

gboolean
sg_audit_status_from_string (const char    *str,
                             SgAuditStatus *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (g_strcmp0 (str, status_names[i]) == 0)
      {
        *status = i;
        return TRUE;
      }
  return FALSE;
}

static void
sg_audit_item_finalize (GObject *object)
{
  SgAuditItem *self = SG_AUDIT_ITEM (object);

  g_ref_string_release (self->platform);
  g_free (self->post_id);
  g_free (self->url);
  sg_audit_item_drop_body (self);
  if (self->extra != NULL)
    {
      g_free (self->extra->reason);
      g_free (self->extra->note);
      g_free (self->extra);
    }

  G_OBJECT_CLASS (sg_audit_item_parent_class)->finalize (object);
}

static void
sg_audit_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SgAuditItem *self = SG_AUDIT_ITEM (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;
    case PROP_NOTE:
      g_value_set_string (value, sg_audit_item_get_note (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_audit_item_class_init (SgAuditItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sg_audit_item_finalize;
  object_class->get_property = sg_audit_item_get_property;

  /* The review, as an SgAuditStatus. */
  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL, SG_AUDIT_STATUS_OPEN, SG_AUDIT_STATUS_DELETED,
                      SG_AUDIT_STATUS_OPEN,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* What the last delete on the platform said, or NULL; notified also when busy changes. */
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  no_findings = g_ptr_array_new ();
}

static void
sg_audit_item_init (SgAuditItem *self)
{
}

SgAuditItem *
sg_audit_item_new (gint64              id,
                   gint64              audit_id,
                   const char         *platform,
                   const char         *post_id,
                   gint64              posted_at,
                   const char         *url,
                   const char         *text,
                   const char         *content_warning,
                   const char * const *media,
                   GPtrArray          *findings)
{
  SgAuditItem *self;

  g_return_val_if_fail (platform != NULL, NULL);
  g_return_val_if_fail (post_id != NULL, NULL);
  g_return_val_if_fail (findings != NULL, NULL);

  self = g_object_new (SG_TYPE_AUDIT_ITEM, NULL);
  self->id = id;
  self->audit_id = audit_id;
  /* Interned like the findings' strings: a handful of platforms for thousands of posts. */
  self->platform = g_ref_string_new_intern (platform);
  self->post_id = g_strdup (post_id);
  self->posted_at = posted_at;
  if (posted_at != 0)
    {
      g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (posted_at);

      self->year = date != NULL ? g_date_time_get_year (date) : 0;
    }
  self->url = g_strdup (url);
  sg_audit_item_set_body (self, text, content_warning, media, findings);
  self->severity = SG_SEVERITY_INFO;
  for (guint i = 0; i < findings->len; i++)
    {
      const SgAuditFinding *f = g_ptr_array_index (findings, i);

      self->severity = MAX (self->severity, f->severity);
      self->categories |= 1u << f->category;
    }

  return self;
}

SgAuditItem *
sg_audit_item_new_head (gint64      id,
                        gint64      audit_id,
                        const char *platform,
                        const char *post_id,
                        gint64      posted_at,
                        const char *url,
                        SgSeverity  severity,
                        guint       categories)
{
  SgAuditItem *self;

  g_return_val_if_fail (platform != NULL, NULL);
  g_return_val_if_fail (post_id != NULL, NULL);

  self = g_object_new (SG_TYPE_AUDIT_ITEM, NULL);
  self->id = id;
  self->audit_id = audit_id;
  self->platform = g_ref_string_new_intern (platform);
  self->post_id = g_strdup (post_id);
  self->posted_at = posted_at;
  if (posted_at != 0)
    {
      g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (posted_at);

      self->year = date != NULL ? g_date_time_get_year (date) : 0;
    }
  self->url = g_strdup (url);
  self->severity = severity;
  self->categories = categories;
  return self;
}

gboolean
sg_audit_item_has_body (SgAuditItem *self)
{
  g_return_val_if_fail (SG_IS_AUDIT_ITEM (self), FALSE);
  return self->body != NULL;
}

void
sg_audit_item_set_body (SgAuditItem        *self,
                        const char         *text,
                        const char         *content_warning,
                        const char * const *media,
                        GPtrArray          *findings)
{
  g_return_if_fail (SG_IS_AUDIT_ITEM (self));
  g_return_if_fail (findings != NULL);

  sg_audit_item_drop_body (self);
  self->body = g_new0 (Body, 1);
  self->body->text = g_strdup (text != NULL ? text : "");
  self->body->content_warning = g_strdup (content_warning);
  /* Most posts have none: no allocation for them. */
  self->body->media = media != NULL && media[0] != NULL ? g_strdupv ((GStrv) media) : NULL;
  self->body->findings = g_ptr_array_ref (findings);
}

void
sg_audit_item_drop_body (SgAuditItem *self)
{
  g_return_if_fail (SG_IS_AUDIT_ITEM (self));

  if (self->body == NULL)
    return;
  g_free (self->body->text);
  g_free (self->body->content_warning);
  g_strfreev (self->body->media);
  g_ptr_array_unref (self->body->findings);
  g_clear_pointer (&self->body, g_free);
}

gint64
sg_audit_item_get_id (SgAuditItem *self)
{
  g_return_val_if_fail (SG_IS_AUDIT_ITEM (self), 0);
  return self->id;
}

gint64
sg_audit_item_get_audit_id (SgAuditItem *self)
{
  g_return_val_if_fail (SG_IS_AUDIT_ITEM (self), 0);
  return self->audit_id;
}

const char *
sg_audit_item_get_platform (SgAuditItem *self)
{
  g_return_val_if_fail (SG_IS_AUDIT_ITEM (self), NULL);
  return self->platform;
}

const char *
sg_audit_item_get_post_id (SgAuditItem *self)
{
  g_return_val_if_fail (SG_IS_AUDIT_ITEM (self), NULL);
  return self->post_id;
}

gint64
sg_audit_item_get_posted_at (SgAuditItem *self)
{
  g_return_val_if_fail (SG_IS_AUDIT_ITEM (self), 0);
  return self->posted_at;
}

int
sg_audit_item_get_year (SgAuditItem *self)
{
  g_return_val_if_fail (SG_IS_AUDIT_ITEM (self), 0);
  return self->year;
}

const char *
sg_audit_item_get_url (SgAuditItem *self)
{
  g_return_val_if_fail (SG_IS_AUDIT_ITEM (self), NULL);
  return self->url;
}

const char *
sg_audit_item_get_text (SgAuditItem *self)
{
  g_return_val_if_fail (SG_IS_AUDIT_ITEM (self), NULL);
  return self->body != NULL ? self->body->text : "";
}

const char *
sg_audit_item_get_content_warning (SgAuditItem *self)
{
  g_return_val_if_fail (SG_IS_AUDIT_ITEM (self), NULL);
  return self->body != NULL ? self->body->content_warning : NULL;
}

const char * const *
sg_audit_item_get_media (SgAuditItem *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (SG_IS_AUDIT_ITEM (self), NULL);
  return self->body != NULL && self->body->media != NULL
         ? (const char * const *) self->body->media : none;
}

GPtrArray *
sg_audit_item_get_findings (SgAuditItem *self)
{
  g_return_val_if_fail (SG_IS_AUDIT_ITEM (self), NULL);
  return self->body != NULL ? self->body->findings : no_findings;
}

SgSeverity
sg_audit_item_get_severity (SgAuditItem *self)
{
  g_return_val_if_fail (SG_IS_AUDIT_ITEM (self), SG_SEVERITY_INFO);
  return self->severity;
}

guint
sg_audit_item_get_categories (SgAuditItem *self)
{
  g_return_val_if_fail (SG_IS_AUDIT_ITEM (self), 0);
  return self->categories;
}

SgAuditStatus
sg_audit_item_get_status (SgAuditItem *self)
{
  g_return_val_if_fail (SG_IS_AUDIT_ITEM (self), SG_AUDIT_STATUS_OPEN);
  return self->status;
}

const char *
sg_audit_item_get_reason (SgAuditItem *self)
{
  g_return_val_if_fail (SG_IS_AUDIT_ITEM (self), NULL);
  return self->extra != NULL ? self->extra->reason : NULL;
}

gint64
sg_audit_item_get_reviewed_at (SgAuditItem *self)
{
  g_return_val_if_fail (SG_IS_AUDIT_ITEM (self), 0);
  return self->extra != NULL ? self->extra->reviewed_at : 0;
}

void
sg_audit_item_set_review (SgAuditItem   *self,
                          SgAuditStatus  status,
                          const char    *reason,
                          gint64         reviewed_at)
{
  gboolean changed;

  g_return_if_fail (SG_IS_AUDIT_ITEM (self));
  g_return_if_fail (status <= SG_AUDIT_STATUS_DELETED);

  changed = self->status != status || g_strcmp0 (sg_audit_item_get_reason (self), reason) != 0;
  self->status = status;
  /* An open post with no date and no reason needs no room for them. */
  if (self->extra != NULL || (reason != NULL && *reason != '\0') || reviewed_at != 0)
    {
      Extra *extra = get_extra (self);

      g_free (extra->reason);
      extra->reason = g_strdup (reason != NULL && *reason != '\0' ? reason : NULL);
      extra->reviewed_at = reviewed_at;
    }
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

char *
sg_audit_findings_to_json (GPtrArray *findings)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (findings != NULL, NULL);

  json_builder_begin_array (b);
  for (guint i = 0; i < findings->len; i++)
    {
      const SgAuditFinding *f = g_ptr_array_index (findings, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "rule");
      json_builder_add_string_value (b, f->rule_id);
      json_builder_set_member_name (b, "category");
      json_builder_add_string_value (b, sg_category_to_string (f->category));
      json_builder_set_member_name (b, "severity");
      json_builder_add_string_value (b, sg_severity_to_string (f->severity));
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, f->title != NULL ? f->title : "");
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, f->message != NULL ? f->message : "");
      json_builder_set_member_name (b, "part");
      json_builder_add_string_value (b, part_names[f->part]);
      json_builder_set_member_name (b, "media");
      json_builder_add_int_value (b, f->media);
      json_builder_set_member_name (b, "start");
      json_builder_add_int_value (b, f->start);
      json_builder_set_member_name (b, "end");
      json_builder_add_int_value (b, f->end);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/* A finding this build cannot read back (a category a later version added, say) is left out
 * rather than shown wrong. */
GPtrArray *
sg_audit_findings_from_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  GPtrArray *findings = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_audit_finding_free);
  JsonArray *array;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    return findings;

  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      SgAuditFinding *f;
      SgCategory category;
      SgSeverity severity;
      const char *part;
      gint64 start, end;
      guint p;

      if (o == NULL ||
          !sg_category_from_string (json_object_get_string_member_with_default (o, "category",
                                                                                NULL),
                                    &category) ||
          !sg_severity_from_string (json_object_get_string_member_with_default (o, "severity",
                                                                                NULL),
                                    &severity))
        continue;
      part = json_object_get_string_member_with_default (o, "part", "text");
      for (p = 0; p < G_N_ELEMENTS (part_names); p++)
        if (g_str_equal (part, part_names[p]))
          break;
      start = json_object_get_int_member_with_default (o, "start", 0);
      end = json_object_get_int_member_with_default (o, "end", 0);
      if (p == G_N_ELEMENTS (part_names) || start < 0 || end < start)
        continue;

      f = sg_audit_finding_new (json_object_get_string_member_with_default (o, "rule", ""),
                                category, severity,
                                json_object_get_string_member_with_default (o, "title", ""),
                                json_object_get_string_member_with_default (o, "message", ""),
                                p, MAX (json_object_get_int_member_with_default (o, "media", 0),
                                        0),
                                start, end);
      g_ptr_array_add (findings, f);
    }
  return findings;
}

const char *
sg_audit_item_get_note (SgAuditItem *self)
{
  g_return_val_if_fail (SG_IS_AUDIT_ITEM (self), NULL);

  return self->extra != NULL ? self->extra->note : NULL;
}

gboolean
sg_audit_item_get_busy (SgAuditItem *self)
{
  g_return_val_if_fail (SG_IS_AUDIT_ITEM (self), FALSE);

  return self->extra != NULL && self->extra->busy;
}

void
sg_audit_item_set_note (SgAuditItem *self,
                        const char  *note,
                        gboolean     busy)
{
  g_return_if_fail (SG_IS_AUDIT_ITEM (self));

  if (g_strcmp0 (sg_audit_item_get_note (self), note) == 0 &&
      sg_audit_item_get_busy (self) == busy)
    return;
  g_free (get_extra (self)->note);
  self->extra->note = g_strdup (note);
  self->extra->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

char *
sg_audit_item_dup_owner (SgAuditItem *self)
{
  g_autoptr(GUri) uri = NULL;
  g_auto(GStrv) parts = NULL;
  const char *path;

  g_return_val_if_fail (SG_IS_AUDIT_ITEM (self), NULL);

  if (self->url == NULL || (uri = g_uri_parse (self->url, G_URI_FLAGS_NONE, NULL)) == NULL ||
      g_uri_get_host (uri) == NULL)
    return NULL;
  path = g_uri_get_path (uri);
  parts = g_strsplit (path[0] == '/' ? path + 1 : path, "/", -1);

  if (g_str_equal (self->platform, "bluesky"))
    {
      /* https://bsky.app/profile/did:plc:…/post/<rkey> */
      if (g_strv_length (parts) >= 4 && g_str_equal (parts[0], "profile") &&
          g_str_has_prefix (parts[1], "did:") && g_str_equal (parts[2], "post"))
        return g_strdup (parts[1]);
      return NULL;
    }
  if (g_str_equal (self->platform, "mastodon"))
    {
      const char *name = NULL;

      /* https://server/@name/<id>, or the ActivityPub id https://server/users/name/statuses/<id> */
      if (g_strv_length (parts) >= 2 && parts[0][0] == '@' && parts[0][1] != '\0')
        name = parts[0] + 1;
      else if (g_strv_length (parts) >= 4 && g_str_equal (parts[0], "users") &&
               g_str_equal (parts[2], "statuses") && parts[1][0] != '\0')
        name = parts[1];
      if (name == NULL || strchr (name, '@') != NULL)
        return NULL;
      return g_strdup_printf ("@%s@%s", name, g_uri_get_host (uri));
    }
  return NULL;
}
