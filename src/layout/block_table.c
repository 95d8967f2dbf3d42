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

/* A number cell split at its decimal point: the widths before and from
 * the point ("", when none).  A column's numbers line up on their points:
 * each is placed so that its point falls where the column's does. */
typedef struct num_parts {
  double whole, frac;
} num_parts;

static num_parts number_parts(layout_ctx *c, const block_model *b, const char *s, double size) {
  num_parts r = {0, 0};
  const text_box *all = info_text(c, b, s, size, 0, 0, 0, TEXT_LEFT);
  if (!all) return r;
  const char *dot = strchr(s, '.');
  if (!dot) { /* a unit or % after an integer still lines up with the others' digits */
    dot = s;
    if (!strncmp(dot, "\xe2\x88\x92", 3)) dot += 3; /* U+2212 minus */
    while (*dot && ((*dot >= '0' && *dot <= '9') || *dot == ',' || *dot == '-' || *dot == '+')) dot++;
  }
  const text_box *t = *dot ? info_text(c, b, dot, size, 0, 0, 0, TEXT_LEFT) : NULL;
  r.frac = t ? t->width : 0;
  r.whole = all->width - r.frac;
  return r;
}

/* Do two cells of a merge column hold the same value? */
static int same_cell(const table_cell *a, const table_cell *b) {
  return a->text && b->text && !strcmp(a->text, b->text);
}

/* Per column: the widths, and the widest whole and fractional parts of its
 * numbers (whole[i] + frac[i]: the block they line up in). */
typedef struct table_cols {
  double *w, *whole, *frac;
} table_cols;

