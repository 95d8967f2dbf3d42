/* Unit test for the scene walker (src/render/walk.c) and the backends that
 * share it: the walker keeps clips balanced, normalises opacity, clip
 * sizes and rotation once, passes on only what draws, lets a backend take
 * a run of markers; and PNG, PDF and SVG follow those decisions alike on
 * scenes that used to make them differ (a clip pop without a push stopped
 * cairo drawing for good while SVG went on; an opacity above 1 made cairo
 * draw more opaque than SVG; a negative clip clipped to the mirrored rect in
 * cairo and to nothing in SVG). */
#include <cairo.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/render.h"
#include "render/walk.h"
#include "scene/scene.h"
#include "testing.h"
#include "testing_png.h"

/* ---- a recording backend ---- */

typedef struct rec {
  char log[2048];
  double opacity[16], rotate[16], clip[16][4];
  int nop, nrot, nclip;
  int take_markers; /* the markers op takes runs of this many items (0: none) */
} rec;

static void logf_(rec *r, const char *s) { strncat(r->log, s, sizeof r->log - strlen(r->log) - 1); }

static void r_background(void *ctx, uint32_t rgba) {
  (void)rgba;
  logf_(ctx, "bg ");
}
static void r_push(void *ctx, double x, double y, double w, double h) {
  rec *r = ctx;
  if (r->nclip < 16) {
    r->clip[r->nclip][0] = x, r->clip[r->nclip][1] = y, r->clip[r->nclip][2] = w, r->clip[r->nclip][3] = h;
    r->nclip++;
  }
  logf_(r, "push ");
}
static void r_pop(void *ctx) { logf_(ctx, "pop "); }
static int r_markers(void *ctx, const sc_cursor *at) {
  rec *r = ctx;
  (void)at;
  if (!r->take_markers) return 0;
  logf_(r, "run ");
  return r->take_markers;
}
static void r_shape(void *ctx, const sc_item *it, const render_style *st) {
  rec *r = ctx;
  if (r->nop < 16) r->opacity[r->nop++] = st->opacity;
  logf_(r, it->kind == SC_RECT ? "rect" : "path");
  logf_(r, st->fill ? "F" : "");
  logf_(r, st->stroke ? "S " : " ");
}
static void r_text(void *ctx, const sc_item *it, const render_style *st) {
  rec *r = ctx;
  (void)it;
  if (r->nrot < 16) r->rotate[r->nrot++] = st->rotate;
  logf_(r, "text ");
}
static void r_image(void *ctx, const sc_item *it) {
  (void)it;
  logf_(ctx, "image ");
}

static const render_ops rec_ops = {r_background, r_push, r_pop, r_markers, r_shape, r_text, r_image};

static text_box *fake_text(void) {
  static text_box t; /* no runs: the walker only looks at the box's presence */
  t.text = "x";
  return &t;
}

/* Clips: an extra pop is dropped, an open push is closed at the end,
 * nested pairs pass through as they are. */
static void test_clips_balanced(void) {
  arena *a = arena_new();
  scene *s = scene_new(a, 10, 10, 0);
  scene_clip_pop(s);
  scene_clip_push(s, 0, 0, 5, 5);
  scene_clip_push(s, 1, 1, 2, 2);
  scene_clip_pop(s);
  scene_rect(s, 0, 0, 1, 1, scene_fill(0xff0000ff), "r");
  scene_clip_push(s, 0, 0, 5, 5);
  rec r = {0};
  render_walk(s, &rec_ops, &r);
  CHECK_STR(r.log, "push push pop rectF push pop pop ");
  arena_free(a);
}

/* Clip sides: negative or NaN clip everything away (0), never the mirror. */
static void test_clip_sides(void) {
  arena *a = arena_new();
  scene *s = scene_new(a, 10, 10, 0);
  scene_clip_push(s, 4, 4, -3, 2);
  scene_clip_pop(s);
  scene_clip_push(s, 4, 4, 3, NAN);
  scene_clip_pop(s);
  rec r = {0};
  render_walk(s, &rec_ops, &r);
  if (REQUIRED(r.nclip == 2)) {
    CHECK(r.clip[0][2] == 0 && r.clip[0][3] == 2);
    CHECK(r.clip[1][2] == 3 && r.clip[1][3] == 0);
  }
  arena_free(a);
}

