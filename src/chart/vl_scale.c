/* Scales: domains from the prepared data of every unit that shares them,
 * ranges from the plot size, colour schemes, and tick values with labels. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "data/numfmt.h"
#include "chart/ticks.h"
#include "data/timefmt.h"
#include "base/strmap.h"
#include "chart/vl.h"
#include "chart/vl_lang.h"

uint32_t vl_default_color(chart *c) {
  return (c->cfg.mark_color & 0xff) ? c->cfg.mark_color : (c->cfg.theme_color & 0xff) ? c->cfg.theme_color : 0x4c78a8ff;
}

static uint32_t lerp_color(const uint32_t *stops, int n, double t) {
  if (!(t >= 0)) t = 0;
  if (t > 1) t = 1;
  double p = t * (n - 1);
  int i = (int)floor(p);
  if (i >= n - 1) return stops[n - 1];
  double f = p - i;
  uint32_t a = stops[i], b = stops[i + 1], out = 0;
  for (int sh = 8; sh <= 24; sh += 8) {
    double ca = (a >> sh) & 0xff, cb = (b >> sh) & 0xff;
    out |= (uint32_t)lround(ca + (cb - ca) * f) << sh;
  }
  return out | 0xff;
}

/* ---- domain collection ---- */

typedef struct catv {
  const char *k;
  double num;
  int isnum, first, isnull;
} catv;

static int catv_cmp(const void *a, const void *b) {
  const catv *x = a, *y = b;
  if (x->isnull != y->isnull) return y->isnull - x->isnull; /* null first, as Vega's ascending sort has it */
  if (x->isnum && y->isnum) return (x->num > y->num) - (x->num < y->num);
  if (x->isnum != y->isnum) return y->isnum - x->isnum;
  return strcmp(x->k, y->k);
}
static int catv_first(const void *a, const void *b) { return ((const catv *)a)->first - ((const catv *)b)->first; }

typedef struct dom {
  double lo, hi;
  catv *cats;
  int n, cap;
  int any_bar, any_rect, stacked_pct, has_zero_mark, any_point_like;
  int any_band_mark; /* a tick or rule (Vega-Lite puts them in bands, as bars and rects) */
  int nested_offset; /* x (y) holds a discrete xOffset's (yOffset's) sub-scale: a band */
  const vl_channel *first;
  int nchan;
  int time_any;
  strmap seen; /* key -> its index in cats (first-seen order); a strcmp scan made 20,000 categories take 10 s */
  arena *a;    /* the layout's (scales are built per layout: never the chart's arena) */
} dom;

static void dom_add_cat(dom *d, const char *k, const cell *v, int tu) {
  if (!d->seen.a) strmap_init(&d->seen, d->a, 0);
  if (strmap_put(&d->seen, k, d->n) >= 0) return;
  if (d->n == d->cap) {
    int cap = d->cap ? d->cap * 2 : 16;
    d->cats = arena_grow(d->a, d->cats, (size_t)d->n, (size_t)cap, sizeof *d->cats);
    d->cap = cap;
  }
  int isnum = v->type == EXPR_NUM;
  double num = v->num;
  if (!isnum && tu) {
    num = vl_time_value(v);
    isnum = isfinite(num);
  }
  d->cats[d->n] = (catv){k, num, isnum, d->n, v->type == EXPR_NULL};
  d->n++;
}

static void dom_add_num(dom *d, double v) {
  if (!isfinite(v)) return;
  if (v < d->lo) d->lo = v;
  if (v > d->hi) d->hi = v;
}

/* Which scale slot a channel feeds. */
static int slot_of(int k) {
  switch (k) {
  case CH_X2: return CH_X;
  case CH_Y2: return CH_Y;
  case CH_THETA2: return CH_THETA;
  case CH_RADIUS2: return CH_RADIUS;
  default: return k;
  }
}

static void collect(chart *c, vl_unit *u, int k, dom *d) {
  vl_channel *ch = &u->ch[k];
  if (!ch->on) return;
  if (!d->first || (k == slot_of(k) && d->first != ch && slot_of(k) != k)) d->first = ch;
  d->nchan++;
  if (u->mark.type == MK_BAR) d->any_bar = 1;
  if (u->mark.type == MK_RECT) d->any_rect = 1;
  if (ch->type == TY_T) d->time_any = 1;
  if (ch->has_datum) {
    if (vl_is_cont(ch)) dom_add_num(d, ch->type == TY_T ? vl_time_value(&ch->datum) : cell_number(&ch->datum));
    else dom_add_cat(d, cell_string(&ch->datum, d->a), &ch->datum, 0);
    return;
  }
  if (!ch->col_name) return;
  /* the rows the scales show (vl_invalid_rows), stacked as the marks' rows are */
  dtable *t = u->scale_data ? u->scale_data : u->data;
  int col = dtable_col(t, ch->col_name);
  int stacked = u->stack_ch == k;
  int c_lo = stacked ? dtable_col(t, VL_STACK_LO) : -1, c_hi = stacked ? dtable_col(t, VL_STACK_HI) : -1;
  if (stacked && (c_lo < 0 || c_hi < 0)) return;
  if (stacked && u->stack_mode == STK_NORMALIZE) d->stacked_pct = 1;
  if (col < 0) return;
  int cont = vl_is_cont(ch);
  int spans = vl_tu_spans_unit(u, k); /* bars over whole time units: their ends are in the domain too */
  for (int r = 0; r < t->nrows; r++) {
    cell *row = dtable_row(t, r);
    if (stacked) {
      dom_add_num(d, row[c_lo].num);
      dom_add_num(d, row[c_hi].num);
    } else if (cont) {
      double lo, hi;
      if (spans) vl_tu_span(u, k, vl_time_value(&row[col]), &lo, &hi), dom_add_num(d, lo), dom_add_num(d, hi);
      else dom_add_num(d, ch->type == TY_T ? vl_time_value(&row[col]) : cell_number(&row[col]));
    } else { /* null is a category of its own (Vega-Lite: invalid only in continuous scales) */
      dom_add_cat(d, vl_cell_key(c, ch, &row[col], d->a), &row[col], ch->timeunit || ch->type == TY_T);
    }
  }
}

