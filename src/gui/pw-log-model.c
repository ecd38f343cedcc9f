/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-log-model"

#include "config.h"

#include "pw-log-model-private.h"

/*
 * PwLogModel: the log lines of one flow run (at or above a level, of all
 * tasks, the flow alone or one task), oldest first, as a GListModel that
 * never holds more than a bounded number of pages, however long the log.
 * A position whose page has not arrived holds a placeholder line (id 0);
 * items-changed replaces it when the page comes.
 *
 * The backend lists lines (with a limit and an offset) but does not count
 * them, so the model finds the count by probing whole pages: the first
 * page; a guess from the ids of the first and last lines (exact when the
 * run's lines were written together, which is usual); then doubling steps
 * and bisection over pages. Every probe is a real page, kept in the cache.
 * The first page is shown at once; the rest appear when the count is
 * known.
 *
 * While the run goes on, logs-appended adds the new lines at the end (or,
 * under a level or task filter, which the signal cannot tell, a probe of
 * the last page finds how many of them count). Once the run has finished,
 * pages in the second half are read backwards from the end, which costs
 * the store far less than stepping over the first half.
 *
 * A count and logs-appended can overlap: lines another process committed
 * are reported by the backend's watch a moment later, so a count made in
 * between already holds them when the signal comes. For RACE_WINDOW_MS
 * after a count, then, announced lines are not added but left to a
 * verify: probes from the lines known to exist (confirmed) to the end,
 * which find how many there are, fewer than shown as well as more. A
 * verify that finds just the lines shown and announced does not open the
 * window again, so on a busy run the lines soon cost one addition each.
 * Whatever is counted twice all the same (a page read comes back shorter
 * than the model said it was when asked for) brings a verify too.
 * Verifies come at most one per VERIFY_DELAY_MS.
 */



static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PwLogModel, pw_log_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))


static GParamSpec *properties[N_PROPS];




/**
 * pw_log_model_new:
 * @flow_run_id: the run whose lines to show
 *
 * Returns: (transfer full): a model of every line of the run
 */
PwLogModel *
pw_log_model_new (PwBackend  *backend,
                  const char *flow_run_id)
{
  g_return_val_if_fail (PW_IS_BACKEND (backend), NULL);
  g_return_val_if_fail (flow_run_id != NULL, NULL);

  return g_object_new (PW_TYPE_LOG_MODEL,
                       "backend", backend,
                       "flow-run-id", flow_run_id,
                       NULL);
}

/**
 * pw_log_model_is_placeholder:
 * @entry: (type PwLogEntry): an item of the model
 *
 * Returns: whether @entry stands for a line whose page has not arrived
 */
gboolean
pw_log_model_is_placeholder (gpointer entry)
{
  return entry == NULL || pw_log_entry_get_id (entry) == 0;
}

