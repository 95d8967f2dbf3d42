/* The Vega-Lite key tables (see vl_keys.h): what the chart validator
 * accepts, and so what `huitu schema` describes. */
#include "chart/vl_keys.h"

#include <string.h>

#include "chart/vl.h"

#define N(arr) ((int)(sizeof(arr) / sizeof((arr)[0])))
#define L(...) ((const char *const[]){__VA_ARGS__, NULL})

/* ---- names ---- */

const char *const vl_mark_names[] = {"bar",  "line", "area", "point", "circle", "square", "rule",
                                     "tick", "rect", "text", "arc",   NULL};
const char *const vl_mark_unsupported[] = {"geoshape", "boxplot", "errorbar", "errorband", "trail", "image", NULL};
/* AG_* order, then "average" (= mean). */
const char *const vl_agg_names[] = {"", "count", "sum", "mean", "median", "min", "max", "distinct", "valid",
                                    "average", NULL};
const char *const vl_timeunit_names[] = {"",          "year",          "quarter",   "month",     "yearmonth",
                                         "yearquarter", "date",        "day",       "hours",     "minutes",
                                         "yearmonthdate", "monthdate", "dayofyear", "seconds",   NULL};
const char *const vl_type_names[] = {"", "quantitative", "ordinal", "nominal", "temporal", NULL};
const char *const vl_scale_types[] = {"auto", "linear", "log",     "sqrt",     "pow",      "symlog",    "time", "utc",
                                      "band", "point",  "ordinal", "quantize", "quantile", "threshold", NULL};

#define TABLE(var, nm, df, keys, uns, hlp) const vl_table var = {nm, df, keys, N(keys), uns, NULL, NULL, 0, 0, hlp}

/* ---- scale, axis, legend ---- */

static const vl_key scale_keys[] = {
    {"type", VLV_STRING, vl_scale_types, .help = "Scale type"},
    {"domain", VLV_ARRAY | VLV_STRING, L("unaggregated"),
     .help = "Input values: a list ([min, max] or categories), or \"unaggregated\""},
    {"range", 0, .help = "Output values: a list of colours, sizes or pixels"},
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
    {"domainMid", VLV_NUMBER},
    {"round", 0},
    {"align", 0},
    {"domainMin", 0},
    {"domainMax", 0},
    {"rangeMin", 0},
    {"rangeMax", 0},
};
TABLE(vl_scale_table, "a scale", "chart-scale", scale_keys, L("interpolate", "bins", "domainRaw"),
      "How data values map to positions, colours or sizes (null: the field's values as they are)");

static const vl_key axis_keys[] = {
    {"title", VLV_TITLE, .help = "Axis title (null for none)"},
    {"format", VLV_STRING | VLV_NULL, .help = "d3-format (or d3-time-format) of the labels"},
    {"formatType", 0},
    {"labelAngle", VLV_NUMBER},
    {"labelLimit", VLV_NUMBER},
    {"tickCount", VLV_NUMBER},
    {"values", VLV_ARRAY, .help = "The tick values"},
    {"grid", VLV_BOOL},
    {"domain", VLV_BOOL},
    {"ticks", VLV_BOOL},
    {"labels", VLV_BOOL},
    {"orient", VLV_STRING, L("bottom", "top", "left", "right")},
    {"labelFontSize", VLV_NUMBER},
    {"titleFontSize", VLV_NUMBER},
    {"labelColor", VLV_STRING | VLV_NULL, .flags = VLF_COLOR},
    {"titleColor", VLV_STRING | VLV_NULL, .flags = VLF_COLOR},
    {"gridColor", VLV_STRING | VLV_NULL, .flags = VLF_COLOR},
    {"domainColor", VLV_STRING | VLV_NULL, .flags = VLF_COLOR},
    {"tickSize", VLV_NUMBER},
    {"labelPadding", VLV_NUMBER},
    {"labelOverlap", 0},
    {"labelFlush", 0},
    {"titlePadding", 0},
    {"offset", 0},
    {"zindex", 0},
    {"tickColor", 0},
    {"labelAlign", 0},
    {"labelBaseline", 0},
    {"titleAngle", 0},
    {"minExtent", 0},
    {"maxExtent", 0},
    {"gridDash", 0},
    {"tickMinStep", 0},
    {"titleFontWeight", 0},
    {"labelFont", 0},
    {"titleFont", 0},
    {"aria", 0},
    {"bandPosition", 0},
    {"labelSeparation", 0},
    {"domainWidth", 0},
    {"gridWidth", 0},
};
TABLE(vl_axis_table, "an axis", "chart-axis", axis_keys, NULL, "An axis (null hides it)");

