/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Privacy review as a user does it: add an account (due at once), review every setting,
 * finish, and see the due date move and the overdue badge go. */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <libsoup/soup.h>

#include "sg-test-server.h"
#include "sg-application.h"
#include "sg-checklist.h"
#include "sg-profiles.h"
#include "sg-test-app.h"
#include "sg-review-history.h"
#include "sg-test-gui.h"
#include "sg-window.h"

static SgApplication *app;

static SgContext *
context (void)
{
  return sg_application_get_context (app);
}

static gboolean
n_profiles_is (gpointer data)
{
  return sg_privacy_page_get_n_profiles (sg_window_get_privacy_page (sg_test_app_window (app))) ==
         GPOINTER_TO_UINT (data);
}

static gboolean
n_due_is (gpointer data)
{
  return sg_privacy_page_get_n_due (sg_window_get_privacy_page (sg_test_app_window (app))) ==
         GPOINTER_TO_UINT (data);
}

static GtkWindow *
review_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);
      const char *title = gtk_window_get_title (w);

      if (title != NULL && g_str_has_prefix (title, "Review ") && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

static gboolean
review_shown (gpointer data)
{
  return review_window () != NULL;
}

/* The window light and dark, at its own width and at 600 px, to look at (and to compare
 * before and after a change to the page's layout). */
static void
save_shots (const char *name)
{
  GtkWindow *window = GTK_WINDOW (sg_test_app_window (app));
  AdwStyleManager *style = adw_style_manager_get_default ();
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  for (guint dark = 0; dark < 2; dark++)
    for (guint narrow = 0; narrow < 2; narrow++)
      {
        g_autofree char *file = g_strdup_printf ("%s-%s-%s", name, narrow ? "600" : "wide",
                                                 dark ? "dark" : "light");
        g_autofree char *shot = NULL;

        adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                        : ADW_COLOR_SCHEME_FORCE_LIGHT);
        gtk_window_set_default_size (window, narrow ? 600 : width, height);
        sg_test_iterate (400);
        shot = sg_test_save_png (GTK_WIDGET (window), file);
        g_test_message ("Screenshot: %s", shot);
      }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_set_default_size (window, width, height);
  sg_test_iterate (200);
}

static void
collect_buttons (GtkWidget  *root,
                 const char *label,
                 GPtrArray  *out)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    g_ptr_array_add (out, root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_buttons (c, label, out);
}

static struct { gint64 profile_id; } note_wait;

static gboolean
note_saved (gpointer data)
{
  SgStore *store = sg_context_get_store (context ());
  gint64 review = sg_reviews_open (store, note_wait.profile_id, NULL);
  g_autoptr(GPtrArray) answers = sg_reviews_get_answers (store, review, NULL);

  for (guint i = 0; answers != NULL && i < answers->len; i++)
    if (g_strcmp0 (((SgReviewAnswer *) g_ptr_array_index (answers, i))->note,
                   "checked on the phone app too") == 0)
      return TRUE;
  return FALSE;
}

