/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Real input through the X server (xdotool and XTEST under Xvfb), for tests that must not
 * stand in for the user by calling actions: focus, clicks and typing as a user makes them. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Xvfb and xdotool are there; otherwise the test should fail and say why. */
gboolean sg_test_x11_available (void);
/* Keyboard focus to the X window holding @widget, as a click on it would give. */
void     sg_test_x11_focus     (GtkWidget  *widget);
/* A real click of the first button in the middle of @widget (which must be mapped). */
void     sg_test_x11_click     (GtkWidget  *widget);
/* @text typed into whatever has the focus. */
void     sg_test_x11_type      (const char *text);

/* GTK's own file chooser (there is no portal under test) is gone or hidden: a condition for
 * sg_test_wait(). */
gboolean sg_test_file_chooser_gone (gpointer    unused);
/* Waits for GTK's own file chooser, checks its title is @title, types @path into it and
 * presses Return, as a user opening that file does; then waits for the chooser to go. */
void     sg_test_x11_choose_file   (const char *title,
                                    const char *path);

G_END_DECLS
