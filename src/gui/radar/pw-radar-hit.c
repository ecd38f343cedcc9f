/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-radar-layout"

#include "config.h"

#include <math.h>

#include "pw-radar-layout-private.h"

/*
 * Where the radar's badges are (collapse, sub-flow chevron, “+N”) and what
 * a point hits, in world coordinates: shared by the painter and the view.
 */

/**
 * pw_radar_node_collapse_badge:
 *
 * Where the collapse badge of node @index is: just outside its card,
 * further from the centre.
 *
 * Returns: %FALSE if the node has nothing downstream (no badge)
 */
gboolean
pw_radar_node_collapse_badge (PwRadarLayout *self,
                              guint          index,
                              double        *cx,
                              double        *cy)
{
  PwRadarNode *node = &self->nodes[index];
  double c, s, ext;

  if (node->n_down == 0 || node->hidden)
    return FALSE;

  if (node->radius == 0)
    {
      *cx = 0;
      *cy = PW_RADAR_NODE_HEIGHT / 2 + PW_RADAR_BADGE_RADIUS + 4;
      return TRUE;
    }

  c = cos (node->angle);
  s = sin (node->angle);
  ext = MIN (fabs (c) > 1e-6 ? PW_RADAR_NODE_WIDTH / 2 / fabs (c) : G_MAXDOUBLE,
             fabs (s) > 1e-6 ? PW_RADAR_NODE_HEIGHT / 2 / fabs (s) : G_MAXDOUBLE);
  *cx = node->x + c * (ext + PW_RADAR_BADGE_RADIUS + 4);
  *cy = node->y + s * (ext + PW_RADAR_BADGE_RADIUS + 4);
  return TRUE;
}

/* The sub-flow chevron, inside the card at its right end. */
void
pw_radar_node_subflow_toggle (PwRadarLayout *self,
                              guint          index,
                              double        *cx,
                              double        *cy)
{
  PwRadarNode *node = &self->nodes[index];

  *cx = node->x + PW_RADAR_NODE_WIDTH / 2 - 18;
  *cy = node->y;
}

/* The “+N” bubble, on the top right corner of the ring's last slot. */
gboolean
pw_radar_ring_overflow_badge (PwRadarLayout *self,
                              guint          ring,
                              double        *cx,
                              double        *cy)
{
  PwRadarNode *node;

  if (ring >= self->n_rings || self->rings[ring].overflow == 0)
    return FALSE;

  node = &self->nodes[self->rings[ring].overflow_node];
  *cx = node->x + PW_RADAR_NODE_WIDTH / 2;
  *cy = node->y - PW_RADAR_NODE_HEIGHT / 2;
  return TRUE;
}

static gboolean
in_circle (double x,
           double y,
           double cx,
           double cy,
           double r)
{
  return (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r;
}

/**
 * pw_radar_layout_hit:
 * @x: world x
 * @y: world y
 *
 * Returns: what is at (@x, @y): a badge before a card, the card drawn last
 *   before one under it
 */
PwRadarHit
pw_radar_layout_hit (PwRadarLayout *self,
                     double         x,
                     double         y)
{
  double cx, cy;

  for (guint k = 0; k < self->n_rings; k++)
    if (pw_radar_ring_overflow_badge (self, k, &cx, &cy) &&
        in_circle (x, y, cx, cy, PW_RADAR_BADGE_RADIUS + 2))
      return (PwRadarHit) { PW_RADAR_HIT_OVERFLOW, k };

  for (guint i = self->n_nodes; i-- > 0;)
    {
      PwRadarNode *node = &self->nodes[i];

      if (node->hidden)
        continue;
      if (pw_radar_node_collapse_badge (self, i, &cx, &cy) &&
          in_circle (x, y, cx, cy, PW_RADAR_BADGE_RADIUS + 2))
        return (PwRadarHit) { PW_RADAR_HIT_COLLAPSE, i };
      if (fabs (x - node->x) <= PW_RADAR_NODE_WIDTH / 2 &&
          fabs (y - node->y) <= PW_RADAR_NODE_HEIGHT / 2)
        {
          if (node->kind == PW_RADAR_NODE_SUBFLOW)
            {
              pw_radar_node_subflow_toggle (self, i, &cx, &cy);
              if (in_circle (x, y, cx, cy, PW_RADAR_BADGE_RADIUS + 4))
                return (PwRadarHit) { PW_RADAR_HIT_SUBFLOW, i };
            }
          return (PwRadarHit) { PW_RADAR_HIT_NODE, i };
        }
    }

  return (PwRadarHit) { PW_RADAR_HIT_NONE, 0 };
}

/**
 * pw_radar_edge_touches:
 *
 * Returns: whether edge @edge starts or ends at node @node
 */
gboolean
pw_radar_edge_touches (PwRadarLayout *self,
                       guint          edge,
                       guint          node)
{
  return self->edges[edge].source == node || self->edges[edge].target == node;
}
