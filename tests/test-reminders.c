/* SPDX-License-Identifier: GPL-3.0-or-later */
/* socialguard --check-reminders against a fake org.freedesktop.Notifications on the test's
 * private session bus: the notification's title and body when a review is due, and nothing
 * at all when none is. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "sg-profiles.h"

static const char introspection[] =
  "<node><interface name='org.freedesktop.Notifications'>"
  " <method name='Notify'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "  <arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "  <arg type='as' direction='in'/><arg type='a{sv}' direction='in'/>"
  "  <arg type='i' direction='in'/><arg type='u' direction='out'/></method>"
  " <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  " <method name='GetServerInformation'><arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "  <arg type='s' direction='out'/><arg type='s' direction='out'/></method>"
  " <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "</interface></node>";

static char *last_summary;
static char *last_body;
static guint n_notified;

static void
method_call_cb (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  if (g_str_equal (method_name, "Notify"))
    {
      g_free (last_summary);
      g_free (last_body);
      g_variant_get_child (parameters, 3, "s", &last_summary);
      g_variant_get_child (parameters, 4, "s", &last_body);
      n_notified++;
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", n_notified));
    }
  else if (g_str_equal (method_name, "GetCapabilities"))
    {
      const char *caps[] = { "body", "actions", NULL };
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(^as)", caps));
    }
  else if (g_str_equal (method_name, "GetServerInformation"))
    g_dbus_method_invocation_return_value (invocation,
                                           g_variant_new ("(ssss)", "fake", "test", "1", "1.2"));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable vtable = { method_call_cb, NULL, NULL };

static char *home;

static char *
make_store (gboolean reviewed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = g_build_filename (home, reviewed ? "reviewed" : "due", NULL);
  g_autofree char *path = g_build_filename (data, "socialguard", "socialguard.db", NULL);
  g_autoptr(SgStore) store = sg_store_open (path, SG_STORE_OPEN_NO_BACKUP, NULL, &error);
  gint64 id;

  g_assert_no_error (error);
  id = sg_profiles_add (store, "facebook", "asha.patel", "personal", 90, &error);
  g_assert_no_error (error);
  if (reviewed)
    {
      gint64 review = sg_reviews_open (store, id, &error);
      g_assert_true (sg_reviews_complete (store, review, &error));
    }
  return g_steal_pointer (&data);
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
exited_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *(gboolean *) user_data = TRUE;
}

static void
run_check (const char *data_home)
{
  const char *app = g_getenv ("SG_APP");
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) proc = NULL;
  gboolean done = FALSE;
  gboolean exited = FALSE;

  g_assert_nonnull (app);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  proc = g_subprocess_launcher_spawn (launcher, &error, app, "--check-reminders", NULL);
  g_assert_no_error (error);

  /* Serve the bus while the command runs, then a little longer for a late call. */
  g_subprocess_wait_async (proc, NULL, exited_cb, &exited);
  while (!exited)
    g_main_context_iteration (NULL, TRUE);
  g_timeout_add (300, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
}

static void
test_due (void)
{
  g_autofree char *data = make_store (FALSE);

  n_notified = 0;
  run_check (data);
  g_assert_cmpuint (n_notified, ==, 1);
  g_assert_cmpstr (last_summary, ==, "A privacy review is due");
  g_assert_nonnull (strstr (last_body, "Facebook (asha.patel)"));
}

static void
test_nothing_due (void)
{
  g_autofree char *data = make_store (TRUE);

  n_notified = 0;
  run_check (data);
  g_assert_cmpuint (n_notified, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GDBusNodeInfo) info = NULL;
  gboolean owned = FALSE;

  g_test_init (&argc, &argv, NULL);
  home = g_dir_make_tmp ("sg-reminders-XXXXXX", &error);

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  info = g_dbus_node_info_new_for_xml (introspection, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications", info->interfaces[0],
                                     &vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GVariant) reply =
      g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                   "org.freedesktop.DBus", "RequestName",
                                   g_variant_new ("(su)", "org.freedesktop.Notifications", 4),
                                   G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                   &error);
    guint32 result = 0;

    g_assert_no_error (error);
    g_variant_get (reply, "(u)", &result);
    owned = result == 1;
  }
  g_assert_true (owned);

  g_test_add_func ("/sg/reminders/due", test_due);
  g_test_add_func ("/sg/reminders/nothing-due", test_nothing_due);
  return g_test_run ();
}
