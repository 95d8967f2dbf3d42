/* d3-format compatible number formatting (see numfmt.h for the contract).
 *
 * Structure mirrors d3-format's pipeline so behaviour lines up case by case:
 *   1. a type formats |v| into a "body" string the way JavaScript's
 *      Number methods would (toFixed, toExponential, toPrecision, ...);
 *   2. optional trimming of insignificant zeros ("~");
 *   3. sign / currency / radix prefix and %, SI, 万 suffixes are decided;
 *   4. the body is split into its integer digits (groupable) and the rest;
 *   5. grouping, padding and alignment.
 *
 * JavaScript's Number methods round on the exact binary value with halves
 * going up ((2.5).toFixed(0) == "3", (1.005).toFixed(2) == "1.00").  C's
 * printf rounds halves to even, so instead we get the exact decimal
 * expansion of the double (always finite, at most 767 significant digits)
 * from printf and round that ourselves. */
#include "data/numfmt.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- small bounded string builder --------------------------------------- */

typedef struct sb {
  char *p;
  size_t cap, len; /* cap includes the NUL */
  int full;        /* once something was cut, append nothing more */
} sb;

static void sb_init(sb *s, char *mem, size_t cap) {
  s->p = mem;
  s->cap = cap;
  s->len = 0;
  s->full = 0;
  if (cap) mem[0] = 0;
}

static void sb_putn(sb *s, const char *t, size_t n) {
  if (!s->cap || s->full) return;
  size_t room = s->cap - 1 - s->len;
  if (n > room) {
    /* Cut on a UTF-8 character boundary: never leave half a character. */
    s->full = 1;
    n = room;
    while (n > 0 && ((unsigned char)t[n] & 0xC0) == 0x80) n--;
  }
  memcpy(s->p + s->len, t, n);
  s->len += n;
  s->p[s->len] = 0;
}
static void sb_puts(sb *s, const char *t) { sb_putn(s, t, strlen(t)); }
static void sb_putc(sb *s, char c) { sb_putn(s, &c, 1); }
static void sb_rep(sb *s, char c, int n) {
  for (int i = 0; i < n; i++) sb_putc(s, c);
}

/* Characters, not bytes: d3 pads by JavaScript string length, and every
 * character we emit (µ, 万, 亿, U+2212) is one UTF-16 unit. */
static int u8len(const char *s) {
  int n = 0;
  for (; *s; s++)
    if (((unsigned char)*s & 0xC0) != 0x80) n++;
  return n;
}

/* ---- exact decimal digits ----------------------------------------------- */

/* value = d[0].d[1]...d[n-1] x 10^e; n == 0 means zero. */
typedef struct dec {
  char d[800];
  int n, e;
} dec;

/* Parses printf "%.Ne" output without trusting the locale's decimal point. */
static void dec_from_printf(dec *r, const char *s) {
  r->n = 0;
  r->e = 0;
  while (*s && *s != 'e') {
    if (*s >= '0' && *s <= '9' && r->n < (int)sizeof r->d) r->d[r->n++] = *s;
    s++;
  }
  if (*s == 'e') r->e = atoi(s + 1);
  while (r->n > 0 && r->d[r->n - 1] == '0') r->n--;
  if (r->n == 0) r->e = 0;
}

/* Exact expansion of x >= 0 (glibc and musl print exact digits). */
static void dec_exact(dec *r, double x) {
  char tmp[840];
  if (x == 0) {
    r->n = r->e = 0;
    return;
  }
  snprintf(tmp, sizeof tmp, "%.780e", x);
  dec_from_printf(r, tmp);
}

/* Shortest digits that read back as x (JavaScript's Number::toString). */
static void dec_shortest(dec *r, double x) {
  char tmp[64], back[64];
  if (x == 0) {
    r->n = r->e = 0;
    return;
  }
  for (int prec = 1; prec <= 17; prec++) {
    snprintf(tmp, sizeof tmp, "%.*e", prec - 1, x);
    dec_from_printf(r, tmp);
    /* integer mantissa + exponent: strtod needs no decimal point */
    snprintf(back, sizeof back, "%.*se%d", r->n, r->d, r->e - (r->n - 1));
    if (strtod(back, NULL) == x) return;
  }
}

