/* Vega-Lite transforms (see transform.h): the shared machinery (cells,
 * sorting, grouping, spec helpers, aggregate ops), filter, calculate,
 * aggregate, bin, timeUnit and the driver; window is in
 * transform_window.c, fold/pivot/flatten/stack/lookup in
 * transform_reshape.c.  Everything is O(n log n) at worst: grouping uses a
 * hash table, sorting a merge sort, windows prefix sums and sparse tables.
 * Temporary arrays live in a scratch arena that dies with the call; output
 * tables in the caller's arena. */
#include "data/transform_internal.h"

#include "data/bin.h"
#include "data/data_check.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "data/timefmt.h"
#include "spec/vl_keys.h"
#include "spec/keys.h"





/* ---- cells ---------------------------------------------------------------- */

static uint64_t mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

uint64_t tr_hash_str(const char *s) {
  uint64_t h = 1469598103934665603ULL;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
  return h;
}

uint64_t tr_hash_num(double v) {
  if (v == 0) v = 0; /* -0 */
  if (isnan(v)) return 0x7ff8dead;
  uint64_t u;
  memcpy(&u, &v, sizeof u);
  return mix64(u);
}

static uint64_t cell_hash(const cell *x) {
  switch (x->type) {
  case EXPR_NUM: return tr_hash_num(x->num);
  case EXPR_STR: return tr_hash_str(x->str);
  case EXPR_BOOL: return 0x1234567 + (uint64_t)x->boolean;
  default: return 0x9e3779b97f4a7c15ULL;
  }
}

int tr_cell_eq(const cell *x, const cell *y) {
  if (x->type != y->type) return 0;
  switch (x->type) {
  case EXPR_NUM: return x->num == y->num || (isnan(x->num) && isnan(y->num));
  case EXPR_STR: return x->str == y->str || !strcmp(x->str, y->str);
  case EXPR_BOOL: return x->boolean == y->boolean;
  default: return 1;
  }
}

/* Ascending order like Vega's: missing values first, then numbers (and
 * booleans as 0/1), then strings by code point. */
static int cell_rank(const cell *x) {
  if (x->type == EXPR_NULL) return 0;
  if (x->type == EXPR_STR) return 3;
  if (x->type == EXPR_NUM && isnan(x->num)) return 1;
  return 2;
}

int tr_cell_cmp(const cell *x, const cell *y) {
  int rx = cell_rank(x), ry = cell_rank(y);
  if (rx != ry) return rx < ry ? -1 : 1;
  if (rx == 3) {
    int r = strcmp(x->str, y->str);
    return r < 0 ? -1 : r > 0;
  }
  if (rx == 2) {
    double a = x->type == EXPR_NUM ? x->num : x->boolean, b = y->type == EXPR_NUM ? y->num : y->boolean;
    return a < b ? -1 : a > b;
  }
  return 0;
}



/* ---- sorting -------------------------------------------------------------- */




void tr_sorter_init(tctx *c, sorter *so, const dtable *t, const sort_key *keys, int nkeys) {
  so->keys = keys;
  so->nkeys = nkeys;
  skey *k = arena_alloc_array(c->tmp, (size_t)t->nrows * (size_t)(nkeys ? nkeys : 1), sizeof *k);
  for (int r = 0; r < t->nrows; r++)
    for (int i = 0; i < nkeys; i++) {
      const cell *x = cell_at(t, r, keys[i].col);
      skey *y = &k[(size_t)r * nkeys + i];
      y->rank = cell_rank(x);
      if (y->rank == 3) y->s = x->str;
      else if (y->rank == 2) y->n = x->type == EXPR_NUM ? x->num : x->boolean;
    }
  so->k = k;
}

static inline int skey_cmp(const skey *a, const skey *b) {
  if (a->rank != b->rank) return a->rank < b->rank ? -1 : 1;
  if (a->rank == 2) return (a->n > b->n) - (a->n < b->n);
  if (a->rank == 3) {
    int r = strcmp(a->s, b->s);
    return (r > 0) - (r < 0);
  }
  return 0;
}

int tr_rows_cmp(const sorter *s, int a, int b) {
  const skey *ka = s->k + (size_t)a * s->nkeys, *kb = s->k + (size_t)b * s->nkeys;
  for (int i = 0; i < s->nkeys; i++) {
    int r = skey_cmp(ka + i, kb + i);
    if (r) return s->keys[i].desc ? -r : r;
  }
  return 0;
}

/* Stable bottom-up merge sort of row indices.  The first key travels with
 * each entry, so the passes read memory in order; only ties on it look
 * up the other keys. */
typedef struct sentry {
  skey k;
  int row;
} sentry;

static inline int sentry_cmp(const sorter *s, const sentry *a, const sentry *b) {
  int r = skey_cmp(&a->k, &b->k);
  if (r) return s->keys[0].desc ? -r : r;
  return s->nkeys > 1 ? tr_rows_cmp(s, a->row, b->row) : 0;
}

void tr_sort_rows(tctx *c, const sorter *s, int *v, int n) {
  if (n < 2 || s->nkeys == 0) return;
  sentry *e = arena_alloc_array(c->tmp, (size_t)n, sizeof *e);
  sentry *tmp = arena_alloc_array(c->tmp, (size_t)n, sizeof *tmp);
  for (int i = 0; i < n; i++) e[i].k = s->k[(size_t)v[i] * s->nkeys], e[i].row = v[i];
  for (int w = 1; w < n; w *= 2) {
    for (int lo = 0; lo < n; lo += 2 * w) {
      int mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
      int i = lo, j = mid, k = lo;
      while (i < mid && j < hi) tmp[k++] = sentry_cmp(s, &e[j], &e[i]) < 0 ? e[j++] : e[i++];
      while (i < mid) tmp[k++] = e[i++];
      while (j < hi) tmp[k++] = e[j++];
    }
    sentry *x = e;
    e = tmp;
    tmp = x;
  }
  for (int i = 0; i < n; i++) v[i] = e[i].row;
}

static int dbl_cmp(const void *pa, const void *pb) {
  double a = *(const double *)pa, b = *(const double *)pb;
  return a < b ? -1 : a > b;
}

int tr_cellp_cmp(const void *pa, const void *pb) { return tr_cell_cmp(pa, pb); }

/* ---- grouping ------------------------------------------------------------- */