static int default_type(const dom *d, const vl_channel *ch, int slot) {
  if (ch->scale.type != SCL_AUTO) return ch->scale.type;
  int cont = vl_is_cont(ch);
  switch (slot) {
  case CH_X:
  case CH_Y:
    if (cont) return ch->type == TY_T ? SCL_TIME : SCL_LINEAR;
    return d->any_bar || d->any_rect || d->any_band_mark || d->nested_offset ? SCL_BAND : SCL_POINT;
  case CH_XOFF: /* quantitative: a px offset within the band; points (no band mark) at points */
  case CH_YOFF: return cont ? SCL_LINEAR : d->any_bar || d->any_rect || d->any_band_mark ? SCL_BAND : SCL_POINT;
  case CH_COLOR:
  case CH_FILL:
  case CH_STROKE:
  case CH_SHAPE:
  case CH_DASH:
    if (cont) return ch->type == TY_T ? SCL_TIME : SCL_LINEAR;
    return SCL_ORDINAL;
  case CH_RADIUS: return cont ? SCL_LINEAR : SCL_POINT; /* Vega-Lite: linear, as any quantitative channel */
  case CH_SIZE:
  case CH_OPACITY:
  case CH_THETA:
    return cont ? SCL_LINEAR : SCL_POINT;
  default: return cont ? SCL_LINEAR : SCL_ORDINAL;
  }
}

/* ramp: config.range.ramp's or heatmap's scheme for a continuous colour, or NULL */
static void set_colors(chart *c, vscale *s, const vl_channel *ch, int sequential_default, const char *ramp,
                       arena *a) {
  const spec_node *range = ch->scale.range;
  if (range && range->kind == SPEC_SEQ && range->n > 0) {
    s->colors = arena_alloc_array(a, (size_t)range->n, sizeof *s->colors);
    for (int i = 0; i < range->n; i++) {
      uint32_t col = 0x888888ff;
      if (range->items[i]->kind == SPEC_SCALAR) keys_parse_color(range->items[i]->str, &col);
      s->colors[s->ncolors++] = col;
    }
    return;
  }
  const uint32_t *cols = NULL;
  int n = 0, seq = 0;
  if (ch->scale.scheme) vl_scheme(ch->scale.scheme, &cols, &n, &seq);
  else if (sequential_default) vl_scheme(ramp && !s->disc ? ramp : c->cfg.print ? "greys" : "blues", &cols, &n, &seq);
  else if (c->cfg.range_category && c->cfg.range_category->kind == SPEC_SEQ) {
    const spec_node *rc = c->cfg.range_category;
    s->colors = arena_alloc_array(a, (size_t)rc->n + 1, sizeof *s->colors);
    for (int i = 0; i < rc->n; i++) {
      uint32_t col = 0x888888ff;
      if (rc->items[i]->kind == SPEC_SCALAR) keys_parse_color(rc->items[i]->str, &col);
      s->colors[s->ncolors++] = col;
    }
    if (s->ncolors) return;
  } else if (c->cfg.range_scheme) { /* config.range.category: {scheme} */
    vl_scheme(c->cfg.range_scheme, &cols, &n, &seq);
  } else if (c->cfg.ntheme_range) { /* the page theme's categories (print: greys) */
    s->colors = (uint32_t *)c->cfg.theme_range;
    s->ncolors = c->cfg.ntheme_range;
    return;
  } else {
    vl_scheme("tableau10", &cols, &n, &seq);
  }
  if (!cols) vl_scheme("tableau10", &cols, &n, &seq);
  if (seq && !s->disc) { /* continuous: interpolate the stops */
    s->colors = (uint32_t *)cols;
    s->ncolors = n;
    return;
  }
  if (seq) { /* ordinal with a sequential scheme: Vega's quantizeInterpolator samples at
              * (i + 1) / (k + 1), so neither end (the palest, the darkest) is drawn */
    int k = s->ncats > 0 ? s->ncats : 1;
    s->colors = arena_alloc_array(a, (size_t)k, sizeof *s->colors);
    for (int i = 0; i < k; i++) s->colors[i] = lerp_color(cols, n, (double)(i + 1) / (k + 1));
    s->ncolors = k;
    return;
  }
  s->colors = (uint32_t *)cols;
  s->ncolors = n;
}

/* scale.range {field: f} on a discrete colour scale: each category takes
 * the colour named in f on its rows.  Vega-Lite gives Vega f's distinct
 * values sorted by the domain field's min, which is the same pairing when
 * categories and colours map one to one (what its docs ask); a category
 * whose rows name no colour keeps the scheme's. */
static void colors_from_field(chart *c, vscale *s, const vl_channel *main, vl_unit **units, int nunits, int slot,
                              arena *a) {
  const spec_node *f = spec_map_get(main->scale.range, "field");
  uint32_t *cols = arena_alloc_array(a, (size_t)s->ncats + 1, sizeof *cols);
  char *set = arena_alloc_array(a, (size_t)s->ncats + 1, 1);
  for (int i = 0; i < s->ncats; i++) cols[i] = s->ncolors ? s->colors[i % s->ncolors] : 0x888888ff;
  for (int i = 0; i < nunits; i++) {
    const vl_channel *ch = &units[i]->ch[slot];
    const dtable *t = units[i]->data;
    int kc = ch->on && ch->col_name ? dtable_col(t, ch->col_name) : -1, fc = dtable_col(t, f->str);
    for (int r = 0; kc >= 0 && fc >= 0 && r < t->nrows; r++) {
      cell *row = dtable_row(t, r);
      int j = vl_scale_cat(s, vl_cell_key(c, ch, &row[kc], a));
      uint32_t col;
      if (j >= 0 && !set[j] && keys_parse_color(cell_string(&row[fc], a), &col) == 0) cols[j] = col, set[j] = 1;
    }
  }
  s->colors = cols;
  s->ncolors = s->ncats;
}

