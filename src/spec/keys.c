#include "spec/keys.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/colors.h"

#define FIELD(target, k, type) ((type *)((char *)(target) + (k)->offset))

int keys_parse_length(const char *s, size_t len, double *px) {
  static const struct {
    const char *unit;
    double px;
  } units[] = {{"px", 1.0}, {"mm", 96.0 / 25.4}, {"cm", 96.0 / 2.54}, {"pt", 96.0 / 72.0}, {"in", 96.0}};
  char tmp[64];
  if (len == 0 || len >= sizeof tmp) return -1;
  memcpy(tmp, s, len);
  tmp[len] = 0;
  double scale = 1.0;
  size_t numlen = len;
  for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
    size_t ul = strlen(units[i].unit);
    if (len > ul && strcmp(tmp + len - ul, units[i].unit) == 0) {
      scale = units[i].px;
      numlen = len - ul;
      while (numlen > 0 && tmp[numlen - 1] == ' ') numlen--;
      break;
    }
  }
  double v;
  if (spec_scalar_number(tmp, numlen, &v) != 0 || !isfinite(v)) return -1;
  *px = v * scale;
  return 0;
}

int keys_parse_color(const char *s, uint32_t *out) { return color_parse(s, out); }

/* Edit distance over bytes, case-insensitive, a swap of two neighbours
 * counting one edit (optimal string alignment: "unti" is one from "unit");
 * names are short ASCII. */
static int edit_distance(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  if (la > 40 || lb > 40) return 99;
  int d[41][41];
  for (size_t i = 0; i <= la; i++) d[i][0] = (int)i;
  for (size_t j = 0; j <= lb; j++) d[0][j] = (int)j;
  for (size_t i = 1; i <= la; i++)
    for (size_t j = 1; j <= lb; j++) {
      int cost = (a[i - 1] | 32) == (b[j - 1] | 32) ? 0 : 1;
      int best = d[i - 1][j - 1] + cost;
      if (d[i - 1][j] + 1 < best) best = d[i - 1][j] + 1;
      if (d[i][j - 1] + 1 < best) best = d[i][j - 1] + 1;
      if (i > 1 && j > 1 && (a[i - 1] | 32) == (b[j - 2] | 32) && (a[i - 2] | 32) == (b[j - 1] | 32) &&
          d[i - 2][j - 2] + 1 < best)
        best = d[i - 2][j - 2] + 1;
      d[i][j] = best;
    }
  return d[la][lb];
}

/* s in lower case without '-', '_' and spaces: "fit-x" and "fitx",
 * "font_size" and "fontSize" squash alike. */
static void squash(const char *s, char *out, size_t cap) {
  size_t n = 0;
  for (; *s && n + 1 < cap; s++)
    if (*s != '-' && *s != '_' && *s != ' ') out[n++] = (char)(*s >= 'A' && *s <= 'Z' ? *s | 32 : *s);
  out[n] = 0;
}

/* The words of a name, in lower case: "labelFontSize" is label, font,
 * size; "fit-x" is fit, x.  Returns how many (at most max). */
#define PART_LEN 24
static int name_parts(const char *s, char (*parts)[PART_LEN], int max) {
  int n = 0;
  size_t len = 0;
  for (const char *p = s;; p++) {
    int upper = *p >= 'A' && *p <= 'Z', sep = *p == '-' || *p == '_' || *p == ' ' || !*p;
    if ((sep || (upper && p > s && !(p[-1] >= 'A' && p[-1] <= 'Z'))) && len) {
      if (n == max) return n;
      parts[n++][len] = 0;
      len = 0;
    }
    if (!*p) break;
    if (!sep && len + 1 < PART_LEN && n < max) parts[n][len++] = (char)(upper ? *p | 32 : *p);
  }
  return n;
}

/* Are a's na words, in order, among b's nb (b has more)? */
static int parts_within(char (*a)[PART_LEN], int na, char (*b)[PART_LEN], int nb) {
  int j = 0;
  for (int i = 0; i < na; i++) {
    while (j < nb && strcmp(a[i], b[j])) j++;
    if (j++ >= nb) return 0;
  }
  return na < nb;
}

/* The suggestion for a mistyped name: a name that squashes the same
 * ("fitx": fit-x) first; then one holding every word typed, in order
 * ("labelSize": labelFontSize); then the nearest by edit distance, if the
 * distance is small for the length (a third of the shorter name, one edit
 * always).  Never a name that drops or swaps a whole word typed: "axisZ"
 * means neither axis nor axisX, so it gets no suggestion. */
