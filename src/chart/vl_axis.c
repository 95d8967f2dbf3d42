/* Axes and legends: measured text only.  Band axes with long labels first
 * wrap within the band, then rotate (-45, -90), then thin. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/numfmt.h"
#include "chart/ticks.h"
#include "data/timefmt.h"
#include "chart/vl.h"
#include "spec/keys.h"

#define LABEL_PAD 6.0
#define TITLE_GAP 8.0
#define TOP_GAP 6.0 /* between a title over the axis's top end and the top label */

static double label_size(chart *c, const vl_axis_spec *ax) {
  return ax && !isnan(ax->label_font_size) ? ax->label_font_size : c->cfg.label_size;
}

/* Mostly CJK (ideographs outnumber Latin letters and digits)? */
static int has_cjk(const char *s) {
  int cjk = 0, latin = 0;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p >= 0xe3) cjk++; /* U+3000 and up: CJK punctuation, ideographs (lead bytes) */
    else if (*p < 0x80 && ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z')) latin++;
  }
  return cjk > 0 && cjk >= latin;
}

/* A band label wrapped within a band of step px, 4 px clear of its
 * neighbours, in balanced lines (no short last line when the lines could
 * be even): CJK breaks between characters (kinsoku kept by the line
 * breaker), so it takes up to 4 lines of at least three characters — two
 * a line read as a vertical column, not as a name; turning reads better
 * then — other text up to 3 lines at its spaces.  *ok = 0 when it does not
 * fit so. */
#define CJK_LINE_MIN "国国国"
static const text_box *wrap_label(chart *c, vl_ctx *lc, const char *s, const text_style *st, double step,
                                  int *ok) {
  int cjk = has_cjk(s), max_lines = cjk ? 4 : 3;
  double avail = step - 4;
  if (cjk && text_layout(lc->te, CJK_LINE_MIN, st, 0, 0, (src_loc){0}, NULL)->width > avail) {
    *ok = 0;
    return NULL;
  }
  const text_box *b = vl_text(c, lc, s, st, avail, 0);
  if (b->nlines > max_lines || b->width > avail + 2 || b->ellipsized) {
    *ok = 0;
    return b;
  }
  if (b->nlines < 2) return b;
  /* the narrowest width that keeps the line count: even lines */
  double lo = avail / b->nlines, hi = avail;
  for (int it = 0; it < 7; it++) {
    double mid = (lo + hi) / 2;
    const text_box *m = vl_text(c, lc, s, st, mid, 0);
    if (m->nlines == b->nlines && m->width <= mid + 0.5) {
      hi = mid;
      b = m;
    } else {
      lo = mid;
    }
  }
  return b;
}

/* Corners of a rotated box: returns the bounds of a label placed with its
 * anchor point (the end of the text for rotated labels) at (ax, ay). */
static void rotated_origin(const text_box *b, double deg, double ax, double ay, double *ox, double *oy,
                           double *bx0, double *by0, double *bx1, double *by1) {
  double th = deg * M_PI / 180, rx = cos(th), ry = sin(th), dx = -ry, dy = rx;
  /* anchor = origin + w*right + (h/2)*down */
  *ox = ax - b->width * rx - b->height / 2 * dx;
  *oy = ay - b->width * ry - b->height / 2 * dy;
  double xs[4] = {*ox, *ox + b->width * rx, *ox + b->height * dx, *ox + b->width * rx + b->height * dx};
  double ys[4] = {*oy, *oy + b->width * ry, *oy + b->height * dy, *oy + b->width * ry + b->height * dy};
  *bx0 = *bx1 = xs[0];
  *by0 = *by1 = ys[0];
  for (int i = 1; i < 4; i++) {
    if (xs[i] < *bx0) *bx0 = xs[i];
    if (xs[i] > *bx1) *bx1 = xs[i];
    if (ys[i] < *by0) *by0 = ys[i];
    if (ys[i] > *by1) *by1 = ys[i];
  }
}

/* Lay src's set properties over a (config.axis*, then the axis's own). */
static void axis_merge(vl_axis_spec *a, const vl_axis_spec *src) {
  vl_merge_set(a, src, vl_axis_fields, vl_naxis_fields); /* vl_spec_guides.c's table */
  if (src->tick_count > 0) a->tick_count = src->tick_count;
  if (src->format) a->format = src->format, a->format_time = src->format_time;
  if (src->ngrid_dash >= 0) {
    memcpy(a->grid_dash, src->grid_dash, sizeof a->grid_dash);
    a->ngrid_dash = src->ngrid_dash;
  }
}

/* Does config.<vl_axis_cfg_names[i]> apply to this axis?  0 axis, 1-2 X/Y,
 * 3-6 by side, 7-11 by scale kind, 12-21 X or Y and scale kind. */
static int axis_cfg_applies(int i, int horiz, int orient, const vscale *s) {
  static const int sides[] = {OR_LEFT, OR_RIGHT, OR_TOP, OR_BOTTOM};
  if (i == 0) return 1;
  if (i <= 2) return (i == 1) == horiz;
  if (i <= 6) return sides[i - 3] == orient;
  int kind = (i - 7) % 5; /* Discrete, Band, Point, Quantitative, Temporal */
  if (i >= 12 && (i < 17) != horiz) return 0;
  switch (kind) {
  case 0: return s->disc;
  case 1: return s->type == SCL_BAND;
  case 2: return s->type == SCL_POINT;
  case 3: return !s->disc && !s->temporal;
  default: return !s->disc && s->temporal;
  }
}

/* The axis as drawn: config.axis*, general to specific, under the axis's
 * own properties.  Lives in the render arena (the layout points at it). */
static const vl_axis_spec *axis_effective(chart *c, vl_ctx *lc, const vscale *s, const vl_channel *ch,
                                          int orient) {
  int horiz = orient == OR_BOTTOM || orient == OR_TOP, any = 0;
  for (int i = 0; i < VL_AXIS_CFG; i++) any |= c->cfg.axis_cfg_on[i];
  if (!any) return &ch->axis;
  vl_axis_spec *a = arena_alloc(lc->a, sizeof *a);
  *a = c->cfg.axis_cfg[0];
  for (int i = 1; i < VL_AXIS_CFG; i++)
    if (c->cfg.axis_cfg_on[i] && axis_cfg_applies(i, horiz, orient, s)) axis_merge(a, &c->cfg.axis_cfg[i]);
  axis_merge(a, &ch->axis);
  a->hidden = ch->axis.hidden;
  a->title = ch->axis.title;
  a->title_null = ch->axis.title_null;
  a->values = ch->axis.values;
  a->orient = ch->axis.orient;
  a->tick_step = ch->axis.tick_step;
  if (ch->axis.ngrid_cond) { /* a conditional gridColor: the axis's own, whole */
    a->ngrid_cond = ch->axis.ngrid_cond;
    a->grid_cond_test = ch->axis.grid_cond_test;
    a->grid_cond_color = ch->axis.grid_cond_color;
  }
  return a;
}

/* Width of the widest word of s written in an alphabet (a run between
 * spaces with no CJK: UTF-8 lead bytes below 0xE0), which wrapping cannot
 * split without a hyphen; CJK text breaks between any two characters. */
static double widest_word(chart *c, vl_ctx *lc, const char *s, const text_style *st) {
  double w = 0;
  while (*s) {
    while (*s == ' ') s++;
    const char *e = s;
    int alpha = 1;
    while (*e && *e != ' ') alpha &= (unsigned char)*e++ < 0xE0;
    if (e > s && alpha) {
      const text_box *b = vl_text(c, lc, arena_strndup(lc->a, s, (size_t)(e - s)), st, 0, 1);
      if (b->width > w) w = b->width;
    }
    s = e;
  }
  return w;
}

/* col with its alpha times op (an opacity; NAN: col as it is). */
static uint32_t fade(uint32_t col, double op) {
  if (isnan(op)) return col;
  return (col & 0xffffff00u) | (uint32_t)lround((col & 0xff) * fmax(0, fmin(1, op)));
}

/* Ticks are off in huitu's look; styling them (size, width, colour,
 * opacity) asks for them, as Vega-Lite draws them. */
static int ticks_styled(const vl_axis_spec *ax) {
  return !isnan(ax->tick_size) || !isnan(ax->tick_width) || (ax->tick_color & 0xff) || !isnan(ax->tick_opacity);
}

