/* Axis tick placement, as Vega draws it.  Pure functions over doubles: no
 * allocation, no global state, safe to call from any thread.
 *
 * Chart blocks speak Vega-Lite, so a chart's ticks are the ones Vega would
 * draw for the same domain and count: d3-array's ticks (steps of 1, 2 or 5
 * times a power of ten, chosen against the count by the geometric means
 * sqrt(2), sqrt(10), sqrt(50)), d3-scale's linear nice() (which Vega applies
 * with d3's default count of 10 when a scale says nice: true), and d3-scale's
 * log ticks with Vega's label filter.  Values are built as integer / 10^k or
 * integer * step, one rounding each, so 0.1 + 0.2 comes back as 0.3 and a
 * plain "%g" or numfmt never prints float noise. */
#ifndef HUITU_CHART_TICKS_H
#define HUITU_CHART_TICKS_H

/* d3-array's ticks(start, stop, count): the multiples of a nice step inside
 * [start, stop] (both ends included when they are multiples), about count + 1
 * of them; in descending order when stop < start.  Writes up to max_out
 * values to out and returns how many were written; *step_out (may be NULL)
 * receives d3's tickStep (negative when stop < start, 0 when there are no
 * ticks).  start == stop gives the one value; count not > 0, not finite, or
 * NaN/Inf input give 0 ticks. */
int ticks_linear(double start, double stop, double count, double *out, int max_out, double *step_out);

/* d3-array's tickStep(start, stop, count): the step ticks_linear uses (the
 * precision of the labels comes from it).  0 when there is none. */
double ticks_step(double start, double stop, double count);

/* d3-scale's linear nice(count): widens [*d0, *d1] outwards to multiples of
 * the tick step, repeating until the step no longer changes (at most 10
 * rounds); the direction of a reversed domain is kept.  A zero-width domain
 * is widened first (0 -> [0, 1]; v -> v -/+ 10% of |v|), so the scale never
 * divides by zero (d3 would keep it).  Non-finite input is left untouched.
 * Returns the final step (0 when there is none). */
double ticks_nice(double *d0, double *d1, double count);

/* d3-scale's log nice(): [*d0, *d1] out to powers of base.  Needs both ends
 * > 0 (else nothing changes). */
void ticks_log_nice(double *d0, double *d1, double base);

/* The labelled ticks of a log scale, as Vega draws them: d3-scale's log
 * ticks(count) (every integer multiple of each power of base when the
 * domain spans fewer than count powers; every k-th power when more; linear
 * ticks when the multiples are too few), keeping only those Vega's log
 * tickFormat labels (the powers, and the small multiples when there is
 * room for them).  The unlabelled minor ticks are left out: huitu draws a
 * grid line and tick only where there is a label.  Needs 0 < dmin; base <= 1
 * or non-finite means 10.  Returns the number written to out, ascending. */
int ticks_log(double dmin, double dmax, double base, double count, double *out, int max_out);

#endif
