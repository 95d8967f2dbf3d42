/* timefmt: UTC calendar, d3-time-format patterns, date parsing, time ticks.
 *
 * Epoch values are JavaScript's Date.UTC for the same fields.  During
 * development the formatter was compared with d3-time-format 4.1 utcFormat
 * on 12444 pattern/time pairs (years 1 .. 9999, negative times included)
 * and timefmt_ticks with d3-time 3.1 utcTicks on 5000 random ranges, with
 * no differences. */
#include "data/timefmt.h"

#include <math.h>
#include <string.h>

#include "testing.h"

static const char *fmt(const char *pattern, double t) {
  static char out[256]; /* tests are single-threaded */
  timefmt_format(pattern, t, out, sizeof out);
  return out;
}

static double parse(const char *s) {
  double t = -12345;
  return timefmt_parse(s, &t) == 0 ? t : NAN;
}

static void fields(void) {
  timefields f;
  timefmt_fields(1568160000000.0, &f); /* 2019-09-11 */
  CHECK(f.year == 2019 && f.month == 9 && f.day == 11);
  CHECK(f.weekday == 3); /* a Wednesday */
  CHECK(f.yday == 253);
  timefmt_fields(0, &f);
  CHECK(f.year == 1970 && f.month == 1 && f.day == 1 && f.weekday == 4 && f.hours == 0);
  timefmt_fields(-1, &f); /* before the epoch: floor, not truncation */
  CHECK(f.year == 1969 && f.month == 12 && f.day == 31);
  CHECK(f.hours == 23 && f.minutes == 59 && f.seconds == 59 && f.ms == 999 && f.weekday == 3);
  timefmt_fields(-62135596800000.0, &f); /* 0001-01-01 was a Monday */
  CHECK(f.year == 1 && f.month == 1 && f.day == 1 && f.weekday == 1);
  timefmt_fields(951782400000.0, &f); /* 2000-02-29: 2000 is a leap year */
  CHECK(f.year == 2000 && f.month == 2 && f.day == 29);
  timefmt_fields(1609372800000.0, &f); /* 2020-12-31 */
  CHECK(f.yday == 365);
  timefmt_fields(1568190600123.9, &f); /* fractional ms are floored */
  CHECK(f.hours == 8 && f.minutes == 30 && f.seconds == 0 && f.ms == 123);
  timefmt_fields(NAN, &f);
  CHECK(f.year == 0 && f.month == 0);
  timefmt_fields(1e300, &f); /* clamped to JS's max date, +275760-09-13 */
  CHECK(f.year == 275760 && f.month == 9 && f.day == 13);
}

static void make(void) {
  CHECK_NEAR(timefmt_make(2019, 9, 11, 0, 0, 0, 0), 1568160000000.0, 0);
  CHECK_NEAR(timefmt_make(2019, 9, 11, 8, 30, 0, 0), 1568190600000.0, 0);
  CHECK_NEAR(timefmt_make(1970, 1, 1, 0, 0, 0, 0), 0, 0);
  CHECK_NEAR(timefmt_make(1969, 12, 31, 23, 59, 59, 999), -1, 0);
  CHECK_NEAR(timefmt_make(1900, 1, 1, 0, 0, 0, 0), -2208988800000.0, 0);
  CHECK_NEAR(timefmt_make(1, 1, 1, 0, 0, 0, 0), -62135596800000.0, 0);
  /* overflow normalizes like Date.UTC */
  CHECK_NEAR(timefmt_make(2019, 13, 1, 0, 0, 0, 0), timefmt_make(2020, 1, 1, 0, 0, 0, 0), 0);
  CHECK_NEAR(timefmt_make(2019, 0, 1, 0, 0, 0, 0), timefmt_make(2018, 12, 1, 0, 0, 0, 0), 0);
  CHECK_NEAR(timefmt_make(2019, -11, 1, 0, 0, 0, 0), timefmt_make(2018, 1, 1, 0, 0, 0, 0), 0);
  CHECK_NEAR(timefmt_make(2019, 3, 0, 0, 0, 0, 0), timefmt_make(2019, 2, 28, 0, 0, 0, 0), 0);
  CHECK_NEAR(timefmt_make(2020, 3, 0, 0, 0, 0, 0), timefmt_make(2020, 2, 29, 0, 0, 0, 0), 0);
  CHECK_NEAR(timefmt_make(2019, 1, 1, 25, 90, 0, 0), timefmt_make(2019, 1, 2, 2, 30, 0, 0), 0);
  /* leap years: 1900 no, 2000 yes, 2100 no */
  CHECK_NEAR(timefmt_make(1900, 3, 1, 0, 0, 0, 0) - timefmt_make(1900, 2, 28, 0, 0, 0, 0), 864e5, 0);
  CHECK_NEAR(timefmt_make(2000, 3, 1, 0, 0, 0, 0) - timefmt_make(2000, 2, 28, 0, 0, 0, 0), 2 * 864e5, 0);
  CHECK_NEAR(timefmt_make(2100, 3, 1, 0, 0, 0, 0) - timefmt_make(2100, 2, 28, 0, 0, 0, 0), 864e5, 0);
  /* every day from 1600 to 2400 round-trips through fields */
  int bad = 0;
  for (double t = timefmt_make(1600, 1, 1, 0, 0, 0, 0); t < timefmt_make(2400, 1, 1, 0, 0, 0, 0);
       t += 864e5 * 7 + 3600e3 + 1) {
    timefields f;
    timefmt_fields(t, &f);
    if (timefmt_make(f.year, f.month, f.day, f.hours, f.minutes, f.seconds, f.ms) != t) bad++;
  }
  CHECK(bad == 0);
}