static int dbl_cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* quantize / quantile / threshold: the bin boundaries (like d3-scale). */
static void discretize(chart *c, vscale *s, const vl_channel *main, vl_unit **units, int nunits, int slot, arena *a) {
  const spec_node *dn = main->scale.domain, *rg = main->scale.range;
  /* classes: one per range value given; else a colour scheme gives Vega's
   * DEFAULT_COUNT (5) and a size or other ramp Vega-Lite's quantizeCount /
   * quantileCount (config.scale; 4: its size range is sequence(min, max) in
   * that many steps) */
  double ramp = s->type == SCL_QUANTILE ? c->cfg.quantile_count : c->cfg.quantize_count;
  int k = rg && rg->kind == SPEC_SEQ && rg->n >= 2 ? rg->n : s->is_color ? 5 : isnan(ramp) ? 4 : (int)ramp;
  if (s->type == SCL_THRESHOLD) {
    if (!dn || dn->kind != SPEC_SEQ || dn->n < 1) { /* no thresholds: the middle of the data */
      s->nthresh = 1;
      s->thresholds = arena_alloc_array(a, 1, sizeof(double));
      s->thresholds[0] = (s->d0 + s->d1) / 2;
      return;
    }
    s->nthresh = dn->n;
    s->thresholds = arena_alloc_array(a, (size_t)dn->n, sizeof(double));
    for (int i = 0; i < dn->n; i++) {
      cell v = cell_from_node(dn->items[i]);
      s->thresholds[i] = cell_number(&v);
    }
    s->d0 = s->thresholds[0];
    s->d1 = s->thresholds[dn->n - 1];
    return;
  }
  s->nthresh = k - 1;
  s->thresholds = arena_alloc_array(a, (size_t)k, sizeof(double));
  if (s->type == SCL_QUANTIZE) {
    for (int i = 1; i < k; i++) s->thresholds[i - 1] = s->d0 + (s->d1 - s->d0) * i / k;
    return;
  }
  /* quantile: R-7 quantiles of the data values */
  int nv = 0, cap = 0;
  double *vals = NULL;
  for (int i = 0; i < nunits; i++) {
    vl_unit *u = units[i];
    vl_channel *ch = &u->ch[slot];
    if (!ch->on || !ch->col_name) continue;
    const dtable *t = u->scale_data ? u->scale_data : u->data;
    int col = dtable_col(t, ch->col_name);
    if (col < 0) continue;
    if (nv + t->nrows > cap) {
      int nc = nv + t->nrows + 16;
      vals = arena_grow(a, vals, (size_t)cap, (size_t)nc, sizeof *vals);
      cap = nc;
    }
    for (int r = 0; r < t->nrows; r++) {
      double x = cell_number(&dtable_row(t, r)[col]);
      if (isfinite(x)) vals[nv++] = x;
    }
  }
  if (nv == 0) {
    for (int i = 1; i < k; i++) s->thresholds[i - 1] = s->d0 + (s->d1 - s->d0) * i / k;
    return;
  }
  if (nv > 1) qsort(vals, (size_t)nv, sizeof *vals, dbl_cmp);
  for (int i = 1; i < k; i++) {
    double h = (nv - 1) * (double)i / k;
    int lo = (int)floor(h);
    double f = h - lo;
    s->thresholds[i - 1] = lo + 1 < nv ? vals[lo] + (vals[lo + 1] - vals[lo]) * f : vals[nv - 1];
  }
}

/* A domain end or axis value as the scale reads it: a number, a date, or
 * Vega-Lite's DateTime object ({year, quarter, month, date, day, hours,
 * minutes, seconds, milliseconds}, month 1-12 or its name); the parts it
 * leaves out come from 2012-01-01 00:00, the date time units map onto. */
static double spec_value(const vscale *s, const spec_node *n) {
  if (!n || n->kind != SPEC_MAP) {
    cell v = cell_from_node(n);
    return s->temporal ? vl_time_value(&v) : cell_number(&v);
  }
  static const char *const parts[] = {"year", "quarter", "month", "date", "day", "hours", "minutes", "seconds",
                                      "milliseconds"};
  double v[9] = {2012, NAN, NAN, NAN, NAN, 0, 0, 0, 0};
  for (int i = 0; i < 9; i++) {
    const spec_node *p = spec_map_get(n, parts[i]);
    if (!p) continue;
    cell pc = cell_from_node(p);
    v[i] = cell_number(&pc);
    if (i == 2 && !isfinite(v[i]) && p->str) { /* "Jan", "january" */
      static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
      for (int m = 0; m < 12 && !isfinite(v[i]); m++)
        if (strlen(p->str) >= 3 && !strncasecmp(p->str, months + 3 * m, 3)) v[i] = m + 1;
    }
  }
  double month = isfinite(v[2]) ? v[2] : isfinite(v[1]) ? (v[1] - 1) * 3 + 1 : 1;
  double date = isfinite(v[3]) ? v[3] : isfinite(v[4]) ? 1 + v[4] : 1; /* January 2012 starts on a Sunday */
  if (!isfinite(v[0]) || !isfinite(month) || !isfinite(date) || !isfinite(v[5]) || !isfinite(v[6]) ||
      !isfinite(v[7]) || !isfinite(v[8]))
    return NAN; /* a part given as something else than a number */
  return timefmt_make((int)v[0], (int)month, (int)date, (int)v[5], (int)v[6], (int)v[7], (int)v[8]);
}

