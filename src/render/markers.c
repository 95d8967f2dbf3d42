/* Stamped markers (see markers.h). */
#include "render/markers.h"

#include <cairo.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "render/render_internal.h"

#define MAX_SPRITE_BYTES (16u << 20) /* the cache is emptied beyond this */
#define MITER_LIMIT 10.0             /* cairo's default, which render_draw_shape keeps */

typedef struct sprite {
  int done;   /* rendered */
  int dx, dy; /* top-left of the pixels relative to the centre's pixel */
  int w, h;   /* 0 when nothing is drawn */
  uint32_t *px; /* premultiplied 0xAARRGGBB, w*h, trimmed to the ink */
} sprite;

/* One marker's sprites, by phase: anchor at (phx, phy) / MARKER_PHASES px
 * into its pixel, index phy * MARKER_PHASES + phx; rendered on first use. */
typedef struct style_entry {
  marker_key key;
  double extent; /* marker_key_extent */
  sprite sp[MARKER_PHASES * MARKER_PHASES];
} style_entry;

struct marker_cache {
  style_entry **e;
  int n, cap;
  int *slots; /* open addressing: index + 1 into e, 0 = empty */
  size_t nslots;
  size_t bytes;     /* memory held */
  style_entry *last; /* the previous marker's style: scatter plots repeat it */
};

marker_cache *marker_cache_new(void) { return xcalloc(1, sizeof(marker_cache)); }

static void cache_clear(marker_cache *mc) {
  for (int i = 0; i < mc->n; i++) {
    for (int j = 0; j < MARKER_PHASES * MARKER_PHASES; j++) free(mc->e[i]->sp[j].px);
    free(mc->e[i]);
  }
  mc->n = 0;
  mc->bytes = 0;
  mc->last = NULL;
  if (mc->slots) memset(mc->slots, 0, mc->nslots * sizeof *mc->slots);
}

void marker_cache_free(marker_cache *mc) {
  if (!mc) return;
  cache_clear(mc);
  free(mc->e);
  free(mc->slots);
  free(mc);
}

size_t marker_key_hash(const marker_key *k) {
  _Static_assert(sizeof *k % 8 == 0, "marker_key is hashed a word at a time");
  uint64_t h = 0xcbf29ce484222325ull;
  const unsigned char *p = (const unsigned char *)k;
  for (size_t i = 0; i < sizeof *k; i += 8) {
    uint64_t w;
    memcpy(&w, p + i, 8);
    h = (h ^ w) * 0x100000001b3ull;
    h ^= h >> 32;
  }
  return (size_t)(h ^ (h >> 29));
}

static void rehash(marker_cache *mc, size_t nslots) {
  free(mc->slots);
  mc->slots = xcalloc(nslots, sizeof *mc->slots);
  mc->nslots = nslots;
  for (int i = 0; i < mc->n; i++) {
    size_t j = marker_key_hash(&mc->e[i]->key) & (nslots - 1);
    while (mc->slots[j]) j = (j + 1) & (nslots - 1);
    mc->slots[j] = i + 1;
  }
}

static style_entry *style_get(marker_cache *mc, const marker_key *k) {
  if (mc->last && !memcmp(&mc->last->key, k, sizeof *k)) return mc->last;
  size_t h = marker_key_hash(k);
  if (mc->nslots) {
    for (size_t j = h & (mc->nslots - 1);; j = (j + 1) & (mc->nslots - 1)) {
      int s = mc->slots[j];
      if (!s) break;
      if (!memcmp(&mc->e[s - 1]->key, k, sizeof *k)) return mc->last = mc->e[s - 1];
    }
  }
  if (mc->bytes > MAX_SPRITE_BYTES) cache_clear(mc);
  if (mc->n == mc->cap) {
    mc->cap = mc->cap ? mc->cap * 2 : 16;
    mc->e = xrealloc(mc->e, (size_t)mc->cap * sizeof *mc->e);
  }
  if ((size_t)(mc->n + 1) * 2 > mc->nslots) rehash(mc, mc->nslots ? mc->nslots * 2 : 64);
  style_entry *e = xcalloc(1, sizeof *e);
  e->key = *k;
  e->extent = marker_key_extent(k);
  mc->e[mc->n] = e;
  mc->bytes += sizeof *e;
  size_t j = h & (mc->nslots - 1);
  while (mc->slots[j]) j = (j + 1) & (mc->nslots - 1);
  mc->slots[j] = ++mc->n;
  return mc->last = e;
}

/* Draws marker k into sprite sp: the items' own drawing code on a small
 * ARGB32 surface, the anchor at phase (phx, phy). */
