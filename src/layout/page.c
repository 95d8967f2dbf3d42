/* Page layout: header (title, subtitle), a grid of blocks, footer (note,
 * source).  Heights come from measuring; a fixed-height page that cannot
 * hold its content is an error naming the block that overflows. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/limits.h"
#include "chart/chart.h"
#include "layout/blocks.h"
#include "layout/masthead.h"
#include "layout/sections.h"
#include "layout/summary.h"
#include "base/colors.h"
#include "model/infographic.h"

#define HEADER_GAP 32.0 /* header to first row */
#define FOOTER_GAP 28.0 /* last row to footer */
#define TITLE_GAP 10.0  /* title to subtitle */
#define BLOCK_TITLE_GAP 12.0

text_style layout_style(const layout_ctx *c, const char *lang, double size, int bold, uint32_t color) {
  text_style st = {0};
  st.lang = lang ? lang : c->doc->lang;
  st.size = fmax(size, c->doc->theme.size_min) * c->text_scale; /* the frame's legibility floor (doc.c) */
  st.weight = bold ? 700 : 400;
  st.color = color;
  st.family = c->font;
  return st;
}

text_style layout_title_style(const layout_ctx *c, const char *lang, double size, int bold, uint32_t color) {
  text_style st = layout_style(c, lang, size, bold, color);
  st.family = c->title_font;
  return st;
}

/* No widows in short texts.  A label, title or note of two or three lines
 * whose last line is a stub (社会力量举办(经营)床位占 / 比) is set again at
 * the narrowest width that keeps its line count, so the lines come out even,
 * like CSS text-wrap: balance.  Longer paragraphs keep the full measure: a
 * narrower block of body text would only look ragged.  Pango still breaks
 * the lines, so kinsoku and numbers with units stay as they were. */
#define BALANCE_MAX_LINES 3
#define BALANCE_STUB 0.5 /* last line shorter than this share of the widest */
static double balanced_width(layout_ctx *c, const spec_text *t, const text_style *st, double width, const text_box *b) {
  if (width <= 0 || st->vertical || b->ellipsized || b->nlines < 2 || b->nlines > BALANCE_MAX_LINES) return width;
  double widest = 0;
  for (int i = 0; i < b->nlines; i++)
    if (b->lines[i].width > widest) widest = b->lines[i].width;
  if (b->lines[b->nlines - 1].width >= BALANCE_STUB * widest) return width;
  double lo = widest * (b->nlines - 1) / b->nlines, hi = width; /* hi keeps the count */
  for (int k = 0; k < 10 && hi - lo > 0.5; k++) {
    double mid = (lo + hi) / 2;
    const text_box *m = text_layout(c->te, t->s, st, mid, 0, t->loc, NULL);
    if (m && m->nlines == b->nlines) hi = mid;
    else lo = mid;
  }
  return hi;
}

const text_box *layout_text(layout_ctx *c, const spec_text *t, const text_style *st, double width, int max_lines) {
  if (!t || !t->s) return NULL;
  const text_box *b = text_layout(c->te, t->s, st, width, max_lines, t->loc, c->d);
  if (!b) return NULL;
  double bw = balanced_width(c, t, st, width, b);
  return bw == width ? b : text_layout(c->te, t->s, st, bw, max_lines, t->loc, NULL);
}

const char *layout_block_lang(const layout_ctx *c, const block_model *b) {
  return b->lang.s ? b->lang.s : c->doc->lang;
}

static double block_padding(const block_model *b) {
  if (!isnan(b->padding)) return b->padding;
  return ((b->background & 0xff) || (b->border & 0xff)) ? 20.0 : 0.0;
}

double layout_block_padding(const block_model *b) { return block_padding(b); }

void layout_block_panel(layout_ctx *c, const block_model *b, double x, double y, double w, double h) {
  if (!(b->background & 0xff) && !(b->border & 0xff)) return;
  sc_style st = scene_fill(b->background);
  if (b->border & 0xff) {
    st.stroke = b->border;
    st.stroke_width = 1;
  }
  sc_item *r = scene_rect(c->sc, x, y, w, h, st, "block.panel");
  r->rx = 6;
}

/* A group's title is a section heading: larger, under a short accent bar. */
#define SECTION_BAR_H 5.0
#define SECTION_BAR_GAP 12.0
static double title_extra(const block_model *b) {
  return b->kind == BLOCK_GROUP ? SECTION_BAR_H + SECTION_BAR_GAP : 0;
}

/* writing: vertical — the title is one column at the block's right edge
 * (a group's accent bar to its right), the content to its left: the block
 * reads right to left like its text. */
static int title_vertical(const block_model *b) { return b->writing == WRITING_VERTICAL; }

