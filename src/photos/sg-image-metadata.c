/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading is done by gexiv2 (Exiv2), not by hand: image formats are where parsers get
 * exploited. Stripping re-encodes the pixels with gdk-pixbuf, which writes no metadata at all,
 * so nothing can survive by being in a block we did not know about. */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gexiv2/gexiv2.h>
#include <glib/gi18n-lib.h>
#include <gmodule.h>

#include "sg-error.h"
#include <libheif/heif.h>

#include "sg-image-metadata.h"
#include "sg-places.h"

/* gexiv2 (Exiv2) and libheif are opened on first use, on the worker that reads a photo, not
 * linked: with the codecs libheif pulls in (x265, libde265, aom, dav1d) and libstdc++ they cost
 * every start of the app several milliseconds of loading and libheif's start-up tables
 * (a quarter of a bare window's instructions before main), while most drafts have no photo. */
#define SG_PHOTO_FUNCS(X) \
  X (gexiv2_initialize) X (gexiv2_log_set_level) X (gexiv2_metadata_new) \
  X (gexiv2_metadata_open_path) X (gexiv2_metadata_get_exif_tags) \
  X (gexiv2_metadata_get_xmp_tags) X (gexiv2_metadata_get_iptc_tags) \
  X (gexiv2_metadata_from_app1_segment) X (gexiv2_metadata_try_has_tag) \
  X (gexiv2_metadata_try_get_tag_string) X (gexiv2_metadata_try_get_gps_longitude) \
  X (gexiv2_metadata_try_get_gps_latitude) X (gexiv2_metadata_get_exif_thumbnail) \
  X (gexiv2_metadata_try_get_orientation)
#define SG_HEIF_FUNCS(X) \
  X (heif_context_alloc) X (heif_context_free) X (heif_context_read_from_file) \
  X (heif_context_get_primary_image_handle) X (heif_image_handle_release) \
  X (heif_image_handle_get_number_of_metadata_blocks) \
  X (heif_image_handle_get_list_of_metadata_block_IDs) X (heif_image_handle_get_metadata_size) \
  X (heif_image_handle_get_metadata)

#define SG_DECLARE_LAZY(fn) static __typeof__ (fn) *lazy_##fn;
SG_PHOTO_FUNCS (SG_DECLARE_LAZY)
SG_HEIF_FUNCS (SG_DECLARE_LAZY)

#define gexiv2_initialize lazy_gexiv2_initialize
#define gexiv2_log_set_level lazy_gexiv2_log_set_level
#define gexiv2_metadata_new lazy_gexiv2_metadata_new
#define gexiv2_metadata_open_path lazy_gexiv2_metadata_open_path
#define gexiv2_metadata_get_exif_tags lazy_gexiv2_metadata_get_exif_tags
#define gexiv2_metadata_get_xmp_tags lazy_gexiv2_metadata_get_xmp_tags
#define gexiv2_metadata_get_iptc_tags lazy_gexiv2_metadata_get_iptc_tags
#define gexiv2_metadata_from_app1_segment lazy_gexiv2_metadata_from_app1_segment
#define gexiv2_metadata_try_has_tag lazy_gexiv2_metadata_try_has_tag
#define gexiv2_metadata_try_get_tag_string lazy_gexiv2_metadata_try_get_tag_string
#define gexiv2_metadata_try_get_gps_longitude lazy_gexiv2_metadata_try_get_gps_longitude
#define gexiv2_metadata_try_get_gps_latitude lazy_gexiv2_metadata_try_get_gps_latitude
#define gexiv2_metadata_get_exif_thumbnail lazy_gexiv2_metadata_get_exif_thumbnail
#define gexiv2_metadata_try_get_orientation lazy_gexiv2_metadata_try_get_orientation
#define heif_context_alloc lazy_heif_context_alloc
#define heif_context_free lazy_heif_context_free
#define heif_context_read_from_file lazy_heif_context_read_from_file
#define heif_context_get_primary_image_handle lazy_heif_context_get_primary_image_handle
#define heif_image_handle_release lazy_heif_image_handle_release
#define heif_image_handle_get_number_of_metadata_blocks lazy_heif_image_handle_get_number_of_metadata_blocks
#define heif_image_handle_get_list_of_metadata_block_IDs lazy_heif_image_handle_get_list_of_metadata_block_IDs
#define heif_image_handle_get_metadata_size lazy_heif_image_handle_get_metadata_size
#define heif_image_handle_get_metadata lazy_heif_image_handle_get_metadata

