/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The guidance sidebar bound to SgDraftChecker's model (issue 13 point 2): an analysis that
 * finds what is already shown changes nothing (no items-changed, the same rows, the keyboard
 * focus where it was), even when typing moved the findings; one that finds one thing more adds
 * one row and leaves the others. A row's buttons, pressed with a real click and a real key,
 * raise the row's typed signals, and the page does what they ask, on the right words. */
#include "config.h"

#include "sg-application.h"
#include "sg-compose-page.h"
#include "sg-finding-row.h"
#include "sg-test-app.h"
#include "sg-test-gui.h"
#include "sg-test-x11.h"
#include "sg-window.h"

static SgApplication *app;

#define POST "Lovely chat with Mrs Okafor on Ward 9 this morning."

static SgComposePage *
get_page (void)
{
  return sg_window_get_compose_page (sg_test_app_window (app));
}

static void
flag_cb (gpointer  instance,
         gboolean *flag)
{
  *flag = TRUE;
}

/* Runs @edit (or nothing) and waits for the analysis after it to land. */
static void
edit_and_wait (void (*edit) (GtkTextBuffer *buffer))
{
  SgComposePage *page = get_page ();
  gboolean checked = FALSE;
  gulong id = g_signal_connect (page, "findings-changed", G_CALLBACK (flag_cb), &checked);

  if (edit != NULL)
    edit (sg_compose_page_get_buffer (page));
  else
    sg_draft_checker_invalidate (sg_compose_page_get_checker (page), 0);
  g_assert_true (sg_test_wait (sg_test_is_true, &checked, 5000));
  g_signal_handler_disconnect (page, id);
}

static char *
get_text (void)
{
  return sg_test_compose_text (get_page ());
}

static SgFindingRow *
find_row (const char *rule_id)
{
  return sg_test_compose_find_row (get_page (), rule_id);
}

/* The button under @root whose label starts with @prefix. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *prefix)
{
  if (GTK_IS_BUTTON (root) && gtk_button_get_label (GTK_BUTTON (root)) != NULL &&
      g_str_has_prefix (gtk_button_get_label (GTK_BUTTON (root)), prefix))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct {
  guint n;
  guint position;
  guint removed;
  guint added;
} Changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->n++;
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
}

static void
set_post (GtkTextBuffer *buffer)
{
  gtk_text_buffer_set_text (buffer, POST, -1);
}

/* Typing before the findings moves them: their marks move with the text. */
static void
type_at_start (GtkTextBuffer *buffer)
{
  GtkTextIter start;

  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_insert (buffer, &start, "Oh. ", -1);
}

static void
type_at_end (GtkTextBuffer *buffer)
{
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, " Thanks all", -1);
}

static void
add_nhs_number (GtkTextBuffer *buffer)
{
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, " NHS no 943 476 5919.", -1);
}

static gboolean
row_gone (gpointer rule_id)
{
  return find_row (rule_id) == NULL;
}

static gboolean
text_has (gpointer part)
{
  g_autofree char *text = get_text ();

  return strstr (text, part) != NULL;
}

static void
test_model (void)
{
  SgComposePage *page;
  GtkWindow *window;
  GListModel *model;
  SgFindingRow *name_row, *ward_row;
  Changes changes = { 0 };
  gulong id;

  g_assert_true (sg_test_wait (sg_test_app_ready, app, 10000));
  page = get_page ();
  window = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (page)));
  sg_compose_page_set_platform (page, "x");
  gtk_window_present (window);
  sg_test_iterate (200);

  edit_and_wait (set_post);
  model = sg_draft_checker_get_findings (sg_compose_page_get_checker (page));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  name_row = find_row ("confidentiality.patient-name");
  ward_row = find_row ("confidentiality.ward-and-bed");
  g_assert_nonnull (name_row);
  g_assert_nonnull (ward_row);
  gtk_widget_grab_focus (GTK_WIDGET (ward_row));
  g_assert_true (gtk_window_get_focus (window) == GTK_WIDGET (ward_row));

  id = g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  /* The same text checked again; then text typed before and after the findings: the same
   * findings each time, so the model says nothing and the rows and the focus stay. */
  edit_and_wait (NULL);
  edit_and_wait (type_at_start);
  edit_and_wait (type_at_end);
  g_assert_cmpuint (changes.n, ==, 0);
  g_assert_true (find_row ("confidentiality.patient-name") == name_row);
  g_assert_true (find_row ("confidentiality.ward-and-bed") == ward_row);
  g_assert_true (gtk_window_get_focus (window) == GTK_WIDGET (ward_row));
  g_assert_cmpuint (sg_draft_checker_get_count (sg_compose_page_get_checker (page),
                                                SG_SEVERITY_ERROR), ==, 0);

  /* One thing more: one row added before the name and the ward (warnings both: each is
   * inferred from words), since an NHS number is an error; the others untouched. */
  edit_and_wait (add_nhs_number);
  g_assert_cmpuint (changes.n, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_true (find_row ("confidentiality.patient-name") == name_row);
  g_assert_true (find_row ("confidentiality.ward-and-bed") == ward_row);
  g_assert_nonnull (find_row ("confidentiality.nhs-number"));
  g_assert_cmpuint (sg_draft_checker_get_count (sg_compose_page_get_checker (page),
                                                SG_SEVERITY_ERROR), ==, 1);
  g_assert_cmpstr (sg_compose_page_get_verdict (page), ==, "Do not post as written");
  g_signal_handler_disconnect (model, id);
}

