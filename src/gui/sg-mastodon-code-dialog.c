/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-mastodon-code-dialog.h"

struct _SgMastodonCodeDialog
{
  AdwMessageDialog  parent_instance;

  GtkEditable      *code;
  GtkLinkButton    *link;

  SgMastodonApp    *app;
  char             *authorize_url;
};

G_DEFINE_FINAL_TYPE (SgMastodonCodeDialog, sg_mastodon_code_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* Callbacks */

static void
code_changed_cb (SgMastodonCodeDialog *self)
{
  g_autofree char *code = g_strstrip (g_strdup (gtk_editable_get_text (self->code)));

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "sign-in", *code != '\0');
}

/* GObject */

static void
sg_mastodon_code_dialog_finalize (GObject *object)
{
  SgMastodonCodeDialog *self = SG_MASTODON_CODE_DIALOG (object);

  g_clear_pointer (&self->app, sg_mastodon_app_free);
  g_free (self->authorize_url);

  G_OBJECT_CLASS (sg_mastodon_code_dialog_parent_class)->finalize (object);
}

static void
sg_mastodon_code_dialog_class_init (SgMastodonCodeDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sg_mastodon_code_dialog_finalize;
}

static void
sg_mastodon_code_dialog_init (SgMastodonCodeDialog *self)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *link = gtk_link_button_new_with_label ("", _("Open the sign-in page again"));

  self->code = GTK_EDITABLE (entry);
  self->link = GTK_LINK_BUTTON (link);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Authorisation code"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Authorisation code"), -1);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), link);

  adw_message_dialog_set_heading (dialog, _("Paste the Code"));
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "sign-in", _("_Sign In"));
  adw_message_dialog_set_response_appearance (dialog, "sign-in", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "sign-in");
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_response_enabled (dialog, "sign-in", FALSE);
  g_signal_connect_object (entry, "changed", G_CALLBACK (code_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/* Public API */

SgMastodonCodeDialog *
sg_mastodon_code_dialog_new (GtkWindow     *parent,
                             SgMastodonApp *app)
{
  SgMastodonCodeDialog *self;
  g_autofree char *body = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (app != NULL, NULL);

  /* As adw_message_dialog_new() would make it. */
  self = g_object_new (SG_TYPE_MASTODON_CODE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->app = app;
  self->authorize_url = sg_mastodon_auth_get_authorize_url (app);
  body = g_strdup_printf (_("Your browser shows %s’s own sign-in page. Sign in there, allow "
                            "SocialGuard to post for you, then copy the code the page shows and "
                            "paste it here."), app->instance);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  gtk_link_button_set_uri (self->link, self->authorize_url);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->link), self->authorize_url);
  return self;
}

const SgMastodonApp *
sg_mastodon_code_dialog_get_app (SgMastodonCodeDialog *self)
{
  g_return_val_if_fail (SG_IS_MASTODON_CODE_DIALOG (self), NULL);
  return self->app;
}

const char *
sg_mastodon_code_dialog_get_authorize_url (SgMastodonCodeDialog *self)
{
  g_return_val_if_fail (SG_IS_MASTODON_CODE_DIALOG (self), NULL);
  return self->authorize_url;
}

const char *
sg_mastodon_code_dialog_get_code (SgMastodonCodeDialog *self)
{
  g_return_val_if_fail (SG_IS_MASTODON_CODE_DIALOG (self), NULL);
  return gtk_editable_get_text (self->code);
}
