/* The SVG backend: a hand-built scene with shapes, a clip and text, checked
 * for the rules slide software needs (presentation attributes only, glyph
 * outlines defined once, well-formed XML) and for determinism. */
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/buf.h"
#include "render/svg.h"
#include "scene/scene.h"
#include "testing.h"
#include "text/text.h"
#include "text/text_cairo.h"

static const char *TEXT = "低保标准 500→995 元/月";

static int count(const char *hay, const char *needle) {
  int n = 0;
  size_t len = strlen(needle);
  for (const char *p = strstr(hay, needle); p; p = strstr(p + len, needle)) n++;
  return n;
}

/* Whether glyph id of font f draws anything (independent of svg.c: uses
 * cairo's ink extents rather than the outline). */
static int glyph_has_ink(const text_font *f, uint32_t id) {
  cairo_glyph_t g = {id, 0, 0};
  cairo_text_extents_t ext;
  cairo_scaled_font_glyph_extents(text_font_cairo(f), &g, 1, &ext);
  return ext.width > 0 && ext.height > 0;
}

/* Run xmllint on doc; 1 well-formed, 0 not, -1 xmllint missing. */
static int xml_well_formed(const buf *doc) {
  if (system("command -v xmllint >/dev/null 2>&1") != 0) return -1;
  char path[] = "/tmp/huitu_test_svg_XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return 0;
  FILE *f = fdopen(fd, "wb");
  fwrite(doc->data, 1, doc->len, f);
  fclose(f);
  char cmd[256];
  snprintf(cmd, sizeof cmd, "xmllint --noout %s", path);
  int rc = system(cmd);
  unlink(path);
  return rc == 0;
}

/* No "-0" as a number: every "-0" not inside an id (digit before the '-')
 * must continue as "-0.". */
static int has_negative_zero(const char *s) {
  for (const char *p = strstr(s, "-0"); p; p = strstr(p + 1, "-0")) {
    if (p > s && p[-1] >= '0' && p[-1] <= '9') continue;
    if (p[2] != '.') return 1;
  }
  return 0;
}

/* Collect the glyph definition ids (<path id="g...") into ids; returns the count. */
static int glyph_defs(const char *doc, char ids[][32], int max) {
  int n = 0;
  for (const char *p = strstr(doc, "<path id=\""); p && n < max; p = strstr(p + 1, "<path id=\"")) {
    p += strlen("<path id=\"");
    const char *q = strchr(p, '"');
    size_t len = (size_t)(q - p) < 31 ? (size_t)(q - p) : 31;
    memcpy(ids[n], p, len);
    ids[n][len] = 0;
    n++;
  }
  return n;
}

static void check_no_forbidden(const char *doc) {
  CHECK(!strstr(doc, "style="));
  CHECK(!strstr(doc, "rgba("));
  CHECK(!strstr(doc, "foreignObject"));
  CHECK(!strstr(doc, "font:"));
  CHECK(!strstr(doc, "<symbol"));
  CHECK(!strstr(doc, " href="));
  CHECK(!has_negative_zero(doc));
}

/* ---- compact path data, read back ------------------------------------ */

/* One absolute drawing step in hundredths: 'M', 'L', 'C' (three points) or 'Z'. */
typedef struct abs_op {
  char op;
  long long v[6];
} abs_op;

/* A coordinate rounded the way the writer rounds (printf "%.2f"), in hundredths. */
static long long ref_q(double v) {
  char s[64];
  snprintf(s, sizeof s, "%.2f", v);
  return llround(strtod(s, NULL) * 100);
}

/* Parse SVG path data (M m L l H h V v C c Z z, implicit repetition,
 * numbers separated by spaces or a '-' sign) into absolute steps.
 * Returns the count, or -1 on a syntax error. */
