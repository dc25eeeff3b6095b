/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Auditing the signed-in Bluesky account from the Past Posts page: no button until an account
 * is signed in; then "Audit My Bluesky Posts", pressed with a real click (xdotool under Xvfb),
 * reads the account's posts from a loopback server (createSession, listRecords over two pages)
 * and ends with the audit listed under the account's name, its flagged post shown. */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <libsoup/soup.h>

#include "sg-application.h"
#include "sg-audits.h"
#include "sg-test-app.h"
#include "sg-test-gui.h"
#include "sg-test-past-posts.h"
#include "sg-test-server.h"
#include "sg-test-x11.h"
#include "sg-window.h"

#define RESPECT_POST "Another night of bed blockers and frequent flyers. Why do we bother."

static SgApplication *app;
static char *base;
static guint lists;

static void
xrpc_cb (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  const char *cursor = query ? g_hash_table_lookup (query, "cursor") : NULL;

  if (g_str_equal (path, "/xrpc/com.atproto.server.createSession"))
    {
      sg_test_server_reply_json (msg, 200, "{\"accessJwt\":\"jwt-1\",\"refreshJwt\":\"r\","
                                           "\"did\":\"did:plc:doc\",\"handle\":\"doc.bsky.social\"}");
      return;
    }
  if (!g_str_equal (path, "/xrpc/com.atproto.repo.listRecords") ||
      g_strcmp0 (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                               "Authorization"), "Bearer jwt-1") != 0)
    {
      sg_test_server_reply_json (msg, 400, "{\"error\":\"InvalidRequest\"}");
      return;
    }
  lists++;
  if (cursor == NULL)
    sg_test_server_reply_json (msg, 200,
      "{\"cursor\":\"c1\",\"records\":[{\"uri\":\"at://did:plc:doc/app.bsky.feed.post/3k2\","
      "\"cid\":\"b2\",\"value\":{\"$type\":\"app.bsky.feed.post\",\"text\":\"" RESPECT_POST "\","
      "\"createdAt\":\"2024-02-02T08:00:00Z\"}}]}");
  else
    sg_test_server_reply_json (msg, 200,
      "{\"records\":[{\"uri\":\"at://did:plc:doc/app.bsky.feed.post/3k1\",\"cid\":\"b1\","
      "\"value\":{\"$type\":\"app.bsky.feed.post\",\"text\":\"Lovely walk along the canal.\","
      "\"createdAt\":\"2024-01-01T08:00:00Z\"}}]}");
}

static gboolean
page_is (gpointer name)
{
  return g_strcmp0 (sg_window_get_page (sg_test_app_window (app)), name) == 0;
}

static gboolean
button_shown (gpointer page)
{
  return sg_test_find_mapped_button (page, "Audit My _Bluesky Posts") != NULL;
}

static void
test_audit_account (void)
{
  GSettings *settings = sg_context_get_settings (sg_application_get_context (app));
  SgPastPostsPage *page;
  GtkWindow *window;
  GtkWidget *button;
  GtkDropDown *dropdown;
  g_autoptr(GObject) shown = NULL;
  g_autofree char *png = NULL;

  g_assert_true (sg_test_wait (sg_test_past_posts_ready, app, 10000));
  if (g_find_program_in_path ("xdotool") == NULL || !GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_test_fail_printf ("real clicks need xdotool and an X display (Xvfb)");
      return;
    }
  window = GTK_WINDOW (sg_test_app_window (app));
  gtk_window_set_default_size (window, 1100, 900);
  gtk_window_present (window);
  sg_test_iterate (200);
  sg_test_x11_focus (GTK_WIDGET (window));
  sg_test_press_keys ("alt+5");
  g_assert_true (sg_test_wait (page_is, (gpointer) "past-posts", 3000));
  page = sg_test_past_posts_page (app);
  sg_test_iterate (200);

  /* Not signed in: no such button anywhere on the page. */
  g_assert_null (sg_test_find_mapped_button (GTK_WIDGET (page), "Audit My _Bluesky Posts"));

  /* Signed in: it appears on the empty page at once. */
  g_settings_set_string (settings, "bluesky-server", base);
  g_settings_set_string (settings, "bluesky-handle", "doc.bsky.social");
  sg_past_posts_page_set_token (page, "abcd-efgh-ijkl-mnop");
  g_assert_true (sg_test_wait (button_shown, page, 3000));
  button = sg_test_find_mapped_button (GTK_WIDGET (page), "Audit My _Bluesky Posts");
  /* Screen readers have it by name (its accessible label). */
  g_assert_true (sg_test_find_by_label (gtk_widget_get_parent (button), "Audit my Bluesky posts") == button);
  sg_test_iterate (200);
  png = sg_test_save_png (GTK_WIDGET (window), "past-posts-bluesky-button");
  g_test_message ("Screenshot: %s", png);

  sg_test_x11_click (button);
  g_assert_true (sg_test_wait (sg_test_past_posts_audit_shown, page, 20000));
  sg_test_iterate (300);
  g_assert_cmpuint (lists, ==, 2);
  g_assert_cmpuint (sg_past_posts_page_get_n_posts (page), ==, 1);
  g_assert_nonnull (sg_test_past_post_row_with_text (GTK_WIDGET (page), RESPECT_POST, 0));
  dropdown = GTK_DROP_DOWN (sg_test_find_by_label (GTK_WIDGET (page), "Stored audits"));
  g_assert_nonnull (dropdown);
  shown = gtk_drop_down_get_selected_item (dropdown);
  g_assert_nonnull (shown);
  g_assert_true (g_str_has_prefix (gtk_string_object_get_string (GTK_STRING_OBJECT (shown)),
                                  "Bluesky account @doc.bsky.social, "));

  /* With an audit listed, the header row has the button too. */
  g_assert_nonnull (sg_test_find_mapped_button (GTK_WIDGET (page), "Audit My _Bluesky Posts"));
  {
    int min;

    /* The extra button and the long audit name must still fit a 1024-pixel screen: the
     * dropdown ellipsizes the name (it alone made the page 908 pixels wide before). */
    gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
    g_test_message ("Past Posts page minimum width with the Bluesky button: %d px", min);
    g_assert_cmpint (min, <=, 800);
  }
  g_clear_pointer (&png, g_free);
  png = sg_test_save_png (GTK_WIDGET (window), "past-posts-bluesky-audit");
  g_test_message ("Screenshot: %s", png);

  /* Signed out: gone again. */
  g_settings_set_string (settings, "bluesky-handle", "");
  g_settings_set_string (settings, "bluesky-server", "");
  sg_test_iterate (200);
  g_assert_null (sg_test_find_mapped_button (GTK_WIDGET (page), "Audit My _Bluesky Posts"));
}

int
main (int   argc,
      char *argv[])
{
  char *home = sg_test_gui_init (&argc, &argv);
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  int ret;

  soup_server_add_handler (server, "/xrpc", xrpc_cb, NULL, NULL);
  base = sg_test_server_listen (server);
  base[strlen (base) - 1] = '\0';

  app = sg_application_new ();
  g_test_add_func ("/sg/past-posts/audit-bluesky-account", test_audit_account);
  ret = sg_test_gui_run ((GApplication **) &app, home);
  g_free (base);
  return ret;
}