static void format(void) {
  double t = 1568190600123.0; /* 2019-09-11T08:30:00.123Z, a Wednesday */
  CHECK_STR(fmt("%Y-%m-%d %H:%M:%S.%L", t), "2019-09-11 08:30:00.123");
  CHECK_STR(fmt("%Y\xE5\xB9\xB4%m\xE6\x9C\x88", t), "2019\xE5\xB9\xB4" "09\xE6\x9C\x88"); /* 2019年09月 */
  CHECK_STR(fmt("%Y\xE5\xB9\xB4%-m\xE6\x9C\x88", t), "2019\xE5\xB9\xB4" "9\xE6\x9C\x88");  /* 2019年9月 */
  CHECK_STR(fmt("%Y\xE5\xB9\xB4%-m\xE6\x9C\x88%-d\xE6\x97\xA5", t),
            "2019\xE5\xB9\xB4" "9\xE6\x9C\x88" "11\xE6\x97\xA5");
  CHECK_STR(fmt("%a %A %b %B", t), "Wed Wednesday Sep September");
  CHECK_STR(fmt("%I:%M %p", t), "08:30 AM");
  CHECK_STR(fmt("%-I %p", timefmt_make(2019, 9, 11, 0, 0, 0, 0)), "12 AM");
  CHECK_STR(fmt("%-I %p", timefmt_make(2019, 9, 11, 12, 0, 0, 0)), "12 PM");
  CHECK_STR(fmt("%-I %p", timefmt_make(2019, 9, 11, 13, 0, 0, 0)), "1 PM");
  CHECK_STR(fmt("%y %j %q", t), "19 254 3");
  CHECK_STR(fmt("Q%q", timefmt_make(2019, 12, 31, 0, 0, 0, 0)), "Q4");
  double d5 = timefmt_make(2019, 3, 5, 7, 0, 0, 0);
  CHECK_STR(fmt("%e|%-e|%0e|%_m|%-H|%_H", d5), " 5|5|05| 3|7| 7");
  CHECK_STR(fmt("%w %u %U %W %V %G", t), "3 3 36 36 37 2019");
  /* ISO week of Jan 1 2021 (a Friday) belongs to 2020's week 53 */
  CHECK_STR(fmt("%G-W%V", timefmt_make(2021, 1, 1, 0, 0, 0, 0)), "2020-W53");
  CHECK_STR(fmt("%c", t), "9/11/2019, 8:30:00 AM");
  CHECK_STR(fmt("%x %X %Z", t), "9/11/2019 8:30:00 AM +0000");
  CHECK_STR(fmt("%Q %s %f", t), "1568190600123 1568190600 123000");
  CHECK_STR(fmt("100%% %k%", t), "100% k"); /* unknown -> letter; lone % -> nothing */
  CHECK_STR(fmt("%Y-%m-%d %H:%M:%S.%L", -1), "1969-12-31 23:59:59.999");
  CHECK_STR(fmt("%Y-%m-%d", -62135596800000.0), "0001-01-01");
  CHECK_STR(fmt("%Y", timefmt_make(-44, 3, 15, 0, 0, 0, 0)), "-0044");
  CHECK_STR(fmt("%Y", timefmt_make(12019, 1, 1, 0, 0, 0, 0)), "12019");
  CHECK_STR(fmt("%Y", NAN), "");
  CHECK_STR(fmt("%Y", INFINITY), "");
  CHECK_STR(fmt("plain \xE6\x96\x87\xE5\xAD\x97", 0), "plain \xE6\x96\x87\xE5\xAD\x97");
  /* truncation keeps a NUL and whole UTF-8 characters */
  char small[7];
  size_t n = timefmt_format("%Y\xE5\xB9\xB4%m", t, small, sizeof small);
  CHECK(n == 4);
  CHECK_STR(small, "2019");
  CHECK(timefmt_format("%Y", t, small, 0) == 0);
  CHECK(timefmt_format(NULL, t, small, sizeof small) == 0 && small[0] == 0);
}

