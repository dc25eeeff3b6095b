/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-export.h"
#include "sg-interest-io.h"
#include "sg-interest-register.h"
#include "sg-interests-page.h"
#include "sg-signal.h"
#include "sg-store-job.h"
#include "sg-toast.h"

struct _SgInterestsPage
{
  GtkWidget        parent_instance;

  /* Template children, alphabetical */
  GtkDropDown     *filter_dropdown;
  GtkListBox      *list;
  GtkSearchEntry  *search_entry;
  GtkStack        *stack;

  SgContext *context;
  GCancellable    *cancellable;
  GPtrArray       *interests;     /* SgInterest*, as last loaded */
  guint            n_shown;
};

G_DEFINE_FINAL_TYPE (SgInterestsPage, sg_interests_page, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void reload (SgInterestsPage *self);

static void
toast (SgInterestsPage *self,
       const char *text)
{
  sg_toast_show (GTK_WIDGET (self), text);
}

static char *
today_string (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

/* Store jobs: every read and write runs on a worker thread. */


static void
run_job (SgInterestsPage     *self,
         SgStoreJob           job,
         gpointer             data,
         GDestroyNotify       destroy,
         GAsyncReadyCallback  callback)
{
  SgStore *store = self->context ? sg_context_get_store (self->context) : NULL;

  if (!sg_store_job_run (self, store, self->cancellable, job, data, destroy, callback, NULL))
    toast (self, _("Your saved data could not be opened, so nothing can be changed."));
}

static void
changed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  SgInterestsPage *self = SG_INTERESTS_PAGE (object);
  g_autoptr(GError) error = NULL;

  g_task_propagate_pointer (G_TASK (result), &error);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* A new interest is said to be in the register, and where it goes from now on. */
static void
added_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  SgInterestsPage *self = SG_INTERESTS_PAGE (object);
  g_autoptr(GError) error = NULL;

  g_task_propagate_pointer (G_TASK (result), &error);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }
  toast (self, _("Interest added; posts that mention it will declare it"));
  reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
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
  run_job (self, list_job, NULL, NULL, listed_cb);
}

static const SgInterest *
find_interest (SgInterestsPage *self,
               gint64           id)
{
  for (guint i = 0; self->interests != NULL && i < self->interests->len; i++)
    if (((SgInterest *) g_ptr_array_index (self->interests, i))->id == id)
      return g_ptr_array_index (self->interests, i);
  return NULL;
}

/* Add and edit */

typedef struct {
  SgInterestsPage  *self;
  AdwMessageDialog *dialog;
  GtkEditable      *organisation, *aliases, *products, *amount, *currency, *started, *ended, *notes;
  AdwComboRow      *category;
  GtkSwitch        *institution;
  GtkLabel         *problem;
  gint64            id;
} Form;

static char *
nonempty (GtkEditable *e)
{
  g_autofree char *s = g_strstrip (g_strdup (gtk_editable_get_text (e)));
  return *s != '\0' ? g_steal_pointer (&s) : NULL;
}

static GStrv
split_commas (GtkEditable *e)
{
  g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (e), ",", -1);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (*g_strstrip (parts[i]) != '\0')
      g_strv_builder_add (b, parts[i]);
  return g_strv_builder_end (b);
}

static SgInterest *
form_to_interest (Form *f)
{
  SgInterest *in = g_new0 (SgInterest, 1);
  g_autofree char *amount = nonempty (f->amount);

  in->id = f->id;
  in->organisation = nonempty (f->organisation);
  in->aliases = split_commas (f->aliases);
  in->products = split_commas (f->products);
  in->category = adw_combo_row_get_selected (f->category);
  in->paid_to_institution = gtk_switch_get_active (f->institution);
  if (amount != NULL)
    {
      char *end = NULL;
      in->amount = g_ascii_strtod (amount, &end);
      in->has_amount = TRUE;
      if (end == amount || *end != '\0')
        in->amount = -1;   /* reported by validation */
    }
  in->currency = nonempty (f->currency);
  in->started = sg_interest_date_from_user (gtk_editable_get_text (f->started));
  in->ended = sg_interest_date_from_user (gtk_editable_get_text (f->ended));
  in->notes = nonempty (f->notes);
  return in;
}

/* Save is only possible when the form is valid, and the reason is shown as you type. */
static void
form_changed_cb (Form *f)
{
  g_autoptr(SgInterest) in = form_to_interest (f);
  g_autoptr(GError) error = NULL;
  gboolean ok = sg_interest_validate (in, &error);

  gtk_label_set_label (f->problem, ok ? "" : error->message);
  adw_message_dialog_set_response_enabled (f->dialog, "save", ok);
}

