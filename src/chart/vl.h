/* Internal model of a Vega-Lite spec (static subset), shared by the chart
 * files: vl_spec*.c (parse + validate), vl_encode.c (aggregate, timeUnit,
 * stack), vl_scale.c (scales, schemes), vl_axis.c (axes, legends),
 * vl_marks.c (marks) and chart.c (composition, sizing, emit). */
#ifndef HUITU_CHART_VL_H
#define HUITU_CHART_VL_H
#include <stddef.h>
#include <stdint.h>

#include "chart/chart.h"
#include "data/data.h"
#include "spec/keys.h"
#include "spec/node.h"
#include "spec/vl_names.h"

enum { STK_AUTO, STK_ZERO, STK_NORMALIZE, STK_CENTER, STK_NONE };
enum { SORT_DEFAULT, SORT_ASC, SORT_DESC, SORT_NONE, SORT_ARRAY, SORT_CHANNEL, SORT_FIELD };
enum { OR_AUTO = -1, OR_BOTTOM, OR_TOP, OR_LEFT, OR_RIGHT };
enum { INTERP_LINEAR, INTERP_MONOTONE, INTERP_STEP, INTERP_STEP_BEFORE, INTERP_STEP_AFTER, INTERP_BASIS, INTERP_CARDINAL };

#define UNSET_NUM NAN
#define NO_COLOR 0u /* alpha 0: unset */

/* A font a spec names (config.font, labelFont, titleFont, a text mark's
 * font, ...): a family or a CSS-like list "A, 'B C', serif", as written.
 * One per key of the spec, in the chart's arena (c->fonts[id]); guides and
 * marks point at it, NULL where no font is set.  At layout (vl_fonts_resolve)
 * it is looked up against the installed fonts once per chart_memo (see
 * vl_font_found). */
typedef struct vl_font {
  const char *value;
  const spec_node *node;
  int id; /* its index in c->fonts and in a memo's fonts */
} vl_font;

/* A font looked up by one layout: family is what text styles name ("": the
 * lang's fonts), or the value names nothing installed (a warning at its
 * node; drawn in the lang's fonts). */
typedef struct vl_font_found {
  int state; /* 0 not looked up yet, 1 installed, 2 none installed */
  char family[256];
} vl_font_found;

struct chart_memo {
  const chart *c;
  vl_font_found *fonts; /* c->nfonts of them */
  /* chart_size's last answer and what it depended on: a page lays a chart
   * out up to three times with the same inputs (page width, block measure,
   * block emit), each a full plot layout -- half of a warm SVG figure's
   * CPU.  valid: 0 until the first quiet call (see chart_size). */
  struct chart_size_memo {
    int valid;
    const void *te, *a, *d, *lang, *font;
    double size_min, text_scale, avail_w, avail_h, w, h;
    int natural;
  } size;
};

/* Merging "the properties src sets over dst" (config.axis* under an
 * axis, config.mark and styles under a mark): one row per property, its
 * offset and how "unset" reads -- NAN, a negative int, 0, alpha 0 or
 * NULL.  A new property is one row in its struct's table. */
typedef struct vl_field {
  unsigned short off;
  unsigned char kind; /* MRG_* */
  unsigned char read; /* RD_*: how vls_read_field reads key into the field (RD_NONE: by hand) */
  const char *key;    /* the spec key (NULL: merged only) */
} vl_field;
enum { MRG_NUM, MRG_INT, MRG_NZ, MRG_COLOR, MRG_PTR };
/* A number, an opacity (0..1), true/false, a colour, a font weight, a font. */
enum { RD_NONE, RD_NUM, RD_UNIT, RD_BOOL, RD_COLOR, RD_WEIGHT, RD_FONT };
#define MRG(type, field, kind) {(unsigned short)offsetof(type, field), kind, RD_NONE, NULL}
/* A property read from key straight into field (merged as what it holds):
 * parsing and merging a guide both come from its table, so a new property
 * is this row, its key table row (spec/vl_keys.c) and its use. */
#define RD_MRG(read) ((read) == RD_NUM || (read) == RD_UNIT ? MRG_NUM : (read) == RD_COLOR ? MRG_COLOR \
                      : (read) == RD_FONT ? MRG_PTR : MRG_INT)
#define PROP(type, key, field, read) {(unsigned short)offsetof(type, field), RD_MRG(read), read, key}
#define NFIELDS(t) ((int)(sizeof(t) / sizeof(t)[0]))
void vl_merge_set(void *dst, const void *src, const vl_field *f, int n);
/* Set every property of the table unset (the *_defaults functions). */
void vl_fields_unset(void *dst, const vl_field *f, int n);
/* The other way: fill dst's unset properties from src (dst's own win). */
void vl_merge_under(void *dst, const void *src, const vl_field *f, int n);

