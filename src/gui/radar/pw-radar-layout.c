/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-radar-layout"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pw-radar-layout-private.h"

/*
 * The radar of a flow run, after Prefect 2's @prefecthq/radar (see
 * shared/prefect/RADAR.md), as plain C over plain structs.
 *
 * - The flow run is node 0, the root, at the centre. Every task run with
 *   no (known) upstream hangs off the root, so the graph has one source.
 * - Ring = the longest chain of upstream links back to the root, computed
 *   in topological order (Kahn), so every edge points outward and a cycle
 *   is found (and reported) instead of looping.
 * - Ring k's radius is the previous ring's plus PW_RADAR_RING_GAP; a ring
 *   whose nodes are all hidden adds nothing; an expanded ring grows until
 *   every node has its own slot, and the rings outside it move out.
 * - Slots: the original's walk from east and west toward the poles, a step
 *   as wide as the node box in that direction plus a margin; the lower half
 *   stops short of south, leaving the channel that long edges run down.
 * - Nodes take slots ring by ring in the order they were added. On rings 0
 *   and 1, even nodes take the first free slot and odd ones the middle of
 *   the free list (spreading the first ring); deeper nodes take the free
 *   slot nearest the circular mean angle of their upstreams (what the
 *   original meant to do). With no free slot a node shares the last one
 *   and the ring shows “+N”.
 * - Edges: radial segments and concentric arcs. A link to the next ring
 *   runs out on its own lane between the two rings, along it, and out to
 *   its target; a longer one goes along a lane to south, down the channel
 *   and along a lane just inside the target's ring.
 * Same input, same output: nothing depends on hash order or the clock.
 */

G_DEFINE_QUARK (pw-radar-layout-error-quark, pw_radar_layout_error)

static void
node_clear (gpointer data)
{
  PwRadarNode *node = data;

  g_free (node->id);
  g_free (node->label);
  g_free (node->detail);
  g_free (node->child_flow_run_id);
  g_strfreev (node->upstream_ids);
  g_free (node->up);
  g_free (node->down);
}

/**
 * pw_radar_layout_new:
 * @root_id: the flow run's id
 * @root_label: its name
 * @root_state: its state
 *
 * Returns: (transfer full): a radar with only its root; add the task runs
 *   with pw_radar_layout_add_node(), then pw_radar_layout_compute()
 */
PwRadarLayout *
pw_radar_layout_new (const char  *root_id,
                     const char  *root_label,
                     PwStateType  root_state)
{
  PwRadarLayout *self = g_new0 (PwRadarLayout, 1);
  PwRadarNode root = { 0 };

  g_return_val_if_fail (root_id != NULL, NULL);

  self->node_array = g_array_new (FALSE, TRUE, sizeof (PwRadarNode));
  g_array_set_clear_func (self->node_array, node_clear);
  self->index = g_hash_table_new (g_str_hash, g_str_equal);
  self->collapsed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->expanded_rings = g_hash_table_new (NULL, NULL);

  root.id = g_strdup (root_id);
  root.label = g_strdup (root_label != NULL ? root_label : root_id);
  root.state = root_state;
  root.kind = PW_RADAR_NODE_ROOT;
  g_array_append_val (self->node_array, root);
  g_hash_table_insert (self->index, root.id, GUINT_TO_POINTER (1));

  self->nodes = (PwRadarNode *)self->node_array->data;
  self->n_nodes = 1;
  return self;
}

static void
clear_rings (PwRadarLayout *self)
{
  for (guint i = 0; i < self->n_rings; i++)
    g_free (self->rings[i].angles);
  g_clear_pointer (&self->rings, g_free);
  self->n_rings = 0;
}

void
pw_radar_layout_free (PwRadarLayout *self)
{
  if (self == NULL)
    return;

  clear_rings (self);
  g_free (self->edges);
  g_hash_table_unref (self->index);
  g_hash_table_unref (self->collapsed);
  g_hash_table_unref (self->expanded_rings);
  g_array_unref (self->node_array);
  g_free (self);
}

/**
 * pw_radar_layout_add_node:
 * @id: the task run's id
 * @label: its name
 * @state: its state
 * @child_flow_run_id: (nullable): the sub-flow run it started
 * @upstream_ids: (nullable) (array zero-terminated=1): the task runs it
 *   waited for; ids not in the radar are ignored
 *
 * Returns: %TRUE, or %FALSE with %PW_RADAR_LAYOUT_ERROR_DUPLICATE
 */
