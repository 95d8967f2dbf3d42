/* Vega-Lite data transforms on dtables.
 *
 * Supported (Vega-Lite semantics, every date in UTC):
 *   filter       expression string, or predicates {field, equal|lt|lte|gt|gte|range|oneOf|valid},
 *                combined with {and: [...]}, {or: [...]}, {not: ...}
 *   calculate    {calculate: expr, as}
 *   aggregate    {aggregate: [{op, field, as}], groupby}
 *   joinaggregate{joinaggregate: [{op, field, as}], groupby}
 *   window       {window: [{op, field, param, as}], sort: [{field, order}], groupby, frame, ignorePeers}
 *   fold         {fold: [fields], as: [key, value]}
 *   pivot        {pivot, value, groupby, limit, op}
 *   bin          {bin: true | {maxbins, step, steps, extent, nice, base, divide, minstep, anchor}, field, as}
 *   timeUnit     {timeUnit: unit | {unit, utc}, field, as}
 *   lookup       {lookup, from: {data, key, fields}, as, default}
 *   flatten      {flatten: [fields], as} (lists in inline data; see data.c)
 *   stack        {stack: field, groupby, offset: zero|center|normalize, sort, as: [start, end]}
 *   impute       {impute: field, key, keyvals: [..] | {start, stop, step}, groupby, method, value, frame}
 * Aggregate ops: count valid missing distinct sum product mean average
 *   median min max stdev stdevp variance variancep stderr q1 q3 ci0 ci1 (ci: Vega's bootstrap
 *   of 1000 resamples, drawn from the random stream of Vega-Lite's reference renderings).
 * Window ops: those, plus row_number rank dense_rank percent_rank cume_dist
 *   ntile lag lead first_value last_value nth_value.
 * Groups come out in order of first appearance; window keeps row order.
 * Group keys compare by type and value (1 and "1" are different groups);
 * lookup keys compare loosely (1 matches "1"), as Vega's lookup does.
 *
 * Errors (exact; located at the offending node):
 *   'transform' must be a list, found <what>
 *   a transform must be a mapping, found <what>
 *   unknown transform '<k>' (did you mean '<s>'?)
 *   unknown transform '<k>' (expected filter, calculate, aggregate, joinaggregate, window, fold, pivot, bin, timeUnit, lookup, flatten, stack or impute)
 *   the '<k>' transform is not supported
 *   a transform has both '<a>' and '<b>': give each its own list item
 *   '<k>' is not supported in the <t> transform            (a Vega-Lite key this transform lacks)
 *   unknown key '<k>' in the <t> transform (did you mean '<s>'?)   / without suggestion
 *   '<k>' is required in the <t> transform
 *   invalid expression (at character <n>): <expr_compile message>
 *   expression failed: out of memory or string too long
 *   no field '<f>' in the data (did you mean '<s>'?)        / "; fields are: a, b"
 *   unknown aggregate op '<op>' (did you mean '<s>'?)       / unknown window op ...
 *   '<op>' is not supported as an aggregate op
 *   '<op>' needs a 'field'
 *   unknown time unit '<u>' (did you mean '<s>'?)
 *   time unit 'week' is not supported
 *   a filter predicate needs 'field' with one of equal, lt, lte, gt, gte, range, oneOf, valid
 *   'timeUnit' is not supported in filter predicates
 *   'param' is not supported in filter predicates
 *   'range' must be a list of two numbers (null for an open end)
 *   'frame' must be a list of two numbers or nulls
 *   'as' must be a list of two names
 *   'as' must be a list of <n> names, one per flattened field
 *   'offset' must be zero, center or normalize, found <what>
 *   'from.fields' is required when 'as' is a single name
 *   'maxbins' must be at least 2
 *   too many rows (more than <max_rows>)                    (fold)
 *   the window frames are too large for '<op>' (<n> rows in total; the limit is 20000000)
 *   '<op>' needs a 'param' of at least 1                   (ntile, nth_value)
 * and shape errors that say what was expected and found: "'<k>' must be a
 * list of {op, field, as}, found <what>", "'oneOf' must be a list of values,
 * found <what>", "'order' must be 'ascending' or 'descending', found <what>",
 * "'as' must name as many fields as 'from.fields' (<n>)", ... */
#ifndef HUITU_DATA_TRANSFORM_H
#define HUITU_DATA_TRANSFORM_H
#include "data/data.h"

/* Apply the transforms (a list node; NULL = none) to `in`, in order.
 * `in` is consumed: it may be changed in place and returned, or replaced by
 * a new table; do not use it afterwards.  Results live in `a` and may share
 * strings with `in` (which must live at least as long as `a`).  Returns NULL
 * after recording located diagnostics in d.  Data for lookups is loaded
 * relative to the folder of doc->path with doc->data_opts. */
dtable *transform_apply(const spec_doc *doc, const spec_node *transforms, dtable *in, arena *a, diag_list *d);
/* Same, with the folder and options used to load lookup data (NULL:
 * the folder of doc->path; doc->data_opts) and the params expressions may
 * name (NULL: none; see expr_compile_env).  The options' max_rows also
 * bounds fold's output. */
struct expr_env;
dtable *transform_apply_ex(const spec_doc *doc, const spec_node *transforms, dtable *in, const char *base_dir,
                           const data_opts *opts, const struct expr_env *env, arena *a, diag_list *d);
#endif
