/* Vega-Lite params, fixed at the state a chart opens in (see vl_params.h).
 *
 * Variable params ({name, value} or {name, expr}; `bind` is an input widget
 * a static chart has none of) become constants: bare names in expressions
 * (c->env) and the values of `{expr: ...}` properties.  Selection params
 * ({name, select: point|interval, value}) are empty unless `value` gives
 * an initial selection: Vega-Lite's rule for an empty one is that a
 * `{param}` test holds unless it says `empty: false`, so conditions take
 * that branch and filters keep (or drop) every row, as the first frame of
 * the interactive chart shows.  A scale domain bound to a selection is the
 * data's (or the initial interval). */
#include "chart/vl_params.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart/vl_spec_internal.h"
#include "data/expr.h"
#include "spec/keys.h"

#define MAX_VIEW_DEPTH 8 /* enclosing views kept to find a selection's encodings */

struct vl_selection {
  const char *name;
  int interval;
  const spec_node *value, *fields, *encodings;
  const spec_node *views[MAX_VIEW_DEPTH]; /* the view defining it, then those around it */
  int nviews;
};

typedef struct variable {
  const char *name;
  const spec_node *value; /* as written (a list or mapping is usable as a whole {expr: name}) */
} variable;

typedef struct pctx {
  vl_pred_ctx pred;
  chart *c;
  diag_list *d;
  variable *vars;
  int nvars;
  vl_selection *sels;
  int nsels;
  const char **names; /* c->env's */
  expr_value *values;
  int nenv;
} pctx;

/* ---- nodes ---- */

static spec_node *scalar_at(chart *c, const spec_node *at, const char *s, int quoted) {
  spec_node *n = arena_alloc(c->a, sizeof *n);
  n->kind = SPEC_SCALAR;
  n->line = at->line, n->col = at->col;
  n->quoted = quoted;
  n->str = s;
  n->len = strlen(s);
  return n;
}

static spec_node *copy_node(chart *c, const spec_node *n) {
  spec_node *m = arena_alloc(c->a, sizeof *m);
  *m = *n;
  m->items = arena_alloc_array(c->a, (size_t)n->n + 1, sizeof *m->items);
  memcpy(m->items, n->items, (size_t)n->n * sizeof *m->items);
  if (n->kind == SPEC_MAP) {
    m->keys = arena_alloc_array(c->a, (size_t)n->n + 1, sizeof *m->keys);
    memcpy(m->keys, n->keys, (size_t)n->n * sizeof *m->keys);
  }
  return m;
}

/* A value as a scalar node: what the spec would hold had the user written
 * it there (numbers shortest first, as JSON has them). */
static spec_node *value_node(chart *c, const spec_node *at, const expr_value *v) {
  char num[40];
  switch (v->type) {
  case EXPR_NUM:
    if (!isfinite(v->num)) return scalar_at(c, at, "null", 0); /* JSON has no NaN */
    snprintf(num, sizeof num, "%.15g", v->num);
    if (strtod(num, NULL) != v->num) snprintf(num, sizeof num, "%.17g", v->num);
    return scalar_at(c, at, arena_strdup(c->a, num), 0);
  case EXPR_STR: return scalar_at(c, at, arena_strdup(c->a, v->str), 1);
  case EXPR_BOOL: return scalar_at(c, at, v->boolean ? "true" : "false", 0);
  default: return scalar_at(c, at, "null", 0);
  }
}

/* ---- evaluating without a row ---- */

static int no_datum(void *row, const char *field, size_t len, expr_value *out) {
  (void)field, (void)len, (void)out;
  *(int *)row = 1;
  return -1;
}

/* Compile and evaluate src (a node's text) with the params so far: 0 and
 * *out, 1 when it reads a datum (a per-row expression), -1 after an error. */
