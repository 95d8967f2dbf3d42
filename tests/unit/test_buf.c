/* buf_num: the fast fixed-point formatter must write exactly what the
 * snprintf("%.*f")-based definition (buf_num_ref) writes — same rounding
 * (ties to even on the exact binary value), no trailing zeros, never "-0" —
 * on millions of random values of every magnitude, and on the hard cases:
 * exact ties, values one ulp either side of a tie, tiny and huge values. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "testing.h"

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t next(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}
static double unit(void) { return (double)(next() >> 11) / 9007199254740992.0; }

static long mismatches;
static void same(double v, int d) {
  static buf a, b;
  buf_reset(&a);
  buf_reset(&b);
  buf_num(&a, v, d);
  buf_num_ref(&b, v, d);
  testing_checks++;
  if (a.len != b.len || memcmp(a.data, b.data, a.len) != 0) {
    if (mismatches++ < 20)
      fprintf(stderr, "buf_num(%.17g, %d) = \"%s\", snprintf gives \"%s\"\n", v, d, a.data, b.data);
    testing_failures++;
  }
}

int main(void) {
  /* fixed cases */
  buf b = {0};
  buf_num(&b, -0.0001, 3);
  CHECK_STR(b.data, "0");
  buf_reset(&b);
  buf_num(&b, 12.5, 0);
  CHECK_STR(b.data, "12");
  buf_reset(&b);
  buf_num(&b, 13.5, 0);
  CHECK_STR(b.data, "14");
  buf_reset(&b);
  buf_num(&b, 100, 0);
  CHECK_STR(b.data, "100");
  buf_reset(&b);
  buf_num(&b, -1.25, 1);
  CHECK_STR(b.data, "-1.2");
  buf_reset(&b);
  buf_num(&b, 0.1 + 0.2, 3);
  CHECK_STR(b.data, "0.3");
  buf_reset(&b);
  buf_num(&b, NAN, 2);
  CHECK_STR(b.data, "0");
  buf_free(&b);
  double specials[] = {0.0, -0.0, 5e-324, -5e-324, 2.2250738585072014e-308, 1e-10, 0.5, 1.5, 2.5, -0.5,
                       0.05, 0.005, 0.0005, 1e15, 1e16, 9.99e16, 1e17, 1e18, 1e300, -1e300, 123456789.125,
                       0.125, 0.375, 1.0 / 3, 2.0 / 3, 1e9 + 0.5};
  for (size_t i = 0; i < sizeof specials / sizeof *specials; i++)
    for (int d = -1; d <= 12; d++) same(specials[i], d);
  /* random values over many magnitudes, every precision in use and beyond */
  for (long i = 0; i < 2000000; i++) {
    double mag = pow(10.0, (double)(int)(next() % 24) - 8);
    double v = (unit() - 0.5) * 2 * mag;
    same(v, (int)(next() % 11));
  }
  /* random raw bit patterns (every exponent) */
  for (long i = 0; i < 500000; i++) {
    uint64_t u = next();
    double v;
    memcpy(&v, &u, sizeof v);
    same(v, (int)(next() % 11));
  }
  /* ties and their neighbours: k / 10^d + 0.5 / 10^d, exactly representable or not */
  for (long i = 0; i < 500000; i++) {
    int d = (int)(next() % 7);
    double k = (double)(next() % 2000000) - 1000000;
    double v = (k + 0.5) / pow(10.0, d);
    same(v, d);
    same(nextafter(v, INFINITY), d);
    same(nextafter(v, -INFINITY), d);
    double t = ldexp((double)(int64_t)(next() % 4096) - 2048, -(int)(next() % 12)); /* exact dyadic ties */
    same(t, d);
  }
  return testing_done("test_buf");
}
