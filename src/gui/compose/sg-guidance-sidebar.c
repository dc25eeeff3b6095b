/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-guidance-sidebar.h"

struct _SgGuidanceSidebar
{
  GtkWidget       parent_instance;

  /* Template children, alphabetical */
  SgConsentBar   *consent_bar;
  GtkListBox     *findings_list;
  GtkImage       *verdict_icon;
  GtkLabel       *verdict_detail;
  GtkLabel       *verdict_label;

  SgDraftChecker *checker;       /* unowned: the page's, which lets go of it first */
  char           *verdict;
  guint           counts[3];     /* by SgSeverity, of the findings shown */
  SgSeverity      worst_in_category[SG_N_CATEGORIES]; /* of the findings shown: the order */
};

G_DEFINE_FINAL_TYPE (SgGuidanceSidebar, sg_guidance_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VERDICT,
  N_PROPS
};

enum {
  ROW_ACTION,
  FINDINGS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers */

static void
update_verdict (SgGuidanceSidebar *self)
{
  guint n_errors = self->counts[SG_SEVERITY_ERROR];
  guint n_warnings = self->counts[SG_SEVERITY_WARNING];
  guint n_info = self->counts[SG_SEVERITY_INFO];
  const char *icon, *css;
  g_autofree char *detail = NULL;

  g_free (self->verdict);
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_icon), "sg-verdict-error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_icon), "sg-verdict-warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_icon), "sg-verdict-ready");

  if (n_errors > 0)
    {
      self->verdict = g_strdup (_("Do not post as written"));
      icon = "dialog-error-symbolic";
      css = "sg-verdict-error";
      detail = g_strdup_printf (ngettext ("%u serious problem to fix", "%u serious problems to fix",
                                          n_errors), n_errors);
    }
  else if (n_warnings > 0)
    {
      self->verdict = g_strdup_printf (ngettext ("Review %u item", "Review %u items", n_warnings),
                                       n_warnings);
      icon = "dialog-warning-symbolic";
      css = "sg-verdict-warning";
      detail = g_strdup (_("Check each one before posting"));
    }
  else
    {
      self->verdict = g_strdup (_("Ready to post"));
      icon = "emblem-ok-symbolic";
      css = "sg-verdict-ready";
      detail = n_info > 0
        ? g_strdup_printf (ngettext ("%u suggestion", "%u suggestions", n_info), n_info)
        : g_strdup (_("Checked for confidentiality, boundaries, respect, defamation, anonymity, "
                      "interests, prescribing, advertising, privacy and professionalism"));
    }

  gtk_image_set_from_icon_name (self->verdict_icon, icon);
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_icon), css);
  /* Said first, so that whoever shows the verdict elsewhere (the page's sidebar button) has
   * it before the labels here change. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERDICT]);
  gtk_label_set_label (self->verdict_label, self->verdict);
  gtk_label_set_label (self->verdict_detail, detail);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->verdict_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->verdict, -1);
}

static void
clear_rows (SgGuidanceSidebar *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->findings_list))) != NULL)
    {
      if (SG_IS_FINDING_ROW (child))
        sg_finding_row_detach (SG_FINDING_ROW (child));
      gtk_list_box_remove (self->findings_list, child);
    }
}

static const char *
consent_given_on (SgGuidanceSidebar *self)
{
  const SgDraftConsent *consent = sg_consent_bar_get_consent (self->consent_bar);

  return consent != NULL ? consent->given_on : NULL;
}

/* Grouped by principle, and the principles ordered by the most serious finding each holds, so
 * a "do not post" is never below a warning; within a principle, most serious first, then in
 * text order. */
static int
sort_rows (GtkListBoxRow *a,
           GtkListBoxRow *b,
           gpointer       user_data)
{
  SgGuidanceSidebar *self = user_data;
  SgFinding *x = sg_finding_row_get_finding (SG_FINDING_ROW (a));
  SgFinding *y = sg_finding_row_get_finding (SG_FINDING_ROW (b));
  SgCategory cx = sg_finding_get_category (x);
  SgCategory cy = sg_finding_get_category (y);

  if (cx != cy && self->worst_in_category[cx] != self->worst_in_category[cy])
    return (int) self->worst_in_category[cy] - (int) self->worst_in_category[cx];
  if (cx != cy)
    return (int) cx - (int) cy;
  if (sg_finding_get_severity (x) != sg_finding_get_severity (y))
    return (int) sg_finding_get_severity (y) - (int) sg_finding_get_severity (x);
  return sg_finding_get_start (x) < sg_finding_get_start (y) ? -1 :
         sg_finding_get_start (x) > sg_finding_get_start (y);
}

