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
    if (vl_in_list(k, t->unsupported) || vl_in_list(k, t->not_drawn)) {
      const char *why = vl_in_list(k, t->unsupported) ? t->why : VL_NOT_DRAWN;
      diag_spec_error(d, L(c, map->keys[i]), "'%s' is not supported in %s (%s)", k, what,
                      why ? why : "huitu renders static Vega-Lite charts");
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
  int count = 0;
  for (int i = 0; names[i]; i++) count += names[i][0] != 0;
  if (!s && count <= 6) { /* a short list: name them all */
    char opts[256] = "";
    for (int i = 0; names[i]; i++)
      if (names[i][0] && strlen(opts) + strlen(names[i]) + 3 < sizeof opts)
        snprintf(opts + strlen(opts), sizeof opts - strlen(opts), "%s%s", opts[0] ? ", " : "", names[i]);
    diag_spec_error(d, L(c, n), "unknown %s '%s' (%s)", what, n->str, opts);
    return -1;
  }
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

/* A colour scheme's name: 0 when huitu has it, else -1 with an error. */
static int check_scheme(chart *c, const spec_node *name, diag_list *d) {
  const uint32_t *cols;
  int nc, seq;
  if (name->kind == SPEC_SCALAR && vl_scheme(name->str, &cols, &nc, &seq)) return 0;
  if (name->kind != SPEC_SCALAR) {
    diag_spec_error(d, L(c, name), "'scheme' must be a scheme name, found %s", spec_describe(c->a, name));
    return -1;
  }
  static const char *const known[] = {"tableau10", "category10", "observable10", "set1", "set2", "set3",
                                      "dark2", "paired", "pastel1", "accent", "okabeito", "blues", "greens",
                                      "oranges", "reds", "purples", "greys", "viridis", "magma", "inferno",
                                      "plasma", "teals", "blueorange", "redblue", "tableau20", NULL};
  const char *sg = keys_suggest(name->str, known, -1);
  diag_spec_error(d, L(c, name), "unknown colour scheme '%s'%s%s%s", name->str, sg ? " (did you mean '" : "",
                  sg ? sg : "", sg ? "'?)" : " (schemes: tableau10, category10, set2, dark2, blues, greens, oranges, reds, purples, viridis, ...)");
  return -1;
}

static void get_unit(chart *c, const spec_node *v, double *out, const char *what, diag_list *d);

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
      if (check_scheme(c, name, d) == 0) s->scheme = name->str;
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
    } else if (!strcmp(k, "domainMin") || !strcmp(k, "domainMax")) {
      if (v->kind != SPEC_SCALAR || spec_is_null(v))
        diag_spec_error(d, L(c, v), "'%s' must be a number or a date, found %s", k, spec_describe(c->a, v));
      else if (k[6] == 'M' && k[7] == 'i') s->domain_min = v;
      else s->domain_max = v;
    } else if (!strcmp(k, "rangeMin")) {
      get_num(c, v, &s->range_min, d);
    } else if (!strcmp(k, "rangeMax")) {
      get_num(c, v, &s->range_max, d);
    } else if (!strcmp(k, "align")) {
      get_unit(c, v, &s->align, k, d);
    } else if (!strcmp(k, "round")) {
      get_bool(c, v, &s->round, d);
    }
  }
}

static void axis_defaults(vl_axis_spec *a) {
  memset(a, 0, sizeof *a);
  a->label_angle = a->label_limit = a->label_font_size = a->title_font_size = a->tick_size = a->label_padding = NAN;
  a->tick_count = -1;
  a->grid = a->domain = a->ticks = a->labels = a->orient = -1;
  a->ngrid_dash = -1;
  a->title_padding = a->offset = a->min_extent = a->max_extent = a->tick_min_step = a->label_separation = NAN;
  a->domain_width = a->grid_width = a->tick_width = a->title_angle = a->title_limit = NAN;
  a->label_opacity = a->title_opacity = a->grid_opacity = a->domain_opacity = a->tick_opacity = NAN;
  a->label_weight = a->title_weight = a->label_overlap = a->title_anchor = -1;
}

/* A font weight: normal, bold (bolder, lighter) or 100-900 -> 400 or 700
 * (the bundled fonts' two weights); -1 with an error otherwise. */
static int get_weight(chart *c, const spec_node *x, int *out, const char *what, diag_list *d) {
  if (x->kind == SPEC_SCALAR && (!strcmp(x->str, "bold") || !strcmp(x->str, "bolder") || atoi(x->str) >= 600)) {
    *out = 700;
    return 0;
  }
  if (x->kind == SPEC_SCALAR &&
      (!strcmp(x->str, "normal") || !strcmp(x->str, "lighter") || (atoi(x->str) >= 100 && atoi(x->str) < 600))) {
    *out = 400;
    return 0;
  }
  diag_spec_error(d, L(c, x), "'%s' must be normal, bold or a weight 100-900, found %s", what, spec_describe(c->a, x));
  return -1;
}

/* A number from 0 to 1 (an opacity). */
static void get_unit(chart *c, const spec_node *v, double *out, const char *what, diag_list *d) {
  double x;
  if (get_num(c, v, &x, d)) return;
  if (x < 0 || x > 1) diag_spec_error(d, L(c, v), "'%s' must be from 0 to 1, found %s", what, v->str);
  else *out = x;
}

/* A list of up to 4 dash lengths ([] = solid). */
static void get_dash(chart *c, const spec_node *v, double *dash, int *n, diag_list *d) {
  if (v->kind != SPEC_SEQ) {
    diag_spec_error(d, L(c, v), "a dash must be a list of lengths like [4, 2], found %s", spec_describe(c->a, v));
    return;
  }
  *n = 0;
  for (int j = 0; j < v->n && j < 4; j++)
    if (get_num(c, v->items[j], &dash[*n], d) == 0) (*n)++;
}

/* Compile an expression (a condition's test, a mark property's expr)
 * once, to report a bad one where it is written. */
static int check_test(chart *c, const spec_node *t, const char *what, diag_list *d) {
  if (!t || t->kind != SPEC_SCALAR) {
    diag_spec_error(d, L(c, t), "'%s' must be an expression string (like \"datum.b > 50\"), found %s", what,
                    spec_describe(c->a, t));
    return -1;
  }
  char err[256];
  size_t off = 0;
  expr *x = expr_compile(t->str, t->len, err, sizeof err, &off);
  if (!x) {
    diag_spec_error(d, L(c, t), "invalid expression (at character %d): %s", (int)off + 1, err);
    return -1;
  }
  expr_free(x);
  return 0;
}

/* A guide colour: a colour, or {condition: {test, value} | [...], value}
 * whose tests read the guide's datum (datum.value, datum.label). */
