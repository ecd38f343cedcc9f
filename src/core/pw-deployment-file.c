/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-deployment-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pw-deployment-file.h"
#include "pw-flow-file-private.h"
#include "pw-json-doc.h"
#include "pw-problem.h"
#include "pw-work-queue.h"

/*
 * Deployment files (`pipewright-deployment/1`, DESIGN.md §3), read with
 * the habits of flow files: size and UTF-8 checked first, nesting limited
 * before the parser recurses, every unknown member reported (with a
 * suggestion), every problem at once with its line, a newer format
 * refused, and saving atomic. The schedule is read by PwSchedule, whose
 * error says which field is wrong and why.
 */

enum {
  DM_FORMAT, DM_NAME, DM_FLOW, DM_SCHEDULE, DM_PARAMETERS, DM_TAGS, DM_WORK_QUEUE_NAME,
  DM_PAUSED, DM_DESCRIPTION, N_DM
};
static const char * const deployment_members[N_DM] = {
  "format", "name", "flow", "schedule", "parameters", "tags", "work_queue_name", "paused",
  "description",
};
static PwMemberTable deployment_table = { deployment_members, N_DM, NULL };

/* The member @word most likely stands for: a near spelling, or one it
 * begins (`work_queue` for `work_queue_name`). */
static const char *
suggest_member (const char *word)
{
  const char *suggestion = pw_suggest_word (word, deployment_members, N_DM);
  gsize length = strlen (word);

  for (guint i = 0; suggestion == NULL && length >= 4 && i < N_DM; i++)
    if (g_str_has_prefix (deployment_members[i], word))
      suggestion = deployment_members[i];

  return suggestion;
}

/* Like _pw_reader_gather(), with suggest_member() for the hints. */
static void
gather_members (PwReader     *r,
                PwJsonValue  *root,
                PwJsonValue **out)
{
  for (PwJsonValue *member = root->v.first; member != NULL; member = member->next)
    {
      int i = _pw_reader_member_lookup (&deployment_table, member->name);
      const char *suggestion;

      if (i >= 0 && out[i] == NULL)
        out[i] = member;
      else if (i >= 0)
        _pw_reader_problem (r, member, NULL, member->name, _("`%s` appears twice"),
                            member->name);
      else if ((suggestion = suggest_member (member->name)) != NULL)
        _pw_reader_problem (r, member, NULL, member->name,
                            _("unknown member `%s`; did you mean `%s`?"), member->name,
                            suggestion);
      else
        _pw_reader_problem (r, member, NULL, member->name, _("unknown member `%s`"),
                            member->name);
    }
}

static const char *
file_name (const char *origin)
{
  return origin != NULL ? origin : _("The deployment file");
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

  g_set_error_literal (error, PW_DEPLOYMENT_ERROR, code, message);
  g_free (message);
}

/* Returns FALSE with @error set for a newer format. */
static gboolean
check_format (PwReader     *r,
              PwJsonValue  *root,
              PwJsonValue  *value,
              const char   *origin,
              GError      **error)
{
  const char *prefix = "pipewright-deployment/";
  const char *format;
  guint64 number;

  if (value == NULL)
    {
      _pw_reader_problem (r, root, NULL, "format",
                          _("the file has no `format`; deployment files start with"
                            " \"format\": \"%s\""),
                          PW_DEPLOYMENT_FILE_FORMAT);
      return TRUE;
    }

  if (!_pw_reader_string (r, value, NULL, "format", FALSE, &format))
    return TRUE;

  if (strcmp (format, PW_DEPLOYMENT_FILE_FORMAT) == 0)
    return TRUE;

  if (g_str_has_prefix (format, prefix) &&
      g_ascii_string_to_unsigned (format + strlen (prefix), 10, 2, G_MAXUINT, &number, NULL))
    {
      g_set_error (error, PW_DEPLOYMENT_ERROR, PW_DEPLOYMENT_ERROR_NEWER_FORMAT,
                   _("%s was written by a newer version of Pipewright (format “%s”); "
                     "this version reads “%s”. Update Pipewright to use it."),
                   file_name (origin), format, PW_DEPLOYMENT_FILE_FORMAT);
      return FALSE;
    }

  if (g_str_has_prefix (format, "pipewright-flow/"))
    _pw_reader_problem (r, value, NULL, "format",
                        _("this is a flow file (`%s`), not a deployment file; deployment files"
                          " have \"format\": \"%s\" and name a `flow`"),
                        format, PW_DEPLOYMENT_FILE_FORMAT);
  else
    _pw_reader_problem (r, value, NULL, "format", _("unknown format `%s`; expected `%s`"), format,
                        PW_DEPLOYMENT_FILE_FORMAT);
  return TRUE;
}