static void sprite_render(marker_cache *mc, sprite *sp, const marker_key *k, int phx, int phy, double extent) {
  int half = (int)ceil(extent) + 2, size = 2 * half + 2;
  cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, size, size);
  cairo_t *cr = cairo_create(surf);
  cairo_translate(cr, half + (double)phx / MARKER_PHASES, half + (double)phy / MARKER_PHASES);
  cairo_scale(cr, k->scale, k->scale);
  sc_pt pts[MARKER_MAX_PTS];
  sc_item c = marker_key_item(k, pts);
  render_draw_shape(cr, &c);
  cairo_destroy(cr);
  cairo_surface_flush(surf);
  const unsigned char *data = cairo_image_surface_get_data(surf);
  int stride = cairo_image_surface_get_stride(surf);
  int x0 = size, y0 = size, x1 = -1, y1 = -1;
  for (int y = 0; y < size; y++) {
    const uint32_t *row = (const uint32_t *)(data + (size_t)y * stride);
    for (int x = 0; x < size; x++)
      if (row[x]) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        y1 = y;
      }
  }
  sp->done = 1;
  sp->w = sp->h = 0;
  sp->px = NULL;
  if (x1 >= 0) {
    sp->w = x1 - x0 + 1;
    sp->h = y1 - y0 + 1;
    sp->dx = x0 - half;
    sp->dy = y0 - half;
    sp->px = xmalloc((size_t)sp->w * (size_t)sp->h * sizeof *sp->px);
    for (int y = 0; y < sp->h; y++)
      memcpy(sp->px + (size_t)y * sp->w, data + (size_t)(y0 + y) * stride + 4 * (size_t)x0,
             (size_t)sp->w * sizeof *sp->px);
    mc->bytes += (size_t)sp->w * (size_t)sp->h * sizeof *sp->px;
  }
  cairo_surface_destroy(surf);
}

/* d = s + d * (255 - alpha(s)) / 255 on each of the four bytes, with
 * pixman's rounding and saturation (UN8x4_MUL_UN8_ADD_UN8x4): what cairo's
 * OVER does with a premultiplied source. */
static inline uint32_t over(uint32_t s, uint32_t d) {
  uint32_t ia = 255 - (s >> 24);
  uint32_t rb = (d & 0xff00ffu) * ia + 0x800080u;
  rb = ((rb + ((rb >> 8) & 0xff00ffu)) >> 8) & 0xff00ffu;
  rb += s & 0xff00ffu;
  rb |= 0x10000100u - ((rb >> 8) & 0xff00ffu);
  rb &= 0xff00ffu;
  uint32_t ag = ((d >> 8) & 0xff00ffu) * ia + 0x800080u;
  ag = ((ag + ((ag >> 8) & 0xff00ffu)) >> 8) & 0xff00ffu;
  ag += (s >> 8) & 0xff00ffu;
  ag |= 0x10000100u - ((ag >> 8) & 0xff00ffu);
  ag &= 0xff00ffu;
  return rb | (ag << 8);
}

/* The largest miter a stroke of path points p (quantised, n of them) can
 * make, as a multiple of half the line width: 1 when every join is round
 * or beveled, at most MITER_LIMIT.  Curves count by their control points
 * (a bound: the curve lies in their hull). */
static double miter_reach(const marker_key *k) {
  if (k->round_cap) return 1; /* round joins */
  double worst = 1;
  int i = 0, n = k->n;
  while (i < n) {
    /* one subpath: points i .. j-1, closed when it ends with SC_CLOSE */
    int j = i + 1;
    while (j < n && k->ops[j] != SC_MOVE) j++;
    int closed = k->ops[j - 1] == SC_CLOSE, end = closed ? j - 1 : j;
    double v[MARKER_MAX_PTS][2];
    int m = 0;
    for (int t = i; t < end; t++) {
      double x = k->q[t][0], y = k->q[t][1];
      if (m && x == v[m - 1][0] && y == v[m - 1][1]) continue; /* zero-length: no join */
      v[m][0] = x;
      v[m][1] = y;
      m++;
    }
    if (closed && m > 1 && v[m - 1][0] == v[0][0] && v[m - 1][1] == v[0][1]) m--;
    for (int t = 0; t < m; t++) {
      if (!closed && (t == 0 || t == m - 1)) continue; /* caps: within half the width */
      const double *a = v[(t + m - 1) % m], *b = v[t], *c = v[(t + 1) % m];
      double d1x = b[0] - a[0], d1y = b[1] - a[1], d2x = c[0] - b[0], d2y = c[1] - b[1];
      double l1 = hypot(d1x, d1y), l2 = hypot(d2x, d2y);
      if (!(l1 > 0 && l2 > 0)) continue;
      /* cos of the angle between the two segments at b, seen from b */
      double cs = -(d1x * d2x + d1y * d2y) / (l1 * l2);
      double s2 = (1 - cs) / 2; /* sin^2 of half that angle */
      /* cairo miters when 1/sin(half) <= limit, else bevels (within 1) */
      if (s2 * MITER_LIMIT * MITER_LIMIT >= 1) {
        double r = 1 / sqrt(s2);
        if (r > worst) worst = r;
      }
    }
    i = j;
  }
  return worst > MITER_LIMIT ? MITER_LIMIT : worst;
}

