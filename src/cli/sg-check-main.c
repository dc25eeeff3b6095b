/* SPDX-License-Identifier: GPL-3.0-or-later */
/* socialguard-check: the guidance engine on files, for blogs, CI and benchmarks.
 * --archive reads the posts of a platform's own export (src/archive) and checks each one.
 * Exit status: 0 nothing at or above --min-severity, 1 findings, 2 usage or input error. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>

#include "sg-analyzer.h"
#include "sg-archive-reader.h"
#include "sg-check-report.h"
#include "sg-check-stream.h"
#include "sg-error.h"
#include "sg-interest-register.h"
#include "sg-platform.h"
#include "sg-store.h"
#include "sg-text.h"
#include "sg-watch-list.h"

#define EXIT_FINDINGS 1
#define EXIT_USAGE    2

typedef struct {
  SgAnalyzer *analyzer;
  SgReport    report;
  const char *platform;
  gboolean    jsonl;
  guint       n_findings;
  gboolean    input_error;
} Check;

static void
input_error (Check      *check,
             const char *path,
             const char *message)
{
  g_printerr ("%s: %s\n", path, message);
  check->input_error = TRUE;
}

static void
check_text (Check      *check,
            const char *path,
            const char *id_json,
            const char *text,
            gsize       len,
            const char *platform)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;

  findings = sg_analyzer_analyze (check->analyzer, text, len, platform, &error);
  if (findings == NULL)
    {
      input_error (check, path, error->message);
      if (check->jsonl)
        {
          /* Keep output line N answering input line N. */
          g_string_append (check->report.out, "{\"id\":");
          g_string_append (check->report.out, id_json != NULL ? id_json : "null");
          g_string_append (check->report.out, ",\"error\":");
          sg_json_escape (check->report.out, error->message, -1);
          g_string_append (check->report.out, "}\n");
        }
      return;
    }

  check->n_findings += sg_report_findings (&check->report, path, id_json, text, findings);
}

static gboolean
is_blank (const char *line,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (line[i]))
      return FALSE;
  return TRUE;
}

/* A JSON string may hold \u0000, which a C string cannot: json-glib would end the text there
 * and the rest of the draft would go unchecked. It is read as a space instead (one character
 * for one, so offsets and columns still point at the right place). */
static char *
without_nul_escapes (const char *line,
                     gsize       len)
{
  GString *out = g_string_new_len (line, len);

  for (gsize i = 0; i + 6 <= out->len; i++)
    {
      gsize backslashes = 0;

      if (out->str[i] != '\\' || g_ascii_strncasecmp (out->str + i + 1, "u0000", 5) != 0)
        continue;
      for (gsize j = i; j > 0 && out->str[j - 1] == '\\'; j--)
        backslashes++;
      if (backslashes % 2 == 0)
        memcpy (out->str + i, "\\u0020", 6);
    }
  return g_string_free (out, FALSE);
}

/* One line of --jsonl input, numbered @number. */
static void
check_jsonl_line (Check      *check,
                  JsonParser *parser,
                  const char *path,
                  guint       number,
                  const char *line,
                  gsize       line_len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *where = g_strdup_printf ("%s:%u", path, number);
  g_autofree char *unescaped = NULL;
  g_autofree char *id_json = NULL;
  const char *text, *platform;
  JsonObject *o;
  JsonNode *id;

  if (line_len > 0 && line[line_len - 1] == '\r')
    line_len--;
  if (is_blank (line, line_len))
    return;
  unescaped = without_nul_escapes (line, line_len);

  if (!json_parser_load_from_data (parser, unescaped, -1, &error) ||
      json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      input_error (check, where, _("not a JSON object; each line must be "
                                   "{\"id\", \"text\", \"platform\"?}"));
      g_string_append (check->report.out, "{\"id\":null,\"error\":\"not a JSON object\"}\n");
      return;
    }

  o = json_node_get_object (json_parser_get_root (parser));
  id = json_object_get_member (o, "id");
  id_json = id != NULL ? json_to_string (id, FALSE) : g_strdup ("null");
  text = json_object_get_string_member_with_default (o, "text", NULL);
  platform = json_object_get_string_member_with_default (o, "platform", check->platform);

  if (text == NULL)
    {
      input_error (check, where, _("the object has no “text” string"));
      g_string_append_printf (check->report.out, "{\"id\":%s,\"error\":\"no text\"}\n",
                              id_json);
    }
  else
    check_text (check, where, id_json, text, strlen (text), platform);
}

