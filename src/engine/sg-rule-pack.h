/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "sg-finding.h"
#include "sg-guidance.h"

G_BEGIN_DECLS

/* A source of guidance the pack cites, as its "sources" list describes it. Read-only; NULL
 * where the pack does not say. Dates are ISO 8601. */
typedef struct {
  char *id;
  char *title;
  char *edition;
  char *status;      /* current, withdrawn, advice, commentary */
  char *in_force;
  char *withdrawn;
  char *checked;     /* when the team last checked the text */
  char *url;
  char *short_title; /* "GMP 2024", as citations show it */
  char *applies_to;
} SgSource;

#define SG_TYPE_RULE_PACK (sg_rule_pack_get_type ())
G_DECLARE_FINAL_TYPE (SgRulePack, sg_rule_pack, SG, RULE_PACK, GObject)

/* Loads and validates a pack: JSON syntax, known keys only, known categories, severities,
 * audiences, platforms and sources, compilable regexes, at least one citation per rule, ids of
 * the form category.name. Errors read "FILE:LINE: what is wrong" (SG_ERROR_INVALID_RULES). */
SgRulePack *sg_rule_pack_new_from_file   (const char  *path,
                                          GError     **error);
/* @name_or_path: a file, or the id of a pack installed in <data>/rules/ ("default"); NULL for
 * the default pack. */
SgRulePack *sg_rule_pack_load            (const char  *name_or_path,
                                          GError     **error);

const char *sg_rule_pack_get_id          (SgRulePack  *self);
const char *sg_rule_pack_get_title       (SgRulePack  *self);
const char *sg_rule_pack_get_version     (SgRulePack  *self);
guint       sg_rule_pack_get_n_rules     (SgRulePack  *self);
const SgRule *sg_rule_pack_get_rule      (SgRulePack  *self,
                                          guint        index);
const SgRule *sg_rule_pack_find_rule     (SgRulePack  *self,
                                          const char  *id);
guint       sg_rule_pack_get_n_sources   (SgRulePack  *self);
const SgSource *sg_rule_pack_get_source  (SgRulePack  *self,
                                          guint        index);

const char *sg_rule_get_id               (const SgRule *rule);
SgCategory  sg_rule_get_category         (const SgRule *rule);
SgSeverity  sg_rule_get_severity         (const SgRule *rule);
const char *sg_rule_get_title            (const SgRule *rule);
const char *sg_rule_get_message          (const SgRule *rule);
const char *sg_rule_get_explanation      (const SgRule *rule);
/* Arrays of SgCitation; the fix templates of the rule (replacement as written in the pack). */
GArray     *sg_rule_get_citations        (const SgRule *rule);
GArray     *sg_rule_get_fixes            (const SgRule *rule);

G_END_DECLS
