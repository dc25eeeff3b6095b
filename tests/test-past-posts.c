/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Past Posts page as a doctor meets it: reached by Alt+5 (a real key press), empty until an
 * archive is imported, then the audit's summary and the flagged posts, filters, a post kept
 * with a reason (and that reason in the store), one put on the list to delete by hand, the
 * stored audit shown again by a page made afresh, an audit stopped and then deleted, and an
 * archive dropped on the page; then every audit deleted, and an archive chosen in the Import
 * dialog with real keys. */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>

#include "sg-application.h"
#include "sg-audits.h"
#include "sg-past-post-row.h"
#include "sg-test-archive.h"
#include "sg-test-app.h"
#include "sg-test-gui.h"
#include "sg-test-past-posts.h"
#include "sg-test-x11.h"
#include "sg-window.h"

static SgApplication *app;
static char *archive_dir;

#define RESPECT_POST      "Another night of bed blockers and frequent flyers. Why do we bother."
#define DEFAMATION_POST   "Dr Alan Pryce at Westfield General has been falsifying his mortality data."
#define PROFESSIONAL_POST "Still drunk from the leaving do and on the ward round in an hour."

static const char * const texts[] = {
  RESPECT_POST,
  "Lovely walk along the canal this morning.",
  "Our hospital choir is singing at the cathedral on Saturday, all welcome.",
  DEFAMATION_POST,
  "New paper out today on sepsis screening in primary care.",
  PROFESSIONAL_POST,
  "Ward 9 is closed to visitors this week because of norovirus.",
  "Great talk at the conference about rota design.",
  NULL
};

static gboolean
page_is (gpointer name)
{
  return g_strcmp0 (sg_window_get_page (sg_test_app_window (app)), name) == 0;
}

static const char *
label_of (GtkWidget  *root,
          const char *name)
{
  GtkWidget *label = sg_test_find_by_name (root, name);

  if (!GTK_IS_LABEL (label))
    g_error ("no label named “%s”", name);
  return gtk_label_get_text (GTK_LABEL (label));
}

static gboolean
running_with_progress (gpointer page)
{
  const char *text = label_of (page, "progress");

  return sg_past_posts_page_is_running (page) && strstr (text, "of about") != NULL;
}

static gboolean
not_running (gpointer page)
{
  return !sg_past_posts_page_is_running (page);
}

static char *
write_archive (const char *name,
               guint       n_posts)
{
  char *path = g_build_filename (archive_dir, name, NULL);

  sg_test_archive_write_tweets (path, texts, n_posts);
  return path;
}

static void
test_shortcut_and_empty (void)
{
  GtkWindow *window;
  g_autofree char *xid = NULL;
  g_autofree char *png = NULL;
  GtkWidget *page;

  g_assert_true (sg_test_wait (sg_test_past_posts_ready, app, 10000));
  window = GTK_WINDOW (sg_test_app_window (app));
  page = GTK_WIDGET (sg_test_past_posts_page (app));

  if (g_find_program_in_path ("xdotool") == NULL || !GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_test_fail_printf ("real key events need xdotool and an X display (Xvfb)");
      return;
    }
  gtk_window_present (window);
  sg_test_iterate (200);
  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (
                                  gtk_native_get_surface (GTK_NATIVE (window))));
  {
    const char *argv[] = { "xdotool", "windowfocus", "--sync", xid, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 NULL, NULL, NULL, NULL));
  }
  sg_test_press_keys ("alt+5");
  g_assert_true (sg_test_wait (page_is, (gpointer) "past-posts", 3000));
  sg_test_press_keys ("alt+1");
  g_assert_true (sg_test_wait (page_is, (gpointer) "compose", 3000));
  sg_test_press_keys ("alt+5");
  g_assert_true (sg_test_wait (page_is, (gpointer) "past-posts", 3000));

  /* Nothing imported yet: the page says how to get an archive. */
  g_assert_nonnull (sg_test_find_label_text (page, "Check What You Have Already Posted"));
  g_assert_nonnull (sg_test_find_label_text (page, "_Import Archive…"));
  g_assert_cmpint (sg_past_posts_page_get_audit_id (SG_PAST_POSTS_PAGE (page)), ==, 0);
  gtk_window_set_default_size (window, 1280, 900);
  sg_test_iterate (300);
  png = sg_test_save_png (GTK_WIDGET (window), "past-posts-empty");
  g_test_message ("Screenshot: %s", png);
}

