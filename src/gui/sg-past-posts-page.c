/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Past Posts: audits of the archives the platforms let a doctor download. An archive is
 * imported (button or drop), or a signed-in Bluesky account's posts are listed over the API,
 * and every post goes through the analyzer on a worker thread
 * (SgAudit), and the posts that need attention are listed, most serious first, to be opened,
 * kept with a reason, or put on a list to delete by hand. Audits stay on this computer until
 * deleted. GMC (2013 ¶8) and the BMA: what is online can be found whatever the settings. */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-accounts.h"
#include "sg-appraisal.h"
#include "sg-audit.h"
#include "sg-audit-item-list.h"
#include "sg-bluesky-client.h"
#include "sg-bluesky-record.h"
#include "sg-error.h"
#include "sg-export.h"
#include "sg-mastodon-client.h"
#include "sg-publications.h"
#include "sg-secrets.h"
#include "sg-past-post-row.h"
#include "sg-past-posts-page.h"
#include "sg-platform.h"
#include "sg-store-job.h"
#include "sg-toast.h"
#include "sg-worker.h"

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

G_DEFINE_FINAL_TYPE (SgPastPostsPage, sg_past_posts_page, GTK_TYPE_WIDGET)

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

enum {
  LOADED,
  DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void load_audits (SgPastPostsPage *self);
static void update_bluesky_buttons (SgPastPostsPage *self);
static void read_bodies (SgPastPostsPage *self);

/* Helpers */

static SgStore *
get_store (SgPastPostsPage *self)
{
  return self->context != NULL ? sg_context_get_store (self->context) : NULL;
}

/* 1234567 → "1,234,567": the counts a doctor reads at a glance. */
static char *
format_count (guint n)
{
  g_autofree char *digits = g_strdup_printf ("%u", n);
  GString *s = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, digits[i]);
    }
  return g_string_free (s, FALSE);
}

static char *
format_day (gint64 unix_time)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (unix_time);
  g_autofree char *day = g_date_time_format (when, "%-d %B %Y");

  return g_strdup (g_strstrip (day));
}

static const char *
platform_name (const char *id)
{
  const SgPlatform *platform = sg_platform_lookup (id, NULL);

  return platform != NULL ? platform->name : id;
}

static const SgAuditRecord *
shown_record (SgPastPostsPage *self)
{
  for (guint i = 0; self->audits != NULL && i < self->audits->len; i++)
    {
      const SgAuditRecord *r = g_ptr_array_index (self->audits, i);

      if (r->id == self->shown_id)
        return r;
    }
  return NULL;
}

/* Filters */

static gboolean
filter_func (gpointer object,
             gpointer user_data)
{
  SgPastPostsPage *self = user_data;
  SgAuditItem *item = object;
  guint c = gtk_drop_down_get_selected (self->category_dropdown);
  guint p = gtk_drop_down_get_selected (self->platform_dropdown);
  guint y = gtk_drop_down_get_selected (self->year_dropdown);

  if (c != GTK_INVALID_LIST_POSITION && c > 0 && c <= self->filter_categories->len &&
      !(sg_audit_item_get_categories (item) &
        (1u << g_array_index (self->filter_categories, SgCategory, c - 1))))
    return FALSE;
  if (p != GTK_INVALID_LIST_POSITION && p > 0 && p <= self->filter_platforms->len &&
      g_strcmp0 (sg_audit_item_get_platform (item),
                 g_ptr_array_index (self->filter_platforms, p - 1)) != 0)
    return FALSE;
  if (y != GTK_INVALID_LIST_POSITION && y > 0 && y <= self->filter_years->len &&
      sg_audit_item_get_year (item) != g_array_index (self->filter_years, int, y - 1))
    return FALSE;
  if (self->search_ids != NULL)
    {
      gint64 id = sg_audit_item_get_id (item);

      if (!g_hash_table_contains (self->search_ids, &id))
        return FALSE;
    }
  return TRUE;
}

static void
update_no_match (SgPastPostsPage *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint n_listed = MIN (self->slice_target, n_shown);

  /* "No posts match" waits for the search to answer. */
  gtk_widget_set_visible (self->no_match_label, n_items > 0 && n_shown == 0 && !self->searching);
  gtk_widget_set_visible (self->filter_box, n_items > 0);
  gtk_revealer_set_reveal_child (self->more_revealer, n_listed < n_shown);
  if (n_listed < n_shown)
    {
      g_autofree char *listed = format_count (n_listed);
      g_autofree char *shown = format_count (n_shown);
      g_autofree char *text = g_strdup_printf (_("Showing the first %s of %s posts"), listed,
                                               shown);

      gtk_label_set_text (self->more_label, text);
    }
}

static gboolean
grow_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       data)
{
  SgPastPostsPage *self = SG_PAST_POSTS_PAGE (widget);
  guint size = gtk_slice_list_model_get_size (self->slice);

  if (size < self->slice_target)
    gtk_slice_list_model_set_size (self->slice, MIN (size + ROWS_PER_FRAME, self->slice_target));
  update_no_match (self);
  if (gtk_slice_list_model_get_size (self->slice) < self->slice_target)
    return G_SOURCE_CONTINUE;
  self->grow_id = 0;
  return G_SOURCE_REMOVE;
}

/* Shows @n rows of the filtered posts: fewer at once, the rest over the next frames. */
static void
list_rows (SgPastPostsPage *self,
           guint            n)
{
  self->slice_target = n;
  if (gtk_slice_list_model_get_size (self->slice) > n)
    gtk_slice_list_model_set_size (self->slice, n);
  if (self->grow_id == 0)
    self->grow_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), grow_tick_cb, NULL, NULL);
}

static void
more_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SgPastPostsPage *self = SG_PAST_POSTS_PAGE (widget);

  list_rows (self, self->slice_target + PAGE_SIZE);
}

/* GTK 4.8's list view fails an assertion in its next allocation when the row holding the
 * focus is filtered away; a row's button has the focus after Keep or Delete This One. The
 * focus goes to the search field first: that is where a filter is changed from anyway. */
static void
focus_out_of_list (SgPastPostsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list)))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
refilter (SgPastPostsPage *self)
{
  focus_out_of_list (self);
  gtk_slice_list_model_set_size (self->slice, 0);
  list_rows (self, PAGE_SIZE);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_no_match (self);
}

/* A search reads the texts from the store on a worker, as the list holds none of them. */
typedef struct {
  gint64  audit_id;
  char   *folded;
  guint   serial;
} SearchJob;

static void
search_job_free (gpointer data)
{
  SearchJob *job = data;

  g_free (job->folded);
  g_free (job);
}

static gpointer
search_job (SgStore  *store,
            gpointer  data,
            GError  **error)
{
  SearchJob *job = data;

  return sg_audits_search_posts (store, job->audit_id, job->folded, error);
}

static void
searched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  SgPastPostsPage *self = SG_PAST_POSTS_PAGE (object);
  guint serial = GPOINTER_TO_UINT (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) ids = g_task_propagate_pointer (G_TASK (result), &error);

  if (ids == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          if (serial == self->search_serial)
            self->searching = FALSE;
          sg_toast_show (GTK_WIDGET (self), error->message);
        }
      return;
    }
  /* Typed over, cleared or another audit shown since: a newer search (or none) applies. */
  if (serial != self->search_serial || self->search_folded == NULL)
    return;
  self->searching = FALSE;
  g_clear_pointer (&self->search_ids, g_hash_table_unref);
  self->search_ids = g_steal_pointer (&ids);
  refilter (self);
}

static void
start_search (SgPastPostsPage *self)
{
  SgStore *store = get_store (self);
  SearchJob *job;

  if (store == NULL || self->search_folded == NULL)
    return;
  job = g_new0 (SearchJob, 1);
  job->audit_id = self->shown_id;
  job->folded = g_strdup (self->search_folded);
  job->serial = ++self->search_serial;
  self->searching = TRUE;
  sg_store_job_run_full (self, store, self->cancellable, search_job, job, search_job_free,
                         (GDestroyNotify) g_hash_table_unref, searched_cb,
                         GUINT_TO_POINTER (job->serial));
}

