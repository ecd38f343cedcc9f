/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "pw-dag-export.h"
#include "pw-dag-paint.h"
#include "pw-dag-raster.h"
#include "pw-problem.h"

/*
 * Offscreen renders checked against what they must show: the painter draws
 * a small scene into a cairo image surface and the test reads pixels where
 * the background, a card, an edge, a badge or a state colour must be, at
 * each level of detail. Then the PNG and SVG export.
 */

#define MARGIN 24

typedef struct
{
  PwFlow     *flow;
  PwDagScene *scene;
  PwDagColors colors;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(PwTask) a = pw_task_new ("a", PW_TASK_KIND_COMMAND);
  g_autoptr(PwTask) b = pw_task_new ("b", PW_TASK_KIND_SHELL);
  g_autoptr(PwTask) c = pw_task_new ("c", PW_TASK_KIND_HTTP);
  const char *after_a[] = { "a", NULL };

  f->flow = pw_flow_new ("paint");
  pw_task_set_position (a, 0, 0);
  pw_task_set_position (b, 400, 200);
  pw_task_set_position (c, 400, 0);
  pw_task_set_after (b, after_a);
  pw_flow_add_task (f->flow, a);
  pw_flow_add_task (f->flow, b);
  pw_flow_add_task (f->flow, c);

  f->scene = pw_dag_scene_new (f->flow);
  pw_dag_colors_init (&f->colors, FALSE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pw_dag_scene_free (f->scene);
  g_assert_finalize_object (f->flow);
}

static cairo_surface_t *
paint (Fixture      *f,
       double        scale,
       const guint8 *skip)
{
  PwDagRect bounds = pw_dag_scene_get_bounds (f->scene);
  PwDagRect region = pw_dag_rect_inflate (&bounds, MARGIN, MARGIN);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         ceil (region.width * scale),
                                                         ceil (region.height * scale));
  cairo_t *cr = cairo_create (surface);
  PwDagPaintOptions options;

  pw_dag_paint_options_init (&options, &f->colors, scale, &region);
  options.skip = skip;
  options.flags = PW_DAG_PAINT_BACKGROUND | PW_DAG_PAINT_PORTS;
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -region.x, -region.y);
  pw_dag_paint_scene (cr, f->scene, &options);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

