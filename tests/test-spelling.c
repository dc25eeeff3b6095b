/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Spell check in Compose: clinical words pass and misspellings are underlined apart from the
 * guidance's marks; the menu's suggestion, Add to Dictionary and Ignore All; the preference;
 * a missing dictionary said once; a long draft typed without the window stalling; a long draft
 * checked on the worker, with text changed while it runs. */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>

#include "sg-application.h"
#include "sg-compose-page.h"
#include "sg-preferences-window.h"
#include "sg-spell-checker.h"
#include "sg-test-app.h"
#include "sg-test-gui.h"
#include "sg-window.h"

static SgApplication *app;

static SgComposePage *
get_page (void)
{
  return sg_window_get_compose_page (sg_test_app_window (app));
}

static GSettings *
settings (void)
{
  return sg_context_get_settings (sg_application_get_context (app));
}

static GtkTextBuffer *
buffer (void)
{
  return sg_compose_page_get_buffer (get_page ());
}

static GtkWidget *
editor (void)
{
  return sg_test_find_by_label (GTK_WIDGET (get_page ()), "Draft");
}

static gboolean
checker_idle (gpointer data)
{
  return sg_spell_checker_is_idle (sg_compose_page_get_spell_checker (get_page ()));
}

static void
wait_checked (void)
{
  sg_test_iterate (50);
  g_assert_true (sg_test_wait (checker_idle, NULL, 10000));
  sg_test_iterate (50);
}

static void
set_text (const char *text)
{
  gtk_text_buffer_set_text (buffer (), text, -1);
  wait_checked ();
}

/* The underlined words, space-separated in order ("" for none). */
static char *
misspelt (void)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer ()),
                                               "sg-misspelt");
  g_autoptr(GString) out = g_string_new (NULL);
  GtkTextIter iter, end;

  g_assert_nonnull (tag);
  gtk_text_buffer_get_start_iter (buffer (), &iter);
  while (gtk_text_iter_has_tag (&iter, tag) || gtk_text_iter_forward_to_tag_toggle (&iter, tag))
    {
      g_autofree char *word = NULL;

      if (gtk_text_iter_is_end (&iter))
        break;
      end = iter;
      gtk_text_iter_forward_to_tag_toggle (&end, tag);
      word = gtk_text_iter_get_text (&iter, &end);
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, word);
      iter = end;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
place_cursor_in (const char *word)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end, iter;
  const char *at;

  gtk_text_buffer_get_bounds (buffer (), &start, &end);
  text = gtk_text_buffer_get_text (buffer (), &start, &end, TRUE);
  at = strstr (text, word);
  g_assert_nonnull (at);
  gtk_text_buffer_get_iter_at_offset (buffer (), &iter, g_utf8_pointer_to_offset (text, at) + 1);
  gtk_text_buffer_place_cursor (buffer (), &iter);
  sg_test_iterate (100);
}

/* xdotool runs beside the main loop (not g_spawn_sync, which would stop the loop while it
 * runs and count as a pause of the app's own). */
static void
waited_cb (GObject      *proc,
           GAsyncResult *result,
           gpointer      data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (proc), result, NULL);
  *(gboolean *) data = TRUE;
}

static void
press (const char *keys)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "xdotool", "key",
                                                  "--clearmodifiers", keys, NULL);

  gboolean done = FALSE;

  g_assert_no_error (error);
  g_subprocess_wait_async (proc, NULL, waited_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_subprocess_get_successful (proc));
  sg_test_iterate (150);
}

/* Real keys go to the window through the X server: it must have the X focus. */
static void
focus_window (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (get_page ())));
  g_autofree char *xid = NULL;

  if (g_find_program_in_path ("xdotool") == NULL || !GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    g_error ("real key events need xdotool and an X display (Xvfb)");
  gtk_window_present (window);
  sg_test_iterate (200);
  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (
                                  gtk_native_get_surface (GTK_NATIVE (window))));
  {
    const char *argv[] = { "xdotool", "windowfocus", "--sync", xid, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 NULL, NULL, NULL, NULL));
  }
  gtk_widget_grab_focus (editor ());
  sg_test_iterate (100);
}

