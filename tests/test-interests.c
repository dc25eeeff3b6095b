/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "sg-test-store.h"
#include "sg-error.h"
#include "sg-interest-io.h"
#include "sg-interest-register.h"
#include "sg-length.h"

static SgInterest *
make (const char         *org,
      SgInterestCategory  category,
      const char         *products)
{
  SgInterest *i = sg_interest_new (org, category);

  g_strfreev (i->products);
  i->products = products ? g_strsplit (products, ",", -1) : g_new0 (char *, 1);
  i->started = g_strdup ("2024-01-01");
  return i;
}

static SgStore *
open_store (char **dir_out)
{
  return sg_test_store_open ("sg-interests", dir_out);
}

static void
test_validate (void)
{
  g_autoptr(SgInterest) i = make ("Pellana", SG_INTEREST_CONSULTANCY, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (sg_interest_validate (i, NULL));

  i->ended = g_strdup ("2023-12-31");
  g_assert_false (sg_interest_validate (i, &error));
  g_assert_nonnull (strstr (error->message, "before it started"));
  g_clear_error (&error);

  g_free (i->ended);
  i->ended = g_strdup ("2024-02-30");
  g_assert_false (sg_interest_validate (i, &error));
  g_clear_error (&error);

  g_clear_pointer (&i->ended, g_free);
  g_free (i->organisation);
  i->organisation = g_strdup ("   ");
  g_assert_false (sg_interest_validate (i, &error));
  g_assert_nonnull (strstr (error->message, "organisation"));
}

static void
test_json_exchange (void)
{
  const char *good =
    "[{\"organisation\": \"Pellana\", \"aliases\": [\"Pellana Pharma\"], "
    "\"products\": [\"GlucoTrack\"], \"category\": \"speaker-fees\", \"paid_to\": \"self\", "
    "\"amount\": 1500, \"currency\": \"GBP\", \"started\": \"2024-03-01\", \"ended\": null, "
    "\"notes\": \"two talks\"}]";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = sg_interests_from_json_data (good, -1, &error);
  g_autofree char *out = NULL;
  g_autoptr(GPtrArray) again = NULL;
  SgInterest *i;

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  i = g_ptr_array_index (list, 0);
  g_assert_cmpstr (i->organisation, ==, "Pellana");
  g_assert_cmpint (i->category, ==, SG_INTEREST_SPEAKER_FEES);
  g_assert_true (i->has_amount);
  g_assert_cmpfloat (i->amount, ==, 1500);

  /* Export writes the same format, which imports again unchanged. */
  out = sg_interests_to_json_data (list);
  again = sg_interests_from_json_data (out, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((SgInterest *) g_ptr_array_index (again, 0))->products[0], ==, "GlucoTrack");
}

static void
test_json_errors (void)
{
  struct { const char *json; const char *needle; } cases[] = {
    { "[{\"organisation\": \"A\", \"category\": \"gifts\"}, {\"organisation\": \"B\", \"category\": \"bribes\"}]",
      "item 2: unknown category" },
    { "[{\"organisation\": \"A\", \"category\": \"gifts\", \"colour\": \"red\"}]", "unknown key" },
    { "[{\"category\": \"gifts\"}]", "organisation" },
    { "[{\"organisation\": \"A\", \"category\": \"gifts\", \"paid_to\": \"me\"}]", "paid_to" },
    { "[{\"organisation\": \"A\", \"category\": \"gifts\", \"amount\": \"lots\"}]", "amount" },
    { "[{\"organisation\": \"A\", \"category\": \"gifts\", \"amount\": -5}]", "amount" },
    { "[{\"organisation\": \"A\", \"category\": \"gifts\", \"amount\": 1e12}]", "amount" },
    /* Money is in pence: json-glib would write 3e-9 back as "3e-09.0" (found by fuzzing). */
    { "[{\"organisation\": \"A\", \"category\": \"gifts\", \"amount\": 3e-9}]", "decimal places" },
    { "[{\"organisation\": \"A\", \"category\": \"gifts\", \"amount\": 12.345}]", "decimal places" },
    { "{\"organisation\": \"A\"}", "list" },
    { "[{", "JSON" },
    /* Found by fuzzing the importer: each was a GLib critical, not a message. */
    { "", "list" },
    { "  \n", "list" },
    { "[{\"organisation\": \"A\", \"category\": [\"gifts\"]}]", "category" },
    { "[{\"organisation\": \"A\", \"category\": \"gifts\", \"paid_to\": [\"self\"]}]", "paid_to" },
    { "[{\"organisation\": \"A\", \"category\": \"gifts\", \"started\": \"2023-04- 1\"}]", "YYYY-MM-DD" },
    { "[{\"organisation\": \"A\", \"category\": \"gifts\", \"ended\": \"+2023-4-01\"}]", "YYYY-MM-DD" },
    /* A lone surrogate escape became bytes that are not UTF-8 (found by fuzzing: the export of
     * what was imported could not be read back). */
    { "[{\"organisation\": \"A\\ud800 B\", \"category\": \"gifts\"}]", "organisation" },
    /* In a list json-glib refuses it itself, quoting bytes that are not UTF-8 (made valid). */
    { "[{\"organisation\": \"A\", \"aliases\": [\"x\\ud800\"], \"category\": \"gifts\"}]",
      "Not valid JSON" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) list = sg_interests_from_json_data (cases[c].json, -1, &error);

      g_assert_null (list);
      g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT);
      if (strstr (error->message, cases[c].needle) == NULL)
        g_error ("case %u: “%s” lacks “%s”", c, error->message, cases[c].needle);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
}

static void
test_log_keeps_history (void)
{
  g_autoptr(GError) error = NULL;
  char *dir;
  SgStore *store = open_store (&dir);
  g_autoptr(SgInterest) i = make ("Pellana", SG_INTEREST_CONSULTANCY, "GlucoTrack");
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 id;

  id = sg_interest_register_add (store, i, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  i->id = id;
  g_free (i->notes);
  i->notes = g_strdup ("now chairing the board");
  g_assert_true (sg_interest_register_update (store, i, &error));
  g_assert_true (sg_interest_register_end (store, id, "2025-06-30", &error));

  /* An end before the start is refused and changes nothing. */
  g_assert_false (sg_interest_register_end (store, id, "2020-01-01", &error));
  g_clear_error (&error);

  /* Removal needs a reason, and leaves the history. */
  g_assert_false (sg_interest_register_remove (store, id, "", &error));
  g_clear_error (&error);
  g_assert_true (sg_interest_register_remove (store, id, "entered twice", &error));
  g_assert_no_error (error);

  /* A removed interest (another window still showing it) can be neither edited, ended nor
   * removed again; each refusal says so and, the change and its event being one
   * transaction, leaves no event in the log (the history below still holds four). */
  g_assert_false (sg_interest_register_update (store, i, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "That interest is not in the register any more.");
  g_clear_error (&error);
  g_assert_false (sg_interest_register_end (store, id, "2025-07-31", &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (sg_interest_register_remove (store, id, "again", &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  list = sg_interest_register_list (store, &error);
  g_assert_cmpuint (list->len, ==, 0);

  history = sg_interest_register_history (store, id, &error);
  g_assert_cmpuint (history->len, ==, 4);
  g_assert_cmpstr (((SgInterestEvent *) g_ptr_array_index (history, 0))->kind, ==, "added");
  g_assert_cmpstr (((SgInterestEvent *) g_ptr_array_index (history, 1))->kind, ==, "edited");
  g_assert_nonnull (strstr (((SgInterestEvent *) g_ptr_array_index (history, 1))->data,
                            "chairing"));
  g_assert_cmpstr (((SgInterestEvent *) g_ptr_array_index (history, 2))->kind, ==, "ended");
  g_assert_cmpstr (((SgInterestEvent *) g_ptr_array_index (history, 3))->reason, ==,
                   "entered twice");

  sg_test_store_close (store, dir);
}

static void
test_matching (void)
{
  g_autoptr(GPtrArray) interests = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_interest_free);
  g_autoptr(SgInterestMatcher) m = NULL;
  SgInterest *pellana = make ("Pellana", SG_INTEREST_CONSULTANCY, "GlucoTrack,Pellabin");
  SgInterest *ended = make ("Orvane", SG_INTEREST_SPEAKER_FEES, NULL);
  SgInterest *old = make ("Brixley", SG_INTEREST_GIFTS, NULL);

  g_strfreev (pellana->aliases);
  pellana->aliases = g_strsplit ("Pellana Pharma", ",", -1);
  ended->ended = g_strdup ("2025-01-31");
  old->ended = g_strdup ("2019-01-31");
  g_ptr_array_add (interests, pellana);
  g_ptr_array_add (interests, ended);
  g_ptr_array_add (interests, old);
  m = sg_interest_matcher_new (interests);

#define MATCHES(text) ({ g_autoptr(GPtrArray) r = sg_interest_matcher_match (m, text, -1, "2026-11-25", 36); r->len; })
  g_assert_cmpuint (MATCHES ("Loving my new glucotrack monitor"), ==, 1);   /* product, case */
  g_assert_cmpuint (MATCHES ("Thanks PELLANA PHARMA for lunch"), ==, 1);    /* alias */
  g_assert_cmpuint (MATCHES ("Pellanas are not a thing"), ==, 0);            /* boundaries */
  g_assert_cmpuint (MATCHES ("Spellana Ltd"), ==, 0);                         /* inside a word */
  g_assert_cmpuint (MATCHES ("Talk for Orvane last year"), ==, 1);           /* ended < 36 months */
  g_assert_cmpuint (MATCHES ("Brixley sent biscuits in 2018"), ==, 0);       /* ended long ago */
  g_assert_cmpuint (MATCHES ("Pellana and Orvane both"), ==, 2);
#undef MATCHES
}

static void
test_compose (void)
{
  g_autoptr(GPtrArray) interests = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_interest_free);
  g_autoptr(GError) error = NULL;
  const char * const *ids = sg_platform_list_ids ();
  SgInterest *inst;

  g_ptr_array_add (interests, make ("Pellana", SG_INTEREST_SPEAKER_FEES, NULL));
  g_ptr_array_add (interests, make ("Orvane", SG_INTEREST_SPEAKER_FEES, NULL));
  inst = make ("Brixley Foundation", SG_INTEREST_RESEARCH_FUNDING, NULL);
  inst->paid_to_institution = TRUE;
  g_ptr_array_add (interests, inst);

  {
    const SgPlatform *linkedin = sg_platform_lookup ("linkedin", NULL);
    SgDeclarationForm form;
    g_autofree char *d = sg_declaration_compose (interests, linkedin, "Short post.", NULL,
                                                 &form, &error);

    g_assert_no_error (error);
    g_assert_cmpint (form, ==, SG_DECLARATION_FULL);
    g_assert_cmpstr (d, ==, "Declaration of interests: I receive speaker fees from Pellana and "
                            "Orvane; I receive research funding from Brixley Foundation (paid to "
                            "my institution).");
  }

  /* Every platform: the post and its declaration fit, or the caller is told. */
  for (guint p = 0; ids[p] != NULL; p++)
    {
      const SgPlatform *platform = sg_platform_lookup (ids[p], NULL);
      g_autoptr(GString) post = g_string_new (NULL);

      for (guint len = 0; platform->limit == 0 ? len < 1 : len < platform->limit; len += 37)
        {
          SgDeclarationForm form;
          g_autofree char *d = NULL;
          g_autofree char *final = NULL;

          g_string_truncate (post, 0);
          for (guint k = 0; k < len; k++)
            g_string_append_c (post, 'a' + (k % 26));
          d = sg_declaration_compose (interests, platform, post->str, "https://example.org/doi",
                                      &form, &error);
          g_assert_no_error (error);
          g_assert_nonnull (d);
          final = g_strconcat (post->str, "\n\n", d, NULL);
          if (form != SG_DECLARATION_DOES_NOT_FIT && platform->limit > 0)
            g_assert_cmpuint (sg_length_count (platform, final, -1), <=, platform->limit);
          if (form == SG_DECLARATION_DOES_NOT_FIT)
            g_assert_cmpuint (sg_length_count (platform, final, -1), >, platform->limit);
        }
    }
}

/* socialguard-check --declare --db PATH prints the post with its declaration. */
static void
test_check_declare (void)
{
  const char *check = g_getenv ("SG_CHECK");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgInterest) i = make ("Pellana", SG_INTEREST_CONSULTANCY, "GlucoTrack");
  g_autoptr(GSubprocess) proc = NULL;
  g_autofree char *out = NULL;
  char *dir;
  SgStore *store = open_store (&dir);
  g_autofree char *path = g_strdup (sg_store_get_path (store));

  g_assert_nonnull (check);
  g_assert_cmpint (sg_interest_register_add (store, i, &error), >, 0);

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                           &error, check, "--declare", "--platform=linkedin", "--db", path, "-",
                           NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, "Loving the new glucotrack monitor.\n", NULL, &out, NULL,
                                 &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
  g_assert_cmpstr (out, ==, "Loving the new glucotrack monitor.\n\n"
                            "Declaration of interests: I am a paid consultant or adviser to "
                            "Pellana.\n");

  /* Empty standard input is an empty post, not a missing one (found by fuzzing: it was a
   * GLib critical, fatal here as G_DEBUG is fatal-warnings). */
  {
    g_autoptr(GSubprocess) empty = NULL;
    g_autofree char *empty_out = NULL;

    empty = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                              &error, check, "--declare", "--db", path, "-", NULL);
    g_assert_no_error (error);
    g_subprocess_communicate_utf8 (empty, "", NULL, &empty_out, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_get_if_exited (empty));
    g_assert_cmpint (g_subprocess_get_exit_status (empty), ==, 0);
    g_assert_cmpstr (empty_out, ==, "\n");
  }

  /* A NUL byte is text: what follows it is written back and still matched (it used to end
   * the post there, dropping the rest and its declaration). */
  {
    g_autoptr(GSubprocess) nul = NULL;
    g_autoptr(GBytes) in = g_bytes_new_static ("Loving\0 the new glucotrack monitor.\n", 36);
    g_autoptr(GBytes) got = NULL;
    static const char want[] = "Loving\0 the new glucotrack monitor.\n\n"
                               "Declaration of interests: I am a paid consultant or adviser to "
                               "Pellana.\n";
    gsize n;
    const char *data;

    nul = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                            &error, check, "--declare", "--platform=linkedin", "--db", path, "-",
                            NULL);
    g_assert_no_error (error);
    g_subprocess_communicate (nul, in, NULL, &got, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (g_subprocess_get_exit_status (nul), ==, 0);
    data = g_bytes_get_data (got, &n);
    g_assert_cmpmem (data, n, want, sizeof want - 1);
  }

  /* One post is read whole, so a file (or a stream) of more than 16 MB is refused. */
  {
    g_autoptr(GSubprocess) big = NULL;
    g_autofree char *err = NULL;
    g_autofree char *file = g_build_filename (dir, "huge.txt", NULL);
    gsize n = 17 * 1024 * 1024;
    g_autofree char *text = g_malloc (n);

    memset (text, 'a', n);
    g_assert_true (g_file_set_contents (file, text, n, NULL));
    big = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                            &error, check, "--declare", "--db", path, file, NULL);
    g_assert_no_error (error);
    g_subprocess_communicate_utf8 (big, NULL, NULL, NULL, &err, &error);
    g_assert_no_error (error);
    g_assert_cmpint (g_subprocess_get_exit_status (big), ==, 2);
    g_assert_nonnull (strstr (err, "16 MB"));
    g_unlink (file);
  }

  sg_test_store_close (store, dir);
}

static void
test_csv (void)
{
  const char *good =
    "organisation,aliases,products,category,paid_to,amount,currency,started,ended,notes\n"
    "Pellana,Pellana Pharma,GlucoTrack;Pellabin,speaker-fees,self,1500,GBP,2024-03-01,,"
    "\"two talks, one \"\"keynote\"\"\"\n"
    "\n"
    "Orvane,,,gifts,institution,,,2024-01-01,2024-06-30,\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = sg_interests_from_csv_data (good, -1, &error);
  g_autofree char *csv = NULL;
  g_autoptr(GPtrArray) again = NULL;
  SgInterest *first;

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  first = g_ptr_array_index (list, 0);
  g_assert_cmpstr (first->products[1], ==, "Pellabin");
  g_assert_cmpstr (first->notes, ==, "two talks, one \"keynote\"");
  g_assert_true (((SgInterest *) g_ptr_array_index (list, 1))->paid_to_institution);

  csv = sg_interests_to_csv_data (list);
  again = sg_interests_from_csv_data (csv, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((SgInterest *) g_ptr_array_index (again, 0))->notes, ==, first->notes);

  /* A ";" or a backslash inside one alias or product survives export and import (a ";"
   * used to split it in two). */
  {
    g_autoptr(GPtrArray) odd = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_interest_free);
    SgInterest *in = make ("Smith; Jones Ltd", SG_INTEREST_CONSULTANCY, NULL);
    g_autoptr(GPtrArray) back = NULL;
    g_autofree char *text = NULL;
    SgInterest *out;

    g_strfreev (in->aliases);
    in->aliases = g_strsplit ("Smith; Jones|S\\J\\|back\\slash;", "|", -1);
    g_strfreev (in->products);
    in->products = g_strsplit ("Kit A;B", "|", -1);
    g_ptr_array_add (odd, in);
    text = sg_interests_to_csv_data (odd);
    back = sg_interests_from_csv_data (text, -1, &error);
    g_assert_no_error (error);
    out = g_ptr_array_index (back, 0);
    g_assert_cmpstr (out->organisation, ==, "Smith; Jones Ltd");
    g_assert_cmpuint (g_strv_length (out->aliases), ==, 3);
    g_assert_cmpstr (out->aliases[0], ==, "Smith; Jones");
    g_assert_cmpstr (out->aliases[1], ==, "S\\J\\");
    g_assert_cmpstr (out->aliases[2], ==, "back\\slash;");
    g_assert_cmpuint (g_strv_length (out->products), ==, 1);
    g_assert_cmpstr (out->products[0], ==, "Kit A;B");
  }
  /* A backslash before anything else is kept, as older files wrote it. */
  {
    g_autoptr(GPtrArray) old = sg_interests_from_csv_data (
      "organisation,aliases,category\nA,C:\\Users;B,gifts\n", -1, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (((SgInterest *) g_ptr_array_index (old, 0))->aliases[0], ==, "C:\\Users");
    g_assert_cmpstr (((SgInterest *) g_ptr_array_index (old, 0))->aliases[1], ==, "B");
  }

  /* Errors name the line; nothing is returned. */
  {
    struct { const char *csv; const char *needle; } cases[] = {
      { "organisation,category\nA,gifts\nB,bribes\n", "line 3: unknown category" },
      { "organisation,colour\nA,red\n", "line 1: unknown column" },
      { "organisation,category\nA,gifts,extra\n", "line 2: 3 fields" },
      { "organisation,category,amount\nA,gifts,lots\n", "line 2: “amount”" },
      { "organisation,category,amount\nA,gifts,nan\n", "line 2: “amount”" },
      { "organisation,category,amount\nA,gifts,1e309\n", "line 2: “amount”" },
      { "organisation,category\n\"A,gifts\n", "not closed" },
      { "organisation,category,started\nA,gifts,2023-04- 1\n", "YYYY-MM-DD" },
    };

    for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
      {
        g_autoptr(GError) e = NULL;
        g_autoptr(GPtrArray) bad = sg_interests_from_csv_data (cases[c].csv, -1, &e);

        g_assert_null (bad);
        if (e == NULL || strstr (e->message, cases[c].needle) == NULL)
          g_error ("case %u: “%s” lacks “%s”", c, e ? e->message : "(none)", cases[c].needle);
      }
  }
}

static void
test_html (void)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_interest_free);
  g_autofree char *html = NULL;

  g_ptr_array_add (list, make ("Smith & <Jones>", SG_INTEREST_SHARES, "Pill<1>"));
  html = sg_interests_to_html (list, "Dr Asha Patel", "2026-11-25");
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (html, "Smith &amp; &lt;Jones&gt;"));
  g_assert_nonnull (strstr (html, "Pill&lt;1&gt;"));
  g_assert_nonnull (strstr (html, "Shares or ownership"));
  g_assert_null (strstr (html, "<Jones>"));
}

