/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "pw-deployment.h"
#include "pw-flow-info.h"
#include "pw-flow-run.h"
#include "pw-log-entry.h"
#include "pw-notification-policy.h"
#include "pw-run-filter.h"
#include "pw-state.h"
#include "pw-task-run.h"
#include "pw-work-queue.h"

G_BEGIN_DECLS

/*
 * Records ↔ Prefect 2 JSON (API.md §3, §5–8).
 *
 * Writing goes through PwJsonWriter, a GString with just enough state to
 * place commas: a 200-run page is about 300 KB, and building it as a
 * JsonNode tree first would cost more than the query. Reading uses
 * json-glib; every reader reports what it refuses as Prefect's validation
 * errors (pydantic's `{"loc", "msg", "type"}`), collected in a
 * PwRestProblems so that a 422 can list them all.
 */

/* PwJsonWriter */

typedef struct
{
  GString *str;
  guint64  has_items;   /* one bit per open level: something was written */
  guint    depth;
  gboolean member;      /* a member name was just written */
} PwJsonWriter;

void      pw_json_writer_init          (PwJsonWriter *w,
                                        GString      *str);
void      pw_json_writer_begin_object  (PwJsonWriter *w);
void      pw_json_writer_end_object    (PwJsonWriter *w);
void      pw_json_writer_begin_array   (PwJsonWriter *w);
void      pw_json_writer_end_array     (PwJsonWriter *w);
void      pw_json_writer_member        (PwJsonWriter *w,
                                        const char   *name);
void      pw_json_writer_string        (PwJsonWriter *w,
                                        const char   *value);
void      pw_json_writer_null          (PwJsonWriter *w);
void      pw_json_writer_bool          (PwJsonWriter *w,
                                        gboolean      value);
void      pw_json_writer_int           (PwJsonWriter *w,
                                        gint64        value);
void      pw_json_writer_double        (PwJsonWriter *w,
                                        double        value);
void      pw_json_writer_time          (PwJsonWriter *w,
                                        GDateTime    *value);
void      pw_json_writer_raw           (PwJsonWriter *w,
                                        const char   *json,
                                        const char   *fallback);
void      pw_json_writer_node          (PwJsonWriter *w,
                                        JsonNode     *node);
void      pw_json_writer_strv          (PwJsonWriter *w,
                                        const char * const *values);

void      pw_json_append_string        (GString      *str,
                                        const char   *value);
char     *pw_rest_format_time          (GDateTime    *time);
void      pw_rest_append_seconds       (GString      *str,
                                        double        seconds);
GDateTime *pw_rest_parse_time          (const char   *text);

/**
 * PW_REST_MAX_JSON_DEPTH:
 *
 * How deep arrays and objects may nest in JSON read from the network.
 * json-glib recurses without a limit, so deeper input is refused before it
 * gets there.
 */
#define PW_REST_MAX_JSON_DEPTH 64

JsonNode  *pw_rest_parse_json          (const char   *data,
                                        gsize         length,
                                        GError      **error);

/* Validation problems, Prefect-shaped */

typedef struct _PwRestProblems PwRestProblems;

PwRestProblems *pw_rest_problems_new      (void);
void            pw_rest_problems_free     (PwRestProblems *problems);
void            pw_rest_problems_add      (PwRestProblems *problems,
                                           const char     *loc,
                                           const char     *type,
                                           const char     *format,
                                           ...) G_GNUC_PRINTF (4, 5);
void            pw_rest_problems_add_enum (PwRestProblems *problems,
                                           const char     *loc,
                                           GType           enum_type);
gboolean        pw_rest_problems_is_empty (PwRestProblems *problems);
guint           pw_rest_problems_get_n    (PwRestProblems *problems);
const char     *pw_rest_problems_get_message (PwRestProblems *problems,
                                              guint           i);
void            pw_rest_problems_write    (PwRestProblems *problems,
                                           PwJsonWriter   *w);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwRestProblems, pw_rest_problems_free)

/* Writing records (pw-rest-json-write.c) */

void pw_rest_write_state          (PwJsonWriter *w,
                                   PwState      *state,
                                   const char   *flow_run_id,
                                   const char   *task_run_id);
void pw_rest_write_flow_run       (PwJsonWriter *w,
                                   PwFlowRun    *run,
                                   GDateTime    *now);
void pw_rest_write_task_run       (PwJsonWriter *w,
                                   PwTaskRun    *task_run,
                                   GDateTime    *now);
void pw_rest_write_log            (PwJsonWriter *w,
                                   PwLogEntry   *entry);
void pw_rest_write_flow           (PwJsonWriter *w,
                                   PwFlowInfo   *info);
void pw_rest_write_flow_info      (PwJsonWriter *w,
                                   PwFlowInfo   *info);
void pw_rest_write_graph_node     (PwJsonWriter *w,
                                   PwTaskRun    *task_run,
                                   GDateTime    *now);
char *pw_rest_log_id              (PwLogEntry   *entry);
char *pw_rest_flow_version_string (guint         version);

/* Deployments and work queues (pw-rest-json-deployments.c) */
void                pw_rest_write_deployment        (PwJsonWriter      *w,
                                                     PwDeployment      *deployment);
void                pw_rest_write_work_queue        (PwJsonWriter      *w,
                                                     PwWorkQueue       *queue);
void                pw_rest_write_work_queue_status (PwJsonWriter      *w,
                                                     PwWorkQueueStatus *status);
PwDeployment       *pw_rest_read_deployment         (JsonNode          *node,
                                                     GError           **error);
