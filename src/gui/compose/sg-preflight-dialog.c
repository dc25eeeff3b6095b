/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-preflight-dialog.h"

#include "sg-draft-photos.h"
#include "sg-finding.h"
#include "sg-language.h"
#include "sg-length.h"
#include "sg-platform.h"
#include "sg-publications.h"

struct _SgPreflightDialog
{
  AdwMessageDialog  parent_instance;

  GPtrArray        *reasons;          /* GtkEditable*: one for each "do not post" finding */
  GPtrArray        *reason_findings;  /* SgFinding*: what each of those reasons answers */
  /* Photos with checks left unticked, or a post over the limit: no reason lets it leave. */
  guint             n_blocking;
  AdwComboRow      *language_row;     /* when posting directly: the language of this post */
  GtkEditable      *language_code;    /* its "another language" code */
  AdwComboRow      *visibility_row;   /* posting to Mastodon: who can see it; else NULL */
  char             *visibility;       /* Mastodon's value for it, or NULL */
};

G_DEFINE_FINAL_TYPE (SgPreflightDialog, sg_preflight_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  PROP_0,
  PROP_VISIBILITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Mastodon's audiences, in the words of its own composer. */
static const struct {
  const char *value;
  const char *label;
} visibilities[] = {
  { "public", N_("Public") },
  { "unlisted", N_("Quiet public (not in public timelines)") },
  { "private", N_("Followers only") },
};

/* The languages offered for one post, first the setting's choices (Preferences keeps the
 * default), then any other by its ISO 639 code, then none. */
static const struct {
  const char *code;
  const char *label;
} languages[] = {
  { "en", N_("English") },
  { "cy", N_("Welsh (Cymraeg)") },
  { "ga", N_("Irish (Gaeilge)") },
  { "gd", N_("Scottish Gaelic (Gàidhlig)") },
  { "other", N_("Another Language…") },
  { "", N_("Not Stated") },
};
#define OTHER_LANGUAGE 4

/* Helpers */

/* An ISO 639-1 or -2 code as both services take it: two or three letters. */
static gboolean
language_code_valid (const char *code)
{
  gsize n = strlen (code);

  if (n < 2 || n > 3)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalpha (code[i]))
      return FALSE;
  return TRUE;
}

static GtkWidget *
boxed_list_new (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  return list;
}

/* A finding or a photo as a row: titles and drafts are plain text, and an "&" must not be
 * read as markup. */
static GtkWidget *
action_row_new (const char *title,
                const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
add_reason (SgPreflightDialog *self,
            GtkListBox        *list,
            SgFinding         *finding,
            const char        *prompt)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), prompt);
  g_ptr_array_add (self->reasons, row);
  g_ptr_array_add (self->reason_findings, g_object_ref (finding));
  gtk_list_box_append (list, row);
}

static char *
append_paragraph (char       *body,
                  const char *more)
{
  char *joined = g_strconcat (body, "\n\n", more, NULL);

  g_free (body);
  return joined;
}

/* Callbacks */

static void
visibility_chosen_cb (SgPreflightDialog *self)
{
  guint i = adw_combo_row_get_selected (self->visibility_row);

  if (i < G_N_ELEMENTS (visibilities))
    sg_preflight_dialog_set_visibility (self, visibilities[i].value);
}

/* "Who can see it" when posting to Mastodon; everything posted may still be copied further
 * (GMC ¶12). It shows the dialog's "visibility" and sets it. */
static GtkWidget *
visibility_row_new (SgPreflightDialog *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();

  for (guint i = 0; i < G_N_ELEMENTS (visibilities); i++)
    gtk_string_list_append (labels, _(visibilities[i].label));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  self->visibility_row = ADW_COMBO_ROW (row);
  sg_preflight_dialog_set_visibility (self, self->visibility);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Who can see it on Mastodon"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Anything posted can be copied and shared further, whatever you "
                                 "choose."));
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (visibility_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  return row;
}

