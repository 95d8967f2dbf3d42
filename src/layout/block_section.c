/* Sections: a group with band: true, badge: true or a subtitle draws its
 * own frame instead of page.c's generic one (panel, title):
 *   - band: the background runs from the page's left edge to its right
 *     edge (the content keeps the page's margins) and the content is
 *     inset top and bottom by the band's padding; the colour is the
 *     block's background, else the section's accent as a 7% tint of the
 *     page;
 *   - the header: a numbered badge (01, 02 ... counted over the page's
 *     badged groups in reading order, or number:) in the accent before the
 *     title, or without a badge the short accent bar over it; a subtitle
 *     line under the title.
 * A band is drawn first, so everything in the section sits on it; it is
 * only for a group as wide as the page's content (otherwise it would run
 * under its neighbours): anything else is a located error. */
#include "base/colors.h"
#include "layout/block_info.h"
#include "layout/sections.h"
#include "model/infographic.h"

#define BAR_W 40.0    /* the accent bar over a title without a badge (as page.c's) */
#define BAR_H 5.0
#define BAR_GAP 12.0
#define BADGE_K 1.7    /* badge side, x the section title's size */
#define BADGE_TEXT 0.5 /* badge number, x the side */
#define BADGE_GAP 0.32 /* badge to title, x the side */
#define SUB_GAP 6.0
#define HEAD_GAP 0.6  /* header to content, x the title's size */
#define BAND_PAD 1.25 /* band's inset top and bottom, x the heading size */
#define BAND_TINT 0.07

int section_owns_frame(const block_model *b) {
  if (b->kind != BLOCK_GROUP || b->writing == WRITING_VERTICAL || !b->content) return 0;
  const group_content *g = b->content;
  return g->band || g->badge || g->subtitle.s;
}

uint32_t section_accent(const layout_ctx *c, const block_model *b) {
  const group_content *g = b->content;
  return info_color(g->accent, c->doc->theme.accent);
}

/* The badge's number: number: outright, else its place among the badged
 * groups of the page in reading order (depth first), counting from 1.
 * Returns 0 when b is not found. */
static int badge_walk(const block_model *bs, int n, const block_model *b, int *seen) {
  for (int i = 0; i < n; i++) {
    const block_model *x = &bs[i];
    if (x->kind != BLOCK_GROUP || !x->content) continue;
    const group_content *g = x->content;
    if (g->badge) ++*seen;
    if (x == b) return *seen;
    int r = badge_walk(g->items, g->nitems, b, seen);
    if (r) return r;
  }
  return 0;
}

int section_number(const layout_ctx *c, const block_model *b) {
  const group_content *g = b->content;
  if (!g->badge) return 0;
  if (g->number > 0) return g->number;
  int seen = 0;
  return badge_walk(c->doc->blocks, c->doc->nblocks, b, &seen);
}

typedef struct section_head {
  const text_box *title, *sub, *num;
  double side;   /* badge side, 0 without a badge */
  double tx;     /* title and subtitle start here from the content's left */
  double ty;     /* the title's top */
  double bar;    /* the accent bar's height and gap above the title, 0 with a badge */
  double h;      /* the header's height, gap to the content included (0: no header) */
} section_head;

static section_head head_layout(layout_ctx *c, const block_model *b, double w) {
  const group_content *g = b->content;
  const theme_model *th = &c->doc->theme;
  const char *lang = layout_block_lang(c, b);
  section_head r = {0};
  double ts = th->size_subtitle;
  if (g->badge) {
    r.side = ts * BADGE_K * c->text_scale;
    char num[16];
    snprintf(num, sizeof num, "%02d", section_number(c, b));
    /* the number in the page's colour on the accent */
    r.num = info_text(c, b, num, r.side * BADGE_TEXT / c->text_scale, 1, c->doc->page.background | 0xff, 0, TEXT_LEFT);
    r.tx = r.side * (1 + BADGE_GAP);
  } else if (b->title.s) {
    r.bar = BAR_H + BAR_GAP;
  }
  text_style st = layout_title_style(c, lang, ts, 1, th->ink);
  r.title = layout_text(c, &b->title, &st, w - r.tx, 0);
  r.sub = info_spec_text(c, b, &g->subtitle, th->size_body, 0, th->muted, w - r.tx, TEXT_LEFT, 1);
  double th_ = r.title ? r.title->height : 0;
  double row = th_ > r.side ? th_ : r.side;
  r.ty = r.bar + (r.side > th_ ? (r.side - th_) / 2 : 0);
  r.h = r.bar + row + (r.sub ? SUB_GAP + r.sub->height : 0);
  if (r.h > 0) r.h += ts * HEAD_GAP * c->text_scale;
  return r;
}

