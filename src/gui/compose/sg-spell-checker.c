/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <adwaita.h>
#include <enchant.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sg-platform.h"
#include "sg-spell-checker.h"
#include "sg-toast.h"
#include "sg-worker.h"

/* One idle slice checks for about this long and then lets GTK draw and take keys: a frame
 * is 16 ms, so typing stays smooth whatever the length of the draft. */
#define SLICE_US 2000
/* Words are checked this many characters at a time (extended to the next space). */
#define SLICE_CHARS 256
#define MAX_SUGGESTIONS 5
/* How far an edit's re-check reaches for the start and end of the words it touched; a run
 * without spaces longer than this (a pasted hash) is cut there rather than read whole. */
#define MAX_CHUNK_CHARS 200

/* Hunspell's en_GB is the dictionary asked for; Debian's ordering prefers aspell for en_*,
 * whose British list is older and misses words such as "paediatric". */
#define PROVIDER_ORDER "hunspell,nuspell,aspell"
/* Hunspell reads its en_GB dictionary in about a fifth of a second of CPU, as long as the rest
 * of the first window takes to build and paint, so it is read on a worker thread once the view
 * has painted (bench/bench-first-frame). Without a frame (Compose not shown at launch) it is
 * read this long after the checker is made all the same. */
#define LOAD_FALLBACK_MS 1500

struct _SgSpellChecker
{
  GObject        parent_instance;

  GtkTextView   *view;           /* weak: the view owns us through the page */
  GtkTextBuffer *buffer;
  GSettings     *settings;
  GCancellable  *cancellable;    /* the dictionary being read: cancelled when we go */
  /* The three below come together from one load (Loaded) and are replaced together. */
  EnchantBroker *broker;
  EnchantDict   *dict;           /* NULL when spelling is off, the dictionary is missing or
                                  * still being read */
  EnchantDict   *personal;       /* the words added to the dictionary, in our data folder */
  char          *language;       /* of dict */
  char          *problem;        /* what is said when the dictionary is missing */
  char          *told;           /* the language whose missing dictionary was said */
  GHashTable    *ignored;        /* words ignored for this session */
  GtkTextTag    *misspelt_tag;
  GtkTextTag    *unchecked_tag;  /* text edited and not checked since: moves with the text */
  GMenu         *menu;           /* the view's extra menu */
  GMenu         *section;        /* its spelling part, filled for the word in question */
  GSimpleActionGroup *actions;
  GtkEventController *click;     /* on the view: right-click */
  GtkEventController *keys;      /* on the view: Shift+F10 and the Menu key */
  GtkTextMark   *word_start;     /* the word the menu is about */
  GtkTextMark   *word_end;
  GtkTextMark   *deferred;       /* the word being typed: checked once the cursor leaves it */
  char          *suggested_for;  /* the word the suggestions below are for */
  char         **suggestions;
  guint          check_source;
  guint          menu_source;
  guint          load_source;    /* LOAD_FALLBACK_MS after creation, until the first frame */
  guint          load_generation; /* bumped by each reload: an older load is dropped */
  gboolean       load_wanted;    /* spelling is on and its dictionary is not in yet */
  gboolean       may_load;       /* the view has painted (or the fallback ran): load now */
  gboolean       typing;         /* the last edit was a letter typed at the cursor */
  gboolean       in_edit;        /* inside an insertion or deletion */
  gint64         longest_slice;  /* µs, of one idle run (the long-draft test reports it) */
};

G_DEFINE_FINAL_TYPE (SgSpellChecker, sg_spell_checker, G_TYPE_OBJECT)

static void reload (SgSpellChecker *self);

/* Word lists */

/* The clinical words of data/spelling/, read once: drug names, anatomy and the abbreviations
 * of UK practice that a general dictionary does not know. */
static void
add_words_of_file (GStrvBuilder *builder,
                   const char   *path)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = NULL;

      if (lines[i][0] == '#')
        continue;
      /* "ACE inhibitor", "co-amoxiclav": the checker meets each word of a term alone */
      parts = g_strsplit_set (g_strstrip (lines[i]), " \t-", -1);
      for (guint j = 0; parts[j] != NULL; j++)
        if (parts[j][0] != '\0')
          g_strv_builder_add (builder, parts[j]);
    }
}

/* The clinical words, read once: data/spelling/ (ward shorthand, grades, colleges, anatomy)
 * and the medicines lexicon the engine already has, so a drug name is listed in one place. */
static const char * const *
clinical_words (void)
{
  static char **words;

  if (g_once_init_enter (&words))
    {
      g_autofree char *dir = g_build_filename (sg_get_data_dir (), "spelling", NULL);
      g_autofree char *medicines = g_build_filename (sg_get_data_dir (), "lexicons",
                                                     "medicines.txt", NULL);
      g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      const char *name;

      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        if (g_str_has_suffix (name, ".txt"))
          {
            g_autofree char *path = g_build_filename (dir, name, NULL);
            add_words_of_file (builder, path);
          }
      add_words_of_file (builder, medicines);
      g_once_init_leave (&words, g_strv_builder_end (builder));
    }

  return (const char * const *) words;
}

static char *
personal_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "socialguard", "personal-dictionary.txt",
                           NULL);
}

