/* Composite marks and encoding impute, written out as the views Vega-Lite's
 * normaliser makes of them (src/compositemark/ and ImputeNode of vega-lite),
 * before the views are parsed:
 *
 *  - boxplot: quartiles, median, whiskers and outliers from aggregate,
 *    joinaggregate and filter transforms, drawn as a bar (the box), a tick
 *    (the median), rules (the whiskers) and points (the outliers);
 *  - errorbar: a rule (and ticks) from an aggregate's centre +- extent (ci,
 *    iqr, stderr, stdev), or from pre-aggregated x/x2, y/y2, xError(2),
 *    yError(2);
 *  - errorband: the same as an area (rect in 1D) with optional border lines;
 *  - impute on x or y: an impute transform keyed on the other one, grouped
 *    by the colour, detail, ... fields.
 *
 * The views made here are ordinary specs (vl_spec_build.c) made of the
 * user's own nodes where they can be, so messages point at what the user
 * wrote.  Names follow Vega-Lite (lower_box_F, upper_whisker_F, ...), and
 * the continuous axis is titled as Vega-Lite titles it (the title, else
 * the field).  What is not written out yet -- a binned or aggregated
 * grouping channel of a raw composite mark, config.boxplot/errorbar/
 * errorband -- is a located error. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart/vl_spec_internal.h"

enum { CM_BOXPLOT, CM_ERRORBAR, CM_ERRORBAND };
enum { IN_RAW, IN_UPPER_LOWER, IN_ERROR }; /* errorbar/errorband input */

/* The keys each composite mark takes (vl_composite_mark_table has them all). */
static const char *const boxplot_keys[] = {"type", "extent", "orient", "size", "color", "opacity", "clip",
                                           "invalid", "box", "median", "outliers", "rule", "ticks", "tooltip",
                                           "aria", "description", NULL};
static const char *const errorbar_keys[] = {"type", "extent", "center", "orient", "size", "thickness", "color",
                                            "opacity", "clip", "rule", "ticks", "tooltip", "aria", "description",
                                            NULL};
static const char *const errorband_keys[] = {"type", "extent", "center", "orient", "color", "opacity", "clip",
                                             "interpolate", "band", "borders", "tooltip", "aria", "description",
                                             NULL};

typedef struct comp {
  chart *c;
  diag_list *d;
  int kind, input;
  const char *name;         /* boxplot, errorbar, errorband */
  const char *aname;        /* a boxplot, an errorbar, an errorband: in messages */
  const spec_node *view;    /* the user's view */
  const spec_node *mark;    /* its mark: a name or a mapping */
  const spec_node *def;     /* the mark mapping over config.<mark> (see expand), or NULL */
  const spec_node *own;     /* the mark mapping as written, or NULL */
  const spec_node *cfg;     /* config.boxplot, errorbar or errorband, or NULL */
  const spec_node *enc;     /* its encoding, merged with the layers' above */
  const spec_node *ch[CH_LAST];
  const spec_node *err[4];  /* xError, xError2, yError, yError2 */
  int horizontal;           /* the continuous axis is x */
  int P, P2;                /* CH_X, CH_X2 or CH_Y, CH_Y2 */
  const spec_node *pdef;    /* the continuous channel */
  const char *field;        /* its field */
  const char *type;         /* its type */
  spec_node *shared;        /* the other channels, as the parts draw them */
  spec_node *groupby;       /* their fields */
  spec_node *pre;           /* transforms before the aggregate: their time units */
  int failed;
} comp;

static const char *const err_names[] = {"xError", "xError2", "yError", "yError2"};

static void fail(comp *m, const spec_node *at, const char *fmt, const char *a, const char *b) {
  if (!m->failed) diag_spec_error(m->d, L(m->c, at), fmt, a, b);
  m->failed = 1;
}

static const spec_node *get(const spec_node *map, const char *k) {
  return map && map->kind == SPEC_MAP ? spec_map_get(map, k) : NULL;
}

static const char *str_of(const spec_node *n) {
  return n && n->kind == SPEC_SCALAR && !spec_is_null(n) ? n->str : NULL;
}

/* A channel's type as Vega-Lite reads it when none is written: a time unit
 * makes it temporal, an aggregate or bin quantitative, else nominal. */
static const char *type_of(const spec_node *def) {
  const char *t = str_of(get(def, "type"));
  if (t) return t;
  if (get(def, "timeUnit")) return "temporal";
  if (get(def, "aggregate") || (get(def, "bin") && !spec_is_null(get(def, "bin")))) return "quantitative";
  return "nominal";
}

static int has_field(const spec_node *def) { return get(def, "field") || get(def, "datum"); }

static int continuous(const spec_node *def) {
  if (!has_field(def)) return 0;
  const char *t = type_of(def);
  return !strcmp(t, "quantitative") || !strcmp(t, "temporal");
}

/* datum["f"], escaped for the expression parser. */
static const char *acc(comp *m, const char *f) {
  char e[600];
  size_t n = 0;
  n += (size_t)snprintf(e, sizeof e, "datum[\"");
  for (const char *p = f; *p && n + 4 < sizeof e; p++) {
    if (*p == '"' || *p == '\\') e[n++] = '\\';
    e[n++] = *p;
  }
  snprintf(e + n, sizeof e - n, "\"]");
  return arena_strdup(m->c->a, e);
}

