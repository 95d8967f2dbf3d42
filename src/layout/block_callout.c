/* callout: a note with an accent rule, and a leader line from the note to
 * the nearest edge of the block named by target, or an arrow to one mark
 * of a chart (target: {block, datum}).  Emitted after the other blocks,
 * so any block can be the target. */
#include "chart/chart.h"
#include "layout/block_info.h"
#include "model/infographic.h"

#define RULE_W 4.0
#define TEXT_X 16.0
#define ARROW_LEN 9.0  /* the arrowhead, tip to base */
#define ARROW_HALF 4.5 /* half its base */
#define ARROW_GAP 4.0  /* between the note and the arrow's tail */

/* texth: the note's height; textw: how far its widest line reaches from x. */
static double callout_do(layout_ctx *c, const block_model *b, double x, double y, double w, int emit, double *texth,
                         double *textw) {
  const callout_content *k = b->content;
  const theme_model *th = &c->doc->theme;
  uint32_t accent = info_color(k->color, th->accent);
  double y0 = y, tw = w - TEXT_X;
  double lsize = k->emphasis ? th->size_number * 0.75 : th->small_size;
  const text_box *l = info_spec_text(c, b, &k->label, lsize, 1, accent, tw, TEXT_LEFT, 0);
  const text_box *t = info_spec_text(c, b, &k->content, th->size_body, 0, th->ink, tw, TEXT_LEFT, 1);
  *textw = TEXT_X + fmax(l ? l->width : 0, t ? t->width : 0);
  if (l) {
    if (emit) scene_text(c->sc, l, x + TEXT_X, y, "callout.label");
    y += l->height + 4;
  }
  if (t) {
    if (emit) scene_text(c->sc, t, x + TEXT_X, y, "callout.text");
    y += t->height;
  }
  if (emit) scene_rect(c->sc, x, y0, RULE_W, y - y0, scene_fill(accent), "callout.rule");
  *texth = y - y0;
  return y - y0;
}

double callout_measure(layout_ctx *c, const block_model *b, double w) {
  double th, tw;
  return callout_do(c, b, 0, 0, w, 0, &th, &tw);
}

/* An arrow from the note to the mark at (ex, ey), its tip on the mark:
 * straight down (or up) when the mark is under (over) the note's text,
 * else out of the note's side and then down (up) to it, so the head
 * always meets a bar's top square on; straight across when the mark is
 * level with the note. */
static void arrow_to_mark(layout_ctx *c, uint32_t color, double x, double y, double w, double h, double ex, double ey) {
  double sx, sy, kx = NAN, ky = NAN; /* tail, and the knee if any */
  if (ey >= y && ey <= y + h) { /* level */
    sx = ex > x + w ? x + w + ARROW_GAP : x - ARROW_GAP;
    sy = ey;
  } else {
    int down = ey > y + h;
    if (ex >= x + TEXT_X && ex <= x + w) {
      sx = ex;
      sy = down ? y + h + ARROW_GAP : y - ARROW_GAP;
    } else {
      sx = ex > x + w ? x + w + ARROW_GAP : x - ARROW_GAP;
      sy = y + h / 2;
      kx = ex, ky = sy;
    }
  }
  double fx = isnan(kx) ? sx : kx, fy = isnan(kx) ? sy : ky; /* where the last segment starts */
  double dx = ex - fx, dy = ey - fy, len = hypot(dx, dy);
  if (len < ARROW_LEN + 2) return; /* touching: nothing to point across */
  double ux = dx / len, uy = dy / len;
  double bx = ex - ux * ARROW_LEN, by = ey - uy * ARROW_LEN;
  scene_path_begin(c->sc, scene_stroke(color, 1.5), "callout.leader");
  scene_move(c->sc, sx, sy);
  if (!isnan(kx)) scene_line(c->sc, kx, ky);
  scene_line(c->sc, bx, by);
  scene_path_end(c->sc);
  scene_path_begin(c->sc, scene_fill(color), "callout.arrow");
  scene_move(c->sc, ex, ey);
  scene_line(c->sc, bx - uy * ARROW_HALF, by + ux * ARROW_HALF);
  scene_line(c->sc, bx + uy * ARROW_HALF, by - ux * ARROW_HALF);
  scene_close(c->sc);
  scene_path_end(c->sc);
}

