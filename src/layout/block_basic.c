/* The simple blocks: text, kpi, divider, spacer. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "data/numfmt.h"
#include "layout/block_info.h"
#include "layout/icons.h"

/* ---- text ---- */

static text_style text_block_style(layout_ctx *c, const block_model *b) {
  const text_content *t = b->content;
  const theme_model *th = &c->doc->theme;
  text_style st = layout_style(c, layout_block_lang(c, b), t->size > 0 ? t->size : th->body_size, t->bold,
                               (t->color & 0xff) ? t->color : th->ink);
  st.align = (text_align)t->align;
  st.line_height = t->line_height;
  st.markup = 1;
  st.autospace = t->autospace;
  st.punctuation = (text_punct)t->punctuation;
  st.vertical = b->writing == WRITING_VERTICAL;
  st.tcy = b->tcy > 0 ? b->tcy : -1;
  return st;
}

/* writing: vertical (竖排).  Columns run top to bottom and stack from the
 * right edge of the block leftwards (the box is right-aligned in
 * text_emit).  Their length:
 *   1. columnLength, when the spec gives it;
 *   2. when emitting into a box taller than the text measured (a rowSpan,
 *      a taller neighbour in the row, a fixed-height page's row), the
 *      box's height: the columns run the frame's full height, as on a book
 *      page;
 *   3. otherwise the shortest length whose stack of columns fits the
 *      block's width, but at least 8 em (8 characters a column) unless the
 *      whole text is shorter: a long text fills the width with full
 *      columns (the last one may be short), a short one is set as a few
 *      book-like columns at the right, never as a row of one- or
 *      two-character columns.
 * Automatic lengths are whole ems (plus a little slack for rounding), so
 * that the characters of neighbouring columns line up across. */
#define VERTICAL_MIN_EMS 8

static double vertical_length(double ems, double em) { return ems * em + 0.25; }

static const text_box *text_block_box_h(layout_ctx *c, const block_model *b, double w, double h) {
  const text_content *t = b->content;
  text_style st = text_block_style(c, b);
  if (!st.vertical) return layout_text(c, &t->content, &st, w, t->max_lines);
  if (t->column_length > 0) return layout_text(c, &t->content, &st, t->column_length, t->max_lines);
  const text_box *one = layout_text(c, &t->content, &st, 0, t->max_lines);
  if (!one) return NULL;
  double em = st.size > 0 ? st.size : 1;
  /* Measuring without reports; the length chosen is laid out once more at
   * the end through layout_text (a cache hit), which reports missing
   * glyphs and fallback fonts. */
#define VLAYOUT(len) text_layout(c->te, t->content.s, &st, (len), t->max_lines, t->content.loc, NULL)
  /* Rule 3: whole ems from 8 up to the text's own length. */
  int kmax = (int)ceil(one->height / em - 0.01), kmin = VERTICAL_MIN_EMS;
  double len = 0; /* 0: one column, the text's own length */
  double height = one->height;
  if (kmin < kmax) {
    const text_box *m = VLAYOUT(vertical_length(kmin, em));
    if (m->width <= w + 0.01) {
      len = vertical_length(kmin, em);
      height = m->height;
    } else { /* the shortest that fits (one column always "fits") */
      int lo = kmin, hi = kmax; /* lo does not fit, hi does */
      while (hi - lo > 1) {
        int mid = (lo + hi) / 2;
        m = VLAYOUT(vertical_length(mid, em));
        if (m->width <= w + 0.01)
          hi = mid;
        else
          lo = mid;
      }
      if (hi < kmax) {
        len = vertical_length(hi, em);
        height = VLAYOUT(len)->height;
      }
    }
  }
  /* Rule 2: a box taller than measured: columns of its full height, as
   * long as they still fit its width. */
  if (h > height + em) {
    double k = floor((h - 0.25) / em);
    if (k * em > height + 0.5) {
      const text_box *tall = VLAYOUT(vertical_length(k, em));
      if (tall->width <= w + 0.01 && tall->height <= h + 0.01) len = vertical_length(k, em);
    }
  }
#undef VLAYOUT
  return layout_text(c, &t->content, &st, len, t->max_lines);
}