static int parse_d(const char *d, abs_op *out, int max) {
  int n = 0;
  long long cx = 0, cy = 0, sx = 0, sy = 0;
  char cmd = 0;
  const char *p = d;
  for (;;) {
    while (*p == ' ') p++;
    if (!*p) break;
    if (strchr("MmLlHhVvCcZz", *p)) {
      cmd = *p++;
      if (cmd == 'Z' || cmd == 'z') {
        if (n >= max) return -1;
        out[n++] = (abs_op){'Z', {0}};
        cx = sx, cy = sy;
        cmd = 0;
        continue;
      }
    } else if (!cmd) {
      return -1;
    }
    int k = strchr("MmLl", cmd) ? 2 : strchr("HhVv", cmd) ? 1 : 6;
    long long a[6];
    for (int i = 0; i < k; i++) {
      while (*p == ' ') p++;
      char *end;
      if (!(*p == '-' || (*p >= '0' && *p <= '9'))) return -1;
      double v = strtod(p, &end);
      if (end == p) return -1;
      const char *dot = memchr(p, '.', (size_t)(end - p));
      if (dot && end - dot - 1 > 2) return -1; /* at most two decimals */
      p = end;
      a[i] = llround(v * 100);
    }
    if (n >= max) return -1;
    abs_op o = {0, {0}};
    int rel = cmd >= 'a';
    switch (cmd | 0x20) {
    case 'm':
      o.op = 'M';
      o.v[0] = a[0] + (rel ? cx : 0), o.v[1] = a[1] + (rel ? cy : 0);
      sx = o.v[0], sy = o.v[1];
      cmd = rel ? 'l' : 'L';
      break;
    case 'l':
      o.op = 'L';
      o.v[0] = a[0] + (rel ? cx : 0), o.v[1] = a[1] + (rel ? cy : 0);
      break;
    case 'h':
      o.op = 'L';
      o.v[0] = a[0] + (rel ? cx : 0), o.v[1] = cy;
      break;
    case 'v':
      o.op = 'L';
      o.v[0] = cx, o.v[1] = a[0] + (rel ? cy : 0);
      break;
    case 'c':
      o.op = 'C';
      for (int i = 0; i < 6; i++) o.v[i] = a[i] + (rel ? (i & 1 ? cy : cx) : 0);
      break;
    }
    int last = o.op == 'C' ? 4 : 0;
    cx = o.v[last], cy = o.v[last + 1];
    out[n++] = o;
  }
  return n;
}

/* The steps the scene's path stands for, rounded as the writer rounds,
 * following the writer's rules (a line or curve with no current point
 * starts with a move; Z only with a current point). */
static int expect_ops(const sc_item *it, abs_op *out, int max) {
  int n = 0, open = 0;
  for (int i = 0; i < it->npts && n < max; i++) {
    const sc_pt *p = &it->pts[i];
    if (p->op == SC_MOVE || p->op == SC_LINE) {
      out[n++] = (abs_op){p->op == SC_LINE && open ? 'L' : 'M', {ref_q(p->x), ref_q(p->y)}};
      open = 1;
    } else if (p->op == SC_CURVE) {
      if (i + 2 >= it->npts) break;
      if (!open) out[n++] = (abs_op){'M', {ref_q(p->x), ref_q(p->y)}};
      abs_op o = {'C', {0}};
      for (int k = 0; k < 3; k++) o.v[2 * k] = ref_q(p[k].x), o.v[2 * k + 1] = ref_q(p[k].y);
      if (n < max) out[n++] = o;
      i += 2;
    } else if (p->op == SC_CLOSE && open) {
      out[n++] = (abs_op){'Z', {0}};
    }
  }
  return n;
}

/* Length of the absolute form (M/L/C x y, as the writer wrote it before). */
static size_t abs_len(const abs_op *o, int n) {
  size_t len = 0;
  for (int i = 0; i < n; i++) {
    len++;
    int k = o[i].op == 'C' ? 6 : o[i].op == 'Z' ? 0 : 2;
    for (int j = 0; j < k; j++) {
      char s[32];
      long long q = o[i].v[j], a = q < 0 ? -q : q;
      int w = snprintf(s, sizeof s, "%s%lld.%02lld", q < 0 ? "-" : "", a / 100, a % 100);
      while (s[w - 1] == '0') w--;
      if (s[w - 1] == '.') w--;
      len += (size_t)w + (j > 0);
    }
  }
  return len;
}

/* Write the one path of scene s and check its data reads back to the
 * scene's rounded points (is_compact: and has no space before a '-');
 * returns 1 when it does. */