static void
test_row_signals (void)
{
  SgComposePage *page = get_page ();
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (page)));
  SgFindingRow *row;
  GtkWidget *button;
  gboolean fix_requested = FALSE, ignore_here = FALSE;
  g_autofree char *text = NULL;
  g_autofree char *shot = NULL;

  if (!sg_test_x11_available ())
    {
      g_test_fail_printf ("real clicks need xdotool and an X display (Xvfb)");
      return;
    }
  sg_test_focus_window (window);
  sg_test_iterate (300);
  shot = sg_test_save_png (GTK_WIDGET (window), "guidance-sidebar");
  g_test_message ("Screenshot: %s", shot);

  /* The text moved under this row after it was made ("Oh. " before it): the fix still
   * replaces the number and nothing else. */
  row = find_row ("confidentiality.nhs-number");
  g_assert_nonnull (row);
  g_signal_connect (row, "fix-requested", G_CALLBACK (flag_cb), &fix_requested);
  button = find_button (GTK_WIDGET (row), "Replace with");
  g_assert_nonnull (button);
  sg_test_x11_click (button);
  g_assert_true (sg_test_wait (sg_test_is_true, &fix_requested, 5000));
  g_assert_true (sg_test_wait (row_gone, (gpointer) "confidentiality.nhs-number", 5000));
  text = get_text ();
  g_assert_cmpstr (text, ==, "Oh. " POST " Thanks all NHS no [removed].");

  /* Ignore Here from the keyboard: focus on the button, a real Return. */
  row = find_row ("confidentiality.ward-and-bed");
  g_assert_nonnull (row);
  g_signal_connect (row, "ignore-here", G_CALLBACK (flag_cb), &ignore_here);
  button = find_button (GTK_WIDGET (row), "Ignore Here");
  g_assert_nonnull (button);
  gtk_widget_grab_focus (button);
  sg_test_press_keys ("Return");
  g_assert_true (sg_test_wait (sg_test_is_true, &ignore_here, 5000));
  g_assert_true (sg_test_wait (row_gone, (gpointer) "confidentiality.ward-and-bed", 5000));
  g_assert_true (text_has ((gpointer) "Ward 9"));
  g_assert_nonnull (find_row ("confidentiality.patient-name"));
}

/* Typing inside the words a finding covers, then asking for its fix before the next check:
 * the fix does not replace what was just typed, and says why. */
static void
test_fix_after_typing (void)
{
  GtkTextBuffer *buffer = sg_compose_page_get_buffer (get_page ());
  SgFindingRow *row;
  GtkTextIter at;
  g_autofree char *text = NULL;

  edit_and_wait (add_nhs_number);
  row = find_row ("confidentiality.nhs-number");
  g_assert_nonnull (row);
  /* "943 476 5919" → "943 476 59190": typed inside the finding's words. */
  text = get_text ();
  gtk_text_buffer_get_iter_at_offset (buffer, &at,
                                      (int) g_utf8_pointer_to_offset (text, strstr (text, "5919")) + 4);
  gtk_text_buffer_insert (buffer, &at, "0", -1);
  g_signal_emit_by_name (row, "fix-requested");
  g_clear_pointer (&text, g_free);
  text = get_text ();
  g_assert_nonnull (strstr (text, "943 476 59190"));
}

int
main (int   argc,
      char *argv[])
{
  char *home = sg_test_gui_init (&argc, &argv);

  app = sg_application_new ();
  g_test_add_func ("/sg/guidance-sidebar/model", test_model);
  g_test_add_func ("/sg/guidance-sidebar/row-signals", test_row_signals);
  g_test_add_func ("/sg/guidance-sidebar/fix-after-typing", test_fix_after_typing);
  return sg_test_gui_run ((GApplication **) &app, home);
}
