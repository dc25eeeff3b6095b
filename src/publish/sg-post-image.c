/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sg-post-image.h"

SgPostImage *
sg_post_image_new (const char *path,
                   const char *alt)
{
  SgPostImage *image = g_new0 (SgPostImage, 1);

  image->path = g_strdup (path);
  image->alt = g_strdup (alt ? alt : "");
  return image;
}

void
sg_post_image_free (SgPostImage *image)
{
  if (image == NULL)
    return;
  g_free (image->path);
  g_free (image->alt);
  g_free (image);
}

char *
sg_post_image_guess_type (const char *path,
                          GBytes     *data)
{
  gsize len = 0;
  const guchar *bytes = data ? g_bytes_get_data (data, &len) : NULL;
  g_autofree char *type = g_content_type_guess (path, bytes, MIN (len, 4096), NULL);
  char *mime = g_content_type_get_mime_type (type);

  return mime != NULL ? mime : g_strdup ("application/octet-stream");
}
