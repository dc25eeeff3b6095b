/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Privacy review: the accounts the user holds, when each is due, and a step-by-step review
 * of one account's settings that is saved as it goes (GMC 2013 ¶8). */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-accounts.h"
#include "sg-checklist.h"
#include "sg-mastodon-client.h"
#include "sg-mastodon-privacy.h"
#include "sg-platform.h"
#include "sg-export.h"
#include "sg-privacy-page.h"
#include "sg-profiles.h"
#include "sg-reminders.h"
#include "sg-secrets.h"
#include "sg-review-history.h"
#include "sg-review-schedule.h"
#include "sg-store-job.h"
#include "sg-toast.h"

struct _SgPrivacyPage
{
  GtkWidget      parent_instance;

  GtkStack      *stack;
  GtkListBox    *list;

  SgContext *context;
  GCancellable  *cancellable;
  GPtrArray     *profiles;   /* SgProfile* */
  guint          n_due;
  char          *posting_token;   /* instead of the keyring's (tests), or NULL */
};

G_DEFINE_FINAL_TYPE (SgPrivacyPage, sg_privacy_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_N_DUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const checklist_ids[] = {
  "facebook", "instagram", "x", "linkedin", "tiktok", "threads", "bluesky", "mastodon",
  "youtube", "whatsapp", "reddit", "general", NULL
};
static const char * const checklist_names[] = {
  N_("Facebook"), N_("Instagram"), N_("X (Twitter)"), N_("LinkedIn"), N_("TikTok"),
  N_("Threads"), N_("Bluesky"), N_("Mastodon"), N_("YouTube"), N_("WhatsApp"), N_("Reddit"),
  N_("Other"), NULL
};

static void reload (SgPrivacyPage *self);

static void
toast (SgPrivacyPage *self,
       const char *text)
{
  sg_toast_show (GTK_WIDGET (self), text);
}

static const char *
platform_name (const char *id)
{
  for (guint i = 0; checklist_ids[i] != NULL; i++)
    if (g_strcmp0 (id, checklist_ids[i]) == 0)
      return _(checklist_names[i]);
  return id;
}

static SgStore *
get_store (SgPrivacyPage *self)
{
  return self->context != NULL ? sg_context_get_store (self->context) : NULL;
}

static void
today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

/* Threads */


static void
run_job (SgPrivacyPage       *self,
         SgStoreJob           job,
         gpointer             data,
         GDestroyNotify       destroy,
         GAsyncReadyCallback  callback,
         gpointer             user_data)
{
  SgStore *store = get_store (self);

  if (store == NULL)
    {
      if (destroy)
        destroy (data);
      toast (self, _("Your saved data could not be opened, so nothing can be saved."));
      return;
    }

  sg_store_job_run (self, store, self->cancellable, job, data, destroy, callback, user_data);
}

static void
changed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  SgPrivacyPage *self = SG_PRIVACY_PAGE (object);
  g_autoptr(GError) error = NULL;

  g_task_propagate_pointer (G_TASK (result), &error);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (self, error->message);
  reload (self);
}

/* The review window */

typedef struct {
  SgPrivacyPage *self;
  GtkWindow     *window;
  GtkButton     *finish;
  AdwWindowTitle *title;     /* its subtitle counts the answers */
  gint64         review_id;
  GHashTable    *answered;   /* item id → answer index + 1 */
  GHashTable    *rows;       /* item id → its row (owned by the list) */
  GtkWidget     *read;       /* "Read From Mastodon", or NULL */
  char          *server;     /* the signed-in Mastodon account's server, or NULL */
  guint          n_items;
} Review;

static void
review_free (Review *r)
{
  g_object_unref (r->self);
  g_hash_table_unref (r->answered);
  g_hash_table_unref (r->rows);
  g_free (r->server);
  g_free (r);
}

typedef struct {
  gint64    review_id;
  char     *item_id;
  SgAnswer  answer;
  char     *note;
} AnswerJob;

static void
answer_job_free (AnswerJob *a)
{
  g_free (a->item_id);
  g_free (a->note);
  g_free (a);
}

static gpointer
answer_job (SgStore   *store,
            gpointer   data,
            GError   **error)
{
  AnswerJob *a = data;
  return sg_reviews_answer (store, a->review_id, a->item_id, a->answer, a->note, error)
         ? GINT_TO_POINTER (1) : NULL;
}

