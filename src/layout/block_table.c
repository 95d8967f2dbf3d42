/* table: a heading row, zebra rows, numbers right-aligned on their decimal
 * point and formatted, text wrapped (CJK breaks anywhere Pango allows).
 * Column widths come from the content, like an HTML auto table: each
 * column's min-content (its widest unbreakable piece) and max-content
 * (its longest line unwrapped); when everything fits unwrapped the spare
 * width is shared in proportion to max-content, else each column gets its
 * minimum plus a share of the rest in proportion to what it would still
 * wrap.  width: sets a column outright, nowrap: makes its minimum its
 * maximum; weight: on any column keeps the older widths by weight. */
#include "layout/block_info.h"
#include "model/infographic.h"

#define CELL_PX 12.0 /* horizontal cell padding */
#define CELL_PY 8.0

/* A cell's text (numbers through the column's format). */
static const char *cell_string(layout_ctx *c, const table_column *col, const table_cell *cell) {
  const char *s = cell->text ? cell->text : "";
  return cell->is_number ? info_number(c, &col->format, cell->value, cell->text) : s;
}

/* Width of a number's part from its decimal point on ("", when none):
 * numbers of a column line up on the point. */
static double frac_width(layout_ctx *c, const block_model *b, const char *s, double size) {
  const char *dot = strchr(s, '.');
  if (!dot) { /* a unit or % after an integer still lines up with the others' digits */
    dot = s;
    while (*dot && ((*dot >= '0' && *dot <= '9') || *dot == ',' || *dot == '-' || *dot == '+')) dot++;
  }
  if (!*dot) return 0;
  const text_box *t = info_text(c, b, dot, size, 0, 0, 0, TEXT_LEFT);
  return t ? t->width : 0;
}

/* Do two cells of a merge column hold the same value? */
static int same_cell(const table_cell *a, const table_cell *b) {
  return a->text && b->text && !strcmp(a->text, b->text);
}

static void column_widths(layout_ctx *c, const block_model *b, double w, double size, double *cw, double *fracmax) {
  const table_content *t = b->content;
  int n = t->ncols, by_weight = 0;
  for (int i = 0; i < n; i++) by_weight |= t->cols[i].weight_given;
  double *mn = arena_alloc_array(c->a, (size_t)n, sizeof *mn), *mx = arena_alloc_array(c->a, (size_t)n, sizeof *mx);
  for (int i = 0; i < n; i++) {
    const table_column *col = &t->cols[i];
    double fmin = 1e9;
    fracmax[i] = 0;
    for (int r = t->header ? -1 : 0; r < t->nrows; r++) {
      const text_box *lo, *hi;
      if (r < 0) {
        lo = info_spec_text(c, b, &col->title, size * 0.9, 1, 0, 1, TEXT_LEFT, 0);
        hi = info_spec_text(c, b, &col->title, size * 0.9, 1, 0, 0, TEXT_LEFT, 0);
      } else {
        const table_cell *cell = &t->cells[r * n + i];
        const char *s = cell_string(c, col, cell);
        lo = info_text(c, b, s, size, 0, 0, 1, TEXT_LEFT);
        hi = info_text(c, b, s, size, 0, 0, 0, TEXT_LEFT);
        if (cell->is_number) {
          double f = frac_width(c, b, s, size);
          if (f > fracmax[i]) fracmax[i] = f;
          if (f < fmin) fmin = f;
        }
      }
      if (lo && lo->width > mn[i]) mn[i] = lo->width;
      if (hi && hi->width > mx[i]) mx[i] = hi->width;
    }
    if (fmin < 1e9) mx[i] += fracmax[i] - fmin; /* room to line the points up */
    if (col->nowrap || mx[i] < mn[i]) mn[i] = mx[i];
    mn[i] += 2 * CELL_PX;
    mx[i] += 2 * CELL_PX;
    if (col->width > 0) mn[i] = mx[i] = col->width;
  }
  if (by_weight) {
    double wsum = 0, fixed = 0;
    for (int i = 0; i < n; i++)
      if (t->cols[i].width > 0) fixed += t->cols[i].width;
      else wsum += t->cols[i].weight;
    for (int i = 0; i < n; i++)
      cw[i] = t->cols[i].width > 0 ? t->cols[i].width : wsum > 0 ? (w - fixed) * t->cols[i].weight / wsum : 0;
    return;
  }
  /* Spare width goes to the text columns: a number column stays as wide
   * as its numbers, next to what they count. */
  int *gets = arena_alloc_array(c->a, (size_t)n, sizeof *gets), any = 0;
  for (int i = 0; i < n && t->nrows > 0; i++) {
    int nums = 0;
    for (int r = 0; r < t->nrows; r++) nums += t->cells[r * n + i].is_number;
    gets[i] = t->cols[i].width <= 0 && 2 * nums < t->nrows;
    any |= gets[i];
  }
  for (int i = 0; i < n && !any; i++) gets[i] = t->cols[i].width <= 0;
  double smin = 0, smax = 0, sflex = 0;
  for (int i = 0; i < n; i++) {
    smin += mn[i];
    smax += mx[i];
    if (gets[i]) sflex += mx[i];
  }
  for (int i = 0; i < n; i++) {
    if (smax <= w) /* all unwrapped: the spare by max-content (fixed widths stay) */
      cw[i] = mx[i] + (!gets[i] || sflex <= 0 ? 0 : (w - smax) * mx[i] / sflex);
    else if (smin >= w) /* too narrow even wrapped: the minimums, scaled down */
      cw[i] = mn[i] * w / smin;
    else
      cw[i] = mn[i] + (w - smin) * (mx[i] - mn[i]) / (smax - smin);
  }
}