void tr_group_rows(tctx *c, const dtable *t, const int *cols, int nc, groups *g) {
  int n = t->nrows;
  g->gid = arena_alloc_array(c->tmp, (size_t)n + 1, sizeof *g->gid);
  g->first = arena_alloc_array(c->tmp, (size_t)n + 1, sizeof *g->first);
  g->n = 0;
  if (nc == 0) {
    if (n > 0) g->n = 1;
  } else {
    size_t cap = 16;
    while (cap < (size_t)n * 2) cap *= 2;
    int *slots = arena_alloc_array(c->tmp, cap, sizeof *slots); /* group id + 1; 0 = empty */
    uint64_t *hashes = arena_alloc_array(c->tmp, (size_t)n + 1, sizeof *hashes);
    for (int r = 0; r < n; r++) {
      const cell *row = dtable_row(t, r);
      uint64_t h = 0x2545F4914F6CDD1DULL;
      for (int k = 0; k < nc; k++) h = mix64(h ^ cell_hash(cols[k] >= 0 ? row + cols[k] : &null_cell));
      size_t i = (size_t)h & (cap - 1);
      for (;;) {
        int s = slots[i];
        if (!s) {
          slots[i] = g->n + 1;
          hashes[g->n] = h;
          g->first[g->n] = r;
          g->gid[r] = g->n++;
          break;
        }
        if (hashes[s - 1] == h) {
          const cell *o = dtable_row(t, g->first[s - 1]);
          int eq = 1;
          for (int k = 0; k < nc && eq; k++)
            if (cols[k] >= 0) eq = tr_cell_eq(row + cols[k], o + cols[k]);
          if (eq) {
            g->gid[r] = s - 1;
            break;
          }
        }
        i = (i + 1) & (cap - 1);
      }
    }
  }
  g->start = arena_alloc_array(c->tmp, (size_t)g->n + 1, sizeof *g->start);
  g->rows = arena_alloc_array(c->tmp, (size_t)n + 1, sizeof *g->rows);
  for (int r = 0; r < n; r++) g->start[g->gid[r] + 1]++;
  for (int i = 0; i < g->n; i++) g->start[i + 1] += g->start[i];
  int *fill = arena_alloc_array(c->tmp, (size_t)g->n + 1, sizeof *fill);
  memcpy(fill, g->start, (size_t)g->n * sizeof *fill);
  for (int r = 0; r < n; r++) g->rows[fill[g->gid[r]]++] = r;
}

/* ---- spec helpers --------------------------------------------------------- */

/* The transform kinds and their keys are vl_keys.c's tables (the schema's). */
#define TNAME(i) (vl_transform_kinds[i]->keys[0].name)

/* Every key some Vega-Lite transform takes: a misplaced one is "not supported here". */
static const char *const vl_transform_keys[] = {
    "filter", "calculate", "as",      "aggregate", "groupby",  "joinaggregate", "window", "frame", "ignorePeers",
    "sort",   "fold",      "pivot",   "value",     "limit",    "op",            "bin",    "field", "timeUnit",
    "lookup", "from",      "default", "density",   "extent",   "flatten",       "impute", "loess", "quantile",
    "regression", "sample", "stack",  "offset",    "keyvals",  "method",        "bandwidth", "counts", "cumulative",
    "steps",  "probs",     "on",      "order",     "params",   NULL};

int tr_in_list(const char *s, const char *const *list) {
  for (int i = 0; list[i]; i++)
    if (!strcmp(s, list[i])) return 1;
  return 0;
}

/* Check a transform's keys against the ones it takes. */
int tr_check_keys(tctx *c, const spec_node *tr, const vl_table *kind) {
  const char *allowed[16];
  vl_table_names(kind, allowed, 16);
  for (int i = 0; i < tr->n; i++) {
    const char *k = tr->keys[i]->str;
    if (tr_in_list(k, allowed)) continue;
    if (tr_in_list(k, vl_transform_keys)) {
      diag_spec_error(c->d, loc(c, tr->keys[i]), "'%s' is not supported in the %s transform", k, c->tname);
      return -1;
    }
    const char *s = keys_suggest(k, allowed, -1);
    if (s)
      diag_spec_error(c->d, loc(c, tr->keys[i]), "unknown key '%s' in the %s transform (did you mean '%s'?)", k,
                      c->tname, s);
    else
      diag_spec_error(c->d, loc(c, tr->keys[i]), "unknown key '%s' in the %s transform", k, c->tname);
    return -1;
  }
  return 0;
}

const spec_node *tr_required(tctx *c, const spec_node *map, const char *key) {
  const spec_node *n = spec_map_get(map, key);
  if (!n) diag_spec_error(c->d, loc(c, map), "'%s' is required in the %s transform", key, c->tname);
  return n;
}

/* A field name as Vega-Lite writes it: "a\.b" is the field "a.b". */
const char *tr_field_name(tctx *c, const spec_node *n) {
  const char *s;
  if (spec_get_string(c->doc, n, &s, c->d)) return NULL;
  return data_unescape_field(c->a, s);
}

static void no_field(tctx *c, const spec_node *at, const dtable *t, const char *name) {
  data_no_field(c->doc, at, t, name, c->d);
}

/* Column of a field node: -1 (reads as null) when the table has no
 * columns at all; an error when it has columns but not this one. */
int tr_field_col(tctx *c, const dtable *t, const spec_node *n, int *col) {
  const char *name = tr_field_name(c, n);
  if (!name) return -1;
  *col = dtable_col(t, name);
  if (*col < 0 && t->ncols > 0) {
    no_field(c, n, t, name);
    return -1;
  }
  return 0;
}

/* A list of field names (a single name is accepted too). */
int tr_field_list(tctx *c, const dtable *t, const spec_node *n, int **cols, int *nc) {
  *nc = 0;
  *cols = NULL;
  if (!n || spec_is_null(n)) return 0;
  int cnt = n->kind == SPEC_SEQ ? n->n : 1;
  *cols = arena_alloc_array(c->tmp, (size_t)cnt + 1, sizeof **cols);
  for (int i = 0; i < cnt; i++)
    if (tr_field_col(c, t, n->kind == SPEC_SEQ ? n->items[i] : n, &(*cols)[i])) return -1;
  *nc = cnt;
  return 0;
}

const char *tr_as_name(tctx *c, const spec_node *n) {
  const char *s;
  if (spec_get_string(c->doc, n, &s, c->d)) return NULL;
  return s;
}

static expr *compile(tctx *c, const spec_node *n) {
  const char *src;
  if (spec_get_string(c->doc, n, &src, c->d)) return NULL;
  char err[256];
  size_t off = 0;
  expr *e = expr_compile_env(src, n->len, c->env, err, sizeof err, &off);
  if (!e) {
    int ch = 1;
    for (size_t i = 0; i < off && src[i]; i++)
      if (((unsigned char)src[i] & 0xC0) != 0x80) ch++;
    diag_spec_error(c->d, loc(c, n), "invalid expression (at character %d): %s", ch, err);
    return NULL;
  }
  if (c->nexprs == c->capexprs) {
    int cap = c->capexprs ? c->capexprs * 2 : 8;
    c->exprs = arena_grow(c->tmp, c->exprs, (size_t)c->nexprs, (size_t)cap, sizeof *c->exprs);
    c->capexprs = cap;
  }
  c->exprs[c->nexprs++] = e;
  return e;
}

/* Evaluate e on row r; strings made by the evaluator are copied to the
 * output arena (strings that are a row's own cells are shared). */
typedef struct str_memo {
  const char *src, *copy;
} str_memo;

