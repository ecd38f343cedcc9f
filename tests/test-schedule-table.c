/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-schedule-table"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "pw-schedule.h"

/*
 * PwSchedule against python3-croniter: tests/data/cron/croniter-table.txt
 * holds the next five run times of a few hundred random cron expressions
 * in several zones, written by build-aux/gen-cron-tables.py at instants
 * weeks away from any DST change (croniter is wrong across them). Every
 * line must agree.
 */

static char *
utc_text (GDateTime *dt)
{
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

static void
test_croniter_table (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "cron",
                                                 "croniter-table.txt", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  guint checked = 0, failed = 0;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = NULL;
      g_auto(GStrv) expected = NULL;
      g_autoptr(PwSchedule) schedule = NULL;
      g_autoptr(GDateTime) start = NULL;
      g_autoptr(GPtrArray) got = NULL;
      g_autoptr(GString) got_text = g_string_new (NULL);
      g_autofree char *expected_text = NULL;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;

      cols = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (cols), ==, 5);

      schedule = pw_schedule_new_cron (cols[0], cols[1], g_str_equal (cols[2], "1"), &error);
      g_assert_no_error (error);
      start = g_date_time_new_from_iso8601 (cols[3], NULL);
      g_assert_nonnull (start);

      expected = g_strsplit (cols[4], " ", -1);
      got = pw_schedule_get_next (schedule, start, g_strv_length (expected), NULL);
      for (guint j = 0; j < got->len; j++)
        {
          g_autofree char *text = utc_text (g_ptr_array_index (got, j));

          g_string_append_printf (got_text, "%s%s", j > 0 ? " " : "", text);
        }

      expected_text = g_strjoinv (" ", expected);
      if (!g_str_equal (got_text->str, expected_text))
        {
          g_test_message ("line %u: `%s` in %s (day_or %s) after %s:\n  croniter %s\n  we       %s",
                          i + 1, cols[0], cols[1], cols[2], cols[3], expected_text,
                          got_text->str);
          failed++;
        }
      checked++;
    }

  g_test_message ("%u lines checked, %u disagree", checked, failed);
  g_assert_cmpuint (checked, >=, 1000);
  g_assert_cmpuint (failed, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Schedule/cron/croniter-table", test_croniter_table);

  return g_test_run ();
}
