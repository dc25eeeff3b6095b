/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The spell checker's part of the editor's menu: up to five suggestions for the underlined
 * word under the pointer or the cursor, Add to Dictionary and Ignore All. The suggestions are
 * looked up on the worker (sg-spell-checker-worker.c) when the menu opens: until they come the
 * menu says "Looking for suggestions…", greyed, and an answer for a word the menu is no longer
 * about is dropped. */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-spell-checker-private.h"

/* The word at @iter (touching it counts) worth checking: its bounds, FALSE if none. */
typedef struct {
  int  target;
  int  start;
  int  end;
  char *word;
} FindWord;

static void
find_word_cb (const char *word,
              gsize       len,
              int         start,
              int         end,
              gpointer    data)
{
  FindWord *find = data;

  if (find->word == NULL && find->target >= start && find->target <= end)
    {
      find->start = start;
      find->end = end;
      find->word = g_strndup (word, len);
    }
}

static char *
word_at (SgSpellChecker    *self,
         const GtkTextIter *iter,
         GtkTextIter       *start,
         GtkTextIter       *end)
{
  GtkTextIter s = *iter, e = *iter;
  g_autofree char *text = NULL;
  FindWord find = { 0 };
  int base;

  for (int n = 0; n < SG_SPELL_MAX_CHUNK_CHARS && !gtk_text_iter_is_start (&s); n++)
    {
      gtk_text_iter_backward_char (&s);
      if (g_unichar_isspace (gtk_text_iter_get_char (&s)))
        {
          gtk_text_iter_forward_char (&s);
          break;
        }
    }
  for (int n = 0; n < SG_SPELL_MAX_CHUNK_CHARS && !gtk_text_iter_is_end (&e)
       && !g_unichar_isspace (gtk_text_iter_get_char (&e)); n++)
    gtk_text_iter_forward_char (&e);
  text = gtk_text_buffer_get_slice (self->buffer, &s, &e, TRUE);
  base = gtk_text_iter_get_offset (&s);
  find.target = gtk_text_iter_get_offset (iter) - base;
  sg_spell_foreach_word (text, find_word_cb, &find);
  if (find.word == NULL)
    return NULL;
  gtk_text_buffer_get_iter_at_offset (self->buffer, start, base + find.start);
  gtk_text_buffer_get_iter_at_offset (self->buffer, end, base + find.end);
  return find.word;
}

static void
set_actions_enabled (SgSpellChecker *self,
                     gboolean        enabled)
{
  const char *names[] = { "replace", "add", "ignore" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (
      g_action_map_lookup_action (G_ACTION_MAP (self->actions), names[i])), enabled);
}

void
sg_spell_checker_forget_suggestions (SgSpellChecker *self)
{
  g_clear_pointer (&self->suggested_for, g_free);
  g_clear_pointer (&self->suggestions, g_strfreev);
  /* An answer still out is for the old dictionary: it is dropped when it comes. */
  g_clear_pointer (&self->suggesting, g_free);
  self->suggest_serial++;
}

static void
fill_suggestions (GMenu              *menu,
                  const char * const *list)
{
  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (list[i], NULL);

      g_menu_item_set_action_and_target (item, "spelling.replace", "s", list[i]);
      g_menu_append_item (menu, item);
    }
  if (list == NULL || list[0] == NULL)
    /* Translators: in the draft's right-click menu, for a misspelt word */
    g_menu_append (menu, _("No Suggestions"), "spelling.none");
}

static char *menu_word (SgSpellChecker *self,
                        GtkTextIter    *start,
                        GtkTextIter    *end);

void
sg_spell_checker_suggestions_found (SgSpellChecker  *self,
                                    const char      *word,
                                    guint            serial,
                                    char           **list)
{
  GtkTextIter start, end;
  g_autofree char *shown = NULL;

  /* Asked for again since (another word, or the same one after a change of dictionary). */
  if (serial != self->suggest_serial || g_strcmp0 (word, self->suggesting) != 0)
    {
      g_strfreev (list);
      return;
    }
  g_clear_pointer (&self->suggesting, g_free);
  g_strfreev (self->suggestions);
  self->suggestions = list != NULL ? list : g_new0 (char *, 1);
  g_free (self->suggested_for);
  self->suggested_for = g_strdup (word);

  /* Only the suggestions' part of an open menu changes: the focus on Add to Dictionary or
   * Ignore All stays where it is. */
  if (self->waiting != NULL && (shown = menu_word (self, &start, &end)) != NULL
      && g_str_equal (shown, word))
    {
      g_menu_remove_all (self->waiting);
      fill_suggestions (self->waiting, (const char * const *) self->suggestions);
    }
  g_clear_object (&self->waiting);
}