typedef struct vl_scale_spec {
  int type;
  const spec_node *domain, *range, *node;
  const spec_node *domain_union; /* domain: {unionWith: [...]}: added to the data's domain */
  const char *scheme;
  int zero, nice, reverse, clamp; /* -1 unset */
  double padding, padding_inner, padding_outer, exponent, base, constant, domain_mid;
  const spec_node *domain_min, *domain_max; /* one end of the domain (a number or a date) */
  double range_min, range_max;              /* one end of a size, opacity, ... range (NAN unset) */
  double align;                             /* band/point: where the outer padding goes, 0..1 (NAN: 0.5) */
  int round;                                /* band/point: whole-px steps (-1 unset) */
  int nice_count;                           /* nice: a number: d3's tick count for nice (0 unset: 10) */
} vl_scale_spec;

typedef struct vl_axis_spec {
  int hidden;
  spec_text title;
  int title_null;
  const char *format;
  int format_time;
  double label_angle, label_limit, label_font_size, title_font_size, tick_size, label_padding;
  int tick_count;
  const spec_node *values;
  int grid, domain, ticks, labels, orient; /* -1 unset */
  uint32_t label_color, title_color, grid_color, domain_color, tick_color;
  /* gridColor: {condition: [{test, value}], value}: per grid line, the
   * first test that holds for datum.value (the tick's value) wins */
  int ngrid_cond;
  const char **grid_cond_test;
  uint32_t *grid_cond_color;
  double tick_step; /* tickStep: ticks at multiples of it (0 unset) */
  double grid_dash[4];
  int ngrid_dash; /* -1 unset; 0: solid */
  /* px, degrees and 0..1 opacities (NAN unset): titlePadding, offset,
   * minExtent, maxExtent, tickMinStep, labelSeparation, domainWidth,
   * gridWidth, tickWidth, titleAngle, titleLimit, *Opacity */
  double title_padding, offset, min_extent, max_extent, tick_min_step, label_separation;
  double domain_width, grid_width, tick_width, title_angle, title_limit;
  double label_offset; /* labelOffset: px the labels move along the axis (NAN unset) */
  double label_opacity, title_opacity, grid_opacity, domain_opacity, tick_opacity;
  int label_weight, title_weight; /* 400 / 700; -1 unset */
  int label_overlap;              /* -1 unset; 0: labels may overlap (no thinning) */
  int title_anchor;               /* -1 unset; 0 start, 1 middle, 2 end (along the axis) */
  const vl_font *label_font, *title_font; /* NULL unset */
} vl_axis_spec;

typedef struct vl_legend_spec {
  int hidden, orient, columns;
  spec_text title;
  int title_null;
  const char *format;
  int format_time;
  int direction; /* 0 vertical, 1 horizontal, -1 auto */
  double label_font_size, title_font_size; /* NAN unset */
  uint32_t label_color, title_color;      /* NO_COLOR unset */
  /* symbolSize (area, px²), labelLimit, symbolStrokeWidth, gradientLength,
   * offset (px from the plot), label/title opacity: NAN unset */
  double symbol_size, label_limit, symbol_stroke_width, gradient_length, offset, label_opacity, title_opacity;
  int symbol_type;  /* LSYM_*; -1 unset */
  int type;         /* -1 unset, 0 symbol, 1 gradient */
  int title_orient; /* -1 unset, OR_LEFT or OR_TOP */
  int label_weight, title_weight; /* 400 / 700; -1 unset */
  const spec_node *values; /* the entries, in order (NULL: the scale's) */
  const vl_font *label_font, *title_font; /* NULL unset */
} vl_legend_spec;
/* Legend symbols (symbolType): circle, square, a stroke, and the shapes. */
enum { LSYM_CIRCLE, LSYM_SQUARE, LSYM_STROKE, LSYM_TRIANGLE_UP, LSYM_DIAMOND, LSYM_TRIANGLE_DOWN, LSYM_CROSS };

/* The axis properties an axis and config.axis* share, read and merged by
 * this table (vl_spec_guides.c); tickCount, format, gridDash and the
 * properties read with their own checks are merged by hand (vl_axis.c). */
extern const vl_field vl_axis_fields[];
extern const int vl_naxis_fields;

/* A facet channel's header: {title, labels, label..., title...}. */
typedef struct vl_header_spec {
  int hidden;       /* header: null */
  int labels;       /* -1 unset, 0 no labels */
  double label_angle, label_font_size, label_limit, label_padding, title_font_size, title_padding; /* NAN unset */
  uint32_t label_color, title_color;                                                              /* NO_COLOR unset */
  int label_weight, title_weight;                                                                 /* -1 unset */
  const vl_font *label_font, *title_font;                                                         /* NULL unset */
  int label_orient, title_orient; /* -1 unset, else OR_* (orient sets both): where the labels, the title lie */
  int label_align;                /* -1 unset, 0 left, 1 center, 2 right */
} vl_header_spec;

