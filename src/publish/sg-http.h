/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "sg-error.h"

G_BEGIN_DECLS

/* What an HTTP answer means for a post, the same for every service: the place that decides
 * which statuses ask the user to sign in again and which are worth waiting for. */

/* 401 or 403: the server no longer takes the sign-in. */
gboolean sg_http_sign_in_refused (guint status);
/* 429 or 5xx: the server is busy or in trouble; the same request may work later. */
gboolean sg_http_busy            (guint status);
/* The SG_ERROR code for a request that did not succeed with @status (a 2xx whose answer could
 * not be used counts as refused). */
SgError  sg_http_failure_code    (guint status);

G_END_DECLS
