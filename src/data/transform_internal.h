/* Inside the transforms (transform.c, transform_window.c,
 * transform_reshape.c): the call's context, cells, sorting, grouping and
 * the spec helpers every transform shares.  Not for other modules: they
 * call transform_apply() (transform.h). */
#ifndef HUITU_DATA_TRANSFORM_INTERNAL_H
#define HUITU_DATA_TRANSFORM_INTERNAL_H
#include <stdint.h>

#include "data/transform.h"
#include "spec/vl_keys.h"

#define WINDOW_MAX_WORK 20000000L

typedef struct tctx {
  const spec_doc *doc;
  arena *a;   /* output tables */
  arena *tmp; /* scratch, freed when the call returns */
  diag_list *d;
  const char *base_dir;
  const data_opts *opts;
  const expr_env *env; /* params the expressions may name (NULL: none) */
  const char *tname; /* current transform, for messages */
  const spec_node *tnode; /* current transform (its list item), where a memory error points */
  expr_scratch sc;
  expr **exprs; /* compiled, freed at the end */
  int nexprs, capexprs;
  /* ci0/ci1: Vega's bootstrap draws from one random stream per view,
   * seeded as Vega-Lite's reference renderings are (see tr_agg_compute);
   * ci0 and ci1 of the same rows share one bootstrap, as in Vega */
  uint64_t lcg;
  const int *ci_rows;
  int ci_n, ci_col;
  const dtable *ci_t;
  double ci[2];
} tctx;

static inline src_loc loc(tctx *c, const spec_node *n) { return spec_loc(c->doc, n); }

static const cell null_cell;

/* ---- cells ---- */
static inline cell num_cell(double v) { return (cell){.type = EXPR_NUM, .num = v}; }
static inline cell str_cell(const char *s) { return (cell){.type = EXPR_STR, .str = s}; }

static inline const cell *cell_at(const dtable *t, int r, int col) {
  return col >= 0 ? dtable_row(t, r) + col : &null_cell;
}
uint64_t tr_hash_str(const char *s);
uint64_t tr_hash_num(double v);
int tr_cell_eq(const cell *x, const cell *y);
int tr_cell_cmp(const cell *x, const cell *y);
int tr_cellp_cmp(const void *pa, const void *pb); /* qsort over cells */

/* ---- sorting: rows by keys, a stable merge sort ---- */
typedef struct sort_key {
  int col;
  int desc;
} sort_key;

/* Sort keys are prepared once per row (rank, number, string), so the
 * O(n log n) comparisons do not re-inspect cells. */
typedef struct skey {
  int rank; /* cell_rank */
  double n;
  const char *s;
} skey;

typedef struct sorter {
  const skey *k; /* nrows x nkeys */
  const sort_key *keys;
  int nkeys;
} sorter;

void tr_sorter_init(tctx *c, sorter *so, const dtable *t, const sort_key *keys, int nkeys);
int tr_rows_cmp(const sorter *s, int a, int b);
void tr_sort_rows(tctx *c, const sorter *s, int *v, int n);
/* A window's or stack's 'sort': [{field, order}] to keys. */
int tr_parse_sort(tctx *c, const dtable *t, const spec_node *n, sort_key **out, int *nk);

/* ---- grouping: rows by the values of some columns, a hash table ---- */
typedef struct groups {
  int n;      /* number of groups */
  int *gid;   /* per row */
  int *first; /* a row of each group (its first) */
  int *start; /* n + 1 offsets into rows */
  int *rows;  /* row indices, grouped, input order within a group */
} groups;

void tr_group_rows(tctx *c, const dtable *t, const int *cols, int nc, groups *g);

/* ---- the memory budget (base/arena.h): located errors at the transform ---- */

/* Before adding k columns to t (which may widen every row): 0 when that
 * fits, else -1 after the located error. */
int tr_cols_fit(tctx *c, const dtable *t, int k);
/* Before making `bytes` more: the same. */
int tr_fits(tctx *c, double bytes, const spec_node *at);
/* In a loop that makes `total` rows, `done` so far, the budget holding
 * `used0` bytes when it began: 0 to go on, -1 after the located error at
 * the transform (data_budget_step, looking every 1024 rows). */
int tr_budget_step(tctx *c, const spec_node *at, size_t used0, long done, long total);
/* The budget's bytes held now (0 without a budget). */
size_t tr_used(const tctx *c);

/* ---- spec helpers: keys, fields, names; errors located at the node ---- */
int tr_in_list(const char *s, const char *const *list);
int tr_check_keys(tctx *c, const spec_node *tr, const vl_table *kind);
const spec_node *tr_required(tctx *c, const spec_node *map, const char *key);
const char *tr_field_name(tctx *c, const spec_node *n);
int tr_field_col(tctx *c, const dtable *t, const spec_node *n, int *col);
int tr_field_list(tctx *c, const dtable *t, const spec_node *n, int **cols, int *nc);
const char *tr_as_name(tctx *c, const spec_node *n);
int tr_two_names(tctx *c, const spec_node *as, const char **a, const char **b);

/* ---- aggregate and window ops ---- */
enum {
  OP_COUNT, OP_VALID, OP_MISSING, OP_DISTINCT, OP_SUM, OP_PRODUCT, OP_MEAN, OP_AVERAGE, OP_MEDIAN, OP_MIN, OP_MAX,
  OP_STDEV, OP_STDEVP, OP_VARIANCE, OP_VARIANCEP, OP_STDERR, OP_Q1, OP_Q3, OP_CI0, OP_CI1,
  OP_NAGG,
  OP_ROW_NUMBER = OP_NAGG, OP_RANK, OP_DENSE_RANK, OP_PERCENT_RANK, OP_CUME_DIST, OP_NTILE, OP_LAG, OP_LEAD,
  OP_FIRST_VALUE, OP_LAST_VALUE, OP_NTH_VALUE, OP_LAST
};
extern const char *const tr_op_names[];
int tr_parse_op(tctx *c, const spec_node *n, int window, int *op);
cell tr_agg_compute(tctx *c, int op, const dtable *t, int col, const int *rows, int n);

typedef struct aggdef {
  int op, col, out;
  const spec_node *field, *at;
  const char *as;
  double param;
  int has_param;
} aggdef;
/* [{op, field, as}] for aggregate/joinaggregate (window=0) or window (1). */
int tr_parse_aggdefs(tctx *c, const dtable *t, const spec_node *list, int window, aggdef **out, int *n);

/* A window's or impute's 'frame' [before, after] (null: unbounded; absent:
 * [null, 0]): fr the row counts, fset whether each end is bounded. */
int tr_parse_frame(tctx *c, const spec_node *n, int fr[2], int fset[2]);

/* ---- the transforms in their own files ---- */
dtable *tr_window(tctx *c, const spec_node *tr, dtable *t); /* transform_window.c */
dtable *tr_fold(tctx *c, const spec_node *tr, dtable *t);
dtable *tr_pivot(tctx *c, const spec_node *tr, dtable *t);
dtable *tr_flatten(tctx *c, const spec_node *tr, dtable *t);
dtable *tr_stack(tctx *c, const spec_node *tr, dtable *t);
dtable *tr_lookup(tctx *c, const spec_node *tr, dtable *t); /* transform_reshape.c */
dtable *tr_impute(tctx *c, const spec_node *tr, dtable *t); /* transform_impute.c */
#endif