void
_pw_log_model_set_bool (PwLogModel *self,
          gboolean   *field,
          gboolean    value,
          guint       prop)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_error (PwLogModel   *self,
           const GError *error)
{
  if (self->error == NULL && error == NULL)
    return;

  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

void
_pw_log_model_resize (PwLogModel *self,
        guint       n_items)
{
  guint old = self->n_items;

  if (old == n_items)
    return;

  self->n_items = n_items;
  if (n_items < old)
    g_list_model_items_changed (G_LIST_MODEL (self), n_items, old - n_items, 0);
  else
    g_list_model_items_changed (G_LIST_MODEL (self), old, 0, n_items - old);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* Caches @page and tells of the rows it changes. A line the page held
 * already keeps its item, and its row is left alone: a list view that
 * sees the rows at its end replaced loses its place there (follow mode
 * then stops short of the lines added in the same turn). */
void
_pw_log_model_store_page (PwLogModel *self,
            guint       page,
            GPtrArray  *items)
{
  GPtrArray *old = pw_page_cache_peek (self->cache, page);
  guint start = page * self->page_size;
  guint shown = self->n_items > start ? MIN (items->len, self->n_items - start) : 0;
  guint first = shown;
  guint last = 0;

  for (guint i = 0; i < shown; i++)
    {
      PwLogEntry *entry = g_ptr_array_index (items, i);

      if (old != NULL && i < old->len &&
          pw_log_entry_get_id (g_ptr_array_index (old, i)) == pw_log_entry_get_id (entry))
        {
          g_object_unref (entry);
          g_ptr_array_index (items, i) = g_object_ref (g_ptr_array_index (old, i));
          continue;
        }

      first = MIN (first, i);
      last = i;
    }

  pw_page_cache_insert (self->cache, page, g_ptr_array_ref (items));

  if (first < shown)
    g_list_model_items_changed (G_LIST_MODEL (self), start + first, last - first + 1, last - first + 1);
}

static void pump      (PwLogModel *self);
static void want_page (PwLogModel *self,
                       guint       page);

/* Fetching */

/* A page read that ends short of what the model shows. Lines are only ever
 * appended, and what the model counted was written before it counted it:
 * short of the size when asked, the model counted lines twice (a count
 * and a late logs-appended) and verifies; short of a size that grew since,
 * the page is read again for the lines written meanwhile. */
static void
page_result (PwLogModel *self,
             guint       page,
             guint       n_read,
             guint       asked_n_items)
{
  guint end = page * self->page_size + n_read;

  if (n_read == self->page_size || end >= self->n_items)
    return;

  if (end < asked_n_items)
    _pw_log_model_schedule_verify (self);
  else
    want_page (self, page);
}

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Fetch *data = user_data;
  g_autoptr(PwLogModel) self = data->self;
  g_autoptr(GListModel) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  FetchKind kind = data->kind;
  guint page = data->page;
  guint asked_n_items = data->n_items;
  gboolean backwards = data->backwards;
  gboolean current = data->generation == pw_page_cache_get_generation (self->cache);
  guint n;

  g_free (data);

  lines = pw_backend_list_logs_finish (PW_BACKEND (object), result, &error);
  if (!current)
    return;

  if (kind == FETCH_PAGE)
    {
      pw_page_cache_set_pending (self->cache, page, FALSE);
      self->n_in_flight--;
      pump (self);
    }

  if (lines == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      set_error (self, error);
      self->verifying = FALSE;
      _pw_log_model_set_bool (self, &self->loading, FALSE, PROP_LOADING);
      _pw_log_model_set_bool (self, &self->counting, FALSE, PROP_COUNTING);
      return;
    }

  n = g_list_model_get_n_items (lines);
  items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (lines, backwards ? n - 1 - i : i));

  switch (kind)
    {
    case FETCH_PROBE:
      _pw_log_model_probe_result (self, page, items);
      break;

    case FETCH_HINT:
      _pw_log_model_hint_result (self, items);
      break;

    case FETCH_PAGE:
    default:
      _pw_log_model_store_page (self, page, items);
      page_result (self, page, items->len, asked_n_items);
      break;
    }
}

void
_pw_log_model_fetch (PwLogModel *self,
       FetchKind   kind,
       guint       page)
{
  Fetch *data = g_new0 (Fetch, 1);
  PwLogSort sort = PW_LOG_SORT_TIMESTAMP_ASC;
  guint start = page * self->page_size;
  guint limit = self->page_size;
  guint offset = start;

  data->self = g_object_ref (self);
  data->kind = kind;
  data->page = page;
  data->generation = pw_page_cache_get_generation (self->cache);
  data->n_items = self->n_items;

  if (kind == FETCH_HINT)
    {
      sort = PW_LOG_SORT_TIMESTAMP_DESC;
      limit = 1;
      offset = 0;
    }
  else if (kind == FETCH_PAGE && self->finished && self->exact &&
           start > self->n_items / 2 && start < self->n_items)
    {
      /* Backwards from the end: the store steps over the lines after the
       * page rather than the ones before it. Only for a finished run,
       * whose end no longer moves. */
      guint end = MIN (self->n_items, start + self->page_size);

      sort = PW_LOG_SORT_TIMESTAMP_DESC;
      limit = end - start;
      offset = self->n_items - end;
      data->backwards = TRUE;
    }

  if (kind == FETCH_PAGE)
    {
      pw_page_cache_set_pending (self->cache, page, TRUE);
      self->n_in_flight++;
    }

  self->n_fetches++;
  pw_backend_list_logs_async (self->backend, self->filter, sort, limit, offset,
                              self->cancellable, fetch_cb, data);
}

