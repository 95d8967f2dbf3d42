/* Transforms that reshape a table: fold (wide to long), pivot (long to
 * wide), flatten (lists in cells to rows), stack (Vega's stack offsets)
 * and lookup (a join against inline data). */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "data/transform_internal.h"
#include "spec/keys.h"

/* ---- fold / pivot ----------------------------------------------------------- */

int tr_two_names(tctx *c, const spec_node *as, const char **a, const char **b) {
  if (!as) return 0;
  if (as->kind != SPEC_SEQ || as->n != 2) {
    diag_spec_error(c->d, loc(c, as), "'as' must be a list of two names");
    return -1;
  }
  if (!(*a = tr_as_name(c, as->items[0])) || !(*b = tr_as_name(c, as->items[1]))) return -1;
  return 0;
}

dtable *tr_fold(tctx *c, const spec_node *tr, dtable *t) {
  if (tr_check_keys(c, tr, vl_transform_kinds[VLT_FOLD])) return NULL;
  const spec_node *fl = spec_map_get(tr, "fold");
  const char *kname = "key", *vname = "value";
  int *cols, nc;
  if (fl->kind != SPEC_SEQ) {
    diag_spec_error(c->d, loc(c, fl), "'fold' must be a list of field names, found %s", spec_describe(c->a, fl));
    return NULL;
  }
  if (tr_field_list(c, t, fl, &cols, &nc)) return NULL;
  if (tr_two_names(c, spec_map_get(tr, "as"), &kname, &vname)) return NULL;
  const data_opts *op = c->opts;
  int max_rows = op && op->max_rows > 0 ? (op->max_rows < INT_MAX ? (int)op->max_rows : INT_MAX) : LIMIT_ROWS;
  if ((long)t->nrows * nc > max_rows) {
    diag_spec_error(c->d, loc(c, fl), "too many rows (more than %d)", max_rows);
    return NULL;
  }
  if (tr_fits(c, (double)t->nrows * nc * (t->ncols + 2) * sizeof(cell), NULL)) return NULL;
  dtable *o = dtable_like(t, c->a);
  int kc = dtable_add_col(o, kname), vc = dtable_add_col(o, vname);
  dtable_reserve(o, t->nrows * nc, o->ncols);
  const char **fnames = arena_alloc_array(c->tmp, (size_t)nc + 1, sizeof *fnames);
  for (int i = 0; i < nc; i++) fnames[i] = tr_field_name(c, fl->items[i]);
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

dtable *tr_pivot(tctx *c, const spec_node *tr, dtable *t) {
  if (tr_check_keys(c, tr, vl_transform_kinds[VLT_PIVOT])) return NULL;
  const spec_node *pv = spec_map_get(tr, "pivot"), *vn = tr_required(c, tr, "value");
  if (!vn) return NULL;
  int pcol, vcol, *gcols, ng, op = OP_SUM;
  double limit = 0;
  if (tr_field_col(c, t, pv, &pcol) || tr_field_col(c, t, vn, &vcol)) return NULL;
  if (tr_field_list(c, t, spec_map_get(tr, "groupby"), &gcols, &ng)) return NULL;
  const spec_node *opn = spec_map_get(tr, "op"), *ln = spec_map_get(tr, "limit");
  if (opn && tr_parse_op(c, opn, 0, &op)) return NULL;
  if (ln && spec_get_number(c->doc, ln, &limit, c->d)) return NULL;
  groups outer, keyg, both;
  tr_group_rows(c, t, gcols, ng, &outer);
  tr_group_rows(c, t, &pcol, 1, &keyg);
  int *bcols = arena_alloc_array(c->tmp, (size_t)ng + 2, sizeof *bcols);
  if (ng) memcpy(bcols, gcols, (size_t)ng * sizeof *bcols);
  bcols[ng] = pcol;
  tr_group_rows(c, t, bcols, ng + 1, &both);
  /* Pivot values sorted ascending, as Vega does; then the limit. */
  cell *kv = arena_alloc_array(c->tmp, (size_t)keyg.n + 1, sizeof *kv);
  for (int i = 0; i < keyg.n; i++) kv[i] = *cell_at(t, keyg.first[i], pcol);
  if (keyg.n > 1) qsort(kv, (size_t)keyg.n, sizeof *kv, tr_cellp_cmp);
  int nkeys = keyg.n;
  if (limit > 0 && limit < nkeys) nkeys = (int)limit;
  dtable *o = dtable_new(c->a);
  const spec_node *gb = spec_map_get(tr, "groupby");
  int *gout = arena_alloc_array(c->tmp, (size_t)ng + 1, sizeof *gout);
  for (int i = 0; i < ng; i++) gout[i] = dtable_add_col(o, tr_field_name(c, gb->kind == SPEC_SEQ ? gb->items[i] : gb));
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
      if (tr_cell_cmp(&kv[mid], x) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo < nkeys && tr_cell_eq(&kv[lo], x)) kcol[i] = kout[lo];
  }
  if (tr_fits(c, (double)outer.n * o->ncols * sizeof(cell), NULL)) return NULL;
  dtable_reserve(o, outer.n, o->ncols);
  for (int k = 0; k < outer.n; k++) {
    cell *row = dtable_add_row(o);
    for (int i = 0; i < ng; i++) row[gout[i]] = *cell_at(t, outer.first[k], gcols[i]);
    cell empty = tr_agg_compute(c, op, t, vcol, NULL, 0);
    for (int i = 0; i < nkeys; i++) row[kout[i]] = empty;
  }
  for (int b = 0; b < both.n; b++) {
    int r0 = both.first[b];
    int kc = kcol[keyg.gid[r0]];
    if (kc < 0) continue;
    cell v = tr_agg_compute(c, op, t, vcol, both.rows + both.start[b], both.start[b + 1] - both.start[b]);
    dtable_row(o, outer.gid[r0])[kc] = v;
  }
  return o;
}

