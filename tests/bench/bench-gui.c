/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-gui"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "pw-application.h"
#include "pw-examples.h"
#include "pw-local-backend.h"
#include "pw-log-view.h"
#include "pw-run-list-model.h"
#include "pw-run-view.h"
#include "pw-runs-page.h"
#include "pw-store.h"
#include "pw-window.h"

/*
 * bench-gui: the app under Xvfb (run it with xvfb-run; GSK_RENDERER=cairo)
 * on an empty database and on one of 100,000 flow runs over 30 days plus a
 * run with 1,000,000 log lines, filled through the store as
 * bench-store does. It prints:
 *
 *   - start to first frame (g_application_run() to the window's first
 *     painted frame), empty and big database;
 *   - the Runs page's first paint (rows and chart);
 *   - frame times while scrolling through the 100,000 runs, steadily and
 *     by jumps, from the frame clock (GdkFrameTimings: frame start to the
 *     end of its paint, and the interval between frames);
 *   - the log view on 1,000,000 lines: first lines, exact count, jump to
 *     the end, scrolling;
 *   - peak RSS.
 *
 * The peer: the same table over a plain GListStore holding all 100,000
 * runs, as a page that reads everything would; and the store's own
 * count(*) of the log against the view's count by probing pages.
 *
 *   bench-gui [--keep] [N_FLOW_RUNS [N_LOG_LINES]]
 */

#define N_FLOWS 20
#define DAYS 30
#define BATCH 1000
#define TIMEOUT_S 120

static gint64 t_zero;

static void
check (gboolean    ok,
       const char *what,
       GError     *error)
{
  if (!ok)
    {
      g_printerr ("%s: %s\n", what, error != NULL ? error->message : "failed");
      exit (1);
    }
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

typedef gboolean (*Condition) (gpointer data);

static gboolean
wait_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_S * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, TRUE);
    }

  return TRUE;
}

static void
settle (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static guint64
read_status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;

  line = strstr (status, field);
  if (line == NULL)
    return 0;

  return g_ascii_strtoull (line + strlen (field) + 1, NULL, 10);
}

/* Filling the database, through the store */

static PwStateType
pick_end (GRand *rand)
{
  double p = g_rand_double (rand);

  if (p < 0.80)
    return PW_STATE_TYPE_COMPLETED;
  if (p < 0.88)
    return PW_STATE_TYPE_FAILED;
  if (p < 0.89)
    return PW_STATE_TYPE_CRASHED;
  if (p < 0.91)
    return PW_STATE_TYPE_CANCELLED;
  if (p < 0.92)
    return PW_STATE_TYPE_RUNNING;
  return PW_STATE_TYPE_SCHEDULED;
}

static GDateTime *
time_at (gint64 usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return g_date_time_add (utc, usec % G_USEC_PER_SEC);
}

static char *
add_run (PwStore     *store,
         const char  *flow_id,
         gint64       when,
         PwStateType  end,
         const char  *const *tags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwFlowRun) request = pw_flow_run_new ();
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwState) scheduled = pw_state_new (PW_STATE_TYPE_SCHEDULED, NULL, NULL);
  g_autoptr(GDateTime) expected = time_at (when);
  g_autoptr(GDateTime) created = time_at (when - 600 * G_USEC_PER_SEC);

  pw_flow_run_set_flow_id (request, flow_id);
  pw_flow_run_set_tags (request, tags);
  pw_flow_run_set_parameters (request, "{\"batch_size\": 500}");
  pw_state_set_timestamp (scheduled, created);
  pw_state_set_scheduled_time (scheduled, expected);
  run = pw_store_create_flow_run (store, request, scheduled, NULL, &error);
  check (run != NULL, "create flow run", error);

  if (end != PW_STATE_TYPE_SCHEDULED)
    {
      static const PwStateType path[] = { PW_STATE_TYPE_PENDING, PW_STATE_TYPE_RUNNING };
      gint64 t = when;

      for (guint i = 0; i < G_N_ELEMENTS (path) + 1; i++)
        {
          PwStateType type = i < G_N_ELEMENTS (path) ? path[i] : end;
          g_autoptr(PwState) state = NULL;
          g_autoptr(GDateTime) at = NULL;

          if (i == G_N_ELEMENTS (path) && end == PW_STATE_TYPE_RUNNING)
            break;
          state = pw_state_new (type, NULL, NULL);
          t += 400000 + (gint64)(i * 2500000);
          at = time_at (t);
          pw_state_set_timestamp (state, at);
          check (pw_store_set_flow_run_state (store, pw_flow_run_get_id (run), state, &error),
                 "set state", error);
        }
    }

  return g_strdup (pw_flow_run_get_id (run));
}

