/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the files of the Interests page share: the page's fields and the entry points each part
 * calls. sg-interests-page.c is the page and its list of interests (search, filter, rows);
 * -form.c adding and editing an interest; -events.c ending and removing one, and its history;
 * -import-export.c the register read from and written to files. */
#pragma once

#include <adwaita.h>

#include "sg-interest.h"
#include "sg-interests-page.h"
#include "sg-store-job.h"
#include "sg-toast.h"

G_BEGIN_DECLS

struct _SgInterestsPage
{
  GtkWidget        parent_instance;

  /* Template children, alphabetical */
  GtkDropDown     *filter_dropdown;
  GtkListBox      *list;
  GtkSearchEntry  *search_entry;
  GtkStack        *stack;

  SgContext       *context;
  GCancellable    *cancellable;
  GPtrArray       *interests;     /* SgInterest*, as last loaded */
  guint            n_shown;
};

static inline void
toast (SgInterestsPage *self,
       const char      *text)
{
  sg_toast_show (GTK_WIDGET (self), text);
}

/* Today as the register stores dates, YYYY-MM-DD. */
static inline char *
today_string (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

/* sg-interests-page.c */
/* Runs @job on a worker with the page's store; with no store, says so and frees @data. */
void              sg_interests_page_run_job      (SgInterestsPage     *self,
                                                  SgStoreJob           job,
                                                  gpointer             data,
                                                  GDestroyNotify       destroy,
                                                  GAsyncReadyCallback  callback);
/* After a job that changed the register: says what went wrong, or says @done (if not NULL),
 * reads the register again and emits "changed". */
void              sg_interests_page_change_done  (SgInterestsPage     *self,
                                                  GAsyncResult        *result,
                                                  const char          *done);
/* sg_interests_page_change_done() as a job's callback, saying nothing when it worked. */
void              sg_interests_page_changed_cb   (GObject             *object,
                                                  GAsyncResult        *result,
                                                  gpointer             user_data);
/* The interest with @id in the list read last, or NULL. */
const SgInterest *sg_interests_page_find_interest (SgInterestsPage    *self,
                                                   gint64              id);

/* sg-interests-page-form.c */
/* Puts a calendar button at the end of @entry_row (an AdwEntryRow holding a date). */
void              sg_interests_add_date_picker   (GtkWidget           *entry_row);

/* Each part installs its own actions ("interests.*") from the page's class_init. */
void sg_interests_page_class_init_form          (GtkWidgetClass *widget_class);
void sg_interests_page_class_init_events        (GtkWidgetClass *widget_class);
void sg_interests_page_class_init_import_export (GtkWidgetClass *widget_class);

G_END_DECLS
