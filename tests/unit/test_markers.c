/* Unit test for scene circles (src/scene/scene.c), stamped markers
 * (src/render/markers.c) and PDF markers (src/render/pdf_marks.c): a circle
 * item carries no points but gives exactly scene_arc's; a scene with many
 * markers (circles, squares, triangles, diamonds, crosses, filled, stroked
 * or both) drawn by stamping looks like the same scene drawn by cairo
 * (translucent overlaps accumulate, clips hold, miters are not cut,
 * transparent pages work); stamping is deterministic whatever the cache
 * holds; scenes with few markers, or a style per marker, are drawn by cairo
 * byte for byte.  The PDF of a scene with many markers is a valid file
 * whose layers place every marker, in order, at its anchor; it renders
 * like cairo's own PDF (when pdftoppm is installed). */
#define _GNU_SOURCE /* memmem */
#include <cairo-pdf.h>
#include <cairo.h>
#include <libdeflate.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "render/book.h"
#include "render/markers.h"
#include "render/pdf_marks.h"
#include "render/render_internal.h"
#include "scene/scene.h"
#include "testing.h"

static uint32_t rng = 0x9e3779b9u;
static double frand(void) {
  rng = rng * 1664525u + 1013904223u;
  return (rng >> 8) / 16777216.0;
}

/* scene_circle's points are scene_arc's, bit for bit; so are its bounds. */
static void test_circle_points(void) {
  arena *a = arena_new();
  scene *s = scene_new(a, 100, 100, 0xffffffff);
  for (int i = 0; i < 200; i++) {
    double cx = frand() * 2000 - 500, cy = frand() * 2000 - 500, r = frand() * 40;
    if (i == 0) r = 0;
    scene_circle(s, cx, cy, r, scene_fill(0x336699ff), "c");
    scene_path_begin(s, scene_fill(0x336699ff), "ref");
    scene_arc(s, cx, cy, r, 0, 2 * M_PI);
    scene_close(s);
    scene_path_end(s);
    const sc_item *c = &s->items[s->n - 2], *ref = &s->items[s->n - 1];
    CHECK(c->kind == SC_PATH && c->shape == SC_SHAPE_CIRCLE && c->npts == 0 && c->pts == NULL);
    sc_pt tmp[SC_CIRCLE_NPTS];
    int n;
    const sc_pt *p = scene_path_points(c, tmp, &n);
    CHECK(n == ref->npts && n == SC_CIRCLE_NPTS);
    CHECK(n == ref->npts && memcmp(p, ref->pts, (size_t)n * sizeof *p) == 0);
    CHECK(c->x == ref->x && c->y == ref->y && c->w == ref->w && c->h == ref->h);
    int n2;
    CHECK(scene_path_points(ref, tmp, &n2) == ref->pts && n2 == ref->npts);
  }
  arena_free(a);
}

typedef struct img {
  cairo_surface_t *s;
  unsigned char *d;
  int stride;
} img;

/* Draws s at `scale` on a fresh w x h surface; stamped or plain cairo. */
static img draw(renderer *r, const scene *s, int w, int h, double scale, int stamped) {
  int opaque = (s->background & 0xff) == 0xff;
  img m;
  m.s = cairo_image_surface_create(opaque ? CAIRO_FORMAT_RGB24 : CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create(m.s);
  cairo_scale(cr, scale, scale);
  if (stamped)
    render_draw_raster(r, s, cr, m.s, scale);
  else
    render_draw_cairo(r, s, cr);
  cairo_destroy(cr);
  cairo_surface_flush(m.s);
  m.d = cairo_image_surface_get_data(m.s);
  m.stride = cairo_image_surface_get_stride(m.s);
  return m;
}

typedef struct diff {
  int max;          /* largest channel difference */
  double mean;      /* mean channel difference */
  double over16;    /* share of pixels differing by more than 16 */
} diff;

static diff compare(img a, img b, int w, int h, int opaque) {
  diff d = {0, 0, 0};
  long n16 = 0;
  double sum = 0;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++) {
      uint32_t p = ((uint32_t *)(a.d + (size_t)y * a.stride))[x], q = ((uint32_t *)(b.d + (size_t)y * b.stride))[x];
      int m = 0;
      for (int k = 0; k < (opaque ? 3 : 4); k++) {
        int v = abs((int)((p >> (8 * k)) & 255) - (int)((q >> (8 * k)) & 255));
        sum += v;
        if (v > m) m = v;
      }
      if (m > d.max) d.max = m;
      if (m > 16) n16++;
    }
  d.mean = sum / ((double)w * h * (opaque ? 3 : 4));
  d.over16 = (double)n16 / ((double)w * h);
  return d;
}

static int same_pixels(img a, img b, int w, int h) {
  for (int y = 0; y < h; y++)
    if (memcmp(a.d + (size_t)y * a.stride, b.d + (size_t)y * b.stride, 4 * (size_t)w)) return 0;
  return 1;
}

/* A scatter plot: n circles of a few styles (filled translucent, stroked
 * opaque and translucent, both), some inside a clip straddling its edges,
 * a pile of faint circles on one spot; no text. */