static int path_round_trips(const scene *s, const sc_item *it, int is_compact, size_t *compact, size_t *absolute) {
  buf b = {0};
  svg_write(s, NULL, &b);
  const char *p = strstr(b.data, "<path d=\"");
  int ok = p != NULL;
  if (ok) {
    p += strlen("<path d=\"");
    const char *q = strchr(p, '"');
    char *d = strndup(p, (size_t)(q - p));
    static abs_op got[4096], want[4096];
    int ng = parse_d(d, got, 4096), nw = expect_ops(it, want, 4096);
    ok = ng == nw && ng > 0 && !has_negative_zero(d) && (!is_compact || !strstr(d, " -")) && !strstr(d, "  ");
    for (int i = 0; ok && i < ng; i++) ok = got[i].op == want[i].op && !memcmp(got[i].v, want[i].v, sizeof got[i].v);
    if (!ok) fprintf(stderr, "path data does not round-trip: %s\n", d);
    *compact += strlen(d);
    *absolute += abs_len(want, nw);
    if (strlen(d) > abs_len(want, nw)) ok = 0; /* never longer than the absolute form */
    free(d);
  }
  buf_free(&b);
  return ok;
}

static unsigned long long rng_state = 88172645463325252ull;
static double rnd(void) { /* xorshift64, [0, 1) */
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (double)(rng_state >> 11) / 9007199254740992.0;
}

/* A random coordinate: whole, one or two decimals, an exact tie (x.xx5),
 * or noisy; some negative. */
static double rnd_coord(void) {
  double base = floor(rnd() * 2000) - 500;
  switch ((int)(rnd() * 5)) {
  case 0: return base;
  case 1: return base + floor(rnd() * 10) / 10;
  case 2: return base + floor(rnd() * 100) / 100;
  case 3: return base + (floor(rnd() * 100) + 0.5) / 100;
  default: return base + rnd();
  }
}

static void check_compact_paths(arena *a) {
  size_t compact = 0, absolute = 0;
  int fails = 0, cases = 0;
  for (int t = 0; t < 400; t++) {
    scene *s = scene_new(a, 100, 100, 0xffffffff);
    sc_item *it = scene_path_begin(s, scene_stroke(0x333333ff, 1), "mark");
    int kind = t % 6;
    double x = rnd_coord(), y = rnd_coord();
    if (kind == 0) { /* random polyline, some steps keep x or y, some tiny */
      scene_move(s, x, y);
      int n = 2 + (int)(rnd() * 60);
      for (int i = 0; i < n; i++) {
        double r = rnd();
        if (r < 0.25)
          x = rnd_coord();
        else if (r < 0.5)
          y = rnd_coord();
        else if (r < 0.6)
          x += 0.004, y -= 0.006; /* below the rounding: maybe a zero step */
        else
          x = rnd_coord(), y = rnd_coord();
        scene_line(s, x, y);
      }
    } else if (kind == 1) { /* axis-aligned cross: two strokes */
      double r = 1 + rnd() * 5;
      scene_move(s, x - r, y);
      scene_line(s, x + r, y);
      scene_move(s, x, y - r);
      scene_line(s, x, y + r);
    } else if (kind == 2) { /* filled cross outline, closed */
      double r = 1 + rnd() * 5, w = r / 3;
      double px[12] = {-w, w, w, r, r, w, w, -w, -w, -r, -r, -w};
      double py[12] = {-r, -r, -w, -w, w, w, r, r, w, w, -w, -w};
      for (int i = 0; i < 12; i++) (i ? scene_line : scene_move)(s, x + px[i], y + py[i]);
      scene_close(s);
    } else if (kind == 3) { /* béziers, with a line after a close */
      scene_move(s, x, y);
      int n = 1 + (int)(rnd() * 8);
      for (int i = 0; i < n; i++)
        scene_curve(s, rnd_coord(), rnd_coord(), x + rnd() * 20 - 10, y, rnd_coord(), rnd_coord());
      scene_close(s);
      scene_line(s, rnd_coord(), rnd_coord());
      scene_curve(s, x, y - 3, x + 3, y - 3, x + 3, y);
    } else if (kind == 4) { /* several closed subpaths, negative coordinates */
      for (int sp = 0; sp < 3; sp++) {
        double ox = -rnd() * 300, oy = -rnd() * 300;
        scene_move(s, ox, oy);
        scene_line(s, ox + 10.125, oy);
        scene_line(s, ox + 10.125, oy - 7.5);
        scene_line(s, ox - 0.001, oy - 7.5);
        scene_close(s);
      }
    } else { /* starts without a move: a line, then a curve */
      scene_line(s, x, y);
      scene_line(s, x, y);
      scene_close(s);
      scene_move(s, x + 1, y + 1);
      scene_curve(s, x + 1, y + 1, x + 1, y + 1, x + 1, y + 1);
    }
    scene_path_end(s);
    cases++;
    if (!path_round_trips(s, it, 1, &compact, &absolute)) fails++;
  }
  /* beyond the exact range (|v| >= 1e15): the absolute form, still exact */
  {
    scene *s = scene_new(a, 100, 100, 0xffffffff);
    sc_item *it = scene_path_begin(s, scene_stroke(0x333333ff, 1), "mark");
    scene_move(s, 1, 2);
    scene_line(s, 3e15, 2);
    scene_line(s, 3e15, -5.5);
    scene_path_end(s);
    CHECK(path_round_trips(s, it, 0, &compact, &absolute));
  }
  CHECK(cases == 400);
  CHECK(fails == 0);
  CHECK(compact * 10 < absolute * 9); /* at least 10 % shorter overall */
  printf("compact path data: %zu bytes, absolute form %zu (%.1f %%)\n", compact, absolute,
         100.0 * (double)compact / (double)absolute);
}

