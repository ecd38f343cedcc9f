/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pw-state.h"

G_BEGIN_DECLS

/* World units (a view pixel at 100 %). */
#define PW_RADAR_NODE_WIDTH     168.0
#define PW_RADAR_NODE_HEIGHT    44.0
#define PW_RADAR_RING_GAP       280.0
#define PW_RADAR_CHANNEL_WIDTH  120.0
#define PW_RADAR_MIN_RINGS      5
#define PW_RADAR_BADGE_RADIUS   11.0
#define PW_RADAR_MAX_SEGMENTS   5

#define PW_RADAR_LAYOUT_ERROR (pw_radar_layout_error_quark ())

/**
 * PwRadarLayoutError:
 * @PW_RADAR_LAYOUT_ERROR_DUPLICATE: two nodes have the same id
 * @PW_RADAR_LAYOUT_ERROR_CYCLE: the upstream links close a cycle
 *
 * Errors of laying out a radar.
 */
typedef enum
{
  PW_RADAR_LAYOUT_ERROR_DUPLICATE,
  PW_RADAR_LAYOUT_ERROR_CYCLE,
} PwRadarLayoutError;

/**
 * PwRadarNodeKind:
 * @PW_RADAR_NODE_ROOT: the flow run, at the centre
 * @PW_RADAR_NODE_TASK: a task run
 * @PW_RADAR_NODE_SUBFLOW: a task run that started a sub-flow run
 */
typedef enum
{
  PW_RADAR_NODE_ROOT,
  PW_RADAR_NODE_TASK,
  PW_RADAR_NODE_SUBFLOW,
} PwRadarNodeKind;

/**
 * PwRadarNode:
 * @id: the task run's (or, for the root, the flow run's) id
 * @label: the name shown
 * @detail: (nullable): the second line (state, duration)
 * @child_flow_run_id: (nullable): the sub-flow run a task run started
 * @ring: the longest chain of upstream links back to the root
 * @slot: the slot on the ring (the last one when overflowed)
 * @angle: radians, 0 east, growing clockwise on screen
 * @hidden: inside a collapsed subtree
 * @hidden_count: for a collapsed node, how many nodes it hides
 * @overflow: shares the ring's last slot with other nodes
 * @expanded: a sub-flow shown inline (set by the view)
 */
typedef struct
{
  char            *id;
  char            *label;
  char            *detail;
  char            *child_flow_run_id;
  GStrv            upstream_ids;
  PwStateType      state;
  PwRadarNodeKind  kind;

  guint           *up;
  guint            n_up;
  guint           *down;
  guint            n_down;

  guint            ring;
  guint            slot;
  double           angle;
  double           radius;
  double           x;
  double           y;
  gboolean         hidden;
  gboolean         collapsed;
  guint            hidden_count;
  gboolean         overflow;
  gboolean         expanded;
} PwRadarNode;

typedef enum
{
  PW_RADAR_SEGMENT_LINE,
  PW_RADAR_SEGMENT_ARC,
} PwRadarSegmentKind;

/**
 * PwRadarSegment:
 *
 * A radial line from (@radius0, @angle0) to (@radius1, @angle1 = @angle0),
 * or an arc of radius @radius0 = @radius1 from @angle0 to @angle1 (which
 * is smaller than @angle0 for an arc drawn counter-clockwise).
 */
typedef struct
{
  PwRadarSegmentKind kind;
  double             radius0;
  double             angle0;
  double             radius1;
  double             angle1;
} PwRadarSegment;

typedef struct
{
  guint          source;
  guint          target;
  double         width;
  guint          n_segments;
  PwRadarSegment segments[PW_RADAR_MAX_SEGMENTS];
  double         x0, y0, x1, y1;  /* bounding box */
} PwRadarEdge;

