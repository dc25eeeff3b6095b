/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef gboolean (*SgTestCondition) (gpointer data);

/* Prepares a private $XDG_DATA_HOME and $XDG_CONFIG_HOME (with the Pictures folder inside the
 * temporary home) before GLib caches them. */
char      *sg_test_gui_init        (int             *argc,
                                    char          ***argv);
gboolean   sg_test_wait            (SgTestCondition  condition,
                                    gpointer         data,
                                    guint            timeout_ms);
void       sg_test_iterate         (guint            ms);
GtkWindow *sg_test_find_toplevel   (GType            type);
/* SgTestConditions: *(gboolean *) @flag is TRUE; a toplevel of type GPOINTER_TO_SIZE (@type)
 * is on screen (mapped, not only shown); a message dialog is. */
gboolean   sg_test_is_true         (gpointer         flag);
gboolean   sg_test_toplevel_shown  (gpointer         type);
gboolean   sg_test_message_dialog_shown (gpointer    unused);
/* Answers @dialog with @response and closes it: adw_message_dialog_response() only emits
 * the signal, where a click would also close the dialog. */
void       sg_test_respond         (AdwMessageDialog *dialog,
                                    const char       *response);
/* Renders @widget to "<SG_TEST_OUTPUT_DIR>/<name>.png" and returns the path. */
char      *sg_test_save_png        (GtkWidget       *widget,
                                    const char      *name);
/* Depth-first search for a widget whose accessible label is @label. */
GtkWidget *sg_test_find_by_label   (GtkWidget       *root,
                                    const char      *label);
/* A mapped GtkLabel whose text is exactly @text, or NULL. */
GtkWidget *sg_test_find_label_text (GtkWidget       *root,
                                    const char      *text);
/* A mapped GtkLabel whose text contains @text, or NULL. */
GtkWidget *sg_test_find_label_containing (GtkWidget  *root,
                                          const char *text);
/* A mapped GtkButton labelled @label (mnemonic underscore included), or NULL. */
GtkWidget *sg_test_find_mapped_button    (GtkWidget  *root,
                                          const char *label);
void       sg_test_remove_tree     (const char      *path);
/* Real key presses through the X server (xdotool and XTEST under Xvfb), not activated
 * actions; @keys as xdotool writes them ("ctrl+question", "F10"). */
void       sg_test_press_keys      (const char      *keys);
/* Gives @window the X input focus, so that sg_test_press_keys() reaches it; fails the test
 * without xdotool or an X display. */
void       sg_test_focus_window    (GtkWindow       *window);
/* The usual end of a GUI test's main(): registers and activates *@app (non-unique), runs the
 * tests added, quits and clears *@app, removes @home (from sg_test_gui_init) and frees it. */
int        sg_test_gui_run         (GApplication   **app,
                                    char            *home);
/* The same for tests that start *@app themselves (it may still be NULL): runs the tests,
 * then quits and clears *@app, removes @home and frees it. */
int        sg_test_gui_run_tests   (GApplication   **app,
                                    char            *home);

G_END_DECLS