/* Ticks and labels' px, within minExtent and maxExtent. */
static double guide_extent(const vl_axis_spec *ax, double e) {
  if (!isnan(ax->min_extent)) e = fmax(e, ax->min_extent);
  if (!isnan(ax->max_extent)) e = fmin(e, fmax(0, ax->max_extent));
  return e;
}

static double title_gap(const vl_axis_spec *ax) { return !isnan(ax->title_padding) ? ax->title_padding : TITLE_GAP; }

static text_style axis_title_style(chart *c, vl_ctx *lc, const vl_axis_spec *ax) {
  double tsize = !isnan(ax->title_font_size) ? ax->title_font_size : c->cfg.title_size;
  uint32_t tcol = fade((ax->title_color & 0xff) ? ax->title_color : c->cfg.ink, ax->title_opacity);
  return vl_style(c, lc, tsize, ax->title_weight >= 600, tcol, ax->title_font);
}

/* A short Chinese unit title (元/月, 万人, 张, %): at most 4 characters,
 * or a slash in at most 10; Chinese reports set it level over the y
 * axis's top end, not as a column beside it. */
static int unit_title(chart *c, const char *t) {
  if (!c->lang || strncmp(c->lang, "zh", 2) || strchr(t, '\n')) return 0;
  int n = 0, slash = 0;
  for (const unsigned char *p = (const unsigned char *)t; *p; p++) {
    if ((*p & 0xc0) != 0x80 && *p != ' ') n++;
    if (*p == '/' || !strncmp((const char *)p, "\xef\xbc\x8f", 3)) slash = 1; /* / or ／ */
  }
  return n > 0 && (n <= 4 || (slash && n <= 10));
}

/* A title for an upright CJK column: an ASCII '/' turned sideways is
 * next to invisible there, the full-width ／ reads (元／月). */
static const char *vertical_slashes(vl_ctx *lc, const char *t) {
  if (!strchr(t, '/')) return t;
  size_t n = 0;
  for (const char *p = t; *p; p++) n += *p == '/' ? 3 : 1;
  char *o = arena_alloc(lc->a, n + 1), *q = o;
  for (const char *p = t; *p; p++) {
    if (*p == '/') memcpy(q, "\xef\xbc\x8f", 3), q += 3;
    else *q++ = *p;
  }
  *q = 0;
  return o;
}

/* Where the ticks go and what their labels say (lab: one 64-byte string
 * per tick): a discrete scale's categories, a continuous scale's ticks. */
static void axis_ticks(chart *c, vl_ctx *lc, const vscale *s, const vl_axis_spec *ax, double len, vl_axis_layout *al,
                       char (**lab)[64]) {
  int max = s->disc ? s->ncats : 64;
  if (ax->values && ax->values->n > max) max = ax->values->n;
  al->ticks = arena_alloc_array(lc->a, (size_t)max + 1, sizeof(double));
  al->vals = arena_alloc_array(lc->a, (size_t)max + 1, sizeof(double));
  al->labels = arena_alloc_array(lc->a, (size_t)max + 1, sizeof *al->labels);
  char(*l)[64] = arena_alloc_array(lc->a, (size_t)max + 1, 64);
  *lab = l;
  if (s->disc) {
    al->nt = s->ncats;
    for (int i = 0; i < s->ncats; i++) {
      al->vals[i] = NAN;
      al->ticks[i] = vl_scale_key(s, s->cats[i]);
      snprintf(l[i], 64, "%s", s->cats[i]);
    }
  } else {
    int n = max;
    vl_scale_ticks(c, s, ax, len, al->ticks, &n, l, lc->a);
    al->nt = n;
    memcpy(al->vals, al->ticks, (size_t)n * sizeof(double));
    for (int i = 0; i < n; i++) al->ticks[i] = vl_scale_num(s, al->ticks[i]);
  }
}

/* Every k-th label of a continuous axis, the smallest k (up to 7) whose
 * labels clear each other along it (level x labels: their half widths and
 * labelSeparation, default 6; y labels: a line, maxh, and labelSeparation);
 * 0 when none does. */
static int axis_thin_to_clear(const vl_axis_layout *al, const vl_axis_spec *ax, int horiz, double maxh) {
  double sep = !isnan(ax->label_separation) ? ax->label_separation : horiz ? 6 : 0;
  for (int k = 1; k < 8; k++) {
    int clash = 0;
    for (int i = k; i < al->nt; i += k) {
      double need = horiz ? (al->labels[i]->width + al->labels[i - k]->width) / 2 + sep : maxh + sep;
      if (fabs(al->ticks[i] - al->ticks[i - k]) < need) clash = 1;
    }
    if (!clash) return k;
  }
  return 0;
}

/* Band labels wider than their band (x, discrete, no labelAngle): 1. wrap
 * within the band when no taller than turning them would be (CJK set up
 * to 2 px smaller rather than turned), else 2. turn them 45 degrees, else
 * 3. 90 degrees, every n-th label when even a line is taller than the band.
 * *maxh: the labels' height when wrapped. */
static void axis_fit_band_labels(chart *c, vl_ctx *lc, const vscale *s, const vl_axis_spec *ax, vl_axis_layout *al,
                                 char (*lab)[64], const text_style *st, double lsize, int lbold, uint32_t lcol,
                                 double *maxh_io) {
  double step = s->step, maxh = *maxh_io;
  /* 1. wrap within the band (balanced lines), when no taller than
   * turning the labels would be */
  const text_box **wrapped = arena_alloc_array(lc->a, (size_t)al->nt, sizeof *wrapped);
  double turned = 0;
  for (int i = 0; i < al->nt; i++)
    turned = fmax(turned, step * sin(M_PI / 4) >= maxh + 1
                              ? (al->labels[i]->width + al->labels[i]->height) * sin(M_PI / 4)
                              : al->labels[i]->width);
  /* three CJK characters a line need 3 em + 4 px: in a narrow
   * band, set the labels up to 2 px smaller (not under 10) rather
   * than turn them */
  text_style ws = *st;
  int any_cjk = 0;
  for (int i = 0; i < al->nt; i++) any_cjk |= has_cjk(lab[i]);
  for (double sz = lsize; any_cjk && sz >= fmax(10, lsize - 2) - 1e-9; sz -= 0.5) {
    ws = vl_style(c, lc, sz, lbold, lcol, ax->label_font);
    if (text_layout(lc->te, CJK_LINE_MIN, &ws, 0, 0, (src_loc){0}, NULL)->width + 4 <= step) break;
  }
  int ok = 1;
  double wh = 0;
  for (int i = 0; ok && i < al->nt; i++) {
    text_style cs = ws;
    cs.align = TEXT_CENTER;
    wrapped[i] = wrap_label(c, lc, lab[i], &cs, step, &ok);
    if (ok && widest_word(c, lc, lab[i], &cs) > step - 4) ok = 0; /* not "gr-een": turn it */
    if (wrapped[i] && wrapped[i]->height > wh) wh = wrapped[i]->height;
  }
  if (ok && wh > turned + 0.5) ok = 0;
  if (ok) {
    for (int i = 0; i < al->nt; i++) al->labels[i] = wrapped[i];
    maxh = wh;
  } else if (step * sin(M_PI / 4) >= maxh + 1) {
    al->angle = -45; /* 2. rotate */
  } else {
    al->angle = -90;
    if (step < maxh + 1) al->thin = (int)ceil((maxh + 2) / step); /* 3. thin */
  }
  *maxh_io = maxh;
}

/* A y axis's labels taller than a band (a step set tighter than a line,
 * height: {step: 12}): every category keeps its label, in type whose ink
 * (about its size) fits the step, down to 9 px, as Vega-Lite's 10 px
 * labels fit such steps; thinned only below that.  Returns the labels'
 * width when set again (else lab_ext unchanged). */
static double axis_fit_tight_steps(chart *c, vl_ctx *lc, const vscale *s, const vl_axis_spec *ax, vl_axis_layout *al,
                                   char (*lab)[64], double lsize, int lbold, uint32_t lcol, double limit,
                                   double maxh, double lab_ext) {
  double fit = fmin(lsize, floor(s->step / 1.05 * 2) / 2);
  if (isnan(ax->label_font_size) && fit >= 9) {
    text_style small = vl_style(c, lc, fit, lbold, lcol, ax->label_font);
    double maxw = 0;
    maxh = 0;
    for (int i = 0; i < al->nt; i++) {
      al->labels[i] = vl_text(c, lc, lab[i], &small, limit, 1);
      maxw = fmax(maxw, al->labels[i]->width);
      maxh = fmax(maxh, al->labels[i]->height);
    }
    lab_ext = maxw;
    maxh = fit * 1.05;
  }
  if (s->step < maxh - 0.5) al->thin = (int)ceil(maxh / s->step);
  return lab_ext;
}