static void
header_rows (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  SgCategory category = sg_finding_get_category (sg_finding_row_get_finding (SG_FINDING_ROW (row)));
  GtkWidget *header;

  if (before != NULL &&
      sg_finding_get_category (sg_finding_row_get_finding (SG_FINDING_ROW (before))) == category)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = gtk_label_new (sg_category_get_title (category));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "dim-label");
  gtk_widget_set_margin_top (header, 12);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_bottom (header, 2);
  gtk_list_box_row_set_header (row, header);
}

/* Callbacks */

static void
row_action_cb (SgGuidanceSidebar *self,
               const char        *action,
               SgFindingRow      *row)
{
  g_signal_emit (self, signals[ROW_ACTION], 0, action, row);
}

/* Recorded or withdrawn: the findings stay, only what their rows say changes. */
static void
consent_changed_cb (SgGuidanceSidebar *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->findings_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (SG_IS_FINDING_ROW (child))
      sg_finding_row_set_consent (SG_FINDING_ROW (child), consent_given_on (self));
}

/* The checker has a new set of findings, underlined already: a row for each. */
static void
findings_changed_cb (SgGuidanceSidebar *self)
{
  GPtrArray *findings = sg_draft_checker_get_findings (self->checker);
  GtkTextBuffer *buffer = sg_draft_checker_get_buffer (self->checker);

  clear_rows (self);

  /* The order of the principles comes from what is in them; known before the first row goes in,
   * since the list sorts as rows are added. */
  for (guint c = 0; c < SG_N_CATEGORIES; c++)
    self->worst_in_category[c] = SG_SEVERITY_INFO;
  for (guint i = 0; i < findings->len; i++)
    {
      SgFinding *finding = g_ptr_array_index (findings, i);
      SgCategory c = sg_finding_get_category (finding);

      self->worst_in_category[c] = MAX (self->worst_in_category[c],
                                        sg_finding_get_severity (finding));
    }

  for (guint i = 0; i < findings->len; i++)
    {
      SgFinding *finding = g_ptr_array_index (findings, i);
      GtkTextIter start, end;
      SgFindingRow *row;

      if (sg_draft_checker_get_bounds (self->checker, i, &start, &end))
        row = sg_finding_row_new (finding, buffer, &start, &end);
      else
        row = sg_finding_row_new (finding, NULL, NULL, NULL);
      sg_finding_row_set_consent (row, consent_given_on (self));
      g_signal_connect_object (row, "action", G_CALLBACK (row_action_cb), self, G_CONNECT_SWAPPED);
      gtk_list_box_append (self->findings_list, GTK_WIDGET (row));
    }

  for (guint s = 0; s < G_N_ELEMENTS (self->counts); s++)
    self->counts[s] = sg_draft_checker_get_count (self->checker, s);
  update_verdict (self);
  g_signal_emit (self, signals[FINDINGS_CHANGED], 0);
}

/* GObject */

static void
sg_guidance_sidebar_dispose (GObject *object)
{
  SgGuidanceSidebar *self = SG_GUIDANCE_SIDEBAR (object);

  sg_guidance_sidebar_set_checker (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_GUIDANCE_SIDEBAR);
  /* The verdict, the separator and the list's scrolled window are not bound: dispose_template
   * leaves them. */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }

  G_OBJECT_CLASS (sg_guidance_sidebar_parent_class)->dispose (object);
}

static void
sg_guidance_sidebar_finalize (GObject *object)
{
  SgGuidanceSidebar *self = SG_GUIDANCE_SIDEBAR (object);

  g_free (self->verdict);

  G_OBJECT_CLASS (sg_guidance_sidebar_parent_class)->finalize (object);
}