static gboolean
item_status_is (gpointer data)
{
  SgAuditItem *item = data;

  return sg_audit_item_get_status (item) != SG_AUDIT_STATUS_OPEN;
}

static guint
n_rows (GtkWidget *page)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  sg_test_collect_past_post_rows (sg_test_find_by_label (page, "Posts needing attention"), rows);
  return rows->len;
}

static gboolean
defamation_row_made (gpointer page)
{
  return sg_test_past_post_row_with_text (page, DEFAMATION_POST, 0) != NULL;
}

static gboolean
showing_50 (gpointer page)
{
  return strstr (label_of (page, "more"), "Showing the first 50 of") != NULL;
}

static void
select_in (GtkWidget  *page,
           const char *dropdown,
           const char *choice)
{
  GtkDropDown *d = GTK_DROP_DOWN (sg_test_find_by_label (page, dropdown));
  GListModel *model = gtk_drop_down_get_model (d);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), choice))
      {
        gtk_drop_down_set_selected (d, i);
        sg_test_iterate (300);   /* the rows come a few a frame */
        return;
      }
  g_error ("no “%s” in %s", choice, dropdown);
}

static gint64 first_audit;

static void
test_import_review (void)
{
  SgPastPostsPage *page = sg_test_past_posts_page (app);
  GtkWidget *w = GTK_WIDGET (page);
  GtkWindow *window = GTK_WINDOW (sg_test_app_window (app));
  g_autofree char *path = write_archive ("tweets.js", 40);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%-d %B %Y");
  g_autofree char *summary = NULL;
  SgPastPostRow *row;
  SgAuditItem *item;
  GtkWidget *keep, *entry, *confirm, *text;
  const char *categories;

  /* What the Import button's chooser and a drop both call with the file. */
  sg_past_posts_page_import (page, file);
  g_assert_true (sg_past_posts_page_is_running (page));
  g_assert_true (sg_test_wait (sg_test_past_posts_audit_shown, page, 20000));
  first_audit = sg_past_posts_page_get_audit_id (page);
  sg_test_iterate (100);

  /* The summary: posts checked, how many need attention, by category. */
  summary = g_strdup_printf ("40 posts checked in tweets.js on %s: 15 need attention",
                             g_strstrip (day));
  g_assert_cmpstr (label_of (w, "summary"), ==, summary);
  categories = label_of (w, "categories");
  g_assert_nonnull (strstr (categories, "Defamation 5"));
  g_assert_nonnull (strstr (categories, "0 of 15 reviewed"));
  g_assert_cmpuint (sg_past_posts_page_get_n_posts (page), ==, 15);
  /* Only the rows on screen are made. */
  g_assert_cmpuint (n_rows (w), >, 0);
  g_assert_cmpuint (n_rows (w), <=, 15);

  /* Each row: the text with what was found highlighted, the messages, the actions. */
  /* The rows come a few a frame, fewer when the machine is busy. */
  g_assert_true (sg_test_wait (defamation_row_made, w, 10000));
  row = sg_test_past_post_row_with_text (w, DEFAMATION_POST, 0);
  g_assert_nonnull (row);
  text = sg_test_find_by_name (GTK_WIDGET (row), "post-text");
  g_assert_nonnull (gtk_label_get_attributes (GTK_LABEL (text)));
  g_assert_nonnull (sg_test_find_by_label (GTK_WIDGET (row), "Open on X (Twitter)"));
  g_assert_nonnull (sg_test_find_by_label (GTK_WIDGET (row), "Delete this one"));

  /* Filters: a category, a platform, a year, a search; all back to everything. */
  select_in (w, "Filter by category", "Defamation");
  g_assert_cmpuint (sg_past_posts_page_get_n_shown (page), ==, 5);
  g_assert_nonnull (sg_test_past_post_row_with_text (w, DEFAMATION_POST, 0));
  g_assert_null (sg_test_past_post_row_with_text (w, RESPECT_POST, 0));
  select_in (w, "Filter by platform", "X (Twitter)");
  g_assert_cmpuint (sg_past_posts_page_get_n_shown (page), ==, 5);
  select_in (w, "Filter by category", "All categories");
  select_in (w, "Filter by year", "2019");
  g_assert_cmpuint (sg_past_posts_page_get_n_shown (page), ==, 5);  /* post i: year 2016 + i % 8 */
  select_in (w, "Filter by year", "All years");
  gtk_editable_set_text (GTK_EDITABLE (sg_test_find_by_label (w, "Search past posts")), "DRUNK");
  sg_test_iterate (400);   /* the search entry waits a moment after typing */
  g_assert_cmpuint (sg_past_posts_page_get_n_shown (page), ==, 5);
  gtk_editable_set_text (GTK_EDITABLE (sg_test_find_by_label (w, "Search past posts")), "");
  sg_test_iterate (400);
  g_assert_cmpuint (sg_past_posts_page_get_n_shown (page), ==, 15);

  /* Keep one, with a reason: typed in the popover and confirmed with its button. It is found
   * by a search first, so that its row is on screen for the popover. */
  gtk_editable_set_text (GTK_EDITABLE (sg_test_find_by_label (w, "Search past posts")),
                         "bed blockers");
  sg_test_iterate (400);
  g_assert_cmpuint (sg_past_posts_page_get_n_shown (page), ==, 5);
  row = sg_test_past_post_row_with_text (w, RESPECT_POST, 0);
  item = g_object_ref (sg_past_post_row_get_item (row));
  keep = sg_test_find_by_label (GTK_WIDGET (row), "Keep");
  gtk_menu_button_popup (GTK_MENU_BUTTON (keep));
  sg_test_iterate (100);
  entry = sg_test_find_by_label (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (keep))),
                                 "Reason for keeping");
  confirm = sg_test_find_by_label (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (keep))),
                                   "Keep post");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Said in 2016 about the system, not patients");
  gtk_widget_activate (confirm);
  g_assert_true (sg_test_wait (item_status_is, item, 5000));
  g_assert_cmpint (sg_audit_item_get_status (item), ==, SG_AUDIT_STATUS_KEPT);
  sg_test_iterate (50);
  g_assert_cmpstr (label_of (GTK_WIDGET (row), "review-status"), ==,
                   "Kept after review: Said in 2016 about the system, not patients");
  g_assert_nonnull (strstr (label_of (w, "categories"),
                            "1 of 15 reviewed"));

  /* And it is in the store, with its reason and date. */
  stored = sg_audits_list_posts (sg_context_get_store (sg_application_get_context (app)), first_audit, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < stored->len; i++)
    if (sg_audit_item_get_id (g_ptr_array_index (stored, i)) == sg_audit_item_get_id (item))
      {
        SgAuditItem *s = g_ptr_array_index (stored, i);

        g_assert_cmpint (sg_audit_item_get_status (s), ==, SG_AUDIT_STATUS_KEPT);
        g_assert_cmpstr (sg_audit_item_get_reason (s), ==,
                         "Said in 2016 about the system, not patients");
        g_assert_cmpint (sg_audit_item_get_reviewed_at (s), >, 0);
      }
  g_object_unref (item);
  gtk_editable_set_text (GTK_EDITABLE (sg_test_find_by_label (w, "Search past posts")), "");
  sg_test_iterate (400);

  /* Another goes on the list to delete by hand, with its link. */
  gtk_editable_set_text (GTK_EDITABLE (sg_test_find_by_label (w, "Search past posts")), "drunk");
  sg_test_iterate (400);
  row = sg_test_past_post_row_with_text (w, PROFESSIONAL_POST, 0);
  item = g_object_ref (sg_past_post_row_get_item (row));
  gtk_widget_activate (sg_test_find_by_label (GTK_WIDGET (row), "Delete this one"));
  g_assert_true (sg_test_wait (item_status_is, item, 5000));
  g_assert_cmpint (sg_audit_item_get_status (item), ==, SG_AUDIT_STATUS_TO_DELETE);
  sg_test_iterate (50);
  g_assert_cmpstr (label_of (GTK_WIDGET (row), "review-status"), ==, "To delete by hand");
  g_assert_nonnull (sg_test_find_by_label (GTK_WIDGET (row), "Mark as deleted"));
  g_object_unref (item);
  gtk_editable_set_text (GTK_EDITABLE (sg_test_find_by_label (w, "Search past posts")), "");
  sg_test_iterate (400);

  select_in (w, "Filter by platform", "All platforms");

  /* Screenshots at a desktop's width and at a narrow one. */
  for (guint i = 0; i < 2; i++)
    {
      int width = i == 0 ? 1280 : 600;
      g_autofree char *name = g_strdup_printf ("past-posts%s", i == 0 ? "" : "-600");
      g_autofree char *png = NULL;

      gtk_window_set_default_size (window, width, 900);
      for (guint tries = 0; gtk_widget_get_width (GTK_WIDGET (window)) != width && tries < 40;
           tries++)
        sg_test_iterate (50);
      sg_test_iterate (200);
      png = sg_test_save_png (GTK_WIDGET (window), name);
      g_test_message ("Screenshot: %s", png);
    }
  gtk_window_set_default_size (window, 1280, 900);
  g_unlink (path);
}

