/* Vega-Lite transforms (see transform.h).  Everything is O(n log n) at
 * worst: grouping uses a hash table, sorting a merge sort, windows prefix
 * sums and sparse tables.  Temporary arrays live in a scratch arena that
 * dies with the call; output tables in the caller's arena. */
#include "chart/transform.h"

#include "chart/bin.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "chart/timefmt.h"
#include "chart/vl_keys.h"
#include "model/keys.h"

#define WINDOW_MAX_WORK 20000000L

typedef struct tctx {
  const spec_doc *doc;
  arena *a;   /* output tables */
  arena *tmp; /* scratch, freed when the call returns */
  diag_list *d;
  const char *base_dir;
  const data_opts *opts;
  const char *tname; /* current transform, for messages */
  expr_scratch sc;
  expr **exprs; /* compiled, freed at the end */
  int nexprs, capexprs;
} tctx;

static const cell null_cell;

static src_loc loc(tctx *c, const spec_node *n) { return spec_loc(c->doc, n); }

/* ---- cells ---------------------------------------------------------------- */

static uint64_t mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

static uint64_t hash_str(const char *s) {
  uint64_t h = 1469598103934665603ULL;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
  return h;
}

static uint64_t hash_num(double v) {
  if (v == 0) v = 0; /* -0 */
  if (isnan(v)) return 0x7ff8dead;
  uint64_t u;
  memcpy(&u, &v, sizeof u);
  return mix64(u);
}

static uint64_t cell_hash(const cell *x) {
  switch (x->type) {
  case EXPR_NUM: return hash_num(x->num);
  case EXPR_STR: return hash_str(x->str);
  case EXPR_BOOL: return 0x1234567 + (uint64_t)x->boolean;
  default: return 0x9e3779b97f4a7c15ULL;
  }
}

