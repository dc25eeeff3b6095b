/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A draft is short, so each search walks the whole buffer: counting every match is cheap, and
 * the count tells the writer at once whether a name they meant to remove is still there. */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-find-bar.h"

struct _SgFindBar
{
  GtkWidget       parent_instance;

  GtkSearchBar   *bar;
  GtkSearchEntry *entry;
  GtkLabel       *status;
  GtkTextView    *view;     /* weak */
  char           *status_text;
};

G_DEFINE_FINAL_TYPE (SgFindBar, sg_find_bar, GTK_TYPE_WIDGET)

static void
set_status (SgFindBar  *self,
            const char *text)
{
  g_free (self->status_text);
  self->status_text = g_strdup (text);
  gtk_label_set_label (self->status, text);
}

/* Selects the match after (or before) the selection, wrapping round, and counts them all. */
static void
find (SgFindBar *self,
      gboolean   forward,
      gboolean   from_start_of_selection)
{
  const char *needle = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  GtkTextBuffer *buffer;
  GtkTextIter start, end, sel_start, sel_end, iter, match_start, match_end;
  GtkTextSearchFlags flags = GTK_TEXT_SEARCH_CASE_INSENSITIVE | GTK_TEXT_SEARCH_TEXT_ONLY;
  guint n = 0, current = 0;
  gboolean found;

  if (self->view == NULL)
    return;
  buffer = gtk_text_view_get_buffer (self->view);
  if (*needle == '\0')
    {
      set_status (self, "");
      gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
      return;
    }

  gtk_text_buffer_get_selection_bounds (buffer, &sel_start, &sel_end);
  if (forward)
    {
      iter = from_start_of_selection ? sel_start : sel_end;
      found = gtk_text_iter_forward_search (&iter, needle, flags, &match_start, &match_end, NULL);
      if (!found)
        {
          gtk_text_buffer_get_start_iter (buffer, &iter);
          found = gtk_text_iter_forward_search (&iter, needle, flags, &match_start, &match_end,
                                                NULL);
        }
    }
  else
    {
      found = gtk_text_iter_backward_search (&sel_start, needle, flags, &match_start, &match_end,
                                             NULL);
      if (!found)
        {
          gtk_text_buffer_get_end_iter (buffer, &iter);
          found = gtk_text_iter_backward_search (&iter, needle, flags, &match_start, &match_end,
                                                 NULL);
        }
    }

  if (!found)
    {
      set_status (self, _("No matches"));
      gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
  gtk_text_buffer_select_range (buffer, &match_start, &match_end);
  gtk_text_view_scroll_to_iter (self->view, &match_start, 0.1, FALSE, 0, 0);

  gtk_text_buffer_get_start_iter (buffer, &start);
  while (gtk_text_iter_forward_search (&start, needle, flags, &iter, &end, NULL))
    {
      n++;
      if (gtk_text_iter_equal (&iter, &match_start))
        current = n;
      start = end;
    }
  {
    /* Translators: which match is selected, of how many in the draft. */
    g_autofree char *text = g_strdup_printf (_("%u of %u"), current, n);
    set_status (self, text);
  }
}

static void
search_changed_cb (SgFindBar *self)
{
  find (self, TRUE, TRUE);
}

static void
next_match_cb (SgFindBar *self)
{
  find (self, TRUE, FALSE);
}

static void
previous_match_cb (SgFindBar *self)
{
  find (self, FALSE, FALSE);
}

/* Enter goes on to the next match; the search entry's "activate" is Enter. */
static void
activate_cb (SgFindBar *self)
{
  find (self, TRUE, FALSE);
}

static void
stop_search_cb (SgFindBar *self)
{
  gtk_search_bar_set_search_mode (self->bar, FALSE);
  if (self->view != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static gboolean
shift_enter_cb (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  previous_match_cb (SG_FIND_BAR (widget));
  return TRUE;
}

static void
sg_find_bar_dispose (GObject *object)
{
  SgFindBar *self = SG_FIND_BAR (object);

  g_clear_weak_pointer (&self->view);
  /* Built on first opening only (ensure_bar). */
  if (self->bar != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->bar));
      self->bar = NULL;
    }
  g_clear_pointer (&self->status_text, g_free);

  G_OBJECT_CLASS (sg_find_bar_parent_class)->dispose (object);
}

static void
sg_find_bar_class_init (SgFindBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_find_bar_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, GDK_SHIFT_MASK, shift_enter_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Enter, GDK_SHIFT_MASK, shift_enter_cb,
                                NULL);
}

