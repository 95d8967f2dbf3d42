/* Unit tests for the Vega expression subset (src/data/expr.c). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data/expr.h"
#include "testing.h"

typedef struct { const char *name; expr_value v; } field;
typedef struct { const field *f; int n; int lookups; } row;

static int row_lookup(void *r_, const char *name, size_t len, expr_value *out) {
  row *r = r_;
  r->lookups++;
  for (int i = 0; i < r->n; i++)
    if (strlen(r->f[i].name) == len && !memcmp(r->f[i].name, name, len)) {
      *out = r->f[i].v;
      return 0;
    }
  return -1;
}

static const field FIELDS[] = {
  {"a", {.type = EXPR_NUM, .num = 5}},       {"s", {.type = EXPR_STR, .str = "hi"}},
  {"名称", {.type = EXPR_STR, .str = "中文"}},  {"x y", {.type = EXPR_NUM, .num = 2.5}},
  {"flag", {.type = EXPR_BOOL, .boolean = 1}},   {"n", {.type = EXPR_NULL}},
  {"t", {.type = EXPR_NUM, .num = 1568160000000.0}}, {"num", {.type = EXPR_STR, .str = " 12 "}},
};
static row ROW = {FIELDS, (int)(sizeof FIELDS / sizeof *FIELDS), 0};

/* Compiles and evaluates src against ROW; calls check(value) before freeing. */
static expr_scratch SC;
static int run(const char *src, expr_value *out) {
  char err[128];
  size_t off = 0;
  memset(out, 0, sizeof *out);
  expr *e = expr_compile(src, strlen(src), err, sizeof err, &off);
  if (!e) {
    fprintf(stderr, "compile failed: %s: %s at %zu\n", src, err, off);
    return -1;
  }
  SC.used = 0;
  int rc = expr_eval(e, &ROW, row_lookup, &SC, out);
  /* Keep string results valid after freeing: copy into a static buffer. */
  static char keep[256];
  if (rc == 0 && out->type == EXPR_STR) {
    snprintf(keep, sizeof keep, "%s", out->str);
    out->str = keep;
  }
  expr_free(e);
  return rc;
}
static double num(const char *src) {
  expr_value v;
  if (run(src, &v) || v.type != EXPR_NUM) {
    fprintf(stderr, "not a number: %s (type %d)\n", src, v.type);
    return -12345.678;
  }
  return v.num;
}
static const char *str(const char *src) {
  expr_value v;
  return run(src, &v) || v.type != EXPR_STR ? "(not a string)" : v.str;
}
static int boolean(const char *src) { /* 0/1, -1 if not a boolean */
  expr_value v;
  return run(src, &v) || v.type != EXPR_BOOL ? -1 : v.boolean;
}
static int is_null(const char *src) {
  expr_value v;
  return run(src, &v) == 0 && v.type == EXPR_NULL;
}
static int fails(const char *src, size_t len, const char *msg, size_t want_off) {
  char err[160];
  size_t off = 9999;
  expr *e = expr_compile(src, len, err, sizeof err, &off);
  if (e) { expr_free(e); return 0; }
  if (!strstr(err, msg) || off != want_off) {
    fprintf(stderr, "error for '%.40s': \"%s\" at %zu, want \"%s\" at %zu\n", src, err, off, msg, want_off);
    return 0;
  }
  return 1;
}
#define FAILS(src, msg, off) CHECK(fails(src, strlen(src), msg, off))

