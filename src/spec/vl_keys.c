/* The Vega-Lite key tables (see vl_keys.h): what the chart validator
 * accepts, and so what `huitu schema` describes. */
#include "spec/vl_keys.h"

#include <string.h>

#include "spec/vl_names.h"

#define N(arr) ((int)(sizeof(arr) / sizeof((arr)[0])))
#define L(...) ((const char *const[]){__VA_ARGS__, NULL})

/* ---- names ---- */

const char *const vl_mark_names[] = {"bar",  "line", "area", "point", "circle", "square", "rule",
                                     "tick", "rect", "text", "arc",   "geoshape", NULL};
const char *const vl_mark_unsupported[] = {"trail", "image", NULL};
/* Composite marks, drawn as layers of the marks above (chart/vl_composite.c). */
const char *const vl_composite_mark_names[] = {"boxplot", "errorbar", "errorband", NULL};
/* The styles of composite marks' parts (boxplot-box, ...): config.style
 * may define them; a mark may name them undefined (they are Vega-Lite's). */
const char *const vl_composite_part_styles[] = {"boxplot-box",  "boxplot-median", "boxplot-outliers",
                                                "boxplot-rule", "boxplot-ticks",  "errorbar-rule",
                                                "errorbar-ticks", "errorband-band", "errorband-borders", NULL};
/* A mark's type as a spec may write it: the marks, then the composite ones. */
static const char *const mark_any_names[] = {"bar",  "line", "area",    "point",    "circle",   "square",
                                             "rule", "tick", "rect",    "text",     "arc",      "geoshape",
                                             "boxplot", "errorbar", "errorband", NULL};
/* AG_* order, then "average" (= mean). */
const char *const vl_agg_names[] = {"", "count", "sum", "mean", "median", "min", "max", "distinct", "valid",
                                    "", "", "", "", "average", NULL};
const char *const vl_timeunit_names[] = {"",          "year",          "quarter",   "month",     "yearmonth",
                                         "yearquarter", "date",        "day",       "hours",     "minutes",
                                         "yearmonthdate", "monthdate", "dayofyear", "seconds",
                                         "hoursminutes", "hoursminutesseconds", "minutesseconds", "monthdatehours",
                                         "yearmonthdatehours", "yearmonthdatehoursminutes",
                                         "yearmonthdatehoursminutesseconds", NULL};
_Static_assert(sizeof vl_timeunit_names / sizeof vl_timeunit_names[0] == TU_LAST + 1, "one name per TU_*");
const char *const vl_type_names[] = {"", "quantitative", "ordinal", "nominal", "temporal", NULL};
const char *const vl_scale_types[] = {"auto", "linear", "log",     "sqrt",     "pow",      "symlog",    "time", "utc",
                                      "band", "point",  "ordinal", "quantize", "quantile", "threshold", NULL};

#define TABLE(var, nm, df, keys, uns, hlp) const vl_table var = {nm, df, keys, N(keys), uns, NULL, NULL, 0, 0, hlp}
/* Config and view styling huitu does not draw yet. */
#define NOT_DRAWN VL_NOT_DRAWN
#define TABLE_STYLE(var, nm, df, keys, uns, hlp) \
  const vl_table var = {nm, df, keys, N(keys), uns, NULL, NULL, 0, 0, hlp, NOT_DRAWN}

/* ---- scale, axis, legend ---- */

/* labelFont, titleFont, font, ...: see text_font_list_resolve */
#define FONT_HELP "A font family, or a list (\"Noto Serif CJK SC, serif\"); the lang's fonts draw what it lacks"

static const vl_key scale_keys[] = {
    {"type", VLV_STRING, vl_scale_types, .help = "Scale type"},
    {"domain", VLV_ARRAY | VLV_STRING | VLV_OBJECT, L("unaggregated"),
     .help = "Input values: a list ([min, max] or categories), \"unaggregated\", {unionWith: [values]} (the "
             "data's and these), or {param} (a selection's initial interval, else the data's)"},
    {"range", 0, .help = "Output values: a list of colours, sizes or pixels, or {field} naming each category's colour in its rows"},
    {"scheme", VLV_STRING | VLV_OBJECT, .help = "A colour scheme name (tableau10, category10, set2, blues, viridis, ...)"},
    {"zero", VLV_BOOL, .help = "Include zero in a quantitative domain"},
    {"nice", VLV_BOOL | VLV_NUMBER, .help = "Extend the domain to round values"},
    {"padding", VLV_NUMBER},
    {"paddingInner", VLV_NUMBER},
    {"paddingOuter", VLV_NUMBER},
    {"reverse", VLV_BOOL},
    {"exponent", VLV_NUMBER},
    {"base", VLV_NUMBER},
    {"constant", VLV_NUMBER},
    {"clamp", VLV_BOOL},
    {"domainMid", VLV_NUMBER, .help = "The value at the middle of a continuous colour range (a diverging scheme)"},
    {"round", VLV_BOOL, .help = "Band and point scales: whole-px steps"},
    {"align", VLV_NUMBER, .max = 1, .help = "Band and point scales: where the outer padding goes (0..1, 0.5 even)"},
    {"domainMin", VLV_NUMBER | VLV_STRING, .help = "The domain's low end (a number or a date)"},
    {"domainMax", VLV_NUMBER | VLV_STRING, .help = "The domain's high end (a number or a date)"},
    {"rangeMin", VLV_NUMBER, .help = "Size, opacity and radius scales: the range's low end"},
    {"rangeMax", VLV_NUMBER, .help = "Size, opacity and radius scales: the range's high end"},
};
TABLE(vl_scale_table, "a scale", "chart-scale", scale_keys, L("interpolate", "bins", "domainRaw"),
      "How data values map to positions, colours or sizes (null: the field's values as they are)");

static const vl_key cond_color_keys[] = {
    {"condition", VLV_OBJECT | VLV_ARRAY, .sub = &vl_condition_table, .items = &vl_condition_table,
     .flags = VLF_REQUIRED},
    {"value", VLV_STRING | VLV_NULL, .flags = VLF_COLOR, .help = "The colour where no test holds"},
};
TABLE(vl_cond_color_table, "a conditional colour", "chart-cond-color", cond_color_keys, NULL,
      "A colour that depends on a test: {condition: {test, value}, value}");

/* Axis properties huitu does not draw yet (an axis or config.axis naming
 * one is an error: a setting silently dropped is worse). */
#define AXIS_NOT_DRAWN                                                                                             \
  "labelFlush", "zindex", "labelAlign", "labelBaseline", "bandPosition", "domainDash",                         \
      "tickDash", "titleAlign", "titleBaseline", "titleX", "titleY", "translate", "tickOffset", "tickRound",       \
      "tickBand", "tickExtra", "labelBound", "labelExpr", "style", "gridCap", "domainCap", "tickCap",              \
      "labelFontStyle", "titleFontStyle", "titleLineHeight", "labelLineHeight", "position",         \
      "gridDashOffset", "domainDashOffset", "tickDashOffset", "labelBaselineOffset"
/* The axis styling an axis and config.axis* share (vl_spec_guides.c vls_parse_axis). */
#define AXIS_STYLE_KEYS                                                                                            \
  {"labelFontSize", VLV_NUMBER}, {"titleFontSize", VLV_NUMBER},                                                    \
      {"labelColor", VLV_STRING | VLV_NULL, .flags = VLF_COLOR},                                                   \
      {"titleColor", VLV_STRING | VLV_NULL, .flags = VLF_COLOR}, {"grid", VLV_BOOL},                               \
      {"gridDash", VLV_ARRAY, .item_types = VLV_NUMBER, .help = "Grid line dashes: [dash, gap, ...] ([] solid)"},  \
      {"domain", VLV_BOOL}, {"domainColor", VLV_STRING | VLV_NULL, .flags = VLF_COLOR}, {"ticks", VLV_BOOL},       \
      {"tickColor", VLV_STRING | VLV_NULL, .flags = VLF_COLOR, .help = "Tick colour (ticks are drawn once styled)"}, \
      {"tickSize", VLV_NUMBER, .help = "Tick length in px (ticks are drawn once styled)"}, {"tickCount", VLV_NUMBER}, \
      {"labels", VLV_BOOL}, {"labelAngle", VLV_NUMBER}, {"labelLimit", VLV_NUMBER}, {"labelPadding", VLV_NUMBER},   \
      {"format", VLV_STRING | VLV_NULL, .help = "d3-format (or d3-time-format) of the labels"},                     \
      {"formatType", VLV_STRING, L("number", "time", "utc")},                                                      \
      {"titlePadding", VLV_NUMBER, .help = "px between the labels and the title"},                                 \
      {"offset", VLV_NUMBER, .help = "px between the plot and the axis"},                                          \
      {"minExtent", VLV_NUMBER, .help = "Least px for ticks and labels (the title sits past them)"},               \
      {"maxExtent", VLV_NUMBER, .help = "Most px for ticks and labels (the title sits within)"},                   \
      {"tickMinStep", VLV_NUMBER, .help = "The least step between ticks (1: whole numbers only)"},                 \
      {"labelSeparation", VLV_NUMBER, .help = "Least px between labels (closer ones are thinned)"},                \
      {"labelOverlap", VLV_BOOL | VLV_STRING, L("parity", "greedy"),                                                \
       .help = "true (thin labels that would collide; huitu's default) or false (draw them all)"},                 \
      {"domainWidth", VLV_NUMBER}, {"gridWidth", VLV_NUMBER}, {"tickWidth", VLV_NUMBER},                           \
      {"labelFontWeight", VLV_STRING | VLV_NUMBER, .help = "normal, bold, or 100-900"},                            \
      {"titleFontWeight", VLV_STRING | VLV_NUMBER, .help = "normal, bold, or 100-900"},                            \
      {"labelFont", VLV_STRING, .help = FONT_HELP}, {"titleFont", VLV_STRING, .help = FONT_HELP},                  \
      {"labelOpacity", VLV_NUMBER, .max = 1}, {"titleOpacity", VLV_NUMBER, .max = 1},                              \
      {"gridOpacity", VLV_NUMBER, .max = 1}, {"domainOpacity", VLV_NUMBER, .max = 1},                              \
      {"tickOpacity", VLV_NUMBER, .max = 1},                                                                       \
      {"titleAngle", VLV_NUMBER,                                                                                   \
       .help = "0: a level title (a Chinese y title's default when short: over the labels); 90, 270: turned"},     \
      {"titleAnchor", VLV_STRING | VLV_NULL, L("start", "middle", "end"), .help = "Where the title sits along the axis"}, \
      {"titleLimit", VLV_NUMBER, .help = "Widest title in px (longer: cut with an ellipsis)"},                     \
      {"labelOffset", VLV_NUMBER, .help = "px the labels move along the axis (right, or down on a vertical axis)"}, \
      {"aria", 0, .help = "No effect on a static chart"}, {"description", 0, .help = "No effect on a static chart"}