gboolean
pw_radar_layout_add_node (PwRadarLayout      *self,
                          const char         *id,
                          const char         *label,
                          PwStateType         state,
                          const char         *child_flow_run_id,
                          const char * const *upstream_ids,
                          GError            **error)
{
  PwRadarNode node = { 0 };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (g_hash_table_contains (self->index, id))
    {
      g_set_error (error, PW_RADAR_LAYOUT_ERROR, PW_RADAR_LAYOUT_ERROR_DUPLICATE,
                   _("Task run “%s” appears twice in the graph"), id);
      return FALSE;
    }

  node.id = g_strdup (id);
  node.label = g_strdup (label != NULL ? label : id);
  node.state = state;
  node.child_flow_run_id = g_strdup (child_flow_run_id);
  node.kind = child_flow_run_id != NULL ? PW_RADAR_NODE_SUBFLOW : PW_RADAR_NODE_TASK;
  node.upstream_ids = g_strdupv ((char **)upstream_ids);
  g_array_append_val (self->node_array, node);

  self->nodes = (PwRadarNode *)self->node_array->data;
  self->n_nodes = self->node_array->len;
  g_hash_table_insert (self->index, self->nodes[self->n_nodes - 1].id,
                       GUINT_TO_POINTER (self->n_nodes));
  return TRUE;
}

void
pw_radar_layout_set_detail (PwRadarLayout *self,
                            guint          index,
                            const char    *detail)
{
  g_return_if_fail (self != NULL && index < self->n_nodes);

  g_free (self->nodes[index].detail);
  self->nodes[index].detail = g_strdup (detail);
}

/**
 * pw_radar_layout_lookup:
 *
 * Returns: the index of the node with @id, or -1
 */
int
pw_radar_layout_lookup (PwRadarLayout *self,
                        const char    *id)
{
  g_return_val_if_fail (self != NULL, -1);

  if (id == NULL)
    return -1;
  return (int)GPOINTER_TO_UINT (g_hash_table_lookup (self->index, id)) - 1;
}

/**
 * pw_radar_layout_set_collapsed:
 *
 * Hides (or shows again) everything downstream of the node with @id from
 * the next pw_radar_layout_compute() on. Kept by id, so it may be set
 * before the node is added.
 */
void
pw_radar_layout_set_collapsed (PwRadarLayout *self,
                               const char    *id,
                               gboolean       collapsed)
{
  g_return_if_fail (self != NULL && id != NULL);

  if (collapsed)
    g_hash_table_add (self->collapsed, g_strdup (id));
  else
    g_hash_table_remove (self->collapsed, id);
}

gboolean
pw_radar_layout_get_collapsed (PwRadarLayout *self,
                               const char    *id)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return id != NULL && g_hash_table_contains (self->collapsed, id);
}

/**
 * pw_radar_layout_set_ring_expanded:
 *
 * Grows @ring (from the next compute on) until each of its nodes has a
 * slot of its own: what clicking its “+N” does.
 */
void
pw_radar_layout_set_ring_expanded (PwRadarLayout *self,
                                   guint          ring,
                                   gboolean       expanded)
{
  g_return_if_fail (self != NULL);

  if (expanded)
    g_hash_table_add (self->expanded_rings, GUINT_TO_POINTER (ring + 1));
  else
    g_hash_table_remove (self->expanded_rings, GUINT_TO_POINTER (ring + 1));
}

/* Graph */

static void
add_index (GArray *array,
           guint   value)
{
  for (guint i = 0; i < array->len; i++)
    if (g_array_index (array, guint, i) == value)
      return;
  g_array_append_val (array, value);
}

static void
resolve_links (PwRadarLayout *self)
{
  g_autofree guint *n_down = g_new0 (guint, self->n_nodes);
  g_autoptr(GArray) up = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < self->n_nodes; i++)
    {
      PwRadarNode *node = &self->nodes[i];

      g_clear_pointer (&node->up, g_free);
      g_clear_pointer (&node->down, g_free);
      node->n_up = node->n_down = 0;
    }

  for (guint i = 1; i < self->n_nodes; i++)
    {
      PwRadarNode *node = &self->nodes[i];

      g_array_set_size (up, 0);
      for (guint k = 0; node->upstream_ids != NULL && node->upstream_ids[k] != NULL; k++)
        {
          int u = pw_radar_layout_lookup (self, node->upstream_ids[k]);

          if (u >= 0)
            add_index (up, u);
        }
      /* As Prefect's UI did: no upstream, the flow run is its upstream. */
      if (up->len == 0)
        add_index (up, 0);

      node->n_up = up->len;
      node->up = g_memdup2 (up->data, sizeof (guint) * up->len);
      for (guint k = 0; k < up->len; k++)
        n_down[g_array_index (up, guint, k)]++;
    }

  for (guint i = 0; i < self->n_nodes; i++)
    self->nodes[i].down = g_new (guint, MAX (n_down[i], 1));
  for (guint i = 1; i < self->n_nodes; i++)
    for (guint k = 0; k < self->nodes[i].n_up; k++)
      {
        PwRadarNode *u = &self->nodes[self->nodes[i].up[k]];

        u->down[u->n_down++] = i;
      }
}

