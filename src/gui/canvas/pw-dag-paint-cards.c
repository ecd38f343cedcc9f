/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-dag-paint"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pw-dag-paint-private.h"

/*
 * The chrome of a task's card at full detail (everything but its text,
 * its count badge and its bar of runs), painted with cairo or copied from
 * a picture of it kept at the current scale: see "Card sprites" below.
 */

static void
glyph (cairo_t    *cr,
       PwTaskKind  kind,
       double      cx,
       double      cy)
{
  cairo_save (cr);
  cairo_translate (cr, cx, cy);
  cairo_set_line_width (cr, 1.6);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  switch (kind)
    {
    case PW_TASK_KIND_COMMAND:
      /* a prompt: ">_" */
      cairo_move_to (cr, -5, -4);
      cairo_line_to (cr, -1, 0);
      cairo_line_to (cr, -5, 4);
      cairo_move_to (cr, 1, 4.5);
      cairo_line_to (cr, 6, 4.5);
      break;
    case PW_TASK_KIND_SHELL:
      /* a script: a page with lines */
      rounded_rect (cr, -5, -6.5, 10, 13, 1.5);
      cairo_move_to (cr, -2.5, -2.5);
      cairo_line_to (cr, 2.5, -2.5);
      cairo_move_to (cr, -2.5, 0.5);
      cairo_line_to (cr, 2.5, 0.5);
      cairo_move_to (cr, -2.5, 3.5);
      cairo_line_to (cr, 1, 3.5);
      break;
    case PW_TASK_KIND_HTTP:
      /* a globe */
      cairo_new_sub_path (cr);
      cairo_arc (cr, 0, 0, 6.5, 0, 2 * G_PI);
      cairo_move_to (cr, -6.5, 0);
      cairo_line_to (cr, 6.5, 0);
      cairo_save (cr);
      cairo_scale (cr, 0.45, 1);
      cairo_new_sub_path (cr);
      cairo_arc (cr, 0, 0, 6.5, 0, 2 * G_PI);
      cairo_restore (cr);
      break;
    case PW_TASK_KIND_SUBFLOW:
      /* a flow inside: two linked boxes */
      rounded_rect (cr, -6.5, -6.5, 6, 6, 1);
      rounded_rect (cr, 0.5, 0.5, 6, 6, 1);
      cairo_move_to (cr, -0.5, -3.5);
      cairo_line_to (cr, 3.5, -3.5);
      cairo_line_to (cr, 3.5, 0.5);
      break;
    case PW_TASK_KIND_NOOP:
    default:
      /* a join: a diamond */
      cairo_move_to (cr, 0, -6.5);
      cairo_line_to (cr, 6.5, 0);
      cairo_line_to (cr, 0, 6.5);
      cairo_line_to (cr, -6.5, 0);
      cairo_close_path (cr);
      break;
    }

  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The stack, the card and its border, the kind glyph on its tile, the
 * problem badge and the ports of a card at (@x, @y). */
static void
paint_card_chrome (cairo_t           *cr,
                   const PwDagColors *p,
                   const PwDagCardLook    *look,
                   double             x,
                   double             y)
{
  double w = PW_DAG_NODE_WIDTH, h = PW_DAG_NODE_HEIGHT;
  const PwDagColor *kind_color = &p->kind[look->kind];
  const PwDagColor *border = &p->card_border;
  double border_width = 1.0;
  PwDagColor tint;

  if (look->state != PW_DAG_NO_STATE)
    {
      border = &p->state[look->state];
      border_width = 2.0;
    }
  else if (look->problem)
    {
      border = &p->error;
      border_width = 2.0;
    }

  /* A mapped task is a stack of cards. */
  if (look->stacked)
    {
      for (int k = 2; k >= 1; k--)
        {
          rounded_rect (cr, x + k * STACK_OFFSET, y + k * STACK_OFFSET, w, h, PW_DAG_NODE_RADIUS);
          set_color (cr, &p->card);
          cairo_fill_preserve (cr);
          set_color (cr, &p->card_border);
          cairo_set_line_width (cr, 1.0);
          cairo_stroke (cr);
        }
    }

  rounded_rect (cr, x, y, w, h, PW_DAG_NODE_RADIUS);
  set_color (cr, &p->card);
  cairo_fill_preserve (cr);
  set_color (cr, border);
  cairo_set_line_width (cr, border_width);
  cairo_stroke (cr);

  /* The kind glyph on a tinted tile. */
  tint = pw_dag_color_alpha (kind_color, 0.16);
  rounded_rect (cr, x + PAD, y + (h - GLYPH_BOX) / 2, GLYPH_BOX, GLYPH_BOX, 6);
  set_color (cr, &tint);
  cairo_fill (cr);
  set_color (cr, kind_color);
  glyph (cr, look->kind, x + PAD + GLYPH_BOX / 2, y + h / 2);

  /* The problem badge in the top-right corner. */
  if (look->problem)
    {
      double cx = x + w - PAD - BADGE_RADIUS + 2, cy = y + 14;

      cairo_new_sub_path (cr);
      cairo_arc (cr, cx, cy, BADGE_RADIUS, 0, 2 * G_PI);
      set_color (cr, &p->error);
      cairo_fill (cr);
      set_color (cr, &p->error_fg);
      cairo_set_line_width (cr, 2.0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_move_to (cr, cx, cy - 4);
      cairo_line_to (cr, cx, cy + 0.5);
      cairo_stroke (cr);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      cairo_new_sub_path (cr);
      cairo_arc (cr, cx, cy + 3.8, 1.2, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  /* The ports, on the edges, away from the text and the badges. */
  if (look->ports)
    {
      PwDagPoint in = pw_dag_node_input_port (x, y), out = pw_dag_node_output_port (x, y);

      cairo_new_sub_path (cr);
      cairo_arc (cr, in.x, in.y, PW_DAG_PORT_RADIUS, 0, 2 * G_PI);
      set_color (cr, &p->card);
      cairo_fill_preserve (cr);
      set_color (cr, &p->card_border);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);

      cairo_new_sub_path (cr);
      cairo_arc (cr, out.x, out.y, PW_DAG_PORT_RADIUS, 0, 2 * G_PI);
      set_color (cr, &p->edge);
      cairo_fill_preserve (cr);
      set_color (cr, &p->card);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
}

/*
 * Card sprites. Cairo's stroker and scan converter take most of a card's
 * time (a rounded rectangle stroked and filled, a glyph, two ports: about
 * half a million instructions), and every card of a kind and border looks
 * the same apart from its text: so each look is painted once into a small
 * image at the current scale, and cards are copies of it, one composite
 * each. A sprite is painted at the card's position within a device pixel,
 * to an eighth of a pixel (SPRITE_PHASES steps), so that the copy falls on
 * whole pixels and looks as the card painted in place would, within a
 * sixteenth of a pixel (cards on whole pixels, as at 100 % on the grid,
 * are the same pixels). Only into images, at a scale that only scales and
 * moves, up to SPRITE_MAX_SCALE device pixels per unit (closer, few cards
 * show and their sprites would be large); SVG stays vector. The sprites
 * are dropped when the colours or the scale change, or past
 * SPRITE_MAX_BYTES.
 */
#define SPRITE_PHASES    8
#define SPRITE_MAX_SCALE 3.0
#define SPRITE_MAX_BYTES (8 * 1024 * 1024)
/* What a card's chrome covers beyond its box, in world units: the ports
 * and their strokes on the left and right, the stack below and right, the
 * 2-unit border, and a unit for antialiasing. */
#define SPRITE_LEFT      (PW_DAG_PORT_RADIUS + 0.75 + 1.0)
#define SPRITE_TOP       2.0
#define SPRITE_RIGHT     (MAX (PW_DAG_PORT_RADIUS + 0.75, 2 * STACK_OFFSET + 0.5) + 1.0)
#define SPRITE_BOTTOM    (2 * STACK_OFFSET + 0.5 + 1.0)

struct _PwDagSprites
{
  GHashTable  *table;      /* key → image */
  gsize        bytes;
  PwDagColors  colors;     /* what they were painted with */
  double       scale;
  /* the context being painted: device = world × s + t */
  double       sx, sy;
  double       tx, ty;
};

/**
 * _pw_dag_sprites_new: (skip)
 *
 * Returns: an empty set of card pictures
 */
PwDagSprites *
_pw_dag_sprites_new (void)
{
  PwDagSprites *sprites = g_new0 (PwDagSprites, 1);

  sprites->table = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) cairo_surface_destroy);
  return sprites;
}

/**
 * _pw_dag_sprites_free: (skip)
 *
 * Frees @sprites and their pictures.
 */
void
_pw_dag_sprites_free (PwDagSprites *sprites)
{
  g_hash_table_unref (sprites->table);
  g_free (sprites);
}

/**
 * _pw_dag_sprites_begin: (skip)
 * @colors: the colours the cards are painted with
 *
 * Prepares @sprites for painting cards on @cr: drops them if the colours
 * or the scale changed, or if they take too much memory.
 *
 * Returns: whether cards can be copied from sprites on @cr
 */
gboolean
_pw_dag_sprites_begin (PwDagSprites      *sprites,
                       cairo_t           *cr,
                       const PwDagColors *colors)
{
  cairo_surface_t *target = cairo_get_group_target (cr);
  double device_x, device_y;
  cairo_matrix_t m;

  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE)
    return FALSE;
  cairo_surface_get_device_scale (target, &device_x, &device_y);
  if (device_x != 1 || device_y != 1)
    return FALSE;
  cairo_get_matrix (cr, &m);
  if (m.xy != 0 || m.yx != 0 || m.xx <= 0 || m.xx != m.yy || m.xx > SPRITE_MAX_SCALE)
    return FALSE;

  if (sprites->scale != m.xx || memcmp (&sprites->colors, colors, sizeof (PwDagColors)) != 0 ||
      sprites->bytes > SPRITE_MAX_BYTES)
    {
      g_hash_table_remove_all (sprites->table);
      sprites->bytes = 0;
      sprites->scale = m.xx;
      sprites->colors = *colors;
    }

  sprites->sx = m.xx;
  sprites->sy = m.yy;
  sprites->tx = m.x0;
  sprites->ty = m.y0;
  return TRUE;
}

static guint
sprite_key (const PwDagCardLook *look,
            guint           qx,
            guint           qy)
{
  guint border = look->state != PW_DAG_NO_STATE ? (guint) look->state : look->problem ? 15 : 14;

  return 1 + (look->kind | border << 3 | look->stacked << 7 | look->ports << 8 | qx << 9 | qy << 12);
}

/* The sprite of @look at phase (@qx, @qy), and where the card's corner
 * lies in it (whole device pixels). */
static cairo_surface_t *
sprite_get (PwDagSprites        *sprites,
            const PwDagCardLook *look,
            guint                qx,
            guint                qy,
            int                 *ox,
            int                 *oy)
{
  guint key = sprite_key (look, qx, qy);
  cairo_surface_t *sprite;
  cairo_t *cr;
  int width, height;

  *ox = (int) ceil (SPRITE_LEFT * sprites->sx);
  *oy = (int) ceil (SPRITE_TOP * sprites->sy);

  sprite = g_hash_table_lookup (sprites->table, GUINT_TO_POINTER (key));
  if (sprite != NULL)
    return sprite;

  width = *ox + (int) ceil ((PW_DAG_NODE_WIDTH + SPRITE_RIGHT) * sprites->sx) + 1;
  height = *oy + (int) ceil ((PW_DAG_NODE_HEIGHT + SPRITE_BOTTOM) * sprites->sy) + 1;
  sprite = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (sprite);
  cairo_translate (cr, *ox + (double) qx / SPRITE_PHASES, *oy + (double) qy / SPRITE_PHASES);
  cairo_scale (cr, sprites->sx, sprites->sy);
  paint_card_chrome (cr, &sprites->colors, look, 0, 0);
  cairo_destroy (cr);
  cairo_surface_flush (sprite);

  g_hash_table_insert (sprites->table, GUINT_TO_POINTER (key), sprite);
  sprites->bytes += (gsize) cairo_image_surface_get_stride (sprite) * height;
  return sprite;
}

/**
 * _pw_dag_paint_card: (skip)
 * @sprites: (nullable): card pictures prepared for @cr by
 *   _pw_dag_sprites_begin(), or %NULL to paint the card with cairo
 * @look: what the card looks like
 *
 * Paints the chrome of a card at (@x, @y): the stack, the card and its
 * border, the kind glyph on its tile, the problem badge, the ports; copied
 * from its sprite when there are @sprites.
 */
void
_pw_dag_paint_card (cairo_t             *cr,
                    PwDagSprites        *sprites,
                    const PwDagColors   *colors,
                    const PwDagCardLook *look,
                    double               x,
                    double               y)
{
  double dx, dy, fx, fy;
  guint qx, qy;
  cairo_surface_t *sprite;
  int ox, oy, px, py;

  if (sprites == NULL)
    {
      paint_card_chrome (cr, colors, look, x, y);
      return;
    }

  dx = x * sprites->sx + sprites->tx;
  dy = y * sprites->sy + sprites->ty;
  fx = floor (dx);
  fy = floor (dy);
  qx = (guint) lround ((dx - fx) * SPRITE_PHASES);
  qy = (guint) lround ((dy - fy) * SPRITE_PHASES);
  if (qx == SPRITE_PHASES)
    fx += 1, qx = 0;
  if (qy == SPRITE_PHASES)
    fy += 1, qy = 0;

  sprite = sprite_get (sprites, look, qx, qy, &ox, &oy);
  px = (int) fx - ox;
  py = (int) fy - oy;

  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_set_source_surface (cr, sprite, px, py);
  cairo_rectangle (cr, px, py, cairo_image_surface_get_width (sprite), cairo_image_surface_get_height (sprite));
  cairo_fill (cr);
  cairo_restore (cr);
}
