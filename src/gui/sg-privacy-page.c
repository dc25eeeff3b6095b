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
#include "sg-signal.h"
#include "sg-review-dialog.h"
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
  GHashTable    *actions;    /* profile id (gint64*) → its open actions (SgReviewAnswer*) */
  guint          n_due;
  guint          n_open_actions;
  char          *posting_token;   /* instead of the keyring's (tests), or NULL */
};

G_DEFINE_FINAL_TYPE (SgPrivacyPage, sg_privacy_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_N_DUE,
  PROP_N_OPEN_ACTIONS,
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

/* Handlers on dialogs the page opens: what they carry goes with them */

static void
free_closure_data (gpointer  data,
                   GClosure *closure)
{
  g_free (data);
}

static void
unref_closure_data (gpointer  data,
                    GClosure *closure)
{
  g_object_unref (data);
}

/* The review of one account: the dialog shows it, the page saves it */

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

/* Saved as you go, so an interrupted review resumes where it stopped; a note typed after the
 * answer comes here too. Each is one small write off the main loop. */
static void
review_answered_cb (SgReviewDialog *dialog,
                    const char     *item_id,
                    guint           answer,
                    const char     *note,
                    SgPrivacyPage  *self)
{
  AnswerJob *a = g_new0 (AnswerJob, 1);

  a->review_id = sg_review_dialog_get_review_id (dialog);
  a->item_id = g_strdup (item_id);
  a->answer = answer;
  a->note = g_strdup (note);
  run_job (self, answer_job, a, (GDestroyNotify) answer_job_free, answered_cb, NULL);
}

static gpointer
complete_job (SgStore   *store,
              gpointer   data,
              GError   **error)
{
  return sg_reviews_complete (store, GPOINTER_TO_SIZE (data), error) ? GINT_TO_POINTER (1) : NULL;
}

/* The dialog closes itself once this returns. */
static void
review_finished_cb (SgReviewDialog *dialog,
                    SgPrivacyPage  *self)
{
  run_job (self, complete_job, GSIZE_TO_POINTER (sg_review_dialog_get_review_id (dialog)), NULL,
           changed_cb, NULL);
  toast (self, _("Review recorded"));
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

/* One reading under way, from the keyring lookup to the server's answer. */
typedef struct {
  SgPrivacyPage  *self;
  SgReviewDialog *dialog;
} Reading;

static Reading *
reading_new (SgPrivacyPage  *self,
             SgReviewDialog *dialog)
{
  Reading *reading = g_new0 (Reading, 1);

  reading->self = g_object_ref (self);
  reading->dialog = g_object_ref (dialog);
  return reading;
}

static void
reading_free (Reading *reading)
{
  g_object_unref (reading->self);
  g_object_unref (reading->dialog);
  g_free (reading);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reading, reading_free)

/* Closed meanwhile: its rows are gone (a destroyed window is hidden, and stays so). */
static gboolean
reading_abandoned (Reading *reading)
{
  return !gtk_widget_get_visible (GTK_WIDGET (reading->dialog));
}

static void
privacy_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Reading) reading = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) account =
    sg_mastodon_client_read_account_finish (SG_MASTODON_CLIENT (object), result, &error);
  g_autoptr(GPtrArray) answers = account != NULL ? sg_mastodon_privacy_answers (account) : NULL;
  g_autofree char *text = NULL;

  if (reading_abandoned (reading))
    return;
  sg_review_dialog_set_reading (reading->dialog, FALSE);
  if (answers == NULL)
    {
      toast (reading->self, error->message);
      return;
    }

  sg_review_dialog_fill (reading->dialog, answers);
  text = g_strdup_printf (ngettext ("%u setting filled in from your server",
                                   "%u settings filled in from your server",
                                   answers->len), answers->len);
  toast (reading->self, text);
}

