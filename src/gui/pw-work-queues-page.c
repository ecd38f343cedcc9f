/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-work-queues-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-flow-run.h"
#include "pw-format.h"
#include "pw-gui-util.h"
#include "pw-work-queues-page.h"

/*
 * The Work Queues page: the list on the left; on the right the selected
 * queue's settings, its health (last poll, late runs) and the runs waiting
 * in it. Follows the backend's work-queues-changed signal.
 */

#define N_UPCOMING 20

struct _PwWorkQueuesPage
{
  GtkBox          parent_instance;

  PwBackend      *backend;
  GCancellable   *cancellable;
  GListStore     *queues;
  PwWorkQueue    *queue;       /* the one shown; NULL while creating one */
  gboolean        editing;
  gboolean        loading;
  guint           n_upcoming;
  char           *health_text;
  const char     *view;

  GtkListBox     *list_box;
  GtkStack       *list_stack;
  GtkStack       *pane_stack;
  AdwStatusPage  *error_page;
  AdwEntryRow    *name_row;
  AdwEntryRow    *description_row;
  GtkSpinButton  *limit_spin;
  GtkSpinButton  *priority_spin;
  AdwEntryRow    *tags_row;
  GtkSwitch      *pause_switch;
  GtkLabel       *error_label;
  AdwPreferencesGroup *health_group;
  AdwActionRow   *health_row;
  AdwActionRow   *poll_row;
  AdwActionRow   *late_row;
  AdwActionRow   *counts_row;
  AdwPreferencesGroup *upcoming_group;
  GtkListBox     *upcoming_list;
  GtkButton      *save_button;
  GtkButton      *delete_button;
};

G_DEFINE_FINAL_TYPE (PwWorkQueuesPage, pw_work_queues_page, GTK_TYPE_BOX)

static void reload (PwWorkQueuesPage *self);
static void load_details (PwWorkQueuesPage *self);

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  PwWorkQueue *queue = item;
  int limit = pw_work_queue_get_concurrency_limit (queue);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *paused = gtk_label_new (_("Paused"));

  if (limit < 0)
    subtitle = g_strdup_printf (_("Priority %u · no limit"), pw_work_queue_get_priority (queue));
  else
    subtitle = g_strdup_printf (_("Priority %u · at most %d at once"), pw_work_queue_get_priority (queue), limit);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pw_work_queue_get_name (queue));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (paused, "caption");
  gtk_widget_add_css_class (paused, "warning");
  gtk_widget_set_visible (paused, pw_work_queue_get_paused (queue));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), paused);
  g_object_set_data_full (G_OBJECT (row), "pw-queue-name", g_strdup (pw_work_queue_get_name (queue)), g_free);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

static PwWorkQueue *
find_queue (PwWorkQueuesPage *self,
            const char       *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->queues)); i++)
    {
      g_autoptr(PwWorkQueue) q = g_list_model_get_item (G_LIST_MODEL (self->queues), i);

      if (g_strcmp0 (pw_work_queue_get_name (q), name) == 0)
        return q;
    }
  return NULL;
}

static void
set_error (PwWorkQueuesPage *self,
           const char       *text)
{
  gtk_label_set_text (self->error_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), text != NULL);
}

static GStrv
dup_tags (PwWorkQueuesPage *self)
{
  g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->tags_row)), ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

static void
validate (PwWorkQueuesPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  if (self->loading)
    return;
  if (name[0] == '\0')
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Name: a work queue needs a name"));
  else
    pw_work_queue_check_name (name, &error);
  set_error (self, error != NULL ? error->message : NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), error == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_button), self->queue != NULL);
}

static void
show_queue (PwWorkQueuesPage *self,
            PwWorkQueue      *queue)
{
  const char * const *tags;
  g_autofree char *tags_text = NULL;
  int limit;

  g_set_object (&self->queue, queue);
  tags = queue != NULL ? pw_work_queue_get_tag_filter (queue) : NULL;
  tags_text = tags != NULL ? g_strjoinv (", ", (char **)tags) : g_strdup ("");
  limit = queue != NULL ? pw_work_queue_get_concurrency_limit (queue) : PW_WORK_QUEUE_NO_LIMIT;

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), queue != NULL ? pw_work_queue_get_name (queue) : "");
  gtk_editable_set_editable (GTK_EDITABLE (self->name_row), queue == NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->description_row),
                         queue != NULL && pw_work_queue_get_description (queue) != NULL ? pw_work_queue_get_description (queue) : "");
  gtk_spin_button_set_value (self->limit_spin, limit < 0 ? 0 : limit);
  gtk_spin_button_set_value (self->priority_spin, queue != NULL ? pw_work_queue_get_priority (queue) : 1);
  gtk_editable_set_text (GTK_EDITABLE (self->tags_row), tags_text);
  gtk_switch_set_active (self->pause_switch, queue != NULL && pw_work_queue_get_paused (queue));
  self->loading = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->health_group), queue != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->upcoming_group), queue != NULL);
  gtk_stack_set_visible_child_name (self->pane_stack, "editor");
  validate (self);
  if (queue != NULL)
    load_details (self);
}