/* Round to nearest, halves away from zero, for |v| < 2^31. */
static inline int32_t round_i32(double v) { return (int32_t)(v >= 0 ? v + 0.5 : v - 0.5); }

/* How far marker k's ink reaches from its anchor (device px, either axis),
 * with the stroke's miters when `miters`, else with the shape's own reach
 * and MITER_LIMIT as the bound. */
static double key_reach(const marker_key *k, int miters) {
  double half_w = k->stroke_width / 2.0 * k->scale;
  switch (k->kind) {
  case MARKER_CIRCLE: return fabs(k->a) * k->scale + half_w; /* a smooth closed curve: no miter */
  case MARKER_RECT: return k->a * k->scale + half_w; /* square corners: a miter reaches half_w along each axis */
  default: {
    int32_t far = 0;
    int curves = 0;
    for (int i = 0; i < k->n; i++) {
      int32_t x = k->q[i][0] < 0 ? -k->q[i][0] : k->q[i][0], y = k->q[i][1] < 0 ? -k->q[i][1] : k->q[i][1];
      if (x > far) far = x;
      if (y > far) far = y;
      curves |= k->ops[i] == SC_CURVE;
    }
    double j = !k->stroke || k->round_cap ? 1 : curves || !miters ? MITER_LIMIT : miter_reach(k);
    return (far + 1.0) / k->unit + half_w * j;
  }
  }
}

int marker_key_of(const sc_item *it, double scale, double unit, marker_key *k, double *ax, double *ay) {
  const sc_style *st = &it->style;
  int kind;
  if (st->ndash) return 0;
  if (it->kind == SC_PATH && it->shape == SC_SHAPE_CIRCLE)
    kind = MARKER_CIRCLE;
  else if (it->kind == SC_RECT && it->rx <= 0 && it->w == it->h) /* a square: not a bar, rarely a cell */
    kind = MARKER_RECT;
  else if (it->kind == SC_PATH && it->shape == SC_SHAPE_POINTS && it->npts >= 2 && it->npts <= MARKER_MAX_PTS &&
           it->pts && it->pts[0].op == SC_MOVE)
    kind = MARKER_PATH;
  else
    return 0;
  if (!(scale > 0) || !(unit > 0)) return 0;
  int fill = (st->fill & 0xff) != 0, stroke = (st->stroke & 0xff) != 0 && st->stroke_width > 0;
  memset(k, 0, sizeof *k);
  k->fill = fill ? st->fill : 0;
  k->stroke = stroke ? st->stroke : 0;
  k->stroke_width = stroke ? st->stroke_width : 0;
  k->opacity = st->opacity > 0 ? st->opacity : 1;
  k->round_cap = stroke && st->round_cap;
  k->kind = kind;
  k->scale = scale;
  switch (kind) {
  case MARKER_CIRCLE:
    k->a = it->rx;
    *ax = it->cx;
    *ay = it->cy;
    break;
  case MARKER_RECT:
    k->a = it->w;
    *ax = it->x;
    *ay = it->y;
    break;
  default: {
    k->unit = unit;
    k->n = it->npts;
    double x0 = it->pts[0].x, y0 = it->pts[0].y, lim = MARKER_MAX_EXTENT * unit;
    for (int i = 0; i < it->npts; i++) {
      const sc_pt *p = &it->pts[i];
      k->ops[i] = (uint8_t)p->op;
      if (p->op == SC_CLOSE) continue; /* its point is unused: 0 */
      double dx = ((double)p->x - x0) * scale * unit, dy = ((double)p->y - y0) * scale * unit;
      if (!(fabs(dx) <= lim && fabs(dy) <= lim)) return 0; /* also NaN */
      k->q[i][0] = round_i32(dx);
      k->q[i][1] = round_i32(dy);
    }
    *ax = x0;
    *ay = y0;
    break;
  }
  }
  /* Small enough: the bound first, the miters only when it is too wide. */
  double reach = key_reach(k, 0);
  if (!(reach <= MARKER_MAX_EXTENT) && !(key_reach(k, 1) <= MARKER_MAX_EXTENT)) return 0; /* also NaN */
  return 1;
}

double marker_key_extent(const marker_key *k) { return key_reach(k, 1); }

