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
} layout_ctx;

/* Lay the document out.  Returns NULL when an error stops it (recorded in d). */
scene *layout_document(const doc_model *doc, text_engine *te, arena *a, diag_list *d);

/* A text style from the theme, scaled by the context's text scale. */
text_style layout_style(const layout_ctx *c, const char *lang, double size, int bold, uint32_t color);
/* Lay out a string (NULL-safe: returns NULL for NULL text). */
const text_box *layout_text(layout_ctx *c, const spec_text *t, const text_style *st, double width, int max_lines);

/* Block content: measure the height for a width, then emit into a box. */
typedef struct block_ops {
  double (*measure)(layout_ctx *c, const block_model *b, double width);
  void (*emit)(layout_ctx *c, const block_model *b, double x, double y, double w, double h);
} block_ops;

const block_ops *layout_block_ops(block_kind k);
const char *layout_block_lang(const layout_ctx *c, const block_model *b);
#endif
