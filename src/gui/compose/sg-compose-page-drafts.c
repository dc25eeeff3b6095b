/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Saving and loading the draft, new and deleted drafts, and the drafts list (part of
 * SgComposePage: sg-compose-page-private.h). */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sg-compose-page-private.h"
#include "sg-drafts.h"
#include "sg-signal.h"
#include "sg-store-job.h"

/* Drafts are saved this long after the last change (the promise is "within a second"). */
#define SAVE_DELAY_MS 700
/* Steady typing never pauses for SAVE_DELAY_MS: the save still happens this long after the
 * first change that is not yet saved, so a crash mid-paragraph loses seconds, not minutes. */
#define SAVE_MAX_WAIT_MS 1500


/* Saving */

/* @data: a copy of the draft, as it was when the save began. */
static gpointer
save_job (SgStore   *store,
          gpointer   data,
          GError   **error)
{
  return sg_drafts_save (store, data, error) ? GINT_TO_POINTER (1) : NULL;
}

/* While the store cannot take the draft, it is kept in a file beside the data file (0600),
 * replaced at each attempt, and removed once the store has it again. */
static char *
emergency_path (SgComposePage *self)
{
  const char *db = self->context ? sg_context_get_store_path (self->context) : NULL;

  return db != NULL ? g_strconcat (db, ".unsaved-draft.txt", NULL) : NULL;
}

static void
write_emergency_copy (SgComposePage *self)
{
  g_autofree char *path = emergency_path (self);
  g_autofree char *text = get_text (self);
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (path != NULL && *stripped != '\0')
    g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL);
}

static void
remove_emergency_copy (SgComposePage *self)
{
  g_autofree char *path = emergency_path (self);

  if (path != NULL)
    g_unlink (path);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  SgComposePage *self = SG_COMPOSE_PAGE (object);
  g_autoptr(GError) error = NULL;
  GApplication *app = user_data;

  g_task_propagate_pointer (G_TASK (result), &error);
  if (error == NULL)
    {
      gtk_label_set_label (self->save_label, _("Saved"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_label), NULL);
      if (self->save_failed)
        remove_emergency_copy (self);
      self->save_failed = FALSE;
    }
  else
    {
      g_autofree char *msg = g_strdup_printf (_("Not saved: %s"), error->message);
      /* A long reason (a full disk, a locked file) is cut to the line; the whole of it is in
       * the tooltip, so the window never widens to fit it. */
      gtk_label_set_label (self->save_label, msg);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_label), msg);
      self->dirty = TRUE;
      self->save_failed = TRUE;
      write_emergency_copy (self);
    }

  if (app != NULL)
    {
      g_application_release (app);
      g_object_unref (app);
    }
}

void
sg_compose_page_save_now (SgComposePage *self,
                          gboolean       hold_application)
{
  SgStore *store = get_store (self);
  SgDraft draft = { 0 };
  g_autofree char *body = NULL;

  g_clear_handle_id (&self->save_source, g_source_remove);

  if (self->dirty && (store == NULL || self->draft_id < 0))
    {
      write_emergency_copy (self);
      return;
    }
  if (!self->dirty || store == NULL || self->draft_id < 0)
    return;

  body = get_text (self);
  self->dirty_since = 0;
  draft.id = self->draft_id;
  draft.title = (char *) gtk_editable_get_text (GTK_EDITABLE (self->title_entry));
  draft.body = body;
  draft.platform = (char *) sg_compose_page_get_platform (self);
  self->dirty = FALSE;

  if (hold_application)
    g_application_hold (g_application_get_default ());
  /* Not cancellable: a save that has started must finish, even when the window closes. */
  sg_store_job_run (self, store, NULL, save_job, sg_draft_copy (&draft),
                    (GDestroyNotify) sg_draft_free, saved_cb,
                    hold_application ? g_object_ref (g_application_get_default ()) : NULL);
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  SgComposePage *self = user_data;

  self->save_source = 0;
  sg_compose_page_save_now (self, FALSE);
  return G_SOURCE_REMOVE;
}

void
sg_compose_page_schedule_save (SgComposePage *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 left;

  self->dirty = TRUE;
  if (self->dirty_since == 0)
    self->dirty_since = now;
  /* A pause saves; so does the maximum wait, whichever comes first. */
  left = SAVE_MAX_WAIT_MS - (now - self->dirty_since) / 1000;
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (CLAMP (left, 0, SAVE_DELAY_MS), save_timeout_cb, self);
}

/* Text the user typed that is not safely stored: the store is out of reach, or the last save
 * failed. Closing must not drop it without asking. */
