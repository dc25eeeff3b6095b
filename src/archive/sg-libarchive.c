/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sg-libarchive.h"

SG_LIBARCHIVE_FUNCS (SG_LAZY_DEFINE)

static SgLazyLibrary libarchive = SG_LAZY_LIBRARY (SG_LIBARCHIVE_SONAME,
                                                   N_("the archive library"),
                                                   SG_LIBARCHIVE_FUNCS);

gboolean
sg_libarchive_load (GError **error)
{
  return sg_lazy_library_open (&libarchive, error);
}
