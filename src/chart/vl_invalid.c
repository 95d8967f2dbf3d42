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
 * row whose y is null still widens x).
 *
 * config.scale.invalid names a channel's output for invalid values
 * ("zero-or-min" or {value}); that channel is then always "show": its
 * invalid rows stay and are drawn with the output, whatever the mode
 * (getScaleInvalidDataMode). */
#include <math.h>
#include <string.h>

#include "chart/vl_spec_internal.h"

static int is_path(const vl_unit *u) { return u->mark.type == MK_LINE || u->mark.type == MK_AREA; }

int vl_invalid_mode(const vl_unit *u) {
  int m = u->mark.invalid;
  if (m < 0 || m == INV_BREAK_SHOW_PATH_DOMAINS) return is_path(u) ? INV_BREAK_SHOW_DOMAINS : INV_FILTER;
  return m;
}

/* x2, y2, ...: on the scale of x, y, ... */
static int scale_slot(int k) {
  return k == CH_X2 ? CH_X : k == CH_Y2 ? CH_Y : k == CH_THETA2 ? CH_THETA : k == CH_RADIUS2 ? CH_RADIUS : k;
}

int vl_invalid_ch_mode(const chart *c, const vl_unit *u, int k) {
  return c->cfg.scale_invalid[scale_slot(k)].kind != INVO_UNSET ? INV_SHOW : vl_invalid_mode(u);
}

/* Channels whose null or NaN is invalid: fields on a continuous scale,
 * not counted. */
static int invalid_cols(const chart *c, const vl_unit *u, const dtable *t, int *cols, int *temporal) {
  int n = 0;
  for (int k = 0; k < CH_LAST; k++) {
    const vl_channel *ch = &u->ch[k];
    /* x2, y2, ...: their type is x's, y's, ... */
    int p = scale_slot(k);
    const vl_channel *sc = p != k && u->ch[p].on ? &u->ch[p] : ch;
    if (c->cfg.scale_invalid[p].kind != INVO_UNSET) continue; /* shown as config.scale.invalid says */
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
  int mode = vl_invalid_mode(u);
  if (mode == INV_SHOW || !u->data) return;
  int marks_out = mode == INV_FILTER || !is_path(u), scales_out = mode != INV_BREAK_SHOW_DOMAINS;
  if (!marks_out && !scales_out) return; /* lines break at them (vl_marks.c), scales show them */
  dtable *t = u->data;
  int cols[CH_LAST], temporal[CH_LAST];
  int nc = invalid_cols(c, u, t, cols, temporal);
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

/* zero-or-min: zero where the domain holds it, else its low end */
static double zero_or_min(const vscale *s) {
  double lo = fmin(s->d0, s->d1), hi = fmax(s->d0, s->d1);
  return !s->temporal && lo <= 0 && hi >= 0 ? 0 : lo;
}

double vl_invalid_show(const chart *c, const vl_unit *u, int k, const vscale *s) {
  if (vl_invalid_ch_mode(c, u, k) != INV_SHOW || s->disc) return NAN;
  const vl_invalid_out *o = &c->cfg.scale_invalid[scale_slot(k)];
  if (o->kind == INVO_VALUE) return o->num;
  return vl_scale_num(s, zero_or_min(s));
}

int vl_invalid_output(const chart *c, const vl_unit *u, int k, const vscale *s, double *num,
                      const vl_invalid_out **out) {
  if (vl_invalid_ch_mode(c, u, k) != INV_SHOW || s->disc) return INVO_UNSET;
  *out = &c->cfg.scale_invalid[k];
  if ((*out)->kind == INVO_VALUE) return INVO_VALUE;
  *num = zero_or_min(s);
  return INVO_ZERO_OR_MIN;
}

/* config.scale.invalid: {channel: "zero-or-min" | {value}} */
void vl_parse_scale_invalid(chart *c, const spec_node *n, diag_list *d) {
  if (!n) return;
  if (n->kind != SPEC_MAP) {
    diag_spec_error(d, L(c, n), "config.scale.invalid must be a mapping of channels, found %s",
                    spec_describe(c->a, n));
    return;
  }
  vl_check_keys(c, n, NULL, &vl_config_scale_invalid_table, d);
  static const int chans[] = {CH_X, CH_Y, CH_COLOR, CH_FILL, CH_STROKE, CH_SIZE, CH_OPACITY};
  for (int j = 0; j < n->n; j++) { /* in the spec's order, so are the messages */
    size_t i = 0;
    while (i < sizeof chans / sizeof chans[0] && strcmp(CHN(chans[i]), n->keys[j]->str)) i++;
    if (i == sizeof chans / sizeof chans[0]) continue; /* vl_check_keys said why */
    const char *name = CHN(chans[i]);
    const spec_node *v = n->items[j];
    vl_invalid_out *o = &c->cfg.scale_invalid[chans[i]];
    if (v->kind == SPEC_SCALAR) {
      if (vls_enum_index(c, v, E(&vl_config_scale_invalid_table, name), "invalid output", d) == 0)
        o->kind = INVO_ZERO_OR_MIN;
      continue;
    }
    if (v->kind != SPEC_MAP) {
      diag_spec_error(d, L(c, v), "config.scale.invalid.%s must be zero-or-min or {value: ...}, found %s", name,
                      spec_describe(c->a, v));
      continue;
    }
    vl_check_keys(c, v, NULL, &vl_scale_invalid_value_table, d);
    const spec_node *val = spec_map_get(v, "value");
    if (!val) {
      diag_spec_error(d, L(c, v), "config.scale.invalid.%s needs 'value'", name);
      continue;
    }
    int colour = chans[i] == CH_COLOR || chans[i] == CH_FILL || chans[i] == CH_STROKE;
    if (colour ? vls_get_color(c, val, &o->color, d) == 0 : vls_get_num(c, val, &o->num, d) == 0)
      o->kind = INVO_VALUE;
  }
}