/* enchant appends to the file it is given: make it ours first, 0600 in a 0700 folder, since
 * a word added from a draft can be a name. */
static gboolean
ensure_personal_file (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    return FALSE;
  fd = g_open (path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0)
    return FALSE;
  fchmod (fd, 0600);
  close (fd);
  return TRUE;
}

/* Words */

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c) || c == '_';
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019;
}

/* A chunk between spaces that is an address, not words: a URL, a bare domain with a path or a
 * UK or common ending, or an e-mail. */
static gboolean
is_address (const char *chunk,
            gsize       len)
{
  g_autofree char *s = g_ascii_strdown (chunk, len);
  static const char * const endings[] = { ".uk", ".com", ".org", ".net", ".gov", ".io", ".ac",
                                          ".nhs", ".info", ".co", ".edu", ".me", ".ly", NULL };
  gsize n;

  if (strstr (s, "://") != NULL || g_str_has_prefix (s, "www."))
    return TRUE;
  /* an e-mail: a letter on each side of an @ that does not open the chunk */
  if (strchr (s + 1, '@') != NULL && strchr (s, '.') != NULL)
    return TRUE;
  if (strchr (s, '.') != NULL && strchr (s, '/') != NULL)
    return TRUE;
  n = strlen (s);
  while (n > 0 && strchr (".,;:!?)\"'", s[n - 1]) != NULL)
    s[--n] = '\0';
  for (guint i = 0; endings[i] != NULL; i++)
    if (g_str_has_suffix (s, endings[i]) && n > strlen (endings[i]) + 1)
      return TRUE;
  return FALSE;
}

/* Whether a word is one to check at all: numbers and words with digits (FY1, 5mg, 24h),
 * snake_case, single letters and short capitals (GMC, MDT, A&E's letters) are left alone. */
static gboolean
worth_checking (const char *word,
                gsize       len)
{
  guint letters = 0, upper = 0;

  for (const char *p = word; p < word + len; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isdigit (c) || c == '_')
        return FALSE;
      if (g_unichar_isalpha (c))
        {
          letters++;
          if (g_unichar_isupper (c))
            upper++;
        }
    }
  if (letters < 2)
    return FALSE;
  if (upper == letters && letters <= 5)
    return FALSE;
  return TRUE;
}

static gboolean
check_word (SgSpellChecker *self,
            const char     *word,
            gsize           len)
{
  g_autoptr(GString) norm = g_string_new_len (word, len);

  g_assert (self->dict != NULL);

  /* Dictionaries spell "don't" with a straight apostrophe; drafts often have the curly one. */
  g_string_replace (norm, "\xe2\x80\x99", "'", 0);
  if (g_hash_table_contains (self->ignored, norm->str))
    return TRUE;
  /* As enchant's own lists do: a word ignored in lower case is ignored capitalised too. */
  if (g_unichar_isupper (g_utf8_get_char (norm->str)))
    {
      g_autofree char *lower = g_utf8_strdown (norm->str, norm->len);

      if (g_hash_table_contains (self->ignored, lower))
        return TRUE;
    }
  if (enchant_dict_check (self->dict, norm->str, norm->len) <= 0)
    return TRUE;
  if (self->personal != NULL && enchant_dict_check (self->personal, norm->str, norm->len) <= 0)
    return TRUE;
  return FALSE;
}

typedef void (*WordFunc) (SgSpellChecker *self,
                          const char     *word,
                          gsize           len,
                          int            start, /* characters from the start of the text */
                          int            end,
                          gpointer        data);

/* Calls @func for each word of @text worth checking; @text starts and ends at a space or the
 * end of the buffer, so its chunks are whole. */
static void
foreach_word (SgSpellChecker *self,
              const char     *text,
              WordFunc        func,
              gpointer        data)
{
  const char *p = text;
  int offset = 0;

  while (*p != '\0')
    {
      const char *chunk = p;
      int chunk_offset = offset;

      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p), offset++;
      if (*p == '\0')
        break;
      chunk = p;
      chunk_offset = offset;
      while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p), offset++;
      if (is_address (chunk, p - chunk))
        continue;

      /* The words of the chunk. */
      {
        const char *q = chunk;
        int o = chunk_offset;
        gunichar prev = 0;

        while (q < p)
          {
            gunichar c = g_utf8_get_char (q);
            const char *w;
            int wo;

            if (!is_word_char (c))
              {
                prev = c;
                q = g_utf8_next_char (q), o++;
                continue;
              }
            w = q;
            wo = o;
            while (q < p)
              {
                const char *next = g_utf8_next_char (q);
                gunichar d = g_utf8_get_char (q);

                if (is_word_char (d))
                  q = next, o++;
                else if (is_apostrophe (d) && next < p
                         && g_unichar_isalpha (g_utf8_get_char (next)))
                  q = next, o++;  /* don't, patient's */
                else
                  break;
              }
            /* @handles and #tags are names, not words */
            if (prev != '@' && prev != '#' && worth_checking (w, q - w))
              func (self, w, q - w, wo, o, data);
            prev = 0;
          }
      }
    }
}

/* Checking */

static void
schedule_check (SgSpellChecker *self);

