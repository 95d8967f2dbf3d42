/* What a page gives the charts in it (model/doc.c fills it from the
 * theme; chart_apply_theme lays it under a chart's config).  A header of
 * its own so the document model can hold one without the chart API. */
#ifndef HUITU_CHART_CHART_THEME_H
#define HUITU_CHART_CHART_THEME_H

/* What a page gives the charts in it, from its theme and type scale (px):
 * the defaults under a chart's own config, encodings and mark properties,
 * which win wherever they say something.  A standalone Vega-Lite file has
 * none and keeps huitu's Vega-Lite-like defaults. */
typedef struct chart_theme {
  double label_size;       /* axis, legend and header labels, text marks */
  double title_size;       /* axis and legend titles */
  double chart_title_size; /* the chart's own title */
  unsigned int ink, muted, grid, domain; /* RGBA */
  unsigned int accent;     /* a single series (no colour encoding) */
  unsigned int background; /* the page's: arc separators, label contrast */
  int print;               /* print: greys by lightness, outlined bars, points filled and hollow */
} chart_theme;
#endif
