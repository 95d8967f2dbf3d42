/* Helpers shared by the infographic blocks (compare, progress, pictogram,
 * table, callout, image, group). */
#ifndef HUITU_LAYOUT_BLOCK_INFO_H
#define HUITU_LAYOUT_BLOCK_INFO_H
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "data/numfmt.h"
#include "layout/blocks.h"

/* A text box for a computed string (no source location). */
static inline const text_box *info_text(layout_ctx *c, const block_model *b, const char *s, double size, int bold,
                                        uint32_t color, double width, text_align align) {
  if (!s || !*s) return NULL;
  text_style st = layout_style(c, layout_block_lang(c, b), size, bold, color);
  st.align = align;
  spec_text t = {s, {0}};
  return layout_text(c, &t, &st, width, 0);
}

/* A spec string (located: a missing glyph is reported at its line). */
static inline const text_box *info_spec_text(layout_ctx *c, const block_model *b, const spec_text *t, double size,
                                             int bold, uint32_t color, double width, text_align align, int markup) {
  if (!t || !t->s || !*t->s) return NULL;
  text_style st = layout_style(c, layout_block_lang(c, b), size, bold, color);
  st.align = align;
  st.markup = markup;
  return layout_text(c, t, &st, width, 0);
}

/* One number style per page, the one chart axes use (chart/vl_scale.c),
 * for a number written plainly (digits, a sign, a decimal point):
 *  - in a language that groups digits (not zh) one of 10000 or more gets
 *    thousands separators (13450 -> 13,450);
 *  - in zh, where axes count in 万 and 亿 from 10^5, so does a number of
 *    10^5 or more: 141700 -> 14.17 and 万, 125300000 -> 1.253 and 亿
 *    (every digit written is kept, trailing zeros of the fraction drop).
 * Returns s or a restyled copy; *mag gets the 万/亿 the number now counts
 * in ("" none), for the caller to put before its unit or after it. */
static inline const char *info_number_split(layout_ctx *c, const char *s, const char **mag) {
  *mag = "";
  const char *lang = c->doc->lang;
  if (!s || !lang) return s;
  const char *p = s + (*s == '-' || *s == '+');
  size_t k = 0;
  while (p[k] >= '0' && p[k] <= '9') k++;
  if (k < 5 || (p[k] && p[k] != '.')) return s; /* under 10000, or not a plain number */
  const char *frac = p[k] == '.' ? p + k + 1 : p + k;
  for (const char *q = frac; *q; q++)
    if (*q < '0' || *q > '9') return s;
  size_t n = strlen(s);
  if (!strncmp(lang, "zh", 2)) {
    if (k < 6 || *p == '0') return s; /* under 10^5 (or a leading zero: not a plain count) */
    size_t shift = k >= 9 ? 8 : 4;
    *mag = k >= 9 ? "\xe4\xba\xbf" : "\xe4\xb8\x87"; /* 亿, 万 */
    char *out = arena_alloc(c->a, n + 2), *o = out;
    if (p > s) *o++ = *s;
    memcpy(o, p, k - shift);
    o += k - shift;
    char *dot = o;
    *o++ = '.';
    memcpy(o, p + k - shift, shift);
    o += shift;
    for (const char *q = frac; *q; q++) *o++ = *q;
    while (o > dot + 1 && o[-1] == '0') o--; /* 850000 -> 85 */
    if (o == dot + 1) o--;
    *o = 0;
    return out;
  }
  char *out = arena_alloc(c->a, n + k / 3 + 1), *o = out;
  if (p > s) *o++ = *s;
  for (size_t i = 0; i < k; i++) {
    if (i && (k - i) % 3 == 0) *o++ = ',';
    *o++ = p[i];
  }
  memcpy(o, p + k, strlen(p + k) + 1);
  return out;
}

/* A leading hyphen-minus set as the minus sign U+2212 (as d3 and the
 * charts do): "−12.5" has a minus as wide as "+", not a short hyphen. */
static inline const char *info_minus(layout_ctx *c, const char *s) {
  if (!s || s[0] != '-' || !((s[1] >= '0' && s[1] <= '9') || s[1] == '.')) return s;
  return arena_printf(c->a, "\xe2\x88\x92%s", s + 1);
}

/* The page's style with the 万/亿 attached (a table cell, a bar's value). */
static inline const char *info_number_style(layout_ctx *c, const char *s) {
  const char *mag;
  const char *r = info_number_split(c, s, &mag);
  return info_minus(c, *mag ? arena_printf(c->a, "%s%s", r, mag) : r);
}

/* A number as written, or through a d3 format; errors go to the format's
 * location once per layout pass. */
static inline const char *info_number(layout_ctx *c, const spec_text *format, double v, const char *written) {
  if (format && format->s) {
    numfmt f;
    char err[128], out[64];
    if (numfmt_parse(format->s, &f, err, sizeof err) == 0) {
      f.unicode_minus = 1;
      numfmt_format(&f, v, out, sizeof out);
      return arena_strdup(c->a, out);
    }
    diag_spec_error(c->d, format->loc, "invalid number format '%s': %s", format->s, err);
  }
  if (written) return info_number_style(c, written);
  char out[64];
  numfmt_format(NULL, v, out, sizeof out);
  return info_number_style(c, arena_strdup(c->a, out));
}

/* A key number and its unit as set (kpi, progress, pictogram, a compare
 * arrow's later number): through its format when it has one, else as
 * written in the page's style with a 万/亿 at the head of the unit
 * (141700 人 -> 14.17 万人).  at: the number's place in the spec. */
typedef struct info_key {
  spec_text num, unit;
} info_key;

