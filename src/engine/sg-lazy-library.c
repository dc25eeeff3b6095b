/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gmodule.h>

#include "sg-error.h"
#include "sg-lazy-library.h"

gboolean
sg_lazy_library_load (gsize              *once,
                      gboolean           *loaded,
                      const char         *soname,
                      const char         *what,
                      const SgLazySymbol *symbols,
                      gsize               n_symbols,
                      GError            **error)
{
  g_return_val_if_fail (once != NULL && loaded != NULL, FALSE);
  g_return_val_if_fail (soname != NULL && what != NULL, FALSE);

  if (g_once_init_enter (once))
    {
      /* Lazy binding and local symbols: what linking would have given, but only now. The
       * module is never closed, as a linked library never is. */
      GModule *module = g_module_open (soname, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
      gboolean ok = module != NULL;

      for (gsize i = 0; ok && i < n_symbols; i++)
        ok = g_module_symbol (module, symbols[i].name, symbols[i].slot) && *symbols[i].slot != NULL;
      if (!ok)
        {
          /* Half a table would crash on the first missing call; none is refused cleanly. */
          for (gsize i = 0; i < n_symbols; i++)
            *symbols[i].slot = NULL;
          g_debug ("%s could not be opened: %s", soname,
                   module != NULL ? "a function is missing" : g_module_error ());
        }
      *loaded = ok;
      g_once_init_leave (once, 1);
    }

  if (!*loaded)
    g_set_error (error, SG_ERROR, SG_ERROR_NOT_SUPPORTED,
                 /* Translators: the first %s is what the library does, e.g. "the calendar
                  * library"; the second its file name. */
                 _("SocialGuard could not open %s (%s). Reinstalling SocialGuard should put it "
                   "back."), what, soname);
  return *loaded;
}
