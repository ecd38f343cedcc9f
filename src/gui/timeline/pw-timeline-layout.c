/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-timeline"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pw-state.h"
#include "pw-timeline-input-private.h"
#include "pw-timeline-layout.h"

/*
 * From task runs and their state history to rows and segments.
 *
 * A task run's history is a sequence of states; the time between one
 * state and the next belongs to the first. Running, Retrying and
 * Cancelling are an attempt (a running segment; each entry into them from
 * another state is a new attempt); Scheduled, Pending, AwaitingRetry and
 * Paused are waiting (a waiting segment, numbered by the attempt it waits
 * for); a terminal state ends what came before it, and a Cached one is a
 * cache hit drawn as an instant. Consecutive states of the same kind and
 * attempt make one segment (Scheduled then Pending is one wait). The last
 * state, unless terminal, goes on until "now": its segment is open and
 * follows the clock through pw_timeline_layout_set_now() without a new
 * layout.
 *
 * Where there is no history (a Prefect server gives it one task run at a
 * time only, or a task run appeared since the history was read), the
 * task run's own times stand in: waiting from its expected start to its
 * start, then one running segment to its end that stands for all its
 * run_count attempts.
 *
 * A task whose runs are many (a mapped task) gets a row of its own with
 * its runs' rows under it, each labelled by its map index.
 *
 * The layout is made in two steps so that the second can run in another
 * thread: pw_timeline_input_new() copies, on the thread that owns the task
 * runs, what the layout needs of them (their strings, times and a
 * reference to their current state) and takes a reference to a snapshot
 * of the history (pw_timeline_history_new()); pw_timeline_layout_build()
 * reads only that. The states it reads are never changed once made (a
 * stored state is immutable: a task run gets a new #PwState when its
 * state changes, it does not change the one it has), so that sharing
 * them between threads is safe.
 */


struct _PwTimelineLayout
{
  GArray       *rows;       /* PwTimelineRow */
  GArray       *segments;   /* PwTimelineSegment, by row */
  GArray       *open;       /* guint: indexes of the open segments */
  GStringChunk *strings;
  GHashTable   *row_of;     /* task run id → row index + 1 */
  gint64        start;
  gint64        end;
  gint64        now;
  gboolean      has_history;
};

typedef struct
{
  const RunCopy *task_run;
  gint64         sort_time;
  guint      first_state;   /* in the states array */
  guint      n_states;
} RunEntry;

typedef struct
{
  const char *task_key;
  GArray     *runs;         /* RunEntry */
  gint64      sort_time;
} Group;

static gint64
usec (GDateTime *time)
{
  return pw_timeline_usec (time);
}

static gint64
run_sort_time (const RunCopy *task_run)
{
  if (task_run->start != 0)
    return task_run->start;
  if (task_run->expected_start != 0)
    return task_run->expected_start;
  if (task_run->created != 0)
    return task_run->created;
  return G_MAXINT64;
}

static gboolean
is_running_type (PwStateType type)
{
  return type == PW_STATE_TYPE_RUNNING || type == PW_STATE_TYPE_CANCELLING;
}

static gboolean
is_failure (PwStateType  type,
            const char  *name)
{
  return type == PW_STATE_TYPE_FAILED || type == PW_STATE_TYPE_CRASHED ||
         (type == PW_STATE_TYPE_SCHEDULED && g_strcmp0 (name, "AwaitingRetry") == 0);
}

/* Which state a mapped task's row shows: the one that most needs the
 * eye. */
static int
state_rank (PwStateType type)
{
  static const int rank[PW_N_STATE_TYPES] = {
    [PW_STATE_TYPE_FAILED] = 0,
    [PW_STATE_TYPE_CRASHED] = 1,
    [PW_STATE_TYPE_RUNNING] = 2,
    [PW_STATE_TYPE_CANCELLING] = 3,
    [PW_STATE_TYPE_PENDING] = 4,
    [PW_STATE_TYPE_SCHEDULED] = 5,
    [PW_STATE_TYPE_PAUSED] = 6,
    [PW_STATE_TYPE_CANCELLED] = 7,
    [PW_STATE_TYPE_COMPLETED] = 8,
  };

  return rank[type];
}

