/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Renders the app icon's SVG to the PNG sizes shipped beside it in data/icons/hicolor, with
 * the same renderer GTK would use at run time (gdk-pixbuf's SVG loader, librsvg). Run it when
 * the SVG changes:
 *
 *   cc build-aux/render-app-icon.c -o /tmp/render-app-icon $(pkg-config --cflags --libs gdk-pixbuf-2.0)
 *   /tmp/render-app-icon data/icons/hicolor/scalable/apps/org.example.SocialGuard.svg data/icons/hicolor
 *
 * Why PNGs: on X11 GTK gives the window manager the window's icon as pixels, so the first
 * window rendered the SVG, and loading librsvg (with libxml2 and ICU) for it was a few
 * milliseconds of every start; with a PNG of each size the icon theme has an exact match. */
#include <gdk-pixbuf/gdk-pixbuf.h>

int
main (int    argc,
      char **argv)
{
  static const int sizes[] = { 16, 24, 32, 48, 64, 128, 256 };

  if (argc != 3)
    {
      g_printerr ("usage: %s ICON.svg HICOLOR-DIR\n", argv[0]);
      return 2;
    }
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file_at_size (argv[1], sizes[i],
                                                                        sizes[i], &error);
      g_autofree char *base = g_path_get_basename (argv[1]);
      g_autofree char *dir = g_strdup_printf ("%s/%dx%d/apps", argv[2], sizes[i], sizes[i]);
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;

      if (pixbuf == NULL)
        {
          g_printerr ("%s: %s\n", argv[1], error->message);
          return 1;
        }
      *strrchr (base, '.') = '\0';
      name = g_strconcat (base, ".png", NULL);
      path = g_build_filename (dir, name, NULL);
      g_mkdir_with_parents (dir, 0755);
      if (!gdk_pixbuf_save (pixbuf, path, "png", &error, NULL))
        {
          g_printerr ("%s: %s\n", path, error->message);
          return 1;
        }
      g_print ("%s\n", path);
    }
  return 0;
}