/* The bar's widgets are made the first time it opens: until then it is an empty widget in
 * Compose's column, so the first window neither builds, styles nor measures a search entry
 * and two buttons nobody has asked for. */
static void
build_bar (SgFindBar *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *entry = gtk_search_entry_new ();
  GtkWidget *status = gtk_label_new (NULL);
  GtkWidget *previous = gtk_button_new_from_icon_name ("go-up-symbolic");
  GtkWidget *next = gtk_button_new_from_icon_name ("go-down-symbolic");

  self->bar = GTK_SEARCH_BAR (gtk_search_bar_new ());
  self->entry = GTK_SEARCH_ENTRY (entry);
  self->status = GTK_LABEL (status);

  gtk_widget_set_size_request (entry, 240, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Find in the draft"), -1);
  gtk_widget_add_css_class (status, "dim-label");
  gtk_widget_add_css_class (status, "numeric");
  gtk_widget_set_tooltip_text (previous, _("Previous match (Shift+Enter)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (previous), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Previous match"), -1);
  gtk_widget_set_tooltip_text (next, _("Next match (Enter)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (next), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Next match"), -1);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), status);
  gtk_box_append (GTK_BOX (box), previous);
  gtk_box_append (GTK_BOX (box), next);
  gtk_search_bar_set_child (self->bar, box);
  gtk_search_bar_connect_entry (self->bar, GTK_EDITABLE (entry));
  gtk_search_bar_set_show_close_button (self->bar, TRUE);
  gtk_widget_set_parent (GTK_WIDGET (self->bar), GTK_WIDGET (self));

  g_signal_connect_swapped (entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect_swapped (entry, "activate", G_CALLBACK (activate_cb), self);
  g_signal_connect_swapped (entry, "next-match", G_CALLBACK (next_match_cb), self);
  g_signal_connect_swapped (entry, "previous-match", G_CALLBACK (previous_match_cb), self);
  g_signal_connect_swapped (entry, "stop-search", G_CALLBACK (stop_search_cb), self);
  g_signal_connect_swapped (previous, "clicked", G_CALLBACK (previous_match_cb), self);
  g_signal_connect_swapped (next, "clicked", G_CALLBACK (next_match_cb), self);
}

static void
ensure_bar (SgFindBar *self)
{
  if (self->bar == NULL)
    build_bar (self);
}

static void
sg_find_bar_init (SgFindBar *self)
{
}

void
sg_find_bar_set_view (SgFindBar   *self,
                      GtkTextView *view)
{
  g_return_if_fail (SG_IS_FIND_BAR (self));

  g_set_weak_pointer (&self->view, view);
}

void
sg_find_bar_open (SgFindBar *self)
{
  g_return_if_fail (SG_IS_FIND_BAR (self));

  ensure_bar (self);
  if (self->view != NULL)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view);
      GtkTextIter start, end;

      /* A selection on one line is what the writer wants to find. */
      if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end) &&
          gtk_text_iter_get_line (&start) == gtk_text_iter_get_line (&end))
        {
          g_autofree char *selected = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

          gtk_editable_set_text (GTK_EDITABLE (self->entry), selected);
        }
    }
  gtk_search_bar_set_search_mode (self->bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

const char *
sg_find_bar_get_status (SgFindBar *self)
{
  g_return_val_if_fail (SG_IS_FIND_BAR (self), NULL);

  return self->status_text ? self->status_text : "";
}
