/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-flows-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-flow-row.h"
#include "pw-flow-tab.h"
#include "pw-flows-page-private.h"
#include "pw-gui-util.h"
#include "pw-remote-backend.h"

/*
 * PwFlowsPage: the flow library, and the flows opened from it, each in a
 * tab (PwFlowTab) beside the library's pinned tab. Lists the backend's
 * flows (the backend searches), follows `flows-changed`, and imports flow
 * files chosen in a file chooser, dropped on the window or opened with the
 * app. Deleting a flow hides it at once and deletes it once the toast that
 * offers to undo it is gone.
 */

G_DEFINE_FINAL_TYPE (PwFlowsPage, pw_flows_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_BACKEND,
  PROP_FLOWS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
dup_search_text (PwFlowsPage *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  g_strstrip (text);
  if (*text == '\0')
    return NULL;

  return g_steal_pointer (&text);
}

/* The flows shown: those listed, but for the ones being deleted. */
static gboolean
filter_flow (gpointer item,
             gpointer user_data)
{
  PwFlowsPage *self = user_data;

  return !g_hash_table_contains (self->pending_deletions, pw_flow_info_get_name (item));
}

static guint
count_shown (PwFlowsPage *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->shown));
}

void
_pw_flows_page_refilter (PwFlowsPage *self)
{
  gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
}

void
_pw_flows_page_update_view (PwFlowsPage *self)
{
  g_autofree char *search = dup_search_text (self);
  guint n_flows = count_shown (self);
  g_autofree char *count = NULL;
  gboolean searchable;
  const char *view;

  if (n_flows > 0)
    view = "flows";
  else if (search != NULL)
    view = "no-results";
  else
    view = "empty";

  if (search != NULL)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Result", "%u Results", n_flows), n_flows);
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Flow", "%u Flows", n_flows), n_flows);
  gtk_label_set_label (self->count_label, count);

  /* An empty library has nothing to search; its status page offers the
   * import instead. */
  searchable = g_strcmp0 (view, "empty") != 0;
  gtk_widget_set_visible (self->toolbar, searchable);
  gtk_search_entry_set_key_capture_widget (self->search_entry, searchable ? GTK_WIDGET (self) : NULL);
  gtk_stack_set_visible_child_name (self->stack, view);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  return GTK_WIDGET (pw_flow_row_new (PW_FLOW_INFO (item)));
}

/* Flows deleted for good are no longer listed: stop hiding them. */
static void
forget_deleted (PwFlowsPage *self,
                GListModel  *flows)
{
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer name, toast;

  for (guint i = 0; i < g_list_model_get_n_items (flows); i++)
    {
      g_autoptr(PwFlowInfo) info = g_list_model_get_item (flows, i);

      g_hash_table_add (listed, g_strdup (pw_flow_info_get_name (info)));
    }

  g_hash_table_iter_init (&iter, self->pending_deletions);
  while (g_hash_table_iter_next (&iter, &name, &toast))
    if (toast == NULL && !g_hash_table_contains (listed, name))
      g_hash_table_iter_remove (&iter);
}

static void
list_flows_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PwFlowsPage) self = user_data;
  g_autoptr(GListModel) flows = NULL;
  g_autoptr(GError) error = NULL;

  flows = pw_backend_list_flows_finish (PW_BACKEND (object), result, &error);
  if (flows == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      adw_status_page_set_description (self->error_page, error->message);
      gtk_widget_set_visible (self->toolbar, FALSE);
      gtk_search_entry_set_key_capture_widget (self->search_entry, NULL);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  forget_deleted (self, flows);

  if (g_set_object (&self->flows, flows))
    {
      gtk_filter_list_model_set_model (self->shown, self->flows);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLOWS]);
    }

  _pw_flows_page_update_view (self);
}

