/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Images made here, with GPS, an owner's name, a serial number, a thumbnail and orientation 6:
 * each is found, and the stripped copy has none of them, is upright and keeps its pixels. */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gexiv2/gexiv2.h>
#include <glib/gstdio.h>
#include <zlib.h>

#include "sg-error.h"
#include "sg-image-metadata.h"
#include "sg-places.h"

static char *dir;

/* 64×48: left half red, right half blue. */
static GdkPixbuf *
make_pixbuf (void)
{
  GdkPixbuf *p = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);
  guchar *px = gdk_pixbuf_get_pixels (p);
  int stride = gdk_pixbuf_get_rowstride (p);

  for (int y = 0; y < 48; y++)
    for (int x = 0; x < 64; x++)
      {
        guchar *q = px + y * stride + x * 3;
        q[0] = x < 32 ? 220 : 20;
        q[1] = 20;
        q[2] = x < 32 ? 20 : 220;
      }
  return p;
}

static char *
make_photo (const char *name,
            const char *type)
{
  g_autoptr(GdkPixbuf) p = make_pixbuf ();
  g_autoptr(GdkPixbuf) small = gdk_pixbuf_scale_simple (p, 16, 12, GDK_INTERP_BILINEAR);
  g_autoptr(GExiv2Metadata) meta = gexiv2_metadata_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *thumb = NULL;
  gsize thumb_size = 0;
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (gdk_pixbuf_save (p, path, type, &error, NULL));
  g_assert_true (gdk_pixbuf_save_to_buffer (small, &thumb, &thumb_size, "jpeg", &error, NULL));
  g_assert_true (gexiv2_metadata_open_path (meta, path, &error));
  g_assert_true (gexiv2_metadata_try_set_gps_info (meta, -2.24260, 53.48080, 40.0, &error));
  g_assert_true (gexiv2_metadata_try_set_tag_string (meta, "Exif.Photo.CameraOwnerName", "Dr Asha Patel", &error));
  g_assert_true (gexiv2_metadata_try_set_tag_string (meta, "Exif.Photo.BodySerialNumber", "SN-448812", &error));
  g_assert_true (gexiv2_metadata_try_set_tag_string (meta, "Exif.Image.Software", "WardCam 2.1", &error));
  g_assert_true (gexiv2_metadata_try_set_tag_string (meta, "Exif.Photo.DateTimeOriginal", "2026:11:25 09:14:03", &error));
  gexiv2_metadata_try_set_orientation (meta, GEXIV2_ORIENTATION_ROT_90, &error);
  g_assert_no_error (error);
  gexiv2_metadata_try_set_exif_thumbnail_from_buffer (meta, (guint8 *) thumb, thumb_size, &error);
  g_assert_no_error (error);
  g_assert_true (gexiv2_metadata_save_file (meta, path, &error));
  return path;
}

static void
test_read (void)
{
  g_autofree char *path = make_photo ("ward.jpg", "jpeg");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgImageMetadata) m = sg_image_metadata_read (path, &error);
  g_auto(GStrv) lines = NULL;
  g_autofree char *url = NULL;

  g_assert_no_error (error);
  g_assert_true (m->has_location);
  g_assert_cmpfloat_with_epsilon (m->latitude, 53.4808, 0.0001);
  g_assert_cmpfloat_with_epsilon (m->longitude, -2.2426, 0.0001);
  g_assert_cmpstr (m->owner, ==, "Dr Asha Patel");
  g_assert_cmpstr (m->serial, ==, "SN-448812");
  g_assert_cmpstr (m->software, ==, "WardCam 2.1");
  g_assert_cmpstr (m->taken_at, ==, "2026:11:25 09:14:03");
  g_assert_true (m->has_thumbnail);
  g_assert_cmpuint (m->orientation, ==, 6);
  g_assert_cmpuint (m->n_tags, >, 5);

  lines = sg_image_metadata_describe (m);
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  /* Said as a place from the table shipped with the app (the test photo is in Manchester). */
  g_assert_true (g_str_has_prefix (lines[0], "Where it was taken: near Manchester (53.48080, -2.24260)"));
  url = sg_image_metadata_map_url (m);
  g_assert_cmpstr (url, ==, "https://www.openstreetmap.org/?mlat=53.48080&mlon=-2.24260#map=16/53.48080/-2.24260");
}

