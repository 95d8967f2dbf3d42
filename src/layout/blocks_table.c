#include "layout/blocks.h"

#define OPS(name) {name##_measure, name##_emit}

static const block_ops ops_table[BLOCK_KIND_LAST] = {
    [BLOCK_TEXT] = {text_measure, text_emit, text_natural},
    [BLOCK_KPI] = {kpi_measure, kpi_emit, kpi_natural},
    [BLOCK_CHART] = OPS(chart_block),
    [BLOCK_DIVIDER] = OPS(divider),
    [BLOCK_SPACER] = OPS(spacer),
    [BLOCK_COMPARE] = OPS(compare),
    [BLOCK_PROGRESS] = OPS(progress),
    [BLOCK_PICTOGRAM] = OPS(pictogram),
    [BLOCK_TABLE] = OPS(table),
    [BLOCK_CALLOUT] = OPS(callout),
    [BLOCK_IMAGE] = OPS(image),
    [BLOCK_GROUP] = OPS(group),
    [BLOCK_TIMELINE] = OPS(timeline),
    [BLOCK_STEPS] = OPS(timeline),
    [BLOCK_RANKING] = OPS(ranking),
};

const block_ops *layout_block_ops(block_kind k) {
  if (k >= BLOCK_KIND_LAST || !ops_table[k].measure) return NULL;
  return &ops_table[k];
}
