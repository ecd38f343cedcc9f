/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-flows-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-flows-page-private.h"
#include "pw-window.h"

/*
 * The Flows page's tabs (the library pinned first, a PwFlowTab per open
 * flow) and deleting a flow with a chance to undo.
 */

/* Tabs */

static AdwTabPage *
find_tab (PwFlowsPage *self,
          const char  *flow_name)
{
  g_autoptr(GListModel) pages = G_LIST_MODEL (adw_tab_view_get_pages (self->tab_view));

  for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
    {
      g_autoptr(AdwTabPage) page = g_list_model_get_item (pages, i);
      GtkWidget *child = adw_tab_page_get_child (page);

      if (PW_IS_FLOW_TAB (child) &&
          g_strcmp0 (pw_flow_tab_get_flow_name (PW_FLOW_TAB (child)), flow_name) == 0)
        return page;
    }

  return NULL;
}

static void
tab_deleted_cb (PwFlowsPage *self,
                GParamSpec  *pspec,
                PwFlowTab   *tab)
{
  AdwTabPage *page = adw_tab_view_get_page (self->tab_view, GTK_WIDGET (tab));
  gboolean deleted = pw_flow_tab_get_deleted (tab);

  if (page == NULL)
    return;

  if (deleted)
    {
      g_autoptr(GIcon) icon = g_themed_icon_new ("dialog-warning-symbolic");

      adw_tab_page_set_indicator_icon (page, icon);
      adw_tab_page_set_indicator_tooltip (page, _("This flow was deleted"));
    }
  else
    {
      adw_tab_page_set_indicator_icon (page, NULL);
    }
  adw_tab_page_set_needs_attention (page, deleted);
}

static void
tab_close_requested_cb (PwFlowsPage *self,
                        PwFlowTab   *tab)
{
  AdwTabPage *page = adw_tab_view_get_page (self->tab_view, GTK_WIDGET (tab));

  if (page != NULL)
    adw_tab_view_close_page (self->tab_view, page);
}

static void
tab_delete_requested_cb (PwFlowsPage *self,
                         PwFlowTab   *tab)
{
  pw_flows_page_delete_flow (self, pw_flow_tab_get_flow_name (tab));
}

