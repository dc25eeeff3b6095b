/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sg-soup.h"

SG_SOUP_FUNCS (SG_LAZY_DEFINE)

static SgLazyLibrary libsoup = SG_LAZY_LIBRARY (SG_LIBSOUP_SONAME, N_("the network library"),
                                                SG_SOUP_FUNCS);

void
sg_soup_load (void)
{
  g_autoptr(GError) error = NULL;

  if (!sg_lazy_library_open (&libsoup, &error))
    g_error ("%s", error->message);
}
