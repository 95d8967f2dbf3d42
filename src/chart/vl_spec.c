/* Vega-Lite spec parsing and validation against the key tables of
 * vl_keys.c: supported keys (with did-you-mean) and known-but-unsupported
 * keys (located errors). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart/numfmt.h"
#include "chart/transform.h"
#include "chart/vl.h"
#include "chart/vl_keys.h"
#include "model/keys.h"

/* The key tables are in vl_keys.c: `huitu schema` describes the same ones. */
#define CHN(k) (vl_encoding_table.keys[k].name)

/* The enum names of a table's key. */
static const char *const *E(const vl_table *t, const char *key) { return vl_table_key(t, key)->enums; }

static src_loc L(chart *c, const spec_node *n) { return spec_loc(c->doc, n); }

int vl_check_keys(chart *c, const spec_node *map, const char *what, const vl_table *t, diag_list *d) {
  int bad = 0;
  if (!map || map->kind != SPEC_MAP) return 0;
  if (!what) what = t->name;
  const char *known[128];
  vl_table_names(t, known, 128);
  for (int i = 0; i < map->n; i++) {
    const char *k = map->keys[i]->str;
    if (vl_in_list(k, known)) continue;
    bad++;
    if (vl_in_list(k, t->unsupported)) {
      diag_spec_error(d, L(c, map->keys[i]), "'%s' is not supported in %s (huitu renders static Vega-Lite charts)", k,
                      what);
      continue;
    }
    const char *s = keys_suggest(k, known, -1);
    if (s)
      diag_spec_error(d, L(c, map->keys[i]), "unknown key '%s' in %s (did you mean '%s'?)", k, what, s);
    else
      diag_spec_error(d, L(c, map->keys[i]), "unknown key '%s' in %s", k, what);
  }
  return bad;
}

static int enum_index(chart *c, const spec_node *n, const char *const *names, const char *what, diag_list *d) {
  if (!n || n->kind != SPEC_SCALAR) {
    diag_spec_error(d, L(c, n), "%s must be a name, found %s", what, spec_describe(c->a, n));
    return -1;
  }
  for (int i = 0; names[i]; i++)
    if (names[i][0] && !strcmp(names[i], n->str)) return i;
  const char *s = keys_suggest(n->str, names, -1);
  diag_spec_error(d, L(c, n), "unknown %s '%s'%s%s%s", what, n->str, s ? " (did you mean '" : "", s ? s : "",
                  s ? "'?)" : "");
  return -1;
}

static int get_num(chart *c, const spec_node *n, double *out, diag_list *d) {
  return spec_get_number(c->doc, n, out, d);
}
static int get_bool(chart *c, const spec_node *n, int *out, diag_list *d) { return spec_get_bool(c->doc, n, out, d); }
/* `columns` counts (concat, facet, repeat, legends): a whole number in a
 * range an int holds, so no cast can overflow (found by fuzz_spec). */
static int get_columns(chart *c, const spec_node *n, int *out, diag_list *d) {
  double v;
  if (get_num(c, n, &v, d)) return -1;
  if (!(v >= 0 && v <= 10000) || v != floor(v)) {
    diag_spec_error(d, L(c, n), "'columns' must be a whole number from 0 to 10000, found %s", n->str);
    return -1;
  }
  *out = (int)v;
  return 0;
}
static int get_color(chart *c, const spec_node *n, uint32_t *out, diag_list *d) {
  if (n && n->kind == SPEC_SCALAR && !spec_is_null(n) && keys_parse_color(n->str, out) == 0) return 0;
  if (n && spec_is_null(n)) {
    *out = 0;
    return 0;
  }
  diag_spec_error(d, L(c, n), "expected a colour (\"#4c78a8\", a CSS name), found %s", spec_describe(c->a, n));
  return -1;
}

static void get_text(chart *c, const spec_node *n, spec_text *t, int *is_null, diag_list *d) {
  if (!n) return;
  if (spec_is_null(n)) {
    *is_null = 1;
    return;
  }
  if (n->kind == SPEC_SEQ) { /* multi-line titles */
    char *s = arena_strdup(c->a, "");
    for (int i = 0; i < n->n; i++)
      if (n->items[i]->kind == SPEC_SCALAR) s = arena_printf(c->a, "%s%s%s", s, i ? "\n" : "", n->items[i]->str);
    t->s = s;
    t->loc = L(c, n);
    return;
  }
  if (n->kind != SPEC_SCALAR) {
    diag_spec_error(d, L(c, n), "expected a title string, found %s", spec_describe(c->a, n));
    return;
  }
  t->s = n->str;
  t->loc = L(c, n);
}

static void check_format(chart *c, const spec_node *n, const char **out, int time, diag_list *d) {
  if (!n || spec_is_null(n)) return;
  if (n->kind != SPEC_SCALAR) {
    diag_spec_error(d, L(c, n), "'format' must be a d3-format string, found %s", spec_describe(c->a, n));
    return;
  }
  *out = n->str;
  if (!time && !strchr(n->str, '%') ) {
    numfmt f;
    char err[128];
    if (numfmt_parse(n->str, &f, err, sizeof err) != 0)
      diag_spec_error(d, L(c, n), "invalid number format '%s': %s", n->str, err);
  }
}

/* ---- scale / axis / legend ---- */

