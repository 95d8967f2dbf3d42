/* table: a heading row, zebra rows, numbers right-aligned and formatted,
 * text wrapped (CJK breaks anywhere Pango allows) within column widths
 * proportional to the columns' weights. */
#include "layout/block_info.h"
#include "model/infographic.h"

#define CELL_PX 12.0 /* horizontal cell padding */
#define CELL_PY 8.0

static double table_do(layout_ctx *c, const block_model *b, double x, double y, double w, int emit) {
  const table_content *t = b->content;
  const theme_model *th = &c->doc->theme;
  if (!t->ncols) return 0;
  double size = t->size > 0 ? t->size : th->body_size * 0.9;
  double wsum = 0;
  for (int i = 0; i < t->ncols; i++) wsum += t->cols[i].weight;
  double *cw = arena_alloc_array(c->a, (size_t)t->ncols, sizeof *cw);
  for (int i = 0; i < t->ncols; i++) cw[i] = w * t->cols[i].weight / wsum;
  double y0 = y;
  for (int r = t->header ? -1 : 0; r < t->nrows; r++) {
    const text_box **boxes = arena_alloc_array(c->a, (size_t)t->ncols, sizeof *boxes);
    int *aligns = arena_alloc_array(c->a, (size_t)t->ncols, sizeof *aligns);
    double rh = 0;
    for (int i = 0; i < t->ncols; i++) {
      const table_column *col = &t->cols[i];
      int align;
      const text_box *bx;
      double inner = cw[i] - 2 * CELL_PX;
      if (inner < 8) inner = 8;
      if (r < 0) {
        align = col->align >= 0 ? col->align : TEXT_LEFT;
        if (col->align < 0 && t->nrows > 0 && t->cells[i].is_number) align = TEXT_RIGHT;
        bx = info_spec_text(c, b, &col->title, size * 0.9, 1, th->muted, inner, (text_align)align, 0);
      } else {
        const table_cell *cell = &t->cells[r * t->ncols + i];
        align = col->align >= 0 ? col->align : (cell->is_number ? TEXT_RIGHT : TEXT_LEFT);
        const char *s = cell->text ? cell->text : "";
        if (cell->is_number) s = info_number(c, &col->format, cell->value, cell->text);
        spec_text st = {s, cell->loc};
        bx = info_spec_text(c, b, &st, size, i == 0 ? 0 : 0, th->ink, inner, (text_align)align, 0);
      }
      boxes[i] = bx;
      aligns[i] = align;
      if (bx && bx->height > rh) rh = bx->height;
    }
    if (rh == 0) rh = size * 1.4;
    rh += 2 * CELL_PY;
    if (emit) {
      if (r >= 0 && t->zebra && r % 2 == 0) scene_rect(c->sc, x, y, w, rh, scene_fill(th->panel), "table.zebra");
      double cx = x;
      for (int i = 0; i < t->ncols; i++) {
        if (boxes[i]) {
          /* an aligned box is as wide as its wrap width: place it in the cell */
          scene_text(c->sc, boxes[i], info_align_x(boxes[i], cx + CELL_PX, cw[i] - 2 * CELL_PX, aligns[i]), y + CELL_PY,
                     r < 0 ? "table.head" : "table.cell");
        }
        cx += cw[i];
      }
      if (r < 0) scene_rect(c->sc, x, y + rh - 1.5, w, 1.5, scene_fill(th->ink), "table.rule");
    }
    y += rh;
  }
  if (emit) scene_rect(c->sc, x, y - 1, w, 1, scene_fill(th->rule), "table.rule");
  return y - y0;
}

double table_measure(layout_ctx *c, const block_model *b, double w) { return table_do(c, b, 0, 0, w, 0); }
void table_emit(layout_ctx *c, const block_model *b, double x, double y, double w, double h) { table_do(c, b, x, y, w, 1); }
