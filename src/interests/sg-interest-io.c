/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "sg-error.h"
#include "sg-interest-io.h"

static const char * const csv_columns[] = {
  "organisation", "aliases", "products", "category", "paid_to", "amount", "currency",
  "started", "ended", "notes", NULL
};

/* RFC 4180 fields: quotes around fields with commas, quotes or newlines, "" for a quote. */
static GPtrArray *
parse_csv_record (const char **p,
                  const char  *end,
                  guint       *line,
                  GError     **error)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE, was_quoted = FALSE;
  guint start_line = *line;

  while (*p < end)
    {
      char c = **p;

      if (quoted)
        {
          if (c == '"' && *p + 1 < end && (*p)[1] == '"')
            {
              g_string_append_c (field, '"');
              *p += 2;
              continue;
            }
          if (c == '"')
            quoted = FALSE;
          else
            {
              if (c == '\n')
                (*line)++;
              g_string_append_c (field, c);
            }
          (*p)++;
          continue;
        }

      if (c == '"' && field->len == 0 && !was_quoted)
        {
          quoted = was_quoted = TRUE;
          (*p)++;
        }
      else if (c == ',')
        {
          g_ptr_array_add (fields, g_string_free (field, FALSE));
          field = g_string_new (NULL);
          was_quoted = FALSE;
          (*p)++;
        }
      else if (c == '\n' || c == '\r')
        {
          if (c == '\r' && *p + 1 < end && (*p)[1] == '\n')
            (*p)++;
          (*p)++;
          (*line)++;
          break;
        }
      else
        {
          g_string_append_c (field, c);
          (*p)++;
        }
    }

  if (quoted)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                   _("line %u: a quoted field is not closed"), start_line);
      g_string_free (field, TRUE);
      g_ptr_array_unref (fields);
      return NULL;
    }

  g_ptr_array_add (fields, g_string_free (field, FALSE));
  return fields;
}

/* Aliases and products are one field, items parted by ";". An item holding ";" itself is
 * written with "\;" (and a backslash as "\\"), so a name such as "Smith; Jones Ltd" comes
 * back as one item; any other backslash is kept as it is. */
static char **
split_list (const char *field)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_autoptr(GString) item = g_string_new (NULL);

  for (const char *p = field;; p++)
    {
      if (*p == '\\' && (p[1] == ';' || p[1] == '\\'))
        {
          g_string_append_c (item, *++p);
          continue;
        }
      if (*p == ';' || *p == '\0')
        {
          g_strstrip (item->str);
          if (item->str[0] != '\0')
            g_strv_builder_add (b, item->str);
          g_string_truncate (item, 0);
          if (*p == '\0')
            break;
          continue;
        }
      g_string_append_c (item, *p);
    }
  return g_strv_builder_end (b);
}

static char *
join_list (char **items)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ';');
      for (const char *p = items[i]; *p; p++)
        {
          if (*p == ';' || *p == '\\')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
    }
  return g_string_free (out, FALSE);
}

GPtrArray *
sg_interests_from_csv_data (const char  *data,
                            gssize       len,
                            GError     **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_interest_free);
  g_autoptr(GPtrArray) header = NULL;
  const char *p = data;
  const char *end;
  guint line = 1;
  int index[G_N_ELEMENTS (csv_columns)];

  if (len < 0)
    len = strlen (data);
  end = data + len;

  if (!g_utf8_validate_len (data, len, NULL))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                   _("The file is not UTF-8 text; save it as UTF-8 CSV."));
      return NULL;
    }

  if ((header = parse_csv_record (&p, end, &line, error)) == NULL)
    return NULL;

  for (guint c = 0; csv_columns[c] != NULL; c++)
    index[c] = -1;
  for (guint i = 0; i < header->len; i++)
    {
      const char *name = g_strstrip ((char *) g_ptr_array_index (header, i));
      gboolean known = FALSE;

      for (guint c = 0; csv_columns[c] != NULL; c++)
        if (g_str_equal (name, csv_columns[c]))
          {
            index[c] = i;
            known = TRUE;
          }
      if (!known)
        {
          g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                       _("line 1: unknown column “%s”"), name);
          return NULL;
        }
    }

  while (p < end)
    {
      guint record_line = line;
      g_autoptr(GPtrArray) fields = parse_csv_record (&p, end, &line, error);
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) local_error = NULL;
      SgInterest *interest;

      if (fields == NULL)
        return NULL;
      if (fields->len == 1 && *(char *) g_ptr_array_index (fields, 0) == '\0')
        continue;  /* a blank line */
      if (fields->len != header->len)
        {
          g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                       _("line %u: %u fields where the header has %u"), record_line,
                       fields->len, header->len);
          return NULL;
        }

      /* Through the JSON reader, so both formats get the same checks and messages. */
      json_builder_begin_object (b);
      for (guint c = 0; csv_columns[c] != NULL; c++)
        {
          const char *value;

          if (index[c] < 0)
            continue;
          value = g_ptr_array_index (fields, index[c]);
          json_builder_set_member_name (b, csv_columns[c]);
          if (g_str_equal (csv_columns[c], "aliases") || g_str_equal (csv_columns[c], "products"))
            {
              g_auto(GStrv) list = split_list (value);
              json_builder_begin_array (b);
              for (guint k = 0; list[k] != NULL; k++)
                json_builder_add_string_value (b, list[k]);
              json_builder_end_array (b);
            }
          else if (g_str_equal (csv_columns[c], "amount") && *value != '\0')
            {
              char *endp = NULL;
              double amount = g_ascii_strtod (value, &endp);

              if (endp == value || *endp != '\0' || !isfinite (amount))
                json_builder_add_string_value (b, value);   /* reported as "not a number" */
              else
                json_builder_add_double_value (b, amount);
            }
          else if (*value == '\0' && !g_str_equal (csv_columns[c], "notes"))
            json_builder_add_null_value (b);
          else
            json_builder_add_string_value (b, value);
        }
      json_builder_end_object (b);

      node = json_builder_get_root (b);
      interest = sg_interest_from_json (node, &local_error);
      if (interest == NULL)
        {
          g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT, _("line %u: %s"), record_line,
                       local_error->message);
          return NULL;
        }
      g_ptr_array_add (out, interest);
    }

  return g_steal_pointer (&out);
}