/* Keep `keep` significant digits, rounding halves up (JS semantics). */
static void dec_round(dec *r, int keep) {
  if (r->n == 0 || keep >= r->n) return;
  if (keep < 0) {
    r->n = r->e = 0;
    return;
  }
  int up = r->d[keep] >= '5';
  r->n = keep;
  if (up) {
    int i = keep - 1;
    while (i >= 0 && r->d[i] == '9') r->d[i--] = '0';
    if (i >= 0) {
      r->d[i]++;
    } else { /* 999 -> 1000, or keep == 0 rounding up to the next place */
      r->d[0] = '1';
      r->n = 1;
      r->e++;
    }
  }
  while (r->n > 0 && r->d[r->n - 1] == '0') r->n--;
  if (r->n == 0) r->e = 0;
}

/* x >= 0 rounded half-up (on its exact value) to `keep` significant
 * digits, where keep = p, or e + 1 + p when `fixed` (e = x's exponent).
 * Fast path: 60 correctly rounded digits decide the rounding unless the
 * digits past `keep` read 5000... or 4999..., the only patterns where the
 * exact tail could be on the other side of one half; then print exactly.
 * (60 digits never carry into a new leading digit: no double lies within
 * 1e-60 relative of a power of ten without being it.) */
static void dec_rounded(dec *r, double x, int fixed, int p) {
  char tmp[96];
  if (x == 0) {
    r->n = r->e = 0;
    return;
  }
  if (x < 9007199254740992.0 && x == floor(x)) {
    /* An integer below 2^53 (most tick values): its digits are exact. */
    char dg[20];
    int n = 0;
    for (uint64_t v = (uint64_t)x; v; v /= 10) dg[n++] = (char)('0' + v % 10);
    r->e = n - 1;
    r->n = 0;
    while (n > 0) r->d[r->n++] = dg[--n];
    while (r->n > 0 && r->d[r->n - 1] == '0') r->n--;
    dec_round(r, fixed ? r->e + 1 + p : p);
    return;
  }
  snprintf(tmp, sizeof tmp, "%.59e", x);
  dec_from_printf(r, tmp);
  int keep = fixed ? r->e + 1 + p : p;
  if (keep >= 0 && keep < 55 && keep < r->n) {
    char first = r->d[keep], rest = first == '5' ? '0' : first == '4' ? '9' : 0;
    int tie = rest != 0;
    for (int i = keep + 1; tie && i < 60; i++)
      if ((i < r->n ? r->d[i] : '0') != rest) tie = 0;
    if (!tie) {
      dec_round(r, keep);
      return;
    }
  } else if (keep < 0 || keep >= r->n) {
    dec_round(r, keep);
    return;
  }
  dec_exact(r, x);
  dec_round(r, keep);
}

static char dec_digit(const dec *r, int place) { /* digit at 10^place */
  int i = r->e - place;
  return (r->n && i >= 0 && i < r->n) ? r->d[i] : '0';
}

/* Fixed notation with exactly `decimals` digits after the point. */
static void dec_put_fixed(sb *s, const dec *r, int decimals) {
  if (r->n == 0 || r->e < 0) {
    sb_putc(s, '0');
  } else {
    for (int k = r->e; k >= 0; k--) sb_putc(s, dec_digit(r, k));
  }
  if (decimals > 0) {
    sb_putc(s, '.');
    for (int k = -1; k >= -decimals; k--) sb_putc(s, dec_digit(r, k));
  }
}

/* d.ddd with `digits` significant digits, then e+N / e-N (JS style). */
static void dec_put_exp(sb *s, const dec *r, int digits) {
  sb_putc(s, r->n ? r->d[0] : '0');
  if (digits > 1) {
    sb_putc(s, '.');
    for (int i = 1; i < digits; i++) sb_putc(s, i < r->n ? r->d[i] : '0');
  }
  char e[16];
  snprintf(e, sizeof e, "e%c%d", r->e < 0 ? '-' : '+', abs(r->e));
  sb_puts(s, e);
}

/* ---- JavaScript Number methods, for x >= 0 and finite ------------------- */

static void js_to_string(sb *s, double x) {
  dec r;
  dec_shortest(&r, x);
  if (r.n == 0) {
    sb_putc(s, '0');
    return;
  }
  int k = r.n, n = r.e + 1;
  if (k <= n && n <= 21) {
    sb_putn(s, r.d, (size_t)k);
    sb_rep(s, '0', n - k);
  } else if (0 < n && n <= 21) {
    sb_putn(s, r.d, (size_t)n);
    sb_putc(s, '.');
    sb_putn(s, r.d + n, (size_t)(k - n));
  } else if (-6 < n && n <= 0) {
    sb_puts(s, "0.");
    sb_rep(s, '0', -n);
    sb_putn(s, r.d, (size_t)k);
  } else {
    dec_put_exp(s, &r, k);
  }
}

