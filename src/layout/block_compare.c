/* compare: before -> after.  One comparison as bars, an arrow or a slope;
 * a list of items as a dumbbell or slope chart on a shared scale.  The
 * change and the compound annual growth rate are computed here, printed
 * the way compare_compute() formats them. */
#include "layout/block_info.h"
#include "model/infographic.h"

static int zh(layout_ctx *c, const block_model *b) {
  const char *l = layout_block_lang(c, b);
  return !strncmp(l, "zh", 2) || !strncmp(l, "ja", 2);
}

/* "500", "500元/月" or "500 yuan": a unit attaches to its number as a
 * key number's does; a word after a Latin number keeps its space. */
static const char *with_unit(layout_ctx *c, const compare_content *k, const char *num) {
  if (!k->unit.s || !*k->unit.s) return num;
  unsigned char u = (unsigned char)k->unit.s[0];
  int word = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z');
  return arena_printf(c->a, word ? "%s %s" : "%s%s", num, k->unit.s);
}

/* The size of a key number set alone: the type scale's number. */
static double number_size(const theme_model *th) { return th->size_number > 0 ? th->size_number : th->body_size * NUM_TOP; }

/* The statistics row: accent numbers at size (a secondary key number's:
 * NUM_SECONDARY of the block's number) with small labels under them.
 * Returns its height. */
static double stats_row(layout_ctx *c, const block_model *b, const compare_stats *st, const compare_item *it, double x,
                        double y, double w, double size, int emit) {
  const compare_content *k = b->content;
  const theme_model *th = &c->doc->theme;
  uint32_t accent = info_color(k->color, th->accent);
  const char *vals[2], *labs[2];
  int n = 0;
  if (k->show_change) {
    vals[n] = st->change_text;
    if (zh(c, b))
      labs[n] = it->from_label.s ? arena_printf(c->a, "较%s", it->from_label.s) : "增幅";
    else
      labs[n] = it->from_label.s ? arena_printf(c->a, "since %s", it->from_label.s) : "change";
    if (k->change_format == CHANGE_WORDS) labs[n] = zh(c, b) ? "变化" : "change";
    if (!isfinite(st->change) || st->change < 0) labs[n] = zh(c, b) ? "变化" : "change";
    n++;
  }
  if (k->show_cagr && !isnan(st->cagr)) {
    vals[n] = st->cagr_text;
    labs[n] = zh(c, b) ? arena_printf(c->a, "年均增长（%.0f年）", st->years) : arena_printf(c->a, "a year (%.0f years)", st->years);
    n++;
  }
  if (!n) return 0;
  double colw = w / 2, h = 0;
  for (int i = 0; i < n; i++) {
    const text_box *v = info_text(c, b, vals[i], size, 1, accent, 0, TEXT_LEFT);
    const text_box *l = info_text(c, b, labs[i], th->small_size, 0, th->muted, colw - 8, TEXT_LEFT);
    double hh = v->height + 2 + (l ? l->height : 0);
    if (hh > h) h = hh;
    if (emit) {
      scene_text(c->sc, v, x + i * colw, y, "compare.stat");
      if (l) scene_text(c->sc, l, x + i * colw, y + v->height + 2, "compare.stat.label");
    }
  }
  return h;
}

static double note_line(layout_ctx *c, const block_model *b, double x, double y, double w, int emit) {
  const compare_content *k = b->content;
  const text_box *t = info_spec_text(c, b, &k->note, c->doc->theme.small_size, 0, c->doc->theme.muted, w, TEXT_LEFT, 1);
  if (!t) return 0;
  if (emit) scene_text(c->sc, t, x, y + 12, "compare.note");
  return 12 + t->height;
}

/* The block's bold label line on top, if any; returns the height it takes
 * with the gap under it. */
static double compare_label(layout_ctx *c, const block_model *b, double x, double y, double w, double gap, int emit) {
  const compare_content *k = b->content;
  const theme_model *th = &c->doc->theme;
  const text_box *lab = info_spec_text(c, b, &k->label, th->body_size, 1, th->ink, w, TEXT_LEFT, 0);
  if (!lab) return 0;
  if (emit) scene_text(c->sc, lab, x, y, "compare.label");
  return lab->height + gap;
}