static const vl_key axis_keys[] = {
    {"title", VLV_TITLE, .help = "Axis title (null for none)"},
    {"values", VLV_ARRAY, .help = "The tick values"},
    {"orient", VLV_STRING, L("bottom", "top", "left", "right")},
    {"gridColor", VLV_STRING | VLV_NULL | VLV_OBJECT, .sub = &vl_cond_color_table, .flags = VLF_COLOR,
     .help = "Grid line colour, or {condition: {test, value}, value} per line (datum.value: the tick's value)"},
    {"tickStep", VLV_NUMBER, .min = 0, .flags = VLF_MIN_EXCLUSIVE, .help = "Ticks at multiples of this step"},
    AXIS_STYLE_KEYS,
};
TABLE_STYLE(vl_axis_table, "an axis", "chart-axis", axis_keys, L(AXIS_NOT_DRAWN), "An axis (null hides it)");

static const vl_key legend_keys[] = {
    {"title", VLV_TITLE, .help = "Legend title (null for none)"},
    {"orient", VLV_STRING,
     L("bottom", "top", "left", "right", "none", "top-left", "top-right", "bottom-left", "bottom-right")},
    {"format", VLV_STRING | VLV_NULL, .help = "d3-format (or d3-time-format) of the labels"},
    {"formatType", VLV_STRING, L("number", "time", "utc")},
    {"columns", VLV_NUMBER},
    {"direction", VLV_STRING, L("vertical", "horizontal"),
     .help = "Entries in a column or in a row (default: by orient)"},
    {"labelFontSize", VLV_NUMBER},
    {"titleFontSize", VLV_NUMBER},
    {"symbolType", VLV_STRING,
     L("circle", "square", "stroke", "triangle-up", "diamond", "triangle-down", "cross", "triangle"),
     .help = "The entries' symbol (default: by the mark)"},
    {"symbolSize", VLV_NUMBER, .help = "Symbol area in px² (default about 80)"},
    {"symbolStrokeWidth", VLV_NUMBER, .help = "Stroke width of outlined and stroke symbols"},
    {"labelLimit", VLV_NUMBER, .help = "Widest label in px (longer: cut with an ellipsis)"},
    {"values", VLV_ARRAY, .item_types = VLV_SCALAR, .help = "The entries, in order"},
    {"type", VLV_STRING, L("symbol", "gradient"), .help = "gradient: a continuous colour's ramp (its default)"},
    {"offset", VLV_NUMBER, .help = "px between the plot and the legend"},
    {"gradientLength", VLV_NUMBER, .help = "Length of a gradient legend's ramp in px"},
    {"labelColor", VLV_STRING | VLV_NULL, .flags = VLF_COLOR},
    {"titleColor", VLV_STRING | VLV_NULL, .flags = VLF_COLOR},
    {"labelOpacity", VLV_NUMBER, .max = 1},
    {"titleOpacity", VLV_NUMBER, .max = 1},
    {"labelFontWeight", VLV_STRING | VLV_NUMBER, .help = "normal, bold, or 100-900"},
    {"titleFontWeight", VLV_STRING | VLV_NUMBER, .help = "normal, bold, or 100-900 (default bold)"},
    {"labelFont", VLV_STRING, .help = FONT_HELP},
    {"titleFont", VLV_STRING, .help = FONT_HELP},
    {"aria", 0, .help = "No effect on a static chart"},
    {"description", 0, .help = "No effect on a static chart"},
    /* orient: none's position: huitu lays a free legend out at the right of the plot, where its size is known */
    {"legendX", VLV_NUMBER, .help = "x of an orient: none legend (huitu places it at the right)"},
    {"legendY", VLV_NUMBER, .help = "y of an orient: none legend (huitu places it at the right)"},
    {"titleOrient", VLV_STRING, L("left", "right", "top", "bottom"),
     .help = "Where the title sits: top or left (default: above a side legend, left of a bottom or top one)"},
};
/* Legend properties huitu does not draw yet. */
#define LEGEND_NOT_DRAWN                                                                                           \
  "padding", "rowPadding", "columnPadding", "cornerRadius", "fillColor", "strokeColor",                          \
      "symbolFillColor", "symbolStrokeColor", "symbolOpacity", "symbolDash", "symbolDashOffset", "symbolOffset",  \
      "symbolLimit", "titleAnchor", "titleAlign", "titleBaseline", "titlePadding", "titleLimit", "titleLineHeight", \
      "titleFontStyle", "labelOffset", "labelAlign", "labelBaseline", "labelFontStyle", "labelOverlap",           \
      "labelSeparation", "labelExpr", "gradientThickness", "gradientStrokeColor", "gradientStrokeWidth",          \
      "tickCount", "tickMinStep", "clipHeight", "zindex", "gridAlign", "strokeDash"
TABLE_STYLE(vl_legend_table, "a legend", "chart-legend", legend_keys, L(LEGEND_NOT_DRAWN), "A legend (null hides it)");

/* ---- channel definitions ---- */

static const vl_key repeat_ref_keys[] = {
    {"repeat", VLV_STRING, L("row", "column", "layer", "repeat"), .flags = VLF_REQUIRED},
};
TABLE(vl_repeat_ref_table, "a repeat reference", "chart-repeat-ref", repeat_ref_keys, NULL,
      "The field the enclosing repeat is at");

static const vl_key header_keys[] = {
    {"title", VLV_TITLE, .help = "The facet field's title (null or \"\": none)"},
    {"labels", VLV_BOOL, .help = "Draw the header labels (the facet values)"},
    {"labelAngle", VLV_NUMBER, .help = "0: level (huitu's default); 90, 270: turned (CJK: an upright column)"},
    {"labelColor", VLV_STRING | VLV_NULL, .flags = VLF_COLOR},
    {"labelFontSize", VLV_NUMBER},
    {"labelFontWeight", VLV_STRING | VLV_NUMBER, .help = "normal, bold, or 100-900"},
    {"labelLimit", VLV_NUMBER, .help = "Widest label in px (longer: cut with an ellipsis)"},
    {"labelPadding", VLV_NUMBER, .help = "px between the labels and the cells"},
    {"titleColor", VLV_STRING | VLV_NULL, .flags = VLF_COLOR},
    {"titleFontSize", VLV_NUMBER},
    {"titleFontWeight", VLV_STRING | VLV_NUMBER, .help = "normal, bold, or 100-900"},
    {"titlePadding", VLV_NUMBER, .help = "px between the title and the labels"},
    {"labelFont", VLV_STRING, .help = FONT_HELP},
    {"titleFont", VLV_STRING, .help = FONT_HELP},
    {"orient", VLV_STRING, L("top", "bottom", "left", "right"),
     .help = "Where the labels and the title lie: a column's top or bottom, a row's left or right"},
    {"labelOrient", VLV_STRING, L("top", "bottom", "left", "right"), .help = "Where the labels lie (as orient)"},
    {"titleOrient", VLV_STRING, L("top", "bottom", "left", "right"), .help = "Where the title lies (as orient)"},
    {"labelAlign", VLV_STRING, L("left", "center", "right"),
     .help = "A level label's alignment: a row's within the header column, a column's about the cell's centre"},
};
#define HEADER_NOT_DRAWN                                                                                          \
  L("format", "formatType", "labelAnchor", "labelBaseline", "labelExpr", "labelFontStyle", "labelLineHeight",   \
    "titleAlign", "titleAnchor", "titleAngle", "titleBaseline", "titleFontStyle", "titleLimit", "titleLineHeight")
