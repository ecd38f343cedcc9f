/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-store"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-store-private.h"

/*
 * Flows and their versions. The store does not know the flow model: a
 * version holds the flow document as the caller serialised it, with the
 * few facts a list shows (description, number of tasks). A flow's tags are
 * those of its latest version.
 */

#define FLOW_INFO_COLUMNS \
  "f.id, f.name, f.tags, f.created, f.updated, v.version, v.description, v.n_tasks"

/* A flow with its latest version. */
#define FLOW_INFO_FROM \
  " FROM flows f JOIN flow_versions v ON v.flow_id = f.id" \
  " AND v.version = (SELECT max (version) FROM flow_versions WHERE flow_id = f.id)"

static PwFlowInfo *
read_flow_info (PwStmt *stmt)
{
  PwFlowInfo *info;
  g_auto(GStrv) tags = pw_column_strv (stmt, 2);
  g_autoptr(GDateTime) created = pw_column_time (stmt, 3);
  g_autoptr(GDateTime) updated = pw_column_time (stmt, 4);

  info = pw_flow_info_new ((const char *)sqlite3_column_text (stmt, 0),
                           (const char *)sqlite3_column_text (stmt, 1));
  pw_flow_info_set_tags (info, (const char * const *)tags);
  pw_flow_info_set_created (info, created);
  pw_flow_info_set_updated (info, updated);
  pw_flow_info_set_version (info, sqlite3_column_int (stmt, 5));
  pw_flow_info_set_description (info, (const char *)sqlite3_column_text (stmt, 6));
  pw_flow_info_set_n_tasks (info, sqlite3_column_int (stmt, 7));

  return info;
}

static gboolean
set_flow_not_found (const char  *name,
                    GError     **error)
{
  g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
               _("There is no flow named “%s”"), name);
  return FALSE;
}

/* The id of the flow named @name, or %NULL (with @error set only if
 * reading failed). */
static char *
lookup_flow_id (PwStore     *self,
                const char  *name,
                GError     **error)
{
  return pw_store_query_text (self, "SELECT id FROM flows WHERE name = ?", name, NULL, error);
}

static PwFlowInfo *
get_flow_info (PwStore     *self,
               const char  *name,
               GError     **error)
{
  g_autoptr(PwStmt) stmt = NULL;
  int rc;

  stmt = pw_store_prepare (self,
                           "SELECT " FLOW_INFO_COLUMNS FLOW_INFO_FROM " WHERE f.name = ?",
                           error);
  if (stmt == NULL)
    return NULL;

  pw_bind_text (stmt, 1, name);
  rc = pw_store_step (self, stmt, error);
  if (rc == SQLITE_DONE)
    set_flow_not_found (name, error);
  if (rc != SQLITE_ROW)
    return NULL;

  return read_flow_info (stmt);
}

