/* Marks: one pass over a unit's prepared rows, emitting scene items with
 * roles "mark.<type>".  Positions come from the shared scales. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "data/numfmt.h"
#include "data/timefmt.h"
#include "chart/projection.h"
#include "chart/vl.h"

static const char *const roles[MK_LAST] = {"mark.bar", "mark.line", "mark.area", "mark.point", "mark.circle",
                                           "mark.square", "mark.rule", "mark.tick", "mark.rect", "mark.text",
                                           "mark.arc", "mark.geoshape"};

typedef struct env {
  chart *c;
  vl_ctx *lc;
  vl_unit *u;
  const vl_scales *sc;
  vl_mark_peers peers;
  double px, py, pw, ph;
  int col[CH_LAST];
  expr **cond[CH_LAST]; /* compiled condition tests per channel */
  expr_scratch scratch;
} env;

static cell *cval(env *e, cell *row, int k) { return e->col[k] >= 0 ? &row[e->col[k]] : NULL; }

static double pos_raw(env *e, int k, cell *row);

/* Position (relative to the plot) of channel k (x/x2/y/y2/xOffset/...) for
 * a row, with the mark's xOffset/x2Offset/yOffset/y2Offset px added. */
static double pos(env *e, int k, cell *row) {
  double p = pos_raw(e, k, row);
  int o = k == CH_X ? 0 : k == CH_X2 ? 1 : k == CH_Y ? 2 : k == CH_Y2 ? 3 : -1;
  return o >= 0 && !isnan(e->u->mark.off[o]) ? p + e->u->mark.off[o] : p;
}

static double pos_raw(env *e, int k, cell *row) {
  int slot = k == CH_X2 ? CH_X : k == CH_Y2 ? CH_Y : k;
  const vl_channel *ch = &e->u->ch[k];
  const vscale *s = e->sc->s[slot];
  if (!ch->on) return NAN;
  if (ch->geo == 1) { /* longitude/latitude: the projection places it */
    double lon, lat, x, y;
    if (!e->peers.geo || vl_geo_lonlat(e->u, row, k == CH_X2 || k == CH_Y2, &lon, &lat) ||
        geo_project(e->peers.geo, lon, lat, &x, &y))
      return NAN;
    return slot == CH_X ? x : y;
  }
  if (ch->has_value && !ch->field) {
    if (ch->value.type == EXPR_NUM) return ch->value.num;
    if (ch->value.type == EXPR_STR && !strcmp(ch->value.str, "width")) return e->pw;
    if (ch->value.type == EXPR_STR && !strcmp(ch->value.str, "height")) return e->ph;
    return NAN;
  }
  if (!s) return NAN;
  const cell *v = ch->has_datum && !ch->field ? &ch->datum : cval(e, row, k);
  if (!v) return NAN;
  if (s->disc) return vl_scale_key(s, vl_cell_key(e->c, ch, v, e->lc->a)); /* null: its category */
  double p = cell_is_null(v) ? NAN : vl_scale(s, v);
  return isnan(p) ? vl_invalid_show(e->c, e->u, k, s) : p;
}

/* chart_mark_at: the first mark of a row whose fields hold the probe's
 * values takes the anchor (px, py) relative to the plot. */
static void probe_row(env *e, cell *row, double px, double py) {
  chart_probe *p = e->lc->stage ? e->lc->stage->probe : NULL;
  if (!p || p->found || !isfinite(px) || !isfinite(py)) return;
  for (int i = 0; i < p->n; i++) {
    int k = dtable_col(e->u->data, p->fields[i]);
    if (k < 0) return;
    const cell *v = &row[k];
    char *end;
    double want = strtod(p->values[i], &end);
    int as_num = v->type == EXPR_NUM && end != p->values[i] && !*end;
    if (as_num ? v->num != want : strcmp(cell_string(v, e->lc->a), p->values[i]) != 0) return;
  }
  p->found = 1;
  p->x = e->px + px;
  p->y = e->py + py;
}

static double baseline(const vscale *s) {
  if (!s || s->disc) return NAN;
  double z = 0;
  double lo = s->d0 < s->d1 ? s->d0 : s->d1, hi = s->d0 < s->d1 ? s->d1 : s->d0;
  if (s->type == SCL_LOG) z = lo;
  if (z < lo) z = lo;
  if (z > hi) z = hi;
  return vl_scale_num(s, z);
}

