/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sg-length.h"

static guint
count (const char *platform,
       const char *text)
{
  g_autoptr(GError) error = NULL;
  const SgPlatform *p = sg_platform_lookup (platform, &error);

  g_assert_no_error (error);
  return sg_length_count (p, text, -1);
}

static void
test_code_points (void)
{
  g_assert_cmpuint (count ("linkedin", ""), ==, 0);
  g_assert_cmpuint (count ("linkedin", "héllo"), ==, 5);
  g_assert_cmpuint (count ("facebook", "a\nb"), ==, 3);
}

static void
test_urls (void)
{
  /* Mastodon and X count any link as 23 characters. */
  g_assert_cmpuint (count ("mastodon", "see https://example.org/a/very/long/path/indeed"), ==, 4 + 23);
  g_assert_cmpuint (count ("x", "see https://example.org/x."), ==, 4 + 23 + 1);
  /* LinkedIn counts the link as written. */
  g_assert_cmpuint (count ("linkedin", "https://a.b"), ==, 11);
}

/* Mastodon counts what a reader sees as one character (grapheme clusters): 490 letters and
 * ten health-worker emoji are 500, not 520 (issue 20 point 12). */
static void
test_mastodon_graphemes (void)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < 490; i++)
    g_string_append_c (text, 'a');
  for (guint i = 0; i < 10; i++)
    g_string_append (text, "\U0001F469\u200D\u2695\uFE0F");
  g_assert_cmpuint (count ("mastodon", text->str), ==, 500);
  g_assert_cmpuint (count ("mastodon", "café 🇬🇧"), ==, 6);
}

static void
test_x_weights (void)
{
  g_assert_cmpuint (count ("x", "abc"), ==, 3);
  g_assert_cmpuint (count ("x", "日本"), ==, 4);
  g_assert_cmpuint (count ("x", "💙"), ==, 2);
  g_assert_cmpuint (count ("x", "“quote” – dash"), ==, 14);
}

static void
test_graphemes (void)
{
  /* Bluesky counts what a reader sees as one character. */
  g_assert_cmpuint (count ("bluesky", "e\u0301"), ==, 1);
  g_assert_cmpuint (count ("bluesky", "👩‍⚕️"), ==, 1);
  g_assert_cmpuint (count ("bluesky", "👍🏽"), ==, 1);
  g_assert_cmpuint (count ("bluesky", "🇬🇧🇮🇪"), ==, 2);
  g_assert_cmpuint (count ("bluesky", "ok 💙"), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sg/length/code-points", test_code_points);
  g_test_add_func ("/sg/length/urls", test_urls);
  g_test_add_func ("/sg/length/mastodon-graphemes", test_mastodon_graphemes);
  g_test_add_func ("/sg/length/x-weights", test_x_weights);
  g_test_add_func ("/sg/length/graphemes", test_graphemes);
  return g_test_run ();
}
