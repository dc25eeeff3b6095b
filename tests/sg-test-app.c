/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the GUI tests ask of the application they start. */
#include "config.h"

#include "sg-compose-page.h"
#include "sg-test-app.h"

SgWindow *
sg_test_app_window (SgApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (SG_IS_WINDOW (window));
  return SG_WINDOW (window);
}

gboolean
sg_test_app_store_ready (gpointer app)
{
  return sg_context_get_store (sg_application_get_context (app)) != NULL;
}

gboolean
sg_test_app_ready (gpointer app)
{
  SgContext *context = sg_application_get_context (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  return SG_IS_WINDOW (window) && sg_context_get_store (context) != NULL &&
         sg_context_get_analyzer (context) != NULL &&
         sg_compose_page_get_draft_id (sg_window_get_compose_page (SG_WINDOW (window))) >= 0;
}

char *
sg_test_compose_text (SgComposePage *page)
{
  GtkTextBuffer *buffer = sg_compose_page_get_buffer (page);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

SgFindingRow *
sg_test_compose_find_row (SgComposePage *page,
                          const char    *rule_id)
{
  GtkListBox *list = sg_compose_page_get_findings (page);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (SG_IS_FINDING_ROW (child) &&
        g_strcmp0 (sg_finding_get_rule_id (sg_finding_row_get_finding (SG_FINDING_ROW (child))),
                   rule_id) == 0)
      return SG_FINDING_ROW (child);
  return NULL;
}
