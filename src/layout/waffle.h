/* The waffle style of progress and pictogram blocks: a grid of square
 * cells (10 x 10 for a share), filled in reading order, the last filled
 * cell cut at its exact fraction.  block_progress.c and block_pictogram.c
 * hand a waffle block to these (layout/block_waffle.c). */
#ifndef HUITU_LAYOUT_WAFFLE_H
#define HUITU_LAYOUT_WAFFLE_H
#include "layout/layout.h"

/* The block's height at width w; draws it at (x, y) when emit. */
double waffle_progress_do(layout_ctx *c, const block_model *b, double x, double y, double w, int emit);
double waffle_pictogram_do(layout_ctx *c, const block_model *b, double x, double y, double w, int emit);
/* A pictogram's key and note (block_pictogram.c), for both styles. */
double pictogram_key_note(layout_ctx *c, const block_model *b, const char *zh_per, const char *en_per, double x,
                          double y, double w, int emit);
#endif