static int eval_static(pctx *p, const spec_node *src, expr_value *out) {
  char err[256];
  size_t off = 0;
  expr_env env = {p->nenv, p->names, p->values};
  expr *e = expr_compile_env(src->str, src->len, &env, err, sizeof err, &off);
  if (!e) {
    diag_spec_error(p->d, L(p->c, src), "invalid expression (at character %d): %s", (int)off + 1, err);
    return -1;
  }
  int reads = 0, rc;
  expr_scratch sc = {0};
  if (expr_eval(e, &reads, no_datum, &sc, out)) {
    diag_spec_error(p->d, L(p->c, src), "expression failed: out of memory or string too long");
    rc = -1;
  } else {
    rc = reads;
    if (out->type == EXPR_STR) out->str = arena_strdup(p->c->a, out->str);
  }
  free(sc.buf);
  expr_free(e);
  return rc;
}

/* ---- collecting ---- */

static const spec_node *view_field(const vl_selection *s, const char *channel) {
  for (int i = 0; i < s->nviews; i++) {
    const spec_node *enc = spec_map_get(s->views[i], "encoding");
    const spec_node *ch = enc && enc->kind == SPEC_MAP ? spec_map_get(enc, channel) : NULL;
    const spec_node *f = ch && ch->kind == SPEC_MAP ? spec_map_get(ch, "field") : NULL;
    if (f && f->kind == SPEC_SCALAR) return f;
  }
  return NULL;
}

static void add_selection(pctx *p, const spec_node *pm, const char *name, const spec_node *sel,
                          const spec_node *const *views, int nviews) {
  chart *c = p->c;
  vl_selection s = {.name = name, .value = spec_map_get(pm, "value")};
  const spec_node *type = sel;
  if (sel->kind == SPEC_MAP) {
    vl_check_keys(c, sel, NULL, &vl_select_table, p->d);
    type = spec_map_get(sel, "type");
    s.fields = spec_map_get(sel, "fields");
    s.encodings = spec_map_get(sel, "encodings");
    if (!type) {
      diag_spec_error(p->d, L(c, sel), "a selection needs 'type' (point or interval)");
      return;
    }
  }
  int t = vls_enum_index(c, type, E(&vl_param_table, "select"), "selection type", p->d);
  if (t < 0) return;
  s.interval = t == 1;
  const spec_node *lists[2] = {s.fields, s.encodings};
  for (int k = 0; k < 2; k++)
    if (lists[k] && lists[k]->kind != SPEC_SEQ) {
      diag_spec_error(p->d, L(c, lists[k]), "'%s' must be a list of names, found %s", k ? "encodings" : "fields",
                      spec_describe(c->a, lists[k]));
      return;
    }
  for (int i = 0; i < nviews && i < MAX_VIEW_DEPTH; i++) s.views[s.nviews++] = views[nviews - 1 - i];
  for (int i = 0; i < p->nsels; i++)
    if (!strcmp(p->sels[i].name, name)) return; /* the same selection in several views: one state */
  p->sels = arena_grow(c->a, p->sels, (size_t)p->nsels, (size_t)p->nsels + 1, sizeof *p->sels);
  p->sels[p->nsels++] = s;
}

static void add_variable(pctx *p, const spec_node *pm, const char *name) {
  chart *c = p->c;
  const spec_node *v = spec_map_get(pm, "value"), *x = spec_map_get(pm, "expr");
  expr_value val = {0};
  if (x && v) diag_spec_error(p->d, L(c, x), "param '%s' has both 'value' and 'expr': give one", name);
  if (x) {
    if (x->kind != SPEC_SCALAR || spec_is_null(x)) {
      diag_spec_error(p->d, L(c, x), "'expr' must be an expression string, found %s", spec_describe(c->a, x));
      return;
    }
    int rc = eval_static(p, x, &val);
    if (rc == 1) diag_spec_error(p->d, L(c, x), "a param's 'expr' cannot read datum (it is not drawn per row)");
    if (rc) return;
    v = value_node(c, x, &val);
  } else if (v) {
    val = v->kind == SPEC_SCALAR ? cell_from_node(v) : (expr_value){0};
  }
  p->vars = arena_grow(c->a, p->vars, (size_t)p->nvars, (size_t)p->nvars + 1, sizeof *p->vars);
  p->vars[p->nvars++] = (variable){name, v ? v : scalar_at(c, pm, "null", 0)};
  if (v && v->kind != SPEC_SCALAR) return; /* a list or mapping: only {expr: name} reads it */
  p->names = arena_grow(c->a, p->names, (size_t)p->nenv, (size_t)p->nenv + 1, sizeof *p->names);
  p->values = arena_grow(c->a, p->values, (size_t)p->nenv, (size_t)p->nenv + 1, sizeof *p->values);
  p->names[p->nenv] = name;
  p->values[p->nenv++] = val;
}

