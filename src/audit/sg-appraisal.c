/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sg-appraisal.h"
#include "sg-platform.h"

void
sg_appraisal_free (SgAppraisal *appraisal)
{
  if (appraisal == NULL)
    return;
  g_clear_pointer (&appraisal->audits, g_ptr_array_unref);
  g_clear_pointer (&appraisal->posts, g_ptr_array_unref);
  g_free (appraisal);
}

SgAppraisal *
sg_appraisal_read (SgStore  *store,
                   GError  **error)
{
  g_autoptr(SgAppraisal) appraisal = g_new0 (SgAppraisal, 1);

  g_return_val_if_fail (SG_IS_STORE (store), NULL);

  if ((appraisal->audits = sg_audits_list (store, error)) == NULL)
    return NULL;
  appraisal->posts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < appraisal->audits->len; i++)
    {
      const SgAuditRecord *r = g_ptr_array_index (appraisal->audits, i);
      GPtrArray *posts = sg_audits_list_posts (store, r->id, error);

      if (posts == NULL)
        return NULL;
      g_ptr_array_add (appraisal->posts, posts);
    }
  return g_steal_pointer (&appraisal);
}

/* Words */

static char *
format_date (gint64 at)
{
  g_autoptr(GDateTime) when = NULL;
  char *text;

  if (at <= 0)
    return g_strdup (_("not given"));
  when = g_date_time_new_from_unix_local (at);
  text = g_date_time_format (when, "%e %B %Y");
  return g_strstrip (text);
}

static const char *
platform_name (const char *id)
{
  const SgPlatform *platform = sg_platform_lookup (id, NULL);

  return platform != NULL ? platform->name : id;
}

static const char *
decision_words (SgAuditStatus status)
{
  switch (status)
    {
    case SG_AUDIT_STATUS_KEPT:
      return _("Kept after review");
    case SG_AUDIT_STATUS_TO_DELETE:
      return _("To be deleted by hand");
    case SG_AUDIT_STATUS_DELETED:
      return _("Deleted");
    case SG_AUDIT_STATUS_OPEN:
    default:
      return _("Not reviewed yet");
    }
}

static const char *
run_words (SgAuditRun run)
{
  switch (run)
    {
    case SG_AUDIT_RUN_DONE:
      return _("checked in full");
    case SG_AUDIT_RUN_STOPPED:
      return _("stopped before the end");
    case SG_AUDIT_RUN_FAILED:
      return _("could not be finished");
    case SG_AUDIT_RUN_RUNNING:
    default:
      return _("not finished");
    }
}

/* "Confidentiality; Respect for others", the categories found in @item. */
static char *
categories_text (SgAuditItem *item)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint bits = sg_audit_item_get_categories (item);

  for (guint c = 0; c < SG_N_CATEGORIES; c++)
    if (bits & (1u << c))
      g_string_append_printf (out, "%s%s", out->len ? "; " : "", sg_category_get_title (c));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

typedef struct {
  guint checked, flagged, skipped;
  guint by_category[SG_N_CATEGORIES];
  guint by_status[SG_AUDIT_STATUS_DELETED + 1];
} Totals;

static void
count (SgAppraisal *a,
       Totals      *t)
{
  memset (t, 0, sizeof *t);
  for (guint i = 0; i < a->audits->len; i++)
    {
      const SgAuditRecord *r = g_ptr_array_index (a->audits, i);
      GPtrArray *posts = g_ptr_array_index (a->posts, i);

      t->checked += r->n_checked;
      t->flagged += r->n_flagged;
      t->skipped += r->n_skipped;
      for (guint c = 0; c < SG_N_CATEGORIES; c++)
        t->by_category[c] += r->by_category[c];
      for (guint p = 0; p < posts->len; p++)
        t->by_status[sg_audit_item_get_status (g_ptr_array_index (posts, p))]++;
    }
}

/* HTML */

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (out, escaped);
}

