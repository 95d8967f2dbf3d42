/* Scene -> SVG, by hand.  See svg.h for why not cairo's SVG surface.
 *
 * The drawing semantics follow draw_cairo.c exactly, so SVG and PNG agree:
 * item opacity multiplies the fill and stroke alphas separately (not a group
 * opacity), a style opacity of 0 means "unset" (1), strokes need a positive
 * width, round caps come with round joins, corner radii are clamped to half
 * the smaller side, cairo's miter limit (10) is written out on paths.
 *
 * Glyph outlines: pass 1 walks the text items in scene order and writes each
 * distinct (font, glyph) once into <defs> as <path id="gF-G">, F numbering
 * the fonts in order of first use and G the glyph id; pass 2 writes the body with
 * <use> references.  Blank glyphs (spaces) have no outline and get neither
 * a definition nor a use: an empty `d` is an error in SVG 1.1. */
#include "base/fsutil.h"
#include "base/limits.h"
#include "render/svg.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>

#include "base/arena.h"
#include "base/colors.h"
#include "text/text_cairo.h"

#define COORD 2 /* decimals for coordinates */

/* ---- small output helpers ---------------------------------------------- */

/* Decode one UTF-8 sequence at s (n bytes left); returns its length and the
 * code point, or length 1 and U+FFFD for a malformed byte. */
static int utf8_next(const unsigned char *s, size_t n, uint32_t *cp) {
  unsigned c = s[0];
  int len;
  uint32_t v, min;
  if (c < 0x80) {
    *cp = c;
    return 1;
  } else if ((c & 0xe0) == 0xc0) {
    len = 2, v = c & 0x1f, min = 0x80;
  } else if ((c & 0xf0) == 0xe0) {
    len = 3, v = c & 0x0f, min = 0x800;
  } else if ((c & 0xf8) == 0xf0) {
    len = 4, v = c & 0x07, min = 0x10000;
  } else {
    *cp = 0xfffd;
    return 1;
  }
  if ((size_t)len > n) {
    *cp = 0xfffd;
    return 1;
  }
  for (int i = 1; i < len; i++) {
    if ((s[i] & 0xc0) != 0x80) {
      *cp = 0xfffd;
      return 1;
    }
    v = (v << 6) | (s[i] & 0x3f);
  }
  if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) {
    *cp = 0xfffd;
    return 1;
  }
  *cp = v;
  return len;
}

/* Escape n bytes of UTF-8 for XML.  Malformed bytes become U+FFFD and
 * characters XML 1.0 forbids are dropped, so the document always parses.
 * In attributes (attr != 0) tabs and line breaks become spaces. */
static void put_esc_n(buf *b, const char *s, size_t n, int attr) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  while (i < n) {
    uint32_t cp;
    int len = utf8_next(p + i, n - i, &cp);
    switch (cp) {
    case '&': buf_puts(b, "&amp;"); break;
    case '<': buf_puts(b, "&lt;"); break;
    case '>': buf_puts(b, "&gt;"); break;
    case '"': buf_puts(b, "&quot;"); break;
    case '\'': buf_puts(b, "&apos;"); break;
    case '\t':
    case '\n':
    case '\r':
      if (attr)
        buf_putc(b, ' ');
      else
        buf_putc(b, (char)cp);
      break;
    case 0xfffd:
      if (len == 1)
        buf_puts(b, "\xef\xbf\xbd");
      else
        buf_put(b, p + i, (size_t)len);
      break;
    default:
      if (cp < 0x20 || cp == 0xfffe || cp == 0xffff) break;
      buf_put(b, p + i, (size_t)len);
      break;
    }
    i += (size_t)len;
  }
}

static void put_esc(buf *b, const char *s, int attr) {
  if (s) put_esc_n(b, s, strlen(s), attr);
}

static void put_attr_num(buf *b, const char *name, double v, int digits) {
  buf_putc(b, ' ');
  buf_puts(b, name);
  buf_put(b, "=\"", 2);
  buf_num(b, v, digits);
  buf_putc(b, '"');
}

static void put_xy(buf *b, double x, double y) {
  buf_num(b, x, COORD);
  buf_putc(b, ' ');
  buf_num(b, y, COORD);
}

static void put_hex(buf *b, uint32_t c) {
  static const char hx[] = "0123456789abcdef";
  char s[7] = {'#', hx[c >> 28 & 15], hx[c >> 24 & 15], hx[c >> 20 & 15], hx[c >> 16 & 15], hx[c >> 12 & 15],
               hx[c >> 8 & 15]};
  buf_put(b, s, sizeof s);
}

/* Paint attribute pair: name="#rrggbb" and name-opacity when < 1. */
static void put_paint(buf *b, const char *name, uint32_t c, double opacity) {
  buf_putc(b, ' ');
  buf_puts(b, name);
  buf_put(b, "=\"", 2);
  put_hex(b, c);
  buf_putc(b, '"');
  double a = color_a(c) * opacity;
  if (a < 0.9995) {
    buf_putc(b, ' ');
    buf_puts(b, name);
    buf_puts(b, "-opacity=\"");
    buf_num(b, a, 3);
    buf_putc(b, '"');
  }
}

static double item_opacity(const sc_style *st) {
  return st->opacity > 0 && st->opacity < 1 ? st->opacity : 1;
}

/* ---- compact path data ---------------------------------------------------
 * Path data is written in hundredths (COORD digits): every coordinate is first
 * rounded exactly as buf_num(v, COORD) rounds it (ties to even, like printf),
 * and each segment is then written in the shortest of its absolute and
 * relative forms — H/V/h/v for a step along one axis, l/c/m relative to the
 * ROUNDED current point (integer arithmetic, so no float error accumulates
 * and the absolute positions are exactly those the absolute form would give).
 * A repeated command letter is left out (implicit repetition; L/l after M/m
 * too) and so is the space before a '-'.  A path with a coordinate outside
 * the exact range (|v| >= 1e15) is written in the absolute form instead. */