static const text_box *block_title(layout_ctx *c, const block_model *b, double inner_w) {
  /* the type scale: a section (group) title at the subtitle's size, a block's at the heading's */
  double size = b->kind == BLOCK_GROUP ? c->doc->theme.size_subtitle : c->doc->theme.size_heading;
  text_style st = layout_title_style(c, layout_block_lang(c, b), size, 1, c->doc->theme.ink);
  if (title_vertical(b)) {
    st.vertical = 1;
    st.tcy = b->tcy > 0 ? b->tcy : -1;
    return layout_text(c, &b->title, &st, 0, 0);
  }
  return layout_text(c, &b->title, &st, inner_w, 0);
}

/* The width a vertical title takes from the content, gap included. */
static double title_side(const block_model *b, const text_box *t) {
  return t && title_vertical(b) ? t->width + BLOCK_TITLE_GAP + title_extra(b) : 0;
}

double layout_measure_block(layout_ctx *c, const block_model *b, double w) {
  double lead = c->num_lead; /* this block's only: not its children's */
  c->num_lead = 0;
  if (section_owns_frame(b)) return section_measure(c, b, w); /* band, badge: layout/sections.h */
  double pad = block_padding(b);
  double inner = w - 2 * pad;
  if (inner < 1) inner = 1;
  double h = 2 * pad;
  const text_box *t = block_title(c, b, inner);
  const block_ops *ops = layout_block_ops(b->kind);
  if (t && title_vertical(b)) {
    double cw = inner - title_side(b, t);
    if (cw < 1) cw = 1;
    double ch = lead + (ops ? ops->measure(c, b, cw) : 0);
    return h + (ch > t->height ? ch : t->height);
  }
  if (t) h += t->height + BLOCK_TITLE_GAP + title_extra(b);
  if (ops) h += lead + ops->measure(c, b, inner);
  return h;
}

double layout_block_natural(layout_ctx *c, const block_model *b, double w) {
  const block_ops *ops = layout_block_ops(b->kind);
  if (!ops || !ops->natural || section_owns_frame(b) || b->title.s || block_padding(b) > 0) return w;
  double n = ops->natural(c, b, w);
  /* half a px over: laid out again at this width, nothing may wrap */
  n = ceil(n + 0.5);
  return n < w ? n : w;
}

/* Where a block's content starts below its top: padding, and a title
 * above it (a vertical title stands beside it). */
static double content_top(layout_ctx *c, const block_model *b, double w) {
  double pad = block_padding(b), inner = w - 2 * pad;
  const text_box *t = block_title(c, b, inner < 1 ? 1 : inner);
  return pad + (t && !title_vertical(b) ? t->height + BLOCK_TITLE_GAP + title_extra(b) : 0);
}
#define measure_block layout_measure_block

/* Where each block with an id went, for callouts' leader lines; callouts
 * are emitted after everything else so that any block can be a target.
 * Per thread: layout contexts are not shared between threads. */
typedef struct placed_id {
  const char *id;
  const block_model *b;
  double x, y, w, h;
  double content[4]; /* the box its content was emitted into: x, y, w, h */
} placed_id;
typedef struct deferred {
  const block_model *b;
  double x, y, w, h;
} deferred;
static _Thread_local struct {
  placed_id *ids;
  int nids, capids;
  deferred *defer;
  int ndefer, capdefer;
  int deferring;
} reg;

const block_model *layout_find_block(const char *id, double *x, double *y, double *w, double *h, double content[4]) {
  for (int i = 0; i < reg.nids; i++)
    if (!strcmp(reg.ids[i].id, id)) {
      *x = reg.ids[i].x;
      *y = reg.ids[i].y;
      *w = reg.ids[i].w;
      *h = reg.ids[i].h;
      if (content) memcpy(content, reg.ids[i].content, sizeof reg.ids[i].content);
      return reg.ids[i].b;
    }
  return NULL;
}

