#include "base/buf.h"

#include <math.h>
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

void buf_put(buf *b, const void *p, size_t n) {
  buf_reserve(b, n + 1);
  memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = 0;
}

void buf_puts(buf *b, const char *s) { buf_put(b, s, strlen(s)); }

void buf_putc(buf *b, char c) { buf_put(b, &c, 1); }

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

void buf_num(buf *b, double v, int digits) {
  if (!isfinite(v)) v = 0;
  char s[64];
  int n = snprintf(s, sizeof s, "%.*f", digits, v);
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

void buf_reset(buf *b) {
  b->len = 0;
  if (b->data) b->data[0] = 0;
}

void buf_free(buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}