/* The axis title: level (x; a y title set to angle 0), turned (y), or
 * over the top label (a y title that is a unit: 元/月); its box and the
 * room it adds to the axis's extent. */
static void axis_title_measure(chart *c, vl_ctx *lc, const vl_axis_spec *ax, int horiz, double len, int show_labels,
                               vl_axis_layout *al) {
  text_style ts = axis_title_style(c, lc, ax);
  double gap = title_gap(ax), tlim = !isnan(ax->title_limit) && ax->title_limit > 0 ? ax->title_limit : 0;
  int set = !isnan(ax->title_angle);
  if (!horiz && !set && unit_title(c, al->title)) {
    /* 元/月 over the top label, left-aligned with the labels (right-aligned on the right) */
    al->title_mode = AXT_TOP;
    al->title_box = vl_text(c, lc, al->title, &ts, tlim, 1);
    double over = 0; /* how far the top label reaches above the plot */
    for (int i = 0; show_labels && i < al->nt; i++)
      if (al->labels[i] && !(i % al->thin) && al->ticks[i] >= -0.5 && al->ticks[i] <= len + 0.5)
        over = fmax(over, al->labels[i]->height / 2 - al->ticks[i]);
    al->title_top = al->title_box->height + TOP_GAP + over;
  } else if (set ? ax->title_angle == 0 : horiz) {
    al->title_mode = AXT_LEVEL;
    if (horiz) {
      ts.align = TEXT_CENTER;
      al->title_box = tlim > 0 ? vl_text(c, lc, al->title, &ts, tlim, 1)
                               : vl_text(c, lc, al->title, &ts, len > 40 ? len : 0, 2);
      al->extent += gap + al->title_box->height;
    } else {
      al->title_box = vl_text(c, lc, al->title, &ts, tlim, 1);
      al->extent += gap + al->title_box->width;
    }
  } else {
    al->title_mode = AXT_TURNED;
    al->title_rot = set && ax->title_angle == 90 ? 90 : -90;
    if (has_cjk(al->title)) {
      /* 竖排: upright CJK in one column, vertical punctuation forms from
       * the font's `vert` feature, Latin runs turned — not a rotated line. */
      al->title_box = text_layout_vertical_label(lc->te, vertical_slashes(lc, al->title), &ts,
                                                   spec_loc(c->doc, c->root ? c->root->node : NULL), lc->d);
      al->title_vertical = 1;
      al->extent += gap + (horiz ? al->title_box->height : al->title_box->width);
    } else {
      al->title_box = vl_text(c, lc, al->title, &ts, tlim, 1);
      al->extent += gap + (horiz ? al->title_box->width : al->title_box->height);
    }
  }
}

void vl_axis_measure(chart *c, vl_ctx *lc, const vscale *s, const vl_channel *ch, int orient, double len,
                     vl_axis_layout *al) {
  memset(al, 0, sizeof *al);
  al->orient = orient;
  al->s = s;
  const vl_axis_spec *ax = axis_effective(c, lc, s, ch, orient);
  al->ax = ax;
  al->thin = 1;
  int horiz = orient == OR_BOTTOM || orient == OR_TOP;
  char(*lab)[64];
  axis_ticks(c, lc, s, ax, len, al, &lab);
  al->grid = ax->grid >= 0 ? ax->grid : !s->disc;
  al->domain = ax->domain >= 0 ? ax->domain : s->disc;
  al->tick_marks = ax->ticks >= 0 ? ax->ticks : ticks_styled(ax);
  int show_labels = ax->labels != 0;
  double lsize = label_size(c, ax);
  uint32_t lcol = fade((ax->label_color & 0xff) ? ax->label_color : c->cfg.muted, ax->label_opacity);
  int lbold = ax->label_weight >= 600;
  text_style st = vl_style(c, lc, lsize, lbold, lcol, ax->label_font);
  double limit = !isnan(ax->label_limit) && ax->label_limit > 0 ? ax->label_limit : 180 * GUIDE_K(c);
  double maxw = 0, maxh = 0;
  if (show_labels)
    for (int i = 0; i < al->nt; i++) {
      al->labels[i] = vl_text(c, lc, lab[i], &st, limit, 1);
      if (al->labels[i]->width > maxw) maxw = al->labels[i]->width;
      if (al->labels[i]->height > maxh) maxh = al->labels[i]->height;
    }
  double tick_len = al->tick_marks ? (!isnan(ax->tick_size) ? ax->tick_size : 5) : 0;
  double pad = (!isnan(ax->label_padding) ? ax->label_padding : LABEL_PAD) + tick_len;
  double lab_ext = 0;
  if (show_labels && al->nt > 0) {
    if (horiz) {
      al->angle = !isnan(ax->label_angle) ? ax->label_angle : 0;
      if (s->disc && isnan(ax->label_angle)) {
        if (maxw > s->step - 4) axis_fit_band_labels(c, lc, s, ax, al, lab, &st, lsize, lbold, lcol, &maxh);
      } else if (!s->disc && al->nt > 1) {
        /* continuous: drop every other label until they clear each other */
        int k = axis_thin_to_clear(al, ax, 1, maxh);
        if (k) al->thin = k;
      }
      if (al->angle != 0) {
        double mx = 0;
        for (int i = 0; i < al->nt; i++) {
          double ox, oy, x0, y0, x1, y1;
          rotated_origin(al->labels[i], al->angle, 0, 0, &ox, &oy, &x0, &y0, &x1, &y1);
          if (y1 - y0 > mx) mx = y1 - y0;
        }
        lab_ext = mx;
      } else {
        lab_ext = maxh;
      }
    } else {
      lab_ext = maxw;
      if (al->nt > 1 && !s->disc) {
        int k = axis_thin_to_clear(al, ax, 0, maxh);
        if (k) al->thin = k;
      } else if (s->disc && s->step < maxh) {
        lab_ext = axis_fit_tight_steps(c, lc, s, ax, al, lab, lsize, lbold, lcol, limit, maxh, lab_ext);
      }
    }
  }
  if (ax->label_overlap == 0) al->thin = 1; /* labelOverlap: false: every label, as asked */
  if (al->thin > 1 && s->temporal && !s->disc) { /* keep the labels on days, not every "12 PM" */
    int m = 0;
    for (int i = vl_time_thin_phase(al->vals, al->nt, al->thin); i < al->nt; i += al->thin)
      al->ticks[m] = al->ticks[i], al->vals[m] = al->vals[i], al->labels[m++] = al->labels[i];
    al->nt = m;
    al->thin = 1;
  }
  al->lab_extent = guide_extent(ax, show_labels ? pad + lab_ext : tick_len);
  al->extent = (!isnan(ax->offset) ? ax->offset : 0) + al->lab_extent;
  /* a scale shared with other views: titled by this view's own channel */
  const char *stitle = ch == s->ch || !s->ch ? s->title : vl_channel_title(c, ch, lc->a);
  al->title = ax->title_null ? NULL : ax->title.s ? ax->title.s : ch->title_null ? NULL : stitle;
  if (al->title) axis_title_measure(c, lc, ax, horiz, len, show_labels, al);
}

int vl_has_cjk(const char *s) { return has_cjk(s); }
const char *vl_vertical_text(vl_ctx *lc, const char *s) { return vertical_slashes(lc, s); }

void vl_axis_title_turn(chart *c, vl_ctx *lc, vl_axis_layout *al) {
  if (al->title_mode != AXT_TOP) return;
  text_style ts = axis_title_style(c, lc, al->ax);
  al->title_mode = AXT_TURNED;
  al->title_rot = -90;
  al->title_top = 0;
  if (has_cjk(al->title)) {
    al->title_box = text_layout_vertical_label(lc->te, vertical_slashes(lc, al->title), &ts,
                                                   spec_loc(c->doc, c->root ? c->root->node : NULL), lc->d);
    al->title_vertical = 1;
    al->extent += title_gap(al->ax) + al->title_box->width;
  } else {
    al->title_box = vl_text(c, lc, al->title, &ts, 0, 1);
    al->extent += title_gap(al->ax) + al->title_box->height;
  }
}

/* A grid line's datum for gridColor's tests: value and label. */
typedef struct grid_datum {
  double value;
  const char *label;
} grid_datum;

