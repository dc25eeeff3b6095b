/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sg-context.h"
#include "sg-drafts.h"

#include "sg-store-job.h"

G_BEGIN_DECLS

typedef enum {
  SG_DRAFT_LOAD_LATEST_OR_CREATE,
  SG_DRAFT_LOAD_ID,
  SG_DRAFT_CREATE_NEW,
} SgDraftLoad;

/* The draft being written: its text (the buffer itself), and its store id, title and platform
 * as properties. It keeps itself saved: a change to any of them is saved 0.7 s after the last
 * one (1.5 s at most while typing goes on), and at once by sg_draft_buffer_flush(); while the
 * store cannot take it, the text is kept in a file beside the data file (0600), written on the
 * buffer's queue off the main loop, in order with its removal. It loads a
 * draft from the store off the main loop and says "loaded"; each save says "saved", with the
 * error when it failed. Drafts can hold patient data: the text is never logged. */
#define SG_TYPE_DRAFT_BUFFER (sg_draft_buffer_get_type ())
G_DECLARE_FINAL_TYPE (SgDraftBuffer, sg_draft_buffer, SG, DRAFT_BUFFER, GtkTextBuffer)

SgDraftBuffer *sg_draft_buffer_new              (void);
/* Where the store and its path come from (read at each load and save). */
void           sg_draft_buffer_set_context      (SgDraftBuffer *self,
                                                 SgContext     *context);

/* -1 until the store has given us a draft. */
gint64         sg_draft_buffer_get_id           (SgDraftBuffer *self);
const char    *sg_draft_buffer_get_title        (SgDraftBuffer *self);
void           sg_draft_buffer_set_title        (SgDraftBuffer *self,
                                                 const char    *title);
const char    *sg_draft_buffer_get_platform     (SgDraftBuffer *self);
void           sg_draft_buffer_set_platform     (SgDraftBuffer *self,
                                                 const char    *platform);
/* The whole text, fetched from the buffer once per change however many ask for it; valid
 * until the next change. */
const char    *sg_draft_buffer_get_text         (SgDraftBuffer *self);
/* TRUE while a loaded draft is being put in place: its changes are not edits. */
gboolean       sg_draft_buffer_get_loading      (SgDraftBuffer *self);

/* The store is there (again) and no draft is open: loads the latest, or makes a new draft of
 * what was typed while there was no store. */
void           sg_draft_buffer_open             (SgDraftBuffer *self,
                                                 GCancellable  *cancellable);
/* Loads draft @id (SG_DRAFT_LOAD_ID), the latest, or a new one, saving this one first. */
void           sg_draft_buffer_load             (SgDraftBuffer *self,
                                                 SgDraftLoad    mode,
                                                 gint64         id,
                                                 GCancellable  *cancellable);
/* Lets go of the draft (it was deleted): no id until the next load. */
void           sg_draft_buffer_close            (SgDraftBuffer *self);

/* Saves now if anything changed; with @hold_application the application is held until the
 * save is done, so closing the window never loses the last second of typing. */
void           sg_draft_buffer_save_now         (SgDraftBuffer *self,
                                                 gboolean       hold_application);
void           sg_draft_buffer_flush            (SgDraftBuffer *self);
/* Runs @job on the store after this buffer's pending loads and saves and before any that
 * follow (deleting or restoring a draft must not overtake its last save, nor a load). */
gboolean       sg_draft_buffer_run_job          (SgDraftBuffer       *self,
                                                 gpointer             source_object,
                                                 GCancellable        *cancellable,
                                                 SgStoreJob           job,
                                                 gpointer             data,
                                                 GDestroyNotify       destroy,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
/* The user chose to discard the text the store could not take: it is not saved or copied again
 * (until it is changed), and its rescue copy beside the data file is removed, after any write
 * of it already asked for (the application is held until it is gone). */
void           sg_draft_buffer_discard_rescue   (SgDraftBuffer *self);
/* Text the user typed that is not safely stored: the store is out of reach, or the last save
 * failed. */
gboolean       sg_draft_buffer_has_unsaved_text (SgDraftBuffer *self);

G_END_DECLS
