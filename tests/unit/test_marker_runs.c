/* Runs of markers (scene_marker_add, SC_MARKERS): a 10,000-point scatter
 * plot keeps its markers in one run, at the places its scales give, and
 * every backend draws the run exactly as it draws the same markers made
 * one item each (the run's markers as the cursor reads them back): the
 * same PNG pixels, the same SVG and PDF bytes. */
#include "render/render.h"
#include "render/svg.h"
#include "scene_test.h"
#include "testing_png.h"

#define NPTS 10000

/* x = 0 .. NPTS - 1 over a 0..10000 axis, y = i % 100 over 0..100. */
static const char *spec =
    "blocks:\n  - chart:\n      width: 400\n      height: 300\n"
    "      data: {sequence: {start: 0, stop: 10000, as: x}}\n"
    "      transform:\n        - {calculate: 'datum.x % 100', as: y}\n"
    "      mark: %s\n      encoding:\n        x: {field: x, type: "
    "quantitative}\n"
    "        y: {field: y, type: quantitative}\n";

/* The runs of role in s, and the first one. */
static int runs_of(const scene *s, const char *role, const sc_item **first) {
  int n = 0;
  *first = NULL;
  for (int i = 0; i < s->n; i++)
    if (s->items[i].kind == SC_MARKERS && !strcmp(s->items[i].role, role) &&
        n++ == 0)
      *first = &s->items[i];
  return n;
}

/* s with every run's markers made items of their own by scene_marker, in
 * the same order: the scene a chart made before runs, at the run's (float)
 * centres.  Other items are copied as they are. */
static scene *unpacked(const scene *s, arena *a) {
  scene *t = scene_new(a, s->width, s->height, s->background);
  t->title = s->title;
  t->desc = s->desc;
  t->lang = s->lang;
  for (int i = 0; i < s->n; i++) {
    const sc_item *it = &s->items[i];
    if (it->kind != SC_MARKERS) {
      *scene_path_begin(t, it->style, it->role) = *it;
      continue;
    }
    const sc_run *r = it->run;
    for (int k = 0; k < r->n; k++) {
      const sc_look *l = &r->looks[r->look ? r->look[k] : 0];
      scene_marker(t, l->shape, r->xy[2 * k], r->xy[2 * k + 1], l->size,
                   l->style, it->role);
    }
  }
  return t;
}

static buf render_to(renderer *r, const scene *s, render_format f) {
  buf out = {0};
  const unsigned char *p;
  size_t len;
  char err[256] = "";
  if (render_scene(r, s, f, &(render_opts){0}, &p, &len, err, sizeof err) == 0)
    buf_put(&out, p, len);
  else
    fprintf(stderr, "render: %s\n", err);
  return out;
}

/* Whether two PNGs decode to the same pixels. */
static int same_pixels(const buf *a, const buf *b) {
  cairo_surface_t *x =
      testing_png_decode((const unsigned char *)a->data, a->len);
  cairo_surface_t *y =
      testing_png_decode((const unsigned char *)b->data, b->len);
  int same = cairo_surface_status(x) == CAIRO_STATUS_SUCCESS &&
             cairo_surface_status(y) == CAIRO_STATUS_SUCCESS;
  int w = same ? cairo_image_surface_get_width(x) : 0,
      h = same ? cairo_image_surface_get_height(x) : 0;
  same = same && w == cairo_image_surface_get_width(y) &&
         h == cairo_image_surface_get_height(y) && w > 0;
  for (int row = 0; same && row < h; row++)
    same = !memcmp(cairo_image_surface_get_data(x) +
                       (size_t)row * (size_t)cairo_image_surface_get_stride(x),
                   cairo_image_surface_get_data(y) +
                       (size_t)row * (size_t)cairo_image_surface_get_stride(y),
                   (size_t)w * 4);
  cairo_surface_destroy(x);
  cairo_surface_destroy(y);
  return same;
}

static void one_run(const char *mark, const char *role) {
  char text[1024];
  snprintf(text, sizeof text, spec, mark);
  run r = go("points.yaml", text);
  if (r.first_error[0])
    fprintf(stderr, "%s\n", r.first_error);
  const sc_item *run = NULL;
  REQUIRED(r.sc != NULL);
  CHECK(runs_of(r.sc, role, &run) == 1);
  REQUIRED(run != NULL && r.sc->nboxes > 0);
  CHECK(run->run->n == NPTS);
  CHECK(run->run->nlooks == 1 && run->run->look == NULL);
  /* The first point at the plot's bottom left, the last one 9999/10000 of
   * the way across at 99/100 of the way up. */
  const sc_box *plot = &r.sc->boxes[0];
  const float *xy = run->run->xy;
  CHECK_NEAR(xy[0], plot->x, 1e-3);
  CHECK_NEAR(xy[1], plot->y + plot->h, 1e-3);
  CHECK_NEAR(xy[2 * NPTS - 2], plot->x + plot->w * 0.9999, 1e-3);
  CHECK_NEAR(xy[2 * NPTS - 1], plot->y + plot->h * 0.01, 1e-3);
  /* The run's bounds hold every marker's. */
  sc_cursor c;
  int inside = 1;
  for (scene_cursor_start(&c, r.sc); c.i < r.sc->n; scene_cursor_skip(&c, 1)) {
    const sc_item *it = scene_cursor_item(&c);
    if (r.sc->items[c.i].kind == SC_MARKERS)
      inside = inside && it->x >= run->x && it->y >= run->y &&
               it->x + it->w <= run->x + run->w &&
               it->y + it->h <= run->y + run->h;
  }
  CHECK(inside);

  arena *a = arena_new();
  scene *flat = unpacked(r.sc, a);
  CHECK(flat->n == r.sc->n - 1 + NPTS);
  renderer *rd = renderer_new();
  buf p1 = render_to(rd, r.sc, RENDER_PNG),
      p2 = render_to(rd, flat, RENDER_PNG);
  CHECK(p1.len > 0 && same_pixels(&p1, &p2));
  render_format other[2] = {RENDER_SVG, RENDER_PDF};
  for (int f = 0; f < 2; f++) {
    buf b1 = render_to(rd, r.sc, other[f]), b2 = render_to(rd, flat, other[f]);
    CHECK(b1.len > 0 && b1.len == b2.len && !memcmp(b1.data, b2.data, b1.len));
    buf_free(&b1);
    buf_free(&b2);
  }
  buf d1 = {0}, d2 = {0};
  scene_dump(r.sc, &d1);
  scene_dump(flat, &d2);
  CHECK(d1.len == d2.len && !memcmp(d1.data, d2.data, d1.len));
  buf_free(&d1);
  buf_free(&d2);
  buf_free(&p1);
  buf_free(&p2);
  renderer_free(rd);
  arena_free(a);
  run_free(&r);
}

