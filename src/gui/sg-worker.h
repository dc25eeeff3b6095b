/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Work run on a worker thread so the window never waits, for what is not only a read or write
 * of the store (that is sg-store-job.h): reading, previewing and cleaning photo files, and the
 * photo strip's jobs, which read a file and then write the store. */
typedef gpointer (*SgWorkerFunc) (gpointer       data,
                                  GCancellable  *cancellable,
                                  GError       **error);

/* Runs @func (@data) on a worker thread; @data is freed with @destroy afterwards. @callback
 * gets a GTask (source @source_object) whose pointer result is what @func returned (NULL
 * without an error is a success), or its error; a result nobody takes is freed with
 * @result_destroy. */
void     sg_worker_run       (gpointer             source_object,
                              GCancellable        *cancellable,
                              SgWorkerFunc         func,
                              gpointer             data,
                              GDestroyNotify       destroy,
                              GDestroyNotify       result_destroy,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data);
/* The @data given to sg_worker_run() or sg_worker_queue_push(), from @callback's result. */
gpointer sg_worker_get_data  (GAsyncResult        *result);

/* Jobs that must not overtake each other: each starts when the one before it has finished
 * and its callback is about to run, in the order pushed. A job pushed after its cancellable
 * was cancelled still runs in its turn, and its callback gets G_IO_ERROR_CANCELLED. The
 * queue must outlive its jobs: keep it in their source object, which each job holds. */
typedef struct _SgWorkerQueue SgWorkerQueue;

SgWorkerQueue *sg_worker_queue_new  (void);
void           sg_worker_queue_free (SgWorkerQueue       *queue);
void           sg_worker_queue_push (SgWorkerQueue       *queue,
                                     gpointer             source_object,
                                     GCancellable        *cancellable,
                                     SgWorkerFunc         func,
                                     gpointer             data,
                                     GDestroyNotify       destroy,
                                     GDestroyNotify       result_destroy,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);

G_END_DECLS
