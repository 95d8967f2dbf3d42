/* Print-size PNGs drawn and encoded in horizontal bands (png_bands.h).
 *
 * A 300-dpi phone poster is 3375 x 29938 pixels: drawn whole, its raster
 * alone is 404 MB, and the filtered copy and the output buffer the one-shot
 * encoder needs doubled that (731 MB peak, a third of the time in page
 * faults).  Here the page is cut into bands of BAND_ROWS rows.  Each band is
 * drawn on a small surface of its own with the page's transform moved up by
 * a whole number of device rows, so every pixel comes out exactly as in a
 * whole-page drawing (tests/unit/test_png_bands.c compares them), filtered
 * and compressed (png_encoder_band), and its IDAT chunk is written out as
 * soon as the bands before it are: memory is a few bands per thread
 * whatever the page's height.
 *
 * Threads: up to one per core take bands in turn, each with its own surface,
 * encoder and marker cache (a helper renderer).  A band waits before it
 * starts while the oldest unwritten band is WINDOW_PER_THREAD * threads
 * behind, which bounds the finished bands held.  Whichever thread finishes
 * the oldest unwritten band writes it and every finished one after it.
 * The bands and their bytes depend only on the page and BAND_ROWS, never on
 * the thread count or the order bands finish in: the same file from any
 * machine.
 *
 * A band's first row is filtered with None, not Up (png_encode.h): the
 * row above it belongs to another band, and where a band's drawing could
 * differ from the whole page's in the last bits (test_png_bands says
 * where), an Up over a re-drawn row would carry that difference down the
 * whole column. */
#include "render/png_bands.h"

#include <cairo.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "render/markers.h"
#include "render/png_encode.h"
#include "render/render_internal.h"
#include "text/text.h"

#define WINDOW_PER_THREAD 2
#define MAX_THREADS 8

/* ---- which rows an item can reach -------------------------------------- */

static void span(float *e, double lo, double hi, double scale, double pad_px) {
  double a = floor(lo * scale - pad_px), b = ceil(hi * scale + pad_px);
  if (!(a > -1e9)) a = -1e9; /* NaN or far above: everywhere, to be safe */
  if (!(b < 1e9)) b = 1e9;
  e[0] = (float)a;
  e[1] = (float)b;
}

/* Rows [e[0], e[1]] of the page (device px) that item `it` may draw on,
 * overestimated: miters (cairo's default limit 10: 5 line widths past the
 * point), antialiasing and filters (PAD_PX), text by its ink box and a
 * margin of a quarter of its height.  A run of markers: every row (its
 * markers are measured one by one as they are drawn). */
#define PAD_PX 4.0
void render_item_extent(const sc_item *it, double scale, float *e) {
  const sc_style *st = &it->style;
  double sw = (st->stroke & 0xff) && st->stroke_width > 0 ? st->stroke_width : 0;
  double m = st->round_cap ? sw / 2 : 5 * sw;
  switch (it->kind) {
  case SC_RECT: span(e, it->y - m, it->y + it->h + m, scale, PAD_PX); return;
  case SC_PATH: {
    if (it->shape == SC_SHAPE_CIRCLE) {
      span(e, it->cy - it->rx - m, it->cy + it->rx + m, scale, PAD_PX);
      return;
    }
    double lo = INFINITY, hi = -INFINITY;
    for (int i = 0; i < it->npts; i++) {
      lo = fmin(lo, it->pts[i].y);
      hi = fmax(hi, it->pts[i].y);
    }
    if (it->npts == 0) lo = hi = 0;
    span(e, lo - m, hi + m, scale, PAD_PX); /* Béziers stay inside their points' hull */
    return;
  }
  case SC_TEXT: {
    const text_box *t = it->text;
    if (!t || !(t->ink_h > 0) || !(t->ink_w > 0)) break;
    double pad = t->ink_h / 4 + 2;
    double x0 = t->ink_x - pad, x1 = t->ink_x + t->ink_w + pad;
    double y0 = t->ink_y - pad, y1 = t->ink_y + t->ink_h + pad;
    double a = isfinite(it->rotate) ? it->rotate * M_PI / 180.0 : 0, c = cos(a), s = sin(a);
    double lo = INFINITY, hi = -INFINITY;
    double cx[4] = {x0, x1, x0, x1}, cy[4] = {y0, y0, y1, y1};
    for (int k = 0; k < 4; k++) { /* the ink box turned about the item's origin */
      double y = it->y + cx[k] * s + cy[k] * c;
      lo = fmin(lo, y);
      hi = fmax(hi, y);
    }
    span(e, lo, hi, scale, PAD_PX);
    return;
  }
  case SC_IMAGE: span(e, it->y, it->y + it->h, scale, PAD_PX); return;
  default: break;
  }
  e[0] = -1e9f; /* clips, and anything not measured: every band */
  e[1] = 1e9f;
}