/* ---- one comparison: bars ---- */
static double single_bars(layout_ctx *c, const block_model *b, double x, double y, double w, int emit, double *ppu_out) {
  const compare_content *k = b->content;
  const compare_item *it = &k->items[0];
  const theme_model *th = &c->doc->theme;
  uint32_t accent = info_color(k->color, th->accent);
  double y0 = y;
  y += compare_label(c, b, x, y, w, 10, emit);
  const text_box *fl = info_spec_text(c, b, &it->from_label, th->small_size, 0, th->muted, 0, TEXT_LEFT, 0);
  const text_box *tl = info_spec_text(c, b, &it->to_label, th->small_size, 0, th->muted, 0, TEXT_LEFT, 0);
  double labw = 0;
  if (fl) labw = fl->width;
  if (tl && tl->width > labw) labw = tl->width;
  if (labw > 0) labw += 12;
  const char *fs = with_unit(c, k, info_number(c, &k->format, it->from, it->from_text));
  const char *ts = with_unit(c, k, info_number(c, &k->format, it->to, it->to_text));
  const text_box *fv = info_text(c, b, fs, th->body_size, 0, th->ink, 0, TEXT_LEFT);
  const text_box *tv = info_text(c, b, ts, th->body_size, 1, accent, 0, TEXT_LEFT);
  double valw = fv->width > tv->width ? fv->width : tv->width;
  double barmax = w - labw - valw - 10;
  if (barmax < 20) barmax = 20;
  double vmax = fabs(it->from) > fabs(it->to) ? fabs(it->from) : fabs(it->to);
  /* compare bars of one unit share one px scale across the page (page.c) */
  if (emit && vmax > 0) barmax = vmax * layout_compare_ppu(c, k->unit.s, barmax / vmax);
  if (ppu_out) *ppu_out = vmax > 0 ? barmax / vmax : 0;
  double barh = th->body_size * 1.5;
  for (int i = 0; i < 2; i++) {
    double v = i ? it->to : it->from;
    double bw = vmax > 0 ? barmax * fabs(v) / vmax : 0;
    const text_box *l = i ? tl : fl, *val = i ? tv : fv;
    if (emit) {
      if (l) scene_text(c->sc, l, x, y + (barh - l->height) / 2, "compare.from.label");
      sc_style bs = scene_fill(i ? accent : th->muted);
      if (!i) bs.opacity = 0.35f;
      sc_item *r = scene_rect(c->sc, x + labw, y, bw, barh, bs, i ? "compare.to" : "compare.from");
      r->rx = 2;
      scene_text(c->sc, val, x + labw + bw + 10, y + (barh - val->height) / 2, i ? "compare.to.value" : "compare.from.value");
    }
    y += barh + (i ? 0 : 8);
  }
  compare_stats st;
  compare_compute(k, it, layout_block_lang(c, b), &st);
  double ss = number_size(th) * NUM_SECONDARY;
  double sh = stats_row(c, b, &st, it, x, y + 18, w, ss, 0);
  if (sh > 0) {
    stats_row(c, b, &st, it, x, y + 18, w, ss, emit);
    y += 18 + sh;
  }
  y += note_line(c, b, x, y, w, emit);
  return y - y0;
}

/* ---- one comparison: arrow ----
 * The later number is the block's key number: it takes its row's shared
 * size like a kpi's (compare_number_want: the largest size at which the
 * line fits, from the type scale's number down), its unit attached at the
 * same ratio; the earlier number stands at ARROW_FROM of it, muted, on
 * the same baseline, the arrow between them. */
#define ARROW_FROM 0.8
#define ARROW_LEN 1.1 /* x the number's size */
#define ARROW_GAP 0.35

typedef struct arrow_line {
  const text_box *from;
  info_num to;
  double size, arrow, gap, width;
} arrow_line;

static arrow_line arrow_layout(layout_ctx *c, const block_model *b, double size, uint32_t accent) {
  const compare_content *k = b->content;
  const compare_item *it = &k->items[0];
  arrow_line r = {0};
  info_key to = info_key_number(c, &k->format, it->to, it->to_text, (src_loc){0}, &k->unit);
  r.size = size;
  r.to = info_num_layout(c, b, &to.num, &to.unit, size, accent);
  r.from = info_text(c, b, info_number(c, &k->format, it->from, it->from_text), size * ARROW_FROM, 1,
                     c->doc->theme.muted, 0, TEXT_LEFT);
  r.arrow = size * ARROW_LEN * c->text_scale;
  r.gap = size * ARROW_GAP * c->text_scale;
  r.width = r.from->width + 2 * r.gap + r.arrow + r.to.width;
  return r;
}