static const char *
intern (PwTimelineLayout *self,
        const char       *text)
{
  return text != NULL ? g_string_chunk_insert_const (self->strings, text) : NULL;
}

static void
add_segment (PwTimelineLayout  *self,
             PwTimelineRow     *row,
             PwTimelineSegment *segment)
{
  g_array_append_val (self->segments, *segment);
  if (segment->open)
    {
      guint index = self->segments->len - 1;

      g_array_append_val (self->open, index);
    }
  row->n_segments++;
  row->start = MIN (row->start, segment->start);
  row->end = MAX (row->end, segment->end);
}

/* The segments of one task run from its state history (@n states, oldest
 * first). */
static void
segments_from_history (PwTimelineLayout  *self,
                       PwTimelineRow     *row,
                       guint              row_index,
                       PwState          **states,
                       guint              n)
{
  PwTimelineSegment *last = NULL;
  guint attempt = 0;
  gboolean was_running = FALSE;

  for (guint i = 0; i < n; i++)
    {
      PwStateType type = pw_state_get_state_type (states[i]);
      const char *name = pw_state_get_name (states[i]);
      gint64 start = usec (pw_state_get_timestamp (states[i]));
      PwTimelineSegmentKind kind;
      guint seg_attempt;

      if (pw_state_type_is_terminal (type))
        {
          was_running = FALSE;
          last = NULL;
          if (g_strcmp0 (name, "Cached") == 0)
            {
              PwTimelineSegment hit = {
                .start = start, .end = start, .row = row_index,
                .kind = PW_TIMELINE_SEGMENT_CACHED, .end_type = type,
                .state_name = intern (self, name), .end_name = intern (self, name),
                .attempt = MAX (attempt, 1), .n_attempts = 1,
              };

              add_segment (self, row, &hit);
              row->cached = TRUE;
            }
          continue;
        }

      kind = is_running_type (type) ? PW_TIMELINE_SEGMENT_RUNNING : PW_TIMELINE_SEGMENT_WAITING;
      if (kind == PW_TIMELINE_SEGMENT_RUNNING && !was_running)
        attempt++;
      was_running = kind == PW_TIMELINE_SEGMENT_RUNNING;
      seg_attempt = kind == PW_TIMELINE_SEGMENT_RUNNING ? attempt : attempt + 1;

      if (last == NULL || last->kind != kind || last->attempt != seg_attempt)
        {
          PwTimelineSegment segment = {
            .start = start, .end = start, .row = row_index, .kind = kind,
            .state_name = intern (self, name), .attempt = seg_attempt, .n_attempts = 1,
          };

          g_array_append_val (self->segments, segment);
          row->n_segments++;
          last = &g_array_index (self->segments, PwTimelineSegment, self->segments->len - 1);
        }

      if (i + 1 < n)
        {
          PwStateType next_type = pw_state_get_state_type (states[i + 1]);
          const char *next_name = pw_state_get_name (states[i + 1]);

          last->end = MAX (last->start, usec (pw_state_get_timestamp (states[i + 1])));
          last->end_type = next_type;
          last->end_name = intern (self, next_name);
          last->failed = kind == PW_TIMELINE_SEGMENT_RUNNING && is_failure (next_type, next_name);
        }
      else
        {
          guint index = self->segments->len - 1;

          last->end = MAX (last->start, self->now);
          last->end_type = type;
          last->end_name = intern (self, name);
          last->open = TRUE;
          g_array_append_val (self->open, index);
        }
      row->start = MIN (row->start, last->start);
      row->end = MAX (row->end, last->end);
    }
}