void layout_emit_block(layout_ctx *c, const block_model *b, double x, double y, double w, double h) {
  double lead = c->num_lead; /* this block's only: not its children's */
  c->num_lead = 0;
  if (b->kind == BLOCK_CALLOUT && reg.deferring) {
    if (reg.ndefer == reg.capdefer) {
      int cap = reg.capdefer ? reg.capdefer * 2 : 8;
      reg.defer = arena_grow(c->a, reg.defer, (size_t)reg.ndefer, (size_t)cap, sizeof *reg.defer);
      reg.capdefer = cap;
    }
    reg.defer[reg.ndefer++] = (deferred){b, x, y, w, h};
    return;
  }
  if (b->id.s) {
    if (reg.nids == reg.capids) {
      int cap = reg.capids ? reg.capids * 2 : 16;
      reg.ids = arena_grow(c->a, reg.ids, (size_t)reg.nids, (size_t)cap, sizeof *reg.ids);
      reg.capids = cap;
    }
    reg.ids[reg.nids++] = (placed_id){b->id.s, b, x, y, w, h, {x, y, w, h}};
  }
  placed_id *mine = b->id.s ? &reg.ids[reg.nids - 1] : NULL;
  if (section_owns_frame(b)) {
    section_emit(c, b, x, y, w, h);
    return;
  }
  double pad = block_padding(b);
  layout_block_panel(c, b, x, y, w, h);
  double ix = x + pad, iy = y + pad, iw = w - 2 * pad, ih = h - 2 * pad;
  const text_box *t = block_title(c, b, iw);
  if (t && title_vertical(b)) {
    double tx = ix + iw - t->width;
    if (title_extra(b) > 0) { /* the accent bar to the right of the column, at its head */
      scene_rect(c->sc, ix + iw - SECTION_BAR_H, iy, SECTION_BAR_H, 40, scene_fill(c->doc->theme.accent),
                 "section.bar");
      tx -= title_extra(b);
    }
    scene_text(c->sc, t, tx, iy, b->kind == BLOCK_GROUP ? "section.title" : "block.title");
    iw -= title_side(b, t);
    if (iw < 1) iw = 1;
  } else if (t) {
    if (title_extra(b) > 0) {
      scene_rect(c->sc, ix, iy, 40, SECTION_BAR_H, scene_fill(c->doc->theme.accent), "section.bar");
      iy += title_extra(b);
      ih -= title_extra(b);
    }
    scene_text(c->sc, t, ix, iy, b->kind == BLOCK_GROUP ? "section.title" : "block.title");
    iy += t->height + BLOCK_TITLE_GAP;
    ih -= t->height + BLOCK_TITLE_GAP;
  }
  const block_ops *ops = layout_block_ops(b->kind);
  if (mine) memcpy(mine->content, (double[4]){ix, iy + lead, iw, ih - lead}, sizeof mine->content);
  if (ops) ops->emit(c, b, ix, iy + lead, iw, ih - lead);
}
#define emit_block layout_emit_block

/* Blocks that can use more height than they measure: on a fixed-height
 * page the leftover goes to the rows holding them, by weight. */
double layout_block_grow(const block_model *b) {
  if (!isnan(b->grow)) return b->grow > 0 ? b->grow : 0;
  if (b->kind == BLOCK_TEXT && b->writing == WRITING_VERTICAL) return 1; /* columns run the frame's height */
  return (b->kind == BLOCK_GROUP || b->kind == BLOCK_CHART || b->kind == BLOCK_SPACER || b->kind == BLOCK_IMAGE) ? 1
                                                                                                                 : 0;
}

typedef struct placed {
  double x, y, w, h;
  int row, rspan;
  double num;  /* the row's shared key-number size (layout_ctx.num_size) */
  double ring; /* the row's shared ring diameter (layout_ctx.ring_d) */
  double lead; /* space above the content: its key numbers on the row's baseline (layout_ctx.num_lead) */
} placed;

/* The context a placed block is measured and emitted in. */
static void enter_block(layout_ctx *c, const placed *p) {
  c->num_size = p->num, c->ring_d = p->ring, c->num_lead = p->lead;
}

/* The width a block's content gets in a box w wide (padding, a vertical
 * title aside). */
static double content_width(const block_model *b, double w) {
  double iw = w - 2 * block_padding(b);
  return iw < 1 ? 1 : iw;
}

/* The diameter a progress ring takes in a box w wide (groups: their
 * rings' smallest); 0 for other blocks.  Rings of a row share the
 * smallest, so they are one size. */
static double ring_want(layout_ctx *c, const block_model *b, double w) {
  w = content_width(b, w);
  if (b->kind == BLOCK_PROGRESS) return progress_ring_size(c, b, w);
  if (b->kind != BLOCK_GROUP) return 0;
  const group_content *g = b->content;
  double *ws = arena_alloc_array(c->a, (size_t)(g->nitems ? g->nitems : 1), sizeof *ws), best = 0;
  group_item_widths(b, w, ws);
  for (int i = 0; i < g->nitems; i++) {
    double v = ring_want(c, &g->items[i], ws[i]);
    if (v > 0 && (best == 0 || v < best)) best = v;
  }
  return best;
}

double layout_number_want(layout_ctx *c, const block_model *b, double w) {
  w = content_width(b, w);
  switch (b->kind) {
  case BLOCK_KPI: return kpi_number_want(c, b, w);
  case BLOCK_PROGRESS: return progress_number_want(c, b, w);
  case BLOCK_PICTOGRAM: return pictogram_number_want(c, b, w);
  case BLOCK_COMPARE: return compare_number_want(c, b, w);
  case BLOCK_GROUP: {
    const group_content *g = b->content;
    double *ws = arena_alloc_array(c->a, (size_t)(g->nitems ? g->nitems : 1), sizeof *ws), best = 0;
    group_item_widths(b, w, ws);
    for (int i = 0; i < g->nitems; i++) {
      double v = layout_number_want(c, &g->items[i], ws[i]);
      if (v > 0 && (best == 0 || v < best)) best = v;
    }
    return best;
  }
  default: return 0;
  }
}

