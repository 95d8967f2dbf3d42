/* YAML/JSON text -> spec_node tree, from libyaml's event parser. */
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <yaml.h>

#include "base/limits.h"
#include "spec/node.h"
#include "spec/parse_json.h"

/* The tree is built from libyaml's event stream, iteratively: memory and
 * stack stay O(depth) whatever the input, and nesting deeper than the limit
 * stops the parse at the first node too deep, before libyaml has to keep
 * any more state for it.  Aliases share the anchored node (the tree is
 * immutable), and count as the size of what they stand for, so a "billion
 * laughs" spec stops at LIMIT_NODES without expanding anything.  Anchors
 * are registered when their node is complete, so an alias can never refer
 * to a node that contains it (no cycles). */

typedef struct frame {
  spec_node *n;
  spec_node **kids; /* seq items, or map key, value, key, value ... */
  int nk, cap;
  long nodes_at_start;
  const char *anchor; /* registered when the node ends */
} frame;

typedef struct anchor_ent {
  const char *name; /* NULL = free slot */
  spec_node *node;
  long size;        /* nodes it stands for, after expansion */
} anchor_ent;

typedef struct builder {
  arena *a;
  const char *path;
  diag_list *d;
  long nodes, aliased; /* nodes so far, and how many of them aliases added */
  long max_nodes;
  int data;            /* a data file, not a spec: for messages */
  int max_depth;
  size_t max_string;
  int failed;
  frame *st;
  int depth, stcap;
  anchor_ent *anchors;
  size_t nanchors, acap; /* acap: power of two */
  spec_node *root;
  long root_size;
} builder;

static size_t hash_str(const char *s) {
  size_t h = 1469598103934665603ull;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
  return h;
}

static anchor_ent *anchor_find(builder *b, const char *name) {
  if (!b->acap) return NULL;
  for (size_t i = hash_str(name) & (b->acap - 1);; i = (i + 1) & (b->acap - 1)) {
    if (!b->anchors[i].name) return NULL;
    if (!strcmp(b->anchors[i].name, name)) return &b->anchors[i];
  }
}

static void anchor_put(builder *b, const char *name, spec_node *node, long size) {
  anchor_ent *e = anchor_find(b, name);
  if (e) { /* YAML allows an anchor to be redefined: the later one wins. */
    e->node = node;
    e->size = size;
    return;
  }
  if ((b->nanchors + 1) * 2 > b->acap) {
    size_t ncap = b->acap ? b->acap * 2 : 64;
    anchor_ent *old = b->anchors;
    size_t ocap = b->acap;
    b->anchors = xcalloc(ncap, sizeof *b->anchors);
    b->acap = ncap;
    b->nanchors = 0;
    for (size_t i = 0; i < ocap; i++)
      if (old[i].name) anchor_put(b, old[i].name, old[i].node, old[i].size);
    free(old);
  }
  size_t i = hash_str(name) & (b->acap - 1);
  while (b->anchors[i].name) i = (i + 1) & (b->acap - 1);
  b->anchors[i] = (anchor_ent){name, node, size};
  b->nanchors++;
}

static src_loc mark_loc(const char *path, yaml_mark_t m) {
  return (src_loc){path, (int)m.line + 1, (int)m.column + 1};
}

static int key_cmp(const void *pa, const void *pb) {
  const spec_node *a = *(spec_node *const *)pa, *b = *(spec_node *const *)pb;
  size_t n = a->len < b->len ? a->len : b->len;
  int c = memcmp(a->str, b->str, n);
  if (c) return c;
  if (a->len != b->len) return a->len < b->len ? -1 : 1;
  /* Same key: order by position so the later one is reported. */
  if (a->line != b->line) return a->line - b->line;
  return a->col - b->col;
}

/* libyaml does not reject duplicate keys; a spec with `title:` twice is
 * almost always a mistake, so the second occurrence is an error. */