TABLE_STYLE(vl_header_table, "a header", "chart-header", header_keys, HEADER_NOT_DRAWN,
            "A facet's headers (row, column or facet channel)");
/* config.header, headerRow, ...: a header's keys but its title (one facet's, not a theme's) */
const vl_table vl_config_header_table = {"config.header", "chart-config-header", header_keys + 1,
                                         N(header_keys) - 1, HEADER_NOT_DRAWN, NULL, NULL, 0, 0,
                                         "Default facet header style (headerRow, headerColumn, headerFacet: "
                                         "those headers only)", NOT_DRAWN};

static const vl_key sort_keys[] = {
    {"field", 0},
    {"op", VLV_STRING, vl_agg_names},
    {"order", 0},
    {"encoding", VLV_STRING},
};
TABLE(vl_sort_table, "a sort", "chart-sort", sort_keys, NULL, "Sort by a field (with op) or by an encoding");

static const vl_key bin_keys[] = {
    {"maxbins", VLV_NUMBER, .min = 2},
    {"step", VLV_NUMBER, .min = 0, .flags = VLF_MIN_EXCLUSIVE},
    {"extent", VLV_ARRAY},
    {"nice", 0},
    {"anchor", 0},
    {"base", 0},
    {"minstep", 0},
    {"divide", 0},
    {"steps", 0},
    {"binned", 0},
};
TABLE(vl_bin_table, "a bin", "chart-bin", bin_keys, NULL, "Binning parameters");

static const vl_key condition_keys[] = {
    {"test", VLV_STRING | VLV_OBJECT,
     .help = "An expression (\"datum.b > 50\") or a predicate ({field, gt: 50}, {and: [...]}, ...)"},
    {"param", VLV_STRING, .help = "A param: a selection holds in its initial state (empty: see 'empty')"},
    {"empty", VLV_BOOL, .help = "Whether an empty selection holds (default true)"},
    {"value", 0, .flags = VLF_REQUIRED, .help = "The value where the test holds"},
};
const vl_table vl_condition_table = {"a condition", "chart-condition", condition_keys, N(condition_keys),
                                     L("selection", "field", "type", "datum", "aggregate", "timeUnit", "bin",
                                       "scale", "legend", "title"),
                                     L("test", "param"), NULL, 0, 0,
                                     "A value where a test or a param holds"};

/* params: variables and selections, at the state a chart opens in (vl_params.c) */
static const vl_key select_keys[] = {
    {"type", VLV_STRING, L("point", "interval"), .flags = VLF_REQUIRED,
     .help = "point: rows picked (by fields or encodings); interval: a range brushed on x and/or y"},
    {"fields", VLV_ARRAY, .item_types = VLV_STRING, .help = "The fields the selection holds"},
    {"encodings", VLV_ARRAY, .item_types = VLV_STRING, .help = "The channels whose fields the selection holds"},
#define NO_STATIC_EFFECT .help = "No effect on a static chart (it draws the initial selection)"
    {"on", 0, NO_STATIC_EFFECT}, {"clear", 0, NO_STATIC_EFFECT}, {"nearest", 0, NO_STATIC_EFFECT},
    {"toggle", 0, NO_STATIC_EFFECT}, {"mark", 0, NO_STATIC_EFFECT}, {"translate", 0, NO_STATIC_EFFECT},
    {"zoom", 0, NO_STATIC_EFFECT}, {"resolve", 0, NO_STATIC_EFFECT},
};
TABLE(vl_select_table, "a selection", "chart-select", select_keys, NULL, "A selection: point or interval");
static const vl_key param_keys[] = {
    {"name", VLV_STRING, .flags = VLF_REQUIRED, .help = "The name expressions, conditions and filters use"},
    {"value", 0, .help = "A variable's value, or a selection's initial state ([{field: value}], {x: [lo, hi]})"},
    {"expr", VLV_STRING, .help = "A variable's value as an expression of the params before it"},
    {"select", VLV_STRING | VLV_OBJECT, L("point", "interval"), .sub = &vl_select_table,
     .help = "Makes the param a selection: point, interval, or {type, fields, encodings}"},
    {"bind", 0, NO_STATIC_EFFECT},
    {"views", 0, NO_STATIC_EFFECT},
    {"react", 0, NO_STATIC_EFFECT},
    {"description", 0, NO_STATIC_EFFECT},
};
TABLE(vl_param_table, "a param", "chart-param", param_keys, NULL,
      "A variable ({name, value} or {name, expr}) or a selection ({name, select}) at its initial state");

static const vl_key timeunit_keys[] = {
    {"unit", VLV_STRING, vl_timeunit_names, .flags = VLF_REQUIRED | VLF_UTC},
    {"step", VLV_NUMBER, .min = 1, .help = "Units per step of the smallest part: {unit: minutes, step: 5}"},
    {"binned", VLV_BOOL, .help = "The field holds the units' starts already (as a binned... unit)"},
};
const vl_table vl_timeunit_table = {"a time unit", "chart-timeunit", timeunit_keys, N(timeunit_keys), NULL, NULL,
                                    NULL, 0, 1, "A time unit with parameters"};

/* {exponential: 0.5}, {argmin: "field"}: one key (chart/vl_agg_param.c) */
static const vl_key agg_param_keys[] = {
    {"exponential", VLV_NUMBER, .help = "Exponential moving average, this weight (0 to 1) on the older values"},
    {"exponentialb", VLV_NUMBER, .help = "The same without the bias correction"},
    {"argmin", VLV_STRING, .help = "The field's value in the row where this field is least"},
    {"argmax", VLV_STRING, .help = "The field's value in the row where this field is greatest"},
};
static const vl_table agg_param_table = {"an aggregate", "chart-aggregate", agg_param_keys, N(agg_param_keys), NULL,
                                         NULL, NULL, 0, 0, "An aggregate with a parameter"};

static const vl_key channel_keys[] = {
    {"field", VLV_SCALAR | VLV_OBJECT, .sub = &vl_repeat_ref_table, .help = "The data field"},
    {"type", VLV_STRING, vl_type_names, .help = "Measurement type"},
    {"value", 0, .help = "A constant value instead of a field"},
    {"datum", 0, .help = "A constant data value, scaled like the field's"},
    {"aggregate", VLV_STRING | VLV_OBJECT, vl_agg_names, .sub = &agg_param_table, .help = "Aggregate operation"},
    {"timeUnit", VLV_STRING | VLV_OBJECT, vl_timeunit_names, .sub = &vl_timeunit_table, .flags = VLF_UTC,
     .help = "Discretize dates"},
    {"title", VLV_TITLE, .help = "Title of the axis or legend (null for none)"},
    {"sort", VLV_STRING | VLV_ARRAY | VLV_NULL | VLV_OBJECT, L("ascending", "descending"), .sub = &vl_sort_table,
     .flags = VLF_SORT_CHANNEL,
     .help = "Sort order: ascending, descending, an encoding (\"-y\"), a list, or {field, op, order}"},
    {"stack", VLV_STRING | VLV_BOOL | VLV_NULL, L("auto", "zero", "normalize", "center"), .help = "Stacking"},
    {"scale", VLV_OBJECT | VLV_NULL, .sub = &vl_scale_table},
    {"axis", VLV_OBJECT | VLV_NULL, .sub = &vl_axis_table},
    {"legend", VLV_OBJECT | VLV_NULL, .sub = &vl_legend_table},
    {"format", VLV_STRING | VLV_NULL, .help = "d3-format (or d3-time-format) of text and labels"},
    {"formatType", VLV_STRING, L("number", "time", "utc")},
    {"bandPosition", VLV_NUMBER},
    {"header", VLV_OBJECT | VLV_NULL, .sub = &vl_header_table,
     .help = "A facet's headers: their title and labels (null: none)"},
    {"bin", VLV_BOOL | VLV_NULL | VLV_STRING | VLV_OBJECT, L("binned"), .sub = &vl_bin_table,
     .help = "Bin a quantitative field: true, \"binned\" or {maxbins, step, ...}"},
    {"columns", VLV_NUMBER},
    {"spacing", VLV_NUMBER, .help = "px between a facet's rows (row) or columns (column, facet); default 20"},
    {"condition", VLV_OBJECT | VLV_ARRAY, .sub = &vl_condition_table, .items = &vl_condition_table},
    {"impute", VLV_OBJECT | VLV_NULL, .sub = &vl_impute_table,
     .help = "x or y: a row for every key of the other position channel (per colour, detail, ... group)"},
};
const vl_table vl_channel_table = {
    "a channel", "channel", channel_keys, N(channel_keys), L("band"), NULL, NULL, 0, 0,
    "An encoding channel: a field, value or datum with its type, scale, axis or legend", NULL, L("align")};

#define CH(name) {name, VLV_OBJECT | VLV_NULL, .sub = &vl_channel_table, .def = "channel-or-null"}
#define CH_LIST(name)                                                                              \
  {name, VLV_OBJECT | VLV_NULL | VLV_ARRAY, .sub = &vl_channel_table, .items = &vl_channel_table, \
   .def = "channel-or-list"}