static void js_to_fixed(sb *s, double x, int p) {
  if (x >= 1e21) { /* the spec falls back to ToString here */
    js_to_string(s, x);
    return;
  }
  dec r;
  dec_rounded(&r, x, 1, p);
  dec_put_fixed(s, &r, p);
}

static void js_to_exponential(sb *s, double x, int p) {
  dec r;
  dec_rounded(&r, x, 0, p + 1);
  dec_put_exp(s, &r, p + 1);
}

static void js_to_precision(sb *s, double x, int p) {
  dec r;
  dec_rounded(&r, x, 0, p);
  if (r.n && (r.e < -6 || r.e >= p))
    dec_put_exp(s, &r, p);
  else
    dec_put_fixed(s, &r, p - 1 - r.e);
}

/* d3's formatDecimalParts: significant digits (exactly p of them when
 * p > 0, else the shortest) without the point, and the exponent. */
static void decimal_parts(double x, int p, char *coef, size_t cap, int *expo) {
  dec r;
  if (p > 0) {
    dec_rounded(&r, x, 0, p);
  } else {
    dec_shortest(&r, x);
  }
  int len = p > 0 ? p : (r.n ? r.n : 1);
  if (len > (int)cap - 1) len = (int)cap - 1;
  for (int i = 0; i < len; i++) coef[i] = i < r.n ? r.d[i] : '0';
  coef[len] = 0;
  *expo = r.e;
}

/* Type r: p significant digits, never exponent notation. */
static void format_rounded(sb *s, double x, int p) {
  char c[32];
  int e;
  if (x == 0) { /* d3 prints zero as "0" whatever the precision */
    sb_putc(s, '0');
    return;
  }
  decimal_parts(x, p, c, sizeof c, &e);
  int n = (int)strlen(c);
  if (e < 0) {
    sb_puts(s, "0.");
    sb_rep(s, '0', -e - 1);
    sb_puts(s, c);
  } else if (n > e + 1) {
    sb_putn(s, c, (size_t)e + 1);
    sb_putc(s, '.');
    sb_puts(s, c + e + 1);
  } else {
    sb_puts(s, c);
    sb_rep(s, '0', e - n + 1);
  }
}

/* SI prefixes, y (1e-24) .. Y (1e24).  d3 uses U+00B5 MICRO SIGN. */
static const char *const SI[] = {"y", "z", "a", "f", "p", "n", "\xC2\xB5", "m", "",
                                 "k", "M", "G", "T", "P", "E", "Z", "Y"};

/* Type s: p significant digits scaled to an SI prefix; returns its index. */
static int format_prefix_auto(sb *s, double x, int p) {
  char c[32];
  int e;
  decimal_parts(x, p, c, sizeof c, &e);
  int k = (int)floor(e / 3.0);
  if (k < -8) k = -8;
  if (k > 8) k = 8;
  int i = e - k * 3 + 1, n = (int)strlen(c);
  if (i == n) {
    sb_puts(s, c);
  } else if (i > n) {
    sb_puts(s, c);
    sb_rep(s, '0', i - n);
  } else if (i > 0) {
    sb_putn(s, c, (size_t)i);
    sb_putc(s, '.');
    sb_puts(s, c + i);
  } else { /* below 1y: more leading zeros, fewer significant digits */
    int p2 = p + i - 1;
    sb_puts(s, "0.");
    sb_rep(s, '0', -i);
    decimal_parts(x, p2 > 0 ? p2 : 0, c, sizeof c, &e);
    sb_puts(s, c);
  }
  return k + 8;
}

/* Integer x (already rounded, >= 0) in base 2, 8 or 16, exactly. */
static void format_radix(sb *s, double x, int bits, int upper) {
  const char *dig = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  uint64_t m;
  int zeros = 0;
  if (x < 18446744073709551616.0) {
    m = (uint64_t)x;
  } else { /* x = mant * 2^ex with ex > 11: shift so ex is a digit boundary */
    int ex;
    double fr = frexp(x, &ex);
    m = (uint64_t)ldexp(fr, 53);
    ex -= 53;
    m <<= ex % bits;
    zeros = ex / bits;
  }
  char tmp[80];
  int n = 0;
  do {
    tmp[n++] = dig[m & ((1u << bits) - 1)];
    m >>= bits;
  } while (m);
  while (n > 0) sb_putc(s, tmp[--n]);
  sb_rep(s, '0', zeros);
}

