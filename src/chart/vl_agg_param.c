/* Aggregates Vega-Lite writes as an object, {op: parameter}:
 *   {exponential: r}, {exponentialb: r}  Vega's exponential moving average of
 *       a group's values in row order (e = r*e + v), bias-corrected
 *       (e*(1-r)/(1-r^n)) or not (e*(1-r)); 0 < r < 1.
 *   {argmin: f}, {argmax: f}  the encoded field's value in the group's row
 *       where f is least (greatest); the first such row on ties, as Vega.
 * Messages (located at the aggregate):
 *   an aggregate object has one key, exponential, exponentialb, argmin or argmax (found <n>)
 *   unknown aggregate '<k>' ...                      (vls_enum_index's, with a suggestion)
 *   '<op>' must be a number between 0 and 1 (the weight), found <what>
 *   '<op>' must be a field name, found <what>
 *   aggregate '<op>' takes a parameter: write {"<op>": ...}  (the op as a bare name) */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart/vl_spec_internal.h"

static const char *const param_ops[] = {"exponential", "exponentialb", "argmin", "argmax", NULL};
static const int param_agg[] = {AG_EXPONENTIAL, AG_EXPONENTIALB, AG_ARGMIN, AG_ARGMAX};

int vl_agg_is_param_name(const char *s) {
  for (int i = 0; param_ops[i]; i++)
    if (!strcmp(param_ops[i], s)) return 1;
  return 0;
}

void vl_agg_object(chart *c, const spec_node *ag, vl_channel *ch, diag_list *d) {
  if (ag->n != 1) {
    diag_spec_error(d, L(c, ag), "an aggregate object has one key, exponential, exponentialb, argmin or argmax "
                                 "(found %d)", ag->n);
    return;
  }
  int i = vls_enum_index(c, ag->keys[0], param_ops, "aggregate", d);
  if (i < 0) return;
  const spec_node *v = ag->items[0];
  if (i < 2) {
    double r;
    if (v->kind != SPEC_SCALAR || !spec_is_number(v) || (r = strtod(v->str, NULL), !(r > 0 && r < 1))) {
      diag_spec_error(d, L(c, v), "'%s' must be a number between 0 and 1 (the weight), found %s", param_ops[i],
                      spec_describe(c->a, v));
      return;
    }
    ch->agg_param = r;
  } else {
    if (v->kind != SPEC_SCALAR || spec_is_null(v) || !v->len) {
      diag_spec_error(d, L(c, v), "'%s' must be a field name, found %s", param_ops[i], spec_describe(c->a, v));
      return;
    }
    ch->agg_arg = data_unescape_field(c->a, v->str);
  }
  ch->agg = param_agg[i];
}

void vl_agg_check_arg(chart *c, const vl_channel *ch, const dtable *t, diag_list *d) {
  if (!ch->agg_arg || dtable_col(t, ch->agg_arg) >= 0 || t->ncols == 0) return;
  const spec_node *ag = spec_map_get(ch->node, "aggregate");
  data_no_field(c->doc, ag && ag->kind == SPEC_MAP && ag->n ? ag->items[0] : ag, t, ch->agg_arg, d);
}

/* One value per group: out[g], groups grp[r] of t's rows; src the encoded
 * field's column (-1: none). */
void vl_agg_param_values(chart *c, const vl_channel *ch, const dtable *t, int src, const int *grp, int ngroups,
                         cell *out) {
  int arg = ch->agg_arg ? dtable_col(t, ch->agg_arg) : -1;
  double *acc = arena_alloc_array(c->a, (size_t)ngroups + 1, sizeof *acc); /* e, or the best arg value */
  int *n = arena_alloc_array(c->a, (size_t)ngroups + 1, sizeof *n);        /* valid values, or the best row + 1 */
  int argmin = ch->agg == AG_ARGMIN, exp = ch->agg == AG_EXPONENTIAL || ch->agg == AG_EXPONENTIALB;
  double r = ch->agg_param;
  for (int i = 0; i < t->nrows; i++) {
    const cell *row = dtable_row((dtable *)t, i);
    int g = grp[i];
    if (exp) {
      double v = src >= 0 ? cell_number(&row[src]) : NAN;
      if (src < 0 || cell_is_null(&row[src]) || !isfinite(v)) continue;
      acc[g] = r * acc[g] + v;
      n[g]++;
    } else if (arg >= 0) {
      double v = cell_number(&row[arg]);
      if (cell_is_null(&row[arg]) || !isfinite(v)) continue;
      if (!n[g] || (argmin ? v < acc[g] : v > acc[g])) acc[g] = v, n[g] = i + 1;
    }
  }
  for (int g = 0; g < ngroups; g++) {
    if (!n[g]) {
      out[g] = (cell){.type = EXPR_NULL};
    } else if (exp) {
      double e = ch->agg == AG_EXPONENTIAL ? acc[g] * (1 - r) / (1 - pow(r, n[g])) : acc[g] * (1 - r);
      out[g] = (cell){.type = EXPR_NUM, .num = e};
    } else {
      out[g] = src >= 0 ? dtable_row((dtable *)t, n[g] - 1)[src] : (cell){.type = EXPR_NULL};
    }
  }
}