/* The context menu's popover, when it is on screen. */
static GtkWidget *
find_popover (GtkWidget *root)
{
  if (GTK_IS_POPOVER_MENU (root) && gtk_widget_get_mapped (root))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_popover (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
menu_shown (gpointer data)
{
  return find_popover (editor ()) != NULL;
}

/* A menu item (a GtkModelButton, not a GtkButton) by its text. */
static GtkWidget *
find_item (GtkWidget  *root,
           const char *text)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (root), "GtkModelButton") && gtk_widget_get_mapped (root))
    {
      g_autofree char *label = NULL;

      g_object_get (root, "text", &label, NULL);
      if (g_strcmp0 (label, text) == 0)
        return root;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_item (c, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

#define LOOKING "Looking for suggestions…"

/* The suggestions are looked up on a worker as the menu opens: until they are in, the menu
 * says so. */
static gboolean
suggestions_in (gpointer data)
{
  GtkWidget *popover = find_popover (editor ());

  return popover != NULL && find_item (popover, LOOKING) == NULL;
}

/* Opens the menu for the word at the cursor with Shift+F10, as from the keyboard. */
static GtkWidget *
open_menu_on (const char *word)
{
  place_cursor_in (word);
  press ("shift+F10");
  g_assert_true (sg_test_wait (menu_shown, NULL, 5000));
  g_assert_true (sg_test_wait (suggestions_in, NULL, 10000));
  sg_test_iterate (300);
  return find_popover (editor ());
}

static void
test_clinical (void)
{
  g_autofree char *flagged = NULL;

  g_assert_true (sg_test_wait (sg_test_app_ready, app, 10000));
  /* The dictionary is read after the first frame, on a worker thread. */
  wait_checked ();
  g_assert_cmpstr (sg_spell_checker_get_language (sg_compose_page_get_spell_checker (get_page ())),
                   ==, "en_GB");
  set_text ("The SHO gave amoxicillin and checked the ECG, but teh obs were fine");
  flagged = misspelt ();
  g_assert_cmpstr (flagged, ==, "teh");
}

static void
test_not_words (void)
{
  g_autofree char *flagged = NULL;

  /* Handles, tags, addresses, e-mails, numbers, words with digits, short capitals, emoji,
   * curly apostrophes, British spellings and the clinical list pass; one real misspelling
   * in the same draft is still found. */
  set_text ("@drokonkwo_md #MedTwitter see https://www.nice.org.uk/guidance/ng51 or nhs.uk, "
            "mail rota@trust.nhs.uk. 5mg at 08:00, FY1 and SpR on the MDT, A&E was 🙂 busy; "
            "the paediatric registrar’s haemoglobin and co-amoxiclav recieved.\n"
            "Organised colour anaesthetist NSTEMI bloods");
  flagged = misspelt ();
  g_assert_cmpstr (flagged, ==, "recieved");
}

static void
test_menu_replace (void)
{
  GtkWidget *popover;
  GtkWidget *item;
  g_autofree char *shot = NULL;
  g_autofree char *flagged = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  GtkTextIter start, end;

  focus_window ();
  set_text ("The SHO gave amoxicillin and checked the ECG, but teh obs were fine");
  popover = open_menu_on ("teh");
  /* The suggestions come first; "the" is among the five. */
  item = find_item (popover, "the");
  g_assert_nonnull (item);
  g_assert_nonnull (find_item (popover, "Add to Dictionary"));
  g_assert_nonnull (find_item (popover, "Ignore All"));
  shot = sg_test_save_png (GTK_WIDGET (gtk_widget_get_root (editor ())), "spelling-menu");
  g_test_message ("Screenshot: %s", shot);
  /* The popover is a surface of its own: render it as well. */
  {
    g_autofree char *menu_shot = sg_test_save_png (popover, "spelling-menu-popover");
    g_test_message ("Screenshot: %s", menu_shot);
  }

  g_signal_emit_by_name (item, "clicked");
  wait_checked ();
  gtk_text_buffer_get_bounds (buffer (), &start, &end);
  after = gtk_text_buffer_get_text (buffer (), &start, &end, TRUE);
  g_assert_cmpstr (after, ==, "The SHO gave amoxicillin and checked the ECG, but the obs were fine");
  flagged = misspelt ();
  g_assert_cmpstr (flagged, ==, "");

  /* One undo step puts the misspelling back. */
  gtk_text_buffer_undo (buffer ());
  wait_checked ();
  gtk_text_buffer_get_bounds (buffer (), &start, &end);
  undone = gtk_text_buffer_get_text (buffer (), &start, &end, TRUE);
  g_assert_cmpstr (undone, ==, "The SHO gave amoxicillin and checked the ECG, but teh obs were fine");
}

/* A real right-click through the X server on the character at @offset. */
static void
right_click_at (int offset)
{
  GtkWidget *view = editor ();
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (view));
  g_autofree char *xid = NULL;
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  GtkTextIter iter;
  GdkRectangle rect;
  double wx, wy;
  int vx, vy;

  gtk_text_buffer_get_iter_at_offset (buffer (), &iter, offset);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (view), &iter, &rect);
  gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (view), GTK_TEXT_WINDOW_WIDGET,
                                         rect.x + 2, rect.y + rect.height / 2, &vx, &vy);
  g_assert_true (gtk_widget_translate_coordinates (view, GTK_WIDGET (window), vx, vy, &wx, &wy));
  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (
                                  gtk_native_get_surface (GTK_NATIVE (window))));
  x = g_strdup_printf ("%d", (int) wx);
  y = g_strdup_printf ("%d", (int) wy);
  {
    /* Raised first: another test's window on the same display may be on top at that point
     * (no window manager), and the click would go to it (a flake seen in full parallel runs). */
    const char *argv[] = { "xdotool", "windowraise", xid, "mousemove", "--sync", "--window", xid, x,
                           y, "click", "3", NULL };
    g_autoptr(GError) error = NULL;
    g_autoptr(GSubprocess) proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_NONE, &error);
    gboolean done = FALSE;

    g_assert_no_error (error);
    g_subprocess_wait_async (proc, NULL, waited_cb, &done);
    while (!done)
      g_main_context_iteration (NULL, TRUE);
  }
  g_assert_true (sg_test_wait (menu_shown, NULL, 5000));
}

