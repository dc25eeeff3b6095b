/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sg-store-job.h"
#include "sg-worker.h"

typedef struct {
  SgStore        *store;
  SgStoreJob      job;
  gpointer        data;
  GDestroyNotify  destroy;
} JobData;

static void
job_data_free (JobData *d)
{
  g_object_unref (d->store);
  if (d->destroy)
    d->destroy (d->data);
  g_free (d);
}

/* NULL, with @data freed, when there is no store to run on. */
static JobData *
job_data_new (SgStore        *store,
              SgStoreJob      job,
              gpointer        data,
              GDestroyNotify  destroy)
{
  JobData *d;

  if (store == NULL)
    {
      if (destroy != NULL)
        destroy (data);
      return NULL;
    }
  d = g_new0 (JobData, 1);
  d->store = g_object_ref (store);
  d->job = job;
  d->data = data;
  d->destroy = destroy;
  return d;
}

static gpointer
job_work (gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  JobData *d = data;

  return d->job (d->store, d->data, error);
}

gboolean
sg_store_job_run_full (gpointer             source_object,
                       SgStore             *store,
                       GCancellable        *cancellable,
                       SgStoreJob           job,
                       gpointer             data,
                       GDestroyNotify       destroy,
                       GDestroyNotify       result_destroy,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  JobData *d = job_data_new (store, job, data, destroy);

  if (d == NULL)
    return FALSE;
  sg_worker_run (source_object, cancellable, job_work, d, (GDestroyNotify) job_data_free,
                 result_destroy, callback, user_data);
  return TRUE;
}

gboolean
sg_store_job_push (SgWorkerQueue       *queue,
                   gpointer             source_object,
                   SgStore             *store,
                   GCancellable        *cancellable,
                   SgStoreJob           job,
                   gpointer             data,
                   GDestroyNotify       destroy,
                   GDestroyNotify       result_destroy,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  JobData *d = job_data_new (store, job, data, destroy);

  if (d == NULL)
    return FALSE;
  sg_worker_queue_push (queue, source_object, cancellable, job_work, d,
                        (GDestroyNotify) job_data_free, result_destroy, callback, user_data);
  return TRUE;
}

gboolean
sg_store_job_run (gpointer             source_object,
                  SgStore             *store,
                  GCancellable        *cancellable,
                  SgStoreJob           job,
                  gpointer             data,
                  GDestroyNotify       destroy,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  return sg_store_job_run_full (source_object, store, cancellable, job, data, destroy, NULL,
                                callback, user_data);
}
