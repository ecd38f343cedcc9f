/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "pw-engine.h"
#include "pw-flow-graph-private.h"
#include "pw-http-task.h"
#include "pw-store-engine.h"
#include "pw-task-process.h"
#include "pw-task-run.h"

G_BEGIN_DECLS

/*
 * The engine's insides, shared by its files:
 *
 *   pw-engine.c           the object, its signals and the public entry points
 *   pw-engine-journal.c   batched writes: every change is stored in one
 *                         transaction per batch, then reported
 *   pw-engine-run.c       one flow run: its graph, trigger rules, workers,
 *                         cancel, and its end
 *   pw-engine-unit.c      one task run: preparing, caching, attempts,
 *                         retries and outcomes
 *   pw-engine-exec.c      what an attempt runs: processes, http, sub-flows
 *   pw-engine-render.c    parameters, templates, map items, results
 *   pw-engine-retry.c     new runs, retries and retry-from-failed
 */

#define PW_ENGINE_LOG_FLOW "pipewright.flow_runs"
#define PW_ENGINE_LOG_TASK "pipewright.task_runs"

enum
{
  PW_LOG_DEBUG = 10,
  PW_LOG_INFO = 20,
  PW_LOG_WARNING = 30,
  PW_LOG_ERROR = 40,
};

typedef struct _PwEngineRun  PwEngineRun;
typedef struct _PwEngineNode PwEngineNode;
typedef struct _PwEngineUnit PwEngineUnit;
typedef struct _PwEngineOp   PwEngineOp;

/* What a finished task (or map of tasks) means to its downstream tasks. */
typedef enum
{
  PW_OUTCOME_NONE,
  PW_OUTCOME_SUCCESS,   /* Completed, Cached */
  PW_OUTCOME_FAILED,    /* Failed, TimedOut, Crashed */
  PW_OUTCOME_SKIPPED,   /* NotRun, Cancelled */
} PwOutcome;

typedef enum
{
  PW_NODE_WAITING,      /* for its upstream tasks */
  PW_NODE_STARTED,      /* its units exist */
  PW_NODE_DONE,
} PwNodeStatus;

typedef enum
{
  PW_UNIT_NEW,          /* being created */
  PW_UNIT_QUEUED,       /* Pending, waiting for a worker */
  PW_UNIT_STARTING,     /* Running stored soon; launches after the commit */
  PW_UNIT_RUNNING,
  PW_UNIT_AWAITING_RETRY,
  PW_UNIT_DONE,
} PwUnitStatus;

/* One task of the flow in one run. */
struct _PwEngineNode
{
  PwEngineRun   *run;
  guint          index;          /* in the flow graph */
  PwTask        *task;           /* borrowed from the run's flow */
  PwNodeStatus   status;
  PwOutcome      outcome;

  guint          n_up;
  guint          n_up_done;
  guint          n_up_success;
  guint          n_up_failed;
  guint          n_up_skipped;
  int            first_success;  /* upstream node index, or -1 */
  int            first_failed;
  int            first_skipped;
  gboolean       queued_for_decision;
  gboolean       not_mapped;     /* a mapped task that never expanded */

  GPtrArray     *units;          /* PwEngineUnit*, in item order */
  guint          n_units_done;
  guint          n_cached;
  guint          n_cancelled;    /* units that ended Cancelled (not NotRun) */
  char          *result;         /* for templates: a result, or a JSON array */
};

/* One task run: a task, or one item of a mapped task. */
struct _PwEngineUnit
{
  PwEngineNode        *node;
  guint                item_index;
  char                *item;          /* nullable: not mapped */
  char                *task_run_id;
  PwRunTimes           times;         /* as stored; kept by the journal */
  PwEngineOp          *pending_op;    /* its last op not yet stored */
  gint64               cache_expiration;
  PwUnitStatus         status;
  PwOutcome            outcome;

  guint                attempt;       /* run count so far */
  guint                retries;
  guint                retry_delay_s;
  guint                timeout_s;
  guint                retry_timer;

  /* What an attempt runs, rendered once. */
  GStrv                argv;
  GStrv                http_headers;
  char                *http_method;
  char                *http_url;
  char                *http_body;
  JsonNode            *subflow_parameters;
  char                *cache_key;
  char                *result;

  /* The attempt in flight. */
  GCancellable        *cancellable;
  PwTaskProcess       *process;
  PwHttpTask          *http;
  char                *child_flow_run_id;
  char                *state_details; /* JSON object for the final state */
  char                *result_path;
  guint                subflow_timer;
  gboolean             subflow_timed_out;

  /* Output caps. */
  guint                n_log_lines;
  gsize                n_log_bytes;
  guint                n_dropped_lines;
  gsize                n_dropped_bytes;
};

struct _PwEngineRun
{
  PwEngine            *engine;       /* unowned; the engine outlives its runs */
  char                *id;
  PwFlowRun           *flow_run;
  PwFlow              *flow;
  PwFlowGraph         *graph;
  PwEngineNode        *nodes;        /* graph->n of them */
  JsonObject          *parameters;   /* resolved, with defaults */
  GHashTable          *reuse;        /* retry from failed: "key\x1fdynamic" → result */
  char                *reused_from;

