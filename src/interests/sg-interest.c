/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "sg-error.h"
#include "sg-interest.h"

G_DEFINE_BOXED_TYPE (SgInterest, sg_interest, sg_interest_copy, sg_interest_free)

static const char * const category_ids[SG_N_INTEREST_CATEGORIES] = {
  "employment", "consultancy", "speaker-fees", "research-funding", "shares", "sponsorship",
  "royalties", "gifts", "non-financial-professional", "non-financial-personal",
};

static const char * const json_keys[] = {
  "organisation", "aliases", "products", "category", "paid_to", "amount", "currency",
  "started", "ended", "notes", NULL
};

SgInterest *
sg_interest_new (const char         *organisation,
                 SgInterestCategory  category)
{
  SgInterest *self = g_new0 (SgInterest, 1);

  self->organisation = g_strdup (organisation);
  self->category = category;
  self->aliases = g_new0 (char *, 1);
  self->products = g_new0 (char *, 1);
  return self;
}

SgInterest *
sg_interest_copy (const SgInterest *interest)
{
  SgInterest *copy = g_new0 (SgInterest, 1);

  *copy = *interest;
  copy->organisation = g_strdup (interest->organisation);
  copy->aliases = g_strdupv (interest->aliases);
  copy->products = g_strdupv (interest->products);
  copy->currency = g_strdup (interest->currency);
  copy->started = g_strdup (interest->started);
  copy->ended = g_strdup (interest->ended);
  copy->notes = g_strdup (interest->notes);
  return copy;
}

void
sg_interest_free (SgInterest *interest)
{
  if (interest == NULL)
    return;
  g_free (interest->organisation);
  g_strfreev (interest->aliases);
  g_strfreev (interest->products);
  g_free (interest->currency);
  g_free (interest->started);
  g_free (interest->ended);
  g_free (interest->notes);
  g_free (interest);
}

const char *
sg_interest_category_to_string (SgInterestCategory category)
{
  g_return_val_if_fail (category < SG_N_INTEREST_CATEGORIES, NULL);
  return category_ids[category];
}

gboolean
sg_interest_category_from_string (const char         *str,
                                  SgInterestCategory *out)
{
  for (guint i = 0; str != NULL && i < SG_N_INTEREST_CATEGORIES; i++)
    if (g_str_equal (str, category_ids[i]))
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

static gboolean
parse_date (const char *str,
            GDate      *date)
{
  int y, m, d;

  g_date_clear (date, 1);
  /* Digits exactly where YYYY-MM-DD has them: sscanf's %d would also take " 1" or "+1". */
  if (str == NULL || strlen (str) != 10 || str[4] != '-' || str[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (str[i]))
      return FALSE;
  y = atoi (str);
  m = atoi (str + 5);
  d = atoi (str + 8);
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

gboolean
sg_interest_validate (const SgInterest  *interest,
                      GError           **error)
{

  g_autofree char *organisation = NULL;
  GDate started, ended;

  g_return_val_if_fail (interest != NULL, FALSE);

  organisation = interest->organisation ? g_strstrip (g_strdup (interest->organisation)) : NULL;

  if (organisation == NULL || *organisation == '\0')
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                   _("Give the name of the organisation."));
      return FALSE;
    }
  /* An amount is money: finite, not negative, and below anything a declaration could mean
   * (a typo such as 1e309 would otherwise be saved and exported as "inf"). */
  if (interest->has_amount &&
      (!isfinite (interest->amount) || interest->amount < 0 || interest->amount > SG_INTEREST_MAX_AMOUNT))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                   _("The amount must be a number from 0 to 1,000,000,000."));
      return FALSE;
    }
  /* ... in whole pence: a value such as 3e-9 is no amount of money, and json-glib would
   * export it as "3e-09.0", which no reader takes back (found by fuzzing the importer). */
  if (interest->has_amount)
    {
      double pence = interest->amount * 100;

      if (fabs (pence - nearbyint (pence)) > 1e-9 * MAX (1.0, pence))
        {
          g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                       _("The amount %g has more than two decimal places; give it in pounds "
                         "and pence."), interest->amount);
          return FALSE;
        }
    }
  if (interest->started != NULL && !parse_date (interest->started, &started))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                   _("The start date “%s” is not a date (YYYY-MM-DD)."), interest->started);
      return FALSE;
    }
  if (interest->ended != NULL && !parse_date (interest->ended, &ended))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                   _("The end date “%s” is not a date (YYYY-MM-DD)."), interest->ended);
      return FALSE;
    }
  if (interest->started != NULL && interest->ended != NULL && g_date_compare (&ended, &started) < 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                   _("The interest cannot end (%s) before it started (%s)."), interest->ended,
                   interest->started);
      return FALSE;
    }
  if (interest->currency != NULL &&
      (strlen (interest->currency) != 3 || !g_ascii_isupper (interest->currency[0]) ||
       !g_ascii_isupper (interest->currency[1]) || !g_ascii_isupper (interest->currency[2])))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                   _("The currency “%s” should be a three-letter code such as GBP."),
                   interest->currency);
      return FALSE;
    }
  if (interest->has_amount && interest->amount < 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT, _("The amount cannot be negative."));
      return FALSE;
    }

  return TRUE;
}

