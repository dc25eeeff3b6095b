/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "sg-application.h"
#include "sg-interest-io.h"
#include "sg-interest-register.h"
#include "sg-reminders.h"

static void
reminder_activate_cb (GApplication *app)
{
}

/* socialguard --check-reminders, run at login by the autostart entry: sends one desktop
 * notification if a privacy review is due, then exits. Nothing is sent when nothing is due
 * or when the user turned reminders off. */
static int
check_reminders (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;
  g_autoptr(GSettings) settings = schema ? g_settings_new (APP_ID) : NULL;
  g_autofree char *db = sg_store_get_default_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SgStore) store = NULL;
  g_autoptr(GApplication) app = NULL;
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  GDBusConnection *bus;
  GDate today;

  if (settings != NULL && !g_settings_get_boolean (settings, "reminders-enabled"))
    return 0;
  if (!g_file_test (db, G_FILE_TEST_EXISTS))
    return 0;

  store = sg_store_open (db, SG_STORE_OPEN_READ_ONLY, NULL, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  if (!sg_reminders_compose (store, &today, &title, &body, &error))
    {
      if (error != NULL)
        {
          g_printerr ("%s\n", error->message);
          return 2;
        }
      return 0;
    }

  app = g_application_new (APP_ID, G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (reminder_activate_cb), NULL);
  if (!g_application_register (app, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_default_action (notification, "app.activate");
  g_application_send_notification (app, "privacy-review-due", notification);

  /* The notification is a D-Bus call: make sure it has left before the process does. */
  bus = g_application_get_dbus_connection (app);
  if (bus != NULL)
    {
      g_main_context_iteration (NULL, FALSE);
      g_dbus_connection_flush_sync (bus, NULL, NULL);
      for (int i = 0; i < 50 && g_main_context_pending (NULL); i++)
        g_main_context_iteration (NULL, FALSE);
    }
  return 0;
}

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

  if (argc == 2 && g_str_equal (argv[1], "--check-reminders"))
    return check_reminders ();

  if (argc >= 2 && g_str_equal (argv[1], "--import-interests"))
    {
      if (argc != 3)
        {
          g_printerr ("%s\n", _("Usage: socialguard --import-interests FILE.json|FILE.csv"));
          return 2;
        }
      return import_interests (argv[2]);
    }

  sg_application_prepare_display ();
  app = sg_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