static char *
fill (const char *path,
      guint       n_runs,
      guint       n_lines)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (path, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  static const char *tag_names[] = { "prod", "etl", "ml", "nightly", "adhoc" };
  char *flows[N_FLOWS];
  gint64 now = g_get_real_time ();
  gint64 span = (gint64)DAYS * 86400 * G_USEC_PER_SEC;
  gint64 start = g_get_monotonic_time ();
  char *log_run;

  check (store != NULL, "open store", error);

  for (guint i = 0; i < N_FLOWS; i++)
    {
      g_autofree char *name = g_strdup_printf ("flow-%02u", i);
      g_autofree char *document = g_strdup_printf ("{\"format\": \"pipewright-flow/1\", \"name\": \"%s\","
                                                   " \"tasks\": [{\"key\": \"a\", \"kind\": \"noop\"}]}", name);
      g_autoptr(PwFlowInfo) info = pw_store_save_flow (store, name, NULL, NULL, 1, document, &error);

      check (info != NULL, "save flow", error);
      flows[i] = g_strdup (pw_flow_info_get_id (info));
    }

  for (guint i = 0; i < n_runs; i += BATCH)
    {
      check (pw_store_begin (store, &error), "begin", error);
      for (guint j = i; j < MIN (i + BATCH, n_runs); j++)
        {
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
          g_auto(GStrv) tags = NULL;

          for (guint k = 0; k < G_N_ELEMENTS (tag_names); k++)
            if (g_rand_int_range (rand, 0, 3) == 0)
              g_strv_builder_add (builder, tag_names[k]);
          tags = g_strv_builder_end (builder);

          g_free (add_run (store, flows[g_rand_int_range (rand, 0, N_FLOWS)],
                           now - span + span * (gint64)j / n_runs, pick_end (rand),
                           (const char * const *)tags));
        }
      check (pw_store_commit (store, &error), "commit", error);
    }
  printf ("  filled %u flow runs over %d days in %.1f s\n", n_runs, DAYS, ms_since (start) / 1000.0);

  /* One run with a long log, the newest (first in the table). */
  start = g_get_monotonic_time ();
  log_run = add_run (store, flows[0], now - 60 * G_USEC_PER_SEC, PW_STATE_TYPE_COMPLETED, NULL);
  for (guint i = 0; i < n_lines; i += 20000)
    {
      g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint j = i; j < MIN (i + 20000, n_lines); j++)
        {
          g_autoptr(GDateTime) at = time_at (now - 60 * G_USEC_PER_SEC + (gint64)j * 40);
          g_autofree char *message = g_strdup_printf ("batch %u: processed %u rows from s3://bucket/raw/part-%05u.csv",
                                                      j, 500 + j % 97, j / 1000);

          g_ptr_array_add (entries, pw_log_entry_new (log_run, NULL, "pipewright.flow_runs",
                                                      j % 50 == 0 ? 30 : 20, message, at));
        }
      check (pw_store_append_logs (store, entries, &error), "append logs", error);
    }
  printf ("  filled %u log lines in %.1f s\n", n_lines, ms_since (start) / 1000.0);

  for (guint i = 0; i < N_FLOWS; i++)
    g_free (flows[i]);

  return log_run;
}

/* Frames */

typedef struct
{
  GArray *work;       /* double ms: frame start to end of paint */
  GArray *intervals;  /* double ms: between frame starts (GdkFrameTimings) */
  gint64  last_frame_time;
  gint64  last_counter;
} Frames;

static void
frames_init (Frames *frames)
{
  frames->work = g_array_new (FALSE, FALSE, sizeof (double));
  frames->intervals = g_array_new (FALSE, FALSE, sizeof (double));
  frames->last_frame_time = 0;
  frames->last_counter = -1;
}

static void
frames_clear (Frames *frames)
{
  g_clear_pointer (&frames->work, g_array_unref);
  g_clear_pointer (&frames->intervals, g_array_unref);
}