/* Right-click on a word that is not at the cursor: the menu is about the word under the
 * pointer (the press is seen before GTK opens its menu). A real click through the X server. */
static void
test_right_click (void)
{
  GtkWidget *popover;
  GtkTextIter iter;

  focus_window ();
  set_text ("Recieved the referal this morning.");
  /* the cursor at the start, on "Recieved": the pointer goes to "referal" */
  gtk_text_buffer_get_start_iter (buffer (), &iter);
  gtk_text_buffer_place_cursor (buffer (), &iter);
  sg_test_iterate (200);
  right_click_at (15);
  g_assert_true (sg_test_wait (suggestions_in, NULL, 10000));
  sg_test_iterate (300);
  popover = find_popover (editor ());
  g_assert_nonnull (find_item (popover, "referral"));
  g_assert_null (find_item (popover, "Received"));
  gtk_popover_popdown (GTK_POPOVER (popover));
  sg_test_iterate (300);
}

static gboolean
lookup_held (gpointer data)
{
  return sg_spell_checker_get_suggestions_held () == 1;
}

static gboolean
item_shown (gpointer data)
{
  GtkWidget *popover = find_popover (editor ());

  return popover != NULL && find_item (popover, data) != NULL;
}

/* Hunspell takes 40 to 170 ms to suggest for one word: the lookup happens on a worker while
 * the menu is open and says it is looking, and an answer for a word the menu has left is
 * dropped. Held on its worker thread by the test's hook, so nothing here depends on timing:
 * the menu is shown and the main loop goes on while the lookup waits on another thread. */
static void
test_suggestions_off_main_loop (void)
{
  GtkWidget *popover;
  GtkWidget *looking;
  GtkTextIter iter;

  focus_window ();
  set_text ("Definately a seperate clinic.");
  gtk_text_buffer_get_start_iter (buffer (), &iter);
  gtk_text_buffer_place_cursor (buffer (), &iter);
  sg_test_iterate (200);

  sg_spell_checker_hold_suggestions (TRUE);
  right_click_at (15);   /* inside "seperate" */
  /* The lookup for "seperate" is waiting on a worker thread, and the menu is up meanwhile. */
  g_assert_true (sg_test_wait (lookup_held, NULL, 10000));
  sg_test_iterate (200);
  popover = find_popover (editor ());
  g_assert_nonnull (popover);
  looking = find_item (popover, LOOKING);
  g_assert_nonnull (looking);
  g_assert_false (gtk_widget_is_sensitive (looking));
  g_assert_null (find_item (popover, "separate"));
  g_assert_nonnull (find_item (popover, "Add to Dictionary"));
  {
    g_autofree char *shot = sg_test_save_png (popover, "spelling-menu-looking");
    g_test_message ("Screenshot: %s", shot);
  }

  /* The menu closed and opened again on another word before the answer came. */
  gtk_popover_popdown (GTK_POPOVER (popover));
  sg_test_iterate (300);
  place_cursor_in ("Definately");
  press ("shift+F10");
  g_assert_true (sg_test_wait (menu_shown, NULL, 5000));
  popover = find_popover (editor ());
  g_assert_nonnull (find_item (popover, LOOKING));
  g_assert_cmpuint (sg_spell_checker_get_suggestions_held (), ==, 1);

  /* Let go: "seperate"'s answer is dropped, "Definately"'s fills the open menu. */
  sg_spell_checker_hold_suggestions (FALSE);
  g_assert_true (sg_test_wait (item_shown, (gpointer) "Definitely", 10000));
  sg_test_iterate (300);
  popover = find_popover (editor ());
  g_assert_null (find_item (popover, LOOKING));
  g_assert_null (find_item (popover, "separate"));
  g_assert_nonnull (find_item (popover, "Add to Dictionary"));
  gtk_popover_popdown (GTK_POPOVER (popover));
  wait_checked ();
}

static void
test_add_to_dictionary (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "socialguard",
                                            "personal-dictionary.txt", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *flagged = NULL;
  GtkWidget *popover;
  GStatBuf st;

  focus_window ();
  set_text ("Dr Okonkwoadebayo saw her. Dr Okonkwoadebayo agreed, but teh plan changed.");
  flagged = misspelt ();
  g_assert_cmpstr (flagged, ==, "Okonkwoadebayo Okonkwoadebayo teh");
  g_clear_pointer (&flagged, g_free);

  popover = open_menu_on ("Okonkwoadebayo");
  g_signal_emit_by_name (find_item (popover, "Add to Dictionary"), "clicked");
  wait_checked ();
  flagged = misspelt ();
  g_assert_cmpstr (flagged, ==, "teh");

  /* Kept in our own word list, readable by its owner only. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "Okonkwoadebayo"));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* A new checker (the next time the app runs) reads it back. */
  {
    GtkWidget *view = gtk_text_view_new ();
    g_autoptr(SgSpellChecker) other = NULL;

    g_object_ref_sink (view);
    other = sg_spell_checker_new (GTK_TEXT_VIEW (view), settings ());
    g_assert_false (sg_spell_checker_is_misspelt (other, "Okonkwoadebayo"));
    g_assert_true (sg_spell_checker_is_misspelt (other, "teh"));
    g_clear_object (&other);
    g_object_unref (view);
  }
}