/* The largest size from the type scale's number down (x0.92 steps, not
 * below body) at which the line fits w. */
static double arrow_fit(layout_ctx *c, const block_model *b, double w) {
  const theme_model *th = &c->doc->theme;
  double size = number_size(th);
  for (; size > th->body_size; size *= 0.92)
    if (arrow_layout(c, b, size, 0).width <= w) break;
  return size < th->body_size ? th->body_size : size;
}

double compare_number_want(layout_ctx *c, const block_model *b, double w) {
  const compare_content *k = b->content;
  if (!k->nitems || !k->single || k->style != COMPARE_ARROW) return 0;
  return arrow_fit(c, b, w);
}

static double single_arrow(layout_ctx *c, const block_model *b, double x, double y, double w, int emit) {
  const compare_content *k = b->content;
  const compare_item *it = &k->items[0];
  const theme_model *th = &c->doc->theme;
  uint32_t accent = info_color(k->color, th->accent);
  double y0 = y;
  y += compare_label(c, b, x, y, w, 8, emit);
  arrow_line ln = arrow_layout(c, b, c->num_size > 0 ? c->num_size : arrow_fit(c, b, w), accent);
  double base = info_num_baseline(&ln.to); /* the shared baseline, below y */
  double tx = x + ln.from->width + 2 * ln.gap + ln.arrow;
  info_num_mark(c, y - y0 + base);
  if (emit) {
    double size = ln.size * c->text_scale;
    scene_text(c->sc, ln.from, x, y + base - ln.from->ascent, "compare.from.value");
    info_num_emit(c, &ln.to, tx, y, "compare.to.value", "compare.unit");
    double ay = y + base - size * 0.3, ax0 = x + ln.from->width + ln.gap, ax1 = ax0 + ln.arrow;
    double hw = size * 0.16;
    scene_path_begin(c->sc, scene_fill(th->muted), "compare.arrow");
    scene_move(c->sc, ax0, ay - size * 0.035);
    scene_line(c->sc, ax1 - hw * 1.6, ay - size * 0.035);
    scene_line(c->sc, ax1 - hw * 1.6, ay - hw);
    scene_line(c->sc, ax1, ay);
    scene_line(c->sc, ax1 - hw * 1.6, ay + hw);
    scene_line(c->sc, ax1 - hw * 1.6, ay + size * 0.035);
    scene_line(c->sc, ax0, ay + size * 0.035);
    scene_close(c->sc);
    scene_path_end(c->sc);
  }
  double fh = base - ln.from->ascent + ln.from->height;
  y += ln.to.height > fh ? ln.to.height : fh;
  /* Year labels under their numbers. */
  const text_box *fl = info_spec_text(c, b, &it->from_label, th->small_size, 0, th->muted, 0, TEXT_LEFT, 0);
  const text_box *tl = info_spec_text(c, b, &it->to_label, th->small_size, 0, th->muted, 0, TEXT_LEFT, 0);
  if ((fl || tl) && emit) {
    if (fl) scene_text(c->sc, fl, x, y + 2, "compare.from.label");
    if (tl) scene_text(c->sc, tl, tx, y + 2, "compare.to.label");
  }
  if (fl || tl) y += 2 + (fl ? fl->height : tl->height);
  compare_stats st;
  compare_compute(k, it, layout_block_lang(c, b), &st);
  double sh = stats_row(c, b, &st, it, x, y + 16, w, ln.size * NUM_SECONDARY, emit);
  if (sh > 0) y += 16 + sh;
  y += note_line(c, b, x, y, w, emit);
  return y - y0;
}