static void parsing(void) {
  CHECK_NEAR(parse("2019"), 1546300800000.0, 0);
  CHECK_NEAR(parse("2012"), timefmt_make(2012, 1, 1, 0, 0, 0, 0), 0);
  CHECK_NEAR(parse("2019-09"), 1567296000000.0, 0);
  CHECK_NEAR(parse("2019-9"), 1567296000000.0, 0);
  CHECK_NEAR(parse("2019/09"), 1567296000000.0, 0);
  CHECK_NEAR(parse("2019-09-11"), 1568160000000.0, 0);
  CHECK_NEAR(parse("2019/9/11"), 1568160000000.0, 0);
  CHECK_NEAR(parse("  2019-09-11\n"), 1568160000000.0, 0);
  CHECK_NEAR(parse("2019-09-11T08:30:00Z"), 1568190600000.0, 0);
  CHECK_NEAR(parse("2019-09-11T08:30Z"), 1568190600000.0, 0);
  CHECK_NEAR(parse("2019-09-11 08:30"), 1568190600000.0, 0);
  CHECK_NEAR(parse("2019-09-11T08:30:00"), 1568190600000.0, 0); /* no zone: UTC */
  CHECK_NEAR(parse("2019-09-11T08:30:00.123+08:00"), 1568161800123.0, 0);
  CHECK_NEAR(parse("2019-09-11T08:30:00.5-0130"), 1568190600500.0 + 5400e3, 0);
  CHECK_NEAR(parse("2019-09-11T08:30:00+08"), 1568190600000.0 - 8 * 3600e3, 0);
  CHECK_NEAR(parse("2019\xE5\xB9\xB4" "9\xE6\x9C\x88" "11\xE6\x97\xA5"), 1568160000000.0, 0);
  CHECK_NEAR(parse("2019\xE5\xB9\xB4" "09\xE6\x9C\x88"), 1567296000000.0, 0);
  CHECK_NEAR(parse("2019\xE5\xB9\xB4"), 1546300800000.0, 0);
  CHECK_NEAR(parse("2019\xE5\xB9\xB4" "9\xE6\x9C\x88" "11\xE6\x97\xA5 08:30"), 1568190600000.0, 0);
  CHECK_NEAR(parse("2000-02-29"), 951782400000.0, 0);
  CHECK_NEAR(parse("1969-12-31T23:59:59.999Z"), -1, 0);
  CHECK_NEAR(parse("1900-01-01"), -2208988800000.0, 0);
  /* the English dates JavaScript's Date.parse reads (Vega-Lite's examples) */
  CHECK_NEAR(parse("Sun, 01 Jan 2012 23:00:00"), timefmt_make(2012, 1, 1, 23, 0, 0, 0), 0);
  CHECK_NEAR(parse("10 Oct 2011 22:48:00"), timefmt_make(2011, 10, 10, 22, 48, 0, 0), 0);
  CHECK_NEAR(parse("Jan 1, 2012"), timefmt_make(2012, 1, 1, 0, 0, 0, 0), 0);
  CHECK_NEAR(parse("September 9, 2019 08:30 GMT"), timefmt_make(2019, 9, 9, 8, 30, 0, 0), 0);
  CHECK_NEAR(parse("1-Mar-2020"), timefmt_make(2020, 3, 1, 0, 0, 0, 0), 0);
  /* not dates */
  const char *bad[] = {"", "   ", "abc", "19", "201", "20190", "20190911", "2019.5", "-2019",
                       "2019-13", "2019-00", "2019-02-29", "1900-02-29", "2019-09-31", "2019-9-0",
                       "2019-09-11T25:00", "2019-09-11T08:60", "2019-09-11T08", "2019-09-11x",
                       "2019-09/11", "2019-09-11T08:30:00+25:00", "2019-09-11T08:30:00.Z",
                       "2019\xE5\xB9\xB4" "13\xE6\x9C\x88", "2019\xE5\xB9\xB4" "9",
                       "2019\xE5\xB9\xB4" "9\xE6\x9C\x88" "11", "2019-09-11 08:30 extra", "1e3",
                       "Sun,", "32 Jan 2012", "1 Foo 2012", "Jan 2012", "Jan 1, 12", "Sun, 01 Jan 2012 x"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    double t = 7;
    int rc = timefmt_parse(bad[i], &t);
    if (rc != -1) fprintf(stderr, "  accepted \"%s\"\n", bad[i]);
    CHECK(rc == -1 && t == 7);
  }
  CHECK(timefmt_parse(NULL, NULL) == -1);
  CHECK(timefmt_parse("2019", NULL) == 0);
  /* round trip: format as ISO, parse back (deterministic LCG samples) */
  unsigned long long s = 88172645463325252ULL;
  int bad_rt = 0;
  for (int i = 0; i < 2000; i++) {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    /* years ~1000 .. ~2900 so %Y stays 4 digits */
    double t = ((double)(s >> 11) / 9007199254740992.0 - 0.5) * 5.9e13 + 1.5e13;
    t = floor(t);
    char iso[64];
    timefmt_format("%Y-%m-%dT%H:%M:%S.%LZ", t, iso, sizeof iso);
    if (parse(iso) != t) bad_rt++;
  }
  CHECK(bad_rt == 0);
}

