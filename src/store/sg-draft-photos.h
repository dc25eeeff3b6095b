/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sg-store.h"

G_BEGIN_DECLS

/* A photo attached to a draft. The original stays where the user keeps it and is never
 * modified; once cleaned, the clean copy (in the app's own folder) is what is posted. */
typedef struct {
  gint64  id;
  gint64  draft_id;
  int     position;       /* 0-based order in the post */
  char   *original_path;
  char   *clean_path;     /* or NULL: the original would be posted */
  char   *alt_text;       /* the description read out to people who cannot see it */
  guint   checked;        /* bit i: picture check i (sg_photo_checks) ticked */
  guint   facts;          /* SgImageFacts of the original, as read when it was attached */
} SgDraftPhoto;

#define SG_MAX_PHOTOS 4   /* both Mastodon and Bluesky take at most four */

SgDraftPhoto *sg_draft_photo_copy   (const SgDraftPhoto *photo);
void          sg_draft_photo_free   (SgDraftPhoto       *photo);
/* The file that would be posted. */
const char   *sg_draft_photo_get_posted_path (const SgDraftPhoto *photo);
/* SgImageFacts that the posted file still carries: none once cleaned. */
guint         sg_draft_photo_get_posted_facts (const SgDraftPhoto *photo);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgDraftPhoto, sg_draft_photo_free)

/* What software cannot see in a picture: the person looks and ticks each one. */
typedef struct {
  const char *id;         /* stable, for the log: "people" */
  const char *question;   /* translatable, N_() */
} SgPhotoCheck;

const SgPhotoCheck *sg_photo_checks     (guint *n_checks);
/* All of them ticked. */
gboolean            sg_photo_checks_done (guint checked);

/* These do I/O on the store: call them off the main loop. */
GPtrArray *sg_draft_photos_list   (SgStore     *store,
                                   gint64       draft_id,
                                   GError     **error);
/* Appends @original_path to the draft's photos; fails with SG_ERROR_INVALID_INPUT when the
 * draft already has SG_MAX_PHOTOS. Returns the new id. */
gint64     sg_draft_photos_add    (SgStore     *store,
                                   gint64       draft_id,
                                   const char  *original_path,
                                   guint        facts,
                                   GError     **error);
/* Saves what the user wrote and ticked: alt_text and checked. */
gboolean   sg_draft_photos_update (SgStore            *store,
                                   const SgDraftPhoto *photo,
                                   GError            **error);
/* Records the clean copy of photo @id. *@found is FALSE when the photo was taken off the
 * draft meanwhile (the caller then deletes the copy). */
gboolean   sg_draft_photos_set_clean (SgStore     *store,
                                      gint64       id,
                                      const char  *clean_path,
                                      gboolean    *found,
                                      GError     **error);
/* Removes the photo from the draft (and deletes its clean copy, which only the app uses);
 * the original is left alone. The others move up. */
gboolean   sg_draft_photos_remove (SgStore     *store,
                                   gint64       id,
                                   GError     **error);

/* Deletes the app's own photo files (clean copies, pasted pictures) that no draft needs any
 * more: those of drafts deleted over @grace_days ago, and any file no photo refers to (left
 * by a crash), if older than an hour so a copy being made now is spared. The user's own
 * originals are never touched. Returns how many files went. */
guint      sg_draft_photos_sweep  (SgStore     *store,
                                   guint        grace_days,
                                   GError     **error);

/* The folder of clean copies: <data>/socialguard/photos, created 0700. */
char      *sg_draft_photos_dir    (GError     **error);

G_END_DECLS