/* Progress bars of one max share one px scale across the page: the
 * narrowest track decides (a bar spanning two columns is not stretched).
 * Compare bars of one unit likewise: the smallest px per unit decides. */
static void bar_scales_add(layout_ctx *c, const block_model *b, double w, int *cap) {
  w = content_width(b, w);
  if (b->kind == BLOCK_GROUP) {
    const group_content *g = b->content;
    double *ws = arena_alloc_array(c->a, (size_t)(g->nitems ? g->nitems : 1), sizeof *ws);
    group_item_widths(b, w, ws);
    for (int i = 0; i < g->nitems; i++) bar_scales_add(c, &g->items[i], ws[i], cap);
    return;
  }
  double max, len;
  const char *unit = NULL;
  if (b->kind == BLOCK_PROGRESS && ((const progress_content *)b->content)->style == PROGRESS_BAR) {
    max = ((const progress_content *)b->content)->max;
    len = w;
  } else if (b->kind == BLOCK_COMPARE && (len = compare_bar_ppu(c, b, w)) > 0) {
    const compare_content *k = b->content;
    max = -1;
    unit = k->unit.s ? k->unit.s : "";
  } else {
    return;
  }
  for (int i = 0; i < c->nbars; i++)
    if (c->bars[i].max == max && (!unit || !strcmp(c->bars[i].unit, unit))) {
      if (len < c->bars[i].len) c->bars[i].len = len;
      return;
    }
  if (c->nbars == *cap) {
    int nc = *cap ? *cap * 2 : 8;
    c->bars = arena_grow(c->a, c->bars, (size_t)c->nbars, (size_t)nc, sizeof *c->bars);
    *cap = nc;
  }
  c->bars[c->nbars++] = (struct layout_bar_scale){max, len, unit};
}

double layout_bar_length(layout_ctx *c, double max, double w) {
  for (int i = 0; i < c->nbars; i++)
    if (c->bars[i].max == max && !c->bars[i].unit) return c->bars[i].len < w ? c->bars[i].len : w;
  return w;
}

double layout_compare_ppu(layout_ctx *c, const char *unit, double own) {
  if (!unit) unit = "";
  for (int i = 0; i < c->nbars; i++)
    if (c->bars[i].max < 0 && !strcmp(c->bars[i].unit, unit)) return c->bars[i].len < own ? c->bars[i].len : own;
  return own;
}

double layout_number_base(layout_ctx *c, const block_model *b, double w) {
  /* only the blocks that set key numbers are measured again (a chart's
   * data is not walked for nothing) */
  int keyed = b->kind == BLOCK_KPI || b->kind == BLOCK_PROGRESS || b->kind == BLOCK_PICTOGRAM || b->kind == BLOCK_COMPARE;
  if (!keyed) return -1;
  double lead = c->num_lead;
  c->num_lead = 0;
  c->num_base = -1;
  measure_block(c, b, w);
  double base = c->num_base >= 0 ? content_top(c, b, w) + c->num_base : -1;
  c->num_base = 0;
  c->num_lead = lead;
  return base;
}

/* Key numbers of a row on one baseline, whatever sits above them (a
 * block's title or padding, a compare block's label): each block's first
 * key number is found by measuring it at the row's number size, and the
 * blocks whose number sits higher than the lowest one get that difference
 * as space above their content (placed.lead).  A group's numbers keep
 * their own places (its children lay themselves out). */
static void row_baselines(layout_ctx *c, placed *pos, int n, int nrows) {
  const doc_model *m = c->doc;
  double *base = arena_alloc_array(c->a, (size_t)n, sizeof *base);
  double *rbase = arena_alloc_array(c->a, (size_t)nrows, sizeof *rbase);
  for (int i = 0; i < n; i++) {
    pos[i].lead = 0;
    enter_block(c, &pos[i]);
    base[i] = pos[i].rspan == 1 ? layout_number_base(c, &m->blocks[i], pos[i].w) : -1;
    if (base[i] > rbase[pos[i].row]) rbase[pos[i].row] = base[i];
  }
  for (int i = 0; i < n; i++)
    if (base[i] >= 0) pos[i].lead = rbase[pos[i].row] - base[i];
  c->num_size = c->ring_d = c->num_lead = 0;
}

/* Row heights from the blocks' heights hs[]: the one-row blocks decide,
 * a taller spanning block grows its rows evenly.  Returns the total with
 * gaps. */
