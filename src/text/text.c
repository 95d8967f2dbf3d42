/* Text layout with Pango: shaping (HarfBuzz), CJK-aware line breaking with
 * the text's language, and extraction of positioned glyph runs so that
 * every backend draws exactly the glyphs layout measured. */
#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <hb-ot.h>
#include <pango/pangofc-fontmap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "text/text_cairo.h"
#include "text/text_internal.h"

struct text_font {
  PangoFont *pango;
  int vertical; /* the page-orientation variant for vertical boxes */
  double xscale; /* horizontal compression (縦中横 that is wider than an em); 1 = none */
  cairo_scaled_font_t *scaled;
  char *family, *file;
  double size;
  int weight;
  int id;
};

typedef struct cache_entry {
  uint64_t hash;
  const char *key;
  size_t keylen;
  text_box *box;
} cache_entry;

typedef struct font_alias {
  PangoFont *pango; /* a reference */
  const text_font *font;
} font_alias;

struct text_engine {
  char font_dir[1024];
  FcConfig *fc; /* the font map's: the bundled tier until a text needs more */
  int bundled;  /* fc is the bundled-only tier (text_fc_config) */
  int widened;  /* the font map moved to the full tier after laying out */
  /* Fonts of the full tier that are fonts of the bundled tier already
   * interned (same pattern): the same text_font, so ids stay as they were. */
  font_alias *aliases;
  int naliases, capaliases;
  PangoFontMap *fontmap;
  PangoContext *ctx;
  PangoContext *vctx; /* base gravity east: vertical text */
  text_font **fonts;
  int nfonts, capfonts;
  /* Layout cache: open addressing, keyed by the string + style + width. */
  arena *cache_arena;
  /* Boxes laid out while the cache is full (or a census runs): not
   * cached, but they must live as long as cached ones (the layout that
   * asked for them still holds them), so they go here and
   * text_engine_flush() releases them with the cache; text_engine_trim()
   * between layouts keeps both bounded. */
  arena *overflow_arena;
  cache_entry *slots;
  size_t nslots, used;
  size_t cache_max; /* bytes: CACHE_MAX_BYTES unless a test sets it */
  /* Font census (huitu check --fonts): one entry per (lang, character). */
  GHashTable *census_index; /* "lang|U+XXXX" -> index + 1 */
  struct census_entry *census;
  int ncensus, capcensus;
};

typedef struct census_entry {
  uint32_t ch;
  char lang[24];
  const text_font *font; /* NULL: missing */
  text_font_status status;
} census_entry;

#define CACHE_MAX_BYTES (64u * 1024u * 1024u)

text_engine *text_engine_new(const char *font_dir, char *err, size_t errlen) {
  text_engine *e = xcalloc(1, sizeof *e);
  if (font_dir)
    snprintf(e->font_dir, sizeof e->font_dir, "%s", font_dir);
  else if (text_find_font_dir(e->font_dir, sizeof e->font_dir) != 0) {
    snprintf(err, errlen,
             "cannot find huitu's bundled fonts (HuituSansSC-Regular.otf); set HUITU_FONT_PATH to the fonts folder");
    free(e);
    return NULL;
  }
  e->fc = text_fc_config(e->font_dir, 0, err, errlen);
  e->bundled = text_fc_tiered();
  if (!e->fc) {
    free(e);
    return NULL;
  }
  e->fontmap = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
  if (!e->fontmap) {
    snprintf(err, errlen, "cannot create a Pango font map");
    FcConfigDestroy(e->fc);
    free(e);
    return NULL;
  }
  pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(e->fontmap), e->fc);
  e->ctx = pango_font_map_create_context(e->fontmap);
  /* Unhinted outlines and metrics, unrounded positions: the layout is the
   * same at every scale and in every format, so PNG, SVG and PDF agree. */
  cairo_font_options_t *fo = cairo_font_options_create();
  cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options(e->ctx, fo);
  cairo_font_options_destroy(fo);
  pango_cairo_context_set_resolution(e->ctx, 96.0);
  pango_context_set_round_glyph_positions(e->ctx, FALSE);
  /* Vertical text: the layout is set horizontally in its own frame with
   * base gravity east, so Han, kana and Hangul get upright (east-gravity,
   * TTB-shaped: `vert`, vertical advances) glyphs and narrow Latin keeps
   * south gravity (turned 90° on the page).  extract() turns the frame. */
  e->vctx = pango_font_map_create_context(e->fontmap);
  fo = cairo_font_options_create();
  cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options(e->vctx, fo);
  cairo_font_options_destroy(fo);
  pango_cairo_context_set_resolution(e->vctx, 96.0);
  pango_context_set_round_glyph_positions(e->vctx, FALSE);
  pango_context_set_base_gravity(e->vctx, PANGO_GRAVITY_EAST);
  pango_context_set_gravity_hint(e->vctx, PANGO_GRAVITY_HINT_NATURAL);
  e->cache_arena = arena_new();
  e->overflow_arena = arena_new();
  e->cache_max = CACHE_MAX_BYTES;
  return e;
}

static void font_free(text_font *f) {
  if (!f) return;
  cairo_scaled_font_destroy(f->scaled);
  g_object_unref(f->pango);
  free(f->family);
  free(f->file);
  free(f);
}

void text_engine_flush(text_engine *e) {
  if (!e) return;
  arena_free(e->cache_arena);
  e->cache_arena = arena_new();
  arena_free(e->overflow_arena);
  e->overflow_arena = arena_new();
  free(e->slots);
  e->slots = NULL;
  e->nslots = e->used = 0;
}

void text_engine_set_cache_max(text_engine *e, size_t bytes) { e->cache_max = bytes ? bytes : CACHE_MAX_BYTES; }

int text_engine_trim(text_engine *e) {
  if (!e || arena_bytes(e->cache_arena) + arena_bytes(e->overflow_arena) <= e->cache_max) return 0;
  text_engine_flush(e);
  return 1;
}

void text_engine_free(text_engine *e) {
  if (!e) return;
  text_engine_flush(e);
  arena_free(e->cache_arena);
  arena_free(e->overflow_arena);
  for (int i = 0; i < e->nfonts; i++) font_free(e->fonts[i]);
  free(e->fonts);
  for (int i = 0; i < e->naliases; i++) g_object_unref(e->aliases[i].pango);
  free(e->aliases);
  if (e->census_index) g_hash_table_destroy(e->census_index);
  free(e->census);
  g_object_unref(e->vctx);
  g_object_unref(e->ctx);
  g_object_unref(e->fontmap);
  FcConfigDestroy(e->fc);
  free(e);
}

const char *text_engine_font_dir(const text_engine *e) { return e->font_dir; }

/* A vertical box's glyphs are drawn in page orientation: the frame Pango
 * laid them out in is turned 90° clockwise, so the font matrix gets the
 * same turn (east-gravity CJK glyphs, which Pango rotated a quarter turn
 * the other way, come out upright; Latin comes out turned). */
static cairo_scaled_font_t *turned_font(cairo_scaled_font_t *sf) {
  cairo_matrix_t fm, ctm, rot, out;
  cairo_scaled_font_get_font_matrix(sf, &fm);
  cairo_scaled_font_get_ctm(sf, &ctm);
  cairo_matrix_init_rotate(&rot, M_PI / 2);
  cairo_matrix_multiply(&out, &fm, &rot);
  cairo_font_options_t *fo = cairo_font_options_create();
  cairo_scaled_font_get_font_options(sf, fo);
  cairo_scaled_font_t *r = cairo_scaled_font_create(cairo_scaled_font_get_font_face(sf), &out, &ctm, fo);
  cairo_font_options_destroy(fo);
  return r;
}