static void get_cond_color(chart *c, const spec_node *v, uint32_t *out, int *ncond, const char ***tests,
                           uint32_t **colors, diag_list *d) {
  if (v->kind != SPEC_MAP) {
    get_color(c, v, out, d);
    return;
  }
  vl_check_keys(c, v, NULL, &vl_cond_color_table, d);
  const spec_node *cond = spec_map_get(v, "condition"), *val = spec_map_get(v, "value");
  if (val) get_color(c, val, out, d);
  if (!cond) {
    diag_spec_error(d, L(c, v), "a conditional colour needs 'condition' ({test, value}) and 'value'");
    return;
  }
  int cnt = cond->kind == SPEC_SEQ ? cond->n : 1;
  *tests = arena_alloc_array(c->a, (size_t)cnt + 1, sizeof **tests);
  *colors = arena_alloc_array(c->a, (size_t)cnt + 1, sizeof **colors);
  for (int i = 0; i < cnt; i++) {
    const spec_node *e = cond->kind == SPEC_SEQ ? cond->items[i] : cond;
    if (e->kind != SPEC_MAP) {
      diag_spec_error(d, L(c, e), "a condition must be a mapping {test, value}, found %s", spec_describe(c->a, e));
      continue;
    }
    vl_check_keys(c, e, NULL, &vl_condition_table, d);
    const spec_node *t = spec_map_get(e, "test"), *cv = spec_map_get(e, "value");
    if (!t || !cv) {
      diag_spec_error(d, L(c, e), "a condition needs 'test' (an expression) and 'value'");
      continue;
    }
    if (check_test(c, t, "test", d) || get_color(c, cv, &(*colors)[*ncond], d)) continue;
    (*tests)[(*ncond)++] = t->str;
  }
}