/* --jsonl from a pipe or standard input: a line at a time, so an endless stream of drafts
 * is checked in bounded memory. A line longer than MAX_JSONL_LINE (a draft far beyond any
 * post) is refused rather than read whole. */
#define MAX_JSONL_LINE (16 * 1024 * 1024)

static void
stream_jsonl (Check      *check,
              const char *path,
              FILE       *file)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GString) line = g_string_sized_new (4096);
  guint number = 0;
  gboolean too_long = FALSE;
  int c;

  do
    {
      c = getc_unlocked (file);
      if (c != EOF && c != '\n')
        {
          if (line->len < MAX_JSONL_LINE)
            g_string_append_c (line, (char) c);
          else
            too_long = TRUE;
          continue;
        }
      if (c == EOF && line->len == 0 && !too_long)
        break;
      number++;
      if (too_long)
        {
          g_autofree char *where = g_strdup_printf ("%s:%u", path, number);

          input_error (check, where, _("the line is too long to be a draft (over 16 MB)"));
          g_string_append (check->report.out, "{\"id\":null,\"error\":\"line too long\"}\n");
        }
      else
        check_jsonl_line (check, parser, path, number, line->str, line->len);
      g_string_truncate (line, 0);
      too_long = FALSE;
      sg_report_flush (&check->report, FALSE);
    }
  while (c != EOF);

  if (ferror (file))
    input_error (check, path, g_strerror (errno));
}

/* --declare reads one post whole; a post is never this long, and an endless stream must not
 * fill the memory. */
#define MAX_POST_BYTES (16 * 1024 * 1024)

static gboolean
read_stream (FILE     *stream,
             GBytes  **out,
             GError  **error)
{
  g_autoptr(GByteArray) buf = g_byte_array_new ();
  guint8 chunk[64 * 1024];
  size_t n;

  while ((n = fread (chunk, 1, sizeof chunk, stream)) > 0)
    {
      if (buf->len + n > MAX_POST_BYTES)
        {
          g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                       _("is over 16 MB, far too long for one post"));
          return FALSE;
        }
      g_byte_array_append (buf, chunk, n);
    }

  if (ferror (stream))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT, _("could not be read: %s"),
                   g_strerror (errno));
      return FALSE;
    }

  *out = g_byte_array_free_to_bytes (g_steal_pointer (&buf));
  return TRUE;
}

static gboolean
read_stdin (GBytes  **out,
            GError  **error)
{
  return read_stream (stdin, out, error);
}

static void
check_input (Check      *check,
             const char *path)
{
  g_autoptr(GError) error = NULL;
  const char *display = g_str_equal (path, "-") ? "-" : path;
  FILE *file;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      input_error (check, display, _("is a folder, not a file"));
      return;
    }

  /* Every input is read as a stream, never mapped: a file that shrinks while it is read
   * cannot fault, a pipe or a device is read like any file, and memory stays bounded. */
  file = g_str_equal (path, "-") ? stdin : fopen (path, "rb");
  if (file == NULL)
    {
      input_error (check, display, g_strerror (errno));
      return;
    }
  if (check->jsonl)
    stream_jsonl (check, display, file);
  else if (!sg_check_stream_file (check->analyzer, check->platform, &check->report, display,
                                  file, &check->n_findings, &error))
    input_error (check, display, error->message);
  if (file != stdin)
    fclose (file);
}

/* One part of an archived post (its text, content warning or a description). */
static guint
check_post_part (Check              *check,
                 const char         *path,
                 const SgReportPost *post,
                 SgReportPart        part,
                 guint               media,
                 const char         *text)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;

  if (text == NULL || *text == '\0')
    return 0;
  findings = sg_analyzer_analyze (check->analyzer, text, -1, post->platform, &error);
  if (findings == NULL)
    {
      g_autofree char *where = g_strdup_printf ("%s:%s", path, post->id);

      input_error (check, where, error->message);
      return 0;
    }
  return sg_report_post_findings (&check->report, path, post, part, media, text, findings);
}

/* A post goes through the analyzer as Compose would have read it for its own platform: its
 * text, then its content warning and each media description on their own (as Compose checks
 * a photo's description apart from the post). Returns how many findings were reported. */