/* ---- flatten / stack ------------------------------------------------------- */

/* flatten: one row per array element.  Arrays are read back from the
 * columns data.c made of inline nested values: "foo[0]", "foo[1]", ...,
 * and "lc[0].t" for a list of objects (which becomes "lc.t").  A row gets
 * as many rows as its longest array; shorter ones read null, as in Vega. */
dtable *tr_flatten(tctx *c, const spec_node *tr, dtable *t) {
  if (tr_check_keys(c, tr, vl_transform_kinds[VLT_FLATTEN])) return NULL;
  const spec_node *fl = spec_map_get(tr, "flatten"), *as = spec_map_get(tr, "as");
  int *cols, nf;
  if (fl->kind != SPEC_SEQ) {
    diag_spec_error(c->d, loc(c, fl), "'flatten' must be a list of field names, found %s", spec_describe(c->a, fl));
    return NULL;
  }
  if (tr_field_list(c, t, fl, &cols, &nf)) return NULL;
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
    const char *name = tr_field_name(c, fl->items[f]), *oname = as ? tr_as_name(c, as->items[f]) : name;
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
  size_t used0 = tr_used(c);
  for (int r = 0; r < t->nrows; r++) {
    if (tr_budget_step(c, NULL, used0, r, t->nrows)) return NULL;
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
dtable *tr_stack(tctx *c, const spec_node *tr, dtable *t) {
  if (tr_check_keys(c, tr, vl_transform_kinds[VLT_STACK])) return NULL;
  int vcol, *gcols, ng, nk;
  sort_key *keys;
  const char *a0 = "y0", *a1 = "y1";
  const spec_node *gb = tr_required(c, tr, "groupby"); /* Vega-Lite requires it ([] for one group) */
  if (!gb || tr_field_col(c, t, spec_map_get(tr, "stack"), &vcol) || tr_field_list(c, t, gb, &gcols, &ng) ||
      tr_parse_sort(c, t, spec_map_get(tr, "sort"), &keys, &nk) || tr_two_names(c, spec_map_get(tr, "as"), &a0, &a1))
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
  if (tr_cols_fit(c, t, 2)) return NULL;
  int c0 = dtable_add_col(t, a0), c1 = dtable_add_col(t, a1);
  groups g;
  tr_group_rows(c, t, gcols, ng, &g);
  sorter so;
  if (nk) tr_sorter_init(c, &so, t, keys, nk);
  double *sum = arena_alloc_array(c->tmp, (size_t)g.n + 1, sizeof *sum), max = 0;
  for (int k = 0; k < g.n; k++) {
    int *rows = g.rows + g.start[k], n = g.start[k + 1] - g.start[k];
    if (nk) tr_sort_rows(c, &so, rows, n);
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
  return k->kind == 1 ? tr_hash_num(k->n) : k->kind == 2 ? tr_hash_str(k->s) : 7;
}

static int lkey_eq(const lkey *a, const lkey *b) {
  if (a->kind != b->kind) return 0;
  return a->kind == 1 ? a->n == b->n : a->kind == 2 ? !strcmp(a->s, b->s) : 1;
}

dtable *tr_lookup(tctx *c, const spec_node *tr, dtable *t) {
  if (tr_check_keys(c, tr, vl_transform_kinds[VLT_LOOKUP])) return NULL;
  const spec_node *ln = spec_map_get(tr, "lookup"), *from = tr_required(c, tr, "from");
  if (!from) return NULL;
  int col;
  if (tr_field_col(c, t, ln, &col)) return NULL;
  if (from->kind != SPEC_MAP) {
    diag_spec_error(c->d, loc(c, from), "'from' must be a mapping {data, key, fields}, found %s",
                    spec_describe(c->a, from));
    return NULL;
  }
  static const char *const fkeys[] = {"data", "key", "fields", NULL};
  for (int i = 0; i < from->n; i++) {
    const char *k = from->keys[i]->str;
    if (tr_in_list(k, fkeys)) continue;
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
  if (tr_field_col(c, src, kn, &kcol)) return NULL;
  const spec_node *fields = spec_map_get(from, "fields"), *asn = spec_map_get(tr, "as");
  int nf;
  int *fcols;
  const char **outnames;
  if (fields) {
    if (tr_field_list(c, src, fields, &fcols, &nf)) return NULL;
    outnames = arena_alloc_array(c->tmp, (size_t)nf + 1, sizeof *outnames);
    for (int i = 0; i < nf; i++)
      outnames[i] = tr_field_name(c, fields->kind == SPEC_SEQ ? fields->items[i] : fields);
    if (asn) {
      int na = asn->kind == SPEC_SEQ ? asn->n : 1;
      if (na != nf) {
        diag_spec_error(c->d, loc(c, asn), "'as' must name as many fields as 'from.fields' (%d)", nf);
        return NULL;
      }
      for (int i = 0; i < nf; i++)
        if (!(outnames[i] = tr_as_name(c, asn->kind == SPEC_SEQ ? asn->items[i] : asn))) return NULL;
    }
  } else {
    /* as: NAME without fields: the whole matching row under NAME, as
     * NAME.<field>; NAME itself is the row's geometry (a feature's, so a
     * geoshape's shape: {field: NAME, type: geojson} draws it). */
    const char *whole = NULL;
    if (asn && asn->kind == SPEC_SEQ) {
      diag_spec_error(c->d, loc(c, asn), "'from.fields' is required when 'as' is a list");
      return NULL;
    }
    if (asn && !(whole = tr_as_name(c, asn))) return NULL;
    int geo = whole ? dtable_col(src, "geometry") : -1;
    nf = src->ncols + (geo >= 0);
    fcols = arena_alloc_array(c->tmp, (size_t)nf + 1, sizeof *fcols);
    outnames = arena_alloc_array(c->tmp, (size_t)nf + 1, sizeof *outnames);
    for (int i = 0; i < src->ncols; i++)
      fcols[i] = i, outnames[i] = whole ? arena_printf(c->a, "%s.%s", whole, src->names[i]) : src->names[i];
    if (geo >= 0) fcols[nf - 1] = geo, outnames[nf - 1] = whole;
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
  if (tr_cols_fit(c, t, nf)) return NULL;
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