/* page.c's block padding, so the widths it plans with (number sizes, bar
 * scales) are the ones the section lays out at. */
static double pad_x(const block_model *b) { return layout_block_padding(b); }
static double pad_y(layout_ctx *c, const block_model *b) {
  const group_content *g = b->content;
  if (!isnan(b->padding) || !g->band) return pad_x(b);
  return c->doc->theme.size_heading * BAND_PAD * c->text_scale;
}

double section_measure(layout_ctx *c, const block_model *b, double w) {
  double px = pad_x(b), iw = w - 2 * px;
  if (iw < 1) iw = 1;
  section_head hd = head_layout(c, b, iw);
  return 2 * pad_y(c, b) + hd.h + group_measure(c, b, iw);
}

uint32_t section_band_color(const layout_ctx *c, const block_model *b) {
  if (b->background & 0xff) return b->background;
  return color_mix(c->doc->page.background | 0xff, section_accent(c, b), BAND_TINT);
}

/* Is the box as wide as the page's content?  A band runs to the page's
 * edges, so anything narrower would run under its neighbours. */
static int spans_content(const layout_ctx *c, double x, double w) {
  const doc_model *m = c->doc;
  double mg = isnan(m->layout.padding) ? m->page.margin : m->layout.padding;
  return x <= mg + 0.5 && x + w >= c->sc->width - mg - 0.5;
}

void section_emit(layout_ctx *c, const block_model *b, double x, double y, double w, double h) {
  const group_content *g = b->content;
  uint32_t accent = section_accent(c, b);
  if (g->band) {
    if (!spans_content(c, x, w)) {
      src_loc at = b->loc;
      const spec_node *bn = spec_map_get(b->value, "band");
      if (bn) at = spec_loc(c->doc->spec, bn);
      diag_spec_error(c->d, at,
                      "a band runs to the page's edges, so its group must be as wide as the page's content: give it "
                      "span: %d (the layout's columns) and keep it out of row groups",
                      c->doc->layout.columns);
    }
    sc_style bs = scene_fill(section_band_color(c, b));
    if (b->border & 0xff) { /* a rule along the band's top and bottom, not its sides */
      scene_rect(c->sc, 0, y, c->sc->width, 1, scene_fill(b->border), "section.band.rule");
      scene_rect(c->sc, 0, y + h - 1, c->sc->width, 1, scene_fill(b->border), "section.band.rule");
    }
    scene_rect(c->sc, 0, y, c->sc->width, h, bs, "section.band");
  } else {
    layout_block_panel(c, b, x, y, w, h);
  }
  double px = pad_x(b), py = pad_y(c, b);
  double ix = x + px, iy = y + py, iw = w - 2 * px, ih = h - 2 * py;
  if (iw < 1) iw = 1;
  section_head hd = head_layout(c, b, iw);
  if (hd.side > 0) {
    sc_item *r = scene_rect(c->sc, ix, iy, hd.side, hd.side, scene_fill(accent), "section.badge");
    r->rx = hd.side * 0.24;
    if (hd.num)
      scene_text(c->sc, hd.num, ix + (hd.side - hd.num->width) / 2, iy + (hd.side - hd.num->height) / 2,
                 "section.number");
  } else if (hd.bar > 0) {
    scene_rect(c->sc, ix, iy, BAR_W, BAR_H, scene_fill(accent), "section.bar");
  }
  if (hd.title) {
    /* one line beside a badge: centred on it */
    double ty = iy + hd.ty;
    scene_text(c->sc, hd.title, ix + hd.tx, ty, "section.title");
  }
  if (hd.sub) {
    double row = hd.title ? hd.title->height : 0;
    if (hd.side > row) row = hd.side;
    scene_text(c->sc, hd.sub, ix + hd.tx, iy + hd.bar + row + SUB_GAP, "section.subtitle");
  }
  group_emit(c, b, ix, iy + hd.h, iw, ih - hd.h);
}