/* The same font squeezed horizontally by xscale (縦中横 wider than an em). */
static cairo_scaled_font_t *squeezed_font(cairo_scaled_font_t *sf, double xscale) {
  cairo_matrix_t fm, ctm;
  cairo_scaled_font_get_font_matrix(sf, &fm);
  cairo_scaled_font_get_ctm(sf, &ctm);
  fm.xx *= xscale;
  fm.xy *= xscale;
  cairo_font_options_t *fo = cairo_font_options_create();
  cairo_scaled_font_get_font_options(sf, fo);
  cairo_scaled_font_t *r = cairo_scaled_font_create(cairo_scaled_font_get_font_face(sf), &fm, &ctm, fo);
  cairo_font_options_destroy(fo);
  return r;
}

/* After the font map moved to the full tier, a font it makes that was
 * interned from the bundled tier: the same face, size and rendering (the
 * same pattern) and the same variant. */
static const text_font *font_widened(text_engine *e, PangoFont *pf, int vertical, double xscale) {
  for (int i = 0; i < e->naliases; i++)
    if (e->aliases[i].pango == pf && e->aliases[i].font->vertical == vertical && e->aliases[i].font->xscale == xscale)
      return e->aliases[i].font;
  FcPattern *pat = pango_fc_font_get_pattern(PANGO_FC_FONT(pf));
  for (int i = 0; i < e->nfonts; i++) {
    const text_font *f = e->fonts[i];
    if (f->vertical != vertical || f->xscale != xscale || f->pango == pf ||
        !FcPatternEqual(pango_fc_font_get_pattern(PANGO_FC_FONT(f->pango)), pat))
      continue;
    if (e->naliases == e->capaliases) {
      e->capaliases = e->capaliases ? e->capaliases * 2 : 8;
      e->aliases = xrealloc(e->aliases, (size_t)e->capaliases * sizeof *e->aliases);
    }
    e->aliases[e->naliases++] = (font_alias){g_object_ref(pf), f};
    return f;
  }
  return NULL;
}

static const text_font *font_intern_scaled(text_engine *e, PangoFont *pf, int vertical, double xscale) {
  for (int i = 0; i < e->nfonts; i++)
    if (e->fonts[i]->pango == pf && e->fonts[i]->vertical == vertical && e->fonts[i]->xscale == xscale)
      return e->fonts[i];
  const text_font *same = e->widened ? font_widened(e, pf, vertical, xscale) : NULL;
  if (same) return same;
  text_font *f = xcalloc(1, sizeof *f);
  f->pango = g_object_ref(pf);
  f->vertical = vertical;
  f->xscale = xscale;
  cairo_scaled_font_t *sf = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(pf));
  f->scaled = vertical ? turned_font(sf) : xscale != 1.0 ? squeezed_font(sf, xscale) : cairo_scaled_font_reference(sf);
  PangoFontDescription *desc = pango_font_describe_with_absolute_size(pf);
  f->family = strdup(pango_font_description_get_family(desc) ? pango_font_description_get_family(desc) : "");
  f->size = pango_font_description_get_size(desc) / (double)PANGO_SCALE;
  f->weight = pango_font_description_get_weight(desc);
  pango_font_description_free(desc);
  FcPattern *pat = pango_fc_font_get_pattern(PANGO_FC_FONT(pf));
  FcChar8 *file = NULL;
  f->file = strdup(pat && FcPatternGetString(pat, FC_FILE, 0, &file) == FcResultMatch ? (char *)file : "");
  f->id = e->nfonts;
  if (e->nfonts == e->capfonts) {
    e->capfonts = e->capfonts ? e->capfonts * 2 : 8;
    e->fonts = xrealloc(e->fonts, (size_t)e->capfonts * sizeof *e->fonts);
  }
  e->fonts[e->nfonts++] = f;
  return f;
}

static const text_font *font_intern(text_engine *e, PangoFont *pf, int vertical) {
  return font_intern_scaled(e, pf, vertical, 1.0);
}

cairo_scaled_font_t *text_font_cairo(const text_font *f) { return f->scaled; }
const char *text_font_family(const text_font *f) { return f->family; }
const char *text_font_file(const text_font *f) { return f->file; }
FcPattern *text_font_pattern(const text_font *f) {
  return PANGO_IS_FC_FONT(f->pango) ? pango_fc_font_get_pattern(PANGO_FC_FONT(f->pango)) : NULL;
}
double text_font_size(const text_font *f) { return f->size; }
int text_font_weight(const text_font *f) { return f->weight; }
int text_font_id(const text_font *f) { return f->id; }

/* ---- cache ---- */

/* Eight bytes a step (FNV-1a a byte at a time was 4 % of a warm SVG
 * figure: every label is looked up several times while a chart lays out). */
static uint64_t key_hash(const void *p, size_t n, uint64_t h) {
  const unsigned char *s = p;
  for (; n >= 8; s += 8, n -= 8) {
    uint64_t v;
    memcpy(&v, s, 8);
    h = (h ^ v) * 0x9e3779b97f4a7c15ull;
    h ^= h >> 29;
  }
  uint64_t v = 0;
  memcpy(&v, s, n);
  h = (h ^ v ^ (uint64_t)n << 56) * 0x9e3779b97f4a7c15ull;
  return h ^ (h >> 32);
}

/* The families a style draws with: its own family first, then the lang's
 * (written into buf when there is one). */
static const char *style_families(const text_style *st, char *buf, size_t n) {
  const char *lang_fams = text_families_for_lang(st->lang);
  if (!st->family || !*st->family) return lang_fams;
  snprintf(buf, n, "%s,%s", st->family, lang_fams);
  return buf;
}

static int family_is_generic(const char *family) {
  static const char *const generic[] = {"sans-serif", "sans", "serif", "monospace", "system-ui", NULL};
  for (int i = 0; generic[i]; i++)
    if (!strcasecmp(family, generic[i])) return 1; /* fontconfig always resolves these */
  return 0;
}

int text_family_available(text_engine *e, const char *family) {
  if (!e || !family || !*family) return 0;
  if (family_is_generic(family)) return 1;
  char got[256];
  return text_family_resolve(e, family, NULL, got, sizeof got);
}

/* text_family_resolve in one configuration. */
static int family_resolve_in(FcConfig *fc, const char *family, const char *lang, char *out, size_t n) {
  int generic = family_is_generic(family);
  FcPattern *p = FcPatternCreate();
  FcPatternAddString(p, FC_FAMILY, (const FcChar8 *)family);
  if (generic) { /* serif in Chinese: a CJK serif, as a browser would pick */
    char fl[24];
    snprintf(fl, sizeof fl, "%s", lang ? lang : "zh-CN");
    for (char *q = fl; *q; q++) *q = (char)tolower((unsigned char)*q);
    FcPatternAddString(p, FC_LANG, (const FcChar8 *)fl);
  }
  FcConfigSubstitute(fc, p, FcMatchPattern);
  FcDefaultSubstitute(p);
  FcResult r;
  FcPattern *m = FcFontMatch(fc, p, &r);
  int ok = 0;
  FcChar8 *got = NULL;
  /* the best match is that family (under any of its names: fonts carry
   * localized ones, 思源黑体 and Source Han Sans) — not a substitute */
  for (int i = 0; m && !ok && FcPatternGetString(m, FC_FAMILY, i, &got) == FcResultMatch; i++)
    ok = generic || !FcStrCmpIgnoreCase(got, (const FcChar8 *)family);
  /* the name glyph runs carry (text_font_family): the font's first */
  if (ok && FcPatternGetString(m, FC_FAMILY, 0, &got) == FcResultMatch && n) snprintf(out, n, "%s", (const char *)got);
  if (m) FcPatternDestroy(m);
  FcPatternDestroy(p);
  return ok;
}

