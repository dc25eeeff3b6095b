/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-add-account-dialog.h"
#include "sg-privacy-page-private.h"

struct _SgAddAccountDialog
{
  AdwMessageDialog  parent_instance;

  /* template children */
  GtkEditable      *handle;
  AdwComboRow      *kind;
  AdwComboRow      *platform;
};

G_DEFINE_FINAL_TYPE (SgAddAccountDialog, sg_add_account_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* Callbacks */

/* An account is known by its handle: Add waits for one that is more than spaces. */
static void
handle_changed_cb (SgAddAccountDialog *self)
{
  g_autofree char *s = g_strstrip (g_strdup (gtk_editable_get_text (self->handle)));

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "add", *s != '\0');
}

/* GObject */

static void
sg_add_account_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SG_TYPE_ADD_ACCOUNT_DIALOG);

  G_OBJECT_CLASS (sg_add_account_dialog_parent_class)->dispose (object);
}

static void
sg_add_account_dialog_class_init (SgAddAccountDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_add_account_dialog_dispose;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/example/SocialGuard/ui/sg-add-account-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SgAddAccountDialog, handle);
  gtk_widget_class_bind_template_child (widget_class, SgAddAccountDialog, kind);
  gtk_widget_class_bind_template_child (widget_class, SgAddAccountDialog, platform);
  gtk_widget_class_bind_template_callback (widget_class, handle_changed_cb);
}

static void
sg_add_account_dialog_init (SgAddAccountDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The platforms come from the table the page names accounts by, in its order. */
  for (guint i = 0; sg_privacy_platform_names[i] != NULL; i++)
    gtk_string_list_append (names, _(sg_privacy_platform_names[i]));
  adw_combo_row_set_model (self->platform, G_LIST_MODEL (names));
  handle_changed_cb (self);
}

/* Public API */

SgAddAccountDialog *
sg_add_account_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  /* As adw_message_dialog_new() would make it. */
  return g_object_new (SG_TYPE_ADD_ACCOUNT_DIALOG, "transient-for", parent, NULL);
}

const char *
sg_add_account_dialog_get_platform (SgAddAccountDialog *self)
{
  g_return_val_if_fail (SG_IS_ADD_ACCOUNT_DIALOG (self), NULL);
  return sg_privacy_platform_ids[adw_combo_row_get_selected (self->platform)];
}

const char *
sg_add_account_dialog_get_handle (SgAddAccountDialog *self)
{
  g_return_val_if_fail (SG_IS_ADD_ACCOUNT_DIALOG (self), NULL);
  return gtk_editable_get_text (self->handle);
}

const char *
sg_add_account_dialog_get_kind (SgAddAccountDialog *self)
{
  g_return_val_if_fail (SG_IS_ADD_ACCOUNT_DIALOG (self), NULL);
  return adw_combo_row_get_selected (self->kind) == 0 ? "personal" : "professional";
}