static double luminance(uint32_t c) {
  double r = ((c >> 24) & 0xff) / 255.0, g = ((c >> 16) & 0xff) / 255.0, b = ((c >> 8) & 0xff) / 255.0;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

static const cell *cond_value(env *e, int k, cell *row);

/* A continuous colour, size or opacity channel's number for a row; an
 * invalid one (null, NaN) as the invalid mode shows it (vl_invalid.c):
 * zero or the domain's low end, or *fixed, config.scale.invalid's output
 * itself (else NULL).  NAN when it is not shown. */
static double cont_number(env *e, int k, const vscale *s, const cell *v, const vl_invalid_out **fixed) {
  *fixed = NULL;
  double num = cell_is_null(v) ? NAN : s->temporal ? vl_time_value(v) : cell_number(v);
  if (!isnan(num)) return num;
  const vl_invalid_out *out;
  int how = vl_invalid_output(e->c, e->u, k, s, &num, &out);
  if (how == INVO_VALUE) *fixed = out;
  return how == INVO_ZERO_OR_MIN ? num : NAN;
}

static uint32_t row_color(env *e, cell *row, int *has) {
  static const int cks[] = {CH_COLOR, CH_FILL, CH_STROKE};
  uint32_t story;
  if (vl_story_color(e->c, e->u, e->col, row, e->lc->a, &story)) return *has = 1, story;
  for (int i = 0; i < 3; i++) {
    const vl_channel *ch = &e->u->ch[cks[i]];
    if (!ch->on) continue;
    const cell *cv = cond_value(e, cks[i], row);
    uint32_t ccol;
    if (cv && cv->type == EXPR_STR && keys_parse_color(cv->str, &ccol) == 0) {
      *has = 1;
      return ccol;
    }
    if (ch->has_value && !ch->field) {
      uint32_t col;
      if (ch->value.type == EXPR_STR && keys_parse_color(ch->value.str, &col) == 0) {
        *has = 1;
        return col;
      }
      continue;
    }
    const vscale *s = e->sc->s[cks[i]];
    const cell *v = ch->has_datum && !ch->field ? &ch->datum : cval(e, row, cks[i]);
    uint32_t raw;
    if (ch->scale_null && v && v->type == EXPR_STR && keys_parse_color(v->str, &raw) == 0) {
      *has = 1; /* scale: null: the data holds the colours themselves */
      return raw;
    }
    if (!s || !v) continue;
    *has = 1;
    if (s->disc) return vl_scale_color_key(s, vl_cell_key(e->c, ch, v, e->lc->a), NAN);
    const vl_invalid_out *fixed;
    double num = cont_number(e, cks[i], s, v, &fixed);
    return fixed ? fixed->color : vl_scale_color_key(s, "", num);
  }
  *has = 0;
  const vl_mark *m = &e->u->mark;
  if (m->fill & 0xff) return m->fill;
  if (m->color & 0xff) return m->color;
  if (m->stroke & 0xff) return m->stroke;
  return vl_default_color(e->c);
}

/* condition: the value of the first test that holds for this row, else NULL */
static const cell *cond_value(env *e, int k, cell *row) {
  const vl_channel *ch = &e->u->ch[k];
  if (!ch->ncond || !e->cond[k]) return NULL;
  dtable *t = e->u->data;
  dtable_rowref ref = {t, (int)((row - t->cells) / t->capcols)};
  for (int i = 0; i < ch->ncond; i++) {
    if (!e->cond[k][i]) continue;
    expr_value out;
    e->scratch.used = 0;
    if (expr_eval(e->cond[k][i], &ref, dtable_lookup, &e->scratch, &out) == 0 && expr_truthy(&out))
      return &ch->cond_value[i];
  }
  return NULL;
}

/* Numeric ranges shared by opacity and size: scale.range (a list) replaces
 * the default [*lo, *hi]; discrete and threshold scales step through it.
 * Returns 1 with *out set, or 0 for a continuous scale (caller interpolates). */
static int range_stepped(const vscale *s, const spec_node *r, const char *key, double num, double *lo, double *hi,
                         double *out) {
  if (r && r->kind == SPEC_SEQ && r->n >= 2) {
    cell a = cell_from_node(r->items[0]), b = cell_from_node(r->items[r->n - 1]);
    *lo = cell_number(&a);
    *hi = cell_number(&b);
  }
  if (s->disc) {
    int i = vl_scale_cat(s, key);
    *out = s->ncats > 1 ? *lo + (*hi - *lo) * i / (s->ncats - 1) : *hi;
    return 1;
  }
  if (s->nthresh > 0) {
    *out = *lo + (*hi - *lo) * vl_scale_bin(s, num) / s->nthresh;
    return 1;
  }
  return 0;
}

double vl_opacity_map(const vscale *s, const char *key, double num) {
  const spec_node *r = s->ch ? s->ch->scale.range : NULL;
  double lo = 0.3, hi = 1;
  if (s->ch && !isnan(s->ch->scale.range_min)) lo = s->ch->scale.range_min; /* rangeMin, rangeMax */
  if (s->ch && !isnan(s->ch->scale.range_max)) hi = s->ch->scale.range_max;
  double stepped;
  if (range_stepped(s, r, key, num, &lo, &hi, &stepped)) return stepped;
  return lo + (hi - lo) * vl_scale_t(s, num);
}

static double row_opacity(env *e, cell *row) {
  const vl_channel *ch = &e->u->ch[CH_OPACITY];
  double o = isnan(e->u->mark.opacity) ? 1 : e->u->mark.opacity;
  if (!ch->on) return o;
  const cell *cv = cond_value(e, CH_OPACITY, row);
  if (cv) return cell_number(cv);
  if (ch->has_value && ch->value.type == EXPR_NUM) return ch->value.num;
  const vscale *s = e->sc->s[CH_OPACITY];
  const cell *v = cval(e, row, CH_OPACITY);
  if (!s || !v) return o;
  if (s->disc) return vl_opacity_map(s, vl_cell_key(e->c, ch, v, e->lc->a), NAN);
  const vl_invalid_out *fixed;
  double num = cont_number(e, CH_OPACITY, s, v, &fixed);
  return fixed ? fixed->num : vl_opacity_map(s, "", num);
}

/* The size a value maps to (area for points, px for bars/ticks/lines, font px for text). */
double vl_size_map(const vl_unit *u, const vscale *s, const char *key, double num) {
  const vl_channel *ch = &u->ch[CH_SIZE];
  const spec_node *r = ch->scale.range;
  int mt = u->mark.type;
  double lo = 12, hi = 400;
  if (mt == MK_BAR || mt == MK_TICK) lo = 2, hi = 30;
  if (mt == MK_TEXT) lo = 9, hi = 28;
  if (mt == MK_LINE || mt == MK_RULE) lo = 1, hi = 6;
  if (s->vl_step > 0) { /* a standalone spec: Vega-Lite's config.scale min/maxSize and the rest */
    double st = s->vl_step;
    lo = 4, hi = pow(0.95 * st, 2); /* points: config.scale.minSize 4, 95% of a step across at most */
    if (mt == MK_BAR || mt == MK_TICK) lo = 2, hi = st - 1;
    if (mt == MK_TEXT) lo = 8, hi = 40;
    if (mt == MK_LINE || mt == MK_RULE) lo = 1, hi = 4;
  }
  const vl_channel *sch = s->ch ? s->ch : ch;
  if (!isnan(sch->scale.range_min)) lo = sch->scale.range_min; /* rangeMin, rangeMax */
  if (!isnan(sch->scale.range_max)) hi = sch->scale.range_max;
  double stepped;
  if (range_stepped(s, r, key, num, &lo, &hi, &stepped)) return stepped;
  double t = vl_scale_t(s, num);
  if (s->type == SCL_LINEAR && s->zero) t = fabs(num) / (fabs(s->d1) > 0 ? fabs(s->d1) : 1);
  return lo * (s->zero ? 0 : 1) + t * (hi - lo * (s->zero ? 0 : 1));
}

static double row_size(env *e, cell *row, double dflt) {
  const vl_channel *ch = &e->u->ch[CH_SIZE];
  double sz = isnan(e->u->mark.size) ? dflt : e->u->mark.size;
  if (!ch->on) return sz;
  const cell *cv = cond_value(e, CH_SIZE, row);
  if (cv) return cell_number(cv);
  if (ch->has_value && ch->value.type == EXPR_NUM) return ch->value.num;
  const vscale *s = e->sc->s[CH_SIZE];
  const cell *v = cval(e, row, CH_SIZE);
  if (!s || !v) return sz;
  if (s->disc) return vl_size_map(e->u, s, vl_cell_key(e->c, ch, v, e->lc->a), NAN);
  const vl_invalid_out *fixed;
  double num = cont_number(e, CH_SIZE, s, v, &fixed);
  return fixed ? fixed->num : vl_size_map(e->u, s, "", num);
}

static int row_cat(env *e, cell *row, int k) {
  const vl_channel *ch = &e->u->ch[k];
  const vscale *s = e->sc->s[k];
  const cell *v = cval(e, row, k);
  if (!ch->on || !s || !v || !s->disc) return 0;
  int i = vl_scale_cat(s, vl_cell_key(e->c, ch, v, e->lc->a));
  return i < 0 ? 0 : i;
}

static const char *row_text(env *e, cell *row) {
  const vl_channel *ch = &e->u->ch[CH_TEXT];
  if (!ch->on) return e->u->mark.text;
  if (ch->has_value && !ch->field) return cell_string(&ch->value, e->lc->a);
  const cell *v = ch->has_datum ? &ch->datum : cval(e, row, CH_TEXT);
  if (!v || cell_is_null(v)) return NULL;
  if (ch->type == TY_T || ch->timeunit || ch->format_time) {
    if (ch->timeunit) return vl_cell_key(e->c, ch, v, e->lc->a);
    char tb[64];
    const char *tf = ch->format ? ch->format : e->c->cfg.time_format; /* config.timeFormat */
    timefmt_format(tf ? tf : "%Y-%m-%d", vl_time_value(v), tb, sizeof tb);
    return arena_strdup(e->lc->a, tb);
  }
  if (ch->type == TY_Q || v->type == EXPR_NUM) {
    double x = cell_number(v);
    if (isfinite(x)) {
      numfmt f;
      char tb[64];
      const char *nf = ch->format ? ch->format : e->c->cfg.number_format; /* config.numberFormat */
      if (!nf) { /* JavaScript's String(x), with d3's minus sign as Vega's text */
        const char *t = cell_string(v, e->lc->a);
        return x < 0 && t[0] == '-' ? arena_printf(e->lc->a, "\xE2\x88\x92%s", t + 1) : t;
      }
      numfmt_parse(nf, &f, NULL, 0);
      f.unicode_minus = 1;
      numfmt_format(&f, x, tb, sizeof tb);
      return arena_strdup(e->lc->a, tb);
    }
  }
  return cell_string(v, e->lc->a);
}

/* col with its alpha times a (a mark's fillOpacity or strokeOpacity: the
 * fill's or the stroke's alone, under the whole item's opacity; NAN: col). */
static uint32_t mark_alpha(uint32_t col, double a) {
  if (isnan(a)) return col;
  return (col & 0xffffff00u) | (uint32_t)lround((col & 0xff) * fmax(0, fmin(1, a)));
}

static sc_style fill_style(env *e, uint32_t col, double opacity) {
  sc_style st = scene_fill(mark_alpha(col, e->u->mark.fill_opacity));
  st.opacity = (float)(opacity < 0 ? 0 : opacity > 1 ? 1 : opacity);
  return st;
}

/* rectangle with the corners on one side rounded (the bar's end) */
static void bar_rect(env *e, double x0, double y0, double x1, double y1, sc_style st, double r_all, double r_end,
                     int end_side /* 0 top,1 right,2 bottom,3 left */) {
  double x = x0 < x1 ? x0 : x1, y = y0 < y1 ? y0 : y1, w = fabs(x1 - x0), h = fabs(y1 - y0);
  if (!(r_end > 0)) {
    sc_item *it = scene_rect(e->lc->sc, e->px + x, e->py + y, w, h, st, roles[MK_BAR]);
    if (r_all > 0) it->rx = r_all < w / 2 && r_all < h / 2 ? r_all : (w < h ? w : h) / 2;
    return;
  }
  double r = r_end;
  if (r > w / 2) r = w / 2;
  if (r > h / 2) r = h / 2;
  double X = e->px + x, Y = e->py + y;
  double k = 0.5523 * r;
  scene_path_begin(e->lc->sc, st, roles[MK_BAR]);
  if (end_side == 0) {
    scene_move(e->lc->sc, X, Y + h);
    scene_line(e->lc->sc, X, Y + r);
    scene_curve(e->lc->sc, X, Y + r - k, X + r - k, Y, X + r, Y);
    scene_line(e->lc->sc, X + w - r, Y);
    scene_curve(e->lc->sc, X + w - r + k, Y, X + w, Y + r - k, X + w, Y + r);
    scene_line(e->lc->sc, X + w, Y + h);
  } else if (end_side == 2) {
    scene_move(e->lc->sc, X, Y);
    scene_line(e->lc->sc, X + w, Y);
    scene_line(e->lc->sc, X + w, Y + h - r);
    scene_curve(e->lc->sc, X + w, Y + h - r + k, X + w - r + k, Y + h, X + w - r, Y + h);
    scene_line(e->lc->sc, X + r, Y + h);
    scene_curve(e->lc->sc, X + r - k, Y + h, X, Y + h - r + k, X, Y + h - r);
  } else if (end_side == 1) {
    scene_move(e->lc->sc, X, Y);
    scene_line(e->lc->sc, X + w - r, Y);
    scene_curve(e->lc->sc, X + w - r + k, Y, X + w, Y + r - k, X + w, Y + r);
    scene_line(e->lc->sc, X + w, Y + h - r);
    scene_curve(e->lc->sc, X + w, Y + h - r + k, X + w - r + k, Y + h, X + w - r, Y + h);
    scene_line(e->lc->sc, X, Y + h);
  } else {
    scene_move(e->lc->sc, X + w, Y);
    scene_line(e->lc->sc, X + w, Y + h);
    scene_line(e->lc->sc, X + r, Y + h);
    scene_curve(e->lc->sc, X + r - k, Y + h, X, Y + h - r + k, X, Y + h - r);
    scene_line(e->lc->sc, X, Y + r);
    scene_curve(e->lc->sc, X, Y + r - k, X + r - k, Y, X + r, Y);
  }
  scene_close(e->lc->sc);
  scene_path_end(e->lc->sc);
}

/* The band (centre, half width) a row occupies along a discrete/continuous dimension. */
static int band_of(env *e, int dim, cell *row, double *centre, double *half, double cont_w) {
  const vscale *s = e->sc->s[dim];
  double p = pos(e, dim, row);
  double bw = s && s->disc ? (s->bandwidth > 0 ? s->bandwidth : s->step * 0.7) : cont_w;
  if (!s && e->u->ch[dim].on == 0) { /* no field along the band (a 1-D bar): the whole view, as Vega-Lite's band 1 */
    p = (dim == CH_X ? e->pw : e->ph) / 2;
    bw = dim == CH_X ? e->pw : e->ph;
  }
  if (!isfinite(p)) return 0;
  int off = dim == CH_X ? CH_XOFF : CH_YOFF;
  const vscale *os = e->sc->s[off];
  if (e->u->ch[off].on && os && os->disc) {
    vscale tmp = *os;
    vl_scale_set_range(&tmp, 0, bw);
    const cell *v = cval(e, row, off);
    if (v) {
      double q = vl_scale_key(&tmp, vl_cell_key(e->c, &e->u->ch[off], v, e->lc->a));
      if (isfinite(q)) {
        p = p - bw / 2 + q;
        bw = tmp.bandwidth;
      }
    }
  }
  double band = e->u->mark.band_size;
  if (!isnan(band)) bw = band < 0 ? -band : bw * band;
  else if (e->u->mark.type == MK_BAR && !isnan(e->u->mark.size) && !e->u->ch[CH_SIZE].on) bw = e->u->mark.size;
  *centre = p;
  *half = bw / 2;
  return 1;
}

/* A quantitative xOffset/yOffset: Vega-Lite maps it within the band of x's
 * (y's) discrete scale, xOffset onto [0, bandwidth] from the band's start,
 * yOffset onto [bandwidth, 0] (upwards).  *at: the px of the row's value,
 * *at0: of 0 (a bar's or area's base).  0 when k has no such offset. */
static int quant_offset(env *e, int k, cell *row, double *at, double *at0) {
  int off = k == CH_X ? CH_XOFF : CH_YOFF;
  const vscale *ks = e->sc->s[k], *os = e->sc->s[off];
  if (!e->u->ch[off].on || !os || os->disc || !ks || !ks->disc) return 0;
  const cell *v = cval(e, row, off);
  double c = pos(e, k, row), bw = ks->bandwidth > 0 ? ks->bandwidth : ks->step;
  if (!v || !isfinite(c)) return 0;
  vscale in_band = *os;
  if (k == CH_X) vl_scale_set_range(&in_band, 0, bw);
  else vl_scale_set_range(&in_band, bw, 0);
  *at = c - bw / 2 + vl_scale(&in_band, v);
  *at0 = c - bw / 2 + vl_scale_num(&in_band, fmin(fmax(0, fmin(os->d0, os->d1)), fmax(os->d0, os->d1)));
  return 1;
}

/* A point's position along x or y with its offset channel: a discrete
 * xOffset/yOffset places it in the middle of its sub-band (band_of), a
 * quantitative one within the band (quant_offset). */
static double placed(env *e, int k, cell *row) {
  double a, a0, c, h;
  if (quant_offset(e, k, row, &a, &a0)) return a;
  int off = k == CH_X ? CH_XOFF : CH_YOFF;
  if (e->u->ch[off].on && e->sc->s[off] && e->sc->s[off]->disc && e->sc->s[k] && e->sc->s[k]->disc)
    return band_of(e, k, row, &c, &h, 0) ? c : NAN;
  return pos(e, k, row);
}

/* The px a mark over the time unit of row's value on channel k spans:
 * the unit (moved by its band position), its middle timeUnitBandSize
 * part; offset as the channel's own position.  0 when not a date. */
static int unit_span_px(env *e, int k, cell *row, double *a, double *b) {
  const vscale *s = e->sc->s[k];
  const cell *v = cval(e, row, k);
  if (!v || !s) return 0;
  double t = vl_time_value(v), lo, hi;
  if (!isfinite(t)) return 0;
  vl_tu_span(e->u, k, t, &lo, &hi);
  double shift = pos(e, k, row) - vl_scale_num(s, t); /* x/yOffset */
  double bs = isnan(e->u->mark.tu_band_size) ? 1 : e->u->mark.tu_band_size, f = (1 - bs) / 2;
  *a = vl_scale_num(s, lo + f * (hi - lo)) + shift;
  *b = vl_scale_num(s, hi - f * (hi - lo)) + shift;
  return isfinite(*a) && isfinite(*b);
}

/* Minimum gap between distinct continuous positions (for bars on a continuous axis). */
static double cont_width(env *e, int dim) {
  dtable *t = e->u->data;
  int n = t->nrows;
  if (n < 1) return 10;
  double *v = arena_alloc_array(e->lc->a, (size_t)n, sizeof(double));
  int k = 0;
  for (int r = 0; r < n; r++) {
    double p = pos(e, dim, dtable_row(t, r));
    if (isfinite(p)) v[k++] = p;
  }
  double best = dim == CH_X ? e->pw : e->ph;
  for (int i = 0; i < k; i++)
    for (int j = i + 1; j < k && j < i + 64; j++) {
      double d = fabs(v[i] - v[j]);
      if (d > 0.5 && d < best) best = d;
    }
  double w = best * 0.7;
  if (w > 60) w = 60;
  if (w < 1) w = 1;
  if (k == 1) w = 20;
  return w;
}

static void emit_bars(env *e, const int *mask) {
  vl_unit *u = e->u;
  dtable *t = u->data;
  int hz = u->horizontal;
  int dim = hz ? CH_Y : CH_X, val = hz ? CH_X : CH_Y, val2 = hz ? CH_X2 : CH_Y2, dim2 = hz ? CH_Y2 : CH_X2;
  const vscale *vs = e->sc->s[val];
  const vscale *ds = e->sc->s[dim];
  /* along a continuous dimension: Vega-Lite's continuousBandSize, or the
   * gap between neighbours when the field is binned or has a time unit */
  const vl_channel *dc = &u->ch[dim];
  double cw = !ds || ds->disc ? 0 : dc->bin || dc->timeunit > TU_NONE ? cont_width(e, dim) : vl_cont_band(&u->mark);
  int spans = vl_tu_spans_unit(u, dim); /* a time unit on a time scale: from the unit's start to its end */
  double base = baseline(vs);
  double r_all = isnan(u->mark.corner_radius) ? 0 : u->mark.corner_radius;
  double r_end = isnan(u->mark.corner_radius_end) ? 0 : u->mark.corner_radius_end;
  for (int r = 0; r < t->nrows; r++) {
    if (mask && !mask[r]) continue;
    cell *row = dtable_row(t, r);
    double c0, half, v0, v1;
    if ((u->ch[dim2].on || spans) && ds && !ds->disc) { /* ranged along the dimension too (rect-like) */
      double a = pos(e, dim, row), b = pos(e, dim2, row);
      if (spans && !unit_span_px(e, dim, row, &a, &b)) continue;
      c0 = (a + b) / 2;
      half = fabs(b - a) / 2;
      if (!isfinite(c0)) continue;
      double bs = isnan(u->mark.bin_spacing) ? 1 : fmax(0, u->mark.bin_spacing); /* binSpacing: px between bins */
      if (half > bs / 2 + 1) half -= bs / 2;
    } else if (!band_of(e, dim, row, &c0, &half, cw)) {
      continue;
    }
    if (u->stack_ch == val) {
      v0 = vl_scale_num(vs, row[u->c_lo].num);
      v1 = vl_scale_num(vs, row[u->c_hi].num);
    } else if (!quant_offset(e, val, row, &v1, &v0)) { /* a quantitative offset: from 0 within the band */
      v1 = pos(e, val, row);
      v0 = u->ch[val2].on ? pos(e, val2, row) : base;
      if (!vs || !u->ch[val].on) v0 = hz ? 0 : e->ph, v1 = hz ? e->pw : 0; /* no value (a layer's y is another's): across the plot */
    }
    if (!isfinite(v0) || !isfinite(v1)) continue;
    int has;
    uint32_t col = row_color(e, row, &has);
    sc_style st = fill_style(e, col, row_opacity(e, row));
    if (u->mark.stroke & 0xff) { /* stroke: the bar outlined, as Vega-Lite draws it (a print page's default) */
      st.stroke = mark_alpha(u->mark.stroke, u->mark.stroke_opacity);
      st.stroke_width = isnan(u->mark.stroke_width) ? 1 : (float)u->mark.stroke_width;
    }
    int end;
    if (hz) {
      end = v1 >= v0 ? 1 : 3;
      bar_rect(e, v0, c0 - half, v1, c0 + half, st, r_all, r_end, end);
    } else {
      end = v1 <= v0 ? 0 : 2;
      bar_rect(e, c0 - half, v0, c0 + half, v1, st, r_all, r_end, end);
    }
    probe_row(e, row, hz ? v1 : c0, hz ? c0 : v1);
  }
}

/* ---- lines and areas ---- */

typedef struct lpt {
  double x, y, y0;
  const char *g;
  double ord;
  int r;
  int brk; /* an invalid value (null, NaN) here: the line breaks, nothing drawn */
} lpt;

static int lpt_cmp(const void *a, const void *b) {
  const lpt *p = a, *q = b;
  int g = strcmp(p->g, q->g);
  if (g) return g;
  if (p->ord != q->ord) return (p->ord > q->ord) - (p->ord < q->ord);
  return p->r - q->r;
}

static void path_points(env *e, const lpt *p, int n, int interp, int hz, int first) {
  scene *sc = e->lc->sc;
#define PX(i) (e->px + p[i].x)
#define PY(i) (e->py + p[i].y)
  if (first) scene_move(sc, PX(0), PY(0));
  else scene_line(sc, PX(0), PY(0));
  if (interp == INTERP_STEP || interp == INTERP_STEP_AFTER || interp == INTERP_STEP_BEFORE) {
    for (int i = 1; i < n; i++) {
      if (interp == INTERP_STEP) {
        if (!hz) {
          double mx = (p[i - 1].x + p[i].x) / 2;
          scene_line(sc, e->px + mx, PY(i - 1));
          scene_line(sc, e->px + mx, PY(i));
        } else {
          double my = (p[i - 1].y + p[i].y) / 2;
          scene_line(sc, PX(i - 1), e->py + my);
          scene_line(sc, PX(i), e->py + my);
        }
      } else if (interp == INTERP_STEP_AFTER) {
        scene_line(sc, PX(i), PY(i - 1));
      } else {
        scene_line(sc, PX(i - 1), PY(i));
      }
      scene_line(sc, PX(i), PY(i));
    }
    return;
  }
  if (interp == INTERP_BASIS || interp == INTERP_CARDINAL) {
    double *xs = arena_alloc_array(e->lc->a, (size_t)n + 1, sizeof *xs), *ys = arena_alloc_array(e->lc->a, (size_t)n + 1, sizeof *ys);
    for (int i = 0; i < n; i++) xs[i] = PX(i), ys[i] = PY(i);
    double t = e->u->mark.tension;
    vl_curve_path(sc, xs, ys, n, interp, isnan(t) ? 0 : t);
    return;
  }
  if (interp == INTERP_MONOTONE && n > 2 && !hz) {
    /* Fritsch-Carlson monotone cubic in x */
    double *m = malloc(sizeof(double) * (size_t)n);
    double *dl = malloc(sizeof(double) * (size_t)n);
    for (int i = 0; i < n - 1; i++) {
      double dx = p[i + 1].x - p[i].x;
      dl[i] = dx != 0 ? (p[i + 1].y - p[i].y) / dx : 0;
    }
    m[0] = dl[0];
    m[n - 1] = dl[n - 2];
    for (int i = 1; i < n - 1; i++) m[i] = dl[i - 1] * dl[i] <= 0 ? 0 : (dl[i - 1] + dl[i]) / 2;
    for (int i = 0; i < n - 1; i++) {
      if (dl[i] == 0) {
        m[i] = m[i + 1] = 0;
        continue;
      }
      double a = m[i] / dl[i], b = m[i + 1] / dl[i], s = a * a + b * b;
      if (s > 9) {
        double t = 3 / sqrt(s);
        m[i] = t * a * dl[i];
        m[i + 1] = t * b * dl[i];
      }
    }
    for (int i = 0; i < n - 1; i++) {
      double h = (p[i + 1].x - p[i].x) / 3;
      scene_curve(sc, PX(i) + h, PY(i) + m[i] * h, PX(i + 1) - h, PY(i + 1) - m[i + 1] * h, PX(i + 1), PY(i + 1));
    }
    free(m);
    free(dl);
    return;
  }
  for (int i = 1; i < n; i++) scene_line(sc, PX(i), PY(i));
#undef PX
#undef PY
}

/* A line's or area's series: each unaggregated field on these channels
 * parts the rows, a quantitative one too (Vega-Lite's pathGroupingFields:
 * a line coloured by a number is one line per value). */
static const char *group_key(env *e, cell *row) {
  static const int gk[] = {CH_COLOR, CH_FILL, CH_STROKE, CH_DETAIL, CH_DASH, CH_OPACITY};
  const char *g = "";
  for (int i = 0; i < 6; i++) {
    const cell *v = cval(e, row, gk[i]);
    const vl_channel *ch = &e->u->ch[gk[i]];
    if (v && (ch->type != TY_Q || ch->agg == AG_NONE)) g = arena_printf(e->lc->a, "%s\x1f%s", g, cell_string(v, e->lc->a));
  }
  return g;
}

static void emit_points_at(env *e, const lpt *p, int n, uint32_t col, double size);

/* Thinning of very long polylines (more than THIN_PER_PX points per
 * pixel of the plot's extent along the line, e.g. a million points across
 * 1100 px).  Each maximal run of consecutive points whose position along
 * the line (x; y for horizontal lines) falls in the same column of
 * THIN_COL px is replaced by at most four of its points, in their original
 * order: the first, the one with the smallest and the one with the largest
 * value, and the last.  The path still reaches every column's full extent
 * (its real extreme points) and joins its neighbours at the same points, so
 * the stroke covers the same pixels up to a quarter pixel along the line:
 * on 200,000 points across 1100 px (PNG at 1x) 1.3 % of the bytes differ
 * from the unthinned drawing, by at most 40/255, on antialiased edges.  SVG
 * and PDF get the same thinned path (the scene is shared by every format):
 * at most 16 points per pixel column.  Not applied to dashed lines (the
 * dash phase would move), to lines with point markers, or to non-linear
 * interpolation; lines with fewer points are left exactly as they are. */
#define THIN_COL 0.25
#define THIN_PER_PX 4

static int thin_line(const lpt *p, int n, int hz, double extent, lpt **out, arena *a) {
  if (!(extent > 0) || n <= 16 || (double)n <= THIN_PER_PX * extent) return n;
  size_t cap = 4 * (size_t)(extent / THIN_COL + 4); /* 4 per column, with slack for the edges */
  if (cap > (size_t)n) cap = (size_t)n;
  lpt *o = arena_alloc_array(a, cap, sizeof *o);
  int m = 0;
  for (int i = 0; i < n;) {
    double ci = floor((hz ? p[i].y : p[i].x) / THIN_COL);
    int j = i + 1, lo = i, hi = i;
    double vlo = hz ? p[i].x : p[i].y, vhi = vlo;
    while (j < n && floor((hz ? p[j].y : p[j].x) / THIN_COL) == ci) {
      double v = hz ? p[j].x : p[j].y;
      if (v < vlo) vlo = v, lo = j;
      if (v > vhi) vhi = v, hi = j;
      j++;
    }
    int keep[4] = {i, lo < hi ? lo : hi, lo < hi ? hi : lo, j - 1}, last = -1;
    for (int k = 0; k < 4; k++) {
      if (keep[k] == last) continue;
      if ((size_t)m == cap) return n; /* columns revisited (an order channel): leave it */
      o[m++] = p[keep[k]];
      last = keep[k];
    }
    i = j;
  }
  *out = o;
  return m;
}

/* Row r as a point of a line or area along x (hz: along y); 0 when its
 * position along the line is not finite (no point). */
static int line_point(env *e, int r, int hz, lpt *out) {
  vl_unit *u = e->u;
  int dim = hz ? CH_Y : CH_X, val = hz ? CH_X : CH_Y, val2 = hz ? CH_X2 : CH_Y2;
  const vscale *vs = e->sc->s[val];
  cell *row = dtable_row(u->data, r);
  double d = pos(e, dim, row), v, v0 = baseline(vs);
  if (u->stack_ch == val) {
    v0 = vl_scale_num(vs, row[u->c_lo].num);
    v = vl_scale_num(vs, row[u->c_hi].num);
  } else if (!quant_offset(e, val, row, &v, &v0)) { /* a quantitative offset: from 0 within the band */
    v = pos(e, val, row);
    if (u->ch[val2].on) v0 = pos(e, val2, row);
  }
  if (!isfinite(d)) return 0;
  double ord = d;
  const cell *o = cval(e, row, CH_ORDER);
  if (o) ord = cell_number(o);
  int brk = !isfinite(v); /* Vega-Lite breaks lines and areas at invalid values */
  probe_row(e, row, hz ? v : d, hz ? d : v); /* read twice when collect_thinned gives up: the first match stays */
  *out = hz ? (lpt){v, d, v0, group_key(e, row), ord, r, brk} : (lpt){d, v, v0, group_key(e, row), ord, r, brk};
  return 1;
}

/* A long line's points thinned while they are read: what thin_line would
 * make of them, without first holding every point (a million of them are
 * 48 MB).  It applies when thin_line would thin the whole line as one
 * path: linear, undashed, without point markers, rows already in order, one
 * series, no breaks.  Each column's run keeps the points thin_line keeps
 * (first, lowest, highest, last), and thin_line gives the same points back
 * when it is run on them again.  -1 when it does not apply (or finds out
 * that it does not): the caller reads the rows again, as before. */
static int collect_thinned(env *e, const int *mask, int hz, lpt **out) {
  vl_unit *u = e->u;
  const dtable *t = u->data;
  double extent = hz ? e->ph : e->pw;
  if (u->mark.interpolate != INTERP_LINEAR || u->mark.ndash || u->mark.point == 1 || u->ch[CH_DASH].on ||
      vl_lines_dashed(e->c, u, e->sc->s[CH_COLOR]) || !(extent > 0) || t->nrows <= 16 ||
      (double)t->nrows <= THIN_PER_PX * extent)
    return -1;
  size_t cap = 4 * (size_t)(extent / THIN_COL + 4); /* thin_line's: past it, it leaves the line as it is */
  lpt *o = arena_alloc_array(e->lc->a, cap + 1, sizeof *o);
  lpt run[4] = {0}, p, prev = {0}; /* the column's first, lowest, highest and last point */
  size_t m = 0;
  long n = 0;
  double ci = NAN;
  for (int r = 0; r <= t->nrows; r++) {
    int have = 0;
    if (r < t->nrows) {
      if ((mask && !mask[r]) || !line_point(e, r, hz, &p)) continue;
      if (p.brk || (n && (strcmp(p.g, prev.g) || lpt_cmp(&prev, &p) > 0))) return -1;
      have = 1;
    }
    double col = have ? floor((hz ? p.y : p.x) / THIN_COL) : NAN;
    if (n && (!have || col != ci)) { /* the run ends: its points in order, each once */
      int keep[4] = {0, run[1].r < run[2].r ? 1 : 2, run[1].r < run[2].r ? 2 : 1, 3};
      for (int k = 0, last = -1; k < 4; k++) {
        if (run[keep[k]].r == last) continue;
        if (m == cap) return -1;
        o[m++] = run[keep[k]];
        last = run[keep[k]].r;
      }
    }
    if (!have) break;
    double v = hz ? p.x : p.y;
    if (!n || col != ci) run[0] = run[1] = run[2] = p, ci = col;
    if (v < (hz ? run[1].x : run[1].y)) run[1] = p;
    if (v > (hz ? run[2].x : run[2].y)) run[2] = p;
    run[3] = prev = p;
    n++;
  }
  if (n <= 16 || (double)n <= THIN_PER_PX * extent) return -1; /* thin_line would keep every point */
  *out = o;
  return (int)m;
}

/* Direct labels (vl_story.c): each colour series' name at its line's last point. */
static void line_ends(env *e, const lpt *pts, int n) {
  if (e->col[CH_COLOR] < 0) return;
  vl_line_end ends[4];
  int ne = 0;
  for (int i = 0; i < n; i++) {
    if (pts[i].brk || (i + 1 < n && !strcmp(pts[i + 1].g, pts[i].g))) continue; /* not a series' last */
    if (ne == 4) return; /* more series than direct labels serve: the legend stays */
    cell *row = dtable_row(e->u->data, pts[i].r);
    int has;
    ends[ne++] = (vl_line_end){cell_string(&row[e->col[CH_COLOR]], e->lc->a), row_color(e, row, &has),
                               e->px + pts[i].x, e->py + pts[i].y};
  }
  vl_story_line_labels(e->c, e->lc, ends, ne, e->py, e->py + e->ph);
}

static void emit_lines(env *e, const int *mask, int area) {
  vl_unit *u = e->u;
  dtable *t = u->data;
  int hz = area && u->horizontal;
  if (!area) {
    const vl_channel *x = &u->ch[CH_X], *y = &u->ch[CH_Y];
    hz = x->on && vl_is_cont(x) && y->on && !vl_is_cont(y) && u->mark.orient != 0;
    if (u->mark.orient == 1) hz = 1;
  }
  lpt *pts = NULL;
  int n = area ? -1 : collect_thinned(e, mask, hz, &pts);
  if (n < 0) {
    pts = arena_alloc_array(e->lc->a, (size_t)t->nrows + 1, sizeof *pts);
    n = 0;
    for (int r = 0; r < t->nrows; r++)
      if ((!mask || mask[r]) && line_point(e, r, hz, &pts[n])) n++;
  }
  /* Rows usually come in order already (a time series): check before
   * sorting a million points. */
  int sorted = 1;
  for (int i = 1; i < n && sorted; i++) sorted = lpt_cmp(&pts[i - 1], &pts[i]) <= 0;
  if (!sorted && n > 1) qsort(pts, (size_t)n, sizeof *pts, lpt_cmp);
  int interp = u->mark.interpolate;
  for (int i0 = 0, j0; i0 < n; i0 = j0) {
    j0 = i0;
    while (j0 < n && !strcmp(pts[j0].g, pts[i0].g)) j0++;
    /* a group's runs between breaks; a lone point between breaks is drawn
     * only as a point marker (Vega-Lite: no line, so nothing else) */
    for (int i = i0, j; i < j0; i = j) {
      while (i < j0 && pts[i].brk) i++;
      for (j = i; j < j0 && !pts[j].brk; j++) {}
      if (i >= j0) continue;
      int lone = j - i == 1 && j0 - i0 > 1;
      cell *row = dtable_row(t, pts[i].r);
      int has;
      uint32_t col = row_color(e, row, &has);
      double op = row_opacity(e, row);
      if (area) {
        sc_style st = fill_style(e, col, isnan(u->mark.opacity) && !u->ch[CH_OPACITY].on ? 0.75 : op);
        scene_path_begin(e->lc->sc, st, roles[MK_AREA]);
        path_points(e, pts + i, j - i, interp, hz, 1);
        /* back along the baseline */
        lpt *back = arena_alloc_array(e->lc->a, (size_t)(j - i), sizeof *back);
        for (int q = 0; q < j - i; q++) {
          back[q] = pts[j - 1 - q];
          if (hz) back[q].x = back[q].y0;
          else back[q].y = back[q].y0;
        }
        path_points(e, back, j - i, interp == INTERP_MONOTONE ? INTERP_LINEAR : interp, hz, 0);
        scene_close(e->lc->sc);
        scene_path_end(e->lc->sc);
        if (u->mark.line == 1) {
          sc_style ls = scene_stroke(mark_alpha(col, u->mark.stroke_opacity), 2);
          scene_path_begin(e->lc->sc, ls, roles[MK_LINE]);
          path_points(e, pts + i, j - i, interp, hz, 1);
          scene_path_end(e->lc->sc);
        }
      } else {
        double sw = isnan(u->mark.stroke_width) ? 2 : u->mark.stroke_width;
        if (u->ch[CH_SIZE].on) sw = row_size(e, row, sw);
        sc_style st = scene_stroke(mark_alpha(col, u->mark.stroke_opacity), sw);
        st.opacity = (float)op;
        st.round_cap = u->mark.stroke_cap != 0; /* round unless strokeCap: butt */
        int dk = row_cat(e, row, CH_DASH);
        static const float dashes[][2] = {{1, 0}, {6, 3}, {2, 2}, {8, 3}, {4, 4}};
        if (u->mark.ndash) {
          for (int q = 0; q < u->mark.ndash; q++) st.dash[q] = (float)u->mark.dash[q];
          st.ndash = u->mark.ndash;
        } else if (u->ch[CH_DASH].on && dk % 5) {
          st.dash[0] = dashes[dk % 5][0];
          st.dash[1] = dashes[dk % 5][1];
          st.ndash = 2;
        } else if (vl_lines_dashed(e->c, u, e->sc->s[CH_COLOR]) && row_cat(e, row, CH_COLOR) % 5) {
          int ck = row_cat(e, row, CH_COLOR) % 5; /* print: each series its own dash, not its grey alone */
          st.dash[0] = dashes[ck][0];
          st.dash[1] = dashes[ck][1];
          st.ndash = 2;
        }
        if (j - i >= 2) {
          const lpt *lp = pts + i;
          int ln = j - i;
          if (interp == INTERP_LINEAR && !st.ndash && !(u->mark.point == 1))
            ln = thin_line(pts + i, ln, hz, hz ? e->ph : e->pw, (lpt **)&lp, e->lc->a);
          scene_path_begin(e->lc->sc, st, roles[MK_LINE]);
          path_points(e, lp, ln, interp, hz, 1);
          scene_path_end(e->lc->sc);
        }
        if (u->mark.point == 1 || (j - i == 1 && !lone)) emit_points_at(e, pts + i, j - i, col, 0);
      }
    }
  }
  if (!area && e->c->story.direct_labels) line_ends(e, pts, n);
}

/* A shape's sc_mark_shape: its index in Vega-Lite's names (scene.h keeps
 * that order). */
static int named_shape(const char *s) {
  if (!s) return 0;
  static const char *const names[] = {"circle", "square",         "triangle-up",   "diamond",
                                      "triangle-down", "cross", "triangle-right", "triangle-left", NULL};
  for (int i = 0; names[i]; i++)
    if (!strcmp(names[i], s)) return i;
  if (!strcmp(s, "triangle")) return 2;
  return 0;
}

static void emit_points_at(env *e, const lpt *p, int n, uint32_t col, double size) {
  for (int i = 0; i < n; i++) {
    sc_style st = scene_fill(col);
    double sz = size > 0 ? size : 36;
    scene_circle(e->lc->sc, e->px + p[i].x, e->py + p[i].y, sqrt(sz) / 2, st, roles[MK_POINT]); /* as scene_marker */
  }
}

/* A stacked symbol sits at its stack's end, or bandPosition of the way
 * from its start (0.5: the middle, a dot plot's dots), as Vega-Lite's
 * stacked point position. */
static double stacked_point(env *e, cell *row) {
  const vl_unit *u = e->u;
  const vl_channel *ch = &u->ch[u->stack_ch];
  double b = isnan(ch->band_position) ? 1 : ch->band_position;
  double v = (1 - b) * row[u->c_lo].num + b * row[u->c_hi].num;
  const vscale *s = e->sc->s[u->stack_ch];
  return s ? vl_scale_num(s, v) : NAN;
}

/* Layers with at least this many rows put their markers into runs
 * (scene_marker_add): the same items read back, in a fraction of the
 * memory.  Smaller ones keep an item each, so tests and tools that look at
 * s->items of ordinary charts see them as before. */
#define MARKER_RUN_ROWS 1000

static void emit_points(env *e, const int *mask) {
  vl_unit *u = e->u;
  dtable *t = u->data;
  int runs = t->nrows >= MARKER_RUN_ROWS;
  int mt = u->mark.type;
  int filled = u->mark.filled >= 0 ? u->mark.filled : mt != MK_POINT;
  /* print: a colour field's categories hollow and filled in turn (before
   * hollow, after filled), so two series differ by more than their grey */
  int alt = vl_points_alternate(e->c, u, e->sc->s[CH_COLOR]);
  for (int r = 0; r < t->nrows; r++) {
    if (mask && !mask[r]) continue;
    cell *row = dtable_row(t, r);
    if (alt) filled = row_cat(e, row, CH_COLOR) % 2 == 1;
    double x = u->ch[CH_X].on ? placed(e, CH_X, row) : e->pw / 2;
    double y = u->ch[CH_Y].on ? placed(e, CH_Y, row) : e->ph / 2;
    if (u->stack_ch == CH_X || u->stack_ch == CH_Y) *(u->stack_ch == CH_X ? &x : &y) = stacked_point(e, row);
    if (!isfinite(x) || !isfinite(y)) continue;
    probe_row(e, row, x, y);
    int has;
    uint32_t col = row_color(e, row, &has);
    double sz = row_size(e, row, 30);
    int shape = mt == MK_SQUARE ? 1 : mt == MK_CIRCLE ? 0 : named_shape(u->mark.shape);
    if (u->ch[CH_SHAPE].on) {
      const cell *cv = cond_value(e, CH_SHAPE, row);
      const vl_channel *sh = &u->ch[CH_SHAPE];
      if (!cv && sh->has_value && !sh->field) cv = &sh->value;
      shape = cv ? (cv->type == EXPR_STR ? named_shape(cv->str) : 0) : row_cat(e, row, CH_SHAPE) % 6;
    }
    sc_style st;
    if (filled) {
      st = scene_fill(mark_alpha(col, u->mark.fill_opacity));
      if (u->mark.stroke & 0xff) { /* a filled symbol with its own outline */
        st.stroke = mark_alpha(u->mark.stroke, u->mark.stroke_opacity);
        st.stroke_width = isnan(u->mark.stroke_width) ? 1 : (float)u->mark.stroke_width;
      }
    } else {
      /* print's hollow points: an ink ring on the page, whatever their grey */
      uint32_t ring = alt ? e->c->cfg.ink : col;
      st = scene_stroke(mark_alpha(ring, u->mark.stroke_opacity), isnan(u->mark.stroke_width) ? 1.5 : u->mark.stroke_width);
      st.fill = alt ? e->c->background : 0xffffff00;
    }
    st.opacity = (float)row_opacity(e, row);
    if (isnan(u->mark.opacity) && !u->ch[CH_OPACITY].on && filled) st.opacity = 0.85f;
    if (runs)
      scene_marker_add(e->lc->sc, shape, e->px + x, e->py + y, sz, st, roles[mt], t->nrows - r);
    else
      scene_marker(e->lc->sc, shape, e->px + x, e->py + y, sz, st, roles[mt]);
  }
}

static void emit_rules(env *e, const int *mask) {
  vl_unit *u = e->u;
  dtable *t = u->data;
  int nrows = t->nrows;
  int datum_only = 1;
  for (int k = 0; k < CH_LAST; k++)
    if (u->ch[k].on && u->ch[k].field) datum_only = 0;
  if (datum_only && nrows > 1) nrows = 1;
  for (int r = 0; r < nrows; r++) {
    if (mask && !mask[r]) continue;
    cell *row = dtable_row(t, r);
    int hx = u->ch[CH_X].on, hy = u->ch[CH_Y].on, hx2 = u->ch[CH_X2].on, hy2 = u->ch[CH_Y2].on;
    double x0, x1, y0, y1;
    if (hx && hx2 && !hy && !hy2) { /* a ranged x alone: a horizontal rule across the middle */
      x0 = pos(e, CH_X, row), x1 = pos(e, CH_X2, row);
      y0 = y1 = e->ph / 2;
    } else if (hy && hy2 && !hx && !hx2) {
      y0 = pos(e, CH_Y, row), y1 = pos(e, CH_Y2, row);
      x0 = x1 = e->pw / 2;
    } else if (hx && !hy) {
      x0 = x1 = pos(e, CH_X, row);
      y0 = hy2 ? pos(e, CH_Y2, row) : 0;
      y1 = e->ph;
    } else if (hy && !hx) {
      y0 = y1 = pos(e, CH_Y, row);
      x0 = 0;
      x1 = hx2 ? pos(e, CH_X2, row) : e->pw;
    } else if (hx && hy && hx2 && !hy2) {
      x0 = pos(e, CH_X, row), x1 = pos(e, CH_X2, row), y0 = y1 = pos(e, CH_Y, row);
    } else if (hx && hy && hy2 && !hx2) {
      y0 = pos(e, CH_Y, row), y1 = pos(e, CH_Y2, row), x0 = x1 = pos(e, CH_X, row);
    } else if (hx && hy && !hx2 && !hy2 && e->sc->s[CH_X] && e->sc->s[CH_Y] &&
               e->sc->s[CH_X]->disc != e->sc->s[CH_Y]->disc) {
      /* one continuous, one discrete: a rule from zero, like a bar (lollipops) */
      if (!e->sc->s[CH_X]->disc) {
        x0 = baseline(e->sc->s[CH_X]), x1 = pos(e, CH_X, row);
        y0 = y1 = pos(e, CH_Y, row);
      } else {
        y0 = baseline(e->sc->s[CH_Y]), y1 = pos(e, CH_Y, row);
        x0 = x1 = pos(e, CH_X, row);
      }
    } else if (hx && hy) {
      x0 = pos(e, CH_X, row), y0 = pos(e, CH_Y, row);
      x1 = hx2 ? pos(e, CH_X2, row) : x0;
      y1 = hy2 ? pos(e, CH_Y2, row) : y0;
    } else {
      continue;
    }
    if (!isfinite(x0) || !isfinite(x1) || !isfinite(y0) || !isfinite(y1)) continue;
    int has;
    uint32_t col = row_color(e, row, &has);
    if (!has && !(u->mark.color & 0xff) && !(u->mark.stroke & 0xff)) col = e->c->cfg.ink;
    sc_style st = scene_stroke(mark_alpha(col, u->mark.stroke_opacity), isnan(u->mark.stroke_width) ? 1 : u->mark.stroke_width);
    st.opacity = (float)row_opacity(e, row);
    st.round_cap = u->mark.stroke_cap == 1;
    for (int q = 0; q < u->mark.ndash; q++) st.dash[q] = (float)u->mark.dash[q];
    st.ndash = u->mark.ndash;
    scene_path_begin(e->lc->sc, st, roles[MK_RULE]);
    scene_move(e->lc->sc, e->px + x0, e->py + y0);
    scene_line(e->lc->sc, e->px + x1, e->py + y1);
    scene_path_end(e->lc->sc);
  }
}

/* Half a tick's length across a band (band: band_of's half): the mark's
 * size, its band size ({band: f}: band_of's), else band_k of the step --
 * of a discrete offset's sub-band step when there is one. */
static double tick_half(env *e, int dim, double band, double band_k) {
  const vl_mark *m = &e->u->mark;
  if (!isnan(m->size)) return m->size / 2;
  if (!isnan(m->band_size)) return band;
  const vscale *os = e->sc->s[dim == CH_X ? CH_XOFF : CH_YOFF];
  int sub = e->u->ch[dim == CH_X ? CH_XOFF : CH_YOFF].on && os && os->disc && os->ncats > 0;
  const vscale *s = e->sc->s[dim];
  double bw = s->bandwidth > 0 ? s->bandwidth : s->step; /* the band the sub-bands divide */
  double sub_step = sub ? bw / fmax(1, os->ncats - os->pad_inner + 2 * os->pad_outer) : 0; /* d3's band step */
  return (sub ? sub_step : s->step) * band_k;
}

static void emit_ticks(env *e, const int *mask) {
  vl_unit *u = e->u;
  dtable *t = u->data;
  const vl_channel *x = &u->ch[CH_X], *y = &u->ch[CH_Y];
  int vertical = !(y->on && vl_is_cont(y) && (!x->on || !vl_is_cont(x))); /* vertical tick marks */
  if (vl_tu_spans_unit(u, CH_X) != vl_tu_spans_unit(u, CH_Y)) /* across a time unit, at the other's value */
    vertical = vl_tu_spans_unit(u, CH_Y);
  if (u->mark.orient == 0 || u->mark.orient == 1) vertical = u->mark.orient == 0; /* orient: vertical, horizontal */
  /* on a band: 3/4 of the step unless the mark's size says (a box plot's median) */
  double band_k = isnan(u->mark.size) ? 0.375 : 0;
  for (int r = 0; r < t->nrows; r++) {
    if (mask && !mask[r]) continue;
    cell *row = dtable_row(t, r);
    double c, half;
    int has;
    uint32_t col = row_color(e, row, &has);
    double th = isnan(u->mark.thickness) ? 1 : u->mark.thickness;
    sc_style st = fill_style(e, col, isnan(u->mark.opacity) ? 0.8 : u->mark.opacity);
    double s0, s1; /* over a time unit: the middle of its span */
    if (vertical) {
      double px = vl_tu_spans_unit(u, CH_X) && unit_span_px(e, CH_X, row, &s0, &s1) ? (s0 + s1) / 2 : pos(e, CH_X, row);
      if (!isfinite(px)) continue;
      if (y->on && e->sc->s[CH_Y] && e->sc->s[CH_Y]->disc) {
        if (!band_of(e, CH_Y, row, &c, &half, 0)) continue;
        half = tick_half(e, CH_Y, half, band_k);
      } else {
        c = y->on ? pos(e, CH_Y, row) : e->ph / 2;
        half = !isnan(u->mark.size) ? u->mark.size / 2 : y->on ? 9 : e->ph * band_k; /* no y: 3/4 of the view */
      }
      scene_rect(e->lc->sc, e->px + px - th / 2, e->py + c - half, th, 2 * half, st, roles[MK_TICK]);
    } else {
      double py = vl_tu_spans_unit(u, CH_Y) && unit_span_px(e, CH_Y, row, &s0, &s1) ? (s0 + s1) / 2 : pos(e, CH_Y, row);
      if (!isfinite(py)) continue;
      if (x->on && e->sc->s[CH_X] && e->sc->s[CH_X]->disc) {
        if (!band_of(e, CH_X, row, &c, &half, 0)) continue;
        half = tick_half(e, CH_X, half, band_k);
      } else {
        c = x->on ? pos(e, CH_X, row) : e->pw / 2;
        half = !isnan(u->mark.size) ? u->mark.size / 2 : x->on ? 9 : e->pw * band_k;
      }
      scene_rect(e->lc->sc, e->px + c - half, e->py + py - th / 2, 2 * half, th, st, roles[MK_TICK]);
    }
  }
}

static void emit_rects(env *e, const int *mask) {
  vl_unit *u = e->u;
  dtable *t = u->data;
  for (int r = 0; r < t->nrows; r++) {
    if (mask && !mask[r]) continue;
    cell *row = dtable_row(t, r);
    double x0, x1, y0, y1, c, h;
    const vscale *xs = e->sc->s[CH_X], *ys = e->sc->s[CH_Y];
    if (u->ch[CH_X2].on) x0 = pos(e, CH_X, row), x1 = pos(e, CH_X2, row);
    else if (xs && xs->disc) {
      if (!band_of(e, CH_X, row, &c, &h, 0)) continue;
      h = xs->step / 2;
      x0 = c - h, x1 = c + h;
    } else if (!u->ch[CH_X].on) x0 = 0, x1 = e->pw;
    else if (vl_tu_spans_unit(u, CH_X)) {
      if (!unit_span_px(e, CH_X, row, &x0, &x1)) continue;
    } else {
      double w = cont_width(e, CH_X) / 0.7;
      c = pos(e, CH_X, row);
      x0 = c - w / 2, x1 = c + w / 2;
    }
    if (u->ch[CH_Y2].on) y0 = pos(e, CH_Y, row), y1 = pos(e, CH_Y2, row);
    else if (ys && ys->disc) {
      if (!band_of(e, CH_Y, row, &c, &h, 0)) continue;
      h = ys->step / 2;
      y0 = c - h, y1 = c + h;
    } else if (!u->ch[CH_Y].on) y0 = 0, y1 = e->ph;
    else if (vl_tu_spans_unit(u, CH_Y)) {
      if (!unit_span_px(e, CH_Y, row, &y0, &y1)) continue;
    } else {
      double w = cont_width(e, CH_Y) / 0.7;
      c = pos(e, CH_Y, row);
      y0 = c - w / 2, y1 = c + w / 2;
    }
    if (!isfinite(x0) || !isfinite(x1) || !isfinite(y0) || !isfinite(y1)) continue;
    int has;
    uint32_t col = row_color(e, row, &has);
    sc_style st = fill_style(e, col, row_opacity(e, row));
    double x = x0 < x1 ? x0 : x1, y = y0 < y1 ? y0 : y1;
    sc_item *it = scene_rect(e->lc->sc, e->px + x, e->py + y, fabs(x1 - x0), fabs(y1 - y0), st, roles[MK_RECT]);
    if (!isnan(u->mark.corner_radius)) it->rx = u->mark.corner_radius;
  }
}

/* arcs: theta stacked into [0, total], angle 0 at 12 o'clock, clockwise */
static void arc_geom(env *e, cell *row, double *a0, double *a1, double *r0, double *r1, double *cx, double *cy) {
  vl_unit *u = e->u;
  const vscale *ts = e->sc->s[CH_THETA];
  *cx = e->pw / 2;
  *cy = e->ph / 2;
  double R = (e->pw < e->ph ? e->pw : e->ph) / 2;
  double lo = 0, hi = 0;
  if (u->stack_ch == CH_THETA) {
    lo = row[u->c_lo].num;
    hi = row[u->c_hi].num;
  } else if (u->ch[CH_THETA].on) {
    const cell *v = cval(e, row, CH_THETA);
    hi = v ? cell_number(v) : 0;
    const cell *v2 = cval(e, row, CH_THETA2);
    lo = v2 ? cell_number(v2) : 0;
  } else {
    hi = 1;
  }
  double d0 = ts ? ts->d0 : 0, d1 = ts ? ts->d1 : 1;
  double span = d1 - d0 > 0 ? d1 - d0 : 1;
  double t0 = 0, t1 = 2 * M_PI; /* scale.range [start, end] in radians (the pyramid pie starts at 3π/4) */
  const spec_node *tr = u->ch[CH_THETA].scale.range;
  if (tr && tr->kind == SPEC_SEQ && tr->n == 2 && spec_is_number(tr->items[0]) && spec_is_number(tr->items[1])) {
    t0 = atof(tr->items[0]->str);
    t1 = atof(tr->items[1]->str);
  }
  *a0 = t0 + (lo - d0) / span * (t1 - t0);
  *a1 = t0 + (hi - d0) / span * (t1 - t0);
  if (ts && ts->disc && ts->ncats > 0 && u->stack_ch != CH_THETA) { /* ordinal theta: equal sectors, in order */
    const cell *v = cval(e, row, CH_THETA);
    int i = v ? vl_scale_cat(ts, vl_cell_key(e->c, &u->ch[CH_THETA], v, e->lc->a)) : -1;
    *a0 = i < 0 ? NAN : 2 * M_PI * i / ts->ncats;
    *a1 = i < 0 ? NAN : 2 * M_PI * (i + 1) / ts->ncats;
  }
  if (!isnan(u->mark.theta_offset)) *a0 += u->mark.theta_offset, *a1 += u->mark.theta_offset;
  double outer = !isnan(u->mark.outer_radius) ? u->mark.outer_radius : !isnan(u->mark.radius) ? u->mark.radius : R;
  if (outer > R) outer = R;
  if (u->ch[CH_RADIUS].on && e->sc->s[CH_RADIUS]) {
    const vscale *rs = e->sc->s[CH_RADIUS];
    const cell *v = cval(e, row, CH_RADIUS);
    if (v) {
      vscale tmp = *rs;
      double inner = isnan(u->mark.inner_radius) ? 0 : u->mark.inner_radius;
      const vl_channel *rc = rs->ch ? rs->ch : &u->ch[CH_RADIUS];
      tmp.r0 = !isnan(rc->scale.range_min) ? rc->scale.range_min : inner; /* rangeMin, rangeMax */
      tmp.r1 = !isnan(rc->scale.range_max) ? rc->scale.range_max : R;
      outer = vl_scale_num(&tmp, cell_number(v));
    }
  }
  *r1 = outer;
  *r0 = isnan(u->mark.inner_radius) ? 0 : u->mark.inner_radius;
}

static void emit_arcs(env *e, const int *mask) {
  vl_unit *u = e->u;
  dtable *t = u->data;
  for (int r = 0; r < t->nrows; r++) {
    if (mask && !mask[r]) continue;
    cell *row = dtable_row(t, r);
    double a0, a1, r0, r1, cx, cy;
    arc_geom(e, row, &a0, &a1, &r0, &r1, &cx, &cy);
    if (!isfinite(a0) || !isfinite(a1) || a1 - a0 <= 1e-9 || !(r1 > 0)) continue;
    double pad = isnan(u->mark.pad_angle) ? 0 : u->mark.pad_angle;
    int has;
    uint32_t col = row_color(e, row, &has);
    sc_style st = fill_style(e, col, row_opacity(e, row));
    st.stroke = (u->mark.stroke & 0xff) ? u->mark.stroke : (e->c->background & 0xff) ? e->c->background : 0xffffffff;
    st.stroke_width = isnan(u->mark.stroke_width) ? 1.5f : (float)u->mark.stroke_width;
    double s0 = a0 + pad / 2 - M_PI / 2, s1 = a1 - pad / 2 - M_PI / 2;
    double X = e->px + cx, Y = e->py + cy;
    scene_path_begin(e->lc->sc, st, roles[MK_ARC]);
    if (r0 > 0) {
      scene_move(e->lc->sc, X + r1 * cos(s0), Y + r1 * sin(s0));
      scene_arc(e->lc->sc, X, Y, r1, s0, s1);
      scene_line(e->lc->sc, X + r0 * cos(s1), Y + r0 * sin(s1));
      /* back along the inner edge: an arc from s1 to s0 drawn as its mirror */
      int nseg = (int)ceil((s1 - s0) / (M_PI / 16)) + 1;
      for (int k = 1; k <= nseg; k++) {
        double a = s1 - (s1 - s0) * k / nseg;
        scene_line(e->lc->sc, X + r0 * cos(a), Y + r0 * sin(a));
      }
    } else {
      scene_move(e->lc->sc, X, Y);
      scene_arc(e->lc->sc, X, Y, r1, s0, s1);
    }
    scene_close(e->lc->sc);
    scene_path_end(e->lc->sc);
  }
}

/* The fill of the bar/rect/arc a text label sits on (the peer layer's
 * colour encoding read from the text's own row). */
static uint32_t under_fill(env *e, cell *row, uint32_t own, int own_field) {
  const vl_unit *p = e->peers.bar_peer;
  if (!p) return own_field ? own : vl_default_color(e->c);
  const vl_scales *ps = e->peers.peer_sc ? e->peers.peer_sc : e->sc;
  static const int cks[] = {CH_COLOR, CH_FILL};
  for (int i = 0; i < 2; i++) {
    const vl_channel *ch = &p->ch[cks[i]];
    if (!ch->on) continue;
    uint32_t col;
    if (ch->has_value && !ch->field && ch->value.type == EXPR_STR && keys_parse_color(ch->value.str, &col) == 0)
      return col;
    const vscale *s = ps->s[cks[i]];
    if (!s) continue;
    int c = ch->col_name ? dtable_col(e->u->data, ch->col_name) : -1;
    if (c < 0 && ch->field) c = dtable_col(e->u->data, ch->field);
    if (c < 0) return own_field ? own : vl_default_color(e->c);
    const cell *v = &row[c];
    if (s->disc) return vl_scale_color_key(s, vl_cell_key(e->c, ch, v, e->lc->a), NAN);
    return vl_scale_color_key(s, "", s->temporal ? vl_time_value(v) : cell_number(v));
  }
  if (p->mark.fill & 0xff) return p->mark.fill;
  if (p->mark.color & 0xff) return p->mark.color;
  return vl_default_color(e->c);
}

static uint32_t contrast_ink(env *e, uint32_t under) {
  return luminance(under) < 0.5 ? 0xffffffff : e->c->cfg.ink;
}

/* text: explicit position, or on bars (outside when it fits, else inside with contrast) */
/* A text's {expr} properties for one row (MX_*): align and baseline as
 * their enum index, dx and dy as numbers; unchanged where there is none. */
static void text_exprs(env *e, expr *const *xp, cell *row, int *align, int *base, double *dx, double *dy) {
  dtable *t = e->u->data;
  dtable_rowref ref = {t, (int)((row - t->cells) / t->capcols)};
  for (int k = 0; k < 4; k++) {
    expr_value out;
    e->scratch.used = 0;
    if (!xp[k] || expr_eval(xp[k], &ref, dtable_lookup, &e->scratch, &out) != 0) continue;
    if (k == MX_DX || k == MX_DY) {
      double v = expr_to_number(&out);
      if (isfinite(v)) *(k == MX_DX ? dx : dy) = v;
      continue;
    }
    if (out.type != EXPR_STR) continue;
    static const char *const al[] = {"left", "center", "right"}, *const bl[] = {"top", "middle", "bottom"};
    for (int i = 0; i < 3; i++)
      if (!strcmp(out.str, k == MX_ALIGN ? al[i] : bl[i])) *(k == MX_ALIGN ? align : base) = i;
  }
}

static void emit_texts(env *e, const int *mask) {
  vl_unit *u = e->u;
  dtable *t = u->data;
  vl_mark *m = &u->mark;
  double fs = isnan(m->font_size) ? e->c->cfg.label_size : m->font_size;
  expr *xp[4] = {0}; /* checked when parsed */
  for (int k = 0; k < 4; k++)
    if (m->xexpr[k]) xp[k] = expr_compile_env(m->xexpr[k], strlen(m->xexpr[k]), &e->c->env, NULL, 0, NULL);
  int explicit_place = m->align >= 0 || m->baseline >= 0 || !isnan(m->dx) || !isnan(m->dy) || xp[0] || xp[1] ||
                       xp[2] || xp[3];
  const vscale *xs = e->sc->s[CH_X], *ys = e->sc->s[CH_Y];
  int vbar = ys && !ys->disc && u->ch[CH_Y].type == TY_Q && xs && xs->disc;
  int hbar = xs && !xs->disc && u->ch[CH_X].type == TY_Q && ys && ys->disc;
  int arc = u->ch[CH_THETA].on;
  for (int r = 0; r < t->nrows; r++) {
    if (mask && !mask[r]) continue;
    cell *row = dtable_row(t, r);
    const char *s = row_text(e, row);
    if (!s || !*s) continue;
    int has;
    uint32_t col = row_color(e, row, &has);
    const vl_channel *cc = &u->ch[CH_COLOR];
    int explicit_ink = (m->color & 0xff) || (m->fill & 0xff) || (cc->on && !cc->field && has);
    int field_ink = has && !explicit_ink;
    uint32_t ink = has || (m->color & 0xff) || (m->fill & 0xff) ? col : e->c->cfg.ink;
    /* print: a label a field colours in a pale grey would not read on paper;
     * its text says what the grey did */
    if (e->c->cfg.print && field_ink && luminance(col) > 0.45) ink = e->c->cfg.ink;
    uint32_t under = under_fill(e, row, col, field_ink);
    int on_rect = e->peers.bar_peer && e->peers.bar_peer->mark.type == MK_RECT;
    if (on_rect && !explicit_ink) ink = contrast_ink(e, under);
    double size = u->ch[CH_SIZE].on ? row_size(e, row, fs) : fs;
    text_style st = vl_style(e->c, e->lc, size, m->font_weight, mark_alpha(ink, m->fill_opacity), m->font);
    if (!isnan(m->line_height) && m->line_height > 0 && size > 0) st.line_height = m->line_height / size;
    double tlim = !isnan(m->limit) && m->limit > 0 ? m->limit : 0; /* limit: cut with an ellipsis */
    const text_box *b = vl_text(e->c, e->lc, s, &st, tlim, 1);
    double x, y;
    int align = m->align >= 0 ? m->align : 1, base = m->baseline >= 0 ? m->baseline : 1;
    if (arc) {
      double a0, a1, r0, r1, cx, cy;
      arc_geom(e, row, &a0, &a1, &r0, &r1, &cx, &cy);
      double am = (a0 + a1) / 2 - M_PI / 2;
      double rr = !isnan(m->radius) ? m->radius : !isnan(m->radius_offset) ? r1 + m->radius_offset : (r0 + r1) / 2;
      x = cx + rr * cos(am);
      y = cy + rr * sin(am);
    } else {
      x = u->ch[CH_X].on ? pos(e, CH_X, row) : e->pw / 2;
      y = u->ch[CH_Y].on ? pos(e, CH_Y, row) : e->ph / 2;
      if (u->stack_ch == CH_Y && ys) y = vl_scale_num(ys, (row[u->c_lo].num + row[u->c_hi].num) / 2);
      if (u->stack_ch == CH_X && xs) x = vl_scale_num(xs, (row[u->c_lo].num + row[u->c_hi].num) / 2);
      double c0, half;
      if (xs && xs->disc && (u->ch[CH_XOFF].on) && band_of(e, CH_X, row, &c0, &half, 0)) x = c0;
      if (ys && ys->disc && (u->ch[CH_YOFF].on) && band_of(e, CH_Y, row, &c0, &half, 0)) y = c0;
    }
    if (!isfinite(x) || !isfinite(y)) continue;
    if (!explicit_place && u->stack_ch < 0 && !arc && (vbar || hbar)) {
      /* value label on a bar: outside if it fits in the plot, else inside */
      double base_px = baseline(vbar ? ys : xs);
      if (vbar) {
        int up = y <= base_px;
        double ny = up ? y - 4 - b->height : y + 4;
        if (ny < -2 || ny + b->height > e->ph + 2) { /* inside */
          ny = up ? y + 4 : y - 4 - b->height;
          if (!explicit_ink) {
            st.color = contrast_ink(e, under);
            b = vl_text(e->c, e->lc, s, &st, tlim, 1);
          }
        }
        sc_item *it = scene_text(e->lc->sc, b, e->px + x - b->width / 2, e->py + ny, roles[MK_TEXT]);
        (void)it;
      } else {
        int right = x >= base_px;
        double nx = right ? x + 4 : x - 4 - b->width;
        if (nx < -2 || nx + b->width > e->pw + 2) {
          nx = right ? x - 4 - b->width : x + 4;
          if (!explicit_ink) {
            st.color = contrast_ink(e, under);
            b = vl_text(e->c, e->lc, s, &st, tlim, 1);
          }
        }
        scene_text(e->lc->sc, b, e->px + nx, e->py + y - b->height / 2, roles[MK_TEXT]);
      }
      continue;
    }
    if ((u->stack_ch >= 0 || arc) && !explicit_ink) {
      int inside = !arc || (isnan(m->radius_offset) && isnan(m->radius));
      if (arc && !inside) st.color = field_ink ? col : e->c->cfg.ink;
      else st.color = contrast_ink(e, under);
      b = vl_text(e->c, e->lc, s, &st, tlim, 1);
    }
    double dx = m->dx, dy = m->dy;
    int bl = m->baseline;
    if (xp[0] || xp[1] || xp[2] || xp[3]) {
      text_exprs(e, xp, row, &align, &bl, &dx, &dy);
      if (bl >= 0) base = bl;
    }
    x += isnan(dx) ? 0 : dx;
    y += isnan(dy) ? 0 : dy;
    double tx = align == 0 ? x : align == 1 ? x - b->width / 2 : x - b->width;
    double ty = base == 0 ? y : base == 1 ? y - b->height / 2 : y - b->ascent;
    if (bl == 2) ty = y - b->height;
    sc_item *it = scene_text(e->lc->sc, b, e->px + tx, e->py + ty, roles[MK_TEXT]);
    if (!isnan(m->angle) && m->angle != 0) it->rotate = m->angle;
  }
  for (int k = 0; k < 4; k++) expr_free(xp[k]);
}

/* Each row's geometry (the shape field's, else the feature's "geometry")
 * through the plot's projection; filled by the colour, stroked by the
 * mark's stroke. */
static void emit_geoshapes(env *e, const int *mask) {
  vl_unit *u = e->u;
  dtable *t = u->data;
  int gcol = u->ch[CH_SHAPE].geo == 2 ? e->col[CH_SHAPE] : dtable_col(t, "geometry");
  if (!e->peers.geo || gcol < 0) return;
  for (int r = 0; r < t->nrows; r++) {
    if (mask && !mask[r]) continue;
    cell *row = dtable_row(t, r);
    if (row[gcol].type != EXPR_STR || !vl_geo_row_valid(u, row)) continue;
    int has;
    sc_style st = fill_style(e, row_color(e, row, &has), row_opacity(e, row));
    if (u->mark.stroke & 0xff) {
      st.stroke = mark_alpha(u->mark.stroke, u->mark.stroke_opacity);
      st.stroke_width = isnan(u->mark.stroke_width) ? 1.0f : (float)u->mark.stroke_width;
    } else if (!isnan(u->mark.stroke_width)) {
      st.stroke_width = (float)u->mark.stroke_width;
    }
    vl_geo_draw(e->lc->sc, e->peers.geo, row[gcol].str, e->px, e->py, st, u->mark.filled, roles[MK_GEOSHAPE], e->lc->a);
  }
}

void vl_marks_emit(chart *c, vl_ctx *lc, vl_unit *u, const vl_scales *sc, const vl_mark_peers *peers, double px,
                   double py, double pw, double ph, const int *rowmask) {
  env e = {c, lc, u, sc, *peers, px, py, pw, ph, {0}, {0}, {0}};
  for (int k = 0; k < CH_LAST; k++) {
    e.col[k] = u->ch[k].on && u->ch[k].col_name ? dtable_col(u->data, u->ch[k].col_name) : -1;
    if (u->ch[k].on && u->ch[k].ncond) {
      e.cond[k] = arena_alloc_array(lc->a, (size_t)u->ch[k].ncond, sizeof(expr *));
      for (int i = 0; i < u->ch[k].ncond; i++)
        e.cond[k][i] = expr_compile_env(u->ch[k].cond_test[i], strlen(u->ch[k].cond_test[i]), &c->env, NULL, 0, NULL);
    }
  }
  int clip = u->mark.clip == 1 || (u->ch[CH_X].scale.domain || u->ch[CH_Y].scale.domain);
  if (clip) scene_clip_push(lc->sc, px, py, pw, ph);
  switch (u->mark.type) {
  case MK_BAR: emit_bars(&e, rowmask); break;
  case MK_LINE: emit_lines(&e, rowmask, 0); break;
  case MK_AREA: emit_lines(&e, rowmask, 1); break;
  case MK_POINT:
  case MK_CIRCLE:
  case MK_SQUARE: emit_points(&e, rowmask); break;
  case MK_RULE: emit_rules(&e, rowmask); break;
  case MK_TICK: emit_ticks(&e, rowmask); break;
  case MK_RECT: emit_rects(&e, rowmask); break;
  case MK_TEXT: emit_texts(&e, rowmask); break;
  case MK_ARC: emit_arcs(&e, rowmask); break;
  case MK_GEOSHAPE: emit_geoshapes(&e, rowmask); break;
  }
  if (clip) scene_clip_pop(lc->sc);
  for (int k = 0; k < CH_LAST; k++)
    for (int i = 0; e.cond[k] && i < u->ch[k].ncond; i++) expr_free(e.cond[k][i]);
  free(e.scratch.buf);
}

int vl_points_alternate(const chart *c, const vl_unit *u, const vscale *color) {
  int mt = u->mark.type;
  return c->cfg.print && (mt == MK_POINT || mt == MK_CIRCLE || mt == MK_SQUARE) && u->mark.filled < 0 &&
         u->ch[CH_COLOR].on && u->ch[CH_COLOR].field && color && color->disc && !u->ch[CH_SHAPE].on;
}

int vl_lines_dashed(const chart *c, const vl_unit *u, const vscale *color) {
  return c->cfg.print && u->mark.type == MK_LINE && !u->mark.ndash && !u->ch[CH_DASH].on && u->ch[CH_COLOR].on &&
         u->ch[CH_COLOR].field && color && color->disc;
}