/* health and upcoming runs */

static void
status_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PwWorkQueuesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwWorkQueueStatus) status = pw_backend_get_work_queue_status_finish (PW_BACKEND (source), result, &error);
  g_autofree char *poll = NULL;
  g_autofree char *late = NULL;
  g_autofree char *counts = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (status == NULL)
    {
      adw_action_row_set_subtitle (self->health_row, error->message);
      return;
    }

  g_free (self->health_text);
  self->health_text = g_strdup (status->healthy ? _("Healthy") : _("Unhealthy"));
  if (status->healthy)
    adw_action_row_set_subtitle (self->health_row, _("Healthy: an agent polled it recently and no run is late"));
  else if (status->late_runs > 0)
    adw_action_row_set_subtitle (self->health_row, _("Unhealthy: some of its runs are late"));
  else if (status->last_polled == NULL)
    adw_action_row_set_subtitle (self->health_row, _("Unhealthy: no agent has polled it yet"));
  else
    adw_action_row_set_subtitle (self->health_row, _("Unhealthy: no agent polled it in the last minute"));
  if (status->last_polled != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      poll = pw_format_time (status->last_polled, now);
    }
  else
    poll = g_strdup (_("Never"));
  adw_action_row_set_subtitle (self->poll_row, poll);
  late = g_strdup_printf ("%u", status->late_runs);
  adw_action_row_set_subtitle (self->late_row, late);
  /* Translators: runs waiting in a work queue, and runs active from it */
  counts = g_strdup_printf (_("%u waiting, %u active"), status->scheduled_runs, status->active_runs);
  adw_action_row_set_subtitle (self->counts_row, counts);
}

static void
preview_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PwWorkQueuesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) runs = pw_backend_preview_work_queue_finish (PW_BACKEND (source), result, &error);
  GtkWidget *child;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->upcoming_list))) != NULL)
    gtk_list_box_remove (self->upcoming_list, child);
  self->n_upcoming = 0;

  if (runs == NULL || g_list_model_get_n_items (runs) == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     runs == NULL ? error->message : _("No runs waiting"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->upcoming_list, row);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (runs, i);
      PwFlowRun *run;
      GDateTime *when;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (!PW_IS_FLOW_RUN (item))
        continue;
      run = PW_FLOW_RUN (item);
      when = pw_flow_run_get_expected_start_time (run);
      if (when == NULL)
        when = pw_flow_run_get_next_scheduled_start_time (run);
      if (when != NULL)
        {
          g_autoptr(GDateTime) local = g_date_time_to_local (when);
          subtitle = g_date_time_format (local, "%a %-d %b %Y, %H:%M");
        }
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pw_flow_run_get_name (run));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (subtitle != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->upcoming_list, row);
      self->n_upcoming++;
    }
}

static void
load_details (PwWorkQueuesPage *self)
{
  const char *name;

  if (self->backend == NULL || self->queue == NULL)
    return;
  name = pw_work_queue_get_name (self->queue);
  pw_backend_get_work_queue_status_async (self->backend, name, self->cancellable, status_cb, g_object_ref (self));
  pw_backend_preview_work_queue_async (self->backend, name, NULL, N_UPCOMING, self->cancellable,
                                       preview_cb, g_object_ref (self));
}

/* list */

