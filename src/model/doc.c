#include "model/doc.h"

#include <math.h>
#include <string.h>

#include "base/limits.h"
#include "chart/chart.h"
#include "model/blocks.h"
#include "model/infographic.h"

#define OFF(type, field) offsetof(type, field)

static const char *const page_sizes[] = {"none", "A4", "A3", "A5", "letter", "16:9", "phone", NULL};
static const char *const orientations[] = {"portrait", "landscape", NULL};
static const char *const overflows[] = {"error", "shrink", NULL};
static const char *const themes[] = {"report", "print", "slide", NULL};
static const char *const writings[] = {"horizontal", "vertical", NULL};

static const key_def page_defs[] = {
    {"width", KEY_LENGTH, "1200", "Page width (px, or with a unit: 210mm, 595pt)", OFF(page_model, width), .min = 1, .max = LIMIT_PAGE_SIDE},
    {"height", KEY_LENGTH, "auto", "Page height; auto grows the page to fit its content", OFF(page_model, height), .flags = KEYF_AUTO, .min = 1, .max = LIMIT_PAGE_SIDE},
    {"size", KEY_ENUM, "none", "Preset: A4, A3, A5, letter, 16:9 (1920x1080), phone (1080 wide, auto height)", OFF(page_model, size), .enums = page_sizes},
    {"orientation", KEY_ENUM, "portrait", "Orientation of a preset size", OFF(page_model, orientation), .enums = orientations},
    {"background", KEY_COLOR, "#ffffff", "Page background colour", OFF(page_model, background)},
    {"lang", KEY_TEXT, "zh-CN", "Language of the text (zh-CN, zh-TW, zh-HK, ja, ko, en): picks glyphs and line breaking", OFF(page_model, lang)},
    {"margin", KEY_LENGTH, "48", "Space between the page edge and its content", OFF(page_model, margin), .min = 0, .max = 4096},
    {"overflow", KEY_ENUM, "error", "When content does not fit a fixed-height page: error, or shrink the text", OFF(page_model, overflow), .enums = overflows},
    {"titleWriting", KEY_ENUM, "horizontal", "The page title and subtitle: horizontal (above the blocks), or vertical (竖排: columns at the top right, read right to left, with the blocks to their left; a block's own text and title follow its `writing`)", OFF(page_model, title_writing), .enums = writings},
};
const key_table page_keys = {"page", page_defs, KEY_COUNT(page_defs), NULL};

static const char *const layout_aligns[] = {"auto", "top", "center", "spread", NULL};
static const key_def layout_defs[] = {
    {"columns", KEY_INT, "1", "Number of grid columns blocks flow into", OFF(layout_model, columns), .min = 1, .max = 24},
    {"gap", KEY_LENGTH, "24", "Space between blocks", OFF(layout_model, gap), .min = 0, .max = 1000},
    {"align", KEY_ENUM, "auto", "On a fixed-height page whose blocks cannot grow to fill it: top, center or spread (rows spaced evenly); auto centres slides (16:9) and spreads the rows of other fixed pages", OFF(layout_model, align), .enums = layout_aligns},
    {"padding", KEY_LENGTH, "auto", "Space between the page edge and its content (auto: page.margin)", OFF(layout_model, padding), .flags = KEYF_AUTO, .min = 0, .max = 4096},
};
const key_table layout_keys = {"layout", layout_defs, KEY_COUNT(layout_defs), NULL};

static const key_def masthead_defs[] = {
    {"kicker", KEY_TEXT, NULL, "A short line over the title: the city or office and the years (苏州民政 · 2012—2019)", OFF(masthead_model, kicker)},
    {"background", KEY_COLOR, "none", "The colour field (default: the theme's accent)", OFF(masthead_model, background)},
    {"color", KEY_COLOR, "#ffffff", "Colour of the title on it; the kicker and subtitle take it at 80%", OFF(masthead_model, color)},
};
const key_table masthead_keys = {"masthead", masthead_defs, KEY_COUNT(masthead_defs), NULL};

