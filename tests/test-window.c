/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window as a user meets it: it opens, with only what its first frame shows built
 * by then, every page is reachable by its action and shortcut, the About, Preferences and
 * Shortcuts windows open, and the size is remembered. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "sg-toast.h"
#include "sg-application.h"
#include "sg-compose-page.h"
#include "sg-export.h"
#include "sg-guidance-window.h"
#include "sg-preferences-window.h"
#include "sg-spell-checker.h"
#include "sg-test-app.h"
#include "sg-test-gui.h"
#include "sg-window.h"

static SgApplication *app;

static SgContext *
context (void)
{
  return sg_application_get_context (app);
}

static gboolean
window_mapped (gpointer data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window)) &&
         gtk_widget_get_width (GTK_WIDGET (window)) > 0;
}

static gboolean
focus_in_editor (gpointer data)
{
  return GTK_IS_TEXT_VIEW (gtk_window_get_focus (GTK_WINDOW (sg_test_app_window (app))));
}

static void
test_opens (void)
{
  g_autofree char *path = NULL;

  g_assert_true (sg_test_wait (window_mapped, NULL, 5000));
  g_assert_true (sg_test_wait (sg_test_app_store_ready, app, 5000));
  g_assert_null (sg_context_get_store_error (context ()));
  g_assert_cmpstr (sg_window_get_page (sg_test_app_window (app)), ==, "compose");
  g_assert_true (g_file_test (sg_context_get_store_path (context ()), G_FILE_TEST_IS_REGULAR));
  /* The cursor starts in the draft (issue 20 point 4: it took 13 Tabs). */
  g_assert_true (sg_test_wait (focus_in_editor, NULL, 5000));

  sg_test_iterate (200);
  path = sg_test_save_png (GTK_WIDGET (sg_test_app_window (app)), "main-window");
  g_test_message ("Screenshot: %s", path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* What was already built when the window painted its first frame. */
typedef struct {
  gboolean painted;
  gboolean shortcuts_window;
  gboolean main_menu;
  gboolean drafts_list;
  gboolean find_bar;
  gboolean switcher_bar;
  gboolean dictionary;
  gboolean rules;
  gboolean other_pages;
  gboolean photo_menu;
  gboolean svg_renderer;
  gboolean window_icon;
  gboolean icon_resources;
} FirstFrame;

/* Whether a shared library whose file name contains @name is mapped into this process. */
static gboolean
library_loaded (const char *name)
{
  g_autofree char *maps = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  return strstr (maps, name) != NULL;
}

static GtkWidget *
find_by_type (GtkWidget *root,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_by_type (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
first_paint_cb (GdkFrameClock *clock,
                FirstFrame    *seen)
{
  SgWindow *window = sg_test_app_window (app);
  SgComposePage *page = sg_window_get_compose_page (window);
  GtkWidget *bar = find_by_type (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR);
  const char *others[] = { "privacy", "interests", "history", "past-posts" };

  g_signal_handlers_disconnect_by_func (clock, first_paint_cb, seen);
  seen->painted = TRUE;
  seen->shortcuts_window =
    gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)) != NULL ||
    sg_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW) != NULL;
  seen->main_menu = gtk_menu_button_get_popover (GTK_MENU_BUTTON (
    sg_test_find_by_label (GTK_WIDGET (window), "Main Menu"))) != NULL;
  seen->drafts_list = gtk_menu_button_get_popover (GTK_MENU_BUTTON (
    sg_test_find_by_label (GTK_WIDGET (page), "Drafts"))) != NULL;
  seen->find_bar = sg_test_find_by_label (GTK_WIDGET (page), "Find in the draft") != NULL;
  seen->switcher_bar = bar == NULL || adw_view_switcher_bar_get_stack (ADW_VIEW_SWITCHER_BAR (bar));
  seen->dictionary =
    sg_spell_checker_get_language (sg_compose_page_get_spell_checker (page)) != NULL;
  seen->rules = sg_context_get_analyzer (context ()) != NULL;
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    seen->other_pages |= sg_window_is_page_built (window, others[i]);
  seen->photo_menu = adw_split_button_get_menu_model (ADW_SPLIT_BUTTON (
    sg_test_find_by_label (GTK_WIDGET (page), "Attach Photos"))) != NULL;
  /* The window's icon, handed to the X window manager as pixels, comes from a PNG. */
  seen->svg_renderer = library_loaded ("librsvg");
}

/* Seen as the first frame starts painting: the application's own after-paint handler, which
 * runs before the test's, is where these two may come. */
static void
first_before_paint_cb (GdkFrameClock *clock,
                       FirstFrame    *seen)
{
  g_signal_handlers_disconnect_by_func (clock, first_before_paint_cb, seen);
  /* Nothing has made GTK read the icon theme again, and the window's icon (drawn at seven
   * sizes for X11) waits: both came before the first frame and made it 1.48x a bare window's. */
  seen->window_icon = gtk_window_get_icon_name (GTK_WINDOW (sg_test_app_window (app))) != NULL ||
                      gtk_window_get_default_icon_name () != NULL;
  {
    g_auto(GStrv) paths = gtk_icon_theme_get_resource_path (
      gtk_icon_theme_get_for_display (gdk_display_get_default ()));

    seen->icon_resources = paths != NULL &&
                           g_strv_contains ((const char * const *) paths,
                                            "/org/example/SocialGuard/icons");
  }
}

static gboolean
window_icon_in (gpointer window)
{
  return g_strcmp0 (gtk_window_get_icon_name (window), "org.example.SocialGuard") == 0;
}

static gboolean
photo_menu_in (gpointer button)
{
  return adw_split_button_get_menu_model (button) != NULL;
}

static gboolean
window_painted (gpointer data)
{
  return ((FirstFrame *) data)->painted;
}

static gboolean
dictionary_in (gpointer data)
{
  SgSpellChecker *spell = sg_compose_page_get_spell_checker (
    sg_window_get_compose_page (sg_test_app_window (app)));

  return g_strcmp0 (sg_spell_checker_get_language (spell), "en_GB") == 0;
}

static gboolean
popover_shown (gpointer button)
{
  GtkPopover *popover = gtk_menu_button_get_popover (button);

  return popover != NULL && gtk_widget_get_mapped (GTK_WIDGET (popover));
}

/* The first frame waits for nothing it does not show (issue 15): at that frame the Shortcuts
 * window, the main menu's, the drafts list's and the photo tools' popovers, the find bar, the
 * bottom switcher bar, the spelling dictionary, the rules and the other pages are not built yet,
 * and no SVG renderer is loaded for the window's icon. Each still
 * works when asked for at once: real Ctrl+? and F10 presses straight after. Runs first, so it
 * sees the application's very first frame. */
static void
test_first_frame (void)
{
  SgWindow *window = sg_test_app_window (app);
  GtkWidget *menu_button = sg_test_find_by_label (GTK_WIDGET (window), "Main Menu");
  FirstFrame seen = { 0 };

  g_assert_true (gtk_widget_get_realized (GTK_WIDGET (window)));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "before-paint",
                    G_CALLBACK (first_before_paint_cb), &seen);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (first_paint_cb), &seen);
  g_assert_true (sg_test_wait (window_painted, &seen, 5000));
  g_assert_false (seen.shortcuts_window);
  g_assert_false (seen.main_menu);
  g_assert_false (seen.drafts_list);
  g_assert_false (seen.find_bar);
  g_assert_false (seen.switcher_bar);
  g_assert_false (seen.dictionary);
  g_assert_false (seen.rules);
  g_assert_false (seen.other_pages);
  g_assert_false (seen.photo_menu);
  g_assert_false (seen.svg_renderer);
  g_assert_false (seen.window_icon);
  g_assert_false (seen.icon_resources);

  /* What loads after the first frame comes in by itself. */
  g_assert_true (sg_test_wait (photo_menu_in, sg_test_find_by_label (GTK_WIDGET (window),
                                                                      "Attach Photos"), 5000));
  g_assert_true (sg_test_wait (dictionary_in, NULL, 10000));
  g_assert_true (sg_test_wait (sg_test_app_ready, app, 10000));
  g_assert_true (sg_test_wait (focus_in_editor, NULL, 5000));
  g_assert_true (sg_test_wait (window_icon_in, window, 5000));
  g_assert_cmpstr (gtk_window_get_default_icon_name (), ==, "org.example.SocialGuard");

  /* Ctrl+? builds and shows the Shortcuts window on the spot, and F10 the main menu. */
  sg_test_focus_window (GTK_WINDOW (window));
  sg_test_press_keys ("ctrl+question");
  g_assert_true (sg_test_wait (sg_test_toplevel_shown,
                               GSIZE_TO_POINTER (GTK_TYPE_SHORTCUTS_WINDOW), 5000));
  /* Without a window manager the X focus stays with the main window: closed by hand. */
  gtk_widget_set_visible (GTK_WIDGET (sg_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW)), FALSE);
  sg_test_focus_window (GTK_WINDOW (window));
  sg_test_press_keys ("F10");
  g_assert_true (sg_test_wait (popover_shown, menu_button, 5000));
  sg_test_press_keys ("Escape");
  sg_test_iterate (200);
  g_assert_false (popover_shown (menu_button));
  /* The menu hands the focus back to its button; the next test looks for the launch focus. */
  gtk_widget_grab_focus (sg_test_find_by_label (GTK_WIDGET (window), "Draft"));
}

