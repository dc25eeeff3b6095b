/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-past-post-row.h"
#include "sg-platform.h"

struct _SgPastPostRow
{
  GtkWidget      parent_instance;

  SgAuditItem   *item;
  GtkLabel      *status_label;    /* owned by the row's body */
  GtkLabel      *todo_label;
  GtkLabel      *note_label;      /* what the last delete on the platform said */
  GtkWidget     *open_button;
  GtkWidget     *online_button;   /* Delete from Mastodon…, for the platforms SocialGuard posts to */
  GtkWidget     *keep_button;
  GtkWidget     *delete_button;
  GtkWidget     *deleted_button;
  GtkWidget     *undo_button;
  GtkEditable   *reason_entry;
};

G_DEFINE_FINAL_TYPE (SgPastPostRow, sg_past_post_row, GTK_TYPE_WIDGET)

enum {
  REVIEW,
  DELETE_ONLINE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static const char *
platform_name (SgAuditItem *item)
{
  const SgPlatform *platform = sg_platform_lookup (sg_audit_item_get_platform (item), NULL);

  return platform != NULL ? platform->name : sg_audit_item_get_platform (item);
}

static GtkWidget *
wrapped_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  return label;
}

/* @text with the spans of the findings on @part (and @media) highlighted: the engine's own
 * byte offsets, so what is marked is exactly what the rule matched. An error is marked more
 * strongly than a warning. */
static GtkWidget *
highlighted_label (const char  *text,
                   GPtrArray   *findings,
                   SgAuditPart  part,
                   guint        media)
{
  GtkWidget *label = wrapped_label (text);
  PangoAttrList *attrs = pango_attr_list_new ();
  gsize len = strlen (text);

  for (guint i = 0; i < findings->len; i++)
    {
      const SgAuditFinding *f = g_ptr_array_index (findings, i);
      PangoAttribute *a;
      gboolean error = f->severity == SG_SEVERITY_ERROR;

      if (f->part != part || (part == SG_AUDIT_PART_MEDIA_DESCRIPTION && f->media != media) ||
          f->end > len || f->start >= f->end)
        continue;
      a = error ? pango_attr_background_new (0xffff, 0xbbbb, 0xbbbb)
                : pango_attr_background_new (0xffff, 0xe5e5, 0x9999);
      a->start_index = f->start;
      a->end_index = f->end;
      pango_attr_list_insert (attrs, a);
      a = pango_attr_foreground_new (0x2222, 0x2222, 0x2222);
      a->start_index = f->start;
      a->end_index = f->end;
      pango_attr_list_insert (attrs, a);
      a = pango_attr_underline_new (error ? PANGO_UNDERLINE_DOUBLE : PANGO_UNDERLINE_SINGLE);
      a->start_index = f->start;
      a->end_index = f->end;
      pango_attr_list_insert (attrs, a);
    }
  gtk_label_set_attributes (GTK_LABEL (label), attrs);
  pango_attr_list_unref (attrs);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  return label;
}

static gboolean
part_has_findings (GPtrArray   *findings,
                   SgAuditPart  part,
                   guint        media)
{
  for (guint i = 0; i < findings->len; i++)
    {
      const SgAuditFinding *f = g_ptr_array_index (findings, i);

      if (f->part == part && (part != SG_AUDIT_PART_MEDIA_DESCRIPTION || f->media == media))
        return TRUE;
    }
  return FALSE;
}