static void
assert_clean (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgImageMetadata) m = sg_image_metadata_read (path, &error);
  g_auto(GStrv) lines = NULL;

  g_assert_no_error (error);
  g_assert_false (m->has_location);
  g_assert_null (m->owner);
  g_assert_null (m->serial);
  g_assert_false (m->has_thumbnail);
  g_assert_cmpuint (m->n_tags, ==, 0);
  lines = sg_image_metadata_describe (m);
  g_assert_cmpuint (g_strv_length (lines), ==, 0);

  /* A second opinion when the exiv2 tool is installed. */
  if (g_find_program_in_path ("exiv2") != NULL)
    {
      const char *argv[] = { "exiv2", "-pa", path, NULL };
      g_autofree char *out = NULL;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                    NULL, NULL, &out, NULL, NULL, NULL);
      g_assert_cmpstr (out, ==, "");
    }
  else
    g_test_message ("exiv2 is not installed: checked with gexiv2 only");
}

static void
test_strip (gconstpointer data)
{
  const char *type = data;
  g_autofree char *name = g_strconcat ("ward.", type, NULL);
  g_autofree char *path = make_photo (name, type);
  g_autofree char *out = g_build_filename (dir, g_str_equal (type, "png") ? "clean.png" : "clean.jpg", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) clean = NULL;
  g_autoptr(SgImageMetadata) before = NULL;
  GdkPixbufFormat *format;
  const guchar *px;
  int stride;

  g_assert_true (sg_image_strip (path, out, &error));
  g_assert_no_error (error);
  assert_clean (out);

  /* The original is untouched (and the exiv2 tool, when present, sees its GPS). */
  before = sg_image_metadata_read (path, &error);
  g_assert_true (before->has_location);
  if (g_find_program_in_path ("exiv2") != NULL)
    {
      const char *argv[] = { "exiv2", "-pa", path, NULL };
      g_autofree char *shown = NULL;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                    NULL, NULL, &shown, NULL, NULL, NULL);
      g_assert_nonnull (strstr (shown, "GPSLatitude"));
    }

  /* Upright (orientation 6 turned into the pixels), same kind of file, same picture: the red
   * left half is now the top. */
  format = gdk_pixbuf_get_file_info (out, NULL, NULL);
  {
    g_autofree char *format_name = gdk_pixbuf_format_get_name (format);
    g_assert_cmpstr (format_name, ==, g_str_equal (type, "png") ? "png" : "jpeg");
  }
  clean = gdk_pixbuf_new_from_file (out, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (clean), ==, 48);
  g_assert_cmpint (gdk_pixbuf_get_height (clean), ==, 64);
  px = gdk_pixbuf_get_pixels (clean);
  stride = gdk_pixbuf_get_rowstride (clean);
  {
    const guchar *top = px + 8 * stride + 24 * gdk_pixbuf_get_n_channels (clean);
    const guchar *bottom = px + 56 * stride + 24 * gdk_pixbuf_get_n_channels (clean);
    g_assert_cmpint (top[0], >, 180);
    g_assert_cmpint (top[2], <, 60);
    g_assert_cmpint (bottom[2], >, 180);
    g_assert_cmpint (bottom[0], <, 60);
  }
}

/* HEIC, as iPhones save: made by libheif's encoder from a JPEG that records its position.
 * Exiv2 0.27 may not see the position in it; then the file must say so, never "nothing". */