static const vl_key legend_keys[] = {
    {"title", VLV_TITLE, .help = "Legend title (null for none)"},
    {"orient", VLV_STRING,
     L("bottom", "top", "left", "right", "none", "top-left", "top-right", "bottom-left", "bottom-right")},
    {"format", VLV_STRING | VLV_NULL},
    {"formatType", 0},
    {"columns", VLV_NUMBER},
    {"direction", VLV_STRING, L("vertical", "horizontal")},
    {"labelFontSize", 0},
    {"titleFontSize", 0},
    {"symbolType", 0},
    {"symbolSize", 0},
    {"labelLimit", 0},
    {"values", 0},
    {"type", 0},
    {"offset", 0},
    {"padding", 0},
    {"labelColor", 0},
    {"titleColor", 0},
    {"symbolStrokeWidth", 0},
    {"aria", 0},
    {"gradientLength", 0},
};
TABLE(vl_legend_table, "a legend", "chart-legend", legend_keys, NULL, "A legend (null hides it)");

/* ---- channel definitions ---- */

static const vl_key repeat_ref_keys[] = {
    {"repeat", VLV_STRING, L("row", "column", "layer", "repeat"), .flags = VLF_REQUIRED},
};
TABLE(vl_repeat_ref_table, "a repeat reference", "chart-repeat-ref", repeat_ref_keys, NULL,
      "The field the enclosing repeat is at");

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
    {"test", VLV_STRING, .flags = VLF_REQUIRED, .help = "An expression, like \"datum.b > 50\""},
    {"value", 0, .flags = VLF_REQUIRED, .help = "The value where the test holds"},
};
TABLE(vl_condition_table, "a condition", "chart-condition", condition_keys,
      L("param", "selection", "empty", "field", "type", "datum", "aggregate", "timeUnit", "bin", "scale", "legend",
        "title"),
      "A value where an expression holds (selections are not supported)");

static const vl_key timeunit_keys[] = {
    {"unit", VLV_STRING, vl_timeunit_names, .flags = VLF_REQUIRED | VLF_UTC},
};
const vl_table vl_timeunit_table = {"a time unit", "chart-timeunit", timeunit_keys, N(timeunit_keys), NULL, NULL,
                                    NULL, 0, 1, "A time unit with parameters"};

static const vl_key channel_keys[] = {
    {"field", VLV_SCALAR | VLV_OBJECT, .sub = &vl_repeat_ref_table, .help = "The data field"},
    {"type", VLV_STRING, vl_type_names, .help = "Measurement type"},
    {"value", 0, .help = "A constant value instead of a field"},
    {"datum", 0, .help = "A constant data value, scaled like the field's"},
    {"aggregate", VLV_STRING, vl_agg_names, .help = "Aggregate operation"},
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
    {"formatType", 0},
    {"bandPosition", VLV_NUMBER},
    {"header", 0},
    {"bin", VLV_BOOL | VLV_NULL | VLV_STRING | VLV_OBJECT, L("binned"), .sub = &vl_bin_table,
     .help = "Bin a quantitative field: true, \"binned\" or {maxbins, step, ...}"},
    {"columns", VLV_NUMBER},
    {"spacing", 0},
    {"align", 0},
    {"condition", VLV_OBJECT | VLV_ARRAY, .sub = &vl_condition_table, .items = &vl_condition_table},
};
TABLE(vl_channel_table, "a channel", "channel", channel_keys, L("impute", "band"),
      "An encoding channel: a field, value or datum with its type, scale, axis or legend");

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
};
TABLE(vl_encoding_table, "encoding", "encoding", encoding_keys,
      L("href", "url", "latitude", "longitude", "latitude2", "longitude2", "key", "description", "xError", "yError",
        "xError2", "yError2", "strokeWidth", "fillOpacity", "strokeOpacity", "angle"),
      "Encoding channels: which field drives x, y, color, size, ...");

