#include "model/infographic.h"

#include "base/fsutil.h"
#include "base/svg_file.h"
#include "data/data.h"
#include "data/path_guard.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/limits.h"
#include "base/png_check.h"

#include "data/numfmt.h"
#include "model/blocks.h"
#include "model/icon_data.h"
#include "model/list_blocks.h"
#include "model/sections.h"

#define OFF(type, field) offsetof(type, field)

static const char *const aligns[] = {"left", "center", "right", "justify", NULL};

/* ---- key tables ---- */

static const char *const compare_styles[] = {"bars", "arrow", "slope", "dumbbell", NULL};
static const char *const change_formats[] = {"percent", "ratio", "words", NULL};
static const key_def compare_defs[] = {
    {"label", KEY_TEXT, NULL, "What is compared (低保标准)", OFF(compare_content, label)},
    {"unit", KEY_TEXT, NULL, "Unit of both values (元/月)", OFF(compare_content, unit)},
    {"from", KEY_NODE, NULL, "The earlier value: a number, or {value, label}", OFF(compare_content, from_n)},
    {"to", KEY_NODE, NULL, "The later value: a number, or {value, label}", OFF(compare_content, to_n)},
    {"items", KEY_NODE, NULL, "Several comparisons on a shared scale: [{label, from, to}, ...]", OFF(compare_content, items_n)},
    {"fromLabel", KEY_TEXT, NULL, "Label of the earlier values of items (2012年, 提标前)", OFF(compare_content, from_label)},
    {"toLabel", KEY_TEXT, NULL, "Label of the later values of items", OFF(compare_content, to_label)},
    {"show", KEY_NODE, NULL, "What to compute and print: [change, cagr] (default: both when years are known)", OFF(compare_content, show_n)},
    {"fromYear", KEY_NUMBER, NULL, "Year of the earlier value (default: a year in its label)", OFF(compare_content, from_year), .min = 1000, .max = 9999},
    {"toYear", KEY_NUMBER, NULL, "Year of the later value (default: a year in its label)", OFF(compare_content, to_year), .min = 1000, .max = 9999},
    {"style", KEY_ENUM, "bars", "bars, arrow or slope; dumbbell (default for items) or slope for items", OFF(compare_content, style), .enums = compare_styles},
    {"changeFormat", KEY_ENUM, "percent", "percent (+99%; trailing zeros only with digits:), ratio (×2.0) or words (增长 99%)", OFF(compare_content, change_format), .enums = change_formats},
    {"digits", KEY_INT, "1", "Decimals of the change and the annual growth", OFF(compare_content, digits), .min = 0, .max = 4},
    {"format", KEY_TEXT, NULL, "Number format of the values (d3-format, plus w for 万/亿)", OFF(compare_content, format)},
    {"note", KEY_TEXT, NULL, "A small line under the comparison", OFF(compare_content, note)},
    {"color", KEY_COLOR, "none", "Colour of the later value (default: the theme's accent)", OFF(compare_content, color)},
};
const key_table compare_keys = {"compare block", compare_defs, KEY_COUNT(compare_defs), NULL};

static const char *const progress_styles[] = {"bar", "ring", "waffle", NULL};
static const char *const emphases[] = {"primary", "secondary", NULL};
static const char *const waffle_cells[] = {"square", "round", NULL};
static const key_def progress_defs[] = {
    {"value", KEY_NUMBER, NULL, "The share", OFF(progress_content, value), .flags = KEYF_REQUIRED},
    {"max", KEY_NUMBER, "100", "The whole the value is a share of", OFF(progress_content, max), .min = 1e-9, .max = 1e15},
    {"label", KEY_TEXT, NULL, "What the share is (护理型床位占比)", OFF(progress_content, label)},
    {"unit", KEY_TEXT, "%", "Unit after the number", OFF(progress_content, unit)},
    {"note", KEY_TEXT, NULL, "A smaller line under the label", OFF(progress_content, note)},
    {"format", KEY_TEXT, NULL, "Number format (d3-format)", OFF(progress_content, format)},
    {"style", KEY_ENUM, "bar", "bar, ring, or waffle (10 x 10 cells, value/max of them filled)", OFF(progress_content, style), .enums = progress_styles},
    {"cells", KEY_ENUM, "square", "A waffle's cells: square (rounded corners) or round (dots)", OFF(progress_content, cells), .enums = waffle_cells},
    {"color", KEY_COLOR, "none", "Colour of the filled part (default: the theme's accent)", OFF(progress_content, color)},
    {"emphasis", KEY_ENUM, "primary", "primary (shares its row's key-number size) or secondary (0.6 of it)", OFF(progress_content, emphasis), .enums = emphases},
    {"size", KEY_LENGTH, "0", "Size of the number outright (default: the row's shared size)", OFF(progress_content, num_size), .min = 0, .max = 2000},
};
const key_table progress_keys = {"progress block", progress_defs, KEY_COUNT(progress_defs), NULL};

