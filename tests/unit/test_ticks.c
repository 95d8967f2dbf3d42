/* ticks: d3's linear ticks, tickStep and nice(), log ticks with Vega's
 * label filter.
 *
 * Expected values are d3's own: the cases marked "d3 test" are copied from
 * d3-array's test/ticks-test.js and test/tickStep-test.js; the others were
 * printed by d3-array 3's src/ticks.js (ticks, tickIncrement, tickStep),
 * run under node with d3-scale's linear nice() loop and log ticks() (and
 * vega-scale's tickLog filter) transcribed beside it, so every value here
 * is what Vega computes for the same arguments, compared exactly. */
#include "chart/ticks.h"

#include <float.h>
#include <math.h>

#include "testing.h"

static double T[1100];

/* Checks the n values got equal want[0..n) exactly. */
static void expect(int got, const double *want, int n) {
  REQUIRED(got == n);
  for (int i = 0; i < n; i++) CHECK(T[i] == want[i]);
}
#define LIN(a, b, count, ...)                                                                   \
  do {                                                                                         \
    static const double w_[] = {__VA_ARGS__};                                                  \
    expect(ticks_linear(a, b, count, T, 1100, NULL), w_, (int)(sizeof w_ / sizeof w_[0]));      \
  } while (0)
#define LOG(a, b, base, count, ...)                                                             \
  do {                                                                                         \
    static const double w_[] = {__VA_ARGS__};                                                  \
    expect(ticks_log(a, b, base, count, T, 1100), w_, (int)(sizeof w_ / sizeof w_[0]));        \
  } while (0)

static void d3_test_cases(void) {
  LIN(0, 1, 10, 0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0); /* d3 test */
  LIN(0, 1, 7, 0.0, 0.2, 0.4, 0.6, 0.8, 1.0);                           /* d3 test */
  LIN(0, 1, 3, 0.0, 0.5, 1.0);                                          /* d3 test */
  LIN(0, 1, 1, 0.0, 1.0);                                               /* d3 test */
  LIN(0, 10, 7, 0, 2, 4, 6, 8, 10);                                     /* d3 test */
  LIN(-10, 10, 6, -10, -5, 0, 5, 10);                                   /* d3 test */
  LIN(-10, 10, 1, 0);                                                   /* d3 test */
  LIN(0, 2.2, 3, 0, 1, 2);                                              /* d3 test: within the domain */
  LIN(0.98, 1.14, 10, 0.98, 1, 1.02, 1.04, 1.06, 1.08, 1.1, 1.12, 1.14); /* d3 test: precision */
  LIN(1, 364, 0.5, 200);                                                /* d3 test: at least one */
  LIN(1, 0, 3, 1.0, 0.5, 0.0);                                          /* d3 test: reversed */
  CHECK(ticks_linear(1, 364, 0.499, T, 1100, NULL) == 0);              /* d3 test */
  CHECK(ticks_linear(0, 1, 0, T, 1100, NULL) == 0);                    /* d3 test */
  CHECK(ticks_linear(0, 1, INFINITY, T, 1100, NULL) == 0);             /* d3 test */
  CHECK(ticks_linear(NAN, 1, 1, T, 1100, NULL) == 0);                  /* d3 test */
  REQUIRED(ticks_linear(-1, 0, 5, T, 1100, NULL) == 6);
  CHECK(1 / T[5] > 0); /* d3 test: no negative zero */
  CHECK(ticks_linear(1, 1, 10, T, 1100, NULL) == 1 && T[0] == 1); /* d3 test */
  CHECK(ticks_step(0, 1, 10) == 0.1);                              /* d3 test */
  CHECK(ticks_step(1, 0, 10) == -0.1);                             /* d3 test */
  CHECK(ticks_step(0, 91, 5) == 20);
}

static void d3_printed_cases(void) {
  LIN(0, 91, 5, 0, 20, 40, 60, 80);
  LIN(0, 100, 8, 0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100);
  LIN(-3.2, 7.9, 5, -2, 0, 2, 4, 6);
  LIN(38487, 85055, 8, 40000, 45000, 50000, 55000, 60000, 65000, 70000, 75000, 80000, 85000);
  LIN(0.001, 0.0098, 6, 0.002, 0.004, 0.006, 0.008);
  LIN(123456, 123789, 5, 123500, 123550, 123600, 123650, 123700, 123750);
  LIN(2.71, 3.14, 5, 2.8, 2.9, 3, 3.1);
  LIN(0, 2e9, 5, 0, 5e8, 1e9, 1.5e9, 2e9);
  LIN(1e-7, 3.3e-7, 4, 1e-7, 1.5e-7, 2e-7, 2.5e-7, 3e-7);
}

