/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's responsiveness while the Past Posts page audits an archive (issue 14: no
 * main-loop stall over 50 ms). The real window shows Past Posts, imports ARCHIVE as the Import
 * button does, and a 1 ms timeout at default priority records the longest time the main loop
 * went without reaching it: while the audit runs, and while its flagged posts are read back and
 * listed, until the list has settled (two seconds after it is shown). Beside it, a tick
 * callback keeps the window's frame clock running (as an animation would) and records the
 * longest time between two frames. It also reads its resident size (VmRSS) just before the
 * import (the baseline: window, rules and store), every 100 ms after, and at the end. Run
 * under Xvfb, with a fresh
 * XDG_DATA_HOME (the audit is stored there).
 * Usage: bench-past-posts-gaps ARCHIVE; prints one JSON line. */
#include "config.h"

#include "bench-rss.h"

#include <stdio.h>
#include <string.h>

#include "sg-application.h"
#include "sg-past-posts-page.h"
#include "sg-window.h"

typedef enum {
  PHASE_WAITING,     /* for the store and the rules */
  PHASE_SHOWING,     /* the page is built and shown, then left a second to settle */
  PHASE_AUDITING,
  PHASE_LISTING,     /* the audit is done: its posts are read back and listed */
  PHASE_SETTLING,
} Phase;

static struct {
  GApplication *app;
  SgWindow     *window;
  char         *archive;
  Phase         phase;
  gint64        last_tick;
  gint64        max_gap[PHASE_SETTLING + 1];
  gint64        last_paint;
  gint64        max_paint_gap;
  gint64        shown, started, audited, listed;
  guint         n_posts;
  gsize         base_rss, peak_rss, end_rss;
  gint64        last_rss;
} b;

static gboolean
quit_cb (gpointer data)
{
  b.end_rss = bench_resident_bytes ();
  b.peak_rss = MAX (b.peak_rss, b.end_rss);
  g_application_quit (b.app);
  return G_SOURCE_REMOVE;
}

static gboolean
probe_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();
  SgPastPostsPage *page;

  if (b.phase > PHASE_SHOWING)
    b.max_gap[b.phase] = MAX (b.max_gap[b.phase], now - b.last_tick);
  b.last_tick = now;
  if (b.phase > PHASE_SHOWING && now - b.last_rss >= G_USEC_PER_SEC / 10)
    {
      b.peak_rss = MAX (b.peak_rss, bench_resident_bytes ());
      b.last_rss = now = g_get_monotonic_time ();
      b.last_tick = now;
    }

  switch (b.phase)
    {
    case PHASE_WAITING:
      {
        SgContext *context = sg_application_get_context (SG_APPLICATION (b.app));

        if (sg_context_get_store (context) == NULL || sg_context_get_analyzer (context) == NULL ||
            !gtk_widget_get_mapped (GTK_WIDGET (b.window)))
          break;
        sg_window_set_page (b.window, "past-posts");
        b.shown = now;
        b.phase = PHASE_SHOWING;
      }
      break;
    case PHASE_SHOWING:
      if (now - b.shown >= G_USEC_PER_SEC)
        {
          g_autoptr(GFile) file = g_file_new_for_path (b.archive);

          page = sg_window_get_past_posts_page (b.window);
          b.base_rss = b.peak_rss = bench_resident_bytes ();
          b.phase = PHASE_AUDITING;
          b.started = b.last_paint = g_get_monotonic_time ();
          sg_past_posts_page_import (page, file);
          b.last_tick = g_get_monotonic_time ();
        }
      break;
    case PHASE_AUDITING:
      page = sg_window_get_past_posts_page (b.window);
      if (!sg_past_posts_page_is_running (page))
        {
          b.audited = now;
          b.phase = PHASE_LISTING;
        }
      break;
    case PHASE_LISTING:
      page = sg_window_get_past_posts_page (b.window);
      if (sg_past_posts_page_get_n_posts (page) > 0)
        {
          b.listed = now;
          b.n_posts = sg_past_posts_page_get_n_posts (page);
          b.phase = PHASE_SETTLING;
          g_timeout_add_seconds (2, quit_cb, NULL);
        }
      break;
    case PHASE_SETTLING:
    default:
      break;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
frame_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       data)
{
  gint64 now = g_get_monotonic_time ();

  if (b.phase > PHASE_SHOWING)
    b.max_paint_gap = MAX (b.max_paint_gap, now - b.last_paint);
  b.last_paint = now;
  return G_SOURCE_CONTINUE;
}

static void
activate_cb (GApplication *app)
{
  if (b.window != NULL)
    return;
  b.window = SG_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert (b.window != NULL);
  gtk_widget_add_tick_callback (GTK_WIDGET (b.window), frame_tick_cb, NULL, NULL);
  g_timeout_add (1, probe_cb, NULL);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (argc != 2)
    {
      g_printerr ("usage: %s ARCHIVE\n", argv[0]);
      return 2;
    }
  b.archive = g_canonicalize_filename (argv[1], NULL);
  b.app = G_APPLICATION (sg_application_new ());
  g_application_set_flags (b.app, G_APPLICATION_NON_UNIQUE);
  /* After the application's own handler has made and presented the window. */
  g_signal_connect_after (b.app, "activate", G_CALLBACK (activate_cb), NULL);
  status = g_application_run (b.app, 1, argv);
  if (b.n_posts == 0)
    {
      g_printerr ("the audit was not shown\n");
      return 1;
    }
  printf ("{\"audit_s\": %.2f, \"list_s\": %.2f, \"posts_listed\": %u, "
          "\"max_gap_auditing_ms\": %.1f, \"max_gap_listing_ms\": %.1f, "
          "\"max_gap_settling_ms\": %.1f, \"max_frame_gap_ms\": %.1f, "
          "\"base_rss\": %" G_GSIZE_FORMAT ", \"peak_rss\": %" G_GSIZE_FORMAT ", "
          "\"end_rss\": %" G_GSIZE_FORMAT "}\n",
          (b.audited - b.started) / 1e6, (b.listed - b.audited) / 1e6, b.n_posts,
          b.max_gap[PHASE_AUDITING] / 1e3, b.max_gap[PHASE_LISTING] / 1e3,
          b.max_gap[PHASE_SETTLING] / 1e3, b.max_paint_gap / 1e3,
          b.base_rss, b.peak_rss, b.end_rss);
  g_object_unref (b.app);
  g_free (b.archive);
  return status;
}
