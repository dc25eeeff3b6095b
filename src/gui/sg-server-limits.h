/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Keeps Mastodon's length limit the one the signed-in server states (its /api/v2/instance
 * may allow more than 500 characters, or count a link as other than 23). The answer is kept
 * in the "mastodon-limits" setting with its date and asked again after a week or when the
 * server changes; without one, the catalogue's 500 and 23 stand. The application owns it. */
#define SG_TYPE_SERVER_LIMITS (sg_server_limits_get_type ())
G_DECLARE_FINAL_TYPE (SgServerLimits, sg_server_limits, SG, SERVER_LIMITS, GObject)

SgServerLimits *sg_server_limits_new (GSettings *settings);

G_END_DECLS
