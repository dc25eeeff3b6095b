/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sg-mastodon-auth.h"

G_BEGIN_DECLS

/* Signing in to Mastodon in the browser: the server's own page shows a code once the user has
 * approved SocialGuard, and it is pasted here; a link opens that page again. Responses:
 * "cancel", "sign-in" (enabled once a code is typed). */
#define SG_TYPE_MASTODON_CODE_DIALOG (sg_mastodon_code_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SgMastodonCodeDialog, sg_mastodon_code_dialog, SG, MASTODON_CODE_DIALOG,
                      AdwMessageDialog)

/* @app: the registration the code is for; taken. */
SgMastodonCodeDialog *sg_mastodon_code_dialog_new                (GtkWindow            *parent,
                                                                  SgMastodonApp        *app);
const SgMastodonApp  *sg_mastodon_code_dialog_get_app            (SgMastodonCodeDialog *self);
/* The server's sign-in page for the app. */
const char           *sg_mastodon_code_dialog_get_authorize_url  (SgMastodonCodeDialog *self);
/* As typed. */
const char           *sg_mastodon_code_dialog_get_code           (SgMastodonCodeDialog *self);

G_END_DECLS