typedef struct vl_channel {
  int on;
  const spec_node *node;
  const char *field;     /* source field (NULL for value/datum) */
  const char *col_name;  /* the prepared table's column holding the (aggregated) value */
  int type, agg, timeunit, bin; /* bin: 1 binned here, 2 "binned" upstream */
  double agg_param;             /* {exponential: 0.5}: the 0.5 */
  const char *agg_arg;          /* {argmin: "price"}: the field picking the row */
  int tu_step, tu_binned;       /* timeUnit {step}; a "binned..." unit: the field holds the units' starts */
  const spec_node *bin_node;
  double bin_step;              /* after vl_prepare: the bin width (ticks at bin edges) */
  double bin_lo, bin_hi;
  int has_value, has_datum;
  cell value, datum;
  spec_text title;
  int title_null;
  int sort, sort_channel, sort_op;
  const char *sort_field;
  const spec_node *sort_list;
  int stack; /* STK_* */
  int scale_null;
  vl_scale_spec scale;
  vl_axis_spec axis;
  vl_legend_spec legend;
  const char *format;
  int format_time;
  double band_position;
  /* condition: [{test, value}], first matching test wins (static predicates only) */
  int ncond;
  const char **cond_test;
  cell *cond_value;
  const spec_node **cond_node;
  const char **order; /* explicit category order from sort (field/encoding/array), or NULL */
  int norder;
  vl_header_spec header; /* row, column, facet */
  double spacing;        /* row, column, facet: px between the cells (NAN unset) */
  int geo; /* 1: longitude, latitude, longitude2 or latitude2 (in the x, y, x2, y2 slots: placed by the
            * projection, no scale); 2: shape {type: geojson} (a geoshape's geometry field) */
} vl_channel;

typedef struct vl_mark {
  int type;
  const spec_node *node;
  uint32_t color, fill, stroke;
  double opacity, fill_opacity, stroke_opacity, stroke_width, size, corner_radius, corner_radius_end;
  double inner_radius, outer_radius, radius, pad_angle, thickness, font_size, dx, dy, angle, band_size;
  double theta_offset, radius_offset;
  int filled, interpolate, point, line, orient, align, baseline, font_weight, clip;
  const char *text, *shape;
  const spec_node *style; /* a style name or a list of them (config.style) */
  double dash[4];
  int ndash;
  /* {expr: "..."} for a text's align, baseline, dx, dy: evaluated per row
   * (datum.*), as Vega evaluates a mark property's expression per item */
  const char *xexpr[4];
  double off[4]; /* xOffset, x2Offset, yOffset, y2Offset: px added to those positions (NAN unset) */
  double bin_spacing, limit, line_height; /* binSpacing, a text's limit and lineHeight in px (NAN unset) */
  double tension;                         /* cardinal curves, 0 to 1 (NAN unset: 0) */
  double cont_band; /* continuousBandSize: a bar's px along a continuous dimension (NAN: VL_CONT_BAND) */
  double tu_band_pos, tu_band_size; /* timeUnitBandPosition, timeUnitBandSize (NAN unset) */
  int stroke_cap;                         /* -1 unset, 0 butt, 1 round */
  int invalid; /* INV_*; -1 unset: break-paths-show-path-domains, and a value a field cannot read is an error */
  const vl_font *font;                    /* a text mark's font (NULL unset) */
} vl_mark;
enum { MX_ALIGN, MX_BASELINE, MX_DX, MX_DY };
/* the columns a stack adds to u->data (and u->scale_data) */
#define VL_STACK_LO "__lo"
#define VL_STACK_HI "__hi"
/* mark.invalid, vl_mark_table's order: what null and NaN in a continuous
 * scale do (vl_invalid_rows) */
enum { INV_FILTER, INV_BREAK_FILTER_DOMAINS, INV_BREAK_SHOW_DOMAINS, INV_BREAK_SHOW_PATH_DOMAINS, INV_SHOW };

typedef struct vl_unit {
  vl_mark mark;
  vl_channel ch[CH_LAST];
  dtable *src;   /* input rows (after transforms) */
  dtable *data;  /* prepared: aggregated, time units applied, stacked */
  dtable *scale_data; /* the rows the scales show when they are not the marks' (vl_invalid_rows), or NULL */
  int stack_ch;  /* CH_X/CH_Y/CH_THETA when stacked, else -1 */
  int stack_mode;
  int c_lo, c_hi; /* stacked value columns (VL_STACK_LO, VL_STACK_HI) */
  int horizontal; /* bar/area/tick orientation */
  const spec_node *projection;       /* the view's projection (or an enclosing layer's), NULL: none */
} vl_unit;

enum { V_UNIT, V_LAYER, V_HCONCAT, V_VCONCAT, V_CONCAT, V_FACET };

/* A title's style (title: {anchor, fontSize, ...} or config.title); unset:
 * -1, NAN, NO_COLOR. */
typedef struct vl_title_style {
  int anchor; /* 0 start, 1 middle, 2 end */
  double size, subtitle_size, offset;
  uint32_t color, subtitle_color;
  int weight; /* 400, 700 */
  int subtitle_weight; /* 400, 700 */
  int frame;           /* 0 bounds (the whole view), 1 group (the plot) */
  double subtitle_padding, dx, dy, limit; /* px */
  const vl_font *font, *subtitle_font;    /* NULL unset */
} vl_title_style;

