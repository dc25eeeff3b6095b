/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Interests page: empty state, adding through the form's rules, search and filters, and
 * the declaration that then appears, counted, in Compose; ending and removing; a register
 * imported through the Import… dialog with real keys; the Add Interest form closed without an
 * answer, which leaks nothing and opens again with what was typed. */
#include "config.h"

#include <glib/gstdio.h>

#include "sg-application.h"
#include "sg-interest-register.h"
#include "sg-test-app.h"
#include "sg-test-gui.h"
#include "sg-test-x11.h"
#include "sg-window.h"

static SgApplication *app;

static SgContext *
context (void)
{
  return sg_application_get_context (app);
}

static gboolean
n_shown_is (gpointer data)
{
  return sg_interests_page_get_n_shown (sg_window_get_interests_page (sg_test_app_window (app))) ==
         GPOINTER_TO_UINT (data);
}

static gboolean
declared (gpointer data)
{
  const char *d = sg_compose_page_get_declaration (sg_window_get_compose_page (sg_test_app_window (app)));
  return d != NULL && strstr (d, data) != NULL;
}


static gboolean
toast_shown (gpointer text)
{
  return sg_test_find_label_text (GTK_WIDGET (sg_test_app_window (app)), text) != NULL;
}

static void
test_interests_page (void)
{
  SgInterestsPage *page;
  g_autoptr(SgInterest) interest = sg_interest_new ("Pellana", SG_INTEREST_RESEARCH_FUNDING);
  AdwMessageDialog *form;
  g_autofree char *shot = NULL;

  g_assert_true (sg_test_wait (sg_test_app_ready, app, 10000));
  page = sg_window_get_interests_page (sg_test_app_window (app));
  sg_window_set_page (sg_test_app_window (app), "interests");

  /* Empty state first, explaining why this matters. */
  sg_test_iterate (200);
  g_assert_nonnull (sg_test_find_label_text (GTK_WIDGET (page), "No Interests Yet"));

  /* The form cannot be saved without an organisation. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "interests.add", NULL));
  g_assert_true (sg_test_wait (sg_test_message_dialog_shown, NULL, 5000));
  form = ADW_MESSAGE_DIALOG (sg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_false (adw_message_dialog_get_response_enabled (form, "save"));
  /* With an organisation and a date typed the UK way, it can. */
  {
    /* The row's title label is what carries the words; the entry row is its ancestor. */
    GtkWidget *org = gtk_widget_get_ancestor (sg_test_find_by_label (GTK_WIDGET (form), "Organisation"),
                                              ADW_TYPE_ENTRY_ROW);
    GtkWidget *started = gtk_widget_get_ancestor (sg_test_find_by_label (GTK_WIDGET (form),
                                                  "Started (such as 12/09/2024)"), ADW_TYPE_ENTRY_ROW);

    g_assert_nonnull (org);
    g_assert_nonnull (started);
    gtk_editable_set_text (GTK_EDITABLE (org), "Pellana");
    gtk_editable_set_text (GTK_EDITABLE (started), "12/09/2024");
    g_assert_true (adw_message_dialog_get_response_enabled (form, "save"));
    gtk_editable_set_text (GTK_EDITABLE (started), "31/02/2024");
    g_assert_false (adw_message_dialog_get_response_enabled (form, "save"));

    /* Or picked on a calendar, which opens on the date typed and writes it day first. */
    {
      GtkWidget *pick = sg_test_find_by_label (started, "Choose the date");
      GtkPopover *popover;
      GtkCalendar *calendar;
      g_autoptr(GDateTime) shown = NULL;
      g_autoptr(GDateTime) day = g_date_time_new_local (2024, 3, 15, 0, 0, 0);

      g_assert_true (GTK_IS_MENU_BUTTON (pick));
      gtk_editable_set_text (GTK_EDITABLE (started), "12/09/2024");
      gtk_menu_button_popup (GTK_MENU_BUTTON (pick));
      sg_test_iterate (200);
      popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (pick));
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
      calendar = GTK_CALENDAR (gtk_popover_get_child (popover));
      shown = gtk_calendar_get_date (calendar);
      g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 12);
      g_assert_cmpint (g_date_time_get_month (shown), ==, 9);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (started)), ==, "12/09/2024");
      gtk_calendar_select_day (calendar, day);
      g_signal_emit_by_name (calendar, "day-selected");
      sg_test_iterate (200);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (started)), ==, "15/03/2024");
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
      g_assert_true (adw_message_dialog_get_response_enabled (form, "save"));
    }
    gtk_editable_set_text (GTK_EDITABLE (started), "");
    gtk_editable_set_text (GTK_EDITABLE (org), "");
  }
  sg_test_iterate (200);
  shot = sg_test_save_png (GTK_WIDGET (form), "interest-form");
  g_test_message ("Screenshot: %s", shot);
  adw_message_dialog_response (form, "cancel");

  /* Added: listed, searchable, and declared in Compose. */
  g_strfreev (interest->products);
  interest->products = g_strsplit ("Pellabin", ",", -1);
  interest->started = g_strdup ("2024-05-01");
  sg_interests_page_add (page, interest);
  g_assert_true (sg_test_wait (n_shown_is, GUINT_TO_POINTER (1), 5000));
  /* and said so */
  g_assert_true (sg_test_wait (toast_shown, (gpointer) "Interest added; posts that mention it "
                               "will declare it", 5000));

  sg_interests_page_set_search (page, "pellab");
  g_assert_cmpuint (sg_interests_page_get_n_shown (page), ==, 1);
  sg_interests_page_set_search (page, "no such thing");
  g_assert_cmpuint (sg_interests_page_get_n_shown (page), ==, 0);
  sg_interests_page_set_search (page, "");

  sg_window_set_page (sg_test_app_window (app), "compose");
  gtk_text_buffer_set_text (sg_compose_page_get_buffer (sg_window_get_compose_page (sg_test_app_window (app))),
                            "New trial data on Pellabin look promising.", -1);
  g_assert_true (sg_test_wait (declared, (gpointer) "research funding from Pellana", 5000));
}

