/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sg-context.h"
#include "sg-interest.h"

G_BEGIN_DECLS

#define SG_TYPE_INTERESTS_PAGE (sg_interests_page_get_type ())
G_DECLARE_FINAL_TYPE (SgInterestsPage, sg_interests_page, SG, INTERESTS_PAGE, GtkWidget)

void        sg_interests_page_set_context     (SgInterestsPage *self,
                                                   SgContext       *context);
/* Adds an interest as the dialog's Save would (tests and import use it). */
void        sg_interests_page_add             (SgInterestsPage  *self,
                                               const SgInterest *interest);
guint       sg_interests_page_get_n_shown     (SgInterestsPage *self);
void        sg_interests_page_set_search      (SgInterestsPage *self,
                                               const char      *text);

G_END_DECLS