/* ---- mark ---- */

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
    {"dx", VLV_NUMBER},
    {"dy", VLV_NUMBER},
    {"angle", VLV_NUMBER},
    {"filled", VLV_BOOL},
    {"interpolate", VLV_STRING,
     L("linear", "monotone", "step", "step-before", "step-after", "basis", "cardinal", "natural", "linear-closed",
       "bundle", "catmull-rom")},
    {"point", VLV_BOOL | VLV_OBJECT | VLV_STRING, L("transparent"), .help = "Points on a line or area"},
    {"line", VLV_BOOL | VLV_OBJECT, .help = "A line along an area"},
    {"orient", VLV_STRING, L("vertical", "horizontal")},
    {"align", VLV_STRING, L("left", "center", "right")},
    {"baseline", VLV_STRING, L("top", "middle", "bottom", "alphabetic", "line-top", "line-bottom")},
    {"fontWeight", 0},
    {"text", VLV_TITLE},
    {"shape", 0},
    {"strokeDash", VLV_ARRAY, .item_types = VLV_NUMBER},
    {"width", VLV_NUMBER | VLV_OBJECT, .help = "Bar width in px, or {band: fraction}"},
    {"height", VLV_NUMBER | VLV_OBJECT, .help = "Bar height in px, or {band: fraction}"},
    {"clip", VLV_BOOL},
    {"tooltip", 0},
    {"binSpacing", 0},
    {"strokeCap", 0},
    {"strokeJoin", 0},
    {"font", 0},
    {"limit", 0},
    {"tension", 0},
    {"invalid", 0},
    {"style", 0},
    {"aria", 0},
    {"description", 0},
    {"theta", VLV_NUMBER},
    {"cornerRadiusTopLeft", 0},
    {"cornerRadiusTopRight", 0},
    {"cornerRadiusBottomLeft", 0},
    {"cornerRadiusBottomRight", 0},
    {"fontStyle", 0},
    {"lineHeight", 0},
    {"radiusOffset", VLV_NUMBER},
    {"thetaOffset", 0},
    {"radius2", 0},
    {"theta2", 0},
};
TABLE(vl_mark_table, "a mark", "mark-def", mark_keys, L("href", "cursor", "url", "shape3d"),
      "A mark definition: its type and properties");

/* ---- view parts ---- */

static const vl_key size_keys[] = {
    {"step", VLV_NUMBER, .flags = VLF_REQUIRED, .help = "px per category"},
    {"for", 0},
};
TABLE(vl_size_table, "a size", "chart-step", size_keys, NULL, "A discrete size: px per category");

static const vl_key title_keys[] = {
    {"text", VLV_TITLE},  {"subtitle", VLV_TITLE}, {"anchor", 0}, {"fontSize", 0}, {"color", 0},
    {"subtitleColor", 0}, {"subtitleFontSize", 0}, {"orient", 0}, {"offset", 0},   {"fontWeight", 0},
    {"font", 0},          {"align", 0},            {"frame", 0},  {"dx", 0},       {"dy", 0},
    {"limit", 0},         {"subtitlePadding", 0},
};
TABLE(vl_title_table, "a title", "chart-title", title_keys, NULL, "A title with a subtitle and its style");

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

static const vl_key config_keys[] = {
    {"axis", 0},         {"axisX", 0},        {"axisY", 0},          {"axisBand", 0},
    {"axisQuantitative", 0}, {"axisTemporal", 0}, {"axisLeft", 0},   {"axisBottom", 0},
    {"axisDiscrete", 0}, {"legend", 0},       {"mark", 0},           {"bar", 0},
    {"line", 0},         {"area", 0},         {"point", 0},          {"circle", 0},
    {"square", 0},       {"rule", 0},         {"tick", 0},           {"rect", 0},
    {"text", 0},         {"arc", 0},          {"view", 0},           {"range", 0},
    {"font", 0},         {"background", VLV_STRING | VLV_NULL, .flags = VLF_COLOR},
    {"padding", 0},      {"title", 0},        {"style", 0},          {"numberFormat", 0},
    {"timeFormat", 0},   {"scale", 0},        {"header", 0},         {"locale", 0},
    {"autosize", 0},     {"customFormatTypes", 0}, {"countTitle", 0}, {"concat", 0},
    {"facet", 0},        {"headerRow", 0},    {"headerColumn", 0},   {"lineBreak", 0},
    {"aria", 0},         {"normalizedNumberFormat", 0},
};
TABLE(vl_config_table, "config", "chart-config", config_keys,
      L("selection", "projection", "geoshape", "boxplot", "errorbar", "errorband", "trail", "image", "params"),
      "Default styles for the whole chart");

/* ---- data ---- */

static const vl_key format_keys[] = {
    {"type", VLV_STRING, L("csv", "tsv", "dsv", "json"), .help = "File format (from the extension when not given)"},
    {"parse", 0},
    {"property", 0},
    {"delimiter", 0},
};
TABLE(vl_format_table, "format", "chart-data-format", format_keys, L("feature", "mesh"), "How to read the data");

