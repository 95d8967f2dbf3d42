/* PNG encoder benchmark: cairo_surface_write_to_png_stream vs png_encoder.
 * Not part of ctest; see bench/README-png.md for the build line.
 *
 *   png_bench [-n iterations] [-o outdir] [-q]
 *
 * Draws typical charts with cairo at 1200x800 (scale 1) and 2400x1600
 * (scale 2), encodes each with both encoders (has_alpha=1, dpi 96*scale) and
 * reports the median and minimum wall-clock times, the file sizes and the
 * ratios: "speed" is median/median, "min" minimum/minimum (the best estimate
 * on a busy machine, since interference only ever adds time) and "cpu" the
 * minimum/minimum ratio of thread CPU time.  The two encoders' runs are
 * interleaved.  With -o the PNGs are also written there for inspection; -q
 * times cairo only once (for quick parameter sweeps).  Every png_encoder
 * output is checked to be identical across iterations (determinism).
 *
 * Scenes:
 *   bars     the typical bar chart: white background, gridlines, 8 bars,
 *            text (<= 256 colours -> palette PNG)
 *   bars+ln  the same plus a translucent band and an antialiased line with
 *            markers (> 256 colours -> RGB PNG)
 *   scatter  400 translucent antialiased circles + text (RGB, busy) */
#define _POSIX_C_SOURCE 200809L
#include <cairo.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "render/png_encode.h"

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double cpu_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double vmin(const double *v, int n) {
  double m = v[0];
  for (int i = 1; i < n; i++)
    if (v[i] < m) m = v[i];
  return m;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double median(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, cmp_double);
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/* ---- memory sink for cairo ---- */
typedef struct {
  unsigned char *buf;
  size_t len, cap;
} sink;

static cairo_status_t sink_write(void *closure, const unsigned char *data, unsigned int len) {
  sink *s = closure;
  if (s->len + len > s->cap) {
    size_t cap = s->cap ? s->cap : 1 << 16;
    while (cap < s->len + len) cap *= 2;
    unsigned char *p = realloc(s->buf, cap);
    if (!p) return CAIRO_STATUS_NO_MEMORY;
    s->buf = p;
    s->cap = cap;
  }
  memcpy(s->buf + s->len, data, len);
  s->len += len;
  return CAIRO_STATUS_SUCCESS;
}

/* ---- scenes ---- */
static void draw_bar_chart(cairo_t *cr, int with_line) {
  static const double colors[8][3] = {
      {0.27, 0.51, 0.71}, {0.96, 0.52, 0.16}, {0.30, 0.69, 0.29}, {0.84, 0.15, 0.16},
      {0.58, 0.40, 0.74}, {0.55, 0.34, 0.29}, {0.89, 0.47, 0.76}, {0.50, 0.50, 0.50}};
  static const double values[8] = {42, 77, 58, 91, 35, 64, 80, 50};
  static const char *labels[8] = {"Alpha", "Bravo", "Charlie", "Delta",
                                  "Echo", "Foxtrot", "Golf", "Hotel"};
  const double H = 800, L = 100, R = 1160, T = 100, B = 700;

  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);

  cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size(cr, 28);
  cairo_set_source_rgb(cr, 0.13, 0.13, 0.13);
  cairo_move_to(cr, L, 60);
  cairo_show_text(cr, "Quarterly revenue by product line (million EUR)");

  /* gridlines + y tick labels */
  cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, 14);
  cairo_set_line_width(cr, 1);
  for (int i = 0; i <= 10; i++) {
    double y = B - (B - T) * i / 10.0;
    cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
    cairo_move_to(cr, L, floor(y) + 0.5);
    cairo_line_to(cr, R, floor(y) + 0.5);
    cairo_stroke(cr);
    char buf[16];
    snprintf(buf, sizeof buf, "%d", i * 10);
    cairo_text_extents_t ext;
    cairo_text_extents(cr, buf, &ext);
    cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
    cairo_move_to(cr, L - 10 - ext.x_advance, y + 5);
    cairo_show_text(cr, buf);
  }

  /* bars, value labels, category labels */
  double slot = (R - L) / 8.0;
  for (int i = 0; i < 8; i++) {
    double x0 = L + i * slot + slot * 0.15, bw = slot * 0.7;
    double y0 = B - (B - T) * values[i] / 100.0;
    cairo_set_source_rgb(cr, colors[i][0], colors[i][1], colors[i][2]);
    cairo_rectangle(cr, round(x0), round(y0), round(bw), B - round(y0));
    cairo_fill(cr);
    char buf[16];
    snprintf(buf, sizeof buf, "%.0f", values[i]);
    cairo_text_extents_t ext;
    cairo_set_font_size(cr, 16);
    cairo_text_extents(cr, buf, &ext);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_move_to(cr, x0 + bw / 2 - ext.x_advance / 2, y0 - 8);
    cairo_show_text(cr, buf);
    cairo_set_font_size(cr, 15);
    cairo_text_extents(cr, labels[i], &ext);
    cairo_move_to(cr, x0 + bw / 2 - ext.x_advance / 2, B + 24);
    cairo_show_text(cr, labels[i]);
  }

  /* axis */
  cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
  cairo_set_line_width(cr, 2);
  cairo_move_to(cr, L, B);
  cairo_line_to(cr, R, B);
  cairo_stroke(cr);

  cairo_set_font_size(cr, 13);
  cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
  cairo_move_to(cr, L, H - 30);
  cairo_show_text(cr, "Source: synthetic benchmark data. Values rounded to the nearest million.");

  if (with_line) {
    /* target line: antialiased polyline with markers crossing the bars, plus
     * a translucent band -> many distinct colours (RGB path) */
    cairo_set_source_rgba(cr, 0.1, 0.6, 0.9, 0.25);
    cairo_move_to(cr, L, B - 300);
    for (int i = 0; i <= 16; i++)
      cairo_line_to(cr, L + (R - L) * i / 16.0, B - 300 - 80 * sin(i * 0.7));
    cairo_line_to(cr, R, B - 200);
    for (int i = 16; i >= 0; i--)
      cairo_line_to(cr, L + (R - L) * i / 16.0, B - 200 - 60 * sin(i * 0.7 + 1));
    cairo_close_path(cr);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    cairo_set_line_width(cr, 3);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    for (int i = 0; i < 8; i++) {
      double x = L + slot * (i + 0.5), y = B - (B - T) * (values[i] * 0.8 + 12) / 100.0;
      if (i == 0) cairo_move_to(cr, x, y);
      else cairo_line_to(cr, x, y);
    }
    cairo_stroke(cr);
    for (int i = 0; i < 8; i++) {
      double x = L + slot * (i + 0.5), y = B - (B - T) * (values[i] * 0.8 + 12) / 100.0;
      cairo_arc(cr, x, y, 7, 0, 2 * 3.14159265358979323846);
      cairo_set_source_rgb(cr, 1, 1, 1);
      cairo_fill_preserve(cr);
      cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
      cairo_set_line_width(cr, 2.5);
      cairo_stroke(cr);
    }
  }
}

