/* callout: a note with an accent rule, and a leader line from the note to
 * the nearest edge of the block named by target (emitted after the other
 * blocks, so any block can be the target). */
#include "layout/block_info.h"
#include "model/infographic.h"

#define RULE_W 4.0
#define TEXT_X 16.0

static double callout_do(layout_ctx *c, const block_model *b, double x, double y, double w, int emit, double *texth) {
  const callout_content *k = b->content;
  const theme_model *th = &c->doc->theme;
  uint32_t accent = info_color(k->color, th->accent);
  double y0 = y, tw = w - TEXT_X;
  const text_box *l = info_spec_text(c, b, &k->label, th->small_size, 1, accent, tw, TEXT_LEFT, 0);
  const text_box *t = info_spec_text(c, b, &k->content, th->size_body, 0, th->ink, tw, TEXT_LEFT, 1);
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
  double th;
  return callout_do(c, b, 0, 0, w, 0, &th);
}

void callout_emit(layout_ctx *c, const block_model *b, double x, double y, double w, double h) {
  const callout_content *k = b->content;
  double th;
  callout_do(c, b, x, y, w, 1, &th);
  if (!k->target.s) return;
  double tx, ty, tw, tth;
  if (!layout_find_block(k->target.s, &tx, &ty, &tw, &tth)) {
    diag_spec_error(c->d, k->target.loc, "callout target '%s' is not the id of any block", k->target.s);
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