static void
filters_changed_cb (SgPastPostsPage *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = NULL;
  g_autofree char *folded = NULL;

  /* Resetting the three dropdowns for a new audit is one change, not three passes. */
  if (self->filling_filters)
    return;
  stripped = g_strstrip (g_strdup (query));
  if (*stripped != '\0')
    folded = g_utf8_casefold (stripped, -1);
  if (g_strcmp0 (folded, self->search_folded) != 0 ||
      (folded != NULL && self->search_audit != self->shown_id))
    {
      g_free (self->search_folded);
      self->search_folded = g_steal_pointer (&folded);
      self->search_serial++;
      /* Until the new search answers, the list keeps showing what the last one found in this
       * audit; in another audit, nothing rather than everything. */
      self->searching = FALSE;
      if (self->search_folded == NULL)
        g_clear_pointer (&self->search_ids, g_hash_table_unref);
      else
        {
          if (self->search_ids == NULL || self->search_audit != self->shown_id)
            {
              g_clear_pointer (&self->search_ids, g_hash_table_unref);
              self->search_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
              self->search_audit = self->shown_id;
            }
          start_search (self);
        }
    }
  refilter (self);
}

static int
compare_years_desc (gconstpointer a,
                    gconstpointer b)
{
  return *(const int *) b - *(const int *) a;
}

/* What the list of an audit needs besides its posts: which categories, platforms and years
 * they have, gathered on the worker that reads them, so the main loop never walks them all. */
typedef struct {
  SgAuditItemList *items;
  guint       categories;  /* 1 << SgCategory */
  GPtrArray  *platforms;   /* char*, in order of first appearance */
  GArray     *years;       /* int, newest first */
} Listing;

static void
listing_free (gpointer data)
{
  Listing *l = data;

  g_clear_object (&l->items);
  g_ptr_array_unref (l->platforms);
  g_array_unref (l->years);
  g_free (l);
}

static Listing *
listing_new (GPtrArray *posts)
{
  Listing *l = g_new0 (Listing, 1);

  l->platforms = g_ptr_array_new_with_free_func (g_free);
  l->years = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; i < posts->len; i++)
    {
      SgAuditItem *item = g_ptr_array_index (posts, i);
      const char *platform = sg_audit_item_get_platform (item);
      int year = sg_audit_item_get_year (item);
      gboolean seen = FALSE;

      l->categories |= sg_audit_item_get_categories (item);
      for (guint j = 0; j < l->platforms->len && !seen; j++)
        seen = g_str_equal (g_ptr_array_index (l->platforms, j), platform);
      if (!seen)
        g_ptr_array_add (l->platforms, g_strdup (platform));
      seen = year == 0;
      for (guint j = 0; j < l->years->len && !seen; j++)
        seen = g_array_index (l->years, int, j) == year;
      if (!seen)
        g_array_append_val (l->years, year);
    }
  g_array_sort (l->years, compare_years_desc);
  l->items = sg_audit_item_list_new (g_ptr_array_ref (posts));
  return l;
}

/* The dropdowns offer only what the audit found, so no choice leads to an empty list. */
static void
fill_filters (SgPastPostsPage *self,
              Listing         *listing)
{
  g_autoptr(GtkStringList) categories = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) platforms = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) years = gtk_string_list_new (NULL);

  g_array_set_size (self->filter_categories, 0);
  g_ptr_array_unref (self->filter_platforms);
  self->filter_platforms = g_ptr_array_ref (listing->platforms);
  g_array_unref (self->filter_years);
  self->filter_years = g_array_ref (listing->years);

  gtk_string_list_append (categories, _("All categories"));
  for (SgCategory c = 0; c < SG_N_CATEGORIES; c++)
    if (listing->categories & (1u << c))
      {
        g_array_append_val (self->filter_categories, c);
        gtk_string_list_append (categories, sg_category_get_title (c));
      }
  gtk_string_list_append (platforms, _("All platforms"));
  for (guint i = 0; i < self->filter_platforms->len; i++)
    gtk_string_list_append (platforms, platform_name (g_ptr_array_index (self->filter_platforms, i)));
  gtk_string_list_append (years, _("All years"));
  for (guint i = 0; i < self->filter_years->len; i++)
    {
      g_autofree char *year = g_strdup_printf ("%d", g_array_index (self->filter_years, int, i));
      gtk_string_list_append (years, year);
    }

  self->filling_filters = TRUE;
  gtk_drop_down_set_model (self->category_dropdown, G_LIST_MODEL (categories));
  gtk_drop_down_set_model (self->platform_dropdown, G_LIST_MODEL (platforms));
  gtk_drop_down_set_model (self->year_dropdown, G_LIST_MODEL (years));
  gtk_drop_down_set_selected (self->category_dropdown, 0);
  gtk_drop_down_set_selected (self->platform_dropdown, 0);
  gtk_drop_down_set_selected (self->year_dropdown, 0);
  self->filling_filters = FALSE;
}

/* The summary */

static void
update_summary (SgPastPostsPage *self)
{
  const SgAuditRecord *r = shown_record (self);
  g_autoptr(GString) categories = g_string_new (NULL);
  g_autoptr(GString) note = g_string_new (NULL);
  g_autofree char *checked = NULL;
  g_autofree char *day = NULL;
  g_autofree char *summary = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items)), n_reviewed = 0;

  if (r == NULL)
    return;

  checked = format_count (r->n_checked);
  day = format_day (r->started_at);
  if (r->n_flagged == 0)
    /* Translators: "1,234 posts checked in archive.zip on 6 December 2026: none needs …" */
    summary = g_strdup_printf (ngettext ("%s post checked in %s on %s: none needs attention",
                                         "%s posts checked in %s on %s: none needs attention",
                                         r->n_checked), checked, r->file_name, day);
  else
    {
      g_autofree char *flagged = format_count (r->n_flagged);

      summary = g_strdup_printf (ngettext ("%s post checked in %s on %s: %s needs attention",
                                           "%s posts checked in %s on %s: %s need attention",
                                           r->n_checked), checked, r->file_name, day, flagged);
    }
  gtk_label_set_text (self->summary_label, summary);

  for (SgCategory c = 0; c < SG_N_CATEGORIES; c++)
    if (r->by_category[c] > 0)
      g_string_append_printf (categories, "%s%s %u", categories->len ? " · " : "",
                              sg_category_get_title (c), r->by_category[c]);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SgAuditItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      n_reviewed += sg_audit_item_get_status (item) != SG_AUDIT_STATUS_OPEN;
    }
  if (n > 0)
    g_string_append_printf (categories, ngettext ("\n%u of %u reviewed", "\n%u of %u reviewed", n),
                            n_reviewed, n);
  gtk_label_set_text (self->categories_label, categories->str);
  gtk_widget_set_visible (GTK_WIDGET (self->categories_label), categories->len > 0);

  switch (r->run)
    {
    case SG_AUDIT_RUN_STOPPED:
      g_string_append (note, _("This audit was stopped before the end of the archive: import "
                               "it again to check the rest."));
      break;
    case SG_AUDIT_RUN_RUNNING:
      if (self->running == NULL)
        g_string_append (note, _("SocialGuard closed before this audit finished: the posts "
                                 "listed were found before then. Import the archive again to "
                                 "check all of it."));
      break;
    case SG_AUDIT_RUN_FAILED:
      g_string_append_printf (note, _("The archive could not be read to the end: %s"),
                              r->error != NULL ? r->error : _("the data could not be saved"));
      break;
    case SG_AUDIT_RUN_DONE:
    default:
      break;
    }
  if (r->n_skipped > 0)
    g_string_append_printf (note, ngettext ("%s%u item of the archive could not be read and "
                                            "was not checked.",
                                            "%s%u items of the archive could not be read and "
                                            "were not checked.", r->n_skipped),
                            note->len ? " " : "", r->n_skipped);
  gtk_label_set_text (self->note_label, note->str);
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note->len > 0);
}