static double row_heights(const placed *pos, const double *hs, int n, int nrows, double gap, double *rowh) {
  for (int r = 0; r < nrows; r++) rowh[r] = 0;
  for (int i = 0; i < n; i++)
    if (pos[i].rspan == 1 && hs[i] > rowh[pos[i].row]) rowh[pos[i].row] = hs[i];
  for (int i = 0; i < n; i++) {
    if (pos[i].rspan == 1) continue;
    double have = (pos[i].rspan - 1) * gap;
    for (int r = pos[i].row; r < pos[i].row + pos[i].rspan; r++) have += rowh[r];
    if (hs[i] > have)
      for (int r = pos[i].row; r < pos[i].row + pos[i].rspan; r++) rowh[r] += (hs[i] - have) / pos[i].rspan;
  }
  double total = nrows > 0 ? (nrows - 1) * gap : 0;
  for (int r = 0; r < nrows; r++) total += rowh[r];
  return total;
}

/* Flow blocks into the grid (auto-placement as CSS grid: in order, each
 * block at the first free place after the previous one wide enough for its
 * span and free for its rowSpan).  With avail_h > 0 (a fixed-height page)
 * the rows fill it: leftover height goes to the rows holding blocks that
 * can grow (layout_block_grow weights); when the natural heights do not
 * fit, those blocks shrink towards their smallest (a chart's small plot),
 * each in proportion to what it can give.  Returns the height used from
 * y0; *nrows_out the number of rows. */
static double flow_grid(layout_ctx *c, double x0, double y0, double cw, double avail_h, placed *pos, int *nrows_out) {
  const doc_model *m = c->doc;
  int n = m->nblocks, cols = m->layout.columns;
  double gap = m->layout.gap;
  double colw = (cw - (cols - 1) * gap) / cols;
  *nrows_out = 0;
  if (!n) return 0;
  int maxrows = 0;
  for (int i = 0; i < n; i++) maxrows += m->blocks[i].row_span;
  unsigned char *occ = arena_alloc_array(c->a, (size_t)maxrows * (size_t)cols, 1);
  double *rowh = arena_alloc_array(c->a, (size_t)maxrows, sizeof *rowh);
  int cr = 0, cc = 0, nrows = 0;
  for (int i = 0; i < n; i++) {
    const block_model *b = &m->blocks[i];
    int span = b->span > cols ? cols : b->span, rs = b->row_span;
    for (;;) {
      if (cc + span > cols) {
        cr++;
        cc = 0;
        continue;
      }
      int free = 1;
      for (int r = cr; r < cr + rs && free; r++)
        for (int k = cc; k < cc + span; k++)
          if (occ[r * cols + k]) free = 0;
      if (free) break;
      cc++;
    }
    for (int r = cr; r < cr + rs; r++)
      for (int k = cc; k < cc + span; k++) occ[r * cols + k] = 1;
    pos[i].x = x0 + cc * (colw + gap);
    pos[i].w = span * colw + (span - 1) * gap;
    pos[i].row = cr;
    pos[i].rspan = rs;
    if (cr + rs > nrows) nrows = cr + rs;
    cc += span;
  }
  *nrows_out = nrows;
  /* key numbers of a row: one size, the smallest that fits them all */
  double *rnum = arena_alloc_array(c->a, (size_t)nrows, sizeof *rnum);
  for (int i = 0; i < n; i++) {
    double v = pos[i].rspan == 1 ? layout_number_want(c, &m->blocks[i], pos[i].w) : 0;
    if (v > 0 && (rnum[pos[i].row] == 0 || v < rnum[pos[i].row])) rnum[pos[i].row] = v;
  }
  for (int i = 0; i < n; i++) pos[i].num = pos[i].rspan == 1 ? rnum[pos[i].row] : 0;
  double *rring = arena_alloc_array(c->a, (size_t)nrows, sizeof *rring);
  for (int i = 0; i < n; i++) {
    c->num_size = pos[i].num; /* rings follow their row's numbers */
    double v = pos[i].rspan == 1 ? ring_want(c, &m->blocks[i], pos[i].w) : 0;
    if (v > 0 && (rring[pos[i].row] == 0 || v < rring[pos[i].row])) rring[pos[i].row] = v;
  }
  c->num_size = 0;
  for (int i = 0; i < n; i++) pos[i].ring = pos[i].rspan == 1 ? rring[pos[i].row] : 0;
  row_baselines(c, pos, n, nrows);
  double *hs = arena_alloc_array(c->a, (size_t)n, sizeof *hs);
  for (int i = 0; i < n; i++) {
    enter_block(c, &pos[i]);
    hs[i] = measure_block(c, &m->blocks[i], pos[i].w);
  }
  c->num_size = c->ring_d = 0;
  double total = row_heights(pos, hs, n, nrows, gap, rowh);
  if (avail_h > 0) {
    /* weight of each row: its growing blocks' largest weight (a spanning
     * block's at its last row) */
    double *wt = arena_alloc_array(c->a, (size_t)nrows, sizeof *wt), wsum = 0;
    for (int i = 0; i < n; i++) {
      double g = layout_block_grow(&m->blocks[i]);
      int r = pos[i].row + pos[i].rspan - 1;
      if (g > wt[r]) wt[r] = g;
    }
    for (int r = 0; r < nrows; r++) wsum += wt[r];
    if (total > avail_h + 0.5 && wsum > 0) {
      /* too tall: growing blocks give back down to their smallest */
      double *mins = arena_alloc_array(c->a, (size_t)n, sizeof *mins);
      double *rmin = arena_alloc_array(c->a, (size_t)nrows, sizeof *rmin);
      c->measure_min = 1;
      for (int i = 0; i < n; i++) {
        enter_block(c, &pos[i]);
        mins[i] = layout_block_grow(&m->blocks[i]) > 0 ? measure_block(c, &m->blocks[i], pos[i].w) : hs[i];
      }
      c->num_lead = 0;
      c->measure_min = 0;
      c->num_size = c->ring_d = 0;
      double tmin = row_heights(pos, mins, n, nrows, gap, rmin);
      if (tmin < total - 0.5) {
        double k = tmin >= avail_h ? 0 : (avail_h - tmin) / (total - tmin);
        if (k > 1) k = 1;
        for (int r = 0; r < nrows; r++) rowh[r] = rmin[r] + k * (rowh[r] - rmin[r]);
        total = tmin + k * (total - tmin);
      }
    } else if (avail_h > total + 0.5 && wsum > 0) {
      for (int r = 0; r < nrows; r++) rowh[r] += (avail_h - total) * wt[r] / wsum;
      total = avail_h;
    }
  }
  for (int i = 0; i < n; i++) {
    double y = y0;
    for (int r = 0; r < pos[i].row; r++) y += rowh[r] + gap;
    double h = (pos[i].rspan - 1) * gap;
    for (int r = pos[i].row; r < pos[i].row + pos[i].rspan; r++) h += rowh[r];
    pos[i].y = y;
    pos[i].h = h; /* panels share their rows' height */
  }
  return total;
}