static void parse_axis(chart *c, const spec_node *n, vl_axis_spec *a, const vl_table *t, const char *what,
                       diag_list *d) {
  if (spec_is_null(n)) {
    a->hidden = 1;
    return;
  }
  if (n->kind != SPEC_MAP) {
    diag_spec_error(d, L(c, n), "'axis' must be a mapping or null, found %s", spec_describe(c->a, n));
    return;
  }
  vl_check_keys(c, n, what, t, d);
  for (int i = 0; i < n->n; i++) {
    const char *k = n->keys[i]->str;
    const spec_node *v = n->items[i];
    if (!strcmp(k, "title")) get_text(c, v, &a->title, &a->title_null, d);
    else if (!strcmp(k, "format")) check_format(c, v, &a->format, 0, d);
    else if (!strcmp(k, "formatType")) a->format_time = enum_index(c, v, E(&vl_axis_table, "formatType"), "formatType", d) > 0;
    else if (!strcmp(k, "labelAngle")) get_num(c, v, &a->label_angle, d);
    else if (!strcmp(k, "labelLimit")) get_num(c, v, &a->label_limit, d);
    else if (!strcmp(k, "labelFontSize")) get_num(c, v, &a->label_font_size, d);
    else if (!strcmp(k, "titleFontSize")) get_num(c, v, &a->title_font_size, d);
    else if (!strcmp(k, "tickSize")) get_num(c, v, &a->tick_size, d);
    else if (!strcmp(k, "labelPadding")) get_num(c, v, &a->label_padding, d);
    else if (!strcmp(k, "tickCount")) {
      double tc;
      if (get_num(c, v, &tc, d) == 0) a->tick_count = tc < 1 ? 1 : tc > 1000 ? 1000 : (int)tc;
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
    else if (!strcmp(k, "gridColor")) get_cond_color(c, v, &a->grid_color, &a->ngrid_cond, &a->grid_cond_test,
                                                     &a->grid_cond_color, d);
    else if (!strcmp(k, "tickStep")) {
      if (get_num(c, v, &a->tick_step, d) == 0 && !(a->tick_step > 0)) {
        diag_spec_error(d, L(c, v), "'tickStep' must be positive");
        a->tick_step = 0;
      }
    } else if (!strcmp(k, "domainColor")) get_color(c, v, &a->domain_color, d);
    else if (!strcmp(k, "tickColor")) get_color(c, v, &a->tick_color, d);
    else if (!strcmp(k, "gridDash")) get_dash(c, v, a->grid_dash, &a->ngrid_dash, d);
    else if (!strcmp(k, "titlePadding")) get_num(c, v, &a->title_padding, d);
    else if (!strcmp(k, "offset")) get_num(c, v, &a->offset, d);
    else if (!strcmp(k, "minExtent")) get_num(c, v, &a->min_extent, d);
    else if (!strcmp(k, "maxExtent")) get_num(c, v, &a->max_extent, d);
    else if (!strcmp(k, "tickMinStep")) get_num(c, v, &a->tick_min_step, d);
    else if (!strcmp(k, "labelSeparation")) get_num(c, v, &a->label_separation, d);
    else if (!strcmp(k, "domainWidth")) get_num(c, v, &a->domain_width, d);
    else if (!strcmp(k, "gridWidth")) get_num(c, v, &a->grid_width, d);
    else if (!strcmp(k, "tickWidth")) get_num(c, v, &a->tick_width, d);
    else if (!strcmp(k, "titleLimit")) get_num(c, v, &a->title_limit, d);
    else if (!strcmp(k, "labelOpacity")) get_unit(c, v, &a->label_opacity, k, d);
    else if (!strcmp(k, "titleOpacity")) get_unit(c, v, &a->title_opacity, k, d);
    else if (!strcmp(k, "gridOpacity")) get_unit(c, v, &a->grid_opacity, k, d);
    else if (!strcmp(k, "domainOpacity")) get_unit(c, v, &a->domain_opacity, k, d);
    else if (!strcmp(k, "tickOpacity")) get_unit(c, v, &a->tick_opacity, k, d);
    else if (!strcmp(k, "labelFontWeight")) get_weight(c, v, &a->label_weight, k, d);
    else if (!strcmp(k, "titleFontWeight")) get_weight(c, v, &a->title_weight, k, d);
    else if (!strcmp(k, "titleAnchor")) {
      int an = enum_index(c, v, E(&vl_axis_table, "titleAnchor"), "title anchor", d);
      if (an >= 0) a->title_anchor = an;
    } else if (!strcmp(k, "labelOverlap")) { /* true, "parity", "greedy": thinned (huitu's way); false: all drawn */
      if (v->kind == SPEC_SCALAR && (!strcmp(v->str, "parity") || !strcmp(v->str, "greedy"))) a->label_overlap = 1;
      else get_bool(c, v, &a->label_overlap, d);
    } else if (!strcmp(k, "titleAngle")) {
      double ang;
      if (get_num(c, v, &ang, d)) continue;
      double m = fmod(fmod(ang, 360) + 360, 360);
      if (m != 0 && m != 90 && m != 270)
        diag_spec_error(d, L(c, v), "'titleAngle' %s is not supported: huitu sets axis titles level (0) or turned "
                                    "(90, 270)", v->str);
      else
        a->title_angle = m;
    }
  }
}

static void legend_defaults(vl_legend_spec *l) {
  memset(l, 0, sizeof *l);
  l->orient = OR_AUTO;
  l->direction = -1;
  l->label_font_size = l->title_font_size = NAN;
  l->symbol_size = l->label_limit = l->symbol_stroke_width = l->gradient_length = l->offset = NAN;
  l->label_opacity = l->title_opacity = NAN;
  l->symbol_type = l->type = l->title_orient = l->label_weight = l->title_weight = -1;
}

static void parse_legend(chart *c, const spec_node *n, vl_legend_spec *l, const vl_table *t, diag_list *d) {
  if (spec_is_null(n)) {
    l->hidden = 1;
    return;
  }
  if (n->kind != SPEC_MAP) {
    diag_spec_error(d, L(c, n), "'legend' must be a mapping or null, found %s", spec_describe(c->a, n));
    return;
  }
  vl_check_keys(c, n, NULL, t, d);
  for (int i = 0; i < n->n; i++) {
    const char *k = n->keys[i]->str;
    const spec_node *v = n->items[i];
    if (!strcmp(k, "title")) get_text(c, v, &l->title, &l->title_null, d);
    else if (!strcmp(k, "format")) {
      const spec_node *ft = spec_map_get(n, "formatType");
      l->format_time = ft && ft->kind == SPEC_SCALAR && strcmp(ft->str, "number") != 0;
      check_format(c, v, &l->format, l->format_time, d);
    } else if (!strcmp(k, "formatType")) {
      enum_index(c, v, E(&vl_legend_table, "formatType"), "formatType", d);
    } else if (!strcmp(k, "labelFontSize")) get_num(c, v, &l->label_font_size, d);
    else if (!strcmp(k, "titleFontSize")) get_num(c, v, &l->title_font_size, d);
    else if (!strcmp(k, "labelColor")) get_color(c, v, &l->label_color, d);
    else if (!strcmp(k, "titleColor")) get_color(c, v, &l->title_color, d);
    else if (!strcmp(k, "orient")) {
      int o2 = enum_index(c, v, E(&vl_legend_table, "orient"), "legend orient", d);
      if (o2 >= 0) l->orient = o2 > 4 ? (o2 <= 6 ? OR_TOP : OR_BOTTOM) : o2 == 4 ? OR_RIGHT : o2;
    } else if (!strcmp(k, "columns")) {
      get_columns(c, v, &l->columns, d);
    } else if (!strcmp(k, "direction")) {
      l->direction = enum_index(c, v, E(&vl_legend_table, "direction"), "legend direction", d);
    } else if (!strcmp(k, "symbolType")) {
      static const char *const later[] = {"arrow", "wedge", "triangle-left", "triangle-right", NULL};
      if (v->kind == SPEC_SCALAR && (vl_in_list(v->str, later) || v->str[0] == 'M' || v->str[0] == 'm')) {
        diag_spec_error(d, L(c, v), "symbolType '%s' is not supported yet (circle, square, stroke, cross, diamond, "
                                    "triangle-up, triangle-down)", v->str);
        continue;
      }
      int st = enum_index(c, v, E(&vl_legend_table, "symbolType"), "symbolType", d);
      if (st >= 0) l->symbol_type = st == 7 ? LSYM_TRIANGLE_UP : st; /* "triangle": triangle-up */
    } else if (!strcmp(k, "type")) {
      l->type = enum_index(c, v, E(&vl_legend_table, "type"), "legend type", d);
    } else if (!strcmp(k, "titleOrient")) {
      int o2 = enum_index(c, v, E(&vl_legend_table, "titleOrient"), "legend titleOrient", d);
      if (o2 == 0 || o2 == 2) l->title_orient = o2 == 0 ? OR_LEFT : OR_TOP;
      else if (o2 > 0)
        diag_spec_error(d, L(c, v), "legend titleOrient '%s' is not supported yet (top or left)", v->str);
    } else if (!strcmp(k, "values")) {
      if (v->kind != SPEC_SEQ) diag_spec_error(d, L(c, v), "legend 'values' must be a list, found %s", spec_describe(c->a, v));
      else l->values = v;
    } else if (!strcmp(k, "symbolSize")) get_num(c, v, &l->symbol_size, d);
    else if (!strcmp(k, "labelLimit")) get_num(c, v, &l->label_limit, d);
    else if (!strcmp(k, "symbolStrokeWidth")) get_num(c, v, &l->symbol_stroke_width, d);
    else if (!strcmp(k, "gradientLength")) get_num(c, v, &l->gradient_length, d);
    else if (!strcmp(k, "offset")) get_num(c, v, &l->offset, d);
    else if (!strcmp(k, "labelOpacity")) get_unit(c, v, &l->label_opacity, k, d);
    else if (!strcmp(k, "titleOpacity")) get_unit(c, v, &l->title_opacity, k, d);
    else if (!strcmp(k, "labelFontWeight")) get_weight(c, v, &l->label_weight, k, d);
    else if (!strcmp(k, "titleFontWeight")) get_weight(c, v, &l->title_weight, k, d);
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
  ch->scale.zero = ch->scale.nice = ch->scale.reverse = ch->scale.clamp = ch->scale.round = -1;
  ch->scale.padding = ch->scale.padding_inner = ch->scale.padding_outer = NAN;
  ch->scale.exponent = ch->scale.base = ch->scale.constant = ch->scale.domain_mid = NAN;
  ch->scale.range_min = ch->scale.range_max = ch->scale.align = NAN;
  axis_defaults(&ch->axis);
  legend_defaults(&ch->legend);
  ch->band_position = NAN;
  ch->spacing = NAN;
  vl_header_spec *h = &ch->header;
  h->labels = h->label_weight = h->title_weight = -1;
  h->label_angle = h->label_font_size = h->label_limit = h->label_padding = h->title_font_size = h->title_padding = NAN;
}

/* header: {title, labels, labelAngle, label..., title...} of a facet channel
 * (its title is read with the channel's, see facet_title in chart.c). */
static void parse_header(chart *c, const spec_node *n, vl_header_spec *h, diag_list *d) {
  if (spec_is_null(n)) {
    h->hidden = 1;
    return;
  }
  if (n->kind != SPEC_MAP) {
    diag_spec_error(d, L(c, n), "'header' must be a mapping or null, found %s", spec_describe(c->a, n));
    return;
  }
  vl_check_keys(c, n, NULL, &vl_header_table, d);
  for (int i = 0; i < n->n; i++) {
    const char *k = n->keys[i]->str;
    const spec_node *v = n->items[i];
    if (!strcmp(k, "labels")) get_bool(c, v, &h->labels, d);
    else if (!strcmp(k, "labelAngle")) {
      double a;
      if (get_num(c, v, &a, d)) continue;
      double m = fmod(fmod(a, 360) + 360, 360);
      if (m != 0 && m != 90 && m != 270)
        diag_spec_error(d, L(c, v), "header 'labelAngle' %s is not supported: huitu sets header labels level (0) or "
                                    "turned (90, 270)", v->str);
      else
        h->label_angle = m;
    } else if (!strcmp(k, "labelColor")) get_color(c, v, &h->label_color, d);
    else if (!strcmp(k, "titleColor")) get_color(c, v, &h->title_color, d);
    else if (!strcmp(k, "labelFontSize")) get_num(c, v, &h->label_font_size, d);
    else if (!strcmp(k, "titleFontSize")) get_num(c, v, &h->title_font_size, d);
    else if (!strcmp(k, "labelLimit")) get_num(c, v, &h->label_limit, d);
    else if (!strcmp(k, "labelPadding")) get_num(c, v, &h->label_padding, d);
    else if (!strcmp(k, "titlePadding")) get_num(c, v, &h->title_padding, d);
    else if (!strcmp(k, "labelFontWeight")) get_weight(c, v, &h->label_weight, k, d);
    else if (!strcmp(k, "titleFontWeight")) get_weight(c, v, &h->title_weight, k, d);
  }
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
  if (ch->bin == 1 && (ch->type == TY_N || ch->type == TY_T))
    diag_spec_error(d, L(c, t), "'bin' needs type quantitative or ordinal (bins are ordered ranges of numbers), "
                                "found type %s", vl_type_names[ch->type]);
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
      const spec_node *rm = val->kind == SPEC_MAP ? spec_map_get(val, "rangeMin") : NULL;
      if (!rm && val->kind == SPEC_MAP) rm = spec_map_get(val, "rangeMax");
      if (rm && k != CH_SIZE && k != CH_OPACITY && k != CH_RADIUS)
        diag_spec_error(d, L(c, rm), "rangeMin and rangeMax are not supported yet on '%s' (on size, opacity and radius)",
                        CHN(k));
    } else if (!strcmp(key, "axis")) parse_axis(c, val, &ch->axis, &vl_axis_table, NULL, d);
    else if (!strcmp(key, "legend")) parse_legend(c, val, &ch->legend, &vl_legend_table, d);
    else if (!strcmp(key, "formatType"))
      ch->format_time = enum_index(c, val, E(&vl_channel_table, "formatType"), "formatType", d) > 0;
    else if (!strcmp(key, "bandPosition")) get_num(c, val, &ch->band_position, d);
    else if ((!strcmp(key, "header") || !strcmp(key, "spacing") || !strcmp(key, "columns")) && k != CH_ROW &&
             k != CH_COLUMN && k != CH_FACET)
      diag_spec_error(d, L(c, n->keys[i]), "'%s' belongs to a facet channel (row, column or facet), not '%s'", key,
                      CHN(k));
    else if (!strcmp(key, "columns") && k != CH_FACET)
      diag_spec_error(d, L(c, n->keys[i]), "'columns' belongs to a wrapped facet (facet), not '%s'", CHN(k));
    else if (!strcmp(key, "header")) parse_header(c, val, &ch->header, d);
    else if (!strcmp(key, "spacing")) get_num(c, val, &ch->spacing, d);
  }
  const spec_node *fm = spec_map_get(n, "format");
  if (fm) check_format(c, fm, &ch->format, ch->format_time || ch->type == TY_T || ch->timeunit, d);
  if (ch->axis.format && (ch->type == TY_T || ch->timeunit)) ch->axis.format_time = 1;
}

