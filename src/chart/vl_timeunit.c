/* Vega's time units on an encoding: a date floored to its unit (with a
 * step: every 5 minutes), the unit's end, and the span Vega-Lite's axis
 * takes as its least tick step.  The rules follow vega-time's timeFloor
 * and timeOffset and Vega-Lite's durationExpr; huitu reads times in UTC
 * (data/timefmt.h), so "utc" units are the same units. */
#include <math.h>

#include "chart/vl.h"
#include "data/timefmt.h"

/* The smallest calendar part a unit keeps: the one its step counts. */
enum { TP_YEAR, TP_QUARTER, TP_MONTH, TP_DATE, TP_DAY, TP_DAYOFYEAR, TP_HOURS, TP_MINUTES, TP_SECONDS };

static int smallest_part(int tu) {
  switch (tu) {
  case TU_YEAR: return TP_YEAR;
  case TU_QUARTER:
  case TU_YEARQUARTER: return TP_QUARTER;
  case TU_MONTH:
  case TU_YEARMONTH: return TP_MONTH;
  case TU_DATE:
  case TU_YEARMONTHDATE:
  case TU_MONTHDATE: return TP_DATE;
  case TU_DAY: return TP_DAY;
  case TU_DAYOFYEAR: return TP_DAYOFYEAR;
  case TU_HOURS:
  case TU_MONTHDATEHOURS:
  case TU_YEARMONTHDATEHOURS: return TP_HOURS;
  case TU_MINUTES:
  case TU_HOURSMINUTES:
  case TU_YEARMONTHDATEHOURSMINUTES: return TP_MINUTES;
  default: return TP_SECONDS;
  }
}

/* v floored to a multiple of step counted from phase (1 for the parts
 * that count from 1: dates, days of the year), as vega-time's getUnit */
static int stepped(int v, int step, int phase) {
  return step <= 1 ? v : phase + step * (int)floor((double)(v - phase) / step);
}

double vl_tu_floor(int tu, int step, double t) {
  if (!isfinite(t)) return NAN;
  if (tu <= TU_NONE || tu >= TU_LAST) return t;
  timefields f;
  timefmt_fields(t, &f);
  int sp = smallest_part(tu);
  int s = step > 1 ? step : 1;
#define ST(part, v, phase) (sp == (part) ? stepped((v), s, (phase)) : (v))
  int year = ST(TP_YEAR, f.year, 0);
  int month = ST(TP_MONTH, f.month - 1, 0) + 1;
  int quarter_month = ST(TP_QUARTER, (f.month - 1) / 3, 0) * 3 + 1;
  int date = ST(TP_DATE, f.day, 1);
  int day = ST(TP_DAY, f.weekday, 0);
  int yday = ST(TP_DAYOFYEAR, f.yday + 1, 1);
  int h = ST(TP_HOURS, f.hours, 0), mi = ST(TP_MINUTES, f.minutes, 0), sec = ST(TP_SECONDS, f.seconds, 0);
#undef ST
  /* a unit without a year lands in 2012, Vega's reference year (a leap
   * year starting on a Sunday, so weekdays fall in order) */
  switch (tu) {
  case TU_YEAR: return timefmt_make(year, 1, 1, 0, 0, 0, 0);
  case TU_QUARTER: return timefmt_make(2012, quarter_month, 1, 0, 0, 0, 0);
  case TU_MONTH: return timefmt_make(2012, month, 1, 0, 0, 0, 0);
  case TU_YEARMONTH: return timefmt_make(year, month, 1, 0, 0, 0, 0);
  case TU_YEARQUARTER: return timefmt_make(year, quarter_month, 1, 0, 0, 0, 0);
  case TU_DATE: return timefmt_make(2012, 1, date, 0, 0, 0, 0);
  case TU_DAY: return timefmt_make(2012, 1, 1 + day, 0, 0, 0, 0);
  case TU_HOURS: return timefmt_make(2012, 1, 1, h, 0, 0, 0);
  case TU_MINUTES: return timefmt_make(2012, 1, 1, 0, mi, 0, 0);
  case TU_SECONDS: return timefmt_make(2012, 1, 1, 0, 0, sec, 0);
  case TU_YEARMONTHDATE: return timefmt_make(year, month, date, 0, 0, 0, 0);
  case TU_MONTHDATE: return timefmt_make(2012, month, date, 0, 0, 0, 0);
  case TU_DAYOFYEAR: return timefmt_make(2012, 1, yday, 0, 0, 0, 0);
  case TU_HOURSMINUTES: return timefmt_make(2012, 1, 1, h, mi, 0, 0);
  case TU_HOURSMINUTESSECONDS: return timefmt_make(2012, 1, 1, h, mi, sec, 0);
  case TU_MINUTESSECONDS: return timefmt_make(2012, 1, 1, 0, mi, sec, 0);
  case TU_MONTHDATEHOURS: return timefmt_make(2012, month, date, h, 0, 0, 0);
  case TU_YEARMONTHDATEHOURS: return timefmt_make(year, month, date, h, 0, 0, 0);
  case TU_YEARMONTHDATEHOURSMINUTES: return timefmt_make(year, month, date, h, mi, 0, 0);
  default: return timefmt_make(year, month, date, h, mi, sec, 0);
  }
}