/* CH_* order. */
static const vl_key encoding_keys[] = {
    CH("x"),           CH("y"),          CH("x2"),           CH("y2"),      CH("xOffset"), CH("yOffset"),
    CH("color"),       CH("fill"),       CH("stroke"),       CH("opacity"), CH("size"),    CH("shape"),
    CH("strokeDash"),  CH("theta"),      CH("theta2"),       CH("radius"),  CH("radius2"), CH("text"),
    CH_LIST("detail"), CH_LIST("order"), CH_LIST("tooltip"), CH("row"),     CH("column"),  CH("facet"),
    /* after CH_*: a map's positions, read into x, y, x2, y2 through the projection */
    CH("longitude"),   CH("latitude"),   CH("longitude2"),   CH("latitude2"),
};
TABLE(vl_encoding_table, "encoding", "encoding", encoding_keys,
      L("href", "url", "key", "description", "xError", "yError",
        "xError2", "yError2", "strokeWidth", "fillOpacity", "strokeOpacity", "angle"),
      "Encoding channels: which field drives x, y, color, size, ...");

/* ---- mark ---- */

static const vl_key expr_ref_keys[] = {
    {"expr", VLV_STRING, .flags = VLF_REQUIRED, .help = "An expression of the row (datum.b < 0 ? -2 : 2)"},
};
TABLE(vl_expr_ref_table, "an expression reference", "chart-expr-ref", expr_ref_keys, NULL,
      "A mark property computed per row: {expr: ...}");

static const vl_key mark_keys[] = {
    {"type", VLV_STRING, vl_mark_names, .flags = VLF_REQUIRED, .help = "Mark type"},
    {"color", VLV_STRING | VLV_NULL, .flags = VLF_COLOR},
    {"fill", VLV_STRING | VLV_NULL, .flags = VLF_COLOR},
    {"stroke", VLV_STRING | VLV_NULL, .flags = VLF_COLOR},
    {"opacity", VLV_NUMBER},
    {"fillOpacity", VLV_NUMBER},
    {"strokeOpacity", VLV_NUMBER},
    {"strokeWidth", VLV_NUMBER},
    {"size", VLV_NUMBER},
    {"cornerRadius", VLV_NUMBER},
    {"cornerRadiusEnd", VLV_NUMBER},
    {"innerRadius", VLV_NUMBER},
    {"outerRadius", VLV_NUMBER},
    {"radius", VLV_NUMBER},
    {"padAngle", VLV_NUMBER},
    {"thickness", VLV_NUMBER},
    {"fontSize", VLV_NUMBER},
    {"dx", VLV_NUMBER | VLV_OBJECT, .sub = &vl_expr_ref_table, .def = "number-or-expr",
     .help = "Text offset in px, or {expr} per row"},
    {"dy", VLV_NUMBER | VLV_OBJECT, .sub = &vl_expr_ref_table, .def = "number-or-expr",
     .help = "Text offset in px, or {expr} per row"},
    {"angle", VLV_NUMBER},
    {"filled", VLV_BOOL},
    {"interpolate", VLV_STRING,
     L("linear", "monotone", "step", "step-before", "step-after", "basis", "cardinal", "natural", "linear-closed",
       "bundle", "catmull-rom")},
    {"fontStyle", VLV_STRING, .help = "normal (huitu's fonts have no italic)"},
    {"tension", VLV_NUMBER, .max = 1, .help = "Cardinal curves: 0 (the default) to 1 (straight)"},
    {"point", VLV_BOOL | VLV_OBJECT | VLV_STRING, L("transparent"), .help = "Points on a line or area"},
    {"line", VLV_BOOL | VLV_OBJECT, .help = "A line along an area"},
    {"orient", VLV_STRING, L("vertical", "horizontal")},
    {"align", VLV_STRING | VLV_OBJECT, L("left", "center", "right"), .sub = &vl_expr_ref_table,
     .help = "Text alignment, or {expr} per row"},
    {"baseline", VLV_STRING | VLV_OBJECT, L("top", "middle", "bottom", "alphabetic", "line-top", "line-bottom"),
     .sub = &vl_expr_ref_table, .help = "Text baseline, or {expr} per row"},
    {"fontWeight", VLV_STRING | VLV_NUMBER, .help = "normal, bold, or 100-900"},
    {"text", VLV_TITLE},
    {"shape", VLV_STRING,
     L("circle", "square", "triangle-up", "diamond", "triangle-down", "cross", "triangle-right", "triangle-left",
       "triangle")},
    {"strokeDash", VLV_ARRAY, .item_types = VLV_NUMBER},
    {"width", VLV_NUMBER | VLV_OBJECT, .help = "Bar width in px, or {band: fraction}"},
    {"height", VLV_NUMBER | VLV_OBJECT, .help = "Bar height in px, or {band: fraction}"},
    {"clip", VLV_BOOL},
    {"tooltip", 0, .help = "No effect on a static chart"},
    {"binSpacing", VLV_NUMBER, .help = "px between adjacent bins' bars (default 1)"},
    {"continuousBandSize", VLV_NUMBER, .help = "px a bar takes along a continuous axis (default 5)"},
    {"timeUnitBandPosition", VLV_NUMBER, .help = "Where in its time unit a bar, rect or tick sits: 0 its start, "
                                                 "0.5 its middle (default)"},
    {"timeUnitBandSize", VLV_NUMBER, .min = 0, .help = "The part of its time unit a bar or rect spans (default 1)"},
    {"strokeCap", VLV_STRING, L("butt", "round", "square"), .help = "butt or round (square is not drawn yet)"},
    {"limit", VLV_NUMBER, .help = "Widest text in px (longer: cut with an ellipsis)"},
    {"font", VLV_STRING, .help = "A text mark's font: " FONT_HELP},
    {"invalid", VLV_STRING | VLV_NULL,
     L("filter", "break-paths-filter-domains", "break-paths-show-domains", "break-paths-show-path-domains", "show"),
     .help = "Rows with null or NaN in a continuous scale: filter (left out), break-paths-* (lines break; scales "
             "leave them out or show their other values), show or null (drawn at zero)"},
    {"style", VLV_STRING | VLV_ARRAY, .item_types = VLV_STRING, .help = "Named styles from config.style"},
    {"aria", 0, .help = "No effect on a static chart"},
    {"description", 0, .help = "No effect on a static chart"},
    {"theta", VLV_NUMBER},
    {"lineHeight", VLV_NUMBER, .help = "px from line to line of a text mark's lines"},
    {"radiusOffset", VLV_NUMBER},
    {"xOffset", VLV_NUMBER, .help = "px added to x"},
    {"x2Offset", VLV_NUMBER, .help = "px added to x2"},
    {"yOffset", VLV_NUMBER, .help = "px added to y"},
    {"y2Offset", VLV_NUMBER, .help = "px added to y2"},
};
#define MARK_NOT_DRAWN                                                                                       \
  "strokeJoin", "strokeMiterLimit", "strokeDashOffset", "strokeOffset",              \
      "cornerRadiusTopLeft", "cornerRadiusTopRight", "cornerRadiusBottomLeft", "cornerRadiusBottomRight",    \
      "thetaOffset", "theta2Offset", "radius2Offset", "radius2", "theta2", "x", "y", "x2", "y2",              \
      "ellipsis", "dir", "blend", "smooth", "minBandSize", "discreteBandSize", \
      "ariaRole", "ariaRoleDescription"
const vl_table vl_mark_table = {"a mark", "mark-def", mark_keys, N(mark_keys), L("href", "cursor", "url", "shape3d"),
                                NULL, NULL, 0, 0, "A mark definition: its type and properties", NULL,
                                L(MARK_NOT_DRAWN)};

/* boxplot, errorbar, errorband: which keys each takes is in vl_composite.c */
#define PART(name, hlp) {name, VLV_BOOL | VLV_OBJECT | VLV_NULL, .sub = &vl_config_mark_table, .help = hlp}
static const vl_key composite_mark_keys[] = {
    {"type", VLV_STRING, vl_composite_mark_names, .flags = VLF_REQUIRED, .help = "Composite mark type"},
    {"extent", VLV_NUMBER | VLV_STRING, L("min-max", "ci", "iqr", "stderr", "stdev"),
     .help = "boxplot: whiskers to the data within k x IQR of the box (1.5) or min-max; errorbar, errorband: ci, "
             "iqr, stderr (default with center mean) or stdev"},
    {"center", VLV_STRING, L("mean", "median"), .help = "errorbar, errorband: the centre the extent is around"},
    {"orient", VLV_STRING, L("vertical", "horizontal"), .help = "Default: along the continuous axis"},
    {"size", VLV_NUMBER, .min = 0, .help = "boxplot: box width (14); errorbar: tick length"},
    {"thickness", VLV_NUMBER, .min = 0, .help = "errorbar: rule and tick stroke width"},
    {"color", VLV_STRING, .flags = VLF_COLOR},
    {"opacity", VLV_NUMBER, .max = 1},
    {"clip", VLV_BOOL},
    {"invalid", VLV_STRING | VLV_NULL, L("filter", "break-paths-filter-domains"),
     .help = "filter: rows with an invalid (null, NaN) value are left out"},
    {"interpolate", VLV_STRING,
     L("linear", "monotone", "step", "step-before", "step-after", "basis", "cardinal", "natural", "linear-closed",
       "bundle", "catmull-rom"), .help = "errorband: how the band's edges join its points"},
    PART("box", "boxplot: the box's bar (true, false, or its mark properties)"),
    PART("median", "boxplot: the median's tick"),
    PART("outliers", "boxplot: points beyond the whiskers"),
    PART("rule", "boxplot: the whiskers; errorbar: the bar"),
    PART("ticks", "boxplot, errorbar: ticks at the ends (off by default)"),
    PART("band", "errorband: the band's area"),
    PART("borders", "errorband: lines along the band's edges (off by default)"),
    {"tooltip", 0, .help = "No effect on a static chart"},
    {"aria", 0, .help = "No effect on a static chart"},
    {"description", 0, .help = "No effect on a static chart"},
};
const vl_table vl_composite_mark_table = {"a composite mark", "composite-mark-def", composite_mark_keys,
                                          N(composite_mark_keys), L("href", "cursor", "url"), NULL, NULL, 0, 0,
                                          "A box plot, error bar or error band: drawn as layers of marks", NULL,
                                          L("tension")};

