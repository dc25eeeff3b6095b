/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*SgTestCondition) (gpointer data);

/* Prepares a private $XDG_DATA_HOME and $XDG_CONFIG_HOME before GLib caches them. */
char      *sg_test_gui_init        (int             *argc,
                                    char          ***argv);
gboolean   sg_test_wait            (SgTestCondition  condition,
                                    gpointer         data,
                                    guint            timeout_ms);
void       sg_test_iterate         (guint            ms);
GtkWindow *sg_test_find_toplevel   (GType            type);
/* An SgTestCondition: a message dialog is on screen (mapped, not only shown). */
gboolean   sg_test_message_dialog_shown (gpointer    unused);
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
/* The usual end of a GUI test's main(): registers and activates *@app (non-unique), runs the
 * tests added, quits and clears *@app, removes @home (from sg_test_gui_init) and frees it. */
int        sg_test_gui_run         (GApplication   **app,
                                    char            *home);

G_END_DECLS
