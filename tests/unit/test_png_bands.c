/* Unit test for src/render/png_bands.c: a PNG drawn and encoded in bands
 * decodes to exactly the pixels of the same page drawn whole, and its bytes
 * do not depend on the number of threads.
 *
 *  - a hand-made page taller than many bands whose items straddle the band
 *    edges: rects with thick mitred strokes, dashed and round-capped lines,
 *    Bézier paths, circles, rounded rects, translucent fills, clips, many
 *    stamped markers, and text (horizontal and rotated), on an opaque and
 *    on a transparent page; with scaled images and a clip off the pixel
 *    grid, what differs is bounded (test_close);
 *  - every gallery page (specs/*.yaml) at 1x in bands of 16 rows, and the
 *    A4 page at 300 dpi in the default bands;
 *  - the same bytes with 1, 2 and 3 threads, through a sink and in memory;
 *    a sink that fails stops the render with an error. */
#include <cairo.h>
#include <dirent.h>
#include <stdint.h>

#include "base/fsutil.h"
#include "render/png_bands.h"
#include "render/render.h"
#include "scene_test.h"
#include "testing_png.h"

/* ---- decoding --------------------------------------------------------- */

/* Pixels as 0xAARRGGBB premultiplied, opaque when the surface is RGB24. */
static uint32_t pixel(cairo_surface_t *s, int x, int y) {
  const unsigned char *d = cairo_image_surface_get_data(s) + (size_t)y * cairo_image_surface_get_stride(s);
  uint32_t v;
  memcpy(&v, d + 4 * (size_t)x, 4);
  return cairo_image_surface_get_format(s) == CAIRO_FORMAT_RGB24 ? v | 0xff000000u : v;
}

/* How many pixels differ and by how much at most in one channel (n = -1:
 * a file does not decode or the sizes differ). */
typedef struct pxdiff {
  long n;
  int max;
} pxdiff;

static pxdiff differing_pixels(const unsigned char *a, size_t alen, const unsigned char *b, size_t blen) {
  cairo_surface_t *sa = testing_png_decode(a, alen), *sb = testing_png_decode(b, blen);
  pxdiff d = {-1, 0};
  if (!cairo_surface_status(sa) && !cairo_surface_status(sb) &&
      cairo_image_surface_get_width(sa) == cairo_image_surface_get_width(sb) &&
      cairo_image_surface_get_height(sa) == cairo_image_surface_get_height(sb)) {
    d.n = 0;
    int w = cairo_image_surface_get_width(sa), h = cairo_image_surface_get_height(sa);
    for (int y = 0; y < h; y++)
      for (int x = 0; x < w; x++) {
        uint32_t p = pixel(sa, x, y), q = pixel(sb, x, y);
        if (p == q) continue;
        d.n++;
        for (int k = 0; k < 32; k += 8) {
          int c = abs((int)(p >> k & 0xff) - (int)(q >> k & 0xff));
          if (c > d.max) d.max = c;
        }
      }
  }
  cairo_surface_destroy(sa);
  cairo_surface_destroy(sb);
  return d;
}

/* Renders s as PNG with the given banding into a malloc'ed copy. */
static unsigned char *render_png(renderer *r, const scene *s, double scale, int band_rows, int threads,
                                 size_t *len) {
  render_opts o = {.scale = scale, .band_rows = band_rows, .threads = threads};
  const unsigned char *out;
  char err[256];
  if (render_scene(r, s, RENDER_PNG, &o, &out, len, err, sizeof err) != 0) {
    fprintf(stderr, "render: %s\n", err);
    return NULL;
  }
  unsigned char *copy = malloc(*len);
  memcpy(copy, out, *len);
  return copy;
}

/* Whole page against bands of `rows` rows (0: the default). */
static pxdiff banded_vs_whole(renderer *r, const scene *s, double scale, int rows, int threads) {
  size_t wl, bl;
  unsigned char *whole = render_png(r, s, scale, -1, 0, &wl);
  unsigned char *band = render_png(r, s, scale, rows, threads, &bl);
  pxdiff d = whole && band ? differing_pixels(whole, wl, band, bl) : (pxdiff){-1, 0};
  free(whole);
  free(band);
  return d;
}

