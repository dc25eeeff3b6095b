/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Past Posts: audits of the archives the platforms let a doctor download. An archive is
 * imported (button or drop), every post goes through the analyzer on a worker thread
 * (SgAudit), and the posts that need attention are listed, most serious first, to be opened,
 * kept with a reason, or put on a list to delete by hand. Audits stay on this computer until
 * deleted. GMC (2013 ¶8) and the BMA: what is online can be found whatever the settings. */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-audit.h"
#include "sg-past-post-row.h"
#include "sg-past-posts-page.h"
#include "sg-platform.h"
#include "sg-store-job.h"
#include "sg-toast.h"

struct _SgPastPostsPage
{
  GtkWidget           parent_instance;

  /* Template children */
  GtkDropDown        *audit_dropdown;
  GtkDropDown        *category_dropdown;
  GtkLabel           *categories_label;
  GtkWidget          *delete_button;
  GtkWidget          *filter_box;
  GtkLabel           *more_label;
  GtkRevealer        *more_revealer;
  GtkWidget          *import_button;
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

  GPtrArray          *audits;             /* SgAuditRecord*, newest first */
  gint64              shown_id;
  gint64              loading_id;         /* its posts are being read */
  gint64              want_id;            /* to show once the list is read again */
  gboolean            filling_audits;     /* the dropdown is being refilled */
  GListStore         *items;              /* SgAuditItem* of the audit shown */
  GtkFilterListModel *filtered;
  GtkSliceListModel  *slice;              /* what the list view shows of it */
  guint               slice_target;       /* what the slice grows to, a few rows a frame */
  guint               grow_id;            /* the tick callback growing it */
  GtkCustomFilter    *filter;
  /* What the filter dropdowns hold, after "All …" at 0. */
  GArray             *filter_categories;  /* SgCategory */
  GPtrArray          *filter_platforms;   /* char* */
  GArray             *filter_years;       /* int */
  char               *search_folded;      /* NULL: no search */
};

G_DEFINE_FINAL_TYPE (SgPastPostsPage, sg_past_posts_page, GTK_TYPE_WIDGET)

/* GTK 4.8's list view makes a row for up to 200 items of its model whatever is on screen,
 * and a row takes a few milliseconds on the main loop (styles, wrapped text), so thousands of
 * flagged posts froze the window for a second. It is given them a page at a time, and a page
 * a few rows a frame; the filters and the search still run over all of them. */
#define PAGE_SIZE      25
#define ROWS_PER_FRAME 4

enum {
  LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void load_audits (SgPastPostsPage *self);

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
  if (self->search_folded != NULL)
    {
      g_autofree char *text = g_utf8_casefold (sg_audit_item_get_text (item), -1);

      if (strstr (text, self->search_folded) == NULL)
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

  gtk_widget_set_visible (self->no_match_label, n_items > 0 && n_shown == 0);
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
filters_changed_cb (SgPastPostsPage *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (query));

  focus_out_of_list (self);
  g_clear_pointer (&self->search_folded, g_free);
  if (*stripped != '\0')
    self->search_folded = g_utf8_casefold (stripped, -1);
  gtk_slice_list_model_set_size (self->slice, 0);
  list_rows (self, PAGE_SIZE);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_no_match (self);
}

static int
compare_years_desc (gconstpointer a,
                    gconstpointer b)
{
  return *(const int *) b - *(const int *) a;
}

/* The dropdowns offer only what the audit found, so no choice leads to an empty list. */
static void
fill_filters (SgPastPostsPage *self)
{
  g_autoptr(GtkStringList) categories = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) platforms = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) years = gtk_string_list_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint found = 0;

  g_array_set_size (self->filter_categories, 0);
  g_ptr_array_set_size (self->filter_platforms, 0);
  g_array_set_size (self->filter_years, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SgAuditItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      const char *platform = sg_audit_item_get_platform (item);
      int year = sg_audit_item_get_year (item);
      gboolean seen = FALSE;

      found |= sg_audit_item_get_categories (item);
      for (guint j = 0; j < self->filter_platforms->len && !seen; j++)
        seen = g_str_equal (g_ptr_array_index (self->filter_platforms, j), platform);
      if (!seen)
        g_ptr_array_add (self->filter_platforms, g_strdup (platform));
      seen = year == 0;
      for (guint j = 0; j < self->filter_years->len && !seen; j++)
        seen = g_array_index (self->filter_years, int, j) == year;
      if (!seen)
        g_array_append_val (self->filter_years, year);
    }
  g_array_sort (self->filter_years, compare_years_desc);

  gtk_string_list_append (categories, _("All categories"));
  for (SgCategory c = 0; c < SG_N_CATEGORIES; c++)
    if (found & (1u << c))
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

  gtk_drop_down_set_model (self->category_dropdown, G_LIST_MODEL (categories));
  gtk_drop_down_set_model (self->platform_dropdown, G_LIST_MODEL (platforms));
  gtk_drop_down_set_model (self->year_dropdown, G_LIST_MODEL (years));
  gtk_drop_down_set_selected (self->category_dropdown, 0);
  gtk_drop_down_set_selected (self->platform_dropdown, 0);
  gtk_drop_down_set_selected (self->year_dropdown, 0);
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
  update_summary (self);
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

