/* A growable byte buffer for output (SVG text, PDF stream, file reads).
 * Owned by whoever declared it; buf_free releases the bytes.  Reusable:
 * buf_reset keeps the capacity so a batch does not reallocate per figure. */
#ifndef HUITU_BASE_BUF_H
#define HUITU_BASE_BUF_H
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

typedef struct buf {
  char *data;
  size_t len, cap;
} buf;

/* Room for extra more bytes (cap - len > extra afterwards). */
void buf_reserve(buf *b, size_t extra);
/* The appends keep the bytes NUL-terminated.  Inline: the SVG writer makes
 * thousands of small appends a figure, and a call, a reserve and a memcpy
 * call for each were a tenth of its instructions. */
static inline void buf_put(buf *b, const void *p, size_t n) {
  if (b->cap - b->len <= n + 1) buf_reserve(b, n + 1);
  __builtin_memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = 0;
}
static inline void buf_puts(buf *b, const char *s) { buf_put(b, s, __builtin_strlen(s)); }
static inline void buf_putc(buf *b, char c) {
  if (b->cap - b->len <= 2) buf_reserve(b, 2);
  b->data[b->len++] = c;
  b->data[b->len] = 0;
}
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Shortest decimal for a coordinate: at most `digits` decimals, no
 * trailing zeros, never "-0" — keeps SVG small and byte-stable. */
void buf_num(buf *b, double v, int digits);
/* buf_num in two steps, for writers that do integer arithmetic on the
 * rounded values (SVG relative path data): v * 10^digits rounded exactly as
 * printf("%.*f") rounds it (ties to even; NaN and infinities as 0) into *q,
 * or 0 when |v| * 10^digits >= 1e17 or digits is outside 0..9; then the
 * text of q / 10^digits as buf_num writes it into out (>= 24 bytes),
 * returning its length. */
int buf_num_scaled(double v, int digits, int64_t *q);
int buf_num_scaled_text(int64_t q, int digits, char *out);
/* The snprintf("%.*f")-based definition buf_num must match byte for byte
 * (for tests). */
void buf_num_ref(buf *b, double v, int digits);
void buf_reset(buf *b);
void buf_free(buf *b);
#endif