static void
test_review (void)
{
  SgPrivacyPage *page;
  g_autoptr(GPtrArray) profiles = NULL;
  g_autoptr(GPtrArray) done = g_ptr_array_new ();
  g_autoptr(GPtrArray) finish = g_ptr_array_new ();
  g_autofree char *shot = NULL;
  GtkWindow *review;
  gint64 id;

  g_assert_true (sg_test_wait (sg_test_app_ready, app, 10000));
  page = sg_window_get_privacy_page (sg_test_app_window (app));
  sg_window_set_page (sg_test_app_window (app), "privacy");
  sg_test_iterate (200);
  g_assert_nonnull (sg_test_find_label_text (GTK_WIDGET (page), "No Accounts Yet"));
  save_shots ("privacy-empty");

  sg_privacy_page_add_profile (page, "facebook", "asha.patel", "personal");
  g_assert_true (sg_test_wait (n_profiles_is, GUINT_TO_POINTER (1), 5000));
  g_assert_cmpuint (sg_privacy_page_get_n_due (page), ==, 1);
  /* The main window says so in a banner, in words. */
  g_assert_nonnull (sg_test_find_label_text (GTK_WIDGET (sg_test_app_window (app)),
                                             "The privacy settings of 1 account are due for a review."));

  profiles = sg_profiles_list (sg_context_get_store (context ()), NULL);
  id = ((SgProfile *) g_ptr_array_index (profiles, 0))->id;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "privacy.review", "x", id));
  g_assert_true (sg_test_wait (review_shown, NULL, 5000));
  review = review_window ();

  collect_buttons (GTK_WIDGET (review), "Done", done);
  collect_buttons (GTK_WIDGET (review), "_Finish Review", finish);
  g_assert_cmpuint (done->len, >=, 8);
  g_assert_cmpuint (finish->len, ==, 1);
  g_assert_false (gtk_widget_get_sensitive (g_ptr_array_index (finish, 0)));

  /* The title counts the answers and Finish says why it waits (issue 20 point 5). */
  {
    g_autofree char *none = g_strdup_printf ("0 of %u items answered; answers are saved as you go",
                                             done->len);
    g_assert_nonnull (sg_test_find_label_text (GTK_WIDGET (review), none));
    g_assert_cmpstr (gtk_widget_get_tooltip_text (g_ptr_array_index (finish, 0)), ==,
                     "Answer every item first");
  }
  for (guint i = 0; i < done->len; i++)
    gtk_toggle_button_set_active (g_ptr_array_index (done, i), TRUE);
  g_assert_true (gtk_widget_get_sensitive (g_ptr_array_index (finish, 0)));
  {
    g_autofree char *all = g_strdup_printf ("All %u items are answered: Finish Review records them",
                                            done->len);
    g_assert_nonnull (sg_test_find_label_text (GTK_WIDGET (review), all));
    /* and each collapsed row shows its answer */
    g_assert_nonnull (sg_test_find_label_text (GTK_WIDGET (review),
                      "Done · Safer setting: Friends or Only me — never Public for workplace or town"));
  }

  /* A note typed after the answer is saved as well (issue 20 point 5: it was lost). */
  {
    GtkWidget *note = sg_test_find_by_label (GTK_WIDGET (review), "Note");

    g_assert_nonnull (note);
    gtk_editable_set_text (GTK_EDITABLE (note), "checked on the phone app too");
    note_wait.profile_id = id;
    g_assert_true (sg_test_wait (note_saved, &note_wait, 5000));
  }

  sg_test_iterate (300);
  shot = sg_test_save_png (GTK_WIDGET (review), "privacy-review");
  g_test_message ("Screenshot: %s", shot);

  g_signal_emit_by_name (g_ptr_array_index (finish, 0), "clicked");
  g_assert_true (sg_test_wait (n_due_is, GUINT_TO_POINTER (0), 5000));
}

/* A Mastodon account that is also the one signed in for posting: its settings are read from
 * the server (a loopback one here) into the review and saved with notes. */
static void
credentials_cb (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Authorization");
  const char *json = "{\"id\":\"1\",\"locked\":false,\"discoverable\":true,"
                     "\"hide_collections\":true,\"source\":{\"privacy\":\"public\"}}";

  if (g_strcmp0 (auth, "Bearer test-token") != 0)
    {
      soup_server_message_set_status (msg, 401, NULL);
      return;
    }
  sg_test_server_reply_json (msg, 200, json);
}

typedef struct {
  gint64 profile_id;
  guint  n;
} AnswersWait;

static gboolean
answers_saved (gpointer data)
{
  AnswersWait *w = data;
  SgStore *store = sg_context_get_store (context ());
  gint64 review = sg_reviews_open (store, w->profile_id, NULL);
  g_autoptr(GPtrArray) answers = sg_reviews_get_answers (store, review, NULL);

  return answers != NULL && answers->len == w->n;
}