static const char *const pictogram_styles[] = {"icons", "waffle", NULL};
static const key_def pictogram_defs[] = {
    {"value", KEY_NUMBER, NULL, "The quantity the icons show", OFF(pictogram_content, value), .flags = KEYF_REQUIRED, .min = 0, .max = 1e15},
    {"per", KEY_NUMBER, "1", "How much one icon stands for", OFF(pictogram_content, per), .min = 1e-12, .max = 1e15},
    {"total", KEY_NUMBER, "0", "Draw empty icons up to this total (0: none)", OFF(pictogram_content, total), .min = 0, .max = 1e15},
    {"icon", KEY_NODE, NULL, "A built-in icon name (person, elder, child, ...), or {path: \"M...\"} on a 24-unit grid", OFF(pictogram_content, icon_n)},
    {"style", KEY_ENUM, "icons", "icons, or waffle: square cells, one per 'per', 10 a row (100 cells unless total says)", OFF(pictogram_content, style), .enums = pictogram_styles},
    {"cells", KEY_ENUM, "square", "A waffle's cells: square (rounded corners) or round (dots)", OFF(pictogram_content, cells), .enums = waffle_cells},
    {"columns", KEY_INT, "0", "Icons per row (0: as many as fit; a waffle: 10)", OFF(pictogram_content, columns), .min = 0, .max = 200},
    {"iconSize", KEY_LENGTH, "36", "Icon size", OFF(pictogram_content, icon_size), .min = 6, .max = 400},
    {"label", KEY_TEXT, NULL, "What the icons count", OFF(pictogram_content, label)},
    {"unit", KEY_TEXT, NULL, "Unit after the number", OFF(pictogram_content, unit)},
    {"note", KEY_TEXT, NULL, "A smaller line under the label", OFF(pictogram_content, note)},
    {"caption", KEY_TEXT, NULL, "The key under the icons (default: 每个图标代表 per)", OFF(pictogram_content, caption)},
    {"format", KEY_TEXT, NULL, "Number format (d3-format, plus w for 万/亿)", OFF(pictogram_content, format)},
    {"showValue", KEY_BOOL, "true", "Print the number above the icons", OFF(pictogram_content, show_value)},
    {"color", KEY_COLOR, "none", "Icon colour (default: the theme's accent)", OFF(pictogram_content, color)},
    {"emptyColor", KEY_COLOR, "none", "Colour of empty icons (default: the theme's rule)", OFF(pictogram_content, empty_color)},
    {"emphasis", KEY_ENUM, "primary", "primary (shares its row's key-number size) or secondary (0.6 of it)", OFF(pictogram_content, emphasis), .enums = emphases},
    {"size", KEY_LENGTH, "0", "Size of the number outright (default: the row's shared size)", OFF(pictogram_content, num_size), .min = 0, .max = 2000},
};
const key_table pictogram_keys = {"pictogram block", pictogram_defs, KEY_COUNT(pictogram_defs), NULL};

static const key_def table_defs[] = {
    {"columns", KEY_NODE, NULL, "Column headings: names, or {title, align, format, weight}", OFF(table_content, columns_n), .flags = KEYF_REQUIRED},
    {"rows", KEY_NODE, NULL, "The rows: lists of cells (numbers or text)", OFF(table_content, rows_n), .flags = KEYF_REQUIRED},
    {"zebra", KEY_BOOL, "true", "Shade every other row", OFF(table_content, zebra)},
    {"header", KEY_BOOL, "true", "Draw the heading row", OFF(table_content, header)},
    {"size", KEY_LENGTH, "0", "Font size (default: the theme's body size)", OFF(table_content, size), .min = 0, .max = 400},
};
const key_table table_keys = {"table block", table_defs, KEY_COUNT(table_defs), NULL};

static const key_def table_col_defs[] = {
    {"title", KEY_TEXT, NULL, "Heading", OFF(table_column, title)},
    {"align", KEY_ENUM, NULL, "left, center or right (default: numbers right, text left)", OFF(table_column, align), .enums = aligns},
    {"format", KEY_TEXT, NULL, "Number format for the column's numbers", OFF(table_column, format)},
    {"weight", KEY_NUMBER, "1", "Share of the table width (given on any column: widths by weight instead of by content)", OFF(table_column, weight), .min = 0.05, .max = 100},
    {"width", KEY_LENGTH, "0", "Width of the column outright (default: from its content, like an HTML table)", OFF(table_column, width), .min = 0, .max = 20000},
    {"nowrap", KEY_BOOL, "false", "Never wrap the column's cells", OFF(table_column, nowrap)},
    {"merge", KEY_BOOL, "false", "Runs of the same value down the column become one cell", OFF(table_column, merge)},
};
static const key_table table_col_keys = {"table column", table_col_defs, KEY_COUNT(table_col_defs), NULL};

static const char *const callout_emphases[] = {"normal", "primary", NULL};
static const key_def callout_defs[] = {
    {"content", KEY_TEXT, NULL, "The note; markup as in text blocks", OFF(callout_content, content), .flags = KEYF_REQUIRED},
    {"target", KEY_NODE, NULL, "What the leader line points at: a block's id, or {block: ID, datum: {field: value}} for one mark of a chart (an arrow to it)", OFF(callout_content, target_n)},
    {"label", KEY_TEXT, NULL, "A short heading above the note", OFF(callout_content, label)},
    {"color", KEY_COLOR, "none", "Colour of the rule and leader (default: the theme's accent)", OFF(callout_content, color)},
    {"emphasis", KEY_ENUM, "normal", "normal, or primary: the label is a key figure (+99%), set at 0.75 of the key-number size", OFF(callout_content, emphasis), .enums = callout_emphases},
};
const key_table callout_keys = {"callout block", callout_defs, KEY_COUNT(callout_defs), NULL};

static const key_def callout_target_defs[] = {
    {"block", KEY_TEXT, NULL, "id of the chart block", OFF(callout_target, block), .flags = KEYF_REQUIRED},
    {"datum", KEY_NODE, NULL, "The data row whose mark the arrow ends on: {field: value, ...} (年份: 2019年)", OFF(callout_target, datum_n), .flags = KEYF_REQUIRED},
};
const key_table callout_target_keys = {"callout target", callout_target_defs, KEY_COUNT(callout_target_defs), NULL};

static const char *const fits[] = {"contain", "width", NULL};
static const key_def image_defs[] = {
    {"src", KEY_TEXT, NULL, "PNG or SVG file, relative to the spec", OFF(image_content, src), .flags = KEYF_REQUIRED},
    {"alt", KEY_TEXT, NULL, "Text alternative", OFF(image_content, alt)},
    {"caption", KEY_TEXT, NULL, "Caption under the image", OFF(image_content, caption)},
    {"height", KEY_LENGTH, "auto", "Height; auto keeps the aspect ratio at the block's width", OFF(image_content, height), .flags = KEYF_AUTO, .min = 1, .max = 20000},
    {"fit", KEY_ENUM, "contain", "contain (never cropped, never upscaled past the box) or width (fill the width)", OFF(image_content, fit), .enums = fits},
    {"align", KEY_ENUM, "center", "left, center or right", OFF(image_content, align), .enums = aligns},
};
const key_table image_keys = {"image block", image_defs, KEY_COUNT(image_defs), NULL};