  GTask               *task;         /* of pw_engine_start_flow_run_async() */
  PwEngineUnit        *parent_unit;  /* a sub-flow's task run, in its parent run */
  GCancellable        *cancellable;
  gulong               cancelled_id;

  GQueue               ready;        /* PwEngineUnit*, waiting for a worker */
  GQueue               decide;       /* PwEngineNode*, whose upstream changed */
  guint                max_workers;
  guint                n_busy;
  guint                n_nodes_done;
  guint                n_units_live; /* units not yet done */
  guint                pump_id;

  guint                started : 1;
  guint                in_pump : 1;
  guint                cancelling : 1;
  guint                finishing : 1;
  guint                finished : 1;
  PwStateType          final_type;
  char                *final_message;
  GError              *error;        /* the store failed */
  int                  ref_count;
};

/* A state for the journal: plain values, made by the engine. @name is a
 * static string (or NULL for the type's name); @message and @details are
 * owned. */
typedef struct
{
  char         id[40];
  PwStateType  type;
  const char  *name;
  char        *message;
  char        *details;
  gint64       timestamp;
  gint64       scheduled_time;
} PwEngineState;

#define PW_ENGINE_OP_MAX_STATES 4

/* A change to store, and what to do once it is stored. */
typedef void (*PwEngineOpDone) (PwEngineOp *op,
                                gboolean    stored);

typedef enum
{
  PW_OP_CREATE_TASK_RUN,
  PW_OP_TASK_RUN_STATE,
  PW_OP_FLOW_RUN_STATE,
  PW_OP_CACHE_PUT,
  PW_OP_RECORD_PROCESS,
  PW_OP_FORGET_PROCESS,
} PwEngineOpKind;

struct _PwEngineOp
{
  PwEngineOpKind  kind;
  PwEngineRun    *run;               /* a reference */
  PwEngineUnit   *unit;              /* nullable; alive while the run is */
  PwEngineState   states[PW_ENGINE_OP_MAX_STATES];   /* task run ops */
  guint           n_states;
  char           *result;            /* set with the last state */
  gboolean        has_result;
  char           *task_inputs;       /* CREATE */
  PwState        *flow_state;        /* FLOW_RUN_STATE */
  char           *cache_key;         /* CACHE_PUT */
  gint64          cache_expiration;  /* 0: never */
  int             pgid;              /* RECORD_PROCESS, FORGET_PROCESS */
  gint64          start_time;        /* RECORD_PROCESS: its leader's */
  PwEngineOpDone  done;
  gboolean        failed;            /* not stored: the batch failed */
};

typedef struct
{
  PwEngineRun  *run;                 /* a reference */
  PwEngineUnit *unit;                /* nullable */
  int           level;
  char         *message;
  gint64        timestamp;
} PwEngineLogLine;

typedef struct
{
  GQueue        ops;                 /* waiting for the next commit */
  GArray       *logs;                /* PwEngineLogLine, waiting too */
  GQueue        committed;           /* stored, not yet reported */
  GHashTable   *log_counts;          /* flow run id → lines stored, not reported */
  guint         flush_id;
  guint         log_timer_id;
  gint64        last_commit;         /* monotonic µs */
} PwEngineJournal;

struct _PwEngine
{
  GObject             parent_instance;

  PwStore            *store;
  PwClock            *clock;
  SoupSession        *soup;
  GHashTable         *runs;          /* id → PwEngineRun* */

  PwEngineFlowLookup  lookup;
  gpointer            lookup_data;
  GDestroyNotify      lookup_destroy;

  guint               kill_grace_ms;
  guint               heartbeat_ms;
  guint               heartbeat_id;
  guint               max_log_lines;
  gsize               max_log_bytes;

  char               *result_dir;
  GStrv               base_env;
  GRand              *rand;
  gint64              id_last_ms;
  guint               id_counter;

  PwEngineJournal     journal;
};

/* pw-engine.c */
guint         pw_engine_timeout_add           (guint          interval_ms,
                                               GSourceFunc    func,
                                               gpointer       data);
guint         pw_engine_idle_add              (const char    *name,
                                               GSourceFunc    func,
                                               gpointer       data,
                                               GDestroyNotify notify);
void          pw_engine_emit_flow_run_changed (PwEngine      *self,
                                               const char    *flow_run_id);
void          pw_engine_emit_task_run_changed (PwEngine      *self,
                                               const char    *flow_run_id,
                                               const char    *task_run_id);
void          pw_engine_emit_logs_appended    (PwEngine      *self,
                                               const char    *flow_run_id,
                                               guint          n_lines);
void          pw_engine_run_ended             (PwEngine      *self,
                                               PwEngineRun   *run);
GDateTime    *pw_engine_now                   (PwEngine      *self);
const char   *pw_engine_get_result_dir        (PwEngine      *self,
                                               GError       **error);
SoupSession  *pw_engine_get_soup_session      (PwEngine      *self);
gboolean      pw_engine_start_child           (PwEngine      *self,
                                               PwFlow        *flow,
                                               PwFlowRun     *flow_run,
                                               PwEngineUnit  *parent_unit,
                                               GError       **error);
