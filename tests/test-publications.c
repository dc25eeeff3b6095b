/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sg-publications.h"
#include "sg-test-store.h"

static void
test_log_and_list (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = NULL;
  SgStore *store = sg_test_store_open ("sg-pub", &dir);
  g_autoptr(GPtrArray) acks = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_acknowledgement_free);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autofree char *html = NULL;
  SgAcknowledgement *ack = g_new0 (SgAcknowledgement, 1);
  SgPublication *p;

  g_assert_no_error (error);
  ack->rule_id = g_strdup ("confidentiality.identifiability");
  ack->match = g_strdup ("Kendal");
  ack->reason = g_strdup ("patient & family gave written consent");
  g_ptr_array_add (acks, ack);

  g_assert_cmpint (sg_publications_log (store, -1, "x", "copy", "First <post>", NULL, "done", acks,
                                        NULL, &error), >, 0);
  g_assert_cmpint (sg_publications_log (store, -1, "linkedin", "share", "Second post",
                                        "Declaration of interests: none.", "done", NULL, NULL, &error), >, 0);
  g_assert_no_error (error);

  all = sg_publications_list (store, NULL, &error);
  g_assert_cmpuint (all->len, ==, 2);
  p = g_ptr_array_index (all, 1);
  g_assert_cmpstr (p->final_text, ==, "First <post>");
  g_assert_nonnull (strstr (p->acknowledged, "written consent"));
  g_assert_cmpstr (((SgPublication *) g_ptr_array_index (all, 0))->declaration, ==,
                   "Declaration of interests: none.");

  found = sg_publications_list (store, "second", &error);
  g_assert_cmpuint (found->len, ==, 1);
  none = sg_publications_list (store, "nothing like this", &error);
  g_assert_cmpuint (none->len, ==, 0);

  html = sg_publications_to_html (all);
  g_assert_nonnull (strstr (html, "First &lt;post&gt;"));
  g_assert_nonnull (strstr (html, "patient &amp; family"));
  sg_test_store_close (store, dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sg/publications/log-and-list", test_log_and_list);
  return g_test_run ();
}