/* Marks [@a, @b) to be checked again, widened to whole chunks (to the spaces around), since
 * an edit can turn a word into part of an address or join two words. */
static void
mark_unchecked (SgSpellChecker    *self,
                const GtkTextIter *a,
                const GtkTextIter *b)
{
  GtkTextIter s = *a, e = *b;
  int n;

  for (n = 0; n < MAX_CHUNK_CHARS && !gtk_text_iter_is_start (&s); n++)
    {
      gtk_text_iter_backward_char (&s);
      if (g_unichar_isspace (gtk_text_iter_get_char (&s)))
        {
          gtk_text_iter_forward_char (&s);
          break;
        }
    }
  for (n = 0; n < MAX_CHUNK_CHARS && !gtk_text_iter_is_end (&e)
       && !g_unichar_isspace (gtk_text_iter_get_char (&e)); n++)
    gtk_text_iter_forward_char (&e);
  if (gtk_text_iter_equal (&s, &e))
    return;
  gtk_text_buffer_apply_tag (self->buffer, self->unchecked_tag, &s, &e);
  schedule_check (self);
}

static void
mark_all_unchecked (SgSpellChecker *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->misspelt_tag, &start, &end);
  if (self->dict != NULL && !gtk_text_iter_equal (&start, &end))
    {
      gtk_text_buffer_apply_tag (self->buffer, self->unchecked_tag, &start, &end);
      schedule_check (self);
    }
  else
    gtk_text_buffer_remove_tag (self->buffer, self->unchecked_tag, &start, &end);
}

/* After a word was added or ignored: only what is underlined can change. */
static void
recheck_misspelt (SgSpellChecker *self)
{
  GtkTextIter iter, end;

  gtk_text_buffer_get_start_iter (self->buffer, &iter);
  while (gtk_text_iter_has_tag (&iter, self->misspelt_tag)
         || gtk_text_iter_forward_to_tag_toggle (&iter, self->misspelt_tag))
    {
      end = iter;
      gtk_text_iter_forward_to_tag_toggle (&end, self->misspelt_tag);
      gtk_text_buffer_apply_tag (self->buffer, self->unchecked_tag, &iter, &end);
      iter = end;
      if (gtk_text_iter_is_end (&iter))
        break;
    }
  schedule_check (self);
}

typedef struct {
  GtkTextBuffer *buffer;
  int            base;     /* offset of the text in the buffer */
  int            cursor;   /* of the insert mark, or -1 when the word at it may be flagged */
} CheckRun;

static void
check_word_cb (SgSpellChecker *self,
               const char     *word,
               gsize           len,
               int             start,
               int             end,
               gpointer        data)
{
  CheckRun *run = data;
  GtkTextIter s, e;

  if (check_word (self, word, len))
    return;
  gtk_text_buffer_get_iter_at_offset (run->buffer, &s, run->base + start);
  /* Half a word is not a misspelling: the one being typed waits until the cursor leaves. */
  if (run->cursor >= run->base + start && run->cursor <= run->base + end)
    {
      if (self->deferred == NULL)
        self->deferred = gtk_text_buffer_create_mark (self->buffer, NULL, &s, TRUE);
      else
        gtk_text_buffer_move_mark (self->buffer, self->deferred, &s);
      return;
    }
  gtk_text_buffer_get_iter_at_offset (run->buffer, &e, run->base + end);
  gtk_text_buffer_apply_tag (self->buffer, self->misspelt_tag, &s, &e);
}

static void
check_range (SgSpellChecker *self,
             GtkTextIter    *start,
             GtkTextIter    *end)
{
  g_autofree char *text = gtk_text_buffer_get_slice (self->buffer, start, end, TRUE);
  CheckRun run = { self->buffer, gtk_text_iter_get_offset (start), -1 };

  if (self->typing && gtk_widget_has_focus (GTK_WIDGET (self->view)))
    {
      GtkTextIter cursor;

      gtk_text_buffer_get_iter_at_mark (self->buffer, &cursor,
                                        gtk_text_buffer_get_insert (self->buffer));
      run.cursor = gtk_text_iter_get_offset (&cursor);
    }
  gtk_text_buffer_remove_tag (self->buffer, self->misspelt_tag, start, end);
  gtk_text_buffer_remove_tag (self->buffer, self->unchecked_tag, start, end);
  if (self->dict != NULL)
    foreach_word (self, text, check_word_cb, &run);
}

static gboolean
next_unchecked (SgSpellChecker *self,
                GtkTextIter    *start,
                GtkTextIter    *end)
{
  gtk_text_buffer_get_start_iter (self->buffer, start);
  if (!gtk_text_iter_has_tag (start, self->unchecked_tag)
      && !gtk_text_iter_forward_to_tag_toggle (start, self->unchecked_tag))
    return FALSE;
  if (gtk_text_iter_is_end (start))
    return FALSE;
  *end = *start;
  gtk_text_iter_forward_to_tag_toggle (end, self->unchecked_tag);
  return TRUE;
}

static void update_menu_at_cursor (SgSpellChecker *self,
                                   gboolean        suggest);

