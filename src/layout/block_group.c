/* group: a nested row or column of blocks, flexbox-like.  Row: widths from
 * basis plus a grow-weighted share of what is left (children without basis
 * or grow share equally); heights stretch to the tallest unless align says
 * otherwise.  Column: stacked at their measured heights; extra height (a
 * fixed page, a spanning cell) goes to children with grow, else justify
 * places them; align center/end sets a child that has a natural width
 * (text, key numbers: block_ops.natural) at that width, centred or at
 * the end, as flexbox does (stretch and start: the column's width).
 *
 * A section's hero (hero: true): its first child with a primary key
 * number is set from a number size HERO_SCALE times the frame's (as far
 * as it fits its width), and its other children share one size, the
 * smallest their numbers fit at, instead of the hero's row's. */
#include "layout/block_info.h"
#include "model/infographic.h"

#define HERO_SCALE 1.5

static void row_widths(const group_content *g, double w, double *out, double *lead, double *between) {
  int n = g->nitems;
  double avail = w - (n - 1) * g->gap, fixed = 0, gsum = 0;
  for (int i = 0; i < n; i++) {
    const block_model *b = &g->items[i];
    if (!isnan(b->basis)) fixed += b->basis;
    gsum += isnan(b->grow) ? (isnan(b->basis) ? 1 : 0) : b->grow;
  }
  double rest = avail - fixed, k = 1;
  if (rest < 0) { /* bases overflow: shrink them in proportion */
    k = fixed > 0 ? avail / fixed : 1;
    rest = 0;
  }
  *lead = 0;
  *between = g->gap;
  for (int i = 0; i < n; i++) {
    const block_model *b = &g->items[i];
    double gr = isnan(b->grow) ? (isnan(b->basis) ? 1 : 0) : b->grow;
    out[i] = (isnan(b->basis) ? 0 : b->basis * k) + (gsum > 0 ? rest * gr / gsum : 0);
  }
  if (gsum <= 0 && rest > 0) {
    if (g->justify == GJ_CENTER) *lead = rest / 2;
    else if (g->justify == GJ_END) *lead = rest;
    else if (g->justify == GJ_SPACE_BETWEEN && n > 1) *between = g->gap + rest / (n - 1);
  }
}

void group_item_widths(const block_model *b, double w, double *out) {
  const group_content *g = b->content;
  if (g->direction == DIR_COLUMN) {
    for (int i = 0; i < g->nitems; i++) out[i] = w;
    return;
  }
  double lead, between;
  row_widths(g, w, out, &lead, &between);
}

static int primary_number(const block_model *b) {
  switch (b->kind) {
  case BLOCK_KPI: return ((const kpi_content *)b->content)->emphasis == EMPHASIS_PRIMARY;
  case BLOCK_PROGRESS: return ((const progress_content *)b->content)->emphasis == EMPHASIS_PRIMARY;
  case BLOCK_PICTOGRAM: return ((const pictogram_content *)b->content)->emphasis == EMPHASIS_PRIMARY;
  default: return 0;
  }
}

/* The key-number size each child is laid out with (layout_ctx.num_size):
 * the group's own (its row's), or with a hero the hero's and the rest's.
 * ws: the children's widths. */
static void child_num_sizes(layout_ctx *c, const group_content *g, const double *ws, double *num) {
  int hero = -1;
  for (int i = 0; i < g->nitems; i++) num[i] = c->num_size;
  for (int i = 0; g->hero && i < g->nitems && hero < 0; i++)
    if (primary_number(&g->items[i]) && layout_number_want(c, &g->items[i], ws[i]) > 0) hero = i;
  if (hero < 0) return;
  double rest = 0;
  for (int i = 0; i < g->nitems; i++) {
    double v = i == hero ? 0 : layout_number_want(c, &g->items[i], ws[i]);
    if (v > 0 && (rest == 0 || v < rest)) rest = v;
  }
  /* the hero's fit from the larger top: number sizes step down from the
   * theme's (block_info.h), so it fits under a doc whose theme says more */
  doc_model big = *c->doc;
  const theme_model *th = &c->doc->theme;
  big.theme.size_number = (th->size_number > 0 ? th->size_number : th->body_size * NUM_TOP) * HERO_SCALE;
  const doc_model *was = c->doc;
  c->doc = &big;
  double hv = layout_number_want(c, &g->items[hero], ws[hero]);
  c->doc = was;
  for (int i = 0; i < g->nitems; i++) num[i] = i == hero ? hv : rest;
}

/* A row's children with key numbers on one baseline (page.c
 * layout_number_base): the space each takes above its content. */
static void child_leads(layout_ctx *c, const group_content *g, const double *ws, const double *num, double *lead) {
  double low = -1, was = c->num_size;
  for (int i = 0; i < g->nitems; i++) {
    c->num_size = num[i];
    lead[i] = g->direction == DIR_ROW ? layout_number_base(c, &g->items[i], ws[i]) : -1;
    if (lead[i] > low) low = lead[i];
  }
  c->num_size = was;
  for (int i = 0; i < g->nitems; i++) lead[i] = lead[i] >= 0 ? low - lead[i] : 0;
}

