/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the files of the Past Posts page share: the page's fields and the entry points each part
 * calls. sg-past-posts-page.c is the page: its template, its context, what the parts all use,
 * and the public API; -import.c importing an archive and the audit running (progress, stop, the
 * end); -bluesky.c auditing the signed-in Bluesky account's own posts; -audits.c the stored
 * audits (the dropdown, the summary of the one shown, deleting one); -listing.c an audit's
 * flagged posts as a list (read as heads, the filters, the search, a page at a time); -rows.c
 * the posts' bodies and the rows made for them; -review.c what a row asks for (keep, mark
 * deleted, delete on the platform); -appraisal.c the appraisal record. */
#pragma once

#include <adwaita.h>

#include "sg-audit.h"
#include "sg-audit-item-list.h"
#include "sg-past-post-row.h"
#include "sg-past-posts-page.h"

G_BEGIN_DECLS

struct _SgPastPostsPage
{
  GtkWidget           parent_instance;

  /* Template children */
  GtkDropDown        *audit_dropdown;
  GtkDropDown        *category_dropdown;
  GtkLabel           *categories_label;
  GtkWidget          *delete_button;
  GtkWidget          *export_button;
  GtkWidget          *filter_box;
  GtkLabel           *more_label;
  GtkRevealer        *more_revealer;
  GtkWidget          *import_button;
  GtkWidget          *bluesky_button;
  GtkWidget          *bluesky_empty_button;
  GtkListView        *list;
  GtkWidget          *no_match_label;
  GtkLabel           *note_label;
  GtkDropDown        *platform_dropdown;
  GtkProgressBar     *progress_bar;
  GtkLabel           *progress_label;
  GtkRevealer        *progress_revealer;
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkWidget          *stop_button;
  GtkLabel           *summary_label;
  GtkDropDown        *year_dropdown;

  SgContext          *context;
  GCancellable       *cancellable;        /* of the page: store jobs */
  GCancellable       *audit_cancellable;  /* of the audit running, or NULL */
  SgAudit            *running;
  gboolean            listing;            /* the Bluesky account's posts are being read */

  GPtrArray          *audits;             /* SgAuditRecord*, newest first */
  gint64              shown_id;
  gint64              loading_id;         /* its posts are being read */
  gint64              want_id;            /* to show once the list is read again */
  gboolean            filling_audits;     /* the dropdown is being refilled */
  SgAuditItemList    *items;              /* SgAuditItem* of the audit shown */
  GtkFilterListModel *filtered;
  GtkSliceListModel  *slice;              /* what the list view shows of it */
  guint               slice_target;       /* what the slice grows to, a few rows a frame */
  guint               grow_id;            /* the tick callback growing it */
  GtkCustomFilter    *filter;
  /* What the filter dropdowns hold, after "All …" at 0. */
  GArray             *filter_categories;  /* SgCategory */
  GPtrArray          *filter_platforms;   /* char* */
  GArray             *filter_years;       /* int */
  gboolean            filling_filters;
  char               *search_folded;      /* NULL: no search */
  GHashTable         *search_ids;         /* gint64* row ids its search found, or NULL */
  gint64              search_audit;       /* the audit search_ids are of */
  guint               search_serial;      /* a search's result is used if still the last */
  gboolean            searching;          /* the last search has not answered yet */
  /* The posts' bodies (text, findings) are read from the store for the rows on screen, a
   * batch on a worker, and kept for the last CACHE_SIZE posts and every post bound to a row. */
  GQueue              cached;             /* SgAuditItem* with a body, most recent first */
  GHashTable         *bound;              /* SgAuditItem* → rows made for it */
  GHashTable         *waiting;            /* GtkListItem* bound to a post without its body */
  GPtrArray          *wanted;             /* SgAuditItem* whose bodies to read next */
  gboolean            reading;            /* a batch of bodies is being read */
  char               *token;              /* for tests: used instead of the keyring's */
};

/* GTK 4.8's list view makes a row for up to 200 items of its model whatever is on screen,
 * and a row takes a few milliseconds on the main loop (styles, wrapped text), so thousands of
 * flagged posts froze the window for a second. It is given them a page at a time, and a page
 * a row a frame: on a busy two-core machine a row and the layout it sets off take 10-15 ms,
 * so four a frame made frames of 25-75 ms (bench-past-posts-gaps); the first screenful still
 * comes within a tenth of a second. The filters and the search still run over all of them. */
#define PAGE_SIZE      25
#define ROWS_PER_FRAME 1
/* Bodies kept for posts no row shows: a few screenfuls back and forth (issue 14). */
#define CACHE_SIZE     200

static inline SgStore *
get_store (SgPastPostsPage *self)
{
  return self->context != NULL ? sg_context_get_store (self->context) : NULL;
}

static inline SgAnalyzer *
get_analyzer (SgPastPostsPage *self)
{
  return self->context != NULL ? sg_context_get_analyzer (self->context) : NULL;
}

