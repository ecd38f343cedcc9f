/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-log-entry.h"
#include "pw-log-model.h"
#include "pw-page-cache.h"

G_BEGIN_DECLS

/*
 * What the files of PwLogModel share: pw-log-model.c (the model, its pages
 * and their reads) and pw-log-model-count.c (finding how many lines there
 * are, and verifying it).
 */

#define VERIFY_DELAY_MS 150

/* How long after a count the lines it found may still be announced: a few
 * times the local backend's watch of the database (300 ms) and the wait
 * for the main loop. */
#define RACE_WINDOW_MS 1000

/* Page reads go two at a time; pages asked for meanwhile wait, the latest
 * first, and only the few latest (see PwRunListModel). Counting probes go
 * their own way, one at a time. */
#define MAX_IN_FLIGHT 2
#define MAX_WANTED 6

struct _PwLogModel
{
  GObject       parent_instance;

  PwBackend    *backend;
  char         *flow_run_id;
  PwLogFilter  *filter;
  gboolean      finished;
  guint         page_size;
  PwPageCache  *cache;
  guint         n_items;
  gboolean      exact;
  gboolean      loading;
  GError       *error;
  GCancellable *cancellable;
  guint         n_fetches;
  guint         n_in_flight;
  GQueue        wanted;       /* GUINT_TO_POINTER (page + 1), latest first */

  /* counting: pages before lo_page are full, pages from hi_page on empty */
  gboolean      counting;
  guint         lo_page;
  guint         hi_page;
  guint         step;
  guint         hint_page;
  gboolean      appended_while_counting;
  gboolean      verifying;
  guint         verify_id;

  /* lines known to exist (the last count); n_items beyond it is a guess */
  guint         confirmed;
  /* until then, the last count may hold lines whose logs-appended is yet
   * to come (monotonic time) */
  gint64        raced_until;
  /* lines announced and left to the verify to come, not added */
  guint         announced;
};

enum {
  PROP_0,
  PROP_BACKEND,
  PROP_FLOW_RUN_ID,
  PROP_MIN_LEVEL,
  PROP_FINISHED,
  PROP_N_ITEMS,
  PROP_LOADING,
  PROP_COUNTING,
  PROP_ERROR,
  N_PROPS
};

#define UNKNOWN G_MAXUINT

typedef enum
{
  FETCH_PAGE,
  FETCH_PROBE,
  FETCH_HINT,
} FetchKind;

typedef struct
{
  PwLogModel *self;
  FetchKind   kind;
  guint       page;
  guint       generation;
  guint       n_items;      /* the model's size when asked for */
  gboolean    backwards;
} Fetch;

void _pw_log_model_set_bool        (PwLogModel *self,
                                    gboolean   *field,
                                    gboolean    value,
                                    guint       prop);
void _pw_log_model_resize          (PwLogModel *self,
                                    guint       n_items);
void _pw_log_model_store_page      (PwLogModel *self,
                                    guint       page,
                                    GPtrArray  *items);
void _pw_log_model_fetch           (PwLogModel *self,
                                    FetchKind   kind,
                                    guint       page);

/* pw-log-model-count.c */
void _pw_log_model_start_count     (PwLogModel *self);
void _pw_log_model_schedule_verify (PwLogModel *self);
void _pw_log_model_probe_result    (PwLogModel *self,
                                    guint       page,
                                    GPtrArray  *items);
void _pw_log_model_hint_result     (PwLogModel *self,
                                    GPtrArray  *items);

G_END_DECLS
