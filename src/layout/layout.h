/* Layout: model -> scene.  Measures text through text/ (never draws), solves
 * sizes and positions, and emits scene items.  Never calls cairo. */
#ifndef HUITU_LAYOUT_LAYOUT_H
#define HUITU_LAYOUT_LAYOUT_H
#include "base/diag.h"
#include "model/doc.h"
#include "scene/scene.h"
#include "text/text.h"

typedef struct layout_ctx {
  const doc_model *doc;
  text_engine *te;
  arena *a; /* the render arena: scene and scratch */
  diag_list *d;
  scene *sc;
  double text_scale; /* < 1 when overflow: shrink is in force */
  /* The theme's font and titleFont as text styles name them (installed
   * families, see text_font_list_resolve; NULL: the lang's fonts).  In the
   * render arena. */
  const char *font, *title_font;
  /* A fixed-height page: blocks that can grow (charts, images, spacers,
   * grow: weights) take the spare height, and a chart fills the box it is
   * emitted into. */
  int fixed;
  /* Measuring the smallest height a block can take on a fixed page (a
   * chart's plot shrunk to its minimum), not its natural height. */
  int measure_min;
  /* The shared size of the primary key numbers in the row the block being
   * laid out sits in (page.c, block_group.c); 0: the block's own fit. */
  double num_size;
  /* The shared diameter of the progress rings in that row; 0: their own. */
  double ring_d;
  /* Progress tracks: the length a track of each max gets, one px scale
   * per max across the page (page.c).  In the render arena. */
  struct layout_bar_scale {
    double max, len;  /* progress: a max and its track length */
    const char *unit; /* compare (max < 0): a unit ("" none) and len its px per unit */
  } *bars;
  int nbars;
  /* One baseline for the key numbers of a row, whatever sits above them (a
   * block title, padding, a compare block's label).  num_base: while a
   * block is measured, where its first key number's baseline falls below
   * its content's top (set by the block, < 0: none yet).  num_lead: extra
   * space above the next block's content (page.c), so that baseline lands
   * on its row's; layout_measure_block and layout_emit_block take it and
   * reset it, so the blocks inside a group never inherit it. */
  double num_base, num_lead;
  /* Each chart's memo for this layout (chart_memo: its fonts found, its
   * last size), made on first use by layout_chart_stage, in the render
   * arena; the charts themselves are not written at layout. */
  struct layout_chart_memo {
    const void *chart;
    struct chart_memo *memo;
  } *chart_memos;
  int ncharts, capcharts;
} layout_ctx;

/* Lay the document out.  Returns NULL when an error stops it (recorded in d). */
scene *layout_document(const doc_model *doc, text_engine *te, arena *a, diag_list *d);

/* A text style from the theme (its font), scaled by the context's text scale. */
text_style layout_style(const layout_ctx *c, const char *lang, double size, int bold, uint32_t color);
/* The same in the theme's titleFont: page title and subtitle, block and
 * section titles. */
text_style layout_title_style(const layout_ctx *c, const char *lang, double size, int bold, uint32_t color);

/* What chart ch gets from the page to measure and emit with: the context's
 * engine, arena and scene, its text settings as data, and this layout's
 * memo for ch (block_chart.c). */
struct chart_stage;
struct chart;
struct chart_stage layout_chart_stage(layout_ctx *c, const struct chart *ch);
/* Lay out a string (NULL-safe: returns NULL for NULL text). */
const text_box *layout_text(layout_ctx *c, const spec_text *t, const text_style *st, double width, int max_lines);

/* Block content: measure the height for a width, then emit into a box.
 * natural (may be NULL: the block fills its width): how wide the content
 * is when given width w, its widest line or number, so a column group
 * that centres its children (align: center) can centre it. */
typedef struct block_ops {
  double (*measure)(layout_ctx *c, const block_model *b, double width);
  void (*emit)(layout_ctx *c, const block_model *b, double x, double y, double w, double h);
  double (*natural)(layout_ctx *c, const block_model *b, double width);
} block_ops;

const block_ops *layout_block_ops(block_kind k);
const char *layout_block_lang(const layout_ctx *c, const block_model *b);
#endif