/* Starts the latest wanted pages while there is room. */
static void
pump (PwLogModel *self)
{
  while (self->n_in_flight < MAX_IN_FLIGHT && self->wanted.length > 0)
    {
      guint page = GPOINTER_TO_UINT (g_queue_pop_head (&self->wanted)) - 1;

      if (!pw_page_cache_is_pending (self->cache, page))
        _pw_log_model_fetch (self, FETCH_PAGE, page);
    }
}

static void
want_page (PwLogModel *self,
           guint       page)
{
  gpointer key = GUINT_TO_POINTER (page + 1);

  g_queue_remove (&self->wanted, key);
  g_queue_push_head (&self->wanted, key);
  while (self->wanted.length > MAX_WANTED)
    g_queue_pop_tail (&self->wanted);

  pump (self);
}

/* Following the run */

static void
logs_appended_cb (PwLogModel *self,
                  const char *flow_run_id,
                  guint       n_lines)
{
  gboolean filtered;

  if (g_strcmp0 (flow_run_id, self->flow_run_id) != 0 || n_lines == 0)
    return;

  if (self->counting || self->loading)
    {
      self->appended_while_counting = TRUE;
      self->announced += n_lines;
      return;
    }

  filtered = self->filter->level_ge > 0 || self->filter->task_run_id_any != NULL ||
             self->filter->task_run_id_is_null != PW_NULL_FILTER_ANY;

  if (filtered || self->error != NULL)
    {
      _pw_log_model_schedule_verify (self);
      return;
    }

  /* The last count may hold these lines already: a verify tells, and
   * shows them, shortly. */
  if (g_get_monotonic_time () < self->raced_until)
    {
      self->announced += n_lines;
      _pw_log_model_schedule_verify (self);
      return;
    }

  /* In step: the new lines show at once, as many as announced. The end of
   * a finished run (read backwards from it) is verified all the same. */
  self->exact = FALSE;
  _pw_log_model_resize (self, self->n_items + n_lines);
  if (self->finished)
    _pw_log_model_schedule_verify (self);
}

/**
 * pw_log_model_reload:
 *
 * Forgets every page and counts again.
 */
void
pw_log_model_reload (PwLogModel *self)
{
  g_return_if_fail (PW_IS_LOG_MODEL (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->verify_id, g_source_remove);
  self->n_in_flight = 0;
  g_queue_clear (&self->wanted);

  pw_page_cache_clear (self->cache);
  set_error (self, NULL);
  _pw_log_model_resize (self, 0);
  _pw_log_model_set_bool (self, &self->loading, TRUE, PROP_LOADING);
  _pw_log_model_start_count (self);
}

PwBackend *
pw_log_model_get_backend (PwLogModel *self)
{
  g_return_val_if_fail (PW_IS_LOG_MODEL (self), NULL);
  return self->backend;
}

const char *
pw_log_model_get_flow_run_id (PwLogModel *self)
{
  g_return_val_if_fail (PW_IS_LOG_MODEL (self), NULL);
  return self->flow_run_id;
}

/**
 * pw_log_model_get_filter:
 *
 * Returns: (transfer none): the filter the lines are listed with
 */
const PwLogFilter *
pw_log_model_get_filter (PwLogModel *self)
{
  g_return_val_if_fail (PW_IS_LOG_MODEL (self), NULL);
  return self->filter;
}

int
pw_log_model_get_min_level (PwLogModel *self)
{
  g_return_val_if_fail (PW_IS_LOG_MODEL (self), 0);
  return self->filter->level_ge;
}

/**
 * pw_log_model_set_min_level:
 * @level: the lowest level to show, 0 for all
 */
void
pw_log_model_set_min_level (PwLogModel *self,
                            int         level)
{
  g_return_if_fail (PW_IS_LOG_MODEL (self));

  if (self->filter->level_ge == level)
    return;

  self->filter->level_ge = level;
  pw_log_model_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_LEVEL]);
}

