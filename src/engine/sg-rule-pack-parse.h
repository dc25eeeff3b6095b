/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Reads and parses one rule-pack file. @lines ("%p/%s" of an object and a member → the line it
 * starts on) is filled for error messages. NULL and @error set when the file cannot be read,
 * is not JSON, or is not a JSON object. */
JsonParser *sg_pack_parse_file (const char  *path,
                                GHashTable  *lines,
                                GError     **error);

/* A rule pack's included files, parsed in order on a thread of their own while the caller
 * builds what it has already parsed (see sg-rule-pack-parse.c for why). */
typedef struct _SgPackParses SgPackParses;

SgPackParses *sg_pack_parses_start   (const char * const *paths);
/* Waits for file @i (in the order given) and returns its parser, owned by @self, with its
 * lines table in @lines; NULL and @error set when it could not be parsed. */
JsonParser   *sg_pack_parses_get     (SgPackParses       *self,
                                      guint               i,
                                      GHashTable        **lines,
                                      GError            **error);
/* File @i has been read: its tree is freed on the thread. */
void          sg_pack_parses_release (SgPackParses       *self,
                                      guint               i);
/* Stops the thread (after the files it is parsing) and frees everything. */
void          sg_pack_parses_free    (SgPackParses       *self);

G_END_DECLS
