/* Scene -> SVG, by hand (see svg.h for why not cairo's SVG surface): the
 * SVG backend's operations for the scene walker (walk.h), which decides
 * clips, opacity, rotation and what is drawn for PNG, PDF and SVG alike.
 * What is left to match draw_cairo.c: round caps come with round joins,
 * corner radii are clamped to half the smaller side, cairo's miter limit
 * (10) is written out on paths. */
#include "render/svg.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "base/colors.h"
#include "render/svg_internal.h"

/* ---- shapes ------------------------------------------------------------- */

static void put_stroke(buf *b, const sc_style *st, double op, int is_path) {
  svg_put_paint(b, "stroke", st->stroke, op);
  if (st->stroke_width != 1) svg_put_attr_num(b, "stroke-width", st->stroke_width, 3);
  if (st->ndash > 0) {
    buf_puts(b, " stroke-dasharray=\"");
    for (int i = 0; i < st->ndash && i < 4; i++) {
      if (i) buf_putc(b, ' ');
      buf_num(b, st->dash[i] < 0 ? 0 : st->dash[i], 3);
    }
    buf_putc(b, '"');
  }
  if (st->round_cap)
    buf_puts(b, " stroke-linecap=\"round\" stroke-linejoin=\"round\"");
  else if (is_path)
    buf_puts(b, " stroke-miterlimit=\"10\""); /* cairo's default; SVG's is 4 */
}

static void put_shape_paint(buf *b, const sc_style *st, double op, int fill, int stroke, int is_path) {
  if (fill)
    svg_put_paint(b, "fill", st->fill, op);
  else
    buf_puts(b, " fill=\"none\"");
  if (stroke) put_stroke(b, st, op, is_path);
}

static void write_rect(buf *b, const sc_item *it, const render_style *rs) {
  if (it->w <= 0 || it->h <= 0) {
    /* SVG does not draw a zero-size <rect>; cairo strokes it as a line. */
    if (!rs->stroke) return;
    buf_puts(b, "<path d=\"M");
    svg_put_xy(b, it->x, it->y);
    buf_putc(b, 'L');
    svg_put_xy(b, it->x + it->w, it->y);
    buf_putc(b, 'L');
    svg_put_xy(b, it->x + it->w, it->y + it->h);
    buf_putc(b, 'L');
    svg_put_xy(b, it->x, it->y + it->h);
    buf_puts(b, "Z\"");
    put_shape_paint(b, &it->style, rs->opacity, rs->fill, rs->stroke, 1);
    buf_puts(b, "/>\n");
    return;
  }
  buf_puts(b, "<rect");
  svg_put_attr_num(b, "x", it->x, SVG_COORD);
  svg_put_attr_num(b, "y", it->y, SVG_COORD);
  svg_put_attr_num(b, "width", it->w, SVG_COORD);
  svg_put_attr_num(b, "height", it->h, SVG_COORD);
  double r = it->rx;
  if (r > it->w / 2) r = it->w / 2;
  if (r > it->h / 2) r = it->h / 2;
  if (r > 0.005) svg_put_attr_num(b, "rx", r, SVG_COORD); /* ry defaults to rx */
  put_shape_paint(b, &it->style, rs->opacity, rs->fill, rs->stroke, 0);
  buf_puts(b, "/>\n");
}

static void write_path(buf *b, const sc_item *it, const render_style *rs) {
  sc_pt tmp[SC_CIRCLE_NPTS];
  int npts;
  const sc_pt *pts = scene_path_points(it, tmp, &npts);
  if (npts <= 0) return;
  size_t mark = b->len;
  buf_puts(b, "<path d=\"");
  size_t dstart = b->len;
  svg_put_path_d(b, pts, npts);
  if (b->len == dstart) { /* nothing drawable */
    b->len = mark;
    if (b->data) b->data[mark] = 0;
    return;
  }
  buf_putc(b, '"');
  put_shape_paint(b, &it->style, rs->opacity, rs->fill, rs->stroke, 1);
  buf_puts(b, "/>\n");
}

/* Circles (scatter markers) as <circle>; a run of circles with the same
 * paint shares one <g> holding it, so a million markers are ~40 bytes
 * each.  Returns the index after the run. */
