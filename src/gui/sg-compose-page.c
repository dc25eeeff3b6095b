/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sg-compose-page.h"
#include "sg-declaration-dialog.h"
#include "sg-draft-checker.h"
#include "sg-drafts.h"
#include "sg-drafts-popover.h"
#include "sg-error.h"
#include "sg-find-bar.h"
#include "sg-guidance-sidebar.h"
#include "sg-finding-row.h"
#include "sg-interest-register.h"
#include "sg-length.h"
#include "sg-draft-photos.h"
#include "sg-photo-check-window.h"
#include "sg-photo-strip.h"
#include "sg-platform.h"
#include "sg-publish-flow.h"
#include "sg-consent-bar.h"
#include "sg-signal.h"
#include "sg-spell-checker.h"
#include "sg-store-job.h"
#include "sg-watch-list.h"
#include "sg-toast.h"
#include "sg-worker.h"

/* Drafts are saved this long after the last change (the promise is "within a second"). */
#define SAVE_DELAY_MS 700
/* Steady typing never pauses for SAVE_DELAY_MS: the save still happens this long after the
 * first change that is not yet saved, so a crash mid-paragraph loses seconds, not minutes. */
#define SAVE_MAX_WAIT_MS 1500

struct _SgComposePage
{
  GtkWidget      parent_instance;

  /* Template children, alphabetical */
  GtkLabel      *declaration_label;
  GtkCheckButton *ad_check;
  GtkRevealer   *declaration_revealer;
  GtkMenuButton *drafts_button;
  GtkTextView   *editor;
  SgFindBar     *find_bar;
  AdwFlap       *flap;
  SgGuidanceSidebar *sidebar;
  GtkToggleButton *sidebar_button;
  SgPhotoStrip  *photo_strip;
  GtkLabel      *length_label;
  GtkDropDown   *platform_dropdown;
  GtkLabel      *save_label;
  GtkEntry      *title_entry;

  SgContext *context;
  GtkTextBuffer *buffer;
  SgDraftChecker *checker;      /* the analysis, its underlines and the draft's ignores */
  GCancellable  *cancellable;
  SgInterestMatcher *matcher;    /* NULL until the register is loaded */
  char          *declaration;    /* appended to the post, or NULL */
  char          *declared_text;  /* the text the declaration was composed for */
  char          *declared_key;   /* and everything else it depended on */
  guint          register_generation; /* bumped when the register is read again */
  guint          declaration_updates; /* times it was composed (tests) */
  gboolean       advertising;    /* the declared interests make the post an ad */
  char          *declaration_override; /* the user's wording for this post, or NULL */
  GPtrArray     *relevant;       /* SgInterest* (copies) the composed declaration names */
  SgPublishFlow *publish_flow;   /* the pre-flight sheet and what follows it */
  SgConsentBar  *consent_bar;    /* the sidebar's: the patient's consent on this draft */
  SgDraftsPopover *drafts_popover; /* NULL until the Drafts button first opens */
  SgSpellChecker *spell;         /* spelling in the editor: its underlines and menu */

  guint          save_source;
  gint64         dirty_since;    /* monotonic µs of the oldest unsaved change, 0 when clean */
  gboolean       save_failed;    /* the last save did not reach the store */
  gboolean       keep_typed;     /* a store arrived while typed text was waiting for one */
  gint64         draft_id;       /* -1 until the store has given us a draft */
  guint          loading : 1;    /* setting text from the store: not an edit */
  guint          dirty : 1;
};

G_DEFINE_FINAL_TYPE (SgComposePage, sg_compose_page, GTK_TYPE_WIDGET)

enum {
  FINDINGS_CHANGED,
  DRAFT_LOADED,
  PUBLISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule_save     (SgComposePage *self);
static void load_draft        (SgComposePage *self,
                               gint64         id);

/* Helpers */

static SgStore *
get_store (SgComposePage *self)
{
  return self->context != NULL ? sg_context_get_store (self->context) : NULL;
}

static void
add_toast (SgComposePage *self,
           AdwToast      *toast)
{
  sg_toast_add (GTK_WIDGET (self), toast);
}

static char *
get_text (SgComposePage *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  return gtk_text_buffer_get_text (self->buffer, &start, &end, TRUE);
}

/* Platforms */

const char *
sg_compose_page_get_platform (SgComposePage *self)
{
  const char * const *ids = sg_platform_list_ids ();
  guint i = gtk_drop_down_get_selected (self->platform_dropdown);

  g_return_val_if_fail (SG_IS_COMPOSE_PAGE (self), NULL);

  return i < g_strv_length ((char **) ids) ? ids[i] : "x";
}

void
sg_compose_page_set_platform (SgComposePage *self,
                              const char    *platform)
{
  const char * const *ids = sg_platform_list_ids ();

  g_return_if_fail (SG_IS_COMPOSE_PAGE (self));

  for (guint i = 0; ids[i] != NULL; i++)
    if (g_strcmp0 (ids[i], platform) == 0)
      gtk_drop_down_set_selected (self->platform_dropdown, i);
}

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
  g_autofree char *text = get_text (self);

  return final_text_of (self, text);
}

static void
update_length (SgComposePage *self)
{
  const SgPlatform *platform = sg_platform_lookup (sg_compose_page_get_platform (self), NULL);
  g_autofree char *draft = get_text (self);   /* fetched once per change */
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

/* The sidebar */

/* Narrow, the guidance is folded away: its button carries the verdict, in colour and words,
 * so a "do not post" is not hidden with it. */
static void
verdict_changed_cb (SgComposePage *self)
{
  const char *verdict = sg_guidance_sidebar_get_verdict (self->sidebar);
  g_autofree char *tip = g_strdup_printf (_("%s — show or hide the guidance (F9)"), verdict);

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sidebar_button), tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sidebar_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, verdict, -1);
  gtk_widget_remove_css_class (GTK_WIDGET (self->sidebar_button), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->sidebar_button), "warning");
  if (sg_guidance_sidebar_get_count (self->sidebar, SG_SEVERITY_ERROR) > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->sidebar_button), "error");
  else if (sg_guidance_sidebar_get_count (self->sidebar, SG_SEVERITY_WARNING) > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->sidebar_button), "warning");
}