static int param_known(const pctx *p, const char *name) {
  for (int i = 0; i < p->nvars; i++)
    if (!strcmp(p->vars[i].name, name)) return 1;
  for (int i = 0; i < p->nsels; i++)
    if (!strcmp(p->sels[i].name, name)) return 2;
  return 0;
}

/* The params of a view and of the views inside it; views: the chain of
 * views from the top down to n. */
static void collect(pctx *p, const spec_node *n, const spec_node **views, int depth) {
  if (!n || n->kind != SPEC_MAP || depth >= 64) return;
  views[depth] = n;
  const spec_node *ps = spec_map_get(n, "params");
  if (ps && ps->kind != SPEC_SEQ)
    diag_spec_error(p->d, L(p->c, ps), "'params' must be a list of {name, value} or {name, select}, found %s",
                    spec_describe(p->c->a, ps));
  for (int i = 0; ps && ps->kind == SPEC_SEQ && i < ps->n; i++) {
    const spec_node *pm = ps->items[i];
    if (pm->kind != SPEC_MAP) {
      diag_spec_error(p->d, L(p->c, pm), "a param must be a mapping {name, value} or {name, select}, found %s",
                      spec_describe(p->c->a, pm));
      continue;
    }
    vl_check_keys(p->c, pm, NULL, &vl_param_table, p->d);
    const spec_node *nm = spec_map_get(pm, "name"), *sel = spec_map_get(pm, "select");
    if (!nm || nm->kind != SPEC_SCALAR || spec_is_null(nm)) {
      diag_spec_error(p->d, L(p->c, nm ? nm : pm), "a param needs a 'name'");
      continue;
    }
    if (sel) add_selection(p, pm, nm->str, sel, views, depth + 1);
    else if (param_known(p, nm->str)) diag_spec_error(p->d, L(p->c, nm), "param '%s' is defined twice", nm->str);
    else add_variable(p, pm, nm->str);
  }
  static const char *const kids[] = {"layer", "hconcat", "vconcat", "concat"};
  for (int k = 0; k < 4; k++) {
    const spec_node *l = spec_map_get(n, kids[k]);
    for (int i = 0; l && l->kind == SPEC_SEQ && i < l->n; i++) collect(p, l->items[i], views, depth + 1);
  }
  collect(p, spec_map_get(n, "spec"), views, depth + 1);
}

/* ---- selection tests ---- */

/* The field a selection's key (a projected channel or field) stands for. */
static const char *projected_field(pctx *p, const vl_selection *s, const spec_node *key) {
  if (s->encodings) {
    for (int i = 0; i < s->encodings->n; i++)
      if (s->encodings->items[i]->kind == SPEC_SCALAR && !strcmp(s->encodings->items[i]->str, key->str)) {
        const spec_node *f = view_field(s, key->str);
        if (!f) diag_spec_error(p->d, L(p->c, key), "selection '%s' is on '%s', which has no field in its view",
                                s->name, key->str);
        return f ? f->str : NULL;
      }
  } else if (s->interval && (!strcmp(key->str, "x") || !strcmp(key->str, "y"))) {
    const spec_node *f = view_field(s, key->str);
    if (f) return f->str;
  }
  return key->str;
}