/* Reviews: each decision is written off the main loop, then shown */

typedef struct {
  SgAuditItem   *item;
  SgAuditStatus  status;
  char          *reason;
  gint64         at;
} ReviewJob;

static void
review_job_free (gpointer data)
{
  ReviewJob *job = data;

  g_object_unref (job->item);
  g_free (job->reason);
  g_free (job);
}

static gpointer
review_job (SgStore  *store,
            gpointer  data,
            GError  **error)
{
  ReviewJob *job = data;

  if (!sg_audits_review_post (store, sg_audit_item_get_id (job->item), job->status,
                              job->reason, job->at, error))
    return NULL;
  /* Deleted by hand on the platform: History keeps that too, as it keeps what was posted. */
  if (job->status == SG_AUDIT_STATUS_DELETED &&
      sg_publications_log_deletion (store, sg_audit_item_get_platform (job->item), NULL,
                                    sg_audit_item_get_url (job->item), SG_DELETION_BY_HAND,
                                    job->at, sg_audit_item_get_id (job->item), error) < 0)
    return NULL;
  return job;
}

static void
reviewed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  SgPastPostsPage *self = SG_PAST_POSTS_PAGE (object);
  g_autoptr(GError) error = NULL;
  ReviewJob *job = g_task_propagate_pointer (G_TASK (result), &error);

  if (job == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        sg_toast_show (GTK_WIDGET (self), error->message);
      return;
    }
  sg_audit_item_set_review (job->item, job->status, job->reason, job->at);
  /* What the last delete attempt said no longer applies to a decision made since. */
  sg_audit_item_set_note (job->item, NULL, FALSE);
  update_summary (self);
  if (job->status == SG_AUDIT_STATUS_DELETED)
    g_signal_emit (self, signals[DELETED], 0);
}

static void
row_review_cb (SgPastPostRow   *row,
               int              status,
               const char      *reason,
               SgPastPostsPage *self)
{
  SgStore *store = get_store (self);
  ReviewJob *job;

  if (store == NULL)
    return;
  job = g_new0 (ReviewJob, 1);
  job->item = g_object_ref (sg_past_post_row_get_item (row));
  job->status = status;
  job->reason = g_strdup (reason);
  job->at = g_get_real_time () / G_USEC_PER_SEC;
  /* The task's GCancellable is the page's; the job itself goes with the task. */
  sg_store_job_run (self, store, self->cancellable, review_job, job, review_job_free,
                    reviewed_cb, NULL);
}

/* Deleting a post on the platform: the account checked, the doctor asked, the secret read,
 * the delete sent, and the outcome stored and logged, each step off the main loop. The post
 * keeps its row whatever happens; what happened is written under it. */

typedef struct {
  SgPastPostsPage *self;      /* held until the end */
  SgAuditItem     *item;
  char            *platform;
  char            *server;
  char            *account;
  char            *owner;     /* from the post's address: "@name@server" or a DID */
  gboolean         already_gone;
  gint64           at;
} Deletion;

static void
deletion_free (Deletion *d)
{
  g_object_unref (d->self);
  g_object_unref (d->item);
  g_free (d->platform);
  g_free (d->server);
  g_free (d->account);
  g_free (d->owner);
  g_free (d);
}

static void
deletion_failed (Deletion     *d,
                 const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    sg_audit_item_set_note (d->item, NULL, FALSE);
  else
    sg_audit_item_set_note (d->item, error->message, FALSE);
  deletion_free (d);
}

static gpointer
deletion_store_job (SgStore  *store,
                    gpointer  data,
                    GError  **error)
{
  Deletion *d = data;
  SgDeletionHow how = d->already_gone ? SG_DELETION_ALREADY_GONE : SG_DELETION_PLATFORM;

  if (!sg_audits_review_post (store, sg_audit_item_get_id (d->item), SG_AUDIT_STATUS_DELETED,
                              NULL, d->at, error) ||
      sg_publications_log_deletion (store, d->platform, d->account,
                                    sg_audit_item_get_url (d->item), how, d->at,
                                    sg_audit_item_get_id (d->item), error) < 0)
    return NULL;
  return d;
}

static void
deletion_stored_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SgPastPostsPage *self = SG_PAST_POSTS_PAGE (object);
  Deletion *d = user_data;
  g_autoptr(GError) error = NULL;
  const SgPlatform *platform = sg_platform_lookup (d->platform, NULL);
  const char *name = platform != NULL ? platform->name : d->platform;
  g_autofree char *note = NULL;

  if (g_task_propagate_pointer (G_TASK (result), &error) == NULL)
    {
      /* Gone from the platform all the same: say so, so it is not tried again blindly. */
      g_autofree char *text = g_strdup_printf (_("Deleted from %s, but SocialGuard could not "
                                                 "record it: %s"), name, error->message);

      sg_audit_item_set_note (d->item, text, FALSE);
      deletion_free (d);
      return;
    }
  sg_audit_item_set_review (d->item, SG_AUDIT_STATUS_DELETED, NULL, d->at);
  if (d->already_gone)
    note = g_strdup_printf (_("It was already gone from %s, so it is marked deleted."), name);
  else
    note = g_strdup_printf (_("Deleted from %s. History has a note of it, without its text."),
                            name);
  sg_audit_item_set_note (d->item, note, FALSE);
  update_summary (self);
  g_signal_emit (self, signals[DELETED], 0);
  deletion_free (d);
}

static void
deletion_done (Deletion *d)
{
  SgStore *store = get_store (d->self);

  d->at = g_get_real_time () / G_USEC_PER_SEC;
  if (store == NULL)
    {
      sg_audit_item_set_note (d->item, _("Deleted, but your SocialGuard data could not be "
                                         "opened to record it."), FALSE);
      deletion_free (d);
      return;
    }
  /* The task holds the page; the Deletion goes to the callback whatever happens. */
  sg_store_job_run (d->self, store, NULL, deletion_store_job, d, NULL, deletion_stored_cb, d);
}

static void
mastodon_deleted_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Deletion *d = user_data;
  g_autoptr(GError) error = NULL;

  if (!sg_mastodon_client_delete_finish (SG_MASTODON_CLIENT (object), result, &d->already_gone,
                                         &error))
    deletion_failed (d, error);
  else
    deletion_done (d);
}

static void
bluesky_deleted_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Deletion *d = user_data;
  g_autoptr(GError) error = NULL;

  if (!sg_bluesky_client_delete_finish (SG_BLUESKY_CLIENT (object), result, &d->already_gone,
                                        &error))
    deletion_failed (d, error);
  else
    deletion_done (d);
}

static void
deletion_send (Deletion   *d,
               const char *token)
{
  const char *id = sg_audit_item_get_post_id (d->item);

  if (g_str_equal (d->platform, "mastodon"))
    {
      g_autoptr(SgMastodonClient) client = sg_mastodon_client_new (d->server, token);

      sg_mastodon_client_delete_async (client, id, d->self->cancellable, mastodon_deleted_cb, d);
    }
  else
    {
      g_autoptr(SgBlueskyClient) client = sg_bluesky_client_new (d->server, d->account, token);

      sg_bluesky_client_delete_async (client, d->owner, id, d->self->cancellable,
                                      bluesky_deleted_cb, d);
    }
}

static void
deletion_secret_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Deletion *d = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = sg_secrets_lookup_finish (result, &error);

  if (token == NULL && error == NULL)
    g_set_error (&error, SG_ERROR, SG_ERROR_SIGN_IN_NEEDED,
                 _("Your keyring has no sign-in for %s. Sign in again under Preferences → "
                   "Posting, then try again."), d->account);
  if (token == NULL)
    {
      deletion_failed (d, error);
      return;
    }
  deletion_send (d, token);
  memset (token, 0, strlen (token));
}

