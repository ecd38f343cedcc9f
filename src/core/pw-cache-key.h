/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "pw-task.h"

G_BEGIN_DECLS

/**
 * PW_CACHE_KEY_VERSION:
 *
 * Goes into every key, so that a change to what a key covers never lets an
 * old entry answer for a new question.
 */
#define PW_CACHE_KEY_VERSION "pipewright-cache/1"

char *pw_cache_key_compute (PwTask   *task,
                            JsonNode *inputs);

G_END_DECLS