static void
read_name (PwReader     *r,
           PwDeployment *deployment,
           PwJsonValue  *root,
           PwJsonValue  *value)
{
  g_autoptr(GError) local_error = NULL;
  const char *name;

  if (value == NULL)
    {
      _pw_reader_problem (r, root, NULL, "name", _("the deployment has no `name`"));
      return;
    }
  if (!_pw_reader_string (r, value, NULL, "name", FALSE, &name))
    return;
  if (!pw_deployment_check_name (name, &local_error))
    {
      _pw_reader_problem (r, value, NULL, "name", "`name`: %s", local_error->message);
      return;
    }

  pw_deployment_set_name (deployment, name);
}

static void
read_flow (PwReader     *r,
           PwDeployment *deployment,
           PwJsonValue  *root,
           PwJsonValue  *value)
{
  const char *flow;

  if (value == NULL)
    {
      _pw_reader_problem (r, root, NULL, "flow",
                          _("the deployment has no `flow`: name the flow it runs"));
      return;
    }
  if (!_pw_reader_string (r, value, NULL, "flow", FALSE, &flow))
    return;
  if (*flow == '\0')
    {
      _pw_reader_problem (r, value, NULL, "flow", _("`flow` cannot be empty"));
      return;
    }
  if (strchr (flow, '/') != NULL)
    {
      _pw_reader_problem (r, value, NULL, "flow",
                          _("`flow` names a flow, and flow names have no “/” (“%s”)"), flow);
      return;
    }

  pw_deployment_set_flow_name (deployment, flow);
}

static void
read_schedule (PwReader     *r,
               PwDeployment *deployment,
               PwJsonValue  *value)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(PwSchedule) schedule = NULL;
  g_autoptr(GError) local_error = NULL;

  if (value->type == PW_JSON_NULL)
    return;

  if (value->type != PW_JSON_OBJECT)
    {
      _pw_reader_problem (r, value, NULL, "schedule",
                          _("`schedule` must be an object ({\"interval\": …}, {\"cron\": …} or"
                            " {\"rrule\": …}) or null, not %s"),
                          pw_json_value_describe (value));
      return;
    }

  node = pw_json_value_to_node (value);
  schedule = pw_schedule_new_from_json (node, &local_error);
  if (schedule == NULL)
    {
      _pw_reader_problem (r, value, NULL, "schedule", _("invalid `schedule`: %s"),
                          local_error->message);
      return;
    }

  pw_deployment_set_schedule (deployment, schedule);
}

static void
read_parameters (PwReader     *r,
                 PwDeployment *deployment,
                 PwJsonValue  *value)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  PwJsonValue *object;

  if (!_pw_reader_object (r, value, NULL, "parameters", &object) || object == NULL)
    return;

  node = pw_json_value_to_node (object);
  text = json_to_string (node, FALSE);
  pw_deployment_set_parameters (deployment, text);
}

static void
read_work_queue_name (PwReader     *r,
                      PwDeployment *deployment,
                      PwJsonValue  *value)
{
  g_autoptr(GError) local_error = NULL;
  const char *name;

  if (!_pw_reader_string (r, value, NULL, "work_queue_name", TRUE, &name) || name == NULL)
    return;
  if (!pw_work_queue_check_name (name, &local_error))
    {
      _pw_reader_problem (r, value, NULL, "work_queue_name", "`work_queue_name`: %s",
                          local_error->message);
      return;
    }

  pw_deployment_set_work_queue_name (deployment, name);
}

