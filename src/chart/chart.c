/* Placeholder until the chart grammar lands: every chart is a located error. */
#include "chart/chart.h"

#include <string.h>

struct chart {
  int unused;
};

chart *chart_build(const spec_doc *doc, const spec_node *vl, const char *lang, diag_list *d) {
  diag_spec_error(d, spec_loc(doc, vl), "charts are not supported yet");
  return NULL;
}

void chart_size(chart *c, struct layout_ctx *lc, double avail_w, double avail_h, double *w, double *h) {
  *w = avail_w;
  *h = 0;
}

void chart_emit(chart *c, struct layout_ctx *lc, double x, double y, double w, double h) {}

int chart_is_vega_lite(const spec_node *root) {
  static const char *const keys[] = {"mark", "layer", "hconcat", "vconcat", "concat", "facet", "repeat", NULL};
  if (!root || root->kind != SPEC_MAP) return 0;
  const spec_node *schema = spec_map_get(root, "$schema");
  if (schema && schema->kind == SPEC_SCALAR && strstr(schema->str, "vega-lite")) return 1;
  if (spec_map_get(root, "blocks")) return 0;
  for (int i = 0; keys[i]; i++)
    if (spec_map_get(root, keys[i])) return 1;
  return 0;
}

void chart_page_props(const chart *c, unsigned int *background_rgba, double *padding) {
  *background_rgba = 0xffffffffu;
  *padding = 16;
}
