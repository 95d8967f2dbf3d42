/* A tiny test harness: every CHECK that fails prints where and why, and
 * the test exits non-zero at the end if any did.  Header-only on purpose:
 * each unit test is one self-contained executable. */
#ifndef HUITU_TESTING_H
#define HUITU_TESTING_H
#include <math.h>
#include <stdio.h>
#include <string.h>

static int testing_failures;
static int testing_checks;

#define CHECK(cond)                                                          \
  do {                                                                       \
    testing_checks++;                                                        \
    if (!(cond)) {                                                           \
      testing_failures++;                                                    \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                        \
  } while (0)

#define CHECK_NEAR(a, b, eps)                                                \
  do {                                                                       \
    double ta_ = (a), tb_ = (b);                                             \
    testing_checks++;                                                        \
    if (!(fabs(ta_ - tb_) <= (eps))) {                                       \
      testing_failures++;                                                    \
      fprintf(stderr, "%s:%d: CHECK_NEAR failed: %s = %.9g, expected %.9g\n",\
              __FILE__, __LINE__, #a, ta_, tb_);                             \
    }                                                                        \
  } while (0)

#define CHECK_STR(a, b)                                                      \
  do {                                                                       \
    const char *ta_ = (a), *tb_ = (b);                                       \
    testing_checks++;                                                        \
    if (!ta_ || !tb_ || strcmp(ta_, tb_) != 0) {                             \
      testing_failures++;                                                    \
      fprintf(stderr, "%s:%d: CHECK_STR failed: %s = \"%s\", expected \"%s\"\n", \
              __FILE__, __LINE__, #a, ta_ ? ta_ : "(null)", tb_ ? tb_ : "(null)"); \
    }                                                                        \
  } while (0)

static inline int testing_done(const char *name) {
  printf("%s: %d checks, %d failed\n", name, testing_checks, testing_failures);
  return testing_failures ? 1 : 0;
}
#endif