/* Errors must each be acknowledged with a reason before the text can leave. */
static void
reasons_changed_cb (SgPreflightDialog *self)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);
  gboolean all = self->n_blocking == 0;
  g_autofree char *language = sg_preflight_dialog_dup_language (self);

  for (guint i = 0; i < self->reasons->len; i++)
    {
      GtkEditable *reason = g_ptr_array_index (self->reasons, i);
      g_autofree char *r = g_strstrip (g_strdup (gtk_editable_get_text (reason)));

      all &= *r != '\0';
    }

  adw_message_dialog_set_response_enabled (dialog, "copy", all);
  if (adw_message_dialog_has_response (dialog, "share"))
    adw_message_dialog_set_response_enabled (dialog, "share", all);
  /* A half-typed language code would label the post wrongly: only posting waits for it. */
  if (adw_message_dialog_has_response (dialog, "post"))
    adw_message_dialog_set_response_enabled (dialog, "post",
                                             all && (language == NULL ||
                                                     *language == '\0' ||
                                                     language_code_valid (language)));
}

static void
language_chosen_cb (SgPreflightDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->language_code),
                          adw_combo_row_get_selected (self->language_row) == OTHER_LANGUAGE);
  reasons_changed_cb (self);
}

/* The post's language for Mastodon and Bluesky, proposed from the setting, or Welsh when the
 * post reads as Welsh; chosen here for this post only. */