gboolean
sg_interest_is_declarable (const SgInterest *interest,
                           const char       *today,
                           guint             window_months)
{
  GDate now, ended;

  g_return_val_if_fail (interest != NULL, FALSE);

  if (interest->ended == NULL)
    return TRUE;
  if (!parse_date (today, &now) || !parse_date (interest->ended, &ended))
    return TRUE;

  /* ICMJE asks for 36 months; the window is a preference. */
  g_date_add_months (&ended, window_months);
  return g_date_compare (&now, &ended) <= 0;
}

static void
add_strv (JsonBuilder *b,
          const char  *name,
          GStrv        strv)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (b, strv[i]);
  json_builder_end_array (b);
}

static void
add_nullable (JsonBuilder *b,
              const char  *name,
              const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

JsonNode *
sg_interest_to_json (const SgInterest *interest)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "organisation");
  json_builder_add_string_value (b, interest->organisation);
  add_strv (b, "aliases", interest->aliases);
  add_strv (b, "products", interest->products);
  json_builder_set_member_name (b, "category");
  json_builder_add_string_value (b, sg_interest_category_to_string (interest->category));
  json_builder_set_member_name (b, "paid_to");
  json_builder_add_string_value (b, interest->paid_to_institution ? "institution" : "self");
  json_builder_set_member_name (b, "amount");
  if (interest->has_amount)
    json_builder_add_double_value (b, interest->amount);
  else
    json_builder_add_null_value (b);
  add_nullable (b, "currency", interest->currency);
  add_nullable (b, "started", interest->started);
  add_nullable (b, "ended", interest->ended);
  json_builder_set_member_name (b, "notes");
  json_builder_add_string_value (b, interest->notes != NULL ? interest->notes : "");
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

/* JSON can spell a character that is not one (a lone "\ud800"); json-glib passes it on as
 * bytes that are not UTF-8, which nothing after this may hold. */
#define BROKEN_TEXT _("“%s” holds an escape that is not a character (such as a lone \\ud800); " \
                      "correct it in the file")

static gboolean
get_strv (JsonObject  *o,
          const char  *name,
          GStrv       *out,
          GError     **error)
{
  JsonNode *node = json_object_get_member (o, name);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *out = g_strv_builder_end (b);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    goto bad;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING)
        goto bad;
      if (!g_utf8_validate (json_node_get_string (e), -1, NULL))
        {
          g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT, BROKEN_TEXT, name);
          return FALSE;
        }
      g_strv_builder_add (b, json_node_get_string (e));
    }
  *out = g_strv_builder_end (b);
  return TRUE;

bad:
  g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
               _("“%s” must be a list of names"), name);
  return FALSE;
}

static gboolean
get_nullable_string (JsonObject  *o,
                     const char  *name,
                     char       **out,
                     GError     **error)
{
  JsonNode *node = json_object_get_member (o, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT, _("“%s” must be text or null"), name);
      return FALSE;
    }
  if (!g_utf8_validate (json_node_get_string (node), -1, NULL))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT, BROKEN_TEXT, name);
      return FALSE;
    }
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

