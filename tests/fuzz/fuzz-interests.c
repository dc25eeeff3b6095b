/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the interests importer. Every input is read both as JSON
 * (sg_interests_from_json_data) and as CSV (sg_interests_from_csv_data), from a buffer that
 * is not NUL-terminated. A refusal must come with an SG_ERROR; what is accepted must pass
 * sg_interest_validate(), and export (JSON, CSV, HTML) then import must give it back:
 *
 *   to JSON                     the same interests
 *   to CSV                      the same, but aliases and products as CSV reads them (each
 *                               trimmed, empty ones dropped; a ";" inside one is escaped, so
 *                               a JSON alias "A; B" comes back as one)
 *
 * A date accepted that is not written YYYY-MM-DD, and each distinct GLib critical or warning,
 * is noted once (a "NOTE" line, and the input saved as note-HASH in $FUZZ_NOTE_DIR), not fatal.
 * Build and run with tests/fuzz/run-fuzz.sh 600 interests. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "sg-error.h"
#include "sg-interest.h"
#include "sg-interest-io.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* CSV's reading of a list: the fields are joined with ";" on export. */
static GStrv
as_csv_list (GStrv list)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    {
      g_autofree char *item = g_strstrip (g_strdup (list[i]));

      if (*item != '\0')
        g_strv_builder_add (b, item);
    }
  return g_strv_builder_end (b);
}

static gboolean
strv_equal (GStrv a,
            GStrv b,
            gboolean csv)
{
  g_auto(GStrv) na = csv ? as_csv_list (a) : g_strdupv (a);

  return g_strv_equal ((const char * const *) na, (const char * const *) b);
}

static void
assert_same (GPtrArray  *a,
             GPtrArray  *b,
             gboolean    csv,
             const char *what)
{
  if (a->len != b->len)
    g_error ("%s: %u interests read back as %u", what, a->len, b->len);

  for (guint i = 0; i < a->len; i++)
    {
      const SgInterest *x = g_ptr_array_index (a, i);
      const SgInterest *y = g_ptr_array_index (b, i);

      if (g_strcmp0 (x->organisation, y->organisation) != 0 ||
          !strv_equal (x->aliases, y->aliases, csv) ||
          !strv_equal (x->products, y->products, csv) ||
          x->category != y->category ||
          x->paid_to_institution != y->paid_to_institution ||
          x->has_amount != y->has_amount ||
          (x->has_amount && x->amount != y->amount) ||
          g_strcmp0 (x->currency, y->currency) != 0 ||
          g_strcmp0 (x->started, y->started) != 0 ||
          g_strcmp0 (x->ended, y->ended) != 0 ||
          g_strcmp0 (x->notes ? x->notes : "", y->notes ? y->notes : "") != 0)
        {
          g_autoptr(JsonNode) nx = sg_interest_to_json (x);
          g_autoptr(JsonNode) ny = sg_interest_to_json (y);
          g_autofree char *sx = json_to_string (nx, FALSE);
          g_autofree char *sy = json_to_string (ny, FALSE);

          g_error ("%s: item %u changed:\n  %s\n  %s", what, i + 1, sx, sy);
        }
    }
}

static gboolean
is_yyyy_mm_dd (const char *s)
{
  if (s == NULL)
    return TRUE;
  for (guint i = 0; i < 10; i++)
    if (i == 4 || i == 7 ? s[i] != '-' : !g_ascii_isdigit (s[i]))
      return FALSE;
  return s[10] == '\0';
}

static const uint8_t *input;
static size_t input_size;