/**
 * pw_log_model_set_scope:
 * @task_run_id: (nullable): the task run, for %PW_LOG_SCOPE_TASK
 *
 * Shows the lines of the whole run, of the flow alone or of one task.
 */
void
pw_log_model_set_scope (PwLogModel *self,
                        PwLogScope  scope,
                        const char *task_run_id)
{
  PwNullFilter is_null = scope == PW_LOG_SCOPE_FLOW ? PW_NULL_FILTER_IS_NULL : PW_NULL_FILTER_ANY;
  const char *id = scope == PW_LOG_SCOPE_TASK ? task_run_id : NULL;
  const char *current = self->filter->task_run_id_any != NULL ? self->filter->task_run_id_any[0] : NULL;

  g_return_if_fail (PW_IS_LOG_MODEL (self));
  g_return_if_fail (scope != PW_LOG_SCOPE_TASK || task_run_id != NULL);

  if (self->filter->task_run_id_is_null == is_null && g_strcmp0 (current, id) == 0)
    return;

  self->filter->task_run_id_is_null = is_null;
  g_clear_pointer (&self->filter->task_run_id_any, g_strfreev);
  if (id != NULL)
    {
      const char * const ids[] = { id, NULL };

      self->filter->task_run_id_any = g_strdupv ((char **)ids);
    }

  pw_log_model_reload (self);
}

gboolean
pw_log_model_get_finished (PwLogModel *self)
{
  g_return_val_if_fail (PW_IS_LOG_MODEL (self), FALSE);
  return self->finished;
}

/**
 * pw_log_model_set_finished:
 *
 * Says whether the run has ended: its log no longer grows, so the model
 * can read its second half backwards.
 */
void
pw_log_model_set_finished (PwLogModel *self,
                           gboolean    finished)
{
  g_return_if_fail (PW_IS_LOG_MODEL (self));

  if (self->finished == finished)
    return;

  self->finished = finished;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);

  /* The last lines may have come after the last logs-appended was seen:
   * make sure of the count before trusting the end. */
  if (finished && !self->loading)
    _pw_log_model_schedule_verify (self);
}

/**
 * pw_log_model_get_loading:
 *
 * Returns: whether the first page has yet to arrive
 */
gboolean
pw_log_model_get_loading (PwLogModel *self)
{
  g_return_val_if_fail (PW_IS_LOG_MODEL (self), FALSE);
  return self->loading;
}

/**
 * pw_log_model_get_counting:
 *
 * Returns: whether the model is still finding how many lines there are
 */
gboolean
pw_log_model_get_counting (PwLogModel *self)
{
  g_return_val_if_fail (PW_IS_LOG_MODEL (self), FALSE);
  return self->counting;
}

const GError *
pw_log_model_get_error (PwLogModel *self)
{
  g_return_val_if_fail (PW_IS_LOG_MODEL (self), NULL);
  return self->error;
}

guint
pw_log_model_get_n_fetches (PwLogModel *self)
{
  g_return_val_if_fail (PW_IS_LOG_MODEL (self), 0);
  return self->n_fetches;
}

/* GListModel */

static GType
get_item_type (GListModel *model)
{
  return PW_TYPE_LOG_ENTRY;
}