static const char *field_ref(pctx *p, const char *f, int as_time) {
  spec_node tmp = {.kind = SPEC_SCALAR, .quoted = 1, .str = f, .len = strlen(f)};
  const char *lit = vl_literal_expr(&p->pred, &tmp, "field");
  return arena_printf(p->c->a, as_time ? "time(datum[%s])" : "datum[%s]", lit);
}

/* {key: value, ...} of a point selection: every key's field equals it. */
static const char *point_entry(pctx *p, const vl_selection *s, const spec_node *m) {
  const char *out = "true";
  for (int i = 0; i < m->n; i++) {
    const char *f = projected_field(p, s, m->keys[i]);
    const char *lit = f ? vl_literal_expr(&p->pred, m->items[i], m->keys[i]->str) : NULL;
    if (!lit) return NULL;
    const char *t = arena_printf(p->c->a, "%s === %s", field_ref(p, f, m->items[i]->kind == SPEC_MAP), lit);
    out = i ? arena_printf(p->c->a, "%s && %s", out, t) : t;
  }
  return out;
}

static const char *initial_test(pctx *p, const vl_selection *s) {
  chart *c = p->c;
  const spec_node *v = s->value;
  if (s->interval) { /* {x: [lo, hi], ...}: inside every extent */
    if (v->kind != SPEC_MAP) {
      diag_spec_error(p->d, L(c, v), "an interval selection's 'value' must be a mapping {x: [lo, hi]}, found %s",
                      spec_describe(c->a, v));
      return NULL;
    }
    const char *out = "true";
    for (int i = 0; i < v->n; i++) {
      const spec_node *ext = v->items[i];
      if (ext->kind != SPEC_SEQ || ext->n != 2) {
        diag_spec_error(p->d, L(c, ext), "an interval's extent must be a list [lo, hi], found %s",
                        spec_describe(c->a, ext));
        return NULL;
      }
      const char *f = projected_field(p, s, v->keys[i]);
      const char *a = f ? vl_literal_expr(&p->pred, ext->items[0], v->keys[i]->str) : NULL;
      const char *b = a ? vl_literal_expr(&p->pred, ext->items[1], v->keys[i]->str) : NULL;
      if (!b) return NULL;
      const char *fr = field_ref(p, f, ext->items[0]->kind == SPEC_MAP || ext->items[0]->quoted);
      const char *t = arena_printf(c->a, "%s >= min(%s, %s) && %s <= max(%s, %s)", fr, a, b, fr, a, b);
      out = i ? arena_printf(c->a, "%s && %s", out, t) : t;
    }
    return out;
  }
  /* point: a list of {field: value} (or one), or a value of its one field */
  const char *out = "false";
  int n = v->kind == SPEC_SEQ ? v->n : 1;
  for (int i = 0; i < n; i++) {
    const spec_node *e = v->kind == SPEC_SEQ ? v->items[i] : v;
    const char *t;
    if (e->kind == SPEC_MAP && !spec_map_get(e, "year") && !spec_map_get(e, "month") && !spec_map_get(e, "date")) {
      t = point_entry(p, s, e);
    } else {
      const spec_node *one = s->fields ? s->fields : s->encodings;
      if (!one || one->n != 1 || one->items[0]->kind != SPEC_SCALAR) {
        diag_spec_error(p->d, L(c, e), "selection '%s' holds more than one field: give its 'value' as "
                                       "[{field: value, ...}]", s->name);
        return NULL;
      }
      spec_node *key = one->items[0], *val = (spec_node *)e;
      spec_node m = {.kind = SPEC_MAP, .line = e->line, .col = e->col, .n = 1, .keys = &key, .items = &val};
      t = point_entry(p, s, &m);
    }
    if (!t) return NULL;
    out = i ? arena_printf(c->a, "%s || (%s)", out, t) : arena_printf(c->a, "(%s)", t);
  }
  return out;
}

