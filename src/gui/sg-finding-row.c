/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-finding-row.h"

#include "sg-draft-consent.h"

struct _SgFindingRow
{
  GtkListBoxRow  parent_instance;

  /* Template children, alphabetical */
  GtkLabel      *citation_label;
  GtkButton     *consent_button;
  GtkLabel      *consent_label;
  GtkLabel      *explanation_label;
  GtkButton     *fix_button;
  GtkLabel      *match_label;
  GtkLabel      *message_label;
  GtkImage      *severity_icon;
  GtkLabel      *title_label;

  SgFindingItem *item;
};

G_DEFINE_FINAL_TYPE (SgFindingRow, sg_finding_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  FIX_REQUESTED,
  IGNORE_HERE,
  IGNORE_EVERYWHERE,
  ADD_TO_WATCH_LIST,
  CONSENT_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The row's actions (its buttons and menu, and tests) and the signal each one raises. */
static const struct {
  const char *action;
  guint       signal;
} requests[] = {
  { "finding.apply-fix", FIX_REQUESTED },
  { "finding.ignore-here", IGNORE_HERE },
  { "finding.ignore-rule", IGNORE_EVERYWHERE },
  { "finding.add-to-watch-list", ADD_TO_WATCH_LIST },
  { "finding.record-consent", CONSENT_REQUESTED },
};

/* The page owns the buffer, the store and the settings, so the row only says what was asked. */
static void
request_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    if (g_str_equal (action_name, requests[i].action))
      g_signal_emit (widget, signals[requests[i].signal], 0);
}

static const char *
severity_icon_name (SgSeverity severity)
{
  switch (severity)
    {
    case SG_SEVERITY_ERROR:
      return "dialog-error-symbolic";
    case SG_SEVERITY_WARNING:
      return "dialog-warning-symbolic";
    case SG_SEVERITY_INFO:
    default:
      return "dialog-information-symbolic";
    }
}

static const char *
severity_label (SgSeverity severity)
{
  switch (severity)
    {
    case SG_SEVERITY_ERROR:
      /* Translators: the severity of a finding, read out by screen readers. */
      return _("Do not post as written");
    case SG_SEVERITY_WARNING:
      return _("Review before posting");
    case SG_SEVERITY_INFO:
    default:
      return _("Suggestion");
    }
}

static char *
format_citations (SgFinding *finding)
{
  GArray *citations = sg_finding_get_citations (finding);
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < citations->len; i++)
    {
      const SgCitation *c = &g_array_index (citations, SgCitation, i);
      gboolean numbered = g_ascii_isdigit (c->paragraph[0]);

      if (i > 0)
        g_string_append (s, " · ");
      /* "GMC 2024 ¶19", "BMA: Defamation" */
      g_string_append_printf (s, numbered ? "%s ¶%s" : "%s: %s", c->title, c->paragraph);
    }

  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
sg_finding_row_dispose (GObject *object)
{
  SgFindingRow *self = SG_FINDING_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_FINDING_ROW);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (sg_finding_row_parent_class)->dispose (object);
}

