/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sg-store.h"
#include "sg-worker.h"

G_BEGIN_DECLS

/* A read or write of the store, run on a worker thread so the window never waits on disk. */
typedef gpointer (*SgStoreJob) (SgStore   *store,
                                gpointer   data,
                                GError   **error);

/* Runs @job with its own reference to @store; @data is freed with @destroy afterwards.
 * @callback gets a GTask (source @source_object) whose pointer result is what @job
 * returned, or its error. With no store (it is still opening, or cannot be opened), @data is
 * freed, @callback is not called and FALSE is returned. */
gboolean sg_store_job_run (gpointer             source_object,
                           SgStore             *store,
                           GCancellable        *cancellable,
                           SgStoreJob           job,
                           gpointer             data,
                           GDestroyNotify       destroy,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data);
/* The same, for a job whose result must be freed with @result_destroy when nobody takes it
 * (the call was cancelled, or its callback did not propagate it). */
gboolean sg_store_job_run_full (gpointer             source_object,
                                SgStore             *store,
                                GCancellable        *cancellable,
                                SgStoreJob           job,
                                gpointer             data,
                                GDestroyNotify       destroy,
                                GDestroyNotify       result_destroy,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data);

/* The same, on @queue: jobs that must not overtake each other (one draft's saves, loads and
 * deletion) run one after another in the order pushed (see SgWorkerQueue). */
gboolean sg_store_job_push (SgWorkerQueue       *queue,
                            gpointer             source_object,
                            SgStore             *store,
                            GCancellable        *cancellable,
                            SgStoreJob           job,
                            gpointer             data,
                            GDestroyNotify       destroy,
                            GDestroyNotify       result_destroy,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data);

G_END_DECLS
