/* An SVG file made fit to sit inline in an HTML page with others (batch's
 * index.html). */
#ifndef HUITU_CLI_SVG_INLINE_H
#define HUITU_CLI_SVG_INLINE_H
#include <stddef.h>

#include "base/buf.h"

/* Appends svg[0..len) to o from its "<svg" on (no XML declaration), with
 * "f<fig>-" put before every id it defines or references (after ` id="`,
 * `href="#` and `url(#`, leftmost first, a match never overlapping the one
 * before), since all the inline SVGs of a page share one id namespace. */
void svg_inline(buf *o, const char *svg, size_t len, int fig);
#endif