gboolean
sg_compose_page_has_unsaved_text (SgComposePage *self)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (SG_IS_COMPOSE_PAGE (self), FALSE);

  if (!self->dirty && !self->save_failed)
    return FALSE;
  if (get_store (self) != NULL && !self->save_failed)
    return FALSE;
  text = get_text (self);
  return *g_strstrip (text) != '\0';
}

/* The draft as it stands, for saving somewhere else when the store cannot take it. */
char *
sg_compose_page_get_text (SgComposePage *self)
{
  g_return_val_if_fail (SG_IS_COMPOSE_PAGE (self), NULL);
  return get_text (self);
}

void
sg_compose_page_flush (SgComposePage *self)
{
  g_return_if_fail (SG_IS_COMPOSE_PAGE (self));

  sg_compose_page_save_now (self, TRUE);
}

/* Loading drafts */

typedef struct {
  LoadMode  mode;
  gint64    id;
  char     *platform;   /* of a draft created for want of one */
} LoadRequest;

static void
load_request_free (LoadRequest *request)
{
  g_free (request->platform);
  g_free (request);
}

typedef struct {
  SgDraft *draft;
  GStrv    ignores;     /* the draft's "ignore here" keys */
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  sg_draft_free (loaded->draft);
  g_strfreev (loaded->ignores);
  g_free (loaded);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Loaded, loaded_free)

static gpointer
load_job (SgStore   *store,
          gpointer   data,
          GError   **error)
{
  LoadRequest *request = data;
  GError *local_error = NULL;
  SgDraft *draft = NULL;
  Loaded *loaded;

  if (request->mode == LOAD_ID)
    draft = sg_drafts_load (store, request->id, &local_error);
  else if (request->mode == LOAD_LATEST_OR_CREATE)
    draft = sg_drafts_load_latest (store, &local_error);

  if (draft == NULL && local_error == NULL)
    {
      gint64 id = sg_drafts_create (store, request->platform, &local_error);
      if (id >= 0)
        draft = sg_drafts_load (store, id, &local_error);
    }

  if (draft == NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  loaded = g_new0 (Loaded, 1);
  loaded->draft = draft;
  loaded->ignores = sg_drafts_list_ignores (store, draft->id, NULL);
  return loaded;
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  SgComposePage *self = SG_COMPOSE_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(Loaded) loaded = g_task_propagate_pointer (G_TASK (result), &error);
  SgDraft *draft;

  if (loaded == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("Drafts are not being saved: %s"), error->message);
      gtk_label_set_label (self->save_label, msg);
      return;
    }
  draft = loaded->draft;

  if (self->keep_typed)
    {
      /* The new draft takes what was typed; it is saved at once. */
      self->keep_typed = FALSE;
      self->draft_id = draft->id;
      sg_photo_strip_set_draft (self->photo_strip, get_store (self), self->draft_id);
      sg_consent_bar_set_draft (self->consent_bar, get_store (self), self->draft_id);
      self->dirty = TRUE;
      sg_compose_page_save_now (self, FALSE);
      remove_emergency_copy (self);
      return;
    }

  self->loading = TRUE;
  self->draft_id = draft->id;
  g_free (self->declaration_override);
  self->declaration_override = g_strdup (draft->declaration);
  gtk_text_buffer_set_text (self->buffer, draft->body != NULL ? draft->body : "", -1);
  gtk_editable_set_text (GTK_EDITABLE (self->title_entry), draft->title ? draft->title : "");
  sg_compose_page_set_platform (self, draft->platform);
  self->loading = FALSE;
  self->dirty = FALSE;

  sg_draft_checker_set_ignores (self->checker, (const char * const *) loaded->ignores);

  gtk_label_set_label (self->save_label, _("Saved"));
  sg_compose_page_update_length (self);
  sg_photo_strip_set_draft (self->photo_strip, get_store (self), self->draft_id);
  sg_consent_bar_set_draft (self->consent_bar, get_store (self), self->draft_id);
  sg_draft_checker_invalidate (self->checker, 0);
  sg_compose_page_emit_draft_loaded (self);
}

void
sg_compose_page_start_load (SgComposePage *self,
                            LoadMode       mode,
                            gint64         id)
{
  LoadRequest *request;

  if (get_store (self) == NULL)
    return;

  request = g_new0 (LoadRequest, 1);
  request->mode = mode;
  request->id = id;
  request->platform = g_settings_get_string (sg_context_get_settings (self->context),
                                             "default-platform");
  sg_store_job_run_full (self, get_store (self), self->cancellable, load_job, request,
                         (GDestroyNotify) load_request_free, (GDestroyNotify) loaded_free,
                         loaded_cb, NULL);
}

