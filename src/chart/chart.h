/* Charts: the Vega-Lite grammar (static subset), rendered natively.
 *
 * Two stages, like the rest of the pipeline:
 *  - chart_build() runs when the document model is built: it parses and
 *    validates the Vega-Lite spec, loads data and applies transforms, so
 *    `huitu check` reports every problem with file:line:col.  Unsupported
 *    Vega-Lite features are located errors ("'params' is not supported").
 *  - chart_size()/chart_emit() run at layout: they measure text through
 *    the text engine in a chart_stage and emit scene items.  They never
 *    draw, and never call up into layout/: the stage is data.  Nor do
 *    they write the chart or allocate in its arena (scales, default
 *    titles, per-plot choices live in the stage's arena and memo), so
 *    two layouts of one chart may run on two threads at once
 *    (test_chart_immutable, test_chart_threads under TSan).
 * A chart lives in the document's arena. */
#ifndef HUITU_CHART_CHART_H
#define HUITU_CHART_CHART_H
#include "base/diag.h"
#include "chart/chart_theme.h"
#include "scene/scene.h"
#include "spec/node.h"
#include "text/text.h"

typedef struct chart chart;

/* What one layout of a chart remembers between its chart_size, chart_emit
 * and chart_mark_at calls: the fonts the spec names looked up against the
 * stage's text engine, and chart_size's last answer.  Owned by the caller
 * (layout keeps one per chart per document layout, in the render arena),
 * so the chart is never written after chart_build: two layouts of one
 * chart, or two threads, each have their own. */
typedef struct chart_memo chart_memo;
/* A memo for c, in a (the render arena: freed with it). */
chart_memo *chart_memo_new(const chart *c, arena *a);

/* What the layout stage gives a chart to measure and emit with: the text
 * engine, where items and scratch go, and the page's text settings as data
 * (chart/ sits below layout/ and calls nothing up).  Borrowed for one
 * chart_size or chart_emit call. */
typedef struct chart_stage {
  text_engine *te;
  arena *a; /* the render arena: scene items and scratch */
  diag_list *d;
  scene *sc;
  const char *lang;  /* the document's: a chart without a lang of its own */
  double size_min;   /* the frame's legibility floor for text, px */
  double text_scale; /* < 1 when the page shrinks its text to fit */
  const char *font;  /* the theme's font as installed families (NULL: the lang's fonts) */
  int natural;       /* a standalone Vega-Lite page: the chart's natural size, its padding the page margin */
  struct chart_probe *probe; /* NULL; chart_mark_at's: where the probed datum's mark lands */
  chart_memo *memo; /* this layout's memo for the chart (NULL: the call makes one of its own) */
} chart_stage;

/* A datum to find among a chart's marks: rows whose fields equal these
 * values (as strings, or as numbers when both are numbers).  found and
 * x, y are the first matching mark's anchor: a bar's end (the top of an
 * upright bar) at its middle, a point's or a line vertex's centre. */
typedef struct chart_probe {
  int n;
  const char *const *fields, *const *values;
  int found;
  double x, y;
} chart_probe;

/* vl: the Vega-Lite mapping (a chart block's value, or a whole standalone
 * .vl.json file).  lang: the block's language (labels, number formats).
 * Returns NULL when errors were recorded. */
chart *chart_build(const spec_doc *doc, const spec_node *vl, const char *lang, diag_list *d);

/* huitu's infographic options on a chart block (not Vega-Lite's): what
 * a newspaper graphics desk does to a default chart to tell its story. */
typedef struct chart_story {
  /* one category (a bar's, on the discrete axis) or series (a colour
   * field's value) in the accent, every other mark in a muted tint; NULL: none */
  const char *highlight;
  /* a line chart of 2 to 4 colour-field series: each series' name at its
   * line's end, pushed apart so none overlap, instead of a legend */
  int direct_labels;
  /* the unit ("元/月"), as 单位：元/月 on the legend's line, set at the top
   * (■2012 ■2019 单位：元/月), in place of the y axis title; NULL: none */
  const char *unit;
} chart_story;

/* Set the story options (model stage, after chart_apply_theme, whose
 * accent the highlight takes).  s is copied.  Returns 0 when a highlight
 * is given that no row holds in its field (the caller's error). */
int chart_set_story(chart *c, const chart_story *s);

/* Lay the page's theme under the chart's own config (model stage, once,
 * right after chart_build; the chart is not changed after).  t is copied. */
void chart_apply_theme(chart *c, const chart_theme *t);

/* The size the chart wants inside a box avail_w wide: fixed widths
 * ("width": 400) and steps ({"step": 24}) are honoured, "container" and
 * unset widths fill avail_w (avail_w <= 0: use the chart's natural width).
 * Heights likewise (avail_h <= 0: natural). Sizes include axes, legends
 * and the chart's own title. */
void chart_size(chart *c, const chart_stage *st, double avail_w, double avail_h, double *w, double *h);
/* Emit the chart into the box (x, y, w, h). */
void chart_emit(chart *c, const chart_stage *st, double x, double y, double w, double h);

/* Where the mark of p's datum lands when the chart is emitted into the
 * box (x, y, w, h) on st, as chart_emit would place it (the chart is
 * emitted once more into a scratch scene, reporting nothing).  Returns
 * p->found. */
int chart_mark_at(chart *c, const chart_stage *st, double x, double y, double w, double h, chart_probe *p);

/* What an alt text can say about a chart (layout/summary.c), read from
 * the resolved chart -- after transforms, aggregation and time units --
 * so it describes what is drawn, not what the spec's data says.  Filled
 * once by chart_build; the strings live as long as the chart. */
typedef struct chart_facts {
  const char *mark;               /* Vega-Lite's mark name of the first layer ("bar"); NULL: a concat */
  const char *title, *description; /* the top level's (NULL: not given) */
  /* One series along x (no colour, detail, shape or theta field, no x2/y2), not
   * faceted: its first and last points as drawn.  npoints 0: not one. */
  int npoints;
  const char *x_first, *x_last; /* as the axis names them (a time unit's "2012", a category) */
  int x_ordered;                /* temporal, ordinal or a time unit: first to last is a direction */
  const char *y_title;          /* as the axis titles it ("Sum of sales" for an aggregate) */
  double y_first, y_last;
  const char *y_first_text, *y_last_text; /* the numbers written shortest */
} chart_facts;
/* c's facts (NULL when c is NULL); owned by the chart. */
const chart_facts *chart_summary_facts(const chart *c);

/* Is this mapping a standalone Vega-Lite spec (has $schema with vega-lite,
 * or mark/layer/concat/facet/repeat at the top)? */
int chart_is_vega_lite(const spec_node *root);
/* Standalone specs: background and padding from the Vega-Lite spec. */
void chart_page_props(const chart *c, unsigned int *background_rgba, double *padding);
#endif
