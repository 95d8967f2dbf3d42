/* Data tables for charts: named columns of cells, row-major.  A cell is an
 * expr_value so filter/calculate expressions read rows directly.  Tables
 * live in an arena (the render's or the doc's) and are never freed alone. */
#ifndef HUITU_CHART_DATA_H
#define HUITU_CHART_DATA_H
#include "base/arena.h"
#include "base/diag.h"
#include "chart/expr.h"
#include "spec/node.h"

typedef expr_value cell;

typedef struct dtable {
  arena *a;
  int ncols;
  const char **names; /* column names, arena strings */
  int nrows, caprows, capcols;
  cell *cells;        /* nrows x capcols, row-major; unused cells are null */
} dtable;

dtable *dtable_new(arena *a);
int dtable_col(const dtable *t, const char *name);      /* -1 when absent */
int dtable_add_col(dtable *t, const char *name);        /* index (existing or new) */
cell *dtable_add_row(dtable *t);                        /* a row of nulls */
static inline cell *dtable_row(const dtable *t, int r) { return t->cells + (size_t)r * (size_t)t->capcols; }
/* Copy of t's structure with no rows (same columns). */
dtable *dtable_like(const dtable *t, arena *a);
/* Field lookup for expr_eval: row is a dtable_rowref. */
typedef struct dtable_rowref {
  const dtable *t;
  int r;
} dtable_rowref;
int dtable_lookup(void *rowref, const char *field, size_t len, expr_value *out);
/* Number of a cell the way Vega-Lite reads a quantitative field: numbers
 * as they are, numeric strings parsed, everything else NaN. */
double cell_number(const cell *c);
/* The cell as a string for nominal fields and labels (numbers printed
 * shortest, like JavaScript's String(x)); arena-allocated when needed. */
const char *cell_string(const cell *c, arena *a);
int cell_is_null(const cell *c);

/* Cells from spec nodes: numbers stay numbers, quoted strings strings,
 * true/false booleans, null null. */
cell cell_from_node(const spec_node *n);

/* data: {values: [...]} / {url: file.csv, format: {...}}.  Inline values are
 * a list of mappings (or of scalars, which become a column named "data").
 * base_dir is the spec's folder, for urls.  NULL (and errors in d) on failure. */
dtable *data_load(const spec_doc *doc, const spec_node *data, const char *base_dir, arena *a, diag_list *d);
#endif
