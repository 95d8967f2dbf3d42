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

void buf_reserve(buf *b, size_t extra);
void buf_put(buf *b, const void *p, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
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
