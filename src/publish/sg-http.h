/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

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

/* What both clients do the same way with a request. */

/* A session for one service's calls: an answer within 30 seconds, and a user agent that says
 * who is asking. */
SoupSession *sg_http_session_new     (void);
/* Readies @msg and returns it: it never follows a redirect (that would take the token or
 * password to another host), carries @token as a bearer token unless NULL, and asks for JSON
 * when @json. */
SoupMessage *sg_http_prepare         (SoupMessage  *msg,
                                      const char   *token,
                                      gboolean      json);
/* A server address as the clients keep it: without white space around it or slashes at its
 * end. */
char        *sg_http_address_trim    (const char   *address);
/* TRUE for https with a host, or plain http to this machine (the tests' loopback servers):
 * so a password or a token travels only under a checked certificate. */
gboolean     sg_http_address_is_safe (const char   *address);
/* The finish of either client's delete: TRUE when the post is gone, with @already_gone set
 * when the server no longer had it (the task returned 1, or 0 when it deleted it). */
gboolean     sg_http_delete_finish   (GTask        *task,
                                      gboolean     *already_gone,
                                      GError      **error);
/* For a connection that failed: its reason, with @error cleared so that the caller can say what
 * the failure means; NULL (and @error kept) when it was a cancellation or already our own. */
char        *sg_http_take_network_failure (GError **error);
/* Frees a password or token after writing over it, so it is not left in freed memory. */
void         sg_http_free_secret     (char         *secret);

G_END_DECLS
