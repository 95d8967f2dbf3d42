/* One plot of a chart (a unit or a layer: its scales, axes, legends and
 * titles, laid out), shared by the files that lay views out: chart.c (a
 * plot, a concat, the public calls) and chart_facet.c (a facet's cells). */
#ifndef HUITU_CHART_CHART_PLOT_H
#define HUITU_CHART_CHART_PLOT_H
#include "chart/vl.h"

#define GAP_LEGEND 16.0
/* px between a plot and its legends: legend.offset, else GAP_LEGEND */
#define LG_GAP(L) (!isnan((L).offset) ? (L).offset : GAP_LEGEND)

#define MAXGRP 8

typedef struct plot {
  vl_unit *units[64];
  int ugrp[64]; /* which layer child a unit came from (independent scales) */
  int peer[64]; /* a text unit's bar layer (the index of the unit its labels sit on), -1: none */
  int n, ngrp;
  vl_scales sc;           /* shared scales */
  vl_scales gsc[MAXGRP];  /* per layer child, for independent channels */
  int indep[CH_LAST];     /* independent scale: one per layer child */
  int gindep[CH_LAST];    /* shared scale, independent axis or legend: one per layer child */
  int ext_slot[CH_LAST];  /* scales owned by an enclosing concat (its legend) */
  const vl_view *v;
  vscale *xs, *ys, *xs2, *ys2;   /* the scales the axes show (NULL: none) */
  const vl_channel *xc, *yc;     /* the channels of the x and y axes */
  const vl_channel *x2c, *y2c; /* the second axes' channels */
  vl_axis_layout ax, ay, ax2, ay2;
  int has_x, has_y, has_x2, has_y2, arc_only;
  vl_legends lg;
  const text_box *title, *subtitle;
  double tgap, tsub; /* px under the titles; between title and subtitle */
  double pw, ph, left, right, top, bottom;
  double w, h; /* total */
} plot;

/* chart.c: lay p out for v in W x H (no_legend: an enclosing view draws
 * the legends), and emit it at (x, y) (masks: per unit, the rows drawn;
 * NULL all). */
void vl_plot_layout(chart *c, vl_ctx *lc, vl_view *v, double W, double H, plot *p, int no_legend);
void vl_plot_emit(chart *c, vl_ctx *lc, vl_view *v, plot *p, double x, double y, const int *const *masks);

/* chart.c: the view's title style (its own over config.title), its title
 * and subtitle laid out for the width w (gap: px under them) and emitted
 * (returns the y under them), the px a plot's titles take; the view's
 * background and frame; where a chart's text problems are reported. */
vl_title_style vl_view_title_style(chart *c, const vl_view *v);
void vl_titles(chart *c, vl_ctx *lc, vl_view *v, double w, const text_box **t, const text_box **st, double *gap);
double vl_titles_emit(chart *c, vl_ctx *lc, const vl_view *v, const text_box *t, const text_box *st, double x,
                      double y, double w);
double vl_title_h(const plot *p);
void vl_view_bg(chart *c, vl_ctx *lc, const vl_view *v, double px, double py, double pw, double ph, int frame);
src_loc vl_chart_loc(const chart *c);
/* The memory budget in a loop over n views or cells of v (done so far,
 * used0 bytes held when it began): 0 to go on, -1 after its located error
 * (at the spec node vl_budget_at names, with what it makes). */
int vl_layout_budget(chart *c, vl_ctx *lc, const vl_view *v, size_t used0, long done, long n);
const spec_node *vl_budget_at(vl_ctx *lc, const vl_view *v, long n, const char **what);

/* chart_facet.c: a facet view's size for the width W, and its emit at (x, y). */
void vl_facet_size(chart *c, vl_ctx *lc, vl_view *v, double W, double *w, double *h);
void vl_facet_emit(chart *c, vl_ctx *lc, vl_view *v, double W, double x, double y);
#endif
