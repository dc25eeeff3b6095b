/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sg-store-job.h"

typedef struct {
  SgStore        *store;
  SgStoreJob      job;
  gpointer        data;
  GDestroyNotify  destroy;
  GDestroyNotify  result_destroy;
} JobData;

static void
job_data_free (JobData *d)
{
  g_object_unref (d->store);
  if (d->destroy)
    d->destroy (d->data);
  g_free (d);
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  JobData *d = task_data;
  GError *error = NULL;
  gpointer result = d->job (d->store, d->data, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, d->result_destroy);
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
  g_autoptr(GTask) task = NULL;
  JobData *d;

  if (store == NULL)
    {
      if (destroy != NULL)
        destroy (data);
      return FALSE;
    }

  task = g_task_new (source_object, cancellable, callback, user_data);
  d = g_new0 (JobData, 1);
  d->store = g_object_ref (store);
  d->job = job;
  d->data = data;
  d->destroy = destroy;
  d->result_destroy = result_destroy;
  g_task_set_source_tag (task, sg_store_job_run);
  g_task_set_task_data (task, d, (GDestroyNotify) job_data_free);
  g_task_run_in_thread (task, job_thread);
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