/* ---- items: dumbbell ---- */
static double dumbbell(layout_ctx *c, const block_model *b, double x, double y, double w, int emit) {
  const compare_content *k = b->content;
  const theme_model *th = &c->doc->theme;
  uint32_t accent = info_color(k->color, th->accent);
  double y0 = y;
  y += compare_label(c, b, x, y, w, 8, emit);
  /* Legend: the two labels of the first item. */
  const compare_item *f = &k->items[0];
  const text_box *lf = info_spec_text(c, b, &f->from_label, th->small_size, 0, th->muted, 0, TEXT_LEFT, 0);
  const text_box *lt = info_spec_text(c, b, &f->to_label, th->small_size, 0, th->muted, 0, TEXT_LEFT, 0);
  const text_box *lu = info_spec_text(c, b, &k->unit, th->small_size, 0, th->muted, 0, TEXT_LEFT, 0);
  double r = th->body_size * 0.38;
  if (lf || lt || lu) {
    double lx = x, lh = (lf ? lf : lt ? lt : lu)->height;
    if (emit) {
      if (lf) {
        scene_circle(c->sc, lx + r, y + lh / 2, r, scene_fill(th->muted), "compare.legend");
        scene_text(c->sc, lf, lx + 2 * r + 6, y, "compare.legend.label");
        lx += 2 * r + 6 + lf->width + 20;
      }
      if (lt) {
        scene_circle(c->sc, lx + r, y + lh / 2, r, scene_fill(accent), "compare.legend");
        scene_text(c->sc, lt, lx + 2 * r + 6, y, "compare.legend.label");
        lx += 2 * r + 6 + lt->width + 20;
      }
      if (lu) scene_text(c->sc, lu, x + w - lu->width, y, "compare.unit");
    }
    y += lh + 14;
  }
  double labw = 0, chw = 0, vmax = 0;
  compare_stats *st = arena_alloc_array(c->a, (size_t)k->nitems, sizeof *st);
  for (int i = 0; i < k->nitems; i++) {
    const compare_item *it = &k->items[i];
    const text_box *l = info_spec_text(c, b, &it->label, th->body_size, 0, th->ink, 0, TEXT_LEFT, 0);
    if (l && l->width > labw) labw = l->width;
    compare_compute(k, it, layout_block_lang(c, b), &st[i]);
    if (k->show_change) {
      const text_box *ch = info_text(c, b, st[i].change_text, th->body_size, 1, accent, 0, TEXT_LEFT);
      if (ch->width > chw) chw = ch->width;
    }
    if (fabs(it->from) > vmax) vmax = fabs(it->from);
    if (fabs(it->to) > vmax) vmax = fabs(it->to);
  }
  if (labw > w * 0.35) labw = w * 0.35;
  double tx0 = x + labw + 16 + r, tx1 = x + w - (chw > 0 ? chw + 20 : 0) - r - 24;
  if (tx1 < tx0 + 20) tx1 = tx0 + 20;
  double vsz = th->size_label; /* values are the plot's data labels */
  for (int i = 0; i < k->nitems; i++) {
    const compare_item *it = &k->items[i];
    const text_box *l = info_spec_text(c, b, &it->label, th->body_size, 0, th->ink, labw, TEXT_LEFT, 0);
    const text_box *fv = info_text(c, b, info_number(c, &k->format, it->from, it->from_text), vsz, 0, th->muted, 0, TEXT_LEFT);
    const text_box *tv = info_text(c, b, info_number(c, &k->format, it->to, it->to_text), vsz, 1, accent, 0, TEXT_LEFT);
    double vh = tv->height;
    double rowh = vh + 4 + 2 * r;
    if (l && l->height > rowh) rowh = l->height;
    double cy = y + vh + 4 + r; /* dots' centre line */
    if (emit) {
      double fx = tx0 + (tx1 - tx0) * (vmax > 0 ? it->from / vmax : 0);
      double tox = tx0 + (tx1 - tx0) * (vmax > 0 ? it->to / vmax : 0);
      sc_style trs = scene_fill(th->rule);
      trs.opacity = 0.6f;
      scene_rect(c->sc, tx0 - r, cy - 0.5, tx1 - tx0 + 2 * r, 1, trs, "compare.track");
      scene_rect(c->sc, fx < tox ? fx : tox, cy - r * 0.35, fabs(tox - fx), r * 0.7, scene_fill(th->rule), "compare.link");
      scene_circle(c->sc, fx, cy, r, scene_fill(th->muted), "compare.from");
      scene_circle(c->sc, tox, cy, r, scene_fill(accent), "compare.to");
      /* values above their dots, pushed apart when they would touch */
      double fxl = fx - fv->width / 2, txl = tox - tv->width / 2;
      if (fx <= tox && fxl + fv->width + 6 > txl) {
        double mid = (fx + tox) / 2, need = fv->width + tv->width + 6;
        fxl = mid - need / 2;
        txl = fxl + fv->width + 6;
      }
      if (txl + tv->width > tx1 + r + 20) txl = tx1 + r + 20 - tv->width;
      scene_text(c->sc, fv, fxl, y + vh - fv->height, "compare.from.value");
      scene_text(c->sc, tv, txl, y, "compare.to.value");
      if (l) scene_text(c->sc, l, x, cy - l->ascent + l->ascent * 0.35, "compare.item.label");
      if (k->show_change) {
        const text_box *ch = info_text(c, b, st[i].change_text, th->body_size, 1, accent, 0, TEXT_LEFT);
        scene_text(c->sc, ch, x + w - ch->width, cy - ch->height / 2, "compare.stat");
      }
    }
    y += rowh + (i + 1 < k->nitems ? 14 : 0);
  }
  /* Annual growth under the rows when every item has years. */
  if (k->show_cagr) {
    char line[256] = "";
    int any = 0;
    for (int i = 0; i < k->nitems; i++)
      if (!isnan(st[i].cagr)) {
        any = 1;
        size_t n = strlen(line);
        snprintf(line + n, sizeof line - n, "%s%s %s", n ? "   " : "", k->items[i].label.s ? k->items[i].label.s : "",
                 st[i].cagr_text);
      }
    if (any) {
      const char *s = arena_printf(c->a, "%s%s", zh(c, b) ? "年均增长：" : "a year: ", line);
      const text_box *t = info_text(c, b, s, th->small_size, 0, th->muted, w, TEXT_LEFT);
      if (emit) scene_text(c->sc, t, x, y + 12, "compare.cagr");
      y += 12 + t->height;
    }
  }
  y += note_line(c, b, x, y, w, emit);
  return y - y0;
}

