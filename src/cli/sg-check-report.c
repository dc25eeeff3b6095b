/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>

#include "sg-check-report.h"
#include "sg-rule-pack.h"

void
sg_json_escape (GString    *out,
                const char *str,
                gssize      len)
{
  const char *end = str + (len < 0 ? (gssize) strlen (str) : len);

  g_string_append_c (out, '"');
  for (const char *p = str; p < end; p++)
    {
      guchar c = *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
        }
    }
  g_string_append_c (out, '"');
}

void
sg_report_flush (SgReport *report,
                 gboolean  force)
{
  if (force || report->out->len > 64 * 1024)
    {
      if (report->out->len > 0 &&
          fwrite (report->out->str, 1, report->out->len, stdout) != report->out->len)
        report->write_failed = TRUE;
      g_string_truncate (report->out, 0);
    }
}

void
sg_report_begin (SgReport *report)
{
  report->out = g_string_sized_new (128 * 1024);
  report->n_json = 0;
  if (report->format == SG_REPORT_JSON)
    g_string_append (report->out, "[");
}

void
sg_report_end (SgReport *report)
{
  if (report->format == SG_REPORT_JSON)
    g_string_append (report->out, report->n_json ? "\n]\n" : "]\n");
  sg_report_flush (report, TRUE);
  g_string_free (report->out, TRUE);
  report->out = NULL;
  if (fflush (stdout) != 0 || ferror (stdout))
    report->write_failed = TRUE;
}

typedef struct {
  const char *text;
  gsize       byte;     /* cursor */
  gsize       chars;    /* code points before the cursor */
  guint       line;
  gsize       line_start_chars;
} Cursor;

static void
cursor_advance (Cursor *c,
                gsize   to)
{
  const char *p = c->text + c->byte;
  const char *end = c->text + to;

  while (p < end)
    {
      if (*p == '\n')
        {
          c->line++;
          c->line_start_chars = c->chars + 1;
        }
      c->chars++;
      p = ((guchar) *p < 0x80) ? p + 1 : g_utf8_next_char (p);
    }
  c->byte = to;
}

static const char *
part_name (SgReportPart part)
{
  switch (part)
    {
    case SG_REPORT_PART_CONTENT_WARNING: return "content-warning";
    case SG_REPORT_PART_MEDIA_DESCRIPTION: return "media-description";
    case SG_REPORT_PART_TEXT:
    default:
      return "text";
    }
}

/* Where in a post a finding is, for --archive: NULL for other inputs. */
typedef struct {
  const SgReportPost *post;
  SgReportPart        part;
  guint               media;
} PostPart;

/* A number in decimal: a report has one finding per risky line, and printf's format parsing
 * was 2.6 % of checking a file. */
static void
append_number (GString *o,
               gsize    n)
{
  char digits[24];
  guint i = sizeof digits;

  do
    digits[--i] = '0' + n % 10;
  while ((n /= 10) != 0);
  g_string_append_len (o, digits + i, sizeof digits - i);
}

