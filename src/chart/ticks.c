/* Tick placement: extended Wilkinson search, log ticks, nice domains.
 *
 * The scoring follows Talbot, Lin & Hanrahan (InfoVis 2010).  A labeling is
 * (q, j, k, z, start): ticks are (start + i*j) * q * 10^z for i in [0, k).
 * Four scores in [-inf, 1] are combined with fixed weights:
 *   simplicity  prefer early entries of Q, small skip j, and zero as a tick
 *   coverage    ticks should span the data, not much more
 *   density     about m ticks (relative to the displayed extent)
 *   legibility  constant 1 here (no font metrics at this layer)
 * The search walks j, q, k, z, start in the same order as R's
 * labeling::extended and keeps the first strictly-best candidate, so ties
 * break the same way and results agree with R's.  Each loop is pruned by an
 * upper bound on the score it could still reach; on top of that every loop
 * has a hard iteration cap so odd input (huge m, ranges at the limits of
 * double resolution) cannot spin. */
#include "chart/ticks.h"

#include <float.h>
#include <math.h>
#include <stddef.h>
#include <string.h>

static const double TQ[] = {1, 5, 2, 2.5, 4, 3};
#define NQ 6
/* Weights: simplicity, coverage, density, legibility. */
static const double W0 = 0.25, W1 = 0.2, W2 = 0.5, W3 = 0.05;

/* Caps that only matter for pathological input; normal searches end by
 * score pruning long before (j rarely exceeds 3, k rarely 2m). */
#define J_MAX 64
#define Z_STEPS_MAX 40
#define START_SPAN_MAX 100000

/* Exact powers of ten for |e| <= 22 (those doubles are exact), so tick
 * values can be built as integer * q / 10^n: one correctly rounded division
 * gives the double nearest the decimal, i.e. the one that prints shortest. */
