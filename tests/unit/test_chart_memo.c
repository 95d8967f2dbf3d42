/* chart_memo: what one layout of a chart remembers (the fonts its spec
 * names as found, chart_size's last answer) is the caller's, so laying a
 * chart out leaves the chart as chart_build made it, and two layouts of
 * one chart each find their own sizes.  Numbers from the seed report
 * (低保标准 500 -> 995 元 a month, 2012 -> 2019). */
#include <string.h>

#include "chart/vl.h"
#include "scene_test.h"

static const char spec[] =
    "{\"data\": {\"values\": [{\"year\": \"2012\", \"v\": 500}, {\"year\": \"2019\", \"v\": 995}]},"
    " \"mark\": \"bar\", \"config\": {\"font\": \"Noto Sans CJK SC, sans-serif\","
    " \"axis\": {\"labelFont\": \"No Such Font Installed\"}},"
    " \"encoding\": {\"x\": {\"field\": \"year\", \"type\": \"ordinal\"},"
    " \"y\": {\"field\": \"v\", \"type\": \"quantitative\", \"title\": \"低保标准(元/月)\"}}}";

static chart_stage stage(arena *a, diag_list *d, chart_memo *m) {
  return (chart_stage){.te = TE, .a = a, .d = d, .sc = scene_new(a, 800, 600, 0), .lang = "zh-CN",
                       .text_scale = 1, .memo = m};
}

static void test_layout_leaves_chart_alone(void) {
  arena *da = arena_new(), *ra = arena_new();
  diag_list d = {0};
  spec_doc *doc = arena_alloc(da, sizeof *doc);
  doc->arena = da;
  doc->path = "t.vl.json";
  doc->root = spec_parse(da, doc->path, spec, strlen(spec), &d);
  chart *c = doc->root ? chart_build(doc, doc->root, "zh-CN", &d) : NULL;
  if (!REQUIRED(c != NULL && c->nfonts == 2)) return;
  /* the chart and the fonts it names, as built */
  chart before = *c;
  vl_font fonts[2] = {*c->fonts[0], *c->fonts[1]};

  chart_stage one = stage(ra, &d, chart_memo_new(c, ra)), two = stage(ra, &d, chart_memo_new(c, ra));
  double w1, h1, w2, h2, w1b, h1b;
  chart_size(c, &one, 400, 0, &w1, &h1);
  chart_emit(c, &one, 0, 0, w1, h1);
  int warned = d.warnings;
  chart_size(c, &two, 200, 0, &w2, &h2);
  chart_emit(c, &two, 0, 0, w2, h2);
  chart_size(c, &one, 400, 0, &w1b, &h1b);

  CHECK(memcmp(c, &before, sizeof before) == 0); /* no size memo, no font state in the chart */
  CHECK(memcmp(c->fonts[0], &fonts[0], sizeof fonts[0]) == 0);
  CHECK(memcmp(c->fonts[1], &fonts[1], sizeof fonts[1]) == 0);
  CHECK_NEAR(w1, 400, 0.5);
  CHECK_NEAR(w2, 200, 0.5);
  CHECK_NEAR(w1b, w1, 0); /* the first layout's answer, not the second's */
  CHECK_NEAR(h1b, h1, 0);
  /* each layout looks the fonts up itself (and the missing one is warned about) */
  CHECK(warned >= 1);
  for (int i = 0; i < 2; i++) {
    const chart_memo *m = i ? two.memo : one.memo;
    CHECK(m->fonts[0].state == 1); /* config.font: installed */
    CHECK(m->fonts[1].state == 2); /* the axis's labelFont: none installed */
  }
  /* a stage without a memo (or with another chart's) gets one for the call */
  chart_stage none = stage(ra, &d, NULL);
  double w3, h3;
  chart_size(c, &none, 400, 0, &w3, &h3);
  CHECK_NEAR(w3, w1, 0);
  CHECK_NEAR(h3, h1, 0);
  arena_free(ra);
  arena_free(da);
  diag_clear(&d);
}

int main(void) {
  scene_test_begin();
  test_layout_leaves_chart_alone();
  text_engine_free(TE);
  return testing_done("test_chart_memo");
}
