/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sg-worker.h"

struct _SgWorkerQueue
{
  GQueue   pending;   /* GTask, not started yet */
  gboolean running;
};

typedef struct {
  SgWorkerFunc         func;
  gpointer             data;
  GDestroyNotify       destroy;
  GDestroyNotify       result_destroy;
  /* A queued job only: where it waits, and whom to tell once the next one has started. */
  SgWorkerQueue       *queue;
  GAsyncReadyCallback  callback;
  gpointer             user_data;
} Work;

static void
work_free (Work *w)
{
  if (w->destroy != NULL)
    w->destroy (w->data);
  g_free (w);
}

static void
work_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Work *w = task_data;
  GError *error = NULL;
  gpointer result = w->func (w->data, cancellable, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, w->result_destroy);
}

static GTask *
work_task (gpointer             source_object,
           GCancellable        *cancellable,
           SgWorkerFunc         func,
           gpointer             data,
           GDestroyNotify       destroy,
           GDestroyNotify       result_destroy,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  GTask *task = g_task_new (source_object, cancellable, callback, user_data);
  Work *w = g_new0 (Work, 1);

  w->func = func;
  w->data = data;
  w->destroy = destroy;
  w->result_destroy = result_destroy;
  g_task_set_source_tag (task, sg_worker_run);
  g_task_set_task_data (task, w, (GDestroyNotify) work_free);
  return task;
}

void
sg_worker_run (gpointer             source_object,
               GCancellable        *cancellable,
               SgWorkerFunc         func,
               gpointer             data,
               GDestroyNotify       destroy,
               GDestroyNotify       result_destroy,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (func != NULL);

  task = work_task (source_object, cancellable, func, data, destroy, result_destroy, callback,
                    user_data);
  g_task_run_in_thread (task, work_thread);
}

gpointer
sg_worker_get_data (GAsyncResult *result)
{
  Work *w;

  g_return_val_if_fail (G_IS_TASK (result) &&
                        g_task_get_source_tag (G_TASK (result)) == sg_worker_run, NULL);

  w = g_task_get_task_data (G_TASK (result));
  return w->data;
}

/* Queue */

static void
queue_start_next (SgWorkerQueue *queue)
{
  GTask *task;

  if (queue->running || (task = g_queue_pop_head (&queue->pending)) == NULL)
    return;
  queue->running = TRUE;
  g_task_run_in_thread (task, work_thread);
  g_object_unref (task);
}

static void
queue_job_done_cb (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Work *w = g_task_get_task_data (G_TASK (result));

  w->queue->running = FALSE;
  queue_start_next (w->queue);
  if (w->callback != NULL)
    w->callback (source_object, result, w->user_data);
}

SgWorkerQueue *
sg_worker_queue_new (void)
{
  SgWorkerQueue *queue = g_new0 (SgWorkerQueue, 1);

  g_queue_init (&queue->pending);
  return queue;
}

void
sg_worker_queue_free (SgWorkerQueue *queue)
{
  if (queue == NULL)
    return;
  g_queue_clear_full (&queue->pending, g_object_unref);
  g_free (queue);
}

void
sg_worker_queue_push (SgWorkerQueue       *queue,
                      gpointer             source_object,
                      GCancellable        *cancellable,
                      SgWorkerFunc         func,
                      gpointer             data,
                      GDestroyNotify       destroy,
                      GDestroyNotify       result_destroy,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task;
  Work *w;

  g_return_if_fail (queue != NULL);
  g_return_if_fail (func != NULL);

  task = work_task (source_object, cancellable, func, data, destroy, result_destroy,
                    queue_job_done_cb, NULL);
  w = g_task_get_task_data (task);
  w->queue = queue;
  w->callback = callback;
  w->user_data = user_data;
  g_queue_push_tail (&queue->pending, task);
  queue_start_next (queue);
}