static gboolean
check_idle_cb (gpointer data)
{
  SgSpellChecker *self = data;
  gint64 deadline = g_get_monotonic_time () + SLICE_US;

  do
    {
      GtkTextIter start, end, limit;

      if (!next_unchecked (self, &start, &end))
        {
          self->check_source = 0;
          update_menu_at_cursor (self, FALSE);
          self->longest_slice = MAX (self->longest_slice,
                                     g_get_monotonic_time () - deadline + SLICE_US);
          return G_SOURCE_REMOVE;
        }
      limit = start;
      if (gtk_text_iter_forward_chars (&limit, SLICE_CHARS)
          && gtk_text_iter_compare (&limit, &end) < 0)
        {
          while (gtk_text_iter_compare (&limit, &end) < 0
                 && !g_unichar_isspace (gtk_text_iter_get_char (&limit)))
            gtk_text_iter_forward_char (&limit);
          end = limit;
        }
      check_range (self, &start, &end);
    }
  while (g_get_monotonic_time () < deadline);

  self->longest_slice = MAX (self->longest_slice, g_get_monotonic_time () - deadline + SLICE_US);
  return G_SOURCE_CONTINUE;
}

static void
schedule_check (SgSpellChecker *self)
{
  /* Below GTK's redraw and layout priorities, so a frame is never late for it. */
  if (self->check_source == 0)
    self->check_source = g_idle_add_full (G_PRIORITY_LOW, check_idle_cb, self, NULL);
}

/* The menu */

/* The word at @iter (touching it counts) worth checking: its bounds, FALSE if none. */
typedef struct {
  int  target;
  int  start;
  int  end;
  char *word;
} FindWord;

static void
find_word_cb (SgSpellChecker *self,
              const char     *word,
              gsize           len,
              int             start,
              int             end,
              gpointer        data)
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
word_at (SgSpellChecker *self,
         const GtkTextIter *iter,
         GtkTextIter    *start,
         GtkTextIter    *end)
{
  GtkTextIter s = *iter, e = *iter;
  g_autofree char *text = NULL;
  FindWord find = { 0 };
  int base;

  for (int n = 0; n < MAX_CHUNK_CHARS && !gtk_text_iter_is_start (&s); n++)
    {
      gtk_text_iter_backward_char (&s);
      if (g_unichar_isspace (gtk_text_iter_get_char (&s)))
        {
          gtk_text_iter_forward_char (&s);
          break;
        }
    }
  for (int n = 0; n < MAX_CHUNK_CHARS && !gtk_text_iter_is_end (&e)
       && !g_unichar_isspace (gtk_text_iter_get_char (&e)); n++)
    gtk_text_iter_forward_char (&e);
  text = gtk_text_buffer_get_slice (self->buffer, &s, &e, TRUE);
  base = gtk_text_iter_get_offset (&s);
  find.target = gtk_text_iter_get_offset (iter) - base;
  foreach_word (self, text, find_word_cb, &find);
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

/* Up to five suggestions for @word, remembered for the last word asked about: Hunspell takes
 * 40 to 170 ms for one word here, so they are asked for only when the menu opens. */
static const char * const *
get_suggestions (SgSpellChecker *self,
                 const char     *word)
{
  if (g_strcmp0 (word, self->suggested_for) != 0)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      size_t n = 0;
      char **list = enchant_dict_suggest (self->dict, word, -1, &n);

      for (size_t i = 0; i < n && i < MAX_SUGGESTIONS; i++)
        g_strv_builder_add (builder, list[i]);
      if (list != NULL)
        enchant_dict_free_string_list (self->dict, list);
      g_strfreev (self->suggestions);
      self->suggestions = g_strv_builder_end (builder);
      g_free (self->suggested_for);
      self->suggested_for = g_strdup (word);
    }
  return (const char * const *) self->suggestions;
}