int text_family_resolve(text_engine *e, const char *family, const char *lang, char *out, size_t n) {
  if (n) out[0] = 0;
  if (!e || !family || !*family) return 0;
  /* A bundled family is the same font in both tiers; anything else is
   * looked up among every font, without moving the font map. */
  if (!e->bundled) return family_resolve_in(e->fc, family, lang, out, n);
  if (!family_is_generic(family) && family_resolve_in(e->fc, family, lang, out, n)) return 1;
  char err[256];
  FcConfig *full = text_fc_config(e->font_dir, 1, err, sizeof err);
  if (!full) return family_resolve_in(e->fc, family, lang, out, n);
  int ok = family_resolve_in(full, family, lang, out, n);
  FcConfigDestroy(full);
  return ok;
}

void text_lang_family(text_engine *e, const char *lang, char *out, size_t n) {
  const char *fams = text_families_for_lang(lang);
  if (n) out[0] = 0;
  for (const char *p = fams; *p;) {
    const char *comma = strchr(p, ',');
    size_t len = comma ? (size_t)(comma - p) : strlen(p);
    char one[128];
    snprintf(one, sizeof one, "%.*s", (int)len, p);
    if (!comma || text_family_available(e, one)) { /* the last: the bundle, always there */
      snprintf(out, n, "%s", one);
      return;
    }
    p = comma + 1;
  }
}

/* Append a string and a '|' to a cache key (cut to fit; NULL = ""). */
static size_t key_put_text(char *out, size_t cap, size_t n, const char *t) {
  size_t tl = t ? strlen(t) : 0;
  if (tl > cap - n - 1) tl = cap - n - 1;
  if (tl) memcpy(out + n, t, tl);
  n += tl;
  out[n++] = '|';
  return n;
}

/* The cache key: the style's fields and the width as raw bytes (exact, and
 * no snprintf of five doubles per lookup, which was a sixth of a warm SVG
 * figure), then the language tag.  The text itself follows in cache_find. */
static size_t make_key(char *out, size_t cap, const char *utf8, const text_style *st, double width,
                       int max_lines) {
  (void)utf8;
  struct {
    double size, line_height, letter_spacing, width;
    int32_t weight, align, markup, autospace, max_lines, punctuation, vertical, tcy;
    uint32_t color;
  } k;
  memset(&k, 0, sizeof k); /* no padding garbage in the key */
  k.size = st->size + 0.0; /* + 0.0: -0 and 0 are one key */
  k.line_height = st->line_height + 0.0;
  k.letter_spacing = st->letter_spacing + 0.0;
  k.width = width + 0.0;
  k.weight = st->weight;
  k.align = (int32_t)st->align;
  k.markup = st->markup;
  k.autospace = st->autospace;
  k.max_lines = max_lines;
  k.punctuation = st->punctuation;
  k.vertical = st->vertical;
  k.tcy = st->vertical ? st->tcy : 0;
  k.color = st->color;
  size_t n = sizeof k;
  memcpy(out, &k, n);
  n = key_put_text(out, cap, n, st->lang);
  return key_put_text(out, cap, n, st->family);
}

static text_box **cache_find(text_engine *e, const char *key, size_t keylen, const char *utf8, uint64_t *hout) {
  size_t ul = strlen(utf8);
  uint64_t h = key_hash(utf8, ul, key_hash(key, keylen, 1469598103934665603ull));
  *hout = h;
  if (!e->nslots) return NULL;
  size_t mask = e->nslots - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    cache_entry *c = &e->slots[i];
    if (!c->key) return NULL;
    if (c->hash == h && c->keylen == keylen + ul && !memcmp(c->key, key, keylen) &&
        !memcmp(c->key + keylen, utf8, ul))
      return &c->box;
  }
}

static int cache_full(const text_engine *e) { return arena_bytes(e->cache_arena) > e->cache_max; }

static void cache_put(text_engine *e, uint64_t h, const char *key, size_t keylen, const char *utf8,
                      text_box *box) {
  if (cache_full(e)) return; /* full: stop caching (the box is in the overflow arena) */
  if ((e->used + 1) * 2 > e->nslots) {
    size_t n = e->nslots ? e->nslots * 2 : 256;
    cache_entry *slots = xcalloc(n, sizeof *slots);
    for (size_t i = 0; i < e->nslots; i++) {
      if (!e->slots[i].key) continue;
      size_t j = e->slots[i].hash & (n - 1);
      while (slots[j].key) j = (j + 1) & (n - 1);
      slots[j] = e->slots[i];
    }
    free(e->slots);
    e->slots = slots;
    e->nslots = n;
  }
  size_t ul = strlen(utf8);
  char *k = arena_alloc(e->cache_arena, keylen + ul + 1);
  memcpy(k, key, keylen);
  memcpy(k + keylen, utf8, ul);
  size_t j = h & (e->nslots - 1);
  while (e->slots[j].key) j = (j + 1) & (e->nslots - 1);
  e->slots[j] = (cache_entry){h, k, keylen + ul, box};
  e->used++;
}

/* ---- layout ---- */

static int family_is_expected(const char *family, const char *families) {
  size_t fl = strlen(family);
  for (const char *p = families; *p;) {
    const char *comma = strchr(p, ',');
    size_t n = comma ? (size_t)(comma - p) : strlen(p);
    if (n == fl && !strncasecmp(p, family, n)) return 1;
    if (!comma) break;
    p = comma + 1;
  }
  return 0;
}

/* Extra compression for TEXT_PUNCT_COMPRESS, found by a first layout:
 * byte ranges of marks at line starts (opening) and line ends (closing). */
typedef struct punct_marks {
  int n;
  int start[64], end[64];
} punct_marks;

/* Adjacent-mark compression by default only where the marks sit in one
 * half of the em (Simplified Chinese, Japanese); Traditional Chinese
 * centres them, and Korean uses Western punctuation. */
static int punct_compresses(const char *lang) {
  if (!lang) return 1;
  if (!strncasecmp(lang, "ja", 2)) return 1;
  if (!strncasecmp(lang, "zh", 2))
    return !(strcasecmp(lang, "zh-TW") == 0 || strcasecmp(lang, "zh-HK") == 0 || strcasecmp(lang, "zh-MO") == 0 ||
             strncasecmp(lang, "zh-Hant", 7) == 0);
  return 0;
}

/* Full-width brackets and quotation marks are "Tr" in UAX #50 (vertical
 * orientation): set with the font's vertical form where it has one (vert:
 * （ → ︵, 「 → ﹁), rotated only where it has none.  Pango resolves every
 * non-"U" character to south gravity (rotated, shaped horizontally, no
 * vert), so these get a strong gravity hint: east, upright, shaped top to
 * bottom with vert.  CJK fonts (Noto / Source Han, every region) have
 * vertical forms for all of them. */
static int vertical_form_bracket(gunichar c) {
  return (c >= 0x3008 && c <= 0x3011) || (c >= 0x3014 && c <= 0x301B) || c == 0xFF08 || c == 0xFF09 ||
         c == 0xFF3B || c == 0xFF3D || c == 0xFF5B || c == 0xFF5D || c == 0xFF5F || c == 0xFF60;
}

/* Vertical layouts: vertical forms for brackets (above), and no hyphen
 * where a column breaks inside a Latin word: the hyphen would be a stray
 * turned dash at the foot of a column. */
static void vertical_attrs(const char *plain, PangoAttrList *attrs) {
  PangoAttribute *nh = pango_attr_insert_hyphens_new(FALSE);
  pango_attr_list_insert(attrs, nh);
  for (const char *p = plain; *p; p = g_utf8_next_char(p)) {
    if (!vertical_form_bracket(g_utf8_get_char(p))) continue;
    PangoAttribute *g = pango_attr_gravity_hint_new(PANGO_GRAVITY_HINT_STRONG);
    g->start_index = (guint)(p - plain);
    g->end_index = (guint)(g_utf8_next_char(p) - plain);
    pango_attr_list_insert(attrs, g);
  }
}