static void test_arith(void) {
  CHECK_NEAR(num("1+2*3"), 7, 0);
  CHECK_NEAR(num("(1+2)*3"), 9, 0);
  CHECK_NEAR(num("-2*-2"), 4, 0);
  CHECK(boolean("!0") == 1);
  CHECK(boolean("2>1&&3>2") == 1);
  CHECK_NEAR(num("10-4-3"), 3, 0);
  CHECK_NEAR(num("2*3%4"), 2, 0);
  CHECK_NEAR(num("-7 % 3"), -1, 0);
  CHECK_NEAR(num("+'3' + 1"), 4, 0);
  CHECK(boolean("1+2==3") == 1);
  CHECK(boolean("1 < 2 == true") == 1);
  CHECK_NEAR(num("1e3 + .5 + 0x1F + 0b101 + 0o17"), 1000.5 + 31 + 5 + 15, 0);
  CHECK_NEAR(num("1.5e-3"), 0.0015, 1e-18);
  CHECK_NEAR(num("true + true"), 2, 0);
  CHECK_NEAR(num("null + 1"), 1, 0);
  CHECK(isnan(num("'abc' * 2")));
  CHECK(isinf(num("1/0")));
  CHECK_NEAR(num("1 ? 2 : 3 ? 4 : 5"), 2, 0);
  CHECK_NEAR(num("0 ? 2 : 0 ? 4 : 5"), 5, 0);
  CHECK_NEAR(num("datum.a > 3 ? datum.a * 2 : 0"), 10, 0);
  CHECK_NEAR(num("PI"), 3.141592653589793, 0);
  CHECK_NEAR(num("E"), 2.718281828459045, 0);
  CHECK_NEAR(num("!!datum.s + !datum.n"), 2, 0);
}

static void test_strings(void) {
  CHECK_STR(str("'a'+1"), "a1");
  CHECK_STR(str("1+2+'x'"), "3x");
  CHECK_STR(str("'x'+1+2"), "x12");
  CHECK_STR(str("'it\\'s' + \"\\\"q\\\"\""), "it's\"q\"");
  CHECK_STR(str("'\\u4e2d\\x41\\u{1F600}\\uD83D\\uDE00\\n'"), "中A😀😀\n");
  CHECK_STR(str("'a\\tb\\\nc\\rd\\q'"), "a\tbc\rdq"); /* escapes, line continuation */
  CHECK_STR(str("''+(0.1+0.2)"), "0.30000000000000004");
  CHECK_STR(str("''+1e21"), "1e+21");
  CHECK_STR(str("''+3 + 0.5"), "30.5");
  CHECK_STR(str("''+1e-7"), "1e-7");
  CHECK_STR(str("''+0.000001"), "0.000001");
  CHECK_STR(str("''+123456789012345680000"), "123456789012345680000");
  CHECK_STR(str("''+9007199254740994"), "9007199254740994");
  CHECK_STR(str("''+1.5e300 + -2.5e-300"), "1.5e+300-2.5e-300");
  CHECK_STR(str("''+(-0) + 1/3"), "00.3333333333333333");
  CHECK_STR(str("''+NaN+(1/0)+(-1/0)+true+null"), "NaNInfinity-Infinitytruenull");
  CHECK_STR(str("'' + -1234.5678"), "-1234.5678");
}

static void test_logic(void) {
  CHECK_STR(str("0 || 'x'"), "x");
  CHECK_STR(str("1 && 'y'"), "y");
  CHECK_STR(str("'' && 1"), "");
  CHECK_NEAR(num("null || 0"), 0, 0);
  CHECK(is_null("null && 1"));
  ROW.lookups = 0;
  CHECK(boolean("false && datum.a") == 0);
  CHECK(boolean("true || datum.a") == 1);
  CHECK_NEAR(num("if(0, datum.a, 7)"), 7, 0);
  CHECK_NEAR(num("0 ? datum.a : 8"), 8, 0);
  CHECK(ROW.lookups == 0);
  CHECK(boolean("null == null") == 1);
  CHECK(boolean("null == 0") == 0);
  CHECK(boolean("null === null") == 1);
  CHECK(boolean("null < 1") == 1);
  CHECK(boolean("null >= 0") == 1);
  CHECK(boolean("null != ''") == 1);
  CHECK(boolean("'10' == 10") == 1);
  CHECK(boolean("'10' === 10") == 0);
  CHECK(boolean("'10' !== 10") == 1);
  CHECK(boolean("'abc' < 'abd'") == 1);
  CHECK(boolean("'2' > '10'") == 1);
  CHECK(boolean("2 > '10'") == 0);
  CHECK(boolean("true == 1 && '1' == true") == 1);
  CHECK(boolean("NaN == NaN") == 0);
  CHECK(boolean("NaN != NaN") == 1);
  CHECK(boolean("'x' < 1 || 'x' >= 1") == 0);
  CHECK(boolean("datum.missing == null && datum.missing === null") == 1);
}

