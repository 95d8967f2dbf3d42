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
BLOCK_OPS(compare);
BLOCK_OPS(progress);
BLOCK_OPS(pictogram);
BLOCK_OPS(table);
BLOCK_OPS(callout);
BLOCK_OPS(image);
BLOCK_OPS(group);
BLOCK_OPS(timeline);
BLOCK_OPS(ranking);

/* The content's own width in a box w wide (block_ops.natural). */
double text_natural(layout_ctx *c, const block_model *b, double w);
double kpi_natural(layout_ctx *c, const block_model *b, double w);
/* A whole block's own width in a box w wide: its content's plus padding
 * when its kind has a natural width and it has no title or panel, else w
 * (page.c). */
double layout_block_natural(layout_ctx *c, const block_model *b, double w);

/* Key numbers: the size a block's primary number fits at width w (its
 * say in its row's shared size, see block_info.h); 0 when it has none. */
double kpi_number_want(layout_ctx *c, const block_model *b, double w);
double progress_number_want(layout_ctx *c, const block_model *b, double w);
double pictogram_number_want(layout_ctx *c, const block_model *b, double w);
double compare_number_want(layout_ctx *c, const block_model *b, double w);
/* A progress ring's own diameter in a box w wide; 0 for a bar. */
double progress_ring_size(layout_ctx *c, const block_model *b, double w);
/* The same for any block, a group asking its children (page.c). */
double layout_number_want(layout_ctx *c, const block_model *b, double w);
/* The length of a progress track for this max in a box w wide: one px
 * scale per max across the page (page.c). */
double layout_bar_length(layout_ctx *c, double max, double w);
/* Compare bars (style: bars) in a box w wide: px per unit of their own
 * scale, 0 for other styles (block_compare.c); the page's shared px per
 * unit for this unit, no more than own (page.c). */
double compare_bar_ppu(layout_ctx *c, const block_model *b, double w);
double layout_compare_ppu(layout_ctx *c, const char *unit, double own);
/* A row group's child widths (block_group.c). */
void group_item_widths(const block_model *b, double w, double *out);

/* A block's padding (its own, else 20 with a panel, else 0), and its
 * panel (background, border) when it has one; in page.c. */
double layout_block_padding(const block_model *b);
void layout_block_panel(layout_ctx *c, const block_model *b, double x, double y, double w, double h);
/* A whole block (panel, title, content), for groups; in page.c. */
double layout_measure_block(layout_ctx *c, const block_model *b, double w);
void layout_emit_block(layout_ctx *c, const block_model *b, double x, double y, double w, double h);
/* Where the block's first key number has its baseline, from the block's
 * top, when it is w wide (at layout_ctx.num_size); -1 when it sets none.
 * Blocks side by side (a grid row, a row group) put theirs on one
 * baseline by giving each the difference to the lowest as
 * layout_ctx.num_lead before it is measured and emitted (page.c). */
double layout_number_base(layout_ctx *c, const block_model *b, double w);
/* Can the block take spare height on a fixed page (charts, images,
 * spacers, groups, any block with grow > 0)?  Its weight, 0 when not. */
double layout_block_grow(const block_model *b);
/* The emitted block with this id and the box it got (callouts), content
 * (may be NULL) the box inside its padding and title; NULL when none. */
const block_model *layout_find_block(const char *id, double *x, double *y, double *w, double *h, double content[4]);
/* Where the mark of p's datum is in the chart block b emitted into the
 * content box (x, y, w, h) (block_chart.c); returns p->found. */
struct chart_probe;
int chart_block_mark(layout_ctx *c, const block_model *b, double x, double y, double w, double h, struct chart_probe *p);
#endif
