/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-log-search-model.h"
#include "pw-log-view.h"

G_BEGIN_DECLS

/* What pw-log-view.c and pw-log-view-rows.c (the rows) share. */

struct _PwLogView
{
  AdwBin                parent_instance;

  /* template children */
  GtkDropDown          *level_dropdown;
  GtkDropDown          *task_dropdown;
  GtkStringList        *task_list;
  GtkSearchEntry       *search_entry;
  GtkLabel             *status_label;
  GtkToggleButton      *follow_button;
  GtkStack             *stack;
  GtkScrolledWindow    *scrolled_window;
  GtkListView          *list_view;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *error_page;

  PwBackend            *backend;
  char                 *flow_run_id;
  char                 *run_name;
  PwLogModel           *model;
  PwLogSearchModel     *search;
  GListModel           *task_runs;
  GPtrArray            *task_ids;       /* of the task dropdown's items from 2 on */
  GHashTable           *task_names;     /* task run id → name */
  GHashTable           *bound;          /* GtkListItem showing a line */
  GCancellable         *cancellable;
  GtkFileChooserNative *file_chooser;

  gboolean              updating;
  guint                 programmatic;
  gint64                user_scroll_until;
  guint                 follow_id;
};

GtkListItemFactory *_pw_log_view_rows_factory_new  (PwLogView   *self);
void                _pw_log_view_update_task_label (PwLogView   *self,
                                                    GtkListItem *item);

G_END_DECLS
