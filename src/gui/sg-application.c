/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib-unix.h>
#include <stdlib.h>

#include <glib/gi18n.h>

#include "sg-application.h"
#include "sg-draft-photos.h"
#include "sg-error.h"
#include "sg-guidance-window.h"
#include "sg-preferences-window.h"
#include "sg-reminders.h"
#include "sg-server-limits.h"
#include "sg-store-job.h"
#include "sg-window.h"
#include "sg-worker.h"

#define RESOURCE_PATH "/org/example/SocialGuard"

/* sg_application_prepare_display() could not open the display. */
static gboolean no_display;

static void add_icon_resources (void);

struct _SgApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  SgContext      *context;        /* what the pages see of all this */
  SgServerLimits *server_limits;
  GCancellable   *cancellable;
  char           *store_path;
  guint           reminder_source;
  guint           signal_sources[3]; /* SIGTERM, SIGINT, SIGHUP */
  guint           retry_source;      /* the store was out of reach: try again soon */
  guint           pack_source;       /* starts loading the rules if no window paints first */
  gboolean        pack_started;
};

G_DEFINE_FINAL_TYPE (SgApplication, sg_application, ADW_TYPE_APPLICATION)


static gboolean check_reminders_cb (gpointer user_data);

/* Photo files that no draft needs any more (deleted drafts past their month of grace, or left
 * by a crash) are deleted once the data is in; a pasted screenshot must not linger. */
static gpointer
sweep_job (SgStore   *store,
           gpointer   data,
           GError   **error)
{
  g_autoptr(GError) local_error = NULL;

  sg_draft_photos_sweep (store, 30, &local_error);
  if (local_error != NULL)
    g_message ("Old photo copies were not tidied up: %s", local_error->message);
  return NULL;
}

static void
sweep_photos (SgStore *store)
{
  sg_store_job_run (NULL, store, NULL, sweep_job, NULL, NULL, NULL, NULL);
}

static gboolean
retry_store_cb (gpointer user_data)
{
  SgApplication *self = user_data;

  self->retry_source = 0;
  if (sg_context_get_store (self->context) == NULL)
    sg_application_reopen_store (self);
  return G_SOURCE_REMOVE;
}

/* Takes @error. */
static void
set_store_result (SgApplication *self,
                  SgStore       *store,
                  GError        *error)
{
  gboolean changed = store != sg_context_get_store (self->context);

  /* Busy (another program has the file) or out of reach (full disk, read-only folder) is
   * temporary: try again by itself in a while, as well as when the user asks. Damage is not
   * retried: the user decides what happens to the file. */
  g_clear_handle_id (&self->retry_source, g_source_remove);
  if (error != NULL && (g_error_matches (error, SG_ERROR, SG_ERROR_DATABASE_BUSY) ||
                        g_error_matches (error, SG_ERROR, SG_ERROR_DATABASE_IO)))
    self->retry_source = g_timeout_add_seconds (10, retry_store_cb, self);

  sg_context_set_store (self->context, store, error, FALSE);
  g_clear_error (&error);

  /* Once when the data is in, then daily while the app runs. */
  if (changed && store != NULL)
    {
      check_reminders_cb (self);
      sweep_photos (store);
    }
}

static void
set_store_busy (SgApplication *self)
{
  sg_context_set_store (self->context, sg_context_get_store (self->context),
                        sg_context_get_store_error (self->context), TRUE);
}

static void
store_open_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SgApplication) self = user_data;
  g_autoptr(SgStore) store = NULL;
  GError *error = NULL;

  store = sg_store_open_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_error_free (error);
      return;
    }

  set_store_result (self, store, error);
}

void
sg_application_reopen_store (SgApplication *self)
{
  g_return_if_fail (SG_IS_APPLICATION (self));

  set_store_busy (self);
  sg_store_open_async (self->store_path, SG_STORE_OPEN_DEFAULT, self->cancellable,
                       store_open_cb, g_object_ref (self));
}

static void
store_moved_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SgApplication) self = user_data;
  g_autofree char *moved_to = NULL;
  GError *error = NULL;

  moved_to = sg_store_move_aside_finish (result, &error);
  if (moved_to == NULL)
    {
      set_store_result (self, NULL, error);
      return;
    }

  g_message ("Damaged data file kept as %s", moved_to);
  sg_application_reopen_store (self);
}