/* A cycle among the nodes left over by the topological sort, as a path of
 * names: following upstream links from one of them must come back. */
static void
set_cycle_error (PwRadarLayout *self,
                 const guint   *indegree,
                 GError       **error)
{
  g_autofree int *seen_at = g_new (int, self->n_nodes);
  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GString) names = g_string_new (NULL);
  guint v = 0;
  int start;

  for (guint i = 0; i < self->n_nodes; i++)
    {
      seen_at[i] = -1;
      if (indegree[i] > 0 && v == 0)
        v = i;
    }

  for (;;)
    {
      PwRadarNode *node = &self->nodes[v];
      guint next = v;

      seen_at[v] = path->len;
      g_array_append_val (path, v);
      for (guint k = 0; k < node->n_up; k++)
        if (indegree[node->up[k]] > 0)
          {
            next = node->up[k];
            break;
          }
      if (seen_at[next] >= 0)
        {
          start = seen_at[next];
          break;
        }
      v = next;
    }

  /* Upstream first, like the flow reads. */
  for (int i = path->len - 1; i >= start; i--)
    g_string_append_printf (names, "“%s” → ", self->nodes[g_array_index (path, guint, i)].label);
  g_string_append_printf (names, "“%s”", self->nodes[g_array_index (path, guint, path->len - 1)].label);

  g_set_error (error, PW_RADAR_LAYOUT_ERROR, PW_RADAR_LAYOUT_ERROR_CYCLE,
               _("The task runs depend on each other in a cycle: %s"), names->str);
}

/* Longest-path rings in topological order; FALSE on a cycle. */
static gboolean
compute_rings (PwRadarLayout  *self,
               GError        **error)
{
  g_autofree guint *indegree = g_new0 (guint, self->n_nodes);
  g_autofree guint *queue = g_new (guint, self->n_nodes);
  guint head = 0, tail = 0;

  for (guint i = 0; i < self->n_nodes; i++)
    {
      indegree[i] = self->nodes[i].n_up;
      self->nodes[i].ring = 0;
      if (indegree[i] == 0)
        queue[tail++] = i;
    }

  while (head < tail)
    {
      PwRadarNode *node = &self->nodes[queue[head++]];

      for (guint k = 0; k < node->n_down; k++)
        {
          PwRadarNode *d = &self->nodes[node->down[k]];

          d->ring = MAX (d->ring, node->ring + 1);
          if (--indegree[node->down[k]] == 0)
            queue[tail++] = node->down[k];
        }
    }

  if (tail < self->n_nodes)
    {
      set_cycle_error (self, indegree, error);
      return FALSE;
    }
  return TRUE;
}

static void
compute_hidden (PwRadarLayout *self)
{
  g_autofree guint *queue = g_new (guint, self->n_nodes);
  g_autofree guint *mark = g_new0 (guint, self->n_nodes);

  for (guint i = 0; i < self->n_nodes; i++)
    {
      self->nodes[i].hidden = FALSE;
      self->nodes[i].hidden_count = 0;
      self->nodes[i].collapsed = g_hash_table_contains (self->collapsed, self->nodes[i].id) &&
                                 self->nodes[i].n_down > 0;
    }

  /* A breadth-first walk down from each collapsed node, as the original. */
  for (guint i = 0; i < self->n_nodes; i++)
    {
      guint head = 0, tail = 0;

      if (!self->nodes[i].collapsed)
        continue;

      mark[i] = i + 1;
      queue[tail++] = i;
      while (head < tail)
        {
          PwRadarNode *node = &self->nodes[queue[head++]];

          for (guint k = 0; k < node->n_down; k++)
            {
              guint d = node->down[k];

              if (mark[d] == i + 1)
                continue;
              mark[d] = i + 1;
              self->nodes[d].hidden = TRUE;
              queue[tail++] = d;
            }
        }
      self->nodes[i].hidden_count = tail - 1;
    }
}

/* Slots */

