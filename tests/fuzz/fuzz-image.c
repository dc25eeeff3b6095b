/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: arbitrary bytes as a photo file: read for metadata, previewed, stripped
 * as it is and made smaller (the copy that is posted). */
#include "config.h"

#include <glib/gstdio.h>
#include <unistd.h>

#include "sg-image-metadata.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static char *in, *out;
  SgImageMetadata *m;
  GError *error = NULL;

  if (in == NULL)
    {
      char *dir = g_dir_make_tmp ("sg-fuzz-image-XXXXXX", NULL);
      in = g_build_filename (dir, "in.jpg", NULL);
      out = g_build_filename (dir, "out.jpg", NULL);
      g_free (dir);
    }
  if (!g_file_set_contents (in, (const char *) data, size, NULL))
    return 0;
  m = sg_image_metadata_read (in, &error);
  if (m != NULL)
    {
      g_strfreev (sg_image_metadata_describe (m));
      (void) sg_image_metadata_get_facts (m);
    }
  sg_image_metadata_free (m);
  g_clear_error (&error);
  {
    GdkPixbuf *preview = sg_image_load_preview (in, 16, &error);
    g_clear_object (&preview);
    g_clear_error (&error);
  }
  if (!sg_image_strip (in, out, &error))
    g_clear_error (&error);
  g_unlink (out);
  if (!sg_image_strip_full (in, out, 8, &error))
    g_clear_error (&error);
  g_unlink (out);
  {
    char *posted = sg_image_make_posted_copy (in, out, &error);
    if (posted != NULL)
      g_unlink (posted);
    g_free (posted);
    g_clear_error (&error);
  }
  return 0;
}