static void
findings_changed_cb (SgComposePage *self)
{
  g_signal_emit (self, signals[FINDINGS_CHANGED], 0);
}

static void
row_activated_cb (SgComposePage *self,
                  GtkListBoxRow *row)
{
  GtkTextIter start, end;

  if (!SG_IS_FINDING_ROW (row))
    return;

  if (sg_finding_get_attachment (sg_finding_row_get_finding (SG_FINDING_ROW (row))) >= 0)
    {
      sg_photo_strip_focus (self->photo_strip,
                            sg_finding_get_attachment (sg_finding_row_get_finding (SG_FINDING_ROW (row))));
      return;
    }

  sg_finding_row_get_bounds (SG_FINDING_ROW (row), &start, &end);
  gtk_text_buffer_select_range (self->buffer, &start, &end);
  gtk_text_view_scroll_to_iter (self->editor, &start, 0.1, FALSE, 0, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->editor));
}

/* How many times the declaration was composed: a keystroke that changes nothing it depends on
 * must not compose it again (tests). */
guint
sg_compose_page_get_declaration_updates (SgComposePage *self)
{
  g_return_val_if_fail (SG_IS_COMPOSE_PAGE (self), 0);

  return self->declaration_updates;
}

/* TRUE while an analysis is scheduled or running: the sidebar may still change. */
gboolean
sg_compose_page_is_checking (SgComposePage *self)
{
  g_return_val_if_fail (SG_IS_COMPOSE_PAGE (self), FALSE);

  return sg_draft_checker_is_checking (self->checker);
}

/* Saving */

/* @data: a copy of the draft, as it was when the save began. */
static gpointer
save_job (SgStore   *store,
          gpointer   data,
          GError   **error)
{
  return sg_drafts_save (store, data, error) ? GINT_TO_POINTER (1) : NULL;
}

/* While the store cannot take the draft, it is kept in a file beside the data file (0600),
 * replaced at each attempt, and removed once the store has it again. */
static char *
emergency_path (SgComposePage *self)
{
  const char *db = self->context ? sg_context_get_store_path (self->context) : NULL;

  return db != NULL ? g_strconcat (db, ".unsaved-draft.txt", NULL) : NULL;
}

static void
write_emergency_copy (SgComposePage *self)
{
  g_autofree char *path = emergency_path (self);
  g_autofree char *text = get_text (self);
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (path != NULL && *stripped != '\0')
    g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL);
}

static void
remove_emergency_copy (SgComposePage *self)
{
  g_autofree char *path = emergency_path (self);

  if (path != NULL)
    g_unlink (path);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  SgComposePage *self = SG_COMPOSE_PAGE (object);
  g_autoptr(GError) error = NULL;
  GApplication *app = user_data;

  g_task_propagate_pointer (G_TASK (result), &error);
  if (error == NULL)
    {
      gtk_label_set_label (self->save_label, _("Saved"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_label), NULL);
      if (self->save_failed)
        remove_emergency_copy (self);
      self->save_failed = FALSE;
    }
  else
    {
      g_autofree char *msg = g_strdup_printf (_("Not saved: %s"), error->message);
      /* A long reason (a full disk, a locked file) is cut to the line; the whole of it is in
       * the tooltip, so the window never widens to fit it. */
      gtk_label_set_label (self->save_label, msg);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_label), msg);
      self->dirty = TRUE;
      self->save_failed = TRUE;
      write_emergency_copy (self);
    }

  if (app != NULL)
    {
      g_application_release (app);
      g_object_unref (app);
    }
}

