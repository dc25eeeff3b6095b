/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sg-interest.h"

G_BEGIN_DECLS

/* CSV with a header row of the JSON exchange format's keys; aliases and products are
 * separated by ";" inside their field. Import is all or nothing; an error names the line. */
GPtrArray *sg_interests_from_csv_data (const char  *data,
                                       gssize       len,
                                       GError     **error);
char      *sg_interests_to_csv_data   (GPtrArray   *interests);

/* Reads a .json or .csv file (by its content: a leading '[' is JSON). */
GPtrArray *sg_interests_load_file     (const char  *path,
                                       GError     **error);

/* A self-contained HTML page, "My declarations of interest", for the user's own site. */
char      *sg_interests_to_html       (GPtrArray   *interests,
                                       const char  *name,
                                       const char  *today);

G_END_DECLS