/* The pixel at world (@x, @y) of a surface painted by paint(). */
static guint32
pixel (Fixture         *f,
       cairo_surface_t *surface,
       double           scale,
       double           x,
       double           y)
{
  PwDagRect bounds = pw_dag_scene_get_bounds (f->scene);
  int px = (int) floor ((x - bounds.x + MARGIN) * scale);
  int py = (int) floor ((y - bounds.y + MARGIN) * scale);
  const guint8 *data = cairo_image_surface_get_data (surface);

  g_assert_cmpint (px, >=, 0);
  g_assert_cmpint (py, >=, 0);
  g_assert_cmpint (px, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (py, <, cairo_image_surface_get_height (surface));
  return *(const guint32 *) (data + py * cairo_image_surface_get_stride (surface) + 4 * px);
}

static guint32
argb (const PwDagColor *c)
{
  double a = c->alpha;

  return ((guint32) lround (a * 255) << 24) | ((guint32) lround (c->red * a * 255) << 16) |
         ((guint32) lround (c->green * a * 255) << 8) | (guint32) lround (c->blue * a * 255);
}

static gboolean
near (guint32 got,
      guint32 want,
      int     tolerance)
{
  for (int shift = 0; shift < 32; shift += 8)
    if (ABS ((int) ((got >> shift) & 0xff) - (int) ((want >> shift) & 0xff)) > tolerance)
      return FALSE;
  return TRUE;
}

#define assert_color(got, want, tol) \
  G_STMT_START { \
    guint32 g_ = (got), w_ = (want); \
    if (!near (g_, w_, (tol))) \
      g_error ("%s:%d: pixel %08x, expected %08x", __FILE__, __LINE__, g_, w_); \
  } G_STMT_END

static void
test_full (Fixture       *f,
           gconstpointer  data)
{
  cairo_surface_t *s = paint (f, 1.0, NULL);
  PwDagPoint arrow[3];
  PwDagBezier curve = pw_dag_edge_curve (pw_dag_node_output_port (0, 0), pw_dag_node_input_port (400, 200), arrow);
  PwDagPoint mid = pw_dag_bezier_eval (&curve, 0.5);
  PwDagColor tile = pw_dag_color_alpha (&f->colors.kind[PW_TASK_KIND_COMMAND], 0.16);
  PwDagColor tile_over = pw_dag_color_over (&tile, &f->colors.card);

  g_assert_cmpint (pw_dag_lod_for_scale (1.0), ==, PW_DAG_LOD_FULL);

  /* Empty space is the background. */
  assert_color (pixel (f, s, 1.0, 200, 150), argb (&f->colors.background), 1);
  /* The bottom of a card, under its text, is the card. */
  assert_color (pixel (f, s, 1.0, 100, 50), argb (&f->colors.card), 1);
  /* The kind tile is tinted with the kind's colour. */
  assert_color (pixel (f, s, 1.0, 12, 17), argb (&tile_over), 2);
  /* The edge passes through the middle of its curve. */
  g_assert_false (near (pixel (f, s, 1.0, mid.x, mid.y), argb (&f->colors.background), 8));
  /* The arrowhead fills the space just before the input port. */
  g_assert_false (near (pixel (f, s, 1.0, 400 - 8, 200 + 28), argb (&f->colors.background), 8));
  /* The output port is filled with the edge colour. */
  g_assert_false (near (pixel (f, s, 1.0, PW_DAG_NODE_WIDTH, 28), argb (&f->colors.card), 8));

  cairo_surface_destroy (s);
}

static void
test_problem_and_state (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = pw_problem_array_new ();
  cairo_surface_t *s;
  guint counts[PW_N_STATE_TYPES] = { 0 };

  g_ptr_array_add (problems, pw_problem_new ("c", "url", "an http task needs a `url`"));
  pw_dag_scene_set_problems (f->scene, problems);
  g_assert_cmpuint (f->scene->problems[2], ==, 1);

  pw_dag_scene_set_state (f->scene, 0, PW_STATE_TYPE_COMPLETED);
  counts[PW_STATE_TYPE_COMPLETED] = 3;
  counts[PW_STATE_TYPE_FAILED] = 1;
  pw_dag_scene_set_counts (f->scene, 1, counts);
  g_assert_cmpuint (pw_dag_scene_get_total_count (f->scene, 1), ==, 4);

  s = paint (f, 1.0, NULL);
  /* The problem badge: a red disc in the top-right corner. */
  assert_color (pixel (f, s, 1.0, 400 + PW_DAG_NODE_WIDTH - 10 - 8 + 2 - 4, 14), argb (&f->colors.error), 2);
  /* The state: the border in the state's colour. */
  assert_color (pixel (f, s, 1.0, 88, 0), argb (&f->colors.state[PW_STATE_TYPE_COMPLETED]), 40);
  /* The counts: a bar along the bottom, completed then failed. */
  assert_color (pixel (f, s, 1.0, 400 + 12, 200 + 49), argb (&f->colors.state[PW_STATE_TYPE_COMPLETED]), 2);
  assert_color (pixel (f, s, 1.0, 400 + PW_DAG_NODE_WIDTH - 12, 200 + 49),
                argb (&f->colors.state[PW_STATE_TYPE_FAILED]), 2);
  /* A task with several runs is drawn as a stack. */
  g_assert_false (near (pixel (f, s, 1.0, 400 + PW_DAG_NODE_WIDTH + 6, 200 + 30),
                        argb (&f->colors.background), 4));
  cairo_surface_destroy (s);
}

static void
test_dots (Fixture       *f,
           gconstpointer  data)
{
  double scale = 0.1;
  cairo_surface_t *s = paint (f, scale, NULL);

  g_assert_cmpint (pw_dag_lod_for_scale (scale), ==, PW_DAG_LOD_DOTS);
  /* Plain unantialiased rectangles in the kind's colour. */
  assert_color (pixel (f, s, scale, 88, 28), argb (&f->colors.kind[PW_TASK_KIND_COMMAND]), 0);
  assert_color (pixel (f, s, scale, 488, 228), argb (&f->colors.kind[PW_TASK_KIND_SHELL]), 0);
  assert_color (pixel (f, s, scale, 488, 28), argb (&f->colors.kind[PW_TASK_KIND_HTTP]), 0);
  assert_color (pixel (f, s, scale, 300, 120), argb (&f->colors.background), 0);
  cairo_surface_destroy (s);
}

static void
test_boxes (Fixture       *f,
            gconstpointer  data)
{
  double scale = 0.25;
  cairo_surface_t *s = paint (f, scale, NULL);

  g_assert_cmpint (pw_dag_lod_for_scale (scale), ==, PW_DAG_LOD_BOXES);
  /* The kind stripe on the left, the card elsewhere, no text. */
  assert_color (pixel (f, s, scale, 4, 28), argb (&f->colors.kind[PW_TASK_KIND_COMMAND]), 2);
  assert_color (pixel (f, s, scale, 100, 20), argb (&f->colors.card), 2);
  cairo_surface_destroy (s);
}

static void
test_skip (Fixture       *f,
           gconstpointer  data)
{
  guint8 skip[3] = { 0, 1, 0 };
  cairo_surface_t *s = paint (f, 1.0, skip);
  PwDagPoint arrow[3];
  PwDagBezier curve = pw_dag_edge_curve (pw_dag_node_output_port (0, 0), pw_dag_node_input_port (400, 200), arrow);
  PwDagPoint mid = pw_dag_bezier_eval (&curve, 0.5);

  /* The dragged task and its edge are left out. */
  assert_color (pixel (f, s, 1.0, 488, 250), argb (&f->colors.background), 1);
  assert_color (pixel (f, s, 1.0, mid.x, mid.y), argb (&f->colors.background), 1);
  assert_color (pixel (f, s, 1.0, 100, 50), argb (&f->colors.card), 1);
  cairo_surface_destroy (s);
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("test-dag-paint-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "flow.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "flow.svg", NULL);
  g_autofree char *missing = g_build_filename (dir, "no", "such", "dir.png", NULL);
  g_autoptr(GFile) png_file = g_file_new_for_path (png);
  g_autoptr(GFile) svg_file = g_file_new_for_path (svg);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  cairo_surface_t *image;
  PwDagExportFormat format;
  g_autoptr(PwFlow) empty = pw_flow_new ("empty");
  g_autoptr(PwDagScene) empty_scene = pw_dag_scene_new (empty);

  g_assert_true (pw_dag_export_scene (f->scene, &f->colors, NULL, png_file, PW_DAG_EXPORT_PNG, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), >, 400 + PW_DAG_NODE_WIDTH);
  cairo_surface_destroy (image);

  g_assert_true (pw_dag_export_scene (f->scene, &f->colors, NULL, svg_file, PW_DAG_EXPORT_SVG, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));

  g_assert_false (pw_dag_export_scene (f->scene, &f->colors, NULL, missing_file, PW_DAG_EXPORT_PNG, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (pw_dag_export_scene (empty_scene, &f->colors, NULL, png_file, PW_DAG_EXPORT_PNG, &error));
  g_assert_error (error, PW_DAG_EXPORT_ERROR, PW_DAG_EXPORT_ERROR_EMPTY);

  g_assert_true (pw_dag_export_format_from_name ("Flow.SVG", &format));
  g_assert_cmpint (format, ==, PW_DAG_EXPORT_SVG);
  g_assert_false (pw_dag_export_format_from_name ("flow.pdf", &format));

  g_unlink (png);
  g_unlink (svg);
  g_rmdir (dir);
}

/* The text area of task @i's card: a checksum of its pixels. */
static guint
text_sum (Fixture         *f,
          cairo_surface_t *surface,
          guint            i)
{
  guint sum = 0;

  for (double y = f->scene->y[i] + 8; y < f->scene->y[i] + 44; y++)
    for (double x = f->scene->x[i] + 46; x < f->scene->x[i] + 180; x++)
      sum = sum * 31 + pixel (f, surface, 1.0, x, y);
  return sum;
}

static void
test_renamed (Fixture       *f,
              gconstpointer  data)
{
  /* The painter keeps each task's shaped text and the picture of each kind
   * of card between paints: a renamed task, or one of another kind, must
   * not show what it was. */
  g_autoptr(PwTask) a = g_list_model_get_item (pw_flow_get_tasks (f->flow), 0);
  cairo_surface_t *before = paint (f, 1.0, NULL);
  cairo_surface_t *after, *fresh;
  PwDagScene *old_scene;
  PwDagColor tile = pw_dag_color_alpha (&f->colors.kind[PW_TASK_KIND_SHELL], 0.16);
  PwDagColor tile_over = pw_dag_color_over (&tile, &f->colors.card);

  pw_task_set_name (a, "Fetch the whole internet");
  pw_task_set_kind (a, PW_TASK_KIND_SHELL);
  pw_dag_scene_refresh_node (f->scene, 0);
  after = paint (f, 1.0, NULL);
  g_assert_cmpuint (text_sum (f, before, 0), !=, text_sum (f, after, 0));
  assert_color (pixel (f, after, 1.0, 12, 17), argb (&tile_over), 2);
  /* The other cards are as they were. */
  g_assert_cmpuint (text_sum (f, before, 2), ==, text_sum (f, after, 2));

  /* And the card is what a painter without anything kept paints. */
  old_scene = f->scene;
  f->scene = pw_dag_scene_new (f->flow);
  fresh = paint (f, 1.0, NULL);
  g_assert_cmpuint (text_sum (f, fresh, 0), ==, text_sum (f, after, 0));
  pw_dag_scene_free (f->scene);
  f->scene = old_scene;

  cairo_surface_destroy (before);
  cairo_surface_destroy (after);
  cairo_surface_destroy (fresh);
}

static void
test_recolored (Fixture       *f,
                gconstpointer  data)
{
  /* The kept pictures of the cards follow the colours (the dark style). */
  cairo_surface_t *light = paint (f, 1.0, NULL);
  cairo_surface_t *dark;

  assert_color (pixel (f, light, 1.0, 100, 50), argb (&f->colors.card), 1);
  pw_dag_colors_init (&f->colors, TRUE);
  dark = paint (f, 1.0, NULL);
  assert_color (pixel (f, dark, 1.0, 100, 50), argb (&f->colors.card), 1);
  assert_color (pixel (f, dark, 1.0, 200, 150), argb (&f->colors.background), 1);
  cairo_surface_destroy (light);
  cairo_surface_destroy (dark);
}

/* The scene painted at @scale, from (@dx, @dy) world units left of and
 * above paint()'s origin, into an image, either straight or through a
 * recording surface (where cards are painted one by one with cairo, as in
 * an SVG, instead of copied from the kept pictures). */
static cairo_surface_t *
paint_via (Fixture      *f,
           PangoContext *pango,
           double        scale,
           double        dx,
           double        dy,
           gboolean      recording)
{
  const guint8 only[3] = { 1, 0, 1 };
  PwDagRect bounds = pw_dag_scene_get_bounds (f->scene);
  PwDagRect region = pw_dag_rect_inflate (&bounds, MARGIN, MARGIN);
  int width = ceil (region.width * scale), height = ceil (region.height * scale);
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_surface_t *target = recording
    ? cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &(cairo_rectangle_t) { 0, 0, width, height })
    : cairo_surface_reference (image);
  cairo_t *cr = cairo_create (target);
  PwDagPaintOptions options;

  /* The cards of a and c, without the edge to b. */
  pw_dag_paint_options_init (&options, &f->colors, scale, &region);
  options.flags = PW_DAG_PAINT_PORTS;
  options.pango = pango;
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -region.x + dx, -region.y + dy);
  pw_dag_paint_subset (cr, f->scene, &options, only);
  cairo_destroy (cr);

  if (recording)
    {
      cr = cairo_create (image);
      cairo_set_source_surface (cr, target, 0, 0);
      cairo_paint (cr);
      cairo_destroy (cr);
    }
  cairo_surface_destroy (target);
  cairo_surface_flush (image);
  return image;
}

static void
test_card_sprites (Fixture       *f,
                   gconstpointer  data)
{
  /* Cards copied from their kept picture look as cards painted in place:
   * the same pixels where cards fall on whole pixels; elsewhere within a
   * sixteenth of a pixel, which changes no pixel by more than the
   * recording surface's own text rendering does (under a tenth). */
  static const struct { double scale, dx, dy; int tolerance; } cases[] = {
    { 1.0, 0, 0, 2 },
    { 1.0, 0.5, 0.25, 2 },
    { 2.0, 0, 0, 2 },
    { 0.8, 0.3, 0.7, 24 },
    { 1.37, 0.11, 0.6, 24 },
  };
  g_autoptr(GPtrArray) problems = pw_problem_array_new ();
  guint counts[PW_N_STATE_TYPES] = { 0 };
  cairo_surface_t *probe = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *probe_cr = cairo_create (probe);
  PangoContext *pango = pango_cairo_create_context (probe_cr);

  /* A card with a problem; a running one with several runs (a stack, a
   * count badge, a bar). */
  g_ptr_array_add (problems, pw_problem_new ("c", "url", "an http task needs a `url`"));
  pw_dag_scene_set_problems (f->scene, problems);
  pw_dag_scene_set_state (f->scene, 0, PW_STATE_TYPE_RUNNING);
  counts[PW_STATE_TYPE_RUNNING] = 2;
  counts[PW_STATE_TYPE_COMPLETED] = 3;
  pw_dag_scene_set_counts (f->scene, 0, counts);

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      cairo_surface_t *a = paint_via (f, pango, cases[k].scale, cases[k].dx, cases[k].dy, FALSE);
      cairo_surface_t *b = paint_via (f, pango, cases[k].scale, cases[k].dx, cases[k].dy, TRUE);
      int width = cairo_image_surface_get_width (a), height = cairo_image_surface_get_height (a);
      guint painted = 0;

      for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
          {
            guint32 pa = ((guint32 *) (cairo_image_surface_get_data (a) + y * cairo_image_surface_get_stride (a)))[x];
            guint32 pb = ((guint32 *) (cairo_image_surface_get_data (b) + y * cairo_image_surface_get_stride (b)))[x];

            painted += pa != 0;
            if (!near (pa, pb, cases[k].tolerance))
              g_error ("scale %g: pixel (%d, %d) is %08x copied, %08x painted", cases[k].scale, x, y, pa, pb);
          }

      /* Both cards are there. */
      g_assert_cmpuint (painted, >, 2 * PW_DAG_NODE_WIDTH * PW_DAG_NODE_HEIGHT * cases[k].scale * cases[k].scale * 0.9);
      cairo_surface_destroy (a);
      cairo_surface_destroy (b);
    }

  g_object_unref (pango);
  cairo_destroy (probe_cr);
  cairo_surface_destroy (probe);
}