static const char *const directions[] = {"row", "column", NULL};
static const char *const galigns[] = {"stretch", "start", "center", "end", NULL};
static const char *const gjustify[] = {"start", "center", "end", "space-between", NULL};
static const key_def group_defs[] = {
    {"direction", KEY_ENUM, "row", "row (side by side) or column (stacked)", OFF(group_content, direction), .enums = directions},
    {"gap", KEY_LENGTH, "24", "Space between items", OFF(group_content, gap), .min = 0, .max = 1000},
    {"align", KEY_ENUM, "stretch", "Cross axis: stretch, start, center or end (a row: heights; a column: text and key numbers at their own width, placed)", OFF(group_content, align), .enums = galigns},
    {"justify", KEY_ENUM, "start", "Main axis, for space nothing grows into: start, center, end, space-between", OFF(group_content, justify), .enums = gjustify},
    {"blocks", KEY_NODE, NULL, "The blocks inside, each like an item of the page's blocks: (grow: weights the share)", OFF(group_content, blocks_n)},
    {"items", KEY_NODE, NULL, "The older name of blocks", OFF(group_content, items_n)},
    {"band", KEY_BOOL, "false", "A section band: its background runs to the page's edges (a group as wide as the page's content)", OFF(group_content, band)},
    {"accent", KEY_COLOR, "none", "The section's colour: its numbers, bars, icons, markers and charts' single series, badge and band take it", OFF(group_content, accent)},
    {"badge", KEY_BOOL, "false", "A section header with a numbered badge (01, 02 ... over the page's badged groups) before the title", OFF(group_content, badge)},
    {"number", KEY_INT, "0", "The badge's number outright (default: counted)", OFF(group_content, number), .min = 0, .max = 99},
    {"subtitle", KEY_TEXT, NULL, "A line under the section's title", OFF(group_content, subtitle)},
    {"hero", KEY_BOOL, "false", "The first primary key number inside is the section's hero, set up to 1.5x the frame's number size; the others share one size", OFF(group_content, hero)},
};
const key_table group_keys = {"group block", group_defs, KEY_COUNT(group_defs), NULL};

/* ---- compare ---- */

int compare_year_of(const char *s) {
  if (!s) return 0;
  for (const char *p = s; *p; p++) {
    if (p[0] >= '1' && p[0] <= '2' && p[1] >= '0' && p[1] <= '9' && p[2] >= '0' && p[2] <= '9' && p[3] >= '0' &&
        p[3] <= '9' && !(p[4] >= '0' && p[4] <= '9') && (p == s || !(p[-1] >= '0' && p[-1] <= '9')))
      return atoi(p);
  }
  return 0;
}

static int lang_is_zh(const char *lang) { return !lang || !strncmp(lang, "zh", 2) || !strncmp(lang, "ja", 2); }

static void fmt_pct(double v, int digits, int plus, char *out, size_t n) {
  char spec[16];
  snprintf(spec, sizeof spec, "%s.%d%%", plus ? "+" : "", digits < 0 ? -digits : digits);
  numfmt f;
  numfmt_parse(spec, &f, NULL, 0);
  f.unicode_minus = 1; /* −12%, a minus as wide as the + of +99% */
  numfmt_format(&f, v, out, n);
  /* digits < 0: the spec did not ask for them, so no trailing zeros
   * (+99%, not +99.0%; 10.3% stays) */
  char *dot = digits < 0 ? strchr(out, '.') : NULL;
  if (dot) {
    char *e = dot + 1;
    while (*e >= '0' && *e <= '9') e++;
    char *z = e;
    while (z > dot + 1 && z[-1] == '0') z--;
    if (z == dot + 1) z = dot;
    memmove(z, e, strlen(e) + 1);
  }
}

void compare_compute(const compare_content *k, const compare_item *it, const char *lang, compare_stats *o) {
  memset(o, 0, sizeof *o);
  o->cagr = NAN;
  o->change = it->from != 0 ? it->to / it->from - 1 : NAN;
  double fy = k->from_year, ty = k->to_year;
  if (!fy) fy = compare_year_of(it->from_label.s);
  if (!ty) ty = compare_year_of(it->to_label.s);
  o->years = (fy && ty) ? ty - fy : 0;
  if (!isfinite(o->change)) {
    snprintf(o->change_text, sizeof o->change_text, "—");
  } else if (k->change_format == CHANGE_RATIO) {
    char num[32];
    numfmt f;
    char spec[16];
    snprintf(spec, sizeof spec, ".%df", k->digits);
    numfmt_parse(spec, &f, NULL, 0);
    numfmt_format(&f, it->to / it->from, num, sizeof num);
    snprintf(o->change_text, sizeof o->change_text, "×%s", num);
  } else if (k->change_format == CHANGE_WORDS) {
    char num[32];
    fmt_pct(fabs(o->change), k->digits_given ? k->digits : -k->digits, 0, num, sizeof num);
    int zh = lang_is_zh(lang);
    const char *w = o->change >= 0 ? (zh ? "增长" : "up") : (zh ? "下降" : "down");
    snprintf(o->change_text, sizeof o->change_text, "%s %s", w, num);
  } else {
    fmt_pct(o->change, k->digits_given ? k->digits : -k->digits, 1, o->change_text, sizeof o->change_text);
  }
  if (o->years > 0 && it->from > 0 && it->to > 0) {
    o->cagr = pow(it->to / it->from, 1.0 / o->years) - 1;
    fmt_pct(o->cagr, k->digits_given ? k->digits : -k->digits, 0, o->cagr_text, sizeof o->cagr_text);
  }
}

