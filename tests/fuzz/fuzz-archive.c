/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: SgArchiveReader on any file. The input is written to a temporary file
 * (the reader reads paths: a zip, a tar.gz, a CAR or a bare posts file, told apart by content)
 * and every post is read to the end with small limits, so a bomb is refused quickly. What
 * must hold whatever the input:
 *
 *   a stop comes with an SG_ERROR (never another domain, never a crash or a leak)
 *   every text handed out is valid UTF-8: each post's fields, the sources, the problems and
 *   the error's message (a file name inside a zip is bytes, not text)
 *   a post has text to check, a platform and a source; the counts agree with what was read
 *   the fraction stays within 0 to 1
 *
 * A GLib critical aborts (g_return_if_fail tripped inside the reader is a bug).
 * Build and run with tests/fuzz/run-fuzz.sh 600 archive. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sg-archive-reader.h"
#include "sg-error.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *input_path;

static void
remove_input (void)
{
  g_autofree char *dir = g_path_get_dirname (input_path);

  g_unlink (input_path);
  g_rmdir (dir);
}

/* A critical or an error aborts, so that libFuzzer keeps the input (GLib's own way out is a
 * breakpoint trap, which it does not catch). */
static GLogWriterOutput
writer (GLogLevelFlags   level,
        const GLogField *fields,
        gsize            n_fields,
        gpointer         user_data)
{
  GLogWriterOutput out = g_log_writer_default (level, fields, n_fields, user_data);

  if (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR))
    abort ();
  return out;
}

static void
check_utf8 (const char *text,
            const char *what)
{
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    g_error ("%s is not valid UTF-8", what);
}

static void
check_post (const SgPastPost *post)
{
  g_assert_nonnull (post->platform);
  g_assert_nonnull (post->text);
  g_assert_nonnull (post->source);
  g_assert_true (sg_past_post_has_text (post));
  check_utf8 (post->platform, "platform");
  check_utf8 (post->id, "id");
  check_utf8 (post->text, "text");
  check_utf8 (post->content_warning, "content warning");
  check_utf8 (post->url, "url");
  check_utf8 (post->in_reply_to, "in_reply_to");
  check_utf8 (post->source, "source");
  for (guint i = 0; post->media_descriptions != NULL && post->media_descriptions[i] != NULL; i++)
    check_utf8 (post->media_descriptions[i], "media description");
  if (post->date != NULL)
    g_assert_cmpint (g_date_time_get_utc_offset (post->date), ==, 0);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(SgArchiveReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  SgArchiveLimits limits;
  SgPastPost *post;
  guint n = 0;
  const char * const *list;

  if (input_path == NULL)
    {
      g_autofree char *dir = g_dir_make_tmp ("sg-fuzz-archive-XXXXXX", NULL);

      g_assert_nonnull (dir);
      input_path = g_build_filename (dir, "input", NULL);
      atexit (remove_input);
      g_log_set_writer_func (writer, NULL, NULL);
    }
  if (!g_file_set_contents (input_path, (const char *) data, (gssize) size, NULL))
    g_error ("cannot write %s", input_path);

  sg_archive_limits_init (&limits);
  limits.max_total_bytes = 1024 * 1024;
  limits.max_ratio = 50;
  limits.max_entries = 64;
  limits.max_post_bytes = 16 * 1024;

  reader = sg_archive_reader_new (input_path);
  sg_archive_reader_set_limits (reader, &limits);
  while ((post = sg_archive_reader_next (reader, NULL, &error)) != NULL)
    {
      double f = sg_archive_reader_get_fraction (reader);

      g_assert_cmpfloat (f, >=, 0.);
      g_assert_cmpfloat (f, <=, 1.);
      check_post (post);
      sg_past_post_free (post);
      n++;
    }
  if (error != NULL)
    {
      if (error->domain != SG_ERROR)
        g_error ("stopped with an error of %s", g_quark_to_string (error->domain));
      check_utf8 (error->message, "error message");
    }
  /* The end stays the end. */
  g_assert_null (sg_archive_reader_next (reader, NULL, NULL));
  g_assert_cmpuint (sg_archive_reader_get_n_posts (reader), ==, n);
  g_assert_cmpfloat (sg_archive_reader_get_fraction (reader), ==, 1.);

  list = sg_archive_reader_get_sources (reader);
  for (guint i = 0; list[i] != NULL; i++)
    check_utf8 (list[i], "source");
  list = sg_archive_reader_get_problems (reader);
  for (guint i = 0; list[i] != NULL; i++)
    {
      g_assert_cmpuint (i, <, 100);
      check_utf8 (list[i], "problem");
    }
  return 0;
}
