/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A picture to go with a direct post: the file to upload (the clean copy, when there is one)
 * and its description for people who cannot see it. */
typedef struct {
  char *path;
  char *alt;
  guint width, height;   /* in pixels once read, or 0 */
} SgPostImage;

SgPostImage *sg_post_image_new        (const char  *path,
                                       const char  *alt);
void         sg_post_image_free       (SgPostImage *image);
/* The file's content type from its name and first bytes ("image/jpeg"). */
char        *sg_post_image_guess_type (const char  *path,
                                       GBytes      *data);

/* Width and height from a PNG or JPEG header (no decoding); FALSE for other formats or a
 * header that does not say. */
gboolean     sg_post_image_read_size  (GBytes      *data,
                                       guint       *width,
                                       guint       *height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgPostImage, sg_post_image_free)

G_END_DECLS
