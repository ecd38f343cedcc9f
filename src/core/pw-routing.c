/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-routing"

#include "config.h"

#include "pw-routing.h"

/*
 * Which work queue a deployment's runs wait in (DESIGN.md §2): the queue
 * it names; else the first queue, by priority (lower first) and then by
 * name, whose tag filter the deployment's tags satisfy; else `default`.
 * A plain function over the queues, so that the store (inside its
 * transaction) and tests use the same rule.
 */

/**
 * pw_routing_pick_queue:
 * @queues: (element-type PwWorkQueue): the work queues there are, in any
 *   order
 * @work_queue_name: (nullable): the queue the deployment names
 * @tags: (nullable): the deployment's tags
 *
 * Returns: (transfer none): the name of the queue its runs go to; it may
 *   not exist yet (the caller creates it)
 */
const char *
pw_routing_pick_queue (GPtrArray          *queues,
                       const char         *work_queue_name,
                       const char * const *tags)
{
  PwWorkQueue *best = NULL;

  g_return_val_if_fail (queues != NULL, NULL);

  if (work_queue_name != NULL && *work_queue_name != '\0')
    return work_queue_name;

  for (guint i = 0; i < queues->len; i++)
    {
      PwWorkQueue *queue = g_ptr_array_index (queues, i);

      if (!pw_work_queue_matches_tags (queue, tags))
        continue;

      if (best == NULL ||
          pw_work_queue_get_priority (queue) < pw_work_queue_get_priority (best) ||
          (pw_work_queue_get_priority (queue) == pw_work_queue_get_priority (best) &&
           g_strcmp0 (pw_work_queue_get_name (queue), pw_work_queue_get_name (best)) < 0))
        best = queue;
    }

  return best != NULL ? pw_work_queue_get_name (best) : PW_WORK_QUEUE_DEFAULT;
}
