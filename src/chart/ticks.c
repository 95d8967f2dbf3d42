/* Tick placement as d3 and Vega do it: d3-array's ticks, tickIncrement and
 * tickStep, d3-scale's linear and log nice(), d3-scale's log ticks with
 * Vega's label filter (vega-scale's tickLog).  The arithmetic follows d3's
 * operation for operation (JavaScript's Math.round is floor(x + 0.5), not
 * C's round), so the same domain and count give the same values Vega-Lite's
 * own renderings show; tests/unit/test_ticks.c holds d3's test cases. */
#include "chart/ticks.h"

#include <math.h>
#include <stddef.h>

/* JavaScript's Math.round: halves go up (-2.5 -> -2). */
static double js_round(double x) {
  double r = floor(x);
  return x - r >= 0.5 ? r + 1 : r;
}

/* 10^e, exact for |e| <= 22 (those doubles are exact), so a tick built as
 * i / 10^k is the double nearest the decimal. */
static double pow10i(double e) {
  static const double p[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  if (e >= 0 && e <= 22 && e == floor(e)) return p[(int)e];
  return pow(10.0, e);
}

/* d3's tickSpec: ticks are i1..i2 times inc (inc > 0) or divided by -inc
 * (inc < 0, a step of 1/-inc, so a decimal step is one exact division). */
static void tick_spec(double start, double stop, double count, double *i1, double *i2, double *inc) {
  for (;;) {
    double step = (stop - start) / fmax(0, count);
    double power = floor(log10(step));
    double error = step / pow10i(power);
    double factor = error >= sqrt(50) ? 10 : error >= sqrt(10) ? 5 : error >= sqrt(2) ? 2 : 1;
    double a, b, c;
    if (power < 0) {
      c = pow10i(-power) / factor;
      a = js_round(start * c);
      b = js_round(stop * c);
      if (a / c < start) ++a;
      if (b / c > stop) --b;
      c = -c;
    } else {
      c = pow10i(power) * factor;
      a = js_round(start / c);
      b = js_round(stop / c);
      if (a * c < start) ++a;
      if (b * c > stop) --b;
    }
    if (b < a && 0.5 <= count && count < 2) { /* try for at least one tick */
      count *= 2;
      continue;
    }
    *i1 = a;
    *i2 = b;
    *inc = c;
    return;
  }
}

/* d3's tickIncrement: the inc of tick_spec (for start <= stop). */
static double tick_increment(double start, double stop, double count) {
  double i1, i2, inc;
  tick_spec(start, stop, count, &i1, &i2, &inc);
  return inc;
}

static int usable(double start, double stop, double count) {
  return isfinite(start) && isfinite(stop) && isfinite(stop - start) && count > 0 && isfinite(count);
}

double ticks_step(double start, double stop, double count) {
  if (!usable(start, stop, count) || start == stop) return 0;
  int rev = stop < start;
  double inc = rev ? tick_increment(stop, start, count) : tick_increment(start, stop, count);
  double step = inc < 0 ? 1 / -inc : inc;
  return isfinite(step) ? (rev ? -step : step) : 0;
}

int ticks_linear(double start, double stop, double count, double *out, int max_out, double *step_out) {
  if (step_out) *step_out = 0;
  if (!out || max_out <= 0 || !usable(start, stop, count)) return 0;
  if (start == stop) {
    out[0] = start + 0.0; /* + 0.0 turns -0 into 0 */
    return 1;
  }
  int rev = stop < start;
  double i1, i2, inc;
  if (rev) tick_spec(stop, start, count, &i1, &i2, &inc);
  else tick_spec(start, stop, count, &i1, &i2, &inc);
  if (!(i2 >= i1) || !isfinite(inc) || inc == 0) return 0;
  double total = i2 - i1 + 1;
  int n = total < max_out ? (int)total : max_out;
  for (int i = 0; i < n; i++) {
    double k = rev ? i2 - i : i1 + i;
    out[i] = (inc < 0 ? k / -inc : k * inc) + 0.0;
  }
  if (step_out) *step_out = ticks_step(start, stop, count);
  return n;
}

double ticks_nice(double *d0, double *d1, double count) {
  if (!d0 || !d1) return 0;
  double a = *d0, b = *d1;
  if (!isfinite(a) || !isfinite(b)) return 0;
  int flipped = a > b;
  if (flipped) {
    double t = a;
    a = b;
    b = t;
  }
  if (a == b) {
    if (a == 0) {
      b = 1; /* an all-zero series: a unit axis from the baseline */
    } else {
      double h = fabs(a) * 0.1;
      a -= h;
      b += h;
    }
  }
  if (!(count > 0) || !isfinite(count) || !isfinite(b - a)) return 0;
  /* d3 keeps the domain unless the step settles within 10 rounds */
  double start = a, stop = b, prestep = NAN, step = 0;
  int settled = 0;
  for (int round = 0; round < 10; round++) {
    step = tick_increment(start, stop, count);
    if (step == prestep) {
      settled = 1;
      break;
    } else if (step > 0 && isfinite(step)) {
      start = floor(start / step) * step;
      stop = ceil(stop / step) * step;
    } else if (step < 0 && isfinite(step)) {
      start = ceil(start * step) / step;
      stop = floor(stop * step) / step;
    } else {
      break;
    }
    prestep = step;
  }
  if (settled) a = start, b = stop;
  *d0 = (flipped ? b : a) + 0.0;
  *d1 = (flipped ? a : b) + 0.0;
  return settled ? (step < 0 ? 1 / -step : step) : 0;
}

/* ---- log scales -------------------------------------------------------- */

static double log_of(double x, double base) {
  return base == 10 ? log10(x) : base == 2 ? log2(x) : log(x) / log(base);
}

static double pow_of(double e, double base) {
  return base == 10 ? pow10i(e) : pow(base, e);
}

void ticks_log_nice(double *d0, double *d1, double base) {
  if (!d0 || !d1 || !(*d0 > 0) || !(*d1 > 0) || !isfinite(*d0) || !isfinite(*d1)) return;
  if (!(base > 1) || !isfinite(base)) base = 10;
  double *lo = *d0 <= *d1 ? d0 : d1, *hi = *d0 <= *d1 ? d1 : d0;
  *lo = pow_of(floor(log_of(*lo, base)), base);
  *hi = pow_of(ceil(log_of(*hi, base)), base);
}

/* Integer bases above this count as non-integral: their multiples 1..base-1
 * are too many to list (d3 would). */
#define LOG_MULTIPLES_MAX 64

/* d3-scale's log ticks(count) for 0 < u < v: all of them into z (up to
 * cap); returns how many there are (which may exceed cap). */
static int log_ticks_all(double u, double v, double base, double n, double *z, int cap) {
  double i = log_of(u, base), j = log_of(v, base);
  int len = 0;
  if (base == floor(base) && base <= LOG_MULTIPLES_MAX && j - i < n) {
    for (double e = floor(i); e <= ceil(j); e++) {
      for (int k = 1; k < base; k++) {
        double t = e < 0 ? k / pow_of(-e, base) : k * pow_of(e, base);
        if (t < u) continue;
        if (t > v) break;
        if (len < cap) z[len] = t;
        len++;
      }
    }
    if (len * 2 < n) len = ticks_linear(u, v, n, z, cap, NULL);
    return len;
  }
  len = ticks_linear(i, j, fmin(j - i, n), z, cap, NULL);
  for (int k = 0; k < len; k++) z[k] = pow_of(z[k], base);
  return len;
}

int ticks_log(double dmin, double dmax, double base, double count, double *out, int max_out) {
  if (!out || max_out <= 0 || !isfinite(dmin) || !isfinite(dmax) || !(count > 0) || !isfinite(count)) return 0;
  if (dmin > dmax) {
    double t = dmin;
    dmin = dmax;
    dmax = t;
  }
  if (!(dmin > 0)) return 0;
  if (!(base > 1) || !isfinite(base)) base = 10;
  if (dmin == dmax) {
    out[0] = dmin;
    return 1;
  }
  enum { CAP = 1024 };
  double z[CAP];
  int len = log_ticks_all(dmin, dmax, base, count, z, CAP);
  if (len > CAP) len = CAP;
  /* Vega's tickLog: a label only where d / base^round(log d) <= k, so the
   * multiples 2, 3, ... are labelled only when there are few ticks */
  double k = fmax(1, base * count / (len ? len : 1));
  int n = 0;
  for (int t = 0; t < len && n < max_out; t++) {
    double d = z[t];
    double m = d / pow_of(js_round(log_of(d, base)), base);
    if (m * base < base - 0.5) m *= base;
    if (m <= k) out[n++] = d;
  }
  return n;
}
