/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "sg-rule-pack.h"

G_BEGIN_DECLS

#define SG_TYPE_GUIDANCE_WINDOW (sg_guidance_window_get_type ())
G_DECLARE_FINAL_TYPE (SgGuidanceWindow, sg_guidance_window, SG, GUIDANCE_WINDOW, AdwWindow)

/* The sources the guidance comes from, with their editions and dates: which are in force,
 * which are advice, which are withdrawn and cited only as history. */
SgGuidanceWindow *sg_guidance_window_new (GtkWindow  *parent,
                                          SgRulePack *pack);

G_END_DECLS