static guint
check_post (Check            *check,
            const char       *path,
            const SgPastPost *past)
{
  g_autofree char *date = NULL;
  SgReportPost post = { past->platform, past->id, NULL, past->url,
                        sg_past_post_audience_to_string (past->audience) };
  guint n;

  if (past->date != NULL)
    post.date = date = g_date_time_format (past->date, "%Y-%m-%dT%H:%M:%SZ");

  sg_report_post_begin (&check->report, path, &post);
  n = check_post_part (check, path, &post, SG_REPORT_PART_TEXT, 0, past->text);
  n += check_post_part (check, path, &post, SG_REPORT_PART_CONTENT_WARNING, 0,
                        past->content_warning);
  for (guint i = 0; past->media_descriptions != NULL && past->media_descriptions[i]; i++)
    n += check_post_part (check, path, &post, SG_REPORT_PART_MEDIA_DESCRIPTION, i + 1,
                          past->media_descriptions[i]);
  sg_report_post_end (&check->report);
  return n;
}

/* --archive FILE: every post of a platform's own export, read a post at a time. What could
 * not be read is said on standard error (never a post's text) and makes the status 2. */
static void
check_archive (Check      *check,
               const char *path)
{
  g_autoptr(SgArchiveReader) reader = sg_archive_reader_new (path);
  g_autoptr(GError) error = NULL;
  const char * const *problems;
  guint n_flagged = 0, n_posts, n_skipped, n_repaired;
  SgPastPost *post;

  while ((post = sg_archive_reader_next (reader, NULL, &error)) != NULL)
    {
      guint n = check_post (check, path, post);

      check->n_findings += n;
      n_flagged += n > 0;
      sg_past_post_free (post);
    }

  problems = sg_archive_reader_get_problems (reader);
  for (guint i = 0; problems[i] != NULL; i++)
    g_printerr ("%s: %s\n", path, problems[i]);

  n_posts = sg_archive_reader_get_n_posts (reader);
  n_skipped = sg_archive_reader_get_n_skipped (reader);
  n_repaired = sg_archive_reader_get_n_repaired (reader);
  if (error == NULL || n_posts > 0)
    {
      g_autoptr(GString) summary = g_string_new (NULL);

      g_string_append_printf (summary, ngettext ("%s: %u post checked, %u with findings",
                                                 "%s: %u posts checked, %u with findings",
                                                 n_posts), path, n_posts, n_flagged);
      if (n_repaired > 0)
        g_string_append_printf (summary, ngettext ("; %u had bytes that were not UTF-8, "
                                                   "replaced by “�”",
                                                   "; %u had bytes that were not UTF-8, "
                                                   "replaced by “�”", n_repaired), n_repaired);
      if (n_skipped > 0)
        g_string_append_printf (summary, ngettext ("; %u item could not be read and was not "
                                                   "checked",
                                                   "; %u items could not be read and were not "
                                                   "checked", n_skipped), n_skipped);
      g_printerr ("%s.\n", summary->str);
    }
  if (n_skipped > 0)
    check->input_error = TRUE;
  if (error != NULL)
    {
      /* The message names the file already. */
      g_printerr ("%s\n", error->message);
      check->input_error = TRUE;
    }
}

