/* Scene -> cairo drawing, shared by the PNG and PDF backends: the cairo
 * operations of the scene walker (walk.h). */
#include <cairo.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "render/svg_image.h"
#include "base/colors.h"
#include "render/markers.h"
#include "render/pdf_marks.h"
#include "render/render_internal.h"
#include "render/walk.h"
#include "text/text_cairo.h"

static void set_color(cairo_t *cr, uint32_t c, double opacity) {
  cairo_set_source_rgba(cr, color_r(c), color_g(c), color_b(c), color_a(c) * opacity);
}

static void path_of(cairo_t *cr, const sc_item *it) {
  if (it->kind == SC_RECT) {
    double r = it->rx;
    if (r > it->w / 2) r = it->w / 2;
    if (r > it->h / 2) r = it->h / 2;
    if (r <= 0) {
      cairo_rectangle(cr, it->x, it->y, it->w, it->h);
      return;
    }
    double x = it->x, y = it->y, w = it->w, h = it->h;
    cairo_new_sub_path(cr);
    cairo_arc(cr, x + w - r, y + r, r, -M_PI / 2, 0);
    cairo_arc(cr, x + w - r, y + h - r, r, 0, M_PI / 2);
    cairo_arc(cr, x + r, y + h - r, r, M_PI / 2, M_PI);
    cairo_arc(cr, x + r, y + r, r, M_PI, 3 * M_PI / 2);
    cairo_close_path(cr);
    return;
  }
  sc_pt tmp[SC_CIRCLE_NPTS];
  int n;
  const sc_pt *pts = scene_path_points(it, tmp, &n);
  for (int i = 0; i < n; i++) {
    const sc_pt *p = &pts[i];
    switch (p->op) {
    case SC_MOVE: cairo_move_to(cr, p->x, p->y); break;
    case SC_LINE: cairo_line_to(cr, p->x, p->y); break;
    case SC_CURVE:
      if (i + 2 < n) {
        cairo_curve_to(cr, p[0].x, p[0].y, p[1].x, p[1].y, p[2].x, p[2].y);
        i += 2;
      }
      break;
    case SC_CLOSE: cairo_close_path(cr); break;
    default: break;
    }
  }
}