static void
list_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PwWorkQueuesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = pw_backend_list_work_queues_finish (PW_BACKEND (source), result, &error);
  guint n;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (list == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      self->view = "error";
      gtk_stack_set_visible_child_name (self->list_stack, "error");
      return;
    }
  n = g_list_model_get_n_items (list);
  g_list_store_remove_all (self->queues);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PwWorkQueue) q = g_list_model_get_item (list, i);

      g_list_store_append (self->queues, q);
    }
  self->view = n > 0 ? "list" : "empty";
  gtk_stack_set_visible_child_name (self->list_stack, self->view);

  if (self->queue != NULL)
    {
      PwWorkQueue *fresh = find_queue (self, pw_work_queue_get_name (self->queue));

      if (fresh == NULL)
        {
          g_clear_object (&self->queue);
          gtk_stack_set_visible_child_name (self->pane_stack, "none");
        }
      else
        {
          for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
               child != NULL; child = gtk_widget_get_next_sibling (child))
            if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "pw-queue-name"), pw_work_queue_get_name (fresh)) == 0)
              gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (child));
          g_set_object (&self->queue, fresh);
          load_details (self);
        }
    }
}

static void
reload (PwWorkQueuesPage *self)
{
  if (self->backend != NULL)
    pw_backend_list_work_queues_async (self->backend, self->cancellable, list_cb, g_object_ref (self));
}

/* actions */

static void
finish_save (PwWorkQueuesPage *self,
             PwWorkQueue      *queue,
             GError           *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);
  if (queue == NULL)
    {
      set_error (self, error->message);
      return;
    }
  g_set_object (&self->queue, queue);
  gtk_editable_set_editable (GTK_EDITABLE (self->name_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->health_group), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->upcoming_group), TRUE);
  validate (self);
  pw_add_toast (GTK_WIDGET (self), adw_toast_new (_("Work queue saved")));
  reload (self);
}

static void
created_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PwWorkQueuesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwWorkQueue) queue = pw_backend_create_work_queue_finish (PW_BACKEND (source), result, &error);

  finish_save (self, queue, error);
}

static void
updated_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PwWorkQueuesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwWorkQueue) queue = pw_backend_update_work_queue_finish (PW_BACKEND (source), result, &error);

  finish_save (self, queue, error);
}

void
pw_work_queues_page_save (PwWorkQueuesPage *self)
{
  g_autoptr(PwWorkQueue) queue = NULL;
  g_autofree char *name = NULL;
  const char *description;
  g_auto(GStrv) tags = NULL;
  int limit;

  g_return_if_fail (PW_IS_WORK_QUEUES_PAGE (self));

  validate (self);
  if (self->backend == NULL || !gtk_widget_get_sensitive (GTK_WIDGET (self->save_button)))
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  description = gtk_editable_get_text (GTK_EDITABLE (self->description_row));
  tags = dup_tags (self);
  limit = gtk_spin_button_get_value_as_int (self->limit_spin);

  queue = self->queue != NULL ? pw_work_queue_copy (self->queue) : pw_work_queue_new (name);
  pw_work_queue_set_description (queue, description[0] != '\0' ? description : NULL);
  pw_work_queue_set_concurrency_limit (queue, limit > 0 ? limit : PW_WORK_QUEUE_NO_LIMIT);
  pw_work_queue_set_priority (queue, gtk_spin_button_get_value_as_int (self->priority_spin));
  pw_work_queue_set_tag_filter (queue, (const char * const *)tags);
  pw_work_queue_set_paused (queue, gtk_switch_get_active (self->pause_switch));

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  if (self->queue != NULL)
    pw_backend_update_work_queue_async (self->backend, queue, self->cancellable, updated_cb, g_object_ref (self));
  else
    pw_backend_create_work_queue_async (self->backend, queue, self->cancellable, created_cb, g_object_ref (self));
}

static void
on_save_clicked (PwWorkQueuesPage *self)
{
  pw_work_queues_page_save (self);
}

static void
deleted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PwWorkQueuesPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pw_backend_delete_work_queue_finish (PW_BACKEND (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pw_add_toast (GTK_WIDGET (self), adw_toast_new (error->message));
      return;
    }
  g_clear_object (&self->queue);
  gtk_stack_set_visible_child_name (self->pane_stack, "none");
  pw_add_toast (GTK_WIDGET (self), adw_toast_new (_("Work queue deleted")));
  reload (self);
}

static void
on_delete_clicked (PwWorkQueuesPage *self)
{
  if (self->queue == NULL || self->backend == NULL)
    return;
  pw_backend_delete_work_queue_async (self->backend, pw_work_queue_get_name (self->queue),
                                      self->cancellable, deleted_cb, g_object_ref (self));
}

static void
on_new_clicked (PwWorkQueuesPage *self)
{
  pw_work_queues_page_new_queue (self);
}

static void
on_retry_clicked (PwWorkQueuesPage *self)
{
  reload (self);
}