typedef struct vl_view vl_view;
struct vl_view {
  int kind;
  const spec_node *node;
  vl_unit *unit;       /* V_UNIT */
  vl_view **kids;      /* layer / concat children, facet: kids[0] */
  int nkids, columns;
  double width, height, width_step, height_step; /* NAN when unset */
  int width_step_offset, height_step_offset; /* {step, for: offset}: the step of xOffset/yOffset's bands */
  int width_container, height_container;
  spec_text title, subtitle;
  vl_title_style title_style;
  /* facet */
  vl_channel frow, fcol;
  dtable *fdata;
  /* resolve: RES_* per channel, as written (RES_DEFAULT: the composition's
   * default, see vl_resolve) */
  signed char res_scale[CH_LAST], res_axis[CH_LAST], res_legend[CH_LAST];
  /* view: {fill, stroke, strokeWidth}: the plot's background and frame */
  uint32_t view_fill, view_stroke;
  double view_stroke_width;
  int view_stroke_set;
  double spacing_row, spacing_col; /* spacing: px between rows, columns of a facet, concat, repeat (NAN unset) */
};

enum { RES_DEFAULT, RES_SHARED, RES_INDEPENDENT };
/* What v's resolve means for channel slot k, Vega-Lite's defaults filled
 * in (layer and facet share every scale but a facet's theta; concat and
 * repeat share all but x, y, theta and radius).  guide: 0 the scale,
 * 1 the axis or legend (independent whenever the scale is). */
int vl_resolve(const vl_view *v, int k, int guide);

enum { AS_PAD, AS_FIT, AS_FIT_X, AS_FIT_Y, AS_NONE };

/* config.scale.invalid: what an invalid value of a channel shows as
 * (vl_invalid.c) */
enum { INVO_UNSET, INVO_ZERO_OR_MIN, INVO_VALUE };
typedef struct vl_invalid_out {
  int kind;       /* INVO_* */
  double num;     /* INVO_VALUE of x, y (px), size, opacity */
  uint32_t color; /* INVO_VALUE of color, fill, stroke */
} vl_invalid_out;

typedef struct vl_config {
  double label_size, title_size, chart_title_size, legend_label_size;
  uint32_t ink, muted, grid, domain;
  uint32_t mark_color;
  double step, cont_w, cont_h; /* step NAN unset: vl_view_step */
  double step_y, disc_w, disc_h; /* config.view.discreteHeight {step}, discreteWidth/Height px; NAN unset */
  const spec_node *range_category;
  const char *range_scheme; /* config.range.category: {scheme: name} */
  const char *range_ramp, *range_heatmap; /* config.range.ramp / heatmap: {scheme: name} */
  vl_axis_spec axis_cfg[VL_AXIS_CFG];
  int axis_cfg_on[VL_AXIS_CFG];
  vl_legend_spec legend;
  vl_mark mark_cfg[MK_LAST + 1]; /* per mark type; [MK_LAST]: config.mark */
  const spec_node *styles;       /* config.style: name -> mark properties */
  const spec_node *composite[3]; /* config.boxplot, errorbar, errorband (vl_composite.c reads them) */
  uint32_t view_fill, view_stroke;
  double view_stroke_width;
  vl_title_style title; /* config.title */
  const char *number_format, *time_format, *count_title;
  const spec_node *padding, *autosize; /* config's defaults for the top level's */
  /* config.scale: -1 / NAN unset (vl_scales_build applies them) */
  int scale_zero, x_reverse, scale_round;
  double band_pi, band_po, bar_band_pi, rect_band_pi, point_pad;
  double quantize_count, quantile_count; /* config.scale (NAN unset: Vega-Lite's 4) */
  vl_invalid_out scale_invalid[CH_LAST]; /* config.scale.invalid, by channel */
  const vl_font *font; /* config.font: every text of the chart (NULL: the page's, else the lang's) */
  /* config.header, headerRow, headerColumn, headerFacet (VL_HEADER_*): a
   * facet channel's header lays the general one, then its own kind's,
   * under its own (vls_parse_channel, by vl_header_fields) */
  vl_header_spec header[4];
  /* From the page's theme (chart_apply_theme; standalone: unset): the
   * single-series colour under config.mark's (NO_COLOR: Vega's blue), and
   * print: categories in greys of distinct lightness (theme_range), ramps
   * in greys, bars outlined, a colour field's points filled and hollow in
   * turn. */
  uint32_t theme_color;
  int print;
  int page; /* laid out in a page (chart_apply_theme): huitu's band paddings and 36 px step, not Vega-Lite's */
  double guide_k; /* the page's label size over huitu's 13 px (0: 1): default label limits and legend symbols grow with it */
  const uint32_t *theme_range;
  int ntheme_range;
} vl_config;
enum { VL_HEADER_ALL, VL_HEADER_ROW, VL_HEADER_COLUMN, VL_HEADER_FACET };

