/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Interests: the register of the interests a doctor declares, listed with a search and a filter
 * (active, ended, all); posts that mention one declare it. This file is the page and its list;
 * adding and editing, ending and removing, importing and exporting are in the other
 * sg-interests-page-*.c files (see sg-interests-page-private.h). */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-interests-page-private.h"

#include "sg-interest-register.h"

G_DEFINE_FINAL_TYPE (SgInterestsPage, sg_interests_page, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void reload (SgInterestsPage *self);

/* Store jobs: every read and write runs on a worker thread. */

void
sg_interests_page_run_job (SgInterestsPage     *self,
                           SgStoreJob           job,
                           gpointer             data,
                           GDestroyNotify       destroy,
                           GAsyncReadyCallback  callback)
{
  SgStore *store = self->context ? sg_context_get_store (self->context) : NULL;

  if (!sg_store_job_run (self, store, self->cancellable, job, data, destroy, callback, NULL))
    toast (self, _("Your saved data could not be opened, so nothing can be changed."));
}

void
sg_interests_page_change_done (SgInterestsPage *self,
                               GAsyncResult    *result,
                               const char      *done)
{
  g_autoptr(GError) error = NULL;

  g_task_propagate_pointer (G_TASK (result), &error);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }
  if (done != NULL)
    toast (self, done);
  reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
sg_interests_page_changed_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  sg_interests_page_change_done (SG_INTERESTS_PAGE (object), result, NULL);
}

/* The list */

static gboolean
is_ended (const SgInterest *interest,
          const char       *today)
{
  return interest->ended != NULL && g_strcmp0 (interest->ended, today) < 0;
}

static gboolean
matches_search (const SgInterest *interest,
                const char       *needle)
{
  g_autofree char *hay = NULL;
  g_autofree char *aliases = NULL;
  g_autofree char *products = NULL;
  g_autofree char *folded_hay = NULL;
  g_autofree char *folded_needle = NULL;

  if (needle == NULL || *needle == '\0')
    return TRUE;

  aliases = g_strjoinv (" ", interest->aliases);
  products = g_strjoinv (" ", interest->products);
  hay = g_strjoin (" ", interest->organisation, aliases, products, interest->notes, NULL);
  folded_hay = g_utf8_casefold (hay, -1);
  folded_needle = g_utf8_casefold (needle, -1);
  return strstr (folded_hay, folded_needle) != NULL;
}

static void
rebuild_rows (SgInterestsPage *self)
{
  g_autofree char *today = today_string ();
  const char *needle = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint filter = gtk_drop_down_get_selected (self->filter_dropdown);
  GSettings *settings = self->context ? sg_context_get_settings (self->context) : NULL;
  guint months = settings ? g_settings_get_uint (settings, "declaration-window-months") : 36;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->n_shown = 0;

  for (guint i = 0; self->interests != NULL && i < self->interests->len; i++)
    {
      const SgInterest *in = g_ptr_array_index (self->interests, i);
      gboolean ended = is_ended (in, today);
      /* Ended, but still declared with posts for the window set in Preferences: it belongs
       * with the active ones, since posts still carry it (it was hidden there). */
      gboolean declared = sg_interest_is_declarable (in, today, months);
      g_autofree char *subtitle = NULL;
      g_autoptr(GMenu) menu = g_menu_new ();
      GtkWidget *row, *button;

      if ((filter == 0 && ended && !declared) || (filter == 1 && !ended) ||
          !matches_search (in, needle))
        continue;

      subtitle = g_strdup_printf ("%s%s · %s – %s", sg_interest_category_title (in->category),
                                  in->paid_to_institution ? _(" (to my institution)") : "",
                                  in->started ? in->started : _("no start date"),
                                  in->ended ? in->ended : _("ongoing"));
      if (ended && declared)
        {
          GDate until;
          char until_s[64];
          char *with;
          int y = 0, m = 0, d = 0;

          g_date_clear (&until, 1);
          /* Stored as YYYY-MM-DD; shown day first, as typed in the UK. */
          if (sscanf (in->ended, "%d-%d-%d", &y, &m, &d) == 3 && g_date_valid_dmy (d, m, y))
            {
              g_date_set_dmy (&until, d, m, y);
              g_date_add_months (&until, months);
              g_date_strftime (until_s, sizeof until_s, "%d/%m/%Y", &until);
              /* Translators: %s is a date such as 01/06/2028. */
              with = g_strdup_printf (_("%s · ended, still declared until %s"), subtitle, until_s);
              g_free (subtitle);
              subtitle = with;
            }
        }

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), in->organisation);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      {
        g_autoptr(GMenuItem) history = g_menu_item_new (_("_History"), NULL);
        g_autoptr(GMenuItem) end = g_menu_item_new (_("_End…"), NULL);
        g_autoptr(GMenuItem) remove = g_menu_item_new (_("_Remove…"), NULL);

        g_menu_item_set_action_and_target (history, "interests.history", "x", in->id);
        g_menu_item_set_action_and_target (end, "interests.end", "x", in->id);
        g_menu_item_set_action_and_target (remove, "interests.remove", "x", in->id);
        g_menu_append_item (menu, history);
        if (in->ended == NULL)
          g_menu_append_item (menu, end);
        g_menu_append_item (menu, remove);
      }

      button = gtk_menu_button_new ();
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
      gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("More actions"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "interests.edit");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", in->id);

      gtk_list_box_append (self->list, row);
      self->n_shown++;
    }

  gtk_stack_set_visible_child_name (self->stack,
                                    self->interests == NULL || self->interests->len == 0
                                    ? "empty" : "list");
}