/* 縦中横 (tate-chu-yoko, CSS text-combine-upright: digits 2): in vertical
 * text a run of one or two half-width digits standing on its own (第18家,
 * 7月) is set upright and side by side in one em cell of the column; longer
 * numbers (2019, 85055) and numbers with a decimal point, a sign, a percent
 * sign or letters attached (141.7, 20.1%, A4) stay turned with the Latin
 * text, as is the custom.
 *
 * How: layout reserves the cell — the span carries one Pango shape
 * attribute whose logical rectangle is 1/n em along the column for each of
 * its n characters (so the span is one em, breaks only around it, and is
 * as thick as a CJK character across) — and extract() draws the digits in
 * it from a horizontal layout of the span (half-width forms, `hwid`,
 * squeezed horizontally if still wider than the em), centred on the
 * column's centre line and on the cell's ideographic em box. */
#define TCY_MAX_DIGITS 2
#define TCY_MAX_SPANS 256

static int tcy_neighbour_blocks(gunichar c) {
  return (c >= 0x20 && c < 0x7F) || (c >= 0xC0 && c <= 0x24F);
}

/* The longest digit run set as 縦中横 in st (text_style.tcy). */
static int tcy_digits(const text_style *st) {
  return st->tcy < 0 ? 0 : st->tcy == 0 ? TCY_MAX_DIGITS : st->tcy > 4 ? 4 : st->tcy;
}

/* Byte ranges of the 縦中横 spans of plain (runs of up to maxd digits), in
 * order; returns the count. */
static int tcy_spans(const char *plain, int maxd, int *start, int *end, int cap) {
  int n = 0;
  gunichar prev = 0;
  for (const char *p = plain; *p && n < cap;) {
    if (*p < '0' || *p > '9') {
      prev = g_utf8_get_char(p);
      p = g_utf8_next_char(p);
      continue;
    }
    const char *q = p;
    while (*q >= '0' && *q <= '9') q++;
    gunichar next = *q ? g_utf8_get_char(q) : 0;
    if (q - p <= maxd && !tcy_neighbour_blocks(prev) && !tcy_neighbour_blocks(next)) {
      start[n] = (int)(p - plain);
      end[n++] = (int)(q - plain);
    }
    prev = (gunichar)q[-1];
    p = q;
  }
  return n;
}

/* plain with the 縦中横 digits masked ('#'), for the autospace rules: a
 * 縦中横 cell is set like a CJK character, with no gap around it. */
static char *tcy_masked(const char *plain, const int *start, const int *end, int n) {
  char *m = g_strdup(plain);
  for (int i = 0; i < n; i++) memset(m + start[i], '#', (size_t)(end[i] - start[i]));
  return m;
}

/* The font size (px) at byte off: the markup's absolute size, else base. */
static double size_at(PangoAttrList *attrs, int off, double base) {
  double size = base;
  PangoAttrIterator *it = pango_attr_list_get_iterator(attrs);
  do {
    int s, e;
    pango_attr_iterator_range(it, &s, &e);
    if (off >= s && off < e) {
      PangoAttribute *a = pango_attr_iterator_get(it, PANGO_ATTR_ABSOLUTE_SIZE);
      if (a) size = ((PangoAttrSize *)a)->size / (double)PANGO_SCALE;
      break;
    }
  } while (pango_attr_iterator_next(it));
  pango_attr_iterator_destroy(it);
  return size;
}

static void tcy_attrs(PangoAttrList *attrs, const int *start, const int *end, int n, double base_size) {
  for (int i = 0; i < n; i++) {
    double em = size_at(attrs, start[i], base_size);
    int chars = end[i] - start[i];
    PangoRectangle r = {0, (int)lround(-em / 2 * PANGO_SCALE), (int)lround(em / chars * PANGO_SCALE),
                        (int)lround(em * PANGO_SCALE)};
    PangoAttribute *a = pango_attr_shape_new(&r, &r);
    a->start_index = (guint)start[i];
    a->end_index = (guint)end[i];
    pango_attr_list_insert(attrs, a);
  }
}

/* Move the font map to the full tier (for good: every layout after this
 * one uses it).  The bundled fonts come out of it with the same patterns,
 * so what was laid out before stays valid and keeps its fonts. */
static void engine_widen(text_engine *e) {
  char err[256];
  FcConfig *full = text_fc_config(e->font_dir, 1, err, sizeof err);
  e->bundled = 0;
  if (!full) return; /* no system fonts to fall back on: tofu is reported as missing */
  pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(e->fontmap), full);
  FcConfigDestroy(e->fc);
  e->fc = full;
  e->widened = 1;
}

/* Before a layout on the bundled tier: widen unless the bundled fonts draw
 * all of it as the full tier would — the families, the text, the language's
 * sample string when Pango's fontset metrics are asked for (line height:
 * their ascent is the highest of the fonts that draw it) and the ellipsis. */
static void engine_tier_for(text_engine *e, const char *families, const char *plain, PangoLanguage *lang,
                            int metrics, int ellipsis) {
  char *more = g_strconcat(metrics ? pango_language_get_sample_string(lang) : "", ellipsis ? "\xe2\x80\xa6" : "", NULL);
  if (!text_fc_bundled_draws(families, plain, more)) engine_widen(e);
  g_free(more);
}

/* defer: see text_breaks_apply_style; *deferred (may be NULL without
 * defer) says whether the word rules were left out. */
