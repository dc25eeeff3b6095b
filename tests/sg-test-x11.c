/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gdk/x11/gdkx.h>

#include "sg-test-gui.h"
#include "sg-test-x11.h"

static char *
xid_of (GtkWidget *widget)
{
  GdkSurface *surface = gtk_native_get_surface (gtk_widget_get_native (widget));

  return g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
}

static void
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  sg_test_iterate (150);
}

gboolean
sg_test_x11_available (void)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  return xdotool != NULL && GDK_IS_X11_DISPLAY (gdk_display_get_default ());
}

void
sg_test_x11_focus (GtkWidget *widget)
{
  g_autofree char *xid = xid_of (widget);
  const char *argv[] = { "xdotool", "windowfocus", "--sync", xid, NULL };

  run (argv);
}

void
sg_test_x11_type (const char *text)
{
  const char *argv[] = { "xdotool", "type", "--delay", "5", text, NULL };

  run (argv);
}

void
sg_test_x11_click (GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  g_autofree char *xid = xid_of (widget);
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  graphene_point_t p;
  double dx, dy;

  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                                 gtk_widget_get_height (widget) / 2.0),
                                           &p));
  /* Widget coordinates start inside the window's shadow; the X window's at its corner. */
  gtk_native_get_surface_transform (native, &dx, &dy);
  x = g_strdup_printf ("%d", (int) (p.x + dx));
  y = g_strdup_printf ("%d", (int) (p.y + dy));
  g_test_message ("click at %s,%s in window %s (%d×%d)", x, y, xid,
                  gtk_widget_get_width (GTK_WIDGET (native)),
                  gtk_widget_get_height (GTK_WIDGET (native)));
  {
    const char *raise[] = { "xdotool", "windowraise", xid, NULL };
    const char *move[] = { "xdotool", "mousemove", "--sync", "--window", xid, x, y, NULL };
    const char *press_button[] = { "xdotool", "click", "1", NULL };

    /* Raised first: tests run in parallel on one display with no window manager, and a click
     * goes to whichever window is on top at that point of the screen. Then moved and let
     * settle, so the pointer's enter reaches the widget before the press. */
    run (raise);
    run (move);
    run (press_button);
  }
}

gboolean
sg_test_file_chooser_gone (gpointer unused)
{
  GtkWindow *chooser = sg_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);

  return chooser == NULL || !gtk_widget_get_visible (GTK_WIDGET (chooser));
}

void
sg_test_x11_choose_file (const char *title,
                         const char *path)
{
  GtkWindow *chooser;

  g_assert_true (sg_test_wait (sg_test_toplevel_shown,
                               GSIZE_TO_POINTER (GTK_TYPE_FILE_CHOOSER_DIALOG), 5000));
  chooser = sg_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (chooser), ==, title);
  sg_test_iterate (300);
  sg_test_x11_focus (GTK_WIDGET (chooser));
  /* A path typed into the file list opens the location field with it. */
  sg_test_x11_type (path);
  sg_test_iterate (300);
  sg_test_press_keys ("Return");
  g_assert_true (sg_test_wait (sg_test_file_chooser_gone, NULL, 5000));
}
