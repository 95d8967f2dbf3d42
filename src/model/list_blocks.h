/* Blocks made of a list of items: timeline and steps (milestones with
 * dates, or ordered steps, along a line), and ranking (a labelled bar list
 * with the values at the bar ends, as Chinese reports set 各区排名).  Their
 * key tables and the parsing of their item lists; layout in
 * layout/block_timeline.c and layout/block_ranking.c. */
#ifndef HUITU_MODEL_LIST_BLOCKS_H
#define HUITU_MODEL_LIST_BLOCKS_H
#include "model/doc.h"

struct icon_ref;

/* ---- timeline, steps ---- */
typedef enum { TL_AUTO, TL_HORIZONTAL, TL_VERTICAL, TL_DIRECTION_LAST } timeline_direction;
typedef struct timeline_item {
  spec_text label; /* the date (2012年), or a step's heading */
  spec_text title, text;
  const spec_node *icon_n;
  const struct icon_ref *icon; /* resolved; NULL: none */
  src_loc loc;
} timeline_item;
typedef struct timeline_content {
  const spec_node *items_n;
  int direction; /* timeline_direction; auto: across when each item gets 7 body characters */
  uint32_t color;
  int alternate; /* across: items' texts above and below the line in turn */
  /* resolved */
  int steps; /* a steps block: the markers carry the step numbers */
  timeline_item *items;
  int nitems;
} timeline_content;

/* ---- ranking ---- */
typedef enum { RANK_DESCENDING, RANK_ASCENDING, RANK_NONE, RANK_SORT_LAST } ranking_sort;
typedef struct ranking_item {
  spec_text label, note;
  double value;
  const char *value_text; /* as written (276.04) */
  src_loc loc;
} ranking_item;
typedef struct ranking_content {
  const spec_node *items_n;
  spec_text unit, format, highlight;
  int sort, numbered;
  uint32_t color;
  /* resolved: in the order drawn */
  ranking_item *items;
  int nitems;
} ranking_content;

extern const key_table timeline_keys, ranking_keys, timeline_item_keys, ranking_item_keys;

/* After keys_apply: read the item lists (each item through its key table,
 * so a misspelt key gets a did-you-mean), sort a ranking. */
void list_blocks_parse(block_model *b, const spec_doc *spec, diag_list *d);
#endif