/* The segments of a task run from its times alone. */
static void
segments_from_times (PwTimelineLayout *self,
                     PwTimelineRow    *row,
                     guint             row_index,
                     const RunCopy    *task_run)
{
  PwStateType type = task_run->state_type;
  const char *name = task_run->state_name;
  gint64 expected = task_run->expected_start;
  gint64 start = task_run->start;
  gint64 end = task_run->end;
  gboolean terminal = pw_state_type_is_terminal (type);
  guint run_count = task_run->run_count;

  if (expected == 0)
    expected = task_run->created;

  if (g_strcmp0 (name, "Cached") == 0)
    {
      gint64 at = end != 0 ? end : start != 0 ? start : expected;
      PwTimelineSegment hit = {
        .start = at, .end = at, .row = row_index, .kind = PW_TIMELINE_SEGMENT_CACHED,
        .end_type = type, .state_name = intern (self, name), .end_name = intern (self, name),
        .attempt = 1, .n_attempts = 1, .estimated = TRUE,
      };

      if (expected != 0 && expected < at)
        {
          PwTimelineSegment wait = {
            .start = expected, .end = at, .row = row_index, .kind = PW_TIMELINE_SEGMENT_WAITING,
            .end_type = type, .end_name = intern (self, name), .attempt = 1, .n_attempts = 1,
            .estimated = TRUE,
          };

          add_segment (self, row, &wait);
        }
      if (at != 0)
        add_segment (self, row, &hit);
      row->cached = TRUE;
      return;
    }

  if (start == 0)
    {
      /* Not started: waiting until now, or never ran (Cancelled, NotRun). */
      if (!terminal && expected != 0)
        {
          PwTimelineSegment wait = {
            .start = expected, .end = MAX (expected, self->now), .row = row_index,
            .kind = PW_TIMELINE_SEGMENT_WAITING, .end_type = type,
            .state_name = intern (self, name), .end_name = intern (self, name),
            .attempt = MAX (run_count, 0) + 1, .n_attempts = 1, .open = TRUE, .estimated = TRUE,
          };

          add_segment (self, row, &wait);
        }
      return;
    }

  if (expected != 0 && expected < start)
    {
      PwTimelineSegment wait = {
        .start = expected, .end = start, .row = row_index, .kind = PW_TIMELINE_SEGMENT_WAITING,
        .end_type = PW_STATE_TYPE_RUNNING, .attempt = 1, .n_attempts = 1, .estimated = TRUE,
      };

      add_segment (self, row, &wait);
    }

  {
    gboolean open = !terminal || end == 0;
    PwTimelineSegment run = {
      .start = start, .end = open ? MAX (start, self->now) : MAX (start, end), .row = row_index,
      .kind = is_running_type (type) || terminal ? PW_TIMELINE_SEGMENT_RUNNING
                                                 : PW_TIMELINE_SEGMENT_WAITING,
      .end_type = type, .end_name = intern (self, name),
      .attempt = MAX (run_count, 1), .n_attempts = MAX (run_count, 1),
      .open = open, .failed = is_failure (type, name), .estimated = TRUE,
    };

    add_segment (self, row, &run);
  }
}

static int
compare_runs (gconstpointer a,
              gconstpointer b)
{
  const RunEntry *ra = a, *rb = b;
  const char *ka = ra->task_run->dynamic_key;
  const char *kb = rb->task_run->dynamic_key;
  gint64 na, nb;
  char *enda, *endb;

  /* Map indexes in their numeric order: [2] before [10]. */
  na = ka != NULL ? g_ascii_strtoll (ka, &enda, 10) : 0;
  nb = kb != NULL ? g_ascii_strtoll (kb, &endb, 10) : 0;
  if (ka != NULL && kb != NULL && *enda == '\0' && *endb == '\0' && na != nb)
    return na < nb ? -1 : 1;
  if (ra->sort_time != rb->sort_time)
    return ra->sort_time < rb->sort_time ? -1 : 1;
  return g_strcmp0 (ka, kb);
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const Group *ga = *(Group **)a, *gb = *(Group **)b;

  if (ga->sort_time != gb->sort_time)
    return ga->sort_time < gb->sort_time ? -1 : 1;
  return g_strcmp0 (ga->task_key, gb->task_key);
}

static void
group_free (Group *group)
{
  g_array_unref (group->runs);
  g_free (group);
}

/* A task run's name without its map index: task runs are named
 * “KEY-DYNAMIC_KEY” (as Prefect names them “NAME-DYNAMIC_KEY”) or
 * “NAME[INDEX]”; a row shows the task. */