static scene *scatter(arena *a, int n, uint32_t bg) {
  scene *s = scene_new(a, 300, 200, bg);
  scene_rect(s, 10, 10, 280, 180, scene_fill(0xeeeeeeff), "panel");
  scene_clip_push(s, 40.3, 30.6, 200.2, 120.7);
  for (int i = 0; i < n; i++) {
    sc_style st;
    switch (i % 4) {
    case 0: st = scene_fill(0x4c78a8ff); st.opacity = 0.7f; break;
    case 1: st = scene_stroke(0xf58518ff, 1.5); st.fill = 0xffffff00; break;
    case 2: st = scene_stroke(0x54a24bff, 1); st.fill = 0xe4575680; st.opacity = 0.85f; break;
    default: st = scene_stroke(0x000000ff, 0.5); st.opacity = 0.5f; break;
    }
    scene_circle(s, 20 + frand() * 260, 15 + frand() * 170, 0.5 + (i / 4 % 4) * 1.3, st, "mark.point");
  }
  for (int i = 0; i < 40; i++) {
    sc_style st = scene_fill(0xb279a2ff);
    st.opacity = 0.1f;
    scene_circle(s, 150.3, 90.7, 6, st, "pile");
  }
  scene_clip_pop(s);
  /* unclipped, across the page edge, and one too big to stamp */
  for (int i = 0; i < 50; i++) scene_circle(s, frand() * 310 - 5, frand() * 210 - 5, 3, scene_fill(0x72b7b2ff), "edge");
  scene_circle(s, 150, 100, 60, scene_stroke(0x333333ff, 2), "big");
  return s;
}

/* Pixels changed outside the clip box (100.5, 50.25, 100 x 100) the
 * clipped-marker scenes use, with a device pixel of slack on each side. */
static int ink_outside_clip(img cs, int w, int h, double scale, int opaque, uint32_t bg) {
  int outside = 0;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++) {
      double ux = (x + 0.5) / scale, uy = (y + 0.5) / scale;
      int in = ux > 100.5 - 1 / scale && ux < 200.5 + 1 / scale && uy > 50.25 - 1 / scale && uy < 150.25 + 1 / scale;
      uint32_t p = ((uint32_t *)(cs.d + (size_t)y * cs.stride))[x];
      uint32_t want = opaque ? (bg >> 8) & 0xffffff : 0;
      if (!in && (opaque ? (p & 0xffffff) != want : p != 0)) outside++;
    }
  return outside;
}

static void test_stamped_like_cairo(double scale, uint32_t bg) {
  arena *a = arena_new();
  scene *s = scatter(a, 2000, bg);
  int w = (int)ceil(300 * scale), h = (int)ceil(200 * scale);
  int opaque = (bg & 0xff) == 0xff;
  renderer *r = renderer_new();
  img st = draw(r, s, w, h, scale, 1), ref = draw(r, s, w, h, scale, 0);
  diff d = compare(st, ref, w, h, opaque);
  printf("scale %g bg %08x: max %d mean %.4f >16 %.4f%%\n", scale, bg, d.max, d.mean, 100 * d.over16);
  /* Centres move by at most 1/(2*MARKER_PHASES) px (measured at 16 phases:
   * max 40-44, mean 0.19-0.29, 0.010-0.017 % of pixels off by more than
   * 16; on-grid centres give max 2). */
  CHECK(d.max <= 64);
  CHECK(d.mean < 0.4);
  CHECK(d.over16 < 0.0005);
  CHECK(!same_pixels(st, ref, w, h)); /* the stamping really ran */

  /* The clip holds: outside the clip rect, pixels are the same as cairo's
   * except where unclipped circles are drawn; checked on a scene of only
   * clipped circles. */
  arena *a2 = arena_new();
  scene *c = scene_new(a2, 300, 200, bg);
  scene_clip_push(c, 100.5, 50.25, 100, 100);
  for (int i = 0; i < 1000; i++) scene_circle(c, 90 + frand() * 120, 40 + frand() * 120, 2.5, scene_fill(0x4c78a8ff), "m");
  scene_clip_pop(c);
  img cs = draw(r, c, w, h, scale, 1);
  CHECK(ink_outside_clip(cs, w, h, scale, opaque, bg) == 0);

  /* Deterministic: a fresh renderer (empty cache) gives the same pixels. */
  renderer *r2 = renderer_new();
  img st2 = draw(r2, s, w, h, scale, 1);
  CHECK(same_pixels(st, st2, w, h));
  renderer_free(r2);

  cairo_surface_destroy(st.s);
  cairo_surface_destroy(st2.s);
  cairo_surface_destroy(ref.s);
  cairo_surface_destroy(cs.s);
  renderer_free(r);
  arena_free(a2);
  arena_free(a);
}

/* Translucent markers on one spot accumulate as separate draws do. */
static void test_accumulation(void) {
  arena *a = arena_new();
  scene *s = scene_new(a, 40, 40, 0xffffffff);
  for (int i = 0; i < MARKER_STAMP_MIN + 10; i++) {
    sc_style st = scene_fill(0x000000ff);
    st.opacity = 0.05f;
    scene_circle(s, 20.125, 20.375, 8, st, "m");
  }
  renderer *r = renderer_new();
  img st = draw(r, s, 40, 40, 1, 1), ref = draw(r, s, 40, 40, 1, 0);
  uint32_t c = ((uint32_t *)(st.d + 20 * (size_t)st.stride))[20], cr = ((uint32_t *)(ref.d + 20 * (size_t)ref.stride))[20];
  CHECK((c & 0xff) < 16); /* 266 draws of 5 % black: black (8-bit OVER stalls near 9) */
  CHECK((c & 0xff) == (cr & 0xff));
  diff d = compare(st, ref, 40, 40, 1);
  CHECK(d.max <= 64);
  cairo_surface_destroy(st.s);
  cairo_surface_destroy(ref.s);
  renderer_free(r);
  arena_free(a);
}

