/* A tiny test harness: every CHECK that fails prints where and why, and
 * the test exits non-zero at the end if any did.  Header-only on purpose:
 * each unit test is one self-contained executable. */
#ifndef HUITU_TESTING_H
#define HUITU_TESTING_H
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
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

/* A precondition of the checks that follow it (an item found, a render
 * that succeeded): counted as a check and a failure when false, so a guard
 * such as `if (REQUIRED(p)) CHECK(p->x == 1);` never lets a check vanish. */
#define REQUIRED(cond) testing_required(!!(cond), #cond, __FILE__, __LINE__)
static inline int testing_required(int ok, const char *what, const char *file, int line) {
  testing_checks++;
  if (!ok) {
    testing_failures++;
    fprintf(stderr, "%s:%d: REQUIRED failed: %s\n", file, line, what);
  }
  return ok;
}

/* A test that cannot run here (a tool or font missing) exits with this;
 * ctest reports it as skipped (SKIP_RETURN_CODE), never as passed. */
#define TESTING_SKIP 77

/* Write len bytes to folder/name (a test's fixture); exits when it cannot. */
static inline void testing_write_file(const char *folder, const char *name, const char *data, size_t len) {
  char p[1024];
  snprintf(p, sizeof p, "%s/%s", folder, name);
  FILE *f = fopen(p, "wb");
  if (!f || fwrite(data, 1, len, f) != len) {
    perror(p);
    exit(1);
  }
  fclose(f);
}

static inline int testing_done(const char *name) {
  printf("%s: %d checks, %d failed\n", name, testing_checks, testing_failures);
  return testing_failures ? 1 : 0;
}
#endif
