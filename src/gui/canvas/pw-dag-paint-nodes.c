/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-dag-paint"

#include "config.h"

#include <math.h>

#include <pango/pangocairo.h>

#include "pw-dag-paint-private.h"

/*
 * Painting tasks at each level of detail (see pw-dag-paint.c): cards with
 * glyph, text, ports and badges at full detail, with their shaped text and
 * the pictures of their cards (pw-dag-paint-cards.c) kept between paints;
 * rectangles with a kind stripe; plain rectangles by colour.
 */

static void
badge_text (cairo_t      *cr,
            PangoLayout  *layout,
            const char   *text,
            double        cx,
            double        cy)
{
  PangoRectangle ink;

  pango_layout_set_width (layout, -1);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_extents (layout, NULL, &ink);
  cairo_move_to (cr, cx - (ink.x + ink.width / 2.0) / PANGO_SCALE,
                 cy - (ink.y + ink.height / 2.0) / PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);
}

/*
 * Text is the costly part of a card: shaping two lines takes longer than
 * drawing the card. The shaped layouts are kept with the scene, per task,
 * and made again only when the task's name, key or kind changed (the
 * scene's serial of it) or the font did. Their context keeps an identity
 * matrix and unhinted metrics, so that the same layout serves every zoom
 * (cairo rasterises the glyphs at the size they are drawn). Past
 * TEXT_CACHE_MAX tasks the cache starts again.
 */
#define TEXT_CACHE_MAX 4000

typedef struct
{
  PangoContext *context;
  guint         n_nodes;
  PangoLayout **name;
  PangoLayout **detail;
  guint32      *serial;
  guint         n_cached;
  PangoLayout  *state[PW_N_STATE_TYPES];
  PangoLayout  *badge;
  PangoFontDescription *name_font;
  PangoFontDescription *detail_font;
  PangoFontDescription *badge_font;

  /* The pictures of the cards (pw-dag-paint-cards.c) */
  PwDagSprites *sprites;
} TextCache;

static void
text_cache_forget_nodes (TextCache *cache)
{
  for (guint i = 0; i < cache->n_nodes; i++)
    {
      g_clear_object (&cache->name[i]);
      g_clear_object (&cache->detail[i]);
    }
  cache->n_cached = 0;
}

static void
text_cache_free (gpointer data)
{
  TextCache *cache = data;

  text_cache_forget_nodes (cache);
  g_free (cache->name);
  g_free (cache->detail);
  g_free (cache->serial);
  for (guint s = 0; s < PW_N_STATE_TYPES; s++)
    g_clear_object (&cache->state[s]);
  g_clear_object (&cache->badge);
  pango_font_description_free (cache->name_font);
  pango_font_description_free (cache->detail_font);
  pango_font_description_free (cache->badge_font);
  g_clear_pointer (&cache->sprites, _pw_dag_sprites_free);
  g_clear_object (&cache->context);
  g_free (cache);
}

static PangoLayout *
make_layout (TextCache                  *cache,
             const PangoFontDescription *font,
             gboolean                    ellipsize)
{
  PangoLayout *layout = pango_layout_new (cache->context);

  pango_layout_set_font_description (layout, font);
  if (ellipsize)
    {
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (layout, TRUE);
    }
  return layout;
}

