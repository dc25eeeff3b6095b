/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sg-places.h"
#include "sg-platform.h"

typedef struct {
  char   *name;
  char    country[3];
  double  latitude;
  double  longitude;
} Place;

static GArray *
load_places (void)
{
  g_autofree char *path = g_build_filename (sg_get_data_dir (), "places.tsv", NULL);
  g_autofree char *contents = NULL;
  GArray *places = g_array_new (FALSE, FALSE, sizeof (Place));
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return places;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;
      Place p = { 0 };

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      f = g_strsplit (lines[i], "\t", 5);
      if (g_strv_length (f) != 4 || strlen (f[1]) != 2 || !g_utf8_validate (f[0], -1, NULL))
        continue;
      p.name = g_strdup (f[0]);
      memcpy (p.country, f[1], 3);
      p.latitude = g_ascii_strtod (f[2], NULL);
      p.longitude = g_ascii_strtod (f[3], NULL);
      g_array_append_val (places, p);
    }
  return places;
}

/* Great-circle distance in km. */
static double
distance_km (double lat1, double lon1, double lat2, double lon2)
{
  double r = G_PI / 180.0;
  double dlat = (lat2 - lat1) * r, dlon = (lon2 - lon1) * r;
  double a = sin (dlat / 2) * sin (dlat / 2) +
             cos (lat1 * r) * cos (lat2 * r) * sin (dlon / 2) * sin (dlon / 2);

  return 6371.0 * 2 * atan2 (sqrt (a), sqrt (1 - a));
}

static gboolean
is_home (const char *country)
{
  return g_str_equal (country, "GB") || g_str_equal (country, "IE") ||
         g_str_equal (country, "IM") || g_str_equal (country, "JE") || g_str_equal (country, "GG");
}

char *
sg_places_describe (double latitude,
                    double longitude)
{
  static GArray *places;
  static gsize loaded;
  const Place *best = NULL;
  double best_km = G_MAXDOUBLE;
  g_autofree char *where = NULL;

  if (g_once_init_enter (&loaded))
    {
      places = load_places ();
      g_once_init_leave (&loaded, 1);
    }

  for (guint i = 0; i < places->len; i++)
    {
      const Place *p = &g_array_index (places, Place, i);
      double km;

      /* Cheap box first: a degree of latitude is 111 km. */
      if (fabs (p->latitude - latitude) > 1.0)
        continue;
      km = distance_km (latitude, longitude, p->latitude, p->longitude);
      if (km < best_km)
        {
          best_km = km;
          best = p;
        }
    }
  if (best == NULL || best_km > 100)
    return NULL;

  where = is_home (best->country) ? g_strdup (best->name)
                                  : g_strdup_printf ("%s (%s)", best->name, best->country);
  if (best_km < 3)
    /* Translators: %s is a town, "near Birmingham". */
    return g_strdup_printf (_("near %s"), where);
  /* Translators: "about 12 km from Leeds". */
  return g_strdup_printf (_("about %.0f km from %s"), best_km, where);
}