static void parse_scale(chart *c, const spec_node *n, vl_scale_spec *s, diag_list *d) {
  s->node = n;
  if (n->kind != SPEC_MAP) {
    diag_spec_error(d, L(c, n), "'scale' must be a mapping or null, found %s", spec_describe(c->a, n));
    return;
  }
  vl_check_keys(c, n, NULL, &vl_scale_table, d);
  for (int i = 0; i < n->n; i++) {
    const char *k = n->keys[i]->str;
    const spec_node *v = n->items[i];
    if (!strcmp(k, "type")) {
      int t = enum_index(c, v, vl_scale_types, "scale type", d);
      if (t >= 0) s->type = t;
    } else if (!strcmp(k, "domain")) {
      if (v->kind == SPEC_SEQ || (v->kind == SPEC_SCALAR && !strcmp(v->str, "unaggregated")))
        s->domain = v;
      else if (v->kind == SPEC_MAP)
        diag_spec_error(d, L(c, v), "selection domains are not supported (huitu renders static charts)");
      else
        diag_spec_error(d, L(c, v), "'domain' must be a list, found %s", spec_describe(c->a, v));
    } else if (!strcmp(k, "range")) {
      s->range = v;
    } else if (!strcmp(k, "scheme")) {
      const spec_node *name = v->kind == SPEC_MAP ? spec_map_get(v, "name") : v;
      if (!name || name->kind != SPEC_SCALAR) {
        diag_spec_error(d, L(c, v), "'scheme' must be a scheme name, found %s", spec_describe(c->a, v));
        continue;
      }
      const uint32_t *cols;
      int nc, seq;
      if (!vl_scheme(name->str, &cols, &nc, &seq)) {
        static const char *const known[] = {"tableau10", "category10", "observable10", "set1", "set2", "set3",
                                            "dark2", "paired", "pastel1", "accent", "okabeito", "blues", "greens",
                                            "oranges", "reds", "purples", "greys", "viridis", "magma", "inferno",
                                            "plasma", "teals", "blueorange", "redblue", "tableau20", NULL};
        const char *sg = keys_suggest(name->str, known, -1);
        diag_spec_error(d, L(c, name), "unknown colour scheme '%s'%s%s%s", name->str, sg ? " (did you mean '" : "",
                        sg ? sg : "", sg ? "'?)" : " (schemes: tableau10, category10, set2, dark2, blues, greens, oranges, reds, purples, viridis, ...)");
        continue;
      }
      s->scheme = name->str;
    } else if (!strcmp(k, "zero")) {
      get_bool(c, v, &s->zero, d);
    } else if (!strcmp(k, "nice")) {
      if (spec_is_number(v)) s->nice = 1;
      else get_bool(c, v, &s->nice, d);
    } else if (!strcmp(k, "reverse")) {
      get_bool(c, v, &s->reverse, d);
    } else if (!strcmp(k, "clamp")) {
      get_bool(c, v, &s->clamp, d);
    } else if (!strcmp(k, "padding")) {
      get_num(c, v, &s->padding, d);
    } else if (!strcmp(k, "paddingInner")) {
      get_num(c, v, &s->padding_inner, d);
    } else if (!strcmp(k, "paddingOuter")) {
      get_num(c, v, &s->padding_outer, d);
    } else if (!strcmp(k, "exponent")) {
      get_num(c, v, &s->exponent, d);
    } else if (!strcmp(k, "base")) {
      get_num(c, v, &s->base, d);
    } else if (!strcmp(k, "constant")) {
      get_num(c, v, &s->constant, d);
    } else if (!strcmp(k, "domainMid")) {
      get_num(c, v, &s->domain_mid, d);
    }
  }
}

static void axis_defaults(vl_axis_spec *a) {
  memset(a, 0, sizeof *a);
  a->label_angle = a->label_limit = a->label_font_size = a->title_font_size = a->tick_size = a->label_padding = NAN;
  a->tick_count = -1;
  a->grid = a->domain = a->ticks = a->labels = a->orient = -1;
}

static void parse_axis(chart *c, const spec_node *n, vl_axis_spec *a, diag_list *d) {
  if (spec_is_null(n)) {
    a->hidden = 1;
    return;
  }
  if (n->kind != SPEC_MAP) {
    diag_spec_error(d, L(c, n), "'axis' must be a mapping or null, found %s", spec_describe(c->a, n));
    return;
  }
  vl_check_keys(c, n, NULL, &vl_axis_table, d);
  for (int i = 0; i < n->n; i++) {
    const char *k = n->keys[i]->str;
    const spec_node *v = n->items[i];
    if (!strcmp(k, "title")) get_text(c, v, &a->title, &a->title_null, d);
    else if (!strcmp(k, "format")) check_format(c, v, &a->format, 0, d);
    else if (!strcmp(k, "formatType")) a->format_time = v->kind == SPEC_SCALAR && !strcmp(v->str, "time");
    else if (!strcmp(k, "labelAngle")) get_num(c, v, &a->label_angle, d);
    else if (!strcmp(k, "labelLimit")) get_num(c, v, &a->label_limit, d);
    else if (!strcmp(k, "labelFontSize")) get_num(c, v, &a->label_font_size, d);
    else if (!strcmp(k, "titleFontSize")) get_num(c, v, &a->title_font_size, d);
    else if (!strcmp(k, "tickSize")) get_num(c, v, &a->tick_size, d);
    else if (!strcmp(k, "labelPadding")) get_num(c, v, &a->label_padding, d);
    else if (!strcmp(k, "tickCount")) {
      double t;
      if (get_num(c, v, &t, d) == 0) a->tick_count = t < 1 ? 1 : (int)t;
    } else if (!strcmp(k, "values")) {
      if (v->kind != SPEC_SEQ) diag_spec_error(d, L(c, v), "axis 'values' must be a list, found %s", spec_describe(c->a, v));
      else a->values = v;
    } else if (!strcmp(k, "grid")) get_bool(c, v, &a->grid, d);
    else if (!strcmp(k, "domain")) get_bool(c, v, &a->domain, d);
    else if (!strcmp(k, "ticks")) get_bool(c, v, &a->ticks, d);
    else if (!strcmp(k, "labels")) get_bool(c, v, &a->labels, d);
    else if (!strcmp(k, "orient")) {
      a->orient = enum_index(c, v, E(&vl_axis_table, "orient"), "axis orient", d);
    } else if (!strcmp(k, "labelColor")) get_color(c, v, &a->label_color, d);
    else if (!strcmp(k, "titleColor")) get_color(c, v, &a->title_color, d);
    else if (!strcmp(k, "gridColor")) get_color(c, v, &a->grid_color, d);
    else if (!strcmp(k, "domainColor")) get_color(c, v, &a->domain_color, d);
  }
}

static void parse_legend(chart *c, const spec_node *n, vl_legend_spec *l, diag_list *d) {
  if (spec_is_null(n)) {
    l->hidden = 1;
    return;
  }
  if (n->kind != SPEC_MAP) {
    diag_spec_error(d, L(c, n), "'legend' must be a mapping or null, found %s", spec_describe(c->a, n));
    return;
  }
  vl_check_keys(c, n, NULL, &vl_legend_table, d);
  for (int i = 0; i < n->n; i++) {
    const char *k = n->keys[i]->str;
    const spec_node *v = n->items[i];
    if (!strcmp(k, "title")) get_text(c, v, &l->title, &l->title_null, d);
    else if (!strcmp(k, "format")) check_format(c, v, &l->format, 0, d);
    else if (!strcmp(k, "orient")) {
      int o2 = enum_index(c, v, E(&vl_legend_table, "orient"), "legend orient", d);
      if (o2 >= 0) l->orient = o2 > 4 ? (o2 <= 6 ? OR_TOP : OR_BOTTOM) : o2 == 4 ? OR_RIGHT : o2;
    } else if (!strcmp(k, "columns")) {
      get_columns(c, v, &l->columns, d);
    } else if (!strcmp(k, "direction")) {
      l->direction = enum_index(c, v, E(&vl_legend_table, "direction"), "legend direction", d);
    }
  }
}

/* ---- channels ---- */

int vl_agg_parse(const char *s) {
  for (int i = 1; vl_agg_names[i]; i++)
    if (!strcmp(vl_agg_names[i], s)) return i < AG_LAST ? i : AG_MEAN; /* after AG_*: "average" */
  return -1;
}

