/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-flow-tab"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-flow-tab-private.h"

/*
 * The tab of a new flow: a name (checked as typed, and against the
 * library when created) and a description; Create saves an empty flow,
 * and the tab shows it as any flow.
 */

/* A new flow */

static gboolean
check_new_name (PwFlowTab   *self,
                const char  *name,
                const char **problem)
{
  *problem = NULL;

  if (name == NULL || *name == '\0')
    *problem = _("The flow needs a name");
  else if (strchr (name, '/') != NULL)
    *problem = _("A flow’s name cannot contain “/”");

  return *problem == NULL;
}

void
_pw_flow_tab_new_name_changed_cb (PwFlowTab *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  const char *problem;
  gboolean valid = check_new_name (self, name, &problem);

  /* An empty name is not an error yet, only a reason to wait. */
  if (!valid && *name != '\0')
    gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");

  gtk_label_set_label (self->new_error_label, !valid && *name != '\0' ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->new_error_label), !valid && *name != '\0');
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tab.create", valid);
}

static void
existing_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PwFlowTab) self = user_data;
  g_autoptr(GListModel) flows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwFlow) flow = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_autofree char *description = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->description_row))));

  flows = pw_backend_list_flows_finish (PW_BACKEND (object), result, &error);
  if (flows == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_label_set_label (self->new_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->new_error_label), TRUE);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (flows); i++)
    {
      g_autoptr(PwFlowInfo) info = g_list_model_get_item (flows, i);

      if (g_strcmp0 (pw_flow_info_get_name (info), name) == 0)
        {
          g_autofree char *message = g_strdup_printf (_("There is already a flow named “%s”"), name);

          gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
          gtk_label_set_label (self->new_error_label, message);
          gtk_widget_set_visible (GTK_WIDGET (self->new_error_label), TRUE);
          return;
        }
    }

  flow = pw_flow_new (name);
  if (*description != '\0')
    pw_flow_set_description (flow, description);
  pw_backend_save_flow_async (self->backend, flow, self->cancellable,
                              _pw_flow_tab_saved_cb, g_object_ref (self));
}

/**
 * pw_flow_tab_create:
 *
 * Saves the new flow of the tab, under the name typed, unless a flow has
 * that name already.
 */
void
pw_flow_tab_create (PwFlowTab *self)
{
  g_autofree char *name = NULL;
  const char *problem;

  g_return_if_fail (PW_IS_FLOW_TAB (self));

  if (self->flow_name != NULL)
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  if (!check_new_name (self, name, &problem))
    {
      gtk_label_set_label (self->new_error_label, problem);
      gtk_widget_set_visible (GTK_WIDGET (self->new_error_label), TRUE);
      return;
    }

  pw_backend_list_flows_async (self->backend, name, self->cancellable, existing_cb, g_object_ref (self));
}

void
_pw_flow_tab_create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  pw_flow_tab_create (PW_FLOW_TAB (widget));
}

void
_pw_flow_tab_new_activated_cb (PwFlowTab *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "tab.create", NULL);
}

/**
 * pw_flow_tab_set_new_name:
 *
 * Fills in the form of a new flow (as typing would).
 */
void
pw_flow_tab_set_new_name (PwFlowTab  *self,
                          const char *name,
                          const char *description)
{
  g_return_if_fail (PW_IS_FLOW_TAB (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name != NULL ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->description_row), description != NULL ? description : "");
}

