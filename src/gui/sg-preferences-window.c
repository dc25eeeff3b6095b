/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-context.h"
#include "sg-posting-accounts.h"
#include "sg-preferences-window.h"
#include "sg-spell-checker.h"

struct _SgPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template children, alphabetical */
  GtkSwitch            *declare_all_switch;
  GtkSwitch            *declare_nothing_switch;
  GtkAdjustment        *declaration_window_adjustment;
  GtkEntry             *declarations_url_entry;
  GtkListBox           *ignored_rules_list;
  AdwComboRow          *platform_row;
  AdwComboRow          *role_row;
  AdwComboRow          *language_row;
  GtkSwitch            *reminders_switch;
  GtkAdjustment        *review_interval_adjustment;

  GSettings            *settings;
  SgContext            *context;
  char                **spell_languages;  /* the rows of the spelling language choice */
  GtkWidget            *spell_problem_row;
  GtkWidget            *spell_language_row;
};

G_DEFINE_FINAL_TYPE (SgPreferencesWindow, sg_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* In the order of the rows in the template's string list; the ids are the platform contract
 * of DESIGN.md. */
static const char * const platform_ids[] = {
  "x", "mastodon", "bluesky", "threads", "linkedin", "facebook", "instagram", "tiktok",
  "blog", "whatsapp", "forum",
};

static gboolean
platform_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  const char *id = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (platform_ids); i++)
    if (g_strcmp0 (id, platform_ids[i]) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
platform_set_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  if (i >= G_N_ELEMENTS (platform_ids))
    return NULL;

  return g_variant_new_string (platform_ids[i]);
}

/* In the order of the language row. */
static const char * const post_languages[] = { "en", "cy", "ga", "gd", "" };

static gboolean
language_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  const char *code = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (post_languages); i++)
    if (g_str_equal (code, post_languages[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
language_set_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  return i < G_N_ELEMENTS (post_languages) ? g_variant_new_string (post_languages[i]) : NULL;
}

static gboolean
role_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  SgRole role = SG_ROLE_DOCTOR;

  sg_role_from_string (g_variant_get_string (variant, NULL), &role);
  g_value_set_uint (value, role);
  return TRUE;
}

static GVariant *
role_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  if (i >= SG_N_ROLES)
    return NULL;
  return g_variant_new_string (sg_role_to_string (i));
}

/* Each Restore button names its rule as the action's target. */
static void
restore_rule_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SgPreferencesWindow *self = SG_PREFERENCES_WINDOW (widget);
  const char *rule_id = g_variant_get_string (parameter, NULL);
  g_auto(GStrv) ignored = g_settings_get_strv (self->settings, "ignored-rules");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) kept = NULL;

  for (guint i = 0; ignored[i] != NULL; i++)
    if (g_strcmp0 (ignored[i], rule_id) != 0)
      g_strv_builder_add (builder, ignored[i]);
  kept = g_strv_builder_end (builder);

  g_settings_set_strv (self->settings, "ignored-rules", (const char * const *) kept);
}

/* Few rows, rebuilt whole on each change: simpler than a model and just as fast here. */
static void
ignored_rules_changed_cb (SgPreferencesWindow *self)
{
  g_auto(GStrv) ignored = g_settings_get_strv (self->settings, "ignored-rules");
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->ignored_rules_list))) != NULL)
    gtk_list_box_remove (self->ignored_rules_list, child);

  if (ignored[0] == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No rules are ignored"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("“Ignore this rule” in the guidance sidebar hides a rule "
                                     "everywhere; it will be listed here."));
      gtk_list_box_append (self->ignored_rules_list, row);
      return;
    }

  for (guint i = 0; ignored[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore"));
      SgAnalyzer *analyzer = sg_context_get_analyzer (self->context);
      const SgRule *rule = analyzer != NULL
                           ? sg_rule_pack_find_rule (sg_analyzer_get_pack (analyzer), ignored[i])
                           : NULL;

      /* The rule's title reads better than its id; the id stays as the subtitle. */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     rule != NULL ? sg_rule_get_title (rule) : ignored[i]);
      if (rule != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), ignored[i]);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "preferences.restore-rule");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", ignored[i]);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Restore rule"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->ignored_rules_list, row);
    }
}

