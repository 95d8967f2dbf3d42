/* The document model: typed, defaults resolved, validated.  Built from the
 * spec tree by doc_build(); immutable afterwards.  Lives in the doc arena. */
#ifndef HUITU_MODEL_DOC_H
#define HUITU_MODEL_DOC_H
#include <stdint.h>

#include "chart/chart_theme.h"
#include "spec/keys.h"
#include "spec/node.h"

typedef enum { PAGE_SIZE_NONE, PAGE_A4, PAGE_A3, PAGE_A5, PAGE_LETTER, PAGE_16_9, PAGE_PHONE, PAGE_SIZE_LAST } page_size;
typedef enum { ORIENT_PORTRAIT, ORIENT_LANDSCAPE, ORIENT_LAST } page_orientation;
typedef enum { THEME_REPORT, THEME_PRINT, THEME_SLIDE, THEME_LAST } theme_name;
typedef enum { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT, ALIGN_JUSTIFY, ALIGN_LAST } align_kind;
typedef enum { WRITING_HORIZONTAL, WRITING_VERTICAL, WRITING_LAST } writing_mode;
typedef enum { OVERFLOW_ERROR, OVERFLOW_SHRINK, OVERFLOW_LAST } overflow_mode;

typedef struct page_model {
  double width, height; /* px; height NAN = auto (grow to fit) */
  int size;             /* page_size preset */
  int orientation;
  uint32_t background;
  spec_text lang;
  double margin;
  int overflow;
  int title_writing; /* writing_mode of the title and subtitle */
  int auto_width; /* standalone chart: the page is as wide as the chart */
} page_model;

typedef enum { LAYOUT_ALIGN_AUTO, LAYOUT_ALIGN_TOP, LAYOUT_ALIGN_CENTER, LAYOUT_ALIGN_SPREAD, LAYOUT_ALIGN_LAST } layout_align;
typedef struct layout_model {
  int columns;
  double gap;
  int align;      /* layout_align: where content shorter than a fixed page sits */
  double padding; /* NAN = the page's margin */
} layout_model;

/* The frame a page is made for: it picks the type scale (theme_model's
 * size_* and size_min).  From page.size: 16:9 a slide, phone a phone
 * long image, A4/A3/A5/letter a printed page; no preset a report figure
 * (theme: slide there: the slide scale). */
typedef enum { FRAME_REPORT, FRAME_SLIDE, FRAME_PHONE, FRAME_PRINT, FRAME_LAST } page_frame;

typedef struct theme_model {
  int name;
  int frame; /* page_frame */
  uint32_t ink, muted, accent, rule, panel;
  uint32_t grid, domain; /* a chart's grid lines and axis lines */
  /* The type scale: every text of the page takes one of these sizes (px),
   * scaled together by theme.fontSize and never below size_min, the
   * frame's legibility floor (22 px on a slide, 24 on a phone, 7 pt on
   * paper).  title, subtitle: the page's heading; heading: block, section
   * and chart titles; body: text, labels of key numbers, table cells;
   * label: axis, legend and data labels of charts; note: notes, sources,
   * captions; number: a key number (kpi, progress, pictogram).  The old
   * names (title_size ...) are the same fields. */
  union { double size_title; double title_size; };
  union { double size_subtitle; double subtitle_size; };
  double size_heading;
  union { double size_body; double body_size; };
  double size_label;
  union { double size_note; double small_size; };
  double size_number;
  double size_min;
  chart_theme chart; /* what the page's charts take from the above (chart_apply_theme) */
  int dark;
  uint32_t background; /* page background the theme asks for; alpha 0 = none */
  /* Font families as written (a family or a CSS-like list), NULL unset:
   * font for all text, title_font for the page title and subtitle and
   * block and section titles (unset: font).  layout_document resolves
   * them against the installed fonts. */
  spec_text font, title_font;
} theme_model;

typedef enum {
  BLOCK_TEXT,
  BLOCK_KPI,
  BLOCK_COMPARE,
  BLOCK_PROGRESS,
  BLOCK_CHART,
  BLOCK_DIVIDER,
  BLOCK_SPACER,
  BLOCK_PICTOGRAM,
  BLOCK_TABLE,
  BLOCK_CALLOUT,
  BLOCK_IMAGE,
  BLOCK_GROUP,
  BLOCK_TIMELINE,
  BLOCK_STEPS,
  BLOCK_RANKING,
  BLOCK_KIND_LAST
} block_kind;

typedef struct text_content {
  spec_text content;
  int align;
  double size; /* 0 = theme body size */
  uint32_t color;
  int bold;
  int max_lines;
  int autospace;
  int punctuation; /* auto, none, compress (text_punct order) */
  double line_height;
  double column_length; /* writing: vertical; 0 = automatic */
} text_content;

typedef struct kpi_content {
  double value;
  const spec_node *value_node;
  spec_text unit, label, note, format;
  uint32_t color;
  int emphasis;      /* emphasis_kind: primary takes its row's size */
  double num_size;   /* size: of the number outright; 0 = the row's */
  /* icon: beside (iconPosition: left) or above (top) the number, on a
   * tinted disc when iconDisc (model/infographic.h icon_ref) */
  const spec_node *icon_n;
  const struct icon_ref *icon; /* resolved; NULL: none */
  int icon_position;           /* icon_position_kind */
  int icon_disc;
  double icon_size;            /* 0: from the number's size */
  uint32_t icon_color;         /* alpha 0: the number's colour */
} kpi_content;
typedef enum { ICON_LEFT, ICON_TOP, ICON_POSITION_LAST } icon_position_kind;

/* A key number's place in its row (kpi, progress, pictogram): primary
 * numbers share one size, secondary ones are 0.6 of it. */
typedef enum { EMPHASIS_PRIMARY, EMPHASIS_SECONDARY, EMPHASIS_LAST } emphasis_kind;

typedef struct block_model {
  block_kind kind;
  const spec_node *node;  /* the block's mapping */
  const spec_node *value; /* the type key's value */
  src_loc loc;
  int index; /* 1-based position in blocks: */
  int span, row_span;
  spec_text title, id, lang;
  uint32_t background, border;
  double padding; /* NAN = theme default */
  int writing;
  int tcy; /* 縦中横: most digits set upright in vertical writing (0 = none) */
  double grow, basis; /* in a group; NAN = not given */
  spec_text highlight, unit; /* a chart's story options (chart_story) */
  int direct_labels;
  void *content; /* text_content, kpi_content, ... by kind */
} block_model;

/* masthead: the page's header on a colour field (layout/masthead.c). */
typedef struct masthead_model {
  int on; /* masthead: given */
  spec_text kicker;
  uint32_t background, color;
} masthead_model;
extern const key_table masthead_keys;

typedef struct doc_model {
  const spec_doc *spec;
  page_model page;
  masthead_model masthead;
  theme_model theme;
  layout_model layout;
  spec_text title, subtitle, source, note, description;
  block_model *blocks;
  int nblocks;
  const char *lang; /* resolved page language */
  /* Where the key table stores `theme:` and `blocks:` before they are
   * built (a KEY_NODE needs a field of its own: offset 0 is `spec`). */
  const spec_node *theme_node, *blocks_node;
} doc_model;

/* Build the model; problems go to d.  Returns NULL only when the root is
 * not a mapping. */
doc_model *doc_build(const spec_doc *spec, diag_list *d);
const char *block_kind_name(block_kind k);
/* The key tables, for docs and the schema. */
extern const key_table doc_keys, page_keys, layout_keys, block_common_keys, theme_keys;
#endif