const char *keys_suggest(const char *word, const char *const *names, int n) {
  const char *best = NULL;
  double bestd = 99;
  size_t wl = strlen(word);
  int limit = wl <= 3 ? 1 : wl <= 6 ? 2 : 3;
  char sw[64], sn[64];
  char wp[8][PART_LEN], np[8][PART_LEN];
  squash(word, sw, sizeof sw);
  int nw = name_parts(word, wp, 8);
  for (int i = 0; n < 0 ? names[i] != NULL : i < n; i++) {
    const char *name = names[i];
    if (!name[0]) continue;
    squash(name, sn, sizeof sn);
    if (!strcmp(sw, sn)) return name;
    int nn = name_parts(name, np, 8);
    double dd;
    if (nw >= 2 && parts_within(wp, nw, np, nn)) {
      dd = 1 + 0.01 * (nn - nw); /* a word left out: as close as one typo */
    } else {
      int e = edit_distance(word, name);
      size_t nl = strlen(name), shorter = wl < nl ? wl : nl;
      if (e > limit || (e > 1 && (size_t)(3 * e) > shorter)) continue;
      if (nn < nw && parts_within(np, nn, wp, nw)) continue; /* a word typed, dropped */
      int swapped = 0;
      for (int k = 0; nn == nw && nw >= 2 && k < nw; k++)
        if (strcmp(wp[k], np[k]) && strpbrk(wp[k], np[k]) == NULL) swapped = 1; /* a whole word replaced */
      if (swapped) continue;
      dd = e;
    }
    if (dd < bestd) {
      bestd = dd;
      best = name;
    }
  }
  return best;
}

void keys_unknown(const key_table *t, const spec_node *key, const spec_doc *doc, diag_list *d,
                  const char *const *extra) {
  src_loc loc = spec_loc(doc, key);
  if (t->unsupported) {
    for (int i = 0; t->unsupported[i]; i++)
      if (!strcmp(t->unsupported[i], key->str)) {
        diag_spec_error(d, loc, "'%s' is not supported in %s", key->str, t->name);
        return;
      }
  }
  const char *names[256];
  int n = 0;
  for (int i = 0; i < t->n && n < 200; i++) names[n++] = t->keys[i].name;
  for (int i = 0; extra && extra[i] && n < 255; i++) names[n++] = extra[i];
  const char *s = keys_suggest(key->str, names, n);
  if (s)
    diag_spec_error(d, loc, "unknown key '%s' in %s (did you mean '%s'?)", key->str, t->name, s);
  else
    diag_spec_error(d, loc, "unknown key '%s' in %s", key->str, t->name);
}

static int check_range(const key_def *k, double v, const spec_node *n, const spec_doc *doc,
                       diag_list *d) {
  if (k->min == 0 && k->max == 0) return 0;
  if (v < k->min || v > k->max) {
    diag_spec_error(d, spec_loc(doc, n), "'%s' must be between %g and %g, found %g", k->name, k->min,
                    k->max, v);
    return -1;
  }
  return 0;
}