static gpointer
add_job (SgStore   *store,
         gpointer   data,
         GError   **error)
{
  gint64 id = sg_interest_register_add (store, data, error);
  return id > 0 ? GINT_TO_POINTER (1) : NULL;
}

static gpointer
update_job (SgStore   *store,
            gpointer   data,
            GError   **error)
{
  return sg_interest_register_update (store, data, error) ? GINT_TO_POINTER (1) : NULL;
}

static void
form_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  Form             *f)
{
  if (g_str_equal (response, "save"))
    {
      SgInterest *in = form_to_interest (f);

      run_job (f->self, f->id > 0 ? update_job : add_job, in, (GDestroyNotify) sg_interest_free,
               f->id > 0 ? changed_cb : added_cb);
    }
  g_object_unref (f->self);
  g_free (f);
}

/* A date picker beside a date field: a calendar that writes the chosen day into the field as
 * typed in the UK (day first), opening on the date already there. */
static void
day_selected_cb (GtkCalendar *calendar,
                 GtkEditable *entry)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (day, "%d/%m/%Y");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);

  gtk_editable_set_text (entry, text);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
picker_shown_cb (GtkPopover  *popover,
                 GtkEditable *entry)
{
  GtkCalendar *calendar = GTK_CALENDAR (gtk_popover_get_child (popover));
  g_autofree char *iso = sg_interest_date_from_user (gtk_editable_get_text (entry));
  int y, m, d;

  if (iso == NULL || sscanf (iso, "%d-%d-%d", &y, &m, &d) != 3)
    return;
  {
    g_autoptr(GDateTime) day = g_date_time_new_local (y, m, d, 0, 0, 0);

    if (day == NULL)
      return;
    g_signal_handlers_block_by_func (calendar, day_selected_cb, entry);
    gtk_calendar_select_day (calendar, day);
    g_signal_handlers_unblock_by_func (calendar, day_selected_cb, entry);
  }
}

static void
add_date_picker (GtkWidget *entry_row)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *calendar = gtk_calendar_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Choose the date on a calendar"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose the date"), -1);
  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  g_signal_connect_object (calendar, "day-selected", G_CALLBACK (day_selected_cb), entry_row, 0);
  g_signal_connect_object (popover, "show", G_CALLBACK (picker_shown_cb), entry_row, 0);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (entry_row), button);
}

static GtkEditable *
add_entry (GtkListBox *box,
           const char *title,
           const char *value)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
  gtk_list_box_append (box, row);
  return GTK_EDITABLE (row);
}

