/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-compose-page.h"
#include "sg-draft-rescue.h"
#include "sg-error.h"
#include "sg-interests-page.h"
#include "sg-history-page.h"
#include "sg-past-posts-page.h"
#include "sg-privacy-page.h"
#include "sg-toast.h"
#include "sg-window.h"

struct _SgWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children, alphabetical */
  SgComposePage        *compose_page;
  GtkLabel             *due_label;
  GtkRevealer          *due_revealer;
  AdwBin               *history_bin;
  AdwBin               *interests_bin;
  AdwBin               *past_posts_bin;
  GMenuModel           *primary_menu;
  GtkMenuButton        *primary_menu_button;
  AdwBin               *privacy_bin;
  AdwViewStackPage     *privacy_stack_page;
  GtkLabel             *problem_label;
  GtkRevealer          *problem_revealer;
  AdwViewStack         *stack;
  AdwViewSwitcherBar   *switcher_bar;
  AdwSqueezer          *title_squeezer;
  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;

  /* Built on first show or first asked for (sg_window_get_*_page), inside the bins above;
   * NULL until then. */
  SgInterestsPage      *interests_page;
  SgPrivacyPage        *privacy_page;
  SgHistoryPage        *history_page;
  SgPastPostsPage      *past_posts_page;
  gboolean              deletions_linked;   /* Past Posts' deletions reload History */
  guint                 privacy_idle_id;

  SgApplication        *application;
  GSettings            *settings;
  AdwMessageDialog     *problem_dialog;
  gboolean              discard_unsaved; /* the user chose to close without the draft */
};

G_DEFINE_FINAL_TYPE (SgWindow, sg_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const page_names[] = { "compose", "privacy", "interests", "history",
                                            "past-posts" };

static gboolean
is_page_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    if (g_strcmp0 (name, page_names[i]) == 0)
      return TRUE;
  return FALSE;
}

/* The banners' contents are hidden in the template: a GtkRevealer measures its child even
 * while it is closed, and the first frame has no banner to show. Made visible when first
 * revealed, and left so, so that closing still slides them away. */
static void
reveal_banner (GtkRevealer *revealer,
               gboolean     reveal)
{
  if (reveal)
    gtk_widget_set_visible (gtk_revealer_get_child (revealer), TRUE);
  gtk_revealer_set_reveal_child (revealer, reveal);
}

static void
problem_response_cb (SgWindow         *self,
                     const char       *response,
                     AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "move-aside") == 0)
    sg_application_move_store_aside (self->application);
  else if (g_strcmp0 (response, "restore") == 0)
    sg_application_restore_store_backup (self->application);
  else if (g_strcmp0 (response, "retry") == 0)
    sg_application_reopen_store (self->application);
  else if (g_strcmp0 (response, "quit") == 0)
    /* Closed, not destroyed: closing asks what to do with text typed since the last save. */
    gtk_window_close (GTK_WINDOW (self));
}

static void
problem_dialog_destroyed_cb (SgWindow *self)
{
  self->problem_dialog = NULL;
}

/* A damaged or too-new data file is explained once in a dialog; the banner stays so that a
 * user who dismissed the dialog still knows nothing is being saved. */
