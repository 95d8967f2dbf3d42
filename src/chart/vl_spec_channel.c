/* An encoding channel's definition: field, type, aggregate, timeUnit,
 * bin, sort, condition, stack and its scale, with the type Vega-Lite
 * infers when none is given.  A channel's axis, legend and header are
 * guides, read in vl_spec_guides.c; a facet's row and column are channels
 * too, read here for vl_spec.c. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "chart/vl_spec_internal.h"
#include "spec/keys.h"

/* ---- scale ---- */

/* A colour scheme's name: 0 when huitu has it, else -1 with an error. */
int vls_check_scheme(chart *c, const spec_node *name, diag_list *d) {
  const uint32_t *cols;
  int nc, seq;
  if (name->kind == SPEC_SCALAR && vl_scheme(name->str, &cols, &nc, &seq)) return 0;
  if (name->kind != SPEC_SCALAR) {
    diag_spec_error(d, L(c, name), "'scheme' must be a scheme name, found %s", spec_describe(c->a, name));
    return -1;
  }
  const char *known[128];
  int nk = 0;
  for (const char *nm; nk < 127 && (nm = vl_scheme_name(nk)); nk++) known[nk] = nm;
  known[nk] = NULL;
  const char *sg = keys_suggest(name->str, (const char *const *)known, -1);
  diag_spec_error(d, L(c, name), "unknown colour scheme '%s'%s%s%s", name->str, sg ? " (did you mean '" : "",
                  sg ? sg : "", sg ? "'?)" : " (schemes: tableau10, category10, set2, dark2, blues, greens, oranges, reds, purples, viridis, ...)");
  return -1;
}

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
      int t = vls_enum_index(c, v, vl_scale_types, "scale type", d);
      if (t >= 0) s->type = t;
    } else if (!strcmp(k, "domain")) {
      if (v->kind == SPEC_SEQ || (v->kind == SPEC_SCALAR && !strcmp(v->str, "unaggregated")))
        s->domain = v;
      else if (v->kind == SPEC_MAP && v->n == 1 && !strcmp(v->keys[0]->str, "unionWith") &&
               v->items[0]->kind == SPEC_SEQ)
        s->domain_union = v->items[0]; /* the data's domain and these values */
      else if (v->kind == SPEC_MAP)
        diag_spec_error(d, L(c, v), "a domain mapping must be {unionWith: [values]} or {param: a selection}");
      else
        diag_spec_error(d, L(c, v), "'domain' must be a list, found %s", spec_describe(c->a, v));
    } else if (!strcmp(k, "range")) {
      const spec_node *f = v->kind == SPEC_MAP ? spec_map_get(v, "field") : NULL;
      if (v->kind == SPEC_MAP && (v->n != 1 || !f || f->kind != SPEC_SCALAR))
        diag_spec_error(d, L(c, v), "a range mapping must be {field: name} (each category's value from its rows)");
      else s->range = v;
    } else if (!strcmp(k, "scheme")) {
      const spec_node *name = v->kind == SPEC_MAP ? spec_map_get(v, "name") : v;
      if (!name || name->kind != SPEC_SCALAR) {
        diag_spec_error(d, L(c, v), "'scheme' must be a scheme name, found %s", spec_describe(c->a, v));
        continue;
      }
      if (vls_check_scheme(c, name, d) == 0) s->scheme = name->str;
    } else if (!strcmp(k, "zero")) {
      vls_get_bool(c, v, &s->zero, d);
    } else if (!strcmp(k, "nice")) {
      double cnt;
      if (spec_is_number(v) && vls_get_num(c, v, &cnt, d) == 0) { /* Vega: nice(count) */
        s->nice = cnt > 0;
        s->nice_count = cnt >= 1 && cnt <= 1000 ? (int)cnt : 0;
      }
      else vls_get_bool(c, v, &s->nice, d);
    } else if (!strcmp(k, "reverse")) {
      vls_get_bool(c, v, &s->reverse, d);
    } else if (!strcmp(k, "clamp")) {
      vls_get_bool(c, v, &s->clamp, d);
    } else if (!strcmp(k, "padding")) {
      vls_get_num(c, v, &s->padding, d);
    } else if (!strcmp(k, "paddingInner")) {
      vls_get_num(c, v, &s->padding_inner, d);
    } else if (!strcmp(k, "paddingOuter")) {
      vls_get_num(c, v, &s->padding_outer, d);
    } else if (!strcmp(k, "exponent")) {
      vls_get_num(c, v, &s->exponent, d);
    } else if (!strcmp(k, "base")) {
      vls_get_num(c, v, &s->base, d);
    } else if (!strcmp(k, "constant")) {
      vls_get_num(c, v, &s->constant, d);
    } else if (!strcmp(k, "domainMid")) {
      vls_get_num(c, v, &s->domain_mid, d);
    } else if (!strcmp(k, "domainMin") || !strcmp(k, "domainMax")) {
      if (v->kind != SPEC_SCALAR || spec_is_null(v))
        diag_spec_error(d, L(c, v), "'%s' must be a number or a date, found %s", k, spec_describe(c->a, v));
      else if (k[6] == 'M' && k[7] == 'i') s->domain_min = v;
      else s->domain_max = v;
    } else if (!strcmp(k, "rangeMin")) {
      vls_get_num(c, v, &s->range_min, d);
    } else if (!strcmp(k, "rangeMax")) {
      vls_get_num(c, v, &s->range_max, d);
    } else if (!strcmp(k, "align")) {
      vls_get_unit(c, v, &s->align, k, d);
    } else if (!strcmp(k, "round")) {
      vls_get_bool(c, v, &s->round, d);
    }
  }
}