static void
load_draft (SgComposePage *self,
            gint64         id)
{
  sg_compose_page_save_now (self, FALSE);
  sg_compose_page_start_load (self, LOAD_ID, id);
}

/* Simple store jobs that return nothing but success */

void
sg_compose_page_job_done_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_task_propagate_pointer (G_TASK (result), &error);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    add_toast (SG_COMPOSE_PAGE (object), sg_toast_new_plain (error->message));
}

static gpointer
delete_job (SgStore   *store,
            gpointer   data,
            GError   **error)
{
  return sg_drafts_set_deleted (store, GPOINTER_TO_SIZE (data), TRUE, error)
         ? GINT_TO_POINTER (1) : NULL;
}

static gpointer
undelete_job (SgStore   *store,
              gpointer   data,
              GError   **error)
{
  return sg_drafts_set_deleted (store, GPOINTER_TO_SIZE (data), FALSE, error)
         ? GINT_TO_POINTER (1) : NULL;
}

void
sg_compose_page_new_draft_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  SgComposePage *self = SG_COMPOSE_PAGE (widget);

  sg_compose_page_save_now (self, FALSE);
  sg_compose_page_start_load (self, CREATE_NEW, -1);
  /* From the drafts list the popover would keep the focus, and what is typed next would go
   * nowhere: close it and write in the new draft. */
  if (self->drafts_popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->drafts_popover));
  gtk_widget_grab_focus (GTK_WIDGET (self->editor));
}

/* The draft a "Draft deleted" toast's Undo brings back. */
typedef struct {
  SgComposePage *self;   /* the handler goes with the page */
  gint64         draft_id;
} UndoDelete;

static void
undo_delete_free (gpointer  data,
                  GClosure *closure)
{
  g_free (data);
}

static void
undo_delete_cb (AdwToast   *toast,
                UndoDelete *undo)
{
  SgComposePage *self = undo->self;
  gint64 id = undo->draft_id;

  sg_store_job_run (self, get_store (self), self->cancellable, undelete_job,
                    GSIZE_TO_POINTER (id), NULL, sg_compose_page_job_done_cb, NULL);
  load_draft (self, id);
}

void
sg_compose_page_delete_draft_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  SgComposePage *self = SG_COMPOSE_PAGE (widget);
  UndoDelete *undo;
  AdwToast *toast;

  if (self->draft_id < 0)
    return;

  sg_compose_page_save_now (self, FALSE);
  sg_store_job_run (self, get_store (self), self->cancellable, delete_job,
                    GSIZE_TO_POINTER (self->draft_id), NULL, sg_compose_page_job_done_cb, NULL);

  toast = adw_toast_new (_("Draft deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  undo = g_new0 (UndoDelete, 1);
  undo->self = self;
  undo->draft_id = self->draft_id;
  sg_signal_connect_data_object (toast, "button-clicked", G_CALLBACK (undo_delete_cb), undo,
                                 undo_delete_free, self);
  add_toast (self, toast);

  self->draft_id = -1;
  sg_compose_page_start_load (self, LOAD_LATEST_OR_CREATE, -1);
}

/* Drafts list */

/* Saved first, so the list shows the draft being written as it is now. */
static void
drafts_opening_cb (SgComposePage *self)
{
  sg_compose_page_save_now (self, FALSE);
}

static void
draft_activated_cb (SgComposePage *self,
                    gint64         id)
{
  if (id != self->draft_id)
    load_draft (self, id);
}

/* The list is made the first time the Drafts button opens (click, Enter or a test's
 * gtk_menu_button_popup), not with the page: it reads the store each time it opens anyway. */
void
sg_compose_page_create_drafts_popover_cb (GtkMenuButton *button,
                                          gpointer       data)
{
  SgComposePage *self = data;

  if (self->drafts_popover != NULL)
    return;
  self->drafts_popover = g_object_new (SG_TYPE_DRAFTS_POPOVER, NULL);
  if (self->context != NULL)
    sg_drafts_popover_set_context (self->drafts_popover, self->context);
  g_signal_connect_object (self->drafts_popover, "opening", G_CALLBACK (drafts_opening_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->drafts_popover, "draft-activated",
                           G_CALLBACK (draft_activated_cb), self, G_CONNECT_SWAPPED);
  gtk_menu_button_set_popover (button, GTK_WIDGET (self->drafts_popover));
}
