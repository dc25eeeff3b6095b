/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sg-soup.h"

SG_SOUP_FUNCS (SG_LAZY_DEFINE)

void
sg_soup_load (void)
{
  static gsize once;
  static gboolean loaded;
  static const SgLazySymbol symbols[] = { SG_SOUP_FUNCS (SG_LAZY_SYMBOL) };
  g_autoptr(GError) error = NULL;

  if (!sg_lazy_library_load (&once, &loaded, SG_LIBSOUP_SONAME, _("the network library"),
                             symbols, G_N_ELEMENTS (symbols), &error))
    g_error ("%s", error->message);
}