static int cell_eq(const cell *x, const cell *y) {
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

static int cell_cmp(const cell *x, const cell *y) {
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

static cell num_cell(double v) { return (cell){.type = EXPR_NUM, .num = v}; }
static cell str_cell(const char *s) { return (cell){.type = EXPR_STR, .str = s}; }

static const cell *cell_at(const dtable *t, int r, int col) {
  return col >= 0 ? dtable_row(t, r) + col : &null_cell;
}

/* ---- sorting -------------------------------------------------------------- */

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

static void sorter_init(tctx *c, sorter *so, const dtable *t, const sort_key *keys, int nkeys) {
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

static int rows_cmp(const sorter *s, int a, int b) {
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
  return s->nkeys > 1 ? rows_cmp(s, a->row, b->row) : 0;
}

static void sort_rows(tctx *c, const sorter *s, int *v, int n) {
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

static int cellp_cmp(const void *pa, const void *pb) { return cell_cmp(pa, pb); }

/* ---- grouping ------------------------------------------------------------- */

typedef struct groups {
  int n;      /* number of groups */
  int *gid;   /* per row */
  int *first; /* a row of each group (its first) */
  int *start; /* n + 1 offsets into rows */
  int *rows;  /* row indices, grouped, input order within a group */
} groups;

static void group_rows(tctx *c, const dtable *t, const int *cols, int nc, groups *g) {
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
            if (cols[k] >= 0) eq = cell_eq(row + cols[k], o + cols[k]);
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

static int in_list(const char *s, const char *const *list) {
  for (int i = 0; list[i]; i++)
    if (!strcmp(s, list[i])) return 1;
  return 0;
}

/* Check a transform's keys against the ones it takes. */
static int check_keys(tctx *c, const spec_node *tr, const vl_table *kind) {
  const char *allowed[16];
  vl_table_names(kind, allowed, 16);
  for (int i = 0; i < tr->n; i++) {
    const char *k = tr->keys[i]->str;
    if (in_list(k, allowed)) continue;
    if (in_list(k, vl_transform_keys)) {
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

static const spec_node *required(tctx *c, const spec_node *map, const char *key) {
  const spec_node *n = spec_map_get(map, key);
  if (!n) diag_spec_error(c->d, loc(c, map), "'%s' is required in the %s transform", key, c->tname);
  return n;
}

/* A field name as Vega-Lite writes it: "a\.b" is the field "a.b". */
static const char *field_name(tctx *c, const spec_node *n) {
  const char *s;
  if (spec_get_string(c->doc, n, &s, c->d)) return NULL;
  if (!strchr(s, '\\')) return s;
  char *o = arena_alloc(c->a, strlen(s) + 1), *w = o;
  for (const char *p = s; *p; p++) {
    if (*p == '\\' && p[1]) p++;
    *w++ = *p;
  }
  return o;
}

static void no_field(tctx *c, const spec_node *at, const dtable *t, const char *name) {
  const char *s = keys_suggest(name, t->names, t->ncols);
  if (s) {
    diag_spec_error(c->d, loc(c, at), "no field '%s' in the data (did you mean '%s'?)", name, s);
    return;
  }
  char list[400];
  size_t o = 0;
  list[0] = 0;
  for (int i = 0; i < t->ncols && o < sizeof list - 60; i++)
    o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", i ? ", " : "", t->names[i]);
  if (o >= sizeof list - 60) snprintf(list + o, sizeof list - o, ", ...");
  diag_spec_error(c->d, loc(c, at), "no field '%s' in the data; fields are: %s", name, list);
}

/* Column of a field node: -1 (reads as null) when the table has no
 * columns at all; an error when it has columns but not this one. */
static int field_col(tctx *c, const dtable *t, const spec_node *n, int *col) {
  const char *name = field_name(c, n);
  if (!name) return -1;
  *col = dtable_col(t, name);
  if (*col < 0 && t->ncols > 0) {
    no_field(c, n, t, name);
    return -1;
  }
  return 0;
}

/* A list of field names (a single name is accepted too). */
static int field_list(tctx *c, const dtable *t, const spec_node *n, int **cols, int *nc) {
  *nc = 0;
  *cols = NULL;
  if (!n || spec_is_null(n)) return 0;
  int cnt = n->kind == SPEC_SEQ ? n->n : 1;
  *cols = arena_alloc_array(c->tmp, (size_t)cnt + 1, sizeof **cols);
  for (int i = 0; i < cnt; i++)
    if (field_col(c, t, n->kind == SPEC_SEQ ? n->items[i] : n, &(*cols)[i])) return -1;
  *nc = cnt;
  return 0;
}

static const char *as_name(tctx *c, const spec_node *n) {
  const char *s;
  if (spec_get_string(c->doc, n, &s, c->d)) return NULL;
  return s;
}

static expr *compile(tctx *c, const spec_node *n) {
  const char *src;
  if (spec_get_string(c->doc, n, &src, c->d)) return NULL;
  char err[256];
  size_t off = 0;
  expr *e = expr_compile(src, n->len, err, sizeof err, &off);
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

enum {
  OP_COUNT, OP_VALID, OP_MISSING, OP_DISTINCT, OP_SUM, OP_PRODUCT, OP_MEAN, OP_AVERAGE, OP_MEDIAN, OP_MIN, OP_MAX,
  OP_STDEV, OP_STDEVP, OP_VARIANCE, OP_VARIANCEP, OP_STDERR, OP_Q1, OP_Q3,
  OP_NAGG,
  OP_ROW_NUMBER = OP_NAGG, OP_RANK, OP_DENSE_RANK, OP_PERCENT_RANK, OP_CUME_DIST, OP_NTILE, OP_LAG, OP_LEAD,
  OP_FIRST_VALUE, OP_LAST_VALUE, OP_NTH_VALUE, OP_LAST
};
static const char *const op_names[] = {
    "count",  "valid",  "missing",  "distinct", "sum",       "product", "mean",  "average", "median",
    "min",    "max",    "stdev",    "stdevp",   "variance",  "variancep", "stderr", "q1",    "q3",
    "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead",
    "first_value", "last_value", "nth_value", NULL};
static const char *const unsupported_ops[] = {"argmin", "argmax", "values", "ci0", "ci1", "exponential",
                                              "exponentialb", NULL};

static int parse_op(tctx *c, const spec_node *n, int window, int *op) {
  const char *s;
  if (spec_get_string(c->doc, n, &s, c->d)) return -1;
  int lim = window ? OP_LAST : OP_NAGG;
  for (int i = 0; i < lim; i++)
    if (!strcmp(s, op_names[i])) {
      *op = i == OP_AVERAGE ? OP_MEAN : i;
      return 0;
    }
  if (in_list(s, unsupported_ops)) {
    diag_spec_error(c->d, loc(c, n), "'%s' is not supported as an aggregate op", s);
    return -1;
  }
  const char *sg = keys_suggest(s, op_names, lim);
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

/* op over the rows rows[0..n) of column col. */
static cell agg_compute(tctx *c, int op, const dtable *t, int col, const int *rows, int n) {
  if (op == OP_COUNT) return num_cell(n);
  if (op == OP_DISTINCT) {
    cell *v = arena_alloc_array(c->tmp, (size_t)n + 1, sizeof *v);
    for (int i = 0; i < n; i++) v[i] = *cell_at(t, rows[i], col);
    if (n > 1) qsort(v, (size_t)n, sizeof *v, cellp_cmp);
    int k = n > 0;
    for (int i = 1; i < n; i++) k += !cell_eq(&v[i], &v[i - 1]);
    return num_cell(k);
  }
  long valid = 0, missing = 0, numeric = 0;
  double sum = 0, prod = 1, mean = 0, m2 = 0, mn = INFINITY, mx = -INFINITY;
  const char *smin = NULL, *smax = NULL;
  double *vals = NULL;
  int want_vals = op == OP_MEDIAN || op == OP_Q1 || op == OP_Q3;
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
  default: return null_cell;
  }
}

typedef struct aggdef {
  int op, col, out;
  const spec_node *field, *at;
  const char *as;
  double param;
  int has_param;
} aggdef;

/* [{op, field, as}] for aggregate/joinaggregate (window=0) or window (1). */
static int parse_aggdefs(tctx *c, const dtable *t, const spec_node *list, int window, aggdef **out, int *n) {
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
      if (in_list(m->keys[k]->str, allowed)) continue;
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
    if (parse_op(c, op, window, &g->op)) return -1;
    g->field = spec_map_get(m, "field");
    if (g->field) {
      if (field_col(c, t, g->field, &g->col)) return -1;
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
      if (!(g->as = as_name(c, as))) return -1;
    } else {
      const char *fname = g->field ? field_name(c, g->field) : NULL;
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
    if (in_list(n->keys[i]->str, pkeys)) continue;
    const char *s = keys_suggest(n->keys[i]->str, pkeys, -1);
    if (s)
      diag_spec_error(c->d, loc(c, n->keys[i]), "unknown key '%s' in a filter predicate (did you mean '%s'?)",
                      n->keys[i]->str, s);
    else
      diag_spec_error(c->d, loc(c, n->keys[i]), "unknown key '%s' in a filter predicate", n->keys[i]->str);
    return NULL;
  }
  if (field_col(c, t, f, &p->col)) return NULL;
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
  case P_EQUAL: b = cell_eq(x, &p->v) && !(x->type == EXPR_NUM && isnan(x->num)); break;
  case P_LT: b = js_less(x, &p->v, 0); break;
  case P_LTE: b = js_less(x, &p->v, 1); break;
  case P_GT: b = js_less(&p->v, x, 0); break;
  case P_GTE: b = js_less(&p->v, x, 1); break;
  case P_RANGE:
    b = (p->lo.type == EXPR_NULL || js_less(&p->lo, x, 1)) && (p->hi.type == EXPR_NULL || js_less(x, &p->hi, 1));
    break;
  case P_ONEOF:
    for (int i = 0; i < p->nlist && !b; i++) b = cell_eq(x, &p->list[i]);
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
  if (check_keys(c, tr, vl_transform_kinds[VLT_FILTER])) return NULL;
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

/* ---- calculate ------------------------------------------------------------ */

static dtable *t_calculate(tctx *c, const spec_node *tr, dtable *t) {
  if (check_keys(c, tr, vl_transform_kinds[VLT_CALCULATE])) return NULL;
  const spec_node *src = spec_map_get(tr, "calculate"), *asn = required(c, tr, "as");
  if (!asn) return NULL;
  const char *as = as_name(c, asn);
  expr *e = as ? compile(c, src) : NULL;
  if (!e) return NULL;
  int col = dtable_add_col(t, as);
  str_memo memo = {0};
  for (int r = 0; r < t->nrows; r++) {
    cell v;
    if (eval_row(c, e, t, r, src, &v, &memo)) return NULL;
    dtable_row(t, r)[col] = v;
  }
  return t;
}

/* ---- aggregate / joinaggregate -------------------------------------------- */

static dtable *t_aggregate(tctx *c, const spec_node *tr, dtable *t, int join) {
  if (check_keys(c, tr, vl_transform_kinds[join ? VLT_JOINAGGREGATE : VLT_AGGREGATE])) return NULL;
  aggdef *defs;
  int nd, *gcols, ng;
  if (parse_aggdefs(c, t, spec_map_get(tr, join ? "joinaggregate" : "aggregate"), 0, &defs, &nd)) return NULL;
  if (field_list(c, t, spec_map_get(tr, "groupby"), &gcols, &ng)) return NULL;
  groups g;
  group_rows(c, t, gcols, ng, &g);
  if (join) {
    for (int i = 0; i < nd; i++) defs[i].out = dtable_add_col(t, defs[i].as);
    for (int k = 0; k < g.n; k++) {
      const int *rows = g.rows + g.start[k];
      int n = g.start[k + 1] - g.start[k];
      for (int i = 0; i < nd; i++) {
        cell v = agg_compute(c, defs[i].op, t, defs[i].col, rows, n);
        for (int j = 0; j < n; j++) dtable_row(t, rows[j])[defs[i].out] = v;
      }
    }
    return t;
  }
  dtable *o = dtable_new(c->a);
  int *gout = arena_alloc_array(c->tmp, (size_t)ng + 1, sizeof *gout);
  const spec_node *gb = spec_map_get(tr, "groupby");
  for (int i = 0; i < ng; i++) gout[i] = dtable_add_col(o, field_name(c, gb->kind == SPEC_SEQ ? gb->items[i] : gb));
  for (int i = 0; i < nd; i++) defs[i].out = dtable_add_col(o, defs[i].as);
  /* No groupby on no rows: still one summary row (count 0), like SQL. */
  int ngroups = g.n == 0 && ng == 0 ? 1 : g.n;
  dtable_reserve(o, ngroups, o->ncols);
  for (int k = 0; k < ngroups; k++) {
    const int *rows = g.n ? g.rows + g.start[k] : NULL;
    int n = g.n ? g.start[k + 1] - g.start[k] : 0;
    cell *row = dtable_add_row(o);
    for (int i = 0; i < ng; i++) row[gout[i]] = *cell_at(t, g.first[k], gcols[i]);
    for (int i = 0; i < nd; i++) row[defs[i].out] = agg_compute(c, defs[i].op, t, defs[i].col, rows, n);
  }
  return o;
}

/* ---- window ---------------------------------------------------------------- */

static int parse_sort(tctx *c, const dtable *t, const spec_node *n, sort_key **out, int *nk) {
  *nk = 0;
  if (!n || spec_is_null(n)) return 0;
  int cnt = n->kind == SPEC_SEQ ? n->n : 1;
  sort_key *k = arena_alloc_array(c->tmp, (size_t)cnt + 1, sizeof *k);
  for (int i = 0; i < cnt; i++) {
    const spec_node *m = n->kind == SPEC_SEQ ? n->items[i] : n;
    const spec_node *f = m->kind == SPEC_MAP ? spec_map_get(m, "field") : NULL;
    if (!f) {
      diag_spec_error(c->d, loc(c, m), "each 'sort' item must be a mapping {field, order}, found %s",
                      spec_describe(c->a, m));
      return -1;
    }
    if (field_col(c, t, f, &k[i].col)) return -1;
    const spec_node *o = spec_map_get(m, "order");
    if (o) {
      const char *os;
      if (spec_get_string(c->doc, o, &os, c->d)) return -1;
      if (strcmp(os, "ascending") && strcmp(os, "descending")) {
        diag_spec_error(c->d, loc(c, o), "'order' must be 'ascending' or 'descending', found %s",
                        spec_describe(c->a, o));
        return -1;
      }
      k[i].desc = os[0] == 'd';
    }
  }
  *out = k;
  *nk = cnt;
  return 0;
}

/* Sparse table for range min/max over doubles (NaN entries ignored). */
typedef struct sparse {
  int levels, n;
  double **mn, **mx;
} sparse;

static void sparse_build(tctx *c, sparse *s, const double *v, int n) {
  s->n = n;
  s->levels = 1;
  while ((1 << s->levels) <= n) s->levels++;
  s->mn = arena_alloc_array(c->tmp, (size_t)s->levels, sizeof *s->mn);
  s->mx = arena_alloc_array(c->tmp, (size_t)s->levels, sizeof *s->mx);
  for (int l = 0; l < s->levels; l++) {
    s->mn[l] = arena_alloc_array(c->tmp, (size_t)n + 1, sizeof(double));
    s->mx[l] = arena_alloc_array(c->tmp, (size_t)n + 1, sizeof(double));
  }
  for (int i = 0; i < n; i++) {
    s->mn[0][i] = isnan(v[i]) ? INFINITY : v[i];
    s->mx[0][i] = isnan(v[i]) ? -INFINITY : v[i];
  }
  for (int l = 1; l < s->levels; l++)
    for (int i = 0; i + (1 << l) <= n; i++) {
      double a = s->mn[l - 1][i], b = s->mn[l - 1][i + (1 << (l - 1))];
      s->mn[l][i] = a < b ? a : b;
      a = s->mx[l - 1][i], b = s->mx[l - 1][i + (1 << (l - 1))];
      s->mx[l][i] = a > b ? a : b;
    }
}

static double sparse_query(const sparse *s, int i0, int i1, int want_max) { /* [i0, i1), non-empty */
  int l = 0;
  while ((2 << l) <= i1 - i0) l++;
  double **t = want_max ? s->mx : s->mn;
  double a = t[l][i0], b = t[l][i1 - (1 << l)];
  return want_max ? (a > b ? a : b) : (a < b ? a : b);
}

static int parse_frame(tctx *c, const spec_node *n, int fr[2], int fset[2]) {
  fset[0] = 0, fset[1] = 1, fr[1] = 0;
  if (!n) return 0;
  if (n->kind != SPEC_SEQ || n->n != 2) goto bad;
  for (int i = 0; i < 2; i++) {
    if (spec_is_null(n->items[i])) {
      fset[i] = 0;
      continue;
    }
    double v;
    if (!spec_is_number(n->items[i])) goto bad;
    spec_scalar_number(n->items[i]->str, n->items[i]->len, &v);
    if (!isfinite(v)) goto bad;
    fset[i] = 1;
    fr[i] = (int)fabs(v) > LIMIT_ROWS ? LIMIT_ROWS : (int)fabs(v);
  }
  return 0;
bad:
  diag_spec_error(c->d, loc(c, n), "'frame' must be a list of two numbers or nulls");
  return -1;
}

static dtable *t_window(tctx *c, const spec_node *tr, dtable *t) {
  if (check_keys(c, tr, vl_transform_kinds[VLT_WINDOW])) return NULL;
  aggdef *defs;
  int nd, *gcols, ng, nk, fr[2] = {0, 0}, fset[2], ignore_peers = 0;
  sort_key *sk = NULL;
  if (parse_aggdefs(c, t, spec_map_get(tr, "window"), 1, &defs, &nd)) return NULL;
  if (field_list(c, t, spec_map_get(tr, "groupby"), &gcols, &ng)) return NULL;
  if (parse_sort(c, t, spec_map_get(tr, "sort"), &sk, &nk)) return NULL;
  if (parse_frame(c, spec_map_get(tr, "frame"), fr, fset)) return NULL;
  const spec_node *ip = spec_map_get(tr, "ignorePeers");
  if (ip && spec_get_bool(c->doc, ip, &ignore_peers, c->d)) return NULL;
  for (int i = 0; i < nd; i++) {
    aggdef *g = &defs[i];
    if ((g->op == OP_NTILE || g->op == OP_NTH_VALUE) && (!g->has_param || g->param < 1)) {
      diag_spec_error(c->d, loc(c, g->at), "'%s' needs a 'param' of at least 1", op_names[g->op]);
      return NULL;
    }
    if (!g->has_param) g->param = 1;
  }
  for (int i = 0; i < nd; i++) defs[i].out = dtable_add_col(t, defs[i].as);
  groups g;
  group_rows(c, t, gcols, ng, &g);
  sorter so;
  sorter_init(c, &so, t, sk, nk);
  int n_all = t->nrows;
  int *i0s = arena_alloc_array(c->tmp, (size_t)n_all + 1, sizeof *i0s);
  int *i1s = arena_alloc_array(c->tmp, (size_t)n_all + 1, sizeof *i1s);
  int *pstart = arena_alloc_array(c->tmp, (size_t)n_all + 1, sizeof *pstart);
  int *pend = arena_alloc_array(c->tmp, (size_t)n_all + 1, sizeof *pend);
  double *vals = arena_alloc_array(c->tmp, (size_t)n_all + 1, sizeof *vals);
  double *pre = arena_alloc_array(c->tmp, (size_t)n_all + 2, sizeof *pre);
  double *pre2 = arena_alloc_array(c->tmp, (size_t)n_all + 2, sizeof *pre2);
  double *praw = arena_alloc_array(c->tmp, (size_t)n_all + 2, sizeof *praw);
  long *pcnt = arena_alloc_array(c->tmp, (size_t)n_all + 2, sizeof *pcnt);
  long work = 0;
  for (int k = 0; k < g.n; k++) {
    int *ord = g.rows + g.start[k];
    int n = g.start[k + 1] - g.start[k];
    sort_rows(c, &so, ord, n);
    /* Peers: runs of rows equal under the sort (none without a sort). */
    for (int i = 0; i < n;) {
      int j = i + 1;
      if (nk)
        while (j < n && rows_cmp(&so, ord[i], ord[j]) == 0) j++;
      for (int q = i; q < j; q++) pstart[q] = i, pend[q] = j;
      i = j;
    }
    for (int i = 0; i < n; i++) {
      int i0 = fset[0] ? (i - fr[0] > 0 ? i - fr[0] : 0) : 0;
      int i1 = fset[1] ? (i + fr[1] + 1 < n ? i + fr[1] + 1 : n) : n;
      if (nk && !ignore_peers) {
        if (i0 < n) i0 = pstart[i0];
        if (i1 > 0) i1 = pend[i1 - 1];
      }
      if (i1 < i0) i1 = i0;
      i0s[i] = i0, i1s[i] = i1;
    }
    for (int di = 0; di < nd; di++) {
      aggdef *d = &defs[di];
      int op = d->op, out = d->out;
      if (op >= OP_NAGG) {
        int rank = 1, drank = 1;
        for (int i = 0; i < n; i++) {
          cell v = null_cell;
          int peer_of_prev = nk && pstart[i] != i;
          if (i > 0 && !peer_of_prev) rank = i + 1, drank++;
          switch (op) {
          case OP_ROW_NUMBER: v = num_cell(i + 1); break;
          case OP_RANK: v = num_cell(rank); break;
          case OP_DENSE_RANK: v = num_cell(drank); break;
          case OP_PERCENT_RANK: v = num_cell(n > 1 ? (double)(rank - 1) / (n - 1) : 0); break;
          case OP_CUME_DIST: v = num_cell((double)pend[i] / n); break;
          case OP_NTILE: v = num_cell(ceil(d->param * (i + 1) / n)); break;
          case OP_LAG:
          case OP_LEAD: {
            int j = op == OP_LAG ? i - (int)d->param : i + (int)d->param;
            if (j >= 0 && j < n) v = *cell_at(t, ord[j], d->col);
            break;
          }
          case OP_FIRST_VALUE:
            if (i1s[i] > i0s[i]) v = *cell_at(t, ord[i0s[i]], d->col);
            break;
          case OP_LAST_VALUE:
            if (i1s[i] > i0s[i]) v = *cell_at(t, ord[i1s[i] - 1], d->col);
            break;
          case OP_NTH_VALUE: {
            int j = i0s[i] + (int)d->param - 1;
            if (j < i1s[i]) v = *cell_at(t, ord[j], d->col);
            break;
          }
          }
          dtable_row(t, ord[i])[out] = v;
        }
        continue;
      }
      if (op == OP_COUNT || op == OP_VALID || op == OP_MISSING || op == OP_SUM || op == OP_MEAN ||
          op == OP_VARIANCE || op == OP_VARIANCEP || op == OP_STDEV || op == OP_STDEVP || op == OP_STDERR ||
          op == OP_MIN || op == OP_MAX) {
        /* Prefix sums over the partition (values centred for precision). */
        double centre = 0;
        long nn = 0;
        for (int i = 0; i < n; i++) {
          vals[i] = cell_number(cell_at(t, ord[i], d->col));
          if (!isnan(vals[i])) centre += vals[i], nn++;
        }
        centre = nn ? centre / (double)nn : 0;
        pre[0] = pre2[0] = praw[0] = 0;
        pcnt[0] = 0;
        for (int i = 0; i < n; i++) {
          const cell *x = cell_at(t, ord[i], d->col);
          int count_it;
          if (op == OP_VALID) count_it = x->type != EXPR_NULL && !(x->type == EXPR_NUM && isnan(x->num));
          else if (op == OP_MISSING) count_it = x->type == EXPR_NULL;
          else count_it = !isnan(vals[i]);
          double y = isnan(vals[i]) ? 0 : vals[i] - centre;
          pre[i + 1] = pre[i] + y;
          pre2[i + 1] = pre2[i] + y * y;
          praw[i + 1] = praw[i] + (isnan(vals[i]) ? 0 : vals[i]);
          pcnt[i + 1] = pcnt[i] + count_it;
        }
        sparse sp = {0};
        if (op == OP_MIN || op == OP_MAX) sparse_build(c, &sp, vals, n);
        for (int i = 0; i < n; i++) {
          int i0 = i0s[i], i1 = i1s[i];
          double m = (double)(pcnt[i1] - pcnt[i0]);
          double s1 = pre[i1] - pre[i0], s2 = pre2[i1] - pre2[i0];
          double dev = s2 - (m > 0 ? s1 * s1 / m : 0);
          if (dev < 0) dev = 0;
          cell v = null_cell;
          switch (op) {
          case OP_COUNT: v = num_cell(i1 - i0); break;
          case OP_VALID:
          case OP_MISSING: v = num_cell(m); break;
          case OP_SUM: /* a running sum as Vega adds it: whole numbers stay whole (3252, not 3252.0000000000005) */
            v = num_cell(i0 == 0 ? praw[i1] : s1 + m * centre);
            break;
          case OP_MEAN: v = m > 0 ? num_cell(s1 / m + centre) : null_cell; break;
          case OP_VARIANCE: v = m > 1 ? num_cell(dev / (m - 1)) : null_cell; break;
          case OP_VARIANCEP: v = m > 0 ? num_cell(dev / m) : null_cell; break;
          case OP_STDEV: v = m > 1 ? num_cell(sqrt(dev / (m - 1))) : null_cell; break;
          case OP_STDEVP: v = m > 0 ? num_cell(sqrt(dev / m)) : null_cell; break;
          case OP_STDERR: v = m > 1 ? num_cell(sqrt(dev / (m * (m - 1)))) : null_cell; break;
          case OP_MIN:
          case OP_MAX:
            if (m > 0) v = num_cell(sparse_query(&sp, i0, i1, op == OP_MAX));
            break;
          }
          dtable_row(t, ord[i])[out] = v;
        }
        continue;
      }
      /* median, quartiles, distinct, product: per frame, bounded work. */
      for (int i = 0; i < n; i++) {
        work += i1s[i] - i0s[i];
        if (work > WINDOW_MAX_WORK) {
          diag_spec_error(c->d, loc(c, d->at),
                          "the window frames are too large for '%s' (%ld rows in total; the limit is %ld)",
                          op_names[op], work, WINDOW_MAX_WORK);
          return NULL;
        }
      }
      cell *res = arena_alloc_array(c->tmp, (size_t)n + 1, sizeof *res);
      for (int i = 0; i < n; i++) res[i] = agg_compute(c, op, t, d->col, ord + i0s[i], i1s[i] - i0s[i]);
      for (int i = 0; i < n; i++) dtable_row(t, ord[i])[out] = res[i];
    }
  }
  return t;
}

/* ---- fold / pivot ----------------------------------------------------------- */

static int two_names(tctx *c, const spec_node *as, const char **a, const char **b) {
  if (!as) return 0;
  if (as->kind != SPEC_SEQ || as->n != 2) {
    diag_spec_error(c->d, loc(c, as), "'as' must be a list of two names");
    return -1;
  }
  if (!(*a = as_name(c, as->items[0])) || !(*b = as_name(c, as->items[1]))) return -1;
  return 0;
}

static dtable *t_fold(tctx *c, const spec_node *tr, dtable *t) {
  if (check_keys(c, tr, vl_transform_kinds[VLT_FOLD])) return NULL;
  const spec_node *fl = spec_map_get(tr, "fold");
  const char *kname = "key", *vname = "value";
  int *cols, nc;
  if (fl->kind != SPEC_SEQ) {
    diag_spec_error(c->d, loc(c, fl), "'fold' must be a list of field names, found %s", spec_describe(c->a, fl));
    return NULL;
  }
  if (field_list(c, t, fl, &cols, &nc)) return NULL;
  if (two_names(c, spec_map_get(tr, "as"), &kname, &vname)) return NULL;
  const data_opts *op = c->opts;
  int max_rows = op && op->max_rows > 0 ? (op->max_rows < INT_MAX ? (int)op->max_rows : INT_MAX) : LIMIT_ROWS;
  if ((long)t->nrows * nc > max_rows) {
    diag_spec_error(c->d, loc(c, fl), "too many rows (more than %d)", max_rows);
    return NULL;
  }
  dtable *o = dtable_like(t, c->a);
  int kc = dtable_add_col(o, kname), vc = dtable_add_col(o, vname);
  dtable_reserve(o, t->nrows * nc, o->ncols);
  const char **fnames = arena_alloc_array(c->tmp, (size_t)nc + 1, sizeof *fnames);
  for (int i = 0; i < nc; i++) fnames[i] = field_name(c, fl->items[i]);
  for (int r = 0; r < t->nrows; r++) {
    const cell *src = dtable_row(t, r);
    for (int i = 0; i < nc; i++) {
      cell *row = dtable_add_row(o);
      memcpy(row, src, (size_t)t->ncols * sizeof *row);
      row[kc] = str_cell(fnames[i]);
      row[vc] = *cell_at(t, r, cols[i]);
    }
  }
  return o;
}

static dtable *t_pivot(tctx *c, const spec_node *tr, dtable *t) {
  if (check_keys(c, tr, vl_transform_kinds[VLT_PIVOT])) return NULL;
  const spec_node *pv = spec_map_get(tr, "pivot"), *vn = required(c, tr, "value");
  if (!vn) return NULL;
  int pcol, vcol, *gcols, ng, op = OP_SUM;
  double limit = 0;
  if (field_col(c, t, pv, &pcol) || field_col(c, t, vn, &vcol)) return NULL;
  if (field_list(c, t, spec_map_get(tr, "groupby"), &gcols, &ng)) return NULL;
  const spec_node *opn = spec_map_get(tr, "op"), *ln = spec_map_get(tr, "limit");
  if (opn && parse_op(c, opn, 0, &op)) return NULL;
  if (ln && spec_get_number(c->doc, ln, &limit, c->d)) return NULL;
  groups outer, keyg, both;
  group_rows(c, t, gcols, ng, &outer);
  group_rows(c, t, &pcol, 1, &keyg);
  int *bcols = arena_alloc_array(c->tmp, (size_t)ng + 2, sizeof *bcols);
  if (ng) memcpy(bcols, gcols, (size_t)ng * sizeof *bcols);
  bcols[ng] = pcol;
  group_rows(c, t, bcols, ng + 1, &both);
  /* Pivot values sorted ascending, as Vega does; then the limit. */
  cell *kv = arena_alloc_array(c->tmp, (size_t)keyg.n + 1, sizeof *kv);
  for (int i = 0; i < keyg.n; i++) kv[i] = *cell_at(t, keyg.first[i], pcol);
  if (keyg.n > 1) qsort(kv, (size_t)keyg.n, sizeof *kv, cellp_cmp);
  int nkeys = keyg.n;
  if (limit > 0 && limit < nkeys) nkeys = (int)limit;
  dtable *o = dtable_new(c->a);
  const spec_node *gb = spec_map_get(tr, "groupby");
  int *gout = arena_alloc_array(c->tmp, (size_t)ng + 1, sizeof *gout);
  for (int i = 0; i < ng; i++) gout[i] = dtable_add_col(o, field_name(c, gb->kind == SPEC_SEQ ? gb->items[i] : gb));
  int *kout = arena_alloc_array(c->tmp, (size_t)nkeys + 1, sizeof *kout);
  for (int i = 0; i < nkeys; i++) kout[i] = dtable_add_col(o, cell_string(&kv[i], c->a));
  /* Key group -> output column (-1 when cut by the limit). */
  int *kcol = arena_alloc_array(c->tmp, (size_t)keyg.n + 1, sizeof *kcol);
  for (int i = 0; i < keyg.n; i++) {
    const cell *x = cell_at(t, keyg.first[i], pcol);
    kcol[i] = -1;
    int lo = 0, hi = nkeys; /* binary search in the sorted keys */
    while (lo < hi) {
      int mid = (lo + hi) / 2;
      if (cell_cmp(&kv[mid], x) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo < nkeys && cell_eq(&kv[lo], x)) kcol[i] = kout[lo];
  }
  dtable_reserve(o, outer.n, o->ncols);
  for (int k = 0; k < outer.n; k++) {
    cell *row = dtable_add_row(o);
    for (int i = 0; i < ng; i++) row[gout[i]] = *cell_at(t, outer.first[k], gcols[i]);
    cell empty = agg_compute(c, op, t, vcol, NULL, 0);
    for (int i = 0; i < nkeys; i++) row[kout[i]] = empty;
  }
  for (int b = 0; b < both.n; b++) {
    int r0 = both.first[b];
    int kc = kcol[keyg.gid[r0]];
    if (kc < 0) continue;
    cell v = agg_compute(c, op, t, vcol, both.rows + both.start[b], both.start[b + 1] - both.start[b]);
    dtable_row(o, outer.gid[r0])[kc] = v;
  }
  return o;
}

/* ---- flatten / stack ------------------------------------------------------- */

/* flatten: one row per array element.  Arrays are read back from the
 * columns data.c made of inline nested values: "foo[0]", "foo[1]", ...,
 * and "lc[0].t" for a list of objects (which becomes "lc.t").  A row gets
 * as many rows as its longest array; shorter ones read null, as in Vega. */
static dtable *t_flatten(tctx *c, const spec_node *tr, dtable *t) {
  if (check_keys(c, tr, vl_transform_kinds[VLT_FLATTEN])) return NULL;
  const spec_node *fl = spec_map_get(tr, "flatten"), *as = spec_map_get(tr, "as");
  int *cols, nf;
  if (fl->kind != SPEC_SEQ) {
    diag_spec_error(c->d, loc(c, fl), "'flatten' must be a list of field names, found %s", spec_describe(c->a, fl));
    return NULL;
  }
  if (field_list(c, t, fl, &cols, &nf)) return NULL;
  if (as && (as->kind != SPEC_SEQ || as->n != nf)) {
    diag_spec_error(c->d, loc(c, as), "'as' must be a list of %d names, one per flattened field", nf);
    return NULL;
  }
  /* element columns: source column, field, index, output column */
  typedef struct elem {
    int src, f, idx, out;
  } elem;
  elem *el = arena_alloc_array(c->tmp, (size_t)t->ncols + 1, sizeof *el);
  int ne = 0;
  dtable *o = dtable_like(t, c->a);
  for (int f = 0; f < nf; f++) {
    const char *name = field_name(c, fl->items[f]), *oname = as ? as_name(c, as->items[f]) : name;
    if (!name || !oname) return NULL;
    size_t len = strlen(name);
    for (int k = 0; k < t->ncols; k++) {
      const char *cn = t->names[k], *p = cn + len;
      if (strncmp(cn, name, len) || *p != '[') continue;
      char *end;
      long idx = strtol(p + 1, &end, 10);
      if (end == p + 1 || *end != ']' || idx < 0) continue;
      el[ne++] = (elem){k, f, (int)idx, dtable_add_col(o, arena_printf(c->a, "%s%s", oname, end + 1))};
    }
  }
  const data_opts *op = c->opts;
  int max_rows = op && op->max_rows > 0 ? (op->max_rows < INT_MAX ? (int)op->max_rows : INT_MAX) : LIMIT_ROWS;
  for (int r = 0; r < t->nrows; r++) {
    int len = 0; /* the longest array: its last element column that is set */
    for (int e = 0; e < ne; e++)
      if (el[e].idx >= len && !cell_is_null(cell_at(t, r, el[e].src))) len = el[e].idx + 1;
    for (int i = 0; i < len; i++) {
      if (o->nrows >= max_rows) {
        diag_spec_error(c->d, loc(c, fl), "too many rows (more than %d)", max_rows);
        return NULL;
      }
      cell *row = dtable_add_row(o);
      memcpy(row, dtable_row(t, r), (size_t)t->ncols * sizeof *row);
      for (int e = 0; e < ne; e++) row[el[e].out] = (cell){0};
      for (int e = 0; e < ne; e++)
        if (el[e].idx == i) row[el[e].out] = *cell_at(t, r, el[e].src);
    }
  }
  return o;
}

/* stack: [y0, y1) of each row's value within its group (groupby), in sort
 * order (else row order).  offset zero stacks negatives down from 0 apart
 * from positives; normalize divides by the group's sum of |value|; center
 * centres each group on the largest group's half.  Vega's semantics. */
static dtable *t_stack(tctx *c, const spec_node *tr, dtable *t) {
  if (check_keys(c, tr, vl_transform_kinds[VLT_STACK])) return NULL;
  int vcol, *gcols, ng, nk;
  sort_key *keys;
  const char *a0 = "y0", *a1 = "y1";
  const spec_node *gb = required(c, tr, "groupby"); /* Vega-Lite requires it ([] for one group) */
  if (!gb || field_col(c, t, spec_map_get(tr, "stack"), &vcol) || field_list(c, t, gb, &gcols, &ng) ||
      parse_sort(c, t, spec_map_get(tr, "sort"), &keys, &nk) || two_names(c, spec_map_get(tr, "as"), &a0, &a1))
    return NULL;
  int offset = 0; /* zero, center, normalize */
  const spec_node *on = spec_map_get(tr, "offset");
  if (on) {
    const char *os;
    if (spec_get_string(c->doc, on, &os, c->d)) return NULL;
    offset = !strcmp(os, "zero") ? 0 : !strcmp(os, "center") ? 1 : !strcmp(os, "normalize") ? 2 : -1;
    if (offset < 0) {
      diag_spec_error(c->d, loc(c, on), "'offset' must be zero, center or normalize, found %s",
                      spec_describe(c->a, on));
      return NULL;
    }
  }
  int c0 = dtable_add_col(t, a0), c1 = dtable_add_col(t, a1);
  groups g;
  group_rows(c, t, gcols, ng, &g);
  sorter so;
  if (nk) sorter_init(c, &so, t, keys, nk);
  double *sum = arena_alloc_array(c->tmp, (size_t)g.n + 1, sizeof *sum), max = 0;
  for (int k = 0; k < g.n; k++) {
    int *rows = g.rows + g.start[k], n = g.start[k + 1] - g.start[k];
    if (nk) sort_rows(c, &so, rows, n);
    sum[k] = 0;
    for (int i = 0; i < n; i++) {
      double v = cell_number(cell_at(t, rows[i], vcol));
      if (isfinite(v)) sum[k] += fabs(v);
    }
    if (sum[k] > max) max = sum[k];
  }
  for (int k = 0; k < g.n; k++) {
    int *rows = g.rows + g.start[k], n = g.start[k + 1] - g.start[k];
    double pos = offset == 1 ? (max - sum[k]) / 2 : 0, neg = 0, scale = offset == 2 && sum[k] ? 1 / sum[k] : 1;
    for (int i = 0; i < n; i++) {
      double v = cell_number(cell_at(t, rows[i], vcol));
      if (!isfinite(v)) v = 0;
      double *acc = offset == 0 && v < 0 ? &neg : &pos;
      if (offset == 2) v = fabs(v);
      cell *row = dtable_row(t, rows[i]);
      row[c0] = num_cell(*acc * scale);
      *acc += v;
      row[c1] = num_cell(*acc * scale);
    }
  }
  return t;
}

/* ---- bin ---------------------------------------------------------------------- */

static dtable *t_bin(tctx *c, const spec_node *tr, dtable *t) {
  if (check_keys(c, tr, vl_transform_kinds[VLT_BIN])) return NULL;
  const spec_node *bn = spec_map_get(tr, "bin"), *fn = required(c, tr, "field");
  if (!fn) return NULL;
  int col;
  if (field_col(c, t, fn, &col)) return NULL;
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
      if (!in_list(k, bkeys)) {
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
  const char *fname = field_name(c, fn);
  const char *as0 = arena_printf(c->a, "bin_maxbins_%g_%s", maxbins, fname), *as1 = NULL;
  const spec_node *asn = spec_map_get(tr, "as");
  if (asn && asn->kind == SPEC_SEQ) {
    if (two_names(c, asn, &as0, &as1)) return NULL;
  } else if (asn) {
    if (!(as0 = as_name(c, asn))) return NULL;
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
      if (!in_list(n->keys[i]->str, tkeys)) {
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
  if (check_keys(c, tr, vl_transform_kinds[VLT_TIMEUNIT])) return NULL;
  const spec_node *fn = required(c, tr, "field"), *asn = required(c, tr, "as");
  if (!fn || !asn) return NULL;
  int mask, col;
  const char *as;
  if (parse_time_unit(c, spec_map_get(tr, "timeUnit"), &mask) || field_col(c, t, fn, &col) ||
      !(as = as_name(c, asn)))
    return NULL;
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

/* ---- lookup ------------------------------------------------------------------ */

/* Loose key: numbers (and numeric strings) by value, other strings by text. */
typedef struct lkey {
  int kind; /* 0 null, 1 number, 2 string */
  double n;
  const char *s;
} lkey;

static lkey make_lkey(const cell *x) {
  lkey k = {0};
  if (x->type == EXPR_NULL) return k;
  if (x->type == EXPR_BOOL) return (lkey){2, 0, x->boolean ? "true" : "false"};
  double v = cell_number(x);
  if (!isnan(v)) return (lkey){1, v, NULL};
  if (x->type == EXPR_STR) return (lkey){2, 0, x->str};
  return (lkey){2, 0, "NaN"};
}

static uint64_t lkey_hash(const lkey *k) {
  return k->kind == 1 ? hash_num(k->n) : k->kind == 2 ? hash_str(k->s) : 7;
}

static int lkey_eq(const lkey *a, const lkey *b) {
  if (a->kind != b->kind) return 0;
  return a->kind == 1 ? a->n == b->n : a->kind == 2 ? !strcmp(a->s, b->s) : 1;
}

static dtable *t_lookup(tctx *c, const spec_node *tr, dtable *t) {
  if (check_keys(c, tr, vl_transform_kinds[VLT_LOOKUP])) return NULL;
  const spec_node *ln = spec_map_get(tr, "lookup"), *from = required(c, tr, "from");
  if (!from) return NULL;
  int col;
  if (field_col(c, t, ln, &col)) return NULL;
  if (from->kind != SPEC_MAP) {
    diag_spec_error(c->d, loc(c, from), "'from' must be a mapping {data, key, fields}, found %s",
                    spec_describe(c->a, from));
    return NULL;
  }
  static const char *const fkeys[] = {"data", "key", "fields", NULL};
  for (int i = 0; i < from->n; i++) {
    const char *k = from->keys[i]->str;
    if (in_list(k, fkeys)) continue;
    if (!strcmp(k, "param")) {
      diag_spec_error(c->d, loc(c, from->keys[i]), "'param' is not supported in the lookup transform");
      return NULL;
    }
    const char *s = keys_suggest(k, fkeys, -1);
    if (s)
      diag_spec_error(c->d, loc(c, from->keys[i]), "unknown key '%s' in the lookup transform (did you mean '%s'?)",
                      k, s);
    else
      diag_spec_error(c->d, loc(c, from->keys[i]), "unknown key '%s' in the lookup transform", k);
    return NULL;
  }
  const spec_node *dn = spec_map_get(from, "data"), *kn = spec_map_get(from, "key");
  if (!dn || !kn) {
    diag_spec_error(c->d, loc(c, from), "'%s' is required in the lookup transform", !dn ? "from.data" : "from.key");
    return NULL;
  }
  dtable *src = data_load_ex(c->doc, dn, c->base_dir, c->opts, c->a, c->d);
  if (!src) return NULL;
  int kcol;
  if (field_col(c, src, kn, &kcol)) return NULL;
  const spec_node *fields = spec_map_get(from, "fields"), *asn = spec_map_get(tr, "as");
  int nf;
  int *fcols;
  const char **outnames;
  if (fields) {
    if (field_list(c, src, fields, &fcols, &nf)) return NULL;
    outnames = arena_alloc_array(c->tmp, (size_t)nf + 1, sizeof *outnames);
    for (int i = 0; i < nf; i++)
      outnames[i] = field_name(c, fields->kind == SPEC_SEQ ? fields->items[i] : fields);
    if (asn) {
      int na = asn->kind == SPEC_SEQ ? asn->n : 1;
      if (na != nf) {
        diag_spec_error(c->d, loc(c, asn), "'as' must name as many fields as 'from.fields' (%d)", nf);
        return NULL;
      }
      for (int i = 0; i < nf; i++)
        if (!(outnames[i] = as_name(c, asn->kind == SPEC_SEQ ? asn->items[i] : asn))) return NULL;
    }
  } else {
    if (asn) {
      diag_spec_error(c->d, loc(c, asn), "'from.fields' is required when 'as' is a single name");
      return NULL;
    }
    nf = src->ncols;
    fcols = arena_alloc_array(c->tmp, (size_t)nf + 1, sizeof *fcols);
    outnames = arena_alloc_array(c->tmp, (size_t)nf + 1, sizeof *outnames);
    for (int i = 0; i < nf; i++) fcols[i] = i, outnames[i] = src->names[i];
  }
  const spec_node *defn = spec_map_get(tr, "default");
  cell dflt = defn ? cell_from_node(defn) : null_cell;
  /* Index the secondary table; later rows win, as in Vega. */
  size_t cap = 16;
  while (cap < (size_t)src->nrows * 2) cap *= 2;
  int *slots = arena_alloc_array(c->tmp, cap, sizeof *slots);
  for (int r = 0; r < src->nrows; r++) {
    lkey k = make_lkey(cell_at(src, r, kcol));
    size_t i = (size_t)lkey_hash(&k) & (cap - 1);
    for (;; i = (i + 1) & (cap - 1)) {
      if (!slots[i]) {
        slots[i] = r + 1;
        break;
      }
      lkey o = make_lkey(cell_at(src, slots[i] - 1, kcol));
      if (lkey_eq(&k, &o)) {
        slots[i] = r + 1;
        break;
      }
    }
  }
  int *outc = arena_alloc_array(c->tmp, (size_t)nf + 1, sizeof *outc);
  for (int i = 0; i < nf; i++) outc[i] = dtable_add_col(t, outnames[i]);
  for (int r = 0; r < t->nrows; r++) {
    lkey k = make_lkey(cell_at(t, r, col));
    int match = -1;
    for (size_t i = (size_t)lkey_hash(&k) & (cap - 1); slots[i]; i = (i + 1) & (cap - 1)) {
      lkey o = make_lkey(cell_at(src, slots[i] - 1, kcol));
      if (lkey_eq(&k, &o)) {
        match = slots[i] - 1;
        break;
      }
    }
    cell *row = dtable_row(t, r);
    for (int i = 0; i < nf; i++) row[outc[i]] = match >= 0 ? *cell_at(src, match, fcols[i]) : dflt;
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
      if (in_list(tr->keys[i]->str, vl_transform_table.unsupported)) {
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
                      "pivot, bin, timeUnit, lookup, flatten or stack)",
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
  case VLT_WINDOW: return t_window(c, tr, t);
  case VLT_FOLD: return t_fold(c, tr, t);
  case VLT_PIVOT: return t_pivot(c, tr, t);
  case VLT_BIN: return t_bin(c, tr, t);
  case VLT_TIMEUNIT: return t_time_unit(c, tr, t);
  case VLT_FLATTEN: return t_flatten(c, tr, t);
  case VLT_STACK: return t_stack(c, tr, t);
  default: return t_lookup(c, tr, t);
  }
}

dtable *transform_apply_ex(const spec_doc *doc, const spec_node *transforms, dtable *in, const char *base_dir,
                           const data_opts *opts, arena *a, diag_list *d) {
  if (!transforms || spec_is_null(transforms)) return in;
  if (!in) return NULL;
  if (transforms->kind != SPEC_SEQ) {
    diag_spec_error(d, spec_loc(doc, transforms), "'transform' must be a list, found %s",
                    spec_describe(a, transforms));
    return NULL;
  }
  tctx c = {.doc = doc, .a = a, .d = d, .base_dir = base_dir, .opts = opts ? opts : doc->data_opts};
  dtable *t = in;
  for (int i = 0; i < transforms->n && t; i++) {
    c.tmp = arena_new();
    t = apply_one(&c, transforms->items[i], t);
    for (int k = 0; k < c.nexprs; k++) expr_free(c.exprs[k]);
    c.nexprs = c.capexprs = 0;
    c.exprs = NULL;
    arena_free(c.tmp);
  }
  free(c.sc.buf);
  return t;
}

dtable *transform_apply(const spec_doc *doc, const spec_node *transforms, dtable *in, arena *a, diag_list *d) {
  return transform_apply_ex(doc, transforms, in, NULL, NULL, a, d);
}
