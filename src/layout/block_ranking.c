/* ranking: a labelled bar list, largest first, the value printed at the
 * end of each bar (the form Chinese reports use for 各区排名).  Rows: a
 * rank number (the top three in the accent), the label, the bar, the value
 * and unit.  Labels stand in a column left of the bars while the widest
 * takes at most LABEL_MAX of the width; wider, each label goes on its own
 * line over its bar (a phone's narrow column).  Bars share one scale: the
 * largest value reaches the room its value text leaves. */
#include "base/colors.h"
#include "layout/block_info.h"
#include "model/list_blocks.h"

#define LABEL_MAX 0.36   /* the label column's most, x the width */
#define COL_GAP 0.6      /* between rank, label and bar, x body */
#define ROW_GAP 0.55     /* between rows, x body */
#define BAR_H 0.7        /* bar thickness, x body */
#define VALUE_GAP 0.35   /* bar end to the value, x body */
#define OTHERS_TINT 0.6  /* with a highlight: the other bars, the accent this far to the page's colour */

typedef struct rk_row {
  const text_box *rank, *label, *value, *unit, *note;
  double vw; /* value + unit + note width */
} rk_row;

static double ranking_do(layout_ctx *c, const block_model *b, double x, double y, double w, int emit) {
  const ranking_content *k = b->content;
  const theme_model *th = &c->doc->theme;
  int n = k->nitems;
  if (!n) return 0;
  double s = c->text_scale, body = th->size_body * s, gap = COL_GAP * body;
  uint32_t accent = info_color(k->color, th->accent);
  uint32_t others = color_mix(accent, c->doc->page.background | 0xff, OTHERS_TINT);
  rk_row *r = arena_alloc_array(c->a, (size_t)n, sizeof *r);
  double rankw = 0, labw = 0, vmax = 0, top = 0;
  for (int i = 0; i < n; i++) {
    const ranking_item *it = &k->items[i];
    int hl = k->highlight.s && it->label.s && !strcmp(it->label.s, k->highlight.s);
    if (k->numbered) {
      char num[16];
      snprintf(num, sizeof num, "%d", i + 1);
      r[i].rank = info_text(c, b, num, th->size_body, 1, i < 3 ? accent : th->muted, 0, TEXT_LEFT);
      if (r[i].rank->width > rankw) rankw = r[i].rank->width;
    }
    r[i].label = info_spec_text(c, b, &it->label, th->size_body, hl, th->ink, 0, TEXT_LEFT, 0);
    if (r[i].label && r[i].label->width > labw) labw = r[i].label->width;
    const char *v = info_number(c, &k->format, it->value, it->value_text);
    r[i].value = info_text(c, b, v, th->size_body, 1, hl ? accent : th->ink, 0, TEXT_LEFT);
    r[i].unit = info_spec_text(c, b, &k->unit, th->size_note, 0, th->muted, 0, TEXT_LEFT, 0);
    r[i].note = info_spec_text(c, b, &it->note, th->size_note, 0, th->muted, 0, TEXT_LEFT, 1);
    r[i].vw = r[i].value->width + (r[i].unit ? 2 + r[i].unit->width : 0) + (r[i].note ? gap / 2 + r[i].note->width : 0);
    if (r[i].vw > vmax) vmax = r[i].vw;
    if (it->value > top) top = it->value;
  }
  double lx = x + (rankw > 0 ? rankw + gap : 0), room = x + w - lx;
  int above = labw > LABEL_MAX * w; /* labels over their bars */
  if (above) labw = room;
  double bx = above ? lx : lx + labw + gap;
  double blen = x + w - bx - VALUE_GAP * body - vmax;
  if (blen < body) blen = body;
  double bh = BAR_H * body, y0 = y;
  for (int i = 0; i < n; i++) {
    const ranking_item *it = &k->items[i];
    /* a label wider than its column wraps in it */
    const text_box *lab = r[i].label;
    if (lab && lab->width > labw + 0.5) {
      int hl = k->highlight.s && !strcmp(it->label.s, k->highlight.s);
      lab = info_spec_text(c, b, &it->label, th->size_body, hl, th->ink, labw, TEXT_LEFT, 0);
    }
    double lh = lab ? lab->height : 0, vh = r[i].value->height;
    double line = vh > bh ? vh : bh; /* the bar's line: bar and value centred on it */
    double rowh, ly, cy;
    if (above) {
      ly = y;
      cy = y + lh + line / 2;
      rowh = lh + line;
    } else {
      rowh = lh > line ? lh : line;
      ly = y + (rowh - lh) / 2;
      cy = y + rowh / 2;
    }
    if (emit) {
      if (r[i].rank) scene_text(c->sc, r[i].rank, x + rankw - r[i].rank->width, above ? ly : cy - r[i].rank->height / 2, "ranking.rank");
      if (lab) scene_text(c->sc, lab, lx, ly, "ranking.label");
      int hl = k->highlight.s && !strcmp(it->label.s, k->highlight.s);
      double len = top > 0 ? blen * it->value / top : 0;
      sc_item *bar = scene_rect(c->sc, bx, cy - bh / 2, len, bh, scene_fill(k->highlight.s && !hl ? others : accent), "ranking.bar");
      bar->rx = bh * 0.2 < len / 2 ? bh * 0.2 : len / 2;
      double vx = bx + len + VALUE_GAP * body, vy = cy - vh / 2;
      scene_text(c->sc, r[i].value, vx, vy, "ranking.value");
      vx += r[i].value->width;
      double base = vy + r[i].value->ascent;
      if (r[i].unit) {
        scene_text(c->sc, r[i].unit, vx + 2, base - r[i].unit->ascent, "ranking.unit");
        vx += 2 + r[i].unit->width;
      }
      if (r[i].note) scene_text(c->sc, r[i].note, vx + gap / 2, base - r[i].note->ascent, "ranking.note");
    }
    y += rowh + (i + 1 < n ? ROW_GAP * body : 0);
  }
  return y - y0;
}

double ranking_measure(layout_ctx *c, const block_model *b, double w) { return ranking_do(c, b, 0, 0, w, 0); }
void ranking_emit(layout_ctx *c, const block_model *b, double x, double y, double w, double h) {
  ranking_do(c, b, x, y, w, 1);
}