/* ---- channels ---- */

int vl_agg_parse(const char *s) {
  for (int i = 1; vl_agg_names[i]; i++)
    if (vl_agg_names[i][0] && !strcmp(vl_agg_names[i], s)) return i < AG_LAST ? i : AG_MEAN; /* after AG_*: "average" */
  return -1;
}

/* "yearmonth", "utcyearmonth" and Vega-Lite's binned units,
 * "binnedyearmonth", "binnedutcyearmonth" (*binned set, NULL: refused):
 * huitu is UTC throughout, so utc changes nothing. */
int vl_timeunit_parse(const char *s, int *binned) {
  int b = !strncmp(s, "binned", 6);
  if (b) s += 6;
  if (!strncmp(s, "utc", 3)) s += 3;
  if (b && (!binned || strncmp(s, "year", 4))) return -1; /* Vega-Lite bins only units with a year */
  if (binned) *binned = b;
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
    if (a < 0) vls_enum_index(c, op, vl_agg_names, "sort op", d);
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
  int i = vls_enum_index(c, r, rk, "repeat reference", d);
  if (i < 0) return NULL;
  if (!c->rep[i]) {
    diag_spec_error(d, L(c, r), "{repeat: %s} is used outside a view that repeats by '%s'", rk[i], rk[i]);
    return NULL;
  }
  return c->rep[i];
}

/* condition: {test, value} or a list of them.  A param's and a
 * predicate's test are expressions by now (vl_params_apply). */
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
    if (vl_check_keys(c, e, NULL, &vl_condition_table, d)) continue;
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
    expr *x = expr_compile_env(t->str, t->len, &c->env, err, sizeof err, &off);
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
  ch->scale.zero = ch->scale.nice = ch->scale.reverse = ch->scale.clamp = ch->scale.round = -1;
  ch->scale.padding = ch->scale.padding_inner = ch->scale.padding_outer = NAN;
  ch->scale.exponent = ch->scale.base = ch->scale.constant = ch->scale.domain_mid = NAN;
  ch->scale.range_min = ch->scale.range_max = ch->scale.align = NAN;
  vls_axis_defaults(&ch->axis);
  vls_legend_defaults(&ch->legend);
  ch->band_position = NAN;
  ch->tu_step = 1;
  ch->spacing = NAN;
  vls_header_defaults(&ch->header);
}

