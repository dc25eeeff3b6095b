/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sg-declaration-bar.h"

#include "sg-declaration-dialog.h"
#include "sg-drafts.h"
#include "sg-interest-register.h"
#include "sg-length.h"
#include "sg-platform.h"
#include "sg-store-job.h"
#include "sg-toast.h"

struct _SgDeclarationBar
{
  GtkWidget          parent_instance;

  /* Template children, alphabetical */
  GtkCheckButton    *ad_check;
  GtkLabel          *declaration_label;
  GtkRevealer       *declaration_revealer;
  GtkLabel          *length_label;
  GtkBox            *status_box;

  SgContext         *context;
  SgDraftBuffer     *draft;           /* the editor's: the text and platform followed */
  GCancellable      *cancellable;
  SgInterestMatcher *matcher;         /* NULL until the register is read */
  guint              register_generation; /* bumped when the register is read again */
  char              *declaration;     /* appended to the post, or NULL */
  char              *declared_text;   /* the text the declaration was composed for */
  char              *declared_key;    /* and everything else it depended on */
  guint              updates;         /* times it was composed (tests) */
  gboolean           advertising;     /* the declared interests make the post an ad */
  char              *override;        /* the user's wording for this post, or NULL */
  GPtrArray         *relevant;        /* SgInterest* (copies) the composed declaration names */
};

static void sg_declaration_bar_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SgDeclarationBar, sg_declaration_bar, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE,
                                                      sg_declaration_bar_buildable_init))

enum {
  PROP_0,
  PROP_DECLARATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static GtkBuildableIface *parent_buildable_iface;

/* Helpers */

static char *
today_string (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static GSettings *
get_settings (SgDeclarationBar *self)
{
  return self->context != NULL ? sg_context_get_settings (self->context) : NULL;
}

static const SgPlatform *
get_platform (SgDeclarationBar *self)
{
  return self->draft != NULL ? sg_platform_lookup (sg_draft_buffer_get_platform (self->draft), NULL)
                             : NULL;
}

static const char *
get_text (SgDeclarationBar *self)
{
  return self->draft != NULL ? sg_draft_buffer_get_text (self->draft) : "";
}

static void
set_declaration (SgDeclarationBar *self,
                 char             *declaration)
{
  if (g_strcmp0 (self->declaration, declaration) == 0)
    {
      g_free (declaration);
      return;
    }
  g_free (self->declaration);
  self->declaration = declaration;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DECLARATION]);
}

/* The declaration follows the text: one pass over the draft with the register's automaton
 * (sg_declaration_for_post has the policy). It is composed again only when something it
 * depends on changed: the text, the platform, the register, the preferences, the user's own
 * wording or the day; a keystroke that leaves all of them alone costs a string compare. */