/* round(v * 100) as buf_num(v, COORD) rounds it; 0 when v is outside the range. */
static int coord_q(double v, int64_t *out) { return buf_num_scaled(v, COORD, out); }

/* Hundredths as text, the way buf_num writes them.  s holds >= 24 bytes. */
static int q_text(int64_t q, char *s) { return buf_num_scaled_text(q, COORD, s); }

/* The length q_text would write, without writing it (the shorter of two
 * forms is chosen per segment). */
static int q_len(int64_t q) {
  uint64_t a = q < 0 ? (uint64_t)0 - (uint64_t)q : (uint64_t)q;
  uint64_t ip = a / 100, fp = a % 100;
  int n = (q < 0) + 1 + (fp ? (fp % 10 ? 3 : 2) : 0);
  while (ip >= 10) ip /= 10, n++;
  return n;
}

typedef struct pemit {
  buf *b;
  int64_t cx, cy, sx, sy; /* current point, subpath start (hundredths) */
  char last;              /* command that a bare number list would continue */
  int num;                /* the last thing written is a number */
} pemit;

static void pe_init(pemit *e, buf *b) {
  memset(e, 0, sizeof *e);
  e->b = b;
}

static void pe_num(pemit *e, int64_t q) {
  char s[24];
  int n = q_text(q, s);
  if (e->num && s[0] != '-') buf_putc(e->b, ' ');
  buf_put(e->b, s, (size_t)n);
  e->num = 1;
}

/* The letter continuing `last` implicitly: M/m go on as L/l. */
static char pe_cont(char last) {
  return last == 'M' ? 'L' : last == 'm' ? 'l' : last;
}

/* Length of command c with numbers v[0..n): letter (unless implied) and separators. */
static int pe_cost(const pemit *e, char c, const int64_t *v, int n) {
  int len = 0, num = e->num;
  if (c != pe_cont(e->last) || c == 'Z') len++, num = 0;
  for (int i = 0; i < n; i++) {
    len += (num && v[i] >= 0) + q_len(v[i]);
    num = 1;
  }
  return len;
}

static void pe_cmd(pemit *e, char c, const int64_t *v, int n) {
  if (c != pe_cont(e->last)) {
    buf_putc(e->b, c);
    e->num = 0;
  }
  e->last = c;
  for (int i = 0; i < n; i++) pe_num(e, v[i]);
}

/* Start a subpath at (x, y); first: nothing written yet (must be absolute). */
static void pe_move(pemit *e, int64_t x, int64_t y, int first) {
  int64_t a[2] = {x, y}, r[2] = {x - e->cx, y - e->cy};
  if (!first && pe_cost(e, 'm', r, 2) < pe_cost(e, 'M', a, 2))
    pe_cmd(e, 'm', r, 2);
  else
    pe_cmd(e, 'M', a, 2);
  e->cx = e->sx = x;
  e->cy = e->sy = y;
}

static void pe_line(pemit *e, int64_t x, int64_t y) {
  int64_t dx = x - e->cx, dy = y - e->cy;
  if (dy == 0) {
    int64_t a = x;
    if (pe_cost(e, 'h', &dx, 1) < pe_cost(e, 'H', &a, 1))
      pe_cmd(e, 'h', &dx, 1);
    else
      pe_cmd(e, 'H', &a, 1);
  } else if (dx == 0) {
    int64_t a = y;
    if (pe_cost(e, 'v', &dy, 1) < pe_cost(e, 'V', &a, 1))
      pe_cmd(e, 'v', &dy, 1);
    else
      pe_cmd(e, 'V', &a, 1);
  } else {
    int64_t a[2] = {x, y}, r[2] = {dx, dy};
    if (pe_cost(e, 'l', r, 2) < pe_cost(e, 'L', a, 2))
      pe_cmd(e, 'l', r, 2);
    else
      pe_cmd(e, 'L', a, 2);
  }
  e->cx = x;
  e->cy = y;
}

static void pe_curve(pemit *e, const int64_t p[6]) {
  int64_t r[6];
  for (int i = 0; i < 6; i++) r[i] = p[i] - (i & 1 ? e->cy : e->cx);
  if (pe_cost(e, 'c', r, 6) < pe_cost(e, 'C', p, 6))
    pe_cmd(e, 'c', r, 6);
  else
    pe_cmd(e, 'C', p, 6);
  e->cx = p[4];
  e->cy = p[5];
}

static void pe_close(pemit *e) {
  buf_putc(e->b, 'Z');
  e->last = 'Z';
  e->num = 0;
  e->cx = e->sx;
  e->cy = e->sy;
}

/* ---- glyph outlines ----------------------------------------------------- */

typedef struct glyph_entry {
  uint64_t key; /* font id << 32 | glyph id */
  int blank;
} glyph_entry;

typedef struct glyph_set {
  glyph_entry *e; /* in order of first use */
  int n, cap;
  int *slots; /* open addressing: index + 1 into e, 0 = empty */
  size_t nslots;
  const text_font **fonts; /* in order of first use: the F of gF-G */
  int nfonts;
} glyph_set;

/* The document's own number for font f.  Not text_font_id(): that depends
 * on what the engine laid out before, and the same figure must give the
 * same bytes whether rendered alone or in a batch. */
static uint32_t font_index(glyph_set *gs, const text_font *f) {
  for (int i = 0; i < gs->nfonts; i++)
    if (gs->fonts[i] == f) return (uint32_t)i;
  if ((gs->nfonts & (gs->nfonts - 1)) == 0)
    gs->fonts = xrealloc(gs->fonts, (size_t)(gs->nfonts ? gs->nfonts * 2 : 1) * sizeof *gs->fonts);
  gs->fonts[gs->nfonts] = f;
  return (uint32_t)gs->nfonts++;
}

static uint64_t glyph_key(uint32_t font, uint32_t id) { return ((uint64_t)font << 32) | id; }

static size_t key_hash(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdull;
  k ^= k >> 33;
  return (size_t)k;
}

