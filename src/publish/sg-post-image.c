/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

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

gboolean
sg_post_image_read_size (GBytes *data,
                         guint  *width,
                         guint  *height)
{
  gsize len = 0;
  const guint8 *b = data != NULL ? g_bytes_get_data (data, &len) : NULL;

  *width = *height = 0;
  if (b == NULL)
    return FALSE;

  /* PNG: the IHDR chunk comes first, width and height big-endian. */
  if (len >= 24 && memcmp (b, "\x89PNG\r\n\x1a\n", 8) == 0 && memcmp (b + 12, "IHDR", 4) == 0)
    {
      *width = (guint) b[16] << 24 | (guint) b[17] << 16 | (guint) b[18] << 8 | b[19];
      *height = (guint) b[20] << 24 | (guint) b[21] << 16 | (guint) b[22] << 8 | b[23];
      return *width > 0 && *height > 0;
    }

  /* JPEG: walk the segments to the first start-of-frame marker. */
  if (len >= 4 && b[0] == 0xFF && b[1] == 0xD8)
    {
      gsize i = 2;

      while (i + 4 <= len)
        {
          guint8 marker;
          gsize seg;

          if (b[i] != 0xFF)
            return FALSE;
          marker = b[i + 1];
          if (marker == 0xFF)
            {
              i++;   /* fill byte */
              continue;
            }
          if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7))
            {
              i += 2;
              continue;
            }
          seg = (gsize) b[i + 2] << 8 | b[i + 3];
          if (seg < 2)
            return FALSE;
          /* SOF0…SOF15, except DHT (C4), JPG (C8) and DAC (CC). */
          if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 &&
              marker != 0xCC)
            {
              if (i + 9 > len)
                return FALSE;
              *height = (guint) b[i + 5] << 8 | b[i + 6];
              *width = (guint) b[i + 7] << 8 | b[i + 8];
              return *width > 0 && *height > 0;
            }
          if (marker == 0xDA || marker == 0xD9)
            return FALSE;   /* image data or the end, and no frame header before it */
          i += 2 + seg;
        }
    }
  return FALSE;
}
