/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-guidance-window.h"

struct _SgGuidanceWindow
{
  AdwWindow  parent_instance;

  SgRulePack *pack;
};

G_DEFINE_FINAL_TYPE (SgGuidanceWindow, sg_guidance_window, ADW_TYPE_WINDOW)

/* "30 January 2024" from "2024-01-30"; the ISO form when it is not a date. */
static char *
format_date (const char *iso)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *with_time = NULL;

  if (iso == NULL)
    return NULL;
  with_time = g_strconcat (iso, "T00:00:00Z", NULL);
  date = g_date_time_new_from_iso8601 (with_time, NULL);
  /* Translators: a date in a source's details, e.g. "30 January 2024". */
  return date != NULL ? g_date_time_format (date, _("%-d %B %Y")) : g_strdup (iso);
}

static char *
describe (const SgSource *source)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *in_force = format_date (source->in_force);
  g_autofree char *withdrawn = format_date (source->withdrawn);
  g_autofree char *checked = format_date (source->checked);

  if (source->edition != NULL)
    /* Translators: a source's edition, e.g. "Edition: 2024". */
    g_string_append_printf (s, _("Edition: %s"), source->edition);
  if (withdrawn != NULL)
    g_string_append_printf (s, "%s%s", s->len ? " · " : "",
                            /* Translators: when a source stopped applying. */
                            _("withdrawn"));
  if (withdrawn != NULL)
    g_string_append_printf (s, " %s", withdrawn);
  else if (in_force != NULL)
    g_string_append_printf (s, "%s%s %s", s->len ? " · " : "", _("in force since"), in_force);
  if (source->applies_to != NULL)
    g_string_append_printf (s, "%s%s %s", s->len ? " · " : "", _("for"), source->applies_to);
  if (checked != NULL)
    g_string_append_printf (s, "%s%s %s", s->len ? " · " : "", _("checked"), checked);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* Each source's button names its page as the action's target. */
static void
open_source_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  gtk_show_uri (GTK_WINDOW (widget), g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}

static GtkWidget *
source_row (const SgSource *source)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = describe (source);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), source->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  if (source->url != NULL)
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("adw-external-link-symbolic");
      g_autofree char *label = g_strdup_printf (_("Open %s"), source->title);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      /* Nothing is fetched until the user asks: the page opens in their browser. */
      gtk_widget_set_tooltip_text (button, _("Open the source’s page in your browser"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "guidance.open-source");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", source->url);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

static void
build (SgGuidanceWindow *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = adw_preferences_page_new ();
  struct {
    const char *title;
    const char *description;
    const char *statuses[3];
  } groups[] = {
    { N_("In force"),
      N_("Rules cite these first. SocialGuard explains them in its own words: the "
         "published text is what counts, and nothing here is legal advice."),
      { "current", NULL } },
    { N_("Advice and commentary"),
      N_("Guidance from the BMA and defence organisations, and commentary, used for the "
         "explanations."),
      { "advice", "commentary", NULL } },
    { N_("Withdrawn"),
      N_("Cited only as history (“formerly …”), so you can find a paragraph you knew."),
      { "withdrawn", NULL } },
  };

  adw_window_set_content (ADW_WINDOW (self), toolbar);
  gtk_box_append (GTK_BOX (toolbar), adw_header_bar_new ());
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (toolbar), page);

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      GtkWidget *group = adw_preferences_group_new ();
      guint added = 0;

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _(groups[g].title));
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                             _(groups[g].description));
      for (guint i = 0; i < sg_rule_pack_get_n_sources (self->pack); i++)
        {
          const SgSource *source = sg_rule_pack_get_source (self->pack, i);

          if (source->status != NULL &&
              g_strv_contains (groups[g].statuses, source->status))
            {
              adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), source_row (source));
              added++;
            }
        }
      if (added > 0)
        adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
      else
        g_object_ref_sink (group), g_object_unref (group);
    }
}

static void
sg_guidance_window_finalize (GObject *object)
{
  SgGuidanceWindow *self = SG_GUIDANCE_WINDOW (object);

  g_clear_object (&self->pack);
  G_OBJECT_CLASS (sg_guidance_window_parent_class)->finalize (object);
}

static void
sg_guidance_window_class_init (SgGuidanceWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sg_guidance_window_finalize;

  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "guidance.open-source", "s",
                                   open_source_action);
}

static void
sg_guidance_window_init (SgGuidanceWindow *self)
{
  gtk_window_set_title (GTK_WINDOW (self), _("Guidance Sources"));
  gtk_window_set_default_size (GTK_WINDOW (self), 600, 640);
}

SgGuidanceWindow *
sg_guidance_window_new (GtkWindow  *parent,
                        SgRulePack *pack)
{
  SgGuidanceWindow *self;

  g_return_val_if_fail (SG_IS_RULE_PACK (pack), NULL);

  self = g_object_new (SG_TYPE_GUIDANCE_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->pack = g_object_ref (pack);
  build (self);
  return self;
}