static void nice(double a, double b, double want_a, double want_b) {
  ticks_nice(&a, &b, 10);
  CHECK(a == want_a);
  CHECK(b == want_b);
}

static void nice_domains(void) {
  nice(0, 91, 0, 100);
  nice(3, 97, 0, 100);
  nice(38487, 85055, 35000, 90000);
  nice(0.023, 0.977, 0, 1);
  nice(-3.2, 7.9, -4, 8);
  nice(14.1, 8.1, 14.5, 8); /* reversed stays reversed */
  nice(0.98, 1.14, 0.98, 1.14);
  nice(0, 1.07, 0, 1.1);
  nice(0, 0, 0, 1); /* zero width: widened (d3 would keep it) */
  double a = 3, b = 3;
  ticks_nice(&a, &b, 10);
  CHECK(a < 3 && b > 3);
  a = NAN, b = 1;
  CHECK(ticks_nice(&a, &b, 10) == 0);
  CHECK(isnan(a) && b == 1);
  a = 0, b = 91;
  CHECK(ticks_nice(&a, &b, 10) == 10);
  a = 0.0004, b = 0.0091;
  ticks_log_nice(&a, &b, 10);
  CHECK(a == 0.0001 && b == 0.01);
  a = 3, b = 1000;
  ticks_log_nice(&a, &b, 10);
  CHECK(a == 1 && b == 1000);
  a = 0, b = 10; /* not a log domain: left alone */
  ticks_log_nice(&a, &b, 10);
  CHECK(a == 0 && b == 10);
}

static void log_ticks(void) {
  LOG(1, 1e7, 10, 10, 1, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7);
  LOG(0.001, 1000, 10, 10, 0.001, 0.01, 0.1, 1, 10, 100, 1000);
  LOG(1, 10, 10, 10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
  LOG(2, 8, 10, 10, 2, 3, 4, 5, 6, 7, 8);
  LOG(2.1, 2.9, 10, 10, 2.1, 2.2, 2.3, 2.4, 2.5, 2.6, 2.7, 2.8, 2.9); /* linear inside one multiple */
  LOG(1e-10, 1e10, 10, 10, 1e-10, 1e-8, 1e-6, 1e-4, 1e-2, 1, 100, 1e4, 1e6, 1e8, 1e10);
  LOG(1, 1024, 2, 10, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024);
  LOG(0.02, 0.6, 10, 10, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6);
  LOG(1, 100, 10, 5, 1, 2, 10, 20, 100); /* the label filter keeps 1x and 2x */
  LOG(1e7, 1, 10, 10, 1, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7); /* reversed: ascending out */
  LOG(1, 1000, 0, 10, 1, 2, 3, 10, 20, 30, 100, 200, 300, 1000); /* bad base -> 10 */
  CHECK(ticks_log(0, 10, 10, 10, T, 64) == 0);
  CHECK(ticks_log(-1, 10, 10, 10, T, 64) == 0);
  CHECK(ticks_log(NAN, 10, 10, 10, T, 64) == 0);
  CHECK(ticks_log(3, 3, 10, 10, T, 64) == 1 && T[0] == 3);
}

static void limits(void) {
  double few[2];
  CHECK(ticks_linear(0, 1, 10, few, 2, NULL) == 2 && few[1] == 0.1); /* max_out caps */
  CHECK(ticks_linear(0, 1, 10, NULL, 0, NULL) == 0);
  CHECK(ticks_linear(-DBL_MAX, DBL_MAX, 10, T, 1100, NULL) == 0); /* the span overflows */
  double step = -1;
  REQUIRED(ticks_linear(1e300, 2e300, 4, T, 1100, &step) == 6);
  CHECK(T[0] == 1e300 && T[1] == 1.2e300 && step == 2e299);
  REQUIRED(ticks_linear(0, 1e-300, 2, T, 1100, &step) == 3);
  CHECK(T[2] == 1e-300);
  CHECK(ticks_linear(0, 1, 1e9, T, 1100, NULL) == 1100); /* a huge count fills out, no more */
}

int main(void) {
  d3_test_cases();
  d3_printed_cases();
  nice_domains();
  log_ticks();
  limits();
  return testing_done("test_ticks");
}
