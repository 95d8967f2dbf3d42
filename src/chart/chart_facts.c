/* What an alt text says about a chart (chart_summary_facts in chart.h),
 * read once from the resolved chart at the end of chart_build: the views
 * as parsed and the units' prepared tables (after transforms, aggregation
 * and time units), so layout/summary.c describes what is drawn, not what
 * the spec's data says. */
#include <math.h>
#include <string.h>

#include "chart/vl.h"
#include "spec/vl_keys.h"

/* The unit a chart's kind is named after: a unit's, a layer's first, a
 * facet's cell's.  A concat shows several charts: none. */
static const vl_unit *first_unit(const vl_view *v, int *faceted) {
  for (int depth = 0; v && depth < 16; depth++) {
    if (v->kind == V_UNIT) return v->unit;
    if (v->kind == V_FACET) *faceted = 1;
    else if (v->kind != V_LAYER) return NULL;
    v = v->nkids ? v->kids[0] : NULL;
  }
  return NULL;
}

/* Channels that split the marks into several series (or a pie's slices),
 * or make them ranges (a waterfall's bars from y to y2): then first-to-last
 * along x says nothing. */
static int several_series(const vl_unit *u) {
  static const int split[] = {CH_COLOR, CH_FILL, CH_STROKE, CH_DETAIL, CH_THETA, CH_SHAPE, CH_DASH, CH_X2, CH_Y2};
  for (size_t i = 0; i < sizeof split / sizeof *split; i++)
    if (u->ch[split[i]].on && (u->ch[split[i]].field || u->ch[split[i]].agg)) return 1;
  return 0;
}

/* The y axis's title as drawn: the axis's own, the channel's, else the
 * default ("Sum of b"); the field's name when titles are turned off. */
static const char *y_title(chart *c, const vl_channel *y) {
  if (y->axis.title.s) return y->axis.title.s;
  if (y->title.s) return y->title.s;
  const char *t = vl_field_title(c, y, c->a);
  return t ? t : y->field;
}

/* The first and last points along x: by time for a temporal x (the line
 * is drawn in time order), else in the prepared table's order. */
static void trend_rows(const vl_unit *u, int xc, int *r0, int *r1) {
  const dtable *t = u->data;
  *r0 = 0, *r1 = t->nrows - 1;
  const vl_channel *x = &u->ch[CH_X];
  if (x->type != TY_T && !x->timeunit) return;
  double lo = INFINITY, hi = -INFINITY;
  for (int r = 0; r < t->nrows; r++) {
    double v = vl_time_value(&dtable_row(t, r)[xc]);
    if (!isfinite(v)) continue;
    if (v < lo) lo = v, *r0 = r;
    if (v > hi) hi = v, *r1 = r;
  }
}

static void trend(chart *c, const vl_unit *u, chart_facts *f) {
  const vl_channel *x = &u->ch[CH_X], *y = &u->ch[CH_Y];
  if (!x->on || !y->on || !x->col_name || !y->col_name || several_series(u) || !u->data || u->data->nrows < 2) return;
  int xc = dtable_col(u->data, x->col_name), yc = dtable_col(u->data, y->col_name);
  if (xc < 0 || yc < 0) return;
  int r0, r1;
  trend_rows(u, xc, &r0, &r1);
  const cell *a = &dtable_row(u->data, r0)[xc], *b = &dtable_row(u->data, r1)[xc];
  const cell *ya = &dtable_row(u->data, r0)[yc], *yb = &dtable_row(u->data, r1)[yc];
  if (cell_is_null(a) || cell_is_null(b) || !isfinite(cell_number(ya)) || !isfinite(cell_number(yb))) return;
  f->npoints = u->data->nrows;
  f->x_first = vl_cell_key(c, x, a, c->a);
  f->x_last = vl_cell_key(c, x, b, c->a);
  f->x_ordered = x->type == TY_T || x->type == TY_O || x->timeunit;
  f->y_title = y_title(c, y);
  f->y_first = cell_number(ya);
  f->y_last = cell_number(yb);
  cell na = {.type = EXPR_NUM, .num = f->y_first}, nb = {.type = EXPR_NUM, .num = f->y_last};
  f->y_first_text = cell_string(&na, c->a);
  f->y_last_text = cell_string(&nb, c->a);
}

void chart_facts_build(chart *c) {
  chart_facts *f = &c->facts;
  memset(f, 0, sizeof *f);
  const vl_view *root = c->root;
  if (!root) return;
  f->title = root->title.s;
  const spec_node *desc = spec_map_get(root->node, "description");
  if (desc && desc->kind == SPEC_SCALAR && !spec_is_null(desc)) f->description = desc->str;
  int faceted = 0;
  const vl_unit *u = first_unit(root, &faceted);
  if (!u) return;
  if (u->mark.type >= 0 && u->mark.type < MK_LAST) f->mark = vl_mark_names[u->mark.type];
  if (!faceted) trend(c, u, f);
}

const chart_facts *chart_summary_facts(const chart *c) { return c ? &c->facts : NULL; }