static PwDeployment *
read_deployment (PwJsonValue  *root,
                 const char   *origin,
                 GPtrArray    *problems,
                 GError      **error)
{
  g_autoptr(GHashTable) broken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  PwReader r = { problems, broken };
  PwJsonValue *m[N_DM] = { NULL };
  g_autoptr(PwDeployment) deployment = pw_deployment_new (NULL, NULL);
  const char *s;

  /* The format decides how to read the rest: look at it first. */
  if (!check_format (&r, root, pw_json_value_get_member (root, "format"), origin, error))
    return NULL;

  gather_members (&r, root, m);

  read_name (&r, deployment, root, m[DM_NAME]);
  read_flow (&r, deployment, root, m[DM_FLOW]);

  if (m[DM_SCHEDULE] != NULL)
    read_schedule (&r, deployment, m[DM_SCHEDULE]);

  if (m[DM_PARAMETERS] != NULL)
    read_parameters (&r, deployment, m[DM_PARAMETERS]);

  if (m[DM_TAGS] != NULL)
    {
      g_auto(GStrv) tags = NULL;

      if (_pw_reader_strv (&r, m[DM_TAGS], NULL, "tags", &tags))
        pw_deployment_set_tags (deployment, (const char * const *)tags);
    }

  if (m[DM_WORK_QUEUE_NAME] != NULL)
    read_work_queue_name (&r, deployment, m[DM_WORK_QUEUE_NAME]);

  if (m[DM_PAUSED] != NULL && m[DM_PAUSED]->type != PW_JSON_NULL)
    {
      if (m[DM_PAUSED]->type != PW_JSON_BOOLEAN)
        _pw_reader_wrong_type (&r, m[DM_PAUSED], NULL, "paused", _("true or false"));
      else
        pw_deployment_set_paused (deployment, m[DM_PAUSED]->v.boolean);
    }

  if (m[DM_DESCRIPTION] != NULL &&
      _pw_reader_string (&r, m[DM_DESCRIPTION], NULL, "description", TRUE, &s))
    pw_deployment_set_description (deployment, s);

  return g_steal_pointer (&deployment);
}

/**
 * pw_deployment_file_load_data:
 * @data: (array length=length): the text of a deployment file
 * @length: the length of @data in bytes
 * @origin: (nullable): the file's name for messages
 * @out_problems: (out) (optional) (transfer full) (element-type PwProblem):
 *   where to store every problem when loading fails
 * @error: return location for a #GError
 *
 * Reads a deployment file (DESIGN.md §3): `format`, `name` and `flow` are
 * required; `schedule` (one of Prefect's three shapes, or null),
 * `parameters` (an object), `tags`, `work_queue_name`, `paused` and
 * `description` are optional; any other member is a problem. Every
 * problem is reported, each on its line, like a flow file's. Whether the
 * flow exists is for the store to say.
 *
 * Returns: (transfer full) (nullable): the deployment (no id), or %NULL
 *   with @error set
 */
PwDeployment *
pw_deployment_file_load_data (const char  *data,
                              gsize        length,
                              const char  *origin,
                              GPtrArray  **out_problems,
                              GError     **error)
{
  g_autoptr(PwJsonDoc) doc = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(PwDeployment) deployment = NULL;
  g_autoptr(GString) summary = NULL;
  PwJsonValue *root;
  const char *end;
  guint line = 0, column = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (out_problems != NULL)
    *out_problems = NULL;

  if (length > PW_DEPLOYMENT_FILE_MAX_SIZE)
    {
      g_autofree char *limit = g_format_size_full (PW_DEPLOYMENT_FILE_MAX_SIZE,
                                                   G_FORMAT_SIZE_IEC_UNITS);

      fail (out_problems, error, PW_DEPLOYMENT_ERROR_TOO_LARGE, 0,
            g_strdup_printf (_("%s is too large; deployment files can be at most %s"),
                             file_name (origin), limit));
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
      for (const char *p = data; p < end; p++)
        if (*p == '\n')
          line++;
      fail (out_problems, error, PW_DEPLOYMENT_ERROR_ENCODING, line + 1,
            g_strdup_printf (_("%s:%u: not valid UTF-8 text; deployment files are UTF-8"),
                             file_name (origin), line + 1));
      return NULL;
    }

  doc = pw_json_doc_parse (data, length, PW_DEPLOYMENT_FILE_MAX_DEPTH, &line, &column,
                           &local_error);
  if (doc == NULL)
    {
      if (g_error_matches (local_error, PW_JSON_DOC_ERROR, PW_JSON_DOC_ERROR_TOO_DEEP))
        fail (out_problems, error, PW_DEPLOYMENT_ERROR_TOO_DEEP, line,
              g_strdup_printf ("%s:%u:%u: %s", file_name (origin), line, column,
                               local_error->message));
      else if (g_error_matches (local_error, PW_JSON_DOC_ERROR, PW_JSON_DOC_ERROR_EMPTY))
        fail (out_problems, error, PW_DEPLOYMENT_ERROR_PARSE, 0,
              g_strdup_printf (_("%s is empty"), file_name (origin)));
      else
        fail (out_problems, error, PW_DEPLOYMENT_ERROR_PARSE, line,
              g_strdup_printf (_("%s:%u:%u: not valid JSON: %s"), file_name (origin), line,
                               column, local_error->message));
      return NULL;
    }

  root = pw_json_doc_get_root (doc);
  if (root->type != PW_JSON_OBJECT)
    {
      fail (out_problems, error, PW_DEPLOYMENT_ERROR_INVALID, root->line,
            g_strdup_printf (_("a deployment file must hold a JSON object, not %s"),
                             pw_json_value_describe (root)));
      return NULL;
    }

  problems = pw_problem_array_new ();
  deployment = read_deployment (root, origin, problems, &local_error);
  if (deployment == NULL)
    {
      fail (out_problems, error, local_error->code, 0, g_strdup (local_error->message));
      return NULL;
    }

  if (problems->len == 0)
    return g_steal_pointer (&deployment);

  /* Like a compiler: "FILE: N problems", then "FILE:LINE: problem". */
  summary = g_string_new (NULL);
  g_string_append_printf (summary,
                          g_dngettext (GETTEXT_PACKAGE, "%s: %u problem", "%s: %u problems",
                                       problems->len),
                          file_name (origin), problems->len);
  for (guint i = 0; i < problems->len; i++)
    {
      PwProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *text = pw_problem_to_string (problem);

      g_string_append_c (summary, '\n');
      if (pw_problem_get_line (problem) > 0)
        g_string_append_printf (summary, "%s:%u: ", file_name (origin),
                                pw_problem_get_line (problem));
      g_string_append (summary, text);
    }

  g_set_error_literal (error, PW_DEPLOYMENT_ERROR, PW_DEPLOYMENT_ERROR_INVALID, summary->str);
  if (out_problems != NULL)
    *out_problems = g_steal_pointer (&problems);

  return NULL;
}

