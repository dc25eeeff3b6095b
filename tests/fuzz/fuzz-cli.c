/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: socialguard-check itself. sg-check-main.c is compiled in with its main()
 * renamed, and called with an argv and the input written to a file (or piped to standard
 * input). The first byte of the input chooses the command line; the rest is the input file:
 *
 *   bits 0-1  0 plain text, 1 --jsonl, 2 --declare, 3 plain text repeated past 1 MiB (so the
 *             piece cutting of long inputs is fuzzed too)
 *   bit 2     the input on standard input ("-", through a pipe) instead of a file
 *   bit 3     text: --format json; --jsonl: the file twice; --declare: the file and "-"
 *   bits 4-5  --platform x, bluesky, mastodon or blog (no limit)
 *   bit 6     --min-severity info
 *   bit 7     text and --jsonl: --db (the watch list below)
 *
 * --declare always reads --db: a store made once, in a temporary folder, with two interests
 * (found by name, alias or product) and a watch-list term. main() must return 0, 1 or 2;
 * the output goes to /dev/null, and so do its messages, but one saying that valid UTF-8 plain
 * text is not UTF-8 is fatal. Each distinct GLib critical or warning is noted once (a "NOTE"
 * line, and the input saved as note-N in $FUZZ_NOTE_DIR), not fatal.
 * Build and run with tests/fuzz/run-fuzz.sh 600 cli. */
#include "config.h"

#include <stdint.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <unistd.h>

#define main sg_check_main
#include "sg-check-main.c"
#undef main

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *dir, *input_path, *db_path;

static void
remove_dir (void)
{
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);

  g_unlink (input_path);
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
  static guint n;
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
  if (note_dir != NULL)
    {
      path = g_strdup_printf ("%s/note-%u", note_dir, ++n);
      g_file_set_contents (path, (const char *) input, input_size, NULL);
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

/* Messages for bad input are expected and dropped; one saying valid text is not UTF-8 is
 * remembered (see below). */
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
  atexit (remove_dir);
  make_store ();

  /* Findings and texts go nowhere; messages for bad input too (they are expected). */
  if (freopen ("/dev/null", "w", stdout) == NULL)
    g_error ("cannot open /dev/null");
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

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const platforms[] = { "x", "bluesky", "mastodon", "blog" };
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autofree char **argv = NULL;
  g_autofree uint8_t *big = NULL;
  const uint8_t *body;
  size_t body_size;
  guint8 opts = size > 0 ? data[0] : 0;
  guint mode = opts & 3;
  gboolean use_stdin = (opts & 4) != 0;
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

  if (mode == 3)
    {
      /* Repeated past PIECE_SIZE (1 MiB), cut wherever the copies fall. */
      if (body_size == 0)
        return 0;
      big = g_malloc (BIG_SIZE + body_size);
      for (size_t n = 0; n < BIG_SIZE; n += body_size)
        memcpy (big + n, body, body_size);
      body = big;
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

  /* Plain text that is valid UTF-8 (NUL bytes are text) must not be called invalid, however
   * it is cut into pieces. */
  if ((mode == 0 || mode == 3) && said_not_utf8 && sg_text_find_invalid_utf8 ((const char *) body, body_size) < 0)
    g_error ("valid UTF-8 (%" G_GSIZE_FORMAT " bytes) reported as not valid UTF-8", body_size);
  return 0;
}