static int eval_row(tctx *c, const expr *e, const dtable *t, int r, const spec_node *at, cell *out, str_memo *memo) {
  dtable_rowref ref = {t, r};
  c->sc.used = 0;
  expr_value v;
  if (expr_eval(e, &ref, dtable_lookup, &c->sc, &v)) {
    diag_spec_error(c->d, loc(c, at), "expression failed: out of memory or string too long");
    return -1;
  }
  if (v.type == EXPR_STR && memo) {
    const char *s = v.str;
    if (c->sc.buf && s >= c->sc.buf && s < c->sc.buf + c->sc.cap) {
      v.str = arena_strdup(c->a, s);
    } else {
      const cell *row = dtable_row(t, r);
      int shared = 0;
      for (int i = 0; i < t->ncols && !shared; i++) shared = row[i].type == EXPR_STR && row[i].str == s;
      if (!shared) {
        if (memo->src != s) memo->src = s, memo->copy = arena_strdup(c->a, s);
        v.str = memo->copy;
      }
    }
  }
  *out = v;
  return 0;
}

/* ---- aggregate ops -------------------------------------------------------- */

const char *const tr_op_names[] = {
    "count",  "valid",  "missing",  "distinct", "sum",       "product", "mean",  "average", "median",
    "min",    "max",    "stdev",    "stdevp",   "variance",  "variancep", "stderr", "q1",    "q3",
    "ci0", "ci1", "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead",
    "first_value", "last_value", "nth_value", NULL};
static const char *const unsupported_ops[] = {"argmin", "argmax", "values", "exponential",
                                              "exponentialb", NULL};

int tr_parse_op(tctx *c, const spec_node *n, int window, int *op) {
  const char *s;
  if (spec_get_string(c->doc, n, &s, c->d)) return -1;
  int lim = window ? OP_LAST : OP_NAGG;
  for (int i = 0; i < lim; i++)
    if (!strcmp(s, tr_op_names[i])) {
      if (window && (i == OP_CI0 || i == OP_CI1)) { /* 1000 resamples per frame: too slow for a window */
        diag_spec_error(c->d, loc(c, n), "'%s' is not supported as a window op (use it in aggregate)", s);
        return -1;
      }
      *op = i == OP_AVERAGE ? OP_MEAN : i;
      return 0;
    }
  if (tr_in_list(s, unsupported_ops)) {
    diag_spec_error(c->d, loc(c, n), "'%s' is not supported as an aggregate op", s);
    return -1;
  }
  const char *sg = keys_suggest(s, tr_op_names, lim);
  const char *kind = window ? "window" : "aggregate";
  if (sg)
    diag_spec_error(c->d, loc(c, n), "unknown %s op '%s' (did you mean '%s'?)", kind, s, sg);
  else
    diag_spec_error(c->d, loc(c, n), "unknown %s op '%s'", kind, s);
  return -1;
}

static int op_needs_field(int op) {
  return op != OP_COUNT && op != OP_ROW_NUMBER && op != OP_RANK && op != OP_DENSE_RANK && op != OP_PERCENT_RANK &&
         op != OP_CUME_DIST && op != OP_NTILE;
}

static double quantile_sorted(const double *v, int n, double p) {
  if (n == 1) return v[0];
  double i = (n - 1) * p;
  int i0 = (int)floor(i);
  if (i0 >= n - 1) return v[n - 1];
  return v[i0] + (v[i0 + 1] - v[i0]) * (i - i0);
}

/* Vega's randomLCG (vega-statistics): the generator Vega-Lite's reference
 * renderings use (vg2svg --seed 123456789). */
static double lcg_next(tctx *c) {
  c->lcg = (1664525u * c->lcg + 1013904223u) % 4294967296u;
  return (double)c->lcg / 4294967296.0;
}

/* Vega's bootstrapCI(values, 1000, 0.05): the 2.5% and 97.5% quantiles of
 * the means of 1000 resamples drawn with c's random stream.  So ci0/ci1
 * are Vega's own numbers when a spec has one ci aggregate, and otherwise
 * the same kind of estimate from a deterministic stream. */
static void bootstrap_ci(tctx *c, const double *v, int n, double out[2]) {
  enum { SAMPLES = 1000 };
  double *mu = arena_alloc_array(c->tmp, SAMPLES, sizeof *mu);
  for (int j = 0; j < SAMPLES; j++) {
    double a = 0;
    for (int i = 0; i < n; i++) a += v[(int)(lcg_next(c) * n)];
    mu[j] = a / n;
  }
  qsort(mu, SAMPLES, sizeof *mu, dbl_cmp);
  out[0] = quantile_sorted(mu, SAMPLES, 0.025);
  out[1] = quantile_sorted(mu, SAMPLES, 0.975);
}

/* op over the rows rows[0..n) of column col. */
cell tr_agg_compute(tctx *c, int op, const dtable *t, int col, const int *rows, int n) {
  if (op == OP_COUNT) return num_cell(n);
  if (op == OP_DISTINCT) {
    cell *v = arena_alloc_array(c->tmp, (size_t)n + 1, sizeof *v);
    for (int i = 0; i < n; i++) v[i] = *cell_at(t, rows[i], col);
    if (n > 1) qsort(v, (size_t)n, sizeof *v, tr_cellp_cmp);
    int k = n > 0;
    for (int i = 1; i < n; i++) k += !tr_cell_eq(&v[i], &v[i - 1]);
    return num_cell(k);
  }
  long valid = 0, missing = 0, numeric = 0;
  double sum = 0, prod = 1, mean = 0, m2 = 0, mn = INFINITY, mx = -INFINITY;
  const char *smin = NULL, *smax = NULL;
  double *vals = NULL;
  int want_vals = op == OP_MEDIAN || op == OP_Q1 || op == OP_Q3 || op == OP_CI0 || op == OP_CI1;
  if (want_vals) vals = arena_alloc_array(c->tmp, (size_t)n + 1, sizeof *vals);
  for (int i = 0; i < n; i++) {
    const cell *x = cell_at(t, rows[i], col);
    if (x->type == EXPR_NULL) {
      missing++;
      continue;
    }
    if (x->type == EXPR_NUM && isnan(x->num)) continue;
    valid++;
    double v = cell_number(x);
    if (isnan(v)) {
      if (x->type == EXPR_STR) {
        if (!smin || strcmp(x->str, smin) < 0) smin = x->str;
        if (!smax || strcmp(x->str, smax) > 0) smax = x->str;
      }
      continue;
    }
    if (want_vals) vals[numeric] = v;
    numeric++;
    sum += v;
    prod *= v;
    double delta = v - mean;
    mean += delta / (double)numeric;
    m2 += delta * (v - mean);
    if (v < mn) mn = v;
    if (v > mx) mx = v;
  }
  switch (op) {
  case OP_VALID: return num_cell((double)valid);
  case OP_MISSING: return num_cell((double)missing);
  case OP_SUM: return num_cell(sum);
  case OP_PRODUCT: return num_cell(prod);
  case OP_MEAN: return numeric ? num_cell(sum / (double)numeric) : null_cell;
  case OP_MIN: return numeric ? num_cell(mn) : smin ? str_cell(smin) : null_cell;
  case OP_MAX: return numeric ? num_cell(mx) : smax ? str_cell(smax) : null_cell;
  case OP_VARIANCE: return numeric > 1 ? num_cell(m2 / (double)(numeric - 1)) : null_cell;
  case OP_VARIANCEP: return numeric > 0 ? num_cell(m2 / (double)numeric) : null_cell;
  case OP_STDEV: return numeric > 1 ? num_cell(sqrt(m2 / (double)(numeric - 1))) : null_cell;
  case OP_STDEVP: return numeric > 0 ? num_cell(sqrt(m2 / (double)numeric)) : null_cell;
  case OP_STDERR: return numeric > 1 ? num_cell(sqrt(m2 / ((double)numeric * (double)(numeric - 1)))) : null_cell;
  case OP_MEDIAN:
  case OP_Q1:
  case OP_Q3:
    if (!numeric) return null_cell;
    if (numeric > 1) qsort(vals, (size_t)numeric, sizeof *vals, dbl_cmp);
    return num_cell(quantile_sorted(vals, (int)numeric, op == OP_MEDIAN ? 0.5 : op == OP_Q1 ? 0.25 : 0.75));
  case OP_CI0:
  case OP_CI1: /* Vega's values in data order (not sorted) */
    if (!numeric) return null_cell;
    if (c->ci_t != t || c->ci_rows != rows || c->ci_n != n || c->ci_col != col) {
      bootstrap_ci(c, vals, (int)numeric, c->ci);
      c->ci_t = t, c->ci_rows = rows, c->ci_n = n, c->ci_col = col;
    }
    return num_cell(c->ci[op == OP_CI1]);
  default: return null_cell;
  }
}


