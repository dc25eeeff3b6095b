/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sg-context.h"
#include "sg-publish-request.h"

G_BEGIN_DECLS

/* Publishing one post from Compose: the pre-flight sheet, then copying the text, opening the
 * platform's share page or posting straight to the signed-in account, each logged in History.
 * What the sheet checked is what leaves: the request is kept as it was when the sheet opened,
 * and the account is looked up once, then.
 *
 * "published" says the log has a new entry: a copy, a share, or a direct post whether it
 * landed, failed or was stopped (History shows those as not posted). "busy" is TRUE while a
 * direct post is under way; there is one at a time. Dialogs are transient for the window of
 * "anchor" (the page), and toasts go to the overlay above it. */
#define SG_TYPE_PUBLISH_FLOW (sg_publish_flow_get_type ())
G_DECLARE_FINAL_TYPE (SgPublishFlow, sg_publish_flow, SG, PUBLISH_FLOW, GObject)

SgPublishFlow *sg_publish_flow_new               (GtkWidget              *anchor);
void           sg_publish_flow_set_context       (SgPublishFlow          *self,
                                                  SgContext              *context);
/* Posts with @token instead of the keyring's (for tests against a loopback server). */
void           sg_publish_flow_set_posting_token (SgPublishFlow          *self,
                                                  const char             *token);
/* Opens the pre-flight sheet for @request (a sheet still open is closed first). */
void           sg_publish_flow_start             (SgPublishFlow          *self,
                                                  const SgPublishRequest *request);
gboolean       sg_publish_flow_get_busy          (SgPublishFlow          *self);
/* Stops a direct post under way and reports nothing more (a copy being logged is still
 * logged): the page is going away. */
void           sg_publish_flow_cancel            (SgPublishFlow          *self);

G_END_DECLS