static long same_in_bands(renderer *r, const scene *s, double scale, int rows, int threads) {
  pxdiff d = banded_vs_whole(r, s, scale, rows, threads);
  if (d.n) fprintf(stderr, "scale %g, bands of %d rows: %ld pixels differ (by up to %d)\n", scale, rows, d.n, d.max);
  return d.n;
}

/* ---- a page of straddling items --------------------------------------- */

static cairo_status_t write_mem(void *closure, const unsigned char *data, unsigned int length) {
  buf_put(closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A 40 x 30 PNG with a gradient and a diagonal, for an image item. */
static void small_png(buf *out) {
  cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 40, 30);
  cairo_t *cr = cairo_create(s);
  cairo_pattern_t *g = cairo_pattern_create_linear(0, 0, 40, 30);
  cairo_pattern_add_color_stop_rgba(g, 0, 0.9, 0.2, 0.1, 1);
  cairo_pattern_add_color_stop_rgba(g, 1, 0.1, 0.3, 0.9, 0.6);
  cairo_set_source(cr, g);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_move_to(cr, 0, 0);
  cairo_line_to(cr, 40, 30);
  cairo_stroke(cr);
  cairo_pattern_destroy(g);
  cairo_destroy(cr);
  cairo_surface_write_to_png_stream(s, write_mem, out);
  cairo_surface_destroy(s);
}

/* The page: items across many band edges.  exact = 1: every clip on whole
 * device pixels at scales 1, 2 and 300/96 and no images, what bands draw
 * exactly as the whole page; exact = 0 adds the two cases where cairo's
 * arithmetic depends on where the surface ends (see test_close). */
static scene *straddling_page(arena *a, uint32_t bg, const buf *png, int markers, int exact) {
  scene *s = scene_new(a, 230, 400, bg);
  /* thick mitred strokes and translucent fills */
  sc_style st = scene_stroke(0x1f77b4ff, 7.3);
  st.fill = 0xff7f0e80;
  scene_rect(s, 12.3, 10.7, 80.4, 150.2, st, "rect");
  sc_item *rr = scene_rect(s, 100.5, 20.25, 110, 70.6, scene_fill(0x2ca02cc0), "rounded");
  rr->rx = 12;
  /* a zigzag with sharp miters, a dashed curve, a round-capped line, a ring */
  st = scene_stroke(0xd62728ff, 5);
  scene_path_begin(s, st, "zigzag");
  scene_move(s, 20, 170);
  for (int i = 1; i < 12; i++) scene_line(s, 20 + i * 17.3, 170 + (i % 2 ? 40.7 : 3.1));
  scene_path_end(s);
  st = scene_stroke(0x9467bdff, 2.2);
  st.ndash = 2;
  st.dash[0] = 6;
  st.dash[1] = 3.5;
  scene_path_begin(s, st, "dashed");
  scene_move(s, 10.5, 230);
  scene_curve(s, 60, 180, 150, 320, 220, 240.4);
  scene_path_end(s);
  st = scene_stroke(0x8c564bff, 9);
  st.round_cap = 1;
  scene_path_begin(s, st, "round");
  scene_move(s, 200, 100);
  scene_line(s, 120, 300.3);
  scene_path_end(s);
  scene_circle(s, 170.4, 330.9, 45.3, scene_stroke(0x17becfff, 3), "ring");
  if (!exact) { /* an image scaled over several bands, one under a clip */
    sc_item *im = scene_image(s, "x.png", 30.2, 250.6, 120.3, 90.1, "image");
    im->image_data = (const unsigned char *)png->data;
    im->image_len = png->len;
    scene_clip_push(s, 0, 300.5, 230, 60.3);
    im = scene_image(s, "x.png", 140, 280, 80, 60, "image");
    im->image_data = (const unsigned char *)png->data;
    im->image_len = png->len;
    scene_clip_pop(s);
  }
  /* markers (enough to be stamped from sprites) under a clip, many across
   * band edges and some across the clip's edges (those cairo draws) */
  if (exact) scene_clip_push(s, 0, 32, 224, 352);
  else scene_clip_push(s, 5.5, 5.5, 219, 389);
  unsigned seed = 7;
  for (int i = 0; i < markers; i++) {
    seed = seed * 1103515245u + 12345u;
    double x = 5 + (seed >> 8) % 2200 / 10.0;
    seed = seed * 1103515245u + 12345u;
    double y = 5 + (seed >> 8) % 3900 / 10.0;
    sc_style ms = i % 2 ? scene_fill(0x4c78a8b0) : scene_stroke(0xe45756ff, 1.1);
    scene_circle(s, x, y, 2.5, ms, "mark.point");
  }
  scene_clip_pop(s);
  /* text, plain and turned */
  text_style ts = {0};
  ts.size = 19;
  ts.color = 0x222222ff;
  diag_list dl = {0};
  const text_box *t = text_layout(TE, "苏州 Suzhou 社会救助 gyp", &ts, 0, 1, (src_loc){0}, &dl);
  diag_clear(&dl);
  if (t) {
    for (int i = 0; i < 12; i++) scene_text(s, t, 8 + i % 3, 20 + i * 31.37, "text");
    sc_item *rot = scene_text(s, t, 190, 120, "text.rotated");
    rot->rotate = 73;
    rot = scene_text(s, t, 40, 390, "text.rotated");
    rot->rotate = -31;
  }
  return s;
}

/* Opaque and transparent pages, 1x in bands of 7 and 16 rows, 2x in bands
 * of 64, 300 dpi in the default bands, on 1 to 3 threads: the same pixels. */
static void test_exact(void) {
  renderer *r = renderer_new();
  const uint32_t bgs[2] = {0xfdfcf8ff, 0xffffff00};
  for (int b = 0; b < 2; b++) {
    arena *a = arena_new();
    scene *s = straddling_page(a, bgs[b], NULL, 3000, 1);
    CHECK(count(s, "text") == 12);
    CHECK(count(s, "mark.point") == 3000);
    CHECK(same_in_bands(r, s, 1, 7, 2) == 0);
    CHECK(same_in_bands(r, s, 1, 16, 3) == 0);
    CHECK(same_in_bands(r, s, 2, 64, 1) == 0);
    CHECK(same_in_bands(r, s, 300 / 96.0, 0, 2) == 0);
    arena_free(a);
  }
  renderer_free(r);
}

/* Two things come out slightly differently in a band, at a few pixels:
 *  - an image scaled into the page: pixman samples it through a 16.16
 *    fixed-point matrix whose translation, rounded, differs with the band;
 *  - antialiased edges where a shape crosses both an edge of a clip that
 *    is not on whole pixels and the band's edge: cairo intersects the
 *    shape with the clip box cut at the surface's edge.
 * Bounded here so that a real seam (a row missing, an item dropped) fails. */
static void test_close(void) {
  buf png = {0};
  small_png(&png);
  renderer *r = renderer_new();
  const double scales[3] = {1, 2, 300 / 96.0};
  const int rows[3] = {7, 64, 0};
  for (int k = 0; k < 3; k++) {
    arena *a = arena_new();
    scene *s = straddling_page(a, 0xfdfcf8ff, &png, 3000, 0);
    CHECK(count(s, "image") == 2);
    pxdiff d = banded_vs_whole(r, s, scales[k], rows[k], 2);
    double npx = ceil(230 * scales[k]) * ceil(400 * scales[k]);
    fprintf(stderr, "not exact: scale %g, bands of %d rows: %ld of %.0f pixels differ, by up to %d\n", scales[k],
            rows[k], d.n, npx, d.max);
    CHECK(d.n >= 0 && d.n < npx / 500);
    CHECK(d.max <= 64);
    arena_free(a);
  }
  renderer_free(r);
  buf_free(&png);
}

/* ---- determinism and the sink ------------------------------------------ */

typedef struct sink_buf {
  buf b;
  int calls, fail_at;
} sink_buf;

static int to_sink(void *ctx, const void *data, size_t len) {
  sink_buf *sb = ctx;
  if (++sb->calls == sb->fail_at) return -1;
  buf_put(&sb->b, data, len);
  return 0;
}

static void test_threads_and_sink(void) {
  buf png = {0};
  small_png(&png);
  arena *a = arena_new();
  scene *s = straddling_page(a, 0xffffffff, &png, 500, 0);
  renderer *r = renderer_new();
  size_t l1, l2, l3;
  unsigned char *t1 = render_png(r, s, 2, 32, 1, &l1);
  unsigned char *t2 = render_png(r, s, 2, 32, 2, &l2);
  unsigned char *t3 = render_png(r, s, 2, 32, 3, &l3);
  if (REQUIRED(t1 && t2 && t3)) {
    CHECK(l1 == l2 && memcmp(t1, t2, l1) == 0);
    CHECK(l1 == l3 && memcmp(t1, t3, l1) == 0);
  }
  /* through a sink: the same bytes, a chunk a band (25 bands + header and trailer) */
  sink_buf sb = {0};
  render_opts o = {.scale = 2, .band_rows = 32, .threads = 2, .sink = to_sink, .sink_ctx = &sb};
  const unsigned char *out = (const unsigned char *)"x";
  size_t len = 1;
  char err[256];
  CHECK(render_scene(r, s, RENDER_PNG, &o, &out, &len, err, sizeof err) == 0);
  CHECK(out == NULL);
  CHECK(sb.calls == 25 + 2);
  CHECK(t1 && sb.b.len == l1 && memcmp(sb.b.data, t1, l1) == 0);
  buf_free(&sb.b);
  /* a sink that fails half-way: an error, not a partial success */
  sb = (sink_buf){.fail_at = 9};
  o.sink_ctx = &sb;
  CHECK(render_scene(r, s, RENDER_PNG, &o, &out, &len, err, sizeof err) == -1);
  CHECK(strstr(err, "cannot write the PNG") != NULL);
  CHECK(sb.calls == 9);
  buf_free(&sb.b);
  /* small pages take the one-shot encoder unless bands are asked for */
  sb = (sink_buf){0};
  o.band_rows = 0;
  CHECK(render_scene(r, s, RENDER_PNG, &o, &out, &len, err, sizeof err) == 0);
  CHECK(sb.calls == 1);
  buf_free(&sb.b);
  free(t1);
  free(t2);
  free(t3);
  renderer_free(r);
  arena_free(a);
  buf_free(&png);
}

/* ---- the gallery -------------------------------------------------------- */

static scene *load_spec(const char *path, run *rn) {
  buf text = {0};
  char err[512];
  if (fs_read_file(path, &text, 1 << 24, err, sizeof err) != 0) return NULL;
  *rn = go(path, text.data);
  buf_free(&text);
  if (!rn->sc) fprintf(stderr, "%s: %s\n", path, rn->first_error);
  return rn->sc;
}

static void test_gallery(void) {
  char dir[4096];
  snprintf(dir, sizeof dir, "%s/specs", HUITU_SOURCE_DIR);
  DIR *d = opendir(dir);
  if (!REQUIRED(d)) return;
  renderer *r = renderer_new();
  int pages = 0;
  for (struct dirent *e; (e = readdir(d));) {
    size_t n = strlen(e->d_name);
    if (n < 6 || strcmp(e->d_name + n - 5, ".yaml")) continue;
    char path[8192];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    run rn;
    scene *s = load_spec(path, &rn);
    if (!REQUIRED(s)) continue;
    long diff = same_in_bands(r, s, 1, 16, 2);
    if (diff != 0) fprintf(stderr, "  (%s)\n", e->d_name);
    CHECK(diff == 0);
    pages++;
    run_free(&rn);
  }
  closedir(d);
  CHECK(pages >= 20);
  /* print size: the A4 page at 300 dpi in the default bands */
  char path[8192];
  snprintf(path, sizeof path, "%s/suzhou-minzheng-a4.yaml", dir);
  run rn;
  scene *s = load_spec(path, &rn);
  if (REQUIRED(s)) CHECK(same_in_bands(r, s, 300 / 96.0, 0, 2) == 0);
  run_free(&rn);
  renderer_free(r);
}

int main(void) {
  scene_test_begin();
  test_exact();
  test_close();
  test_threads_and_sink();
  test_gallery();
  text_engine_free(TE);
  return testing_done("test_png_bands");
}
