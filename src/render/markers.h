/* Stamped markers: the raster backend's fast path for scenes with many
 * small circles (scatter plots of 10^5..10^6 points).
 *
 * cairo fills or strokes each circle as a path: ~26,000 instructions a
 * marker, 5 s for a million.  Here each distinct marker — its paint, size,
 * the pixel scale and where its centre falls inside a pixel, quantised to
 * 1/MARKER_PHASES px — is drawn once by cairo into a small premultiplied
 * ARGB sprite, and every marker is then composited from its sprite straight
 * into the image's pixels with cairo's OVER arithmetic (pixman's rounding),
 * one marker after another, so overlapping translucent markers still
 * accumulate exactly as separate cairo draws do.  A sprite holds the fill
 * and the stroke composited together; OVER is associative, so stamping it
 * equals drawing the fill and then the stroke (up to 8-bit rounding).
 *
 * The only difference from cairo's own drawing is the centre, moved by at
 * most 1/(2*MARKER_PHASES) = 1/32 px (tests/unit/test_markers.c: against
 * cairo, max channel difference ~44/255 at a few edge pixels, mean 0.2-0.3;
 * centres on the 1/16 grid give at most 2/255).  Ordinary charts are not
 * affected: stamping is used only when a scene has at least
 * MARKER_STAMP_MIN circles sharing few styles (marker_worth_stamping);
 * otherwise cairo draws them, byte for byte as before.  A million markers:
 * 0.5 s for the whole `huitu render` instead of 3.1-5.5 s.
 *
 * Deterministic: a sprite depends only on its key, so the pixels do not
 * depend on what the cache held before. */
#ifndef HUITU_RENDER_MARKERS_H
#define HUITU_RENDER_MARKERS_H
#include <stdint.h>

#include "scene/scene.h"

#define MARKER_PHASE_BITS 4 /* 16 sub-pixel positions per axis */
#define MARKER_PHASES (1 << MARKER_PHASE_BITS)
#define MARKER_STAMP_MIN 256 /* circles in a scene before stamping pays off */
#define MARKER_USES_PER_STYLE 64 /* circles per distinct style, on average */

typedef struct marker_cache marker_cache;

/* The pixels stamped into: cairo image data (CAIRO_FORMAT_ARGB32 or
 * RGB24, native-endian 0xAARRGGBB words), user space scaled by `scale`. */
typedef struct marker_target {
  unsigned char *data;
  int width, height, stride;
  double scale;
} marker_target;

/* Whether stamping pays off for scene s: at least MARKER_STAMP_MIN
 * circles, and few distinct styles (paint and radius) for their number — a
 * scatter plot coloured by a continuous field can give every point its
 * own colour, and then rendering a sprite per point would cost more than
 * cairo drawing it.  A function of the scene alone, so the same scene is
 * always drawn the same way, whatever the cache holds. */
int marker_worth_stamping(const scene *s);

marker_cache *marker_cache_new(void);
void marker_cache_free(marker_cache *mc); /* NULL is a no-op */

/* Stamps circle item `it` (SC_PATH, SC_SHAPE_CIRCLE) into t when its whole
 * sprite lies inside the device-pixel box clip = {x0, y0, x1, y1} (pixels
 * x0 <= x < x1 that the current clip covers entirely) and the marker is
 * small and undashed.  Returns 1 when stamped, 0 when the caller must draw
 * it with cairo instead (the pixels are then untouched).  The caller
 * flushes the cairo surface before and marks it dirty after. */
int marker_stamp(marker_cache *mc, const sc_item *it, const marker_target *t, const int clip[4]);
#endif
