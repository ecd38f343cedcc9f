/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-local-backend"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-flow.h"
#include "pw-flow-file.h"
#include "pw-flow-validate.h"
#include "pw-local-backend-private.h"
#include "pw-problem.h"
#include "pw-system-clock.h"

/*
 * PwLocalBackend: PwBackend over the sqlite store in this process.
 *
 * Work runs in GTask worker threads so that a large import never blocks the
 * caller's main loop (the store serialises its own use across threads).
 * Signals are emitted on the main context the backend was created on.
 */
static void pw_local_backend_iface_init (PwBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PwLocalBackend, pw_local_backend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PW_TYPE_BACKEND, pw_local_backend_iface_init))

enum {
  PROP_0,
  PROP_WATCH_INTERVAL_MS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pw_local_backend_dispose (GObject *object)
{
  PwLocalBackend *self = (PwLocalBackend *)object;

  _pw_local_backend_watch_stop (self);

  G_OBJECT_CLASS (pw_local_backend_parent_class)->dispose (object);
}

static void
pw_local_backend_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PwLocalBackend *self = PW_LOCAL_BACKEND (object);

  switch (prop_id)
    {
    case PROP_WATCH_INTERVAL_MS:
      g_value_set_uint (value, self->watch_interval_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_local_backend_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PwLocalBackend *self = PW_LOCAL_BACKEND (object);

  switch (prop_id)
    {
    case PROP_WATCH_INTERVAL_MS:
      pw_local_backend_set_watch_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_local_backend_finalize (GObject *object)
{
  PwLocalBackend *self = (PwLocalBackend *)object;

  /* In case the interval was set again after dispose. */
  _pw_local_backend_watch_stop (self);
  g_clear_object (&self->engine);
  g_clear_object (&self->store);
  g_clear_pointer (&self->own_stores, g_ptr_array_unref);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (pw_local_backend_parent_class)->finalize (object);
}

static void
pw_local_backend_class_init (PwLocalBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pw_local_backend_dispose;
  object_class->finalize = pw_local_backend_finalize;
  object_class->get_property = pw_local_backend_get_property;
  object_class->set_property = pw_local_backend_set_property;

  /**
   * PwLocalBackend:watch-interval-ms:
   *
   * How often, in milliseconds, the database is checked for what other
   * processes (agents, the CLI, `serve`) committed, so that the backend
   * emits its signals for their changes too; 0 turns the watch off.
   * Checking costs one `PRAGMA data_version` when nothing changed, in a
   * thread of its own.
   */
  properties[PROP_WATCH_INTERVAL_MS] =
    g_param_spec_uint ("watch-interval-ms", NULL, NULL,
                       0, 60 * 60 * 1000, PW_LOCAL_BACKEND_DEFAULT_WATCH_INTERVAL_MS,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_local_backend_init (PwLocalBackend *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->own_stores = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * pw_local_backend_new:
 * @db_path: (nullable): the database file, or %NULL for the default
 *
 * Opens (creating or migrating as needed) the local database.
 *
 * Returns: (transfer full): a #PwBackend, or %NULL with @error set
 */
PwBackend *
pw_local_backend_new (const char  *db_path,
                      GError     **error)
{
  g_autoptr(PwLocalBackend) self = NULL;
  g_autofree char *path = NULL;

  path = db_path != NULL ? g_strdup (db_path) : pw_store_default_path ();

  self = g_object_new (PW_TYPE_LOCAL_BACKEND, NULL);
  g_autoptr(GPtrArray) crashed = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) local_error = NULL;
  PwClock *clock = pw_system_clock_get_default ();

  self->store = pw_store_open (path, error);
  if (self->store == NULL)
    return NULL;
  self->db_path = g_steal_pointer (&path);

  /* Runs whose process is provably gone are marked Crashed now, never a
   * run that another live process owns (the store checks). */
  now = pw_clock_get_now (clock);
  crashed = pw_store_reap_crashed_runs (self->store, now, &local_error);
  if (crashed == NULL && !pw_store_is_read_only (self->store))
    g_warning ("Could not check for crashed runs in %s: %s", self->db_path, local_error->message);

  self->engine = pw_engine_new (self->store, clock);
  _pw_local_backend_connect_engine (self);

  /* A read-only database has no writer to watch for. */
  if (!pw_store_is_read_only (self->store))
    _pw_local_backend_watch_start (self);

  return PW_BACKEND (g_steal_pointer (&self));
}

/**
 * pw_local_backend_set_watch_interval:
 * @self: a #PwLocalBackend
 * @interval_ms: see #PwLocalBackend:watch-interval-ms; 0 for none
 *
 * Sets how often the database is checked for other processes' changes.
 */
void
pw_local_backend_set_watch_interval (PwLocalBackend *self,
                                     guint           interval_ms)
{
  g_return_if_fail (PW_IS_LOCAL_BACKEND (self));

  if (self->watch_interval_ms == interval_ms)
    return;

  self->watch_interval_ms = interval_ms;
  if (self->store != NULL && !pw_store_is_read_only (self->store))
    _pw_local_backend_watch_start (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WATCH_INTERVAL_MS]);
}

const char *
pw_local_backend_get_db_path (PwLocalBackend *self)
{
  g_return_val_if_fail (PW_IS_LOCAL_BACKEND (self), NULL);
  return self->db_path;
}

/**
 * pw_local_backend_add_own_store:
 * @self: a #PwLocalBackend
 * @store: another connection of this process to the backend's database
 *
 * Tells the backend that what is written through @store is reported by
 * this process already (the REST server sends its own events), so that
 * its watch of the database does not report it again as another
 * process's change. A store can be given to one backend only.
 */
void
pw_local_backend_add_own_store (PwLocalBackend *self,
                                PwStore        *store)
{
  g_return_if_fail (PW_IS_LOCAL_BACKEND (self));
  g_return_if_fail (PW_IS_STORE (store));

  g_ptr_array_add (self->own_stores, g_object_ref (store));
  _pw_local_backend_watch_track (self, store);
}

static gboolean
emit_flows_changed_cb (gpointer data)
{
  pw_backend_emit_flows_changed (PW_BACKEND (data));
  return G_SOURCE_REMOVE;
}

/* Called from a worker thread after the store changed. */
static void
queue_flows_changed (PwLocalBackend *self)
{
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT,
                              emit_flows_changed_cb,
                              g_object_ref (self), g_object_unref);
}

static GError *
invalid_flow_error (PwFlow    *flow,
                    GPtrArray *problems)
{
  g_autoptr(GString) message = g_string_new (NULL);

  g_string_append_printf (message,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "Flow “%s” has %u problem:",
                                       "Flow “%s” has %u problems:",
                                       problems->len),
                          pw_flow_get_name (flow), problems->len);
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = pw_problem_to_string (g_ptr_array_index (problems, i));
      g_string_append_printf (message, "\n%s", line);
    }

  return g_error_new_literal (PW_BACKEND_ERROR, PW_BACKEND_ERROR_INVALID, message->str);
}

/* Stores an already validated flow document as a new version. */
static PwFlowInfo *
store_document (PwLocalBackend      *self,
                const char          *name,
                const char          *description,
                const char * const  *tags,
                guint                n_tasks,
                const char          *document,
                GError             **error)
{
  PwFlowInfo *info;

  info = pw_store_save_flow (self->store, name, description, tags, n_tasks, document, error);

  return info;
}

static PwFlowInfo *
store_flow (PwLocalBackend  *self,
            PwFlow          *flow,
            GError         **error)
{
  g_autofree char *document = pw_flow_file_to_data (flow, NULL);

  return store_document (self,
                         pw_flow_get_name (flow),
                         pw_flow_get_description (flow),
                         pw_flow_get_tags (flow),
                         pw_flow_get_n_tasks (flow),
                         document,
                         error);
}

/* Reads a stored version back into a PwFlow */
static PwFlow *
load_flow (PwLocalBackend  *self,
           const char      *name,
           guint            version,
           GError         **error)
{
  g_autofree char *document = NULL;
  g_autofree char *origin = NULL;
  guint found_version = 0;

  document = pw_store_get_flow_document (self->store, name, version, &found_version, error);

  if (document == NULL)
    return NULL;

  origin = g_strdup_printf (_("flow “%s” version %u"), name, found_version);
  return pw_flow_file_load_data (document, strlen (document), origin, NULL, error);
}

/* list_flows */

static void
list_flows_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  PwLocalBackend *self = source_object;
  const char *search = task_data;
  g_autoptr(PwFlowFilter) filter = pw_flow_filter_new ();
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GListStore) model = g_list_store_new (PW_TYPE_FLOW_INFO);
  GError *error = NULL;

