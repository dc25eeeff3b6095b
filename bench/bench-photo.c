/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What attaching a phone photo costs: reading its metadata, the card's preview, and the
 * clean copy that is posted, against the baseline of decoding the photo once with
 * gdk-pixbuf (what any image viewer does). A 4000×3000 JPEG (12 MP, a phone's default) with
 * GPS, made here. Medians of 7 runs, in milliseconds. */
#include "config.h"

#include <gexiv2/gexiv2.h>
#include <glib/gstdio.h>

#include "sg-image-metadata.h"

#define RUNS 7

static int
compare (gconstpointer a,
         gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

typedef gboolean (*Step) (const char *path, const char *out);

static gboolean
decode (const char *path, const char *out)
{
  g_autoptr(GdkPixbuf) p = gdk_pixbuf_new_from_file (path, NULL);
  return p != NULL;
}

static gboolean
read_metadata (const char *path, const char *out)
{
  g_autoptr(SgImageMetadata) m = sg_image_metadata_read (path, NULL);
  return m != NULL && m->has_location;
}

static gboolean
preview (const char *path, const char *out)
{
  g_autoptr(GdkPixbuf) p = sg_image_load_preview (path, 144, NULL);
  return p != NULL;
}

static char *posted;

static gboolean
clean (const char *path, const char *out)
{
  g_free (posted);
  posted = sg_image_make_posted_copy (path, out, NULL);
  return posted != NULL;
}

static double
median_ms (Step step, const char *path, const char *out)
{
  double t[RUNS];

  for (int i = 0; i < RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_assert_true (step (path, out));
      t[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  qsort (t, RUNS, sizeof t[0], compare);
  return t[RUNS / 2];
}

int
main (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sg-bench-photo-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "phone.jpg", NULL);
  g_autofree char *out = g_build_filename (dir, "clean", NULL);
  g_autoptr(GdkPixbuf) p = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 4000, 3000);
  g_autoptr(GExiv2Metadata) meta = gexiv2_metadata_new ();
  guchar *px = gdk_pixbuf_get_pixels (p);
  int stride = gdk_pixbuf_get_rowstride (p);
  double base, r, v, c;

  /* Texture, not a flat colour, so the encoder has real work. */
  for (int y = 0; y < 3000; y++)
    for (int x = 0; x < 4000; x++)
      {
        guchar *q = px + y * stride + x * 3;
        q[0] = (x * 7 + y * 3) & 0xff;
        q[1] = (x ^ y) & 0xff;
        q[2] = (x * y / 97) & 0xff;
      }
  g_assert_true (gdk_pixbuf_save (p, path, "jpeg", NULL, "quality", "90", NULL));
  g_assert_true (gexiv2_metadata_open_path (meta, path, NULL));
  g_assert_true (gexiv2_metadata_try_set_gps_info (meta, -1.8983, 52.4862, 140.0, NULL));
  g_assert_true (gexiv2_metadata_save_file (meta, path, NULL));

  base = median_ms (decode, path, out);
  r = median_ms (read_metadata, path, out);
  v = median_ms (preview, path, out);
  c = median_ms (clean, path, out);
  g_print ("12 MP JPEG, median of %d runs:\n", RUNS);
  g_print ("  baseline: decode once with gdk-pixbuf  %8.1f ms\n", base);
  g_print ("  read metadata (gexiv2)                 %8.1f ms  (%.2fx baseline)\n", r, r / base);
  g_print ("  preview for the card (144 px)          %8.1f ms  (%.2fx baseline)\n", v, v / base);
  g_print ("  clean copy to post (<=2000 px, <=976 kB)%8.1f ms  (%.2fx baseline)\n", c, c / base);
  {
    GStatBuf st;
    g_stat (posted, &st);
    g_print ("  clean copy size: %.0f kB (Bluesky takes up to 1000 kB)\n", st.st_size / 1000.0);
  }
  g_unlink (path);
  g_unlink (posted);
  g_rmdir (dir);
  return 0;
}