static char *
today_string (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* --declare: the text with the declarations its organisations and products call for,
 * fitted to the platform. Reads the register; never writes. */
static int
run_declare (const char  *platform_id,
             const char  *db,
             char       **files)
{
  g_autofree char *path = db != NULL ? g_strdup (db) : sg_store_get_default_path ();
  g_autofree char *today = today_string ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SgStore) store = NULL;
  g_autoptr(GPtrArray) interests = NULL;
  g_autoptr(SgInterestMatcher) matcher = NULL;
  const SgPlatform *platform;
  int status = EXIT_SUCCESS;

  if ((platform = sg_platform_lookup (platform_id, &error)) == NULL)
    {
      g_printerr ("socialguard-check: %s\n", error->message);
      return EXIT_USAGE;
    }

  store = sg_store_open (path, SG_STORE_OPEN_READ_ONLY, NULL, &error);
  if (store == NULL || (interests = sg_interest_register_list (store, &error)) == NULL)
    {
      g_printerr ("socialguard-check: %s\n", error->message);
      return EXIT_USAGE;
    }
  matcher = sg_interest_matcher_new (interests);

  for (guint f = 0; files[f] != NULL; f++)
    {
      g_autofree char *contents = NULL;
      g_autoptr(GPtrArray) relevant = NULL;
      g_autofree char *declaration = NULL;
      g_autoptr(GBytes) bytes = NULL;
      SgDeclarationForm form = SG_DECLARATION_FULL;
      gsize length = 0;
      GStatBuf st;

      if (g_str_equal (files[f], "-"))
        {
          if (!read_stdin (&bytes, &error))
            goto fail;
          /* Empty input gives bytes whose data is NULL; the post is then "", not NULL. */
          const char *data = g_bytes_get_data (bytes, &length);
          contents = g_malloc (length + 1);   /* not g_strndup: it stops at a NUL byte */
          if (length > 0)
            memcpy (contents, data, length);
          contents[length] = '\0';
        }
      else if (g_stat (files[f], &st) == 0 && st.st_size > MAX_POST_BYTES)
        {
          g_printerr ("%s: %s\n", files[f], _("is over 16 MB, far too long for one post"));
          status = EXIT_USAGE;
          continue;
        }
      else if (!g_file_get_contents (files[f], &contents, &length, &error))
        goto fail;

      if (sg_text_find_invalid_utf8 (contents, length) >= 0)
        {
          g_printerr ("%s: %s\n", files[f], _("not valid UTF-8; save the file as UTF-8"));
          status = EXIT_USAGE;
          continue;
        }

      /* The post is written back byte for byte, NUL bytes included (they are text here, as
       * in checking); the matcher and the length count see them as spaces. */
      while (length > 0 && g_ascii_isspace (contents[length - 1]))
        length--;
      {
        g_autofree char *seen = g_malloc (length + 1);

        memcpy (seen, contents, length);
        seen[length] = '\0';

        for (gsize i = 0; i < length; i++)
          if (seen[i] == '\0')
            seen[i] = ' ';
        relevant = sg_interest_matcher_match (matcher, seen, -1, today, 36);
        declaration = sg_declaration_compose (relevant, platform, seen, NULL, &form, &error);
      }
      if (error != NULL)
        goto fail;

      fwrite (contents, 1, length, stdout);
      if (declaration != NULL)
        g_print ("\n\n%s\n", declaration);
      else
        g_print ("\n");

      if (form == SG_DECLARATION_DOES_NOT_FIT)
        g_printerr (_("%s: the declaration does not fit within %s’s limit of %u characters; "
                      "shorten the post or link to a declarations page\n"),
                    files[f], platform->name, platform->limit);
      continue;

    fail:
      g_printerr ("%s: %s\n", files[f], error->message);
      g_clear_error (&error);
      status = EXIT_USAGE;
    }

  return status;
}

static int
usage_error (const char *message)
{
  g_printerr ("socialguard-check: %s\n", message);
  g_printerr ("%s\n", _("Try “socialguard-check --help”."));
  return EXIT_USAGE;
}