static const char *pfx(comp *m, const char *prefix, const char *f) { return arena_printf(m->c->a, "%s%s", prefix, f); }

static spec_node *S(comp *m, const char *s) { return vlb_str(m->c, m->mark, s); }

/* {op, field, as} */
static spec_node *aggdef(comp *m, const char *op, const spec_node *field, const char *as) {
  spec_node *a = vlb_map(m->c, m->mark);
  vlb_put(m->c, a, "op", S(m, op));
  vlb_put(m->c, a, "field", field);
  vlb_put(m->c, a, "as", S(m, as));
  return a;
}

static spec_node *one(comp *m, const char *kind, const spec_node *v) {
  spec_node *t = vlb_map(m->c, m->mark);
  vlb_put(m->c, t, kind, v);
  return t;
}

static spec_node *calc(comp *m, const char *ex, const char *as) {
  spec_node *t = one(m, "calculate", S(m, ex));
  vlb_put(m->c, t, "as", S(m, as));
  return t;
}

static spec_node *grouped(comp *m, const char *kind, spec_node *ops) {
  spec_node *t = one(m, kind, ops);
  vlb_put(m->c, t, "groupby", m->groupby);
  return t;
}

/* ---- the encoding ---- */

/* The other channels: as they are, minus tooltip (no effect on a static
 * chart); a raw mark groups by their fields, time units applied first, in
 * place, so the channel's own time unit finds them floored already. */
static void split_encoding(comp *m) {
  chart *c = m->c;
  m->shared = vlb_map(c, m->enc);
  m->groupby = vlb_seq(c, m->mark);
  m->pre = vlb_seq(c, m->mark);
  for (int i = 0; i < m->enc->n; i++) {
    const char *k = m->enc->keys[i]->str;
    const spec_node *v = m->enc->items[i];
    int skip = !strcmp(k, "tooltip");
    for (int e = 0; e < 4; e++) skip |= !strcmp(k, err_names[e]);
    skip |= !strcmp(k, CHN(m->P)) || !strcmp(k, CHN(m->P2));
    if (skip) continue;
    /* a field without a type: the type Vega-Lite's normaliser gives it (a
     * time unit's is temporal) */
    if (v->kind == SPEC_MAP && get(v, "field") && !get(v, "type")) {
      spec_node *typed = vlb_map(c, v);
      vlb_put_all(c, typed, v, NULL);
      vlb_put(c, typed, "type", vlb_str(c, get(v, "field"), type_of(v)));
      v = typed;
    }
    vlb_put(c, m->shared, k, v);
    if (m->input != IN_RAW) continue;
    int cnt = v->kind == SPEC_SEQ ? v->n : 1;
    for (int j = 0; j < cnt; j++) {
      const spec_node *def = v->kind == SPEC_SEQ ? v->items[j] : v, *f = get(def, "field");
      if (!f) continue;
      if (get(def, "aggregate") || (get(def, "bin") && !spec_is_null(get(def, "bin")))) {
        fail(m, get(def, "aggregate") ? get(def, "aggregate") : get(def, "bin"),
             "an aggregated or binned '%s' channel on %s is not supported yet", k, m->aname);
        continue;
      }
      const spec_node *tu = get(def, "timeUnit");
      if (tu) {
        spec_node *t = one(m, "timeUnit", tu);
        vlb_put(c, t, "field", f);
        vlb_put(c, t, "as", f);
        vlb_push(c, m->pre, t);
      }
      vlb_push(c, m->groupby, f);
    }
  }
}

/* The continuous axis' channel for a part: {field: PREFIX_F, type, title,
 * scale, axis} (Vega-Lite keeps nothing else of it). */
static spec_node *pos(comp *m, const char *prefix) {
  chart *c = m->c;
  spec_node *ch = vlb_map(c, m->pdef);
  vlb_put(c, ch, "field", vlb_str(c, get(m->pdef, "field"), pfx(m, prefix, m->field)));
  vlb_put(c, ch, "type", S(m, m->type));
  const spec_node *t = get(m->pdef, "title");
  vlb_put(c, ch, "title", t ? t : S(m, m->field));
  if (get(m->pdef, "scale")) vlb_put(c, ch, "scale", get(m->pdef, "scale"));
  if (get(m->pdef, "axis")) vlb_put(c, ch, "axis", get(m->pdef, "axis"));
  return ch;
}

static spec_node *pos2(comp *m, const char *prefix) {
  spec_node *ch = vlb_map(m->c, m->pdef);
  vlb_put(m->c, ch, "field", vlb_str(m->c, get(m->pdef, "field"), pfx(m, prefix, m->field)));
  return ch;
}

/* The shared channels without the ones named in drop (NULL-terminated). */
static spec_node *shared_without(comp *m, const char *const *drop) {
  spec_node *e = vlb_map(m->c, m->enc);
  vlb_put_all(m->c, e, m->shared, drop);
  return e;
}

