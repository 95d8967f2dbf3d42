/* Facets: a view repeated per row and column value of the facet fields,
 * with headers, the facet fields' titles, shared or per-cell scales and
 * axes, and the legends once for the grid. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/strmap.h"
#include "chart/chart_plot.h"

typedef struct facet_l {
  const char **rows, **cols;
  int nr, nc, ncols_grid;
  plot inner;
  const text_box **rlab, **clab;
  double cell_w, cell_h, head_h, rowlab_w;
  double axis_once; /* the shared x axis's height, under the last row only (not reserved in every row) */
  vl_legends lg;
  const text_box *title, *subtitle;
  double tgap;
  double w, h;
  int axis_x_each, axis_y_each; /* resolve.axis independent: an axis on every cell */
  /* independent scales (or legends): a plot per cell over the cell's own
   * rows, the shared scales lent to them as a concat lends its own */
  int per_cell, ncell;
  vl_view **cview;
  plot *cell;
  double cl, ct; /* the plot area's offset in a cell: the widest left side, the tallest top */
  /* the facet fields' titles: the column's above the headers, the row's
   * turned at their left; their space (ctitle_h is in h, rtitle_w in rowlab_w) */
  const text_box *ctitle, *rtitle;
  double ctitle_h, rtitle_w;
  double rtitle_rot;       /* the row title's turn (-90: reads up; 0: a CJK title, set as an upright column) */
  double *crot, *rrot;     /* each column / row label's turn (labelAngle 90, 270; a CJK one upright, 0) */
  double clab_pad, rlab_pad; /* px between the labels and the cells */
  double gap_x, gap_y;     /* px between columns, between rows (spacing; Vega-Lite's 20) */
  int lg_below; /* legend orient bottom (or top): under the grid, not at its right */
  /* header orients: the column's labels (title) under the cells, the row's
   * labels (title) at their right; rlab_w: the row labels' column, padded */
  int clab_below, ctitle_below, rlab_right, rtitle_right;
  double rlab_w, grid_x; /* grid_x: the cells' left, from the facet's */
  strmap rix, cix;             /* a row / column header's key -> its index in rows / cols */
  struct facet_rows *by_table; /* each data table's rows bucketed by cell, made once */
} facet_l;

/* One data table's rows by facet cell (a counting sort, input order kept
 * within a cell), so that picking a cell's rows is O(its rows): a scan of
 * every row for every cell made 4,000 cells quadratic.  A table without the
 * row (column) field puts each of its rows in every row (column). */
typedef struct facet_rows {
  const dtable *t;
  int use_r, use_c; /* the table has the row / column field */
  int *start;       /* nbuckets + 1 offsets into rows */
  int *rows;
  struct facet_rows *next;
} facet_rows;

#define FACET_SPACING 20.0

/* A header label or title as it lies: its width and height. */
static double lying_w(const text_box *b, double rot) { return rot ? b->height : b->width; }
static double lying_h(const text_box *b, double rot) { return rot ? b->width : b->height; }

/* Text whose box as it lies has its top-left at (x, y): turned by rot
 * (-90 reads up, 90 down) about its own top-left, or level. */
static void place_text(vl_ctx *lc, const text_box *b, double x, double y, double rot, const char *role) {
  if (!rot) {
    scene_text(lc->sc, b, x, y, role);
    return;
  }
  sc_item *it = scene_text(lc->sc, b, rot < 0 ? x : x + b->height, rot < 0 ? y + b->width : y, role);
  it->rotate = rot;
}

/* A header text: level, or turned (turn: 90 or 270) — CJK as an upright
 * column like a CJK y title (*rot 0), other text rotated (*rot -90, 90). */
static const text_box *header_text(chart *c, vl_ctx *lc, const char *s, const text_style *st, double limit,
                                   double turn, double *rot) {
  *rot = 0;
  if (turn == 90 || turn == 270) {
    if (vl_has_cjk(s)) return text_layout_vertical_label(lc->te, vl_vertical_text(lc, s), st, vl_chart_loc(c), lc->d);
    *rot = turn == 90 ? 90 : -90;
  }
  return vl_text(c, lc, s, st, limit, 1);
}

/* A facet channel's title, as Vega-Lite heads its headers with it: the
 * header's title, else the channel's, else the field; "" or null: none. */