/* Fills the menu for the word at @iter when it is underlined, and empties it otherwise. The
 * suggestions are looked up when @suggest (the menu is opening) or already known. */
static void
update_menu_at (SgSpellChecker    *self,
                const GtkTextIter *iter,
                gboolean           suggest)
{
  GtkTextIter start, end;
  g_autofree char *word = NULL;

  g_menu_remove_all (self->section);
  g_clear_object (&self->waiting);
  set_actions_enabled (self, FALSE);
  if (self->dict == NULL || self->dict->dict == NULL
      || (word = word_at (self, iter, &start, &end)) == NULL
      || !gtk_text_iter_has_tag (&start, self->misspelt_tag))
    return;

  gtk_text_buffer_move_mark (self->buffer, self->word_start, &start);
  gtk_text_buffer_move_mark (self->buffer, self->word_end, &end);
  if (g_strcmp0 (word, self->suggested_for) == 0)
    {
      g_autoptr(GMenu) suggestions = g_menu_new ();

      fill_suggestions (suggestions, (const char * const *) self->suggestions);
      g_menu_append_section (self->section, NULL, G_MENU_MODEL (suggestions));
    }
  else if (suggest || g_strcmp0 (word, self->suggesting) == 0)
    {
      g_autoptr(GMenu) suggestions = g_menu_new ();

      /* Translators: in the draft's right-click menu, greyed, while the suggestions for a
       * misspelt word are found */
      g_menu_append (suggestions, _("Looking for suggestions…"), "spelling.none");
      g_menu_append_section (self->section, NULL, G_MENU_MODEL (suggestions));
      self->waiting = g_steal_pointer (&suggestions);
      if (g_strcmp0 (word, self->suggesting) != 0)
        {
          g_free (self->suggesting);
          self->suggesting = g_strdup (word);
          sg_spell_checker_worker_suggest (self, word, ++self->suggest_serial);
        }
    }
  {
    g_autoptr(GMenu) words = g_menu_new ();
    /* Translators: heads "Add to Dictionary" and "Ignore All"; %s is the misspelt word */
    g_autofree char *heading = g_strdup_printf (_("“%s”"), word);

    g_menu_append (words, _("Add to Dictionary"), "spelling.add");
    g_menu_append (words, _("Ignore All"), "spelling.ignore");
    /* GTK draws no line between sections nested in the extra menu unless they have a label:
     * the word itself says what the two items act on. */
    g_menu_append_section (self->section, heading, G_MENU_MODEL (words));
  }
  set_actions_enabled (self, TRUE);
}

void
sg_spell_checker_update_menu_at_cursor (SgSpellChecker *self,
                                        gboolean        suggest)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &iter, gtk_text_buffer_get_insert (self->buffer));
  update_menu_at (self, &iter, suggest);
}

static gboolean
menu_idle_cb (gpointer data)
{
  SgSpellChecker *self = data;

  self->menu_source = 0;
  sg_spell_checker_update_menu_at_cursor (self, FALSE);
  return G_SOURCE_REMOVE;
}

void
sg_spell_checker_menu_follow_cursor (SgSpellChecker *self)
{
  if (self->menu_source == 0)
    self->menu_source = g_idle_add (menu_idle_cb, self);
}

/* Shift+F10 or the Menu key: before the view's own binding opens the menu, the suggestions
 * for the word at the cursor; FALSE lets the key go on to the view. */
static gboolean
menu_key_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   data)
{
  SgSpellChecker *self = data;

  g_clear_handle_id (&self->menu_source, g_source_remove);
  sg_spell_checker_update_menu_at_cursor (self, TRUE);
  return FALSE;
}