/**
 * pw_deployment_file_load_path:
 * @path: a file name
 * @out_problems: (out) (optional) (transfer full) (element-type PwProblem):
 *   where to store every problem when loading fails
 * @error: return location for a #GError
 *
 * Loads a deployment file like pw_deployment_file_load_data(), refusing
 * one larger than %PW_DEPLOYMENT_FILE_MAX_SIZE before reading it.
 *
 * Returns: (transfer full) (nullable): the deployment, or %NULL with
 *   @error set
 */
PwDeployment *
pw_deployment_file_load_path (const char  *path,
                              GPtrArray  **out_problems,
                              GError     **error)
{
  g_autofree char *display = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (out_problems != NULL)
    *out_problems = NULL;

  display = g_filename_display_name (path);

  if (g_stat (path, &st) != 0 || S_ISDIR (st.st_mode))
    {
      int saved_errno = errno;

      if (g_stat (path, &st) == 0)
        saved_errno = EISDIR;

      fail (out_problems, error, PW_DEPLOYMENT_ERROR_IO, 0,
            g_strdup_printf (_("Could not open %s: %s"), display, g_strerror (saved_errno)));
      return NULL;
    }

  if (S_ISREG (st.st_mode) && st.st_size > PW_DEPLOYMENT_FILE_MAX_SIZE)
    {
      g_autofree char *limit = g_format_size_full (PW_DEPLOYMENT_FILE_MAX_SIZE,
                                                   G_FORMAT_SIZE_IEC_UNITS);

      fail (out_problems, error, PW_DEPLOYMENT_ERROR_TOO_LARGE, 0,
            g_strdup_printf (_("%s is too large; deployment files can be at most %s"),
                             display, limit));
      return NULL;
    }

  mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped == NULL)
    {
      fail (out_problems, error, PW_DEPLOYMENT_ERROR_IO, 0,
            g_strdup_printf (_("Could not read %s: %s"), display, local_error->message));
      return NULL;
    }

  return pw_deployment_file_load_data (g_mapped_file_get_contents (mapped),
                                       g_mapped_file_get_length (mapped),
                                       display, out_problems, error);
}

/* Writing: members one per line in the order of DESIGN.md §3, values on
 * one line each, spaced as people write JSON. */

static void
write_inline (GString  *out,
              JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;
      gboolean first = TRUE;

      g_string_append_c (out, '{');
      json_object_iter_init_ordered (&iter, json_node_get_object (node));
      while (json_object_iter_next_ordered (&iter, &name, &member))
        {
          g_autoptr(JsonNode) key = json_node_init_string (json_node_alloc (), name);
          g_autofree char *key_text = json_to_string (key, FALSE);

          g_string_append_printf (out, "%s%s: ", first ? "" : ", ", key_text);
          write_inline (out, member);
          first = FALSE;
        }
      g_string_append_c (out, '}');
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      g_string_append_c (out, '[');
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          write_inline (out, json_array_get_element (array, i));
        }
      g_string_append_c (out, ']');
    }
  else
    {
      g_autofree char *text = json_to_string (node, FALSE);

      g_string_append (out, text);
    }
}

static void
write_member (GString    *out,
              const char *name,
              JsonNode   *value)
{
  g_string_append_printf (out, "%s  \"%s\": ", out->len > 2 ? ",\n" : "", name);
  write_inline (out, value);
}