/* Narrower than the switcher in the title: the bottom bar is given the stack and slides in. */
static gboolean
switcher_bar_revealed (gpointer bar)
{
  return gtk_widget_get_mapped (bar) && adw_view_switcher_bar_get_reveal (bar) &&
         adw_view_switcher_bar_get_stack (bar) != NULL;
}

static void
test_narrow_switcher_bar (void)
{
  GtkWindow *window = GTK_WINDOW (sg_test_app_window (app));
  GtkWidget *bar = find_by_type (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR);
  int width, height;

  g_assert_nonnull (bar);
  gtk_window_get_default_size (window, &width, &height);
  gtk_window_set_default_size (window, 400, 700);
  g_assert_true (sg_test_wait (switcher_bar_revealed, bar, 5000));
  g_assert_nonnull (sg_test_find_by_label (bar, "Past Posts"));
  sg_test_iterate (300);
  {
    g_autofree char *shot = sg_test_save_png (GTK_WIDGET (window), "main-window-narrow");

    g_test_message ("Screenshot: %s", shot);
  }
  gtk_window_set_default_size (window, width, height);
  sg_test_iterate (300);
}

static gboolean
privacy_built (gpointer data)
{
  return sg_window_is_page_built (sg_test_app_window (app), "privacy");
}

/* Only Compose is built with the window; the other pages when first shown or asked for.
 * Privacy follows the first frame by itself, because its tab carries the "review due" badge. */