static char *
task_label (const RunCopy *task_run)
{
  const char *name = task_run->name;
  const char *dynamic_key = task_run->dynamic_key;
  const char *bracket;

  if (name == NULL || *name == '\0')
    return g_strdup (task_run->task_key);
  if (dynamic_key != NULL && *dynamic_key != '\0')
    {
      g_autofree char *suffix = g_strconcat ("-", dynamic_key, NULL);

      if (g_str_has_suffix (name, suffix) && strlen (name) > strlen (suffix))
        return g_strndup (name, strlen (name) - strlen (suffix));
    }
  bracket = strrchr (name, '[');
  if (bracket != NULL && bracket > name && g_str_has_suffix (name, "]"))
    return g_strstrip (g_strndup (name, bracket - name));
  return g_strdup (name);
}

static void
add_run_row (PwTimelineLayout *self,
             RunEntry         *entry,
             PwState         **states,
             guint             depth,
             guint             parent,
             const char       *label)
{
  const RunCopy *task_run = entry->task_run;
  PwTimelineRow row = {
    .label = intern (self, label),
    .task_key = intern (self, task_run->task_key),
    .task_run_id = intern (self, task_run->id),
    .depth = depth,
    .parent = parent,
    .first_segment = self->segments->len,
    .start = G_MAXINT64,
    .end = G_MININT64,
    .state_type = task_run->state_type,
    .state_name = intern (self, task_run->state_name),
    .run_count = task_run->run_count,
    .cached = g_strcmp0 (task_run->state_name, "Cached") == 0,
    .failed = is_failure (task_run->state_type, NULL),
  };
  guint index = self->rows->len;

  if (entry->n_states > 0)
    {
      PwState **history = states + entry->first_state;
      PwState *current = task_run->state;
      guint n = entry->n_states;

      /* The task run is updated live, the history a little later: its
       * current state, when newer than the history, is the history's next. */
      if (current != NULL && pw_state_get_timestamp (current) != NULL &&
          g_strcmp0 (pw_state_get_id (current), pw_state_get_id (history[n - 1])) != 0 &&
          g_date_time_compare (pw_state_get_timestamp (current),
                               pw_state_get_timestamp (history[n - 1])) > 0)
        {
          g_autofree PwState **extended = g_new (PwState *, n + 1);

          memcpy (extended, history, n * sizeof (PwState *));
          extended[n] = current;
          segments_from_history (self, &row, index, extended, n + 1);
        }
      else
        segments_from_history (self, &row, index, history, n);
    }
  else
    segments_from_times (self, &row, index, task_run);

  g_array_append_val (self->rows, row);
  if (row.task_run_id != NULL)
    g_hash_table_insert (self->row_of, (gpointer)row.task_run_id, GUINT_TO_POINTER (index + 1));
}

/**
 * pw_timeline_layout_new:
 * @task_runs: a #GListModel of #PwTaskRun, one flow run's
 * @states: (nullable): a #GListModel of #PwState, their history as
 *   pw_backend_list_task_run_states_finish() gives it; %NULL where the
 *   backend has none
 * @now: the current time, in microseconds since the epoch
 *
 * Makes the layout at once, in this thread: pw_timeline_input_new() then
 * pw_timeline_layout_build().
 *
 * Returns: (transfer full): the rows and segments of the timeline
 */
PwTimelineLayout *
pw_timeline_layout_new (GListModel *task_runs,
                        GListModel *states,
                        gint64      now)
{
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(PwTimelineInput) input = NULL;

  g_return_val_if_fail (G_IS_LIST_MODEL (task_runs), NULL);
  g_return_val_if_fail (states == NULL || G_IS_LIST_MODEL (states), NULL);

  if (states != NULL)
    history = pw_timeline_history_new (states);
  input = pw_timeline_input_new (task_runs, history);
  return pw_timeline_layout_build (input, now);
}

/**
 * pw_timeline_layout_build:
 * @input: the task runs and their history, copied
 * @now: the current time, in microseconds since the epoch
 *
 * Makes the layout of @input; safe in any thread (@input is only read).
 *
 * Returns: (transfer full): the rows and segments of the timeline
 */
