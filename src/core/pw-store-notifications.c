/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-store"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-store-private.h"

/*
 * Notifications: the global rules (table notification_rules), the flow-run
 * states a notifier has not looked at yet, and the webhook deliveries made
 * (table notification_deliveries), one row per (run, state, URL): the row
 * is claimed before the POST, so that of several processes watching one
 * database (the app, agents) exactly one delivers, and never twice.
 */

#define RULE_COLUMNS "id, states, flow_names, tags, webhook, active, created"

static PwNotificationPolicy *
read_rule (PwStmt *stmt)
{
  g_auto(GStrv) states = pw_column_strv (stmt, 1);
  g_auto(GStrv) flow_names = pw_column_strv (stmt, 2);
  g_auto(GStrv) tags = pw_column_strv (stmt, 3);
  g_autoptr(GDateTime) created = pw_column_time (stmt, 6);
  PwNotificationPolicy *rule;

  rule = pw_notification_policy_new ((const char * const *)states,
                                     (const char *)sqlite3_column_text (stmt, 4));
  pw_notification_policy_set_id (rule, (const char *)sqlite3_column_text (stmt, 0));
  pw_notification_policy_set_flow_names (rule, (const char * const *)flow_names);
  pw_notification_policy_set_tags (rule, (const char * const *)tags);
  pw_notification_policy_set_active (rule, sqlite3_column_int (stmt, 5) != 0);
  pw_notification_policy_set_created (rule, created);

  return rule;
}

static gboolean
set_rule_not_found (const char  *id,
                    GError     **error)
{
  g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
               _("There is no notification rule %s"), id);
  return FALSE;
}

/**
 * pw_store_add_notification_rule:
 * @self: a #PwStore
 * @rule: the rule; it gets its id and creation time
 * @error: return location for a #GError
 *
 * Stores a global notification rule, after checking it
 * (pw_notification_policy_validate(): a #PwNotificationError).
 *
 * Returns: %TRUE if stored, else %FALSE with @error set
 */
