/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-compose-page-private.h"
#include "sg-platform.h"
#include "sg-spell-checker.h"

G_DEFINE_FINAL_TYPE (SgComposePage, sg_compose_page, GTK_TYPE_WIDGET)

enum {
  FINDINGS_CHANGED,
  DRAFT_LOADED,
  PUBLISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Platforms */

const char *
sg_compose_page_get_platform (SgComposePage *self)
{
  const char * const *ids = sg_platform_list_ids ();
  guint i = gtk_drop_down_get_selected (self->platform_dropdown);

  g_return_val_if_fail (SG_IS_COMPOSE_PAGE (self), NULL);

  return i < g_strv_length ((char **) ids) ? ids[i] : "x";
}

void
sg_compose_page_set_platform (SgComposePage *self,
                              const char    *platform)
{
  const char * const *ids = sg_platform_list_ids ();

  g_return_if_fail (SG_IS_COMPOSE_PAGE (self));

  for (guint i = 0; ids[i] != NULL; i++)
    if (g_strcmp0 (ids[i], platform) == 0)
      gtk_drop_down_set_selected (self->platform_dropdown, i);
}

/* The sidebar */

/* Narrow, the guidance is folded away: its button carries the verdict, in colour and words,
 * so a "do not post" is not hidden with it. */
static void
verdict_changed_cb (SgComposePage *self)
{
  const char *verdict = sg_guidance_sidebar_get_verdict (self->sidebar);
  g_autofree char *tip = g_strdup_printf (_("%s — show or hide the guidance (F9)"), verdict);

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sidebar_button), tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sidebar_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, verdict, -1);
  gtk_widget_remove_css_class (GTK_WIDGET (self->sidebar_button), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->sidebar_button), "warning");
  if (sg_guidance_sidebar_get_count (self->sidebar, SG_SEVERITY_ERROR) > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->sidebar_button), "error");
  else if (sg_guidance_sidebar_get_count (self->sidebar, SG_SEVERITY_WARNING) > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->sidebar_button), "warning");
}

/* An analysis is in place (its findings may be the ones already shown): said as the page's
 * "findings-changed", which tests wait on. */
static void
checked_cb (SgComposePage *self)
{
  g_signal_emit (self, signals[FINDINGS_CHANGED], 0);
}

/* TRUE while an analysis is scheduled or running: the sidebar may still change. */
gboolean
sg_compose_page_is_checking (SgComposePage *self)
{
  g_return_val_if_fail (SG_IS_COMPOSE_PAGE (self), FALSE);

  return sg_draft_checker_is_checking (self->checker);
}

/* Editor */

static void
buffer_changed_cb (SgComposePage *self)
{
  /* The checker and the declaration bar watch the buffer themselves, and the buffer saves
   * itself. */
  if (!is_loading (self))
    gtk_label_set_label (self->save_label, _("Editing…"));
}

static void
platform_changed_cb (SgComposePage *self)
{
  sg_draft_checker_set_platform (self->checker, sg_compose_page_get_platform (self));
  sg_draft_buffer_set_platform (self->draft, sg_compose_page_get_platform (self));
  if (is_loading (self))
    return;
  sg_draft_checker_invalidate (self->checker, 0);
}

/* A loaded draft's platform, shown; one the drop-down does not know gives way to the one it
 * shows, which is what is saved. */
static void
draft_platform_changed_cb (SgComposePage *self)
{
  sg_compose_page_set_platform (self, sg_draft_buffer_get_platform (self->draft));
  sg_draft_buffer_set_platform (self->draft, sg_compose_page_get_platform (self));
}

/* The declaration appended to the post resolves the text's undeclared interests. */
static void
declaration_changed_cb (SgComposePage *self)
{
  const char *declaration = sg_declaration_bar_get_declaration (self->declaration_bar);

  sg_draft_checker_set_declared (self->checker, declaration != NULL);
}

/* Page actions */