static int grid_lookup(void *row, const char *field, size_t len, expr_value *out) {
  const grid_datum *g = row;
  if (len == 5 && !memcmp(field, "value", 5)) *out = (expr_value){.type = EXPR_NUM, .num = g->value};
  else if (len == 5 && !memcmp(field, "label", 5)) *out = (expr_value){.type = EXPR_STR, .str = g->label};
  else return -1;
  return 0;
}

/* gridColor's condition for tick i: the first test that holds, else base. */
static uint32_t grid_color(const vl_axis_layout *al, int i, expr **tests, expr_scratch *scr, uint32_t base) {
  grid_datum g = {al->vals ? al->vals[i] : NAN, al->labels[i] ? al->labels[i]->text : ""};
  for (int k = 0; k < al->ax->ngrid_cond; k++) {
    expr_value out;
    scr->used = 0;
    if (tests[k] && expr_eval(tests[k], &g, grid_lookup, scr, &out) == 0 && expr_truthy(&out))
      return al->ax->grid_cond_color[k];
  }
  return base;
}

void vl_grid_emit(chart *c, vl_ctx *lc, const vl_axis_layout *al, double px, double py, double pw, double ph) {
  if (!al->grid) return;
  uint32_t base = (al->ax->grid_color & 0xff) ? al->ax->grid_color : c->cfg.grid, col = base;
  int horiz = al->orient == OR_BOTTOM || al->orient == OR_TOP;
  double gw = !isnan(al->ax->grid_width) ? fmax(0, al->ax->grid_width) : 1, gop = al->ax->grid_opacity;
  int nc = al->ax->ngrid_cond;
  expr **tests = nc ? arena_alloc_array(lc->a, (size_t)nc, sizeof *tests) : NULL;
  for (int k = 0; k < nc; k++) /* checked when parsed */
    tests[k] = expr_compile_env(al->ax->grid_cond_test[k], strlen(al->ax->grid_cond_test[k]), &c->env, NULL, 0, NULL);
  expr_scratch scr = {0};
  for (int i = 0; i < al->nt; i++) {
    double t = al->ticks[i];
    if (!isfinite(t)) continue;
    col = fade(nc ? grid_color(al, i, tests, &scr, base) : base, gop);
    if (!al->s->disc && al->thin > 1 && i % al->thin) continue; /* grid only where there is a label */
    if (t < -0.5 || t > (horiz ? pw : ph) + 0.5) continue;
    if (al->ax->ngrid_dash > 0) { /* gridDash: a stroked, dashed line */
      sc_style st = scene_stroke(col, gw);
      for (int k = 0; k < al->ax->ngrid_dash; k++) st.dash[k] = (float)al->ax->grid_dash[k];
      st.ndash = al->ax->ngrid_dash;
      scene_path_begin(lc->sc, st, "grid");
      scene_move(lc->sc, horiz ? px + t : px, horiz ? py : py + t);
      scene_line(lc->sc, horiz ? px + t : px + pw, horiz ? py + ph : py + t);
      scene_path_end(lc->sc);
    } else if (horiz) {
      scene_rect(lc->sc, px + t - gw / 2, py, gw, ph, scene_fill(col), "grid");
    } else {
      scene_rect(lc->sc, px, py + t - gw / 2, pw, gw, scene_fill(col), "grid");
    }
  }
  for (int k = 0; k < nc; k++) expr_free(tests[k]);
  free(scr.buf);
}

void vl_axis_emit(chart *c, vl_ctx *lc, const vl_axis_layout *al, double px, double py, double pw, double ph,
                  const char *axname) {
  const vl_axis_spec *ax = al->ax;
  const char *r_label = arena_printf(lc->a, "axis.%s.label", axname);
  const char *r_tick = arena_printf(lc->a, "axis.%s.tick", axname);
  const char *r_title = arena_printf(lc->a, "axis.%s.title", axname);
  const char *r_domain = arena_printf(lc->a, "axis.%s.domain", axname);
  uint32_t dcol0 = (ax->domain_color & 0xff) ? ax->domain_color : c->cfg.domain;
  uint32_t dcol = fade(dcol0, ax->domain_opacity);
  uint32_t tcol = fade((ax->tick_color & 0xff) ? ax->tick_color : dcol0, ax->tick_opacity);
  double tick_len = al->tick_marks ? (!isnan(ax->tick_size) ? ax->tick_size : 5) : 0;
  double pad = (!isnan(ax->label_padding) ? ax->label_padding : LABEL_PAD) + tick_len;
  double dw = !isnan(ax->domain_width) ? fmax(0, ax->domain_width) : 1;
  double tw = !isnan(ax->tick_width) ? fmax(0, ax->tick_width) : 1;
  double lo = !isnan(ax->label_offset) ? ax->label_offset : 0; /* labelOffset: along the axis */
  int o = al->orient;
  if (!isnan(ax->offset) && ax->offset != 0) { /* offset: the axis moved out from the plot, its grid stays */
    double off = ax->offset;
    if (o == OR_LEFT) px -= off, pw += off;
    else if (o == OR_RIGHT) pw += off;
    else if (o == OR_TOP) py -= off, ph += off;
    else ph += off;
  }
  if (al->domain && dw > 0) {
    if (o == OR_BOTTOM) scene_rect(lc->sc, px, py + ph - dw / 2, pw, dw, scene_fill(dcol), r_domain);
    else if (o == OR_TOP) scene_rect(lc->sc, px, py - dw / 2, pw, dw, scene_fill(dcol), r_domain);
    else if (o == OR_LEFT) scene_rect(lc->sc, px - dw / 2, py, dw, ph, scene_fill(dcol), r_domain);
    else scene_rect(lc->sc, px + pw - dw / 2, py, dw, ph, scene_fill(dcol), r_domain);
  }
  double lab_ext = 0;
  for (int i = 0; i < al->nt; i++) {
    double t = al->ticks[i];
    if (!isfinite(t)) continue;
    if ((o == OR_BOTTOM || o == OR_TOP) && (t < -0.5 || t > pw + 0.5)) continue;
    if ((o == OR_LEFT || o == OR_RIGHT) && (t < -0.5 || t > ph + 0.5)) continue;
    if (tick_len > 0 && tw > 0) {
      if (o == OR_BOTTOM) scene_rect(lc->sc, px + t - tw / 2, py + ph, tw, tick_len, scene_fill(tcol), r_tick);
      else if (o == OR_TOP) scene_rect(lc->sc, px + t - tw / 2, py - tick_len, tw, tick_len, scene_fill(tcol), r_tick);
      else if (o == OR_LEFT) scene_rect(lc->sc, px - tick_len, py + t - tw / 2, tick_len, tw, scene_fill(tcol), r_tick);
      else scene_rect(lc->sc, px + pw, py + t - tw / 2, tick_len, tw, scene_fill(tcol), r_tick);
    }
    const text_box *b = al->labels[i];
    if (!b || i % al->thin) continue;
    t += lo;
    if (o == OR_BOTTOM || o == OR_TOP) {
      double ay = o == OR_BOTTOM ? py + ph + pad : py - pad;
      if (al->angle != 0) {
        double ox, oy, x0, y0, x1, y1;
        rotated_origin(b, al->angle, px + t, ay, &ox, &oy, &x0, &y0, &x1, &y1);
        /* shift so the top of the rotated label sits at the padding line */
        double sh = o == OR_BOTTOM ? ay - y0 : ay - y1;
        if (al->angle == -90 || al->angle == 90) sh = o == OR_BOTTOM ? ay - y0 : ay - y1;
        sc_item *it = scene_text(lc->sc, b, ox, oy + sh, r_label);
        it->rotate = al->angle;
        if (y1 - y0 > lab_ext) lab_ext = y1 - y0;
      } else {
        double x = px + t - b->width / 2;
        /* keep end labels inside the chart's own box */
        scene_text(lc->sc, b, x, o == OR_BOTTOM ? ay : ay - b->height, r_label);
        if (b->height > lab_ext) lab_ext = b->height;
      }
    } else {
      double y = py + t - b->height / 2;
      if (o == OR_LEFT) scene_text(lc->sc, b, px - pad - b->width, y, r_label);
      else scene_text(lc->sc, b, px + pw + pad, y, r_label);
      if (b->width > lab_ext) lab_ext = b->width;
    }
  }
  if (!al->title_box) return;
  const text_box *tb = al->title_box;
  double labx = guide_extent(ax, ax->labels != 0 && al->nt ? pad + lab_ext : tick_len);
  double off = labx + title_gap(ax), w = tb->width, h = tb->height;
  int an = ax->title_anchor; /* along the axis: start (left, bottom), end (right, top); else the middle */
  sc_item *it;
  if (al->title_mode == AXT_TOP) { /* over the top label: from the labels' left edge (to their right on the right) */
    double x = o == OR_RIGHT ? px + pw + al->lab_extent - w : px - al->lab_extent;
    scene_text(lc->sc, tb, x, py - al->title_top, r_title);
  } else if (o == OR_BOTTOM || o == OR_TOP) {
    int upright = al->title_mode == AXT_LEVEL || al->title_vertical;
    double bw = upright ? w : h, bh = upright ? h : w; /* as it lies */
    double x = an == 0 ? px : an == 2 ? px + pw - bw : px + pw / 2 - bw / 2;
    double y = o == OR_BOTTOM ? py + ph + off : py - off - bh;
    if (upright) {
      scene_text(lc->sc, tb, x, y, r_title);
    } else { /* turned about its top-left: -90 lies over [x, x+h] x [y-w, y], 90 over [x-h, x] x [y, y+w] */
      it = scene_text(lc->sc, tb, al->title_rot < 0 ? x : x + h, al->title_rot < 0 ? y + w : y, r_title);
      it->rotate = al->title_rot;
    }
  } else {
    int upright = al->title_mode == AXT_LEVEL || al->title_vertical;
    double bw = upright ? w : h, bh = upright ? h : w;
    double x = o == OR_LEFT ? px - off - bw : px + pw + off;
    double y = an == 0 ? py + ph - bh : an == 2 ? py : py + ph / 2 - bh / 2;
    if (upright) {
      scene_text(lc->sc, tb, x, y, r_title);
    } else {
      it = scene_text(lc->sc, tb, al->title_rot < 0 ? x : x + h, al->title_rot < 0 ? y + w : y, r_title);
      it->rotate = al->title_rot;
    }
  }
}