static void
add_language_rows (SgPreflightDialog      *self,
                   GtkListBox             *list,
                   const SgPublishRequest *request,
                   GSettings              *settings)
{
  g_autofree char *setting = g_settings_get_string (settings, "post-language");
  g_autoptr(GString) own = g_string_new (request->final_text);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();
  GtkWidget *code = adw_entry_row_new ();
  const char *guess;
  const char *proposed = setting;

  /* The declaration is in the app's wording, not the writer's language. */
  if (request->declaration != NULL && *request->declaration != '\0')
    g_string_replace (own, request->declaration, "", 0);
  guess = sg_language_guess (own->str);
  if (guess != NULL && !g_str_equal (guess, setting))
    proposed = guess;

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    gtk_string_list_append (labels, _(languages[i].label));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_str_equal (proposed, languages[i].code))
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Language of This Post"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               proposed != setting
                               ? _("It reads as Welsh, so Welsh is proposed. Readers’ filters "
                                   "and translation go by it.")
                               : _("Readers’ filters and translation go by it. The usual one is "
                                   "set in Preferences."));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (code), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (code),
                                 _("Language code, such as fr or pl"));
  gtk_widget_set_visible (code, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Language of This Post"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (code), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Language code, such as fr or pl"), -1);

  self->language_row = ADW_COMBO_ROW (row);
  self->language_code = GTK_EDITABLE (code);
  gtk_list_box_append (list, row);
  gtk_list_box_append (list, code);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (language_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (code, "changed", G_CALLBACK (reasons_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/* GObject */

static void
sg_preflight_dialog_finalize (GObject *object)
{
  SgPreflightDialog *self = SG_PREFLIGHT_DIALOG (object);

  g_clear_pointer (&self->reasons, g_ptr_array_unref);
  g_clear_pointer (&self->reason_findings, g_ptr_array_unref);
  g_free (self->visibility);

  G_OBJECT_CLASS (sg_preflight_dialog_parent_class)->finalize (object);
}

static void
sg_preflight_dialog_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  SgPreflightDialog *self = SG_PREFLIGHT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_VISIBILITY:
      g_value_set_string (value, self->visibility);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_preflight_dialog_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  SgPreflightDialog *self = SG_PREFLIGHT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_VISIBILITY:
      sg_preflight_dialog_set_visibility (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_preflight_dialog_class_init (SgPreflightDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sg_preflight_dialog_finalize;
  object_class->get_property = sg_preflight_dialog_get_property;
  object_class->set_property = sg_preflight_dialog_set_property;

  /* Who can see the post on Mastodon ("public", "unlisted" or "private"): the publish flow
   * proposes the remembered one and posts with what it is when the sheet is answered. */
  properties[PROP_VISIBILITY] =
    g_param_spec_string ("visibility", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sg_preflight_dialog_init (SgPreflightDialog *self)
{
  self->reasons = g_ptr_array_new ();
  self->reason_findings = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Public API */

SgPreflightDialog *
sg_preflight_dialog_new (GtkWindow              *parent,
                         const SgPublishRequest *request,
                         gboolean                can_post,
                         const char             *visibility,
                         GSettings              *settings)
{
  const SgPlatform *platform;
  SgPreflightDialog *self;
  AdwMessageDialog *dialog;
  GtkWidget *list;
  guint n_errors = 0, n_warnings = 0, n_unchecked = 0, n_over = 0, n_flagged;
  g_autofree char *body = NULL;
  g_autofree char *consent_date = request->consent != NULL
                                  ? sg_consent_format_date (request->consent->given_on) : NULL;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (!can_post || G_IS_SETTINGS (settings), NULL);

  platform = sg_platform_lookup (request->platform, NULL);
  self = g_object_new (SG_TYPE_PREFLIGHT_DIALOG, "transient-for", parent, NULL);
  dialog = ADW_MESSAGE_DIALOG (self);
  self->visibility = g_strdup (visibility);
  list = boxed_list_new ();

  for (guint i = 0; i < request->findings->len; i++)
    {
      SgFinding *f = g_ptr_array_index (request->findings, i);
      g_autofree char *title = NULL;

      if (sg_finding_get_severity (f) < SG_SEVERITY_WARNING)
        continue;

      title = g_strdup_printf ("%s: “%s”", sg_finding_get_title (f), sg_finding_get_match (f));
      if (sg_finding_get_severity (f) == SG_SEVERITY_ERROR)
        {
          g_autofree char *prompt = g_strdup_printf (_("%s — why post it anyway?"), title);

          add_reason (self, GTK_LIST_BOX (list), f, prompt);
          n_errors++;
        }
      else if (consent_date != NULL &&
               sg_finding_get_category (f) == SG_CATEGORY_CONFIDENTIALITY)
        {
          /* The patient's recorded consent answers the warning: no reason is asked, but the
           * post is still read once more for what they did not agree to. */
          g_autofree char *note =
            g_strdup_printf (_("Consent recorded on %s: check you share only what they agreed "
                               "to"), consent_date);
          GtkWidget *row = action_row_new (title, note);

          adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                     gtk_image_new_from_icon_name ("emblem-ok-symbolic"));
          gtk_list_box_append (GTK_LIST_BOX (list), row);
          n_warnings++;
        }
      else
        {
          gtk_list_box_append (GTK_LIST_BOX (list),
                               action_row_new (title, sg_finding_get_message (f)));
          n_warnings++;
        }
    }

  /* "Ignore here" hides a "do not post" from the sidebar, not from this check: it still needs
   * its reason, which is logged like the others. */
  for (guint i = 0; i < request->ignored_errors->len; i++)
    {
      SgFinding *f = g_ptr_array_index (request->ignored_errors, i);
      g_autofree char *prompt =
        g_strdup_printf (_("%s: “%s” (ignored here) — why post it anyway?"),
                         sg_finding_get_title (f), sg_finding_get_match (f));

      add_reason (self, GTK_LIST_BOX (list), f, prompt);
      n_errors++;
    }

  /* Software cannot see what the picture checks ask about: each must be ticked by hand. */
  for (guint i = 0; i < request->photos->len; i++)
    {
      SgDraftPhoto *photo = g_ptr_array_index (request->photos, i);
      g_autofree char *name = NULL;
      g_autofree char *title = NULL;
      GtkWidget *row;

      if (sg_photo_checks_done (photo->checked))
        continue;
      name = g_path_get_basename (photo->original_path);
      title = g_strdup_printf (_("Photo %u, “%s”: the picture checks are not all ticked"),
                               i + 1, name);
      row = action_row_new (title, _("Go back, look at the picture and tick each check under "
                                     "the photo: SocialGuard cannot see what they ask about."));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("image-x-generic-symbolic"));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      n_unchecked++;
    }

  /* Over the limit the platform refuses the post or cuts it: it cannot leave like that, with
   * any reason. What is counted is what leaves: the text, the declaration and the Ad label. */
  if (platform != NULL && platform->limit > 0)
    {
      guint n = sg_length_count (platform, request->final_text, -1);

      if (n > platform->limit)
        {
          g_autofree char *title =
            g_strdup_printf (ngettext ("The post is %u character over %s’s limit of %u",
                                       "The post is %u characters over %s’s limit of %u",
                                       n - platform->limit),
                             n - platform->limit, platform->name, platform->limit);
          GtkWidget *row =
            action_row_new (title, request->declaration != NULL
                                   ? _("The declaration counts too. Shorten the post, or add a "
                                       "declarations page in Preferences to link to.")
                                   : _("Shorten the post before it leaves."));

          adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                     gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
          gtk_list_box_prepend (GTK_LIST_BOX (list), row);
          n_over = 1;
        }
    }
  self->n_blocking = n_unchecked + n_over;
  n_flagged = n_errors + n_warnings + n_unchecked + n_over;

  if (n_errors > 0)
    body = g_strdup_printf (ngettext ("%u serious problem is still in the post. Fix it, or give "
                                      "a reason to post anyway; the reason is kept in History.",
                                      "%u serious problems are still in the post. Fix them, or "
                                      "give a reason for each to post anyway; the reasons are "
                                      "kept in History.", n_errors), n_errors);
  else if (n_warnings > 0)
    body = g_strdup_printf (ngettext ("Check this item once more before the post leaves.",
                                      "Check these %u items once more before the post leaves.",
                                      n_warnings), n_warnings);
  else if (n_over > 0)
    body = g_strdup (_("The post is too long for this platform."));
  else if (n_unchecked > 0)
    body = g_strdup (_("Tick the picture checks of each photo first."));
  else
    body = g_strdup (_("Nothing is flagged. The final text, with any declaration, will be logged "
                       "in History."));

  /* What the log will keep with the post, whether or not anything is flagged. */
  if (request->consent != NULL)
    {
      g_autofree char *described = sg_consent_describe (request->consent->given_on,
                                                        request->consent->recorded_in,
                                                        request->consent->note);
      /* Translators: "…consent is recorded (given 12 Sep 2026, in their notes). It…" */
      g_autofree char *more =
        g_strdup_printf (_("The patient’s consent is recorded (%s). It is kept in History with "
                           "the post; "
                           "what could identify them is still checked."), described);

      body = append_paragraph (body, more);
    }

  /* Copy and share pages carry text only: say what happens to the photos. */
  if (request->photos->len > 0)
    body = append_paragraph (body, can_post
                                   ? _("Direct posting uploads the photos with the text. Copying "
                                       "and share pages take the text only: SocialGuard then "
                                       "shows clean copies of the photos, without location or "
                                       "device details, to drag or paste into the post.")
                                   : _("Copying and share pages take the text only: SocialGuard "
                                       "then shows clean copies of the photos, without location "
                                       "or device details, to drag or paste into the post."));

  /* Say plainly when a platform has no page to hand the text to. */
  if (platform != NULL && platform->share_url == NULL && !can_post)
    {
      g_autofree char *more = g_strdup_printf (_("%s has no share page: copy the text, then "
                                                 "paste it into the app."), platform->name);
      body = append_paragraph (body, more);
    }

  adw_message_dialog_set_heading (dialog, n_errors || n_unchecked || n_over
                                          ? _("Not Ready to Post") : _("Publish"));
  adw_message_dialog_set_body (dialog, body);
  {
    GtkWidget *extra = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
    gboolean any = FALSE;

    if (n_flagged > 0)
      {
        gtk_box_append (GTK_BOX (extra), list);
        any = TRUE;
      }
    else
      g_object_ref_sink (list), g_object_unref (list);
    if (can_post)
      {
        GtkWidget *options = boxed_list_new ();

        if (g_str_equal (request->platform, "mastodon"))
          gtk_list_box_append (GTK_LIST_BOX (options), visibility_row_new (self));
        add_language_rows (self, GTK_LIST_BOX (options), request, settings);
        gtk_box_append (GTK_BOX (extra), options);
        any = TRUE;
      }
    if (any)
      adw_message_dialog_set_extra_child (dialog, extra);
    else
      g_object_ref_sink (extra), g_object_unref (extra);
  }

  adw_message_dialog_add_response (dialog, "cancel", _("_Back to the Draft"));
  adw_message_dialog_add_response (dialog, "copy", _("_Copy Text"));
  if (platform != NULL && platform->share_url != NULL)
    adw_message_dialog_add_response (dialog, "share", _("_Open Share Page"));
  if (can_post)
    {
      g_autofree char *label = g_strdup_printf (_("_Post to %s"), platform ? platform->name
                                                                          : request->platform);
      adw_message_dialog_add_response (dialog, "post", label);
    }
  /* "Post anyway" is never the default: Enter goes back to the draft when anything is flagged. */
  adw_message_dialog_set_default_response (dialog, n_flagged ? "cancel" : "copy");
  if (n_flagged == 0)
    adw_message_dialog_set_response_appearance (dialog, "copy", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");

  for (guint i = 0; i < self->reasons->len; i++)
    g_signal_connect_object (g_ptr_array_index (self->reasons, i), "changed",
                             G_CALLBACK (reasons_changed_cb), self, G_CONNECT_SWAPPED);
  reasons_changed_cb (self);
  return self;
}

GPtrArray *
sg_preflight_dialog_dup_acknowledgements (SgPreflightDialog *self)
{
  GPtrArray *acks;

  g_return_val_if_fail (SG_IS_PREFLIGHT_DIALOG (self), NULL);

  acks = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_acknowledgement_free);
  for (guint i = 0; i < self->reasons->len; i++)
    {
      SgFinding *finding = g_ptr_array_index (self->reason_findings, i);
      GtkEditable *reason = g_ptr_array_index (self->reasons, i);
      SgAcknowledgement *ack = g_new0 (SgAcknowledgement, 1);

      ack->rule_id = g_strdup (sg_finding_get_rule_id (finding));
      ack->match = g_strdup (sg_finding_get_match (finding));
      ack->reason = g_strstrip (g_strdup (gtk_editable_get_text (reason)));
      g_ptr_array_add (acks, ack);
    }
  return acks;
}

char *
sg_preflight_dialog_dup_language (SgPreflightDialog *self)
{
  guint i;

  g_return_val_if_fail (SG_IS_PREFLIGHT_DIALOG (self), NULL);

  if (self->language_row == NULL)
    return NULL;
  i = adw_combo_row_get_selected (self->language_row);
  if (i == OTHER_LANGUAGE)
    return g_ascii_strdown (g_strstrip (g_strdup (gtk_editable_get_text (self->language_code))), -1);
  return g_strdup (i < G_N_ELEMENTS (languages) ? languages[i].code : "");
}

const char *
sg_preflight_dialog_get_visibility (SgPreflightDialog *self)
{
  g_return_val_if_fail (SG_IS_PREFLIGHT_DIALOG (self), NULL);

  return self->visibility;
}

void
sg_preflight_dialog_set_visibility (SgPreflightDialog *self,
                                    const char        *visibility)
{
  g_return_if_fail (SG_IS_PREFLIGHT_DIALOG (self));

  /* The row shows it, when there is one; a value it does not offer leaves it as it was. */
  if (self->visibility_row != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (visibilities); i++)
      if (g_strcmp0 (visibility, visibilities[i].value) == 0)
        adw_combo_row_set_selected (self->visibility_row, i);
  if (g_strcmp0 (self->visibility, visibility) == 0)
    return;
  g_free (self->visibility);
  self->visibility = g_strdup (visibility);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBILITY]);
}

GPtrArray *
sg_preflight_dialog_get_reasons (SgPreflightDialog *self)
{
  g_return_val_if_fail (SG_IS_PREFLIGHT_DIALOG (self), NULL);
  return self->reasons;
}
