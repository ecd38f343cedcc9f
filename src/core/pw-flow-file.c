/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-flow-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pw-flow-file-private.h"
#include "pw-flow-file.h"
#include "pw-flow-validate.h"
#include "pw-json-doc.h"
#include "pw-problem.h"

/*
 * Flow files: loading (size cap and UTF-8 check, then a parser that limits
 * nesting before it recurses, then the reader, then validation, reporting
 * every problem at once with its line) and atomic saving.
 */

G_DEFINE_QUARK (pw-flow-error-quark, pw_flow_error)

/* Line and column (both from 1, the column in characters) of @offset. */
static void
locate (const char *data,
        gsize       offset,
        guint      *line,
        guint      *column)
{
  const char *line_start = data;

  *line = 1;
  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        {
          (*line)++;
          line_start = data + i + 1;
        }
    }

  /* Called for encoding errors: the text is valid UTF-8 up to @offset. */
  *column = g_utf8_strlen (line_start, data + offset - line_start) + 1;
}

static char *
where (const char *origin,
       guint       line,
       guint       column)
{
  if (origin != NULL)
    return g_strdup_printf ("%s:%u:%u", origin, line, column);

  /* TRANSLATORS: a place in a file */
  return g_strdup_printf (_("line %u, column %u"), line, column);
}

/* Sets @error and, if asked, a single problem with the same message (on
 * @line, or 0). Takes @message. */
static void
fail (GPtrArray **out_problems,
      GError    **error,
      int         code,
      guint       line,
      char       *message)
{
  if (out_problems != NULL)
    {
      PwProblem *problem = pw_problem_new (NULL, NULL, message);

      pw_problem_set_line (problem, line);
      *out_problems = pw_problem_array_new ();
      g_ptr_array_add (*out_problems, problem);
    }

  g_set_error_literal (error, PW_FLOW_ERROR, code, message);
  g_free (message);
}

static char *
too_large_message (const char *origin,
                   guint64     size)
{
  g_autofree char *size_text = size > 0 ? g_format_size (size) : NULL;
  g_autofree char *limit_text = g_format_size_full (PW_FLOW_FILE_MAX_SIZE, G_FORMAT_SIZE_IEC_UNITS);

  if (size_text != NULL)
    return g_strdup_printf (_("%s is too large (%s); flow files can be at most %s"),
                            origin ? origin : _("The flow file"), size_text, limit_text);

  return g_strdup_printf (_("%s is too large; flow files can be at most %s"),
                          origin ? origin : _("The flow file"), limit_text);
}

static gboolean
seen_broken (GHashTable *broken,
             PwProblem  *problem)
{
  g_autofree char *id = _pw_flow_file_broken_id (pw_problem_get_task_key (problem),
                                                 pw_problem_get_member (problem));

  return g_hash_table_contains (broken, id);
}

/**
 * pw_flow_file_load_data:
 * @data: (array length=length): the text of a flow file
 * @length: the length of @data in bytes
 * @origin: (nullable): the file's name for messages, such as `ml.flow.json`
 * @out_problems: (out) (optional) (transfer full) (element-type PwProblem):
 *   where to store every problem when loading fails
 * @error: return location for a #GError
 *
 * Reads a flow file (DESIGN.md §3) and validates the flow. The text is
 * checked for size (%PW_FLOW_FILE_MAX_SIZE) and UTF-8 before parsing, and
 * for nesting depth (%PW_FLOW_FILE_MAX_DEPTH) before the parser goes
 * deeper; parse errors give the line and column. Then every problem is
 * collected: unknown members (with a suggestion), repeated, missing and
 * wrong-typed members, and all that pw_flow_validate() finds, each with the
 * line of the file it is on.
 *
 * On failure the error message summarises (`ml.flow.json: 3 problems`)
 * and lists each problem on its own line (`ml.flow.json:12: task train:
 * …`); @out_problems gets them one by one (a single one for errors other
 * than %PW_FLOW_ERROR_INVALID).
 *
 * Returns: (transfer full) (nullable): a valid flow, or %NULL with @error set
 */
