/* Time formatting, parsing and tick placement, in UTC.
 *
 * Times are double milliseconds since 1970-01-01T00:00:00Z, as in Vega.
 * Calendar arithmetic is proleptic Gregorian done by hand (days-from-civil)
 * so nothing depends on the C library's time zone, locale or time_t range;
 * all functions are reentrant.  Times are clamped to JavaScript's Date
 * range, +/-8.64e15 ms (years -271821 .. 275760). */
#ifndef HUITU_DATA_TIMEFMT_H
#define HUITU_DATA_TIMEFMT_H
#include <stddef.h>

/* Format t with a d3-time-format / strftime pattern.  Supported:
 *   %Y year  %y 2-digit year  %m month 01-12  %d day 01-31  %e day, space
 *   padded  %H 00-23  %I 01-12  %M  %S  %L milliseconds 000-999  %f
 *   microseconds  %p AM/PM  %b %B month names  %a %A weekday names
 *   %j day of year 001-366  %q quarter 1-4  %w weekday 0-6 (Sunday 0)
 *   %u weekday 1-7 (Monday 1)  %U %W week of year (Sunday/Monday first)
 *   %V ISO week  %G ISO year  %Q ms since epoch  %s seconds since epoch
 *   %Z "+0000"  %c %x %X en-US date/time  %% a literal %.
 * Padding modifiers after %: '-' none, '_' spaces, '0' zeros
 * ("%Y年%-m月" -> "2019年9月").  Other text, including UTF-8, is copied.
 * Unknown directives print their letter (as d3 does).  %Y prints the full
 * year (d3 wraps years past 9999).  English names only; Chinese callers
 * use numeric patterns.  NaN/Inf gives "".  Returns the length written;
 * buf is always NUL-terminated when buflen > 0 and never ends in half a
 * UTF-8 character. */
size_t timefmt_format(const char *pattern, double t_ms, char *buf, size_t buflen);

/* Parse a date: "2019", "2019-09", "2019-09-11", "2019/9/11", "2019/09",
 * ISO date-times "2019-09-11T08:30:00Z", "2019-09-11 08:30",
 * "2019-09-11T08:30:00.123+08:00", and Chinese "2019年", "2019年9月",
 * "2019年9月11日" (optionally followed by " 08:30"), and the English dates
 * JavaScript's Date.parse reads: "Sun, 01 Jan 2012 23:00:00", "10 Oct 2011
 * 22:48:00", "Jan 1, 2012" (optionally " GMT").  Date-times without a
 * zone are taken as UTC (this library is UTC throughout; JavaScript would
 * use local time).  A bare 4-digit year is Jan 1 of that year, like
 * Vega-Lite's temporal handling of "2012".  Surrounding whitespace is
 * ignored.  Returns 0 and sets *t_ms, or -1 if s is not such a date
 * (including out-of-range fields like "2019-02-30"). */
int timefmt_parse(const char *s, double *t_ms);

typedef struct {
  int year, month /* 1-12 */, day /* 1-31 */, hours, minutes, seconds, ms,
      weekday /* 0 = Sunday */, yday /* 0-365, 0 = Jan 1 */;
} timefields;

/* Break t into UTC fields (fractional ms are floored).  NaN/Inf give all
 * fields 0. */
void timefmt_fields(double t_ms, timefields *f);

/* Build a UTC time from fields, normalizing overflow like JavaScript's
 * Date.UTC: month 13 is January of the next year, day 0 is the last day of
 * the previous month, minute 90 is 1:30, and so on. */
double timefmt_make(int year, int month, int day, int h, int mi, int s, int ms);

/* Nice time ticks: picks an interval (1/5/15/30 seconds or minutes; 1/3/6/12
 * hours; 1/2 days; weeks (Sundays); 1 month; quarters; years, or a 1-2-5
 * multiple of years or of milliseconds) giving about m ticks over [t0, t1],
 * and writes the interval's boundaries inside [t0, t1] (inclusive), at most
 * max_out of them.  *pattern (may be NULL) gets a static default pattern
 * for that interval: "%H:%M:%S.%L", "%H:%M:%S", "%H:%M", "%b %d",
 * "%b %Y", "%Y Q%q" or "%Y"; Chinese callers may substitute their own.
 * Returns the number of ticks written. */
int timefmt_ticks(double t0, double t1, int m, double *out, int max_out, const char **pattern);

/* The coarsest calendar boundary t lies on, for d3's / Vega's multi-scale
 * time format (a tick at midnight of the 1st of a month reads as the month,
 * one at noon as the hour): TF_MS when t has milliseconds, TF_SECOND when
 * it is on a second but not a minute, ... TF_DAY at midnight of a day that
 * is not a Sunday, TF_WEEK at a Sunday's midnight (not a month's first),
 * TF_MONTH on a month's first that starts no quarter, TF_QUARTER on April,
 * July or October 1st, TF_YEAR on January 1st.  Non-finite t: TF_YEAR. */
enum { TF_MS, TF_SECOND, TF_MINUTE, TF_HOUR, TF_DAY, TF_WEEK, TF_MONTH, TF_QUARTER, TF_YEAR, TF_LEVEL_LAST };
int timefmt_level(double t_ms);

#endif
