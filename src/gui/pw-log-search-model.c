/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-log-search-model"

#include "config.h"

#include "pw-log-cursor.h"
#include "pw-log-entry.h"
#include "pw-log-search-model.h"

/*
 * PwLogSearchModel: the lines of a PwLogModel whose message holds a text,
 * ignoring case. The backend cannot search, so the model reads the log
 * front to back in chunks (keyset paging, PwLogCursor), keeps the position
 * of each match in its base model, and grows as matches are found. The
 * first matches are kept in full; later ones are read through the base
 * model's pages when they are shown. It keeps reading as the log grows.
 */

#define MAX_HELD 20000

struct _PwLogSearchModel
{
  GObject       parent_instance;

  PwLogModel   *base;
  char         *text;
  GArray       *matches;  /* guint base positions, ascending */
  GPtrArray    *held;     /* the first MAX_HELD matched PwLogEntry */
  PwLogCursor   cursor;
  gboolean      scanning;
  GError       *error;
  GCancellable *cancellable;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PwLogSearchModel, pw_log_search_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_TEXT,
  PROP_SCANNING,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * pw_log_text_find:
 * @text: where to look
 * @needle: what to find, ignoring case
 * @start: (out) (optional): the byte offset of the first match
 * @end: (out) (optional): the byte offset after it
 *
 * Returns: whether @text holds @needle
 */
gboolean
pw_log_text_find (const char *text,
                  const char *needle,
                  guint      *start,
                  guint      *end)
{
  if (text == NULL || needle == NULL || *needle == '\0')
    return FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      const char *t = p;
      const char *n = needle;

      while (*n != '\0' && *t != '\0' &&
             g_unichar_tolower (g_utf8_get_char (t)) == g_unichar_tolower (g_utf8_get_char (n)))
        {
          t = g_utf8_next_char (t);
          n = g_utf8_next_char (n);
        }

      if (*n == '\0')
        {
          if (start != NULL)
            *start = (guint)(p - text);
          if (end != NULL)
            *end = (guint)(t - text);
          return TRUE;
        }
    }

  return FALSE;
}

static void base_items_changed_cb (PwLogSearchModel *self,
                                   guint             position,
                                   guint             removed,
                                   guint             added,
                                   GListModel       *base);
static void base_loading_cb       (PwLogSearchModel *self);

/**
 * pw_log_search_model_new:
 * @base: the lines to search
 *
 * Returns: (transfer full): a model of the lines of @base that hold the
 *   text, empty until a text is set
 */
PwLogSearchModel *
pw_log_search_model_new (PwLogModel *base)
{
  PwLogSearchModel *self;

  g_return_val_if_fail (PW_IS_LOG_MODEL (base), NULL);

  self = g_object_new (PW_TYPE_LOG_SEARCH_MODEL, NULL);
  self->base = g_object_ref (base);
  g_signal_connect_object (base, "items-changed",
                           G_CALLBACK (base_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (base, "notify::loading",
                           G_CALLBACK (base_loading_cb), self, G_CONNECT_SWAPPED);
  return self;
}

static void
set_scanning (PwLogSearchModel *self,
              gboolean          scanning)
{
  if (self->scanning == scanning)
    return;

  self->scanning = scanning;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCANNING]);
}

static void scan_next (PwLogSearchModel *self);

static void
scan_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PwLogSearchModel) self = user_data;
  g_autoptr(GListModel) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) chunk = NULL;
  guint before = self->matches->len;
  guint n;

  lines = pw_backend_list_logs_finish (PW_BACKEND (object), result, &error);
  if (lines == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_clear_error (&self->error);
      self->error = g_steal_pointer (&error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
      set_scanning (self, FALSE);
      return;
    }

  n = g_list_model_get_n_items (lines);
  chunk = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      PwLogEntry *entry = g_list_model_get_item (lines, i);
      guint position = (guint)(self->cursor.n_read + i);

      g_ptr_array_add (chunk, entry);
      if (pw_log_text_find (pw_log_entry_get_message (entry), self->text, NULL, NULL))
        {
          g_array_append_val (self->matches, position);
          if (self->held->len < MAX_HELD)
            g_ptr_array_add (self->held, g_object_ref (entry));
        }
    }

  pw_log_cursor_advance (&self->cursor, chunk);

  if (self->matches->len > before)
    g_list_model_items_changed (G_LIST_MODEL (self), before, 0, self->matches->len - before);

  /* A short chunk is the end of the log, for now; read on when the base
   * model has grown past what was read. */
  if (n == PW_LOG_SEARCH_CHUNK ||
      self->cursor.n_read < g_list_model_get_n_items (G_LIST_MODEL (self->base)))
    scan_next (self);
  else
    set_scanning (self, FALSE);
}

static void
scan_next (PwLogSearchModel *self)
{
  g_autoptr(PwLogFilter) filter = pw_log_filter_copy (pw_log_model_get_filter (self->base));
  guint offset = 0;

  set_scanning (self, TRUE);
  pw_log_cursor_apply (&self->cursor, filter, &offset);
  pw_backend_list_logs_async (pw_log_model_get_backend (self->base), filter,
                              PW_LOG_SORT_TIMESTAMP_ASC, PW_LOG_SEARCH_CHUNK, offset,
                              self->cancellable, scan_cb, g_object_ref (self));
}

