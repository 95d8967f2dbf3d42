/* eco_pngdiff REF.png OTHER.png [MAX_BAD_PERCENT [DIFF_OUT.png]]
 *
 * Compares a real consumer's rendering of an SVG (Chromium, LibreOffice)
 * with huitu's own PNG.  Both are composited on white; when the sizes
 * differ by 1 or 2 pixels (LibreOffice rounds the page up) the common part
 * is compared, when more (LibreOffice caps exports at 2048 px) the larger
 * is resampled to the smaller, if the aspect ratios agree; both are blurred
 * 3x3 and each pixel is matched against the closest of its neighbours in
 * the other image, so antialiasing and sub-pixel placement (LibreOffice
 * snaps text to whole pixels) do not count.  A pixel is "bad" when a channel differs by more than 48 of
 * 255.  Exit 0 when bad pixels are at most MAX_BAD_PERCENT (default 0.5)
 * of the image, 1 otherwise; 2 on a read error.  Prints the numbers. */
#include <math.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  int w, h;
  float *px; /* RGB on white, 0..255 */
} img;

static int load(const char *path, img *o) {
  png_image im;
  memset(&im, 0, sizeof im);
  im.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&im, path)) {
    fprintf(stderr, "%s: %s\n", path, im.message);
    return -1;
  }
  im.format = PNG_FORMAT_RGBA;
  unsigned char *buf = malloc(PNG_IMAGE_SIZE(im));
  if (!buf || !png_image_finish_read(&im, NULL, buf, 0, NULL)) {
    fprintf(stderr, "%s: %s\n", path, im.message);
    free(buf);
    return -1;
  }
  o->w = (int)im.width;
  o->h = (int)im.height;
  o->px = malloc(sizeof(float) * 3 * (size_t)o->w * (size_t)o->h);
  for (size_t i = 0; i < (size_t)o->w * (size_t)o->h; i++) {
    float a = buf[i * 4 + 3] / 255.0f;
    for (int c = 0; c < 3; c++) o->px[i * 3 + c] = buf[i * 4 + c] * a + 255.0f * (1 - a);
  }
  free(buf);
  return 0;
}

static img resample(const img *s, int w, int h) {
  img o = {w, h, malloc(sizeof(float) * 3 * (size_t)w * (size_t)h)};
  double sx = (double)s->w / w, sy = (double)s->h / h;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++) {
      double fx = (x + 0.5) * sx - 0.5, fy = (y + 0.5) * sy - 0.5;
      int x0 = (int)floor(fx), y0 = (int)floor(fy);
      double tx = fx - x0, ty = fy - y0;
      for (int c = 0; c < 3; c++) {
        double v = 0;
        for (int j = 0; j < 2; j++)
          for (int i = 0; i < 2; i++) {
            int xx = x0 + i < 0 ? 0 : x0 + i >= s->w ? s->w - 1 : x0 + i;
            int yy = y0 + j < 0 ? 0 : y0 + j >= s->h ? s->h - 1 : y0 + j;
            v += s->px[((size_t)yy * s->w + xx) * 3 + c] * (i ? tx : 1 - tx) * (j ? ty : 1 - ty);
          }
        o.px[((size_t)y * w + x) * 3 + c] = (float)v;
      }
    }
  return o;
}