/* The file names are the libraries' ABI (their sonames), which the headers we build with
 * belong to; SG_GEXIV2_SONAME and SG_HEIF_SONAME come from meson. */
static gboolean
open_library (const char  *soname,
              GModule    **module)
{
  *module = g_module_open (soname, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  return *module != NULL;
}

/* libheif is optional: without it a HEIC photo's details are said to be unreadable (and the
 * clean copy recommended), while every other photo is still read with Exiv2. */
static gboolean heif_available;

/* NULL when Exiv2 (gexiv2) is there, else the name of what is missing: photos then cannot be
 * checked, which is said, not hidden. */
static const char *
ensure_initialised (void)
{
  static gsize done;
  static const char *missing;

  if (g_once_init_enter (&done))
    {
      GModule *gexiv2 = NULL, *heif = NULL;
      gboolean ok = TRUE;

      if (!open_library (SG_GEXIV2_SONAME, &gexiv2))
        missing = SG_GEXIV2_SONAME;
      if (missing == NULL)
        {
#define SG_LOOKUP_GEXIV2(fn) ok = ok && g_module_symbol (gexiv2, #fn, (gpointer *) &lazy_##fn);
#define SG_LOOKUP_HEIF(fn) ok = ok && g_module_symbol (heif, #fn, (gpointer *) &lazy_##fn);
          SG_PHOTO_FUNCS (SG_LOOKUP_GEXIV2)
          if (!ok)
            missing = SG_GEXIV2_SONAME;
        }
      if (missing == NULL)
        {
          gexiv2_initialize ();
          /* Exiv2 reports damaged files on stderr; we report them to the user instead. */
          gexiv2_log_set_level (GEXIV2_LOG_LEVEL_MUTE);
          if (open_library (SG_HEIF_SONAME, &heif))
            {
              ok = TRUE;
              SG_HEIF_FUNCS (SG_LOOKUP_HEIF)
              heif_available = ok;
            }
          if (!heif_available)
            g_debug ("%s could not be opened: HEIC details will be reported unreadable",
                     SG_HEIF_SONAME);
        }
      /* The modules stay open for the life of the process, as a linked library would. */
      g_once_init_leave (&done, 1);
    }
  return missing;
}

void
sg_image_metadata_free (SgImageMetadata *m)
{
  if (m == NULL)
    return;
  g_free (m->taken_at);
  g_free (m->owner);
  g_free (m->serial);
  g_free (m->device);
  g_free (m->software);
  g_free (m);
}

/* The first of @tags that is set and not blank. */
static char *
first_tag (GExiv2Metadata     *meta,
           const char * const *tags)
{
  for (guint i = 0; tags[i] != NULL; i++)
    {
      g_autofree char *value = NULL;

      if (!gexiv2_metadata_try_has_tag (meta, tags[i], NULL))
        continue;
      value = gexiv2_metadata_try_get_tag_string (meta, tags[i], NULL);
      if (value != NULL && *g_strstrip (value) != '\0' && g_utf8_validate (value, -1, NULL))
        return g_steal_pointer (&value);
    }
  return NULL;
}

static guint
count (char **tags)
{
  guint n = tags ? g_strv_length (tags) : 0;
  g_strfreev (tags);
  return n;
}

/* HEIF (HEIC from iPhones, AVIF): Exiv2 0.27 finds the Exif block of some of these files and
 * not of others, so an empty answer proves nothing. */
static gboolean
is_heif (const char *path)
{
  static const char * const brands[] = { "heic", "heix", "hevc", "hevx", "heim", "heis", "mif1",
                                         "mif2", "msf1", "miaf", "MiHE", "MiHB", "avif", "avis",
                                         NULL };
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, NULL);
  guchar head[64] = { 0 };
  gsize n = 0, box;

  if (in == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (in), head, sizeof head, &n, NULL, NULL) ||
      n < 16 || memcmp (head + 4, "ftyp", 4) != 0)
    return FALSE;
  /* The major brand at 8, then the compatible brands to the end of the ftyp box. */
  box = MIN (n, (gsize) (head[0] << 24 | head[1] << 16 | head[2] << 8 | head[3]));
  for (gsize at = 8; at + 4 <= box; at += at == 8 ? 8 : 4)
    for (guint i = 0; brands[i] != NULL; i++)
      if (memcmp (head + at, brands[i], 4) == 0)
        return TRUE;
  return FALSE;
}

