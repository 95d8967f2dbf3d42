/* Vega expression subset: a recursive-descent parser building a compact
 * tree (one allocation per compiled expression) and a tree-walking
 * evaluator with JavaScript value semantics.  See expr.h for the grammar. */
#include "data/expr.h"

#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__GNUC__)
#define NOINLINE __attribute__((noinline))
#define PRINTF_LIKE(a, b) __attribute__((format(printf, a, b)))
#else
#define NOINLINE
#define PRINTF_LIKE(a, b)
#endif

/* ---- tree ------------------------------------------------------------- */

enum { K_NUM, K_STR, K_BOOL, K_NULL, K_FIELD, K_INDEX, K_NEG, K_POS, K_NOT, K_CHAIN, K_COND, K_CALL };
/* Binary operators (also token codes); OR/AND short-circuit inside chains. */
enum { OP_OR = 1, OP_AND, OP_EQ, OP_NE, OP_SEQ, OP_SNE, OP_LT, OP_LE, OP_GT, OP_GE,
       OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD,
       P_LPAREN = 32, P_RPAREN, P_LBRACK, P_RBRACK, P_COMMA, P_DOT, P_QUEST, P_COLON, P_NOT, P_ASSIGN };

typedef struct node {
  uint8_t kind, lop; /* lop: operator joining this node to its left sibling in a K_CHAIN */
  uint8_t fn;        /* K_CALL: function id */
  uint8_t h;         /* height of the subtree (bounded by EXPR_MAX_DEPTH) */
  int32_t kid, next; /* first child, next sibling (-1: none) */
  uint32_t soff, slen; /* K_STR / K_FIELD: bytes in the pool (NUL-terminated) */
  double num;        /* K_NUM value, K_BOOL 0/1 */
} node;

_Static_assert(EXPR_MAX_DEPTH < 256, "node heights are stored in 8 bits");

struct expr {
  int32_t root, nnodes;
  const node *nodes;
  const char *pool;
};

/* ---- functions -------------------------------------------------------- */

enum { F_ABS, F_ROUND, F_FLOOR, F_CEIL, F_SQRT, F_LOG, F_EXP, F_SIN, F_COS, F_TAN, F_ASIN, F_ACOS,
       F_ATAN, F_POW, F_ATAN2, F_MIN, F_MAX, F_CLAMP, F_ISNAN, F_ISFINITE,
       F_YEAR, F_QUARTER, F_MONTH, F_DATE, F_DAY, F_HOURS, F_MINUTES, F_SECONDS, F_MS, F_TIME,
       F_DATETIME, F_ISVALID, F_ISNUMBER, F_ISSTRING, F_ISBOOLEAN, F_TONUMBER, F_TOSTRING,
       F_TOBOOLEAN, F_PARSEFLOAT, F_LENGTH, F_SUBSTRING, F_INDEXOF, F_UPPER, F_LOWER, F_TRIM,
       F_REPLACE, F_IF };

static const struct fndef { const char *name; uint8_t id, min, max; } FNS[] = {
  {"abs", F_ABS, 1, 1}, {"round", F_ROUND, 1, 1}, {"floor", F_FLOOR, 1, 1}, {"ceil", F_CEIL, 1, 1},
  {"sqrt", F_SQRT, 1, 1}, {"log", F_LOG, 1, 1}, {"exp", F_EXP, 1, 1}, {"sin", F_SIN, 1, 1},
  {"cos", F_COS, 1, 1}, {"tan", F_TAN, 1, 1}, {"asin", F_ASIN, 1, 1}, {"acos", F_ACOS, 1, 1},
  {"atan", F_ATAN, 1, 1}, {"pow", F_POW, 2, 2}, {"atan2", F_ATAN2, 2, 2}, {"min", F_MIN, 0, 255},
  {"max", F_MAX, 0, 255}, {"clamp", F_CLAMP, 3, 3}, {"isNaN", F_ISNAN, 1, 1},
  {"isFinite", F_ISFINITE, 1, 1}, {"year", F_YEAR, 1, 1}, {"utcyear", F_YEAR, 1, 1},
  {"quarter", F_QUARTER, 1, 1}, {"utcquarter", F_QUARTER, 1, 1}, {"month", F_MONTH, 1, 1},
  {"utcmonth", F_MONTH, 1, 1}, {"date", F_DATE, 1, 1}, {"utcdate", F_DATE, 1, 1},
  {"day", F_DAY, 1, 1}, {"utcday", F_DAY, 1, 1}, {"hours", F_HOURS, 1, 1},
  {"utchours", F_HOURS, 1, 1}, {"minutes", F_MINUTES, 1, 1}, {"utcminutes", F_MINUTES, 1, 1},
  {"seconds", F_SECONDS, 1, 1}, {"utcseconds", F_SECONDS, 1, 1}, {"milliseconds", F_MS, 1, 1},
  {"utcmilliseconds", F_MS, 1, 1}, {"time", F_TIME, 1, 1}, {"datetime", F_DATETIME, 1, 7},
  {"utc", F_DATETIME, 1, 7}, {"isValid", F_ISVALID, 1, 1}, {"isNumber", F_ISNUMBER, 1, 1},
  {"isString", F_ISSTRING, 1, 1}, {"isBoolean", F_ISBOOLEAN, 1, 1},
  {"toNumber", F_TONUMBER, 1, 1}, {"toString", F_TOSTRING, 1, 1},
  {"toBoolean", F_TOBOOLEAN, 1, 1}, {"parseFloat", F_PARSEFLOAT, 1, 1},
  {"length", F_LENGTH, 1, 1}, {"substring", F_SUBSTRING, 2, 3}, {"indexof", F_INDEXOF, 2, 2},
  {"upper", F_UPPER, 1, 1}, {"lower", F_LOWER, 1, 1}, {"trim", F_TRIM, 1, 1},
  {"replace", F_REPLACE, 3, 3}, {"if", F_IF, 3, 3},
};

static const struct cdef { const char *name; uint8_t kind; double v; } CONSTS[] = {
  {"true", K_BOOL, 1}, {"false", K_BOOL, 0}, {"null", K_NULL, 0}, {"NaN", K_NUM, NAN},
  {"Infinity", K_NUM, INFINITY}, {"PI", K_NUM, 3.141592653589793}, {"E", K_NUM, 2.718281828459045},
  {"LN2", K_NUM, 0.6931471805599453}, {"LN10", K_NUM, 2.302585092994046},
  {"LOG2E", K_NUM, 1.4426950408889634}, {"LOG10E", K_NUM, 0.4342944819032518},
  {"SQRT2", K_NUM, 1.4142135623730951}, {"SQRT1_2", K_NUM, 0.7071067811865476},
  {"MAX_VALUE", K_NUM, DBL_MAX}, {"MIN_VALUE", K_NUM, 4.9406564584124654e-324},
};

/* ---- text helpers ----------------------------------------------------- */

