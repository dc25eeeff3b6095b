/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a finding's row asks for (apply its fix, ignore it here or everywhere, add its
 * words to the watch-list, record consent: the sidebar's typed signals, each with the row's
 * SgFindingItem) and where it points in the editor (part of SgComposePage:
 * sg-compose-page-private.h). */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-compose-page-private.h"
#include "sg-drafts.h"
#include "sg-signal.h"
#include "sg-store-job.h"
#include "sg-watch-list.h"


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

void
sg_compose_page_refresh_watch_list (SgComposePage *self)
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
  sg_compose_page_refresh_watch_list (self);
}

/* What a row asks for */

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

/* A row activated (clicked, or Enter on it): its words selected in the draft, or its photo
 * shown. */
static void
row_activated_cb (SgComposePage *self,
                  GtkListBoxRow *row)
{
  SgFindingItem *item;
  SgFinding *finding;
  GtkTextIter start, end;

  if (!SG_IS_FINDING_ROW (row))
    return;

  item = sg_finding_row_get_item (SG_FINDING_ROW (row));
  finding = sg_finding_item_get_finding (item);
  if (sg_finding_get_attachment (finding) >= 0)
    {
      sg_photo_strip_focus (self->photo_strip, sg_finding_get_attachment (finding));
      return;
    }

  if (!sg_finding_item_get_bounds (item, &start, &end))
    return;
  gtk_text_buffer_select_range (self->buffer, &start, &end);
  gtk_text_view_scroll_to_iter (self->editor, &start, 0.1, FALSE, 0, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->editor));
}

/* The fix: the finding's words replaced as one undoable edit, or the photo cleaned, or its
 * description mended. */
static void
fix_requested_cb (SgComposePage *self,
                  SgFindingItem *item)
{
  SgFinding *finding = sg_finding_item_get_finding (item);
  const SgFix *fix = sg_finding_item_get_text_fix (item);
  GtkTextIter start, end;

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
  /* The item has left the model (a newer analysis no longer finds it): nothing to fix. */
  if (!sg_finding_item_get_bounds (item, &start, &end))
    return;
  /* Typing inside the words since they were checked (the analysis follows 80 ms later): the
   * fix would replace what was just typed, so it waits for the next check instead. */
  {
    g_autofree char *now = gtk_text_buffer_get_slice (self->buffer, &start, &end, TRUE);

    if (sg_finding_get_match (finding) != NULL &&
        g_strcmp0 (now, sg_finding_get_match (finding)) != 0)
      {
        sg_toast_show (GTK_WIDGET (self),
                       _("Those words changed since they were checked. Try the fix again in "
                         "a moment."));
        return;
      }
  }
  /* One user action, so Ctrl+Z undoes the whole fix. */
  gtk_text_buffer_begin_user_action (self->buffer);
  gtk_text_buffer_delete (self->buffer, &start, &end);
  gtk_text_buffer_insert (self->buffer, &start, fix->replacement, -1);
  gtk_text_buffer_end_user_action (self->buffer);
}

static void
ignore_here_cb (SgComposePage *self,
                SgFindingItem *item)
{
  SgFinding *finding = sg_finding_item_get_finding (item);
  IgnoreJob *job = g_new0 (IgnoreJob, 1);
  g_autofree char *title = NULL;

  sg_draft_checker_ignore (self->checker, finding);
  job->id = sg_draft_buffer_get_id (self->draft);
  job->rule_id = g_strdup (sg_finding_get_rule_id (finding));
  job->match = g_strdup (sg_finding_get_match (finding));
  if (sg_draft_buffer_get_id (self->draft) >= 0)
    sg_store_job_run (self, get_store (self), self->cancellable, ignore_job, job,
                      (GDestroyNotify) ignore_job_free, sg_compose_page_job_done_cb, NULL);
  else
    ignore_job_free (job);

  /* Said, so an ignore is never silent; a "do not post" still asks for its reason. */
  title = sg_finding_get_severity (finding) == SG_SEVERITY_ERROR
          ? g_strdup_printf (_("“%s” is ignored in this draft; it still needs a reason before "
                               "posting"), sg_finding_get_match (finding))
          : g_strdup_printf (_("“%s” is ignored in this draft"), sg_finding_get_match (finding));
  add_toast (self, sg_toast_new_plain (title));
  sg_draft_checker_invalidate (self->checker, 0);
}

static void
ignore_everywhere_cb (SgComposePage *self,
                      SgFindingItem *item)
{
  SgFinding *finding = sg_finding_item_get_finding (item);
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

static void
add_to_watch_list_cb (SgComposePage *self,
                      SgFindingItem *item)
{
  SgFinding *finding = sg_finding_item_get_finding (item);
  g_autofree char *title = g_strdup_printf (_("“%s” added to your watch-list"),
                                            sg_finding_get_match (finding));

  sg_store_job_run (self, get_store (self), self->cancellable, watch_job,
                    g_strdup (sg_finding_get_match (finding)), g_free, watch_added_cb, NULL);
  add_toast (self, sg_toast_new_plain (title));
}

static void
consent_requested_cb (SgComposePage *self,
                      SgFindingItem *item)
{
  sg_consent_bar_record (self->consent_bar);
}

void
sg_compose_page_connect_sidebar (SgComposePage *self)
{
  g_signal_connect_object (self->sidebar, "fix-requested", G_CALLBACK (fix_requested_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar, "ignore-here", G_CALLBACK (ignore_here_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar, "ignore-everywhere", G_CALLBACK (ignore_everywhere_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar, "add-to-watch-list", G_CALLBACK (add_to_watch_list_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar, "consent-requested", G_CALLBACK (consent_requested_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sg_guidance_sidebar_get_list (self->sidebar), "row-activated",
                           G_CALLBACK (row_activated_cb), self, G_CONNECT_SWAPPED);
}

gboolean
sg_compose_page_editor_query_tooltip_cb (SgComposePage *self,
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