static const text_box *text_block_box(layout_ctx *c, const block_model *b, double w) {
  return text_block_box_h(c, b, w, 0);
}

double text_measure(layout_ctx *c, const block_model *b, double w) {
  const text_box *box = text_block_box(c, b, w);
  return box ? box->height : 0;
}

double text_natural(layout_ctx *c, const block_model *b, double w) {
  const text_box *box = text_block_box(c, b, w);
  return box && !box->vertical ? box->width : w;
}

void text_emit(layout_ctx *c, const block_model *b, double x, double y, double w, double h) {
  const text_box *box = text_block_box_h(c, b, w, h);
  if (!box) return;
  /* A box is as wide as its widest line: alignment within the block is
   * placement (lines keep their offsets relative to each other). */
  const text_content *t = b->content;
  double bx = x;
  if (box->vertical)
    bx = x + w - box->width;
  else if (t->align == ALIGN_CENTER)
    bx = x + (w - box->width) / 2;
  else if (t->align == ALIGN_RIGHT)
    bx = x + w - box->width;
  scene_text(c->sc, box, bx, y, "text");
}

/* ---- kpi ---- */

typedef struct kpi_boxes {
  info_num n;
  const text_box *label, *note;
  icon_slot icon; /* icon: its square; box 0 when none */
  double tx, ty;  /* where the number, label and note start, from the block's corner */
} kpi_boxes;

/* A key number's fit (block_info.h) with a left icon beside it: the
 * largest size at which the number and the icon sized from it fit w
 * together (iconSize: a fixed icon). */
static double kpi_fit(layout_ctx *c, const block_model *b, const info_key *key, double w) {
  const kpi_content *k = b->content;
  if (!k->icon || k->icon_position != ICON_LEFT) return info_num_fit(c, b, &key->num, &key->unit, w);
  const theme_model *th = &c->doc->theme;
  double size = th->size_number > 0 ? th->size_number : th->body_size * NUM_TOP;
  for (; size > th->body_size; size *= 0.92) {
    icon_slot sl = icon_slot_for(size, k->icon_size, k->icon_disc);
    if (info_num_layout(c, b, &key->num, &key->unit, size, 0).width + sl.box + sl.gap <= w) break;
  }
  return size < th->body_size ? th->body_size : size;
}

/* The number as the spec wrote it, unless a format is given: "125.3"
 * stays "125.3", never "125.300000" (in the page's number style:
 * block_info.h info_key_number). */
static info_key kpi_number(layout_ctx *c, const block_model *b) {
  const kpi_content *k = b->content;
  src_loc at = k->value_node ? (src_loc){c->doc->spec->path, k->value_node->line, k->value_node->col} : (src_loc){0};
  info_key r = info_key_number(c, &k->format, k->value, k->value_node ? k->value_node->str : NULL, at, &k->unit);
  if (!r.num.s) r.num.s = "";
  return r;
}

double kpi_number_want(layout_ctx *c, const block_model *b, double w) {
  const kpi_content *k = b->content;
  info_key key = kpi_number(c, b);
  return info_num_want(c, kpi_fit(c, b, &key, w), k->emphasis, k->num_size);
}