/* A value: 500, or {value: 500, label: 2012年}. */
static int parse_point(const spec_node *n, double *v, const char **text, spec_text *label, const char *what,
                       const spec_doc *spec, diag_list *d) {
  const spec_node *num = n;
  if (n->kind == SPEC_MAP) {
    num = spec_map_get(n, "value");
    for (int i = 0; i < n->n; i++) {
      const char *key = n->keys[i]->str;
      if (!strcmp(key, "value")) continue;
      if (!strcmp(key, "label")) {
        if (spec_get_string(spec, n->items[i], &label->s, d)) return -1;
        label->loc = spec_loc(spec, n->items[i]);
        continue;
      }
      static const char *const names[] = {"value", "label", NULL};
      const char *s = keys_suggest(key, names, -1);
      if (s)
        diag_spec_error(d, spec_loc(spec, n->keys[i]), "unknown key '%s' in '%s' (did you mean '%s'?)", key, what, s);
      else
        diag_spec_error(d, spec_loc(spec, n->keys[i]), "unknown key '%s' in '%s' (it takes value and label)", key, what);
      return -1;
    }
    if (!num) {
      diag_spec_error(d, spec_loc(spec, n), "missing required key 'value' in '%s'", what);
      return -1;
    }
  }
  if (num->kind != SPEC_SCALAR || !spec_is_number(num)) {
    diag_spec_error(d, spec_loc(spec, num), "'%s' must be a number or {value, label}, found %s", what,
                    spec_describe(spec->arena, num));
    return -1;
  }
  if (spec_get_number(spec, num, v, d)) return -1;
  *text = num->str;
  return 0;
}

static void parse_compare(block_model *b, const spec_doc *spec, diag_list *d) {
  compare_content *k = b->content;
  const spec_node *v = b->value;
  k->style_given = spec_map_get(v, "style") != NULL;
  k->digits_given = spec_map_get(v, "digits") != NULL;
  k->show_change = 1;
  k->show_cagr = 1;
  if (k->show_n && !spec_is_null(k->show_n)) {
    k->show_change = k->show_cagr = 0;
    const spec_node *s = k->show_n;
    int n = s->kind == SPEC_SEQ ? s->n : 1;
    for (int i = 0; i < n; i++) {
      const spec_node *it = s->kind == SPEC_SEQ ? s->items[i] : s;
      if (it->kind == SPEC_SCALAR && !strcmp(it->str, "change"))
        k->show_change = 1;
      else if (it->kind == SPEC_SCALAR && !strcmp(it->str, "cagr"))
        k->show_cagr = 1;
      else
        diag_spec_error(d, spec_loc(spec, it), "'show' takes change and cagr, found %s", spec_describe(spec->arena, it));
    }
  }
  if (k->items_n && !spec_is_null(k->items_n)) {
    if (k->from_n || k->to_n) {
      diag_spec_error(d, spec_loc(spec, k->from_n ? k->from_n : k->to_n),
                      "a compare block has either from/to or items, not both");
      return;
    }
    if (k->items_n->kind != SPEC_SEQ || k->items_n->n == 0) {
      diag_spec_error(d, spec_loc(spec, k->items_n), "'items' must be a non-empty list of {label, from, to}, found %s",
                      spec_describe(spec->arena, k->items_n));
      return;
    }
    if (!k->style_given) k->style = COMPARE_DUMBBELL;
    k->items = arena_alloc_array(spec->arena, (size_t)k->items_n->n, sizeof *k->items);
    for (int i = 0; i < k->items_n->n; i++) {
      const spec_node *m = k->items_n->items[i];
      compare_item *it = &k->items[k->nitems];
      it->loc = spec_loc(spec, m);
      if (m->kind != SPEC_MAP) {
        diag_spec_error(d, it->loc, "a compare item must be a mapping {label, from, to}, found %s",
                        spec_describe(spec->arena, m));
        continue;
      }
      int ok = 1;
      for (int j = 0; j < m->n; j++) {
        const char *key = m->keys[j]->str;
        const spec_node *val = m->items[j];
        if (!strcmp(key, "label")) {
          if (spec_get_string(spec, val, &it->label.s, d)) ok = 0;
          it->label.loc = spec_loc(spec, val);
        } else if (!strcmp(key, "from")) {
          if (parse_point(val, &it->from, &it->from_text, &it->from_label, "from", spec, d)) ok = 0;
        } else if (!strcmp(key, "to")) {
          if (parse_point(val, &it->to, &it->to_text, &it->to_label, "to", spec, d)) ok = 0;
        } else {
          static const char *const names[] = {"label", "from", "to", NULL};
          const char *s = keys_suggest(key, names, -1);
          diag_spec_error(d, spec_loc(spec, m->keys[j]), "unknown key '%s' in a compare item%s%s%s", key,
                          s ? " (did you mean '" : " (it takes label, from and to)", s ? s : "", s ? "'?)" : "");
          ok = 0;
        }
      }
      if (!spec_map_get(m, "from") || !spec_map_get(m, "to")) {
        diag_spec_error(d, it->loc, "a compare item needs both 'from' and 'to'");
        ok = 0;
      }
      if (!it->from_label.s) it->from_label = k->from_label;
      if (!it->to_label.s) it->to_label = k->to_label;
      if (ok) k->nitems++;
    }
    return;
  }
  if (!k->from_n || !k->to_n) {
    diag_spec_error(d, spec_loc(spec, v), "a compare block needs 'from' and 'to' (or a list of 'items')");
    return;
  }
  if (k->style == COMPARE_DUMBBELL) k->style = COMPARE_BARS;
  k->single = 1;
  k->items = arena_alloc(spec->arena, sizeof *k->items);
  compare_item *it = k->items;
  it->label = k->label;
  it->loc = b->loc;
  if (parse_point(k->from_n, &it->from, &it->from_text, &it->from_label, "from", spec, d) ||
      parse_point(k->to_n, &it->to, &it->to_text, &it->to_label, "to", spec, d))
    return;
  k->nitems = 1;
}

/* ---- icons ---- */

/* {svg: file.svg}: confined and opened once like an image block's file
 * (O_NONBLOCK, a regular file only: a FIFO is refused, not waited on),
 * then checked by base/svg_file.c (entities refused, data: URLs sized). */
