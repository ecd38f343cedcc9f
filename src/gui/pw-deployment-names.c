/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-deployment-names"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-deployment-names.h"

/*
 * PwDeploymentNames: the names of a backend's deployments by id
 * (`FLOW/NAME`, as Prefect writes them), for the places that show which
 * deployment started a run: the Runs page's table and filters and the run
 * view. It reads the deployments once, and again on the backend's
 * deployments-changed, then emits ::changed. It never blocks and never
 * fails loudly: a backend without deployments, or one that cannot be
 * reached, simply has no names (or keeps the last ones read), and callers
 * fall back to the deployment's short id.
 *
 * One instance is shared per backend (pw_deployment_names_get_for_backend()).
 */
struct _PwDeploymentNames
{
  GObject       parent_instance;

  PwBackend    *backend;
  GCancellable *cancellable;   /* of the read in progress, if any */
  GHashTable   *names;         /* id → “FLOW/NAME” */
  gboolean      loaded;
};

G_DEFINE_FINAL_TYPE (PwDeploymentNames, pw_deployment_names, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define SHARED_KEY "pw-deployment-names"

static gboolean
same_names (GHashTable *a,
            GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (value, g_hash_table_lookup (b, key)) != 0)
      return FALSE;

  return TRUE;
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PwDeploymentNames) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = pw_backend_list_deployments_finish (PW_BACKEND (object), result, &error);
  g_autoptr(GHashTable) names = NULL;
  gboolean was_loaded = self->loaded;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  self->loaded = TRUE;

  if (list == NULL)
    {
      /* No deployments here (a backend without them), or none readable
       * now: short ids it is, or the names read before. */
      g_debug ("No deployment names: %s", error->message);
      if (!g_error_matches (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_UNSUPPORTED))
        {
          if (!was_loaded)
            g_signal_emit (self, signals[CHANGED], 0);
          return;
        }
      names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    }
  else
    {
      names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(PwDeployment) d = g_list_model_get_item (list, i);

          if (pw_deployment_get_id (d) != NULL)
            g_hash_table_insert (names, g_strdup (pw_deployment_get_id (d)), pw_deployment_dup_address (d));
        }
    }

  if (was_loaded && same_names (names, self->names))
    return;

  g_clear_pointer (&self->names, g_hash_table_unref);
  self->names = g_steal_pointer (&names);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * pw_deployment_names_reload:
 *
 * Reads the names again (a read in progress gives way to the new one).
 * The backend's deployments-changed does this by itself.
 */
