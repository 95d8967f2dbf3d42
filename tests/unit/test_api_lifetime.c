/* Lifetimes promised by huitu.h, through the public API only: a doc's
 * saved scene survives any text work other docs do on the same ctx (font
 * reports, a text cache that fills up and is emptied), and a huitu_diag
 * record keeps its address until huitu_doc_free.  Run under AddressSanitizer
 * (make test-sanitize) these are use-after-free checks; without it they
 * still compare every output with the first one. */
#include <stdint.h>
#include <stdlib.h>

#include "huitu.h"
#include "testing.h"

static const char spec_a[] = "page: {width: 480, lang: zh-CN}\n"
                             "title: 苏州市低保标准\n"
                             "subtitle: 城乡统筹、标准并轨、同城同标\n"
                             "blocks:\n"
                             "  - text: 全市低保标准由2012年每人每月500元提高至995元。\n"
                             "  - kpi: {value: 995, unit: 元/月, label: 2019年低保标准}\n";

static const char spec_b[] = "page: {width: 400, lang: zh-CN}\n"
                             "title: 孤儿基本生活保障标准\n"
                             "blocks:\n"
                             "  - text: 另一份文档的文字，它的字体报告会重新排版。\n";

static unsigned char *copy(const unsigned char *p, size_t n) {
  unsigned char *c = malloc(n ? n : 1);
  memcpy(c, p, n);
  return c;
}

static void ignore_font(void *user, unsigned int ch, const char *lang, const char *family, const char *file,
                        int status) {
  (void)ch, (void)lang, (void)family, (void)file, (void)status;
  (*(int *)user)++;
}

/* Render a as fmt and compare with want (want_len bytes). */
static int same_render(huitu_doc *a, huitu_format fmt, const unsigned char *want, size_t want_len) {
  const unsigned char *out = NULL;
  size_t len = 0;
  if (huitu_doc_render(a, fmt, NULL, &out, &len) != HUITU_OK) return 0;
  return len == want_len && !memcmp(out, want, len);
}

/* Doc A's scene, saved by its first render, must not point into anything
 * doc B's font report empties (the text cache). */
static void font_report_keeps_other_scenes(huitu_ctx *ctx) {
  huitu_doc *a = huitu_doc_load_string(ctx, "a.yaml", spec_a, sizeof spec_a - 1);
  huitu_doc *b = huitu_doc_load_string(ctx, "b.yaml", spec_b, sizeof spec_b - 1);
  CHECK(huitu_doc_status(a) == HUITU_OK);
  CHECK(huitu_doc_status(b) == HUITU_OK);
  huitu_format fmts[] = {HUITU_SVG, HUITU_PNG, HUITU_PDF};
  unsigned char *first[3] = {0};
  size_t first_len[3] = {0};
  for (int k = 0; k < 3; k++) {
    const unsigned char *out = NULL;
    size_t len = 0;
    CHECK(huitu_doc_render(a, fmts[k], NULL, &out, &len) == HUITU_OK);
    first[k] = copy(out, len);
    first_len[k] = len;
  }
  int chars = 0;
  CHECK(huitu_doc_font_report(b, ignore_font, &chars) >= 0);
  CHECK(chars > 0);
  for (int k = 0; k < 3; k++) CHECK(same_render(a, fmts[k], first[k], first_len[k]));
  /* B itself, laid out again by its report, still renders. */
  const unsigned char *out = NULL;
  size_t len = 0;
  CHECK(huitu_doc_render(b, HUITU_SVG, NULL, &out, &len) == HUITU_OK);
  /* And A's own report does not break A. */
  CHECK(huitu_doc_font_report(a, ignore_font, &chars) >= 0);
  for (int k = 0; k < 3; k++) CHECK(same_render(a, fmts[k], first[k], first_len[k]));
  for (int k = 0; k < 3; k++) free(first[k]);
  huitu_doc_free(b);
  huitu_doc_free(a);
}

/* Doc A stays alive while many other docs lay out distinct text, more than
 * the text cache keeps (it empties or stops caching as it grows): A's
 * saved scene must draw the same afterwards. */