/* Content shorter than a fixed page's room (nothing could grow into it):
 * layout.align places the rows.  Slides (16:9) centre by default; other
 * fixed pages spread their rows, so the spare is not one band at the foot. */
static void align_rows(const doc_model *m, placed *pos, int nrows, double spare) {
  if (spare <= 0.5 || !nrows) return;
  int al = m->layout.align;
  if (al == LAYOUT_ALIGN_AUTO) al = m->page.size == PAGE_16_9 ? LAYOUT_ALIGN_CENTER : LAYOUT_ALIGN_SPREAD;
  if (al == LAYOUT_ALIGN_SPREAD && nrows == 1) al = LAYOUT_ALIGN_CENTER;
  for (int i = 0; i < m->nblocks; i++) {
    if (al == LAYOUT_ALIGN_CENTER) {
      pos[i].y += spare / 2;
    } else if (al == LAYOUT_ALIGN_SPREAD) { /* the rows spaced evenly: as much above the first as between */
      double part = spare / (nrows + 1);
      pos[i].y += part * (pos[i].row + 1);
      pos[i].h += part * (pos[i].rspan - 1);
    }
  }
}

static scene *try_layout(layout_ctx *c, int report_overflow, int *overflowed) {
  const doc_model *m = c->doc;
  const theme_model *th = &m->theme;
  double W = m->page.width, mg = isnan(m->layout.padding) ? m->page.margin : m->layout.padding;
  if (m->page.auto_width && m->nblocks == 1 && m->blocks[0].kind == BLOCK_CHART) {
    double cw0, ch0;
    chart_stage st = layout_chart_stage(c, m->blocks[0].content);
    chart_size(m->blocks[0].content, &st, 0, 0, &cw0, &ch0);
    W = ceil(cw0 + 2 * mg);
  }
  double cw = W - 2 * mg;
  *overflowed = 0;
  if (cw < 10) {
    const spec_node *page = spec_map_get(m->spec->root, "page");
    diag_spec_error(c->d, page ? spec_loc(m->spec, page) : (src_loc){m->spec->path, 1, 1},
                    "the page is %.0fpx wide but its margins take %.0fpx: no room for content", W, 2 * mg);
    return NULL;
  }
  text_style ts = layout_title_style(c, NULL, th->title_size, 1, th->ink);
  text_style ss = layout_title_style(c, NULL, th->subtitle_size, 0, th->muted);
  text_style fs = layout_style(c, NULL, th->small_size, 0, th->muted);
  const text_box *note = layout_text(c, &m->note, &fs, cw, 0);
  const text_box *source = layout_text(c, &m->source, &fs, cw, 0);
  double footer_h = (note ? note->height : 0) + (note && source ? 4 : 0) + (source ? source->height : 0);
  /* titleWriting: vertical — title and subtitle are columns at the top
   * right (title rightmost), the blocks fill the width to their left from
   * the top margin.  On a fixed-height page the columns wrap at the height
   * above the footer; on an auto-height page each is one column and the
   * page is at least as tall. */
  int vhead = m->page.title_writing == WRITING_VERTICAL;
  const text_box *title, *sub;
  if (vhead) {
    double col = isnan(m->page.height) ? 0 : m->page.height - 2 * mg - (footer_h > 0 ? FOOTER_GAP + footer_h : 0);
    if (!isnan(m->page.height) && col < 1) col = 1;
    ts.vertical = ss.vertical = 1;
    title = layout_text(c, &m->title, &ts, col, 0);
    sub = layout_text(c, &m->subtitle, &ss, col, 0);
  } else {
    title = layout_text(c, &m->title, &ts, cw, 0);
    sub = layout_text(c, &m->subtitle, &ss, cw, 0);
  }

  masthead_l mhead = {0}; /* masthead: the title and subtitle on its field instead */
  if (m->masthead.on && !vhead) mhead = masthead_layout(c, cw, mg), title = sub = NULL;
  /* a band right under the masthead touches it: one field under the other */
  int band_first = m->nblocks && m->blocks[0].kind == BLOCK_GROUP && ((const group_content *)m->blocks[0].content)->band;
  double y = mhead.h > 0 ? mhead.h + (band_first ? 0 : HEADER_GAP) : mg;
  double header_y = y;
  double grid_x = mg, grid_w = cw, header_end = mg;
  if (vhead) {
    double hw = (title ? title->width : 0) + (title && sub ? TITLE_GAP : 0) + (sub ? sub->width : 0);
    if (title || sub) {
      grid_w = cw - hw - HEADER_GAP;
      if (grid_w < 10) {
        diag_spec_error(c->d, (src_loc){m->spec->path, 1, 1},
                        "the vertical title and subtitle take %.0fpx of the page's %.0fpx content width: no room "
                        "for the blocks",
                        hw, cw);
        return NULL;
      }
    }
    if (title) header_end = mg + title->height;
    if (sub && mg + sub->height > header_end) header_end = mg + sub->height;
  } else {
    if (title) y += title->height;
    if (title && sub) y += TITLE_GAP;
    if (sub) y += sub->height;
    if (title || sub) y += HEADER_GAP;
  }

  placed *pos = arena_alloc_array(c->a, (size_t)(m->nblocks ? m->nblocks : 1), sizeof *pos);
  double avail_h = isnan(m->page.height) ? 0 : m->page.height - mg - y - (footer_h > 0 ? FOOTER_GAP + footer_h : 0);
  int nrows;
  double grid_h = flow_grid(c, grid_x, y, grid_w, avail_h, pos, &nrows);
  if (avail_h > 0 && grid_h < avail_h) {
    align_rows(m, pos, nrows, avail_h - grid_h);
    grid_h = avail_h;
  }
  double body_end = y + grid_h > header_end ? y + grid_h : header_end;
  double content_end = body_end + (footer_h > 0 ? FOOTER_GAP + footer_h : 0);

  double H = m->page.height;
  if (isnan(H)) {
    H = ceil(content_end + mg);
    if (H > LIMIT_PAGE_SIDE) {
      /* An auto-height page is still a page: bounded like a fixed one.  A
       * title or subtitle that alone passes the limit is to blame, not the
       * first block below it. */
      const spec_text *head = NULL;
      if (title && mg + title->height > LIMIT_PAGE_SIDE - mg) head = &m->title;
      else if (sub && (vhead ? mg + sub->height : y - HEADER_GAP) > LIMIT_PAGE_SIDE - mg) head = &m->subtitle;
      if (head) {
        const char *what = head == &m->title ? "title" : "subtitle";
        diag_spec_error(c->d, head->loc.line ? head->loc : (src_loc){m->spec->path, 1, 1},
                        "the page grows to %.0fpx high, more than the limit of %.0fpx (the %s passes it): shorten "
                        "the %s",
                        H, LIMIT_PAGE_SIDE, what, what);
        return NULL;
      }
      int culprit = 0;
      while (culprit < m->nblocks - 1 && pos[culprit].y + pos[culprit].h <= LIMIT_PAGE_SIDE - mg) culprit++;
      src_loc at = m->nblocks ? m->blocks[culprit].loc : (src_loc){m->spec->path, 1, 1};
      diag_spec_error(c->d, at,
                      "the page grows to %.0fpx high, more than the limit of %.0fpx (block %d passes it): split the "
                      "content over several specs",
                      H, LIMIT_PAGE_SIDE, m->nblocks ? m->blocks[culprit].index : 0);
      return NULL;
    }
  } else if (content_end + mg > H + 0.5) {
    *overflowed = 1;
    if (report_overflow) {
      double limit = H - mg - (footer_h > 0 ? FOOTER_GAP + footer_h : 0);
      int culprit = -1;
      for (int i = 0; i < m->nblocks; i++)
        if (pos[i].y + pos[i].h > limit + 0.5) {
          culprit = i;
          break;
        }
      if (culprit >= 0) {
        const block_model *b = &m->blocks[culprit];
        /* a chart that sets its own height does not shrink: say so */
        char hint[96] = "";
        const spec_node *ch = b->kind == BLOCK_CHART && b->value ? spec_map_get(b->value, "height") : NULL;
        if (ch && ch->kind == SPEC_SCALAR && strcmp(ch->str, "container"))
          snprintf(hint, sizeof hint, ", lower the chart's own height (height: %.40s) or remove it", ch->str);
        diag_spec_error(c->d, b->loc,
                        "block %d (%s) does not fit on the page: the content needs %.0fpx of height but the page "
                        "has %.0fpx (make the page taller, use height: auto%s, or overflow: shrink)",
                        b->index, block_kind_name(b->kind), ceil(content_end + mg), H, hint);
      } else {
        diag_spec_error(c->d, (src_loc){m->spec->path, 1, 1},
                        "the content needs %.0fpx of height but the page has %.0fpx", ceil(content_end + mg), H);
      }
    }
    return NULL;
  }

  scene *s = scene_new(c->a, W, H, m->page.background);
  c->sc = s;
  s->lang = m->lang;
  s->title = m->title.s;
  s->desc = m->description.s ? m->description.s : summary_describe(m, c->a); /* layout/summary.c */
  if (mhead.h > 0) masthead_emit(c, &mhead, W, mg);
  if (vhead) {
    if (title) scene_text(s, title, W - mg - title->width, header_y, "title");
    if (sub) scene_text(s, sub, W - mg - (title ? title->width + TITLE_GAP : 0) - sub->width, header_y, "subtitle");
  } else {
    if (title) scene_text(s, title, mg, header_y, "title");
    if (sub) scene_text(s, sub, mg, header_y + (title ? title->height + TITLE_GAP : 0), "subtitle");
  }
  reg.nids = reg.capids = reg.ndefer = reg.capdefer = 0;
  reg.ids = NULL;
  reg.defer = NULL;
  reg.deferring = 1;
  c->nbars = 0;
  c->bars = NULL;
  int bcap = 0;
  for (int i = 0; i < m->nblocks; i++) bar_scales_add(c, &m->blocks[i], pos[i].w, &bcap);
  for (int i = 0; i < m->nblocks; i++) {
    enter_block(c, &pos[i]);
    emit_block(c, &m->blocks[i], pos[i].x, pos[i].y, pos[i].w, pos[i].h);
  }
  c->num_size = c->ring_d = 0;
  reg.deferring = 0;
  for (int i = 0; i < reg.ndefer; i++) emit_block(c, reg.defer[i].b, reg.defer[i].x, reg.defer[i].y, reg.defer[i].w, reg.defer[i].h);
  reg.ndefer = 0;
  double fy = H - mg - footer_h;
  if (note) {
    scene_text(s, note, mg, fy, "note");
    fy += note->height + 4;
  }
  if (source) scene_text(s, source, mg, fy, "source");
  return s;
}

