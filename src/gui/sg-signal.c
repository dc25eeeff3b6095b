/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sg-signal.h"

gulong
sg_signal_connect_data_object (gpointer        instance,
                               const char     *detailed_signal,
                               GCallback       callback,
                               gpointer        data,
                               GClosureNotify  destroy_data,
                               gpointer        object)
{
  GClosure *closure;

  g_return_val_if_fail (G_TYPE_CHECK_INSTANCE (instance), 0);
  g_return_val_if_fail (detailed_signal != NULL, 0);
  g_return_val_if_fail (callback != NULL, 0);
  g_return_val_if_fail (G_IS_OBJECT (object), 0);

  /* What g_signal_connect_object() does, with our data in the closure instead of the object. */
  closure = g_cclosure_new (callback, data, destroy_data);
  g_object_watch_closure (G_OBJECT (object), closure);
  return g_signal_connect_closure (instance, detailed_signal, closure, FALSE);
}