static int icon_load_svg(const spec_doc *spec, const spec_node *sn, const char *src, diag_list *d, icon_ref *out) {
  src_loc at = spec_loc(spec, sn);
  if (!svg_file_has_ext(src)) {
    diag_spec_error(d, at, "icon '%s': {svg: ...} takes an SVG file (.svg)", src);
    return -1;
  }
  char dir[4096], err[1024];
  fs_dirname(spec->path ? spec->path : ".", dir, sizeof dir);
  const data_opts *o = spec->data_opts;
  int fd;
  long long size;
  int r = path_guard_open(dir, src, o ? o->allow_dirs : NULL, &fd, &size, err, sizeof err);
  if (r) {
    diag_spec_error(d, at, r == PG_NOT_REGULAR ? "icon %s" : "%s", err);
    return -1;
  }
  if (size > LIMIT_IMAGE_BYTES) {
    close(fd);
    diag_spec_error(d, at, "icon '%s' is too large (%lld bytes; the limit is %ld)", src, size, (long)LIMIT_IMAGE_BYTES);
    return -1;
  }
  buf fb = {0};
  r = fs_read_fd(fd, &fb, LIMIT_IMAGE_BYTES, err, sizeof err);
  close(fd);
  if (r) {
    buf_free(&fb);
    diag_spec_error(d, at, "cannot read '%s': %s", src, err);
    return -1;
  }
  double max_px = o && o->max_image_pixels > 0 ? o->max_image_pixels : (double)LIMIT_IMAGE_PIXELS;
  if (svg_file_check(fb.data, fb.len, max_px, &out->svg_w, &out->svg_h, err, sizeof err)) {
    buf_free(&fb);
    diag_spec_error(d, at, "icon '%s' %s", src, err);
    return -1;
  }
  unsigned char *copy = arena_alloc(spec->arena, fb.len ? fb.len : 1);
  memcpy(copy, fb.data, fb.len);
  out->svg = copy;
  out->svg_len = fb.len;
  out->svg_src = arena_strdup(spec->arena, src);
  buf_free(&fb);
  return 0;
}

int icon_ref_parse(const spec_node *n, const spec_doc *spec, diag_list *d, icon_ref *out) {
  memset(out, 0, sizeof *out);
  out->loc = spec_loc(spec, n);
  if (n->kind == SPEC_SCALAR) {
    if ((out->path = icon_builtin_path(n->str))) {
      out->name = n->str;
      return 0;
    }
    const char *s = keys_suggest(n->str, icon_names, -1);
    char list[1024] = "";
    for (int i = 0; icon_names[i]; i++) {
      strncat(list, i ? ", " : "", sizeof list - strlen(list) - 1);
      strncat(list, icon_names[i], sizeof list - strlen(list) - 1);
    }
    if (s)
      diag_spec_error(d, out->loc, "unknown icon '%s' (did you mean '%s'?)", n->str, s);
    else
      diag_spec_error(d, out->loc, "unknown icon '%s' (icons: %s; or {path: \"M...\"} or {svg: file.svg})", n->str,
                      list);
    return -1;
  }
  const spec_node *pn = n->kind == SPEC_MAP && n->n == 1 ? spec_map_get(n, "path") : NULL;
  const spec_node *sn = n->kind == SPEC_MAP && n->n == 1 ? spec_map_get(n, "svg") : NULL;
  const char *s;
  if (pn) {
    if (spec_get_string(spec, pn, &s, d)) return -1;
    char err[160];
    icon_path tmp;
    if (icon_path_parse(spec->arena, s, &tmp, err, sizeof err)) {
      diag_spec_error(d, spec_loc(spec, pn), "invalid path data: %s", err);
      return -1;
    }
    out->path = s;
    return 0;
  }
  if (sn) {
    if (spec_get_string(spec, sn, &s, d)) return -1;
    return icon_load_svg(spec, sn, s, d, out);
  }
  diag_spec_error(d, out->loc, "'icon' must be an icon name, {path: \"M...\"} or {svg: file.svg}, found %s",
                  spec_describe(spec->arena, n));
  return -1;
}

static void parse_kpi(block_model *b, const spec_doc *spec, diag_list *d) {
  kpi_content *k = b->content;
  if (!k->icon_n || spec_is_null(k->icon_n)) return;
  icon_ref *r = arena_alloc(spec->arena, sizeof *r);
  if (icon_ref_parse(k->icon_n, spec, d, r) == 0) k->icon = r;
}

/* ---- pictogram ---- */

static void parse_pictogram(block_model *b, const spec_doc *spec, diag_list *d) {
  pictogram_content *p = b->content;
  const spec_node *n = p->icon_n;
  p->icon_name = "person";
  p->icon.name = "person";
  p->icon.path = icon_builtin_path("person");
  if (n && !spec_is_null(n)) {
    p->icon_loc = spec_loc(spec, n);
    if (icon_ref_parse(n, spec, d, &p->icon)) return;
    p->icon_name = p->icon.name;
    p->icon_path = p->icon.name ? NULL : p->icon.path;
  }
  double count = ceil((p->value > p->total ? p->value : p->total) / p->per - 1e-9);
  if (count > 2000)
    diag_spec_error(d, spec_loc(spec, b->value),
                    "this pictogram would draw %.0f icons (at most 2000): make 'per' larger", count);
}

/* ---- table ---- */

static void parse_table(block_model *b, const spec_doc *spec, diag_list *d) {
  table_content *t = b->content;
  const spec_node *cn = t->columns_n, *rn = t->rows_n;
  if (!cn || !rn) return;
  if (cn->kind != SPEC_SEQ || cn->n == 0) {
    diag_spec_error(d, spec_loc(spec, cn), "'columns' must be a non-empty list, found %s", spec_describe(spec->arena, cn));
    return;
  }
  if (rn->kind != SPEC_SEQ) {
    diag_spec_error(d, spec_loc(spec, rn), "'rows' must be a list of rows, found %s", spec_describe(spec->arena, rn));
    return;
  }
  t->ncols = cn->n;
  t->cols = arena_alloc_array(spec->arena, (size_t)cn->n, sizeof *t->cols);
  for (int i = 0; i < cn->n; i++) {
    const spec_node *c = cn->items[i];
    table_column *col = &t->cols[i];
    if (c->kind == SPEC_MAP) {
      keys_apply(&table_col_keys, c, col, spec, d, NULL);
      if (!spec_map_get(c, "align")) col->align = -1;
      col->weight_given = spec_map_get(c, "weight") != NULL;
    } else {
      keys_defaults(&table_col_keys, col, spec, d);
      col->align = -1;
      if (spec_get_string(spec, c, &col->title.s, d)) return;
      col->title.loc = spec_loc(spec, c);
    }
  }
  t->nrows = rn->n;
  t->cells = arena_alloc_array(spec->arena, (size_t)rn->n * (size_t)t->ncols, sizeof *t->cells);
  for (int r = 0; r < rn->n; r++) {
    const spec_node *row = rn->items[r];
    if (row->kind != SPEC_SEQ) {
      diag_spec_error(d, spec_loc(spec, row), "a table row must be a list of cells, found %s",
                      spec_describe(spec->arena, row));
      continue;
    }
    if (row->n != t->ncols) {
      diag_spec_error(d, spec_loc(spec, row), "row %d has %d cells but the table has %d columns", r + 1, row->n,
                      t->ncols);
      continue;
    }
    for (int c = 0; c < row->n; c++) {
      const spec_node *item = row->items[c];
      table_cell *tc = &t->cells[r * t->ncols + c];
      tc->loc = spec_loc(spec, item);
      if (item->kind != SPEC_SCALAR) {
        diag_spec_error(d, tc->loc, "a table cell must be a number or text, found %s", spec_describe(spec->arena, item));
        continue;
      }
      tc->text = spec_is_null(item) ? "" : item->str;
      if (spec_is_number(item) && !spec_get_number(spec, item, &tc->value, NULL)) tc->is_number = 1;
    }
  }
}

