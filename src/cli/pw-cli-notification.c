/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "pw-cli-private.h"

/*
 * `pipewright-cli notification add|ls|rm`: the global notification rules
 * (a flow's own rules live in its flow file). Whoever runs a notifier on
 * the database (`agent start`, the app) sends their webhooks.
 */

/* The rules as a GPtrArray, read through the backend. */
static GPtrArray *
list_rules (PwBackend  *backend,
            GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) model = NULL;
  GAsyncResult *slot = NULL;
  GPtrArray *rules;

  pw_backend_list_notification_policies_async (backend, NULL, pw_cli_store_result, &slot);
  result = pw_cli_wait (&slot);
  model = pw_backend_list_notification_policies_finish (backend, result, error);
  if (model == NULL)
    return NULL;

  rules = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (rules, g_list_model_get_item (model, i));
  return rules;
}

static char *
describe_list (const char * const *items,
               const char         *none)
{
  if (items == NULL || items[0] == NULL)
    return g_strdup (none);
  return g_strjoinv (", ", (char **)items);
}

static char *
describe_rule (PwNotificationPolicy *rule)
{
  g_autofree char *states = describe_list (pw_notification_policy_get_states (rule), "");
  g_autofree char *flows = describe_list (pw_notification_policy_get_flow_names (rule),
                                          _("any flow"));
  g_autofree char *tags = describe_list (pw_notification_policy_get_tags (rule), NULL);
  const char *webhook = pw_notification_policy_get_webhook (rule);
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, _("%s of %s"), states, flows);
  if (tags != NULL)
    g_string_append_printf (text, _(" tagged %s"), tags);
  if (webhook != NULL)
    g_string_append_printf (text, " → %s", webhook);
  else
    g_string_append (text, _(" → desktop only"));
  return g_string_free (text, FALSE);
}