static void
open_form (SgInterestsPage  *self,
           const SgInterest *in)
{
  Form *f = g_new0 (Form, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row;
  g_autoptr(GtkStringList) categories = gtk_string_list_new (NULL);
  g_autofree char *aliases = in ? g_strjoinv (", ", in->aliases) : NULL;
  g_autofree char *products = in ? g_strjoinv (", ", in->products) : NULL;
  g_autofree char *amount = NULL;

  if (in != NULL && in->has_amount)
    amount = g_strdup_printf ("%.2f", in->amount);

  f->self = g_object_ref (self);
  f->id = in != NULL ? in->id : 0;

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  f->organisation = add_entry (GTK_LIST_BOX (list), _("Organisation"), in ? in->organisation : NULL);
  f->aliases = add_entry (GTK_LIST_BOX (list), _("Other names, separated by commas"), aliases);
  f->products = add_entry (GTK_LIST_BOX (list), _("Products, medicines or devices"), products);

  for (int c = 0; c < SG_N_INTEREST_CATEGORIES; c++)
    gtk_string_list_append (categories, sg_interest_category_title (c));
  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Kind of interest"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (categories));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), in ? in->category : SG_INTEREST_CONSULTANCY);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  f->category = ADW_COMBO_ROW (row);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Paid to my institution"));
  f->institution = GTK_SWITCH (gtk_switch_new ());
  gtk_switch_set_active (f->institution, in ? in->paid_to_institution : FALSE);
  gtk_widget_set_valign (GTK_WIDGET (f->institution), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (f->institution));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (f->institution));
  gtk_list_box_append (GTK_LIST_BOX (list), row);

  f->amount = add_entry (GTK_LIST_BOX (list), _("Amount (optional)"), amount);
  f->currency = add_entry (GTK_LIST_BOX (list), _("Currency, e.g. GBP"), in ? in->currency : "GBP");
  f->started = add_entry (GTK_LIST_BOX (list), _("Started (such as 12/09/2024)"), in ? in->started : NULL);
  f->ended = add_entry (GTK_LIST_BOX (list), _("Ended (if it has)"), in ? in->ended : NULL);
  add_date_picker (GTK_WIDGET (f->started));
  add_date_picker (GTK_WIDGET (f->ended));
  f->notes = add_entry (GTK_LIST_BOX (list), _("Notes"), in ? in->notes : NULL);

  f->problem = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (f->problem, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (f->problem), "error");

  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->problem));

  f->dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
      in ? _("Edit Interest") : _("Add Interest"),
      in ? _("Changes are added to the interest's history; nothing is overwritten.") : NULL));
  adw_message_dialog_set_extra_child (f->dialog, box);
  adw_message_dialog_add_response (f->dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (f->dialog, "save", _("_Save"));
  adw_message_dialog_set_response_appearance (f->dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (f->dialog, "save");
  adw_message_dialog_set_close_response (f->dialog, "cancel");
  g_signal_connect (f->dialog, "response", G_CALLBACK (form_response_cb), f);

  g_signal_connect_swapped (f->organisation, "changed", G_CALLBACK (form_changed_cb), f);
  g_signal_connect_swapped (f->amount, "changed", G_CALLBACK (form_changed_cb), f);
  g_signal_connect_swapped (f->currency, "changed", G_CALLBACK (form_changed_cb), f);
  g_signal_connect_swapped (f->started, "changed", G_CALLBACK (form_changed_cb), f);
  g_signal_connect_swapped (f->ended, "changed", G_CALLBACK (form_changed_cb), f);
  form_changed_cb (f);

  gtk_window_present (GTK_WINDOW (f->dialog));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_form (SG_INTERESTS_PAGE (widget), NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SgInterestsPage *self = SG_INTERESTS_PAGE (widget);
  const SgInterest *in = find_interest (self, g_variant_get_int64 (parameter));

  if (in != NULL)
    open_form (self, in);
}

/* End, remove, history */

typedef struct {
  gint64  id;
  char   *text;
} IdText;

static void
id_text_free (IdText *d)
{
  g_free (d->text);
  g_free (d);
}

static gpointer
end_job (SgStore   *store,
         gpointer   data,
         GError   **error)
{
  IdText *d = data;
  g_autofree char *date = sg_interest_date_from_user (d->text);

  return sg_interest_register_end (store, d->id, date, error) ? GINT_TO_POINTER (1) : NULL;
}

static gpointer
remove_job (SgStore   *store,
            gpointer   data,
            GError   **error)
{
  IdText *d = data;
  return sg_interest_register_remove (store, d->id, d->text, error) ? GINT_TO_POINTER (1) : NULL;
}

/* What a dialog of ask() is about; its entry is owned by the dialog. */
typedef struct {
  SgInterestsPage *self;
  gint64           id;
  SgStoreJob       job;     /* run with the interest's id and the entry's text */
  GtkEditable     *entry;
} Question;

static void
question_free (gpointer  data,
               GClosure *closure)
{
  g_free (data);
}

static void
ask_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 Question         *question)
{
  IdText *d;

  if (!g_str_equal (response, "ok"))
    return;

  d = g_new0 (IdText, 1);
  d->id = question->id;
  d->text = g_strstrip (g_strdup (gtk_editable_get_text (question->entry)));
  run_job (question->self, question->job, d, (GDestroyNotify) id_text_free, changed_cb);
}

static void
ask_entry_changed_cb (AdwMessageDialog *dialog,
                      GtkEditable      *entry)
{
  g_autofree char *s = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "ok", *s != '\0');
}

static void
ask (SgInterestsPage *self,
     gint64           id,
     const char      *heading,
     const char      *body,
     const char      *field,
     const char      *value,
     const char      *ok_label,
     gboolean         destructive,
     gboolean         is_date,
     SgStoreJob       job)
{
  AdwMessageDialog *dialog;
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *entry = adw_entry_row_new ();
  Question *question = g_new0 (Question, 1);

  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), field);
  gtk_editable_set_text (GTK_EDITABLE (entry), value != NULL ? value : "");
  if (is_date)
    add_date_picker (entry);
  gtk_list_box_append (GTK_LIST_BOX (list), entry);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, body));
  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "ok", ok_label);
  adw_message_dialog_set_response_appearance (dialog, "ok", destructive ? ADW_RESPONSE_DESTRUCTIVE
                                                                         : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");
  question->self = self;
  question->id = id;
  question->job = job;
  question->entry = GTK_EDITABLE (entry);
  sg_signal_connect_data_object (dialog, "response", G_CALLBACK (ask_response_cb), question,
                                 question_free, self);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (ask_entry_changed_cb), dialog);
  ask_entry_changed_cb (dialog, GTK_EDITABLE (entry));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
