/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-backend.h"

G_BEGIN_DECLS

#define PW_TYPE_WORK_QUEUES_PAGE (pw_work_queues_page_get_type ())
G_DECLARE_FINAL_TYPE (PwWorkQueuesPage, pw_work_queues_page, PW, WORK_QUEUES_PAGE, GtkBox)

void         pw_work_queues_page_set_backend     (PwWorkQueuesPage *self,
                                                  PwBackend        *backend);
GListModel  *pw_work_queues_page_get_queues      (PwWorkQueuesPage *self);
void         pw_work_queues_page_new_queue       (PwWorkQueuesPage *self);
gboolean     pw_work_queues_page_select          (PwWorkQueuesPage *self,
                                                  const char       *name);
void         pw_work_queues_page_set_text        (PwWorkQueuesPage *self,
                                                  const char       *field,
                                                  const char       *text);
void         pw_work_queues_page_set_limit       (PwWorkQueuesPage *self,
                                                  int               limit);
void         pw_work_queues_page_save            (PwWorkQueuesPage *self);
guint        pw_work_queues_page_get_n_upcoming  (PwWorkQueuesPage *self);
const char  *pw_work_queues_page_get_health_text (PwWorkQueuesPage *self);
const char  *pw_work_queues_page_get_view        (PwWorkQueuesPage *self);

G_END_DECLS
