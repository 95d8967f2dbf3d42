/* Text layout with Pango: shaping (HarfBuzz), CJK-aware line breaking with
 * the text's language, and extraction of positioned glyph runs so that
 * every backend draws exactly the glyphs layout measured. */
#include <math.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "text/text_cairo.h"
#include "text/text_internal.h"

struct text_font {
  PangoFont *pango;
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

struct text_engine {
  char font_dir[1024];
  FcConfig *fc;
  PangoFontMap *fontmap;
  PangoContext *ctx;
  text_font **fonts;
  int nfonts, capfonts;
  /* Layout cache: open addressing, keyed by the string + style + width. */
  arena *cache_arena;
  cache_entry *slots;
  size_t nslots, used;
};

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
  e->fc = text_fc_config(e->font_dir, err, errlen);
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
  e->cache_arena = arena_new();
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
  free(e->slots);
  e->slots = NULL;
  e->nslots = e->used = 0;
}

void text_engine_free(text_engine *e) {
  if (!e) return;
  text_engine_flush(e);
  arena_free(e->cache_arena);
  for (int i = 0; i < e->nfonts; i++) font_free(e->fonts[i]);
  free(e->fonts);
  g_object_unref(e->ctx);
  g_object_unref(e->fontmap);
  FcConfigDestroy(e->fc);
  free(e);
}

const char *text_engine_font_dir(const text_engine *e) { return e->font_dir; }

static const text_font *font_intern(text_engine *e, PangoFont *pf) {
  for (int i = 0; i < e->nfonts; i++)
    if (e->fonts[i]->pango == pf) return e->fonts[i];
  text_font *f = xcalloc(1, sizeof *f);
  f->pango = g_object_ref(pf);
  f->scaled = cairo_scaled_font_reference(pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(pf)));
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

cairo_scaled_font_t *text_font_cairo(const text_font *f) { return f->scaled; }
const char *text_font_family(const text_font *f) { return f->family; }
const char *text_font_file(const text_font *f) { return f->file; }
double text_font_size(const text_font *f) { return f->size; }
int text_font_weight(const text_font *f) { return f->weight; }
int text_font_id(const text_font *f) { return f->id; }

/* ---- cache ---- */

static uint64_t fnv(const void *p, size_t n, uint64_t h) {
  const unsigned char *s = p;
  for (size_t i = 0; i < n; i++) h = (h ^ s[i]) * 1099511628211ull;
  return h;
}

static size_t make_key(char *out, size_t cap, const char *utf8, const text_style *st, double width,
                       int max_lines) {
  return (size_t)snprintf(out, cap, "%s|%.4f|%d|%08x|%d|%.3f|%d|%d|%.3f|%.3f|%d|", st->lang ? st->lang : "",
                          st->size, st->weight, st->color, st->align, st->line_height, st->markup,
                          st->autospace, st->letter_spacing, width, max_lines) +
         0 * strlen(utf8);
}

static text_box **cache_find(text_engine *e, const char *key, size_t keylen, const char *utf8, uint64_t *hout) {
  uint64_t h = fnv(utf8, strlen(utf8), fnv(key, keylen, 1469598103934665603ull));
  *hout = h;
  if (!e->nslots) return NULL;
  size_t mask = e->nslots - 1;
  size_t ul = strlen(utf8);
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    cache_entry *c = &e->slots[i];
    if (!c->key) return NULL;
    if (c->hash == h && c->keylen == keylen + ul && !memcmp(c->key, key, keylen) &&
        !memcmp(c->key + keylen, utf8, ul))
      return &c->box;
  }
}

