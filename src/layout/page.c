/* Page layout: header (title, subtitle), a grid of blocks, footer (note,
 * source).  Heights come from measuring; a fixed-height page that cannot
 * hold its content is an error naming the block that overflows. */
#include <math.h>
#include <stdio.h>

#include "chart/chart.h"
#include "layout/layout.h"
#include "model/colors.h"

#define HEADER_GAP 32.0 /* header to first row */
#define FOOTER_GAP 28.0 /* last row to footer */
#define TITLE_GAP 10.0  /* title to subtitle */
#define BLOCK_TITLE_GAP 12.0

text_style layout_style(const layout_ctx *c, const char *lang, double size, int bold, uint32_t color) {
  text_style st = {0};
  st.lang = lang ? lang : c->doc->lang;
  st.size = size * c->text_scale;
  st.weight = bold ? 700 : 400;
  st.color = color;
  return st;
}

const text_box *layout_text(layout_ctx *c, const spec_text *t, const text_style *st, double width, int max_lines) {
  if (!t || !t->s) return NULL;
  return text_layout(c->te, t->s, st, width, max_lines, t->loc, c->d);
}

const char *layout_block_lang(const layout_ctx *c, const block_model *b) {
  return b->lang.s ? b->lang.s : c->doc->lang;
}

static double block_padding(const block_model *b) {
  if (!isnan(b->padding)) return b->padding;
  return ((b->background & 0xff) || (b->border & 0xff)) ? 20.0 : 0.0;
}

static const text_box *block_title(layout_ctx *c, const block_model *b, double inner_w) {
  text_style st = layout_style(c, layout_block_lang(c, b), c->doc->theme.body_size * 1.1, 1, c->doc->theme.ink);
  return layout_text(c, &b->title, &st, inner_w, 0);
}

static double measure_block(layout_ctx *c, const block_model *b, double w) {
  double pad = block_padding(b);
  double inner = w - 2 * pad;
  if (inner < 1) inner = 1;
  double h = 2 * pad;
  const text_box *t = block_title(c, b, inner);
  if (t) h += t->height + BLOCK_TITLE_GAP;
  const block_ops *ops = layout_block_ops(b->kind);
  if (ops) h += ops->measure(c, b, inner);
  return h;
}

static void emit_block(layout_ctx *c, const block_model *b, double x, double y, double w, double h) {
  double pad = block_padding(b);
  if ((b->background & 0xff) || (b->border & 0xff)) {
    sc_style st = scene_fill(b->background);
    if (b->border & 0xff) {
      st.stroke = b->border;
      st.stroke_width = 1;
    }
    sc_item *r = scene_rect(c->sc, x, y, w, h, st, "block.panel");
    r->rx = 6;
  }
  double ix = x + pad, iy = y + pad, iw = w - 2 * pad, ih = h - 2 * pad;
  const text_box *t = block_title(c, b, iw);
  if (t) {
    scene_text(c->sc, t, ix, iy, "block.title");
    iy += t->height + BLOCK_TITLE_GAP;
    ih -= t->height + BLOCK_TITLE_GAP;
  }
  const block_ops *ops = layout_block_ops(b->kind);
  if (ops) ops->emit(c, b, ix, iy, iw, ih);
}

typedef struct placed {
  double x, y, w, h;
} placed;

/* Flow blocks into the grid; returns the height used (from y0), fills pos.
 * On a fixed page, *overflow gets the first block whose bottom passes limit. */
static double flow_grid(layout_ctx *c, double x0, double y0, double cw, placed *pos) {
  const doc_model *m = c->doc;
  int cols = m->layout.columns;
  double gap = m->layout.gap;
  double colw = (cw - (cols - 1) * gap) / cols;
  double y = y0;
  int i = 0;
  while (i < m->nblocks) {
    /* One row: as many blocks as fit their spans. */
    int start = i, col = 0;
    double row_h = 0;
    while (i < m->nblocks) {
      int span = m->blocks[i].span > cols ? cols : m->blocks[i].span;
      if (col > 0 && col + span > cols) break;
      double w = span * colw + (span - 1) * gap;
      pos[i].x = x0 + col * (colw + gap);
      pos[i].w = w;
      pos[i].h = measure_block(c, &m->blocks[i], w);
      if (pos[i].h > row_h) row_h = pos[i].h;
      col += span;
      i++;
    }
    for (int k = start; k < i; k++) {
      pos[k].y = y;
      pos[k].h = row_h; /* panels in a row share its height */
    }
    y += row_h + (i < m->nblocks ? gap : 0);
  }
  return y - y0;
}