/* ---- legends ---- */

static uint32_t units_base_color(chart *c, vl_unit **units, int nunits, int slot) {
  for (int i = 0; i < nunits; i++) {
    if (!units[i]->ch[slot].on) continue;
    const vl_mark *m = &units[i]->mark;
    const vl_channel *cc = &units[i]->ch[CH_COLOR];
    uint32_t col;
    if (cc->on && cc->has_value && cc->value.type == EXPR_STR && keys_parse_color(cc->value.str, &col) == 0) return col;
    if (m->fill & 0xff) return m->fill;
    if (m->color & 0xff) return m->color;
    if (m->stroke & 0xff) return m->stroke;
    break;
  }
  return vl_default_color(c);
}

/* Legend numbers read like the axes' (vl_format_values): legend.format
 * (own: a merged legend's, the colour's under the size's), else the
 * channel's format, else the defaults (万/亿 in Chinese). */
static void legend_format(chart *c, const vscale *s, const vl_legend_spec *own, const double *v, int n,
                          char (*out)[64]) {
  const vl_channel *ch = s->ch;
  const char *fmt = own->format ? own->format : ch ? ch->format : NULL;
  int temporal = s->temporal || (own->format && own->format_time);
  if (!fmt && temporal) fmt = c->cfg.time_format; /* config.timeFormat: legends and text, not axes */
  vl_format_values(c, fmt, temporal, 0, s->type == SCL_LOG, NULL, v, n, out);
}

/* Nice legend values inside the domain (size and opacity legends). */
static int legend_values(const vscale *s, double *out, int max) {
  double tmp[64], step = 0;
  int k = ticks_linear(s->d0, s->d1, 5, tmp, 64, &step); /* Vega's legends ask for 5 */
  int n = 0;
  double eps = fabs(s->d1 - s->d0) * 1e-9;
  for (int i = 0; i < k && n < max; i++) {
    if (tmp[i] < fmin(s->d0, s->d1) - eps || tmp[i] > fmax(s->d0, s->d1) + eps) continue;
    if (s->zero && tmp[i] == 0 && s->d1 > 0) continue; /* zero area: nothing to see */
    out[n++] = tmp[i];
  }
  return n;
}

/* Whether two scale.domain settings are the same (both unset, or the same
 * values in the same order). */
static int same_domain_setting(const spec_node *a, const spec_node *b) {
  if (!a || !b) return a == b;
  if (a->kind != SPEC_SEQ || b->kind != SPEC_SEQ || a->n != b->n) return 0;
  for (int i = 0; i < a->n; i++) {
    cell x = cell_from_node(a->items[i]), y = cell_from_node(b->items[i]);
    if (cell_number(&x) != cell_number(&y) && strcmp(a->items[i]->str ? a->items[i]->str : "",
                                                     b->items[i]->str ? b->items[i]->str : ""))
      return 0;
  }
  return 1;
}

/* The colour scale a size legend merges with: Vega-Lite draws one legend
 * for scales with the same domain (the same field, aggregate and type, and
 * the same scale.domain), its entries the size scale's (Vega takes a
 * merged legend's values from its size), each coloured by the colour
 * scale; discretizing scales too (a quantize size and colour: one legend).
 * NULL when there is none or its legend is hidden. */
static const vscale *size_color_peer(const vl_scales *sc, const vscale *s) {
  static const int colours[] = {CH_COLOR, CH_FILL, CH_STROKE};
  const vl_channel *ch = s->ch;
  for (int i = 0; i < 3 && ch && ch->field; i++) {
    const vscale *o = sc->s[colours[i]];
    if (!o || !o->ch || o->ch->legend.hidden || !o->ch->field || strcmp(o->ch->field, ch->field) ||
        o->ch->agg != ch->agg || o->ch->type != ch->type || o->ch->timeunit != ch->timeunit ||
        !same_domain_setting(o->ch->scale.domain, ch->scale.domain) || o->disc != s->disc ||
        (o->disc && o->ncats != s->ncats))
      continue;
    int same = 1;
    for (int k = 0; o->disc && k < o->ncats && same; k++) same = !strcmp(o->cats[k], s->cats[k]);
    if (same) return o;
  }
  return NULL;
}

/* The legend properties config.legend, a merged colour legend and a
 * legend share, merged by vl_merge_under; title and format by hand (two
 * fields each). */
#define LF(field, kind) MRG(vl_legend_spec, field, kind)
static const vl_field legend_fields[] = {
    LF(orient, MRG_INT),          LF(columns, MRG_NZ),            LF(label_font_size, MRG_NUM),
    LF(title_font_size, MRG_NUM), LF(label_color, MRG_COLOR),     LF(title_color, MRG_COLOR),
    LF(direction, MRG_INT),       LF(symbol_size, MRG_NUM),       LF(label_limit, MRG_NUM),
    LF(symbol_stroke_width, MRG_NUM), LF(gradient_length, MRG_NUM), LF(offset, MRG_NUM),
    LF(label_opacity, MRG_NUM),   LF(title_opacity, MRG_NUM),     LF(symbol_type, MRG_INT),
    LF(type, MRG_INT),            LF(title_orient, MRG_INT),      LF(label_weight, MRG_INT),
    LF(title_weight, MRG_INT),    LF(values, MRG_PTR),            LF(label_font, MRG_PTR),
    LF(title_font, MRG_PTR),
};
#undef LF

/* Lay b under a: a's own properties win, b fills the rest (a merged
 * legend: the size's own properties, then the colour's). */
static void legend_spec_under(vl_legend_spec *a, const vl_legend_spec *b) {
  vl_merge_under(a, b, legend_fields, (int)(sizeof legend_fields / sizeof legend_fields[0]));
  if (!a->title.s && !a->title_null) a->title = b->title, a->title_null = b->title_null;
  if (!a->format) a->format = b->format, a->format_time = b->format_time;
}

/* What one legend is measured from: its merged properties and the scale,
 * the unit whose mark it shows, its label style. */
typedef struct legend_in {
  const vl_legend_spec *own, *cl; /* the legend's own properties (config.legend under them), config.legend */
  const vscale *s, *cpeer;        /* the scale; a colour scale merged into a size legend */
  const vl_unit *mu;              /* the unit whose mark the symbols show */
  int slot, is_colour;
  uint32_t base; /* the units' colour where no colour scale sets one */
  double llimit; /* label width limit */
  text_style st; /* labels */
} legend_in;

/* The symbol's shape, fill and size: from the mark (lines a stroke,
 * points a circle, the rest a square), symbolType and symbolSize (an
 * area: a circle's diameter is 2 sqrt(area / pi)). */