static void
update_status (SgPastPostRow *self)
{
  SgAuditStatus status = sg_audit_item_get_status (self->item);
  const char *reason = sg_audit_item_get_reason (self->item);
  const char *platform = sg_audit_item_get_platform (self->item);
  gboolean online = g_str_equal (platform, "mastodon") || g_str_equal (platform, "bluesky");
  gboolean busy = sg_audit_item_get_busy (self->item);
  const char *note = sg_audit_item_get_note (self->item);
  g_autofree char *text = NULL;
  g_autofree char *todo = NULL;

  switch (status)
    {
    case SG_AUDIT_STATUS_KEPT:
      text = reason != NULL ? g_strdup_printf (_("Kept after review: %s"), reason)
                            : g_strdup (_("Kept after review"));
      break;
    case SG_AUDIT_STATUS_TO_DELETE:
      text = g_strdup (_("To delete by hand"));
      if (sg_audit_item_get_url (self->item) != NULL)
        todo = g_strdup_printf (_("Open it on %s, delete it there, then mark it deleted: %s"),
                                platform_name (self->item), sg_audit_item_get_url (self->item));
      else
        todo = g_strdup_printf (_("Find it on %s (the archive gives no link), delete it there, "
                                  "then mark it deleted."), platform_name (self->item));
      break;
    case SG_AUDIT_STATUS_DELETED:
      if (sg_audit_item_get_reviewed_at (self->item) > 0)
        {
          g_autoptr(GDateTime) when =
            g_date_time_new_from_unix_local (sg_audit_item_get_reviewed_at (self->item));
          g_autofree char *date = g_date_time_format (when, "%-d %B %Y");

          /* Translators: %s is a date, "6 December 2026". */
          text = g_strdup_printf (_("Deleted on %s"), date);
        }
      else
        text = g_strdup (_("Deleted"));
      break;
    case SG_AUDIT_STATUS_OPEN:
    default:
      text = g_strdup (sg_audit_item_get_severity (self->item) == SG_SEVERITY_ERROR
                       ? _("Should not stay as it is") : _("Worth a second look"));
      break;
    }
  gtk_label_set_text (self->status_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->todo_label), todo != NULL);
  gtk_label_set_text (self->todo_label, todo != NULL ? todo : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note != NULL);
  gtk_label_set_text (self->note_label, note != NULL ? note : "");

  /* The button just used may be about to go: keep the keyboard in the row, on the button
   * that undoes what it did (or on Keep again), rather than nowhere. The buttons to show are
   * shown first, so focus always has somewhere to go. */
  {
    GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
    GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
    gboolean moves = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self));
    struct { GtkWidget *button; gboolean shown; } buttons[] = {
      { self->undo_button, status != SG_AUDIT_STATUS_OPEN },
      { self->keep_button, status == SG_AUDIT_STATUS_OPEN },
      { self->online_button, online && (status == SG_AUDIT_STATUS_OPEN ||
                                        status == SG_AUDIT_STATUS_TO_DELETE) },
      { self->delete_button, status == SG_AUDIT_STATUS_OPEN },
      { self->deleted_button, status == SG_AUDIT_STATUS_TO_DELETE },
    };

    for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
      if (buttons[i].shown)
        gtk_widget_set_visible (buttons[i].button, TRUE);
    if (moves)
      gtk_widget_grab_focus (status != SG_AUDIT_STATUS_OPEN ? self->undo_button
                                                            : self->keep_button);
    for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
      if (!buttons[i].shown)
        gtk_widget_set_visible (buttons[i].button, FALSE);
  }
  /* One delete at a time per post; the rest of the row waits for its answer too. */
  gtk_widget_set_sensitive (self->online_button, !busy);
  gtk_widget_set_sensitive (self->undo_button, !busy);
  gtk_widget_set_sensitive (self->deleted_button, !busy);
  if (status == SG_AUDIT_STATUS_OPEN)
    gtk_widget_remove_css_class (GTK_WIDGET (self), "sg-reviewed");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self), "sg-reviewed");
}

static void
review (SgPastPostRow *self,
        SgAuditStatus  status,
        const char    *reason)
{
  g_signal_emit (self, signals[REVIEW], 0, (int) status, reason);
}

/* Callbacks */

static void
open_clicked_cb (SgPastPostRow *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                sg_audit_item_get_url (self->item), GDK_CURRENT_TIME);
}

static void
keep_confirmed_cb (SgPastPostRow *self)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (self->reason_entry)));

  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->keep_button));
  review (self, SG_AUDIT_STATUS_KEPT, *reason != '\0' ? reason : NULL);
}

static void
online_clicked_cb (SgPastPostRow *self)
{
  g_signal_emit (self, signals[DELETE_ONLINE], 0);
}

static void
delete_clicked_cb (SgPastPostRow *self)
{
  review (self, SG_AUDIT_STATUS_TO_DELETE, NULL);
}

static void
deleted_clicked_cb (SgPastPostRow *self)
{
  review (self, SG_AUDIT_STATUS_DELETED, NULL);
}

static void
undo_clicked_cb (SgPastPostRow *self)
{
  review (self, SG_AUDIT_STATUS_OPEN, NULL);
}

/* GObject */

static void
sg_past_post_row_dispose (GObject *object)
{
  SgPastPostRow *self = SG_PAST_POST_ROW (object);

  GtkWidget *child;

  if (self->item != NULL)
    g_signal_handlers_disconnect_by_data (self->item, self);
  g_clear_object (&self->item);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sg_past_post_row_parent_class)->dispose (object);
}