/* config.boxplot, config.errorbar, config.errorband: the same keys but type */
const vl_table vl_config_composite_table = {"a composite mark config", "config-composite-mark",
                                            composite_mark_keys + 1, N(composite_mark_keys) - 1,
                                            L("href", "cursor", "url", "type"), NULL, NULL, 0, 0,
                                            "Defaults for a composite mark and its parts", NULL, L("tension")};

/* ---- view parts ---- */

static const vl_key size_keys[] = {
    {"step", VLV_NUMBER, .flags = VLF_REQUIRED, .help = "px per category"},
    {"for", VLV_STRING, L("position", "offset"), .help = "offset: the step of xOffset/yOffset's bands"},
};
TABLE(vl_size_table, "a size", "chart-step", size_keys, NULL, "A discrete size: px per category");

static const vl_key spacing_keys[] = {{"row", VLV_NUMBER}, {"column", VLV_NUMBER}};
TABLE(vl_spacing_table, "spacing", "chart-spacing", spacing_keys, NULL, "px between rows and between columns");

/* anchor ... aria: config.title's keys too (its table starts there) */
static const vl_key title_keys[] = {
    {"text", VLV_TITLE},
    {"subtitle", VLV_TITLE},
    {"anchor", VLV_STRING, L("start", "middle", "end"), .help = "Where the title sits along the chart's width"},
    {"fontSize", VLV_NUMBER},
    {"color", VLV_STRING | VLV_NULL, .flags = VLF_COLOR},
    {"subtitleColor", VLV_STRING | VLV_NULL, .flags = VLF_COLOR},
    {"subtitleFontSize", VLV_NUMBER},
    {"fontWeight", VLV_STRING | VLV_NUMBER, .help = "normal, bold, or 100-900"},
    {"offset", VLV_NUMBER, .help = "px between the title and the chart"},
    {"subtitleFontWeight", VLV_STRING | VLV_NUMBER, .help = "normal, bold, or 100-900"},
    {"subtitlePadding", VLV_NUMBER, .help = "px between the title and the subtitle"},
    {"frame", VLV_STRING, L("bounds", "group"),
     .help = "What anchor is along: bounds, the whole chart (default); group, the plot"},
    {"dx", VLV_NUMBER, .help = "px the title moves right"},
    {"dy", VLV_NUMBER, .help = "px the title moves down (the chart makes room)"},
    {"limit", VLV_NUMBER, .help = "Widest title in px (longer: cut with an ellipsis)"},
    {"orient", VLV_STRING, L("top", "bottom", "left", "right", "none"), .help = "top (huitu sets titles on top)"},
    {"font", VLV_STRING, .help = FONT_HELP},
    {"subtitleFont", VLV_STRING, .help = FONT_HELP},
    {"aria", 0, .help = "No effect on a static chart"},
};
#define TITLE_STYLE_KEYS 17 /* anchor ... aria */
#define TITLE_NOT_DRAWN                                                                                    \
  L("align", "baseline", "lineHeight", "fontStyle", "subtitleFontStyle", "subtitleLineHeight", "zindex", "style")
TABLE_STYLE(vl_title_table, "a title", "chart-title", title_keys, TITLE_NOT_DRAWN,
            "A title with a subtitle and its style");

static const vl_key facet_keys[] = {
    {"row", VLV_OBJECT, .sub = &vl_channel_table},
    {"column", VLV_OBJECT, .sub = &vl_channel_table},
};
const vl_table vl_facet_table = {"a facet", "chart-facet", facet_keys, N(facet_keys), NULL, L("row", "column"),
                                 NULL, 0, 0, "Small multiples by row and/or column"};

static const vl_key repeat_keys[] = { /* row, column, layer: vl_spec.c's order */
    {"row", VLV_ARRAY, .item_types = VLV_SCALAR, .flags = VLF_NONEMPTY},
    {"column", VLV_ARRAY, .item_types = VLV_SCALAR, .flags = VLF_NONEMPTY},
    {"layer", VLV_ARRAY, .item_types = VLV_SCALAR, .flags = VLF_NONEMPTY},
};
TABLE(vl_repeat_table, "a repeat", "chart-repeat", repeat_keys, NULL, "Fields to repeat the view by");

/* ---- config ---- */

static const vl_key config_axis_keys[] = {
    {"gridColor", VLV_STRING | VLV_NULL, .flags = VLF_COLOR},
    AXIS_STYLE_KEYS,
};
/* config naming a property huitu does not draw is an error (a theme
 * silently half-applied is worse); title, values and orient belong to
 * one axis, not a theme. */
TABLE_STYLE(vl_config_axis_table, "an axis config", "chart-config-axis", config_axis_keys,
            L(AXIS_NOT_DRAWN, "title", "values", "orient", "disable"),
            "Default axis style (config.axis; axisX, axisY, axisBand, axisLeft, ... for some axes only)");

static const vl_key config_legend_keys[] = {
    {"orient", VLV_STRING,
     L("bottom", "top", "left", "right", "none", "top-left", "top-right", "bottom-left", "bottom-right")},
    {"labelFontSize", VLV_NUMBER},
    {"titleFontSize", VLV_NUMBER},
    {"labelColor", VLV_STRING | VLV_NULL, .flags = VLF_COLOR},
    {"titleColor", VLV_STRING | VLV_NULL, .flags = VLF_COLOR},
    {"columns", VLV_NUMBER},
    {"direction", VLV_STRING, L("vertical", "horizontal")},
    {"symbolType", VLV_STRING,
     L("circle", "square", "stroke", "triangle-up", "diamond", "triangle-down", "cross", "triangle")},
    {"symbolSize", VLV_NUMBER},
    {"symbolStrokeWidth", VLV_NUMBER},
    {"labelLimit", VLV_NUMBER},
    {"offset", VLV_NUMBER},
    {"gradientLength", VLV_NUMBER},
    {"labelOpacity", VLV_NUMBER, .max = 1},
    {"titleOpacity", VLV_NUMBER, .max = 1},
    {"labelFontWeight", VLV_STRING | VLV_NUMBER},
    {"titleFontWeight", VLV_STRING | VLV_NUMBER},
    {"titleOrient", VLV_STRING, L("left", "right", "top", "bottom")},
    {"labelFont", VLV_STRING, .help = FONT_HELP},
    {"titleFont", VLV_STRING, .help = FONT_HELP},
    {"aria", 0},
};
TABLE_STYLE(vl_config_legend_table, "config.legend", "chart-config-legend", config_legend_keys,
            L(LEGEND_NOT_DRAWN, "layout", "disable", "unselectedOpacity", "legendX", "legendY", "title", "format",
              "values", "type"),
            "Default legend style");

/* A mark's properties without its type: config.mark, config.bar, ... */
const vl_table vl_config_mark_table = {"a mark config", "chart-config-mark", mark_keys + 1, N(mark_keys) - 1,
                                       L("href", "cursor", "url", "shape3d", "type", MARK_NOT_DRAWN), NULL, NULL, 0, 0,
                                       "Default mark properties (config.mark for every mark, config.bar, ...)",
                                       NOT_DRAWN};

static const vl_table style_table = {"config.style", "chart-config-style", NULL, 0, NULL, NULL, NULL, 0, 1,
                                     "Named sets of mark properties, used by a mark's 'style'"};

#define VIEW_UNSUPPORTED                                                                                           \
  L("fillOpacity", "strokeOpacity", "strokeDash", "strokeDashOffset", "strokeCap", "strokeJoin", "strokeMiterLimit", \
    "opacity", "cornerRadius", "cursor", "style")
#define VIEW_BG {"stroke", VLV_STRING | VLV_NULL, .flags = VLF_COLOR, .help = "The plot's frame (null: none)"}, \
    {"strokeWidth", VLV_NUMBER, .min = 0}, \
    {"fill", VLV_STRING | VLV_NULL, .flags = VLF_COLOR, .help = "The plot's background"}
static const vl_key view_keys[] = {VIEW_BG};
TABLE_STYLE(vl_view_bg_table, "a view", "chart-view-background", view_keys, VIEW_UNSUPPORTED,
      "The plot area's background and frame");
