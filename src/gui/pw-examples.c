/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-examples"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>

#include "pw-examples.h"

/*
 * The first time the app meets an empty library it imports the example
 * flows, so that there is something to look at and run. A marker file
 * remembers that this happened: deleting the examples later must not bring
 * them back.
 */

#define FLOW_FILE_SUFFIX ".flow.json"

typedef struct
{
  PwBackend *backend;
  char      *examples_dir;
  char      *marker_path;
  GPtrArray *files;
  guint      next;
  guint      n_imported;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_clear_object (&data->backend);
  g_clear_pointer (&data->examples_dir, g_free);
  g_clear_pointer (&data->marker_path, g_free);
  g_clear_pointer (&data->files, g_ptr_array_unref);
  g_free (data);
}

/**
 * pw_examples_find_dir:
 *
 * Finds the example flows: `$PW_EXAMPLES_DIR` when set, else the installed
 * `PKGDATADIR/examples`, else the source tree's `data/examples` (for a build
 * run without installing).
 *
 * Returns: (transfer full) (nullable): a directory, or %NULL when there is none
 */
char *
pw_examples_find_dir (void)
{
  const char *env = g_getenv ("PW_EXAMPLES_DIR");
  g_autofree char *installed = NULL;
  g_autofree char *source = NULL;

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  installed = g_build_filename (PKGDATADIR, "examples", NULL);
  if (g_file_test (installed, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&installed);

  source = g_build_filename (PW_SOURCE_DATADIR, "examples", NULL);
  if (g_file_test (source, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&source);

  return NULL;
}

/**
 * pw_examples_marker_path:
 *
 * Returns: (transfer full): the file whose presence says that the examples
 *   were imported once, `$XDG_DATA_HOME/pipewright/examples-imported`
 */
char *
pw_examples_marker_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "pipewright", "examples-imported", NULL);
}

static int
compare_files_by_path (gconstpointer a,
                       gconstpointer b)
{
  g_autofree char *path_a = g_file_get_path (*(GFile * const *)a);
  g_autofree char *path_b = g_file_get_path (*(GFile * const *)b);

  return g_strcmp0 (path_a, path_b);
}

static GPtrArray *
list_flow_files (const char  *dir_path,
                 GError     **error)
{
  g_autoptr(GFile) dir = g_file_new_for_path (dir_path);
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  enumerator = g_file_enumerate_children (dir,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NONE, NULL, error);
  if (enumerator == NULL)
    return NULL;

  for (;;)
    {
      GFileInfo *info;
      GFile *child;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, NULL, error))
        return NULL;
      if (info == NULL)
        break;

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR &&
          g_str_has_suffix (g_file_info_get_name (info), FLOW_FILE_SUFFIX))
        g_ptr_array_add (files, g_object_ref (child));
    }

  g_ptr_array_sort (files, compare_files_by_path);

  return g_steal_pointer (&files);
}

static gboolean
write_marker (const char  *marker_path,
              GError     **error)
{
  g_autofree char *parent = g_path_get_dirname (marker_path);

  if (g_mkdir_with_parents (parent, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"),
                   parent, g_strerror (saved_errno));
      return FALSE;
    }

  return g_file_set_contents (marker_path, "", 0, error);
}

static void import_next (GTask *task);

static void
import_flow_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ImportData *data = g_task_get_task_data (task);
  g_autoptr(PwFlowInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = pw_backend_import_flow_finish (PW_BACKEND (object), result, &error);
  if (info != NULL)
    {
      data->n_imported++;
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  else
    {
      /* A broken example is a packaging bug, not something the user did:
       * say so in the log and import the others. */
      GFile *file = g_ptr_array_index (data->files, data->next - 1);
      g_autofree char *path = g_file_get_path (file);

      g_warning ("Could not import the example flow %s: %s", path, error->message);
    }

  import_next (g_steal_pointer (&task));
}

static void
import_next (GTask *task)
{
  ImportData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (data->next < data->files->len)
    {
      GFile *file = g_ptr_array_index (data->files, data->next++);

      pw_backend_import_flow_async (data->backend, file,
                                    g_task_get_cancellable (task),
                                    import_flow_cb, task);
      return;
    }

  if (!write_marker (data->marker_path, &error))
    g_warning ("Could not remember that the examples were imported: %s", error->message);

  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
list_flows_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ImportData *data = g_task_get_task_data (task);
  g_autoptr(GListModel) flows = NULL;
  g_autoptr(GError) error = NULL;

  flows = pw_backend_list_flows_finish (PW_BACKEND (object), result, &error);
  if (flows == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The library already has flows: this is not a first run. */
  if (g_list_model_get_n_items (flows) > 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  data->files = list_flow_files (data->examples_dir, &error);
  if (data->files == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  import_next (g_steal_pointer (&task));
}

/**
 * pw_examples_import_async:
 * @backend: the backend to import into
 * @examples_dir: (nullable): the folder of `*.flow.json` files, or %NULL
 * @marker_path: the marker file (see pw_examples_marker_path())
 *
 * Imports every example flow of @examples_dir when the marker file does not
 * exist and the library is empty, then creates the marker. Does nothing
 * otherwise, or when @examples_dir is %NULL.
 */
void
pw_examples_import_async (PwBackend           *backend,
                          const char          *examples_dir,
                          const char          *marker_path,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportData *data;

  g_return_if_fail (PW_IS_BACKEND (backend));
  g_return_if_fail (marker_path != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (backend, cancellable, callback, user_data);
  g_task_set_source_tag (task, pw_examples_import_async);

  if (examples_dir == NULL || g_file_test (marker_path, G_FILE_TEST_EXISTS))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  data = g_new0 (ImportData, 1);
  data->backend = g_object_ref (backend);
  data->examples_dir = g_strdup (examples_dir);
  data->marker_path = g_strdup (marker_path);
  g_task_set_task_data (task, data, (GDestroyNotify)import_data_free);

  pw_backend_list_flows_async (backend, NULL, cancellable, list_flows_cb, g_steal_pointer (&task));
}

/**
 * pw_examples_import_finish:
 * @n_imported: (out) (optional): how many examples were imported
 *
 * Returns: %TRUE unless the library or the examples folder could not be read
 */
gboolean
pw_examples_import_finish (PwBackend     *backend,
                           GAsyncResult  *result,
                           guint         *n_imported,
                           GError       **error)
{
  ImportData *data;

  g_return_val_if_fail (g_task_is_valid (result, backend), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pw_examples_import_async, FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (n_imported != NULL)
    *n_imported = data != NULL ? data->n_imported : 0;

  return g_task_propagate_boolean (G_TASK (result), error);
}