/* ---- mark ---- */

static void mark_init(vl_mark *m) {
  memset(m, 0, sizeof *m);
  m->opacity = m->fill_opacity = m->stroke_opacity = m->stroke_width = m->size = NAN;
  m->corner_radius = m->corner_radius_end = m->inner_radius = m->outer_radius = m->radius = NAN;
  m->pad_angle = m->thickness = m->font_size = m->dx = m->dy = m->angle = m->band_size = NAN;
  m->theta_offset = m->radius_offset = NAN;
  m->off[0] = m->off[1] = m->off[2] = m->off[3] = NAN;
  m->filled = m->point = m->line = m->orient = m->align = m->baseline = m->clip = -1;
  m->bin_spacing = m->limit = m->line_height = NAN;
  m->stroke_cap = -1;
}

/* Lay src's set properties over m (config.mark, then config.<type>, then
 * the mark's styles: each more specific than the last; the mark's own
 * properties come after all of them). */
static void mark_merge(vl_mark *m, const vl_mark *src) {
  const double *sd[] = {&src->opacity, &src->fill_opacity, &src->stroke_opacity, &src->stroke_width, &src->size,
                        &src->corner_radius, &src->corner_radius_end, &src->inner_radius, &src->outer_radius,
                        &src->radius, &src->pad_angle, &src->thickness, &src->font_size, &src->dx, &src->dy,
                        &src->angle, &src->band_size, &src->theta_offset, &src->radius_offset,
                        &src->bin_spacing, &src->limit, &src->line_height};
  double *md[] = {&m->opacity, &m->fill_opacity, &m->stroke_opacity, &m->stroke_width, &m->size,
                  &m->corner_radius, &m->corner_radius_end, &m->inner_radius, &m->outer_radius,
                  &m->radius, &m->pad_angle, &m->thickness, &m->font_size, &m->dx, &m->dy,
                  &m->angle, &m->band_size, &m->theta_offset, &m->radius_offset,
                  &m->bin_spacing, &m->limit, &m->line_height};
  for (size_t i = 0; i < sizeof sd / sizeof sd[0]; i++)
    if (!isnan(*sd[i])) *md[i] = *sd[i];
  const int *si[] = {&src->filled, &src->point,    &src->line, &src->orient,
                     &src->align,  &src->baseline, &src->clip, &src->stroke_cap};
  int *mi[] = {&m->filled, &m->point, &m->line, &m->orient, &m->align, &m->baseline, &m->clip, &m->stroke_cap};
  for (size_t i = 0; i < sizeof si / sizeof si[0]; i++)
    if (*si[i] >= 0) *mi[i] = *si[i];
  if (src->interpolate) m->interpolate = src->interpolate; /* 0: linear, the default */
  if (src->font_weight) m->font_weight = src->font_weight;
  if (src->color & 0xff) m->color = src->color;
  if (src->fill & 0xff) m->fill = src->fill;
  if (src->stroke & 0xff) m->stroke = src->stroke;
  if (src->text) m->text = src->text;
  if (src->shape) m->shape = src->shape;
  for (int i = 0; i < 4; i++) {
    if (src->xexpr[i]) m->xexpr[i] = src->xexpr[i];
    if (!isnan(src->off[i])) m->off[i] = src->off[i];
  }
  if (src->ndash) {
    memcpy(m->dash, src->dash, sizeof m->dash);
    m->ndash = src->ndash;
  }
}

static void parse_mark_props(chart *c, const spec_node *n, vl_mark *m, diag_list *d);

/* The styles a mark names (config.style), laid over m in order.  Their
 * properties were checked once, with config. */
