/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The declaration appended to the post, the "#ad" label and the length counter, and
 * editing the declaration for one post (part of SgComposePage: sg-compose-page-private.h). */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-compose-page-private.h"
#include "sg-declaration-dialog.h"
#include "sg-drafts.h"
#include "sg-length.h"
#include "sg-platform.h"
#include "sg-store-job.h"


static char *
today_string (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* The declaration follows the text: one pass over the draft with the register's automaton
 * (sg_declaration_for_post has the policy). It is composed again only when something it
 * depends on changed: the text, the platform, the register, the preferences, the user's own
 * wording or the day; a keystroke that leaves all of them alone costs a string compare. */
static void
update_declaration (SgComposePage *self,
                    const char    *text)
{
  const SgPlatform *platform = sg_platform_lookup (sg_compose_page_get_platform (self), NULL);
  g_autofree char *today = today_string ();
  g_autoptr(GPtrArray) relevant = NULL;
  g_autoptr(GError) error = NULL;
  SgDeclarationForm form = SG_DECLARATION_FULL;
  GSettings *settings = self->context ? sg_context_get_settings (self->context) : NULL;
  g_autofree char *url = settings ? g_settings_get_string (settings, "declarations-page-url") : NULL;
  g_autofree char *key = NULL;

  key = g_strdup_printf ("%s|%p|%u|%s|%s|%d|%d|%u|%s",
                         platform ? platform->id : "", (gpointer) self->matcher,
                         self->register_generation, today, url ? url : "",
                         settings ? g_settings_get_boolean (settings, "declare-all-active") : 0,
                         settings ? g_settings_get_boolean (settings, "declare-nothing") : 0,
                         settings ? g_settings_get_uint (settings, "declaration-window-months") : 0,
                         self->declaration_override ? self->declaration_override : "\x01");
  if (self->declared_text != NULL && g_str_equal (self->declared_text, text) &&
      g_strcmp0 (self->declared_key, key) == 0)
    return;
  g_free (self->declared_text);
  self->declared_text = g_strdup (text);
  g_free (self->declared_key);
  self->declared_key = g_steal_pointer (&key);
  self->declaration_updates++;

  g_clear_pointer (&self->declaration, g_free);
  g_clear_pointer (&self->relevant, g_ptr_array_unref);
  self->advertising = FALSE;

  if (self->matcher != NULL && platform != NULL && settings != NULL)
    {
      SgDeclarationOptions options = {
        .today = today,
        .window_months = g_settings_get_uint (settings, "declaration-window-months"),
        .declare_all = g_settings_get_boolean (settings, "declare-all-active"),
        .declare_nothing = g_settings_get_boolean (settings, "declare-nothing"),
        .page_url = url,
      };

      self->declaration = sg_declaration_for_post (self->matcher, text, platform, &options,
                                                   &relevant, &form, &error);
      if (relevant != NULL)
        {
          self->advertising = sg_declaration_is_advertising (relevant);
          self->relevant = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_interest_free);
          for (guint i = 0; i < relevant->len; i++)
            g_ptr_array_add (self->relevant, sg_interest_copy (g_ptr_array_index (relevant, i)));
        }
      if (error != NULL)
        g_warning ("Declaration: %s", error->message);
    }

  /* The user's own wording for this post wins over the composed one. */
  if (self->declaration_override != NULL)
    {
      g_free (self->declaration);
      self->declaration = *self->declaration_override ? g_strdup (self->declaration_override) : NULL;
    }

  if (self->declaration != NULL && form == SG_DECLARATION_DOES_NOT_FIT &&
      self->declaration_override == NULL && platform != NULL)
    {
      /* Never dropped silently: the post goes over the limit, and the user is told why. */
      g_autofree char *shown =
        g_strdup_printf (_("%s\n⚠ Together with the post this goes over %s’s limit. Shorten the "
                           "post, or add a declarations page in Preferences to link to."),
                         self->declaration, platform->name);
      gtk_label_set_label (self->declaration_label, shown);
    }
  else
    gtk_label_set_label (self->declaration_label, self->declaration ? self->declaration : "");
  /* Its contents stay hidden (not even measured) until there is a first declaration to show;
   * after that they stay visible, so that hiding it slides it away. */
  if (self->declaration != NULL)
    gtk_widget_set_visible (gtk_revealer_get_child (self->declaration_revealer), TRUE);
  gtk_revealer_set_reveal_child (self->declaration_revealer, self->declaration != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->ad_check), self->advertising);
  sg_draft_checker_set_declared (self->checker, self->declaration != NULL);
}

/* The post as it leaves: the "#ad" label first when the interests make it an ad (the
 * advertising code wants it recognisable before it is read), the text, then the declaration
 * the GMC asks for. Everything here is counted in the length. */
static char *
final_text_of (SgComposePage *self,
               const char    *text)
{
  const char *label = self->advertising && gtk_check_button_get_active (self->ad_check)
                      ? "#ad " : "";

  if (self->declaration == NULL)
    return g_strconcat (label, text, NULL);
  return g_strconcat (label, text, "\n\n", self->declaration, NULL);
}

static char *
get_final_text (SgComposePage *self)
{
  return final_text_of (self, get_text (self));
}