/* Below MARKER_STAMP_MIN circles the raster path is plain cairo. */
static void test_few_circles_unchanged(void) {
  arena *a = arena_new();
  scene *s = scatter(a, MARKER_STAMP_MIN - 100, 0xffffffff);
  renderer *r = renderer_new();
  img st = draw(r, s, 300, 200, 1, 1), ref = draw(r, s, 300, 200, 1, 0);
  CHECK(same_pixels(st, ref, 300, 200));
  cairo_surface_destroy(st.s);
  cairo_surface_destroy(ref.s);
  renderer_free(r);
  arena_free(a);
}

/* A style per circle (a continuous colour scale): stamping would render a
 * sprite per point, so cairo draws them all. */
static void test_many_styles_unchanged(void) {
  arena *a = arena_new();
  scene *s = scene_new(a, 200, 200, 0xffffffff);
  for (int i = 0; i < 2000; i++) {
    sc_style st = scene_fill(0x10203000u | (uint32_t)(i & 0xfff) << 8 | 0xff);
    st.opacity = 0.7f;
    scene_circle(s, frand() * 200, frand() * 200, 2, st, "m");
  }
  CHECK(!marker_worth_stamping(s));
  renderer *r = renderer_new();
  img st = draw(r, s, 200, 200, 1, 1), ref = draw(r, s, 200, 200, 1, 0);
  CHECK(same_pixels(st, ref, 200, 200));
  cairo_surface_destroy(st.s);
  cairo_surface_destroy(ref.s);
  renderer_free(r);
  arena_free(a);
}

/* An empty clip (zero or NaN size) hides its markers: none is stamped. */
static void test_empty_clip(void) {
  arena *a = arena_new();
  scene *s = scene_new(a, 100, 100, 0xffffffff);
  scene_clip_push(s, 10, 10, 0, 50);
  for (int i = 0; i < MARKER_STAMP_MIN; i++) scene_circle(s, 10 + frand() * 80, 10 + frand() * 80, 3, scene_fill(0x000000ff), "m");
  scene_clip_pop(s);
  scene_clip_push(s, NAN, 10, 50, 50);
  for (int i = 0; i < 10; i++) scene_circle(s, 10 + frand() * 80, 10 + frand() * 80, 3, scene_fill(0x000000ff), "m");
  scene_clip_pop(s);
  renderer *r = renderer_new();
  img st = draw(r, s, 100, 100, 1, 1), ref = draw(r, s, 100, 100, 1, 0);
  CHECK(same_pixels(st, ref, 100, 100));
  cairo_surface_destroy(st.s);
  cairo_surface_destroy(ref.s);
  renderer_free(r);
  arena_free(a);
}

/* Whole renders through render_scene: same bytes twice, the second time
 * from a warm cache and a reused surface. */
static void test_render_scene_deterministic(void) {
  arena *a = arena_new();
  scene *s = scatter(a, 3000, 0xffffffff);
  renderer *r = renderer_new();
  const unsigned char *out;
  size_t len;
  char err[256];
  CHECK(render_scene(r, s, RENDER_PNG, NULL, &out, &len, err, sizeof err) == 0);
  unsigned char *first = malloc(len);
  memcpy(first, out, len);
  size_t len1 = len;
  CHECK(render_scene(r, s, RENDER_PNG, NULL, &out, &len, err, sizeof err) == 0);
  CHECK(len == len1 && memcmp(out, first, len) == 0);
  free(first);
  renderer_free(r);
  arena_free(a);
}

/* ---- other shapes ---- */

/* A point shape as src/chart/vl_marks.c draws it (1 square, 2 triangle-up,
 * 3 diamond, 4 triangle-down, 5 cross, 6 triangle-right, 7 triangle-left,
 * else a circle), `size` the square it spans in px^2 (Vega's symbols). */
static void shape(scene *s, int kind, double cx, double cy, double size, sc_style st) {
  double r = sqrt(size) / 2, h = r * sqrt(3) / 2, q = r / 2.5;
  const double tri_up[] = {0, -h, -r, h, r, h}, tri_down[] = {0, h, -r, -h, r, -h};
  const double tri_right[] = {h, 0, -h, -r, -h, r}, tri_left[] = {-h, 0, h, -r, h, r};
  const double diamond[] = {-r, 0, 0, -r, r, 0, 0, r};
  const double cross[] = {-r, -q, -r, q, -q, q, -q, r, q, r, q, q, r, q, r, -q, q, -q, q, -r, -q, -r, -q, -q};
  const double *p = NULL;
  int n = 0;
  switch (kind) {
  case 1: scene_rect(s, cx - r, cy - r, 2 * r, 2 * r, st, "m"); return;
  case 2: p = tri_up, n = 3; break;
  case 3: p = diamond, n = 4; break;
  case 4: p = tri_down, n = 3; break;
  case 5: p = cross, n = 12; break;
  case 6: p = tri_right, n = 3; break;
  case 7: p = tri_left, n = 3; break;
  default: scene_circle(s, cx, cy, r, st, "m"); return;
  }
  scene_path_begin(s, st, "m");
  for (int i = 0; i < n; i++) (i ? scene_line : scene_move)(s, cx + p[2 * i], cy + p[2 * i + 1]);
  scene_close(s);
  scene_path_end(s);
}

