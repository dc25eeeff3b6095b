/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A GAsyncReadyCallback that keeps a reference to the result in *@slot (a GAsyncResult **):
 *   foo_async (…, sg_test_result_cb, &result);
 *   foo_finish (sg_test_wait_result (&result), &error); */
void          sg_test_result_cb   (GObject       *object,
                                   GAsyncResult  *result,
                                   gpointer       slot);
/* Iterates the main context until *@slot is set, and returns it. */
GAsyncResult *sg_test_wait_result (GAsyncResult **slot);

G_END_DECLS
