/* Scene -> cairo drawing, shared by the PNG and PDF backends. */
#include <cairo.h>
#include <math.h>

#include "base/svg_file.h"
#include "model/colors.h"
#include "render/render_internal.h"
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
  for (int i = 0; i < it->npts; i++) {
    const sc_pt *p = &it->pts[i];
    switch (p->op) {
    case SC_MOVE: cairo_move_to(cr, p->x, p->y); break;
    case SC_LINE: cairo_line_to(cr, p->x, p->y); break;
    case SC_CURVE:
      if (i + 2 < it->npts) {
        cairo_curve_to(cr, p[0].x, p[0].y, p[1].x, p[1].y, p[2].x, p[2].y);
        i += 2;
      }
      break;
    case SC_CLOSE: cairo_close_path(cr); break;
    default: break;
    }
  }
}

static void draw_shape(cairo_t *cr, const sc_item *it) {
  const sc_style *st = &it->style;
  double op = st->opacity > 0 ? st->opacity : 1;
  int fill = (st->fill & 0xff) != 0, stroke = (st->stroke & 0xff) != 0 && st->stroke_width > 0;
  if (!fill && !stroke) return;
  cairo_new_path(cr);
  path_of(cr, it);
  if (fill) {
    set_color(cr, st->fill, op);
    if (stroke)
      cairo_fill_preserve(cr);
    else
      cairo_fill(cr);
  }
  if (stroke) {
    set_color(cr, st->stroke, op);
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

static void draw_text(renderer *r, cairo_t *cr, const sc_item *it) {
  const text_box *t = it->text;
  double op = it->style.opacity > 0 ? it->style.opacity : 1;
  cairo_save(cr);
  cairo_translate(cr, it->x, it->y);
  if (it->rotate != 0) cairo_rotate(cr, it->rotate * M_PI / 180.0);
  for (int i = 0; i < t->nruns; i++) {
    const text_run *run = &t->runs[i];
    if (!run->n) continue;
    cairo_glyph_t *g = render_glyph_buffer(r, run->n);
    for (int j = 0; j < run->n; j++) {
      g[j].index = run->glyphs[j].id;
      g[j].x = run->glyphs[j].x;
      g[j].y = run->glyphs[j].y;
    }
    cairo_set_scaled_font(cr, text_font_cairo(run->font));
    set_color(cr, run->color, op);
    cairo_show_glyphs(cr, g, run->n);
  }
  cairo_restore(cr);
}

/* Images were checked when the spec was loaded; one that cannot be read
 * now (removed meanwhile) is left out rather than failing the figure.  An
 * SVG is drawn by librsvg into the rect: vector paths on the PDF surface. */
static void draw_image(cairo_t *cr, const sc_item *it) {
  if (!it->src || it->w <= 0 || it->h <= 0) return;
  if (it->image_svg) {
    svg_file_draw(it->src, cr, it->x, it->y, it->w, it->h);
    return;
  }
  cairo_surface_t *img = cairo_image_surface_create_from_png(it->src);
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

void render_draw_cairo(renderer *r, const scene *s, void *cairo_context) {
  cairo_t *cr = cairo_context;
  if (s->background & 0xff) {
    set_color(cr, s->background, 1);
    cairo_paint(cr);
  }
  for (int i = 0; i < s->n; i++) {
    const sc_item *it = &s->items[i];
    switch (it->kind) {
    case SC_RECT:
    case SC_PATH: draw_shape(cr, it); break;
    case SC_TEXT: draw_text(r, cr, it); break;
    case SC_IMAGE: draw_image(cr, it); break;
    case SC_CLIP_PUSH:
      cairo_save(cr);
      cairo_new_path(cr);
      cairo_rectangle(cr, it->x, it->y, it->w, it->h);
      cairo_clip(cr);
      break;
    case SC_CLIP_POP: cairo_restore(cr); break;
    default: break;
    }
  }
}
