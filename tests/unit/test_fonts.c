/* Font families a spec names: Vega-Lite's font keys in charts (config.font,
 * labelFont, titleFont, a title's font and subtitleFont, a text mark's
 * font) with Vega-Lite's precedence, a page theme's font and titleFont,
 * and the warning for a font the machine lacks.  Checked on the glyph runs'
 * fonts (text_font_family), which every backend draws with.  Families
 * beyond the bundled Huitu Sans SC are checked when installed (Debian's
 * fonts-dejavu-core and fonts-noto-cjk: DejaVu Serif, Noto Serif CJK SC). */
#include "scene_test.h"

#define BAR_DATA "      data: {values: [{k: A, v: 5, g: x}, {k: B, v: 9, g: y}]}\n"
#define BAR_ENC                                                                                    \
  "      mark: bar\n      encoding:\n        x: {field: k, type: nominal%s}\n"                   \
  "        y: {field: v, type: quantitative}\n        color: {field: g, type: nominal}\n"

/* The family of the k-th item of a role: of its first glyph run. */
static const char *fam(const scene *s, const char *role, int k) {
  const sc_item *it = nth(s, role, k);
  return it && it->text && it->text->nruns > 0 ? text_font_family(it->text->runs[0].font) : "(none)";
}

/* Every run of every item of a role in one family. */
static int all_in(const scene *s, const char *role, const char *family) {
  int n = count(s, role), ok = n > 0;
  for (int i = 0; i < n; i++) {
    const sc_item *it = nth(s, role, i);
    for (int j = 0; it->text && j < it->text->nruns; j++)
      ok &= !strcmp(text_font_family(it->text->runs[j].font), family);
  }
  return ok;
}

static int SERIF, CJK_SERIF; /* DejaVu Serif, Noto Serif CJK SC installed */

/* The bundled family by name, and as the first installed of a CSS-like
 * list with quotes: no warning, every text in it. */
static void test_bundled_family(void) {
  run r = go("t.yaml", "blocks:\n  - chart:\n      config: {font: \"'No Such Font 7f3a', 'Huitu Sans SC', serif\"}\n"
                       "      title: 标题\n" BAR_DATA "      mark: bar\n      encoding:\n"
                       "        x: {field: k, type: nominal}\n        y: {field: v, type: quantitative}\n");
  CHECK(r.sc && r.d.n == 0);
  CHECK(all_in(r.sc, "axis.x.label", "Huitu Sans SC"));
  CHECK_STR(fam(r.sc, "chart.title", 0), "Huitu Sans SC");
  run_free(&r);
}

/* Vega-Lite's precedence: a guide's own key over config.<guide> (the more
 * specific config.axis* over config.axis) over config.font. */
static void test_chart_precedence(void) {
  if (!SERIF || !CJK_SERIF) {
    printf("test_fonts: DejaVu Serif or Noto Serif CJK SC not installed, precedence not checked\n");
    return;
  }
  char spec[2048];
  snprintf(spec, sizeof spec,
           "blocks:\n  - chart:\n"
           "      config:\n"
           "        font: DejaVu Serif\n"
           "        axis: {labelFont: Huitu Sans SC}\n"
           "        axisY: {titleFont: Noto Serif CJK SC}\n"
           "        legend: {labelFont: Noto Serif CJK SC}\n"
           "        title: {font: Huitu Sans SC}\n"
           "      title: {text: Title, subtitle: Sub}\n" BAR_DATA BAR_ENC,
           ", axis: {labelFont: Noto Serif CJK SC}");
  run r = go("t.yaml", spec);
  CHECK(r.sc && r.d.n == 0);
  CHECK(all_in(r.sc, "axis.x.label", "Noto Serif CJK SC")); /* the axis's own over config.axis */
  CHECK(all_in(r.sc, "axis.y.label", "Huitu Sans SC"));     /* config.axis */
  CHECK_STR(fam(r.sc, "axis.y.title", 0), "Noto Serif CJK SC"); /* config.axisY over config.font */
  CHECK_STR(fam(r.sc, "axis.x.title", 0), "DejaVu Serif");      /* config.font */
  CHECK(all_in(r.sc, "legend.label", "Noto Serif CJK SC"));
  CHECK_STR(fam(r.sc, "legend.title", 0), "DejaVu Serif");
  CHECK_STR(fam(r.sc, "chart.title", 0), "Huitu Sans SC"); /* config.title.font */
  CHECK_STR(fam(r.sc, "chart.subtitle", 0), "DejaVu Serif"); /* subtitleFont unset: config.font */
  run_free(&r);

  /* the title's own font and subtitleFont over config.title's; a legend's
   * own over config.legend's; the lang's fonts for what a family lacks */
  snprintf(spec, sizeof spec,
           "blocks:\n  - chart:\n"
           "      config: {title: {font: Huitu Sans SC, subtitleFont: Huitu Sans SC},\n"
           "               legend: {titleFont: Huitu Sans SC}}\n"
           "      title: {text: Title 标题, subtitle: Sub, font: DejaVu Serif, subtitleFont: Noto Serif CJK SC}\n"
           BAR_DATA "      mark: bar\n      encoding:\n        x: {field: k, type: nominal}\n"
           "        y: {field: v, type: quantitative}\n"
           "        color: {field: g, type: nominal, legend: {titleFont: DejaVu Serif}}\n");
  r = go("t.yaml", spec);
  CHECK(r.sc && r.d.n == 0);
  const sc_item *t = nth(r.sc, "chart.title", 0);
  CHECK(t && t->text->nruns >= 2);
  if (t && t->text->nruns >= 2) {
    CHECK_STR(text_font_family(t->text->runs[0].font), "DejaVu Serif");
    CHECK_STR(text_font_family(t->text->runs[t->text->nruns - 1].font), "Huitu Sans SC"); /* 标题 */
  }
  CHECK_STR(fam(r.sc, "chart.subtitle", 0), "Noto Serif CJK SC");
  CHECK_STR(fam(r.sc, "legend.title", 0), "DejaVu Serif");
  CHECK(all_in(r.sc, "axis.x.label", "Huitu Sans SC")); /* nothing set: huitu's */
  run_free(&r);
}