static void
forget_suggestions (SgSpellChecker *self)
{
  g_clear_pointer (&self->suggested_for, g_free);
  g_clear_pointer (&self->suggestions, g_strfreev);
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
  set_actions_enabled (self, FALSE);
  if (self->dict == NULL || (word = word_at (self, iter, &start, &end)) == NULL
      || !gtk_text_iter_has_tag (&start, self->misspelt_tag))
    return;

  gtk_text_buffer_move_mark (self->buffer, self->word_start, &start);
  gtk_text_buffer_move_mark (self->buffer, self->word_end, &end);
  if (suggest || g_strcmp0 (word, self->suggested_for) == 0)
    {
      g_autoptr(GMenu) suggestions = g_menu_new ();
      const char * const *list = get_suggestions (self, word);

      for (guint i = 0; list[i] != NULL; i++)
        {
          g_autoptr(GMenuItem) item = g_menu_item_new (list[i], NULL);

          g_menu_item_set_action_and_target (item, "spelling.replace", "s", list[i]);
          g_menu_append_item (suggestions, item);
        }
      if (list[0] == NULL)
        /* Translators: in the draft's right-click menu, for a misspelt word */
        g_menu_append (suggestions, _("No Suggestions"), "spelling.none");
      g_menu_append_section (self->section, NULL, G_MENU_MODEL (suggestions));
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

static void
update_menu_at_cursor (SgSpellChecker *self,
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
  update_menu_at_cursor (self, FALSE);
  return G_SOURCE_REMOVE;
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
  update_menu_at_cursor (self, TRUE);
  return FALSE;
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

  if (word == NULL)
    return;
  if (self->personal != NULL)
    enchant_dict_add (self->personal, word, -1);
  else
    /* The file could not be made: the word is still accepted until the app closes. */
    g_hash_table_add (self->ignored, g_steal_pointer (&word));
  recheck_misspelt (self);
}

static void
ignore_action_cb (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       data)
{
  SgSpellChecker *self = data;
  GtkTextIter start, end;
  char *word = menu_word (self, &start, &end);

  if (word == NULL)
    return;
  g_hash_table_add (self->ignored, word);
  recheck_misspelt (self);
}

/* Callbacks */

static void
insert_text_before_cb (SgSpellChecker *self)
{
  self->in_edit = TRUE;
}

static void
insert_text_cb (SgSpellChecker *self,
                GtkTextIter    *location,
                const char     *text,
                int             len)
{
  GtkTextIter start = *location;
  glong chars = g_utf8_strlen (text, len);
  int offset = gtk_text_iter_get_offset (location);
  gunichar c = g_utf8_get_char (text);

  self->in_edit = FALSE;
  /* A letter typed (one character, at the cursor) rather than a paste or a draft loaded. */
  self->typing = chars == 1 && (is_word_char (c) || is_apostrophe (c));
  gtk_text_iter_backward_chars (&start, chars);
  mark_unchecked (self, &start, location);
  /* Tags changed, so the iterator GTK hands on to later handlers is made valid again. */
  gtk_text_buffer_get_iter_at_offset (self->buffer, location, offset);
}

static void
delete_range_before_cb (SgSpellChecker *self)
{
  self->in_edit = TRUE;
}

static void
delete_range_cb (SgSpellChecker *self,
                 GtkTextIter    *start,
                 GtkTextIter    *end)
{
  int offset = gtk_text_iter_get_offset (start);

  self->in_edit = FALSE;
  mark_unchecked (self, start, end);
  gtk_text_buffer_get_iter_at_offset (self->buffer, start, offset);
  gtk_text_buffer_get_iter_at_offset (self->buffer, end, offset);
}

static void
cursor_moved_cb (SgSpellChecker *self)
{
  if (!self->in_edit)
    {
      self->typing = FALSE;
      /* The word typed last is whole now that the cursor has left it. */
      if (self->deferred != NULL)
        {
          GtkTextIter iter;

          gtk_text_buffer_get_iter_at_mark (self->buffer, &iter, self->deferred);
          gtk_text_buffer_delete_mark (self->buffer, self->deferred);
          self->deferred = NULL;
          mark_unchecked (self, &iter, &iter);
        }
    }
  if (self->menu_source == 0)
    self->menu_source = g_idle_add (menu_idle_cb, self);
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

static void
tell_missing (SgSpellChecker *self)
{
  if (self->problem == NULL || self->view == NULL
      || gtk_widget_get_root (GTK_WIDGET (self->view)) == NULL
      || g_strcmp0 (self->told, self->language) == 0)
    return;
  g_free (self->told);
  self->told = g_strdup (self->language);
  sg_toast_show (GTK_WIDGET (self->view), self->problem);
}

/* Guidance findings already use red dots (do not post), an orange double line and a blue
 * single line; a squiggle of another colour alone would read as one of them, so a misspelling
 * also gets a faint purple wash behind the word: a shape of its own, seen without colour. */
static void
update_tag_colour (SgSpellChecker *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GdkRGBA line = dark ? (GdkRGBA) { 0.86, 0.54, 0.87, 1 } : (GdkRGBA) { 0.57, 0.25, 0.67, 1 };
  GdkRGBA wash = dark ? (GdkRGBA) { 0.86, 0.54, 0.87, 0.20 } : (GdkRGBA) { 0.57, 0.25, 0.67, 0.12 };

  g_object_set (self->misspelt_tag, "underline-rgba", &line, "background-rgba", &wash, NULL);
}

/* Loading the dictionary */

/* What one load brings: its own broker (enchant's are not shared between threads), the
 * dictionary for @language or what to say when there is none, and the personal word list. */
typedef struct {
  char          *language;
  EnchantBroker *broker;
  EnchantDict   *dict;
  EnchantDict   *personal;
  char          *problem;
} Loaded;

static void
loaded_free (Loaded *l)
{
  if (l->dict != NULL)
    enchant_broker_free_dict (l->broker, l->dict);
  if (l->personal != NULL)
    enchant_broker_free_dict (l->broker, l->personal);
  if (l->broker != NULL)
    enchant_broker_free (l->broker);
  g_free (l->language);
  g_free (l->problem);
  g_free (l);
}

typedef struct {
  char *language;
  guint generation;
} LoadRequest;

static void
load_request_free (LoadRequest *r)
{
  g_free (r->language);
  g_free (r);
}

/* On a worker thread, or on the main thread when a word must be checked at once
 * (sg_spell_checker_is_misspelt); touches nothing of the checker. */
static Loaded *
load_dictionary (const char *language)
{
  g_autofree char *path = personal_path ();
  Loaded *l = g_new0 (Loaded, 1);

  l->language = g_strdup (language);
  l->broker = enchant_broker_init ();
  enchant_broker_set_ordering (l->broker, language, PROVIDER_ORDER);
  l->dict = enchant_broker_request_dict (l->broker, language);
  if (l->dict != NULL)
    {
      const char * const *words = clinical_words ();

      for (guint i = 0; words[i] != NULL; i++)
        enchant_dict_add_to_session (l->dict, words[i], -1);
    }
  else
    l->problem = sg_spell_checker_missing_message (language);
  if (ensure_personal_file (path))
    l->personal = enchant_broker_request_pwl_dict (l->broker, path);
  return l;
}

static gpointer
load_work (gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  LoadRequest *r = data;

  return load_dictionary (r->language);
}

/* Everything underlined is looked at again with the dictionary that came in. */
static void
apply_loaded (SgSpellChecker *self,
              Loaded         *l)
{
  if (self->dict != NULL)
    enchant_broker_free_dict (self->broker, self->dict);
  if (self->personal != NULL)
    enchant_broker_free_dict (self->broker, self->personal);
  if (self->broker != NULL)
    enchant_broker_free (self->broker);
  self->broker = g_steal_pointer (&l->broker);
  self->dict = g_steal_pointer (&l->dict);
  self->personal = g_steal_pointer (&l->personal);
  g_free (self->language);
  self->language = g_steal_pointer (&l->language);
  g_free (self->problem);
  self->problem = g_steal_pointer (&l->problem);
  loaded_free (l);
  self->load_wanted = FALSE;

  forget_suggestions (self);
  mark_all_unchecked (self);
  update_menu_at_cursor (self, FALSE);
  tell_missing (self);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LoadRequest *r = sg_worker_get_data (result);
  Loaded *l;
  SgSpellChecker *self;

  /* Cancelled: the checker is gone, and user_data with it. */
  if ((l = g_task_propagate_pointer (G_TASK (result), NULL)) == NULL)
    return;
  self = user_data;
  if (r->generation != self->load_generation || !self->load_wanted)
    {
      loaded_free (l);   /* the settings changed again while it was read */
      return;
    }
  apply_loaded (self, l);
}

static char *
wanted_language (SgSpellChecker *self)
{
  char *language = g_settings_get_string (self->settings, "spell-language");

  if (language[0] == '\0')
    {
      g_free (language);
      language = g_strdup ("en_GB");
    }
  return language;
}

static void
start_load (SgSpellChecker *self)
{
  LoadRequest *r;

  if (!self->load_wanted || !self->may_load)
    return;
  r = g_new0 (LoadRequest, 1);
  r->language = wanted_language (self);
  r->generation = self->load_generation;
  sg_worker_run (NULL, self->cancellable, load_work, r, (GDestroyNotify) load_request_free,
                 (GDestroyNotify) loaded_free, loaded_cb, self);
}

/* The dictionary wanted, read here and now rather than on a worker: only for a question that
 * cannot wait for it. A load under way is overtaken (its result is dropped). */
static void
load_now (SgSpellChecker *self)
{
  g_autofree char *language = NULL;

  if (!self->load_wanted)
    return;
  language = wanted_language (self);
  self->load_generation++;
  apply_loaded (self, load_dictionary (language));
}

static void
allow_load (SgSpellChecker *self)
{
  g_clear_handle_id (&self->load_source, g_source_remove);
  if (self->may_load)
    return;
  self->may_load = TRUE;
  start_load (self);
}

static gboolean
load_fallback_cb (gpointer data)
{
  SgSpellChecker *self = data;

  self->load_source = 0;
  allow_load (self);
  return G_SOURCE_REMOVE;
}

static void
view_painted_cb (SgSpellChecker *self,
                 GdkFrameClock  *clock)
{
  g_signal_handlers_disconnect_by_func (clock, view_painted_cb, self);
  allow_load (self);
}

static void
view_realized_cb (SgSpellChecker *self)
{
  if (self->may_load || self->view == NULL)
    return;
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self->view)), "after-paint",
                           G_CALLBACK (view_painted_cb), self, G_CONNECT_SWAPPED);
}