/* The Exif block of a HEIF file, read with libheif (which Exiv2 0.27 often cannot), as an
 * APP1 segment ("Exif\0\0" and the TIFF data) for gexiv2; NULL if there is none. Only the
 * container is parsed, never the picture. */
#define MAX_EXIF_BYTES (1024 * 1024)

static GBytes *
heif_exif (const char *path,
           gboolean   *none)
{
  struct heif_context *ctx;
  struct heif_image_handle *handle = NULL;
  GBytes *app1 = NULL;
  heif_item_id id;

  *none = FALSE;
  if (!heif_available || (ctx = heif_context_alloc ()) == NULL)
    return NULL;
  if (heif_context_read_from_file (ctx, path, NULL).code == heif_error_Ok &&
      heif_context_get_primary_image_handle (ctx, &handle).code == heif_error_Ok)
    /* No metadata blocks at all (no Exif, no XMP): certainly nothing hidden. */
    *none = heif_image_handle_get_number_of_metadata_blocks (handle, NULL) == 0;
  if (handle != NULL &&
      heif_image_handle_get_list_of_metadata_block_IDs (handle, "Exif", &id, 1) == 1)
    {
      size_t size = heif_image_handle_get_metadata_size (handle, id);
      g_autofree guint8 *raw = size >= 4 && size <= MAX_EXIF_BYTES ? g_malloc (size) : NULL;

      /* The block starts with the offset of the TIFF header, big-endian. */
      if (raw != NULL && heif_image_handle_get_metadata (handle, id, raw).code == heif_error_Ok)
        {
          guint32 offset = (guint32) raw[0] << 24 | raw[1] << 16 | raw[2] << 8 | raw[3];

          if (offset <= size - 4)
            {
              GByteArray *seg = g_byte_array_new ();

              g_byte_array_append (seg, (const guint8 *) "Exif\0\0", 6);
              g_byte_array_append (seg, raw + 4 + offset, size - 4 - offset);
              app1 = g_byte_array_free_to_bytes (seg);
            }
        }
    }
  if (handle != NULL)
    heif_image_handle_release (handle);
  heif_context_free (ctx);
  return app1;
}