/* One layout pass over a chart: the stage layout gave it (chart_stage; te,
 * a, d and sc copied for brevity) and the scope the view at hand is laid
 * out in.  A concat or facet hands its children a copy with its shared
 * scales in it, so the chart itself is never changed while laid out. */
typedef struct vl_ctx {
  text_engine *te;
  arena *a;
  diag_list *d;
  scene *sc;
  const chart_stage *stage;
  chart_memo *memo; /* the stage's, or one the call made: fonts found, the size memo */
  /* an enclosing concat's or facet's scales its children share (legends
   * drawn once by it), NULL outside one */
  const struct vl_scales *ext;
  /* ... and of those, the ones whose legend each child draws itself
   * (resolve.legend independent over a shared scale) */
  const int *ext_child_legend;
} vl_ctx;

struct chart {
  arena *a;
  const spec_doc *doc;
  const char *lang;
  vl_view *root;
  vl_config cfg;
  uint32_t background;
  double padding;  /* the page margin of a standalone chart: the smallest side of pad */
  double pad[4];   /* padding: left, top, right, bottom (0 when not given) */
  int has_padding; /* padding given (else a standalone chart's margin is 16) */
  int autosize, autosize_padding; /* AS_*; contains: padding */
  /* repeat context while parsing: values of {"repeat": "row"|"column"|"layer"|"repeat"} */
  const char *rep[4];
  /* the top-level spec's datasets: {name: [rows]}, read by data: {name} */
  const spec_node *datasets;
  /* the variable params, fixed at their values: names expressions may use
   * (vl_params.c; compile every expression of the spec with it) */
  expr_env env;
  /* every font the spec names (see vl_font), one per key */
  vl_font **fonts;
  int nfonts, capfonts;
  chart_facts facts; /* chart_facts.c, at the end of chart_build */
  chart_story story; /* huitu's own options on a chart block (vl_story.c) */
};

/* vl_spec*.c: vl_spec.c, vl_spec_config.c (config, autosize),
 * vl_spec_values.c (vl_check_keys) */
vl_view *vl_parse(chart *c, const spec_node *n, dtable *parent_data, const spec_node *parent_enc,
                  const spec_node *parent_mark, diag_list *d, int top);
void vl_parse_config(chart *c, const spec_node *cfg, diag_list *d);
/* autosize (n may be NULL: pad) -> c->autosize, c->autosize_padding */
void vl_parse_autosize(chart *c, const spec_node *n, diag_list *d);
struct vl_table;
/* Check a mapping's keys against a table (vl_keys.h); what: the mapping
 * in messages, NULL = the table's name.  Returns the number of bad keys. */
int vl_check_keys(chart *c, const spec_node *map, const char *what, const struct vl_table *t, diag_list *d);
const char *vl_base_dir(chart *c);

/* chart_facts.c: fill c->facts from the built chart */
void chart_facts_build(chart *c);

/* vl_encode.c */
void vl_prepare(chart *c, vl_unit *u, dtable *in, diag_list *d);
double vl_time_value(const cell *v); /* a temporal cell as ms, NAN when not a date */
int vl_is_cont(const vl_channel *ch);
int vl_agg_parse(const char *s);
/* vl_curves.c: a basis or cardinal curve through n points (d3's), the
 * path already at the first. */
void vl_curve_path(scene *sc, const double *x, const double *y, int n, int interp, double tension);
/* vl_agg_param.c: aggregates written {exponential: r}, {argmin: field}. */
int vl_agg_is_param_name(const char *s);
void vl_agg_object(chart *c, const spec_node *ag, vl_channel *ch, diag_list *d);
void vl_agg_check_arg(chart *c, const vl_channel *ch, const dtable *t, diag_list *d);
void vl_agg_param_values(chart *c, const vl_channel *ch, const dtable *t, int src, const int *grp, int ngroups,
                         cell *out);
int vl_timeunit_parse(const char *s, int *binned);

/* vl_timeunit.c: time units on an encoding, as vega-time reads them */
double vl_tu_floor(int tu, int step, double t);   /* t at its unit's start (step: of the smallest part) */
double vl_tu_end(int tu, int step, double start); /* the start of the next unit */
double vl_tu_min_step(int tu, int step);          /* ms of one unit from 2001 (an axis' least step), NAN: none */
int vl_tu_spans_unit(const vl_unit *u, int k);    /* u's marks on channel k reach over their time units */
/* the time [*lo, *hi] a mark over the unit starting at start spans (its
 * band position: timeUnitBandPosition 0 centres it on the start) */
void vl_tu_span(const vl_unit *u, int k, double start, double *lo, double *hi);
/* A channel's title, or its default made from the field ("Sum of sales"),
 * in a: the render arena at layout, the chart's only in chart_build. */
const char *vl_channel_title(const chart *c, const vl_channel *ch, arena *a);
const char *vl_field_title(const chart *c, const vl_channel *ch, arena *a);