void
sg_application_move_store_aside (SgApplication *self)
{
  g_return_if_fail (SG_IS_APPLICATION (self));
  g_return_if_fail (sg_context_get_store (self->context) == NULL);

  set_store_busy (self);
  sg_store_move_aside_async (self->store_path, self->cancellable, store_moved_cb,
                             g_object_ref (self));
}

/* On a worker: the backup copied over the damaged file. */
static gpointer
restore_work (gpointer       path,
              GCancellable  *cancellable,
              GError       **error)
{
  return sg_store_restore_backup (path, NULL, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
restore_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  SgApplication *self = SG_APPLICATION (object);
  GError *error = NULL;

  if (g_task_propagate_pointer (G_TASK (result), &error) == NULL)
    set_store_result (self, NULL, error);
  else
    sg_application_reopen_store (self);
}

void
sg_application_restore_store_backup (SgApplication *self)
{
  g_return_if_fail (SG_IS_APPLICATION (self));
  g_return_if_fail (sg_context_get_store (self->context) == NULL);

  set_store_busy (self);
  sg_worker_run (self, self->cancellable, restore_work, g_strdup (self->store_path), g_free,
                 NULL, restore_cb, NULL);
}

/* On a worker: the default rule pack, with its concepts, lexicons and models. */
static gpointer
pack_work (gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  return sg_rule_pack_load (NULL, error);
}

static void
apply_role (SgApplication *self,
            SgAnalyzer    *analyzer)
{
  g_autofree char *name = g_settings_get_string (self->settings, "my-role");
  SgRole role = SG_ROLE_DOCTOR;

  sg_role_from_string (name, &role);
  sg_analyzer_set_role (analyzer, role);
}

/* A new role words findings differently: pages that show findings analyse again, as they do
 * when the analyzer itself changes. */
static void
role_changed_cb (SgApplication *self)
{
  SgAnalyzer *analyzer = sg_context_get_analyzer (self->context);

  if (analyzer != NULL)
    {
      apply_role (self, analyzer);
      sg_context_set_analyzer (self->context, analyzer);
    }
}

static void
pack_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SgApplication *self = SG_APPLICATION (object);
  g_autoptr(SgRulePack) pack = NULL;
  g_autoptr(SgAnalyzer) analyzer = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ignored = NULL;

  pack = g_task_propagate_pointer (G_TASK (result), &error);
  if (pack == NULL)
    {
      /* Only a broken installation gets here; say so rather than check nothing. */
      g_critical ("The guidance rules could not be loaded: %s", error->message);
      return;
    }

  analyzer = sg_analyzer_new (pack);
  apply_role (self, analyzer);
  ignored = g_settings_get_strv (self->settings, "ignored-rules");
  sg_analyzer_set_ignored_rules (analyzer, (const char * const *) ignored);
  sg_context_set_analyzer (self->context, analyzer);
}

/* Loading the rules and lexicons reads a few hundred kilobytes and allocates a great deal: off
 * the main loop, and only once the first window has painted, because on two cores the loading
 * thread slowed the first frame by half (bench/bench-first-frame). Compose checks the draft as
 * soon as the rules are in. */
static void
start_pack_load (SgApplication *self)
{
  g_clear_handle_id (&self->pack_source, g_source_remove);
  if (self->pack_started)
    return;
  self->pack_started = TRUE;
  sg_worker_run (self, self->cancellable, pack_work, NULL, NULL, g_object_unref, pack_loaded_cb,
                 NULL);
}

/* What waits for the first window's first frame (or for a moment after startup, without a
 * window to paint). */
static void
after_first_frame (SgApplication *self)
{
  add_icon_resources ();
  /* On X11 a window hands its icon to the window manager as pixels, drawn at several sizes
   * from the theme when the window is made (a few ms before the first frame). Named now: the
   * default for windows to come, and, as GTK does not pass a new default on to windows already
   * made, each open window's own. */
  gtk_window_set_default_icon_name (APP_ID);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (gtk_window_get_icon_name (l->data) == NULL)
      gtk_window_set_icon_name (l->data, APP_ID);
  start_pack_load (self);
}

