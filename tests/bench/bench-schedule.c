/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-schedule"

#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include "pw-cron.h"
#include "pw-schedule.h"

/*
 * Next 100 run times of 10,000 cron expressions (a fixed seed; every
 * feature croniter shares with us: values, ranges, steps, lists, month and
 * weekday names, macros), after 2026-01-01T00:00:00Z:
 *   - PwSchedule in C: pw_schedule_new_cron() + pw_schedule_get_next()
 *     (UTC GDateTimes, as the scheduler gets them), in UTC and, for the
 *     cost of the DST rules, in Europe/Berlin; median of several runs;
 *   - the peer, python3-croniter 1.3.5 (what Prefect 2.7 uses), through
 *     tests/bench/croniter-next.py as a subprocess, timed inside Python
 *     (without the interpreter's start-up); skipped with a message when
 *     croniter is not installed.
 * Both sum the epoch seconds of each expression's times in UTC, and the
 * sums are compared expression by expression. croniter 1.3.5 skips 1 March
 * after February when the day-of-month field also holds days past the 28th
 * (`33 20 *∕10 * *` runs on 21 February, then croniter says 11 March): the
 * expressions that disagree are listed, for a reader to judge.
 *
 *   bench-schedule [PATH/TO/croniter-next.py]
 */

#define N_EXPRESSIONS 10000
#define N_NEXT 100
#define N_RUNS 5
#define SEED 20260101
#define START "2026-01-01T00:00:00Z"

static const char * const months[] = {
  "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
};
static const char * const weekdays[] = { "sun", "mon", "tue", "wed", "thu", "fri", "sat" };
static const char * const macros[] = {
  "@hourly", "@daily", "@midnight", "@weekly", "@monthly", "@yearly", "@annually"
};
static const gint field_lo[] = { 0, 0, 1, 1, 0 };
static const gint field_hi[] = { 59, 23, 31, 12, 6 };
static const double field_star[] = { 0.25, 0.35, 0.75, 0.8, 0.7 };

static void
append_value (GString *out,
              GRand   *rand,
              guint    field,
              gint     v)
{
  if (field == 3 && g_rand_double (rand) < 0.3)
    g_string_append (out, months[v - 1]);
  else if (field == 4 && g_rand_double (rand) < 0.3)
    g_string_append (out, weekdays[v]);
  else
    g_string_append_printf (out, "%d", v);
}

static void
append_item (GString *out,
             GRand   *rand,
             guint    field)
{
  gint lo = field_lo[field], hi = field_hi[field];
  double kind = g_rand_double (rand);

  if (kind < 0.35)
    append_value (out, rand, field, g_rand_int_range (rand, lo, hi + 1));
  else if (kind < 0.55)
    {
      gint a = g_rand_int_range (rand, lo, hi);
      gint b = g_rand_int_range (rand, a + 1, hi + 1);

      append_value (out, rand, field, a);
      g_string_append_c (out, '-');
      append_value (out, rand, field, b);
    }
  else if (kind < 0.75)
    g_string_append_printf (out, "*/%d", g_rand_int_range (rand, 2, MAX (3, (hi - lo + 1) / 2 + 1)));
  else
    {
      gint a = g_rand_int_range (rand, lo, hi - 1);
      gint b = g_rand_int_range (rand, a + 2, hi + 1);

      g_string_append_printf (out, "%d-%d/%d", a, b, g_rand_int_range (rand, 2, b - a + 1));
    }
}

static char *
make_expression (GRand *rand)
{
  GString *out = g_string_new (NULL);

  if (g_rand_double (rand) < 0.04)
    {
      g_string_append (out, macros[g_rand_int_range (rand, 0, G_N_ELEMENTS (macros))]);
      return g_string_free (out, FALSE);
    }

  for (guint field = 0; field < 5; field++)
    {
      if (field > 0)
        g_string_append_c (out, ' ');
      if (g_rand_double (rand) < field_star[field])
        g_string_append_c (out, '*');
      else if (g_rand_double (rand) < 0.25)
        {
          guint n = g_rand_int_range (rand, 2, 5);

          for (guint i = 0; i < n; i++)
            {
              if (i > 0)
                g_string_append_c (out, ',');
              append_item (out, rand, field);
            }
        }
      else
        append_item (out, rand, field);
    }
  return g_string_free (out, FALSE);
}