/* vl_invalid.c: Vega-Lite's invalid modes (null and NaN in continuous
 * scales).  vl_invalid_rows leaves out of u->data the rows the marks do
 * not show and sets u->scale_data where the scales show other rows; after
 * aggregation, before stacking.  vl_invalid_show: where a shown invalid
 * value goes in s (zero, or the domain's low end without zero), NAN when
 * the unit's mode does not show them. */
void vl_invalid_rows(chart *c, vl_unit *u);
/* the unit's mode, INV_*: the default and break-paths-show-path-domains
 * resolved for its mark (normalizeInvalidDataMode) */
int vl_invalid_mode(const vl_unit *u);
/* channel k's mode: INV_SHOW where config.scale.invalid names its scale's
 * channel, else the unit's */
int vl_invalid_ch_mode(const chart *c, const vl_unit *u, int k);
struct vscale;
double vl_invalid_show(const chart *c, const vl_unit *u, int k, const struct vscale *s);
/* A non-position channel k's invalid value where its mode shows it:
 * INVO_ZERO_OR_MIN with *num the domain value to map (zero, or the
 * domain's low end), INVO_VALUE with *out the configured output;
 * INVO_UNSET when it is not shown. */
int vl_invalid_output(const chart *c, const vl_unit *u, int k, const struct vscale *s, double *num,
                      const vl_invalid_out **out);
/* config.scale.invalid */
void vl_parse_scale_invalid(chart *c, const spec_node *n, diag_list *d);

/* vl_scale.c */
typedef struct vscale {
  int type, disc, is_color, ordinal_color, temporal, is_pct;
  double d0, d1;   /* continuous domain */
  const char **cats;
  int ncats;
  const struct strmap *cat_index; /* cats -> first index, for vl_scale_cat (NULL: scan) */
  double r0, r1;   /* range (px or size units) */
  double step, bandwidth, pad_inner, pad_outer, align;
  double exponent, base, constant;
  int reverse, nice, zero;
  uint32_t *colors;
  int ncolors;
  double *thresholds; /* quantize/quantile/threshold */
  int nthresh;
  const char *title;
  const vl_channel *ch;   /* the first channel that defined it (for axis/legend props) */
  int shape_scale, dash_scale;
  double pad_px;     /* continuous x/y: px kept free at each end (scale.padding; a bar's 5) */
  double raw0, raw1; /* the domain before scale.padding widened it (raw_set) */
  int raw_set;
  int round; /* band/point: whole-px steps (scale.round, config.scale.round) */
  double tick_k; /* px between ticks x this (GUIDE_K: a page's larger labels; 0: 1) */
  int nice_count; /* the tick count nice rounds the domain for (0: d3's 10) */
  double vl_step; /* a standalone spec's view step (vl_view_step): size ranges as Vega-Lite's; 0 in a page */
} vscale;

typedef struct vl_scales {
  vscale *s[CH_LAST];
} vl_scales;

void vl_scales_build(chart *c, vl_unit **units, int nunits, vl_scales *out, arena *a);
void vl_scale_set_range(vscale *s, double r0, double r1);
double vl_scale(const vscale *s, const cell *v);
double vl_scale_num(const vscale *s, double v);
uint32_t vl_scale_color(const vscale *s, const cell *v);
double vl_scale_key(const vscale *s, const char *key); /* band/point centre */
double vl_scale_t(const vscale *s, double v);          /* 0..1 along the domain */
uint32_t vl_scale_color_key(const vscale *s, const char *key, double num);
int vl_scale_cat(const vscale *s, const char *str);
int vl_scale_bin(const vscale *s, double num); /* quantize/quantile/threshold: 0..nthresh */
int vl_scheme(const char *name, const uint32_t **colors, int *n, int *sequential);
/* The i-th scheme's name (for suggestions), NULL past the last. */
const char *vl_scheme_name(int i);
const char *vl_cell_key(chart *c, const vl_channel *ch, const cell *v, arena *a);
/* ch->order: the keys of column kcol of t by an aggregate (op) of column vcol (-1: count), in a (the
 * chart's at build; at layout, on a copy of the channel, the stage's) */
void vl_order_by(chart *c, vl_channel *ch, dtable *t, int kcol, int vcol, int op, int desc, arena *a);
void vl_scale_ticks(chart *c, const vscale *s, const vl_axis_spec *ax, double len, double *ticks, int *nticks,
                    char (*labels)[64], arena *a);
int vl_scale_ticks_count(const vscale *s, double len, int horizontal);
/* Labels for n values, written the way every guide writes numbers (see
 * vl_scale.c): fmt (NULL: the defaults, 万/亿 with a Chinese lang). */
/* Which of every k-th of n time ticks to label: the phase whose ticks fall
 * on the coarsest boundaries (a day's before 12 PM), ties to 0. */
int vl_time_thin_phase(const double *vals, int n, int k);
/* The bounds of a discretizing scale (s->nthresh of them) as its legend
 * labels them, without a format: as Vega's thresholdFormat. */
void vl_format_thresholds(chart *c, const vscale *s, char (*labels)[64]);
void vl_format_values(chart *c, const char *fmt, int temporal, int pct, int log_scale, const char *pattern,
                      const double *vals, int n, char (*labels)[64]);