/* Type d: Math.round, then JavaScript's integer printing: the shortest
 * digits padded with zeros (2^64 prints 18446744073709552000, as d3 does). */
static void format_decimal(sb *s, double x) {
  dec r;
  dec_shortest(&r, round(x));
  if (r.n == 0) {
    sb_putc(s, '0');
    return;
  }
  sb_putn(s, r.d, (size_t)r.n);
  sb_rep(s, '0', r.e + 1 - r.n);
}

/* ---- Chinese units (type w) --------------------------------------------- */

static const char *const W_UNIT[] = {"", "\xE4\xB8\x87", "\xE4\xBA\xBF",
                                     "\xE4\xB8\x87\xE4\xBA\xBF"}; /* "", 万, 亿, 万亿 */
static const double W_SCALE[] = {1, 1e4, 1e8, 1e12};

static int w_unit_for(double ax) {
  return ax >= 1e12 ? 3 : ax >= 1e8 ? 2 : ax >= 1e4 ? 1 : 0;
}

/* Removes insignificant zeros after the decimal point (d3's formatTrim):
 * "1.500" -> "1.5", "1.000e+3" -> "1e+3", "0.00000" -> "0". */
static void trim_zeros(char *s) {
  char *dot = strchr(s, '.');
  if (!dot) return;
  char *end = dot + 1;
  while (*end >= '0' && *end <= '9') end++;
  char *cut = end;
  while (cut > dot + 1 && cut[-1] == '0') cut--;
  if (cut == dot + 1) cut = dot; /* only zeros: drop the point too */
  memmove(cut, end, strlen(end) + 1);
}

/* Digits before the point (the body has no sign). */
static int int_digits(const char *s) {
  int n = 0;
  while (s[n] >= '0' && s[n] <= '9') n++;
  return n;
}

/* Scaled number for type w into s; returns the unit index.  p < 0 means
 * the default (trim_default: shortest exact digits; else <= 2 decimals). */
static int format_w(sb *s, double x, int p, int trim) {
  int u = w_unit_for(x);
  for (;;) {
    double v = x / W_SCALE[u]; /* exact power of ten: one rounding */
    size_t start = s->len;
    if (p < 0 && trim) {
      dec r;
      dec_shortest(&r, v);
      dec_put_fixed(s, &r, r.n ? (r.n - 1 - r.e > 0 ? r.n - 1 - r.e : 0) : 0);
    } else {
      js_to_fixed(s, v, p < 0 ? 2 : p);
      if (p < 0 || u == 0) trim_zeros(s->p + start), s->len = strlen(s->p);
    }
    /* 9999.96 at 1 decimal is "10000.0": say "1.0万" instead. */
    if (u < 3 && int_digits(s->p + start) > 4) {
      s->len = start;
      s->p[start] = 0;
      u++;
      continue;
    }
    return u;
  }
}

/* ---- the d3 pipeline ---------------------------------------------------- */

void numfmt_default(numfmt *f) {
  memset(f, 0, sizeof *f);
  f->fill[0] = ' ';
  f->align = '>';
  f->sign = '-';
  f->precision = -1;
  strcpy(f->currency_prefix, "$");
}

static int is_align(char c) { return c == '<' || c == '>' || c == '^' || c == '='; }

static void set_err(char *err, size_t errlen, const char *msg, const char *arg) {
  if (err && errlen) snprintf(err, errlen, msg, arg);
}

