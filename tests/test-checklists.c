/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <unistd.h>

#include "sg-checklist.h"
#include "sg-error.h"

static const char * const platforms[] = {
  "facebook", "instagram", "x", "linkedin", "tiktok", "threads", "bluesky", "mastodon",
  "youtube", "whatsapp", "reddit", "general", NULL
};

static void
test_catalogue (void)
{
  for (guint p = 0; platforms[p] != NULL; p++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SgChecklist) list = sg_checklist_load (platforms[p], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (list->platform, ==, platforms[p]);
      g_assert_cmpuint (list->items->len, >=, 8);

      for (guint i = 0; i < list->items->len; i++)
        {
          SgChecklistItem *item = g_ptr_array_index (list->items, i);
          g_assert_cmpuint (strlen (item->why), >, 30);
          g_assert_true (item->settings_url == NULL ||
                         g_str_has_prefix (item->settings_url, "https://"));
        }
    }
}

/* The general checklist covers every topic the guidance asks about. */
static void
test_general_covers_topics (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgChecklist) list = sg_checklist_load ("general", &error);
  const char * const *topics = sg_checklist_topics ();

  g_assert_no_error (error);
  for (guint t = 0; topics[t] != NULL; t++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < list->items->len; i++)
        found |= g_str_equal (((SgChecklistItem *) g_ptr_array_index (list->items, i))->topic,
                              topics[t]);
      if (!found)
        g_error ("general checklist lacks topic %s", topics[t]);
    }
}

static void
assert_refused (const char *json,
                const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("sg-checklist-XXXXXX.json", &path, &error);
  g_autoptr(SgChecklist) list = NULL;

  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, json, -1, NULL);
  list = sg_checklist_load_file (path, &error);
  g_assert_null (list);
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_RULES);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” lacks “%s”", error->message, needle);
  g_unlink (path);
}

#define ITEM(extra) \
  "{\"platform\": \"x\", \"name\": \"X\", \"items\": [{\"id\": \"x.a\", \"topic\": \"audience\", " \
  "\"title\": \"T\", \"why\": \"W\", \"conservative\": \"C\", \"settings_url\": null, " \
  "\"steps\": [\"one\", \"two\"], " extra "}]}"

static void
test_refuses_bad_files (void)
{
  assert_refused (ITEM ("\"citations\": []"), "item 1: needs one to three citations");
  assert_refused (ITEM ("\"citations\": [{\"source\": \"gmc-1999\", \"paragraph\": \"8\"}]"),
                  "known source");
  assert_refused (ITEM ("\"citations\": [{\"source\": \"gmc-2013\", \"paragraph\": \"8\"}], "
                        "\"colour\": \"red\""), "unknown key");
  assert_refused ("{\"platform\": \"x\"", "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sg/checklists/catalogue", test_catalogue);
  g_test_add_func ("/sg/checklists/general-covers-topics", test_general_covers_topics);
  g_test_add_func ("/sg/checklists/refuses-bad-files", test_refuses_bad_files);
  return g_test_run ();
}