static guint
get_n_items (GListModel *model)
{
  return PW_LOG_MODEL (model)->n_items;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  PwLogModel *self = PW_LOG_MODEL (model);
  guint page, index;
  GPtrArray *items;

  if (position >= self->n_items)
    return NULL;

  page = position / self->page_size;
  index = position % self->page_size;
  items = pw_page_cache_lookup (self->cache, page);

  if (items != NULL && index < items->len)
    return g_object_ref (g_ptr_array_index (items, index));

  /* Not fetched, or fetched before the lines at its end were written. */
  if (!pw_page_cache_is_pending (self->cache, page))
    want_page (self, page);

  return pw_log_entry_new (self->flow_run_id, NULL, NULL, 0, "", NULL);
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
pw_log_model_constructed (GObject *object)
{
  PwLogModel *self = (PwLogModel *)object;

  G_OBJECT_CLASS (pw_log_model_parent_class)->constructed (object);

  pw_log_filter_set_flow_run_id (self->filter, self->flow_run_id);
  g_signal_connect_object (self->backend, "logs-appended",
                           G_CALLBACK (logs_appended_cb), self, G_CONNECT_SWAPPED);
  pw_log_model_reload (self);
}

static void
pw_log_model_dispose (GObject *object)
{
  PwLogModel *self = (PwLogModel *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->verify_id, g_source_remove);
  g_clear_object (&self->backend);

  G_OBJECT_CLASS (pw_log_model_parent_class)->dispose (object);
}

static void
pw_log_model_finalize (GObject *object)
{
  PwLogModel *self = (PwLogModel *)object;

  g_clear_object (&self->cancellable);
  g_queue_clear (&self->wanted);
  g_clear_pointer (&self->cache, pw_page_cache_free);
  g_clear_pointer (&self->filter, pw_log_filter_free);
  g_clear_pointer (&self->flow_run_id, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (pw_log_model_parent_class)->finalize (object);
}

static void
pw_log_model_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PwLogModel *self = PW_LOG_MODEL (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      g_value_set_object (value, self->backend);
      break;

    case PROP_FLOW_RUN_ID:
      g_value_set_string (value, self->flow_run_id);
      break;

    case PROP_MIN_LEVEL:
      g_value_set_int (value, self->filter->level_ge);
      break;

    case PROP_FINISHED:
      g_value_set_boolean (value, self->finished);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_COUNTING:
      g_value_set_boolean (value, self->counting);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_log_model_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PwLogModel *self = PW_LOG_MODEL (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      self->backend = g_value_dup_object (value);
      break;

    case PROP_FLOW_RUN_ID:
      self->flow_run_id = g_value_dup_string (value);
      break;

    case PROP_MIN_LEVEL:
      pw_log_model_set_min_level (self, g_value_get_int (value));
      break;

    case PROP_FINISHED:
      pw_log_model_set_finished (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_log_model_class_init (PwLogModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = pw_log_model_constructed;
  object_class->dispose = pw_log_model_dispose;
  object_class->finalize = pw_log_model_finalize;
  object_class->get_property = pw_log_model_get_property;
  object_class->set_property = pw_log_model_set_property;

  properties[PROP_BACKEND] =
    g_param_spec_object ("backend", NULL, NULL,
                         PW_TYPE_BACKEND,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FLOW_RUN_ID] =
    g_param_spec_string ("flow-run-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_MIN_LEVEL] =
    g_param_spec_int ("min-level", NULL, NULL,
                      0, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FINISHED] =
    g_param_spec_boolean ("finished", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_COUNTING] =
    g_param_spec_boolean ("counting", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL,
                        G_TYPE_ERROR,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_log_model_init (PwLogModel *self)
{
  self->filter = pw_log_filter_new ();
  self->page_size = PW_LOG_MODEL_PAGE_SIZE;
  self->cache = pw_page_cache_new (PW_LOG_MODEL_MAX_PAGES);
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->wanted);
}
