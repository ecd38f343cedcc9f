/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "pw-radar-export.h"
#include "pw-radar-paint.h"
#include "radar-test-common.h"

/* Painting the radar offscreen, checked pixel by pixel where nodes, edges
 * and the background should be; the minimap; PNG and SVG export. The
 * renders are saved in tests/radar/screenshots of the build directory. */

typedef struct
{
  cairo_surface_t *surface;
  double           scale;
  double           ox;
  double           oy;
} Render;

static void
save (cairo_surface_t *surface,
      const char      *name)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_autofree char *file = g_strdup_printf ("%s.png", name);
  g_autofree char *path = g_build_filename (dir, file, NULL);

  g_mkdir_with_parents (dir, 0755);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  g_test_message ("render: %s", path);
}

/* The whole radar into a @size × @size image. */
static Render
render (PwRadarLayout     *layout,
        const PwDagColors *colors,
        int                size,
        int                hover,
        const guint8      *selected,
        PwRadarLod        *lod_out)
{
  Render r;
  PwRadarPaintOptions options;
  PwDagRect region;
  cairo_t *cr;

  r.surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  r.scale = size / (2 * layout->extent);
  r.ox = r.oy = size / 2.0;
  region = (PwDagRect) { -layout->extent, -layout->extent, 2 * layout->extent, 2 * layout->extent };

  cr = cairo_create (r.surface);
  cairo_translate (cr, r.ox, r.oy);
  cairo_scale (cr, r.scale, r.scale);
  pw_radar_paint_options_init (&options, colors, r.scale, &region);
  options.hover = hover;
  options.selected = selected;
  if (lod_out != NULL)
    *lod_out = options.lod;
  pw_radar_paint (cr, layout, &options);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (r.surface);
  return r;
}

static PwDagColor
pixel (Render *r,
       double  wx,
       double  wy)
{
  int x = (int)floor (r->ox + wx * r->scale);
  int y = (int)floor (r->oy + wy * r->scale);
  int stride = cairo_image_surface_get_stride (r->surface);
  const guint32 *p;
  double a;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (r->surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (r->surface));
  p = (const guint32 *)(cairo_image_surface_get_data (r->surface) + y * stride) + x;
  a = ((*p >> 24) & 0xff) / 255.0;
  if (a == 0)
    return (PwDagColor) { 0, 0, 0, 0 };
  /* Premultiplied ARGB. */
  return (PwDagColor) { ((*p >> 16) & 0xff) / 255.0 / a, ((*p >> 8) & 0xff) / 255.0 / a,
                        (*p & 0xff) / 255.0 / a, a };
}

static double
distance (PwDagColor a,
          PwDagColor b)
{
  return fabs (a.red - b.red) + fabs (a.green - b.green) + fabs (a.blue - b.blue);
}

static void
assert_color (PwDagColor  got,
              PwDagColor  want,
              double      tolerance)
{
  if (distance (got, want) > tolerance)
    g_error ("colour (%.2f, %.2f, %.2f) is not (%.2f, %.2f, %.2f)", got.red, got.green, got.blue,
             want.red, want.green, want.blue);
}

/* The middle of @edge's longest arc: its own lane, shared with no other
 * edge. Returns FALSE for an edge without a visible arc. */
static gboolean
edge_point (PwRadarLayout *layout,
            guint          e,
            double        *x,
            double        *y)
{
  const PwRadarSegment *best = NULL;

  for (guint k = 0; k < layout->edges[e].n_segments; k++)
    {
      const PwRadarSegment *seg = &layout->edges[e].segments[k];

      if (seg->kind == PW_RADAR_SEGMENT_ARC &&
          (best == NULL || fabs (seg->angle1 - seg->angle0) > fabs (best->angle1 - best->angle0)))
        best = seg;
    }
  if (best == NULL || fabs (best->angle1 - best->angle0) * best->radius0 < 60)
    return FALSE;
  *x = best->radius0 * cos ((best->angle0 + best->angle1) / 2);
  *y = best->radius0 * sin ((best->angle0 + best->angle1) / 2);
  return TRUE;
}