static void
read_with_token (Reading    *reading,
                 const char *token)
{
  g_autoptr(SgMastodonClient) client =
    sg_mastodon_client_new (sg_review_dialog_get_server (reading->dialog), token);

  sg_mastodon_client_read_account_async (client, reading->self->cancellable, privacy_read_cb,
                                         reading);
}

static void
token_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Reading) reading = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = sg_secrets_lookup_finish (result, &error);

  if (reading_abandoned (reading))
    return;
  if (token != NULL)
    {
      read_with_token (g_steal_pointer (&reading), token);
      return;
    }
  sg_review_dialog_set_reading (reading->dialog, FALSE);
  toast (reading->self, error ? error->message
                              : _("You are not signed in to Mastodon here: sign in under Preferences → Posting."));
}

/* The dialog has made Read insensitive; it is made sensitive again when the reading ends. */
static void
review_read_requested_cb (SgReviewDialog *dialog,
                          SgPrivacyPage  *self)
{
  GSettings *settings = sg_context_get_settings (self->context);
  g_autofree char *account = g_settings_get_string (settings, sg_accounts_account_key ("mastodon"));
  Reading *reading = reading_new (self, dialog);

  if (self->posting_token != NULL)
    read_with_token (reading, self->posting_token);
  else
    sg_secrets_lookup_async ("mastodon", sg_review_dialog_get_server (dialog), account,
                             self->cancellable, token_cb, reading);
}

void
sg_privacy_page_set_posting_token (SgPrivacyPage *self,
                                   const char    *token)
{
  g_return_if_fail (SG_IS_PRIVACY_PAGE (self));

  g_free (self->posting_token);
  self->posting_token = g_strdup (token);
}

/* Opening the review */

typedef struct {
  gint64     profile_id;
  gint64     review_id;
  GPtrArray *answers;
  GPtrArray *open_actions;   /* what the last review left to change */
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
  r->open_actions = sg_reviews_open_actions (store, r->profile_id, NULL);
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
  g_autofree char *heading = NULL;
  g_autofree char *server = NULL;
  SgReviewDialog *dialog;

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
      g_clear_pointer (&opened->open_actions, g_ptr_array_unref);
      g_free (opened);
      return;
    }

  server = signed_in_server (self, profile);
  heading = g_strdup_printf (_("Review %s — %s"), platform_name (profile->platform), profile->handle);
  dialog = sg_review_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading,
                                 opened->review_id, checklist, opened->answers, server);
  /* Each handler holds the page until the dialog goes, so what the user does in it is saved
   * even when the page goes first. */
  g_signal_connect_data (dialog, "answered", G_CALLBACK (review_answered_cb),
                         g_object_ref (self), unref_closure_data, 0);
  g_signal_connect_data (dialog, "finished", G_CALLBACK (review_finished_cb),
                         g_object_ref (self), unref_closure_data, 0);
  g_signal_connect_data (dialog, "read-requested", G_CALLBACK (review_read_requested_cb),
                         g_object_ref (self), unref_closure_data, 0);
  sg_review_dialog_mark_open_actions (dialog, opened->open_actions);
  gtk_window_present (GTK_WINDOW (dialog));

  g_clear_pointer (&opened->answers, g_ptr_array_unref);
  g_clear_pointer (&opened->open_actions, g_ptr_array_unref);
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

/* The fields of an Add Account dialog, owned by the dialog. */
typedef struct {
  SgPrivacyPage *self;
  AdwComboRow   *platform;
  GtkEditable   *handle;
  AdwComboRow   *kind;
} AddForm;