static void
on_row_activated (PwWorkQueuesPage *self,
                  GtkListBoxRow    *row)
{
  pw_work_queues_page_select (self, g_object_get_data (G_OBJECT (row), "pw-queue-name"));
}

/* public */

void
pw_work_queues_page_set_backend (PwWorkQueuesPage *self,
                                 PwBackend        *backend)
{
  g_return_if_fail (PW_IS_WORK_QUEUES_PAGE (self));

  if (self->backend != NULL)
    g_signal_handlers_disconnect_by_data (self->backend, self);
  if (!g_set_object (&self->backend, backend))
    return;
  if (backend != NULL)
    {
      g_signal_connect_object (backend, "work-queues-changed", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
      /* Deployments' runs land in queues: keep the upcoming runs fresh. */
      g_signal_connect_object (backend, "deployments-changed", G_CALLBACK (load_details), self, G_CONNECT_SWAPPED);
    }
  reload (self);
}

GListModel *
pw_work_queues_page_get_queues (PwWorkQueuesPage *self)
{
  g_return_val_if_fail (PW_IS_WORK_QUEUES_PAGE (self), NULL);
  return G_LIST_MODEL (self->queues);
}

void
pw_work_queues_page_new_queue (PwWorkQueuesPage *self)
{
  g_return_if_fail (PW_IS_WORK_QUEUES_PAGE (self));

  gtk_list_box_unselect_all (self->list_box);
  show_queue (self, NULL);
}

gboolean
pw_work_queues_page_select (PwWorkQueuesPage *self,
                            const char       *name)
{
  PwWorkQueue *queue;

  g_return_val_if_fail (PW_IS_WORK_QUEUES_PAGE (self), FALSE);

  queue = find_queue (self, name);
  if (queue == NULL)
    return FALSE;
  show_queue (self, queue);
  return TRUE;
}

/**
 * pw_work_queues_page_set_text:
 * @field: "name", "description" or "tags"
 */
void
pw_work_queues_page_set_text (PwWorkQueuesPage *self,
                              const char       *field,
                              const char       *text)
{
  AdwEntryRow *row = g_str_equal (field, "name") ? self->name_row :
                     g_str_equal (field, "description") ? self->description_row : self->tags_row;

  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

void
pw_work_queues_page_set_limit (PwWorkQueuesPage *self,
                               int               limit)
{
  gtk_spin_button_set_value (self->limit_spin, limit);
}

guint
pw_work_queues_page_get_n_upcoming (PwWorkQueuesPage *self)
{
  return self->n_upcoming;
}

const char *
pw_work_queues_page_get_health_text (PwWorkQueuesPage *self)
{
  return self->health_text;
}

const char *
pw_work_queues_page_get_view (PwWorkQueuesPage *self)
{
  return self->view;
}

/* GObject */

static void
pw_work_queues_page_dispose (GObject *object)
{
  PwWorkQueuesPage *self = PW_WORK_QUEUES_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_WORK_QUEUES_PAGE);
  g_clear_object (&self->backend);
  g_clear_object (&self->queue);

  G_OBJECT_CLASS (pw_work_queues_page_parent_class)->dispose (object);
}

static void
pw_work_queues_page_finalize (GObject *object)
{
  PwWorkQueuesPage *self = PW_WORK_QUEUES_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->queues);
  g_free (self->health_text);

  G_OBJECT_CLASS (pw_work_queues_page_parent_class)->finalize (object);
}

static void
pw_work_queues_page_class_init (PwWorkQueuesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_work_queues_page_dispose;
  object_class->finalize = pw_work_queues_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pipewright/Pipewright/pw-work-queues-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, PwWorkQueuesPage, name)
  BIND (list_box);
  BIND (list_stack);
  BIND (pane_stack);
  BIND (error_page);
  BIND (name_row);
  BIND (description_row);
  BIND (limit_spin);
  BIND (priority_spin);
  BIND (tags_row);
  BIND (pause_switch);
  BIND (error_label);
  BIND (health_group);
  BIND (health_row);
  BIND (poll_row);
  BIND (late_row);
  BIND (counts_row);
  BIND (upcoming_group);
  BIND (upcoming_list);
  BIND (save_button);
  BIND (delete_button);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_new_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
pw_work_queues_page_init (PwWorkQueuesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->queues = g_list_store_new (PW_TYPE_WORK_QUEUE);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->queues), create_row, self, NULL);
  g_signal_connect_object (self->name_row, "changed", G_CALLBACK (validate), self, G_CONNECT_SWAPPED);
}
