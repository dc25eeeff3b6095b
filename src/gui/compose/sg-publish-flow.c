/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-publish-flow.h"

#include "sg-accounts.h"
#include "sg-attach-photos-window.h"
#include "sg-draft-photos.h"
#include "sg-error.h"
#include "sg-platform.h"
#include "sg-post-progress-dialog.h"
#include "sg-preflight-dialog.h"
#include "sg-publications.h"
#include "sg-publisher.h"
#include "sg-store-job.h"
#include "sg-toast.h"

struct _SgPublishFlow
{
  GObject               parent_instance;

  GtkWidget            *anchor;            /* weak: the page */
  SgContext            *context;
  char                 *posting_token;     /* instead of the keyring's, or NULL (tests) */
  GCancellable         *cancellable;       /* reporting copies and shares once logged */

  /* The publish being decided on in the pre-flight sheet, as start() found it. */
  SgPreflightDialog    *preflight;         /* weak */
  char                 *platform;
  gint64                draft_id;
  char                 *final_text;
  char                 *declaration;
  GPtrArray            *photos;            /* SgDraftPhoto copies */
  SgPostTarget          target;            /* .platform is NULL when not signed in there */

  /* The direct post under way. */
  GCancellable         *post_cancellable;  /* NULL when there is none */
  SgPostProgressDialog *progress;          /* weak */
};

