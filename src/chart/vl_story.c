/* huitu's infographic options on a chart block (chart_story): a highlight
 * (one category or series in the accent, the rest muted), direct labels
 * at the line ends in place of a legend, and the unit on the legend's
 * line.  The chart grammar calls in here from a few places: row_color
 * (vl_marks.c), emit_lines' ends, plot_layout's room and the legends. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart/vl.h"

#define LABEL_GAP 8.0  /* px from a line's end to its label */
#define UNIT_GAP 16.0  /* px from the last legend entry to the unit */
#define MAX_DIRECT 4   /* more series than this keep their legend */

static int has_color_field(const vl_unit *u) { return u->ch[CH_COLOR].on && u->ch[CH_COLOR].field; }

/* Does a unit under v draw a colour legend? */
static int has_legend(const vl_view *v) {
  if (!v) return 0;
  if (v->kind == V_UNIT && v->unit && has_color_field(v->unit) && !v->unit->ch[CH_COLOR].legend.hidden) return 1;
  for (int i = 0; i < v->nkids; i++)
    if (has_legend(v->kids[i])) return 1;
  return 0;
}

/* With a legend the unit goes on its line and the y axes drop their
 * titles; without one the unit is the y axis's title (over its top end). */
static void unit_axes(vl_view *v, const char *unit, int legend) {
  if (!v) return;
  vl_channel *y = v->kind == V_UNIT && v->unit ? &v->unit->ch[CH_Y] : NULL;
  if (y && y->on && !y->axis.title.s) {
    if (legend) y->axis.title_null = 1;
    else y->axis.title.s = unit;
  }
  for (int i = 0; i < v->nkids; i++) unit_axes(v->kids[i], unit, legend);
}

/* The highlight's field in u: the colour field's, else the discrete axis's; -1 none. */
static int highlight_channel(const vl_unit *u) {
  int k = has_color_field(u) ? CH_COLOR : u->horizontal ? CH_Y : CH_X;
  return u->ch[k].on && u->ch[k].col_name && (k == CH_COLOR || !vl_is_cont(&u->ch[k])) ? k : -1;
}

/* Does a row of a unit under v hold the highlight in its highlight field? */
static int highlight_found(const chart *c, const vl_view *v) {
  if (!v) return 0;
  const vl_unit *u = v->kind == V_UNIT ? v->unit : NULL;
  int k = u && u->data ? highlight_channel(u) : -1, col = k >= 0 ? dtable_col(u->data, u->ch[k].col_name) : -1;
  for (int r = 0; col >= 0 && r < u->data->nrows; r++)
    if (!strcmp(cell_string(&dtable_row(u->data, r)[col], c->a), c->story.highlight)) return 1;
  for (int i = 0; i < v->nkids; i++)
    if (highlight_found(c, v->kids[i])) return 1;
  return 0;
}

int chart_set_story(chart *c, const chart_story *s) {
  if (!c || !s || !c->root) return 1;
  c->story.highlight = s->highlight ? arena_strdup(c->a, s->highlight) : NULL;
  c->story.direct_labels = s->direct_labels;
  c->story.unit = s->unit ? arena_strdup(c->a, s->unit) : NULL;
  int found = !c->story.highlight || highlight_found(c, c->root);
  if (!c->story.unit) return found;
  int legend = has_legend(c->root);
  unit_axes(c->root, c->story.unit, legend);
  if (legend) { /* the legend across the top, untitled, the unit after it */
    vl_legend_spec *l = &c->cfg.legend;
    if (l->orient == OR_AUTO) l->orient = OR_TOP;
    if (l->direction < 0) l->direction = 1;
    l->title_null = 1;
  }
  return found;
}

/* ---- highlight ---- */

/* The muted tint of the others: the theme's muted colour, 40% over the page. */
static uint32_t muted_tint(const chart *c) {
  uint32_t m = c->cfg.muted, b = c->background & 0xff ? c->background : 0xffffffffu, out = 0xff;
  for (int sh = 8; sh < 32; sh += 8) {
    double v = 0.4 * ((m >> sh) & 0xff) + 0.6 * ((b >> sh) & 0xff);
    out |= (uint32_t)lround(v) << sh;
  }
  return out;
}

