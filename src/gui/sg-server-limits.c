/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A Mastodon server chooses its own post length: glitch-soc and many UK health servers allow
 * far more than 500. Counting against 500 there blocks posts the server would take, so the
 * limit comes from the server when one is signed in (issue 20 point 12). */
#include "config.h"

#include "sg-server-limits.h"

#include "sg-error.h"
#include "sg-mastodon-client.h"
#include "sg-platform.h"

#define STALE_AFTER (7 * G_TIME_SPAN_DAY)

struct _SgServerLimits
{
  GObject       parent_instance;

  GSettings    *settings;
  GCancellable *cancellable;   /* the read in flight, for the server it was asked of */
};

G_DEFINE_FINAL_TYPE (SgServerLimits, sg_server_limits, G_TYPE_OBJECT)

/* The kept answer applies only to the server it came from. */
static void
apply (SgServerLimits *self)
{
  g_autofree char *server = g_settings_get_string (self->settings, "mastodon-server");
  g_autofree char *asked = NULL;
  guint32 max = 0, url = 0;
  gint64 when = 0;

  g_settings_get (self->settings, "mastodon-limits", "(suux)", &asked, &max, &url, &when);
  if (*server != '\0' && g_str_equal (server, asked))
    sg_platform_set_limits ("mastodon", max, url);
  else
    sg_platform_set_limits ("mastodon", 0, 0);
}

typedef struct {
  SgServerLimits *self;   /* weak: the application may go first */
  char           *server;
} Read;

static void
read_free (Read *r)
{
  g_clear_weak_pointer (&r->self);
  g_free (r->server);
  g_free (r);
}

static void
limits_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Read *r = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  guint max = 0, url = 0;

  if (!sg_mastodon_read_limits_finish (result, &max, &url, &error) &&
      (r->self == NULL || error->domain != SG_ERROR))
    {
      /* Offline or stopped: ask again next time rather than keep "nothing said". */
      read_free (r);
      return;
    }
  if (r->self != NULL)
    {
      /* Set first, so whatever follows the setting's change counts with it already. */
      sg_platform_set_limits ("mastodon", max, url);
      g_settings_set (r->self->settings, "mastodon-limits", "(suux)", r->server, max, url,
                      g_date_time_to_unix (now));
    }
  read_free (r);
}

static void
refresh (SgServerLimits *self)
{
  g_autofree char *server = g_settings_get_string (self->settings, "mastodon-server");
  g_autofree char *asked = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  guint32 max = 0, url = 0;
  gint64 when = 0;
  Read *r;

  apply (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (*server == '\0')
    return;
  g_settings_get (self->settings, "mastodon-limits", "(suux)", &asked, &max, &url, &when);
  if (g_str_equal (server, asked) &&
      (g_date_time_to_unix (now) - when) * G_TIME_SPAN_SECOND < STALE_AFTER)
    return;

  self->cancellable = g_cancellable_new ();
  r = g_new0 (Read, 1);
  g_set_weak_pointer (&r->self, self);
  r->server = g_steal_pointer (&server);
  sg_mastodon_read_limits_async (r->server, self->cancellable, limits_read_cb, r);
}

static void
sg_server_limits_dispose (GObject *object)
{
  SgServerLimits *self = SG_SERVER_LIMITS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sg_server_limits_parent_class)->dispose (object);
}

static void
sg_server_limits_class_init (SgServerLimitsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sg_server_limits_dispose;
}

static void
sg_server_limits_init (SgServerLimits *self)
{
}

SgServerLimits *
sg_server_limits_new (GSettings *settings)
{
  SgServerLimits *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SG_TYPE_SERVER_LIMITS, NULL);
  self->settings = g_object_ref (settings);
  g_signal_connect_swapped (settings, "changed::mastodon-server", G_CALLBACK (refresh), self);
  g_signal_connect_swapped (settings, "changed::mastodon-limits", G_CALLBACK (apply), self);
  refresh (self);
  return self;
}
