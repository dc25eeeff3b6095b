/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: socialguard-check itself. sg-check-main.c is compiled in with its main()
 * renamed, and called with an argv and the input written to a file (or piped to standard
 * input). The first byte of the input chooses the command line; the rest is the input file:
 *
 *   bits 0-1  0 plain text, 1 --jsonl, 2 --declare, 3 plain text on the file and then on "-";
 *             but 3 with bits 4-7 0100 (first byte "C" or "G", "K", "O") is plain text
 *             repeated past 1 MiB, so the piece cutting of long inputs is fuzzed too (rarely:
 *             an input that size takes 2 to 30 s under ASan; FUZZ_CLI_BIG=0 leaves it out)
 *   bit 2     the input on standard input ("-", through a pipe) instead of a file
 *   bit 3     text: --format json; --jsonl: the file twice; --declare: the file and "-"
 *   bits 4-5  --platform x, bluesky, mastodon or blog (no limit)
 *   bit 6     --min-severity info
 *   bit 7     text and --jsonl: --db (the watch list below)
 *
 * --declare always reads --db: a store made once, in a temporary folder, with two interests
 * (found by name, alias or product) and a watch-list term. The default rule pack is loaded
 * once and shared (see cached_rule_pack_load). main() must return 0, 1 or 2. Its messages
 * are dropped; its report goes to a file: with --jsonl it must hold one JSON object per
 * non-blank input line, with --format json one JSON array. A report that breaks this,
 * plain text that is valid UTF-8 but said not to be, and each distinct GLib critical or
 * warning, is noted once (a "NOTE" line, and the input saved as note-HASH in
 * $FUZZ_NOTE_DIR), not fatal.
 * Build and run with tests/fuzz/run-fuzz.sh 600 cli. */
#include "config.h"

#include <stdint.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <unistd.h>

#include "sg-rule-pack.h"

/* Loading the default pack takes most of a second under ASan, so main() is given the one
 * loaded at the first call (it only reads a pack). */
static SgRulePack *cached_rule_pack_load (const char *name_or_path, GError **error);

#define main sg_check_main
#define sg_rule_pack_load cached_rule_pack_load
#include "sg-check-main.c"
#undef sg_rule_pack_load
#undef main

static SgRulePack *
cached_rule_pack_load (const char  *name_or_path,
                       GError     **error)
{
  static SgRulePack *pack;

  g_assert_null (name_or_path);
  if (pack == NULL)
    pack = sg_rule_pack_load (NULL, error);
  return pack != NULL ? g_object_ref (pack) : NULL;
}

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *dir, *input_path, *db_path, *output_path;

static void
remove_dir (void)
{
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);

  g_unlink (input_path);
  g_unlink (output_path);
  g_unlink (db_path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

static gboolean said_not_utf8;
static const uint8_t *input;
static size_t input_size;

static void
log_handler (const char     *domain,
             GLogLevelFlags  level,
             const char     *message,
             gpointer        user_data)
{
  static GHashTable *seen;
  const char *note_dir = g_getenv ("FUZZ_NOTE_DIR");
  g_autofree char *path = NULL;

  if (level & G_LOG_LEVEL_ERROR)
    {
      fprintf (stderr, "ERROR: %s\n", message);   /* then GLib aborts */
      return;
    }
  if (!(level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)))
    return;
  if (seen == NULL)
    seen = g_hash_table_new (g_str_hash, g_str_equal);
  if (g_hash_table_contains (seen, message))
    return;
  g_hash_table_add (seen, g_strdup (message));
  if (note_dir != NULL && *note_dir != '\0')
    {
      /* Named by the message, so that fork=1's children (each noting anew) keep the first. */
      g_autofree char *about = NULL;

      path = g_strdup_printf ("%s/note-%08x", note_dir, g_str_hash (message));
      about = g_strconcat (path, ".txt", NULL);
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_file_set_contents (path, (const char *) input, input_size, NULL);
          g_file_set_contents (about, message, -1, NULL);
        }
    }
  fprintf (stderr, "NOTE %s %s: %s (input: %s)\n",
           level & G_LOG_LEVEL_CRITICAL ? "CRITICAL" : "WARNING", domain ? domain : "",
           message, path ? path : "not saved");
}

static void
discard (const char *message)
{
  (void) message;
}

/* Messages for bad input are expected and dropped; one saying the text is not UTF-8 is
 * remembered (see the end of LLVMFuzzerTestOneInput). */
static void
printerr (const char *message)
{
  if (strstr (message, "not valid UTF-8") != NULL)
    said_not_utf8 = TRUE;
  if (g_str_has_prefix (message, "**"))
    fputs (message, stderr);   /* a failed g_assert() in this file */
}