/* [{op, field, as}] for aggregate/joinaggregate (window=0) or window (1). */
int tr_parse_aggdefs(tctx *c, const dtable *t, const spec_node *list, int window, aggdef **out, int *n) {
  const char *what = c->tname;
  if (list->kind != SPEC_SEQ) {
    diag_spec_error(c->d, loc(c, list), "'%s' must be a list of {op, field, as}, found %s", what,
                    spec_describe(c->a, list));
    return -1;
  }
  aggdef *defs = arena_alloc_array(c->tmp, (size_t)list->n + 1, sizeof *defs);
  for (int i = 0; i < list->n; i++) {
    const spec_node *m = list->items[i];
    aggdef *g = &defs[i];
    g->at = m;
    g->col = -1;
    if (m->kind != SPEC_MAP) {
      diag_spec_error(c->d, loc(c, m), "each item of '%s' must be a mapping {op, field, as}, found %s", what,
                      spec_describe(c->a, m));
      return -1;
    }
    static const char *const keys_agg[] = {"op", "field", "as", NULL};
    static const char *const keys_win[] = {"op", "field", "as", "param", NULL};
    const char *const *allowed = window ? keys_win : keys_agg;
    for (int k = 0; k < m->n; k++) {
      if (tr_in_list(m->keys[k]->str, allowed)) continue;
      const char *s = keys_suggest(m->keys[k]->str, allowed, -1);
      if (s)
        diag_spec_error(c->d, loc(c, m->keys[k]), "unknown key '%s' in the %s transform (did you mean '%s'?)",
                        m->keys[k]->str, what, s);
      else
        diag_spec_error(c->d, loc(c, m->keys[k]), "unknown key '%s' in the %s transform", m->keys[k]->str, what);
      return -1;
    }
    const spec_node *op = spec_map_get(m, "op");
    if (!op) {
      diag_spec_error(c->d, loc(c, m), "'op' is required in the %s transform", what);
      return -1;
    }
    if (tr_parse_op(c, op, window, &g->op)) return -1;
    g->field = spec_map_get(m, "field");
    if (g->field) {
      if (tr_field_col(c, t, g->field, &g->col)) return -1;
    } else if (op_needs_field(g->op)) {
      diag_spec_error(c->d, loc(c, op), "'%s' needs a 'field'", op->str);
      return -1;
    }
    const spec_node *p = spec_map_get(m, "param");
    if (p) {
      if (spec_get_number(c->doc, p, &g->param, c->d)) return -1;
      g->has_param = 1;
    }
    const spec_node *as = spec_map_get(m, "as");
    if (as) {
      if (!(g->as = tr_as_name(c, as))) return -1;
    } else {
      const char *fname = g->field ? tr_field_name(c, g->field) : NULL;
      g->as = fname ? arena_printf(c->a, "%s_%s", op->str, fname) : op->str;
    }
  }
  *out = defs;
  *n = list->n;
  return 0;
}

/* ---- filter --------------------------------------------------------------- */

enum { P_EXPR, P_AND, P_OR, P_NOT, P_EQUAL, P_LT, P_LTE, P_GT, P_GTE, P_RANGE, P_ONEOF, P_VALID };

typedef struct pred {
  int kind;
  int n;
  struct pred **kids;
  expr *e;
  const spec_node *at;
  int col;
  cell v;       /* equal, lt... */
  cell lo, hi;  /* range; null = open */
  cell *list;   /* oneOf */
  int nlist;
  int valid;
} pred;

