/* The backend dispatcher and the per-thread renderer state. */
#include <cairo-pdf.h>
#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "render/markers.h"
#include "render/pdf_marks.h"
#include "render/png_bands.h"
#include "render/png_encode.h"
#include "render/render_internal.h"
#include "render/svg.h"
#include "text/text_cairo.h"

#define RENDER_HELPERS 8

struct renderer {
  cairo_surface_t *raster; /* reused while the size and format stay the same */
  int rw, rh, ropaque;
  png_encoder *png;
  svg_outline_cache *outlines;
  marker_cache *markers;
  buf out;
  cairo_glyph_t *glyphs;
  int nglyphs;
  renderer *helpers[RENDER_HELPERS]; /* other threads' (render_helper) */
  text_subsets *subs;                 /* PDF: large faces cut down, cached per face */
};

renderer *renderer_new(void) {
  renderer *r = xcalloc(1, sizeof *r);
  r->png = png_encoder_new();
  r->outlines = svg_outline_cache_new();
  r->markers = marker_cache_new();
  if (!r->png) {
    svg_outline_cache_free(r->outlines);
    marker_cache_free(r->markers);
    free(r);
    return NULL;
  }
  return r;
}

void renderer_free(renderer *r) {
  if (!r) return;
  if (r->raster) cairo_surface_destroy(r->raster);
  png_encoder_free(r->png);
  svg_outline_cache_free(r->outlines);
  marker_cache_free(r->markers);
  buf_free(&r->out);
  free(r->glyphs);
  for (int i = 0; i < RENDER_HELPERS; i++) renderer_free(r->helpers[i]);
  text_subsets_free(r->subs);
  free(r);
}

renderer *render_helper(renderer *r, int k) {
  if (k < 1 || k > RENDER_HELPERS) return NULL;
  if (!r->helpers[k - 1]) r->helpers[k - 1] = renderer_new();
  return r->helpers[k - 1];
}

png_encoder *render_png_encoder(renderer *r) { return r->png; }

cairo_surface_t *render_raster(renderer *r, int w, int h, int opaque, char *err, size_t errlen) {
  if (r->raster && r->rw == w && r->rh == h && r->ropaque == opaque) return r->raster;
  if (r->raster) cairo_surface_destroy(r->raster);
  r->raster = cairo_image_surface_create(opaque ? CAIRO_FORMAT_RGB24 : CAIRO_FORMAT_ARGB32, w, h);
  if (cairo_surface_status(r->raster) != CAIRO_STATUS_SUCCESS) {
    snprintf(err, errlen, "cannot create a %d x %d image: %s", w, h,
             cairo_status_to_string(cairo_surface_status(r->raster)));
    cairo_surface_destroy(r->raster);
    r->raster = NULL;
    return NULL;
  }
  r->rw = w;
  r->rh = h;
  r->ropaque = opaque;
  return r->raster;
}

marker_cache *render_marker_cache(renderer *r) { return r->markers; }

cairo_glyph_t *render_glyph_buffer(renderer *r, int n) {
  if (n > r->nglyphs) {
    r->nglyphs = n < 256 ? 256 : n;
    r->glyphs = xrealloc(r->glyphs, (size_t)r->nglyphs * sizeof *r->glyphs);
  }
  return r->glyphs;
}

const char *render_format_name(render_format f) {
  switch (f) {
  case RENDER_PNG: return "png";
  case RENDER_SVG: return "svg";
  case RENDER_PDF: return "pdf";
  default: return "?";
  }
}

int render_format_from_name(const char *name) {
  for (int f = 0; f < RENDER_FORMAT_LAST; f++)
    if (!strcasecmp(name, render_format_name((render_format)f))) return f;
  return -1;
}