/* Each row is made when the list view binds an item to a place on screen, and dropped when
 * it scrolls away: the item keeps the state, so nothing is lost. The list item's own child is
 * a holder that stays, as GTK 4.8's list view expects a child once set up. */
static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          SgPastPostsPage          *self)
{
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_list_item_set_child (list_item, adw_bin_new ());
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         SgPastPostsPage          *self)
{
  GtkWidget *row = sg_past_post_row_new (gtk_list_item_get_item (list_item));

  g_signal_connect_object (row, "review", G_CALLBACK (row_review_cb), self, 0);
  adw_bin_set_child (ADW_BIN (gtk_list_item_get_child (list_item)), row);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           SgPastPostsPage          *self)
{
  adw_bin_set_child (ADW_BIN (gtk_list_item_get_child (list_item)), NULL);
}

/* Loading an audit and the list of audits */

static gpointer
list_posts_job (SgStore  *store,
                gpointer  data,
                GError  **error)
{
  return sg_audits_list_posts (store, *(gint64 *) data, error);
}

static void
posts_listed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SgPastPostsPage *self = SG_PAST_POSTS_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) posts = g_task_propagate_pointer (G_TASK (result), &error);

  if (posts == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        sg_toast_show (GTK_WIDGET (self), error->message);
      return;
    }
  self->shown_id = self->loading_id;
  focus_out_of_list (self);
  gtk_slice_list_model_set_size (self->slice, 0);
  list_rows (self, PAGE_SIZE);
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       posts->pdata, posts->len);
  fill_filters (self);
  filters_changed_cb (self);
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
  sg_store_job_run (self, store, self->cancellable, list_posts_job, g_memdup2 (&id, sizeof id),
                    g_free, posts_listed_cb, NULL);
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
  /* With none, the empty page has its own, larger Import button. */
  gtk_widget_set_visible (self->import_button, any);
  fill_audit_dropdown (self);

  if (!any)
    {
      self->shown_id = 0;
      focus_out_of_list (self);
      g_list_store_remove_all (self->items);
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
  gboolean running = audit != NULL;

  g_set_object (&self->running, audit);
  gtk_revealer_set_reveal_child (self->progress_revealer, running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "past-posts.import", !running);
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
  if (self->running != NULL)
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

/* A file dropped on the page is imported like one chosen. */
static gboolean
drop_cb (GtkDropTarget   *target,
         const GValue    *value,
         double           x,
         double           y,
         SgPastPostsPage *self)
{
  if (!G_VALUE_HOLDS (value, G_TYPE_FILE) || self->running != NULL)
    return FALSE;
  sg_past_posts_page_import (self, g_value_get_object (value));
  return TRUE;
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

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/SocialGuard/ui/sg-past-posts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, audit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, categories_label);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SgPastPostsPage, delete_button);
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
  gtk_widget_class_install_action (widget_class, "past-posts.more", NULL, more_action);
  gtk_widget_class_install_action (widget_class, "past-posts.delete-audit", NULL,
                                   delete_audit_action);
}

static void
sg_past_posts_page_init (SgPastPostsPage *self)
{
  GtkListItemFactory *factory;
  GtkNoSelection *selection;
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->items = g_list_store_new (SG_TYPE_AUDIT_ITEM);
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
  load_audits (self);
}

gboolean
sg_past_posts_page_is_running (SgPastPostsPage *self)
{
  g_return_val_if_fail (SG_IS_PAST_POSTS_PAGE (self), FALSE);
  return self->running != NULL;
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
