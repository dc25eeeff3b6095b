/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Adding and editing an interest: one form in a dialog, checked as it is typed; and the calendar
 * beside a date field, which ending an interest uses too. */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-interests-page-private.h"

#include "sg-interest-register.h"
#include "sg-signal.h"

/* What the form's fields hold, as typed (not parsed: "12,50" stays as it was written). */
enum { ORGANISATION, ALIASES, PRODUCTS, AMOUNT, CURRENCY, STARTED, ENDED, NOTES, N_TEXTS };

typedef struct {
  char     *text[N_TEXTS];
  guint     category;
  gboolean  institution;
} Typed;

typedef struct {
  SgInterestsPage  *self;     /* not held: the form goes with the page */
  AdwMessageDialog *dialog;
  GtkWidget        *box;      /* held: the fields stay readable until the form is freed */
  GtkEditable      *organisation, *aliases, *products, *amount, *currency, *started, *ended, *notes;
  AdwComboRow      *category;
  GtkSwitch        *institution;
  GtkLabel         *problem;
  gint64            id;
  Typed            *opened;   /* what the form opened with */
  Typed            *typed;    /* what it holds now, kept as it changes */
  gboolean          answered;
} Form;

/* A form closed without Save or Cancel (its window closed, the page rebuilt) keeps what was
 * typed in it for the rest of the session, by interest (0: a new one), and the next form for
 * the same interest opens with it: a doctor who was called away mid-form expects to find it as
 * they left it, as a draft is, rather than lose it or be asked about it while the window is
 * going. Process-wide because the page and the window may both be gone by then; never
 * written to disk. */
static GHashTable *unsaved;   /* gint64 * → Typed * */

static void
typed_free (Typed *t)
{
  for (guint i = 0; i < N_TEXTS; i++)
    g_free (t->text[i]);
  g_free (t);
}

static gboolean
typed_equal (const Typed *a,
             const Typed *b)
{
  for (guint i = 0; i < N_TEXTS; i++)
    if (g_strcmp0 (a->text[i], b->text[i]) != 0)
      return FALSE;
  return a->category == b->category && a->institution == b->institution;
}

static void
form_entries (Form        *f,
              GtkEditable *entries[N_TEXTS])
{
  entries[ORGANISATION] = f->organisation;
  entries[ALIASES] = f->aliases;
  entries[PRODUCTS] = f->products;
  entries[AMOUNT] = f->amount;
  entries[CURRENCY] = f->currency;
  entries[STARTED] = f->started;
  entries[ENDED] = f->ended;
  entries[NOTES] = f->notes;
}

static Typed *
form_read (Form *f)
{
  Typed *t = g_new0 (Typed, 1);
  GtkEditable *entries[N_TEXTS];

  form_entries (f, entries);
  for (guint i = 0; i < N_TEXTS; i++)
    t->text[i] = g_strdup (gtk_editable_get_text (entries[i]));
  t->category = adw_combo_row_get_selected (f->category);
  t->institution = gtk_switch_get_active (f->institution);
  return t;
}

static void
form_write (Form        *f,
            const Typed *t)
{
  GtkEditable *entries[N_TEXTS];

  form_entries (f, entries);
  for (guint i = 0; i < N_TEXTS; i++)
    gtk_editable_set_text (entries[i], t->text[i]);
  adw_combo_row_set_selected (f->category, t->category);
  gtk_switch_set_active (f->institution, t->institution);
}

/* The form's handler goes with its dialog (answered or not) or with the page. */
static void
form_free (gpointer  data,
           GClosure *closure)
{
  Form *f = data;

  if (!f->answered && !typed_equal (f->typed, f->opened))
    {
      if (unsaved == NULL)
        unsaved = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                         (GDestroyNotify) typed_free);
      g_hash_table_replace (unsaved, g_memdup2 (&f->id, sizeof f->id),
                            g_steal_pointer (&f->typed));
    }
  g_clear_pointer (&f->opened, typed_free);
  g_clear_pointer (&f->typed, typed_free);
  {
    GtkEditable *entries[N_TEXTS];

    form_entries (f, entries);
    for (guint i = 0; i < N_TEXTS; i++)
      g_signal_handlers_disconnect_by_data (entries[i], f);
    g_signal_handlers_disconnect_by_data (f->category, f);
    g_signal_handlers_disconnect_by_data (f->institution, f);
  }
  g_clear_object (&f->box);
  g_free (f);
}

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

/* An amount as people write it: "1500", "1,500", "£1,500.50", "2 000". A leading currency sign
 * and thousands separators (commas or spaces between groups of three digits) are dropped; a
 * comma anywhere else ("1,5") is refused rather than guessed. FALSE: not an amount. */