static void
show_store_problem (SgWindow *self)
{
  SgContext *context = sg_application_get_context (self->application);
  const GError *error = sg_context_get_store_error (context);
  const char *path = sg_context_get_store_path (context);
  g_autofree char *body = NULL;
  gboolean too_new;
  gboolean has_backup;

  if (error == NULL)
    {
      reveal_banner (self->problem_revealer, FALSE);
      if (self->problem_dialog != NULL)
        gtk_window_destroy (GTK_WINDOW (self->problem_dialog));
      return;
    }

  gtk_label_set_label (self->problem_label,
                       _("Your saved data could not be opened, so nothing you do now will be "
                         "saved."));
  reveal_banner (self->problem_revealer, TRUE);

  if (self->problem_dialog != NULL)
    return;

  too_new = g_error_matches (error, SG_ERROR, SG_ERROR_DATABASE_TOO_NEW);
  has_backup = !too_new && sg_store_has_backup (path);

  /* In use elsewhere, a full disk, a folder that cannot be written: nothing is damaged, so
   * nothing is moved or restored; the file is tried again. */
  if (g_error_matches (error, SG_ERROR, SG_ERROR_DATABASE_BUSY) ||
      g_error_matches (error, SG_ERROR, SG_ERROR_DATABASE_IO))
    {
      self->problem_dialog = ADW_MESSAGE_DIALOG (
          adw_message_dialog_new (GTK_WINDOW (self), _("Your Data Cannot Be Reached Right Now"),
                                  error->message));
      adw_message_dialog_set_body_use_markup (self->problem_dialog, FALSE);
      adw_message_dialog_add_response (self->problem_dialog, "quit", _("_Quit"));
      adw_message_dialog_add_response (self->problem_dialog, "later", _("_Not Now"));
      adw_message_dialog_add_response (self->problem_dialog, "retry", _("_Try Again"));
      adw_message_dialog_set_response_appearance (self->problem_dialog, "retry",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (self->problem_dialog, "retry");
      adw_message_dialog_set_close_response (self->problem_dialog, "later");
      g_signal_connect_object (self->problem_dialog, "response",
                               G_CALLBACK (problem_response_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->problem_dialog, "destroy",
                               G_CALLBACK (problem_dialog_destroyed_cb), self, G_CONNECT_SWAPPED);
      gtk_window_present (GTK_WINDOW (self->problem_dialog));
      return;
    }

  if (has_backup)
    {
      g_autofree char *backup = sg_store_get_backup_path (path);
      g_autoptr(GFile) file = g_file_new_for_path (backup);
      g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                                     G_FILE_QUERY_INFO_NONE, NULL, NULL);
      g_autoptr(GDateTime) taken = info ? g_file_info_get_modification_date_time (info) : NULL;
      g_autoptr(GDateTime) local = taken ? g_date_time_to_local (taken) : NULL;
      /* Translators: how the backup's time is shown, e.g. "Friday 5 December at 09:12". */
      g_autofree char *when = local ? g_date_time_format (local, _("%A %-d %B at %H:%M")) : NULL;

      /* Translators: %s is the error; %s the path of the file on disk; %s when the backup was
       * taken. */
      body = g_strdup_printf (_("%s\n\nThe file has not been changed. It is at:\n%s\n\n"
                                "You can restore the last backup (taken %s; anything written "
                                "since then is not in it, and the damaged file is kept, "
                                "renamed), move the file aside and start with empty data, or "
                                "quit and ask for help."),
                              error->message, path, when ? when : _("earlier"));
    }
  else
    /* Translators: %s is the error; %s the path of the file on disk. */
    body = g_strdup_printf (_("%s\n\nThe file has not been changed. It is at:\n%s\n\n"
                              "You can move it aside (it is kept, renamed) and start with "
                              "empty data, or quit and ask for help."),
                            error->message, path);

  self->problem_dialog = ADW_MESSAGE_DIALOG (
      adw_message_dialog_new (GTK_WINDOW (self),
                              too_new ? _("Data From a Newer Version")
                                      : _("Your Data Could Not Be Opened"),
                              body));
  adw_message_dialog_set_body_use_markup (self->problem_dialog, FALSE);
  adw_message_dialog_add_response (self->problem_dialog, "quit", _("_Quit"));
  adw_message_dialog_add_response (self->problem_dialog, "later", _("_Not Now"));
  if (has_backup)
    adw_message_dialog_add_response (self->problem_dialog, "restore",
                                     _("_Restore Last Backup"));
  adw_message_dialog_add_response (self->problem_dialog, "move-aside",
                                   _("_Move Aside and Start Fresh"));
  adw_message_dialog_set_default_response (self->problem_dialog, "later");
  adw_message_dialog_set_close_response (self->problem_dialog, "later");

  g_signal_connect_object (self->problem_dialog, "response",
                           G_CALLBACK (problem_response_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->problem_dialog, "destroy",
                           G_CALLBACK (problem_dialog_destroyed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->problem_dialog));
}

static void
store_error_changed_cb (SgWindow *self)
{
  show_store_problem (self);
}

static void
resolve_problem_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  show_store_problem (SG_WINDOW (widget));
}

static void ensure_page (SgWindow   *self,
                         const char *name);

static void
visible_page_changed_cb (SgWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->stack);

  if (name == NULL)
    return;

  ensure_page (self, name);

  g_settings_set_string (self->settings, "last-page", name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
  /* Leaving Compose saves the draft now rather than after the pause. */
  sg_compose_page_flush (self->compose_page);
}

/* Switching to another application is a natural moment to save, and the last one before
 * a logout that may not wait. */
static void
active_changed_cb (SgWindow *self)
{
  if (!gtk_window_is_active (GTK_WINDOW (self)))
    sg_compose_page_flush (self->compose_page);
}

static void
save_copy_cb (GtkNativeDialog *chooser,
              int              response,
              SgWindow        *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      text = sg_compose_page_get_text (self->compose_page);
      /* The draft may hold patient details: the copy is readable by the user only. */
      if (g_file_replace_contents (file, text, strlen (text), NULL, FALSE,
                                   G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                   NULL, NULL, &error))
        {
          self->discard_unsaved = TRUE;
          gtk_window_close (GTK_WINDOW (self));
        }
      else
        sg_toast_show (GTK_WIDGET (self), error->message);
    }
  g_object_unref (chooser);
}