static void test_datum(void) {
  CHECK_NEAR(num("datum.a * 2"), 10, 0);
  CHECK_STR(str("datum['名称']"), "中文");
  CHECK_STR(str("datum.名称 + datum[\"s\"]"), "中文hi");
  CHECK_NEAR(num("datum[\"x y\"] * 2"), 5, 0);
  CHECK_NEAR(num("datum['' + 'a'] + 1"), 6, 0);
  CHECK(is_null("datum.nope"));
  CHECK(is_null("datum.n"));
  CHECK(boolean("datum.flag") == 1);
  CHECK_STR(str("datum.s + '!'"), "hi!");
  CHECK_NEAR(num("datum.num * 1"), 12, 0);
  /* A row string passes through untouched. */
  expr *e = expr_compile("datum.s", 7, NULL, 0, NULL);
  expr_value v;
  CHECK(e && expr_eval(e, &ROW, row_lookup, NULL, &v) == 0 && v.str == FIELDS[1].v.str);
  CHECK(e && expr_eval(e, NULL, NULL, NULL, &v) == 0 && v.type == EXPR_NULL);
  expr_free(e);
  expr_free(NULL);
}

static void test_functions(void) {
  CHECK_NEAR(num("abs(-3) + round(2.5) + round(-2.5) + round(0.49999999999999994)"), 3 + 3 - 2 + 0, 0);
  CHECK_NEAR(num("floor(-1.5) + ceil(1.2) + sqrt(16) + log(E) + exp(0)"), -2 + 2 + 4 + 1 + 1, 1e-12);
  CHECK_NEAR(num("pow(2, 10)"), 1024, 0);
  CHECK_NEAR(num("min(3, 1, 2) + max(3, 1, 2)"), 4, 0);
  CHECK(isinf(num("max()")) && num("max()") < 0);
  CHECK(isnan(num("min(1, NaN, 0)")));
  CHECK_NEAR(num("clamp(5, 0, 3) + clamp(-1, 0, 3)"), 3, 0);
  CHECK_NEAR(num("atan2(1, 1) * 4"), 3.141592653589793, 1e-15);
  CHECK(boolean("isNaN(NaN) && !isNaN('x') && isFinite(1) && !isFinite('1')") == 1);
  /* 1568160000000 = 2019-09-11T00:00:00Z, a Wednesday. */
  CHECK_NEAR(num("year(1568160000000)"), 2019, 0);
  CHECK_NEAR(num("month(1568160000000)"), 8, 0);
  CHECK_NEAR(num("date(1568160000000)"), 11, 0);
  CHECK_NEAR(num("day(1568160000000)"), 3, 0);
  CHECK_NEAR(num("quarter(datum.t)"), 3, 0);
  CHECK_NEAR(num("hours(datum.t + 3723004)"), 1, 0);
  CHECK_NEAR(num("minutes(datum.t + 3723004)"), 2, 0);
  CHECK_NEAR(num("seconds(datum.t + 3723004)"), 3, 0);
  CHECK_NEAR(num("milliseconds(datum.t + 3723004)"), 4, 0);
  CHECK_NEAR(num("year(-1) * 100 + day(0)"), 196904, 0);
  CHECK_NEAR(num("datetime(2019, 8, 11)"), 1568160000000.0, 0);
  CHECK_NEAR(num("utc(2019, 8, 11, 1, 2, 3, 4) - datum.t"), 3723004, 0);
  CHECK_NEAR(num("utc(2019, 20, 1) - utc(2020, 8, 1)"), 0, 0);
  CHECK_NEAR(num("year('2019-09-11') + month('2019-09') + date('2019-09-11T23:59:59.999Z')"), 2019 + 8 + 11, 0);
  CHECK_NEAR(num("time('2019-09-11T02:00:00+02:00')"), 1568160000000.0, 0);
  CHECK_NEAR(num("time('2019-09-11 00:00')"), 1568160000000.0, 0);
  CHECK_NEAR(num("date('2020-02-29') + month(datetime(1900, 1, 29))"), 29 + 2, 0);
  CHECK_NEAR(num("year('-000001-01-01') + year('+010000-01-01')"), -1 + 10000, 0);
  CHECK(isnan(num("month('bad')")) && isnan(num("year('2019-13-01')")) && isnan(num("year(9e15)")));
  CHECK(boolean("isValid(0) && isValid('') && !isValid(null) && !isValid(NaN) && !isValid(datum.nope)") == 1);
  CHECK(boolean("isNumber(1) && !isNumber('1') && isString('a') && !isString(1) && isBoolean(false)") == 1);
  CHECK_NEAR(num("toNumber(' 12 ') + toNumber('0x10') + toNumber(true) + toNumber('-1.5e1')"), 12 + 16 + 1 - 15, 0);
  CHECK(isnan(num("toNumber('abc')")) && isnan(num("toNumber('1e')")) && is_null("toNumber('')"));
  CHECK_STR(str("toString(3) + toString(0.5) + toString(true) + toString('s')"), "30.5trues");
  CHECK(is_null("toString(null)") && is_null("toString('')") && is_null("toBoolean('')"));
  CHECK(boolean("!toBoolean('false') && !toBoolean('0') && toBoolean('x') && !toBoolean(0)") == 1);
  CHECK_NEAR(num("parseFloat(' 3.5px') + parseFloat('-1e2x')"), -96.5, 0);
  CHECK_NEAR(num("length('中文ab') + length('')"), 4, 0);
  CHECK(is_null("length(5)"));
  CHECK_STR(str("substring('hello', 1, 3) + substring('hello', 3, 1) + substring('hello', -2)"), "elelhello");
  CHECK_STR(str("substring('中文ab', 1) + substring(12345, 1, 2) + substring('abc', NaN, 9)"), "文ab2abc");
  CHECK_NEAR(num("indexof('hello', 'l') * 100 + indexof('中文ab', 'a') * 10 + indexof('x', 'y')"), 219, 0);
  CHECK_STR(str("upper('abc é ω я') + lower('ÀB Σ Я')"), "ABC É Ω Яàb σ я");
  CHECK_STR(str("'[' + trim('  x y \\n\\t') + ']' + trim('\\u00a0z\\u3000')"), "[x y]z");
  CHECK_STR(str("replace('a-b-c', '-', '+') + replace('abc', 'b', '[$&$`$$$\\']') + replace('abc', 'z', 'y')"),
            "a+b-ca[ba$c]cabc");
  CHECK_STR(str("if(datum.a > 1, 'big', 'small')"), "big");
}