end_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  g_autofree char *today = today_string ();

  ask (SG_INTERESTS_PAGE (widget), g_variant_get_int64 (parameter), _("End Interest"),
       _("It will still be declared for a while after it ends, as set in Preferences."),
       _("Ended on (such as 12/09/2024)"), today, _("_End"), FALSE, TRUE, end_job);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ask (SG_INTERESTS_PAGE (widget), g_variant_get_int64 (parameter), _("Remove Interest?"),
       _("It will no longer be declared. Its history is kept, with your reason."),
       _("Reason for removing it"), NULL, _("_Remove"), TRUE, FALSE, remove_job);
}

static gpointer
history_job (SgStore   *store,
             gpointer   data,
             GError   **error)
{
  return sg_interest_register_history (store, GPOINTER_TO_SIZE (data), error);
}

static void
history_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  SgInterestsPage *self = SG_INTERESTS_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *dialog;

  if (events == NULL)
    {
      if (error != NULL)
        toast (self, error->message);
      return;
    }

  for (guint i = 0; i < events->len; i++)
    {
      SgInterestEvent *e = g_ptr_array_index (events, i);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (e->at);
      g_autofree char *stamp = g_date_time_format (when, "%e %b %Y %H:%M");
      const char *kind = g_str_equal (e->kind, "added") ? _("Added")
                       : g_str_equal (e->kind, "edited") ? _("Edited")
                       : g_str_equal (e->kind, "ended") ? _("Ended") : _("Removed");

      g_string_append_printf (body, "%s — %s", g_strstrip (stamp), kind);
      if (e->reason != NULL)
        g_string_append_printf (body, _(": “%s”"), e->reason);
      g_string_append_c (body, '\n');
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("History"), body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  g_ptr_array_set_free_func (events, (GDestroyNotify) sg_interest_event_free);
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  run_job (SG_INTERESTS_PAGE (widget), history_job,
           GSIZE_TO_POINTER (g_variant_get_int64 (parameter)), NULL, history_cb);
}

/* Import and export */

static gpointer
import_job (SgStore   *store,
            gpointer   data,
            GError   **error)
{
  g_autoptr(GPtrArray) interests = sg_interests_load_file (data, error);

  if (interests == NULL || !sg_interest_register_import (store, interests, error))
    return NULL;
  return GINT_TO_POINTER (1);
}

static void
import_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    SgInterestsPage *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    run_job (self, import_job, g_file_get_path (file), g_free, changed_cb);
  g_object_unref (chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Import Interests"),
                                 GTK_WINDOW (gtk_widget_get_root (widget)),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));

  g_signal_connect (chooser, "response", G_CALLBACK (import_response_cb), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* An export being asked about: the page and the format chosen ("csv", "html", "json"). */
typedef struct {
  SgInterestsPage *self;
  char            *format;
} Export;

static void
export_free (gpointer  data,
             GClosure *closure)
{
  Export *export = data;

  g_free (export->format);
  g_free (export);
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    Export          *export)
{
  SgInterestsPage *self = export->self;
  const char *format = export->format;
  g_autoptr(GFile) file = NULL;
  g_autofree char *data = NULL;
  g_autofree char *today = today_string ();

  if (response == GTK_RESPONSE_ACCEPT && self->interests != NULL &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      if (g_str_equal (format, "csv"))
        data = sg_interests_to_csv_data (self->interests);
      else if (g_str_equal (format, "html"))
        data = sg_interests_to_html (self->interests, NULL, today);
      else
        data = sg_interests_to_json_data (self->interests);

      /* Readable by the user only (a register lists payments), written off the main loop. */
      sg_export_write (GTK_WIDGET (self), file, g_steal_pointer (&data), _("Exported"));
    }
  g_object_unref (chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  const char *format = g_variant_get_string (parameter, NULL);
  g_autofree char *name = g_strdup_printf ("interests.%s", format);
  Export *export = g_new0 (Export, 1);
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Export Interests"),
                                 GTK_WINDOW (gtk_widget_get_root (widget)),
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  export->self = SG_INTERESTS_PAGE (widget);
  export->format = g_strdup (format);
  g_signal_connect_data (chooser, "response", G_CALLBACK (export_response_cb), export,
                         export_free, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
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

void
sg_interests_page_add (SgInterestsPage  *self,
                       const SgInterest *interest)
{
  g_return_if_fail (SG_IS_INTERESTS_PAGE (self));

  run_job (self, add_job, sg_interest_copy (interest), (GDestroyNotify) sg_interest_free,
           added_cb);
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

  gtk_widget_class_install_action (widget_class, "interests.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "interests.edit", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "interests.end", "x", end_action);
  gtk_widget_class_install_action (widget_class, "interests.remove", "x", remove_action);
  gtk_widget_class_install_action (widget_class, "interests.history", "x", history_action);
  gtk_widget_class_install_action (widget_class, "interests.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "interests.export", "s", export_action);
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