/* Every <tspan x="..."> of doc has as many positions as characters, in
 * increasing order, or one (a ligature, or a run placed by its start). */
static void check_x_lists(const char *doc) {
  int n = 0;
  for (const char *p = strstr(doc, "<tspan x=\""); p; p = strstr(p + 1, "<tspan x=\"")) {
    const char *q = p + 10, *close = strchr(q, '"'), *gt = strchr(q, '>');
    if (!REQUIRED(close && gt)) return;
    int nx = 0, inc = 1;
    double last = -1e300;
    for (const char *v = q; v < close;) {
      char *endp;
      double x = strtod(v, &endp);
      if (endp == v) break;
      inc &= x > last;
      last = x;
      nx++;
      v = endp;
    }
    int nch = 0;
    for (const char *c = gt + 1; *c && *c != '<'; c++)
      if (((unsigned char)*c & 0xc0) != 0x80 && *c != '&') nch++;
      else if (*c == '&') { /* an entity is one character */
        nch++;
        while (*c && *c != ';') c++;
      }
    CHECK(nx == nch || nx == 1);
    CHECK(inc);
    n++;
  }
  CHECK(n > 0);
}

/* Text mode keeps huitu's spacing: each character's x is its glyph's, so
 * the quarter em autospace puts between 元 and 38487 is in the file; a
 * ligature (——) is a <tspan> of its own with one x. */
static void check_text_positions(text_engine *e, arena *a) {
  scene *s = scene_new(a, 600, 100, 0xffffffff);
  s->lang = "zh-CN";
  text_style ts = {.lang = "zh-CN", .size = 20, .weight = 400, .color = 0x222222ff, .autospace = 1};
  const text_box *t = text_layout(e, "床位从38487张", &ts, 0, 0, (src_loc){0}, NULL);
  sc_item *it = scene_text(s, t, 10, 10, "body");
  const text_box *dash = text_layout(e, "成就——综述", &ts, 0, 0, (src_loc){0}, NULL);
  scene_text(s, dash, 10, 50, "body");
  buf b = {0};
  svg_write(s, &(svg_options){SVG_TEXT_ELEMENTS}, &b);
  check_x_lists(b.data);
  /* The first line's x lists, joined, are the glyphs' own x, run by run
   * (one glyph per character here). */
  buf want = {0}, got = {0};
  int nglyphs = 0;
  for (int r = 0; r < it->text->nruns; r++)
    for (int g = 0; g < it->text->runs[r].n; g++) {
      if (nglyphs++) buf_putc(&want, ' ');
      buf_num(&want, it->x + it->text->runs[r].glyphs[g].x, 2);
    }
  const char *line_end = strstr(b.data, "</text>");
  for (const char *p = strstr(b.data, "<tspan x=\""); p && line_end && p < line_end; p = strstr(p + 1, "<tspan x=\"")) {
    const char *q = p + 10, *close = strchr(q, '"');
    if (!REQUIRED(close)) break;
    if (got.len) buf_putc(&got, ' ');
    buf_put(&got, q, (size_t)(close - q));
  }
  CHECK(nglyphs == 9);
  CHECK_STR(got.data, want.data);
  /* 从 to 3: one em and the autospace (a quarter em), not just one em. */
  double x[9];
  const char *v = got.data ? got.data : "";
  for (int k = 0; k < 9; k++) x[k] = strtod(v, (char **)&v);
  CHECK(x[3] - x[2] > 20 + 3);
  buf_free(&want);
  buf_free(&got);
  CHECK(strstr(b.data, "\">——</tspan>") != NULL);
  CHECK(count(b.data, "\">——</tspan>") == 1);
  buf_free(&b);
}

