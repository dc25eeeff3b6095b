/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A library opened on first use (sg-lazy-library.h): found, missing, or missing a function. */
#include "config.h"

#include <math.h>

#include "sg-error.h"
#include "sg-lazy-library.h"

#define MATH_FUNCS(X) X (cos) X (sqrt)
MATH_FUNCS (SG_LAZY_DECLARE)

static SgLazyLibrary libm = SG_LAZY_LIBRARY ("libm.so.6", "the maths library", MATH_FUNCS);

static void
test_found (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (libm.n_symbols, ==, 2);
  g_assert_true (sg_lazy_library_open (&libm, &error));
  g_assert_no_error (error);
  g_assert_nonnull (sg_lazy_cos);
  g_assert_cmpfloat (sg_lazy_sqrt (16.0), ==, 4.0);
  g_assert_cmpfloat (sg_lazy_cos (0.0), ==, 1.0);
  /* Asked again: the same answer, without opening it again. */
  g_assert_true (sg_lazy_library_open (&libm, NULL));
}

static gpointer missing_slot;

static const SgLazySymbol missing_symbols[] = { { "anything", &missing_slot } };
static SgLazyLibrary absent = { "libsocialguard-absent.so.9", "the absent library",
                                missing_symbols, 1, 0, FALSE };

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (sg_lazy_library_open (&absent, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_SUPPORTED);
  /* The user is told what is missing, by what it does and by file, and what to do. */
  g_assert_nonnull (strstr (error->message, "the absent library"));
  g_assert_nonnull (strstr (error->message, "libsocialguard-absent.so.9"));
  g_assert_nonnull (strstr (error->message, "Reinstall"));
  g_assert_null (missing_slot);
  g_clear_error (&error);
  g_assert_false (sg_lazy_library_open (&absent, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_SUPPORTED);
}

static gpointer partial_slots[2];

static const SgLazySymbol partial_symbols[] = {
  { "cos", &partial_slots[0] },
  { "sg_no_such_function", &partial_slots[1] },
};
static SgLazyLibrary partial = { "libm.so.6", "the maths library", partial_symbols, 2, 0, FALSE };

static void
test_missing_function (void)
{
  g_autoptr(GError) error = NULL;

  /* A library of another version without a function we call: refused as a whole, so no call
   * reaches a half-filled table. */
  g_assert_false (sg_lazy_library_open (&partial, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_SUPPORTED);
  g_assert_null (partial_slots[0]);
  g_assert_null (partial_slots[1]);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sg/lazy-library/found", test_found);
  g_test_add_func ("/sg/lazy-library/missing-file", test_missing_file);
  g_test_add_func ("/sg/lazy-library/missing-function", test_missing_function);
  return g_test_run ();
}