static const text_box *facet_title(chart *c, vl_ctx *lc, const vl_channel *ch, double turn, double *rot) {
  *rot = 0;
  if (!ch->on || ch->title_null || ch->header.hidden) return NULL;
  const spec_node *h = ch->node && ch->node->kind == SPEC_MAP ? spec_map_get(ch->node, "header") : NULL;
  const spec_node *ht = h && h->kind == SPEC_MAP ? spec_map_get(h, "title") : NULL;
  const char *t = ch->title.s ? ch->title.s : ch->field;
  if (ht) t = ht->kind == SPEC_SCALAR && !spec_is_null(ht) ? ht->str : NULL;
  if (!t || !*t) return NULL;
  const vl_header_spec *hs = &ch->header;
  text_style ts = vl_style(c, lc, !isnan(hs->title_font_size) ? hs->title_font_size : c->cfg.label_size,
                           hs->title_weight < 0 || hs->title_weight >= 600,
                           (hs->title_color & 0xff) ? hs->title_color : c->cfg.ink, hs->title_font);
  return header_text(c, lc, t, &ts, 0, turn, rot);
}

/* Cell (ri, ci) of a facet: row ri of the grid's rows, column ci. */
static void facet_cell(const vl_view *v, const facet_l *f, int i, int *ri, int *ci) {
  *ri = v->frow.on ? i / f->nc : 0;
  *ci = v->frow.on ? i % f->nc : i;
}

/* The rows of table t bucketed by the facet's cells (made on first use).
 * A row whose key is not a header of the facet is in no cell. */
static const facet_rows *facet_rows_of(chart *c, vl_ctx *lc, const vl_view *fv, facet_l *f, const dtable *t) {
  for (const facet_rows *b = f->by_table; b; b = b->next)
    if (b->t == t) return b;
  facet_rows *b = arena_alloc(lc->a, sizeof *b);
  b->t = t;
  int rc = fv->frow.on ? dtable_col(t, fv->frow.field) : -1, cc = fv->fcol.on ? dtable_col(t, fv->fcol.field) : -1;
  b->use_r = rc >= 0;
  b->use_c = cc >= 0;
  int ncol = b->use_c ? f->nc : 1, nb = (b->use_r ? f->nr : 1) * ncol;
  int *which = arena_alloc_array(lc->a, (size_t)t->nrows + 1, sizeof *which);
  b->start = arena_alloc_array(lc->a, (size_t)nb + 2, sizeof *b->start);
  for (int r = 0; r < t->nrows; r++) {
    const cell *row = dtable_row(t, r);
    int ri = b->use_r ? strmap_get(&f->rix, vl_cell_key(c, &fv->frow, &row[rc], lc->a)) : 0;
    int ci = b->use_c ? strmap_get(&f->cix, vl_cell_key(c, &fv->fcol, &row[cc], lc->a)) : 0;
    which[r] = ri >= 0 && ci >= 0 ? ri * ncol + ci : -1;
    if (which[r] >= 0) b->start[which[r] + 1]++;
  }
  for (int i = 0; i < nb; i++) b->start[i + 1] += b->start[i];
  b->rows = arena_alloc_array(lc->a, (size_t)b->start[nb] + 1, sizeof *b->rows);
  int *fill = arena_alloc_array(lc->a, (size_t)nb + 1, sizeof *fill);
  memcpy(fill, b->start, (size_t)nb * sizeof *fill);
  for (int r = 0; r < t->nrows; r++)
    if (which[r] >= 0) b->rows[fill[which[r]]++] = r;
  b->next = f->by_table;
  f->by_table = b;
  return b;
}

/* The rows of t in cell (ri, ci): *n of them from the returned list. */
static const int *facet_cell_rows(chart *c, vl_ctx *lc, const vl_view *fv, facet_l *f, const dtable *t, int ri,
                                  int ci, int *n) {
  const facet_rows *b = facet_rows_of(c, lc, fv, f, t);
  int k = (b->use_r ? ri : 0) * (b->use_c ? f->nc : 1) + (b->use_c ? ci : 0);
  *n = b->start[k + 1] - b->start[k];
  return b->rows + b->start[k];
}