/* Settings */

static void
reload (SgSpellChecker *self)
{
  gboolean enabled = g_settings_get_boolean (self->settings, "spell-check");

  /* Off, or another language: nothing is checked with the old dictionary from now on. */
  if (self->dict != NULL)
    enchant_broker_free_dict (self->broker, self->dict);
  self->dict = NULL;
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->problem, g_free);
  self->load_generation++;
  self->load_wanted = enabled;
  start_load (self);
  forget_suggestions (self);
  mark_all_unchecked (self);
  update_menu_at_cursor (self, FALSE);
}

/* GObject */

static void
sg_spell_checker_dispose (GObject *object)
{
  SgSpellChecker *self = SG_SPELL_CHECKER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->check_source, g_source_remove);
  g_clear_handle_id (&self->menu_source, g_source_remove);
  g_clear_handle_id (&self->load_source, g_source_remove);
  if (self->view != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->view, self);
      g_signal_handlers_disconnect_by_data (self->buffer, self);
      gtk_widget_insert_action_group (GTK_WIDGET (self->view), "spelling", NULL);
      /* The key shortcut's callback holds a plain pointer to us. */
      gtk_widget_remove_controller (GTK_WIDGET (self->view), self->keys);
      gtk_widget_remove_controller (GTK_WIDGET (self->view), self->click);
      g_object_remove_weak_pointer (G_OBJECT (self->view), (gpointer *) &self->view);
      self->view = NULL;
    }
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_object (&self->settings);
  g_clear_object (&self->buffer);
  g_clear_object (&self->menu);
  g_clear_object (&self->section);
  g_clear_object (&self->actions);

  G_OBJECT_CLASS (sg_spell_checker_parent_class)->dispose (object);
}

