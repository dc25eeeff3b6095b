/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdio.h>

#include "sg-analyzer.h"
#include "sg-check-report.h"

G_BEGIN_DECLS

/* Checks the plain text read from @file a piece at a time and appends its findings to
 * @report as if the text had been checked whole (same offsets, lines and columns). Memory stays
 * bounded whatever the size of the input. Returns FALSE, with every finding before the problem
 * already reported, when the input cannot be read or is not UTF-8; @error then says why in
 * words for the user (never quoting the text). */
gboolean sg_check_stream_file (SgAnalyzer  *analyzer,
                               const char  *platform,
                               SgReport    *report,
                               const char  *path,
                               FILE        *file,
                               guint       *n_findings,
                               GError     **error);

G_END_DECLS
