/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Setter helpers shared by the run records (PwState, PwFlowRun, PwTaskRun,
 * PwLogEntry): each replaces the value in @slot and returns %TRUE only when
 * it changed, so that setters notify only on change.
 */

static inline gboolean
pw_record_set_string (char       **slot,
                      const char  *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;

  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

static inline gboolean
pw_record_set_date_time (GDateTime **slot,
                         GDateTime  *value)
{
  if (*slot == value)
    return FALSE;
  if (*slot != NULL && value != NULL && g_date_time_equal (*slot, value))
    return FALSE;

  g_clear_pointer (slot, g_date_time_unref);
  if (value != NULL)
    *slot = g_date_time_ref (value);
  return TRUE;
}

/* A %NULL list and an empty one are the same list of tags. */
static inline gboolean
pw_record_set_strv (GStrv              *slot,
                    const char * const *value)
{
  gboolean old_empty = *slot == NULL || **slot == NULL;
  gboolean new_empty = value == NULL || *value == NULL;

  if (old_empty && new_empty)
    return FALSE;
  if (!old_empty && !new_empty && g_strv_equal ((const char * const *)*slot, value))
    return FALSE;

  g_strfreev (*slot);
  *slot = new_empty ? NULL : g_strdupv ((char **)value);
  return TRUE;
}

static inline const char * const *
pw_record_strv_or_empty (GStrv strv)
{
  static const char * const empty[] = { NULL };

  return strv != NULL ? (const char * const *)strv : empty;
}

G_END_DECLS
