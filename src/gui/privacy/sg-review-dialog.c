/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-review-dialog.h"
#include "sg-review-item-row.h"

struct _SgReviewDialog
{
  AdwWindow       parent_instance;

  AdwHeaderBar   *header;
  GtkWidget      *finish;
  GtkListBox     *list;
  GtkWidget      *read;        /* "Read From Mastodon", or NULL */
  AdwWindowTitle *title;       /* its subtitle counts the answers */

  gint64          review_id;
  char           *server;      /* see sg_review_dialog_new() */
  GHashTable     *rows;        /* item id → SgReviewItemRow, owned by the list */
};

G_DEFINE_FINAL_TYPE (SgReviewDialog, sg_review_dialog, ADW_TYPE_WINDOW)

enum {
  ANSWERED,
  FINISHED,
  READ_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

/* How far the review is, in the title, and why Finish is not yet possible (it was greyed out
 * without a word). */
static void
update_progress (SgReviewDialog *self)
{
  guint n_items = g_hash_table_size (self->rows);
  guint n = 0;
  g_autofree char *progress = NULL;
  GHashTableIter iter;
  gpointer row;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    n += sg_review_item_row_get_answer (row, NULL);

  if (n >= n_items)
    progress = g_strdup_printf (ngettext ("The %u item is answered: Finish Review records it",
                                          "All %u items are answered: Finish Review records them",
                                          n_items), n_items);
  else
    progress = g_strdup_printf (ngettext ("%u of %u item answered; answers are saved as you go",
                                          "%u of %u items answered; answers are saved as you go",
                                          n_items), n, n_items);
  adw_window_title_set_subtitle (self->title, progress);
  gtk_widget_set_sensitive (self->finish, n >= n_items);
  gtk_widget_set_tooltip_text (self->finish, n >= n_items ? NULL : _("Answer every item first"));
}

/* Callbacks */

static void
row_changed_cb (SgReviewDialog  *self,
                SgReviewItemRow *row)
{
  SgAnswer answer;

  if (!sg_review_item_row_get_answer (row, &answer))
    g_assert_not_reached ();
  update_progress (self);
  g_signal_emit (self, signals[ANSWERED], 0, sg_review_item_row_get_item_id (row), (guint) answer,
                 sg_review_item_row_get_note (row));
}

static void
finish_clicked_cb (SgReviewDialog *self)
{
  g_signal_emit (self, signals[FINISHED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
read_clicked_cb (SgReviewDialog *self)
{
  sg_review_dialog_set_reading (self, TRUE);
  g_signal_emit (self, signals[READ_REQUESTED], 0);
}

/* GObject */

static void
sg_review_dialog_finalize (GObject *object)
{
  SgReviewDialog *self = SG_REVIEW_DIALOG (object);

  g_free (self->server);
  g_hash_table_unref (self->rows);

  G_OBJECT_CLASS (sg_review_dialog_parent_class)->finalize (object);
}

static void
sg_review_dialog_class_init (SgReviewDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sg_review_dialog_finalize;

  signals[ANSWERED] =
    g_signal_new ("answered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_UINT, G_TYPE_STRING);
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[READ_REQUESTED] =
    g_signal_new ("read-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

/* Built in code: a header bar with the title and Finish Review over a scrolled list. */
static void
sg_review_dialog_init (SgReviewDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *list = gtk_list_box_new ();

  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 720);

  self->header = ADW_HEADER_BAR (adw_header_bar_new ());
  self->title = ADW_WINDOW_TITLE (adw_window_title_new (NULL, NULL));
  adw_header_bar_set_title_widget (self->header, GTK_WIDGET (self->title));
  self->finish = gtk_button_new_with_mnemonic (_("_Finish Review"));
  gtk_widget_add_css_class (self->finish, "suggested-action");
  adw_header_bar_pack_end (self->header, self->finish);
  g_signal_connect_object (self->finish, "clicked", G_CALLBACK (finish_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->header));

  gtk_widget_set_vexpand (scroller, TRUE);
  self->list = GTK_LIST_BOX (list);
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_margin_top (list, 12);
  gtk_widget_set_margin_bottom (list, 12);
  gtk_widget_set_margin_start (list, 12);
  gtk_widget_set_margin_end (list, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Settings to check"), -1);
  adw_clamp_set_child (ADW_CLAMP (clamp), list);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_box_append (GTK_BOX (box), scroller);
  adw_window_set_content (ADW_WINDOW (self), box);
}

/* Public API */

SgReviewDialog *
sg_review_dialog_new (GtkWindow         *parent,
                      const char        *heading,
                      gint64             review_id,
                      const SgChecklist *checklist,
                      GPtrArray         *answers,
                      const char        *server)
{
  SgReviewDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (heading != NULL, NULL);
  g_return_val_if_fail (checklist != NULL, NULL);

  self = g_object_new (SG_TYPE_REVIEW_DIALOG,
                       "transient-for", parent,
                       "title", heading,
                       NULL);
  self->review_id = review_id;
  self->server = g_strdup (server);
  adw_window_title_set_title (self->title, heading);

  if (server != NULL)
    {
      self->read = gtk_button_new_with_mnemonic (_("_Read From Mastodon"));
      gtk_widget_set_tooltip_text (
        self->read, _("Fill in what your server reports; you can change any answer"));
      adw_header_bar_pack_start (self->header, self->read);
      g_signal_connect_object (self->read, "clicked", G_CALLBACK (read_clicked_cb), self,
                               G_CONNECT_SWAPPED);
    }

  for (guint i = 0; i < checklist->items->len; i++)
    {
      SgChecklistItem *item = g_ptr_array_index (checklist->items, i);
      SgReviewAnswer *previous = NULL;
      SgReviewItemRow *row;

      for (guint a = 0; answers != NULL && a < answers->len; a++)
        if (g_strcmp0 (((SgReviewAnswer *) g_ptr_array_index (answers, a))->item_id,
                       item->id) == 0)
          previous = g_ptr_array_index (answers, a);
      row = sg_review_item_row_new (item, previous);
      g_signal_connect_object (row, "changed", G_CALLBACK (row_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_hash_table_insert (self->rows, g_strdup (item->id), row);
      gtk_list_box_append (self->list, GTK_WIDGET (row));
    }

  update_progress (self);
  return self;
}

gint64
sg_review_dialog_get_review_id (SgReviewDialog *self)
{
  g_return_val_if_fail (SG_IS_REVIEW_DIALOG (self), -1);
  return self->review_id;
}

const char *
sg_review_dialog_get_server (SgReviewDialog *self)
{
  g_return_val_if_fail (SG_IS_REVIEW_DIALOG (self), NULL);
  return self->server;
}

void
sg_review_dialog_set_reading (SgReviewDialog *self,
                              gboolean        reading)
{
  g_return_if_fail (SG_IS_REVIEW_DIALOG (self));

  if (self->read != NULL)
    gtk_widget_set_sensitive (self->read, !reading);
}

void
sg_review_dialog_fill (SgReviewDialog *self,
                       GPtrArray      *answers)
{
  g_return_if_fail (SG_IS_REVIEW_DIALOG (self));

  /* Each answer goes through the row's buttons, so it is saved as if clicked, note included. */
  for (guint i = 0; answers != NULL && i < answers->len; i++)
    {
      SgReviewAnswer *a = g_ptr_array_index (answers, i);
      SgReviewItemRow *row = g_hash_table_lookup (self->rows, a->item_id);

      if (row != NULL)
        sg_review_item_row_set_answer (row, a->answer, a->note);
    }
}

void
sg_review_dialog_mark_open_actions (SgReviewDialog *self,
                                    GPtrArray      *open_actions)
{
  g_return_if_fail (SG_IS_REVIEW_DIALOG (self));

  for (guint i = 0; open_actions != NULL && i < open_actions->len; i++)
    {
      SgReviewAnswer *a = g_ptr_array_index (open_actions, i);
      SgReviewItemRow *row = g_hash_table_lookup (self->rows, a->item_id);
      GtkWidget *icon;

      if (row == NULL)
        continue;
      icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_tooltip_text (icon, _("Still to change from the last review"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Still to change from the last review"), -1);
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);
    }
}