static void
sg_past_post_row_class_init (SgPastPostRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sg_past_post_row_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "sgpastpost");

  /* SgPastPostRow::review (SgAuditStatus as int, reason or NULL). */
  signals[REVIEW] =
    g_signal_new ("review", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_STRING);
  /* SgPastPostRow::delete-online: the doctor asked to delete it on the platform (the page
   * confirms, then deletes). */
  signals[DELETE_ONLINE] =
    g_signal_new ("delete-online", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
sg_past_post_row_init (SgPastPostRow *self)
{
}

static GtkWidget *
action_button (SgPastPostRow *self,
               const char    *mnemonic,
               const char    *accessible,
               GCallback      callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);

  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  g_signal_connect_swapped (button, "clicked", callback, self);
  return button;
}

/* The reason field and its button, in the Keep popover. */
static GtkWidget *
keep_popover (SgPastPostRow *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *confirm = gtk_button_new_with_mnemonic (_("_Keep"));

  gtk_box_append (GTK_BOX (box), wrapped_label (_("Why is it fine to keep? (optional, for "
                                                  "your appraisal record)")));
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason for keeping"), -1);
  g_signal_connect_swapped (entry, "activate", G_CALLBACK (keep_confirmed_cb), self);
  gtk_box_append (GTK_BOX (box), entry);
  self->reason_entry = GTK_EDITABLE (entry);

  gtk_widget_add_css_class (confirm, "suggested-action");
  gtk_widget_set_halign (confirm, GTK_ALIGN_END);
  gtk_accessible_update_property (GTK_ACCESSIBLE (confirm), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Keep post"), -1);
  g_signal_connect_swapped (confirm, "clicked", G_CALLBACK (keep_confirmed_cb), self);
  gtk_box_append (GTK_BOX (box), confirm);

  gtk_widget_set_size_request (box, 280, -1);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  return popover;
}

static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       data)
{
  SgPastPostRow *self = data;

  if (gtk_menu_button_get_popover (button) == NULL)
    gtk_menu_button_set_popover (button, keep_popover (self));
}