static void
test_grid_dots (Fixture       *f,
                gconstpointer  data)
{
  /* The grid's dots written straight into the pixels are the ones cairo
   * fills without antialiasing, in RGB24 and ARGB32 and at any offset. */
  static const double scales[] = { 1.0, 0.87, 1.5, 2.0 };
  PwDagColor grid = f->colors.grid;

  for (guint k = 0; k < G_N_ELEMENTS (scales); k++)
    for (cairo_format_t format = CAIRO_FORMAT_ARGB32; format <= CAIRO_FORMAT_RGB24; format++)
      {
        double scale = scales[k], step = PW_DAG_GRID_SIZE, dot = 2.0 / scale;
        PwDagRect region = { -13.3 + k, 7.1 - k, 300.7, 190.2 };
        cairo_surface_t *surfaces[2];

        for (int how = 0; how < 2; how++)
          {
            cairo_t *cr;

            surfaces[how] = cairo_image_surface_create (format, 320, 240);
            cr = cairo_create (surfaces[how]);
            cairo_set_source_rgb (cr, 0.98, 0.97, 0.96);
            cairo_paint (cr);
            cairo_translate (cr, 3.3, 2.6);
            cairo_scale (cr, scale, scale);
            cairo_translate (cr, -region.x, -region.y);
            cairo_rectangle (cr, region.x, region.y, region.width, region.height);
            cairo_clip (cr);
            if (how == 0)
              g_assert_true (pw_dag_raster_dots (cr, &region, step, dot, grid.red, grid.green, grid.blue, grid.alpha));
            else
              {
                cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
                for (double gy = ceil (region.y / step) * step; gy < region.y + region.height; gy += step)
                  for (double gx = ceil (region.x / step) * step; gx < region.x + region.width; gx += step)
                    cairo_rectangle (cr, gx - dot / 2, gy - dot / 2, dot, dot);
                cairo_set_source_rgba (cr, grid.red, grid.green, grid.blue, grid.alpha);
                cairo_fill (cr);
              }
            cairo_destroy (cr);
            cairo_surface_flush (surfaces[how]);
          }

        for (int y = 0; y < 240; y++)
          g_assert_cmpmem (cairo_image_surface_get_data (surfaces[0]) + y * cairo_image_surface_get_stride (surfaces[0]),
                           320 * 4 - (format == CAIRO_FORMAT_RGB24),
                           cairo_image_surface_get_data (surfaces[1]) + y * cairo_image_surface_get_stride (surfaces[1]),
                           320 * 4 - (format == CAIRO_FORMAT_RGB24));
        cairo_surface_destroy (surfaces[0]);
        cairo_surface_destroy (surfaces[1]);
      }

  /* Not an image: the caller paints with cairo. */
  {
    cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
    cairo_t *cr = cairo_create (recording);
    PwDagRect region = { 0, 0, 100, 100 };

    g_assert_false (pw_dag_raster_dots (cr, &region, 20, 2, 0, 0, 0, 1));
    cairo_destroy (cr);
    cairo_surface_destroy (recording);
  }
}