static void
test_ignore_all (void)
{
  g_autofree char *flagged = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "socialguard",
                                            "personal-dictionary.txt", NULL);
  g_autofree char *contents = NULL;
  GtkWidget *popover;

  focus_window ();
  set_text ("Zorbulent here, zorbulent there, and teh end.");
  flagged = misspelt ();
  g_assert_cmpstr (flagged, ==, "Zorbulent zorbulent teh");
  g_clear_pointer (&flagged, g_free);

  popover = open_menu_on ("zorbulent");
  g_signal_emit_by_name (find_item (popover, "Ignore All"), "clicked");
  wait_checked ();
  flagged = misspelt ();
  g_assert_cmpstr (flagged, ==, "teh");
  /* For this session only: nothing written. */
  if (g_file_get_contents (path, &contents, NULL, NULL))
    g_assert_null (strstr (contents, "orbulent"));
}

static void
test_preference (void)
{
  g_autofree char *flagged = NULL;
  g_autofree char *back = NULL;

  set_text ("Teh first and teh second.");
  flagged = misspelt ();
  g_assert_cmpstr (flagged, ==, "Teh teh");

  g_settings_set_boolean (settings (), "spell-check", FALSE);
  wait_checked ();
  g_clear_pointer (&flagged, g_free);
  flagged = misspelt ();
  g_assert_cmpstr (flagged, ==, "");
  /* Typing while it is off marks nothing either. */
  {
    GtkTextIter end;

    gtk_text_buffer_get_end_iter (buffer (), &end);
    gtk_text_buffer_insert (buffer (), &end, " Anuther.", -1);
    wait_checked ();
    g_clear_pointer (&flagged, g_free);
    flagged = misspelt ();
    g_assert_cmpstr (flagged, ==, "");
  }

  g_settings_set_boolean (settings (), "spell-check", TRUE);
  wait_checked ();
  back = misspelt ();
  g_assert_cmpstr (back, ==, "Teh teh Anuther");
}

static gboolean
label_shown (gpointer text)
{
  return sg_test_find_label_containing (GTK_WIDGET (gtk_widget_get_root (editor ())), text) != NULL;
}

static gboolean
label_in_shown (gpointer prefs)
{
  return sg_test_find_label_containing (prefs, "No dictionary for “xx_XX” is installed") != NULL;
}

static void
test_missing_dictionary (void)
{
  const char *message = "No dictionary for “xx_XX” is installed, so spelling is not checked.";
  SgSpellChecker *checker = sg_compose_page_get_spell_checker (get_page ());
  g_autofree char *flagged = NULL;
  g_autofree char *en_gb = sg_spell_checker_missing_message ("en_GB");

  /* The British dictionary is installed here, so it has nothing to say about it. */
  g_assert_null (en_gb);

  gtk_window_present (GTK_WINDOW (gtk_widget_get_root (editor ())));
  set_text ("Teh draft is still editable.");
  g_settings_set_string (settings (), "spell-language", "xx_XX");
  wait_checked ();
  g_assert_null (sg_spell_checker_get_language (checker));
  g_assert_nonnull (sg_spell_checker_get_problem (checker));
  g_assert_true (g_str_has_prefix (sg_spell_checker_get_problem (checker), message));
  g_assert_true (sg_test_wait (label_shown, (gpointer) message, 5000));
  flagged = misspelt ();
  g_assert_cmpstr (flagged, ==, "");

  /* Said in Preferences as well. */
  {
    GtkWindow *prefs;

    g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
    g_assert_true (sg_test_wait (sg_test_toplevel_shown,
                                 GSIZE_TO_POINTER (SG_TYPE_PREFERENCES_WINDOW), 5000));
    prefs = sg_test_find_toplevel (SG_TYPE_PREFERENCES_WINDOW);
    sg_test_iterate (300);
    g_assert_nonnull (sg_test_find_by_label (GTK_WIDGET (prefs), "Spelling Language"));
    g_assert_true (sg_test_wait (label_in_shown, prefs, 2000));
    /* At the end of General, below the fold: the group alone in the screenshot. */
    {
      GtkWidget *group = gtk_widget_get_ancestor (sg_test_find_by_label (GTK_WIDGET (prefs),
                                                                         "Check Spelling"),
                                                  ADW_TYPE_PREFERENCES_GROUP);
      g_autofree char *shot = sg_test_save_png (group, "spelling-preferences");

      g_test_message ("Screenshot: %s", shot);
    }
    gtk_window_destroy (prefs);
    sg_test_iterate (200);
  }

  /* Once: the toast goes, and editing or turning spelling off and on does not bring it back. */
  g_assert_true (sg_test_wait (label_shown, (gpointer) message, 100));
  {
    gint64 until = g_get_monotonic_time () + 8 * G_USEC_PER_SEC;

    while (label_shown ((gpointer) message) && g_get_monotonic_time () < until)
      sg_test_iterate (100);
  }
  g_assert_false (label_shown ((gpointer) message));
  set_text ("Teh draft changed.");
  g_settings_set_boolean (settings (), "spell-check", FALSE);
  g_settings_set_boolean (settings (), "spell-check", TRUE);
  wait_checked ();
  sg_test_iterate (1000);
  g_assert_false (label_shown ((gpointer) message));

  /* Back to British English: checking resumes. */
  g_settings_reset (settings (), "spell-language");
  wait_checked ();
  g_clear_pointer (&flagged, g_free);
  flagged = misspelt ();
  g_assert_cmpstr (flagged, ==, "Teh");
}

