#include "scene/scene.h"

#include <math.h>
#include <string.h>

scene *scene_new(arena *a, double width, double height, uint32_t background) {
  scene *s = arena_alloc(a, sizeof *s);
  s->a = a;
  s->width = width;
  s->height = height;
  s->background = background;
  return s;
}

sc_style scene_fill(uint32_t fill) { return (sc_style){.fill = fill, .opacity = 1}; }

sc_style scene_stroke(uint32_t stroke, double width) {
  return (sc_style){.stroke = stroke, .stroke_width = (float)width, .opacity = 1};
}

static sc_item *push(scene *s, sc_kind kind, const char *role) {
  if (s->n == s->cap) {
    int cap = s->cap ? s->cap * 2 : 64;
    s->items = arena_grow(s->a, s->items, (size_t)s->n, (size_t)cap, sizeof *s->items);
    s->cap = cap;
  }
  sc_item *it = &s->items[s->n++];
  memset(it, 0, sizeof *it);
  it->kind = kind;
  it->role = role;
  return it;
}

void scene_note_box(scene *s, const char *role, double x, double y, double w, double h) {
  if (s->nboxes == s->capboxes) {
    int cap = s->capboxes ? s->capboxes * 2 : 8;
    s->boxes = arena_grow(s->a, s->boxes, (size_t)s->nboxes, (size_t)cap, sizeof *s->boxes);
    s->capboxes = cap;
  }
  s->boxes[s->nboxes++] = (sc_box){role, x, y, w, h, s->n};
}

sc_item *scene_rect(scene *s, double x, double y, double w, double h, sc_style st, const char *role) {
  sc_item *it = push(s, SC_RECT, role);
  if (w < 0) {
    x += w;
    w = -w;
  }
  if (h < 0) {
    y += h;
    h = -h;
  }
  it->x = x;
  it->y = y;
  it->w = w;
  it->h = h;
  it->style = st;
  return it;
}

typedef struct sc_text_copy {
  const text_box *from, *copy;
} sc_text_copy;

static size_t copy_slot(const text_box *t, size_t mask) {
  uint64_t h = (uint64_t)(uintptr_t)t * 0x9e3779b97f4a7c15ull;
  return (size_t)(h >> 32) & mask;
}

/* One block: the box, its lines, runs, glyphs and text, in that order
 * (each part's size keeps the next one aligned: glyphs need 4, text 1). */
static const text_box *copy_box(arena *a, const text_box *t) {
  size_t nl = t->nlines > 0 ? (size_t)t->nlines : 0, nr = t->nruns > 0 ? (size_t)t->nruns : 0, ng = 0;
  for (size_t i = 0; i < nr; i++) ng += t->runs[i].n > 0 ? (size_t)t->runs[i].n : 0;
  size_t tl = t->text ? strlen(t->text) + 1 : 0;
  size_t bytes = sizeof(text_box) + nl * sizeof(text_line) + nr * sizeof(text_run) + ng * sizeof(text_glyph) + tl;
  char *p = arena_alloc(a, bytes);
  text_box *c = (text_box *)p;
  *c = *t;
  p += sizeof *c;
  c->lines = nl ? memcpy(p, t->lines, nl * sizeof *t->lines) : NULL;
  p += nl * sizeof *t->lines;
  text_run *runs = nr ? memcpy(p, t->runs, nr * sizeof *t->runs) : NULL;
  c->runs = runs;
  p += nr * sizeof *t->runs;
  for (size_t i = 0; i < nr; i++) {
    size_t n = runs[i].n > 0 ? (size_t)runs[i].n : 0;
    runs[i].glyphs = n ? memcpy(p, t->runs[i].glyphs, n * sizeof(text_glyph)) : NULL;
    p += n * sizeof(text_glyph);
  }
  c->text = tl ? memcpy(p, t->text, tl) : NULL;
  /* fallback_family and the runs' fonts belong to the engine's font
   * table, which lives as long as the engine. */
  return c;
}

/* The scene's copy of t, made on first use. */
static const text_box *own_text(scene *s, const text_box *t) {
  if ((s->ncopies + 1) * 2 > s->capcopies) {
    size_t cap = s->capcopies ? s->capcopies * 2 : 64;
    sc_text_copy *slots = arena_alloc_array(s->a, cap, sizeof *slots);
    for (size_t i = 0; i < s->capcopies; i++) {
      if (!s->copies[i].from) continue;
      size_t j = copy_slot(s->copies[i].from, cap - 1);
      while (slots[j].from) j = (j + 1) & (cap - 1);
      slots[j] = s->copies[i];
    }
    s->copies = slots;
    s->capcopies = cap;
  }
  size_t mask = s->capcopies - 1, j = copy_slot(t, mask);
  for (; s->copies[j].from; j = (j + 1) & mask)
    if (s->copies[j].from == t) return s->copies[j].copy;
  s->copies[j] = (sc_text_copy){t, copy_box(s->a, t)};
  s->ncopies++;
  return s->copies[j].copy;
}