static vscale *build_one(chart *c, vl_unit **units, int nunits, int slot, arena *a) {
  dom d = {.lo = INFINITY, .hi = -INFINITY, .a = a};
  static const int members[][3] = {
      [CH_X] = {CH_X, CH_X2, -1}, [CH_Y] = {CH_Y, CH_Y2, -1}, [CH_THETA] = {CH_THETA, CH_THETA2, -1},
      [CH_RADIUS] = {CH_RADIUS, CH_RADIUS2, -1},
  };
  const vl_channel *main = NULL;
  for (int i = 0; i < nunits; i++) {
    vl_unit *u = units[i];
    if (u->ch[slot].on && !main && (u->ch[slot].field || u->ch[slot].has_datum || u->ch[slot].agg)) main = &u->ch[slot];
  }
  if (!main) {
    /* x2 alone (rule with x & x2 values) or nothing */
    for (int i = 0; i < nunits && !main; i++)
      if (members[slot][1] > 0 && units[i]->ch[members[slot][1]].on && units[i]->ch[members[slot][1]].field)
        main = &units[i]->ch[members[slot][1]];
    if (!main) return NULL;
  }
  if (main->scale_null || main->geo) return NULL; /* a map's positions and shapes: the projection's */
  for (int i = 0; i < nunits; i++) {
    if (members[slot][0] || slot == CH_X) {
      for (int m = 0; m < 2 && members[slot][m] >= 0; m++) {
        vl_channel *ch = &units[i]->ch[members[slot][m]];
        if (m == 1 && !ch->field) continue;
        if (ch->on && (ch->field || ch->has_datum || ch->agg) && (vl_is_cont(ch) == vl_is_cont(main) || m == 1))
          collect(c, units[i], members[slot][m], &d);
      }
    } else if (units[i]->ch[slot].on && (units[i]->ch[slot].field || units[i]->ch[slot].has_datum || units[i]->ch[slot].agg)) {
      collect(c, units[i], slot, &d);
    }
    if (units[i]->mark.type == MK_BAR) d.any_bar = 1;
    if (units[i]->mark.type == MK_RECT) d.any_rect = 1;
    if (units[i]->mark.type == MK_TICK || units[i]->mark.type == MK_RULE) d.any_band_mark = 1;
    if (units[i]->mark.type == MK_BAR || units[i]->mark.type == MK_AREA) d.has_zero_mark = 1;
    const vl_channel *oc = &units[i]->ch[slot == CH_X ? CH_XOFF : CH_YOFF];
    if ((slot == CH_X || slot == CH_Y) && oc->on && !vl_is_cont(oc)) d.nested_offset = 1;
  }
  vscale *s = arena_alloc(a, sizeof *s);
  s->ch = main;
  s->tick_k = GUIDE_K(c);
  s->vl_step = c->cfg.page ? 0 : vl_view_step(c);
  s->type = default_type(&d, main, slot);
  s->disc = s->type == SCL_BAND || s->type == SCL_POINT || s->type == SCL_ORDINAL;
  s->temporal = main->type == TY_T;
  s->is_color = slot == CH_COLOR || slot == CH_FILL || slot == CH_STROKE;
  s->shape_scale = slot == CH_SHAPE;
  s->dash_scale = slot == CH_DASH;
  s->reverse = main->scale.reverse == 1 || (main->scale.reverse < 0 && slot == CH_X && c->cfg.x_reverse == 1);
  s->exponent = isnan(main->scale.exponent) ? (s->type == SCL_SQRT ? 0.5 : 1) : main->scale.exponent;
  s->base = isnan(main->scale.base) ? 10 : main->scale.base;
  s->constant = isnan(main->scale.constant) ? 1 : main->scale.constant;
  s->is_pct = d.stacked_pct;
  s->title = vl_channel_title(c, main, a);
  s->align = !isnan(main->scale.align) ? main->scale.align : 0.5;
  s->round = main->scale.round >= 0 ? main->scale.round : c->cfg.scale_round == 1;
  const spec_node *un = main->scale.domain_union;
  for (int i = 0; un && i < un->n; i++) {
    cell v = cell_from_node(un->items[i]);
    if (s->disc) dom_add_cat(&d, cell_string(&v, a), &v, main->timeunit || main->type == TY_T);
    else dom_add_num(&d, spec_value(s, un->items[i]));
  }
  if (s->disc && un && d.n > 1) { /* Vega-Lite's domain is {fields: [unionWith, data]}: unsorted, */
    catv *o = arena_alloc_array(a, (size_t)d.n, sizeof *o); /* the given values come first */
    char *used = arena_alloc_array(a, (size_t)d.n, 1);
    int n = 0;
    for (int i = 0; i < un->n; i++) {
      cell v = cell_from_node(un->items[i]);
      int j = strmap_get(&d.seen, cell_string(&v, a)); /* cats are still in first-seen order: j is its place */
      if (j >= 0 && j < d.n && !used[j]) o[n++] = d.cats[j], used[j] = 1;
    }
    for (int j = 0; j < d.n; j++)
      if (!used[j]) o[n++] = d.cats[j];
    d.cats = o;
    d.cap = d.n;
  }
  if (s->disc) {
    const spec_node *dn = main->scale.domain;
    if (dn && dn->kind == SPEC_SEQ) {
      s->ncats = dn->n;
      s->cats = arena_alloc_array(a, (size_t)dn->n + 1, sizeof *s->cats);
      for (int i = 0; i < dn->n; i++) {
        cell v = cell_from_node(dn->items[i]);
        s->cats[i] = cell_string(&v, a);
      }
    } else {
      if (main->sort != SORT_NONE && d.n > 1) qsort(d.cats, (size_t)d.n, sizeof *d.cats, catv_cmp);
      if (main->sort == SORT_DESC)
        for (int i = 0; i < d.n / 2; i++) {
          catv t = d.cats[i];
          d.cats[i] = d.cats[d.n - 1 - i];
          d.cats[d.n - 1 - i] = t;
        }
      if (main->order) { /* listed first, the rest after in their order */
        catv *o = arena_alloc_array(a, (size_t)d.n + 1, sizeof *o);
        int *pos = arena_alloc_array(a, (size_t)d.n + 1, sizeof *pos); /* first-seen index -> place in cats */
        for (int j = 0; j < d.n; j++) pos[d.cats[j].first] = j;
        int n = 0;
        for (int i = 0; i < main->norder; i++) {
          int f = d.seen.a ? strmap_get(&d.seen, main->order[i]) : -1;
          int j = f >= 0 ? pos[f] : -1;
          if (j >= 0 && d.cats[j].first >= 0) {
            o[n++] = d.cats[j];
            d.cats[j].first = -1;
          }
        }
        if (main->sort == SORT_ARRAY && d.n > 1) qsort(d.cats, (size_t)d.n, sizeof *d.cats, catv_first);
        for (int j = 0; j < d.n; j++)
          if (d.cats[j].first >= 0) o[n++] = d.cats[j];
        d.cats = o;
        d.n = n;
      }
      s->ncats = d.n;
      s->cats = arena_alloc_array(a, (size_t)d.n + 1, sizeof *s->cats);
      for (int i = 0; i < d.n; i++) s->cats[i] = d.cats[i].k;
    }
    if (s->ncats > 8) { /* marks look every row's category up: keep that O(1) */
      strmap *ix = arena_alloc(a, sizeof *ix);
      strmap_init(ix, a, (size_t)s->ncats);
      for (int i = 0; i < s->ncats; i++)
        if (s->cats[i]) strmap_put(ix, s->cats[i], i); /* a repeated category keeps its first index */
      s->cat_index = ix;
    }
    double pi = main->scale.padding_inner, po = main->scale.padding_outer, p = main->scale.padding;
    if (s->type == SCL_BAND) {
      int off = slot == CH_XOFF || slot == CH_YOFF;
      /* config.scale: bar/rectBandPaddingInner, else bandPaddingInner */
      double cpi = d.any_bar ? c->cfg.bar_band_pi : d.any_rect ? c->cfg.rect_band_pi : NAN;
      if (isnan(cpi)) cpi = c->cfg.band_pi;
      if (!isnan(cpi) && !off && isnan(pi) && isnan(p)) pi = cpi;
      if (!isnan(c->cfg.band_po) && !off && isnan(po) && isnan(p)) po = c->cfg.band_po;
      /* a band holding a discrete offset's sub-bands: Vega-Lite's
       * bandWithNestedOffsetPaddingInner/Outer, 0.2 each */
      int nested = 0;
      for (int i = 0; i < nunits && (slot == CH_X || slot == CH_Y); i++) {
        const vl_channel *oc = &units[i]->ch[slot == CH_X ? CH_XOFF : CH_YOFF];
        nested |= oc->on && !vl_is_cont(oc);
      }
      /* A standalone spec takes Vega-Lite's config.scale: bandPaddingInner
       * 0.1, paddingOuter half the inner, offsetBandPadding* 0; in a page
       * huitu's wider gaps (0.25, 0.15, 0.06) */
      int page = c->cfg.page;
      int ticks_only = d.any_band_mark && !d.any_bar && !d.any_rect; /* Vega-Lite's tickBandPaddingInner 0.25 */
      double dpi = off ? (page ? 0.06 : 0) : nested ? 0.2 : d.any_rect && !d.any_bar ? 0 : page || ticks_only ? 0.25 : 0.1;
      s->pad_inner = !isnan(pi) ? pi : !isnan(p) ? p : dpi;
      double dpo = off ? 0 : nested ? 0.2 : page ? (dpi > 0 ? 0.15 : 0) : s->pad_inner / 2;
      s->pad_outer = !isnan(po) ? po : !isnan(p) ? p : dpo;
    } else {
      if (!isnan(c->cfg.point_pad) && isnan(po) && isnan(p)) po = c->cfg.point_pad;
      s->pad_outer = !isnan(po) ? po : !isnan(p) ? p : 0.5;
    }
  } else {
    const spec_node *dn = main->scale.domain;
    int custom = 0;
    if (dn && dn->kind == SPEC_SEQ && dn->n >= 2) {
      d.lo = spec_value(s, dn->items[0]);
      d.hi = spec_value(s, dn->items[dn->n - 1]);
      custom = s->type != SCL_THRESHOLD;
    }
    if (!isfinite(d.lo)) d.lo = 0, d.hi = 1;
    int quant = main->type == TY_Q && s->type != SCL_LOG && s->type != SCL_TIME && s->type != SCL_UTC;
    int discretizing = s->type == SCL_QUANTIZE || s->type == SCL_QUANTILE || s->type == SCL_THRESHOLD;
    /* zero as Vega-Lite's scale zero(): never over a given domain, bins or
     * a discretizing size; a size's other scales start at 0; on x and y a
     * bar's, area's or line's cross axis (x of a vertical one) does
     * not, a bar's or area's length without x2/y2 does, and anything else
     * follows config.scale.zero (default true).  Layers: any that wants it. */
    int zero = 0;
    if (main->scale.zero >= 0) {
      zero = main->scale.zero;
    } else if (quant && !custom && !main->bin) {
      if (slot == CH_SIZE) {
        zero = !discretizing;
      } else if (slot == CH_X || slot == CH_Y) {
        int cfg_zero = c->cfg.scale_zero >= 0 ? c->cfg.scale_zero : 1;
        for (int i = 0; i < nunits; i++) {
          const vl_unit *u = units[i];
          int mt = u->mark.type, second = slot == CH_X ? CH_X2 : CH_Y2;
          if (!u->ch[slot].on && !u->ch[second].on) continue;
          if ((mt == MK_BAR || mt == MK_AREA || mt == MK_LINE) &&
              (u->horizontal ? slot == CH_Y : slot == CH_X))
            continue;
          zero |= (mt == MK_BAR || mt == MK_AREA) && !u->ch[second].on ? 1 : cfg_zero;
        }
      }
    }
    if (slot == CH_THETA || slot == CH_RADIUS) zero = main->scale.zero != 0;
    if ((slot == CH_XOFF || slot == CH_YOFF) && quant && !custom) zero = main->scale.zero != 0; /* as Vega-Lite's */
    if (zero && quant) {
      if (d.lo > 0) d.lo = 0;
      if (d.hi < 0) d.hi = 0;
    }
    /* domainMin, domainMax: that end as given (not made nice) */
    const spec_node *ends[2] = {main->scale.domain_min, main->scale.domain_max};
    for (int e = 0; e < 2; e++) {
      if (!ends[e]) continue;
      double x = spec_value(s, ends[e]);
      if (!isfinite(x)) continue;
      *(e ? &d.hi : &d.lo) = x;
      custom = 1;
    }
    if (s->type == SCL_LOG && d.lo <= 0) d.lo = d.hi > 1 ? 1 : d.hi / 10;
    s->d0 = d.lo;
    s->d1 = d.hi;
    s->zero = zero;
    s->nice_count = main->scale.nice_count;
    s->nice = main->scale.nice >= 0 ? main->scale.nice : (!custom && !main->bin && (slot == CH_X || slot == CH_Y) && main->type == TY_Q && !d.stacked_pct);
    /* Vega-Lite's padding: scale.padding, else a bar's continuousBandSize
     * (5 px) along a continuous dimension that is not binned or a time unit */
    s->pad_px = main->scale.padding > 0 ? main->scale.padding : 0;
    for (int i = 0; i < nunits && isnan(main->scale.padding) && (slot == CH_X || slot == CH_Y); i++) {
      const vl_unit *u = units[i];
      const vl_channel *uc = &u->ch[slot];
      if (u->mark.type == MK_BAR && uc->on && !uc->bin && uc->timeunit == TU_NONE &&
          (u->horizontal ? slot == CH_Y : slot == CH_X))
        s->pad_px = fmax(s->pad_px, vl_cont_band(&u->mark)); /* config.scale.continuousPadding: the bar's width */
    }
    if (s->type == SCL_QUANTIZE || s->type == SCL_QUANTILE || s->type == SCL_THRESHOLD) {
      s->nice = 0;
      discretize(c, s, main, units, nunits, slot, a);
    }
  }
  if (s->is_color) {
    int seq = !s->disc || main->type == TY_O;
    int heat = 0; /* Vega-Lite's heatmap range: a rect's or geoshape's continuous colour */
    for (int i = 0; i < nunits; i++) heat |= units[i]->mark.type == MK_RECT || units[i]->mark.type == MK_GEOSHAPE;
    /* (Vega's own default heatmap is yellowgreenblue; huitu keeps blues, whose light end reads on white) */
    set_colors(c, s, main, seq, heat && c->cfg.range_heatmap ? c->cfg.range_heatmap : c->cfg.range_ramp, a);
    if (s->disc && main->scale.range && main->scale.range->kind == SPEC_MAP && s->ncats > 0)
      colors_from_field(c, s, main, units, nunits, slot, a);
    s->ordinal_color = s->disc;
    const spec_node *rg = main->scale.range;
    if (s->nthresh > 0 && !(rg && rg->kind == SPEC_SEQ && rg->n > 0)) { /* k colours sampled from the scheme */
      int k = s->nthresh + 1;
      uint32_t *cols = arena_alloc_array(a, (size_t)k, sizeof *cols);
      /* Vega's quantizeInterpolator: samples at (i + 1) / (k + 1), so the
       * scheme's ends (magma's black, its palest yellow) are left out */
      for (int i = 0; i < k; i++) cols[i] = lerp_color(s->colors, s->ncolors, (double)(i + 1) / (k + 1));
      s->colors = cols;
      s->ncolors = k;
    }
  }
  return s;
}

