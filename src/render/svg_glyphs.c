/* Text as glyph outlines, the SVG backend's default (svg_internal.h).
 *
 * Pass 1 (svg_glyph_defs) walks the text items in scene order and writes
 * each distinct (font, glyph) once into <defs> as <path id="gF-G">, F
 * numbering the fonts in order of first use and G the glyph id; pass 2
 * (svg_text_paths) places them with <use> references.  Blank glyphs
 * (spaces) have no outline and get neither a definition nor a use: an
 * empty `d` is an error in SVG 1.1. */
#include <cairo.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "render/svg_internal.h"
#include "text/text_cairo.h"


typedef struct glyph_entry {
  uint64_t key; /* font id << 32 | glyph id */
  int blank;
} glyph_entry;

struct svg_glyph_set {
  glyph_entry *e; /* in order of first use */
  int n, cap;
  int *slots; /* open addressing: index + 1 into e, 0 = empty */
  size_t nslots;
  const text_font **fonts; /* in order of first use: the F of gF-G */
  int nfonts;
};

/* The document's own number for font f.  Not text_font_id(): that depends
 * on what the engine laid out before, and the same figure must give the
 * same bytes whether rendered alone or in a batch. */
static uint32_t font_index(svg_glyph_set *gs, const text_font *f) {
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
static glyph_entry *gs_find(const svg_glyph_set *gs, uint64_t key) {
  if (!gs->nslots) return NULL;
  for (size_t i = key_hash(key) & (gs->nslots - 1);; i = (i + 1) & (gs->nslots - 1)) {
    int s = gs->slots[i];
    if (!s) return NULL;
    if (gs->e[s - 1].key == key) return &gs->e[s - 1];
  }
}

static void gs_rehash(svg_glyph_set *gs, size_t nslots) {
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
static glyph_entry *gs_add(svg_glyph_set *gs, uint64_t key) {
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

/* The outline of glyph id of font f, origin at the glyph origin, as path
 * data into o->d (empty when the glyph has no ink). */
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
  if (p->status == CAIRO_STATUS_SUCCESS) svg_put_cairo_path(&o->d, p);
  cairo_path_destroy(p);
}

static void outliner_free(outliner *o) {
  if (o->cr) cairo_destroy(o->cr);
  if (o->surf) cairo_surface_destroy(o->surf);
  buf_free(&o->d);
}

static void put_glyph_id(buf *b, uint64_t key) {
  buf_putc(b, 'g');
  svg_put_uint(b, (uint32_t)(key >> 32));
  buf_putc(b, '-');
  svg_put_uint(b, (uint32_t)(key & 0xffffffffu));
}

/* ---- the glyphs a text draws -------------------------------------------- */

/* Each glyph a text item draws, in order: the glyphs of its runs that have
 * a font, some opacity and glyphs (a transparent run draws nothing).  The
 * <defs> pass and the <use> pass both walk a text this way, so the glyphs
 * defined are exactly the ones placed.  With inked set, glyphs that are
 * not in the set or are blank (no outline: spaces) are skipped too, and en
 * is the current glyph's entry. */
typedef struct drawn_glyphs {
  const text_box *t;
  svg_glyph_set *gs;
  int inked;
  int r, g;             /* the current run; the next glyph in it */
  const text_run *run;  /* the current glyph's run (NULL before the first) */
  uint32_t fi;          /* its font's number in the set */
  const text_glyph *glyph;
  uint64_t key;
  const glyph_entry *en; /* inked walks only */
} drawn_glyphs;

static drawn_glyphs drawn_start(const text_box *t, svg_glyph_set *gs, int inked) {
  return (drawn_glyphs){.t = t, .gs = gs, .inked = inked, .r = -1};
}

/* The next glyph drawn: 1, or 0 past the last one. */
static int drawn_next(drawn_glyphs *w) {
  for (;;) {
    while (w->run && w->g < w->run->n) {
      w->glyph = &w->run->glyphs[w->g++];
      w->key = glyph_key(w->fi, w->glyph->id);
      if (!w->inked) return 1;
      w->en = gs_find(w->gs, w->key);
      if (w->en && !w->en->blank) return 1;
    }
    w->run = NULL;
    if (++w->r >= w->t->nruns) return 0;
    const text_run *run = &w->t->runs[w->r];
    if (!run->font || !(run->color & 0xff) || !run->n) continue;
    w->run = run;
    w->g = 0;
    w->fi = font_index(w->gs, run->font);
  }
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

/* Pass 1, a walk with the text operation alone (clips and shapes do not
 * matter to which glyphs are defined). */
typedef struct defs_pass {
  svg_glyph_set *gs;
  svg_text_mode mode;
  svg_outline_cache *cache;
  outliner o; /* without a cache */
  buf *out;
  int open; /* <defs> written */
} defs_pass;

static void defs_text(void *ctx, const sc_item *it, const render_style *st) {
  (void)st;
  defs_pass *dp = ctx;
  svg_glyph_set *gs = dp->gs;
  if (!svg_text_outlined(dp->mode, it)) return;
  for (drawn_glyphs w = drawn_start(it->text, gs, 0); drawn_next(&w);) {
    uint64_t key = w.key;
    if (gs_find(gs, key)) continue;
    glyph_entry *en = gs_add(gs, key);
    const char *d;
    size_t dlen;
    if (dp->cache) {
      d = oc_outline(dp->cache, w.run->font, w.glyph->id, &dlen);
    } else {
      outline(&dp->o, w.run->font, w.glyph->id);
      d = dp->o.d.data;
      dlen = dp->o.d.len;
    }
    if (!dlen) continue;
    en->blank = 0;
    if (!dp->open) {
      buf_puts(dp->out, "<defs>\n");
      dp->open = 1;
    }
    buf_puts(dp->out, "<path id=\"");
    put_glyph_id(dp->out, key);
    buf_puts(dp->out, "\" d=\"");
    buf_put(dp->out, d, dlen);
    buf_puts(dp->out, "\"/>\n");
  }
}

svg_glyph_set *svg_glyph_defs(const scene *s, svg_text_mode mode, svg_outline_cache *cache, buf *out) {
  defs_pass dp = {.gs = xcalloc(1, sizeof *dp.gs), .mode = mode, .cache = cache, .out = out};
  render_walk(s, &(render_ops){.text = defs_text}, &dp);
  if (dp.open) buf_puts(out, "</defs>\n");
  outliner_free(&dp.o);
  return dp.gs;
}

void svg_glyph_set_free(svg_glyph_set *gs) {
  if (!gs) return;
  free(gs->fonts);
  free(gs->e);
  free(gs->slots);
  free(gs);
}

/* Text as <use> of the glyph outlines in <defs>. */
void svg_text_paths(buf *b, const sc_item *it, const render_style *st, svg_glyph_set *gs) {
  const text_box *t = it->text;
  double op = st->opacity;
  /* Visible glyphs, and whether they share one colour. */
  int nvis = 0, uniform = 1;
  uint32_t color = 0;
  for (drawn_glyphs w = drawn_start(t, gs, 1); drawn_next(&w);) {
    if (nvis && w.run->color != color) uniform = 0;
    color = w.run->color;
    nvis++;
  }
  if (!nvis) return;

  buf_puts(b, "<g aria-label=\"");
  svg_put_esc(b, t->text, 1);
  buf_putc(b, '"');
  svg_put_rotate(b, it, st);
  if (uniform) svg_put_paint(b, "fill", color, op);
  buf_puts(b, ">\n");
  int group_open = 0;
  uint32_t group_color = 0;
  for (drawn_glyphs w = drawn_start(t, gs, 1); drawn_next(&w);) {
    if (!uniform && (!group_open || group_color != w.run->color)) {
      if (group_open) buf_puts(b, "</g>\n");
      buf_puts(b, "<g");
      svg_put_paint(b, "fill", w.run->color, op);
      buf_puts(b, ">\n");
      group_open = 1;
      group_color = w.run->color;
    }
    buf_puts(b, "<use xlink:href=\"#");
    put_glyph_id(b, w.key);
    buf_putc(b, '"');
    svg_put_attr_num(b, "x", it->x + w.glyph->x, SVG_COORD);
    svg_put_attr_num(b, "y", it->y + w.glyph->y, SVG_COORD);
    buf_puts(b, "/>\n");
  }
  if (group_open) buf_puts(b, "</g>\n");
  buf_puts(b, "</g>\n");
}
