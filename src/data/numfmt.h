/* Number formatting compatible with d3-format (the formatter Vega and
 * Vega-Lite use), plus a Chinese large-unit type.
 *
 * Specifier grammar (as d3-format):
 *   [[fill]align][sign][symbol][0][width][,][.precision][~][type]
 *   align  < > ^ =      sign  - + ( space      symbol  $ #
 *   type   e f g r s % p b o d x X c n, none, and the extension w.
 * Rounding follows JavaScript's toFixed/toExponential/toPrecision exactly
 * (decided on the exact binary value, halves round up), so labels match a
 * browser-rendered Vega chart digit for digit.
 *
 * Deliberate differences from d3:
 *   - the minus sign is ASCII '-' by default (Chinese government reports
 *     use the hyphen-minus); set unicode_minus for d3's U+2212;
 *   - an unknown type letter is an error instead of silently meaning none;
 *   - "c" formats the number the way JavaScript's String(v) does (what d3
 *     does for a number), since values here are always doubles;
 *   - NaN prints "NaN" and infinities "Infinity" for every type.
 *
 * Type w (万/亿, no d3 equivalent): |v| >= 1e12 is shown in 万亿, >= 1e8
 * in 亿, >= 1e4 in 万, smaller values plain.  Precision = decimals of the
 * scaled number ("8.5万"); with "~" zeros are trimmed.  Without a
 * precision, "w" keeps at most 2 decimals (trimmed) and "~w" keeps every
 * digit needed to be exact ("3.8487万").  Plain values never get
 * trailing zeros ("995", not "995.0").  A value that rounds up to 10000 of
 * a unit moves to the next unit ("1.0亿", not "10000.0万").
 *
 * Everything here is reentrant: no globals, no locale dependence. */
#ifndef HUITU_DATA_NUMFMT_H
#define HUITU_DATA_NUMFMT_H
#include <stddef.h>

typedef struct numfmt {
  char fill[5];       /* one UTF-8 character, NUL-terminated; default " " */
  char align;         /* '<' '>' '^' '='; default '>' */
  char sign;          /* '-' '+' '(' ' '; default '-' */
  char symbol;        /* 0, '$' (currency) or '#' (0b/0o/0x prefix) */
  int zero;           /* "0" flag: zero-fill after the sign */
  int width;          /* minimum width in characters; 0 = none */
  int comma;          /* group thousands with ',' */
  int precision;      /* -1 = the type's default */
  int trim;           /* "~": drop insignificant trailing zeros */
  char type;          /* 0 = none, or one of "efgrs%pbodxXcnw" */
  int unicode_minus;  /* 1: negative sign is U+2212 like d3; 0: ASCII '-' */
  char currency_prefix[8]; /* used by symbol '$'; default "$" (e.g. "¥") */
  char currency_suffix[8]; /* default "" (e.g. "元") */
} numfmt;

/* Defaults: what the empty specifier "" parses to. */
void numfmt_default(numfmt *f);

/* Parse a d3-format specifier like ",.0f", ".1%", "~s", "$,.2f", "+.2e",
 * "08.3f", "x", ".2r", "c", ".1w".  NULL or "" is the default format.
 * Returns 0, or -1 with a message in err (if err/errlen allow), e.g.
 * "invalid format type 'q'".  On error *out holds the defaults. */
int numfmt_parse(const char *spec, numfmt *out, char *err, size_t errlen);

/* Format v into buf (always NUL-terminated when buflen > 0; truncation
 * never splits a UTF-8 character).  Returns the length written.  f may be
 * NULL for the default format. */
size_t numfmt_format(const numfmt *f, double v, char *buf, size_t buflen);

/* Default axis format for ticks spaced by step: fixed notation with just
 * enough decimals to show the step exactly (0.25 -> 2, 2.5 -> 1, 500 -> 0;
 * d3's precisionFixed would give 0.25 only 1), no thousands separators
 * (Vega-Lite's default).  A zero or non-finite step gives the default
 * format. */
void numfmt_for_step(numfmt *f, double step);

/* Format n tick values with one shared unit: the unit of the largest
 * |tick| (units: the words for 10^0, 10^4, 10^8 and 10^12, as Japanese
 * 万/億/兆 and Korean 만/억/조 count too; NULL: Chinese "", 万, 亿, 万亿),
 * and the fewest decimals that make every label exact and all labels
 * distinct (at most 8).  Zero is written "0"
 * without a unit.  Each label is NUL-terminated within 32 bytes.
 *   0,20000,...,100000 -> "0","2万","4万",...,"10万"
 *   0,5e8,...,2e9      -> "0","5亿","10亿","15亿","20亿" */
void numfmt_ticks_w(const double *ticks, int n, char (*bufs)[32], const char *const *units);

#endif