/* Adds a flow, or a new version of it unless @document is its latest. */
static gboolean
save_version (PwStore            *self,
              const char         *name,
              const char         *description,
              const char * const *tags,
              guint               n_tasks,
              const char         *document,
              GError            **error)
{
  g_autofree char *flow_id = NULL;
  g_autofree char *tags_json = pw_store_strv_to_json (tags);
  g_autofree char *version_id = pw_store_new_id ();
  g_autoptr(PwStmt) stmt = NULL;
  gint64 now = g_get_real_time ();
  GError *local_error = NULL;
  gint64 version = 1;

  flow_id = lookup_flow_id (self, name, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  if (flow_id == NULL)
    {
      flow_id = pw_store_new_id ();
      stmt = pw_store_prepare (self,
                               "INSERT INTO flows (id, name, tags, created, updated)"
                               " VALUES (?, ?, ?, ?, ?)",
                               error);
      if (stmt == NULL)
        return FALSE;
      pw_bind_text (stmt, 1, flow_id);
      pw_bind_text (stmt, 2, name);
      pw_bind_text (stmt, 3, tags_json);
      sqlite3_bind_int64 (stmt, 4, now);
      sqlite3_bind_int64 (stmt, 5, now);
    }
  else
    {
      g_autoptr(PwStmt) latest = NULL;

      latest = pw_store_prepare (self,
                                 "SELECT version, document FROM flow_versions"
                                 " WHERE flow_id = ? ORDER BY version DESC LIMIT 1",
                                 error);
      if (latest == NULL)
        return FALSE;
      pw_bind_text (latest, 1, flow_id);
      if (pw_store_step (self, latest, error) != SQLITE_ROW)
        return FALSE;

      /* Saving what is already the latest version adds nothing. */
      if (g_strcmp0 ((const char *)sqlite3_column_text (latest, 1), document) == 0)
        return TRUE;
      version = sqlite3_column_int64 (latest, 0) + 1;

      stmt = pw_store_prepare (self, "UPDATE flows SET tags = ?, updated = ? WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      pw_bind_text (stmt, 1, tags_json);
      sqlite3_bind_int64 (stmt, 2, now);
      pw_bind_text (stmt, 3, flow_id);
    }

  if (!pw_store_run (self, stmt, error))
    return FALSE;
  g_clear_pointer (&stmt, pw_stmt_release);

  stmt = pw_store_prepare (self,
                           "INSERT INTO flow_versions"
                           " (id, flow_id, version, document, description, n_tasks, created)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  pw_bind_text (stmt, 1, version_id);
  pw_bind_text (stmt, 2, flow_id);
  sqlite3_bind_int64 (stmt, 3, version);
  pw_bind_text (stmt, 4, document);
  pw_bind_text (stmt, 5, description);
  sqlite3_bind_int64 (stmt, 6, n_tasks);
  sqlite3_bind_int64 (stmt, 7, now);

  return pw_store_run (self, stmt, error);
}

/**
 * pw_store_save_flow:
 * @self: a #PwStore
 * @name: the flow's name
 * @description: (nullable): its description
 * @tags: (nullable) (array zero-terminated=1): its tags
 * @n_tasks: how many tasks it has
 * @document: the flow document (JSON text, as the flow file format writes it)
 * @error: return location for a #GError
 *
 * Saves a new version of the flow @name, creating the flow on its first
 * save. Saving a document identical to the latest version adds no version
 * and returns that one.
 *
 * Returns: (transfer full): the flow, at the version that holds @document,
 *   or %NULL with @error set
 */
PwFlowInfo *
pw_store_save_flow (PwStore             *self,
                    const char          *name,
                    const char          *description,
                    const char * const  *tags,
                    guint                n_tasks,
                    const char          *document,
                    GError             **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (document != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (*name == '\0')
    {
      g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                           _("A flow needs a name"));
      return NULL;
    }

  locker = pw_store_locker_new (self);
  if (!pw_store_write_begin (self, error))
    return NULL;
  ok = save_version (self, name, description, tags, n_tasks, document, error);
  if (!pw_store_write_end (self, ok, error))
    return NULL;

  return get_flow_info (self, name, error);
}

static void
add_flow_filter (PwQuery            *query,
                 const PwFlowFilter *filter)
{
  if (filter == NULL)
    return;

  pw_query_add_any (query, "f.id", (const char * const *)filter->id_any);
  pw_query_add_any (query, "f.name", (const char * const *)filter->name_any);
  pw_query_add_like (query, "f.name", filter->name_like);
  pw_query_add_tags_all (query, "f.tags", (const char * const *)filter->tags_all);
  pw_query_add_tags_is_null (query, "f.tags", filter->tags_is_null);
}

/**
 * pw_store_list_flows:
 * @self: a #PwStore
 * @filter: (nullable): which flows to list, or %NULL for all
 * @sort: their order
 * @limit: the most to return: 0 for %PW_STORE_DEFAULT_LIMIT, %G_MAXUINT for
 *   no limit
 * @offset: how many to skip
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type PwFlowInfo): the flows, each at its
 *   latest version, or %NULL with @error set
 */
GPtrArray *
pw_store_list_flows (PwStore             *self,
                     const PwFlowFilter  *filter,
                     PwFlowSort           sort,
                     guint                limit,
                     guint                offset,
                     GError             **error)
{
  static const char * const orders[] = {
    [PW_FLOW_SORT_NAME_ASC] = " ORDER BY f.name ASC",
    [PW_FLOW_SORT_NAME_DESC] = " ORDER BY f.name DESC",
    [PW_FLOW_SORT_CREATED_DESC] = " ORDER BY f.created DESC, f.name ASC",
    [PW_FLOW_SORT_UPDATED_DESC] = " ORDER BY f.updated DESC, f.name ASC",
  };
  g_autoptr(PwQuery) query = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (sort < G_N_ELEMENTS (orders), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  query = pw_query_new ("SELECT " FLOW_INFO_COLUMNS FLOW_INFO_FROM);
  add_flow_filter (query, filter);
  pw_query_append (query, orders[sort]);
  pw_query_add_page (query, limit, offset);

  return pw_query_list (query, self, (PwRowReader)read_flow_info, error);
}

/**
 * pw_store_count_flows:
 * @self: a #PwStore
 * @filter: (nullable): which flows to count, or %NULL for all
 * @error: return location for a #GError
 *
 * Returns: the number of flows @filter keeps, or -1 with @error set
 */
gint64
pw_store_count_flows (PwStore             *self,
                      const PwFlowFilter  *filter,
                      GError             **error)
{
  g_autoptr(PwQuery) query = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  query = pw_query_new ("SELECT count(*) FROM flows f");
  add_flow_filter (query, filter);

  return pw_query_count (query, self, error);
}

/**
 * pw_store_get_flow_info:
 * @self: a #PwStore
 * @name: the flow's name
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the flow at its latest version, or %NULL with
 *   @error set (%PW_STORE_ERROR_NOT_FOUND if there is no such flow)
 */
PwFlowInfo *
pw_store_get_flow_info (PwStore     *self,
                        const char  *name,
                        GError     **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = pw_store_locker_new (self);
  return get_flow_info (self, name, error);
}

/* Tells a missing flow from a missing version of it. */
static void
set_version_not_found (PwStore     *self,
                       const char  *name,
                       guint        version,
                       GError     **error)
{
  GError *local_error = NULL;
  g_autofree char *flow_id = lookup_flow_id (self, name, &local_error);

  if (local_error != NULL)
    g_propagate_error (error, local_error);
  else if (flow_id == NULL)
    set_flow_not_found (name, error);
  else
    {
      g_autofree char *latest = pw_store_query_text (self,
                                                     "SELECT max (version) FROM flow_versions"
                                                     " WHERE flow_id = ?",
                                                     flow_id, NULL, error);

      if (latest != NULL)
        g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                     _("Flow “%s” has no version %u (its latest is version %s)"),
                     name, version, latest);
    }
}

/**
 * pw_store_get_flow_document:
 * @self: a #PwStore
 * @name: the flow's name
 * @version: the version to read, or 0 for the latest
 * @out_version: (out) (optional): the version read
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the flow document as it was saved, or %NULL
 *   with @error set (%PW_STORE_ERROR_NOT_FOUND if there is no such flow or
 *   version)
 */
char *
pw_store_get_flow_document (PwStore     *self,
                            const char  *name,
                            guint        version,
                            guint       *out_version,
                            GError     **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autoptr(PwStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = pw_store_locker_new (self);
  stmt = pw_store_prepare (self,
                           "SELECT v.document, v.version FROM flow_versions v"
                           " JOIN flows f ON f.id = v.flow_id"
                           " WHERE f.name = ?1 AND (?2 = 0 OR v.version = ?2)"
                           " ORDER BY v.version DESC LIMIT 1",
                           error);
  if (stmt == NULL)
    return NULL;

  pw_bind_text (stmt, 1, name);
  sqlite3_bind_int64 (stmt, 2, version);
  rc = pw_store_step (self, stmt, error);
  if (rc == SQLITE_DONE)
    {
      g_clear_pointer (&stmt, pw_stmt_release);
      set_version_not_found (self, name, version, error);
    }
  if (rc != SQLITE_ROW)
    return NULL;

  if (out_version != NULL)
    *out_version = sqlite3_column_int (stmt, 1);
  return pw_column_dup_text (stmt, 0);
}

/**
 * pw_store_list_flow_versions:
 * @self: a #PwStore
 * @name: the flow's name
 * @error: return location for a #GError
 *
 * Lists every saved version of a flow, newest first. In each, the
 * description and number of tasks are those of that version, and the
 * created and updated times are when that version was saved.
 *
 * Returns: (transfer full) (element-type PwFlowInfo): the versions, or
 *   %NULL with @error set
 */
GPtrArray *
pw_store_list_flow_versions (PwStore     *self,
                             const char  *name,
                             GError     **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autoptr(PwStmt) stmt = NULL;
  g_autoptr(GPtrArray) infos = NULL;
  int rc;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = pw_store_locker_new (self);
  stmt = pw_store_prepare (self,
                           "SELECT f.id, f.name, f.tags, v.created, v.created,"
                           " v.version, v.description, v.n_tasks"
                           " FROM flow_versions v JOIN flows f ON f.id = v.flow_id"
                           " WHERE f.name = ? ORDER BY v.version DESC",
                           error);
  if (stmt == NULL)
    return NULL;

  pw_bind_text (stmt, 1, name);
  infos = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = pw_store_step (self, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (infos, read_flow_info (stmt));

  if (rc != SQLITE_DONE)
    return NULL;
  /* Every flow has at least one version. */
  if (infos->len == 0)
    {
      set_flow_not_found (name, error);
      return NULL;
    }

  return g_steal_pointer (&infos);
}

static gboolean
delete_flow (PwStore     *self,
             const char  *name,
             GError     **error)
{
  g_autoptr(PwStmt) stmt = NULL;
  GError *local_error = NULL;
  g_autofree char *flow_id = lookup_flow_id (self, name, &local_error);
  guint n_active;

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (flow_id == NULL)
    return set_flow_not_found (name, error);

  stmt = pw_store_prepare (self,
                           "SELECT count(*) FROM flow_runs WHERE flow_id = ?"
                           " AND state_type IN ('PENDING', 'RUNNING', 'CANCELLING')",
                           error);
  if (stmt == NULL)
    return FALSE;
  pw_bind_text (stmt, 1, flow_id);
  if (pw_store_step (self, stmt, error) != SQLITE_ROW)
    return FALSE;
  n_active = sqlite3_column_int (stmt, 0);
  if (n_active > 0)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Flow “%s” has %u run in progress; cancel it"
                                " or let it end before deleting the flow",
                                "Flow “%s” has %u runs in progress; cancel"
                                " them or let them end before deleting the flow",
                                n_active),
                   name, n_active);
      return FALSE;
    }
  g_clear_pointer (&stmt, pw_stmt_release);

  stmt = pw_store_prepare (self, "DELETE FROM flows WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  pw_bind_text (stmt, 1, flow_id);

  return pw_store_run (self, stmt, error);
}

/**
 * pw_store_delete_flow:
 * @self: a #PwStore
 * @name: the flow's name
 * @error: return location for a #GError
 *
 * Deletes a flow with everything that belongs to it: its versions, its
 * deployments and its runs (with their task runs, state history and logs).
 * Cached results stay, no longer tied to a task run. A flow with runs in
 * progress (PENDING, RUNNING or CANCELLING) is not deleted:
 * %PW_STORE_ERROR_CONFLICT.
 *
 * Returns: %TRUE if the flow was deleted, else %FALSE with @error set
 *   (%PW_STORE_ERROR_NOT_FOUND if there is no such flow)
 */
gboolean
pw_store_delete_flow (PwStore     *self,
                      const char  *name,
                      GError     **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = pw_store_locker_new (self);
  if (!pw_store_write_begin (self, error))
    return FALSE;
  return pw_store_write_end (self, delete_flow (self, name, error), error);
}