static double
box_extent (double angle)
{
  double c = cos (angle), s = sin (angle);

  return sqrt (PW_RADAR_NODE_HEIGHT * PW_RADAR_NODE_HEIGHT * c * c +
               PW_RADAR_NODE_WIDTH * PW_RADAR_NODE_WIDTH * s * s);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

/* The candidate angles on a ring of radius @r (RADAR.md, step 4). The
 * upper limit keeps the two boxes meeting at north apart, the lower one
 * keeps the channel at south open on every ring. */
static GArray *
ring_slots (double r)
{
  const double w = PW_RADAR_NODE_WIDTH;
  GArray *angles = g_array_new (FALSE, FALSE, sizeof (double));
  double upper = G_PI / 2 - 0.6 * w / r;
  double lower = MIN (r / (PW_RADAR_CHANNEL_WIDTH + w / 2),
                      G_PI / 2 - (PW_RADAR_CHANNEL_WIDTH / 2 + w / 2) / r);
  double t = 0, a;

  a = 0;
  g_array_append_val (angles, a);
  a = G_PI;
  g_array_append_val (angles, a);

  for (;;)
    {
      double lambda = 1.25 - 0.3 * sin (t);

      t += lambda * box_extent (t) / r;
      if (t >= upper && t >= lower)
        break;
      if (t < upper)
        {
          a = G_PI + t;
          g_array_append_val (angles, a);
          a = 2 * G_PI - t;
          g_array_append_val (angles, a);
        }
      if (t < lower)
        {
          a = t;
          g_array_append_val (angles, a);
          a = G_PI - t;
          g_array_append_val (angles, a);
        }
    }

  g_array_sort (angles, compare_double);
  return angles;
}

static double
angle_distance (double a,
                double b)
{
  double d = fmod (fabs (a - b), 2 * G_PI);

  return MIN (d, 2 * G_PI - d);
}

/* The free slot nearest @angle, searching both ways; -1 if none. */
static int
nearest_free (const PwRadarRing *ring,
              const guint8      *taken,
              double             angle)
{
  guint n = ring->n_slots;
  guint lo = 0, hi = n;
  int best = -1;
  double best_d = G_MAXDOUBLE;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (ring->angles[mid] < angle)
        lo = mid + 1;
      else
        hi = mid;
    }

  /* lo is the first slot at or past @angle: walk up from it and down
   * from the one before, wrapping round. */
  for (guint step = 0; step < n; step++)
    {
      guint up = (lo + step) % n;

      if (!taken[up])
        {
          best = up;
          best_d = angle_distance (ring->angles[up], angle);
          break;
        }
    }
  for (guint step = 0; step < n; step++)
    {
      guint down = (lo + n - 1 - step) % n;

      if (!taken[down])
        {
          double d = angle_distance (ring->angles[down], angle);

          if (best < 0 || d < best_d)
            best = down;
          break;
        }
    }
  return best;
}

static void
set_ring_slots (PwRadarRing *ring,
                double       radius)
{
  g_autoptr(GArray) angles = ring_slots (radius);

  g_free (ring->angles);
  ring->radius = radius;
  ring->n_slots = angles->len;
  ring->angles = g_memdup2 (angles->data, sizeof (double) * angles->len);
}

static void
compute_radii (PwRadarLayout *self)
{
  guint max_ring = 0;

  for (guint i = 0; i < self->n_nodes; i++)
    if (!self->nodes[i].hidden)
      max_ring = MAX (max_ring, self->nodes[i].ring);

  clear_rings (self);
  self->n_rings = MAX (max_ring + 1, PW_RADAR_MIN_RINGS);
  self->rings = g_new0 (PwRadarRing, self->n_rings);

  for (guint i = 0; i < self->n_nodes; i++)
    if (!self->nodes[i].hidden)
      self->rings[self->nodes[i].ring].n_nodes++;

  for (guint k = 0; k < self->n_rings; k++)
    {
      PwRadarRing *ring = &self->rings[k];
      double radius;

      ring->empty = ring->n_nodes == 0 && k <= max_ring;
      if (k == 0)
        {
          ring->radius = 0;
          ring->n_slots = 1;
          ring->angles = g_new0 (double, 1);
          continue;
        }

      radius = self->rings[k - 1].radius + (ring->empty ? 0 : PW_RADAR_RING_GAP);
      if (ring->empty)
        {
          ring->radius = radius;
          continue;
        }
      set_ring_slots (ring, radius);

      ring->expanded = g_hash_table_contains (self->expanded_rings, GUINT_TO_POINTER (k + 1)) &&
                       ring->n_slots < ring->n_nodes;
      if (ring->expanded)
        {
          double diag = hypot (PW_RADAR_NODE_WIDTH, PW_RADAR_NODE_HEIGHT);

          radius = MAX (radius, ceil (ring->n_nodes * diag / (2 * G_PI)));
          set_ring_slots (ring, radius);
          while (ring->n_slots < ring->n_nodes)
            set_ring_slots (ring, ring->radius * 1.15);
        }
    }
}