static gboolean
fresh_page_loaded (gpointer page)
{
  return sg_past_posts_page_get_audit_id (page) != 0 && sg_past_posts_page_get_n_posts (page) > 0;
}

/* A page made afresh, as after a restart, shows the stored audit and the decisions. */
static void
test_reopened (void)
{
  GtkWidget *window = gtk_window_new ();
  SgPastPostsPage *page = g_object_new (SG_TYPE_PAST_POSTS_PAGE, NULL);
  GtkWidget *w = GTK_WIDGET (page);
  SgPastPostRow *row;

  gtk_window_set_child (GTK_WINDOW (window), w);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  sg_past_posts_page_set_context (page, sg_application_get_context (app));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (sg_test_wait (fresh_page_loaded, page, 5000));
  sg_test_iterate (100);

  g_assert_cmpint (sg_past_posts_page_get_audit_id (page), ==, first_audit);
  g_assert_cmpuint (sg_past_posts_page_get_n_posts (page), ==, 15);
  g_assert_nonnull (strstr (label_of (w, "summary"), "40 posts checked in tweets.js"));
  gtk_editable_set_text (GTK_EDITABLE (sg_test_find_by_label (w, "Search past posts")),
                         "bed blockers");
  sg_test_iterate (400);
  for (guint nth = 0; (row = sg_test_past_post_row_with_text (w, RESPECT_POST, nth)) != NULL; nth++)
    if (sg_audit_item_get_status (sg_past_post_row_get_item (row)) == SG_AUDIT_STATUS_KEPT)
      break;
  g_assert_nonnull (row);
  g_assert_cmpint (sg_audit_item_get_status (sg_past_post_row_get_item (row)), ==,
                   SG_AUDIT_STATUS_KEPT);
  g_assert_cmpstr (label_of (GTK_WIDGET (row), "review-status"), ==,
                   "Kept after review: Said in 2016 about the system, not patients");
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
dialog_shown (gpointer data)
{
  GtkWindow *dialog = sg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
audit_is (gpointer data)
{
  SgPastPostsPage *page = sg_test_past_posts_page (app);

  return !sg_past_posts_page_is_running (page) &&
         sg_past_posts_page_get_audit_id (page) == *(gint64 *) data;
}

/* The largest time the main loop went without running a 5 ms timeout. */
typedef struct {
  gint64 last;
  gint64 max_gap;
  gint64 max_at;    /* when it ended */
} Gaps;

static gboolean
gap_tick_cb (gpointer data)
{
  Gaps *g = data;
  gint64 now = g_get_monotonic_time ();

  if (now - g->last > g->max_gap)
    {
      g->max_gap = now - g->last;
      g->max_at = now;
    }
  g->last = now;
  return G_SOURCE_CONTINUE;
}

static gboolean
redraw_cb (gpointer window)
{
  gtk_widget_queue_draw (window);
  return G_SOURCE_CONTINUE;
}

static gboolean
audit_is_not (gpointer data)
{
  SgPastPostsPage *page = sg_test_past_posts_page (app);

  return !sg_past_posts_page_is_running (page) &&
         sg_past_posts_page_get_audit_id (page) != *(gint64 *) data;
}

static gboolean
some_shown_not_all (gpointer page)
{
  guint n = sg_past_posts_page_get_n_shown (page);

  return n > 0 && n < sg_past_posts_page_get_n_posts (page);
}

static gboolean
respect_row_made (gpointer page)
{
  return sg_test_past_post_row_with_text (page, RESPECT_POST, 0) != NULL;
}

/* A long audit shows how far it is, can be stopped (what was checked is kept), and an audit
 * is deleted in one action, after a confirmation. */
static void
test_stop_and_delete (void)
{
  SgPastPostsPage *page = sg_test_past_posts_page (app);
  GtkWidget *w = GTK_WIDGET (page);
  g_autofree char *path = write_archive ("big-tweets.js", 60000);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) audits = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;
  gint64 stopped;
  Gaps gaps = { g_get_monotonic_time (), 0, 0 };
  gint64 started;
  guint tick = g_timeout_add (5, gap_tick_cb, &gaps);
  guint redraw = g_timeout_add (16, redraw_cb, sg_test_app_window (app));

  /* For comparison: the window redrawn every frame, nothing else happening. */
  sg_test_iterate (1000);
  g_source_remove (redraw);
  g_test_message ("largest main-loop gap redrawing the window, for comparison: %.1f ms",
                  gaps.max_gap / 1e3);
  gaps.max_gap = 0;
  gaps.last = g_get_monotonic_time ();

  started = g_get_monotonic_time ();
  sg_past_posts_page_import (page, file);
  g_assert_true (sg_test_wait (running_with_progress, page, 20000));
  /* Let it run a while with the page showing its progress. */
  sg_test_iterate (2000);
  g_test_message ("largest main-loop gap while the audit ran: %.1f ms, ending %.0f ms after "
                  "the import began", gaps.max_gap / 1e3, (gaps.max_at - started) / 1e3);
  g_assert_true (g_regex_match_simple ("^[0-9,]+ of about [0-9,]+ posts checked$",
                                       label_of (w, "progress"), 0, 0));
  {
    g_autofree char *png = sg_test_save_png (GTK_WIDGET (sg_test_app_window (app)), "past-posts-progress");
    g_test_message ("Screenshot: %s", png);
  }
  g_test_message ("progress shown at %" G_GINT64_FORMAT " ms", g_get_monotonic_time () / 1000);
  gaps.max_gap = 0;
  gaps.last = g_get_monotonic_time ();
  gtk_widget_activate (sg_test_find_by_label (w, "Stop audit"));
  g_assert_true (sg_test_wait (not_running, page, 20000));
  g_assert_true (sg_test_wait (audit_is_not, &first_audit, 5000));
  stopped = sg_past_posts_page_get_audit_id (page);
  sg_test_iterate (200);
  g_source_remove (tick);
  g_test_message ("largest main-loop gap from Stop to showing the %u posts it flagged: %.1f ms",
                  sg_past_posts_page_get_n_posts (page), gaps.max_gap / 1e3);

  /* Thousands of flagged posts are listed a page at a time. */
  g_assert_cmpuint (sg_past_posts_page_get_n_posts (page), >, 50);
  g_assert_nonnull (strstr (label_of (w, "more"), "Showing the first 25 of"));
  gaps.max_gap = 0;
  gaps.last = g_get_monotonic_time ();
  tick = g_timeout_add (5, gap_tick_cb, &gaps);
  gtk_widget_activate (sg_test_find_by_label (w, "Show more posts"));
  g_assert_true (sg_test_wait (showing_50, w, 5000));
  sg_test_iterate (300);
  g_source_remove (tick);
  g_test_message ("largest main-loop gap showing 25 more: %.1f ms", gaps.max_gap / 1e3);
  g_assert_nonnull (strstr (label_of (w, "more"), "Showing the first 50 of"));
  /* The rows shown have their posts' text; the page holds no more bodies than it keeps. */
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();

    sg_test_collect_past_post_rows (sg_test_find_by_label (w, "Posts needing attention"), rows);
    g_assert_cmpuint (rows->len, >, 0);
    for (guint i = 0; i < rows->len; i++)
      g_assert_cmpstr (sg_audit_item_get_text (sg_past_post_row_get_item (rows->pdata[i])), !=,
                       "");
  }
  g_test_message ("posts held with their text: %u of %u", sg_past_posts_page_get_n_bodies (page),
                  sg_past_posts_page_get_n_posts (page));
  g_assert_cmpuint (sg_past_posts_page_get_n_bodies (page), >=, 25);
  g_assert_cmpuint (sg_past_posts_page_get_n_bodies (page), <=, 200);
  /* A search reads the texts from the store: it finds posts whose rows were never made, and
   * their rows show them. */
  gtk_editable_set_text (GTK_EDITABLE (sg_test_find_by_label (w, "Search past posts")),
                         "BED BLOCKERS");
  g_assert_true (sg_test_wait (some_shown_not_all, page, 5000));
  g_assert_true (sg_test_wait (respect_row_made, w, 5000));
  g_assert_cmpuint (sg_past_posts_page_get_n_bodies (page), <=, 200 + 25);
  gtk_editable_set_text (GTK_EDITABLE (sg_test_find_by_label (w, "Search past posts")), "");
  sg_test_iterate (400);
  g_assert_cmpuint (sg_past_posts_page_get_n_shown (page), ==,
                    sg_past_posts_page_get_n_posts (page));
  g_test_message ("stopped shown at %" G_GINT64_FORMAT " ms", g_get_monotonic_time () / 1000);
  g_assert_cmpint (stopped, !=, first_audit);
  g_assert_nonnull (strstr (label_of (w, "notes"), "stopped before the end"));

  /* Delete it: confirm, and the earlier audit is shown. */
  g_assert_true (gtk_widget_activate_action (w, "past-posts.delete-audit", NULL));
  g_assert_true (sg_test_wait (dialog_shown, NULL, 5000));
  dialog = sg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_test_message ("dialog at %" G_GINT64_FORMAT " ms", g_get_monotonic_time () / 1000);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  gtk_window_destroy (dialog);
  if (!sg_test_wait (audit_is, &first_audit, 30000))
    g_error ("shown %" G_GINT64_FORMAT " running %d, want %" G_GINT64_FORMAT,
             sg_past_posts_page_get_audit_id (page), sg_past_posts_page_is_running (page),
             first_audit);

  audits = sg_audits_list (sg_context_get_store (sg_application_get_context (app)), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audits->len, ==, 1);
  g_assert_cmpint (((SgAuditRecord *) g_ptr_array_index (audits, 0))->id, ==, first_audit);
  g_unlink (path);
}