static TextCache *
text_cache_get (PwDagScene              *scene,
                cairo_t                 *cr,
                const PwDagPaintOptions *options)
{
  TextCache *cache = scene->paint_cache;
  PangoContext *context = options->pango;
  g_autoptr(PangoFontDescription) desc = NULL;

  if (cache != NULL && context != NULL && cache->context == context && cache->n_nodes == scene->n_nodes)
    return cache;

  g_clear_pointer (&scene->paint_cache, text_cache_free);

  cache = g_new0 (TextCache, 1);
  cache->n_nodes = scene->n_nodes;
  cache->name = g_new0 (PangoLayout *, MAX (scene->n_nodes, 1));
  cache->detail = g_new0 (PangoLayout *, MAX (scene->n_nodes, 1));
  cache->serial = g_new0 (guint32, MAX (scene->n_nodes, 1));

  if (context != NULL)
    cache->context = g_object_ref (context);
  else
    {
      /* A picture without a widget (an export): a context of our own. */
      cairo_font_options_t *fo = cairo_font_options_create ();

      cache->context = pango_cairo_create_context (cr);
      cairo_font_options_set_hint_metrics (fo, CAIRO_HINT_METRICS_OFF);
      cairo_font_options_set_hint_style (fo, CAIRO_HINT_STYLE_NONE);
      pango_cairo_context_set_font_options (cache->context, fo);
      cairo_font_options_destroy (fo);
      pango_cairo_update_context (cr, cache->context);
      pango_context_set_matrix (cache->context, NULL);
    }

  desc = pango_font_description_copy (pango_context_get_font_description (cache->context));
  pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_font_description_set_absolute_size (desc, NAME_SIZE * PANGO_SCALE);
  cache->name_font = pango_font_description_copy (desc);
  pango_font_description_set_absolute_size (desc, DETAIL_SIZE * PANGO_SCALE);
  cache->badge_font = pango_font_description_copy (desc);
  pango_font_description_set_weight (desc, PANGO_WEIGHT_NORMAL);
  cache->detail_font = pango_font_description_copy (desc);

  cache->sprites = _pw_dag_sprites_new ();

  scene->paint_cache = cache;
  scene->paint_cache_free = text_cache_free;
  return cache;
}

/* The layouts of node @i, shaped again if the task changed. */
static void
text_cache_node (TextCache   *cache,
                 PwDagScene  *scene,
                 guint        i,
                 PangoLayout **name,
                 PangoLayout **detail)
{
  if (cache->name[i] == NULL || cache->serial[i] != scene->serial[i])
    {
      g_autofree char *text = NULL;

      if (cache->name[i] == NULL)
        {
          if (cache->n_cached >= TEXT_CACHE_MAX)
            text_cache_forget_nodes (cache);
          cache->n_cached++;
          cache->name[i] = make_layout (cache, cache->name_font, TRUE);
          cache->detail[i] = make_layout (cache, cache->detail_font, TRUE);
        }

      pango_layout_set_text (cache->name[i], pw_task_get_display_name (scene->tasks[i]), -1);
      text = g_strdup_printf ("%s · %s", pw_task_kind_to_string (scene->kind[i]),
                              pw_task_get_key (scene->tasks[i]));
      pango_layout_set_text (cache->detail[i], text, -1);
      cache->serial[i] = scene->serial[i];
    }

  *name = cache->name[i];
  *detail = cache->detail[i];
}

static PangoLayout *
text_cache_state (TextCache *cache,
                  int        state)
{
  if (cache->state[state] == NULL)
    {
      cache->state[state] = make_layout (cache, cache->detail_font, TRUE);
      pango_layout_set_text (cache->state[state], pw_state_type_get_default_name (state), -1);
    }
  return cache->state[state];
}

static PangoLayout *
text_cache_badge (TextCache *cache)
{
  if (cache->badge == NULL)
    cache->badge = make_layout (cache, cache->badge_font, FALSE);
  return cache->badge;
}

static PwDagCardLook
card_look (PwDagScene              *scene,
           const PwDagPaintOptions *options,
           guint                    i)
{
  return (PwDagCardLook) {
    .kind = MIN (scene->kind[i], 4),
    .state = scene->state[i],
    .problem = scene->problems[i] > 0 && scene->state[i] == PW_DAG_NO_STATE,
    .stacked = scene->mapped[i] || pw_dag_scene_get_total_count (scene, i) > 1,
    .ports = (options->flags & PW_DAG_PAINT_PORTS) != 0,
  };
}

/* A card: its chrome (painted, or copied from its sprite when @sprites is
 * not %NULL), then what is its own: the count badge, the name and the
 * detail, the bar of task runs. */
