/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An audit's flagged posts as the page lists them: read from the store as heads on a worker,
 * with what the filters can offer; the filters and the search over them; and the list view given
 * them a page at a time, a row a frame. */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-past-posts-page-private.h"

#include "sg-store-job.h"
#include "sg-worker.h"

/* Filters */

gboolean
sg_past_posts_page_filter_func (gpointer object,
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
      g_autofree char *listed = sg_past_posts_format_count (n_listed);
      g_autofree char *shown = sg_past_posts_format_count (n_shown);
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

/* The next page of rows, when the button under the list asks for it. */
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
void
sg_past_posts_page_focus_out_of_list (SgPastPostsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list)))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Back to the first page of rows, to be filled again. */
static void
first_page (SgPastPostsPage *self)
{
  sg_past_posts_page_focus_out_of_list (self);
  gtk_slice_list_model_set_size (self->slice, 0);
  list_rows (self, PAGE_SIZE);
}

static void
refilter (SgPastPostsPage *self)
{
  first_page (self);
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
  gboolean cancelled;
  g_autoptr(GHashTable) ids = sg_past_posts_page_job_result (self, result, &cancelled);

  if (ids == NULL)
    {
      if (!cancelled && serial == self->search_serial)
        self->searching = FALSE;
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

void
sg_past_posts_page_filters_changed_cb (SgPastPostsPage *self)
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
    {
      const char *id = g_ptr_array_index (self->filter_platforms, i);

      gtk_string_list_append (platforms, sg_past_posts_platform_name (id));
    }
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

void
sg_past_posts_page_take_items (SgPastPostsPage *self,
                               SgAuditItemList *items)
{
  gtk_filter_list_model_set_model (self->filtered, NULL);
  sg_past_posts_page_forget_bodies (self);
  drop_items (self->items);
  self->items = items;
}

static void
posts_listed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SgPastPostsPage *self = SG_PAST_POSTS_PAGE (object);
  Listing *listing = sg_past_posts_page_job_result (self, result, NULL);

  if (listing == NULL)
    return;
  self->shown_id = self->loading_id;
  first_page (self);
  /* The store was filled on the worker. The old one is let go first, so that resetting the
   * filters passes over nothing; the filter then makes one pass over the new one. */
  sg_past_posts_page_take_items (self, g_steal_pointer (&listing->items));
  fill_filters (self, listing);
  listing_free (listing);
  sg_past_posts_page_filters_changed_cb (self);
  gtk_filter_list_model_set_model (self->filtered, G_LIST_MODEL (self->items));
  sg_past_posts_page_update_summary (self);
  gtk_stack_set_visible_child_name (self->stack, "results");
  sg_past_posts_page_emit_loaded (self);
}

void
sg_past_posts_page_show_audit (SgPastPostsPage *self,
                               gint64           id)
{
  SgStore *store = get_store (self);

  self->loading_id = id;
  if (store == NULL)
    return;
  sg_store_job_run_full (self, store, self->cancellable, list_posts_job,
                         g_memdup2 (&id, sizeof id), g_free, listing_free, posts_listed_cb, NULL);
}

void
sg_past_posts_page_class_init_listing (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "past-posts.more", NULL, more_action);
}
