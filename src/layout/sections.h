/* Sections (layout/block_section.c): a group with band: true, badge: true
 * or a subtitle draws its own frame — the band to the page's edges, the
 * header with its numbered badge or accent bar — and page.c hands such a
 * block to these instead of drawing a panel and a title. */
#ifndef HUITU_LAYOUT_SECTIONS_H
#define HUITU_LAYOUT_SECTIONS_H
#include "layout/layout.h"

/* Does b draw its own frame (page.c asks before its generic one)? */
int section_owns_frame(const block_model *b);
/* The whole block at width w: band padding, header and the group. */
double section_measure(layout_ctx *c, const block_model *b, double w);
void section_emit(layout_ctx *c, const block_model *b, double x, double y, double w, double h);
/* Its badge's number (number:, else counted over the page's badged groups
 * in reading order from 1); 0 without a badge. */
int section_number(const layout_ctx *c, const block_model *b);
/* The section's accent (its own, else the theme's), and its band's colour
 * (background:, else the accent as a light tint of the page). */
uint32_t section_accent(const layout_ctx *c, const block_model *b);
uint32_t section_band_color(const layout_ctx *c, const block_model *b);
#endif