/* Opacity 0, NaN and >= 1 are 1; what draws nothing is not passed on. */
static void test_opacity_and_visibility(void) {
  arena *a = arena_new();
  scene *s = scene_new(a, 10, 10, 0xffffffff);
  float ops[] = {0.f, NAN, 1.5f, 0.25f};
  for (int i = 0; i < 4; i++) {
    sc_style st = scene_fill(0x336699ff);
    st.opacity = ops[i];
    scene_rect(s, 0, 0, 1, 1, st, "r");
  }
  scene_rect(s, 0, 0, 1, 1, scene_fill(0x33669900), "invisible fill");
  scene_rect(s, 0, 0, 1, 1, scene_stroke(0x000000ff, 0), "zero-width stroke");
  sc_style both = scene_fill(0x336699ff);
  both.stroke = 0x000000ff;
  both.stroke_width = 1;
  scene_path_begin(s, both, "p");
  scene_move(s, 0, 0);
  scene_line(s, 1, 1);
  scene_path_end(s);
  rec r = {0};
  render_walk(s, &rec_ops, &r);
  CHECK_STR(r.log, "bg rectF rectF rectF rectF pathFS ");
  if (REQUIRED(r.nop == 5)) {
    CHECK(r.opacity[0] == 1 && r.opacity[1] == 1 && r.opacity[2] == 1);
    CHECK(r.opacity[3] == 0.25f);
  }
  arena_free(a);
}

/* Text: a rotation that is not finite is none; a text item without a box
 * is skipped. */
static void test_text_rotation(void) {
  arena *a = arena_new();
  scene *s = scene_new(a, 10, 10, 0);
  sc_item *t1 = scene_text(s, fake_text(), 1, 1, "t");
  t1->rotate = -90;
  sc_item *t2 = scene_text(s, fake_text(), 1, 1, "t");
  t2->rotate = INFINITY;
  sc_item *t3 = scene_text(s, fake_text(), 1, 1, "t");
  t3->text = NULL;
  rec r = {0};
  render_walk(s, &rec_ops, &r);
  CHECK_STR(r.log, "text text ");
  if (REQUIRED(r.nrot == 2)) {
    CHECK(r.rotate[0] == -90);
    CHECK(r.rotate[1] == 0);
  }
  arena_free(a);
}

/* The markers op sees shapes first and may take a run of them. */
static void test_marker_runs(void) {
  arena *a = arena_new();
  scene *s = scene_new(a, 10, 10, 0);
  for (int i = 0; i < 6; i++) scene_circle(s, 5, 5, 1, scene_fill(0x000000ff), "m");
  scene_image(s, "x.png", 0, 0, 1, 1, "img");
  rec r = {.take_markers = 3};
  render_walk(s, &rec_ops, &r);
  CHECK_STR(r.log, "run run image ");
  /* NULL operations skip what they would draw. */
  rec q = {0};
  render_walk(s, &(render_ops){.image = r_image}, &q);
  CHECK_STR(q.log, "image ");
  /* A run's markers come one by one, and what the markers op takes can
   * start before a run, end inside it or go on past it (this recorder
   * takes two places whatever they hold). */
  scene *t = scene_new(a, 10, 10, 0);
  scene_circle(t, 5, 5, 1, scene_fill(0x000000ff), "m");
  for (int i = 0; i < 4; i++) scene_marker_add(t, SC_MARK_CIRCLE, 5, 5, 3, scene_fill(0x000000ff), "m", 4);
  scene_image(t, "x.png", 0, 0, 1, 1, "img");
  for (int i = 0; i < 2; i++) scene_marker_add(t, SC_MARK_SQUARE, 5, 5, 3, scene_fill(0x000000ff), "m", 4);
  REQUIRED(t->n == 4 && t->items[1].kind == SC_MARKERS && t->items[3].kind == SC_MARKERS);
  rec u = {.take_markers = 2};
  render_walk(t, &rec_ops, &u);
  CHECK_STR(u.log, "run run run run ");
  rec v = {0};
  render_walk(t, &rec_ops, &v);
  CHECK_STR(v.log, "pathF pathF pathF pathF pathF image rectF rectF ");
  arena_free(a);
}

/* ---- the real backends follow the walker ---- */

static int render(renderer *r, const scene *s, render_format f, const unsigned char **out, size_t *len) {
  char err[256] = "";
  int rc = render_scene(r, s, f, &(render_opts){0}, out, len, err, sizeof err);
  if (rc) fprintf(stderr, "render: %s\n", err);
  return rc;
}