/* A copy of the view tree v whose units hold only the rows of cell (ri, ci). */
static vl_view *clone_cell(chart *c, vl_ctx *lc, const vl_view *v, const vl_view *fv, facet_l *f, int ri, int ci) {
  vl_view *o = arena_alloc(lc->a, sizeof *o);
  *o = *v;
  if (v->kind == V_UNIT) {
    vl_unit *u = arena_alloc(lc->a, sizeof *u);
    *u = *v->unit;
    dtable *in = v->unit->data, *t = dtable_like(in, lc->a);
    int n;
    const int *rows = facet_cell_rows(c, lc, fv, f, in, ri, ci, &n);
    dtable_reserve(t, n, 0);
    for (int i = 0; i < n; i++) memcpy(dtable_add_row(t), dtable_row(in, rows[i]), (size_t)in->ncols * sizeof(cell));
    u->data = t;
    o->unit = u;
    return o;
  }
  o->kids = arena_alloc_array(lc->a, (size_t)v->nkids + 1, sizeof *o->kids);
  for (int i = 0; i < v->nkids; i++) o->kids[i] = clone_cell(c, lc, v->kids[i], fv, f, ri, ci);
  return o;
}

typedef struct ranked {
  const char *k;
  int rank, seen;
} ranked;

static int ranked_cmp(const void *a, const void *b) {
  const ranked *x = a, *y = b;
  if (x->rank != y->rank) return x->rank - y->rank;
  int s = strcmp(x->k, y->k);
  return s ? s : x->seen - y->seen;
}

/* Each key's place under sort: its place in the sort array or in the
 * order by {field, op} (a key not there after those, ascending among
 * themselves); 0 for every key otherwise (by key). */
static void rank_keys(chart *c, vl_ctx *lc, const vl_channel *ch, dtable *t, int col, ranked *keys, int n) {
  strmap place;
  strmap_init(&place, lc->a, 0);
  int nlisted = 0;
  if (ch->sort == SORT_ARRAY) {
    for (int i = 0; i < ch->sort_list->n; i++) {
      cell v = cell_from_node(ch->sort_list->items[i]);
      if (strmap_put(&place, cell_string(&v, lc->a), nlisted) < 0) nlisted++;
    }
  } else if (ch->sort == SORT_FIELD) {
    vl_channel by = *ch;
    int vcol = ch->sort_field ? dtable_col(t, ch->sort_field) : -1;
    vl_order_by(c, &by, t, col, vcol, vcol >= 0 ? ch->sort_op & 0xff : AG_COUNT, (ch->sort_op & 0x100) != 0, lc->a);
    for (int i = 0; i < by.norder; i++)
      if (strmap_put(&place, by.order[i], nlisted) < 0) nlisted++;
  }
  for (int i = 0; i < n; i++) {
    int p = strmap_get(&place, keys[i].k);
    keys[i].rank = p >= 0 ? p : nlisted;
  }
}

/* descending: by key, backwards (the keys are distinct) */
static int ranked_desc_cmp(const void *a, const void *b) { return -ranked_cmp(a, b); }

/* A facet channel's headers: its distinct keys, first seen first (sorted
 * ascending unless sort is null, or as sort says), and idx: key -> place in
 * that list. */
static const char **facet_values(chart *c, vl_ctx *lc, const vl_channel *ch, dtable *t, int *n, strmap *idx) {
  *n = 0;
  strmap_init(idx, lc->a, 0);
  if (!ch->on || !ch->field) return NULL;
  int col = dtable_col(t, ch->field);
  const char **out = arena_alloc_array(lc->a, (size_t)t->nrows + 1, sizeof *out);
  if (col < 0) return out;
  for (int r = 0; r < t->nrows; r++) {
    const char *k = vl_cell_key(c, ch, &dtable_row(t, r)[col], lc->a);
    if (strmap_put(idx, k, *n) < 0) out[(*n)++] = k;
  }
  if (ch->sort != SORT_NONE && *n > 1) {
    ranked *keys = arena_alloc_array(lc->a, (size_t)*n, sizeof *keys);
    for (int i = 0; i < *n; i++) keys[i] = (ranked){out[i], 0, i};
    rank_keys(c, lc, ch, t, col, keys, *n);
    qsort(keys, (size_t)*n, sizeof *keys, ch->sort == SORT_DESC ? ranked_desc_cmp : ranked_cmp);
    for (int i = 0; i < *n; i++) out[i] = keys[i].k;
    strmap_init(idx, lc->a, (size_t)*n);
    for (int i = 0; i < *n; i++) strmap_put(idx, out[i], i);
  }
  return out;
}