static void check_duplicates(builder *b, spec_node *map) {
  if (map->n < 2) return;
  spec_node **sorted = arena_alloc_array(b->a, (size_t)map->n, sizeof *sorted);
  memcpy(sorted, map->keys, (size_t)map->n * sizeof *sorted);
  qsort(sorted, (size_t)map->n, sizeof *sorted, key_cmp);
  for (int i = 1; i < map->n; i++) {
    if (sorted[i]->len == sorted[i - 1]->len &&
        memcmp(sorted[i]->str, sorted[i - 1]->str, sorted[i]->len) == 0) {
      diag_spec_error(b->d, (src_loc){b->path, sorted[i]->line, sorted[i]->col},
                      "key '%s' is given twice (first at line %d)", sorted[i]->str,
                      sorted[i - 1]->line);
    }
  }
}

/* add nodes, through an alias when aliased (then add is the size of what
 * it stands for).  The message names what was exceeded: expansion when
 * aliases took part, else the text itself holds too many values (a JSON
 * data file of a million rows is that, not an alias bomb). */
static int count_nodes(builder *b, long add, yaml_mark_t m, int aliased) {
  b->nodes += add;
  if (aliased) b->aliased += add;
  if (b->nodes > b->max_nodes) {
    if (b->aliased)
      diag_spec_error(b->d, mark_loc(b->path, m),
                      "%s expands to more than %ld nodes (YAML aliases expanding too much?)",
                      b->data ? "the data" : "the spec", b->max_nodes);
    else if (b->data)
      diag_spec_error(b->d, mark_loc(b->path, m),
                      "the data has more than %ld values, the limit for a JSON data file (a CSV file holds "
                      "larger tables)",
                      b->max_nodes);
    else
      diag_spec_error(b->d, mark_loc(b->path, m),
                      "the spec has more than %ld values (YAML nodes), its limit: put large data in a file "
                      "(data: {url: ...})",
                      b->max_nodes);
    b->failed = 1;
    return -1;
  }
  return 0;
}

/* A YAML tag changes what a value means; huitu reads plain values, so a
 * tag it would otherwise ignore (!!binary, !!timestamp, !custom) is an
 * error, never silently dropped.  The core schema's own tags are honoured:
 * !!str (and the non-specific !) make a scalar a string, !!int, !!float,
 * !!bool and !!null must hold such a value, !!seq and !!map the matching
 * collection. */
static void check_tag(builder *b, spec_node *n, const char *tag) {
  if (!tag) return;
  static const char core[] = "tag:yaml.org,2002:";
  const char *name = strncmp(tag, core, sizeof core - 1) ? NULL : tag + sizeof core - 1;
  const char *shown = name ? arena_printf(b->a, "!!%s", name) : tag[0] == '!' ? tag : arena_printf(b->a, "!<%s>", tag);
  src_loc at = (src_loc){b->path, n->line, n->col};
  int scalar = n->kind == SPEC_SCALAR;
  if (scalar && (!strcmp(tag, "!") || (name && !strcmp(name, "str")))) {
    n->quoted = 1;
    return;
  }
  if (name && ((!strcmp(name, "seq") && n->kind == SPEC_SEQ) || (!strcmp(name, "map") && n->kind == SPEC_MAP)))
    return;
  if (!strcmp(tag, "!") && !scalar) return;
  if (scalar && name && (!strcmp(name, "int") || !strcmp(name, "float") || !strcmp(name, "bool") || !strcmp(name, "null"))) {
    /* Read as if plain: a quoted "12" with !!int is the number 12. */
    int q = n->quoted;
    n->quoted = 0;
    double v;
    int ok = !strcmp(name, "null") ? spec_is_null(n)
             : !strcmp(name, "bool") ? !strcmp(n->str, "true") || !strcmp(n->str, "false")
                                     : spec_scalar_number(n->str, n->len, &v) == 0 &&
                                           (!strcmp(name, "float") || (isfinite(v) && v == floor(v)));
    if (ok) return;
    n->quoted = q;
    diag_spec_error(b->d, at, "the value is tagged '%s' but is not one: %s", shown, spec_describe(b->a, n));
    return;
  }
  static const char *const typed[] = {"seq", "map", "str", "int", "float", "bool", "null", NULL};
  int core_type = 0;
  for (int i = 0; name && typed[i]; i++) core_type |= !strcmp(name, typed[i]);
  if (core_type)
    diag_spec_error(b->d, at, "the value is tagged '%s' but is %s", shown, spec_describe(b->a, n));
  else
    diag_spec_error(b->d, at, "YAML tag '%s' is not supported: huitu reads plain values (remove the tag)", shown);
}