static const key_def doc_defs[] = {
    {"page", KEY_OBJECT, NULL, "Page size, background, language and margins", OFF(doc_model, page), .sub = &page_keys},
    {"layout", KEY_OBJECT, NULL, "The grid blocks flow into", OFF(doc_model, layout), .sub = &layout_keys},
    {"theme", KEY_NODE, NULL, "report (default), print (black and greys, for paper) or slide; or a mapping of overrides", OFF(doc_model, theme_node)},
    {"title", KEY_TEXT, NULL, "Figure title", OFF(doc_model, title)},
    {"subtitle", KEY_TEXT, NULL, "Line under the title", OFF(doc_model, subtitle)},
    {"masthead", KEY_OBJECT, NULL, "The title, subtitle and a kicker set on a colour field across the page's top edge (a poster's masthead)", OFF(doc_model, masthead), .sub = &masthead_keys},
    {"source", KEY_TEXT, NULL, "Source line at the foot of the page", OFF(doc_model, source)},
    {"note", KEY_TEXT, NULL, "Note at the foot of the page, above the source", OFF(doc_model, note)},
    {"description", KEY_TEXT, NULL, "Accessible summary (SVG <desc>, PDF subject)", OFF(doc_model, description)},
    {"blocks", KEY_NODE, NULL, "The content blocks, in reading order", OFF(doc_model, blocks_node)},
};
static const char *const doc_unsupported[] = {"params", "selection", NULL};
const key_table doc_keys = {"the spec", doc_defs, KEY_COUNT(doc_defs), doc_unsupported};

static const key_def common_defs[] = {
    {"span", KEY_INT, "1", "Grid columns the block spans", OFF(block_model, span), .min = 1, .max = 24},
    {"rowSpan", KEY_INT, "1", "Grid rows the block spans", OFF(block_model, row_span), .min = 1, .max = 24},
    {"title", KEY_TEXT, NULL, "Heading drawn above the block", OFF(block_model, title)},
    {"background", KEY_COLOR, "none", "Panel colour behind the block", OFF(block_model, background)},
    {"border", KEY_COLOR, "none", "Border colour", OFF(block_model, border)},
    {"padding", KEY_LENGTH, NULL, "Space inside the panel (default: 0, or 20 with a background or border)", OFF(block_model, padding), .min = 0, .max = 1000},
    {"lang", KEY_TEXT, NULL, "Language of this block's text", OFF(block_model, lang)},
    {"writing", KEY_ENUM, "horizontal", "horizontal, or vertical (竖排): the block's text in columns read right to left, and its title as a column at the block's right edge", OFF(block_model, writing), .enums = writings},
    {"tcy", KEY_INT, "2", "In vertical writing: runs of up to this many digits standing alone set upright in one em (縦中横, JLREQ: 2; 3 or 4 squeezed; 0: none)", OFF(block_model, tcy), .min = 0, .max = 4},
    {"id", KEY_TEXT, NULL, "A name for the block (callouts, tests)", OFF(block_model, id)},
    {"grow", KEY_NUMBER, NULL, "In a group: share of the leftover space (row default 1, column default 0)", OFF(block_model, grow), .min = 0, .max = 1000},
    {"basis", KEY_LENGTH, NULL, "In a group: the block's size along the group's direction before growing", OFF(block_model, basis), .min = 0, .max = 20000},
    {"highlight", KEY_TEXT, NULL, "A chart's: one category (on the discrete axis) or series (a colour field's value) in the accent, the rest muted", OFF(block_model, highlight)},
    {"directLabels", KEY_BOOL, "false", "A line chart's: each series' name at its line's end instead of a legend (2 to 4 series)", OFF(block_model, direct_labels)},
    {"unit", KEY_TEXT, NULL, "A chart's unit (元/月): on the legend's line at the top (单位：元/月) instead of the y axis title; the y axis title when there is no legend", OFF(block_model, unit)},
};
const key_table block_common_keys = {"block", common_defs, KEY_COUNT(common_defs), NULL};