/* A theme font as text styles name it (NULL: the lang's fonts), warning
 * when the machine has none of it. */
static const char *theme_font(layout_ctx *c, const spec_text *f) {
  if (!f->s || !*f->s) return NULL;
  char out[512];
  if (!text_font_list_resolve(c->te, f->s, c->doc->lang, out, sizeof out)) {
    text_font_list_warn(c->te, f->s, c->doc->lang, f->loc, c->d);
    return NULL;
  }
  return *out ? arena_strdup(c->a, out) : NULL;
}

scene *layout_document(const doc_model *doc, text_engine *te, arena *a, diag_list *d) {
  layout_ctx c = {doc, te, a, d, NULL, 1.0, NULL, NULL, !isnan(doc->page.height), 0, 0, 0, NULL, 0};
  c.font = theme_font(&c, &doc->theme.font);
  c.title_font = doc->theme.title_font.s ? theme_font(&c, &doc->theme.title_font) : c.font;
  int overflowed;
  int shrink = doc->page.overflow == OVERFLOW_SHRINK;
  scene *s = try_layout(&c, !shrink, &overflowed);
  /* overflow: shrink — scale all text down until the content fits (the
   * geometry is not linear in the scale, so step and re-measure). */
  for (int step = 0; !s && overflowed && shrink && step < 12; step++) {
    c.text_scale *= 0.92;
    s = try_layout(&c, c.text_scale < 0.4, &overflowed);
  }
  if (!s && overflowed && shrink && !d->errors)
    diag_spec_error(d, (src_loc){doc->spec->path, 1, 1}, "the content does not fit the page even with text shrunk to 40%%");
  return s;
}
