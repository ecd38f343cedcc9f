/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-flow-rows"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-flow-rows.h"

/*
 * Rows that describe a flow, read-only: a task (what it is and waits for;
 * expanded, what it runs and how) and a parameter (type, default,
 * description).
 */

/* An argument as a shell would need it, so that the command reads right. */
static char *
quote_argument (const char *arg)
{
  for (const char *p = arg; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("_-./=:,@%+", *p) == NULL)
      return g_shell_quote (arg);

  return g_strdup (arg);
}

/* What the task runs, in full, or %NULL for a join. */
static char *
describe_task_work (PwTask *task)
{
  switch (pw_task_get_kind (task))
    {
    case PW_TASK_KIND_COMMAND:
      {
        const char * const *argv = pw_task_get_command (task);
        g_autoptr(GString) line = g_string_new (NULL);

        for (guint i = 0; argv != NULL && argv[i] != NULL; i++)
          {
            g_autofree char *quoted = quote_argument (argv[i]);

            if (i > 0)
              g_string_append_c (line, ' ');
            g_string_append (line, quoted);
          }
        return g_string_free (g_steal_pointer (&line), FALSE);
      }

    case PW_TASK_KIND_SHELL:
      return g_strdup (pw_task_get_script (task));

    case PW_TASK_KIND_HTTP:
      {
        const char *body = pw_task_get_body (task);

        if (body != NULL && *body != '\0')
          return g_strdup_printf ("%s %s\n\n%s", pw_task_get_method (task), pw_task_get_url (task), body);
        return g_strdup_printf ("%s %s", pw_task_get_method (task), pw_task_get_url (task));
      }

    case PW_TASK_KIND_SUBFLOW:
      {
        JsonNode *parameters = pw_task_get_parameters (task);
        g_autofree char *json = NULL;

        if (parameters == NULL || JSON_NODE_HOLDS_NULL (parameters))
          return g_strdup (pw_task_get_flow_name (task));

        json = json_to_string (parameters, TRUE);
        return g_strdup_printf ("%s %s", pw_task_get_flow_name (task), json);
      }

    case PW_TASK_KIND_NOOP:
    default:
      return NULL;
    }
}

/* The task's settings that differ from the plain default, or %NULL. */
static char *
describe_task_settings (PwFlow *flow,
                        PwTask *task)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  int retries = pw_flow_get_task_retries (flow, task);
  int timeout = pw_flow_get_task_timeout_seconds (flow, task);
  const char *map = pw_task_get_map (task);

  if (retries > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%d retry", "%d retries", retries),
                                             retries));
  if (timeout > 0)
    /* Translators: %d is a number of seconds */
    g_ptr_array_add (parts, g_strdup_printf (_("times out after %d s"), timeout));
  if (pw_task_get_trigger (task) != PW_TRIGGER_RULE_ALL_SUCCESSFUL)
    /* Translators: %s is a trigger rule, such as all_finished */
    g_ptr_array_add (parts, g_strdup_printf (_("trigger %s"),
                                             pw_trigger_rule_to_string (pw_task_get_trigger (task))));
  if (pw_task_get_cache_policy (task) == PW_CACHE_POLICY_INPUTS)
    g_ptr_array_add (parts, g_strdup (_("results cached by inputs")));
  if (map != NULL && *map != '\0')
    /* Translators: %s is what a task is mapped over, such as {{ params.repos }} */
    g_ptr_array_add (parts, g_strdup_printf (_("one run per item of %s"), map));

  if (parts->len == 0)
    return NULL;

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **)parts->pdata);
}

static const char *
task_kind_icon_name (PwTaskKind kind)
{
  switch (kind)
    {
    case PW_TASK_KIND_COMMAND:
    case PW_TASK_KIND_SHELL:
      return "pw-task-command-symbolic";
    case PW_TASK_KIND_HTTP:
      return "pw-task-http-symbolic";
    case PW_TASK_KIND_SUBFLOW:
      return "pw-flows-symbolic";
    case PW_TASK_KIND_NOOP:
    default:
      return "pw-task-noop-symbolic";
    }
}

