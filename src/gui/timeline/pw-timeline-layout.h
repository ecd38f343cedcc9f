/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pw-state.h"

G_BEGIN_DECLS

/*
 * The timeline's model, plain C (no GTK): a row per task run — the task
 * runs of a mapped task grouped under a row for their task — and on each
 * row the segments of its attempts, from the task run's state history.
 * Times are microseconds since the epoch.
 */

/**
 * PwTimelineSegmentKind:
 * @PW_TIMELINE_SEGMENT_WAITING: Scheduled, Pending, AwaitingRetry, Paused
 * @PW_TIMELINE_SEGMENT_RUNNING: an attempt: Running, Retrying, Cancelling
 * @PW_TIMELINE_SEGMENT_CACHED: a cache hit (an instant: Cached)
 */
typedef enum
{
  PW_TIMELINE_SEGMENT_WAITING,
  PW_TIMELINE_SEGMENT_RUNNING,
  PW_TIMELINE_SEGMENT_CACHED,
} PwTimelineSegmentKind;

/**
 * PwTimelineSegment:
 * @start: when it began
 * @end: when it ended (equal to @start for a cache hit; the layout's
 *   "now" for an open segment)
 * @row: its row
 * @kind: waiting, running or a cache hit
 * @end_type: the state that ended it (its current state when open)
 * @state_name: (nullable): the name of the state it began with
 *   (“AwaitingRetry”, “Retrying”); owned by the layout
 * @end_name: (nullable): the name of the state that ended it
 * @attempt: the attempt it is (a running segment) or waits for (1-based)
 * @n_attempts: for a segment made from times alone (no state history),
 *   the run count it stands for; else 1
 * @open: it goes on: its end follows "now"
 * @failed: the attempt ended in failure (Failed, Crashed, or a failure
 *   that is retried)
 * @estimated: made from the task run's times alone
 */
typedef struct
{
  gint64                 start;
  gint64                 end;
  guint                  row;
  PwTimelineSegmentKind  kind;
  PwStateType            end_type;
  const char            *state_name;
  const char            *end_name;
  guint                  attempt;
  guint                  n_attempts;
  guint                  open : 1;
  guint                  failed : 1;
  guint                  estimated : 1;
} PwTimelineSegment;

/**
 * PwTimelineRow:
 * @label: the task's name, or the map index (“[3]”) of a mapped task run
 * @task_key: its task
 * @task_run_id: (nullable): its task run; %NULL for a mapped task's row
 * @depth: 0 for a task, 1 for a mapped task run under its task
 * @parent: the row of a mapped task run's task, else G_MAXUINT
 * @n_children: the task runs under a mapped task's row
 * @first_segment: its segments, @n_segments of them from this index
 * @start: its earliest time (G_MAXINT64 when it has no segment)
 * @end: its latest time
 * @state_type: its current state (the worst of a mapped task's runs)
 * @state_name: (nullable): the name of its current state
 * @run_count: its attempts
 * @cached: it was taken from the cache
 * @failed: it failed (a mapped task: one of its runs did)
 */
typedef struct
{
  const char  *label;
  const char  *task_key;
  const char  *task_run_id;
  guint        depth;
  guint        parent;
  guint        n_children;
  guint        first_segment;
  guint        n_segments;
  gint64       start;
  gint64       end;
  PwStateType  state_type;
  const char  *state_name;
  guint        run_count;
  guint        cached : 1;
  guint        failed : 1;
} PwTimelineRow;

typedef struct _PwTimelineLayout PwTimelineLayout;

/**
 * PwTimelineInput:
 *
 * What a layout is made from: a copy of a flow run's task runs (made on
 * the thread that updates them) and a snapshot of their history, to be
 * laid out in another thread.
 */
typedef struct _PwTimelineInput PwTimelineInput;

GPtrArray               *pw_timeline_history_new         (GListModel             *states);
PwTimelineInput         *pw_timeline_input_new           (GListModel             *task_runs,
                                                          GPtrArray              *history);
guint                    pw_timeline_input_get_n_task_runs (const PwTimelineInput *self);
void                     pw_timeline_input_free          (PwTimelineInput        *self);

PwTimelineLayout        *pw_timeline_layout_new          (GListModel             *task_runs,
                                                          GListModel             *states,
                                                          gint64                  now);
PwTimelineLayout        *pw_timeline_layout_build        (const PwTimelineInput  *input,
                                                          gint64                  now);
void                     pw_timeline_layout_free         (PwTimelineLayout       *self);
guint                    pw_timeline_layout_get_n_rows   (const PwTimelineLayout *self);
const PwTimelineRow     *pw_timeline_layout_get_row      (const PwTimelineLayout *self,
                                                          guint                   i);
guint                    pw_timeline_layout_get_n_segments (const PwTimelineLayout *self);
const PwTimelineSegment *pw_timeline_layout_get_segment  (const PwTimelineLayout *self,
                                                          guint                   i);
int                      pw_timeline_layout_find_row     (const PwTimelineLayout *self,
                                                          const char             *task_run_id);
gint64                   pw_timeline_layout_get_start    (const PwTimelineLayout *self);
gint64                   pw_timeline_layout_get_end      (const PwTimelineLayout *self);
gboolean                 pw_timeline_layout_is_live      (const PwTimelineLayout *self);
gboolean                 pw_timeline_layout_has_history  (const PwTimelineLayout *self);
void                     pw_timeline_layout_set_now      (PwTimelineLayout       *self,
                                                          gint64                  now);
gint64                   pw_timeline_layout_get_now      (const PwTimelineLayout *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwTimelineLayout, pw_timeline_layout_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwTimelineInput, pw_timeline_input_free)

G_END_DECLS
