/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-dag-paint.h"

G_BEGIN_DECLS

/* Shared by pw-dag-paint.c (background, edges, the API) and
 * pw-dag-paint-nodes.c (tasks). */

#define LOD_FULL_SCALE   0.5
#define LOD_BOXES_SCALE  0.15
#define AA_EDGE_LIMIT    2000

#define NAME_SIZE        13.0
#define DETAIL_SIZE      11.0
#define PAD              10.0
#define GLYPH_BOX        28.0
#define TEXT_X           (PAD + GLYPH_BOX + 8.0)
#define BADGE_RADIUS     8.0
#define STACK_OFFSET     4.0
#define EDGE_WIDTH       1.5
#define STRIPE_WIDTH     8.0

static inline void
set_color (cairo_t          *cr,
           const PwDagColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

/* One device pixel in world units. */
static inline double
hairline (const PwDagPaintOptions *options)
{
  return 1.0 / (options->scale * options->device_scale);
}

static inline void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static inline gboolean
skipped (const PwDagPaintOptions *options,
         guint                    node)
{
  return options->skip != NULL && options->skip[node];
}

/* The colour a node is known by at low detail: problem, state, kind. */
static inline const PwDagColor *
node_color (PwDagScene              *scene,
            const PwDagPaintOptions *options,
            guint                    i)
{
  const PwDagColors *p = options->colors;

  if (scene->state[i] != PW_DAG_NO_STATE)
    return &p->state[scene->state[i]];
  if (scene->problems[i] > 0)
    return &p->error;
  return &p->kind[MIN (scene->kind[i], 4)];
}

/* What a card looks like apart from its text, its count badge and its bar
 * of task runs: the same for every task of one kind, border and shape. */
typedef struct
{
  guint    kind;       /* 0 … 4 */
  int      state;      /* a #PwStateType or %PW_DAG_NO_STATE */
  gboolean problem;    /* problems and no state: red border and badge */
  gboolean stacked;    /* a mapped task, or one with several runs */
  gboolean ports;
} PwDagCardLook;

typedef struct _PwDagSprites PwDagSprites;

/* pw-dag-paint-cards.c */
PwDagSprites *_pw_dag_sprites_new   (void);
void          _pw_dag_sprites_free  (PwDagSprites        *sprites);
gboolean      _pw_dag_sprites_begin (PwDagSprites        *sprites,
                                     cairo_t             *cr,
                                     const PwDagColors   *colors);
void          _pw_dag_paint_card    (cairo_t             *cr,
                                     PwDagSprites        *sprites,
                                     const PwDagColors   *colors,
                                     const PwDagCardLook *look,
                                     double               x,
                                     double               y);

/* pw-dag-paint-nodes.c */
void _pw_dag_paint_nodes (cairo_t                 *cr,
                          PwDagScene              *scene,
                          const PwDagPaintOptions *options,
                          const guint8            *only);

G_END_DECLS
