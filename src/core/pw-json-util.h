/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonNode   *pw_json_node_dup_sealed (JsonNode *node);
const char *pw_json_node_describe   (JsonNode *node);
gboolean    pw_json_node_equal0     (JsonNode *a,
                                     JsonNode *b);

G_END_DECLS
