/* PNG encoder tuning sweep: libdeflate level x row filter on real images,
 * against cairo_surface_write_to_png.  Not part of ctest.
 *
 *   cc -O2 -I src bench/png_levels.c src/render/png_encode.c \
 *      $(pkg-config --cflags --libs cairo libdeflate) -lm -o /tmp/png_levels
 *   make && /tmp/png_levels out/[a-z]*.png BENCH_CHART.png
 *
 * Each PNG is loaded with cairo (RGB PNGs come back as CAIRO_FORMAT_RGB24,
 * which is what huitu renders opaque pages into), then encoded by cairo and
 * by png_encoder at every setting; times are the minimum thread CPU time of
 * -n rounds (default 7; the minimum is the best estimate on a shared machine).
 * Per setting it prints the total time over all images, the speed-up over
 * cairo (total cairo time / total time), the total size relative to cairo's
 * and the worst single-image size ratio. */
#define _POSIX_C_SOURCE 200809L
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "render/png_encode.h"

static double cpu_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

typedef struct {
  size_t len;
} sink;

static cairo_status_t count(void *c, const unsigned char *d, unsigned int n) {
  (void)d;
  ((sink *)c)->len += n;
  return CAIRO_STATUS_SUCCESS;
}

int main(int argc, char **argv) {
  int runs = 7, first = 1;
  if (argc > 2 && !strcmp(argv[1], "-n")) {
    runs = atoi(argv[2]);
    first = 3;
  }
  int nimg = argc - first;
  if (nimg < 1) {
    fprintf(stderr, "usage: png_levels [-n runs] FILE.png...\n");
    return 2;
  }
  cairo_surface_t **img = calloc((size_t)nimg, sizeof *img);
  double *ct = calloc((size_t)nimg, sizeof *ct), *cs = calloc((size_t)nimg, sizeof *cs);
  double cairo_total = 0, cairo_bytes = 0;
  for (int i = 0; i < nimg; i++) {
    img[i] = cairo_image_surface_create_from_png(argv[first + i]);
    if (cairo_surface_status(img[i]) != CAIRO_STATUS_SUCCESS) {
      fprintf(stderr, "cannot read %s\n", argv[first + i]);
      return 1;
    }
    double best = 1e99;
    for (int r = 0; r < (runs + 2) / 3; r++) { /* cairo is slow: fewer runs */
      sink s = {0};
      double t = cpu_ms();
      cairo_surface_write_to_png_stream(img[i], count, &s);
      t = cpu_ms() - t;
      if (t < best) best = t;
      cs[i] = (double)s.len;
    }
    ct[i] = best;
    cairo_total += best;
    cairo_bytes += cs[i];
  }
  printf("%d images; cairo_surface_write_to_png: %.2f ms total, %.0f bytes\n", nimg, cairo_total, cairo_bytes);
  printf("level filter(rgb/pal)   ms total  speed-up  size/cairo  worst image size/cairo\n");
  static const char *fname[] = {"None", "Sub", "Up", "Avg", "Paeth", "adapt"};
  int levels[] = {1, 2, 3, 4, 5, 6};
  int filt[][2] = {{0, 0}, {1, 1}, {2, 2}, {4, 2}, {5, 2}};
  /* Rounds outermost, settings interleaved within a round: slow phases of
   * a shared machine hit every setting alike, and the minimum drops them. */
  enum { NL = sizeof levels / sizeof *levels, NF = sizeof filt / sizeof *filt };
  double *best = malloc(sizeof(double) * NL * NF * (size_t)nimg);
  size_t *size = calloc(NL * NF * (size_t)nimg, sizeof *size);
  for (size_t k = 0; k < NL * NF * (size_t)nimg; k++) best[k] = 1e99;
  png_encoder *enc = png_encoder_new();
  for (int r = 0; r < runs; r++)
    for (size_t li = 0; li < NL; li++)
      for (size_t fi = 0; fi < NF; fi++) {
        if (png_encoder_tune(enc, levels[li], filt[fi][0], filt[fi][1]) != 0) return 1;
        for (int i = 0; i < nimg; i++) {
          cairo_surface_t *s = img[i];
          int alpha = cairo_image_surface_get_format(s) == CAIRO_FORMAT_ARGB32;
          const unsigned char *out;
          size_t len = 0;
          double t = cpu_ms();
          png_encoder_encode(enc, cairo_image_surface_get_data(s), cairo_image_surface_get_width(s),
                             cairo_image_surface_get_height(s), cairo_image_surface_get_stride(s), alpha, 96, &out,
                             &len);
          t = cpu_ms() - t;
          size_t k = (li * NF + fi) * (size_t)nimg + (size_t)i;
          if (t < best[k]) best[k] = t;
          size[k] = len;
        }
      }
  for (size_t li = 0; li < NL; li++)
    for (size_t fi = 0; fi < NF; fi++) {
      double total = 0, bytes = 0, worst = 0;
      for (int i = 0; i < nimg; i++) {
        size_t k = (li * NF + fi) * (size_t)nimg + (size_t)i;
        total += best[k];
        bytes += (double)size[k];
        if (size[k] / cs[i] > worst) worst = size[k] / cs[i];
      }
      printf("L%d    %-5s/%-5s       %8.2f  %7.2fx  %9.3f  %9.3f\n", levels[li], fname[filt[fi][0]],
             fname[filt[fi][1]], total, cairo_total / total, bytes / cairo_bytes, worst);
    }
  png_encoder_free(enc);
  return 0;
}