static void
reload (PwFlowsPage *self)
{
  g_autofree char *search = NULL;

  if (self->backend == NULL)
    return;

  /* A newer search or change supersedes the listing in flight. */
  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  self->list_cancellable = g_cancellable_new ();

  search = dup_search_text (self);
  pw_backend_list_flows_async (self->backend, search, self->list_cancellable,
                               list_flows_cb, g_object_ref (self));
}

static void
search_changed_cb (PwFlowsPage *self)
{
  reload (self);
}

static void
stop_search_cb (PwFlowsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
row_activated_cb (PwFlowsPage   *self,
                  GtkListBoxRow *row)
{
  if (self->backend == NULL || !PW_IS_FLOW_ROW (row))
    return;

  pw_flows_page_open_flow (self, pw_flow_info_get_name (pw_flow_row_get_info (PW_FLOW_ROW (row))));
}

void
_pw_flows_page_add_toast (PwFlowsPage *self,
                          AdwToast    *toast)
{
  pw_add_toast (GTK_WIDGET (self), toast);
}

/* Importing several files is one batch: one toast for what worked and one
 * dialog for everything that did not. */
typedef struct
{
  PwFlowsPage *self;
  GPtrArray   *files;
  guint        next;
  GPtrArray   *imported;
  GPtrArray   *failed_files;
  GPtrArray   *failed_messages;
} ImportBatch;

static void
import_batch_free (ImportBatch *batch)
{
  g_clear_object (&batch->self);
  g_clear_pointer (&batch->files, g_ptr_array_unref);
  g_clear_pointer (&batch->imported, g_ptr_array_unref);
  g_clear_pointer (&batch->failed_files, g_ptr_array_unref);
  g_clear_pointer (&batch->failed_messages, g_ptr_array_unref);
  g_free (batch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportBatch, import_batch_free)

static void
failure_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
append_problem_label (GtkWidget  *box,
                      const char *text,
                      gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  /* Problem lines are long (they start with the file's path): wider than a
   * message dialog's usual text, and a fixed width so that the dialog,
   * which asks for heights without a width, gets the wrapped height. */
  gtk_label_set_width_chars (GTK_LABEL (label), 56);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 56);
  if (heading)
    gtk_widget_add_css_class (label, "heading");

  gtk_box_append (GTK_BOX (box), label);
}

/* Each line of @message after the first (a validation error's summary)
 * is one problem. */
static void
append_problems (GtkWidget  *box,
                 const char *message)
{
  g_auto(GStrv) lines = g_strsplit (message, "\n", -1);

  for (guint i = 1; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      append_problem_label (box, lines[i], FALSE);
}

/* The problems themselves, one a line, left-aligned and selectable (to
 * copy them into an editor), scrolling when there are many. */
static GtkWidget *
create_problems_view (GtkWidget *box)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_widget_add_css_class (box, "import-problems");
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 280);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
  gtk_widget_add_css_class (scrolled, "card");

  return scrolled;
}

static char *
first_line (const char *message)
{
  const char *newline = strchr (message, '\n');

  return newline != NULL ? g_strndup (message, newline - message) : g_strdup (message);
}