static gboolean
close_window_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
unsaved_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     SgWindow         *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      /* Discarded means gone: the waiting copy beside the data file goes too, since it may
       * describe a patient; on the draft's queue, so a write of it still under way cannot put
       * it back. */
      sg_compose_page_discard_unsaved (self->compose_page);
      self->discard_unsaved = TRUE;
      /* Once the dialog has closed: it is transient for this window, and a window destroyed
       * under it while it answers a click leaves it pointing at a window that is gone. */
      g_idle_add_full (G_PRIORITY_DEFAULT, close_window_cb, g_object_ref (self), g_object_unref);
    }
  else if (g_strcmp0 (response, "save") == 0)
    {
      GtkFileChooserNative *chooser =
        gtk_file_chooser_native_new (_("Save the Draft"), GTK_WINDOW (self),
                                     GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("Draft.txt"));
      g_signal_connect (chooser, "response", G_CALLBACK (save_copy_cb), self);
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
    }
}

/* Logout or shutdown cannot wait for an answer: the draft that could not be stored goes to a
 * file beside the data file (0600), and the window may close. Returns the path, or NULL. */
char *
sg_window_keep_unsaved_draft (SgWindow *self)
{
  const char *db;
  g_autofree char *text = NULL;
  char *path;

  g_return_val_if_fail (SG_IS_WINDOW (self), NULL);

  db = sg_context_get_store_path (sg_application_get_context (self->application));
  if (!sg_compose_page_has_unsaved_text (self->compose_page) || db == NULL)
    return NULL;
  text = sg_compose_page_get_text (self->compose_page);
  if ((path = sg_draft_rescue_keep (db, text)) == NULL)
    return NULL;
  self->discard_unsaved = TRUE;
  return path;
}

/* Quitting with text that could not be stored asks first: the draft is never dropped
 * silently. */
static gboolean
ask_about_unsaved (SgWindow *self)
{
  AdwMessageDialog *dialog;

  if (self->discard_unsaved || !sg_compose_page_has_unsaved_text (self->compose_page))
    return FALSE;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      GTK_WINDOW (self), _("Your Draft Is Not Saved"),
      _("SocialGuard could not store the draft you are writing. Save a copy of it as a file, "
        "or close without it.")));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "discard", _("_Discard"));
  adw_message_dialog_add_response (dialog, "save", _("_Save a Copy…"));
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (unsaved_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static gboolean
sg_window_close_request (GtkWindow *window)
{
  SgWindow *self = SG_WINDOW (window);
  int width, height;

  if (ask_about_unsaved (self))
    return TRUE;

  /* Saved here rather than on every resize: GSettings writes are cheap but not free, and
   * only the last size matters. */
  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);

  /* The draft is saved on close as well as after each pause in typing. */
  sg_compose_page_flush (self->compose_page);

  return GTK_WINDOW_CLASS (sg_window_parent_class)->close_request (window);
}

/* Overdue reviews show on the Privacy Review tab, with their number. */
static void
privacy_due_cb (SgWindow *self)
{
  guint due = sg_privacy_page_get_n_due (self->privacy_page);
  guint open = sg_privacy_page_get_n_open_actions (self->privacy_page);

  adw_view_stack_page_set_needs_attention (self->privacy_stack_page, due > 0);
  adw_view_stack_page_set_badge_number (self->privacy_stack_page, due);

  /* Settings the last reviews found wanting are mentioned too, until marked changed. */
  if (due > 0 || open > 0)
    {
      g_autofree char *reviews =
        due > 0 ? g_strdup_printf (ngettext ("The privacy settings of %u account are due for a review.",
                                             "The privacy settings of %u accounts are due for a review.", due),
                                   due)
                : NULL;
      g_autofree char *actions =
        open > 0 ? g_strdup_printf (ngettext ("%u setting from your last reviews is still to change.",
                                              "%u settings from your last reviews are still to change.",
                                              open), open)
                 : NULL;
      g_autofree char *text = g_strjoin (" ", reviews ? reviews : actions,
                                         reviews ? actions : NULL, NULL);

      gtk_label_set_label (self->due_label, text);
    }
  reveal_banner (self->due_revealer, due > 0 || open > 0);
}