/* Right-click: the menu is about the word under the pointer, before GTK opens it. */
static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            SgSpellChecker  *self)
{
  GtkTextIter iter;
  int bx, by;

  if (self->view == NULL)
    return;
  gtk_text_view_window_to_buffer_coords (self->view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
  if (gtk_text_view_get_iter_at_location (self->view, &iter, bx, by))
    update_menu_at (self, &iter, TRUE);
}

static char *
menu_word (SgSpellChecker *self,
           GtkTextIter    *start,
           GtkTextIter    *end)
{
  gtk_text_buffer_get_iter_at_mark (self->buffer, start, self->word_start);
  gtk_text_buffer_get_iter_at_mark (self->buffer, end, self->word_end);
  if (gtk_text_iter_equal (start, end))
    return NULL;
  return gtk_text_buffer_get_slice (self->buffer, start, end, TRUE);
}

static void
replace_action_cb (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       data)
{
  SgSpellChecker *self = data;
  GtkTextIter start, end;
  g_autofree char *word = menu_word (self, &start, &end);
  const char *with = g_variant_get_string (param, NULL);

  if (word == NULL)
    return;
  /* One step for Undo, as the user made one choice. */
  gtk_text_buffer_begin_user_action (self->buffer);
  gtk_text_buffer_delete (self->buffer, &start, &end);
  gtk_text_buffer_insert (self->buffer, &start, with, -1);
  gtk_text_buffer_end_user_action (self->buffer);
  gtk_text_buffer_place_cursor (self->buffer, &start);
}

static void
add_action_cb (GSimpleAction *action,
               GVariant      *param,
               gpointer       data)
{
  SgSpellChecker *self = data;
  GtkTextIter start, end;
  g_autofree char *word = menu_word (self, &start, &end);

  if (word == NULL || self->dict == NULL)
    return;
  if (self->dict->personal != NULL)
    enchant_dict_add (self->dict->personal, word, -1);
  else
    /* The file could not be made: the word is still accepted until the app closes. */
    g_hash_table_add (self->ignored, g_strdup (word));
  /* The worker has its own dictionary, which does not read the file again. */
  sg_spell_checker_worker_accept (self, word);
  sg_spell_checker_recheck_misspelt (self);
}

static void
ignore_action_cb (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       data)
{
  SgSpellChecker *self = data;
  GtkTextIter start, end;
  g_autofree char *word = menu_word (self, &start, &end);

  if (word == NULL)
    return;
  g_hash_table_add (self->ignored, g_strdup (word));
  sg_spell_checker_worker_accept (self, word);
  sg_spell_checker_recheck_misspelt (self);
}

void
sg_spell_checker_menu_init (SgSpellChecker *self)
{
  static const GActionEntry entries[] = {
    { "replace", replace_action_cb, "s" },
    { "add", add_action_cb },
    { "ignore", ignore_action_cb },
    { "none", NULL },
  };
  GtkWidget *view = GTK_WIDGET (self->view);
  GMenuModel *previous;
  GtkGesture *click;
  GtkEventController *keys;
  const guint menu_keys[][2] = { { GDK_KEY_F10, GDK_SHIFT_MASK }, { GDK_KEY_Menu, 0 } };
  GtkTextIter start;

  gtk_text_buffer_get_start_iter (self->buffer, &start);
  self->word_start = gtk_text_buffer_create_mark (self->buffer, NULL, &start, TRUE);
  self->word_end = gtk_text_buffer_create_mark (self->buffer, NULL, &start, FALSE);

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries, G_N_ELEMENTS (entries),
                                   self);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (
    g_action_map_lookup_action (G_ACTION_MAP (self->actions), "none")), FALSE);
  gtk_widget_insert_action_group (view, "spelling", G_ACTION_GROUP (self->actions));

  /* The GTK 4.8 way to add to a text view's context menu: its extra menu, a model kept up to
   * date for the word under the pointer or the cursor. */
  self->menu = g_menu_new ();
  self->section = g_menu_new ();
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (self->section));
  previous = gtk_text_view_get_extra_menu (self->view);
  if (previous != NULL)
    g_menu_append_section (self->menu, NULL, previous);
  gtk_text_view_set_extra_menu (self->view, G_MENU_MODEL (self->menu));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (pressed_cb), self, 0);
  gtk_widget_add_controller (view, GTK_EVENT_CONTROLLER (click));
  self->click = GTK_EVENT_CONTROLLER (click);

  keys = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (menu_keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
      gtk_shortcut_new (gtk_keyval_trigger_new (menu_keys[i][0], menu_keys[i][1]),
                        gtk_callback_action_new (menu_key_cb, self, NULL)));
  gtk_widget_add_controller (view, keys);
  self->keys = keys;
}

/* While the view is still there (self->view set). */
void
sg_spell_checker_menu_dispose (SgSpellChecker *self)
{
  g_clear_handle_id (&self->menu_source, g_source_remove);
  if (self->view != NULL)
    {
      gtk_widget_insert_action_group (GTK_WIDGET (self->view), "spelling", NULL);
      /* The key shortcut's callback holds a plain pointer to us. */
      gtk_widget_remove_controller (GTK_WIDGET (self->view), self->keys);
      gtk_widget_remove_controller (GTK_WIDGET (self->view), self->click);
    }
  g_clear_object (&self->waiting);
  g_clear_object (&self->menu);
  g_clear_object (&self->section);
  g_clear_object (&self->actions);
}
