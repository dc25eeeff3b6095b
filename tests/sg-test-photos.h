/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Photos for the GUI tests: a JPEG that records where it was taken and who took it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes @dir/@name, a 64×48 JPEG carrying a GPS position (Birmingham) and an artist's name,
 * and returns its path. */
char *sg_test_make_located_photo (const char *dir,
                                  const char *name);

G_END_DECLS
