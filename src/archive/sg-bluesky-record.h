/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "sg-past-post.h"

G_BEGIN_DECLS

/* One record of com.atproto.repo.listRecords ({ uri, cid, value }) as the post it holds, read
 * as the .car reader reads a post (sg-archive-bluesky.c): text with shortened links written
 * out in full, createdAt, the alt texts of pictures and video, the post it answers. Its URL
 * is https://bsky.app/profile/<DID>/post/<rkey>, the DID taken from the record's at:// URI.
 * NULL with @error when the record is not a post it can read. */
SgPastPost *sg_bluesky_record_to_post (JsonObject  *record,
                                       GError     **error);

G_END_DECLS
