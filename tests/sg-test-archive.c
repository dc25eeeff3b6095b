/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An archive fixture for the audit tests, in X's documented layout. */
#include "config.h"

#include "sg-test-archive.h"

void
sg_test_archive_write_tweets (const char         *path,
                              const char * const *texts,
                              guint               n_posts)
{
  g_autoptr(GString) s = g_string_new ("window.YTD.tweets.part0 = [ ");
  g_autoptr(GError) error = NULL;
  guint n_texts = g_strv_length ((GStrv) texts);

  g_assert (n_texts > 0);
  for (guint i = 0; i < n_posts; i++)
    {
      const char *text = texts[i % n_texts];

      g_assert (strchr (text, '"') == NULL && strchr (text, '\\') == NULL);
      g_string_append_printf (s, "%s{ \"tweet\" : { \"id_str\" : \"%u\", "
                              "\"created_at\" : \"Wed Jun 01 12:%02u:%02u +0000 %u\", "
                              "\"full_text\" : \"%s\" } }",
                              i > 0 ? ",\n" : "", 1000 + i, (i / 60) % 60, i % 60,
                              2016 + i % 8, text);
    }
  g_string_append (s, " ]\n");
  g_file_set_contents (path, s->str, s->len, &error);
  g_assert_no_error (error);
}