/* The type scale of each frame (page_frame order), px.  Report: huitu's
 * figure look (a 1200 px page read on a screen).  Slide: 1920x1080 seen
 * across a room: nothing under 22 px.  Phone: a 1080 px long image shown
 * ~390 px wide: nothing under 24 px, body 34 (12 px on the phone).  Print:
 * points on paper at 96 px per inch (pt x 4/3): title 22 pt, subtitle
 * 14 pt, heading 12 pt, body 10.5 pt (五号), labels and notes 9 pt
 * (小五), key numbers 28 pt, nothing under 7 pt.  The last column is that
 * floor: layout_style sets no text of the page smaller (a block's or a
 * chart's own size included; overflow: shrink still shrinks). */
static const struct type_scale {
  double title, subtitle, heading, body, label, note, number, min;
} type_scales[FRAME_LAST] = {
    [FRAME_REPORT] = {40, 22, 20, 18, 13, 14, 57.6, 9},
    [FRAME_SLIDE] = {60, 36, 32, 28, 24, 24, 88, 22},
    [FRAME_PHONE] = {64, 40, 40, 34, 28, 28, 96, 24},
    [FRAME_PRINT] = {22 * 4 / 3.0, 14 * 4 / 3.0, 12 * 4 / 3.0, 10.5 * 4 / 3.0, 9 * 4 / 3.0, 9 * 4 / 3.0, 28 * 4 / 3.0,
                     7 * 4 / 3.0},
};

/* The frame of a page: its preset, else a report figure (a slide-themed
 * page without a preset: the slide scale, the theme's "large type"). */
static int page_frame_of(const page_model *p, int theme) {
  switch (p->size) {
  case PAGE_16_9: return FRAME_SLIDE;
  case PAGE_PHONE: return FRAME_PHONE;
  case PAGE_A4: case PAGE_A3: case PAGE_A5: case PAGE_LETTER: return FRAME_PRINT;
  default: return theme == THEME_SLIDE ? FRAME_SLIDE : FRAME_REPORT;
  }
}

static void theme_defaults(theme_model *t, int name, int frame) {
  t->name = name;
  t->frame = frame;
  t->ink = 0x1f2933ff;
  t->muted = 0x616e7cff;
  t->accent = 0xc0392bff;
  t->rule = 0xd9dee4ff;
  t->panel = 0xf4f6f8ff;
  t->grid = 0xe5e8ecff;
  t->domain = 0xb8c0c9ff;
  const struct type_scale *k = &type_scales[frame];
  t->size_title = k->title;
  t->size_subtitle = k->subtitle;
  t->size_heading = k->heading;
  t->size_body = k->body;
  t->size_label = k->label;
  t->size_note = k->note;
  t->size_number = k->number;
  t->size_min = k->min;
  if (name == THEME_PRINT) {
    t->ink = 0x000000ff;
    t->muted = 0x333333ff;
    t->accent = 0x000000ff;
    t->rule = 0x999999ff;
    t->panel = 0xf0f0f0ff; /* a neutral grey: no tint on a black-and-white page */
    t->grid = 0xccccccff;
    t->domain = 0x333333ff;
  }
}

/* theme.fontSize: the whole scale by body's ratio, none below the frame's
 * floor (a smaller fontSize makes body text smaller, never illegible). */
static void theme_scale(theme_model *t, double body) {
  double k = body / t->size_body;
  double *sz[] = {&t->size_title, &t->size_subtitle, &t->size_heading, &t->size_body,
                  &t->size_label, &t->size_note,     &t->size_number};
  for (size_t i = 0; i < sizeof sz / sizeof sz[0]; i++) *sz[i] = fmax(t->size_min, *sz[i] * k);
}

/* What the page's charts take from the theme (see chart_theme). */
static void theme_chart_resolve(theme_model *t, uint32_t page_background) {
  chart_theme *c = &t->chart;
  c->label_size = t->size_label;
  c->title_size = t->size_label;
  c->chart_title_size = t->size_heading;
  c->ink = t->ink;
  c->muted = t->muted;
  c->grid = t->grid;
  c->domain = t->domain;
  /* print's accent is black: right for a key number, too heavy for a
   * bar's or an area's fill; a chart's single series takes a dark grey
   * (an accent the spec gives is used as it is) */
  c->accent = t->name == THEME_PRINT && t->accent == 0x000000ff ? 0x595959ff : t->accent;
  c->background = page_background;
  c->print = t->name == THEME_PRINT;
}