sc_item *scene_text(scene *s, const text_box *t, double x, double y, const char *role) {
  sc_item *it = push(s, SC_TEXT, role);
  it->text = own_text(s, t);
  it->x = x;
  it->y = y;
  it->w = t->width;
  it->h = t->height;
  it->style.opacity = 1;
  return it;
}

void scene_clip_push(scene *s, double x, double y, double w, double h) {
  sc_item *it = push(s, SC_CLIP_PUSH, "clip");
  it->x = x;
  it->y = y;
  it->w = w;
  it->h = h;
}

void scene_clip_pop(scene *s) { push(s, SC_CLIP_POP, "clip"); }

sc_item *scene_image(scene *s, const char *src, double x, double y, double w, double h, const char *role) {
  sc_item *it = push(s, SC_IMAGE, role);
  it->src = src;
  it->x = x;
  it->y = y;
  it->w = w;
  it->h = h;
  it->style.opacity = 1;
  return it;
}

sc_item *scene_path_begin(scene *s, sc_style st, const char *role) {
  sc_item *it = push(s, SC_PATH, role);
  it->style = st;
  return it;
}

static void add_pt(scene *s, sc_op op, double x, double y) {
  sc_item *it = &s->items[s->n - 1];
  /* Points accumulate in the last item; capacity is implied by the count
   * (16, then doubling at each power of two), so no field is needed. */
  int n = it->npts;
  if (n == 0 || (n >= 16 && (n & (n - 1)) == 0))
    it->pts = arena_grow(s->a, it->pts, (size_t)n, n ? (size_t)n * 2 : 16, sizeof *it->pts);
  it->pts[n] = (sc_pt){op, (float)x, (float)y};
  it->npts = n + 1;
}

void scene_move(scene *s, double x, double y) { add_pt(s, SC_MOVE, x, y); }
void scene_line(scene *s, double x, double y) { add_pt(s, SC_LINE, x, y); }

void scene_curve(scene *s, double x1, double y1, double x2, double y2, double x3, double y3) {
  add_pt(s, SC_CURVE, x1, y1);
  add_pt(s, SC_CURVE, x2, y2);
  add_pt(s, SC_CURVE, x3, y3);
}

void scene_close(scene *s) {
  sc_item *it = &s->items[s->n - 1];
  if (it->npts) add_pt(s, SC_CLOSE, it->pts[it->npts - 1].x, it->pts[it->npts - 1].y);
}

void scene_arc(scene *s, double cx, double cy, double r, double a0, double a1) {
  sc_item *it = &s->items[s->n - 1];
  double sx = cx + r * cos(a0), sy = cy + r * sin(a0);
  if (it->npts && it->pts[it->npts - 1].op != SC_CLOSE)
    scene_line(s, sx, sy);
  else
    scene_move(s, sx, sy);
  double sweep = a1 - a0;
  int segs = (int)ceil(fabs(sweep) / (M_PI / 2) - 1e-9);
  if (segs < 1) segs = 1;
  double step = sweep / segs;
  /* Standard cubic approximation of a circular arc: handle length k*r. */
  double k = 4.0 / 3.0 * tan(step / 4);
  for (int i = 0; i < segs; i++) {
    double t0 = a0 + i * step, t1 = t0 + step;
    double x0 = cos(t0), y0 = sin(t0), x1 = cos(t1), y1 = sin(t1);
    scene_curve(s, cx + r * (x0 - k * y0), cy + r * (y0 + k * x0), cx + r * (x1 + k * y1),
                cy + r * (y1 - k * x1), cx + r * x1, cy + r * y1);
  }
}

void scene_path_end(scene *s) {
  sc_item *it = &s->items[s->n - 1];
  if (!it->npts) return;
  double x0 = it->pts[0].x, y0 = it->pts[0].y, x1 = x0, y1 = y0;
  for (int i = 1; i < it->npts; i++) {
    if (it->pts[i].x < x0) x0 = it->pts[i].x;
    if (it->pts[i].y < y0) y0 = it->pts[i].y;
    if (it->pts[i].x > x1) x1 = it->pts[i].x;
    if (it->pts[i].y > y1) y1 = it->pts[i].y;
  }
  it->x = x0;
  it->y = y0;
  it->w = x1 - x0;
  it->h = y1 - y0;
}

