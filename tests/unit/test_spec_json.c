/* spec/parse_json.c: JSON read without libyaml gives libyaml's tree.
 *
 * The reference is the same text with a YAML comment after it: the fast
 * reader refuses a comment, so that copy always goes through libyaml, and
 * the comment changes no node, mark or message.  Hand-written cases pin
 * what the fast reader must take and what it must leave to libyaml; a few
 * thousand random documents (JSON, near-JSON and broken) check that every
 * text it takes reads the same both ways. */
#include <stdint.h>

#include "spec/node.h"
#include "spec/parse_json.h"
#include "base/buf.h"
#include "testing.h"

static void dump(buf *b, const spec_node *n) {
  if (!n) {
    buf_puts(b, "(null)");
    return;
  }
  char head[96];
  snprintf(head, sizeof head, "%d@%d:%d%s", (int)n->kind, n->line, n->col, n->quoted ? "q" : "");
  buf_puts(b, head);
  if (n->kind == SPEC_SCALAR) {
    snprintf(head, sizeof head, "[%zu]", n->len);
    buf_puts(b, head);
    buf_put(b, n->str, n->len);
    return;
  }
  buf_putc(b, n->kind == SPEC_MAP ? '{' : '[');
  for (int i = 0; i < n->n; i++) {
    if (n->kind == SPEC_MAP) {
      dump(b, n->keys[i]);
      buf_putc(b, ':');
    }
    dump(b, n->items[i]);
    buf_putc(b, ',');
  }
  buf_putc(b, n->kind == SPEC_MAP ? '}' : ']');
}

/* The tree and every message, as one string. */
static char *read_as(const char *text, size_t len, int data) {
  arena *a = arena_new();
  diag_list d = {0};
  spec_node *root = spec_parse_ex(a, "t.json", text, len, &(spec_limits){.data = data}, &d);
  buf b = {0};
  dump(&b, root);
  for (int i = 0; i < d.n; i++) {
    char line[1200];
    diag_format(&d.items[i], line, sizeof line);
    buf_putc(&b, '\n');
    buf_puts(&b, line);
  }
  buf_putc(&b, 0);
  diag_clear(&d);
  arena_free(a);
  return b.data;
}

static int count_event(void *ctx, yaml_event_t *e) {
  (void)e;
  ++*(int *)ctx;
  return 0;
}

/* Whether the fast reader takes text. */
static int fast_takes(const char *text, size_t len) {
  int n = 0;
  return json_fast_events(text, len, count_event, &n) == 0;
}

/* Whether the fast reader takes text; when it does, checks that the text
 * reads the same as through libyaml. */
static int same_both_ways(const char *text, size_t len, int line) {
  int took = fast_takes(text, len);
  if (!took) return 0; /* libyaml's own path: nothing to compare */
  char *fast = read_as(text, len, 0);
  buf ref = {0};
  buf_put(&ref, text, len);
  buf_puts(&ref, "\n# end\n");
  char *slow = read_as(ref.data, ref.len, 0);
  testing_checks++;
  if (strcmp(fast, slow)) {
    testing_failures++;
    fprintf(stderr, "line %d: the fast reader (took: %d) differs from libyaml on\n%.*s\nfast: %s\nyaml: %s\n", line,
            took, (int)len, text, fast, slow);
  }
  free(fast);
  free(slow);
  buf_free(&ref);
  return took;
}

#define SAME(text) same_both_ways(text, strlen(text), __LINE__)

/* ---- random documents ---- */

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static unsigned rnd(unsigned n) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (unsigned)(rng % n);
}

static void put_ws(buf *b) {
  static const char *const ws[] = {"", "", "", " ", "\n", "\n  ", "  ", " \n ", "\t", "\r\n"};
  buf_puts(b, ws[rnd(rnd(30) ? 8 : 10)]);
}

static void put_string(buf *b) {
  static const char *const bits[] = {
      "a", "Title", " ", "苏州", "标准(元/月)", "😀", "é", "\\n", "\\\"", "\\\\", "\\t", "\\u00e9", "\\u4e2d",
      "\\ud83d\\ude00", "\\/", "\\u0000", "\\x41", "\\b", "\\f", "\\r", "\x7f", "\xc2\x85", "\xe2\x80\xa8",
      "\xef\xbb\xbf", "\xc3", "\xe0\x80\xaf", "\x01", "#", ": ", "- ", "{", "]", "'", "&a", "*a", "!t", "%",
      "\xef\xbf\xbe", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xf0\x9f\x98\x80", "0",
  };
  buf_putc(b, '"');
  int n = (int)rnd(6);
  for (int i = 0; i < n; i++) buf_puts(b, bits[rnd(rnd(25) ? 14 : sizeof bits / sizeof *bits)]);
  if (rnd(200) == 0)
    for (int i = 0; i < 1100; i++) buf_putc(b, 'k');
  if (rnd(300)) buf_putc(b, '"');
}

static void put_value(buf *b, int depth);

static void put_scalar(buf *b) {
  static const char *const plain[] = {"0", "1400", "-2.5", "1e5", "1E-3", "0.125", "true", "false", "null",
                                      "-0",  "01",   "1.",   ".5",  "-",    "1e",    "tru",  "nul",  "yes",
                                      "~",   "NaN",  "0x1f", "1_0", "+1"};
  if (rnd(2)) {
    put_string(b);
  } else {
    buf_puts(b, plain[rnd(rnd(25) ? 9 : sizeof plain / sizeof *plain)]);
  }
}