static void
add_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 AddForm          *form)
{
  if (!g_str_equal (response, "add"))
    return;
  sg_privacy_page_add_profile (form->self,
                               checklist_ids[adw_combo_row_get_selected (form->platform)],
                               gtk_editable_get_text (form->handle),
                               adw_combo_row_get_selected (form->kind) == 0 ? "personal"
                                                                            : "professional");
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
  AddForm *form = g_new0 (AddForm, 1);
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
  form->self = self;
  form->platform = ADW_COMBO_ROW (platform);
  form->handle = GTK_EDITABLE (handle);
  form->kind = ADW_COMBO_ROW (kind);
  sg_signal_connect_data_object (dialog, "response", G_CALLBACK (add_response_cb), form,
                                 free_closure_data, self);
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

typedef struct {
  SgPrivacyPage *self;
  gint64         profile_id;
} RemoveRequest;

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    RemoveRequest    *request)
{
  if (g_str_equal (response, "remove"))
    run_job (request->self, remove_job, GSIZE_TO_POINTER (request->profile_id), NULL,
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
  RemoveRequest *request;

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
  request = g_new0 (RemoveRequest, 1);
  request->self = self;
  request->profile_id = id;
  sg_signal_connect_data_object (dialog, "response", G_CALLBACK (remove_response_cb), request,
                                 free_closure_data, self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The follow-up: settings a review found wanting, ticked off once changed */

typedef struct {
  gint64  profile_id;
  char   *item_id;
  char   *title;
} ActionDone;

static void
action_done_free (ActionDone *a)
{
  g_free (a->item_id);
  g_free (a->title);
  g_free (a);
}

static gpointer
action_done_job (SgStore   *store,
                 gpointer   data,
                 GError   **error)
{
  ActionDone *a = data;

  return sg_reviews_action_done (store, a->profile_id, a->item_id, error) ? GINT_TO_POINTER (1)
                                                                          : NULL;
}

static void
action_marked_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SgPrivacyPage *self = SG_PRIVACY_PAGE (object);
  g_autoptr(GError) error = NULL;

  if (g_task_propagate_pointer (G_TASK (result), &error) != NULL)
    toast (self, _("Marked as changed; the date is kept in the review history"));
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (self, error->message);
  reload (self);
}

static void
action_done_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ActionDone *a = g_new0 (ActionDone, 1);

  g_variant_get (parameter, "(xs)", &a->profile_id, &a->item_id);
  run_job (SG_PRIVACY_PAGE (widget), action_done_job, a, (GDestroyNotify) action_done_free,
           action_marked_cb, NULL);
}

static char *
item_title (SgChecklist *checklist,
            const char  *item_id)
{
  for (guint i = 0; checklist != NULL && i < checklist->items->len; i++)
    {
      SgChecklistItem *item = g_ptr_array_index (checklist->items, i);

      if (g_strcmp0 (item->id, item_id) == 0)
        return g_strdup (item->title);
    }
  return g_strdup (item_id);
}

static void
add_action_rows (AdwExpanderRow  *expander,
                 const SgProfile *profile,
                 GPtrArray       *actions)
{
  g_autoptr(SgChecklist) checklist = sg_checklist_load (profile->platform, NULL);

  for (guint i = 0; i < actions->len; i++)
    {
      SgReviewAnswer *a = g_ptr_array_index (actions, i);
      g_autofree char *title = item_title (checklist, a->item_id);
      g_autofree char *label = g_strdup_printf (_("Mark “%s” as changed"), title);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *done = gtk_button_new_with_mnemonic (_("_Mark as Changed"));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   a->note != NULL && *a->note != '\0'
                                   ? a->note : _("Found needing action at the last review"));
      gtk_widget_set_valign (done, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (done, _("I have changed this setting"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (done), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (done), "privacy.action-done");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (done), "(xs)", profile->id, a->item_id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), done);
      adw_expander_row_add_row (expander, row);
    }
}

/* The list */

