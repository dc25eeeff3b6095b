/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sg-archive-private.h"
#include "sg-error.h"

/* Where the splitter is in the document. */
typedef enum {
  AT_START,          /* before the root: a byte-order mark, white space, X's prefix */
  AT_JS_PREFIX,      /* inside "window.YTD.tweets.part0 =" */
  AT_KEY_EXPECTED,   /* in the root object, before a member's name (or its end) */
  AT_KEY,            /* reading a member's name */
  AT_COLON,          /* after the name */
  AT_VALUE_EXPECTED, /* after the colon */
  AT_VALUE,          /* inside a member's value we do not want */
  AT_VALUE_DONE,     /* after a value: a comma or the end of the root object */
  AT_ARRAY,          /* in the wanted list, between elements */
  AT_ELEMENT,        /* inside an element */
  AT_END,            /* the root has closed: only white space (or X's ";") may follow */
} Where;

/* One JSON value skipped or captured: strings and nesting are followed, nothing more. */
typedef struct {
  guint    depth;
  gboolean started;
  gboolean scalar;       /* a number or a literal: ends before a delimiter */
  gboolean in_string;
  gboolean escape;
} Value;

typedef enum {
  STEP_MORE,
  STEP_DONE,             /* this byte ended the value */
  STEP_DONE_BEFORE,      /* the value ended before this byte */
  STEP_ERROR,
} Step;

#define MAX_KEY    256
#define MAX_PREFIX 128

struct _SgJsonStream {
  char     *member;
  gboolean  js_prefix;
  gsize     max_element;

  Where     where;
  Value     value;
  GString  *key;
  GString  *prefix;
  GString  *element;
  gboolean  element_too_large;
  gboolean  found_member;
  gboolean  failed;
  guint64   offset;       /* bytes fed before the current one */
  guint     start_bytes;  /* bytes of a byte-order mark seen */
};

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void
value_reset (Value *v)
{
  memset (v, 0, sizeof *v);
}

static Step
value_step (Value *v,
            char   c)
{
  if (!v->started)
    {
      v->started = TRUE;
      switch (c)
        {
        case '{': case '[':
          v->depth = 1;
          return STEP_MORE;
        case '"':
          v->in_string = TRUE;
          return STEP_MORE;
        case '}': case ']': case ',': case ':':
          return STEP_ERROR;
        default:
          v->scalar = TRUE;
          return STEP_MORE;
        }
    }

  if (v->in_string)
    {
      if (v->escape)
        v->escape = FALSE;
      else if (c == '\\')
        v->escape = TRUE;
      else if (c == '"')
        {
          v->in_string = FALSE;
          if (v->depth == 0)
            return STEP_DONE;
        }
      return STEP_MORE;
    }

  if (v->scalar)
    return (c == ',' || c == '}' || c == ']' || is_space (c)) ? STEP_DONE_BEFORE : STEP_MORE;

  switch (c)
    {
    case '"':
      v->in_string = TRUE;
      return STEP_MORE;
    case '{': case '[':
      v->depth++;
      return STEP_MORE;
    case '}': case ']':
      return --v->depth == 0 ? STEP_DONE : STEP_MORE;
    default:
      return STEP_MORE;
    }
}

SgJsonStream *
sg_json_stream_new (const char *member,
                    gboolean    js_prefix,
                    gsize       max_element)
{
  SgJsonStream *self = g_new0 (SgJsonStream, 1);

  self->member = g_strdup (member);
  self->js_prefix = js_prefix;
  self->max_element = max_element;
  self->key = g_string_new (NULL);
  self->prefix = g_string_new (NULL);
  self->element = g_string_sized_new (4096);
  return self;
}

void
sg_json_stream_free (SgJsonStream *self)
{
  if (self == NULL)
    return;
  g_free (self->member);
  g_string_free (self->key, TRUE);
  g_string_free (self->prefix, TRUE);
  g_string_free (self->element, TRUE);
  g_free (self);
}