static void
save_now (SgComposePage *self,
          gboolean       hold_application)
{
  SgStore *store = get_store (self);
  SgDraft draft = { 0 };
  g_autofree char *body = NULL;

  g_clear_handle_id (&self->save_source, g_source_remove);

  if (self->dirty && (store == NULL || self->draft_id < 0))
    {
      write_emergency_copy (self);
      return;
    }
  if (!self->dirty || store == NULL || self->draft_id < 0)
    return;

  body = get_text (self);
  self->dirty_since = 0;
  draft.id = self->draft_id;
  draft.title = (char *) gtk_editable_get_text (GTK_EDITABLE (self->title_entry));
  draft.body = body;
  draft.platform = (char *) sg_compose_page_get_platform (self);
  self->dirty = FALSE;

  if (hold_application)
    g_application_hold (g_application_get_default ());
  /* Not cancellable: a save that has started must finish, even when the window closes. */
  sg_store_job_run (self, store, NULL, save_job, sg_draft_copy (&draft),
                    (GDestroyNotify) sg_draft_free, saved_cb,
                    hold_application ? g_object_ref (g_application_get_default ()) : NULL);
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  SgComposePage *self = user_data;

  self->save_source = 0;
  save_now (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (SgComposePage *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 left;

  self->dirty = TRUE;
  if (self->dirty_since == 0)
    self->dirty_since = now;
  /* A pause saves; so does the maximum wait, whichever comes first. */
  left = SAVE_MAX_WAIT_MS - (now - self->dirty_since) / 1000;
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (CLAMP (left, 0, SAVE_DELAY_MS), save_timeout_cb, self);
}

/* Text the user typed that is not safely stored: the store is out of reach, or the last save
 * failed. Closing must not drop it without asking. */
gboolean
sg_compose_page_has_unsaved_text (SgComposePage *self)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (SG_IS_COMPOSE_PAGE (self), FALSE);

  if (!self->dirty && !self->save_failed)
    return FALSE;
  if (get_store (self) != NULL && !self->save_failed)
    return FALSE;
  text = get_text (self);
  return *g_strstrip (text) != '\0';
}

/* The draft as it stands, for saving somewhere else when the store cannot take it. */
char *
sg_compose_page_get_text (SgComposePage *self)
{
  g_return_val_if_fail (SG_IS_COMPOSE_PAGE (self), NULL);
  return get_text (self);
}

void
sg_compose_page_flush (SgComposePage *self)
{
  g_return_if_fail (SG_IS_COMPOSE_PAGE (self));

  save_now (self, TRUE);
}

/* Loading drafts */

typedef enum {
  LOAD_LATEST_OR_CREATE,
  LOAD_ID,
  CREATE_NEW,
} LoadMode;

typedef struct {
  LoadMode  mode;
  gint64    id;
  char     *platform;   /* of a draft created for want of one */
} LoadRequest;

static void
load_request_free (LoadRequest *request)
{
  g_free (request->platform);
  g_free (request);
}

typedef struct {
  SgDraft *draft;
  GStrv    ignores;     /* the draft's "ignore here" keys */
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  sg_draft_free (loaded->draft);
  g_strfreev (loaded->ignores);
  g_free (loaded);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Loaded, loaded_free)

static gpointer
load_job (SgStore   *store,
          gpointer   data,
          GError   **error)
{
  LoadRequest *request = data;
  GError *local_error = NULL;
  SgDraft *draft = NULL;
  Loaded *loaded;

  if (request->mode == LOAD_ID)
    draft = sg_drafts_load (store, request->id, &local_error);
  else if (request->mode == LOAD_LATEST_OR_CREATE)
    draft = sg_drafts_load_latest (store, &local_error);

  if (draft == NULL && local_error == NULL)
    {
      gint64 id = sg_drafts_create (store, request->platform, &local_error);
      if (id >= 0)
        draft = sg_drafts_load (store, id, &local_error);
    }

  if (draft == NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  loaded = g_new0 (Loaded, 1);
  loaded->draft = draft;
  loaded->ignores = sg_drafts_list_ignores (store, draft->id, NULL);
  return loaded;
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  SgComposePage *self = SG_COMPOSE_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(Loaded) loaded = g_task_propagate_pointer (G_TASK (result), &error);
  SgDraft *draft;

  if (loaded == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("Drafts are not being saved: %s"), error->message);
      gtk_label_set_label (self->save_label, msg);
      return;
    }
  draft = loaded->draft;

  if (self->keep_typed)
    {
      /* The new draft takes what was typed; it is saved at once. */
      self->keep_typed = FALSE;
      self->draft_id = draft->id;
      sg_photo_strip_set_draft (self->photo_strip, get_store (self), self->draft_id);
      sg_consent_bar_set_draft (self->consent_bar, get_store (self), self->draft_id);
      self->dirty = TRUE;
      save_now (self, FALSE);
      remove_emergency_copy (self);
      return;
    }

  self->loading = TRUE;
  self->draft_id = draft->id;
  g_free (self->declaration_override);
  self->declaration_override = g_strdup (draft->declaration);
  gtk_text_buffer_set_text (self->buffer, draft->body != NULL ? draft->body : "", -1);
  gtk_editable_set_text (GTK_EDITABLE (self->title_entry), draft->title ? draft->title : "");
  sg_compose_page_set_platform (self, draft->platform);
  self->loading = FALSE;
  self->dirty = FALSE;

  sg_draft_checker_set_ignores (self->checker, (const char * const *) loaded->ignores);

  gtk_label_set_label (self->save_label, _("Saved"));
  update_length (self);
  sg_photo_strip_set_draft (self->photo_strip, get_store (self), self->draft_id);
  sg_consent_bar_set_draft (self->consent_bar, get_store (self), self->draft_id);
  sg_draft_checker_invalidate (self->checker, 0);
  g_signal_emit (self, signals[DRAFT_LOADED], 0);
}

static void
start_load (SgComposePage *self,
            LoadMode       mode,
            gint64         id)
{
  LoadRequest *request;

  if (get_store (self) == NULL)
    return;

  request = g_new0 (LoadRequest, 1);
  request->mode = mode;
  request->id = id;
  request->platform = g_settings_get_string (sg_context_get_settings (self->context),
                                             "default-platform");
  sg_store_job_run_full (self, get_store (self), self->cancellable, load_job, request,
                         (GDestroyNotify) load_request_free, (GDestroyNotify) loaded_free,
                         loaded_cb, NULL);
}

static void
load_draft (SgComposePage *self,
            gint64         id)
{
  save_now (self, FALSE);
  start_load (self, LOAD_ID, id);
}

/* Simple store jobs that return nothing but success */

static void
job_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_task_propagate_pointer (G_TASK (result), &error);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    add_toast (SG_COMPOSE_PAGE (object), sg_toast_new_plain (error->message));
}

typedef struct {
  gint64  id;
  char   *rule_id;
  char   *match;
} IgnoreJob;

static void
ignore_job_free (IgnoreJob *job)
{
  g_free (job->rule_id);
  g_free (job->match);
  g_free (job);
}

static gpointer
ignore_job (SgStore   *store,
            gpointer   data,
            GError   **error)
{
  IgnoreJob *job = data;

  return sg_drafts_add_ignore (store, job->id, job->rule_id, job->match, error)
         ? GINT_TO_POINTER (1) : NULL;
}

static gpointer
watch_job (SgStore   *store,
           gpointer   data,
           GError   **error)
{
  return sg_watch_list_add (store, data, "other", error)
         ? GINT_TO_POINTER (1) : NULL;
}

static gpointer
delete_job (SgStore   *store,
            gpointer   data,
            GError   **error)
{
  return sg_drafts_set_deleted (store, GPOINTER_TO_SIZE (data), TRUE, error)
         ? GINT_TO_POINTER (1) : NULL;
}

static gpointer
undelete_job (SgStore   *store,
              gpointer   data,
              GError   **error)
{
  return sg_drafts_set_deleted (store, GPOINTER_TO_SIZE (data), FALSE, error)
         ? GINT_TO_POINTER (1) : NULL;
}

