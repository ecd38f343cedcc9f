/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PW_TYPE_FLOW_INFO (pw_flow_info_get_type ())
G_DECLARE_FINAL_TYPE (PwFlowInfo, pw_flow_info, PW, FLOW_INFO, GObject)

/*
 * PwFlowInfo: one row of the flow library, what a list of flows shows
 * without loading each flow's definition.
 */
PwFlowInfo         *pw_flow_info_new             (const char         *id,
                                                  const char         *name);
const char         *pw_flow_info_get_id          (PwFlowInfo         *self);
const char         *pw_flow_info_get_name        (PwFlowInfo         *self);
const char         *pw_flow_info_get_description (PwFlowInfo         *self);
void                pw_flow_info_set_description (PwFlowInfo         *self,
                                                  const char         *description);
const char * const *pw_flow_info_get_tags        (PwFlowInfo         *self);
void                pw_flow_info_set_tags        (PwFlowInfo         *self,
                                                  const char * const *tags);
guint               pw_flow_info_get_version     (PwFlowInfo         *self);
void                pw_flow_info_set_version     (PwFlowInfo         *self,
                                                  guint               version);
guint               pw_flow_info_get_n_tasks     (PwFlowInfo         *self);
void                pw_flow_info_set_n_tasks     (PwFlowInfo         *self,
                                                  guint               n_tasks);
GDateTime          *pw_flow_info_get_created     (PwFlowInfo         *self);
void                pw_flow_info_set_created     (PwFlowInfo         *self,
                                                  GDateTime          *created);
GDateTime          *pw_flow_info_get_updated     (PwFlowInfo         *self);
void                pw_flow_info_set_updated     (PwFlowInfo         *self,
                                                  GDateTime          *updated);

G_END_DECLS