/* The entry for key, or NULL. */
static glyph_entry *gs_find(const glyph_set *gs, uint64_t key) {
  if (!gs->nslots) return NULL;
  for (size_t i = key_hash(key) & (gs->nslots - 1);; i = (i + 1) & (gs->nslots - 1)) {
    int s = gs->slots[i];
    if (!s) return NULL;
    if (gs->e[s - 1].key == key) return &gs->e[s - 1];
  }
}

static void gs_rehash(glyph_set *gs, size_t nslots) {
  free(gs->slots);
  gs->slots = xcalloc(nslots, sizeof *gs->slots);
  gs->nslots = nslots;
  for (int j = 0; j < gs->n; j++) {
    size_t i = key_hash(gs->e[j].key) & (nslots - 1);
    while (gs->slots[i]) i = (i + 1) & (nslots - 1);
    gs->slots[i] = j + 1;
  }
}

/* Add a key known to be absent; returns its entry. */
static glyph_entry *gs_add(glyph_set *gs, uint64_t key) {
  if (gs->n == gs->cap) {
    gs->cap = gs->cap ? gs->cap * 2 : 256;
    gs->e = xrealloc(gs->e, (size_t)gs->cap * sizeof *gs->e);
  }
  if ((size_t)(gs->n + 1) * 2 > gs->nslots) gs_rehash(gs, gs->nslots ? gs->nslots * 2 : 512);
  glyph_entry *en = &gs->e[gs->n++];
  en->key = key;
  en->blank = 1;
  size_t i = key_hash(key) & (gs->nslots - 1);
  while (gs->slots[i]) i = (i + 1) & (gs->nslots - 1);
  gs->slots[i] = gs->n;
  return en;
}

static void gs_free(glyph_set *gs) {
  free(gs->fonts);
  free(gs->e);
  free(gs->slots);
}

typedef struct outliner {
  cairo_surface_t *surf;
  cairo_t *cr;
  cairo_scaled_font_t *font; /* the one set on cr */
  buf d;
} outliner;

static cairo_t *outliner_cr(outliner *o) {
  if (o->cr && cairo_status(o->cr) != CAIRO_STATUS_SUCCESS) {
    cairo_destroy(o->cr);
    o->cr = NULL;
  }
  if (!o->cr) {
    if (!o->surf) o->surf = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
    o->cr = cairo_create(o->surf);
    o->font = NULL;
  }
  return o->cr;
}

/* Write the outline of glyph id of font f, origin at the glyph origin, as
 * path data into o->d (empty when the glyph has no ink). */
static void outline(outliner *o, const text_font *f, uint32_t id) {
  buf_reset(&o->d);
  cairo_scaled_font_t *sf = f ? text_font_cairo(f) : NULL;
  if (!sf || cairo_scaled_font_status(sf) != CAIRO_STATUS_SUCCESS) return;
  cairo_t *cr = outliner_cr(o);
  if (o->font != sf) {
    cairo_set_scaled_font(cr, sf);
    o->font = sf;
  }
  cairo_new_path(cr);
  cairo_glyph_t g = {id, 0, 0};
  cairo_glyph_path(cr, &g, 1);
  cairo_path_t *p = cairo_copy_path(cr);
  cairo_new_path(cr);
  if (p->status == CAIRO_STATUS_SUCCESS) {
    /* A move is written only when something follows it: cairo repeats a
     * move after every close_path.  Compact path data unless a coordinate
     * is out of its exact range. */
    int compact = 1;
    int64_t q[6];
    for (int i = 0; i < p->num_data && compact; i += p->data[i].header.length)
      for (int k = 1; k < p->data[i].header.length; k++)
        if (!coord_q(p->data[i + k].point.x, q) || !coord_q(p->data[i + k].point.y, q)) compact = 0;
    pemit e;
    pe_init(&e, &o->d);
    int pending = 0, open = 0, first = 1;
    double mx = 0, my = 0;
    for (int i = 0; i < p->num_data; i += p->data[i].header.length) {
      const cairo_path_data_t *h = &p->data[i];
      if (h->header.type == CAIRO_PATH_MOVE_TO) {
        pending = 1;
        mx = h[1].point.x;
        my = h[1].point.y;
        continue;
      }
      if (h->header.type == CAIRO_PATH_CLOSE_PATH) {
        if (open) {
          if (compact)
            pe_close(&e);
          else
            buf_putc(&o->d, 'Z');
        }
        open = 0;
        continue;
      }
      if (pending) {
        if (compact) {
          coord_q(mx, &q[0]);
          coord_q(my, &q[1]);
          pe_move(&e, q[0], q[1], first);
          first = 0;
        } else {
          buf_putc(&o->d, 'M');
          put_xy(&o->d, mx, my);
        }
        pending = 0;
        open = 1;
      }
      if (!open) continue; /* a segment without a start point: cannot happen after copy_path */
      if (h->header.type == CAIRO_PATH_LINE_TO) {
        if (compact) {
          coord_q(h[1].point.x, &q[0]);
          coord_q(h[1].point.y, &q[1]);
          pe_line(&e, q[0], q[1]);
        } else {
          buf_putc(&o->d, 'L');
          put_xy(&o->d, h[1].point.x, h[1].point.y);
        }
      } else if (h->header.type == CAIRO_PATH_CURVE_TO) {
        if (compact) {
          for (int k = 0; k < 3; k++) {
            coord_q(h[1 + k].point.x, &q[2 * k]);
            coord_q(h[1 + k].point.y, &q[2 * k + 1]);
          }
          pe_curve(&e, q);
        } else {
          buf_putc(&o->d, 'C');
          put_xy(&o->d, h[1].point.x, h[1].point.y);
          buf_putc(&o->d, ' ');
          put_xy(&o->d, h[2].point.x, h[2].point.y);
          buf_putc(&o->d, ' ');
          put_xy(&o->d, h[3].point.x, h[3].point.y);
        }
      }
    }
  }
  cairo_path_destroy(p);
}

static void outliner_free(outliner *o) {
  if (o->cr) cairo_destroy(o->cr);
  if (o->surf) cairo_surface_destroy(o->surf);
  buf_free(&o->d);
}