/* ---- callout ---- */

/* target: an id (the block's nearest edge), or {block, datum} (one mark
 * of a chart: the datum's fields and values as written, matched at layout). */
static void parse_callout(block_model *b, const spec_doc *spec, diag_list *d) {
  callout_content *k = b->content;
  const spec_node *t = k->target_n;
  if (!t) return;
  if (t->kind == SPEC_SCALAR) {
    k->target = (spec_text){t->str, spec_loc(spec, t)};
    return;
  }
  if (t->kind != SPEC_MAP) {
    diag_spec_error(d, spec_loc(spec, t), "a callout's target is a block's id or {block, datum}, found %s",
                    spec_describe(spec->arena, t));
    return;
  }
  callout_target ct = {0};
  int before = d->errors;
  keys_apply(&callout_target_keys, t, &ct, spec, d, NULL);
  if (d->errors != before) return;
  const spec_node *dn = ct.datum_n;
  if (dn->kind != SPEC_MAP || dn->n == 0) {
    diag_spec_error(d, spec_loc(spec, dn), "a callout's datum is a mapping of fields to values ({年份: 2019年}), found %s",
                    spec_describe(spec->arena, dn));
    return;
  }
  k->datum_fields = arena_alloc_array(spec->arena, (size_t)dn->n, sizeof *k->datum_fields);
  k->datum_values = arena_alloc_array(spec->arena, (size_t)dn->n, sizeof *k->datum_values);
  for (int i = 0; i < dn->n; i++) {
    if (dn->items[i]->kind != SPEC_SCALAR) {
      diag_spec_error(d, spec_loc(spec, dn->items[i]), "the value of '%s' in a callout's datum must be a number or text, found %s",
                      dn->keys[i]->str, spec_describe(spec->arena, dn->items[i]));
      return;
    }
    k->datum_fields[i] = dn->keys[i]->str;
    k->datum_values[i] = dn->items[i]->str;
  }
  k->ndatum = dn->n;
  k->datum_loc = spec_loc(spec, dn);
  k->target = ct.block;
}

/* ---- image ---- */

static void parse_image(block_model *b, const spec_doc *spec, diag_list *d) {
  image_content *im = b->content;
  if (!im->src.s) return;
  const char *src = im->src.s;
  size_t n = strlen(src);
  im->is_svg = svg_file_has_ext(src);
  if (!im->is_svg && (n < 4 || strcasecmp(src + n - 4, ".png"))) {
    diag_spec_error(d, im->src.loc, "image '%s': only PNG and SVG images are supported (.png or .svg)", src);
    return;
  }
  /* Same confinement as data files: the spec's folder and below only,
   * opened once (O_NONBLOCK, so a FIFO cannot hang us; it must be a
   * regular file) and read only through that descriptor, so a folder
   * swapped for a symbolic link meanwhile cannot lead outside. */
  char dir[4096], err[1024];
  fs_dirname(spec->path ? spec->path : ".", dir, sizeof dir);
  const data_opts *o = spec->data_opts;
  int fd;
  long long size;
  int r = path_guard_open(dir, src, o ? o->allow_dirs : NULL, &fd, &size, err, sizeof err);
  if (r) {
    diag_spec_error(d, im->src.loc, r == PG_NOT_REGULAR ? "image %s" : "%s", err);
    return;
  }
  if (size > LIMIT_IMAGE_BYTES) {
    close(fd);
    diag_spec_error(d, im->src.loc, "image '%s' is too large (%lld bytes; the limit is %ld)", src, size,
                    (long)LIMIT_IMAGE_BYTES);
    return;
  }
  buf fb = {0};
  r = fs_read_fd(fd, &fb, LIMIT_IMAGE_BYTES, err, sizeof err);
  close(fd);
  if (r) {
    buf_free(&fb);
    diag_spec_error(d, im->src.loc, "cannot read '%s': %s", src, err);
    return;
  }
  /* Checked now, sizes from the headers before anything is decoded: a
   * broken, cut-short or lying file, or one over --max-image-pixels, is a
   * located error.  An SVG is parsed now (librsvg gets the bytes and loads
   * nothing else but data: URLs: see base/svg_file.h), so layout gets its
   * size without parsing it again. */
  double max_px = o && o->max_image_pixels > 0 ? o->max_image_pixels : (double)LIMIT_IMAGE_PIXELS;
  const unsigned char *bytes = (const unsigned char *)fb.data;
  int bad = 0;
  if (im->is_svg) {
    bad = svg_file_check(bytes, fb.len, max_px, &im->svg_w, &im->svg_h, err, sizeof err) != 0;
  } else {
    bad = png_check(bytes, fb.len, max_px, &im->png_w, &im->png_h, err, sizeof err) != PNG_CHECK_OK;
  }
  if (bad) {
    buf_free(&fb);
    diag_spec_error(d, im->src.loc, "image '%s' %s", src, err);
    return;
  }
  unsigned char *copy = arena_alloc(spec->arena, fb.len ? fb.len : 1);
  memcpy(copy, bytes, fb.len);
  im->data = copy;
  im->len = fb.len;
  buf_free(&fb);
  im->path = arena_strdup(spec->arena, src);
}

