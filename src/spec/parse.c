/* YAML/JSON text -> spec_node tree, through libyaml's document loader. */
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "base/limits.h"
#include "spec/node.h"

typedef struct builder {
  arena *a;
  yaml_document_t *doc;
  const char *path;
  diag_list *d;
  long nodes;
  int failed;
} builder;

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

static spec_node *build(builder *b, yaml_node_t *yn, int depth) {
  if (b->failed) return NULL;
  if (++b->nodes > LIMIT_NODES) {
    diag_spec_error(b->d, mark_loc(b->path, yn->start_mark),
                    "the spec expands to more than %d nodes (YAML aliases expanding too much?)",
                    LIMIT_NODES);
    b->failed = 1;
    return NULL;
  }
  if (depth > LIMIT_DEPTH) {
    diag_spec_error(b->d, mark_loc(b->path, yn->start_mark),
                    "the spec is nested more than %d levels deep", LIMIT_DEPTH);
    b->failed = 1;
    return NULL;
  }
  spec_node *n = arena_alloc(b->a, sizeof *n);
  n->line = (int)yn->start_mark.line + 1;
  n->col = (int)yn->start_mark.column + 1;
  switch (yn->type) {
  case YAML_SCALAR_NODE:
    n->kind = SPEC_SCALAR;
    n->str = arena_strndup(b->a, (const char *)yn->data.scalar.value, yn->data.scalar.length);
    n->len = yn->data.scalar.length;
    n->quoted = yn->data.scalar.style != YAML_PLAIN_SCALAR_STYLE &&
                yn->data.scalar.style != YAML_ANY_SCALAR_STYLE;
    if (strlen(n->str) != n->len) {
      diag_spec_error(b->d, (src_loc){b->path, n->line, n->col}, "string contains a NUL character");
    }
    break;
  case YAML_SEQUENCE_NODE: {
    n->kind = SPEC_SEQ;
    yaml_node_item_t *it = yn->data.sequence.items.start;
    n->n = (int)(yn->data.sequence.items.top - it);
    n->items = arena_alloc_array(b->a, (size_t)n->n, sizeof *n->items);
    for (int i = 0; i < n->n; i++) {
      n->items[i] = build(b, yaml_document_get_node(b->doc, it[i]), depth + 1);
      if (!n->items[i]) return NULL;
    }
    break;
  }
  case YAML_MAPPING_NODE: {
    n->kind = SPEC_MAP;
    yaml_node_pair_t *p = yn->data.mapping.pairs.start;
    n->n = (int)(yn->data.mapping.pairs.top - p);
    n->keys = arena_alloc_array(b->a, (size_t)n->n, sizeof *n->keys);
    n->items = arena_alloc_array(b->a, (size_t)n->n, sizeof *n->items);
    for (int i = 0; i < n->n; i++) {
      yaml_node_t *kn = yaml_document_get_node(b->doc, p[i].key);
      if (kn->type != YAML_SCALAR_NODE) {
        diag_spec_error(b->d, mark_loc(b->path, kn->start_mark), "a mapping key must be a plain name");
        b->failed = 1;
        return NULL;
      }
      n->keys[i] = build(b, kn, depth + 1);
      n->items[i] = build(b, yaml_document_get_node(b->doc, p[i].value), depth + 1);
      if (!n->keys[i] || !n->items[i]) return NULL;
    }
    check_duplicates(b, n);
    break;
  }
  default:
    n->kind = SPEC_SCALAR;
    n->str = "";
    break;
  }
  return n;
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

spec_node *spec_parse_ex(arena *a, const char *path, const char *text, size_t len, const spec_limits *lim,
                         diag_list *d) {
  yaml_parser_t parser;
  yaml_document_t doc;
  if (!yaml_parser_initialize(&parser)) {
    diag_add(d, DIAG_ERROR, DIAG_ENV, (src_loc){path, 0, 0}, "cannot initialise the YAML parser");
    return NULL;
  }
  yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
  yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
  spec_node *root = NULL;
  if (!yaml_parser_load(&parser, &doc)) {
    report_parser_error(&parser, path, text, len, d);
    yaml_parser_delete(&parser);
    return NULL;
  }
  yaml_node_t *top = yaml_document_get_root_node(&doc);
  if (!top) {
    diag_spec_error(d, (src_loc){path, 1, 1}, "the spec is empty");
  } else {
    builder b = {a, &doc, path, d, 0, 0};
    root = build(&b, top, 0);
    if (b.failed) root = NULL;
    /* A second document in the same file is almost certainly a mistake. */
    yaml_document_t next;
    if (root && yaml_parser_load(&parser, &next)) {
      yaml_node_t *r2 = yaml_document_get_root_node(&next);
      if (r2) diag_spec_error(d, mark_loc(path, r2->start_mark), "only one YAML document per spec file");
      yaml_document_delete(&next);
    } else if (root && parser.error != YAML_NO_ERROR) {
      report_parser_error(&parser, path, text, len, d);
      root = NULL;
    }
  }
  yaml_document_delete(&doc);
  yaml_parser_delete(&parser);
  return root;
}
