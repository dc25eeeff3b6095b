/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Where the clean copies go when the user attaches them by hand. The Pictures folder rather
 * than the app's hidden data or cache folder: that is where a doctor looks for a photo, the
 * first place a browser's "add photo" dialog offers, and a folder that browsers installed as
 * Snap or Flatpak packages may read (hidden folders they may not). Only clean copies are ever
 * written there, and each post gets its own folder so the right ones are easy to pick. */
#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sg-error.h"
#include "sg-image-metadata.h"
#include "sg-photo-handover.h"

static char *
pictures_dir (void)
{
  const char *pictures = g_get_user_special_dir (G_USER_DIRECTORY_PICTURES);

  return pictures != NULL ? g_strdup (pictures)
                          : g_build_filename (g_get_home_dir (), "Pictures", NULL);
}

char *
sg_photo_handover_make_folder (const char  *platform_name,
                               GError     **error)
{
  g_autofree char *pictures = pictures_dir ();
  g_autofree char *base = g_build_filename (pictures, "SocialGuard", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d %H.%M");
  g_autofree char *platform = g_strdup (platform_name != NULL ? platform_name : "");

  /* A name that is a folder name everywhere. */
  g_strdelimit (platform, "/\\:", '-');
  if (g_mkdir_with_parents (base, 0700) != 0 || g_chmod (base, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, SG_ERROR, SG_ERROR_FAILED,
                   _("The folder for the clean copies could not be made in Pictures (%s)."),
                   g_strerror (saved));
      return NULL;
    }
  /* Two posts in the same minute get folders of their own. */
  for (guint n = 1; n < 100; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup_printf ("%s %s", stamp, platform)
                                     : g_strdup_printf ("%s %s (%u)", stamp, platform, n);
      g_autofree char *folder = g_build_filename (base, g_strstrip (name), NULL);

      if (g_mkdir (folder, 0700) == 0)
        return g_steal_pointer (&folder);
      if (errno != EEXIST)
        {
          int saved = errno;

          g_set_error (error, SG_ERROR, SG_ERROR_FAILED,
                       _("The folder for the clean copies could not be made in Pictures (%s)."),
                       g_strerror (saved));
          return NULL;
        }
    }
  g_set_error_literal (error, SG_ERROR, SG_ERROR_FAILED,
                       _("The folder for the clean copies could not be made in Pictures."));
  return NULL;
}

static gboolean
copy_private (const char  *from,
              const char  *to,
              GError     **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  return g_file_get_contents (from, &data, &length, error) &&
         g_file_set_contents_full (to, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

char *
sg_photo_handover_write (const SgDraftPhoto  *photo,
                         guint                position,
                         const char          *folder,
                         GError             **error)
{
  g_autofree char *stem = NULL;
  g_autofree char *out = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(SgImageMetadata) written = NULL;

  g_return_val_if_fail (photo != NULL && folder != NULL, NULL);

  /* Translators: the name of a file handed to the user, "Photo 1.jpg"; no slashes. */
  name = g_strdup_printf (_("Photo %u"), position + 1);
  stem = g_build_filename (folder, name, NULL);
  if (photo->clean_path != NULL && g_file_test (photo->clean_path, G_FILE_TEST_IS_REGULAR))
    {
      /* The copy the user cleaned and looked at: the same pixels go out. */
      out = g_strconcat (stem, g_str_has_suffix (photo->clean_path, ".png") ? ".png" : ".jpg",
                         NULL);
      if (!copy_private (photo->clean_path, out, &local))
        g_clear_pointer (&out, g_free);
    }
  else if (!g_file_test (photo->original_path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *base = g_path_get_basename (photo->original_path);

      g_set_error (&local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("“%s” is no longer where it was attached from; it may have been moved or "
                     "deleted. Attach it again in Compose."), base);
    }
  else
    out = sg_image_make_posted_copy (photo->original_path, stem, &local);

  if (out == NULL)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                   _("Photo %u could not be cleaned, so it is not offered here: %s"),
                   position + 1, local->message);
      return NULL;
    }

  /* Read back what was written: whatever went wrong, only a file with nothing in it leaves. */
  written = sg_image_metadata_read (out, NULL);
  if (written == NULL || sg_image_metadata_get_facts (written) != 0 || written->n_tags > 0)
    {
      g_unlink (out);
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_INPUT,
                   _("Photo %u could not be cleaned, so it is not offered here."), position + 1);
      return NULL;
    }
  return g_steal_pointer (&out);
}

char *
sg_photo_handover_describe_folder (const char *folder)
{
  g_autofree char *pictures = pictures_dir ();
  g_autofree char *name = g_path_get_basename (folder);
  g_autofree char *pictures_name = g_path_get_basename (pictures);

  /* Translators: where the clean copies are: "Pictures › SocialGuard › 2026-12-06 21.30 X". */
  return g_strdup_printf (_("%s › SocialGuard › %s"), pictures_name, name);
}