static void apply_preset(doc_model *m, const spec_node *page) {
  static const double sizes[][2] = {
      {0, 0}, {210, 297}, {297, 420}, {148, 210}, {215.9, 279.4}, {0, 0}, {0, 0},
  };
  page_model *p = &m->page;
  double w = 0, h = 0;
  if (p->size >= PAGE_A4 && p->size <= PAGE_LETTER) {
    w = sizes[p->size][0] * 96 / 25.4;
    h = sizes[p->size][1] * 96 / 25.4;
  } else if (p->size == PAGE_16_9) {
    w = 1920;
    h = 1080;
  } else if (p->size == PAGE_PHONE) {
    w = 1080;
    h = NAN;
  } else {
    return;
  }
  if (p->orientation == ORIENT_LANDSCAPE && !isnan(h)) {
    double t = w;
    w = h;
    h = t;
  }
  /* An explicit width or height overrides the preset's. */
  if (!spec_map_get(page, "width")) p->width = w;
  if (!spec_map_get(page, "height")) p->height = h;
}

/* theme: {base: slide, accent: "#...", fontSize: 20, dark: true} */
typedef struct theme_over {
  int base, dark;
  uint32_t accent, ink, muted, background, panel, rule;
  double font_size, title_size;
  spec_text font, title_font;
} theme_over;
static const key_def theme_defs[] = {
    {"base", KEY_ENUM, "report", "The theme the overrides start from: report, print or slide", OFF(theme_over, base), .enums = themes},
    {"dark", KEY_BOOL, "false", "Light text on a dark background (for slides)", OFF(theme_over, dark)},
    {"accent", KEY_COLOR, "none", "Colour of key numbers and highlights", OFF(theme_over, accent)},
    {"ink", KEY_COLOR, "none", "Colour of body text", OFF(theme_over, ink)},
    {"muted", KEY_COLOR, "none", "Colour of secondary text (labels, notes, source)", OFF(theme_over, muted)},
    {"background", KEY_COLOR, "none", "Page background (page: background wins when both are given)", OFF(theme_over, background)},
    {"panel", KEY_COLOR, "none", "Colour of tracks, zebra rows and quiet panels", OFF(theme_over, panel)},
    {"rule", KEY_COLOR, "none", "Colour of rules and empty icons", OFF(theme_over, rule)},
    {"fontSize", KEY_LENGTH, "0", "Body text size; the page's whole type scale (titles, notes, key numbers, charts' labels) scales with it, never below the frame's floor", OFF(theme_over, font_size), .min = 0, .max = 400},
    {"titleSize", KEY_LENGTH, "0", "Title size", OFF(theme_over, title_size), .min = 0, .max = 800},
    {"font", KEY_TEXT, NULL, "Font family of all text, charts included (a family or a list: \"Noto Serif CJK SC, serif\"); default: the bundled Huitu Sans SC", OFF(theme_over, font)},
    {"titleFont", KEY_TEXT, NULL, "Font family of the page title and subtitle and of block and section titles (default: font)", OFF(theme_over, title_font)},
};
const key_table theme_keys = {"theme", theme_defs, KEY_COUNT(theme_defs), NULL};

static void theme_apply_over(theme_model *t, const theme_over *o, int frame) {
  theme_defaults(t, o->base, frame);
  if (o->dark) {
    t->dark = 1;
    t->ink = 0xf3f4f6ff;
    t->muted = 0xa3adb9ff;
    t->accent = 0xf0645aff;
    t->rule = 0x3b4654ff;
    t->panel = 0x1e2733ff;
    t->grid = 0x2a3441ff;
    t->domain = 0x5b6775ff;
    t->background = 0x111821ff;
  }
  if (o->accent & 0xff) t->accent = o->accent;
  if (o->ink & 0xff) t->ink = o->ink;
  if (o->muted & 0xff) t->muted = o->muted;
  if (o->panel & 0xff) t->panel = o->panel;
  if (o->rule & 0xff) t->rule = t->grid = o->rule;
  if (o->background & 0xff) t->background = o->background;
  if (o->font_size > 0) theme_scale(t, o->font_size);
  if (o->title_size > 0) t->size_title = fmax(t->size_min, o->title_size);
  t->font = o->font;
  t->title_font = o->title_font;
}

