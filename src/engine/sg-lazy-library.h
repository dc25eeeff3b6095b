/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A library opened when it is first needed instead of linked. Every library an executable
 * links is loaded and relocated before main() at every start: an empty program linking the
 * app's libraries started in 21 ms against 12 ms for libadwaita's alone, libsoup (with Kerberos
 * and HTTP/2), libical (with ICU) and libarchive (with libxml2 and ICU) most of the difference,
 * for work most sessions never do.
 *
 * A file that uses one lists the functions it calls in an X-macro, declares a pointer for
 * each with SG_LAZY_DECLARE (or SG_LAZY_EXTERN in a header and SG_LAZY_DEFINE once), renames
 * the calls to the pointers with #define after the library's header, describes the library
 * with SG_LAZY_LIBRARY and calls sg_lazy_library_open() before the first call:
 *
 *   #define ICAL_FUNCS(X) X (icalcomponent_new) X (icalcomponent_free)
 *   ICAL_FUNCS (SG_LAZY_DECLARE)
 *   #define icalcomponent_new sg_lazy_icalcomponent_new   (and so on)
 *   static SgLazyLibrary libical = SG_LAZY_LIBRARY ("libical.so.3", N_("the calendar library"),
 *                                                   ICAL_FUNCS);
 *   …
 *   if (!sg_lazy_library_open (&libical, error))
 *     return NULL;
 */

typedef struct {
  const char *name;
  gpointer   *slot;
} SgLazySymbol;

typedef struct {
  const char         *soname;    /* the library's ABI name, e.g. "libical.so.3" */
  const char         *what;      /* what it does, for the user, marked with N_() */
  const SgLazySymbol *symbols;
  gsize               n_symbols;
  gsize               once;      /* private */
  gboolean            loaded;    /* private */
} SgLazyLibrary;

#define SG_LAZY_DECLARE(fn) static __typeof__ (fn) *sg_lazy_##fn;
#define SG_LAZY_EXTERN(fn) extern __typeof__ (fn) *sg_lazy_##fn;
/* For the definitions beside an SG_LAZY_EXTERN header, after its #defines. */
#define SG_LAZY_DEFINE(fn) __typeof__ (sg_lazy_##fn) sg_lazy_##fn;
#define SG_LAZY_SYMBOL(fn) { #fn, (gpointer *) &sg_lazy_##fn },
#define SG_LAZY_LIBRARY(soname, what, FUNCS) \
  { (soname), (what), (const SgLazySymbol[]) { FUNCS (SG_LAZY_SYMBOL) }, \
    sizeof ((const SgLazySymbol[]) { FUNCS (SG_LAZY_SYMBOL) }) / sizeof (SgLazySymbol), 0, FALSE }

/* Opens @library once for the life of the process and fills every slot of its symbols.
 * Thread-safe; later calls return the first call's answer at once. When the file or any
 * function is missing, no slot is filled, and @error says what is missing (by what it does and
 * by file) and what to do. */
gboolean sg_lazy_library_open (SgLazyLibrary  *library,
                               GError        **error);

G_END_DECLS