/* ---- group ---- */

static void parse_group(block_model *b, const char *lang, const spec_doc *spec, diag_list *d) {
  group_content *g = b->content;
  if (g->blocks_n && g->items_n) {
    diag_spec_error(d, spec_loc(spec, g->items_n), "a group has either 'blocks' or 'items' (the older name), not both");
    return;
  }
  if (!g->items_n && !g->blocks_n) {
    diag_spec_error(d, spec_loc(spec, b->value), "a group needs 'blocks': the list of blocks inside it");
    return;
  }
  const char *word = g->blocks_n ? "blocks" : "items";
  if (g->blocks_n) g->items_n = g->blocks_n;
  if (g->items_n->kind != SPEC_SEQ || g->items_n->n == 0) {
    diag_spec_error(d, spec_loc(spec, g->items_n), "'%s' must be a non-empty list of blocks, found %s", word,
                    spec_describe(spec->arena, g->items_n));
    return;
  }
  blocks_build_list(g->items_n, lang, spec, d, &g->items, &g->nitems);
  section_resolve(b, spec, d);
}

void infographic_parse(block_model *b, const char *lang, const spec_doc *spec, diag_list *d) {
  switch (b->kind) {
  case BLOCK_KPI: parse_kpi(b, spec, d); break;
  case BLOCK_COMPARE: parse_compare(b, spec, d); break;
  case BLOCK_PROGRESS: ((progress_content *)b->content)->value_node = spec_map_get(b->value, "value"); break;
  case BLOCK_PICTOGRAM:
    ((pictogram_content *)b->content)->value_node = spec_map_get(b->value, "value");
    parse_pictogram(b, spec, d);
    break;
  case BLOCK_TABLE: parse_table(b, spec, d); break;
  case BLOCK_IMAGE: parse_image(b, spec, d); break;
  case BLOCK_CALLOUT: parse_callout(b, spec, d); break;
  case BLOCK_TIMELINE:
  case BLOCK_STEPS:
  case BLOCK_RANKING: list_blocks_parse(b, spec, d); break;
  case BLOCK_GROUP: parse_group(b, lang, spec, d); break;
  default: break;
  }
}

/* ---- SVG path data ---- */

typedef struct pp {
  const char *s, *p;
  arena *a;
  icon_path *out;
  int cap;
  char *err;
  size_t errlen;
} pp;

static void pp_add(pp *q, char op, double x, double y) {
  if (q->out->n == q->cap) {
    int cap = q->cap ? q->cap * 2 : 32;
    q->out->pts = arena_grow(q->a, q->out->pts, (size_t)q->out->n, (size_t)cap, sizeof *q->out->pts);
    q->cap = cap;
  }
  q->out->pts[q->out->n++] = (icon_pt){op, (float)x, (float)y};
}

static void pp_ws(pp *q) {
  while (*q->p == ' ' || *q->p == '\t' || *q->p == '\n' || *q->p == '\r' || *q->p == ',') q->p++;
}

static int pp_num(pp *q, double *v, char cmd) {
  pp_ws(q);
  char *end;
  *v = strtod(q->p, &end);
  if (end == q->p || !isfinite(*v)) {
    snprintf(q->err, q->errlen, "at character %d: expected a number after '%c'", (int)(q->p - q->s) + 1, cmd);
    return -1;
  }
  q->p = end;
  return 0;
}

static int pp_flag(pp *q, int *f, char cmd) {
  pp_ws(q);
  if (*q->p == '0' || *q->p == '1') {
    *f = *q->p++ == '1';
    return 0;
  }
  snprintf(q->err, q->errlen, "at character %d: expected an arc flag (0 or 1) after '%c'", (int)(q->p - q->s) + 1, cmd);
  return -1;
}

static int pp_more(pp *q) {
  pp_ws(q);
  char c = *q->p;
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.';
}

static void pp_cubic(pp *q, double x1, double y1, double x2, double y2, double x, double y) {
  pp_add(q, 'C', x1, y1);
  pp_add(q, 'C', x2, y2);
  pp_add(q, 'C', x, y);
}

/* SVG arc (endpoint form) to cubics: SVG 1.1 appendix F.6. */
static void pp_arc(pp *q, double x0, double y0, double rx, double ry, double phi_deg, int large, int sweep, double x,
                   double y) {
  if (x0 == x && y0 == y) return;
  rx = fabs(rx);
  ry = fabs(ry);
  if (rx == 0 || ry == 0) {
    pp_add(q, 'L', x, y);
    return;
  }
  double phi = phi_deg * M_PI / 180, cp = cos(phi), sp = sin(phi);
  double dx = (x0 - x) / 2, dy = (y0 - y) / 2;
  double x1p = cp * dx + sp * dy, y1p = -sp * dx + cp * dy;
  double lam = x1p * x1p / (rx * rx) + y1p * y1p / (ry * ry);
  if (lam > 1) {
    rx *= sqrt(lam);
    ry *= sqrt(lam);
  }
  double num = rx * rx * ry * ry - rx * rx * y1p * y1p - ry * ry * x1p * x1p;
  double den = rx * rx * y1p * y1p + ry * ry * x1p * x1p;
  double co = den > 0 && num > 0 ? sqrt(num / den) : 0;
  if (large == sweep) co = -co;
  double cxp = co * rx * y1p / ry, cyp = -co * ry * x1p / rx;
  double cx = cp * cxp - sp * cyp + (x0 + x) / 2, cy = sp * cxp + cp * cyp + (y0 + y) / 2;
  double t1 = atan2((y1p - cyp) / ry, (x1p - cxp) / rx);
  double t2 = atan2((-y1p - cyp) / ry, (-x1p - cxp) / rx);
  double dt = t2 - t1;
  if (sweep && dt < 0) dt += 2 * M_PI;
  if (!sweep && dt > 0) dt -= 2 * M_PI;
  int segs = (int)ceil(fabs(dt) / (M_PI / 2) - 1e-9);
  if (segs < 1) segs = 1;
  double step = dt / segs, k = 4.0 / 3.0 * tan(step / 4);
  for (int i = 0; i < segs; i++) {
    double a0 = t1 + i * step, a1 = a0 + step;
    double c0 = cos(a0), s0 = sin(a0), c1 = cos(a1), s1 = sin(a1);
    /* points on the unit circle, then scale, rotate, translate */
    double px[3] = {c0 - k * s0, c1 + k * s1, c1}, py[3] = {s0 + k * c0, s1 - k * c1, s1};
    double X[3], Y[3];
    for (int j = 0; j < 3; j++) {
      X[j] = cx + cp * rx * px[j] - sp * ry * py[j];
      Y[j] = cy + sp * rx * px[j] + cp * ry * py[j];
    }
    if (i == segs - 1) {
      X[2] = x;
      Y[2] = y;
    }
    pp_cubic(q, X[0], Y[0], X[1], Y[1], X[2], Y[2]);
  }
}