SgImageMetadata *
sg_image_metadata_read (const char  *path,
                        GError     **error)
{
  static const char * const date_tags[] = {
    "Exif.Photo.DateTimeOriginal", "Exif.Image.DateTime", "Xmp.exif.DateTimeOriginal",
    "Xmp.xmp.CreateDate", "Iptc.Application2.DateCreated", NULL
  };
  static const char * const owner_tags[] = {
    "Exif.Photo.CameraOwnerName", "Exif.Image.Artist", "Xmp.dc.creator", "Exif.Image.Copyright",
    "Iptc.Application2.Byline", "Xmp.aux.OwnerName", NULL
  };
  static const char * const serial_tags[] = {
    "Exif.Photo.BodySerialNumber", "Exif.Canon.SerialNumber", "Exif.Nikon3.SerialNumber",
    "Xmp.aux.SerialNumber", "Exif.Photo.LensSerialNumber", NULL
  };
  static const char * const software_tags[] = { "Exif.Image.Software", "Xmp.xmp.CreatorTool", NULL };
  g_autoptr(GExiv2Metadata) meta = NULL;
  g_autoptr(GError) local = NULL;
  SgImageMetadata *m;
  guint8 *thumb = NULL;
  gint thumb_size = 0;
  gboolean heif_read = FALSE;
  gboolean no_exif;
  const char *missing;

  if ((missing = ensure_initialised ()) != NULL)
    {
      g_debug ("%s could not be opened", missing);
      g_set_error_literal (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                           _("Photos cannot be checked: the part of SocialGuard that reads their "
                             "hidden details is missing. Reinstall SocialGuard; the photo was "
                             "not changed."));
      return NULL;
    }
  meta = gexiv2_metadata_new ();
  if (!gexiv2_metadata_open_path (meta, path, &local))
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                   _("“%s” could not be read as an image (%s). It may be damaged or of a kind "
                     "SocialGuard cannot check; it was not changed."), name, local->message);
      return NULL;
    }

  /* HEIF (iPhone photos): what Exiv2 cannot find, libheif can. */
  {
    g_auto(GStrv) exif = gexiv2_metadata_get_exif_tags (meta);
    no_exif = exif == NULL || exif[0] == NULL;
  }
  if (no_exif && is_heif (path))
    {
      gboolean none = FALSE;
      g_autoptr(GBytes) app1 = heif_exif (path, &none);

      heif_read = none;
      if (app1 != NULL)
        {
          g_autoptr(GExiv2Metadata) from_heif = gexiv2_metadata_new ();
          gsize n;
          const guint8 *data = g_bytes_get_data (app1, &n);

          if (gexiv2_metadata_from_app1_segment (from_heif, data, n, NULL))
            {
              g_object_unref (meta);
              meta = g_steal_pointer (&from_heif);
              heif_read = TRUE;
            }
        }
    }

  m = g_new0 (SgImageMetadata, 1);
  /* Latitude and longitude alone place a photo: try_get_gps_info() also wants an altitude,
   * which many cameras and editing tools leave out. */
  m->has_location = gexiv2_metadata_try_get_gps_longitude (meta, &m->longitude, NULL) &&
                    gexiv2_metadata_try_get_gps_latitude (meta, &m->latitude, NULL);
  /* Exiv2 reports 0,0 for a GPS block with no fix. */
  if (m->has_location && m->latitude == 0 && m->longitude == 0)
    m->has_location = FALSE;
  m->taken_at = first_tag (meta, date_tags);
  m->owner = first_tag (meta, owner_tags);
  m->serial = first_tag (meta, serial_tags);
  m->software = first_tag (meta, software_tags);
  {
    g_autofree char *make = first_tag (meta, (const char *[]) { "Exif.Image.Make", NULL });
    g_autofree char *model = first_tag (meta, (const char *[]) { "Exif.Image.Model", NULL });
    if (make || model)
      m->device = g_strstrip (g_strdup_printf ("%s %s", make ? make : "", model ? model : ""));
  }
  if (gexiv2_metadata_get_exif_thumbnail (meta, &thumb, &thumb_size) && thumb_size > 0)
    m->has_thumbnail = TRUE;
  g_free (thumb);
  m->orientation = gexiv2_metadata_try_get_orientation (meta, NULL);
  if (m->orientation < 1 || m->orientation > 8)
    m->orientation = 1;
  m->n_tags = count (gexiv2_metadata_get_exif_tags (meta)) +
              count (gexiv2_metadata_get_xmp_tags (meta)) +
              count (gexiv2_metadata_get_iptc_tags (meta));
  /* A HEIF file whose details neither library could read may still carry a location. */
  m->unreadable = !heif_read && m->n_tags == 0 && is_heif (path);
  return m;
}

GStrv
sg_image_metadata_describe (const SgImageMetadata *m)
{
  GPtrArray *b = g_ptr_array_new ();

  if (m->has_location)
    {
      g_autofree char *place = sg_places_describe (m->latitude, m->longitude);

      /* Said in words from the table shipped with the app: nothing is looked up online. */
      if (place != NULL)
        g_ptr_array_add (b, g_strdup_printf (_("Where it was taken: %s (%.5f, %.5f). Anyone who "
                                               "saves the photo can see this."),
                                             place, m->latitude, m->longitude));
      else
        g_ptr_array_add (b, g_strdup_printf (_("Where it was taken: %.5f, %.5f (latitude, "
                                               "longitude). Anyone who saves the photo can see "
                                               "this."), m->latitude, m->longitude));
    }
  if (m->taken_at != NULL)
    g_ptr_array_add (b, g_strdup_printf (_("When it was taken: %s"), m->taken_at));
  if (m->owner != NULL)
    g_ptr_array_add (b, g_strdup_printf (_("A name: %s"), m->owner));
  if (m->serial != NULL)
    g_ptr_array_add (b, g_strdup_printf (_("The camera’s serial number: %s"), m->serial));
  if (m->device != NULL)
    g_ptr_array_add (b, g_strdup_printf (_("The device: %s"), m->device));
  if (m->software != NULL)
    g_ptr_array_add (b, g_strdup_printf (_("The software: %s"), m->software));
  if (m->has_thumbnail)
    g_ptr_array_add (b, g_strdup (_("A small preview copy, which can still show parts you cropped out.")));
  if (m->unreadable)
    g_ptr_array_add (b, g_strdup (_("SocialGuard cannot read the hidden details of this kind of "
                                    "photo (HEIC or AVIF), so it may record where it was taken. "
                                    "Post the clean copy to be safe.")));
  g_ptr_array_add (b, NULL);
  return (GStrv) g_ptr_array_free (b, FALSE);
}