static sc_style look(int i) {
  sc_style st;
  switch (i % 4) {
  case 0: st = scene_fill(0x4c78a8ff); st.opacity = 0.85f; break;
  case 1: st = scene_stroke(0xf58518ff, 1.5); st.fill = 0xffffff00; break; /* unfilled: miter joins */
  case 2: st = scene_stroke(0x222222ff, 1); st.fill = 0xe45756c0; st.opacity = 0.7f; break;
  default: st = scene_stroke(0x54a24bff, 2); st.round_cap = 1; st.opacity = 0.5f; break;
  }
  return st;
}

/* Every shape in every look, some in a clip straddling its edges, a pile of
 * faint triangles on one spot, squares across the page edge, and shapes too
 * big to be markers. */
static scene *shapes(arena *a, int n, uint32_t bg) {
  scene *s = scene_new(a, 300, 200, bg);
  scene_rect(s, 10, 10, 280, 180, scene_fill(0xeeeeeeff), "panel");
  scene_clip_push(s, 40.3, 30.6, 200.2, 120.7);
  for (int i = 0; i < n; i++) shape(s, 1 + i / 4 % 7, 20 + frand() * 260, 15 + frand() * 170, 40, look(i));
  for (int i = 0; i < 40; i++) {
    sc_style st = scene_fill(0xb279a2ff);
    st.opacity = 0.1f;
    shape(s, 2, 150.3, 90.7, 120, st);
  }
  scene_clip_pop(s);
  for (int i = 0; i < 60; i++) shape(s, 1, frand() * 310 - 5, frand() * 210 - 5, 30, scene_fill(0x72b7b2ff));
  shape(s, 2, 150, 100, 9000, scene_stroke(0x333333ff, 2));
  shape(s, 1, 50, 50, 5000, scene_fill(0x33333380));
  return s;
}

static void test_shapes_like_cairo(double scale, uint32_t bg) {
  arena *a = arena_new();
  scene *s = shapes(a, 3000, bg);
  CHECK(marker_worth_stamping(s));
  int w = (int)ceil(300 * scale), h = (int)ceil(200 * scale);
  int opaque = (bg & 0xff) == 0xff;
  renderer *r = renderer_new();
  img st = draw(r, s, w, h, scale, 1), ref = draw(r, s, w, h, scale, 0);
  diff d = compare(st, ref, w, h, opaque);
  printf("shapes: scale %g bg %08x: max %d mean %.4f >16 %.4f%%\n", scale, bg, d.max, d.mean, 100 * d.over16);
  /* Anchors move by at most 1/32 px, other points by 1/128 px more
   * (measured: max 28-41, mean 0.17-0.28, 0.007-0.008 % of pixels off by
   * more than 16). */
  CHECK(d.max <= 80);
  CHECK(d.mean < 0.4);
  CHECK(d.over16 < 0.0008);
  CHECK(!same_pixels(st, ref, w, h));

  /* Clipped shapes stay inside the clip. */
  arena *a2 = arena_new();
  scene *c = scene_new(a2, 300, 200, bg);
  scene_clip_push(c, 100.5, 50.25, 100, 100);
  for (int i = 0; i < 1400; i++) shape(c, 1 + i % 7, 90 + frand() * 120, 40 + frand() * 120, 30, scene_fill(0x4c78a8ff));
  scene_clip_pop(c);
  CHECK(marker_worth_stamping(c));
  img cs = draw(r, c, w, h, scale, 1);
  CHECK(ink_outside_clip(cs, w, h, scale, opaque, bg) == 0);

  renderer *r2 = renderer_new();
  img st2 = draw(r2, s, w, h, scale, 1);
  CHECK(same_pixels(st, st2, w, h));
  renderer_free(r2);
  cairo_surface_destroy(st.s);
  cairo_surface_destroy(st2.s);
  cairo_surface_destroy(ref.s);
  cairo_surface_destroy(cs.s);
  renderer_free(r);
  arena_free(a2);
  arena_free(a);
}

/* Sharp stroked spikes: their miters reach ~10 half-widths past the tip, so
 * a sprite sized by the shape alone would cut them off. */
static void test_miters(void) {
  arena *a = arena_new();
  scene *s = scene_new(a, 200, 200, 0xffffffff);
  for (int i = 0; i < 400; i++) {
    double cx = 20 + frand() * 160, cy = 20 + frand() * 160;
    scene_path_begin(s, scene_stroke(0x000000ff, 3), "m");
    scene_move(s, cx, cy - 6); /* apex angle 12.4 degrees: miter ratio 9.3, under cairo's limit of 10 */
    scene_line(s, cx + 0.65, cy);
    scene_line(s, cx - 0.65, cy);
    scene_close(s);
    scene_path_end(s);
  }
  CHECK(marker_worth_stamping(s));
  marker_key k;
  double ax, ay;
  CHECK(marker_key_of(&s->items[0], 1, MARKER_PNG_UNIT, &k, &ax, &ay));
  CHECK(marker_key_extent(&k) > 13); /* the miter (9.3 * 1.5 px past the apex), not the 6 px shape */
  renderer *r = renderer_new();
  img st = draw(r, s, 200, 200, 1, 1), ref = draw(r, s, 200, 200, 1, 0);
  diff d = compare(st, ref, 200, 200, 1);
  printf("miters: max %d mean %.4f\n", d.max, d.mean);
  CHECK(d.max <= 96); /* a cut tip: 255 */
  CHECK(d.mean < 1);
  cairo_surface_destroy(st.s);
  cairo_surface_destroy(ref.s);
  renderer_free(r);
  arena_free(a);
}

