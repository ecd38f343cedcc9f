/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * PwPageCache: the pages of a lazily paged list model, at most a fixed
 * number of them, the least recently used going first; and which pages
 * are being fetched. Clearing the cache starts a new generation, so that a
 * fetch that started before can tell that its result is stale. Plain C,
 * tested without a display.
 */
typedef struct _PwPageCache PwPageCache;

PwPageCache *pw_page_cache_new            (guint        max_pages);
void         pw_page_cache_free           (PwPageCache *self);
GPtrArray   *pw_page_cache_lookup         (PwPageCache *self,
                                           guint        page);
GPtrArray   *pw_page_cache_peek           (PwPageCache *self,
                                           guint        page);
void         pw_page_cache_insert         (PwPageCache *self,
                                           guint        page,
                                           GPtrArray   *items);
gboolean     pw_page_cache_remove         (PwPageCache *self,
                                           guint        page);
void         pw_page_cache_remove_from    (PwPageCache *self,
                                           guint        first_page);
void         pw_page_cache_clear          (PwPageCache *self);
gboolean     pw_page_cache_is_pending     (PwPageCache *self,
                                           guint        page);
void         pw_page_cache_set_pending    (PwPageCache *self,
                                           guint        page,
                                           gboolean     pending);
guint        pw_page_cache_get_n_pending  (PwPageCache *self);
guint        pw_page_cache_get_generation (PwPageCache *self);
guint        pw_page_cache_get_n_pages    (PwPageCache *self);
guint        pw_page_cache_get_max_pages  (PwPageCache *self);
GArray      *pw_page_cache_list_pages     (PwPageCache *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwPageCache, pw_page_cache_free)

G_END_DECLS