static void draw_scatter(cairo_t *cr) {
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_line_width(cr, 1);
  for (int i = 0; i <= 10; i++) {
    cairo_set_source_rgb(cr, 0.9, 0.9, 0.9);
    cairo_move_to(cr, 80, 80 + 60 * i + 0.5);
    cairo_line_to(cr, 1160, 80 + 60 * i + 0.5);
    cairo_move_to(cr, 80 + 108 * i + 0.5, 80);
    cairo_line_to(cr, 80 + 108 * i + 0.5, 680);
    cairo_stroke(cr);
  }
  uint32_t rng = 12345;
  for (int i = 0; i < 400; i++) {
    rng = rng * 1103515245u + 12345u;
    double x = 90 + (rng >> 8) % 1060;
    rng = rng * 1103515245u + 12345u;
    double y = 90 + (rng >> 8) % 580;
    rng = rng * 1103515245u + 12345u;
    double r = 3 + (rng >> 8) % 12;
    int k = i % 3;
    cairo_set_source_rgba(cr, k == 0 ? 0.85 : 0.1, k == 1 ? 0.6 : 0.2, k == 2 ? 0.9 : 0.3, 0.55);
    cairo_arc(cr, x, y, r, 0, 2 * 3.14159265358979323846);
    cairo_fill(cr);
  }
  cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size(cr, 26);
  cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
  cairo_move_to(cr, 80, 50);
  cairo_show_text(cr, "Latency vs. throughput, 400 samples");
  cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, 14);
  for (int i = 0; i <= 10; i++) {
    char buf[16];
    snprintf(buf, sizeof buf, "%d", i * 100);
    cairo_move_to(cr, 70 + 108 * i, 705);
    cairo_show_text(cr, buf);
    snprintf(buf, sizeof buf, "%d ms", (10 - i) * 5);
    cairo_move_to(cr, 20, 85 + 60 * i);
    cairo_show_text(cr, buf);
  }
}

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

static int count_colors(cairo_surface_t *s) {
  int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
  int stride = cairo_image_surface_get_stride(s);
  const unsigned char *d = cairo_image_surface_get_data(s);
  size_t n = (size_t)w * h;
  uint32_t *v = malloc(n * 4);
  if (!v) return -1;
  for (int y = 0; y < h; y++) memcpy(v + (size_t)y * w, d + (size_t)y * stride, (size_t)w * 4);
  qsort(v, n, 4, cmp_u32);
  int c = 0;
  for (size_t i = 0; i < n; i++)
    if (i == 0 || v[i] != v[i - 1]) c++;
  free(v);
  return c;
}

/* cairo is slow: time it on every few png_encoder iterations only */
static int cairo_runs(int iters, int quick) {
  int n = quick ? 1 : iters / 4 > 5 ? iters / 4 : 5;
  return n < iters ? n : iters;
}

