/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Time from process start to the first frame painted, for the real SocialGuard window
 * (`bench-first-frame`), a bare GtkWindow (`bench-first-frame --bare`), or the chrome alone
 * (`--skeleton`: a libadwaita window with a header bar, the view switcher over five empty pages
 * and a menu button, what any app of this shape pays before its own content), so they can be
 * compared in the same run. Built twice: `bench-first-frame` with the whole app linked, and
 * `bench-first-frame-bare` (SG_BENCH_BARE_ONLY) with libadwaita alone, the honest baseline —
 * the app binary's own --bare also pays for loading every library the app links. Prints
 * "first-frame-ms N" and "first-frame-rss-kb N" (the resident set when that frame is painted)
 * and exits after that frame. bench-first-frame-rounds.py runs them interleaved and gives the
 * medians. */
/* RUSAGE_THREAD */
#define _GNU_SOURCE
#include "config.h"

#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <adwaita.h>

#ifndef SG_BENCH_BARE_ONLY
#include "sg-application.h"
#include "sg-window.h"
#endif

static gint64 start_us;
static gboolean bare;
static gboolean skeleton;

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

/* CPU time in ms: of the main thread, and of the whole process (every thread). Beside the
 * wall time they say how much of the wait was the main thread's own work, and how much the
 * workers competed with it for the cores. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static double
process_cpu_ms (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000.0 +
         (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000.0;
}

static void
after_paint_cb (GdkFrameClock *clock,
                GApplication  *app)
{
  g_print ("first-frame-ms %.1f\n", (g_get_monotonic_time () - start_us) / 1000.0);
  g_print ("first-frame-rss-kb %" G_GUINT64_FORMAT "\n", rss_kb ());
  g_print ("first-frame-main-cpu-ms %.1f\n", thread_cpu_ms ());
  {
    struct rusage ru;

    getrusage (RUSAGE_THREAD, &ru);
    g_print ("first-frame-main-sys-ms %.1f\n", ru.ru_stime.tv_sec * 1000.0 + ru.ru_stime.tv_usec / 1000.0);
    g_print ("first-frame-main-faults %ld\n", ru.ru_minflt + ru.ru_majflt);
  }
  g_print ("first-frame-process-cpu-ms %.1f\n", process_cpu_ms ());
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

static GtkWidget *
skeleton_window_new (GApplication *app)
{
  static const char * const pages[][2] = {
    { "Compose", "document-edit-symbolic" },
    { "Privacy Review", "preferences-system-privacy-symbolic" },
    { "Interests", "view-list-bullet-symbolic" },
    { "History", "document-open-recent-symbolic" },
    { "Past Posts", "edit-find-symbolic" },
  };
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *title = adw_view_switcher_title_new ();
  GtkWidget *stack = adw_view_stack_new ();
  GtkWidget *menu = gtk_menu_button_new ();

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    adw_view_stack_add_titled_with_icon (ADW_VIEW_STACK (stack), adw_bin_new (), NULL,
                                         pages[i][0], pages[i][1]);
  gtk_widget_set_vexpand (stack, TRUE);
  adw_view_switcher_title_set_stack (ADW_VIEW_SWITCHER_TITLE (title), ADW_VIEW_STACK (stack));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu), "open-menu-symbolic");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), menu);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), stack);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  return window;
}

static void
activate_cb (GApplication *app)
{
  GtkWidget *window;

  if (skeleton)
    window = skeleton_window_new (app);
  else if (bare)
    {
      window = gtk_application_window_new (GTK_APPLICATION (app));
      gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
    }
#ifndef SG_BENCH_BARE_ONLY
  else
    window = GTK_WIDGET (sg_window_new (SG_APPLICATION (app)));
#else
  else
    g_assert_not_reached ();
#endif

  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GApplication) app = NULL;

  start_us = g_get_monotonic_time ();
  skeleton = argc > 1 && g_str_equal (argv[1], "--skeleton");
  bare = skeleton || (argc > 1 && g_str_equal (argv[1], "--bare"));
#ifdef SG_BENCH_BARE_ONLY
  bare = TRUE;
#endif

  if (bare)
    app = G_APPLICATION (adw_application_new ("org.example.SocialGuard.Bench",
                                              G_APPLICATION_NON_UNIQUE));
#ifndef SG_BENCH_BARE_ONLY
  else
    {
      sg_application_prepare_display ();
      app = G_APPLICATION (sg_application_new ());
      g_application_set_flags (app, G_APPLICATION_NON_UNIQUE);
    }
#endif

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (app, 1, argv);
}