static void
report_failures (ImportBatch *batch)
{
  PwFlowsPage *self = batch->self;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkWidget) problems = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_VERTICAL, 8));
  AdwMessageDialog *dialog;
  guint n_failed = batch->failed_files->len;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       NULL, NULL));

  if (n_failed == 1)
    {
      const char *message = g_ptr_array_index (batch->failed_messages, 0);
      g_autofree char *summary = first_line (message);

      adw_message_dialog_format_heading (dialog, _("Could Not Import “%s”"),
                                         (const char *)g_ptr_array_index (batch->failed_files, 0));
      /* A validation error is a summary line and then one line per
       * problem: the summary is the body, the problems go below it. */
      adw_message_dialog_set_body (dialog, summary);
      append_problems (problems, message);
    }
  else
    {
      adw_message_dialog_format_heading (dialog,
                                         g_dngettext (GETTEXT_PACKAGE,
                                                      "Could Not Import %u File",
                                                      "Could Not Import %u Files",
                                                      n_failed),
                                         n_failed);

      for (guint i = 0; i < n_failed; i++)
        {
          const char *message = g_ptr_array_index (batch->failed_messages, i);
          g_autofree char *summary = first_line (message);

          append_problem_label (problems, g_ptr_array_index (batch->failed_files, i), TRUE);
          append_problem_label (problems, summary, FALSE);
          append_problems (problems, message);
        }
    }

  if (gtk_widget_get_first_child (problems) != NULL)
    adw_message_dialog_set_extra_child (dialog, create_problems_view (problems));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  g_signal_connect (dialog, "response", G_CALLBACK (failure_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
report_successes (ImportBatch *batch)
{
  guint n_imported = batch->imported->len;
  g_autofree char *title = NULL;

  if (n_imported == 0)
    return;

  /* Toast titles are Pango markup. */
  if (n_imported == 1)
    title = g_markup_printf_escaped (_("Imported “%s”"),
                                     (const char *)g_ptr_array_index (batch->imported, 0));
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Imported %u flow",
                                          "Imported %u flows",
                                          n_imported),
                             n_imported);

  _pw_flows_page_add_toast (batch->self, adw_toast_new (title));
}

static void import_next (ImportBatch *batch);

static void
import_flow_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ImportBatch) batch = user_data;
  g_autoptr(PwFlowInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = pw_backend_import_flow_finish (PW_BACKEND (object), result, &error);
  if (info != NULL)
    {
      g_ptr_array_add (batch->imported, g_strdup (pw_flow_info_get_name (info)));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      return;
    }
  else
    {
      GFile *file = g_ptr_array_index (batch->files, batch->next - 1);

      g_ptr_array_add (batch->failed_files, g_file_get_basename (file));
      g_ptr_array_add (batch->failed_messages, g_strdup (error->message));
    }

  import_next (g_steal_pointer (&batch));
}

static void
import_next (ImportBatch *batch)
{
  if (batch->next < batch->files->len)
    {
      GFile *file = g_ptr_array_index (batch->files, batch->next++);

      pw_backend_import_flow_async (batch->self->backend, file, batch->self->cancellable,
                                    import_flow_cb, batch);
      return;
    }

  report_successes (batch);
  if (batch->failed_files->len > 0)
    report_failures (batch);

  import_batch_free (batch);
}

/**
 * pw_flows_page_import_files:
 *
 * Imports @files one after the other, then shows a toast naming what was
 * imported and a dialog with the problems of the files that were not.
 */
void
pw_flows_page_import_files (PwFlowsPage   *self,
                            GFile * const *files,
                            guint          n_files)
{
  ImportBatch *batch;

  g_return_if_fail (PW_IS_FLOWS_PAGE (self));
  g_return_if_fail (self->backend != NULL);

  if (n_files == 0)
    return;

  batch = g_new0 (ImportBatch, 1);
  batch->self = g_object_ref (self);
  batch->files = g_ptr_array_new_full (n_files, g_object_unref);
  batch->imported = g_ptr_array_new_with_free_func (g_free);
  batch->failed_files = g_ptr_array_new_with_free_func (g_free);
  batch->failed_messages = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (batch->files, g_object_ref (files[i]));

  import_next (batch);
}