void
sg_compose_page_update_length (SgComposePage *self)
{
  const SgPlatform *platform = sg_platform_lookup (sg_compose_page_get_platform (self), NULL);
  const char *draft = get_text (self);   /* fetched once per change, shared with the rest */
  g_autofree char *text = NULL;

  update_declaration (self, draft);
  text = final_text_of (self, draft);
  g_autofree char *label = NULL;
  guint n;

  if (platform == NULL)
    return;

  n = sg_length_count (platform, text, -1);
  if (platform->limit > 0)
    /* Translators: characters used / the platform's limit. */
    label = g_strdup_printf (_("%u / %u"), n, platform->limit);
  else
    label = g_strdup_printf (ngettext ("%u character", "%u characters", n), n);

  gtk_label_set_label (self->length_label, label);

  /* Over the limit is shown in words too, not by colour alone. */
  if (platform->limit > 0 && n > platform->limit)
    {
      g_autofree char *over = g_strdup_printf (_("%u over the %s limit"), n - platform->limit,
                                               platform->name);
      gtk_widget_add_css_class (GTK_WIDGET (self->length_label), "sg-over-limit");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->length_label), over);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->length_label),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, over, -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->length_label), "sg-over-limit");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->length_label), NULL);
    }
}

/* How many times the declaration was composed: a keystroke that changes nothing it depends on
 * must not compose it again (tests). */
guint
sg_compose_page_get_declaration_updates (SgComposePage *self)
{
  g_return_val_if_fail (SG_IS_COMPOSE_PAGE (self), 0);

  return self->declaration_updates;
}

/* Editing the declaration for one post */

typedef struct {
  gint64  id;
  char   *text;
  char   *removed;
  char   *reason;
} DeclarationJob;

static void
declaration_job_free (DeclarationJob *j)
{
  g_free (j->text);
  g_free (j->removed);
  g_free (j->reason);
  g_free (j);
}

static gpointer
declaration_job (SgStore   *store,
                 gpointer   data,
                 GError   **error)
{
  DeclarationJob *j = data;
  return sg_drafts_set_declaration (store, j->id, j->text, j->removed, j->reason, error)
         ? GINT_TO_POINTER (1) : NULL;
}

static void
declaration_response_cb (SgDeclarationDialog *dialog,
                         const char          *response,
                         SgComposePage       *self)
{
  DeclarationJob *j;

  if (g_str_equal (response, "cancel"))
    return;

  j = g_new0 (DeclarationJob, 1);
  j->id = sg_draft_buffer_get_id (self->draft);
  if (g_str_equal (response, "save"))
    {
      j->text = g_strstrip (g_strdup (gtk_editable_get_text (sg_declaration_dialog_get_wording (dialog))));
      j->removed = sg_declaration_dialog_dup_removed (dialog);
      j->reason = g_strstrip (g_strdup (gtk_editable_get_text (sg_declaration_dialog_get_reason (dialog))));
    }

  g_free (self->declaration_override);
  self->declaration_override = g_strdup (j->text);
  if (sg_draft_buffer_get_id (self->draft) >= 0)
    sg_store_job_run (self, get_store (self), self->cancellable, declaration_job, j,
                      (GDestroyNotify) declaration_job_free, sg_compose_page_job_done_cb, NULL);
  else
    declaration_job_free (j);

  sg_compose_page_update_length (self);
  sg_draft_checker_invalidate (self->checker, 0);
}

void
sg_compose_page_edit_declaration_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter)
{
  SgComposePage *self = SG_COMPOSE_PAGE (widget);
  SgDeclarationDialog *dialog =
    sg_declaration_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->declaration,
                               self->relevant);

  g_signal_connect_object (dialog, "response", G_CALLBACK (declaration_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The interests register */

static gpointer
interests_job (SgStore   *store,
               gpointer   data,
               GError   **error)
{
  g_autoptr(GPtrArray) interests = sg_interest_register_list (store, error);

  return interests != NULL ? sg_interest_matcher_new (interests) : NULL;
}

static void
interests_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  SgComposePage *self = SG_COMPOSE_PAGE (object);
  SgInterestMatcher *matcher = g_task_propagate_pointer (G_TASK (result), NULL);

  if (matcher == NULL)
    return;

  g_clear_pointer (&self->matcher, sg_interest_matcher_free);
  self->matcher = matcher;
  self->register_generation++;
  sg_compose_page_update_length (self);
  sg_draft_checker_invalidate (self->checker, 0);
}

void
sg_compose_page_reload_interests (SgComposePage *self)
{
  SgStore *store;

  g_return_if_fail (SG_IS_COMPOSE_PAGE (self));

  if ((store = get_store (self)) != NULL)
    sg_store_job_run_full (self, store, self->cancellable, interests_job, NULL, NULL,
                           (GDestroyNotify) sg_interest_matcher_free, interests_loaded_cb, NULL);
}

const char *
sg_compose_page_get_declaration (SgComposePage *self)
{
  g_return_val_if_fail (SG_IS_COMPOSE_PAGE (self), NULL);
  return self->declaration;
}

/* The post exactly as it would leave: label, text and declaration. */
char *
sg_compose_page_get_final_text (SgComposePage *self)
{
  g_return_val_if_fail (SG_IS_COMPOSE_PAGE (self), NULL);
  return get_final_text (self);
}