static void
answered_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_task_propagate_pointer (G_TASK (result), &error);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (SG_PRIVACY_PAGE (object), error->message);
}

/* How far the review is, in the title, and why Finish is not yet possible (it was greyed out
 * without a word). */
static void
update_progress (Review *r)
{
  guint n = g_hash_table_size (r->answered);
  g_autofree char *progress = NULL;

  if (n >= r->n_items)
    progress = g_strdup_printf (ngettext ("The %u item is answered: Finish Review records it",
                                          "All %u items are answered: Finish Review records them",
                                          r->n_items), r->n_items);
  else
    progress = g_strdup_printf (ngettext ("%u of %u item answered; answers are saved as you go",
                                          "%u of %u items answered; answers are saved as you go",
                                          r->n_items), n, r->n_items);
  adw_window_title_set_subtitle (r->title, progress);
  gtk_widget_set_sensitive (GTK_WIDGET (r->finish), n >= r->n_items);
  gtk_widget_set_tooltip_text (GTK_WIDGET (r->finish),
                               n >= r->n_items ? NULL : _("Answer every item first"));
}

static void
answer_toggled_cb (GtkToggleButton *button,
                   Review          *r)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "row");
  GtkEditable *note = g_object_get_data (G_OBJECT (row), "note");
  AnswerJob *a;

  if (!gtk_toggle_button_get_active (button))
    return;

  a = g_new0 (AnswerJob, 1);
  a->review_id = r->review_id;
  a->item_id = g_strdup (g_object_get_data (G_OBJECT (row), "item-id"));
  a->answer = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "answer"));
  a->note = g_strdup (gtk_editable_get_text (note));
  g_hash_table_insert (r->answered, g_strdup (a->item_id), GUINT_TO_POINTER (a->answer + 1));
  update_progress (r);
  /* The answer shows on the collapsed row too, not only inside it. */
  {
    g_autofree char *subtitle = g_strdup_printf ("%s · %s", gtk_button_get_label (GTK_BUTTON (button)),
                                                 (const char *) g_object_get_data (G_OBJECT (row),
                                                                                   "conservative"));
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  }

  /* Saved as you go, so an interrupted review resumes where it stopped. */
  run_job (r->self, answer_job, a, (GDestroyNotify) answer_job_free, answered_cb, NULL);
}

/* A note typed after the answer was chosen is saved too (it was kept only when an answer
 * button was pressed, so it was lost, and missing from the export). Each change is one small
 * write off the main loop; before any answer there is nothing to attach it to, and choosing
 * one saves it. */
static void
note_changed_cb (GtkEditable *note,
                 Review      *r)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (note), "row");
  const char *item_id = g_object_get_data (G_OBJECT (row), "item-id");
  gpointer answer = g_hash_table_lookup (r->answered, item_id);
  AnswerJob *a;

  if (answer == NULL)
    return;
  a = g_new0 (AnswerJob, 1);
  a->review_id = r->review_id;
  a->item_id = g_strdup (item_id);
  a->answer = GPOINTER_TO_UINT (answer) - 1;
  a->note = g_strdup (gtk_editable_get_text (note));
  run_job (r->self, answer_job, a, (GDestroyNotify) answer_job_free, answered_cb, NULL);
}

static gpointer
complete_job (SgStore   *store,
              gpointer   data,
              GError   **error)
{
  return sg_reviews_complete (store, GPOINTER_TO_SIZE (data), error) ? GINT_TO_POINTER (1) : NULL;
}

static void
finish_clicked_cb (Review *r)
{
  run_job (r->self, complete_job, GSIZE_TO_POINTER (r->review_id), NULL, changed_cb, NULL);
  toast (r->self, _("Review recorded"));
  gtk_window_destroy (r->window);
}