static void put_uint(buf *b, uint32_t v) {
  char s[12], *w = s + sizeof s;
  do {
    *--w = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  buf_put(b, w, (size_t)(s + sizeof s - w));
}

static void put_glyph_id(buf *b, uint64_t key) {
  buf_putc(b, 'g');
  put_uint(b, (uint32_t)(key >> 32));
  buf_putc(b, '-');
  put_uint(b, (uint32_t)(key & 0xffffffffu));
}

/* ---- outlines cached across documents ---------------------------------- */

/* Path data of (scaled font, glyph id), computed once per renderer instead
 * of once per file: extracting an outline with cairo and formatting it was
 * a fifth of a warm SVG figure.  The key is the cairo_scaled_font_t
 * pointer, and the cache holds a reference on every font it has seen, so a
 * pointer cannot be freed and reused for another font while it is a key.
 * Bounded: when the path bytes pass SVG_OUTLINE_CACHE_BYTES or the entries
 * SVG_OUTLINE_CACHE_GLYPHS, everything is dropped and refilled (a batch of
 * similar figures uses a few hundred glyphs; a CJK-heavy one a few
 * thousand, about 0.3-1 KB each). */
#define SVG_OUTLINE_CACHE_BYTES (8u << 20)
#define SVG_OUTLINE_CACHE_GLYPHS 32768

typedef struct outline_entry {
  cairo_scaled_font_t *font;
  uint32_t id;
  uint32_t off, len; /* into paths; len 0: blank glyph */
} outline_entry;

struct svg_outline_cache {
  outline_entry *e;
  size_t n, cap;
  uint32_t *slots; /* index + 1 into e, 0 = empty */
  size_t nslots;
  buf paths;
  cairo_scaled_font_t **fonts; /* referenced */
  int nfonts, capfonts;
  outliner o;
};

svg_outline_cache *svg_outline_cache_new(void) { return xcalloc(1, sizeof(svg_outline_cache)); }

static void oc_clear(svg_outline_cache *c) {
  for (int i = 0; i < c->nfonts; i++) cairo_scaled_font_destroy(c->fonts[i]);
  c->nfonts = 0;
  c->n = 0;
  if (c->slots) memset(c->slots, 0, c->nslots * sizeof *c->slots);
  buf_reset(&c->paths);
}

void svg_outline_cache_free(svg_outline_cache *c) {
  if (!c) return;
  oc_clear(c);
  free(c->e);
  free(c->slots);
  free(c->fonts);
  buf_free(&c->paths);
  outliner_free(&c->o);
  free(c);
}

static size_t oc_hash(const cairo_scaled_font_t *f, uint32_t id) {
  return key_hash(((uint64_t)(uintptr_t)f * 0x9e3779b97f4a7c15ull) ^ id);
}

/* The outline of glyph id of font f as path data (*len bytes, 0 when the
 * glyph has no ink); valid until the next call. */
static const char *oc_outline(svg_outline_cache *c, const text_font *f, uint32_t id, size_t *len) {
  cairo_scaled_font_t *sf = f ? text_font_cairo(f) : NULL;
  if (!sf) {
    *len = 0;
    return "";
  }
  if (c->nslots) {
    for (size_t i = oc_hash(sf, id) & (c->nslots - 1);; i = (i + 1) & (c->nslots - 1)) {
      uint32_t s = c->slots[i];
      if (!s) break;
      const outline_entry *en = &c->e[s - 1];
      if (en->font == sf && en->id == id) {
        *len = en->len;
        return c->paths.data ? c->paths.data + en->off : "";
      }
    }
  }
  outline(&c->o, f, id);
  if (c->paths.len + c->o.d.len > SVG_OUTLINE_CACHE_BYTES || c->n >= SVG_OUTLINE_CACHE_GLYPHS) oc_clear(c);
  int known = 0;
  for (int i = 0; i < c->nfonts && !known; i++) known = c->fonts[i] == sf;
  if (!known) {
    if (c->nfonts == c->capfonts) {
      c->capfonts = c->capfonts ? c->capfonts * 2 : 16;
      c->fonts = xrealloc(c->fonts, (size_t)c->capfonts * sizeof *c->fonts);
    }
    c->fonts[c->nfonts++] = cairo_scaled_font_reference(sf);
  }
  if (c->n == c->cap) {
    c->cap = c->cap ? c->cap * 2 : 512;
    c->e = xrealloc(c->e, c->cap * sizeof *c->e);
  }
  if ((c->n + 1) * 2 > c->nslots) {
    size_t ns = c->nslots ? c->nslots * 2 : 1024;
    free(c->slots);
    c->slots = xcalloc(ns, sizeof *c->slots);
    c->nslots = ns;
    for (size_t j = 0; j < c->n; j++) {
      size_t i = oc_hash(c->e[j].font, c->e[j].id) & (ns - 1);
      while (c->slots[i]) i = (i + 1) & (ns - 1);
      c->slots[i] = (uint32_t)j + 1;
    }
  }
  outline_entry *en = &c->e[c->n++];
  en->font = sf;
  en->id = id;
  en->off = (uint32_t)c->paths.len;
  en->len = (uint32_t)c->o.d.len;
  if (c->o.d.len) buf_put(&c->paths, c->o.d.data, c->o.d.len);
  size_t i = oc_hash(sf, id) & (c->nslots - 1);
  while (c->slots[i]) i = (i + 1) & (c->nslots - 1);
  c->slots[i] = (uint32_t)c->n;
  *len = en->len;
  return c->paths.data ? c->paths.data + en->off : "";
}

/* Pass 1: every glyph drawn by the scene, defined once, in scene order. */
static void write_glyph_defs(const scene *s, glyph_set *gs, svg_text_mode mode, svg_outline_cache *cache,
                             buf *out) {
  outliner o = {0};
  int defs_open = 0;
  for (int i = 0; i < s->n; i++) {
    const sc_item *it = &s->items[i];
    if (it->kind != SC_TEXT || !it->text) continue;
    /* <text> cannot say "upright CJK in a vertical column" portably, so
     * vertical boxes stay outlined in text mode too. */
    if (mode == SVG_TEXT_ELEMENTS && !it->text->vertical) continue;
    const text_box *t = it->text;
    for (int r = 0; r < t->nruns; r++) {
      const text_run *run = &t->runs[r];
      if (!run->font || !(run->color & 0xff) || !run->n) continue;
      uint32_t fi = font_index(gs, run->font);
      for (int g = 0; g < run->n; g++) {
        uint64_t key = glyph_key(fi, run->glyphs[g].id);
        if (gs_find(gs, key)) continue;
        glyph_entry *en = gs_add(gs, key);
        const char *d;
        size_t dlen;
        if (cache) {
          d = oc_outline(cache, run->font, run->glyphs[g].id, &dlen);
        } else {
          outline(&o, run->font, run->glyphs[g].id);
          d = o.d.data;
          dlen = o.d.len;
        }
        if (!dlen) continue;
        en->blank = 0;
        if (!defs_open) {
          buf_puts(out, "<defs>\n");
          defs_open = 1;
        }
        buf_puts(out, "<path id=\"");
        put_glyph_id(out, key);
        buf_puts(out, "\" d=\"");
        buf_put(out, d, dlen);
        buf_puts(out, "\"/>\n");
      }
    }
  }
  if (defs_open) buf_puts(out, "</defs>\n");
  outliner_free(&o);
}

/* ---- shapes ------------------------------------------------------------- */

static void put_stroke(buf *b, const sc_style *st, double op, int is_path) {
  put_paint(b, "stroke", st->stroke, op);
  if (st->stroke_width != 1) put_attr_num(b, "stroke-width", st->stroke_width, 3);
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

static void put_shape_paint(buf *b, const sc_style *st, int fill, int stroke, int is_path) {
  double op = item_opacity(st);
  if (fill)
    put_paint(b, "fill", st->fill, op);
  else
    buf_puts(b, " fill=\"none\"");
  if (stroke) put_stroke(b, st, op, is_path);
}

static void write_rect(buf *b, const sc_item *it, int fill, int stroke) {
  if (it->w <= 0 || it->h <= 0) {
    /* SVG does not draw a zero-size <rect>; cairo strokes it as a line. */
    if (!stroke) return;
    buf_puts(b, "<path d=\"M");
    put_xy(b, it->x, it->y);
    buf_putc(b, 'L');
    put_xy(b, it->x + it->w, it->y);
    buf_putc(b, 'L');
    put_xy(b, it->x + it->w, it->y + it->h);
    buf_putc(b, 'L');
    put_xy(b, it->x, it->y + it->h);
    buf_puts(b, "Z\"");
    put_shape_paint(b, &it->style, fill, stroke, 1);
    buf_puts(b, "/>\n");
    return;
  }
  buf_puts(b, "<rect");
  put_attr_num(b, "x", it->x, COORD);
  put_attr_num(b, "y", it->y, COORD);
  put_attr_num(b, "width", it->w, COORD);
  put_attr_num(b, "height", it->h, COORD);
  double r = it->rx;
  if (r > it->w / 2) r = it->w / 2;
  if (r > it->h / 2) r = it->h / 2;
  if (r > 0.005) put_attr_num(b, "rx", r, COORD); /* ry defaults to rx */
  put_shape_paint(b, &it->style, fill, stroke, 0);
  buf_puts(b, "/>\n");
}

/* Path data for pts in the absolute form (every point M/L/C x y). */
static void put_path_abs(buf *b, const sc_pt *pts, int npts) {
  int open = 0; /* a current point exists */
  for (int i = 0; i < npts; i++) {
    const sc_pt *p = &pts[i];
    switch (p->op) {
    case SC_MOVE:
      buf_putc(b, 'M');
      put_xy(b, p->x, p->y);
      open = 1;
      break;
    case SC_LINE:
      /* cairo: a line with no current point is a move */
      buf_putc(b, open ? 'L' : 'M');
      put_xy(b, p->x, p->y);
      open = 1;
      break;
    case SC_CURVE:
      if (i + 2 >= npts) {
        i = npts;
        break;
      }
      if (!open) {
        buf_putc(b, 'M');
        put_xy(b, p[0].x, p[0].y);
        open = 1;
      }
      buf_putc(b, 'C');
      put_xy(b, p[0].x, p[0].y);
      buf_putc(b, ' ');
      put_xy(b, p[1].x, p[1].y);
      buf_putc(b, ' ');
      put_xy(b, p[2].x, p[2].y);
      i += 2;
      break;
    case SC_CLOSE:
      /* After Z the current point is the subpath's start, as in cairo. */
      if (open) buf_putc(b, 'Z');
      break;
    default: break;
    }
  }
}

/* The same path data, compact (see "compact path data"); 0 (and nothing
 * written) when a coordinate is out of the exact range. */
static int put_path_compact(buf *b, const sc_pt *pts, int npts) {
  size_t mark = b->len;
  int64_t q[2 * 3];
  pemit e;
  pe_init(&e, b);
  int open = 0, first = 1;
  for (int i = 0; i < npts; i++) {
    const sc_pt *p = &pts[i];
    switch (p->op) {
    case SC_MOVE:
    case SC_LINE:
      if (!coord_q(p->x, &q[0]) || !coord_q(p->y, &q[1])) goto out_of_range;
      if (p->op == SC_LINE && open) {
        pe_line(&e, q[0], q[1]);
      } else { /* cairo: a line with no current point is a move */
        pe_move(&e, q[0], q[1], first);
        first = 0;
        open = 1;
      }
      break;
    case SC_CURVE:
      if (i + 2 >= npts) {
        i = npts;
        break;
      }
      for (int k = 0; k < 3; k++)
        if (!coord_q(p[k].x, &q[2 * k]) || !coord_q(p[k].y, &q[2 * k + 1])) goto out_of_range;
      if (!open) {
        pe_move(&e, q[0], q[1], first);
        first = 0;
        open = 1;
      }
      pe_curve(&e, q);
      i += 2;
      break;
    case SC_CLOSE:
      /* After Z the current point is the subpath's start, as in cairo. */
      if (open) pe_close(&e);
      break;
    default: break;
    }
  }
  return 1;
out_of_range:
  b->len = mark;
  if (b->data) b->data[mark] = 0;
  return 0;
}

static void put_path_d(buf *b, const sc_pt *pts, int npts) {
  if (!put_path_compact(b, pts, npts)) put_path_abs(b, pts, npts);
}

static void write_path(buf *b, const sc_item *it, int fill, int stroke) {
  sc_pt tmp[SC_CIRCLE_NPTS];
  int npts;
  const sc_pt *pts = scene_path_points(it, tmp, &npts);
  if (npts <= 0) return;
  size_t mark = b->len;
  buf_puts(b, "<path d=\"");
  size_t dstart = b->len;
  put_path_d(b, pts, npts);
  if (b->len == dstart) { /* nothing drawable */
    b->len = mark;
    if (b->data) b->data[mark] = 0;
    return;
  }
  buf_putc(b, '"');
  put_shape_paint(b, &it->style, fill, stroke, 1);
  buf_puts(b, "/>\n");
}

/* Circles (scatter markers) as <circle>; a run of circles with the same
 * paint shares one <g> holding it, so a million markers are ~40 bytes
 * each.  Returns the index after the run. */
static int same_paint(const sc_style *a, const sc_style *b) {
  if (a->fill != b->fill || a->stroke != b->stroke || a->stroke_width != b->stroke_width ||
      item_opacity(a) != item_opacity(b) || a->round_cap != b->round_cap || a->ndash != b->ndash)
    return 0;
  for (int i = 0; i < a->ndash && i < 4; i++)
    if (a->dash[i] != b->dash[i]) return 0;
  return 1;
}

static void put_circle(buf *b, const sc_item *it) {
  buf_puts(b, "<circle");
  put_attr_num(b, "cx", it->cx, COORD);
  put_attr_num(b, "cy", it->cy, COORD);
  put_attr_num(b, "r", fabs(it->rx), COORD);
}

static int write_circles(buf *b, const scene *s, int i) {
  const sc_item *it = &s->items[i];
  const sc_style *st = &it->style;
  int fill = (st->fill & 0xff) != 0;
  int stroke = (st->stroke & 0xff) != 0 && st->stroke_width > 0;
  int j = i + 1;
  while (j < s->n && s->items[j].kind == SC_PATH && s->items[j].shape == SC_SHAPE_CIRCLE &&
         same_paint(&s->items[j].style, st))
    j++;
  if (!fill && !stroke) return j;
  if (j - i == 1) {
    put_circle(b, it);
    put_shape_paint(b, st, fill, stroke, 0);
    buf_puts(b, "/>\n");
    return j;
  }
  buf_puts(b, "<g");
  put_shape_paint(b, st, fill, stroke, 0);
  buf_puts(b, ">\n");
  for (int k = i; k < j; k++) {
    put_circle(b, &s->items[k]);
    buf_puts(b, "/>\n");
  }
  buf_puts(b, "</g>\n");
  return j;
}

static void write_shape(buf *b, const sc_item *it) {
  const sc_style *st = &it->style;
  int fill = (st->fill & 0xff) != 0;
  int stroke = (st->stroke & 0xff) != 0 && st->stroke_width > 0;
  if (!fill && !stroke) return;
  if (it->kind == SC_RECT)
    write_rect(b, it, fill, stroke);
  else
    write_path(b, it, fill, stroke);
}

/* ---- text --------------------------------------------------------------- */

static void put_rotate(buf *b, const sc_item *it) {
  if (it->rotate == 0 || !isfinite(it->rotate)) return;
  buf_puts(b, " transform=\"rotate(");
  buf_num(b, it->rotate, 3);
  buf_putc(b, ' ');
  put_xy(b, it->x, it->y);
  buf_puts(b, ")\"");
}

/* Text as <use> of the glyph outlines in <defs>. */
static void write_text_paths(buf *b, const sc_item *it, glyph_set *gs) {
  const text_box *t = it->text;
  double op = item_opacity(&it->style);
  /* Visible glyphs, and whether they share one colour. */
  int nvis = 0, uniform = 1;
  uint32_t color = 0;
  for (int r = 0; r < t->nruns; r++) {
    const text_run *run = &t->runs[r];
    if (!run->font || !(run->color & 0xff) || !run->n) continue;
    uint32_t fi = font_index(gs, run->font);
    int vis = 0;
    for (int g = 0; g < run->n; g++) {
      const glyph_entry *en = gs_find(gs, glyph_key(fi, run->glyphs[g].id));
      if (en && !en->blank) vis++;
    }
    if (!vis) continue;
    if (nvis && run->color != color) uniform = 0;
    color = run->color;
    nvis += vis;
  }
  if (!nvis) return;

  buf_puts(b, "<g aria-label=\"");
  put_esc(b, t->text, 1);
  buf_putc(b, '"');
  put_rotate(b, it);
  if (uniform) put_paint(b, "fill", color, op);
  buf_puts(b, ">\n");
  int group_open = 0;
  uint32_t group_color = 0;
  for (int r = 0; r < t->nruns; r++) {
    const text_run *run = &t->runs[r];
    if (!run->font || !(run->color & 0xff) || !run->n) continue;
    uint32_t fi = font_index(gs, run->font);
    for (int g = 0; g < run->n; g++) {
      uint64_t key = glyph_key(fi, run->glyphs[g].id);
      const glyph_entry *en = gs_find(gs, key);
      if (!en || en->blank) continue;
      if (!uniform && (!group_open || group_color != run->color)) {
        if (group_open) buf_puts(b, "</g>\n");
        buf_puts(b, "<g");
        put_paint(b, "fill", run->color, op);
        buf_puts(b, ">\n");
        group_open = 1;
        group_color = run->color;
      }
      buf_puts(b, "<use xlink:href=\"#");
      put_glyph_id(b, key);
      buf_putc(b, '"');
      put_attr_num(b, "x", it->x + run->glyphs[g].x, COORD);
      put_attr_num(b, "y", it->y + run->glyphs[g].y, COORD);
      buf_puts(b, "/>\n");
    }
  }
  if (group_open) buf_puts(b, "</g>\n");
  buf_puts(b, "</g>\n");
}

static const char *const FALLBACK_FAMILIES[] = {
    "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "SimHei", "sans-serif", NULL,
};
/* After a serif face (theme titleFont, config.font: a 宋体/Song/Ming/Mincho
 * design) a viewer lacking it should fall back to a serif, not a sans. */
static const char *const SERIF_FALLBACK_FAMILIES[] = {
    "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "STSong", "SimSun", "serif", NULL,
};

/* ASCII case-insensitive substring (UTF-8 bytes above 0x7f compare as is). */
static int contains_ci(const char *hay, const char *needle) {
  size_t n = strlen(needle);
  for (; *hay; hay++) {
    size_t i = 0;
    while (i < n && hay[i] && tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i])) i++;
    if (i == n) return 1;
  }
  return 0;
}