/* socialguard --import-interests works without a display and is all or nothing. */
static void
test_import_command (void)
{
  const char *app = g_getenv ("SG_APP");
  g_autoptr(GError) error = NULL;
  g_autofree char *home = g_dir_make_tmp ("sg-import-XXXXXX", &error);
  g_autofree char *bad = g_build_filename (home, "bad.json", NULL);
  g_autofree char *good = g_build_filename (home, "good.json", NULL);
  g_autofree char *db = g_build_filename (home, "socialguard", "socialguard.db", NULL);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) p1 = NULL;
  g_autoptr(GSubprocess) p2 = NULL;
  g_autoptr(SgStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;

  g_assert_nonnull (app);
  g_file_set_contents (bad, "[{\"organisation\": \"A\", \"category\": \"gifts\"},"
                            " {\"organisation\": \"B\", \"category\": \"bribes\"}]", -1, NULL);
  g_file_set_contents (good, "[{\"organisation\": \"A\", \"category\": \"gifts\"},"
                             " {\"organisation\": \"B\", \"category\": \"shares\"}]", -1, NULL);

  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", home, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");

  p1 = g_subprocess_launcher_spawn (launcher, &error, app, "--import-interests", bad, NULL);
  g_assert_true (g_subprocess_wait (p1, NULL, &error));
  g_assert_cmpint (g_subprocess_get_exit_status (p1), ==, 2);

  p2 = g_subprocess_launcher_spawn (launcher, &error, app, "--import-interests", good, NULL);
  g_assert_true (g_subprocess_wait (p2, NULL, &error));
  g_assert_cmpint (g_subprocess_get_exit_status (p2), ==, 0);

  store = sg_store_open (db, SG_STORE_OPEN_NO_BACKUP, NULL, &error);
  g_assert_no_error (error);
  list = sg_interest_register_list (store, &error);
  /* Only the good file's two: the bad file added nothing. */
  g_assert_cmpuint (list->len, ==, 2);
}