int vl_timeunit_parse(const char *s) {
  if (!strncmp(s, "utc", 3)) s += 3;
  for (int i = 1; vl_timeunit_names[i]; i++)
    if (!strcmp(vl_timeunit_names[i], s)) return i;
  return -1;
}

static void parse_sort(chart *c, const spec_node *v, vl_channel *ch, diag_list *d) {
  if (spec_is_null(v)) {
    ch->sort = SORT_NONE;
    return;
  }
  if (v->kind == SPEC_SEQ) {
    ch->sort = SORT_ARRAY;
    ch->sort_list = v;
    return;
  }
  if (v->kind == SPEC_SCALAR) {
    if (!strcmp(v->str, "ascending")) ch->sort = SORT_ASC;
    else if (!strcmp(v->str, "descending")) ch->sort = SORT_DESC;
    else {
      const char *s = v->str;
      int desc = 0;
      if (*s == '-') {
        desc = 1;
        s++;
      }
      int k = -1;
      for (int i = 0; i < CH_LAST; i++)
        if (!strcmp(CHN(i), s)) k = i;
      if (k < 0) {
        static const char *const opts[] = {"ascending", "descending", "x", "y", "-x", "-y", "color", "-color",
                                           "text", "size", NULL};
        const char *sg = keys_suggest(v->str, opts, -1);
        diag_spec_error(d, L(c, v), "unknown sort '%s'%s%s%s (use ascending, descending, an encoding like \"-y\", a list, or {field, op, order})",
                        v->str, sg ? " (did you mean '" : "", sg ? sg : "", sg ? "'?)" : "");
        return;
      }
      ch->sort = SORT_CHANNEL;
      ch->sort_channel = k;
      ch->sort_op = desc;
    }
    return;
  }
  /* {field, op, order} or {encoding, order} */
  vl_check_keys(c, v, NULL, &vl_sort_table, d);
  const spec_node *f = spec_map_get(v, "field"), *op = spec_map_get(v, "op"), *order = spec_map_get(v, "order"),
                  *enc = spec_map_get(v, "encoding");
  int desc = order && order->kind == SPEC_SCALAR && !strcmp(order->str, "descending");
  if (enc && enc->kind == SPEC_SCALAR) {
    for (int i = 0; i < CH_LAST; i++)
      if (!strcmp(CHN(i), enc->str)) {
        ch->sort = SORT_CHANNEL;
        ch->sort_channel = i;
        ch->sort_op = desc;
        return;
      }
    diag_spec_error(d, L(c, enc), "unknown encoding channel '%s' in sort", enc->str);
    return;
  }
  ch->sort = f || op ? SORT_FIELD : (desc ? SORT_DESC : SORT_ASC);
  ch->sort_field = f && f->kind == SPEC_SCALAR ? f->str : NULL;
  ch->sort_op = AG_SUM;
  if (op) {
    int a = op->kind == SPEC_SCALAR ? vl_agg_parse(op->str) : -1;
    if (a < 0) enum_index(c, op, vl_agg_names, "sort op", d);
    else ch->sort_op = a;
  } else if (!f) {
    ch->sort_op = AG_NONE;
  }
  if (desc) ch->sort_op |= 0x100;
}

/* {"repeat": "row"} inside a repeated view: the current value. */
static const char *repeat_ref(chart *c, const spec_node *f, diag_list *d) {
  const char *const *rk = E(&vl_repeat_ref_table, "repeat");
  const spec_node *r = spec_map_get(f, "repeat");
  vl_check_keys(c, f, NULL, &vl_repeat_ref_table, d);
  int i = enum_index(c, r, rk, "repeat reference", d);
  if (i < 0) return NULL;
  if (!c->rep[i]) {
    diag_spec_error(d, L(c, r), "{repeat: %s} is used outside a view that repeats by '%s'", rk[i], rk[i]);
    return NULL;
  }
  return c->rep[i];
}

/* condition: {test, value} or a list of them.  Selections (param) are
 * interactive and not supported. */
static void parse_condition(chart *c, int k, const spec_node *n, vl_channel *ch, diag_list *d) {
  (void)k;
  int cnt = n->kind == SPEC_SEQ ? n->n : 1;
  ch->cond_test = arena_alloc_array(c->a, (size_t)cnt + 1, sizeof *ch->cond_test);
  ch->cond_value = arena_alloc_array(c->a, (size_t)cnt + 1, sizeof *ch->cond_value);
  ch->cond_node = arena_alloc_array(c->a, (size_t)cnt + 1, sizeof *ch->cond_node);
  for (int i = 0; i < cnt; i++) {
    const spec_node *e = n->kind == SPEC_SEQ ? n->items[i] : n;
    if (e->kind != SPEC_MAP) {
      diag_spec_error(d, L(c, e), "a condition must be a mapping {test, value}, found %s", spec_describe(c->a, e));
      continue;
    }
    for (int j = 0; j < e->n; j++) {
      const char *key = e->keys[j]->str;
      if (!strcmp(key, "param") || !strcmp(key, "selection") || !strcmp(key, "empty"))
        diag_spec_error(d, L(c, e->keys[j]), "'%s' in a condition is not supported (huitu renders static charts; use 'test')", key);
    }
    int bad = 0;
    for (int j = 0; j < e->n; j++) {
      const char *key = e->keys[j]->str;
      if (!strcmp(key, "param") || !strcmp(key, "selection") || !strcmp(key, "empty")) bad = 1;
    }
    if (bad) continue;
    vl_check_keys(c, e, NULL, &vl_condition_table, d);
    const spec_node *t = spec_map_get(e, "test"), *v = spec_map_get(e, "value");
    if (!t || !v) {
      diag_spec_error(d, L(c, e), "a condition needs 'test' (an expression) and 'value'");
      continue;
    }
    if (t->kind != SPEC_SCALAR) {
      diag_spec_error(d, L(c, t), "'test' must be an expression string (like \"datum.b > 50\"), found %s", spec_describe(c->a, t));
      continue;
    }
    char err[256];
    size_t off = 0;
    expr *x = expr_compile(t->str, t->len, err, sizeof err, &off);
    if (!x) {
      diag_spec_error(d, L(c, t), "invalid expression (at character %d): %s", (int)off + 1, err);
      continue;
    }
    expr_free(x);
    ch->cond_test[ch->ncond] = t->str;
    ch->cond_node[ch->ncond] = t;
    ch->cond_value[ch->ncond] = cell_from_node(v);
    ch->ncond++;
  }
}

