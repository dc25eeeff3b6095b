/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Time from process start to the first frame painted, for the real SocialGuard window
 * (`bench-first-frame`) or a bare GtkWindow (`bench-first-frame --bare`), so the two can be
 * compared in the same run. Prints "first-frame-ms N" and "first-frame-rss-kb N" (the resident
 * set when that frame is painted) and exits after that frame. bench-first-frame-rounds.py runs
 * the two interleaved and gives the medians. */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "sg-application.h"
#include "sg-window.h"

static gint64 start_us;
static gboolean bare;

/* VmRSS from /proc/self/status, in kB; 0 where there is no /proc. */
static guint64
rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "\nVmRSS:")) == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen ("\nVmRSS:"), NULL, 10);
}

static void
after_paint_cb (GdkFrameClock *clock,
                GApplication  *app)
{
  g_print ("first-frame-ms %.1f\n", (g_get_monotonic_time () - start_us) / 1000.0);
  g_print ("first-frame-rss-kb %" G_GUINT64_FORMAT "\n", rss_kb ());
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, app);
  g_application_quit (app);
}

static void
realize_cb (GtkWidget    *widget,
            GApplication *app)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), app);
}

static void
activate_cb (GApplication *app)
{
  GtkWidget *window;

  if (bare)
    {
      window = gtk_application_window_new (GTK_APPLICATION (app));
      gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
    }
  else
    window = GTK_WIDGET (sg_window_new (SG_APPLICATION (app)));

  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GApplication) app = NULL;

  start_us = g_get_monotonic_time ();
  bare = argc > 1 && g_str_equal (argv[1], "--bare");

  if (bare)
    app = G_APPLICATION (adw_application_new ("org.example.SocialGuard.Bench",
                                              G_APPLICATION_NON_UNIQUE));
  else
    {
      app = G_APPLICATION (sg_application_new ());
      g_application_set_flags (app, G_APPLICATION_NON_UNIQUE);
    }

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (app, 1, argv);
}
