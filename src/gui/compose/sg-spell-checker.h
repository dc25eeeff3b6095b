/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Spell check for one text view, through enchant-2 (British English Hunspell by default).
 * It owns its tag ("sg-misspelt": purple dots on a faint purple wash, apart from the guidance's
 * red dots, orange double and blue single lines), the view's extra menu (suggestions, Add to
 * Dictionary, Ignore All for the word under the pointer or the cursor; the suggestions are
 * looked up on a worker as the menu opens and fill it when they come) and the checking. An
 * edit re-checks only the words around it: a short run (typing) on the main loop, in idle
 * slices of about 2 ms; a long one (a draft loaded, a paste) on a worker thread with a
 * dictionary of its own, whose findings are underlined a part at a time, and dropped for any
 * part edited while it was checked. Clinical words (data/spelling/) are session words;
 * @handles, #tags, web addresses, e-mails, numbers, words with digits and capitals of up to
 * five letters are never flagged. The settings "spell-check" and "spell-language" are
 * followed as they change. A missing dictionary is said once, in a toast. The dictionary is
 * read on a worker thread once the view has painted its first frame (or 1.5 s after the
 * checker is made, whichever is first), so it never delays the first window; until it is in,
 * nothing is underlined, and what was typed meanwhile is checked when it arrives. */
#define SG_TYPE_SPELL_CHECKER (sg_spell_checker_get_type ())
G_DECLARE_FINAL_TYPE (SgSpellChecker, sg_spell_checker, SG, SPELL_CHECKER, GObject)

SgSpellChecker *sg_spell_checker_new                (GtkTextView    *view,
                                                     GSettings      *settings);
/* TRUE when no region is waiting to be checked and no dictionary is being read (tests, and
 * the benchmark). */
gboolean        sg_spell_checker_is_idle            (SgSpellChecker *self);
/* The longest the checker held the main loop at once since the last call, in µs. */
gint64          sg_spell_checker_take_longest_slice (SgSpellChecker *self);
/* How many times since that call it held the loop longer than a frame (16 ms). */
guint           sg_spell_checker_get_long_slices    (SgSpellChecker *self);
/* Since the checker was made: the checks sent to the worker thread, and the parts of their
 * text whose findings were underlined or dropped because the text changed meanwhile (tests).
 * Any pointer may be NULL. */
void            sg_spell_checker_get_worker_counts  (SgSpellChecker *self,
                                                     guint          *jobs,
                                                     guint          *applied,
                                                     guint          *dropped);
/* For tests: while held, the menu's suggestions are not looked up; each lookup waits on its
 * worker thread until they are let go. How many wait so, now. */
void            sg_spell_checker_hold_suggestions   (gboolean        held);
guint           sg_spell_checker_get_suggestions_held (void);
/* The language in use, or NULL when spelling is off, its dictionary is missing or it is still
 * being read. */
const char     *sg_spell_checker_get_language       (SgSpellChecker *self);
/* The plain words said when there is no dictionary for the chosen language, or NULL. */
const char     *sg_spell_checker_get_problem        (SgSpellChecker *self);
/* Whether @word would be flagged (the dictionary, the clinical list, the personal list and
 * the words ignored this session all count). A dictionary not read yet is read first, on the
 * calling thread. */
gboolean        sg_spell_checker_is_misspelt        (SgSpellChecker *self,
                                                     const char     *word);

/* For Preferences: the languages enchant has a dictionary for (sorted, "en_GB" style), the
 * name a doctor reads for one ("English (United Kingdom)"), and what to say when @language
 * has no dictionary (NULL when it has one). */
char          **sg_spell_checker_list_languages     (void);
char           *sg_spell_checker_describe_language  (const char     *language);
char           *sg_spell_checker_missing_message    (const char     *language);

G_END_DECLS