static double pow10i(int e) {
  static const double p[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                             1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                             1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  if (e >= 0 && e <= 22) return p[e];
  return pow(10.0, e);
}

/* n * q * 10^z, rounded once. */
static double scaled(double n, double q, int z) {
  double v = n * q;
  if (z >= 0) return v * pow10i(z);
  if (z >= -22) return v / pow10i(-z);
  return v * pow(10.0, z);
}

static double simplicity_max(int qi, int j) {
  return 1.0 - (double)qi / (NQ - 1) - j + 1.0;
}

static double coverage(double dmin, double dmax, double lmin, double lmax) {
  /* R's operation order, so near-ties between candidates break exactly as
   * in labeling::extended; but at extreme magnitudes the squares overflow
   * or underflow, so then divide before squaring. */
  double r = 0.1 * (dmax - dmin);
  double num = (dmax - lmax) * (dmax - lmax) + (dmin - lmin) * (dmin - lmin), den = r * r;
  if (isfinite(num) && isnormal(den)) return 1.0 - 0.5 * num / den;
  double hi = (dmax - lmax) / r, lo = (dmin - lmin) / r;
  return 1.0 - 0.5 * (hi * hi + lo * lo);
}

static double coverage_max(double dmin, double dmax, double span) {
  double range = dmax - dmin;
  if (span > range) {
    double half = (span - range) / 2, r = 0.1 * range;
    double num = half * half + half * half, den = r * r;
    if (isfinite(num) && isnormal(den)) return 1.0 - 0.5 * num / den;
    double h = half / r;
    return 1.0 - h * h;
  }
  return 1.0;
}

static double density(int k, int m, double dmin, double dmax, double lmin, double lmax) {
  double r = (k - 1) / (lmax - lmin);
  double rt = (m - 1) / (fmax(lmax, dmax) - fmin(dmin, lmin));
  return 2.0 - fmax(r / rt, rt / r);
}

static double density_max(int k, int m) {
  return k >= m ? 2.0 - (double)(k - 1) / (m - 1) : 1.0;
}

typedef struct best {
  double score, start, q;
  int j, k, z, found;
} best;

static void search(double dmin, double dmax, int m, int only_loose, best *b) {
  b->score = -2.0;
  b->found = 0;
  int kmax = 8 * m + 8;
  for (int j = 1; j <= J_MAX; j++) {
    for (int qi = 0; qi < NQ; qi++) {
      double q = TQ[qi];
      double sm = simplicity_max(qi, j);
      if (W0 * sm + W1 + W2 + W3 < b->score) return; /* no larger j can win */
      for (int k = 2; k <= kmax; k++) {
        double dm = density_max(k, m);
        if (W0 * sm + W1 + W2 * dm + W3 < b->score) break;
        double delta = (dmax - dmin) / (k + 1) / j / q;
        int z = (int)ceil(log10(delta));
        for (int zs = 0; zs < Z_STEPS_MAX; zs++, z++) {
          double step = j * q * pow(10.0, z);
          double cm = coverage_max(dmin, dmax, step * (k - 1));
          if (W0 * sm + W1 * cm + W2 * dm + W3 < b->score) break;
          double unit = step / j;
          double min_start = floor(dmax / step) * j - (double)(k - 1) * j;
          double max_start = ceil(dmin / step) * j;
          if (min_start > max_start) continue;
          /* Count with an integer: near 2^53 "start += 1" can be a no-op. */
          double span = max_start - min_start;
          long nstart = span > START_SPAN_MAX ? START_SPAN_MAX : (long)span;
          for (long si = 0; si <= nstart; si++) {
            double start = min_start + (double)si;
            double lmin = start * unit;
            double lmax = lmin + step * (k - 1);
            /* Simplicity bonus when zero is one of the ticks: exact test on
             * the integer grid instead of R's floating lmin %% lstep. */
            double v = 0.0;
            if (lmin <= 0 && lmax >= 0 && fmod(-start, (double)j) == 0.0) v = 1.0;
            double s = sm - 1.0 + v;
            double c = coverage(dmin, dmax, lmin, lmax);
            double g = density(k, m, dmin, dmax, lmin, lmax);
            double score = W0 * s + W1 * c + W2 * g + W3 * 1.0;
            if (score > b->score && (!only_loose || (lmin <= dmin && lmax >= dmax))) {
              b->score = score;
              b->start = start;
              b->q = q;
              b->j = j;
              b->k = k;
              b->z = z;
              b->found = 1;
            }
          }
        }
      }
    }
  }
}

int ticks_extended(double dmin, double dmax, int m, int only_loose, double *out, int max_out,
                   double *step_out) {
  if (step_out) *step_out = 0.0;
  if (!out || max_out <= 0) max_out = 0;
  if (!isfinite(dmin) || !isfinite(dmax)) return 0;
  if (dmin > dmax) {
    double t = dmin;
    dmin = dmax;
    dmax = t;
  }
  if (m < 2) m = 2;
  if (m > 100) m = 100;
  if (dmin == dmax) {
    if (max_out < 1) return 0;
    out[0] = dmin + 0.0; /* + 0.0 turns -0 into 0 */
    return 1;
  }
  double range = dmax - dmin;
  double mag = fmax(fabs(dmin), fabs(dmax));
  /* Overflowing range, or a range of a few ulps: no meaningful grid exists,
   * so label the endpoints rather than emit duplicate ticks. */
  if (!isfinite(range) || range <= 64 * DBL_EPSILON * mag) {
    int n = 0;
    if (n < max_out) out[n++] = dmin;
    if (n < max_out) out[n++] = dmax;
    if (step_out) *step_out = range;
    return n;
  }
  /* search() is a pure function of its arguments, and a chart asks for the
   * same ticks several times while it lays out (measure, then emit): the
   * last few answers are kept per thread. */
  enum { MEMO = 8 };
  static _Thread_local struct {
    double dmin, dmax;
    int m, only_loose, used;
    best b;
  } memo[MEMO];
  static _Thread_local int memo_next;
  best b;
  int hit = 0;
  for (int i = 0; i < MEMO && !hit; i++)
    if (memo[i].used && !memcmp(&memo[i].dmin, &dmin, sizeof dmin) && !memcmp(&memo[i].dmax, &dmax, sizeof dmax) &&
        memo[i].m == m && memo[i].only_loose == only_loose) {
      b = memo[i].b;
      hit = 1;
    }
  if (!hit) {
    search(dmin, dmax, m, only_loose, &b);
    int i = memo_next;
    memo_next = (memo_next + 1) % MEMO;
    memo[i].dmin = dmin;
    memo[i].dmax = dmax;
    memo[i].m = m;
    memo[i].only_loose = only_loose;
    memo[i].used = 1;
    memo[i].b = b;
  }
  if (!b.found) { /* not expected; keep the endpoints as a safe answer */
    int n = 0;
    if (n < max_out) out[n++] = dmin;
    if (n < max_out) out[n++] = dmax;
    if (step_out) *step_out = range;
    return n;
  }
  if (step_out) *step_out = scaled(b.j, b.q, b.z);
  int n = b.k < max_out ? b.k : max_out;
  for (int i = 0; i < n; i++) out[i] = scaled(b.start + (double)i * b.j, b.q, b.z) + 0.0;
  return n;
}

/* ---- log ticks ---------------------------------------------------------- */

/* Writes base^e * mult for e in [e0, e1] stepping estep (aligned to
 * multiples of estep so 1 stays a tick), keeping only values inside
 * [dmin, dmax] (with a relative tolerance so 1000 counts for 999.9999999). */
static int log_candidates(double dmin, double dmax, double base, int e0, int e1, int estep,
                          const double *mults, int nmult, double *out, int max_out) {
  int n = 0;
  double lo = dmin * (1 - 1e-12), hi = dmax * (1 + 1e-12);
  int first = (int)(floor((double)e0 / estep) * estep);
  for (int e = first; e <= e1; e += estep) {
    double p = base == 10.0 ? pow10i(e) : pow(base, e);
    for (int mi = 0; mi < nmult; mi++) {
      double v = p * mults[mi];
      if (base == 10.0 && e < 0 && e >= -22) v = mults[mi] / pow10i(-e); /* 0.2, not 0.2000..1 */
      if (v < lo || v > hi) continue;
      if (out && n < max_out) out[n] = v;
      n++;
    }
  }
  return n;
}

int ticks_log(double dmin, double dmax, double base, int m, double *out, int max_out) {
  if (!out || max_out <= 0) return 0;
  if (!isfinite(dmin) || !isfinite(dmax)) return 0;
  if (dmin > dmax) {
    double t = dmin;
    dmin = dmax;
    dmax = t;
  }
  if (!(dmin > 0)) return 0;
  if (!(base > 1) || !isfinite(base)) base = 10.0;
  if (m < 2) m = 2;
  if (m > 100) m = 100;
  if (dmin == dmax) {
    out[0] = dmin;
    return 1;
  }
  double lb = log(base);
  int e0 = (int)floor(log(dmin) / lb - 1e-9);
  int e1 = (int)ceil(log(dmax) / lb + 1e-9);
  static const double one[] = {1};
  static const double m125[] = {1, 2, 5};
  double all[32];
  int nall = 0;
  /* Integer multiples 1..base-1 make sense only for integral bases. */
  if (base == floor(base) && base <= 32)
    for (int i = 1; i < (int)base; i++) all[nall++] = i;
  else
    all[nall++] = 1;

  int npow = log_candidates(dmin, dmax, base, e0, e1, 1, one, 1, NULL, 0);
  double want = m * 0.5;
  if (npow > m) {
    /* Many decades: skip powers so about m remain. */
    int estep = (npow + m - 1) / m;
    return log_candidates(dmin, dmax, base, e0, e1, estep, one, 1, out, max_out);
  }
  if (npow >= want && npow >= 2) return log_candidates(dmin, dmax, base, e0, e1, 1, one, 1, out, max_out);
  if (base == 10.0) {
    int n = log_candidates(dmin, dmax, base, e0, e1, 1, m125, 3, NULL, 0);
    if (n >= want && n >= 2 && n <= 2 * m)
      return log_candidates(dmin, dmax, base, e0, e1, 1, m125, 3, out, max_out);
  }
  int n = log_candidates(dmin, dmax, base, e0, e1, 1, all, nall, NULL, 0);
  if (n >= 2 && n <= 2 * m + 2) return log_candidates(dmin, dmax, base, e0, e1, 1, all, nall, out, max_out);
  if (npow >= 2) return log_candidates(dmin, dmax, base, e0, e1, 1, one, 1, out, max_out);
  /* Range within one multiple step (e.g. [2, 3]): linear ticks read best. */
  return ticks_extended(dmin, dmax, m, 0, out, max_out, NULL);
}

/* ---- nice domain -------------------------------------------------------- */

double ticks_nice_domain(double *dmin, double *dmax, int m) {
  if (!dmin || !dmax) return 0;
  double a = *dmin, b = *dmax;
  if (!isfinite(a) || !isfinite(b)) return 0;
  int flipped = a > b;
  if (flipped) {
    double t = a;
    a = b;
    b = t;
  }
  if (a == b) {
    if (a == 0) {
      b = 1; /* an all-zero series: show a unit axis from the baseline */
    } else {
      double h = fabs(a) * 0.1;
      a -= h;
      b += h;
    }
  }
  double t[1024], step = 0; /* k is capped at 8m+8 <= 808 */
  int n = ticks_extended(a, b, m, 1, t, 1024, &step);
  if (n >= 2) {
    a = t[0];
    b = t[n - 1];
  } else {
    step = 0;
  }
  if (flipped) {
    *dmin = b;
    *dmax = a;
  } else {
    *dmin = a;
    *dmax = b;
  }
  return step;
}