static int
run (const char  *platform,
     const char  *format,
     gboolean     jsonl,
     const char  *rules,
     gboolean     declare,
     const char  *db,
     const char  *min_severity,
     const char  *role_name,
     char       **archives,
     char       **files)
{
  g_autoptr(SgRulePack) pack = NULL;
  g_autoptr(GError) error = NULL;
  Check check = { 0 };

  if (archives != NULL)
    {
      if (files != NULL && files[0] != NULL)
        return usage_error (_("--archive reads the archive alone; give the other files in "
                              "another run"));
      if (jsonl || declare)
        return usage_error (_("--archive cannot be combined with --jsonl or --declare"));
      if (platform != NULL)
        return usage_error (_("--platform does not apply to --archive: each post is checked "
                              "for its own platform"));
    }
  else if (files == NULL || files[0] == NULL)
    return usage_error (_("no input: give one or more files, or - for standard input"));

  if (declare)
    return run_declare (platform != NULL ? platform : "x", db, files);

  check.platform = platform != NULL ? platform : "x";
  if (sg_platform_lookup (check.platform, &error) == NULL)
    return usage_error (error->message);

  if (format == NULL || g_str_equal (format, "text"))
    check.report.format = jsonl ? SG_REPORT_JSONL : SG_REPORT_TEXT;
  else if (g_str_equal (format, "json"))
    check.report.format = jsonl ? SG_REPORT_JSONL : SG_REPORT_JSON;
  else
    return usage_error (_("--format must be text or json"));
  check.jsonl = jsonl;

  check.report.min_severity = SG_SEVERITY_WARNING;
  if (min_severity != NULL && !sg_severity_from_string (min_severity, &check.report.min_severity))
    return usage_error (_("--min-severity must be info, warning or error"));

  pack = sg_rule_pack_load (rules, &error);
  if (pack == NULL)
    return usage_error (error->message);
  check.analyzer = sg_analyzer_new (pack);
  if (role_name != NULL)
    {
      SgRole role;

      if (!sg_role_from_string (role_name, &role))
        {
          g_clear_object (&check.analyzer);
          return usage_error (_("--role must be doctor, physician-associate, "
                                "anaesthesia-associate or medical-student"));
        }
      sg_analyzer_set_role (check.analyzer, role);
    }

  if (db != NULL)
    {
      g_autoptr(SgStore) store = sg_store_open (db, SG_STORE_OPEN_READ_ONLY, NULL, &error);
      g_auto(GStrv) terms = NULL;

      if (store == NULL || (terms = sg_watch_list_load (store, &error)) == NULL)
        {
          g_clear_object (&check.analyzer);
          return usage_error (error->message);
        }
      sg_analyzer_set_watch_list (check.analyzer, (const char * const *) terms);
    }

  sg_report_begin (&check.report);
  for (guint i = 0; archives != NULL && archives[i] != NULL; i++)
    check_archive (&check, archives[i]);
  for (guint i = 0; archives == NULL && files[i] != NULL; i++)
    check_input (&check, files[i]);
  sg_report_end (&check.report);

  g_clear_object (&check.analyzer);

  if (check.report.write_failed)
    {
      /* Findings that could not be written must not look like "nothing found". */
      g_printerr (_("socialguard-check: could not write the results: %s\n"), g_strerror (errno));
      return EXIT_USAGE;
    }
  if (check.input_error)
    return EXIT_USAGE;
  return check.n_findings > 0 ? EXIT_FINDINGS : EXIT_SUCCESS;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *platform = NULL;
  g_autofree char *format = NULL;
  g_autofree char *rules = NULL;
  g_autofree char *db = NULL;
  g_autofree char *min_severity = NULL;
  g_autofree char *role = NULL;
  g_auto(GStrv) files = NULL;
  g_auto(GStrv) archives = NULL;
  gboolean jsonl = FALSE;
  gboolean declare = FALSE;
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "platform", 0, 0, G_OPTION_ARG_STRING, &platform,
      N_("Platform the text is for: x, mastodon, bluesky, threads, linkedin, facebook, "
         "instagram, tiktok, blog, whatsapp, forum (default: x)"), N_("NAME") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      N_("Output format: text or json (default: text)"), N_("FORMAT") },
    { "jsonl", 0, 0, G_OPTION_ARG_NONE, &jsonl,
      N_("Each input line is a JSON object {\"id\", \"text\", \"platform\"}"), NULL },
    { "rules", 0, 0, G_OPTION_ARG_FILENAME, &rules,
      N_("Rule pack file or id (default: the installed default pack)"), N_("PACK") },
    { "declare", 0, 0, G_OPTION_ARG_NONE, &declare,
      N_("Print the text with the matching declarations appended"), NULL },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db,
      N_("Use this database (interests, watch-list) instead of yours"), N_("PATH") },
    { "min-severity", 0, 0, G_OPTION_ARG_STRING, &min_severity,
      N_("Lowest severity to report: info, warning or error (default: warning)"),
      N_("LEVEL") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role,
      N_("Who is writing: doctor, physician-associate, anaesthesia-associate or "
         "medical-student (default: doctor)"), N_("ROLE") },
    { "archive", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &archives,
      N_("Check every post of a platform’s own archive (Mastodon, X, Facebook, Instagram, "
         "LinkedIn: the zip as downloaded, or the posts file from it; Bluesky: the .car "
         "repository export), each for its own platform; may be given more than once"),
      N_("FILE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE… | -") },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Check social media drafts against the GMC’s guidance for "
                                  "doctors. Nothing is sent anywhere."));
  g_option_context_set_description (context,
                                    _("With --archive, each finding is written "
                                      "FILE:POST-ID: DATE: severity: message [rule], and "
                                      "--format=json gives one object per post (platform, "
                                      "id, date, url, audience, findings).\n\n"
                                      "Exit status: 0 no findings at or above the minimum "
                                      "severity, 1 findings, 2 usage or input error."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("socialguard-check: %s\n", error->message);
      return EXIT_USAGE;
    }

  if (version)
    {
      g_print ("socialguard-check %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  return run (platform, format, jsonl, rules, declare, db, min_severity, role, archives,
              files);
}