static void
sg_finding_row_class_init (SgFindingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_finding_row_dispose;

  signals[FIX_REQUESTED] =
    g_signal_new ("fix-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[IGNORE_HERE] =
    g_signal_new ("ignore-here", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[IGNORE_EVERYWHERE] =
    g_signal_new ("ignore-everywhere", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[ADD_TO_WATCH_LIST] =
    g_signal_new ("add-to-watch-list", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CONSENT_REQUESTED] =
    g_signal_new ("consent-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    gtk_widget_class_install_action (widget_class, requests[i].action, NULL, request_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/SocialGuard/ui/sg-finding-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SgFindingRow, citation_label);
  gtk_widget_class_bind_template_child (widget_class, SgFindingRow, consent_button);
  gtk_widget_class_bind_template_child (widget_class, SgFindingRow, consent_label);
  gtk_widget_class_bind_template_child (widget_class, SgFindingRow, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, SgFindingRow, fix_button);
  gtk_widget_class_bind_template_child (widget_class, SgFindingRow, match_label);
  gtk_widget_class_bind_template_child (widget_class, SgFindingRow, message_label);
  gtk_widget_class_bind_template_child (widget_class, SgFindingRow, severity_icon);
  gtk_widget_class_bind_template_child (widget_class, SgFindingRow, title_label);
}

static void
sg_finding_row_init (SgFindingRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

SgFindingRow *
sg_finding_row_new (SgFindingItem *item)
{
  SgFindingRow *self;
  SgFinding *finding;
  g_autofree char *citations = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *accessible = NULL;
  GArray *fixes;

  g_return_val_if_fail (SG_IS_FINDING_ITEM (item), NULL);

  self = g_object_new (SG_TYPE_FINDING_ROW, NULL);
  self->item = g_object_ref (item);
  /* The checker keeps the item only while each newer analysis says the same, so what is
   * written here stays true. */
  finding = sg_finding_item_get_finding (item);

  if (sg_finding_get_attachment (finding) >= 0 &&
      sg_finding_get_start (finding) == sg_finding_get_end (finding))
    /* Translators: the first is the photo's number, the second its file name. */
    quoted = g_strdup_printf (_("Photo %d, “%s”"), sg_finding_get_attachment (finding) + 1,
                              sg_finding_get_match (finding));
  else if (sg_finding_get_attachment (finding) >= 0)
    quoted = g_strdup_printf (_("In the description of photo %d: “%s”"),
                              sg_finding_get_attachment (finding) + 1,
                              sg_finding_get_match (finding));
  else
    /* Translators: the matched text, quoted. */
    quoted = g_strdup_printf (_("“%s”"), sg_finding_get_match (finding));
  citations = format_citations (finding);

  gtk_image_set_from_icon_name (self->severity_icon,
                                severity_icon_name (sg_finding_get_severity (finding)));
  gtk_widget_add_css_class (GTK_WIDGET (self->severity_icon),
                            sg_severity_to_string (sg_finding_get_severity (finding)));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->severity_icon),
                               severity_label (sg_finding_get_severity (finding)));
  gtk_label_set_label (self->title_label, sg_finding_get_title (finding));
  gtk_label_set_label (self->match_label, quoted);
  gtk_label_set_label (self->message_label, sg_finding_get_message (finding));
  gtk_label_set_label (self->citation_label, citations);
  gtk_label_set_label (self->explanation_label, sg_finding_get_explanation (finding));

  fixes = sg_finding_get_fixes (finding);
  gtk_widget_set_visible (GTK_WIDGET (self->fix_button), FALSE);
  for (guint i = 0; i < fixes->len; i++)
    {
      const SgFix *fix = &g_array_index (fixes, SgFix, i);

      /* A fix that edits the text or cleans a photo gets a button; advice is in the
       * explanation. */
      if (fix->replacement != NULL || g_str_equal (fix->kind, "clean-photo"))
        {
          gtk_button_set_label (self->fix_button, fix->label);
          gtk_widget_set_visible (GTK_WIDGET (self->fix_button), TRUE);
          break;
        }
    }

  /* Screen readers and tests read the row as "severity: title: match". */
  accessible = g_strdup_printf ("%s: %s: %s", severity_label (sg_finding_get_severity (finding)),
                                sg_finding_get_title (finding),
                                sg_finding_get_attachment (finding) >= 0
                                ? quoted : sg_finding_get_match (finding));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  sg_finding_get_message (finding), -1);
  sg_finding_row_set_consent (self, NULL);

  return self;
}

void
sg_finding_row_set_consent (SgFindingRow *self,
                            const char   *given_on)
{
  g_autofree char *note = NULL;
  g_autofree char *description = NULL;
  SgFinding *finding;

  g_return_if_fail (SG_IS_FINDING_ROW (self));

  finding = sg_finding_item_get_finding (self->item);
  /* Only what could identify a patient is answered by their consent (GMC Confidentiality
   * 2017; Using social media ¶20): it does not excuse a rude or misleading post. A suggestion
   * needs no answer, and photos' own findings (location, owner) are about the file, not the
   * patient's story. */
  if (sg_finding_get_category (finding) != SG_CATEGORY_CONFIDENTIALITY ||
      sg_finding_get_severity (finding) < SG_SEVERITY_WARNING ||
      (sg_finding_get_attachment (finding) >= 0 &&
       sg_finding_get_start (finding) == sg_finding_get_end (finding)))
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->consent_button), given_on == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->consent_label), given_on != NULL);
  if (given_on != NULL)
    {
      g_autofree char *date = sg_consent_format_date (given_on);

      /* Translators: the patient's consent; the finding is still shown. */
      note = g_strdup_printf (_("Consent recorded on %s: check you share only what they agreed "
                                "to"), date);
      gtk_label_set_label (self->consent_label, note);
    }
  description = note != NULL
                ? g_strdup_printf ("%s %s.", sg_finding_get_message (finding), note)
                : g_strdup (sg_finding_get_message (finding));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description, -1);
}

/* The first fix that edits the text or cleans a photo, or NULL. */
const SgFix *
sg_finding_row_get_text_fix (SgFindingRow *self)
{
  g_return_val_if_fail (SG_IS_FINDING_ROW (self), NULL);
  return sg_finding_item_get_text_fix (self->item);
}

SgFindingItem *
sg_finding_row_get_item (SgFindingRow *self)
{
  g_return_val_if_fail (SG_IS_FINDING_ROW (self), NULL);
  return self->item;
}

SgFinding *
sg_finding_row_get_finding (SgFindingRow *self)
{
  g_return_val_if_fail (SG_IS_FINDING_ROW (self), NULL);
  return sg_finding_item_get_finding (self->item);
}
