/* model/keys: tables drive parsing, defaults, suggestions; lengths and colours. */
#include <math.h>

#include "base/colors.h"
#include "model/doc.h"
#include "testing.h"

static doc_model *build(arena *a, const char *text, diag_list *d, spec_doc *doc) {
  doc->arena = a;
  doc->path = "t.yaml";
  doc->root = spec_parse(a, "t.yaml", text, strlen(text), d);
  return doc->root ? doc_build(doc, d) : NULL;
}

int main(void) {
  double px;
  CHECK(keys_parse_length("210mm", 5, &px) == 0);
  CHECK_NEAR(px, 793.7007874, 1e-6);
  CHECK(keys_parse_length("12pt", 4, &px) == 0);
  CHECK_NEAR(px, 16, 1e-9);
  CHECK(keys_parse_length("100", 3, &px) == 0 && px == 100);
  CHECK(keys_parse_length("1in", 3, &px) == 0 && px == 96);
  CHECK(keys_parse_length("12 px", 5, &px) == 0 && px == 12);
  CHECK(keys_parse_length("wide", 4, &px) != 0);
  CHECK(keys_parse_length("mm", 2, &px) != 0);

  uint32_t c;
  CHECK(color_parse("#c0392b", &c) == 0 && c == 0xc0392bffu);
  CHECK(color_parse("#fff", &c) == 0 && c == 0xffffffffu);
  CHECK(color_parse("#11223344", &c) == 0 && c == 0x11223344u);
  CHECK(color_parse("SteelBlue", &c) == 0 && c == 0x4682b4ffu);
  CHECK(color_parse("none", &c) == 0 && c == 0);
  CHECK(color_parse("#12345", &c) != 0);
  CHECK(color_parse("#ggg", &c) != 0);

  const char *names[] = {"subtitle", "title", "source", "blocks", NULL};
  CHECK_STR(keys_suggest("subtitel", names, -1), "subtitle");
  CHECK_STR(keys_suggest("titel", names, -1), "title");
  CHECK(keys_suggest("zzzzzz", names, -1) == NULL);
  /* the words typed, in order, beat a near spelling; case, '-' and '_'
   * do not count; a whole word dropped or swapped is no typo */
  const char *axis[] = {"labels", "labelAngle", "labelFontSize", "titleFontSize", "axis", "axisX", "axisY",
                        "axisTop", NULL};
  CHECK_STR(keys_suggest("labelSize", axis, -1), "labelFontSize");
  CHECK_STR(keys_suggest("label_font_size", axis, -1), "labelFontSize");
  CHECK_STR(keys_suggest("lables", axis, -1), "labels");
  CHECK(keys_suggest("axisZ", axis, -1) == NULL);
  CHECK_STR(keys_suggest("axisx", axis, -1), "axisX");
  CHECK_STR(keys_suggest("axsiTop", axis, -1), "axisTop");
  const char *fit[] = {"pad", "fit", "fit-x", "fit-y", "none", NULL};
  CHECK_STR(keys_suggest("fitx", fit, -1), "fit-x");
  CHECK_STR(keys_suggest("FIT_Y", fit, -1), "fit-y");
  CHECK_STR(keys_suggest("fti", fit, -1), "fit");
  const char *units[] = {"unit", "label", "value", NULL};
  CHECK_STR(keys_suggest("unti", units, -1), "unit"); /* a swap is one edit */
  CHECK(keys_suggest("vault", units, -1) == NULL);     /* two edits in five letters: too far */

  /* Defaults come from the tables; presets fill what was not given. */
  arena *a = arena_new();
  diag_list d = {0};
  spec_doc doc = {0};
  doc_model *m = build(a, "title: 标题\n", &d, &doc);
  CHECK(m && d.errors == 0);
  CHECK(m->page.width == 1200 && isnan(m->page.height) && m->page.margin == 48);
  CHECK(m->page.background == 0xffffffffu);
  CHECK_STR(m->lang, "zh-CN");
  CHECK(m->layout.columns == 1 && m->layout.gap == 24);

  m = build(a, "page: {size: A4, orientation: landscape}\n", &d, &doc);
  CHECK(m && d.errors == 0);
  CHECK_NEAR(m->page.width, 297 * 96 / 25.4, 1e-9);
  CHECK_NEAR(m->page.height, 210 * 96 / 25.4, 1e-9);
  m = build(a, "page: {size: A4, width: 500}\n", &d, &doc);
  CHECK(m && m->page.width == 500); /* explicit width beats the preset */
  m = build(a, "page: {size: phone}\n", &d, &doc);
  CHECK(m && m->page.width == 1080 && isnan(m->page.height));
  m = build(a, "page: {size: \"16:9\"}\n", &d, &doc);
  CHECK(m && m->page.width == 1920 && m->page.height == 1080);

  /* Blocks: type key plus common keys; a plain string for text. */
  m = build(a, "layout: {columns: 3}\nblocks:\n  - text: 你好\n    span: 2\n  - kpi: {value: 125.3, unit: 亿元}\n", &d, &doc);
  CHECK(m && d.errors == 0 && m->nblocks == 2);
  CHECK(m->blocks[0].kind == BLOCK_TEXT && m->blocks[0].span == 2);
  CHECK_STR(((text_content *)m->blocks[0].content)->content.s, "你好");
  CHECK(m->blocks[1].kind == BLOCK_KPI && ((kpi_content *)m->blocks[1].content)->value == 125.3);
  CHECK(m->blocks[1].loc.line == 5 && m->blocks[1].loc.col == 5);

  /* All problems in one run. */
  diag_clear(&d);
  build(a, "page: {width: x, height: y}\ntitel: 1\n", &d, &doc);
  CHECK(d.errors == 3);

  diag_clear(&d);
  arena_free(a);
  return testing_done("test_keys");
}