static void legend_symbol_style(chart *c, const legend_in *in, vl_legend_layout *lg) {
  const vl_legend_spec *own = in->own;
  const vl_unit *mu = in->mu;
  const vscale *s = in->s;
  int slot = in->slot, is_colour = in->is_colour;
  int mt = lg->mark_type;
  lg->sym_shape = (mt == MK_LINE || mt == MK_RULE || slot == CH_DASH) ? LSYM_STROKE
                  : (mt == MK_POINT || mt == MK_CIRCLE || slot == CH_SIZE) ? LSYM_CIRCLE
                                                                          : LSYM_SQUARE;
  if (lg->shape_s) lg->sym_shape = LSYM_CIRCLE;
  if (mt == MK_SQUARE) lg->sym_shape = LSYM_SQUARE;
  if (own->symbol_type >= 0 && !lg->shape_s) lg->sym_shape = own->symbol_type; /* symbolType */
  lg->filled = !(mt == MK_POINT && mu->mark.filled != 1) || lg->sym_shape == LSYM_SQUARE;
  if (lg->sym_shape == LSYM_STROKE) lg->filled = 1;
  lg->alt_filled = is_colour && lg->sym_shape != LSYM_STROKE && vl_points_alternate(c, mu, s);
  lg->alt_dash = is_colour && lg->sym_shape == LSYM_STROKE && vl_lines_dashed(c, mu, s);
  double sym0 = (lg->sym_shape == LSYM_STROKE ? 18 : 10) * GUIDE_K(c);
  if (!isnan(own->symbol_size) && own->symbol_size > 0)
    sym0 = lg->sym_shape == LSYM_STROKE ? fmax(4, sqrt(own->symbol_size) * 1.8)
                                           : sqrt(own->symbol_size); /* Vega's symbols span sqrt(size) */
  lg->sym = sym0;
}

/* A symbol legend's entries: the values (given, the categories, a
 * threshold's classes, or nice values of the domain), their labels,
 * colours, opacities and symbol sizes. */
static void legend_entries(chart *c, vl_ctx *lc, const legend_in *in, vl_legend_layout *lg) {
  const vl_legend_spec *own = in->own;
  const vscale *s = in->s, *cpeer = in->cpeer;
  const vl_channel *ch = s->ch;
  const vl_unit *mu = in->mu;
  int slot = in->slot, is_colour = in->is_colour, mt = lg->mark_type;
  uint32_t base = in->base;
  double sym0 = lg->sym;
  int n;
  double vals[16];
  char(*lab)[64] = NULL;
  const spec_node *given = own->values && !(s->nthresh > 0) ? own->values : NULL;
  if (given) { /* values: these entries, in this order */
    n = 0;
    for (int i = 0; i < given->n && n < 16; i++)
      if (given->items[i]->kind == SPEC_SCALAR) {
        cell gv = cell_from_node(given->items[i]);
        vals[n++] = s->temporal ? vl_time_value(&gv) : cell_number(&gv);
      }
  } else if (s->disc) n = s->ncats;
  else if (s->nthresh > 0) n = s->nthresh + 1;
  else n = legend_values(s, vals, 6);
  lg->n = n;
  lg->labels = arena_alloc_array(lc->a, (size_t)n + 1, sizeof *lg->labels);
  lg->ecol = arena_alloc_array(lc->a, (size_t)n + 1, sizeof *lg->ecol);
  lg->eop = arena_alloc_array(lc->a, (size_t)n + 1, sizeof *lg->eop);
  lg->esz = arena_alloc_array(lc->a, (size_t)n + 1, sizeof *lg->esz);
  lab = arena_alloc_array(lc->a, (size_t)n + 1, 64);
  char(*tl)[64] = NULL; /* thresholds, then the values, as labels */
  if (s->nthresh > 0) {
    tl = arena_alloc_array(lc->a, (size_t)s->nthresh, 64);
    if (own->format || ch->format || s->temporal) legend_format(c, s, own, s->thresholds, s->nthresh, tl);
    else vl_format_thresholds(c, s, tl);
  } else if (!s->disc) {
    legend_format(c, s, own, vals, n, lab);
  }
  for (int i = 0, gi = 0; i < n; i++) {
    const char *key = s->disc ? s->cats[i] : "";
    double num = NAN;
    if (s->disc && given) { /* the i-th scalar value, as the scale keys it */
      while (given->items[gi]->kind != SPEC_SCALAR) gi++;
      key = given->items[gi++]->str;
      snprintf(lab[i], 64, "%s", key);
    } else if (s->disc) {
      snprintf(lab[i], 64, "%s", s->cats[i]);
    } else if (s->nthresh > 0) {
      if (i == 0) snprintf(lab[i], 64, "< %s", tl[0]);
      else if (i == s->nthresh) snprintf(lab[i], 64, "≥ %s", tl[i - 1]);
      else snprintf(lab[i], 64, "%s – %s", tl[i - 1], tl[i]);
      num = i == 0 ? s->thresholds[0] - 1 : s->thresholds[i - 1];
    } else {
      num = vals[i]; /* lab[i] written above */
    }
    lg->ecol[i] = is_colour ? vl_scale_color_key(s, key, num) : cpeer ? vl_scale_color_key(cpeer, key, num) : base;
    lg->eop[i] = slot == CH_OPACITY ? vl_opacity_map(s, key, num) : 1;
    double area = slot == CH_SIZE ? vl_size_map(mu, s, key, num) : 0;
    double d = sym0;
    if (slot == CH_SIZE) {
      if (mt == MK_LINE || mt == MK_RULE) d = 18;
      else if (mt == MK_BAR || mt == MK_TICK || mt == MK_TEXT) d = area > 1 ? fmin(area, 40) : 2;
      else d = sqrt(fmax(area, 1)); /* as the marks' symbols */
    }
    lg->esz[i] = d;
    if (d > lg->sym) lg->sym = d;
  }
  double maxw = 0, rh = 0;
  for (int i = 0; i < n; i++) {
    lg->labels[i] = vl_text(c, lc, lab[i], &in->st, in->llimit, 1);
    if (lg->labels[i]->width > maxw) maxw = lg->labels[i]->width;
    if (lg->labels[i]->height > rh) rh = lg->labels[i]->height;
  }
  lg->row_h = fmax(rh, lg->sym_shape == LSYM_STROKE ? 0 : lg->sym) + 4;
  lg->w = maxw; /* the widest label, for legend_symbols_box */
}

/* A symbol legend's box: columns of entries (vertical), or entries in
 * rows as many as fit avail (horizontal), the title beside or above. */
static void legend_symbols_box(const legend_in *in, double th, double avail, vl_legend_layout *lg) {
  const vl_legend_spec *own = in->own, *cl = in->cl;
  double maxw = lg->w;
  double ew = lg->sym + 6 + maxw;
  if (lg->vertical) {
    lg->columns = own->columns > 0 ? own->columns : cl->columns > 0 ? cl->columns : 1;
    int rows = (lg->n + lg->columns - 1) / lg->columns;
    lg->w = lg->columns * ew + (lg->columns - 1) * 16;
    if (lg->title_left) lg->w += lg->title->width + 12;
    else if (lg->title && lg->title->width > lg->w) lg->w = lg->title->width;
    lg->h = fmax(th + rows * lg->row_h, lg->title_left ? lg->title->height : 0);
  } else {
    /* horizontal flow: as many per row as fit */
    double gap = 18;
    double x = 0, w = 0;
    int rows = 1;
    for (int i = 0; i < lg->n; i++) {
      double e = lg->sym + 6 + lg->labels[i]->width;
      if (x > 0 && avail > 0 && x + e > avail) {
        rows++;
        x = 0;
      }
      x += e + gap;
      if (x - gap > w) w = x - gap;
    }
    lg->columns = 0;
    double tw = lg->title ? lg->title->width + 12 : 0;
    if (rows == 1 && (avail <= 0 || tw + w <= avail) && own->title_orient != OR_TOP) {
      lg->w = tw + w;
      lg->h = lg->row_h > (lg->title ? lg->title->height : 0) ? lg->row_h : lg->title->height;
    } else {
      lg->w = w > tw ? w : tw;
      lg->h = (lg->title ? lg->title->height + 6 : 0) + rows * lg->row_h;
      lg->columns = -1; /* title above */
      lg->title_left = 0;
    }
  }
}