static void apply_styles(chart *c, const spec_node *st, vl_mark *m, diag_list *d) {
  int cnt = st->kind == SPEC_SEQ ? st->n : 1;
  for (int i = 0; i < cnt; i++) {
    const spec_node *nm = st->kind == SPEC_SEQ ? st->items[i] : st;
    if (nm->kind != SPEC_SCALAR) {
      diag_spec_error(d, L(c, nm), "a style must be a name from config.style, found %s", spec_describe(c->a, nm));
      continue;
    }
    const spec_node *def = c->cfg.styles ? spec_map_get(c->cfg.styles, nm->str) : NULL;
    if (!def) {
      diag_spec_error(d, L(c, nm), "unknown style '%s' (define it in config.style)", nm->str);
      continue;
    }
    if (def->kind != SPEC_MAP) continue;
    vl_mark sm;
    mark_init(&sm);
    parse_mark_props(c, def, &sm, NULL);
    mark_merge(m, &sm);
  }
}

static void parse_mark(chart *c, const spec_node *n, vl_mark *m, diag_list *d) {
  mark_init(m);
  m->node = n;
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
  mark_merge(m, &c->cfg.mark_cfg[MK_LAST]);
  mark_merge(m, &c->cfg.mark_cfg[m->type]);
  if (n->kind != SPEC_MAP) return;
  vl_check_keys(c, n, NULL, &vl_mark_table, d);
  const spec_node *st = spec_map_get(n, "style");
  if (st) apply_styles(c, st, m, d);
  parse_mark_props(c, n, m, d);
}

/* {expr: "..."} on a text's align, baseline, dx or dy: checked here,
 * evaluated per row by the text marks.  Returns 1 when v is one. */
static int mark_expr(chart *c, const char *k, const spec_node *v, vl_mark *m, diag_list *d) {
  static const char *const props[] = {"align", "baseline", "dx", "dy"}; /* MX_* order */
  if (v->kind != SPEC_MAP) return 0;
  for (int p = 0; p < 4; p++) {
    if (strcmp(k, props[p])) continue;
    vl_check_keys(c, v, NULL, &vl_expr_ref_table, d);
    const spec_node *x = spec_map_get(v, "expr");
    if (!x) diag_spec_error(d, L(c, v), "'%s' as a mapping needs 'expr' (an expression of datum)", k);
    else if (check_test(c, x, "expr", d) == 0) m->xexpr[p] = x->str;
    return 1;
  }
  return 0;
}

/* A mark definition's properties (not its type or style) into m. */
static void parse_mark_props(chart *c, const spec_node *n, vl_mark *m, diag_list *d) {
  for (int i = 0; i < n->n; i++) {
    const char *k = n->keys[i]->str;
    const spec_node *v = n->items[i];
    if (mark_expr(c, k, v, m, d)) continue;
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
    else if (!strcmp(k, "xOffset")) get_num(c, v, &m->off[0], d);
    else if (!strcmp(k, "x2Offset")) get_num(c, v, &m->off[1], d);
    else if (!strcmp(k, "yOffset")) get_num(c, v, &m->off[2], d);
    else if (!strcmp(k, "y2Offset")) get_num(c, v, &m->off[3], d);
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
      int w;
      if (get_weight(c, v, &w, k, d) == 0) m->font_weight = w >= 600;
    } else if (!strcmp(k, "text")) {
      spec_text t2 = {0};
      int nul = 0;
      get_text(c, v, &t2, &nul, d);
      m->text = t2.s;
    } else if (!strcmp(k, "shape")) {
      if (v->kind == SPEC_SCALAR && (v->str[0] == 'M' || v->str[0] == 'm')) /* no shape name starts so */
        diag_spec_error(d, L(c, v), "a shape drawn from an SVG path is not supported yet (circle, square, cross, "
                                    "diamond, triangle-up, triangle-down, triangle-right, triangle-left)");
      else if (enum_index(c, v, E(&vl_mark_table, "shape"), "shape", d) >= 0)
        m->shape = v->str;
    } else if (!strcmp(k, "binSpacing")) {
      get_num(c, v, &m->bin_spacing, d);
    } else if (!strcmp(k, "limit")) {
      get_num(c, v, &m->limit, d);
    } else if (!strcmp(k, "lineHeight")) {
      get_num(c, v, &m->line_height, d);
    } else if (!strcmp(k, "strokeCap")) {
      int cap = enum_index(c, v, E(&vl_mark_table, "strokeCap"), "strokeCap", d);
      if (cap == 2) diag_spec_error(d, L(c, v), "strokeCap 'square' is not supported yet (butt or round)");
      else if (cap >= 0) m->stroke_cap = cap;
    } else if (!strcmp(k, "invalid")) { /* filter is what huitu does; showing invalid values is not */
      if (spec_is_null(v) || (v->kind == SPEC_SCALAR && (!strcmp(v->str, "show") || !strcmp(v->str, "break-paths-show-domains"))))
        diag_spec_error(d, L(c, v), "invalid '%s' is not supported yet: huitu leaves rows with an invalid value out "
                                    "(filter)", spec_is_null(v) ? "null" : v->str);
      else
        enum_index(c, v, E(&vl_mark_table, "invalid"), "invalid", d);
    } else if (!strcmp(k, "strokeDash")) {
      if (v->kind != SPEC_SEQ) {
        diag_spec_error(d, L(c, v), "'strokeDash' must be a list of lengths, found %s", spec_describe(c->a, v));
      } else {
        m->ndash = 0;
        for (int j = 0; j < v->n && j < 4; j++) get_num(c, v->items[j], &m->dash[m->ndash++], d);
      }
    } else if (!strcmp(k, "tooltip") || !strcmp(k, "style") || !strcmp(k, "aria") || !strcmp(k, "description")) {
      /* tooltip, aria, description: no effect on a static chart; style: apply_styles */
    }
  }
}

/* ---- views ---- */