PwFlow *
pw_flow_file_load_data (const char  *data,
                        gsize        length,
                        const char  *origin,
                        GPtrArray  **out_problems,
                        GError     **error)
{
  g_autoptr(PwJsonDoc) doc = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) validation = NULL;
  g_autoptr(GHashTable) broken = NULL;
  g_autoptr(GHashTable) tasks = NULL;
  g_autoptr(PwFlow) flow = NULL;
  g_autoptr(GString) summary = NULL;
  g_autofree char *place = NULL;
  PwJsonValue *root;
  const char *end;
  guint line = 0, column = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (out_problems != NULL)
    *out_problems = NULL;

  if (length > PW_FLOW_FILE_MAX_SIZE)
    {
      fail (out_problems, error, PW_FLOW_ERROR_TOO_LARGE, 0, too_large_message (origin, length));
      return NULL;
    }

  /* A byte-order mark is allowed, and skipped. */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  if (!g_utf8_validate_len (data, length, &end))
    {
      locate (data, end - data, &line, &column);
      place = where (origin, line, column);
      fail (out_problems, error, PW_FLOW_ERROR_ENCODING, line,
            *end == '\0'
            ? g_strdup_printf (_("%s: the file contains a NUL byte; flow files are UTF-8 text"),
                               place)
            : g_strdup_printf (_("%s: not valid UTF-8 text; flow files are UTF-8"), place));
      return NULL;
    }

  /* The parser refuses to nest deeper than PW_FLOW_FILE_MAX_DEPTH before
   * it recurses any further, so no input can exhaust the stack. */
  doc = pw_json_doc_parse (data, length, PW_FLOW_FILE_MAX_DEPTH, &line, &column, &local_error);
  if (doc == NULL)
    {
      place = where (origin, line, column);

      if (g_error_matches (local_error, PW_JSON_DOC_ERROR, PW_JSON_DOC_ERROR_TOO_DEEP))
        fail (out_problems, error, PW_FLOW_ERROR_TOO_DEEP, line,
              g_strdup_printf ("%s: %s", place, local_error->message));
      else if (g_error_matches (local_error, PW_JSON_DOC_ERROR, PW_JSON_DOC_ERROR_EMPTY))
        fail (out_problems, error, PW_FLOW_ERROR_PARSE, 0,
              g_strdup_printf (_("%s is empty"), origin ? origin : _("The flow file")));
      else
        fail (out_problems, error, PW_FLOW_ERROR_PARSE, line,
              g_strdup_printf (_("%s: not valid JSON: %s"), place, local_error->message));
      return NULL;
    }

  root = pw_json_doc_get_root (doc);
  if (root->type != PW_JSON_OBJECT)
    {
      fail (out_problems, error, PW_FLOW_ERROR_INVALID, root->line,
            g_strdup_printf (_("%s must hold a JSON object, not %s"),
                             origin ? origin : _("The flow file"), pw_json_value_describe (root)));
      return NULL;
    }

  problems = pw_problem_array_new ();
  broken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  tasks = g_hash_table_new (g_str_hash, g_str_equal);

  flow = _pw_flow_file_read (root, origin, problems, broken, tasks, &local_error);
  if (flow == NULL)
    {
      fail (out_problems, error, local_error->code, 0, g_strdup (local_error->message));
      return NULL;
    }

  validation = pw_flow_validate (flow);
  for (guint i = 0; i < validation->len; i++)
    {
      PwProblem *problem = g_ptr_array_index (validation, i);

      if (seen_broken (broken, problem))
        continue;

      pw_problem_set_line (problem, _pw_flow_file_locate (root, tasks,
                                                          pw_problem_get_task_key (problem),
                                                          pw_problem_get_member (problem)));
      g_ptr_array_add (problems, g_ptr_array_steal_index (validation, i--));
    }

  if (problems->len == 0)
    return g_steal_pointer (&flow);

  /* Like a compiler: "FILE: N problems", then "FILE:LINE: problem". */
  summary = g_string_new (NULL);
  g_string_append_printf (summary,
                          g_dngettext (GETTEXT_PACKAGE, "%s: %u problem", "%s: %u problems",
                                       problems->len),
                          origin ? origin : _("The flow file"), problems->len);
  for (guint i = 0; i < problems->len; i++)
    {
      PwProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *text = pw_problem_to_string (problem);

      g_string_append_c (summary, '\n');
      if (pw_problem_get_line (problem) > 0)
        {
          if (origin != NULL)
            g_string_append_printf (summary, "%s:%u: ", origin, pw_problem_get_line (problem));
          else
            g_string_append_printf (summary, _("line %u: "), pw_problem_get_line (problem));
        }
      g_string_append (summary, text);
    }

  g_set_error_literal (error, PW_FLOW_ERROR, PW_FLOW_ERROR_INVALID, summary->str);
  if (out_problems != NULL)
    *out_problems = g_steal_pointer (&problems);

  return NULL;
}

/**
 * pw_flow_file_load_path:
 * @path: a file name
 * @out_problems: (out) (optional) (transfer full) (element-type PwProblem):
 *   where to store every problem when loading fails
 * @error: return location for a #GError
 *
 * Loads a flow file like pw_flow_file_load_data(). A file larger than
 * %PW_FLOW_FILE_MAX_SIZE is refused before it is read.
 *
 * Returns: (transfer full) (nullable): a valid flow, or %NULL with @error set
 */
