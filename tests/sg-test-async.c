/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Waiting for an asynchronous call, as the client and secret tests do. */
#include "config.h"

#include "sg-test-async.h"

void
sg_test_result_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      slot)
{
  *(GAsyncResult **) slot = g_object_ref (result);
}

GAsyncResult *
sg_test_wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}
