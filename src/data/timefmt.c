/* UTC calendar, d3-time-format subset, date parsing and time ticks.
 * See timefmt.h for the contract.  Day arithmetic uses the "days from
 * civil" construction: shift the year to start in March so the leap day
 * is the last day of a year, then count 400-year eras of 146097 days.
 * That is exact for the whole proleptic Gregorian calendar with plain
 * integer math, independent of time_t, timegm and the TZ environment. */
#include "data/timefmt.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define MS_DAY 86400000.0
#define T_LIMIT 8.64e15 /* JavaScript's Date range */

static int64_t floordiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

/* Days since 1970-01-01 of year-month-day (month 1-12). */
static int64_t days_from_civil(int64_t y, int m, int d) {
  y -= m <= 2;
  int64_t era = floordiv(y, 400);
  int64_t yoe = y - era * 400;                       /* 0..399 */
  int64_t doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1; /* March = 0 */
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;  /* 0..146096 */
  return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d) {
  z += 719468;
  int64_t era = floordiv(z, 146097);
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = yoe + era * 400 + (*m <= 2);
}

static int is_leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int64_t y, int m) {
  static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

static double clamp_t(double t) { return t > T_LIMIT ? T_LIMIT : t < -T_LIMIT ? -T_LIMIT : t; }

void timefmt_fields(double t_ms, timefields *f) {
  memset(f, 0, sizeof *f);
  if (!isfinite(t_ms)) return;
  double t = floor(clamp_t(t_ms));
  int64_t days = (int64_t)floor(t / MS_DAY);
  int64_t rem = (int64_t)(t - (double)days * MS_DAY); /* 0 .. 86399999 */
  int64_t y;
  civil_from_days(days, &y, &f->month, &f->day);
  f->year = (int)y;
  f->hours = (int)(rem / 3600000);
  f->minutes = (int)(rem / 60000 % 60);
  f->seconds = (int)(rem / 1000 % 60);
  f->ms = (int)(rem % 1000);
  f->weekday = (int)(((days + 4) % 7 + 7) % 7); /* 1970-01-01 was a Thursday */
  f->yday = (int)(days - days_from_civil(y, 1, 1));
}

double timefmt_make(int year, int month, int day, int h, int mi, int s, int ms) {
  int64_t m0 = (int64_t)month - 1;
  int64_t y = (int64_t)year + floordiv(m0, 12);
  int m = (int)(m0 - floordiv(m0, 12) * 12) + 1;
  double days = (double)(days_from_civil(y, m, 1) + (int64_t)day - 1);
  return days * MS_DAY + (double)h * 3600000.0 + (double)mi * 60000.0 + (double)s * 1000.0 + ms;
}

/* ---- formatting --------------------------------------------------------- */

typedef struct tbuf {
  char *p;
  size_t cap, len;
  int full; /* once something was cut, append nothing more */
} tbuf;

static void put(tbuf *o, const char *s, size_t n) {
  if (!o->cap || o->full) return;
  size_t room = o->cap - 1 - o->len;
  if (n > room) { /* cut on a UTF-8 boundary */
    o->full = 1;
    n = room;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
  }
  memcpy(o->p + o->len, s, n);
  o->len += n;
  o->p[o->len] = 0;
}
static void puts_(tbuf *o, const char *s) { put(o, s, strlen(s)); }

/* d3's pad(): sign, then fill up to width digits (fill 0 = no padding). */
static void put_num(tbuf *o, int64_t v, char fill, int width) {
  char d[32], t[48];
  int neg = v < 0;
  snprintf(d, sizeof d, "%llu", (unsigned long long)(neg ? -(uint64_t)v : (uint64_t)v));
  int n = (int)strlen(d), k = 0;
  if (neg) t[k++] = '-';
  if (fill)
    for (int i = n; i < width; i++) t[k++] = fill;
  memcpy(t + k, d, (size_t)n + 1);
  puts_(o, t);
}

static const char *const MONTHS[] = {"January", "February", "March",     "April",
                                     "May",     "June",     "July",      "August",
                                     "September", "October", "November", "December"};
static const char *const WEEKDAYS[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                       "Thursday", "Friday", "Saturday"};

static void format_into(tbuf *o, const char *pat, double t, const timefields *f, int depth) {
  int64_t days = (int64_t)floor(floor(t) / MS_DAY);
  for (const char *p = pat; *p; p++) {
    if (*p != '%') {
      const char *q = p;
      while (q[1] && q[1] != '%') q++;
      put(o, p, (size_t)(q - p + 1));
      p = q;
      continue;
    }
    char c = *++p;
    if (!c) break; /* a lone trailing % prints nothing, as in d3 */
    char fill = 0;
    int explicit_pad = 0;
    if (c == '-' || c == '_' || c == '0') {
      fill = c == '_' ? ' ' : c == '0' ? '0' : 0;
      explicit_pad = 1;
      c = *++p;
      if (!c) break;
    }
    if (!explicit_pad) fill = c == 'e' ? ' ' : '0';
    switch (c) {
    case 'Y': put_num(o, f->year, fill, 4); break;
    case 'y': put_num(o, f->year % 100, fill, 2); break;
    case 'm': put_num(o, f->month, fill, 2); break;
    case 'd':
    case 'e': put_num(o, f->day, fill, 2); break;
    case 'H': put_num(o, f->hours, fill, 2); break;
    case 'I': put_num(o, f->hours % 12 ? f->hours % 12 : 12, fill, 2); break;
    case 'M': put_num(o, f->minutes, fill, 2); break;
    case 'S': put_num(o, f->seconds, fill, 2); break;
    case 'L': put_num(o, f->ms, fill, 3); break;
    case 'f': put_num(o, (int64_t)f->ms * 1000, fill, 6); break;
    case 'p': puts_(o, f->hours >= 12 ? "PM" : "AM"); break;
    case 'B': puts_(o, MONTHS[f->month - 1]); break;
    case 'b': put(o, MONTHS[f->month - 1], 3); break;
    case 'A': puts_(o, WEEKDAYS[f->weekday]); break;
    case 'a': put(o, WEEKDAYS[f->weekday], 3); break;
    case 'j': put_num(o, f->yday + 1, fill, 3); break;
    case 'q': put_num(o, (f->month - 1) / 3 + 1, 0, 0); break;
    case 'w': put_num(o, f->weekday, 0, 0); break;
    case 'u': put_num(o, f->weekday ? f->weekday : 7, 0, 0); break;
    case 'U': put_num(o, (f->yday + 7 - f->weekday) / 7, fill, 2); break;
    case 'W': put_num(o, (f->yday + 7 - (f->weekday + 6) % 7) / 7, fill, 2); break;
    case 'V':
    case 'G': { /* ISO 8601: the week (Mon-Sun) belongs to its Thursday's year */
      int64_t thu = days - (f->weekday + 6) % 7 + 3, iy;
      int im, id;
      civil_from_days(thu, &iy, &im, &id);
      if (c == 'G') put_num(o, iy, fill, 4);
      else put_num(o, (thu - days_from_civil(iy, 1, 1)) / 7 + 1, fill, 2);
      break;
    }
    case 'Q': put_num(o, (int64_t)floor(t), 0, 0); break;
    case 's': put_num(o, (int64_t)floor(t / 1000), 0, 0); break;
    case 'Z': puts_(o, "+0000"); break;
    case 'c':
    case 'x':
    case 'X': /* en-US composites; depth guard is belt and braces */
      if (depth < 2)
        format_into(o, c == 'c' ? "%x, %X" : c == 'x' ? "%-m/%-d/%Y" : "%-I:%M:%S %p", t, f,
                    depth + 1);
      break;
    case '%': puts_(o, "%"); break;
    default: put(o, p, 1); break; /* unknown: the letter itself, like d3 */
    }
  }
}

size_t timefmt_format(const char *pattern, double t_ms, char *buf, size_t buflen) {
  if (!buf || !buflen) return 0;
  buf[0] = 0;
  if (!pattern || !isfinite(t_ms)) return 0;
  tbuf o = {buf, buflen, 0, 0};
  timefields f;
  double t = clamp_t(t_ms);
  timefmt_fields(t, &f);
  format_into(&o, pattern, t, &f, 0);
  return o.len;
}

/* ---- parsing ------------------------------------------------------------ */

/* Reads exactly `min`..`max` digits; returns how many (0 on failure). */
static int digits(const char **s, int min, int max, int *v) {
  int n = 0, x = 0;
  while (n < max && (*s)[n] >= '0' && (*s)[n] <= '9') x = x * 10 + ((*s)[n++] - '0');
  if (n < min) return 0;
  *s += n;
  *v = x;
  return n;
}

static int lit(const char **s, const char *word) {
  size_t n = strlen(word);
  if (strncmp(*s, word, n) != 0) return 0;
  *s += n;
  return 1;
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* [T| +]HH:MM[:SS[.fff]][Z|+HH[:]MM|+HH]; *off_ms gets the zone offset. */
static int parse_time(const char **ps, int *h, int *mi, int *sec, double *ms, double *off_ms,
                      int allow_zone) {
  const char *s = *ps;
  *sec = 0;
  *ms = 0;
  *off_ms = 0;
  if (!digits(&s, 2, 2, h) || *s++ != ':' || !digits(&s, 2, 2, mi)) return 0;
  if (*s == ':') {
    s++;
    if (!digits(&s, 2, 2, sec)) return 0;
    if (*s == '.' || *s == ',') {
      s++;
      double scale = 100;
      int n = 0;
      while (*s >= '0' && *s <= '9') {
        if (n < 9) *ms += (*s - '0') * scale, scale /= 10;
        s++, n++;
      }
      if (!n) return 0;
    }
  }
  if (*h > 23 || *mi > 59 || *sec > 59) return 0;
  if (allow_zone) {
    if (*s == 'Z' || *s == 'z') {
      s++;
    } else if (*s == '+' || *s == '-') {
      int sign = *s++ == '-' ? -1 : 1, oh, om = 0;
      if (!digits(&s, 2, 2, &oh)) return 0;
      if (*s == ':') s++;
      if (*s >= '0' && *s <= '9' && !digits(&s, 2, 2, &om)) return 0;
      if (oh > 23 || om > 59) return 0;
      *off_ms = sign * (oh * 3600000.0 + om * 60000.0);
    }
  }
  *ps = s;
  return 1;
}

/* An English month name (its first three letters, any case): 1..12, 0 when none. */
static int month_name(const char **ps) {
  static const char *const mon[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                    "jul", "aug", "sep", "oct", "nov", "dec"};
  const char *s = *ps;
  for (int m = 0; m < 12; m++) {
    if (strncasecmp(s, mon[m], 3)) continue;
    s += 3;
    while ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z') s++; /* "October", "Sept" */
    if (*s == '.') s++;
    *ps = s;
    return m + 1;
  }
  return 0;
}

/* The dates JavaScript's Date.parse reads that Vega-Lite examples write:
 * "[Sun, ]01 Jan 2012[ 23:00[:00]]" and "Jan 1, 2012[ 23:00]".  No zone:
 * UTC, like every date here. */
static int parse_text_date(const char *s, const char *end, int *y, int *mo, int *d, int *h, int *mi, int *sec,
                           double *ms) {
  double off = 0;
  const char *w = s;
  while ((*w | 0x20) >= 'a' && (*w | 0x20) <= 'z') w++;
  if (w > s && *w == ',' && !month_name(&(const char *){s})) s = w + 1; /* a weekday */
  while (is_space(*s)) s++;
  if ((*mo = month_name(&s))) { /* Jan 1, 2012 */
    while (is_space(*s)) s++;
    if (!digits(&s, 1, 2, d)) return 0;
    if (*s == ',') s++;
  } else {                      /* 1 Jan 2012 */
    if (!digits(&s, 1, 2, d)) return 0;
    while (is_space(*s) || *s == '-') s++;
    if (!(*mo = month_name(&s))) return 0;
    if (*s == '-') s++;
  }
  while (is_space(*s)) s++;
  if (!digits(&s, 4, 4, y)) return 0;
  while (is_space(*s)) s++;
  if (s < end && !parse_time(&s, h, mi, sec, ms, &off, 0)) return 0;
  while (is_space(*s)) s++;
  if (!strncmp(s, "GMT", 3) || !strncmp(s, "UTC", 3)) s += 3;
  return s == end;
}

int timefmt_parse(const char *str, double *t_ms) {
  if (!str) return -1;
  const char *s = str;
  while (is_space(*s)) s++;
  const char *end = s + strlen(s);
  while (end > s && is_space(end[-1])) end--;
  int y, mo = 1, d = 1, h = 0, mi = 0, sec = 0;
  double ms = 0, off = 0;
  if (!(*s >= '0' && *s <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' && s[2] <= '9') &&
      parse_text_date(s, end, &y, &mo, &d, &h, &mi, &sec, &ms))
    goto done;
  if (!digits(&s, 4, 4, &y)) return -1;
  if (s == end) goto done; /* "2019" */
  if (*s == '-' || *s == '/') {
    char sep = *s++;
    if (!digits(&s, 1, 2, &mo)) return -1;
    if (s == end) goto done; /* "2019-09" */
    if (*s++ != sep || !digits(&s, 1, 2, &d)) return -1;
    if (s == end) goto done;
    if (*s == 'T' || *s == 't' || *s == ' ') {
      while (*s == ' ') s++;
      if (*s == 'T' || *s == 't') s++;
      if (!parse_time(&s, &h, &mi, &sec, &ms, &off, 1)) return -1;
      if (s == end) goto done;
    }
    return -1;
  }
  if (lit(&s, "\xE5\xB9\xB4")) { /* 年 */
    if (s == end) goto done;
    if (!digits(&s, 1, 2, &mo) || !lit(&s, "\xE6\x9C\x88")) return -1; /* 月 */
    if (s == end) goto done;
    if (!digits(&s, 1, 2, &d) || !lit(&s, "\xE6\x97\xA5")) return -1; /* 日 */
    if (s == end) goto done;
    while (is_space(*s)) s++;
    if (!parse_time(&s, &h, &mi, &sec, &ms, &off, 0) || s != end) return -1;
    goto done;
  }
  return -1;
done:
  if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo)) return -1;
  if (t_ms) *t_ms = timefmt_make(y, mo, d, h, mi, sec, 0) + ms - off;
  return 0;
}

/* ---- ticks -------------------------------------------------------------- */

enum { U_MS, U_SEC, U_MIN, U_HOUR, U_DAY, U_WEEK, U_MONTH, U_YEAR };

typedef struct {
  int unit, step;
  double dur;
} interval;

/* Candidate intervals (as d3's time scale, plus nothing exotic): a month
 * counts as 30 days and a year as 365 when comparing to the target. */
static const interval IV[] = {
    {U_SEC, 1, 1e3},         {U_SEC, 5, 5e3},          {U_SEC, 15, 15e3},
    {U_SEC, 30, 30e3},       {U_MIN, 1, 6e4},          {U_MIN, 5, 3e5},
    {U_MIN, 15, 9e5},        {U_MIN, 30, 18e5},        {U_HOUR, 1, 36e5},
    {U_HOUR, 3, 108e5},      {U_HOUR, 6, 216e5},       {U_HOUR, 12, 432e5},
    {U_DAY, 1, MS_DAY},      {U_DAY, 2, 2 * MS_DAY},   {U_WEEK, 1, 7 * MS_DAY},
    {U_MONTH, 1, 30 * MS_DAY}, {U_MONTH, 3, 90 * MS_DAY}, {U_YEAR, 1, 365 * MS_DAY},
};
#define NIV ((int)(sizeof IV / sizeof IV[0]))

/* 1, 2 or 5 times a power of ten near span/count (the classic nice step). */
static double nice_step(double span, int count) {
  double raw = span / count;
  double p = pow(10, floor(log10(raw)));
  double e = raw / p;
  return p * (e >= sqrt(50.0) ? 10 : e >= sqrt(10.0) ? 5 : e >= sqrt(2.0) ? 2 : 1);
}

/* Walks boundaries of a calendar interval from the one at/after t0. */
static int calendar_ticks(int unit, int step, double t0, double t1, double *out, int max_out) {
  timefields f;
  timefmt_fields(t0, &f);
  int n = 0;
  int64_t y = f.year;
  int mo = f.month;
  if (unit == U_YEAR) {
    y = floordiv(y, step) * step; /* years divisible by step */
    mo = 1;
  } else {
    mo = (int)(floordiv(mo - 1, step) * step) + 1; /* Jan, Apr, Jul, Oct for step 3 */
  }
  for (int guard = 0; guard < 1000000 && n < max_out; guard++) {
    double t = timefmt_make((int)y, mo, 1, 0, 0, 0, 0);
    if (t > t1) break;
    if (t >= t0) out[n++] = t;
    if (unit == U_YEAR) {
      y += step;
    } else {
      mo += step;
      while (mo > 12) mo -= 12, y++;
    }
  }
  return n;
}

static int uniform_ticks(double step, double offset, double t0, double t1, double *out, int max_out) {
  double first = ceil((t0 - offset) / step) * step + offset;
  int n = 0;
  for (double i = 0; n < max_out; i++) {
    double t = first + i * step;
    if (t > t1) break;
    out[n++] = t;
  }
  return n;
}

static const char *pattern_for_instant(double t) {
  timefields f;
  timefmt_fields(t, &f);
  if (f.ms) return "%Y-%m-%d %H:%M:%S.%L";
  if (f.hours || f.minutes || f.seconds) return "%Y-%m-%d %H:%M";
  if (f.day != 1) return "%Y-%m-%d";
  return f.month != 1 ? "%Y-%m" : "%Y";
}

int timefmt_level(double t) {
  if (!isfinite(t)) return TF_YEAR;
  timefields f;
  timefmt_fields(t, &f);
  if (f.ms) return TF_MS;
  if (f.seconds) return TF_SECOND;
  if (f.minutes) return TF_MINUTE;
  if (f.hours) return TF_HOUR;
  if (f.day != 1) return f.weekday ? TF_DAY : TF_WEEK;
  if (f.month != 1) return (f.month - 1) % 3 ? TF_MONTH : TF_QUARTER;
  return TF_YEAR;
}

int timefmt_ticks(double t0, double t1, int m, double *out, int max_out, const char **pattern) {
  if (pattern) *pattern = "%Y-%m-%d";
  if (!out || max_out <= 0 || !isfinite(t0) || !isfinite(t1)) return 0;
  if (t0 > t1) {
    double t = t0;
    t0 = t1;
    t1 = t;
  }
  t0 = clamp_t(t0);
  t1 = clamp_t(t1);
  if (m < 1) m = 1;
  if (m > 1000) m = 1000;
  if (t0 == t1) {
    if (pattern) *pattern = pattern_for_instant(t0);
    out[0] = t0;
    return 1;
  }
  double target = (t1 - t0) / m;
  int i = 0;
  while (i < NIV && IV[i].dur <= target) i++;
  if (i == NIV) { /* many years: a nice multiple of years */
    if (pattern) *pattern = "%Y";
    double ys = nice_step((t1 - t0) / (365 * MS_DAY), m);
    int step = ys < 1 ? 1 : ys > 1e6 ? 1000000 : (int)ys;
    return calendar_ticks(U_YEAR, step, t0, t1, out, max_out);
  }
  if (i == 0) { /* under a second: a nice multiple of milliseconds */
    if (pattern) *pattern = "%H:%M:%S.%L";
    double st = nice_step(t1 - t0, m);
    return uniform_ticks(st < 1 ? 1 : st, 0, t0, t1, out, max_out);
  }
  /* the neighbour whose duration is closer to the target, by ratio */
  const interval *iv = target / IV[i - 1].dur < IV[i].dur / target ? &IV[i - 1] : &IV[i];
  switch (iv->unit) {
  case U_SEC:
    if (pattern) *pattern = "%H:%M:%S";
    return uniform_ticks(iv->dur, 0, t0, t1, out, max_out);
  case U_MIN:
  case U_HOUR: /* steps divide an hour / a day, and UTC days align to 0 */
    if (pattern) *pattern = "%H:%M";
    return uniform_ticks(iv->dur, 0, t0, t1, out, max_out);
  case U_WEEK: /* Sundays: day 3 after the epoch (a Thursday) */
    if (pattern) *pattern = "%b %d";
    return uniform_ticks(7 * MS_DAY, 3 * MS_DAY, t0, t1, out, max_out);
  case U_DAY: /* 2 days: even days since the epoch, as d3's unixDay, so
                * spacing stays uniform across month ends */
    if (pattern) *pattern = "%b %d";
    return uniform_ticks(iv->step * MS_DAY, 0, t0, t1, out, max_out);
  case U_MONTH:
    if (pattern) *pattern = iv->step == 3 ? "%Y Q%q" : "%b %Y";
    return calendar_ticks(U_MONTH, iv->step, t0, t1, out, max_out);
  default:
    if (pattern) *pattern = "%Y";
    return calendar_ticks(U_YEAR, 1, t0, t1, out, max_out);
  }
}