static void build_theme(doc_model *m, const spec_node *n, const spec_doc *spec, diag_list *d) {
  int base = THEME_REPORT; /* the frame may depend on the theme's name */
  const spec_node *bn = n && n->kind == SPEC_MAP ? spec_map_get(n, "base") : n;
  if (bn && bn->kind == SPEC_SCALAR)
    for (int i = 0; themes[i]; i++)
      if (!strcmp(themes[i], bn->str)) base = i;
  int frame = page_frame_of(&m->page, base);
  theme_defaults(&m->theme, THEME_REPORT, frame);
  if (!n) return;
  if (n->kind == SPEC_MAP) {
    theme_over o = {0};
    keys_apply(&theme_keys, n, &o, spec, d, NULL);
    const spec_text *fonts[] = {&o.font, &o.title_font};
    for (int i = 0; i < 2; i++) /* checked against the installed fonts at layout (text_font_list_resolve) */
      if (fonts[i]->s && !fonts[i]->s[strspn(fonts[i]->s, " ,'\"")])
        diag_spec_error(d, fonts[i]->loc, "a font must be a family name (\"Noto Serif CJK SC\") or a list of them "
                                          "(\"Georgia, serif\"), found '%s'", fonts[i]->s);
    theme_apply_over(&m->theme, &o, frame);
    return;
  }
  if (n->kind == SPEC_SCALAR) {
    for (int i = 0; themes[i]; i++)
      if (!strcmp(themes[i], n->str)) {
        theme_defaults(&m->theme, i, frame);
        return;
      }
    const char *s = keys_suggest(n->str, themes, -1);
    diag_spec_error(d, spec_loc(spec, n), "unknown theme '%s'%s%s%s (themes: report, print, slide)", n->str,
                    s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "");
    return;
  }
  diag_spec_error(d, spec_loc(spec, n), "'theme' must be a theme name (report, print or slide) or a mapping of overrides, found %s",
                  spec_describe(spec->arena, n));
}

/* The language of a standalone Vega-Lite file that does not name one
 * (usermeta.lang): Vega-Lite files come from everywhere, so a file with no
 * CJK text at all is English (Count, 1880, 1.2M — what Vega-Lite draws);
 * kana make it Japanese, hangul Korean, other ideographs Chinese.  Every
 * string of the spec counts (titles, field names, inline data).  The walk
 * is iterative: the nesting may be as deep as the parser allows. */
static const char *guess_lang(const spec_node *root, arena *a) {
  int han = 0, cap = 64, top = 0;
  const spec_node **stack = arena_alloc_array(a, (size_t)cap, sizeof *stack);
  stack[top++] = root;
  while (top > 0) {
    const spec_node *n = stack[--top];
    if (n->kind == SPEC_SCALAR) {
      const unsigned char *u = (const unsigned char *)n->str;
      for (size_t i = 0; u && i + 2 < n->len; i++) { /* 3-byte sequences U+3000..U+DFFF */
        if (u[i] < 0xe3 || u[i] > 0xed) continue;
        unsigned cp = ((u[i] & 0x0fu) << 12) | ((u[i + 1] & 0x3fu) << 6) | (u[i + 2] & 0x3fu);
        if (cp >= 0x3040 && cp <= 0x30ff) return "ja";   /* hiragana, katakana */
        if (cp >= 0xac00 && cp <= 0xd7a3) return "ko";   /* hangul syllables */
        if (cp >= 0x4e00 && cp <= 0x9fff) han = 1;
      }
      continue;
    }
    int need = top + 2 * n->n;
    if (need > cap) {
      int ncap = need * 2;
      stack = arena_grow(a, stack, (size_t)cap, (size_t)ncap, sizeof *stack);
      cap = ncap;
    }
    for (int i = 0; i < n->n; i++) {
      if (n->items[i]) stack[top++] = n->items[i];
      if (n->kind == SPEC_MAP && n->keys[i]) stack[top++] = n->keys[i];
    }
  }
  return han ? "zh-CN" : "en";
}

