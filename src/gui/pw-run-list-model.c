/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-run-list-model"

#include "config.h"

#include "pw-page-cache.h"
#include "pw-run-list-model.h"

/*
 * PwRunListModel: the flow runs a filter keeps, newest first, as a
 * GListModel that stays light with any number of runs. It knows how many
 * there are (one count through the backend) and fetches pages of them
 * only when a position is asked for, keeping a bounded number of pages.
 * Until its page arrives, a position holds a placeholder run without an
 * id; when it arrives, items-changed replaces the placeholders.
 *
 * It follows the backend's flow-run-changed signal, without polling: a
 * burst of changes becomes one refresh a moment later, which counts again
 * and fetches the cached pages again. Runs still at their position are
 * updated in place (their properties notify), so rows stay put; the others
 * are replaced.
 */

#define REFRESH_DELAY_MS 250

/* Reads run one or two at a time (the store does one at a time anyway);
 * the pages asked for meanwhile wait, the latest first, and only the few
 * latest: a page the view has long scrolled past is not read at all. */
#define MAX_IN_FLIGHT 2
#define MAX_WANTED 6

struct _PwRunListModel
{
  GObject          parent_instance;

  PwBackend       *backend;
  PwFlowRunFilter *filter;
  guint            page_size;
  PwPageCache     *cache;
  guint            n_items;
  gboolean         loading;
  GError          *error;

  /* for everything of the current filter; replaced on reload */
  GCancellable    *cancellable;
  guint            refresh_id;
  gboolean         refreshing;
  gboolean         refresh_again;
  guint            n_refresh_fetches;
  guint            serial;
  guint            n_fetches;
  guint            n_in_flight;
  GQueue           wanted;        /* GUINT_TO_POINTER (page + 1), latest first */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PwRunListModel, pw_run_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_BACKEND,
  PROP_FILTER,
  PROP_N_ITEMS,
  PROP_LOADING,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  PwRunListModel *self;
  guint           page;
  guint           generation;
  guint           serial;
  gboolean        refresh;
} Fetch;

static void fetch_page (PwRunListModel *self,
                        guint           page,
                        gboolean        refresh);
static void pump       (PwRunListModel *self);

/**
 * pw_run_list_model_new:
 *
 * Returns: (transfer full): a model of every run of @backend; set a
 *   filter to narrow it
 */
PwRunListModel *
pw_run_list_model_new (PwBackend *backend)
{
  g_return_val_if_fail (PW_IS_BACKEND (backend), NULL);

  return g_object_new (PW_TYPE_RUN_LIST_MODEL, "backend", backend, NULL);
}

/**
 * pw_run_list_model_is_placeholder:
 *
 * Returns: whether @run stands for a run whose page has not arrived yet
 */
gboolean
pw_run_list_model_is_placeholder (PwFlowRun *run)
{
  return run == NULL || pw_flow_run_get_id (run) == NULL;
}