static void channel_defaults(vl_channel *ch) {
  memset(ch, 0, sizeof *ch);
  ch->scale.zero = ch->scale.nice = ch->scale.reverse = ch->scale.clamp = -1;
  ch->scale.padding = ch->scale.padding_inner = ch->scale.padding_outer = NAN;
  ch->scale.exponent = ch->scale.base = ch->scale.constant = ch->scale.domain_mid = NAN;
  axis_defaults(&ch->axis);
  ch->legend.orient = OR_AUTO;
  ch->legend.direction = -1;
  ch->band_position = NAN;
}

static void parse_channel(chart *c, int k, const spec_node *n, vl_channel *ch, diag_list *d) {
  channel_defaults(ch);
  ch->on = 1;
  ch->node = n;
  if (k == CH_DETAIL || k == CH_TOOLTIP || k == CH_ORDER) {
    if (n->kind == SPEC_SEQ) { /* several fields: use the first for grouping */
      if (k == CH_TOOLTIP) {
        ch->on = 0;
        return;
      }
      if (n->n == 0) {
        ch->on = 0;
        return;
      }
      n = n->items[0];
    }
    if (k == CH_TOOLTIP && spec_is_null(n)) {
      ch->on = 0;
      return;
    }
  }
  if (n->kind != SPEC_MAP) {
    diag_spec_error(d, L(c, n), "encoding '%s' must be a mapping like {field: a, type: quantitative}, found %s",
                    CHN(k), spec_describe(c->a, n));
    ch->on = 0;
    return;
  }
  vl_check_keys(c, n, arena_printf(c->a, "encoding '%s'", CHN(k)), &vl_channel_table, d);
  const spec_node *f = spec_map_get(n, "field"), *t = spec_map_get(n, "type"), *v = spec_map_get(n, "value"),
                  *dt = spec_map_get(n, "datum"), *ag = spec_map_get(n, "aggregate"), *tu = spec_map_get(n, "timeUnit");
  if (f) {
    if (f->kind == SPEC_MAP && spec_map_get(f, "repeat"))
      ch->field = repeat_ref(c, f, d);
    else if (f->kind != SPEC_SCALAR || spec_is_null(f))
      diag_spec_error(d, L(c, f), "'field' must be a field name, found %s", spec_describe(c->a, f));
    else
      ch->field = f->str;
  }
  if (v) {
    ch->has_value = 1;
    ch->value = cell_from_node(v);
  }
  if (dt) {
    ch->has_datum = 1;
    if (dt->kind == SPEC_MAP && spec_map_get(dt, "repeat")) {
      const char *r = repeat_ref(c, dt, d);
      ch->datum = r ? (cell){EXPR_STR, 0, r, 0} : (cell){0};
    } else {
      ch->datum = cell_from_node(dt);
    }
  }
  const spec_node *cond = spec_map_get(n, "condition");
  if (cond) parse_condition(c, k, cond, ch, d);
  if (ag) {
    int a = ag->kind == SPEC_SCALAR ? vl_agg_parse(ag->str) : -1;
    if (a < 0) {
      static const char *const more[] = {"q1", "q3", "stdev", "variance", "argmin", "argmax", "ci0", "ci1",
                                         "stderr", "product", "values", "missing", NULL};
      int known = 0;
      for (int i = 0; ag->kind == SPEC_SCALAR && more[i]; i++) known |= !strcmp(more[i], ag->str);
      if (known) diag_spec_error(d, L(c, ag), "aggregate '%s' is not supported (count, sum, mean, median, min, max, distinct)", ag->str);
      else enum_index(c, ag, vl_agg_names, "aggregate", d);
    } else {
      ch->agg = a;
    }
  }
  if (tu) {
    const spec_node *unit = tu->kind == SPEC_MAP ? spec_map_get(tu, "unit") : tu;
    int a = unit && unit->kind == SPEC_SCALAR ? vl_timeunit_parse(unit->str) : -1;
    if (a < 0) enum_index(c, unit ? unit : tu, vl_timeunit_names, "timeUnit", d);
    else ch->timeunit = a;
  }
  const spec_node *bin = spec_map_get(n, "bin");
  if (bin && !spec_is_null(bin) && !(bin->kind == SPEC_SCALAR && !strcmp(bin->str, "false"))) {
    if (bin->kind == SPEC_SCALAR && !strcmp(bin->str, "binned")) {
      ch->bin = 2;
    } else if (bin->kind == SPEC_SCALAR && !strcmp(bin->str, "true")) {
      ch->bin = 1;
    } else if (bin->kind == SPEC_MAP) {
      vl_check_keys(c, bin, NULL, &vl_bin_table, d);
      const spec_node *x;
      double tmp;
      if ((x = spec_map_get(bin, "maxbins")) && get_num(c, x, &tmp, d) == 0 && tmp < 2)
        diag_spec_error(d, L(c, x), "'maxbins' must be at least 2");
      if ((x = spec_map_get(bin, "step")) && get_num(c, x, &tmp, d) == 0 && !(tmp > 0))
        diag_spec_error(d, L(c, x), "'step' must be positive");
      if ((x = spec_map_get(bin, "extent")) && (x->kind != SPEC_SEQ || x->n != 2))
        diag_spec_error(d, L(c, x), "'extent' must be a list of two numbers");
      x = spec_map_get(bin, "binned");
      ch->bin = x && x->kind == SPEC_SCALAR && !strcmp(x->str, "true") ? 2 : 1;
    } else {
      diag_spec_error(d, L(c, bin), "'bin' must be true, \"binned\" or a mapping like {maxbins: 20}, found %s",
                      spec_describe(c->a, bin));
    }
    ch->bin_node = bin;
  }
  if (t) {
    int ty = enum_index(c, t, vl_type_names, "type", d);
    if (ty > 0) ch->type = ty;
    if (t->kind == SPEC_SCALAR && !strcmp(t->str, "geojson"))
      diag_spec_error(d, L(c, t), "type 'geojson' is not supported");
  }
  if (ch->field && !ch->type) {
    if (ch->bin) ch->type = TY_Q;
    else if (ch->timeunit) ch->type = TY_O;
    else if (ch->agg) ch->type = TY_Q;
    else if (k == CH_THETA || k == CH_RADIUS || k == CH_SIZE || k == CH_OPACITY || k == CH_X2 || k == CH_Y2)
      ch->type = TY_Q;
    else if (k == CH_ORDER) ch->type = TY_O;
    else ch->type = TY_N; /* Vega-Lite 5: nominal when not given */
  }
  if (ch->agg == AG_COUNT && !ch->type) ch->type = TY_Q;
  if (ch->agg == AG_COUNT && !ch->field) ch->field = NULL;
  if (ch->has_datum && !ch->type) ch->type = ch->datum.type == EXPR_NUM ? TY_Q : TY_N;
  if (!ch->field && !ch->has_value && !ch->has_datum && ch->agg != AG_COUNT && k != CH_TOOLTIP && !ch->ncond)
    diag_spec_error(d, L(c, n), "encoding '%s' needs a 'field', 'value' or 'datum'", CHN(k));
  for (int i = 0; i < n->n; i++) {
    const char *key = n->keys[i]->str;
    const spec_node *val = n->items[i];
    if (!strcmp(key, "title")) get_text(c, val, &ch->title, &ch->title_null, d);
    else if (!strcmp(key, "sort")) parse_sort(c, val, ch, d);
    else if (!strcmp(key, "stack")) {
      if (spec_is_null(val) || (val->kind == SPEC_SCALAR && !strcmp(val->str, "false"))) ch->stack = STK_NONE;
      else if (val->kind == SPEC_SCALAR && !strcmp(val->str, "true")) ch->stack = STK_ZERO;
      else {
        int s = enum_index(c, val, E(&vl_channel_table, "stack"), "stack", d);
        if (s > 0) ch->stack = s;
      }
    } else if (!strcmp(key, "scale")) {
      if (spec_is_null(val)) ch->scale_null = 1;
      else parse_scale(c, val, &ch->scale, d);
    } else if (!strcmp(key, "axis")) parse_axis(c, val, &ch->axis, d);
    else if (!strcmp(key, "legend")) parse_legend(c, val, &ch->legend, d);
    else if (!strcmp(key, "formatType")) ch->format_time = val->kind == SPEC_SCALAR && !strcmp(val->str, "time");
    else if (!strcmp(key, "bandPosition")) get_num(c, val, &ch->band_position, d);
  }
  const spec_node *fm = spec_map_get(n, "format");
  if (fm) check_format(c, fm, &ch->format, ch->format_time || ch->type == TY_T || ch->timeunit, d);
  if (ch->axis.format && (ch->type == TY_T || ch->timeunit)) ch->axis.format_time = 1;
}