static gpointer
watch_list_job (SgStore   *store,
                gpointer   data,
                GError   **error)
{
  return sg_watch_list_load (store, error);
}

static void
watch_list_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  SgComposePage *self = SG_COMPOSE_PAGE (object);
  g_auto(GStrv) terms = g_task_propagate_pointer (G_TASK (result), NULL);
  SgAnalyzer *analyzer = sg_context_get_analyzer (self->context);

  if (terms != NULL && analyzer != NULL)
    {
      sg_analyzer_set_watch_list (analyzer, (const char * const *) terms);
      sg_draft_checker_invalidate (self->checker, 0);
    }
}

static void
refresh_watch_list (SgComposePage *self)
{
  SgStore *store = get_store (self);

  if (store != NULL)
    sg_store_job_run_full (self, store, self->cancellable, watch_list_job, NULL, NULL,
                           (GDestroyNotify) g_strfreev, watch_list_loaded_cb, NULL);
}

static void
watch_added_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SgComposePage *self = SG_COMPOSE_PAGE (object);
  g_autoptr(GError) error = NULL;

  g_task_propagate_pointer (G_TASK (result), &error);
  if (error != NULL)
    {
      add_toast (self, sg_toast_new_plain (error->message));
      return;
    }
  refresh_watch_list (self);
}

/* Row actions */

/* What an "ignored everywhere" toast's Undo gives back. */
typedef struct {
  GSettings *settings;   /* the handler goes with them */
  char      *rule_id;
} UndoIgnoreRule;

static void
undo_ignore_rule_free (gpointer  data,
                       GClosure *closure)
{
  UndoIgnoreRule *undo = data;

  g_free (undo->rule_id);
  g_free (undo);
}

static void
undo_ignore_rule_cb (AdwToast       *toast,
                     UndoIgnoreRule *undo)
{
  GSettings *settings = undo->settings;
  const char *rule_id = undo->rule_id;
  g_auto(GStrv) ignored = g_settings_get_strv (settings, "ignored-rules");
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) kept = NULL;

  for (guint i = 0; ignored[i] != NULL; i++)
    if (g_strcmp0 (ignored[i], rule_id) != 0)
      g_strv_builder_add (b, ignored[i]);
  kept = g_strv_builder_end (b);
  g_settings_set_strv (settings, "ignored-rules", (const char * const *) kept);
}

static void
row_action_cb (SgComposePage *self,
               const char    *action,
               SgFindingRow  *row)
{
  SgFinding *finding = sg_finding_row_get_finding (row);
  GtkTextIter start, end;

  if (g_str_equal (action, "apply-fix"))
    {
      const SgFix *fix = sg_finding_row_get_text_fix (row);

      if (fix == NULL)
        return;
      if (sg_finding_get_attachment (finding) >= 0)
        {
          if (g_str_equal (fix->kind, "clean-photo"))
            sg_photo_strip_clean (self->photo_strip, sg_finding_get_attachment (finding));
          else
            sg_photo_strip_replace_alt (self->photo_strip, sg_finding_get_attachment (finding),
                                        sg_finding_get_start (finding),
                                        sg_finding_get_end (finding), fix->replacement);
          return;
        }
      sg_finding_row_get_bounds (row, &start, &end);
      /* One user action, so Ctrl+Z undoes the whole fix. */
      gtk_text_buffer_begin_user_action (self->buffer);
      gtk_text_buffer_delete (self->buffer, &start, &end);
      gtk_text_buffer_insert (self->buffer, &start, fix->replacement, -1);
      gtk_text_buffer_end_user_action (self->buffer);
    }
  else if (g_str_equal (action, "ignore-here"))
    {
      IgnoreJob *job = g_new0 (IgnoreJob, 1);

      sg_draft_checker_ignore (self->checker, finding);
      job->id = self->draft_id;
      job->rule_id = g_strdup (sg_finding_get_rule_id (finding));
      job->match = g_strdup (sg_finding_get_match (finding));
      if (self->draft_id >= 0)
        sg_store_job_run (self, get_store (self), self->cancellable, ignore_job, job,
                          (GDestroyNotify) ignore_job_free, job_done_cb, NULL);
      else
        ignore_job_free (job);
      {
        /* Said, so an ignore is never silent; a "do not post" still asks for its reason. */
        g_autofree char *title =
          sg_finding_get_severity (finding) == SG_SEVERITY_ERROR
          ? g_strdup_printf (_("“%s” is ignored in this draft; it still needs a reason before "
                               "posting"), sg_finding_get_match (finding))
          : g_strdup_printf (_("“%s” is ignored in this draft"), sg_finding_get_match (finding));

        add_toast (self, sg_toast_new_plain (title));
      }
      sg_draft_checker_invalidate (self->checker, 0);
    }
  else if (g_str_equal (action, "ignore-rule"))
    {
      GSettings *settings = sg_context_get_settings (self->context);
      g_auto(GStrv) ignored = g_settings_get_strv (settings, "ignored-rules");
      g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
      g_auto(GStrv) updated = NULL;
      g_autofree char *title = NULL;
      UndoIgnoreRule *undo;
      AdwToast *toast;

      g_strv_builder_addv (b, (const char **) ignored);
      g_strv_builder_add (b, sg_finding_get_rule_id (finding));
      updated = g_strv_builder_end (b);
      g_settings_set_strv (settings, "ignored-rules", (const char * const *) updated);

      /* Translators: %s is the title of a rule. */
      title = g_strdup_printf (_("“%s” is ignored everywhere"), sg_finding_get_title (finding));
      toast = sg_toast_new_plain (title);
      adw_toast_set_button_label (toast, _("_Undo"));
      undo = g_new0 (UndoIgnoreRule, 1);
      undo->settings = settings;
      undo->rule_id = g_strdup (sg_finding_get_rule_id (finding));
      sg_signal_connect_data_object (toast, "button-clicked", G_CALLBACK (undo_ignore_rule_cb),
                                     undo, undo_ignore_rule_free, settings);
      add_toast (self, toast);

      sg_draft_checker_invalidate (self->checker, 0);
    }
  else if (g_str_equal (action, "record-consent"))
    sg_consent_bar_record (self->consent_bar);
  else if (g_str_equal (action, "add-to-watch-list"))
    {
      g_autofree char *title = g_strdup_printf (_("“%s” added to your watch-list"),
                                                sg_finding_get_match (finding));

      sg_store_job_run (self, get_store (self), self->cancellable, watch_job,
                        g_strdup (sg_finding_get_match (finding)), g_free, watch_added_cb, NULL);
      add_toast (self, sg_toast_new_plain (title));
    }
}

