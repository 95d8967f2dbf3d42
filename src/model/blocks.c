#include "model/blocks.h"

#include "base/limits.h"

#include "chart/chart.h"
#include "model/infographic.h"
#include "model/list_blocks.h"

#include <math.h>
#include <string.h>

#define OFF(type, field) offsetof(type, field)

static const char *const aligns[] = {"left", "center", "right", "justify", NULL};
static const char *const punctuations[] = {"auto", "none", "compress", NULL};

static const key_def text_defs[] = {
    {"content", KEY_TEXT, NULL, "The text; **bold**, [coloured]{#c0392b} and [bigger]{1.5x} markup", OFF(text_content, content), .flags = KEYF_REQUIRED},
    {"align", KEY_ENUM, "left", "left, center, right or justify", OFF(text_content, align), .enums = aligns},
    {"size", KEY_LENGTH, "0", "Font size (default: the theme's body size)", OFF(text_content, size), .min = 0, .max = 2000},
    {"color", KEY_COLOR, "none", "Text colour (default: the theme's ink)", OFF(text_content, color)},
    {"bold", KEY_BOOL, "false", "Bold weight", OFF(text_content, bold)},
    {"maxLines", KEY_INT, "0", "Cut with an ellipsis after this many lines (0: no limit)", OFF(text_content, max_lines), .min = 0, .max = 10000},
    {"autospace", KEY_BOOL, "false", "Quarter-em gap between CJK and Latin/digits", OFF(text_content, autospace)},
    {"punctuation", KEY_ENUM, "auto", "auto (compress adjacent full-width marks in zh-CN/ja), none, or compress (also at line ends)", OFF(text_content, punctuation), .enums = punctuations},
    {"lineHeight", KEY_NUMBER, "1.6", "Line height as a multiple of the size", OFF(text_content, line_height), .min = 0.5, .max = 5},
    {"columnLength", KEY_LENGTH, "0", "writing: vertical: the length of a column (default: the block's height, else a book-like length that fills the block's width)", OFF(text_content, column_length), .min = 0, .max = 100000},
};
static const key_table text_keys = {"text block", text_defs, KEY_COUNT(text_defs), NULL};

static const char *const emphases[] = {"primary", "secondary", NULL};
static const char *const icon_positions[] = {"left", "top", NULL};
static const key_def kpi_defs[] = {
    {"value", KEY_NUMBER, NULL, "The number", OFF(kpi_content, value), .flags = KEYF_REQUIRED},
    {"unit", KEY_TEXT, NULL, "Unit after the number (亿元, 张, %)", OFF(kpi_content, unit)},
    {"label", KEY_TEXT, NULL, "What the number is", OFF(kpi_content, label)},
    {"note", KEY_TEXT, NULL, "A smaller line under the label", OFF(kpi_content, note)},
    {"format", KEY_TEXT, NULL, "Number format (d3-format, plus w for 万/亿)", OFF(kpi_content, format)},
    {"color", KEY_COLOR, "none", "Colour of the number (default: the theme's accent)", OFF(kpi_content, color)},
    {"emphasis", KEY_ENUM, "primary", "primary (the key numbers of a row share one size and baseline) or secondary (0.6 of it)", OFF(kpi_content, emphasis), .enums = emphases},
    {"size", KEY_LENGTH, "0", "Size of the number outright (default: the row's shared size)", OFF(kpi_content, num_size), .min = 0, .max = 2000},
    {"icon", KEY_NODE, NULL, "An icon with the number: a built-in name (elder, meal, yuan, ...), {path: \"M...\"} on a 24-unit grid, or {svg: file.svg}", OFF(kpi_content, icon_n)},
    {"iconPosition", KEY_ENUM, "left", "left (beside the number, centred on it) or top (above it)", OFF(kpi_content, icon_position), .enums = icon_positions},
    {"iconDisc", KEY_BOOL, "false", "Draw the icon on a disc of its colour at low opacity", OFF(kpi_content, icon_disc)},
    {"iconSize", KEY_LENGTH, "0", "Size of the icon (with iconDisc: of the disc; default: from the number's size)", OFF(kpi_content, icon_size), .min = 0, .max = 400},
    {"iconColor", KEY_COLOR, "none", "Colour of the icon and its disc (default: the number's)", OFF(kpi_content, icon_color)},
};
static const key_table kpi_keys = {"kpi block", kpi_defs, KEY_COUNT(kpi_defs), NULL};

