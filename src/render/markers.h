/* Markers: the backends' fast path for scenes with many small repeated
 * shapes (scatter plots of 10^5..10^6 points).
 *
 * A marker is a small undashed item whose look does not depend on where it
 * is: a circle (its centre and radius), a square SC_RECT, or a path of at
 * most MARKER_MAX_PTS points (triangles, diamonds, crosses, ticks), filled,
 * stroked or both.  Its marker_key is everything but its position: paint,
 * stroke, and the shape relative to its anchor (a circle's centre, a rect's
 * top-left corner, a path's first point).  A path's points are kept relative
 * to the anchor quantised to 1/unit px: the scene stores them as floats, so
 * the same triangle at two places differs in the last bits, and an exact
 * key would make every marker its own.
 *
 * PNG (marker_stamp): cairo fills or strokes each marker as a path, ~26,000
 * instructions a circle, 5 s for a million.  Here each distinct marker and
 * the position of its anchor inside a pixel, quantised to 1/MARKER_PHASES
 * px, is drawn once by cairo into a small premultiplied ARGB sprite, and
 * every marker is then composited from its sprite straight into the image's
 * pixels with cairo's OVER arithmetic (pixman's rounding), one marker after
 * another, so overlapping translucent markers still accumulate exactly as
 * separate cairo draws do.  A sprite holds the fill and the stroke
 * composited together; OVER is associative, so stamping it equals drawing
 * the fill and then the stroke (up to 8-bit rounding).
 *
 * The only difference from cairo's own drawing is the anchor, moved by at
 * most 1/(2*MARKER_PHASES) = 1/32 px, and a path's other points by at most
 * 1/(2*MARKER_PNG_UNIT) = 1/128 px more (tests/unit/test_markers.c: against
 * cairo, max channel difference ~44/255 at a few edge pixels, mean 0.2-0.3;
 * anchors on the 1/16 grid give at most 2/255).  Ordinary charts are not
 * affected: stamping is used only when a scene has at least
 * MARKER_STAMP_MIN markers sharing few looks (marker_worth_stamping);
 * otherwise cairo draws them, byte for byte as before.  A million markers:
 * 0.5 s for the whole `huitu render` instead of 3.1-5.5 s.
 *
 * PDF uses the same keys (pdf_marks.h): each distinct marker is written
 * once as a form XObject and placed at every point.
 *
 * Deterministic: a sprite depends only on its key, so the pixels do not
 * depend on what the cache held before. */
#ifndef HUITU_RENDER_MARKERS_H
#define HUITU_RENDER_MARKERS_H
#include <stddef.h>
#include <stdint.h>

#include "scene/scene.h"

#define MARKER_PHASE_BITS 4 /* 16 sub-pixel positions per axis */
#define MARKER_PHASES (1 << MARKER_PHASE_BITS)
#define MARKER_STAMP_MIN 256     /* markers in a scene before stamping pays off */
#define MARKER_USES_PER_STYLE 64 /* markers per distinct key, on average */
#define MARKER_MAX_PTS 16        /* points of the longest path marker */
#define MARKER_MAX_EXTENT 32.0   /* device px from the anchor; larger items are not markers */
#define MARKER_PNG_UNIT 64.0     /* PNG keys: path points in 1/64 device px */

typedef enum { MARKER_CIRCLE = 1, MARKER_RECT, MARKER_PATH } marker_kind;

/* A marker's look.  Built by marker_key_of (memset first), so keys compare
 * and hash as bytes. */
typedef struct marker_key {
  uint32_t fill, stroke; /* 0 when not drawn */
  float stroke_width, opacity;
  int32_t round_cap;
  int32_t kind;  /* marker_kind */
  int32_t n;     /* MARKER_PATH: points */
  int32_t pad_;  /* zero */
  double scale;  /* device px per user px */
  double a;      /* circle: radius; rect: side (user px) */
  double unit;   /* MARKER_PATH: q is in 1/unit device px */
  uint8_t ops[MARKER_MAX_PTS];          /* MARKER_PATH: sc_op of each point */
  int32_t q[MARKER_MAX_PTS][2];         /* MARKER_PATH: point minus anchor */
} marker_key;

/* Whether item `it` is a marker at `scale` device px per user px (path
 * points quantised to 1/unit device px).  If so, fills *k and the anchor
 * (*ax, *ay) in user px.  A marker that draws nothing (no fill, no stroke)
 * is a marker with k->fill == k->stroke == 0. */
int marker_key_of(const sc_item *it, double scale, double unit, marker_key *k, double *ax, double *ay);

/* A hash of all of k's bytes. */
size_t marker_key_hash(const marker_key *k);

/* How far from its anchor a marker's ink can reach, in device px along
 * either axis, antialiasing aside (miters included); at most
 * MARKER_MAX_EXTENT for every key marker_key_of makes. */
double marker_key_extent(const marker_key *k);

/* The item a key draws, with its anchor at the user-space origin: what
 * render_draw_shape needs to draw it (pts: MARKER_MAX_PTS of storage). */
sc_item marker_key_item(const marker_key *k, sc_pt *pts);

/* Whether the fast paths pay off for scene s: at least MARKER_STAMP_MIN
 * markers, and few distinct keys for their number — a scatter plot
 * coloured by a continuous field can give every point its own colour, and
 * then rendering a sprite per point would cost more than cairo drawing it.
 * A function of the scene alone, so the same scene is always drawn the same
 * way, whatever the cache holds. */
int marker_worth_stamping(const scene *s);

typedef struct marker_cache marker_cache;

/* The pixels stamped into: cairo image data (CAIRO_FORMAT_ARGB32 or
 * RGB24, native-endian 0xAARRGGBB words), user space scaled by `scale`.
 * A band of a larger image (render/png_bands.c) holds the page's rows
 * oy to oy + height - 1; clips and positions stay in page pixels. */
typedef struct marker_target {
  unsigned char *data;
  int width, height, stride;
  double scale;
  int oy; /* the page row of data's first row; 0 for a whole page */
} marker_target;

marker_cache *marker_cache_new(void);
void marker_cache_free(marker_cache *mc); /* NULL is a no-op */

/* Stamps item `it` into t when it is a marker whose whole sprite lies
 * inside the device-pixel box clip = {x0, y0, x1, y1} (page pixels
 * x0 <= x < x1 that the current clip covers entirely); only its rows that
 * t holds are written, so every band of a page stamps the same markers.  Returns 1 when stamped (or when
 * it draws nothing), 0 when the caller must draw it with cairo instead (the
 * pixels are then untouched).  The caller flushes the cairo surface before
 * and marks it dirty after. */
int marker_stamp(marker_cache *mc, const sc_item *it, const marker_target *t, const int clip[4]);
#endif