  if (search != NULL && *search != '\0')
    pw_flow_filter_set_name_like (filter, search);

  infos = pw_store_list_flows (self->store, filter, PW_FLOW_SORT_NAME_ASC, G_MAXUINT, 0, &error);

  if (infos == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_list_store_splice (model, 0, 0, infos->pdata, infos->len);
  g_task_return_pointer (task, g_steal_pointer (&model), g_object_unref);
}

static void
pw_local_backend_list_flows_async (PwBackend           *backend,
                                   const char          *search,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);

  g_task_set_source_tag (task, pw_local_backend_list_flows_async);
  g_task_set_task_data (task, g_strdup (search), g_free);
  g_task_run_in_thread (task, list_flows_thread);
}

static GListModel *
pw_local_backend_list_flows_finish (PwBackend     *backend,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* get_flow */

typedef struct
{
  char   *name;
  guint   version;
  GFile  *file;

  /* save: the flow as it was when the caller asked */
  char   *description;
  GStrv   tags;
  guint   n_tasks;
  char   *document;
} FlowOp;

static void
flow_op_free (FlowOp *op)
{
  g_clear_pointer (&op->name, g_free);
  g_clear_pointer (&op->description, g_free);
  g_clear_pointer (&op->tags, g_strfreev);
  g_clear_pointer (&op->document, g_free);
  g_clear_object (&op->file);
  g_free (op);
}

static GTask *
flow_op_task_new (gpointer             backend,
                  gpointer             source_tag,
                  const char          *name,
                  guint                version,
                  GFile               *file,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *task = g_task_new (backend, cancellable, callback, user_data);
  FlowOp *op = g_new0 (FlowOp, 1);

  op->name = g_strdup (name);
  op->version = version;
  op->file = file != NULL ? g_object_ref (file) : NULL;

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify)flow_op_free);
  return task;
}

