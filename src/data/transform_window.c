/* The window transform: ranks, running and framed aggregates, lag/lead and
 * friends over sorted groups — prefix sums for sums and means, sparse
 * tables for min/max, so every frame is O(1) after O(n log n). */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "data/transform_internal.h"
#include "spec/keys.h"

/* ---- window ---------------------------------------------------------------- */

int tr_parse_sort(tctx *c, const dtable *t, const spec_node *n, sort_key **out, int *nk) {
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
    if (tr_field_col(c, t, f, &k[i].col)) return -1;
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

int tr_parse_frame(tctx *c, const spec_node *n, int fr[2], int fset[2]) {
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

dtable *tr_window(tctx *c, const spec_node *tr, dtable *t) {
  if (tr_check_keys(c, tr, vl_transform_kinds[VLT_WINDOW])) return NULL;
  aggdef *defs;
  int nd, *gcols, ng, nk, fr[2] = {0, 0}, fset[2], ignore_peers = 0;
  sort_key *sk = NULL;
  if (tr_parse_aggdefs(c, t, spec_map_get(tr, "window"), 1, &defs, &nd)) return NULL;
  if (tr_field_list(c, t, spec_map_get(tr, "groupby"), &gcols, &ng)) return NULL;
  if (tr_parse_sort(c, t, spec_map_get(tr, "sort"), &sk, &nk)) return NULL;
  if (tr_parse_frame(c, spec_map_get(tr, "frame"), fr, fset)) return NULL;
  const spec_node *ip = spec_map_get(tr, "ignorePeers");
  if (ip && spec_get_bool(c->doc, ip, &ignore_peers, c->d)) return NULL;
  for (int i = 0; i < nd; i++) {
    aggdef *g = &defs[i];
    if ((g->op == OP_NTILE || g->op == OP_NTH_VALUE) && (!g->has_param || g->param < 1)) {
      diag_spec_error(c->d, loc(c, g->at), "'%s' needs a 'param' of at least 1", tr_op_names[g->op]);
      return NULL;
    }
    if (!g->has_param) g->param = 1;
  }
  if (tr_cols_fit(c, t, nd)) return NULL;
  for (int i = 0; i < nd; i++) defs[i].out = dtable_add_col(t, defs[i].as);
  groups g;
  tr_group_rows(c, t, gcols, ng, &g);
  sorter so;
  tr_sorter_init(c, &so, t, sk, nk);
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
    tr_sort_rows(c, &so, ord, n);
    /* Peers: runs of rows equal under the sort (none without a sort). */
    for (int i = 0; i < n;) {
      int j = i + 1;
      if (nk)
        while (j < n && tr_rows_cmp(&so, ord[i], ord[j]) == 0) j++;
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
                          tr_op_names[op], work, WINDOW_MAX_WORK);
          return NULL;
        }
      }
      cell *res = arena_alloc_array(c->tmp, (size_t)n + 1, sizeof *res);
      for (int i = 0; i < n; i++) res[i] = tr_agg_compute(c, op, t, d->col, ord + i0s[i], i1s[i] - i0s[i]);
      for (int i = 0; i < n; i++) dtable_row(t, ord[i])[out] = res[i];
    }
  }
  return t;
}