/* ---- mark ---- */

static void parse_mark(chart *c, const spec_node *n, vl_mark *m, diag_list *d) {
  memset(m, 0, sizeof *m);
  m->node = n;
  m->opacity = m->fill_opacity = m->stroke_opacity = m->stroke_width = m->size = NAN;
  m->corner_radius = m->corner_radius_end = m->inner_radius = m->outer_radius = m->radius = NAN;
  m->pad_angle = m->thickness = m->font_size = m->dx = m->dy = m->angle = m->band_size = NAN;
  m->theta_offset = m->radius_offset = NAN;
  m->filled = m->point = m->line = m->orient = m->align = m->baseline = m->clip = -1;
  const spec_node *type = n;
  if (n->kind == SPEC_MAP) {
    type = spec_map_get(n, "type");
    if (!type) {
      diag_spec_error(d, L(c, n), "a mark definition needs a 'type' (bar, line, area, point, ...)");
      m->type = MK_POINT;
      return;
    }
  }
  if (type->kind == SPEC_SCALAR) {
    for (int i = 0; vl_mark_unsupported[i]; i++)
      if (!strcmp(vl_mark_unsupported[i], type->str)) {
        diag_spec_error(d, L(c, type), "mark '%s' is not supported (bar, line, area, point, circle, square, rule, tick, rect, text, arc)", type->str);
        m->type = MK_POINT;
        return;
      }
  }
  int t = enum_index(c, type, vl_mark_names, "mark", d);
  m->type = t < 0 ? MK_POINT : t;
  if (n->kind != SPEC_MAP) return;
  vl_check_keys(c, n, NULL, &vl_mark_table, d);
  for (int i = 0; i < n->n; i++) {
    const char *k = n->keys[i]->str;
    const spec_node *v = n->items[i];
    if (!strcmp(k, "color")) get_color(c, v, &m->color, d);
    else if (!strcmp(k, "fill")) get_color(c, v, &m->fill, d);
    else if (!strcmp(k, "stroke")) get_color(c, v, &m->stroke, d);
    else if (!strcmp(k, "opacity")) get_num(c, v, &m->opacity, d);
    else if (!strcmp(k, "fillOpacity")) get_num(c, v, &m->fill_opacity, d);
    else if (!strcmp(k, "strokeOpacity")) get_num(c, v, &m->stroke_opacity, d);
    else if (!strcmp(k, "strokeWidth")) get_num(c, v, &m->stroke_width, d);
    else if (!strcmp(k, "size")) get_num(c, v, &m->size, d);
    else if (!strcmp(k, "cornerRadius")) get_num(c, v, &m->corner_radius, d);
    else if (!strcmp(k, "cornerRadiusEnd")) get_num(c, v, &m->corner_radius_end, d);
    else if (!strcmp(k, "innerRadius")) get_num(c, v, &m->inner_radius, d);
    else if (!strcmp(k, "outerRadius")) get_num(c, v, &m->outer_radius, d);
    else if (!strcmp(k, "radius")) get_num(c, v, &m->radius, d);
    else if (!strcmp(k, "padAngle")) get_num(c, v, &m->pad_angle, d);
    else if (!strcmp(k, "thickness")) get_num(c, v, &m->thickness, d);
    else if (!strcmp(k, "fontSize")) get_num(c, v, &m->font_size, d);
    else if (!strcmp(k, "dx")) get_num(c, v, &m->dx, d);
    else if (!strcmp(k, "dy")) get_num(c, v, &m->dy, d);
    else if (!strcmp(k, "angle")) get_num(c, v, &m->angle, d);
    else if (!strcmp(k, "theta")) get_num(c, v, &m->theta_offset, d);
    else if (!strcmp(k, "radiusOffset")) get_num(c, v, &m->radius_offset, d);
    else if (!strcmp(k, "filled")) get_bool(c, v, &m->filled, d);
    else if (!strcmp(k, "clip")) get_bool(c, v, &m->clip, d);
    else if (!strcmp(k, "width") || !strcmp(k, "height")) {
      if (v->kind == SPEC_MAP) {
        const spec_node *b = spec_map_get(v, "band");
        if (b) get_num(c, b, &m->band_size, d);
      } else {
        double px;
        if (get_num(c, v, &px, d) == 0) m->band_size = -px; /* negative: absolute px */
      }
    } else if (!strcmp(k, "interpolate")) {
      int x = enum_index(c, v, E(&vl_mark_table, "interpolate"), "interpolate", d);
      if (x >= 0) m->interpolate = x > INTERP_CARDINAL ? INTERP_MONOTONE : x;
    } else if (!strcmp(k, "point")) {
      if (v->kind == SPEC_MAP) m->point = 1;
      else if (v->kind == SPEC_SCALAR && !strcmp(v->str, "transparent")) m->point = 0;
      else get_bool(c, v, &m->point, d);
    } else if (!strcmp(k, "line")) {
      if (v->kind == SPEC_MAP) m->line = 1;
      else get_bool(c, v, &m->line, d);
    } else if (!strcmp(k, "orient")) {
      m->orient = enum_index(c, v, E(&vl_mark_table, "orient"), "orient", d);
    } else if (!strcmp(k, "align")) {
      m->align = enum_index(c, v, E(&vl_mark_table, "align"), "align", d);
    } else if (!strcmp(k, "baseline")) {
      int b = enum_index(c, v, E(&vl_mark_table, "baseline"), "baseline", d);
      m->baseline = b == 3 ? 2 : b == 4 ? 0 : b == 5 ? 2 : b;
    } else if (!strcmp(k, "fontWeight")) {
      m->font_weight = v->kind == SPEC_SCALAR && (!strcmp(v->str, "bold") || atoi(v->str) >= 600);
    } else if (!strcmp(k, "text")) {
      spec_text t2 = {0};
      int nul = 0;
      get_text(c, v, &t2, &nul, d);
      m->text = t2.s;
    } else if (!strcmp(k, "shape")) {
      if (v->kind == SPEC_SCALAR) m->shape = v->str;
    } else if (!strcmp(k, "strokeDash")) {
      if (v->kind != SPEC_SEQ) {
        diag_spec_error(d, L(c, v), "'strokeDash' must be a list of lengths, found %s", spec_describe(c->a, v));
      } else {
        for (int j = 0; j < v->n && j < 4; j++) get_num(c, v->items[j], &m->dash[m->ndash++], d);
      }
    } else if (!strcmp(k, "tooltip") || !strcmp(k, "invalid") || !strcmp(k, "style") || !strcmp(k, "aria")) {
      /* no effect on a static chart */
    }
  }
}