/* The Privacy Review tab's badge and the "review due" banner come from the privacy page, so
 * it is built soon after the first frame even if not shown: at low priority, after painting. */
static gboolean
build_privacy_idle_cb (gpointer data)
{
  SgWindow *self = data;

  self->privacy_idle_id = 0;
  ensure_page (self, "privacy");
  return G_SOURCE_REMOVE;
}

static void
after_first_paint_cb (GdkFrameClock *clock,
                      SgWindow      *self)
{
  g_signal_handlers_disconnect_by_func (clock, after_first_paint_cb, self);
  if (self->privacy_page == NULL && self->privacy_idle_id == 0)
    self->privacy_idle_id = g_idle_add_full (G_PRIORITY_LOW, build_privacy_idle_cb, self, NULL);
}

/* The main menu's popover, a dozen rows nobody sees at launch, is made the first time it
 * opens: by a click, F10 (the button is the window's primary menu) or Enter. */
static void
create_primary_menu_cb (GtkMenuButton *button,
                        gpointer       data)
{
  SgWindow *self = data;

  if (gtk_menu_button_get_popover (button) == NULL)
    gtk_menu_button_set_menu_model (button, self->primary_menu);
}

/* The switcher bar at the bottom only matters once the window is too narrow for the switcher
 * in the title; until then it is hidden and has no buttons, which saved building, styling and
 * measuring five of them for the first frame. From then on it slides in whenever the title
 * shows in place of the switcher, and out when the switcher fits again. */
static void
title_visible_cb (SgWindow *self)
{
  gboolean title_visible =
    adw_squeezer_get_visible_child (self->title_squeezer) == GTK_WIDGET (self->window_title);

  if (title_visible && !gtk_widget_get_visible (GTK_WIDGET (self->switcher_bar)))
    {
      adw_view_switcher_bar_set_stack (self->switcher_bar, self->stack);
      gtk_widget_set_visible (GTK_WIDGET (self->switcher_bar), TRUE);
    }
  adw_view_switcher_bar_set_reveal (self->switcher_bar, title_visible);
}

static void
realize_cb (GtkWidget *widget)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                           G_CALLBACK (after_first_paint_cb), widget, 0);
}

/* Builds the page called @name if it is not built yet, puts it in its bin and wires it to the
 * context and to the rest of the window. Compose is built with the window. */