/* Translucent triangles on one spot accumulate as separate draws do. */
static void test_shape_accumulation(void) {
  arena *a = arena_new();
  scene *s = scene_new(a, 40, 40, 0xffffffff);
  for (int i = 0; i < MARKER_STAMP_MIN + 10; i++) {
    sc_style st = scene_fill(0x000000ff);
    st.opacity = 0.05f;
    shape(s, 3, 20.125, 20.375, 200, st);
  }
  renderer *r = renderer_new();
  img st = draw(r, s, 40, 40, 1, 1), ref = draw(r, s, 40, 40, 1, 0);
  uint32_t c = ((uint32_t *)(st.d + 20 * (size_t)st.stride))[20], cr = ((uint32_t *)(ref.d + 20 * (size_t)ref.stride))[20];
  CHECK((c & 0xff) < 16);
  CHECK((c & 0xff) == (cr & 0xff));
  CHECK(compare(st, ref, 40, 40, 1).max <= 64);
  cairo_surface_destroy(st.s);
  cairo_surface_destroy(ref.s);
  renderer_free(r);
  arena_free(a);
}

/* What is a marker: small squares, circles and short paths; not bars
 * (w != h), rounded rects, dashed strokes or big shapes.  The same shape at
 * a thousand places, stored as floats, gives one key (or a few). */
static void test_marker_keys(void) {
  arena *a = arena_new();
  scene *s = scene_new(a, 4000, 4000, 0xffffffff);
  marker_key k, k0;
  double ax, ay;
  sc_item *bar = scene_rect(s, 10, 10, 5, 20, scene_fill(0x000000ff), "bar");
  CHECK(!marker_key_of(bar, 1, MARKER_PNG_UNIT, &k, &ax, &ay));
  sc_item *sq = scene_rect(s, 10.25, 20.5, 5, 5, scene_fill(0x000000ff), "sq");
  CHECK(marker_key_of(sq, 1, MARKER_PNG_UNIT, &k, &ax, &ay) && ax == 10.25 && ay == 20.5 && k.kind == MARKER_RECT);
  sq->rx = 1;
  CHECK(!marker_key_of(sq, 1, MARKER_PNG_UNIT, &k, &ax, &ay));
  sc_item *big = scene_rect(s, 0, 0, 40, 40, scene_fill(0x000000ff), "big");
  CHECK(!marker_key_of(big, 1, MARKER_PNG_UNIT, &k, &ax, &ay));
  CHECK(marker_key_of(big, 0.5, MARKER_PNG_UNIT, &k, &ax, &ay)); /* 20 device px */
  sc_style dashed = scene_stroke(0x000000ff, 1);
  dashed.dash[0] = 2;
  dashed.dash[1] = 2;
  dashed.ndash = 2;
  shape(s, 2, 100, 100, 30, dashed);
  CHECK(!marker_key_of(&s->items[s->n - 1], 1, MARKER_PNG_UNIT, &k, &ax, &ay));
  scene_circle(s, 5, 6, 3, scene_fill(0), "invisible");
  CHECK(marker_key_of(&s->items[s->n - 1], 1, MARKER_PNG_UNIT, &k, &ax, &ay) && !k.fill && !k.stroke);
  for (int kind = 2; kind <= 7; kind++) {
    int distinct = 0, pdf_distinct = 0;
    marker_key seen[8], pseen[8];
    for (int i = 0; i < 1000; i++) {
      shape(s, kind, frand() * 4000, frand() * 4000, 30, look(1));
      const sc_item *it = &s->items[s->n - 1];
      CHECK(marker_key_of(it, 1, MARKER_PNG_UNIT, &k, &ax, &ay) && k.kind == MARKER_PATH);
      CHECK(ax == it->pts[0].x && ay == it->pts[0].y);
      int j = 0;
      while (j < distinct && memcmp(&seen[j], &k, sizeof k)) j++;
      if (j == distinct && distinct < 8) seen[distinct++] = k;
      CHECK(marker_key_of(it, 1, PDF_MARKS_SHAPE_UNIT, &k0, &ax, &ay));
      j = 0;
      while (j < pdf_distinct && memcmp(&pseen[j], &k0, sizeof k0)) j++;
      if (j == pdf_distinct && pdf_distinct < 8) pseen[pdf_distinct++] = k0;
    }
    printf("shape %d: %d PNG keys, %d PDF keys for 1000 places\n", kind, distinct, pdf_distinct);
    CHECK(distinct <= 4);
    CHECK(pdf_distinct <= 8);
  }
  arena_free(a);
}

/* ---- PDF ---- */

typedef struct pdf_obj {
  size_t off;
} pdf_obj;

/* The classic cross-reference table of d: every in-use entry points at its
 * "N 0 obj", /Size agrees, startxref points at the table.  Returns the
 * number of objects, 0 when anything is off; offsets in off[]. */
