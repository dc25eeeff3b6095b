/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the Past Posts GUI tests share. */
#include "config.h"

#include "sg-audit-item.h"
#include "sg-test-app.h"
#include "sg-test-gui.h"
#include "sg-test-past-posts.h"

SgPastPostsPage *
sg_test_past_posts_page (SgApplication *app)
{
  return sg_window_get_past_posts_page (sg_test_app_window (app));
}

gboolean
sg_test_past_posts_ready (gpointer app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  SgContext *context = sg_application_get_context (app);

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window)) &&
         sg_context_get_store (context) != NULL && sg_context_get_analyzer (context) != NULL;
}

gboolean
sg_test_past_posts_audit_shown (gpointer page)
{
  return !sg_past_posts_page_is_running (page) && sg_past_posts_page_get_audit_id (page) != 0 &&
         sg_past_posts_page_get_n_posts (page) > 0;
}

GtkWidget *
sg_test_find_by_name (GtkWidget  *root,
                      const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = sg_test_find_by_name (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

void
sg_test_collect_past_post_rows (GtkWidget *root,
                                GPtrArray *rows)
{
  if (SG_IS_PAST_POST_ROW (root))
    {
      g_ptr_array_add (rows, root);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    sg_test_collect_past_post_rows (child, rows);
}

SgPastPostRow *
sg_test_past_post_row_with_text (GtkWidget  *page,
                                 const char *text,
                                 guint       nth)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  sg_test_collect_past_post_rows (sg_test_find_by_label (page, "Posts needing attention"), rows);
  for (guint i = 0; i < rows->len; i++)
    {
      SgPastPostRow *row = g_ptr_array_index (rows, i);

      if (g_str_equal (sg_audit_item_get_text (sg_past_post_row_get_item (row)), text) &&
          nth-- == 0)
        return row;
    }
  return NULL;
}
