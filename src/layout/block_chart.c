/* Chart blocks: the chart grammar sizes and draws itself.  On a fixed
 * page a chart whose spec sets no height fills the box it gets (the row's
 * height, the rest of the page), and can shrink to a small plot when the
 * page is short: measure_min asks for that smallest size. */
#include <math.h>

#include "chart/chart.h"
#include "layout/blocks.h"

#define MIN_PLOT_EXTRA 90.0 /* the smallest plot on a fixed page: 30 px (chart_size's floor) + this */

/* ch's memo in this layout, made on first use (a page has few charts). */
static chart_memo *chart_memo_of(layout_ctx *c, const chart *ch) {
  for (int i = 0; i < c->ncharts; i++)
    if (c->chart_memos[i].chart == ch) return c->chart_memos[i].memo;
  if (c->ncharts == c->capcharts) {
    int cap = c->capcharts ? 2 * c->capcharts : 4;
    c->chart_memos = arena_grow(c->a, c->chart_memos, (size_t)c->ncharts, (size_t)cap, sizeof *c->chart_memos);
    c->capcharts = cap;
  }
  chart_memo *m = chart_memo_new(ch, c->a);
  c->chart_memos[c->ncharts++] = (struct layout_chart_memo){ch, m};
  return m;
}

chart_stage layout_chart_stage(layout_ctx *c, const chart *ch) {
  const doc_model *m = c->doc;
  return (chart_stage){.te = c->te, .a = c->a, .d = c->d, .sc = c->sc, .lang = m ? m->lang : NULL,
                       .size_min = m ? m->theme.size_min : 0, .text_scale = c->text_scale, .font = c->font,
                       .natural = m && m->page.auto_width, .memo = chart_memo_of(c, ch)};
}

double chart_block_measure(layout_ctx *c, const block_model *b, double w) {
  chart_stage st = layout_chart_stage(c, b->content);
  double cw, ch;
  chart_size(b->content, &st, w, 0, &cw, &ch);
  if (c->measure_min) {
    double mw, mh;
    chart_size(b->content, &st, w, 1, &mw, &mh); /* the plot at its floor (or the spec's own height) */
    if (mh + MIN_PLOT_EXTRA < ch) ch = mh + MIN_PLOT_EXTRA;
  }
  return ch;
}

/* The box chart_emit gets inside the content box (x, y, w, h): the width
 * the chart takes, and the frame's height on a fixed page. */
static chart_stage emit_box(layout_ctx *c, const block_model *b, double w, double h, double *ew, double *eh) {
  double cw, ch;
  double room = c->fixed && h > 0 ? h : 0;
  chart_stage st = layout_chart_stage(c, b->content);
  chart_size(b->content, &st, w, room, &cw, &ch);
  *ew = cw < w ? cw : w;
  *eh = room > 0 ? room : ch;
  return st;
}

void chart_block_emit(layout_ctx *c, const block_model *b, double x, double y, double w, double h) {
  double ew, eh;
  chart_stage st = emit_box(c, b, w, h, &ew, &eh);
  chart_emit(b->content, &st, x, y, ew, eh);
}

int chart_block_mark(layout_ctx *c, const block_model *b, double x, double y, double w, double h, chart_probe *p) {
  double ew, eh;
  chart_stage st = emit_box(c, b, w, h, &ew, &eh);
  return chart_mark_at(b->content, &st, x, y, ew, eh, p);
}