static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_ident(int c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' || c >= 0x80 || is_digit(c);
}
static int digit_val(int c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

/* Length of the JS whitespace / line terminator starting at s, or 0. */
static size_t ws_len(const char *sp, const char *ep) {
  const unsigned char *s = (const unsigned char *)sp;
  ptrdiff_t n = ep - sp;
  if (n <= 0) return 0;
  if (s[0] == ' ' || (s[0] >= 9 && s[0] <= 13)) return 1;
  if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0) return 2;
  if (n < 3 || s[2] < 0x80) return 0;
  if ((s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) || (s[0] == 0xE1 && s[1] == 0x9A && s[2] == 0x80) ||
      (s[0] == 0xE2 && s[1] == 0x80 && (s[2] <= 0x8A || s[2] == 0xA8 || s[2] == 0xA9 || s[2] == 0xAF)) ||
      (s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0x9F) || (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80))
    return 3;
  return 0;
}
static void trim_ws(const char **b, const char **e) {
  size_t k;
  while ((k = ws_len(*b, *e)) > 0) *b += k;
  for (int again = 1; again;) {
    again = 0;
    for (size_t l = 1; l <= 3 && !again; l++)
      if (*e - *b >= (ptrdiff_t)l && ws_len(*e - l, *e) == l) *e -= l, again = 1;
  }
}

static size_t utf8_put(char *d, uint32_t cp) {
  if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
  if (cp < 0x80) { d[0] = (char)cp; return 1; }
  if (cp < 0x800) { d[0] = (char)(0xC0 | cp >> 6); d[1] = (char)(0x80 | (cp & 63)); return 2; }
  if (cp < 0x10000) {
    d[0] = (char)(0xE0 | cp >> 12); d[1] = (char)(0x80 | ((cp >> 6) & 63)); d[2] = (char)(0x80 | (cp & 63));
    return 3;
  }
  d[0] = (char)(0xF0 | cp >> 18); d[1] = (char)(0x80 | ((cp >> 12) & 63));
  d[2] = (char)(0x80 | ((cp >> 6) & 63)); d[3] = (char)(0x80 | (cp & 63));
  return 4;
}
static size_t cp_count(const char *s, size_t n) {
  size_t c = 0;
  for (size_t i = 0; i < n; i++) c += ((unsigned char)s[i] & 0xC0) != 0x80;
  return c;
}
/* Byte offset of code point index k (clamped to n). */
static size_t cp_offset(const char *s, size_t n, size_t k) {
  size_t i = 0;
  for (; i < n; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80 && k-- == 0) break;
  return i;
}

/* Digits in the given radix; returns the count consumed. */
static size_t scan_radix(const char *s, size_t n, int radix, double *out) {
  size_t i = 0;
  double v = 0;
  for (; i < n && digit_val((unsigned char)s[i]) < radix; i++) v = v * radix + digit_val((unsigned char)s[i]);
  *out = v;
  return i;
}

/* A JS decimal literal without sign (12, 1.5, .5, 1., 1e3); returns bytes
 * consumed, 0 if none.  Digits are normalised to "DDDe±X" before strtod so the
 * conversion is independent of the C locale's decimal point. */
static size_t scan_decimal(const char *s, size_t n, double *out) {
  char buf[128];
  size_t nb = 0, i = 0;
  long dexp = 0;
  int any = 0, sticky = 0;
  for (; i < n && is_digit(s[i]); i++) {
    any = 1;
    if (!nb && s[i] == '0') continue;
    if (nb < 100) buf[nb++] = s[i];
    else dexp++, sticky |= s[i] != '0';
  }
  if (i < n && s[i] == '.') {
    size_t j = i + 1;
    for (; j < n && is_digit(s[j]); j++) {
      any = 2 | any;
      if (!nb && s[j] == '0') dexp--;
      else if (nb < 100) buf[nb++] = s[j], dexp--;
      else sticky |= s[j] != '0';
    }
    if (any) i = j;
  }
  if (!any) return 0;
  if (i + 1 < n && (s[i] == 'e' || s[i] == 'E')) {
    size_t j = i + 1;
    int neg = 0;
    if (s[j] == '+' || s[j] == '-') neg = s[j++] == '-';
    if (j < n && is_digit(s[j])) {
      long e = 0;
      for (; j < n && is_digit(s[j]); j++)
        if (e < 100000) e = e * 10 + (s[j] - '0');
      dexp += neg ? -e : e;
      i = j;
    }
  }
  if (sticky) buf[nb++] = '1', dexp--;
  if (!nb) *out = 0;
  else {
    snprintf(buf + nb, sizeof buf - nb, "e%ld", dexp);
    *out = strtod(buf, NULL);
  }
  return i;
}

/* JS StringToNumber. */
static double str_to_num(const char *s) {
  const char *b = s, *e = s + strlen(s);
  trim_ws(&b, &e);
  size_t n = (size_t)(e - b);
  double v;
  if (!n) return 0;
  if (n > 2 && b[0] == '0' && strchr("xXoObB", b[1])) {
    int r = (b[1] | 32) == 'x' ? 16 : (b[1] | 32) == 'o' ? 8 : 2;
    return scan_radix(b + 2, n - 2, r, &v) == n - 2 ? v : NAN;
  }
  int neg = (*b == '-');
  if (*b == '+' || *b == '-') b++, n--;
  if (n == 8 && !memcmp(b, "Infinity", 8)) return neg ? -INFINITY : INFINITY;
  if (!n || scan_decimal(b, n, &v) != n) return NAN;
  return neg ? -v : v;
}

/* JS Number::toString(10); out needs 32 bytes.  Returns the length. */
static size_t fmt_num(double x, char *out) {
  if (isnan(x)) return (size_t)sprintf(out, "NaN");
  if (isinf(x)) return (size_t)sprintf(out, x < 0 ? "-Infinity" : "Infinity");
  if (x == 0) return (size_t)sprintf(out, "0");
  if (fabs(x) < 9007199254740992.0 && x == floor(x)) return (size_t)sprintf(out, "%.0f", x);
  char tmp[48], dig[24];
  for (int p = 1; p <= 17; p++) {
    snprintf(tmp, sizeof tmp, "%.*e", p - 1, x);
    if (strtod(tmp, NULL) == x) break;
  }
  int nd = 0;
  const char *q = tmp;
  for (; *q && *q != 'e'; q++)
    if (is_digit(*q)) dig[nd++] = *q;
  int n = (*q ? atoi(q + 1) : 0) + 1; /* decimal point position */
  while (nd > 1 && dig[nd - 1] == '0') nd--;
  char *o = out;
  if (x < 0) *o++ = '-';
  if (nd <= n && n <= 21) {
    memcpy(o, dig, (size_t)nd), o += nd;
    for (int i = nd; i < n; i++) *o++ = '0';
  } else if (0 < n && n <= 21) {
    memcpy(o, dig, (size_t)n), o += n, *o++ = '.';
    memcpy(o, dig + n, (size_t)(nd - n)), o += nd - n;
  } else if (-6 < n && n <= 0) {
    *o++ = '0', *o++ = '.';
    for (int i = n; i < 0; i++) *o++ = '0';
    memcpy(o, dig, (size_t)nd), o += nd;
  } else {
    *o++ = dig[0];
    if (nd > 1) *o++ = '.', memcpy(o, dig + 1, (size_t)(nd - 1)), o += nd - 1;
    o += sprintf(o, "e%c%d", n - 1 >= 0 ? '+' : '-', abs(n - 1));
  }
  *o = 0;
  return (size_t)(o - out);
}