/* A finished node (size: the nodes it stands for): into its parent. */
static void attach(builder *b, spec_node *n, long size) {
  if (!b->depth) {
    b->root = n;
    b->root_size = size;
    return;
  }
  frame *f = &b->st[b->depth - 1];
  if (f->n->kind == SPEC_MAP && !(f->nk & 1) && n->kind != SPEC_SCALAR) {
    diag_spec_error(b->d, (src_loc){b->path, n->line, n->col}, "a mapping key must be a plain name");
    b->failed = 1;
    return;
  }
  if (f->nk == f->cap) {
    int ncap = f->cap ? f->cap * 2 : 8;
    f->kids = xrealloc(f->kids, (size_t)ncap * sizeof *f->kids);
    f->cap = ncap;
  }
  f->kids[f->nk++] = n;
}

static spec_node *new_node(builder *b, spec_kind kind, yaml_mark_t m) {
  spec_node *n = arena_alloc(b->a, sizeof *n);
  n->kind = kind;
  n->line = (int)m.line + 1;
  n->col = (int)m.column + 1;
  return n;
}

/* Depth and size checks every node passes; -1 stops the parse. */
static int enter_node(builder *b, yaml_mark_t m) {
  if (b->depth > b->max_depth) {
    diag_spec_error(b->d, mark_loc(b->path, m), "the spec is nested more than %d levels deep", b->max_depth);
    b->failed = 1;
    return -1;
  }
  return count_nodes(b, 1, m, 0);
}

static const char *anchor_name(builder *b, const yaml_char_t *a) {
  return a ? arena_strdup(b->a, (const char *)a) : NULL;
}