static void test_errors(void) {
  FAILS("1 +", "unexpected end of expression", 3);
  FAILS("", "unexpected end of expression", 0);
  FAILS("foo(1)", "unknown function 'foo'", 0);
  FAILS("(1 + 2", "expected ')'", 6);
  FAILS("max(1, 2", "expected ',' or ')'", 8);
  FAILS("1 ? 2", "expected ':'", 5);
  FAILS("window.x", "'window' is not supported: only datum.field references are allowed", 0);
  FAILS("1 + # 2", "unexpected character '#'", 4);
  FAILS("'abc", "unterminated string literal", 0);
  FAILS("'a\\u12'", "invalid escape sequence", 2);
  FAILS("pow(1)", "function 'pow' expects 2 arguments", 0);
  FAILS("substring('a')", "expects at least 2 arguments", 0);
  FAILS("datum.a = 1", "'=' is not supported", 8);
  FAILS("1 2", "unexpected '2'", 2);
  FAILS("3in", "invalid number literal", 0);
  FAILS("0x", "invalid number literal", 0);
  FAILS("datum.a.b", "nested property access is not supported", 7);
  FAILS("datum", "'datum' must be followed by", 0);
  FAILS("[1, 2]", "array literals are not supported", 0);
  FAILS("1 +\n  @", "unexpected character '@'", 6);
  CHECK(expr_compile("1 +", 3, NULL, 0, NULL) == NULL); /* NULL err/offset are fine */
  /* Nesting limits. */
  char buf[EXPR_MAX_SOURCE + 2];
  int k = 0;
  for (int i = 0; i < 300; i++) buf[k++] = '(';
  buf[k++] = '1';
  for (int i = 0; i < 300; i++) buf[k++] = ')';
  CHECK(fails(buf, (size_t)k, "too deeply nested", EXPR_MAX_DEPTH));
  memset(buf, '-', 500), buf[500] = '1';
  CHECK(fails(buf, 501, "too deeply nested", EXPR_MAX_DEPTH - 1));
  memset(buf, '1', sizeof buf);
  CHECK(fails(buf, EXPR_MAX_SOURCE + 1, "too long", EXPR_MAX_SOURCE));
  k = 0; /* the deepest accepted nesting evaluates fine */
  for (int i = 0; i < EXPR_MAX_DEPTH - 1; i++) k += sprintf(buf + k, "abs(");
  k += sprintf(buf + k, "1");
  for (int i = 0; i < EXPR_MAX_DEPTH - 1; i++) buf[k++] = ')';
  buf[k] = 0;
  CHECK_NEAR(num(buf), 1, 0);
  /* Long flat chains are fine (evaluated iteratively). */
  k = 0;
  for (int i = 0; i < 5000; i++) k += sprintf(buf + k, "%s1", i ? "+" : "");
  CHECK_NEAR(num(buf), 5000, 0);
  k = 0;
  for (int i = 0; i < 3000; i++) k += sprintf(buf + k, "datum.a == %d || ", i + 10);
  strcpy(buf + k, "datum.a == 5");
  CHECK(boolean(buf) == 1);
}