static size_t check_xref(const char *d, size_t n, size_t *off, size_t maxobj) {
  const char *sx = NULL;
  for (size_t i = n - 9; i-- > 0 && i + 1024 > n;)
    if (!memcmp(d + i, "startxref", 9)) {
      sx = d + i;
      break;
    }
  if (!sx) return 0;
  size_t x = strtoul(sx + 9, NULL, 10);
  if (x >= n || memcmp(d + x, "xref\n0 ", 7)) return 0;
  char *e;
  size_t nobj = strtoul(d + x + 7, &e, 10);
  if (nobj > maxobj || *e != '\n') return 0;
  const char *t = e + 1;
  for (size_t k = 0; k < nobj; k++) {
    const char *en = t + 20 * k;
    if (en[17] == 'f') {
      off[k] = 0;
      continue;
    }
    off[k] = strtoul(en, NULL, 10);
    char head[32];
    int hn = snprintf(head, sizeof head, "%zu 0 obj", k);
    if (off[k] + (size_t)hn > n || memcmp(d + off[k], head, (size_t)hn)) return 0;
  }
  const char *tr = t + 20 * nobj;
  if (memcmp(tr, "trailer", 7)) return 0;
  const char *sz = strstr(tr, "/Size ");
  if (!sz || strtoul(sz + 6, NULL, 10) != nobj) return 0;
  return nobj;
}

/* The placements of every layer in d, in file order: anchor (px) and form
 * number; returns their count. */
static int layer_marks(const char *d, size_t n, size_t nobj, const size_t *off, double (*xy)[2], int *form,
                       int max) {
  int count = 0;
  struct libdeflate_decompressor *dc = libdeflate_alloc_decompressor();
  for (size_t k = 1; k < nobj; k++) {
    if (!off[k]) continue;
    const char *o = d + off[k];
    const char *eo = memmem(o, n - off[k], "endobj", 6);
    if (!eo) continue;
    const char *st = memmem(o, (size_t)(eo - o), "stream\n", 7);
    if (!st) continue;
    const char *mx = memmem(o, (size_t)(st - o), "/Matrix [ 0.001 0 0 -0.001 0 1 ]", 32);
    const char *ln = memmem(o, (size_t)(st - o), "/Length ", 8);
    if (!mx || !ln) continue;
    size_t zlen = strtoul(ln + 8, NULL, 10);
    size_t cap = 64 << 20, got = 0;
    char *raw = malloc(cap);
    if (libdeflate_zlib_decompress(dc, st + 7, zlen, raw, cap, &got) != LIBDEFLATE_SUCCESS) {
      free(raw);
      continue;
    }
    raw[got < cap ? got : cap - 1] = 0;
    for (char *p = raw; *p && count < max;) {
      double x, y;
      int f, used = 0;
      if (sscanf(p, "q 1 0 0 1 %lf %lf cm /m%d Do Q\n%n", &x, &y, &f, &used) != 3 || !used) break;
      xy[count][0] = x;
      xy[count][1] = y;
      form[count++] = f;
      p += used;
    }
    free(raw);
  }
  libdeflate_free_decompressor(dc);
  return count;
}

/* A scene drawn through cairo's PDF surface the ordinary way (what
 * render_scene did before pdf_marks), for comparison. */
static size_t plain_pdf(renderer *r, const scene *s, const char *path) {
  cairo_surface_t *surf = cairo_pdf_surface_create(path, s->width * 0.75, s->height * 0.75);
  cairo_t *cr = cairo_create(surf);
  cairo_scale(cr, 0.75, 0.75);
  render_draw_cairo(r, s, cr);
  cairo_destroy(cr);
  cairo_surface_finish(surf);
  cairo_surface_destroy(surf);
  return 1;
}

static int write_file(const char *path, const unsigned char *d, size_t n) {
  FILE *f = fopen(path, "wb");
  if (!f) return -1;
  size_t w = fwrite(d, 1, n, f);
  return fclose(f) == 0 && w == n ? 0 : -1;
}

/* pdftoppm of both files at dpi, compared; -1 when pdftoppm is missing. */
static int pdf_compare(const char *a, const char *b, int dpi, diff *out) {
  if (system("command -v pdftoppm >/dev/null 2>&1") != 0) return -1;
  char cmd[512];
  snprintf(cmd, sizeof cmd, "pdftoppm -r %d -png %s %s.r && pdftoppm -r %d -png %s %s.r", dpi, a, a, dpi, b, b);
  if (system(cmd) != 0) return -1;
  char pa[300], pb[300];
  snprintf(pa, sizeof pa, "%s.r-1.png", a);
  snprintf(pb, sizeof pb, "%s.r-1.png", b);
  cairo_surface_t *ia = cairo_image_surface_create_from_png(pa), *ib = cairo_image_surface_create_from_png(pb);
  int rc = -1;
  if (cairo_surface_status(ia) == CAIRO_STATUS_SUCCESS && cairo_surface_status(ib) == CAIRO_STATUS_SUCCESS &&
      cairo_image_surface_get_width(ia) == cairo_image_surface_get_width(ib) &&
      cairo_image_surface_get_height(ia) == cairo_image_surface_get_height(ib)) {
    img x = {ia, cairo_image_surface_get_data(ia), cairo_image_surface_get_stride(ia)};
    img y = {ib, cairo_image_surface_get_data(ib), cairo_image_surface_get_stride(ib)};
    *out = compare(x, y, cairo_image_surface_get_width(ia), cairo_image_surface_get_height(ia), 1);
    rc = 0;
  }
  cairo_surface_destroy(ia);
  cairo_surface_destroy(ib);
  remove(pa);
  remove(pb);
  return rc;
}