static table_cols column_widths(layout_ctx *c, const block_model *b, double w, double size, double hsize) {
  const table_content *t = b->content;
  int n = t->ncols, by_weight = 0;
  table_cols tc = {arena_alloc_array(c->a, (size_t)n, sizeof(double)), arena_alloc_array(c->a, (size_t)n, sizeof(double)),
                   arena_alloc_array(c->a, (size_t)n, sizeof(double))};
  double *cw = tc.w;
  for (int i = 0; i < n; i++) by_weight |= t->cols[i].weight_given;
  double *mn = arena_alloc_array(c->a, (size_t)n, sizeof *mn), *mx = arena_alloc_array(c->a, (size_t)n, sizeof *mx);
  for (int i = 0; i < n; i++) {
    const table_column *col = &t->cols[i];
    for (int r = t->header ? -1 : 0; r < t->nrows; r++) {
      const text_box *lo, *hi;
      if (r < 0) {
        lo = info_spec_text(c, b, &col->title, hsize, 1, 0, 1, TEXT_LEFT, 0);
        hi = info_spec_text(c, b, &col->title, hsize, 1, 0, 0, TEXT_LEFT, 0);
      } else {
        const table_cell *cell = &t->cells[r * n + i];
        const char *s = cell_string(c, col, cell);
        if (cell->is_number) { /* numbers do not wrap */
          num_parts np = number_parts(c, b, s, size);
          if (np.whole > tc.whole[i]) tc.whole[i] = np.whole;
          if (np.frac > tc.frac[i]) tc.frac[i] = np.frac;
          continue;
        }
        lo = info_text(c, b, s, size, 0, 0, 1, TEXT_LEFT);
        hi = info_text(c, b, s, size, 0, 0, 0, TEXT_LEFT);
      }
      if (lo && lo->width > mn[i]) mn[i] = lo->width;
      if (hi && hi->width > mx[i]) mx[i] = hi->width;
    }
    double nums = tc.whole[i] + tc.frac[i]; /* the numbers, lined up on their points */
    if (nums > mx[i]) mx[i] = nums;
    if (nums > mn[i]) mn[i] = nums;
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
    return tc;
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
  return tc;
}

/* Where a merged run that starts at row r (of column i) ends: the last
 * row holding the same value. */
static int merge_end(const table_content *t, int i, int r) {
  int e = r;
  while (e + 1 < t->nrows && same_cell(&t->cells[(e + 1) * t->ncols + i], &t->cells[r * t->ncols + i])) e++;
  return e;
}

/* One cell's text and where it goes in its cell (x from the cell's left
 * edge inside its padding). */
typedef struct cell_box {
  const text_box *box;
  double dx;
} cell_box;

/* The type scale: cells are body text, the heading row a note (a table
 * with its own size keeps the scale's ratio between the two). */
static void table_sizes(const theme_model *th, const table_content *t, double *size, double *hsize) {
  *size = t->size > 0 ? t->size : th->size_body;
  *hsize = t->size > 0 ? t->size * th->size_note / th->size_body : th->size_note;
}

static cell_box cell_layout(layout_ctx *c, const block_model *b, const table_cols *tc, int r, int i, double size,
                            double hsize) {
  const table_content *t = b->content;
  const theme_model *th = &c->doc->theme;
  const table_column *col = &t->cols[i];
  cell_box cb = {NULL, 0};
  double inner = tc->w[i] - 2 * CELL_PX;
  if (inner < 8) inner = 8;
  if (r < 0) {
    int align = col->align >= 0 ? col->align : TEXT_LEFT;
    if (col->align < 0 && t->nrows > 0 && t->cells[i].is_number) align = TEXT_RIGHT;
    cb.box = info_spec_text(c, b, &col->title, hsize, 1, th->muted, col->nowrap ? 0 : inner, (text_align)align, 0);
    cb.dx = info_align_x(cb.box, 0, inner, align);
    return cb;
  }
  const table_cell *cell = &t->cells[r * t->ncols + i];
  if (col->merge && r > 0 && same_cell(cell, &t->cells[(r - 1) * t->ncols + i])) return cb; /* merged above */
  const char *s = cell_string(c, col, cell);
  spec_text st = {s, cell->loc};
  if (cell->is_number) {
    /* the column's numbers as one block, placed by the column's alignment
     * (right by default); each number's point where the block's is */
    int align = col->align >= 0 ? col->align : TEXT_RIGHT;
    cb.box = info_spec_text(c, b, &st, size, 0, th->ink, 0, TEXT_LEFT, 0);
    num_parts np = number_parts(c, b, s, size);
    double block = tc->whole[i] + tc->frac[i];
    double bx = align == TEXT_RIGHT ? inner - block : align == TEXT_CENTER ? (inner - block) / 2 : 0;
    cb.dx = bx + tc->whole[i] - np.whole;
    return cb;
  }
  int align = col->align >= 0 ? col->align : TEXT_LEFT;
  cb.box = info_spec_text(c, b, &st, size, 0, th->ink, col->nowrap ? 0 : inner, (text_align)align, 0);
  cb.dx = info_align_x(cb.box, 0, inner, align);
  return cb;
}

/* Rows and cells are laid out first, then drawn: a merged run's one cell
 * is centred on the rows it spans, which grow evenly when its text is
 * taller than they are. */
static double table_do(layout_ctx *c, const block_model *b, double x, double y, double w, int emit) {
  const table_content *t = b->content;
  const theme_model *th = &c->doc->theme;
  if (!t->ncols) return 0;
  int nc = t->ncols, r0 = t->header ? -1 : 0, nr = t->nrows - r0; /* row k is table row k + r0 */
  double size, hsize;
  table_sizes(th, t, &size, &hsize);
  table_cols tc = column_widths(c, b, w, size, hsize);
  cell_box *cells = arena_alloc_array(c->a, (size_t)nr * (size_t)nc, sizeof *cells);
  double *rh = arena_alloc_array(c->a, (size_t)nr, sizeof *rh);
  for (int k = 0; k < nr; k++) {
    for (int i = 0; i < nc; i++) {
      cell_box *cb = &cells[k * nc + i];
      *cb = cell_layout(c, b, &tc, k + r0, i, size, hsize);
      int spans = k + r0 >= 0 && t->cols[i].merge && merge_end(t, i, k + r0) > k + r0;
      if (cb->box && !spans && cb->box->height > rh[k]) rh[k] = cb->box->height;
    }
    if (rh[k] == 0) rh[k] = size * 1.4 * c->text_scale;
    rh[k] += 2 * CELL_PY;
  }
  for (int i = 0; i < nc; i++) /* merged runs taller than their rows grow them */
    for (int k = -r0; k < nr && t->cols[i].merge; k++) {
      int e = merge_end(t, i, k + r0) - r0;
      const text_box *bx = cells[k * nc + i].box;
      double have = 0;
      for (int q = k; q <= e; q++) have += rh[q];
      if (bx && bx->height + 2 * CELL_PY > have)
        for (int q = k; q <= e; q++) rh[q] += (bx->height + 2 * CELL_PY - have) / (e - k + 1);
      k = e;
    }
  double y0 = y;
  for (int k = 0; k < nr; k++) {
    int r = k + r0;
    if (emit) {
      if (r >= 0 && t->zebra && r % 2 == 0) { /* not under a merged column: its cells span rows */
        double zx = x, zx0 = x;
        for (int i = 0; i <= nc; i++) {
          if (i == nc || t->cols[i].merge) {
            if (zx > zx0) scene_rect(c->sc, zx0, y, zx - zx0, rh[k], scene_fill(th->panel), "table.zebra");
            if (i < nc) zx0 = zx + tc.w[i];
          }
          if (i < nc) zx += tc.w[i];
        }
      }
      double cx = x;
      for (int i = 0; i < nc; i++) {
        const cell_box *cb = &cells[k * nc + i];
        /* a merged run: a hairline only where the value changes */
        if (r > 0 && t->cols[i].merge && !same_cell(&t->cells[r * nc + i], &t->cells[(r - 1) * nc + i]))
          scene_rect(c->sc, cx, y, tc.w[i], 1, scene_fill(th->rule), "table.rule");
        if (cb->box) {
          double ty = y + CELL_PY;
          if (r >= 0 && t->cols[i].merge && merge_end(t, i, r) > r) { /* centred on the rows of its run */
            double run = 0;
            for (int q = k; q <= merge_end(t, i, r) - r0; q++) run += rh[q];
            ty = y + (run - cb->box->height) / 2;
          }
          scene_text(c->sc, cb->box, cx + CELL_PX + cb->dx, ty, r < 0 ? "table.head" : "table.cell");
        }
        cx += tc.w[i];
      }
      if (r < 0) scene_rect(c->sc, x, y + rh[k] - 1.5, w, 1.5, scene_fill(th->ink), "table.rule");
    }
    y += rh[k];
  }
  if (emit) scene_rect(c->sc, x, y - 1, w, 1, scene_fill(th->rule), "table.rule");
  return y - y0;
}

double table_measure(layout_ctx *c, const block_model *b, double w) { return table_do(c, b, 0, 0, w, 0); }
void table_emit(layout_ctx *c, const block_model *b, double x, double y, double w, double h) { table_do(c, b, x, y, w, 1); }