static void
file_chooser_response_cb (PwFlowsPage *self,
                          int          response,
                          GtkNativeDialog *dialog)
{
  g_autoptr(GtkFileChooserNative) file_chooser = g_steal_pointer (&self->file_chooser);
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GPtrArray) array = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;

  files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (file_chooser));
  array = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    g_ptr_array_add (array, g_list_model_get_item (files, i));

  pw_flows_page_import_files (self, (GFile * const *)array->pdata, array->len);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PwFlowsPage *self = PW_FLOWS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) flow_filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all_filter = gtk_file_filter_new ();

  if (self->file_chooser != NULL || self->backend == NULL)
    return;

  self->file_chooser = gtk_file_chooser_native_new (_("Import Flows"),
                                                    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                    GTK_FILE_CHOOSER_ACTION_OPEN,
                                                    _("_Import"),
                                                    _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->file_chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->file_chooser), TRUE);

  gtk_file_filter_set_name (flow_filter, _("Flow Files"));
  gtk_file_filter_add_pattern (flow_filter, "*.flow.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->file_chooser), flow_filter);
  gtk_file_filter_set_name (all_filter, _("All Files"));
  gtk_file_filter_add_pattern (all_filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->file_chooser), all_filter);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (self->file_chooser), flow_filter);

  g_signal_connect_object (self->file_chooser, "response",
                           G_CALLBACK (file_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  reload (PW_FLOWS_PAGE (widget));
}

/**
 * pw_flows_page_focus_search:
 *
 * Moves the keyboard focus to the search entry (when the library has flows
 * to search).
 */
void
pw_flows_page_focus_search (PwFlowsPage *self)
{
  g_return_if_fail (PW_IS_FLOWS_PAGE (self));

  if (gtk_widget_get_visible (self->toolbar))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

PwBackend *
pw_flows_page_get_backend (PwFlowsPage *self)
{
  g_return_val_if_fail (PW_IS_FLOWS_PAGE (self), NULL);
  return self->backend;
}

static void
show_template_child (PwFlowsPage *self,
                     const char  *name,
                     gboolean     visible)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (self), PW_TYPE_FLOWS_PAGE, name);

  gtk_widget_set_visible (GTK_WIDGET (child), visible);
}

/* A Prefect server keeps no flow definitions: its flows are read-only
 * here, and the page says so instead of offering New Flow and Import. */
static void
update_capabilities (PwFlowsPage *self)
{
  PwBackendCapabilities caps = self->backend != NULL
    ? pw_api_backend_get_capabilities (self->backend) : PW_BACKEND_CAPABILITY_NONE;
  gboolean read_only = PW_IS_REMOTE_BACKEND (self->backend) &&
    pw_remote_backend_get_server_kind (PW_REMOTE_BACKEND (self->backend)) == PW_SERVER_KIND_PREFECT;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flows.import",
                                 (caps & PW_BACKEND_CAPABILITY_EDIT_FLOWS) != 0);
  show_template_child (self, "new_button", !read_only);
  show_template_child (self, "import_button", !read_only);
  show_template_child (self, "read_only_label", read_only);
}

void
pw_flows_page_set_backend (PwFlowsPage *self,
                           PwBackend   *backend)
{
  g_return_if_fail (PW_IS_FLOWS_PAGE (self));
  g_return_if_fail (!backend || PW_IS_BACKEND (backend));

  if (self->backend == backend)
    return;

  if (self->backend != NULL)
    g_signal_handlers_disconnect_by_func (self->backend, reload, self);
  if (self->backend != NULL)
    g_signal_handlers_disconnect_by_func (self->backend, update_capabilities, self);

  g_set_object (&self->backend, backend);

  if (self->backend != NULL)
    g_signal_connect_object (self->backend, "flows-changed", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flows.import", self->backend != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flows.reload", self->backend != NULL);
  if (PW_IS_REMOTE_BACKEND (self->backend))
    g_signal_connect_object (self->backend, "notify::capabilities",
                             G_CALLBACK (update_capabilities), self, G_CONNECT_SWAPPED);
  update_capabilities (self);

  reload (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKEND]);
}

/**
 * pw_flows_page_get_flows:
 *
 * Returns: (transfer none) (nullable): the #PwFlowInfo shown (those of the
 *   latest listing but the ones being deleted), or %NULL before the first
 *   listing
 */