gboolean
pw_store_add_notification_rule (PwStore               *self,
                                PwNotificationPolicy  *rule,
                                GError               **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autoptr(PwStmt) stmt = NULL;
  g_autofree char *id = pw_store_new_id ();
  g_autofree char *states = NULL;
  g_autofree char *flow_names = NULL;
  g_autofree char *tags = NULL;
  g_autoptr(GDateTime) created = NULL;
  gint64 now = g_get_real_time ();
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (PW_IS_NOTIFICATION_POLICY (rule), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pw_notification_policy_validate (rule, error))
    return FALSE;

  states = pw_store_strv_to_json (pw_notification_policy_get_states (rule));
  flow_names = pw_store_strv_to_json (pw_notification_policy_get_flow_names (rule));
  tags = pw_store_strv_to_json (pw_notification_policy_get_tags (rule));

  locker = pw_store_locker_new (self);
  if (!pw_store_write_begin (self, error))
    return FALSE;

  stmt = pw_store_prepare (self,
                           "INSERT INTO notification_rules (" RULE_COLUMNS ", updated)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           error);
  ok = stmt != NULL;
  if (ok)
    {
      pw_bind_text (stmt, 1, id);
      pw_bind_text (stmt, 2, states);
      pw_bind_text (stmt, 3, flow_names);
      pw_bind_text (stmt, 4, tags);
      pw_bind_text (stmt, 5, pw_notification_policy_get_webhook (rule));
      sqlite3_bind_int (stmt, 6, pw_notification_policy_get_active (rule));
      sqlite3_bind_int64 (stmt, 7, now);
      sqlite3_bind_int64 (stmt, 8, now);
      ok = pw_store_run (self, stmt, error);
    }
  g_clear_pointer (&stmt, pw_stmt_release);

  if (!pw_store_write_end (self, ok, error))
    return FALSE;

  created = pw_store_time_from_usec (now);
  pw_notification_policy_set_id (rule, id);
  pw_notification_policy_set_created (rule, created);
  return TRUE;
}

/**
 * pw_store_list_notification_rules:
 * @self: a #PwStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type PwNotificationPolicy): the global
 *   notification rules, oldest first, or %NULL with @error set
 */
GPtrArray *
pw_store_list_notification_rules (PwStore  *self,
                                  GError  **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autoptr(PwStmt) stmt = NULL;
  g_autoptr(GPtrArray) rules = NULL;
  int rc;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = pw_store_locker_new (self);
  stmt = pw_store_prepare (self,
                           "SELECT " RULE_COLUMNS " FROM notification_rules"
                           " ORDER BY created, id",
                           error);
  if (stmt == NULL)
    return NULL;

  rules = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = pw_store_step (self, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (rules, read_rule (stmt));

  return rc == SQLITE_DONE ? g_steal_pointer (&rules) : NULL;
}

/**
 * pw_store_get_notification_rule:
 * @self: a #PwStore
 * @id: a rule's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the rule, or %NULL with @error set
 *   (%PW_STORE_ERROR_NOT_FOUND)
 */
PwNotificationPolicy *
pw_store_get_notification_rule (PwStore     *self,
                                const char  *id,
                                GError     **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autoptr(PwStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = pw_store_locker_new (self);
  stmt = pw_store_prepare (self,
                           "SELECT " RULE_COLUMNS " FROM notification_rules WHERE id = ?",
                           error);
  if (stmt == NULL)
    return NULL;

  pw_bind_text (stmt, 1, id);
  rc = pw_store_step (self, stmt, error);
  if (rc == SQLITE_DONE)
    set_rule_not_found (id, error);
  if (rc != SQLITE_ROW)
    return NULL;

  return read_rule (stmt);
}

static gboolean
change_rule (PwStore     *self,
             const char  *sql,
             const char  *id,
             int          active,
             GError     **error)
{
  g_autoptr(PwStoreLocker) locker = pw_store_locker_new (self);
  g_autoptr(PwStmt) stmt = NULL;
  gboolean ok;
  int n = 0;

  if (!pw_store_write_begin (self, error))
    return FALSE;

  stmt = pw_store_prepare (self, sql, error);
  ok = stmt != NULL;
  if (ok)
    {
      pw_bind_text (stmt, 1, id);
      if (active >= 0)
        {
          sqlite3_bind_int (stmt, 2, active);
          sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
        }
      ok = pw_store_run (self, stmt, error);
      n = sqlite3_changes (self->db);
    }
  g_clear_pointer (&stmt, pw_stmt_release);

  if (ok && n == 0)
    ok = set_rule_not_found (id, error);

  return pw_store_write_end (self, ok, error);
}

/**
 * pw_store_delete_notification_rule:
 * @self: a #PwStore
 * @id: a rule's id
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the rule was deleted, else %FALSE with @error set
 *   (%PW_STORE_ERROR_NOT_FOUND)
 */
gboolean
pw_store_delete_notification_rule (PwStore     *self,
                                   const char  *id,
                                   GError     **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return change_rule (self, "DELETE FROM notification_rules WHERE id = ?", id, -1, error);
}

/**
 * pw_store_set_notification_rule_active:
 * @self: a #PwStore
 * @id: a rule's id
 * @active: whether the rule fires
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the rule was changed, else %FALSE with @error set
 *   (%PW_STORE_ERROR_NOT_FOUND)
 */
gboolean
pw_store_set_notification_rule_active (PwStore     *self,
                                       const char  *id,
                                       gboolean     active,
                                       GError     **error)
{
  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return change_rule (self,
                      "UPDATE notification_rules SET active = ?2, updated = ?3 WHERE id = ?1",
                      id, active ? 1 : 0, error);
}

/**
 * pw_store_get_notification_cursor:
 * @self: a #PwStore
 * @error: return location for a #GError
 *
 * Returns where notifiers stand: states stored after this mark have not
 * been looked at by any. The first call on a database sets it to "every
 * state stored so far": history is not notified.
 *
 * Returns: the mark, for pw_store_list_flow_run_states_after(), or -1 with
 *   @error set
 */
gint64
pw_store_get_notification_cursor (PwStore  *self,
                                  GError  **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autoptr(PwStmt) stmt = NULL;
  gint64 mark = -1;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  locker = pw_store_locker_new (self);
  if (!pw_store_write_begin (self, error))
    return -1;

  stmt = pw_store_prepare (self,
                           "INSERT INTO notification_cursor (id, mark)"
                           " SELECT 1, coalesce (max (rowid), 0) FROM states WHERE true"
                           " ON CONFLICT (id) DO NOTHING",
                           error);
  ok = stmt != NULL && pw_store_run (self, stmt, error);
  g_clear_pointer (&stmt, pw_stmt_release);

  if (ok)
    {
      stmt = pw_store_prepare (self, "SELECT mark FROM notification_cursor WHERE id = 1", error);
      ok = stmt != NULL && pw_store_step (self, stmt, error) == SQLITE_ROW;
      if (ok)
        mark = sqlite3_column_int64 (stmt, 0);
      g_clear_pointer (&stmt, pw_stmt_release);
    }

  return pw_store_write_end (self, ok, error) ? mark : -1;
}

/**
 * pw_store_advance_notification_cursor:
 * @self: a #PwStore
 * @mark: a mark from pw_store_list_flow_run_states_after(), whose states
 *   have all been looked at
 * @error: return location for a #GError
 *
 * Moves the notifiers' cursor forward to @mark (never back: another
 * notifier may be further on).
 *
 * Returns: %TRUE if stored, else %FALSE with @error set
 */
gboolean
pw_store_advance_notification_cursor (PwStore  *self,
                                      gint64    mark,
                                      GError  **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autoptr(PwStmt) stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = pw_store_locker_new (self);
  if (!pw_store_write_begin (self, error))
    return FALSE;

  stmt = pw_store_prepare (self,
                           "INSERT INTO notification_cursor (id, mark) VALUES (1, ?1)"
                           " ON CONFLICT (id) DO UPDATE SET mark = max (mark, ?1)",
                           error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, mark);
      ok = pw_store_run (self, stmt, error);
    }
  g_clear_pointer (&stmt, pw_stmt_release);

  return pw_store_write_end (self, ok, error);
}

/**
 * pw_store_list_flow_run_states_after:
 * @self: a #PwStore
 * @mark: a mark from pw_store_get_notification_cursor() or from this
 *   function's @out_mark
 * @limit: the most states to return (0: %PW_STORE_DEFAULT_LIMIT)
 * @out_mark: (out): the mark to pass next time
 * @error: return location for a #GError
 *
 * Lists the flow-run states stored after @mark, by any process, in the
 * order they were stored. Fewer than @limit means there are no more.
 *
 * Returns: (transfer full) (element-type PwState): the states, each with
 *   its flow run id, or %NULL with @error set
 */
GPtrArray *
pw_store_list_flow_run_states_after (PwStore  *self,
                                     gint64    mark,
                                     guint     limit,
                                     gint64   *out_mark,
                                     GError  **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autoptr(PwStmt) stmt = NULL;
  g_autoptr(GPtrArray) states = NULL;
  gint64 last = mark;
  int rc;

  g_return_val_if_fail (PW_IS_STORE (self), NULL);
  g_return_val_if_fail (out_mark != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = pw_store_locker_new (self);
  stmt = pw_store_prepare (self,
                           "SELECT s.rowid, " PW_STATE_COLUMNS " FROM states s"
                           " WHERE s.rowid > ? AND s.flow_run_id IS NOT NULL"
                           " ORDER BY s.rowid LIMIT ?",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, mark);
  sqlite3_bind_int (stmt, 2, limit > 0 ? limit : PW_STORE_DEFAULT_LIMIT);
  states = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = pw_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      last = sqlite3_column_int64 (stmt, 0);
      g_ptr_array_add (states, pw_store_read_state (stmt, 1));
    }
  if (rc != SQLITE_DONE)
    return NULL;

  *out_mark = last;
  return g_steal_pointer (&states);
}

/**
 * pw_store_get_flow_run_context:
 * @self: a #PwStore
 * @flow_run_id: a flow run
 * @out_deployment_name: (out) (optional) (nullable): the name of the
 *   deployment that made the run, or %NULL
 * @out_tags: (out) (optional) (array zero-terminated=1): the tags of the
 *   run's flow and of its deployment
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the run exists, else %FALSE with @error set
 */
gboolean
pw_store_get_flow_run_context (PwStore     *self,
                               const char  *flow_run_id,
                               char       **out_deployment_name,
                               GStrv       *out_tags,
                               GError     **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autoptr(PwStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (flow_run_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = pw_store_locker_new (self);
  stmt = pw_store_prepare (self,
                           "SELECT d.name, f.tags, d.tags FROM flow_runs r"
                           " JOIN flows f ON f.id = r.flow_id"
                           " LEFT JOIN deployments d ON d.id = r.deployment_id"
                           " WHERE r.id = ?",
                           error);
  if (stmt == NULL)
    return FALSE;

  pw_bind_text (stmt, 1, flow_run_id);
  rc = pw_store_step (self, stmt, error);
  if (rc == SQLITE_DONE)
    return pw_store_set_run_not_found (PW_RUN_KIND_FLOW, flow_run_id, error);
  if (rc != SQLITE_ROW)
    return FALSE;

  if (out_deployment_name != NULL)
    *out_deployment_name = pw_column_dup_text (stmt, 0);
  if (out_tags != NULL)
    {
      g_auto(GStrv) flow_tags = pw_column_strv (stmt, 1);
      g_auto(GStrv) deployment_tags = pw_column_strv (stmt, 2);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      if (flow_tags != NULL)
        g_strv_builder_addv (builder, (const char **)flow_tags);
      for (guint i = 0; deployment_tags != NULL && deployment_tags[i] != NULL; i++)
        if (flow_tags == NULL ||
            !g_strv_contains ((const char * const *)flow_tags, deployment_tags[i]))
          g_strv_builder_add (builder, deployment_tags[i]);
      *out_tags = g_strv_builder_end (builder);
    }

  return TRUE;
}

/**
 * pw_store_claim_webhook_delivery:
 * @self: a #PwStore
 * @flow_run_id: the run
 * @state_type: the type of the state it entered
 * @state_name: the name of that state
 * @webhook: the URL to deliver to
 * @out_claimed: (out): %TRUE if this call claimed the delivery; %FALSE if
 *   it was claimed before (by this process or another)
 * @error: return location for a #GError
 *
 * Claims the delivery of (run, state) to @webhook, once and for all.
 *
 * Returns: %TRUE unless the store failed (then @error is set)
 */
gboolean
pw_store_claim_webhook_delivery (PwStore     *self,
                                 const char  *flow_run_id,
                                 const char  *state_type,
                                 const char  *state_name,
                                 const char  *webhook,
                                 gboolean    *out_claimed,
                                 GError     **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autoptr(PwStmt) stmt = NULL;
  gint64 now = g_get_real_time ();
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (flow_run_id != NULL && state_type != NULL, FALSE);
  g_return_val_if_fail (state_name != NULL && webhook != NULL, FALSE);
  g_return_val_if_fail (out_claimed != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *out_claimed = FALSE;
  locker = pw_store_locker_new (self);
  if (!pw_store_write_begin (self, error))
    return FALSE;

  stmt = pw_store_prepare (self,
                           "INSERT INTO notification_deliveries"
                           " (flow_run_id, state_type, state_name, webhook, created, updated)"
                           " VALUES (?, ?, ?, ?, ?, ?)"
                           " ON CONFLICT (flow_run_id, state_type, state_name, webhook) DO NOTHING",
                           error);
  ok = stmt != NULL;
  if (ok)
    {
      pw_bind_text (stmt, 1, flow_run_id);
      pw_bind_text (stmt, 2, state_type);
      pw_bind_text (stmt, 3, state_name);
      pw_bind_text (stmt, 4, webhook);
      sqlite3_bind_int64 (stmt, 5, now);
      sqlite3_bind_int64 (stmt, 6, now);
      ok = pw_store_run (self, stmt, error);
      *out_claimed = ok && sqlite3_changes (self->db) == 1;
    }
  g_clear_pointer (&stmt, pw_stmt_release);

  if (!pw_store_write_end (self, ok, error))
    {
      *out_claimed = FALSE;
      return FALSE;
    }
  return TRUE;
}

/**
 * pw_store_finish_webhook_delivery:
 * @self: a #PwStore
 * @flow_run_id: the run
 * @state_type: the type of the state it entered
 * @state_name: the name of that state
 * @webhook: the URL
 * @delivered: whether the endpoint accepted it
 * @attempts: how many attempts were made
 * @message: (nullable): why it failed
 * @error: return location for a #GError
 *
 * Records how a claimed delivery ended.
 *
 * Returns: %TRUE if recorded, else %FALSE with @error set
 */
gboolean
pw_store_finish_webhook_delivery (PwStore     *self,
                                  const char  *flow_run_id,
                                  const char  *state_type,
                                  const char  *state_name,
                                  const char  *webhook,
                                  gboolean     delivered,
                                  guint        attempts,
                                  const char  *message,
                                  GError     **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autoptr(PwStmt) stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = pw_store_locker_new (self);
  if (!pw_store_write_begin (self, error))
    return FALSE;

  stmt = pw_store_prepare (self,
                           "UPDATE notification_deliveries SET status = ?, attempts = ?,"
                           " message = ?, updated = ?"
                           " WHERE flow_run_id = ? AND state_type = ? AND state_name = ?"
                           " AND webhook = ?",
                           error);
  ok = stmt != NULL;
  if (ok)
    {
      pw_bind_text (stmt, 1, delivered ? "delivered" : "failed");
      sqlite3_bind_int (stmt, 2, attempts);
      pw_bind_text (stmt, 3, message);
      sqlite3_bind_int64 (stmt, 4, g_get_real_time ());
      pw_bind_text (stmt, 5, flow_run_id);
      pw_bind_text (stmt, 6, state_type);
      pw_bind_text (stmt, 7, state_name);
      pw_bind_text (stmt, 8, webhook);
      ok = pw_store_run (self, stmt, error);
    }
  g_clear_pointer (&stmt, pw_stmt_release);

  return pw_store_write_end (self, ok, error);
}

/**
 * pw_store_get_webhook_delivery:
 * @self: a #PwStore
 * @flow_run_id: the run
 * @state_type: the type of the state it entered
 * @state_name: the name of that state
 * @webhook: the URL
 * @out_status: (out) (optional): `sending`, `delivered` or `failed`
 * @out_attempts: (out) (optional): how many attempts were made
 * @out_message: (out) (optional) (nullable): why it failed
 * @error: return location for a #GError
 *
 * Returns: %TRUE if there is such a delivery, else %FALSE with @error set
 *   (%PW_STORE_ERROR_NOT_FOUND)
 */
gboolean
pw_store_get_webhook_delivery (PwStore     *self,
                               const char  *flow_run_id,
                               const char  *state_type,
                               const char  *state_name,
                               const char  *webhook,
                               char       **out_status,
                               guint       *out_attempts,
                               char       **out_message,
                               GError     **error)
{
  g_autoptr(PwStoreLocker) locker = NULL;
  g_autoptr(PwStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PW_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = pw_store_locker_new (self);
  stmt = pw_store_prepare (self,
                           "SELECT status, attempts, message FROM notification_deliveries"
                           " WHERE flow_run_id = ? AND state_type = ? AND state_name = ?"
                           " AND webhook = ?",
                           error);
  if (stmt == NULL)
    return FALSE;

  pw_bind_text (stmt, 1, flow_run_id);
  pw_bind_text (stmt, 2, state_type);
  pw_bind_text (stmt, 3, state_name);
  pw_bind_text (stmt, 4, webhook);
  rc = pw_store_step (self, stmt, error);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                   _("Nothing was sent to %s about flow run %s entering %s"),
                   webhook, flow_run_id, state_name);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return FALSE;

  if (out_status != NULL)
    *out_status = pw_column_dup_text (stmt, 0);
  if (out_attempts != NULL)
    *out_attempts = sqlite3_column_int (stmt, 1);
  if (out_message != NULL)
    *out_message = pw_column_dup_text (stmt, 2);
  return TRUE;
}