static void
restart (PwLogSearchModel *self)
{
  guint old = self->matches->len;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_array_set_size (self->matches, 0);
  g_ptr_array_set_size (self->held, 0);
  pw_log_cursor_init (&self->cursor);
  if (self->error != NULL)
    {
      g_clear_error (&self->error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }

  if (old > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old, 0);

  if (self->text != NULL && !pw_log_model_get_loading (self->base))
    scan_next (self);
  else
    set_scanning (self, self->text != NULL);
}

/* The first match at or after @base_position. */
static guint
lower_bound (GArray *matches,
             guint   base_position)
{
  guint lo = 0, hi = matches->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (matches, guint, mid) < base_position)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static void
base_items_changed_cb (PwLogSearchModel *self,
                       guint             position,
                       guint             removed,
                       guint             added,
                       GListModel       *base)
{
  if (self->text == NULL)
    return;

  /* A page of the base arrived: matches in it that are not held can now
   * be shown. */
  if (removed == added && added > 0)
    {
      guint first = MAX (lower_bound (self->matches, position), MAX_HELD);
      guint last = lower_bound (self->matches, position + added);

      if (first < last)
        g_list_model_items_changed (G_LIST_MODEL (self), first, last - first, last - first);
      return;
    }

  /* Lines were added at the end: read on. */
  if (removed == 0 && added > 0 && !self->scanning && self->error == NULL)
    scan_next (self);
}

static void
base_loading_cb (PwLogSearchModel *self)
{
  /* The base model reloads (another level or task) or has just loaded. */
  if (pw_log_model_get_loading (self->base) || (self->scanning && self->cursor.n_read == 0))
    restart (self);
}

PwLogModel *
pw_log_search_model_get_base (PwLogSearchModel *self)
{
  g_return_val_if_fail (PW_IS_LOG_SEARCH_MODEL (self), NULL);
  return self->base;
}

const char *
pw_log_search_model_get_text (PwLogSearchModel *self)
{
  g_return_val_if_fail (PW_IS_LOG_SEARCH_MODEL (self), NULL);
  return self->text;
}

/**
 * pw_log_search_model_set_text:
 * @text: (nullable): what to look for; %NULL or empty for nothing
 */
void
pw_log_search_model_set_text (PwLogSearchModel *self,
                              const char       *text)
{
  g_return_if_fail (PW_IS_LOG_SEARCH_MODEL (self));

  if (text != NULL && *text == '\0')
    text = NULL;

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  restart (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

/**
 * pw_log_search_model_get_scanning:
 *
 * Returns: whether the model is still reading the log for matches
 */
gboolean
pw_log_search_model_get_scanning (PwLogSearchModel *self)
{
  g_return_val_if_fail (PW_IS_LOG_SEARCH_MODEL (self), FALSE);
  return self->scanning;
}

/**
 * pw_log_search_model_get_n_scanned:
 *
 * Returns: how many lines the search has read
 */
guint64
pw_log_search_model_get_n_scanned (PwLogSearchModel *self)
{
  g_return_val_if_fail (PW_IS_LOG_SEARCH_MODEL (self), 0);
  return self->cursor.n_read;
}

const GError *
pw_log_search_model_get_error (PwLogSearchModel *self)
{
  g_return_val_if_fail (PW_IS_LOG_SEARCH_MODEL (self), NULL);
  return self->error;
}

/**
 * pw_log_search_model_get_base_position:
 *
 * Returns: the position in the base model of the match at @position
 */
guint
pw_log_search_model_get_base_position (PwLogSearchModel *self,
                                       guint             position)
{
  g_return_val_if_fail (PW_IS_LOG_SEARCH_MODEL (self), 0);
  g_return_val_if_fail (position < self->matches->len, 0);

  return g_array_index (self->matches, guint, position);
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
  return PW_LOG_SEARCH_MODEL (model)->matches->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  PwLogSearchModel *self = PW_LOG_SEARCH_MODEL (model);

  if (position >= self->matches->len)
    return NULL;

  if (position < self->held->len)
    return g_object_ref (g_ptr_array_index (self->held, position));

  return g_list_model_get_item (G_LIST_MODEL (self->base),
                                g_array_index (self->matches, guint, position));
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
pw_log_search_model_dispose (GObject *object)
{
  PwLogSearchModel *self = (PwLogSearchModel *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->base != NULL)
    g_signal_handlers_disconnect_by_data (self->base, self);
  g_clear_object (&self->base);

  G_OBJECT_CLASS (pw_log_search_model_parent_class)->dispose (object);
}

static void
pw_log_search_model_finalize (GObject *object)
{
  PwLogSearchModel *self = (PwLogSearchModel *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->matches, g_array_unref);
  g_clear_pointer (&self->held, g_ptr_array_unref);
  g_clear_pointer (&self->text, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (pw_log_search_model_parent_class)->finalize (object);
}

static void
pw_log_search_model_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PwLogSearchModel *self = PW_LOG_SEARCH_MODEL (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_SCANNING:
      g_value_set_boolean (value, self->scanning);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_log_search_model_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PwLogSearchModel *self = PW_LOG_SEARCH_MODEL (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      pw_log_search_model_set_text (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_log_search_model_class_init (PwLogSearchModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pw_log_search_model_dispose;
  object_class->finalize = pw_log_search_model_finalize;
  object_class->get_property = pw_log_search_model_get_property;
  object_class->set_property = pw_log_search_model_set_property;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SCANNING] =
    g_param_spec_boolean ("scanning", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL,
                        G_TYPE_ERROR,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_log_search_model_init (PwLogSearchModel *self)
{
  self->matches = g_array_new (FALSE, FALSE, sizeof (guint));
  self->held = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
  pw_log_cursor_init (&self->cursor);
}
