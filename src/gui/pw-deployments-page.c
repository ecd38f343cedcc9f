/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-deployments-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-deployments-page.h"

/*
 * The Deployments page: the list on the left, the selected deployment's
 * editor on the right. The list follows the backend's deployments-changed
 * signal; it never polls.
 */

struct _PwDeploymentsPage
{
  GtkBox              parent_instance;

  PwBackend          *backend;
  GCancellable       *cancellable;
  GListStore         *deployments;
  char               *selected_id;
  const char         *view;

  GtkListBox         *list_box;
  GtkStack           *list_stack;
  GtkStack           *pane_stack;
  AdwStatusPage      *error_page;
  PwDeploymentEditor *editor;
};

G_DEFINE_FINAL_TYPE (PwDeploymentsPage, pw_deployments_page, GTK_TYPE_BOX)

static void reload (PwDeploymentsPage *self);

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  PwDeployment *d = item;
  PwSchedule *schedule = pw_deployment_get_schedule (d);
  g_autofree char *when = schedule != NULL ? pw_schedule_describe (schedule) : g_strdup (_("No schedule"));
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", pw_deployment_get_flow_name (d), when);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *paused = gtk_label_new (_("Paused"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pw_deployment_get_name (d));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_widget_add_css_class (paused, "caption");
  gtk_widget_add_css_class (paused, "warning");
  gtk_widget_set_visible (paused, pw_deployment_get_paused (d));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), paused);
  g_object_set_data (G_OBJECT (row), "pw-paused-label", paused);
  g_object_set_data_full (G_OBJECT (row), "pw-deployment-id", g_strdup (pw_deployment_get_id (d)), g_free);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static GtkListBoxRow *
find_row (PwDeploymentsPage *self,
          const char        *id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (id != NULL && g_strcmp0 (g_object_get_data (G_OBJECT (child), "pw-deployment-id"), id) == 0)
      return GTK_LIST_BOX_ROW (child);
  return NULL;
}

static PwDeployment *
find_deployment (PwDeploymentsPage *self,
                 const char        *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->deployments)); i++)
    {
      g_autoptr(PwDeployment) d = g_list_model_get_item (G_LIST_MODEL (self->deployments), i);

      if (g_strcmp0 (pw_deployment_get_id (d), id) == 0)
        return d;
    }
  return NULL;
}

static void
set_view (PwDeploymentsPage *self,
          const char        *view)
{
  self->view = view;
  gtk_stack_set_visible_child_name (self->list_stack, view);
}

static void
list_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PwDeploymentsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = pw_backend_list_deployments_finish (PW_BACKEND (source), result, &error);
  GtkListBoxRow *row;
  guint n;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (list == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      set_view (self, "error");
      return;
    }

  n = g_list_model_get_n_items (list);
  g_list_store_remove_all (self->deployments);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwDeployment) d = g_list_model_get_item (list, i);

      g_list_store_append (self->deployments, d);
    }
  set_view (self, n > 0 ? "list" : "empty");

  row = find_row (self, self->selected_id);
  if (row != NULL)
    gtk_list_box_select_row (self->list_box, row);
  else if (self->selected_id != NULL)
    {
      /* It went away (deleted here or elsewhere). */
      g_clear_pointer (&self->selected_id, g_free);
      gtk_stack_set_visible_child_name (self->pane_stack, "none");
    }
}

static void
reload (PwDeploymentsPage *self)
{
  if (self->backend == NULL)
    return;
  pw_backend_list_deployments_async (self->backend, NULL, self->cancellable, list_cb, g_object_ref (self));
}

static void
on_row_activated (PwDeploymentsPage *self,
                  GtkListBoxRow     *row)
{
  pw_deployments_page_select (self, g_object_get_data (G_OBJECT (row), "pw-deployment-id"));
}

static void
on_new_clicked (PwDeploymentsPage *self)
{
  pw_deployments_page_new_deployment (self);
}

static void
on_retry_clicked (PwDeploymentsPage *self)
{
  reload (self);
}

static void
on_saved (PwDeploymentsPage *self,
          PwDeployment      *deployment)
{
  g_free (self->selected_id);
  self->selected_id = g_strdup (pw_deployment_get_id (deployment));
  reload (self);
}

static void
on_deleted (PwDeploymentsPage *self)
{
  g_clear_pointer (&self->selected_id, g_free);
  gtk_stack_set_visible_child_name (self->pane_stack, "none");
  reload (self);
}