/* How far a plot's y labels reach below it (the "0" half under the axis's end). */
static double ylabels_below(const plot *p) {
  double over = 0;
  const vl_axis_layout *al = &p->ay;
  for (int i = 0; p->has_y && i < al->nt; i++)
    if (al->labels[i] && !(i % al->thin) && isfinite(al->ticks[i]) && al->ticks[i] <= p->ph + 0.5)
      over = fmax(over, al->ticks[i] + al->labels[i]->height / 2 - p->ph);
  return over;
}

static void facet_layout(chart *c, vl_ctx *lc, vl_view *v, double W, facet_l *f) {
  memset(f, 0, sizeof *f);
  f->rows = facet_values(c, lc, &v->frow, v->fdata, &f->nr, &f->rix);
  f->cols = facet_values(c, lc, &v->fcol, v->fdata, &f->nc, &f->cix);
  if (f->nr == 0) f->nr = 1;
  if (f->nc == 0) f->nc = 1;
  f->ncols_grid = v->columns > 0 && !v->frow.on ? v->columns : f->nc;
  int gr = v->columns > 0 && !v->frow.on ? (f->nc + f->ncols_grid - 1) / f->ncols_grid : f->nr;
  /* inner plot at a cell size */
  plot tmp;
  vl_plot_layout(c, lc, v->kids[0], 0, 0, &tmp, 1);
  /* resolve: which scales and legends each cell has for itself */
  int cell_legend = 0, skip_lg[CH_LAST];
  for (int k = 0; k < CH_LAST; k++) {
    int owned = lc->ext && lc->ext->s[k]; /* an enclosing concat's */
    skip_lg[k] = tmp.ext_slot[k];
    if (!tmp.sc.s[k] || owned) continue;
    if (vl_resolve(v, k, 0) == RES_INDEPENDENT) f->per_cell = 1;
    if (k != CH_X && k != CH_Y && vl_resolve(v, k, 1) == RES_INDEPENDENT) f->per_cell = cell_legend = skip_lg[k] = 1;
  }
  f->axis_x_each = vl_resolve(v, CH_X, 1) == RES_INDEPENDENT;
  f->axis_y_each = vl_resolve(v, CH_Y, 1) == RES_INDEPENDENT;
  vl_legends_add(c, lc, tmp.units, tmp.n, &tmp.sc, skip_lg, 0, &f->lg);
  f->lg_below = f->lg.n && (f->lg.orient == OR_BOTTOM || f->lg.orient == OR_TOP);
  double legw = f->lg.n && !f->lg_below ? f->lg.w + LG_GAP(f->lg) : 0;
  /* spacing: the channel's, else the view's, else Vega-Lite's 20 px (a wrapped facet's both ways) */
  const vl_channel *wrap = !v->frow.on ? &v->fcol : &v->frow;
  f->gap_x = !isnan(v->fcol.spacing) ? v->fcol.spacing : !isnan(v->spacing_col) ? v->spacing_col : FACET_SPACING;
  f->gap_y = !isnan(wrap->spacing) ? wrap->spacing : !isnan(v->spacing_row) ? v->spacing_row : FACET_SPACING;
  /* the column's title level over the headers; the row's turned at their left: a CJK one upright, in a column */
  double crot_t;
  f->ctitle = facet_title(c, lc, &v->fcol, 0, &crot_t);
  f->rtitle = facet_title(c, lc, &v->frow, 270, &f->rtitle_rot);
  const vl_header_spec *ch_ = &v->fcol.header, *rh_ = &v->frow.header;
  f->ctitle_h = f->ctitle ? f->ctitle->height + (!isnan(ch_->title_padding) ? ch_->title_padding : 4) : 0;
  f->rtitle_w = f->rtitle ? lying_w(f->rtitle, f->rtitle_rot) + (!isnan(rh_->title_padding) ? rh_->title_padding : 6) : 0;
  f->clab = arena_alloc_array(lc->a, (size_t)f->nc + 1, sizeof *f->clab);
  f->rlab = arena_alloc_array(lc->a, (size_t)f->nr + 1, sizeof *f->rlab);
  f->crot = arena_alloc_array(lc->a, (size_t)f->nc + 1, sizeof *f->crot);
  f->rrot = arena_alloc_array(lc->a, (size_t)f->nr + 1, sizeof *f->rrot);
  f->head_h = 0;
  f->clab_pad = !isnan(ch_->label_padding) ? ch_->label_padding : 6;
  f->rlab_pad = !isnan(rh_->label_padding) ? rh_->label_padding : 10;
  for (int k = 0; k < 2; k++) { /* headers: bold, unless a facet title heads them */
    const vl_channel *hc = k ? &v->frow : &v->fcol;
    const vl_header_spec *h = &hc->header;
    if (!hc->on || h->hidden || h->labels == 0) continue;
    text_style hs = vl_style(c, lc, !isnan(h->label_font_size) ? h->label_font_size : c->cfg.label_size,
                             h->label_weight >= 0 ? h->label_weight >= 600 : !(f->ctitle || f->rtitle),
                             (h->label_color & 0xff) ? h->label_color : c->cfg.ink, h->label_font);
    double lim = !isnan(h->label_limit) && h->label_limit > 0 ? h->label_limit : 0;
    double turn = !isnan(h->label_angle) ? h->label_angle : 0;
    for (int i = 0; i < (k ? f->nr : f->nc); i++) {
      if (k) {
        f->rlab[i] = header_text(c, lc, f->rows[i] ? f->rows[i] : "", &hs, lim, turn, &f->rrot[i]);
        f->rlab_w = fmax(f->rlab_w, lying_w(f->rlab[i], f->rrot[i]) + f->rlab_pad);
      } else {
        f->clab[i] = header_text(c, lc, f->cols[i] ? f->cols[i] : "", &hs, lim, turn, &f->crot[i]);
        f->head_h = fmax(f->head_h, lying_h(f->clab[i], f->crot[i]) + f->clab_pad);
      }
    }
  }
  f->rowlab_w = f->rlab_w + f->rtitle_w;
  f->clab_below = ch_->label_orient == OR_BOTTOM;
  f->ctitle_below = ch_->title_orient == OR_BOTTOM;
  f->rlab_right = rh_->label_orient == OR_RIGHT;
  f->rtitle_right = rh_->title_orient == OR_RIGHT;
  f->grid_x = (f->rlab_right ? 0 : f->rlab_w) + (f->rtitle_right ? 0 : f->rtitle_w);
  vl_view inner = *v->kids[0];
  if (W > 0 && isnan(inner.width)) {
    double avail = W - legw - f->rowlab_w - tmp.left - tmp.right - (f->ncols_grid - 1) * f->gap_x;
    inner.width = avail / f->ncols_grid > 40 ? avail / f->ncols_grid - tmp.left * (f->ncols_grid - 1) / f->ncols_grid : 40;
  } else if (isnan(inner.width)) { /* discrete or no x (with a y): plot_layout's step sizes */
    const vscale *xs = tmp.sc.s[CH_X];
    inner.width = (xs && xs->disc) || (!xs && tmp.sc.s[CH_Y]) ? NAN : c->cfg.page ? 200 : c->cfg.cont_w;
  }
  /* a cell's continuous sides: Vega-Lite's config.view (300) in a standalone spec, smaller in a page */
  if (isnan(inner.height) && !(tmp.sc.s[CH_Y] && tmp.sc.s[CH_Y]->disc) && (tmp.sc.s[CH_Y] || !tmp.sc.s[CH_X]))
    inner.height = c->cfg.page ? 160 : c->cfg.cont_h;
  vl_plot_layout(c, lc, &inner, 0, 0, &f->inner, 1);
  f->cell_w = f->inner.left + f->inner.pw + f->inner.right;
  f->cell_h = f->inner.top + f->inner.ph + f->inner.bottom;
  if (f->per_cell) {
    /* the shared scales span every cell's rows; lend them like a concat */
    vl_scales *ext = arena_alloc(lc->a, sizeof *ext);
    int *own_lg = arena_alloc_array(lc->a, CH_LAST, sizeof(int));
    if (lc->ext) *ext = *lc->ext;
    for (int k = 0; k < CH_LAST; k++) {
      if (lc->ext_child_legend) own_lg[k] = lc->ext_child_legend[k];
      if (!tmp.sc.s[k] || (lc->ext && lc->ext->s[k]) || vl_resolve(v, k, 0) == RES_INDEPENDENT) continue;
      ext->s[k] = tmp.sc.s[k];
      own_lg[k] = skip_lg[k] && !tmp.ext_slot[k];
    }
    vl_ctx cells = *lc; /* the cells are laid out in the facet's scope */
    cells.ext = ext;
    cells.ext_child_legend = own_lg;
    f->ncell = v->frow.on ? f->nr * f->nc : f->nc;
    double need = (double)f->ncell * (sizeof *f->cell + sizeof *f->cview);
    if (!arena_budget_fits(lc->a, need)) { /* a plot per cell would not fit */
      const char *what;
      const spec_node *at = vl_budget_at(lc, v, f->ncell, &what);
      data_budget_error(c->doc, at, lc->a, (double)data_budget_used(lc->a) + need, what, lc->d);
      f->ncell = 0;
    }
    f->cview = arena_alloc_array(lc->a, (size_t)f->ncell, sizeof *f->cview);
    f->cell = arena_alloc_array(lc->a, (size_t)f->ncell, sizeof *f->cell);
    double cr = 0, cb = 0;
    f->cl = f->ct = 0;
    size_t used0 = data_budget_used(lc->a);
    for (int i = 0; i < f->ncell; i++) {
      if (vl_layout_budget(c, lc, v, used0, i, f->ncell)) {
        f->ncell = i; /* the rest are not laid out (the error stops the render) */
        break;
      }
      int ri, ci;
      facet_cell(v, f, i, &ri, &ci);
      f->cview[i] = clone_cell(c, lc, &inner, v, f, ri, ci);
      plot *cp = &f->cell[i];
      vl_plot_layout(c, &cells, f->cview[i], 0, 0, cp, !cell_legend);
      f->cl = fmax(f->cl, cp->left);
      f->ct = fmax(f->ct, vl_title_h(cp) + cp->top);
    }
    for (int i = 0; i < f->ncell; i++) {
      const plot *cp = &f->cell[i];
      cr = fmax(cr, cp->pw + cp->right);
      cb = fmax(cb, cp->ph + cp->bottom);
    }
    f->cell_w = f->cl + cr;
    f->cell_h = f->ct + cb;
  }
  f->w = f->rowlab_w + f->ncols_grid * f->cell_w + (f->ncols_grid - 1) * f->gap_x + legw;
  const text_box *t, *st;
  vl_titles(c, lc, v, f->w, &t, &st, &f->tgap);
  f->title = t;
  f->subtitle = st;
  double th = (t ? t->height : 0) + (st ? st->height + (t ? vl_view_title_style(c, v).subtitle_padding : 0) : 0);
  if (th > 0) th += f->tgap;
  if (v->frow.on && !f->axis_x_each && f->inner.has_x) {
    /* every row keeps what its y labels need below the plot (the "0"), so
     * rows are spacing apart label to label; the rest is the x axis's */
    double keep = ylabels_below(&f->inner);
    f->axis_once = f->inner.bottom;
    for (int i = 0; f->per_cell && i < f->ncell; i++) { /* cells of their own: the deepest x axis */
      f->axis_once = i ? fmax(f->axis_once, f->cell[i].bottom) : f->cell[i].bottom;
      keep = fmax(keep, ylabels_below(&f->cell[i]));
    }
    keep = fmin(keep, f->axis_once);
    f->axis_once -= keep;
    f->cell_h -= f->axis_once;
  }
  /* with rows, the column headers are over the first row only */
  double heads = v->frow.on ? f->head_h : gr * f->head_h;
  f->h = th + f->ctitle_h + heads + gr * f->cell_h + (gr - 1) * f->gap_y + f->axis_once;
  if (f->lg_below) f->h += LG_GAP(f->lg) + f->lg.h;
  else if (f->lg.n && f->lg.h > f->h - th) f->h = th + f->lg.h;
}

