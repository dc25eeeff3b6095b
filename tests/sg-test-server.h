/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Starts @server on a free port of this machine's loopback address (tests never leave it)
 * and returns its address, "http://127.0.0.1:PORT/". */
char *sg_test_server_listen     (SoupServer        *server);
/* Answers @msg with @status and @json as an "application/json" body. */
void  sg_test_server_reply_json (SoupServerMessage *msg,
                                 guint              status,
                                 const char        *json);

G_END_DECLS