static void
ensure_page (SgWindow   *self,
             const char *name)
{
  SgContext *context;

  /* Before sg_window_setup() there is no context; after dispose, no bins. */
  if (self->application == NULL || self->stack == NULL)
    return;
  context = sg_application_get_context (self->application);

  if (g_strcmp0 (name, "privacy") == 0 && self->privacy_page == NULL)
    {
      self->privacy_page = g_object_new (SG_TYPE_PRIVACY_PAGE, NULL);
      g_clear_handle_id (&self->privacy_idle_id, g_source_remove);
      adw_bin_set_child (self->privacy_bin, GTK_WIDGET (self->privacy_page));
      sg_privacy_page_set_context (self->privacy_page, context);
      g_signal_connect_object (self->privacy_page, "notify::n-open-actions",
                               G_CALLBACK (privacy_due_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->privacy_page, "notify::n-due", G_CALLBACK (privacy_due_cb),
                               self, G_CONNECT_SWAPPED);
    }
  else if (g_strcmp0 (name, "interests") == 0 && self->interests_page == NULL)
    {
      self->interests_page = g_object_new (SG_TYPE_INTERESTS_PAGE, NULL);
      adw_bin_set_child (self->interests_bin, GTK_WIDGET (self->interests_page));
      sg_interests_page_set_context (self->interests_page, context);
      /* A change in the register changes the declarations Compose appends. */
      g_signal_connect_object (self->interests_page, "changed",
                               G_CALLBACK (sg_compose_page_reload_interests), self->compose_page,
                               G_CONNECT_SWAPPED);
    }
  else if (g_strcmp0 (name, "history") == 0 && self->history_page == NULL)
    {
      self->history_page = g_object_new (SG_TYPE_HISTORY_PAGE, NULL);
      adw_bin_set_child (self->history_bin, GTK_WIDGET (self->history_page));
      sg_history_page_set_context (self->history_page, context);
      /* Built after any earlier publication, so it reads those itself; later ones reload it. */
      g_signal_connect_object (self->compose_page, "published",
                               G_CALLBACK (sg_history_page_reload), self->history_page,
                               G_CONNECT_SWAPPED);
    }
  else if (g_strcmp0 (name, "past-posts") == 0 && self->past_posts_page == NULL)
    {
      self->past_posts_page = g_object_new (SG_TYPE_PAST_POSTS_PAGE, NULL);
      adw_bin_set_child (self->past_posts_bin, GTK_WIDGET (self->past_posts_page));
      sg_past_posts_page_set_context (self->past_posts_page, context);
    }

  /* A post deleted from Past Posts is logged in History: once both pages exist (whichever was
   * built second makes the link; a History built later reads the log itself). */
  if ((g_strcmp0 (name, "history") == 0 || g_strcmp0 (name, "past-posts") == 0) &&
      self->history_page != NULL && self->past_posts_page != NULL && !self->deletions_linked)
    {
      g_signal_connect_object (self->past_posts_page, "deleted",
                               G_CALLBACK (sg_history_page_reload), self->history_page,
                               G_CONNECT_SWAPPED);
      self->deletions_linked = TRUE;
    }
}

gboolean
sg_window_is_page_built (SgWindow   *self,
                         const char *name)
{
  g_return_val_if_fail (SG_IS_WINDOW (self), FALSE);

  if (g_strcmp0 (name, "compose") == 0)
    return self->compose_page != NULL;
  if (g_strcmp0 (name, "privacy") == 0)
    return self->privacy_page != NULL;
  if (g_strcmp0 (name, "interests") == 0)
    return self->interests_page != NULL;
  if (g_strcmp0 (name, "history") == 0)
    return self->history_page != NULL;
  if (g_strcmp0 (name, "past-posts") == 0)
    return self->past_posts_page != NULL;
  return FALSE;
}

/* GtkWindow:application is not a construct property, so it is only set after constructed():
 * everything that needs the application happens here, from sg_window_new(). */
static void
sg_window_setup (SgWindow *self)
{
  g_autofree char *last_page = NULL;
  SgContext *context;

  self->application = SG_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  context = sg_application_get_context (self->application);
  self->settings = g_object_ref (sg_context_get_settings (context));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  sg_compose_page_set_context (self->compose_page, context);

  last_page = g_settings_get_string (self->settings, "last-page");
  if (is_page_name (last_page))
    adw_view_stack_set_visible_child_name (self->stack, last_page);
  /* The page shown at launch is built now; the others wait until shown. */
  ensure_page (self, sg_window_get_page (self));

  g_signal_connect_object (self->stack, "notify::visible-child-name",
                           G_CALLBACK (visible_page_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "realize", G_CALLBACK (realize_cb), NULL);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (active_changed_cb), NULL);
  g_signal_connect_object (context, "notify::store-error",
                           G_CALLBACK (store_error_changed_cb), self, G_CONNECT_SWAPPED);

  /* The store may already have failed before this window existed. */
  if (sg_context_get_store_error (context) != NULL)
    show_store_problem (self);
}

/* The shortcuts window is built the first time it is asked for (Ctrl+?, the menu), not with
 * the window as GtkApplication does with gtk/help-overlay.ui: it is a window of its own with
 * some fifty rows that nobody sees at launch. Handing it to GtkApplicationWindow keeps what
 * GTK does for a help overlay: modal, hidden rather than destroyed on close, and each row's
 * keys read from the application's accels. */
static void
show_shortcuts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *shortcuts = gtk_application_window_get_help_overlay (window);

  if (shortcuts == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/org/example/SocialGuard/ui/sg-shortcuts-window.ui");

      shortcuts = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, shortcuts);
    }
  gtk_window_present (GTK_WINDOW (shortcuts));
}