static void
deletion_confirmed_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       gpointer          user_data)
{
  Deletion *d = user_data;
  const SgPlatform *platform = sg_platform_lookup (d->platform, NULL);
  g_autofree char *busy = NULL;

  if (!g_str_equal (response, "delete"))
    {
      deletion_free (d);
      return;
    }
  busy = g_strdup_printf (_("Deleting from %s…"), platform != NULL ? platform->name : d->platform);
  sg_audit_item_set_note (d->item, busy, TRUE);
  if (d->self->token != NULL)
    deletion_send (d, d->self->token);
  else
    sg_secrets_lookup_async (d->platform, d->server, d->account, d->self->cancellable,
                             deletion_secret_cb, d);
}

static void
row_delete_online_cb (SgPastPostRow   *row,
                      SgPastPostsPage *self)
{
  SgAuditItem *item = sg_past_post_row_get_item (row);
  const char *platform_id = sg_audit_item_get_platform (item);
  const SgPlatform *platform = sg_platform_lookup (platform_id, NULL);
  const char *name = platform != NULL ? platform->name : platform_id;
  GSettings *settings = self->context != NULL ? sg_context_get_settings (self->context) : NULL;
  g_autofree char *server = NULL;
  g_autofree char *account = NULL;
  g_autofree char *owner = sg_audit_item_dup_owner (item);
  g_autofree char *heading = NULL;
  g_autofree char *note = NULL;
  Deletion *d;
  GtkWidget *dialog;

  if (sg_audit_item_get_busy (item))
    return;
  if (owner == NULL)
    note = g_strdup_printf (_("The archive gives no address for this post, so SocialGuard cannot "
                              "tell which account wrote it. Delete it on %s, then mark it "
                              "deleted."), name);
  else if (!sg_accounts_signed_in (settings, platform_id, &server, &account))
    note = g_strdup_printf (_("To delete it from here, sign in to the %s account that wrote it "
                              "under Preferences → Posting. Or delete it on %s, then mark it "
                              "deleted."), name, name);
  /* Mastodon names the account in the post's address; Bluesky's DID is checked against the
   * session's when signing in, as only the server knows whose DID it is. */
  else if (g_str_equal (platform_id, "mastodon") && g_ascii_strcasecmp (owner, account) != 0)
    note = g_strdup_printf (_("This post is from %s, and you are signed in as %s. Sign in to %s "
                              "under Preferences → Posting to delete it from here."),
                            owner, account, owner);
  if (note != NULL)
    {
      sg_audit_item_set_note (item, note, FALSE);
      return;
    }

  d = g_new0 (Deletion, 1);
  d->self = g_object_ref (self);
  d->item = g_object_ref (item);
  d->platform = g_strdup (platform_id);
  d->server = g_steal_pointer (&server);
  d->account = g_steal_pointer (&account);
  d->owner = g_steal_pointer (&owner);

  /* Translators: %s is "Mastodon" or "Bluesky". */
  heading = g_strdup_printf (_("Delete this post from %s?"), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   heading, NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("This cannot be undone. It is removed for everyone who can "
                                    "see it; SocialGuard keeps only its address and the date, "
                                    "in History."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (deletion_confirmed_cb), d);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The posts' bodies. The list holds each flagged post without its text and findings (issue 14:
 * 30,000 of them with their text came to 3× the archive's text); a row's post is read with the
 * next page of the list in one statement on a worker, kept while a row shows it and for the
 * last CACHE_SIZE posts read, and let go after. */

static void
forget_bodies (SgPastPostsPage *self)
{
  SgAuditItem *item;

  while ((item = g_queue_pop_head (&self->cached)) != NULL)
    {
      sg_audit_item_drop_body (item);
      g_object_unref (item);
    }
  g_ptr_array_set_size (self->wanted, 0);
}

/* Marks @item's body as just used, and lets go of the oldest no row shows. */
static void
touch_body (SgPastPostsPage *self,
            SgAuditItem     *item)
{
  GList *link = g_queue_find (&self->cached, item);

  if (link != NULL)
    {
      g_queue_unlink (&self->cached, link);
      g_queue_push_head_link (&self->cached, link);
    }
  else
    g_queue_push_head (&self->cached, g_object_ref (item));

  for (GList *l = self->cached.tail; l != NULL && self->cached.length > CACHE_SIZE;)
    {
      GList *prev = l->prev;

      if (!g_hash_table_contains (self->bound, l->data))
        {
          sg_audit_item_drop_body (l->data);
          g_object_unref (l->data);
          g_queue_delete_link (&self->cached, l);
        }
      l = prev;
    }
}

static void make_row (SgPastPostsPage *self,
                      GtkListItem     *list_item);

typedef struct {
  GPtrArray *items;  /* SgAuditItem*, the heads asked for */
  GArray    *ids;    /* gint64, theirs: the worker reads nothing of the items */
} BodyJob;

static void
body_job_free (gpointer data)
{
  BodyJob *job = data;

  g_ptr_array_unref (job->items);
  g_array_unref (job->ids);
  g_free (job);
}

static gpointer
body_job (SgStore  *store,
          gpointer  data,
          GError  **error)
{
  BodyJob *job = data;

  return sg_audits_read_posts (store, (const gint64 *) (gpointer) job->ids->data,
                               job->ids->len, error);
}

static void
bodies_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SgPastPostsPage *self = SG_PAST_POSTS_PAGE (object);
  BodyJob *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) posts = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTableIter iter;
  gpointer key;

  if (posts == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          self->reading = FALSE;
          sg_toast_show (GTK_WIDGET (self), error->message);
        }
      body_job_free (job);
      return;
    }
  self->reading = FALSE;
  for (guint i = 0; i < job->items->len; i++)
    {
      SgAuditItem *item = g_ptr_array_index (job->items, i);

      g_hash_table_insert (by_id, &g_array_index (job->ids, gint64, i), item);
    }
  for (guint i = 0; i < posts->len; i++)
    {
      SgAuditItem *post = g_ptr_array_index (posts, i);
      gint64 id = sg_audit_item_get_id (post);
      SgAuditItem *item = g_hash_table_lookup (by_id, &id);

      /* Another audit shown since: its posts are let go, not cached. */
      if (item == NULL || sg_audit_item_has_body (item) ||
          sg_audit_item_get_audit_id (item) != self->shown_id)
        continue;
      sg_audit_item_set_body (item, sg_audit_item_get_text (post),
                              sg_audit_item_get_content_warning (post),
                              sg_audit_item_get_media (post), sg_audit_item_get_findings (post));
      touch_body (self, item);
    }
  body_job_free (job);

  /* The rows waiting for these posts are made now; the rest wait for the next batch. */
  g_hash_table_iter_init (&iter, self->waiting);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      GtkListItem *list_item = key;
      SgAuditItem *item = gtk_list_item_get_item (list_item);

      if (item != NULL && sg_audit_item_has_body (item))
        {
          g_hash_table_iter_remove (&iter);
          make_row (self, list_item);
        }
    }
  if (self->wanted->len > 0)
    read_bodies (self);
}

static void
read_bodies (SgPastPostsPage *self)
{
  SgStore *store = get_store (self);
  BodyJob *job;

  if (self->reading || self->wanted->len == 0 || store == NULL)
    return;
  job = g_new0 (BodyJob, 1);
  job->items = g_ptr_array_new_with_free_func (g_object_unref);
  job->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < self->wanted->len; i++)
    {
      SgAuditItem *item = g_ptr_array_index (self->wanted, i);
      gint64 id = sg_audit_item_get_id (item);

      if (sg_audit_item_has_body (item))
        continue;
      g_ptr_array_add (job->items, g_object_ref (item));
      g_array_append_val (job->ids, id);
    }
  g_ptr_array_set_size (self->wanted, 0);
  if (job->items->len == 0)
    {
      body_job_free (job);
      return;
    }
  self->reading = TRUE;
  if (!sg_store_job_run_full (self, store, self->cancellable, body_job, job, NULL,
                              (GDestroyNotify) g_ptr_array_unref, bodies_read_cb, job))
    {
      self->reading = FALSE;
      body_job_free (job);
    }
}