static const key_table empty_keys = {"block", NULL, 0, NULL};

const block_type block_types[] = {
    {"text", BLOCK_TEXT, &text_keys, sizeof(text_content), "content", "A paragraph of text"},
    {"kpi", BLOCK_KPI, &kpi_keys, sizeof(kpi_content), NULL, "A key number with unit and label"},
    {"chart", BLOCK_CHART, NULL, 0, NULL, "A chart in Vega-Lite's grammar (mark, data, encoding, ...)"},
    {"divider", BLOCK_DIVIDER, &empty_keys, 0, NULL, "A thin rule across the block"},
    {"spacer", BLOCK_SPACER, &empty_keys, 0, NULL, "Empty space"},
    {"compare", BLOCK_COMPARE, &compare_keys, sizeof(compare_content), NULL, "Before and after: two values, the change and the annual growth"},
    {"progress", BLOCK_PROGRESS, &progress_keys, sizeof(progress_content), NULL, "A share as a bar or a ring"},
    {"pictogram", BLOCK_PICTOGRAM, &pictogram_keys, sizeof(pictogram_content), NULL, "An isotype icon array"},
    {"table", BLOCK_TABLE, &table_keys, sizeof(table_content), NULL, "A small data table"},
    {"callout", BLOCK_CALLOUT, &callout_keys, sizeof(callout_content), "content", "A note with a leader line to a block"},
    {"image", BLOCK_IMAGE, &image_keys, sizeof(image_content), "src", "A PNG or SVG image, scaled to fit"},
    {"group", BLOCK_GROUP, &group_keys, sizeof(group_content), NULL, "Blocks side by side or stacked (flexbox-like); with band, badge, accent: a section"},
    {"timeline", BLOCK_TIMELINE, &timeline_keys, sizeof(timeline_content), NULL, "Milestones with dates along a line, across or down"},
    {"steps", BLOCK_STEPS, &timeline_keys, sizeof(timeline_content), NULL, "Ordered steps: numbered markers along a line, across or down"},
    {"ranking", BLOCK_RANKING, &ranking_keys, sizeof(ranking_content), NULL, "A ranked bar list with the values at the bar ends (各区排名)"},
};
const int block_type_count = KEY_COUNT(block_types);

const char *block_kind_name(block_kind k) {
  for (int i = 0; i < block_type_count; i++)
    if (block_types[i].kind == k) return block_types[i].name;
  return "block";
}

static void parse_content(block_model *b, const block_type *t, const char *m_lang, const spec_doc *spec, diag_list *d) {
  const spec_node *v = b->value;
  if (t->kind == BLOCK_CHART) {
    const char *lang = b->lang.s ? b->lang.s : m_lang;
    if (v->kind != SPEC_MAP)
      diag_spec_error(d, spec_loc(spec, v), "'chart' must be a mapping in Vega-Lite's grammar (mark, data, encoding), found %s",
                      spec_describe(spec->arena, v));
    else
      b->content = chart_build(spec, v, lang, d);
    return;
  }
  if (t->content_size) b->content = arena_alloc(spec->arena, t->content_size);
  if (!t->keys->n) {
    if (!spec_is_null(v) && !(v->kind == SPEC_MAP && v->n == 0))
      diag_spec_error(d, spec_loc(spec, v), "'%s' takes no content (write '%s: {}')", t->name, t->name);
    return;
  }
  if (v->kind == SPEC_SCALAR && t->string_key && !spec_is_null(v)) {
    /* `- text: 一段话` is short for `- text: {content: 一段话}`. */
    keys_defaults(t->keys, b->content, spec, d);
    for (int i = 0; i < t->keys->n; i++)
      if (!strcmp(t->keys->keys[i].name, t->string_key)) keys_parse_value(&t->keys->keys[i], v, b->content, spec, d);
    infographic_parse(b, b->lang.s ? b->lang.s : m_lang, spec, d);
    return;
  }
  if (v->kind != SPEC_MAP) {
    diag_spec_error(d, spec_loc(spec, v), "'%s' must be a mapping%s, found %s", t->name,
                    t->string_key ? " or a string" : "", spec_describe(spec->arena, v));
    return;
  }
  keys_apply(t->keys, v, b->content, spec, d, NULL);
  if (b->kind == BLOCK_KPI) ((kpi_content *)b->content)->value_node = spec_map_get(v, "value");
  infographic_parse(b, b->lang.s ? b->lang.s : m_lang, spec, d);
}

