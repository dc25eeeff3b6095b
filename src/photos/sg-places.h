/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The place nearest to a position, from a table shipped with the app (data/places.tsv), so
 * a photo's location can be said in words without sending it anywhere: "near Birmingham",
 * "about 12 km from Leeds", "about 3 km from Málaga (ES)". NULL when the table is missing or
 * nothing is within 100 km. Thread-safe; the table is read once. */
char *sg_places_describe (double latitude,
                          double longitude);

G_END_DECLS