/* ---- calendar (proleptic Gregorian, UTC) ------------------------------ */

static double days_from_civil(double y, double m, double d) { /* m 1-12 */
  y -= m <= 2;
  double era = floor(y / 400), yoe = y - era * 400, mp = m > 2 ? m - 3 : m + 9;
  double doy = floor((153 * mp + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + floor(yoe / 4) - floor(yoe / 100) + doy - 719468;
}
static void civil_from_days(int64_t z, int64_t *y, int *m, int *d) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097, doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = yoe + era * 400 + (*m <= 2);
}
static double time_clip(double t) {
  return (isfinite(t) && fabs(t) <= 8.64e15) ? trunc(t) + 0.0 : NAN;
}
static int rd_digits(const char **s, int n, int *v) {
  *v = 0;
  for (int i = 0; i < n; i++, (*s)++) {
    if (!is_digit(**s)) return -1;
    *v = *v * 10 + (**s - '0');
  }
  return 0;
}
/* ISO 8601 subset of Date.parse: YYYY[-MM[-DD]][(T| )HH:mm[:ss[.sss]]][Z|±HH:mm];
 * also ±YYYYYY years.  Times without an offset are taken as UTC. */
static double parse_date(const char *str) {
  const char *b = str, *e = str + strlen(str);
  trim_ws(&b, &e);
  const char *s = b;
  int y, mo = 1, d = 1, h = 0, mi = 0, sec = 0, ms = 0, tz = 0, sign = 1, ext = *s == '+' || *s == '-';
  if (ext) sign = (*s++ == '-') ? -1 : 1;
  if (rd_digits(&s, ext ? 6 : 4, &y)) return NAN;
  if (*s == '-') {
    s++;
    if (rd_digits(&s, 2, &mo)) return NAN;
    if (*s == '-' && (s++, rd_digits(&s, 2, &d))) return NAN;
  }
  if ((*s == 'T' || *s == 't' || *s == ' ') && is_digit(s[1])) {
    s++;
    if (rd_digits(&s, 2, &h) || *s++ != ':' || rd_digits(&s, 2, &mi)) return NAN;
    if (*s == ':' && (s++, rd_digits(&s, 2, &sec))) return NAN;
    if ((*s == '.' || *s == ',') && is_digit(s[1])) {
      s++;
      for (int k = 0; is_digit(*s); s++, k++)
        if (k < 3) ms += (*s - '0') * (k == 0 ? 100 : k == 1 ? 10 : 1);
    }
    if (*s == 'Z' || *s == 'z') s++;
    else if (*s == '+' || *s == '-') {
      int sg = *s++ == '-' ? -1 : 1, th, tm;
      if (rd_digits(&s, 2, &th)) return NAN;
      if (*s == ':') s++;
      if (rd_digits(&s, 2, &tm)) return NAN;
      if (th > 23 || tm > 59) return NAN;
      tz = sg * (th * 60 + tm);
    }
  }
  if (s != e) return NAN;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || sec > 59 ||
      (h == 24 && (mi || sec || ms)))
    return NAN;
  double t = days_from_civil((double)sign * y, mo, d) * 864e5 + h * 3.6e6 + mi * 6e4 + sec * 1e3 + ms;
  return time_clip(t - tz * 6e4);
}

static double date_part(double t, int fn) {
  t = time_clip(t);
  if (isnan(t)) return NAN;
  double days = floor(t / 864e5), msd = t - days * 864e5;
  int64_t y;
  int m, d;
  civil_from_days((int64_t)days, &y, &m, &d);
  switch (fn) {
  case F_YEAR: return (double)y;
  case F_QUARTER: return (m - 1) / 3 + 1;
  case F_MONTH: return m - 1;
  case F_DATE: return d;
  case F_DAY: return (double)((((int64_t)days % 7) + 11) % 7);
  case F_HOURS: return floor(msd / 3.6e6);
  case F_MINUTES: return fmod(floor(msd / 6e4), 60);
  case F_SECONDS: return fmod(floor(msd / 1e3), 60);
  case F_MS: return fmod(msd, 1000);
  default: return t;
  }
}

/* ---- parser ----------------------------------------------------------- */

enum { T_END, T_NUM, T_STR, T_IDENT, T_OP };

typedef struct {
  const char *src;
  size_t len, pos, ts; /* ts: start of the current token */
  int tok, op, depth, failed;
  double tnum;
  uint32_t tsoff, tslen;
  node *nodes;
  int32_t nn, ncap;
  char *pool;
  size_t np, pcap;
  char *err;
  size_t errlen, erroff;
  const expr_env *env; /* bare names standing for constants (NULL: none) */
} P;

PRINTF_LIKE(3, 4) static int fail(P *p, size_t off, const char *fmt, ...) {
  if (!p->failed) {
    p->failed = 1;
    p->erroff = off;
    if (p->err && p->errlen) {
      va_list ap;
      va_start(ap, fmt);
      vsnprintf(p->err, p->errlen, fmt, ap);
      va_end(ap);
    }
  }
  return -1;
}

static int pput(P *p, const void *d, size_t n) {
  if (p->pcap - p->np < n) {
    size_t nc = p->pcap ? p->pcap * 2 : 256;
    while (nc - p->np < n) nc *= 2;
    char *np = realloc(p->pool, nc);
    if (!np) return fail(p, 0, "out of memory");
    p->pool = np, p->pcap = nc;
  }
  memcpy(p->pool + p->np, d, n);
  p->np += n;
  return 0;
}

static int32_t mk(P *p, int kind) {
  if (p->nn == p->ncap) {
    int32_t nc = p->ncap ? p->ncap * 2 : 32;
    node *nn = realloc(p->nodes, (size_t)nc * sizeof *nn);
    if (!nn) return fail(p, 0, "out of memory");
    p->nodes = nn, p->ncap = nc;
  }
  node *n = &p->nodes[p->nn];
  memset(n, 0, sizeof *n);
  n->kind = (uint8_t)kind, n->kid = n->next = -1, n->h = 1;
  return p->nn++;
}

/* Record child c under parent i (height bookkeeping). */
static int adopt(P *p, int32_t i, int32_t c) {
  int h = p->nodes[c].h + 1;
  if (h > EXPR_MAX_DEPTH) return fail(p, p->ts, "expression is too deeply nested");
  if (h > p->nodes[i].h) p->nodes[i].h = (uint8_t)h;
  return 0;
}