typedef struct {
  const char *organisation;
  const char *ended;        /* NULL: removed from the register */
} RegisterWait;

static gboolean
register_shows (gpointer data)
{
  RegisterWait *w = data;
  g_autoptr(GPtrArray) interests = sg_interest_register_list (sg_context_get_store (context ()), NULL);

  for (guint i = 0; interests != NULL && i < interests->len; i++)
    {
      SgInterest *interest = g_ptr_array_index (interests, i);

      if (g_str_equal (interest->organisation, w->organisation))
        return w->ended != NULL && g_strcmp0 (interest->ended, w->ended) == 0;
    }
  return w->ended == NULL;
}

/* The message dialog showing @field, or NULL (the first test's form is still open). */
static AdwMessageDialog *
dialog_with_field (const char *field)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)) &&
          sg_test_find_by_label (GTK_WIDGET (w), field) != NULL)
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return dialog_with_field (data) != NULL;
}

/* Answers the one-field dialog that ending and removing ask through. */
static void
answer_dialog (const char *field,
               const char *text)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  g_assert_true (sg_test_wait (dialog_shown, (gpointer) field, 5000));
  dialog = dialog_with_field (field);
  entry = gtk_widget_get_ancestor (sg_test_find_by_label (GTK_WIDGET (dialog), field),
                                   ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "ok"));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "ok"));
  adw_message_dialog_response (dialog, "ok");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Ending asks for the date and removing for a reason; each acts on the interest it was asked
 * about. */
static GtkWidget *
find_label_containing (GtkWidget  *root,
                       const char *part)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_label (GTK_LABEL (root)), part) != NULL)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label_containing (c, part);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_end_and_remove (void)
{
  SgInterestsPage *page = sg_window_get_interests_page (sg_test_app_window (app));
  g_autoptr(GPtrArray) interests = sg_interest_register_list (sg_context_get_store (context ()), NULL);
  RegisterWait ended = { "Pellana", "2025-06-01" };
  RegisterWait removed = { "Pellana", NULL };
  gint64 id;

  sg_window_set_page (sg_test_app_window (app), "interests");
  g_assert_nonnull (interests);
  g_assert_cmpuint (interests->len, ==, 1);
  id = ((SgInterest *) g_ptr_array_index (interests, 0))->id;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "interests.end", "x", id));
  answer_dialog ("Ended on (such as 12/09/2024)", "01/06/2025");
  g_assert_true (sg_test_wait (register_shows, &ended, 5000));

  /* Ended, but still declared for the 36 months set in Preferences: still under "Active",
   * saying until when (it was hidden there, though posts still declared it). */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) until = g_date_time_new_local (2028, 6, 1, 23, 59, 59);

    /* (Until the 36 months after this fixed end date have passed.) */
    if (g_date_time_compare (now, until) <= 0)
      {
        g_assert_true (sg_test_wait (n_shown_is, GUINT_TO_POINTER (1), 5000));
        sg_test_iterate (100);
        g_assert_nonnull (find_label_containing (GTK_WIDGET (page),
                                                 "ended, still declared until 01/06/2028"));
        /* With a 6-month window it is past: only under "Ended". */
        g_settings_set_uint (sg_context_get_settings (sg_application_get_context (app)), "declaration-window-months", 6);
        sg_interests_page_set_search (page, "Pell");
        sg_interests_page_set_search (page, "");
        g_assert_true (sg_test_wait (n_shown_is, GUINT_TO_POINTER (0), 5000));
        g_settings_reset (sg_context_get_settings (sg_application_get_context (app)), "declaration-window-months");
        sg_interests_page_set_search (page, "Pell");
        sg_interests_page_set_search (page, "");
        g_assert_true (sg_test_wait (n_shown_is, GUINT_TO_POINTER (1), 5000));
      }
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "interests.remove", "x", id));
  answer_dialog ("Reason for removing it", "Added by mistake");
  g_assert_true (sg_test_wait (register_shows, &removed, 5000));
}