/* The policy of sg_declaration_for_post: what the post names, or all active interests if
 * asked; "nothing to declare" only where a professional audience expects it, only if asked,
 * and never under an empty post. */
static void
test_declaration_for_post (void)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_interest_free);
  g_autoptr(SgInterestMatcher) matcher = NULL;
  const SgPlatform *x = sg_platform_lookup ("x", NULL);
  const SgPlatform *linkedin = sg_platform_lookup ("linkedin", NULL);
  SgDeclarationOptions options = { .today = "2024-06-01", .window_months = 36 };
  struct {
    const SgPlatform *platform;
    const char *post;
    gboolean all, nothing;
    const char *want;   /* a part of the declaration, or NULL for none */
  } cases[] = {
    { linkedin, "Loving the new GlucoTrack", FALSE, FALSE, "consultant or adviser to Pellana" },
    { linkedin, "Thoughts on the new contract", FALSE, FALSE, NULL },
    { linkedin, "Thoughts on the new contract", FALSE, TRUE, "nothing to declare" },
    { x, "Thoughts on the new contract", FALSE, TRUE, NULL },
    { linkedin, "  \n ", FALSE, TRUE, NULL },
    { x, "Thoughts on the new contract", TRUE, FALSE, "Pellana" },
  };

  g_ptr_array_add (list, make ("Pellana", SG_INTEREST_CONSULTANCY, "GlucoTrack"));
  matcher = sg_interest_matcher_new (list);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) relevant = NULL;
      g_autofree char *got = NULL;
      SgDeclarationForm form;

      options.declare_all = cases[c].all;
      options.declare_nothing = cases[c].nothing;
      got = sg_declaration_for_post (matcher, cases[c].post, cases[c].platform, &options,
                                     &relevant, &form, &error);
      g_assert_no_error (error);
      g_assert_nonnull (relevant);
      if (cases[c].want == NULL ? got != NULL : (got == NULL || strstr (got, cases[c].want) == NULL))
        g_error ("case %u: got “%s”, wanted “%s”", c, got ? got : "(none)",
                 cases[c].want ? cases[c].want : "(none)");
    }
}