void vl_scales_build(chart *c, vl_unit **units, int nunits, vl_scales *out, arena *a) {
  memset(out, 0, sizeof *out);
  static const int slots[] = {CH_X, CH_Y, CH_XOFF, CH_YOFF, CH_COLOR, CH_FILL, CH_STROKE, CH_OPACITY, CH_SIZE,
                              CH_SHAPE, CH_DASH, CH_THETA, CH_RADIUS};
  for (size_t i = 0; i < sizeof slots / sizeof slots[0]; i++) out->s[slots[i]] = build_one(c, units, nunits, slots[i], a);
}

/* ---- mapping ---- */

static double fwd(const vscale *s, double v) {
  switch (s->type) {
  case SCL_LOG: return v > 0 ? log(v) / log(s->base) : NAN;
  case SCL_SQRT:
  case SCL_POW: return v < 0 ? -pow(-v, s->exponent) : pow(v, s->exponent);
  case SCL_SYMLOG: return (v < 0 ? -1 : 1) * log1p(fabs(v) / s->constant);
  default: return v;
  }
}

/* Vega's nice: d3's linear nice() with its default count of 10 (Vega-Lite
 * says nice: true, whatever the size) or the count nice gives, or out to
 * powers on a log scale. */
static void nice_domain(const vscale *s, double *lo, double *hi) {
  if (s->type == SCL_LOG) ticks_log_nice(lo, hi, s->base);
  else ticks_nice(lo, hi, s->nice_count > 0 ? s->nice_count : 10);
}