PwTimelineLayout *
pw_timeline_layout_build (const PwTimelineInput *input,
                          gint64                 now)
{
  PwTimelineLayout *self;
  g_autoptr(GHashTable) groups = NULL;
  g_autoptr(GHashTable) history = NULL;   /* task run id → (first, n) */
  g_autoptr(GPtrArray) order = NULL;
  GPtrArray *state_items;
  PwState *no_states[1] = { NULL };
  PwState **items;
  guint n_runs;

  g_return_val_if_fail (input != NULL, NULL);

  self = g_new0 (PwTimelineLayout, 1);
  n_runs = input->n_runs;
  self->rows = g_array_sized_new (FALSE, FALSE, sizeof (PwTimelineRow), n_runs);
  self->segments = g_array_sized_new (FALSE, FALSE, sizeof (PwTimelineSegment), n_runs * 3);
  self->open = g_array_new (FALSE, FALSE, sizeof (guint));
  self->strings = g_string_chunk_new (4096);
  self->row_of = g_hash_table_new (g_str_hash, g_str_equal);
  self->now = now;
  self->has_history = input->history != NULL;

  /* Each task run's states are consecutive in the history: remember where. */
  state_items = input->history;
  items = state_items != NULL ? (PwState **)state_items->pdata : no_states;
  history = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  for (guint i = 0; state_items != NULL && i < state_items->len; i++)
    {
      PwState *state = g_ptr_array_index (state_items, i);
      const char *id = pw_state_get_task_run_id (state);
      guint *range = g_hash_table_lookup (history, id);

      if (range == NULL)
        {
          range = g_new0 (guint, 2);
          range[0] = i;
          g_hash_table_insert (history, (gpointer)id, range);
        }
      /* Should a server send them interleaved, only the first stretch of
       * a task run's states counts. */
      if (range[0] + range[1] == i)
        range[1]++;
    }

  groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)group_free);
  order = g_ptr_array_new ();
  for (guint i = 0; i < n_runs; i++)
    {
      const RunCopy *task_run = &input->runs[i];
      const char *key = task_run->task_key;
      guint *range = task_run->id != NULL ? g_hash_table_lookup (history, task_run->id) : NULL;
      RunEntry entry = { task_run, run_sort_time (task_run), 0, 0 };
      Group *group;

      if (range != NULL)
        {
          entry.first_state = range[0];
          entry.n_states = range[1];
        }
      if (key == NULL)
        key = "";
      group = g_hash_table_lookup (groups, key);
      if (group == NULL)
        {
          group = g_new0 (Group, 1);
          group->task_key = key;
          group->runs = g_array_new (FALSE, FALSE, sizeof (RunEntry));
          group->sort_time = G_MAXINT64;
          g_hash_table_insert (groups, (gpointer)key, group);
          g_ptr_array_add (order, group);
        }
      g_array_append_val (group->runs, entry);
      group->sort_time = MIN (group->sort_time, entry.sort_time);
    }

  g_ptr_array_sort (order, compare_groups);
  self->start = G_MAXINT64;
  self->end = G_MININT64;
  for (guint g = 0; g < order->len; g++)
    {
      Group *group = g_ptr_array_index (order, g);

      if (group->runs->len == 1)
        {
          RunEntry *entry = &g_array_index (group->runs, RunEntry, 0);
          g_autofree char *label = task_label (entry->task_run);

          add_run_row (self, entry, items, 0, G_MAXUINT, label);
        }
      else
        {
          g_autofree char *label = NULL;
          guint head = self->rows->len;
          PwTimelineRow row = { 0, };

          g_array_sort (group->runs, compare_runs);
          label = task_label (g_array_index (group->runs, RunEntry, 0).task_run);
          row.label = intern (self, label);
          row.task_key = intern (self, group->task_key);
          row.n_children = group->runs->len;
          row.parent = G_MAXUINT;
          row.first_segment = self->segments->len;
          row.start = G_MAXINT64;
          row.end = G_MININT64;
          row.state_type = PW_STATE_TYPE_COMPLETED;
          g_array_append_val (self->rows, row);

          for (guint r = 0; r < group->runs->len; r++)
            {
              RunEntry *entry = &g_array_index (group->runs, RunEntry, r);
              g_autofree char *child_label = g_strdup_printf ("[%s]",
                entry->task_run->dynamic_key != NULL ? entry->task_run->dynamic_key : "?");
              PwTimelineRow *head_row, *child;

              add_run_row (self, entry, items, 1, head, child_label);
              head_row = &g_array_index (self->rows, PwTimelineRow, head);
              child = &g_array_index (self->rows, PwTimelineRow, self->rows->len - 1);
              head_row->start = MIN (head_row->start, child->start);
              head_row->end = MAX (head_row->end, child->end);
              head_row->run_count += child->run_count;
              head_row->cached |= child->cached;
              head_row->failed |= child->failed;
              if (state_rank (child->state_type) < state_rank (head_row->state_type))
                {
                  head_row->state_type = child->state_type;
                  head_row->state_name = child->state_name;
                }
            }
        }
    }

  for (guint i = 0; i < self->rows->len; i++)
    {
      const PwTimelineRow *row = &g_array_index (self->rows, PwTimelineRow, i);

      if (row->start <= row->end)
        {
          self->start = MIN (self->start, row->start);
          self->end = MAX (self->end, row->end);
        }
    }
  if (self->start > self->end)
    self->start = self->end = now;
  if (self->open->len > 0)
    self->end = MAX (self->end, now);

  return self;
}