static int lex_string(P *p) {
  const char *s = p->src;
  char q = s[p->pos], tmp[4];
  size_t i = p->pos + 1;
  p->tsoff = (uint32_t)p->np;
  for (;;) {
    if (i >= p->len || s[i] == '\n' || s[i] == '\r') return fail(p, p->ts, "unterminated string literal");
    char ch = s[i++];
    if (ch == q) break;
    if (ch != '\\') {
      if (pput(p, &ch, 1)) return -1;
      continue;
    }
    if (i >= p->len) return fail(p, p->ts, "unterminated string literal");
    size_t esc = i - 1;
    ch = s[i++];
    uint32_t cp = 0;
    double v;
    static const char ESC[] = "ntrbfv0", UNESC[] = "\n\t\r\b\f\v"; /* '0' -> the final NUL */
    const char *simple = ch ? strchr(ESC, ch) : NULL;
    if (simple) ch = UNESC[simple - ESC];
    else switch (ch) {
    case '\r': if (i < p->len && s[i] == '\n') i++; continue;
    case '\n': continue;
    case 'x':
    case 'u':
      if (ch == 'u' && i < p->len && s[i] == '{') {
        size_t k = scan_radix(s + i + 1, p->len - i - 1, 16, &v);
        if (!k || k > 6 || v > 0x10FFFF || i + 1 + k >= p->len || s[i + 1 + k] != '}')
          return fail(p, esc, "invalid escape sequence");
        cp = (uint32_t)v, i += k + 2;
      } else {
        size_t want = ch == 'x' ? 2 : 4;
        if (p->len - i < want || scan_radix(s + i, want, 16, &v) != want) return fail(p, esc, "invalid escape sequence");
        cp = (uint32_t)v, i += want;
        if (cp >= 0xD800 && cp < 0xDC00 && p->len - i >= 6 && s[i] == '\\' && s[i + 1] == 'u' &&
            scan_radix(s + i + 2, 4, 16, &v) == 4 && v >= 0xDC00 && v < 0xE000)
          cp = 0x10000 + ((cp - 0xD800) << 10) + ((uint32_t)v - 0xDC00), i += 6;
      }
      if (pput(p, tmp, utf8_put(tmp, cp))) return -1;
      continue;
    default: break;
    }
    if (pput(p, &ch, 1)) return -1;
  }
  p->tslen = (uint32_t)(p->np - p->tsoff);
  p->pos = i, p->tok = T_STR;
  return pput(p, "", 1);
}

static int lex(P *p) {
  static const struct { const char *s; uint8_t op; } PUNCT[] = {
    {"===", OP_SEQ}, {"!==", OP_SNE}, {"==", OP_EQ}, {"!=", OP_NE}, {"<=", OP_LE}, {">=", OP_GE},
    {"&&", OP_AND}, {"||", OP_OR}, {"<", OP_LT}, {">", OP_GT}, {"+", OP_ADD}, {"-", OP_SUB},
    {"*", OP_MUL}, {"/", OP_DIV}, {"%", OP_MOD}, {"(", P_LPAREN}, {")", P_RPAREN}, {"[", P_LBRACK},
    {"]", P_RBRACK}, {",", P_COMMA}, {".", P_DOT}, {"?", P_QUEST}, {":", P_COLON}, {"!", P_NOT},
    {"=", P_ASSIGN}};
  const char *s = p->src;
  size_t k, n = p->len;
  while ((k = ws_len(s + p->pos, s + n)) > 0) p->pos += k;
  p->ts = p->pos;
  if (p->pos >= n) return p->tok = T_END, 0;
  unsigned char c = (unsigned char)s[p->pos];
  if (is_digit(c) || (c == '.' && p->pos + 1 < n && is_digit(s[p->pos + 1]))) {
    int r = 0;
    if (c == '0' && p->pos + 1 < n) {
      int x = s[p->pos + 1] | 32;
      r = x == 'x' ? 16 : x == 'o' ? 8 : x == 'b' ? 2 : 0;
    }
    k = r ? scan_radix(s + p->pos + 2, n - p->pos - 2, r, &p->tnum) : scan_decimal(s + p->pos, n - p->pos, &p->tnum);
    if (!k) return fail(p, p->ts, "invalid number literal");
    p->pos += k + (r ? 2 : 0);
    if (p->pos < n && is_ident((unsigned char)s[p->pos])) return fail(p, p->ts, "invalid number literal");
    return p->tok = T_NUM, 0;
  }
  if (c == '"' || c == '\'') return lex_string(p);
  if (is_ident(c)) {
    while (p->pos < n && is_ident((unsigned char)s[p->pos]) && !ws_len(s + p->pos, s + n)) p->pos++;
    return p->tok = T_IDENT, 0;
  }
  for (size_t i = 0; i < sizeof PUNCT / sizeof *PUNCT; i++) {
    size_t l = strlen(PUNCT[i].s);
    if (n - p->pos >= l && !memcmp(s + p->pos, PUNCT[i].s, l)) {
      p->pos += l, p->op = PUNCT[i].op;
      return p->tok = T_OP, 0;
    }
  }
  if (c >= 0x20 && c < 0x7F) return fail(p, p->ts, "unexpected character '%c'", c);
  return fail(p, p->ts, "unexpected byte 0x%02X", c);
}

static int is_op(const P *p, int op) { return p->tok == T_OP && p->op == op; }
static int prec(const P *p) {
  if (p->tok != T_OP) return 0;
  switch (p->op) {
  case OP_OR: return 1;
  case OP_AND: return 2;
  case OP_EQ: case OP_NE: case OP_SEQ: case OP_SNE: return 3;
  case OP_LT: case OP_LE: case OP_GT: case OP_GE: return 4;
  case OP_ADD: case OP_SUB: return 5;
  case OP_MUL: case OP_DIV: case OP_MOD: return 6;
  default: return 0;
  }
}

static int unexpected(P *p) {
  if (p->tok == T_END) return fail(p, p->ts, "unexpected end of expression");
  if (is_op(p, P_ASSIGN)) return fail(p, p->ts, "'=' is not supported (use '==' or '===')");
  size_t n = p->pos - p->ts;
  return fail(p, p->ts, "unexpected '%.*s'", (int)(n > 24 ? 24 : n), p->src + p->ts);
}
static int expect(P *p, int op, const char *what) {
  if (!is_op(p, op)) return fail(p, p->ts, "expected %s", what);
  return lex(p);
}
static int deeper(P *p) {
  if (++p->depth > EXPR_MAX_DEPTH) return fail(p, p->ts, "expression is too deeply nested");
  return 0;
}

static int32_t cond(P *p);

