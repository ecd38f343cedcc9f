/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-fake-clock"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-fake-clock.h"

/*
 * PwFakeClock: a clock for tests. Its time stands still until the test sets
 * or advances it; its timeout sources become ready when the time passes
 * their deadline, and are then dispatched by the main loop as usual, so a
 * retry delay of an hour takes no time at all.
 */

typedef struct
{
  GSource      source;
  PwFakeClock *clock;      /* unowned; cleared when the clock goes */
  gint64       deadline;   /* µs since the epoch, in fake time */
  guint        interval_ms;
} FakeTimeout;

struct _PwFakeClock
{
  PwClock    parent_instance;

  GMutex     lock;
  gint64     now;          /* µs since the epoch, UTC */
  GPtrArray *sources;      /* FakeTimeout*, unowned */
};

G_DEFINE_FINAL_TYPE (PwFakeClock, pw_fake_clock, PW_TYPE_CLOCK)

static gint64
date_time_to_usec (GDateTime *date_time)
{
  return g_date_time_to_unix (date_time) * G_USEC_PER_SEC
         + g_date_time_get_microsecond (date_time);
}

static GDateTime *
usec_to_date_time (gint64 usec)
{
  g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return g_date_time_add (seconds, usec % G_USEC_PER_SEC);
}

/* Called with the lock held. */
static void
fake_timeout_update (FakeTimeout *timeout,
                     gint64       now)
{
  g_source_set_ready_time ((GSource *)timeout, timeout->deadline <= now ? 0 : -1);
}

static gboolean
fake_timeout_dispatch (GSource     *source,
                       GSourceFunc  callback,
                       gpointer     user_data)
{
  FakeTimeout *timeout = (FakeTimeout *)source;
  gboolean again;

  g_source_set_ready_time (source, -1);
  if (callback == NULL)
    return G_SOURCE_REMOVE;

  again = callback (user_data);
  if (again && timeout->clock != NULL)
    {
      g_mutex_lock (&timeout->clock->lock);
      timeout->deadline += (gint64)timeout->interval_ms * 1000;
      fake_timeout_update (timeout, timeout->clock->now);
      g_mutex_unlock (&timeout->clock->lock);
    }

  return again;
}

static void
fake_timeout_finalize (GSource *source)
{
  FakeTimeout *timeout = (FakeTimeout *)source;
  PwFakeClock *clock = timeout->clock;

  if (clock == NULL)
    return;

  g_mutex_lock (&clock->lock);
  g_ptr_array_remove_fast (clock->sources, timeout);
  g_mutex_unlock (&clock->lock);
}

static GSourceFuncs fake_timeout_funcs = {
  .dispatch = fake_timeout_dispatch,
  .finalize = fake_timeout_finalize,
};

static GDateTime *
pw_fake_clock_get_now (PwClock *clock)
{
  PwFakeClock *self = PW_FAKE_CLOCK (clock);
  gint64 now;

  g_mutex_lock (&self->lock);
  now = self->now;
  g_mutex_unlock (&self->lock);

  return usec_to_date_time (now);
}

static gint64
pw_fake_clock_get_real_time (PwClock *clock)
{
  PwFakeClock *self = PW_FAKE_CLOCK (clock);
  gint64 now;

  g_mutex_lock (&self->lock);
  now = self->now;
  g_mutex_unlock (&self->lock);

  return now;
}

static GSource *
pw_fake_clock_timeout_source_new (PwClock *clock,
                                  guint    interval_ms)
{
  PwFakeClock *self = PW_FAKE_CLOCK (clock);
  GSource *source = g_source_new (&fake_timeout_funcs, sizeof (FakeTimeout));
  FakeTimeout *timeout = (FakeTimeout *)source;

  g_source_set_static_name (source, "[pw] fake clock timeout");
  timeout->clock = self;
  timeout->interval_ms = interval_ms;

  g_mutex_lock (&self->lock);
  timeout->deadline = self->now + (gint64)interval_ms * 1000;
  g_ptr_array_add (self->sources, timeout);
  fake_timeout_update (timeout, self->now);
  g_mutex_unlock (&self->lock);

  return source;
}

static void
pw_fake_clock_finalize (GObject *object)
{
  PwFakeClock *self = (PwFakeClock *)object;

  /* Sources that outlive the clock never fire. */
  for (guint i = 0; i < self->sources->len; i++)
    ((FakeTimeout *)g_ptr_array_index (self->sources, i))->clock = NULL;
  g_ptr_array_unref (self->sources);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (pw_fake_clock_parent_class)->finalize (object);
}

static void
pw_fake_clock_class_init (PwFakeClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PwClockClass *clock_class = PW_CLOCK_CLASS (klass);

  object_class->finalize = pw_fake_clock_finalize;
  clock_class->get_now = pw_fake_clock_get_now;
  clock_class->timeout_source_new = pw_fake_clock_timeout_source_new;
  clock_class->get_real_time = pw_fake_clock_get_real_time;
}

static void
pw_fake_clock_init (PwFakeClock *self)
{
  g_mutex_init (&self->lock);
  self->sources = g_ptr_array_new ();
}

/**
 * pw_fake_clock_new:
 * @now: (nullable): the time to start at, or %NULL for the real time now
 *
 * Returns: (transfer full): a clock whose time moves only when told to
 */
PwClock *
pw_fake_clock_new (GDateTime *now)
{
  PwFakeClock *self = g_object_new (PW_TYPE_FAKE_CLOCK, NULL);

  if (now != NULL)
    self->now = date_time_to_usec (now);
  else
    self->now = g_get_real_time ();

  return PW_CLOCK (self);
}

/**
 * pw_fake_clock_set_now:
 * @self: a #PwFakeClock
 * @now: the new time; it may go backwards
 *
 * Sets the time; timeouts whose deadline it reaches become ready.
 */
void
pw_fake_clock_set_now (PwFakeClock *self,
                       GDateTime   *now)
{
  g_return_if_fail (PW_IS_FAKE_CLOCK (self));
  g_return_if_fail (now != NULL);

  g_mutex_lock (&self->lock);
  self->now = date_time_to_usec (now);
  for (guint i = 0; i < self->sources->len; i++)
    fake_timeout_update (g_ptr_array_index (self->sources, i), self->now);
  g_mutex_unlock (&self->lock);
}

/**
 * pw_fake_clock_advance:
 * @self: a #PwFakeClock
 * @span: how far to move the time, in microseconds
 *
 * Moves the time on; timeouts whose deadline it reaches become ready and
 * run at the next iteration of their main context.
 */
void
pw_fake_clock_advance (PwFakeClock *self,
                       GTimeSpan    span)
{
  g_return_if_fail (PW_IS_FAKE_CLOCK (self));

  g_mutex_lock (&self->lock);
  self->now += span;
  for (guint i = 0; i < self->sources->len; i++)
    fake_timeout_update (g_ptr_array_index (self->sources, i), self->now);
  g_mutex_unlock (&self->lock);
}

/**
 * pw_fake_clock_get_n_pending:
 * @self: a #PwFakeClock
 *
 * Returns: how many timeout sources of this clock exist, fired or not; a
 *   test can wait for this to know that the code under test is waiting
 */
guint
pw_fake_clock_get_n_pending (PwFakeClock *self)
{
  guint n;

  g_return_val_if_fail (PW_IS_FAKE_CLOCK (self), 0);

  g_mutex_lock (&self->lock);
  n = self->sources->len;
  g_mutex_unlock (&self->lock);

  return n;
}