static void
append_csv_field (GString    *out,
                  const char *value)
{
  if (value == NULL)
    value = "";
  if (strpbrk (value, ",\"\n\r") == NULL)
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

char *
sg_interests_to_csv_data (GPtrArray *interests)
{
  g_autoptr(GString) out = g_string_new ("organisation,aliases,products,category,paid_to,amount,"
                                         "currency,started,ended,notes\n");

  for (guint i = 0; i < interests->len; i++)
    {
      const SgInterest *in = g_ptr_array_index (interests, i);
      g_autofree char *aliases = join_list (in->aliases);
      g_autofree char *products = join_list (in->products);
      char amount[G_ASCII_DTOSTR_BUF_SIZE] = "";

      if (in->has_amount)
        g_ascii_dtostr (amount, sizeof amount, in->amount);

      append_csv_field (out, in->organisation);
      g_string_append_c (out, ',');
      append_csv_field (out, aliases);
      g_string_append_c (out, ',');
      append_csv_field (out, products);
      g_string_append_c (out, ',');
      append_csv_field (out, sg_interest_category_to_string (in->category));
      g_string_append_c (out, ',');
      append_csv_field (out, in->paid_to_institution ? "institution" : "self");
      g_string_append_c (out, ',');
      append_csv_field (out, amount);
      g_string_append_c (out, ',');
      append_csv_field (out, in->currency);
      g_string_append_c (out, ',');
      append_csv_field (out, in->started);
      g_string_append_c (out, ',');
      append_csv_field (out, in->ended);
      g_string_append_c (out, ',');
      append_csv_field (out, in->notes);
      g_string_append_c (out, '\n');
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

GPtrArray *
sg_interests_load_file (const char  *path,
                        GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  const char *p;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  for (p = contents; p < contents + length && g_ascii_isspace (*p); p++)
    ;
  if (p < contents + length && *p == '[')
    return sg_interests_from_json_data (contents, length, error);
  return sg_interests_from_csv_data (contents, length, error);
}

char *
sg_interests_to_html (GPtrArray  *interests,
                      const char *name,
                      const char *today)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *esc_title = NULL;

  title = name != NULL && *name
    ? g_strdup_printf (_("Declarations of interest: %s"), name)
    : g_strdup (_("My declarations of interest"));
  esc_title = g_markup_escape_text (title, -1);

  g_string_append_printf (out,
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<title>%s</title>\n<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;"
    "padding:0 1em;line-height:1.5}table{border-collapse:collapse;width:100%%}"
    "th,td{text-align:left;padding:.4em;border-bottom:1px solid #ccc;vertical-align:top}"
    "</style>\n</head>\n<body>\n<h1>%s</h1>\n", esc_title, esc_title);
  g_string_append_printf (out, "<p>%s</p>\n",
                          _("Financial and commercial interests I declare when I write about "
                            "healthcare, as the GMC asks (Doctors' use of social media, ¶19)."));

  if (interests->len == 0)
    g_string_append_printf (out, "<p>%s</p>\n", _("I have no interests to declare."));
  else
    {
      g_string_append_printf (out, "<table>\n<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
                              _("Organisation"), _("Interest"), _("From"), _("Until"));
      for (guint i = 0; i < interests->len; i++)
        {
          const SgInterest *in = g_ptr_array_index (interests, i);
          g_autofree char *org = g_markup_escape_text (in->organisation, -1);
          g_autofree char *products = in->products && in->products[0]
                                      ? g_strjoinv (", ", in->products) : NULL;
          g_autofree char *esc_products = products ? g_markup_escape_text (products, -1) : NULL;

          g_string_append_printf (out, "<tr><td>%s%s%s%s</td><td>%s%s</td><td>%s</td><td>%s</td></tr>\n",
                                  org, esc_products ? " (" : "", esc_products ? esc_products : "",
                                  esc_products ? ")" : "",
                                  sg_interest_category_title (in->category),
                                  in->paid_to_institution ? _(", paid to my institution") : "",
                                  in->started ? in->started : "",
                                  in->ended ? in->ended : _("ongoing"));
        }
      g_string_append (out, "</table>\n");
    }

  g_string_append_printf (out, "<p><small>%s %s</small></p>\n</body>\n</html>\n",
                          _("Last updated"), today);
  return g_string_free (g_steal_pointer (&out), FALSE);
}