static const char *
task_kind_label (PwTaskKind kind)
{
  switch (kind)
    {
    case PW_TASK_KIND_COMMAND:
      return _("Command");
    case PW_TASK_KIND_SHELL:
      return _("Shell script");
    case PW_TASK_KIND_HTTP:
      return _("HTTP request");
    case PW_TASK_KIND_SUBFLOW:
      return _("Sub-flow");
    case PW_TASK_KIND_NOOP:
    default:
      return _("Join");
    }
}

static GtkWidget *
create_label (const char *text,
              const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, css_class);

  return label;
}

/* A task's row: what it is and what it waits for; expanded, what it runs
 * and how. */
/**
 * pw_flow_rows_create_task_row:
 *
 * Returns: (transfer floating): a row for @task of @flow
 */
GtkWidget *
pw_flow_rows_create_task_row (PwFlow *flow,
                              PwTask *task)
{
  const char * const *after = pw_task_get_after (task);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *work = describe_task_work (task);
  g_autofree char *settings = describe_task_settings (flow, task);
  GtkWidget *row;
  GtkWidget *icon = gtk_image_new_from_icon_name (task_kind_icon_name (pw_task_get_kind (task)));

  if (g_strcmp0 (pw_task_get_display_name (task), pw_task_get_key (task)) != 0)
    g_string_append_printf (subtitle, "%s · ", pw_task_get_key (task));
  g_string_append (subtitle, task_kind_label (pw_task_get_kind (task)));
  if (after != NULL && after[0] != NULL)
    {
      g_autofree char *upstream = g_strjoinv (", ", (char **)after);

      g_string_append (subtitle, " · ");
      /* Translators: %s lists the tasks a task waits for */
      g_string_append_printf (subtitle, _("after %s"), upstream);
    }

  gtk_widget_set_tooltip_text (icon, task_kind_label (pw_task_get_kind (task)));

  /* A join with default settings has nothing more to show. */
  if (work == NULL && settings == NULL)
    {
      row = adw_action_row_new ();
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }
  else
    {
      GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *content_row = gtk_list_box_row_new ();

      if (work != NULL)
        gtk_box_append (GTK_BOX (content), create_label (work, "monospace"));
      if (settings != NULL)
        {
          GtkWidget *label = create_label (settings, "caption");

          gtk_widget_add_css_class (label, "dim-label");
          gtk_box_append (GTK_BOX (content), label);
        }
      gtk_widget_add_css_class (content, "task-details");

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (content_row), FALSE);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (content_row), content);

      row = adw_expander_row_new ();
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle->str);
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), content_row);
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pw_task_get_display_name (task));

  return row;
}

/**
 * pw_flow_rows_create_parameter_row:
 *
 * Returns: (transfer floating): a row for @parameter: its type, default
 *   and description
 */
GtkWidget *
pw_flow_rows_create_parameter_row (PwParameter *parameter)
{
  GtkWidget *row = adw_action_row_new ();
  JsonNode *default_value = pw_parameter_get_default (parameter);
  const char *description = pw_parameter_get_description (parameter);
  g_autoptr(GString) subtitle = g_string_new (pw_param_type_to_string (pw_parameter_get_param_type (parameter)));

  if (default_value != NULL && !JSON_NODE_HOLDS_NULL (default_value))
    {
      g_autofree char *json = json_to_string (default_value, FALSE);

      g_string_append (subtitle, " · ");
      /* Translators: %s is a parameter's default value, in JSON */
      g_string_append_printf (subtitle, _("default %s"), json);
    }
  if (description != NULL && *description != '\0')
    g_string_append_printf (subtitle, "\n%s", description);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pw_parameter_get_name (parameter));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);

  return row;
}
