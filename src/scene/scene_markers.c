/* Markers as items of their own or packed into runs, and the cursor that
 * reads a scene with its runs' markers one by one (scene.h). */
#include <math.h>
#include <string.h>

#include "scene/scene.h"

/* The closed path of a polygon marker: its n points (offsets from the
 * centre, added to it) as scene_move, scene_line and scene_close would
 * store them (floats), bounds as scene_path_end computes them. */
static void polygon(sc_item *it, sc_pt *pts, double cx, double cy, const double *off, int n) {
  for (int i = 0; i < n; i++)
    pts[i] = (sc_pt){i ? SC_LINE : SC_MOVE, (float)(cx + off[2 * i]), (float)(cy + off[2 * i + 1])};
  pts[n] = (sc_pt){SC_CLOSE, pts[n - 1].x, pts[n - 1].y};
  it->kind = SC_PATH;
  it->shape = SC_SHAPE_POINTS;
  it->pts = pts;
  it->npts = n + 1;
  scene_bounds_of(it, pts, n + 1);
}

/* Drawn as Vega's symbols are (vega-scenegraph's path/symbols.js): every
 * shape spans sqrt(size) across, so a circle's radius is sqrt(size) / 2 --
 * Vega-Lite's "size" is the square the symbol fills, not the circle's own
 * area. */
void scene_marker_item(sc_item *it, sc_pt *pts, int shape, double cx, double cy, double size, sc_style st,
                       const char *role) {
  memset(it, 0, sizeof *it);
  it->role = role;
  it->style = st;
  double r = sqrt(size) / 2, h = r * sqrt(3) / 2;
  /* the polygons as (x, y) offsets from the centre */
  const double tri_up[] = {0, -h, -r, h, r, h}, tri_down[] = {0, h, -r, -h, r, -h};
  const double tri_right[] = {h, 0, -h, -r, -h, r}, tri_left[] = {-h, 0, h, -r, h, r};
  const double diamond[] = {-r, 0, 0, -r, r, 0, 0, r};
  const double q = r / 2.5;
  const double cross[] = {-r, -q, -r, q, -q, q, -q, r, q, r, q, q, r, q, r, -q, q, -q, q, -r, -q, -r, -q, -q};
  switch (shape) {
  case SC_MARK_SQUARE: /* as scene_rect(cx - r, cy - r, 2 * r, 2 * r) */
    it->kind = SC_RECT;
    it->x = cx - r;
    it->y = cy - r;
    it->w = 2 * r;
    it->h = 2 * r;
    return;
  case SC_MARK_TRIANGLE_UP: polygon(it, pts, cx, cy, tri_up, 3); return;
  case SC_MARK_DIAMOND: polygon(it, pts, cx, cy, diamond, 4); return;
  case SC_MARK_TRIANGLE_DOWN: polygon(it, pts, cx, cy, tri_down, 3); return;
  case SC_MARK_CROSS: polygon(it, pts, cx, cy, cross, 12); return;
  case SC_MARK_TRIANGLE_RIGHT: polygon(it, pts, cx, cy, tri_right, 3); return;
  case SC_MARK_TRIANGLE_LEFT: polygon(it, pts, cx, cy, tri_left, 3); return;
  default: scene_circle_fill(it, cx, cy, r);
  }
}

void scene_marker(scene *s, int shape, double cx, double cy, double size,
                  sc_style st, const char *role) {
  sc_item *it = scene_path_begin(s, st, role);
  sc_pt pts[SC_MARKER_MAX_PTS];
  scene_marker_item(it, pts, shape, cx, cy, size, st, role);
  if (it->npts)
    it->pts = memcpy(arena_alloc_array(s->a, (size_t)it->npts, sizeof *pts),
                     pts, it->npts * sizeof *pts);
}

/* ---- runs ---- */

static sc_look look_of(int shape, double size, sc_style st) {
  sc_look l;
  memset(&l, 0, sizeof l); /* looks compare as bytes */
  l.style = st;
  l.size = size;
  l.shape = shape;
  return l;
}

/* The index of look l in run r, adding it when there is room; -1 when the
 * run has no room for another look. */
