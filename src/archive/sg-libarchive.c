/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sg-libarchive.h"

SG_LIBARCHIVE_FUNCS (SG_LAZY_DEFINE)

gboolean
sg_libarchive_load (GError **error)
{
  static gsize once;
  static gboolean loaded;
  static const SgLazySymbol symbols[] = { SG_LIBARCHIVE_FUNCS (SG_LAZY_SYMBOL) };

  return sg_lazy_library_load (&once, &loaded, SG_LIBARCHIVE_SONAME, _("the archive library"),
                               symbols, G_N_ELEMENTS (symbols), error);
}