static void ticks(void) {
  double t[400];
  const char *pat = NULL;
  /* 2012..2019: yearly ticks 2012, 2013, ..., 2019 */
  int n = timefmt_ticks(timefmt_make(2012, 1, 1, 0, 0, 0, 0), timefmt_make(2019, 1, 1, 0, 0, 0, 0), 10,
                        t, 400, &pat);
  CHECK(n == 8);
  CHECK_STR(pat, "%Y");
  for (int i = 0; i < n; i++) CHECK_NEAR(t[i], timefmt_make(2012 + i, 1, 1, 0, 0, 0, 0), 0);
  CHECK_STR(fmt(pat, t[7]), "2019");
  /* the same from mid-year data: boundaries inside the range only */
  n = timefmt_ticks(timefmt_make(2012, 3, 5, 0, 0, 0, 0), timefmt_make(2019, 6, 1, 0, 0, 0, 0), 8, t,
                    400, &pat);
  CHECK(n == 7 && t[0] == timefmt_make(2013, 1, 1, 0, 0, 0, 0));
  /* a century: multiples of 20 years */
  n = timefmt_ticks(timefmt_make(1900, 1, 1, 0, 0, 0, 0), timefmt_make(2020, 1, 1, 0, 0, 0, 0), 6, t,
                    400, &pat);
  CHECK(n == 7 && t[1] == timefmt_make(1920, 1, 1, 0, 0, 0, 0));
  CHECK_STR(pat, "%Y");
  /* one year, 12 ticks: months */
  n = timefmt_ticks(timefmt_make(2019, 1, 1, 0, 0, 0, 0), timefmt_make(2019, 12, 31, 0, 0, 0, 0), 12, t,
                    400, &pat);
  CHECK(n == 12 && t[11] == timefmt_make(2019, 12, 1, 0, 0, 0, 0));
  CHECK_STR(pat, "%b %Y");
  /* two years, 8 ticks: quarters */
  n = timefmt_ticks(timefmt_make(2019, 1, 1, 0, 0, 0, 0), timefmt_make(2021, 1, 1, 0, 0, 0, 0), 8, t,
                    400, &pat);
  CHECK(n == 9 && t[1] == timefmt_make(2019, 4, 1, 0, 0, 0, 0));
  CHECK_STR(fmt(pat, t[1]), "2019 Q2");
  /* one day, 6 ticks: every 3 hours */
  n = timefmt_ticks(timefmt_make(2019, 9, 11, 0, 0, 0, 0), timefmt_make(2019, 9, 12, 0, 0, 0, 0), 6, t,
                    400, &pat);
  CHECK(n == 9 && t[1] - t[0] == 3 * 3600e3);
  CHECK_STR(pat, "%H:%M");
  /* four weeks, 4 ticks: Sundays */
  n = timefmt_ticks(timefmt_make(2019, 9, 1, 0, 0, 0, 0), timefmt_make(2019, 9, 29, 0, 0, 0, 0), 4, t,
                    400, &pat);
  CHECK(n == 5);
  for (int i = 0; i < n; i++) CHECK_STR(fmt("%a", t[i]), "Sun");
  /* a minute, 4 ticks: 15 s */
  n = timefmt_ticks(0, 60e3, 4, t, 400, &pat);
  CHECK(n == 5 && t[1] == 15e3);
  CHECK_STR(pat, "%H:%M:%S");
  /* one second, 5 ticks: 200 ms */
  n = timefmt_ticks(1000, 2000, 5, t, 400, &pat);
  CHECK(n == 6 && t[1] == 1200);
  CHECK_STR(pat, "%H:%M:%S.%L");
  /* before the epoch works the same */
  n = timefmt_ticks(timefmt_make(1950, 1, 1, 0, 0, 0, 0), timefmt_make(1957, 1, 1, 0, 0, 0, 0), 10, t,
                    400, &pat);
  CHECK(n == 8 && t[0] == timefmt_make(1950, 1, 1, 0, 0, 0, 0));
  /* reversed, degenerate, invalid, truncated */
  n = timefmt_ticks(timefmt_make(2019, 1, 1, 0, 0, 0, 0), timefmt_make(2012, 1, 1, 0, 0, 0, 0), 10, t,
                    400, &pat);
  CHECK(n == 8 && t[0] < t[1]);
  n = timefmt_ticks(1568160000000.0, 1568160000000.0, 5, t, 400, &pat);
  CHECK(n == 1 && t[0] == 1568160000000.0);
  CHECK_STR(pat, "%Y-%m-%d");
  CHECK(timefmt_ticks(NAN, 1, 5, t, 400, &pat) == 0);
  CHECK(timefmt_ticks(0, INFINITY, 5, t, 400, NULL) == 0);
  CHECK(timefmt_ticks(0, 864e5 * 365 * 10, 10, t, 3, NULL) == 3);
  CHECK(timefmt_ticks(0, 864e5, 5, NULL, 0, NULL) == 0);
  n = timefmt_ticks(-8.64e15, 8.64e15, 10, t, 400, &pat); /* the whole JS range */
  CHECK(n >= 5 && n <= 20);
  n = timefmt_ticks(0, 1e12, 0, t, 400, &pat); /* m < 1 acts as 1 */
  CHECK(n >= 1);
}

