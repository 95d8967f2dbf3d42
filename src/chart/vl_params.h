/* Vega-Lite params on a static chart (vl_params.c) and predicates as
 * expressions (vl_predicate.c).
 *
 * A static chart is the state a Vega-Lite chart opens in: a variable param
 * has its `value` (or its `expr` of the params before it), a selection its
 * initial `value` or none.  vl_params_apply reads them all, then gives the
 * rest of the parser a spec in which nothing refers to a param any more:
 * `{expr: ...}` properties that read no datum are their values, `{param}`
 * conditions, filters and scale domains are expressions or data domains,
 * and field predicates (`{field, equal}`, `{and: [...]}`) are expressions.
 * Expressions that still name a variable param (`datum.b > limit`) are
 * compiled against c->env (expr_compile_env). */
#ifndef HUITU_CHART_VL_PARAMS_H
#define HUITU_CHART_VL_PARAMS_H
#include "chart/vl.h"

/* The spec with params applied: vl itself where nothing changed, else a
 * copy (in c->a) sharing the unchanged parts; new nodes carry the location
 * of what they replace, so later messages still point into the user's
 * file.  Sets c->env.  Errors go to d. */
const spec_node *vl_params_apply(chart *c, const spec_node *vl, diag_list *d);

/* One selection param as the static chart sees it (vl_params.c). */
typedef struct vl_selection vl_selection;

/* What vl_predicate_expr needs from the params. */
typedef struct vl_pred_ctx {
  chart *c;
  diag_list *d;
  /* The test of {param: name, empty}: an expression source, or NULL after
   * an error at at (vl_params.c). */
  const char *(*param_test)(struct vl_pred_ctx *p, const spec_node *name, int empty, const spec_node *at);
  void *params;
} vl_pred_ctx;

/* A predicate -- an expression string, {field, equal|lt|lte|gt|gte|range|
 * oneOf|valid, timeUnit}, {param, empty}, or {and: [...]}, {or: [...]},
 * {not: ...} of them -- as one expression source (in c->a), with
 * Vega-Lite's meaning; NULL after a located error. */
const char *vl_predicate_expr(vl_pred_ctx *p, const spec_node *n, int depth);
/* A JS literal for a scalar node or a Vega-Lite DateTime mapping; NULL
 * after a located error (what: the key, for the message). */
const char *vl_literal_expr(vl_pred_ctx *p, const spec_node *v, const char *what);
#endif