static double table_do(layout_ctx *c, const block_model *b, double x, double y, double w, int emit) {
  const table_content *t = b->content;
  const theme_model *th = &c->doc->theme;
  if (!t->ncols) return 0;
  double size = t->size > 0 ? t->size : th->body_size * 0.9;
  double *cw = arena_alloc_array(c->a, (size_t)t->ncols, sizeof *cw);
  double *fracmax = arena_alloc_array(c->a, (size_t)t->ncols, sizeof *fracmax);
  column_widths(c, b, w, size, cw, fracmax);
  double y0 = y;
  for (int r = t->header ? -1 : 0; r < t->nrows; r++) {
    const text_box **boxes = arena_alloc_array(c->a, (size_t)t->ncols, sizeof *boxes);
    int *aligns = arena_alloc_array(c->a, (size_t)t->ncols, sizeof *aligns);
    double *shift = arena_alloc_array(c->a, (size_t)t->ncols, sizeof *shift);
    double rh = 0;
    for (int i = 0; i < t->ncols; i++) {
      const table_column *col = &t->cols[i];
      int align;
      const text_box *bx;
      double inner = cw[i] - 2 * CELL_PX;
      if (inner < 8) inner = 8;
      if (col->nowrap) inner = 0;
      if (r < 0) {
        align = col->align >= 0 ? col->align : TEXT_LEFT;
        if (col->align < 0 && t->nrows > 0 && t->cells[i].is_number) align = TEXT_RIGHT;
        bx = info_spec_text(c, b, &col->title, size * 0.9, 1, th->muted, inner, (text_align)align, 0);
      } else {
        const table_cell *cell = &t->cells[r * t->ncols + i];
        align = col->align >= 0 ? col->align : (cell->is_number ? TEXT_RIGHT : TEXT_LEFT);
        const char *s = cell_string(c, col, cell);
        if (col->merge && r > 0 && same_cell(cell, &t->cells[(r - 1) * t->ncols + i])) s = ""; /* merged above */
        spec_text st = {s, cell->loc};
        bx = info_spec_text(c, b, &st, size, 0, th->ink, inner, (text_align)align, 0);
        if (bx && cell->is_number && align == TEXT_RIGHT) shift[i] = fracmax[i] - frac_width(c, b, s, size);
      }
      boxes[i] = bx;
      aligns[i] = align;
      if (bx && bx->height > rh) rh = bx->height;
    }
    if (rh == 0) rh = size * 1.4;
    rh += 2 * CELL_PY;
    if (emit) {
      if (r >= 0 && t->zebra && r % 2 == 0) { /* not under a merged column: its cells span rows */
        double zx = x, zx0 = x;
        for (int i = 0; i <= t->ncols; i++) {
          if (i == t->ncols || t->cols[i].merge) {
            if (zx > zx0) scene_rect(c->sc, zx0, y, zx - zx0, rh, scene_fill(th->panel), "table.zebra");
            if (i < t->ncols) zx0 = zx + cw[i];
          }
          if (i < t->ncols) zx += cw[i];
        }
      }
      double cx = x;
      for (int i = 0; i < t->ncols; i++) {
        /* a merged run: a hairline only where the value changes */
        if (r > 0 && t->cols[i].merge && !same_cell(&t->cells[r * t->ncols + i], &t->cells[(r - 1) * t->ncols + i]))
          scene_rect(c->sc, cx, y, cw[i], 1, scene_fill(th->rule), "table.rule");
        if (boxes[i]) {
          /* an aligned box is as wide as its wrap width: place it in the cell */
          scene_text(c->sc, boxes[i],
                     info_align_x(boxes[i], cx + CELL_PX, cw[i] - 2 * CELL_PX, aligns[i]) - shift[i], y + CELL_PY,
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