/* Spelling: the languages are what enchant has (plus the chosen one, even when missing, so
 * the choice shows what is set and the line below says why nothing is checked). */
static gboolean
spell_language_get_mapping (GValue   *value,
                            GVariant *variant,
                            gpointer  user_data)
{
  SgPreferencesWindow *self = user_data;
  const char *code = g_variant_get_string (variant, NULL);

  for (guint i = 0; self->spell_languages[i] != NULL; i++)
    if (g_strcmp0 (code, self->spell_languages[i]) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
spell_language_set_mapping (const GValue       *value,
                            const GVariantType *expected_type,
                            gpointer            user_data)
{
  SgPreferencesWindow *self = user_data;
  guint i = g_value_get_uint (value);

  if (i >= g_strv_length (self->spell_languages))
    return NULL;
  return g_variant_new_string (self->spell_languages[i]);
}

static void
spell_settings_changed_cb (SgPreferencesWindow *self)
{
  g_autofree char *language = g_settings_get_string (self->settings, "spell-language");
  g_autofree char *problem = NULL;

  if (g_settings_get_boolean (self->settings, "spell-check"))
    problem = sg_spell_checker_missing_message (language);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->spell_problem_row),
                               problem != NULL ? problem : "");
  gtk_widget_set_visible (self->spell_problem_row, problem != NULL);
}

static void
add_spelling_group (SgPreferencesWindow *self)
{
  AdwPreferencesPage *page =
    adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (self));
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *check_row = adw_action_row_new ();
  GtkWidget *check_switch = gtk_switch_new ();
  GtkWidget *language_row = self->spell_language_row = adw_combo_row_new ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *chosen = g_settings_get_string (self->settings, "spell-language");
  g_auto(GStrv) available = sg_spell_checker_list_languages ();
  g_autoptr(GStrvBuilder) languages = g_strv_builder_new ();

  if (!g_strv_contains ((const char * const *) available, chosen))
    g_strv_builder_add (languages, chosen);
  g_strv_builder_addv (languages, (const char **) available);
  self->spell_languages = g_strv_builder_end (languages);
  for (guint i = 0; self->spell_languages[i] != NULL; i++)
    {
      g_autofree char *name = sg_spell_checker_describe_language (self->spell_languages[i]);
      g_autofree char *shown = g_strcmp0 (name, self->spell_languages[i]) == 0
                               ? g_strdup (name)
                               : g_strdup_printf ("%s (%s)", name, self->spell_languages[i]);
      gtk_string_list_append (names, shown);
    }

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Spelling"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (check_row), _("Check Spelling"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (check_row),
                               _("Misspelt words in drafts are marked with purple dots on a "
                                 "light purple background. Clinical words and abbreviations "
                                 "are known."));
  gtk_widget_set_valign (check_switch, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check_switch), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Check Spelling"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (check_row), check_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (check_row), check_switch);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), check_row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (language_row), _("Spelling Language"));
  adw_combo_row_set_model (ADW_COMBO_ROW (language_row), G_LIST_MODEL (names));
  gtk_accessible_update_property (GTK_ACCESSIBLE (language_row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Spelling Language"), -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), language_row);

  self->spell_problem_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->spell_problem_row),
                                 _("Spelling is not checked"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->spell_problem_row);
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (group));

  g_settings_bind (self->settings, "spell-check", check_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "spell-check", language_row, "sensitive",
                   G_SETTINGS_BIND_GET);
  g_settings_bind_with_mapping (self->settings, "spell-language", language_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, spell_language_get_mapping,
                                spell_language_set_mapping, self, NULL);
  g_signal_connect_object (self->settings, "changed::spell-check",
                           G_CALLBACK (spell_settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::spell-language",
                           G_CALLBACK (spell_settings_changed_cb), self, G_CONNECT_SWAPPED);
  spell_settings_changed_cb (self);
}