static void facet_emit(chart *c, vl_ctx *lc, vl_view *v, facet_l *f, double x, double y) {
  double ty = vl_view_title_style(c, v).frame == 1 /* frame: group: along the cells */
                  ? vl_titles_emit(c, lc, v, f->title, f->subtitle, x + f->grid_x, y,
                                f->ncols_grid * f->cell_w + (f->ncols_grid - 1) * f->gap_x)
                  : vl_titles_emit(c, lc, v, f->title, f->subtitle, x, y, f->w);
  if (f->title || f->subtitle) ty += f->tgap;
  int ncell = v->frow.on ? f->nr * f->nc : f->nc;
  int grows = v->frow.on ? f->nr : (f->nc + f->ncols_grid - 1) / f->ncols_grid;
  double lgy = ty; /* a legend at the right starts level with the facet titles */
  if (f->lg_below && f->lg.orient == OR_TOP) {
    vl_legends_emit(c, lc, &f->lg, x + f->grid_x, ty);
    ty += f->lg.h + LG_GAP(f->lg);
  }
  double grid_w = f->ncols_grid * f->cell_w + (f->ncols_grid - 1) * f->gap_x;
  double row_head = v->frow.on ? 0 : f->head_h; /* headers in every grid row (wrapped) or once */
  double grid_h = (v->frow.on ? f->head_h : 0) + grows * (row_head + f->cell_h) + (grows - 1) * f->gap_y;
  double gx0 = x + f->grid_x, right = gx0 + grid_w; /* the cells' left and right */
  double top_head = f->clab_below ? 0 : f->head_h;   /* column labels over each cell (or under) */
  if (f->ctitle) { /* centred over (or under) the cells' plots (a cell's left is its axis) */
    double below = ty + grid_h + f->axis_once + f->ctitle_h - f->ctitle->height;
    scene_text(lc->sc, f->ctitle, gx0 + f->inner.left + (grid_w - f->inner.left) / 2 - f->ctitle->width / 2,
               f->ctitle_below ? below : ty, "facet.title");
  }
  if (!f->ctitle_below) ty += f->ctitle_h;
  if (f->rtitle) /* turned to read upwards (a CJK one upright in a column), centred on the rows */
    place_text(lc, f->rtitle,
               f->rtitle_right ? right + (f->rlab_right ? f->rlab_w : 0) + f->rtitle_w - lying_w(f->rtitle, f->rtitle_rot)
                               : x,
               ty + grid_h / 2 - lying_h(f->rtitle, f->rtitle_rot) / 2, f->rtitle_rot, "facet.title");
  int calign = v->fcol.header.label_align, ralign = v->frow.header.label_align;
  int *mask_buf[64] = {0}; /* the shared plot's units' row masks, reused by every cell */
  for (int cell_i = 0; cell_i < ncell && !arena_over_budget(lc->a); cell_i++) {
    int ri, ci;
    facet_cell(v, f, cell_i, &ri, &ci);
    int gx = v->frow.on ? ci : ci % f->ncols_grid, gy = v->frow.on ? ri : ci / f->ncols_grid;
    /* a shared axis only along the outer edge: under the last cell of each column */
    int bottom = v->frow.on ? gy == grows - 1 : ci + f->ncols_grid >= f->nc;
    double cx = gx0 + gx * (f->cell_w + f->gap_x), cy = ty + gy * (row_head + f->cell_h + f->gap_y);
    plot *p = f->per_cell ? &f->cell[cell_i] : &f->inner;
    double px = cx + (f->per_cell ? f->cl : p->left), py = cy + top_head + (f->per_cell ? f->ct : p->top);
    const text_box *cb = f->clab[ci], *rb = f->rlab[ri];
    if (v->fcol.on && cb && (v->frow.on ? ri == (f->clab_below ? f->nr - 1 : 0) : 1)) {
      /* over the plot, clab_pad above the cell (or under the cell and its x axis); aligned about its centre */
      double lw = lying_w(cb, f->crot[ci]), mid = px + p->pw / 2;
      double lx = f->crot[ci] || calign < 0 || calign == 1 ? mid - lw / 2 : calign == 0 ? mid : mid - lw;
      double ly = f->clab_below ? cy + f->cell_h + (v->frow.on ? f->axis_once : 0) + f->clab_pad
                                : cy + f->head_h - f->clab_pad - lying_h(cb, f->crot[ci]);
      place_text(lc, cb, lx, ly, f->crot[ci], "facet.header");
    }
    if (v->frow.on && ci == 0 && rb) {
      /* in the row labels' column, clab_pad from the cells on its cell side: left-aligned unless labelAlign says */
      double lw = lying_w(rb, f->rrot[ri]);
      double l0 = f->rlab_right ? right + f->rlab_pad : gx0 - f->rlab_w, l1 = l0 + f->rlab_w - f->rlab_pad;
      double lx = ralign == 2 ? l1 - lw : ralign == 1 ? (l0 + l1 - lw) / 2 : l0;
      place_text(lc, rb, lx, py + p->ph / 2 - lying_h(rb, f->rrot[ri]) / 2, f->rrot[ri], "facet.header");
    }
    int draw_x = p->has_x && (bottom || f->axis_x_each), draw_y = p->has_y && (gx == 0 || f->axis_y_each);
    if (p->has_x && !draw_x && p->ax.domain)
      scene_rect(lc->sc, px, py + p->ph - 0.5, p->pw, 1, scene_fill(c->cfg.domain), "axis.x.domain");
    if (f->per_cell) {
      int hx = p->has_x, hy = p->has_y;
      p->has_x = draw_x;
      p->has_y = draw_y;
      vl_plot_emit(c, lc, f->cview[cell_i], p, px - p->left, py - vl_title_h(p) - p->top, NULL);
      p->has_x = hx;
      p->has_y = hy;
      continue;
    }
    /* one mask per unit for every cell: set for this cell's rows, cleared after */
    int *masks[64];
    const int *mrows[64];
    int mn[64];
    for (int u = 0; u < p->n; u++) {
      vl_unit *un = p->units[u];
      if (!mask_buf[u]) mask_buf[u] = arena_alloc_array(lc->a, (size_t)un->data->nrows + 1, sizeof *mask_buf[u]);
      masks[u] = mask_buf[u];
      mrows[u] = facet_cell_rows(c, lc, v, f, un->data, ri, ci, &mn[u]);
      for (int i = 0; i < mn[u]; i++) masks[u][mrows[u][i]] = 1;
    }
    scene_note_box(lc->sc, "plot", px, py, p->pw, p->ph);
    vl_view_bg(c, lc, v->kids[0], px, py, p->pw, p->ph, 0);
    if (p->has_y) vl_grid_emit(c, lc, &p->ay, px, py, p->pw, p->ph);
    if (p->has_x) vl_grid_emit(c, lc, &p->ax, px, py, p->pw, p->ph);
    /* a map's projection is fit to every cell's data, so the cells share it (Vega-Lite's) */
    const struct geo_projection *geo = vl_geo_fit(c, lc, p->units, p->n, p->pw, p->ph);
    for (int u = 0; u < p->n; u++) {
      vl_mark_peers peers = {p->peer[u] >= 0 ? p->units[p->peer[u]] : NULL, NULL, geo};
      vl_marks_emit(c, lc, p->units[u], &p->sc, &peers, px, py, p->pw, p->ph, masks[u]);
    }
    for (int u = 0; u < p->n; u++)
      for (int i = 0; i < mn[u]; i++) masks[u][mrows[u][i]] = 0;
    vl_view_bg(c, lc, v->kids[0], px, py, p->pw, p->ph, 1);
    if (draw_x) vl_axis_emit(c, lc, &p->ax, px, py, p->pw, p->ph, "x");
    if (draw_y) vl_axis_emit(c, lc, &p->ay, px, py, p->pw, p->ph, "y");
  }
  if (f->lg_below && f->lg.orient == OR_BOTTOM) vl_legends_emit(c, lc, &f->lg, gx0, y + f->h - f->lg.h);
  else if (f->lg.n && !f->lg_below) vl_legends_emit(c, lc, &f->lg, x + f->w - f->lg.w, lgy);
}

/* ---- views ---- */


void vl_facet_size(chart *c, vl_ctx *lc, vl_view *v, double W, double *w, double *h) {
  facet_l f;
  facet_layout(c, lc, v, W, &f);
  *w = f.w;
  *h = f.h;
}

void vl_facet_emit(chart *c, vl_ctx *lc, vl_view *v, double W, double x, double y) {
  facet_l f;
  facet_layout(c, lc, v, W, &f);
  facet_emit(c, lc, v, &f, x, y);
}