static void
test_pages_built_when_shown (void)
{
  SgWindow *window = sg_test_app_window (app);
  AdwViewStack *stack;
  GtkWidget *page;

  g_assert_true (sg_test_wait (window_mapped, NULL, 5000));
  g_assert_cmpstr (sg_window_get_page (window), ==, "compose");
  g_assert_true (sg_window_is_page_built (window, "compose"));
  g_assert_false (sg_window_is_page_built (window, "interests"));
  g_assert_false (sg_window_is_page_built (window, "history"));
  g_assert_false (sg_window_is_page_built (window, "past-posts"));
  g_assert_true (sg_test_wait (privacy_built, NULL, 5000));

  /* Showing a page builds it, inside the stack page that was there all along. */
  sg_window_set_page (window, "history");
  g_assert_true (sg_window_is_page_built (window, "history"));
  page = GTK_WIDGET (sg_window_get_history_page (window));
  stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (page, ADW_TYPE_VIEW_STACK));
  g_assert_nonnull (stack);
  g_assert_true (gtk_widget_is_ancestor (page, adw_view_stack_get_visible_child (stack)));
  g_assert_true (sg_test_wait (window_mapped, NULL, 5000));
  sg_test_iterate (50);
  g_assert_true (gtk_widget_get_mapped (page));
  g_assert_false (sg_window_is_page_built (window, "interests"));

  /* Asking for a page builds it without showing it. */
  g_assert_nonnull (sg_window_get_past_posts_page (window));
  g_assert_true (sg_window_is_page_built (window, "past-posts"));
  g_assert_cmpstr (sg_window_get_page (window), ==, "history");
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (sg_window_get_past_posts_page (window))));

  sg_window_set_page (window, "compose");
}

