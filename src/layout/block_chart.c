/* Chart blocks: the chart grammar sizes and draws itself. */
#include "chart/chart.h"
#include "layout/blocks.h"

double chart_block_measure(layout_ctx *c, const block_model *b, double w) {
  double cw, ch;
  chart_size(b->content, c, w, 0, &cw, &ch);
  return ch;
}

void chart_block_emit(layout_ctx *c, const block_model *b, double x, double y, double w, double h) {
  double cw, ch;
  chart_size(b->content, c, w, 0, &cw, &ch);
  chart_emit(b->content, c, x, y, cw < w ? cw : w, ch);
}