/* vl_axis.c */
typedef struct vl_axis_layout {
  int orient;
  const vscale *s;
  const vl_axis_spec *ax;
  const char *title;
  int nt;
  double *ticks;
  double *vals; /* the ticks' data values (continuous scales; NAN otherwise) */
  const text_box **labels;
  double angle;      /* degrees */
  int thin;          /* show every thin-th label */
  double extent;     /* px outside the plot (offset, ticks, labels, a title at the side) */
  double lab_extent; /* of which ticks and labels (minExtent/maxExtent applied) */
  const text_box *title_box;
  int title_vertical; /* a CJK title set as an upright column */
  int title_mode;     /* AXT_* */
  double title_rot;   /* a turned title that is not a column: -90 (reads up) or 90 */
  double title_top;   /* AXT_TOP: px above the plot it takes (clear of the top label) */
  int grid, domain, tick_marks;
} vl_axis_layout;
/* Where an axis title sits: level (along a horizontal axis; by a vertical
 * one's middle with titleAngle 0), turned (a vertical axis's default: a
 * CJK column, else rotated), or level above a vertical axis's top end (a
 * short Chinese unit title like 元/月, as Chinese reports and ECharts set
 * it). */
enum { AXT_LEVEL, AXT_TURNED, AXT_TOP };
/* An AXT_TOP y title over an x axis on top would collide: set it turned. */
void vl_axis_title_turn(chart *c, vl_ctx *lc, vl_axis_layout *al);
/* Mostly CJK text (set as an upright column when turned)? */
int vl_has_cjk(const char *s);
/* s for an upright CJK column: ASCII '/' (next to invisible turned) as ／.
 * In lc's arena (or s itself). */
const char *vl_vertical_text(vl_ctx *lc, const char *s);

void vl_axis_measure(chart *c, vl_ctx *lc, const vscale *s, const vl_channel *ch, int orient, double len,
                     vl_axis_layout *out);
void vl_axis_emit(chart *c, vl_ctx *lc, const vl_axis_layout *al, double px, double py, double pw, double ph,
                  const char *axname);
void vl_grid_emit(chart *c, vl_ctx *lc, const vl_axis_layout *al, double px, double py, double pw, double ph);

typedef struct vl_legend_layout {
  int kind;   /* 0 none, 1 symbol (also size, opacity, discretized colour), 2 gradient */
  int orient, slot;
  const vscale *s;
  const text_box *title;
  const text_box **labels;
  int n, columns;
  double w, h, row_h, sym; /* sym: the symbol column's width */
  int sym_shape; /* LSYM_* */
  double sym_stroke; /* the stroke width of outlined and stroke symbols (NAN: huitu's) */
  double grad_len;   /* a gradient's length in px */
  int title_left;    /* the title at the left of the entries (else above; horizontal legends: columns) */
  int vertical;      /* entries in columns (else flowing in rows), a ramp upright */
  double offset;     /* legend.offset (NAN unset) */
  int filled;
  int alt_filled; /* print: entries hollow and filled in turn, as the points are */
  int alt_dash;   /* print: entries dashed in turn, as the lines are */
  const vscale *shape_s, *dash_s;
  double *grad_ticks;
  int ngrad;
  int mark_type;
  uint32_t *ecol; /* per entry: colour, opacity, symbol size (px) */
  double *eop, *esz;
} vl_legend_layout;

#define VL_MAX_LEGENDS 8
#define VL_LEGEND_GAP 14.0
/* Vega-Lite's continuousBandSize: a bar's px along a continuous dimension
 * (a mark's or config.bar's continuousBandSize: vl_cont_band) */
#define VL_CONT_BAND 5.0
#define vl_cont_band(m) (isnan((m)->cont_band) ? VL_CONT_BAND : fmax(0, (m)->cont_band))
typedef struct vl_legends {
  vl_legend_layout lg[VL_MAX_LEGENDS];
  int n, orient;
  double w, h; /* stacked one under another */
  double offset; /* px between the plot and the legends (legend.offset; NAN: huitu's) */
  const text_box *unit; /* chart_story's unit after the entries of a top legend (vl_story.c) */
} vl_legends;

void vl_legend_measure(chart *c, vl_ctx *lc, vl_unit **units, int nunits, const vl_scales *sc, int slot,
                       double avail, vl_legend_layout *out);
void vl_legend_emit(chart *c, vl_ctx *lc, const vl_legend_layout *lg, double x, double y);
/* Legends for every non-positional scale of sc (skip[slot]: leave out), appended to L. */
void vl_legends_add(chart *c, vl_ctx *lc, vl_unit **units, int nunits, const vl_scales *sc, const int *skip,
                    double avail, vl_legends *L);
void vl_legends_emit(chart *c, vl_ctx *lc, const vl_legends *L, double x, double y);
/* px per category along a discrete x or y (config.view.step; chart.c) */
double vl_view_step(const chart *c);

