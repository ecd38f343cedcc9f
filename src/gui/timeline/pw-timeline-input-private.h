/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-state.h"
#include "pw-timeline-layout.h"

G_BEGIN_DECLS

/*
 * The inside of PwTimelineInput, shared by pw-timeline-input.c (which
 * makes it) and pw-timeline-layout.c (which lays it out).
 */

/* A task run, copied. */
typedef struct
{
  const char  *id;
  const char  *task_key;
  const char  *dynamic_key;
  const char  *name;
  const char  *state_name;
  PwState     *state;         /* owned; its current state */
  PwStateType  state_type;
  guint        run_count;
  gint64       expected_start;
  gint64       start;
  gint64       end;
  gint64       created;
} RunCopy;

struct _PwTimelineInput
{
  RunCopy      *runs;
  guint         n_runs;
  GStringChunk *strings;
  GPtrArray    *history;      /* PwState, nullable */
};

gint64 pw_timeline_usec (GDateTime *time);

G_END_DECLS