static void
test_pages (void)
{
  const char *pages[] = { "privacy", "interests", "history", "compose" };
  SgWindow *window = sg_test_app_window (app);
  GSettings *settings = sg_context_get_settings (context ());

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *saved = NULL;
      g_autoptr(GVariant) state = NULL;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "s",
                                                 pages[i]));
      g_assert_cmpstr (sg_window_get_page (window), ==, pages[i]);
      saved = g_settings_get_string (settings, "last-page");
      g_assert_cmpstr (saved, ==, pages[i]);
    }

  /* An unknown page name changes nothing. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "s", "nowhere");
  g_assert_cmpstr (sg_window_get_page (window), ==, "compose");
}

static void
test_page_shortcuts (void)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                 "win.page::history");

  g_assert_nonnull (accels);
  g_assert_cmpstr (accels[0], ==, "<Alt>4");
}

static void
test_about (void)
{
  GtkWindow *about;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  g_assert_true (sg_test_wait (sg_test_toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_ABOUT_WINDOW), 5000));
  about = sg_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==,
                   "SocialGuard");
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  /* Its icon is there even uninstalled (it showed a broken-image icon): it ships in the
   * resources, which the icon theme searches. */
  g_assert_cmpstr (adw_about_window_get_application_icon (ADW_ABOUT_WINDOW (about)), ==,
                   "org.example.SocialGuard");
  g_assert_true (gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                          "org.example.SocialGuard"));
  sg_test_iterate (200);
  {
    g_autofree char *shot = sg_test_save_png (GTK_WIDGET (about), "about");
    g_test_message ("Screenshot: %s", shot);
  }
  gtk_window_destroy (about);
}

/* The main menu offers the style: follow the system, light or dark; the choice is kept. */
static void
collect_style_targets (GMenuModel *model,
                       GString    *out)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *action = NULL;
      g_autofree char *target = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      if (section != NULL)
        collect_style_targets (section, out);
      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &action) &&
          g_str_equal (action, "app.style") &&
          g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_TARGET, "s", &target))
        g_string_append_printf (out, "%s ", target);
    }
}