PwFlow *
pw_flow_file_load_path (const char  *path,
                        GPtrArray  **out_problems,
                        GError     **error)
{
  g_autofree char *display = NULL;
  g_autofree char *data = NULL;
  struct stat st;
  gsize length = 0;
  gsize allocated;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (out_problems != NULL)
    *out_problems = NULL;

  display = g_filename_display_name (path);

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      fail (out_problems, error, PW_FLOW_ERROR_IO, 0,
            g_strdup_printf (_("Could not open %s: %s"), display, g_strerror (saved_errno)));
      return NULL;
    }

  if (S_ISDIR (st.st_mode))
    {
      close (fd);
      fail (out_problems, error, PW_FLOW_ERROR_IO, 0,
            g_strdup_printf (_("Could not open %s: %s"), display, g_strerror (EISDIR)));
      return NULL;
    }

  if (S_ISREG (st.st_mode) && st.st_size > PW_FLOW_FILE_MAX_SIZE)
    {
      close (fd);
      fail (out_problems, error, PW_FLOW_ERROR_TOO_LARGE, 0,
            too_large_message (display, st.st_size));
      return NULL;
    }

  /* Read at most one byte past the limit, whatever the size said: the
   * file may be growing, or not a regular file. */
  allocated = S_ISREG (st.st_mode) ? (gsize) st.st_size + 1 : 65536;
  data = g_malloc (allocated + 1);

  for (;;)
    {
      gssize n;

      if (length == allocated)
        {
          allocated = MIN (allocated * 2, (gsize) PW_FLOW_FILE_MAX_SIZE + 1);
          data = g_realloc (data, allocated + 1);
        }

      n = read (fd, data + length, allocated - length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          fail (out_problems, error, PW_FLOW_ERROR_IO, 0,
                g_strdup_printf (_("Could not read %s: %s"), display, g_strerror (saved_errno)));
          return NULL;
        }
      if (n == 0)
        break;

      length += n;
      if (length > PW_FLOW_FILE_MAX_SIZE)
        {
          close (fd);
          fail (out_problems, error, PW_FLOW_ERROR_TOO_LARGE, 0, too_large_message (display, 0));
          return NULL;
        }
    }

  close (fd);
  data[length] = '\0';

  return pw_flow_file_load_data (data, length, display, out_problems, error);
}

/**
 * pw_flow_file_to_data:
 * @flow: a #PwFlow
 * @length: (out) (optional): where to store the length of the text
 *
 * Writes @flow as a flow file: pretty-printed, members in the order of
 * DESIGN.md §3, members at their default left out. Loading the text and
 * writing it again gives the same bytes.
 *
 * Returns: (transfer full): the text, nul-terminated
 */
char *
pw_flow_file_to_data (PwFlow *flow,
                      gsize  *length)
{
  g_return_val_if_fail (PW_IS_FLOW (flow), NULL);

  return _pw_flow_file_write (flow, length);
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;

      data += n;
      length -= n;
    }

  return TRUE;
}

/**
 * pw_flow_file_save_path:
 * @flow: a #PwFlow
 * @path: a file name
 * @error: return location for a #GError
 *
 * Saves @flow atomically: the text goes to a temporary file in the same
 * directory, which is flushed to disk and then renamed over @path, so that
 * @path holds either the old or the new flow, never a part. An existing
 * file keeps its permissions; a symbolic link keeps pointing where it did.
 *
 * Returns: %TRUE on success, or %FALSE with %PW_FLOW_ERROR_IO
 */
gboolean
pw_flow_file_save_path (PwFlow      *flow,
                        const char  *path,
                        GError     **error)
{
  g_autofree char *data = NULL;
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *display = NULL;
  struct stat st;
  gsize length;
  int saved_errno;
  int fd;
  int dir_fd;

  g_return_val_if_fail (PW_IS_FLOW (flow), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  data = pw_flow_file_to_data (flow, &length);
  display = g_filename_display_name (path);

  /* Replace what a symbolic link points to, not the link. */
  target = realpath (path, NULL);
  if (target == NULL)
    target = g_strdup (path);

  dir = g_path_get_dirname (target);
  base = g_path_get_basename (target);
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);

  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_IO,
                   _("Could not save %s: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  /* A new file gets 0666 less the umask from g_mkstemp_full(); an
   * existing one keeps its mode. */
  if (stat (target, &st) == 0)
    fchmod (fd, st.st_mode & 07777);

  if (!write_all (fd, data, length) || fsync (fd) != 0)
    {
      saved_errno = errno;
      close (fd);
      g_unlink (tmp);
      g_set_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_IO,
                   _("Could not save %s: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  if (close (fd) != 0 || g_rename (tmp, target) != 0)
    {
      saved_errno = errno;
      g_unlink (tmp);
      g_set_error (error, PW_FLOW_ERROR, PW_FLOW_ERROR_IO,
                   _("Could not save %s: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  /* Make the rename itself durable. */
  dir_fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (dir_fd >= 0)
    {
      fsync (dir_fd);
      close (dir_fd);
    }

  return TRUE;
}