SgInterest *
sg_interest_from_json (JsonNode  *node,
                       GError   **error)
{
  g_autoptr(SgInterest) self = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *o;
  JsonNode *amount;
  g_autofree char *category = NULL;
  g_autofree char *paid_to = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT, _("not an object"));
      return NULL;
    }
  o = json_node_get_object (node);

  members = json_object_get_members (o);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (json_keys, l->data))
      {
        g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT, _("unknown key “%s”"),
                     (const char *) l->data);
        return NULL;
      }

  self = g_new0 (SgInterest, 1);
  if (!get_nullable_string (o, "organisation", &self->organisation, error) ||
      !get_strv (o, "aliases", &self->aliases, error) ||
      !get_strv (o, "products", &self->products, error) ||
      !get_nullable_string (o, "currency", &self->currency, error) ||
      !get_nullable_string (o, "started", &self->started, error) ||
      !get_nullable_string (o, "ended", &self->ended, error) ||
      !get_nullable_string (o, "notes", &self->notes, error))
    return NULL;

  /* Read as text or null like the others: a list or an object here is an error to report,
   * not a GLib critical. */
  if (!get_nullable_string (o, "category", &category, error) ||
      !get_nullable_string (o, "paid_to", &paid_to, error))
    return NULL;
  if (!sg_interest_category_from_string (category, &self->category))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                   _("unknown category “%s” (employment, consultancy, speaker-fees, "
                     "research-funding, shares, sponsorship, royalties, gifts, "
                     "non-financial-professional, non-financial-personal)"),
                   category != NULL ? category : "");
      return NULL;
    }

  if (g_strcmp0 (paid_to, "institution") == 0)
    self->paid_to_institution = TRUE;
  else if (paid_to != NULL && g_strcmp0 (paid_to, "self") != 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                   _("“paid_to” must be “self” or “institution”"));
      return NULL;
    }

  amount = json_object_get_member (o, "amount");
  if (amount != NULL && !JSON_NODE_HOLDS_NULL (amount))
    {
      GType t = JSON_NODE_HOLDS_VALUE (amount) ? json_node_get_value_type (amount) : G_TYPE_INVALID;

      if (t != G_TYPE_INT64 && t != G_TYPE_DOUBLE)
        {
          g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT, _("“amount” must be a number"));
          return NULL;
        }
      self->has_amount = TRUE;
      self->amount = json_node_get_double (amount);
    }

  if (!sg_interest_validate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

GPtrArray *
sg_interests_from_json_data (const char  *data,
                             gssize       len,
                             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_interest_free);
  g_autoptr(GError) local_error = NULL;
  JsonArray *array;

  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      /* json-glib quotes the text it stopped at, which may hold bytes that are not UTF-8. */
      g_autofree char *said = g_utf8_make_valid (local_error->message, -1);

      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT, _("Not valid JSON: %s"), said);
      return NULL;
    }
  /* An empty or blank file parses with no root at all. */
  if (json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                   _("Expected a list (JSON array) of interests."));
      return NULL;
    }

  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      SgInterest *interest = sg_interest_from_json (json_array_get_element (array, i),
                                                    &local_error);
      if (interest == NULL)
        {
          /* All or nothing: nothing is returned when one item is wrong. */
          g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT, _("item %u: %s"), i + 1,
                       local_error->message);
          return NULL;
        }
      g_ptr_array_add (out, interest);
    }

  return g_steal_pointer (&out);
}

char *
sg_interests_to_json_data (GPtrArray *interests)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < interests->len; i++)
    json_array_add_element (array, sg_interest_to_json (g_ptr_array_index (interests, i)));
  json_node_take_array (root, array);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}

const char *
sg_interest_category_title (SgInterestCategory category)
{
  switch (category)
    {
    case SG_INTEREST_EMPLOYMENT: return _("Employment");
    case SG_INTEREST_CONSULTANCY: return _("Consultancy or advisory board");
    case SG_INTEREST_SPEAKER_FEES: return _("Speaker fees and honoraria");
    case SG_INTEREST_RESEARCH_FUNDING: return _("Research funding");
    case SG_INTEREST_SHARES: return _("Shares or ownership");
    case SG_INTEREST_SPONSORSHIP: return _("Sponsorship, travel and hospitality");
    case SG_INTEREST_ROYALTIES: return _("Royalties and patents");
    case SG_INTEREST_GIFTS: return _("Gifts and samples");
    case SG_INTEREST_NON_FINANCIAL_PROFESSIONAL: return _("Non-financial, professional");
    case SG_INTEREST_NON_FINANCIAL_PERSONAL: return _("Non-financial, personal");
    case SG_N_INTEREST_CATEGORIES:
    default: return "";
    }
}

char *
sg_interest_date_from_user (const char *text)
{
  g_autofree char *t = text != NULL ? g_strstrip (g_strdup (text)) : NULL;
  g_auto(GStrv) parts = NULL;
  guint64 d, m, y;

  if (t == NULL || *t == '\0')
    return NULL;
  /* Day first, as written in the UK: 12/09/2024, 12.9.2024 or 12-09-2024. */
  parts = g_regex_split_simple ("[/.-]", t, 0, 0);
  if (g_strv_length (parts) == 3 && strlen (parts[2]) == 4 &&
      strlen (parts[0]) >= 1 && strlen (parts[0]) <= 2 &&
      strlen (parts[1]) >= 1 && strlen (parts[1]) <= 2 &&
      g_ascii_string_to_unsigned (parts[0], 10, 1, 31, &d, NULL) &&
      g_ascii_string_to_unsigned (parts[1], 10, 1, 12, &m, NULL) &&
      g_ascii_string_to_unsigned (parts[2], 10, 1000, 9999, &y, NULL) &&
      g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return g_strdup_printf ("%04u-%02u-%02u", (guint) y, (guint) m, (guint) d);
  return g_steal_pointer (&t);
}