static void
paint_node_full (cairo_t                 *cr,
                 PwDagScene              *scene,
                 const PwDagPaintOptions *options,
                 TextCache               *cache,
                 PwDagSprites            *sprites,
                 guint                    i)
{
  const PwDagColors *p = options->colors;
  double x = scene->x[i], y = scene->y[i];
  double w = PW_DAG_NODE_WIDTH, h = PW_DAG_NODE_HEIGHT;
  int state = scene->state[i];
  guint total = pw_dag_scene_get_total_count (scene, i);
  PwDagCardLook look = card_look (scene, options, i);
  double text_right = x + w - PAD;
  PangoLayout *name, *detail;

  _pw_dag_paint_card (cr, sprites, p, &look, x, y);

  /* Badges in the top-right corner: problems (in the chrome), or the
   * count of runs. */
  if (look.problem)
    {
      text_right = x + w - PAD - BADGE_RADIUS + 2 - BADGE_RADIUS - 4;
    }
  else if (total > 0)
    {
      g_autofree char *text = g_strdup_printf ("×%u", total);
      PangoLayout *badge = text_cache_badge (cache);
      PangoRectangle logical;
      double bw, cx = 0, cy = y + 14;

      pango_layout_set_width (badge, -1);
      pango_layout_set_text (badge, text, -1);
      pango_layout_get_extents (badge, NULL, &logical);
      bw = MAX (2 * BADGE_RADIUS, logical.width / (double) PANGO_SCALE + 10);
      cx = x + w - PAD - bw / 2 + 2;
      rounded_rect (cr, cx - bw / 2, cy - BADGE_RADIUS, bw, 2 * BADGE_RADIUS, BADGE_RADIUS);
      set_color (cr, state != PW_DAG_NO_STATE ? &p->state[state] : &p->dim_fg);
      cairo_fill (cr);
      set_color (cr, &p->accent_fg);
      badge_text (cr, badge, text, cx, cy);
      text_right = cx - bw / 2 - 4;
    }

  /* The name and, under it, the kind (or the run state) and the key. */
  text_cache_node (cache, scene, i, &name, &detail);
  if (state != PW_DAG_NO_STATE)
    detail = text_cache_state (cache, state);

  set_color (cr, &p->fg);
  pango_layout_set_width (name, (int) MAX (1, (text_right - x - TEXT_X) * PANGO_SCALE));
  cairo_move_to (cr, x + TEXT_X, y + 10);
  pango_cairo_show_layout (cr, name);

  set_color (cr, state != PW_DAG_NO_STATE ? &p->state[state] : &p->dim_fg);
  pango_layout_set_width (detail, (int) MAX (1, (w - PAD - TEXT_X) * PANGO_SCALE));
  cairo_move_to (cr, x + TEXT_X, y + 30);
  pango_cairo_show_layout (cr, detail);

  /* Task runs of a mapped task by state, as a bar along the bottom. */
  if (total > 0 && scene->counts != NULL)
    {
      const guint *counts = scene->counts + (gsize) i * PW_N_STATE_TYPES;
      double bx = x + PAD, bw = w - 2 * PAD, by = y + h - 8;

      for (guint s = 0; s < PW_N_STATE_TYPES; s++)
        {
          double part = bw * counts[s] / total;

          if (counts[s] == 0)
            continue;
          cairo_rectangle (cr, bx, by, part, 3);
          set_color (cr, &p->state[s]);
          cairo_fill (cr);
          bx += part;
        }
    }
}

static void
paint_nodes_boxes (cairo_t                 *cr,
                   PwDagScene              *scene,
                   const PwDagPaintOptions *options,
                   GArray                  *nodes)
{
  const PwDagColors *p = options->colors;
  double hl = hairline (options);

  /* Stacks of mapped tasks, then cards, in one fill; then borders by
   * colour; then the kind stripes by kind. */
  for (guint k = 0; k < nodes->len; k++)
    {
      guint i = g_array_index (nodes, guint, k);

      if (scene->mapped[i] || pw_dag_scene_get_total_count (scene, i) > 1)
        cairo_rectangle (cr, scene->x[i] + 2 * STACK_OFFSET, scene->y[i] + 2 * STACK_OFFSET,
                         PW_DAG_NODE_WIDTH, PW_DAG_NODE_HEIGHT);
    }
  set_color (cr, &p->card_border);
  cairo_fill (cr);

  for (guint k = 0; k < nodes->len; k++)
    {
      guint i = g_array_index (nodes, guint, k);
      cairo_rectangle (cr, scene->x[i], scene->y[i], PW_DAG_NODE_WIDTH, PW_DAG_NODE_HEIGHT);
    }
  set_color (cr, &p->card);
  cairo_fill (cr);

  /* Borders: plain ones in one stroke, coloured ones (state, problem)
   * each in its colour, twice as wide. */
  cairo_set_line_width (cr, hl);
  for (guint k = 0; k < nodes->len; k++)
    {
      guint i = g_array_index (nodes, guint, k);

      if (scene->state[i] == PW_DAG_NO_STATE && scene->problems[i] == 0)
        cairo_rectangle (cr, scene->x[i], scene->y[i], PW_DAG_NODE_WIDTH, PW_DAG_NODE_HEIGHT);
    }
  set_color (cr, &p->card_border);
  cairo_stroke (cr);

  cairo_set_line_width (cr, 2 * hl);
  for (guint k = 0; k < nodes->len; k++)
    {
      guint i = g_array_index (nodes, guint, k);

      if (scene->state[i] == PW_DAG_NO_STATE && scene->problems[i] == 0)
        continue;
      cairo_rectangle (cr, scene->x[i], scene->y[i], PW_DAG_NODE_WIDTH, PW_DAG_NODE_HEIGHT);
      set_color (cr, node_color (scene, options, i));
      cairo_stroke (cr);
    }

  for (guint kind = 0; kind < 5; kind++)
    {
      gboolean any = FALSE;

      for (guint k = 0; k < nodes->len; k++)
        {
          guint i = g_array_index (nodes, guint, k);

          if (scene->kind[i] != kind)
            continue;
          cairo_rectangle (cr, scene->x[i], scene->y[i], STRIPE_WIDTH, PW_DAG_NODE_HEIGHT);
          any = TRUE;
        }
      if (any)
        {
          set_color (cr, &p->kind[kind]);
          cairo_fill (cr);
        }
    }
}