/* ---- parts ---- */

/* A part is on when the mark says so (true or its properties) or, unsaid,
 * when Vega-Lite's config has it on. */
static int part_on(comp *m, const char *part, int by_default) {
  const spec_node *p = get(m->def, part);
  if (!p) return by_default;
  if (spec_is_null(p)) return 0;
  if (p->kind == SPEC_SCALAR && (!strcmp(p->str, "false") || !strcmp(p->str, "true"))) return p->str[0] == 't';
  return 1;
}

/* A part's mark, as Vega-Lite's partLayerMixins: the config's part
 * properties, the composite mark's clip, color and opacity, the part's
 * own (base), then the user's part properties. */
static spec_node *part_mark(comp *m, const char *part, const spec_node *cfg, const spec_node *base) {
  chart *c = m->c;
  spec_node *mk = vlb_map(c, m->mark);
  vlb_put(c, mk, "type", get(base, "type"));
  vlb_put_all(c, mk, cfg, NULL);
  static const char *const from_def[] = {"clip", "color", "opacity", "invalid", NULL};
  for (int i = 0; from_def[i]; i++)
    if (get(m->def, from_def[i])) vlb_put(c, mk, from_def[i], get(m->def, from_def[i]));
  vlb_put_all(c, mk, base, NULL);
  vlb_put(c, mk, "style", S(m, arena_printf(c->a, "%s-%s", m->name, part))); /* config.style may define it */
  const spec_node *conf = get(m->cfg, part), *own = get(m->own, part);
  static const char *const no_type[] = {"type", NULL};
  if (conf && conf->kind == SPEC_MAP) vlb_put_all(c, mk, conf, no_type);
  if (own && own->kind == SPEC_MAP) vlb_put_all(c, mk, own, no_type);
  return mk;
}

/* A unit view {mark, encoding} of a part: the continuous axis from
 * prefix (to end, when given) and the other channels of enc. */
static spec_node *part(comp *m, const char *name, const spec_node *cfg, const spec_node *base, const char *prefix,
                       const char *end, const spec_node *enc) {
  chart *c = m->c;
  spec_node *u = vlb_map(c, m->view);
  vlb_put(c, u, "mark", part_mark(m, name, cfg, base));
  spec_node *e = vlb_map(c, m->enc);
  vlb_put(c, e, CHN(m->P), pos(m, prefix));
  if (end) vlb_put(c, e, CHN(m->P2), pos2(m, end));
  vlb_put_all(c, e, enc, NULL);
  vlb_put(c, u, "encoding", e);
  return u;
}

static spec_node *mark_of(comp *m, const char *type) {
  spec_node *mk = vlb_map(m->c, m->mark);
  vlb_put(m->c, mk, "type", S(m, type));
  return mk;
}

static void push_if(comp *m, spec_node *layer, const char *name, int dflt, const spec_node *cfg,
                    const spec_node *base, const char *prefix, const char *end, const spec_node *enc) {
  if (part_on(m, name, dflt)) vlb_push(m->c, layer, part(m, name, cfg, base, prefix, end, enc));
}

/* {transform, layer}: NULL when the layer is empty. */
static spec_node *layer_view(comp *m, spec_node *transforms, spec_node *layer) {
  if (!layer->n) return NULL;
  spec_node *v = vlb_map(m->c, m->view);
  if (transforms && transforms->n) vlb_put(m->c, v, "transform", transforms);
  vlb_put(m->c, v, "layer", layer);
  return v;
}

static spec_node *seq_of(comp *m, const spec_node *a, const spec_node *b) {
  spec_node *s = vlb_seq(m->c, m->mark);
  for (int i = 0; a && i < a->n; i++) vlb_push(m->c, s, a->items[i]);
  for (int i = 0; b && i < b->n; i++) vlb_push(m->c, s, b->items[i]);
  return s;
}

/* ---- boxplot ---- */