static GtkWidget *
item_row (SgChecklistItem *item,
          Review          *r,
          SgAnswer         previous,
          gboolean         has_previous,
          const char      *note)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *answers = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *note_entry = gtk_entry_new ();
  GtkWidget *why = gtk_label_new (item->why);
  g_autoptr(GString) steps = g_string_new (NULL);
  g_autofree char *cites = g_strjoinv (" · ", item->citations);
  g_autofree char *conservative = g_strdup_printf (_("Safer setting: %s"), item->conservative);
  const char *labels[] = { N_("Done"), N_("Not Applicable"), N_("Needs Action") };
  GtkWidget *first = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), conservative);
  g_object_set_data_full (G_OBJECT (row), "conservative", g_strdup (conservative), g_free);
  g_object_set_data_full (G_OBJECT (row), "item-id", g_strdup (item->id), g_free);
  g_object_set_data (G_OBJECT (row), "note", note_entry);

  gtk_label_set_wrap (GTK_LABEL (why), TRUE);
  gtk_label_set_xalign (GTK_LABEL (why), 0);
  gtk_box_append (GTK_BOX (body), why);

  for (guint i = 0; item->steps[i] != NULL; i++)
    g_string_append_printf (steps, "%u. %s\n", i + 1, item->steps[i]);
  {
    GtkWidget *steps_label = gtk_label_new (g_strchomp (steps->str));
    gtk_label_set_wrap (GTK_LABEL (steps_label), TRUE);
    gtk_label_set_xalign (GTK_LABEL (steps_label), 0);
    gtk_label_set_selectable (GTK_LABEL (steps_label), TRUE);
    gtk_box_append (GTK_BOX (body), steps_label);
  }

  if (item->settings_url != NULL)
    gtk_box_append (GTK_BOX (body), gtk_link_button_new_with_label (item->settings_url,
                                                                    _("Open the settings page")));
  {
    GtkWidget *c = gtk_label_new (cites);
    gtk_label_set_xalign (GTK_LABEL (c), 0);
    gtk_widget_add_css_class (c, "dim-label");
    gtk_widget_add_css_class (c, "caption");
    gtk_box_append (GTK_BOX (body), c);
  }

  gtk_widget_add_css_class (answers, "linked");
  for (guint a = 0; a < G_N_ELEMENTS (labels); a++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (_(labels[a]));

      if (first == NULL)
        first = button;
      else
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (first));
      g_object_set_data (G_OBJECT (button), "answer", GUINT_TO_POINTER (a));
      g_object_set_data (G_OBJECT (button), "row", row);
      g_object_set_data (G_OBJECT (row), a == 0 ? "button-0" : a == 1 ? "button-1" : "button-2",
                         button);
      if (has_previous && previous == a)
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
      g_signal_connect (button, "toggled", G_CALLBACK (answer_toggled_cb), r);
      gtk_box_append (GTK_BOX (answers), button);
    }
  gtk_box_append (GTK_BOX (body), answers);

  gtk_entry_set_placeholder_text (GTK_ENTRY (note_entry), _("Note (optional)"));
  gtk_editable_set_text (GTK_EDITABLE (note_entry), note != NULL ? note : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (note_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Note"), -1);
  gtk_box_append (GTK_BOX (body), note_entry);
  g_object_set_data (G_OBJECT (note_entry), "row", row);
  g_signal_connect (note_entry, "changed", G_CALLBACK (note_changed_cb), r);

  gtk_widget_set_margin_start (body, 12);
  gtk_widget_set_margin_end (body, 12);
  gtk_widget_set_margin_top (body, 6);
  gtk_widget_set_margin_bottom (body, 12);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), body);
  return row;
}

/* Reading a Mastodon account's settings into the review */

static char *
normalise_handle (const char *handle)
{
  while (*handle == '@')
    handle++;
  return g_utf8_strdown (handle, -1);
}

/* The server, when the account under review is the one signed in for posting: its settings
 * can then be read. "doc" matches "@doc@mastodon.example" and the other way round. */
static char *
signed_in_server (SgPrivacyPage   *self,
                  const SgProfile *profile)
{
  GSettings *settings = self->context ? sg_context_get_settings (self->context) : NULL;
  g_autofree char *account = NULL, *server = NULL, *a = NULL, *b = NULL;
  char *at;

  if (g_strcmp0 (profile->platform, "mastodon") != 0 ||
      !sg_accounts_signed_in (settings, "mastodon", &server, &account))
    return NULL;
  a = normalise_handle (account);
  b = normalise_handle (profile->handle);
  if (!g_str_equal (a, b))
    {
      /* Compare the local parts when only one side names the server. */
      if (strchr (a, '@') != NULL && strchr (b, '@') != NULL)
        return NULL;
      if ((at = strchr (a, '@')) != NULL)
        *at = '\0';
      if ((at = strchr (b, '@')) != NULL)
        *at = '\0';
      if (!g_str_equal (a, b))
        return NULL;
    }
  return g_steal_pointer (&server);
}

