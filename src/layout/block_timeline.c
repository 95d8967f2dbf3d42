/* timeline and steps: items along a line, each a marker with its texts.
 * A timeline's marker is a dot and its label (the date) is the item's
 * headline, in the accent; a steps block's marker is a disc with the
 * step's number.  An item's icon goes in its disc (any item with an icon,
 * or a steps block, makes every marker a disc).
 *   horizontal: the items share the width in equal columns, the line runs
 *     through the markers' centres, the texts stand left-aligned under
 *     their marker -- or, with alternate, over and under the line in turn
 *     (the first over), each as wide as two columns, since its neighbours
 *     are on the other side;
 *   vertical: the markers go down the left, the line through them, each
 *     item's texts beside its marker, the first line on the marker's
 *     centre.
 * direction: auto is horizontal while each column gets AUTO_EMS body
 * characters, else vertical (a phone's column of four milestones). */
#include "base/colors.h"
#include "layout/block_info.h"
#include "layout/icons.h"
#include "model/list_blocks.h"

#define AUTO_EMS 7.0
#define COL_GAP 0.9   /* between columns, x body */
#define ROW_GAP 0.9   /* between items (vertical), x body */
#define DOT 0.7       /* a dot marker's diameter, x body */
#define DISC 2.0      /* a disc marker's diameter, x body */
#define GLYPH 0.56    /* the icon in a disc, x the disc */
#define LINE_W 0.1    /* the line's thickness, x body */
#define TEXT_GAP 0.45 /* marker to texts, x body */
#define LINE_TINT 0.55 /* the line: the accent this far to the page's colour */

typedef struct tl_roles {
  const char *line, *marker, *icon, *number, *label, *title, *text;
} tl_roles;
static const tl_roles timeline_roles = {"timeline.line", "timeline.marker", "timeline.icon", "timeline.number",
                                        "timeline.label", "timeline.title", "timeline.text"};
static const tl_roles steps_roles = {"steps.line", "steps.marker", "steps.icon", "steps.number",
                                     "steps.label", "steps.title", "steps.text"};

typedef struct tl_texts {
  const text_box *label, *title, *text;
  double h;
} tl_texts;

static double marker_size(layout_ctx *c, const timeline_content *k) {
  int disc = k->steps;
  for (int i = 0; i < k->nitems && !disc; i++) disc = k->items[i].icon != NULL;
  return c->doc->theme.size_body * c->text_scale * (disc ? DISC : DOT);
}

static int is_across(layout_ctx *c, const timeline_content *k, double w) {
  if (k->direction != TL_AUTO) return k->direction == TL_HORIZONTAL;
  double body = c->doc->theme.size_body * c->text_scale;
  return (k->alternate ? 2 : 1) * (w - (k->nitems - 1) * COL_GAP * body) / k->nitems >= AUTO_EMS * body;
}

static tl_texts item_texts(layout_ctx *c, const block_model *b, const timeline_item *it, uint32_t accent, double w) {
  const timeline_content *k = b->content;
  const theme_model *th = &c->doc->theme;
  tl_texts t = {0};
  /* a timeline's date is its headline; a step's label a small heading */
  if (k->steps) t.label = info_spec_text(c, b, &it->label, th->size_note, 1, accent, w, TEXT_LEFT, 0);
  else t.label = info_spec_text(c, b, &it->label, th->size_heading, 1, accent, w, TEXT_LEFT, 0);
  t.title = info_spec_text(c, b, &it->title, th->size_body, 1, th->ink, w, TEXT_LEFT, 1);
  t.text = info_spec_text(c, b, &it->text, th->size_note, 0, th->muted, w, TEXT_LEFT, 1);
  const text_box *bx[3] = {t.label, t.title, t.text};
  for (int i = 0; i < 3; i++)
    if (bx[i]) t.h += (t.h > 0 ? 4 : 0) + bx[i]->height;
  return t;
}

static double emit_texts(layout_ctx *c, const tl_texts *t, const tl_roles *ro, double x, double y) {
  const text_box *bx[3] = {t->label, t->title, t->text};
  const char *roles[3] = {ro->label, ro->title, ro->text};
  double y0 = y;
  for (int i = 0; i < 3; i++)
    if (bx[i]) {
      if (y > y0) y += 4;
      scene_text(c->sc, bx[i], x, y, roles[i]);
      y += bx[i]->height;
    }
  return y - y0;
}

static void emit_marker(layout_ctx *c, const block_model *b, int i, double cx, double cy, double d, uint32_t accent,
                        const tl_roles *ro) {
  const timeline_content *k = b->content;
  const timeline_item *it = &k->items[i];
  uint32_t on = c->doc->page.background | 0xff; /* what is drawn on the accent */
  scene_circle(c->sc, cx, cy, d / 2, scene_fill(accent), ro->marker);
  if (it->icon) {
    double g = d * GLYPH;
    icon_draw(c->sc, it->icon, cx - g / 2, cy - g / 2, g, on, ro->icon);
  } else if (k->steps) {
    char num[16];
    snprintf(num, sizeof num, "%d", i + 1);
    const text_box *t = info_text(c, b, num, d * 0.5 / c->text_scale, 1, on, 0, TEXT_LEFT);
    scene_text(c->sc, t, cx - t->width / 2, cy - t->height / 2, ro->number);
  }
}

/* Across, the texts over and under the line in turn: the first item's
 * over it, bottom-aligned a gap above the markers; the second's under it;
 * each as wide as two columns (clipped at the block's right edge). */
