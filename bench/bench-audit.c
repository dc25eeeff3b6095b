/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Audits one archive as the Past Posts page does (SgAudit on a worker thread, progress to the
 * main loop) and measures how long the main loop went without running: a 5 ms timeout records
 * the largest gap between its runs while the audit works. It also reads its own resident size
 * (VmRSS): once the rules are loaded and the store open (the baseline, what the app holds
 * anyway), at each tick during the audit (the peak), and after reading the flagged posts back
 * as the page lists them: every post as a head (no text or findings) and the bodies of as many
 * as the page keeps (CACHE_SIZE in past-posts/sg-past-posts-page-private.h, plus a screenful
 * bound to rows), or with --whole every post whole, as the page held them before (issue 14), to
 * compare the two in one run. Driven by bench-audit.py, which builds the archive and compares with
 * socialguard-check --jsonl on the same texts.
 * Usage: bench-audit [--whole] ARCHIVE DATABASE; prints one JSON line. */
#include "config.h"

#include "bench-rss.h"

#include <stdio.h>
#include <string.h>

#include "sg-audit.h"
#include "sg-audits.h"
#include "sg-rule-pack.h"

/* CACHE_SIZE in src/gui/past-posts/sg-past-posts-page-private.h and the rows GTK 4.8's list
 * view makes at most. */
#define BODIES_KEPT (200 + 200)

typedef struct {
  GMainLoop *loop;
  gint64     last_tick;
  gint64     max_gap;
  guint      n_progress;
  gint64     id;
  GError    *error;
  gsize      peak_rss;
} Bench;

static gboolean
tick_cb (gpointer data)
{
  Bench *b = data;
  gint64 now = g_get_monotonic_time ();

  b->max_gap = MAX (b->max_gap, now - b->last_tick);
  b->peak_rss = MAX (b->peak_rss, bench_resident_bytes ());
  b->last_tick = g_get_monotonic_time ();
  return G_SOURCE_CONTINUE;
}

static void
progress_cb (SgAudit *audit,
             guint    n_done,
             double   fraction,
             Bench   *b)
{
  b->n_progress++;
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Bench *b = data;

  b->id = sg_audit_run_finish (SG_AUDIT (source), result, &b->error);
  g_main_loop_quit (b->loop);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SgRulePack) pack = NULL;
  g_autoptr(SgAnalyzer) analyzer = NULL;
  g_autoptr(SgStore) store = NULL;
  g_autoptr(SgAudit) audit = NULL;
  g_autoptr(GError) error = NULL;
  const SgAuditRecord *r;
  Bench b = { 0 };
  g_autoptr(GPtrArray) listed = NULL;
  gint64 start;
  gsize base_rss, listed_rss;
  guint tick;
  gboolean whole = argc > 1 && g_str_equal (argv[1], "--whole");

  if (whole)
    argc--, argv++;
  if (argc != 3)
    {
      g_printerr ("usage: %s [--whole] ARCHIVE DATABASE\n", argv[0]);
      return 2;
    }
  pack = sg_rule_pack_load (NULL, &error);
  if (pack == NULL)
    g_error ("%s", error->message);
  analyzer = sg_analyzer_new (pack);
  store = sg_store_open (argv[2], SG_STORE_OPEN_NO_BACKUP, NULL, &error);
  if (store == NULL)
    g_error ("%s", error->message);

  base_rss = b.peak_rss = bench_resident_bytes ();
  b.loop = g_main_loop_new (NULL, FALSE);
  audit = sg_audit_new (store, analyzer, argv[1]);
  g_signal_connect (audit, "progress", G_CALLBACK (progress_cb), &b);
  tick = g_timeout_add (5, tick_cb, &b);

  start = b.last_tick = g_get_monotonic_time ();
  sg_audit_run_async (audit, NULL, done_cb, &b);
  g_main_loop_run (b.loop);
  g_source_remove (tick);
  if (b.id == 0)
    g_error ("%s", b.error->message);

  r = sg_audit_get_record (audit);
  printf ("{\"seconds\": %.3f, \"max_gap_ms\": %.1f, \"progress_events\": %u, "
          "\"checked\": %u, \"flagged\": %u, \"skipped\": %u, ",
          (g_get_monotonic_time () - start) / 1e6, b.max_gap / 1e3, b.n_progress,
          r->n_checked, r->n_flagged, r->n_skipped);

  /* What the page holds once the audit is shown: every flagged post, as it lists them. */
  listed = whole ? sg_audits_list_posts (store, b.id, &error)
                 : sg_audits_list_post_heads (store, b.id, &error);
  if (listed == NULL)
    g_error ("%s", error->message);
  if (!whole)
    {
      /* The bodies the page keeps at most: the last 200 read and the rows on screen. */
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GPtrArray) bodies = NULL;
      g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);

      for (guint i = 0; i < listed->len && i < BODIES_KEPT; i++)
        {
          gint64 id = sg_audit_item_get_id (g_ptr_array_index (listed, i));

          g_array_append_val (ids, id);
        }
      /* Keyed by the array's elements once it has stopped growing (and moving). */
      for (guint i = 0; i < ids->len; i++)
        g_hash_table_insert (by_id, &g_array_index (ids, gint64, i), g_ptr_array_index (listed, i));
      bodies = sg_audits_read_posts (store, (const gint64 *) (gpointer) ids->data, ids->len,
                                     &error);
      if (bodies == NULL)
        g_error ("%s", error->message);
      for (guint i = 0; i < bodies->len; i++)
        {
          SgAuditItem *post = g_ptr_array_index (bodies, i);
          gint64 id = sg_audit_item_get_id (post);

          sg_audit_item_set_body (g_hash_table_lookup (by_id, &id), sg_audit_item_get_text (post),
                                  sg_audit_item_get_content_warning (post),
                                  sg_audit_item_get_media (post),
                                  sg_audit_item_get_findings (post));
        }
    }
  listed_rss = bench_resident_bytes ();
  printf ("\"base_rss\": %" G_GSIZE_FORMAT ", \"audit_peak_rss\": %" G_GSIZE_FORMAT ", "
          "\"listed_rss\": %" G_GSIZE_FORMAT ", \"listed\": %u, \"whole\": %s}\n",
          base_rss, b.peak_rss, listed_rss, listed->len, whole ? "true" : "false");
  g_main_loop_unref (b.loop);
  return 0;
}
