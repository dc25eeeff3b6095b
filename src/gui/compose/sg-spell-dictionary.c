/* SPDX-License-Identifier: GPL-3.0-or-later */
/* enchant dictionaries for the spell checker, with the clinical words (data/spelling/ and the
 * medicines lexicon) and the personal word list; and the languages Preferences offers. Nothing
 * here touches GTK: the main loop and the worker's check each read a dictionary with it. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sg-platform.h"
#include "sg-spell-checker-private.h"

/* Hunspell's en_GB is the dictionary asked for; Debian's ordering prefers aspell for en_*,
 * whose British list is older and misses words such as "paediatric". */
#define PROVIDER_ORDER "hunspell,nuspell,aspell"

/* Word lists */

/* The clinical words of data/spelling/, read once: drug names, anatomy and the abbreviations
 * of UK practice that a general dictionary does not know. */
static void
add_words_of_file (GStrvBuilder *builder,
                   const char   *path)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = NULL;

      if (lines[i][0] == '#')
        continue;
      /* "ACE inhibitor", "co-amoxiclav": the checker meets each word of a term alone */
      parts = g_strsplit_set (g_strstrip (lines[i]), " \t-", -1);
      for (guint j = 0; parts[j] != NULL; j++)
        if (parts[j][0] != '\0')
          g_strv_builder_add (builder, parts[j]);
    }
}

/* The clinical words, read once (g_once: the main loop's and the worker's dictionaries may ask
 * at the same time): data/spelling/ (ward shorthand, grades, colleges, anatomy) and the
 * medicines lexicon the engine already has, so a drug name is listed in one place. */
static const char * const *
clinical_words (void)
{
  static char **words;

  if (g_once_init_enter (&words))
    {
      g_autofree char *dir = g_build_filename (sg_get_data_dir (), "spelling", NULL);
      g_autofree char *medicines = g_build_filename (sg_get_data_dir (), "lexicons",
                                                     "medicines.txt", NULL);
      g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      const char *name;

      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        if (g_str_has_suffix (name, ".txt"))
          {
            g_autofree char *path = g_build_filename (dir, name, NULL);
            add_words_of_file (builder, path);
          }
      add_words_of_file (builder, medicines);
      g_once_init_leave (&words, g_strv_builder_end (builder));
    }

  return (const char * const *) words;
}

static char *
personal_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "socialguard", "personal-dictionary.txt",
                           NULL);
}

/* enchant appends to the file it is given: make it ours first, 0600 in a 0700 folder, since
 * a word added from a draft can be a name. */
static gboolean
ensure_personal_file (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    return FALSE;
  fd = g_open (path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0)
    return FALSE;
  fchmod (fd, 0600);
  close (fd);
  return TRUE;
}

/* Dictionaries */

SgSpellDict *
sg_spell_dict_load (const char *language)
{
  g_autofree char *path = personal_path ();
  SgSpellDict *d = g_new0 (SgSpellDict, 1);

  d->language = g_strdup (language);
  d->broker = enchant_broker_init ();
  enchant_broker_set_ordering (d->broker, language, PROVIDER_ORDER);
  d->dict = enchant_broker_request_dict (d->broker, language);
  if (d->dict != NULL)
    {
      const char * const *words = clinical_words ();

      for (guint i = 0; words[i] != NULL; i++)
        enchant_dict_add_to_session (d->dict, words[i], -1);
    }
  else
    d->problem = sg_spell_checker_missing_message (language);
  if (ensure_personal_file (path))
    d->personal = enchant_broker_request_pwl_dict (d->broker, path);
  return d;
}

void
sg_spell_dict_free (SgSpellDict *d)
{
  if (d == NULL)
    return;
  if (d->dict != NULL)
    enchant_broker_free_dict (d->broker, d->dict);
  if (d->personal != NULL)
    enchant_broker_free_dict (d->broker, d->personal);
  if (d->broker != NULL)
    enchant_broker_free (d->broker);
  g_free (d->language);
  g_free (d->problem);
  g_free (d);
}