static void
after_paint_cb (GdkFrameClock *clock,
                Frames        *frames)
{
  gint64 counter = gdk_frame_clock_get_frame_counter (clock);
  GdkFrameTimings *timings = gdk_frame_clock_get_timings (clock, counter);
  gint64 frame_time = timings != NULL ? gdk_frame_timings_get_frame_time (timings)
                                      : gdk_frame_clock_get_frame_time (clock);
  double work = (g_get_monotonic_time () - frame_time) / 1000.0;

  if (frames->work == NULL)
    return;

  g_array_append_val (frames->work, work);
  if (frames->last_counter >= 0 && counter == frames->last_counter + 1)
    {
      double interval = (frame_time - frames->last_frame_time) / 1000.0;

      g_array_append_val (frames->intervals, interval);
    }
  frames->last_frame_time = frame_time;
  frames->last_counter = counter;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

static void
print_series (const char *what,
              GArray     *values)
{
  guint over16 = 0, over32 = 0;
  double sum = 0;

  if (values->len == 0)
    {
      printf ("    %-28s no frames\n", what);
      return;
    }

  g_array_sort (values, compare_doubles);
  for (guint i = 0; i < values->len; i++)
    {
      double v = g_array_index (values, double, i);

      sum += v;
      over16 += v > 16.7;
      over32 += v > 32.0;
    }

  printf ("    %-28s %4u frames  mean %5.1f  p50 %5.1f  p95 %5.1f  p99 %5.1f  max %6.1f ms"
          "  >16.7 ms: %u  >32 ms: %u\n",
          what, values->len, sum / values->len,
          g_array_index (values, double, values->len / 2),
          g_array_index (values, double, (guint)(values->len * 0.95)),
          g_array_index (values, double, MIN (values->len - 1, (guint)(values->len * 0.99))),
          g_array_index (values, double, values->len - 1), over16, over32);
}

typedef struct
{
  GtkAdjustment *adjustment;
  guint          frames_left;
  double         step;
  gboolean       jump;
  GRand         *rand;
} Scroll;

static gboolean
scroll_tick (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  Scroll *scroll = data;
  GtkAdjustment *adj = scroll->adjustment;
  double upper = gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj);

  if (scroll->frames_left == 0)
    return G_SOURCE_REMOVE;
  scroll->frames_left--;

  if (scroll->jump)
    gtk_adjustment_set_value (adj, g_rand_double (scroll->rand) * upper);
  else
    gtk_adjustment_set_value (adj, MIN (upper, gtk_adjustment_get_value (adj) + scroll->step));

  return G_SOURCE_CONTINUE;
}

static gboolean
scroll_done (gpointer data)
{
  return ((Scroll *)data)->frames_left == 0;
}

/* Scrolls @widget's adjustment for @n frames, a step of @step pixels a
 * frame (or to random places), and prints the frame times. */
static void
measure_scroll (const char    *what,
                GtkWidget     *widget,
                GtkAdjustment *adjustment,
                guint          n,
                double         step,
                gboolean       jump)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  Frames frames;
  Scroll scroll = { adjustment, n, step, jump, g_rand_new_with_seed (7) };
  gulong handler;
  g_autofree char *work = g_strdup_printf ("%s, frame work", what);
  g_autofree char *intervals = g_strdup_printf ("%s, frame interval", what);

  frames_init (&frames);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &frames);
  gtk_widget_add_tick_callback (widget, scroll_tick, &scroll, NULL);
  wait_until (scroll_done, &scroll);
  settle (100);
  g_signal_handler_disconnect (clock, handler);

  print_series (work, frames.work);
  print_series (intervals, frames.intervals);
  frames_clear (&frames);
  g_rand_free (scroll.rand);
}

/* Waiting for a painted frame after a condition */

typedef struct
{
  gboolean painted;
} PaintWait;

static void
painted_cb (GdkFrameClock *clock,
            PaintWait     *wait)
{
  wait->painted = TRUE;
}

static gboolean
was_painted (gpointer data)
{
  return ((PaintWait *)data)->painted;
}

static double
wait_for_paint (GtkWidget *widget,
                gint64     start)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  PaintWait wait = { FALSE };
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), &wait);

  gtk_widget_queue_draw (widget);
  wait_until (was_painted, &wait);
  g_signal_handler_disconnect (clock, handler);
  return ms_since (start);
}

/* The app */

typedef struct
{
  const char *db_path;
  void      (*body) (PwApplication *app, PwWindow *window, gpointer data);
  gpointer    data;
  double      first_frame_ms;
  gint64      start;
  PwWindow   *window;
  gboolean    first_painted;
} AppRun;

static void
first_paint_cb (GdkFrameClock *clock,
                AppRun        *run)
{
  if (!run->first_painted)
    {
      run->first_painted = TRUE;
      run->first_frame_ms = ms_since (run->start);
    }
}

