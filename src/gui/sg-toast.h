/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A toast showing @text as it is: libadwaita 1.2 reads toast titles as markup, so an "&" in
 * a file name or a server's message would otherwise hide the whole message. */
AdwToast *sg_toast_new_plain (const char *text);
/* Shows @toast (taking it) in the toast overlay nearest above @widget, or in the preferences
 * window holding it; dropped if there is neither. No widget needs to know the window. */
void      sg_toast_add       (GtkWidget  *widget,
                              AdwToast   *toast);
/* @text, as it is, in a toast near @widget. */
void      sg_toast_show      (GtkWidget  *widget,
                              const char *text);

G_END_DECLS