/* A page of several runs: circles (one run), then a bar, then shapes of
 * every kind and look in a clip, a short run cairo draws, a run under an
 * empty clip, translucent piles. */
static scene *pdf_scene(arena *a, int n) {
  scene *s = scene_new(a, 400, 300, 0xffffffff);
  scene_rect(s, 10, 10, 380, 280, scene_fill(0xf4f4f4ff), "panel");
  scene_clip_push(s, 30.5, 20.25, 340, 250);
  for (int i = 0; i < n; i++) {
    sc_style st = look(i);
    scene_circle(s, 20 + frand() * 360, 10 + frand() * 280, 1 + i % 3, st, "c");
  }
  scene_rect(s, 100, 100, 50, 120, scene_fill(0x333333a0), "bar"); /* over the circles, under the shapes */
  for (int i = 0; i < n; i++) shape(s, 1 + i / 4 % 7, 20 + frand() * 360, 10 + frand() * 280, 40, look(i));
  for (int i = 0; i < 200; i++) {
    sc_style st = scene_fill(0x000000ff);
    st.opacity = 0.04f;
    shape(s, i % 2 ? 3 : 0, 200.3, 150.7, 300, st);
  }
  scene_clip_pop(s);
  scene_clip_push(s, 50, 50, 0, 10); /* empty */
  for (int i = 0; i < 100; i++) scene_circle(s, 50, 50, 3, scene_fill(0xff0000ff), "hidden");
  scene_clip_pop(s);
  for (int i = 0; i < 10; i++) shape(s, 2, 10 + i * 12, 290, 30, scene_fill(0x00aa00ff)); /* short run */
  return s;
}

static void test_pdf_marks(void) {
  arena *a = arena_new();
  int n = 1500;
  scene *s = pdf_scene(a, n);
  CHECK(marker_worth_stamping(s));
  renderer *r = renderer_new();
  const unsigned char *out;
  size_t len;
  char err[256];
  CHECK(render_scene(r, s, RENDER_PDF, NULL, &out, &len, err, sizeof err) == 0);
  unsigned char *pdf = malloc(len);
  memcpy(pdf, out, len);
  size_t plen = len;
  CHECK(pdf_marks_supported()); /* cairo 1.16 */
  CHECK(plen > 8 && !memcmp(pdf, "%PDF-1.5", 8));

  size_t off[4096];
  size_t nobj = check_xref((const char *)pdf, plen, off, 4096);
  CHECK(nobj > 0);
  /* Every drawing marker of every run, in scene order, at its anchor. */
  int want = 0;
  for (int i = 0; i < s->n; i++) {
    marker_key k;
    double ax, ay;
    const sc_item *it = &s->items[i];
    if ((it->kind == SC_PATH || it->kind == SC_RECT) && marker_key_of(it, 1, PDF_MARKS_SHAPE_UNIT, &k, &ax, &ay) &&
        (k.fill || k.stroke) && strcmp(it->role, "hidden") && !(it->kind == SC_PATH && it->npts == 4 && i > s->n - 11))
      want++;
  }
  int max = want + 10;
  double(*xy)[2] = malloc((size_t)max * sizeof *xy);
  int *form = malloc((size_t)max * sizeof *form);
  int got = nobj ? layer_marks((const char *)pdf, plen, nobj, off, xy, form, max) : 0;
  printf("pdf: %zu bytes, %zu objects, %d placements (%d markers in runs)\n", plen, nobj, got, want);
  CHECK(got == want);
  int at = 0, wrong = 0;
  for (int i = 0; i < s->n && at < got; i++) {
    marker_key k;
    double ax, ay;
    const sc_item *it = &s->items[i];
    if (!((it->kind == SC_PATH || it->kind == SC_RECT) && marker_key_of(it, 1, PDF_MARKS_SHAPE_UNIT, &k, &ax, &ay) &&
          (k.fill || k.stroke)) || !strcmp(it->role, "hidden"))
      continue;
    if (fabs(xy[at][0] - ax) > 0.0005 + 1e-9 || fabs(xy[at][1] - ay) > 0.0005 + 1e-9) wrong++;
    at++;
  }
  CHECK(wrong == 0);
  CHECK(memmem(pdf, plen, "/m0 ", 4) != NULL);

  /* Same bytes again, and from a fresh renderer. */
  CHECK(render_scene(r, s, RENDER_PDF, NULL, &out, &len, err, sizeof err) == 0);
  CHECK(len == plen && !memcmp(out, pdf, len));
  renderer *r2 = renderer_new();
  CHECK(render_scene(r2, s, RENDER_PDF, NULL, &out, &len, err, sizeof err) == 0);
  CHECK(len == plen && !memcmp(out, pdf, len));
  renderer_free(r2);

  /* Renders like cairo's own PDF of the same scene. */
  char fa[64], fb[64];
  snprintf(fa, sizeof fa, "/tmp/test_markers_%d_a.pdf", (int)getpid());
  snprintf(fb, sizeof fb, "/tmp/test_markers_%d_b.pdf", (int)getpid());
  CHECK(write_file(fa, pdf, plen) == 0);
  plain_pdf(r, s, fb);
  for (int dpi = 96; dpi <= 384; dpi *= 4) {
    diff d;
    if (pdf_compare(fa, fb, dpi, &d) != 0) {
      printf("pdf: pdftoppm not available, rendering not compared\n");
      break;
    }
    printf("pdf at %d dpi against cairo's: max %d mean %.4f >16 %.4f%%\n", dpi, d.max, d.mean, 100 * d.over16);
    /* Measured: 0.17-0.19 % of pixels off by more than 16, single pixels
     * along straight edges that lie within a rounding step of a pixel
     * boundary (cairo rounds to 1/256 pt, pdf_marks to 1/1000 px and 1/256
     * px), mean 0.07-0.09. */
    CHECK(d.mean < 0.2);
    CHECK(d.over16 < 0.005);
  }
  if (!getenv("KEEP_PDF")) {
    remove(fa);
    remove(fb);
  }
  free(xy);
  free(form);
  free(pdf);
  renderer_free(r);
  arena_free(a);
}