static void
sg_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SgWindow *self = SG_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_string (value, sg_window_get_page (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SgWindow *self = SG_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      sg_window_set_page (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_window_dispose (GObject *object)
{
  SgWindow *self = SG_WINDOW (object);

  g_clear_handle_id (&self->privacy_idle_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_WINDOW);
  /* The pages were children of the bins, gone with the template. */
  self->privacy_page = NULL;
  self->interests_page = NULL;
  self->history_page = NULL;
  self->past_posts_page = NULL;
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sg_window_parent_class)->dispose (object);
}

static void
sg_window_class_init (SgWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sg_window_dispose;
  object_class->get_property = sg_window_get_property;
  object_class->set_property = sg_window_set_property;
  window_class->close_request = sg_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/SocialGuard/ui/sg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SgWindow, compose_page);
  gtk_widget_class_bind_template_child (widget_class, SgWindow, due_label);
  gtk_widget_class_bind_template_child (widget_class, SgWindow, due_revealer);
  gtk_widget_class_bind_template_child (widget_class, SgWindow, history_bin);
  gtk_widget_class_bind_template_child (widget_class, SgWindow, interests_bin);
  gtk_widget_class_bind_template_child (widget_class, SgWindow, past_posts_bin);
  gtk_widget_class_bind_template_child (widget_class, SgWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, SgWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, SgWindow, privacy_bin);
  gtk_widget_class_bind_template_child (widget_class, SgWindow, privacy_stack_page);
  gtk_widget_class_bind_template_child (widget_class, SgWindow, problem_label);
  gtk_widget_class_bind_template_child (widget_class, SgWindow, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, SgWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SgWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, SgWindow, title_squeezer);
  gtk_widget_class_bind_template_child (widget_class, SgWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SgWindow, toast_overlay);

  /* The visible page, by name ("compose", "privacy", "interests", "history", "past-posts"). */
  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL, "compose",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A property action is stateful, so the page menu and Alt+1…5 stay in step with the
   * view switcher for free. */
  gtk_widget_class_install_property_action (widget_class, "win.page", "page");
  gtk_widget_class_install_action (widget_class, "win.resolve-problem", NULL,
                                   resolve_problem_action);
  /* Before GtkApplicationWindow's own action of that name, which only exists once the
   * shortcuts window has been handed to it. */
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_shortcuts_action);
}

static void
sg_window_init (SgWindow *self)
{
  g_type_ensure (SG_TYPE_COMPOSE_PAGE);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->primary_menu_button, create_primary_menu_cb,
                                         self, NULL);
  g_signal_connect_object (self->title_squeezer, "notify::visible-child",
                           G_CALLBACK (title_visible_cb), self, G_CONNECT_SWAPPED);
}

SgWindow *
sg_window_new (SgApplication *application)
{
  SgWindow *self;

  g_return_val_if_fail (SG_IS_APPLICATION (application), NULL);

  self = g_object_new (SG_TYPE_WINDOW, "application", application, NULL);
  sg_window_setup (self);

  return self;
}

SgComposePage *
sg_window_get_compose_page (SgWindow *self)
{
  g_return_val_if_fail (SG_IS_WINDOW (self), NULL);

  return self->compose_page;
}

SgPrivacyPage *
sg_window_get_privacy_page (SgWindow *self)
{
  g_return_val_if_fail (SG_IS_WINDOW (self), NULL);

  ensure_page (self, "privacy");
  return self->privacy_page;
}

SgHistoryPage *
sg_window_get_history_page (SgWindow *self)
{
  g_return_val_if_fail (SG_IS_WINDOW (self), NULL);

  ensure_page (self, "history");
  return self->history_page;
}

SgPastPostsPage *
sg_window_get_past_posts_page (SgWindow *self)
{
  g_return_val_if_fail (SG_IS_WINDOW (self), NULL);

  ensure_page (self, "past-posts");
  return self->past_posts_page;
}

SgInterestsPage *
sg_window_get_interests_page (SgWindow *self)
{
  g_return_val_if_fail (SG_IS_WINDOW (self), NULL);

  ensure_page (self, "interests");
  return self->interests_page;
}

const char *
sg_window_get_page (SgWindow *self)
{
  g_return_val_if_fail (SG_IS_WINDOW (self), NULL);

  /* The property action asks for the state while the template is being torn down. */
  if (self->stack == NULL || adw_view_stack_get_visible_child_name (self->stack) == NULL)
    return page_names[0];

  return adw_view_stack_get_visible_child_name (self->stack);
}

void
sg_window_set_page (SgWindow   *self,
                    const char *page)
{
  g_return_if_fail (SG_IS_WINDOW (self));

  if (is_page_name (page))
    adw_view_stack_set_visible_child_name (self->stack, page);
}

void
sg_window_add_toast (SgWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (SG_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
