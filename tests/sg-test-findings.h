/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The findings as one string (rule, span, severity and message of each, in order), so that two
 * analyses can be compared with one g_assert_cmpstr (). Free with g_free (). */
char *sg_test_findings_key (GPtrArray *findings);

G_END_DECLS