static void
privacy_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GtkWindow *window = user_data;
  Review *r = g_object_get_data (G_OBJECT (window), "review");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) account =
    sg_mastodon_client_read_account_finish (SG_MASTODON_CLIENT (object), result, &error);
  g_autoptr(GPtrArray) answers = account != NULL ? sg_mastodon_privacy_answers (account) : NULL;

  /* Closed meanwhile: its rows are gone (a destroyed window is hidden, and stays so). */
  if (r == NULL || !gtk_widget_get_visible (GTK_WIDGET (window)))
    {
      g_object_unref (window);
      return;
    }
  gtk_widget_set_sensitive (r->read, TRUE);
  if (answers == NULL)
    {
      toast (r->self, error->message);
      g_object_unref (window);
      return;
    }

  /* Each answer goes through the buttons, so it is saved as if clicked, note included. */
  for (guint i = 0; i < answers->len; i++)
    {
      SgReviewAnswer *a = g_ptr_array_index (answers, i);
      GtkWidget *row = g_hash_table_lookup (r->rows, a->item_id);
      g_autofree char *key = g_strdup_printf ("button-%u", (guint) a->answer);
      GtkToggleButton *button;

      if (row == NULL)
        continue;
      button = g_object_get_data (G_OBJECT (row), key);
      gtk_editable_set_text (g_object_get_data (G_OBJECT (row), "note"), a->note);
      if (gtk_toggle_button_get_active (button))
        gtk_toggle_button_set_active (button, FALSE);
      gtk_toggle_button_set_active (button, TRUE);
    }
  {
    g_autofree char *text = g_strdup_printf (ngettext ("%u setting filled in from your server",
                                                       "%u settings filled in from your server",
                                                       answers->len), answers->len);
    toast (r->self, text);
  }
  g_object_unref (window);
}

static void
read_with_token (Review     *r,
                 const char *token)
{
  g_autoptr(SgMastodonClient) client = sg_mastodon_client_new (r->server, token);

  sg_mastodon_client_read_account_async (client, r->self->cancellable, privacy_read_cb,
                                         g_object_ref (r->window));
}

static void
token_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GtkWindow *window = user_data;
  Review *r = g_object_get_data (G_OBJECT (window), "review");
  g_autoptr(GError) error = NULL;
  g_autofree char *token = sg_secrets_lookup_finish (result, &error);

  if (r == NULL || !gtk_widget_get_visible (GTK_WIDGET (window)))
    ;
  else if (token != NULL)
    read_with_token (r, token);
  else
    {
      gtk_widget_set_sensitive (r->read, TRUE);
      toast (r->self, error ? error->message
                            : _("You are not signed in to Mastodon here: sign in under Preferences → Posting."));
    }
  g_object_unref (window);
}

static void
read_clicked_cb (Review *r)
{
  GSettings *settings = sg_context_get_settings (r->self->context);
  g_autofree char *account = g_settings_get_string (settings, sg_accounts_account_key ("mastodon"));

  gtk_widget_set_sensitive (r->read, FALSE);
  if (r->self->posting_token != NULL)
    read_with_token (r, r->self->posting_token);
  else
    sg_secrets_lookup_async ("mastodon", r->server, account, r->self->cancellable, token_cb,
                             g_object_ref (r->window));
}

void
sg_privacy_page_set_posting_token (SgPrivacyPage *self,
                                   const char    *token)
{
  g_return_if_fail (SG_IS_PRIVACY_PAGE (self));

  g_free (self->posting_token);
  self->posting_token = g_strdup (token);
}

typedef struct {
  gint64     profile_id;
  gint64     review_id;
  GPtrArray *answers;
} OpenResult;

