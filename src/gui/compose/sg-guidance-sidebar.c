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
};

G_DEFINE_FINAL_TYPE (SgGuidanceSidebar, sg_guidance_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VERDICT,
  N_PROPS
};

/* A row's requests, said again with the row's item, under the same names. */
enum {
  FIX_REQUESTED,
  IGNORE_HERE,
  IGNORE_EVERYWHERE,
  ADD_TO_WATCH_LIST,
  CONSENT_REQUESTED,
  N_SIGNALS
};

static const char * const request_names[N_SIGNALS] = {
  [FIX_REQUESTED] = "fix-requested",
  [IGNORE_HERE] = "ignore-here",
  [IGNORE_EVERYWHERE] = "ignore-everywhere",
  [ADD_TO_WATCH_LIST] = "add-to-watch-list",
  [CONSENT_REQUESTED] = "consent-requested",
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers */

static void
update_verdict (SgGuidanceSidebar *self)
{
  guint n_errors = sg_guidance_sidebar_get_count (self, SG_SEVERITY_ERROR);
  guint n_warnings = sg_guidance_sidebar_get_count (self, SG_SEVERITY_WARNING);
  guint n_info = sg_guidance_sidebar_get_count (self, SG_SEVERITY_INFO);
  g_autofree char *old_verdict = g_steal_pointer (&self->verdict);
  const char *icon, *css;
  g_autofree char *detail = NULL;

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
  if (g_strcmp0 (old_verdict, self->verdict) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERDICT]);
  gtk_label_set_label (self->verdict_label, self->verdict);
  gtk_label_set_label (self->verdict_detail, detail);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->verdict_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->verdict, -1);
}

static const char *
consent_given_on (SgGuidanceSidebar *self)
{
  const SgDraftConsent *consent = sg_consent_bar_get_consent (self->consent_bar);

  return consent != NULL ? consent->given_on : NULL;
}

/* The checker's model is in the order the guidance reads (grouped by principle, the most
 * serious principle first); a heading names the principle above its first row. */
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
row_request_cb (SgFindingRow *row,
                gpointer      data)
{
  GtkWidget *self = gtk_widget_get_ancestor (GTK_WIDGET (row), SG_TYPE_GUIDANCE_SIDEBAR);

  if (self != NULL)
    g_signal_emit (self, signals[GPOINTER_TO_UINT (data)], 0, sg_finding_row_get_item (row));
}

/* A row for each item of the checker's model, made when the item arrives and kept while it
 * stays: re-analysis that finds the same leaves the rows, and the focus, where they are. */
static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  SgGuidanceSidebar *self = user_data;
  SgFindingRow *row = sg_finding_row_new (item);

  sg_finding_row_set_consent (row, consent_given_on (self));
  for (guint i = 0; i < N_SIGNALS; i++)
    g_signal_connect (row, request_names[i], G_CALLBACK (row_request_cb), GUINT_TO_POINTER (i));
  return GTK_WIDGET (row);
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

  for (guint i = 0; i < N_SIGNALS; i++)
    signals[i] = g_signal_new (request_names[i], G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                               NULL, NULL, NULL, G_TYPE_NONE, 1, SG_TYPE_FINDING_ITEM);

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
    g_signal_handlers_disconnect_by_data (self->checker, self);
  self->checker = checker;
  gtk_list_box_bind_model (self->findings_list,
                           checker != NULL ? sg_draft_checker_get_findings (checker) : NULL,
                           checker != NULL ? create_row : NULL, self, NULL);
  if (checker != NULL)
    {
      g_signal_connect_swapped (checker, "notify::n-errors", G_CALLBACK (update_verdict), self);
      g_signal_connect_swapped (checker, "notify::n-warnings", G_CALLBACK (update_verdict), self);
      g_signal_connect_swapped (checker, "notify::n-suggestions", G_CALLBACK (update_verdict),
                                self);
    }
  update_verdict (self);
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
  return self->checker != NULL ? sg_draft_checker_get_count (self->checker, severity) : 0;
}

GPtrArray *
sg_guidance_sidebar_list_findings (SgGuidanceSidebar *self)
{
  GListModel *items;
  GPtrArray *findings;

  g_return_val_if_fail (SG_IS_GUIDANCE_SIDEBAR (self), NULL);

  findings = g_ptr_array_new_with_free_func (g_object_unref);
  if (self->checker == NULL)
    return findings;
  items = sg_draft_checker_get_findings (self->checker);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(SgFindingItem) item = g_list_model_get_item (items, i);

      g_ptr_array_add (findings, g_object_ref (sg_finding_item_get_finding (item)));
    }
  return findings;
}

SgFinding *
sg_guidance_sidebar_get_finding_at (SgGuidanceSidebar *self,
                                    const GtkTextIter *iter)
{
  GListModel *items;

  g_return_val_if_fail (SG_IS_GUIDANCE_SIDEBAR (self), NULL);

  if (self->checker == NULL)
    return NULL;
  items = sg_draft_checker_get_findings (self->checker);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(SgFindingItem) item = g_list_model_get_item (items, i);
      GtkTextIter start, end;

      /* A photo's finding has no place in the text. */
      if (sg_finding_item_get_bounds (item, &start, &end) &&
          (gtk_text_iter_in_range (iter, &start, &end) || gtk_text_iter_equal (iter, &start)))
        return sg_finding_item_get_finding (item);
    }
  return NULL;
}