static pred *parse_pred(tctx *c, const dtable *t, const spec_node *n, int depth) {
  pred *p = arena_alloc(c->tmp, sizeof *p);
  p->at = n;
  if (depth > LIMIT_DEPTH) return NULL;
  if (n->kind == SPEC_SCALAR) {
    p->kind = P_EXPR;
    return (p->e = compile(c, n)) ? p : NULL;
  }
  if (n->kind != SPEC_MAP) {
    diag_spec_error(c->d, loc(c, n), "a filter must be an expression or a predicate mapping, found %s",
                    spec_describe(c->a, n));
    return NULL;
  }
  const spec_node *x;
  if ((x = spec_map_get(n, "and")) || (x = spec_map_get(n, "or"))) {
    p->kind = spec_map_get(n, "and") ? P_AND : P_OR;
    if (x->kind != SPEC_SEQ) {
      diag_spec_error(c->d, loc(c, x), "'%s' must be a list of predicates, found %s", p->kind == P_AND ? "and" : "or",
                      spec_describe(c->a, x));
      return NULL;
    }
    p->n = x->n;
    p->kids = arena_alloc_array(c->tmp, (size_t)x->n + 1, sizeof *p->kids);
    for (int i = 0; i < x->n; i++)
      if (!(p->kids[i] = parse_pred(c, t, x->items[i], depth + 1))) return NULL;
    return p;
  }
  if ((x = spec_map_get(n, "not"))) {
    p->kind = P_NOT;
    p->n = 1;
    p->kids = arena_alloc(c->tmp, sizeof *p->kids);
    return (p->kids[0] = parse_pred(c, t, x, depth + 1)) ? p : NULL;
  }
  if ((x = spec_map_get(n, "param"))) {
    diag_spec_error(c->d, loc(c, x), "'param' is not supported in filter predicates");
    return NULL;
  }
  if ((x = spec_map_get(n, "timeUnit"))) {
    diag_spec_error(c->d, loc(c, x), "'timeUnit' is not supported in filter predicates");
    return NULL;
  }
  const spec_node *f = spec_map_get(n, "field");
  static const char *const ops[] = {"equal", "lt", "lte", "gt", "gte", "range", "oneOf", "valid", NULL};
  const spec_node *v = NULL;
  int which = -1;
  for (int i = 0; ops[i] && which < 0; i++)
    if ((v = spec_map_get(n, ops[i]))) which = i;
  if (!f || which < 0) {
    diag_spec_error(c->d, loc(c, n),
                    "a filter predicate needs 'field' with one of equal, lt, lte, gt, gte, range, oneOf, valid");
    return NULL;
  }
  static const char *const pkeys[] = {"field", "equal", "lt", "lte", "gt", "gte", "range", "oneOf", "valid", NULL};
  for (int i = 0; i < n->n; i++) {
    if (tr_in_list(n->keys[i]->str, pkeys)) continue;
    const char *s = keys_suggest(n->keys[i]->str, pkeys, -1);
    if (s)
      diag_spec_error(c->d, loc(c, n->keys[i]), "unknown key '%s' in a filter predicate (did you mean '%s'?)",
                      n->keys[i]->str, s);
    else
      diag_spec_error(c->d, loc(c, n->keys[i]), "unknown key '%s' in a filter predicate", n->keys[i]->str);
    return NULL;
  }
  if (tr_field_col(c, t, f, &p->col)) return NULL;
  p->kind = P_EQUAL + which;
  if (p->kind == P_RANGE) {
    if (v->kind != SPEC_SEQ || v->n != 2 || (!spec_is_null(v->items[0]) && !spec_is_number(v->items[0])) ||
        (!spec_is_null(v->items[1]) && !spec_is_number(v->items[1]))) {
      diag_spec_error(c->d, loc(c, v), "'range' must be a list of two numbers (null for an open end)");
      return NULL;
    }
    p->lo = cell_from_node(v->items[0]);
    p->hi = cell_from_node(v->items[1]);
  } else if (p->kind == P_ONEOF) {
    if (v->kind != SPEC_SEQ) {
      diag_spec_error(c->d, loc(c, v), "'oneOf' must be a list of values, found %s", spec_describe(c->a, v));
      return NULL;
    }
    p->nlist = v->n;
    p->list = arena_alloc_array(c->tmp, (size_t)v->n + 1, sizeof *p->list);
    for (int i = 0; i < v->n; i++) p->list[i] = cell_from_node(v->items[i]);
  } else if (p->kind == P_VALID) {
    if (spec_get_bool(c->doc, v, &p->valid, c->d)) return NULL;
  } else {
    if (v->kind != SPEC_SCALAR) {
      diag_spec_error(c->d, loc(c, v), "'%s' must be a single value, found %s", ops[which], spec_describe(c->a, v));
      return NULL;
    }
    p->v = cell_from_node(v);
  }
  return p;
}

/* JavaScript's a < b etc.: two strings compare as strings, else as numbers. */
static int js_less(const cell *a, const cell *b, int or_equal) {
  if (a->type == EXPR_STR && b->type == EXPR_STR) {
    int r = strcmp(a->str, b->str);
    return or_equal ? r <= 0 : r < 0;
  }
  double x = expr_to_number(a), y = expr_to_number(b);
  return or_equal ? x <= y : x < y;
}

static int pred_eval(tctx *c, const pred *p, const dtable *t, int r, int *out) {
  const cell *x = p->kind >= P_EQUAL ? cell_at(t, r, p->col) : NULL;
  int b = 0;
  switch (p->kind) {
  case P_EXPR: {
    cell v;
    if (eval_row(c, p->e, t, r, p->at, &v, NULL)) return -1;
    b = expr_truthy(&v);
    break;
  }
  case P_AND:
  case P_OR:
    b = p->kind == P_AND;
    for (int i = 0; i < p->n; i++) {
      int k;
      if (pred_eval(c, p->kids[i], t, r, &k)) return -1;
      if (p->kind == P_AND && !k) {
        b = 0;
        break;
      }
      if (p->kind == P_OR && k) {
        b = 1;
        break;
      }
    }
    break;
  case P_NOT:
    if (pred_eval(c, p->kids[0], t, r, &b)) return -1;
    b = !b;
    break;
  case P_EQUAL: b = tr_cell_eq(x, &p->v) && !(x->type == EXPR_NUM && isnan(x->num)); break;
  case P_LT: b = js_less(x, &p->v, 0); break;
  case P_LTE: b = js_less(x, &p->v, 1); break;
  case P_GT: b = js_less(&p->v, x, 0); break;
  case P_GTE: b = js_less(&p->v, x, 1); break;
  case P_RANGE:
    b = (p->lo.type == EXPR_NULL || js_less(&p->lo, x, 1)) && (p->hi.type == EXPR_NULL || js_less(x, &p->hi, 1));
    break;
  case P_ONEOF:
    for (int i = 0; i < p->nlist && !b; i++) b = tr_cell_eq(x, &p->list[i]);
    break;
  case P_VALID: {
    int ok = x->type != EXPR_NULL && !isnan(cell_number(x));
    b = p->valid ? ok : !ok;
    break;
  }
  }
  *out = b;
  return 0;
}

static dtable *t_filter(tctx *c, const spec_node *tr, dtable *t) {
  if (tr_check_keys(c, tr, vl_transform_kinds[VLT_FILTER])) return NULL;
  pred *p = parse_pred(c, t, spec_map_get(tr, "filter"), 0);
  if (!p) return NULL;
  int w = 0;
  size_t rowbytes = (size_t)t->capcols * sizeof(cell);
  for (int r = 0; r < t->nrows; r++) {
    int keep;
    if (pred_eval(c, p, t, r, &keep)) return NULL;
    if (!keep) continue;
    if (w != r) memcpy(dtable_row(t, w), dtable_row(t, r), rowbytes);
    w++;
  }
  t->nrows = w;
  return t;
}

/* ---- the memory budget ----------------------------------------------------- */

static const char *budget_what(tctx *c) {
  return c->tname && *c->tname ? arena_printf(c->tmp, "the %s transform", c->tname) : "the transform";
}

static void budget_error(tctx *c, const spec_node *at, double need) {
  data_budget_error(c->doc, at ? at : c->tnode, c->a, need, budget_what(c), c->d);
}

size_t tr_used(const tctx *c) { return data_budget_used(c->a); }

int tr_fits(tctx *c, double bytes, const spec_node *at) {
  if (arena_budget_fits(c->a, bytes)) return 0;
  budget_error(c, at, (double)tr_used(c) + bytes);
  return -1;
}

