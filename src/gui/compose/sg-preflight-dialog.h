/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sg-publish-request.h"

G_BEGIN_DECLS

/* The pre-flight sheet shown before a post leaves: each "do not post" finding asks for a
 * reason, warnings are listed once more, and photos whose picture checks are not all ticked or
 * a post over the platform's limit hold it back whatever is typed. Responses: "cancel" (back
 * to the draft), "copy", "share" when the platform has a share page, "post" when an account
 * is signed in there; the last three are enabled only when the post may leave. */
#define SG_TYPE_PREFLIGHT_DIALOG (sg_preflight_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SgPreflightDialog, sg_preflight_dialog, SG, PREFLIGHT_DIALOG,
                      AdwMessageDialog)

/* @can_post: an account is signed in on the request's platform. @visibility: who can see the
 * post on Mastodon, proposed (the "visibility" property; chosen in the sheet when posting
 * there). @settings: the usual language of a post; may be NULL when @can_post is FALSE. */
SgPreflightDialog *sg_preflight_dialog_new                  (GtkWindow              *parent,
                                                             const SgPublishRequest *request,
                                                             gboolean                can_post,
                                                             const char             *visibility,
                                                             GSettings              *settings);
/* Mastodon's "public", "unlisted" or "private", or NULL; "notify::visibility" when chosen. */
const char        *sg_preflight_dialog_get_visibility       (SgPreflightDialog      *self);
void               sg_preflight_dialog_set_visibility       (SgPreflightDialog      *self,
                                                             const char             *visibility);
/* The reasons given, as the log keeps them (SgAcknowledgement*), in the order asked. */
GPtrArray         *sg_preflight_dialog_dup_acknowledgements (SgPreflightDialog      *self);
/* The language chosen for this post when posting directly (an ISO 639 code, "" for none
 * stated), or NULL when the sheet does not ask (copy and share pages only). */
char              *sg_preflight_dialog_dup_language         (SgPreflightDialog      *self);
/* The reason fields (GtkEditable*), in the order shown; owned by the dialog. */
GPtrArray         *sg_preflight_dialog_get_reasons          (SgPreflightDialog      *self);

G_END_DECLS