static void
copy_final_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SgComposePage *self = SG_COMPOSE_PAGE (widget);
  g_autofree char *text = sg_compose_page_get_final_text (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  add_toast (self, adw_toast_new (_("Copied to the clipboard")));
}

static void
edit_declaration_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  sg_declaration_bar_edit (SG_COMPOSE_PAGE (widget)->declaration_bar);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  sg_find_bar_open (SG_COMPOSE_PAGE (widget)->find_bar);
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SgComposePage *self = SG_COMPOSE_PAGE (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
switch_focus_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SgComposePage *self = SG_COMPOSE_PAGE (widget);
  GtkListBox *list = sg_guidance_sidebar_get_list (self->sidebar);
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (list, 0);

  if (gtk_widget_is_focus (GTK_WIDGET (self->editor)) && first != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (first));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->editor));
}

/* Publishing: the pre-flight check, then copy, share or post, logged (SgPublishFlow) */

static void
publish_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SgComposePage *self = SG_COMPOSE_PAGE (widget);
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *final_text = NULL;
  SgPublishRequest request;

  /* A photo still being read or cleaned is not in the findings yet: wait for it. */
  if (sg_photo_strip_is_busy (self->photo_strip))
    {
      add_toast (self, adw_toast_new (_("One moment: the photos are still being prepared")));
      return;
    }

  /* In the sidebar's order, so the sheet reads the same way. */
  findings = sg_guidance_sidebar_list_findings (self->sidebar);

  final_text = sg_compose_page_get_final_text (self);
  request = (SgPublishRequest) {
    .platform = sg_compose_page_get_platform (self),
    .draft_id = sg_draft_buffer_get_id (self->draft),
    .final_text = final_text,
    .declaration = sg_declaration_bar_get_declaration (self->declaration_bar),
    .findings = findings,
    .ignored_errors = sg_draft_checker_get_ignored_errors (self->checker),
    .photos = sg_photo_strip_get_photos (self->photo_strip),
    .consent = sg_consent_bar_get_consent (self->consent_bar),
  };
  sg_publish_flow_start (self->publish_flow, &request);
}

/* One direct post at a time: the action comes back when the post has landed or failed. */
static void
publish_busy_cb (SgComposePage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compose.publish",
                                 !sg_publish_flow_get_busy (self->publish_flow));
}

static void
published_cb (SgComposePage *self)
{
  g_signal_emit (self, signals[PUBLISHED], 0);
}

/* Application state */

static void
store_changed_cb (SgComposePage *self)
{
  if (get_store (self) != NULL && sg_draft_buffer_get_id (self->draft) < 0)
    {
      sg_draft_buffer_open (self->draft, self->cancellable);
      sg_compose_page_refresh_watch_list (self);
    }
}

static void
analyzer_changed_cb (SgComposePage *self)
{
  sg_draft_checker_invalidate (self->checker, 0);
}

void
sg_compose_page_set_context (SgComposePage *self,
                                 SgContext     *context)
{
  g_autofree char *platform = NULL;

  g_return_if_fail (SG_IS_COMPOSE_PAGE (self));
  g_return_if_fail (SG_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = context;
  sg_draft_buffer_set_context (self->draft, context);
  sg_draft_checker_set_context (self->checker, context);
  if (self->drafts_popover != NULL)
    sg_drafts_popover_set_context (self->drafts_popover, context);
  sg_publish_flow_set_context (self->publish_flow, context);
  sg_declaration_bar_set_context (self->declaration_bar, context);
  platform = g_settings_get_string (sg_context_get_settings (context), "default-platform");
  self->spell = sg_spell_checker_new (self->editor, sg_context_get_settings (context));
  self->loading = TRUE;
  sg_compose_page_set_platform (self, platform);
  self->loading = FALSE;

  g_signal_connect_object (context, "notify::store", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::analyzer", G_CALLBACK (analyzer_changed_cb),
                           self, G_CONNECT_SWAPPED);
  store_changed_cb (self);
  analyzer_changed_cb (self);
}

void
sg_compose_page_emit_draft_loaded (SgComposePage *self)
{
  g_signal_emit (self, signals[DRAFT_LOADED], 0);
}

/* GObject */

static void
sg_compose_page_dispose (GObject *object)
{
  SgComposePage *self = SG_COMPOSE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->publish_flow != NULL)
    {
      /* A post still under way reports to nobody: the page is going. */
      sg_publish_flow_cancel (self->publish_flow);
      g_signal_handlers_disconnect_by_data (self->publish_flow, self);
      g_clear_object (&self->publish_flow);
    }
  g_clear_object (&self->spell);
  if (self->checker != NULL)
    {
      sg_guidance_sidebar_set_checker (self->sidebar, NULL);
      g_signal_handlers_disconnect_by_data (self->checker, self);
      sg_draft_checker_clear (self->checker);
      g_clear_object (&self->checker);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_COMPOSE_PAGE);
  self->drafts_popover = NULL;   /* went with its button */
  /* The template's root child has no id, so dispose_template leaves it: unparent it here. */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }

  G_OBJECT_CLASS (sg_compose_page_parent_class)->dispose (object);
}

