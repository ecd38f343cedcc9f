/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-log-saver"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-format.h"
#include "pw-log-cursor.h"
#include "pw-log-saver.h"
#include "pw-log-search-model.h"

/*
 * Saving a log to a file: the lines a filter (and a search) keep, read
 * front to back in chunks with a PwLogCursor and written as they come, so
 * that a log of a million lines never sits in memory whole.
 */

typedef struct
{
  PwBackend     *backend;
  PwLogFilter   *filter;
  char          *search;
  GHashTable    *task_names;
  GOutputStream *stream;
  PwLogCursor    cursor;
  guint64        n_written;
  GBytes        *pending;
} SaveOp;

static void
save_op_free (SaveOp *op)
{
  g_clear_object (&op->backend);
  g_clear_pointer (&op->filter, pw_log_filter_free);
  g_clear_pointer (&op->search, g_free);
  g_clear_pointer (&op->task_names, g_hash_table_unref);
  g_clear_object (&op->stream);
  g_clear_pointer (&op->pending, g_bytes_unref);
  g_free (op);
}

/**
 * pw_log_format_line:
 * @task_name: (nullable): the name of the line's task, %NULL for a line of
 *   the flow run
 *
 * Returns: (transfer full): @entry as a line of a saved log, without the
 *   newline: local time, level, task and message
 */
char *
pw_log_format_line (PwLogEntry *entry,
                    const char *task_name)
{
  GDateTime *timestamp = pw_log_entry_get_timestamp (entry);
  g_autoptr(GDateTime) local = timestamp != NULL ? g_date_time_to_local (timestamp) : NULL;
  g_autofree char *day = local != NULL ? g_date_time_format (local, "%Y-%m-%d") : g_strdup ("");
  g_autofree char *time = pw_format_log_time (timestamp);

  return g_strdup_printf ("%s %s %-8s %s%s%s%s",
                          day, time,
                          pw_format_level (pw_log_entry_get_level (entry)),
                          task_name != NULL ? "[" : "",
                          task_name != NULL ? task_name : "",
                          task_name != NULL ? "] " : "",
                          pw_log_entry_get_message (entry));
}

static void read_chunk (GTask *task);

static void
close_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_output_stream_close_finish (G_OUTPUT_STREAM (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveOp *op = g_task_get_task_data (task);
  gboolean last = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "last"));
  GError *error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_clear_pointer (&op->pending, g_bytes_unref);

  if (last)
    g_output_stream_close_async (op->stream, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                 close_cb, g_object_ref (task));
  else
    read_chunk (task);
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveOp *op = g_task_get_task_data (task);
  g_autoptr(GListModel) lines = NULL;
  g_autoptr(GPtrArray) chunk = NULL;
  g_autoptr(GString) text = NULL;
  GError *error = NULL;
  guint n;
  gsize size;

  lines = pw_backend_list_logs_finish (PW_BACKEND (object), result, &error);
  if (lines == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  n = g_list_model_get_n_items (lines);
  chunk = g_ptr_array_new_full (n, g_object_unref);
  text = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    {
      PwLogEntry *entry = g_list_model_get_item (lines, i);
      const char *task_run_id = pw_log_entry_get_task_run_id (entry);
      const char *task_name = NULL;
      g_autofree char *line = NULL;

      g_ptr_array_add (chunk, entry);
      if (op->search != NULL && !pw_log_text_find (pw_log_entry_get_message (entry), op->search, NULL, NULL))
        continue;

      if (task_run_id != NULL)
        {
          task_name = op->task_names != NULL ? g_hash_table_lookup (op->task_names, task_run_id) : NULL;
          if (task_name == NULL)
            task_name = task_run_id;
        }

      line = pw_log_format_line (entry, task_name);
      g_string_append (text, line);
      g_string_append_c (text, '\n');
      op->n_written++;
    }
  pw_log_cursor_advance (&op->cursor, chunk);

  g_object_set_data (G_OBJECT (task), "last", GINT_TO_POINTER (n < PW_LOG_SAVE_CHUNK));
  size = text->len;
  op->pending = g_string_free_to_bytes (g_steal_pointer (&text));
  g_output_stream_write_all_async (op->stream, g_bytes_get_data (op->pending, NULL), size,
                                   G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                   write_cb, g_object_ref (task));
}

static void
read_chunk (GTask *task)
{
  SaveOp *op = g_task_get_task_data (task);
  g_autoptr(PwLogFilter) filter = pw_log_filter_copy (op->filter);
  guint offset = 0;

  pw_log_cursor_apply (&op->cursor, filter, &offset);
  pw_backend_list_logs_async (op->backend, filter, PW_LOG_SORT_TIMESTAMP_ASC,
                              PW_LOG_SAVE_CHUNK, offset, g_task_get_cancellable (task),
                              list_cb, g_object_ref (task));
}

static void
replace_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveOp *op = g_task_get_task_data (task);
  GError *error = NULL;

  op->stream = G_OUTPUT_STREAM (g_file_replace_finish (G_FILE (object), result, &error));
  if (op->stream == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  read_chunk (task);
}

/**
 * pw_log_save_async:
 * @filter: the lines to save (its timestamp bounds are the saver's own)
 * @search: (nullable): save only lines holding this text, ignoring case
 * @task_names: (nullable): task run id → task name, for the lines
 * @file: where to write (replaced)
 *
 * Writes the lines to @file, one per line.
 */
void
pw_log_save_async (PwBackend           *backend,
                   const PwLogFilter   *filter,
                   const char          *search,
                   GHashTable          *task_names,
                   GFile               *file,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);
  SaveOp *op = g_new0 (SaveOp, 1);

  g_return_if_fail (PW_IS_BACKEND (backend));
  g_return_if_fail (filter != NULL);
  g_return_if_fail (G_IS_FILE (file));

  op->backend = g_object_ref (backend);
  op->filter = pw_log_filter_copy (filter);
  op->search = search != NULL && *search != '\0' ? g_strdup (search) : NULL;
  op->task_names = task_names != NULL ? g_hash_table_ref (task_names) : NULL;
  pw_log_cursor_init (&op->cursor);

  g_task_set_source_tag (task, pw_log_save_async);
  g_task_set_task_data (task, op, (GDestroyNotify)save_op_free);
  g_file_replace_async (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                        G_PRIORITY_DEFAULT, cancellable, replace_cb, g_object_ref (task));
}

/**
 * pw_log_save_finish:
 * @n_lines: (out) (optional): how many lines were written
 *
 * Returns: whether the log was saved, else %FALSE with @error set
 */
gboolean
pw_log_save_finish (PwBackend     *backend,
                    GAsyncResult  *result,
                    guint64       *n_lines,
                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  if (n_lines != NULL)
    *n_lines = ((SaveOp *)g_task_get_task_data (G_TASK (result)))->n_written;
  return TRUE;
}