/* Asks for the post at @position of the filtered list and the rest of its page, which the
 * list is about to show one a frame. */
static void
want_bodies (SgPastPostsPage *self,
             guint            position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  for (guint i = position; i < n && i < position + PAGE_SIZE; i++)
    {
      g_autoptr(SgAuditItem) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);

      if (!sg_audit_item_has_body (item) && !g_ptr_array_find (self->wanted, item, NULL))
        g_ptr_array_add (self->wanted, g_object_ref (item));
    }
  read_bodies (self);
}

/* Each row is made when the list view binds an item to a place on screen and its body has
 * been read, and dropped when it scrolls away: the item keeps the state, so nothing is lost.
 * The list item's own child is a holder that stays, as GTK 4.8's list view expects a child
 * once set up. */
static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          SgPastPostsPage          *self)
{
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_child (list_item, adw_bin_new ());
}

static void
make_row (SgPastPostsPage *self,
          GtkListItem     *list_item)
{
  GtkWidget *row = sg_past_post_row_new (gtk_list_item_get_item (list_item));

  g_signal_connect_object (row, "review", G_CALLBACK (row_review_cb), self, 0);
  g_signal_connect_object (row, "delete-online", G_CALLBACK (row_delete_online_cb), self, 0);
  adw_bin_set_child (ADW_BIN (gtk_list_item_get_child (list_item)), row);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         SgPastPostsPage          *self)
{
  SgAuditItem *item = gtk_list_item_get_item (list_item);
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->bound, item));

  g_hash_table_insert (self->bound, g_object_ref (item), GUINT_TO_POINTER (n + 1));
  if (sg_audit_item_has_body (item))
    {
      touch_body (self, item);
      make_row (self, list_item);
      return;
    }
  g_hash_table_add (self->waiting, list_item);
  want_bodies (self, gtk_list_item_get_position (list_item));
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           SgPastPostsPage          *self)
{
  SgAuditItem *item = gtk_list_item_get_item (list_item);
  guint n;

  adw_bin_set_child (ADW_BIN (gtk_list_item_get_child (list_item)), NULL);
  g_hash_table_remove (self->waiting, list_item);
  if (item == NULL)
    return;
  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->bound, item));
  if (n > 1)
    g_hash_table_insert (self->bound, g_object_ref (item), GUINT_TO_POINTER (n - 1));
  else
    g_hash_table_remove (self->bound, item);
}

/* Loading an audit and the list of audits */

static gpointer
list_posts_job (SgStore  *store,
                gpointer  data,
                GError  **error)
{
  g_autoptr(GPtrArray) posts = sg_audits_list_post_heads (store, *(gint64 *) data, error);
  Listing *listing = posts != NULL ? listing_new (posts) : NULL;

  /* Reading them parsed every post's findings on this worker: give that back. */
  sg_audit_release_memory ();
  return listing;
}

static gpointer
drop_items_work (gpointer       items,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_object_unref (items);
  sg_audit_release_memory ();
  return NULL;
}

/* The posts of the audit shown before go on a worker: finalizing tens of thousands of them is
 * a stall of its own. The list has let go of them; an item a row still holds is finalized
 * when the row lets go, on the main loop. */
static void
drop_items (SgAuditItemList *items)
{
  sg_worker_run (NULL, NULL, drop_items_work, items, NULL, NULL, NULL, NULL);
}

static void
posts_listed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SgPastPostsPage *self = SG_PAST_POSTS_PAGE (object);
  g_autoptr(GError) error = NULL;
  Listing *listing = g_task_propagate_pointer (G_TASK (result), &error);

  if (listing == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        sg_toast_show (GTK_WIDGET (self), error->message);
      return;
    }
  self->shown_id = self->loading_id;
  focus_out_of_list (self);
  gtk_slice_list_model_set_size (self->slice, 0);
  list_rows (self, PAGE_SIZE);
  /* The store was filled on the worker. The old one is let go first, so that resetting the
   * filters passes over nothing; the filter then makes one pass over the new one. */
  gtk_filter_list_model_set_model (self->filtered, NULL);
  forget_bodies (self);
  drop_items (self->items);
  self->items = g_steal_pointer (&listing->items);
  fill_filters (self, listing);
  listing_free (listing);
  filters_changed_cb (self);
  gtk_filter_list_model_set_model (self->filtered, G_LIST_MODEL (self->items));
  update_summary (self);
  gtk_stack_set_visible_child_name (self->stack, "results");
  g_signal_emit (self, signals[LOADED], 0);
}

static void
show_audit (SgPastPostsPage *self,
            gint64           id)
{
  SgStore *store = get_store (self);

  self->loading_id = id;
  if (store == NULL)
    return;
  sg_store_job_run_full (self, store, self->cancellable, list_posts_job,
                         g_memdup2 (&id, sizeof id), g_free, listing_free, posts_listed_cb, NULL);
}

static void
fill_audit_dropdown (SgPastPostsPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  for (guint i = 0; i < self->audits->len; i++)
    {
      const SgAuditRecord *r = g_ptr_array_index (self->audits, i);
      g_autofree char *day = format_day (r->started_at);
      g_autofree char *name = NULL;

      /* Translators: an audit in the list of stored audits: "archive.zip, 6 December 2026". */
      name = g_strdup_printf (_("%s, %s"), r->file_name, day);
      gtk_string_list_append (names, name);
      if (r->id == self->want_id)
        selected = i;
    }
  self->filling_audits = TRUE;
  gtk_drop_down_set_model (self->audit_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->audit_dropdown, selected);
  self->filling_audits = FALSE;
}

static gpointer
list_audits_job (SgStore  *store,
                 gpointer  data,
                 GError  **error)
{
  return sg_audits_list (store, error);
}

static void
audits_listed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SgPastPostsPage *self = SG_PAST_POSTS_PAGE (object);
  g_autoptr(GError) error = NULL;
  GPtrArray *audits = g_task_propagate_pointer (G_TASK (result), &error);
  gboolean any;

  if (audits == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        sg_toast_show (GTK_WIDGET (self), error->message);
      return;
    }
  g_clear_pointer (&self->audits, g_ptr_array_unref);
  self->audits = audits;
  any = audits->len > 0;
  gtk_widget_set_visible (GTK_WIDGET (self->audit_dropdown), any);
  gtk_widget_set_visible (self->delete_button, any);
  gtk_widget_set_visible (self->export_button, any);
  /* With none, the empty page has its own, larger Import button. */
  gtk_widget_set_visible (self->import_button, any);
  update_bluesky_buttons (self);
  fill_audit_dropdown (self);

  if (!any)
    {
      self->shown_id = 0;
      focus_out_of_list (self);
      /* The last audit's posts go the same way as when another is shown: on a worker. */
      gtk_filter_list_model_set_model (self->filtered, NULL);
      forget_bodies (self);
      drop_items (self->items);
      self->items = sg_audit_item_list_new (NULL);
      gtk_filter_list_model_set_model (self->filtered, G_LIST_MODEL (self->items));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      g_signal_emit (self, signals[LOADED], 0);
      return;
    }
  show_audit (self, ((SgAuditRecord *) g_ptr_array_index (audits,
                     gtk_drop_down_get_selected (self->audit_dropdown)))->id);
}

static void
load_audits (SgPastPostsPage *self)
{
  SgStore *store = get_store (self);

  if (store == NULL)
    return;
  sg_store_job_run (self, store, self->cancellable, list_audits_job, NULL, NULL,
                    audits_listed_cb, NULL);
}