static void
write_string_member (GString    *out,
                     const char *name,
                     const char *value)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), value);

  write_member (out, name, node);
}

/**
 * pw_deployment_file_to_data:
 * @deployment: a #PwDeployment
 * @length: (out) (optional): where to store the length of the text
 *
 * Writes @deployment as a deployment file: `format`, `name`, `flow`,
 * `schedule` and `paused` always, the other members when set. Loading the
 * text and writing it again gives the same bytes.
 *
 * Returns: (transfer full): the text, nul-terminated
 */
char *
pw_deployment_file_to_data (PwDeployment *deployment,
                            gsize        *length)
{
  g_autoptr(GString) out = g_string_new ("{\n");
  g_autoptr(JsonNode) schedule = NULL;
  g_autoptr(JsonNode) parameters = NULL;
  g_autoptr(JsonNode) paused = NULL;
  const char * const *tags;

  g_return_val_if_fail (PW_IS_DEPLOYMENT (deployment), NULL);

  write_string_member (out, "format", PW_DEPLOYMENT_FILE_FORMAT);
  write_string_member (out, "name", pw_deployment_get_name (deployment));
  write_string_member (out, "flow", pw_deployment_get_flow_name (deployment));

  if (pw_deployment_get_schedule (deployment) != NULL)
    schedule = pw_schedule_to_json (pw_deployment_get_schedule (deployment));
  else
    schedule = json_node_init_null (json_node_alloc ());
  write_member (out, "schedule", schedule);

  parameters = json_from_string (pw_deployment_get_parameters (deployment), NULL);
  if (parameters != NULL && JSON_NODE_HOLDS_OBJECT (parameters) &&
      json_object_get_size (json_node_get_object (parameters)) > 0)
    write_member (out, "parameters", parameters);

  tags = pw_deployment_get_tags (deployment);
  if (tags != NULL)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) node = NULL;

      for (guint i = 0; tags[i] != NULL; i++)
        json_array_add_string_element (array, tags[i]);
      node = json_node_init_array (json_node_alloc (), array);
      write_member (out, "tags", node);
    }

  if (pw_deployment_get_work_queue_name (deployment) != NULL)
    write_string_member (out, "work_queue_name", pw_deployment_get_work_queue_name (deployment));

  paused = json_node_init_boolean (json_node_alloc (), pw_deployment_get_paused (deployment));
  write_member (out, "paused", paused);

  if (pw_deployment_get_description (deployment) != NULL)
    write_string_member (out, "description", pw_deployment_get_description (deployment));

  g_string_append (out, "\n}\n");

  if (length != NULL)
    *length = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * pw_deployment_file_save_path:
 * @deployment: a #PwDeployment
 * @path: a file name
 * @error: return location for a #GError
 *
 * Saves @deployment atomically: to a temporary file in the same folder,
 * flushed to disk, then renamed over @path, so that @path holds the old or
 * the new deployment, never a part. An existing file keeps its mode; a
 * symbolic link keeps pointing where it did.
 *
 * Returns: %TRUE, or %FALSE with %PW_DEPLOYMENT_ERROR_IO
 */
gboolean
pw_deployment_file_save_path (PwDeployment  *deployment,
                              const char    *path,
                              GError       **error)
{
  g_autofree char *data = NULL;
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *display = NULL;
  GStatBuf st;
  gsize length;
  gsize written = 0;
  int saved_errno = 0;
  int fd;
  int dir_fd;

  g_return_val_if_fail (PW_IS_DEPLOYMENT (deployment), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  data = pw_deployment_file_to_data (deployment, &length);
  display = g_filename_display_name (path);

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
      g_set_error (error, PW_DEPLOYMENT_ERROR, PW_DEPLOYMENT_ERROR_IO,
                   _("Could not save %s: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  if (g_stat (target, &st) == 0)
    fchmod (fd, st.st_mode & 07777);

  while (written < length && saved_errno == 0)
    {
      gssize n = write (fd, data + written, length - written);

      if (n < 0 && errno != EINTR)
        saved_errno = errno;
      else if (n > 0)
        written += n;
    }
  if (saved_errno == 0 && fsync (fd) != 0)
    saved_errno = errno;
  if (close (fd) != 0 && saved_errno == 0)
    saved_errno = errno;
  if (saved_errno == 0 && g_rename (tmp, target) != 0)
    saved_errno = errno;

  if (saved_errno != 0)
    {
      g_unlink (tmp);
      g_set_error (error, PW_DEPLOYMENT_ERROR, PW_DEPLOYMENT_ERROR_IO,
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