static int family_is_serif(const char *fam) {
  static const char *const marks[] = {"serif", "song", "ming", "mincho", "myeongjo", "batang", "宋", "明朝", NULL};
  if (!fam) return 0;
  if (contains_ci(fam, "sans")) return 0; /* "Noto Sans" is not a serif */
  for (int i = 0; marks[i]; i++)
    if (contains_ci(fam, marks[i])) return 1;
  return 0;
}

/* One family name for a font-family attribute: quoted when it has spaces;
 * quotes and backslashes dropped (they would need CSS escapes). */
static void put_family(buf *b, const char *fam) {
  int quote = strchr(fam, ' ') != NULL;
  if (quote) buf_putc(b, '\'');
  char tmp[256] = "";
  size_t n = 0;
  for (const char *p = fam; *p && n + 1 < sizeof tmp; p++)
    if (*p != '\'' && *p != '"' && *p != '\\') tmp[n++] = *p;
  put_esc_n(b, tmp, n, 1);
  if (quote) buf_putc(b, '\'');
}

static void put_font_family(buf *b, const text_font *f) {
  const char *fam = f ? text_font_family(f) : NULL;
  buf_puts(b, " font-family=\"");
  int first = 1;
  if (fam && *fam) {
    put_family(b, fam);
    first = 0;
  }
  const char *const *fallback = family_is_serif(fam) ? SERIF_FALLBACK_FAMILIES : FALLBACK_FAMILIES;
  for (size_t i = 0; fallback[i]; i++) {
    if (fam && strcmp(fam, fallback[i]) == 0) continue;
    if (!first) buf_puts(b, ", ");
    put_family(b, fallback[i]);
    first = 0;
  }
  buf_putc(b, '"');
}