/* One event.  Returns 1 when the document's root is complete. */
static int on_event(builder *b, yaml_event_t *e) {
  switch (e->type) {
  case YAML_SCALAR_EVENT: {
    if (enter_node(b, e->start_mark)) return 0;
    spec_node *n = new_node(b, SPEC_SCALAR, e->start_mark);
    n->str = arena_strndup(b->a, (const char *)e->data.scalar.value, e->data.scalar.length);
    n->len = e->data.scalar.length;
    n->quoted = e->data.scalar.style != YAML_PLAIN_SCALAR_STYLE && e->data.scalar.style != YAML_ANY_SCALAR_STYLE;
    if (strlen(n->str) != n->len)
      diag_spec_error(b->d, (src_loc){b->path, n->line, n->col}, "string contains a NUL character");
    if (n->len > b->max_string)
      diag_spec_error(b->d, (src_loc){b->path, n->line, n->col},
                      "a string of %zu bytes is longer than the limit of %zu (raise it with --max-string-bytes)",
                      n->len, b->max_string);
    check_tag(b, n, (const char *)e->data.scalar.tag);
    if (e->data.scalar.anchor) anchor_put(b, anchor_name(b, e->data.scalar.anchor), n, 1);
    attach(b, n, 1);
    return !b->depth;
  }
  case YAML_ALIAS_EVENT: {
    if (b->depth > b->max_depth) return enter_node(b, e->start_mark), 0;
    anchor_ent *ae = anchor_find(b, (const char *)e->data.alias.anchor);
    if (!ae) {
      diag_spec_error(b->d, mark_loc(b->path, e->start_mark), "alias '*%s' refers to no anchor defined before it",
                      (const char *)e->data.alias.anchor);
      b->failed = 1;
      return 0;
    }
    if (count_nodes(b, ae->size, e->start_mark, 1)) return 0;
    attach(b, ae->node, ae->size);
    return !b->depth;
  }
  case YAML_SEQUENCE_START_EVENT:
  case YAML_MAPPING_START_EVENT: {
    if (enter_node(b, e->start_mark)) return 0;
    int seq = e->type == YAML_SEQUENCE_START_EVENT;
    if (b->depth == b->stcap) {
      b->stcap = b->stcap ? b->stcap * 2 : 16;
      b->st = xrealloc(b->st, (size_t)b->stcap * sizeof *b->st);
    }
    frame *f = &b->st[b->depth++];
    *f = (frame){.n = new_node(b, seq ? SPEC_SEQ : SPEC_MAP, e->start_mark), .nodes_at_start = b->nodes - 1};
    f->anchor = anchor_name(b, seq ? e->data.sequence_start.anchor : e->data.mapping_start.anchor);
    check_tag(b, f->n, (const char *)(seq ? e->data.sequence_start.tag : e->data.mapping_start.tag));
    return 0;
  }
  case YAML_SEQUENCE_END_EVENT:
  case YAML_MAPPING_END_EVENT: {
    if (!b->depth) return 0;
    frame *f = &b->st[--b->depth];
    spec_node *n = f->n;
    if (n->kind == SPEC_SEQ) {
      n->n = f->nk;
      n->items = arena_alloc_array(b->a, (size_t)n->n, sizeof *n->items);
      if (f->nk) memcpy(n->items, f->kids, (size_t)f->nk * sizeof *n->items);
    } else {
      n->n = f->nk / 2;
      n->keys = arena_alloc_array(b->a, (size_t)n->n, sizeof *n->keys);
      n->items = arena_alloc_array(b->a, (size_t)n->n, sizeof *n->items);
      for (int i = 0; i < n->n; i++) {
        n->keys[i] = f->kids[2 * i];
        n->items[i] = f->kids[2 * i + 1];
      }
      check_duplicates(b, n);
    }
    free(f->kids);
    long size = b->nodes - f->nodes_at_start;
    if (f->anchor) anchor_put(b, f->anchor, n, size);
    attach(b, n, size);
    return !b->depth;
  }
  default:
    return 0;
  }
}

static void builder_free(builder *b) {
  for (int i = 0; i < b->depth; i++) free(b->st[i].kids);
  free(b->st);
  free(b->anchors);
}

/* libyaml reports reader errors (bad UTF-8) by byte offset only. */
static src_loc offset_loc(const char *path, const char *text, size_t len, size_t off) {
  int line = 1, col = 1;
  for (size_t i = 0; i < off && i < len; i++) {
    if (text[i] == '\n') {
      line++;
      col = 1;
    } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
      col++;
    }
  }
  return (src_loc){path, line, col};
}

static void report_parser_error(yaml_parser_t *p, const char *path, const char *text, size_t len,
                                diag_list *d) {
  const char *problem = p->problem ? p->problem : "syntax error";
  if (p->error == YAML_READER_ERROR) {
    if (strstr(problem, "UTF-8") || strstr(problem, "octet") || strstr(problem, "control"))
      diag_spec_error(d, offset_loc(path, text, len, p->problem_offset),
                      "the file is not valid UTF-8 text (%s)", problem);
    else
      diag_spec_error(d, offset_loc(path, text, len, p->problem_offset), "%s", problem);
    return;
  }
  src_loc loc = mark_loc(path, p->problem_mark);
  if (strstr(problem, "cannot start any token") && p->problem_mark.index < len &&
      text[p->problem_mark.index] == '\t') {
    diag_spec_error(d, loc, "tab character: YAML indentation must use spaces");
    return;
  }
  if (p->context)
    diag_spec_error(d, loc, "%s %s that started at line %d", problem, p->context, (int)p->context_mark.line + 1);
  else
    diag_spec_error(d, loc, "%s", problem);
}

