/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-log-model"

#include "config.h"

#include "pw-log-model-private.h"

/*
 * Counting a PwLogModel's lines: the backend lists lines but does not count
 * them, so the model probes whole pages (see pw-log-model.c for the whole
 * story): from the lines known to exist, doubling steps then bisection,
 * helped by a guess from the ids of the first and last lines. A verify
 * counts again after lines were announced, and may shrink the model.
 */

/* Counting */

static void probe_next (PwLogModel *self);

/* Counts again from the lines known to exist, with the current size as a
 * guess of where the end is: the result may be smaller than the size. */
static void
start_verify (PwLogModel *self)
{
  self->exact = FALSE;
  self->lo_page = self->confirmed / self->page_size;
  self->hi_page = UNKNOWN;
  self->step = 1;
  self->hint_page = (self->n_items + self->announced) / self->page_size;
  self->appended_while_counting = FALSE;
  self->verifying = TRUE;
  _pw_log_model_set_bool (self, &self->counting, TRUE, PROP_COUNTING);
  probe_next (self);
}

static gboolean
verify_cb (gpointer data)
{
  PwLogModel *self = data;

  self->verify_id = 0;

  if (self->counting || self->loading)
    {
      /* Counted again when the count under way is done. */
      self->appended_while_counting = TRUE;
      return G_SOURCE_REMOVE;
    }

  start_verify (self);
  return G_SOURCE_REMOVE;
}

/* A verify soon, at most one per VERIFY_DELAY_MS. */
void
_pw_log_model_schedule_verify (PwLogModel *self)
{
  if (self->verify_id == 0)
    self->verify_id = g_timeout_add (VERIFY_DELAY_MS, verify_cb, self);
}

static void
count_done (PwLogModel *self,
            guint       n_items)
{
  guint expected = self->n_items + self->announced;
  gboolean in_step = self->verifying && n_items == expected;

  /* Whatever the count holds may be announced again for a while, unless a
   * verify found just the lines shown and announced: the announcements
   * were in step with the store. */
  if (!in_step)
    self->raced_until = g_get_monotonic_time () + RACE_WINDOW_MS * G_TIME_SPAN_MILLISECOND;
  if (self->verifying && n_items < self->n_items)
    g_debug ("%s: %u lines, not %u: announced lines were counted twice",
             self->flow_run_id, n_items, self->n_items);
  self->verifying = FALSE;
  self->announced = 0;
  self->exact = TRUE;
  self->confirmed = n_items;
  _pw_log_model_set_bool (self, &self->counting, FALSE, PROP_COUNTING);
  _pw_log_model_set_bool (self, &self->loading, FALSE, PROP_LOADING);
  _pw_log_model_resize (self, n_items);

  if (self->appended_while_counting)
    {
      /* Lines came while counting; the count may or may not hold them. */
      self->appended_while_counting = FALSE;
      if (!in_step)
        _pw_log_model_schedule_verify (self);
    }
}

static void
probe_next (PwLogModel *self)
{
  guint page;

  if (self->hint_page != UNKNOWN && self->hint_page >= self->lo_page &&
      (self->hi_page == UNKNOWN || self->hint_page < self->hi_page))
    {
      page = self->hint_page;
      self->hint_page = UNKNOWN;
    }
  else if (self->hi_page == UNKNOWN)
    {
      page = self->lo_page + self->step - 1;
      self->step = MIN (self->step * 2, G_MAXUINT / 4);
    }
  else if (self->lo_page >= self->hi_page)
    {
      count_done (self, self->lo_page * self->page_size);
      return;
    }
  else
    {
      page = self->lo_page + (self->hi_page - self->lo_page) / 2;
    }

  _pw_log_model_fetch (self, FETCH_PROBE, page);
}

void
_pw_log_model_probe_result (PwLogModel *self,
              guint       page,
              GPtrArray  *items)
{
  if (items->len > 0)
    _pw_log_model_store_page (self, page, items);

  if (items->len == self->page_size)
    {
      self->lo_page = MAX (self->lo_page, page + 1);

      /* The first page is full: show it while the rest is counted, and ask
       * for the last line, whose id hints at the count. */
      if (page == 0 && self->loading)
        {
          _pw_log_model_set_bool (self, &self->loading, FALSE, PROP_LOADING);
          _pw_log_model_resize (self, self->page_size);
          _pw_log_model_fetch (self, FETCH_HINT, 0);
          return;
        }
    }
  else if (items->len > 0 || page == 0)
    {
      count_done (self, page * self->page_size + items->len);
      return;
    }
  else
    {
      self->hi_page = MIN (self->hi_page, page);
    }

  probe_next (self);
}

void
_pw_log_model_hint_result (PwLogModel *self,
             GPtrArray  *items)
{
  GPtrArray *first = pw_page_cache_peek (self->cache, 0);

  if (items->len == 1 && first != NULL && first->len > 0)
    {
      gint64 first_id = pw_log_entry_get_id (g_ptr_array_index (first, 0));
      gint64 last_id = pw_log_entry_get_id (g_ptr_array_index (items, 0));

      if (last_id >= first_id && last_id - first_id < (gint64)G_MAXUINT - 1)
        self->hint_page = (guint)((last_id - first_id) / self->page_size);
    }

  probe_next (self);
}

void
_pw_log_model_start_count (PwLogModel *self)
{
  self->exact = FALSE;
  self->confirmed = 0;
  self->raced_until = 0;
  self->verifying = FALSE;
  self->announced = 0;
  self->lo_page = 0;
  self->hi_page = UNKNOWN;
  self->step = 1;
  self->hint_page = UNKNOWN;
  self->appended_while_counting = FALSE;
  _pw_log_model_set_bool (self, &self->counting, TRUE, PROP_COUNTING);
  _pw_log_model_fetch (self, FETCH_PROBE, 0);
}