int keys_parse_value(const key_def *k, const spec_node *v, void *target, const spec_doc *doc,
                     diag_list *d) {
  src_loc loc = spec_loc(doc, v);
  switch (k->type) {
  case KEY_TEXT: {
    const char *s;
    if (spec_get_string(doc, v, &s, d)) return -1;
    FIELD(target, k, spec_text)->s = s;
    FIELD(target, k, spec_text)->loc = loc;
    return 0;
  }
  case KEY_NUMBER: {
    double x;
    if (spec_get_number(doc, v, &x, d) || check_range(k, x, v, doc, d)) return -1;
    *FIELD(target, k, double) = x;
    return 0;
  }
  case KEY_INT: {
    double x;
    if (spec_get_number(doc, v, &x, d)) return -1;
    if (x != floor(x) || fabs(x) > 1e9) {
      diag_spec_error(d, loc, "'%s' must be a whole number, found %s", k->name, v->str);
      return -1;
    }
    if (check_range(k, x, v, doc, d)) return -1;
    *FIELD(target, k, int) = (int)x;
    return 0;
  }
  case KEY_BOOL:
    return spec_get_bool(doc, v, FIELD(target, k, int), d);
  case KEY_LENGTH: {
    double px;
    if (v->kind == SPEC_SCALAR && (k->flags & KEYF_AUTO) && !strcmp(v->str, "auto")) {
      *FIELD(target, k, double) = NAN;
      return 0;
    }
    double num;
    if (v->kind == SPEC_SCALAR && !v->quoted && spec_scalar_number(v->str, v->len, &num) == 0 && !isfinite(num)) {
      diag_spec_error(d, loc, "'%s' must be a finite number, found %s", k->name, v->str);
      return -1;
    }
    if (v->kind != SPEC_SCALAR || spec_is_null(v) || keys_parse_length(v->str, v->len, &px)) {
      diag_spec_error(d, loc, "expected a length (a number of px, or with a unit: 210mm, 12pt%s), found %s",
                      (k->flags & KEYF_AUTO) ? ", or auto" : "", spec_describe(doc->arena, v));
      return -1;
    }
    if (check_range(k, px, v, doc, d)) return -1;
    *FIELD(target, k, double) = px;
    return 0;
  }
  case KEY_COLOR: {
    uint32_t c;
    if (v->kind != SPEC_SCALAR || spec_is_null(v) || color_parse(v->str, &c)) {
      diag_spec_error(d, loc, "expected a colour (#rrggbb, #rgb, #rrggbbaa or a CSS colour name), found %s",
                      spec_describe(doc->arena, v));
      return -1;
    }
    *FIELD(target, k, uint32_t) = c;
    return 0;
  }
  case KEY_ENUM: {
    if (v->kind == SPEC_SCALAR)
      for (int i = 0; k->enums[i]; i++)
        if (!strcmp(k->enums[i], v->str)) {
          *FIELD(target, k, int) = i;
          return 0;
        }
    char list[512] = "";
    for (int i = 0; k->enums[i]; i++) {
      strncat(list, i ? ", " : "", sizeof list - strlen(list) - 1);
      strncat(list, k->enums[i], sizeof list - strlen(list) - 1);
    }
    const char *s = v->kind == SPEC_SCALAR ? keys_suggest(v->str, k->enums, -1) : NULL;
    if (s)
      diag_spec_error(d, loc, "'%s' must be one of %s; found %s (did you mean '%s'?)", k->name, list,
                      spec_describe(doc->arena, v), s);
    else
      diag_spec_error(d, loc, "'%s' must be one of %s; found %s", k->name, list,
                      spec_describe(doc->arena, v));
    return -1;
  }
  case KEY_OBJECT:
    if (v->kind != SPEC_MAP) {
      diag_spec_error(d, loc, "'%s' must be a mapping, found %s", k->name, spec_describe(doc->arena, v));
      return -1;
    }
    keys_apply(k->sub, v, (char *)target + k->offset, doc, d, NULL);
    return 0;
  case KEY_NODE:
    *FIELD(target, k, const spec_node *) = v;
    return 0;
  default:
    return -1;
  }
}

void keys_defaults(const key_table *t, void *target, const spec_doc *doc, diag_list *d) {
  for (int i = 0; i < t->n; i++) {
    const key_def *k = &t->keys[i];
    if (k->type == KEY_OBJECT) {
      keys_defaults(k->sub, (char *)target + k->offset, doc, d);
      continue;
    }
    if (k->type == KEY_LENGTH && (k->flags & KEYF_AUTO) && k->dflt && !strcmp(k->dflt, "auto")) {
      *FIELD(target, k, double) = NAN;
      continue;
    }
    if (!k->dflt) continue;
    /* Defaults are spelled like spec values and parsed by the same code. */
    spec_node n = {.kind = SPEC_SCALAR, .str = k->dflt, .len = strlen(k->dflt)};
    n.quoted = k->type == KEY_TEXT;
    keys_parse_value(k, &n, target, doc, d);
    if (k->type == KEY_TEXT) FIELD(target, k, spec_text)->loc = (src_loc){0};
  }
}

void keys_apply(const key_table *t, const spec_node *map, void *target, const spec_doc *doc,
                diag_list *d, const char *const *extra) {
  keys_defaults(t, target, doc, d);
  if (!map) return;
  for (int i = 0; i < map->n; i++) {
    const spec_node *key = map->keys[i];
    int found = 0;
    for (int j = 0; j < t->n; j++) {
      if (strcmp(t->keys[j].name, key->str) == 0) {
        found = 1;
        /* null means "leave the default" for optional keys; a required key
         * has none, so null there is read (and refused) like any value:
         * `value: ~` in a kpi is "expected a number, found null", not a
         * figure that prints "null". */
        if (!spec_is_null(map->items[i]) || t->keys[j].type == KEY_NODE || (t->keys[j].flags & KEYF_REQUIRED))
          keys_parse_value(&t->keys[j], map->items[i], target, doc, d);
        break;
      }
    }
    for (int j = 0; !found && extra && extra[j]; j++)
      if (!strcmp(extra[j], key->str)) found = 1;
    if (!found) keys_unknown(t, key, doc, d, extra);
  }
  for (int j = 0; j < t->n; j++) {
    if (!(t->keys[j].flags & KEYF_REQUIRED)) continue;
    if (!spec_map_get(map, t->keys[j].name))
      diag_spec_error(d, spec_loc(doc, map), "missing required key '%s' in %s", t->keys[j].name, t->name);
  }
}