static PangoLayout *make_layout(text_engine *e, const char *utf8, const text_style *st, double width,
                                int max_lines, const punct_marks *pm, int defer, int *deferred, char **plain_out) {
  PangoLanguage *lang = pango_language_from_string(st->lang ? st->lang : "zh-CN");
  PangoContext *ctx = st->vertical ? e->vctx : e->ctx;
  pango_context_set_language(ctx, lang);
  PangoAttrList *attrs = pango_attr_list_new();
  char *plain = st->markup ? text_markup_parse(utf8, attrs, st->size) : g_strdup(utf8);
  PangoAttribute *la = pango_attr_language_new(lang);
  pango_attr_list_insert_before(attrs, la);
  if (st->letter_spacing != 0)
    pango_attr_list_insert(attrs, pango_attr_letter_spacing_new((int)lround(st->letter_spacing * PANGO_SCALE)));
  int tcy_start[TCY_MAX_SPANS], tcy_end[TCY_MAX_SPANS];
  int ntcy = st->vertical ? tcy_spans(plain, tcy_digits(st), tcy_start, tcy_end, TCY_MAX_SPANS) : 0;
  if (st->autospace) {
    char *as_text = ntcy ? tcy_masked(plain, tcy_start, tcy_end, ntcy) : plain;
    text_autospace(as_text, attrs, st->size, st->letter_spacing);
    if (as_text != plain) g_free(as_text);
  }
  int left_out = text_breaks_apply_style(plain, attrs, st, width, defer);
  if (deferred) *deferred = left_out;
  if (st->vertical) vertical_attrs(plain, attrs);
  if (ntcy) tcy_attrs(attrs, tcy_start, tcy_end, ntcy, st->size);
  if (st->punctuation == TEXT_PUNCT_COMPRESS || (st->punctuation == TEXT_PUNCT_AUTO && punct_compresses(st->lang)))
    text_punct_compress_pairs(plain, attrs);
  if (pm)
    for (int i = 0; i < pm->n; i++) text_punct_compress_at(attrs, pm->start[i], pm->end[i]);

  char fams[512];
  const char *families = style_families(st, fams, sizeof fams);
  if (e->bundled) engine_tier_for(e, families, plain, lang, st->line_height > 0, max_lines > 0);
  PangoLayout *lay = pango_layout_new(ctx);
  PangoFontDescription *fd = pango_font_description_new();
  pango_font_description_set_family(fd, families);
  pango_font_description_set_weight(fd, st->weight ? (PangoWeight)st->weight : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size(fd, st->size * PANGO_SCALE);
  pango_layout_set_font_description(lay, fd);
  pango_font_description_free(fd);
  pango_layout_set_text(lay, plain, -1);
  pango_layout_set_attributes(lay, attrs);
  pango_attr_list_unref(attrs);

  if (st->line_height > 0) {
    /* text_style.line_height is a multiple of the font size (CSS-like);
     * Pango's factor multiplies the font's own height (ascent + descent,
     * 1.45 em for Noto CJK), so convert. */
    PangoFontMetrics *fm = pango_context_get_metrics(e->ctx, pango_layout_get_font_description(lay), lang);
    double natural = (pango_font_metrics_get_ascent(fm) + pango_font_metrics_get_descent(fm)) / (double)PANGO_SCALE;
    pango_font_metrics_unref(fm);
    if (natural > 0) pango_layout_set_line_spacing(lay, (float)(st->line_height * st->size / natural));
  }
  if (width > 0) {
    pango_layout_set_width(lay, (int)lround(width * PANGO_SCALE));
    pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
  }
  if (max_lines > 0) {
    pango_layout_set_ellipsize(lay, PANGO_ELLIPSIZE_END);
    pango_layout_set_height(lay, -max_lines);
    if (width <= 0) pango_layout_set_width(lay, -1);
  }
  switch (st->align) {
  case TEXT_CENTER: pango_layout_set_alignment(lay, PANGO_ALIGN_CENTER); break;
  case TEXT_RIGHT: pango_layout_set_alignment(lay, PANGO_ALIGN_RIGHT); break;
  case TEXT_JUSTIFY: pango_layout_set_justify(lay, TRUE); break;
  default: break;
  }
  *plain_out = plain;
  return lay;
}

/* TEXT_PUNCT_COMPRESS: the marks a first layout put at line edges. */
static void find_edge_marks(PangoLayout *lay, const char *plain, punct_marks *pm) {
  pm->n = 0;
  int nl = pango_layout_get_line_count(lay);
  for (int li = 0; li < nl && pm->n < 62; li++) {
    PangoLayoutLine *line = pango_layout_get_line_readonly(lay, li);
    if (line->length <= 0) continue;
    const char *s = plain + line->start_index, *end = s + line->length;
    gunichar c = g_utf8_get_char(s);
    if (text_is_fw_punct(c) && text_is_no_end(c)) {
      pm->start[pm->n] = (int)(s - plain);
      pm->end[pm->n++] = (int)(g_utf8_next_char(s) - plain);
    }
    if (li + 1 < nl) { /* the last line's end is not a line end that matters */
      const char *last = g_utf8_find_prev_char(s, end);
      while (last && last > s && (*last == '\n' || *last == '\r')) last = g_utf8_find_prev_char(s, last);
      if (last) {
        gunichar lc = g_utf8_get_char(last);
        if (text_is_fw_punct(lc) && text_is_no_start(lc) && lc != 0x201D && lc != 0x2019) {
          pm->start[pm->n] = (int)(last - plain);
          pm->end[pm->n++] = (int)(g_utf8_next_char(last) - plain);
        }
      }
    }
  }
}

/* Keep only the marks that are still at a line edge in lay. */
static int keep_edge_marks(PangoLayout *lay, const char *plain, punct_marks *pm) {
  punct_marks now;
  find_edge_marks(lay, plain, &now);
  int k = 0, dropped = 0;
  for (int i = 0; i < pm->n; i++) {
    int still = 0;
    for (int j = 0; j < now.n && !still; j++) still = now.start[j] == pm->start[i];
    if (still) {
      pm->start[k] = pm->start[i];
      pm->end[k++] = pm->end[i];
    } else {
      dropped = 1;
    }
  }
  pm->n = k;
  return dropped;
}

/* A layout that is one line no wider than its width (then the word rules
 * left out of it would not have changed it). */
static int one_line_fits(PangoLayout *lay) {
  PangoRectangle logical;
  if (pango_layout_get_line_count(lay) != 1 || pango_layout_is_wrapped(lay) || pango_layout_is_ellipsized(lay))
    return 0;
  pango_layout_get_extents(lay, NULL, &logical);
  return logical.width <= pango_layout_get_width(lay);
}

static PangoLayout *build_layout(text_engine *e, const char *utf8, const text_style *st, double width,
                                 int max_lines, char **plain_out) {
  int compress = st->punctuation == TEXT_PUNCT_COMPRESS && width > 0;
  int deferred = 0;
  PangoLayout *lay = make_layout(e, utf8, st, width, max_lines, NULL, !compress, &deferred, plain_out);
  if (deferred && !one_line_fits(lay)) {
    g_object_unref(lay);
    g_free(*plain_out);
    lay = make_layout(e, utf8, st, width, max_lines, NULL, 0, NULL, plain_out);
  }
  if (!compress) return lay;
  /* Compressing a mark at a line edge makes the line shorter, which can
   * move the breaks: lay out again with the marks compressed and drop any
   * mark that is no longer at an edge (at most twice). */
  punct_marks pm;
  find_edge_marks(lay, *plain_out, &pm);
  for (int pass = 0; pass < 2 && pm.n > 0; pass++) {
    char *plain2;
    PangoLayout *l2 = make_layout(e, utf8, st, width, max_lines, &pm, 0, NULL, &plain2);
    g_free(plain2);
    g_object_unref(lay);
    lay = l2;
    if (!keep_edge_marks(lay, *plain_out, &pm)) break;
    if (pass == 1) { /* still moving: the last set, which is all at edges */
      g_object_unref(lay);
      lay = make_layout(e, utf8, st, width, max_lines, &pm, 0, NULL, &plain2);
      g_free(plain2);
    }
  }
  return lay;
}

static uint32_t run_color(PangoLayoutRun *run, uint32_t dflt) {
  for (GSList *l = run->item->analysis.extra_attrs; l; l = l->next) {
    PangoAttribute *a = l->data;
    if (a->klass->type == PANGO_ATTR_FOREGROUND) {
      PangoColor c = ((PangoAttrColor *)a)->color;
      return ((uint32_t)(c.red >> 8) << 24) | ((uint32_t)(c.green >> 8) << 16) | ((uint32_t)(c.blue >> 8) << 8) |
             (dflt & 0xff);
    }
  }
  return dflt;
}

/* Rotated (south-gravity) runs in vertical text: Pango sets their
 * alphabetic baseline on the column's centre line, so Latin hangs off to
 * one side and rotated brackets sit outside the column.  CSS (and every
 * vertical typesetter) centres the ideographic em box instead: the
 * distance from the alphabetic baseline to the em box's centre line —
 * from the font's BASE table, else the CJK default of 0.38 em. */
static double central_offset(PangoFont *pf, double size) {
  hb_font_t *hb = pango_font_get_hb_font(pf);
  if (hb) {
    hb_position_t pos = 0;
    int xs = 0, ys = 0;
    hb_font_get_scale(hb, &xs, &ys);
    hb_ot_layout_get_baseline_with_fallback(hb, HB_OT_LAYOUT_BASELINE_TAG_IDEO_EMBOX_CENTRAL, HB_DIRECTION_LTR,
                                            HB_OT_TAG_DEFAULT_SCRIPT, HB_OT_TAG_DEFAULT_LANGUAGE, &pos);
    if (ys != 0 && pos > 0) return size * (double)pos / (double)abs(ys);
  }
  return size * 0.38;
}

static int family_is_primary(const char *family, const char *families) {
  const char *comma = strchr(families, ',');
  size_t n = comma ? (size_t)(comma - families) : strlen(families);
  return strlen(family) == n && !strncasecmp(family, families, n);
}

static void census_add(text_engine *e, const char *lang, gunichar ch, const text_font *font, text_font_status stt) {
  if (!e->census_index || ch <= 0x20 || ch == 0x2028 || ch == 0x2029) return;
  char key[48];
  snprintf(key, sizeof key, "%s|%X", lang ? lang : "zh-CN", (unsigned)ch);
  if (g_hash_table_lookup(e->census_index, key)) return;
  if (e->ncensus == e->capcensus) {
    e->capcensus = e->capcensus ? e->capcensus * 2 : 256;
    e->census = xrealloc(e->census, (size_t)e->capcensus * sizeof *e->census);
  }
  census_entry *c = &e->census[e->ncensus++];
  c->ch = ch;
  snprintf(c->lang, sizeof c->lang, "%s", lang ? lang : "zh-CN");
  c->font = font;
  c->status = stt;
  g_hash_table_insert(e->census_index, g_strdup(key), GINT_TO_POINTER(e->ncensus));
}

/* 縦中横: the digits plain[start, end) drawn in the em cell whose top is at
 * `top` on the column centred on `cx` (page coordinates of the box), in
 * pf (the vertical layout's font for them) at em px.  Fills *tr. */
static void tcy_place(text_engine *e, arena *a, text_run *tr, PangoFont *pf, const char *plain, int start, int end,
                      const char *lang, double cx, double top, double em) {
  PangoLayout *l = pango_layout_new(e->ctx);
  pango_context_set_language(e->ctx, pango_language_from_string(lang ? lang : "zh-CN"));
  PangoFontDescription *fd = pango_font_describe_with_absolute_size(pf);
  pango_layout_set_font_description(l, fd);
  pango_font_description_free(fd);
  PangoAttrList *attrs = pango_attr_list_new();
  /* Half-width digits: two make exactly one em. */
  if (end - start >= 2) pango_attr_list_insert(attrs, pango_attr_font_features_new("hwid 1"));
  pango_layout_set_attributes(l, attrs);
  pango_attr_list_unref(attrs);
  pango_layout_set_text(l, plain + start, end - start);
  PangoRectangle logical;
  pango_layout_get_extents(l, NULL, &logical);
  double dw = logical.width / (double)PANGO_SCALE;
  /* Squeeze what is still wider than the em (quantised: fonts are interned). */
  double xs = dw > em * 1.001 ? floor(em / dw * 64) / 64 : 1.0;
  PangoLayoutLine *line = pango_layout_get_line_readonly(l, 0);
  tr->start = start;
  tr->len = end - start;
  tr->n = 0;
  tr->glyphs = arena_alloc_array(a, (size_t)(end - start), sizeof *tr->glyphs);
  double x = cx - dw * xs / 2;
  for (GSList *r = line ? line->runs : NULL; r; r = r->next) {
    PangoLayoutRun *run = r->data;
    PangoFontDescription *rd = pango_font_describe_with_absolute_size(run->item->analysis.font);
    double size = pango_font_description_get_size(rd) / (double)PANGO_SCALE;
    pango_font_description_free(rd);
    double baseline = top + em / 2 + central_offset(run->item->analysis.font, size);
    if (!tr->font) tr->font = font_intern_scaled(e, run->item->analysis.font, 0, xs);
    PangoGlyphString *gs = run->glyphs;
    for (int i = 0; i < gs->num_glyphs; i++) {
      PangoGlyphInfo *gi = &gs->glyphs[i];
      if (!(gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG) && gi->glyph != PANGO_GLYPH_EMPTY && tr->n < end - start) {
        text_glyph *g = &tr->glyphs[tr->n++];
        g->id = gi->glyph;
        g->x = (float)(x + gi->geometry.x_offset / (double)PANGO_SCALE * xs);
        g->y = (float)(baseline + gi->geometry.y_offset / (double)PANGO_SCALE);
      }
      x += gi->geometry.width / (double)PANGO_SCALE * xs;
    }
  }
  if (!tr->font) tr->font = font_intern(e, pf, 0);
  g_object_unref(l);
}

static text_box *extract(text_engine *e, arena *a, PangoLayout *lay, const char *plain, const text_style *st) {
  text_box *box = arena_alloc(a, sizeof *box);
  box->text = arena_strdup(a, plain);
  box->vertical = st->vertical != 0;
  PangoRectangle ink, logical;
  pango_layout_get_extents(lay, &ink, &logical);
  double lw = logical.width / (double)PANGO_SCALE, lh = logical.height / (double)PANGO_SCALE;
  double x0 = logical.x / (double)PANGO_SCALE;
  double ix = ink.x / (double)PANGO_SCALE - x0, iy = ink.y / (double)PANGO_SCALE;
  double iw = ink.width / (double)PANGO_SCALE, ih = ink.height / (double)PANGO_SCALE;
  double first_baseline = pango_layout_get_baseline(lay) / (double)PANGO_SCALE;
  /* Vertical: the layout frame (u along the column, v across, columns
   * stacked downwards) is turned 90° clockwise onto the page:
   * page = (lh - v, u). */
  if (box->vertical) {
    box->width = lh;
    box->height = lw;
    box->ink_x = lh - (iy + ih);
    box->ink_y = ix;
    box->ink_w = ih;
    box->ink_h = iw;
    box->ascent = first_baseline;
  } else {
    box->width = lw;
    box->height = lh;
    box->ink_x = ix + x0;
    box->ink_y = iy;
    box->ink_w = iw;
    box->ink_h = ih;
    box->ascent = first_baseline;
  }
  box->ellipsized = pango_layout_is_ellipsized(lay);

  box->nlines = pango_layout_get_line_count(lay);
  box->lines = arena_alloc_array(a, (size_t)box->nlines, sizeof *box->lines);
  int nruns = 0;
  for (GSList *l = pango_layout_get_lines_readonly(lay); l; l = l->next)
    nruns += (int)g_slist_length(((PangoLayoutLine *)l->data)->runs);
  int tcy_start[TCY_MAX_SPANS], tcy_end[TCY_MAX_SPANS];
  int ntcy = box->vertical ? tcy_spans(plain, tcy_digits(st), tcy_start, tcy_end, TCY_MAX_SPANS) : 0;
  char *as_text = ntcy && st->autospace ? tcy_masked(plain, tcy_start, tcy_end, ntcy) : NULL;
  box->runs = arena_alloc_array(a, (size_t)(nruns + ntcy), sizeof *box->runs);

  char fams[512];
  const char *families = style_families(st, fams, sizeof fams);
  PangoLayoutIter *it = pango_layout_get_iter(lay);
  int li = 0;
  do {
    PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
    PangoRectangle lr;
    pango_layout_iter_get_line_extents(it, NULL, &lr);
    if (li < box->nlines) {
      text_line *tl = &box->lines[li++];
      double lx = lr.x / (double)PANGO_SCALE - x0, bl = pango_layout_iter_get_baseline(it) / (double)PANGO_SCALE;
      tl->width = lr.width / (double)PANGO_SCALE;
      if (box->vertical) {
        tl->x = lh - bl;
        tl->baseline = lx;
      } else {
        tl->x = lx;
        tl->baseline = bl;
      }
      tl->start = line->start_index;
      tl->len = line->length;
    }
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);

  /* Autospace: Pango puts half of a letter-spacing before the spaced
   * character and half after (and trims the half at a line's edge); the
   * gap belongs after it, so the character moves back by the half, and a
   * character that starts a line pushes the rest of its line forward. */
  double as_half = st->autospace ? text_autospace_amount(st->size) / 2 : 0;
  /* Where a line grows when its first character carries a gap: to the
   * right when left-aligned, to the left when right-aligned. */
  double grow_left = 0;
  if (pango_layout_get_width(lay) > 0)
    grow_left = st->align == TEXT_RIGHT ? 1 : st->align == TEXT_CENTER ? 0.5 : 0;
  it = pango_layout_get_iter(lay);
  PangoLayoutLine *cur_line = NULL;
  double line_shift = 0;
  int first_in_line = 0, line_no = -1;
  do {
    PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
    PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
    if (line != cur_line) {
      cur_line = line;
      line_shift = 0;
      first_in_line = 1;
      line_no++;
    }
    if (!run) continue;
    PangoRectangle rr;
    pango_layout_iter_get_run_extents(it, NULL, &rr);
    double baseline = pango_layout_iter_get_baseline(it) / (double)PANGO_SCALE;
    double line_baseline = baseline;
    int spaced = as_half > 0 && text_autospace_at(as_text ? as_text : plain, run->item->offset, run->item->length);
    if (spaced && first_in_line) {
      line_shift = -as_half * grow_left;
      if (line_no < box->nlines) {
        text_line *tl = &box->lines[line_no];
        tl->width += as_half;
        if (box->vertical) {
          tl->baseline += line_shift;
          if (tl->baseline + tl->width > box->height) box->height = tl->baseline + tl->width;
        } else {
          tl->x += line_shift;
          if (tl->x + tl->width > box->width) box->width = tl->x + tl->width;
        }
      }
    }
    double x = rr.x / (double)PANGO_SCALE - x0 + line_shift;
    if (box->vertical && !PANGO_GRAVITY_IS_VERTICAL(run->item->analysis.gravity)) {
      PangoFontDescription *rd = pango_font_describe_with_absolute_size(run->item->analysis.font);
      baseline += central_offset(run->item->analysis.font, pango_font_description_get_size(rd) / (double)PANGO_SCALE);
      pango_font_description_free(rd);
    }
    if (spaced) {
      if (first_in_line)
        line_shift += as_half;
      else
        x -= as_half;
    }
    first_in_line = 0;
    PangoGlyphString *gs = run->glyphs;
    text_run *tr = &box->runs[box->nruns++];
    tr->font = font_intern(e, run->item->analysis.font, box->vertical);
    tr->color = run_color(run, st->color);
    tr->start = run->item->offset;
    tr->len = run->item->length;
    tr->glyphs = arena_alloc_array(a, (size_t)gs->num_glyphs, sizeof *tr->glyphs);
    int fallback = !family_is_expected(tr->font->family, families);
    text_font_status cstat =
        fallback ? TEXT_FONT_FALLBACK : family_is_primary(tr->font->family, families) ? TEXT_FONT_PRIMARY : TEXT_FONT_FALLBACK;
    for (int i = 0; i < gs->num_glyphs; i++) {
      PangoGlyphInfo *gi = &gs->glyphs[i];
      const char *src = plain + run->item->offset + gs->log_clusters[i];
      if (ntcy && (i == 0 || gs->log_clusters[i - 1] != gs->log_clusters[i])) {
        int at = (int)(src - plain);
        for (int k = 0; k < ntcy; k++)
          if (tcy_start[k] == at) {
            PangoFontDescription *rd = pango_font_describe_with_absolute_size(run->item->analysis.font);
            double em = pango_font_description_get_size(rd) / (double)PANGO_SCALE;
            pango_font_description_free(rd);
            text_run *cell = &box->runs[box->nruns++];
            cell->color = tr->color;
            tcy_place(e, a, cell, run->item->analysis.font, plain, tcy_start[k], tcy_end[k], st->lang,
                      lh - line_baseline, x + gi->geometry.x_offset / (double)PANGO_SCALE, em);
            break;
          }
      }
      if (e->census_index) {
        /* Every character of the cluster is drawn by this font. */
        int cend = i + 1 < gs->num_glyphs && gs->log_clusters[i + 1] > gs->log_clusters[i]
                       ? gs->log_clusters[i + 1]
                       : run->item->length;
        if (i > 0 && gs->log_clusters[i - 1] == gs->log_clusters[i]) cend = gs->log_clusters[i];
        for (const char *p = src; p < plain + run->item->offset + cend; p = g_utf8_next_char(p))
          census_add(e, st->lang, g_utf8_get_char(p), (gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG) ? NULL : tr->font,
                     (gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG) ? TEXT_FONT_MISSING : cstat);
      }
      if (gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG) {
        gunichar ch = g_utf8_get_char(src);
        /* Control characters and line separators are not tofu. */
        if (!box->missing_char && ch >= 0x20 && ch != 0x2028 && ch != 0x2029) box->missing_char = ch;
      } else if (gi->glyph != PANGO_GLYPH_EMPTY) {
        text_glyph *g = &tr->glyphs[tr->n++];
        g->id = gi->glyph;
        double gx = x + gi->geometry.x_offset / (double)PANGO_SCALE;
        double gy = baseline + gi->geometry.y_offset / (double)PANGO_SCALE;
        if (box->vertical) {
          g->x = (float)(lh - gy);
          g->y = (float)gx;
        } else {
          g->x = (float)gx;
          g->y = (float)gy;
        }
        if (fallback && !box->fallback_char) {
          gunichar ch = g_utf8_get_char(src);
          if (ch > 0x20) {
            box->fallback_char = ch;
            box->fallback_family = tr->font->family;
          }
        }
      }
      x += gi->geometry.width / (double)PANGO_SCALE;
    }
  } while (pango_layout_iter_next_run(it));
  pango_layout_iter_free(it);
  g_free(as_text);
  return box;
}

/* ---- bounded work ---- */

/* utf8 without the combining marks after the TEXT_MARKS_MAX-th on one
 * character, and with its runs of more than TEXT_WORD_MAX characters
 * between two line-break opportunities cut in the middle (see text.h);
 * NULL (the common case, after one linear scan) when nothing is cut.
 * *word_cut gets the longest run cut, *marks_cut the most marks dropped
 * from one character. */
static char *bound_text(const char *utf8, const char *lang, int *word_cut, int *marks_cut) {
  *word_cut = *marks_cut = 0;
  long run = 0, longest_run = 0;
  int marks = 0;
  for (const char *p = utf8; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    marks = g_unichar_ismark(c) ? marks + 1 : 0;
    if (marks - TEXT_MARKS_MAX > *marks_cut) *marks_cut = marks - TEXT_MARKS_MAX;
    /* A cheap upper bound of the longest word: runs without a space. */
    run = g_unichar_isspace(c) ? 0 : run + 1;
    if (run > longest_run) longest_run = run;
  }
  if (!*marks_cut && longest_run <= TEXT_WORD_MAX) return NULL;
  GString *t = g_string_sized_new(strlen(utf8));
  marks = 0;
  long nchars = 0;
  for (const char *p = utf8; *p; p = g_utf8_next_char(p)) {
    marks = g_unichar_ismark(g_utf8_get_char(p)) ? marks + 1 : 0;
    if (marks > TEXT_MARKS_MAX) continue;
    g_string_append_len(t, p, g_utf8_next_char(p) - p);
    nchars++;
  }
  if (longest_run <= TEXT_WORD_MAX) return g_string_free(t, FALSE);
  /* Line-break opportunities (UAX #14, as Pango breaks lines), O(n):
   * la[i].is_line_break = a line may break before character i. */
  PangoLogAttr *la = g_new0(PangoLogAttr, nchars + 1);
  pango_get_log_attrs(t->str, (int)t->len, -1, pango_language_from_string(lang ? lang : "zh-CN"), la,
                      (int)nchars + 1);
  GString *out = g_string_sized_new(t->len);
  const char *p = t->str;
  for (long i = 0; i < nchars;) {
    long end = i + 1; /* the run [i, end) */
    while (end < nchars && !la[end].is_line_break && !la[end].is_mandatory_break) end++;
    long head = end - i, tail_from = end;
    if (end - i > TEXT_WORD_MAX) {
      if (end - i > *word_cut) *word_cut = (int)(end - i > INT_MAX ? INT_MAX : end - i);
      head = TEXT_WORD_MAX / 2;
      tail_from = end - (TEXT_WORD_MAX - TEXT_WORD_MAX / 2 - 1);
    }
    for (long k = i; k < end; k++, p = g_utf8_next_char(p)) {
      if (k - i == head) g_string_append(out, "\xe2\x80\xa6"); /* … */
      if (k - i >= head && k < tail_from) continue;
      g_string_append_len(out, p, g_utf8_next_char(p) - p);
    }
    i = end;
  }
  g_free(la);
  g_string_free(t, TRUE);
  return g_string_free(out, FALSE);
}

static void report(const text_box *box, const char *families, src_loc loc, diag_list *d) {
  if (!d) return;
  if (box->word_cut)
    diag_add(d, DIAG_WARNING, DIAG_SPEC, loc,
             "a word of %d characters with no place to break a line: only its first %d and last %d are set, "
             "joined by '\xe2\x80\xa6' (break it with spaces, or shorten it)",
             box->word_cut, TEXT_WORD_MAX / 2, TEXT_WORD_MAX - TEXT_WORD_MAX / 2 - 1);
  if (box->marks_cut)
    diag_add(d, DIAG_WARNING, DIAG_SPEC, loc,
             "a character carries %d combining marks: only the first %d are drawn", box->marks_cut + TEXT_MARKS_MAX,
             TEXT_MARKS_MAX);
  if (box->missing_char) {
    char ch[8] = {0};
    g_unichar_to_utf8(box->missing_char, ch);
    diag_add(d, DIAG_ERROR, DIAG_SPEC, loc,
             "no font has the character '%s' (U+%04X): install a font that covers it", ch,
             box->missing_char);
  }
  if (box->fallback_char) {
    char ch[8] = {0};
    g_unichar_to_utf8(box->fallback_char, ch);
    diag_add(d, DIAG_WARNING, DIAG_SPEC, loc,
             "character '%s' (U+%04X) is drawn with the system font '%s', not %s", ch, box->fallback_char,
             box->fallback_family, families);
  }
}

const text_box *text_layout(text_engine *e, const char *utf8, const text_style *st, double width,
                            int max_lines, src_loc loc, diag_list *d) {
  char key[512];
  size_t keylen = make_key(key, sizeof key, utf8, st, width, max_lines);
  uint64_t h = 0;
  /* A font census must see every string laid out, so while one runs the
   * cache is bypassed (and left as it is, for later layouts). */
  int census = e->census_index != NULL;
  text_box **hit = census ? NULL : cache_find(e, key, keylen, utf8, &h);
  if (hit) {
    char fams[512];
    report(*hit, style_families(st, fams, sizeof fams), loc, d);
    return *hit;
  }
  char *plain;
  int word_cut, marks_cut;
  char *bounded = bound_text(utf8, st->lang, &word_cut, &marks_cut);
  PangoLayout *lay = build_layout(e, bounded ? bounded : utf8, st, width, max_lines, &plain);
  text_box *box = extract(e, census || cache_full(e) ? e->overflow_arena : e->cache_arena, lay, plain, st);
  box->word_cut = word_cut;
  box->marks_cut = marks_cut;
  g_free(bounded);
  g_free(plain);
  g_object_unref(lay);
  if (!census) cache_put(e, h, key, keylen, utf8, box);
  char fams[512];
  report(box, style_families(st, fams, sizeof fams), loc, d);
  return box;
}

double text_min_width(text_engine *e, const char *utf8, const text_style *st) {
  /* Laying out at width ~0 puts every unbreakable piece on its own line;
   * the widest line is the narrowest the text can be. */
  const text_box *b = text_layout(e, utf8, st, 1.0, 0, (src_loc){0}, NULL);
  double w = 0;
  for (int i = 0; i < b->nlines; i++)
    if (b->lines[i].width > w) w = b->lines[i].width;
  return w;
}


/* ---- shrink to fit ---- */

static int box_fits(const text_box *b, double width, double height) {
  return (width <= 0 || b->width <= width + 0.01) && (height <= 0 || b->height <= height + 0.01);
}

const text_box *text_fit(text_engine *e, const char *utf8, const text_style *style, double width,
                         double height, double min_size, double max_size, int max_lines, src_loc loc,
                         diag_list *d, double *size_out, int *fits) {
  text_style st = *style;
  if (min_size <= 0) min_size = 1;
  if (max_size < min_size) max_size = min_size;
  /* Vertical: width/height are the page box, the wrap length is the column. */
  double wrap = st.vertical ? height : width;
  st.size = max_size;
  const text_box *b = text_layout(e, utf8, &st, wrap, max_lines, loc, NULL);
  double best = -1;
  if (box_fits(b, width, height)) {
    best = max_size;
  } else {
    st.size = min_size;
    b = text_layout(e, utf8, &st, wrap, max_lines, loc, NULL);
    if (box_fits(b, width, height)) {
      double lo = min_size, hi = max_size; /* lo fits, hi does not */
      while (hi - lo > 0.125) {
        double mid = (lo + hi) / 2;
        st.size = mid;
        if (box_fits(text_layout(e, utf8, &st, wrap, max_lines, loc, NULL), width, height))
          lo = mid;
        else
          hi = mid;
      }
      best = lo;
    }
  }
  if (fits) *fits = best > 0;
  st.size = best > 0 ? best : min_size;
  if (size_out) *size_out = st.size;
  return text_layout(e, utf8, &st, wrap, max_lines, loc, d);
}

const text_box *text_layout_vertical_label(text_engine *e, const char *utf8, const text_style *style,
                                           src_loc loc, diag_list *d) {
  text_style st = *style;
  st.vertical = 1;
  return text_layout(e, utf8, &st, 0, 0, loc, d);
}

/* ---- which font draws what ---- */

void text_engine_census_start(text_engine *e) {
  /* No flush: text_layout() bypasses the cache while a census runs, so
   * every string is laid out (and seen) again. */
  if (e->census_index) g_hash_table_destroy(e->census_index);
  e->census_index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  e->ncensus = 0;
}

void text_engine_census_stop(text_engine *e) {
  if (e->census_index) g_hash_table_destroy(e->census_index);
  e->census_index = NULL;
  free(e->census);
  e->census = NULL;
  e->ncensus = e->capcensus = 0;
}

int text_engine_census_report(text_engine *e, text_font_report_fn fn, void *ud) {
  int bad = 0;
  for (int i = 0; i < e->ncensus; i++) {
    const census_entry *c = &e->census[i];
    if (c->status != TEXT_FONT_PRIMARY) bad++;
    if (fn) fn(ud, c->ch, c->lang, c->font ? c->font->family : NULL, c->font ? c->font->file : NULL, c->status);
  }
  return bad;
}

int text_font_report(text_engine *e, const char *utf8, const char *lang, text_font_report_fn fn, void *ud) {
  /* Lay the string out on its own with the census on, then put the
   * engine's census back as it was. */
  GHashTable *saved_index = e->census_index;
  census_entry *saved = e->census;
  int saved_n = e->ncensus, saved_cap = e->capcensus;
  e->census_index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  e->census = NULL;
  e->ncensus = e->capcensus = 0;
  text_style st = {0};
  st.lang = lang;
  st.size = 16;
  st.weight = 400;
  st.color = 0xff;
  char *plain;
  int word_cut, marks_cut;
  char *bounded = bound_text(utf8, lang, &word_cut, &marks_cut);
  PangoLayout *lay = make_layout(e, bounded ? bounded : utf8, &st, 0, 0, NULL, 0, NULL, &plain);
  g_free(bounded);
  arena *tmp = arena_new();
  extract(e, tmp, lay, plain, &st);
  arena_free(tmp);
  g_free(plain);
  g_object_unref(lay);
  int bad = text_engine_census_report(e, fn, ud);
  g_hash_table_destroy(e->census_index);
  free(e->census);
  e->census_index = saved_index;
  e->census = saved;
  e->ncensus = saved_n;
  e->capcensus = saved_cap;
  return bad;
}