static cairo_status_t write_to_buf(void *closure, const unsigned char *data, unsigned int length) {
  buf_put(closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static int sink_to_buf(void *closure, const void *data, size_t length) {
  buf_put(closure, data, length);
  return 0;
}

static int render_png(renderer *r, const scene *s, const render_opts *o, const unsigned char **out,
                      size_t *len, char *err, size_t errlen) {
  double scale = o->dpi > 0 ? o->dpi / 96.0 : (o->scale > 0 ? o->scale : 1.0);
  double wpx = ceil(s->width * scale - 1e-6), hpx = ceil(s->height * scale - 1e-6);
  double maxpix = o->max_pixels > 0 ? o->max_pixels : (double)LIMIT_PAGE_PIXELS;
  if (wpx < 1 || hpx < 1 || wpx > LIMIT_PAGE_SIDE * 4 || hpx > LIMIT_PAGE_SIDE * 4 || wpx * hpx > maxpix) {
    snprintf(err, errlen, "the image would be %.0f x %.0f pixels, more than the limit of %.0f pixels", wpx, hpx,
             maxpix);
    return -1;
  }
  int w = (int)wpx, h = (int)hpx;
  int opaque = (s->background & 0xff) == 0xff;
  if (o->band_rows > 0 || (o->band_rows == 0 && wpx * hpx > RENDER_BAND_MIN_PIXELS)) {
    if (o->sink) return render_png_bands(r, s, w, h, scale, opaque, o, o->sink, o->sink_ctx, err, errlen);
    buf_reset(&r->out);
    if (render_png_bands(r, s, w, h, scale, opaque, o, sink_to_buf, &r->out, err, errlen) != 0) return -1;
    *out = (const unsigned char *)r->out.data;
    *len = r->out.len;
    return 0;
  }
  if (!render_raster(r, w, h, opaque, err, errlen)) return -1;
  cairo_t *cr = cairo_create(r->raster);
  if (!opaque) {
    cairo_set_operator(cr, CAIRO_OPERATOR_CLEAR);
    cairo_paint(cr);
    cairo_set_operator(cr, CAIRO_OPERATOR_OVER);
  }
  cairo_scale(cr, scale, scale);
  render_draw_raster(r, s, cr, r->raster, scale);
  cairo_destroy(cr);
  cairo_surface_flush(r->raster);
  double dpi = 96.0 * scale;
  if (png_encoder_encode(r->png, cairo_image_surface_get_data(r->raster), w, h,
                         cairo_image_surface_get_stride(r->raster), !opaque, dpi, out, len) != 0) {
    snprintf(err, errlen, "cannot encode the PNG image");
    return -1;
  }
  return 0;
}

/* One cairo PDF of s into r->out; with pm, runs of markers as placeholders. */
static int pdf_draw(renderer *r, const scene *s, pdf_marks *pm, char *err, size_t errlen) {
  buf_reset(&r->out);
  /* PDF user units are points: 72 per inch against CSS's 96 px. */
  double k = 72.0 / 96.0;
  cairo_surface_t *surf = cairo_pdf_surface_create_for_stream(write_to_buf, &r->out, s->width * k, s->height * k);
  /* Same spec, same bytes: a fixed creation date instead of "now". */
  cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATE_DATE, "2019-09-11T00:00:00Z");
  cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, "huitu " HUITU_VERSION);
  if (s->title) cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE, s->title);
  cairo_t *cr = cairo_create(surf);
  cairo_scale(cr, k, k);
  if (!r->subs) r->subs = text_subsets_new();
  render_draw_pdf(r, s, cr, pm, r->subs);
  cairo_destroy(cr);
  cairo_surface_finish(surf);
  cairo_status_t st = cairo_surface_status(surf);
  cairo_surface_destroy(surf);
  text_subsets_clear(r->subs);
  if (st != CAIRO_STATUS_SUCCESS) {
    snprintf(err, errlen, "cannot write the PDF: %s", cairo_status_to_string(st));
    return -1;
  }
  return 0;
}

static int render_pdf(renderer *r, const scene *s, const render_opts *o, const unsigned char **out,
                      size_t *len, char *err, size_t errlen) {
  (void)o;
  /* Many markers: written by pdf_marks, not by cairo one path each. */
  pdf_marks *pm = marker_worth_stamping(s) && pdf_marks_supported() ? pdf_marks_new() : NULL;
  int rc = pdf_draw(r, s, pm, err, errlen);
  if (rc == 0 && pdf_marks_count(pm) > 0 && pdf_marks_splice(pm, &r->out) != 0)
    rc = pdf_draw(r, s, NULL, err, errlen); /* not as the probe found: the ordinary way */
  pdf_marks_free(pm);
  if (rc) return rc;
  *out = (const unsigned char *)r->out.data;
  *len = r->out.len;
  return 0;
}

static int render_bytes(renderer *r, const scene *s, render_format fmt, const render_opts *opt,
                        const unsigned char **out, size_t *len, char *err, size_t errlen) {
  switch (fmt) {
  case RENDER_PNG: return render_png(r, s, opt, out, len, err, errlen);
  case RENDER_PDF: return render_pdf(r, s, opt, out, len, err, errlen);
  case RENDER_SVG: {
    buf_reset(&r->out);
    /* With a sink, the SVG goes to it in pieces as it is written; the
     * last piece is handed over below as if it were the whole. */
    svg_options so = {opt->svg_text_elements ? SVG_TEXT_ELEMENTS : SVG_TEXT_PATHS, r->outlines, opt->sink,
                      opt->sink_ctx};
    if (svg_write(s, &so, &r->out) != 0) {
      snprintf(err, errlen, "cannot write the svg output");
      return -1;
    }
    *out = (const unsigned char *)r->out.data;
    *len = r->out.len;
    return 0;
  }
  default: snprintf(err, errlen, "unknown output format"); return -1;
  }
}

int render_scene(renderer *r, const scene *s, render_format fmt, const render_opts *opt,
                 const unsigned char **out, size_t *len, char *err, size_t errlen) {
  render_opts dflt = {0};
  if (!opt) opt = &dflt;
  *out = NULL;
  *len = 0;
  if (render_bytes(r, s, fmt, opt, out, len, err, errlen) != 0) return -1;
  if (opt->sink && *out) { /* made in memory: handed over whole */
    if (opt->sink(opt->sink_ctx, *out, *len) != 0) {
      snprintf(err, errlen, "cannot write the %s output", render_format_name(fmt));
      return -1;
    }
    *out = NULL;
  }
  return 0;
}