int numfmt_parse(const char *spec, numfmt *out, char *err, size_t errlen) {
  numfmt f;
  numfmt_default(&f);
  if (out) *out = f;
  if (err && errlen) err[0] = 0;
  if (!spec) return 0;
  const char *p = spec;
  /* [[fill]align]: the fill is any one (UTF-8) character */
  size_t cl = 1;
  if (((unsigned char)p[0] & 0xE0) == 0xC0) cl = 2;
  else if (((unsigned char)p[0] & 0xF0) == 0xE0) cl = 3;
  else if (((unsigned char)p[0] & 0xF8) == 0xF0) cl = 4;
  if (p[0] && strnlen(p, cl) == cl && is_align(p[cl])) {
    memcpy(f.fill, p, cl);
    f.fill[cl] = 0;
    f.align = p[cl];
    p += cl + 1;
  } else if (is_align(p[0])) {
    f.align = *p++;
  }
  if (*p == '-' || *p == '+' || *p == '(' || *p == ' ') f.sign = *p++;
  if (*p == '$' || *p == '#') f.symbol = *p++;
  if (*p == '0') f.zero = 1, p++;
  long w = 0;
  while (*p >= '0' && *p <= '9') {
    if (w < 100000) w = w * 10 + (*p - '0');
    p++;
  }
  if (w > 1000) {
    set_err(err, errlen, "format width too large in \"%s\"", spec);
    return -1;
  }
  f.width = (int)w;
  if (*p == ',') f.comma = 1, p++;
  if (*p == '.') {
    p++;
    if (!(*p >= '0' && *p <= '9')) {
      set_err(err, errlen, "invalid format specifier \"%s\": '.' needs digits", spec);
      return -1;
    }
    long pr = 0;
    while (*p >= '0' && *p <= '9') {
      if (pr < 1000) pr = pr * 10 + (*p - '0');
      p++;
    }
    f.precision = (int)pr; /* clamped per type when formatting */
  }
  if (*p == '~') f.trim = 1, p++;
  if (*p && (((*p | 32) >= 'a' && (*p | 32) <= 'z') || *p == '%')) {
    if (!strchr("efgrs%pbodxXcnw", *p)) {
      char t[2] = {*p, 0};
      set_err(err, errlen, "invalid format type '%s'", t);
      return -1;
    }
    f.type = *p++;
  }
  if (*p) {
    set_err(err, errlen, "invalid format specifier \"%s\"", spec);
    return -1;
  }
  if (out) *out = f;
  return 0;
}

/* d3's group(): thousands groups of 3 from the right; with a width (zero
 * fill) it stops once the grouped string would exceed that width. */
static void group(sb *out, const char *v, int width) {
  int i = (int)strlen(v), len = 0, g = 3, np = 0;
  const char *part[1600];
  int plen[1600];
  while (i > 0 && g > 0 && np < 1600) {
    if (len + g + 1 > width) g = width - len > 1 ? width - len : 1;
    int st = i - g < 0 ? 0 : i - g;
    part[np] = v + st;
    plen[np++] = i - st;
    i -= g;
    if ((len += g + 1) > width) break;
  }
  for (int k = np - 1; k >= 0; k--) {
    sb_putn(out, part[k], (size_t)plen[k]);
    if (k) sb_putc(out, ',');
  }
}

static int body_is_zero(const char *s) { /* JS: +body === 0 */
  int digits = 0;
  for (; *s && *s != 'e'; s++) {
    if (*s >= '1' && *s <= '9') return 0;
    if (*s == '0') digits++;
    else if (*s != '.') return 0;
  }
  return digits > 0;
}