static void
audit_selected_cb (SgPastPostsPage *self)
{
  guint i = gtk_drop_down_get_selected (self->audit_dropdown);

  if (self->filling_audits || self->audits == NULL || i >= self->audits->len)
    return;
  self->want_id = ((SgAuditRecord *) g_ptr_array_index (self->audits, i))->id;
  show_audit (self, self->want_id);
}

/* Running an audit */

static void
audit_progress_cb (SgAudit         *audit,
                   guint            n_done,
                   double           fraction,
                   SgPastPostsPage *self)
{
  g_autofree char *done = format_count (n_done);
  g_autofree char *text = NULL;

  /* The total is only known at the end: the share of the file read gives an estimate once
   * enough of it has been read to be worth saying. */
  if (fraction >= 0.02 && fraction < 1.0)
    {
      guint about = (guint) (n_done / fraction);
      g_autofree char *total = NULL;

      guint scale = 1;

      /* Two significant figures: "about 5,000", not "about 4,987". */
      while (about / scale >= 100)
        scale *= 10;
      about = (about + scale / 2) / scale * scale;
      total = format_count (MAX (about, n_done));
      text = g_strdup_printf (_("%s of about %s posts checked"), done, total);
    }
  else
    text = g_strdup_printf (ngettext ("%s post checked", "%s posts checked", n_done), done);
  gtk_label_set_text (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
}

static void
set_running (SgPastPostsPage *self,
             SgAudit         *audit)
{
  gboolean running = audit != NULL || self->listing;

  g_set_object (&self->running, audit);
  gtk_revealer_set_reveal_child (self->progress_revealer, running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "past-posts.import", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "past-posts.audit-bluesky", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "past-posts.delete-audit", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "past-posts.stop", running);
}

static void
audit_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  SgPastPostsPage *self = user_data;   /* a reference, held for the audit */
  SgAudit *audit = SG_AUDIT (object);
  g_autoptr(GError) error = NULL;
  gint64 id = sg_audit_run_finish (audit, result, &error);

  g_clear_object (&self->audit_cancellable);
  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL || self->context != NULL)
    {
      set_running (self, NULL);
      if (id == 0)
        sg_toast_show (GTK_WIDGET (self), error->message);
      else
        {
          const SgAuditRecord *r = sg_audit_get_record (audit);

          if (r->run == SG_AUDIT_RUN_STOPPED)
            sg_toast_show (GTK_WIDGET (self), _("Audit stopped; the posts checked so far are "
                                                "kept"));
          self->want_id = id;
        }
      /* Also after an error: a store that refused a write may have kept part of it. */
      load_audits (self);
    }
  g_object_unref (self);
}

void
sg_past_posts_page_import (SgPastPostsPage *self,
                           GFile           *file)
{
  g_autoptr(SgAudit) audit = NULL;
  g_autofree char *path = NULL;
  SgStore *store;
  SgAnalyzer *analyzer;

  g_return_if_fail (SG_IS_PAST_POSTS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  store = get_store (self);
  analyzer = self->context != NULL ? sg_context_get_analyzer (self->context) : NULL;
  if (self->running != NULL || self->listing)
    {
      sg_toast_show (GTK_WIDGET (self), _("An audit is already running: stop it or wait for it "
                                          "to finish"));
      return;
    }
  if (store == NULL || analyzer == NULL)
    {
      sg_toast_show (GTK_WIDGET (self), _("SocialGuard is still starting; try again in a "
                                          "moment"));
      return;
    }
  path = g_file_get_path (file);
  if (path == NULL)
    {
      sg_toast_show (GTK_WIDGET (self), _("This file is not on this computer: download it "
                                          "first, then import it"));
      return;
    }

  audit = sg_audit_new (store, analyzer, path);
  g_signal_connect_object (audit, "progress", G_CALLBACK (audit_progress_cb), self, 0);
  self->audit_cancellable = g_cancellable_new ();
  gtk_label_set_text (self->progress_label, _("Reading the archive…"));
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  set_running (self, audit);
  sg_audit_run_async (audit, self->audit_cancellable, audit_done_cb, g_object_ref (self));
}

/* Auditing the signed-in Bluesky account's own posts: they are listed over the API (the
 * token from the keyring), read as past posts, and audited like an archive's. */

static void
update_bluesky_buttons (SgPastPostsPage *self)
{
  GSettings *settings = self->context != NULL ? sg_context_get_settings (self->context) : NULL;
  gboolean signed_in = settings != NULL && sg_accounts_signed_in (settings, "bluesky", NULL, NULL);
  gboolean any = self->audits != NULL && self->audits->len > 0;

  /* With no audit yet the empty page has its own, larger button. */
  gtk_widget_set_visible (self->bluesky_button, signed_in && any);
  gtk_widget_set_visible (self->bluesky_empty_button, signed_in);
}

static void
end_listing (SgPastPostsPage *self,
             const GError    *error)
{
  self->listing = FALSE;
  g_clear_object (&self->audit_cancellable);
  set_running (self, NULL);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    sg_toast_show (GTK_WIDGET (self), _("Stopped before any post was checked"));
  else if (error != NULL)
    sg_toast_show (GTK_WIDGET (self), error->message);
}

typedef struct {
  GPtrArray *records;   /* JsonObject, as listed */
  char      *handle;
} Listed;

static void
listed_free (gpointer data)
{
  Listed *l = data;

  g_clear_pointer (&l->records, g_ptr_array_unref);
  g_free (l->handle);
  g_free (l);
}

/* On a worker: thousands of records take longer to read than a frame. A record the reader
 * cannot take is left out; the server lists only this collection's, so that is a damaged
 * record, not a post unseen. */
static gpointer
read_records_work (gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  Listed *l = data;
  GPtrArray *posts = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_past_post_free);

  for (guint i = 0; i < l->records->len; i++)
    {
      SgPastPost *post = sg_bluesky_record_to_post (g_ptr_array_index (l->records, i), NULL);

      if (post != NULL)
        g_ptr_array_add (posts, post);
    }
  g_clear_pointer (&l->records, g_ptr_array_unref);
  return posts;
}

static void
records_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SgPastPostsPage *self = user_data;   /* a reference, held for the listing */
  Listed *l = sg_worker_get_data (result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) posts = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(SgAudit) audit = NULL;
  g_autofree char *name = NULL;
  SgStore *store = get_store (self);
  SgAnalyzer *analyzer = self->context != NULL ? sg_context_get_analyzer (self->context) : NULL;

  if (self->context == NULL)
    {
      g_object_unref (self);
      return;
    }
  if (posts == NULL || store == NULL || analyzer == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, SG_ERROR, SG_ERROR_FAILED,
                             _("SocialGuard is still starting; try again in a moment"));
      end_listing (self, error);
      g_object_unref (self);
      return;
    }

  /* Translators: the name an audit of a signed-in account is listed under; %s is the handle. */
  name = g_strdup_printf (_("Bluesky account @%s"), l->handle);
  audit = sg_audit_new_for_posts (store, analyzer, posts, name);
  g_signal_connect_object (audit, "progress", G_CALLBACK (audit_progress_cb), self, 0);
  self->listing = FALSE;
  set_running (self, audit);
  sg_audit_run_async (audit, self->audit_cancellable, audit_done_cb, self);   /* keeps the ref */
}

static void
bluesky_listed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SgPastPostsPage *self = user_data;   /* a reference, held for the listing */
  g_autoptr(GError) error = NULL;
  Listed *l = g_new0 (Listed, 1);

  l->records = sg_bluesky_client_list_posts_finish (SG_BLUESKY_CLIENT (object), result,
                                                    &l->handle, &error);
  if (self->context == NULL || l->records == NULL)
    {
      if (self->context != NULL)
        end_listing (self, error);
      listed_free (l);
      g_object_unref (self);
      return;
    }
  sg_worker_run (self, self->audit_cancellable, read_records_work, l, listed_free,
                 (GDestroyNotify) g_ptr_array_unref, records_read_cb, self);
}