/* ---- views ---- */

static void parse_size(chart *c, const spec_node *n, double *v, double *step, int *container, diag_list *d) {
  if (!n) return;
  if (n->kind == SPEC_MAP) {
    vl_check_keys(c, n, NULL, &vl_size_table, d);
    const spec_node *s = spec_map_get(n, "step");
    if (!s) diag_spec_error(d, L(c, n), "a size mapping needs 'step' (px per category)");
    else get_num(c, s, step, d);
    return;
  }
  if (n->kind == SPEC_SCALAR && !strcmp(n->str, "container")) {
    *container = 1;
    return;
  }
  const vl_key *k = vl_table_key(&vl_spec_table, "width"); /* height has the same range */
  if (get_num(c, n, v, d) == 0 && (*v <= k->min || *v > k->max)) {
    diag_spec_error(d, L(c, n), "chart size must be between 1 and %g px, found %s", k->max, n->str);
    *v = NAN;
  }
}

static void parse_title(chart *c, const spec_node *n, vl_view *v, diag_list *d) {
  if (!n) return;
  int nul = 0;
  if (n->kind == SPEC_MAP) {
    vl_check_keys(c, n, NULL, &vl_title_table, d);
    get_text(c, spec_map_get(n, "text"), &v->title, &nul, d);
    get_text(c, spec_map_get(n, "subtitle"), &v->subtitle, &nul, d);
    return;
  }
  get_text(c, n, &v->title, &nul, d);
}

const char *vl_base_dir(chart *c) {
  const char *p = c->doc->path ? c->doc->path : "";
  const char *slash = strrchr(p, '/');
  if (!slash) return ".";
  return arena_strndup(c->a, p, (size_t)(slash - p));
}

static dtable *view_data(chart *c, const spec_node *n, dtable *parent, diag_list *d) {
  const spec_node *data = spec_map_get(n, "data");
  dtable *t = parent;
  if (data && !spec_is_null(data)) t = data_load(c->doc, data, vl_base_dir(c), c->a, d);
  const spec_node *tr = spec_map_get(n, "transform");
  if (tr && t && t == parent) { /* transforms change their input: keep the parent's rows for siblings */
    dtable *cp = dtable_like(parent, c->a);
    for (int r = 0; r < parent->nrows; r++)
      memcpy(dtable_add_row(cp), dtable_row(parent, r), (size_t)parent->ncols * sizeof(cell));
    t = cp;
  }
  if (tr && t) t = transform_apply(c->doc, tr, t, c->a, d);
  return t;
}

#define MAX_ENC 8
typedef struct enc_chain {
  const spec_node *e[MAX_ENC];
  int n;
} enc_chain;

static vl_view *parse_view(chart *c, const spec_node *n, dtable *data, enc_chain enc, diag_list *d, int top);

static void parse_unit_encoding(chart *c, vl_unit *u, enc_chain *enc, diag_list *d) {
  for (int e = 0; e < enc->n; e++) {
    const spec_node *m = enc->e[e];
    if (!m) continue;
    if (m->kind != SPEC_MAP) {
      diag_spec_error(d, L(c, m), "'encoding' must be a mapping of channels, found %s", spec_describe(c->a, m));
      continue;
    }
    if (e == enc->n - 1) vl_check_keys(c, m, NULL, &vl_encoding_table, d);
    for (int i = 0; i < m->n; i++)
      for (int k = 0; k < CH_LAST; k++)
        if (!strcmp(CHN(k), m->keys[i]->str)) {
          if (spec_is_null(m->items[i])) u->ch[k].on = 0;
          else parse_channel(c, k, m->items[i], &u->ch[k], d);
        }
  }
}

static int check_common(chart *c, const spec_node *n, diag_list *d) {
  if (n->kind != SPEC_MAP) {
    diag_spec_error(d, L(c, n), "a Vega-Lite view must be a mapping, found %s", spec_describe(c->a, n));
    return -1;
  }
  vl_check_keys(c, n, NULL, &vl_spec_table, d);
  return 0;
}

static vl_view *parse_repeat(chart *c, const spec_node *n, vl_view *v, const spec_node *repeat,
                             const spec_node *spec, dtable *own, enc_chain enc, diag_list *d);

