/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store fixture the core tests share. */
#include "config.h"

#include <glib/gstdio.h>

#include "sg-test-store.h"

SgStore *
sg_test_store_open (const char  *prefix,
                    char       **dir_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strconcat (prefix, "-XXXXXX", NULL);
  g_autofree char *dir = g_dir_make_tmp (template, &error);
  g_autofree char *path = NULL;
  SgStore *store;

  g_assert_no_error (error);
  path = g_build_filename (dir, "sg.db", NULL);
  store = sg_store_open (path, SG_STORE_OPEN_NO_BACKUP, NULL, &error);
  g_assert_no_error (error);
  *dir_out = g_steal_pointer (&dir);
  return store;
}

void
sg_test_store_close (SgStore *store,
                     char    *dir)
{
  g_assert_finalize_object (store);
  sg_test_store_remove (dir);
}

void
sg_test_store_remove (char *dir)
{
  g_autofree char *path = g_build_filename (dir, "sg.db", NULL);
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (path, suffixes[i], NULL);
      g_unlink (p);
    }
  g_rmdir (dir);
  g_free (dir);
}