static int run(const char *name, int scale, int scene, int iters, int quick,
               const char *outdir, png_encoder *enc) {
  int w = 1200 * scale, h = 800 * scale;
  cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create(s);
  cairo_scale(cr, scale, scale);
  if (scene == 2) draw_scatter(cr);
  else draw_bar_chart(cr, scene == 1);
  cairo_surface_flush(s);
  cairo_destroy(cr);

  const unsigned char *data = cairo_image_surface_get_data(s);
  int stride = cairo_image_surface_get_stride(s);

  /* cairo and png_encoder runs are interleaved so that load changes on a
   * shared machine hit both alike; wall and thread CPU time are recorded */
  int cairo_iters = cairo_runs(iters, quick);
  int every = iters / cairo_iters;
  double *tc = malloc(sizeof(double) * (size_t)cairo_iters * 2), *cc = tc + cairo_iters;
  double *te = malloc(sizeof(double) * (size_t)iters * 2), *ce = te + iters;
  sink sk = {0};
  const unsigned char *png = NULL;
  size_t len = 0, first_len = 0;
  unsigned char *first = NULL;
  int nc = 0;
  for (int i = 0; i < iters; i++) {
    if (i % every == 0 && nc < cairo_iters) {
      sk.len = 0;
      double t0 = now_ms(), c0 = cpu_ms();
      cairo_status_t st = cairo_surface_write_to_png_stream(s, sink_write, &sk);
      cc[nc] = cpu_ms() - c0;
      tc[nc++] = now_ms() - t0;
      if (st != CAIRO_STATUS_SUCCESS) {
        fprintf(stderr, "cairo failed\n");
        return 1;
      }
    }
    double t0 = now_ms(), c0 = cpu_ms();
    int rc = png_encoder_encode(enc, data, w, h, stride, 1, 96.0 * scale, &png, &len);
    ce[i] = cpu_ms() - c0;
    te[i] = now_ms() - t0;
    if (rc != 0) {
      fprintf(stderr, "png_encoder_encode failed\n");
      return 1;
    }
    if (!first) {
      first = malloc(len);
      memcpy(first, png, len);
      first_len = len;
    } else if (len != first_len || memcmp(first, png, len) != 0) {
      fprintf(stderr, "non-deterministic output!\n");
      return 1;
    }
  }
  size_t cairo_size = sk.len;
  /* IHDR colour type and bit depth: bytes 25 and 24 of the file */
  int ctype = png[25], depth = png[24];
  double minc = vmin(tc, nc), mine = vmin(te, iters), mincc = vmin(cc, nc),
         mince = vmin(ce, iters);
  double mc = median(tc, nc), me = median(te, iters);
  printf("%-7s %4dx%-4d %4d colours | cairo %6.2f ms (min %6.2f) %6zu B | png_encode %5.2f ms "
         "(min %5.2f) %6zu B %s/%d | speed x%4.1f (min x%4.1f, cpu x%4.1f) size %.3f\n",
         name, w, h, count_colors(s), mc, minc, cairo_size, me, mine, len,
         ctype == 3 ? "pal" : ctype == 2 ? "rgb" : "rgba", depth, mc / me, minc / mine,
         mincc / mince, (double)len / (double)cairo_size);

  if (outdir) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s_%d_cairo.png", outdir, name, scale);
    FILE *f = fopen(path, "wb");
    if (f) {
      fwrite(sk.buf, 1, sk.len, f);
      fclose(f);
    }
    snprintf(path, sizeof path, "%s/%s_%d_enc.png", outdir, name, scale);
    f = fopen(path, "wb");
    if (f) {
      fwrite(first, 1, first_len, f);
      fclose(f);
    }
  }
  free(first);
  free(sk.buf);
  free(tc);
  free(te);
  cairo_surface_destroy(s);
  return 0;
}

int main(int argc, char **argv) {
  int iters = 40, quick = 0;
  const char *outdir = NULL;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "-n") && i + 1 < argc) iters = atoi(argv[++i]);
    else if (!strcmp(argv[i], "-o") && i + 1 < argc) outdir = argv[++i];
    else if (!strcmp(argv[i], "-q")) quick = 1;
    else {
      fprintf(stderr, "usage: %s [-n iterations] [-o outdir] [-q]\n", argv[0]);
      return 2;
    }
  }
  if (iters < 1) iters = 1;
  png_encoder *enc = png_encoder_new();
  if (!enc) return 1;
  int rc = 0;
  static const char *names[3] = {"bars", "bars+ln", "scatter"};
  printf("png_encoder: %d runs per image, cairo_surface_write_to_png_stream: %d\n", iters,
         cairo_runs(iters, quick));
  for (int scale = 1; scale <= 2 && !rc; scale++)
    for (int scene = 0; scene < 3 && !rc; scene++)
      rc |= run(names[scene], scale, scene, iters, quick, outdir, enc);
  png_encoder_free(enc);
  return rc;
}