/* The fallback list and xml:lang follow the language: Korean text gets KR
 * faces and xml:lang="ko" (so no viewer picks Chinese or Japanese forms),
 * zh-TW TC faces, ja JP ones. */
static void check_text_languages(text_engine *e, arena *a) {
  static const struct {
    const char *lang, *text, *family;
  } cases[] = {
      {"ko", "양로 병상은", "'Noto Sans CJK KR', 'Source Han Sans K', 'Malgun Gothic', 'Apple SD Gothic Neo', sans-serif\""},
      {"zh-TW", "服務社會化", "'Noto Sans CJK TC', 'Source Han Sans TC', 'Microsoft JhengHei', 'PingFang TC', sans-serif\""},
      {"ja", "ちょっと待って", "'Noto Sans CJK JP', 'Source Han Sans', 'Yu Gothic', 'Hiragino Sans', Meiryo, sans-serif\""},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    scene *s = scene_new(a, 400, 60, 0xffffffff);
    s->lang = cases[i].lang;
    text_style ts = {.lang = cases[i].lang, .size = 20, .weight = 400, .color = 0x222222ff};
    scene_text(s, text_layout(e, cases[i].text, &ts, 0, 0, (src_loc){0}, NULL), 5, 5, "title");
    buf b = {0};
    svg_write(s, &(svg_options){SVG_TEXT_ELEMENTS}, &b);
    char want[64];
    snprintf(want, sizeof want, " xml:lang=\"%s\">", cases[i].lang);
    CHECK(strstr(b.data, want) != NULL);
    CHECK(strstr(b.data, cases[i].family) != NULL);
    CHECK(!strstr(b.data, "CJK SC"));
    buf_free(&b);
  }
}