static int32_t parse_call(P *p, const char *name, size_t n, size_t at) {
  const struct fndef *f = NULL;
  for (size_t i = 0; i < sizeof FNS / sizeof *FNS && !f; i++)
    if (strlen(FNS[i].name) == n && !memcmp(FNS[i].name, name, n)) f = &FNS[i];
  if (!f) return fail(p, at, "unknown function '%.*s'", (int)(n > 40 ? 40 : n), name);
  int32_t i = mk(p, K_CALL), last = -1;
  int cnt = 0;
  if (i < 0 || lex(p)) return -1;
  p->nodes[i].fn = f->id;
  if (is_op(p, P_RPAREN)) {
    if (lex(p)) return -1;
  } else
    for (;;) {
      int32_t a = cond(p);
      if (a < 0 || adopt(p, i, a)) return -1;
      if (last < 0) p->nodes[i].kid = a;
      else p->nodes[last].next = a;
      last = a;
      if (++cnt > f->max) return fail(p, at, "too many arguments to '%s'", f->name);
      if (is_op(p, P_COMMA)) {
        if (lex(p)) return -1;
        continue;
      }
      if (expect(p, P_RPAREN, "',' or ')'")) return -1;
      break;
    }
  if (cnt < f->min || cnt > f->max) {
    if (f->min == f->max) return fail(p, at, "function '%s' expects %d argument%s", f->name, f->min, f->min == 1 ? "" : "s");
    return fail(p, at, "function '%s' expects at least %d argument%s", f->name, f->min, f->min == 1 ? "" : "s");
  }
  return i;
}

static int32_t datum(P *p, size_t at) {
  int32_t i;
  if (is_op(p, P_DOT)) {
    if (lex(p)) return -1;
    if (p->tok != T_IDENT) return fail(p, p->ts, "expected a field name after 'datum.'");
    if ((i = mk(p, K_FIELD)) < 0) return -1;
    p->nodes[i].soff = (uint32_t)p->np, p->nodes[i].slen = (uint32_t)(p->pos - p->ts);
    if (pput(p, p->src + p->ts, p->pos - p->ts) || pput(p, "", 1) || lex(p)) return -1;
  } else if (is_op(p, P_LBRACK)) {
    if (lex(p) || (i = cond(p)) < 0 || expect(p, P_RBRACK, "']'")) return -1;
    node *k = &p->nodes[i];
    if (k->kind == K_STR) k->kind = K_FIELD;
    else if (k->kind == K_NUM) {
      char buf[32];
      size_t l = fmt_num(k->num, buf);
      k->kind = K_FIELD, k->soff = (uint32_t)p->np, k->slen = (uint32_t)l;
      if (pput(p, buf, l + 1)) return -1;
    } else {
      int32_t x = mk(p, K_INDEX);
      if (x < 0) return -1;
      p->nodes[x].kid = i;
      if (adopt(p, x, i)) return -1;
      i = x;
    }
  } else
    return fail(p, at, "'datum' must be followed by .field or [\"field\"]");
  if (is_op(p, P_DOT) || is_op(p, P_LBRACK)) return fail(p, p->ts, "nested property access is not supported");
  return i;
}

/* A param's value as a constant node (a string is copied into the pool). */
static int32_t env_const(P *p, const expr_value *v) {
  static const uint8_t kinds[] = {[EXPR_NULL] = K_NULL, [EXPR_NUM] = K_NUM, [EXPR_STR] = K_STR, [EXPR_BOOL] = K_BOOL};
  int32_t i = mk(p, kinds[v->type]);
  if (i < 0) return -1;
  p->nodes[i].num = v->type == EXPR_BOOL ? v->boolean : v->num;
  if (v->type == EXPR_STR) {
    size_t l = strlen(v->str);
    p->nodes[i].soff = (uint32_t)p->np, p->nodes[i].slen = (uint32_t)l;
    if (pput(p, v->str, l + 1)) return -1;
  }
  return i;
}

static int32_t primary(P *p) {
  size_t at = p->ts, n = p->pos - p->ts;
  int32_t i;
  if (p->tok == T_NUM || p->tok == T_STR) {
    if ((i = mk(p, p->tok == T_NUM ? K_NUM : K_STR)) < 0) return -1;
    p->nodes[i].num = p->tnum, p->nodes[i].soff = p->tsoff, p->nodes[i].slen = p->tslen;
    return lex(p) ? -1 : i;
  }
  if (is_op(p, P_LPAREN)) {
    if (lex(p) || (i = cond(p)) < 0 || expect(p, P_RPAREN, "')'")) return -1;
    return i;
  }
  if (is_op(p, P_LBRACK)) return fail(p, at, "array literals are not supported");
  if (p->tok != T_IDENT) return unexpected(p);
  const char *name = p->src + at;
  if (lex(p)) return -1;
  if (is_op(p, P_LPAREN)) return parse_call(p, name, n, at);
  if (n == 5 && !memcmp(name, "datum", 5)) return datum(p, at);
  for (size_t c = 0; c < sizeof CONSTS / sizeof *CONSTS; c++)
    if (strlen(CONSTS[c].name) == n && !memcmp(CONSTS[c].name, name, n)) {
      if ((i = mk(p, CONSTS[c].kind)) >= 0) p->nodes[i].num = CONSTS[c].v;
      return i;
    }
  for (int k = 0; p->env && k < p->env->n; k++)
    if (strlen(p->env->names[k]) == n && !memcmp(p->env->names[k], name, n)) return env_const(p, &p->env->values[k]);
  return fail(p, at, "'%.*s' is not supported: only datum.field references%s are allowed", (int)(n > 40 ? 40 : n),
              name, p->env && p->env->n ? " and params" : "");
}

static int32_t unary(P *p) {
  if (!(is_op(p, OP_SUB) || is_op(p, OP_ADD) || is_op(p, P_NOT))) return primary(p);
  int op = p->op;
  int32_t k, i;
  if (deeper(p) || lex(p) || (k = unary(p)) < 0) return -1;
  p->depth--;
  if (op == OP_SUB && p->nodes[k].kind == K_NUM) {
    p->nodes[k].num = -p->nodes[k].num;
    return k;
  }
  if ((i = mk(p, op == OP_SUB ? K_NEG : op == OP_ADD ? K_POS : K_NOT)) < 0) return -1;
  p->nodes[i].kid = k;
  return adopt(p, i, k) ? -1 : i;
}

/* Precedence climbing; runs of one precedence level become one K_CHAIN node
 * evaluated iteratively, so long `a || b || c ...` lists stay shallow. */
static int32_t binary(P *p, int minp) {
  int32_t l = unary(p);
  while (l >= 0 && prec(p) >= minp) {
    int lv = prec(p);
    int32_t ch = mk(p, K_CHAIN), last = l;
    if (ch < 0 || adopt(p, ch, l)) return -1;
    p->nodes[ch].kid = l;
    while (prec(p) == lv) {
      int op = p->op;
      int32_t r;
      if (deeper(p) || lex(p) || (r = binary(p, lv + 1)) < 0) return -1;
      p->depth--;
      p->nodes[r].lop = (uint8_t)op, p->nodes[last].next = r, last = r;
      if (adopt(p, ch, r)) return -1;
    }
    l = ch;
  }
  return l;
}

static int32_t cond(P *p) {
  int32_t t, a, b, i;
  if (deeper(p) || (t = binary(p, 1)) < 0) return -1;
  if (is_op(p, P_QUEST)) {
    if (lex(p) || (a = cond(p)) < 0 || expect(p, P_COLON, "':'") || (b = cond(p)) < 0) return -1;
    if ((i = mk(p, K_COND)) < 0) return -1;
    p->nodes[i].kid = t, p->nodes[t].next = a, p->nodes[a].next = b;
    if (adopt(p, i, t) || adopt(p, i, a) || adopt(p, i, b)) return -1;
    t = i;
  }
  p->depth--;
  return t;
}