static void
write_json_finding (SgReport       *report,
                    const char     *path,
                    const char     *text,
                    SgFinding      *f,
                    gsize           offset,
                    gsize           length,
                    guint           line,
                    gsize           column,
                    const PostPart *where)
{
  GString *o = report->out;
  GArray *citations = sg_finding_get_citations (f);
  GArray *fixes = sg_finding_get_fixes (f);

  g_string_append (o, "{\"path\":");
  sg_json_escape (o, path, -1);
  g_string_append (o, ",\"rule\":");
  sg_json_escape (o, sg_finding_get_rule_id (f), -1);
  g_string_append (o, ",\"category\":");
  sg_json_escape (o, sg_category_to_string (sg_finding_get_category (f)), -1);
  g_string_append (o, ",\"severity\":");
  sg_json_escape (o, sg_severity_to_string (sg_finding_get_severity (f)), -1);
  g_string_append (o, ",\"message\":");
  sg_json_escape (o, sg_finding_get_message (f), -1);
  g_string_append (o, ",\"offset\":");
  append_number (o, offset);
  g_string_append (o, ",\"length\":");
  append_number (o, length);
  g_string_append (o, ",\"line\":");
  append_number (o, line);
  g_string_append (o, ",\"column\":");
  append_number (o, column);
  g_string_append (o, ",\"match\":");
  sg_json_escape (o, text + sg_finding_get_start (f),
                  sg_finding_get_end (f) - sg_finding_get_start (f));
  g_string_append (o, ",\"guidance\":[");
  for (guint i = 0; i < citations->len; i++)
    {
      const SgCitation *c = &g_array_index (citations, SgCitation, i);

      g_string_append (o, i ? ",{\"source\":" : "{\"source\":");
      sg_json_escape (o, c->title, -1);
      g_string_append (o, ",\"paragraph\":");
      sg_json_escape (o, c->paragraph, -1);
      g_string_append_c (o, '}');
    }
  g_string_append (o, "],\"fixes\":[");
  for (guint i = 0; i < fixes->len; i++)
    {
      const SgFix *x = &g_array_index (fixes, SgFix, i);

      g_string_append (o, i ? ",{\"kind\":" : "{\"kind\":");
      sg_json_escape (o, x->kind, -1);
      g_string_append (o, ",\"label\":");
      sg_json_escape (o, x->label, -1);
      if (x->replacement != NULL)
        {
          g_string_append (o, ",\"replacement\":");
          sg_json_escape (o, x->replacement, -1);
        }
      g_string_append_c (o, '}');
    }
  g_string_append_c (o, ']');
  if (where != NULL)
    {
      g_string_append (o, ",\"part\":");
      sg_json_escape (o, part_name (where->part), -1);
      if (where->part == SG_REPORT_PART_MEDIA_DESCRIPTION)
        g_string_append_printf (o, ",\"media\":%u", where->media);
    }
  g_string_append_c (o, '}');
}

void
sg_report_position_advance (SgReportPosition *pos,
                            const char       *text,
                            gsize             len)
{
  Cursor cursor = { text, 0, pos->chars, pos->line, pos->line_start_chars };

  cursor_advance (&cursor, len);
  pos->chars = cursor.chars;
  pos->line = cursor.line;
  pos->line_start_chars = cursor.line_start_chars;
}

static guint report_findings (SgReport *report, const char *path, const char *id_json,
                              const char *text, const SgReportPosition *pos,
                              GPtrArray *findings, const PostPart *where);

guint
sg_report_findings (SgReport   *report,
                    const char *path,
                    const char *id_json,
                    const char *text,
                    GPtrArray  *findings)
{
  SgReportPosition start = { 0, 1, 0 };

  return report_findings (report, path, id_json, text, &start, findings, NULL);
}

guint
sg_report_findings_at (SgReport               *report,
                       const char             *path,
                       const char             *text,
                       const SgReportPosition *pos,
                       GPtrArray              *findings)
{
  return report_findings (report, path, NULL, text, pos, findings, NULL);
}

/* Text output of a finding in a post: which part, when not the post's text. */
static void
append_post_line (SgReport       *report,
                  const char     *path,
                  const PostPart *where,
                  SgFinding      *f)
{
  g_string_append_printf (report->out, "%s:%s: %s: %s: ", path, where->post->id,
                          where->post->date != NULL ? where->post->date : "undated",
                          sg_severity_to_string (sg_finding_get_severity (f)));
  if (where->part == SG_REPORT_PART_CONTENT_WARNING)
    g_string_append (report->out, "In the content warning: ");
  else if (where->part == SG_REPORT_PART_MEDIA_DESCRIPTION)
    g_string_append_printf (report->out, "In the description of attachment %u: ",
                            where->media);
  g_string_append_printf (report->out, "%s [%s]\n", sg_finding_get_message (f),
                          sg_finding_get_rule_id (f));
}