static void
test_read_from_mastodon (void)
{
  SgPrivacyPage *page = sg_window_get_privacy_page (sg_test_app_window (app));
  GSettings *settings = sg_context_get_settings (context ());
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GPtrArray) read = g_ptr_array_new ();
  g_autoptr(GPtrArray) profiles = NULL;
  g_autoptr(GPtrArray) answers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  AnswersWait wait = { 0, 4 };
  GtkWindow *review;

  soup_server_add_handler (server, "/api/v1/accounts/verify_credentials", credentials_cb, NULL, NULL);
  base = sg_test_server_listen (server);

  g_settings_set_string (settings, "mastodon-server", base);
  g_settings_set_string (settings, "mastodon-account", "@Doc@mastodon.example");
  sg_privacy_page_set_posting_token (page, "test-token");

  sg_privacy_page_add_profile (page, "mastodon", "doc", "professional");
  g_assert_true (sg_test_wait (n_profiles_is, GUINT_TO_POINTER (2), 5000));
  profiles = sg_profiles_list (sg_context_get_store (context ()), NULL);
  wait.profile_id = ((SgProfile *) g_ptr_array_index (profiles, 1))->id;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "privacy.review", "x", wait.profile_id));
  g_assert_true (sg_test_wait (review_shown, NULL, 5000));
  review = review_window ();
  collect_buttons (GTK_WIDGET (review), "_Read From Mastodon", read);
  g_assert_cmpuint (read->len, ==, 1);

  g_signal_emit_by_name (g_ptr_array_index (read, 0), "clicked");
  g_assert_true (sg_test_wait (answers_saved, &wait, 5000));
  answers = sg_reviews_get_answers (sg_context_get_store (context ()),
                                    sg_reviews_open (sg_context_get_store (context ()), wait.profile_id, NULL),
                                    NULL);
  for (guint i = 0; i < answers->len; i++)
    {
      SgReviewAnswer *a = g_ptr_array_index (answers, i);

      g_assert_true (g_str_has_prefix (a->note, "Read from your server"));
      if (g_str_equal (a->item_id, "mastodon.social-graph"))
        g_assert_cmpint (a->answer, ==, SG_ANSWER_DONE);
      else
        g_assert_cmpint (a->answer, ==, SG_ANSWER_NEEDS_ACTION);
    }

  sg_test_iterate (200);
  {
    g_autofree char *shot = sg_test_save_png (GTK_WIDGET (review), "privacy-review-mastodon");
    g_test_message ("Screenshot: %s", shot);
  }
  gtk_window_destroy (review);
  g_settings_reset (settings, "mastodon-server");
  g_settings_reset (settings, "mastodon-account");
  soup_server_disconnect (server);
}

/* An account added by mistake, or closed, comes off the list after a confirmation; its past
 * reviews stay. */
