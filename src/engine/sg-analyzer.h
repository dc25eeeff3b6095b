/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sg-finding.h"
#include "sg-guidance.h"
#include "sg-rule-pack.h"

G_BEGIN_DECLS

#define SG_TYPE_ANALYZER (sg_analyzer_get_type ())
G_DECLARE_FINAL_TYPE (SgAnalyzer, sg_analyzer, SG, ANALYZER, GObject)

/* Runs a rule pack over drafts. Thread-safe: any number of threads may call
 * sg_analyzer_analyze() at once, and the watch-list and ignored rules may be replaced while
 * they do (each analysis uses the lists as they were when it started). */
SgAnalyzer *sg_analyzer_new               (SgRulePack          *pack);
SgRulePack *sg_analyzer_get_pack          (SgAnalyzer          *self);

/* The user's own local names (workplace, wards, town, colleagues), recognised as places and
 * people by the identifiability and identifier rules. */
void        sg_analyzer_set_watch_list    (SgAnalyzer          *self,
                                           const char * const  *terms);
/* Who is writing (SG_ROLE_DOCTOR until told): some rules apply to, or are worded for, a role. */
void        sg_analyzer_set_role          (SgAnalyzer          *self,
                                           SgRole               role);
SgRole      sg_analyzer_get_role          (SgAnalyzer          *self);
/* Rule ids the user chose to ignore everywhere. */
void        sg_analyzer_set_ignored_rules (SgAnalyzer          *self,
                                           const char * const  *rule_ids);

/* Returns the findings (SgFinding*, sorted by start) for @text as written for @platform (an id
 * from data/platforms.json; NULL for "x"). Offsets are bytes into @text. Fails only for
 * invalid UTF-8 (SG_ERROR_INVALID_INPUT, the message gives the byte offset) or an unknown
 * platform. A text of any length is analysed in bounded memory. */
GPtrArray  *sg_analyzer_analyze           (SgAnalyzer          *self,
                                           const char          *text,
                                           gssize               len,
                                           const char          *platform,
                                           GError             **error);

/* The same for a post whose audience is not its platform's usual one: a Mastodon direct
 * message read as a private message (SG_AUDIENCE_PRIVATE), as rules may differ by audience. */
GPtrArray  *sg_analyzer_analyze_for_audience (SgAnalyzer       *self,
                                              const char       *text,
                                              gssize            len,
                                              const char       *platform,
                                              SgAudience        audience,
                                              GError          **error);

void        sg_analyzer_analyze_async     (SgAnalyzer          *self,
                                           const char          *text,
                                           const char          *platform,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GPtrArray  *sg_analyzer_analyze_finish    (SgAnalyzer          *self,
                                           GAsyncResult        *result,
                                           GError             **error);

/* Findings for one attached image: those of the pack's image rules for what its file
 * carries (@facts, SgImageFacts; pass 0 once the clean copy will be posted), then those for
 * its description (@alt_text, may be NULL), offsets into the description. Every finding's
 * attachment is @position and its match @name (the file's name) unless it is about the
 * description. Fails like sg_analyzer_analyze() for the description. Cheap: no I/O. */
GPtrArray  *sg_analyzer_check_image       (SgAnalyzer          *self,
                                           int                  position,
                                           const char          *name,
                                           guint                facts,
                                           const char          *alt_text,
                                           const char          *platform,
                                           GError             **error);

G_END_DECLS
