#include "model/sections.h"

#include "model/infographic.h"
#include "model/list_blocks.h"

/* The colour field of a block that takes the accent by default, or NULL. */
static uint32_t *accent_field(block_model *b) {
  if (!b->content) return NULL;
  switch (b->kind) {
  case BLOCK_KPI: return &((kpi_content *)b->content)->color;
  case BLOCK_COMPARE: return &((compare_content *)b->content)->color;
  case BLOCK_PROGRESS: return &((progress_content *)b->content)->color;
  case BLOCK_PICTOGRAM: return &((pictogram_content *)b->content)->color;
  case BLOCK_CALLOUT: return &((callout_content *)b->content)->color;
  case BLOCK_TIMELINE:
  case BLOCK_STEPS: return &((timeline_content *)b->content)->color;
  case BLOCK_RANKING: return &((ranking_content *)b->content)->color;
  default: return NULL;
  }
}

static void give_accent(block_model *items, int n, uint32_t accent) {
  for (int i = 0; i < n; i++) {
    block_model *b = &items[i];
    uint32_t *f = accent_field(b);
    if (f && !(*f & 0xff)) *f = accent;
    if (b->kind == BLOCK_GROUP && b->content) {
      group_content *g = b->content;
      give_accent(g->items, g->nitems, accent);
    }
  }
}

void section_resolve(block_model *b, const spec_doc *spec, diag_list *d) {
  group_content *g = b->content;
  if ((g->band || g->badge || g->subtitle.s) && b->writing == WRITING_VERTICAL) {
    const spec_node *w = spec_map_get(b->node, "writing");
    diag_spec_error(d, w ? spec_loc(spec, w) : b->loc,
                    "a section (band, badge or subtitle) is set horizontally: writing: vertical is for its text "
                    "blocks, not the group");
  }
  if (g->number > 0 && !g->badge) {
    const spec_node *nn = spec_map_get(b->value, "number");
    diag_spec_error(d, nn ? spec_loc(spec, nn) : b->loc, "'number' is the badge's number: add badge: true");
  }
  if (g->accent & 0xff) give_accent(g->items, g->nitems, g->accent);
}
