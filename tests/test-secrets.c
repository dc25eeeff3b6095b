/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Without a keyring, secrets are refused with a clear message and kept nowhere. The test runs
 * on a private session bus of its own (GTestDBus) that has no Secret Service, so it never
 * touches the keyring of the person running it. */
#include "config.h"

#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "sg-error.h"
#include "sg-secrets.h"
#include "sg-test-async.h"

static void
test_no_keyring (void)
{
  g_autoptr(GAsyncResult) stored = NULL, looked = NULL, cleared = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *home = g_strdup (g_get_user_data_dir ());

  sg_secrets_store_async ("mastodon", "https://mastodon.example", "doc", "token-123", NULL,
                          sg_test_result_cb, &stored);
  g_assert_false (sg_secrets_store_finish (sg_test_wait_result (&stored), &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (error->message, "keyring"));
  g_assert_null (strstr (error->message, "token-123"));
  g_clear_error (&error);

  sg_secrets_lookup_async ("mastodon", "https://mastodon.example", "doc", NULL, sg_test_result_cb, &looked);
  secret = sg_secrets_lookup_finish (sg_test_wait_result (&looked), &error);
  g_assert_null (secret);
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);

  sg_secrets_clear_async ("mastodon", "https://mastodon.example", "doc", NULL, sg_test_result_cb, &cleared);
  g_assert_false (sg_secrets_clear_finish (sg_test_wait_result (&cleared), &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_SUPPORTED);

  /* No file fallback: libsecret's file backend would write under the data folder. */
  {
    g_autofree char *keyrings = g_build_filename (home, "keyrings", NULL);
    g_assert_false (g_file_test (keyrings, G_FILE_TEST_EXISTS));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GTestDBus) bus = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("sg-secrets-XXXXXX", NULL);
  int ret;

  g_setenv ("XDG_DATA_HOME", tmp, TRUE);
  g_test_init (&argc, &argv, NULL);
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);

  g_test_add_func ("/sg/secrets/no-keyring", test_no_keyring);
  ret = g_test_run ();

  /* libsecret keeps its service proxy, and so the bus, until told to let go. */
  secret_service_disconnect ();
  g_test_dbus_down (bus);
  g_rmdir (tmp);
  return ret;
}
