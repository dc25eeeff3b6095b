/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LinkedIn's data export: Shares.csv, with the columns Date, ShareLink, ShareCommentary,
 * SharedUrl, MediaUrl and Visibility. The commentary is the post, in RFC 4180 quotes that
 * may hold line breaks. Dates are written "2023-01-15 10:20:30", in UTC. */
#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "sg-archive-private.h"
#include "sg-error.h"

static int
column (GPtrArray  *header,
        const char *name)
{
  for (guint i = 0; i < header->len; i++)
    {
      g_autofree char *field = g_strstrip (g_strdup (g_ptr_array_index (header, i)));
      const char *f = field;

      if (g_str_has_prefix (f, "\xef\xbb\xbf"))
        f += 3;                        /* a byte-order mark before the first name */
      if (g_ascii_strcasecmp (f, name) == 0)
        return (int) i;
    }
  return -1;
}

gboolean
sg_archive_linkedin_read_header (GPtrArray         *header,
                                 SgLinkedinColumns *columns)
{
  columns->date = column (header, "Date");
  columns->link = column (header, "ShareLink");
  columns->commentary = column (header, "ShareCommentary");
  columns->visibility = column (header, "Visibility");
  return columns->date >= 0 && columns->commentary >= 0 && columns->link >= 0;
}

static GDateTime *
parse_date (const char *date)
{
  int y, mo, d, h = 0, mi = 0, s = 0;
  int n;

  if (date == NULL)
    return NULL;
  n = sscanf (date, "%4d-%2d-%2d%*[ T]%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s);
  if (n != 3 && n != 6)
    return NULL;
  return g_date_time_new_utc (y, mo, d, h, mi, s);
}

/* https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7012345678901234567 → the number. */
static char *
id_from_link (const char *link)
{
  g_autofree char *unescaped = g_uri_unescape_string (link, NULL);
  const char *colon;

  if (unescaped == NULL || (colon = strrchr (unescaped, ':')) == NULL || colon[1] == '\0')
    return NULL;
  for (const char *p = colon + 1; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return NULL;
  return g_strdup (colon + 1);
}

static SgPastPostAudience
audience (const char *visibility)
{
  g_autofree char *upper = NULL;

  if (visibility == NULL)
    return SG_PAST_POST_AUDIENCE_UNKNOWN;
  upper = g_ascii_strup (visibility, -1);
  if (g_str_equal (upper, "PUBLIC") || g_str_equal (upper, "ANYONE"))
    return SG_PAST_POST_AUDIENCE_PUBLIC;
  if (strstr (upper, "CONNECTION") != NULL)
    return SG_PAST_POST_AUDIENCE_CONNECTIONS;
  return SG_PAST_POST_AUDIENCE_UNKNOWN;
}

static const char *
field (GPtrArray *record,
       int        i)
{
  return i >= 0 && (guint) i < record->len ? g_ptr_array_index (record, i) : NULL;
}

SgPastPost *
sg_archive_linkedin_read_record (GPtrArray               *record,
                                 const SgLinkedinColumns *columns,
                                 GError                 **error)
{
  const char *link = field (record, columns->link);
  const char *commentary = field (record, columns->commentary);
  g_autoptr(GDateTime) date = parse_date (field (record, columns->date));
  g_autoptr(SgPastPost) post = NULL;
  g_autofree char *id = NULL;

  if (commentary == NULL)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT, _("the row has too few columns"));
      return NULL;
    }
  if (link != NULL && *link != '\0')
    id = id_from_link (link);
  if (id == NULL && date != NULL)
    id = g_strdup_printf ("%" G_GINT64_FORMAT, g_date_time_to_unix (date));
  if (id == NULL)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT, _("the row has neither a link "
                   "nor a date"));
      return NULL;
    }

  post = sg_past_post_new ("linkedin", id);
  post->date = g_steal_pointer (&date);
  g_free (post->text);
  post->text = g_strstrip (g_strdup (commentary));
  if (link != NULL && g_str_has_prefix (link, "https://"))
    post->url = g_strdup (link);
  post->audience = audience (field (record, columns->visibility));
  return g_steal_pointer (&post);
}