static void
place_node (PwRadarLayout *self,
            PwRadarNode   *node,
            guint          slot)
{
  PwRadarRing *ring = &self->rings[node->ring];

  node->slot = slot;
  node->angle = ring->angles[slot];
  node->radius = ring->radius;
  node->x = ring->radius * cos (node->angle);
  node->y = ring->radius * sin (node->angle);
}

static void
assign_slots (PwRadarLayout *self)
{
  g_autoptr(GPtrArray) by_ring = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);

  for (guint k = 0; k < self->n_rings; k++)
    g_ptr_array_add (by_ring, g_array_new (FALSE, FALSE, sizeof (guint)));
  for (guint i = 0; i < self->n_nodes; i++)
    {
      self->nodes[i].overflow = FALSE;
      if (!self->nodes[i].hidden)
        g_array_append_val (g_ptr_array_index (by_ring, self->nodes[i].ring), i);
    }

  for (guint k = 0; k < self->n_rings; k++)
    {
      GArray *members = g_ptr_array_index (by_ring, k);
      PwRadarRing *ring = &self->rings[k];
      g_autofree guint8 *taken = g_new0 (guint8, MAX (ring->n_slots, 1));
      guint n_free = ring->n_slots;

      for (guint m = 0; m < members->len; m++)
        {
          PwRadarNode *node = &self->nodes[g_array_index (members, guint, m)];
          int slot = -1;

          if (n_free == 0)
            {
              /* Full: share the last slot, and count it for the “+N”. */
              if (ring->overflow == 0)
                ring->overflow_node = g_array_index (members, guint, m);
              ring->overflow++;
              node->overflow = TRUE;
              place_node (self, node, ring->n_slots - 1);
              continue;
            }

          if (k <= 1)
            {
              guint target = (m % 2 == 0) ? 0 : n_free / 2;

              for (guint s = 0, seen = 0; s < ring->n_slots; s++)
                if (!taken[s] && seen++ == target)
                  {
                    slot = s;
                    break;
                  }
            }
          else
            {
              double sx = 0, sy = 0;
              guint n = 0;

              for (guint u = 0; u < node->n_up; u++)
                {
                  PwRadarNode *up = &self->nodes[node->up[u]];

                  if (up->hidden || up->radius == 0)
                    continue;
                  sx += cos (up->angle);
                  sy += sin (up->angle);
                  n++;
                }
              if (n == 0 || hypot (sx, sy) < 1e-9)
                slot = nearest_free (ring, taken, n > 0 ? self->nodes[node->up[0]].angle : 0);
              else
                {
                  double mean = atan2 (sy, sx);

                  if (mean < 0)
                    mean += 2 * G_PI;
                  slot = nearest_free (ring, taken, mean);
                }
            }

          g_assert (slot >= 0);
          taken[slot] = TRUE;
          n_free--;
          place_node (self, node, slot);
        }

      /* The node sitting in the last slot is one of the overflow too. */
      if (ring->overflow > 0)
        for (guint m = 0; m < members->len; m++)
          {
            PwRadarNode *node = &self->nodes[g_array_index (members, guint, m)];

            if (!node->overflow && node->slot == ring->n_slots - 1)
              {
                node->overflow = TRUE;
                ring->overflow_node = g_array_index (members, guint, m);
              }
          }
    }
}

/**
 * pw_radar_layout_compute:
 *
 * Lays the radar out: rings, slots, hidden subtrees, edges.
 *
 * Returns: %TRUE, or %FALSE with %PW_RADAR_LAYOUT_ERROR_CYCLE when the
 *   upstream links close a cycle (the layout is then empty)
 */
gboolean
pw_radar_layout_compute (PwRadarLayout  *self,
                         GError        **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  self->generation++;
  resolve_links (self);
  if (!compute_rings (self, error))
    {
      clear_rings (self);
      self->n_edges = 0;
      self->extent = 0;
      for (guint i = 0; i < self->n_nodes; i++)
        self->nodes[i].hidden = TRUE;
      return FALSE;
    }

  compute_hidden (self);
  compute_radii (self);
  assign_slots (self);
  _pw_radar_layout_compute_edges (self);

  self->extent = self->rings[self->n_rings - 1].radius + hypot (PW_RADAR_NODE_WIDTH, PW_RADAR_NODE_HEIGHT) / 2 +
                 2 * PW_RADAR_BADGE_RADIUS;
  return TRUE;
}
