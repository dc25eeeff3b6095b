/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "sg-test-store.h"
#include "sg-drafts.h"

static SgStore *
open_store (char **dir_out)
{
  return sg_test_store_open ("sg-drafts", dir_out);
}

static void
test_create_save_load (void)
{
  g_autoptr(GError) error = NULL;
  char *dir;
  SgStore *store = open_store (&dir);
  SgDraft draft = { 0 };
  g_autoptr(SgDraft) loaded = NULL;
  g_autoptr(SgDraft) latest = NULL;
  gint64 first, second;

  g_assert_null (sg_drafts_load_latest (store, &error));
  g_assert_no_error (error);

  first = sg_drafts_create (store, "mastodon", &error);
  second = sg_drafts_create (store, "x", &error);
  g_assert_no_error (error);
  g_assert_cmpint (first, >, 0);
  g_assert_cmpint (second, >, first);

  draft.id = first;
  draft.title = (char *) "Clinic thoughts";
  draft.body = (char *) "Ünïcode 💙 and\nnew lines";
  draft.platform = (char *) "bluesky";
  g_assert_true (sg_drafts_save (store, &draft, &error));
  g_assert_no_error (error);

  loaded = sg_drafts_load (store, first, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->body, ==, draft.body);
  g_assert_cmpstr (loaded->platform, ==, "bluesky");
  g_assert_cmpstr (loaded->title, ==, "Clinic thoughts");

  /* The last one saved is the one that reopens. */
  latest = sg_drafts_load_latest (store, &error);
  g_assert_true (latest->id == first || latest->id == second);

  sg_test_store_close (store, dir);
}

static void
test_delete_and_undo (void)
{
  g_autoptr(GError) error = NULL;
  char *dir;
  SgStore *store = open_store (&dir);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) deleted = NULL;
  g_autoptr(GPtrArray) restored = NULL;
  gint64 id = sg_drafts_create (store, "x", &error);

  before = sg_drafts_list (store, &error);
  g_assert_cmpuint (before->len, ==, 1);
  g_assert_true (sg_drafts_set_deleted (store, id, TRUE, &error));
  deleted = sg_drafts_list (store, &error);
  g_assert_cmpuint (deleted->len, ==, 0);
  g_assert_true (sg_drafts_set_deleted (store, id, FALSE, &error));
  restored = sg_drafts_list (store, &error);
  g_assert_cmpuint (restored->len, ==, 1);
  g_assert_no_error (error);

  sg_test_store_close (store, dir);
}

static void
test_ignores (void)
{
  g_autoptr(GError) error = NULL;
  char *dir;
  SgStore *store = open_store (&dir);
  gint64 id = sg_drafts_create (store, "x", &error);
  g_auto(GStrv) ignores = NULL;

  g_assert_true (sg_drafts_add_ignore (store, id, "respect.derogatory-language", "muppet", &error));
  g_assert_true (sg_drafts_add_ignore (store, id, "respect.derogatory-language", "muppet", &error));
  g_assert_no_error (error);
  ignores = sg_drafts_list_ignores (store, id, &error);
  g_assert_cmpuint (g_strv_length (ignores), ==, 1);
  g_assert_cmpstr (ignores[0], ==, "respect.derogatory-language\x1fmuppet");

  sg_test_store_close (store, dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sg/drafts/create-save-load", test_create_save_load);
  g_test_add_func ("/sg/drafts/delete-and-undo", test_delete_and_undo);
  g_test_add_func ("/sg/drafts/ignores", test_ignores);
  return g_test_run ();
}
