/* Block layout functions, one pair (measure, emit) per block kind; the
 * table that maps kinds to them is in blocks_table.c.  A new block type
 * adds its pair here, its file under layout/, and one row to the table. */
#ifndef HUITU_LAYOUT_BLOCKS_H
#define HUITU_LAYOUT_BLOCKS_H
#include "layout/layout.h"

#define BLOCK_OPS(name)                                                              \
  double name##_measure(layout_ctx *c, const block_model *b, double w);              \
  void name##_emit(layout_ctx *c, const block_model *b, double x, double y, double w, double h)

BLOCK_OPS(text);
BLOCK_OPS(kpi);
BLOCK_OPS(divider);
BLOCK_OPS(spacer);
BLOCK_OPS(chart_block);
#endif