void vls_parse_channel(chart *c, int k, const spec_node *n, vl_channel *ch, diag_list *d) {
  channel_defaults(ch);
  ch->on = 1;
  ch->node = n;
  if (k == CH_ROW || k == CH_COLUMN || k == CH_FACET) { /* config.header, then config.header<Kind> */
    int kind = k == CH_ROW ? VL_HEADER_ROW : k == CH_COLUMN ? VL_HEADER_COLUMN : VL_HEADER_FACET;
    vl_merge_set(&ch->header, &c->cfg.header[VL_HEADER_ALL], vl_header_fields, vl_nheader_fields);
    vl_merge_set(&ch->header, &c->cfg.header[kind], vl_header_fields, vl_nheader_fields);
  }
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
  const spec_node *imp = spec_map_get(n, "impute"); /* on x and y vl_composite.c made it a transform */
  if (imp && k != CH_X && k != CH_Y)
    diag_spec_error(d, L(c, imp), "'impute' is only for x and y (it fills in the keys of the other one)");
  const spec_node *f = spec_map_get(n, "field"), *t = spec_map_get(n, "type"), *v = spec_map_get(n, "value"),
                  *dt = spec_map_get(n, "datum"), *ag = spec_map_get(n, "aggregate"), *tu = spec_map_get(n, "timeUnit");
  if (f) {
    if (f->kind == SPEC_MAP && spec_map_get(f, "repeat"))
      ch->field = repeat_ref(c, f, d);
    else if (f->kind != SPEC_SCALAR || spec_is_null(f))
      diag_spec_error(d, L(c, f), "'field' must be a field name, found %s", spec_describe(c->a, f));
    else
      ch->field = data_unescape_field(c->a, f->str);
  }
  if (v) {
    ch->has_value = 1;
    ch->value = cell_from_node(v);
  }
  if (dt) {
    ch->has_datum = 1;
    if (dt->kind == SPEC_MAP && spec_map_get(dt, "repeat")) {
      const char *r = repeat_ref(c, dt, d);
      ch->datum = r ? (cell){.type = EXPR_STR, .str = r} : (cell){0};
    } else {
      ch->datum = cell_from_node(dt);
    }
  }
  const spec_node *cond = spec_map_get(n, "condition");
  if (cond) parse_condition(c, k, cond, ch, d);
  if (ag && ag->kind == SPEC_MAP) {
    vl_agg_object(c, ag, ch, d); /* {exponential: 0.5}, {argmin: f} */
  } else if (ag) {
    int a = ag->kind == SPEC_SCALAR ? vl_agg_parse(ag->str) : -1;
    if (a < 0 && ag->kind == SPEC_SCALAR && vl_agg_is_param_name(ag->str)) {
      diag_spec_error(d, L(c, ag), "aggregate '%s' takes a parameter: write {\"%s\": %s}", ag->str, ag->str,
                      ag->str[0] == 'a' ? "\"field\"" : "0.5");
    } else if (a < 0) {
      static const char *const more[] = {"q1", "q3", "stdev", "variance", "ci0", "ci1",
                                         "stderr", "product", "values", "missing", NULL};
      int known = 0;
      for (int i = 0; ag->kind == SPEC_SCALAR && more[i]; i++) known |= !strcmp(more[i], ag->str);
      if (known) diag_spec_error(d, L(c, ag), "aggregate '%s' is not supported (count, sum, mean, median, min, max, distinct)", ag->str);
      else vls_enum_index(c, ag, vl_agg_names, "aggregate", d);
    } else {
      ch->agg = a;
    }
  }
  if (tu) {
    const spec_node *unit = tu->kind == SPEC_MAP ? spec_map_get(tu, "unit") : tu;
    int a = unit && unit->kind == SPEC_SCALAR ? vl_timeunit_parse(unit->str, &ch->tu_binned) : -1;
    if (a < 0 && unit && unit->kind == SPEC_SCALAR && !strncmp(unit->str, "binned", 6))
      diag_spec_error(d, L(c, unit), "unknown timeUnit '%s' (a binned unit has a year: binnedyear, binnedyearmonth, "
                                     "binnedyearmonthdate, ... or binnedutc...)", unit->str);
    else if (a < 0) vls_enum_index(c, unit ? unit : tu, vl_timeunit_names, "timeUnit", d);
    else ch->timeunit = a;
    if (tu->kind == SPEC_MAP) vl_check_keys(c, tu, NULL, &vl_timeunit_table, d);
    const spec_node *bn = tu->kind == SPEC_MAP ? spec_map_get(tu, "binned") : NULL;
    int binned = 0;
    if (bn && vls_get_bool(c, bn, &binned, d) == 0 && binned) ch->tu_binned = 1;
    const spec_node *step = tu->kind == SPEC_MAP ? spec_map_get(tu, "step") : NULL;
    double sv;
    if (step && vls_get_num(c, step, &sv, d) == 0) {
      if (sv >= 1 && sv == floor(sv) && sv < 1e6) ch->tu_step = (int)sv;
      else diag_spec_error(d, L(c, step), "a time unit's 'step' must be a whole number of units (1 or more), found %s",
                           spec_describe(c->a, step));
    }
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
      if ((x = spec_map_get(bin, "maxbins")) && vls_get_num(c, x, &tmp, d) == 0 && tmp < 2)
        diag_spec_error(d, L(c, x), "'maxbins' must be at least 2");
      if ((x = spec_map_get(bin, "step")) && vls_get_num(c, x, &tmp, d) == 0 && !(tmp > 0))
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
  if (k >= CH_LAST) ch->geo = 1; /* longitude ... latitude2 (vl_spec.c reads them into x ... y2) */
  if (t && t->kind == SPEC_SCALAR && !strcmp(t->str, "geojson")) {
    /* a geoshape's geometry from a field (a lookup's 'as') */
    if (k == CH_SHAPE) ch->geo = 2, ch->type = TY_N;
    else diag_spec_error(d, L(c, t), "type 'geojson' is only for the shape channel of a geoshape");
  } else if (t) {
    int ty = vls_enum_index(c, t, vl_type_names, "type", d);
    if (ty > 0) ch->type = ty;
  }
  if (ch->bin == 1 && (ch->type == TY_N || ch->type == TY_T))
    diag_spec_error(d, L(c, t), "'bin' needs type quantitative or ordinal (bins are ordered ranges of numbers), "
                                "found type %s", vl_type_names[ch->type]);
  if (ch->field && !ch->type) {
    if (ch->bin) ch->type = TY_Q;
    else if (ch->timeunit && (k == CH_ROW || k == CH_COLUMN || k == CH_FACET || k == CH_SHAPE || k == CH_DASH))
      ch->type = TY_N; /* Vega-Lite's defaultType: these channels are nominal whatever the field */
    else if (ch->timeunit) { /* temporal, as Vega-Lite's */
      const spec_node *so = spec_map_get(n, "sort"); /* an explicit order: ordinal */
      ch->type = so && so->kind == SPEC_SEQ ? TY_O : TY_T;
    }
    else if (ch->agg && !ch->agg_arg) ch->type = TY_Q; /* argmin picks a row's value: of any type */
    else if (k == CH_THETA || k == CH_RADIUS || k == CH_SIZE || k == CH_OPACITY || k == CH_X2 || k == CH_Y2 ||
             k >= CH_LAST)
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
    if (!strcmp(key, "title")) vls_get_text(c, val, &ch->title, &ch->title_null, d);
    else if (!strcmp(key, "sort")) parse_sort(c, val, ch, d);
    else if (!strcmp(key, "stack")) {
      if (spec_is_null(val) || (val->kind == SPEC_SCALAR && !strcmp(val->str, "false"))) ch->stack = STK_NONE;
      else if (val->kind == SPEC_SCALAR && !strcmp(val->str, "true")) ch->stack = STK_ZERO;
      else {
        int s = vls_enum_index(c, val, E(&vl_channel_table, "stack"), "stack", d);
        if (s > 0) ch->stack = s;
      }
    } else if (!strcmp(key, "scale")) {
      if (spec_is_null(val)) ch->scale_null = 1;
      else parse_scale(c, val, &ch->scale, d);
      const spec_node *rm = val->kind == SPEC_MAP ? spec_map_get(val, "rangeMin") : NULL;
      if (!rm && val->kind == SPEC_MAP) rm = spec_map_get(val, "rangeMax");
      if (rm && k != CH_SIZE && k != CH_OPACITY && k != CH_RADIUS)
        diag_spec_error(d, L(c, rm), "rangeMin and rangeMax are not supported yet on '%s' (on size, opacity and radius)",
                        CHN(k));
    } else if (!strcmp(key, "axis")) vls_parse_axis(c, val, &ch->axis, &vl_axis_table, NULL, d);
    else if (!strcmp(key, "legend")) vls_parse_legend(c, val, &ch->legend, &vl_legend_table, d);
    else if (!strcmp(key, "formatType"))
      ch->format_time = vls_enum_index(c, val, E(&vl_channel_table, "formatType"), "formatType", d) > 0;
    else if (!strcmp(key, "bandPosition")) vls_get_num(c, val, &ch->band_position, d);
    else if ((!strcmp(key, "header") || !strcmp(key, "spacing") || !strcmp(key, "columns")) && k != CH_ROW &&
             k != CH_COLUMN && k != CH_FACET)
      diag_spec_error(d, L(c, n->keys[i]), "'%s' belongs to a facet channel (row, column or facet), not '%s'", key,
                      CHN(k));
    else if (!strcmp(key, "columns") && k != CH_FACET)
      diag_spec_error(d, L(c, n->keys[i]), "'columns' belongs to a wrapped facet (facet), not '%s'", CHN(k));
    else if (!strcmp(key, "header")) {
      vls_parse_header(c, val, &ch->header, &vl_header_table, d);
      vls_check_header_orient(c, val, k == CH_ROW, d);
    }
    else if (!strcmp(key, "spacing")) vls_get_num(c, val, &ch->spacing, d);
  }
  /* no type but a continuous scale type: quantitative (time, utc: temporal),
   * as Vega-Lite infers it; nominal would put every value off a log scale */
  if (ch->field && !t && !ch->bin && !ch->timeunit && !ch->agg && ch->scale.type != SCL_AUTO &&
      ch->scale.type != SCL_BAND && ch->scale.type != SCL_POINT && ch->scale.type != SCL_ORDINAL)
    ch->type = ch->scale.type == SCL_TIME || ch->scale.type == SCL_UTC ? TY_T : TY_Q;
  else if (ch->field && !t && ch->timeunit && (ch->scale.type == SCL_TIME || ch->scale.type == SCL_UTC))
    ch->type = TY_T; /* a time unit on a time scale: temporal (Vega-Lite's default for any time unit) */
  const spec_node *fm = spec_map_get(n, "format");
  if (fm) vls_check_format(c, fm, &ch->format, ch->format_time || ch->type == TY_T || ch->timeunit, d);
  if (ch->axis.format && (ch->type == TY_T || ch->timeunit)) ch->axis.format_time = 1;
}