static GtkDropTarget *
drop_target_of (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }
  return NULL;
}

/* A file dropped on the page is audited like one chosen with Import. Xvfb has no drag source
 * to drag a file from, so the drop target's "drop" is emitted with the value GTK hands it
 * when a file manager's text/uri-list is dropped: a GFile. Anything else is refused. */
static void
test_drop (void)
{
  SgPastPostsPage *page = sg_test_past_posts_page (app);
  GtkDropTarget *target = drop_target_of (GTK_WIDGET (page));
  g_autofree char *path = write_archive ("dropped-tweets.js", 16);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GValue value = G_VALUE_INIT;
  gboolean accepted = TRUE;
  gsize n_types = 0;
  const GType *types;
  gint64 before = sg_past_posts_page_get_audit_id (page);

  g_assert_nonnull (target);
  g_assert_true (sg_test_wait (audit_is, &before, 5000));
  /* It asks for files, so a drop from a file manager reaches it as one. */
  types = gtk_drop_target_get_gtypes (target, &n_types);
  g_assert_cmpuint (n_types, ==, 1);
  g_assert_true (types[0] == G_TYPE_FILE);
  g_assert_true (gdk_drag_action_is_unique (gtk_drop_target_get_actions (target)));
  g_assert_true (gtk_drop_target_get_actions (target) & GDK_ACTION_COPY);

  /* Text is not a file: refused, and nothing starts. */
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, path);
  g_signal_emit_by_name (target, "drop", &value, 20.0, 20.0, &accepted);
  g_value_unset (&value);
  g_assert_false (accepted);
  g_assert_false (sg_past_posts_page_is_running (page));

  g_value_init (&value, G_TYPE_FILE);
  g_value_set_object (&value, file);
  g_signal_emit_by_name (target, "drop", &value, 20.0, 20.0, &accepted);
  g_assert_true (accepted);
  g_assert_true (sg_past_posts_page_is_running (page));
  /* A second drop while it runs is refused rather than queued. */
  g_signal_emit_by_name (target, "drop", &value, 20.0, 20.0, &accepted);
  g_assert_false (accepted);
  g_value_unset (&value);

  g_assert_true (sg_test_wait (audit_is_not, &before, 20000));
  g_assert_true (sg_test_wait (sg_test_past_posts_audit_shown, page, 5000));
  sg_test_iterate (100);
  /* Three of each eight texts are flagged: the respect, defamation and drunk posts. */
  g_assert_cmpuint (sg_past_posts_page_get_n_posts (page), ==, 6);
  g_assert_nonnull (strstr (label_of (GTK_WIDGET (page), "summary"),
                            "16 posts checked in dropped-tweets.js"));
  g_unlink (path);

  /* Both audits deleted: the page is empty again, its list too. */
  for (guint i = 0; i < 2; i++)
    {
      gint64 shown = sg_past_posts_page_get_audit_id (page);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "past-posts.delete-audit",
                                                 NULL));
      g_assert_true (sg_test_wait (dialog_shown, NULL, 5000));
      sg_test_respond (ADW_MESSAGE_DIALOG (sg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)),
                       "delete");
      g_assert_true (sg_test_wait (audit_is_not, &shown, 10000));
    }
  g_assert_cmpint (sg_past_posts_page_get_audit_id (page), ==, 0);
  g_assert_cmpuint (sg_past_posts_page_get_n_posts (page), ==, 0);
  g_assert_cmpuint (sg_past_posts_page_get_n_shown (page), ==, 0);
}