static void
get_flow_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  FlowOp *op = task_data;
  GError *error = NULL;
  PwFlow *flow;

  flow = load_flow (source_object, op->name, op->version, &error);
  if (flow == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, flow, g_object_unref);
}

static void
pw_local_backend_get_flow_async (PwBackend           *backend,
                                 const char          *name,
                                 guint                version,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = flow_op_task_new (backend, pw_local_backend_get_flow_async,
                                            name, version, NULL,
                                            cancellable, callback, user_data);
  g_task_run_in_thread (task, get_flow_thread);
}

static PwFlow *
pw_local_backend_get_flow_finish (PwBackend     *backend,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* save_flow */

static void
save_flow_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  FlowOp *op = task_data;
  GError *error = NULL;
  PwFlowInfo *info;

  info = store_document (source_object, op->name, op->description,
                         (const char * const *)op->tags, op->n_tasks,
                         op->document, &error);
  if (info == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  queue_flows_changed (source_object);
  g_task_return_pointer (task, info, g_object_unref);
}

static void
pw_local_backend_save_flow_async (PwBackend           *backend,
                                  PwFlow              *flow,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  FlowOp *op;

  /* Validate and serialise here, in the caller's thread where @flow lives,
   * so later edits by the caller cannot race with the worker. */
  problems = pw_flow_validate (flow);
  if (problems->len > 0)
    {
      g_task_report_error (backend, callback, user_data, pw_local_backend_save_flow_async,
                           invalid_flow_error (flow, problems));
      return;
    }

  task = flow_op_task_new (backend, pw_local_backend_save_flow_async,
                           pw_flow_get_name (flow), 0, NULL,
                           cancellable, callback, user_data);
  op = g_task_get_task_data (task);
  op->description = g_strdup (pw_flow_get_description (flow));
  op->tags = g_strdupv ((char **)pw_flow_get_tags (flow));
  op->n_tasks = pw_flow_get_n_tasks (flow);
  op->document = pw_flow_file_to_data (flow, NULL);
  g_task_run_in_thread (task, save_flow_thread);
}

static PwFlowInfo *
pw_local_backend_save_flow_finish (PwBackend     *backend,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* delete_flow */

static void
delete_flow_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  PwLocalBackend *self = source_object;
  FlowOp *op = task_data;
  GError *error = NULL;
  gboolean ok;

  ok = pw_store_delete_flow (self->store, op->name, &error);

  if (!ok)
    {
      g_task_return_error (task, error);
      return;
    }

  queue_flows_changed (self);
  g_task_return_boolean (task, TRUE);
}

static void
pw_local_backend_delete_flow_async (PwBackend           *backend,
                                    const char          *name,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = flow_op_task_new (backend, pw_local_backend_delete_flow_async,
                                            name, 0, NULL,
                                            cancellable, callback, user_data);
  g_task_run_in_thread (task, delete_flow_thread);
}

static gboolean
pw_local_backend_boolean_finish (PwBackend     *backend,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* import_flow */

static void
import_flow_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  FlowOp *op = task_data;
  g_autoptr(PwFlow) flow = NULL;
  g_autofree char *path = g_file_get_path (op->file);
  GError *error = NULL;
  PwFlowInfo *info;

  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (op->file);
      g_task_return_new_error (task, PW_BACKEND_ERROR, PW_BACKEND_ERROR_UNSUPPORTED,
                               _("Cannot import %s: only local files can be imported"), uri);
      return;
    }

  flow = pw_flow_file_load_path (path, NULL, &error);
  if (flow == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  info = store_flow (source_object, flow, &error);
  if (info == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  queue_flows_changed (source_object);
  g_task_return_pointer (task, info, g_object_unref);
}

static void
pw_local_backend_import_flow_async (PwBackend           *backend,
                                    GFile               *file,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = flow_op_task_new (backend, pw_local_backend_import_flow_async,
                                            NULL, 0, file,
                                            cancellable, callback, user_data);
  g_task_run_in_thread (task, import_flow_thread);
}

/* export_flow */

static void
export_flow_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  FlowOp *op = task_data;
  g_autoptr(PwFlow) flow = NULL;
  g_autofree char *path = g_file_get_path (op->file);
  GError *error = NULL;

  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (op->file);
      g_task_return_new_error (task, PW_BACKEND_ERROR, PW_BACKEND_ERROR_UNSUPPORTED,
                               _("Cannot export to %s: only local files can be written"), uri);
      return;
    }

  flow = load_flow (source_object, op->name, 0, &error);
  if (flow == NULL || !pw_flow_file_save_path (flow, path, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
pw_local_backend_export_flow_async (PwBackend           *backend,
                                    const char          *name,
                                    GFile               *file,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = flow_op_task_new (backend, pw_local_backend_export_flow_async,
                                            name, 0, file,
                                            cancellable, callback, user_data);
  g_task_run_in_thread (task, export_flow_thread);
}

static void
pw_local_backend_iface_init (PwBackendInterface *iface)
{
  iface->list_flows_async = pw_local_backend_list_flows_async;
  iface->list_flows_finish = pw_local_backend_list_flows_finish;
  iface->get_flow_async = pw_local_backend_get_flow_async;
  iface->get_flow_finish = pw_local_backend_get_flow_finish;
  iface->save_flow_async = pw_local_backend_save_flow_async;
  iface->save_flow_finish = pw_local_backend_save_flow_finish;
  iface->delete_flow_async = pw_local_backend_delete_flow_async;
  iface->delete_flow_finish = pw_local_backend_boolean_finish;
  iface->import_flow_async = pw_local_backend_import_flow_async;
  iface->import_flow_finish = pw_local_backend_save_flow_finish;
  iface->export_flow_async = pw_local_backend_export_flow_async;
  iface->export_flow_finish = pw_local_backend_boolean_finish;

  _pw_local_backend_init_runs (iface);
  _pw_local_backend_init_deployments (iface);
  _pw_local_backend_init_notifications (iface);
}