spec_node *spec_parse(arena *a, const char *path, const char *text, size_t len, diag_list *d) {
  return spec_parse_ex(a, path, text, len, NULL, d);
}

/* The fast JSON reader's events into the builder; it stops at the first
 * record (its own list: the text then goes to libyaml, which records the
 * same problem itself) and says when the root is complete. */
typedef struct fast_build {
  builder *b;
  int done;
} fast_build;

static int fast_event(void *ctx, yaml_event_t *e) {
  fast_build *fb = ctx;
  if (on_event(fb->b, e)) fb->done = 1;
  return fb->b->failed || fb->b->d->n || fb->b->d->errors || fb->b->d->warnings;
}

spec_node *spec_parse_ex(arena *a, const char *path, const char *text, size_t len, const spec_limits *lim,
                         diag_list *d) {
  /* A UTF-8 byte order mark is fine, but libyaml would count it as a
   * column: drop it so every column on line 1 stays right. */
  if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
    text += 3;
    len -= 3;
  }
  builder b = {.a = a, .path = path, .d = d, .max_depth = LIMIT_DEPTH, .max_string = LIMIT_STRING_BYTES,
               .max_nodes = LIMIT_NODES};
  if (lim && lim->data) {
    b.data = 1;
    b.max_nodes = SPEC_DATA_MAX_NODES;
  }
  if (lim && lim->max_nodes > 0) b.max_nodes = lim->max_nodes;
  if (lim && lim->max_depth > 0) b.max_depth = lim->max_depth;
  if (lim && lim->max_string_bytes > 0) b.max_string = lim->max_string_bytes;
  /* Plain JSON without a problem: read without libyaml (same tree). */
  if (len && (text[0] == '{' || text[0] == '[' || text[0] == ' ' || text[0] == '\n')) {
    diag_list quiet = {0};
    builder fb = b;
    fb.d = &quiet;
    fast_build ctx = {&fb, 0};
    int ok = json_fast_events(text, len, fast_event, &ctx) == 0 && ctx.done && !fb.failed && !quiet.n;
    builder_free(&fb);
    diag_clear(&quiet);
    if (ok) return fb.root;
  }
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) {
    diag_add(d, DIAG_ERROR, DIAG_ENV, (src_loc){path, 0, 0}, "cannot initialise the YAML parser");
    return NULL;
  }
  yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
  yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
  /* 0: before the document, 1: inside it, 2: after its root. */
  int phase = 0, ok = 0, empty = 0;
  for (;;) {
    yaml_event_t e;
    if (!yaml_parser_parse(&parser, &e)) {
      report_parser_error(&parser, path, text, len, d);
      break;
    }
    yaml_event_type_t t = e.type;
    if (t == YAML_STREAM_END_EVENT) {
      yaml_event_delete(&e);
      if (phase == 0) empty = 1;
      ok = phase == 2;
      break;
    }
    if (phase == 0 && t == YAML_DOCUMENT_START_EVENT) {
      phase = 1;
    } else if (phase == 1) {
      if (on_event(&b, &e)) phase = 2;
    } else if (phase == 2 && t != YAML_DOCUMENT_END_EVENT && t != YAML_DOCUMENT_START_EVENT) {
      /* A second document in the same file is almost certainly a mistake. */
      diag_spec_error(d, mark_loc(path, e.start_mark), "only one YAML document per spec file");
      yaml_event_delete(&e);
      break;
    }
    yaml_event_delete(&e);
    if (b.failed) break;
  }
  if (empty) diag_spec_error(d, (src_loc){path, 1, 1}, "the spec is empty");
  builder_free(&b);
  yaml_parser_delete(&parser);
  return ok && !b.failed ? b.root : NULL;
}