/* vl_story.c: chart_story's highlight, direct labels and unit line */
/* The highlight's colour for a row of unit u (col: the unit's column of
 * each channel, -1 none): 1 and *out when a highlight applies to u. */
int vl_story_color(const chart *c, const vl_unit *u, const int *col, const cell *row, arena *a, uint32_t *out);
/* Do direct labels replace the legend of these units' colour scale?
 * Then the px the labels take right of the plot, else 0. */
double vl_story_label_room(chart *c, vl_ctx *lc, vl_unit **units, int n, const vscale *color);
/* Direct labels at the line ends (x, y absolute), pushed apart within the
 * plot's height [top, bottom]: n ends of one unit's series. */
typedef struct vl_line_end {
  const char *name;
  uint32_t color;
  double x, y;
} vl_line_end;
void vl_story_line_labels(chart *c, vl_ctx *lc, vl_line_end *ends, int n, double top, double bottom);
/* The unit after a top legend's entries: measured into L (its width
 * added), and emitted beside the first legend placed at (x, y). */
void vl_story_unit_measure(chart *c, vl_ctx *lc, vl_legends *L);
void vl_story_unit_emit(chart *c, vl_ctx *lc, const vl_legends *L, double x, double y);

/* vl_marks.c */
/* What the plot being emitted decides for one unit's marks: kept here,
 * not in the unit, because the chart is read-only at layout (two layouts
 * of it may run at once). */
typedef struct vl_mark_peers {
  const vl_unit *bar_peer;          /* a bar layer under a text layer (label contrast), or NULL */
  const vl_scales *peer_sc;         /* the bar layer's scales (NULL: the unit's own) */
  const struct geo_projection *geo; /* a map's projection fit to the plot (vl_geo_fit), or NULL */
} vl_mark_peers;
void vl_marks_emit(chart *c, vl_ctx *lc, vl_unit *u, const vl_scales *sc, const vl_mark_peers *peers, double px,
                   double py, double pw, double ph, const int *rowmask);

double vl_size_map(const vl_unit *u, const vscale *s, const char *key, double num);
/* Does a print page draw u's points hollow and filled by colour category
 * (the legend's symbols follow)? */
int vl_points_alternate(const chart *c, const vl_unit *u, const vscale *color);
/* Does a print page dash u's lines by colour category (the legend's
 * strokes follow)? */
int vl_lines_dashed(const chart *c, const vl_unit *u, const vscale *color);
double vl_opacity_map(const vscale *s, const char *key, double num);


/* vl_geo.c: maps (the projections are chart/projection.h) */
struct geo_projection;
/* Does u draw on a map (geoshape, or longitude/latitude)? */
int vl_geo_unit(const vl_unit *u);
/* Read a projection spec into p (sub: room for 3, albersUsa's parts);
 * *fit: neither scale nor translate given.  0, or -1 after a located
 * error in d. */
int vl_projection_parse(chart *c, const spec_node *spec, struct geo_projection *p, struct geo_projection *sub,
                        int *fit, diag_list *d);
/* The projection the map units of a plot share, fit to pw x ph as d3's
 * fitSize unless scale or translate is given (in lc's arena); NULL when
 * no unit is a map's. */
const struct geo_projection *vl_geo_fit(chart *c, vl_ctx *lc, vl_unit **units, int n, double pw, double ph);
/* Is a map row drawn: no continuous colour, fill, stroke or opacity field
 * of u without a value (Vega-Lite's invalid: filter, so a county without
 * a rate is left out, not drawn grey)? */
int vl_geo_row_valid(const vl_unit *u, const cell *row);
/* A row's longitude and latitude (second: longitude2/latitude2, each
 * falling back to the first); 0, or -1 when a value is missing. */
int vl_geo_lonlat(const vl_unit *u, const cell *row, int second, double *lon, double *lat);
/* One geometry cell (GeoJSON text) as a path of role at offset ox, oy,
 * plus a path of circles for its points.  filled: 1, 0, or -1 (areas
 * filled, lines stroked).  -1 when the text is not GeoJSON. */
int vl_geo_draw(scene *sc, const struct geo_projection *p, const char *json, double ox, double oy, sc_style st,
                int filled, const char *role, arena *a);

/* shared helpers */
/* A text style of the chart: font the most specific font set for this text
 * (a guide's labelFont after config.axis*'s...; NULL: none), else
 * config.font, else the page theme's font (layout_style). */
text_style vl_style(chart *c, vl_ctx *lc, double size, int bold, uint32_t color, const vl_font *font);
/* Look the spec's fonts up against the installed ones (once) and warn
 * about those missing (once per spec): chart_size and chart_emit call it
 * before laying anything out. */
void vl_fonts_resolve(chart *c, vl_ctx *lc);
const text_box *vl_text(chart *c, vl_ctx *lc, const char *s, const text_style *st, double width, int max_lines);
uint32_t vl_default_color(chart *c);
#define GUIDE_K(c) ((c)->cfg.guide_k > 0 ? (c)->cfg.guide_k : 1.0)
#endif
