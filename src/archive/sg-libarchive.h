/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* libarchive, opened when the first archive is read rather than linked: with libxml2 and ICU
 * it cost every start of the app about 1.5 ms of loading (see sg-lazy-library.h), and most
 * sessions read no archive. Include this instead of <archive.h>; the calls below then go
 * through pointers that sg_libarchive_load() fills. */

#include <archive.h>
#include <archive_entry.h>

#include "sg-lazy-library.h"

G_BEGIN_DECLS

#define SG_LIBARCHIVE_FUNCS(X) \
  X (archive_entry_filetype) X (archive_entry_is_encrypted) X (archive_entry_pathname) \
  X (archive_error_string) X (archive_filter_bytes) X (archive_filter_count) \
  X (archive_format) X (archive_read_data) X (archive_read_data_skip) X (archive_read_free) \
  X (archive_read_new) X (archive_read_next_header) X (archive_read_open_filename) \
  X (archive_read_support_filter_gzip) X (archive_read_support_format_tar) \
  X (archive_read_support_format_zip)

SG_LIBARCHIVE_FUNCS (SG_LAZY_EXTERN)

#define archive_entry_filetype sg_lazy_archive_entry_filetype
#define archive_entry_is_encrypted sg_lazy_archive_entry_is_encrypted
#define archive_entry_pathname sg_lazy_archive_entry_pathname
#define archive_error_string sg_lazy_archive_error_string
#define archive_filter_bytes sg_lazy_archive_filter_bytes
#define archive_filter_count sg_lazy_archive_filter_count
#define archive_format sg_lazy_archive_format
#define archive_read_data sg_lazy_archive_read_data
#define archive_read_data_skip sg_lazy_archive_read_data_skip
#define archive_read_free sg_lazy_archive_read_free
#define archive_read_new sg_lazy_archive_read_new
#define archive_read_next_header sg_lazy_archive_read_next_header
#define archive_read_open_filename sg_lazy_archive_read_open_filename
#define archive_read_support_filter_gzip sg_lazy_archive_read_support_filter_gzip
#define archive_read_support_format_tar sg_lazy_archive_read_support_format_tar
#define archive_read_support_format_zip sg_lazy_archive_read_support_format_zip

/* Opens libarchive once; FALSE with @error set (a message for the user) when it cannot be. */
gboolean sg_libarchive_load (GError **error);

G_END_DECLS
