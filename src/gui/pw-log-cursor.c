/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-log-cursor"

#include "config.h"

#include "pw-log-cursor.h"
#include "pw-log-entry.h"

gint64
pw_log_time_to_usec (GDateTime *time)
{
  if (time == NULL)
    return G_MININT64;

  return g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
}

/**
 * pw_log_cursor_init:
 *
 * Places @self before the first line.
 */
void
pw_log_cursor_init (PwLogCursor *self)
{
  self->last_usec = G_MININT64;
  self->ties = 0;
  self->n_read = 0;
}

/**
 * pw_log_cursor_apply:
 * @filter: the filter of the read, whose `timestamp_after` it sets
 * @offset: (out): the offset to list with
 *
 * Makes @filter and @offset ask for the lines after the ones read.
 */
void
pw_log_cursor_apply (PwLogCursor *self,
                     PwLogFilter *filter,
                     guint       *offset)
{
  g_clear_pointer (&filter->timestamp_after, g_date_time_unref);

  if (self->last_usec == G_MININT64)
    {
      *offset = 0;
      return;
    }

  {
    g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (self->last_usec / G_USEC_PER_SEC);

    filter->timestamp_after = g_date_time_add (utc, self->last_usec % G_USEC_PER_SEC);
  }
  *offset = self->ties;
}

/**
 * pw_log_cursor_advance:
 * @entries: (element-type PwLogEntry): the chunk just read, in order
 *
 * Moves @self past @entries.
 */
void
pw_log_cursor_advance (PwLogCursor *self,
                       GPtrArray   *entries)
{
  for (guint i = 0; i < entries->len; i++)
    {
      gint64 usec = pw_log_time_to_usec (pw_log_entry_get_timestamp (g_ptr_array_index (entries, i)));

      if (usec == self->last_usec)
        {
          self->ties++;
        }
      else
        {
          self->last_usec = usec;
          self->ties = 1;
        }
    }

  self->n_read += entries->len;
}