int tr_cols_fit(tctx *c, const dtable *t, int k) {
  if (t->ncols + k <= t->capcols) return 0;
  double cap = t->capcols, need = 0, rows = t->caprows ? t->caprows : 1;
  while (cap < t->ncols + k) { /* dtable_add_col: each widening copies every row into a new block */
    cap = cap ? cap * 2 : 8;
    need += rows * cap * sizeof(cell);
  }
  return tr_fits(c, need, NULL);
}

int tr_budget_step(tctx *c, const spec_node *at, size_t used0, long done, long total) {
  if ((done & 1023) && !arena_over_budget(c->a)) return 0;
  return data_budget_step(c->doc, at ? at : c->tnode, c->a, used0, done, total, 1024, budget_what(c), c->d);
}

/* ---- calculate ------------------------------------------------------------ */

static dtable *t_calculate(tctx *c, const spec_node *tr, dtable *t) {
  if (tr_check_keys(c, tr, vl_transform_kinds[VLT_CALCULATE])) return NULL;
  const spec_node *src = spec_map_get(tr, "calculate"), *asn = tr_required(c, tr, "as");
  if (!asn) return NULL;
  const char *as = tr_as_name(c, asn);
  expr *e = as ? compile(c, src) : NULL;
  if (!e) return NULL;
  if (dtable_col(t, as) < 0 && tr_cols_fit(c, t, 1)) return NULL;
  int col = dtable_add_col(t, as);
  str_memo memo = {0};
  size_t used0 = tr_used(c);
  for (int r = 0; r < t->nrows; r++) {
    cell v;
    if (eval_row(c, e, t, r, src, &v, &memo)) return NULL;
    dtable_row(t, r)[col] = v;
    if (tr_budget_step(c, NULL, used0, r + 1, t->nrows)) return NULL;
  }
  return t;
}

/* ---- aggregate / joinaggregate -------------------------------------------- */

static dtable *t_aggregate(tctx *c, const spec_node *tr, dtable *t, int join) {
  if (tr_check_keys(c, tr, vl_transform_kinds[join ? VLT_JOINAGGREGATE : VLT_AGGREGATE])) return NULL;
  aggdef *defs;
  int nd, *gcols, ng;
  if (tr_parse_aggdefs(c, t, spec_map_get(tr, join ? "joinaggregate" : "aggregate"), 0, &defs, &nd)) return NULL;
  if (tr_field_list(c, t, spec_map_get(tr, "groupby"), &gcols, &ng)) return NULL;
  groups g;
  tr_group_rows(c, t, gcols, ng, &g);
  if (join) {
    if (tr_cols_fit(c, t, nd)) return NULL;
    for (int i = 0; i < nd; i++) defs[i].out = dtable_add_col(t, defs[i].as);
    for (int k = 0; k < g.n; k++) {
      const int *rows = g.rows + g.start[k];
      int n = g.start[k + 1] - g.start[k];
      for (int i = 0; i < nd; i++) {
        cell v = tr_agg_compute(c, defs[i].op, t, defs[i].col, rows, n);
        for (int j = 0; j < n; j++) dtable_row(t, rows[j])[defs[i].out] = v;
      }
    }
    return t;
  }
  dtable *o = dtable_new(c->a);
  int *gout = arena_alloc_array(c->tmp, (size_t)ng + 1, sizeof *gout);
  const spec_node *gb = spec_map_get(tr, "groupby");
  for (int i = 0; i < ng; i++) gout[i] = dtable_add_col(o, tr_field_name(c, gb->kind == SPEC_SEQ ? gb->items[i] : gb));
  for (int i = 0; i < nd; i++) defs[i].out = dtable_add_col(o, defs[i].as);
  /* No groupby on no rows: still one summary row (count 0), like SQL. */
  int ngroups = g.n == 0 && ng == 0 ? 1 : g.n;
  dtable_reserve(o, ngroups, o->ncols);
  for (int k = 0; k < ngroups; k++) {
    const int *rows = g.n ? g.rows + g.start[k] : NULL;
    int n = g.n ? g.start[k + 1] - g.start[k] : 0;
    cell *row = dtable_add_row(o);
    for (int i = 0; i < ng; i++) row[gout[i]] = *cell_at(t, g.first[k], gcols[i]);
    for (int i = 0; i < nd; i++) row[defs[i].out] = tr_agg_compute(c, defs[i].op, t, defs[i].col, rows, n);
  }
  return o;
}

/* ---- bin ---------------------------------------------------------------------- */