int icon_path_parse(arena *a, const char *d, icon_path *out, char *err, size_t errlen) {
  char dummy[8];
  if (!err) {
    err = dummy;
    errlen = sizeof dummy;
  }
  memset(out, 0, sizeof *out);
  pp q = {d, d, a, out, 0, err, errlen};
  double cx = 0, cy = 0, sx = 0, sy = 0; /* current point, subpath start */
  double lcx = 0, lcy = 0;               /* last control point (S, T) */
  char prev = 0, cmd = 0;
  pp_ws(&q);
  if (!*q.p) {
    snprintf(err, errlen, "the path is empty");
    return -1;
  }
  while (1) {
    pp_ws(&q);
    if (!*q.p) break;
    char c = *q.p;
    if (strchr("MmLlHhVvCcSsQqTtAaZz", c)) {
      cmd = c;
      q.p++;
    } else if (!cmd || !pp_more(&q) || cmd == 'Z' || cmd == 'z') {
      snprintf(err, errlen, "at character %d: unexpected '%c' (commands: M L H V C S Q T A Z)", (int)(q.p - d) + 1, c);
      return -1;
    }
    if (!prev && cmd != 'M' && cmd != 'm') {
      snprintf(err, errlen, "a path must start with M (a move), found '%c'", cmd);
      return -1;
    }
    int rel = cmd >= 'a';
    double ox = rel ? cx : 0, oy = rel ? cy : 0;
    double v[7];
    char up = (char)(rel ? cmd - 32 : cmd);
    switch (up) {
    case 'Z':
      pp_add(&q, 'Z', sx, sy);
      cx = sx;
      cy = sy;
      break;
    case 'M':
      if (pp_num(&q, &v[0], cmd) || pp_num(&q, &v[1], cmd)) return -1;
      cx = sx = ox + v[0];
      cy = sy = oy + v[1];
      pp_add(&q, 'M', cx, cy);
      cmd = rel ? 'l' : 'L'; /* further pairs are lines */
      break;
    case 'L':
      if (pp_num(&q, &v[0], cmd) || pp_num(&q, &v[1], cmd)) return -1;
      cx = ox + v[0];
      cy = oy + v[1];
      pp_add(&q, 'L', cx, cy);
      break;
    case 'H':
      if (pp_num(&q, &v[0], cmd)) return -1;
      cx = ox + v[0];
      pp_add(&q, 'L', cx, cy);
      break;
    case 'V':
      if (pp_num(&q, &v[0], cmd)) return -1;
      cy = oy + v[0];
      pp_add(&q, 'L', cx, cy);
      break;
    case 'C':
      for (int i = 0; i < 6; i++)
        if (pp_num(&q, &v[i], cmd)) return -1;
      pp_cubic(&q, ox + v[0], oy + v[1], ox + v[2], oy + v[3], ox + v[4], oy + v[5]);
      lcx = ox + v[2];
      lcy = oy + v[3];
      cx = ox + v[4];
      cy = oy + v[5];
      break;
    case 'S': {
      for (int i = 0; i < 4; i++)
        if (pp_num(&q, &v[i], cmd)) return -1;
      int after = prev && strchr("CcSs", prev);
      double x1 = after ? 2 * cx - lcx : cx, y1 = after ? 2 * cy - lcy : cy;
      pp_cubic(&q, x1, y1, ox + v[0], oy + v[1], ox + v[2], oy + v[3]);
      lcx = ox + v[0];
      lcy = oy + v[1];
      cx = ox + v[2];
      cy = oy + v[3];
      break;
    }
    case 'Q':
    case 'T': {
      double qx, qy;
      if (up == 'Q') {
        for (int i = 0; i < 4; i++)
          if (pp_num(&q, &v[i], cmd)) return -1;
        qx = ox + v[0];
        qy = oy + v[1];
        v[0] = v[2];
        v[1] = v[3];
      } else {
        if (pp_num(&q, &v[0], cmd) || pp_num(&q, &v[1], cmd)) return -1;
        int after = prev && strchr("QqTt", prev);
        qx = after ? 2 * cx - lcx : cx;
        qy = after ? 2 * cy - lcy : cy;
      }
      double x = ox + v[0], y = oy + v[1];
      pp_cubic(&q, cx + 2.0 / 3 * (qx - cx), cy + 2.0 / 3 * (qy - cy), x + 2.0 / 3 * (qx - x), y + 2.0 / 3 * (qy - y),
               x, y);
      lcx = qx;
      lcy = qy;
      cx = x;
      cy = y;
      break;
    }
    case 'A': {
      int large, sweep;
      if (pp_num(&q, &v[0], cmd) || pp_num(&q, &v[1], cmd) || pp_num(&q, &v[2], cmd) || pp_flag(&q, &large, cmd) ||
          pp_flag(&q, &sweep, cmd) || pp_num(&q, &v[3], cmd) || pp_num(&q, &v[4], cmd))
        return -1;
      pp_arc(&q, cx, cy, v[0], v[1], v[2], large, sweep, ox + v[3], oy + v[4]);
      cx = ox + v[3];
      cy = oy + v[4];
      break;
    }
    }
    prev = up == 'M' ? 'M' : (rel ? (char)(up + 32) : up);
    if (out->n > 20000) {
      snprintf(err, errlen, "the path is too long (more than 20000 points)");
      return -1;
    }
  }
  return 0;
}