/* The empty page's Import Archive… button pressed with the keyboard: without a portal
 * GtkFileChooserNative shows GTK's own dialog in this process, so the archive's path is typed
 * into it and Return opens it, and the audit runs as when a file is dropped. */
static void
test_import_chooser (void)
{
  SgPastPostsPage *page = sg_test_past_posts_page (app);
  GtkWindow *window = GTK_WINDOW (sg_test_app_window (app));
  g_autofree char *path = write_archive ("chosen-tweets.js", 8);
  GtkWidget *button;
  gint64 none = 0;

  g_assert_true (sg_test_x11_available ());
  g_assert_cmpint (sg_past_posts_page_get_audit_id (page), ==, 0);
  gtk_window_present (window);
  sg_test_iterate (200);
  sg_test_x11_focus (GTK_WIDGET (window));
  button = sg_test_find_mapped_button (GTK_WIDGET (page), "_Import Archive…");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_grab_focus (button));
  sg_test_iterate (50);
  sg_test_press_keys ("space");
  g_assert_true (sg_test_wait (sg_test_toplevel_shown,
                               GSIZE_TO_POINTER (GTK_TYPE_FILE_CHOOSER_DIALOG), 5000));
  g_assert_true (gtk_window_get_modal (sg_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG)));
  sg_test_x11_choose_file ("Import an Archive of Your Posts", path);

  g_assert_true (sg_test_wait (audit_is_not, &none, 20000));
  g_assert_true (sg_test_wait (sg_test_past_posts_audit_shown, page, 5000));
  sg_test_iterate (100);
  g_assert_cmpuint (sg_past_posts_page_get_n_posts (page), ==, 3);
  g_assert_nonnull (strstr (label_of (GTK_WIDGET (page), "summary"),
                            "8 posts checked in chosen-tweets.js"));
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  char *home = sg_test_gui_init (&argc, &argv);
  int ret;

  archive_dir = g_build_filename (home, "Downloads", NULL);
  g_mkdir_with_parents (archive_dir, 0700);
  app = sg_application_new ();
  g_test_add_func ("/sg/past-posts/shortcut-and-empty", test_shortcut_and_empty);
  g_test_add_func ("/sg/past-posts/import-review", test_import_review);
  g_test_add_func ("/sg/past-posts/reopened", test_reopened);
  g_test_add_func ("/sg/past-posts/stop-and-delete", test_stop_and_delete);
  g_test_add_func ("/sg/past-posts/drop", test_drop);
  g_test_add_func ("/sg/past-posts/import-chooser", test_import_chooser);

  ret = sg_test_gui_run ((GApplication **) &app, home);
  g_free (archive_dir);
  return ret;
}
