/* JSON text -> the node events libyaml gives for it (parse_json.h).
 *
 * Why: a JSON spec read through libyaml's scanner costs ~180 K instructions
 * a figure, a sixth of a warm SVG render; plain JSON needs a tenth of that.
 * What must hold: for every text this reader accepts, the events (values,
 * scalar styles, line and column marks) are exactly libyaml's, so the tree,
 * the limits and every message stay the same.  It therefore accepts only
 * the part of JSON that YAML reads the same way and gives up (-1) on
 * anything else, leaving that text to libyaml:
 *  - between tokens only spaces and '\n' (a tab or '\r' gives up);
 *  - characters libyaml's reader takes, outside the ones it treats
 *    specially: C0/C1 controls, DEL, U+0085/2028/2029 (YAML line breaks),
 *    U+FEFF, U+FFFE/FFFF and malformed UTF-8 give up;
 *  - escapes \" \\ \b \f \n \r \t and \uXXXX other than U+0000 and
 *    surrogates (libyaml refuses a surrogate; \/ and the rest give up);
 *  - a key is a string whose ':' follows on the same line within 1000
 *    characters (YAML's simple-key limits);
 *  - numbers in JSON's grammar and true/false/null: plain scalars. */
#include "spec/parse_json.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"

/* Characters from a key's opening quote to its ':' (libyaml drops a simple
 * key 1024 characters on, so stay well under that). */
#define KEY_SPAN_MAX 1000

typedef struct reader {
  const unsigned char *p, *end;
  long line;                       /* 0-based, as in yaml_mark_t */
  const unsigned char *col_at;     /* a point on this line whose column is col */
  long col;
  json_event_fn on;
  void *ctx;
  char *scratch; /* an escaped string's value */
  size_t scap;
} reader;

static void skip_ws(reader *r) {
  while (r->p < r->end) {
    if (*r->p == ' ') {
      r->p++;
    } else if (*r->p == '\n') {
      r->p++;
      r->line++;
      r->col_at = r->p;
      r->col = 0;
    } else {
      break;
    }
  }
}

/* The column of p in characters, as libyaml counts; p is on the current
 * line, at or after the point asked before. */
static long column(reader *r, const unsigned char *p) {
  for (const unsigned char *q = r->col_at; q < p; q++) r->col += (*q & 0xC0) != 0x80;
  r->col_at = p;
  return r->col;
}

static yaml_mark_t mark(reader *r, const unsigned char *p) {
  return (yaml_mark_t){.line = (size_t)r->line, .column = (size_t)column(r, p)};
}

static int emit(reader *r, yaml_event_type_t type, const unsigned char *at) {
  yaml_event_t e = {.type = type};
  e.start_mark = e.end_mark = mark(r, at);
  if (type == YAML_MAPPING_START_EVENT) {
    e.data.mapping_start.implicit = 1;
    e.data.mapping_start.style = YAML_FLOW_MAPPING_STYLE;
  } else if (type == YAML_SEQUENCE_START_EVENT) {
    e.data.sequence_start.implicit = 1;
    e.data.sequence_start.style = YAML_FLOW_SEQUENCE_STYLE;
  }
  return r->on(r->ctx, &e);
}

static int emit_scalar(reader *r, const unsigned char *at, const char *value, size_t len, yaml_scalar_style_t style) {
  yaml_event_t e = {.type = YAML_SCALAR_EVENT};
  e.start_mark = e.end_mark = mark(r, at);
  e.data.scalar.value = (yaml_char_t *)value;
  e.data.scalar.length = len;
  e.data.scalar.plain_implicit = style == YAML_PLAIN_SCALAR_STYLE;
  e.data.scalar.quoted_implicit = style != YAML_PLAIN_SCALAR_STYLE;
  e.data.scalar.style = style;
  return r->on(r->ctx, &e);
}

/* One UTF-8 character of 2-4 bytes at p that libyaml reads as plain text:
 * its length, or 0. */