static gboolean
fail (SgJsonStream  *self,
      GError       **error,
      const char    *what)
{
  self->failed = TRUE;
  /* Translators: %s says what was wrong; the number is a position in the file. */
  g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT, _("it is not valid JSON near byte "
               "%" G_GUINT64_FORMAT " (%s)"), self->offset + 1, what);
  return FALSE;
}

static void
emit (SgJsonStream *self,
      GQueue       *elements)
{
  if (self->element_too_large)
    g_queue_push_tail (elements, g_bytes_new (NULL, 0));
  else
    {
      g_queue_push_tail (elements, g_bytes_new (self->element->str, self->element->len));
      /* A rare huge element should not keep its buffer for the rest of the file. */
      if (self->element->allocated_len > 1024 * 1024)
        {
          g_string_free (self->element, TRUE);
          self->element = g_string_sized_new (4096);
        }
    }
  g_string_truncate (self->element, 0);
  self->element_too_large = FALSE;
}

/* X's archive is JavaScript: "window.YTD.tweets.part0 = [ … ]". The prefix is bytes from the
 * file, not yet known to be UTF-8, so the regex works on bytes (G_REGEX_RAW): in UTF-8 mode
 * a bad byte at the end made PCRE2 read past the string (found by fuzzing). */
static gboolean
is_ytd_prefix (const char *prefix)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new ("^window\\.YTD\\.[A-Za-z0-9_]+\\.part[0-9]+\\s*$",
                                            G_REGEX_OPTIMIZE | G_REGEX_RAW, 0, NULL));
  return g_regex_match (regex, prefix, 0, NULL);
}

/* The wanted list has closed. */
static void
array_closed (SgJsonStream *self)
{
  self->where = self->member != NULL ? AT_VALUE_DONE : AT_END;
}

