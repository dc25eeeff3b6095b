/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sg-store.h"

G_BEGIN_DECLS

/* Every post that left SocialGuard, with what was declared and which warnings were
 * acknowledged and why. These do I/O on the store: call them off the main loop. */
typedef struct {
  gint64  id;
  gint64  at;            /* Unix seconds */
  char   *platform;
  char   *account;       /* or NULL */
  char   *method;        /* copy, share, post */
  char   *final_text;
  char   *declaration;   /* or NULL */
  char   *status;        /* done, posted, failed, pending */
  char   *remote_url;    /* or NULL */
  char   *error;         /* or NULL */
  char   *acknowledged;  /* "rule: reason" lines, or NULL */
  char   *photos;        /* a line per photo that went with it (name, clean or not, description,
                          * picture checks ticked), or NULL */
  char   *consent;       /* the patient's consent recorded on the draft when it left, as
                          * "given 12 Sep 2026, in their notes", or NULL */
} SgPublication;

void       sg_publication_free        (SgPublication *publication);

typedef struct {
  char *rule_id;
  char *match;
  char *reason;
} SgAcknowledgement;

void       sg_acknowledgement_free    (SgAcknowledgement *ack);

/* Logs one publication, its acknowledgements (SgAcknowledgement*) and what went with each of
 * its photos (SgDraftPhoto*, or NULL), in one transaction, with a copy of the patient's consent
 * recorded on @draft_id if there is one (sg-draft-consent.h). */
gint64     sg_publications_log        (SgStore     *store,
                                       gint64       draft_id,
                                       const char  *platform,
                                       const char  *method,
                                       const char  *final_text,
                                       const char  *declaration,
                                       const char  *status,
                                       GPtrArray   *acknowledgements,
                                       GPtrArray   *photos,
                                       GError     **error);
/* Records who a direct post went out as, its idempotency key, and how it ended: "pending"
 * before sending, then "posted" with the post's URL or "failed" with the message shown. */
gboolean   sg_publications_update     (SgStore     *store,
                                       gint64       id,
                                       const char  *account,
                                       const char  *idempotency_key,
                                       const char  *status,
                                       const char  *remote_url,
                                       const char  *error_text,
                                       GError     **error);
/* The time (Unix seconds) of the first attempt logged with @idempotency_key, and how many
 * attempts there were, counting the one just logged; FALSE on a store error. */
gboolean   sg_publications_first_attempt (SgStore    *store,
                                          const char *idempotency_key,
                                          gint64     *first_at,
                                          guint      *n_attempts,
                                          GError    **error);
/* How a past post left its platform, for History: deleted by SocialGuard, found already gone
 * when SocialGuard tried (404), or marked deleted by the doctor after deleting it by hand. */
typedef enum {
  SG_DELETION_PLATFORM,
  SG_DELETION_ALREADY_GONE,
  SG_DELETION_BY_HAND,
} SgDeletionHow;

/* Logs a deleted post: its platform, the account (or NULL), its address (or NULL), how and
 * when, and the audit's post row (or 0). Never the post's text. In History it is listed among
 * the publications with method "delete", status "deleted", no text and @url as remote_url. */
gint64     sg_publications_log_deletion (SgStore       *store,
                                         const char    *platform,
                                         const char    *account,
                                         const char    *url,
                                         SgDeletionHow  how,
                                         gint64         at,
                                         gint64         audit_post_id,
                                         GError       **error);
/* A deletion's words for History ("Deleted from Mastodon", "Marked deleted on X"), from a
 * publication listed with method "delete" (its status says how). */
char      *sg_publication_deletion_title (const SgPublication *publication);

/* Newest first, deletions among them; @query (or NULL) filters by text, platform or account, case-insensitively. */
GPtrArray *sg_publications_list       (SgStore     *store,
                                       const char  *query,
                                       GError     **error);
/* A printable HTML page of @publications, for appraisal. */
char      *sg_publications_to_html    (GPtrArray   *publications);

G_END_DECLS