static int utf8_ok(const unsigned char *p, const unsigned char *end) {
  unsigned c = p[0];
  int n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (!n || c > 0xF4 || end - p < n) return 0;
  uint32_t v = c & (0x7Fu >> n);
  for (int i = 1; i < n; i++) {
    if ((p[i] & 0xC0) != 0x80) return 0;
    v = v << 6 | (p[i] & 0x3Fu);
  }
  static const uint32_t least[5] = {0, 0, 0x80, 0x800, 0x10000};
  if (v < least[n] || v > 0x10FFFF) return 0;
  if (v < 0xA0 || (v >= 0xD800 && v <= 0xDFFF) || v == 0x2028 || v == 0x2029 || v == 0xFEFF || v == 0xFFFE ||
      v == 0xFFFF)
    return 0;
  return n;
}

static void put_utf8(char **o, uint32_t v) {
  unsigned char *q = (unsigned char *)*o;
  if (v < 0x80) {
    *q++ = (unsigned char)v;
  } else if (v < 0x800) {
    *q++ = (unsigned char)(0xC0 | v >> 6);
    *q++ = (unsigned char)(0x80 | (v & 0x3F));
  } else {
    *q++ = (unsigned char)(0xE0 | v >> 12);
    *q++ = (unsigned char)(0x80 | (v >> 6 & 0x3F));
    *q++ = (unsigned char)(0x80 | (v & 0x3F));
  }
  *o = (char *)q;
}

static int hex4(const unsigned char *p, uint32_t *v) {
  *v = 0;
  for (int i = 0; i < 4; i++) {
    unsigned c = p[i];
    unsigned d = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : 16;
    if (d > 15) return -1;
    *v = *v << 4 | d;
  }
  return 0;
}

/* The string at r->p (its opening quote): *value, *len (pointing into the
 * text when it has no escape), r->p past the closing quote.  -1: give up. */
static int read_string(reader *r, const char **value, size_t *len) {
  const unsigned char *s = ++r->p, *q = s;
  for (;;) {
    if (q >= r->end) return -1;
    unsigned c = *q;
    if (c == '"' || c == '\\') break;
    if (c < 0x20 || c == 0x7F) return -1;
    if (c < 0x80) {
      q++;
    } else {
      int n = utf8_ok(q, r->end);
      if (!n) return -1;
      q += n;
    }
  }
  if (*q == '"') {
    *value = (const char *)s;
    *len = (size_t)(q - s);
    r->p = q + 1;
    return 0;
  }
  /* Escapes: the value is never longer than its source text. */
  size_t need = (size_t)(r->end - s) + 1;
  if (need > r->scap) {
    free(r->scratch);
    r->scap = need > 256 ? need : 256;
    r->scratch = xmalloc(r->scap);
  }
  memcpy(r->scratch, s, (size_t)(q - s));
  char *o = r->scratch + (q - s);
  for (;;) {
    if (q >= r->end) return -1;
    unsigned c = *q;
    if (c == '"') break;
    if (c == '\\') {
      if (r->end - q < 2) return -1;
      unsigned e = q[1];
      q += 2;
      switch (e) {
      case '"': *o++ = '"'; break;
      case '\\': *o++ = '\\'; break;
      case 'b': *o++ = '\b'; break;
      case 'f': *o++ = '\f'; break;
      case 'n': *o++ = '\n'; break;
      case 'r': *o++ = '\r'; break;
      case 't': *o++ = '\t'; break;
      case 'u': {
        uint32_t v;
        if (r->end - q < 4 || hex4(q, &v) || v == 0 || (v >= 0xD800 && v <= 0xDFFF)) return -1;
        put_utf8(&o, v);
        q += 4;
        break;
      }
      default: return -1;
      }
      continue;
    }
    if (c < 0x20 || c == 0x7F) return -1;
    int n = c < 0x80 ? 1 : utf8_ok(q, r->end);
    if (!n) return -1;
    memcpy(o, q, (size_t)n);
    o += n;
    q += n;
  }
  *value = r->scratch;
  *len = (size_t)(o - r->scratch);
  r->p = q + 1;
  return 0;
}

static int is_digit(const unsigned char *p, const unsigned char *end) { return p < end && *p >= '0' && *p <= '9'; }