static int look_index(sc_run *r, const sc_look *l) {
  if (r->nlooks && !memcmp(&r->looks[r->last], l, sizeof *l))
    return r->last;
  for (int i = 0; i < r->nlooks; i++)
    if (!memcmp(&r->looks[i], l, sizeof *l))
      return r->last = i;
  if (r->nlooks == SC_RUN_LOOKS)
    return -1;
  r->looks[r->nlooks] = *l;
  /* How far this look's bounds reach from its centre, for the run's bounds. */
  sc_item it;
  sc_pt pts[SC_MARKER_MAX_PTS];
  scene_marker_item(&it, pts, l->shape, 0, 0, l->size, l->style, NULL);
  double reach = fmax(fmax(fabs(it.x), fabs(it.x + it.w)),
                      fmax(fabs(it.y), fabs(it.y + it.h)));
  if (reach > r->reach)
    r->reach = reach;
  return r->last = r->nlooks++;
}

static sc_run *new_run(scene *s, const char *role, int reserve) {
  sc_item *it = scene_path_begin(s, (sc_style){0}, role);
  it->kind = SC_MARKERS;
  sc_run *r = arena_alloc(s->a, sizeof *r);
  r->cap = reserve > 16 ? reserve : 16;
  r->xy = arena_alloc_array(s->a, (size_t)r->cap * 2, sizeof *r->xy);
  it->run = r;
  return r;
}

void scene_marker_add(scene *s, int shape, double cx, double cy, double size,
                      sc_style st, const char *role, int reserve) {
  sc_look l = look_of(shape, size, st);
  sc_item *it = s->n ? &s->items[s->n - 1] : NULL;
  sc_run *r = it && it->kind == SC_MARKERS && it->role == role ? it->run : NULL;
  int look = r ? look_index(r, &l) : -1;
  if (look < 0) {
    r = new_run(s, role, reserve);
    it = &s->items[s->n - 1];
    look = look_index(r, &l);
  }
  if (r->n == r->cap) {
    int cap = r->cap * 2;
    r->xy = arena_grow(s->a, r->xy, (size_t)r->n * 2, (size_t)cap * 2,
                       sizeof *r->xy);
    if (r->look)
      r->look = arena_grow(s->a, r->look, (size_t)r->n, (size_t)cap, 1);
    r->cap = cap;
  }
  if (look && !r->look)
    r->look =
        arena_alloc_array(s->a, (size_t)r->cap, 1); /* zeros: look 0 so far */
  if (r->look)
    r->look[r->n] = (uint8_t)look;
  float x = (float)cx, y = (float)cy;
  r->xy[2 * r->n] = x;
  r->xy[2 * r->n + 1] = y;
  if (!r->n || x < r->x0)
    r->x0 = x;
  if (!r->n || x > r->x1)
    r->x1 = x;
  if (!r->n || y < r->y0)
    r->y0 = y;
  if (!r->n || y > r->y1)
    r->y1 = y;
  r->n++;
  /* Bounds: the centres' widened by the farthest look (and a margin for
   * the float rounding of the markers' own points). */
  double m = r->reach * (1 + 1e-6) + 1e-3;
  it->x = r->x0 - m;
  it->y = r->y0 - m;
  it->w = (double)r->x1 - r->x0 + 2 * m;
  it->h = (double)r->y1 - r->y0 + 2 * m;
}

/* ---- the cursor ---- */

void scene_cursor_start(sc_cursor *c, const scene *s) {
  memset(c, 0, sizeof *c);
  c->s = s;
  scene_cursor_skip(c, 0); /* past empty runs at the start */
}

const sc_item *scene_cursor_item(sc_cursor *c) {
  if (c->i >= c->s->n)
    return NULL;
  const sc_item *it = &c->s->items[c->i];
  if (it->kind != SC_MARKERS)
    return it;
  const sc_run *r = it->run;
  const sc_look *l = &r->looks[r->look ? r->look[c->k] : 0];
  scene_marker_item(&c->tmp, c->pts, l->shape, r->xy[2 * c->k],
                    r->xy[2 * c->k + 1], l->size, l->style, it->role);
  return &c->tmp;
}

void scene_cursor_skip(sc_cursor *c, long n) {
  c->pos += n;
  while (c->i < c->s->n) {
    const sc_item *it = &c->s->items[c->i];
    long left = it->kind == SC_MARKERS ? (long)it->run->n - c->k : 1;
    if (n < left) {
      if (it->kind == SC_MARKERS)
        c->k += (int)n;
      return;
    }
    n -= left;
    c->i++;
    c->k = 0;
  }
}

int scene_cursor_made(const sc_cursor *c, const sc_item *it) {
  return it == &c->tmp;
}