/* Looks: a colour per category shares one run (an index a marker), and a
 * 17th look starts the next run. */
static void looks(void) {
  arena *a = arena_new();
  scene *s = scene_new(a, 100, 100, 0);
  for (int i = 0; i < 40; i++)
    scene_marker_add(s, SC_MARK_CIRCLE, i, i, 9,
                     scene_fill(0x00000000u | (uint32_t)(i % 4) << 8 | 0xff),
                     "m", 40);
  REQUIRED(s->n == 1 && s->items[0].kind == SC_MARKERS);
  CHECK(s->items[0].run->nlooks == 4 && s->items[0].run->look != NULL &&
        s->items[0].run->look[5] == 1);
  for (int i = 0; i < 17; i++)
    scene_marker_add(s, SC_MARK_SQUARE, i, i, 9,
                     scene_fill((uint32_t)i << 8 | 0xff), "m", 1);
  CHECK(s->n == 2 && s->items[0].run->n == 52 && s->items[1].run->n == 5);
  scene_marker(s, SC_MARK_CROSS, 3, 3, 9, scene_fill(0xff),
               "m"); /* an item of its own ends the run */
  scene_marker_add(s, SC_MARK_CROSS, 3, 3, 9, scene_fill(0xff), "m", 1);
  CHECK(s->n == 4 && s->items[2].kind == SC_PATH &&
        s->items[3].kind == SC_MARKERS);
  sc_cursor c;
  scene_cursor_start(&c, s);
  scene_cursor_skip(&c, 52 + 5);
  const sc_item *cross = scene_cursor_item(&c), *again = &s->items[2];
  REQUIRED(cross == again);
  scene_cursor_skip(&c, 1);
  const sc_item *made = scene_cursor_item(&c);
  REQUIRED(made != NULL && made->npts == cross->npts);
  CHECK(!memcmp(made->pts, cross->pts, (size_t)made->npts * sizeof *made->pts));
  scene_cursor_skip(&c, 1);
  CHECK(scene_cursor_item(&c) == NULL && c.pos == 59);
  arena_free(a);
}

/* An SVG handed to a sink in pieces is the SVG written whole; a sink that
 * fails makes svg_write fail. */
typedef struct pieces {
  buf all;
  int n, fail_at;
} pieces;

static int take(void *ctx, const void *data, size_t len) {
  pieces *p = ctx;
  if (++p->n == p->fail_at)
    return -1;
  buf_put(&p->all, data, len);
  return 0;
}

static void svg_in_pieces(void) {
  arena *a = arena_new();
  scene *s = scene_new(a, 500, 500, 0xffffffff);
  for (int i = 0; i < 60000; i++) /* ~40 bytes a circle: 2.4 MB */
    scene_marker_add(s, SC_MARK_CIRCLE, i % 500 + 0.25, i / 120 + 0.5, 9,
                     scene_stroke(0x336699ff, 1), "m", 60000);
  for (int i = 0; i < 3000; i++)
    scene_marker(s, SC_MARK_SQUARE, i % 500, i % 300, 16,
                 scene_fill(0xff0000ff), "sq");
  buf whole = {0}, rest = {0};
  CHECK(svg_write(s, NULL, &whole) == 0);
  pieces p = {{0}, 0, 0};
  CHECK(svg_write(s, &(svg_options){SVG_TEXT_PATHS, NULL, take, &p}, &rest) ==
        0);
  CHECK(p.n >= 2);                  /* handed over as it went */
  CHECK(rest.len < SVG_SINK_BYTES); /* the last piece, left to the caller */
  buf_put(&p.all, rest.data, rest.len);
  CHECK(p.all.len == whole.len && !memcmp(p.all.data, whole.data, whole.len));
  pieces q = {{0}, 0, 1};
  buf_reset(&rest);
  CHECK(svg_write(s, &(svg_options){SVG_TEXT_PATHS, NULL, take, &q}, &rest) ==
        -1);
  buf_free(&whole);
  buf_free(&rest);
  buf_free(&p.all);
  buf_free(&q.all);
  arena_free(a);
}

int main(void) {
  scene_test_begin();
  one_run("point", "mark.point");
  one_run("{type: point, shape: triangle-up, filled: true}", "mark.point");
  one_run("square", "mark.square");
  looks();
  svg_in_pieces();
  text_engine_free(TE);
  return testing_done("test_marker_runs");
}