static const char *param_test(vl_pred_ctx *pc, const spec_node *name, int empty, const spec_node *at) {
  pctx *p = pc->params;
  chart *c = p->c;
  (void)at;
  if (name->kind != SPEC_SCALAR || spec_is_null(name)) {
    diag_spec_error(p->d, L(c, name), "'param' must be a param's name, found %s", spec_describe(c->a, name));
    return NULL;
  }
  for (int i = 0; i < p->nsels; i++) {
    const vl_selection *s = &p->sels[i];
    if (strcmp(s->name, name->str)) continue;
    if (!s->value || spec_is_null(s->value)) return empty ? "true" : "false";
    const char *t = initial_test(p, s);
    return t ? arena_printf(c->a, "(%s)", t) : NULL;
  }
  for (int i = 0; i < p->nenv; i++)
    if (!strcmp(p->names[i], name->str)) return arena_printf(c->a, "(%s ? true : false)", name->str);
  const char **all = arena_alloc_array(c->a, (size_t)(p->nvars + p->nsels) + 1, sizeof *all);
  int k = 0;
  for (int i = 0; i < p->nvars; i++) all[k++] = p->vars[i].name;
  for (int i = 0; i < p->nsels; i++) all[k++] = p->sels[i].name;
  const char *s = keys_suggest(name->str, all, k);
  diag_spec_error(p->d, L(c, name), "unknown param '%s'%s%s%s", name->str, s ? " (did you mean '" : "", s ? s : "",
                  s ? "'?)" : "");
  return NULL;
}

/* ---- rewriting ---- */

static const spec_node *rewrite(pctx *p, const spec_node *n, int depth);

/* {expr: "..."}: its value where it reads no datum; a bare param name
 * stands for the param's value as written (a list, say).  NULL after an
 * error: the key goes, so nothing reports the {expr} mapping again. */
static const spec_node *expr_ref(pctx *p, const spec_node *n) {
  const spec_node *src = n->items[0];
  if (src->kind != SPEC_SCALAR) return n; /* the key tables report it */
  const char *b = src->str + strspn(src->str, " \t\n");
  size_t len = strcspn(b, " \t\n");
  for (int i = 0; i < p->nvars; i++)
    if (strlen(p->vars[i].name) == len && !strncmp(p->vars[i].name, b, len) && !b[len + strspn(b + len, " \t\n")])
      return p->vars[i].value;
  expr_value v;
  int rc = eval_static(p, src, &v);
  return rc < 0 ? NULL : rc ? n : value_node(p->c, n, &v);
}

/* A predicate (a mapping: a filter's or a test's) as an expression node. */
static const spec_node *predicate_node(pctx *p, const spec_node *n) {
  const char *s = vl_predicate_expr(&p->pred, n, 0);
  return scalar_at(p->c, n, s ? s : "false", 1); /* false: reported, and nothing more to say */
}

/* A condition {param, empty, value} or {test: predicate, value}: {test:
 * expression, value}; a list of them, each. */
static const spec_node *condition(pctx *p, const spec_node *n, int depth) {
  if (n->kind == SPEC_SEQ) {
    spec_node *m = NULL;
    for (int i = 0; i < n->n; i++) {
      const spec_node *k = condition(p, n->items[i], depth + 1);
      if (k != n->items[i] && !m) m = copy_node(p->c, n);
      if (m) m->items[i] = (spec_node *)k;
    }
    return m ? m : n;
  }
  if (n->kind != SPEC_MAP) return n;
  const spec_node *prm = spec_map_get(n, "param"), *test = spec_map_get(n, "test");
  if (prm && test) {
    diag_spec_error(p->d, L(p->c, prm), "a condition has both 'param' and 'test': give one");
    return n;
  }
  if (!prm && !(test && test->kind == SPEC_MAP)) return rewrite(p, n, depth + 1);
  const spec_node *t = NULL;
  if (prm) {
    int empty = 1;
    const spec_node *e = spec_map_get(n, "empty");
    const char *s = e && vls_get_bool(p->c, e, &empty, p->d) ? NULL : param_test(&p->pred, prm, empty, n);
    t = scalar_at(p->c, prm, s ? s : "false", 1);
  } else {
    t = predicate_node(p, test);
  }
  spec_node *m = copy_node(p->c, n);
  int w = 0;
  for (int i = 0; i < n->n; i++) {
    const char *k = n->keys[i]->str;
    if (!strcmp(k, "empty")) continue;
    if (!strcmp(k, "param") || !strcmp(k, "test")) {
      m->keys[w] = scalar_at(p->c, n->keys[i], "test", 0);
      m->items[w++] = (spec_node *)t;
    } else {
      m->keys[w] = n->keys[i];
      m->items[w++] = (spec_node *)rewrite(p, n->items[i], depth + 1);
    }
  }
  m->n = w;
  return m;
}