static gpointer
open_job (SgStore   *store,
          gpointer   data,
          GError   **error)
{
  OpenResult *r = g_new0 (OpenResult, 1);

  r->profile_id = GPOINTER_TO_SIZE (data);
  r->review_id = sg_reviews_open (store, r->profile_id, error);
  if (r->review_id < 0)
    {
      g_free (r);
      return NULL;
    }
  r->answers = sg_reviews_get_answers (store, r->review_id, NULL);
  return r;
}

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  SgPrivacyPage *self = SG_PRIVACY_PAGE (object);
  g_autoptr(GError) error = NULL;
  OpenResult *opened = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(SgChecklist) checklist = NULL;
  const SgProfile *profile = NULL;
  GtkWidget *window, *box, *header, *scroller, *clamp, *list, *title;
  g_autofree char *heading = NULL;
  Review *r;

  if (opened == NULL)
    {
      if (error != NULL)
        toast (self, error->message);
      return;
    }

  for (guint i = 0; self->profiles != NULL && i < self->profiles->len; i++)
    if (((SgProfile *) g_ptr_array_index (self->profiles, i))->id == opened->profile_id)
      profile = g_ptr_array_index (self->profiles, i);

  checklist = profile ? sg_checklist_load (profile->platform, &error) : NULL;
  if (checklist == NULL)
    {
      toast (self, error != NULL ? error->message : _("That account is not listed any more."));
      g_clear_pointer (&opened->answers, g_ptr_array_unref);
      g_free (opened);
      return;
    }

  r = g_new0 (Review, 1);
  r->self = g_object_ref (self);
  r->review_id = opened->review_id;
  r->answered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r->n_items = checklist->items->len;
  r->server = signed_in_server (self, profile);

  window = adw_window_new ();
  r->window = GTK_WINDOW (window);
  gtk_window_set_modal (r->window, TRUE);
  gtk_window_set_transient_for (r->window, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_set_default_size (r->window, 640, 720);
  heading = g_strdup_printf (_("Review %s — %s"), platform_name (profile->platform), profile->handle);
  gtk_window_set_title (r->window, heading);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  title = adw_window_title_new (heading, NULL);
  r->title = ADW_WINDOW_TITLE (title);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  r->finish = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Finish Review")));
  gtk_widget_add_css_class (GTK_WIDGET (r->finish), "suggested-action");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (r->finish));
  g_signal_connect_swapped (r->finish, "clicked", G_CALLBACK (finish_clicked_cb), r);
  if (r->server != NULL)
    {
      r->read = gtk_button_new_with_mnemonic (_("_Read From Mastodon"));
      gtk_widget_set_tooltip_text (r->read, _("Fill in what your server reports; you can change any answer"));
      adw_header_bar_pack_start (ADW_HEADER_BAR (header), r->read);
      g_signal_connect_swapped (r->read, "clicked", G_CALLBACK (read_clicked_cb), r);
    }
  g_object_set_data_full (G_OBJECT (window), "review", r, (GDestroyNotify) review_free);
  gtk_box_append (GTK_BOX (box), header);

  scroller = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scroller, TRUE);
  clamp = adw_clamp_new ();
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_margin_top (list, 12);
  gtk_widget_set_margin_bottom (list, 12);
  gtk_widget_set_margin_start (list, 12);
  gtk_widget_set_margin_end (list, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Settings to check"), -1);

  for (guint i = 0; i < checklist->items->len; i++)
    {
      SgChecklistItem *item = g_ptr_array_index (checklist->items, i);
      SgReviewAnswer *prev = NULL;

      for (guint a = 0; opened->answers != NULL && a < opened->answers->len; a++)
        if (g_strcmp0 (((SgReviewAnswer *) g_ptr_array_index (opened->answers, a))->item_id,
                       item->id) == 0)
          prev = g_ptr_array_index (opened->answers, a);
      if (prev != NULL)
        g_hash_table_insert (r->answered, g_strdup (item->id), GUINT_TO_POINTER (prev->answer + 1));
      {
        GtkWidget *row = item_row (item, r, prev ? prev->answer : 0, prev != NULL,
                                   prev ? prev->note : NULL);
        g_hash_table_insert (r->rows, g_strdup (item->id), row);
        gtk_list_box_append (GTK_LIST_BOX (list), row);
      }
    }

  update_progress (r);
  adw_clamp_set_child (ADW_CLAMP (clamp), list);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_box_append (GTK_BOX (box), scroller);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (r->window);

  g_clear_pointer (&opened->answers, g_ptr_array_unref);
  g_free (opened);
}

static void
review_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  run_job (SG_PRIVACY_PAGE (widget), open_job, GSIZE_TO_POINTER (g_variant_get_int64 (parameter)),
           NULL, opened_cb, NULL);
}

/* Adding a profile */

typedef struct {
  char  *platform;
  char  *handle;
  char  *kind;
  guint  interval;
} AddJob;