static void
test_remove (void)
{
  SgPrivacyPage *page = sg_window_get_privacy_page (sg_test_app_window (app));
  guint before = sg_privacy_page_get_n_profiles (page);
  GtkWidget *button;
  AdwMessageDialog *dialog;

  sg_window_set_page (sg_test_app_window (app), "privacy");
  sg_privacy_page_add_profile (page, "x", "@wrong_account", "personal");
  g_assert_true (sg_test_wait (n_profiles_is, GUINT_TO_POINTER (before + 1), 5000));
  sg_test_iterate (100);
  button = sg_test_find_by_label (GTK_WIDGET (page), "Stop reviewing X (Twitter) — @wrong_account");
  g_assert_nonnull (button);
  sg_test_iterate (200);
  {
    g_autofree char *shot = sg_test_save_png (GTK_WIDGET (sg_test_app_window (app)), "privacy-list");
    g_test_message ("Screenshot: %s", shot);
  }

  /* Cancelling keeps it. */
  g_signal_emit_by_name (button, "clicked");
  dialog = ADW_MESSAGE_DIALOG (sg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  sg_test_iterate (200);
  g_assert_cmpuint (sg_privacy_page_get_n_profiles (page), ==, before + 1);

  g_signal_emit_by_name (sg_test_find_by_label (GTK_WIDGET (page), "Stop reviewing X (Twitter) — @wrong_account"),
                         "clicked");
  dialog = ADW_MESSAGE_DIALOG (sg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (dialog, "remove");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (sg_test_wait (n_profiles_is, GUINT_TO_POINTER (before), 5000));
}

/* "Needs action" answers are followed up (issue 20 point 5): after the review they are a
 * to-do list under the account, the banner mentions them, and each is ticked off with a real
 * key press, dated in the history. */
static gboolean
n_open_is (gpointer data)
{
  return sg_privacy_page_get_n_open_actions (sg_window_get_privacy_page (sg_test_app_window (app))) ==
         GPOINTER_TO_UINT (data);
}

static GtkWidget *
find_label_ending (GtkWidget  *root,
                   const char *end)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      g_str_has_suffix (gtk_label_get_label (GTK_LABEL (root)), end))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label_ending (c, end);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
press (const char *keys)
{
  const char *argv[] = { "xdotool", "key", "--clearmodifiers", keys, NULL };
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  sg_test_iterate (100);
}

static gboolean
has_focus (gpointer widget)
{
  return gtk_widget_has_focus (widget);
}

static void
test_follow_up (void)
{
  SgPrivacyPage *page = sg_window_get_privacy_page (sg_test_app_window (app));
  guint before = sg_privacy_page_get_n_profiles (page);
  g_autoptr(GPtrArray) done = g_ptr_array_new ();
  g_autoptr(GPtrArray) needs = g_ptr_array_new ();
  g_autoptr(GPtrArray) finish = g_ptr_array_new ();
  g_autoptr(GPtrArray) profiles = NULL;
  g_autoptr(SgChecklist) checklist = sg_checklist_load ("instagram", NULL);
  g_autofree char *mark = NULL;
  g_autofree char *xid = NULL;
  GtkWidget *button, *expander;
  GtkWindow *review;
  gint64 id;

  if (g_find_program_in_path ("xdotool") == NULL || !GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_test_fail_printf ("real key events need xdotool and an X display (Xvfb)");
      return;
    }
  sg_window_set_page (sg_test_app_window (app), "privacy");
  sg_privacy_page_add_profile (page, "instagram", "dr.asha", "professional");
  g_assert_true (sg_test_wait (n_profiles_is, GUINT_TO_POINTER (before + 1), 5000));
  profiles = sg_profiles_list (sg_context_get_store (context ()), NULL);
  id = ((SgProfile *) g_ptr_array_index (profiles, profiles->len - 1))->id;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "privacy.review", "x", id));
  g_assert_true (sg_test_wait (review_shown, NULL, 5000));
  review = review_window ();
  collect_buttons (GTK_WIDGET (review), "Done", done);
  collect_buttons (GTK_WIDGET (review), "Needs Action", needs);
  collect_buttons (GTK_WIDGET (review), "_Finish Review", finish);
  g_assert_cmpuint (needs->len, ==, done->len);
  g_assert_cmpuint (done->len, ==, checklist->items->len);
  gtk_toggle_button_set_active (g_ptr_array_index (needs, 0), TRUE);
  for (guint i = 1; i < done->len; i++)
    gtk_toggle_button_set_active (g_ptr_array_index (done, i), TRUE);
  g_signal_emit_by_name (g_ptr_array_index (finish, 0), "clicked");
  g_assert_true (sg_test_wait (n_open_is, GUINT_TO_POINTER (1), 5000));
  sg_test_iterate (200);

  /* On the account's row and in the banner. */
  g_assert_nonnull (find_label_ending (GTK_WIDGET (page), " · 1 setting still to change"));
  g_assert_nonnull (find_label_ending (GTK_WIDGET (sg_test_app_window (app)),
                                      "1 setting from your last reviews is still to change."));

  /* The next review shows which settings the last one left to change. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "privacy.review", "x", id));
  g_assert_true (sg_test_wait (review_shown, NULL, 5000));
  review = review_window ();
  {
    GtkWidget *marker = sg_test_find_by_label (GTK_WIDGET (review), "Still to change from the last review");
    GtkWidget *row;

    g_assert_nonnull (marker);
    row = gtk_widget_get_ancestor (marker, ADW_TYPE_EXPANDER_ROW);
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                     ((SgChecklistItem *) g_ptr_array_index (checklist->items, 0))->title);
    sg_test_iterate (200);
    {
      g_autofree char *shot = sg_test_save_png (GTK_WIDGET (review), "privacy-review-open-action");
      g_test_message ("Screenshot: %s", shot);
    }
  }
  gtk_window_destroy (review);
  sg_test_iterate (100);

  /* Opened, the row lists it; a real key press on its button ticks it off. */
  expander = gtk_widget_get_ancestor (find_label_ending (GTK_WIDGET (page),
                                                         " · 1 setting still to change"),
                                      ADW_TYPE_EXPANDER_ROW);
  g_assert_nonnull (expander);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  sg_test_iterate (300);
  {
    g_autofree char *shot = sg_test_save_png (GTK_WIDGET (sg_test_app_window (app)), "privacy-follow-up");
    g_test_message ("Screenshot: %s", shot);
  }
  /* Narrow and dark as well, to look at. */
  {
    AdwStyleManager *style = adw_style_manager_get_default ();
    int width, height;
    g_autofree char *shot = NULL;

    gtk_window_get_default_size (GTK_WINDOW (sg_test_app_window (app)), &width, &height);
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
    gtk_window_set_default_size (GTK_WINDOW (sg_test_app_window (app)), 600, 700);
    sg_test_iterate (400);
    shot = sg_test_save_png (GTK_WIDGET (sg_test_app_window (app)), "privacy-follow-up-600-dark");
    g_test_message ("Screenshot: %s", shot);
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
    gtk_window_set_default_size (GTK_WINDOW (sg_test_app_window (app)), width, height);
    sg_test_iterate (200);
  }
  save_shots ("privacy-follow-up");
  mark = g_strdup_printf ("Mark “%s” as changed",
                          ((SgChecklistItem *) g_ptr_array_index (checklist->items, 0))->title);
  button = sg_test_find_by_label (GTK_WIDGET (page), mark);
  g_assert_nonnull (button);
  gtk_window_present (GTK_WINDOW (sg_test_app_window (app)));
  sg_test_iterate (200);
  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (
                                  gtk_native_get_surface (GTK_NATIVE (sg_test_app_window (app)))));
  {
    const char *argv[] = { "xdotool", "windowfocus", "--sync", xid, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 NULL, NULL, NULL, NULL));
  }
  gtk_widget_grab_focus (button);
  g_assert_true (sg_test_wait (has_focus, button, 5000));
  press ("space");
  g_assert_true (sg_test_wait (n_open_is, GUINT_TO_POINTER (0), 5000));
  sg_test_iterate (200);
  g_assert_null (find_label_ending (GTK_WIDGET (page), "still to change"));

  /* Dated in the history. */
  {
    g_autofree char *html = sg_review_history_to_html (sg_context_get_store (context ()), NULL);
    g_assert_nonnull (strstr (html, "Needs action — changed on "));
  }
}