/* scale.domain: {param}: the data's domain, or an interval's initial
 * extent on the channel it names. */
static const spec_node *selection_domain(pctx *p, const spec_node *dom) {
  const spec_node *nm = spec_map_get(dom, "param"), *enc = spec_map_get(dom, "encoding");
  if (!param_test(&p->pred, nm, 1, dom)) return NULL;
  for (int i = 0; i < p->nsels; i++) {
    const vl_selection *s = &p->sels[i];
    if (strcmp(s->name, nm->str) || !s->value || s->value->kind != SPEC_MAP) continue;
    const spec_node *ext = enc && enc->kind == SPEC_SCALAR ? spec_map_get(s->value, enc->str)
                           : s->value->n == 1 ? s->value->items[0] : NULL;
    if (ext) return ext;
  }
  return NULL;
}

/* rewrite, where a filter is a transform's (in an encoding, Vega-Lite has
 * no filter: the key tables report it there). */
static const spec_node *rewrite_in(pctx *p, const spec_node *n, int depth, int transforms) {
  if (!n || n->kind == SPEC_SCALAR || depth > 200) return n;
  if (n->kind == SPEC_MAP && n->n == 1 && !strcmp(n->keys[0]->str, "expr")) return expr_ref(p, n);
  spec_node *m = NULL;
  int w = 0;
  for (int i = 0; i < n->n; i++) {
    const char *k = n->kind == SPEC_MAP ? n->keys[i]->str : NULL;
    const spec_node *v = n->items[i], *r = v;
    int drop = 0;
    if (k && (!strcmp(k, "data") || !strcmp(k, "datasets") || !strcmp(k, "params"))) r = v; /* rows, not spec */
    else if (k && !strcmp(k, "condition")) r = condition(p, v, depth + 1);
    else if (k && !strcmp(k, "filter") && v->kind == SPEC_MAP && transforms) r = predicate_node(p, v);
    else if (k && !strcmp(k, "transform") && v->kind == SPEC_SEQ) r = rewrite_in(p, v, depth + 1, 1);
    else if (k && !strcmp(k, "domain") && v->kind == SPEC_MAP && spec_map_get(v, "param")) {
      r = selection_domain(p, v);
      drop = !r;
    } else {
      r = rewrite_in(p, v, depth + 1, transforms && !k); /* a list's items: transforms still */
      drop = !r;
    }
    if ((r != v || drop) && !m) {
      m = copy_node(p->c, n);
      w = i;
    }
    if (m && !drop) {
      if (k) m->keys[w] = n->keys[i];
      m->items[w++] = (spec_node *)r;
    }
  }
  if (m) m->n = w;
  return m ? m : n;
}

static const spec_node *rewrite(pctx *p, const spec_node *n, int depth) { return rewrite_in(p, n, depth, 0); }

const spec_node *vl_params_apply(chart *c, const spec_node *vl, diag_list *d) {
  pctx p = {.c = c, .d = d};
  p.pred = (vl_pred_ctx){.c = c, .d = d, .param_test = param_test, .params = &p};
  const spec_node *views[64];
  collect(&p, vl, views, 0);
  c->env = (expr_env){p.nenv, p.names, p.values};
  return rewrite(&p, vl, 0);
}