static const vl_key config_view_keys[] = {
    VIEW_BG,
    {"continuousWidth", VLV_NUMBER, .min = 0, .flags = VLF_MIN_EXCLUSIVE},
    {"continuousHeight", VLV_NUMBER, .min = 0, .flags = VLF_MIN_EXCLUSIVE},
    {"discreteWidth", VLV_NUMBER | VLV_OBJECT, .sub = &vl_size_table},
    {"discreteHeight", VLV_NUMBER | VLV_OBJECT, .sub = &vl_size_table},
    {"step", VLV_NUMBER, .min = 0, .flags = VLF_MIN_EXCLUSIVE, .help = "px per category of a discrete axis"},
};
TABLE_STYLE(vl_config_view_table, "config.view", "chart-config-view", config_view_keys, VIEW_UNSUPPORTED,
      "Default plot size and background");

static const vl_key scheme_ref_keys[] = {{"scheme", VLV_STRING, .flags = VLF_REQUIRED}};
TABLE_STYLE(vl_scheme_ref_table, "a scheme", "chart-scheme-ref", scheme_ref_keys, L("count", "extent"),
            "A colour scheme by name");
static const vl_key config_range_keys[] = {
    {"category", VLV_ARRAY | VLV_OBJECT, .sub = &vl_scheme_ref_table, .item_types = VLV_STRING,
     .help = "Colours of nominal fields: a list, or {scheme: name}"},
    {"ramp", VLV_OBJECT, .sub = &vl_scheme_ref_table, .help = "Colours of quantitative fields: {scheme: name}"},
    {"heatmap", VLV_OBJECT, .sub = &vl_scheme_ref_table, .help = "Quantitative colours of rect and geoshape marks: {scheme: name}"},
};
TABLE_STYLE(vl_config_range_table, "config.range", "chart-config-range", config_range_keys,
      L("ordinal", "diverging", "symbol"), "Default colour ranges");

const vl_table vl_config_title_table = {"config.title", "chart-config-title", title_keys + 2, TITLE_STYLE_KEYS,
                                        TITLE_NOT_DRAWN, NULL, NULL, 0, 0, "Default title style", NOT_DRAWN};

/* config.scale.invalid (vl_invalid.c): per channel, what an invalid value
 * shows as; the channel then keeps its invalid rows whatever the mark's
 * invalid mode */
static const vl_key scale_invalid_value_keys[] = {
    {"value", VLV_STRING | VLV_NUMBER, .flags = VLF_REQUIRED,
     .help = "x, y: px from the plot's left or top; color, fill, stroke: a colour; size, opacity: a number"},
};
TABLE_STYLE(vl_scale_invalid_value_table, "an invalid value's output", "chart-scale-invalid-value",
            scale_invalid_value_keys, NULL, "The value an invalid value shows as");
#define INVALID_OUT(ch)                                                                                        \
  {ch, VLV_STRING | VLV_OBJECT, L("zero-or-min"), .sub = &vl_scale_invalid_value_table,                       \
   .help = "zero-or-min: as zero, or the domain's low end without zero; or {value}"}
static const vl_key config_scale_invalid_keys[] = {
    INVALID_OUT("x"),    INVALID_OUT("y"),    INVALID_OUT("color"),   INVALID_OUT("fill"),
    INVALID_OUT("stroke"), INVALID_OUT("size"), INVALID_OUT("opacity"),
};
#undef INVALID_OUT
TABLE_STYLE(vl_config_scale_invalid_table, "config.scale.invalid", "chart-config-scale-invalid",
            config_scale_invalid_keys,
            L("xOffset", "yOffset", "theta", "radius", "fillOpacity", "strokeOpacity", "strokeWidth", "strokeDash",
              "shape", "angle", "time"),
            "What invalid values (null, NaN) of a continuous scale show as, per channel");

static const vl_key config_scale_keys[] = {
    {"zero", VLV_BOOL,
     .help = "Default zero of continuous scales (not of non-ranged bars' and areas' x or y, nor of size)"},
    {"bandPaddingInner", VLV_NUMBER, .min = 0, .max = 1},
    {"bandPaddingOuter", VLV_NUMBER, .min = 0, .max = 1},
    {"barBandPaddingInner", VLV_NUMBER, .min = 0, .max = 1},
    {"rectBandPaddingInner", VLV_NUMBER, .min = 0, .max = 1},
    {"pointPadding", VLV_NUMBER, .min = 0, .max = 1},
    {"xReverse", VLV_BOOL, .help = "Reverse x scales (right to left)"},
    {"round", VLV_BOOL, .help = "Band and point scales: whole-px steps"},
    {"quantizeCount", VLV_NUMBER, .min = 2, .max = 64, .help = "Classes of a quantize scale's size or opacity ramp (4)"},
    {"quantileCount", VLV_NUMBER, .min = 2, .max = 64, .help = "Classes of a quantile scale's size or opacity ramp (4)"},
    {"invalid", VLV_OBJECT, .sub = &vl_config_scale_invalid_table,
     .help = "Per channel, what null and NaN show as; that channel keeps them whatever mark.invalid says"},
};
TABLE_STYLE(vl_config_scale_table, "config.scale", "chart-config-scale", config_scale_keys,
            L("bandWithNestedOffsetPaddingInner", "bandWithNestedOffsetPaddingOuter", "offsetBandPaddingInner",
              "offsetBandPaddingOuter", "clamp", "continuousPadding", "useUnaggregatedDomain", "maxBandSize",
              "minBandSize", "maxFontSize", "minFontSize", "maxOpacity", "minOpacity", "maxSize", "minSize",
              "maxStrokeWidth", "minStrokeWidth", "zeroBaseline"),
            "Default scale properties");

static const vl_key autosize_keys[] = {
    {"type", VLV_STRING, L("pad", "fit", "fit-x", "fit-y", "none"),
     .help = "pad: width/height size the plot, the chart grows around it; fit: the whole chart fits them"},
    {"contains", VLV_STRING, L("content", "padding"), .help = "padding: width/height include the padding"},
    {"resize", VLV_BOOL, .help = "No effect on a static chart"},
};
TABLE(vl_autosize_table, "autosize", "chart-autosize", autosize_keys, NULL, "How width and height size the chart");

static const vl_key padding_keys[] = {
    {"left", VLV_NUMBER, .min = 0, .max = 10000}, {"top", VLV_NUMBER, .min = 0, .max = 10000},
    {"right", VLV_NUMBER, .min = 0, .max = 10000}, {"bottom", VLV_NUMBER, .min = 0, .max = 10000},
};
TABLE(vl_padding_table, "padding", "chart-padding", padding_keys, NULL,
      "px around the chart per side (a side not given: 0)");

#define AXIS_CFG(name) {name, VLV_OBJECT, .sub = &vl_config_axis_table, .def = "config-axis"}
#define MARK_CFG(name) {name, VLV_OBJECT, .sub = &vl_config_mark_table, .def = "config-mark"}
#define AUTOSIZE_KEY(flags_)                                                                       \
  {"autosize", VLV_STRING | VLV_OBJECT, L("pad", "fit", "fit-x", "fit-y", "none"), .sub = &vl_autosize_table, \
   .flags = flags_, .def = "chart-autosize-value",                                                  \
   .help = "How width and height size the chart: pad (default), fit, fit-x, fit-y, or {type, contains}"}
/* vl_axis_cfg_names' order (general to specific). */
static const vl_key config_keys[] = {
    AXIS_CFG("axis"), AXIS_CFG("axisX"), AXIS_CFG("axisY"), AXIS_CFG("axisLeft"), AXIS_CFG("axisRight"),
    AXIS_CFG("axisTop"), AXIS_CFG("axisBottom"), AXIS_CFG("axisDiscrete"), AXIS_CFG("axisBand"),
    AXIS_CFG("axisPoint"), AXIS_CFG("axisQuantitative"), AXIS_CFG("axisTemporal"), AXIS_CFG("axisXDiscrete"),
    AXIS_CFG("axisXBand"), AXIS_CFG("axisXPoint"), AXIS_CFG("axisXQuantitative"), AXIS_CFG("axisXTemporal"),
    AXIS_CFG("axisYDiscrete"), AXIS_CFG("axisYBand"), AXIS_CFG("axisYPoint"), AXIS_CFG("axisYQuantitative"),
    AXIS_CFG("axisYTemporal"),
    {"legend", VLV_OBJECT, .sub = &vl_config_legend_table},
    MARK_CFG("mark"), MARK_CFG("bar"), MARK_CFG("line"), MARK_CFG("area"), MARK_CFG("point"), MARK_CFG("circle"),
    MARK_CFG("square"), MARK_CFG("rule"), MARK_CFG("tick"), MARK_CFG("rect"), MARK_CFG("text"), MARK_CFG("arc"), MARK_CFG("geoshape"),
    {"style", VLV_OBJECT, .sub = &style_table},
    {"boxplot", VLV_OBJECT, .sub = &vl_config_composite_table, .help = "Defaults for boxplot marks"},
    {"errorbar", VLV_OBJECT, .sub = &vl_config_composite_table, .help = "Defaults for errorbar marks"},
    {"errorband", VLV_OBJECT, .sub = &vl_config_composite_table, .help = "Defaults for errorband marks"},
    {"view", VLV_OBJECT, .sub = &vl_config_view_table},
    {"range", VLV_OBJECT, .sub = &vl_config_range_table},
    {"scale", VLV_OBJECT, .sub = &vl_config_scale_table},
    {"title", VLV_OBJECT, .sub = &vl_config_title_table},
    {"background", VLV_STRING | VLV_NULL, .flags = VLF_COLOR},
    {"padding", VLV_NUMBER | VLV_OBJECT, .sub = &vl_padding_table, .help = "Default padding"},
    AUTOSIZE_KEY(0),
    {"numberFormat", VLV_STRING, .help = "Default d3-format of numbers in guides and text marks"},
    {"timeFormat", VLV_STRING, .help = "Default d3-time-format of dates in guides and text marks"},
    {"countTitle", VLV_STRING, .help = "Title of a count (default \"Count of Records\"; 数量, 件数, 개수 in Chinese, Japanese, Korean)"},
    {"font", VLV_STRING, .help = "Font of every text of the chart (in a page: the theme's font): " FONT_HELP},
    {"header", VLV_OBJECT, .sub = &vl_config_header_table, .def = "config-header"},
    {"headerRow", VLV_OBJECT, .sub = &vl_config_header_table, .def = "config-header"},
    {"headerColumn", VLV_OBJECT, .sub = &vl_config_header_table, .def = "config-header"},
    {"headerFacet", VLV_OBJECT, .sub = &vl_config_header_table, .def = "config-header"},
    {"aria", 0},
};
const char *const vl_axis_cfg_names[VL_AXIS_CFG + 1] = {
    "axis", "axisX", "axisY", "axisLeft", "axisRight", "axisTop", "axisBottom", "axisDiscrete", "axisBand",
    "axisPoint", "axisQuantitative", "axisTemporal", "axisXDiscrete", "axisXBand", "axisXPoint",
    "axisXQuantitative", "axisXTemporal", "axisYDiscrete", "axisYBand", "axisYPoint", "axisYQuantitative",
    "axisYTemporal", NULL};