/* ---- the bands ----------------------------------------------------------- */

typedef struct bands {
  renderer *r;
  const scene *s;
  double scale;
  int w, h, rows, nbands, opaque;
  int markers; /* marker_worth_stamping */
  double dpi;
  float *ext;
  render_sink sink;
  void *sink_ctx;
  pthread_mutex_t mu;
  pthread_cond_t cv;
  pthread_mutex_t draw_lock; /* render_band.lock */
  int next;    /* the next band to draw */
  int written; /* bands written so far */
  int writing; /* a thread is writing */
  int failed;  /* 1: out of memory or a cairo error; 2: the sink failed */
  int window;
  png_band *slot; /* band k's chunk in slot[k % window] */
  unsigned char *ready;
  uint32_t adler;
} bands;

typedef struct band_worker {
  bands *b;
  renderer *r; /* b->r for the calling thread, a helper for the others */
  pthread_t th;
} band_worker;

static int draw_band(band_worker *wk, int k, render_band *rb) {
  bands *b = wk->b;
  int start = k * b->rows, n = start + b->rows <= b->h ? b->rows : b->h - start;
  char err[256];
  cairo_surface_t *surf = render_raster(wk->r, b->w, b->rows, b->opaque, err, sizeof err);
  if (!surf) return -1;
  rb->y0 = start;
  rb->y1 = start + n;
  cairo_t *cr = cairo_create(surf);
  if (!b->opaque) {
    cairo_set_operator(cr, CAIRO_OPERATOR_CLEAR);
    cairo_paint(cr);
    cairo_set_operator(cr, CAIRO_OPERATOR_OVER);
  }
  cairo_translate(cr, 0, -rb->y0);
  cairo_scale(cr, b->scale, b->scale);
  render_draw_band(wk->r, b->s, cr, surf, b->scale, rb);
  cairo_status_t st = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_flush(surf);
  if (st != CAIRO_STATUS_SUCCESS) return -1;
  const unsigned char *px = cairo_image_surface_get_data(surf);
  int stride = cairo_image_surface_get_stride(surf);
  return png_encoder_band(render_png_encoder(wk->r), px, b->w, n, stride, !b->opaque, k == 0,
                          &b->slot[k % b->window]);
}

/* Writes the finished bands from b->written on, in order; called with b->mu
 * held by the one thread that set b->writing. */
static void write_ready(bands *b) {
  while (!b->failed && b->written < b->nbands && b->ready[b->written % b->window]) {
    png_band *pb = &b->slot[b->written % b->window];
    pthread_mutex_unlock(&b->mu);
    int rc = b->sink(b->sink_ctx, pb->chunk, pb->len);
    pthread_mutex_lock(&b->mu);
    b->adler = b->written ? png_adler32_combine(b->adler, pb->adler, pb->raw) : pb->adler;
    b->ready[b->written % b->window] = 0;
    b->written++;
    if (rc != 0) b->failed = 2;
    pthread_cond_broadcast(&b->cv);
  }
}

