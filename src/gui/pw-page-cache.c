/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-page-cache"

#include "config.h"

#include "pw-page-cache.h"

typedef struct
{
  guint      index;
  GPtrArray *items;
  GList     *link;      /* in PwPageCache.lru, whose data is this Page */
} Page;

struct _PwPageCache
{
  guint       max_pages;
  guint       generation;
  GHashTable *pages;    /* page index → Page */
  GQueue      lru;      /* most recently used first */
  GHashTable *pending;  /* page indexes being fetched */
};

static void
page_free (Page *page)
{
  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_free (page);
}

/**
 * pw_page_cache_new:
 * @max_pages: the most pages to keep, at least 1
 *
 * Returns: (transfer full): an empty cache
 */
PwPageCache *
pw_page_cache_new (guint max_pages)
{
  PwPageCache *self = g_new0 (PwPageCache, 1);

  self->max_pages = MAX (1, max_pages);
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)page_free);
  self->pending = g_hash_table_new (NULL, NULL);
  g_queue_init (&self->lru);

  return self;
}

void
pw_page_cache_free (PwPageCache *self)
{
  if (self == NULL)
    return;

  g_queue_clear (&self->lru);
  g_hash_table_unref (self->pages);
  g_hash_table_unref (self->pending);
  g_free (self);
}

/* Page indexes are stored as keys shifted by one, so that page 0 is not
 * NULL. */
#define KEY(page) GUINT_TO_POINTER ((page) + 1)

/**
 * pw_page_cache_lookup:
 *
 * Returns: (transfer none) (nullable): the items of @page, which becomes
 *   the most recently used, or %NULL when it is not cached
 */
GPtrArray *
pw_page_cache_lookup (PwPageCache *self,
                      guint        page)
{
  Page *found = g_hash_table_lookup (self->pages, KEY (page));

  if (found == NULL)
    return NULL;

  if (self->lru.head != found->link)
    {
      g_queue_unlink (&self->lru, found->link);
      g_queue_push_head_link (&self->lru, found->link);
    }

  return found->items;
}

/**
 * pw_page_cache_peek:
 *
 * Returns: (transfer none) (nullable): the items of @page, leaving the
 *   order of use as it is
 */
GPtrArray *
pw_page_cache_peek (PwPageCache *self,
                    guint        page)
{
  Page *found = g_hash_table_lookup (self->pages, KEY (page));

  return found != NULL ? found->items : NULL;
}

static void
remove_page (PwPageCache *self,
             Page        *page)
{
  g_queue_delete_link (&self->lru, page->link);
  g_hash_table_remove (self->pages, KEY (page->index));
}

/**
 * pw_page_cache_insert:
 * @items: (transfer full): the items of @page
 *
 * Stores @page as the most recently used one (replacing what was stored
 * for it) and drops the least recently used pages beyond the limit. The
 * page is no longer pending.
 */
void
pw_page_cache_insert (PwPageCache *self,
                      guint        page,
                      GPtrArray   *items)
{
  Page *found = g_hash_table_lookup (self->pages, KEY (page));

  g_hash_table_remove (self->pending, KEY (page));

  if (found != NULL)
    {
      g_ptr_array_unref (found->items);
      found->items = items;
      pw_page_cache_lookup (self, page);
      return;
    }

  found = g_new0 (Page, 1);
  found->index = page;
  found->items = items;
  g_queue_push_head (&self->lru, found);
  found->link = self->lru.head;
  g_hash_table_insert (self->pages, KEY (page), found);

  while (self->lru.length > self->max_pages)
    remove_page (self, g_queue_peek_tail (&self->lru));
}

/**
 * pw_page_cache_remove:
 *
 * Returns: whether @page was cached
 */
gboolean
pw_page_cache_remove (PwPageCache *self,
                      guint        page)
{
  Page *found = g_hash_table_lookup (self->pages, KEY (page));

  if (found == NULL)
    return FALSE;

  remove_page (self, found);
  return TRUE;
}

/**
 * pw_page_cache_remove_from:
 *
 * Drops @first_page and every page after it (the list got shorter).
 */
void
pw_page_cache_remove_from (PwPageCache *self,
                           guint        first_page)
{
  GList *l = self->lru.head;

  while (l != NULL)
    {
      Page *page = l->data;

      l = l->next;
      if (page->index >= first_page)
        remove_page (self, page);
    }
}

/**
 * pw_page_cache_clear:
 *
 * Drops every page, forgets the pending ones and starts a new generation.
 */
void
pw_page_cache_clear (PwPageCache *self)
{
  g_queue_clear (&self->lru);
  g_hash_table_remove_all (self->pages);
  g_hash_table_remove_all (self->pending);
  self->generation++;
}

gboolean
pw_page_cache_is_pending (PwPageCache *self,
                          guint        page)
{
  return g_hash_table_contains (self->pending, KEY (page));
}

void
pw_page_cache_set_pending (PwPageCache *self,
                           guint        page,
                           gboolean     pending)
{
  if (pending)
    g_hash_table_add (self->pending, KEY (page));
  else
    g_hash_table_remove (self->pending, KEY (page));
}

guint
pw_page_cache_get_n_pending (PwPageCache *self)
{
  return g_hash_table_size (self->pending);
}

/**
 * pw_page_cache_get_generation:
 *
 * Returns: a number that changes each time the cache is cleared
 */
guint
pw_page_cache_get_generation (PwPageCache *self)
{
  return self->generation;
}

guint
pw_page_cache_get_n_pages (PwPageCache *self)
{
  return self->lru.length;
}

guint
pw_page_cache_get_max_pages (PwPageCache *self)
{
  return self->max_pages;
}

/**
 * pw_page_cache_list_pages:
 *
 * Returns: (transfer full) (element-type guint): the cached page indexes,
 *   the most recently used first
 */
GArray *
pw_page_cache_list_pages (PwPageCache *self)
{
  GArray *pages = g_array_sized_new (FALSE, FALSE, sizeof (guint), self->lru.length);

  for (GList *l = self->lru.head; l != NULL; l = l->next)
    g_array_append_val (pages, ((Page *)l->data)->index);

  return pages;
}
