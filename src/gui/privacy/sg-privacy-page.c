/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Privacy review: the accounts the user holds, when each is due, and a step-by-step review of one
 * account's settings that is saved as it goes (GMC Using social media 2024 ¶9; was 2013 ¶8). This
 * file is the page and its list; the parts it opens are in the other sg-privacy-page-*.c files (see
 * sg-privacy-page-private.h). */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-privacy-page-private.h"

#include "sg-review-schedule.h"
#include "sg-toast.h"

G_DEFINE_FINAL_TYPE (SgPrivacyPage, sg_privacy_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_N_DUE,
  PROP_N_OPEN_ACTIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char * const sg_privacy_platform_ids[] = {
  "facebook", "instagram", "x", "linkedin", "tiktok", "threads", "bluesky", "mastodon",
  "youtube", "whatsapp", "reddit", "general", NULL
};
const char * const sg_privacy_platform_names[] = {
  N_("Facebook"), N_("Instagram"), N_("X (Twitter)"), N_("LinkedIn"), N_("TikTok"),
  N_("Threads"), N_("Bluesky"), N_("Mastodon"), N_("YouTube"), N_("WhatsApp"), N_("Reddit"),
  N_("Other"), NULL
};

/* What the other parts share, through sg-privacy-page-private.h */

void
sg_privacy_page_toast (SgPrivacyPage *self,
                       const char    *text)
{
  sg_toast_show (GTK_WIDGET (self), text);
}

const char *
sg_privacy_page_platform_name (const char *id)
{
  for (guint i = 0; sg_privacy_platform_ids[i] != NULL; i++)
    if (g_strcmp0 (id, sg_privacy_platform_ids[i]) == 0)
      return _(sg_privacy_platform_names[i]);
  return id;
}

static SgStore *
get_store (SgPrivacyPage *self)
{
  return self->context != NULL ? sg_context_get_store (self->context) : NULL;
}

void
sg_privacy_today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

const SgProfile *
sg_privacy_page_find_profile (SgPrivacyPage *self,
                              gint64         profile_id)
{
  for (guint i = 0; self->profiles != NULL && i < self->profiles->len; i++)
    {
      const SgProfile *p = g_ptr_array_index (self->profiles, i);

      if (p->id == profile_id)
        return p;
    }
  return NULL;
}

/* Threads */

void
sg_privacy_page_run_job (SgPrivacyPage       *self,
                         SgStoreJob           job,
                         gpointer             data,
                         GDestroyNotify       destroy,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  SgStore *store = get_store (self);

  if (store == NULL)
    {
      if (destroy)
        destroy (data);
      sg_privacy_page_toast (self,
                             _("Your saved data could not be opened, so nothing can be saved."));
      return;
    }

  sg_store_job_run (self, store, self->cancellable, job, data, destroy, callback, user_data);
}

void
sg_privacy_page_changed_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  SgPrivacyPage *self = SG_PRIVACY_PAGE (object);
  g_autoptr(GError) error = NULL;

  g_task_propagate_pointer (G_TASK (result), &error);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    sg_privacy_page_toast (self, error->message);
  sg_privacy_page_reload (self);
}

/* The list */

/* The row of one account: when it is due, Review and Stop Reviewing, and, when the last review
 * left settings to change, an expander listing them, each to tick off. Says whether the account
 * is due. */
static GtkWidget *
account_row_new (const SgProfile *p,
                 GPtrArray       *actions,
                 const GDate     *now,
                 gboolean        *due)
{
  gboolean follow_up = actions != NULL && actions->len > 0;
  GtkWidget *row = follow_up ? adw_expander_row_new () : adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Review"));
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *title = g_strdup_printf ("%s — %s",
                                            sg_privacy_page_platform_name (p->platform), p->handle);
  g_autofree char *label = g_strdup_printf (_("Stop reviewing %s"), title);
  g_autofree char *subtitle = NULL;
  GDate last, due_date;
  int days;

  if (p->last_review > 0)
    sg_review_date_from_unix (p->last_review, &last);
  days = sg_review_days_until_due (p->last_review > 0 ? &last : NULL, p->interval_days, now);

  if (p->last_review == 0)
    subtitle = g_strdup (_("Never reviewed · due now"));
  else
    {
      char last_s[64], due_s[64];

      sg_review_due_date (&last, p->interval_days, &due_date);
      g_date_strftime (last_s, sizeof last_s, "%e %b %Y", &last);
      g_date_strftime (due_s, sizeof due_s, "%e %b %Y", &due_date);
      subtitle = days <= 0
        ? g_strdup_printf (_("Last reviewed %s · due since %s"), g_strstrip (last_s),
                           g_strstrip (due_s))
        : g_strdup_printf (_("Last reviewed %s · next due %s"), g_strstrip (last_s),
                           g_strstrip (due_s));
    }
  if (follow_up)
    {
      g_autofree char *todo = g_strdup_printf (ngettext ("%u setting still to change",
                                                         "%u settings still to change",
                                                         actions->len), actions->len);
      char *joined = g_strconcat (subtitle, " · ", todo, NULL);

      g_free (subtitle);
      subtitle = joined;
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (follow_up)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "privacy.review");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", p->id);
  if (days <= 0)
    gtk_widget_add_css_class (button, "suggested-action");
  *due = days <= 0;

  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Take this account off the list"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "privacy.remove");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "x", p->id);
  if (follow_up)
    {
      /* Actions are put before the ones already there. */
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), remove);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);
      sg_privacy_page_add_follow_up_rows (ADW_EXPANDER_ROW (row), p, actions);
    }
  else
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
    }
  return row;
}