void vl_scale_set_range(vscale *s, double r0, double r1) {
  if (s->reverse) {
    double t = r0;
    r0 = r1;
    r1 = t;
  }
  s->r0 = r0;
  s->r1 = r1;
  double len = fabs(r1 - r0);
  if (s->disc) {
    int n = s->ncats;
    int rnd = s->round; /* whole px (d3's round); align places what is left */
    if (s->type == SCL_BAND) {
      double denom = n - s->pad_inner + 2 * s->pad_outer;
      s->step = denom > 0 ? len / denom : len;
      if (rnd) s->step = floor(s->step);
      s->bandwidth = s->step * (1 - s->pad_inner);
      if (rnd) s->bandwidth = round(s->bandwidth);
    } else {
      double denom = (n > 1 ? n - 1 : 0) + 2 * s->pad_outer;
      s->step = denom > 0 ? len / denom : len;
      if (rnd) s->step = floor(s->step);
      s->bandwidth = 0;
    }
  } else if (!s->is_color && (s->type == SCL_LINEAR || s->type == SCL_TIME || s->type == SCL_UTC) && s->pad_px > 0 &&
             len > 2 * s->pad_px && !(s->ch && s->ch->scale.domain)) {
    /* padding on a continuous scale: px kept free at both ends, by widening
     * the domain (from the data's, each time the range is set), then nice,
     * as Vega's padDomain */
    if (!s->raw_set) s->raw0 = s->d0, s->raw1 = s->d1, s->raw_set = 1;
    double k = s->pad_px / (len - 2 * s->pad_px), span = s->raw1 - s->raw0;
    double lo = s->raw0 - span * k, hi = s->raw1 + span * k;
    if (s->nice) nice_domain(s, &lo, &hi);
    s->d0 = lo;
    s->d1 = hi;
  } else if (s->nice && !s->is_color) {
    double lo = s->d0, hi = s->d1;
    if (!(s->ch && s->ch->scale.domain)) {
      nice_domain(s, &lo, &hi);
      s->d0 = lo;
      s->d1 = hi;
    }
  }
}

int vl_scale_cat(const vscale *s, const char *str) {
  if (s->cat_index) return strmap_get(s->cat_index, str);
  for (int i = 0; i < s->ncats; i++)
    if (!strcmp(s->cats[i], str)) return i;
  return -1;
}

double vl_scale_num(const vscale *s, double v) {
  double a = fwd(s, s->d0), b = fwd(s, s->d1), x = fwd(s, v);
  if (!isfinite(x)) return NAN;
  double t = b != a ? (x - a) / (b - a) : 0.5;
  if (s->ch && s->ch->scale.clamp == 1) t = t < 0 ? 0 : t > 1 ? 1 : t;
  return s->r0 + t * (s->r1 - s->r0);
}

/* Position of v: band/point start (discrete), mapped value (continuous). */
double vl_scale(const vscale *s, const cell *v) {
  if (s->disc) {
    if (cell_is_null(v)) return NAN;
    /* keys are computed by the channel that owns the scale */
    return NAN;
  }
  double x = s->temporal ? vl_time_value(v) : cell_number(v);
  if (cell_is_null(v)) return NAN;
  return vl_scale_num(s, x);
}

double vl_scale_key(const vscale *s, const char *key) {
  int i = vl_scale_cat(s, key);
  if (i < 0) return NAN;
  double dir = s->r1 >= s->r0 ? 1 : -1;
  /* the bands take step (n - paddingInner), the points step (n - 1); align
   * (0.5: even) shares the rest out before and after them, as d3 does */
  int n = s->ncats;
  double used = s->type == SCL_BAND ? s->step * (n - s->pad_inner) : s->step * (n > 1 ? n - 1 : 0);
  double start = (fabs(s->r1 - s->r0) - used) * s->align;
  if (s->round) start = round(start);
  return s->r0 + dir * (start + i * s->step + s->bandwidth / 2);
}