static vl_view *parse_view(chart *c, const spec_node *n, dtable *data, enc_chain enc, diag_list *d, int top) {
  if (check_common(c, n, d) < 0) return NULL;
  vl_view *v = arena_alloc(c->a, sizeof *v);
  v->node = n;
  v->width = v->height = v->width_step = v->height_step = NAN;
  parse_size(c, spec_map_get(n, "width"), &v->width, &v->width_step, &v->width_container, d);
  parse_size(c, spec_map_get(n, "height"), &v->height, &v->height_step, &v->height_container, d);
  parse_title(c, spec_map_get(n, "title"), v, d);
  if (!top) {
    for (int i = 0; i < vl_spec_table.n; i++) {
      const vl_key *key = &vl_spec_table.keys[i];
      const spec_node *k = (key->flags & VLF_TOP) ? spec_map_get(n, key->name) : NULL;
      if (k) diag_spec_error(d, L(c, k), "'%s' is only allowed at the top level of a Vega-Lite spec", key->name);
    }
  }
  const spec_node *resolve = spec_map_get(n, "resolve");
  if (resolve && resolve->kind == SPEC_MAP) {
    for (int g = 0; g < resolve->n; g++) {
      const spec_node *grp = resolve->items[g];
      if (grp->kind != SPEC_MAP) continue;
      for (int i = 0; i < grp->n; i++)
        for (int k = 0; k < CH_LAST; k++)
          if (!strcmp(CHN(k), grp->keys[i]->str) && grp->items[i]->kind == SPEC_SCALAR &&
              !strcmp(grp->items[i]->str, "independent"))
            v->resolve_independent[k] = 1;
    }
  }
  dtable *own = view_data(c, n, data, d);
  const spec_node *layer = spec_map_get(n, "layer"), *mark = spec_map_get(n, "mark"),
                  *facet = spec_map_get(n, "facet"), *spec = spec_map_get(n, "spec");
  const spec_node *repeat = spec_map_get(n, "repeat");
  if (repeat) return parse_repeat(c, n, v, repeat, spec, own, enc, d);
  const char *cc[] = {"hconcat", "vconcat", "concat"};
  for (int i = 0; i < 3; i++) {
    const spec_node *list = spec_map_get(n, cc[i]);
    if (!list) continue;
    v->kind = V_HCONCAT + i;
    if (list->kind != SPEC_SEQ || list->n == 0) {
      diag_spec_error(d, L(c, list), "'%s' must be a non-empty list of views", cc[i]);
      return NULL;
    }
    v->nkids = list->n;
    v->kids = arena_alloc_array(c->a, (size_t)list->n, sizeof *v->kids);
    enc_chain none = {{0}, 0};
    for (int k = 0; k < list->n; k++) v->kids[k] = parse_view(c, list->items[k], own, none, d, 0);
    const spec_node *cols = spec_map_get(n, "columns");

    if (cols) get_columns(c, cols, &v->columns, d);
    return v;
  }
  if (facet) {
    v->kind = V_FACET;
    if (!spec) {
      diag_spec_error(d, L(c, n), "a facet spec needs 'spec' (the view drawn in each cell)");
      return NULL;
    }
    if (facet->kind != SPEC_MAP) {
      diag_spec_error(d, L(c, facet), "'facet' must be a mapping, found %s", spec_describe(c->a, facet));
      return NULL;
    }
    const spec_node *row = spec_map_get(facet, "row"), *col = spec_map_get(facet, "column");
    if (row || col) {
      vl_check_keys(c, facet, NULL, &vl_facet_table, d);
      if (row) parse_channel(c, CH_ROW, row, &v->frow, d);
      if (col) parse_channel(c, CH_COLUMN, col, &v->fcol, d);
    } else {
      parse_channel(c, CH_FACET, facet, &v->fcol, d);
      const spec_node *cols = spec_map_get(n, "columns");

      if (cols) get_columns(c, cols, &v->columns, d);
    }
    v->fdata = own;
    v->nkids = 1;
    v->kids = arena_alloc(c->a, sizeof *v->kids);
    enc_chain none = {{0}, 0};
    v->kids[0] = parse_view(c, spec, own, none, d, 0);
    return v->kids[0] ? v : NULL;
  }
  const spec_node *encoding = spec_map_get(n, "encoding");
  if (enc.n < MAX_ENC) enc.e[enc.n++] = encoding;
  if (layer) {
    v->kind = V_LAYER;
    if (layer->kind != SPEC_SEQ || layer->n == 0) {
      diag_spec_error(d, L(c, layer), "'layer' must be a non-empty list of views");
      return NULL;
    }
    v->nkids = layer->n;
    v->kids = arena_alloc_array(c->a, (size_t)layer->n, sizeof *v->kids);
    for (int k = 0; k < layer->n; k++) v->kids[k] = parse_view(c, layer->items[k], own, enc, d, 0);
    return v;
  }
  if (!mark) {
    diag_spec_error(d, L(c, n), "a Vega-Lite view needs 'mark' (or layer, hconcat, vconcat, concat, facet)");
    return NULL;
  }
  v->kind = V_UNIT;
  vl_unit *u = v->unit = arena_alloc(c->a, sizeof *u);
  parse_mark(c, mark, &u->mark, d);
  parse_unit_encoding(c, u, &enc, d);
  u->src = own;
  if (!own) {
    if (!spec_map_get(n, "data"))
      diag_spec_error(d, L(c, n), "the chart has no 'data' (give data: {values: [...]} here or on a parent view)");
    u->src = dtable_new(c->a);
  }
  /* row/column/facet in a unit's encoding: a facet around it. */
  if (u->ch[CH_ROW].on || u->ch[CH_COLUMN].on || u->ch[CH_FACET].on) {
    vl_view *f = arena_alloc(c->a, sizeof *f);
    *f = *v;
    f->kind = V_FACET;
    f->unit = NULL;
    f->frow = u->ch[CH_ROW];
    f->fcol = u->ch[CH_FACET].on ? u->ch[CH_FACET] : u->ch[CH_COLUMN];
    if (u->ch[CH_FACET].on) {
      const spec_node *cols = spec_map_get(u->ch[CH_FACET].node, "columns");

      if (cols) get_columns(c, cols, &f->columns, d);
    }
    f->fdata = u->src;
    f->nkids = 1;
    f->kids = arena_alloc(c->a, sizeof *f->kids);
    f->kids[0] = v;
    f->title.s = NULL;
    f->subtitle.s = NULL;
    v->title = (spec_text){0};
    v->subtitle = (spec_text){0};
    f->width = f->height = f->width_step = f->height_step = NAN;
    f->width_container = f->height_container = 0;
    return f;
  }
  return v;
}

/* repeat: the inner spec once per value, with {"repeat": "row"|"column"|
 * "layer"|"repeat"} field references resolved.  A list or row/column makes
 * a concat grid (columns = the column count), layer a layer. */