static void
rebuild (SgPrivacyPage *self)
{
  GtkWidget *child;
  GDate now;
  guint due = 0, open = 0;

  today (&now);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  for (guint i = 0; self->profiles != NULL && i < self->profiles->len; i++)
    {
      SgProfile *p = g_ptr_array_index (self->profiles, i);
      GPtrArray *actions = self->actions ? g_hash_table_lookup (self->actions, &p->id) : NULL;
      /* An account with settings still to change lists them under it, each to tick off. */
      GtkWidget *row = actions != NULL && actions->len > 0 ? adw_expander_row_new ()
                                                           : adw_action_row_new ();
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
      if (actions != NULL && actions->len > 0)
        {
          g_autofree char *todo = g_strdup_printf (ngettext ("%u setting still to change",
                                                             "%u settings still to change",
                                                             actions->len), actions->len);
          char *joined = g_strconcat (subtitle, " · ", todo, NULL);

          g_free (subtitle);
          subtitle = joined;
          open += actions->len;
        }

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (ADW_IS_EXPANDER_ROW (row))
        adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
      else
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "privacy.review");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", p->id);
      if (days <= 0)
        {
          gtk_widget_add_css_class (button, "suggested-action");
          due++;
        }
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
        if (ADW_IS_EXPANDER_ROW (row))
          {
            /* Actions are put before the ones already there. */
            adw_expander_row_add_action (ADW_EXPANDER_ROW (row), remove);
            adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);
          }
        else
          {
            adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
            adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
          }
      }
      if (ADW_IS_EXPANDER_ROW (row))
        add_action_rows (ADW_EXPANDER_ROW (row), p, actions);
      gtk_list_box_append (self->list, row);
    }

  gtk_stack_set_visible_child_name (self->stack, self->profiles && self->profiles->len ? "list" : "empty");
  if (due != self->n_due)
    {
      self->n_due = due;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DUE]);
    }
  if (open != self->n_open_actions)
    {
      self->n_open_actions = open;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_OPEN_ACTIONS]);
    }
}

typedef struct {
  GPtrArray  *profiles;
  GHashTable *actions;
} Listed;

static void
listed_free (Listed *l)
{
  g_clear_pointer (&l->profiles, g_ptr_array_unref);
  g_clear_pointer (&l->actions, g_hash_table_unref);
  g_free (l);
}

static gpointer
list_job (SgStore   *store,
          gpointer   data,
          GError   **error)
{
  Listed *l = g_new0 (Listed, 1);

  l->profiles = sg_profiles_list (store, error);
  if (l->profiles == NULL)
    {
      listed_free (l);
      return NULL;
    }
  l->actions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                      (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < l->profiles->len; i++)
    {
      SgProfile *p = g_ptr_array_index (l->profiles, i);
      GPtrArray *open = p->open_actions > 0 ? sg_reviews_open_actions (store, p->id, NULL) : NULL;

      if (open != NULL)
        g_hash_table_insert (l->actions, g_memdup2 (&p->id, sizeof p->id), open);
    }
  return l;
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  SgPrivacyPage *self = SG_PRIVACY_PAGE (object);
  Listed *listed = g_task_propagate_pointer (G_TASK (result), NULL);

  if (listed == NULL)
    return;
  g_clear_pointer (&self->profiles, g_ptr_array_unref);
  g_clear_pointer (&self->actions, g_hash_table_unref);
  self->profiles = g_steal_pointer (&listed->profiles);
  self->actions = g_steal_pointer (&listed->actions);
  listed_free (listed);
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
sg_privacy_page_get_n_open_actions (SgPrivacyPage *self)
{
  g_return_val_if_fail (SG_IS_PRIVACY_PAGE (self), 0);
  return self->n_open_actions;
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
    case PROP_N_OPEN_ACTIONS:
      g_value_set_uint (value, self->n_open_actions);
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
  g_clear_pointer (&self->actions, g_hash_table_unref);
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
  properties[PROP_N_OPEN_ACTIONS] =
    g_param_spec_uint ("n-open-actions", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "privacy.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "privacy.review", "x", review_action);
  gtk_widget_class_install_action (widget_class, "privacy.remove", "x", remove_action);
  gtk_widget_class_install_action (widget_class, "privacy.action-done", "(xs)",
                                   action_done_action);
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