static dtable *t_bin(tctx *c, const spec_node *tr, dtable *t) {
  if (tr_check_keys(c, tr, vl_transform_kinds[VLT_BIN])) return NULL;
  const spec_node *bn = spec_map_get(tr, "bin"), *fn = tr_required(c, tr, "field");
  if (!fn) return NULL;
  int col;
  if (tr_field_col(c, t, fn, &col)) return NULL;
  double maxbins = 10, base = 10, minstep = 0, step = 0, anchor = NAN, ext[2] = {NAN, NAN}, span = 0;
  double divide[8] = {5, 2};
  int ndiv = 2, nice = 1, nsteps = 0;
  double steps[64];
  if (bn->kind == SPEC_MAP) {
    static const char *const bkeys[] = {"maxbins", "step", "steps", "extent", "nice", "base",
                                        "divide",  "minstep", "anchor", "span", NULL};
    for (int i = 0; i < bn->n; i++) {
      const char *k = bn->keys[i]->str;
      const spec_node *v = bn->items[i];
      if (!strcmp(k, "binned")) {
        diag_spec_error(c->d, loc(c, bn->keys[i]), "'binned' is not supported in the bin transform");
        return NULL;
      }
      if (!tr_in_list(k, bkeys)) {
        const char *s = keys_suggest(k, bkeys, -1);
        if (s)
          diag_spec_error(c->d, loc(c, bn->keys[i]), "unknown key '%s' in the bin transform (did you mean '%s'?)", k,
                          s);
        else
          diag_spec_error(c->d, loc(c, bn->keys[i]), "unknown key '%s' in the bin transform", k);
        return NULL;
      }
      int bad = 0;
      if (!strcmp(k, "maxbins")) bad = spec_get_number(c->doc, v, &maxbins, c->d);
      else if (!strcmp(k, "step")) bad = spec_get_number(c->doc, v, &step, c->d);
      else if (!strcmp(k, "base")) bad = spec_get_number(c->doc, v, &base, c->d);
      else if (!strcmp(k, "minstep")) bad = spec_get_number(c->doc, v, &minstep, c->d);
      else if (!strcmp(k, "anchor")) bad = spec_get_number(c->doc, v, &anchor, c->d);
      else if (!strcmp(k, "span")) bad = spec_get_number(c->doc, v, &span, c->d);
      else if (!strcmp(k, "nice")) bad = spec_get_bool(c->doc, v, &nice, c->d);
      else if (!strcmp(k, "extent") || !strcmp(k, "divide") || !strcmp(k, "steps")) {
        double *dst = !strcmp(k, "extent") ? ext : !strcmp(k, "divide") ? divide : steps;
        int cap = !strcmp(k, "extent") ? 2 : !strcmp(k, "divide") ? 8 : 64;
        if (v->kind != SPEC_SEQ || v->n < 1 || v->n > cap || (dst == ext && v->n != 2)) {
          diag_spec_error(c->d, loc(c, v), "'%s' must be a list of %s numbers", k, dst == ext ? "two" : "some");
          return NULL;
        }
        for (int j = 0; j < v->n && !bad; j++) bad = spec_get_number(c->doc, v->items[j], &dst[j], c->d);
        if (dst == divide) ndiv = v->n;
        if (dst == steps) nsteps = v->n;
      }
      if (bad) return NULL;
    }
    if (maxbins < 2) {
      diag_spec_error(c->d, loc(c, spec_map_get(bn, "maxbins")), "'maxbins' must be at least 2");
      return NULL;
    }
    if (step < 0 || base <= 1) {
      diag_spec_error(c->d, loc(c, bn), "'step' must be positive and 'base' greater than 1");
      return NULL;
    }
  } else {
    int on;
    if (spec_get_bool(c->doc, bn, &on, c->d)) return NULL;
    if (!on) return t; /* bin: false does nothing */
  }
  const char *fname = tr_field_name(c, fn);
  const char *as0 = arena_printf(c->a, "bin_maxbins_%g_%s", maxbins, fname), *as1 = NULL;
  const spec_node *asn = spec_map_get(tr, "as");
  if (asn && asn->kind == SPEC_SEQ) {
    if (tr_two_names(c, asn, &as0, &as1)) return NULL;
  } else if (asn) {
    if (!(as0 = tr_as_name(c, asn))) return NULL;
  }
  if (!as1) as1 = arena_printf(c->a, "%s_end", as0);
  double lo = ext[0], hi = ext[1];
  if (isnan(lo)) {
    lo = INFINITY, hi = -INFINITY;
    for (int r = 0; r < t->nrows; r++) {
      double v = cell_number(cell_at(t, r, col));
      if (isnan(v) || cell_at(t, r, col)->type == EXPR_NULL) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (tr_cols_fit(c, t, 2)) return NULL;
  int c0 = dtable_add_col(t, as0), c1 = dtable_add_col(t, as1);
  if (!isfinite(lo) || !isfinite(hi)) {
    for (int r = 0; r < t->nrows; r++) dtable_row(t, r)[c0] = dtable_row(t, r)[c1] = null_cell;
    return t;
  }
  bin_opts bo;
  bin_opts_default(&bo);
  bo.maxbins = maxbins, bo.base = base, bo.step = step, bo.minstep = minstep, bo.anchor = anchor, bo.span = span;
  bo.steps = steps, bo.nsteps = nsteps, bo.ndiv = ndiv, bo.nice = nice;
  for (int i = 0; i < ndiv; i++) bo.divide[i] = divide[i];
  double start, stop;
  bin_compute(&bo, lo, hi, &start, &stop, &step);
  for (int r = 0; r < t->nrows; r++) {
    cell *row = dtable_row(t, r);
    double x = cell_number(&row[col]);
    if (row[col].type == EXPR_NULL || isnan(x)) {
      row[c0] = row[c1] = null_cell;
      continue;
    }
    double b;
    if (x < start) b = -INFINITY;
    else if (x > stop) b = INFINITY;
    else {
      x = fmax(start, fmin(x, stop - step));
      b = start + step * floor(1e-14 + (x - start) / step);
    }
    row[c0] = num_cell(b);
    row[c1] = num_cell(isfinite(b) ? start + step * (1 + (b - start) / step) : b);
  }
  return t;
}

/* ---- timeUnit ---------------------------------------------------------------- */

enum { TU_YEAR = 1, TU_QUARTER = 2, TU_MONTH = 4, TU_WEEK = 8, TU_DAYOFYEAR = 16, TU_DAY = 32, TU_DATE = 64,
       TU_HOURS = 128, TU_MINUTES = 256, TU_SECONDS = 512, TU_MS = 1024 };

static int parse_time_unit(tctx *c, const spec_node *n, int *mask) {
  const char *s;
  const spec_node *un = n;
  if (n->kind == SPEC_MAP) {
    static const char *const tkeys[] = {"unit", "utc", NULL};
    for (int i = 0; i < n->n; i++)
      if (!tr_in_list(n->keys[i]->str, tkeys)) {
        diag_spec_error(c->d, loc(c, n->keys[i]), "'%s' is not supported in the timeUnit transform",
                        n->keys[i]->str);
        return -1;
      }
    un = spec_map_get(n, "unit");
    if (!un) {
      diag_spec_error(c->d, loc(c, n), "'unit' is required in the timeUnit transform");
      return -1;
    }
  }
  if (spec_get_string(c->doc, un, &s, c->d)) return -1;
  const char *p = s;
  if (!strncmp(p, "utc", 3)) p += 3;
  static const struct {
    const char *name;
    int bit;
  } parts[] = {{"year", TU_YEAR},       {"quarter", TU_QUARTER}, {"month", TU_MONTH},     {"week", TU_WEEK},
               {"dayofyear", TU_DAYOFYEAR}, {"day", TU_DAY},    {"date", TU_DATE},       {"hours", TU_HOURS},
               {"minutes", TU_MINUTES}, {"seconds", TU_SECONDS}, {"milliseconds", TU_MS}};
  int m = 0, last = 0;
  while (*p) {
    int found = -1;
    for (int i = 0; i < (int)(sizeof parts / sizeof parts[0]); i++) {
      size_t l = strlen(parts[i].name);
      if (!strncmp(p, parts[i].name, l) && parts[i].bit > last) {
        found = i;
        break;
      }
    }
    if (found < 0) {
      m = -1;
      break;
    }
    m |= parts[found].bit;
    last = parts[found].bit;
    p += strlen(parts[found].name);
  }
  if (m <= 0 || ((m & TU_DAY) && (m & (TU_DATE | TU_DAYOFYEAR | TU_MONTH | TU_QUARTER)))) {
    static const char *const common[] = {
        "year",       "quarter",      "month",         "date",          "day",          "dayofyear",
        "hours",      "minutes",      "seconds",       "milliseconds",  "yearquarter",  "yearquartermonth",
        "yearmonth",  "yearmonthdate", "yearmonthdatehours", "yearmonthdatehoursminutes",
        "yearmonthdatehoursminutesseconds", "quartermonth", "monthdate", "monthdatehours", "hoursminutes",
        "hoursminutesseconds", "minutesseconds", "secondsmilliseconds", NULL};
    const char *sg = keys_suggest(s, common, -1);
    if (sg)
      diag_spec_error(c->d, loc(c, un), "unknown time unit '%s' (did you mean '%s'?)", s, sg);
    else
      diag_spec_error(c->d, loc(c, un), "unknown time unit '%s'", s);
    return -1;
  }
  if (m & TU_WEEK) {
    diag_spec_error(c->d, loc(c, un), "time unit 'week' is not supported");
    return -1;
  }
  *mask = m;
  return 0;
}

/* Truncate t to the units in mask; the others take Vega's defaults
 * (year 2012, January, the 1st, midnight).  "day" lands on the first week
 * of January 2012, which starts on a Sunday. */
static double time_floor(double t, int mask) {
  timefields f;
  timefmt_fields(t, &f);
  int Y = mask & TU_YEAR ? f.year : 2012;
  int M = mask & TU_MONTH ? f.month : mask & TU_QUARTER ? (f.month - 1) / 3 * 3 + 1 : 1;
  int D = mask & TU_DATE ? f.day : mask & TU_DAYOFYEAR ? 1 + f.yday : mask & TU_DAY ? 1 + f.weekday : 1;
  return timefmt_make(Y, M, D, mask & TU_HOURS ? f.hours : 0, mask & TU_MINUTES ? f.minutes : 0,
                      mask & TU_SECONDS ? f.seconds : 0, mask & TU_MS ? f.ms : 0);
}

static dtable *t_time_unit(tctx *c, const spec_node *tr, dtable *t) {
  if (tr_check_keys(c, tr, vl_transform_kinds[VLT_TIMEUNIT])) return NULL;
  const spec_node *fn = tr_required(c, tr, "field"), *asn = tr_required(c, tr, "as");
  if (!fn || !asn) return NULL;
  int mask, col;
  const char *as;
  if (parse_time_unit(c, spec_map_get(tr, "timeUnit"), &mask) || tr_field_col(c, t, fn, &col) ||
      !(as = tr_as_name(c, asn)))
    return NULL;
  if (tr_cols_fit(c, t, 1)) return NULL;
  int out = dtable_add_col(t, as);
  for (int r = 0; r < t->nrows; r++) {
    cell *row = dtable_row(t, r);
    const cell *x = cell_at(t, r, col);
    double ms = NAN;
    if (x->type == EXPR_NUM) ms = x->num;
    else if (x->type == EXPR_STR && data_parse_date(x->str, NULL, &ms)) ms = NAN;
    row[out] = isfinite(ms) ? num_cell(time_floor(ms, mask)) : null_cell;
  }
  return t;
}

/* ---- driver ------------------------------------------------------------------ */

static dtable *apply_one(tctx *c, const spec_node *tr, dtable *t) {
  if (tr->kind != SPEC_MAP || tr->n == 0) {
    diag_spec_error(c->d, loc(c, tr), "a transform must be a mapping, found %s", spec_describe(c->a, tr));
    return NULL;
  }
  int which = -1;
  const spec_node *wkey = NULL;
  for (int i = 0; i < tr->n; i++) {
    const char *k = tr->keys[i]->str;
    for (int j = 0; j < VLT_LAST; j++) {
      if (strcmp(k, TNAME(j))) continue;
      if (which >= 0) {
        diag_spec_error(c->d, loc(c, tr->keys[i]), "a transform has both '%s' and '%s': give each its own list item",
                        TNAME(which), k);
        return NULL;
      }
      which = j;
      wkey = tr->keys[i];
    }
  }
  if (which < 0) {
    for (int i = 0; i < tr->n; i++)
      if (tr_in_list(tr->keys[i]->str, vl_transform_table.unsupported)) {
        diag_spec_error(c->d, loc(c, tr->keys[i]), "the '%s' transform is not supported", tr->keys[i]->str);
        return NULL;
      }
    const spec_node *k0 = tr->keys[0];
    const char *names[VLT_LAST + 1];
    vl_table_names(&vl_transform_table, names, VLT_LAST + 1);
    const char *s = keys_suggest(k0->str, names, -1);
    if (s)
      diag_spec_error(c->d, loc(c, k0), "unknown transform '%s' (did you mean '%s'?)", k0->str, s);
    else
      diag_spec_error(c->d, loc(c, k0),
                      "unknown transform '%s' (expected filter, calculate, aggregate, joinaggregate, window, fold, "
                      "pivot, bin, timeUnit, lookup, flatten, stack or impute)",
                      k0->str);
    return NULL;
  }
  (void)wkey;
  c->tname = TNAME(which);
  switch (which) {
  case VLT_FILTER: return t_filter(c, tr, t);
  case VLT_CALCULATE: return t_calculate(c, tr, t);
  case VLT_AGGREGATE: return t_aggregate(c, tr, t, 0);
  case VLT_JOINAGGREGATE: return t_aggregate(c, tr, t, 1);
  case VLT_WINDOW: return tr_window(c, tr, t);
  case VLT_FOLD: return tr_fold(c, tr, t);
  case VLT_PIVOT: return tr_pivot(c, tr, t);
  case VLT_BIN: return t_bin(c, tr, t);
  case VLT_TIMEUNIT: return t_time_unit(c, tr, t);
  case VLT_FLATTEN: return tr_flatten(c, tr, t);
  case VLT_STACK: return tr_stack(c, tr, t);
  case VLT_IMPUTE: return tr_impute(c, tr, t);
  default: return tr_lookup(c, tr, t);
  }
}

dtable *transform_apply_ex(const spec_doc *doc, const spec_node *transforms, dtable *in, const char *base_dir,
                           const data_opts *opts, const expr_env *env, arena *a, diag_list *d) {
  if (!transforms || spec_is_null(transforms)) return in;
  if (!in) return NULL;
  if (transforms->kind != SPEC_SEQ) {
    diag_spec_error(d, spec_loc(doc, transforms), "'transform' must be a list, found %s",
                    spec_describe(a, transforms));
    return NULL;
  }
  tctx c = {.doc = doc, .a = a, .d = d, .base_dir = base_dir, .opts = opts ? opts : doc->data_opts,
            .env = env, .lcg = 123456789};
  dtable *t = in;
  for (int i = 0; i < transforms->n && t; i++) {
    c.tmp = arena_new();
    arena_set_budget(c.tmp, arena_budget(a)); /* scratch counts too, while it lives */
    c.tnode = transforms->items[i];
    c.tname = "";
    c.ci_t = NULL; /* the scratch arena the cached rows lived in is new */
    const struct data_origin *origin = t->origin;
    t = apply_one(&c, transforms->items[i], t);
    if (t && !t->origin) t->origin = origin; /* its copied cells are still found there (data_check.h) */
    if (t && arena_over_budget(a)) { /* whatever this transform made did not fit */
      budget_error(&c, NULL, 0);
      t = NULL;
    }
    for (int k = 0; k < c.nexprs; k++) expr_free(c.exprs[k]);
    c.nexprs = c.capexprs = 0;
    c.exprs = NULL;
    arena_free(c.tmp);
  }
  free(c.sc.buf);
  if (t) t->origin = data_origin_transformed(t->origin, a);
  return t;
}

dtable *transform_apply(const spec_doc *doc, const spec_node *transforms, dtable *in, arena *a, diag_list *d) {
  return transform_apply_ex(doc, transforms, in, NULL, NULL, NULL, a, d);
}
