#include "model/list_blocks.h"

#include <stdlib.h>
#include <string.h>

#include "model/infographic.h"

#define OFF(type, field) offsetof(type, field)

static const char *const directions[] = {"auto", "horizontal", "vertical", NULL};
static const key_def timeline_defs[] = {
    {"items", KEY_NODE, NULL, "The milestones or steps, in order: [{label, title, text, icon}, ...]", OFF(timeline_content, items_n), .flags = KEYF_REQUIRED},
    {"direction", KEY_ENUM, "auto", "horizontal (along a line across), vertical (down the left), or auto (across when each item gets 7 characters of body text)", OFF(timeline_content, direction), .enums = directions},
    {"color", KEY_COLOR, "none", "Colour of the markers and dates (default: the theme's or section's accent)", OFF(timeline_content, color)},
    {"alternate", KEY_BOOL, "false", "Across: the items' texts above and below the line in turn, each as wide as two columns", OFF(timeline_content, alternate)},
};
const key_table timeline_keys = {"timeline block", timeline_defs, KEY_COUNT(timeline_defs), NULL};

static const key_def timeline_item_defs[] = {
    {"label", KEY_TEXT, NULL, "The date (2012年, 2019年5月) or, in steps, a short heading over the title", OFF(timeline_item, label)},
    {"title", KEY_TEXT, NULL, "What happened, or what the step is", OFF(timeline_item, title)},
    {"text", KEY_TEXT, NULL, "A line or two more, in the note size", OFF(timeline_item, text)},
    {"icon", KEY_NODE, NULL, "An icon in the marker, as a kpi's icon (a built-in name, {path}, {svg})", OFF(timeline_item, icon_n)},
};
const key_table timeline_item_keys = {"timeline item", timeline_item_defs, KEY_COUNT(timeline_item_defs), NULL};

static const char *const sorts[] = {"descending", "ascending", "none", NULL};
static const key_def ranking_defs[] = {
    {"items", KEY_NODE, NULL, "The ranked things: [{label, value, note}, ...]", OFF(ranking_content, items_n), .flags = KEYF_REQUIRED},
    {"unit", KEY_TEXT, NULL, "Unit after each value (亿元, 个)", OFF(ranking_content, unit)},
    {"format", KEY_TEXT, NULL, "Number format of the values (d3-format, plus w for 万/亿; default: as written)", OFF(ranking_content, format)},
    {"sort", KEY_ENUM, "descending", "descending (largest first), ascending, or none (as listed)", OFF(ranking_content, sort), .enums = sorts},
    {"numbered", KEY_BOOL, "true", "Rank numbers before the labels (the top three in the accent)", OFF(ranking_content, numbered)},
    {"highlight", KEY_TEXT, NULL, "The label of one item to set in the accent, the others muted", OFF(ranking_content, highlight)},
    {"color", KEY_COLOR, "none", "Colour of the bars (default: the theme's or section's accent)", OFF(ranking_content, color)},
};
const key_table ranking_keys = {"ranking block", ranking_defs, KEY_COUNT(ranking_defs), NULL};

static const key_def ranking_item_defs[] = {
    {"label", KEY_TEXT, NULL, "What is ranked (a district, a fund)", OFF(ranking_item, label), .flags = KEYF_REQUIRED},
    {"value", KEY_NUMBER, NULL, "Its value (not negative)", OFF(ranking_item, value), .flags = KEYF_REQUIRED, .min = 0, .max = 1e15},
    {"note", KEY_TEXT, NULL, "A small line after the value", OFF(ranking_item, note)},
};
const key_table ranking_item_keys = {"ranking item", ranking_item_defs, KEY_COUNT(ranking_item_defs), NULL};

/* One item of a list block: a mapping read through its table.  Returns
 * 0, or -1 after an error (the item is left out). */
static int parse_item(const spec_node *m, const key_table *t, void *item, const char *what, const spec_doc *spec,
                      diag_list *d) {
  if (m->kind != SPEC_MAP) {
    diag_spec_error(d, spec_loc(spec, m), "a %s must be a mapping, found %s", what, spec_describe(spec->arena, m));
    return -1;
  }
  int before = d->errors;
  keys_apply(t, m, item, spec, d, NULL);
  return d->errors == before ? 0 : -1;
}