static int same_paint(const sc_style *a, const sc_style *b) {
  if (a->fill != b->fill || a->stroke != b->stroke || a->stroke_width != b->stroke_width ||
      render_opacity(a) != render_opacity(b) || a->round_cap != b->round_cap || a->ndash != b->ndash)
    return 0;
  for (int i = 0; i < a->ndash && i < 4; i++)
    if (a->dash[i] != b->dash[i]) return 0;
  return 1;
}

static void put_circle(buf *b, const sc_item *it) {
  buf_puts(b, "<circle");
  svg_put_attr_num(b, "cx", it->cx, SVG_COORD);
  svg_put_attr_num(b, "cy", it->cy, SVG_COORD);
  svg_put_attr_num(b, "r", fabs(it->rx), SVG_COORD);
}

typedef struct svg_target svg_target;
static void sink_some(svg_target *t);

/* The run of circles at `at` with the paint of the first, into b (t's
 * out): how many. */
static int write_circles(svg_target *t, buf *b, const sc_cursor *at) {
  sc_cursor c = *at;
  const sc_item *it = scene_cursor_item(&c);
  const sc_style st = it->style;
  render_style rs;
  int drawn = render_style_of(it, &rs), j = 1;
  for (scene_cursor_skip(&c, 1); (it = scene_cursor_item(&c)); scene_cursor_skip(&c, 1), j++)
    if (it->kind != SC_PATH || it->shape != SC_SHAPE_CIRCLE || !same_paint(&it->style, &st)) break;
  if (!drawn) return j;
  c = *at;
  if (j == 1) {
    put_circle(b, scene_cursor_item(&c));
    put_shape_paint(b, &st, rs.opacity, rs.fill, rs.stroke, 0);
    buf_puts(b, "/>\n");
    return j;
  }
  buf_puts(b, "<g");
  put_shape_paint(b, &st, rs.opacity, rs.fill, rs.stroke, 0);
  buf_puts(b, ">\n");
  for (int k = 0; k < j; k++, scene_cursor_skip(&c, 1)) {
    put_circle(b, scene_cursor_item(&c));
    buf_puts(b, "/>\n");
    sink_some(t);
  }
  buf_puts(b, "</g>\n");
  return j;
}

/* ---- images ------------------------------------------------------------- */

/* The image file's own bytes (PNG, or an SVG file as image/svg+xml) as a
 * data URI: the SVG stays one standalone file.  An embedded SVG is an
 * <image>, not inlined, so its ids and styles cannot clash with ours. */
static void write_image(buf *b, const sc_item *it) {
  static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  /* the bytes checked when the spec was loaded, never the file again */
  if (!it->image_data) return;
  const buf png = {(char *)it->image_data, it->image_len, it->image_len};
  buf_puts(b, "<image");
  svg_put_attr_num(b, "x", it->x, SVG_COORD);
  svg_put_attr_num(b, "y", it->y, SVG_COORD);
  svg_put_attr_num(b, "width", it->w, SVG_COORD);
  svg_put_attr_num(b, "height", it->h, SVG_COORD);
  buf_puts(b, " preserveAspectRatio=\"none\" xlink:href=\"data:image/");
  buf_puts(b, it->image_svg ? "svg+xml;base64," : "png;base64,");
  const unsigned char *p = (const unsigned char *)png.data;
  for (size_t i = 0; i < png.len; i += 3) {
    unsigned v = (unsigned)p[i] << 16 | (i + 1 < png.len ? (unsigned)p[i + 1] << 8 : 0) | (i + 2 < png.len ? p[i + 2] : 0);
    char q[4] = {b64[v >> 18 & 63], b64[v >> 12 & 63], i + 1 < png.len ? b64[v >> 6 & 63] : '=', i + 2 < png.len ? b64[v & 63] : '='};
    buf_put(b, q, 4);
  }
  buf_puts(b, "\"/>\n");
}


/* ---- the backend's operations ------------------------------------------ */

struct svg_target {
  buf *out;
  svg_text_mode mode;
  svg_glyph_set *gs; /* the glyphs defined in pass 1 */
  double w, h;       /* the page */
  const char *lang;  /* the document's language */
  int nclip;         /* clip paths written so far: the next one's id */
  const svg_options *opt; /* its sink, if any */
  int failed;             /* the sink refused a piece */
};

/* With a sink: what is written so far goes to it once it reaches
 * SVG_SINK_BYTES.  Called between elements (nothing written is taken back
 * across them). */