/* Editor */

static void
buffer_changed_cb (SgComposePage *self)
{
  update_length (self);

  if (self->loading)
    return;

  /* The checker watches the buffer itself. */
  gtk_label_set_label (self->save_label, _("Editing…"));
  schedule_save (self);
}

static void
title_changed_cb (SgComposePage *self)
{
  if (!self->loading)
    schedule_save (self);
}

static void
platform_changed_cb (SgComposePage *self)
{
  sg_draft_checker_set_platform (self->checker, sg_compose_page_get_platform (self));
  update_length (self);
  if (self->loading)
    return;
  sg_draft_checker_invalidate (self->checker, 0);
  schedule_save (self);
}

static gboolean
editor_query_tooltip_cb (SgComposePage *self,
                         int            x,
                         int            y,
                         gboolean       keyboard,
                         GtkTooltip    *tooltip)
{
  GtkTextIter iter;
  SgFinding *finding;
  int bx, by;

  if (keyboard)
    gtk_text_buffer_get_iter_at_mark (self->buffer, &iter,
                                      gtk_text_buffer_get_insert (self->buffer));
  else
    {
      gtk_text_view_window_to_buffer_coords (self->editor, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
      if (!gtk_text_view_get_iter_at_location (self->editor, &iter, bx, by))
        return FALSE;
    }

  finding = sg_guidance_sidebar_get_finding_at (self->sidebar, &iter);
  if (finding != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%s\n%s", sg_finding_get_title (finding),
                                               sg_finding_get_message (finding));
      gtk_tooltip_set_text (tooltip, text);
      return TRUE;
    }

  return FALSE;
}

/* Page actions */

static void
new_draft_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SgComposePage *self = SG_COMPOSE_PAGE (widget);

  save_now (self, FALSE);
  start_load (self, CREATE_NEW, -1);
  /* From the drafts list the popover would keep the focus, and what is typed next would go
   * nowhere: close it and write in the new draft. */
  if (self->drafts_popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->drafts_popover));
  gtk_widget_grab_focus (GTK_WIDGET (self->editor));
}

/* The draft a "Draft deleted" toast's Undo brings back. */
typedef struct {
  SgComposePage *self;   /* the handler goes with the page */
  gint64         draft_id;
} UndoDelete;

static void
undo_delete_free (gpointer  data,
                  GClosure *closure)
{
  g_free (data);
}

static void
undo_delete_cb (AdwToast   *toast,
                UndoDelete *undo)
{
  SgComposePage *self = undo->self;
  gint64 id = undo->draft_id;

  sg_store_job_run (self, get_store (self), self->cancellable, undelete_job,
                    GSIZE_TO_POINTER (id), NULL, job_done_cb, NULL);
  load_draft (self, id);
}

static void
delete_draft_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SgComposePage *self = SG_COMPOSE_PAGE (widget);
  UndoDelete *undo;
  AdwToast *toast;

  if (self->draft_id < 0)
    return;

  save_now (self, FALSE);
  sg_store_job_run (self, get_store (self), self->cancellable, delete_job,
                    GSIZE_TO_POINTER (self->draft_id), NULL, job_done_cb, NULL);

  toast = adw_toast_new (_("Draft deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  undo = g_new0 (UndoDelete, 1);
  undo->self = self;
  undo->draft_id = self->draft_id;
  sg_signal_connect_data_object (toast, "button-clicked", G_CALLBACK (undo_delete_cb), undo,
                                 undo_delete_free, self);
  add_toast (self, toast);

  self->draft_id = -1;
  start_load (self, LOAD_LATEST_OR_CREATE, -1);
}

static void
copy_final_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SgComposePage *self = SG_COMPOSE_PAGE (widget);
  g_autofree char *text = get_final_text (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  add_toast (self, adw_toast_new (_("Copied to the clipboard")));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  sg_find_bar_open (SG_COMPOSE_PAGE (widget)->find_bar);
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SgComposePage *self = SG_COMPOSE_PAGE (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
switch_focus_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SgComposePage *self = SG_COMPOSE_PAGE (widget);
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (sg_guidance_sidebar_get_list (self->sidebar), 0);

  if (gtk_widget_is_focus (GTK_WIDGET (self->editor)) && first != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (first));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->editor));
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
  j->id = self->draft_id;
  if (g_str_equal (response, "save"))
    {
      j->text = g_strstrip (g_strdup (gtk_editable_get_text (sg_declaration_dialog_get_wording (dialog))));
      j->removed = sg_declaration_dialog_dup_removed (dialog);
      j->reason = g_strstrip (g_strdup (gtk_editable_get_text (sg_declaration_dialog_get_reason (dialog))));
    }

  g_free (self->declaration_override);
  self->declaration_override = g_strdup (j->text);
  if (self->draft_id >= 0)
    sg_store_job_run (self, get_store (self), self->cancellable, declaration_job, j,
                      (GDestroyNotify) declaration_job_free, job_done_cb, NULL);
  else
    declaration_job_free (j);

  update_length (self);
  sg_draft_checker_invalidate (self->checker, 0);
}