/* The main loop's longest pause: a 1 ms timeout notes how late each of its runs is. */
typedef struct {
  gint64 last;
  gint64 worst;
} Gap;

static gboolean
gap_cb (gpointer data)
{
  Gap *gap = data;
  gint64 now = g_get_monotonic_time ();

  if (gap->last != 0 && now - gap->last > gap->worst)
    gap->worst = now - gap->last;
  gap->last = now;
  return G_SOURCE_CONTINUE;
}

/* Types 20 real keys in the middle of the draft; the main loop's longest pause meanwhile. */
static gint64
type_in_middle (Gap *gap)
{
  GtkTextIter middle;

  gtk_text_buffer_get_iter_at_offset (buffer (), &middle, 10000);
  gtk_text_buffer_place_cursor (buffer (), &middle);
  sg_test_iterate (300);
  g_assert_true (sg_test_wait (checker_idle, NULL, 5000));
  gap->last = 0;
  gap->worst = 0;
  for (int i = 0; i < 20; i++)
    press (i % 5 == 4 ? "space" : "e");
  g_assert_true (sg_test_wait (checker_idle, NULL, 5000));
  return gap->worst;
}

/* GTK 4.8 warns "Trying to snapshot GtkGizmo … without a current allocation" now and then
 * while keys are typed into a draft this long, with spelling on or off alike (seen here with
 * the checker off throughout): a scrollbar part drawn before it was placed. During the
 * long-draft test that one message is counted and let through; any other warning, and that
 * one anywhere else, still fails. */
static gboolean allow_gizmo_warning;
static guint gizmo_warnings;

static GLogWriterOutput
log_writer (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         data)
{
  if (allow_gizmo_warning && (level & G_LOG_LEVEL_WARNING) != 0)
    for (gsize i = 0; i < n_fields; i++)
      if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0 &&
          g_str_has_prefix (fields[i].value, "Trying to snapshot GtkGizmo"))
        {
          gizmo_warnings++;
          return G_LOG_WRITER_HANDLED;
        }
  return g_log_writer_default (level, fields, n_fields, data);
}

static void
test_long_draft (void)
{
  SgSpellChecker *checker = sg_compose_page_get_spell_checker (get_page ());
  g_autoptr(GString) draft = g_string_new (NULL);
  Gap gap = { 0 };
  guint source;
  gint64 t0, checked_us, first_slice, typing_on, typing_slice, typing_off;
  guint long_slices;
  g_autofree char *flagged = NULL;
  guint n_teh = 0, paragraphs = 0;

  allow_gizmo_warning = TRUE;
  focus_window ();
  /* About 20,000 characters in paragraphs, a misspelling in each. */
  for (; draft->len < 20000; paragraphs++)
    g_string_append (draft, "The SHO reviewed the bloods and obs on the ward round, teh plan "
                            "was agreed with the registrar and the patient was comfortable.\n");
  gtk_text_buffer_set_text (buffer (), draft->str, -1);

  source = g_timeout_add_full (G_PRIORITY_HIGH, 1, gap_cb, &gap, NULL);
  sg_spell_checker_take_longest_slice (checker);
  t0 = g_get_monotonic_time ();
  g_assert_true (sg_test_wait (checker_idle, NULL, 30000));
  checked_us = g_get_monotonic_time () - t0;
  long_slices = sg_spell_checker_get_long_slices (checker);
  first_slice = sg_spell_checker_take_longest_slice (checker);
  flagged = misspelt ();
  for (const char *p = flagged; (p = strstr (p, "teh")) != NULL; p += 3)
    n_teh++;
  g_assert_cmpuint (n_teh, ==, paragraphs);
  g_assert_cmpuint (n_teh * 4 - 1, ==, strlen (flagged));

  /* Typing in the middle, real keys: with spelling on, then off for comparison. The pauses
   * include GTK's own layout and the guidance's analysis, and the machine's load; what the
   * checker itself holds the main loop for is its slices. */
  typing_on = type_in_middle (&gap);
  typing_slice = sg_spell_checker_take_longest_slice (checker);
  g_settings_set_boolean (settings (), "spell-check", FALSE);
  wait_checked ();
  typing_off = type_in_middle (&gap);
  g_settings_set_boolean (settings (), "spell-check", TRUE);
  g_source_remove (source);

  g_test_message ("20,000 characters (%u paragraphs) checked in %.0f ms, in slices of at most "
                  "%.1f ms", paragraphs, checked_us / 1000.0, first_slice / 1000.0);
  g_test_message ("typing 20 keys in the middle: longest main-loop pause %.1f ms with spelling "
                  "on (longest slice %.1f ms), %.1f ms with it off", typing_on / 1000.0,
                  typing_slice / 1000.0, typing_off / 1000.0);
  /* A frame is 16 ms: the checker never holds the loop for one (2 ms slices, one chunk of
   * 256 characters past the deadline at most; a loaded machine stretches both). Of the
   * hundred-odd slices that check the draft, one may be stretched past a frame by the host
   * (in a virtual machine a thread's processor time includes what the host took: two of
   * five full runs on 2026-12-08 saw one slice at 39 and 32 ms, while alone every slice is
   * under 1 ms), but not two, and none by much. */
  g_assert_cmpuint (long_slices, <=, 1);
  g_assert_cmpint (first_slice, <, 50 * 1000);
  g_assert_cmpint (typing_slice, <, 16 * 1000);
  g_assert_cmpint (checked_us, <, 20 * G_USEC_PER_SEC);
  gtk_text_buffer_set_text (buffer (), "", -1);
  wait_checked ();
  allow_gizmo_warning = FALSE;
  if (gizmo_warnings > 0)
    g_test_message ("GTK's GtkGizmo warning came %u times (see log_writer)", gizmo_warnings);
}

