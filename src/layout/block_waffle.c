/* Waffles (layout/waffle.h).  A progress waffle is 100 cells, value/max of
 * them filled; a pictogram waffle has a cell per `per` (columns: 10 unless
 * given), up to total, or 100 cells when no total is given and the value
 * needs no more.  The grid is as wide as the block, but no wider than
 * GRID_EMS body characters for ten columns (a waffle the width of a phone
 * would be a page tall).  The number stands over it, on its row's size
 * and baseline as a bar's does, the label under it, so the grids of a row
 * line up whatever their labels' lengths. */
#include "layout/block_info.h"
#include "layout/waffle.h"
#include "model/infographic.h"

#define GRID_EMS 12.0  /* ten columns' most width, x body */
#define CELL_GAP 0.16  /* between cells, x the pitch */
#define CELL_R 0.18    /* corner radius, x the cell */
#define GRID_GAP 12.0  /* number to grid */
#define LABEL_GAP 10.0 /* grid to label */

/* One cell: a rounded square, or a dot (round).  part < 1: the filled
 * cell cut at that fraction of its width (a dot clipped). */
static void cell_at(layout_ctx *c, double x, double y, double cell, double part, uint32_t col, int round,
                    const char *role) {
  if (round) {
    if (part < 1) scene_clip_push(c->sc, x, y, cell * part, cell);
    scene_circle(c->sc, x + cell / 2, y + cell / 2, cell / 2, scene_fill(col), role);
    if (part < 1) scene_clip_pop(c->sc);
    return;
  }
  sc_item *r = scene_rect(c->sc, x, y, cell * part, cell, scene_fill(col), role);
  r->rx = fmin(cell * CELL_R, cell * part / 2);
}

/* The grid's height; its cells when emit: roles waffle.on, waffle.part
 * (the cut one, over its empty cell) and waffle.off. */
static double grid(layout_ctx *c, double x, double y, double w, int cols, int total, double filled, uint32_t on,
                   uint32_t off, int round, int emit) {
  double most = GRID_EMS * c->doc->theme.size_body * c->text_scale * cols / 10.0;
  double side = w < most ? w : most, pitch = side / cols, cell = pitch * (1 - CELL_GAP);
  int rows = (total + cols - 1) / cols;
  for (int i = 0; emit && i < total; i++) {
    double cx = x + (i % cols) * pitch, cy = y + (double)(i / cols) * pitch, part = filled - i;
    if (part >= 1 - 1e-9) {
      cell_at(c, cx, cy, cell, 1, on, round, "waffle.on");
      continue;
    }
    cell_at(c, cx, cy, cell, 1, off, round, "waffle.off");
    if (part > 1e-9) cell_at(c, cx, cy, cell, part, on, round, "waffle.part");
  }
  return rows > 0 ? rows * pitch - (pitch - cell) : 0;
}

/* Scene roles of the number, unit and label: the block's own. */
static const char *const progress_roles[3] = {"progress.value", "progress.unit", "progress.label"};
static const char *const pictogram_roles[3] = {"pictogram.value", "pictogram.unit", "pictogram.label"};

/* The number, on its row's size and baseline, over the grid. */
static double number(layout_ctx *c, const block_model *b, const spec_text *num, const spec_text *unit, int emphasis,
                     double given, uint32_t accent, const char *const *roles, double x, double y, double w, int emit) {
  if (!num) return 0;
  double fit = c->num_size > 0 || given > 0 ? 0 : info_num_fit(c, b, num, unit, w);
  info_num nb = info_num_layout(c, b, num, unit, info_num_size(c, fit, emphasis, given), accent);
  if (emit) info_num_emit(c, &nb, x, y, roles[0], roles[1]);
  return nb.height + GRID_GAP;
}

/* The label under the grid: labels of a row wrap to different heights,
 * so over the grids they would set them at different heights. */
static double label(layout_ctx *c, const block_model *b, const spec_text *label, const char *const *roles, double x,
                    double y, double w, int emit) {
  const text_box *l = info_spec_text(c, b, label, c->doc->theme.body_size, 0, c->doc->theme.ink, w, TEXT_LEFT, 0);
  if (!l) return 0;
  if (emit) scene_text(c->sc, l, x, y + LABEL_GAP, roles[2]);
  return LABEL_GAP + l->height;
}

static spec_text value_text(layout_ctx *c, const spec_text *format, double v, const spec_node *n) {
  const char *s = info_number(c, format, v, n ? n->str : NULL);
  return (spec_text){s, n ? (src_loc){c->doc->spec->path, n->line, n->col} : (src_loc){0}};
}

double waffle_progress_do(layout_ctx *c, const block_model *b, double x, double y, double w, int emit) {
  const progress_content *p = b->content;
  const theme_model *th = &c->doc->theme;
  uint32_t accent = info_color(p->color, th->accent);
  double frac = p->value / p->max, y0 = y;
  frac = frac < 0 ? 0 : frac > 1 ? 1 : frac;
  spec_text ns = value_text(c, &p->format, p->value, p->value_node);
  y += number(c, b, &ns, &p->unit, p->emphasis, p->num_size, accent, progress_roles, x, y, w, emit);
  y += grid(c, x, y, w, 10, 100, frac * 100, accent, th->rule, p->cells, emit);
  y += label(c, b, &p->label, progress_roles, x, y, w, emit);
  const text_box *n = info_spec_text(c, b, &p->note, th->small_size, 0, th->muted, w, TEXT_LEFT, 1);
  if (n) {
    if (emit) scene_text(c->sc, n, x, y + 8, "progress.note");
    y += 8 + n->height;
  }
  return y - y0;
}

double waffle_pictogram_do(layout_ctx *c, const block_model *b, double x, double y, double w, int emit) {
  const pictogram_content *p = b->content;
  const theme_model *th = &c->doc->theme;
  uint32_t accent = info_color(p->color, th->accent), empty = info_color(p->empty_color, th->rule);
  double y0 = y, filled = p->value / p->per;
  spec_text ns = value_text(c, &p->format, p->value, p->value_node);
  y += number(c, b, p->show_value ? &ns : NULL, &p->unit, p->emphasis, p->num_size, accent, pictogram_roles, x, y, w,
              emit);
  int total = (int)ceil((p->total > p->value ? p->total : p->value) / p->per - 1e-9);
  if (p->total <= 0 && total < 100) total = 100;
  y += grid(c, x, y, w, p->columns > 0 ? p->columns : 10, total, filled, accent, empty, p->cells, emit);
  y += label(c, b, &p->label, pictogram_roles, x, y, w, emit);
  y += pictogram_key_note(c, b, "每格代表", "each cell = ", x, y, w, emit);
  return y - y0;
}