static void
sg_spell_checker_finalize (GObject *object)
{
  SgSpellChecker *self = SG_SPELL_CHECKER (object);

  if (self->dict != NULL)
    enchant_broker_free_dict (self->broker, self->dict);
  if (self->personal != NULL)
    enchant_broker_free_dict (self->broker, self->personal);
  if (self->broker != NULL)
    enchant_broker_free (self->broker);
  g_clear_object (&self->cancellable);
  g_free (self->language);
  g_free (self->problem);
  g_free (self->told);
  forget_suggestions (self);
  g_hash_table_unref (self->ignored);

  G_OBJECT_CLASS (sg_spell_checker_parent_class)->finalize (object);
}

static void
sg_spell_checker_class_init (SgSpellCheckerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sg_spell_checker_dispose;
  object_class->finalize = sg_spell_checker_finalize;
}

static void
sg_spell_checker_init (SgSpellChecker *self)
{
  self->cancellable = g_cancellable_new ();
  self->ignored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Public API */

SgSpellChecker *
sg_spell_checker_new (GtkTextView *view,
                      GSettings   *settings)
{
  static const GActionEntry entries[] = {
    { "replace", replace_action_cb, "s" },
    { "add", add_action_cb },
    { "ignore", ignore_action_cb },
    { "none", NULL },
  };
  SgSpellChecker *self;
  GMenuModel *previous;
  GtkGesture *click;
  GtkTextIter start;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SG_TYPE_SPELL_CHECKER, NULL);
  self->view = view;
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &self->view);
  self->buffer = g_object_ref (gtk_text_view_get_buffer (view));
  self->settings = g_object_ref (settings);

  /* Dots, as GNOME editors mark misspellings; see update_tag_colour for the rest. */
  self->misspelt_tag = gtk_text_buffer_create_tag (self->buffer, "sg-misspelt",
                                                   "underline", PANGO_UNDERLINE_ERROR, NULL);
  self->unchecked_tag = gtk_text_buffer_create_tag (self->buffer, "sg-spell-unchecked", NULL);
  update_tag_colour (self);
  gtk_text_buffer_get_start_iter (self->buffer, &start);
  self->word_start = gtk_text_buffer_create_mark (self->buffer, NULL, &start, TRUE);
  self->word_end = gtk_text_buffer_create_mark (self->buffer, NULL, &start, FALSE);

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries, G_N_ELEMENTS (entries),
                                   self);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (
    g_action_map_lookup_action (G_ACTION_MAP (self->actions), "none")), FALSE);
  gtk_widget_insert_action_group (GTK_WIDGET (view), "spelling", G_ACTION_GROUP (self->actions));

  /* The GTK 4.8 way to add to a text view's context menu: its extra menu, a model kept up to
   * date for the word under the pointer or the cursor. */
  self->menu = g_menu_new ();
  self->section = g_menu_new ();
  g_menu_append_section (self->menu, NULL, G_MENU_MODEL (self->section));
  previous = gtk_text_view_get_extra_menu (view);
  if (previous != NULL)
    g_menu_append_section (self->menu, NULL, previous);
  gtk_text_view_set_extra_menu (view, G_MENU_MODEL (self->menu));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (click));
  self->click = GTK_EVENT_CONTROLLER (click);
  {
    GtkEventController *keys = gtk_shortcut_controller_new ();
    const guint menu_keys[][2] = { { GDK_KEY_F10, GDK_SHIFT_MASK }, { GDK_KEY_Menu, 0 } };

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    for (guint i = 0; i < G_N_ELEMENTS (menu_keys); i++)
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
        gtk_shortcut_new (gtk_keyval_trigger_new (menu_keys[i][0], menu_keys[i][1]),
                          gtk_callback_action_new (menu_key_cb, self, NULL)));
    gtk_widget_add_controller (GTK_WIDGET (view), keys);
    self->keys = keys;
  }

  g_signal_connect_swapped (self->buffer, "insert-text", G_CALLBACK (insert_text_before_cb), self);
  g_signal_connect_data (self->buffer, "insert-text", G_CALLBACK (insert_text_cb), self, NULL,
                         G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_swapped (self->buffer, "delete-range", G_CALLBACK (delete_range_before_cb),
                            self);
  g_signal_connect_data (self->buffer, "delete-range", G_CALLBACK (delete_range_cb), self, NULL,
                         G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_swapped (self->buffer, "notify::cursor-position", G_CALLBACK (cursor_moved_cb),
                            self);
  g_signal_connect_swapped (view, "map", G_CALLBACK (tell_missing), self);
  g_signal_connect_swapped (settings, "changed::spell-check", G_CALLBACK (reload), self);
  g_signal_connect_swapped (settings, "changed::spell-language", G_CALLBACK (reload), self);
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (update_tag_colour), self);

  g_signal_connect_swapped (view, "realize", G_CALLBACK (view_realized_cb), self);
  if (gtk_widget_get_realized (GTK_WIDGET (view)))
    view_realized_cb (self);
  self->load_source = g_timeout_add (LOAD_FALLBACK_MS, load_fallback_cb, self);

  reload (self);
  return self;
}