static spec_node *boxplot(comp *m, spec_node *out) {
  chart *c = m->c;
  const char *F = m->field;
  const spec_node *fnode = get(m->pdef, "field"), *ext = get(m->def, "extent");
  double k = 1.5;
  int minmax = 0;
  if (ext && ext->kind == SPEC_SCALAR && !strcmp(ext->str, "min-max")) {
    minmax = 1;
  } else if (ext && (!spec_is_number(ext) || vls_get_num(c, ext, &k, m->d) || k < 0)) {
    fail(m, ext, "a boxplot's extent must be a number of at least 0 (whiskers at k x IQR) or min-max, found %s%s",
         spec_describe(c->a, ext), "");
    return NULL;
  }
  const spec_node *size = get(m->def, "size") ? get(m->def, "size") : vlb_num(c, m->mark, 14);
  const spec_node *size_value = get(get(m->shared, "size"), "value");
  if (size_value) { /* size: {value: px}: the box's width, as the mark's size */
    size = size_value;
    vlb_drop(m->shared, "size");
  }
  const char *box_or = m->horizontal ? "horizontal" : "vertical", *tick_or = m->horizontal ? "vertical" : "horizontal";
  static const char *const no_size_color[] = {"size", "color", NULL};
  spec_node *enc_plain = shared_without(m, no_size_color), *enc_box = shared_without(m, NULL);

  /* whiskers: rules from the box to the whisker ends, ticks at the ends */
  spec_node *whiskers = vlb_seq(c, m->mark), *rule = mark_of(m, "rule"), *tick = mark_of(m, "tick");
  vlb_put(c, tick, "color", S(m, "black"));
  vlb_put(c, tick, "opacity", vlb_num(c, m->mark, 1));
  vlb_put(c, tick, "orient", S(m, tick_or));
  push_if(m, whiskers, "rule", 1, NULL, rule, "lower_whisker_", "lower_box_", enc_plain);
  push_if(m, whiskers, "rule", 1, NULL, rule, "upper_box_", "upper_whisker_", enc_plain);
  push_if(m, whiskers, "ticks", 0, NULL, tick, "lower_whisker_", NULL, enc_plain);
  push_if(m, whiskers, "ticks", 0, NULL, tick, "upper_whisker_", NULL, enc_plain);

  /* the box and its median */
  spec_node *boxes = vlb_seq(c, m->mark), *bar = mark_of(m, "bar"), *med = mark_of(m, "tick");
  vlb_put(c, bar, "size", size);
  vlb_put(c, bar, "orient", S(m, box_or));
  const spec_node *med_color = get(get(m->own, "median"), "color");
  if (!med_color) med_color = get(get(m->cfg, "median"), "color"); /* Vega-Lite's config.boxplot.median.color */
  vlb_put(c, med, "color", med_color ? med_color : S(m, "white"));
  vlb_put(c, med, "size", size);
  vlb_put(c, med, "orient", S(m, tick_or));
  spec_node *enc_med = shared_without(m, no_size_color);
  if (get(m->shared, "size")) vlb_put(c, enc_med, "size", get(m->shared, "size"));
  if (minmax) for (int i = 0; i < whiskers->n; i++) vlb_push(c, boxes, whiskers->items[i]);
  push_if(m, boxes, "box", 1, NULL, bar, "lower_box_", "upper_box_", enc_box);
  if (part_on(m, "median", 1)) {
    /* Vega-Lite's colour condition, as two layers: the median white (or
     * its colour) on a box with height, in the box's colour on one without */
    const char *lo = acc(m, pfx(m, "lower_box_", F)), *hi = acc(m, pfx(m, "upper_box_", F));
    spec_node *tall = part(m, "median", NULL, med, "mid_box_", NULL, enc_med);
    spec_node *flat = part(m, "median", NULL, med, "mid_box_", NULL, enc_med);
    spec_node *fm = (spec_node *)get(flat, "mark");
    const spec_node *bc = get(get(m->def, "box"), "color") ? get(get(m->def, "box"), "color") : get(m->def, "color");
    if (bc) vlb_put(c, fm, "color", bc);
    else vlb_drop(fm, "color"); /* the bar's default colour */
    if (get(m->shared, "color")) vlb_put(c, (spec_node *)get(flat, "encoding"), "color", get(m->shared, "color"));
    vlb_put(c, tall, "transform", seq_of(m, NULL, NULL));
    vlb_push(c, (spec_node *)get(tall, "transform"), one(m, "filter", S(m, arena_printf(c->a, "%s < %s", lo, hi))));
    vlb_put(c, flat, "transform", seq_of(m, NULL, NULL));
    vlb_push(c, (spec_node *)get(flat, "transform"), one(m, "filter", S(m, arena_printf(c->a, "%s >= %s", lo, hi))));
    vlb_push(c, boxes, tall);
    vlb_push(c, boxes, flat);
  }

  spec_node *summary = vlb_seq(c, m->mark);
  vlb_push(c, summary, aggdef(m, "q1", fnode, pfx(m, "lower_box_", F)));
  vlb_push(c, summary, aggdef(m, "q3", fnode, pfx(m, "upper_box_", F)));
  vlb_push(c, summary, aggdef(m, "median", fnode, pfx(m, "mid_box_", F)));
  vlb_push(c, summary, aggdef(m, "min", fnode, pfx(m, minmax ? "lower_whisker_" : "min_", F)));
  vlb_push(c, summary, aggdef(m, "max", fnode, pfx(m, minmax ? "upper_whisker_" : "max_", F)));
  spec_node *box_tr = seq_of(m, m->pre, NULL);
  vlb_push(c, box_tr, grouped(m, "aggregate", summary));
  spec_node *layer = vlb_seq(c, m->mark);
  if (minmax) {
    spec_node *all = seq_of(m, get(out, "transform"), box_tr);
    vlb_put(c, out, "transform", all);
    vlb_put(c, out, "layer", boxes);
    return boxes->n ? out : NULL;
  }

  /* Tukey: whiskers to the data within k x IQR of the box, points beyond */
  const char *lo = acc(m, pfx(m, "lower_box_", F)), *hi = acc(m, pfx(m, "upper_box_", F)), *x = acc(m, F);
  const char *iqr = arena_printf(c->a, "(%s - %s)", hi, lo);
  const char *lw = arena_printf(c->a, "%s - %.17g * %s", lo, k, iqr), *uw = arena_printf(c->a, "%s + %.17g * %s", hi, k, iqr);
  spec_node *quart = vlb_seq(c, m->mark);
  vlb_push(c, quart, aggdef(m, "q1", fnode, pfx(m, "lower_box_", F)));
  vlb_push(c, quart, aggdef(m, "q3", fnode, pfx(m, "upper_box_", F)));
  spec_node *join = seq_of(m, m->pre, NULL);
  vlb_push(c, join, grouped(m, "joinaggregate", quart));

  spec_node *ends = vlb_seq(c, m->mark);
  vlb_push(c, ends, aggdef(m, "min", fnode, pfx(m, "lower_whisker_", F)));
  vlb_push(c, ends, aggdef(m, "max", fnode, pfx(m, "upper_whisker_", F)));
  vlb_push(c, ends, aggdef(m, "min", S(m, pfx(m, "lower_box_", F)), pfx(m, "lower_box_", F)));
  vlb_push(c, ends, aggdef(m, "max", S(m, pfx(m, "upper_box_", F)), pfx(m, "upper_box_", F)));
  spec_node *w_tr = vlb_seq(c, m->mark);
  vlb_push(c, w_tr, one(m, "filter", S(m, arena_printf(c->a, "(%s <= %s) && (%s <= %s)", lw, x, x, uw))));
  vlb_push(c, w_tr, grouped(m, "aggregate", ends));

  spec_node *inner = vlb_seq(c, m->mark);
  if (part_on(m, "outliers", 1)) {
    static const char *const no_size[] = {"size", NULL};
    spec_node *o = part(m, "outliers", NULL, mark_of(m, "point"), "", NULL, shared_without(m, no_size));
    spec_node *ot = vlb_seq(c, m->mark);
    vlb_push(c, ot, one(m, "filter", S(m, arena_printf(c->a, "(%s < %s) || (%s > %s)", x, lw, x, uw))));
    vlb_put(c, o, "transform", ot); /* prefix "": the data's own values */
    vlb_push(c, inner, o);
  }
  spec_node *w = layer_view(m, w_tr, whiskers);
  if (w) vlb_push(c, inner, w);
  spec_node *a = layer_view(m, join, inner);
  if (a) vlb_push(c, layer, a);
  spec_node *b = layer_view(m, box_tr, boxes);
  if (b) vlb_push(c, layer, b);
  if (!layer->n) return NULL;
  vlb_put(c, out, "layer", layer);
  return out;
}