TABLE_STYLE(vl_config_table, "config", "chart-config", config_keys,
      L("selection", "projection", "trail", "image", "params",
        "lineBreak", "locale", "customFormatTypes", "normalizedNumberFormat", "normalizedNumberFormatType",
        "numberFormatType", "timeFormatType", "concat", "facet", "fieldTitle", "tooltipFormat", "signals", "events",
        "legendX"),
      "Default styles for the whole chart");

/* ---- resolve ---- */

#define RES(name) {name, VLV_STRING, L("shared", "independent")}
static const vl_key resolve_scale_keys[] = {
    RES("x"),    RES("y"),     RES("xOffset"), RES("yOffset"), RES("color"), RES("fill"),   RES("stroke"),
    RES("opacity"), RES("size"), RES("shape"),  RES("strokeDash"), RES("theta"), RES("radius"),
};
static const vl_key resolve_axis_keys[] = {RES("x"), RES("y")};
static const vl_key resolve_legend_keys[] = {RES("color"), RES("fill"),  RES("stroke"),    RES("opacity"),
                                             RES("size"),  RES("shape"), RES("strokeDash")};
#define RES_UNSUPPORTED L("fillOpacity", "strokeOpacity", "strokeWidth", "angle", "time")
TABLE(vl_resolve_scale_table, "resolve.scale", "chart-resolve-scale", resolve_scale_keys, RES_UNSUPPORTED,
      "Per channel: one scale for all the views (shared) or one each (independent)");
TABLE(vl_resolve_axis_table, "resolve.axis", "chart-resolve-axis", resolve_axis_keys, NULL,
      "Per position channel: one axis (shared) or one per view (independent)");
TABLE(vl_resolve_legend_table, "resolve.legend", "chart-resolve-legend", resolve_legend_keys, RES_UNSUPPORTED,
      "Per channel: one legend (shared) or one per view (independent)");
static const vl_key resolve_keys[] = {
    {"scale", VLV_OBJECT, .sub = &vl_resolve_scale_table},
    {"axis", VLV_OBJECT, .sub = &vl_resolve_axis_table},
    {"legend", VLV_OBJECT, .sub = &vl_resolve_legend_table},
};
TABLE(vl_resolve_table, "resolve", "chart-resolve", resolve_keys, NULL,
      "How a layer, concat, facet or repeat combines its views' scales, axes and legends");

/* ---- data ---- */

static const vl_key format_keys[] = {
    {"type", VLV_STRING, L("csv", "tsv", "dsv", "json", "topojson"),
     .help = "File format (from the extension when not given)"},
    {"parse", 0},
    {"property", 0},
    {"delimiter", 0},
    {"feature", VLV_STRING, .help = "TopoJSON: the object whose geometries are the rows"},
    {"mesh", VLV_STRING, .help = "TopoJSON: the object whose arcs, each once, are one row of lines"},
};
TABLE(vl_format_table, "format", "chart-data-format", format_keys, NULL, "How to read the data");

static const vl_key data_keys[] = {
    {"values", VLV_ARRAY | VLV_SCALAR, .help = "Inline rows (a list of mappings), or CSV/JSON text"},
    {"url", VLV_STRING, .help = "A local CSV, TSV or JSON file, relative to the spec"},
    {"format", VLV_OBJECT | VLV_NULL, .sub = &vl_format_table},
    {"name", VLV_STRING, .help = "A data set named in the top level's 'datasets'"},
    {"sequence", VLV_OBJECT, .help = "Generated rows {start, stop, step, as}"},
    {"graticule", VLV_BOOL | VLV_OBJECT, .help = "A map's grid lines: true or {step, stepMinor, stepMajor, extent, "
                                                  "extentMinor, extentMajor, precision} (d3's geoGraticule)"},
    {"sphere", VLV_BOOL, .help = "The outline of the globe (true)"},
};
const vl_table vl_data_table = {"data", "chart-data", data_keys, N(data_keys), NULL,
                                L("values", "url", "sequence", "name", "graticule", "sphere"),
                                NULL, 0, 0, "The rows to draw: inline values, a local file or a sequence"};

/* ---- transforms ---- */

#define KIND(var, name, hlp, ...)                                                                     \
  static const vl_key var##_keys[] = {{name, 0, .flags = VLF_REQUIRED, .help = hlp}, __VA_ARGS__};   \
  static const vl_table var = {"the " name " transform", "transform-" name, var##_keys, N(var##_keys), \
                               NULL, NULL, NULL, 0, 0, NULL}

KIND(tf_filter, "filter", "Keep the rows where an expression or a predicate holds", );
KIND(tf_calculate, "calculate", "An expression giving a new field (named by 'as')", {"as", VLV_STRING, .flags = VLF_REQUIRED});
KIND(tf_aggregate, "aggregate", "Summaries [{op, field, as}] per group", {"groupby", VLV_ARRAY});
KIND(tf_joinaggregate, "joinaggregate", "Summaries [{op, field, as}] added to every row of the group",
     {"groupby", VLV_ARRAY});
KIND(tf_window, "window", "Running or ranked values [{op, field, as}]", {"sort", 0}, {"groupby", VLV_ARRAY},
     {"frame", 0}, {"ignorePeers", 0});
KIND(tf_fold, "fold", "Fields to fold into key/value rows", {"as", 0});
KIND(tf_pivot, "pivot", "The field whose values become new fields", {"value", 0, .flags = VLF_REQUIRED},
     {"groupby", VLV_ARRAY}, {"limit", 0}, {"op", 0});
KIND(tf_bin, "bin", "Bin a field: true or {maxbins, step, ...}", {"field", 0, .flags = VLF_REQUIRED}, {"as", 0});
KIND(tf_timeunit, "timeUnit", "Discretize a date field", {"field", 0, .flags = VLF_REQUIRED},
     {"as", 0, .flags = VLF_REQUIRED});
KIND(tf_lookup, "lookup", "The field to join another data set on", {"from", 0, .flags = VLF_REQUIRED}, {"as", 0},
     {"default", 0});
KIND(tf_flatten, "flatten", "List fields to unnest: one row per element", {"as", VLV_ARRAY});
KIND(tf_stack, "stack", "The field to stack: [start, end) of each row within its group",
     {"groupby", VLV_ARRAY, .flags = VLF_REQUIRED}, {"offset", VLV_STRING, L("zero", "center", "normalize")},
     {"sort", 0}, {"as", 0});

/* impute: in a transform, and in an x or y channel (vl_impute_table) */
#define IMPUTE_METHOD {"method", VLV_STRING, L("value", "mean", "median", "max", "min"), \
    .help = "value: 'value' where a key has no row; else that op over the group's values in 'frame'"}
#define IMPUTE_KEYS                                                                                          \
  {"keyvals", VLV_ARRAY | VLV_OBJECT, .sub = &vl_impute_seq_table,                                            \
   .help = "Keys to fill in besides those in the data: a list, or {start, stop, step}"},                      \
      {"frame", VLV_ARRAY, .help = "[before, after] rows the method reads (null: unbounded; default [null, null])"}, \
      IMPUTE_METHOD, {"value", VLV_SCALAR | VLV_NULL, .help = "The value filled in (method: value)"}
static const vl_key impute_seq_keys[] = {
    {"start", VLV_NUMBER, .help = "First key (default 0)"},
    {"stop", VLV_NUMBER, .flags = VLF_REQUIRED, .help = "Keys stop before this"},
    {"step", VLV_NUMBER, .help = "Between keys (default 1)"},
};
TABLE(vl_impute_seq_table, "impute keyvals", "impute-sequence", impute_seq_keys, NULL,
      "A sequence of keys: start, start + step, ... below stop");