static AdwTabPage *
add_tab (PwFlowsPage *self,
         PwFlowTab   *tab)
{
  AdwTabPage *page = adw_tab_view_append (self->tab_view, GTK_WIDGET (tab));

  g_object_bind_property (tab, "title", page, "title", G_BINDING_SYNC_CREATE);
  g_object_bind_property (tab, "title", page, "tooltip", G_BINDING_SYNC_CREATE);
  g_object_bind_property (tab, "loading", page, "loading", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (tab, "notify::deleted", G_CALLBACK (tab_deleted_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (tab, "close-requested", G_CALLBACK (tab_close_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (tab, "delete-requested", G_CALLBACK (tab_delete_requested_cb), self, G_CONNECT_SWAPPED);
  adw_tab_view_set_selected_page (self->tab_view, page);

  return page;
}

/**
 * pw_flows_page_open_flow:
 * @flow_name: a flow of the library
 *
 * Shows the flow's tab, opening it if needed.
 *
 * Returns: (transfer none): the flow's tab
 */
PwFlowTab *
pw_flows_page_open_flow (PwFlowsPage *self,
                         const char  *flow_name)
{
  AdwTabPage *page;

  g_return_val_if_fail (PW_IS_FLOWS_PAGE (self), NULL);
  g_return_val_if_fail (flow_name != NULL, NULL);
  g_return_val_if_fail (self->backend != NULL, NULL);

  page = find_tab (self, flow_name);
  if (page == NULL)
    page = add_tab (self, pw_flow_tab_new (self->backend, flow_name));
  else
    adw_tab_view_set_selected_page (self->tab_view, page);

  return PW_FLOW_TAB (adw_tab_page_get_child (page));
}

/**
 * pw_flows_page_new_flow:
 *
 * Opens the tab of a new flow, which asks for its name.
 *
 * Returns: (transfer none): the new tab
 */
PwFlowTab *
pw_flows_page_new_flow (PwFlowsPage *self)
{
  AdwTabPage *page;

  g_return_val_if_fail (PW_IS_FLOWS_PAGE (self), NULL);
  g_return_val_if_fail (self->backend != NULL, NULL);

  page = add_tab (self, pw_flow_tab_new_empty (self->backend));
  return PW_FLOW_TAB (adw_tab_page_get_child (page));
}

/**
 * pw_flows_page_get_selected_tab:
 *
 * Returns: (transfer none) (nullable): the flow tab shown, %NULL when the
 *   library is
 */
PwFlowTab *
pw_flows_page_get_selected_tab (PwFlowsPage *self)
{
  AdwTabPage *page;

  g_return_val_if_fail (PW_IS_FLOWS_PAGE (self), NULL);

  page = adw_tab_view_get_selected_page (self->tab_view);
  if (page == NULL || !PW_IS_FLOW_TAB (adw_tab_page_get_child (page)))
    return NULL;

  return PW_FLOW_TAB (adw_tab_page_get_child (page));
}

/**
 * pw_flows_page_close_selected_tab:
 *
 * Returns: whether a flow tab was shown (and is now closed)
 */
gboolean
pw_flows_page_close_selected_tab (PwFlowsPage *self)
{
  PwFlowTab *tab = pw_flows_page_get_selected_tab (self);

  if (tab == NULL)
    return FALSE;

  adw_tab_view_close_page (self->tab_view, adw_tab_view_get_page (self->tab_view, GTK_WIDGET (tab)));
  return TRUE;
}

/**
 * pw_flows_page_show_library:
 *
 * Selects the library's tab.
 */
void
pw_flows_page_show_library (PwFlowsPage *self)
{
  g_return_if_fail (PW_IS_FLOWS_PAGE (self));
  adw_tab_view_set_selected_page (self->tab_view, self->library_page);
}

AdwTabView *
pw_flows_page_get_tab_view (PwFlowsPage *self)
{
  g_return_val_if_fail (PW_IS_FLOWS_PAGE (self), NULL);
  return self->tab_view;
}

static void
tab_close_confirmed_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(PwFlowsPage) self = user_data;
  PwFlowTab *tab = PW_FLOW_TAB (object);
  gboolean close = pw_flow_tab_confirm_close_finish (tab, result, NULL);
  AdwTabPage *page;

  if (self->tab_view == NULL)
    return;
  page = adw_tab_view_get_page (self->tab_view, GTK_WIDGET (tab));
  if (page != NULL)
    adw_tab_view_close_page_finish (self->tab_view, page, close);
}

gboolean
_pw_flows_page_close_page_cb (PwFlowsPage *self,
                              AdwTabPage  *page)
{
  GtkWidget *child = adw_tab_page_get_child (page);

  /* A flow with changes not saved: ask first (not when it is being
   * deleted). */
  if (page != self->library_page && !self->closing_deleted &&
      PW_IS_FLOW_TAB (child) && pw_flow_tab_get_modified (PW_FLOW_TAB (child)))
    {
      adw_tab_view_set_selected_page (self->tab_view, page);
      pw_flow_tab_confirm_close_async (PW_FLOW_TAB (child), NULL, tab_close_confirmed_cb, g_object_ref (self));
      return GDK_EVENT_STOP;
    }

  /* The library stays. */
  adw_tab_view_close_page_finish (self->tab_view, page, page != self->library_page);
  return GDK_EVENT_STOP;
}

/* Closing the window with changes not saved: each such tab asks in turn;
 * once all have said yes, the window closes. */

#define CLOSE_CONFIRMED "pw-close-confirmed"

static PwFlowTab *
next_modified_tab (PwFlowsPage *self)
{
  g_autoptr(GListModel) pages = G_LIST_MODEL (adw_tab_view_get_pages (self->tab_view));

  for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
    {
      g_autoptr(AdwTabPage) page = g_list_model_get_item (pages, i);
      GtkWidget *child = adw_tab_page_get_child (page);

      if (PW_IS_FLOW_TAB (child) && pw_flow_tab_get_modified (PW_FLOW_TAB (child)) &&
          g_object_get_data (G_OBJECT (child), CLOSE_CONFIRMED) == NULL)
        return PW_FLOW_TAB (child);
    }

  return NULL;
}

static void
window_close_confirmed_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(PwFlowsPage) self = user_data;
  PwFlowTab *tab = PW_FLOW_TAB (object);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (!pw_flow_tab_confirm_close_finish (tab, result, NULL))
    {
      g_autoptr(GListModel) pages = G_LIST_MODEL (adw_tab_view_get_pages (self->tab_view));

      /* Cancelled: the next close asks again. */
      for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
        {
          g_autoptr(AdwTabPage) page = g_list_model_get_item (pages, i);

          g_object_set_data (G_OBJECT (adw_tab_page_get_child (page)), CLOSE_CONFIRMED, NULL);
        }
      return;
    }

  g_object_set_data (G_OBJECT (tab), CLOSE_CONFIRMED, GINT_TO_POINTER (TRUE));
  if (GTK_IS_WINDOW (root))
    gtk_window_close (GTK_WINDOW (root));
}

static gboolean
window_close_request_cb (PwFlowsPage *self,
                         GtkWindow   *window)
{
  PwFlowTab *tab = self->tab_view != NULL ? next_modified_tab (self) : NULL;

  if (tab == NULL)
    return GDK_EVENT_PROPAGATE;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "flows");
  adw_tab_view_set_selected_page (self->tab_view, adw_tab_view_get_page (self->tab_view, GTK_WIDGET (tab)));
  pw_flow_tab_confirm_close_async (tab, NULL, window_close_confirmed_cb, g_object_ref (self));
  return GDK_EVENT_STOP;
}

void
_pw_flows_page_root (GtkWidget *widget)
{
  PwFlowsPage *self = PW_FLOWS_PAGE (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (g_type_class_peek_parent (G_OBJECT_GET_CLASS (widget)))->root (widget);

  root = gtk_widget_get_root (widget);
  if (PW_IS_WINDOW (root))
    g_signal_connect_object (root, "close-request", G_CALLBACK (window_close_request_cb),
                             self, G_CONNECT_SWAPPED);
}

void
_pw_flows_page_unroot (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (root != NULL)
    g_signal_handlers_disconnect_by_func (root, window_close_request_cb, widget);

  GTK_WIDGET_CLASS (g_type_class_peek_parent (G_OBJECT_GET_CLASS (widget)))->unroot (widget);
}

/* Deleting, with a chance to undo */

typedef struct
{
  PwFlowsPage *self;
  char        *name;
} Deletion;

void
_pw_flows_page_unref_toast (gpointer toast)
{
  if (toast != NULL)
    g_object_unref (toast);
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Deletion *deletion = user_data;
  g_autoptr(PwFlowsPage) self = deletion->self;
  g_autofree char *name = deletion->name;
  g_autoptr(GError) error = NULL;

  g_free (deletion);
  g_application_release (g_application_get_default ());

  /* The page may have gone with its window meanwhile. */
  if (self->pending_deletions == NULL)
    return;

  if (!pw_backend_delete_flow_finish (PW_BACKEND (object), result, &error))
    {
      g_autofree char *title = NULL;

      g_hash_table_remove (self->pending_deletions, name);
      if (self->flows != NULL)
        {
          _pw_flows_page_refilter (self);
          _pw_flows_page_update_view (self);
        }
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      title = g_markup_printf_escaped (_("Could not delete “%s”: %s"), name, error->message);
      _pw_flows_page_add_toast (self, adw_toast_new (title));
    }

  /* On success the name stays hidden until the next listing, which no
   * longer has it (see forget_deleted()). */
}

static void
delete_now (PwFlowsPage *self,
            const char  *name)
{
  Deletion *deletion = g_new0 (Deletion, 1);

  deletion->self = g_object_ref (self);
  deletion->name = g_strdup (name);
  /* Keep the app until the flow is gone, even if its window closes. */
  g_application_hold (g_application_get_default ());
  pw_backend_delete_flow_async (self->backend, name, NULL, deleted_cb, deletion);
}

static void
toast_dismissed_cb (AdwToast    *toast,
                    PwFlowsPage *self)
{
  g_autofree char *name = g_strdup (g_object_get_data (G_OBJECT (toast), "flow-name"));


  if (self->pending_deletions == NULL || g_hash_table_lookup (self->pending_deletions, name) != toast)
    return;

  /* Kept in the table (without its toast) until the backend is done. */
  g_hash_table_insert (self->pending_deletions, g_strdup (name), NULL);
  delete_now (self, name);
}

static void
toast_undo_cb (AdwToast    *toast,
               PwFlowsPage *self)
{
  pw_flows_page_undo_delete (self, g_object_get_data (G_OBJECT (toast), "flow-name"));
}

/**
 * pw_flows_page_delete_flow:
 * @flow_name: a flow of the library
 *
 * Hides the flow and closes its tab; deletes it when the toast that
 * offers to undo goes away.
 */
void
pw_flows_page_delete_flow (PwFlowsPage *self,
                           const char  *flow_name)
{
  g_autofree char *title = NULL;
  AdwTabPage *page;
  AdwToast *toast;

  g_return_if_fail (PW_IS_FLOWS_PAGE (self));
  g_return_if_fail (flow_name != NULL);

  if (g_hash_table_contains (self->pending_deletions, flow_name))
    return;

  page = find_tab (self, flow_name);
  if (page != NULL)
    {
      self->closing_deleted = TRUE;
      adw_tab_view_close_page (self->tab_view, page);
      self->closing_deleted = FALSE;
    }

  title = g_markup_printf_escaped (_("Deleted “%s”"), flow_name);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "flow-name", g_strdup (flow_name), g_free);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self, 0);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (toast_undo_cb), self, 0);

  g_hash_table_insert (self->pending_deletions, g_strdup (flow_name), toast);
  _pw_flows_page_refilter (self);
  _pw_flows_page_update_view (self);

  if (gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY) != NULL)
    _pw_flows_page_add_toast (self, g_object_ref (toast));
  else
    toast_dismissed_cb (toast, self);
}