static void
sg_preferences_window_constructed (GObject *object)
{
  SgPreferencesWindow *self = SG_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (sg_preferences_window_parent_class)->constructed (object);

  g_settings_bind_with_mapping (self->settings, "default-platform",
                                self->platform_row, "selected", G_SETTINGS_BIND_DEFAULT,
                                platform_get_mapping, platform_set_mapping, NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "my-role",
                                self->role_row, "selected", G_SETTINGS_BIND_DEFAULT,
                                role_get_mapping, role_set_mapping, NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "post-language",
                                self->language_row, "selected", G_SETTINGS_BIND_DEFAULT,
                                language_get_mapping, language_set_mapping, NULL, NULL);
  g_settings_bind (self->settings, "review-interval-days",
                   self->review_interval_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "reminders-enabled",
                   self->reminders_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "declaration-window-months",
                   self->declaration_window_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "declare-all-active",
                   self->declare_all_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "declare-nothing",
                   self->declare_nothing_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "declarations-page-url",
                   self->declarations_url_entry, "text", G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (self->settings, "changed::ignored-rules",
                           G_CALLBACK (ignored_rules_changed_cb), self, G_CONNECT_SWAPPED);
  ignored_rules_changed_cb (self);
  add_spelling_group (self);

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              sg_posting_accounts_page_new (self->settings));
}

static void
sg_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  SgPreferencesWindow *self = SG_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      self->settings = g_object_ref (sg_context_get_settings (self->context));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_preferences_window_dispose (GObject *object)
{
  SgPreferencesWindow *self = SG_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);
  /* The row can outlive the window; its settings mapping reads the list. */
  if (self->spell_language_row != NULL)
    g_settings_unbind (self->spell_language_row, "selected");
  self->spell_language_row = NULL;
  g_clear_pointer (&self->spell_languages, g_strfreev);

  G_OBJECT_CLASS (sg_preferences_window_parent_class)->dispose (object);
}

static void
sg_preferences_window_class_init (SgPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sg_preferences_window_constructed;
  object_class->dispose = sg_preferences_window_dispose;
  object_class->set_property = sg_preferences_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SG_TYPE_CONTEXT,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "preferences.restore-rule", "s",
                                   restore_rule_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/SocialGuard/ui/sg-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SgPreferencesWindow, declare_all_switch);
  gtk_widget_class_bind_template_child (widget_class, SgPreferencesWindow, declare_nothing_switch);
  gtk_widget_class_bind_template_child (widget_class, SgPreferencesWindow,
                                        declaration_window_adjustment);
  gtk_widget_class_bind_template_child (widget_class, SgPreferencesWindow,
                                        declarations_url_entry);
  gtk_widget_class_bind_template_child (widget_class, SgPreferencesWindow, ignored_rules_list);
  gtk_widget_class_bind_template_child (widget_class, SgPreferencesWindow, platform_row);
  gtk_widget_class_bind_template_child (widget_class, SgPreferencesWindow, role_row);
  gtk_widget_class_bind_template_child (widget_class, SgPreferencesWindow, language_row);
  gtk_widget_class_bind_template_child (widget_class, SgPreferencesWindow, reminders_switch);
  gtk_widget_class_bind_template_child (widget_class, SgPreferencesWindow,
                                        review_interval_adjustment);
}

static void
sg_preferences_window_init (SgPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

SgPreferencesWindow *
sg_preferences_window_new (GtkWindow *parent,
                           SgContext *context)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SG_IS_CONTEXT (context), NULL);

  return g_object_new (SG_TYPE_PREFERENCES_WINDOW,
                       "context", context,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
}