/* A text mark: its own font over config.text over config.mark; facet
 * headers: the channel's header over config.headerRow over config.header. */
static void test_text_marks_and_headers(void) {
  if (!SERIF || !CJK_SERIF) return;
  const char *tpl = "blocks:\n  - chart:\n      config: {mark: {font: Noto Serif CJK SC}%s}\n" BAR_DATA
                    "      mark: {type: text%s}\n      encoding:\n        x: {field: k, type: nominal}\n"
                    "        text: {field: k}\n";
  char spec[1024];
  snprintf(spec, sizeof spec, tpl, "", "");
  run r = go("t.yaml", spec);
  CHECK(r.sc && r.d.n == 0 && all_in(r.sc, "mark.text", "Noto Serif CJK SC"));
  run_free(&r);
  snprintf(spec, sizeof spec, tpl, ", text: {font: DejaVu Serif}", "");
  r = go("t.yaml", spec);
  CHECK(r.sc && all_in(r.sc, "mark.text", "DejaVu Serif"));
  run_free(&r);
  snprintf(spec, sizeof spec, tpl, ", text: {font: DejaVu Serif}", ", font: Huitu Sans SC");
  r = go("t.yaml", spec);
  CHECK(r.sc && all_in(r.sc, "mark.text", "Huitu Sans SC"));
  CHECK(all_in(r.sc, "axis.x.label", "Huitu Sans SC")); /* mark fonts are the marks' only */
  run_free(&r);

  r = go("t.yaml", "blocks:\n  - chart:\n"
                   "      config: {header: {labelFont: DejaVu Serif, titleFont: DejaVu Serif},\n"
                   "               headerRow: {titleFont: Noto Serif CJK SC}}\n" BAR_DATA
                   "      mark: bar\n      encoding:\n        row: {field: g, type: nominal}\n"
                   "        column: {field: k, type: nominal, header: {labelFont: Huitu Sans SC}}\n"
                   "        y: {field: v, type: quantitative}\n");
  CHECK(r.sc && r.d.n == 0);
  int nh = count(r.sc, "facet.header"), serif = 0, bundled = 0;
  for (int i = 0; i < nh; i++) {
    serif += !strcmp(fam(r.sc, "facet.header", i), "DejaVu Serif");    /* row labels x, y: config.header */
    bundled += !strcmp(fam(r.sc, "facet.header", i), "Huitu Sans SC"); /* column labels A, B: their own */
  }
  CHECK(nh == 4 && serif == 2 && bundled == 2);
  int nt = count(r.sc, "facet.title"), row_cjk = 0, col_serif = 0;
  for (int i = 0; i < nt; i++) { /* g: headerRow's; k: config.header's */
    const sc_item *it = nth(r.sc, "facet.title", i);
    row_cjk += !strcmp(it->text->text, "g") && !strcmp(fam(r.sc, "facet.title", i), "Noto Serif CJK SC");
    col_serif += !strcmp(it->text->text, "k") && !strcmp(fam(r.sc, "facet.title", i), "DejaVu Serif");
  }
  CHECK(nt == 2 && row_cjk == 1 && col_serif == 1);
  run_free(&r);
}

/* A page theme: titleFont for the page title and subtitle and block and
 * section titles; font for everything else, charts included, unless a
 * chart's config.font says otherwise (sans-serif: huitu's own). */