/* Fill and/or stroke the item's path as the walker decided (walk.h). */
static void draw_shape(cairo_t *cr, const sc_item *it, const render_style *rs) {
  const sc_style *st = &it->style;
  cairo_new_path(cr);
  path_of(cr, it);
  if (rs->fill) {
    set_color(cr, st->fill, rs->opacity);
    if (rs->stroke)
      cairo_fill_preserve(cr);
    else
      cairo_fill(cr);
  }
  if (rs->stroke) {
    set_color(cr, st->stroke, rs->opacity);
    cairo_set_line_width(cr, st->stroke_width);
    cairo_set_line_cap(cr, st->round_cap ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
    cairo_set_line_join(cr, st->round_cap ? CAIRO_LINE_JOIN_ROUND : CAIRO_LINE_JOIN_MITER);
    if (st->ndash) {
      double d[4];
      for (int i = 0; i < st->ndash && i < 4; i++) d[i] = st->dash[i];
      cairo_set_dash(cr, d, st->ndash, 0);
    }
    cairo_stroke(cr);
    if (st->ndash) cairo_set_dash(cr, NULL, 0, 0);
  }
}

void render_draw_shape(cairo_t *cr, const sc_item *it) {
  render_style rs;
  if (render_style_of(it, &rs)) draw_shape(cr, it, &rs);
}

static void draw_text(renderer *r, cairo_t *cr, const sc_item *it, const render_style *rs, text_subsets *subs) {
  const text_box *t = it->text;
  cairo_save(cr);
  cairo_translate(cr, it->x, it->y);
  if (rs->rotate != 0) cairo_rotate(cr, rs->rotate * M_PI / 180.0);
  for (int i = 0; i < t->nruns; i++) {
    const text_run *run = &t->runs[i];
    if (!run->n) continue;
    cairo_glyph_t *g = render_glyph_buffer(r, run->n);
    for (int j = 0; j < run->n; j++) {
      g[j].index = run->glyphs[j].id;
      g[j].x = run->glyphs[j].x;
      g[j].y = run->glyphs[j].y;
    }
    cairo_set_scaled_font(cr, subs ? text_subsets_font(subs, run->font) : text_font_cairo(run->font));
    if (subs) text_subsets_glyphs(subs, run->font, g, run->n);
    set_color(cr, run->color, rs->opacity);
    cairo_show_glyphs(cr, g, run->n);
  }
  cairo_restore(cr);
}

/* cairo's PNG reader pulls from the image's bytes in memory. */
typedef struct png_reader {
  const unsigned char *p;
  size_t left;
} png_reader;

static cairo_status_t png_read(void *closure, unsigned char *data, unsigned int length) {
  png_reader *r = closure;
  if (length > r->left) return CAIRO_STATUS_READ_ERROR;
  memcpy(data, r->p, length);
  r->p += length;
  r->left -= length;
  return CAIRO_STATUS_SUCCESS;
}

/* Images were read and checked when the spec was loaded (their size from
 * the header, under --max-image-pixels); they are drawn from those bytes,
 * never from the file again.  An SVG is drawn by librsvg into the rect:
 * vector paths on the PDF surface. */
/* The decoded image: a band keeps what it decoded for the bands after it
 * (an image spans several), a whole page decodes it for the one draw.
 * Returns a reference the caller destroys. */
static cairo_surface_t *decode_png(const sc_item *it, render_band *band) {
  if (band)
    for (int i = 0; i < band->nimages; i++)
      if (band->images[i].data == it->image_data) return cairo_surface_reference(band->images[i].img);
  png_reader rd = {it->image_data, it->image_len};
  cairo_surface_t *img = cairo_image_surface_create_from_png_stream(png_read, &rd);
  if (band && cairo_surface_status(img) == CAIRO_STATUS_SUCCESS) {
    if (band->nimages == band->cap_images) {
      band->cap_images = band->cap_images ? 2 * band->cap_images : 8;
      band->images = xrealloc(band->images, (size_t)band->cap_images * sizeof *band->images);
    }
    band->images[band->nimages++] = (render_band_image){it->image_data, cairo_surface_reference(img)};
  }
  return img;
}

static void draw_image(cairo_t *cr, const sc_item *it, render_band *band) {
  if (!it->image_data || it->w <= 0 || it->h <= 0) return;
  if (it->image_svg) {
    svg_image_draw(it->image_data, it->image_len, cr, it->x, it->y, it->w, it->h);
    return;
  }
  cairo_surface_t *img = decode_png(it, band);
  if (cairo_surface_status(img) == CAIRO_STATUS_SUCCESS) {
    int iw = cairo_image_surface_get_width(img), ih = cairo_image_surface_get_height(img);
    cairo_save(cr);
    cairo_translate(cr, it->x, it->y);
    cairo_scale(cr, it->w / iw, it->h / ih);
    cairo_set_source_surface(cr, img, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
    cairo_paint(cr);
    cairo_restore(cr);
  }
  cairo_surface_destroy(img);
}

/* The raster fast path's state: where markers may be stamped (the
 * device pixels wholly inside every clip pushed so far, a stack parallel to
 * cairo's) and whether the surface has pending direct writes. */
#define CLIP_STACK 64

typedef struct stamper {
  marker_cache *mc;
  marker_target t;
  cairo_surface_t *surf;
  int clip[CLIP_STACK + 1][4]; /* [0] = the whole surface */
  int depth;                   /* clips pushed; beyond CLIP_STACK stamping pauses */
  int dirty;                   /* pixels written since cairo last drew */
} stamper;

static void stamp_push_clip(stamper *sp, double x, double y, double w, double h) {
  sp->depth++;
  if (sp->depth > CLIP_STACK) return;
  const int *up = sp->clip[sp->depth - 1];
  int *c = sp->clip[sp->depth];
  double k = sp->t.scale;
  double x0 = ceil(x * k), y0 = ceil(y * k), x1 = floor((x + w) * k), y1 = floor((y + h) * k);
  if (!(w > 0 && h > 0 && isfinite(x0) && isfinite(y0) && isfinite(x1) && isfinite(y1))) {
    c[0] = c[2] = up[0]; /* empty, or odd: never stamp inside, cairo draws */
    c[1] = c[3] = up[1];
    return;
  }
  /* The parent's box intersected with [x0, x1) x [y0, y1), clamped so that
   * only values between two ints are converted. */
  c[0] = x0 <= up[0] ? up[0] : x0 >= up[2] ? up[2] : (int)x0;
  c[1] = y0 <= up[1] ? up[1] : y0 >= up[3] ? up[3] : (int)y0;
  c[2] = x1 >= up[2] ? up[2] : x1 <= c[0] ? c[0] : (int)x1;
  c[3] = y1 >= up[3] ? up[3] : y1 <= c[1] ? c[1] : (int)y1;
}

/* 1 when the item was stamped into the pixels. */
static int stamp(stamper *sp, const sc_item *it) {
  if (!sp || (it->kind != SC_PATH && it->kind != SC_RECT) || sp->depth > CLIP_STACK) return 0;
  if (!sp->dirty) {
    cairo_surface_flush(sp->surf); /* cairo's drawing so far is in the pixels */
    sp->dirty = 1;
  }
  return marker_stamp(sp->mc, it, &sp->t, sp->clip[sp->depth]);
}

/* Before cairo draws again: tell it the pixels changed under it. */
static void stamp_sync(stamper *sp) {
  if (sp && sp->dirty) {
    cairo_surface_mark_dirty(sp->surf);
    sp->dirty = 0;
  }
}

/* ---- the backend's operations (walk.h) ---- */

typedef struct cairo_target {
  renderer *r;
  cairo_t *cr;
  stamper *sp;   /* PNG with many markers: stamped from sprites; else NULL */
  pdf_marks *pm; /* PDF with many markers: runs as placeholders; else NULL */
  render_band *band; /* one band of a PNG (render_internal.h); else NULL */
  text_subsets *subs; /* a PDF's large faces cut down (text_cairo.h); else NULL */
  const sc_item *items; /* the scene's, to find an item's extent */
  int nitems;
  int drawn;            /* a band: an item was drawn or skipped already */
} cairo_target;

/* Whether the item cannot reach the band's rows: nothing to draw there.
 * cairo draws the first item on a cleared surface with SOURCE instead of
 * OVER (the same colours but for rounding); on a whole page that is the
 * page's first item, so a band that skips it marks its surface as drawn
 * on, and draws its own first item with OVER as the page does. */
static int outside_band(cairo_target *t, const sc_item *it) {
  if (!t->band || !t->band->ext) return 0;
  /* A run's marker (made by the walker's cursor, not one of the scene's
   * items) is measured here; the scene's items were measured once. */
  uintptr_t p = (uintptr_t)it, lo = (uintptr_t)t->items, hi = (uintptr_t)(t->items + t->nitems);
  float own[2];
  const float *e = own;
  if (p >= lo && p < hi)
    e = t->band->ext + 2 * (it - t->items);
  else
    render_item_extent(it, t->band->scale, own);
  int out = e[1] < t->band->y0 || e[0] >= t->band->y1;
  if (out && !t->drawn) cairo_surface_mark_dirty(cairo_get_target(t->cr));
  t->drawn = 1;
  return out;
}

/* Text and SVG images reach FreeType (cairo's glyphs, librsvg's Pango),
 * whose library cairo 1.16 opens and closes faces in without a lock: bands
 * drawn on several threads draw them one at a time. */
static void band_lock(const cairo_target *t) {
  if (t->band && t->band->lock) pthread_mutex_lock(t->band->lock);
}
static void band_unlock(const cairo_target *t) {
  if (t->band && t->band->lock) pthread_mutex_unlock(t->band->lock);
}

static void op_background(void *ctx, uint32_t rgba) {
  cairo_target *t = ctx;
  set_color(t->cr, rgba, 1);
  cairo_paint(t->cr);
}

static void op_push_clip(void *ctx, double x, double y, double w, double h) {
  cairo_target *t = ctx;
  stamp_sync(t->sp);
  cairo_save(t->cr);
  cairo_new_path(t->cr);
  cairo_rectangle(t->cr, x, y, w, h);
  cairo_clip(t->cr);
  if (t->sp) stamp_push_clip(t->sp, x, y, w, h);
}

static void op_pop_clip(void *ctx) {
  cairo_target *t = ctx;
  stamp_sync(t->sp);
  cairo_restore(t->cr);
  if (t->sp && t->sp->depth > 0) t->sp->depth--;
}

static int op_markers(void *ctx, const sc_cursor *at) {
  cairo_target *t = ctx;
  if (t->pm) return pdf_marks_place(t->pm, at, t->cr);
  sc_cursor c = *at;
  const sc_item *it = scene_cursor_item(&c);
  if (outside_band(t, it)) return 1;
  return stamp(t->sp, it);
}

static void op_shape(void *ctx, const sc_item *it, const render_style *st) {
  cairo_target *t = ctx;
  if (outside_band(t, it)) return;
  stamp_sync(t->sp);
  draw_shape(t->cr, it, st);
}

static void op_text(void *ctx, const sc_item *it, const render_style *st) {
  cairo_target *t = ctx;
  if (outside_band(t, it)) return;
  stamp_sync(t->sp);
  band_lock(t);
  draw_text(t->r, t->cr, it, st, t->subs);
  band_unlock(t);
}

static void op_image(void *ctx, const sc_item *it) {
  cairo_target *t = ctx;
  if (outside_band(t, it)) return;
  stamp_sync(t->sp);
  band_lock(t);
  draw_image(t->cr, it, t->band);
  band_unlock(t);
}

static const render_ops cairo_ops = {op_background, op_push_clip, op_pop_clip, NULL, op_shape, op_text, op_image};
static const render_ops cairo_marker_ops = {op_background, op_push_clip, op_pop_clip, op_markers,
                                            op_shape,      op_text,      op_image};

static void draw_scene(cairo_target *t, const scene *s) {
  render_walk(s, t->sp || t->pm ? &cairo_marker_ops : &cairo_ops, t);
  stamp_sync(t->sp);
}

void render_draw_cairo(renderer *r, const scene *s, void *cairo_context) {
  draw_scene(&(cairo_target){r, cairo_context, NULL, NULL, NULL, NULL, s->items, s->n}, s);
}

void render_draw_pdf(renderer *r, const scene *s, cairo_t *cr, struct pdf_marks *pm, text_subsets *subs) {
  if (subs)
    for (int i = 0; i < s->n; i++) { /* every glyph first: one subset a face */
      const sc_item *it = &s->items[i];
      if (it->kind != SC_TEXT || !it->text) continue;
      for (int k = 0; k < it->text->nruns; k++)
        text_subsets_add(subs, it->text->runs[k].font, it->text->runs[k].glyphs, it->text->runs[k].n);
    }
  draw_scene(&(cairo_target){r, cr, NULL, pm, NULL, subs, s->items, s->n}, s);
}

/* A whole page, or with band the page's rows band->y0 .. y1 - 1 held by
 * surf (cr translated up by y0 device rows). */
static void draw_raster(renderer *r, const scene *s, cairo_t *cr, cairo_surface_t *surf, double scale,
                        render_band *band) {
  cairo_target t = {r, cr, NULL, NULL, band, NULL, s->items, s->n};
  if (!(band ? band->markers : marker_worth_stamping(s))) {
    draw_scene(&t, s);
    return;
  }
  stamper sp = {.mc = render_marker_cache(r), .surf = surf};
  sp.t.data = cairo_image_surface_get_data(surf);
  sp.t.width = cairo_image_surface_get_width(surf);
  sp.t.height = cairo_image_surface_get_height(surf);
  sp.t.stride = cairo_image_surface_get_stride(surf);
  sp.t.scale = scale;
  sp.t.oy = band ? band->y0 : 0;
  sp.clip[0][0] = sp.clip[0][1] = 0;
  sp.clip[0][2] = band ? band->page_w : sp.t.width;
  sp.clip[0][3] = band ? band->page_h : sp.t.height;
  t.sp = &sp;
  draw_scene(&t, s);
}

void render_draw_raster(renderer *r, const scene *s, cairo_t *cr, cairo_surface_t *surf, double scale) {
  draw_raster(r, s, cr, surf, scale, NULL);
}

void render_draw_band(renderer *r, const scene *s, cairo_t *cr, cairo_surface_t *surf, double scale,
                      render_band *band) {
  draw_raster(r, s, cr, surf, scale, band);
}

void render_band_release(render_band *band) {
  for (int i = 0; i < band->nimages; i++) cairo_surface_destroy(band->images[i].img);
  free(band->images);
  band->images = NULL;
  band->nimages = band->cap_images = 0;
}