static void
test_style (void)
{
  GSettings *settings = sg_context_get_settings (sg_application_get_context (app));
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkWidget *button = sg_test_find_by_label (GTK_WIDGET (sg_test_app_window (app)), "Main Menu");
  g_autoptr(GString) targets = g_string_new (NULL);
  g_autofree char *style = NULL;

  g_assert_true (GTK_IS_MENU_BUTTON (button));
  /* The menu is made when it first opens, as a user opens it. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  collect_style_targets (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)), targets);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  g_assert_cmpstr (targets->str, ==, "system light dark ");

  g_action_group_activate_action (G_ACTION_GROUP (app), "style", g_variant_new_string ("dark"));
  style = g_settings_get_string (settings, "style");
  g_assert_cmpstr (style, ==, "dark");
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (manager));
  sg_test_iterate (200);
  {
    g_autofree char *shot = sg_test_save_png (GTK_WIDGET (sg_test_app_window (app)), "window-dark");
    g_test_message ("Screenshot: %s", shot);
  }
  g_action_group_activate_action (G_ACTION_GROUP (app), "style", g_variant_new_string ("light"));
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_false (adw_style_manager_get_dark (manager));
  g_action_group_activate_action (G_ACTION_GROUP (app), "style", g_variant_new_string ("system"));
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_DEFAULT);
}

/* The sources, grouped by whether they are in force, with the current edition first. */
static gboolean
analyzer_ready (gpointer data)
{
  return sg_context_get_analyzer (context ()) != NULL;
}

static void
test_guidance_sources (void)
{
  GtkWindow *window;

  g_assert_true (sg_test_wait (analyzer_ready, NULL, 10000));
  g_action_group_activate_action (G_ACTION_GROUP (app), "guidance", NULL);
  g_assert_true (sg_test_wait (sg_test_toplevel_shown, GSIZE_TO_POINTER (SG_TYPE_GUIDANCE_WINDOW), 5000));
  window = sg_test_find_toplevel (SG_TYPE_GUIDANCE_WINDOW);
  sg_test_iterate (50);
  g_assert_nonnull (sg_test_find_label_text (GTK_WIDGET (window), "In force"));
  g_assert_nonnull (sg_test_find_label_text (GTK_WIDGET (window), "Withdrawn"));
  g_assert_nonnull (sg_test_find_label_text (GTK_WIDGET (window),
                                             "GMC, Using social media as a medical professional"));
  g_assert_nonnull (sg_test_find_label_text (GTK_WIDGET (window),
                                             "Edition: 2013 · withdrawn 30 January 2024 · "
                                             "checked 5 December 2026"));
  g_assert_nonnull (sg_test_find_by_label (GTK_WIDGET (window),
                                           "Open GMC, Good medical practice"));
  {
    g_autofree char *path = sg_test_save_png (GTK_WIDGET (window), "guidance-sources");
    g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  }
  gtk_window_destroy (window);
}

/* Exports are written off the main loop, readable by the user only, and say so. */
static gboolean
file_written (gpointer path)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (path, &contents, NULL, NULL) && g_str_equal (contents, "<p>appraisal</p>");
}

/* A file manager on the test's own session bus, as Files provides it: ShowItems (uris,
 * startup id). */
static char *shown_uri;

static void
file_manager_call (GDBusConnection       *connection,
                   const char            *sender,
                   const char            *object_path,
                   const char            *interface_name,
                   const char            *method_name,
                   GVariant              *parameters,
                   GDBusMethodInvocation *invocation,
                   gpointer               user_data)
{
  g_autofree const char **uris = NULL;
  const char *startup = NULL;

  g_variant_get (parameters, "(^a&s&s)", &uris, &startup);
  g_free (shown_uri);
  shown_uri = g_strdup (uris[0]);
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static gboolean
shown (gpointer data)
{
  return shown_uri != NULL;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0 &&
      gtk_widget_get_mapped (root))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
button_shown (gpointer label)
{
  return find_button (GTK_WIDGET (sg_test_app_window (app)), label) != NULL;
}

static void
test_export_write (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sg-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "history.html", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GDBusNodeInfo) node = g_dbus_node_info_new_for_xml (
    "<node><interface name='org.freedesktop.FileManager1'><method name='ShowItems'>"
    "<arg type='as' name='uris' direction='in'/><arg type='s' name='startup_id' direction='in'/>"
    "</method></interface></node>", NULL);
  const GDBusInterfaceVTable vtable = { file_manager_call, NULL, NULL, { 0 } };
  guint registration, owner;
  GStatBuf st;

  g_assert_nonnull (bus);
  registration = g_dbus_connection_register_object (bus, "/org/freedesktop/FileManager1",
                                                    node->interfaces[0], &vtable, NULL, NULL, NULL);
  owner = g_bus_own_name_on_connection (bus, "org.freedesktop.FileManager1",
                                        G_BUS_NAME_OWNER_FLAGS_NONE, NULL, NULL, NULL, NULL);

  /* From a page, as the pages export (the toast overlay is above them). */
  sg_export_write (GTK_WIDGET (sg_window_get_compose_page (sg_test_app_window (app))), file,
                   g_strdup ("<p>appraisal</p>"), "Exported");
  g_assert_true (sg_test_wait (file_written, path, 5000));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* The toast offers Show in Files, which asks the file manager to show this very file. */
  g_assert_true (sg_test_wait (button_shown, (gpointer) "Show in _Files", 5000));
  g_signal_emit_by_name (find_button (GTK_WIDGET (sg_test_app_window (app)), "Show in _Files"), "clicked");
  g_assert_true (sg_test_wait (shown, NULL, 5000));
  g_assert_cmpstr (shown_uri, ==, uri);
  g_bus_unown_name (owner);
  g_dbus_connection_unregister_object (bus, registration);
  g_remove (path);
  g_rmdir (dir);
}

