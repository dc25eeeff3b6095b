/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <enchant.h>

#include "sg-spell-checker.h"

G_BEGIN_DECLS

/* The spell checker spans several files, each about one concern:
 *   sg-spell-checker.c         the object: edits, inline re-checks, loading, settings
 *   sg-spell-checker-worker.c  long text checked on a worker, its results applied as tags
 *   sg-spell-checker-menu.c    the extra menu: suggestions, Add to Dictionary, Ignore All
 *   sg-spell-words.c           which words of a text are checked (no GTK, any thread)
 *   sg-spell-dictionary.c      enchant dictionaries, the clinical and personal word lists,
 *                              and the languages for Preferences (no GTK, any thread) */

/* How far an edit's re-check reaches for the start and end of the words it touched; a run
 * without spaces longer than this (a pasted hash) is cut there rather than read whole. */
#define SG_SPELL_MAX_CHUNK_CHARS 200

/* Words */

gboolean sg_spell_is_word_char  (gunichar    c);
gboolean sg_spell_is_apostrophe (gunichar    c);
/* Whether a word is one to check at all (not a number, a short capital, snake_case…). */
gboolean sg_spell_worth_checking (const char *word,
                                  gsize       len);

typedef void (*SgSpellWordFunc) (const char *word,
                                 gsize       len,
                                 int         start, /* characters from the start of the text */
                                 int         end,
                                 gpointer    data);

/* Calls @func for each word of @text worth checking; @text starts and ends at a space or the
 * end of the buffer, so its chunks are whole. Pure: safe on any thread. */
void     sg_spell_foreach_word  (const char      *text,
                                 SgSpellWordFunc  func,
                                 gpointer         data);

/* Dictionaries */

/* One enchant broker with the dictionary for @language (or what to say when there is none)
 * and the personal word list. enchant's brokers and Hunspell's dictionaries are not safe to
 * use from two threads at once: each SgSpellDict is used by one thread at a time, and the
 * main loop and the worker have one each. */
typedef struct {
  char          *language;
  EnchantBroker *broker;
  EnchantDict   *dict;      /* NULL when the dictionary is missing */
  EnchantDict   *personal;  /* the words added to the dictionary, in our data folder */
  char          *problem;   /* what is said when the dictionary is missing */
} SgSpellDict;

/* Reads the dictionary for @language, adds the clinical words to it for the session and opens
 * the personal list. Takes about a fifth of a second of CPU for British English. */
SgSpellDict *sg_spell_dict_load  (const char  *language);
void         sg_spell_dict_free  (SgSpellDict *dict);
/* Whether @word is spelt right: the dictionary, the clinical list, the personal list and the
 * words in @accepted (ignored this session; may be NULL) count. @dict must have a dictionary. */
gboolean     sg_spell_dict_check (SgSpellDict *dict,
                                  GHashTable  *accepted,
                                  const char  *word,
                                  gsize        len);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgSpellDict, sg_spell_dict_free)

/* The checker */

typedef struct _SgSpellSide SgSpellSide;

struct _SgSpellChecker
{
  GObject        parent_instance;

  GtkTextView   *view;           /* weak: the view owns us through the page */
  GtkTextBuffer *buffer;
  GSettings     *settings;
  GCancellable  *cancellable;    /* the dictionary being read, the worker's check: cancelled
                                  * when we go */
  SgSpellDict   *dict;           /* the main loop's; NULL when spelling is off or it is still
                                  * being read; without a dictionary when it is missing */
  char          *told;           /* the language whose missing dictionary was said */
  GHashTable    *ignored;        /* words ignored for this session */
  GtkTextTag    *misspelt_tag;
  GtkTextTag    *unchecked_tag;  /* text edited and not checked since: moves with the text */
  GtkTextMark   *deferred;       /* the word being typed: checked once the cursor leaves it */
  guint          check_source;
  guint          load_source;    /* LOAD_FALLBACK_MS after creation, until the first frame */
  guint          load_generation; /* bumped by each reload: an older load is dropped */
  gboolean       load_wanted;    /* spelling is on and its dictionary is not in yet */
  gboolean       may_load;       /* the view has painted (or the fallback ran): load now */
  gboolean       typing;         /* the last edit was a letter typed at the cursor */
  gboolean       in_edit;        /* inside an insertion or deletion */
  gint64         longest_slice;  /* µs of processor time, of one idle run (the long-draft test) */
  guint          long_slices;    /* idle runs longer than a frame, since last taken */

  /* The menu (sg-spell-checker-menu.c) */
  GMenu         *menu;           /* the view's extra menu */
  GMenu         *section;        /* its spelling part, filled for the word in question */
  GSimpleActionGroup *actions;
  GtkEventController *click;     /* on the view: right-click */
  GtkEventController *keys;      /* on the view: Shift+F10 and the Menu key */
  GtkTextMark   *word_start;     /* the word the menu is about */
  GtkTextMark   *word_end;
  char          *suggested_for;  /* the word the suggestions below are for */
  char         **suggestions;
  char          *suggesting;     /* the word whose suggestions the worker is looking up */
  guint          suggest_serial; /* bumped by each lookup asked for: an older answer is dropped */
  GMenu         *waiting;        /* the menu's suggestions while they are looked up: it shows
                                  * "Looking for suggestions…" until they come */
  guint          menu_source;