void
pw_timeline_layout_free (PwTimelineLayout *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->rows);
  g_array_unref (self->segments);
  g_array_unref (self->open);
  g_string_chunk_free (self->strings);
  g_hash_table_unref (self->row_of);
  g_free (self);
}

guint
pw_timeline_layout_get_n_rows (const PwTimelineLayout *self)
{
  return self->rows->len;
}

const PwTimelineRow *
pw_timeline_layout_get_row (const PwTimelineLayout *self,
                            guint                   i)
{
  g_return_val_if_fail (i < self->rows->len, NULL);
  return &g_array_index (self->rows, PwTimelineRow, i);
}

guint
pw_timeline_layout_get_n_segments (const PwTimelineLayout *self)
{
  return self->segments->len;
}

const PwTimelineSegment *
pw_timeline_layout_get_segment (const PwTimelineLayout *self,
                                guint                   i)
{
  g_return_val_if_fail (i < self->segments->len, NULL);
  return &g_array_index (self->segments, PwTimelineSegment, i);
}

/**
 * pw_timeline_layout_find_row:
 *
 * Returns: the row of the task run @task_run_id, or -1
 */
int
pw_timeline_layout_find_row (const PwTimelineLayout *self,
                             const char             *task_run_id)
{
  return (int)GPOINTER_TO_UINT (g_hash_table_lookup (self->row_of, task_run_id)) - 1;
}

gint64
pw_timeline_layout_get_start (const PwTimelineLayout *self)
{
  return self->start;
}

gint64
pw_timeline_layout_get_end (const PwTimelineLayout *self)
{
  return self->end;
}

/**
 * pw_timeline_layout_is_live:
 *
 * Returns: whether a segment goes on (a task run waits or runs)
 */
gboolean
pw_timeline_layout_is_live (const PwTimelineLayout *self)
{
  return self->open->len > 0;
}

/**
 * pw_timeline_layout_has_history:
 *
 * Returns: whether the layout was made with a state history (else every
 *   segment is estimated from the task runs' times)
 */
gboolean
pw_timeline_layout_has_history (const PwTimelineLayout *self)
{
  return self->has_history;
}

gint64
pw_timeline_layout_get_now (const PwTimelineLayout *self)
{
  return self->now;
}

/**
 * pw_timeline_layout_set_now:
 * @now: the current time
 *
 * Extends the open segments (and their rows, and the layout) to @now:
 * a live run grows without a new layout.
 */
void
pw_timeline_layout_set_now (PwTimelineLayout *self,
                            gint64            now)
{
  self->now = now;
  for (guint i = 0; i < self->open->len; i++)
    {
      PwTimelineSegment *segment = &g_array_index (self->segments, PwTimelineSegment,
                                                   g_array_index (self->open, guint, i));
      PwTimelineRow *row = &g_array_index (self->rows, PwTimelineRow, segment->row);

      segment->end = MAX (segment->start, now);
      row->end = MAX (row->end, segment->end);
      if (row->parent != G_MAXUINT)
        {
          PwTimelineRow *parent = &g_array_index (self->rows, PwTimelineRow, row->parent);

          parent->end = MAX (parent->end, segment->end);
        }
      self->end = MAX (self->end, segment->end);
    }
}
