/* Spec nodes made by the parser itself, for the views it writes in place of
 * a user's (composite marks, encoding impute: vl_composite.c), as Vega-Lite's
 * normaliser rewrites a spec before compiling it.  Made nodes live in the
 * chart's arena and carry the line and column of the user's node they stand
 * for, so a message about them points at what the user wrote. */
#include <stdio.h>
#include <string.h>

#include "chart/vl_spec_internal.h"

static spec_node *node(chart *c, spec_kind kind, const spec_node *at) {
  spec_node *n = arena_alloc(c->a, sizeof *n);
  n->kind = kind;
  if (at) n->line = at->line, n->col = at->col;
  return n;
}

spec_node *vlb_map(chart *c, const spec_node *at) { return node(c, SPEC_MAP, at); }
spec_node *vlb_seq(chart *c, const spec_node *at) { return node(c, SPEC_SEQ, at); }

spec_node *vlb_str(chart *c, const spec_node *at, const char *s) {
  spec_node *n = node(c, SPEC_SCALAR, at);
  n->quoted = 1;
  n->str = arena_strdup(c->a, s);
  n->len = strlen(s);
  return n;
}

spec_node *vlb_num(chart *c, const spec_node *at, double v) {
  char num[40];
  snprintf(num, sizeof num, "%.17g", v);
  spec_node *n = vlb_str(c, at, num);
  n->quoted = 0;
  return n;
}

/* Appends keep the arrays exactly as long as needed: made maps are small. */
static void grow(chart *c, spec_node *n) {
  spec_node **items = arena_alloc_array(c->a, (size_t)n->n + 1, sizeof *items);
  if (n->n) memcpy(items, n->items, (size_t)n->n * sizeof *items);
  n->items = items;
  if (n->kind != SPEC_MAP) return;
  spec_node **keys = arena_alloc_array(c->a, (size_t)n->n + 1, sizeof *keys);
  if (n->n) memcpy(keys, n->keys, (size_t)n->n * sizeof *keys);
  n->keys = keys;
}

void vlb_push(chart *c, spec_node *seq, const spec_node *v) {
  grow(c, seq);
  seq->items[seq->n++] = (spec_node *)v;
}

void vlb_put(chart *c, spec_node *map, const char *key, const spec_node *v) {
  for (int i = 0; i < map->n; i++)
    if (!strcmp(map->keys[i]->str, key)) {
      map->items[i] = (spec_node *)v;
      return;
    }
  grow(c, map);
  map->keys[map->n] = vlb_str(c, v, key);
  map->items[map->n++] = (spec_node *)v;
}

void vlb_put_all(chart *c, spec_node *map, const spec_node *from, const char *const *skip) {
  for (int i = 0; from && from->kind == SPEC_MAP && i < from->n; i++) {
    int drop = 0;
    for (int k = 0; skip && skip[k]; k++) drop |= !strcmp(skip[k], from->keys[i]->str);
    if (drop) continue;
    grow(c, map);
    int j = 0;
    while (j < map->n && strcmp(map->keys[j]->str, from->keys[i]->str)) j++;
    map->keys[j] = from->keys[i]; /* the user's key: messages point at it */
    map->items[j] = from->items[i];
    if (j == map->n) map->n++;
  }
}

void vlb_drop(spec_node *map, const char *key) {
  for (int i = 0; i < map->n; i++)
    if (!strcmp(map->keys[i]->str, key)) {
      for (int j = i + 1; j < map->n; j++) map->keys[j - 1] = map->keys[j], map->items[j - 1] = map->items[j];
      map->n--;
      return;
    }
}