static GPtrArray *
make_expressions (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *exprs = g_ptr_array_new_with_free_func (g_free);

  while (exprs->len < N_EXPRESSIONS)
    {
      g_autofree char *expr = make_expression (rand);
      g_autoptr(PwCron) cron = pw_cron_parse (expr, FALSE, NULL);

      /* `0 0 31 2 *` never runs, and croniter gives up with an error. It
       * also gives up on `0 11 31 4 sun-fri` (31 April or a weekday in
       * April), whose day-of-month half never matches: checking the
       * expression with day_or = FALSE leaves both out. */
      if (cron == NULL || cron->never || g_hash_table_contains (seen, expr))
        continue;
      g_hash_table_add (seen, expr);
      g_ptr_array_add (exprs, g_steal_pointer (&expr));
    }
  return exprs;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : (x > y ? 1 : 0);
}

/* One pass over every expression; returns seconds, fills @sums with the
 * sum of each expression's epoch seconds. */
static double
run_c (GPtrArray  *exprs,
       const char *tz,
       GArray     *sums,
       guint64    *count)
{
  g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 (START, NULL);
  gint64 began = g_get_monotonic_time ();

  g_array_set_size (sums, 0);
  *count = 0;
  for (guint i = 0; i < exprs->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PwSchedule) schedule = pw_schedule_new_cron (g_ptr_array_index (exprs, i), tz, TRUE,
                                                             &error);
      g_autoptr(GPtrArray) times = NULL;
      gint64 sum = 0;

      g_assert_no_error (error);
      times = pw_schedule_get_next (schedule, start, N_NEXT, NULL);
      for (guint j = 0; j < times->len; j++)
        sum += g_date_time_to_unix (g_ptr_array_index (times, j));
      g_array_append_val (sums, sum);
      *count += times->len;
    }
  return (g_get_monotonic_time () - began) / (double) G_USEC_PER_SEC;
}

static double
median_c (GPtrArray  *exprs,
          const char *tz,
          GArray     *sums,
          guint64    *count)
{
  double runs[N_RUNS];

  for (guint r = 0; r < N_RUNS; r++)
    runs[r] = run_c (exprs, tz, sums, count);
  qsort (runs, N_RUNS, sizeof (double), compare_double);
  return runs[N_RUNS / 2];
}

/* The first of $PW_PYTHON, /usr/bin/python3 and python3 that has croniter
 * (a pyenv or venv python3 first in PATH usually does not). */
static char *
find_python (void)
{
  const char *candidates[] = { g_getenv ("PW_PYTHON"), "/usr/bin/python3", "python3" };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      const char *argv[] = { candidates[i], "-c", "import croniter", NULL };
      gint status = 0;

      if (candidates[i] == NULL)
        continue;
      if (g_spawn_sync (NULL, (char **) argv, NULL,
                        G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                        NULL, NULL, NULL, NULL, &status, NULL)
          && g_spawn_check_wait_status (status, NULL))
        return g_strdup (candidates[i]);
    }
  return NULL;
}

/* Runs croniter-next.py; returns its time in seconds, or a negative
 * number when it failed, and fills @sums. */