G_DEFINE_FINAL_TYPE (SgPublishFlow, sg_publish_flow, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ANCHOR,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PUBLISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static void
post_target_clear (SgPostTarget *target)
{
  g_free (target->platform);
  g_free (target->server);
  g_free (target->account);
  g_free (target->visibility);
  g_free (target->language);
  memset (target, 0, sizeof *target);
}

/* Drops what start() kept; the sheet itself is left to whoever holds it. */
static void
forget_request (SgPublishFlow *self)
{
  g_clear_weak_pointer (&self->preflight);
  g_clear_pointer (&self->platform, g_free);
  g_clear_pointer (&self->final_text, g_free);
  g_clear_pointer (&self->declaration, g_free);
  g_clear_pointer (&self->photos, g_ptr_array_unref);
  post_target_clear (&self->target);
  self->draft_id = -1;
}

static GtkWindow *
get_window (SgPublishFlow *self)
{
  return self->anchor != NULL ? GTK_WINDOW (gtk_widget_get_root (self->anchor)) : NULL;
}

static void
add_toast (SgPublishFlow *self,
           AdwToast      *toast)
{
  if (self->anchor != NULL)
    sg_toast_add (self->anchor, toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
set_busy (SgPublishFlow *self,
          gboolean       busy)
{
  if ((self->post_cancellable != NULL) == busy)
    return;
  if (busy)
    self->post_cancellable = g_cancellable_new ();
  else
    g_clear_object (&self->post_cancellable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Copies of the attached photos as they are now, for the log and the upload. */
static GPtrArray *
copy_photos (GPtrArray *photos)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_draft_photo_free);

  for (guint i = 0; i < photos->len; i++)
    g_ptr_array_add (out, sg_draft_photo_copy (g_ptr_array_index (photos, i)));
  return out;
}

/* Copying and sharing: logged on a worker thread */

typedef struct {
  gint64     draft_id;
  char      *platform;
  char      *method;
  char      *text;
  char      *declaration;
  GPtrArray *acks;
  GPtrArray *photos;   /* SgDraftPhoto, copies */
} LogJob;

static void
log_job_free (LogJob *j)
{
  g_free (j->platform);
  g_free (j->method);
  g_free (j->text);
  g_free (j->declaration);
  g_clear_pointer (&j->acks, g_ptr_array_unref);
  g_clear_pointer (&j->photos, g_ptr_array_unref);
  g_free (j);
}

static gpointer
log_job (SgStore   *store,
         gpointer   data,
         GError   **error)
{
  LogJob *j = data;

  return GINT_TO_POINTER (sg_publications_log (store, j->draft_id, j->platform, j->method, j->text,
                                               j->declaration, "done", j->acks, j->photos,
                                               error) > 0);
}

static void
logged_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  SgPublishFlow *self = SG_PUBLISH_FLOW (object);
  g_autoptr(GError) error = NULL;

  g_task_propagate_pointer (G_TASK (result), &error);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        add_toast (self, sg_toast_new_plain (error->message));
      return;
    }
  g_signal_emit (self, signals[PUBLISHED], 0);
}

/* The text leaves by the clipboard or the platform's share page; the log says how. */
static void
hand_over (SgPublishFlow *self,
           const char    *method,
           GPtrArray     *acks)
{
  const SgPlatform *platform = sg_platform_lookup (self->platform, NULL);
  SgStore *store = self->context != NULL ? sg_context_get_store (self->context) : NULL;
  LogJob *j;

  if (g_str_equal (method, "copy"))
    {
      gdk_clipboard_set_text (gtk_widget_get_clipboard (self->anchor), self->final_text);
      add_toast (self, adw_toast_new (_("Copied to the clipboard and logged in History")));
    }
  else if (platform != NULL && platform->share_url != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (self->final_text, NULL, FALSE);
      g_autoptr(GString) url = g_string_new (platform->share_url);

      g_string_replace (url, "{text}", escaped, 0);
      gtk_show_uri (get_window (self), url->str, GDK_CURRENT_TIME);
      add_toast (self, adw_toast_new (_("Opened the share page and logged it in History")));
    }

  /* The text left without the photos: hand over their clean copies to attach by hand, never
   * the originals (sg-attach-photos-window.c). */
  if (self->photos->len > 0)
    gtk_window_present (sg_attach_photos_window_new (get_window (self), self->photos,
                                                     platform != NULL ? platform->name
                                                                      : self->platform,
                                                     method));

  /* Without a store the text has still left; there is nowhere to log it. */
  if (store == NULL)
    return;

  j = g_new0 (LogJob, 1);
  j->draft_id = self->draft_id;
  j->platform = g_strdup (self->platform);
  j->method = g_strdup (method);
  j->text = g_strdup (self->final_text);
  j->declaration = g_strdup (self->declaration);
  j->acks = g_ptr_array_ref (acks);
  j->photos = g_ptr_array_ref (self->photos);
  sg_store_job_run (self, store, self->cancellable, log_job, j, (GDestroyNotify) log_job_free,
                    logged_cb, NULL);
}

/* Posting directly */

static void
sign_in_response_cb (AdwMessageDialog *dialog,
                     const char       *response)
{
  g_action_group_activate_action (G_ACTION_GROUP (g_application_get_default ()),
                                  "posting-accounts", NULL);
}

static void
not_posted (SgPublishFlow *self,
            const GError  *error)
{
  GtkWidget *dialog = adw_message_dialog_new (get_window (self), _("Not Posted"), error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  if (g_error_matches (error, SG_ERROR, SG_ERROR_SIGN_IN_NEEDED))
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "sign-in", _("_Sign In…"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "sign-in",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "sign-in");
      g_signal_connect (dialog, "response::sign-in", G_CALLBACK (sign_in_response_cb), NULL);
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
posted_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SgPublishFlow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = sg_publisher_post_finish (result, &error);

  /* Publishing is possible again before anything is said about this one. */
  set_busy (self, FALSE);
  if (self->progress != NULL)
    {
      SgPostProgressDialog *progress = self->progress;

      g_clear_weak_pointer (&self->progress);
      gtk_window_destroy (GTK_WINDOW (progress));
    }
  if (self->anchor == NULL || gtk_widget_get_root (self->anchor) == NULL)
    return;

  /* Failed and cancelled posts are in History too, marked "not posted". */
  g_signal_emit (self, signals[PUBLISHED], 0);
  if (url != NULL)
    add_toast (self, adw_toast_new (_("Posted, and logged in History")));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    add_toast (self,
               adw_toast_new (_("Posting stopped. Your text is kept; posting again is safe")));
  else
    not_posted (self, error);
}

/* Called by the publisher on this thread's main context while the post is under way. */
static void
post_progress_cb (guint    current,
                  guint    total,
                  gpointer user_data)
{
  SgPublishFlow *self = user_data;

  if (self->progress != NULL)
    sg_post_progress_dialog_set_stage (self->progress, current, total);
}

static void
progress_response_cb (SgPublishFlow *self)
{
  /* The outcome still arrives in posted_cb, which closes the dialog. */
  if (self->post_cancellable != NULL)
    g_cancellable_cancel (self->post_cancellable);
}

static void
post (SgPublishFlow *self,
      GPtrArray     *acks,
      const char    *visibility,
      char          *language)
{
  g_autofree char *chosen = language;
  const SgPlatform *platform = sg_platform_lookup (self->platform, NULL);
  SgStore *store = self->context != NULL ? sg_context_get_store (self->context) : NULL;
  GSettings *settings;
  SgPostProgressDialog *progress;

  if (store == NULL || self->target.platform == NULL)
    return;

  /* Who can see it was chosen in the sheet just now: posted as the sheet says, whatever the
   * setting says by now. */
  settings = sg_context_get_settings (self->context);
  g_free (self->target.visibility);
  self->target.visibility = g_str_equal (self->target.platform, "mastodon")
                            ? g_strdup (visibility) : NULL;
  /* Chosen in the sheet for this post; the setting is only its proposal. */
  g_free (self->target.language);
  self->target.language = chosen != NULL ? g_steal_pointer (&chosen)
                                          : g_settings_get_string (settings, "post-language");
  self->target.progress = post_progress_cb;
  self->target.progress_data = self;   /* kept alive by the reference posted_cb holds */

  /* One post at a time; publishing comes back when this one has landed or failed. */
  set_busy (self, TRUE);
  progress = sg_post_progress_dialog_new (get_window (self),
                                          platform ? platform->name : self->target.platform);
  g_signal_connect_object (progress, "response", G_CALLBACK (progress_response_cb), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->progress, progress);
  gtk_window_present (GTK_WINDOW (progress));

  sg_publisher_post_async (store, &self->target, self->posting_token, self->draft_id,
                           self->final_text, self->declaration, acks, self->photos,
                           self->post_cancellable, posted_cb, g_object_ref (self));
}

/* The sheet's answer */

/* Who can see a post on Mastodon, chosen in the sheet, is remembered as the next proposal. */
static void
visibility_chosen_cb (SgPublishFlow     *self,
                      GParamSpec        *pspec,
                      SgPreflightDialog *dialog)
{
  const char *visibility = sg_preflight_dialog_get_visibility (dialog);

  if (self->context != NULL && visibility != NULL)
    g_settings_set_string (sg_context_get_settings (self->context), "mastodon-visibility",
                           visibility);
}

static void
preflight_response_cb (SgPreflightDialog *dialog,
                       const char        *response,
                       SgPublishFlow     *self)
{
  g_autoptr(GPtrArray) acks = NULL;

  /* A sheet replaced by a newer one, or a page that is gone: nothing to publish from. */
  if (dialog != self->preflight || self->anchor == NULL)
    return;

  if (g_str_equal (response, "post") || g_str_equal (response, "copy") ||
      g_str_equal (response, "share"))
    {
      acks = sg_preflight_dialog_dup_acknowledgements (dialog);
      if (g_str_equal (response, "post"))
        post (self, acks, sg_preflight_dialog_get_visibility (dialog),
              sg_preflight_dialog_dup_language (dialog));
      else
        hand_over (self, response, acks);
    }
  forget_request (self);
}

/* GObject */

static void
sg_publish_flow_dispose (GObject *object)
{
  SgPublishFlow *self = SG_PUBLISH_FLOW (object);

  g_cancellable_cancel (self->cancellable);
  forget_request (self);
  g_clear_weak_pointer (&self->progress);
  g_clear_weak_pointer (&self->anchor);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (sg_publish_flow_parent_class)->dispose (object);
}

static void
sg_publish_flow_finalize (GObject *object)
{
  SgPublishFlow *self = SG_PUBLISH_FLOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->post_cancellable);
  g_free (self->posting_token);

  G_OBJECT_CLASS (sg_publish_flow_parent_class)->finalize (object);
}

static void
sg_publish_flow_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SgPublishFlow *self = SG_PUBLISH_FLOW (object);

  switch (prop_id)
    {
    case PROP_ANCHOR:
      g_value_set_object (value, self->anchor);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, sg_publish_flow_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_publish_flow_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SgPublishFlow *self = SG_PUBLISH_FLOW (object);

  switch (prop_id)
    {
    case PROP_ANCHOR:
      g_set_weak_pointer (&self->anchor, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_publish_flow_class_init (SgPublishFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sg_publish_flow_dispose;
  object_class->finalize = sg_publish_flow_finalize;
  object_class->get_property = sg_publish_flow_get_property;
  object_class->set_property = sg_publish_flow_set_property;

  /* Weak: the page owns the flow. */
  properties[PROP_ANCHOR] =
    g_param_spec_object ("anchor", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[PUBLISHED] =
    g_signal_new ("published", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sg_publish_flow_init (SgPublishFlow *self)
{
  self->cancellable = g_cancellable_new ();
  self->draft_id = -1;
}

/* Public API */

SgPublishFlow *
sg_publish_flow_new (GtkWidget *anchor)
{
  g_return_val_if_fail (GTK_IS_WIDGET (anchor), NULL);

  return g_object_new (SG_TYPE_PUBLISH_FLOW, "anchor", anchor, NULL);
}

void
sg_publish_flow_set_context (SgPublishFlow *self,
                             SgContext     *context)
{
  g_return_if_fail (SG_IS_PUBLISH_FLOW (self));
  g_return_if_fail (SG_IS_CONTEXT (context));

  g_set_object (&self->context, context);
}

void
sg_publish_flow_set_posting_token (SgPublishFlow *self,
                                   const char    *token)
{
  g_return_if_fail (SG_IS_PUBLISH_FLOW (self));

  g_free (self->posting_token);
  self->posting_token = g_strdup (token);
}

void
sg_publish_flow_start (SgPublishFlow          *self,
                       const SgPublishRequest *request)
{
  GSettings *settings;
  SgPreflightDialog *dialog;
  g_autofree char *visibility = NULL;

  g_return_if_fail (SG_IS_PUBLISH_FLOW (self));
  g_return_if_fail (request != NULL && request->platform != NULL && request->final_text != NULL);

  if (self->preflight != NULL)
    {
      SgPreflightDialog *open = self->preflight;

      forget_request (self);
      gtk_window_destroy (GTK_WINDOW (open));
    }

  self->platform = g_strdup (request->platform);
  self->draft_id = request->draft_id;
  self->final_text = g_strdup (request->final_text);
  self->declaration = g_strdup (request->declaration);
  /* What was checked here is what leaves, even if a photo is added while the sheet is open. */
  self->photos = copy_photos (request->photos);
  settings = self->context != NULL ? sg_context_get_settings (self->context) : NULL;
  if (sg_accounts_signed_in (settings, request->platform, &self->target.server,
                             &self->target.account))
    self->target.platform = g_strdup (request->platform);

  if (settings != NULL)
    visibility = g_settings_get_string (settings, "mastodon-visibility");
  dialog = sg_preflight_dialog_new (get_window (self), request, self->target.platform != NULL,
                                    visibility, settings);
  g_set_weak_pointer (&self->preflight, dialog);
  g_signal_connect_object (dialog, "notify::visibility", G_CALLBACK (visibility_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (preflight_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
sg_publish_flow_get_busy (SgPublishFlow *self)
{
  g_return_val_if_fail (SG_IS_PUBLISH_FLOW (self), FALSE);
  return self->post_cancellable != NULL;
}

void
sg_publish_flow_cancel (SgPublishFlow *self)
{
  g_return_if_fail (SG_IS_PUBLISH_FLOW (self));

  g_cancellable_cancel (self->cancellable);
  if (self->post_cancellable != NULL)
    g_cancellable_cancel (self->post_cancellable);
}