static void test_public_helpers(void) {
  expr_value v = {.type = EXPR_STR, .str = " 12 "};
  CHECK_NEAR(expr_to_number(&v), 12, 0);
  v.str = "";
  CHECK(expr_to_number(&v) == 0 && !expr_truthy(&v));
  v.str = "abc";
  CHECK(isnan(expr_to_number(&v)) && expr_truthy(&v));
  v.type = EXPR_NULL;
  CHECK(expr_to_number(&v) == 0 && !expr_truthy(&v));
  v.type = EXPR_BOOL, v.boolean = 1;
  CHECK(expr_to_number(&v) == 1 && expr_truthy(&v));
  v.type = EXPR_NUM, v.num = NAN;
  CHECK(!expr_truthy(&v));
}

static void test_scratch_and_calendar(void) {
  /* A tiny scratch forces reallocs in the middle of an evaluation. */
  expr_scratch sc = {malloc(4), 4, 0};
  const char *src = "upper(datum.s) + substring('abcdefghijklmnopqrstuvwxyz', 2, 20) + toString(1/3) + lower('XYZ')";
  expr *e = expr_compile(src, strlen(src), NULL, 0, NULL);
  expr_value v;
  CHECK(e && expr_eval(e, &ROW, row_lookup, &sc, &v) == 0);
  CHECK_STR(v.type == EXPR_STR ? v.str : NULL, "HIcdefghijklmnopqrst0.3333333333333333xyz");
  expr_free(e);
  free(sc.buf);
  /* Calendar round trip over ±2700 years (JS maps years 0-99 to 1900-1999, so skip those). */
  src = "datetime(year(datum.t), month(datum.t), date(datum.t)) == datum.t && day(datum.t) == (datum.d % 7 + 11) % 7";
  e = expr_compile(src, strlen(src), NULL, 0, NULL);
  int bad = 0;
  for (long d = -1700000; d <= 1000000; d += 13) {
    if (d > -720000 && d < -682000) continue;
    field f[2] = {{"t", {.type = EXPR_NUM, .num = d * 864e5}}, {"d", {.type = EXPR_NUM, .num = (double)d}}};
    row r = {f, 2, 0};
    if (expr_eval(e, &r, row_lookup, NULL, &v) || v.type != EXPR_BOOL || !v.boolean) bad++;
  }
  CHECK(bad == 0);
  expr_free(e);
}