/* ---- errorbar, errorband ---- */

/* The term of an error channel in an expression: its field, or its value. */
static const char *err_term(comp *m, const spec_node *def) {
  const char *f = str_of(get(def, "field"));
  if (f) return acc(m, f);
  const spec_node *v = get(def, "value");
  double x;
  if (v && spec_is_number(v) && vls_get_num(m->c, v, &x, m->d) == 0) return arena_printf(m->c->a, "%.17g", x);
  fail(m, def, "'%s' of %s must be a field or a number value", "an error channel", m->aname);
  return "0";
}

/* lower_F, upper_F (and center_F) from the input: summaries of raw data,
 * or the pre-aggregated bounds. */
static void error_bounds(comp *m, spec_node *tr) {
  chart *c = m->c;
  const char *F = m->field;
  const spec_node *fnode = get(m->pdef, "field");
  const char *up = pfx(m, "upper_", F), *lo = pfx(m, "lower_", F);
  if (m->input == IN_UPPER_LOWER) {
    const char *f2 = str_of(get(m->ch[m->P2], "field"));
    if (!f2) {
      fail(m, m->ch[m->P2], "'%s' of %s must be a field", CHN(m->P2), m->aname);
      return;
    }
    vlb_push(c, tr, calc(m, acc(m, f2), up));
    vlb_push(c, tr, calc(m, acc(m, F), lo));
    return;
  }
  if (m->input == IN_ERROR) {
    const spec_node *e1 = m->err[m->horizontal ? 0 : 2], *e2 = m->err[m->horizontal ? 1 : 3];
    const char *t1 = err_term(m, e1);
    vlb_push(c, tr, calc(m, arena_printf(c->a, "%s + %s", acc(m, F), t1), up));
    vlb_push(c, tr, calc(m, arena_printf(c->a, "%s %s %s", acc(m, F), e2 ? "+" : "-", e2 ? err_term(m, e2) : t1), lo));
    return;
  }
  const char *center = str_of(get(m->def, "center")), *extent = str_of(get(m->def, "extent"));
  if (extent && (!strcmp(extent, "min-max") || spec_is_number(get(m->def, "extent")))) {
    fail(m, get(m->def, "extent"), "%s's extent must be ci, iqr, stderr or stdev, found '%s'", m->aname, extent);
    return;
  }
  if (!center) center = extent && !strcmp(extent, "iqr") ? "median" : "mean";
  if (!extent) extent = !strcmp(center, "mean") ? "stderr" : "iqr";
  spec_node *ops = vlb_seq(c, m->mark);
  if (!strcmp(extent, "stderr") || !strcmp(extent, "stdev")) {
    vlb_push(c, ops, aggdef(m, extent, fnode, pfx(m, "extent_", F)));
    vlb_push(c, ops, aggdef(m, center, fnode, pfx(m, "center_", F)));
    vlb_push(c, tr, grouped(m, "aggregate", ops));
    const char *cf = acc(m, pfx(m, "center_", F)), *ef = acc(m, pfx(m, "extent_", F));
    vlb_push(c, tr, calc(m, arena_printf(c->a, "%s + %s", cf, ef), up));
    vlb_push(c, tr, calc(m, arena_printf(c->a, "%s - %s", cf, ef), lo));
    return;
  }
  int ci = !strcmp(extent, "ci");
  vlb_push(c, ops, aggdef(m, ci ? "ci0" : "q1", fnode, lo));
  vlb_push(c, ops, aggdef(m, ci ? "ci1" : "q3", fnode, up));
  vlb_push(c, ops, aggdef(m, ci ? "mean" : "median", fnode, pfx(m, "center_", F)));
  vlb_push(c, tr, grouped(m, "aggregate", ops));
}

