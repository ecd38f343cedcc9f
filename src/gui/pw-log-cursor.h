/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pw-run-filter.h"

G_BEGIN_DECLS

/*
 * PwLogCursor: where a front-to-back read of a log stands, so that each
 * next chunk costs the same however far the read has come (keyset paging:
 * “the lines from timestamp T on, skipping the first K at T”, rather than
 * an offset the store would have to step over). Lines are in timestamp
 * order, ties in the order they were written. Plain C, tested without a
 * display.
 */
typedef struct
{
  gint64  last_usec;   /* timestamp of the last line read; G_MININT64 before any */
  guint   ties;        /* lines read with that timestamp */
  guint64 n_read;      /* lines read in all */
} PwLogCursor;

void     pw_log_cursor_init    (PwLogCursor     *self);
void     pw_log_cursor_apply   (PwLogCursor     *self,
                                PwLogFilter     *filter,
                                guint           *offset);
void     pw_log_cursor_advance (PwLogCursor     *self,
                                GPtrArray       *entries);
gint64   pw_log_time_to_usec   (GDateTime       *time);

G_END_DECLS
