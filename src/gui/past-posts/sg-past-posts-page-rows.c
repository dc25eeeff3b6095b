/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The rows of the list and the posts' bodies they show: a row is made once its post's text and
 * findings have been read, and what a row asks for goes to sg-past-posts-page-review.c. */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-past-posts-page-private.h"

#include "sg-store-job.h"

/* The posts' bodies. The list holds each flagged post without its text and findings (issue 14:
 * 30,000 of them with their text came to 3× the archive's text); a row's post is read with the
 * next page of the list in one statement on a worker, kept while a row shows it and for the
 * last CACHE_SIZE posts read, and let go after. */

void
sg_past_posts_page_forget_bodies (SgPastPostsPage *self)
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

static void make_row    (SgPastPostsPage *self,
                         GtkListItem     *list_item);
static void read_bodies (SgPastPostsPage *self);

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
  gboolean cancelled;
  g_autoptr(GPtrArray) posts = sg_past_posts_page_job_result (self, result, &cancelled);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTableIter iter;
  gpointer key;

  if (posts == NULL)
    {
      if (!cancelled)
        self->reading = FALSE;
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

  g_signal_connect_object (row, "review", G_CALLBACK (sg_past_posts_page_row_review_cb), self, 0);
  g_signal_connect_object (row, "delete-online",
                           G_CALLBACK (sg_past_posts_page_row_delete_online_cb), self, 0);
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

GtkListItemFactory *
sg_past_posts_page_new_row_factory (SgPastPostsPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);
  return factory;
}
