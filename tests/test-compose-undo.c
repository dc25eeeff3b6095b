/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Undo on Compose's toasts: a rule ignored everywhere is found again, and a deleted draft
 * comes back. A program of its own so that its toasts are the only ones: in the long compose
 * run, toasts of earlier tests queue in front, and pressing Undo there crashed libadwaita's
 * toast overlay (adw_animation_skip, with the code before and after issue 13 alike). */
#include "config.h"

#include "sg-application.h"
#include "sg-compose-page.h"
#include "sg-drafts.h"
#include "sg-finding-row.h"
#include "sg-test-gui.h"
#include "sg-window.h"

static SgApplication *app;

static SgComposePage *
get_page (void)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (SG_IS_WINDOW (window));
  return sg_window_get_compose_page (SG_WINDOW (window));
}

static gboolean
ready (gpointer data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  return SG_IS_WINDOW (window) && sg_application_get_store (app) != NULL &&
         sg_application_get_analyzer (app) != NULL &&
         sg_compose_page_get_draft_id (get_page ()) >= 0;
}

static void
findings_changed_cb (SgComposePage *page,
                     gboolean      *changed)
{
  *changed = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static void
set_text (const char *text)
{
  SgComposePage *page = get_page ();
  gboolean changed = FALSE;
  gulong id = g_signal_connect (page, "findings-changed", G_CALLBACK (findings_changed_cb),
                                &changed);

  gtk_text_buffer_set_text (sg_compose_page_get_buffer (page), text, -1);
  g_assert_true (sg_test_wait (is_true, &changed, 5000));
  g_signal_handler_disconnect (page, id);
}

static SgFindingRow *
find_row (const char *rule_id)
{
  GtkListBox *list = sg_compose_page_get_findings (get_page ());

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (SG_IS_FINDING_ROW (child) &&
        g_strcmp0 (sg_finding_get_rule_id (sg_finding_row_get_finding (SG_FINDING_ROW (child))),
                   rule_id) == 0)
      return SG_FINDING_ROW (child);
  return NULL;
}

/* A mapped label holding @text, or NULL. */
static GtkWidget *
find_label_containing (GtkWidget  *root,
                       const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label_containing (c, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_mapped_button (GtkWidget  *root,
                    const char *label)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_mapped_button (c, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The toast saying @data is on screen with its Undo button (one toast shows at a time, so
 * that button is its own). */
static gboolean
toast_with_undo_shown (gpointer data)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (get_page ()), GTK_TYPE_WINDOW);

  return find_label_containing (window, data) != NULL &&
         find_mapped_button (window, "_Undo") != NULL;
}

static void
press_undo (const char *toast_text)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (get_page ()), GTK_TYPE_WINDOW);

  g_assert_true (sg_test_wait (toast_with_undo_shown, (gpointer) toast_text, 5000));
  g_signal_emit_by_name (find_mapped_button (window, "_Undo"), "clicked");
}

static gboolean
rule_ignored (const char *rule_id)
{
  g_auto(GStrv) ignored = g_settings_get_strv (sg_application_get_settings (app), "ignored-rules");

  return g_strv_contains ((const char * const *) ignored, rule_id);
}

static void
test_undo_ignore_rule (void)
{
  SgFindingRow *row;

  g_assert_true (sg_test_wait (ready, NULL, 10000));
  gtk_window_present (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (get_page ()))));
  set_text ("The usual junkies in the car park again tonight.");
  row = find_row ("respect.derogatory-language");
  g_assert_nonnull (row);
  gtk_widget_activate_action (GTK_WIDGET (row), "finding.ignore-rule", NULL);
  g_assert_true (rule_ignored ("respect.derogatory-language"));

  press_undo ("is ignored everywhere");
  g_assert_false (rule_ignored ("respect.derogatory-language"));
  /* It is found again from the next change on. */
  set_text ("The usual junkies in the car park again tonight!");
  g_assert_nonnull (find_row ("respect.derogatory-language"));
}

static gboolean
saved_text_is (gpointer data)
{
  g_autoptr(SgDraft) draft = sg_drafts_load (sg_application_get_store (app),
                                             sg_compose_page_get_draft_id (get_page ()), NULL);

  return draft != NULL && g_strcmp0 (draft->body, data) == 0;
}

static gboolean
shown_text_is (gpointer data)
{
  GtkTextBuffer *buffer = sg_compose_page_get_buffer (get_page ());
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  return g_strcmp0 (text, data) == 0;
}

static gboolean
draft_id_is (gpointer data)
{
  return sg_compose_page_get_draft_id (get_page ()) == *(gint64 *) data;
}

static gboolean
draft_id_is_not (gpointer data)
{
  return sg_compose_page_get_draft_id (get_page ()) != *(gint64 *) data;
}

static void
test_undo_delete (void)
{
  SgComposePage *page = get_page ();
  const char *body = "A draft deleted by mistake.";
  gint64 id;

  set_text (body);
  id = sg_compose_page_get_draft_id (page);
  g_assert_cmpint (id, >=, 0);
  g_assert_true (sg_test_wait (saved_text_is, (gpointer) body, 5000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "compose.delete-draft", NULL));
  g_assert_true (sg_test_wait (draft_id_is_not, &id, 5000));

  press_undo ("Draft deleted");
  g_assert_true (sg_test_wait (draft_id_is, &id, 5000));
  g_assert_true (sg_test_wait (shown_text_is, (gpointer) body, 5000));
}

int
main (int   argc,
      char *argv[])
{
  char *home = sg_test_gui_init (&argc, &argv);

  app = sg_application_new ();
  g_test_add_func ("/sg/compose-undo/ignore-rule", test_undo_ignore_rule);
  g_test_add_func ("/sg/compose-undo/delete-draft", test_undo_delete);

  return sg_test_gui_run ((GApplication **) &app, home);
}
