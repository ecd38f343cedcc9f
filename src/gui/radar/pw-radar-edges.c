/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-radar-layout"

#include "config.h"

#include <math.h>

#include "pw-radar-layout-private.h"

/*
 * The radar's edges (RADAR.md, step 6): polar-orthogonal paths of radial
 * segments and concentric arcs. Each ring pair has a band of lanes between
 * the two rings, clear of the cards; the k-th of the L links leaving a
 * ring runs on its own lane. A link to the next ring goes out to its lane,
 * along it (the short way round) and out to its target; a longer one goes
 * along its lane to south, down the channel every long edge shares, and
 * along a lane just inside the target's ring. Width: the ring gap over the
 * links leaving the source ring, 1 to 4.
 */

static void
bbox_add (PwRadarEdge *edge,
          double       x,
          double       y)
{
  edge->x0 = MIN (edge->x0, x);
  edge->y0 = MIN (edge->y0, y);
  edge->x1 = MAX (edge->x1, x);
  edge->y1 = MAX (edge->y1, y);
}

/**
 * pw_radar_segment_point:
 * @end: the end rather than the start
 *
 * The start or end point of @segment, in world coordinates.
 */
void
pw_radar_segment_point (const PwRadarSegment *segment,
                        gboolean              end,
                        double               *x,
                        double               *y)
{
  double r = end ? segment->radius1 : segment->radius0;
  double a = end ? segment->angle1 : segment->angle0;

  *x = r * cos (a);
  *y = r * sin (a);
}

static void
add_segment (PwRadarEdge        *edge,
             PwRadarSegmentKind  kind,
             double              r0,
             double              a0,
             double              r1,
             double              a1)
{
  PwRadarSegment *s = &edge->segments[edge->n_segments++];
  double x, y;

  g_assert (edge->n_segments <= PW_RADAR_MAX_SEGMENTS);
  *s = (PwRadarSegment) { kind, r0, a0, r1, a1 };
  pw_radar_segment_point (s, FALSE, &x, &y);
  bbox_add (edge, x, y);
  pw_radar_segment_point (s, TRUE, &x, &y);
  bbox_add (edge, x, y);

  /* An arc reaches further where it passes a compass point. */
  if (kind == PW_RADAR_SEGMENT_ARC)
    {
      double from = MIN (a0, a1), to = MAX (a0, a1);

      for (double q = ceil (from / (G_PI / 2)) * (G_PI / 2); q <= to; q += G_PI / 2)
        bbox_add (edge, r0 * cos (q), r0 * sin (q));
    }
}

/* The signed turn from @from to @to, the short way round. */
static double
turn (double from,
      double to)
{
  double d = fmod (to - from, 2 * G_PI);

  if (d > G_PI)
    d -= 2 * G_PI;
  else if (d <= -G_PI)
    d += 2 * G_PI;
  return d;
}

/* The band of lanes between ring @k and the next ring further out. */
static void
lane_band (PwRadarLayout *self,
           guint          k,
           double        *lo,
           double        *hi)
{
  double r = self->rings[k].radius;
  double next = r + PW_RADAR_RING_GAP;
  double margin;

  for (guint j = k + 1; j < self->n_rings; j++)
    if (self->rings[j].radius > r)
      {
        next = self->rings[j].radius;
        break;
      }

  margin = MIN (PW_RADAR_NODE_WIDTH / 2 + 12, 0.4 * (next - r));
  *lo = k == 0 ? r : r + margin;
  *hi = next - margin;
}

static double
lane_radius (PwRadarLayout *self,
             guint          k,
             guint          index,
             guint          count)
{
  double lo, hi;

  lane_band (self, k, &lo, &hi);
  return hi - (index + 0.5) * (hi - lo) / MAX (count, 1);
}

/* The band just inside ring @k: the band of the ring before it. */
static guint
inner_ring (PwRadarLayout *self,
            guint          k)
{
  for (guint j = k; j-- > 0;)
    if (self->rings[j].radius < self->rings[k].radius)
      return j;
  return 0;
}

void
_pw_radar_layout_compute_edges (PwRadarLayout *self)
{
  g_autofree guint *out_count = g_new0 (guint, self->n_rings);
  g_autofree guint *in_count = g_new0 (guint, self->n_rings);
  g_autofree guint *out_seen = g_new0 (guint, self->n_rings);
  g_autofree guint *in_seen = g_new0 (guint, self->n_rings);
  guint n = 0;

  for (guint i = 1; i < self->n_nodes; i++)
    {
      PwRadarNode *t = &self->nodes[i];

      if (t->hidden)
        continue;
      for (guint k = 0; k < t->n_up; k++)
        {
          PwRadarNode *s = &self->nodes[t->up[k]];

          if (s->hidden)
            continue;
          n++;
          out_count[s->ring]++;
          if (t->ring > s->ring + 1)
            in_count[inner_ring (self, t->ring)]++;
        }
    }

  g_free (self->edges);
  self->edges = g_new0 (PwRadarEdge, MAX (n, 1));
  self->n_edges = 0;

  for (guint i = 1; i < self->n_nodes; i++)
    {
      PwRadarNode *t = &self->nodes[i];

      if (t->hidden)
        continue;
      for (guint k = 0; k < t->n_up; k++)
        {
          PwRadarNode *s = &self->nodes[t->up[k]];
          PwRadarEdge *e;
          double lane, span;

          if (s->hidden)
            continue;

          e = &self->edges[self->n_edges++];
          e->source = t->up[k];
          e->target = i;
          e->x0 = e->y0 = G_MAXDOUBLE;
          e->x1 = e->y1 = -G_MAXDOUBLE;
          span = t->radius - s->radius;
          e->width = CLAMP (floor (span / MAX (out_count[s->ring], 1)), 1, 4);

          if (s->radius == 0)
            {
              add_segment (e, PW_RADAR_SEGMENT_LINE, 0, t->angle, t->radius, t->angle);
              out_seen[s->ring]++;
              continue;
            }

          lane = lane_radius (self, s->ring, out_seen[s->ring]++, out_count[s->ring]);
          add_segment (e, PW_RADAR_SEGMENT_LINE, s->radius, s->angle, lane, s->angle);

          if (t->ring == s->ring + 1)
            {
              double a1 = s->angle + turn (s->angle, t->angle);

              add_segment (e, PW_RADAR_SEGMENT_ARC, lane, s->angle, lane, a1);
              add_segment (e, PW_RADAR_SEGMENT_LINE, lane, t->angle, t->radius, t->angle);
            }
          else
            {
              /* Down the channel at south, shared by every long edge. */
              guint inner = inner_ring (self, t->ring);
              double south = G_PI / 2;
              double lane_in = lane_radius (self, inner, in_seen[inner]++, in_count[inner]);
              double a_out = s->angle + turn (s->angle, south);
              double a_in = south + turn (south, t->angle);

              add_segment (e, PW_RADAR_SEGMENT_ARC, lane, s->angle, lane, a_out);
              add_segment (e, PW_RADAR_SEGMENT_LINE, lane, south, lane_in, south);
              add_segment (e, PW_RADAR_SEGMENT_ARC, lane_in, south, lane_in, a_in);
              add_segment (e, PW_RADAR_SEGMENT_LINE, lane_in, t->angle, t->radius, t->angle);
            }
        }
    }
}