static guint
report_findings (SgReport               *report,
                 const char             *path,
                 const char             *id_json,
                 const char             *text,
                 const SgReportPosition *pos,
                 GPtrArray              *findings,
                 const PostPart         *where)
{
  Cursor cursor = { text, 0, pos->chars, pos->line, pos->line_start_chars };
  guint n = 0;

  if (report->format == SG_REPORT_JSONL)
    {
      g_string_append (report->out, "{\"id\":");
      g_string_append (report->out, id_json != NULL ? id_json : "null");
      g_string_append (report->out, ",\"findings\":[");
    }

  for (guint i = 0; i < findings->len; i++)
    {
      SgFinding *f = g_ptr_array_index (findings, i);
      gsize offset, length;
      gsize column;
      guint line;

      if (sg_finding_get_severity (f) < report->min_severity)
        continue;

      /* Findings are sorted by start, so the cursor only moves forward. */
      cursor_advance (&cursor, sg_finding_get_start (f));
      offset = cursor.chars;
      line = cursor.line;
      column = cursor.chars - cursor.line_start_chars + 1;
      length = g_utf8_strlen (text + sg_finding_get_start (f),
                              sg_finding_get_end (f) - sg_finding_get_start (f));

      switch (report->format)
        {
        case SG_REPORT_TEXT:
          if (where != NULL)
            append_post_line (report, path, where, f);
          else
            g_string_append_printf (report->out, "%s:%u:%" G_GSIZE_FORMAT ": %s: %s [%s]\n",
                                    path, line, column,
                                    sg_severity_to_string (sg_finding_get_severity (f)),
                                    sg_finding_get_message (f), sg_finding_get_rule_id (f));
          break;

        case SG_REPORT_JSON:
          if (where != NULL)
            g_string_append (report->out, report->n_in_post++ ? ",\n  " : "\n  ");
          else
            {
              g_string_append (report->out, report->n_json ? ",\n" : "\n");
              report->n_json++;
            }
          write_json_finding (report, path, text, f, offset, length, line, column, where);
          break;

        case SG_REPORT_JSONL:
          if (n > 0)
            g_string_append_c (report->out, ',');
          write_json_finding (report, path, text, f, offset, length, line, column, NULL);
          break;

        default:
          g_assert_not_reached ();
        }

      n++;
    }

  if (report->format == SG_REPORT_JSONL)
    g_string_append (report->out, "]}\n");

  sg_report_flush (report, FALSE);
  return n;
}

static void
append_json_string_or_null (GString    *out,
                            const char *str)
{
  if (str != NULL)
    sg_json_escape (out, str, -1);
  else
    g_string_append (out, "null");
}

void
sg_report_post_begin (SgReport           *report,
                      const char         *path,
                      const SgReportPost *post)
{
  GString *o = report->out;

  report->n_in_post = 0;
  if (report->format != SG_REPORT_JSON)
    return;

  g_string_append (o, report->n_json++ ? ",\n{\"path\":" : "\n{\"path\":");
  sg_json_escape (o, path, -1);
  g_string_append (o, ",\"platform\":");
  sg_json_escape (o, post->platform, -1);
  g_string_append (o, ",\"id\":");
  sg_json_escape (o, post->id, -1);
  g_string_append (o, ",\"date\":");
  append_json_string_or_null (o, post->date);
  g_string_append (o, ",\"url\":");
  append_json_string_or_null (o, post->url);
  g_string_append (o, ",\"audience\":");
  append_json_string_or_null (o, post->audience);
  g_string_append (o, ",\"findings\":[");
}

guint
sg_report_post_findings (SgReport           *report,
                         const char         *path,
                         const SgReportPost *post,
                         SgReportPart        part,
                         guint               media,
                         const char         *text,
                         GPtrArray          *findings)
{
  SgReportPosition start = { 0, 1, 0 };
  PostPart where = { post, part, media };

  g_return_val_if_fail (report->format != SG_REPORT_JSONL, 0);

  return report_findings (report, path, NULL, text, &start, findings, &where);
}

void
sg_report_post_end (SgReport *report)
{
  if (report->format == SG_REPORT_JSON)
    g_string_append (report->out, report->n_in_post ? "\n]}" : "]}");
  sg_report_flush (report, FALSE);
}