void
pw_deployments_page_set_backend (PwDeploymentsPage *self,
                                 PwBackend         *backend)
{
  g_return_if_fail (PW_IS_DEPLOYMENTS_PAGE (self));

  if (self->backend != NULL)
    g_signal_handlers_disconnect_by_data (self->backend, self);
  if (!g_set_object (&self->backend, backend))
    return;
  if (backend != NULL)
    g_signal_connect_object (backend, "deployments-changed", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  pw_deployment_editor_set_backend (self->editor, backend);
  reload (self);
}

PwDeploymentEditor *
pw_deployments_page_get_editor (PwDeploymentsPage *self)
{
  g_return_val_if_fail (PW_IS_DEPLOYMENTS_PAGE (self), NULL);
  return self->editor;
}

GListModel *
pw_deployments_page_get_deployments (PwDeploymentsPage *self)
{
  g_return_val_if_fail (PW_IS_DEPLOYMENTS_PAGE (self), NULL);
  return G_LIST_MODEL (self->deployments);
}

/**
 * pw_deployments_page_get_view:
 *
 * Returns: "list", "empty", "error", or %NULL before the first load
 */
const char *
pw_deployments_page_get_view (PwDeploymentsPage *self)
{
  g_return_val_if_fail (PW_IS_DEPLOYMENTS_PAGE (self), NULL);
  return self->view;
}

void
pw_deployments_page_new_deployment (PwDeploymentsPage *self)
{
  g_return_if_fail (PW_IS_DEPLOYMENTS_PAGE (self));

  g_clear_pointer (&self->selected_id, g_free);
  gtk_list_box_unselect_all (self->list_box);
  pw_deployment_editor_new_deployment (self->editor, NULL);
  gtk_stack_set_visible_child_name (self->pane_stack, "editor");
}

gboolean
pw_deployments_page_select (PwDeploymentsPage *self,
                            const char        *id)
{
  PwDeployment *d;
  GtkListBoxRow *row;

  g_return_val_if_fail (PW_IS_DEPLOYMENTS_PAGE (self), FALSE);

  d = find_deployment (self, id);
  if (d == NULL)
    return FALSE;
  g_free (self->selected_id);
  self->selected_id = g_strdup (id);
  row = find_row (self, id);
  if (row != NULL)
    gtk_list_box_select_row (self->list_box, row);
  pw_deployment_editor_edit (self->editor, d);
  gtk_stack_set_visible_child_name (self->pane_stack, "editor");
  return TRUE;
}

/**
 * pw_deployments_page_get_row_suffix:
 *
 * Returns: (transfer none) (nullable): the "Paused" label of @id's row
 */
GtkWidget *
pw_deployments_page_get_row_suffix (PwDeploymentsPage *self,
                                    const char        *id)
{
  GtkListBoxRow *row = find_row (self, id);

  return row != NULL ? g_object_get_data (G_OBJECT (row), "pw-paused-label") : NULL;
}

static void
pw_deployments_page_dispose (GObject *object)
{
  PwDeploymentsPage *self = PW_DEPLOYMENTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_DEPLOYMENTS_PAGE);
  g_clear_object (&self->backend);

  G_OBJECT_CLASS (pw_deployments_page_parent_class)->dispose (object);
}

static void
pw_deployments_page_finalize (GObject *object)
{
  PwDeploymentsPage *self = PW_DEPLOYMENTS_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->deployments);
  g_free (self->selected_id);

  G_OBJECT_CLASS (pw_deployments_page_parent_class)->finalize (object);
}

static void
pw_deployments_page_class_init (PwDeploymentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_deployments_page_dispose;
  object_class->finalize = pw_deployments_page_finalize;

  g_type_ensure (PW_TYPE_DEPLOYMENT_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pipewright/Pipewright/pw-deployments-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PwDeploymentsPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, PwDeploymentsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PwDeploymentsPage, pane_stack);
  gtk_widget_class_bind_template_child (widget_class, PwDeploymentsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, PwDeploymentsPage, editor);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_new_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_saved);
  gtk_widget_class_bind_template_callback (widget_class, on_deleted);
}

static void
pw_deployments_page_init (PwDeploymentsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->deployments = g_list_store_new (PW_TYPE_DEPLOYMENT);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->deployments), create_row, self, NULL);
}