static double across_alternating(layout_ctx *c, const block_model *b, double x, double y, double w, int emit, double md,
                                 double lw, sc_style ls, uint32_t accent) {
  const timeline_content *k = b->content;
  const tl_roles *ro = k->steps ? &steps_roles : &timeline_roles;
  int n = k->nitems;
  double body = c->doc->theme.size_body * c->text_scale, gap = TEXT_GAP * body;
  double cg = COL_GAP * body, cw = (w - (n - 1) * cg) / n, side[2] = {0, 0};
  if (cw < 1) cw = 1;
  if (md > cw) md = cw;
  tl_texts *t = arena_alloc_array(c->a, (size_t)n, sizeof *t);
  for (int i = 0; i < n; i++) {
    double cx = i * (cw + cg), tw = fmin(2 * cw + cg - cg, w - cx);
    t[i] = item_texts(c, b, &k->items[i], accent, tw < 1 ? 1 : tw);
    side[i % 2] = fmax(side[i % 2], t[i].h);
  }
  double cy = y + side[0] + (side[0] > 0 ? gap : 0) + md / 2;
  if (emit) {
    if (n > 1) scene_rect(c->sc, x + md / 2, cy - lw / 2, (n - 1) * (cw + cg), lw, ls, ro->line);
    for (int i = 0; i < n; i++) {
      double cx = x + i * (cw + cg);
      emit_marker(c, b, i, cx + md / 2, cy, md, accent, ro);
      emit_texts(c, &t[i], ro, cx, i % 2 ? cy + md / 2 + gap : cy - md / 2 - gap - t[i].h);
    }
  }
  return cy + md / 2 + (side[1] > 0 ? gap + side[1] : 0) - y;
}

static double timeline_do(layout_ctx *c, const block_model *b, double x, double y, double w, int emit) {
  const timeline_content *k = b->content;
  const theme_model *th = &c->doc->theme;
  int n = k->nitems;
  if (!n) return 0;
  const tl_roles *ro = k->steps ? &steps_roles : &timeline_roles;
  double body = th->size_body * c->text_scale, md = marker_size(c, k), gap = TEXT_GAP * body;
  uint32_t accent = info_color(k->color, th->accent);
  sc_style ls = scene_fill(color_mix(accent, c->doc->page.background | 0xff, LINE_TINT));
  double lw = LINE_W * body < 2 ? 2 : LINE_W * body;
  if (is_across(c, k, w) && k->alternate) return across_alternating(c, b, x, y, w, emit, md, lw, ls, accent);
  if (is_across(c, k, w)) {
    double cg = COL_GAP * body, cw = (w - (n - 1) * cg) / n, texth = 0;
    if (cw < 1) cw = 1;
    if (md > cw) md = cw; /* direction: horizontal forced on too narrow a block: markers never overlap */
    tl_texts *t = arena_alloc_array(c->a, (size_t)n, sizeof *t);
    for (int i = 0; i < n; i++) {
      t[i] = item_texts(c, b, &k->items[i], accent, cw);
      if (t[i].h > texth) texth = t[i].h;
    }
    if (emit) {
      double cy = y + md / 2;
      if (n > 1) scene_rect(c->sc, x + md / 2, cy - lw / 2, (n - 1) * (cw + cg), lw, ls, ro->line);
      for (int i = 0; i < n; i++) {
        double cx = x + i * (cw + cg);
        emit_marker(c, b, i, cx + md / 2, cy, md, accent, ro);
        emit_texts(c, &t[i], ro, cx, y + md + gap);
      }
    }
    return md + gap + texth;
  }
  /* down the left: place every item first, so the line goes under the markers */
  double tx = x + md + gap, tw = w - md - gap, y0 = y;
  if (tw < 1) tw = 1;
  tl_texts *t = arena_alloc_array(c->a, (size_t)n, sizeof *t);
  double *cy = arena_alloc_array(c->a, (size_t)n, sizeof *cy), *ty = arena_alloc_array(c->a, (size_t)n, sizeof *ty);
  for (int i = 0; i < n; i++) {
    t[i] = item_texts(c, b, &k->items[i], accent, tw);
    const text_box *head = t[i].label ? t[i].label : t[i].title ? t[i].title : t[i].text;
    double line1 = head && head->nlines > 0 ? head->height / head->nlines : 0;
    /* the first line's middle on the marker's centre */
    double toff = md > line1 ? (md - line1) / 2 : 0, moff = md > line1 ? 0 : (line1 - md) / 2;
    cy[i] = y + moff + md / 2;
    ty[i] = y + toff;
    double rowh = toff + t[i].h > moff + md ? toff + t[i].h : moff + md;
    y += rowh + (i + 1 < n ? ROW_GAP * body : 0);
  }
  if (emit) {
    if (n > 1) scene_rect(c->sc, x + md / 2 - lw / 2, cy[0], lw, cy[n - 1] - cy[0], ls, ro->line);
    for (int i = 0; i < n; i++) {
      emit_marker(c, b, i, x + md / 2, cy[i], md, accent, ro);
      emit_texts(c, &t[i], ro, tx, ty[i]);
    }
  }
  return y - y0;
}

double timeline_measure(layout_ctx *c, const block_model *b, double w) { return timeline_do(c, b, 0, 0, w, 0); }
void timeline_emit(layout_ctx *c, const block_model *b, double x, double y, double w, double h) {
  timeline_do(c, b, x, y, w, 1);
}