static void
test_preferences (void)
{
  GSettings *settings = sg_context_get_settings (context ());
  GtkWindow *prefs;
  g_autofree char *platform = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  g_assert_true (sg_test_wait (sg_test_toplevel_shown,
                               GSIZE_TO_POINTER (SG_TYPE_PREFERENCES_WINDOW), 5000));
  prefs = sg_test_find_toplevel (SG_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);

  /* Settings and widgets are bound both ways. */
  g_settings_set_string (settings, "default-platform", "mastodon");
  g_settings_set_uint (settings, "review-interval-days", 30);
  sg_test_iterate (50);
  {
    GtkWidget *w = GTK_WIDGET (prefs);
    g_autofree char *path = sg_test_save_png (w, "preferences");
    g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  }

  /* The role is bound both ways and reaches the analyzer. */
  g_settings_set_string (settings, "my-role", "medical-student");
  sg_test_iterate (50);
  g_assert_true (sg_test_wait (analyzer_ready, NULL, 10000));
  g_assert_cmpint (sg_analyzer_get_role (sg_context_get_analyzer (context ())), ==,
                   SG_ROLE_MEDICAL_STUDENT);
  g_settings_reset (settings, "my-role");
  sg_test_iterate (10);
  g_assert_cmpint (sg_analyzer_get_role (sg_context_get_analyzer (context ())), ==, SG_ROLE_DOCTOR);

  /* An ignored rule is listed and can be restored. */
  {
    const char *ignored[] = { "respect.profanity", NULL };
    GtkWidget *button;

    g_settings_set_strv (settings, "ignored-rules", ignored);
    sg_test_iterate (50);
    button = sg_test_find_by_label (GTK_WIDGET (prefs), "Restore rule");
    g_assert_nonnull (button);
    g_signal_emit_by_name (button, "clicked");
    g_assert_cmpuint (g_strv_length (g_settings_get_strv (settings, "ignored-rules")), ==, 0);
  }
  gtk_window_destroy (prefs);

  platform = g_settings_get_string (settings, "default-platform");
  g_assert_cmpstr (platform, ==, "mastodon");
  g_settings_reset (settings, "default-platform");
  g_settings_reset (settings, "review-interval-days");
}

static void
collect_shortcuts (GtkWidget *root,
                   GString   *out)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (root))
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *action = NULL;

      g_object_get (root, "accelerator", &accelerator, "action-name", &action, NULL);
      g_string_append_printf (out, "%s %s ", accelerator ? accelerator : "", action ? action : "");
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_shortcuts (c, out);
}

static void
test_shortcuts_window (void)
{
  GtkWindow *shortcuts;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sg_test_app_window (app)),
                                             "win.show-help-overlay", NULL));
  g_assert_true (sg_test_wait (sg_test_toplevel_shown, GSIZE_TO_POINTER (GTK_TYPE_SHORTCUTS_WINDOW),
                               5000));
  shortcuts = sg_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);

  /* Complete: every application shortcut and each of Compose's own keys is listed. */
  {
    g_autoptr(GString) listed = g_string_new (" ");
    g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
    const char *compose_keys[] = { "<Control>n", "<Control><Shift>c", "F6", "F9", "<Control>f",
                                   "<Control>z", NULL };

    collect_shortcuts (GTK_WIDGET (shortcuts), listed);
    for (guint i = 0; actions[i] != NULL; i++)
      {
        g_autofree char *name = NULL;
        g_autoptr(GVariant) target = NULL;

        g_assert_true (g_action_parse_detailed_name (actions[i], &name, &target, NULL));
        /* Listed by its action (the window shows its keys) or by its keys. */
        if (strstr (listed->str, name) == NULL)
          {
            g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                          actions[i]);
            g_autofree char *key = g_strdup_printf (" %s ", accels[0]);

            if (strstr (listed->str, key) == NULL)
              g_error ("%s (%s) is missing from the Shortcuts window", actions[i], accels[0]);
          }
      }
    for (guint i = 0; compose_keys[i] != NULL; i++)
      {
        g_autofree char *key = g_strdup_printf (" %s ", compose_keys[i]);
        if (strstr (listed->str, key) == NULL)
          g_error ("%s is missing from the Shortcuts window", compose_keys[i]);
      }
  }
  gtk_widget_set_visible (GTK_WIDGET (shortcuts), FALSE);
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static gboolean
file_gone (gpointer data)
{
  return !g_file_test (data, G_FILE_TEST_EXISTS);
}