char *
sg_image_metadata_map_url (const SgImageMetadata *m)
{
  char lat[G_ASCII_DTOSTR_BUF_SIZE], lon[G_ASCII_DTOSTR_BUF_SIZE];

  if (!m->has_location)
    return NULL;
  g_ascii_formatd (lat, sizeof lat, "%.5f", m->latitude);
  g_ascii_formatd (lon, sizeof lon, "%.5f", m->longitude);
  return g_strdup_printf ("https://www.openstreetmap.org/?mlat=%s&mlon=%s#map=16/%s/%s",
                          lat, lon, lat, lon);
}

/* libpng allocates what a chunk's length field claims before finding the file too short, so
 * a damaged 300-byte PNG can cost gigabytes. Every chunk must fit in the file. */
static gboolean
png_chunks_fit (const char *path)
{
  g_autoptr(GMappedFile) map = g_mapped_file_new (path, FALSE, NULL);
  const guchar *data;
  gsize size, at = 8;

  if (map == NULL)
    return TRUE;   /* the decoder will say what is wrong */
  data = (const guchar *) g_mapped_file_get_contents (map);
  size = g_mapped_file_get_length (map);
  if (size < 8 || memcmp (data, "\x89PNG\r\n\x1a\n", 8) != 0)
    return TRUE;   /* not a PNG */
  while (at + 12 <= size)
    {
      guint32 len = (guint32) data[at] << 24 | data[at + 1] << 16 | data[at + 2] << 8 | data[at + 3];

      if (len > size - at - 12)
        return FALSE;
      if (memcmp (data + at + 4, "IEND", 4) == 0)
        return TRUE;
      at += 12 + (gsize) len;
    }
  return at == size;
}

/* EXIF orientation 1–8 applied to the pixels. */
static GdkPixbuf *
orient (GdkPixbuf *p,
        guint      orientation)
{
  g_autoptr(GdkPixbuf) tmp = NULL;

  switch (orientation)
    {
    case 2: return gdk_pixbuf_flip (p, TRUE);
    case 3: return gdk_pixbuf_rotate_simple (p, GDK_PIXBUF_ROTATE_UPSIDEDOWN);
    case 4: return gdk_pixbuf_flip (p, FALSE);
    case 5:
      tmp = gdk_pixbuf_rotate_simple (p, GDK_PIXBUF_ROTATE_CLOCKWISE);
      return gdk_pixbuf_flip (tmp, TRUE);
    case 6: return gdk_pixbuf_rotate_simple (p, GDK_PIXBUF_ROTATE_CLOCKWISE);
    case 7:
      tmp = gdk_pixbuf_rotate_simple (p, GDK_PIXBUF_ROTATE_COUNTERCLOCKWISE);
      return gdk_pixbuf_flip (tmp, TRUE);
    case 8: return gdk_pixbuf_rotate_simple (p, GDK_PIXBUF_ROTATE_COUNTERCLOCKWISE);
    default: return g_object_ref (p);
    }
}

static gboolean check_before_decoding (const char *path, GError **error);