PwWorkQueue        *pw_rest_read_work_queue         (JsonNode          *node,
                                                     GError           **error);
PwWorkQueueStatus  *pw_rest_read_work_queue_status  (JsonNode          *node,
                                                     GError           **error);

/* Notification rules (pw-rest-server-notifications.c) */
void                  pw_rest_write_notification_policy (PwJsonWriter         *w,
                                                         PwNotificationPolicy *policy);
PwNotificationPolicy *pw_rest_read_notification_policy  (JsonNode             *node,
                                                         const char           *loc,
                                                         PwRestProblems       *problems);

/* Reading records (pw-rest-json-read.c) */

PwState    *pw_rest_read_state        (JsonNode       *node,
                                       const char     *loc,
                                       PwRestProblems *problems);
PwFlowRun  *pw_rest_read_flow_run     (JsonNode       *node,
                                       GError        **error);
PwTaskRun  *pw_rest_read_task_run     (JsonNode       *node,
                                       GError        **error);
PwLogEntry *pw_rest_read_log          (JsonNode       *node,
                                       GError        **error);
PwFlowInfo *pw_rest_read_flow         (JsonNode       *node,
                                       GError        **error);
PwTaskRun  *pw_rest_read_graph_node   (JsonNode       *node,
                                       const char     *flow_run_id,
                                       GError        **error);
guint       pw_rest_parse_flow_version (const char    *text);

/* Small readers shared by the above and the server */
const char *pw_rest_member_string     (JsonObject     *object,
                                       const char     *name);
GStrv       pw_rest_member_strv       (JsonObject     *object,
                                       const char     *name,
                                       const char     *loc,
                                       PwRestProblems *problems);
GDateTime  *pw_rest_member_time       (JsonObject     *object,
                                       const char     *name,
                                       const char     *loc,
                                       PwRestProblems *problems);
double      pw_rest_member_double     (JsonObject     *object,
                                       const char     *name);
char       *pw_rest_node_to_string    (JsonNode       *node);

/* Filters (pw-rest-json-filter.c) */

/**
 * PwRestDeploymentFilter:
 *
 * The deployment fields of a filter body (API.md §1), with the flows'.
 * @is_schedule_active is -1 when unset.
 */
typedef struct
{
  GStrv         id_any;
  GStrv         name_any;
  char         *name_like;
  int           is_schedule_active;
  GStrv         tags_all;
  PwNullFilter  tags_is_null;
  GStrv         work_queue_name_any;
  GStrv         flow_id_any;
  GStrv         flow_name_any;
} PwRestDeploymentFilter;

/**
 * PwRestWorkQueueFilter:
 *
 * `{"work_queues": {"id": {"any_"}, "name": {"any_", "startswith_"}}}`
 */
typedef struct
{
  GStrv id_any;
  GStrv name_any;
  GStrv name_startswith;
} PwRestWorkQueueFilter;

/**
 * PwRestFilterBody:
 *
 * What a `/…/filter` or `/…/count` body asks: the filters of each
 * resource, read into the store's filter structs, and the page.
 */
typedef struct
{
  PwFlowFilter    *flows;
  PwFlowRunFilter *flow_runs;
  PwTaskRunFilter *task_runs;
  PwLogFilter     *logs;
  PwRestDeploymentFilter *deployments;
  PwRestWorkQueueFilter  *work_queues;
  int              sort;
  guint            limit;
  guint            offset;
  gboolean         has_sort;
  /* nothing can match (an empty any_ list, a level bound below 1) */
  gboolean         nothing;
  /* task_runs.subflow_runs.exists_: -1 unset, else 0 or 1 */
  int              subflow_runs_exists;
} PwRestFilterBody;

typedef enum
{
  PW_REST_FILTER_FLOWS,
  PW_REST_FILTER_FLOW_RUNS,
  PW_REST_FILTER_TASK_RUNS,
  PW_REST_FILTER_LOGS,
  PW_REST_FILTER_DEPLOYMENTS,
  PW_REST_FILTER_WORK_QUEUES,
} PwRestFilterKind;

#define PW_REST_MAX_LIMIT 200

void      pw_rest_filter_body_clear (PwRestFilterBody *body);
gboolean  pw_rest_deployment_matches (const PwRestDeploymentFilter *filter,
                                      PwDeployment                 *deployment);
gboolean  pw_rest_work_queue_matches (const PwRestWorkQueueFilter  *filter,
                                      PwWorkQueue                  *queue);
gboolean  pw_rest_read_filter_body  (JsonNode         *root,
                                     PwRestFilterKind  kind,
                                     const char * const *extra_keys,
                                     PwRestFilterBody *body,
                                     PwRestProblems   *problems);
gboolean  pw_rest_read_page         (JsonObject       *object,
                                     guint            *limit,
                                     guint            *offset,
                                     PwRestProblems   *problems);

void      pw_rest_write_flow_run_filter (PwJsonWriter          *w,
                                         const PwFlowRunFilter *filter);
void      pw_rest_write_task_run_filter (PwJsonWriter          *w,
                                         const PwTaskRunFilter *filter);
void      pw_rest_write_log_filter      (PwJsonWriter          *w,
                                         const PwLogFilter     *filter);
void      pw_rest_write_flow_filter     (PwJsonWriter          *w,
                                         const PwFlowFilter    *filter);
const char *pw_rest_enum_nick           (GType                  enum_type,
                                         int                    value);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PwRestFilterBody, pw_rest_filter_body_clear)

G_END_DECLS