/* Random well-formed expressions, to exercise the evaluator. */
static uint64_t rnd(uint64_t *x) { return *x ^= *x << 13, *x ^= *x >> 7, *x ^= *x << 17; }
static void gen(char *b, size_t cap, size_t *n, uint64_t *x, int depth) {
  static const char *LEAF[] = {"datum.a", "datum.s", "datum['名称']", "datum.n", "datum.t", "datum.num",
    "datum.nope", "1", "0", "-2.5", "1e21", "NaN", "'ab c'", "''", "'中文'", "null", "true", "'2019-09-11'", "'$&$`'"};
  static const char *OP[] = {"+", "-", "*", "/", "%", "<", "<=", "==", "===", "!=", "&&", "||", ">"};
  static const struct { const char *f; int n; } FN[] = {{"abs", 1}, {"round", 1}, {"pow", 2}, {"min", 3},
    {"max", 0}, {"year", 1}, {"quarter", 1}, {"day", 1}, {"datetime", 3}, {"isValid", 1}, {"toNumber", 1},
    {"toString", 1}, {"toBoolean", 1}, {"length", 1}, {"substring", 3}, {"indexof", 2}, {"upper", 1},
    {"lower", 1}, {"trim", 1}, {"replace", 3}, {"if", 3}, {"parseFloat", 1}, {"clamp", 3}};
  if (cap - *n < 64) return;
  int k = depth > 6 ? 0 : (int)(rnd(x) % 5);
  if (k == 0) {
    *n += (size_t)snprintf(b + *n, cap - *n, "%s", LEAF[rnd(x) % (sizeof LEAF / sizeof *LEAF)]);
  } else if (k == 1) {
    *n += (size_t)snprintf(b + *n, cap - *n, "%s", (const char *[]){"-", "!", "+"}[rnd(x) % 3]);
    gen(b, cap, n, x, depth + 1);
  } else if (k == 2 || k == 3) {
    b[(*n)++] = '(';
    gen(b, cap, n, x, depth + 1);
    *n += (size_t)snprintf(b + *n, cap - *n, " %s ", OP[rnd(x) % (sizeof OP / sizeof *OP)]);
    gen(b, cap, n, x, depth + 1);
    if (cap - *n > 1) b[(*n)++] = ')';
  } else {
    int f = (int)(rnd(x) % (sizeof FN / sizeof *FN));
    *n += (size_t)snprintf(b + *n, cap - *n, "%s(", FN[f].f);
    for (int i = 0; i < FN[f].n; i++) {
      if (i && cap - *n > 1) b[(*n)++] = ',';
      gen(b, cap, n, x, depth + 1);
    }
    if (cap - *n > 1) b[(*n)++] = ')';
  }
}