static void sink_some(svg_target *t) {
  if (!t->opt || !t->opt->sink || t->out->len < SVG_SINK_BYTES) return;
  if (!t->failed && t->opt->sink(t->opt->sink_ctx, t->out->data, t->out->len) != 0) t->failed = 1;
  buf_reset(t->out);
}

static void op_background(void *ctx, uint32_t rgba) {
  svg_target *t = ctx;
  buf_puts(t->out, "<rect x=\"0\" y=\"0\"");
  svg_put_attr_num(t->out, "width", t->w, SVG_COORD);
  svg_put_attr_num(t->out, "height", t->h, SVG_COORD);
  svg_put_paint(t->out, "fill", rgba, 1);
  buf_puts(t->out, "/>\n");
}

static void op_push_clip(void *ctx, double x, double y, double w, double h) {
  svg_target *t = ctx;
  int id = t->nclip++;
  buf_printf(t->out, "<defs><clipPath id=\"c%d\"><rect", id);
  svg_put_attr_num(t->out, "x", x, SVG_COORD);
  svg_put_attr_num(t->out, "y", y, SVG_COORD);
  svg_put_attr_num(t->out, "width", w, SVG_COORD);
  svg_put_attr_num(t->out, "height", h, SVG_COORD);
  buf_printf(t->out, "/></clipPath></defs>\n<g clip-path=\"url(#c%d)\">\n", id);
}

static void op_pop_clip(void *ctx) {
  svg_target *t = ctx;
  buf_puts(t->out, "</g>\n");
}

/* Circles (scatter markers) go as runs sharing one <g>. */
static int op_markers(void *ctx, const sc_cursor *at) {
  svg_target *t = ctx;
  sc_cursor c = *at;
  const sc_item *it = scene_cursor_item(&c);
  if (it->kind != SC_PATH || it->shape != SC_SHAPE_CIRCLE) return 0;
  int n = write_circles(t, t->out, at);
  sink_some(t);
  return n;
}

static void op_shape(void *ctx, const sc_item *it, const render_style *st) {
  svg_target *t = ctx;
  if (it->kind == SC_RECT)
    write_rect(t->out, it, st);
  else
    write_path(t->out, it, st);
  sink_some(t);
}

static void op_text(void *ctx, const sc_item *it, const render_style *st) {
  svg_target *t = ctx;
  if (svg_text_outlined(t->mode, it))
    svg_text_paths(t->out, it, st, t->gs);
  else
    svg_text_elements(t->out, it, st, t->lang);
}

static void op_image(void *ctx, const sc_item *it) {
  svg_target *t = ctx;
  write_image(t->out, it);
}

static const render_ops svg_ops = {op_background, op_push_clip, op_pop_clip, op_markers,
                                   op_shape,      op_text,      op_image};

/* ---- document ----------------------------------------------------------- */

int svg_write(const scene *s, const svg_options *opt, buf *out) {
  svg_text_mode mode = opt ? opt->text_mode : SVG_TEXT_PATHS;
  double w = s->width > 0 ? s->width : 0, h = s->height > 0 ? s->height : 0;

  buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  buf_puts(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"");
  svg_put_attr_num(out, "width", w, SVG_COORD);
  svg_put_attr_num(out, "height", h, SVG_COORD);
  buf_puts(out, " viewBox=\"0 0 ");
  svg_put_xy(out, w, h);
  buf_putc(out, '"');
  if (s->lang && *s->lang) {
    buf_puts(out, " xml:lang=\"");
    svg_put_esc(out, s->lang, 1);
    buf_putc(out, '"');
  }
  buf_puts(out, ">\n<title>");
  svg_put_esc(out, s->title && *s->title ? s->title : "huitu figure", 0);
  buf_puts(out, "</title>\n<desc>");
  svg_put_esc(out, s->desc ? s->desc : "", 0);
  buf_puts(out, "</desc>\n");

  svg_target t = {out, mode, NULL, w, h, s->lang, 0, opt, 0};
  t.gs = svg_glyph_defs(s, mode, opt ? opt->outlines : NULL, out);
  render_walk(s, &svg_ops, &t);
  buf_puts(out, "</svg>\n");
  svg_glyph_set_free(t.gs);
  return t.failed ? -1 : 0;
}