static void
bluesky_list (SgPastPostsPage *self,
              const char      *server,
              const char      *account,
              const char      *token)
{
  g_autoptr(SgBlueskyClient) client = sg_bluesky_client_new (server, account, token);

  sg_bluesky_client_list_posts_async (client, self->audit_cancellable, bluesky_listed_cb,
                                      g_object_ref (self));
}

typedef struct {
  SgPastPostsPage *self;
  char            *server;
  char            *account;
} BlueskyLookup;

static void
bluesky_secret_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  BlueskyLookup *l = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = sg_secrets_lookup_finish (result, &error);

  if (l->self->context != NULL)
    {
      if (token == NULL && error == NULL)
        g_set_error (&error, SG_ERROR, SG_ERROR_SIGN_IN_NEEDED,
                     _("Your keyring has no sign-in for %s. Sign in again under Preferences → "
                       "Posting, then try again."), l->account);
      if (token == NULL)
        end_listing (l->self, error);
      else
        {
          bluesky_list (l->self, l->server, l->account, token);
          memset (token, 0, strlen (token));
        }
    }
  g_object_unref (l->self);
  g_free (l->server);
  g_free (l->account);
  g_free (l);
}

static void
audit_bluesky_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SgPastPostsPage *self = SG_PAST_POSTS_PAGE (widget);
  GSettings *settings = self->context != NULL ? sg_context_get_settings (self->context) : NULL;
  g_autofree char *server = NULL;
  g_autofree char *account = NULL;

  if (self->running != NULL || self->listing)
    return;
  if (get_store (self) == NULL || sg_context_get_analyzer (self->context) == NULL)
    {
      sg_toast_show (widget, _("SocialGuard is still starting; try again in a moment"));
      return;
    }
  if (!sg_accounts_signed_in (settings, "bluesky", &server, &account))
    {
      sg_toast_show (widget, _("Sign in to Bluesky under Preferences → Posting first"));
      return;
    }

  self->listing = TRUE;
  self->audit_cancellable = g_cancellable_new ();
  gtk_label_set_text (self->progress_label, _("Reading your posts from Bluesky…"));
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  set_running (self, NULL);
  if (self->token != NULL)
    bluesky_list (self, server, account, self->token);
  else
    {
      BlueskyLookup *l = g_new0 (BlueskyLookup, 1);

      l->self = g_object_ref (self);
      l->server = g_strdup (server);
      l->account = g_strdup (account);
      sg_secrets_lookup_async ("bluesky", server, account, self->cancellable, bluesky_secret_cb,
                               l);
    }
}

/* Actions */

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     SgPastPostsPage *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    sg_past_posts_page_import (self, file);
  g_object_unref (chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Import an Archive of Your Posts"),
                                 GTK_WINDOW (gtk_widget_get_root (widget)),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  g_autoptr(GtkFileFilter) archives = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  const char * const patterns[] = { "*.zip", "*.tar.gz", "*.tgz", "*.js", "*.json", "*.csv" };

  gtk_file_filter_set_name (archives, _("Archives of posts"));
  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    gtk_file_filter_add_pattern (archives, patterns[i]);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), archives);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), widget, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SgPastPostsPage *self = SG_PAST_POSTS_PAGE (widget);

  g_cancellable_cancel (self->audit_cancellable);
  gtk_label_set_text (self->progress_label, _("Stopping…"));
}

static gpointer
delete_job (SgStore  *store,
            gpointer  data,
            GError  **error)
{
  if (!sg_audits_delete (store, *(gint64 *) data, error))
    return NULL;
  return data;
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  SgPastPostsPage *self = SG_PAST_POSTS_PAGE (object);
  g_autoptr(GError) error = NULL;

  if (g_task_propagate_pointer (G_TASK (result), &error) == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        sg_toast_show (GTK_WIDGET (self), error->message);
      return;
    }
  sg_toast_show (GTK_WIDGET (self), _("Audit deleted"));
  self->want_id = 0;
  load_audits (self);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    SgPastPostsPage  *self)
{
  SgStore *store = get_store (self);
  gint64 id = self->shown_id;

  if (!g_str_equal (response, "delete") || store == NULL || id == 0)
    return;
  sg_store_job_run (self, store, self->cancellable, delete_job, g_memdup2 (&id, sizeof id),
                    g_free, deleted_cb, NULL);
}

static void
delete_audit_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SgPastPostsPage *self = SG_PAST_POSTS_PAGE (widget);
  const SgAuditRecord *r = shown_record (self);
  g_autofree char *day = NULL;
  GtkWidget *dialog;

  if (r == NULL)
    return;
  day = format_day (r->started_at);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Delete This Audit?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The audit of %s from %s, the posts it found and your "
                                    "decisions about them are removed from this computer. "
                                    "Nothing on the platforms is touched."), r->file_name, day);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The appraisal record: every audit, what it found and what was done, read off the main loop
 * and saved as a printable page or a CSV, readable by the user only. */

typedef struct {
  GFile    *file;
  gboolean  csv;
  gboolean  include_text;
} Export;

static void
export_free (gpointer data)
{
  Export *e = data;

  g_object_unref (e->file);
  g_free (e);
}

static gpointer
appraisal_job (SgStore  *store,
               gpointer  data,
               GError  **error)
{
  return sg_appraisal_read (store, error);
}

static void
appraisal_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SgPastPostsPage *self = SG_PAST_POSTS_PAGE (object);
  Export *e = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SgAppraisal) appraisal = g_task_propagate_pointer (G_TASK (result), &error);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (appraisal == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        sg_toast_show (GTK_WIDGET (self), error->message);
    }
  else if (e->csv)
    sg_export_write (GTK_WIDGET (self), e->file,
                     sg_appraisal_to_csv (appraisal, now, e->include_text),
                     _("Appraisal record saved; open it in a spreadsheet"));
  else
    sg_export_write (GTK_WIDGET (self), e->file,
                     sg_appraisal_to_html (appraisal, now, e->include_text),
                     _("Appraisal record saved; open it in a browser to print it"));
  export_free (e);
}

void
sg_past_posts_page_export_appraisal (SgPastPostsPage *self,
                                     GFile           *file,
                                     gboolean         csv,
                                     gboolean         include_text)
{
  SgStore *store;
  Export *e;

  g_return_if_fail (SG_IS_PAST_POSTS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if ((store = get_store (self)) == NULL)
    return;
  e = g_new0 (Export, 1);
  e->file = g_object_ref (file);
  e->csv = csv;
  e->include_text = include_text;
  if (!sg_store_job_run_full (self, store, self->cancellable, appraisal_job, NULL, NULL,
                              (GDestroyNotify) sg_appraisal_free, appraisal_read_cb, e))
    export_free (e);
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    SgPastPostsPage *self)
{
  g_autoptr(GFile) file = NULL;
  gboolean csv = g_strcmp0 (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "format"),
                            "csv") == 0;
  gboolean text = g_strcmp0 (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "text"),
                             "true") == 0;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);

      /* The name proposed ends in .html; a CSV chosen afterwards gets its own ending. */
      if (csv && g_str_has_suffix (name, ".html"))
        {
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autofree char *stem = g_strndup (name, strlen (name) - strlen (".html"));
          g_autofree char *renamed = g_strconcat (stem, ".csv", NULL);

          GFile *csv_file = g_file_get_child (parent, renamed);

          g_object_unref (file);
          file = csv_file;
        }
      sg_past_posts_page_export_appraisal (self, file, csv, text);
    }
  g_object_unref (chooser);
}