static void
test_fixture_pixels (gconstpointer data)
{
  gboolean dark = GPOINTER_TO_INT (data);
  g_autoptr(PwRadarLayout) layout = radar_load_fixture ("flow_run_graph.json");
  PwDagColors colors;
  PwRadarLod lod;
  Render r;

  pw_dag_colors_init (&colors, dark);
  r = render (layout, &colors, 1400, -1, NULL, &lod);
  save (r.surface, dark ? "radar-fixture-dark" : "radar-fixture-light");
  g_assert_cmpint (lod, ==, PW_RADAR_LOD_FULL);

  /* Each card: its state stripe at the left edge, the card colour inside
   * the right end. */
  for (guint i = 0; i < layout->n_nodes; i++)
    {
      PwRadarNode *node = &layout->nodes[i];
      PwDagColor state;

      pw_radar_state_color (&colors, node->state, &state);
      assert_color (pixel (&r, node->x - PW_RADAR_NODE_WIDTH / 2 + 3, node->y + 3), state, 0.08);
      if (node->kind != PW_RADAR_NODE_SUBFLOW)
        assert_color (pixel (&r, node->x + PW_RADAR_NODE_WIDTH / 2 - 8, node->y + 2), colors.card, 0.08);
    }

  /* The corners are background. */
  assert_color (pixel (&r, -layout->extent + 2, -layout->extent + 2), colors.background, 0.02);

  /* The spoke from the run to a first-ring task, in the run's colour. */
  for (guint e = 0; e < layout->n_edges; e++)
    if (layout->edges[e].source == 0)
      {
        PwDagColor state;
        double x, y;

        pw_radar_state_color (&colors, layout->nodes[0].state, &state);
        x = 0.6 * layout->nodes[layout->edges[e].target].x;
        y = 0.6 * layout->nodes[layout->edges[e].target].y;
        /* Width 4 at 1400 px for a 1,700-unit radar: about 1.6 px, so the
         * centre pixel is mostly edge. */
        g_assert_cmpfloat (distance (pixel (&r, x, y), state), <, distance (pixel (&r, x, y), colors.background));
      }
  cairo_surface_destroy (r.surface);
}

static void
test_hover_fades (void)
{
  g_autoptr(PwRadarLayout) layout = radar_load_fixture ("flow_run_graph.json");
  PwDagColors colors;
  Render plain, hovered;
  int transform = pw_radar_layout_lookup (layout, "b044788c-a47d-4e13-a9fe-3b0e50781903");
  guint touching = 0, faded = 0;

  pw_dag_colors_init (&colors, FALSE);
  plain = render (layout, &colors, 2400, -1, NULL, NULL);
  hovered = render (layout, &colors, 2400, transform, NULL, NULL);
  save (hovered.surface, "radar-fixture-hover");

  for (guint e = 0; e < layout->n_edges; e++)
    {
      double x, y;
      PwDagColor a, b;

      if (!edge_point (layout, e, &x, &y))
        continue;
      a = pixel (&plain, x, y);
      b = pixel (&hovered, x, y);
      if (pw_radar_edge_touches (layout, e, transform))
        {
          /* Emphasised: at least as strong as before. */
          g_assert_cmpfloat (distance (b, colors.background), >=, distance (a, colors.background) - 0.05);
          touching++;
        }
      else if (distance (a, colors.background) > 0.3)
        {
          /* Faded to 20 %: much nearer the background. */
          g_assert_cmpfloat (distance (b, colors.background), <, 0.5 * distance (a, colors.background));
          faded++;
        }
    }
  g_assert_cmpuint (touching, >, 0);
  g_assert_cmpuint (faded, >, 0);

  cairo_surface_destroy (plain.surface);
  cairo_surface_destroy (hovered.surface);
}

static void
test_selection (void)
{
  g_autoptr(PwRadarLayout) layout = radar_load_fixture ("flow_run_graph_engine.json");
  g_autofree guint8 *selected = g_new0 (guint8, layout->n_nodes);
  PwDagColors colors;
  Render r;
  PwRadarNode *node;

  pw_dag_colors_init (&colors, FALSE);
  selected[2] = 1;
  r = render (layout, &colors, 1400, -1, selected, NULL);
  node = &layout->nodes[2];
  /* The selected card's border is the accent colour. */
  assert_color (pixel (&r, node->x, node->y - PW_RADAR_NODE_HEIGHT / 2 + 0.2), colors.accent, 0.25);
  cairo_surface_destroy (r.surface);
}

static void
test_large_dots (void)
{
  g_autoptr(PwRadarLayout) layout = radar_layered (3000, 60, 2, 3);
  PwDagColors colors;
  PwRadarLod lod;
  Render r;
  guint checked = 0;

  pw_dag_colors_init (&colors, TRUE);
  r = render (layout, &colors, 1200, -1, NULL, &lod);
  save (r.surface, "radar-3000-dots");
  g_assert_cmpint (lod, ==, PW_RADAR_LOD_DOTS);

  /* At this size a node is a rectangle of its state colour. */
  for (guint i = 1; i < layout->n_nodes; i += 97)
    {
      PwDagColor state;

      if (layout->nodes[i].overflow)
        continue;
      pw_radar_state_color (&colors, layout->nodes[i].state, &state);
      assert_color (pixel (&r, layout->nodes[i].x, layout->nodes[i].y), state, 0.05);
      checked++;
    }
  g_assert_cmpuint (checked, >, 10);
  cairo_surface_destroy (r.surface);
}