static void
add_job_free (AddJob *a)
{
  g_free (a->platform);
  g_free (a->handle);
  g_free (a->kind);
  g_free (a);
}

static gpointer
add_job (SgStore   *store,
         gpointer   data,
         GError   **error)
{
  AddJob *a = data;
  return sg_profiles_add (store, a->platform, a->handle, a->kind, a->interval, error) > 0
         ? GINT_TO_POINTER (1) : NULL;
}

void
sg_privacy_page_add_profile (SgPrivacyPage *self,
                             const char    *platform,
                             const char    *handle,
                             const char    *kind)
{
  AddJob *a = g_new0 (AddJob, 1);

  a->platform = g_strdup (platform);
  a->handle = g_strdup (handle);
  a->kind = g_strdup (kind);
  a->interval = g_settings_get_uint (sg_context_get_settings (self->context),
                                     "review-interval-days");
  run_job (self, add_job, a, (GDestroyNotify) add_job_free, changed_cb, NULL);
}

static void
add_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 SgPrivacyPage    *self)
{
  AdwComboRow *platform = g_object_get_data (G_OBJECT (dialog), "platform");
  AdwComboRow *kind = g_object_get_data (G_OBJECT (dialog), "kind");
  GtkEditable *handle = g_object_get_data (G_OBJECT (dialog), "handle");

  if (!g_str_equal (response, "add"))
    return;
  sg_privacy_page_add_profile (self, checklist_ids[adw_combo_row_get_selected (platform)],
                               gtk_editable_get_text (handle),
                               adw_combo_row_get_selected (kind) == 0 ? "personal" : "professional");
}

static void
handle_changed_cb (AdwMessageDialog *dialog,
                   GtkEditable      *handle)
{
  g_autofree char *s = g_strstrip (g_strdup (gtk_editable_get_text (handle)));
  adw_message_dialog_set_response_enabled (dialog, "add", *s != '\0');
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  SgPrivacyPage *self = SG_PRIVACY_PAGE (widget);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *platform = adw_combo_row_new ();
  GtkWidget *handle = adw_entry_row_new ();
  GtkWidget *kind = adw_combo_row_new ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  AdwMessageDialog *dialog;

  for (guint i = 0; checklist_names[i] != NULL; i++)
    gtk_string_list_append (names, _(checklist_names[i]));
  gtk_string_list_append (kinds, _("Personal"));
  gtk_string_list_append (kinds, _("Professional"));

  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (platform), _("Platform"));
  adw_combo_row_set_model (ADW_COMBO_ROW (platform), G_LIST_MODEL (names));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (handle), _("Account name or handle"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (kind), _("Kind of account"));
  adw_combo_row_set_model (ADW_COMBO_ROW (kind), G_LIST_MODEL (kinds));
  gtk_list_box_append (GTK_LIST_BOX (list), platform);
  gtk_list_box_append (GTK_LIST_BOX (list), handle);
  gtk_list_box_append (GTK_LIST_BOX (list), kind);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      GTK_WINDOW (gtk_widget_get_root (widget)), _("Add Account"),
      _("Add each account you hold; SocialGuard reminds you when its settings are due for a "
        "review.")));
  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "add", _("_Add"));
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "platform", platform);
  g_object_set_data (G_OBJECT (dialog), "kind", kind);
  g_object_set_data (G_OBJECT (dialog), "handle", handle);
  g_signal_connect_object (dialog, "response", G_CALLBACK (add_response_cb), self, 0);
  g_signal_connect_swapped (handle, "changed", G_CALLBACK (handle_changed_cb), dialog);
  handle_changed_cb (dialog, GTK_EDITABLE (handle));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The schedule as a calendar file */

static void
calendar_chosen (GtkWidget *widget,
                 GFile     *file)
{
  SgPrivacyPage *self = SG_PRIVACY_PAGE (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GDate date;

  if (self->profiles == NULL)
    return;
  today (&date);
  sg_export_write (widget, file, sg_reminders_to_ics (self->profiles, &date, now),
                   _("Calendar exported"));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  sg_export_choose (widget, _("Export Review Schedule"), "privacy-reviews.ics", calendar_chosen);
}

/* The history, for appraisal */

static gpointer
history_job (SgStore   *store,
             gpointer   data,
             GError   **error)
{
  return sg_review_history_to_html (store, error);
}

static void
history_made_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  char *html = g_task_propagate_pointer (G_TASK (result), &error);

  if (html == NULL)
    toast (SG_PRIVACY_PAGE (object), error->message);
  else
    sg_export_write (GTK_WIDGET (object), file, html,
                     _("History exported; open it in a browser to print it"));
}