static double child_measure(layout_ctx *c, const block_model *b, double w, double num, double lead) {
  double was = c->num_size;
  c->num_size = num;
  c->num_lead = lead;
  double h = layout_measure_block(c, b, w);
  c->num_size = was;
  return h;
}

static void child_emit(layout_ctx *c, const block_model *b, double x, double y, double w, double h, double num,
                       double lead) {
  double was = c->num_size;
  c->num_size = num;
  c->num_lead = lead;
  layout_emit_block(c, b, x, y, w, h);
  c->num_size = was;
}

double group_measure(layout_ctx *c, const block_model *b, double w) {
  const group_content *g = b->content;
  if (!g->nitems) return 0;
  double *ws = arena_alloc_array(c->a, (size_t)g->nitems, sizeof *ws), h = 0;
  double *num = arena_alloc_array(c->a, (size_t)g->nitems, sizeof *num);
  double *lead = arena_alloc_array(c->a, (size_t)g->nitems, sizeof *lead);
  group_item_widths(b, w, ws);
  child_num_sizes(c, g, ws, num);
  child_leads(c, g, ws, num, lead);
  if (g->direction == DIR_COLUMN) {
    h = (g->nitems - 1) * g->gap;
    for (int i = 0; i < g->nitems; i++) h += child_measure(c, &g->items[i], w, num[i], 0);
    return h;
  }
  for (int i = 0; i < g->nitems; i++) {
    double hh = child_measure(c, &g->items[i], ws[i], num[i], lead[i]);
    if (hh > h) h = hh;
  }
  return h;
}

void group_emit(layout_ctx *c, const block_model *b, double x, double y, double w, double h) {
  const group_content *g = b->content;
  int n = g->nitems;
  if (!n) return;
  double *hs = arena_alloc_array(c->a, (size_t)n, sizeof *hs);
  double *ws = arena_alloc_array(c->a, (size_t)n, sizeof *ws);
  double *num = arena_alloc_array(c->a, (size_t)n, sizeof *num);
  double *nlead = arena_alloc_array(c->a, (size_t)n, sizeof *nlead);
  group_item_widths(b, w, ws);
  child_num_sizes(c, g, ws, num);
  child_leads(c, g, ws, num, nlead);
  if (g->direction == DIR_COLUMN) {
    double used = (n - 1) * g->gap, gsum = 0;
    for (int i = 0; i < n; i++) {
      hs[i] = child_measure(c, &g->items[i], w, num[i], 0);
      used += hs[i];
      gsum += isnan(g->items[i].grow) ? 0 : g->items[i].grow;
    }
    double extra = h - used, lead = 0, between = g->gap;
    if (extra > 0.5) {
      double fsum = 0; /* a fixed page: charts, images, spacers take it (layout_block_grow) */
      for (int i = 0; i < n && gsum <= 0 && c->fixed; i++) fsum += g->items[i].kind == BLOCK_GROUP ? 0 : layout_block_grow(&g->items[i]);
      if (gsum > 0) {
        for (int i = 0; i < n; i++)
          if (!isnan(g->items[i].grow)) hs[i] += extra * g->items[i].grow / gsum;
      } else if (fsum > 0) {
        for (int i = 0; i < n; i++)
          if (g->items[i].kind != BLOCK_GROUP) hs[i] += extra * layout_block_grow(&g->items[i]) / fsum;
      } else if (g->justify == GJ_CENTER) {
        lead = extra / 2;
      } else if (g->justify == GJ_END) {
        lead = extra;
      } else if (g->justify == GJ_SPACE_BETWEEN && n > 1) {
        between += extra / (n - 1);
      }
    }
    double yy = y + lead;
    for (int i = 0; i < n; i++) {
      /* align across a column: a child as wide as its content, placed */
      double cw = g->align == GA_CENTER || g->align == GA_END ? layout_block_natural(c, &g->items[i], w) : w;
      double cx = x + (g->align == GA_CENTER ? (w - cw) / 2 : g->align == GA_END ? w - cw : 0);
      child_emit(c, &g->items[i], cx, yy, cw, hs[i], num[i], 0);
      yy += hs[i] + between;
    }
    return;
  }
  double lead, between;
  row_widths(g, w, ws, &lead, &between);
  double xx = x + lead;
  for (int i = 0; i < n; i++) {
    double hh = h, yy = y;
    if (g->align != GA_STRETCH) {
      hh = child_measure(c, &g->items[i], ws[i], num[i], nlead[i]);
      if (hh > h) hh = h;
      if (g->align == GA_CENTER) yy = y + (h - hh) / 2;
      else if (g->align == GA_END) yy = y + h - hh;
    }
    child_emit(c, &g->items[i], xx, yy, ws[i], hh, num[i], nlead[i]);
    xx += ws[i] + between;
  }
}
