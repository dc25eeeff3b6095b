/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-declaration-dialog.h"

struct _SgDeclarationDialog
{
  AdwMessageDialog  parent_instance;

  GtkEditable      *wording;
  GtkEditable      *reason;
  GStrv             named_orgs;   /* what the composed declaration named */
};

G_DEFINE_FINAL_TYPE (SgDeclarationDialog, sg_declaration_dialog, ADW_TYPE_MESSAGE_DIALOG)

char *
sg_declaration_dialog_dup_removed (SgDeclarationDialog *self)
{
  g_autoptr(GString) removed = g_string_new (NULL);
  g_autofree char *folded = NULL;

  g_return_val_if_fail (SG_IS_DECLARATION_DIALOG (self), NULL);

  folded = g_utf8_casefold (gtk_editable_get_text (self->wording), -1);
  for (guint i = 0; self->named_orgs != NULL && self->named_orgs[i] != NULL; i++)
    {
      g_autofree char *org = g_utf8_casefold (self->named_orgs[i], -1);

      if (strstr (folded, org) == NULL)
        g_string_append_printf (removed, "%s%s", removed->len ? ", " : "", self->named_orgs[i]);
    }
  return g_string_free (g_steal_pointer (&removed), FALSE);
}

/* Dropping an interest the post names needs a reason. */
static void
form_changed_cb (SgDeclarationDialog *self)
{
  g_autofree char *removed = sg_declaration_dialog_dup_removed (self);
  g_autofree char *why = g_strstrip (g_strdup (gtk_editable_get_text (self->reason)));

  gtk_widget_set_visible (GTK_WIDGET (self->reason), *removed != '\0');
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "save",
                                           *removed == '\0' || *why != '\0');
}

static void
sg_declaration_dialog_finalize (GObject *object)
{
  SgDeclarationDialog *self = SG_DECLARATION_DIALOG (object);

  g_strfreev (self->named_orgs);

  G_OBJECT_CLASS (sg_declaration_dialog_parent_class)->finalize (object);
}

static void
sg_declaration_dialog_class_init (SgDeclarationDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sg_declaration_dialog_finalize;
}

static void
sg_declaration_dialog_init (SgDeclarationDialog *self)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *wording = adw_entry_row_new ();
  GtkWidget *reason = adw_entry_row_new ();

  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (wording), _("Declaration"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (reason),
                                 _("Why leave out an interest this post names?"));
  gtk_list_box_append (GTK_LIST_BOX (list), wording);
  gtk_list_box_append (GTK_LIST_BOX (list), reason);
  self->wording = GTK_EDITABLE (wording);
  self->reason = GTK_EDITABLE (reason);

  adw_message_dialog_set_heading (dialog, _("Edit Declaration"));
  adw_message_dialog_set_body (dialog,
    _("Change the wording for this post only. Leaving out an interest the post names needs a "
      "reason, which is kept with the post."));
  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "reset", _("_Use the Register’s Wording"));
  adw_message_dialog_add_response (dialog, "save", _("_Save"));
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (wording, "changed", G_CALLBACK (form_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (reason, "changed", G_CALLBACK (form_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

SgDeclarationDialog *
sg_declaration_dialog_new (GtkWindow          *parent,
                           const char         *declaration,
                           const char * const *named_orgs)
{
  SgDeclarationDialog *self = g_object_new (SG_TYPE_DECLARATION_DIALOG,
                                            "transient-for", parent,
                                            "modal", TRUE,
                                            NULL);

  self->named_orgs = g_strdupv ((char **) named_orgs);
  gtk_editable_set_text (self->wording, declaration != NULL ? declaration : "");
  form_changed_cb (self);
  return self;
}

GtkEditable *
sg_declaration_dialog_get_wording (SgDeclarationDialog *self)
{
  g_return_val_if_fail (SG_IS_DECLARATION_DIALOG (self), NULL);
  return self->wording;
}

GtkEditable *
sg_declaration_dialog_get_reason (SgDeclarationDialog *self)
{
  g_return_val_if_fail (SG_IS_DECLARATION_DIALOG (self), NULL);
  return self->reason;
}