static gboolean
parse_amount (const char *text,
              double     *out)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *p = text;
  guint group = 0;
  gboolean grouped = FALSE, fraction = FALSE;
  char *end = NULL;

  while (g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  if (g_str_has_prefix (p, "£") || g_str_has_prefix (p, "€") || *p == '$')
    p = g_utf8_next_char (p);
  while (g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);

  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (digits, *p);
          group++;
        }
      else if ((*p == ',' || *p == ' ') && !fraction && digits->len > 0 &&
               g_ascii_isdigit (p[1]) && (!grouped ? group <= 3 : group == 3))
        {
          grouped = TRUE;
          group = 0;
        }
      else if (*p == '.' && !fraction && (!grouped || group == 3))
        {
          g_string_append_c (digits, '.');
          fraction = TRUE;
          grouped = FALSE;
        }
      else
        break;
    }
  if (grouped && group != 3)
    return FALSE;
  while (g_ascii_isspace (*p))
    p++;
  if (*p != '\0' || digits->len == 0)
    return FALSE;

  *out = g_ascii_strtod (digits->str, &end);
  return end != digits->str && *end == '\0';
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
      in->has_amount = TRUE;
      if (!parse_amount (amount, &in->amount))
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
  /* Read now, while the fields are there: they are gone by the time the dialog's handler is. */
  g_clear_pointer (&f->typed, typed_free);
  f->typed = form_read (f);
}

/* A new interest is said to be in the register, and where it goes from now on. */
static void
added_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  sg_interests_page_change_done (SG_INTERESTS_PAGE (object), result,
                                 _("Interest added; posts that mention it will declare it"));
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

      sg_interests_page_run_job (f->self, f->id > 0 ? update_job : add_job, in,
                                 (GDestroyNotify) sg_interest_free,
                                 f->id > 0 ? sg_interests_page_changed_cb : added_cb);
    }
  /* Saved, or let go with Cancel (or Escape): either way nothing is kept. */
  f->answered = TRUE;
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

void
sg_interests_add_date_picker (GtkWidget *entry_row)
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
  g_autofree char *joined = NULL;
  const char *body;
  const char *restored = NULL;
  gpointer key;
  Typed *kept = NULL;

  if (in != NULL && in->has_amount)
    amount = g_strdup_printf ("%.2f", in->amount);

  f->self = self;
  f->id = in != NULL ? in->id : 0;

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  f->organisation = add_entry (GTK_LIST_BOX (list), _("Organisation"),
                               in ? in->organisation : NULL);
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
  f->started = add_entry (GTK_LIST_BOX (list), _("Started (such as 12/09/2024)"),
                          in ? in->started : NULL);
  f->ended = add_entry (GTK_LIST_BOX (list), _("Ended (if it has)"), in ? in->ended : NULL);
  sg_interests_add_date_picker (GTK_WIDGET (f->started));
  sg_interests_add_date_picker (GTK_WIDGET (f->ended));
  f->notes = add_entry (GTK_LIST_BOX (list), _("Notes"), in ? in->notes : NULL);

  f->problem = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (f->problem, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (f->problem), "error");

  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->problem));

  f->opened = form_read (f);
  if (unsaved != NULL && g_hash_table_steal_extended (unsaved, &f->id, &key, (gpointer *) &kept))
    {
      form_write (f, kept);
      typed_free (kept);
      g_free (key);
      /* Translators: at the top of the Add or Edit Interest form, when it opens with what was
       * typed in it before it was closed without Save or Cancel */
      restored = _("What you typed before this form closed is back. It is not saved until "
                   "you choose Save.");
    }
  body = in ? _("Changes are added to the interest's history; nothing is overwritten.") : NULL;
  if (restored != NULL)
    joined = body != NULL ? g_strconcat (restored, "\n\n", body, NULL) : g_strdup (restored);
  f->dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
      in ? _("Edit Interest") : _("Add Interest"), joined != NULL ? joined : body));
  f->box = g_object_ref (box);
  adw_message_dialog_set_extra_child (f->dialog, box);
  adw_message_dialog_add_response (f->dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (f->dialog, "save", _("_Save"));
  adw_message_dialog_set_response_appearance (f->dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (f->dialog, "save");
  adw_message_dialog_set_close_response (f->dialog, "cancel");
  sg_signal_connect_data_object (f->dialog, "response", G_CALLBACK (form_response_cb), f,
                                 form_free, self);
  /* The form goes with the page (rebuilt, or its window closed), keeping what was typed. */
  g_signal_connect_object (self, "destroy", G_CALLBACK (gtk_window_destroy), f->dialog,
                           G_CONNECT_SWAPPED);

  {
    GtkEditable *entries[N_TEXTS];

    form_entries (f, entries);
    for (guint i = 0; i < N_TEXTS; i++)
      g_signal_connect_swapped (entries[i], "changed", G_CALLBACK (form_changed_cb), f);
  }
  g_signal_connect_swapped (f->category, "notify::selected", G_CALLBACK (form_changed_cb), f);
  g_signal_connect_swapped (f->institution, "notify::active", G_CALLBACK (form_changed_cb), f);
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
  const SgInterest *in = sg_interests_page_find_interest (self, g_variant_get_int64 (parameter));

  if (in != NULL)
    open_form (self, in);
}

void
sg_interests_page_add (SgInterestsPage  *self,
                       const SgInterest *interest)
{
  g_return_if_fail (SG_IS_INTERESTS_PAGE (self));

  sg_interests_page_run_job (self, add_job, sg_interest_copy (interest),
                             (GDestroyNotify) sg_interest_free, added_cb);
}

void
sg_interests_page_class_init_form (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "interests.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "interests.edit", "x", edit_action);
}
