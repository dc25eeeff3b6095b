/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the files of the Compose page share: the page's fields and the few entry points each
 * part needs. sg-compose-page.c is the page: its template, its context, the sidebar's button
 * and the actions that only pass something on; -drafts.c what the page
 * shows of saving and loading (SgDraftBuffer does them), new and deleted drafts and the drafts
 * list; -findings.c what a finding's row asks for
 * (fix, ignore, watch-list) and where it points in the editor; -photos.c attaching and checking
 * photos (button, drag and drop, paste). The objects the page is made of (SgDraftChecker,
 * SgDeclarationBar, SgGuidanceSidebar, SgPublishFlow, SgConsentBar, ...) keep their state to
 * themselves. */
#pragma once

#include <adwaita.h>

#include "sg-compose-page.h"
#include "sg-consent-bar.h"
#include "sg-declaration-bar.h"
#include "sg-draft-buffer.h"
#include "sg-draft-checker.h"
#include "sg-drafts-popover.h"
#include "sg-find-bar.h"
#include "sg-finding-item.h"
#include "sg-finding-row.h"
#include "sg-guidance-sidebar.h"
#include "sg-publish-flow.h"
#include "sg-toast.h"

G_BEGIN_DECLS

struct _SgComposePage
{
  GtkWidget      parent_instance;

  /* Template children, alphabetical */
  SgDeclarationBar *declaration_bar;
  GtkMenuButton *drafts_button;
  GtkTextView   *editor;
  SgFindBar     *find_bar;
  AdwFlap       *flap;
  SgGuidanceSidebar *sidebar;
  GtkToggleButton *sidebar_button;
  AdwSplitButton  *photo_button;
  GMenuModel      *photo_menu;
  SgPhotoStrip  *photo_strip;
  GtkDropDown   *platform_dropdown;
  GtkLabel      *save_label;
  GtkEntry      *title_entry;

  SgContext *context;
  GtkTextBuffer *buffer;         /* the editor's: draft, as a GtkTextBuffer */
  SgDraftBuffer *draft;          /* the draft: its text, id, title, platform and saving */
  SgDraftChecker *checker;      /* the analysis, its underlines and the draft's ignores */
  GCancellable  *cancellable;
  SgPublishFlow *publish_flow;   /* the pre-flight sheet and what follows it */
  SgConsentBar  *consent_bar;    /* the sidebar's: the patient's consent on this draft */
  SgDraftsPopover *drafts_popover; /* NULL until the Drafts button first opens */
  SgSpellChecker *spell;         /* spelling in the editor: its underlines and menu */

  guint          loading : 1;    /* setting the default platform: not an edit */
};

static inline SgStore *
get_store (SgComposePage *self)
{
  return self->context != NULL ? sg_context_get_store (self->context) : NULL;
}

static inline void
add_toast (SgComposePage *self,
           AdwToast      *toast)
{
  sg_toast_add (GTK_WIDGET (self), toast);
}

/* The draft's text: fetched from the buffer once per change, however many parts ask. */
static inline const char *
get_text (SgComposePage *self)
{
  return sg_draft_buffer_get_text (self->draft);
}

/* A change of the draft (text, title, platform) made by the user, not by loading one. */
static inline gboolean
is_loading (SgComposePage *self)
{
  return self->loading || sg_draft_buffer_get_loading (self->draft);
}

/* sg-compose-page.c */
void     sg_compose_page_emit_draft_loaded        (SgComposePage *self);

/* sg-compose-page-drafts.c: what the page shows of saving and loading (SgDraftBuffer does
 * them), new and deleted drafts, the drafts list. */
void     sg_compose_page_connect_draft            (SgComposePage *self);
/* A store job's callback that only says what went wrong, if anything. */
void     sg_compose_page_job_done_cb              (GObject       *object,
                                                   GAsyncResult  *result,
                                                   gpointer       user_data);
void     sg_compose_page_new_draft_action         (GtkWidget     *widget,
                                                   const char    *action_name,
                                                   GVariant      *parameter);
void     sg_compose_page_delete_draft_action      (GtkWidget     *widget,
                                                   const char    *action_name,
                                                   GVariant      *parameter);
void     sg_compose_page_create_drafts_popover_cb (GtkMenuButton *button,
                                                   gpointer       data);

/* sg-compose-page-findings.c */
void     sg_compose_page_refresh_watch_list       (SgComposePage *self);
/* The sidebar's rows' requests (fix, ignore, watch-list, consent) and activation. */
void     sg_compose_page_connect_sidebar          (SgComposePage *self);
gboolean sg_compose_page_editor_query_tooltip_cb  (SgComposePage *self,
                                                   int            x,
                                                   int            y,
                                                   gboolean       keyboard,
                                                   GtkTooltip    *tooltip);

/* sg-compose-page-photos.c */
void     sg_compose_page_check_photo_action       (GtkWidget     *widget,
                                                   const char    *action_name,
                                                   GVariant      *parameter);
void     sg_compose_page_attach_photos_action     (GtkWidget     *widget,
                                                   const char    *action_name,
                                                   GVariant      *parameter);
gboolean sg_compose_page_drop_cb                  (GtkDropTarget *target,
                                                   const GValue  *value,
                                                   double         x,
                                                   double         y,
                                                   SgComposePage *self);
void     sg_compose_page_paste_clipboard_cb       (GtkTextView   *editor,
                                                   SgComposePage *self);
void     sg_compose_page_photos_changed_cb        (SgComposePage *self);
void     sg_compose_page_photos_message_cb        (SgComposePage *self,
                                                   const char    *message);

G_END_DECLS