static void
test_heic (void)
{
  g_autofree char *jpeg = make_photo ("iphone.jpg", "jpeg");
  g_autofree char *heic = g_build_filename (dir, "iphone.heic", NULL);
  g_autofree char *out = g_build_filename (dir, "iphone-clean.jpg", NULL);
  g_autofree char *encoder = g_find_program_in_path ("heif-enc");
  const char *argv[] = { "heif-enc", "-o", heic, jpeg, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(SgImageMetadata) m = NULL;
  g_autoptr(GdkPixbuf) clean = NULL;
  g_auto(GStrv) lines = NULL;
  int status = -1;

  /* `make check` installs libheif-examples; without it this test fails rather than skips. */
  g_assert_nonnull (encoder);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_cmpint (status, ==, 0);

  /* Read through libheif where Exiv2 0.27 sees nothing: the position and the name. */
  m = sg_image_metadata_read (heic, &error);
  g_assert_no_error (error);
  g_assert_true (m->has_location);
  g_assert_false (m->unreadable);
  g_assert_cmpstr (m->owner, ==, "Dr Asha Patel");
  g_assert_cmpuint (sg_image_metadata_get_facts (m) & SG_IMAGE_FACT_LOCATION, !=, 0);
  lines = sg_image_metadata_describe (m);
  g_assert_true (g_str_has_prefix (lines[0], "Where it was taken: near Manchester"));

  /* A HEIC with no metadata at all says so, rather than "cannot be read". */
  {
    g_autoptr(GdkPixbuf) p = make_pixbuf ();
    g_autofree char *png = g_build_filename (dir, "plain.png", NULL);
    g_autofree char *plain = g_build_filename (dir, "plain.heic", NULL);
    const char *argv2[] = { "heif-enc", "-o", plain, png, NULL };
    g_autoptr(SgImageMetadata) m2 = NULL;

    g_assert_true (gdk_pixbuf_save (p, png, "png", &error, NULL));
    g_assert_true (g_spawn_sync (NULL, (char **) argv2, NULL,
                                 G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, NULL, NULL, &status, &error));
    m2 = sg_image_metadata_read (plain, &error);
    g_assert_no_error (error);
    g_assert_false (m2->unreadable);
    g_assert_false (m2->has_location);
    g_assert_cmpuint (sg_image_metadata_get_facts (m2), ==, 0);
  }

  /* The clean copy is a JPEG made from the pixels alone. */
  g_assert_true (sg_image_strip (heic, out, &error));
  g_assert_no_error (error);
  assert_clean (out);
  clean = gdk_pixbuf_new_from_file (out, &error);
  g_assert_no_error (error);
  g_assert_cmpint (MAX (gdk_pixbuf_get_width (clean), gdk_pixbuf_get_height (clean)), ==, 64);
}

/* The posted copy is made smaller, upright; the preview too. */
static void
test_smaller (void)
{
  g_autofree char *path = make_photo ("big.jpg", "jpeg");
  g_autofree char *out = g_build_filename (dir, "small.jpg", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) small = NULL;
  g_autoptr(GdkPixbuf) preview = NULL;
  g_autoptr(SgImageMetadata) m = sg_image_metadata_read (path, &error);

  g_assert_cmpuint (sg_image_metadata_get_facts (m), ==,
                    SG_IMAGE_FACT_LOCATION | SG_IMAGE_FACT_OWNER | SG_IMAGE_FACT_SERIAL |
                    SG_IMAGE_FACT_SOFTWARE | SG_IMAGE_FACT_THUMBNAIL | SG_IMAGE_FACT_TAKEN_AT);
  g_assert_true (sg_image_strip_full (path, out, 32, &error));
  g_assert_no_error (error);
  assert_clean (out);
  small = gdk_pixbuf_new_from_file (out, &error);
  g_assert_cmpint (gdk_pixbuf_get_width (small), ==, 24);
  g_assert_cmpint (gdk_pixbuf_get_height (small), ==, 32);

  preview = sg_image_load_preview (path, 16, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (preview), ==, 12);
  g_assert_cmpint (gdk_pixbuf_get_height (preview), ==, 16);
  g_assert_null (sg_image_load_preview (g_build_filename (dir, "missing.jpg", NULL), 16, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* The posted copy: a detailed 3000×2250 photo comes out under Bluesky's 1 MB, JPEG, no
   * larger than 2000 px, private; a small PNG stays PNG. */
  {
    g_autoptr(GdkPixbuf) busy = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 3000, 2250);
    g_autofree char *busy_path = g_build_filename (dir, "busy.png", NULL);
    g_autofree char *stem = g_build_filename (dir, "posted", NULL);
    g_autofree char *posted = NULL;
    g_autofree char *posted_png = NULL;
    g_autoptr(GdkPixbuf) back = NULL;
    guchar *px = gdk_pixbuf_get_pixels (busy);
    int stride = gdk_pixbuf_get_rowstride (busy);
    GStatBuf st;

    for (int y = 0; y < 2250; y++)
      for (int x = 0; x < 3000; x++)
        {
          guchar *q = px + y * stride + x * 3;
          q[0] = g_random_int () & 0xff;   /* noise: the hardest case for the encoder */
          q[1] = (x ^ y) & 0xff;
          q[2] = (x * y / 97) & 0xff;
        }
    g_assert_true (gdk_pixbuf_save (busy, busy_path, "png", &error, NULL));
    posted = sg_image_make_posted_copy (busy_path, stem, &error);
    g_assert_no_error (error);
    g_assert_true (g_str_has_suffix (posted, ".jpg"));
    g_assert_cmpint (g_stat (posted, &st), ==, 0);
    g_assert_cmpint (st.st_size, <=, SG_IMAGE_POSTED_MAX_BYTES);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    back = gdk_pixbuf_new_from_file (posted, &error);
    g_assert_cmpint (MAX (gdk_pixbuf_get_width (back), gdk_pixbuf_get_height (back)), <=, 2000);
    assert_clean (posted);

    posted_png = sg_image_make_posted_copy (make_photo ("small.png", "png"), stem, &error);
    g_assert_no_error (error);
    g_assert_true (g_str_has_suffix (posted_png, ".png"));
    assert_clean (posted_png);
  }
}

static void
test_places (void)
{
  g_autofree char *leeds = sg_places_describe (53.8008, -1.5491);
  g_autofree char *near_york = sg_places_describe (53.88, -1.20);
  g_autofree char *malaga = sg_places_describe (36.7213, -4.4214);
  g_autofree char *sea = sg_places_describe (50.0, -30.0);

  g_assert_cmpstr (leeds, ==, "near Leeds");
  g_assert_true (g_str_has_prefix (near_york, "about "));
  g_assert_nonnull (strstr (malaga, "(ES)"));
  g_assert_null (sea);   /* mid-Atlantic: nothing within 100 km */
}

static void
test_bad_files (void)
{
  g_autofree char *junk = g_build_filename (dir, "notes.jpg", NULL);
  g_autofree char *truncated = g_build_filename (dir, "truncated.jpg", NULL);
  g_autofree char *out = g_build_filename (dir, "out.jpg", NULL);
  g_autofree char *photo = make_photo ("whole.jpg", "jpeg");
  g_autofree char *bytes = NULL;
  gsize len;
  g_autoptr(GError) error = NULL;
  SgImageMetadata *m;

  g_assert_true (g_file_set_contents (junk, "Patient list, not a photo", -1, NULL));
  m = sg_image_metadata_read (junk, &error);
  g_assert_null (m);
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "notes.jpg"));
  g_clear_error (&error);
  g_assert_false (sg_image_strip (junk, out, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* Cut in the middle: either a clear error or a result, never a crash. */
  g_assert_true (g_file_get_contents (photo, &bytes, &len, NULL));
  g_assert_true (g_file_set_contents (truncated, bytes, len / 3, NULL));
  m = sg_image_metadata_read (truncated, &error);
  g_assert_true ((m == NULL) == (error != NULL));
  sg_image_metadata_free (m);
  g_clear_error (&error);
  if (!sg_image_strip (truncated, out, &error))
    g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT);
}

/* A 40000 × 40000 PNG in 80 bytes: only the header, which is all a decoder needs to try to
 * allocate 6 GB. Refused before decoding. */
static void
test_too_large (void)
{
  static const guchar ihdr[] = {
    'I', 'H', 'D', 'R', 0, 0, 0x9c, 0x40, 0, 0, 0x9c, 0x40, 8, 2, 0, 0, 0
  };
  static const guchar iend[] = { 0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82 };
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autofree char *path = g_build_filename (dir, "huge.png", NULL);
  g_autofree char *out = g_build_filename (dir, "huge-clean.png", NULL);
  g_autoptr(GError) error = NULL;
  guint32 crc = GUINT32_TO_BE (crc32 (0, ihdr, sizeof ihdr));
  guint32 len = GUINT32_TO_BE (13);

  g_byte_array_append (png, (const guint8 *) "\x89PNG\r\n\x1a\n", 8);
  g_byte_array_append (png, (const guint8 *) &len, 4);
  g_byte_array_append (png, ihdr, sizeof ihdr);
  g_byte_array_append (png, (const guint8 *) &crc, 4);
  {
    /* An IDAT, so the decoder gets past the header and reports the size. */
    static const guchar idat[] = { 'I', 'D', 'A', 'T', 0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01 };
    guint32 idat_len = GUINT32_TO_BE (sizeof idat - 4);
    guint32 idat_crc = GUINT32_TO_BE (crc32 (0, idat, sizeof idat));

    g_byte_array_append (png, (const guint8 *) &idat_len, 4);
    g_byte_array_append (png, idat, sizeof idat);
    g_byte_array_append (png, (const guint8 *) &idat_crc, 4);
  }
  g_byte_array_append (png, iend, sizeof iend);
  g_assert_true (g_file_set_contents (path, (const char *) png->data, png->len, NULL));

  g_assert_false (sg_image_strip (path, out, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "40000 × 40000"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static gsize
peak_memory_kib (void)
{
  g_autofree char *status = NULL;
  const char *hwm;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  hwm = strstr (status, "VmHWM:");
  g_assert_nonnull (hwm);
  return g_ascii_strtoull (hwm + 6, NULL, 10);
}

/* A chunk claiming 1.7 GB in a small PNG (found by fuzzing): refused as damaged before the
 * decoder allocates what the chunk claims. */
static void
test_lying_chunk (void)
{
  g_autoptr(GdkPixbuf) p = make_pixbuf ();
  g_autofree char *path = g_build_filename (dir, "lying.png", NULL);
  g_autofree char *out = g_build_filename (dir, "lying-clean.png", NULL);
  g_autofree char *bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_assert_true (gdk_pixbuf_save (p, path, "png", &error, NULL));
  g_assert_true (g_file_get_contents (path, &bytes, &len, NULL));
  /* The chunk after IHDR (8 + 25 bytes in): its length becomes 0x6900008a. */
  bytes[33] = 0x69;
  bytes[36] = (char) 0x8a;
  g_assert_true (g_file_set_contents (path, bytes, len, NULL));

  g_assert_false (sg_image_strip (path, out, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_assert_cmpuint (peak_memory_kib (), <, 200 * 1024);
}

/* Found by the fuzzer: a 192-byte JPEG whose frame header claims 65267 × 62719 pixels and
 * whose size the loader cannot report; decoding it asked for 12 GB. Now refused first. */
static void
test_huge_frame (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "huge-sof.jpg", NULL);
  g_autofree char *out = g_build_filename (dir, "huge-clean.jpg", NULL);
  g_autofree char *stem = g_build_filename (dir, "huge-posted", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_false (sg_image_strip (path, out, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (sg_image_load_preview (path, 144, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (sg_image_make_posted_copy (path, stem, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "could not be opened as an image"));
  g_assert_cmpuint (peak_memory_kib (), <, 200 * 1024);
}

/* Found by the fuzzer: a damaged 316-byte, 16×12 JPEG that the loader, asked to enlarge it
 * for a preview, decoded forever. Previews never enlarge now; this returns at once (a hang
 * would fail by meson's timeout). */
static void
test_upscale_loop (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "upscale-loop.jpg", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) preview = NULL;
  gint64 start = g_get_monotonic_time ();

  preview = sg_image_load_preview (path, 144, &error);
  g_assert_true (preview != NULL || error != NULL);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

/* A photo whose GPS block has latitude and longitude but no altitude (common after editing
 * tools) is still located. */
static void
test_gps_without_altitude (void)
{
  g_autofree char *path = make_photo ("no-altitude.jpg", "jpeg");
  g_autoptr(GExiv2Metadata) meta = gexiv2_metadata_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SgImageMetadata) m = NULL;

  g_assert_true (gexiv2_metadata_open_path (meta, path, &error));
  gexiv2_metadata_try_clear_tag (meta, "Exif.GPSInfo.GPSAltitude", &error);
  gexiv2_metadata_try_clear_tag (meta, "Exif.GPSInfo.GPSAltitudeRef", &error);
  g_assert_no_error (error);
  g_assert_true (gexiv2_metadata_save_file (meta, path, &error));
  g_clear_object (&meta);

  meta = gexiv2_metadata_new ();
  g_assert_true (gexiv2_metadata_open_path (meta, path, &error));
  g_assert_false (gexiv2_metadata_try_has_tag (meta, "Exif.GPSInfo.GPSAltitude", NULL));
  g_assert_false (gexiv2_metadata_try_get_gps_info (meta, &(double){ 0 }, &(double){ 0 },
                                                    &(double){ 0 }, NULL));

  m = sg_image_metadata_read (path, &error);
  g_assert_no_error (error);
  g_assert_true (m->has_location);
  g_assert_cmpfloat_with_epsilon (m->latitude, 53.4808, 0.0001);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("sg-image-XXXXXX", NULL);

  g_test_add_func ("/sg/image/read", test_read);
  g_test_add_func ("/sg/image/gps-without-altitude", test_gps_without_altitude);
  g_test_add_data_func ("/sg/image/strip-jpeg", "jpeg", test_strip);
  g_test_add_data_func ("/sg/image/strip-png", "png", test_strip);
  g_test_add_data_func ("/sg/image/strip-webp", "webp", test_strip);
  g_test_add_func ("/sg/image/heic", test_heic);
  g_test_add_func ("/sg/image/places", test_places);
  g_test_add_func ("/sg/image/huge-frame", test_huge_frame);
  g_test_add_func ("/sg/image/upscale-loop", test_upscale_loop);
  g_test_add_func ("/sg/image/smaller", test_smaller);
  g_test_add_func ("/sg/image/bad-files", test_bad_files);
  g_test_add_func ("/sg/image/too-large", test_too_large);
  g_test_add_func ("/sg/image/lying-chunk", test_lying_chunk);
  ret = g_test_run ();

  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);
        g_remove (p);
      }
    g_rmdir (dir);
  }
  g_free (dir);
  return ret;
}
