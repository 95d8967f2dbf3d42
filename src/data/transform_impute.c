/* The impute transform, as Vega's Impute and Vega-Lite's ImputeNode do it:
 * every group (groupby) gets a row for every key -- the keyvals first, then
 * the keys in the data in order of appearance -- and a row added for a
 * missing key carries the group's values, the key, and in the imputed
 * field 'value' (method: value) or, for mean/median/max/min, that op over
 * the group's values within 'frame' of it.  As in Vega, added rows come
 * after the input rows (group by group, keys in domain order), and a frame
 * counts rows in that order; a null field of an input row is filled the
 * same way (Vega-Lite's formula replaces every null). */
#include <math.h>
#include <string.h>

#include "base/limits.h"
#include "data/transform_internal.h"

enum { IM_VALUE, IM_MEAN, IM_MEDIAN, IM_MAX, IM_MIN };

/* keyvals: a list of values, or {start, stop, step} (Vega's sequence:
 * start, start + step, ... before stop).  Into a one-column table, so the
 * keys in the data can be grouped with them. */
static int parse_keyvals(tctx *c, const spec_node *n, dtable *keys, int max_rows) {
  if (n->kind == SPEC_SEQ) {
    for (int i = 0; i < n->n; i++) {
      if (n->items[i]->kind != SPEC_SCALAR) {
        diag_spec_error(c->d, loc(c, n->items[i]), "a key in 'keyvals' must be a number or a string, found %s",
                        spec_describe(c->a, n->items[i]));
        return -1;
      }
      dtable_add_row(keys)[0] = cell_from_node(n->items[i]);
    }
    return 0;
  }
  if (n->kind != SPEC_MAP) {
    diag_spec_error(c->d, loc(c, n), "'keyvals' must be a list of keys or {start, stop, step}, found %s",
                    spec_describe(c->a, n));
    return -1;
  }
  if (tr_check_keys(c, n, &vl_impute_seq_table)) return -1;
  double v[3] = {0, NAN, 1};
  static const char *const names[] = {"start", "stop", "step"};
  for (int i = 0; i < 3; i++) {
    const spec_node *x = spec_map_get(n, names[i]);
    if (x && spec_get_number(c->doc, x, &v[i], c->d)) return -1;
  }
  if (!spec_map_get(n, "stop")) {
    diag_spec_error(c->d, loc(c, n), "'keyvals' as a sequence needs 'stop' (keys stop before it)");
    return -1;
  }
  const spec_node *at = spec_map_get(n, "step") ? spec_map_get(n, "step") : n;
  if (!isfinite(v[0]) || !isfinite(v[1]) || !isfinite(v[2]) || v[2] == 0) {
    diag_spec_error(c->d, loc(c, at), "'keyvals' needs a finite start and stop and a step other than 0");
    return -1;
  }
  double count = ceil((v[1] - v[0]) / v[2]);
  if (count > max_rows) {
    diag_spec_error(c->d, loc(c, at), "too many keys in 'keyvals' (%.0f; the limit is %d)", count, max_rows);
    return -1;
  }
  for (long i = 0; i < (long)count; i++) dtable_add_row(keys)[0] = num_cell(v[0] + (double)i * v[2]);
  return 0;
}

/* The op of 'method' over the non-null values among rows[lo..hi). */
static cell frame_value(tctx *c, int method, const dtable *t, int col, const int *rows, int lo, int hi) {
  static const int ops[] = {0, OP_MEAN, OP_MEDIAN, OP_MAX, OP_MIN};
  return tr_agg_compute(c, ops[method], t, col, rows + lo, hi - lo);
}

