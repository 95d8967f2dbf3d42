/* Single values of a Vega-Lite spec -- a name from a list, a number, a
 * boolean, a colour, a title, a format, a font weight, an expression --
 * and a mapping's keys checked against its table (vl_check_keys).  Every
 * part of the spec parser reads through these, so a value that is wrong
 * gets the same located message wherever it is written. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/numfmt.h"
#include "chart/vl_spec_internal.h"
#include "spec/keys.h"

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

int vls_enum_index(chart *c, const spec_node *n, const char *const *names, const char *what, diag_list *d) {
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

int vls_get_num(chart *c, const spec_node *n, double *out, diag_list *d) {
  return spec_get_number(c->doc, n, out, d);
}
int vls_get_bool(chart *c, const spec_node *n, int *out, diag_list *d) { return spec_get_bool(c->doc, n, out, d); }
/* `columns` counts (concat, facet, repeat, legends): a whole number in a
 * range an int holds, so no cast can overflow (found by fuzz_spec). */
int vls_get_columns(chart *c, const spec_node *n, int *out, diag_list *d) {
  double v;
  if (vls_get_num(c, n, &v, d)) return -1;
  if (!(v >= 0 && v <= 10000) || v != floor(v)) {
    diag_spec_error(d, L(c, n), "'columns' must be a whole number from 0 to 10000, found %s", n->str);
    return -1;
  }
  *out = (int)v;
  return 0;
}
int vls_get_color(chart *c, const spec_node *n, uint32_t *out, diag_list *d) {
  if (n && n->kind == SPEC_SCALAR && !spec_is_null(n) && keys_parse_color(n->str, out) == 0) return 0;
  if (n && spec_is_null(n)) {
    *out = 0;
    return 0;
  }
  diag_spec_error(d, L(c, n), "expected a colour (\"#4c78a8\", a CSS name), found %s", spec_describe(c->a, n));
  return -1;
}

void vls_get_text(chart *c, const spec_node *n, spec_text *t, int *is_null, diag_list *d) {
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

void vls_check_format(chart *c, const spec_node *n, const char **out, int time, diag_list *d) {
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

/* A font weight: normal, bold (bolder, lighter) or 100-900 -> 400 or 700
 * (the bundled fonts' two weights); -1 with an error otherwise. */
int vls_get_weight(chart *c, const spec_node *x, int *out, const char *what, diag_list *d) {
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

int vls_get_font(chart *c, const spec_node *n, const vl_font **out, diag_list *d) {
  if (!n || n->kind != SPEC_SCALAR || spec_is_null(n) || !n->str[strspn(n->str, " ,'\"")]) {
    diag_spec_error(d, L(c, n), "a font must be a family name (\"Noto Serif CJK SC\") or a list of them "
                                "(\"Georgia, serif\"), found %s", spec_describe(c->a, n));
    return -1;
  }
  for (int i = 0; i < c->nfonts; i++) /* a repeat reads its spec once a repetition */
    if (c->fonts[i]->node == n) {
      *out = c->fonts[i];
      return 0;
    }
  if (c->nfonts == c->capfonts) {
    int cap = c->capfonts ? c->capfonts * 2 : 8;
    c->fonts = arena_grow(c->a, c->fonts, (size_t)c->nfonts, (size_t)cap, sizeof *c->fonts);
    c->capfonts = cap;
  }
  vl_font *f = arena_alloc(c->a, sizeof *f);
  f->value = n->str;
  f->node = n;
  f->id = c->nfonts;
  c->fonts[c->nfonts++] = f;
  *out = f;
  return 0;
}

/* A number from 0 to 1 (an opacity). */
void vls_get_unit(chart *c, const spec_node *v, double *out, const char *what, diag_list *d) {
  double x;
  if (vls_get_num(c, v, &x, d)) return;
  if (x < 0 || x > 1) diag_spec_error(d, L(c, v), "'%s' must be from 0 to 1, found %s", what, v->str);
  else *out = x;
}

/* Compile an expression (a condition's test, a mark property's expr)
 * once, to report a bad one where it is written. */
int vls_check_test(chart *c, const spec_node *t, const char *what, diag_list *d) {
  if (!t || t->kind != SPEC_SCALAR) {
    diag_spec_error(d, L(c, t), "'%s' must be an expression string (like \"datum.b > 50\"), found %s", what,
                    spec_describe(c->a, t));
    return -1;
  }
  char err[256];
  size_t off = 0;
  expr *x = expr_compile_env(t->str, t->len, &c->env, err, sizeof err, &off);
  if (!x) {
    diag_spec_error(d, L(c, t), "invalid expression (at character %d): %s", (int)off + 1, err);
    return -1;
  }
  expr_free(x);
  return 0;
}
