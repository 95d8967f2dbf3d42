/* Large PNGs drawn and encoded in horizontal bands and handed to a sink as
 * they are finished, on all cores (png_bands.c says how). */
#ifndef HUITU_RENDER_PNG_BANDS_H
#define HUITU_RENDER_PNG_BANDS_H
#include <stddef.h>

#include "render/render.h"

/* Rows a band: 256 rows of a 3375-px poster are a 3.5 MB surface. */
#define RENDER_BAND_ROWS 256

/* Draws scene s as a w x h PNG (scale device px per user px; opaque: RGB,
 * else RGBA) band by band, passing the file's bytes to sink in order.
 * o->band_rows (> 0) and o->threads (> 0) override the defaults.  Returns
 * 0, or -1 with a message in err (the sink's own failure included: the
 * sink keeps its reason). */
int render_png_bands(renderer *r, const scene *s, int w, int h, double scale, int opaque, const render_opts *o,
                     render_sink sink, void *sink_ctx, char *err, size_t errlen);
#endif
