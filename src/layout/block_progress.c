/* progress: a share as a bar (number, label, track) or a ring. */
#include "layout/block_info.h"
#include "layout/waffle.h"
#include "model/infographic.h"

#define RING_PER_NUM 3.72 /* a ring's diameter, x its row's number size */
#define RING_VALUE 0.2    /* the value inside, x the diameter */

static double progress_do(layout_ctx *c, const block_model *b, double x, double y, double w, int emit) {
  const progress_content *p = b->content;
  if (p->style == PROGRESS_WAFFLE) return waffle_progress_do(c, b, x, y, w, emit);
  const theme_model *th = &c->doc->theme;
  uint32_t accent = info_color(p->color, th->accent);
  double frac = p->value / p->max;
  if (frac < 0) frac = 0;
  if (frac > 1) frac = 1;
  const char *num = info_number(c, &p->format, p->value, p->value_node ? p->value_node->str : NULL);
  double y0 = y;
  if (p->style == PROGRESS_RING) {
    /* the ring follows the type (the theme's size, overflow: shrink) and
     * its row: the rings of a row are one size */
    double d = progress_ring_size(c, b, w);
    if (c->ring_d > 0 && c->ring_d < d) d = c->ring_d;
    double sw = d * 0.11, r = (d - sw) / 2, cx = x + w / 2, cy = y + d / 2;
    double ds = d / c->text_scale; /* the texts scale with the ring (layout_style applies text_scale) */
    double vs = ds * RING_VALUE;
    const text_box *v = info_text(c, b, num, vs, 1, accent, 0, TEXT_LEFT);
    const text_box *u = info_text(c, b, p->unit.s, vs * NUM_UNIT, 0, accent, 0, TEXT_LEFT);
    double ugap = vs * NUM_UNIT_GAP * c->text_scale; /* attached as a key number's unit */
    /* its number is a key number of its row: the row's baseline goes through it */
    info_num_mark(c, y - y0 + d / 2 - v->height / 2 + v->ascent);
    if (emit) {
      sc_style ts = scene_stroke(th->rule, sw);
      ts.opacity = 0.5f;
      scene_path_begin(c->sc, ts, "progress.track");
      scene_arc(c->sc, cx, cy, r, 0, 2 * M_PI);
      scene_path_end(c->sc);
      if (frac > 0) {
        sc_style fs = scene_stroke(accent, sw);
        fs.round_cap = frac < 0.999;
        scene_path_begin(c->sc, fs, "progress.fill");
        scene_arc(c->sc, cx, cy, r, -M_PI / 2, -M_PI / 2 + 2 * M_PI * frac);
        scene_path_end(c->sc);
      }
      double tw = v->width + (u ? ugap + u->width : 0);
      scene_text(c->sc, v, cx - tw / 2, cy - v->height / 2, "progress.value");
      if (u) scene_text(c->sc, u, cx - tw / 2 + v->width + ugap, cy - v->height / 2 + v->ascent - u->ascent, "progress.unit");
    }
    y += d + 12;
    const text_box *l = info_spec_text(c, b, &p->label, th->body_size, 0, th->ink, w, TEXT_CENTER, 0);
    if (l) {
      if (emit) scene_text(c->sc, l, info_align_x(l, x, w, TEXT_CENTER), y, "progress.label");
      y += l->height;
    }
    const text_box *n = info_spec_text(c, b, &p->note, th->small_size, 0, th->muted, w, TEXT_CENTER, 1);
    if (n) {
      if (emit) scene_text(c->sc, n, info_align_x(n, x, w, TEXT_CENTER), y + 4, "progress.note");
      y += 4 + n->height;
    }
    return y - y0;
  }
  /* bar: the number, the label under it, the track under both; the track
   * is on the page's scale for this max (layout_ctx bar scale), so bars
   * of the same max are comparable side by side */
  info_key key = info_key_number(c, &p->format, p->value, p->value_node ? p->value_node->str : NULL,
                                 p->value_node ? (src_loc){c->doc->spec->path, p->value_node->line, p->value_node->col}
                                               : (src_loc){0},
                                 &p->unit);
  double fit = c->num_size > 0 || p->num_size > 0 ? 0 : info_num_fit(c, b, &key.num, &key.unit, w);
  info_num nb = info_num_layout(c, b, &key.num, &key.unit, info_num_size(c, fit, p->emphasis, p->num_size), accent);
  const text_box *l = info_spec_text(c, b, &p->label, th->body_size, 0, th->ink, w, TEXT_LEFT, 0);
  info_num_mark(c, y - y0 + info_num_baseline(&nb));
  if (emit) info_num_emit(c, &nb, x, y, "progress.value", "progress.unit");
  y += nb.height;
  if (l) {
    if (emit) scene_text(c->sc, l, x, y + 2, "progress.label");
    y += 2 + l->height;
  }
  double bh = th->body_size * 0.6;
  y += 10;
  if (emit) {
    double track = layout_bar_length(c, p->max, w);
    w = track;
    sc_style ts = scene_fill(th->rule);
    ts.opacity = 0.5f;
    sc_item *t = scene_rect(c->sc, x, y, w, bh, ts, "progress.track");
    t->rx = bh / 2;
    if (frac > 0) {
      sc_item *f = scene_rect(c->sc, x, y, w * frac < bh ? bh : w * frac, bh, scene_fill(accent), "progress.fill");
      f->rx = bh / 2;
    }
  }
  y += bh;
  const text_box *n = info_spec_text(c, b, &p->note, th->small_size, 0, th->muted, w, TEXT_LEFT, 1);
  if (n) {
    if (emit) scene_text(c->sc, n, x, y + 8, "progress.note");
    y += 8 + n->height;
  }
  return y - y0;
}

/* A ring follows the key numbers of its row: its diameter is RING_PER_NUM
 * times the row's shared number size (the type scale's number in a row
 * without one), so rings shrink with the numbers beside them and with
 * overflow: shrink; never wider than its box. */
double progress_ring_size(layout_ctx *c, const block_model *b, double w) {
  const progress_content *p = b->content;
  if (p->style != PROGRESS_RING) return 0;
  const theme_model *th = &c->doc->theme;
  double num = c->num_size > 0 ? c->num_size : th->size_number > 0 ? th->size_number : th->body_size * NUM_TOP;
  double d = num * RING_PER_NUM * c->text_scale;
  return w < d ? w : d;
}

double progress_number_want(layout_ctx *c, const block_model *b, double w) {
  const progress_content *p = b->content;
  if (p->style == PROGRESS_RING) return 0;
  info_key key = info_key_number(c, &p->format, p->value, p->value_node ? p->value_node->str : NULL, (src_loc){0},
                                 &p->unit);
  return info_num_want(c, info_num_fit(c, b, &key.num, &key.unit, w), p->emphasis, p->num_size);
}

double progress_measure(layout_ctx *c, const block_model *b, double w) { return progress_do(c, b, 0, 0, w, 0); }
void progress_emit(layout_ctx *c, const block_model *b, double x, double y, double w, double h) {
  progress_do(c, b, x, y, w, 1);
}