static void
history_chosen (GtkWidget *widget,
                GFile     *file)
{
  run_job (SG_PRIVACY_PAGE (widget), history_job, NULL, NULL, history_made_cb, g_object_ref (file));
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  sg_export_choose (widget, _("Export Review History"), "privacy-review-history.html",
                    history_chosen);
}

/* Taking an account off the list (its past reviews stay in the history) */

static gpointer
remove_job (SgStore   *store,
            gpointer   data,
            GError   **error)
{
  return sg_profiles_remove (store, GPOINTER_TO_SIZE (data), error) ? GINT_TO_POINTER (1) : NULL;
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    SgPrivacyPage    *self)
{
  if (g_str_equal (response, "remove"))
    run_job (self, remove_job, g_object_get_data (G_OBJECT (dialog), "profile-id"), NULL,
             changed_cb, NULL);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SgPrivacyPage *self = SG_PRIVACY_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  for (guint i = 0; self->profiles != NULL && i < self->profiles->len; i++)
    {
      SgProfile *p = g_ptr_array_index (self->profiles, i);

      if (p->id == id)
        heading = g_strdup_printf (_("Stop Reviewing %s on %s?"), p->handle, platform_name (p->platform));
    }
  if (heading == NULL)
    return;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading,
                                                       _("It leaves the list and no more reminders come "
                                                         "for it. Its past reviews stay in the review "
                                                         "history.")));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "remove", _("_Stop Reviewing"));
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "profile-id", GSIZE_TO_POINTER (id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The list */

static void
rebuild (SgPrivacyPage *self)
{
  GtkWidget *child;
  GDate now;
  guint due = 0;

  today (&now);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  for (guint i = 0; self->profiles != NULL && i < self->profiles->len; i++)
    {
      SgProfile *p = g_ptr_array_index (self->profiles, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Review"));
      g_autofree char *title = g_strdup_printf ("%s — %s", platform_name (p->platform), p->handle);
      g_autofree char *subtitle = NULL;
      GDate last, due_date;
      int days;

      if (p->last_review > 0)
        sg_review_date_from_unix (p->last_review, &last);
      days = sg_review_days_until_due (p->last_review > 0 ? &last : NULL, p->interval_days, &now);

      if (p->last_review == 0)
        subtitle = g_strdup (_("Never reviewed · due now"));
      else
        {
          char last_s[64], due_s[64];

          sg_review_due_date (&last, p->interval_days, &due_date);
          g_date_strftime (last_s, sizeof last_s, "%e %b %Y", &last);
          g_date_strftime (due_s, sizeof due_s, "%e %b %Y", &due_date);
          subtitle = days <= 0
            ? g_strdup_printf (_("Last reviewed %s · due since %s"), g_strstrip (last_s), g_strstrip (due_s))
            : g_strdup_printf (_("Last reviewed %s · next due %s"), g_strstrip (last_s), g_strstrip (due_s));
        }

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "privacy.review");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", p->id);
      if (days <= 0)
        {
          gtk_widget_add_css_class (button, "suggested-action");
          due++;
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      {
        GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
        g_autofree char *label = g_strdup_printf (_("Stop reviewing %s"), title);

        gtk_widget_add_css_class (remove, "flat");
        gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
        gtk_widget_set_tooltip_text (remove, _("Take this account off the list"));
        gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        label, -1);
        gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "privacy.remove");
        gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "x", p->id);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      }
      gtk_list_box_append (self->list, row);
    }

  gtk_stack_set_visible_child_name (self->stack, self->profiles && self->profiles->len ? "list" : "empty");
  if (due != self->n_due)
    {
      self->n_due = due;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DUE]);
    }
}

static gpointer
list_job (SgStore   *store,
          gpointer   data,
          GError   **error)
{
  return sg_profiles_list (store, error);
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  SgPrivacyPage *self = SG_PRIVACY_PAGE (object);
  GPtrArray *profiles = g_task_propagate_pointer (G_TASK (result), NULL);

  if (profiles == NULL)
    return;
  g_clear_pointer (&self->profiles, g_ptr_array_unref);
  self->profiles = profiles;
  rebuild (self);
}

