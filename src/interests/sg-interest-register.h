/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sg-interest.h"
#include "sg-platform.h"
#include "sg-store.h"

G_BEGIN_DECLS

/* The register is a log (GMP 2024 ¶90(b); was GMC 2013 ¶19): adding, editing, ending and removing
 * each append a dated event to interest_events, which SQL triggers keep append-only; the interests
 * table holds the current state for matching. These do I/O: call them off the main loop. */
gint64     sg_interest_register_add     (SgStore           *store,
                                         const SgInterest  *interest,
                                         GError           **error);
gboolean   sg_interest_register_update  (SgStore           *store,
                                         const SgInterest  *interest,
                                         GError           **error);
gboolean   sg_interest_register_end     (SgStore           *store,
                                         gint64             id,
                                         const char        *ended,
                                         GError           **error);
/* Removal needs a reason; the interest and its history stay in the log. */
gboolean   sg_interest_register_remove  (SgStore           *store,
                                         gint64             id,
                                         const char        *reason,
                                         GError           **error);
/* Current interests that are not removed: SgInterest*. */
GPtrArray *sg_interest_register_list    (SgStore           *store,
                                         GError           **error);

typedef struct {
  gint64  at;       /* Unix seconds */
  char   *kind;     /* added, edited, ended, removed */
  char   *data;     /* the interest as it was, exchange JSON */
  char   *reason;   /* or NULL */
} SgInterestEvent;

void       sg_interest_event_free       (SgInterestEvent   *event);
/* SgInterestEvent*, oldest first. */
GPtrArray *sg_interest_register_history (SgStore           *store,
                                         gint64             id,
                                         GError           **error);

/* Finds the interests a draft names (organisation, aliases, products) in one pass, whatever
 * the size of the register. */
typedef struct _SgInterestMatcher SgInterestMatcher;

SgInterestMatcher *sg_interest_matcher_new   (GPtrArray         *interests);
void               sg_interest_matcher_free  (SgInterestMatcher *self);
/* The relevant interests (borrowed, in register order) declarable on @today. */
GPtrArray         *sg_interest_matcher_match (SgInterestMatcher *self,
                                              const char        *text,
                                              gssize             len,
                                              const char        *today,
                                              guint              window_months);
/* Every interest declarable on @today, whatever the text (the "declare all" preference). */
GPtrArray         *sg_interest_matcher_all     (SgInterestMatcher *self,
                                                const char        *today,
                                                guint              window_months);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgInterestMatcher, sg_interest_matcher_free)

/* "Declaration of interests: I have nothing to declare.", in the user's language. */
char *sg_declaration_nothing (GError **error);

typedef enum {
  SG_DECLARATION_FULL,
  SG_DECLARATION_SHORT,
  SG_DECLARATION_LINK,
  SG_DECLARATION_DOES_NOT_FIT,
} SgDeclarationForm;

/* Whether a post about @interests is advertising in the advertising code's sense (paid or
 * sponsored, gifted, commission or affiliate income, or the author's own business), and so
 * should be labelled as an ad at the start (CAP Code 2.1, ASA Influencers' guide 2023). */
gboolean sg_declaration_is_advertising (GPtrArray *interests);

/* Composes the declaration for @interests and fits it, with @post, in the platform's limit:
 * the full wording if it fits, else the short one, else a link to @page_url, else
 * SG_DECLARATION_DOES_NOT_FIT with the short wording (the caller warns). An empty list
 * gives NULL. */
char *sg_declaration_compose (GPtrArray          *interests,
                              const SgPlatform   *platform,
                              const char         *post,
                              const char         *page_url,
                              SgDeclarationForm  *form,
                              GError            **error);

/* What the user asked for in Preferences, for sg_declaration_for_post(). */
typedef struct {
  const char *today;           /* YYYY-MM-DD */
  guint       window_months;   /* an interest ended longer ago than this is not declared */
  gboolean    declare_all;     /* every active interest, whatever the post names */
  gboolean    declare_nothing; /* say "nothing to declare" where that is expected */
  const char *page_url;        /* a declarations page to link to when space is short, or NULL */
} SgDeclarationOptions;

/* The declaration that goes with @post on @platform, or NULL: the interests the post names (or
 * all active ones), composed and fitted; failing those, "nothing to declare" on the platforms
 * where a professional audience expects one (LinkedIn, a blog, a forum) if asked for, and
 * never under an empty post. @relevant (optional) gets the interests used; @form how it fits. */
char *sg_declaration_for_post (SgInterestMatcher          *matcher,
                               const char                 *post,
                               const SgPlatform           *platform,
                               const SgDeclarationOptions *options,
                               GPtrArray                 **relevant,
                               SgDeclarationForm          *form,
                               GError                    **error);

G_END_DECLS

G_BEGIN_DECLS

/* Adds every interest in one transaction: all or nothing. */
gboolean   sg_interest_register_import  (SgStore           *store,
                                         GPtrArray         *interests,
                                         GError           **error);

G_END_DECLS
