/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The loaders of data/ look what a user reads up in the app's translations: a small catalogue
 * compiled here translates one string of each kind, and the rule pack, a checklist, the
 * platform list and the declarations come back in that language while ids stay as they are. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "sg-checklist.h"
#include "sg-finding.h"
#include "sg-interest-register.h"
#include "sg-platform.h"
#include "sg-rule-pack.h"

/* Not real Welsh: marked strings, so a test can tell a translation from the English. */
static const char catalogue[] =
  "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
  "msgid \"NHS, CHI or H&C number\"\nmsgstr \"[cy] rhif GIG\"\n\n"
  "msgid \"Replace with [removed]\"\nmsgstr \"[cy] Rhoi [wedi'i dynnu] yn ei le\"\n\n"
  "msgid \"GMC social media 2024\"\nmsgstr \"[cy] GMC cyfryngau cymdeithasol 2024\"\n\n"
  "msgid \"Who can see your profile details\"\nmsgstr \"[cy] Pwy sy'n gweld manylion eich proffil\"\n\n"
  "msgid \"WhatsApp group\"\nmsgstr \"[cy] Grŵp WhatsApp\"\n\n"
  "msgctxt \"declaration\"\nmsgid \"Declaration of interests: I have nothing to declare.\"\n"
  "msgstr \"[cy] Datganiad o fuddiannau: dim i'w ddatgan.\"\n\n";

static char *localedir;

static void
compile_catalogue (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *po = NULL;
  g_autofree char *mo = NULL;
  int status = 0;

  localedir = g_dir_make_tmp ("sg-locale-XXXXXX", &error);
  g_assert_no_error (error);
  dir = g_build_filename (localedir, "cy", "LC_MESSAGES", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  po = g_build_filename (localedir, "cy.po", NULL);
  mo = g_build_filename (dir, GETTEXT_PACKAGE ".mo", NULL);
  g_file_set_contents (po, catalogue, -1, &error);
  g_assert_no_error (error);
  g_spawn_sync (NULL, (char *[]) { (char *) "msgfmt", (char *) "-o", mo, po, NULL }, NULL,
                G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
test_rule_pack (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgRulePack) pack = sg_rule_pack_load ("default", &error);
  const SgRule *rule;
  GArray *fixes;
  gboolean found = FALSE;

  g_assert_no_error (error);
  rule = sg_rule_pack_find_rule (pack, "confidentiality.nhs-number");
  g_assert_nonnull (rule);
  g_assert_cmpstr (sg_rule_get_title (rule), ==, "[cy] rhif GIG");
  /* Not in the catalogue: stays English rather than blank. */
  g_assert_true (g_str_has_prefix (sg_rule_get_message (rule), "This looks like"));
  fixes = sg_rule_get_fixes (rule);
  g_assert_cmpstr (g_array_index (fixes, SgFix, 0).label, ==, "[cy] Rhoi [wedi'i dynnu] yn ei le");
  g_assert_cmpstr (g_array_index (fixes, SgFix, 0).kind, ==, "redact");

  for (guint i = 0; i < sg_rule_pack_get_n_sources (pack); i++)
    {
      const SgSource *s = sg_rule_pack_get_source (pack, i);

      if (g_str_equal (s->id, "gmc-sm-2024"))
        {
          g_assert_cmpstr (s->short_title, ==, "[cy] GMC cyfryngau cymdeithasol 2024");
          found = TRUE;
        }
    }
  g_assert_true (found);
}

static void
test_checklist (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgChecklist) list = sg_checklist_load ("facebook", &error);
  SgChecklistItem *item;

  g_assert_no_error (error);
  item = g_ptr_array_index (list->items, 0);
  g_assert_cmpstr (item->id, ==, "facebook.profile-details");
  g_assert_cmpstr (item->title, ==, "[cy] Pwy sy'n gweld manylion eich proffil");
  g_assert_cmpstr (list->platform, ==, "facebook");
}

static void
test_platform (void)
{
  const SgPlatform *p = sg_platform_lookup ("whatsapp", NULL);

  g_assert_nonnull (p);
  g_assert_cmpstr (p->name, ==, "[cy] Grŵp WhatsApp");
  g_assert_cmpstr (sg_platform_lookup ("mastodon", NULL)->name, ==, "Mastodon");
}

static void
test_declaration (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *nothing = sg_declaration_nothing (&error);

  g_assert_no_error (error);
  g_assert_cmpstr (nothing, ==, "[cy] Datganiad o fuddiannau: dim i'w ddatgan.");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  compile_catalogue ();
  /* LANGUAGE is ignored in the "C" locale, not in C.UTF-8, the one every test machine has. */
  g_setenv ("LANGUAGE", "cy", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/data-translation/rule-pack", test_rule_pack);
  g_test_add_func ("/data-translation/checklist", test_checklist);
  g_test_add_func ("/data-translation/platform", test_platform);
  g_test_add_func ("/data-translation/declaration", test_declaration);
  ret = g_test_run ();

  /* The catalogue is this test's own: remove it and the folders it made. */
  {
    g_autofree char *dir = g_build_filename (localedir, "cy", "LC_MESSAGES", NULL);
    g_autofree char *mo = g_build_filename (dir, GETTEXT_PACKAGE ".mo", NULL);
    g_autofree char *cy = g_build_filename (localedir, "cy", NULL);
    g_autofree char *po = g_build_filename (localedir, "cy.po", NULL);

    g_unlink (mo);
    g_rmdir (dir);
    g_rmdir (cy);
    g_unlink (po);
    g_rmdir (localedir);
  }
  return ret;
}
