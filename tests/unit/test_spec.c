/* spec/: YAML/JSON to nodes with marks, duplicate keys, limits, typed access. */
#include <math.h>

#include "spec/node.h"
#include "testing.h"

static spec_node *parse(arena *a, const char *text, diag_list *d) {
  return spec_parse(a, "t.yaml", text, strlen(text), d);
}

static const char *first_error(diag_list *d) {
  static char line[1024];
  if (!d->n) return "";
  diag_format(&d->items[0], line, sizeof line);
  return line;
}

int main(void) {
  arena *a = arena_new();
  diag_list d = {0};

  spec_node *root = parse(a, "page: {width: 800}\ntitle: \"500\"\nlist:\n  - 1\n  - 二\n", &d);
  CHECK(root && root->kind == SPEC_MAP && root->n == 3);
  CHECK(d.errors == 0);
  spec_node *page = spec_map_get(root, "page");
  CHECK(page && page->kind == SPEC_MAP && page->line == 1 && page->col == 7);
  spec_node *w = spec_map_get(page, "width");
  CHECK(w && spec_is_number(w) && w->line == 1 && w->col == 15);
  spec_node *title = spec_map_get(root, "title");
  CHECK(title && title->quoted && !spec_is_number(title)); /* quoted "500" is a string */
  spec_node *list = spec_map_get(root, "list");
  CHECK(list && list->kind == SPEC_SEQ && list->n == 2 && list->items[1]->line == 5 && list->items[1]->col == 5);
  CHECK_STR(list->items[1]->str, "二");

  /* JSON is YAML. */
  diag_clear(&d);
  root = parse(a, "{\"a\": [1, 2.5, true, null, \"x\"]}", &d);
  CHECK(root && d.errors == 0);
  spec_node *arr = spec_map_get(root, "a");
  CHECK(arr && arr->n == 5 && spec_is_null(arr->items[3]) && !spec_is_null(arr->items[4]));

  /* Duplicate keys: error at the second one, naming the first. */
  diag_clear(&d);
  parse(a, "a: 1\nb: 2\na: 3\n", &d);
  CHECK_STR(first_error(&d), "t.yaml:3:1: error: key 'a' is given twice (first at line 1)");

  /* Aliases share nodes in libyaml; expansion is bounded. */
  diag_clear(&d);
  root = parse(a, "x: &v [1, 2]\ny: *v\n", &d);
  CHECK(root && d.errors == 0 && spec_map_get(root, "y")->n == 2);

  /* Numbers: only decimal notation; YAML's .nan/.inf parse but are not finite. */
  double v;
  CHECK(spec_scalar_number("1e3", 3, &v) == 0 && v == 1000);
  CHECK(spec_scalar_number("0x10", 4, &v) != 0);
  CHECK(spec_scalar_number("inf", 3, &v) != 0);
  CHECK(spec_scalar_number(".inf", 4, &v) == 0 && isinf(v));
  CHECK(spec_scalar_number("12px", 4, &v) != 0);

  /* Typed getters say what they expected and what they found. */
  diag_clear(&d);
  spec_doc doc = {a, "t.yaml", parse(a, "n: abc\nb: yes\n", &d)};
  double num;
  int b;
  CHECK(spec_get_number(&doc, spec_map_get(doc.root, "n"), &num, &d) == -1);
  CHECK_STR(first_error(&d), "t.yaml:1:4: error: expected a number, found the string 'abc'");
  CHECK(spec_get_bool(&doc, spec_map_get(doc.root, "b"), &b, &d) == -1);
  CHECK(d.errors == 2);

  /* Syntax errors are located. */
  diag_clear(&d);
  CHECK(parse(a, "a: [1, 2\n", &d) == NULL);
  CHECK(d.errors == 1 && d.items[0].loc.line == 2);
  diag_clear(&d);
  CHECK(parse(a, "", &d) == NULL);
  CHECK_STR(first_error(&d), "t.yaml:1:1: error: the spec is empty");

  /* A UTF-8 BOM is fine. */
  diag_clear(&d);
  root = parse(a, "\xEF\xBB\xBFtitle: 标题\n", &d);
  CHECK(root && d.errors == 0 && spec_map_get(root, "title"));

  /* A BOM does not shift columns. */
  diag_clear(&d);
  root = parse(a, "\xEF\xBB\xBF" "a: [1, x]\n", &d);
  CHECK(root && spec_map_get(root, "a")->col == 4 && spec_map_get(root, "a")->items[1]->col == 8);

  /* Aliases: shared, counted by what they stand for, never cyclic. */
  diag_clear(&d);
  CHECK(parse(a, "a: &x [1, *x]\n", &d) == NULL);
  CHECK_STR(first_error(&d), "t.yaml:1:11: error: alias '*x' refers to no anchor defined before it");
  diag_clear(&d);
  root = parse(a, "a: &x {k: [1, 2]}\nb: *x\nc: &x 3\nd: *x\n", &d);
  CHECK(root && d.errors == 0 && spec_map_get(root, "b") == spec_map_get(root, "a"));
  CHECK(spec_map_get(root, "d")->kind == SPEC_SCALAR); /* a redefined anchor: the later one */
  diag_clear(&d);
  CHECK(parse(a, "? [a]\n: 1\n", &d) == NULL);
  CHECK_STR(first_error(&d), "t.yaml:1:3: error: a mapping key must be a plain name");

  /* Limits per parse: depth and string length. */
  diag_clear(&d);
  spec_limits lim = {3, 4};
  CHECK(spec_parse_ex(a, "t.yaml", "a: [[[1]]]\n", 11, &lim, &d) == NULL);
  CHECK_STR(first_error(&d), "t.yaml:1:7: error: the spec is nested more than 3 levels deep");
  diag_clear(&d);
  spec_parse_ex(a, "t.yaml", "a: hello\n", 9, &lim, &d);
  CHECK_STR(first_error(&d), "t.yaml:1:4: error: a string of 5 bytes is longer than the limit of 4 (raise it with --max-string-bytes)");

  /* A second document is an error; so is trailing garbage. */
  diag_clear(&d);
  CHECK(parse(a, "a: 1\n---\nb: 2\n", &d) == NULL);
  CHECK_STR(first_error(&d), "t.yaml:3:1: error: only one YAML document per spec file");

  diag_clear(&d);
  arena_free(a);
  return testing_done("test_spec");
}
