/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A picture to go with a direct post: the file to upload (the clean copy, when there is one)
 * and its description for people who cannot see it. */
typedef struct {
  char *path;
  char *alt;
} SgPostImage;

SgPostImage *sg_post_image_new        (const char  *path,
                                       const char  *alt);
void         sg_post_image_free       (SgPostImage *image);
/* The file's content type from its name and first bytes ("image/jpeg"). */
char        *sg_post_image_guess_type (const char  *path,
                                       GBytes      *data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgPostImage, sg_post_image_free)

G_END_DECLS