static void
paint_nodes_dots (cairo_t                 *cr,
                  PwDagScene              *scene,
                  const PwDagPaintOptions *options,
                  GArray                  *nodes)
{
  const PwDagColors *p = options->colors;
  double hl = hairline (options);
  double w = MAX (PW_DAG_NODE_WIDTH, hl), h = MAX (PW_DAG_NODE_HEIGHT, hl);
  const PwDagColor *colors[5 + PW_N_STATE_TYPES + 1];
  guint n_colors = 0;

  cairo_save (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);

  for (guint c = 0; c < 5; c++)
    colors[n_colors++] = &p->kind[c];
  for (guint c = 0; c < PW_N_STATE_TYPES; c++)
    colors[n_colors++] = &p->state[c];
  colors[n_colors++] = &p->error;

  /* One fill per colour: a colour is one of the palette's, so comparing
   * pointers groups them. */
  for (guint c = 0; c < n_colors; c++)
    {
      gboolean any = FALSE;

      for (guint k = 0; k < nodes->len; k++)
        {
          guint i = g_array_index (nodes, guint, k);

          if (node_color (scene, options, i) != colors[c])
            continue;
          cairo_rectangle (cr, scene->x[i], scene->y[i], w, h);
          any = TRUE;
        }
      if (any)
        {
          set_color (cr, colors[c]);
          cairo_fill (cr);
        }
    }

  cairo_restore (cr);
}

void
_pw_dag_paint_nodes (cairo_t                 *cr,
             PwDagScene              *scene,
             const PwDagPaintOptions *options,
             const guint8            *only)
{
  PwDagHitIndex *index = pw_dag_scene_get_hit_index (scene);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) nodes = g_array_new (FALSE, FALSE, sizeof (guint));
  PwDagRect region = pw_dag_rect_inflate (&options->region, PW_DAG_PORT_RADIUS + 2 * STACK_OFFSET,
                                          2 * STACK_OFFSET);

  pw_dag_hit_index_nodes_in_rect (index, &region, found);
  for (guint k = 0; k < found->len; k++)
    {
      guint i = g_array_index (found, guint, k);

      if (only != NULL ? only[i] : !skipped (options, i))
        g_array_append_val (nodes, i);
    }

  if (nodes->len == 0)
    return;

  switch (options->lod)
    {
    case PW_DAG_LOD_DOTS:
      paint_nodes_dots (cr, scene, options, nodes);
      break;
    case PW_DAG_LOD_BOXES:
      paint_nodes_boxes (cr, scene, options, nodes);
      break;
    case PW_DAG_LOD_FULL:
    default:
      {
        TextCache *cache = text_cache_get (scene, cr, options);
        PwDagSprites *sprites = _pw_dag_sprites_begin (cache->sprites, cr, options->colors) ? cache->sprites : NULL;

        for (guint k = 0; k < nodes->len; k++)
          paint_node_full (cr, scene, options, cache, sprites, g_array_index (nodes, guint, k));
      }
      break;
    }
}