char *
sg_appraisal_to_html (SgAppraisal *a,
                      gint64       made_at,
                      gboolean     include_text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *made = format_date (made_at);
  Totals t;

  g_return_val_if_fail (a != NULL, NULL);

  count (a, &t);
  g_string_append (out, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
                        "<title>");
  append_escaped (out, _("Social media appraisal record"));
  g_string_append (out, "</title>\n<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;"
                        "padding:0 1em}table{border-collapse:collapse;width:100%;margin:1em 0}"
                        "th,td{border:1px solid #999;padding:.3em .5em;text-align:left;"
                        "vertical-align:top}td.text{white-space:pre-wrap}"
                        "@media print{a{color:inherit}}</style>\n</head>\n<body>\n<h1>");
  append_escaped (out, _("Social media appraisal record"));
  g_string_append (out, "</h1>\n<p>");
  {
    g_autofree char *line = g_strdup_printf (_("Made with SocialGuard on %s. It lists the archives "
                                               "of past posts checked against GMC and BMA social "
                                               "media guidance, what was found, and what was done "
                                               "about each post found."), made);
    append_escaped (out, line);
  }
  g_string_append (out, "</p>\n");
  if (!include_text)
    {
      g_string_append (out, "<p>");
      append_escaped (out, _("The posts’ text is left out of this record; each post is listed by "
                             "its date and link."));
      g_string_append (out, "</p>\n");
    }

  /* Summary */
  g_string_append (out, "<h2>");
  append_escaped (out, _("Summary"));
  g_string_append (out, "</h2>\n<ul>\n");
  g_string_append_printf (out, "<li>%s: %u</li>\n", _("Archives checked"), a->audits->len);
  g_string_append_printf (out, "<li>%s: %u</li>\n", _("Posts checked"), t.checked);
  g_string_append_printf (out, "<li>%s: %u</li>\n", _("Posts that needed attention"), t.flagged);
  g_string_append_printf (out, "<li>%s: %u</li>\n", _("Deleted"),
                          t.by_status[SG_AUDIT_STATUS_DELETED]);
  g_string_append_printf (out, "<li>%s: %u</li>\n", _("Kept after review"),
                          t.by_status[SG_AUDIT_STATUS_KEPT]);
  g_string_append_printf (out, "<li>%s: %u</li>\n", _("To be deleted by hand"),
                          t.by_status[SG_AUDIT_STATUS_TO_DELETE]);
  g_string_append_printf (out, "<li>%s: %u</li>\n", _("Not reviewed yet"),
                          t.by_status[SG_AUDIT_STATUS_OPEN]);
  g_string_append (out, "</ul>\n");

  /* Found, by category */
  g_string_append (out, "<h2>");
  append_escaped (out, _("What was found"));
  g_string_append_printf (out, "</h2>\n<table>\n<tr><th>%s</th><th>%s</th></tr>\n",
                          _("Category"), _("Posts"));
  for (guint c = 0; c < SG_N_CATEGORIES; c++)
    if (t.by_category[c] > 0)
      {
        g_string_append (out, "<tr><td>");
        append_escaped (out, sg_category_get_title (c));
        g_string_append_printf (out, "</td><td>%u</td></tr>\n", t.by_category[c]);
      }
  g_string_append (out, "</table>\n");

  /* Archives */
  g_string_append (out, "<h2>");
  append_escaped (out, _("Archives checked"));
  g_string_append_printf (out, "</h2>\n<table>\n<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
                               "<th>%s</th></tr>\n",
                          _("Archive"), _("Checked on"), _("Posts checked"),
                          _("Needed attention"), _("How far"));
  for (guint i = 0; i < a->audits->len; i++)
    {
      const SgAuditRecord *r = g_ptr_array_index (a->audits, i);
      g_autofree char *on = format_date (r->started_at);

      g_string_append (out, "<tr><td>");
      append_escaped (out, r->file_name);
      g_string_append (out, "</td><td>");
      append_escaped (out, on);
      g_string_append_printf (out, "</td><td>%u</td><td>%u</td><td>", r->n_checked, r->n_flagged);
      append_escaped (out, run_words (r->run));
      g_string_append (out, "</td></tr>\n");
    }
  g_string_append (out, "</table>\n");

  /* Each post found */
  g_string_append (out, "<h2>");
  append_escaped (out, _("Posts that needed attention, and what was done"));
  g_string_append_printf (out, "</h2>\n<table>\n<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
                               "<th>%s</th><th>%s</th>%s%s%s</tr>\n",
                          _("Platform"), _("Posted"), _("Link"), _("Found"), _("Decision"),
                          _("Why, and when"), include_text ? "<th>" : "",
                          include_text ? _("Text") : "", include_text ? "</th>" : "");
  for (guint i = 0; i < a->audits->len; i++)
    {
      GPtrArray *posts = g_ptr_array_index (a->posts, i);

      for (guint p = 0; p < posts->len; p++)
        {
          SgAuditItem *item = g_ptr_array_index (posts, p);
          g_autofree char *posted = format_date (sg_audit_item_get_posted_at (item));
          g_autofree char *found = categories_text (item);
          const char *url = sg_audit_item_get_url (item);
          const char *reason = sg_audit_item_get_reason (item);

          g_string_append (out, "<tr><td>");
          append_escaped (out, platform_name (sg_audit_item_get_platform (item)));
          g_string_append (out, "</td><td>");
          append_escaped (out, posted);
          g_string_append (out, "</td><td>");
          /* Only web addresses become links: a javascript: address from a crafted archive
           * stays text. */
          if (url != NULL && (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://")))
            {
              g_string_append (out, "<a href=\"");
              append_escaped (out, url);
              g_string_append (out, "\">");
              append_escaped (out, url);
              g_string_append (out, "</a>");
            }
          else
            append_escaped (out, url);
          g_string_append (out, "</td><td>");
          append_escaped (out, found);
          g_string_append (out, "</td><td>");
          append_escaped (out, decision_words (sg_audit_item_get_status (item)));
          g_string_append (out, "</td><td>");
          append_escaped (out, reason);
          if (sg_audit_item_get_status (item) != SG_AUDIT_STATUS_OPEN &&
              sg_audit_item_get_reviewed_at (item) > 0)
            {
              g_autofree char *on = format_date (sg_audit_item_get_reviewed_at (item));

              g_string_append (out, reason != NULL ? " (" : "(");
              append_escaped (out, on);
              g_string_append (out, ")");
            }
          g_string_append (out, "</td>");
          if (include_text)
            {
              g_string_append (out, "<td class=\"text\">");
              append_escaped (out, sg_audit_item_get_text (item));
              g_string_append (out, "</td>");
            }
          g_string_append (out, "</tr>\n");
        }
    }
  g_string_append (out, "</table>\n</body>\n</html>\n");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* CSV */

static void
append_field (GString    *out,
              const char *value,
              gboolean    last)
{
  const char *v = value != NULL ? value : "";

  g_string_append_c (out, '"');
  /* A spreadsheet runs a cell starting with one of these as a formula (CSV injection). */
  if (strchr ("=+-@\t\r", v[0]) != NULL && v[0] != '\0')
    g_string_append_c (out, '\'');
  for (const char *c = v; *c != '\0'; c++)
    {
      if (*c == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *c);
    }
  g_string_append_c (out, '"');
  g_string_append (out, last ? "\r\n" : ",");
}

char *
sg_appraisal_to_csv (SgAppraisal *a,
                     gint64       made_at,
                     gboolean     include_text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *made = format_date (made_at);
  const char *header[] = {
    N_("Record made"), N_("Archive"), N_("Checked on"), N_("Posts checked in archive"),
    N_("Platform"), N_("Posted"), N_("Link"), N_("Found"), N_("Decision"), N_("Why"),
    N_("Decided on"), N_("Text"),
  };
  guint n_columns = G_N_ELEMENTS (header) - (include_text ? 0 : 1);

  g_return_val_if_fail (a != NULL, NULL);

  for (guint i = 0; i < n_columns; i++)
    append_field (out, _(header[i]), i + 1 == n_columns);
  for (guint i = 0; i < a->audits->len; i++)
    {
      const SgAuditRecord *r = g_ptr_array_index (a->audits, i);
      GPtrArray *posts = g_ptr_array_index (a->posts, i);
      g_autofree char *checked_on = format_date (r->started_at);
      g_autofree char *n_checked = g_strdup_printf ("%u", r->n_checked);

      for (guint p = 0; p < posts->len; p++)
        {
          SgAuditItem *item = g_ptr_array_index (posts, p);
          g_autofree char *posted = format_date (sg_audit_item_get_posted_at (item));
          g_autofree char *found = categories_text (item);
          SgAuditStatus status = sg_audit_item_get_status (item);
          g_autofree char *decided = status != SG_AUDIT_STATUS_OPEN &&
                                     sg_audit_item_get_reviewed_at (item) > 0
                                     ? format_date (sg_audit_item_get_reviewed_at (item))
                                     : g_strdup ("");

          append_field (out, made, FALSE);
          append_field (out, r->file_name, FALSE);
          append_field (out, checked_on, FALSE);
          append_field (out, n_checked, FALSE);
          append_field (out, platform_name (sg_audit_item_get_platform (item)), FALSE);
          append_field (out, posted, FALSE);
          append_field (out, sg_audit_item_get_url (item), FALSE);
          append_field (out, found, FALSE);
          append_field (out, decision_words (status), FALSE);
          append_field (out, sg_audit_item_get_reason (item), FALSE);
          append_field (out, decided, !include_text);
          if (include_text)
            append_field (out, sg_audit_item_get_text (item), TRUE);
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