expr *expr_compile(const char *src, size_t len, char *err, size_t errlen, size_t *err_offset) {
  return expr_compile_env(src, len, NULL, err, errlen, err_offset);
}

expr *expr_compile_env(const char *src, size_t len, const expr_env *env, char *err, size_t errlen,
                       size_t *err_offset) {
  P p;
  memset(&p, 0, sizeof p);
  p.src = src ? src : "", p.len = src ? len : 0, p.err = err, p.errlen = errlen, p.env = env;
  if (err && errlen) err[0] = 0;
  expr *e = NULL;
  int32_t root = -1;
  if (len > EXPR_MAX_SOURCE) fail(&p, EXPR_MAX_SOURCE, "expression is too long (more than %d bytes)", EXPR_MAX_SOURCE);
  else if (!lex(&p) && (root = cond(&p)) >= 0 && p.tok != T_END) unexpected(&p);
  if (!p.failed) {
    size_t hdr = (sizeof(struct expr) + 15) & ~(size_t)15, nb = (size_t)p.nn * sizeof(node);
    char *blk = malloc(hdr + nb + p.np + 1);
    if (!blk) fail(&p, 0, "out of memory");
    else {
      e = (expr *)blk;
      memcpy(blk + hdr, p.nodes, nb);
      if (p.np) memcpy(blk + hdr + nb, p.pool, p.np);
      blk[hdr + nb + p.np] = 0;
      e->root = root, e->nnodes = p.nn;
      e->nodes = (const node *)(blk + hdr), e->pool = blk + hdr + nb;
    }
  }
  free(p.nodes);
  free(p.pool);
  if (p.failed && err_offset) *err_offset = p.erroff;
  return e;
}

void expr_free(expr *e) { free(e); }

/* ---- evaluation ------------------------------------------------------- */

/* A value during evaluation: strings made by the evaluator are kept as
 * offsets into the scratch buffer (s == NULL), since realloc may move it. */
typedef struct {
  expr_type t;
  int b;
  double n;
  const char *s;
  size_t off;
} val;

typedef struct {
  const expr *e;
  void *row;
  expr_lookup_fn lookup;
  expr_scratch *sc;
} ctx;

static void set_num(val *v, double n) { v->t = EXPR_NUM, v->n = n; }
static void set_bool(val *v, int b) { v->t = EXPR_BOOL, v->b = b != 0; }
static void set_null(val *v) { v->t = EXPR_NULL; }

static const char *vstr_raw(const ctx *c, const val *v) { return v->s ? v->s : c->sc->buf + v->off; }
/* JS String(v); tmp needs 32 bytes.  Invalidated by sc_alloc: re-fetch. */
static const char *vstr(const ctx *c, const val *v, char *tmp) {
  switch (v->t) {
  case EXPR_STR: return vstr_raw(c, v);
  case EXPR_NUM: fmt_num(v->n, tmp); return tmp;
  case EXPR_BOOL: return v->b ? "true" : "false";
  default: return "null";
  }
}
static double tonum(const ctx *c, const val *v) {
  switch (v->t) {
  case EXPR_NUM: return v->n;
  case EXPR_BOOL: return v->b;
  case EXPR_STR: return str_to_num(vstr_raw(c, v));
  default: return 0;
  }
}
static int truthy(const ctx *c, const val *v) {
  switch (v->t) {
  case EXPR_NUM: return v->n != 0 && !isnan(v->n);
  case EXPR_BOOL: return v->b;
  case EXPR_STR: return vstr_raw(c, v)[0] != 0;
  default: return 0;
  }
}

static int sc_alloc(ctx *c, size_t n, size_t *off) {
  expr_scratch *s = c->sc;
  if (!s || s->used > s->cap || n > EXPR_MAX_SCRATCH || s->used > EXPR_MAX_SCRATCH - n) return -1;
  if (s->cap - s->used < n) {
    size_t nc = s->cap < 256 ? 256 : s->cap;
    while (nc - s->used < n) nc *= 2;
    char *nb = realloc(s->buf, nc);
    if (!nb) return -1;
    s->buf = nb, s->cap = nc;
  }
  *off = s->used;
  s->used += n;
  return 0;
}

/* out = String(v)[from, from + len), optionally case-mapped (+1 upper, -1 lower). */
static int copy_str(ctx *c, const val *v, size_t from, size_t len, int cmap, val *out) {
  size_t off;
  char tmp[32];
  if (sc_alloc(c, len + 1, &off)) return -1;
  char *d = c->sc->buf + off;
  memcpy(d, vstr(c, v, tmp) + from, len);
  d[len] = 0;
  for (size_t i = 0; cmap && i < len; i++) {
    unsigned char b = (unsigned char)d[i];
    if (b < 0x80) {
      if (cmap > 0 && b >= 'a' && b <= 'z') d[i] = (char)(b - 32);
      if (cmap < 0 && b >= 'A' && b <= 'Z') d[i] = (char)(b + 32);
    } else if (b >= 0xC2 && b <= 0xDF && i + 1 < len && ((unsigned char)d[i + 1] & 0xC0) == 0x80) {
      uint32_t cp = ((b & 0x1Fu) << 6) | ((unsigned char)d[i + 1] & 0x3Fu), m = cp;
      if (cmap > 0) {
        if ((cp >= 0xE0 && cp <= 0xFE && cp != 0xF7) || (cp >= 0x3B1 && cp <= 0x3C9 && cp != 0x3C2) ||
            (cp >= 0x430 && cp <= 0x44F)) m = cp - 32;
        else if (cp >= 0x450 && cp <= 0x45F) m = cp - 80;
      } else {
        if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) || (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) ||
            (cp >= 0x410 && cp <= 0x42F)) m = cp + 32;
        else if (cp >= 0x400 && cp <= 0x40F) m = cp + 80;
      }
      utf8_put(d + i, m); /* same 2-byte length */
      i++;
    }
  }
  out->t = EXPR_STR, out->s = NULL, out->off = off;
  return 0;
}

/* Expands a JS replacement pattern ($$ $& $` $'); writes into d if non-NULL. */
static size_t expand(char *d, const char *s, size_t ls, size_t mo, size_t lp, const char *r) {
  size_t n = 0;
  for (; *r; r++) {
    const char *piece = r;
    size_t pl = 1;
    if (r[0] == '$' && r[1]) {
      switch (r[1]) {
      case '$': pl = 1, r++; break;
      case '&': piece = s + mo, pl = lp, r++; break;
      case '`': piece = s, pl = mo, r++; break;
      case '\'': piece = s + mo + lp, pl = ls - mo - lp, r++; break;
      default: break;
      }
    }
    if (d) memcpy(d + n, piece, pl);
    n += pl;
  }
  return n;
}