static gpointer
list_job (SgStore   *store,
          gpointer   data,
          GError   **error)
{
  return sg_interest_register_list (store, error);
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  SgInterestsPage *self = SG_INTERESTS_PAGE (object);
  g_autoptr(GError) error = NULL;
  GPtrArray *interests = g_task_propagate_pointer (G_TASK (result), &error);

  if (interests == NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  g_clear_pointer (&self->interests, g_ptr_array_unref);
  self->interests = interests;
  rebuild_rows (self);
}

static void
reload (SgInterestsPage *self)
{
  sg_interests_page_run_job (self, list_job, NULL, NULL, listed_cb);
}

const SgInterest *
sg_interests_page_find_interest (SgInterestsPage *self,
                                 gint64           id)
{
  for (guint i = 0; self->interests != NULL && i < self->interests->len; i++)
    if (((SgInterest *) g_ptr_array_index (self->interests, i))->id == id)
      return g_ptr_array_index (self->interests, i);
  return NULL;
}


/* GObject */

static void
store_changed_cb (SgInterestsPage *self)
{
  if (sg_context_get_store (self->context) != NULL)
    reload (self);
}

void
sg_interests_page_set_context (SgInterestsPage *self,
                                   SgContext       *context)
{
  g_return_if_fail (SG_IS_INTERESTS_PAGE (self));

  self->context = context;
  g_signal_connect_object (context, "notify::store", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  store_changed_cb (self);
}

guint
sg_interests_page_get_n_shown (SgInterestsPage *self)
{
  g_return_val_if_fail (SG_IS_INTERESTS_PAGE (self), 0);
  return self->n_shown;
}

void
sg_interests_page_set_search (SgInterestsPage *self,
                              const char      *text)
{
  g_return_if_fail (SG_IS_INTERESTS_PAGE (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  rebuild_rows (self);
}

static void
sg_interests_page_dispose (GObject *object)
{
  SgInterestsPage *self = SG_INTERESTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_INTERESTS_PAGE);
  /* The template's root child has no id, so dispose_template leaves it: unparent it here. */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }

  G_OBJECT_CLASS (sg_interests_page_parent_class)->dispose (object);
}

static void
sg_interests_page_finalize (GObject *object)
{
  SgInterestsPage *self = SG_INTERESTS_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->interests, g_ptr_array_unref);

  G_OBJECT_CLASS (sg_interests_page_parent_class)->finalize (object);
}

static void
sg_interests_page_class_init (SgInterestsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_interests_page_dispose;
  object_class->finalize = sg_interests_page_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/SocialGuard/ui/sg-interests-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SgInterestsPage, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SgInterestsPage, list);
  gtk_widget_class_bind_template_child (widget_class, SgInterestsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SgInterestsPage, stack);

  sg_interests_page_class_init_form (widget_class);
  sg_interests_page_class_init_events (widget_class);
  sg_interests_page_class_init_import_export (widget_class);
}

static void
sg_interests_page_init (SgInterestsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (rebuild_rows), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_dropdown, "notify::selected", G_CALLBACK (rebuild_rows),
                           self, G_CONNECT_SWAPPED);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}