gboolean
sg_json_stream_feed (SgJsonStream  *self,
                     const char    *data,
                     gsize          len,
                     GQueue        *elements,
                     GError       **error)
{
  gsize i = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->failed, FALSE);

  while (i < len)
    {
      char c = data[i];

      switch (self->where)
        {
        case AT_START:
          if (self->start_bytes < 3 && (guchar) c == (guchar) "\xef\xbb\xbf"[self->start_bytes] &&
              self->offset == self->start_bytes)
            self->start_bytes++;
          else if (is_space (c))
            ;
          else if (c == 'w' && self->js_prefix && self->prefix->len == 0)
            {
              g_string_append_c (self->prefix, c);
              self->where = AT_JS_PREFIX;
            }
          else if (c == '[' && self->member == NULL)
            self->where = AT_ARRAY;
          else if (c == '{' && self->member != NULL)
            self->where = AT_KEY_EXPECTED;
          else
            return fail (self, error, self->member != NULL ? _("expected an object")
                                                           : _("expected a list"));
          break;

        case AT_JS_PREFIX:
          if (c == '=')
            {
              if (!is_ytd_prefix (self->prefix->str))
                return fail (self, error, _("not an X archive file"));
              self->where = AT_START;
            }
          else if (self->prefix->len >= MAX_PREFIX || c == '\n' || c == '[' || c == '{')
            return fail (self, error, _("not an X archive file"));
          else
            g_string_append_c (self->prefix, c);
          break;

        case AT_KEY_EXPECTED:
          if (c == '"')
            {
              g_string_truncate (self->key, 0);
              value_reset (&self->value);
              self->value.started = self->value.in_string = TRUE;
              self->where = AT_KEY;
            }
          else if (c == '}')
            self->where = AT_END;
          else if (!is_space (c) && c != ',')
            return fail (self, error, _("expected a member name"));
          break;

        case AT_KEY:
          if (value_step (&self->value, c) == STEP_DONE)
            self->where = AT_COLON;
          else if (self->key->len < MAX_KEY)
            g_string_append_c (self->key, c);
          break;

        case AT_COLON:
          if (c == ':')
            self->where = AT_VALUE_EXPECTED;
          else if (!is_space (c))
            return fail (self, error, _("expected “:”"));
          break;

        case AT_VALUE_EXPECTED:
          if (is_space (c))
            break;
          if (g_strcmp0 (self->key->str, self->member) == 0)
            {
              if (c != '[')
                return fail (self, error, _("the list of posts is not a list"));
              self->found_member = TRUE;
              self->where = AT_ARRAY;
              break;
            }
          value_reset (&self->value);
          if (value_step (&self->value, c) == STEP_ERROR)
            return fail (self, error, _("expected a value"));
          self->where = AT_VALUE;
          break;

        case AT_VALUE:
          switch (value_step (&self->value, c))
            {
            case STEP_DONE:
              self->where = AT_VALUE_DONE;
              break;
            case STEP_DONE_BEFORE:
              self->where = AT_VALUE_DONE;
              continue;               /* read this byte again as what follows the value */
            case STEP_ERROR:
              return fail (self, error, _("expected a value"));
            case STEP_MORE:
            default:
              break;
            }
          break;

        case AT_VALUE_DONE:
          if (c == ',')
            self->where = AT_KEY_EXPECTED;
          else if (c == '}')
            self->where = AT_END;
          else if (!is_space (c))
            return fail (self, error, _("expected “,” or “}”"));
          break;

        case AT_ARRAY:
          if (c == ']')
            array_closed (self);
          else if (!is_space (c) && c != ',')
            {
              value_reset (&self->value);
              self->where = AT_ELEMENT;
              continue;               /* the element starts with this byte */
            }
          break;

        case AT_ELEMENT:
          {
            /* Most bytes are inside elements: find where this one ends in the chunk, then
             * copy the run at once. */
            gsize start = i;
            Step step = STEP_MORE;

            for (; i < len; i++)
              if ((step = value_step (&self->value, data[i])) != STEP_MORE)
                break;
            if (step == STEP_ERROR)
              {
                self->offset += i - start;
                return fail (self, error, _("expected a value"));
              }
            if (step == STEP_DONE)
              i++;
            if (!self->element_too_large && self->element->len + (i - start) > self->max_element)
              {
                self->element_too_large = TRUE;
                g_string_truncate (self->element, 0);
              }
            if (!self->element_too_large)
              g_string_append_len (self->element, data + start, i - start);
            self->offset += i - start;
            if (step != STEP_MORE)
              {
                emit (self, elements);
                self->where = AT_ARRAY;
              }
            continue;
          }

        case AT_END:
          if (!is_space (c) && c != ';')
            return fail (self, error, _("there is more after the end"));
          break;

        default:
          g_assert_not_reached ();
        }

      i++;
      self->offset++;
    }

  return TRUE;
}

gboolean
sg_json_stream_finish (SgJsonStream  *self,
                       GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->failed)
    return FALSE;
  if (self->where == AT_END && (self->member == NULL || self->found_member))
    return TRUE;
  if (self->where == AT_END)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                   _("it holds no list of posts (“%s”)"), self->member);
      return FALSE;
    }
  if (self->where == AT_START && self->offset == self->start_bytes)
    g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT, _("it is empty"));
  else if (self->where == AT_ELEMENT || self->where == AT_ARRAY)
    g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                 _("it ends in the middle of the list of posts: the file is incomplete"));
  else
    g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                 _("it ends early: the file is incomplete"));
  return FALSE;
}

/* ---- Reading members of one item without tripping over the wrong type */

const char *
sg_archive_json_string (JsonObject *object,
                        const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

JsonObject *
sg_archive_json_object (JsonObject *object,
                        const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
sg_archive_json_array (JsonObject *object,
                       const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

gboolean
sg_archive_json_int (JsonObject *object,
                     const char *member,
                     gint64     *out)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;
  const char *str;
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      *out = json_node_get_int (node);
      return TRUE;
    }
  if (type == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      if (!(d >= -9e15 && d <= 9e15))
        return FALSE;
      *out = (gint64) d;
      return TRUE;
    }
  if (type == G_TYPE_STRING && (str = json_node_get_string (node)) != NULL)
    return g_ascii_string_to_signed (str, 10, G_MININT64, G_MAXINT64, out, NULL);
  return FALSE;
}
