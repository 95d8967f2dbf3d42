#include "layout/blocks.h"

#define OPS(name) {name##_measure, name##_emit}

static const block_ops ops_table[BLOCK_KIND_LAST] = {
    [BLOCK_TEXT] = OPS(text),
    [BLOCK_KPI] = OPS(kpi),
    [BLOCK_CHART] = OPS(chart_block),
    [BLOCK_DIVIDER] = OPS(divider),
    [BLOCK_SPACER] = OPS(spacer),
};

const block_ops *layout_block_ops(block_kind k) {
  if (k >= BLOCK_KIND_LAST || !ops_table[k].measure) return NULL;
  return &ops_table[k];
}
