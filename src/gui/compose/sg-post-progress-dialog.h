/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A direct post under way: what is happening ("Uploading photo 1 of 2…", then "Sending the
 * post…") and a pulsing bar, since posting with photos takes seconds. Its one response,
 * "cancel" (Stop, or closing it), asks for the post to be stopped; whoever started the post
 * closes the dialog when the outcome is known. */
#define SG_TYPE_POST_PROGRESS_DIALOG (sg_post_progress_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SgPostProgressDialog, sg_post_progress_dialog, SG, POST_PROGRESS_DIALOG,
                      AdwMessageDialog)

SgPostProgressDialog *sg_post_progress_dialog_new       (GtkWindow            *parent,
                                                         const char           *platform_name);
/* Photo @current of @total is being uploaded, or (@total 0) the text is being sent: the
 * arguments of an SgPostProgressFunc. */
void                  sg_post_progress_dialog_set_stage (SgPostProgressDialog *self,
                                                         guint                 current,
                                                         guint                 total);

G_END_DECLS