size_t numfmt_format(const numfmt *fp, double v, char *buf, size_t buflen) {
  if (!buf || !buflen) return 0;
  numfmt f;
  if (fp) f = *fp;
  else numfmt_default(&f);
  if (!f.fill[0]) f.fill[0] = ' ', f.fill[1] = 0;
  if (!is_align(f.align)) f.align = '>';
  if (f.width > 1000) f.width = 1000;
  if (f.width < 0) f.width = 0;
  char type = f.type;
  int prec = f.precision, trim = f.trim, comma = f.comma;
  /* "n" is ",g"; none is ".12~g" (the precision may be given: ".2"). */
  if (type == 'n') {
    comma = 1;
    type = 'g';
  } else if (!type || !strchr("efgrs%pbodxXcw", type)) {
    if (prec < 0) prec = 12;
    trim = 1;
    type = 'g';
  }
  int zero = f.zero || (f.fill[0] == '0' && !f.fill[1] && f.align == '=');
  char fill[5], align = f.align;
  memcpy(fill, f.fill, sizeof fill);
  fill[4] = 0;
  if (zero) strcpy(fill, "0"), align = '=';
  if (type != 'w') {
    if (prec < 0) prec = 6;
    else if (strchr("gprs", type)) prec = prec < 1 ? 1 : prec > 21 ? 21 : prec;
    else prec = prec > 20 ? 20 : prec;
  } else if (prec > 20) {
    prec = 20;
  }
  const char *minus = f.unicode_minus ? "\xE2\x88\x92" : "-";

  char pre_m[64], suf_m[1500], body_m[1400], val_m[4200];
  sb pre, suf, body, val;
  sb_init(&pre, pre_m, sizeof pre_m);
  sb_init(&suf, suf_m, sizeof suf_m);
  sb_init(&body, body_m, sizeof body_m);
  sb_init(&val, val_m, sizeof val_m);
  const char *fixed_pre = "", *fixed_suf = "";
  if (f.symbol == '$') fixed_pre = f.currency_prefix, fixed_suf = f.currency_suffix;
  else if (f.symbol == '#' && strchr("boxX", type))
    fixed_pre = type == 'b' ? "0b" : type == 'o' ? "0o" : "0x";
  if (f.symbol != '$' && (type == '%' || type == 'p')) fixed_suf = "%";

  if (type == 'c') { /* the number as JavaScript's String(v), unsigned logic */
    if (isnan(v)) sb_puts(&suf, "NaN");
    else if (isinf(v)) sb_puts(&suf, v < 0 ? "-Infinity" : "Infinity");
    else {
      if (v < 0) sb_putc(&suf, '-');
      js_to_string(&suf, fabs(v));
    }
    sb_puts(&suf, fixed_suf);
    sb_puts(&pre, fixed_pre);
  } else {
    int neg = signbit(v) && !isnan(v);
    double x = fabs(v);
    const char *unit = "";
    if (isnan(v)) {
      sb_puts(&body, "NaN");
    } else if (isinf(v) || ((type == '%' || type == 'p') && isinf(x * 100))) {
      sb_puts(&body, "Infinity");
    } else {
      switch (type) {
      case 'e': js_to_exponential(&body, x, prec); break;
      case 'f': js_to_fixed(&body, x, prec); break;
      case 'g': js_to_precision(&body, x, prec); break;
      case '%': js_to_fixed(&body, x * 100, prec); break;
      case 'p': format_rounded(&body, x * 100, prec); break;
      case 'r': format_rounded(&body, x, prec); break;
      case 's': unit = SI[format_prefix_auto(&body, x, prec)]; break;
      case 'd': format_decimal(&body, x); break;
      case 'b': format_radix(&body, round(x), 1, 0); break;
      case 'o': format_radix(&body, round(x), 3, 0); break;
      case 'x': format_radix(&body, round(x), 4, 0); break;
      case 'X': format_radix(&body, round(x), 4, 1); break;
      case 'w': unit = W_UNIT[format_w(&body, x, prec, trim)]; break;
      }
    }
    if (trim) trim_zeros(body_m), body.len = strlen(body_m);
    /* A negative that rounds to zero shows no sign (unless "+"). */
    if (neg && body_is_zero(body_m) && f.sign != '+') neg = 0;
    if (neg) sb_puts(&pre, f.sign == '(' ? "(" : minus);
    else if (f.sign == '+' || f.sign == ' ') sb_putc(&pre, f.sign);
    sb_puts(&pre, fixed_pre);
    /* Only the leading digits are grouped and zero-padded; ".5", "e+3",
     * "NaN" and units travel in the suffix. */
    int nd = int_digits(body_m);
    int maybe_suffix = strchr("defgprs%w", type) != NULL || !isfinite(v) || body_m[0] == 'I';
    if (!maybe_suffix) nd = (int)body.len;
    sb_putn(&val, body_m, (size_t)nd);
    sb_puts(&suf, body_m + nd);
    sb_puts(&suf, unit);
    sb_puts(&suf, fixed_suf);
    if (neg && f.sign == '(') sb_putc(&suf, ')');
  }

  /* Grouping then padding (or, for zero fill, padding then grouping). */
  char grp_m[4200];
  sb grp;
  sb_init(&grp, grp_m, sizeof grp_m);
  if (comma && !zero) {
    group(&grp, val_m, 1 << 30);
    sb_init(&val, val_m, sizeof val_m);
    sb_puts(&val, grp_m);
  }
  int length = u8len(pre_m) + u8len(val_m) + u8len(suf_m);
  int pad = length < f.width ? f.width - length : 0;
  if (comma && zero) {
    char tmp[2600];
    sb t;
    sb_init(&t, tmp, sizeof tmp);
    sb_rep(&t, '0', pad);
    sb_puts(&t, val_m);
    sb_init(&grp, grp_m, sizeof grp_m);
    group(&grp, tmp, pad ? f.width - u8len(suf_m) : 1 << 30);
    sb_init(&val, val_m, sizeof val_m);
    sb_puts(&val, grp_m);
    pad = 0;
  }
  sb o;
  sb_init(&o, buf, buflen);
  switch (align) {
  case '<':
    sb_puts(&o, pre_m), sb_puts(&o, val_m), sb_puts(&o, suf_m);
    for (int i = 0; i < pad; i++) sb_puts(&o, fill);
    break;
  case '=':
    sb_puts(&o, pre_m);
    for (int i = 0; i < pad; i++) sb_puts(&o, fill);
    sb_puts(&o, val_m), sb_puts(&o, suf_m);
    break;
  case '^':
    for (int i = 0; i < pad / 2; i++) sb_puts(&o, fill);
    sb_puts(&o, pre_m), sb_puts(&o, val_m), sb_puts(&o, suf_m);
    for (int i = pad / 2; i < pad; i++) sb_puts(&o, fill);
    break;
  default:
    for (int i = 0; i < pad; i++) sb_puts(&o, fill);
    sb_puts(&o, pre_m), sb_puts(&o, val_m), sb_puts(&o, suf_m);
    break;
  }
  return o.len;
}

