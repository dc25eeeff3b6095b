/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include <adwaita.h>
#include <gdk/x11/gdkx.h>

#include "sg-test-gui.h"

char *
sg_test_gui_init (int    *argc,
                  char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *config = NULL;
  char *home;

  home = g_dir_make_tmp ("sg-gui-XXXXXX", &error);
  g_assert_no_error (error);
  data = g_build_filename (home, "data", NULL);
  config = g_build_filename (home, "config", NULL);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* The Pictures folder too (Photos to Attach writes there), read by GLib on first use. */
  {
    g_autofree char *dirs = g_build_filename (config, "user-dirs.dirs", NULL);
    g_autofree char *line = g_strdup_printf ("XDG_PICTURES_DIR=\"%s/Pictures\"\n", home);

    g_assert_cmpint (g_mkdir_with_parents (config, 0700), ==, 0);
    g_assert_true (g_file_set_contents (dirs, line, -1, &error));
  }

  g_test_init (argc, argv, NULL);

  return home;
}

static gboolean
timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

void
sg_test_press_keys (const char *keys)
{
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[] = { "xdotool", "key", "--clearmodifiers", keys, NULL };

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  sg_test_iterate (100);
}

void
sg_test_focus_window (GtkWindow *window)
{
  g_autofree char *xid = NULL;

  if (g_find_program_in_path ("xdotool") == NULL ||
      !GDK_IS_X11_DISPLAY (gtk_widget_get_display (GTK_WIDGET (window))))
    g_error ("real key events need xdotool and an X display (Xvfb)");
  gtk_window_present (window);
  sg_test_iterate (100);
  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (
                                  gtk_native_get_surface (GTK_NATIVE (window))));
  {
    const char *argv[] = { "xdotool", "windowfocus", "--sync", xid, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 NULL, NULL, NULL, NULL));
  }
  sg_test_iterate (100);
}

gboolean
sg_test_wait (SgTestCondition condition,
              gpointer        data,
              guint           timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);

  return condition (data);
}

void
sg_test_iterate (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

GtkWindow *
sg_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

gboolean
sg_test_is_true (gpointer flag)
{
  return *(gboolean *) flag;
}

gboolean
sg_test_toplevel_shown (gpointer type)
{
  GtkWindow *window = sg_test_find_toplevel (GPOINTER_TO_SIZE (type));

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

gboolean
sg_test_message_dialog_shown (gpointer unused)
{
  return sg_test_toplevel_shown (GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG));
}

void
sg_test_respond (AdwMessageDialog *dialog,
                 const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

char *
sg_test_save_png (GtkWidget  *widget,
                  const char *name)
{
  const char *dir = g_getenv ("SG_TEST_OUTPUT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  char *path;
  GskRenderer *renderer;
  int width, height;

  /* A window presented a moment ago has no size until its first layout. */
  for (guint tries = 0; gtk_widget_get_width (widget) == 0 && tries < 100; tries++)
    sg_test_iterate (50);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  path = g_build_filename (dir != NULL ? dir : g_get_tmp_dir (), file, NULL);

  /* The paintable is empty until the widget has been drawn once since it was (re)mapped or
   * resized; on a loaded machine that can take longer than the caller waited, so wait for a
   * frame here rather than fail (this was the "node should not be NULL" abort in CI). */
  paintable = gtk_widget_paintable_new (widget);
  for (guint tries = 0; node == NULL && tries < 100; tries++)
    {
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      if (node == NULL)
        sg_test_iterate (50);
    }
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));

  return path;
}

void
sg_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          sg_test_remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

GtkWidget *
sg_test_find_by_label (GtkWidget  *root,
                       const char *label)
{
  /* GTK 4.8 has no public getter for accessible properties; the test AT context has one. */
  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL))
    {
      g_autofree char *s = gtk_test_accessible_check_property (GTK_ACCESSIBLE (root),
                                                               GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                               label);
      if (s == NULL)
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = sg_test_find_by_label (child, label);
      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
sg_test_find_label_text (GtkWidget  *root,
                         const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = sg_test_find_label_text (child, text);
      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
sg_test_find_label_containing (GtkWidget  *root,
                               const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = sg_test_find_label_containing (child, text);
      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
sg_test_find_mapped_button (GtkWidget  *root,
                            const char *label)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = sg_test_find_mapped_button (child, label);
      if (found != NULL)
        return found;
    }

  return NULL;
}

int
sg_test_gui_run_tests (GApplication **app,
                       char          *home)
{
  int ret = g_test_run ();

  if (*app != NULL)
    g_application_quit (*app);
  g_clear_object (app);
  sg_test_remove_tree (home);
  g_free (home);
  return ret;
}

int
sg_test_gui_run (GApplication **app,
                 char          *home)
{
  g_autoptr(GError) error = NULL;

  g_application_set_flags (*app, G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (*app, NULL, &error));
  g_assert_no_error (error);
  g_application_activate (*app);

  return sg_test_gui_run_tests (app, home);
}
