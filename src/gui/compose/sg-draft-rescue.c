/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "sg-draft-rescue.h"

/* Nothing but (ASCII) white space, as g_strstrip() sees it. */
gboolean
sg_draft_rescue_is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

char *
sg_draft_rescue_path (const char *store_path)
{
  return store_path != NULL ? g_strconcat (store_path, ".unsaved-draft.txt", NULL) : NULL;
}

gboolean
sg_draft_rescue_write (const char *store_path,
                       const char *text)
{
  g_autofree char *path = sg_draft_rescue_path (store_path);

  g_return_val_if_fail (text != NULL, FALSE);

  if (path == NULL || sg_draft_rescue_is_blank (text))
    return FALSE;
  return g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL);
}

void
sg_draft_rescue_remove (const char *store_path)
{
  g_autofree char *path = sg_draft_rescue_path (store_path);

  if (path != NULL)
    g_unlink (path);
}

char *
sg_draft_rescue_keep (const char *store_path,
                      const char *text)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S");
  g_autofree char *path = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (store_path == NULL)
    return NULL;
  path = g_strdup_printf ("%s.unsaved-draft-%s.txt", store_path, stamp);
  if (!g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL))
    return NULL;
  return g_steal_pointer (&path);
}