static void
make_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgStore) store = sg_store_open (db_path, SG_STORE_OPEN_NO_BACKUP, NULL, &error);
  g_autoptr(SgInterest) a = sg_interest_new ("Pellana", SG_INTEREST_CONSULTANCY);
  g_autoptr(SgInterest) b = sg_interest_new ("Kingsmere Pharmacy", SG_INTEREST_SPONSORSHIP);

  g_assert_no_error (error);
  g_strfreev (a->aliases);
  a->aliases = g_strdupv ((char *[]) { "Pellana Pharma", NULL });
  g_strfreev (a->products);
  a->products = g_strdupv ((char *[]) { "Inhalix", "Breathe-Easy", NULL });
  a->has_amount = TRUE;
  a->amount = 2500;
  a->currency = g_strdup ("GBP");
  a->started = g_strdup ("2023-04-01");
  b->paid_to_institution = TRUE;
  b->started = g_strdup ("2022-01-01");
  b->ended = g_strdup ("2099-12-31");
  b->notes = g_strdup ("Travel to a conference, \"ward 7\" talk");

  g_assert_cmpint (sg_interest_register_add (store, a, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (sg_interest_register_add (store, b, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (sg_watch_list_add (store, "Okafor", NULL, &error));
  g_assert_no_error (error);
}

static void
init (void)
{
  g_autoptr(GError) error = NULL;

  dir = g_dir_make_tmp ("sg-fuzz-cli-XXXXXX", &error);
  g_assert_no_error (error);
  input_path = g_build_filename (dir, "draft.txt", NULL);
  db_path = g_build_filename (dir, "socialguard.db", NULL);
  output_path = g_build_filename (dir, "output", NULL);
  atexit (remove_dir);
  make_store ();

  /* The report goes to a file, emptied for each input and read back for --jsonl and
   * --format json; --declare's text and all messages go nowhere. */
  if (freopen (output_path, "w", stdout) == NULL)
    g_error ("cannot open %s", output_path);
  g_set_print_handler (discard);
  g_set_printerr_handler (printerr);
  g_log_set_default_handler (log_handler, NULL);
}

typedef struct {
  int           fd;
  const uint8_t *data;
  size_t        size;
} Feed;

static gpointer
feed_pipe (gpointer user_data)
{
  Feed *feed = user_data;
  size_t done = 0;

  while (done < feed->size)
    {
      ssize_t n = write (feed->fd, feed->data + done, feed->size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;            /* the reader stopped early (it may, after an error) */
      done += n;
    }
  close (feed->fd);
  return NULL;
}

#define BIG_SIZE (1024 * 1024 + 1)

/* Non-blank lines, as stream_jsonl() and check_jsonl_line() count them. */
static guint
count_jsonl_lines (const char *text,
                   gsize       len)
{
  const char *end = text + len;
  guint n = 0;

  for (const char *line = text; line < end;)
    {
      const char *nl = memchr (line, '\n', end - line);
      gsize line_len = (nl != NULL ? nl : end) - line;

      if (line_len > 0 && line[line_len - 1] == '\r')
        line_len--;
      if (!is_blank (line, line_len))
        n++;
      line = nl != NULL ? nl + 1 : end;
    }
  return n;
}

static gboolean
parses_as (const char   *json,
           gsize         len,
           JsonNodeType  type)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = without_nul_escapes (json, len);   /* as the CLI reads its input */

  return json_parser_load_from_data (parser, text, -1, NULL) &&
         json_parser_get_root (parser) != NULL &&
         JSON_NODE_TYPE (json_parser_get_root (parser)) == type;
}

/* --jsonl: output line N answers input line N, each a JSON object; --format json: one array. */
static void
check_output (guint          mode,
              guint          n_inputs,
              const uint8_t *body,
              size_t         body_size)
{
  g_autofree char *out = NULL;
  gsize len = 0;

  if (!g_file_get_contents (output_path, &out, &len, NULL))
    g_error ("cannot read %s", output_path);

  if (mode == 1)
    {
      guint expected = n_inputs * count_jsonl_lines ((const char *) body, body_size);
      guint lines = 0;

      for (const char *line = out; line < out + len; lines++)
        {
          const char *nl = memchr (line, '\n', out + len - line);

          if (nl == NULL)
            {
              g_warning ("--jsonl: the last output line has no line end");
              break;
            }
          if (!parses_as (line, nl - line, JSON_NODE_OBJECT))
            g_warning ("--jsonl: an output line is not a JSON object");
          line = nl + 1;
        }
      if (lines != expected)
        g_warning ("--jsonl: the output has not one line for each input line");
    }
  else if (!parses_as (out, len, JSON_NODE_ARRAY))
    g_warning ("--format json: the output is not a JSON array");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const platforms[] = { "x", "bluesky", "mastodon", "blog" };
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autofree char **argv = NULL;
  g_autofree uint8_t *copies = NULL;
  const uint8_t *body;
  size_t body_size;
  guint8 opts = size > 0 ? data[0] : 0;
  guint mode = opts & 3;
  gboolean big = mode == 3 && (opts & 0xF0) == 0x40 &&
                 g_strcmp0 (g_getenv ("FUZZ_CLI_BIG"), "0") != 0;
  gboolean use_stdin = (opts & 4) != 0 || (mode == 3 && !big);
  GThread *feeder = NULL;
  Feed feed;
  FILE *f;
  int status;

  if (dir == NULL)
    init ();
  input = data;
  input_size = size;

  body = size > 0 ? data + 1 : data;
  body_size = size > 0 ? size - 1 : 0;

  if (big)
    {
      /* Repeated past PIECE_SIZE (1 MiB), cut wherever the copies fall. */
      if (body_size == 0)
        return 0;
      copies = g_malloc (BIG_SIZE + body_size);
      for (size_t n = 0; n < BIG_SIZE; n += body_size)
        memcpy (copies + n, body, body_size);
      body = copies;
      body_size = BIG_SIZE + body_size - 1 - (BIG_SIZE - 1) % body_size;
    }

  f = fopen (input_path, "wb");
  g_assert_nonnull (f);
  g_assert_cmpuint (fwrite (body, 1, body_size, f), ==, body_size);
  g_assert_cmpint (fclose (f), ==, 0);

  g_ptr_array_add (args, g_strdup ("socialguard-check"));
  g_ptr_array_add (args, g_strdup ("--platform"));
  g_ptr_array_add (args, g_strdup (platforms[(opts >> 4) & 3]));
  if (opts & 64)
    {
      g_ptr_array_add (args, g_strdup ("--min-severity"));
      g_ptr_array_add (args, g_strdup ("info"));
    }
  if (mode == 1)
    g_ptr_array_add (args, g_strdup ("--jsonl"));
  if (mode == 2)
    g_ptr_array_add (args, g_strdup ("--declare"));
  if (mode == 2 || (opts & 128))
    {
      g_ptr_array_add (args, g_strdup ("--db"));
      g_ptr_array_add (args, g_strdup (db_path));
    }
  if ((mode == 0 || mode == 3) && (opts & 8))
    {
      g_ptr_array_add (args, g_strdup ("--format"));
      g_ptr_array_add (args, g_strdup ("json"));
    }
  if (mode == 3 && !big)
    g_ptr_array_add (args, g_strdup (input_path));
  g_ptr_array_add (args, g_strdup (use_stdin ? "-" : input_path));
  if (mode == 1 && (opts & 8))
    g_ptr_array_add (args, g_strdup (input_path));
  if (mode == 2 && (opts & 8) && !use_stdin)
    g_ptr_array_add (args, g_strdup ("-"));   /* then standard input is empty */

  if (use_stdin || (mode == 2 && (opts & 8)))
    {
      int fds[2];

      g_assert_cmpint (pipe (fds), ==, 0);
      g_assert_cmpint (dup2 (fds[0], STDIN_FILENO), ==, STDIN_FILENO);
      close (fds[0]);
      clearerr (stdin);
      feed = (Feed) { fds[1], use_stdin ? body : NULL, use_stdin ? body_size : 0 };
      feeder = g_thread_new ("feed", feed_pipe, &feed);
    }

  /* g_option_context_parse() reorders argv: pass a copy of the pointers. */
  argv = g_new0 (char *, args->len + 1);
  memcpy (argv, args->pdata, args->len * sizeof (char *));
  said_not_utf8 = FALSE;
  fflush (stdout);
  g_assert_cmpint (ftruncate (fileno (stdout), 0), ==, 0);
  rewind (stdout);
  status = sg_check_main (args->len, argv);
  g_assert_true (status == EXIT_SUCCESS || status == EXIT_FINDINGS || status == EXIT_USAGE);

  if (feeder != NULL)
    {
      /* Whatever was not read is drained, so the writer ends. */
      char sink[4096];

      while (read (STDIN_FILENO, sink, sizeof sink) > 0)
        ;
      g_thread_join (feeder);
      __fpurge (stdin);
      clearerr (stdin);
    }

  if (mode == 1)
    check_output (1, (opts & 8) ? 2 : 1, body, body_size);
  else if ((mode == 0 || mode == 3) && (opts & 8))
    check_output (0, 0, NULL, 0);

  /* Plain text that is valid UTF-8 (NUL bytes are text) must not be called invalid, however
   * it is cut into pieces. */
  if ((mode == 0 || mode == 3) && said_not_utf8 &&
      sg_text_find_invalid_utf8 ((const char *) body, body_size) < 0)
    g_warning ("valid UTF-8 plain text reported as not valid UTF-8");
  return 0;
}
