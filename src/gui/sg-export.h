/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Saving a page for the user (History, the review schedule, the review history): where, then
 * the writing, the same way everywhere; and asking which file to import. */

typedef void (*SgExportChosen) (GtkWidget *widget,
                                GFile     *file);

/* Asks where to save, proposing @name; calls @chosen with the file unless cancelled. */
void sg_export_choose (GtkWidget      *widget,
                       const char     *title,
                       const char     *name,
                       SgExportChosen  chosen);
/* A chooser asking which file to import, its title @title, that calls @chosen with the file
 * unless cancelled; the caller adds its filters, if any, and shows it. */
GtkFileChooserNative *sg_export_new_import_chooser (GtkWidget      *widget,
                                                    const char     *title,
                                                    SgExportChosen  chosen);
/* Writes @contents (taken) to @file off the main loop, readable by the user only (exports
 * hold posts and account names), then says @done, or the error, in a toast. */
void sg_export_write  (GtkWidget      *widget,
                       GFile          *file,
                       char           *contents,
                       const char     *done);

/* A toast saying @done about @file, with "Show in Files" opening its folder with it selected. */
AdwToast *sg_export_toast_new (const char *done,
                               GFile      *file);

G_END_DECLS