static int
notification_add (PwCli  *cli,
                  int     argc,
                  char  **argv)
{
  g_auto(GStrv) states = NULL;
  g_auto(GStrv) flows = NULL;
  g_auto(GStrv) tags = NULL;
  g_autofree char *webhook = NULL;
  const GOptionEntry entries[] = {
    { "state", 's', 0, G_OPTION_ARG_STRING_ARRAY, &states,
      N_("Notify when a run enters this state: a type (FAILED) or a name (TimedOut, Late); "
         "repeat for more"), N_("STATE") },
    { "flow", 'f', 0, G_OPTION_ARG_STRING_ARRAY, &flows,
      N_("Only runs of this flow (repeat for more; default: every flow)"), N_("NAME") },
    { "tag", 't', 0, G_OPTION_ARG_STRING_ARRAY, &tags,
      N_("Only runs carrying this tag (repeat for more: any of them)"), N_("TAG") },
    { "webhook", 'w', 0, G_OPTION_ARG_STRING, &webhook,
      N_("POST a JSON description of the run to this URL (without it, only the desktop app "
         "notifies)"), N_("URL") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwBackend) backend = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(PwNotificationPolicy) rule = NULL;
  g_autoptr(PwNotificationPolicy) stored = NULL;
  g_autofree char *description = NULL;
  int status;

  context = pw_cli_option_context (NULL, _("Add a notification rule for every flow, "
                                           "or some flows or tags."), entries);
  if (!pw_cli_parse (cli, context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return pw_cli_usage_error (cli, context, _("Unexpected argument “%s”"), argv[1]);

  rule = pw_notification_policy_new ((const char * const *)states, webhook);
  pw_notification_policy_set_flow_names (rule, (const char * const *)flows);
  pw_notification_policy_set_tags (rule, (const char * const *)tags);
  if (!pw_notification_policy_validate (rule, &error))
    return pw_cli_usage_error (cli, context, "%s", error->message);

  backend = pw_cli_open_backend (cli, &error);
  if (backend == NULL)
    return pw_cli_fail (cli, "%s", error->message);
  pw_backend_add_notification_policy_async (backend, rule, NULL, pw_cli_store_result, &slot);
  result = pw_cli_wait (&slot);
  stored = pw_backend_add_notification_policy_finish (backend, result, &error);
  if (stored == NULL)
    return pw_cli_fail (cli, "%s", error->message);

  description = describe_rule (stored);
  printf (_("Added notification rule %s: %s\n"), pw_notification_policy_get_id (stored), description);
  return PW_CLI_EXIT_OK;
}

static void
add_strv_member (JsonBuilder        *builder,
                 const char         *name,
                 const char * const *strv)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

static void
print_json (GPtrArray *rules)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < rules->len; i++)
    {
      PwNotificationPolicy *rule = g_ptr_array_index (rules, i);
      g_autoptr(GDateTime) utc = g_date_time_to_utc (pw_notification_policy_get_created (rule));
      g_autofree char *created = g_date_time_format_iso8601 (utc);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, pw_notification_policy_get_id (rule));
      add_strv_member (builder, "states", pw_notification_policy_get_states (rule));
      add_strv_member (builder, "flow_names", pw_notification_policy_get_flow_names (rule));
      add_strv_member (builder, "tags", pw_notification_policy_get_tags (rule));
      json_builder_set_member_name (builder, "webhook");
      json_builder_add_string_value (builder, pw_notification_policy_get_webhook (rule));
      json_builder_set_member_name (builder, "is_active");
      json_builder_add_boolean_value (builder, pw_notification_policy_get_active (rule));
      json_builder_set_member_name (builder, "created");
      json_builder_add_string_value (builder, created);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

static int
notification_ls (PwCli  *cli,
                 int     argc,
                 char  **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwBackend) backend = NULL;
  g_autoptr(GPtrArray) rules = NULL;
  int status;

  context = pw_cli_option_context (NULL, _("List the notification rules."), entries);
  if (!pw_cli_parse (cli, context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return pw_cli_usage_error (cli, context, _("Unexpected argument “%s”"), argv[1]);

  backend = pw_cli_open_backend (cli, &error);
  if (backend != NULL)
    rules = list_rules (backend, &error);
  if (rules == NULL)
    return pw_cli_fail (cli, "%s", error->message);

  if (json)
    {
      print_json (rules);
      return PW_CLI_EXIT_OK;
    }

  if (rules->len == 0)
    {
      printf (_("No notification rules. Add one with “%s notification add”.\n"), cli->prgname);
      return PW_CLI_EXIT_OK;
    }

  for (guint i = 0; i < rules->len; i++)
    {
      PwNotificationPolicy *rule = g_ptr_array_index (rules, i);
      g_autofree char *description = describe_rule (rule);

      printf ("%s  %s%s\n", pw_notification_policy_get_id (rule), description,
              pw_notification_policy_get_active (rule) ? "" : _(" (inactive)"));
    }
  return PW_CLI_EXIT_OK;
}

/* A rule by its id, or by the start of it when only one id starts so. */
static char *
resolve_id (GPtrArray   *rules,
            const char  *given,
            GError     **error)
{
  const char *found = NULL;
  guint n = 0;

  for (guint i = 0; i < rules->len; i++)
    {
      const char *id = pw_notification_policy_get_id (g_ptr_array_index (rules, i));

      if (g_str_equal (id, given))
        return g_strdup (id);
      if (g_str_has_prefix (id, given))
        {
          found = id;
          n++;
        }
    }

  if (n == 1 && strlen (given) >= 4)
    return g_strdup (found);
  if (n > 1)
    g_set_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_INVALID,
                 _("Several notification rules start with “%s”; give more of the id"), given);
  else
    g_set_error (error, PW_BACKEND_ERROR, PW_BACKEND_ERROR_NOT_FOUND,
                 _("There is no notification rule %s"), given);
  return NULL;
}

static int
notification_rm (PwCli  *cli,
                 int     argc,
                 char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwBackend) backend = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GPtrArray) rules = NULL;
  g_autofree char *id = NULL;
  int status;

  context = pw_cli_option_context (_("ID"), _("Remove a notification rule (by its id, or the "
                                              "start of it)."), NULL);
  if (!pw_cli_parse (cli, context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return pw_cli_usage_error (cli, context, _("Give one notification rule id"));

  backend = pw_cli_open_backend (cli, &error);
  if (backend != NULL)
    rules = list_rules (backend, &error);
  if (rules == NULL)
    return pw_cli_fail (cli, "%s", error->message);

  id = resolve_id (rules, argv[1], &error);
  if (id == NULL)
    return pw_cli_fail (cli, "%s", error->message);
  pw_backend_delete_notification_policy_async (backend, id, NULL, pw_cli_store_result, &slot);
  result = pw_cli_wait (&slot);
  if (!pw_backend_delete_notification_policy_finish (backend, result, &error))
    return pw_cli_fail (cli, "%s", error->message);

  printf (_("Removed notification rule %s\n"), id);
  return PW_CLI_EXIT_OK;
}

int
pw_cli_notification (PwCli  *cli,
                     int     argc,
                     char  **argv)
{
  static const PwCliCommand commands[] = {
    { "add", N_("Add a notification rule"), notification_add },
    { "ls", N_("List notification rules"), notification_ls },
    { "rm", N_("Remove a notification rule"), notification_rm },
    { NULL }
  };

  return pw_cli_dispatch (cli, "notification", commands, argc, argv);
}