int vl_story_color(const chart *c, const vl_unit *u, const int *col, const cell *row, arena *a, uint32_t *out) {
  /* a mark with a colour of its own keeps it (white value labels in the bars) */
  if (!c->story.highlight || (u->mark.color & 0xff) || (u->mark.fill & 0xff)) return 0;
  /* a series (the colour field), else a category on the discrete axis */
  int k = highlight_channel(u);
  if (k < 0 || col[k] < 0) return 0;
  int hit = !strcmp(cell_string(&row[col[k]], a), c->story.highlight);
  *out = hit ? c->cfg.theme_color : muted_tint(c);
  return 1;
}

/* ---- direct labels ---- */

static text_style label_style(chart *c, vl_ctx *lc, uint32_t color) {
  return vl_style(c, lc, c->cfg.label_size > 0 ? c->cfg.label_size : 13, 1, color, NULL);
}

double vl_story_label_room(chart *c, vl_ctx *lc, vl_unit **units, int n, const vscale *color) {
  if (!c->story.direct_labels || !color || !color->disc || color->ncats < 1 || color->ncats > MAX_DIRECT) return 0;
  int lines = 0;
  for (int i = 0; i < n; i++) lines |= units[i]->mark.type == MK_LINE && has_color_field(units[i]);
  if (!lines) return 0;
  text_style st = label_style(c, lc, c->cfg.ink);
  double w = 0;
  for (int i = 0; i < color->ncats; i++) w = fmax(w, vl_text(c, lc, color->cats[i], &st, 0, 1)->width);
  return LABEL_GAP + w;
}

static int end_cmp(const void *a, const void *b) {
  const vl_line_end *p = a, *q = b;
  if (p->y != q->y) return (p->y > q->y) - (p->y < q->y);
  return strcmp(p->name, q->name);
}

void vl_story_line_labels(chart *c, vl_ctx *lc, vl_line_end *ends, int n, double top, double bottom) {
  if (n < 1 || n > MAX_DIRECT) return;
  const text_box *b[MAX_DIRECT];
  double y[MAX_DIRECT], h = 0;
  qsort(ends, (size_t)n, sizeof *ends, end_cmp);
  for (int i = 0; i < n; i++) {
    text_style st = label_style(c, lc, ends[i].color);
    b[i] = vl_text(c, lc, ends[i].name, &st, 0, 1);
    h = fmax(h, b[i]->height);
    y[i] = ends[i].y; /* the label's centre, wanted on its line's end */
  }
  /* Push overlapping neighbours apart, each pair by half their overlap,
   * then settle top-down and keep the labels' centres inside the plot's
   * height (a label may stand half over its top, as its line's end may). */
  for (int round = 0; round < 64; round++) {
    int moved = 0;
    for (int i = 1; i < n; i++) {
      double over = y[i - 1] + h - y[i];
      if (over > 0.01) y[i - 1] -= over / 2, y[i] += over / 2, moved = 1;
    }
    if (!moved) break;
  }
  for (int i = 1; i < n; i++) y[i] = fmax(y[i], y[i - 1] + h);
  double low = y[n - 1] - bottom, high = top - y[0]; /* centres within the plot's height */
  if (low > 0) for (int i = 0; i < n; i++) y[i] -= low;
  else if (high > 0) for (int i = 0; i < n; i++) y[i] += high;
  for (int i = 0; i < n; i++) scene_text(lc->sc, b[i], ends[i].x + LABEL_GAP, y[i] - b[i]->height / 2, "mark.label.direct");
}

/* ---- the unit on the legend's line ---- */

void vl_story_unit_measure(chart *c, vl_ctx *lc, vl_legends *L) {
  L->unit = NULL;
  if (!c->story.unit || L->n != 1 || L->lg[0].orient != OR_TOP) return;
  char s[256];
  const char *lang = c->lang ? c->lang : lc->stage->lang;
  snprintf(s, sizeof s, "%s%s", lang && !strncmp(lang, "zh", 2) ? "单位：" : "Unit: ", c->story.unit);
  text_style st = vl_style(c, lc, c->cfg.legend_label_size > 0 ? c->cfg.legend_label_size : 11, 0, c->cfg.muted, NULL);
  L->unit = vl_text(c, lc, s, &st, 0, 1);
  L->w = fmax(L->w, L->lg[0].w + UNIT_GAP + L->unit->width);
}

void vl_story_unit_emit(chart *c, vl_ctx *lc, const vl_legends *L, double x, double y) {
  (void)c;
  if (!L->unit) return;
  const vl_legend_layout *lg = &L->lg[0];
  double row = lg->row_h > 0 ? lg->row_h : L->unit->height;
  scene_text(lc->sc, L->unit, x + lg->w + UNIT_GAP, y + (row - L->unit->height) / 2, "legend.unit");
}
