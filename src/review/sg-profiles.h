/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sg-store.h"

G_BEGIN_DECLS

/* A social media account the user holds, and its privacy reviews (GMC Using social media 2024 ¶9;
 * was 2013 ¶8). These do I/O on the store: call them off the main loop. */
typedef struct {
  gint64  id;
  char   *platform;        /* a checklist id: "facebook", …, "general" */
  char   *handle;
  char   *kind;            /* "personal" or "professional" */
  guint   interval_days;
  gint64  last_review;     /* Unix seconds of the last completed review, 0 if none */
  guint   open_actions;    /* "needs action" answers of that review not yet marked done */
} SgProfile;

void       sg_profile_free            (SgProfile  *profile);

typedef enum {
  SG_ANSWER_DONE,
  SG_ANSWER_NOT_APPLICABLE,
  SG_ANSWER_NEEDS_ACTION,
} SgAnswer;

const char *sg_answer_to_string       (SgAnswer    answer);

gint64     sg_profiles_add            (SgStore     *store,
                                       const char  *platform,
                                       const char  *handle,
                                       const char  *kind,
                                       guint        interval_days,
                                       GError     **error);
/* SgProfile*, not removed, in the order added. */
GPtrArray *sg_profiles_list           (SgStore     *store,
                                       GError     **error);
gboolean   sg_profiles_remove         (SgStore     *store,
                                       gint64       id,
                                       GError     **error);

/* The open (unfinished) review of @profile_id, creating one if there is none, so an
 * interrupted review resumes where it was left. */
gint64     sg_reviews_open            (SgStore     *store,
                                       gint64       profile_id,
                                       GError     **error);
gboolean   sg_reviews_answer          (SgStore     *store,
                                       gint64       review_id,
                                       const char  *item_id,
                                       SgAnswer     answer,
                                       const char  *note,
                                       GError     **error);
/* Marks the review complete; it then dates the profile's next due date. */
gboolean   sg_reviews_complete        (SgStore     *store,
                                       gint64       review_id,
                                       GError     **error);

typedef struct {
  char     *item_id;
  SgAnswer  answer;
  char     *note;
  gint64    action_done_at;   /* a "needs action" marked done: Unix seconds; else 0 */
} SgReviewAnswer;

void       sg_review_answer_free      (SgReviewAnswer *answer);
/* SgReviewAnswer* of a review. */
GPtrArray *sg_reviews_get_answers     (SgStore     *store,
                                       gint64       review_id,
                                       GError     **error);

/* The follow-up of a review: the "needs action" answers of @profile_id's last completed review
 * that are not marked done yet (SgReviewAnswer*, in checklist order). A later review replaces
 * them with its own. */
GPtrArray *sg_reviews_open_actions    (SgStore     *store,
                                       gint64       profile_id,
                                       GError     **error);
/* Marks @item_id of @profile_id's last completed review as changed, dated now; the review
 * history and its export keep the date. FALSE with an error if it is not an open action. */
gboolean   sg_reviews_action_done     (SgStore     *store,
                                       gint64       profile_id,
                                       const char  *item_id,
                                       GError     **error);

G_END_DECLS
