/* Unit test for scene circles (src/scene/scene.c) and stamped markers
 * (src/render/markers.c): a circle item carries no points but gives exactly
 * scene_arc's; a scene with many circles drawn by stamping looks like the
 * same scene drawn by cairo (translucent overlaps accumulate, clips hold,
 * transparent pages work); stamping is deterministic whatever the cache
 * holds; scenes with few circles, or a style per circle, are drawn by cairo
 * byte for byte. */
#include <cairo.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "render/markers.h"
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
  int outside = 0;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++) {
      double ux = (x + 0.5) / scale, uy = (y + 0.5) / scale;
      int in = ux > 100.5 - 1 / scale && ux < 200.5 + 1 / scale && uy > 50.25 - 1 / scale && uy < 150.25 + 1 / scale;
      uint32_t p = ((uint32_t *)(cs.d + (size_t)y * cs.stride))[x];
      uint32_t want = opaque ? (bg >> 8) & 0xffffff : 0;
      if (!in && (opaque ? (p & 0xffffff) != want : p != 0)) outside++;
    }
  CHECK(outside == 0);

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
  return testing_done("test_markers");
}
