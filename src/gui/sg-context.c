/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sg-context.h"

struct _SgContext
{
  GObject     parent_instance;

  GSettings  *settings;
  char       *store_path;
  SgStore    *store;
  GError     *store_error;
  gboolean    store_busy;
  SgAnalyzer *analyzer;
};

G_DEFINE_FINAL_TYPE (SgContext, sg_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_STORE_ERROR,
  PROP_STORE_BUSY,
  PROP_ANALYZER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sg_context_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SgContext *self = SG_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_STORE_ERROR:
      g_value_set_boxed (value, self->store_error);
      break;
    case PROP_STORE_BUSY:
      g_value_set_boolean (value, self->store_busy);
      break;
    case PROP_ANALYZER:
      g_value_set_object (value, self->analyzer);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_context_finalize (GObject *object)
{
  SgContext *self = SG_CONTEXT (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->analyzer);
  g_clear_error (&self->store_error);
  g_free (self->store_path);

  G_OBJECT_CLASS (sg_context_parent_class)->finalize (object);
}

static void
sg_context_class_init (SgContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = sg_context_get_property;
  object_class->finalize = sg_context_finalize;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SG_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE_ERROR] =
    g_param_spec_boxed ("store-error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE_BUSY] =
    g_param_spec_boolean ("store-busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANALYZER] =
    g_param_spec_object ("analyzer", NULL, NULL, SG_TYPE_ANALYZER,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sg_context_init (SgContext *self)
{
}

SgContext *
sg_context_new (GSettings  *settings,
                const char *store_path)
{
  SgContext *self = g_object_new (SG_TYPE_CONTEXT, NULL);

  self->settings = g_object_ref (settings);
  self->store_path = g_strdup (store_path);
  return self;
}

GSettings *
sg_context_get_settings (SgContext *self)
{
  g_return_val_if_fail (SG_IS_CONTEXT (self), NULL);
  return self->settings;
}

SgStore *
sg_context_get_store (SgContext *self)
{
  g_return_val_if_fail (SG_IS_CONTEXT (self), NULL);
  return self->store;
}

const char *
sg_context_get_store_path (SgContext *self)
{
  g_return_val_if_fail (SG_IS_CONTEXT (self), NULL);
  return self->store_path;
}

const GError *
sg_context_get_store_error (SgContext *self)
{
  g_return_val_if_fail (SG_IS_CONTEXT (self), NULL);
  return self->store_error;
}

gboolean
sg_context_get_store_busy (SgContext *self)
{
  g_return_val_if_fail (SG_IS_CONTEXT (self), FALSE);
  return self->store_busy;
}

SgAnalyzer *
sg_context_get_analyzer (SgContext *self)
{
  g_return_val_if_fail (SG_IS_CONTEXT (self), NULL);
  return self->analyzer;
}

void
sg_context_set_store (SgContext    *self,
                      SgStore      *store,
                      const GError *error,
                      gboolean      busy)
{
  g_return_if_fail (SG_IS_CONTEXT (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (g_set_object (&self->store, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  if (error != self->store_error)
    {
      g_clear_error (&self->store_error);
      self->store_error = error != NULL ? g_error_copy (error) : NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE_ERROR]);
    }
  if (busy != self->store_busy)
    {
      self->store_busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE_BUSY]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* Notifies even when @analyzer is the one already held: its role may have changed. */
void
sg_context_set_analyzer (SgContext  *self,
                         SgAnalyzer *analyzer)
{
  g_return_if_fail (SG_IS_CONTEXT (self));

  g_set_object (&self->analyzer, analyzer);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANALYZER]);
}
