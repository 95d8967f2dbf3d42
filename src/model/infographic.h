/* Infographic blocks: compare, progress, pictogram, table, callout, image
 * and group.  Content structs and their key tables; parsing that the key
 * tables cannot express (from/to as a number or a mapping, item lists,
 * table rows, nested blocks) is done by infographic_parse(). */
#ifndef HUITU_MODEL_INFOGRAPHIC_H
#define HUITU_MODEL_INFOGRAPHIC_H
#include "model/doc.h"

/* ---- compare ---- */
typedef enum { COMPARE_BARS, COMPARE_ARROW, COMPARE_SLOPE, COMPARE_DUMBBELL, COMPARE_STYLE_LAST } compare_style;
typedef enum { CHANGE_PERCENT, CHANGE_RATIO, CHANGE_WORDS, CHANGE_FORMAT_LAST } compare_change_format;

typedef struct compare_item {
  spec_text label;
  double from, to;
  const char *from_text, *to_text; /* the numbers as written ("1400") */
  spec_text from_label, to_label;  /* "2012年" */
  src_loc loc;
} compare_item;

typedef struct compare_content {
  spec_text label, unit, format, note, from_label, to_label;
  const spec_node *from_n, *to_n, *items_n, *show_n;
  double from_year, to_year; /* 0 = take them from the labels */
  int style, change_format, digits;
  uint32_t color;
  /* resolved by infographic_parse */
  compare_item *items;
  int nitems, single; /* single: from/to at the top level */
  int show_change, show_cagr;
  int style_given;
  int digits_given; /* else trailing zeros of the change are dropped */
} compare_content;

/* The computed change of one item, as printed. */
typedef struct compare_stats {
  double change;  /* to/from - 1 */
  double cagr;    /* NAN without years */
  double years;
  char change_text[48]; /* "+99.0%", "×2.0", "增长 99.0%" */
  char cagr_text[32];   /* "10.3%" */
} compare_stats;
/* lang decides the words ("增长"/"up"); single is the year source for
 * items that have no labels of their own. */
void compare_compute(const compare_content *k, const compare_item *it, const char *lang, compare_stats *out);
/* A four-digit year in a label ("2012年" -> 2012), or 0. */
int compare_year_of(const char *label);

/* ---- progress ---- */
typedef enum { PROGRESS_BAR, PROGRESS_RING, PROGRESS_WAFFLE, PROGRESS_STYLE_LAST } progress_style;
typedef struct progress_content {
  double value, max;
  const spec_node *value_node;
  spec_text label, unit, note, format;
  int style;
  int cells; /* a waffle's: 0 square, 1 round */
  uint32_t color;
  int emphasis;    /* emphasis_kind */
  double num_size; /* 0 = the row's */
} progress_content;

/* ---- icons (kpi, pictogram) ----
 * What an `icon:` value names: a built-in icon (its path data), path data
 * of the spec's own ({path: "M..."}, 24-unit grid), or an SVG file
 * ({svg: file.svg}, read through chart/path_guard.h and checked by
 * base/svg_file.h like an image block's; drawn in its own colours). */
typedef struct icon_ref {
  const char *name;             /* built-in name, or NULL */
  const char *path;             /* path data (built-in or {path:}), or NULL */
  const char *svg_src;          /* {svg:} as written, or NULL */
  const unsigned char *svg;     /* its checked bytes */
  size_t svg_len;
  double svg_w, svg_h;          /* its intrinsic size */
  src_loc loc;
} icon_ref;
/* Resolve n into out (zeroed first).  Returns 0, or -1 after a located
 * error (unknown name with did-you-mean, bad path data, a refused file). */
int icon_ref_parse(const spec_node *n, const spec_doc *spec, diag_list *d, icon_ref *out);

/* ---- pictogram ---- */
typedef enum { PICTOGRAM_ICONS, PICTOGRAM_WAFFLE, PICTOGRAM_STYLE_LAST } pictogram_style;
typedef struct pictogram_content {
  double value, per, total, icon_size;
  const spec_node *value_node, *icon_n;
  spec_text label, unit, note, format, caption;
  int columns, show_value;
  int style; /* pictogram_style: icons, or waffle cells (layout/waffle.h) */
  int cells; /* a waffle's: 0 square, 1 round */
  uint32_t color, empty_color;
  int emphasis;    /* emphasis_kind */
  double num_size; /* 0 = the row's */
  /* resolved */
  const char *icon_name;  /* built-in, or NULL */
  const char *icon_path;  /* custom SVG path data, or NULL */
  src_loc icon_loc;
  icon_ref icon;          /* what icon_n names (person when not given) */
} pictogram_content;

