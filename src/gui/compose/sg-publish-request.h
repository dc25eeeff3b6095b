/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "sg-draft-consent.h"

G_BEGIN_DECLS

/* What Compose hands over when the user publishes: the post as it would leave, and what the
 * pre-flight check looks at. Everything is borrowed for the call; whoever keeps a part of it
 * copies it. */
typedef struct {
  const char *platform;        /* its id ("x", "mastodon"…) */
  gint64      draft_id;        /* -1 while the store has given none */
  const char *final_text;      /* the "#ad" label, the text and the declaration, as they leave */
  const char *declaration;     /* the declaration in it, or NULL */
  GPtrArray  *findings;        /* SgFinding*: the sidebar's, in its order */
  GPtrArray  *ignored_errors;  /* SgFinding*: "do not post" findings ignored here, which still
                                * need a reason */
  GPtrArray  *photos;          /* SgDraftPhoto*: those attached, in post order */
  const SgDraftConsent *consent; /* the patient's consent recorded on the draft, or NULL; the
                                  * log copies it from the store itself */
} SgPublishRequest;

G_END_DECLS