static void
sg_guidance_sidebar_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  SgGuidanceSidebar *self = SG_GUIDANCE_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_VERDICT:
      g_value_set_string (value, self->verdict);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_guidance_sidebar_class_init (SgGuidanceSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_guidance_sidebar_dispose;
  object_class->finalize = sg_guidance_sidebar_finalize;
  object_class->get_property = sg_guidance_sidebar_get_property;

  properties[PROP_VERDICT] =
    g_param_spec_string ("verdict", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ROW_ACTION] =
    g_signal_new ("row-action", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, SG_TYPE_FINDING_ROW);
  signals[FINDINGS_CHANGED] =
    g_signal_new ("findings-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/SocialGuard/ui/sg-guidance-sidebar.ui");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  g_type_ensure (SG_TYPE_CONSENT_BAR);
  gtk_widget_class_bind_template_child (widget_class, SgGuidanceSidebar, consent_bar);
  gtk_widget_class_bind_template_child (widget_class, SgGuidanceSidebar, findings_list);
  gtk_widget_class_bind_template_child (widget_class, SgGuidanceSidebar, verdict_detail);
  gtk_widget_class_bind_template_child (widget_class, SgGuidanceSidebar, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, SgGuidanceSidebar, verdict_label);
}

static void
sg_guidance_sidebar_init (SgGuidanceSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->consent_bar, "notify::consent",
                           G_CALLBACK (consent_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_list_box_set_sort_func (self->findings_list, sort_rows, self, NULL);
  gtk_list_box_set_header_func (self->findings_list, header_rows, NULL, NULL);
  update_verdict (self);
}

/* Public API */

void
sg_guidance_sidebar_set_checker (SgGuidanceSidebar *self,
                                 SgDraftChecker    *checker)
{
  g_return_if_fail (SG_IS_GUIDANCE_SIDEBAR (self));
  g_return_if_fail (checker == NULL || SG_IS_DRAFT_CHECKER (checker));

  if (self->checker != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->checker, self);
      clear_rows (self);
    }
  self->checker = checker;
  if (checker != NULL)
    g_signal_connect_swapped (checker, "findings-changed", G_CALLBACK (findings_changed_cb), self);
}

GtkListBox *
sg_guidance_sidebar_get_list (SgGuidanceSidebar *self)
{
  g_return_val_if_fail (SG_IS_GUIDANCE_SIDEBAR (self), NULL);
  return self->findings_list;
}

SgConsentBar *
sg_guidance_sidebar_get_consent_bar (SgGuidanceSidebar *self)
{
  g_return_val_if_fail (SG_IS_GUIDANCE_SIDEBAR (self), NULL);
  return self->consent_bar;
}

const char *
sg_guidance_sidebar_get_verdict (SgGuidanceSidebar *self)
{
  g_return_val_if_fail (SG_IS_GUIDANCE_SIDEBAR (self), NULL);
  return self->verdict;
}

guint
sg_guidance_sidebar_get_count (SgGuidanceSidebar *self,
                               SgSeverity         severity)
{
  g_return_val_if_fail (SG_IS_GUIDANCE_SIDEBAR (self), 0);
  g_return_val_if_fail (severity < G_N_ELEMENTS (self->counts), 0);
  return self->counts[severity];
}

GPtrArray *
sg_guidance_sidebar_list_findings (SgGuidanceSidebar *self)
{
  GPtrArray *findings;

  g_return_val_if_fail (SG_IS_GUIDANCE_SIDEBAR (self), NULL);

  findings = g_ptr_array_new ();
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->findings_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (SG_IS_FINDING_ROW (child))
      g_ptr_array_add (findings, sg_finding_row_get_finding (SG_FINDING_ROW (child)));
  return findings;
}

SgFinding *
sg_guidance_sidebar_get_finding_at (SgGuidanceSidebar *self,
                                    const GtkTextIter *iter)
{
  g_return_val_if_fail (SG_IS_GUIDANCE_SIDEBAR (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->findings_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkTextIter start, end;

      /* A photo's finding has no place in the text. */
      if (!SG_IS_FINDING_ROW (child) ||
          sg_finding_get_attachment (sg_finding_row_get_finding (SG_FINDING_ROW (child))) >= 0)
        continue;
      sg_finding_row_get_bounds (SG_FINDING_ROW (child), &start, &end);
      if (gtk_text_iter_in_range (iter, &start, &end) || gtk_text_iter_equal (iter, &start))
        return sg_finding_row_get_finding (SG_FINDING_ROW (child));
    }
  return NULL;
}
