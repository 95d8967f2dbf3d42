#include "chart/data.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"

dtable *dtable_new(arena *a) {
  dtable *t = arena_alloc(a, sizeof *t);
  t->a = a;
  return t;
}

int dtable_col(const dtable *t, const char *name) {
  for (int i = 0; i < t->ncols; i++)
    if (!strcmp(t->names[i], name)) return i;
  return -1;
}

int dtable_add_col(dtable *t, const char *name) {
  int i = dtable_col(t, name);
  if (i >= 0) return i;
  if (t->ncols == t->capcols) {
    /* Widen every row: rare (columns are added by a few transforms). */
    int cap = t->capcols ? t->capcols * 2 : 8;
    cell *cells = arena_alloc_array(t->a, (size_t)(t->caprows ? t->caprows : 1), (size_t)cap * sizeof *cells);
    for (int r = 0; r < t->nrows; r++)
      memcpy(cells + (size_t)r * cap, t->cells + (size_t)r * t->capcols, (size_t)t->ncols * sizeof *cells);
    t->cells = cells;
    t->names = arena_grow(t->a, t->names, (size_t)t->ncols, (size_t)cap, sizeof *t->names);
    t->capcols = cap;
  }
  t->names[t->ncols] = arena_strdup(t->a, name);
  return t->ncols++;
}

cell *dtable_add_row(dtable *t) {
  if (t->capcols == 0) {
    t->capcols = 8;
    t->names = arena_alloc_array(t->a, 8, sizeof *t->names);
  }
  if (t->nrows == t->caprows) {
    int cap = t->caprows ? t->caprows * 2 : 16;
    t->cells = arena_grow(t->a, t->cells, (size_t)t->nrows * t->capcols, (size_t)cap * t->capcols, sizeof *t->cells);
    t->caprows = cap;
  }
  cell *row = dtable_row(t, t->nrows++);
  memset(row, 0, (size_t)t->capcols * sizeof *row);
  return row;
}

dtable *dtable_like(const dtable *t, arena *a) {
  dtable *n = dtable_new(a);
  for (int i = 0; i < t->ncols; i++) dtable_add_col(n, t->names[i]);
  return n;
}

int dtable_lookup(void *rowref, const char *field, size_t len, expr_value *out) {
  const dtable_rowref *ref = rowref;
  for (int i = 0; i < ref->t->ncols; i++)
    if (strlen(ref->t->names[i]) == len && !memcmp(ref->t->names[i], field, len)) {
      *out = dtable_row(ref->t, ref->r)[i];
      return 0;
    }
  return -1;
}

int cell_is_null(const cell *c) { return c->type == EXPR_NULL; }

double cell_number(const cell *c) {
  switch (c->type) {
  case EXPR_NUM: return c->num;
  case EXPR_BOOL: return c->boolean;
  case EXPR_STR: {
    double v;
    if (spec_scalar_number(c->str, strlen(c->str), &v) == 0) return v;
    return NAN;
  }
  default: return NAN;
  }
}

const char *cell_string(const cell *c, arena *a) {
  switch (c->type) {
  case EXPR_STR: return c->str;
  case EXPR_BOOL: return c->boolean ? "true" : "false";
  case EXPR_NULL: return "null";
  default: break;
  }
  double v = c->num;
  if (isnan(v)) return "NaN";
  if (isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  /* Shortest representation that round-trips, like JavaScript. */
  char buf[40];
  for (int prec = 1; prec <= 17; prec++) {
    snprintf(buf, sizeof buf, "%.*g", prec, v);
    if (strtod(buf, NULL) == v) break;
  }
  return arena_strdup(a, buf);
}

cell cell_from_node(const spec_node *n) {
  cell c = {0};
  if (!n || spec_is_null(n)) return c;
  if (n->kind != SPEC_SCALAR) {
    c.type = EXPR_STR;
    c.str = n->kind == SPEC_MAP ? "[object]" : "[list]";
    return c;
  }
  if (!n->quoted) {
    double v;
    if (spec_scalar_number(n->str, n->len, &v) == 0 && isfinite(v)) {
      c.type = EXPR_NUM;
      c.num = v;
      return c;
    }
    if (!strcmp(n->str, "true") || !strcmp(n->str, "false")) {
      c.type = EXPR_BOOL;
      c.boolean = n->str[0] == 't';
      return c;
    }
  }
  c.type = EXPR_STR;
  c.str = n->str;
  return c;
}

static dtable *load_values(const spec_doc *doc, const spec_node *values, arena *a, diag_list *d) {
  dtable *t = dtable_new(a);
  if (values->kind != SPEC_SEQ) {
    diag_spec_error(d, spec_loc(doc, values), "'values' must be a list of rows, found %s", spec_describe(a, values));
    return NULL;
  }
  if (values->n > LIMIT_ROWS) {
    diag_spec_error(d, spec_loc(doc, values), "too many rows (%d; the limit is %d)", values->n, LIMIT_ROWS);
    return NULL;
  }
  for (int i = 0; i < values->n; i++) {
    const spec_node *row = values->items[i];
    if (row->kind == SPEC_MAP) {
      /* Columns first, so the row pointer stays valid while filling it. */
      int idx[256];
      int nk = row->n < 256 ? row->n : 256;
      for (int k = 0; k < nk; k++) idx[k] = dtable_add_col(t, row->keys[k]->str);
      cell *cells = dtable_add_row(t);
      for (int k = 0; k < nk; k++) cells[idx[k]] = cell_from_node(row->items[k]);
    } else if (row->kind == SPEC_SCALAR) {
      int col = dtable_add_col(t, "data");
      dtable_add_row(t)[col] = cell_from_node(row);
    } else {
      diag_spec_error(d, spec_loc(doc, row), "a data row must be a mapping (or a single value), found a list");
    }
  }
  return t;
}

dtable *data_load(const spec_doc *doc, const spec_node *data, const char *base_dir, arena *a, diag_list *d) {
  if (!data || data->kind != SPEC_MAP) {
    diag_spec_error(d, spec_loc(doc, data), "'data' must be a mapping with 'values' or 'url', found %s",
                    spec_describe(a, data));
    return NULL;
  }
  const spec_node *values = spec_map_get(data, "values");
  if (values) return load_values(doc, values, a, d);
  const spec_node *url = spec_map_get(data, "url");
  if (url) {
    diag_spec_error(d, spec_loc(doc, url), "data 'url' is not supported yet");
    return NULL;
  }
  diag_spec_error(d, spec_loc(doc, data), "'data' needs 'values' (inline rows) or 'url' (a local CSV, TSV or JSON file)");
  return NULL;
}