static void
export_appraisal_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SgPastPostsPage *self = SG_PAST_POSTS_PAGE (widget);
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Export Appraisal Record"),
                                 GTK_WINDOW (gtk_widget_get_root (widget)),
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  const char *formats[] = { "html", "csv", NULL };
  const char *format_labels[] = { _("Printable page (HTML)"), _("Spreadsheet (CSV)"), NULL };

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "appraisal-record.html");
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "format", _("Format"), formats,
                               format_labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "format", "html");
  /* Off unless ticked: the record is meant to be handed over, and the posts may be the very
   * thing that should not travel further. */
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "text", _("Include the posts’ text"),
                               NULL, NULL);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "text", "false");
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
sg_past_posts_page_set_token (SgPastPostsPage *self,
                              const char      *token)
{
  g_return_if_fail (SG_IS_PAST_POSTS_PAGE (self));

  g_free (self->token);
  self->token = g_strdup (token);
}

/* A file dropped on the page is imported like one chosen. */
static gboolean
drop_cb (GtkDropTarget   *target,
         const GValue    *value,
         double           x,
         double           y,
         SgPastPostsPage *self)
{
  if (!G_VALUE_HOLDS (value, G_TYPE_FILE) || self->running != NULL || self->listing)
    return FALSE;
  sg_past_posts_page_import (self, g_value_get_object (value));
  return TRUE;
}

/* The stored audits' names ("Bluesky account @name.bsky.social, 6 December 2026") are long:
 * shown whole, the dropdown's own width made the page wider than a 1024-pixel screen once the
 * header row had its buttons. Ellipsized in the middle it can shrink; the list that drops down
 * still shows them whole, as it takes its natural width. */
static void
audit_name_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
audit_name_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

/* GObject */

static void
sg_past_posts_page_dispose (GObject *object)
{
  SgPastPostsPage *self = SG_PAST_POSTS_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->audit_cancellable);
  if (self->grow_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->grow_id);
  self->grow_id = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_PAST_POSTS_PAGE);
  /* The template's root child has no id, so dispose_template leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->context = NULL;

  G_OBJECT_CLASS (sg_past_posts_page_parent_class)->dispose (object);
}

static void
sg_past_posts_page_finalize (GObject *object)
{
  SgPastPostsPage *self = SG_PAST_POSTS_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->audit_cancellable);
  g_clear_object (&self->running);
  g_clear_pointer (&self->audits, g_ptr_array_unref);
  g_clear_object (&self->items);
  g_clear_object (&self->slice);
  g_clear_object (&self->filtered);
  g_clear_pointer (&self->filter_categories, g_array_unref);
  g_clear_pointer (&self->filter_platforms, g_ptr_array_unref);
  g_clear_pointer (&self->filter_years, g_array_unref);
  g_free (self->search_folded);
  g_clear_pointer (&self->search_ids, g_hash_table_unref);
  g_queue_clear_full (&self->cached, g_object_unref);
  g_clear_pointer (&self->bound, g_hash_table_unref);
  g_clear_pointer (&self->waiting, g_hash_table_unref);
  g_clear_pointer (&self->wanted, g_ptr_array_unref);
  g_free (self->token);

  G_OBJECT_CLASS (sg_past_posts_page_parent_class)->finalize (object);
}

static void
sg_past_posts_page_class_init (SgPastPostsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_past_posts_page_dispose;
  object_class->finalize = sg_past_posts_page_finalize;

  signals[LOADED] =
    g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A post was deleted on its platform (or marked deleted) and logged: History has a new
   * entry. */
  signals[DELETED] =
    g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/SocialGuard/ui/sg-past-posts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, audit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, bluesky_button);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, bluesky_empty_button);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, categories_label);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, delete_button);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, filter_box);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, import_button);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, list);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, more_label);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, more_revealer);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, no_match_label);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, note_label);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, platform_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, stop_button);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, year_dropdown);

  gtk_widget_class_install_action (widget_class, "past-posts.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "past-posts.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "past-posts.audit-bluesky", NULL,
                                   audit_bluesky_action);
  gtk_widget_class_install_action (widget_class, "past-posts.more", NULL, more_action);
  gtk_widget_class_install_action (widget_class, "past-posts.delete-audit", NULL,
                                   delete_audit_action);
  gtk_widget_class_install_action (widget_class, "past-posts.export-appraisal", NULL,
                                   export_appraisal_action);
}

static void
sg_past_posts_page_init (SgPastPostsPage *self)
{
  GtkListItemFactory *factory;
  GtkNoSelection *selection;
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->items = sg_audit_item_list_new (NULL);
  g_queue_init (&self->cached);
  self->bound = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->waiting = g_hash_table_new (NULL, NULL);
  self->wanted = g_ptr_array_new_with_free_func (g_object_unref);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->items)),
                                              GTK_FILTER (self->filter));
  self->filter_categories = g_array_new (FALSE, FALSE, sizeof (SgCategory));
  self->filter_platforms = g_ptr_array_new_with_free_func (g_free);
  self->filter_years = g_array_new (FALSE, FALSE, sizeof (int));
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);
  gtk_list_view_set_factory (self->list, factory);
  g_object_unref (factory);
  self->slice = gtk_slice_list_model_new (G_LIST_MODEL (g_object_ref (self->filtered)), 0, 0);
  self->slice_target = PAGE_SIZE;
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->slice)));
  gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (filters_changed_cb), self);
  g_signal_connect_swapped (self->category_dropdown, "notify::selected",
                            G_CALLBACK (filters_changed_cb), self);
  g_signal_connect_swapped (self->platform_dropdown, "notify::selected",
                            G_CALLBACK (filters_changed_cb), self);
  g_signal_connect_swapped (self->year_dropdown, "notify::selected",
                            G_CALLBACK (filters_changed_cb), self);
  g_signal_connect_swapped (self->audit_dropdown, "notify::selected",
                            G_CALLBACK (audit_selected_cb), self);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (audit_name_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (audit_name_bind_cb), NULL);
  gtk_drop_down_set_factory (self->audit_dropdown, factory);
  g_object_unref (factory);

  drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  set_running (self, NULL);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

void
sg_past_posts_page_set_context (SgPastPostsPage *self,
                                SgContext       *context)
{
  g_return_if_fail (SG_IS_PAST_POSTS_PAGE (self));
  g_return_if_fail (SG_IS_CONTEXT (context));

  self->context = context;
  g_signal_connect_object (context, "notify::store", G_CALLBACK (load_audits), self,
                           G_CONNECT_SWAPPED);
  {
    g_autofree char *changed = g_strconcat ("changed::", sg_accounts_account_key ("bluesky"),
                                            NULL);

    /* Signing in or out under Preferences shows or hides the button at once. */
    g_signal_connect_object (sg_context_get_settings (context), changed,
                             G_CALLBACK (update_bluesky_buttons), self, G_CONNECT_SWAPPED);
  }
  update_bluesky_buttons (self);
  load_audits (self);
}

gboolean
sg_past_posts_page_is_running (SgPastPostsPage *self)
{
  g_return_val_if_fail (SG_IS_PAST_POSTS_PAGE (self), FALSE);
  return self->running != NULL || self->listing;
}

gint64
sg_past_posts_page_get_audit_id (SgPastPostsPage *self)
{
  g_return_val_if_fail (SG_IS_PAST_POSTS_PAGE (self), 0);
  return self->shown_id;
}

guint
sg_past_posts_page_get_n_posts (SgPastPostsPage *self)
{
  g_return_val_if_fail (SG_IS_PAST_POSTS_PAGE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->items));
}

guint
sg_past_posts_page_get_n_shown (SgPastPostsPage *self)
{
  g_return_val_if_fail (SG_IS_PAST_POSTS_PAGE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

guint
sg_past_posts_page_get_n_bodies (SgPastPostsPage *self)
{
  guint n = 0;

  g_return_val_if_fail (SG_IS_PAST_POSTS_PAGE (self), 0);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->items)); i++)
    {
      g_autoptr(SgAuditItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      n += sg_audit_item_has_body (item);
    }
  return n;
}