static gboolean
first_painted (gpointer data)
{
  return ((AppRun *)data)->first_painted;
}

static void
window_realized_cb (GtkWidget *window,
                    AppRun    *run)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (first_paint_cb), run);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window,
                 AppRun         *run)
{
  if (PW_IS_WINDOW (window) && run->window == NULL)
    {
      run->window = PW_WINDOW (window);
      g_signal_connect (window, "realize", G_CALLBACK (window_realized_cb), run);
    }
}

static void
body_cb (gpointer data)
{
  AppRun *run = data;
  GtkApplication *app = GTK_APPLICATION (g_application_get_default ());
  GList *windows;

  wait_until (first_painted, run);
  if (run->body != NULL)
    run->body (PW_APPLICATION (app), run->window, run->data);

  while ((windows = gtk_application_get_windows (app)) != NULL)
    gtk_window_destroy (windows->data);
}

static void
activate_cb (GApplication *app,
             AppRun       *run)
{
  g_idle_add_once (body_cb, run);
}

static double
run_app (AppRun *run)
{
  g_autoptr(PwApplication) app = g_object_new (PW_TYPE_APPLICATION,
                                               "application-id", APPLICATION_ID,
                                               "flags", G_APPLICATION_NON_UNIQUE,
                                               "database-path", run->db_path,
                                               NULL);

  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), run);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), run);

  run->start = g_get_monotonic_time ();
  g_application_run (G_APPLICATION (app), 0, NULL);
  return run->first_frame_ms;
}

/* The figures on the big database */

typedef struct
{
  const char *log_run_id;
  const char *db_path;
} BigData;

typedef struct
{
  GListModel *model;
  guint       position;
} ItemWait;

static gboolean
run_item_loaded (gpointer data)
{
  ItemWait *wait = data;
  g_autoptr(PwFlowRun) run = g_list_model_get_item (wait->model, wait->position);

  return !pw_run_list_model_is_placeholder (run);
}

static gboolean
log_item_loaded (gpointer data)
{
  ItemWait *wait = data;
  g_autoptr(GObject) entry = g_list_model_get_item (wait->model, wait->position);

  return !pw_log_model_is_placeholder (entry);
}

static gboolean
model_counted (gpointer data)
{
  return !pw_run_list_model_get_loading (data);
}

static gboolean
chart_done (gpointer data)
{
  return !pw_runs_chart_get_loading (data) && pw_runs_chart_get_n_buckets (data) > 0;
}

static gboolean
log_loaded (gpointer data)
{
  return !pw_log_model_get_loading (data);
}

static gboolean
log_counted (gpointer data)
{
  return !pw_log_model_get_counting (data) && !pw_log_model_get_loading (data);
}

static gboolean
view_loaded (gpointer data)
{
  return g_strcmp0 (pw_run_view_get_view (data), "run") == 0;
}

static gboolean
at_bottom (gpointer data)
{
  return pw_log_view_is_at_bottom (data);
}