static gboolean
pack_source_cb (gpointer user_data)
{
  SgApplication *self = user_data;

  self->pack_source = 0;
  after_first_frame (self);
  return G_SOURCE_REMOVE;
}

static void
first_paint_cb (GdkFrameClock *clock,
                SgApplication *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_paint_cb, self);
  after_first_frame (self);
}

static void
window_realize_cb (GtkWidget     *window,
                   SgApplication *self)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (first_paint_cb), self, 0);
}

static void
ignored_rules_changed_cb (SgApplication *self)
{
  g_auto(GStrv) ignored = g_settings_get_strv (self->settings, "ignored-rules");
  SgAnalyzer *analyzer = sg_context_get_analyzer (self->context);

  if (analyzer != NULL)
    sg_analyzer_set_ignored_rules (analyzer, (const char * const *) ignored);
}

/* Reminders */

typedef struct {
  char *title;
  char *body;
} Reminder;

static void
reminder_free (Reminder *r)
{
  g_free (r->title);
  g_free (r->body);
  g_free (r);
}

static gpointer
reminder_job (SgStore   *store,
              gpointer   data,
              GError   **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  Reminder *r = g_new0 (Reminder, 1);
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  if (sg_reminders_compose (store, &today, &r->title, &r->body, NULL))
    return r;
  reminder_free (r);
  return NULL;
}

static void
reminder_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  SgApplication *self = SG_APPLICATION (object);
  Reminder *r = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autoptr(GNotification) notification = NULL;

  if (r == NULL)
    return;

  notification = g_notification_new (r->title);
  g_notification_set_body (notification, r->body);
  g_notification_set_default_action_and_target (notification, "app.show-page", "s", "privacy");
  g_application_send_notification (G_APPLICATION (self), "privacy-review-due", notification);
  reminder_free (r);
}

static gboolean
check_reminders_cb (gpointer user_data)
{
  SgApplication *self = user_data;
  SgStore *store = sg_context_get_store (self->context);

  if (store == NULL || !g_settings_get_boolean (self->settings, "reminders-enabled"))
    return G_SOURCE_CONTINUE;

  sg_store_job_run_full (self, store, self->cancellable, reminder_job, NULL, NULL,
                         (GDestroyNotify) reminder_free, reminder_cb, NULL);
  return G_SOURCE_CONTINUE;
}

/* When the app is not running, the login session runs `socialguard --check-reminders` from
 * this autostart entry; turning reminders off in Preferences removes it. */
/* An argument of a desktop entry's Exec= line, quoted as the Desktop Entry Specification
 * wants: double quotes, with " ` $ and \\ escaped (a shell's single quotes are not valid
 * there, and desktop-file-validate refuses them). */