static spec_node *errorbar(comp *m, spec_node *out) {
  chart *c = m->c;
  spec_node *tr = seq_of(m, get(out, "transform"), m->pre);
  error_bounds(m, tr);
  vlb_put(c, out, "transform", tr);
  static const char *const no_size[] = {"size", NULL};
  spec_node *enc = shared_without(m, no_size), *layer = vlb_seq(c, m->mark);
  spec_node *tick = mark_of(m, "tick"), *rule = mark_of(m, "rule");
  vlb_put(c, tick, "orient", S(m, m->horizontal ? "vertical" : "horizontal"));
  const spec_node *th = get(m->def, "thickness"), *sz = get(m->def, "size");
  if (th) vlb_put(c, tick, "thickness", th), vlb_put(c, rule, "strokeWidth", th);
  if (sz) vlb_put(c, tick, "size", sz);
  push_if(m, layer, "ticks", 0, NULL, tick, "lower_", NULL, enc);
  push_if(m, layer, "ticks", 0, NULL, tick, "upper_", NULL, enc);
  push_if(m, layer, "rule", 1, NULL, rule, "lower_", "upper_", enc);
  if (!layer->n) return NULL;
  vlb_put(c, out, "layer", layer);
  return out;
}

static spec_node *errorband(comp *m, spec_node *out) {
  chart *c = m->c;
  spec_node *tr = seq_of(m, get(out, "transform"), m->pre);
  error_bounds(m, tr);
  vlb_put(c, out, "transform", tr);
  int is2d = m->ch[CH_X] && m->ch[CH_Y];
  spec_node *band = mark_of(m, is2d ? "area" : "rect"), *border = mark_of(m, is2d ? "line" : "rule");
  const spec_node *ip = get(m->def, "interpolate");
  if (ip && is2d) vlb_put(c, band, "interpolate", ip), vlb_put(c, border, "interpolate", ip);
  spec_node *cfg = vlb_map(c, m->mark), *layer = vlb_seq(c, m->mark);
  vlb_put(c, cfg, "opacity", vlb_num(c, m->mark, 0.3));
  if (part_on(m, "band", 1)) vlb_push(c, layer, part(m, "band", cfg, band, "lower_", "upper_", m->shared));
  push_if(m, layer, "borders", 0, NULL, border, "lower_", NULL, m->shared);
  push_if(m, layer, "borders", 0, NULL, border, "upper_", NULL, m->shared);
  if (!layer->n) return NULL;
  vlb_put(c, out, "layer", layer);
  return out;
}

/* ---- orientation and input ---- */

/* Vega-Lite's compositeMarkOrient: along the continuous axis; with two,
 * the one aggregated by the composite mark, else y unless only y is a
 * date. */
static int orient(comp *m) {
  const spec_node *o = get(m->def, "orient"), *x = m->ch[CH_X], *y = m->ch[CH_Y];
  if (str_of(o)) return !strcmp(o->str, "horizontal");
  if (continuous(x)) {
    if (!continuous(y)) return 1;
    const char *xa = str_of(get(x, "aggregate")), *ya = str_of(get(y, "aggregate"));
    if (!xa && ya && !strcmp(ya, m->name)) return 0;
    if (!ya && xa && !strcmp(xa, m->name)) return 1;
    return !strcmp(type_of(y), "temporal") && strcmp(type_of(x), "temporal");
  }
  if (continuous(y)) return 0;
  fail(m, m->mark, "%s needs a quantitative or temporal field on x or y%s", m->aname, "");
  return 0;
}

/* errorbar, errorband: raw values, x/x2 or y/y2 bounds, or a centre with
 * xError/yError; the orientation follows from which. */
