/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PW_TYPE_LOG_ENTRY (pw_log_entry_get_type ())
G_DECLARE_FINAL_TYPE (PwLogEntry, pw_log_entry, PW, LOG_ENTRY, GObject)

PwLogEntry *pw_log_entry_new             (const char *flow_run_id,
                                          const char *task_run_id,
                                          const char *name,
                                          int         level,
                                          const char *message,
                                          GDateTime  *timestamp);
gint64      pw_log_entry_get_id          (PwLogEntry *self);
void        pw_log_entry_set_id          (PwLogEntry *self,
                                          gint64      id);
const char *pw_log_entry_get_flow_run_id (PwLogEntry *self);
void        pw_log_entry_set_flow_run_id (PwLogEntry *self,
                                          const char *flow_run_id);
const char *pw_log_entry_get_task_run_id (PwLogEntry *self);
void        pw_log_entry_set_task_run_id (PwLogEntry *self,
                                          const char *task_run_id);
const char *pw_log_entry_get_name        (PwLogEntry *self);
void        pw_log_entry_set_name        (PwLogEntry *self,
                                          const char *name);
int         pw_log_entry_get_level       (PwLogEntry *self);
void        pw_log_entry_set_level       (PwLogEntry *self,
                                          int         level);
const char *pw_log_entry_get_message     (PwLogEntry *self);
void        pw_log_entry_set_message     (PwLogEntry *self,
                                          const char *message);
GDateTime  *pw_log_entry_get_timestamp   (PwLogEntry *self);
void        pw_log_entry_set_timestamp   (PwLogEntry *self,
                                          GDateTime  *timestamp);
void        pw_log_entry_update_from     (PwLogEntry *self,
                                          PwLogEntry *other);

G_END_DECLS
