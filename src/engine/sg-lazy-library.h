/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A library opened when it is first needed instead of linked. Every library an executable
 * links is loaded and relocated before main() at every start; libsoup (with Kerberos and
 * HTTP/2), libical (with ICU) and libarchive (with libxml2 and ICU) cost the first window
 * about as much again as the whole window's own widgets, for work most sessions never do.
 *
 * A file that uses one lists the functions it calls in an X-macro, declares a pointer for
 * each with SG_LAZY_DECLARE, renames the calls to the pointers with #define (after the
 * library's header), and calls sg_lazy_library_load() with the SG_LAZY_SYMBOL table before
 * the first of them. */

typedef struct {
  const char *name;
  gpointer   *slot;
} SgLazySymbol;

#define SG_LAZY_DECLARE(fn) static __typeof__ (fn) *sg_lazy_##fn;
#define SG_LAZY_EXTERN(fn) extern __typeof__ (fn) *sg_lazy_##fn;
/* For the definitions beside an SG_LAZY_EXTERN header, after its #defines. */
#define SG_LAZY_DEFINE(fn) __typeof__ (sg_lazy_##fn) sg_lazy_##fn;
#define SG_LAZY_SYMBOL(fn) { #fn, (gpointer *) &sg_lazy_##fn },

/* Opens @soname (a library's ABI name, e.g. "libical.so.3") once for the life of the process
 * and fills every slot of @symbols. Thread-safe; later calls return the first call's answer at
 * once. @once is the caller's own static flag for this library. On failure sets @error to a
 * message a user can act on, naming @what ("the calendar library") and the file missing. */
gboolean sg_lazy_library_load (gsize              *once,
                               gboolean           *loaded,
                               const char         *soname,
                               const char         *what,
                               const SgLazySymbol *symbols,
                               gsize               n_symbols,
                               GError            **error);

G_END_DECLS