static void
big_body (PwApplication *app,
          PwWindow      *window,
          gpointer       data)
{
  BigData *big = data;
  PwRunsPage *page = pw_window_get_runs_page (window);
  PwRunListModel *model;
  GtkColumnView *column_view = pw_runs_page_get_column_view (page);
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (column_view));
  PwRunView *view;
  PwLogView *log_view;
  PwLogModel *log_model;
  ItemWait item;
  gint64 start;
  guint n;

  printf ("  memory after the first frame: RSS %" G_GUINT64_FORMAT " MiB\n", read_status_kb ("VmRSS:") / 1024);

  /* The Runs page, all runs. */
  start = g_get_monotonic_time ();
  pw_runs_filter_bar_set_range (pw_runs_page_get_filter_bar (page), PW_RUNS_RANGE_ALL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "runs");
  model = pw_runs_page_get_model (page);
  wait_until (model_counted, model);
  printf ("  runs page: %u runs counted in %.1f ms\n",
          g_list_model_get_n_items (G_LIST_MODEL (model)), ms_since (start));
  item = (ItemWait) { G_LIST_MODEL (model), 0 };
  wait_until (run_item_loaded, &item);
  printf ("  runs page: first rows painted %.1f ms after the switch\n", wait_for_paint (GTK_WIDGET (window), start));
  wait_until (chart_done, pw_runs_page_get_chart (page));
  printf ("  runs page: 30-day chart counted %.1f ms after the switch\n", ms_since (start));
  settle (300);

  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  printf ("  scrolling through %u runs (window %dx%d):\n", n,
          gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_height (GTK_WIDGET (window)));
  measure_scroll ("steady, 120 px a frame", GTK_WIDGET (column_view), adjustment, 600, 120, FALSE);
  measure_scroll ("jumps anywhere", GTK_WIDGET (column_view), adjustment, 200, 0, TRUE);
  printf ("    pages fetched: %u, cached: %u (of %u at most)\n",
          pw_run_list_model_get_n_fetches (model), pw_run_list_model_get_n_cached (model),
          PW_RUN_LIST_MODEL_MAX_PAGES);
  printf ("  memory after scrolling the runs: RSS %" G_GUINT64_FORMAT " MiB\n", read_status_kb ("VmRSS:") / 1024);

  /* The long log. */
  start = g_get_monotonic_time ();
  pw_window_show_run (window, big->log_run_id);
  view = pw_runs_page_get_run_view (page);
  wait_until (view_loaded, view);
  pw_run_view_show_tab (view, "logs");
  log_view = pw_run_view_get_log_view (view);
  log_model = pw_log_view_get_model (log_view);
  wait_until (log_loaded, log_model);
  printf ("  log view: first lines painted %.1f ms after opening the run\n",
          wait_for_paint (GTK_WIDGET (window), start));
  wait_until (log_counted, log_model);
  printf ("  log view: %u lines counted %.1f ms after opening (%u pages read)\n",
          g_list_model_get_n_items (G_LIST_MODEL (log_model)), ms_since (start),
          pw_log_model_get_n_fetches (log_model));

  start = g_get_monotonic_time ();
  pw_log_view_jump_to_bottom (log_view);
  n = g_list_model_get_n_items (G_LIST_MODEL (log_model));
  item = (ItemWait) { G_LIST_MODEL (log_model), n - 1 };
  wait_until (log_item_loaded, &item);
  wait_until (at_bottom, log_view);
  printf ("  log view: jump to the last line painted in %.1f ms\n", wait_for_paint (GTK_WIDGET (window), start));
  pw_log_view_set_follow (log_view, FALSE);
  settle (300);

  {
    GtkListView *list = pw_log_view_get_list_view (log_view);
    GtkAdjustment *log_adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));

    gtk_adjustment_set_value (log_adjustment, gtk_adjustment_get_upper (log_adjustment) / 2);
    settle (500);
    printf ("  scrolling through %u log lines:\n", n);
    measure_scroll ("steady, 120 px a frame", GTK_WIDGET (list), log_adjustment, 600, 120, FALSE);
    measure_scroll ("jumps anywhere", GTK_WIDGET (list), log_adjustment, 200, 0, TRUE);
    printf ("    pages fetched: %u\n", pw_log_model_get_n_fetches (log_model));
  }

  /* The peer of the count: the store's own count(*). */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PwStore) store = pw_store_open (big->db_path, &error);
    g_autoptr(PwLogFilter) filter = pw_log_filter_new ();
    gint64 count;

    pw_log_filter_set_flow_run_id (filter, big->log_run_id);
    start = g_get_monotonic_time ();
    count = pw_store_count_logs (store, filter, &error);
    printf ("    peer: the store's count(*) of the same lines: %" G_GINT64_FORMAT " in %.1f ms\n",
            count, ms_since (start));
  }

  printf ("  peak RSS (VmHWM): %" G_GUINT64_FORMAT " MiB\n", read_status_kb ("VmHWM:") / 1024);
}

/* The peer: every run in a GListStore. */

static void
read_all_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static gboolean
result_set (gpointer data)
{
  return *(gpointer *)data != NULL;
}

static void
peer_body (PwApplication *app,
           PwWindow      *window,
           gpointer       data)
{
  PwBackend *backend = pw_application_get_backend (app);
  PwRunsPage *page = pw_window_get_runs_page (window);
  GtkColumnView *column_view = pw_runs_page_get_column_view (page);
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (column_view));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;
  guint64 rss_before = read_status_kb ("VmRSS:");
  gint64 start;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "runs");
  settle (500);

  start = g_get_monotonic_time ();
  pw_backend_list_flow_runs_async (backend, NULL, PW_FLOW_RUN_SORT_START_TIME_DESC, G_MAXUINT, 0,
                                   NULL, read_all_cb, &result);
  wait_until (result_set, &result);
  all = pw_backend_list_flow_runs_finish (backend, result, NULL);
  selection = gtk_no_selection_new (g_object_ref (all));
  gtk_column_view_set_model (column_view, GTK_SELECTION_MODEL (selection));
  printf ("  peer (a GListStore of all %u runs): rows painted %.1f ms after asking; RSS +%" G_GUINT64_FORMAT " MiB\n",
          g_list_model_get_n_items (all), wait_for_paint (GTK_WIDGET (window), start),
          (read_status_kb ("VmRSS:") - rss_before) / 1024);
  settle (300);
  measure_scroll ("peer, steady, 120 px a frame", GTK_WIDGET (column_view), adjustment, 600, 120, FALSE);
}