static void
update_declaration (SgDeclarationBar *self,
                    const char       *text)
{
  const SgPlatform *platform = get_platform (self);
  g_autofree char *today = today_string ();
  g_autoptr(GPtrArray) relevant = NULL;
  g_autoptr(GError) error = NULL;
  SgDeclarationForm form = SG_DECLARATION_FULL;
  GSettings *settings = get_settings (self);
  g_autofree char *url = settings != NULL
                         ? g_settings_get_string (settings, "declarations-page-url") : NULL;
  g_autofree char *key = NULL;
  char *declaration = NULL;

  key = g_strdup_printf ("%s|%p|%u|%s|%s|%d|%d|%u|%s",
                         platform ? platform->id : "", (gpointer) self->matcher,
                         self->register_generation, today, url ? url : "",
                         settings ? g_settings_get_boolean (settings, "declare-all-active") : 0,
                         settings ? g_settings_get_boolean (settings, "declare-nothing") : 0,
                         settings ? g_settings_get_uint (settings, "declaration-window-months") : 0,
                         self->override ? self->override : "\x01");
  if (self->declared_text != NULL && g_str_equal (self->declared_text, text) &&
      g_strcmp0 (self->declared_key, key) == 0)
    return;
  g_free (self->declared_text);
  self->declared_text = g_strdup (text);
  g_free (self->declared_key);
  self->declared_key = g_steal_pointer (&key);
  self->updates++;

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

      declaration = sg_declaration_for_post (self->matcher, text, platform, &options,
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
  if (self->override != NULL)
    {
      g_free (declaration);
      declaration = *self->override ? g_strdup (self->override) : NULL;
    }
  set_declaration (self, declaration);

  if (self->declaration != NULL && form == SG_DECLARATION_DOES_NOT_FIT &&
      self->override == NULL && platform != NULL)
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
}

/* The post as it leaves: the "#ad" label first when the interests make it an ad (the
 * advertising code wants it recognisable before it is read), the text, then the declaration
 * the GMC asks for. Everything here is counted in the length. */
static char *
final_text_of (SgDeclarationBar *self,
               const char       *text)
{
  const char *label = self->advertising && gtk_check_button_get_active (self->ad_check)
                      ? "#ad " : "";

  if (self->declaration == NULL)
    return g_strconcat (label, text, NULL);
  return g_strconcat (label, text, "\n\n", self->declaration, NULL);
}

/* The declaration, then the length of the post with it. */
static void
update (SgDeclarationBar *self)
{
  const SgPlatform *platform = get_platform (self);
  const char *draft = get_text (self);   /* fetched once per change, shared with the rest */
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;
  guint n;

  update_declaration (self, draft);
  if (platform == NULL)
    return;

  text = final_text_of (self, draft);
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

static void
set_override (SgDeclarationBar *self,
              const char       *override)
{
  g_free (self->override);
  self->override = g_strdup (override);
  update (self);
}

/* Store jobs */

/* A store job's callback that only says what went wrong, if anything. */
static void
job_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_task_propagate_pointer (G_TASK (result), &error);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    sg_toast_add (GTK_WIDGET (object), sg_toast_new_plain (error->message));
}

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

static gpointer
interests_job (SgStore   *store,
               gpointer   data,
               GError   **error)
{
  g_autoptr(GPtrArray) interests = sg_interest_register_list (store, error);

  return interests != NULL ? sg_interest_matcher_new (interests) : NULL;
}

/* Callbacks */

static void
interests_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  SgDeclarationBar *self = SG_DECLARATION_BAR (object);
  g_autoptr(GError) error = NULL;
  SgInterestMatcher *matcher = g_task_propagate_pointer (G_TASK (result), &error);

  if (matcher == NULL)
    {
      /* Never silently: a post could go out without the declaration it needs. */
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        sg_toast_show (GTK_WIDGET (self),
                       _("Your interests could not be read, so no declaration is added to "
                         "this post yet. Check the post before you publish it."));
      return;
    }

  g_clear_pointer (&self->matcher, sg_interest_matcher_free);
  self->matcher = matcher;
  self->register_generation++;
  update (self);
}

static void
declaration_response_cb (SgDeclarationDialog *dialog,
                         const char          *response,
                         SgDeclarationBar    *self)
{
  DeclarationJob *j;
  SgStore *store;

  if (g_str_equal (response, "cancel") || self->draft == NULL)
    return;

  j = g_new0 (DeclarationJob, 1);
  j->id = sg_draft_buffer_get_id (self->draft);
  if (g_str_equal (response, "save"))
    {
      GtkEditable *wording = sg_declaration_dialog_get_wording (dialog);
      GtkEditable *reason = sg_declaration_dialog_get_reason (dialog);

      j->text = g_strstrip (g_strdup (gtk_editable_get_text (wording)));
      j->removed = sg_declaration_dialog_dup_removed (dialog);
      j->reason = g_strstrip (g_strdup (gtk_editable_get_text (reason)));
    }

  set_override (self, j->text);
  store = self->context != NULL ? sg_context_get_store (self->context) : NULL;
  if (j->id >= 0)
    sg_store_job_run (self, store, self->cancellable, declaration_job, j,
                      (GDestroyNotify) declaration_job_free, job_done_cb, NULL);
  else
    declaration_job_free (j);
}

/* A draft from the store brings the wording the user gave it, if any. */
static void
draft_loaded_cb (SgDeclarationBar *self,
                 const SgDraft    *draft)
{
  set_override (self, draft->declaration);
}

static void
store_changed_cb (SgDeclarationBar *self)
{
  if (sg_context_get_store (self->context) != NULL)
    sg_declaration_bar_reload_interests (self);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  sg_declaration_bar_edit (SG_DECLARATION_BAR (widget));
}

/* GtkBuildable: the "status" child */

static void
sg_declaration_bar_add_child (GtkBuildable *buildable,
                              GtkBuilder   *builder,
                              GObject      *child,
                              const char   *type)
{
  SgDeclarationBar *self = SG_DECLARATION_BAR (buildable);

  if (g_strcmp0 (type, "status") == 0 && GTK_IS_WIDGET (child))
    gtk_box_prepend (self->status_box, GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
sg_declaration_bar_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = sg_declaration_bar_add_child;
}

/* GObject */

static void
sg_declaration_bar_dispose (GObject *object)
{
  SgDeclarationBar *self = SG_DECLARATION_BAR (object);

  g_cancellable_cancel (self->cancellable);
  if (self->draft != NULL)
    g_signal_handlers_disconnect_by_data (self->draft, self);
  g_clear_weak_pointer (&self->draft);
  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_DECLARATION_BAR);

  G_OBJECT_CLASS (sg_declaration_bar_parent_class)->dispose (object);
}