static void
test_scene_follows (Fixture       *f,
                    gconstpointer  data)
{
  /* The scene from the model: edges by key, positions, lookups. */
  g_assert_cmpuint (f->scene->n_nodes, ==, 3);
  g_assert_cmpuint (f->scene->n_edges, ==, 1);
  g_assert_cmpuint (f->scene->edge_from[0], ==, 0);
  g_assert_cmpuint (f->scene->edge_to[0], ==, 1);
  g_assert_cmpint (pw_dag_scene_lookup_key (f->scene, "c"), ==, 2);
  g_assert_cmpint (pw_dag_scene_lookup_key (f->scene, "zz"), ==, -1);
  g_assert_cmpint (pw_dag_scene_find_edge (f->scene, 0, 1), ==, 0);
  g_assert_cmpint (pw_dag_scene_find_edge (f->scene, 1, 0), ==, -1);

  pw_dag_scene_set_position (f->scene, 2, 1000, 1000);
  g_assert_cmpfloat (pw_dag_scene_get_bounds (f->scene).width, ==,
                     1000 + PW_DAG_NODE_WIDTH + 2 * PW_DAG_PORT_RADIUS);
  g_assert_cmpint (pw_dag_hit_index_hit (pw_dag_scene_get_hit_index (f->scene),
                                         (PwDagPoint) { 1080, 1020 }, 1).kind, ==, PW_DAG_HIT_NODE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/Canvas/paint/full", test_full);
  ADD ("/Canvas/paint/problem-and-state", test_problem_and_state);
  ADD ("/Canvas/paint/dots", test_dots);
  ADD ("/Canvas/paint/boxes", test_boxes);
  ADD ("/Canvas/paint/skip", test_skip);
  ADD ("/Canvas/paint/export", test_export);
  ADD ("/Canvas/paint/scene", test_scene_follows);
  ADD ("/Canvas/paint/renamed", test_renamed);
  ADD ("/Canvas/paint/recolored", test_recolored);
  ADD ("/Canvas/paint/card-sprites", test_card_sprites);
  ADD ("/Canvas/paint/grid-dots", test_grid_dots);
#undef ADD

  return g_test_run ();
}