static inline info_key info_key_number(layout_ctx *c, const spec_text *format, double v, const char *written,
                                       src_loc at, const spec_text *unit) {
  info_key r = {{NULL, at}, *unit};
  if ((format && format->s) || !written) {
    r.num.s = info_number(c, format, v, written);
    return r;
  }
  const char *mag;
  r.num.s = info_minus(c, info_number_split(c, written, &mag));
  if (*mag) r.unit.s = arena_printf(c->a, "%s%s", mag, unit->s ? unit->s : "");
  return r;
}

/* Where a box goes in a column x..x+w: text boxes are as wide as their
 * longest line, so alignment inside a wider column is done here. */
static inline double info_align_x(const text_box *t, double x, double w, int align) {
  if (!t) return x;
  if (align == TEXT_RIGHT) return x + w - t->width;
  if (align == TEXT_CENTER) return x + (w - t->width) / 2;
  return x;
}

/* ---- key numbers (kpi, progress, pictogram) ----
 * A number and its unit on one baseline.  The unit is a fixed ratio of the
 * number's size and attaches closely (no word space: 72.4%, 995元/月).
 * Every key number starts from the theme's number size and steps down until it fits
 * its width; the primary numbers of a row then share the smallest of
 * their sizes (layout_ctx.num_size), secondary ones 0.6 of it. */
#define NUM_TOP 3.2      /* the top size, x body, when the theme has no number size */
#define NUM_UNIT 0.42    /* unit size, x number */
#define NUM_UNIT_GAP 0.05 /* gap before the unit, x number */
#define NUM_SECONDARY 0.6

typedef struct info_num {
  const text_box *num, *unit;
  double size, width;
  double drop;   /* a smaller number than its row's sits this much lower: one baseline */
  double height; /* drop + the number's height */
} info_num;

static inline info_num info_num_layout(layout_ctx *c, const block_model *b, const spec_text *num,
                                       const spec_text *unit, double size, uint32_t color) {
  info_num r = {0};
  const theme_model *th = &c->doc->theme;
  r.size = size;
  r.num = info_spec_text(c, b, num, size, 1, color, 0, TEXT_LEFT, 0);
  double us = size * NUM_UNIT;
  if (us < th->small_size) us = th->small_size;
  r.unit = info_spec_text(c, b, unit, us, 0, color, 0, TEXT_LEFT, 0);
  r.width = (r.num ? r.num->width : 0) + (r.unit ? size * NUM_UNIT_GAP * c->text_scale + r.unit->width : 0);
  if (r.num && c->num_size > size + 0.01) {
    const text_box *row = info_text(c, b, "0", c->num_size, 1, color, 0, TEXT_LEFT);
    if (row && row->ascent > r.num->ascent) r.drop = row->ascent - r.num->ascent;
  }
  r.height = r.drop + (r.num ? r.num->height : 0);
  return r;
}

/* The largest size from the top down (x0.92 steps, not below body) at
 * which number and unit fit w. */
static inline double info_num_fit(layout_ctx *c, const block_model *b, const spec_text *num, const spec_text *unit,
                                  double w) {
  const theme_model *th = &c->doc->theme;
  double size = th->size_number > 0 ? th->size_number : th->body_size * NUM_TOP; /* the type scale's number */
  for (; size > th->body_size; size *= 0.92)
    if (info_num_layout(c, b, num, unit, size, 0).width <= w) break;
  return size < th->body_size ? th->body_size : size;
}

/* The size a key number is set at: size: outright, else the row's shared
 * size (or its own fit alone), times 0.6 when secondary. */
static inline double info_num_size(layout_ctx *c, double fit, int emphasis, double given) {
  if (given > 0) return given;
  double s = c->num_size > 0 ? c->num_size : fit;
  return emphasis == EMPHASIS_SECONDARY ? s * NUM_SECONDARY : s;
}

/* What a key number asks of its row: its fit, as a primary size (a
 * secondary one fits when 0.6 of the row's size does; the row's size is
 * never above the theme's number size, so a secondary number alone is
 * still 0.6 of it).  0: no say. */
static inline double info_num_want(layout_ctx *c, double fit, int emphasis, double given) {
  if (given > 0) return 0;
  const theme_model *th = &c->doc->theme;
  double top = th->size_number > 0 ? th->size_number : th->body_size * NUM_TOP;
  if (emphasis != EMPHASIS_SECONDARY) return fit;
  return fit / NUM_SECONDARY < top ? fit / NUM_SECONDARY : top;
}

/* The number's first baseline below the top of its box. */
static inline double info_num_baseline(const info_num *n) {
  return n->drop + (n->num ? n->num->ascent : n->unit ? n->unit->ascent : 0);
}

/* A block's first key number has its baseline at y_from_top below the
 * block's content top: recorded for its row's shared baseline while the
 * row is being measured (page.c row_baselines; layout_ctx.num_base). */
static inline void info_num_mark(layout_ctx *c, double y_from_top) {
  if (c->num_base < 0) c->num_base = y_from_top;
}

static inline void info_num_emit(layout_ctx *c, const info_num *n, double x, double y, const char *cls_num,
                                 const char *cls_unit) {
  y += n->drop;
  if (n->num) scene_text(c->sc, n->num, x, y, cls_num);
  if (n->unit) /* on the number's baseline */
    scene_text(c->sc, n->unit, x + (n->num ? n->num->width : 0) + n->size * NUM_UNIT_GAP * c->text_scale,
               y + (n->num ? n->num->ascent : n->unit->ascent) - n->unit->ascent, cls_unit);
}

static inline uint32_t info_color(uint32_t given, uint32_t dflt) { return (given & 0xff) ? given : dflt; }
#endif