gboolean
sg_spell_checker_is_idle (SgSpellChecker *self)
{
  g_return_val_if_fail (SG_IS_SPELL_CHECKER (self), TRUE);
  return self->check_source == 0 && !self->load_wanted;
}

gint64
sg_spell_checker_take_longest_slice (SgSpellChecker *self)
{
  gint64 longest;

  g_return_val_if_fail (SG_IS_SPELL_CHECKER (self), 0);
  longest = self->longest_slice;
  self->longest_slice = 0;
  return longest;
}

const char *
sg_spell_checker_get_language (SgSpellChecker *self)
{
  g_return_val_if_fail (SG_IS_SPELL_CHECKER (self), NULL);
  return self->dict != NULL ? self->language : NULL;
}

const char *
sg_spell_checker_get_problem (SgSpellChecker *self)
{
  g_return_val_if_fail (SG_IS_SPELL_CHECKER (self), NULL);
  return self->problem;
}

gboolean
sg_spell_checker_is_misspelt (SgSpellChecker *self,
                              const char     *word)
{
  g_return_val_if_fail (SG_IS_SPELL_CHECKER (self), FALSE);
  g_return_val_if_fail (word != NULL, FALSE);

  load_now (self);
  if (self->dict == NULL || !worth_checking (word, strlen (word)))
    return FALSE;
  return !check_word (self, word, strlen (word));
}

static void
list_dict_cb (const char * const lang_tag,
              const char * const provider_name,
              const char * const provider_desc,
              const char * const provider_file,
              void              *user_data)
{
  GPtrArray *langs = user_data;

  for (guint i = 0; i < langs->len; i++)
    if (g_strcmp0 (g_ptr_array_index (langs, i), lang_tag) == 0)
      return;
  g_ptr_array_add (langs, g_strdup (lang_tag));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

char **
sg_spell_checker_list_languages (void)
{
  EnchantBroker *broker = enchant_broker_init ();
  GPtrArray *langs = g_ptr_array_new ();

  enchant_broker_list_dicts (broker, list_dict_cb, langs);
  enchant_broker_free (broker);
  g_ptr_array_sort (langs, compare_strings);
  g_ptr_array_add (langs, NULL);
  return (char **) g_ptr_array_free (langs, FALSE);
}

/* The dictionaries a UK doctor is likely to have, by the name a reader knows them by; any
 * other is shown by its code. */
static const struct {
  const char *code;
  const char *name;
  const char *package;
} known_languages[] = {
  { "en_GB", N_("British English"), "hunspell-en-gb" },
  { "en_US", N_("American English"), "hunspell-en-us" },
  { "en_AU", N_("Australian English"), "hunspell-en-au" },
  { "en_CA", N_("Canadian English"), "hunspell-en-ca" },
  { "en_IE", N_("Irish English"), "hunspell-en-gb" },
  { "en", N_("English"), "hunspell-en-gb" },
  { "cy_GB", N_("Welsh"), "hunspell-cy" },
  { "cy", N_("Welsh"), "hunspell-cy" },
  { "ga_IE", N_("Irish"), "hunspell-ga" },
  { "gd_GB", N_("Scottish Gaelic"), "hunspell-gd" },
  { "fr_FR", N_("French"), "hunspell-fr" },
  { "de_DE", N_("German"), "hunspell-de-de" },
  { "es_ES", N_("Spanish"), "hunspell-es" },
};

char *
sg_spell_checker_describe_language (const char *language)
{
  g_return_val_if_fail (language != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (known_languages); i++)
    if (g_strcmp0 (language, known_languages[i].code) == 0)
      return g_strdup (_(known_languages[i].name));
  return g_strdup (language);
}

char *
sg_spell_checker_missing_message (const char *language)
{
  EnchantBroker *broker;
  gboolean exists;

  g_return_val_if_fail (language != NULL, NULL);

  broker = enchant_broker_init ();
  exists = enchant_broker_dict_exists (broker, language);
  enchant_broker_free (broker);
  if (exists)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (known_languages); i++)
    if (g_strcmp0 (language, known_languages[i].code) == 0)
      /* Translators: the first %s is a language ("British English"), the second a Debian
       * package name */
      return g_strdup_printf (_("No %s dictionary is installed, so spelling is not checked. "
                                "Install the %s package."),
                              _(known_languages[i].name), known_languages[i].package);
  /* Translators: %s is a language code such as "pt_BR" */
  return g_strdup_printf (_("No dictionary for “%s” is installed, so spelling is not checked. "
                            "Choose another language in Preferences."), language);
}