sc_item marker_key_item(const marker_key *k, sc_pt *pts) {
  sc_item c;
  memset(&c, 0, sizeof c);
  c.style.fill = k->fill;
  c.style.stroke = k->stroke;
  c.style.stroke_width = k->stroke_width;
  c.style.opacity = k->opacity;
  c.style.round_cap = k->round_cap;
  switch (k->kind) {
  case MARKER_CIRCLE:
    c.kind = SC_PATH;
    c.shape = SC_SHAPE_CIRCLE;
    c.rx = k->a;
    break;
  case MARKER_RECT:
    c.kind = SC_RECT;
    c.w = c.h = k->a;
    break;
  default:
    c.kind = SC_PATH;
    c.shape = SC_SHAPE_POINTS;
    c.npts = k->n;
    c.pts = pts;
    for (int i = 0; i < k->n; i++)
      pts[i] = (sc_pt){(sc_op)k->ops[i], (float)(k->q[i][0] / (k->unit * k->scale)),
                       (float)(k->q[i][1] / (k->unit * k->scale))};
    break;
  }
  return c;
}

int marker_worth_stamping(const scene *s) {
  enum { MAX_STYLES = 256, SLOTS = 1024 };
  marker_key *keys = xmalloc(MAX_STYLES * sizeof *keys);
  short slot[SLOTS];
  memset(slot, 0xff, sizeof slot);
  int nmarkers = 0, nstyles = 0, worth = 1, last = -1;
  sc_cursor c;
  scene_cursor_start(&c, s);
  for (const sc_item *it; worth && (it = scene_cursor_item(&c)); scene_cursor_skip(&c, 1)) {
    marker_key k;
    double ax, ay;
    if (!marker_key_of(it, 1, MARKER_PNG_UNIT, &k, &ax, &ay)) continue;
    nmarkers++;
    if (!k.fill && !k.stroke) continue;
    if (last >= 0 && !memcmp(&keys[last], &k, sizeof k)) continue; /* scatter plots repeat it */
    size_t j = marker_key_hash(&k) & (SLOTS - 1);
    while (slot[j] >= 0 && memcmp(&keys[slot[j]], &k, sizeof k)) j = (j + 1) & (SLOTS - 1);
    if (slot[j] >= 0) {
      last = slot[j];
      continue;
    }
    if (nstyles == MAX_STYLES) worth = 0; /* a colour per point, say */
    else {
      keys[nstyles] = k;
      last = nstyles;
      slot[j] = (short)nstyles++;
    }
  }
  free(keys);
  return worth && nmarkers >= MARKER_STAMP_MIN && nmarkers >= MARKER_USES_PER_STYLE * nstyles;
}

int marker_stamp(marker_cache *mc, const sc_item *it, const marker_target *t, const int clip[4]) {
  marker_key k;
  double ax, ay;
  if (!marker_key_of(it, t->scale, MARKER_PNG_UNIT, &k, &ax, &ay)) return 0;
  if (!k.fill && !k.stroke) return 1; /* draw_shape draws nothing either */
  double X = ax * t->scale, Y = ay * t->scale;
  if (!(fabs(X) < 1e7 && fabs(Y) < 1e7)) return 0;
  long long qx = (long long)floor(X * MARKER_PHASES + 0.5), qy = (long long)floor(Y * MARKER_PHASES + 0.5);
  long long ix = qx >> MARKER_PHASE_BITS, iy = qy >> MARKER_PHASE_BITS; /* floor division */
  style_entry *e = style_get(mc, &k);
  /* The sprite's pixels can only lie within the extent (+2 px margin); test
   * that box against the clip before rendering anything. */
  int half = (int)ceil(e->extent) + 2;
  if (ix - half < clip[0] || iy - half < clip[1] || ix + half + 2 > clip[2] || iy + half + 2 > clip[3]) return 0;
  int phx = (int)(qx & (MARKER_PHASES - 1)), phy = (int)(qy & (MARKER_PHASES - 1));
  sprite *sp = &e->sp[phy * MARKER_PHASES + phx];
  if (!sp->done) sprite_render(mc, sp, &k, phx, phy, e->extent);
  if (!sp->w) return 1;
  long long x0 = ix + sp->dx, y0 = iy + sp->dy;
  for (int y = 0; y < sp->h; y++) {
    long long row = y0 + y - t->oy;
    if (row < 0 || row >= t->height) continue;
    uint32_t *d = (uint32_t *)(t->data + (size_t)row * (size_t)t->stride) + x0;
    const uint32_t *s = sp->px + (size_t)y * sp->w;
    for (int x = 0; x < sp->w; x++) {
      uint32_t v = s[x];
      if (!v) continue;
      d[x] = (v >> 24) == 255 ? v : over(v, d[x]);
    }
  }
  return 1;
}