static void
test_minimap (void)
{
  g_autoptr(PwRadarLayout) layout = radar_load_fixture ("flow_run_graph.json");
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 200, 200);
  cairo_t *cr = cairo_create (surface);
  PwDagColors colors;
  Render r = { surface, 100 / layout->extent, 100, 100 };

  pw_dag_colors_init (&colors, FALSE);
  pw_radar_paint_minimap (cr, layout, &colors, 200);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  save (surface, "radar-fixture-minimap");

  /* Each task's slot is an arc of its state colour on its ring. */
  for (guint i = 1; i < layout->n_nodes; i++)
    {
      PwDagColor state;

      pw_radar_state_color (&colors, layout->nodes[i].state, &state);
      assert_color (pixel (&r, layout->nodes[i].x, layout->nodes[i].y), state, 0.05);
    }
  /* The root is a disc in the middle; between rings, nothing. */
  assert_color (pixel (&r, 0, 0), colors.state[PW_STATE_TYPE_COMPLETED], 0.05);
  g_assert_cmpfloat (pixel (&r, layout->extent * 0.98, layout->extent * 0.98).alpha, ==, 0);
  cairo_surface_destroy (surface);
}

static void
test_export (void)
{
  g_autoptr(PwRadarLayout) layout = radar_load_fixture ("flow_run_graph.json");
  g_autofree char *dir = g_dir_make_tmp ("radar-export-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "radar.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "radar.svg", NULL);
  g_autofree char *missing = g_build_filename (dir, "no", "such", "dir", "radar.png", NULL);
  g_autoptr(GFile) png_file = g_file_new_for_path (png);
  g_autoptr(GFile) svg_file = g_file_new_for_path (svg);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  cairo_surface_t *image;
  PwDagColors colors;
  int expected = (int)ceil (2 * (layout->extent + 24));

  pw_dag_colors_init (&colors, FALSE);

  g_assert_true (pw_radar_export_layout (layout, &colors, NULL, png_file, PW_DAG_EXPORT_PNG, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, expected);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, expected);
  cairo_surface_destroy (image);

  g_assert_true (pw_radar_export_layout (layout, &colors, NULL, svg_file, PW_DAG_EXPORT_SVG, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "<?xml"));
  g_assert_nonnull (strstr (text, "<svg"));
  g_assert_nonnull (strstr (text, "</svg>"));

  /* Into a folder that does not exist: an error, no crash. */
  g_assert_false (pw_radar_export_layout (layout, &colors, NULL, missing_file, PW_DAG_EXPORT_PNG, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A layout with a cycle has nothing to draw. */
  {
    g_autoptr(PwRadarLayout) cycle = pw_radar_layout_new ("run", "broken run", PW_STATE_TYPE_FAILED);
    const char *a[] = { "b", NULL };
    const char *b[] = { "a", NULL };

    pw_radar_layout_add_node (cycle, "a", "a", PW_STATE_TYPE_COMPLETED, NULL, a, NULL);
    pw_radar_layout_add_node (cycle, "b", "b", PW_STATE_TYPE_COMPLETED, NULL, b, NULL);
    g_assert_false (pw_radar_layout_compute (cycle, NULL));
    g_assert_false (pw_radar_export_layout (cycle, &colors, NULL, png_file, PW_DAG_EXPORT_PNG, &error));
    g_assert_error (error, PW_DAG_EXPORT_ERROR, PW_DAG_EXPORT_ERROR_EMPTY);
    g_assert_nonnull (strstr (error->message, "broken run"));
  }

  g_unlink (png);
  g_unlink (svg);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/Radar/paint/fixture/light", GINT_TO_POINTER (FALSE), test_fixture_pixels);
  g_test_add_data_func ("/Radar/paint/fixture/dark", GINT_TO_POINTER (TRUE), test_fixture_pixels);
  g_test_add_func ("/Radar/paint/hover-fades", test_hover_fades);
  g_test_add_func ("/Radar/paint/selection", test_selection);
  g_test_add_func ("/Radar/paint/large-dots", test_large_dots);
  g_test_add_func ("/Radar/paint/minimap", test_minimap);
  g_test_add_func ("/Radar/paint/export", test_export);

  return g_test_run ();
}