static char *
desktop_exec_quote (const char *arg)
{
  GString *out = g_string_new ("\"");

  for (const char *p = arg; *p; p++)
    {
      if (*p == '"' || *p == '`' || *p == '$' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  /* In a desktop file a backslash is itself escaped once more. */
  {
    g_autofree char *quoted = g_string_free (out, FALSE);
    g_auto(GStrv) parts = g_strsplit (quoted, "\\", -1);
    return g_strjoinv ("\\\\", parts);
  }
}

static void
update_autostart (SgApplication *self)
{
  g_autofree char *dir = g_build_filename (g_get_user_config_dir (), "autostart", NULL);
  g_autofree char *path = g_build_filename (dir, APP_ID "-reminders.desktop", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  if (!g_settings_get_boolean (self->settings, "reminders-enabled"))
    {
      g_file_delete_async (file, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      return;
    }

  {
    g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
    g_autofree char *quoted = desktop_exec_quote (exe != NULL ? exe : "socialguard");
    g_autofree char *contents =
      g_strdup_printf ("[Desktop Entry]\nType=Application\nName=%s\nComment=%s\n"
                       "Exec=%s --check-reminders\nIcon=" APP_ID "\nNoDisplay=true\n"
                       "X-GNOME-Autostart-enabled=true\n",
                       _("SocialGuard reminders"),
                       _("Reminds you when a privacy review is due"), quoted);
    GBytes *bytes = g_bytes_new_take (g_steal_pointer (&contents), strlen (contents));

    g_mkdir_with_parents (dir, 0700);
    g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL,
                                         NULL, NULL);
    g_bytes_unref (bytes);
  }
}

static void
show_page_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  SgApplication *self = user_data;
  GtkWindow *window;

  g_application_activate (G_APPLICATION (self));
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (SG_IS_WINDOW (window))
    sg_window_set_page (SG_WINDOW (window), g_variant_get_string (parameter, NULL));
}

static void
sg_application_activate (GApplication *app)
{
  SgApplication *self = SG_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    {
      window = GTK_WINDOW (sg_window_new (self));
      if (!self->pack_started)
        g_signal_connect_object (window, "realize", G_CALLBACK (window_realize_cb), self, 0);
    }

  gtk_window_present (window);
}

/* Logout, shutdown, Ctrl+C in a terminal: close the windows as Quit does, which saves the
 * draft (holding the application until the save is done) instead of dying with it. */
static gboolean
quit_signal_cb (gpointer user_data)
{
  /* No one is there to answer "save a copy?": text the store could not take is kept in a
   * file beside the data file first. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (user_data)); l != NULL;
       l = l->next)
    if (SG_IS_WINDOW (l->data))
      g_free (sg_window_keep_unsaved_draft (l->data));
  g_action_group_activate_action (G_ACTION_GROUP (user_data), "quit", NULL);
  return G_SOURCE_CONTINUE;
}

static void
apply_style (SgApplication *self)
{
  g_autofree char *style = g_settings_get_string (self->settings, "style");
  AdwColorScheme scheme = g_str_equal (style, "light") ? ADW_COLOR_SCHEME_FORCE_LIGHT
                        : g_str_equal (style, "dark")  ? ADW_COLOR_SCHEME_FORCE_DARK
                                                       : ADW_COLOR_SCHEME_DEFAULT;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), scheme);
}

/* Whether the icon theme will find the app's icon by itself: it is installed under one of the
 * data folders the theme searches (a few stat calls, no theme lookup). */
static gboolean
app_icon_installed (void)
{
  const char * const *dirs = g_get_system_data_dirs ();
  g_autofree char *user = g_build_filename (g_get_user_data_dir (), "icons", "hicolor", "scalable",
                                            "apps", APP_ID ".svg", NULL);

  if (g_file_test (user, G_FILE_TEST_EXISTS))
    return TRUE;
  for (guint i = 0; dirs[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dirs[i], "icons", "hicolor", "scalable", "apps",
                                                APP_ID ".svg", NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return TRUE;
    }
  return FALSE;
}

/* The app's own icons ship in the resources too, for running it uninstalled (from the build
 * tree: `make run`, the tests). GTK starts reading the icon theme (the index and caches of some
 * 700 folders, about 20 ms of work) on a thread of its own as soon as the display has one, and
 * adding a folder to the theme throws that reading away and starts again, while the window's
 * first icon waits for it. So the folder is added only where the installed icon is missing, and
 * only after the first window has painted (after_first_frame); GtkWindow and the About window
 * pick the icon up when the theme changes. Measured with bench-first-frame-rounds.py: adding it
 * before the first frame, even with the second reading moved to a worker, made the first frame
 * 1.37-1.44x a bare window's; left to GTK, 1.22-1.27x. */
static void
add_icon_resources (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  GtkIconTheme *theme;
  g_auto(GStrv) paths = NULL;

  if (display == NULL || app_icon_installed ())
    return;
  theme = gtk_icon_theme_get_for_display (display);
  paths = gtk_icon_theme_get_resource_path (theme);
  if (paths == NULL || !g_strv_contains ((const char * const *) paths, RESOURCE_PATH "/icons"))
    gtk_icon_theme_add_resource_path (theme, RESOURCE_PATH "/icons");
}

/* What AdwApplication would do with a resource base path: our stylesheet, above the theme. */
static void
load_stylesheet (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, RESOURCE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
sg_application_startup (GApplication *app)
{
  SgApplication *self = SG_APPLICATION (app);

  if (no_display)
    {
      const char *name = g_getenv ("DISPLAY");

      if (name != NULL && *name != '\0')
        g_printerr (_("SocialGuard could not open its window: display %s cannot be reached.\n"),
                    name);
      else
        g_printerr ("%s\n", _("SocialGuard could not open its window: start it from your "
                              "desktop, where there is a display."));
      exit (1);
    }

  G_APPLICATION_CLASS (sg_application_parent_class)->startup (app);

  load_stylesheet ();

  self->settings = g_settings_new (APP_ID);
  self->context = sg_context_new (self->settings, self->store_path);
  self->server_limits = sg_server_limits_new (self->settings);
  /* The menu's style choice is the setting itself, as a stateful action. */
  {
    g_autoptr(GAction) style = g_settings_create_action (self->settings, "style");

    g_action_map_add_action (G_ACTION_MAP (self), style);
    g_signal_connect_object (self->settings, "changed::style", G_CALLBACK (apply_style), self,
                             G_CONNECT_SWAPPED);
    apply_style (self);
  }
  self->signal_sources[0] = g_unix_signal_add (SIGTERM, quit_signal_cb, self);
  self->signal_sources[1] = g_unix_signal_add (SIGINT, quit_signal_cb, self);
  self->signal_sources[2] = g_unix_signal_add (SIGHUP, quit_signal_cb, self);
  g_signal_connect_object (self->settings, "changed::ignored-rules",
                           G_CALLBACK (ignored_rules_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::my-role",
                           G_CALLBACK (role_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::reminders-enabled",
                           G_CALLBACK (update_autostart), self, G_CONNECT_SWAPPED);
  update_autostart (self);
  self->reminder_source = g_timeout_add_seconds (24 * 60 * 60, check_reminders_cb, self);
  sg_application_reopen_store (self);

  /* The rules load after the first window's first frame (start_pack_load); without a window
   * to paint, they load a moment after startup all the same. */
  self->pack_source = g_timeout_add (1500, pack_source_cb, self);
}

static void
sg_application_shutdown (GApplication *app)
{
  SgApplication *self = SG_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reminder_source, g_source_remove);
  for (guint i = 0; i < G_N_ELEMENTS (self->signal_sources); i++)
    g_clear_handle_id (&self->signal_sources[i], g_source_remove);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  g_clear_handle_id (&self->pack_source, g_source_remove);

  G_APPLICATION_CLASS (sg_application_parent_class)->shutdown (app);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  SgApplication *self = user_data;
  const char *developers[] = { "The SocialGuard developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "modal", TRUE,
                        "application-icon", APP_ID,
                        "application-name", _("SocialGuard"),
                        "developer-name", _("The SocialGuard developers"),
                        "version", PACKAGE_VERSION,
                        /* Translators: shown in the About window. */
                        "comments", _("Write social media posts that keep to the GMC’s "
                                      "guidance on confidentiality, boundaries, respect and "
                                      "declared interests. Nothing leaves your computer unless "
                                      "you publish it."),
                        "developers", developers,
                        "copyright", "© 2026 The SocialGuard developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        NULL);
  /* The places a photo's position is described by (data/places.tsv). */
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about), _("Place names"),
                                      "© GeoNames (geonames.org)", GTK_LICENSE_CUSTOM,
                                      _("Place names and positions from GeoNames, used under the "
                                        "<a href=\"https://creativecommons.org/licenses/by/4.0/\">"
                                        "Creative Commons Attribution 4.0</a> licence."));
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  SgApplication *self = user_data;
  SgPreferencesWindow *prefs;

  prefs = sg_preferences_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                     self->context);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
guidance_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  SgApplication *self = user_data;
  SgAnalyzer *analyzer = sg_context_get_analyzer (self->context);

  if (analyzer == NULL)
    return;   /* the pack is still loading */
  gtk_window_present (GTK_WINDOW (sg_guidance_window_new (
    gtk_application_get_active_window (GTK_APPLICATION (self)),
    sg_analyzer_get_pack (analyzer))));
}

/* Straight to Preferences → Posting, e.g. when a server asks to sign in again. */
static void
posting_accounts_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  SgApplication *self = user_data;
  SgPreferencesWindow *prefs;

  prefs = sg_preferences_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                     self->context);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "posting");
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  SgApplication *self = user_data;
  GList *windows;

  /* Closing each window (rather than g_application_quit) gives it the chance to save its
   * size and, once Compose lands, the draft. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static const GActionEntry app_actions[] = {
  { .name = "about", .activate = about_action },
  { .name = "preferences", .activate = preferences_action },
  { .name = "guidance", .activate = guidance_action },
  { .name = "posting-accounts", .activate = posting_accounts_action },
  { .name = "quit", .activate = quit_action },
  { .name = "show-page", .activate = show_page_action, .parameter_type = "s" },
};

static void
sg_application_dispose (GObject *object)
{
  SgApplication *self = SG_APPLICATION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->server_limits);
  g_clear_object (&self->context);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sg_application_parent_class)->dispose (object);
}

static void
sg_application_finalize (GObject *object)
{
  SgApplication *self = SG_APPLICATION (object);

  g_clear_object (&self->cancellable);
  g_free (self->store_path);

  G_OBJECT_CLASS (sg_application_parent_class)->finalize (object);
}

static void
sg_application_class_init (SgApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = sg_application_dispose;
  object_class->finalize = sg_application_finalize;

  app_class->activate = sg_application_activate;
  app_class->startup = sg_application_startup;
  app_class->shutdown = sg_application_shutdown;
}

static void
sg_application_init (SgApplication *self)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.preferences", { "<Control>comma", NULL } },
    /* GtkApplication sets these itself only for a gtk/help-overlay.ui, which it would build
     * with every window; ours is built on first use (sg-window.c). */
    { "win.show-help-overlay", { "<Control>question", "<Control>F1", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.page::compose", { "<Alt>1", NULL } },
    { "win.page::privacy", { "<Alt>2", NULL } },
    { "win.page::interests", { "<Alt>3", NULL } },
    { "win.page::history", { "<Alt>4", NULL } },
    { "win.page::past-posts", { "<Alt>5", NULL } },
  };

  self->cancellable = g_cancellable_new ();
  self->store_path = sg_store_get_default_path ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);
}

/* GTK makes the display's settings as the application starts up and parses its own default
 * theme for them at once (about 80 M instructions, a fifth of the work before the first
 * frame); libadwaita 1.2 then names its empty theme instead ("Adwaita-empty", unless
 * GTK_THEME is set), draws with its own stylesheet and throws that parse away. Naming the
 * empty theme for the moment the settings are made skips it; the window looks the same
 * (tests/test-window.c compares the chrome's colours with and without). Only where the user
 * has not chosen a theme through GTK_THEME, and only from main(), before any thread starts:
 * changing the environment is not thread-safe. */
void
sg_application_prepare_display (void)
{
  gboolean pin_theme = g_getenv ("GTK_THEME") == NULL;

  if (pin_theme)
    g_setenv ("GTK_THEME", "Adwaita-empty", TRUE);
  if (gtk_init_check ())
    gtk_settings_get_default ();
  if (pin_theme)
    g_unsetenv ("GTK_THEME");
  if (gdk_display_get_default () == NULL)
    {
      /* GTK counts itself initialised even so, and GtkApplication's own gtk_init() would no
       * longer stop the start: say it here, as GTK would, when the window is wanted. */
      no_display = TRUE;
      return;
    }

  /* libadwaita adds its own icons to the icon theme when it starts, which would throw away a
   * reading begun before (GTK begins one when the display first asks for its theme): done
   * here, AdwApplication's startup finds it done. */
  adw_init ();
}

SgApplication *
sg_application_new (void)
{
  /* No resource base path: GtkApplication would add its icons to the icon theme after the
   * theme has started being read, and read it again (see add_icon_resources); the stylesheet
   * AdwApplication would load from it is loaded in startup. */
  return g_object_new (SG_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", NULL,
                       NULL);
}

SgContext *
sg_application_get_context (SgApplication *self)
{
  g_return_val_if_fail (SG_IS_APPLICATION (self), NULL);
  return self->context;
}