static kpi_boxes kpi_layout(layout_ctx *c, const block_model *b, double w) {
  const kpi_content *k = b->content;
  const theme_model *th = &c->doc->theme;
  const char *lang = layout_block_lang(c, b);
  uint32_t accent = (k->color & 0xff) ? k->color : th->accent;
  kpi_boxes r = {0};
  info_key key = kpi_number(c, b);
  /* Big number: the row's shared size, or its own fit (see block_info.h). */
  double fit = c->num_size > 0 || k->num_size > 0 ? 0 : kpi_fit(c, b, &key, w);
  r.n = info_num_layout(c, b, &key.num, &key.unit, info_num_size(c, fit, k->emphasis, k->num_size), accent);
  if (k->icon) {
    /* sized from the number as set (a secondary one gets a smaller icon) */
    r.icon = icon_slot_for(r.n.size, k->icon_size, k->icon_disc);
    /* a left icon never pushes the number out: it shrinks first (to a half) */
    double f = (w - r.n.width) / (r.icon.box + r.icon.gap);
    if (k->icon_position == ICON_LEFT && f < 1) {
      f = f > 0.5 ? f : 0.5;
      r.icon = (icon_slot){r.icon.box * f, r.icon.glyph * f, r.icon.gap * f};
    }
    if (k->icon_position == ICON_LEFT) {
      r.tx = r.icon.box + r.icon.gap;
    } else { /* the gap is to the digits' tops, not to the number's line box */
      double lead = r.n.num ? r.n.drop + r.n.num->ascent - 0.76 * r.n.size : 0;
      r.ty = r.icon.box + r.icon.gap * 0.7 - (lead > 0 ? lead : 0);
      if (r.ty < 0) r.ty = 0;
    }
  }
  text_style ls = layout_style(c, lang, th->body_size, 0, th->ink);
  text_style ns2 = layout_style(c, lang, th->small_size, 0, th->muted);
  r.label = layout_text(c, &k->label, &ls, w - r.tx, 0);
  r.note = layout_text(c, &k->note, &ns2, w - r.tx, 0);
  return r;
}

/* A left icon is centred on the digits (baseline minus half their
 * height, ~0.72 of the size), never above the block's top. */
static double kpi_icon_top(const kpi_boxes *k) {
  if (!k->n.num) return 0;
  double mid = k->n.drop + k->n.num->ascent - 0.36 * k->n.size, top = mid - k->icon.box / 2;
  return top > 0 ? top : 0;
}

double kpi_measure(layout_ctx *c, const block_model *b, double w) {
  kpi_boxes k = kpi_layout(c, b, w);
  info_num_mark(c, k.ty + info_num_baseline(&k.n));
  double h = k.ty + k.n.height;
  if (k.label) h += 4 + k.label->height;
  if (k.note) h += 4 + k.note->height;
  double ib = k.tx > 0 ? kpi_icon_top(&k) + k.icon.box : 0; /* a left icon's foot */
  return h > ib ? h : ib;
}

double kpi_natural(layout_ctx *c, const block_model *b, double w) {
  kpi_boxes k = kpi_layout(c, b, w);
  double r = k.n.width;
  if (k.label && k.label->width > r) r = k.label->width;
  if (k.note && k.note->width > r) r = k.note->width;
  r += k.tx;
  return k.tx == 0 && k.icon.box > r ? k.icon.box : r; /* an icon on top may be the widest */
}

void kpi_emit(layout_ctx *c, const block_model *b, double x, double y, double w, double h) {
  kpi_boxes k = kpi_layout(c, b, w);
  const kpi_content *kc = b->content;
  if (kc->icon) {
    uint32_t col = info_color(kc->icon_color, info_color(kc->color, c->doc->theme.accent));
    icon_slot_emit(c->sc, kc->icon, &k.icon, x, y + (k.tx > 0 ? kpi_icon_top(&k) : 0), col, kc->icon_disc, "kpi.icon");
  }
  x += k.tx;
  y += k.ty;
  info_num_emit(c, &k.n, x, y, "kpi.value", "kpi.unit");
  y += k.n.height;
  if (k.label) {
    y += 4;
    scene_text(c->sc, k.label, x, y, "kpi.label");
    y += k.label->height;
  }
  if (k.note) scene_text(c->sc, k.note, x, y + 4, "kpi.note");
}

/* ---- divider, spacer ---- */

double divider_measure(layout_ctx *c, const block_model *b, double w) { return 17; }

void divider_emit(layout_ctx *c, const block_model *b, double x, double y, double w, double h) {
  scene_rect(c->sc, x, y + h / 2 - 0.5, w, 1, scene_fill(c->doc->theme.rule), "divider");
}

double spacer_measure(layout_ctx *c, const block_model *b, double w) { return 24; }
void spacer_emit(layout_ctx *c, const block_model *b, double x, double y, double w, double h) {}