void
pw_deployment_names_reload (PwDeploymentNames *self)
{
  g_return_if_fail (PW_IS_DEPLOYMENT_NAMES (self));

  if (self->backend == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  pw_backend_list_deployments_async (self->backend, NULL, self->cancellable, list_cb, g_object_ref (self));
}

/**
 * pw_deployment_names_get_for_backend:
 *
 * Returns the names of @backend's deployments, shared by every caller for
 * the same backend; the first call starts reading them.
 *
 * Returns: (transfer full): the names
 */
PwDeploymentNames *
pw_deployment_names_get_for_backend (PwBackend *backend)
{
  PwDeploymentNames *self;

  g_return_val_if_fail (PW_IS_BACKEND (backend), NULL);

  self = g_object_get_data (G_OBJECT (backend), SHARED_KEY);
  if (self != NULL)
    return g_object_ref (self);

  self = g_object_new (PW_TYPE_DEPLOYMENT_NAMES, NULL);
  self->backend = g_object_ref (backend);
  /* The backend only points back: the last user's unref ends the names. */
  g_object_set_data (G_OBJECT (backend), SHARED_KEY, self);
  g_signal_connect_object (backend, "deployments-changed",
                           G_CALLBACK (pw_deployment_names_reload), self, G_CONNECT_SWAPPED);
  pw_deployment_names_reload (self);

  return self;
}

PwBackend *
pw_deployment_names_get_backend (PwDeploymentNames *self)
{
  g_return_val_if_fail (PW_IS_DEPLOYMENT_NAMES (self), NULL);
  return self->backend;
}

/**
 * pw_deployment_names_get_loaded:
 *
 * Returns: whether a first read has ended (with names or without)
 */
gboolean
pw_deployment_names_get_loaded (PwDeploymentNames *self)
{
  g_return_val_if_fail (PW_IS_DEPLOYMENT_NAMES (self), FALSE);
  return self->loaded;
}

guint
pw_deployment_names_get_n_names (PwDeploymentNames *self)
{
  g_return_val_if_fail (PW_IS_DEPLOYMENT_NAMES (self), 0);
  return g_hash_table_size (self->names);
}

/**
 * pw_deployment_names_lookup:
 *
 * Returns: (nullable): the deployment's `FLOW/NAME`, or %NULL if it is not
 *   known (not read yet, deleted, or a backend without deployments)
 */
const char *
pw_deployment_names_lookup (PwDeploymentNames *self,
                            const char        *deployment_id)
{
  g_return_val_if_fail (PW_IS_DEPLOYMENT_NAMES (self), NULL);

  return deployment_id != NULL ? g_hash_table_lookup (self->names, deployment_id) : NULL;
}

/**
 * pw_deployment_names_dup_label:
 * @self: (nullable): the names, or %NULL for none
 *
 * Returns: (transfer full): the deployment's `FLOW/NAME`, or the start of
 *   its id when its name is not known
 */
char *
pw_deployment_names_dup_label (PwDeploymentNames *self,
                               const char        *deployment_id)
{
  const char *name;

  g_return_val_if_fail (self == NULL || PW_IS_DEPLOYMENT_NAMES (self), NULL);
  g_return_val_if_fail (deployment_id != NULL, NULL);

  name = self != NULL ? pw_deployment_names_lookup (self, deployment_id) : NULL;
  return name != NULL ? g_strdup (name) : g_strndup (deployment_id, 8);
}

/**
 * pw_deployment_names_format_started_by:
 * @self: (nullable): the names, or %NULL for none
 * @out_tooltip: (out) (optional): the full name and id, %NULL for a run
 *   started by hand
 *
 * Returns: (transfer full): who started @run, for the Runs page: “By
 *   hand”, or the deployment (`FLOW/NAME` or the start of its id) and the
 *   work queue its run waited in
 */
char *
pw_deployment_names_format_started_by (PwDeploymentNames  *self,
                                       PwFlowRun          *run,
                                       char              **out_tooltip)
{
  const char *id;
  const char *queue;
  const char *name;
  g_autofree char *label = NULL;

  g_return_val_if_fail (self == NULL || PW_IS_DEPLOYMENT_NAMES (self), NULL);
  g_return_val_if_fail (PW_IS_FLOW_RUN (run), NULL);

  id = pw_flow_run_get_deployment_id (run);
  queue = pw_flow_run_get_work_queue_name (run);
  if (out_tooltip != NULL)
    *out_tooltip = NULL;

  if (id == NULL)
    return g_strdup (_("By hand"));

  name = self != NULL ? pw_deployment_names_lookup (self, id) : NULL;
  label = pw_deployment_names_dup_label (self, id);

  if (out_tooltip != NULL)
    /* Translators: a deployment's FLOW/NAME, then its id on a new line */
    *out_tooltip = name != NULL ? g_strdup_printf (_("Deployment %s\n%s"), name, id)
                                : g_strdup (id);

  if (queue != NULL)
    /* Translators: a deployment (FLOW/NAME, or the start of its id) and
     * the work queue of its run */
    return g_strdup_printf (_("%s · %s"), label, queue);

  return g_steal_pointer (&label);
}

static void
pw_deployment_names_dispose (GObject *object)
{
  PwDeploymentNames *self = (PwDeploymentNames *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->backend != NULL)
    {
      if (g_object_get_data (G_OBJECT (self->backend), SHARED_KEY) == self)
        g_object_set_data (G_OBJECT (self->backend), SHARED_KEY, NULL);
      g_signal_handlers_disconnect_by_data (self->backend, self);
      g_clear_object (&self->backend);
    }

  G_OBJECT_CLASS (pw_deployment_names_parent_class)->dispose (object);
}

static void
pw_deployment_names_finalize (GObject *object)
{
  PwDeploymentNames *self = (PwDeploymentNames *)object;

  g_clear_pointer (&self->names, g_hash_table_unref);

  G_OBJECT_CLASS (pw_deployment_names_parent_class)->finalize (object);
}

static void
pw_deployment_names_class_init (PwDeploymentNamesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pw_deployment_names_dispose;
  object_class->finalize = pw_deployment_names_finalize;

  /**
   * PwDeploymentNames::changed:
   *
   * The names were read and differ from before (or a first read ended).
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
pw_deployment_names_init (PwDeploymentNames *self)
{
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}