static void
sg_compose_page_finalize (GObject *object)
{
  SgComposePage *self = SG_COMPOSE_PAGE (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sg_compose_page_parent_class)->finalize (object);
}

static void
sg_compose_page_class_init (SgComposePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_compose_page_dispose;
  object_class->finalize = sg_compose_page_finalize;

  signals[FINDINGS_CHANGED] =
    g_signal_new ("findings-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[PUBLISHED] =
    g_signal_new ("published", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[DRAFT_LOADED] =
    g_signal_new ("draft-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/SocialGuard/ui/sg-compose-page.ui");
  g_type_ensure (SG_TYPE_DECLARATION_BAR);
  g_type_ensure (SG_TYPE_FIND_BAR);
  g_type_ensure (SG_TYPE_GUIDANCE_SIDEBAR);
  g_type_ensure (SG_TYPE_PHOTO_STRIP);
  gtk_widget_class_bind_template_child (widget_class, SgComposePage, declaration_bar);
  gtk_widget_class_bind_template_child (widget_class, SgComposePage, drafts_button);
  gtk_widget_class_bind_template_child (widget_class, SgComposePage, editor);
  gtk_widget_class_bind_template_child (widget_class, SgComposePage, flap);
  gtk_widget_class_bind_template_child (widget_class, SgComposePage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, SgComposePage, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, SgComposePage, photo_button);
  gtk_widget_class_bind_template_child (widget_class, SgComposePage, photo_menu);
  gtk_widget_class_bind_template_child (widget_class, SgComposePage, photo_strip);
  gtk_widget_class_bind_template_child (widget_class, SgComposePage, platform_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SgComposePage, save_label);
  gtk_widget_class_bind_template_child (widget_class, SgComposePage, title_entry);
  gtk_widget_class_bind_template_child (widget_class, SgComposePage, find_bar);

  gtk_widget_class_install_action (widget_class, "compose.new-draft", NULL,
                                   sg_compose_page_new_draft_action);
  gtk_widget_class_install_action (widget_class, "compose.delete-draft", NULL,
                                   sg_compose_page_delete_draft_action);
  gtk_widget_class_install_action (widget_class, "compose.copy-final", NULL, copy_final_action);
  gtk_widget_class_install_action (widget_class, "compose.switch-focus", NULL,
                                   switch_focus_action);
  gtk_widget_class_install_action (widget_class, "compose.edit-declaration", NULL,
                                   edit_declaration_action);
  gtk_widget_class_install_action (widget_class, "compose.publish", NULL, publish_action);
  /* The page's own shortcuts. Application accels cannot reach these: the window's action
   * muxer has no "compose" group (it lives on this widget), so Ctrl+N, F6 and Ctrl+Shift+C
   * did nothing when pressed. Bindings work wherever the focus is inside the page. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "compose.new-draft", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_C, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "compose.copy-final", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, 0, "compose.switch-focus", NULL);
  gtk_widget_class_install_action (widget_class, "compose.toggle-sidebar", NULL,
                                   toggle_sidebar_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "compose.toggle-sidebar", NULL);
  gtk_widget_class_install_action (widget_class, "compose.find", NULL, find_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "compose.find",
                                       NULL);
  gtk_widget_class_install_action (widget_class, "compose.check-photo", NULL,
                                   sg_compose_page_check_photo_action);
  gtk_widget_class_install_action (widget_class, "compose.attach-photos", NULL,
                                   sg_compose_page_attach_photos_action);
}

/* When the window first shows Compose, the cursor is in the draft: a doctor opens the app to
 * write, and should not need 13 Tabs to get there. After GTK has picked its own first focus. */
static gboolean
focus_editor_idle (gpointer data)
{
  SgComposePage *self = data;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self->editor));
  /* After the first frame (idles run after the frame clock's paint): the photo tools' menu. */
  if (adw_split_button_get_menu_model (self->photo_button) == NULL)
    adw_split_button_set_menu_model (self->photo_button, self->photo_menu);
  return G_SOURCE_REMOVE;
}

static void
first_map_cb (SgComposePage *self)
{
  g_signal_handlers_disconnect_by_func (self, first_map_cb, NULL);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, focus_editor_idle, g_object_ref (self),
                   g_object_unref);
}

