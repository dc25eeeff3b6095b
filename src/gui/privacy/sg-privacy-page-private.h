/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the files of the Privacy page share: the page's fields and the few helpers each part
 * needs. sg-privacy-page.c is the page and its list of accounts; -review.c one account's review
 * (opening it, saving as you go, reading Mastodon settings); -accounts.c adding an account and
 * taking one off; -follow-up.c the settings a review left to change; -export.c the calendar and
 * the history files. */
#pragma once

#include "sg-privacy-page.h"
#include "sg-profiles.h"
#include "sg-store-job.h"

G_BEGIN_DECLS

struct _SgPrivacyPage
{
  GtkWidget      parent_instance;

  /* template children */
  GtkWidget     *content;   /* the template's root, bound so that it is disposed */
  GtkListBox    *list;
  GtkStack      *stack;

  SgContext     *context;
  GCancellable  *cancellable;
  GPtrArray     *profiles;   /* SgProfile* */
  GHashTable    *actions;    /* profile id (gint64*) → its open actions (SgReviewAnswer*) */
  guint          n_due;
  guint          n_open_actions;
  char          *posting_token;   /* instead of the keyring's (tests), or NULL */
};

/* The platforms an account can be on, as checklist ids and as names (N_() strings), in the
 * order the Add Account dialog offers them; both end with NULL. */
extern const char * const sg_privacy_platform_ids[];
extern const char * const sg_privacy_platform_names[];

const char      *sg_privacy_page_platform_name (const char *id);
/* Today's date, in local time, as the schedule counts days. */
void             sg_privacy_today              (GDate      *date);
void             sg_privacy_page_toast         (SgPrivacyPage *self,
                                                const char    *text);
/* The account with @profile_id in the list shown, or NULL. */
const SgProfile *sg_privacy_page_find_profile  (SgPrivacyPage *self,
                                                gint64         profile_id);
/* Runs @job off the main loop on the page's store; with no store, says so and frees @data. */
void             sg_privacy_page_run_job       (SgPrivacyPage       *self,
                                                SgStoreJob           job,
                                                gpointer             data,
                                                GDestroyNotify       destroy,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
/* A job's callback for a change to the list: says what went wrong, if anything, and reloads. */
void             sg_privacy_page_changed_cb    (GObject       *object,
                                                GAsyncResult  *result,
                                                gpointer       user_data);
void             sg_privacy_page_reload        (SgPrivacyPage *self);

/* sg-privacy-page-follow-up.c: the rows under an account, one a setting still to change. */
void             sg_privacy_page_add_follow_up_rows (AdwExpanderRow  *expander,
                                                     const SgProfile *profile,
                                                     GPtrArray       *actions);

/* Each part installs its own actions ("privacy.*") from the page's class_init. */
void sg_privacy_page_class_init_review    (GtkWidgetClass *widget_class);
void sg_privacy_page_class_init_accounts  (GtkWidgetClass *widget_class);
void sg_privacy_page_class_init_follow_up (GtkWidgetClass *widget_class);
void sg_privacy_page_class_init_export    (GtkWidgetClass *widget_class);

G_END_DECLS