GListModel *
pw_flows_page_get_flows (PwFlowsPage *self)
{
  g_return_val_if_fail (PW_IS_FLOWS_PAGE (self), NULL);
  return self->flows != NULL ? G_LIST_MODEL (self->shown) : NULL;
}

static void
pw_flows_page_dispose (GObject *object)
{
  PwFlowsPage *self = (PwFlowsPage *)object;

  if (self->backend != NULL)
    pw_flows_page_finish_deletions (self);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->list_cancellable);

  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->file_chooser));
  g_clear_object (&self->file_chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_FLOWS_PAGE);

  g_clear_object (&self->backend);
  g_clear_object (&self->flows);
  g_clear_object (&self->list_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->shown);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->pending_deletions, g_hash_table_unref);

  G_OBJECT_CLASS (pw_flows_page_parent_class)->dispose (object);
}

static void
pw_flows_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PwFlowsPage *self = PW_FLOWS_PAGE (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      g_value_set_object (value, self->backend);
      break;

    case PROP_FLOWS:
      g_value_set_object (value, self->flows);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_flows_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PwFlowsPage *self = PW_FLOWS_PAGE (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      pw_flows_page_set_backend (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_flows_page_class_init (PwFlowsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_flows_page_dispose;
  object_class->get_property = pw_flows_page_get_property;
  object_class->set_property = pw_flows_page_set_property;
  widget_class->root = _pw_flows_page_root;
  widget_class->unroot = _pw_flows_page_unroot;

  properties[PROP_BACKEND] =
    g_param_spec_object ("backend", NULL, NULL,
                         PW_TYPE_BACKEND,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * PwFlowsPage:flows:
   *
   * The #PwFlowInfo of the latest listing, %NULL before the first.
   */
  properties[PROP_FLOWS] =
    g_param_spec_object ("flows", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pipewright/Pipewright/pw-flows-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PwFlowsPage, tab_bar);
  gtk_widget_class_bind_template_child (widget_class, PwFlowsPage, tab_view);
  gtk_widget_class_bind_template_child (widget_class, PwFlowsPage, library);
  gtk_widget_class_bind_template_child (widget_class, PwFlowsPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, PwFlowsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PwFlowsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PwFlowsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, PwFlowsPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, PwFlowsPage, error_page);
  /* Looked up with gtk_widget_get_template_child () (update_capabilities). */
  gtk_widget_class_bind_template_child_full (widget_class, "new_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "import_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "read_only_label", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "close_page_cb",
                                                G_CALLBACK (_pw_flows_page_close_page_cb));

  gtk_widget_class_install_action (widget_class, "flows.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "flows.reload", NULL, reload_action);
}

/* The tab bar shows once a flow is open beside the library (autohide
 * would show it for the pinned library alone). */
static void
update_tab_bar (PwFlowsPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->tab_bar), adw_tab_view_get_n_pages (self->tab_view) > 1);
}

static void
pw_flows_page_init (PwFlowsPage *self)
{
  g_autoptr(GIcon) icon = g_themed_icon_new ("pw-flows-symbolic");

  self->cancellable = g_cancellable_new ();
  self->pending_deletions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, _pw_flows_page_unref_toast);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = GTK_FILTER (gtk_custom_filter_new (filter_flow, self, NULL));
  self->shown = gtk_filter_list_model_new (NULL, g_object_ref (self->filter));
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->shown), create_row, NULL, NULL);

  g_signal_connect_object (self->tab_view, "notify::n-pages",
                           G_CALLBACK (update_tab_bar), self, G_CONNECT_SWAPPED);

  /* The library is the first tab, pinned: the tab bar shows once a flow
   * is open beside it. */
  self->library_page = adw_tab_view_append_pinned (self->tab_view, self->library);
  adw_tab_page_set_title (self->library_page, _("Library"));
  adw_tab_page_set_tooltip (self->library_page, _("Flow Library"));
  adw_tab_page_set_icon (self->library_page, icon);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flows.import", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flows.reload", FALSE);
}