/* A gradient legend (a continuous colour): a ramp with labelled ticks
 * (values given, or nice values of the domain, at least its two ends),
 * the title above it. */
static void legend_gradient(chart *c, vl_ctx *lc, const legend_in *in, vl_legend_layout *lg) {
  const vl_legend_spec *own = in->own;
  const vscale *s = in->s;
  double tk[16];
  char(*lab)[64] = arena_alloc_array(lc->a, 16, 64);
  int n = 0;
  for (int i = 0; own->values && i < own->values->n && n < 16; i++) { /* values: these ticks */
    cell gv = cell_from_node(own->values->items[i]);
    double x = s->temporal ? vl_time_value(&gv) : cell_number(&gv);
    if (isfinite(x)) tk[n++] = x;
  }
  if (n == 0) n = legend_values(s, tk, 6);
  if (n < 2 && !(own->values && n == 1)) {
    n = 2;
    tk[0] = s->d0;
    tk[1] = s->d1;
  }
  legend_format(c, s, own, tk, n, lab);
  lg->ngrad = n;
  lg->n = n;
  lg->grad_ticks = arena_alloc_array(lc->a, (size_t)n + 1, sizeof(double));
  lg->labels = arena_alloc_array(lc->a, (size_t)n + 1, sizeof *lg->labels);
  double maxw = 0, lh = 0;
  for (int i = 0; i < n; i++) {
    lg->grad_ticks[i] = vl_scale_t(s, tk[i]);
    lg->labels[i] = vl_text(c, lc, lab[i], &in->st, 0, 1);
    if (lg->labels[i]->width > maxw) maxw = lg->labels[i]->width;
    lh = lg->labels[i]->height;
  }
  lg->title_left = 0; /* a ramp's title: above it */
  double th = lg->title ? lg->title->height + 6 : 0;
  lg->grad_len = !isnan(own->gradient_length) && own->gradient_length > 0 ? own->gradient_length : lg->vertical ? 140 : 160;
  if (lg->vertical) {
    lg->w = 12 + 6 + maxw;
    if (lg->title && lg->title->width > lg->w) lg->w = lg->title->width;
    lg->h = th + lg->grad_len + lh;
  } else {
    lg->w = lg->grad_len + 20 + maxw;
    if (lg->title && lg->title->width > lg->w) lg->w = lg->title->width;
    lg->h = th + 10 + 4 + lh;
  }
}

void vl_legend_measure(chart *c, vl_ctx *lc, vl_unit **units, int nunits, const vl_scales *sc, int slot,
                       double avail, vl_legend_layout *lg) {
  memset(lg, 0, sizeof *lg);
  const vscale *s = sc->s[slot];
  if (!s || !s->ch || s->ch->legend.hidden) return;
  const vl_channel *ch = s->ch;
  lg->s = s;
  lg->slot = slot;
  const vscale *cpeer = slot == CH_SIZE ? size_color_peer(sc, s) : NULL;
  vl_legend_spec own = ch->legend; /* the legend's own properties (a merged one's: the colour's under them) */
  if (cpeer) legend_spec_under(&own, &cpeer->ch->legend);
  const vl_legend_spec *cl = &c->cfg.legend; /* config.legend, under the legend's own */
  legend_spec_under(&own, cl);
  lg->orient = own.orient >= 0 ? own.orient : cl->orient >= 0 ? cl->orient : OR_RIGHT;
  lg->vertical = own.direction >= 0 ? own.direction == 0 : lg->orient == OR_LEFT || lg->orient == OR_RIGHT;
  lg->offset = own.offset;
  lg->sym_stroke = own.symbol_stroke_width;
  lg->mark_type = units[0]->mark.type;
  const vl_unit *mu = units[0];
  for (int i = 0; i < nunits; i++)
    if (units[i]->ch[slot].on) {
      lg->mark_type = units[i]->mark.type;
      mu = units[i];
      break;
    }
  int is_colour = slot == CH_COLOR || slot == CH_FILL || slot == CH_STROKE;
  if (is_colour && sc->s[CH_SHAPE] && sc->s[CH_SHAPE] != s && sc->s[CH_SHAPE]->ch->field && ch->field &&
      !strcmp(sc->s[CH_SHAPE]->ch->field, ch->field))
    lg->shape_s = sc->s[CH_SHAPE];
  if (slot == CH_SHAPE) lg->shape_s = s;
  if (slot == CH_DASH) lg->dash_s = s;
  const char *title = own.title_null ? NULL : own.title.s ? own.title.s : s->title;
  double lsize = !isnan(own.label_font_size)   ? own.label_font_size
                 : !isnan(cl->label_font_size) ? cl->label_font_size
                                               : c->cfg.legend_label_size;
  double tsize = !isnan(own.title_font_size)   ? own.title_font_size
                 : !isnan(cl->title_font_size) ? cl->title_font_size
                                               : lsize;
  uint32_t lcol = fade((own.label_color & 0xff) ? own.label_color : c->cfg.muted, own.label_opacity);
  uint32_t tcol = fade((own.title_color & 0xff) ? own.title_color : c->cfg.ink, own.title_opacity);
  if (title) {
    text_style ts = vl_style(c, lc, tsize, own.title_weight < 0 || own.title_weight >= 600, tcol, own.title_font);
    lg->title = vl_text(c, lc, title, &ts, 0, 1);
  }
  text_style st = vl_style(c, lc, lsize, own.label_weight >= 600, lcol, own.label_font);
  double llimit = !isnan(own.label_limit) && own.label_limit > 0 ? own.label_limit : 200 * GUIDE_K(c);
  legend_in in = {&own, cl, s, cpeer, mu, slot, is_colour, units_base_color(c, units, nunits, slot), llimit, st};
  legend_symbol_style(c, &in, lg);
  lg->title_left = own.title_orient == OR_LEFT;
  double th = lg->title && !lg->title_left ? lg->title->height + 6 : 0;
  int discrete = s->disc || s->nthresh > 0 || !is_colour || own.type == 0; /* type: symbol */
  if (discrete) {
    lg->kind = 1;
    legend_entries(c, lc, &in, lg);
    legend_symbols_box(&in, th, avail, lg);
  } else {
    lg->kind = 2;
    legend_gradient(c, lc, &in, lg);
  }
}

static const int legend_slots[] = {CH_COLOR, CH_FILL, CH_STROKE, CH_SHAPE, CH_DASH, CH_SIZE, CH_OPACITY};

void vl_legends_add(chart *c, vl_ctx *lc, vl_unit **units, int nunits, const vl_scales *sc, const int *skip,
                    double avail, vl_legends *L) {
  for (size_t k = 0; k < sizeof legend_slots / sizeof legend_slots[0]; k++) {
    int slot = legend_slots[k];
    const vscale *s = sc->s[slot];
    if (!s || (skip && skip[slot]) || L->n >= VL_MAX_LEGENDS) continue;
    /* one legend per field: shape/size with the colour's field merge into it */
    int dup = 0;
    for (int i = 0; i < L->n && !dup; i++) {
      const vscale *o = L->lg[i].s;
      dup = o == s || (o->ch && s->ch && o->ch->field && s->ch->field && !strcmp(o->ch->field, s->ch->field) &&
                       o->ch->agg == s->ch->agg && (slot == CH_SHAPE || slot == CH_DASH || slot == CH_FILL || slot == CH_STROKE));
    }
    if (dup) continue;
    /* size over a colour's field: the two legends are one, sized and coloured, where the colour's was */
    const vscale *cpeer = slot == CH_SIZE ? size_color_peer(sc, s) : NULL;
    int at = -1;
    for (int i = 0; cpeer && i < L->n; i++)
      if (L->lg[i].s == cpeer) at = i;
    if (at >= 0) {
      vl_legend_layout merged;
      vl_legend_measure(c, lc, units, nunits, sc, slot, avail, &merged);
      if (merged.kind) L->lg[at] = merged;
      continue;
    }
    vl_legend_measure(c, lc, units, nunits, sc, slot, avail, &L->lg[L->n]);
    if (L->lg[L->n].kind) L->n++;
  }
  L->w = L->h = 0;
  L->orient = L->n ? L->lg[0].orient : OR_RIGHT;
  L->offset = L->n ? L->lg[0].offset : NAN;
  for (int i = 0; i < L->n; i++) {
    L->w = fmax(L->w, L->lg[i].w);
    L->h += L->lg[i].h + (i ? VL_LEGEND_GAP : 0);
  }
  vl_story_unit_measure(c, lc, L);
}