gboolean
sg_spell_dict_check (SgSpellDict *d,
                     GHashTable  *accepted,
                     const char  *word,
                     gsize        len)
{
  g_autoptr(GString) norm = g_string_new_len (word, len);

  g_assert (d->dict != NULL);

  /* Dictionaries spell "don't" with a straight apostrophe; drafts often have the curly one. */
  g_string_replace (norm, "\xe2\x80\x99", "'", 0);
  if (accepted != NULL)
    {
      if (g_hash_table_contains (accepted, norm->str))
        return TRUE;
      /* As enchant's own lists do: a word ignored in lower case is ignored capitalised too. */
      if (g_unichar_isupper (g_utf8_get_char (norm->str)))
        {
          g_autofree char *lower = g_utf8_strdown (norm->str, norm->len);

          if (g_hash_table_contains (accepted, lower))
            return TRUE;
        }
    }
  if (enchant_dict_check (d->dict, norm->str, norm->len) <= 0)
    return TRUE;
  if (d->personal != NULL && enchant_dict_check (d->personal, norm->str, norm->len) <= 0)
    return TRUE;
  return FALSE;
}

/* Languages, for Preferences */

static void
list_dict_cb (const char * const lang_tag,
              const char * const provider_name,
              const char * const provider_desc,
              const char * const provider_file,
              void              *user_data)
{
  GPtrArray *langs = user_data;

  for (guint i = 0; i < langs->len; i++)
    if (g_strcmp0 (g_ptr_array_index (langs, i), lang_tag) == 0)
      return;
  g_ptr_array_add (langs, g_strdup (lang_tag));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

char **
sg_spell_checker_list_languages (void)
{
  EnchantBroker *broker = enchant_broker_init ();
  GPtrArray *langs = g_ptr_array_new ();

  enchant_broker_list_dicts (broker, list_dict_cb, langs);
  enchant_broker_free (broker);
  g_ptr_array_sort (langs, compare_strings);
  g_ptr_array_add (langs, NULL);
  return (char **) g_ptr_array_free (langs, FALSE);
}

/* The dictionaries a UK doctor is likely to have, by the name a reader knows them by; any
 * other is shown by its code. */
static const struct {
  const char *code;
  const char *name;
  const char *package;
} known_languages[] = {
  { "en_GB", N_("British English"), "hunspell-en-gb" },
  { "en_US", N_("American English"), "hunspell-en-us" },
  { "en_AU", N_("Australian English"), "hunspell-en-au" },
  { "en_CA", N_("Canadian English"), "hunspell-en-ca" },
  { "en_IE", N_("Irish English"), "hunspell-en-gb" },
  { "en", N_("English"), "hunspell-en-gb" },
  { "cy_GB", N_("Welsh"), "hunspell-cy" },
  { "cy", N_("Welsh"), "hunspell-cy" },
  { "ga_IE", N_("Irish"), "hunspell-ga" },
  { "gd_GB", N_("Scottish Gaelic"), "hunspell-gd" },
  { "fr_FR", N_("French"), "hunspell-fr" },
  { "de_DE", N_("German"), "hunspell-de-de" },
  { "es_ES", N_("Spanish"), "hunspell-es" },
};

char *
sg_spell_checker_describe_language (const char *language)
{
  g_return_val_if_fail (language != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (known_languages); i++)
    if (g_strcmp0 (language, known_languages[i].code) == 0)
      return g_strdup (_(known_languages[i].name));
  return g_strdup (language);
}

char *
sg_spell_checker_missing_message (const char *language)
{
  EnchantBroker *broker;
  gboolean exists;

  g_return_val_if_fail (language != NULL, NULL);

  broker = enchant_broker_init ();
  exists = enchant_broker_dict_exists (broker, language);
  enchant_broker_free (broker);
  if (exists)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (known_languages); i++)
    if (g_strcmp0 (language, known_languages[i].code) == 0)
      /* Translators: the first %s is a language ("British English"), the second a Debian
       * package name */
      return g_strdup_printf (_("No %s dictionary is installed, so spelling is not checked. "
                                "Install the %s package."),
                              _(known_languages[i].name), known_languages[i].package);
  /* Translators: %s is a language code such as "pt_BR" */
  return g_strdup_printf (_("No dictionary for “%s” is installed, so spelling is not checked. "
                            "Choose another language in Preferences."), language);
}
