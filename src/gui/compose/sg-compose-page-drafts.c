/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the page shows of saving and loading the draft (SgDraftBuffer does them), new and
 * deleted drafts, and the drafts list (part of SgComposePage: sg-compose-page-private.h). */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-compose-page-private.h"
#include "sg-drafts.h"
#include "sg-signal.h"
#include "sg-store-job.h"

/* What the page shows of saving and loading; SgDraftBuffer does them. */

static void
saved_cb (SgComposePage *self,
          const GError  *error)
{
  if (error == NULL)
    {
      gtk_label_set_label (self->save_label, _("Saved"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_label), NULL);
    }
  else
    {
      g_autofree char *msg = g_strdup_printf (_("Not saved: %s"), error->message);
      /* A long reason (a full disk, a locked file) is cut to the line; the whole of it is in
       * the tooltip, so the window never widens to fit it. */
      gtk_label_set_label (self->save_label, msg);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_label), msg);
    }
}

static void
load_failed_cb (SgComposePage *self,
                const GError  *error)
{
  g_autofree char *msg = g_strdup_printf (_("Drafts are not being saved: %s"), error->message);

  gtk_label_set_label (self->save_label, msg);
}

/* The photos and the consent belong to the draft open; with none (deleted, and the next one
 * not yet loaded) they stay until the next arrives. */
static void
draft_id_changed_cb (SgComposePage *self)
{
  gint64 id = sg_draft_buffer_get_id (self->draft);

  if (id < 0)
    return;
  sg_photo_strip_set_draft (self->photo_strip, get_store (self), id);
  sg_consent_bar_set_draft (self->consent_bar, get_store (self), id);
}

static void
draft_loaded_cb (SgComposePage      *self,
                 const SgDraft      *draft,
                 const char * const *ignores)
{
  /* The declaration bar has taken the draft's own wording of the declaration by now. */
  sg_draft_checker_set_ignores (self->checker, ignores);

  gtk_label_set_label (self->save_label, _("Saved"));
  sg_draft_checker_invalidate (self->checker, 0);
  sg_compose_page_emit_draft_loaded (self);
}

void
sg_compose_page_connect_draft (SgComposePage *self)
{
  g_signal_connect_object (self->draft, "saved", G_CALLBACK (saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->draft, "load-failed", G_CALLBACK (load_failed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->draft, "loaded", G_CALLBACK (draft_loaded_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->draft, "notify::id", G_CALLBACK (draft_id_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/* Text the user typed that is not safely stored: the store is out of reach, or the last save
 * failed. Closing must not drop it without asking. */
gboolean
sg_compose_page_has_unsaved_text (SgComposePage *self)
{
  g_return_val_if_fail (SG_IS_COMPOSE_PAGE (self), FALSE);
  return sg_draft_buffer_has_unsaved_text (self->draft);
}

/* The draft as it stands, for saving somewhere else when the store cannot take it. */
char *
sg_compose_page_get_text (SgComposePage *self)
{
  g_return_val_if_fail (SG_IS_COMPOSE_PAGE (self), NULL);
  return g_strdup (get_text (self));
}

void
sg_compose_page_flush (SgComposePage *self)
{
  g_return_if_fail (SG_IS_COMPOSE_PAGE (self));
  sg_draft_buffer_flush (self->draft);
}

void
sg_compose_page_discard_unsaved (SgComposePage *self)
{
  g_return_if_fail (SG_IS_COMPOSE_PAGE (self));
  sg_draft_buffer_discard_rescue (self->draft);
}

static void
load_draft (SgComposePage *self,
            gint64         id)
{
  sg_draft_buffer_save_now (self->draft, FALSE);
  sg_draft_buffer_load (self->draft, SG_DRAFT_LOAD_ID, id, self->cancellable);
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

  sg_draft_buffer_save_now (self->draft, FALSE);
  sg_draft_buffer_load (self->draft, SG_DRAFT_CREATE_NEW, -1, self->cancellable);
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

  sg_draft_buffer_run_job (self->draft, self, self->cancellable, undelete_job,
                           GSIZE_TO_POINTER (id), NULL, sg_compose_page_job_done_cb, NULL);
  load_draft (self, id);
}

void
sg_compose_page_delete_draft_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  SgComposePage *self = SG_COMPOSE_PAGE (widget);
  gint64 id = sg_draft_buffer_get_id (self->draft);
  UndoDelete *undo;
  AdwToast *toast;

  if (id < 0)
    return;

  sg_draft_buffer_save_now (self->draft, FALSE);
  /* After the draft's last save and before the next draft is loaded: the same queue. */
  sg_draft_buffer_run_job (self->draft, self, self->cancellable, delete_job,
                           GSIZE_TO_POINTER (id), NULL, sg_compose_page_job_done_cb, NULL);

  toast = adw_toast_new (_("Draft deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  undo = g_new0 (UndoDelete, 1);
  undo->self = self;
  undo->draft_id = id;
  sg_signal_connect_data_object (toast, "button-clicked", G_CALLBACK (undo_delete_cb), undo,
                                 undo_delete_free, self);
  add_toast (self, toast);

  sg_draft_buffer_close (self->draft);
  sg_draft_buffer_load (self->draft, SG_DRAFT_LOAD_LATEST_OR_CREATE, -1, self->cancellable);
}

/* Drafts list */

/* Saved first, so the list shows the draft being written as it is now. */
static void
drafts_opening_cb (SgComposePage *self)
{
  sg_draft_buffer_save_now (self->draft, FALSE);
}

static void
draft_activated_cb (SgComposePage *self,
                    gint64         id)
{
  if (id != sg_draft_buffer_get_id (self->draft))
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