static void
reload (SgPrivacyPage *self)
{
  if (get_store (self) != NULL)
    run_job (self, list_job, NULL, NULL, listed_cb, NULL);
}

void
sg_privacy_page_set_context (SgPrivacyPage *self,
                                 SgContext     *context)
{
  self->context = context;
  g_signal_connect_object (context, "notify::store", G_CALLBACK (reload), self,
                           G_CONNECT_SWAPPED);
  reload (self);
}

guint
sg_privacy_page_get_n_profiles (SgPrivacyPage *self)
{
  return self->profiles != NULL ? self->profiles->len : 0;
}

guint
sg_privacy_page_get_n_due (SgPrivacyPage *self)
{
  return self->n_due;
}

/* GObject */

static void
sg_privacy_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SgPrivacyPage *self = SG_PRIVACY_PAGE (object);

  switch (prop_id)
    {
    case PROP_N_DUE:
      g_value_set_uint (value, self->n_due);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_privacy_page_dispose (GObject *object)
{
  SgPrivacyPage *self = SG_PRIVACY_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sg_privacy_page_parent_class)->dispose (object);
}

static void
sg_privacy_page_finalize (GObject *object)
{
  SgPrivacyPage *self = SG_PRIVACY_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->profiles, g_ptr_array_unref);
  g_clear_pointer (&self->posting_token, g_free);

  G_OBJECT_CLASS (sg_privacy_page_parent_class)->finalize (object);
}

static void
sg_privacy_page_class_init (SgPrivacyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_privacy_page_dispose;
  object_class->finalize = sg_privacy_page_finalize;
  object_class->get_property = sg_privacy_page_get_property;

  properties[PROP_N_DUE] =
    g_param_spec_uint ("n-due", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "privacy.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "privacy.review", "x", review_action);
  gtk_widget_class_install_action (widget_class, "privacy.remove", "x", remove_action);
  gtk_widget_class_install_action (widget_class, "privacy.export-calendar", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "privacy.export-history", NULL, history_action);
}

/* Built in code: the page is a header row, an empty state and a list. */
static void
sg_privacy_page_init (SgPrivacyPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add Account"));
  GtkWidget *empty = adw_status_page_new ();
  GtkWidget *empty_add = gtk_button_new_with_mnemonic (_("_Add Account"));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  self->cancellable = g_cancellable_new ();

  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_halign (bar, GTK_ALIGN_END);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "privacy.add");
  gtk_widget_add_css_class (add, "suggested-action");
  {
    GtkWidget *export = gtk_button_new_with_mnemonic (_("Export _Calendar…"));
    gtk_actionable_set_action_name (GTK_ACTIONABLE (export), "privacy.export-calendar");
    gtk_widget_set_tooltip_text (export, _("Due dates with alarms, for any calendar app"));
    gtk_box_append (GTK_BOX (bar), export);
    export = gtk_button_new_with_mnemonic (_("Export _History…"));
    gtk_actionable_set_action_name (GTK_ACTIONABLE (export), "privacy.export-history");
    gtk_widget_set_tooltip_text (export, _("Every completed review, printable, for appraisal"));
    gtk_box_append (GTK_BOX (bar), export);
  }
  gtk_box_append (GTK_BOX (bar), add);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "preferences-system-privacy-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Accounts Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
    _("The GMC asks doctors to review the privacy settings of their social media accounts "
      "regularly (GMC 2013 ¶8). Add the accounts you hold and SocialGuard walks you through "
      "each one's settings, reminds you when a review is due, and keeps a dated record."));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (empty_add), "privacy.add");
  gtk_widget_set_halign (empty_add, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (empty_add, "pill");
  gtk_widget_add_css_class (empty_add, "suggested-action");
  adw_status_page_set_child (ADW_STATUS_PAGE (empty), empty_add);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_set_valign (GTK_WIDGET (self->list), GTK_ALIGN_START);
  gtk_widget_set_margin_top (GTK_WIDGET (self->list), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->list), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self->list), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->list), 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Accounts"), -1);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, empty, "empty");
  gtk_stack_add_named (self->stack, scroller, "list");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  gtk_widget_set_parent (box, GTK_WIDGET (self));
}