static void
edit_declaration_action (GtkWidget  *widget,
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

/* Publishing: the pre-flight check, then copy, share or post, logged (SgPublishFlow) */

static void
publish_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SgComposePage *self = SG_COMPOSE_PAGE (widget);
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *final_text = NULL;
  SgPublishRequest request;

  /* A photo still being read or cleaned is not in the findings yet: wait for it. */
  if (sg_photo_strip_is_busy (self->photo_strip))
    {
      add_toast (self, adw_toast_new (_("One moment: the photos are still being prepared")));
      return;
    }

  /* In the sidebar's order, so the sheet reads the same way. */
  findings = sg_guidance_sidebar_list_findings (self->sidebar);

  final_text = get_final_text (self);
  request = (SgPublishRequest) {
    .platform = sg_compose_page_get_platform (self),
    .draft_id = self->draft_id,
    .final_text = final_text,
    .declaration = self->declaration,
    .findings = findings,
    .ignored_errors = sg_draft_checker_get_ignored_errors (self->checker),
    .photos = sg_photo_strip_get_photos (self->photo_strip),
    .consent = sg_consent_bar_get_consent (self->consent_bar),
  };
  sg_publish_flow_start (self->publish_flow, &request);
}

/* One direct post at a time: the action comes back when the post has landed or failed. */
static void
publish_busy_cb (SgComposePage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compose.publish",
                                 !sg_publish_flow_get_busy (self->publish_flow));
}

static void
published_cb (SgComposePage *self)
{
  g_signal_emit (self, signals[PUBLISHED], 0);
}

/* Checking a photo */

static void
photo_chosen_cb (GtkNativeDialog *chooser,
                 int              response,
                 SgComposePage   *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    gtk_window_present (sg_photo_check_window_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                            file));
  g_object_unref (chooser);
}

static void
check_photo_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Check a Photo"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Check"), _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Photos"));
  gtk_file_filter_add_pixbuf_formats (filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (photo_chosen_cb), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Attaching photos: a button, drag and drop, or paste */

static void
photos_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  SgComposePage   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      GList *list = NULL;

      for (guint i = g_list_model_get_n_items (files); i > 0; i--)
        list = g_list_prepend (list, g_list_model_get_item (files, i - 1));
      sg_photo_strip_add_files (self->photo_strip, list);
      g_list_free_full (list, g_object_unref);
    }
  g_object_unref (chooser);
}

static void
attach_photos_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Attach Photos"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Photos"));
  gtk_file_filter_add_pixbuf_formats (filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (photos_chosen_cb), widget, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         SgComposePage *self)
{
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      sg_photo_strip_add_files (self->photo_strip, g_value_get_boxed (value));
      return TRUE;
    }
  if (G_VALUE_HOLDS (value, GDK_TYPE_TEXTURE))
    {
      sg_photo_strip_add_texture (self->photo_strip, g_value_get_object (value));
      return TRUE;
    }
  return FALSE;
}

static void
pasted_files_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SgComposePage) self = user_data;
  const GValue *value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (object), result, NULL);

  if (value != NULL && G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    sg_photo_strip_add_files (self->photo_strip, g_value_get_boxed (value));
}

static void
pasted_texture_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SgComposePage) self = user_data;
  g_autoptr(GdkTexture) texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (object),
                                                                     result, NULL);

  if (texture != NULL)
    sg_photo_strip_add_texture (self->photo_strip, texture);
}

/* Files copied in Files, or a picture (a screenshot) with no text beside it, become photos of
 * the post; anything else is pasted as text, as usual. */
static void
paste_clipboard_cb (GtkTextView   *editor,
                    SgComposePage *self)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (editor));
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);

  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    {
      g_signal_stop_emission_by_name (editor, "paste-clipboard");
      gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT,
                                      self->cancellable, pasted_files_cb, g_object_ref (self));
    }
  else if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE) &&
           !gdk_content_formats_contain_mime_type (formats, "text/plain") &&
           !gdk_content_formats_contain_mime_type (formats, "text/plain;charset=utf-8"))
    {
      g_signal_stop_emission_by_name (editor, "paste-clipboard");
      gdk_clipboard_read_texture_async (clipboard, self->cancellable, pasted_texture_cb,
                                        g_object_ref (self));
    }
}

static void
photos_changed_cb (SgComposePage *self)
{
  /* The photos' findings are worked out with the text's. */
  sg_draft_checker_schedule (self->checker, 0);
}