/* A standalone Vega-Lite file is a page holding one chart, sized by it. */
static doc_model *standalone_chart(doc_model *m, const spec_node *root, const spec_doc *spec, diag_list *d) {
  keys_defaults(&page_keys, &m->page, spec, d);
  keys_defaults(&layout_keys, &m->layout, spec, d);
  theme_defaults(&m->theme, THEME_REPORT, FRAME_REPORT);
  m->theme.size_min = 0; /* a Vega-Lite file's sizes are its own, however small */
  const spec_node *usermeta = spec_map_get(root, "usermeta");
  const spec_node *lang = usermeta ? spec_map_get(usermeta, "lang") : NULL;
  m->lang = lang && lang->kind == SPEC_SCALAR ? lang->str : guess_lang(root, spec->arena);
  m->page.auto_width = 1;
  m->blocks = arena_alloc(spec->arena, sizeof *m->blocks);
  block_model *b = &m->blocks[0];
  b->kind = BLOCK_CHART;
  b->node = b->value = root;
  b->loc = spec_loc(spec, root);
  b->index = 1;
  b->span = b->row_span = 1;
  b->padding = 0;
  b->content = chart_build(spec, root, m->lang, d);
  if (!b->content) return m;
  m->nblocks = 1;
  unsigned int bg;
  chart_page_props(b->content, &bg, &m->page.margin);
  m->page.background = bg;
  return m;
}

/* Every chart block of the page, groups' included. */
static void charts_theme(block_model *b, int n, const chart_theme *t, diag_list *d) {
  for (int i = 0; i < n; i++) {
    if (b[i].kind == BLOCK_CHART && b[i].content) {
      chart_apply_theme(b[i].content, t);
      if (!chart_set_story(b[i].content, &(chart_story){b[i].highlight.s, b[i].direct_labels, b[i].unit.s}))
        diag_spec_error(d, b[i].highlight.loc,
                        "highlight '%s' is in no row of the chart (a category on its discrete axis, or a series of its colour field)",
                        b[i].highlight.s);
    }
    if (b[i].kind == BLOCK_GROUP && b[i].content) {
      const group_content *g = b[i].content;
      chart_theme sect = *t; /* a section's accent is its charts' single series */
      if (g->accent & 0xff) sect.accent = g->accent;
      charts_theme(g->items, g->nitems, &sect, d);
    }
  }
}

doc_model *doc_build(const spec_doc *spec, diag_list *d) {
  const spec_node *root = spec->root;
  if (!root) return NULL;
  if (root->kind != SPEC_MAP) {
    diag_spec_error(d, spec_loc(spec, root), "a spec must be a mapping of keys (page:, title:, blocks: ...), found %s",
                    spec_describe(spec->arena, root));
    return NULL;
  }
  doc_model *m = arena_alloc(spec->arena, sizeof *m);
  m->spec = spec;
  if (chart_is_vega_lite(root)) return standalone_chart(m, root, spec, d);
  keys_apply(&doc_keys, root, m, spec, d, NULL);
  apply_preset(m, spec_map_get(root, "page"));
  m->masthead.on = spec_map_get(root, "masthead") != NULL;
  m->lang = m->page.lang.s ? m->page.lang.s : "zh-CN";
  build_theme(m, spec_map_get(root, "theme"), spec, d);
  {
    const spec_node *pg = spec_map_get(root, "page");
    if ((m->theme.background & 0xff) && !(pg && spec_map_get(pg, "background"))) m->page.background = m->theme.background;
  }
  theme_chart_resolve(&m->theme, m->page.background);
  blocks_build(m, spec_map_get(root, "blocks"), spec, d);
  /* Charts are built; lay the page theme under each one's own config now,
   * at the model stage, so layout gets charts that are complete. */
  charts_theme(m->blocks, m->nblocks, &m->theme.chart, d);
  return m;
}
