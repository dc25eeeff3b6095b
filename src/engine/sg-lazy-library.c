/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gmodule.h>

#include "sg-error.h"
#include "sg-lazy-library.h"

gboolean
sg_lazy_library_open (SgLazyLibrary  *library,
                      GError        **error)
{
  g_return_val_if_fail (library != NULL && library->soname != NULL, FALSE);

  if (g_once_init_enter (&library->once))
    {
      /* Lazy binding and local symbols: what linking would have given, but only now. The
       * module is never closed, as a linked library never is. */
      GModule *module = g_module_open (library->soname, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
      gboolean ok = module != NULL;

      for (gsize i = 0; ok && i < library->n_symbols; i++)
        ok = g_module_symbol (module, library->symbols[i].name, library->symbols[i].slot) &&
             *library->symbols[i].slot != NULL;
      if (!ok)
        {
          /* Half a table would crash on the first missing call; none is refused cleanly. */
          for (gsize i = 0; i < library->n_symbols; i++)
            *library->symbols[i].slot = NULL;
          g_debug ("%s could not be opened: %s", library->soname,
                   module != NULL ? "a function is missing" : g_module_error ());
        }
      library->loaded = ok;
      g_once_init_leave (&library->once, 1);
    }

  if (!library->loaded)
    g_set_error (error, SG_ERROR, SG_ERROR_NOT_SUPPORTED,
                 /* Translators: the first %s is what the library does, e.g. "the calendar
                  * library"; the second its file name. */
                 _("SocialGuard could not open %s (%s). Reinstalling SocialGuard should put it "
                   "back."), _(library->what), library->soname);
  return library->loaded;
}