/* cos and sin of 0, pi/2, pi, 3pi/2, 2pi as glibc computes them (what
 * scene_arc(0, 2pi) uses), and its Bézier handle factor 4/3 tan(pi/8): the
 * circle's points come out bit for bit as scene_arc's, without five sincos
 * calls per marker. */
static const double circle_cos[5] = {0x1p+0, 0x1.1a62633145c07p-54, -0x1p+0, -0x1.a79394c9e8a0ap-53, 0x1p+0};
static const double circle_sin[5] = {0x0p+0, 0x1p+0, 0x1.1a62633145c07p-53, -0x1p+0, -0x1.1a62633145c07p-52};
static const double circle_k = 0x1.1ac5111534a21p-1;

static void circle_points(double cx, double cy, double r, sc_pt *p) {
  int n = 0;
  p[n++] = (sc_pt){SC_MOVE, (float)(cx + r * circle_cos[0]), (float)(cy + r * circle_sin[0])};
  for (int i = 0; i < 4; i++) {
    double x0 = circle_cos[i], y0 = circle_sin[i], x1 = circle_cos[i + 1], y1 = circle_sin[i + 1];
    const double k = circle_k;
    p[n++] = (sc_pt){SC_CURVE, (float)(cx + r * (x0 - k * y0)), (float)(cy + r * (y0 + k * x0))};
    p[n++] = (sc_pt){SC_CURVE, (float)(cx + r * (x1 + k * y1)), (float)(cy + r * (y1 - k * x1))};
    p[n++] = (sc_pt){SC_CURVE, (float)(cx + r * x1), (float)(cy + r * y1)};
  }
  p[n] = (sc_pt){SC_CLOSE, p[n - 1].x, p[n - 1].y};
}

const sc_pt *scene_path_points(const sc_item *it, sc_pt tmp[SC_CIRCLE_NPTS], int *n) {
  if (it->kind == SC_PATH && it->shape == SC_SHAPE_CIRCLE) {
    circle_points(it->cx, it->cy, it->rx, tmp);
    *n = SC_CIRCLE_NPTS;
    return tmp;
  }
  *n = it->pts ? it->npts : 0;
  return it->pts;
}

void scene_circle_fill(sc_item *it, double cx, double cy, double r) {
  it->kind = SC_PATH;
  it->shape = SC_SHAPE_CIRCLE;
  it->cx = cx;
  it->cy = cy;
  it->rx = r;
  sc_pt p[SC_CIRCLE_NPTS];
  circle_points(cx, cy, r, p);
  scene_bounds_of(it, p, SC_CIRCLE_NPTS);
}

void scene_bounds_of(sc_item *it, const sc_pt *p, int n) {
  double x0 = p[0].x, y0 = p[0].y, x1 = x0, y1 = y0;
  for (int i = 1; i < n; i++) {
    if (p[i].x < x0) x0 = p[i].x;
    if (p[i].y < y0) y0 = p[i].y;
    if (p[i].x > x1) x1 = p[i].x;
    if (p[i].y > y1) y1 = p[i].y;
  }
  it->x = x0;
  it->y = y0;
  it->w = x1 - x0;
  it->h = y1 - y0;
}

void scene_circle(scene *s, double cx, double cy, double r, sc_style st, const char *role) {
  scene_circle_fill(scene_path_begin(s, st, role), cx, cy, r);
}

static const char *kind_name(sc_kind k) {
  switch (k) {
  case SC_RECT: return "rect";
  case SC_PATH: return "path";
  case SC_TEXT: return "text";
  case SC_CLIP_PUSH: return "clip";
  case SC_CLIP_POP: return "unclip";
  case SC_IMAGE: return "image";
  case SC_MARKERS: return "markers";
  default: return "?";
  }
}

void scene_dump(const scene *s, buf *out) {
  buf_printf(out, "scene %.1f %.1f\n", s->width, s->height);
  sc_cursor c;
  scene_cursor_start(&c, s);
  for (const sc_item *it; (it = scene_cursor_item(&c)); scene_cursor_skip(&c, 1)) {
    buf_printf(out, "%s %s %.1f %.1f %.1f %.1f", kind_name(it->kind), it->role ? it->role : "-", it->x, it->y,
               it->w, it->h);
    if (it->kind == SC_TEXT) buf_printf(out, " \"%s\" lines=%d", it->text->text, it->text->nlines);
    if (it->kind == SC_RECT || it->kind == SC_PATH) buf_printf(out, " fill=%08x", it->style.fill);
    buf_putc(out, '\n');
  }
}