/**
 * PwRadarRing:
 * @radius: distance from the centre
 * @angles: (array length=n_slots): the slots' angles, ascending
 * @n_nodes: visible nodes on the ring
 * @overflow: nodes that found no slot of their own (the “+N”)
 * @overflow_node: the first node in the last slot, when @overflow > 0
 * @expanded: grown so that every node has its own slot
 * @empty: every node on it is hidden
 */
typedef struct
{
  double    radius;
  double   *angles;
  guint     n_slots;
  guint     n_nodes;
  guint     overflow;
  guint     overflow_node;
  gboolean  expanded;
  gboolean  empty;
} PwRadarRing;

/**
 * PwRadarLayout:
 *
 * The radar of a flow run: its nodes (the root first), their rings and
 * slots, and the edges' polar-orthogonal paths. Plain C, no display.
 */
typedef struct
{
  PwRadarNode *nodes;
  guint        n_nodes;
  PwRadarEdge *edges;
  guint        n_edges;
  PwRadarRing *rings;
  guint        n_rings;
  double       extent;      /* every node lies within this radius */

  /*< private >*/
  GArray      *node_array;
  GHashTable  *index;       /* id → index + 1 */
  GHashTable  *collapsed;   /* ids */
  GHashTable  *expanded_rings;
  guint        generation;
} PwRadarLayout;

typedef enum
{
  PW_RADAR_HIT_NONE,
  PW_RADAR_HIT_NODE,
  PW_RADAR_HIT_COLLAPSE,
  PW_RADAR_HIT_SUBFLOW,
  PW_RADAR_HIT_OVERFLOW,
} PwRadarHitKind;

/**
 * PwRadarHit:
 * @kind: what is under the point
 * @index: the node (or, for %PW_RADAR_HIT_OVERFLOW, the ring)
 */
typedef struct
{
  PwRadarHitKind kind;
  guint          index;
} PwRadarHit;

GQuark         pw_radar_layout_error_quark    (void);

PwRadarLayout *pw_radar_layout_new            (const char         *root_id,
                                               const char         *root_label,
                                               PwStateType         root_state);
void           pw_radar_layout_free           (PwRadarLayout      *self);
gboolean       pw_radar_layout_add_node       (PwRadarLayout      *self,
                                               const char         *id,
                                               const char         *label,
                                               PwStateType         state,
                                               const char         *child_flow_run_id,
                                               const char * const *upstream_ids,
                                               GError            **error);
void           pw_radar_layout_set_detail     (PwRadarLayout      *self,
                                               guint               index,
                                               const char         *detail);
int            pw_radar_layout_lookup         (PwRadarLayout      *self,
                                               const char         *id);
void           pw_radar_layout_set_collapsed  (PwRadarLayout      *self,
                                               const char         *id,
                                               gboolean            collapsed);
gboolean       pw_radar_layout_get_collapsed  (PwRadarLayout      *self,
                                               const char         *id);
void           pw_radar_layout_set_ring_expanded (PwRadarLayout   *self,
                                               guint               ring,
                                               gboolean            expanded);
gboolean       pw_radar_layout_compute        (PwRadarLayout      *self,
                                               GError            **error);

gboolean       pw_radar_node_collapse_badge   (PwRadarLayout      *self,
                                               guint               index,
                                               double             *cx,
                                               double             *cy);
void           pw_radar_node_subflow_toggle   (PwRadarLayout      *self,
                                               guint               index,
                                               double             *cx,
                                               double             *cy);
gboolean       pw_radar_ring_overflow_badge   (PwRadarLayout      *self,
                                               guint               ring,
                                               double             *cx,
                                               double             *cy);
PwRadarHit     pw_radar_layout_hit            (PwRadarLayout      *self,
                                               double              x,
                                               double              y);
void           pw_radar_segment_point         (const PwRadarSegment *segment,
                                               gboolean            end,
                                               double             *x,
                                               double             *y);
gboolean       pw_radar_edge_touches          (PwRadarLayout      *self,
                                               guint               edge,
                                               guint               node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwRadarLayout, pw_radar_layout_free)

G_END_DECLS
