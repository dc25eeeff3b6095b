/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* g_signal_connect_data() and g_signal_connect_object() at once, for a handler on something
 * that may outlive the widget that connected it (a dialog, a toast) and needs more than that
 * widget: @callback gets @data as its last argument; @destroy_data frees it when the handler
 * goes, which is when @instance goes or, as with g_signal_connect_object(), when @object is
 * disposed. @data must not hold a reference to @object. */
gulong sg_signal_connect_data_object (gpointer        instance,
                                      const char     *detailed_signal,
                                      GCallback       callback,
                                      gpointer        data,
                                      GClosureNotify  destroy_data,
                                      gpointer        object);

G_END_DECLS