static void error_input(comp *m) {
  int x2 = has_field(m->ch[CH_X2]), y2 = has_field(m->ch[CH_Y2]);
  int ex = m->err[0] != NULL, ey = m->err[2] != NULL;
  for (int i = 0; i < 2; i++)
    if (m->err[2 * i + 1] && !m->err[2 * i])
      fail(m, m->err[2 * i + 1], "'%s' needs '%s'", err_names[2 * i + 1], err_names[2 * i]);
  if (!x2 && !y2 && !ex && !ey && !m->err[1] && !m->err[3]) {
    m->input = IN_RAW;
    m->horizontal = orient(m);
    return;
  }
  if ((x2 || y2) && (ex || ey)) {
    fail(m, m->mark, "%s takes bounds (%s) or errors (xError, yError), not both", m->aname, x2 ? "x2" : "y2");
    return;
  }
  if (x2 && y2) fail(m, m->ch[CH_Y2], "%s cannot have both x2 and y2%s", m->aname, "");
  if (ex && ey) fail(m, m->err[2], "%s cannot have both xError and yError%s", m->aname, "");
  m->input = x2 || y2 ? IN_UPPER_LOWER : IN_ERROR;
  m->horizontal = x2 || ex;
  const spec_node *p = m->ch[m->horizontal ? CH_X : CH_Y];
  if (!m->failed && !continuous(p))
    fail(m, p ? p : m->mark, "%s with %s needs a quantitative field on it", m->aname,
         m->horizontal ? (x2 ? "x2 on x" : "xError on x") : (y2 ? "y2 on y" : "yError on y"));
}

/* ---- the rewrite ---- */

static spec_node *expand(comp *m) {
  chart *c = m->c;
  const char *const *keys = m->kind == CM_BOXPLOT ? boxplot_keys : m->kind == CM_ERRORBAR ? errorbar_keys : errorband_keys;
  if (m->def) vl_check_keys(c, m->def, NULL, &vl_composite_mark_table, m->d);
  const spec_node *defs[2] = {m->cfg, m->def}; /* config.<mark> checked its keys with config */
  for (int k = 0; k < 2; k++) {
    for (int i = 0; defs[k] && i < defs[k]->n; i++)
      if (vl_table_key(&vl_composite_mark_table, defs[k]->keys[i]->str) && !vl_in_list(defs[k]->keys[i]->str, keys))
        fail(m, defs[k]->keys[i], "'%s' is not a property of %s", defs[k]->keys[i]->str, m->aname);
    const spec_node *o = get(defs[k], "orient");
    if (o) vls_enum_index(c, o, E(&vl_composite_mark_table, "orient"), "orient", m->d);
  }
  /* the properties in effect: the mark's over config.<mark>'s (a part's
   * own properties are laid over the config's part by part_mark) */
  m->own = m->def;
  if (m->cfg) {
    spec_node *eff = vlb_map(c, m->mark);
    vlb_put_all(c, eff, m->cfg, NULL);
    vlb_put_all(c, eff, m->own, NULL);
    m->def = eff;
  }
  for (int i = 0; i < m->enc->n; i++) {
    const char *k = m->enc->keys[i]->str;
    for (int e = 0; e < 4; e++)
      if (!strcmp(k, err_names[e])) {
        if (m->kind == CM_BOXPLOT) fail(m, m->enc->keys[i], "'%s' is for errorbar and errorband, not %s", k, m->name);
        m->err[e] = m->enc->items[i];
      }
    for (int ch = 0; ch < CH_LAST; ch++)
      if (!strcmp(k, CHN(ch))) m->ch[ch] = m->enc->items[i];
  }
  if (m->failed) return NULL;
  if (m->kind == CM_BOXPLOT) {
    m->input = IN_RAW;
    m->horizontal = orient(m);
  } else {
    error_input(m);
  }
  if (m->failed) return NULL;
  m->P = m->horizontal ? CH_X : CH_Y;
  m->P2 = m->horizontal ? CH_X2 : CH_Y2;
  m->pdef = m->ch[m->P];
  m->field = str_of(get(m->pdef, "field"));
  if (!m->field) {
    fail(m, m->pdef ? m->pdef : m->mark, "the %s's continuous channel needs a 'field'%s", m->name, "");
    return NULL;
  }
  m->type = type_of(m->pdef);
  const char *ag = str_of(get(m->pdef, "aggregate"));
  if (ag && strcmp(ag, m->name))
    diag_add(m->d, DIAG_WARNING, DIAG_SPEC, L(c, get(m->pdef, "aggregate")),
             "aggregate '%s' on %s's continuous channel is left out: the %s summarises the field itself", ag,
             m->aname, m->name);
  if (m->kind == CM_BOXPLOT && m->ch[m->P2])
    fail(m, m->ch[m->P2], "a boxplot does not take '%s' (it computes its own bounds)%s", CHN(m->P2), "");
  split_encoding(m);
  if (m->failed) return NULL;
  spec_node *out = vlb_map(c, m->view);
  static const char *const drop[] = {"mark", "encoding", NULL};
  vlb_put_all(c, out, m->view, drop);
  spec_node *r = m->kind == CM_BOXPLOT ? boxplot(m, out) : m->kind == CM_ERRORBAR ? errorbar(m, out) : errorband(m, out);
  return m->failed ? NULL : r;
}

/* impute on x or y: {impute: field, key: the other one's field, groupby:
 * the colour, detail, ... fields, and the impute's own keys} as the view's
 * last transform; the channel without it. */
