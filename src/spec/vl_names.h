/* The indices of the Vega-Lite name tables in spec/vl_keys.c: the chart
 * reader (chart/vl.h) indexes vl_mark_names, vl_type_names,
 * vl_encoding_table's keys, vl_agg_names, vl_scale_types, vl_timeunit_names
 * and vl_axis_cfg_names by these, and vl_keys.c checks at compile time that
 * each table follows its enum.  Apart from vl_keys.h because data/transform.c,
 * which reads the key tables, has TU_* bit flags of its own. */
#ifndef HUITU_SPEC_VL_NAMES_H
#define HUITU_SPEC_VL_NAMES_H

enum { MK_BAR, MK_LINE, MK_AREA, MK_POINT, MK_CIRCLE, MK_SQUARE, MK_RULE, MK_TICK, MK_RECT, MK_TEXT, MK_ARC, MK_GEOSHAPE, MK_LAST };
enum { TY_NONE, TY_Q, TY_O, TY_N, TY_T };
enum {
  CH_X, CH_Y, CH_X2, CH_Y2, CH_XOFF, CH_YOFF, CH_COLOR, CH_FILL, CH_STROKE, CH_OPACITY, CH_SIZE, CH_SHAPE,
  CH_DASH, CH_THETA, CH_THETA2, CH_RADIUS, CH_RADIUS2, CH_TEXT, CH_DETAIL, CH_ORDER, CH_TOOLTIP, CH_ROW,
  CH_COLUMN, CH_FACET, CH_LAST
};
enum { AG_NONE, AG_COUNT, AG_SUM, AG_MEAN, AG_MEDIAN, AG_MIN, AG_MAX, AG_DISTINCT, AG_VALID,
       AG_EXPONENTIAL, AG_EXPONENTIALB, AG_ARGMIN, AG_ARGMAX, /* written {op: param}: no name of their own */
       AG_LAST };
enum {
  SCL_AUTO, SCL_LINEAR, SCL_LOG, SCL_SQRT, SCL_POW, SCL_SYMLOG, SCL_TIME, SCL_UTC, SCL_BAND, SCL_POINT,
  SCL_ORDINAL, SCL_QUANTIZE, SCL_QUANTILE, SCL_THRESHOLD, SCL_LAST
};
enum { TU_NONE, TU_YEAR, TU_QUARTER, TU_MONTH, TU_YEARMONTH, TU_YEARQUARTER, TU_DATE, TU_DAY, TU_HOURS, TU_MINUTES,
       TU_YEARMONTHDATE, TU_MONTHDATE, TU_DAYOFYEAR, TU_SECONDS, TU_HOURSMINUTES, TU_HOURSMINUTESSECONDS,
       TU_MINUTESSECONDS, TU_MONTHDATEHOURS, TU_YEARMONTHDATEHOURS, TU_YEARMONTHDATEHOURSMINUTES,
       TU_YEARMONTHDATEHOURSMINUTESSECONDS, TU_LAST };

/* config.axis, config.axisX, ...: vl_axis_cfg_names[i] is axis_cfg[i];
 * later names are more specific and win (see vl_axis_measure). */
#define VL_AXIS_CFG 22
extern const char *const vl_axis_cfg_names[VL_AXIS_CFG + 1];

#endif
