/* The curves of Vega's line and area interpolations that pass near their
 * points rather than along straight segments: d3-shape's curveBasis (a
 * uniform cubic B-spline, clamped at both ends) and curveCardinal with its
 * tension (Vega-Lite's mark.tension, 0 by default; 1 straightens it to the
 * polyline).  The Bézier segments are d3's, written over the whole list of
 * points instead of d3's point-by-point state. */
#include "chart/vl.h"

static void basis_seg(scene *sc, double x0, double y0, double x1, double y1, double x, double y) {
  scene_curve(sc, (2 * x0 + x1) / 3, (2 * y0 + y1) / 3, (x0 + 2 * x1) / 3, (y0 + 2 * y1) / 3, (x0 + 4 * x1 + x) / 6,
              (y0 + 4 * y1 + y) / 6);
}

void vl_curve_path(scene *sc, const double *x, const double *y, int n, int interp, double tension) {
  if (n == 2) scene_line(sc, x[1], y[1]);
  if (n <= 2) return;
  if (interp == INTERP_BASIS) {
    scene_line(sc, (5 * x[0] + x[1]) / 6, (5 * y[0] + y[1]) / 6);
    for (int i = 2; i < n; i++) basis_seg(sc, x[i - 2], y[i - 2], x[i - 1], y[i - 1], x[i], y[i]);
    basis_seg(sc, x[n - 2], y[n - 2], x[n - 1], y[n - 1], x[n - 1], y[n - 1]);
    scene_line(sc, x[n - 1], y[n - 1]);
    return;
  }
  /* cardinal: the segment from point i to i+1 leaves along (i+1) - (i-1)
   * and arrives along (i+2) - i, scaled by k; at the ends d3's first and
   * last control points sit on the end points themselves. */
  double k = (1 - tension) / 6;
  for (int i = 0; i + 1 < n; i++) {
    int a = i > 0 ? i - 1 : i + 1, b = i + 2 < n ? i + 2 : i;
    scene_curve(sc, x[i] + k * (x[i + 1] - x[a]), y[i] + k * (y[i + 1] - y[a]), x[i + 1] + k * (x[i] - x[b]),
                y[i + 1] + k * (y[i] - y[b]), x[i + 1], y[i + 1]);
  }
}
