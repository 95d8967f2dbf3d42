/* One scene walker for every backend (as cairo's surface backends: the
 * front end decides, a small table of operations draws).
 *
 * render_walk goes through the scene once, in order, and decides what every
 * backend would otherwise decide on its own, so PNG, PDF and SVG cannot
 * drift apart:
 *  - clips: pushes and pops are kept balanced (a pop without a push is
 *    dropped, clips still open at the end are popped), and a clip rect
 *    with a negative or non-finite side clips everything away;
 *  - opacity: an item's style opacity of 0, NaN or >= 1 means "unset" (1);
 *    it multiplies the fill and the stroke alphas separately, not a group;
 *  - what is drawn: a shape with no visible fill and no stroke of positive
 *    width is not passed on; a text item without a text box neither;
 *  - transforms: a text item's rotation is in degrees about (x, y), 0 when
 *    not finite.
 *
 * The walker reads the scene through an sc_cursor: a run of markers
 * (SC_MARKERS) reaches the backends as its markers, each the SC_PATH or
 * SC_RECT item it stands for, so every backend draws a run exactly as the
 * same markers made one item each.
 *
 * A backend implements the operations below.  Adding an item kind means a
 * case in render_walk and an operation in each backend's table. */
#ifndef HUITU_RENDER_WALK_H
#define HUITU_RENDER_WALK_H
#include "scene/scene.h"

/* What the walker decided for one item. */
typedef struct render_style {
  double opacity; /* in (0, 1]: multiplies every alpha of the item */
  double rotate;  /* text: degrees about (it->x, it->y), finite; 0 = none */
  int fill;       /* shapes: the fill is drawn */
  int stroke;     /* shapes: the stroke is drawn (a colour and a width > 0) */
} render_style;

typedef struct render_ops {
  /* The page's colour (called first, only when it is not transparent). */
  void (*background)(void *ctx, uint32_t rgba);
  /* Clip to the rect (user px, w and h >= 0) until the matching pop_clip. */
  void (*push_clip)(void *ctx, double x, double y, double w, double h);
  void (*pop_clip)(void *ctx);
  /* Optional (NULL: none): marker stamping.  Called for every SC_RECT and
   * SC_PATH item before anything else is decided about it, with the
   * cursor at it (a copy of it reads the items that follow, a run's
   * markers one by one); returns how many items from there on the backend
   * has drawn itself (a run of markers), 0 when the walker should go on
   * with the item. */
  int (*markers)(void *ctx, const sc_cursor *at);
  /* An SC_RECT or SC_PATH: fill and/or stroke as st says.  One operation
   * for both, since SVG writes them as one element and cairo reuses the
   * path. */
  void (*shape)(void *ctx, const sc_item *it, const render_style *st);
  /* An SC_TEXT with its text box: every run's glyphs, in the run's colour
   * times st->opacity, rotated by st->rotate. */
  void (*text)(void *ctx, const sc_item *it, const render_style *st);
  /* An SC_IMAGE: its checked bytes scaled into x, y, w, h. */
  void (*image)(void *ctx, const sc_item *it);
} render_ops;

/* Walks s with ops on ctx.  Every operation may be NULL except where a
 * backend needs it: a NULL operation skips what it would draw (a pass that
 * only looks at text sets text alone). */
void render_walk(const scene *s, const render_ops *ops, void *ctx);

/* The decisions above for one item, for code that draws an item outside a
 * walk (marker sprites, runs of markers): returns 0 when it draws nothing. */
int render_style_of(const sc_item *it, render_style *st);
double render_opacity(const sc_style *st);
#endif
