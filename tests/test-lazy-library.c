/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A library opened on first use (sg-lazy-library.h): found, missing, or missing a function. */
#include "config.h"

#include <math.h>

#include "sg-error.h"
#include "sg-lazy-library.h"

#define MATH_FUNCS(X) X (cos) X (sqrt)
MATH_FUNCS (SG_LAZY_DECLARE)

static void
test_found (void)
{
  static gsize once;
  static gboolean loaded;
  static const SgLazySymbol symbols[] = { MATH_FUNCS (SG_LAZY_SYMBOL) };
  g_autoptr(GError) error = NULL;

  g_assert_true (sg_lazy_library_load (&once, &loaded, "libm.so.6", "the maths library",
                                       symbols, G_N_ELEMENTS (symbols), &error));
  g_assert_no_error (error);
  g_assert_nonnull (sg_lazy_cos);
  g_assert_cmpfloat (sg_lazy_sqrt (16.0), ==, 4.0);
  g_assert_cmpfloat (sg_lazy_cos (0.0), ==, 1.0);
  /* Asked again: the same answer, without opening it again. */
  g_assert_true (sg_lazy_library_load (&once, &loaded, "libm.so.6", "the maths library",
                                       symbols, G_N_ELEMENTS (symbols), NULL));
}

static gpointer missing_slot;

static void
test_missing_file (void)
{
  static gsize once;
  static gboolean loaded;
  const SgLazySymbol symbols[] = { { "anything", &missing_slot } };
  g_autoptr(GError) error = NULL;

  g_assert_false (sg_lazy_library_load (&once, &loaded, "libsocialguard-absent.so.9",
                                        "the absent library", symbols, 1, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_SUPPORTED);
  /* The user is told what is missing, by what it does and by file, and what to do. */
  g_assert_nonnull (strstr (error->message, "the absent library"));
  g_assert_nonnull (strstr (error->message, "libsocialguard-absent.so.9"));
  g_assert_nonnull (strstr (error->message, "Reinstall"));
  g_assert_null (missing_slot);
  g_clear_error (&error);
  g_assert_false (sg_lazy_library_load (&once, &loaded, "libsocialguard-absent.so.9",
                                        "the absent library", symbols, 1, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_SUPPORTED);
}

static gpointer partial_slots[2];

static void
test_missing_function (void)
{
  static gsize once;
  static gboolean loaded;
  const SgLazySymbol symbols[] = {
    { "cos", &partial_slots[0] },
    { "sg_no_such_function", &partial_slots[1] },
  };
  g_autoptr(GError) error = NULL;

  /* A library of another version without a function we call: refused as a whole, so no call
   * reaches a half-filled table. */
  g_assert_false (sg_lazy_library_load (&once, &loaded, "libm.so.6", "the maths library",
                                        symbols, G_N_ELEMENTS (symbols), &error));
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
