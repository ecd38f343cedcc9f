/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-task.h"

G_BEGIN_DECLS

/*
 * The task's fields, shared by pw-task.c (the object), pw-task-common.c
 * (members every kind has), pw-task-kinds.c (members of one kind), and the
 * flow-file reader and writer, the graph and the validator; the reader
 * fills a fresh task directly: loading 10,000 tasks through
 * g_object_set() and notifications would cost more than parsing them.
 *
 * String arrays are NULL when empty; the getters hide that. Header and
 * environment maps are arrays of alternating names and values, in file
 * order.
 */
struct _PwTask
{
  GObject        parent_instance;

  /* The flow this task belongs to (unowned; the flow clears it). */
  gpointer       owner;

  char          *key;
  char          *name;
  PwTaskKind     kind;

  GStrv          command;
  char          *script;
  char          *method;
  char          *url;
  GStrv          headers;
  char          *body;
  char          *flow_name;
  JsonNode      *parameters;

  GStrv          after;
  int            retries;
  int            retry_delay_seconds;
  double         retry_backoff;
  double         retry_jitter;
  int            timeout_seconds;
  PwCachePolicy  cache_policy;
  int            cache_expiration_seconds;
  GStrv          tags;
  PwTriggerRule  trigger;
  GStrv          env;
  char          *workdir;
  char          *map;
  double         x;
  double         y;
};

enum {
  PW_TASK_PROP_0,
  PW_TASK_PROP_KEY,
  PW_TASK_PROP_NAME,
  PW_TASK_PROP_KIND,
  PW_TASK_PROP_COMMAND,
  PW_TASK_PROP_SCRIPT,
  PW_TASK_PROP_METHOD,
  PW_TASK_PROP_URL,
  PW_TASK_PROP_HEADERS,
  PW_TASK_PROP_BODY,
  PW_TASK_PROP_FLOW_NAME,
  PW_TASK_PROP_PARAMETERS,
  PW_TASK_PROP_AFTER,
  PW_TASK_PROP_RETRIES,
  PW_TASK_PROP_RETRY_DELAY_SECONDS,
  PW_TASK_PROP_RETRY_BACKOFF,
  PW_TASK_PROP_RETRY_JITTER,
  PW_TASK_PROP_TIMEOUT_SECONDS,
  PW_TASK_PROP_CACHE_POLICY,
  PW_TASK_PROP_CACHE_EXPIRATION_SECONDS,
  PW_TASK_PROP_TAGS,
  PW_TASK_PROP_TRIGGER,
  PW_TASK_PROP_ENV,
  PW_TASK_PROP_WORKDIR,
  PW_TASK_PROP_MAP,
  PW_TASK_PROP_X,
  PW_TASK_PROP_Y,
  PW_TASK_N_PROPS
};

extern GParamSpec *_pw_task_properties[PW_TASK_N_PROPS];

#define PW_TASK_DEFAULT_METHOD "GET"

const char * const *_pw_task_strv_or_empty (GStrv       strv);
gboolean            _pw_task_replace_str  (char      **field,
                                           const char *value);
gboolean            _pw_task_replace_strv (GStrv      *field,
                                           const char * const *value);
void                _pw_task_notify       (PwTask     *self,
                                           guint       prop_id);
void                _pw_task_set_owner    (PwTask     *self,
                                           gpointer    owner);

G_END_DECLS
