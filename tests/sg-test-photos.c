/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gexiv2/gexiv2.h>

#include "sg-test-photos.h"

char *
sg_test_make_located_photo (const char *dir,
                            const char *name)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);
  g_autoptr(GExiv2Metadata) meta = gexiv2_metadata_new ();
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  gdk_pixbuf_fill (pixbuf, 0xcc6633ff);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "jpeg", &error, NULL));
  g_assert_true (gexiv2_metadata_open_path (meta, path, &error));
  g_assert_true (gexiv2_metadata_try_set_gps_info (meta, -1.89830, 52.48620, 140.0, &error));
  g_assert_true (gexiv2_metadata_try_set_tag_string (meta, "Exif.Image.Artist", "Dr Asha Patel",
                                                     &error));
  g_assert_true (gexiv2_metadata_save_file (meta, path, &error));
  return path;
}
