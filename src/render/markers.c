/* Stamped markers (see markers.h). */
#include "render/markers.h"

#include <cairo.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "render/render_internal.h"

#define MAX_EXTENT 32.0           /* device px from the centre; larger markers go to cairo */
#define MAX_SPRITE_BYTES (16u << 20) /* the cache is emptied beyond this */

/* Everything a marker's sprites depend on but its position.  Built with
 * memset first so that padding compares equal. */
typedef struct style_key {
  uint32_t fill, stroke; /* 0 when not drawn */
  float stroke_width, opacity;
  double r, scale;
  int round_cap;
} style_key;

typedef struct sprite {
  int done;   /* rendered */
  int dx, dy; /* top-left of the pixels relative to the centre's pixel */
  int w, h;   /* 0 when nothing is drawn */
  uint32_t *px; /* premultiplied 0xAARRGGBB, w*h, trimmed to the ink */
} sprite;

/* One style's sprites, by phase: centre at (phx, phy) / MARKER_PHASES px
 * into its pixel, index phy * MARKER_PHASES + phx; rendered on first use. */
typedef struct style_entry {
  style_key key;
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

static size_t key_hash(const style_key *k) {
  const unsigned char *p = (const unsigned char *)k;
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < sizeof *k; i++) h = (h ^ p[i]) * 0x100000001b3ull;
  return (size_t)(h ^ (h >> 29));
}

static void rehash(marker_cache *mc, size_t nslots) {
  free(mc->slots);
  mc->slots = xcalloc(nslots, sizeof *mc->slots);
  mc->nslots = nslots;
  for (int i = 0; i < mc->n; i++) {
    size_t j = key_hash(&mc->e[i]->key) & (nslots - 1);
    while (mc->slots[j]) j = (j + 1) & (nslots - 1);
    mc->slots[j] = i + 1;
  }
}

static style_entry *style_get(marker_cache *mc, const style_key *k) {
  if (mc->last && !memcmp(&mc->last->key, k, sizeof *k)) return mc->last;
  size_t h = key_hash(k);
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
  mc->e[mc->n] = e;
  mc->bytes += sizeof *e;
  size_t j = h & (mc->nslots - 1);
  while (mc->slots[j]) j = (j + 1) & (mc->nslots - 1);
  mc->slots[j] = ++mc->n;
  return mc->last = e;
}

/* Draws the marker into sprite sp: the item's own drawing code on a small
 * ARGB32 surface, the centre at phase (phx, phy). */
static void sprite_render(marker_cache *mc, sprite *sp, const sc_item *it, double scale, int phx, int phy,
                          double extent) {
  int half = (int)ceil(extent) + 2, size = 2 * half + 2;
  cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, size, size);
  cairo_t *cr = cairo_create(surf);
  cairo_translate(cr, half + (double)phx / MARKER_PHASES, half + (double)phy / MARKER_PHASES);
  cairo_scale(cr, scale, scale);
  sc_item c = *it;
  c.cx = c.cy = 0;
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

/* The style key of circle item it (scale and phase aside); 0 when it draws
 * nothing. */
static int item_key(const sc_item *it, double scale, style_key *k) {
  const sc_style *st = &it->style;
  int fill = (st->fill & 0xff) != 0, stroke = (st->stroke & 0xff) != 0 && st->stroke_width > 0;
  memset(k, 0, sizeof *k);
  k->fill = fill ? st->fill : 0;
  k->stroke = stroke ? st->stroke : 0;
  k->stroke_width = stroke ? st->stroke_width : 0;
  k->opacity = st->opacity > 0 ? st->opacity : 1;
  k->r = it->rx;
  k->scale = scale;
  k->round_cap = stroke && st->round_cap;
  return fill || stroke;
}

int marker_worth_stamping(const scene *s) {
  enum { MAX_STYLES = 256, SLOTS = 1024 };
  style_key keys[MAX_STYLES];
  short slot[SLOTS];
  memset(slot, 0xff, sizeof slot);
  int ncircles = 0, nstyles = 0;
  for (int i = 0; i < s->n; i++) {
    const sc_item *it = &s->items[i];
    if (it->kind != SC_PATH || it->shape != SC_SHAPE_CIRCLE) continue;
    ncircles++;
    style_key k;
    if (!item_key(it, 1, &k)) continue;
    size_t j = key_hash(&k) & (SLOTS - 1);
    while (slot[j] >= 0 && memcmp(&keys[slot[j]], &k, sizeof k)) j = (j + 1) & (SLOTS - 1);
    if (slot[j] >= 0) continue;
    if (nstyles == MAX_STYLES) return 0; /* a colour per point, say */
    keys[nstyles] = k;
    slot[j] = (short)nstyles++;
  }
  return ncircles >= MARKER_STAMP_MIN && ncircles >= MARKER_USES_PER_STYLE * nstyles;
}

int marker_stamp(marker_cache *mc, const sc_item *it, const marker_target *t, const int clip[4]) {
  const sc_style *st = &it->style;
  if (it->kind != SC_PATH || it->shape != SC_SHAPE_CIRCLE || st->ndash) return 0;
  int fill = (st->fill & 0xff) != 0, stroke = (st->stroke & 0xff) != 0 && st->stroke_width > 0;
  if (!fill && !stroke) return 1; /* draw_shape draws nothing either */
  double r = it->rx;
  double extent = (fabs(r) + (stroke ? st->stroke_width / 2.0 : 0)) * t->scale;
  if (!(extent <= MAX_EXTENT)) return 0; /* also NaN */
  double X = it->cx * t->scale, Y = it->cy * t->scale;
  if (!(fabs(X) < 1e7 && fabs(Y) < 1e7)) return 0;
  long long qx = (long long)floor(X * MARKER_PHASES + 0.5), qy = (long long)floor(Y * MARKER_PHASES + 0.5);
  long long ix = qx >> MARKER_PHASE_BITS, iy = qy >> MARKER_PHASE_BITS; /* floor division */
  /* The sprite's pixels can only lie within the extent (+2 px margin); test
   * that box against the clip before rendering anything. */
  int half = (int)ceil(extent) + 2;
  if (ix - half < clip[0] || iy - half < clip[1] || ix + half + 2 > clip[2] || iy + half + 2 > clip[3]) return 0;
  style_key k;
  item_key(it, t->scale, &k);
  style_entry *e = style_get(mc, &k);
  int phx = (int)(qx & (MARKER_PHASES - 1)), phy = (int)(qy & (MARKER_PHASES - 1));
  sprite *sp = &e->sp[phy * MARKER_PHASES + phx];
  if (!sp->done) sprite_render(mc, sp, it, t->scale, phx, phy, extent);
  if (!sp->w) return 1;
  long long x0 = ix + sp->dx, y0 = iy + sp->dy;
  for (int y = 0; y < sp->h; y++) {
    uint32_t *d = (uint32_t *)(t->data + (size_t)(y0 + y) * (size_t)t->stride) + x0;
    const uint32_t *s = sp->px + (size_t)y * sp->w;
    for (int x = 0; x < sp->w; x++) {
      uint32_t v = s[x];
      if (!v) continue;
      d[x] = (v >> 24) == 255 ? v : over(v, d[x]);
    }
  }
  return 1;
}
