/* Vega-Lite's invalid modes (mark.invalid, config.mark.invalid): what null
 * and NaN do in a continuous scale, as Vega-Lite 5.19's
 * normalizeInvalidDataMode and getDataSourcesForHandlingInvalidValues say.
 * A discrete scale has no invalid values (null is a category, "null"), nor
 * has a count.
 *
 *   mode                        marks (path / other)     scales
 *   filter                      left out / left out      left out
 *   break-paths-filter-domains  break / left out         left out
 *   break-paths-show-domains    break / left out         shown
 *   break-paths-show-path-      = break-paths-show-domains for lines and
 *     domains (the default)       areas, = filter for the other marks
 *   show, null                  drawn at zero (or the domain's low end)
 *
 * "Shown" in a scale: the row's other values count in their domains (a
 * row whose y is null still widens x). */
#include <math.h>
#include <string.h>

#include "chart/vl.h"

static int is_path(const vl_unit *u) { return u->mark.type == MK_LINE || u->mark.type == MK_AREA; }

static int mode_of(const vl_unit *u) {
  int m = u->mark.invalid;
  if (m < 0 || m == INV_BREAK_SHOW_PATH_DOMAINS) return is_path(u) ? INV_BREAK_SHOW_DOMAINS : INV_FILTER;
  return m;
}

/* Channels whose null or NaN is invalid: fields on a continuous scale,
 * not counted. */
static int invalid_cols(const vl_unit *u, const dtable *t, int *cols, int *temporal) {
  int n = 0;
  for (int k = 0; k < CH_LAST; k++) {
    const vl_channel *ch = &u->ch[k];
    /* x2, y2, ...: on the scale of x, y, ... (their type is that channel's) */
    int p = k == CH_X2 ? CH_X : k == CH_Y2 ? CH_Y : k == CH_THETA2 ? CH_THETA : k == CH_RADIUS2 ? CH_RADIUS : k;
    const vl_channel *sc = p != k && u->ch[p].on ? &u->ch[p] : ch;
    if (k == CH_TEXT || k == CH_TOOLTIP || k == CH_DETAIL || k == CH_ORDER || k == CH_ROW || k == CH_COLUMN ||
        k == CH_FACET)
      continue; /* no scale */
    if (!ch->on || !ch->col_name || !vl_is_cont(sc) || ch->agg == AG_COUNT || ch->agg == AG_DISTINCT ||
        ch->agg == AG_VALID || ch->geo)
      continue;
    int col = dtable_col(t, ch->col_name);
    if (col < 0) continue;
    cols[n] = col;
    temporal[n++] = sc->type == TY_T || sc->timeunit;
  }
  return n;
}

void vl_invalid_rows(chart *c, vl_unit *u) {
  int mode = mode_of(u);
  if (mode == INV_SHOW || !u->data) return;
  int marks_out = mode == INV_FILTER || !is_path(u), scales_out = mode != INV_BREAK_SHOW_DOMAINS;
  if (!marks_out && !scales_out) return; /* lines break at them (vl_marks.c), scales show them */
  dtable *t = u->data;
  int cols[CH_LAST], temporal[CH_LAST];
  int nc = invalid_cols(u, t, cols, temporal);
  if (!nc) return;
  dtable *kept = NULL;
  for (int r = 0; r < t->nrows; r++) {
    const cell *row = dtable_row(t, r);
    int ok = 1;
    for (int i = 0; i < nc && ok; i++)
      ok = !cell_is_null(&row[cols[i]]) && !isnan(temporal[i] ? vl_time_value(&row[cols[i]]) : cell_number(&row[cols[i]]));
    if (ok && !kept) continue;
    if (!kept) { /* the first invalid row: copy the valid ones before it */
      kept = dtable_like(t, c->a);
      for (int q = 0; q < r; q++) memcpy(dtable_add_row(kept), dtable_row(t, q), (size_t)t->ncols * sizeof(cell));
    }
    if (ok) memcpy(dtable_add_row(kept), row, (size_t)t->ncols * sizeof(cell));
  }
  if (!kept) return;
  if (marks_out && scales_out) u->data = kept;
  else if (marks_out) u->scale_data = u->data, u->data = kept;
  else u->scale_data = kept;
}

double vl_invalid_show(const vl_unit *u, const vscale *s) {
  if (mode_of(u) != INV_SHOW || s->disc) return NAN;
  double lo = fmin(s->d0, s->d1), hi = fmax(s->d0, s->d1);
  return vl_scale_num(s, !s->temporal && lo <= 0 && hi >= 0 ? 0 : lo);
}
