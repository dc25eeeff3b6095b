/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib.h>

#include "sg-guidance.h"

G_BEGIN_DECLS

/* What an image file carries besides its pixels (EXIF, XMP, IPTC), as far as it matters for
 * privacy (GMC 2013 ¶8c: location can be embedded in photographs). */
typedef struct {
  gboolean has_location;
  double   latitude;
  double   longitude;
  char    *taken_at;      /* as recorded, e.g. "2026:11:25 09:14:03", or NULL */
  char    *owner;         /* camera owner, artist, creator or by-line, or NULL */
  char    *serial;        /* device serial number, or NULL */
  char    *device;        /* make and model, or NULL */
  char    *software;      /* or NULL */
  gboolean has_thumbnail; /* an embedded preview, which may show the uncropped photo */
  guint    orientation;   /* EXIF orientation 1–8; 1 when absent */
  guint    n_tags;        /* every EXIF, XMP and IPTC tag found */
  gboolean unreadable;    /* a kind of file whose details Exiv2 may miss (HEIF): assume the worst */
} SgImageMetadata;

void             sg_image_metadata_free     (SgImageMetadata       *metadata);
/* NULL with SG_ERROR_INVALID_INPUT and a plain message for unreadable or damaged files. */
SgImageMetadata *sg_image_metadata_read     (const char            *path,
                                             GError               **error);
/* One plain-words line per finding, for the user; empty when there is nothing personal. */
GStrv            sg_image_metadata_describe (const SgImageMetadata *metadata);
/* SgImageFacts: what the file carries, as the engine's image rules name it. */
guint            sg_image_metadata_get_facts (const SgImageMetadata *metadata);
/* A map link for the recorded position, or NULL; opened only if the user clicks it. */
char            *sg_image_metadata_map_url  (const SgImageMetadata *metadata);
/* Larger photos are refused by sg_image_strip(): 100 megapixels, above any phone's default. */
#define SG_IMAGE_MAX_PIXELS 100000000

/* Writes a clean copy of @path to @out: pixels re-encoded with the orientation applied, no
 * EXIF, XMP, IPTC or thumbnail. The original is never modified. PNG stays PNG; everything
 * else becomes JPEG. */
gboolean         sg_image_strip             (const char            *path,
                                             const char            *out,
                                             GError               **error);

/* The same, made no larger than @max_edge pixels on its longer side (0: as it is): the copy
 * that is posted, which the services would shrink anyway and Bluesky takes only under 1 MB. */
gboolean         sg_image_strip_full        (const char            *path,
                                             const char            *out,
                                             guint                  max_edge,
                                             GError               **error);

/* A small upright preview, at most @size pixels on its longer side; refuses what
 * sg_image_strip() refuses. */
GdkPixbuf       *sg_image_load_preview      (const char            *path,
                                             int                    size,
                                             GError               **error);

/* The copy that is posted: clean as above, at most SG_IMAGE_POSTED_MAX_EDGE pixels on its
 * longer side and SG_IMAGE_POSTED_MAX_BYTES in size (Bluesky's limit per picture; Mastodon
 * shrinks larger ones anyway). Written 0600 to @out_stem plus ".png" (a PNG that fits) or
 * ".jpg"; returns that path. */
#define SG_IMAGE_POSTED_MAX_EDGE  2000
#define SG_IMAGE_POSTED_MAX_BYTES 976000
char            *sg_image_make_posted_copy  (const char            *path,
                                             const char            *out_stem,
                                             GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgImageMetadata, sg_image_metadata_free)

G_END_DECLS
