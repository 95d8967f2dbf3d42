/* Axis tick placement.  Pure functions over doubles: no allocation, no
 * global state, safe to call from any thread.
 *
 * ticks_extended is the "extended Wilkinson" search of Talbot, Lin and
 * Hanrahan, "An Extension of Wilkinson's Algorithm for Positioning Tick
 * Labels on Axes" (InfoVis 2010), with the same nice-number list, weights
 * and search order as R's labeling::extended, so results match R's.  The
 * returned values are snapped to decimal (0.1+0.2 comes back as 0.3) so a
 * plain "%g" or numfmt never prints float noise. */
#ifndef HUITU_CHART_TICKS_H
#define HUITU_CHART_TICKS_H

/* Choose about m "nice" tick values covering [dmin, dmax].
 *   only_loose = 0 lets the first/last tick lie inside the data range;
 *   only_loose = 1 forces lmin <= dmin and lmax >= dmax.
 * Writes up to max_out ascending values to out and returns how many were
 * written (>= 2 when dmin < dmax and max_out >= 2).  *step_out (may be
 * NULL) receives the tick spacing.
 * Edge cases: dmin > dmax is swapped; dmin == dmax gives one tick at the
 * value with step 0; NaN/Inf input gives 0 ticks and step 0; a range too
 * small for the double's resolution gives the two endpoints.  m is clamped
 * to [2, 100].  The search is bounded, so it always terminates. */
int ticks_extended(double dmin, double dmax, int m, int only_loose, double *out, int max_out,
                   double *step_out);

/* Ticks for a log scale: powers of base (10 when base <= 1 or non-finite),
 * plus the 2x and 5x multiples (or every integer multiple) when the range
 * spans too few decades to reach about m/2 ticks; every k-th power when it
 * spans far more than m.  Falls back to linear extended ticks when fewer
 * than two candidates fall inside the range.  Requires 0 < dmin; returns
 * 0 otherwise.  Returns the number written to out. */
int ticks_log(double dmin, double dmax, double base, int m, double *out, int max_out);

/* "Nice" domain: replaces [*dmin, *dmax] by the first and last tick of
 * ticks_extended(..., only_loose = 1).  A zero-width domain is widened
 * first (0 -> [0, 1]; v -> v +/- 10% of |v|) so the scale never divides by
 * zero; non-finite input is left untouched.  Returns the labeling's step
 * (0 when there is none), so the axis can label exactly these ends. */
double ticks_nice_domain(double *dmin, double *dmax, int m);

#endif