/* Reminders on: an autostart entry runs --check-reminders at login; off: it is removed. */
static void
test_autostart (void)
{
  GSettings *settings = sg_context_get_settings (context ());
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "autostart",
                                            "org.example.SocialGuard-reminders.desktop", NULL);
  g_autofree char *contents = NULL;

  g_assert_true (sg_test_wait (file_exists, path, 5000));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "--check-reminders"));
  /* The entry is valid by the Desktop Entry Specification (Exec quoted with double quotes). */
  if (g_find_program_in_path ("desktop-file-validate") != NULL)
    {
      g_autofree char *out = NULL;
      g_autofree char *argv0 = g_find_program_in_path ("desktop-file-validate");
      const char *argv[] = { argv0, path, NULL };
      int status = -1;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                                   NULL, &out, NULL, &status, NULL));
      g_assert_cmpstr (out, ==, "");
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }
  g_assert_nonnull (strstr (contents, "Exec=\""));

  g_settings_set_boolean (settings, "reminders-enabled", FALSE);
  g_assert_true (sg_test_wait (file_gone, path, 5000));
  g_settings_set_boolean (settings, "reminders-enabled", TRUE);
  g_assert_true (sg_test_wait (file_exists, path, 5000));
}

static void
test_size_remembered (void)
{
  SgWindow *window = sg_test_app_window (app);
  GSettings *settings = sg_context_get_settings (context ());

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 800);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 600);
}

/* Any widget shows a toast in the overlay above it, without knowing the window; the text is
 * shown as it is (an "&" is not markup). */
static gboolean
toast_shown (gpointer root)
{
  /* The label's source: escaped, so the "&" is shown rather than breaking the markup. */
  return sg_test_find_label_text (root, "Saved to “A &amp; B.txt”") != NULL;
}

static void
test_toast_nearest_overlay (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new ("inside");

  gtk_box_append (GTK_BOX (box), label);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), box);
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  gtk_window_present (GTK_WINDOW (window));
  sg_toast_show (label, "Saved to “A & B.txt”");
  g_assert_true (sg_test_wait (toast_shown, window, 5000));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* sg_application_prepare_display() names libadwaita's empty theme while GTK makes its
 * settings, so GTK's own theme is never parsed; widgets must look exactly as they do without
 * it. main() does not prepare the display of this test's subprocess, which renders the same
 * widgets: the pixels must be the same. And the app's stylesheet, which AdwApplication no
 * longer loads (the app has no resource base path), applies. */
static GtkWidget *
sample_window (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *post = gtk_button_new_with_label ("Post");
  GtkWidget *discard = gtk_button_new_with_label ("Discard");
  GtkWidget *check = gtk_check_button_new_with_label ("Remind me");
  GtkWidget *ready = gtk_label_new ("Ready to post");
  GtkWidget *list = gtk_list_box_new ();

  gtk_widget_add_css_class (post, "suggested-action");
  gtk_widget_add_css_class (discard, "destructive-action");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  gtk_widget_add_css_class (ready, "sg-verdict-ready");
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), gtk_label_new ("A row"));
  gtk_box_append (GTK_BOX (box), post);
  gtk_box_append (GTK_BOX (box), discard);
  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), gtk_switch_new ());
  gtk_box_append (GTK_BOX (box), ready);
  gtk_box_append (GTK_BOX (box), list);
  gtk_window_set_titlebar (GTK_WINDOW (window), adw_header_bar_new ());
  gtk_window_set_title (GTK_WINDOW (window), "Sample");
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 320);
  gtk_window_present (GTK_WINDOW (window));
  sg_test_iterate (300);
  return window;
}

