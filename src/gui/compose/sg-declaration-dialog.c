/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-declaration-dialog.h"
#include "sg-interest.h"

struct _SgDeclarationDialog
{
  AdwMessageDialog  parent_instance;

  GtkEditable      *wording;
  GtkEditable      *reason;
  GPtrArray        *named;        /* SgInterest*: what the composed declaration named */
};

G_DEFINE_FINAL_TYPE (SgDeclarationDialog, sg_declaration_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* @name in @folded as a whole word: a short other name such as "AZ" must not be found inside
 * "Azure" or "hazard". */
static gboolean
names_word (const char *folded,
            const char *name)
{
  g_autofree char *needle = g_strstrip (g_utf8_casefold (name, -1));
  gsize n = strlen (needle);

  if (n == 0)
    return FALSE;
  for (const char *p = strstr (folded, needle); p != NULL; p = strstr (p + 1, needle))
    {
      gunichar before = p > folded ? g_utf8_get_char (g_utf8_prev_char (p)) : ' ';
      gunichar after = g_utf8_get_char (p + n);

      if (!g_unichar_isalnum (before) && (after == 0 || !g_unichar_isalnum (after)))
        return TRUE;
    }
  return FALSE;
}

char *
sg_declaration_dialog_dup_removed (SgDeclarationDialog *self)
{
  g_autoptr(GString) removed = g_string_new (NULL);
  g_autofree char *folded = NULL;

  g_return_val_if_fail (SG_IS_DECLARATION_DIALOG (self), NULL);

  folded = g_utf8_casefold (gtk_editable_get_text (self->wording), -1);
  for (guint i = 0; self->named != NULL && i < self->named->len; i++)
    {
      const SgInterest *interest = g_ptr_array_index (self->named, i);
      g_autofree char *org = g_utf8_casefold (interest->organisation, -1);
      gboolean named = strstr (folded, org) != NULL;

      /* The register's other names count: a doctor may well write "AZ" for AstraZeneca. */
      for (guint j = 0; !named && interest->aliases != NULL && interest->aliases[j] != NULL; j++)
        named = names_word (folded, interest->aliases[j]);
      if (!named)
        g_string_append_printf (removed, "%s%s", removed->len ? ", " : "", interest->organisation);
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

  g_clear_pointer (&self->named, g_ptr_array_unref);

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
                           GPtrArray          *named)
{
  SgDeclarationDialog *self = g_object_new (SG_TYPE_DECLARATION_DIALOG,
                                            "transient-for", parent,
                                            "modal", TRUE,
                                            NULL);

  self->named = named != NULL ? g_ptr_array_ref (named) : NULL;
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