static int check_list(const spec_node *list, const char *shape, const spec_doc *spec, diag_list *d) {
  if (!list) return -1; /* no 'items': the key table has said it is required */
  if (list->kind == SPEC_SEQ && list->n > 0) return 0;
  diag_spec_error(d, spec_loc(spec, list), "'items' must be a non-empty list of %s, found %s", shape,
                  spec_describe(spec->arena, list));
  return -1;
}

static void parse_timeline(block_model *b, const spec_doc *spec, diag_list *d) {
  timeline_content *k = b->content;
  k->steps = b->kind == BLOCK_STEPS;
  if (check_list(k->items_n, "{label, title, text}", spec, d)) return;
  k->items = arena_alloc_array(spec->arena, (size_t)k->items_n->n, sizeof *k->items);
  for (int i = 0; i < k->items_n->n; i++) {
    const spec_node *m = k->items_n->items[i];
    timeline_item *it = &k->items[k->nitems];
    memset(it, 0, sizeof *it);
    if (parse_item(m, &timeline_item_keys, it, k->steps ? "step" : "timeline item", spec, d)) continue;
    k->nitems++;
    it->loc = spec_loc(spec, m);
    if (!it->label.s && !it->title.s && !it->text.s)
      diag_spec_error(d, it->loc, "a %s needs a label, a title or a text", k->steps ? "step" : "timeline item");
    if (it->icon_n) {
      icon_ref *r = arena_alloc(spec->arena, sizeof *r);
      if (icon_ref_parse(it->icon_n, spec, d, r) == 0) it->icon = r;
    }
  }
}

/* Stable: items of one value keep their listed order. */
static int by_value_desc(const void *a, const void *b) {
  const ranking_item *x = a, *y = b;
  if (x->value != y->value) return x->value < y->value ? 1 : -1;
  return x->loc.line != y->loc.line ? x->loc.line - y->loc.line : x->loc.col - y->loc.col;
}
static int by_value_asc(const void *a, const void *b) {
  const ranking_item *x = a, *y = b;
  if (x->value != y->value) return x->value > y->value ? 1 : -1;
  return x->loc.line != y->loc.line ? x->loc.line - y->loc.line : x->loc.col - y->loc.col;
}

static void parse_ranking(block_model *b, const spec_doc *spec, diag_list *d) {
  ranking_content *k = b->content;
  if (check_list(k->items_n, "{label, value}", spec, d)) return;
  k->items = arena_alloc_array(spec->arena, (size_t)k->items_n->n, sizeof *k->items);
  int n = 0;
  for (int i = 0; i < k->items_n->n; i++) {
    const spec_node *m = k->items_n->items[i];
    ranking_item *it = &k->items[n];
    memset(it, 0, sizeof *it);
    if (parse_item(m, &ranking_item_keys, it, "ranking item", spec, d)) continue;
    it->loc = spec_loc(spec, m);
    it->value_text = spec_map_get(m, "value")->str;
    n++;
  }
  k->nitems = n;
  int found = !k->highlight.s;
  for (int i = 0; i < n && !found; i++) found = k->items[i].label.s && !strcmp(k->items[i].label.s, k->highlight.s);
  if (!found) {
    const char **names = arena_alloc_array(spec->arena, (size_t)n + 1, sizeof *names);
    for (int i = 0; i < n; i++) names[i] = k->items[i].label.s;
    const char *s = keys_suggest(k->highlight.s, names, n);
    for (int i = 0; i < n && !s; i++) /* a label that holds what was typed (社会救助 in 社会救助资金) */
      if (strstr(names[i], k->highlight.s)) s = names[i];
    diag_spec_error(d, k->highlight.loc, "highlight '%s' is not the label of any item%s%s%s", k->highlight.s,
                    s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "");
  }
  if (k->sort == RANK_DESCENDING) qsort(k->items, (size_t)n, sizeof *k->items, by_value_desc);
  else if (k->sort == RANK_ASCENDING) qsort(k->items, (size_t)n, sizeof *k->items, by_value_asc);
}

void list_blocks_parse(block_model *b, const spec_doc *spec, diag_list *d) {
  if (!b->content) return;
  if (b->kind == BLOCK_TIMELINE || b->kind == BLOCK_STEPS) parse_timeline(b, spec, d);
  else if (b->kind == BLOCK_RANKING) parse_ranking(b, spec, d);
}