static const vl_key data_keys[] = {
    {"values", VLV_ARRAY | VLV_SCALAR, .help = "Inline rows (a list of mappings), or CSV/JSON text"},
    {"url", VLV_STRING, .help = "A local CSV, TSV or JSON file, relative to the spec"},
    {"format", VLV_OBJECT | VLV_NULL, .sub = &vl_format_table},
    {"name", 0},
    {"sequence", VLV_OBJECT, .help = "Generated rows {start, stop, step, as}"},
};
const vl_table vl_data_table = {"data", "chart-data", data_keys, N(data_keys), NULL, L("values", "url", "sequence"),
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

const vl_table *const vl_transform_kinds[VLT_LAST + 1] = {
    &tf_filter, &tf_calculate, &tf_aggregate, &tf_joinaggregate, &tf_window,
    &tf_fold,   &tf_pivot,     &tf_bin,       &tf_timeunit,      &tf_lookup, NULL};
const vl_table vl_transform_table = {
    "a transform", "transform", NULL, 0,
    L("density", "extent", "flatten", "impute", "loess", "quantile", "regression", "sample", "stack"),
    NULL, vl_transform_kinds, 0, 0,
    "One transform: filter, calculate, aggregate, joinaggregate, window, fold, pivot, bin, timeUnit or lookup"};

/* ---- views ---- */

#define VIEWS(name) {#name, VLV_ARRAY, .items = &vl_view_table, .flags = VLF_NONEMPTY, .help = "Views to " #name}
static const vl_key spec_keys[] = {
    {"$schema", VLV_STRING, .flags = VLF_TOP, .help = "The Vega-Lite schema URL"},
    {"data", VLV_OBJECT | VLV_NULL, .sub = &vl_data_table},
    {"transform", VLV_ARRAY, .items = &vl_transform_table, .help = "Transforms applied to the data, in order"},
    {"mark", VLV_STRING | VLV_OBJECT, vl_mark_names, .sub = &vl_mark_table, .def = "mark",
     .help = "The mark: a type name (bar, line, area, point, ...) or a mark definition"},
    {"encoding", VLV_OBJECT, .sub = &vl_encoding_table},
    {"width", VLV_NUMBER | VLV_STRING | VLV_OBJECT, L("container"), .sub = &vl_size_table, .min = 0, .max = 20000,
     .flags = VLF_MIN_EXCLUSIVE, .def = "chart-size", .help = "Width or height in px, \"container\", or {step: px}"},
    {"height", VLV_NUMBER | VLV_STRING | VLV_OBJECT, L("container"), .sub = &vl_size_table, .min = 0,
     .max = 20000, .flags = VLF_MIN_EXCLUSIVE, .def = "chart-size",
     .help = "Width or height in px, \"container\", or {step: px}"},
    {"title", VLV_TITLE | VLV_OBJECT, .sub = &vl_title_table, .help = "The chart's title"},
    {"description", 0},
    {"background", VLV_STRING, .flags = VLF_TOP | VLF_COLOR},
    {"padding", VLV_NUMBER | VLV_OBJECT, .flags = VLF_TOP},
    {"autosize", VLV_STRING | VLV_OBJECT, .flags = VLF_TOP},
    {"config", VLV_OBJECT, .sub = &vl_config_table, .flags = VLF_TOP},
    {"usermeta", 0},
    {"name", 0},
    VIEWS(layer),
    VIEWS(hconcat),
    VIEWS(vconcat),
    VIEWS(concat),
    {"columns", VLV_NUMBER, .help = "Columns of a concat, facet or repeat grid"},
    {"facet", VLV_OBJECT, .sub = &vl_facet_table, .alt = &vl_channel_table,
     .help = "Small multiples: {row, column} or one wrapped facet channel"},
    {"spec", VLV_OBJECT, .sub = &vl_view_table, .help = "The view a facet or repeat draws in each cell"},
    {"resolve", 0},
    {"view", 0},
    {"spacing", 0},
    {"align", 0},
    {"bounds", 0},
    {"center", 0},
    {"repeat", VLV_ARRAY | VLV_OBJECT, .sub = &vl_repeat_table, .item_types = VLV_SCALAR, .flags = VLF_NONEMPTY,
     .help = "Repeat the spec by a list of fields or {row, column, layer}"},
};
/* A view draws a mark or composes others. */
#define VIEW_KINDS L("mark", "layer", "hconcat", "vconcat", "concat", "facet", "repeat")
#define SPEC_UNSUPPORTED L("params", "selection", "projection", "datasets")
const vl_table vl_spec_table = {"a Vega-Lite spec", "chart", spec_keys, N(spec_keys), SPEC_UNSUPPORTED, VIEW_KINDS,
                                NULL, 0, 0, "A chart in Vega-Lite's grammar, as far as huitu draws it"};
const vl_table vl_view_table = {"a Vega-Lite spec", "chart-view", spec_keys, N(spec_keys), SPEC_UNSUPPORTED,
                                VIEW_KINDS, NULL, 1, 0, "A view inside a layer, concat, facet or repeat"};

/* The parser indexes these by its enums. */
_Static_assert(N(vl_mark_names) == MK_LAST + 1, "vl_mark_names follows MK_*");
_Static_assert(N(encoding_keys) == CH_LAST, "encoding_keys follows CH_*");
_Static_assert(N(vl_agg_names) == AG_LAST + 2, "vl_agg_names follows AG_*, then average");
_Static_assert(N(vl_timeunit_names) == TU_LAST + 1, "vl_timeunit_names follows TU_*");
_Static_assert(N(vl_scale_types) == SCL_LAST + 1, "vl_scale_types follows SCL_*");

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
