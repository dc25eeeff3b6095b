/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Privacy page's review of one account: opening it in the store, showing it in an
 * SgReviewDialog, saving each answer as it is given, reading a signed-in Mastodon account's
 * settings into it, and recording it when finished (GMC Using social media 2024 ¶9; was 2013 ¶8).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-privacy-page-private.h"

#include "sg-accounts.h"
#include "sg-checklist.h"
#include "sg-mastodon-client.h"
#include "sg-mastodon-privacy.h"
#include "sg-review-dialog.h"
#include "sg-secrets.h"

/* What a dialog's handler carries goes with the dialog. */
static void
unref_closure_data (gpointer  data,
                    GClosure *closure)
{
  g_object_unref (data);
}

/* The dialog shows the review, the page saves it */

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
    sg_privacy_page_toast (SG_PRIVACY_PAGE (object), error->message);
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
  sg_privacy_page_run_job (self, answer_job, a, (GDestroyNotify) answer_job_free, answered_cb,
                           NULL);
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
  sg_privacy_page_run_job (self, complete_job,
                           GSIZE_TO_POINTER (sg_review_dialog_get_review_id (dialog)), NULL,
                           sg_privacy_page_changed_cb, NULL);
  sg_privacy_page_toast (self, _("Review recorded"));
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
      sg_privacy_page_toast (reading->self, error->message);
      return;
    }

  sg_review_dialog_fill (reading->dialog, answers);
  text = g_strdup_printf (ngettext ("%u setting filled in from your server",
                                   "%u settings filled in from your server",
                                   answers->len), answers->len);
  sg_privacy_page_toast (reading->self, text);
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
  sg_privacy_page_toast (reading->self,
                         error ? error->message
                               : _("You are not signed in to Mastodon here: sign in under "
                                   "Preferences → Posting."));
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

static void
open_result_free (OpenResult *r)
{
  g_clear_pointer (&r->answers, g_ptr_array_unref);
  g_clear_pointer (&r->open_actions, g_ptr_array_unref);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpenResult, open_result_free)

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
  g_autoptr(OpenResult) opened = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(SgChecklist) checklist = NULL;
  const SgProfile *profile = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *server = NULL;
  SgReviewDialog *dialog;

  if (opened == NULL)
    {
      if (error != NULL)
        sg_privacy_page_toast (self, error->message);
      return;
    }

  profile = sg_privacy_page_find_profile (self, opened->profile_id);
  checklist = profile ? sg_checklist_load (profile->platform, &error) : NULL;
  if (checklist == NULL)
    {
      sg_privacy_page_toast (self, error != NULL ? error->message
                                                  : _("That account is not listed any more."));
      return;
    }

  server = signed_in_server (self, profile);
  heading = g_strdup_printf (_("Review %s — %s"),
                             sg_privacy_page_platform_name (profile->platform), profile->handle);
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
}

static void
review_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  sg_privacy_page_run_job (SG_PRIVACY_PAGE (widget), open_job,
                           GSIZE_TO_POINTER (g_variant_get_int64 (parameter)), NULL, opened_cb,
                           NULL);
}

void
sg_privacy_page_class_init_review (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "privacy.review", "x", review_action);
}
