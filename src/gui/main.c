/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "sg-application.h"
#include "sg-interest-io.h"
#include "sg-interest-register.h"

/* socialguard --import-interests FILE: no window, no display needed; the same validation as
 * the app, all or nothing. */
static int
import_interests (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) interests = NULL;
  g_autoptr(SgStore) store = NULL;
  g_autofree char *db = sg_store_get_default_path ();

  interests = sg_interests_load_file (path, &error);
  if (interests == NULL)
    {
      g_printerr ("%s: %s\n", path, error->message);
      g_printerr ("%s\n", _("Nothing was imported."));
      return 2;
    }

  store = sg_store_open (db, SG_STORE_OPEN_DEFAULT, NULL, &error);
  if (store == NULL || !sg_interest_register_import (store, interests, &error))
    {
      g_printerr ("%s\n%s\n", error->message, _("Nothing was imported."));
      return 2;
    }

  g_print (ngettext ("Imported %u interest into your register.\n",
                     "Imported %u interests into your register.\n", interests->len),
           interests->len);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SgApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc >= 2 && g_str_equal (argv[1], "--import-interests"))
    {
      if (argc != 3)
        {
          g_printerr ("%s\n", _("Usage: socialguard --import-interests FILE.json|FILE.csv"));
          return 2;
        }
      return import_interests (argv[2]);
    }

  app = sg_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
