/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-dag-paint.h"
#include "pw-radar-paint.h"
#include "pw-radar-view.h"

G_BEGIN_DECLS

/* Shared by pw-radar-view.c (model, layout, drawing, API) and
 * pw-radar-view-input.c (pointer, keys, zoom and pan). */

#define PW_RADAR_MIN_ZOOM 0.005
#define PW_RADAR_MAX_ZOOM 3.0
#define PW_RADAR_MINIMAP_SIZE 132.0
#define PW_RADAR_MINIMAP_MARGIN 12.0

typedef struct
{
  char       *task_run_id;
  char       *child_flow_run_id;
  GListStore *task_runs;
  gboolean    expanded;
  gboolean    loading;
} Subflow;

struct _PwRadarView
{
  GtkWidget       parent_instance;

  PwBackend      *backend;
  PwFlowRun      *flow_run;
  GListModel     *task_runs;
  GHashTable     *watched;        /* PwTaskRun we listen to (a ref each) */
  GHashTable     *subflows;       /* task run id → Subflow */
  GHashTable     *probed;         /* running task runs asked for a sub-flow run */
  GPtrArray      *to_probe;
  GHashTable     *collapsed;      /* node ids */
  GHashTable     *expanded_rings; /* ring + 1 */
  GHashTable     *selected;       /* node ids */
  GCancellable   *cancellable;

  PwRadarLayout  *layout;
  char           *error;
  guint8         *selected_mask;
  guint           relayout_id;
  int             hover;

  /* view = world × scale + (x, y) */
  double          scale;
  double          x;
  double          y;
  gboolean        fitted;         /* follows the size until moved by hand */
  double          drag_x;
  double          drag_y;
  double          zoom_begin;
  gboolean        minimap_drag;

  PwDagColors     colors;
  PangoContext   *pango;
  GskRenderNode  *cache;
  int             cache_width;
  int             cache_height;
};

void _pw_radar_view_invalidate    (PwRadarView *self);
void _pw_radar_view_queue_relayout (PwRadarView *self);
void _pw_radar_view_rewatch       (PwRadarView *self);
void _pw_radar_view_watch_range   (PwRadarView *self,
                                   GListModel  *model,
                                   guint        position,
                                   guint        n);
Subflow *_pw_radar_view_ensure_subflow (PwRadarView *self,
                                        const char  *task_run_id);
void _pw_radar_view_subflow_free  (gpointer     data);
void _pw_radar_view_probe_subflows (PwRadarView *self);
void _pw_radar_view_setup_input   (PwRadarView *self);
void _pw_radar_view_class_input   (GtkWidgetClass *widget_class);
void _pw_radar_view_zoom_at       (PwRadarView *self,
                                   double       zoom,
                                   double       vx,
                                   double       vy);
gboolean _pw_radar_view_in_minimap (PwRadarView *self,
                                    double       x,
                                    double       y);
void _pw_radar_view_minimap_jump  (PwRadarView *self,
                                   double       x,
                                   double       y);

void _pw_radar_view_snapshot      (GtkWidget         *widget,
                                   GtkSnapshot       *snapshot);
void _pw_radar_view_size_allocate (GtkWidget         *widget,
                                   int                width,
                                   int                height,
                                   int                baseline);
void _pw_radar_view_css_changed   (GtkWidget         *widget,
                                   GtkCssStyleChange *change);

G_END_DECLS
