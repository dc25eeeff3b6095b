/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "sg-profiles.h"

G_BEGIN_DECLS

/* Suggested answers (SgReviewAnswer*) for the Mastodon checklist from the account object of
 * GET /api/v1/accounts/verify_credentials: "done" where the setting is the safer one, "needs
 * action" where it is not, each with a note saying what the server said. Settings the server
 * does not report are left out. */
GPtrArray *sg_mastodon_privacy_answers (JsonObject *account);

G_END_DECLS
