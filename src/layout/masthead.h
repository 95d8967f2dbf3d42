/* A poster's masthead (masthead: in a spec): the page's title, subtitle
 * and a kicker (the city or office, the years) on a colour field running
 * across the page's top edge, as a communications office heads a long
 * image; the blocks start under it. */
#ifndef HUITU_LAYOUT_MASTHEAD_H
#define HUITU_LAYOUT_MASTHEAD_H
#include "layout/layout.h"

typedef struct masthead_l {
  const text_box *kicker, *title, *sub;
  double h; /* the field's height from the page's top edge */
} masthead_l;

/* Lay the header out for a content width cw inside margins mg. */
masthead_l masthead_layout(layout_ctx *c, double cw, double mg);
/* Draw it on a page W wide (c->sc set). */
void masthead_emit(layout_ctx *c, const masthead_l *l, double W, double mg);
#endif