static void blur(img *m) {
  float *o = malloc(sizeof(float) * 3 * (size_t)m->w * (size_t)m->h);
  for (int y = 0; y < m->h; y++)
    for (int x = 0; x < m->w; x++)
      for (int c = 0; c < 3; c++) {
        float s = 0;
        int n = 0;
        for (int j = -1; j <= 1; j++)
          for (int i = -1; i <= 1; i++) {
            int xx = x + i, yy = y + j;
            if (xx < 0 || yy < 0 || xx >= m->w || yy >= m->h) continue;
            s += m->px[((size_t)yy * m->w + xx) * 3 + c];
            n++;
          }
        o[((size_t)y * m->w + x) * 3 + c] = s / n;
      }
  free(m->px);
  m->px = o;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: eco_pngdiff REF.png OTHER.png [MAX_BAD_PERCENT [DIFF_OUT.png]]\n");
    return 2;
  }
  double max_bad = argc > 3 ? atof(argv[3]) : 0.5;
  img a, b;
  if (load(argv[1], &a) || load(argv[2], &b)) return 2;
  double ra = (double)a.w / a.h, rb = (double)b.w / b.h;
  if (fabs(ra - rb) > 0.015 * ra && (abs(a.w - b.w) > 2 || abs(a.h - b.h) > 2)) {
    printf("size differs: %dx%d vs %dx%d\n", a.w, a.h, b.w, b.h);
    return 1;
  }
  if ((a.w != b.w || a.h != b.h) && abs(a.w - b.w) <= 2 && abs(a.h - b.h) <= 2) {
    /* A page rounded up by a pixel: compare the common top-left part. */
    int w = a.w < b.w ? a.w : b.w, h = a.h < b.h ? a.h : b.h;
    img *ims[2] = {&a, &b};
    for (int k = 0; k < 2; k++) {
      img *m = ims[k];
      for (int y = 0; y < h; y++) memmove(m->px + (size_t)y * w * 3, m->px + (size_t)y * m->w * 3, sizeof(float) * 3 * (size_t)w);
      m->w = w;
      m->h = h;
    }
  } else if (b.w < a.w) {
    /* Scaled down (LibreOffice caps PNG export at 2048 px): compare at
     * the smaller size. */
    img r = resample(&a, b.w, b.h);
    free(a.px);
    a = r;
  } else if (a.w != b.w || a.h != b.h) {
    img r = resample(&b, a.w, a.h);
    free(b.px);
    b = r;
  }
  blur(&a);
  blur(&b);
  size_t n = (size_t)a.w * a.h, bad = 0;
  double sum = 0;
  unsigned char *diff = argc > 4 ? calloc(n, 4) : NULL;
  for (size_t i = 0; i < n; i++) {
    for (int c = 0; c < 3; c++) sum += fabsf(a.px[i * 3 + c] - b.px[i * 3 + c]);
    /* Shift-tolerant: the distance to the closest pixel within one pixel
     * in the other image, both ways. */
    float m = 0;
    int x = (int)(i % (size_t)a.w), y = (int)(i / (size_t)a.w);
    for (int dir = 0; dir < 2; dir++) {
      const img *p = dir ? &b : &a, *q = dir ? &a : &b;
      float best = 1e9f;
      for (int j = -1; j <= 1; j++)
        for (int k = -1; k <= 1; k++) {
          int xx = x + k, yy = y + j;
          if (xx < 0 || yy < 0 || xx >= a.w || yy >= a.h) continue;
          float d = 0;
          for (int c = 0; c < 3; c++) {
            float e = fabsf(p->px[i * 3 + c] - q->px[((size_t)yy * a.w + xx) * 3 + c]);
            if (e > d) d = e;
          }
          if (d < best) best = d;
        }
      if (best > m) m = best;
    }
    /* The outermost pixel row and column are the page edge, which each
     * consumer rounds and antialiases its own way. */
    if (x == 0 || y == 0 || x == a.w - 1 || y == a.h - 1) m = 0;
    if (m > 48) bad++;
    if (diff) {
      unsigned char g = (unsigned char)(a.px[i * 3] * 0.3f + a.px[i * 3 + 1] * 0.59f + a.px[i * 3 + 2] * 0.11f);
      diff[i * 4 + 0] = m > 48 ? 255 : g / 2 + 127;
      diff[i * 4 + 1] = m > 48 ? 0 : g / 2 + 127;
      diff[i * 4 + 2] = m > 48 ? 0 : g / 2 + 127;
      diff[i * 4 + 3] = 255;
    }
  }
  double pct = 100.0 * (double)bad / (double)n;
  printf("%dx%d: %.3f%% pixels differ (limit %.3f%%), mean channel difference %.2f\n", a.w, a.h, pct, max_bad,
         sum / (double)n / 3);
  if (diff) {
    png_image im;
    memset(&im, 0, sizeof im);
    im.version = PNG_IMAGE_VERSION;
    im.width = (unsigned)a.w;
    im.height = (unsigned)a.h;
    im.format = PNG_FORMAT_RGBA;
    png_image_write_to_file(&im, argv[4], 0, diff, 0, NULL);
    free(diff);
  }
  free(a.px);
  free(b.px);
  return pct <= max_bad ? 0 : 1;
}
