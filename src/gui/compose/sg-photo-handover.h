/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "sg-draft-photos.h"

G_BEGIN_DECLS

/* The files handed to the user for a post that leaves by Copy or a share page: clean copies
 * only, in a folder of their own for that post, so that a browser's "add photo" dialog finds
 * them and nothing else. These touch the disk: call them off the main loop. */

/* Makes <Pictures>/SocialGuard/<date and time> <platform>, 0700 (and SocialGuard 0700), and
 * returns its path. */
char *sg_photo_handover_make_folder (const char          *platform_name,
                                     GError             **error);
/* Writes photo @position's clean copy into @folder as "Photo N.jpg" (or .png), 0600, and
 * returns its path: the clean copy already made, or one made now from the original. The file
 * written is read back, and one that still carries any detail is deleted and refused: the
 * original is never handed out. */
char *sg_photo_handover_write       (const SgDraftPhoto  *photo,
                                     guint                position,
                                     const char          *folder,
                                     GError             **error);
/* "Pictures › SocialGuard › 2026-12-06 21.30 Mastodon", for @folder as made above. */
char *sg_photo_handover_describe_folder (const char      *folder);

G_END_DECLS