static void parse_size(chart *c, const spec_node *n, double *v, double *step, int *container, int *for_offset,
                       diag_list *d) {
  if (!n) return;
  if (n->kind == SPEC_MAP) {
    vl_check_keys(c, n, NULL, &vl_size_table, d);
    const spec_node *s = spec_map_get(n, "step"), *f = spec_map_get(n, "for");
    if (!s) diag_spec_error(d, L(c, n), "a size mapping needs 'step' (px per category)");
    else get_num(c, s, step, d);
    if (f) *for_offset = enum_index(c, f, E(&vl_size_table, "for"), "step 'for'", d) == 1;
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

static void title_style_init(vl_title_style *t);
static void parse_title_style(chart *c, const spec_node *n, vl_title_style *t, diag_list *d);

static void parse_title(chart *c, const spec_node *n, vl_view *v, diag_list *d) {
  title_style_init(&v->title_style);
  if (!n) return;
  int nul = 0;
  if (n->kind == SPEC_MAP) {
    vl_check_keys(c, n, NULL, &vl_title_table, d);
    get_text(c, spec_map_get(n, "text"), &v->title, &nul, d);
    get_text(c, spec_map_get(n, "subtitle"), &v->subtitle, &nul, d);
    parse_title_style(c, n, &v->title_style, d);
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

/* data: {name: x} names a set of rows in the top level's datasets: load
 * it as data: {values: datasets.x, format: ...} would be. */
static const spec_node *named_data(chart *c, const spec_node *data, diag_list *d) {
  const spec_node *name = spec_map_get(data, "name");
  if (!name || name->kind != SPEC_SCALAR || spec_map_get(data, "values") || spec_map_get(data, "url") ||
      spec_map_get(data, "sequence") || !c->datasets || c->datasets->kind != SPEC_MAP)
    return data; /* data_load says what is wrong */
  const spec_node *rows = spec_map_get(c->datasets, name->str);
  if (!rows) {
    diag_spec_error(d, L(c, name), "no data set '%s' in 'datasets'", name->str);
    return NULL;
  }
  spec_node *m = arena_alloc(c->a, sizeof *m);
  *m = *data;
  m->keys = arena_alloc_array(c->a, (size_t)data->n, sizeof *m->keys);
  m->items = arena_alloc_array(c->a, (size_t)data->n, sizeof *m->items);
  for (int i = 0; i < data->n; i++) {
    m->keys[i] = data->keys[i];
    m->items[i] = data->items[i];
    if (data->items[i] == name) { /* name: x  ->  values: the rows */
      spec_node *k = arena_alloc(c->a, sizeof *k);
      *k = *data->keys[i];
      k->str = "values";
      k->len = 6;
      m->keys[i] = k;
      m->items[i] = (spec_node *)rows;
    }
  }
  return m;
}

static dtable *view_data(chart *c, const spec_node *n, dtable *parent, diag_list *d) {
  const spec_node *data = spec_map_get(n, "data");
  dtable *t = parent;
  if (data && data->kind == SPEC_MAP) data = named_data(c, data, d);
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

/* A layer child's field definition inherits what its parent's definition
 * of the channel sets and it does not (Vega-Lite's mergeEncoding): the
 * parent's {type, scale, axis} with the child's {field}.  The merged
 * mapping keeps every key's own source location. */
static const spec_node *merge_channel(chart *c, const spec_node *parent, const spec_node *child) {
  if (!parent || parent->kind != SPEC_MAP || child->kind != SPEC_MAP ||
      !(spec_map_get(child, "field") || spec_map_get(child, "datum")))
    return child;
  spec_node *m = arena_alloc(c->a, sizeof *m);
  *m = *child;
  m->keys = arena_alloc_array(c->a, (size_t)(parent->n + child->n) + 1, sizeof *m->keys);
  m->items = arena_alloc_array(c->a, (size_t)(parent->n + child->n) + 1, sizeof *m->items);
  m->n = 0;
  for (int i = 0; i < parent->n; i++)
    if (!spec_map_get(child, parent->keys[i]->str)) {
      m->keys[m->n] = parent->keys[i];
      m->items[m->n++] = parent->items[i];
    }
  for (int i = 0; i < child->n; i++) {
    m->keys[m->n] = child->keys[i];
    m->items[m->n++] = child->items[i];
  }
  return m;
}

static void parse_unit_encoding(chart *c, vl_unit *u, enc_chain *enc, diag_list *d) {
  const spec_node *def[CH_LAST] = {0}; /* each channel's definition, merged down the chain */
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
        if (!strcmp(CHN(k), m->keys[i]->str)) def[k] = merge_channel(c, def[k], m->items[i]);
  }
  for (int k = 0; k < CH_LAST; k++) {
    if (!def[k]) continue;
    if (spec_is_null(def[k])) u->ch[k].on = 0;
    else parse_channel(c, k, def[k], &u->ch[k], d);
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

/* resolve: {scale, axis, legend} -> v->res_*; which compositions they
 * apply to is checked once the view's kind is known (check_resolve). */
static void parse_resolve(chart *c, const spec_node *n, vl_view *v, diag_list *d) {
  if (!n) return;
  if (n->kind != SPEC_MAP) {
    diag_spec_error(d, L(c, n), "'resolve' must be a mapping {scale, axis, legend}, found %s", spec_describe(c->a, n));
    return;
  }
  vl_check_keys(c, n, NULL, &vl_resolve_table, d);
  static const char *const groups[] = {"scale", "axis", "legend"};
  const vl_table *tabs[] = {&vl_resolve_scale_table, &vl_resolve_axis_table, &vl_resolve_legend_table};
  signed char *out[] = {v->res_scale, v->res_axis, v->res_legend};
  for (int g = 0; g < 3; g++) {
    const spec_node *grp = spec_map_get(n, groups[g]);
    if (!grp) continue;
    if (grp->kind != SPEC_MAP) {
      diag_spec_error(d, L(c, grp), "'resolve.%s' must be a mapping of channels to shared or independent, found %s",
                      groups[g], spec_describe(c->a, grp));
      continue;
    }
    vl_check_keys(c, grp, NULL, tabs[g], d);
    for (int i = 0; i < grp->n; i++) {
      const vl_key *key = vl_table_key(tabs[g], grp->keys[i]->str);
      if (!key) continue;
      int mode = enum_index(c, grp->items[i], key->enums, "resolve mode", d);
      for (int k = 0; k < CH_LAST && mode >= 0; k++)
        if (!strcmp(CHN(k), key->name)) out[g][k] = (signed char)(mode == 0 ? RES_SHARED : RES_INDEPENDENT);
    }
  }
  /* Vega-Lite: an independent scale always has independent guides */
  for (int g = 1; g < 3; g++) {
    const spec_node *grp = spec_map_get(n, groups[g]), *sg = spec_map_get(n, "scale");
    for (int i = 0; grp && sg && grp->kind == SPEC_MAP && i < grp->n; i++) {
      const spec_node *sv = sg->kind == SPEC_MAP ? spec_map_get(sg, grp->keys[i]->str) : NULL;
      if (sv && sv->kind == SPEC_SCALAR && !strcmp(sv->str, "independent") && grp->items[i]->kind == SPEC_SCALAR &&
          !strcmp(grp->items[i]->str, "shared"))
        diag_add(d, DIAG_WARNING, DIAG_SPEC, L(c, grp->items[i]),
                 "a shared %s needs a shared scale: resolve.scale.%s is independent, so each view gets its own",
                 groups[g], grp->keys[i]->str);
    }
  }
}

/* resolve on a view that composes nothing has nothing to resolve. */
static void check_resolve(chart *c, const spec_node *n, const vl_view *v, diag_list *d) {
  const spec_node *r = spec_map_get(n, "resolve");
  if (r && v->kind == V_UNIT)
    diag_spec_error(d, L(c, r), "'resolve' needs views to combine: use it on a layer, concat, facet or repeat");
}

/* view: {fill, stroke, strokeWidth} (a spec's own, or config.view's) */
static void parse_view_bg(chart *c, const spec_node *n, uint32_t *fill, uint32_t *stroke, double *sw, int *stroke_set,
                          diag_list *d) {
  if (!n) return;
  if (n->kind != SPEC_MAP) {
    diag_spec_error(d, L(c, n), "'view' must be a mapping {fill, stroke, strokeWidth}, found %s",
                    spec_describe(c->a, n));
    return;
  }
  const spec_node *x;
  if ((x = spec_map_get(n, "fill"))) get_color(c, x, fill, d);
  if ((x = spec_map_get(n, "stroke")) && get_color(c, x, stroke, d) == 0 && stroke_set) *stroke_set = 1;
  if ((x = spec_map_get(n, "strokeWidth"))) get_num(c, x, sw, d);
}

/* title: {anchor, fontSize, color, subtitleFontSize, subtitleColor,
 * fontWeight, offset} (a title's own, or config.title's). */
static void parse_title_style(chart *c, const spec_node *n, vl_title_style *t, diag_list *d) {
  const spec_node *x;
  if ((x = spec_map_get(n, "anchor"))) {
    int a = enum_index(c, x, E(&vl_title_table, "anchor"), "title anchor", d);
    if (a >= 0) t->anchor = a;
  }
  if ((x = spec_map_get(n, "fontSize"))) get_num(c, x, &t->size, d);
  if ((x = spec_map_get(n, "subtitleFontSize"))) get_num(c, x, &t->subtitle_size, d);
  if ((x = spec_map_get(n, "offset"))) get_num(c, x, &t->offset, d);
  if ((x = spec_map_get(n, "color"))) get_color(c, x, &t->color, d);
  if ((x = spec_map_get(n, "subtitleColor"))) get_color(c, x, &t->subtitle_color, d);
  if ((x = spec_map_get(n, "fontWeight"))) get_weight(c, x, &t->weight, "fontWeight", d);
  if ((x = spec_map_get(n, "subtitleFontWeight"))) get_weight(c, x, &t->subtitle_weight, "subtitleFontWeight", d);
  if ((x = spec_map_get(n, "subtitlePadding"))) get_num(c, x, &t->subtitle_padding, d);
  if ((x = spec_map_get(n, "dx"))) get_num(c, x, &t->dx, d);
  if ((x = spec_map_get(n, "dy"))) get_num(c, x, &t->dy, d);
  if ((x = spec_map_get(n, "limit"))) get_num(c, x, &t->limit, d);
  if ((x = spec_map_get(n, "frame"))) {
    int f = enum_index(c, x, E(&vl_title_table, "frame"), "title frame", d);
    if (f >= 0) t->frame = f;
  }
  if ((x = spec_map_get(n, "orient"))) {
    int o = enum_index(c, x, E(&vl_title_table, "orient"), "title orient", d);
    if (o > 0)
      diag_spec_error(d, L(c, x), "title orient '%s' is not supported yet (huitu sets titles on top)", x->str);
  }
}

static void title_style_init(vl_title_style *t) {
  t->anchor = -1;
  t->size = t->subtitle_size = t->offset = NAN;
  t->color = t->subtitle_color = NO_COLOR;
  t->weight = t->subtitle_weight = t->frame = -1;
  t->subtitle_padding = t->dx = t->dy = t->limit = NAN;
}

static vl_view *parse_view(chart *c, const spec_node *n, dtable *data, enc_chain enc, diag_list *d, int top) {
  if (check_common(c, n, d) < 0) return NULL;
  vl_view *v = arena_alloc(c->a, sizeof *v);
  v->node = n;
  v->width = v->height = v->width_step = v->height_step = NAN;
  parse_size(c, spec_map_get(n, "width"), &v->width, &v->width_step, &v->width_container, &v->width_step_offset, d);
  parse_size(c, spec_map_get(n, "height"), &v->height, &v->height_step, &v->height_container, &v->height_step_offset,
             d);
  parse_title(c, spec_map_get(n, "title"), v, d);
  if (!top) {
    for (int i = 0; i < vl_spec_table.n; i++) {
      const vl_key *key = &vl_spec_table.keys[i];
      const spec_node *k = (key->flags & VLF_TOP) ? spec_map_get(n, key->name) : NULL;
      if (k) diag_spec_error(d, L(c, k), "'%s' is only allowed at the top level of a Vega-Lite spec", key->name);
    }
  }
  parse_resolve(c, spec_map_get(n, "resolve"), v, d);
  parse_view_bg(c, spec_map_get(n, "view"), &v->view_fill, &v->view_stroke, &v->view_stroke_width,
                &v->view_stroke_set, d);
  v->spacing_row = v->spacing_col = NAN;
  const spec_node *sp = spec_map_get(n, "spacing"); /* a number, or {row, column} */
  if (sp && sp->kind == SPEC_MAP) {
    vl_check_keys(c, sp, NULL, &vl_spacing_table, d);
    const spec_node *x;
    if ((x = spec_map_get(sp, "row"))) get_num(c, x, &v->spacing_row, d);
    if ((x = spec_map_get(sp, "column"))) get_num(c, x, &v->spacing_col, d);
  } else if (sp && get_num(c, sp, &v->spacing_row, d) == 0) {
    v->spacing_col = v->spacing_row;
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
  check_resolve(c, n, v, d);
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
  if (top && n->kind == SPEC_MAP) c->datasets = spec_map_get(n, "datasets");
  return parse_view(c, n, parent_data, enc, d, top);
}

/* config: theme-wide defaults.  Each group is checked against its table
 * once here; what it sets is read where the defaults apply (axes merge
 * their config in vl_axis_measure, marks in parse_mark). */
void vl_parse_config(chart *c, const spec_node *cfg, diag_list *d) {
  vl_config *k = &c->cfg;
  for (int i = 0; i < VL_AXIS_CFG; i++) axis_defaults(&k->axis_cfg[i]);
  legend_defaults(&k->legend);
  for (int i = 0; i <= MK_LAST; i++) mark_init(&k->mark_cfg[i]);
  title_style_init(&k->title);
  k->step_y = k->disc_w = k->disc_h = NAN;
  k->scale_zero = k->x_reverse = k->scale_round = -1;
  k->band_pi = k->band_po = k->bar_band_pi = k->rect_band_pi = k->point_pad = NAN;
  if (!cfg) return;
  if (cfg->kind != SPEC_MAP) {
    diag_spec_error(d, L(c, cfg), "'config' must be a mapping, found %s", spec_describe(c->a, cfg));
    return;
  }
  vl_check_keys(c, cfg, NULL, &vl_config_table, d);
  for (int i = 0; i < cfg->n; i++) {
    const char *g = cfg->keys[i]->str;
    const spec_node *v = cfg->items[i];
    const vl_key *key = vl_table_key(&vl_config_table, g);
    if (!key) continue;
    const char *what = arena_printf(c->a, "config.%s", g);
    if ((key->types & VLV_OBJECT) && !(key->types & ~(unsigned)VLV_OBJECT) && v->kind != SPEC_MAP) {
      diag_spec_error(d, L(c, v), "'%s' must be a mapping, found %s", what, spec_describe(c->a, v));
      continue;
    }
    if (!strcmp(g, "background")) get_color(c, v, &c->background, d);
    else if (!strcmp(g, "padding")) k->padding = v;
    else if (!strcmp(g, "autosize")) k->autosize = v;
    else if (!strcmp(g, "numberFormat")) check_format(c, v, &k->number_format, 0, d);
    else if (!strcmp(g, "timeFormat") || !strcmp(g, "countTitle")) {
      if (v->kind != SPEC_SCALAR || spec_is_null(v))
        diag_spec_error(d, L(c, v), "'%s' must be a string, found %s", what, spec_describe(c->a, v));
      else if (g[0] == 't') k->time_format = v->str;
      else k->count_title = v->str;
    } else if (!strcmp(g, "range")) {
      vl_check_keys(c, v, what, &vl_config_range_table, d);
      const spec_node *cat = spec_map_get(v, "category");
      if (cat && cat->kind == SPEC_SEQ) {
        uint32_t col;
        for (int j = 0; j < cat->n; j++) get_color(c, cat->items[j], &col, d);
        k->range_category = cat;
      } else if (cat && cat->kind == SPEC_MAP) {
        vl_check_keys(c, cat, "config.range.category", &vl_scheme_ref_table, d);
        const spec_node *nm = spec_map_get(cat, "scheme");
        if (!nm) diag_spec_error(d, L(c, cat), "config.range.category needs a list of colours or {scheme: name}");
        else if (check_scheme(c, nm, d) == 0) k->range_scheme = nm->str;
      } else if (cat) {
        diag_spec_error(d, L(c, cat), "config.range.category must be a list of colours or {scheme: name}, found %s",
                        spec_describe(c->a, cat));
      }
    } else if (!strcmp(g, "title")) {
      vl_check_keys(c, v, what, &vl_config_title_table, d);
      parse_title_style(c, v, &k->title, d);
    } else if (!strcmp(g, "view")) {
      vl_check_keys(c, v, what, &vl_config_view_table, d);
      parse_view_bg(c, v, &k->view_fill, &k->view_stroke, &k->view_stroke_width, NULL, d);
      const spec_node *x;
      if ((x = spec_map_get(v, "continuousWidth"))) get_num(c, x, &k->cont_w, d);
      if ((x = spec_map_get(v, "continuousHeight"))) get_num(c, x, &k->cont_h, d);
      if ((x = spec_map_get(v, "step"))) get_num(c, x, &k->step, d);
      for (int h = 0; h < 2; h++) {
        x = spec_map_get(v, h ? "discreteHeight" : "discreteWidth");
        if (!x) continue;
        if (x->kind == SPEC_MAP) {
          vl_check_keys(c, x, NULL, &vl_size_table, d);
          const spec_node *st = spec_map_get(x, "step");
          if (st) get_num(c, st, h ? &k->step_y : &k->step, d);
          else diag_spec_error(d, L(c, x), "a size mapping needs 'step' (px per category)");
        } else {
          get_num(c, x, h ? &k->disc_h : &k->disc_w, d);
        }
      }
    } else if (!strcmp(g, "legend")) {
      parse_legend(c, v, &k->legend, &vl_config_legend_table, d);
    } else if (!strcmp(g, "scale")) {
      vl_check_keys(c, v, what, &vl_config_scale_table, d);
      const spec_node *x;
      if ((x = spec_map_get(v, "zero"))) get_bool(c, x, &k->scale_zero, d);
      if ((x = spec_map_get(v, "xReverse"))) get_bool(c, x, &k->x_reverse, d);
      if ((x = spec_map_get(v, "round"))) get_bool(c, x, &k->scale_round, d);
      if ((x = spec_map_get(v, "bandPaddingInner"))) get_num(c, x, &k->band_pi, d);
      if ((x = spec_map_get(v, "bandPaddingOuter"))) get_num(c, x, &k->band_po, d);
      if ((x = spec_map_get(v, "barBandPaddingInner"))) get_num(c, x, &k->bar_band_pi, d);
      if ((x = spec_map_get(v, "rectBandPaddingInner"))) get_num(c, x, &k->rect_band_pi, d);
      if ((x = spec_map_get(v, "pointPadding"))) get_num(c, x, &k->point_pad, d);
    } else if (!strcmp(g, "style")) {
      for (int j = 0; j < v->n; j++) { /* checked once here; marks apply them quietly */
        const spec_node *sv = v->items[j];
        const char *sw = arena_printf(c->a, "config.style.%s", v->keys[j]->str);
        if (sv->kind != SPEC_MAP) {
          diag_spec_error(d, L(c, sv), "'%s' must be a mapping of mark properties, found %s", sw,
                          spec_describe(c->a, sv));
          continue;
        }
        vl_check_keys(c, sv, sw, &vl_config_mark_table, d);
        vl_mark tmp;
        mark_init(&tmp);
        parse_mark_props(c, sv, &tmp, d);
      }
      k->styles = v;
    } else if (!strncmp(g, "axis", 4)) {
      for (int a = 0; a < VL_AXIS_CFG; a++)
        if (!strcmp(vl_axis_cfg_names[a], g)) {
          parse_axis(c, v, &k->axis_cfg[a], &vl_config_axis_table, what, d);
          k->axis_cfg_on[a] = 1;
        }
    } else if (key->sub == &vl_config_mark_table) {
      int t = MK_LAST;
      for (int j = 0; j < MK_LAST; j++)
        if (!strcmp(vl_mark_names[j], g)) t = j;
      vl_check_keys(c, v, what, &vl_config_mark_table, d);
      parse_mark_props(c, v, &k->mark_cfg[t], d);
      if (t == MK_LAST) {
        const vl_mark *m = &k->mark_cfg[MK_LAST];
        k->mark_color = (m->color & 0xff) ? m->color : m->fill;
      }
    }
  }
}

/* autosize: "pad" | "fit" | "fit-x" | "fit-y" | "none", or {type,
 * contains, resize}.  none would cut off what lies outside width and
 * height: huitu never draws a clipped chart, so it is an error. */
void vl_parse_autosize(chart *c, const spec_node *n, diag_list *d) {
  c->autosize = AS_PAD;
  c->autosize_padding = 0;
  if (!n) return;
  const spec_node *type = n, *contains = NULL;
  if (n->kind == SPEC_MAP) {
    vl_check_keys(c, n, NULL, &vl_autosize_table, d);
    type = spec_map_get(n, "type");
    contains = spec_map_get(n, "contains");
    const spec_node *rs = spec_map_get(n, "resize");
    int b;
    if (rs) get_bool(c, rs, &b, d); /* re-layout on updates: a static chart has none */
  } else if (n->kind != SPEC_SCALAR || spec_is_null(n)) {
    diag_spec_error(d, L(c, n), "'autosize' must be pad, fit, fit-x, fit-y or {type, contains}, found %s",
                    spec_describe(c->a, n));
    return;
  }
  if (type) {
    int t = enum_index(c, type, E(&vl_autosize_table, "type"), "autosize type", d);
    if (t == AS_NONE)
      diag_spec_error(d, L(c, type), "autosize 'none' is not supported: it cuts off the axes and legends outside "
                                     "width and height (use pad, or fit to make the whole chart that size)");
    else if (t >= 0)
      c->autosize = t;
  }
  if (contains) c->autosize_padding = enum_index(c, contains, E(&vl_autosize_table, "contains"), "autosize contains", d) == 1;
}