PwFlow       *pw_engine_lookup_flow           (PwEngine      *self,
                                               const char    *flow_name,
                                               char         **out_flow_id,
                                               guint         *out_version,
                                               GError       **error);

/* pw-engine-journal.c */
void          pw_engine_journal_init          (PwEngineJournal *journal);
void          pw_engine_journal_clear         (PwEngineJournal *journal);
PwEngineOp   *pw_engine_op_new                (PwEngineOpKind kind,
                                               PwEngineRun   *run,
                                               PwEngineUnit  *unit);
void          pw_engine_submit                (PwEngine      *self,
                                               PwEngineOp    *op);
void          pw_engine_submit_task_state     (PwEngine      *self,
                                               PwEngineUnit  *unit,
                                               PwStateType    type,
                                               const char    *name,
                                               char          *message,
                                               gint64         scheduled_time,
                                               const char    *result,
                                               gboolean       set_result,
                                               PwEngineOpDone done);
void          pw_engine_submit_create         (PwEngine      *self,
                                               PwEngineUnit  *unit,
                                               char          *task_inputs);
void          pw_engine_log                   (PwEngine      *self,
                                               PwEngineRun   *run,
                                               PwEngineUnit  *unit,
                                               int            level,
                                               const char    *message);
void          pw_engine_logf                  (PwEngine      *self,
                                               PwEngineRun   *run,
                                               PwEngineUnit  *unit,
                                               int            level,
                                               const char    *format,
                                               ...) G_GNUC_PRINTF (5, 6);
gboolean      pw_engine_flush                 (PwEngine      *self,
                                               GError       **error);
PwState      *pw_engine_state_new             (PwEngine      *self,
                                               PwStateType    type,
                                               const char    *name,
                                               const char    *message);
void          pw_engine_make_id               (PwEngine      *self,
                                               char           id[40]);

/* pw-engine-run.c */
PwEngineRun  *pw_engine_run_new               (PwEngine      *engine,
                                               PwFlow        *flow,
                                               PwFlowRun     *flow_run);
PwEngineRun  *pw_engine_run_ref               (PwEngineRun   *run);
void          pw_engine_run_unref             (PwEngineRun   *run);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwEngineRun, pw_engine_run_unref)
void          pw_engine_run_begin             (PwEngineRun   *run);
void          pw_engine_run_cancel            (PwEngineRun   *run,
                                               gboolean       external,
                                               const char    *reason);
void          pw_engine_run_fail_store        (PwEngineRun   *run,
                                               const GError  *error);
void          pw_engine_run_schedule          (PwEngineRun   *run);
void          pw_engine_run_pump_now          (PwEngineRun   *run);
void          pw_engine_run_unit_done         (PwEngineRun   *run,
                                               PwEngineUnit  *unit);
void          pw_engine_run_node_done_empty   (PwEngineNode  *node);
void          pw_engine_run_release_worker    (PwEngineRun   *run);

/* pw-engine-unit.c */
PwEngineUnit *pw_engine_unit_new              (PwEngineNode  *node,
                                               guint          item_index,
                                               const char    *item);
void          pw_engine_unit_free             (PwEngineUnit  *unit);
void          pw_engine_unit_start_node       (PwEngineNode  *node);
void          pw_engine_unit_create_not_run   (PwEngineNode  *node,
                                               const char    *message);
void          pw_engine_unit_start            (PwEngineUnit  *unit);
void          pw_engine_unit_finish           (PwEngineUnit  *unit,
                                               PwStateType    type,
                                               const char    *name,
                                               const char    *message,
                                               const char    *result);
void          pw_engine_unit_cancel           (PwEngineUnit  *unit,
                                               const char    *reason);
const char   *pw_engine_unit_label            (PwEngineUnit  *unit,
                                               char          *buffer,
                                               gsize          size);

/* pw-engine-exec.c */
void          pw_engine_exec_launch           (PwEngineUnit  *unit);
void          pw_engine_exec_stop             (PwEngineUnit  *unit);
void          pw_engine_exec_child_ended      (PwEngineUnit  *unit,
                                               PwEngineRun   *child);

/* pw-engine-retry.c */
gboolean      pw_engine_retry_prepare         (PwEngineRun   *run,
                                               GError       **error);

/* pw-engine-render.c */
gboolean      pw_engine_resolve_parameters    (PwFlow        *flow,
                                               const char    *given,
                                               JsonObject   **out_parameters,
                                               GError       **error);
char         *pw_engine_render                (PwEngineUnit  *unit,
                                               const char    *text,
                                               gboolean       shell_quote,
                                               GError       **error);
gboolean      pw_engine_render_unit           (PwEngineUnit  *unit,
                                               JsonNode     **out_inputs,
                                               GError       **error);
GPtrArray    *pw_engine_split_items           (const char    *text);
char         *pw_engine_json_to_text          (JsonNode      *node);
char         *pw_engine_join_results          (PwEngineNode  *node);
char         *pw_engine_read_result_file      (const char    *path,
                                               gboolean      *out_found);

G_END_DECLS