int main(void) {
  char err[256] = "";
  text_engine *e = text_engine_new(NULL, err, sizeof err);
  if (!e) {
    fprintf(stderr, "text_engine_new: %s (set HUITU_FONT_PATH to the fonts folder)\n", err);
    return 1;
  }
  arena *a = arena_new();
  scene *s = scene_new(a, 800, 600, 0xfafafaff);
  s->title = "低保 <标准> & \"对比\"";
  s->desc = "Two bars & a 'line'";
  s->lang = "zh-CN";

  scene_rect(s, 10, 10, 100, 50, scene_fill(0x4e79a7ff), "bar");
  sc_item *rr = scene_rect(s, 120, 10, 100, 20, scene_fill(0xf28e2bff), "bar");
  rr->rx = 40; /* clamped to half the height */
  scene_rect(s, 10, 70, 200, 40, scene_fill(0x3366cc80), "band"); /* translucent */

  sc_style line = scene_stroke(0x333333ff, 2);
  line.ndash = 2;
  line.dash[0] = 4;
  line.dash[1] = 2;
  scene_path_begin(s, line, "line");
  scene_move(s, 10, 20);
  scene_line(s, 30.5, 40.25);
  scene_curve(s, 50, 60, 70.25, 80, 90, 100);
  scene_close(s);
  scene_path_end(s);

  scene_path_begin(s, scene_fill(0x59a14fff), "neg");
  scene_move(s, -0.001, 5);
  scene_line(s, 5, -0.004);
  scene_line(s, 5, 5);
  scene_close(s);
  scene_path_end(s);

  scene_clip_push(s, 300, 300, 100, 100);
  scene_circle(s, 350, 350, 80, scene_fill(0xe15759ff), "dot");
  scene_clip_pop(s);

  text_style ts = {.lang = "zh-CN", .size = 24, .weight = 400, .color = 0x333333ff};
  const text_box *tb = text_layout(e, TEXT, &ts, 0, 0, (src_loc){0}, NULL);
  CHECK(tb != NULL && tb->nruns > 0);
  scene_text(s, tb, 20, 150, "title");
  sc_item *t2 = scene_text(s, tb, 20, 400, "label");
  t2->rotate = -30;

  /* Expected glyph counts, computed independently of svg.c. */
  int inked = 0, distinct = 0;
  for (int r = 0; r < tb->nruns; r++)
    for (int g = 0; g < tb->runs[r].n; g++) {
      if (!glyph_has_ink(tb->runs[r].font, tb->runs[r].glyphs[g].id)) continue;
      inked++;
      int seen = 0;
      for (int r2 = 0; r2 <= r && !seen; r2++)
        for (int g2 = 0; g2 < (r2 == r ? g : tb->runs[r2].n); g2++)
          if (tb->runs[r2].font == tb->runs[r].font && tb->runs[r2].glyphs[g2].id == tb->runs[r].glyphs[g].id) {
            seen = 1;
            break;
          }
      if (!seen) distinct++;
    }
  CHECK(inked == 14); /* 低保标准 500→995 元/月 without the two spaces */

  /* ---- glyph outlines (default) ---- */
  buf out = {0};
  svg_write(s, NULL, &out);
  const char *doc = out.data;
  CHECK(strncmp(doc, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 39) == 0);
  CHECK(strstr(doc, "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
                    "width=\"800\" height=\"600\" viewBox=\"0 0 800 600\" xml:lang=\"zh-CN\">\n") != NULL);
  CHECK(strstr(doc, "<title>低保 &lt;标准&gt; &amp; &quot;对比&quot;</title>\n<desc>Two bars &amp; a &apos;line&apos;</desc>\n") !=
        NULL);
  check_no_forbidden(doc);
  /* background first, before any other drawing */
  const char *bg = strstr(doc, "<rect x=\"0\" y=\"0\" width=\"800\" height=\"600\" fill=\"#fafafa\"/>");
  CHECK(bg != NULL);
  CHECK(bg && bg < strstr(doc, "<rect x=\"10\""));
  CHECK(strstr(doc, "<rect x=\"10\" y=\"10\" width=\"100\" height=\"50\" fill=\"#4e79a7\"/>") != NULL);
  CHECK(strstr(doc, "rx=\"10\"") != NULL);
  CHECK(strstr(doc, "fill=\"#3366cc\" fill-opacity=\"0.502\"") != NULL);
  CHECK(strstr(doc, "<path d=\"M10 20 30.5 40.25C50 60 70.25 80 90 100Z\" fill=\"none\" stroke=\"#333333\" "
                    "stroke-width=\"2\" stroke-dasharray=\"4 2\"") != NULL);
  CHECK(strstr(doc, "<path d=\"M0 5 5 0V5Z\" fill=\"#59a14f\"") != NULL);
  CHECK(strstr(doc, "<clipPath id=\"c0\"><rect x=\"300\" y=\"300\" width=\"100\" height=\"100\"/></clipPath>") !=
        NULL);
  const char *clip = strstr(doc, "<g clip-path=\"url(#c0)\">\n<circle cx=\"350\" cy=\"350\" r=\"80\" fill=\"#e15759\"/>\n");
  CHECK(clip != NULL);
  CHECK(clip && strstr(clip, "</g>\n<g aria-label=") != NULL);
  CHECK(count(doc, "<g clip-path=") == 1);
  CHECK(count(doc, "<g") == count(doc, "</g>"));

  /* glyphs: defined once each, used once per inked glyph of both items */
  char ids[512][32];
  int ndefs = glyph_defs(doc, ids, 512);
  CHECK(ndefs == distinct);
  for (int i = 0; i < ndefs; i++) {
    char pat[64];
    snprintf(pat, sizeof pat, "<path id=\"%s\"", ids[i]);
    CHECK(count(doc, pat) == 1);
    CHECK(ids[i][0] == 'g' && strchr(ids[i], '-') != NULL);
  }
  CHECK(count(doc, "<use ") == 2 * inked);
  CHECK(count(doc, "<use xlink:href=\"#g") == 2 * inked);
  /* every use points at a definition that comes before it */
  const char *first_use = strstr(doc, "<use ");
  for (const char *p = first_use; p; p = strstr(p + 1, "<use ")) {
    const char *h = p + strlen("<use xlink:href=\"#");
    char id[32];
    size_t len = strcspn(h, "\"");
    if (len > 31) len = 31;
    memcpy(id, h, len);
    id[len] = 0;
    char pat[64];
    snprintf(pat, sizeof pat, "<path id=\"%s\"", id);
    const char *def = strstr(doc, pat);
    CHECK(def != NULL && def < first_use);
  }
  CHECK(count(doc, "<g aria-label=\"低保标准 500→995 元/月\"") == 2);
  CHECK(strstr(doc, "<g aria-label=\"低保标准 500→995 元/月\" fill=\"#333333\">") != NULL);
  CHECK(strstr(doc, "transform=\"rotate(-30 20 400)\" fill=\"#333333\">") != NULL);
  CHECK(xml_well_formed(&out) != 0);
  if (xml_well_formed(&out) < 0) fprintf(stderr, "note: xmllint not on PATH; well-formedness not checked\n");

  /* determinism */
  buf again = {0};
  svg_write(s, &(svg_options){SVG_TEXT_PATHS}, &again);
  CHECK(again.len == out.len && memcmp(again.data, out.data, out.len) == 0);
  buf_free(&again);

  /* The same figure from an engine that laid out other fonts first (so its
   * font ids differ) gives the same bytes: glyph ids are per document. */
  {
    text_engine *e2 = text_engine_new(NULL, err, sizeof err);
    CHECK(e2 != NULL);
    if (e2) {
      text_style bold = {.lang = "zh-CN", .size = 13, .weight = 700, .color = 0x000000ff};
      text_layout(e2, "先用别的字体 Bold 123", &bold, 0, 0, (src_loc){0}, NULL);
      const text_box *tb2 = text_layout(e2, TEXT, &ts, 0, 0, (src_loc){0}, NULL);
      CHECK(text_font_id(tb2->runs[0].font) != text_font_id(tb->runs[0].font));
      scene s3 = *s;
      s3.items = arena_alloc_array(a, (size_t)s->n, sizeof *s3.items);
      memcpy(s3.items, s->items, (size_t)s->n * sizeof *s3.items);
      for (int i = 0; i < s3.n; i++)
        if (s3.items[i].kind == SC_TEXT) s3.items[i].text = tb2;
      buf other = {0};
      svg_write(&s3, NULL, &other);
      CHECK(other.len == out.len && memcmp(other.data, out.data, out.len) == 0);
      buf_free(&other);
      text_engine_free(e2);
    }
  }

  /* a sample for eyeballing */
  FILE *f = fopen("/tmp/svg_test.svg", "wb");
  if (f) {
    fwrite(out.data, 1, out.len, f);
    fclose(f);
  }

  /* ---- real <text> elements ---- */
  buf tx = {0};
  svg_write(s, &(svg_options){SVG_TEXT_ELEMENTS}, &tx);
  const char *tdoc = tx.data;
  check_no_forbidden(tdoc);
  CHECK(count(tdoc, "<text ") == 2);
  CHECK(count(tdoc, ">低保标准 500→995 元/月</tspan></text>") == 2);
  CHECK(strstr(tdoc, "font-family=\"'Huitu Sans SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', "
                     "'PingFang SC', 'Hiragino Sans GB', SimHei, sans-serif\"") != NULL);
  CHECK(strstr(tdoc, "font-size=\"24\" font-weight=\"normal\" fill=\"#333333\" xml:lang=\"zh-CN\"") != NULL);
  CHECK(strstr(tdoc, "<g transform=\"rotate(-30 20 400)\">\n<text ") != NULL);
  CHECK(!strstr(tdoc, "<use"));
  CHECK(!strstr(tdoc, "<path id=\"g"));
  CHECK(xml_well_formed(&tx) != 0);
  buf tx2 = {0};
  svg_write(s, &(svg_options){SVG_TEXT_ELEMENTS}, &tx2);
  CHECK(tx2.len == tx.len && memcmp(tx2.data, tx.data, tx.len) == 0);
  buf_free(&tx2);
  FILE *f2 = fopen("/tmp/svg_test_text.svg", "wb");
  if (f2) {
    fwrite(tx.data, 1, tx.len, f2);
    fclose(f2);
  }

  /* ---- a serif face falls back to serifs, not to sans-serif ---- */
  {
    scene *sf = scene_new(a, 300, 100, 0xffffffff);
    text_style ss = {.lang = "zh-CN", .size = 16, .weight = 400, .color = 0x222222ff, .family = "Noto Serif CJK SC"};
    const text_box *sb = text_layout(e, "宋体标题", &ss, 0, 0, (src_loc){0}, NULL);
    scene_text(sf, sb, 5, 5, "title");
    buf sv = {0};
    svg_write(sf, &(svg_options){SVG_TEXT_ELEMENTS}, &sv);
    if (text_family_available(e, "Noto Serif CJK SC")) { /* Debian's fonts-noto-cjk */
      CHECK(strstr(sv.data, "font-family=\"'Noto Serif CJK SC', 'Source Han Serif SC', SimSun, 'Songti SC', STSong, "
                            "serif\"") != NULL);
      CHECK(!strstr(sv.data, "sans-serif"));
    }
    buf_free(&sv);
  }

  /* ---- multi-colour markup, line breaks, escaping in text mode ---- */
  scene *s2 = scene_new(a, 300, 200, 0);
  text_style ms = {.lang = "zh-CN", .size = 16, .weight = 400, .color = 0x222222ff, .markup = 1};
  const text_box *mb = text_layout(e, "A & B <x> [红色]{#c0392b} **粗体**\n第二行", &ms, 0, 0, (src_loc){0}, NULL);
  scene_text(s2, mb, 5, 5, "note");
  buf m = {0};
  svg_write(s2, &(svg_options){SVG_TEXT_ELEMENTS}, &m);
  CHECK(!strstr(m.data, "<rect x=\"0\" y=\"0\"")); /* transparent background: no rect */
  CHECK(strstr(m.data, "<title>huitu figure</title>\n<desc></desc>") != NULL);
  /* No language on the document; each line says the language of its face
   * (Huitu Sans SC: zh-CN). */
  CHECK(!strstr(m.data, "\" xml:lang=\"zh-CN\">\n<title>"));
  CHECK(strstr(m.data, "fill=\"#222222\" xml:lang=\"zh-CN\"") != NULL);
  CHECK(xml_well_formed(&m) != 0);
  CHECK(count(m.data, "<text ") == mb->nlines);
  CHECK(mb->nlines == 2);
  CHECK(strstr(m.data, ">A &amp; B &lt;x&gt; </tspan><tspan x=\"") != NULL);
  CHECK(strstr(m.data, " fill=\"#c0392b\">红色</tspan><tspan x=\"") != NULL);
  CHECK(strstr(m.data, " font-weight=\"bold\">粗体</tspan></text>") != NULL);
  CHECK(strstr(m.data, ">第二行</tspan></text>") != NULL);
  check_x_lists(m.data);
  buf_reset(&m);
  svg_write(s2, NULL, &m);
  CHECK(xml_well_formed(&m) != 0);
  CHECK(strstr(m.data, "aria-label=\"") != NULL);
  buf_free(&m);

  /* ---- circles: <circle>, a run of the same paint shares one <g> ---- */
  scene *s3 = scene_new(a, 100, 100, 0xffffffff);
  sc_style pt = scene_stroke(0x4c78a8ff, 1.5);
  pt.fill = 0xffffff00;
  pt.opacity = 0.7f;
  for (int i = 0; i < 3; i++) scene_circle(s3, 10 + i, 20.25, 2.5, pt, "mark.point");
  scene_circle(s3, 50, 50, 4, scene_fill(0xe15759ff), "mark.circle"); /* other paint: alone */
  sc_style none = scene_fill(0x00000000);
  scene_circle(s3, 60, 60, 4, none, "invisible"); /* nothing to draw: nothing written */
  for (int i = 0; i < 2; i++) scene_circle(s3, 70, 70 + i, 1, pt, "mark.point");
  buf cb = {0};
  svg_write(s3, NULL, &cb);
  CHECK(xml_well_formed(&cb) != 0);
  check_no_forbidden(cb.data);
  CHECK(strstr(cb.data, "<g fill=\"none\" stroke=\"#4c78a8\" stroke-opacity=\"0.7\" stroke-width=\"1.5\">\n"
                        "<circle cx=\"10\" cy=\"20.25\" r=\"2.5\"/>\n<circle cx=\"11\" cy=\"20.25\" r=\"2.5\"/>\n"
                        "<circle cx=\"12\" cy=\"20.25\" r=\"2.5\"/>\n</g>\n"
                        "<circle cx=\"50\" cy=\"50\" r=\"4\" fill=\"#e15759\"/>\n<g fill=\"none\"") != NULL);
  CHECK(count(cb.data, "<circle") == 6);
  CHECK(!strstr(cb.data, "<path"));
  CHECK(!strstr(cb.data, "stroke-miterlimit")); /* a circle has no corners */
  buf_free(&cb);

  check_compact_paths(a);
  check_text_positions(e, a);
  check_text_languages(e, a);

  buf_free(&tx);
  buf_free(&out);
  arena_free(a);
  text_engine_free(e);
  return testing_done("test_svg");
}