static void
remove_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *empty_db = NULL;
  g_autofree char *big_db = NULL;
  g_autofree char *log_run = NULL;
  g_autofree char *marker = NULL;
  g_autofree char *marker_dir = NULL;
  guint n_runs = 100000, n_lines = 1000000;
  gboolean keep = FALSE;
  int arg = 1;
  double empty_ms, big_ms;
  gint64 start;

  t_zero = g_get_monotonic_time ();
  setvbuf (stdout, NULL, _IOLBF, 0);

  if (arg < argc && g_str_equal (argv[arg], "--keep"))
    {
      keep = TRUE;
      arg++;
    }
  if (arg < argc)
    n_runs = (guint)g_ascii_strtoull (argv[arg++], NULL, 10);
  if (arg < argc)
    n_lines = (guint)g_ascii_strtoull (argv[arg++], NULL, 10);

  /* The app's own files (the examples marker) in a temporary home: the
   * examples stay out of the databases measured. */
  dir = g_dir_make_tmp ("bench-gui-XXXXXX", &error);
  check (dir != NULL, "temporary folder", error);
  g_setenv ("XDG_DATA_HOME", dir, TRUE);
  g_setenv ("XDG_CONFIG_HOME", dir, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  marker = pw_examples_marker_path ();
  marker_dir = g_path_get_dirname (marker);
  g_mkdir_with_parents (marker_dir, 0700);
  g_file_set_contents (marker, "", 0, NULL);

  start = g_get_monotonic_time ();
  if (!gtk_init_check ())
    {
      g_printerr ("bench-gui needs a display: run it under xvfb-run\n");
      return 77;
    }
  adw_init ();
  printf ("bench-gui: GTK %u.%u.%u, libadwaita %u.%u.%u, renderer %s\n",
          gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version (),
          adw_get_major_version (), adw_get_minor_version (), adw_get_micro_version (),
          g_getenv ("GSK_RENDERER") != NULL ? g_getenv ("GSK_RENDERER") : "default");
  printf ("  gtk_init + adw_init: %.1f ms\n", ms_since (start));

  /* Empty database. The first start also loads the icon theme and fonts;
   * the figure is the second start. */
  empty_db = g_build_filename (dir, "empty.db", NULL);
  {
    AppRun warm = { empty_db };
    AppRun run = { empty_db };

    run_app (&warm);
    empty_ms = run_app (&run);
    printf ("start to first frame, empty database: %.1f ms (first start in the process: %.1f ms)\n",
            empty_ms, warm.first_frame_ms);
  }

  /* The big database. */
  big_db = g_build_filename (dir, "big.db", NULL);
  printf ("filling %s:\n", big_db);
  log_run = fill (big_db, n_runs, n_lines);

  /* What of the first frame is the database's: opening it (migrations,
   * owner checks) happens before the window exists. */
  {
    g_autoptr(PwBackend) backend = NULL;

    start = g_get_monotonic_time ();
    backend = pw_local_backend_new (big_db, &error);
    check (backend != NULL, "open backend", error);
    printf ("  opening the backend on it: %.1f ms\n", ms_since (start));
  }

  {
    BigData big = { log_run, big_db };
    AppRun run = { big_db, big_body, &big };

    printf ("the app on %u runs and a run of %u log lines:\n", n_runs, n_lines);
    big_ms = run_app (&run);
    printf ("start to first frame, %u-run database: %.1f ms (%.2f× the empty one)\n",
            n_runs, big_ms, big_ms / empty_ms);
  }

  {
    AppRun run = { big_db, peer_body, NULL };

    run_app (&run);
  }

  printf ("peak RSS of the whole benchmark (VmHWM): %" G_GUINT64_FORMAT " MiB\n",
          read_status_kb ("VmHWM:") / 1024);

  remove_database (empty_db);
  if (keep)
    printf ("kept %s\n", big_db);
  else
    remove_database (big_db);
  g_unlink (marker);

  return 0;
}