static void
sg_declaration_bar_finalize (GObject *object)
{
  SgDeclarationBar *self = SG_DECLARATION_BAR (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->matcher, sg_interest_matcher_free);
  g_clear_pointer (&self->relevant, g_ptr_array_unref);
  g_free (self->override);
  g_free (self->declaration);
  g_free (self->declared_text);
  g_free (self->declared_key);

  G_OBJECT_CLASS (sg_declaration_bar_parent_class)->finalize (object);
}

static void
sg_declaration_bar_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SgDeclarationBar *self = SG_DECLARATION_BAR (object);

  switch (prop_id)
    {
    case PROP_DECLARATION:
      g_value_set_string (value, self->declaration);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_declaration_bar_class_init (SgDeclarationBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_declaration_bar_dispose;
  object_class->finalize = sg_declaration_bar_finalize;
  object_class->get_property = sg_declaration_bar_get_property;

  /* What is appended to the post (NULL: nothing); the publish flow reads it. */
  properties[PROP_DECLARATION] =
    g_param_spec_string ("declaration", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/SocialGuard/ui/sg-declaration-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, SgDeclarationBar, ad_check);
  gtk_widget_class_bind_template_child (widget_class, SgDeclarationBar, declaration_label);
  gtk_widget_class_bind_template_child (widget_class, SgDeclarationBar, declaration_revealer);
  gtk_widget_class_bind_template_child (widget_class, SgDeclarationBar, length_label);
  gtk_widget_class_bind_template_child (widget_class, SgDeclarationBar, status_box);
  gtk_widget_class_bind_template_callback_full (widget_class, "update", G_CALLBACK (update));

  gtk_widget_class_install_action (widget_class, "declaration.edit", NULL, edit_action);
}

static void
sg_declaration_bar_init (SgDeclarationBar *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  self->cancellable = g_cancellable_new ();
}

/* Public API */

void
sg_declaration_bar_set_draft (SgDeclarationBar *self,
                              SgDraftBuffer    *draft)
{
  g_return_if_fail (SG_IS_DECLARATION_BAR (self));
  g_return_if_fail (SG_IS_DRAFT_BUFFER (draft));
  g_return_if_fail (self->draft == NULL);

  /* The editor owns the draft; the bar only follows it. */
  g_set_weak_pointer (&self->draft, draft);
  g_signal_connect_object (draft, "changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (draft, "notify::platform", G_CALLBACK (update), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (draft, "loaded", G_CALLBACK (draft_loaded_cb), self,
                           G_CONNECT_SWAPPED);
  update (self);
}

void
sg_declaration_bar_set_context (SgDeclarationBar *self,
                                SgContext        *context)
{
  /* The preferences the declaration follows, and the server's own length limit
   * (SgServerLimits applies it first) */
  const char *keys[] = { "changed::declare-all-active", "changed::declare-nothing",
                         "changed::declarations-page-url", "changed::declaration-window-months",
                         "changed::mastodon-limits", "changed::mastodon-server" };

  g_return_if_fail (SG_IS_DECLARATION_BAR (self));
  g_return_if_fail (SG_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = context;
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_signal_connect_object (sg_context_get_settings (context), keys[i], G_CALLBACK (update),
                             self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::store", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  store_changed_cb (self);
  update (self);
}

void
sg_declaration_bar_reload_interests (SgDeclarationBar *self)
{
  SgStore *store;

  g_return_if_fail (SG_IS_DECLARATION_BAR (self));

  if (self->context != NULL && (store = sg_context_get_store (self->context)) != NULL)
    sg_store_job_run_full (self, store, self->cancellable, interests_job, NULL, NULL,
                           (GDestroyNotify) sg_interest_matcher_free, interests_loaded_cb, NULL);
}

const char *
sg_declaration_bar_get_declaration (SgDeclarationBar *self)
{
  g_return_val_if_fail (SG_IS_DECLARATION_BAR (self), NULL);

  return self->declaration;
}

char *
sg_declaration_bar_dup_final_text (SgDeclarationBar *self)
{
  g_return_val_if_fail (SG_IS_DECLARATION_BAR (self), NULL);

  return final_text_of (self, get_text (self));
}

void
sg_declaration_bar_edit (SgDeclarationBar *self)
{
  SgDeclarationDialog *dialog;

  g_return_if_fail (SG_IS_DECLARATION_BAR (self));

  dialog = sg_declaration_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                      self->declaration, self->relevant);
  g_signal_connect_object (dialog, "response", G_CALLBACK (declaration_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

guint
sg_declaration_bar_get_updates (SgDeclarationBar *self)
{
  g_return_val_if_fail (SG_IS_DECLARATION_BAR (self), 0);

  return self->updates;
}