static void
rebuild (SgPrivacyPage *self)
{
  GtkWidget *child;
  GDate now;
  guint due = 0, open = 0;

  sg_privacy_today (&now);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  for (guint i = 0; self->profiles != NULL && i < self->profiles->len; i++)
    {
      SgProfile *p = g_ptr_array_index (self->profiles, i);
      GPtrArray *actions = self->actions ? g_hash_table_lookup (self->actions, &p->id) : NULL;
      gboolean is_due = FALSE;

      gtk_list_box_append (self->list, account_row_new (p, actions, &now, &is_due));
      if (is_due)
        due++;
      if (actions != NULL)
        open += actions->len;
    }

  gtk_stack_set_visible_child_name (self->stack, self->profiles && self->profiles->len ? "list"
                                                                                        : "empty");
  if (due != self->n_due)
    {
      self->n_due = due;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DUE]);
    }
  if (open != self->n_open_actions)
    {
      self->n_open_actions = open;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_OPEN_ACTIONS]);
    }
}

typedef struct {
  GPtrArray  *profiles;
  GHashTable *actions;
} Listed;

static void
listed_free (Listed *l)
{
  g_clear_pointer (&l->profiles, g_ptr_array_unref);
  g_clear_pointer (&l->actions, g_hash_table_unref);
  g_free (l);
}

static gpointer
list_job (SgStore   *store,
          gpointer   data,
          GError   **error)
{
  Listed *l = g_new0 (Listed, 1);

  l->profiles = sg_profiles_list (store, error);
  if (l->profiles == NULL)
    {
      listed_free (l);
      return NULL;
    }
  l->actions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                      (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < l->profiles->len; i++)
    {
      SgProfile *p = g_ptr_array_index (l->profiles, i);
      GPtrArray *open = p->open_actions > 0 ? sg_reviews_open_actions (store, p->id, NULL) : NULL;

      if (open != NULL)
        g_hash_table_insert (l->actions, g_memdup2 (&p->id, sizeof p->id), open);
    }
  return l;
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  SgPrivacyPage *self = SG_PRIVACY_PAGE (object);
  Listed *listed = g_task_propagate_pointer (G_TASK (result), NULL);

  if (listed == NULL)
    return;
  g_clear_pointer (&self->profiles, g_ptr_array_unref);
  g_clear_pointer (&self->actions, g_hash_table_unref);
  self->profiles = g_steal_pointer (&listed->profiles);
  self->actions = g_steal_pointer (&listed->actions);
  listed_free (listed);
  rebuild (self);
}

void
sg_privacy_page_reload (SgPrivacyPage *self)
{
  if (get_store (self) != NULL)
    sg_privacy_page_run_job (self, list_job, NULL, NULL, listed_cb, NULL);
}

void
sg_privacy_page_set_context (SgPrivacyPage *self,
                                 SgContext     *context)
{
  self->context = context;
  g_signal_connect_object (context, "notify::store", G_CALLBACK (sg_privacy_page_reload), self,
                           G_CONNECT_SWAPPED);
  sg_privacy_page_reload (self);
}

guint
sg_privacy_page_get_n_profiles (SgPrivacyPage *self)
{
  return self->profiles != NULL ? self->profiles->len : 0;
}

guint
sg_privacy_page_get_n_open_actions (SgPrivacyPage *self)
{
  g_return_val_if_fail (SG_IS_PRIVACY_PAGE (self), 0);
  return self->n_open_actions;
}

guint
sg_privacy_page_get_n_due (SgPrivacyPage *self)
{
  return self->n_due;
}

/* GObject */

static void
sg_privacy_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SgPrivacyPage *self = SG_PRIVACY_PAGE (object);

  switch (prop_id)
    {
    case PROP_N_DUE:
      g_value_set_uint (value, self->n_due);
      break;
    case PROP_N_OPEN_ACTIONS:
      g_value_set_uint (value, self->n_open_actions);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_privacy_page_dispose (GObject *object)
{
  SgPrivacyPage *self = SG_PRIVACY_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_PRIVACY_PAGE);

  G_OBJECT_CLASS (sg_privacy_page_parent_class)->dispose (object);
}

static void
sg_privacy_page_finalize (GObject *object)
{
  SgPrivacyPage *self = SG_PRIVACY_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->profiles, g_ptr_array_unref);
  g_clear_pointer (&self->actions, g_hash_table_unref);
  g_clear_pointer (&self->posting_token, g_free);

  G_OBJECT_CLASS (sg_privacy_page_parent_class)->finalize (object);
}

static void
sg_privacy_page_class_init (SgPrivacyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_privacy_page_dispose;
  object_class->finalize = sg_privacy_page_finalize;
  object_class->get_property = sg_privacy_page_get_property;

  properties[PROP_N_DUE] =
    g_param_spec_uint ("n-due", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_OPEN_ACTIONS] =
    g_param_spec_uint ("n-open-actions", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  sg_privacy_page_class_init_accounts (widget_class);
  sg_privacy_page_class_init_review (widget_class);
  sg_privacy_page_class_init_follow_up (widget_class);
  sg_privacy_page_class_init_export (widget_class);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/SocialGuard/ui/sg-privacy-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SgPrivacyPage, content);
  gtk_widget_class_bind_template_child (widget_class, SgPrivacyPage, list);
  gtk_widget_class_bind_template_child (widget_class, SgPrivacyPage, stack);
}

static void
sg_privacy_page_init (SgPrivacyPage *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