static scene *try_layout(layout_ctx *c, int report_overflow, int *overflowed) {
  const doc_model *m = c->doc;
  const theme_model *th = &m->theme;
  double W = m->page.width, mg = m->page.margin;
  if (m->page.auto_width && m->nblocks == 1 && m->blocks[0].kind == BLOCK_CHART) {
    double cw0, ch0;
    chart_size(m->blocks[0].content, c, 0, 0, &cw0, &ch0);
    W = ceil(cw0 + 2 * mg);
  }
  double cw = W - 2 * mg;
  *overflowed = 0;
  if (cw < 10) {
    diag_spec_error(c->d, (src_loc){m->spec->path, 1, 1},
                    "the page is %.0fpx wide but its margins take %.0fpx: no room for content", W, 2 * mg);
    return NULL;
  }
  text_style ts = layout_style(c, NULL, th->title_size, 1, th->ink);
  text_style ss = layout_style(c, NULL, th->subtitle_size, 0, th->muted);
  text_style fs = layout_style(c, NULL, th->small_size, 0, th->muted);
  const text_box *title = layout_text(c, &m->title, &ts, cw, 0);
  const text_box *sub = layout_text(c, &m->subtitle, &ss, cw, 0);
  const text_box *note = layout_text(c, &m->note, &fs, cw, 0);
  const text_box *source = layout_text(c, &m->source, &fs, cw, 0);

  double y = mg;
  double header_y = y;
  if (title) y += title->height;
  if (title && sub) y += TITLE_GAP;
  if (sub) y += sub->height;
  if (title || sub) y += HEADER_GAP;

  placed *pos = arena_alloc_array(c->a, (size_t)(m->nblocks ? m->nblocks : 1), sizeof *pos);
  double grid_h = flow_grid(c, mg, y, cw, pos);
  double footer_h = (note ? note->height : 0) + (note && source ? 4 : 0) + (source ? source->height : 0);
  double content_end = y + grid_h + (footer_h > 0 ? FOOTER_GAP + footer_h : 0);

  double H = m->page.height;
  if (isnan(H)) {
    H = ceil(content_end + mg);
  } else if (content_end + mg > H + 0.5) {
    *overflowed = 1;
    if (report_overflow) {
      double limit = H - mg - (footer_h > 0 ? FOOTER_GAP + footer_h : 0);
      int culprit = -1;
      for (int i = 0; i < m->nblocks; i++)
        if (pos[i].y + pos[i].h > limit + 0.5) {
          culprit = i;
          break;
        }
      if (culprit >= 0) {
        const block_model *b = &m->blocks[culprit];
        diag_spec_error(c->d, b->loc,
                        "block %d (%s) does not fit on the page: the content needs %.0fpx of height but the page "
                        "has %.0fpx (make the page taller, use height: auto, or overflow: shrink)",
                        b->index, block_kind_name(b->kind), ceil(content_end + mg), H);
      } else {
        diag_spec_error(c->d, (src_loc){m->spec->path, 1, 1},
                        "the content needs %.0fpx of height but the page has %.0fpx", ceil(content_end + mg), H);
      }
    }
    return NULL;
  }

  scene *s = scene_new(c->a, W, H, m->page.background);
  c->sc = s;
  s->lang = m->lang;
  s->title = m->title.s;
  s->desc = m->description.s;
  if (title) scene_text(s, title, mg, header_y, "title");
  if (sub) scene_text(s, sub, mg, header_y + (title ? title->height + TITLE_GAP : 0), "subtitle");
  for (int i = 0; i < m->nblocks; i++) emit_block(c, &m->blocks[i], pos[i].x, pos[i].y, pos[i].w, pos[i].h);
  double fy = H - mg - footer_h;
  if (note) {
    scene_text(s, note, mg, fy, "note");
    fy += note->height + 4;
  }
  if (source) scene_text(s, source, mg, fy, "source");
  return s;
}

scene *layout_document(const doc_model *doc, text_engine *te, arena *a, diag_list *d) {
  layout_ctx c = {doc, te, a, d, NULL, 1.0};
  int overflowed;
  int shrink = doc->page.overflow == OVERFLOW_SHRINK;
  scene *s = try_layout(&c, !shrink, &overflowed);
  /* overflow: shrink — scale all text down until the content fits (the
   * geometry is not linear in the scale, so step and re-measure). */
  for (int step = 0; !s && overflowed && shrink && step < 12; step++) {
    c.text_scale *= 0.92;
    s = try_layout(&c, c.text_scale < 0.4, &overflowed);
  }
  if (!s && overflowed && shrink && !d->errors)
    diag_spec_error(d, (src_loc){doc->spec->path, 1, 1}, "the content does not fit the page even with text shrunk to 40%%");
  return s;
}
