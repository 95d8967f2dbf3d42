/* Typed access to spec nodes, with errors that say what was expected. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "spec/node.h"

src_loc spec_loc(const spec_doc *doc, const spec_node *n) {
  return (src_loc){doc->path, n ? n->line : 0, n ? n->col : 0};
}

spec_node *spec_map_get(const spec_node *map, const char *key) {
  if (!map || map->kind != SPEC_MAP) return NULL;
  size_t kl = strlen(key);
  for (int i = 0; i < map->n; i++)
    if (map->keys[i]->len == kl && memcmp(map->keys[i]->str, key, kl) == 0) return map->items[i];
  return NULL;
}

int spec_is_null(const spec_node *n) {
  if (!n) return 1;
  if (n->kind != SPEC_SCALAR || n->quoted) return 0;
  return n->len == 0 || strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0 ||
         strcmp(n->str, "Null") == 0 || strcmp(n->str, "NULL") == 0;
}

int spec_scalar_number(const char *s, size_t len, double *out) {
  if (len == 0 || len > 64) return -1;
  char tmp[80];
  memcpy(tmp, s, len);
  tmp[len] = 0;
  /* YAML spellings of the non-finite values; rejected later as values. */
  if (!strcmp(tmp, ".nan") || !strcmp(tmp, ".NaN") || !strcmp(tmp, ".NAN")) {
    *out = NAN;
    return 0;
  }
  if (!strcmp(tmp, ".inf") || !strcmp(tmp, "+.inf") || !strcmp(tmp, ".Inf")) {
    *out = INFINITY;
    return 0;
  }
  if (!strcmp(tmp, "-.inf") || !strcmp(tmp, "-.Inf")) {
    *out = -INFINITY;
    return 0;
  }
  /* strtod also takes "inf", "nan" and hex: only decimal notation is a number here. */
  for (size_t i = 0; i < len; i++) {
    char c = tmp[i];
    if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E'))
      return -1;
  }
  char *end;
  errno = 0;
  double v = strtod(tmp, &end);
  if (end != tmp + len || end == tmp) return -1;
  *out = v; /* overflow gives ±HUGE_VAL: reported as not finite */
  return 0;
}

int spec_is_number(const spec_node *n) {
  double v;
  return n && n->kind == SPEC_SCALAR && !n->quoted && spec_scalar_number(n->str, n->len, &v) == 0;
}

const char *spec_describe(arena *a, const spec_node *n) {
  if (!n) return "nothing";
  switch (n->kind) {
  case SPEC_SEQ: return "a list";
  case SPEC_MAP: return "a mapping";
  default: break;
  }
  if (spec_is_null(n)) return "null";
  if (spec_is_number(n)) return arena_printf(a, "the number %.40s", n->str);
  if (!n->quoted && (!strcmp(n->str, "true") || !strcmp(n->str, "false")))
    return arena_printf(a, "%s", n->str);
  if (n->len > 40) return arena_printf(a, "the string '%.37s...'", n->str);
  return arena_printf(a, "the string '%s'", n->str);
}

int spec_get_number(const spec_doc *doc, const spec_node *n, double *out, diag_list *d) {
  if (!spec_is_number(n)) {
    diag_spec_error(d, spec_loc(doc, n), "expected a number, found %s", spec_describe(doc->arena, n));
    return -1;
  }
  spec_scalar_number(n->str, n->len, out);
  if (!isfinite(*out)) {
    diag_spec_error(d, spec_loc(doc, n), "expected a finite number, found %s", n->str);
    return -1;
  }
  return 0;
}

int spec_get_bool(const spec_doc *doc, const spec_node *n, int *out, diag_list *d) {
  if (n && n->kind == SPEC_SCALAR && !n->quoted) {
    if (!strcmp(n->str, "true")) {
      *out = 1;
      return 0;
    }
    if (!strcmp(n->str, "false")) {
      *out = 0;
      return 0;
    }
  }
  diag_spec_error(d, spec_loc(doc, n), "expected true or false, found %s", spec_describe(doc->arena, n));
  return -1;
}

int spec_get_string(const spec_doc *doc, const spec_node *n, const char **out, diag_list *d) {
  /* Plain numbers are accepted as strings ("2019" as a label), like YAML users expect. */
  if (!n || n->kind != SPEC_SCALAR || spec_is_null(n)) {
    diag_spec_error(d, spec_loc(doc, n), "expected a string, found %s", spec_describe(doc->arena, n));
    return -1;
  }
  *out = n->str;
  return 0;
}