static void legend_symbol(chart *c, vl_ctx *lc, const vl_legend_layout *lg, int i, double x, double cy) {
  (void)c;
  uint32_t col = lg->ecol ? lg->ecol[i] : c->cfg.muted;
  double sz = lg->esz ? lg->esz[i] : lg->sym;
  double op = lg->eop ? lg->eop[i] : 1;
  x += (lg->sym - sz) / 2; /* centre smaller symbols in the symbol column */
  /* a shape scale's entries: its shapes in order (vl_marks' shape_path's) */
  static const int by_shape[] = {LSYM_CIRCLE, LSYM_SQUARE, LSYM_TRIANGLE_UP, LSYM_DIAMOND, LSYM_TRIANGLE_DOWN, LSYM_CROSS};
  int kind = lg->shape_s ? by_shape[i % 6] : lg->sym_shape;
  if (kind == LSYM_STROKE) {
    double sw = !isnan(lg->sym_stroke) ? lg->sym_stroke : lg->slot == CH_SIZE ? fmax(1, sz / 18 * 2) : 2;
    sc_style st = scene_stroke(col, sw);
    st.opacity = (float)op;
    if (lg->dash_s || lg->alt_dash) {
      static const float dashes[][2] = {{1, 0}, {6, 3}, {2, 2}, {8, 3}, {4, 4}};
      int k = i % 5;
      if (k) {
        st.dash[0] = dashes[k][0];
        st.dash[1] = dashes[k][1];
        st.ndash = 2;
      }
    }
    scene_path_begin(lc->sc, st, "legend.symbol");
    scene_move(lc->sc, x, cy);
    scene_line(lc->sc, x + sz, cy);
    scene_path_end(lc->sc);
    return;
  }
  sc_style fs = scene_fill(col);
  fs.opacity = (float)op;
  if (c->cfg.print && kind == LSYM_SQUARE) { /* outlined, as print's bars are */
    fs.stroke = c->cfg.ink;
    fs.stroke_width = 0.75f;
  }
  if (lg->alt_filled ? i % 2 == 0 : !lg->filled) {
    fs = scene_stroke(lg->alt_filled ? c->cfg.ink : col, !isnan(lg->sym_stroke) ? lg->sym_stroke : 1.5);
    fs.fill = lg->alt_filled ? c->background : 0xffffff00;
    fs.opacity = (float)op;
  }
  double r = sz / 2;
  switch (kind) {
  case LSYM_SQUARE: {
    sc_item *it = scene_rect(lc->sc, x, cy - r, sz, sz, fs, "legend.symbol");
    if (!lg->shape_s) it->rx = 2;
    return;
  }
  case LSYM_CIRCLE: scene_circle(lc->sc, x + r, cy, r, fs, "legend.symbol"); return;
  default: break;
  }
  scene_path_begin(lc->sc, fs, "legend.symbol");
  if (kind == LSYM_TRIANGLE_UP) {
    scene_move(lc->sc, x + r, cy - r);
    scene_line(lc->sc, x + sz, cy + r);
    scene_line(lc->sc, x, cy + r);
  } else if (kind == LSYM_DIAMOND) {
    scene_move(lc->sc, x + r, cy - r);
    scene_line(lc->sc, x + sz, cy);
    scene_line(lc->sc, x + r, cy + r);
    scene_line(lc->sc, x, cy);
  } else if (kind == LSYM_TRIANGLE_DOWN) {
    scene_move(lc->sc, x, cy - r);
    scene_line(lc->sc, x + sz, cy - r);
    scene_line(lc->sc, x + r, cy + r);
  } else { /* cross */
    double q = r / 3;
    scene_move(lc->sc, x + r - q, cy - r);
    scene_line(lc->sc, x + r + q, cy - r);
    scene_line(lc->sc, x + r + q, cy - q);
    scene_line(lc->sc, x + sz, cy - q);
    scene_line(lc->sc, x + sz, cy + q);
    scene_line(lc->sc, x + r + q, cy + q);
    scene_line(lc->sc, x + r + q, cy + r);
    scene_line(lc->sc, x + r - q, cy + r);
    scene_line(lc->sc, x + r - q, cy + q);
    scene_line(lc->sc, x, cy + q);
    scene_line(lc->sc, x, cy - q);
    scene_line(lc->sc, x + r - q, cy - q);
  }
  scene_close(lc->sc);
  scene_path_end(lc->sc);
}

void vl_legend_emit(chart *c, vl_ctx *lc, const vl_legend_layout *lg, double x, double y) {
  if (!lg->kind) return;
  int side = lg->vertical;
  double th = lg->title && !lg->title_left ? lg->title->height + 6 : 0;
  if (lg->kind == 1) {
    if (side) {
      if (lg->title) scene_text(lc->sc, lg->title, x, y, "legend.title");
      if (lg->title_left) x += lg->title->width + 12; /* titleOrient: left */
      int rows = (lg->n + lg->columns - 1) / lg->columns;
      double maxw = 0;
      for (int i = 0; i < lg->n; i++) maxw = lg->labels[i]->width > maxw ? lg->labels[i]->width : maxw;
      for (int i = 0; i < lg->n; i++) {
        int col = i / rows, row = i % rows;
        double ex = x + col * (lg->sym + 6 + maxw + 16), ey = y + th + row * lg->row_h;
        legend_symbol(c, lc, lg, i, ex, ey + lg->row_h / 2);
        scene_text(lc->sc, lg->labels[i], ex + lg->sym + 6, ey + (lg->row_h - lg->labels[i]->height) / 2, "legend.label");
      }
    } else {
      double ex = x, ey = y;
      if (lg->title) {
        if (lg->columns == -1) {
          scene_text(lc->sc, lg->title, x, y, "legend.title");
          ey += th;
        } else {
          scene_text(lc->sc, lg->title, x, y + (lg->row_h - lg->title->height) / 2, "legend.title");
          ex += lg->title->width + 12;
        }
      }
      double x0 = ex;
      for (int i = 0; i < lg->n; i++) {
        double e = lg->sym + 6 + lg->labels[i]->width;
        if (ex > x0 && ex + e > x + lg->w + 0.5) {
          ex = x;
          x0 = ex;
          ey += lg->row_h;
        }
        legend_symbol(c, lc, lg, i, ex, ey + lg->row_h / 2);
        scene_text(lc->sc, lg->labels[i], ex + lg->sym + 6, ey + (lg->row_h - lg->labels[i]->height) / 2, "legend.label");
        ex += e + 18;
      }
    }
    return;
  }
  /* gradient */
  if (lg->title) scene_text(lc->sc, lg->title, x, y, "legend.title");
  y += th;
  int steps = 48;
  if (side) {
    double gh = lg->grad_len;
    y += lg->labels[0]->height / 2; /* room for the top label's upper half */
    for (int k = 0; k < steps; k++) {
      double t = 1 - (k + 0.5) / steps;
      uint32_t col = vl_scale_color_key(lg->s, "", lg->s->d0 + t * (lg->s->d1 - lg->s->d0));
      scene_rect(lc->sc, x, y + gh * k / steps, 12, gh / steps + 0.5, scene_fill(col), "legend.gradient");
    }
    for (int i = 0; i < lg->ngrad; i++) {
      double ty = y + gh * (1 - lg->grad_ticks[i]);
      scene_text(lc->sc, lg->labels[i], x + 18, ty - lg->labels[i]->height / 2, "legend.label");
    }
  } else {
    double gw = lg->grad_len;
    for (int k = 0; k < steps; k++) {
      double t = (k + 0.5) / steps;
      uint32_t col = vl_scale_color_key(lg->s, "", lg->s->d0 + t * (lg->s->d1 - lg->s->d0));
      scene_rect(lc->sc, x + gw * k / steps, y, gw / steps + 0.5, 10, scene_fill(col), "legend.gradient");
    }
    for (int i = 0; i < lg->ngrad; i++) {
      double tx = x + gw * lg->grad_ticks[i];
      scene_text(lc->sc, lg->labels[i], tx - lg->labels[i]->width / 2, y + 14, "legend.label");
    }
  }
}

void vl_legends_emit(chart *c, vl_ctx *lc, const vl_legends *L, double x, double y) {
  vl_story_unit_emit(c, lc, L, x, y);
  for (int i = 0; i < L->n; i++) {
    vl_legend_emit(c, lc, &L->lg[i], x, y);
    y += L->lg[i].h + VL_LEGEND_GAP;
  }
}