dtable *tr_impute(tctx *c, const spec_node *tr, dtable *t) {
  if (tr_check_keys(c, tr, vl_transform_kinds[VLT_IMPUTE])) return NULL;
  const spec_node *kn = tr_required(c, tr, "key"), *mn = spec_map_get(tr, "method"),
                  *vn = spec_map_get(tr, "value"), *kv = spec_map_get(tr, "keyvals");
  int fcol, kcol, *gcols, ng, method = IM_VALUE, fr[2] = {0, 0}, fset[2] = {0, 0};
  if (!kn || tr_field_col(c, t, spec_map_get(tr, "impute"), &fcol) || tr_field_col(c, t, kn, &kcol) ||
      tr_field_list(c, t, spec_map_get(tr, "groupby"), &gcols, &ng))
    return NULL;
  if (mn) {
    static const char *const names[] = {"value", "mean", "median", "max", "min", NULL};
    const char *s = NULL;
    if (spec_get_string(c->doc, mn, &s, c->d)) return NULL;
    for (method = 0; names[method] && strcmp(names[method], s); method++) {
    }
    if (!names[method]) {
      diag_spec_error(c->d, loc(c, mn), "unknown impute method '%s' (value, mean, median, max or min)", s);
      return NULL;
    }
  }
  const spec_node *fn = spec_map_get(tr, "frame");
  if (fn && tr_parse_frame(c, fn, fr, fset)) return NULL;
  if (!fn) fset[1] = 0; /* Vega-Lite's default frame: [null, null] */
  if (vn && vn->kind != SPEC_SCALAR) {
    diag_spec_error(c->d, loc(c, vn), "'value' must be a number, a string or null, found %s",
                    spec_describe(c->a, vn));
    return NULL;
  }
  const data_opts *op = c->opts;
  int max_rows = op && op->max_rows > 0 ? (op->max_rows < LIMIT_ROWS ? (int)op->max_rows : LIMIT_ROWS) : LIMIT_ROWS;

  /* The key domain: keyvals, then the data's keys; grouped, so each
   * distinct key is one group, numbered in that order. */
  dtable *keys = dtable_new(c->tmp);
  dtable_add_col(keys, "key");
  if (kv && parse_keyvals(c, kv, keys, max_rows)) return NULL;
  int nkv = keys->nrows;
  dtable_reserve(keys, nkv + t->nrows, 1);
  for (int r = 0; r < t->nrows; r++) dtable_add_row(keys)[0] = *cell_at(t, r, kcol);
  int zero = 0;
  groups dom, grp;
  tr_group_rows(c, keys, &zero, 1, &dom);
  tr_group_rows(c, t, gcols, ng, &grp);

  /* Which (group, key) pairs have a row. */
  double cells = (double)grp.n * dom.n;
  if (cells - t->nrows > max_rows) {
    diag_spec_error(c->d, loc(c, kn), "too many rows (more than %d): %d groups times %d keys", max_rows, grp.n,
                    dom.n);
    return NULL;
  }
  if (tr_fits(c, cells + (cells - t->nrows) * (t->ncols + 1) * sizeof(cell), NULL)) return NULL;
  unsigned char *has = arena_alloc(c->tmp, (size_t)cells + 1);
  for (int r = 0; r < t->nrows; r++) has[(size_t)grp.gid[r] * (size_t)dom.n + (size_t)dom.gid[nkv + r]] = 1;

  /* Each group's rows in Vega's order (its input rows, then its added
   * rows), for the frames; added rows appended to t. */
  int n0 = t->nrows;
  int *order = arena_alloc_array(c->tmp, (size_t)cells + (size_t)n0 + 1, sizeof *order);
  int *gstart = arena_alloc_array(c->tmp, (size_t)grp.n + 1, sizeof *gstart);
  int no = 0;
  cell fixed = vn ? cell_from_node(vn) : null_cell;
  for (int g = 0; g < grp.n; g++) {
    gstart[g] = no;
    for (int i = grp.start[g]; i < grp.start[g + 1]; i++) order[no++] = grp.rows[i];
    for (int k = 0; k < dom.n; k++) {
      if (has[(size_t)g * (size_t)dom.n + (size_t)k]) continue;
      cell *row = dtable_add_row(t);
      const cell *first = dtable_row(t, grp.first[g]);
      for (int j = 0; j < ng; j++)
        if (gcols[j] >= 0) row[gcols[j]] = first[gcols[j]];
      row[kcol] = *cell_at(keys, dom.first[k], 0);
      row[fcol] = method == IM_VALUE ? fixed : null_cell;
      order[no++] = t->nrows - 1;
    }
  }
  gstart[grp.n] = no;
  if (method == IM_VALUE) return t;
  /* Fill the nulls from the frame (values read before any is written, as
   * Vega's window computes over the imputed nulls). */
  cell *fill = arena_alloc_array(c->tmp, (size_t)no + 1, sizeof *fill);
  for (int g = 0; g < grp.n; g++) {
    int lo = gstart[g], hi = gstart[g + 1];
    for (int i = lo; i < hi; i++) {
      fill[i] = null_cell;
      if (!cell_is_null(cell_at(t, order[i], fcol))) continue;
      int a = fset[0] ? (i - fr[0] > lo ? i - fr[0] : lo) : lo;
      int b = fset[1] ? (i + fr[1] + 1 < hi ? i + fr[1] + 1 : hi) : hi;
      fill[i] = frame_value(c, method, t, fcol, order, a, b);
    }
  }
  for (int i = 0; i < no; i++)
    if (cell_is_null(cell_at(t, order[i], fcol))) dtable_row(t, order[i])[fcol] = fill[i];
  return t;
}