static void put_font_weight(buf *b, int w) {
  if (w == 700)
    buf_puts(b, " font-weight=\"bold\"");
  else if (w == 400 || w <= 0)
    buf_puts(b, " font-weight=\"normal\"");
  else
    buf_printf(b, " font-weight=\"%d\"", w);
}

static const char *font_family_or_empty(const text_font *f) {
  const char *s = f ? text_font_family(f) : NULL;
  return s ? s : "";
}

/* Whether run a's font is drawn like run b's (family, size, weight). */
static int same_font(const text_font *a, const text_font *b) {
  if (a == b) return 1;
  if (!a || !b) return 0;
  return text_font_size(a) == text_font_size(b) && text_font_weight(a) == text_font_weight(b) &&
         strcmp(font_family_or_empty(a), font_family_or_empty(b)) == 0;
}

/* Number of UTF-8 characters in s[0..n). */
static int utf8_count(const char *s, int n) {
  int c = 0;
  for (int i = 0; i < n; i++)
    if (((unsigned char)s[i] & 0xc0) != 0x80) c++;
  return c;
}

/* The run covering byte pos, or -1; *next = start of the nearest run after pos. */
static int run_at(const text_box *t, int pos, int *next) {
  *next = INT32_MAX;
  for (int r = 0; r < t->nruns; r++) {
    const text_run *run = &t->runs[r];
    if (pos >= run->start && pos < run->start + run->len) return r;
    if (run->start > pos && run->start < *next) *next = run->start;
  }
  return -1;
}

