/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Words a regex cannot match without, so that the analyzer can skip a regex whose words are
 * not in the draft. Most of a pack's regexes open with a word list ("\b(?:bio|profile|…)\b");
 * running each one over every draft cost a third of an analysis, while the shared automaton
 * reads every word of the draft anyway and can say in the same pass which lists are present.
 *
 * The result is a list of sets, each a GStrv of lower-case ASCII words: every text the regex
 * (compiled caseless) matches contains, for each set, one of its words beginning on a word
 * boundary. A word ending in '*' may be the start of a longer word ("rat*" for "rat(?:e|ing)");
 * one without is followed by a boundary ("st" for "\d\s?(?:st|stone)\b", which "stages" does
 * not satisfy). They are lexicon terms as sg_lexicon_add() reads them, looked up in the folded
 * text (sg-text.h).
 *
 * Only what can be proved from the pattern's syntax is returned: a word is taken when it is
 * mandatory and a word boundary before it is certain (\b, ^, a space, \s or \d before it, or a
 * punctuation mark; a digit folds to '#', which is not a word character). Anything not
 * understood ends the reading, keeping what was proved before it; a pattern with nothing
 * provable gives NULL and always runs. The extractor reads PCRE syntax as GRegex compiles it
 * (UTF-8, Unicode properties): alternation, groups of every kind, lookarounds, classes,
 * escapes, quantifiers, inline flags (extended mode stops it).
 *
 * Two differences with PCRE's \b are accepted as harmless: the automaton counts a combining
 * mark as part of a word (PCRE 10.42 does not), so a word glued to a preceding combining mark
 * is missed; and PCRE matches U+017F (long s) caselessly as 's'. Neither occurs in drafts. */
GPtrArray *sg_regex_anchors (const char *pattern);   /* GStrv per set, or NULL */

/* For a regex that is one bracket of symbols and nothing else ("[😂🤣💀]"): those characters,
 * sorted, 0-terminated; a text holding none of them cannot match. NULL for any other pattern
 * (a range, an escape, a negation, a letter, which may have a case, or anything around it). */
gunichar  *sg_regex_symbols (const char *pattern);

G_END_DECLS