static void *band_loop(void *arg) {
  band_worker *wk = arg;
  bands *b = wk->b;
  render_band rb = {.page_w = b->w, .page_h = b->h, .ext = b->ext, .scale = b->scale, .lock = &b->draw_lock,
                    .markers = b->markers};
  pthread_mutex_lock(&b->mu);
  for (;;) {
    while (!b->failed && b->next < b->nbands && b->next >= b->written + b->window)
      pthread_cond_wait(&b->cv, &b->mu);
    if (b->failed || b->next >= b->nbands) break;
    int k = b->next++;
    pthread_mutex_unlock(&b->mu);
    int rc = draw_band(wk, k, &rb);
    pthread_mutex_lock(&b->mu);
    if (rc != 0) {
      if (!b->failed) b->failed = 1;
      pthread_cond_broadcast(&b->cv);
      break;
    }
    b->ready[k % b->window] = 1;
    if (!b->writing) {
      b->writing = 1;
      write_ready(b);
      b->writing = 0;
    }
  }
  pthread_mutex_unlock(&b->mu);
  render_band_release(&rb);
  return NULL;
}

static int thread_count(const render_opts *o, int nbands) {
  long n = o->threads > 0 ? o->threads : sysconf(_SC_NPROCESSORS_ONLN);
  if (n < 1) n = 1;
  if (n > MAX_THREADS) n = MAX_THREADS;
  if (n > nbands) n = nbands;
  return (int)n;
}

int render_png_bands(renderer *r, const scene *s, int w, int h, double scale, int opaque, const render_opts *o,
                     render_sink sink, void *sink_ctx, char *err, size_t errlen) {
  bands b = {.r = r, .s = s, .scale = scale, .w = w, .h = h, .opaque = opaque, .sink = sink, .sink_ctx = sink_ctx};
  b.rows = o->band_rows > 0 ? o->band_rows : RENDER_BAND_ROWS;
  b.nbands = (h + b.rows - 1) / b.rows;
  int nth = thread_count(o, b.nbands);
  b.window = WINDOW_PER_THREAD * nth;
  b.ext = xmalloc((size_t)(s->n > 0 ? s->n : 1) * 2 * sizeof *b.ext);
  for (int i = 0; i < s->n; i++) render_item_extent(&s->items[i], scale, b.ext + 2 * i);
  b.markers = marker_worth_stamping(s);
  b.slot = xcalloc((size_t)b.window, sizeof *b.slot);
  b.ready = xcalloc((size_t)b.window, 1);
  pthread_mutex_init(&b.mu, NULL);
  pthread_cond_init(&b.cv, NULL);
  pthread_mutex_init(&b.draw_lock, NULL);

  unsigned char head[PNG_HEADER_MAX];
  size_t hl = png_encoder_header(head, w, h, !opaque, 96.0 * scale); /* as the one-shot path */
  if (sink(sink_ctx, head, hl) != 0) b.failed = 2;

  band_worker wk[MAX_THREADS];
  int started = 1;
  wk[0] = (band_worker){&b, r, 0};
  for (int i = 1; i < nth && !b.failed; i++) {
    renderer *hr = render_helper(r, i);
    wk[i] = (band_worker){&b, hr, 0};
    if (!hr || pthread_create(&wk[i].th, NULL, band_loop, &wk[i]) != 0) break;
    started++;
  }
  band_loop(&wk[0]);
  for (int i = 1; i < started; i++) pthread_join(wk[i].th, NULL);

  if (!b.failed) {
    unsigned char tail[64];
    size_t tl = png_encoder_trailer(tail, b.adler);
    if (sink(sink_ctx, tail, tl) != 0) b.failed = 2;
  }
  int failed = b.failed;
  for (int i = 0; i < b.window; i++) free(b.slot[i].chunk);
  free(b.slot);
  free(b.ready);
  free(b.ext);
  pthread_mutex_destroy(&b.mu);
  pthread_cond_destroy(&b.cv);
  pthread_mutex_destroy(&b.draw_lock);
  if (failed == 1) snprintf(err, errlen, "cannot draw or encode the %d x %d PNG image (out of memory?)", w, h);
  if (failed == 2) snprintf(err, errlen, "cannot write the PNG image");
  return failed ? -1 : 0;
}