/* target: {block, datum}: the arrow ends on the datum's mark. */
static void callout_datum(layout_ctx *c, const callout_content *k, const block_model *tb, const double box[4], double x,
                          double y, double textw, double th) {
  if (tb->kind != BLOCK_CHART) {
    diag_spec_error(c->d, k->target.loc, "callout target '%s' is a %s block: a datum is a mark of a chart", k->target.s,
                    block_kind_name(tb->kind));
    return;
  }
  chart_probe p = {.n = k->ndatum, .fields = k->datum_fields, .values = k->datum_values};
  if (!chart_block_mark(c, tb, box[0], box[1], box[2], box[3], &p)) {
    diag_spec_error(c->d, k->datum_loc, "no mark of chart '%s' has this datum (its fields and values as in the data)",
                    k->target.s);
    return;
  }
  arrow_to_mark(c, info_color(k->color, c->doc->theme.accent), x, y, textw, th, p.x, p.y);
}

void callout_emit(layout_ctx *c, const block_model *b, double x, double y, double w, double h) {
  const callout_content *k = b->content;
  double th, textw;
  callout_do(c, b, x, y, w, 1, &th, &textw);
  if (!k->target.s) return;
  double tx, ty, tw, tth, box[4];
  const block_model *tb = layout_find_block(k->target.s, &tx, &ty, &tw, &tth, box);
  if (!tb) {
    diag_spec_error(c->d, k->target.loc, "callout target '%s' is not the id of any block", k->target.s);
    return;
  }
  if (k->ndatum) {
    callout_datum(c, k, tb, box, x, y, textw, th);
    return;
  }
  /* From the note's nearest side to the target's nearest edge. */
  double sx, sy, ex, ey;
  double my = y + th / 2;
  if (tx >= x + w) { /* target to the right */
    sx = x + w;
    sy = my;
    ex = tx;
    ey = my < ty + 8 ? ty + 8 : my > ty + tth - 8 ? ty + tth - 8 : my;
  } else if (tx + tw <= x) { /* to the left */
    sx = x;
    sy = my;
    ex = tx + tw;
    ey = my < ty + 8 ? ty + 8 : my > ty + tth - 8 ? ty + tth - 8 : my;
  } else if (ty + tth <= y) { /* above */
    sx = x + RULE_W / 2;
    sy = y;
    ex = sx < tx + 8 ? tx + 8 : sx > tx + tw - 8 ? tx + tw - 8 : sx;
    ey = ty + tth;
  } else { /* below (or overlapping: point down) */
    sx = x + RULE_W / 2;
    sy = y + th;
    ex = sx < tx + 8 ? tx + 8 : sx > tx + tw - 8 ? tx + tw - 8 : sx;
    ey = ty;
  }
  uint32_t accent = info_color(k->color, c->doc->theme.accent);
  sc_style ls = scene_stroke(accent, 1.5);
  scene_path_begin(c->sc, ls, "callout.leader");
  scene_move(c->sc, sx, sy);
  if (fabs(sy - ey) > 1 && fabs(sx - ex) > 1 && (tx >= x + w || tx + tw <= x)) {
    /* elbow: horizontal out of the note, then to the target */
    double mx = (sx + ex) / 2;
    scene_line(c->sc, mx, sy);
    scene_line(c->sc, mx, ey);
  }
  scene_line(c->sc, ex, ey);
  scene_path_end(c->sc);
  scene_circle(c->sc, ex, ey, 3.5, scene_fill(accent), "callout.dot");
}