/* ---- table ---- */
typedef struct table_column {
  spec_text title, format;
  int align; /* align_kind; -1 = numbers right, text left */
  double weight;
  int weight_given; /* any column's weight: widths by weight, not content */
  int nowrap, merge;
  double width; /* 0 = from the content */
} table_column;
typedef struct table_cell {
  const char *text;
  double value;
  int is_number;
  src_loc loc;
} table_cell;
typedef struct table_content {
  const spec_node *columns_n, *rows_n;
  int zebra, header;
  double size; /* 0 = theme body size */
  /* resolved */
  table_column *cols;
  int ncols, nrows;
  table_cell *cells; /* nrows * ncols */
} table_content;

/* ---- callout ---- */
typedef enum { SIDE_AUTO, SIDE_LEFT, SIDE_RIGHT, SIDE_TOP, SIDE_BOTTOM, SIDE_LAST } callout_side;
typedef struct callout_content {
  spec_text content, label;
  uint32_t color;
  int emphasis; /* 1: primary, the label a key figure */
  const spec_node *target_n; /* an id, or {block, datum} */
  /* resolved from target_n */
  spec_text target;          /* the id of the block pointed at */
  src_loc datum_loc;         /* where the datum {field: value, ...} is written */
  int ndatum;
  const char **datum_fields, **datum_values;
} callout_content;
/* The keys of a callout's target mapping {block, datum}. */
typedef struct callout_target {
  spec_text block;
  const spec_node *datum_n;
} callout_target;

/* ---- image ---- */
typedef enum { FIT_CONTAIN, FIT_WIDTH, FIT_LAST } image_fit;
typedef struct image_content {
  spec_text src, alt, caption;
  double height; /* NAN = from the image's aspect ratio */
  int fit, align;
  /* resolved */
  const char *path; /* resolved against the spec's folder (for messages) */
  int is_svg;       /* SVG (measured when loaded) rather than PNG */
  double svg_w, svg_h; /* SVG: intrinsic size in CSS px */
  /* The file's bytes, read once from a confined descriptor when the spec
   * is loaded and checked there (base/png_check.h, base/svg_file.h): layout
   * and every backend use these, never the path, so what is drawn is what
   * was checked.  In the spec's arena. */
  const unsigned char *data;
  size_t len;
  unsigned png_w, png_h; /* PNG: size in pixels from its checked header */
} image_content;

/* ---- group ---- */
typedef enum { DIR_ROW, DIR_COLUMN, DIR_LAST } group_direction;
typedef enum { GA_STRETCH, GA_START, GA_CENTER, GA_END, GA_LAST } group_align;
typedef enum { GJ_START, GJ_CENTER, GJ_END, GJ_SPACE_BETWEEN, GJ_LAST } group_justify;
typedef struct group_content {
  int direction, align, justify;
  double gap;
  const spec_node *items_n, *blocks_n; /* blocks: (items: the older word) */
  block_model *items;
  int nitems;
  /* a section (model/sections.h, layout/sections.h): a band to the page's
   * edges, an accent its blocks take, a numbered badge (number: 0 =
   * counted), a subtitle, a hero number */
  int band, badge, number, hero;
  uint32_t accent;
  spec_text subtitle;
} group_content;

/* ---- path data ---- */
/* SVG path data (M L H V C S Q T A Z, absolute and relative) reduced to
 * absolute moves, lines, cubics and closes.  pts[i].op is 'M', 'L', 'C'
 * (this point and the next two) or 'Z'. */
typedef struct icon_pt {
  char op;
  float x, y;
} icon_pt;
typedef struct icon_path {
  icon_pt *pts;
  int n;
} icon_path;
/* 0, or -1 with a message ("at character 7: expected a number after 'L'"). */
int icon_path_parse(arena *a, const char *d, icon_path *out, char *err, size_t errlen);

extern const key_table compare_keys, progress_keys, pictogram_keys, table_keys, callout_keys, callout_target_keys, image_keys,
    group_keys;

/* After keys_apply: resolve what the tables could not express.  lang is
 * the block's language. */
void infographic_parse(block_model *b, const char *lang, const spec_doc *spec, diag_list *d);
#endif