/* Text as real <text> elements, one per line, <tspan> where a run differs
 * from the line's first run. */
static void write_text_elements(buf *b, const sc_item *it) {
  const text_box *t = it->text;
  const char *src = t->text ? t->text : "";
  int srclen = (int)strlen(src);
  double op = item_opacity(&it->style);
  int grouped = it->rotate != 0 && isfinite(it->rotate);
  if (grouped) {
    buf_puts(b, "<g");
    put_rotate(b, it);
    buf_puts(b, ">\n");
  }
  for (int li = 0; li < t->nlines; li++) {
    const text_line *ln = &t->lines[li];
    int ls = ln->start, le = ln->start + ln->len;
    if (ls < 0) ls = 0;
    if (le > srclen) le = srclen;
    /* Trim the line break. */
    for (;;) {
      if (le > ls && (src[le - 1] == '\n' || src[le - 1] == '\r'))
        le--;
      else if (le - 3 >= ls && (unsigned char)src[le - 3] == 0xe2 && (unsigned char)src[le - 2] == 0x80 &&
               ((unsigned char)src[le - 1] == 0xa8 || (unsigned char)src[le - 1] == 0xa9))
        le -= 3;
      else
        break;
    }
    if (le <= ls) continue;
    /* The line's main run: the first one with glyphs inside the line. */
    const text_run *main = NULL;
    for (int r = 0; r < t->nruns && !main; r++) {
      const text_run *run = &t->runs[r];
      if (run->start < le && run->start + run->len > ls && run->n > 0) main = run;
    }
    if (!main) {
      for (int r = 0; r < t->nruns && !main; r++)
        if (t->runs[r].start < le && t->runs[r].start + t->runs[r].len > ls) main = &t->runs[r];
    }
    if (!main && t->nruns) main = &t->runs[0];
    uint32_t mcolor = main ? main->color : 0x000000ffu;
    const text_font *mfont = main ? main->font : NULL;

    int preserve = src[ls] == ' ' || src[ls] == '\t' || src[le - 1] == ' ' || src[le - 1] == '\t';
    for (int i = ls; i + 1 < le && !preserve; i++)
      if (src[i] == ' ' && src[i + 1] == ' ') preserve = 1;

    buf_puts(b, "<text");
    put_attr_num(b, "x", it->x + ln->x, COORD);
    put_attr_num(b, "y", it->y + ln->baseline, COORD);
    put_font_family(b, mfont);
    if (mfont) {
      put_attr_num(b, "font-size", text_font_size(mfont), 2);
      put_font_weight(b, text_font_weight(mfont));
    }
    if (mcolor & 0xff)
      put_paint(b, "fill", mcolor, op);
    else
      buf_puts(b, " fill=\"none\"");
    if (preserve) buf_puts(b, " xml:space=\"preserve\"");
    buf_putc(b, '>');

    for (int pos = ls; pos < le;) {
      int next, r = run_at(t, pos, &next);
      int end = r >= 0 ? t->runs[r].start + t->runs[r].len : next;
      if (end > le) end = le;
      if (end <= pos) end = le;
      const text_run *run = r >= 0 ? &t->runs[r] : NULL;
      /* Pango's ellipsis run covers the elided characters but draws one
       * glyph ("…"): write what is drawn. */
      int ellipsis = t->ellipsized && run && run->n == 1 && utf8_count(src + run->start, run->len) > 1;
      int differs = run && (run->color != mcolor || !same_font(run->font, mfont));
      if (differs) {
        buf_puts(b, "<tspan");
        if (!same_font(run->font, mfont) && run->font) {
          if (strcmp(font_family_or_empty(run->font), font_family_or_empty(mfont)) != 0)
            put_font_family(b, run->font);
          if (!mfont || text_font_size(run->font) != text_font_size(mfont))
            put_attr_num(b, "font-size", text_font_size(run->font), 2);
          if (!mfont || text_font_weight(run->font) != text_font_weight(mfont))
            put_font_weight(b, text_font_weight(run->font));
        }
        if (run->color != mcolor) {
          if (run->color & 0xff)
            put_paint(b, "fill", run->color, op);
          else
            buf_puts(b, " fill=\"none\"");
        }
        buf_putc(b, '>');
      }
      if (ellipsis)
        buf_puts(b, "\xe2\x80\xa6");
      else
        put_esc_n(b, src + pos, (size_t)(end - pos), 1);
      if (differs) buf_puts(b, "</tspan>");
      pos = end;
    }
    buf_puts(b, "</text>\n");
  }
  if (grouped) buf_puts(b, "</g>\n");
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
  put_attr_num(b, "x", it->x, COORD);
  put_attr_num(b, "y", it->y, COORD);
  put_attr_num(b, "width", it->w, COORD);
  put_attr_num(b, "height", it->h, COORD);
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

/* ---- document ----------------------------------------------------------- */

void svg_write(const scene *s, const svg_options *opt, buf *out) {
  svg_text_mode mode = opt ? opt->text_mode : SVG_TEXT_PATHS;
  double w = s->width > 0 ? s->width : 0, h = s->height > 0 ? s->height : 0;

  buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  buf_puts(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"");
  put_attr_num(out, "width", w, COORD);
  put_attr_num(out, "height", h, COORD);
  buf_puts(out, " viewBox=\"0 0 ");
  put_xy(out, w, h);
  buf_putc(out, '"');
  if (s->lang && *s->lang) {
    buf_puts(out, " xml:lang=\"");
    put_esc(out, s->lang, 1);
    buf_putc(out, '"');
  }
  buf_puts(out, ">\n<title>");
  put_esc(out, s->title && *s->title ? s->title : "huitu figure", 0);
  buf_puts(out, "</title>\n<desc>");
  put_esc(out, s->desc ? s->desc : "", 0);
  buf_puts(out, "</desc>\n");

  glyph_set gs = {0};
  write_glyph_defs(s, &gs, mode, opt ? opt->outlines : NULL, out);

  if (s->background & 0xff) {
    buf_puts(out, "<rect x=\"0\" y=\"0\"");
    put_attr_num(out, "width", w, COORD);
    put_attr_num(out, "height", h, COORD);
    put_paint(out, "fill", s->background, 1);
    buf_puts(out, "/>\n");
  }

  int depth = 0, nclip = 0;
  for (int i = 0; i < s->n; i++) {
    const sc_item *it = &s->items[i];
    switch (it->kind) {
    case SC_RECT:
    case SC_PATH:
      if (it->kind == SC_PATH && it->shape == SC_SHAPE_CIRCLE) {
        i = write_circles(out, s, i) - 1;
        break;
      }
      write_shape(out, it);
      break;
    case SC_TEXT:
      if (!it->text) break;
      if (mode == SVG_TEXT_ELEMENTS && !it->text->vertical)
        write_text_elements(out, it);
      else
        write_text_paths(out, it, &gs);
      break;
    case SC_IMAGE: write_image(out, it); break;
    case SC_CLIP_PUSH: {
      int id = nclip++;
      double cw = it->w > 0 ? it->w : 0, ch = it->h > 0 ? it->h : 0;
      buf_printf(out, "<defs><clipPath id=\"c%d\"><rect", id);
      put_attr_num(out, "x", it->x, COORD);
      put_attr_num(out, "y", it->y, COORD);
      put_attr_num(out, "width", cw, COORD);
      put_attr_num(out, "height", ch, COORD);
      buf_printf(out, "/></clipPath></defs>\n<g clip-path=\"url(#c%d)\">\n", id);
      depth++;
      break;
    }
    case SC_CLIP_POP:
      if (depth > 0) {
        buf_puts(out, "</g>\n");
        depth--;
      }
      break;
    default: break;
    }
  }
  while (depth-- > 0) buf_puts(out, "</g>\n");
  buf_puts(out, "</svg>\n");
  gs_free(&gs);
}