static void cache_put(text_engine *e, uint64_t h, const char *key, size_t keylen, const char *utf8,
                      text_box *box) {
  if (arena_bytes(e->cache_arena) > CACHE_MAX_BYTES) return; /* full: stop caching */
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

static PangoLayout *make_layout(text_engine *e, const char *utf8, const text_style *st, double width,
                                int max_lines, char **plain_out) {
  PangoLanguage *lang = pango_language_from_string(st->lang ? st->lang : "zh-CN");
  pango_context_set_language(e->ctx, lang);
  PangoLayout *lay = pango_layout_new(e->ctx);
  PangoFontDescription *fd = pango_font_description_new();
  pango_font_description_set_family(fd, text_families_for_lang(st->lang));
  pango_font_description_set_weight(fd, st->weight ? (PangoWeight)st->weight : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size(fd, st->size * PANGO_SCALE);
  pango_layout_set_font_description(lay, fd);
  pango_font_description_free(fd);

  PangoAttrList *attrs = pango_attr_list_new();
  char *plain = st->markup ? text_markup_parse(utf8, attrs, st->size) : g_strdup(utf8);
  PangoAttribute *la = pango_attr_language_new(lang);
  pango_attr_list_insert_before(attrs, la);
  if (st->letter_spacing != 0)
    pango_attr_list_insert(attrs, pango_attr_letter_spacing_new((int)lround(st->letter_spacing * PANGO_SCALE)));
  if (st->autospace) text_autospace(plain, attrs, st->size);
  pango_layout_set_text(lay, plain, -1);
  pango_layout_set_attributes(lay, attrs);
  pango_attr_list_unref(attrs);

  if (st->line_height > 0) pango_layout_set_line_spacing(lay, (float)st->line_height);
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

static text_box *extract(text_engine *e, PangoLayout *lay, const char *plain, const text_style *st) {
  arena *a = e->cache_arena;
  text_box *box = arena_alloc(a, sizeof *box);
  box->text = arena_strdup(a, plain);
  PangoRectangle ink, logical;
  pango_layout_get_extents(lay, &ink, &logical);
  box->width = logical.width / (double)PANGO_SCALE;
  box->height = logical.height / (double)PANGO_SCALE;
  box->ink_x = ink.x / (double)PANGO_SCALE;
  box->ink_y = ink.y / (double)PANGO_SCALE;
  box->ink_w = ink.width / (double)PANGO_SCALE;
  box->ink_h = ink.height / (double)PANGO_SCALE;
  box->ascent = pango_layout_get_baseline(lay) / (double)PANGO_SCALE;
  box->ellipsized = pango_layout_is_ellipsized(lay);
  double x0 = logical.x / (double)PANGO_SCALE;

  box->nlines = pango_layout_get_line_count(lay);
  box->lines = arena_alloc_array(a, (size_t)box->nlines, sizeof *box->lines);
  int nruns = 0;
  for (GSList *l = pango_layout_get_lines_readonly(lay); l; l = l->next)
    nruns += (int)g_slist_length(((PangoLayoutLine *)l->data)->runs);
  box->runs = arena_alloc_array(a, (size_t)nruns, sizeof *box->runs);

  const char *families = text_families_for_lang(st->lang);
  PangoLayoutIter *it = pango_layout_get_iter(lay);
  int li = 0;
  do {
    PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
    PangoRectangle lr;
    pango_layout_iter_get_line_extents(it, NULL, &lr);
    if (li < box->nlines) {
      text_line *tl = &box->lines[li++];
      tl->x = lr.x / (double)PANGO_SCALE - x0;
      tl->width = lr.width / (double)PANGO_SCALE;
      tl->baseline = pango_layout_iter_get_baseline(it) / (double)PANGO_SCALE;
      tl->start = line->start_index;
      tl->len = line->length;
    }
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);

  it = pango_layout_get_iter(lay);
  do {
    PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
    if (!run) continue;
    PangoRectangle rr;
    pango_layout_iter_get_run_extents(it, NULL, &rr);
    double baseline = pango_layout_iter_get_baseline(it) / (double)PANGO_SCALE;
    double x = rr.x / (double)PANGO_SCALE - x0;
    PangoGlyphString *gs = run->glyphs;
    text_run *tr = &box->runs[box->nruns++];
    tr->font = font_intern(e, run->item->analysis.font);
    tr->color = run_color(run, st->color);
    tr->start = run->item->offset;
    tr->len = run->item->length;
    tr->glyphs = arena_alloc_array(a, (size_t)gs->num_glyphs, sizeof *tr->glyphs);
    int fallback = !family_is_expected(tr->font->family, families);
    for (int i = 0; i < gs->num_glyphs; i++) {
      PangoGlyphInfo *gi = &gs->glyphs[i];
      const char *src = plain + run->item->offset + gs->log_clusters[i];
      if (gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG) {
        gunichar ch = g_utf8_get_char(src);
        /* Control characters and line separators are not tofu. */
        if (!box->missing_char && ch >= 0x20 && ch != 0x2028 && ch != 0x2029) box->missing_char = ch;
      } else if (gi->glyph != PANGO_GLYPH_EMPTY) {
        text_glyph *g = &tr->glyphs[tr->n++];
        g->id = gi->glyph;
        g->x = (float)(x + gi->geometry.x_offset / (double)PANGO_SCALE);
        g->y = (float)(baseline + gi->geometry.y_offset / (double)PANGO_SCALE);
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
  return box;
}

static void report(const text_box *box, const char *families, src_loc loc, diag_list *d) {
  if (!d) return;
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
  char key[256];
  size_t keylen = make_key(key, sizeof key, utf8, st, width, max_lines);
  uint64_t h;
  text_box **hit = cache_find(e, key, keylen, utf8, &h);
  if (hit) {
    report(*hit, text_families_for_lang(st->lang), loc, d);
    return *hit;
  }
  char *plain;
  PangoLayout *lay = make_layout(e, utf8, st, width, max_lines, &plain);
  text_box *box = extract(e, lay, plain, st);
  g_free(plain);
  g_object_unref(lay);
  cache_put(e, h, key, keylen, utf8, box);
  report(box, text_families_for_lang(st->lang), loc, d);
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
