/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-flows-page.h"

G_BEGIN_DECLS

struct _PwFlowsPage
{
  AdwBin                parent_instance;

  /* template children */
  AdwTabBar            *tab_bar;
  AdwTabView           *tab_view;
  GtkWidget            *library;
  GtkWidget            *toolbar;
  GtkSearchEntry       *search_entry;
  GtkStack             *stack;
  GtkLabel             *count_label;
  GtkListBox           *list_box;
  AdwStatusPage        *error_page;

  PwBackend            *backend;
  GListModel           *flows;
  GCancellable         *cancellable;
  GCancellable         *list_cancellable;
  GtkFileChooserNative *file_chooser;
  AdwTabPage           *library_page;
  GtkFilter            *filter;
  GtkFilterListModel   *shown;
  GHashTable           *pending_deletions;  /* flow name → AdwToast */
  gboolean              closing_deleted;    /* closing the tab of a flow deleted */
};

void     _pw_flows_page_refilter       (PwFlowsPage *self);
void     _pw_flows_page_update_view    (PwFlowsPage *self);
void     _pw_flows_page_add_toast      (PwFlowsPage *self,
                                        AdwToast    *toast);
void     _pw_flows_page_unref_toast    (gpointer     toast);
gboolean _pw_flows_page_close_page_cb  (PwFlowsPage *self,
                                        AdwTabPage  *page);
void     _pw_flows_page_root           (GtkWidget   *widget);
void     _pw_flows_page_unroot         (GtkWidget   *widget);

G_END_DECLS