void blocks_build(doc_model *m, const spec_node *list, const spec_doc *spec, diag_list *d) {
  if (!list || spec_is_null(list)) return;
  if (list->kind != SPEC_SEQ) {
    diag_spec_error(d, spec_loc(spec, list), "'blocks' must be a list (each item starts with '- '), found %s",
                    spec_describe(spec->arena, list));
    return;
  }
  blocks_build_list(list, m->lang, spec, d, &m->blocks, &m->nblocks);
}

void blocks_build_list(const spec_node *list, const char *lang, const spec_doc *spec, diag_list *d,
                       block_model **out, int *count) {
  const char *names[64];
  for (int i = 0; i < block_type_count; i++) names[i] = block_types[i].name;
  names[block_type_count] = NULL;
  *out = NULL;
  *count = 0;
  if (list->n > LIMIT_BLOCKS) {
    diag_spec_error(d, spec_loc(spec, list), "too many blocks (%d; the limit is %d): split the figure into several specs",
                    list->n, LIMIT_BLOCKS);
    return;
  }
  block_model *blocks = arena_alloc_array(spec->arena, (size_t)list->n, sizeof *blocks);
  int nblocks = 0;
  *out = blocks;
  for (int i = 0; i < list->n; i++) {
    const spec_node *item = list->items[i];
    block_model *b = &blocks[nblocks];
    b->node = item;
    b->loc = spec_loc(spec, item);
    b->index = i + 1;
    if (item->kind != SPEC_MAP) {
      diag_spec_error(d, b->loc, "a block must be a mapping with one type key (%s, ...), found %s", names[0],
                      spec_describe(spec->arena, item));
      continue;
    }
    /* Exactly one key names the block's type; the rest are common keys. */
    const block_type *type = NULL;
    for (int k = 0; k < item->n; k++)
      for (int t = 0; t < block_type_count; t++)
        if (!strcmp(item->keys[k]->str, block_types[t].name)) {
          if (type)
            diag_spec_error(d, spec_loc(spec, item->keys[k]),
                            "a block has one type, but this one has both '%s' and '%s'", type->name,
                            block_types[t].name);
          else {
            type = &block_types[t];
            b->value = item->items[k];
          }
        }
    if (!type) {
      /* Most likely a misspelt type key: suggest from the types first. */
      for (int k = 0; k < item->n; k++) {
        const char *s = keys_suggest(item->keys[k]->str, names, -1);
        int common = 0;
        for (int c = 0; c < block_common_keys.n; c++)
          if (!strcmp(block_common_keys.keys[c].name, item->keys[k]->str)) common = 1;
        if (s && !common) {
          diag_spec_error(d, spec_loc(spec, item->keys[k]), "unknown block type '%s' (did you mean '%s'?)",
                          item->keys[k]->str, s);
          goto next;
        }
      }
      diag_spec_error(d, b->loc, "a block needs a type key: one of text, kpi, chart, compare, progress, pictogram, "
                                 "table, callout, image, group, timeline, steps, ranking, divider, spacer");
      continue;
    }
    b->kind = type->kind;
    keys_apply(&block_common_keys, item, b, spec, d, names);
    if (!spec_map_get(item, "padding")) b->padding = NAN;
    if (!spec_map_get(item, "grow")) b->grow = NAN;
    if (!spec_map_get(item, "basis")) b->basis = NAN;
    if (b->kind != BLOCK_CHART) /* a chart's story options beside any other block: a located error */
      for (int k = 0; k < item->n; k++)
        if (!strcmp(item->keys[k]->str, "highlight") || !strcmp(item->keys[k]->str, "directLabels") ||
            !strcmp(item->keys[k]->str, "unit"))
          diag_spec_error(d, spec_loc(spec, item->keys[k]), "'%s' beside a block is a chart's; a %s block takes it inside, if at all",
                          item->keys[k]->str, type->name);
    parse_content(b, type, lang, spec, d);
    *count = ++nblocks;
  next:;
  }
}