/* About 50,000 characters of ward notes: each paragraph has "teh" and "recieved" and the
 * clinical words that must pass (and @handles, numbers and a link). */
static char *
long_draft (const char *opening,
            guint      *paragraphs)
{
  static const char * const lines[] = {
    "The SHO reviewed the bloods and obs on the ward round, teh plan was agreed with the SpR "
    "and co-amoxiclav was started for the NSTEMI patient's chest infection; results recieved "
    "at 14:00 were fine.\n",
    "Amoxicillin and paracetamol were given, teh registrar recieved the ECG and the "
    "haemoglobin from the lab, see https://www.nice.org.uk/guidance/ng51 and ask @rota_lead.\n",
  };
  GString *draft = g_string_new (opening);

  *paragraphs = 0;
  while (draft->len < 50000)
    g_string_append (draft, lines[(*paragraphs)++ % G_N_ELEMENTS (lines)]);
  return g_string_free (draft, FALSE);
}

/* Every underline put on while a check runs must be on a misspelling of the text as it is at
 * that moment: a finding applied at the offsets of text that has since moved would land on
 * other words. */
typedef struct {
  guint good;
  guint bad;
} Underlines;

static void
apply_tag_cb (GtkTextBuffer *buf,
              GtkTextTag    *tag,
              GtkTextIter   *start,
              GtkTextIter   *end,
              Underlines    *seen)
{
  g_autofree char *name = NULL;
  g_autofree char *word = NULL;

  g_object_get (tag, "name", &name, NULL);
  if (g_strcmp0 (name, "sg-misspelt") != 0)
    return;
  word = gtk_text_iter_get_text (start, end);
  if (g_strcmp0 (word, "teh") == 0 || g_strcmp0 (word, "recieved") == 0)
    seen->good++;
  else
    seen->bad++;
}

static void
count_flagged (guint *teh,
               guint *recieved,
               guint *other)
{
  g_autofree char *flagged = misspelt ();
  g_auto(GStrv) words = g_strsplit (flagged, " ", -1);

  *teh = *recieved = *other = 0;
  for (guint i = 0; words[i] != NULL; i++)
    if (g_str_equal (words[i], "teh"))
      (*teh)++;
    else if (g_str_equal (words[i], "recieved"))
      (*recieved)++;
    else if (words[i][0] != '\0')
      (*other)++;
}

/* Sets @text and returns the longest main-loop pause (µs) until it is checked. */
static gint64
check_with_gap (const char *text,
                gint64     *elapsed)
{
  Gap gap = { 0 };
  guint source;
  gint64 t0;

  gtk_text_buffer_set_text (buffer (), text, -1);
  t0 = g_get_monotonic_time ();
  source = g_timeout_add_full (G_PRIORITY_HIGH, 1, gap_cb, &gap, NULL);
  g_assert_true (sg_test_wait (checker_idle, NULL, 20000));
  *elapsed = g_get_monotonic_time () - t0;
  g_source_remove (source);
  return gap.worst;
}

/* Iterates until the checker has sent a job to the worker (without letting its result in:
 * the result needs another iteration), so what the test does next happens while it runs. */
static void
wait_job_started (SgSpellChecker *checker,
                  guint           before)
{
  gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint jobs = before;

  while (jobs == before && g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      sg_spell_checker_get_worker_counts (checker, &jobs, NULL, NULL);
    }
  g_assert_cmpuint (jobs, >, before);
}