/* A number or true/false/null at r->p, as a plain scalar. */
static int read_plain(reader *r) {
  const unsigned char *s = r->p, *q = s, *end = r->end;
  static const char *const words[] = {"true", "false", "null"};
  int word = 0;
  for (int i = 0; i < 3 && !word; i++) {
    size_t n = strlen(words[i]);
    if ((size_t)(end - q) >= n && !memcmp(q, words[i], n)) {
      q += n;
      word = 1;
    }
  }
  if (!word) {
    if (q < end && *q == '-') q++;
    if (!is_digit(q, end)) return -1;
    if (*q == '0') {
      q++;
    } else {
      while (is_digit(q, end)) q++;
    }
    if (q < end && *q == '.') {
      q++;
      if (!is_digit(q, end)) return -1;
      while (is_digit(q, end)) q++;
    }
    if (q < end && (*q == 'e' || *q == 'E')) {
      q++;
      if (q < end && (*q == '+' || *q == '-')) q++;
      if (!is_digit(q, end)) return -1;
      while (is_digit(q, end)) q++;
    }
  }
  /* What ends a value in JSON; anything else would continue YAML's plain
   * scalar (or is not JSON). */
  if (q < end && *q != ' ' && *q != '\n' && *q != ',' && *q != ']' && *q != '}') return -1;
  r->p = q;
  return emit_scalar(r, s, (const char *)s, (size_t)(q - s), YAML_PLAIN_SCALAR_STYLE) ? -1 : 0;
}

/* Containers open: 1 = mapping, 0 = sequence. */
typedef struct stack {
  unsigned char *k;
  size_t n, cap;
} stack;

static void push(stack *st, unsigned char kind) {
  if (st->n == st->cap) {
    st->cap = st->cap ? st->cap * 2 : 32;
    st->k = xrealloc(st->k, st->cap);
  }
  st->k[st->n++] = kind;
}

/* A mapping's key at r->p (a string, its ':' and the blanks after). */
static int read_key(reader *r) {
  const unsigned char *at = r->p;
  long line = r->line, col = column(r, at);
  const char *v;
  size_t n;
  if (at >= r->end || *at != '"' || read_string(r, &v, &n)) return -1;
  if (emit_scalar(r, at, v, n, YAML_DOUBLE_QUOTED_SCALAR_STYLE)) return -1;
  while (r->p < r->end && *r->p == ' ') r->p++;
  if (r->p >= r->end || *r->p != ':' || r->line != line || column(r, r->p) - col > KEY_SPAN_MAX) return -1;
  r->p++;
  skip_ws(r);
  return 0;
}

static int read_all(reader *r, stack *st) {
  skip_ws(r);
  if (r->p >= r->end || (*r->p != '{' && *r->p != '[')) return -1;
  for (;;) {
    /* A value at r->p. */
    if (r->p >= r->end) return -1;
    unsigned c = *r->p;
    if (c == '{' || c == '[') {
      int map = c == '{';
      if (emit(r, map ? YAML_MAPPING_START_EVENT : YAML_SEQUENCE_START_EVENT, r->p)) return -1;
      push(st, (unsigned char)map);
      r->p++;
      skip_ws(r);
      int empty = r->p < r->end && *r->p == (map ? '}' : ']');
      if (!empty) {
        if (map && read_key(r)) return -1;
        continue;
      }
    } else if (c == '"') {
      const unsigned char *at = r->p;
      const char *v;
      size_t n;
      if (read_string(r, &v, &n) || emit_scalar(r, at, v, n, YAML_DOUBLE_QUOTED_SCALAR_STYLE)) return -1;
    } else if (read_plain(r)) {
      return -1;
    }
    /* After a value (or an empty container's opening): ',' and the next
     * value, or the end of the innermost container. */
    for (;;) {
      skip_ws(r);
      if (r->p >= r->end) return -1;
      int map = st->k[st->n - 1];
      if (*r->p == ',') {
        r->p++;
        skip_ws(r);
        if (map && read_key(r)) return -1;
        break;
      }
      if (*r->p != (map ? '}' : ']')) return -1;
      if (emit(r, map ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT, r->p)) return -1;
      r->p++;
      if (--st->n == 0) {
        skip_ws(r);
        return r->p == r->end ? 0 : -1;
      }
    }
  }
}

int json_fast_events(const char *text, size_t len, json_event_fn on, void *ctx) {
  const unsigned char *t = (const unsigned char *)text;
  reader r = {.p = t, .end = t + len, .col_at = t, .on = on, .ctx = ctx};
  stack st = {0};
  int rc = read_all(&r, &st);
  free(st.k);
  free(r.scratch);
  return rc;
}