static double
run_croniter (const char *python,
              const char *script,
              GPtrArray  *exprs,
              GArray     *sums,
              double     *wall)
{
  g_autofree char *dir = NULL;
  g_autofree char *list = NULL;
  g_autofree char *n = g_strdup_printf ("%d", N_NEXT);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  double seconds = -1;
  gint status = 0;
  gint64 began;

  dir = g_dir_make_tmp ("bench-schedule-XXXXXX", &error);
  g_assert_no_error (error);
  list = g_build_filename (dir, "expressions.txt", NULL);
  for (guint i = 0; i < exprs->len; i++)
    g_string_append_printf (text, "%s\n", (const char *) g_ptr_array_index (exprs, i));
  g_file_set_contents (list, text->str, text->len, &error);
  g_assert_no_error (error);

  {
    const char *argv[] = { python, script, list, START, n, NULL };

    began = g_get_monotonic_time ();
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                  &status, &error);
    *wall = (g_get_monotonic_time () - began) / (double) G_USEC_PER_SEC;
  }
  g_unlink (list);
  g_rmdir (dir);
  g_assert_no_error (error);

  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_print ("croniter (Python): failed: %s\n", err);
      return -1;
    }

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      gint64 sum;
      guint count;

      if (sscanf (lines[i], "seconds=%lf", &seconds) == 1)
        break;
      if (sscanf (lines[i], "%u %" G_GINT64_FORMAT, &count, &sum) == 2)
        g_array_append_val (sums, sum);
    }
  return seconds;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) exprs = make_expressions ();
  g_autoptr(GArray) sums_utc = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) sums_berlin = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) sums_py = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *script = NULL;
  g_autofree char *python = NULL;
  guint64 count_utc, count_berlin;
  double c_utc, c_berlin, py, wall;
  guint agree = 0;

  if (argc > 1)
    script = g_strdup (argv[1]);
  else
    {
      g_autofree char *here = g_path_get_dirname (argv[0]);

      script = g_build_filename (here, "croniter-next.py", NULL);
    }

  c_utc = median_c (exprs, "UTC", sums_utc, &count_utc);
  c_berlin = median_c (exprs, "Europe/Berlin", sums_berlin, &count_berlin);

  g_print ("cron next times: %u expressions x %u times after %s; C: median of %u runs\n",
           exprs->len, N_NEXT, START, N_RUNS);
  g_print ("PwSchedule (C), UTC:            %8.3f s  %6.3f us/time  (%" G_GUINT64_FORMAT " times)\n",
           c_utc, c_utc * 1e6 / count_utc, count_utc);
  g_print ("PwSchedule (C), Europe/Berlin:  %8.3f s  %6.3f us/time  (%" G_GUINT64_FORMAT " times)\n",
           c_berlin, c_berlin * 1e6 / count_berlin, count_berlin);

  python = find_python ();
  if (python == NULL || !g_file_test (script, G_FILE_TEST_EXISTS))
    {
      g_print ("croniter (Python): skipped: %s\n",
               python == NULL ? "python3-croniter is not installed (apt-get install python3-croniter)"
                              : "croniter-next.py not found");
      return EXIT_SUCCESS;
    }

  py = run_croniter (python, script, exprs, sums_py, &wall);
  if (py < 0 || sums_py->len != exprs->len)
    {
      g_print ("croniter (Python): no usable output (%u sums)\n", sums_py->len);
      return EXIT_FAILURE;
    }

  for (guint i = 0; i < exprs->len; i++)
    {
      if (g_array_index (sums_py, gint64, i) == g_array_index (sums_utc, gint64, i))
        agree++;
      else
        g_print ("  differs from croniter: %s\n", (const char *) g_ptr_array_index (exprs, i));
    }

  g_print ("croniter 1.3.5 (Python), UTC:   %8.3f s  %6.3f us/time  (%.1f s with start-up)\n",
           py, py * 1e6 / ((double) exprs->len * N_NEXT), wall);
  g_print ("same %u times as croniter:      %u of %u expressions\n", N_NEXT, agree, exprs->len);
  g_print ("ratio croniter / PwSchedule:    %8.1f (C is that many times faster)\n", py / c_utc);

  return EXIT_SUCCESS;
}
