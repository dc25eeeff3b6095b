/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib-unix.h>

#include <glib/gi18n.h>

#include "sg-application.h"
#include "sg-draft-photos.h"
#include "sg-error.h"
#include "sg-guidance-window.h"
#include "sg-preferences-window.h"
#include "sg-reminders.h"
#include "sg-window.h"

struct _SgApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  SgContext      *context;        /* what the pages see of all this */
  GCancellable   *cancellable;
  char           *store_path;
  SgStore        *store;
  GError         *store_error;
  SgAnalyzer     *analyzer;
  guint           reminder_source;
  guint           signal_sources[3]; /* SIGTERM, SIGINT, SIGHUP */
  guint           retry_source;      /* the store was out of reach: try again soon */
  guint           store_busy : 1;
};

G_DEFINE_FINAL_TYPE (SgApplication, sg_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_STORE,
  PROP_STORE_BUSY,
  PROP_STORE_ERROR,
  PROP_ANALYZER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean check_reminders_cb (gpointer user_data);

/* Photo files that no draft needs any more (deleted drafts past their month of grace, or left
 * by a crash) are deleted once the data is in; a pasted screenshot must not linger. */
static void
sweep_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  sg_draft_photos_sweep (task_data, 30, &error);
  if (error != NULL)
    g_message ("Old photo copies were not tidied up: %s", error->message);
  g_task_return_boolean (task, TRUE);
}

static void
sweep_photos (SgStore *store)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_set_task_data (task, g_object_ref (store), g_object_unref);
  g_task_run_in_thread (task, sweep_thread);
}

static gboolean
retry_store_cb (gpointer user_data)
{
  SgApplication *self = user_data;

  self->retry_source = 0;
  if (self->store == NULL)
    sg_application_reopen_store (self);
  return G_SOURCE_REMOVE;
}

static void
set_store_result (SgApplication *self,
                  SgStore       *store,
                  GError        *error)
{
  g_object_freeze_notify (G_OBJECT (self));

  /* Busy (another program has the file) or out of reach (full disk, read-only folder) is
   * temporary: try again by itself in a while, as well as when the user asks. Damage is not
   * retried: the user decides what happens to the file. */
  g_clear_handle_id (&self->retry_source, g_source_remove);
  if (error != NULL && (g_error_matches (error, SG_ERROR, SG_ERROR_DATABASE_BUSY) ||
                        g_error_matches (error, SG_ERROR, SG_ERROR_DATABASE_IO)))
    self->retry_source = g_timeout_add_seconds (10, retry_store_cb, self);

  if (g_set_object (&self->store, store))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
      /* Once when the data is in, then daily while the app runs. */
      if (store != NULL)
        {
          check_reminders_cb (self);
          sweep_photos (store);
        }
    }

  g_clear_error (&self->store_error);
  self->store_error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE_ERROR]);

  if (self->store_busy)
    {
      self->store_busy = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE_BUSY]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_store_busy (SgApplication *self)
{
  if (!self->store_busy)
    {
      self->store_busy = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE_BUSY]);
    }
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
  g_return_if_fail (self->store == NULL);

  set_store_busy (self);
  sg_store_move_aside_async (self->store_path, self->cancellable, store_moved_cb,
                             g_object_ref (self));
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;

  if (sg_store_restore_backup (task_data, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
restore_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  SgApplication *self = SG_APPLICATION (object);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    set_store_result (self, NULL, error);
  else
    sg_application_reopen_store (self);
}

void
sg_application_restore_store_backup (SgApplication *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SG_IS_APPLICATION (self));
  g_return_if_fail (self->store == NULL);

  set_store_busy (self);
  task = g_task_new (self, self->cancellable, restore_cb, NULL);
  g_task_set_source_tag (task, sg_application_restore_store_backup);
  g_task_set_task_data (task, g_strdup (self->store_path), g_free);
  g_task_run_in_thread (task, restore_thread);
}

static void
pack_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  SgRulePack *pack = sg_rule_pack_load (NULL, &error);

  if (pack == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pack, g_object_unref);
}

static void
apply_role (SgApplication *self)
{
  g_autofree char *name = g_settings_get_string (self->settings, "my-role");
  SgRole role = SG_ROLE_DOCTOR;

  sg_role_from_string (name, &role);
  if (self->analyzer != NULL)
    sg_analyzer_set_role (self->analyzer, role);
}

/* A new role words findings differently: pages that show findings analyse again, as they do
 * when the analyzer itself changes. */
static void
role_changed_cb (SgApplication *self)
{
  apply_role (self);
  if (self->analyzer != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANALYZER]);
}

static void
pack_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SgApplication *self = SG_APPLICATION (object);
  g_autoptr(SgRulePack) pack = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ignored = NULL;

  pack = g_task_propagate_pointer (G_TASK (result), &error);
  if (pack == NULL)
    {
      /* Only a broken installation gets here; say so rather than check nothing. */
      g_critical ("The guidance rules could not be loaded: %s", error->message);
      return;
    }

  self->analyzer = sg_analyzer_new (pack);
  apply_role (self);
  ignored = g_settings_get_strv (self->settings, "ignored-rules");
  sg_analyzer_set_ignored_rules (self->analyzer, (const char * const *) ignored);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANALYZER]);
}