/* t moved on by n of a calendar part (timefmt_make normalises overflow) */
static double add_part(int part, int n, double t) {
  timefields f;
  timefmt_fields(t, &f);
  int y = f.year, mo = f.month, d = f.day, h = f.hours, mi = f.minutes, s = f.seconds;
  switch (part) {
  case TP_YEAR: y += n; break;
  case TP_QUARTER: mo += 3 * n; break;
  case TP_MONTH: mo += n; break;
  case TP_DATE:
  case TP_DAY:
  case TP_DAYOFYEAR: d += n; break;
  case TP_HOURS: h += n; break;
  case TP_MINUTES: mi += n; break;
  default: s += n; break;
  }
  return timefmt_make(y, mo, d, h, mi, s, f.ms);
}

double vl_tu_end(int tu, int step, double start) {
  if (!isfinite(start) || tu <= TU_NONE || tu >= TU_LAST) return NAN;
  return add_part(smallest_part(tu), step > 1 ? step : 1, start);
}

double vl_tu_min_step(int tu, int step) {
  if (tu <= TU_NONE || tu >= TU_LAST) return NAN;
  int part = smallest_part(tu);
  if (part == TP_DAY) return NAN; /* Vega-Lite gives a weekday unit no least step */
  double from = timefmt_make(2001, 1, 1, 0, 0, 0, 0); /* Vega-Lite's durationExpr: from 2001, no leap year */
  return add_part(part, step > 1 ? step : 1, from) - from;
}

/* Vega-Lite's getBandPosition for a time unit without x2/y2: the
 * channel's bandPosition, else the mark's timeUnitBandPosition (config),
 * which rect-based marks have (0.5) and points and lines do not (NAN). */
static double band_position(const vl_unit *u, int k) {
  const vl_channel *ch = &u->ch[k];
  if (!isnan(ch->band_position)) return ch->band_position;
  if (!isnan(u->mark.tu_band_pos)) return u->mark.tu_band_pos;
  int t = u->mark.type;
  return t == MK_BAR || t == MK_RECT || t == MK_TICK ? 0.5 : NAN;
}

int vl_tu_spans_unit(const vl_unit *u, int k) {
  if (k != CH_X && k != CH_Y) return 0;
  const vl_channel *ch = &u->ch[k];
  if (!ch->on || !ch->timeunit || ch->type != TY_T || !vl_is_cont(ch)) return 0;
  if (u->ch[k == CH_X ? CH_X2 : CH_Y2].on) return 0;
  int t = u->mark.type; /* Vega-Lite's rect-based marks (hasBandEnd with a band position) */
  return (t == MK_BAR || t == MK_RECT || t == MK_TICK) && !isnan(band_position(u, k));
}

void vl_tu_span(const vl_unit *u, int k, double start, double *lo, double *hi) {
  const vl_channel *ch = &u->ch[k];
  int part = smallest_part(ch->timeunit), step = ch->tu_step > 1 ? ch->tu_step : 1;
  double end = add_part(part, step, start), p = band_position(u, k);
  *lo = start, *hi = end;
  if (isnan(p) || p == 0.5) return;
  /* Vega-Lite's offsetted rect: the unit moved by p - 0.5 of itself,
   * from between the previous unit's start and this one's */
  double prev = add_part(part, -step, start), f = p + 0.5;
  *lo = (1 - f) * prev + f * start;
  *hi = (1 - f) * start + f * end;
}