/* The 0xAARRGGBB word at pixel (x, y) of a PNG in memory; 0 when unreadable. */
static uint32_t png_pixel(const unsigned char *png, size_t len, int x, int y) {
  cairo_surface_t *img = testing_png_decode(png, len);
  uint32_t v = 0;
  if (cairo_surface_status(img) == CAIRO_STATUS_SUCCESS && x < cairo_image_surface_get_width(img) &&
      y < cairo_image_surface_get_height(img)) {
    cairo_surface_flush(img);
    const unsigned char *d = cairo_image_surface_get_data(img);
    v = *(const uint32_t *)(d + (size_t)y * (size_t)cairo_image_surface_get_stride(img) + (size_t)x * 4);
    if (cairo_image_surface_get_format(img) == CAIRO_FORMAT_RGB24) v |= 0xff000000u;
  }
  cairo_surface_destroy(img);
  return v;
}

static int contains(const unsigned char *hay, size_t n, const char *needle) {
  size_t k = strlen(needle);
  for (size_t i = 0; i + k <= n; i++)
    if (memcmp(hay + i, needle, k) == 0) return 1;
  return 0;
}

/* A pop without a push no longer stops cairo: the rect after it is drawn
 * in the PNG as in the SVG. */
static void test_backends_extra_pop(void) {
  arena *a = arena_new();
  scene *s = scene_new(a, 4, 4, 0xffffffff);
  scene_clip_pop(s);
  scene_rect(s, 0, 0, 4, 4, scene_fill(0xff0000ff), "after");
  renderer *r = renderer_new();
  const unsigned char *out;
  size_t len;
  if (REQUIRED(render(r, s, RENDER_PNG, &out, &len) == 0)) CHECK(png_pixel(out, len, 2, 2) == 0xffff0000u);
  if (REQUIRED(render(r, s, RENDER_SVG, &out, &len) == 0)) {
    CHECK(contains(out, len, "fill=\"#ff0000\""));
    CHECK(!contains(out, len, "</g>"));
  }
  renderer_free(r);
  arena_free(a);
}

/* An opacity above 1 is 1 in both: a half-transparent black stays half. */
static void test_backends_opacity(void) {
  arena *a = arena_new();
  scene *s = scene_new(a, 4, 4, 0xffffffff);
  sc_style st = scene_fill(0x00000080);
  st.opacity = 1.5f;
  scene_rect(s, 0, 0, 4, 4, st, "half");
  renderer *r = renderer_new();
  const unsigned char *out;
  size_t len;
  if (REQUIRED(render(r, s, RENDER_PNG, &out, &len) == 0)) {
    uint32_t px = png_pixel(out, len, 1, 1);
    int g = (int)(px >> 8 & 0xff);
    CHECK(g >= 126 && g <= 128); /* white under 50 % black */
  }
  if (REQUIRED(render(r, s, RENDER_SVG, &out, &len) == 0)) CHECK(contains(out, len, "fill-opacity=\"0.502\""));
  renderer_free(r);
  arena_free(a);
}

/* A negative clip hides what it clips in the PNG as in the SVG. */
static void test_backends_negative_clip(void) {
  arena *a = arena_new();
  scene *s = scene_new(a, 8, 8, 0xffffffff);
  scene_clip_push(s, 8, 8, -8, -8); /* was cairo's rect (0,0)-(8,8) */
  scene_rect(s, 0, 0, 8, 8, scene_fill(0x0000ffff), "hidden");
  scene_clip_pop(s);
  renderer *r = renderer_new();
  const unsigned char *out;
  size_t len;
  if (REQUIRED(render(r, s, RENDER_PNG, &out, &len) == 0)) CHECK(png_pixel(out, len, 4, 4) == 0xffffffffu);
  if (REQUIRED(render(r, s, RENDER_SVG, &out, &len) == 0)) CHECK(contains(out, len, "width=\"0\" height=\"0\""));
  renderer_free(r);
  arena_free(a);
}

int main(void) {
  test_clips_balanced();
  test_clip_sides();
  test_opacity_and_visibility();
  test_text_rotation();
  test_marker_runs();
  test_backends_extra_pop();
  test_backends_opacity();
  test_backends_negative_clip();
  return testing_done("render_walk");
}