static void
photos_message_cb (SgComposePage *self,
                   const char    *message)
{
  AdwToast *toast = sg_toast_new_plain (message);

  /* Each answers what the user just did to a photo: shown now, not behind older toasts. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  add_toast (self, toast);
}

/* Drafts list */

/* Saved first, so the list shows the draft being written as it is now. */
static void
drafts_opening_cb (SgComposePage *self)
{
  save_now (self, FALSE);
}

static void
draft_activated_cb (SgComposePage *self,
                    gint64         id)
{
  if (id != self->draft_id)
    load_draft (self, id);
}

/* The list is made the first time the Drafts button opens (click, Enter or a test's
 * gtk_menu_button_popup), not with the page: it reads the store each time it opens anyway. */
static void
create_drafts_popover_cb (GtkMenuButton *button,
                          gpointer       data)
{
  SgComposePage *self = data;

  if (self->drafts_popover != NULL)
    return;
  self->drafts_popover = g_object_new (SG_TYPE_DRAFTS_POPOVER, NULL);
  if (self->context != NULL)
    sg_drafts_popover_set_context (self->drafts_popover, self->context);
  g_signal_connect_object (self->drafts_popover, "opening", G_CALLBACK (drafts_opening_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->drafts_popover, "draft-activated",
                           G_CALLBACK (draft_activated_cb), self, G_CONNECT_SWAPPED);
  gtk_menu_button_set_popover (button, GTK_WIDGET (self->drafts_popover));
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
  update_length (self);
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

/* Application state */

static void
store_changed_cb (SgComposePage *self)
{
  if (get_store (self) != NULL && self->draft_id < 0)
    {
      g_autofree char *text = get_text (self);

      /* Text typed while there was no store (it was damaged, busy or being restored) is
       * what the user is working on: it becomes a new draft instead of being replaced by the
       * restored one. */
      self->keep_typed = self->dirty && *g_strstrip (text) != '\0';
      start_load (self, self->keep_typed ? CREATE_NEW : LOAD_LATEST_OR_CREATE, -1);
      refresh_watch_list (self);
      sg_compose_page_reload_interests (self);
    }
}

static void
analyzer_changed_cb (SgComposePage *self)
{
  sg_draft_checker_invalidate (self->checker, 0);
}

void
sg_compose_page_set_context (SgComposePage *self,
                                 SgContext     *context)
{
  g_autofree char *platform = NULL;

  g_return_if_fail (SG_IS_COMPOSE_PAGE (self));
  g_return_if_fail (SG_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = context;
  sg_draft_checker_set_context (self->checker, context);
  if (self->drafts_popover != NULL)
    sg_drafts_popover_set_context (self->drafts_popover, context);
  sg_publish_flow_set_context (self->publish_flow, context);
  platform = g_settings_get_string (sg_context_get_settings (context), "default-platform");
  self->spell = sg_spell_checker_new (self->editor, sg_context_get_settings (context));
  self->loading = TRUE;
  sg_compose_page_set_platform (self, platform);
  self->loading = FALSE;

  g_signal_connect_object (context, "notify::store", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  {
    const char *keys[] = { "changed::declare-all-active", "changed::declare-nothing",
                           "changed::declarations-page-url", "changed::declaration-window-months",
                           /* the server's own length limit (SgServerLimits applies it first) */
                           "changed::mastodon-limits", "changed::mastodon-server" };
    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      g_signal_connect_object (sg_context_get_settings (context), keys[i],
                               G_CALLBACK (update_length), self, G_CONNECT_SWAPPED);
  }
  g_signal_connect_object (context, "notify::analyzer", G_CALLBACK (analyzer_changed_cb),
                           self, G_CONNECT_SWAPPED);
  store_changed_cb (self);
  analyzer_changed_cb (self);
}

/* GObject */

static void
sg_compose_page_dispose (GObject *object)
{
  SgComposePage *self = SG_COMPOSE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->publish_flow != NULL)
    {
      /* A post still under way reports to nobody: the page is going. */
      sg_publish_flow_cancel (self->publish_flow);
      g_signal_handlers_disconnect_by_data (self->publish_flow, self);
      g_clear_object (&self->publish_flow);
    }
  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_object (&self->spell);
  if (self->checker != NULL)
    {
      sg_guidance_sidebar_set_checker (self->sidebar, NULL);
      g_signal_handlers_disconnect_by_data (self->checker, self);
      sg_draft_checker_clear (self->checker);
      g_clear_object (&self->checker);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_COMPOSE_PAGE);
  self->drafts_popover = NULL;   /* went with its button */
  /* The template's root child has no id, so dispose_template leaves it: unparent it here. */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }

  G_OBJECT_CLASS (sg_compose_page_parent_class)->dispose (object);
}

static void
sg_compose_page_finalize (GObject *object)
{
  SgComposePage *self = SG_COMPOSE_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->matcher, sg_interest_matcher_free);
  g_clear_pointer (&self->relevant, g_ptr_array_unref);
  g_free (self->declaration_override);
  g_free (self->declaration);
  g_free (self->declared_text);
  g_free (self->declared_key);

  G_OBJECT_CLASS (sg_compose_page_parent_class)->finalize (object);
}

static void
sg_compose_page_class_init (SgComposePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_compose_page_dispose;
  object_class->finalize = sg_compose_page_finalize;

  signals[FINDINGS_CHANGED] =
    g_signal_new ("findings-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[PUBLISHED] =
    g_signal_new ("published", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[DRAFT_LOADED] =
    g_signal_new ("draft-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/SocialGuard/ui/sg-compose-page.ui");
  g_type_ensure (SG_TYPE_FIND_BAR);
  g_type_ensure (SG_TYPE_GUIDANCE_SIDEBAR);
  g_type_ensure (SG_TYPE_PHOTO_STRIP);
  gtk_widget_class_bind_template_child (widget_class, SgComposePage, declaration_label);
  gtk_widget_class_bind_template_child (widget_class, SgComposePage, ad_check);
  gtk_widget_class_bind_template_child (widget_class, SgComposePage, declaration_revealer);
  gtk_widget_class_bind_template_child (widget_class, SgComposePage, drafts_button);
  gtk_widget_class_bind_template_child (widget_class, SgComposePage, editor);
  gtk_widget_class_bind_template_child (widget_class, SgComposePage, flap);
  gtk_widget_class_bind_template_child (widget_class, SgComposePage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, SgComposePage, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, SgComposePage, length_label);
  gtk_widget_class_bind_template_child (widget_class, SgComposePage, photo_strip);
  gtk_widget_class_bind_template_child (widget_class, SgComposePage, platform_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SgComposePage, save_label);
  gtk_widget_class_bind_template_child (widget_class, SgComposePage, title_entry);
  gtk_widget_class_bind_template_child (widget_class, SgComposePage, find_bar);

  gtk_widget_class_install_action (widget_class, "compose.new-draft", NULL, new_draft_action);
  gtk_widget_class_install_action (widget_class, "compose.delete-draft", NULL,
                                   delete_draft_action);
  gtk_widget_class_install_action (widget_class, "compose.copy-final", NULL, copy_final_action);
  gtk_widget_class_install_action (widget_class, "compose.switch-focus", NULL,
                                   switch_focus_action);
  gtk_widget_class_install_action (widget_class, "compose.edit-declaration", NULL,
                                   edit_declaration_action);
  gtk_widget_class_install_action (widget_class, "compose.publish", NULL, publish_action);
  /* The page's own shortcuts. Application accels cannot reach these: the window's action
   * muxer has no "compose" group (it lives on this widget), so Ctrl+N, F6 and Ctrl+Shift+C
   * did nothing when pressed. Bindings work wherever the focus is inside the page. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "compose.new-draft", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_C, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "compose.copy-final", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, 0, "compose.switch-focus", NULL);
  gtk_widget_class_install_action (widget_class, "compose.toggle-sidebar", NULL,
                                   toggle_sidebar_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "compose.toggle-sidebar", NULL);
  gtk_widget_class_install_action (widget_class, "compose.find", NULL, find_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "compose.find",
                                       NULL);
  gtk_widget_class_install_action (widget_class, "compose.check-photo", NULL, check_photo_action);
  gtk_widget_class_install_action (widget_class, "compose.attach-photos", NULL, attach_photos_action);
}

/* When the window first shows Compose, the cursor is in the draft: a doctor opens the app to
 * write, and should not need 13 Tabs to get there. After GTK has picked its own first focus. */
static gboolean
focus_editor_idle (gpointer data)
{
  SgComposePage *self = data;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self->editor));
  return G_SOURCE_REMOVE;
}

static void
first_map_cb (SgComposePage *self)
{
  g_signal_handlers_disconnect_by_func (self, first_map_cb, NULL);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, focus_editor_idle, g_object_ref (self),
                   g_object_unref);
}

static void
sg_compose_page_init (SgComposePage *self)
{
  const char * const *ids = sg_platform_list_ids ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  sg_find_bar_set_view (self->find_bar, self->editor);

  self->draft_id = -1;
  self->cancellable = g_cancellable_new ();
  g_signal_connect_swapped (self->ad_check, "toggled", G_CALLBACK (update_length), self);
  self->publish_flow = sg_publish_flow_new (GTK_WIDGET (self));
  g_signal_connect_object (self->publish_flow, "notify::busy", G_CALLBACK (publish_busy_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->publish_flow, "published", G_CALLBACK (published_cb), self,
                           G_CONNECT_SWAPPED);
  self->buffer = gtk_text_view_get_buffer (self->editor);
  gtk_text_buffer_set_enable_undo (self->buffer, TRUE);

  self->checker = sg_draft_checker_new (self->buffer);
  sg_draft_checker_set_photo_strip (self->checker, self->photo_strip);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      const SgPlatform *p = sg_platform_lookup (ids[i], NULL);
      gtk_string_list_append (names, p != NULL ? p->name : ids[i]);
    }
  gtk_drop_down_set_model (self->platform_dropdown, G_LIST_MODEL (names));

  self->consent_bar = sg_guidance_sidebar_get_consent_bar (self->sidebar);
  sg_guidance_sidebar_set_checker (self->sidebar, self->checker);
  g_signal_connect_object (self->sidebar, "notify::verdict", G_CALLBACK (verdict_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar, "findings-changed", G_CALLBACK (findings_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar, "row-action", G_CALLBACK (row_action_cb), self,
                           G_CONNECT_SWAPPED);
  verdict_changed_cb (self);

  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (buffer_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->title_entry, "changed", G_CALLBACK (title_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->platform_dropdown, "notify::selected",
                           G_CALLBACK (platform_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "query-tooltip", G_CALLBACK (editor_query_tooltip_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sg_guidance_sidebar_get_list (self->sidebar), "row-activated", G_CALLBACK (row_activated_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_menu_button_set_create_popup_func (self->drafts_button, create_drafts_popover_cb, self,
                                         NULL);
  g_signal_connect_object (self->photo_strip, "changed", G_CALLBACK (photos_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->photo_strip, "message", G_CALLBACK (photos_message_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "paste-clipboard", G_CALLBACK (paste_clipboard_cb), self, 0);

  /* Photos dropped anywhere on the page are attached; the capture phase gets them before the
   * editor, which would otherwise insert their file names as text. */
  {
    GType types[] = { GDK_TYPE_FILE_LIST, GDK_TYPE_TEXTURE };
    GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);

    gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (target), GTK_PHASE_CAPTURE);
    g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
  }
  g_signal_connect (self, "map", G_CALLBACK (first_map_cb), NULL);
  g_object_bind_property (self->flap, "reveal-flap", self->sidebar_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  sg_draft_checker_set_platform (self->checker, sg_compose_page_get_platform (self));
  update_length (self);
}

SgPhotoStrip *
sg_compose_page_get_photo_strip (SgComposePage *self)
{
  g_return_val_if_fail (SG_IS_COMPOSE_PAGE (self), NULL);
  return self->photo_strip;
}

SgSpellChecker *
sg_compose_page_get_spell_checker (SgComposePage *self)
{
  g_return_val_if_fail (SG_IS_COMPOSE_PAGE (self), NULL);
  return self->spell;
}

GtkTextBuffer *
sg_compose_page_get_buffer (SgComposePage *self)
{
  g_return_val_if_fail (SG_IS_COMPOSE_PAGE (self), NULL);
  return self->buffer;
}

GtkListBox *
sg_compose_page_get_findings (SgComposePage *self)
{
  g_return_val_if_fail (SG_IS_COMPOSE_PAGE (self), NULL);
  return sg_guidance_sidebar_get_list (self->sidebar);
}

const char *
sg_compose_page_get_verdict (SgComposePage *self)
{
  g_return_val_if_fail (SG_IS_COMPOSE_PAGE (self), NULL);
  return sg_guidance_sidebar_get_verdict (self->sidebar);
}

void
sg_compose_page_set_posting_token (SgComposePage *self,
                                   const char    *token)
{
  g_return_if_fail (SG_IS_COMPOSE_PAGE (self));

  sg_publish_flow_set_posting_token (self->publish_flow, token);
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

gint64
sg_compose_page_get_draft_id (SgComposePage *self)
{
  g_return_val_if_fail (SG_IS_COMPOSE_PAGE (self), -1);
  return self->draft_id;
}