GdkPixbuf *
sg_image_load_preview (const char  *path,
                       int          size,
                       GError     **error)
{
  g_autoptr(GdkPixbuf) scaled = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *name = g_filename_display_basename (path);
  gint width = 0, height = 0;

  if (!check_before_decoding (path, error))
    return NULL;
  /* Only ever ask the loader to shrink: asked to enlarge a small damaged JPEG, gdk-pixbuf
   * and libjpeg were found (by fuzzing) to loop for good. A small picture is shown as is. */
  gdk_pixbuf_get_file_info (path, &width, &height);
  if (width <= size && height <= size)
    scaled = gdk_pixbuf_new_from_file (path, &local);
  else
    scaled = gdk_pixbuf_new_from_file_at_scale (path, size, size, TRUE, &local);
  if (scaled == NULL)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                   _("“%s” could not be opened as an image (%s)."), name, local->message);
      return NULL;
    }
  return gdk_pixbuf_apply_embedded_orientation (scaled);
}

gboolean
sg_image_strip (const char  *path,
                const char  *out,
                GError     **error)
{
  return sg_image_strip_full (path, out, 0, error);
}

guint
sg_image_metadata_get_facts (const SgImageMetadata *m)
{
  return (m->has_location ? SG_IMAGE_FACT_LOCATION : 0) |
         (m->owner ? SG_IMAGE_FACT_OWNER : 0) |
         (m->serial ? SG_IMAGE_FACT_SERIAL : 0) |
         (m->device ? SG_IMAGE_FACT_DEVICE : 0) |
         (m->software ? SG_IMAGE_FACT_SOFTWARE : 0) |
         (m->has_thumbnail ? SG_IMAGE_FACT_THUMBNAIL : 0) |
         (m->taken_at ? SG_IMAGE_FACT_TAKEN_AT : 0) |
         (m->unreadable ? SG_IMAGE_FACT_UNREADABLE : 0);
}

/* A header can claim any size, and a damaged one may not say at all: refuse both before
 * decoding, rather than let the decoder allocate gigabytes (a 192-byte JPEG found by the
 * fuzzer asked for 12 GB). Then check PNG chunk lengths, for the same reason. */
static gboolean
check_before_decoding (const char  *path,
                       GError     **error)
{
  g_autofree char *name = g_filename_display_basename (path);
  gint width = -1, height = -1;

  if (gdk_pixbuf_get_file_info (path, &width, &height) == NULL || width <= 0 || height <= 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                   _("“%s” could not be opened as an image: it may be damaged or of a kind "
                     "SocialGuard cannot read. Export it as JPEG or PNG and try again; the "
                     "original was not changed."), name);
      return FALSE;
    }
  if ((gint64) width * height > SG_IMAGE_MAX_PIXELS)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                   _("“%s” is too large to clean here (%d × %d pixels). Make a smaller copy in "
                     "your photo app first; the original was not changed."), name, width, height);
      return FALSE;
    }
  if (!png_chunks_fit (path))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                   _("“%s” could not be cleaned: the file is damaged (cut short or corrupted). "
                     "Export it again from your photo app; the original was not changed."), name);
      return FALSE;
    }
  return TRUE;
}

/* Decoded, orientation applied to the pixels, no larger than @max_edge (0: as it is). */
static GdkPixbuf *
load_upright (const char  *path,
              guint        max_edge,
              gboolean    *png,
              GError     **error)
{
  g_autoptr(GdkPixbuf) original = NULL;
  g_autoptr(GdkPixbuf) upright = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *name = g_filename_display_basename (path);
  GdkPixbufFormat *format;

  if (!check_before_decoding (path, error))
    return NULL;
  format = gdk_pixbuf_get_file_info (path, NULL, NULL);
  original = gdk_pixbuf_new_from_file (path, &local);
  if (original == NULL)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                   _("“%s” could not be cleaned: it could not be opened as an image (%s). "
                     "Export it as JPEG or PNG and try again; the original was not changed."),
                   name, local->message);
      return NULL;
    }
  /* Orientation into the pixels, so the clean copy looks the same without the tag. The
   * loaders report it for JPEG and TIFF only; for the rest ask Exiv2. */
  if (gdk_pixbuf_get_option (original, "orientation") != NULL)
    upright = gdk_pixbuf_apply_embedded_orientation (original);
  else
    {
      guint orientation = 1;

      /* Without Exiv2 the copy keeps the pixels as stored: still clean, maybe turned. */
      if (ensure_initialised () == NULL)
        {
          g_autoptr(GExiv2Metadata) meta = gexiv2_metadata_new ();

          if (gexiv2_metadata_open_path (meta, path, NULL))
            orientation = gexiv2_metadata_try_get_orientation (meta, NULL);
        }
      upright = orient (original, orientation);
    }
  {
    g_autofree char *format_name = format ? gdk_pixbuf_format_get_name (format) : NULL;
    *png = g_strcmp0 (format_name, "png") == 0;
  }
  if (max_edge > 0 && MAX (gdk_pixbuf_get_width (upright), gdk_pixbuf_get_height (upright)) > (int) max_edge)
    {
      int w = gdk_pixbuf_get_width (upright), h = gdk_pixbuf_get_height (upright);
      double scale = (double) max_edge / MAX (w, h);
      GdkPixbuf *smaller = gdk_pixbuf_scale_simple (upright, MAX (1, (int) (w * scale + 0.5)),
                                                    MAX (1, (int) (h * scale + 0.5)),
                                                    GDK_INTERP_BILINEAR);

      if (smaller != NULL)
        {
          g_object_unref (upright);
          upright = smaller;
        }
    }
  return g_steal_pointer (&upright);
}