/* A book: pages with runs, on an A4 page (scaled, centred) and at their own
 * size, and a page without; one valid file with every run's layer. */
static void test_pdf_book(void) {
  arena *a = arena_new();
  scene *s1 = pdf_scene(a, 1500), *s2 = pdf_scene(a, 40), *s3 = pdf_scene(a, 3000);
  renderer *r = renderer_new();
  char err[256];
  for (int fixed = 0; fixed < 2; fixed++) {
    render_book *b = render_book_new(r, fixed ? 595 : 0, fixed ? 842 : 0, 28, "book");
    CHECK(render_book_add(b, s1, err, sizeof err) == 0);
    CHECK(render_book_add(b, s2, err, sizeof err) == 0);
    CHECK(render_book_add(b, s3, err, sizeof err) == 0);
    const unsigned char *out;
    size_t len;
    CHECK(render_book_finish(b, &out, &len, err, sizeof err) == 0);
    size_t off[4096];
    size_t nobj = check_xref((const char *)out, len, off, 4096);
    CHECK(nobj > 0);
    int max = 10000;
    double(*xy)[2] = malloc((size_t)max * sizeof *xy);
    int *form = malloc((size_t)max * sizeof *form);
    int got = nobj ? layer_marks((const char *)out, len, nobj, off, xy, form, max) : 0;
    CHECK(got == 3200 + 6200); /* s1's and s3's runs: n circles, n shapes + 200 pile */
    free(xy);
    free(form);
    render_book_free(b);
  }
  renderer_free(r);
  arena_free(a);
}

/* Few markers: no layers, the file cairo writes (PDF 1.5, no forms of ours). */
static void test_pdf_few_markers(void) {
  arena *a = arena_new();
  scene *s = pdf_scene(a, 40);
  CHECK(!marker_worth_stamping(s));
  renderer *r = renderer_new();
  const unsigned char *out;
  size_t len;
  char err[256];
  CHECK(render_scene(r, s, RENDER_PDF, NULL, &out, &len, err, sizeof err) == 0);
  CHECK(len > 8 && !memcmp(out, "%PDF-1.5", 8));
  CHECK(!memmem(out, len, "/Matrix [ 0.001", 15));
  renderer_free(r);
  arena_free(a);
}

/* Splicing refuses a file not laid out as cairo 1.16 writes it, and leaves
 * it as it was. */
static void test_pdf_splice_refuses(void) {
  arena *a = arena_new();
  scene *s = pdf_scene(a, 1500);
  pdf_marks *pm = pdf_marks_new();
  buf b = {0};
  cairo_surface_t *surf = cairo_pdf_surface_create_for_stream(NULL, NULL, 300, 225);
  cairo_t *cr = cairo_create(surf);
  cairo_scale(cr, 0.75, 0.75);
  renderer *r = renderer_new();
  render_draw_pdf(r, s, cr, pm, NULL);
  cairo_destroy(cr);
  cairo_surface_destroy(surf);
  CHECK(pdf_marks_count(pm) == 2); /* the circles; the shapes and the pile after them */
  const char *bad[] = {"%PDF-1.4\nnothing\n", "%PDF-1.5\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 >>\nstartxref\n9\n%%EOF\n",
                       "%PDF-1.5\n1 0 obj\n<< >>\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 >>\nstartxref\n33\n%%EOF\n"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    buf_reset(&b);
    buf_puts(&b, bad[i]);
    size_t l0 = b.len;
    CHECK(pdf_marks_splice(pm, &b) == -1);
    CHECK(b.len == l0 && !memcmp(b.data, bad[i], l0));
  }
  buf_free(&b);
  pdf_marks_free(pm);
  renderer_free(r);
  arena_free(a);
}

int main(void) {
  test_circle_points();
  test_stamped_like_cairo(1, 0xffffffff);
  test_stamped_like_cairo(2, 0xfafafaff);
  test_stamped_like_cairo(1.37, 0x00000000); /* transparent page: ARGB32 */
  test_accumulation();
  test_few_circles_unchanged();
  test_empty_clip();
  test_many_styles_unchanged();
  test_render_scene_deterministic();
  test_shapes_like_cairo(1, 0xffffffff);
  test_shapes_like_cairo(2, 0xfafafaff);
  test_shapes_like_cairo(1.37, 0x00000000);
  test_miters();
  test_shape_accumulation();
  test_marker_keys();
  test_pdf_marks();
  test_pdf_few_markers();
  test_pdf_book();
  test_pdf_splice_refuses();
  return testing_done("test_markers");
}
