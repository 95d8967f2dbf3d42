#include "base/buf.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"

void buf_reserve(buf *b, size_t extra) {
  if (b->cap - b->len > extra) return;
  size_t cap = b->cap ? b->cap : 4096;
  while (cap - b->len <= extra) cap *= 2;
  b->data = xrealloc(b->data, cap);
  b->cap = cap;
}

void buf_printf(buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char small[512];
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0) return;
  if ((size_t)n < sizeof small) {
    buf_put(b, small, (size_t)n);
    return;
  }
  buf_reserve(b, (size_t)n + 1);
  va_start(ap, fmt);
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
}

/* The reference: what buf_num writes, by definition (also the fallback for
 * values the fast path does not cover). */
static void buf_num_slow(buf *b, double v, int digits) {
  char s[400];
  int n = snprintf(s, sizeof s, "%.*f", digits, v);
  if (n < 0) return;
  if ((size_t)n >= sizeof s) n = (int)sizeof s - 1;
  if (memchr(s, '.', (size_t)n)) {
    while (n > 0 && s[n - 1] == '0') n--;
    if (n > 0 && s[n - 1] == '.') n--;
  }
  s[n] = 0;
  if (strcmp(s, "-0") == 0) {
    s[0] = '0';
    s[1] = 0;
    n = 1;
  }
  buf_put(b, s, (size_t)n);
}

/* Fast exact path (snprintf's "%.*f" was about half of the SVG writer's
 * time).  The double is exactly m * 2^e (m < 2^53), so v * 10^d =
 * m * 5^d * 2^(e+d) is computed exactly in 128-bit integers and rounded to
 * the nearest integer, ties to even — exactly what glibc's printf does in
 * the default rounding mode.  Covered: 0 <= digits <= 9 and
 * |v| * 10^digits < 1e17 (so the rounded result fits in 64 bits); anything
 * else takes the snprintf path.  tests/unit/test_buf.c checks the two
 * agree on millions of values. */
void buf_num_ref(buf *b, double v, int digits) {
  if (!isfinite(v)) v = 0;
  buf_num_slow(b, v, digits);
}

static const uint64_t pow10_u64[10] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
                                   1000000000};

int buf_num_scaled(double v, int digits, int64_t *out) {
  static const uint32_t pow5[10] = {1, 5, 25, 125, 625, 3125, 15625, 78125, 390625, 1953125};
  if (!isfinite(v)) v = 0;
  if (digits < 0 || digits > 9 || !(fabs(v) < 1e17 / (double)pow10_u64[digits])) return 0;
  /* v = m * 2^e exactly; v * 10^d = m * 5^d * 2^(e + d), rounded half to
   * even in integers — what printf does with the exact binary value. */
  uint64_t bits;
  memcpy(&bits, &v, sizeof bits);
  int neg = (int)(bits >> 63);
  int ex = (int)((bits >> 52) & 0x7ff);
  uint64_t m = bits & ((UINT64_C(1) << 52) - 1);
  int e;
  if (ex == 0) {
    e = -1074;
  } else {
    m |= UINT64_C(1) << 52;
    e = ex - 1075;
  }
  unsigned __int128 p = (unsigned __int128)m * pow5[digits];
  int sh = e + digits;
  uint64_t q;
  if (sh >= 0) {
    q = (uint64_t)(p << sh); /* |v| * 10^d < 1e17: no overflow */
  } else if (sh <= -127) {
    q = 0; /* p < 2^75 is below half a unit */
  } else {
    int s = -sh;
    unsigned __int128 one = 1;
    unsigned __int128 rem = p & ((one << s) - 1), half = one << (s - 1);
    q = (uint64_t)(p >> s);
    if (rem > half || (rem == half && (q & 1))) q++;
  }
  *out = neg ? -(int64_t)q : (int64_t)q;
  return 1;
}

int buf_num_scaled_text(int64_t q, int digits, char *out) {
  if (q == 0) { /* never "-0" */
    out[0] = '0';
    return 1;
  }
  /* Digits right to left into a scratch, then one copy. */
  char s[48];
  char *end = s + sizeof s, *w = end;
  uint64_t ip = q < 0 ? (uint64_t)0 - (uint64_t)q : (uint64_t)q, fp = 0;
  int fd = digits;
  if (digits) {
    fp = ip % pow10_u64[digits];
    ip /= pow10_u64[digits];
    while (fd > 0 && fp % 10 == 0) {
      fp /= 10;
      fd--;
    }
    for (int i = 0; i < fd; i++) {
      *--w = (char)('0' + fp % 10);
      fp /= 10;
    }
    if (fd > 0) *--w = '.';
  }
  do {
    *--w = (char)('0' + ip % 10);
    ip /= 10;
  } while (ip);
  if (q < 0) *--w = '-';
  int n = (int)(end - w);
  memcpy(out, w, (size_t)n);
  return n;
}

/* v * 10^digits rounded as buf_num_scaled rounds it, from the double
 * product when that cannot be on the other side of a rounding boundary:
 * below 2^40 the product is within 2^-13 of the exact value, so a fraction
 * farther than 2^-12 from one half rounds the same either way.  0: ask
 * buf_num_scaled. */
static int scaled_quick(double v, int digits, int64_t *q) {
  static const double pow10_d[10] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
  if (digits < 0 || digits > 9) return 0;
  double x = v * pow10_d[digits];
  if (!(fabs(x) < 1099511627776.0)) return 0; /* 2^40; also NaN */
  double f = floor(x), t = x - f;
  if (fabs(t - 0.5) <= 1.0 / 4096) return 0;
  *q = (int64_t)f + (t > 0.5);
  return 1;
}

void buf_num(buf *b, double v, int digits) {
  int64_t q;
  if (!isfinite(v)) v = 0;
  if (!scaled_quick(v, digits, &q) && !buf_num_scaled(v, digits, &q)) {
    buf_num_slow(b, v, digits);
    return;
  }
  buf_reserve(b, 48);
  b->len += (size_t)buf_num_scaled_text(q, digits, b->data + b->len);
  b->data[b->len] = 0;
}

void buf_reset(buf *b) {
  b->len = 0;
  if (b->data) b->data[0] = 0;
}

void buf_free(buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}
