/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sg-application.h"
#include "sg-compose-page.h"
#include "sg-history-page.h"
#include "sg-interests-page.h"
#include "sg-past-posts-page.h"
#include "sg-privacy-page.h"

G_BEGIN_DECLS

#define SG_TYPE_WINDOW (sg_window_get_type ())
G_DECLARE_FINAL_TYPE (SgWindow, sg_window, SG, WINDOW, AdwApplicationWindow)

SgWindow   *sg_window_new            (SgApplication *application);
SgComposePage *sg_window_get_compose_page (SgWindow *self);
SgInterestsPage *sg_window_get_interests_page (SgWindow *self);
SgHistoryPage *sg_window_get_history_page (SgWindow *self);
SgPrivacyPage *sg_window_get_privacy_page (SgWindow *self);
SgPastPostsPage *sg_window_get_past_posts_page (SgWindow *self);
/* Whether the page called @name ("compose", "privacy", …) has been built: pages other than
 * Compose are built when first shown or first asked for by the getters above. */
gboolean sg_window_is_page_built (SgWindow   *self,
                                  const char *name);
const char *sg_window_get_page       (SgWindow      *self);
void        sg_window_set_page       (SgWindow      *self,
                                      const char    *page);
void        sg_window_add_toast      (SgWindow      *self,
                                      AdwToast      *toast);


char       *sg_window_keep_unsaved_draft (SgWindow   *self);

G_END_DECLS