/* ---- axis helpers ------------------------------------------------------- */

/* Fewest decimals (<= cap) showing x exactly, to a 1e-9 relative slack
 * that absorbs binary noise such as 0.1 * 3. */
static int exact_decimals(double x, int cap) {
  x = fabs(x);
  for (int p = 0; p < cap; p++) {
    double s = x * pow(10.0, p);
    double r = round(s);
    if ((r != 0 || x == 0) && fabs(s - r) <= 1e-9 * (s > 1 ? s : 1)) return p;
  }
  return cap;
}

void numfmt_for_step(numfmt *f, double step) {
  numfmt_default(f);
  step = fabs(step);
  if (!(step > 0) || !isfinite(step)) return;
  /* An irrational-looking step (1/3) gets a few digits past its first
   * significant one rather than 20 decimals. */
  int first = (int)-floor(log10(step));
  int cap = (first > 0 ? first : 0) + 3;
  if (cap > 20) cap = 20;
  f->type = 'f';
  f->precision = exact_decimals(step, cap);
}

void numfmt_ticks_w(const double *ticks, int n, char (*bufs)[32], const char *const *units) {
  if (!units) units = W_UNIT;
  if (!ticks || !bufs || n <= 0) return;
  double maxabs = 0;
  for (int i = 0; i < n; i++)
    if (isfinite(ticks[i]) && fabs(ticks[i]) > maxabs) maxabs = fabs(ticks[i]);
  int u = w_unit_for(maxabs);
  int p = 0;
  for (; p < 8; p++) {
    int ok = 1;
    for (int i = 0; ok && i < n; i++)
      if (isfinite(ticks[i]) && exact_decimals(ticks[i] / W_SCALE[u], p + 1) > p) ok = 0;
    if (ok) break;
  }
  for (;; p++) {
    for (int i = 0; i < n; i++) {
      double t = ticks[i];
      sb o;
      sb_init(&o, bufs[i], 32);
      if (isnan(t)) {
        sb_puts(&o, "NaN");
        continue;
      }
      if (isinf(t)) {
        sb_puts(&o, t < 0 ? "-Infinity" : "Infinity");
        continue;
      }
      char tmp[400];
      sb b;
      sb_init(&b, tmp, sizeof tmp);
      js_to_fixed(&b, fabs(t) / W_SCALE[u], p);
      if (body_is_zero(tmp)) { /* zero, or rounds to it: no unit, no sign */
        sb_putc(&o, '0');
        continue;
      }
      if (t < 0) sb_putc(&o, '-');
      sb_puts(&o, tmp);
      sb_puts(&o, units[u]);
    }
    if (p >= 8) return;
    int distinct = 1; /* ticks never repeat, so equal labels mean too few digits */
    for (int i = 0; distinct && i < n; i++)
      for (int j = i + 1; distinct && j < n; j++)
        if (ticks[i] != ticks[j] && strcmp(bufs[i], bufs[j]) == 0) distinct = 0;
    if (distinct) return;
  }
}