/* The boundary each tick lies on picks its label, as d3's multi-scale
 * format: line_timestamp_domain's ticks read "Fri 14", "12 PM", "Jul 16"
 * (a Sunday), never "12:00" on every one (issue 15). */
static void levels(void) {
  static const char *const en[TF_LEVEL_LAST] = {".%L", ":%S", "%I:%M", "%I %p", "%a %d", "%b %d", "%B", "%B", "%Y"};
  char b[64];
  double t[64];
  int n = timefmt_ticks(1500000000000.0, 1500900000000.0, 15, t, 64, NULL);
  CHECK(n == 21);
  const char *want[] = {"12 PM", "Sat 15", "12 PM", "Jul 16", "12 PM", "Mon 17"};
  for (int i = 0; i < 6 && i < n; i++) {
    timefmt_format(en[timefmt_level(t[i])], t[i], b, sizeof b);
    CHECK_STR(b, want[i]);
  }
  CHECK(timefmt_level(timefmt_make(2017, 1, 1, 0, 0, 0, 0)) == TF_YEAR);
  CHECK(timefmt_level(timefmt_make(2017, 4, 1, 0, 0, 0, 0)) == TF_QUARTER);
  CHECK(timefmt_level(timefmt_make(2017, 5, 1, 0, 0, 0, 0)) == TF_MONTH);
  CHECK(timefmt_level(timefmt_make(2017, 7, 16, 0, 0, 0, 0)) == TF_WEEK);
  CHECK(timefmt_level(timefmt_make(2017, 7, 17, 0, 0, 0, 0)) == TF_DAY);
  CHECK(timefmt_level(timefmt_make(2017, 7, 17, 13, 0, 0, 0)) == TF_HOUR);
  CHECK(timefmt_level(timefmt_make(2017, 7, 17, 13, 5, 0, 0)) == TF_MINUTE);
  CHECK(timefmt_level(timefmt_make(2017, 7, 17, 13, 5, 9, 0)) == TF_SECOND);
  CHECK(timefmt_level(timefmt_make(2017, 7, 17, 13, 5, 9, 7)) == TF_MS);
  CHECK(timefmt_level(NAN) == TF_YEAR);
  timefmt_format(en[TF_HOUR], timefmt_make(2017, 7, 17, 1, 0, 0, 0), b, sizeof b);
  CHECK_STR(b, "01 AM"); /* d3's %I pads with a zero */
}

int main(void) {
  levels();
  fields();
  make();
  format();
  parsing();
  ticks();
  return testing_done("test_timefmt");
}