static void
note_once (const char *what)
{
  static GHashTable *seen;
  const char *note_dir = g_getenv ("FUZZ_NOTE_DIR");
  g_autofree char *path = NULL;

  if (seen == NULL)
    seen = g_hash_table_new (g_str_hash, g_str_equal);
  if (g_hash_table_contains (seen, what))
    return;
  g_hash_table_add (seen, g_strdup (what));
  if (note_dir != NULL && *note_dir != '\0')
    {
      /* Named by the message, so that fork=1's children (each noting anew) keep the first. */
      g_autofree char *about = NULL;

      path = g_strdup_printf ("%s/note-%08x", note_dir, g_str_hash (what));
      about = g_strconcat (path, ".txt", NULL);
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_file_set_contents (path, (const char *) input, input_size, NULL);
          g_file_set_contents (about, what, -1, NULL);
        }
    }
  fprintf (stderr, "NOTE %s (input: %s)\n", what, path ? path : "not saved");
}

static void
log_handler (const char     *domain,
             GLogLevelFlags  level,
             const char     *message,
             gpointer        user_data)
{
  g_autofree char *what = NULL;

  if (level & G_LOG_LEVEL_ERROR)
    fprintf (stderr, "ERROR: %s\n", message);   /* then GLib aborts */
  else if (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      what = g_strdup_printf ("%s %s: %s", level & G_LOG_LEVEL_CRITICAL ? "CRITICAL" : "WARNING",
                              domain ? domain : "", message);
      note_once (what);
    }
}

static GPtrArray *
read_back (GPtrArray  *interests,
           gboolean    to_csv,
           const char *what)
{
  g_autofree char *text = to_csv ? sg_interests_to_csv_data (interests)
                                 : sg_interests_to_json_data (interests);
  g_autoptr(GError) error = NULL;
  GPtrArray *back = to_csv ? sg_interests_from_csv_data (text, -1, &error)
                           : sg_interests_from_json_data (text, -1, &error);

  if (back == NULL)
    g_error ("%s: the export is refused: %s\n%s", what, error->message, text);
  return back;
}

static void
check (GPtrArray *interests,
       GError    *error,
       gboolean   csv)
{
  g_autoptr(GPtrArray) json_back = NULL;
  g_autoptr(GPtrArray) csv_back = NULL;
  g_autofree char *html = NULL;

  if (interests == NULL)
    {
      g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT);
      g_assert_nonnull (error->message);
      return;
    }
  g_assert_no_error (error);

  for (guint i = 0; i < interests->len; i++)
    {
      const SgInterest *in = g_ptr_array_index (interests, i);
      g_autoptr(GError) invalid = NULL;

      if (!sg_interest_validate (in, &invalid))
        g_error ("item %u was imported but is not valid: %s", i + 1, invalid->message);
      if (!is_yyyy_mm_dd (in->started) || !is_yyyy_mm_dd (in->ended))
        note_once (csv ? "CSV: a date accepted that is not YYYY-MM-DD"
                       : "JSON: a date accepted that is not YYYY-MM-DD");
    }

  json_back = read_back (interests, FALSE, csv ? "CSV to JSON" : "JSON to JSON");
  assert_same (interests, json_back, FALSE, csv ? "CSV to JSON" : "JSON to JSON");
  csv_back = read_back (interests, TRUE, csv ? "CSV to CSV" : "JSON to CSV");
  assert_same (interests, csv_back, TRUE, csv ? "CSV to CSV" : "JSON to CSV");
  html = sg_interests_to_html (interests, "Dr <Test>", "2024-06-01");
  g_assert_nonnull (html);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static gboolean started;
  const char *text = (const char *) data;
  GPtrArray *interests;
  GError *error = NULL;

  if (!started)
    g_log_set_default_handler (log_handler, NULL);
  started = TRUE;
  input = data;
  input_size = size;

  interests = sg_interests_from_json_data (text, size, &error);
  check (interests, error, FALSE);
  g_clear_pointer (&interests, g_ptr_array_unref);
  g_clear_error (&error);

  interests = sg_interests_from_csv_data (text, size, &error);
  check (interests, error, TRUE);
  g_clear_pointer (&interests, g_ptr_array_unref);
  g_clear_error (&error);
  return 0;
}