static void cache_turnover_keeps_scenes(huitu_ctx *ctx) {
  huitu_doc *a = huitu_doc_load_string(ctx, "a.yaml", spec_a, sizeof spec_a - 1);
  const unsigned char *out = NULL;
  size_t len = 0;
  CHECK(huitu_doc_render(a, HUITU_SVG, NULL, &out, &len) == HUITU_OK);
  unsigned char *want = copy(out, len);
  size_t want_len = len;
  /* 600 figures of fresh paragraphs: past the ctx's flush period (500
   * docs), which now empties the text cache with A alive.  (The cache's
   * size cap, the other way it is emptied, is tested in test_scene.) */
  static char spec[16384];
  int nfig = getenv("HUITU_LIFETIME_FIGURES") ? atoi(getenv("HUITU_LIFETIME_FIGURES")) : 600;
  for (int i = 0; i < nfig; i++) {
    int n = snprintf(spec, sizeof spec, "page: {width: 300}\nblocks:\n  - text: \"");
    for (int w = 0; w < 60; w++) n += snprintf(spec + n, sizeof spec - (size_t)n, "w%dx%d ", i, w);
    n += snprintf(spec + n, sizeof spec - (size_t)n, "\"\n");
    huitu_doc *o = huitu_doc_load_string(ctx, "other.yaml", spec, (size_t)n);
    CHECK(huitu_doc_render(o, HUITU_SVG, NULL, &out, &len) == HUITU_OK);
    huitu_doc_free(o);
    if (i % 100 == 99) CHECK(same_render(a, HUITU_SVG, want, want_len));
  }
  CHECK(same_render(a, HUITU_SVG, want, want_len));
  free(want);
  huitu_doc_free(a);
}

/* A huitu_diag record keeps its address (and contents) while later calls
 * add diagnostics to the same doc. */
static void diag_records_stay(huitu_ctx *ctx) {
  /* Renders that fail and add an error each: a PNG over the pixel limit,
   * at a different scale every time (so a different message, not the
   * same one again). */
  static const char spec[] = "page: {width: 400}\ntitle: 标题\n";
  huitu_doc *d = huitu_doc_load_string(ctx, "d.yaml", spec, sizeof spec - 1);
  CHECK(huitu_doc_status(d) == HUITU_OK);
  huitu_render_opts ro = {0};
  ro.max_pixels = 100;
  const huitu_diag *kept[40];
  char text[40][512];
  for (int i = 0; i < 40; i++) {
    const unsigned char *out;
    size_t len;
    ro.scale = 1 + i / 8.0;
    CHECK(huitu_doc_render(d, HUITU_PNG, &ro, &out, &len) == HUITU_ERROR_SPEC);
    /* Asking for the newest record converts the new ones to public records. */
    int n = huitu_doc_diag_count(d);
    CHECK(n == i + 1);
    kept[i] = huitu_doc_diag(d, n - 1);
    CHECK(kept[i] != NULL);
    text[i][0] = 0;
    if (kept[i]) huitu_diag_format(kept[i], text[i], sizeof text[i]);
    CHECK(strstr(text[i], "pixels") != NULL);
  }
  /* Every record handed out earlier is still there, unchanged. */
  for (int i = 0; i < 40; i++) {
    CHECK(huitu_doc_diag(d, i) == kept[i]);
    char line[512];
    huitu_diag_format(kept[i], line, sizeof line);
    CHECK_STR(line, text[i]);
  }
  huitu_doc_free(d);
}

/* argv[1] (optional) runs one case: report, diag or cache. */
int main(int argc, char **argv) {
  const char *only = argc > 1 ? argv[1] : NULL;
  char err[512];
  huitu_ctx *ctx = huitu_ctx_new(err, sizeof err);
  if (!ctx) {
    fprintf(stderr, "no ctx: %s\n", err);
    return 1;
  }
  if (!only || !strcmp(only, "report")) font_report_keeps_other_scenes(ctx);
  if (!only || !strcmp(only, "diag")) diag_records_stay(ctx);
  if (!only || !strcmp(only, "cache")) cache_turnover_keeps_scenes(ctx);
  huitu_ctx_free(ctx);
  return testing_done("test_api_lifetime");
}
