/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sg-post-progress.h"
#include "sg-store.h"

G_BEGIN_DECLS

/* Posting straight to Mastodon or Bluesky, logged from start to end: the publication is
 * logged as "pending" before anything is sent, then as "posted" with its URL or "failed" with
 * the message the user saw. A retry of the same text from the same draft reuses the same
 * idempotency key, so it cannot appear twice. */
typedef struct {
  char *platform;   /* "mastodon" or "bluesky" */
  char *server;
  char *account;    /* the Mastodon account name or the Bluesky handle */
  char *visibility; /* Mastodon: "public", "unlisted" or "private"; NULL for public */
  char *language;   /* the post's language ("en", "cy"…), or NULL to state none */
  SgPostProgressFunc progress;   /* or NULL; its data must outlive the post */
  gpointer           progress_data;
} SgPostTarget;

/* @token: NULL to take it from the keyring (the normal case). @acks: SgAcknowledgement*.
 * @photos: SgDraftPhoto* or NULL; each is uploaded as it would be posted (the clean copy
 * once made) with its description, and logged with the picture checks ticked. */
void   sg_publisher_post_async   (SgStore             *store,
                                  const SgPostTarget  *target,
                                  const char          *token,
                                  gint64               draft_id,
                                  const char          *final_text,
                                  const char          *declaration,
                                  GPtrArray           *acks,
                                  GPtrArray           *photos,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
/* The post's URL. */
char  *sg_publisher_post_finish  (GAsyncResult        *result,
                                  GError             **error);

G_END_DECLS