gboolean
sg_image_strip_full (const char  *path,
                     const char  *out,
                     guint        max_edge,
                     GError     **error)
{
  g_autoptr(GdkPixbuf) upright = NULL;
  g_autoptr(GError) local = NULL;
  gboolean png = FALSE;

  if ((upright = load_upright (path, max_edge, &png, error)) == NULL)
    return FALSE;
  if (!(png ? gdk_pixbuf_save (upright, out, "png", &local, NULL)
            : gdk_pixbuf_save (upright, out, "jpeg", &local,
                               "quality", max_edge > 0 ? "85" : "92", NULL)))
    {
      g_autofree char *name = g_filename_display_basename (path);

      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                   _("The clean copy of “%s” could not be written (%s)."), name, local->message);
      return FALSE;
    }
  return TRUE;
}

char *
sg_image_make_posted_copy (const char  *path,
                           const char  *out_stem,
                           GError     **error)
{
  g_autoptr(GdkPixbuf) upright = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *name = g_filename_display_basename (path);
  gboolean png = FALSE;

  if ((upright = load_upright (path, SG_IMAGE_POSTED_MAX_EDGE, &png, error)) == NULL)
    return NULL;

  /* PNG (a screenshot, sharp text) if it fits; else JPEG, less fine, then smaller, until it
   * fits. Most phone photos fit at the first try. */
  for (guint round = 0; round < 4; round++)
    {
      static const char * const qualities[] = { "85", "75", "65" };

      for (int q = png ? -1 : 0; q < (int) G_N_ELEMENTS (qualities); q++)
        {
          g_autofree char *data = NULL;
          g_autofree char *out = NULL;
          gsize len = 0;

          if (!(q < 0 ? gdk_pixbuf_save_to_buffer (upright, &data, &len, "png", &local, NULL)
                      : gdk_pixbuf_save_to_buffer (upright, &data, &len, "jpeg", &local,
                                                   "quality", qualities[q], NULL)))
            {
              g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                           _("The clean copy of “%s” could not be made (%s)."), name, local->message);
              return NULL;
            }
          if (len > SG_IMAGE_POSTED_MAX_BYTES)
            continue;
          out = g_strconcat (out_stem, q < 0 ? ".png" : ".jpg", NULL);
          if (!g_file_set_contents_full (out, data, len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local))
            {
              g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                           _("The clean copy of “%s” could not be written (%s)."), name, local->message);
              return NULL;
            }
          return g_steal_pointer (&out);
        }
      {
        int w = gdk_pixbuf_get_width (upright) * 3 / 4, h = gdk_pixbuf_get_height (upright) * 3 / 4;
        GdkPixbuf *smaller = gdk_pixbuf_scale_simple (upright, MAX (1, w), MAX (1, h), GDK_INTERP_BILINEAR);

        if (smaller == NULL)
          break;
        g_object_unref (upright);
        upright = smaller;
      }
    }
  g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
               _("A small enough clean copy of “%s” could not be made. Export a smaller copy in "
                 "your photo app and attach that instead."), name);
  return NULL;
}