static void
sg_compose_page_init (SgComposePage *self)
{
  const char * const *ids = sg_platform_list_ids ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The editor's buffer is the draft, before anything looks at the editor's buffer. */
  self->draft = sg_draft_buffer_new ();
  gtk_text_view_set_buffer (self->editor, GTK_TEXT_BUFFER (self->draft));
  g_object_unref (self->draft);   /* the editor's from now on */
  sg_find_bar_set_view (self->find_bar, self->editor);

  self->cancellable = g_cancellable_new ();
  self->publish_flow = sg_publish_flow_new (GTK_WIDGET (self));
  g_signal_connect_object (self->publish_flow, "notify::busy", G_CALLBACK (publish_busy_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->publish_flow, "published", G_CALLBACK (published_cb), self,
                           G_CONNECT_SWAPPED);
  self->buffer = gtk_text_view_get_buffer (self->editor);
  gtk_text_buffer_set_enable_undo (self->buffer, TRUE);

  self->checker = sg_draft_checker_new (self->draft);
  sg_draft_checker_set_photo_strip (self->checker, self->photo_strip);
  /* Before the page's own "loaded" handler: a loaded draft's wording of the declaration is in
   * place when the page says "draft-loaded". */
  sg_declaration_bar_set_draft (self->declaration_bar, self->draft);
  g_signal_connect_object (self->declaration_bar, "notify::declaration",
                           G_CALLBACK (declaration_changed_cb), self, G_CONNECT_SWAPPED);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      const SgPlatform *p = sg_platform_lookup (ids[i], NULL);
      gtk_string_list_append (names, p != NULL ? p->name : ids[i]);
    }
  gtk_drop_down_set_model (self->platform_dropdown, G_LIST_MODEL (names));

  self->consent_bar = sg_guidance_sidebar_get_consent_bar (self->sidebar);
  sg_guidance_sidebar_set_checker (self->sidebar, self->checker);
  g_signal_connect_object (self->sidebar, "notify::verdict", G_CALLBACK (verdict_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->checker, "checked", G_CALLBACK (checked_cb), self,
                           G_CONNECT_SWAPPED);
  sg_compose_page_connect_sidebar (self);
  verdict_changed_cb (self);

  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (buffer_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_object_bind_property (self->draft, "title", self->title_entry, "text",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->draft, "notify::platform",
                           G_CALLBACK (draft_platform_changed_cb), self, G_CONNECT_SWAPPED);
  sg_compose_page_connect_draft (self);
  g_signal_connect_object (self->platform_dropdown, "notify::selected",
                           G_CALLBACK (platform_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "query-tooltip",
                           G_CALLBACK (sg_compose_page_editor_query_tooltip_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_menu_button_set_create_popup_func (self->drafts_button,
                                         sg_compose_page_create_drafts_popover_cb, self, NULL);
  g_signal_connect_object (self->photo_strip, "changed",
                           G_CALLBACK (sg_compose_page_photos_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->photo_strip, "message",
                           G_CALLBACK (sg_compose_page_photos_message_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "paste-clipboard",
                           G_CALLBACK (sg_compose_page_paste_clipboard_cb), self, 0);

  /* Photos dropped anywhere on the page are attached; the capture phase gets them before the
   * editor, which would otherwise insert their file names as text. */
  {
    GType types[] = { GDK_TYPE_FILE_LIST, GDK_TYPE_TEXTURE };
    GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);

    gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (target), GTK_PHASE_CAPTURE);
    g_signal_connect (target, "drop", G_CALLBACK (sg_compose_page_drop_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
  }
  g_signal_connect (self, "map", G_CALLBACK (first_map_cb), NULL);
  g_object_bind_property (self->flap, "reveal-flap", self->sidebar_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  sg_draft_checker_set_platform (self->checker, sg_compose_page_get_platform (self));
}

SgPhotoStrip *
sg_compose_page_get_photo_strip (SgComposePage *self)
{
  g_return_val_if_fail (SG_IS_COMPOSE_PAGE (self), NULL);
  return self->photo_strip;
}

SgSpellChecker *
sg_compose_page_get_spell_checker (SgComposePage *self)
{
  g_return_val_if_fail (SG_IS_COMPOSE_PAGE (self), NULL);
  return self->spell;
}

GtkTextBuffer *
sg_compose_page_get_buffer (SgComposePage *self)
{
  g_return_val_if_fail (SG_IS_COMPOSE_PAGE (self), NULL);
  return self->buffer;
}

GtkListBox *
sg_compose_page_get_findings (SgComposePage *self)
{
  g_return_val_if_fail (SG_IS_COMPOSE_PAGE (self), NULL);
  return sg_guidance_sidebar_get_list (self->sidebar);
}

SgDraftChecker *
sg_compose_page_get_checker (SgComposePage *self)
{
  g_return_val_if_fail (SG_IS_COMPOSE_PAGE (self), NULL);
  return self->checker;
}

const char *
sg_compose_page_get_verdict (SgComposePage *self)
{
  g_return_val_if_fail (SG_IS_COMPOSE_PAGE (self), NULL);
  return sg_guidance_sidebar_get_verdict (self->sidebar);
}

void
sg_compose_page_set_posting_token (SgComposePage *self,
                                   const char    *token)
{
  g_return_if_fail (SG_IS_COMPOSE_PAGE (self));

  sg_publish_flow_set_posting_token (self->publish_flow, token);
}

gint64
sg_compose_page_get_draft_id (SgComposePage *self)
{
  g_return_val_if_fail (SG_IS_COMPOSE_PAGE (self), -1);
  return sg_draft_buffer_get_id (self->draft);
}

/* Reads the interests register again (after it changed). */
void
sg_compose_page_reload_interests (SgComposePage *self)
{
  g_return_if_fail (SG_IS_COMPOSE_PAGE (self));

  sg_declaration_bar_reload_interests (self->declaration_bar);
}

const char *
sg_compose_page_get_declaration (SgComposePage *self)
{
  g_return_val_if_fail (SG_IS_COMPOSE_PAGE (self), NULL);

  return sg_declaration_bar_get_declaration (self->declaration_bar);
}

/* The post exactly as it would leave: label, text and declaration. */
char *
sg_compose_page_get_final_text (SgComposePage *self)
{
  g_return_val_if_fail (SG_IS_COMPOSE_PAGE (self), NULL);

  return sg_declaration_bar_dup_final_text (self->declaration_bar);
}

guint
sg_compose_page_get_declaration_updates (SgComposePage *self)
{
  g_return_val_if_fail (SG_IS_COMPOSE_PAGE (self), 0);

  return sg_declaration_bar_get_updates (self->declaration_bar);
}