static void test_theme(void) {
  if (!SERIF || !CJK_SERIF) return;
  const char *tpl = "theme: {font: DejaVu Serif, titleFont: Noto Serif CJK SC}\n"
                    "title: 标题\nsubtitle: 副标题\n"
                    "blocks:\n"
                    "  - text: Body\n    title: 区块\n"
                    "  - kpi: {value: 2510, label: Label}\n"
                    "  - group: {items: [{text: Inner}]}\n    title: 分组\n"
                    "  - chart:\n%s" BAR_DATA "      mark: bar\n      encoding:\n"
                    "        x: {field: k, type: nominal}\n        y: {field: v, type: quantitative}\n";
  char spec[1024];
  snprintf(spec, sizeof spec, tpl, "");
  run r = go("t.yaml", spec);
  CHECK(r.sc && r.d.n == 0);
  CHECK_STR(fam(r.sc, "title", 0), "Noto Serif CJK SC");
  CHECK_STR(fam(r.sc, "subtitle", 0), "Noto Serif CJK SC");
  CHECK_STR(fam(r.sc, "block.title", 0), "Noto Serif CJK SC");
  CHECK_STR(fam(r.sc, "section.title", 0), "Noto Serif CJK SC");
  CHECK(all_in(r.sc, "text", "DejaVu Serif"));
  CHECK_STR(fam(r.sc, "kpi.value", 0), "DejaVu Serif"); /* figures: the body's face, like the charts' */
  CHECK_STR(fam(r.sc, "kpi.label", 0), "DejaVu Serif");
  CHECK(all_in(r.sc, "axis.x.label", "DejaVu Serif")); /* a chart inherits the theme's font */
  run_free(&r);
  snprintf(spec, sizeof spec, tpl, "      config: {font: sans-serif}\n");
  r = go("t.yaml", spec);
  CHECK(r.sc && r.d.n == 0 && all_in(r.sc, "axis.x.label", "Huitu Sans SC"));
  run_free(&r);
  snprintf(spec, sizeof spec, tpl, "      config: {axis: {labelFont: Huitu Sans SC}}\n");
  r = go("t.yaml", spec);
  CHECK(r.sc && all_in(r.sc, "axis.x.label", "Huitu Sans SC"));
  CHECK_STR(fam(r.sc, "axis.y.title", 0), "DejaVu Serif");
  run_free(&r);
  /* titleFont unset: titles in font */
  r = go("t.yaml", "theme: {font: DejaVu Serif}\ntitle: Title\nblocks:\n  - text: Body\n");
  CHECK(r.sc && !strcmp(fam(r.sc, "title", 0), "DejaVu Serif"));
  run_free(&r);
}

/* A generic serif stands for the serif the machine has for the lang: in
 * Chinese a CJK serif, so 中文 and Latin are set in one face. */
static void test_generic(void) {
  if (!CJK_SERIF) return;
  run r = go("t.yaml", "theme: {font: serif}\nblocks:\n  - text: 中文 and Latin\n");
  CHECK(r.sc && r.d.n == 0 && all_in(r.sc, "text", "Noto Serif CJK SC"));
  run_free(&r);
}

/* Fonts the machine lacks: the lang's fonts draw the text, and each
 * distinct value warns once, at the first key naming it. */
static void test_missing(void) {
  run r = go("m.yaml", "theme: {titleFont: No Such Font 7f3a}\n"
                       "title: Title\n"
                       "blocks:\n  - chart:\n"
                       "      config: {font: No Such Font 7f3a, axis: {labelFont: \"Gone A 7f3a, Gone B 7f3a\"}}\n"
                       "      title: {text: T, font: \"Gone C 7f3a, sans-serif\"}\n" BAR_DATA
                       "      mark: bar\n      encoding:\n"
                       "        x: {field: k, type: nominal, axis: {labelFont: \"Gone A 7f3a, Gone B 7f3a\"}}\n"
                       "        y: {field: v, type: quantitative, axis: {labelFont: \"Gone A 7f3a, Gone B 7f3a\"}}\n");
  CHECK(r.sc != NULL);
  char m[512];
  CHECK(r.d.n == 2); /* config.font's is the theme's; the axes' list is config.axis's */
  if (r.d.n >= 2) {
    diag_format(&r.d.items[0], m, sizeof m);
    CHECK_STR(m, "m.yaml:1:20: warning: font 'No Such Font 7f3a' is not installed here; using Huitu Sans SC");
    diag_format(&r.d.items[1], m, sizeof m);
    CHECK_STR(m, "m.yaml:5:59: warning: none of the fonts 'Gone A 7f3a', 'Gone B 7f3a' is installed here; "
                 "using Huitu Sans SC");
  }
  CHECK_STR(fam(r.sc, "title", 0), "Huitu Sans SC");
  CHECK(all_in(r.sc, "axis.x.label", "Huitu Sans SC"));
  CHECK_STR(fam(r.sc, "chart.title", 0), "Huitu Sans SC"); /* a list ending in sans-serif: no warning */
  run_free(&r);
}

int main(void) {
  scene_test_begin();
  SERIF = text_family_available(TE, "DejaVu Serif");
  CJK_SERIF = text_family_available(TE, "Noto Serif CJK SC");
  test_bundled_family();
  test_chart_precedence();
  test_text_marks_and_headers();
  test_theme();
  test_generic();
  test_missing();
  text_engine_free(TE);
  return testing_done("test_fonts");
}