static vl_view *parse_repeat(chart *c, const spec_node *n, vl_view *v, const spec_node *repeat,
                             const spec_node *spec, dtable *own, enc_chain enc, diag_list *d) {
  if (!spec) {
    diag_spec_error(d, L(c, n), "a repeat spec needs 'spec' (the view to repeat)");
    return NULL;
  }
  const spec_node *lists[4] = {NULL, NULL, NULL, NULL}; /* row, column, layer, repeat */
  if (repeat->kind == SPEC_SEQ) {
    lists[3] = repeat;
  } else if (repeat->kind == SPEC_MAP) {
    vl_check_keys(c, repeat, NULL, &vl_repeat_table, d);
    for (int i = 0; i < 3; i++) lists[i] = spec_map_get(repeat, vl_repeat_table.keys[i].name); /* row, column, layer */
  } else {
    diag_spec_error(d, L(c, repeat), "'repeat' must be a list of fields or a mapping {row, column, layer}, found %s",
                    spec_describe(c->a, repeat));
    return NULL;
  }
  int cnt[4];
  for (int i = 0; i < 4; i++) {
    cnt[i] = 1;
    if (!lists[i]) continue;
    if (lists[i]->kind != SPEC_SEQ || lists[i]->n == 0) {
      diag_spec_error(d, L(c, lists[i]), "repeat values must be a non-empty list of field names, found %s",
                      spec_describe(c->a, lists[i]));
      return NULL;
    }
    for (int j = 0; j < lists[i]->n; j++)
      if (lists[i]->items[j]->kind != SPEC_SCALAR) {
        diag_spec_error(d, L(c, lists[i]->items[j]), "a repeat value must be a field name, found %s",
                        spec_describe(c->a, lists[i]->items[j]));
        return NULL;
      }
    cnt[i] = lists[i]->n;
  }
  const char *saved[4];
  memcpy(saved, c->rep, sizeof saved);
  enc_chain none = {{0}, 0};
  (void)enc;
  if (lists[2] && !lists[0] && !lists[1]) { /* layer repeat */
    v->kind = V_LAYER;
    v->nkids = cnt[2];
    v->kids = arena_alloc_array(c->a, (size_t)v->nkids, sizeof *v->kids);
    for (int k = 0; k < cnt[2]; k++) {
      c->rep[2] = lists[2]->items[k]->str;
      v->kids[k] = parse_view(c, spec, own, none, d, 0);
    }
    memcpy(c->rep, saved, sizeof saved);
    return v;
  }
  v->kind = V_CONCAT;
  if (lists[3]) {
    v->nkids = cnt[3];
    const spec_node *cols = spec_map_get(n, "columns");

    if (cols) get_columns(c, cols, &v->columns, d);
  } else {
    v->nkids = cnt[0] * cnt[1];
    v->columns = cnt[1];
  }
  v->kids = arena_alloc_array(c->a, (size_t)v->nkids, sizeof *v->kids);
  for (int k = 0; k < v->nkids; k++) {
    if (lists[3]) c->rep[3] = lists[3]->items[k]->str;
    else {
      if (lists[0]) c->rep[0] = lists[0]->items[k / cnt[1]]->str;
      if (lists[1]) c->rep[1] = lists[1]->items[k % cnt[1]]->str;
    }
    if (lists[2]) { /* row/column x layer: each cell a layer */
      vl_view *lv = arena_alloc(c->a, sizeof *lv);
      lv->kind = V_LAYER;
      lv->node = spec;
      lv->width = lv->height = lv->width_step = lv->height_step = NAN;
      lv->nkids = cnt[2];
      lv->kids = arena_alloc_array(c->a, (size_t)cnt[2], sizeof *lv->kids);
      for (int q = 0; q < cnt[2]; q++) {
        c->rep[2] = lists[2]->items[q]->str;
        lv->kids[q] = parse_view(c, spec, own, none, d, 0);
      }
      v->kids[k] = lv;
    } else {
      v->kids[k] = parse_view(c, spec, own, none, d, 0);
    }
  }
  memcpy(c->rep, saved, sizeof saved);
  return v;
}

vl_view *vl_parse(chart *c, const spec_node *n, dtable *parent_data, const spec_node *parent_enc,
                  const spec_node *parent_mark, diag_list *d, int top) {
  (void)parent_mark;
  enc_chain enc = {{0}, 0};
  if (parent_enc) enc.e[enc.n++] = parent_enc;
  return parse_view(c, n, parent_data, enc, d, top);
}

void vl_parse_config(chart *c, const spec_node *cfg, diag_list *d) {
  vl_config *k = &c->cfg;
  if (!cfg) return;
  if (cfg->kind != SPEC_MAP) {
    diag_spec_error(d, L(c, cfg), "'config' must be a mapping, found %s", spec_describe(c->a, cfg));
    return;
  }
  vl_check_keys(c, cfg, NULL, &vl_config_table, d);
  for (int i = 0; i < cfg->n; i++) {
    const char *g = cfg->keys[i]->str;
    const spec_node *v = cfg->items[i];
    if (!strcmp(g, "font") && v->kind == SPEC_SCALAR) k->font = v->str;
    else if (!strcmp(g, "background")) get_color(c, v, &c->background, d);
    else if (!strcmp(g, "range") && v->kind == SPEC_MAP) k->range_category = spec_map_get(v, "category");
    if (v->kind != SPEC_MAP) continue;
    if (!strncmp(g, "axis", 4)) {
      const spec_node *x;
      if ((x = spec_map_get(v, "labelFontSize"))) get_num(c, x, &k->label_size, d);
      if ((x = spec_map_get(v, "titleFontSize"))) get_num(c, x, &k->title_size, d);
      if ((x = spec_map_get(v, "labelColor"))) get_color(c, x, &k->muted, d);
      if ((x = spec_map_get(v, "titleColor"))) get_color(c, x, &k->ink, d);
      if ((x = spec_map_get(v, "gridColor"))) get_color(c, x, &k->grid, d);
      if ((x = spec_map_get(v, "domainColor"))) get_color(c, x, &k->domain, d);
      if ((x = spec_map_get(v, "grid"))) get_bool(c, x, &k->axis_grid, d);
    } else if (!strcmp(g, "legend")) {
      const spec_node *x;
      if ((x = spec_map_get(v, "labelFontSize"))) get_num(c, x, &k->legend_label_size, d);
    } else if (!strcmp(g, "title")) {
      const spec_node *x;
      if ((x = spec_map_get(v, "fontSize"))) get_num(c, x, &k->chart_title_size, d);
    } else if (!strcmp(g, "view")) {
      const spec_node *x;
      if ((x = spec_map_get(v, "continuousWidth"))) get_num(c, x, &k->cont_w, d);
      if ((x = spec_map_get(v, "continuousHeight"))) get_num(c, x, &k->cont_h, d);
      if ((x = spec_map_get(v, "step"))) get_num(c, x, &k->step, d);
      if ((x = spec_map_get(v, "discreteWidth"))) {
        const spec_node *s = x->kind == SPEC_MAP ? spec_map_get(x, "step") : NULL;
        if (s) get_num(c, s, &k->step, d);
      }
    } else if (!strcmp(g, "mark") || !strcmp(g, "bar") || !strcmp(g, "line") || !strcmp(g, "area") ||
               !strcmp(g, "point") || !strcmp(g, "arc") || !strcmp(g, "rect")) {
      const spec_node *x = spec_map_get(v, "color");
      if (!x) x = spec_map_get(v, "fill");
      if (x && !strcmp(g, "mark")) get_color(c, x, &k->mark_color, d);
    }
  }
}