static void
set_loading (PwRunListModel *self,
             gboolean        loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_error (PwRunListModel *self,
           const GError   *error)
{
  if (self->error == NULL && error == NULL)
    return;

  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/* A new number of runs, the positions that stay keeping their runs. */
static void
resize (PwRunListModel *self,
        guint           n_items)
{
  guint old = self->n_items;

  if (old == n_items)
    return;

  self->n_items = n_items;
  if (n_items < old)
    {
      pw_page_cache_remove_from (self->cache, (n_items + self->page_size - 1) / self->page_size);
      g_list_model_items_changed (G_LIST_MODEL (self), n_items, old - n_items, 0);
    }
  else
    {
      g_list_model_items_changed (G_LIST_MODEL (self), old, 0, n_items - old);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* Puts a fetched page in place: a run that is still where it was is
 * updated in place, the rest replaced; then tells the views. */
static void
apply_page (PwRunListModel *self,
            guint           page,
            GPtrArray      *fresh)
{
  GPtrArray *old = pw_page_cache_peek (self->cache, page);
  guint start = page * self->page_size;
  guint shown = self->n_items > start ? MIN (self->page_size, self->n_items - start) : 0;
  g_autoptr(GPtrArray) merged = NULL;
  guint first = G_MAXUINT, last = 0;

  if (old == NULL)
    {
      pw_page_cache_insert (self->cache, page, g_ptr_array_ref (fresh));
      if (shown > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), start, shown, shown);
      return;
    }

  merged = g_ptr_array_new_full (fresh->len, g_object_unref);
  for (guint i = 0; i < MAX (fresh->len, old->len); i++)
    {
      PwFlowRun *new_run = i < fresh->len ? g_ptr_array_index (fresh, i) : NULL;
      PwFlowRun *old_run = i < old->len ? g_ptr_array_index (old, i) : NULL;

      if (new_run != NULL && old_run != NULL &&
          g_strcmp0 (pw_flow_run_get_id (new_run), pw_flow_run_get_id (old_run)) == 0)
        {
          pw_flow_run_update_from (old_run, new_run);
          g_ptr_array_add (merged, g_object_ref (old_run));
          continue;
        }

      if (new_run != NULL)
        g_ptr_array_add (merged, g_object_ref (new_run));
      first = MIN (first, i);
      last = i;
    }

  pw_page_cache_insert (self->cache, page, g_steal_pointer (&merged));

  if (first < shown)
    {
      guint n = MIN (last, shown - 1) - first + 1;

      g_list_model_items_changed (G_LIST_MODEL (self), start + first, n, n);
    }
}

static void refresh_fetch_done (PwRunListModel *self);

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Fetch *fetch = user_data;
  g_autoptr(PwRunListModel) self = fetch->self;
  g_autoptr(GListModel) runs = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  gboolean current;

  runs = pw_backend_list_flow_runs_finish (PW_BACKEND (object), result, &error);
  current = fetch->generation == pw_page_cache_get_generation (self->cache);
  if (current)
    self->n_in_flight--;

  if (current)
    pw_page_cache_set_pending (self->cache, fetch->page, FALSE);
  if (fetch->refresh && current)
    refresh_fetch_done (self);

  if (runs == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && current)
        set_error (self, error);
      g_free (fetch);
      if (current)
        pump (self);
      return;
    }

  if (!current)
    {
      g_free (fetch);
      return;
    }

  items = g_ptr_array_new_full (g_list_model_get_n_items (runs), g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (runs); i++)
    g_ptr_array_add (items, g_list_model_get_item (runs, i));

  apply_page (self, fetch->page, items);

  /* A refresh began while this page was on its way: it may be older than
   * the change, so fetch it once more. */
  if (fetch->serial != self->serial && !fetch->refresh)
    fetch_page (self, fetch->page, TRUE);

  g_free (fetch);
  pump (self);
}

static void
start_fetch (PwRunListModel *self,
             guint           page,
             gboolean        refresh)
{
  Fetch *fetch = g_new0 (Fetch, 1);

  fetch->self = g_object_ref (self);
  fetch->page = page;
  fetch->generation = pw_page_cache_get_generation (self->cache);
  fetch->serial = self->serial;
  fetch->refresh = refresh;

  self->n_fetches++;
  self->n_in_flight++;
  pw_page_cache_set_pending (self->cache, page, TRUE);
  pw_backend_list_flow_runs_async (self->backend, self->filter,
                                   PW_FLOW_RUN_SORT_START_TIME_DESC,
                                   self->page_size, page * self->page_size,
                                   self->cancellable, fetch_cb, fetch);
}

/* Starts the latest wanted pages while there is room. */
static void
pump (PwRunListModel *self)
{
  while (self->n_in_flight < MAX_IN_FLIGHT && self->wanted.length > 0)
    {
      guint page = GPOINTER_TO_UINT (g_queue_pop_head (&self->wanted)) - 1;

      if (!pw_page_cache_is_pending (self->cache, page))
        start_fetch (self, page, FALSE);
    }
}

static void
fetch_page (PwRunListModel *self,
            guint           page,
            gboolean        refresh)
{
  gpointer key = GUINT_TO_POINTER (page + 1);

  /* A refresh reads its pages at once: they are few, and on view. */
  if (refresh)
    {
      self->n_refresh_fetches++;
      start_fetch (self, page, TRUE);
      return;
    }

  if (pw_page_cache_is_pending (self->cache, page))
    return;

  g_queue_remove (&self->wanted, key);
  g_queue_push_head (&self->wanted, key);
  while (self->wanted.length > MAX_WANTED)
    g_queue_pop_tail (&self->wanted);

  pump (self);
}

/* Refresh: after a change, count again and fetch the cached pages again. */

static void schedule_refresh (PwRunListModel *self);

static void
refresh_finished (PwRunListModel *self)
{
  self->refreshing = FALSE;
  if (self->refresh_again)
    {
      self->refresh_again = FALSE;
      schedule_refresh (self);
    }
}

static void
refresh_fetch_done (PwRunListModel *self)
{
  if (self->n_refresh_fetches == 0)
    return;

  if (--self->n_refresh_fetches == 0 && self->refreshing)
    refresh_finished (self);
}

typedef struct
{
  PwRunListModel *self;
  guint           generation;
  gboolean        refresh;
} Count;

static void
count_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Count *count = user_data;
  g_autoptr(PwRunListModel) self = count->self;
  g_autoptr(GError) error = NULL;
  gboolean refresh = count->refresh;
  gboolean current = count->generation == pw_page_cache_get_generation (self->cache);
  gint64 n;

  g_free (count);

  n = pw_backend_count_flow_runs_finish (PW_BACKEND (object), result, &error);
  if (!current)
    return;

  if (n < 0)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      set_error (self, error);
      set_loading (self, FALSE);
      if (refresh)
        refresh_finished (self);
      return;
    }

  set_error (self, NULL);

  if (!refresh)
    {
      /* A new filter: every position is new. */
      guint old = self->n_items;

      self->n_items = (guint)MIN (n, (gint64)G_MAXUINT);
      set_loading (self, FALSE);
      if (old > 0 || self->n_items > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), 0, old, self->n_items);
      if (old != self->n_items)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
      return;
    }

  resize (self, (guint)MIN (n, (gint64)G_MAXUINT));

  {
    g_autoptr(GArray) pages = pw_page_cache_list_pages (self->cache);

    for (guint i = 0; i < pages->len; i++)
      fetch_page (self, g_array_index (pages, guint, i), TRUE);

    if (self->n_refresh_fetches == 0)
      refresh_finished (self);
  }
}