double vl_scale_t(const vscale *s, double v) {
  double a = fwd(s, s->d0), b = fwd(s, s->d1), x = fwd(s, v);
  double mid = s->ch ? s->ch->scale.domain_mid : NAN, t;
  if (!isnan(mid) && !s->disc) { /* domainMid: the middle of the range (a diverging scheme's centre) */
    double m = fwd(s, mid);
    t = x <= m ? (m != a ? 0.5 * (x - a) / (m - a) : 0.5) : (b != m ? 0.5 + 0.5 * (x - m) / (b - m) : 0.5);
  } else {
    t = b != a ? (x - a) / (b - a) : 0.5;
  }
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

uint32_t vl_scale_color_key(const vscale *s, const char *key, double num) {
  if (!s->ncolors) return 0x4c78a8ff;
  if (s->disc) {
    int i = vl_scale_cat(s, key);
    if (i < 0) return 0x9aa5b1ff;
    return s->colors[i % s->ncolors];
  }
  if (!isfinite(num)) return 0x9aa5b1ff;
  if (s->nthresh > 0) {
    int i = vl_scale_bin(s, num);
    return s->colors[i < s->ncolors ? i : s->ncolors - 1];
  }
  return lerp_color(s->colors, s->ncolors, vl_scale_t(s, num));
}

int vl_scale_bin(const vscale *s, double num) {
  int i = 0;
  while (i < s->nthresh && num >= s->thresholds[i]) i++;
  return i;
}

uint32_t vl_scale_color(const vscale *s, const cell *v) {
  (void)v;
  return s->ncolors ? s->colors[0] : 0x4c78a8ff;
}

/* ---- ticks ---- */

int vl_scale_ticks_count(const vscale *s, double len, int horizontal) {
  (void)horizontal;
  /* Vega-Lite's tickCount: ceil(size / 40), 40 px a tick (x tick_k where a
   * page sets larger labels); a log scale and the month, day, hours and
   * quarter time units leave it to Vega's default of 10 */
  int m = (int)ceil(len / (40 * (s->tick_k > 0 ? s->tick_k : 1)));
  int tu = s->ch ? s->ch->timeunit : TU_NONE;
  if (s->type == SCL_LOG || (s->temporal && (tu == TU_MONTH || tu == TU_DAY || tu == TU_HOURS || tu == TU_QUARTER)))
    m = 10;
  if (s->ch && s->ch->axis.tick_count > 0) m = s->ch->axis.tick_count;
  if (m < 1) m = 1;
  return m;
}

/* The least step between ticks a scale's labels allow: 1 for an integer
 * format ("d", as Vega-Lite's tickMinStep; also "b", ".0f", where 0.5 would
 * print as a second 0 or 1) and for counts (huitu's rule: a count axis reads
 * 0 1 2, never 0.5 of a record; Vega-Lite would draw 0.5).  0: none. */
static double labels_min_step(const vscale *s, const vl_axis_spec *ax) {
  if (s->ch && (s->ch->agg == AG_COUNT || s->ch->agg == AG_DISTINCT || s->ch->agg == AG_VALID)) return 1;
  const char *f = ax && ax->format ? ax->format : s->ch ? s->ch->format : NULL;
  numfmt nf;
  if (!f || s->is_pct || numfmt_parse(f, &nf, NULL, 0) != 0) return 0;
  int t = nf.type ? nf.type : '?';
  return strchr("dbocxX", t) || (nf.precision == 0 && strchr("fe", t)) ? 1 : 0;
}

/* Vega's tickCount with a minimum step: fewer ticks until d3's step is at
 * least min_step. */
static int count_for_min_step(double lo, double hi, int count, double min_step) {
  if (!(min_step > 0) || !(lo < hi)) return count;
  double most = floor((hi - lo) / min_step) + 1;
  if (most < count) count = most < 1 ? 1 : (int)most;
  while (count > 1 && ticks_step(lo, hi, count) < min_step) count--;
  return count;
}

void vl_scale_ticks(chart *c, const vscale *s, const vl_axis_spec *ax, double len, double *ticks, int *nticks,
                    char (*labels)[64], arena *a) {
  (void)a;
  int max = *nticks, n = 0;
  const char *pattern = NULL;
  int horizontal = fabs(s->r1 - s->r0) > 0 && s->r1 > s->r0;
  int want = vl_scale_ticks_count(s, len, horizontal);
  if (ax && ax->tick_count > 0) want = ax->tick_count; /* config.axis* too */
  if (ax && ax->values) {
    for (int i = 0; i < ax->values->n && n < max; i++) ticks[n++] = spec_value(s, ax->values->items[i]);
  } else if (ax && ax->tick_step > 0 && !s->temporal && s->type != SCL_LOG &&
             (s->d1 - s->d0) / ax->tick_step < max) { /* tickStep: every multiple of it in the domain */
    double lo = fmin(s->d0, s->d1), hi = fmax(s->d0, s->d1), st = ax->tick_step;
    for (double v = ceil(lo / st - 1e-9) * st; v <= hi + st * 1e-9 && n < max; v += st) ticks[n++] = v;
  } else if (s->ch && s->ch->bin == 1 && s->ch->bin_step > 0 && s->type == SCL_LINEAR) {
    /* binned: ticks on the bin edges (every k-th edge when bins are narrow) */
    double st = s->ch->bin_step;
    int nb = (int)lround((s->d1 - s->d0) / st);
    int every = 1;
    while (nb / every > want * 2) every++;
    for (int i = 0; i <= nb && n < max; i += every) ticks[n++] = s->d0 + i * st;
  } else if (s->type == SCL_TIME || s->type == SCL_UTC) {
    /* a year time unit ticks whole years: no more ticks than years (else
     * a few years' axis repeats each year's label) */
    double years = fabs(s->d1 - s->d0) / (365.25 * 86400e3);
    if (s->ch && s->ch->timeunit == TU_YEAR && want > years + 1) want = years < 1 ? 1 : (int)years + 1;
    /* Vega's tickCount with a least step (a time unit's span, Vega-Lite's
     * tickMinStep): no more ticks than whole steps fit in the domain */
    double ms = ax && !isnan(ax->tick_min_step) ? ax->tick_min_step
                : s->ch ? vl_tu_min_step(s->ch->timeunit, s->ch->tu_step) : NAN;
    double fit = floor(fabs(s->d1 - s->d0) / ms) + 1;
    if (ms > 0 && fit < want) want = fit < 1 ? 1 : (int)fit;
    n = timefmt_ticks(s->d0, s->d1, want, ticks, max, &pattern);
  } else if (s->type == SCL_LOG) {
    n = ticks_log(s->d0, s->d1, s->base, want, ticks, max);
  } else {
    /* d3's ticks over the (niced) domain, as Vega's axis draws them */
    double lo = fmin(s->d0, s->d1), hi = fmax(s->d0, s->d1);
    double ms = ax && !isnan(ax->tick_min_step) ? ax->tick_min_step : 0; /* tickMinStep */
    ms = fmax(ms, labels_min_step(s, ax));
    n = ticks_linear(lo, hi, count_for_min_step(lo, hi, want, ms), ticks, max, NULL);
  }
  *nticks = n;
  const char *fmt = ax && ax->format ? ax->format : s->ch ? s->ch->format : NULL;
  if (!fmt && s->temporal && s->ch && s->ch->timeunit > TU_NONE && s->ch->timeunit < TU_LAST &&
      *vl_timeunit_pattern[s->ch->timeunit][vl_lang(c)])
    fmt = vl_timeunit_pattern[s->ch->timeunit][vl_lang(c)]; /* a time unit's own format, as Vega-Lite's axis */
  vl_format_values(c, fmt, s->temporal, s->is_pct, s->type == SCL_LOG, pattern, ticks, n, labels);
}

/* One function writes the numbers of every guide (axis ticks, legend
 * entries, binned ranges), so they read alike: fmt when given (a time
 * format when temporal), else a percent for a normalized stack, else with
 * a CJK lang one shared unit (万/亿, 万/億, 만/억) once the values reach
 * 10^5, else just the decimals the step between values needs (thousands
 * grouped where the lang groups them: d3's ",f", so 1,000 and a year on a
 * quantitative axis 2,019, as Vega-Lite writes it; a year reads 2019 on a
 * time or discrete axis).  Negative numbers take d3's minus sign U+2212.  pattern: the time ticks'
 * natural pattern (NULL: a date), in the lang's words (vl_tick_pattern). */
void vl_format_values(chart *c, const char *fmt, int temporal, int pct, int log_scale, const char *pattern,
                      const double *vals, int n, char (*labels)[64]) {
  int lang = vl_lang(c);
  if (temporal) {
    (void)pattern; /* d3's multi-scale format reads each value by the boundary it is on, as Vega does */
    for (int i = 0; i < n; i++)
      timefmt_format(fmt ? fmt : vl_time_multi[lang][timefmt_level(vals[i])], vals[i], labels[i], 64);
    return;
  }
  numfmt f;
  if (!fmt && !pct) fmt = c->cfg.number_format; /* config.numberFormat */
  if (fmt) {
    numfmt_parse(fmt, &f, NULL, 0);
    /* A format without a precision takes it from the step between values,
     * as d3's scale.tickFormat does for Vega's guides: "%" on ticks
     * 0, 0.5, 1 reads 0%, 50%, 100% (not 50.000000%). */
    double step = 0, mx = 0;
    for (int i = 0; i < n; i++) {
      mx = fmax(mx, fabs(vals[i]));
      double g = i ? fabs(vals[i] - vals[i - 1]) : 0;
      if (g > 0 && (step == 0 || g < step)) step = g;
    }
    if (f.precision < 0 && step > 0 && !log_scale) { /* d3's precisionFixed and precisionPrefix */
      int es = (int)floor(log10(step) + 1e-9);
      if (f.type == 'f' || f.type == '%') f.precision = (int)fmax(0, -es - (f.type == '%' ? 2 : 0));
      else if (f.type == 's') f.precision = (int)fmax(0, fmax(-8, fmin(8, floor(log10(mx) / 3))) * 3 - es);
    }
  } else if (pct) {
    numfmt_parse(".0%", &f, NULL, 0);
  } else {
    double mx = 0;
    for (int i = 0; i < n; i++) mx = fabs(vals[i]) > mx ? fabs(vals[i]) : mx;
    if (vl_number_units[lang] && mx >= 1e5) {
      char(*b)[32] = malloc(sizeof(*b) * (size_t)(n ? n : 1));
      numfmt_ticks_w(vals, n, b, vl_number_units[lang]);
      for (int i = 0; i < n; i++) snprintf(labels[i], 64, "%s", b[i]);
      free(b);
      return;
    }
    /* the smallest gap between neighbours decides the decimals */
    double step = 0;
    for (int i = 1; i < n; i++) {
      double g = fabs(vals[i] - vals[i - 1]);
      if (g > 0 && (step == 0 || g < step)) step = g;
    }
    if (log_scale) numfmt_default(&f);
    else numfmt_for_step(&f, step);
    f.comma = vl_lang_groups[lang]; /* d3's tickFormat is ",f" (log: ","): 1,000 */
  }
  f.unicode_minus = 1; /* d3's minus, U+2212: −5, as wide as + */
  for (int i = 0; i < n; i++) numfmt_format(&f, vals[i], labels[i], 64);
}

void vl_format_thresholds(chart *c, const vscale *s, char (*labels)[64]) {
  int n = s->nthresh, lang = vl_lang(c);
  const double *t = s->thresholds;
  double mx = 0;
  for (int i = 0; i < n; i++) mx = fmax(mx, fabs(t[i]));
  if (s->type == SCL_THRESHOLD || (vl_number_units[lang] && mx >= 1e5)) {
    /* Vega prints a threshold scale's own bounds as given (String(value));
     * 万/亿 units read as the axes' */
    vl_format_values(c, NULL, 0, 0, s->type == SCL_THRESHOLD, NULL, t, n, labels);
    return;
  }
  /* Vega's thresholdFormat: formatSpan(0, d, 30), d the domain's span
   * (quantize) or the smallest gap between the bounds (quantile) */
  double d = s->type == SCL_QUANTIZE ? fabs(s->d1 - s->d0) : n > 1 ? t[1] - t[0] : t[0];
  for (int i = 1; s->type != SCL_QUANTIZE && i < n; i++) d = fmin(d, t[i] - t[i - 1]);
  numfmt f;
  numfmt_for_step(&f, ticks_step(0, d, 30));
  f.comma = vl_lang_groups[lang]; /* ",f", as the axes */
  f.unicode_minus = 1;
  for (int i = 0; i < n; i++) numfmt_format(&f, t[i], labels[i], 64);
}

int vl_time_thin_phase(const double *vals, int n, int k) {
  int best = 0;
  double best_score = -1;
  for (int p = 0; p < k && p < n; p++) {
    double score = 0; /* a coarser level outweighs any number of finer ones */
    for (int i = p; i < n; i += k) score += pow(n + 1.0, timefmt_level(vals[i]));
    if (score > best_score) best_score = score, best = p;
  }
  return best;
}