static void
test_long_draft_worker (void)
{
  SgSpellChecker *checker = sg_compose_page_get_spell_checker (get_page ());
  g_autofree char *draft = NULL;
  g_autofree char *other = NULL;
  guint paragraphs, teh, recieved, wrong, jobs0, applied0, dropped0, jobs, applied, dropped;
  gint64 gap_on, gap_off, elapsed_on, elapsed_off, slice;
  Underlines seen = { 0 };
  gulong handler;

  allow_gizmo_warning = TRUE;
  draft = long_draft ("", &paragraphs);
  /* 1. The whole draft at once, as when it is loaded: checked on the worker, and right. For
   * comparison, first with spelling off: GTK's own layout of a long text and the guidance's
   * analysis pause the main loop too (the first time more, so it is done twice). */
  g_settings_set_boolean (settings (), "spell-check", FALSE);
  for (int i = 0; i < 2; i++)
    {
      set_text ("");
      gap_off = check_with_gap (draft, &elapsed_off);
    }
  g_settings_set_boolean (settings (), "spell-check", TRUE);
  set_text ("");
  sg_spell_checker_take_longest_slice (checker);
  sg_spell_checker_get_worker_counts (checker, &jobs0, &applied0, &dropped0);
  gap_on = check_with_gap (draft, &elapsed_on);
  slice = sg_spell_checker_take_longest_slice (checker);
  sg_test_iterate (50);
  sg_spell_checker_get_worker_counts (checker, &jobs, &applied, &dropped);
  g_test_message ("%u characters (%u paragraphs): checked in %.0f ms on the worker; the "
                  "checker held the main loop %.1f ms at most; longest main-loop pause %.1f ms "
                  "with spelling on, %.1f ms with it off",
                  (guint) strlen (draft), paragraphs, elapsed_on / 1000.0, slice / 1000.0,
                  gap_on / 1000.0, gap_off / 1000.0);
  g_assert_cmpuint (jobs, ==, jobs0 + 1);
  g_assert_cmpuint (applied, >=, applied0 + 20);  /* 50,000 characters: parts of about 2,000 */
  g_assert_cmpuint (dropped, ==, dropped0);
  count_flagged (&teh, &recieved, &wrong);
  g_assert_cmpuint (teh, ==, paragraphs);
  g_assert_cmpuint (recieved, ==, paragraphs);
  g_assert_cmpuint (wrong, ==, 0);
  /* A frame is 16 ms: the checker's own share of the main loop is far below one. */
  g_assert_cmpint (slice, <, 16 * 1000);

  /* 2. Text pasted at the start while the check runs: the part it touched is dropped and
   * checked again, the others land where their text has moved to, and nothing is underlined
   * at stale offsets. */
  set_text ("");
  handler = g_signal_connect (buffer (), "apply-tag", G_CALLBACK (apply_tag_cb), &seen);
  sg_spell_checker_get_worker_counts (checker, &jobs0, &applied0, &dropped0);
  gtk_text_buffer_set_text (buffer (), draft, -1);
  wait_job_started (checker, jobs0);
  {
    GtkTextIter start;

    gtk_text_buffer_get_start_iter (buffer (), &start);
    gtk_text_buffer_insert (buffer (), &start, "Dear colleague, as discussed: ", -1);
  }
  wait_checked ();
  sg_spell_checker_get_worker_counts (checker, &jobs, &applied, &dropped);
  g_assert_cmpuint (dropped, ==, dropped0 + 1);
  g_assert_cmpuint (applied, >=, applied0 + 20);
  g_assert_cmpuint (seen.bad, ==, 0);
  g_assert_cmpuint (seen.good, >=, 2 * paragraphs);
  count_flagged (&teh, &recieved, &wrong);
  g_assert_cmpuint (teh, ==, paragraphs);
  g_assert_cmpuint (recieved, ==, paragraphs);
  g_assert_cmpuint (wrong, ==, 0);

  /* 3. The whole text replaced while the check runs: none of its result is applied. */
  other = long_draft ("Other notes. ", &paragraphs);
  sg_spell_checker_get_worker_counts (checker, &jobs0, &applied0, &dropped0);
  gtk_text_buffer_set_text (buffer (), draft, -1);
  wait_job_started (checker, jobs0);
  sg_spell_checker_get_worker_counts (checker, &jobs, NULL, NULL);
  gtk_text_buffer_set_text (buffer (), other, -1);
  seen.good = seen.bad = 0;
  wait_checked ();
  sg_spell_checker_get_worker_counts (checker, &jobs, &applied, &dropped);
  g_assert_cmpuint (jobs, ==, jobs0 + 2);           /* the first, dropped, and the second */
  g_assert_cmpuint (dropped, >=, dropped0 + 20);    /* all the first one's parts */
  g_assert_cmpuint (seen.bad, ==, 0);
  count_flagged (&teh, &recieved, &wrong);
  g_assert_cmpuint (teh, ==, paragraphs);
  g_assert_cmpuint (recieved, ==, paragraphs);
  g_assert_cmpuint (wrong, ==, 0);

  /* 4. A word typed in the middle with real keys is checked on the main loop, at once. */
  focus_window ();
  {
    GtkTextIter middle;
    guint teh_before = teh;

    gtk_text_buffer_get_iter_at_offset (buffer (), &middle, 25000);
    while (!g_unichar_isspace (gtk_text_iter_get_char (&middle)))
      gtk_text_iter_forward_char (&middle);
    gtk_text_buffer_place_cursor (buffer (), &middle);
    sg_test_iterate (100);
    sg_spell_checker_get_worker_counts (checker, &jobs0, NULL, NULL);
    for (const char * const *k = (const char * const[]) { "space", "t", "e", "h", "space", NULL };
         *k != NULL; k++)
      press (*k);
    wait_checked ();
    sg_spell_checker_get_worker_counts (checker, &jobs, NULL, NULL);
    g_assert_cmpuint (jobs, ==, jobs0);
    count_flagged (&teh, &recieved, &wrong);
    g_assert_cmpuint (teh, ==, teh_before + 1);
    g_assert_cmpuint (wrong, ==, 0);
  }

  g_signal_handler_disconnect (buffer (), handler);
  set_text ("");
  allow_gizmo_warning = FALSE;
}