/* Add Account, as a user does it: a real key press on the bar's button, Escape to think again,
 * then a handle typed, and Add pressed once it is enabled. */
/* The row of type @type titled @title (the Add Account dialog's entry and combo rows). */
static GtkWidget *
find_row (GtkWidget  *root,
          GType       type,
          const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_row (c, type, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
focus_window (GtkWindow *window)
{
  g_autofree char *xid = NULL;

  gtk_window_present (window);
  sg_test_iterate (200);
  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (
                                  gtk_native_get_surface (GTK_NATIVE (window))));
  {
    const char *argv[] = { "xdotool", "windowfocus", "--sync", xid, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 NULL, NULL, NULL, NULL));
  }
}

/* @widget or a widget inside it (an entry row's text) has the keyboard focus. */
static gboolean
focus_within (gpointer widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget)) &&
         gtk_widget_has_focus (focus);
}

static void
press_on (GtkWidget  *widget,
          const char *keys)
{
  focus_window (GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_widget_grab_focus (widget);
  g_assert_true (sg_test_wait (focus_within, widget, 5000));
  press (keys);
}

static gboolean
add_dialog_gone (gpointer data)
{
  return !sg_test_message_dialog_shown (NULL);
}

static AdwMessageDialog *
open_add_dialog (SgPrivacyPage *page)
{
  GtkWidget *add = sg_test_find_mapped_button (GTK_WIDGET (page), "_Add Account");

  g_assert_nonnull (add);
  press_on (add, "space");
  g_assert_true (sg_test_wait (sg_test_message_dialog_shown, NULL, 5000));
  return ADW_MESSAGE_DIALOG (sg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

static void
test_add_account (void)
{
  SgPrivacyPage *page = sg_window_get_privacy_page (sg_test_app_window (app));
  guint before = sg_privacy_page_get_n_profiles (page);
  g_autoptr(GPtrArray) profiles = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *handle, *add;
  SgProfile *added;

  if (g_find_program_in_path ("xdotool") == NULL || !GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_test_fail_printf ("real key events need xdotool and an X display (Xvfb)");
      return;
    }
  sg_window_set_page (sg_test_app_window (app), "privacy");
  sg_test_iterate (200);

  /* Escape closes it and adds nothing. */
  dialog = open_add_dialog (page);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Add Account");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  press_on (find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Account name or handle"), "Escape");
  g_assert_true (sg_test_wait (add_dialog_gone, NULL, 5000));
  sg_test_iterate (300);
  g_assert_cmpuint (sg_privacy_page_get_n_profiles (page), ==, before);

  dialog = open_add_dialog (page);
  handle = find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Account name or handle");
  g_assert_nonnull (handle);
  /* Spaces alone are no handle. */
  press_on (handle, "space");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  press ("BackSpace");
  {
    const char *argv[] = { "xdotool", "type", "--delay", "20", "dr.bea", NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 NULL, NULL, NULL, NULL));
    sg_test_iterate (200);
  }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (handle)), ==, "dr.bea");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
  /* Mastodon, and a professional account. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW,
                                                       "Platform")), 7);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW,
                                                       "Kind of account")), 1);
  sg_test_iterate (300);
  {
    g_autofree char *shot = sg_test_save_png (GTK_WIDGET (dialog), "privacy-add-account");
    g_test_message ("Screenshot: %s", shot);
  }
  add = sg_test_find_mapped_button (GTK_WIDGET (dialog), "_Add");
  g_assert_nonnull (add);
  press_on (add, "space");
  g_assert_true (sg_test_wait (n_profiles_is, GUINT_TO_POINTER (before + 1), 5000));
  g_assert_true (sg_test_wait (add_dialog_gone, NULL, 5000));

  profiles = sg_profiles_list (sg_context_get_store (context ()), NULL);
  added = g_ptr_array_index (profiles, profiles->len - 1);
  g_assert_cmpstr (added->platform, ==, "mastodon");
  g_assert_cmpstr (added->handle, ==, "dr.bea");
  g_assert_cmpstr (added->kind, ==, "professional");
}

int
main (int   argc,
      char *argv[])
{
  char *home = sg_test_gui_init (&argc, &argv);

  app = sg_application_new ();
  g_test_add_func ("/sg/privacy/review", test_review);
  g_test_add_func ("/sg/privacy/read-from-mastodon", test_read_from_mastodon);
  g_test_add_func ("/sg/privacy/remove", test_remove);
  g_test_add_func ("/sg/privacy/follow-up", test_follow_up);
  g_test_add_func ("/sg/privacy/add-account", test_add_account);

  return sg_test_gui_run ((GApplication **) &app, home);
}