/* ---- slope (one comparison or items) ---- */
static double slope(layout_ctx *c, const block_model *b, double x, double y, double w, int emit) {
  const compare_content *k = b->content;
  const theme_model *th = &c->doc->theme;
  uint32_t accent = info_color(k->color, th->accent);
  double y0 = y;
  if (!k->single) y += compare_label(c, b, x, y, w, 8, emit);
  const compare_item *f = &k->items[0];
  const text_box *hf = info_spec_text(c, b, &f->from_label, th->small_size, 1, th->muted, 0, TEXT_LEFT, 0);
  const text_box *ht = info_spec_text(c, b, &f->to_label, th->small_size, 1, th->muted, 0, TEXT_LEFT, 0);
  double head = (hf || ht) ? (hf ? hf : ht)->height + 10 : 0;
  /* Side labels: "集中养育 1400" on the left, "2510 +79.3%" on the right. */
  int n = k->nitems;
  const text_box **L = arena_alloc_array(c->a, (size_t)n, sizeof *L), **R = arena_alloc_array(c->a, (size_t)n, sizeof *R);
  double lw = 0, rw = 0, lh = 0, vmax = 0, vmin = INFINITY;
  for (int i = 0; i < n; i++) {
    const compare_item *it = &k->items[i];
    compare_stats st;
    compare_compute(k, it, layout_block_lang(c, b), &st);
    const char *fv = info_number(c, &k->format, it->from, it->from_text);
    const char *tv = info_number(c, &k->format, it->to, it->to_text);
    const char *ls = it->label.s ? arena_printf(c->a, "%s  %s", it->label.s, fv) : fv;
    const char *rs = k->show_change ? arena_printf(c->a, "%s  %s", tv, st.change_text) : tv;
    L[i] = info_text(c, b, ls, th->size_label, 0, th->ink, 0, TEXT_RIGHT); /* the plot's data labels */
    R[i] = info_text(c, b, rs, th->size_label, 1, accent, 0, TEXT_LEFT);
    if (L[i]->width > lw) lw = L[i]->width;
    if (R[i]->width > rw) rw = R[i]->width;
    lh = L[i]->height;
    if (fabs(it->from) > vmax) vmax = fabs(it->from);
    if (fabs(it->to) > vmax) vmax = fabs(it->to);
    if (fabs(it->from) < vmin) vmin = fabs(it->from);
    if (fabs(it->to) < vmin) vmin = fabs(it->to);
  }
  /* slopes compare rates of change: the scale spans the data, not zero */
  double span = vmax - vmin;
  if (span <= 0) span = vmax > 0 ? vmax : 1;
  double vlo = vmin - span * 0.08, vhi = vmax + span * 0.08;
#define SLOPE_Y(v) (bot - (bot - top) * (((v) - vlo) / (vhi - vlo)))
  double ph = w * 0.34;
  if (ph < lh * (n + 1)) ph = lh * (n + 1);
  if (ph > 320) ph = 320 > lh * (n + 1) ? 320 : lh * (n + 1);
  double ax0 = x + lw + 12, ax1 = x + w - rw - 12;
  if (ax1 < ax0 + 40) ax1 = ax0 + 40;
  double top = y + head + lh / 2, bot = top + ph - lh;
  if (emit) {
    if (hf) scene_text(c->sc, hf, ax0 - hf->width / 2, y, "compare.from.label");
    if (ht) scene_text(c->sc, ht, ax1 - ht->width / 2, y, "compare.to.label");
    scene_rect(c->sc, ax0 - 0.5, top - lh / 2, 1, ph, scene_fill(th->rule), "compare.axis");
    scene_rect(c->sc, ax1 - 0.5, top - lh / 2, 1, ph, scene_fill(th->rule), "compare.axis");
    /* label positions, relaxed so they never overlap */
    double *ly = arena_alloc_array(c->a, (size_t)n, sizeof *ly), *ry = arena_alloc_array(c->a, (size_t)n, sizeof *ry);
    for (int side = 0; side < 2; side++) {
      double *p = side ? ry : ly;
      for (int i = 0; i < n; i++) {
        double v = side ? k->items[i].to : k->items[i].from;
        p[i] = SLOPE_Y(v);
      }
      for (int iter = 0; iter < 50; iter++)
        for (int i = 0; i < n; i++)
          for (int j = 0; j < n; j++)
            if (i != j && p[i] <= p[j] && p[j] - p[i] < lh) {
              double d = (lh - (p[j] - p[i])) / 2 + 0.01;
              p[i] -= d;
              p[j] += d;
            }
    }
    for (int i = 0; i < n; i++) {
      const compare_item *it = &k->items[i];
      double fy = SLOPE_Y(it->from);
      double ty = SLOPE_Y(it->to);
      sc_style ls = scene_stroke(accent, 2.5);
      ls.round_cap = 1;
      scene_path_begin(c->sc, ls, "compare.slope");
      scene_move(c->sc, ax0, fy);
      scene_line(c->sc, ax1, ty);
      scene_path_end(c->sc);
      scene_circle(c->sc, ax0, fy, 5, scene_fill(th->muted), "compare.from");
      scene_circle(c->sc, ax1, ty, 5, scene_fill(accent), "compare.to");
      scene_text(c->sc, L[i], ax0 - 12 - L[i]->width, ly[i] - lh / 2, "compare.from.value");
      scene_text(c->sc, R[i], ax1 + 12, ry[i] - lh / 2, "compare.to.value");
    }
  }
  y += head + ph;
  if (k->single) {
    compare_stats st;
    compare_compute(k, &k->items[0], layout_block_lang(c, b), &st);
    compare_content tmp = *k;
    tmp.show_change = 0; /* already at the line's end */
    block_model bb = *b;
    bb.content = &tmp;
    double sh = stats_row(c, &bb, &st, &k->items[0], x, y + 14, w, number_size(th) * NUM_SECONDARY, emit);
    if (sh > 0) y += 14 + sh;
  }
  y += note_line(c, b, x, y, w, emit);
  return y - y0;
}

static double compare_do(layout_ctx *c, const block_model *b, double x, double y, double w, int emit) {
  const compare_content *k = b->content;
  if (!k->nitems) return 0;
  if (k->style == COMPARE_SLOPE) return slope(c, b, x, y, w, emit);
  if (!k->single) return dumbbell(c, b, x, y, w, emit);
  if (k->style == COMPARE_ARROW) return single_arrow(c, b, x, y, w, emit);
  return single_bars(c, b, x, y, w, emit, NULL);
}

double compare_bar_ppu(layout_ctx *c, const block_model *b, double w) {
  const compare_content *k = b->content;
  if (!k->nitems || !k->single || k->style != COMPARE_BARS) return 0;
  double ppu = 0;
  single_bars(c, b, 0, 0, w, 0, &ppu);
  return ppu;
}

double compare_measure(layout_ctx *c, const block_model *b, double w) { return compare_do(c, b, 0, 0, w, 0); }
void compare_emit(layout_ctx *c, const block_model *b, double x, double y, double w, double h) {
  compare_do(c, b, x, y, w, 1);
}