static void
ignored_rules_changed_cb (SgApplication *self)
{
  g_auto(GStrv) ignored = g_settings_get_strv (self->settings, "ignored-rules");

  if (self->analyzer != NULL)
    sg_analyzer_set_ignored_rules (self->analyzer, (const char * const *) ignored);
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

static void
reminder_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  Reminder *r = g_new0 (Reminder, 1);
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  if (sg_reminders_compose (task_data, &today, &r->title, &r->body, NULL))
    g_task_return_pointer (task, r, (GDestroyNotify) reminder_free);
  else
    {
      reminder_free (r);
      g_task_return_pointer (task, NULL, NULL);
    }
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
  g_autoptr(GTask) task = NULL;

  if (self->store == NULL || !g_settings_get_boolean (self->settings, "reminders-enabled"))
    return G_SOURCE_CONTINUE;

  task = g_task_new (self, self->cancellable, reminder_cb, NULL);
  g_task_set_source_tag (task, check_reminders_cb);
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_task_run_in_thread (task, reminder_thread);
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
    window = GTK_WINDOW (sg_window_new (self));

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

/* The pages' context follows the application's state. */
static void
sync_store (SgApplication *self)
{
  sg_context_set_store (self->context, self->store, self->store_error, self->store_busy);
}

static void
sync_analyzer (SgApplication *self)
{
  sg_context_set_analyzer (self->context, self->analyzer);
}

static void
sg_application_startup (GApplication *app)
{
  SgApplication *self = SG_APPLICATION (app);

  G_APPLICATION_CLASS (sg_application_parent_class)->startup (app);

  self->settings = g_settings_new (APP_ID);
  self->context = sg_context_new (self->settings, self->store_path);
  g_signal_connect (self, "notify::store", G_CALLBACK (sync_store), NULL);
  g_signal_connect (self, "notify::store-error", G_CALLBACK (sync_store), NULL);
  g_signal_connect (self, "notify::store-busy", G_CALLBACK (sync_store), NULL);
  g_signal_connect (self, "notify::analyzer", G_CALLBACK (sync_analyzer), NULL);
  gtk_window_set_default_icon_name (APP_ID);
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

  /* Loading the rules and lexicons reads a few hundred kilobytes: off the main loop, so the
   * window appears at once and Compose starts checking as soon as they are in. */
  {
    g_autoptr(GTask) task = g_task_new (self, self->cancellable, pack_loaded_cb, NULL);
    g_task_set_source_tag (task, sg_application_startup);
    g_task_run_in_thread (task, pack_thread);
  }
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

  if (self->analyzer == NULL)
    return;   /* the pack is still loading */
  gtk_window_present (GTK_WINDOW (sg_guidance_window_new (
    gtk_application_get_active_window (GTK_APPLICATION (self)),
    sg_analyzer_get_pack (self->analyzer))));
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
sg_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SgApplication *self = SG_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_STORE_BUSY:
      g_value_set_boolean (value, self->store_busy);
      break;

    case PROP_STORE_ERROR:
      g_value_set_boxed (value, self->store_error);
      break;

    case PROP_ANALYZER:
      g_value_set_object (value, self->analyzer);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_application_dispose (GObject *object)
{
  SgApplication *self = SG_APPLICATION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->analyzer);
  g_clear_object (&self->context);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sg_application_parent_class)->dispose (object);
}

static void
sg_application_finalize (GObject *object)
{
  SgApplication *self = SG_APPLICATION (object);

  g_clear_object (&self->cancellable);
  g_clear_error (&self->store_error);
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
  object_class->get_property = sg_application_get_property;

  app_class->activate = sg_application_activate;
  app_class->startup = sg_application_startup;
  app_class->shutdown = sg_application_shutdown;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SG_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STORE_BUSY] =
    g_param_spec_boolean ("store-busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STORE_ERROR] =
    g_param_spec_boxed ("store-error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ANALYZER] =
    g_param_spec_object ("analyzer", NULL, NULL, SG_TYPE_ANALYZER,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sg_application_init (SgApplication *self)
{
  static const struct {
    const char *action;
    const char *accels[2];
  } accels[] = {
    { "app.preferences", { "<Control>comma", NULL } },
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

SgApplication *
sg_application_new (void)
{
  return g_object_new (SG_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/org/example/SocialGuard",
                       NULL);
}

GSettings *
sg_application_get_settings (SgApplication *self)
{
  g_return_val_if_fail (SG_IS_APPLICATION (self), NULL);

  return self->settings;
}

SgStore *
sg_application_get_store (SgApplication *self)
{
  g_return_val_if_fail (SG_IS_APPLICATION (self), NULL);

  return self->store;
}

SgAnalyzer *
sg_application_get_analyzer (SgApplication *self)
{
  g_return_val_if_fail (SG_IS_APPLICATION (self), NULL);

  return self->analyzer;
}

const GError *
sg_application_get_store_error (SgApplication *self)
{
  g_return_val_if_fail (SG_IS_APPLICATION (self), NULL);

  return self->store_error;
}

gboolean
sg_application_get_store_busy (SgApplication *self)
{
  g_return_val_if_fail (SG_IS_APPLICATION (self), FALSE);

  return self->store_busy;
}

const char *
sg_application_get_store_path (SgApplication *self)
{
  g_return_val_if_fail (SG_IS_APPLICATION (self), NULL);

  return self->store_path;
}

SgContext *
sg_application_get_context (SgApplication *self)
{
  g_return_val_if_fail (SG_IS_APPLICATION (self), NULL);
  return self->context;
}