  /* The worker (sg-spell-checker-worker.c) */
  SgSpellSide   *side;           /* the worker's dictionary, here between jobs; NULL while a
                                  * job has it (or before the first) */
  gboolean       job_running;
  guint          release_source; /* lets the worker's dictionary go after a while unused */
  guint          job_generation; /* bumped by each reload: a check from before is dropped */
  guint          words_generation; /* bumped by Add to Dictionary and Ignore All */
  GPtrArray     *news;           /* words accepted while a job had the worker's dictionary:
                                  * they go with the next job (char *) */
  GPtrArray     *flights;        /* Flight: the parts of the text out for checking */
  char          *lookup;         /* a word waiting for the worker's dictionary to be free, so
                                  * its suggestions can be looked up (sent with lookup_serial) */
  guint          lookup_serial;
  gboolean       worker_failed;  /* the worker could not read the dictionary: check here */
  guint          jobs_started;   /* counted for sg_spell_checker_get_worker_counts() */
  guint          parts_applied;
  guint          parts_dropped;
};

/* sg-spell-checker.c */
gboolean sg_spell_checker_check_word      (SgSpellChecker    *self,
                                           const char        *word,
                                           gsize              len);
void     sg_spell_checker_mark_unchecked  (SgSpellChecker    *self,
                                           const GtkTextIter *a,
                                           const GtkTextIter *b);
void     sg_spell_checker_recheck_misspelt (SgSpellChecker   *self);
void     sg_spell_checker_schedule_check  (SgSpellChecker    *self);
/* Underlines [@start, @end) (offsets in the buffer), unless it is the word being typed at
 * @cursor (-1: none), which is only remembered. */
void     sg_spell_checker_tag_misspelling (SgSpellChecker    *self,
                                           int                start,
                                           int                end,
                                           int                cursor);
/* The cursor's offset while a word is being typed at it, or -1. */
int      sg_spell_checker_typing_cursor   (SgSpellChecker    *self);

/* sg-spell-checker-menu.c */
void     sg_spell_checker_menu_init       (SgSpellChecker    *self);
void     sg_spell_checker_menu_dispose    (SgSpellChecker    *self);
void     sg_spell_checker_update_menu_at_cursor (SgSpellChecker *self,
                                                 gboolean        suggest);
void     sg_spell_checker_forget_suggestions (SgSpellChecker *self);
/* The worker's suggestions for @word, asked for with @serial; @list is taken (NULL: none). */
void     sg_spell_checker_suggestions_found (SgSpellChecker *self,
                                             const char     *word,
                                             guint           serial,
                                             char          **list);
/* The cursor moved: the menu follows it once the main loop is idle. */
void     sg_spell_checker_menu_follow_cursor (SgSpellChecker *self);

/* sg-spell-checker-worker.c */
/* Whether an unchecked run of @chars characters goes to the worker rather than being checked
 * here. */
gboolean sg_spell_checker_worker_wants    (SgSpellChecker    *self,
                                           int                chars);
/* Sends the unchecked runs longer than the inline limit to the worker, if it is free. */
void     sg_spell_checker_worker_dispatch (SgSpellChecker    *self);
/* Applies one part of a finished check within the main loop's slice; FALSE when none waits. */
gboolean sg_spell_checker_worker_apply_one (SgSpellChecker   *self);
/* An edit over [@a, @b]: a part out for checking that it touches is dropped when it comes. */
void     sg_spell_checker_worker_edited   (SgSpellChecker    *self,
                                           const GtkTextIter *a,
                                           const GtkTextIter *b);
/* A word accepted (Add to Dictionary, Ignore All): the worker's dictionary learns it too. */
void     sg_spell_checker_worker_accept   (SgSpellChecker    *self,
                                           const char        *word);
/* Looks up the suggestions for @word on the worker, with the worker's dictionary, once it is
 * free (a long text being checked keeps it until it is done); they come back through
 * sg_spell_checker_suggestions_found() with @serial. A newer request replaces one waiting. */
void     sg_spell_checker_worker_suggest  (SgSpellChecker    *self,
                                           const char        *word,
                                           guint              serial);
/* Spelling was turned off or its language changed: what is out is dropped when it comes. */
void     sg_spell_checker_worker_reset    (SgSpellChecker    *self);
gboolean sg_spell_checker_worker_is_idle  (SgSpellChecker    *self);
void     sg_spell_checker_worker_dispose  (SgSpellChecker    *self);
void     sg_spell_checker_worker_finalize (SgSpellChecker    *self);

G_END_DECLS