static gboolean
registered (gpointer organisation)
{
  g_autoptr(GPtrArray) interests = sg_interest_register_list (sg_context_get_store (context ()),
                                                              NULL);

  for (guint i = 0; interests != NULL && i < interests->len; i++)
    if (g_str_equal (((SgInterest *) g_ptr_array_index (interests, i))->organisation,
                     organisation))
      return TRUE;
  return FALSE;
}

static gboolean
popover_shown (gpointer button)
{
  GtkPopover *popover = gtk_menu_button_get_popover (button);

  return popover != NULL && gtk_widget_get_mapped (GTK_WIDGET (popover));
}

/* Import… from the page's menu, opened and chosen with keys; without a portal the chooser is
 * GTK's own dialog in this process, so the file's path is typed into it. */
static void
test_import_chooser (void)
{
  SgWindow *window = sg_test_app_window (app);
  SgInterestsPage *page = sg_window_get_interests_page (window);
  g_autofree char *path = g_build_filename (g_get_home_dir (), "interests.json", NULL);
  GtkWidget *menu_button;
  GtkWindow *dialog;

  g_assert_true (sg_test_x11_available ());
  g_assert_true (g_file_set_contents (path, "[{\"organisation\": \"Medora Devices\", "
                                      "\"category\": \"gifts\", \"paid_to\": \"self\", "
                                      "\"started\": \"2024-03-01\"}]", -1, NULL));
  g_assert_false (registered ((gpointer) "Medora Devices"));
  /* The first test's form, answered but never closed, is modal over the window. */
  while ((dialog = sg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    gtk_window_destroy (dialog);
  sg_window_set_page (window, "interests");
  gtk_window_present (GTK_WINDOW (window));
  sg_test_iterate (200);
  sg_test_x11_focus (GTK_WIDGET (window));
  menu_button = sg_test_find_by_label (GTK_WIDGET (page), "Import and export");
  g_assert_nonnull (menu_button);
  g_assert_true (gtk_widget_grab_focus (menu_button));
  sg_test_iterate (50);
  sg_test_press_keys ("space");
  g_assert_true (sg_test_wait (popover_shown, menu_button, 5000));
  sg_test_iterate (200);
  /* The menu opens on its first item, Import…. */
  sg_test_press_keys ("Return");
  sg_test_x11_choose_file ("Import Interests", path);
  g_assert_true (sg_test_wait (registered, (gpointer) "Medora Devices", 5000));
  g_assert_true (sg_test_wait (n_shown_is, GUINT_TO_POINTER (1), 5000));
  g_unlink (path);
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static GtkEditable *
form_field (GtkWindow  *form,
            const char *title)
{
  GtkWidget *row = gtk_widget_get_ancestor (sg_test_find_by_label (GTK_WIDGET (form), title),
                                            ADW_TYPE_ENTRY_ROW);

  g_assert_nonnull (row);
  return GTK_EDITABLE (row);
}

/* Opens Add Interest with a real click on @page's button and returns the form. */
static GtkWindow *
click_add (GtkWidget *page)
{
  GtkWidget *button = sg_test_find_mapped_button (page, "_Add Interest");
  GtkWindow *form;

  g_assert_nonnull (button);
  sg_test_x11_focus (button);
  sg_test_x11_click (button);
  g_assert_true (sg_test_wait (sg_test_message_dialog_shown, NULL, 5000));
  form = sg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (form);
  sg_test_iterate (200);
  return form;
}

#define RESTORED "What you typed before this form closed is back"

/* The Add Interest form closed without Save or Cancel: its window closed under it (the page
 * and its window destroyed), or the form destroyed on its own. Nothing is kept alive by it,
 * and what was typed comes back the next time the form opens; Cancel lets it go. */
static void
test_form_destroyed (void)
{
  static const struct { const char *typed; gboolean ok; } amounts[] = {
    { "£1,500.50", TRUE }, { "2 000", TRUE }, { "1500", TRUE },
    { "1,5", FALSE }, { "1,50,000", FALSE }, { "-3", FALSE },
  };
  SgWindow *app_window = sg_test_app_window (app);
  GtkWidget *window = gtk_window_new ();
  SgInterestsPage *page = g_object_new (SG_TYPE_INTERESTS_PAGE, NULL);
  GtkWidget *real_page = GTK_WIDGET (sg_window_get_interests_page (app_window));
  GtkWindow *form, *dialog;
  gpointer weak_page = page, weak_form;
  g_autofree char *shot = NULL;

  g_assert_true (sg_test_x11_available ());
  while ((dialog = sg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    gtk_window_destroy (dialog);

  /* A page of its own in a window of its own, so that both can go. */
  sg_interests_page_set_context (page, context ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  g_object_add_weak_pointer (G_OBJECT (page), &weak_page);
  gtk_window_present (GTK_WINDOW (window));
  sg_test_iterate (300);
  form = click_add (GTK_WIDGET (page));
  weak_form = form;
  g_object_add_weak_pointer (G_OBJECT (form), &weak_form);
  sg_test_x11_click (GTK_WIDGET (form_field (form, "Organisation")));
  sg_test_x11_type ("Pellana Labs");
  sg_test_x11_click (GTK_WIDGET (form_field (form, "Amount (optional)")));
  sg_test_x11_type ("1,500");
  sg_test_iterate (200);
  g_assert_cmpstr (gtk_editable_get_text (form_field (form, "Organisation")), ==, "Pellana Labs");

  /* The window closes with the form open: page, form and all go. */
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (sg_test_wait (is_null, &weak_page, 5000));
  g_assert_true (sg_test_wait (is_null, &weak_form, 5000));
  g_assert_null (sg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  /* The next Add Interest form, on the window's page, opens with what was typed, as typed. */
  sg_window_set_page (app_window, "interests");
  gtk_window_present (GTK_WINDOW (app_window));
  sg_test_iterate (300);
  form = click_add (real_page);
  g_assert_cmpstr (gtk_editable_get_text (form_field (form, "Organisation")), ==, "Pellana Labs");
  g_assert_cmpstr (gtk_editable_get_text (form_field (form, "Amount (optional)")), ==, "1,500");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (form)), RESTORED));
  /* "1,500" is an amount as people write it: the form can be saved. Amounts typed with a
   * pound sign and pence, or with a comma that is not a thousands separator, likewise. */
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (form), "save"));
  for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
    {
      gtk_editable_set_text (form_field (form, "Amount (optional)"), amounts[i].typed);
      sg_test_iterate (50);
      if (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (form), "save") !=
          amounts[i].ok)
        g_error ("amount “%s” should be %s", amounts[i].typed,
                 amounts[i].ok ? "accepted" : "refused");
    }
  gtk_editable_set_text (form_field (form, "Amount (optional)"), "1,500");
  sg_test_iterate (50);
  shot = sg_test_save_png (GTK_WIDGET (form), "interest-form-restored");
  g_test_message ("Screenshot: %s", shot);

  /* Destroyed on its own, without an answer: it goes, and keeps the text again. */
  weak_form = form;
  g_object_add_weak_pointer (G_OBJECT (form), &weak_form);
  gtk_window_destroy (form);
  g_assert_true (sg_test_wait (is_null, &weak_form, 5000));
  form = click_add (real_page);
  g_assert_cmpstr (gtk_editable_get_text (form_field (form, "Organisation")), ==, "Pellana Labs");

  /* Cancel is a choice: nothing is kept. */
  sg_test_x11_click (sg_test_find_mapped_button (GTK_WIDGET (form), "_Cancel"));
  sg_test_iterate (300);
  while ((dialog = sg_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    gtk_window_destroy (dialog);
  form = click_add (real_page);
  g_assert_cmpstr (gtk_editable_get_text (form_field (form, "Organisation")), ==, "");
  g_assert_null (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (form)) ?: "", RESTORED));
  sg_test_x11_click (sg_test_find_mapped_button (GTK_WIDGET (form), "_Cancel"));
  sg_test_iterate (300);
  g_assert_false (registered ((gpointer) "Pellana Labs"));
}

int
main (int   argc,
      char *argv[])
{
  char *home = sg_test_gui_init (&argc, &argv);

  app = sg_application_new ();
  g_test_add_func ("/sg/interests-page/add-search-declare", test_interests_page);
  g_test_add_func ("/sg/interests-page/end-and-remove", test_end_and_remove);
  g_test_add_func ("/sg/interests-page/import-chooser", test_import_chooser);
  g_test_add_func ("/sg/interests-page/form-destroyed", test_form_destroyed);

  return sg_test_gui_run ((GApplication **) &app, home);
}
