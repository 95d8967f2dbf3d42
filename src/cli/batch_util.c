/* Helpers for batch and watch (see batch_util.h). */
#define _GNU_SOURCE /* memmem */
#include "cli/batch_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/fsutil.h"
#include "spec/node.h"

uint64_t fnv1a64(const void *p, size_t n, uint64_t h) {
  const unsigned char *s = p;
  for (size_t i = 0; i < n; i++) {
    h ^= s[i];
    h *= 1099511628211ull;
  }
  return h;
}

typedef struct dep_list {
  char **v;
  int n, cap;
} dep_list;

static void dep_add(dep_list *l, const char *dir, const char *rel, size_t len) {
  if (!len || rel[0] == '/' || memchr(rel, ':', len) || len > 2048) return; /* schemes, absolute: not read */
  char p[4096];
  snprintf(p, sizeof p, "%s/%.*s", dir, (int)len, rel);
  for (int i = 0; i < l->n; i++)
    if (!strcmp(l->v[i], p)) return;
  if (l->n == l->cap) {
    l->cap = l->cap ? l->cap * 2 : 4;
    l->v = xrealloc(l->v, (size_t)l->cap * sizeof *l->v);
  }
  l->v[l->n++] = strdup(p);
}

static void walk(const spec_node *n, const char *dir, dep_list *l, int depth) {
  if (!n || depth > 200) return;
  if (n->kind == SPEC_MAP) {
    for (int i = 0; i < n->n; i++) {
      const spec_node *k = n->keys[i], *v = n->items[i];
      if (v && v->kind == SPEC_SCALAR && k && (!strcmp(k->str, "url") || !strcmp(k->str, "src")))
        dep_add(l, dir, v->str, v->len);
      else
        walk(v, dir, l, depth + 1);
    }
  } else if (n->kind == SPEC_SEQ) {
    for (int i = 0; i < n->n; i++) walk(n->items[i], dir, l, depth + 1);
  }
}

int spec_deps(const char *spec_path, const char *text, size_t len, char ***out) {
  *out = NULL;
  /* Most specs read no file: skip the parse unless a key could be there. */
  if (!memmem(text, len, "url", 3) && !memmem(text, len, "src", 3)) return 0;
  char dir[4096];
  fs_dirname(spec_path, dir, sizeof dir);
  arena *a = arena_new();
  diag_list d = {0};
  spec_node *root = spec_parse(a, spec_path, text, len, &d);
  dep_list l = {0};
  walk(root, dir, &l, 0);
  diag_clear(&d);
  arena_free(a);
  *out = l.v;
  return l.n;
}

void spec_deps_free(char **deps, int n) {
  for (int i = 0; i < n; i++) free(deps[i]);
  free(deps);
}

uint64_t spec_content_hash(const char *spec_path, const char *text, size_t len, const char *extra) {
  uint64_t h = fnv1a64(extra, strlen(extra) + 1, FNV64_INIT);
  h = fnv1a64(text, len, h);
  char **deps;
  int n = spec_deps(spec_path, text, len, &deps);
  buf b = {0};
  for (int i = 0; i < n; i++) {
    h = fnv1a64(deps[i], strlen(deps[i]) + 1, h);
    char err[256];
    if (fs_read_file(deps[i], &b, (size_t)1 << 30, err, sizeof err) == 0) {
      h = fnv1a64(b.data, b.len, h);
      h = fnv1a64("\1", 1, h);
    } else {
      h = fnv1a64("\0missing", 8, h);
    }
  }
  buf_free(&b);
  spec_deps_free(deps, n);
  return h;
}

/* Length of the valid UTF-8 sequence at s (1..4), 0 if invalid. */
static int utf8_len(const unsigned char *s) {
  if (s[0] < 0x80) return 1;
  if (s[0] >= 0xc2 && s[0] <= 0xdf) return (s[1] & 0xc0) == 0x80 ? 2 : 0;
  if (s[0] >= 0xe0 && s[0] <= 0xef) {
    if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80) return 0;
    if (s[0] == 0xe0 && s[1] < 0xa0) return 0;
    if (s[0] == 0xed && s[1] >= 0xa0) return 0; /* surrogates */
    return 3;
  }
  if (s[0] >= 0xf0 && s[0] <= 0xf4) {
    if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 || (s[3] & 0xc0) != 0x80) return 0;
    if (s[0] == 0xf0 && s[1] < 0x90) return 0;
    if (s[0] == 0xf4 && s[1] >= 0x90) return 0;
    return 4;
  }
  return 0;
}

void json_str(buf *b, const char *str) {
  const unsigned char *s = (const unsigned char *)(str ? str : "");
  buf_putc(b, '"');
  while (*s) {
    unsigned char c = *s;
    if (c == '"' || c == '\\') {
      buf_putc(b, '\\');
      buf_putc(b, (char)c);
      s++;
    } else if (c < 0x20 || c == 0x7f) {
      switch (c) {
      case '\n': buf_puts(b, "\\n"); break;
      case '\r': buf_puts(b, "\\r"); break;
      case '\t': buf_puts(b, "\\t"); break;
      default: buf_printf(b, "\\u%04x", c); break;
      }
      s++;
    } else if (c < 0x80) {
      buf_putc(b, (char)c);
      s++;
    } else {
      int n = utf8_len(s);
      if (n) {
        buf_put(b, s, (size_t)n);
        s += n;
      } else {
        buf_puts(b, "\\ufffd");
        s++;
      }
    }
  }
  buf_putc(b, '"');
}

void html_str(buf *b, const char *s) {
  for (; s && *s; s++) {
    switch (*s) {
    case '&': buf_puts(b, "&amp;"); break;
    case '<': buf_puts(b, "&lt;"); break;
    case '>': buf_puts(b, "&gt;"); break;
    case '"': buf_puts(b, "&quot;"); break;
    case '\'': buf_puts(b, "&#39;"); break;
    default: buf_putc(b, *s);
    }
  }
}

void url_path(buf *b, const char *s) {
  static const char hex[] = "0123456789ABCDEF";
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    unsigned char c = *p;
    int keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr("-._~/", c);
    if (keep) {
      buf_putc(b, (char)c);
    } else {
      buf_putc(b, '%');
      buf_putc(b, hex[c >> 4]);
      buf_putc(b, hex[c & 15]);
    }
  }
}
