/* group: a nested row or column of blocks, flexbox-like.  Row: widths from
 * basis plus a grow-weighted share of what is left (children without basis
 * or grow share equally); heights stretch to the tallest unless align says
 * otherwise.  Column: stacked at their measured heights; extra height (a
 * fixed page, a spanning cell) goes to children with grow, else justify
 * places them. */
#include "layout/block_info.h"
#include "model/infographic.h"

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

double group_measure(layout_ctx *c, const block_model *b, double w) {
  const group_content *g = b->content;
  if (!g->nitems) return 0;
  if (g->direction == DIR_COLUMN) {
    double h = (g->nitems - 1) * g->gap;
    for (int i = 0; i < g->nitems; i++) h += layout_measure_block(c, &g->items[i], w);
    return h;
  }
  double *ws = arena_alloc_array(c->a, (size_t)g->nitems, sizeof *ws), lead, between, h = 0;
  row_widths(g, w, ws, &lead, &between);
  for (int i = 0; i < g->nitems; i++) {
    double hh = layout_measure_block(c, &g->items[i], ws[i]);
    if (hh > h) h = hh;
  }
  return h;
}

void group_emit(layout_ctx *c, const block_model *b, double x, double y, double w, double h) {
  const group_content *g = b->content;
  int n = g->nitems;
  if (!n) return;
  double *hs = arena_alloc_array(c->a, (size_t)n, sizeof *hs);
  if (g->direction == DIR_COLUMN) {
    double used = (n - 1) * g->gap, gsum = 0;
    for (int i = 0; i < n; i++) {
      hs[i] = layout_measure_block(c, &g->items[i], w);
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
      layout_emit_block(c, &g->items[i], x, yy, w, hs[i]);
      yy += hs[i] + between;
    }
    return;
  }
  double *ws = arena_alloc_array(c->a, (size_t)n, sizeof *ws), lead, between;
  row_widths(g, w, ws, &lead, &between);
  double xx = x + lead;
  for (int i = 0; i < n; i++) {
    double hh = h, yy = y;
    if (g->align != GA_STRETCH) {
      hh = layout_measure_block(c, &g->items[i], ws[i]);
      if (hh > h) hh = h;
      if (g->align == GA_CENTER) yy = y + (h - hh) / 2;
      else if (g->align == GA_END) yy = y + h - hh;
    }
    layout_emit_block(c, &g->items[i], xx, yy, ws[i], hh);
    xx += ws[i] + between;
  }
}