/* Words ignored or added reach the worker's dictionary, also while a check is out. */
static void
test_long_draft_words (void)
{
  SgSpellChecker *checker = sg_compose_page_get_spell_checker (get_page ());
  g_autoptr(GString) draft = g_string_new (NULL);
  g_autoptr(GString) paste = g_string_new (NULL);
  guint jobs0, jobs, teh, recieved, wrong, n_pasted;
  GtkWidget *popover;
  GtkTextIter end;

  allow_gizmo_warning = TRUE;
  focus_window ();
  set_text ("Quixlotane and Brandimacle were teh words.");
  {
    g_autofree char *flagged = misspelt ();

    g_assert_cmpstr (flagged, ==, "Quixlotane Brandimacle teh");
  }

  /* Add to Dictionary while the worker is idle. */
  popover = open_menu_on ("Brandimacle");
  g_signal_emit_by_name (find_item (popover, "Add to Dictionary"), "clicked");
  wait_checked ();

  /* Ignore All while a long paste is out on the worker: what it finds is asked again. */
  for (n_pasted = 0; paste->len < 3000; n_pasted++)
    g_string_append (paste, " Quixlotane recieved the obs.");
  popover = open_menu_on ("Quixlotane");
  sg_spell_checker_get_worker_counts (checker, &jobs0, NULL, NULL);
  gtk_text_buffer_get_end_iter (buffer (), &end);
  gtk_text_buffer_insert (buffer (), &end, paste->str, -1);
  wait_job_started (checker, jobs0);
  g_signal_emit_by_name (find_item (popover, "Ignore All"), "clicked");
  wait_checked ();
  count_flagged (&teh, &recieved, &wrong);
  g_assert_cmpuint (teh, ==, 1);
  g_assert_cmpuint (recieved, ==, n_pasted);
  g_assert_cmpuint (wrong, ==, 0);

  /* A new long draft: checked on the worker, which knows both words now. */
  while (draft->len < 20000)
    g_string_append (draft, "Brandimacle and Quixlotane: teh bloods were recieved.\n");
  sg_spell_checker_get_worker_counts (checker, &jobs0, NULL, NULL);
  set_text (draft->str);
  sg_spell_checker_get_worker_counts (checker, &jobs, NULL, NULL);
  g_assert_cmpuint (jobs, >, jobs0);
  count_flagged (&teh, &recieved, &wrong);
  g_assert_cmpuint (teh, ==, recieved);
  g_assert_cmpuint (teh, >, 300);
  g_assert_cmpuint (wrong, ==, 0);

  set_text ("");
  allow_gizmo_warning = FALSE;
}

/* Dark: the purple dots stay apart from the guidance's red dots, for the screenshot. */
static void
test_dark_screenshot (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *light = NULL;
  g_autofree char *dark = NULL;
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (editor ()));

  set_text ("Chase the CT for NHS no 943 476 5919 please, teh reg said the obs were stable.");
  sg_test_iterate (1500);
  light = sg_test_save_png (window, "spelling-light");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  sg_test_iterate (800);
  dark = sg_test_save_png (window, "spelling-dark");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  sg_test_iterate (300);
  g_test_message ("Screenshots: %s %s", light, dark);
}

int
main (int   argc,
      char *argv[])
{
  char *home;

  g_log_set_writer_func (log_writer, NULL, NULL);
  home = sg_test_gui_init (&argc, &argv);
  app = sg_application_new ();
  g_test_add_func ("/sg/spelling/clinical", test_clinical);
  g_test_add_func ("/sg/spelling/not-words", test_not_words);
  g_test_add_func ("/sg/spelling/menu-replace", test_menu_replace);
  g_test_add_func ("/sg/spelling/right-click", test_right_click);
  g_test_add_func ("/sg/spelling/suggestions-off-main-loop", test_suggestions_off_main_loop);
  g_test_add_func ("/sg/spelling/add-to-dictionary", test_add_to_dictionary);
  g_test_add_func ("/sg/spelling/ignore-all", test_ignore_all);
  g_test_add_func ("/sg/spelling/preference", test_preference);
  g_test_add_func ("/sg/spelling/missing-dictionary", test_missing_dictionary);
  g_test_add_func ("/sg/spelling/long-draft", test_long_draft);
  g_test_add_func ("/sg/spelling/long-draft-worker", test_long_draft_worker);
  g_test_add_func ("/sg/spelling/long-draft-words", test_long_draft_words);
  g_test_add_func ("/sg/spelling/light-and-dark", test_dark_screenshot);

  return sg_test_gui_run ((GApplication **) &app, home);
}