static int ev(ctx *c, int32_t i, val *out);

static double js_round(double x) {
  if (!isfinite(x)) return x;
  double f = floor(x);
  return x - f >= 0.5 ? f + 1 : f;
}
static double js_pow(double x, double y) {
  if (isnan(y) || (fabs(x) == 1 && isinf(y))) return NAN;
  return pow(x, y);
}
static double to_time(const ctx *c, const val *v) {
  return v->t == EXPR_STR ? parse_date(vstr_raw(c, v)) : time_clip(tonum(c, v));
}

static int apply(ctx *c, int fn, val *v, int k, val *out);

static NOINLINE int eval_call(ctx *c, const node *n, val *out) {
  const node *N = c->e->nodes;
  int32_t a = n->kid;
  int k = 0;
  if (n->fn == F_IF) {
    val t;
    if (ev(c, a, &t)) return -1;
    a = N[a].next;
    return ev(c, truthy(c, &t) ? a : N[a].next, out);
  }
  if (n->fn == F_MIN || n->fn == F_MAX) {
    double r = n->fn == F_MIN ? INFINITY : -INFINITY;
    for (; a >= 0; a = N[a].next) {
      val v;
      if (ev(c, a, &v)) return -1;
      double x = tonum(c, &v);
      if (isnan(x) || isnan(r)) r = NAN;
      else if (n->fn == F_MIN ? x < r : x > r) r = x;
    }
    set_num(out, r);
    return 0;
  }
  val v[7];
  for (; a >= 0 && k < 7; a = N[a].next)
    if (ev(c, a, &v[k++])) return -1;
  return apply(c, n->fn, v, k, out);
}

/* The eager functions, out of line to keep eval_call's (recursive) frame small. */
static NOINLINE int apply(ctx *c, int fn, val *v, int k, val *out) {
  char t0[32], t1[32], t2[32];
#define X(j) tonum(c, &v[j])
  static double (*const MATH1[])(double) = {fabs, js_round, floor, ceil, sqrt, log, exp, sin, cos, tan, asin, acos, atan};
  if (fn <= F_ATAN) return set_num(out, MATH1[fn](X(0))), 0;
  if (fn >= F_YEAR && fn <= F_TIME) return set_num(out, date_part(to_time(c, &v[0]), fn)), 0;
  switch (fn) {
  case F_POW: set_num(out, js_pow(X(0), X(1))); return 0;
  case F_ATAN2: set_num(out, atan2(X(0), X(1))); return 0;
  case F_CLAMP: {
    double x = X(0), lo = X(1), hi = X(2);
    set_num(out, isnan(x) || isnan(lo) || isnan(hi) ? NAN : x > hi ? (hi < lo ? lo : hi) : x < lo ? lo : x);
    return 0;
  }
  case F_ISNAN: set_bool(out, v[0].t == EXPR_NUM && isnan(v[0].n)); return 0;
  case F_ISFINITE: set_bool(out, v[0].t == EXPR_NUM && isfinite(v[0].n)); return 0;
  case F_DATETIME: {
    double f[7] = {0, 0, 1, 0, 0, 0, 0};
    for (int j = 0; j < k; j++) f[j] = trunc(X(j));
    for (int j = 0; j < 7; j++)
      if (!isfinite(f[j])) f[0] = NAN;
    if (f[0] >= 0 && f[0] <= 99) f[0] += 1900;
    double ym = f[0] + floor(f[1] / 12), mn = f[1] - floor(f[1] / 12) * 12;
    double t = (days_from_civil(ym, mn + 1, 1) + f[2] - 1) * 864e5 + f[3] * 3.6e6 + f[4] * 6e4 + f[5] * 1e3 + f[6];
    set_num(out, time_clip(t));
    return 0;
  }
  case F_ISVALID: set_bool(out, v[0].t != EXPR_NULL && !(v[0].t == EXPR_NUM && isnan(v[0].n))); return 0;
  case F_ISNUMBER: set_bool(out, v[0].t == EXPR_NUM); return 0;
  case F_ISSTRING: set_bool(out, v[0].t == EXPR_STR); return 0;
  case F_ISBOOLEAN: set_bool(out, v[0].t == EXPR_BOOL); return 0;
  default: break;
  }
  /* Vega's toNumber/toString/toBoolean map null and "" to null. */
  int empty = v[0].t == EXPR_NULL || (v[0].t == EXPR_STR && !vstr_raw(c, &v[0])[0]);
  const char *s = vstr(c, &v[0], t0);
  size_t ls = strlen(s);
  switch (fn) {
  case F_TONUMBER: empty ? set_null(out) : set_num(out, X(0)); return 0;
  case F_TOSTRING:
    if (empty) set_null(out);
    else if (v[0].t != EXPR_NUM) *out = v[0].t == EXPR_STR ? v[0] : (val){EXPR_STR, 0, 0, s, 0};
    else return copy_str(c, &v[0], 0, ls, 0, out);
    return 0;
  case F_TOBOOLEAN:
    if (empty) set_null(out);
    else set_bool(out, truthy(c, &v[0]) && !(v[0].t == EXPR_STR && (!strcmp(s, "false") || !strcmp(s, "0"))));
    return 0;
  case F_PARSEFLOAT: {
    const char *b = s, *e = s + ls;
    size_t w;
    double r = NAN;
    while ((w = ws_len(b, e)) > 0) b += w;
    int neg = *b == '-';
    if (*b == '-' || *b == '+') b++;
    if (!strncmp(b, "Infinity", 8)) r = INFINITY;
    else if (!scan_decimal(b, (size_t)(e - b), &r)) r = NAN;
    set_num(out, neg ? -r : r);
    return 0;
  }
  case F_LENGTH: v[0].t == EXPR_STR ? set_num(out, (double)cp_count(s, ls)) : set_null(out); return 0;
  case F_SUBSTRING: {
    double L = (double)cp_count(s, ls), st = X(1), en = k > 2 ? X(2) : L;
    st = isnan(st) ? 0 : st < 0 ? 0 : st > L ? L : trunc(st);
    en = isnan(en) ? 0 : en < 0 ? 0 : en > L ? L : trunc(en);
    if (st > en) { double t = st; st = en; en = t; }
    size_t b0 = cp_offset(s, ls, (size_t)st), b1 = cp_offset(s, ls, (size_t)en);
    return copy_str(c, &v[0], b0, b1 - b0, 0, out);
  }
  case F_INDEXOF: {
    const char *m = strstr(s, vstr(c, &v[1], t1));
    set_num(out, m ? (double)cp_count(s, (size_t)(m - s)) : -1);
    return 0;
  }
  case F_UPPER: case F_LOWER: return copy_str(c, &v[0], 0, ls, fn == F_UPPER ? 1 : -1, out);
  case F_TRIM: {
    const char *b = s, *e = s + ls;
    trim_ws(&b, &e);
    return copy_str(c, &v[0], (size_t)(b - s), (size_t)(e - b), 0, out);
  }
  case F_REPLACE: {
    const char *pt = vstr(c, &v[1], t1), *m = strstr(s, pt);
    if (!m && v[0].t == EXPR_STR) return *out = v[0], 0;
    if (!m) return copy_str(c, &v[0], 0, ls, 0, out);
    size_t mo = (size_t)(m - s), lp = strlen(pt), lr = expand(NULL, s, ls, mo, lp, vstr(c, &v[2], t2)), off;
    if (sc_alloc(c, ls - lp + lr + 1, &off)) return -1;
    s = vstr(c, &v[0], t0); /* the buffer may have moved */
    char *d = c->sc->buf + off;
    memcpy(d, s, mo);
    expand(d + mo, s, ls, mo, lp, vstr(c, &v[2], t2));
    memcpy(d + mo + lr, s + mo + lp, ls - mo - lp + 1);
    out->t = EXPR_STR, out->s = NULL, out->off = off;
    return 0;
  }
  default: set_null(out); return 0;
  }
#undef X
}