static const vl_key impute_keys[] = {IMPUTE_KEYS};
TABLE(vl_impute_table, "impute", "chart-impute", impute_keys, NULL,
      "Fill in the rows a line or area lacks: one per key of the other position channel and group");
KIND(tf_impute, "impute", "The field to fill in where a key has no row",
     {"key", VLV_STRING, .flags = VLF_REQUIRED, .help = "The field whose values every group should have"},
     {"groupby", VLV_ARRAY, .help = "Fields whose groups each get every key"}, IMPUTE_KEYS);

const vl_table *const vl_transform_kinds[VLT_LAST + 1] = {
    &tf_filter, &tf_calculate, &tf_aggregate, &tf_joinaggregate, &tf_window, &tf_fold, &tf_pivot,
    &tf_bin,    &tf_timeunit,  &tf_lookup,    &tf_flatten,       &tf_stack,  &tf_impute, NULL};
const vl_table vl_transform_table = {
    "a transform", "transform", NULL, 0,
    L("density", "extent", "loess", "quantile", "regression", "sample"),
    NULL, vl_transform_kinds, 0, 0,
    "One transform: filter, calculate, aggregate, joinaggregate, window, fold, pivot, bin, timeUnit, lookup, "
    "flatten, stack or impute"};

/* ---- projection ---- */

static const vl_key projection_keys[] = {
    {"type", VLV_STRING,
     L("mercator", "equirectangular", "albers", "albersUsa", "conicEqualArea", "conicConformal", "equalEarth",
       "naturalEarth1", "orthographic", "identity"),
     .help = "The projection (default mercator)"},
    {"center", VLV_ARRAY, .item_types = VLV_NUMBER, .help = "[longitude, latitude] at the translate point"},
    {"scale", VLV_NUMBER, .min = 0, .flags = VLF_MIN_EXCLUSIVE,
     .help = "px per radian (with translate: no fit to the view)"},
    {"translate", VLV_ARRAY, .item_types = VLV_NUMBER, .help = "[x, y] px of the center"},
    {"rotate", VLV_ARRAY, .item_types = VLV_NUMBER, .help = "[lambda, phi, gamma] degrees the globe turns"},
    {"parallels", VLV_ARRAY, .item_types = VLV_NUMBER, .help = "Conic projections: the two standard parallels"},
    {"reflectX", VLV_BOOL, .help = "Mirror x (identity)"},
    {"reflectY", VLV_BOOL, .help = "Mirror y (identity: data whose y grows upward)"},
};
TABLE(vl_projection_table, "a projection", "chart-projection", projection_keys,
      L("fit", "clipAngle", "precision", "clipExtent", "coefficient", "distance", "fraction", "lobes", "parallel", "radius", "ratio", "spacing",
        "tilt", "pointRadius", "extent", "size"),
      "A map projection: type, center, scale, translate, rotate, parallels");

/* ---- views ---- */

#define VIEWS(name) {#name, VLV_ARRAY, .items = &vl_view_table, .flags = VLF_NONEMPTY, .help = "Views to " #name}
static const vl_key spec_keys[] = {
    {"$schema", VLV_STRING, .flags = VLF_TOP, .help = "The Vega-Lite schema URL"},
    {"data", VLV_OBJECT | VLV_NULL, .sub = &vl_data_table},
    {"transform", VLV_ARRAY, .items = &vl_transform_table, .help = "Transforms applied to the data, in order"},
    {"mark", VLV_STRING | VLV_OBJECT, mark_any_names, .sub = &vl_mark_table, .alt = &vl_composite_mark_table,
     .def = "mark", .help = "The mark: a type name (bar, line, area, point, ..., boxplot, errorbar, errorband) or a "
                            "mark definition"},
    {"encoding", VLV_OBJECT, .sub = &vl_encoding_table},
    {"width", VLV_NUMBER | VLV_STRING | VLV_OBJECT, L("container"), .sub = &vl_size_table, .min = 0, .max = 20000,
     .flags = VLF_MIN_EXCLUSIVE, .def = "chart-size", .help = "Width or height in px, \"container\", or {step: px}"},
    {"height", VLV_NUMBER | VLV_STRING | VLV_OBJECT, L("container"), .sub = &vl_size_table, .min = 0,
     .max = 20000, .flags = VLF_MIN_EXCLUSIVE, .def = "chart-size",
     .help = "Width or height in px, \"container\", or {step: px}"},
    {"title", VLV_TITLE | VLV_OBJECT, .sub = &vl_title_table, .help = "The chart's title"},
    {"description", 0},
    {"background", VLV_STRING, .flags = VLF_TOP | VLF_COLOR},
    {"padding", VLV_NUMBER | VLV_OBJECT, .sub = &vl_padding_table, .flags = VLF_TOP,
     .help = "px around the chart: a number, or {left, top, right, bottom}"},
    AUTOSIZE_KEY(VLF_TOP),
    {"config", VLV_OBJECT, .sub = &vl_config_table, .flags = VLF_TOP},
    {"usermeta", 0},
    {"name", 0},
    {"datasets", VLV_OBJECT, .flags = VLF_TOP, .help = "Named inline rows, used by data: {name: ...}"},
    VIEWS(layer),
    VIEWS(hconcat),
    VIEWS(vconcat),
    VIEWS(concat),
    {"columns", VLV_NUMBER, .help = "Columns of a concat, facet or repeat grid"},
    {"params", VLV_ARRAY, .items = &vl_param_table,
     .help = "Variables and selections, drawn at their initial values ({expr: name} reads one)"},
    {"facet", VLV_OBJECT, .sub = &vl_facet_table, .alt = &vl_channel_table,
     .help = "Small multiples: {row, column} or one wrapped facet channel"},
    {"spec", VLV_OBJECT, .sub = &vl_view_table, .help = "The view a facet or repeat draws in each cell"},
    {"resolve", VLV_OBJECT, .sub = &vl_resolve_table},
    {"projection", VLV_OBJECT, .sub = &vl_projection_table, .help = "How a map's longitude and latitude reach the "
                                                                     "plane (geoshape, longitude/latitude)"},
    {"view", VLV_OBJECT, .sub = &vl_view_bg_table, .help = "The plot area's background and frame"},
    {"spacing", VLV_NUMBER | VLV_OBJECT, .sub = &vl_spacing_table,
     .help = "px between the views of a facet (default 20), concat or repeat (default 24): a number or {row, column}"},
    {"repeat", VLV_ARRAY | VLV_OBJECT, .sub = &vl_repeat_table, .item_types = VLV_SCALAR, .flags = VLF_NONEMPTY,
     .help = "Repeat the spec by a list of fields or {row, column, layer}"},
};
/* A view draws a mark or composes others. */
#define VIEW_KINDS L("mark", "layer", "hconcat", "vconcat", "concat", "facet", "repeat")
#define SPEC_UNSUPPORTED L("selection")
#define SPEC_NOT_DRAWN L("align", "bounds", "center")
const vl_table vl_spec_table = {"a Vega-Lite spec", "chart", spec_keys, N(spec_keys), SPEC_UNSUPPORTED, VIEW_KINDS,
                                NULL, 0, 0, "A chart in Vega-Lite's grammar, as far as huitu draws it", NULL,
                                SPEC_NOT_DRAWN};
const vl_table vl_view_table = {"a Vega-Lite spec", "chart-view", spec_keys, N(spec_keys), SPEC_UNSUPPORTED,
                                VIEW_KINDS, NULL, 1, 0, "A view inside a layer, concat, facet or repeat", NULL,
                                SPEC_NOT_DRAWN};

/* The parser indexes these by its enums. */
_Static_assert(N(vl_mark_names) == MK_LAST + 1, "vl_mark_names follows MK_*");
_Static_assert(N(encoding_keys) == CH_LAST + 4, "encoding_keys follows CH_*, then longitude ... latitude2");
_Static_assert(N(vl_agg_names) == AG_LAST + 2, "vl_agg_names follows AG_*, then average");
_Static_assert(N(vl_timeunit_names) == TU_LAST + 1, "vl_timeunit_names follows TU_*");
_Static_assert(N(vl_scale_types) == SCL_LAST + 1, "vl_scale_types follows SCL_*");
_Static_assert(N(title_keys) == TITLE_STYLE_KEYS + 2, "config.title: every title key but text and subtitle");

/* ---- lookups ---- */

const vl_key *vl_table_key(const vl_table *t, const char *name) {
  for (int i = 0; i < t->n; i++)
    if (!strcmp(t->keys[i].name, name)) return &t->keys[i];
  return NULL;
}

int vl_table_names(const vl_table *t, const char **out, int cap) {
  int n = 0;
  if (t->kinds) {
    for (int i = 0; t->kinds[i] && n + 1 < cap; i++) out[n++] = t->kinds[i]->keys[0].name;
  } else {
    for (int i = 0; i < t->n && n + 1 < cap; i++) out[n++] = t->keys[i].name;
  }
  out[n] = NULL;
  return n;
}

int vl_in_list(const char *name, const char *const *list) {
  for (int i = 0; list && list[i]; i++)
    if (!strcmp(list[i], name)) return 1;
  return 0;
}