/**
 * pw_flows_page_undo_delete:
 *
 * Brings back a flow whose deletion is still pending (the toast's Undo,
 * which also dismisses the toast).
 *
 * Returns: whether the deletion was undone
 */
gboolean
pw_flows_page_undo_delete (PwFlowsPage *self,
                           const char  *flow_name)
{
  g_return_val_if_fail (PW_IS_FLOWS_PAGE (self), FALSE);

  if (g_hash_table_lookup (self->pending_deletions, flow_name) == NULL)
    return FALSE;

  /* The toast's own dismissal finds nothing to delete any more. Not
   * dismissed here: libadwaita 1.2 frees a toast's data twice when it is
   * dismissed during its show animation. */
  g_hash_table_remove (self->pending_deletions, flow_name);
  _pw_flows_page_refilter (self);
  _pw_flows_page_update_view (self);
  return TRUE;
}

/**
 * pw_flows_page_finish_deletions:
 *
 * Deletes at once the flows whose toasts still offer to undo (as when the
 * window closes). The toasts stay until they time out, with nothing left
 * to undo.
 */
void
pw_flows_page_finish_deletions (PwFlowsPage *self)
{
  g_autoptr(GPtrArray) toasts = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer toast;

  g_return_if_fail (PW_IS_FLOWS_PAGE (self));

  g_hash_table_iter_init (&iter, self->pending_deletions);
  while (g_hash_table_iter_next (&iter, NULL, &toast))
    if (toast != NULL)
      g_ptr_array_add (toasts, g_object_ref (toast));

  for (guint i = 0; i < toasts->len; i++)
    toast_dismissed_cb (g_ptr_array_index (toasts, i), self);
}

/**
 * pw_flows_page_get_n_pending_deletions:
 *
 * Returns: how many flows are hidden, waiting to be deleted
 */
guint
pw_flows_page_get_n_pending_deletions (PwFlowsPage *self)
{
  g_return_val_if_fail (PW_IS_FLOWS_PAGE (self), 0);
  return g_hash_table_size (self->pending_deletions);
}