static spec_node *impute(chart *c, const spec_node *view, spec_node *enc, diag_list *d) {
  int k = get(get(enc, "x"), "impute") ? CH_X : CH_Y;
  const spec_node *def = get(enc, CHN(k)), *imp = get(def, "impute"), *key = get(enc, k == CH_X ? "y" : "x");
  if (imp->kind != SPEC_MAP) {
    diag_spec_error(d, L(c, imp), "'impute' must be a mapping {value, method, frame, keyvals}, found %s",
                    spec_describe(c->a, imp));
    return NULL;
  }
  vl_check_keys(c, imp, NULL, &vl_impute_table, d);
  const spec_node *f = get(def, "field"), *kf = get(key, "field");
  if (!str_of(f) || !str_of(kf)) {
    diag_spec_error(d, L(c, imp), "'impute' needs a field on both x and y (it fills in one for the keys of the other)");
    return NULL;
  }
  const spec_node *bad = get(def, "aggregate") ? get(def, "aggregate") : get(key, "timeUnit") ? get(key, "timeUnit") : get(key, "bin");
  if (bad && !spec_is_null(bad)) {
    diag_spec_error(d, L(c, bad), "'impute' with an aggregated field or a binned or time-unit key is not supported yet");
    return NULL;
  }
  spec_node *t = vlb_map(c, imp), *gb = vlb_seq(c, imp);
  vlb_put(c, t, "impute", f);
  vlb_put(c, t, "key", kf);
  static const int groups[] = {CH_COLOR, CH_FILL, CH_STROKE, CH_OPACITY, CH_SIZE, CH_SHAPE, CH_DASH, CH_DETAIL};
  for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++) {
    const spec_node *g = get(enc, CHN(groups[i]));
    int cnt = g && g->kind == SPEC_SEQ ? g->n : 1;
    for (int j = 0; g && j < cnt; j++) {
      const spec_node *gd = g->kind == SPEC_SEQ ? g->items[j] : g;
      if (str_of(get(gd, "field")) && !get(gd, "aggregate")) vlb_push(c, gb, get(gd, "field"));
    }
  }
  if (gb->n) vlb_put(c, t, "groupby", gb);
  vlb_put_all(c, t, imp, NULL);
  spec_node *nd = vlb_map(c, def);
  static const char *const no_impute[] = {"impute", NULL};
  vlb_put_all(c, nd, def, no_impute);
  vlb_put(c, enc, CHN(k), nd);
  spec_node *out = vlb_map(c, view);
  vlb_put_all(c, out, view, NULL);
  spec_node *tr = vlb_seq(c, imp);
  const spec_node *old = get(view, "transform");
  for (int i = 0; old && old->kind == SPEC_SEQ && i < old->n; i++) vlb_push(c, tr, old->items[i]);
  vlb_push(c, tr, t);
  vlb_put(c, out, "transform", tr);
  vlb_put(c, out, "encoding", enc);
  return out;
}

int vl_composite_rewrite(chart *c, const spec_node *view, const spec_node *const *encs, int nenc,
                         const spec_node **out, diag_list *d) {
  const spec_node *mark = get(view, "mark");
  if (!mark || get(view, "layer")) return 0;
  const spec_node *type = mark->kind == SPEC_MAP ? get(mark, "type") : mark;
  int kind = -1;
  for (int i = 0; str_of(type) && vl_composite_mark_names[i]; i++)
    if (!strcmp(type->str, vl_composite_mark_names[i])) kind = i;
  /* the encoding as the unit sees it: the layers' above, then its own */
  const spec_node *own = get(view, "encoding");
  spec_node *enc = vlb_map(c, own ? own : view);
  for (int e = 0; e <= nenc; e++) {
    const spec_node *m = e < nenc ? encs[e] : own;
    for (int i = 0; m && m->kind == SPEC_MAP && i < m->n; i++) {
      const char *k = m->keys[i]->str;
      vlb_put(c, enc, k, vls_merge_channel(c, get(enc, k), m->items[i]));
    }
  }
  const spec_node *imp = get(get(enc, "x"), "impute") ? get(get(enc, "x"), "impute") : get(get(enc, "y"), "impute");
  if (kind < 0 && !imp) return 0;
  if (kind < 0) return (*out = impute(c, view, enc, d)) ? 1 : -1;
  comp m = {.c = c, .d = d, .kind = kind, .name = vl_composite_mark_names[kind],
            .aname = kind == CM_BOXPLOT ? "a boxplot" : kind == CM_ERRORBAR ? "an errorbar" : "an errorband", .view = view, .mark = mark,
            .def = mark->kind == SPEC_MAP ? mark : NULL, .cfg = c->cfg.composite[kind], .enc = enc};
  if (imp) {
    diag_spec_error(d, L(c, imp), "'impute' on %s is not supported", m.aname);
    return -1;
  }
  *out = expand(&m);
  if (!*out && !m.failed) diag_spec_error(d, L(c, mark), "every part of this %s is turned off: nothing to draw", m.name);
  return *out ? 1 : -1;
}