GtkWidget *
sg_past_post_row_new (SgAuditItem *item)
{
  SgPastPostRow *self;
  GtkWidget *box, *header, *meta, *actions, *label;
  GPtrArray *findings;
  const char * const *media;
  g_autofree char *meta_text = NULL;
  g_autofree char *open_label = NULL;
  g_autofree char *open_a11y = NULL;

  g_return_val_if_fail (SG_IS_AUDIT_ITEM (item), NULL);

  self = g_object_new (SG_TYPE_PAST_POST_ROW, NULL);
  self->item = g_object_ref (item);
  findings = sg_audit_item_get_findings (item);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  /* Platform and date, then what state the review is in. */
  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  if (sg_audit_item_get_posted_at (item) != 0)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (sg_audit_item_get_posted_at (item));
      g_autofree char *date = g_date_time_format (when, "%-d %B %Y");

      meta_text = g_strdup_printf ("%s · %s", platform_name (item), g_strstrip (date));
    }
  else
    meta_text = g_strdup_printf (_("%s · date not given"), platform_name (item));
  meta = wrapped_label (meta_text);
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_widget_set_hexpand (meta, TRUE);
  gtk_box_append (GTK_BOX (header), meta);
  self->status_label = GTK_LABEL (wrapped_label (NULL));
  gtk_label_set_xalign (self->status_label, 1);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label),
                            sg_audit_item_get_severity (item) == SG_SEVERITY_ERROR
                            ? "sg-verdict-error" : "sg-verdict-warning");
  /* A label is read out as its text; the name lets the tests find it. */
  gtk_widget_set_name (GTK_WIDGET (self->status_label), "review-status");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->status_label));
  gtk_box_append (GTK_BOX (box), header);

  /* The post as it went out, then whatever else of it was flagged. */
  if (*sg_audit_item_get_text (item) != '\0')
    {
      label = highlighted_label (sg_audit_item_get_text (item), findings, SG_AUDIT_PART_TEXT, 0);
      gtk_widget_add_css_class (label, "sg-past-post-text");
      gtk_widget_set_name (label, "post-text");
      gtk_box_append (GTK_BOX (box), label);
    }
  if (sg_audit_item_get_content_warning (item) != NULL &&
      part_has_findings (findings, SG_AUDIT_PART_CONTENT_WARNING, 0))
    {
      gtk_box_append (GTK_BOX (box), wrapped_label (_("Content warning:")));
      gtk_box_append (GTK_BOX (box),
                      highlighted_label (sg_audit_item_get_content_warning (item), findings,
                                         SG_AUDIT_PART_CONTENT_WARNING, 0));
    }
  media = sg_audit_item_get_media (item);
  for (guint i = 0; media[i] != NULL; i++)
    if (part_has_findings (findings, SG_AUDIT_PART_MEDIA_DESCRIPTION, i))
      {
        g_autofree char *title = g_strdup_printf (_("Description of picture %u:"), i + 1);

        gtk_box_append (GTK_BOX (box), wrapped_label (title));
        gtk_box_append (GTK_BOX (box),
                        highlighted_label (media[i], findings, SG_AUDIT_PART_MEDIA_DESCRIPTION,
                                           i));
      }

  /* What was found, in the sidebar's words. */
  for (guint i = 0; i < findings->len; i++)
    {
      const SgAuditFinding *f = g_ptr_array_index (findings, i);
      g_autofree char *text = g_strdup_printf ("%s · %s", sg_category_get_title (f->category),
                                               f->message);

      label = wrapped_label (text);
      gtk_widget_add_css_class (label, f->severity == SG_SEVERITY_ERROR
                                       ? "sg-verdict-error" : "sg-verdict-warning");
      gtk_widget_add_css_class (label, "sg-past-finding");
      gtk_box_append (GTK_BOX (box), label);
    }

  self->todo_label = GTK_LABEL (wrapped_label (NULL));
  gtk_label_set_selectable (self->todo_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->todo_label), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->todo_label));

  self->note_label = GTK_LABEL (wrapped_label (NULL));
  gtk_label_set_selectable (self->note_label, TRUE);
  gtk_widget_set_name (GTK_WIDGET (self->note_label), "delete-note");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->note_label));

  /* What to do about it. */
  actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (actions, GTK_ALIGN_END);
  gtk_widget_set_margin_top (actions, 6);

  /* Translators: %s is a platform's name, "X" or "Mastodon". */
  open_label = g_strdup_printf (_("_Open on %s"), platform_name (item));
  open_a11y = g_strdup_printf (_("Open on %s"), platform_name (item));
  self->open_button = action_button (self, open_label, open_a11y, G_CALLBACK (open_clicked_cb));
  gtk_widget_set_visible (self->open_button, sg_audit_item_get_url (item) != NULL);
  gtk_box_append (GTK_BOX (actions), self->open_button);

  self->keep_button = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->keep_button), _("_Keep…"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (self->keep_button), TRUE);
  /* Made when first opened: most rows are never kept, and a popover is the costliest part. */
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->keep_button), create_popup_cb,
                                         self, NULL);
  gtk_widget_set_tooltip_text (self->keep_button, _("Keep it online: you have reviewed it"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->keep_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Keep"), -1);
  gtk_box_append (GTK_BOX (actions), self->keep_button);

  {
    g_autofree char *online_label = g_strdup_printf (_("D_elete from %s…"), platform_name (item));
    g_autofree char *online_a11y = g_strdup_printf (_("Delete from %s"), platform_name (item));

    self->online_button = action_button (self, online_label, online_a11y,
                                         G_CALLBACK (online_clicked_cb));
    gtk_widget_set_tooltip_text (self->online_button,
                                 _("Delete it now with the account you signed in with"));
    gtk_widget_add_css_class (self->online_button, "destructive-action");
    gtk_box_append (GTK_BOX (actions), self->online_button);
  }

  self->delete_button = action_button (self, _("_Delete This One"), _("Delete this one"),
                                       G_CALLBACK (delete_clicked_cb));
  gtk_widget_set_tooltip_text (self->delete_button,
                               _("Put it on your list to delete on the platform"));
  /* Where SocialGuard can delete it itself, that is the destructive button; this one only
   * makes a list. */
  if (!g_str_equal (sg_audit_item_get_platform (item), "mastodon") &&
      !g_str_equal (sg_audit_item_get_platform (item), "bluesky"))
    gtk_widget_add_css_class (self->delete_button, "destructive-action");
  gtk_box_append (GTK_BOX (actions), self->delete_button);

  self->deleted_button = action_button (self, _("_Mark as Deleted"), _("Mark as deleted"),
                                        G_CALLBACK (deleted_clicked_cb));
  gtk_box_append (GTK_BOX (actions), self->deleted_button);

  self->undo_button = action_button (self, _("_Undo Decision"), _("Undo decision"),
                                     G_CALLBACK (undo_clicked_cb));
  gtk_box_append (GTK_BOX (actions), self->undo_button);
  gtk_box_append (GTK_BOX (box), actions);

  gtk_widget_set_parent (box, GTK_WIDGET (self));

  /* A screen reader hears which post this is before the rest of the row. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  meta_text, -1);

  g_signal_connect_object (item, "notify::status", G_CALLBACK (update_status), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (item, "notify::note", G_CALLBACK (update_status), self,
                           G_CONNECT_SWAPPED);
  update_status (self);
  return GTK_WIDGET (self);
}

SgAuditItem *
sg_past_post_row_get_item (SgPastPostRow *self)
{
  g_return_val_if_fail (SG_IS_PAST_POST_ROW (self), NULL);

  return self->item;
}
