/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sg-audit-item-list.h"

struct _SgAuditItemList
{
  GObject    parent_instance;

  GPtrArray *items;  /* SgAuditItem* */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SgAuditItemList, sg_audit_item_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return SG_TYPE_AUDIT_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return SG_AUDIT_ITEM_LIST (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  SgAuditItemList *self = SG_AUDIT_ITEM_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
sg_audit_item_list_finalize (GObject *object)
{
  SgAuditItemList *self = SG_AUDIT_ITEM_LIST (object);

  g_ptr_array_unref (self->items);

  G_OBJECT_CLASS (sg_audit_item_list_parent_class)->finalize (object);
}

static void
sg_audit_item_list_class_init (SgAuditItemListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sg_audit_item_list_finalize;
}

static void
sg_audit_item_list_init (SgAuditItemList *self)
{
}

SgAuditItemList *
sg_audit_item_list_new (GPtrArray *items)
{
  SgAuditItemList *self = g_object_new (SG_TYPE_AUDIT_ITEM_LIST, NULL);

  self->items = items != NULL ? items : g_ptr_array_new_with_free_func (g_object_unref);
  /* Exactly as many slots as posts: the array grew by doubling while they were read. */
  if (self->items->len > 0)
    {
      GPtrArray *fitted = g_ptr_array_new_full (self->items->len, g_object_unref);

      for (guint i = 0; i < self->items->len; i++)
        g_ptr_array_add (fitted, g_object_ref (g_ptr_array_index (self->items, i)));
      g_ptr_array_unref (self->items);
      self->items = fitted;
    }
  return self;
}