static inline GSettings *
get_settings (SgPastPostsPage *self)
{
  return self->context != NULL ? sg_context_get_settings (self->context) : NULL;
}

/* sg-past-posts-page.c: the signals, and what more than one part says or asks. */
void                 sg_past_posts_page_emit_loaded          (SgPastPostsPage *self);
void                 sg_past_posts_page_emit_deleted         (SgPastPostsPage *self);
char                *sg_past_posts_format_count              (guint            n);
char                *sg_past_posts_format_day                (gint64           unix_time);
const char          *sg_past_posts_platform_name             (const char      *id);
/* The record of the audit shown, or NULL. */
const SgAuditRecord *sg_past_posts_page_shown_record         (SgPastPostsPage *self);
/* What a store job of the page handed back. NULL when it failed, which is said in a toast
 * unless the job was cancelled (the page is going); @cancelled, if not NULL, says whether it
 * was, for the callers that reset a flag only when it was not. */
gpointer             sg_past_posts_page_job_result           (SgPastPostsPage *self,
                                                              GAsyncResult    *result,
                                                              gboolean        *cancelled);
/* Asks whether to delete something for good: "_Cancel" (the default, and Escape) or
 * "_Delete" (in red), answered with "cancel" or "delete" in "response". */
GtkWidget           *sg_past_posts_page_new_delete_dialog    (SgPastPostsPage *self,
                                                              const char      *heading,
                                                              const char      *body);
/* The token sg_secrets_lookup_async() found for @account, or NULL with @error set: a keyring
 * with none for it is an error too, saying how to mend it. */
char                *sg_past_posts_secret_finish             (GAsyncResult    *result,
                                                              const char      *account,
                                                              GError         **error);

/* sg-past-posts-page-import.c: the audit running. */
/* Shows the progress bar and the Stop button while @audit runs or the Bluesky posts are being
 * listed (self->listing); NULL and not listing: neither. */
void                 sg_past_posts_page_set_running          (SgPastPostsPage *self,
                                                              SgAudit         *audit);
/* Runs @audit with self->audit_cancellable, showing its progress; once it ends, the audits are
 * read again and the one it stored is shown. */
void                 sg_past_posts_page_run_audit            (SgPastPostsPage *self,
                                                              SgAudit         *audit);
/* The store and the analyzer are there to audit with; if not, says so in a toast. */
gboolean             sg_past_posts_page_check_ready          (SgPastPostsPage *self);
gboolean             sg_past_posts_page_drop_cb              (GtkDropTarget   *target,
                                                              const GValue    *value,
                                                              double           x,
                                                              double           y,
                                                              SgPastPostsPage *self);

/* sg-past-posts-page-bluesky.c */
void                 sg_past_posts_page_update_bluesky_buttons (SgPastPostsPage *self);

/* sg-past-posts-page-audits.c */
void                 sg_past_posts_page_load_audits          (SgPastPostsPage *self);
void                 sg_past_posts_page_update_summary       (SgPastPostsPage *self);
void                 sg_past_posts_page_audit_selected_cb    (SgPastPostsPage *self);
GtkListItemFactory  *sg_past_posts_page_new_audit_name_factory (void);

/* sg-past-posts-page-listing.c */
void                 sg_past_posts_page_show_audit           (SgPastPostsPage *self,
                                                              gint64           id);
/* Lets go of the posts listed (their bodies at once, the rest on a worker) for @items (taken),
 * with the filtered model detached: the caller attaches it again once the filters are set. */
void                 sg_past_posts_page_take_items           (SgPastPostsPage *self,
                                                              SgAuditItemList *items);
void                 sg_past_posts_page_focus_out_of_list    (SgPastPostsPage *self);
gboolean             sg_past_posts_page_filter_func          (gpointer         object,
                                                              gpointer         user_data);
void                 sg_past_posts_page_filters_changed_cb   (SgPastPostsPage *self);

/* sg-past-posts-page-rows.c */
GtkListItemFactory  *sg_past_posts_page_new_row_factory      (SgPastPostsPage *self);
void                 sg_past_posts_page_forget_bodies        (SgPastPostsPage *self);

/* sg-past-posts-page-review.c: what a row asks for. */
void                 sg_past_posts_page_row_review_cb        (SgPastPostRow   *row,
                                                              int              status,
                                                              const char      *reason,
                                                              SgPastPostsPage *self);
void                 sg_past_posts_page_row_delete_online_cb (SgPastPostRow   *row,
                                                              SgPastPostsPage *self);

/* Each part installs its own actions ("past-posts.*") from the page's class_init. */
void sg_past_posts_page_class_init_import    (GtkWidgetClass *widget_class);
void sg_past_posts_page_class_init_bluesky   (GtkWidgetClass *widget_class);
void sg_past_posts_page_class_init_listing   (GtkWidgetClass *widget_class);
void sg_past_posts_page_class_init_audits    (GtkWidgetClass *widget_class);
void sg_past_posts_page_class_init_appraisal (GtkWidgetClass *widget_class);

G_END_DECLS