static GBytes *
png_pixels (const char *path,
            int        *width)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (path, &error);
  gsize stride;
  guchar *data;

  g_assert_no_error (error);
  *width = gdk_texture_get_width (texture);
  stride = (gsize) *width * 4;
  data = g_malloc (stride * gdk_texture_get_height (texture));
  gdk_texture_download (texture, data, stride);
  return g_bytes_new_take (data, stride * gdk_texture_get_height (texture));
}

static void
test_prepared_display (void)
{
  GtkWidget *window = sample_window ();
  g_autofree char *theme = NULL;
  g_autofree char *prepared = NULL;
  g_autofree char *unprepared = NULL;
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;
  GtkWidget *ready = sg_test_find_label_text (window, "Ready to post");
  GdkRGBA plain, marked;
  int width_a, width_b;

  if (g_test_subprocess ())
    {
      g_free (sg_test_save_png (window, "theme-unprepared"));
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }

  g_object_get (gtk_settings_get_default (), "gtk-theme-name", &theme, NULL);
  g_assert_cmpstr (theme, ==, "Adwaita-empty");
  prepared = sg_test_save_png (window, "theme-prepared");
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  {
    g_autofree char *dir = g_path_get_dirname (prepared);

    unprepared = g_build_filename (dir, "theme-unprepared.png", NULL);
  }
  a = png_pixels (prepared, &width_a);
  b = png_pixels (unprepared, &width_b);
  g_assert_cmpint (width_a, ==, width_b);
  g_assert_true (g_bytes_equal (a, b));

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (sg_test_find_label_text (window, "A row")),
                               &plain);
  gtk_style_context_get_color (gtk_widget_get_style_context (ready), &marked);
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_assert_false (gdk_rgba_equal (&plain, &marked));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Started where there is no display, the app says so plainly and stops; it used to crash
 * once main() had tried the display itself (GTK then counts itself initialised). */
static void
test_no_display (void)
{
  const char *app_path = g_getenv ("SG_APP");
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autofree char *err = NULL;

  g_assert_nonnull (app_path);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  proc = g_subprocess_launcher_spawn (launcher, &error, app_path, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, &err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 1);
  g_assert_nonnull (strstr (err, "could not open its window"));
  g_assert_null (strstr (err, "CRITICAL"));
}

int
main (int   argc,
      char *argv[])
{
  char *home = sg_test_gui_init (&argc, &argv);

  /* As main() does; not in the subprocess of /sg/window/prepared-display, its control. */
  if (!g_test_subprocess ())
    sg_application_prepare_display ();
  app = sg_application_new ();
  g_test_add_func ("/sg/window/first-frame", test_first_frame);
  g_test_add_func ("/sg/window/prepared-display", test_prepared_display);
  g_test_add_func ("/sg/window/no-display", test_no_display);
  g_test_add_func ("/sg/window/opens", test_opens);
  g_test_add_func ("/sg/window/narrow-switcher-bar", test_narrow_switcher_bar);
  g_test_add_func ("/sg/window/pages-built-when-shown", test_pages_built_when_shown);
  g_test_add_func ("/sg/window/pages", test_pages);
  g_test_add_func ("/sg/window/page-shortcuts", test_page_shortcuts);
  g_test_add_func ("/sg/window/about", test_about);
  g_test_add_func ("/sg/window/style", test_style);
  g_test_add_func ("/sg/window/preferences", test_preferences);
  g_test_add_func ("/sg/window/guidance-sources", test_guidance_sources);
  g_test_add_func ("/sg/window/export-write", test_export_write);
  g_test_add_func ("/sg/window/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/sg/window/autostart", test_autostart);
  g_test_add_func ("/sg/window/toast-nearest-overlay", test_toast_nearest_overlay);
  g_test_add_func ("/sg/window/size-remembered", test_size_remembered);

  return sg_test_gui_run ((GApplication **) &app, home);
}