static void
count (PwRunListModel *self,
       gboolean        refresh)
{
  Count *data = g_new0 (Count, 1);

  data->self = g_object_ref (self);
  data->generation = pw_page_cache_get_generation (self->cache);
  data->refresh = refresh;
  pw_backend_count_flow_runs_async (self->backend, self->filter, self->cancellable,
                                    count_cb, data);
}

static gboolean
refresh_cb (gpointer data)
{
  PwRunListModel *self = data;

  self->refresh_id = 0;
  if (self->loading)
    {
      /* The first count is on its way and may predate the change. */
      schedule_refresh (self);
      return G_SOURCE_REMOVE;
    }

  self->refreshing = TRUE;
  self->serial++;
  count (self, TRUE);

  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (PwRunListModel *self)
{
  if (self->refreshing)
    {
      self->refresh_again = TRUE;
      return;
    }

  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (REFRESH_DELAY_MS, refresh_cb, self);
}

static void
flow_run_changed_cb (PwRunListModel *self,
                     const char     *flow_run_id)
{
  schedule_refresh (self);
}

/**
 * pw_run_list_model_reload:
 *
 * Forgets every page and counts again, as for a new filter (after an
 * error, say).
 */
void
pw_run_list_model_reload (PwRunListModel *self)
{
  g_return_if_fail (PW_IS_RUN_LIST_MODEL (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->refreshing = FALSE;
  self->refresh_again = FALSE;
  self->n_refresh_fetches = 0;
  self->n_in_flight = 0;
  g_queue_clear (&self->wanted);

  pw_page_cache_clear (self->cache);
  set_error (self, NULL);
  set_loading (self, TRUE);
  count (self, FALSE);
}

PwBackend *
pw_run_list_model_get_backend (PwRunListModel *self)
{
  g_return_val_if_fail (PW_IS_RUN_LIST_MODEL (self), NULL);
  return self->backend;
}

/**
 * pw_run_list_model_get_filter:
 *
 * Returns: (transfer none) (nullable): the filter, %NULL for every run
 */
const PwFlowRunFilter *
pw_run_list_model_get_filter (PwRunListModel *self)
{
  g_return_val_if_fail (PW_IS_RUN_LIST_MODEL (self), NULL);
  return self->filter;
}

/**
 * pw_run_list_model_set_filter:
 * @filter: (nullable): which runs to show (copied), %NULL for all
 *
 * Shows the runs @filter keeps, counting them anew.
 */
void
pw_run_list_model_set_filter (PwRunListModel        *self,
                              const PwFlowRunFilter *filter)
{
  g_return_if_fail (PW_IS_RUN_LIST_MODEL (self));

  g_clear_pointer (&self->filter, pw_flow_run_filter_free);
  if (filter != NULL)
    self->filter = pw_flow_run_filter_copy (filter);

  pw_run_list_model_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

/**
 * pw_run_list_model_set_page_size:
 * @page_size: runs per fetch
 * @max_pages: pages kept at most
 *
 * Changes how the model pages (the benchmark tries sizes), then reloads.
 */
void
pw_run_list_model_set_page_size (PwRunListModel *self,
                                 guint           page_size,
                                 guint           max_pages)
{
  g_return_if_fail (PW_IS_RUN_LIST_MODEL (self));
  g_return_if_fail (page_size > 0);

  self->page_size = page_size;
  g_clear_pointer (&self->cache, pw_page_cache_free);
  self->cache = pw_page_cache_new (max_pages);
  pw_run_list_model_reload (self);
}

/**
 * pw_run_list_model_get_loading:
 *
 * Returns: whether the model is counting the runs of a new filter
 */
gboolean
pw_run_list_model_get_loading (PwRunListModel *self)
{
  g_return_val_if_fail (PW_IS_RUN_LIST_MODEL (self), FALSE);
  return self->loading;
}

/**
 * pw_run_list_model_get_error:
 *
 * Returns: (transfer none) (nullable): why the last count or page could
 *   not be read, %NULL when all went well
 */
const GError *
pw_run_list_model_get_error (PwRunListModel *self)
{
  g_return_val_if_fail (PW_IS_RUN_LIST_MODEL (self), NULL);
  return self->error;
}

/**
 * pw_run_list_model_find:
 *
 * Returns: the position of the run with @flow_run_id among the cached
 *   pages, or -1
 */
int
pw_run_list_model_find (PwRunListModel *self,
                        const char     *flow_run_id)
{
  g_autoptr(GArray) pages = NULL;

  g_return_val_if_fail (PW_IS_RUN_LIST_MODEL (self), -1);

  pages = pw_page_cache_list_pages (self->cache);
  for (guint i = 0; i < pages->len; i++)
    {
      guint page = g_array_index (pages, guint, i);
      GPtrArray *items = pw_page_cache_peek (self->cache, page);

      for (guint j = 0; j < items->len; j++)
        if (g_strcmp0 (pw_flow_run_get_id (g_ptr_array_index (items, j)), flow_run_id) == 0)
          return (int)(page * self->page_size + j);
    }

  return -1;
}

/**
 * pw_run_list_model_get_n_cached:
 *
 * Returns: how many pages the model holds
 */
guint
pw_run_list_model_get_n_cached (PwRunListModel *self)
{
  g_return_val_if_fail (PW_IS_RUN_LIST_MODEL (self), 0);
  return pw_page_cache_get_n_pages (self->cache);
}

/**
 * pw_run_list_model_get_n_fetches:
 *
 * Returns: how many pages the model asked the backend for so far
 */
guint
pw_run_list_model_get_n_fetches (PwRunListModel *self)
{
  g_return_val_if_fail (PW_IS_RUN_LIST_MODEL (self), 0);
  return self->n_fetches;
}

/* GListModel */

static GType
get_item_type (GListModel *model)
{
  return PW_TYPE_FLOW_RUN;
}

static guint
get_n_items (GListModel *model)
{
  return PW_RUN_LIST_MODEL (model)->n_items;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  PwRunListModel *self = PW_RUN_LIST_MODEL (model);
  guint page, index;
  GPtrArray *items;

  if (position >= self->n_items)
    return NULL;

  page = position / self->page_size;
  index = position % self->page_size;
  items = pw_page_cache_lookup (self->cache, page);

  if (items != NULL && index < items->len)
    return g_object_ref (g_ptr_array_index (items, index));

  /* A page shorter than the count says is out of date: fetch it again. */
  if (!pw_page_cache_is_pending (self->cache, page))
    fetch_page (self, page, FALSE);

  return pw_flow_run_new ();
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* GObject */

static void
pw_run_list_model_constructed (GObject *object)
{
  PwRunListModel *self = (PwRunListModel *)object;

  G_OBJECT_CLASS (pw_run_list_model_parent_class)->constructed (object);

  g_signal_connect_object (self->backend, "flow-run-changed",
                           G_CALLBACK (flow_run_changed_cb), self, G_CONNECT_SWAPPED);
  pw_run_list_model_reload (self);
}

static void
pw_run_list_model_dispose (GObject *object)
{
  PwRunListModel *self = (PwRunListModel *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_object (&self->backend);

  G_OBJECT_CLASS (pw_run_list_model_parent_class)->dispose (object);
}

static void
pw_run_list_model_finalize (GObject *object)
{
  PwRunListModel *self = (PwRunListModel *)object;

  g_clear_object (&self->cancellable);
  g_queue_clear (&self->wanted);
  g_clear_pointer (&self->cache, pw_page_cache_free);
  g_clear_pointer (&self->filter, pw_flow_run_filter_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (pw_run_list_model_parent_class)->finalize (object);
}

static void
pw_run_list_model_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PwRunListModel *self = PW_RUN_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      g_value_set_object (value, self->backend);
      break;

    case PROP_FILTER:
      g_value_set_boxed (value, self->filter);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_run_list_model_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PwRunListModel *self = PW_RUN_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      self->backend = g_value_dup_object (value);
      break;

    case PROP_FILTER:
      pw_run_list_model_set_filter (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_run_list_model_class_init (PwRunListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = pw_run_list_model_constructed;
  object_class->dispose = pw_run_list_model_dispose;
  object_class->finalize = pw_run_list_model_finalize;
  object_class->get_property = pw_run_list_model_get_property;
  object_class->set_property = pw_run_list_model_set_property;

  properties[PROP_BACKEND] =
    g_param_spec_object ("backend", NULL, NULL,
                         PW_TYPE_BACKEND,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FILTER] =
    g_param_spec_boxed ("filter", NULL, NULL,
                        PW_TYPE_FLOW_RUN_FILTER,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL,
                        G_TYPE_ERROR,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_run_list_model_init (PwRunListModel *self)
{
  self->page_size = PW_RUN_LIST_MODEL_PAGE_SIZE;
  self->cache = pw_page_cache_new (PW_RUN_LIST_MODEL_MAX_PAGES);
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->wanted);
}