static void put_value(buf *b, int depth) {
  unsigned k = depth > 4 ? 2 : rnd(5);
  if (k >= 2) {
    put_scalar(b);
    return;
  }
  int map = k == 0, n = (int)rnd(5);
  buf_putc(b, map ? '{' : '[');
  for (int i = 0; i < n; i++) {
    put_ws(b);
    if (map) {
      if (rnd(12) == 0)
        buf_puts(b, rnd(2) ? "\"a\"" : "\"title\"");
      else
        put_string(b);
      if (rnd(100) == 0) put_ws(b);
      buf_puts(b, rnd(8) ? ": " : rnd(2) ? ":" : " : ");
    }
    put_value(b, depth + 1);
    put_ws(b);
    if (i + 1 < n || rnd(200) == 0) buf_putc(b, ',');
  }
  put_ws(b);
  if (rnd(300)) buf_putc(b, map ? '}' : ']');
}

int main(void) {
  /* What the fast reader must take (else it would not pay): the bench's
   * chart and the usual shapes of a JSON spec. */
  CHECK(SAME("{\"a\": [1, 2.5, true, null, \"x\"]}"));
  CHECK(SAME("{\n \"title\": \"苏州市社会救助标准(元/月) 17\",\n \"width\": 1104,\n \"data\": {\n  \"values\": [\n"
             "   {\"类别\": \"集中养育\", \"年份\": \"2012年\", \"标准\": 1400}\n  ]\n }\n}\n"));
  CHECK(SAME("[]"));
  CHECK(SAME("{}"));
  CHECK(SAME("  [ {} , [ ] , \"\" ]\n\n"));
  CHECK(SAME("{\"a\":1,\"b\":[-0.5e+3,0,false]}"));
  CHECK(SAME("{\"esc\": \"q\\\"b\\\\n\\n\\t\\r\\b\\f \\u00e9\\u4E2D\"}"));
  CHECK(SAME("{\"emoji\": \"😀 é 中\", \"k\": \"a: b # c - d\"}"));
  /* What it must leave to libyaml (YAML, or JSON that YAML reads its own way). */
  CHECK(!SAME("title: x\n"));
  CHECK(!SAME("{\"a\": 1}\n# comment\n"));
  CHECK(!SAME("{\"a\":\t1}"));
  CHECK(!SAME("{\"a\": 1}\r\n"));
  CHECK(!SAME("{\"a\": \"\\ud83d\\ude00\"}")); /* libyaml refuses a surrogate escape */
  CHECK(!SAME("{\"a\": \"\\/\"}"));
  CHECK(!SAME("{\"a\": \"x\\u0000y\"}"));
  CHECK(!SAME("{\"a\": \"\xc2\x85\"}"));       /* NEL: a YAML line break */
  CHECK(!SAME("{\"a\": \"\xe2\x80\xa8\"}"));   /* U+2028 */
  CHECK(!SAME("{\"a\": \"\x7f\"}"));
  CHECK(!SAME("{\"a\": \"\xc3\"}"));           /* not UTF-8 */
  CHECK(!SAME("{\"a\"\n: 1}"));                /* a key's ':' on the next line */
  /* The reader takes these, but their messages come from libyaml's path
   * (spec_parse_ex drops a fast tree that has any record): the same. */
  CHECK(SAME("{\"a\": 1, \"a\": 2}"));
  CHECK(!SAME("{\"a\": [1, 2,]}"));
  CHECK(!SAME("{\"a\": 01}"));
  CHECK(!SAME("{\"a\": tru}"));
  CHECK(!SAME("{\"a\": 1} {}"));
  CHECK(!SAME("{\"a\": [1, 2}"));
  CHECK(!SAME("{\"a\": \"unterminated}"));
  CHECK(!SAME("{a: 1}"));
  CHECK(!SAME("[&x 1, *x]"));
  {
    buf b = {0};
    buf_puts(&b, "{\"");
    for (int i = 0; i < 1100; i++) buf_putc(&b, 'k');
    buf_puts(&b, "\": 1}");
    CHECK(!same_both_ways(b.data, b.len, __LINE__)); /* past YAML's simple-key length */
    buf_free(&b);
  }
  {
    /* Nesting past the limit. */
    buf b = {0};
    for (int i = 0; i < 300; i++) buf_putc(&b, '[');
    for (int i = 0; i < 300; i++) buf_putc(&b, ']');
    CHECK(same_both_ways(b.data, b.len, __LINE__));
    buf_free(&b);
  }

  /* A data file's limits apply the same way. */
  {
    const char *t = "[{\"x\": 1, \"y\": \"a\"}, {\"x\": 2, \"y\": \"b\"}]";
    char *fast = read_as(t, strlen(t), 1);
    CHECK(strstr(fast, "[1]1") && strstr(fast, "q[1]b"));
    free(fast);
  }

  int took = 0, total = 4000;
  for (int i = 0; i < total; i++) {
    buf b = {0};
    put_ws(&b);
    put_value(&b, rnd(4) ? 0 : 5);
    put_ws(&b);
    took += same_both_ways(b.data ? b.data : "", b.len, __LINE__);
    buf_free(&b);
  }
  /* The random texts reach both ways often enough to mean something. */
  CHECK(took > total / 8 && took < total * 7 / 8);
  printf("random documents the fast reader took: %d of %d\n", took, total);
  return testing_done("test_spec_json");
}