/* Random bytes and token soup must compile or fail cleanly, never crash. */
static void test_fuzz(void) {
  static const char *TOK[] = {"datum.a", "datum['名称']", "datum[", "]", "(", ")", "+", "-", "*", "/",
    "%", "!", "?", ":", ",", "&&", "||", "==", "===", "!=", "<", ">=", "1", "0.5", "1e308", "0x1F",
    "'s'", "\"x y\"", "'\\u{1F600}'", "'\\", "null", "true", "NaN", "Infinity", "PI", "datum.s",
    "abs(", "substring(", "replace(", "if(", "min(", "max(", "year(", "upper(", "lower(", "toString(",
    "toNumber(", "length(", "trim(", "indexof(", "pow(", "datetime(", "parseFloat(", "'$&$`$'", " ",
    "datum.t", "month(", "'2019-01-01T00:00Z'", "=", "foo", "-0", ".5", "\xe4\xb8", "\xff"};
  uint64_t x = 0x9E3779B97F4A7C15u;
  char buf[4096];
  int compiled = 0, ok = 0;
  size_t total = 0;
  for (int it = 0; it < 60000; it++) {
    size_t n = 0;
    int len = (int)(rnd(&x) % 40);
    if (it % 3 == 2) gen(buf, sizeof buf, &n, &x, 0);
    for (int i = 0; i < len && it % 3 != 2; i++) {
      if (it % 3 == 1) { /* token soup */
        const char *t = TOK[rnd(&x) % (sizeof TOK / sizeof *TOK)];
        size_t l = strlen(t);
        memcpy(buf + n, t, l), n += l;
      } else
        buf[n++] = (char)(rnd(&x) >> 24); /* random bytes */
    }
    char err[64];
    size_t off = 0;
    expr *e = expr_compile(buf, n, err, sizeof err, &off);
    if (!e) {
      if (off > n || it % 3 == 2) {
        fprintf(stderr, "fuzz: %.*s: %s at %zu\n", (int)n, buf, err, off);
        CHECK(0);
        break;
      }
      continue;
    }
    compiled++;
    expr_value v;
    SC.used = 0;
    if (expr_eval(e, &ROW, row_lookup, &SC, &v) == 0) {
      ok++;
      if (v.type == EXPR_STR) total += strlen(v.str); /* touch the result */
    }
    expr_free(e);
  }
  printf("fuzz: %d of 60000 inputs compiled, %d evaluated (%zu string bytes)\n", compiled, ok, total);
  CHECK(compiled > 15000 && ok == compiled);
}

/* Params: bare names standing for constants, read while compiling. */
static void test_env(void) {
  char name_buf[8] = "limit", str_buf[8] = "abc";
  const char *names[] = {name_buf, "label", "on", "none", "PI"};
  expr_value vals[] = {{.type = EXPR_NUM, .num = 3}, {.type = EXPR_STR, .str = str_buf},
                       {.type = EXPR_BOOL, .boolean = 1}, {.type = EXPR_NULL}, {.type = EXPR_NUM, .num = 99}};
  expr_env env = {5, names, vals};
  const char *src = "datum.a > limit && on && none === null ? label + PI : 'no'";
  char err[128];
  expr *e = expr_compile_env(src, strlen(src), &env, err, sizeof err, NULL);
  REQUIRED(e);
  strcpy(str_buf, "xyz"); /* copied while compiling */
  strcpy(name_buf, "gone");
  expr_value out;
  SC.used = 0;
  CHECK(expr_eval(e, &ROW, row_lookup, &SC, &out) == 0);
  CHECK(out.type == EXPR_STR && !strcmp(out.str, "abc3.141592653589793")); /* PI stays the constant */
  expr_free(e);
  /* a name outside the env is an error */
  size_t off = 9;
  CHECK(!expr_compile_env("limt + 1", 8, &env, err, sizeof err, &off));
  CHECK(!strcmp(err, "'limt' is not supported: only datum.field references and params are allowed") && off == 0);
  /* a param named like a function: the name alone is the param, a call the function */
  names[1] = "abs";
  e = expr_compile_env("abs + abs(-2)", 13, &env, err, sizeof err, &off);
  REQUIRED(e);
  CHECK(expr_eval(e, &ROW, row_lookup, &SC, &out) == 0 && out.type == EXPR_STR && !strcmp(out.str, "xyz2"));
  expr_free(e);
}

int main(void) {
  test_env();
  test_arith();
  test_strings();
  test_logic();
  test_datum();
  test_functions();
  test_errors();
  test_public_helpers();
  test_scratch_and_calendar();
  test_fuzz();
  free(SC.buf);
  return testing_done("test_expr");
}