/* Dates typed day first, as in the UK, are understood (issue 20, "also expected"). */
static void
test_date_from_user (void)
{
  struct { const char *typed; const char *want; } cases[] = {
    { "12/09/2024", "2024-09-12" }, { " 1/2/2024 ", "2024-02-01" }, { "12.9.2024", "2024-09-12" },
    { "29/02/2024", "2024-02-29" }, { "2024-09-12", "2024-09-12" },
    { "31/02/2024", "31/02/2024" },   /* not a date: left for validation to refuse */
    { "09/13/2024", "09/13/2024" },   /* US order is not guessed at */
    { "", NULL }, { "  ", NULL },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *got = sg_interest_date_from_user (cases[c].typed);
      g_assert_cmpstr (got, ==, cases[c].want);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sg/interests/validate", test_validate);
  g_test_add_func ("/sg/interests/json-exchange", test_json_exchange);
  g_test_add_func ("/sg/interests/json-errors", test_json_errors);
  g_test_add_func ("/sg/interests/log-keeps-history", test_log_keeps_history);
  g_test_add_func ("/sg/interests/matching", test_matching);
  g_test_add_func ("/sg/interests/compose", test_compose);
  g_test_add_func ("/sg/interests/check-declare", test_check_declare);
  g_test_add_func ("/sg/interests/declaration-for-post", test_declaration_for_post);
  g_test_add_func ("/sg/interests/date-from-user", test_date_from_user);
  g_test_add_func ("/sg/interests/csv", test_csv);
  g_test_add_func ("/sg/interests/html", test_html);
  g_test_add_func ("/sg/interests/import-command", test_import_command);
  return g_test_run ();
}