static int binop(ctx *c, int op, const val *a, const val *b, val *out) {
  char t1[32], t2[32];
  switch (op) {
  case OP_ADD:
    if (a->t == EXPR_STR || b->t == EXPR_STR) {
      size_t la = strlen(vstr(c, a, t1)), lb = strlen(vstr(c, b, t2)), off;
      if (sc_alloc(c, la + lb + 1, &off)) return -1;
      char *d = c->sc->buf + off;
      memcpy(d, vstr(c, a, t1), la);
      memcpy(d + la, vstr(c, b, t2), lb + 1);
      out->t = EXPR_STR, out->s = NULL, out->off = off;
    } else
      set_num(out, tonum(c, a) + tonum(c, b));
    return 0;
  case OP_SUB: set_num(out, tonum(c, a) - tonum(c, b)); return 0;
  case OP_MUL: set_num(out, tonum(c, a) * tonum(c, b)); return 0;
  case OP_DIV: set_num(out, tonum(c, a) / tonum(c, b)); return 0;
  case OP_MOD: set_num(out, fmod(tonum(c, a), tonum(c, b))); return 0;
  case OP_EQ: case OP_NE: case OP_SEQ: case OP_SNE: {
    int eq;
    if (a->t == b->t) {
      switch (a->t) {
      case EXPR_NUM: eq = a->n == b->n; break;
      case EXPR_BOOL: eq = a->b == b->b; break;
      case EXPR_STR: eq = !strcmp(vstr_raw(c, a), vstr_raw(c, b)); break;
      default: eq = 1;
      }
    } else if (op == OP_SEQ || op == OP_SNE || a->t == EXPR_NULL || b->t == EXPR_NULL)
      eq = 0;
    else
      eq = tonum(c, a) == tonum(c, b);
    set_bool(out, (op == OP_EQ || op == OP_SEQ) ? eq : !eq);
    return 0;
  }
  default: { /* relational */
    int r;
    if (a->t == EXPR_STR && b->t == EXPR_STR) {
      int d = strcmp(vstr_raw(c, a), vstr_raw(c, b));
      r = op == OP_LT ? d < 0 : op == OP_LE ? d <= 0 : op == OP_GT ? d > 0 : d >= 0;
    } else {
      double x = tonum(c, a), y = tonum(c, b);
      r = op == OP_LT ? x < y : op == OP_LE ? x <= y : op == OP_GT ? x > y : x >= y;
    }
    set_bool(out, r);
    return 0;
  }
  }
}

static int lookup(ctx *c, const char *name, size_t len, val *out) {
  expr_value v;
  memset(&v, 0, sizeof v);
  set_null(out);
  if (!c->lookup || c->lookup(c->row, name, len, &v) != 0) return 0;
  if (v.type == EXPR_NUM) set_num(out, v.num);
  else if (v.type == EXPR_BOOL) set_bool(out, v.boolean);
  else if (v.type == EXPR_STR && v.str) out->t = EXPR_STR, out->s = v.str;
  return 0;
}

static int ev(ctx *c, int32_t i, val *out) {
  const node *N = c->e->nodes, *n = &N[i];
  val v;
  char tmp[32];
  switch (n->kind) {
  case K_NUM: set_num(out, n->num); return 0;
  case K_STR: out->t = EXPR_STR, out->s = c->e->pool + n->soff; return 0;
  case K_BOOL: set_bool(out, n->num != 0); return 0;
  case K_FIELD: return lookup(c, c->e->pool + n->soff, n->slen, out);
  case K_INDEX: {
    if (ev(c, n->kid, &v)) return -1;
    const char *s = vstr(c, &v, tmp);
    return lookup(c, s, strlen(s), out);
  }
  case K_NEG: case K_POS: case K_NOT:
    if (ev(c, n->kid, &v)) return -1;
    if (n->kind == K_NOT) set_bool(out, !truthy(c, &v));
    else set_num(out, n->kind == K_NEG ? -tonum(c, &v) : tonum(c, &v));
    return 0;
  case K_CHAIN: {
    int32_t k = n->kid;
    if (ev(c, k, out)) return -1;
    for (k = N[k].next; k >= 0; k = N[k].next) {
      if (N[k].lop == OP_AND || N[k].lop == OP_OR) {
        if (truthy(c, out) == (N[k].lop == OP_OR)) break;
        if (ev(c, k, out)) return -1;
      } else if (ev(c, k, &v) || binop(c, N[k].lop, out, &v, out))
        return -1;
    }
    return 0;
  }
  case K_COND: {
    int32_t k = n->kid;
    if (ev(c, k, &v)) return -1;
    k = N[k].next;
    return ev(c, truthy(c, &v) ? k : N[k].next, out);
  }
  case K_CALL: return eval_call(c, n, out);
  default: set_null(out); return 0;
  }
}

int expr_eval(const expr *e, void *row, expr_lookup_fn lookup_fn, expr_scratch *scratch, expr_value *out) {
  if (!out) return -1;
  memset(out, 0, sizeof *out);
  if (!e) return -1;
  ctx c = {e, row, lookup_fn, scratch};
  val v;
  memset(&v, 0, sizeof v);
  if (ev(&c, e->root, &v)) return -1;
  out->type = v.t;
  if (v.t == EXPR_NUM) out->num = v.n;
  else if (v.t == EXPR_BOOL) out->boolean = v.b;
  else if (v.t == EXPR_STR) out->str = vstr_raw(&c, &v);
  return 0;
}

int expr_truthy(const expr_value *v) {
  if (!v) return 0;
  switch (v->type) {
  case EXPR_NUM: return v->num != 0 && !isnan(v->num);
  case EXPR_BOOL: return v->boolean != 0;
  case EXPR_STR: return v->str && v->str[0];
  default: return 0;
  }
}

double expr_to_number(const expr_value *v) {
  if (!v) return 0;
  switch (v->type) {
  case EXPR_NUM: return v->num;
  case EXPR_BOOL: return v->boolean != 0;
  case EXPR_STR: return v->str ? str_to_num(v->str) : 0;
  default: return 0;
  }
}
