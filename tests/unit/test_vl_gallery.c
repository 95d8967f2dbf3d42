/* Vega-Lite's own gallery examples (tests/vl/gallery/, copied verbatim
 * from vega/vega-lite examples/specs; see the README there).  Every file
 * lays out without errors, and each is checked for what Vega-Lite draws:
 * mark counts by role, relative positions (the tallest bar is the largest
 * value, stacked segments touch, sorted order), tick labels, legend
 * entries, facet headers and titles, text labels and colours. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/diag.h"
#include "layout/layout.h"
#include "model/doc.h"
#include "scene/scene.h"
#include "spec/node.h"
#include "testing.h"
#include "text/text.h"

#include "scene_test.h"

#define G(name) "tests/vl/gallery/" name ".vl.json"

static const char *last_label(const scene *s, const char *role) { return label(s, role, count(s, role) - 1); }

static double mid_x(const sc_item *it) { return it->x + it->w / 2; }
static double mid_y(const sc_item *it) { return it->y + it->h / 2; }

/* Consecutive labels' ink (not their line boxes) clear each other down the axis. */
static void ink_apart(const scene *s, const char *role) {
  for (int i = 1; i < count(s, role); i++) {
    const sc_item *a = nth(s, role, i - 1), *b = nth(s, role, i);
    CHECK(a->y + a->text->ink_y + a->text->ink_h <= b->y + b->text->ink_y + 0.5);
  }
}

/* Every ported file: no errors, and the number of marks of a role. */
static void test_counts(void) {
  static const vl_case cases[] = {
      {G("arc_donut"), "mark.arc", 6},
      {G("arc_ordinal_theta"), "mark.arc", 8},
      {G("arc_pie"), "mark.arc", 6},
      {G("arc_pie_normalize_tooltip"), "mark.arc", 6},
      {G("arc_pie_pyramid"), "mark.arc", 3},
      {G("arc_radial"), "mark.arc", 6},
      {G("arc_radial"), "mark.text", 6},
      {G("area_horizon"), "mark.area", 2},
      {G("bar"), "mark.bar", 9},
      {G("bar_axis_title_quoted"), "mark.bar", 9},
      {G("bar_binned_data"), "mark.bar", 8},
      {G("bar_color_disabled_scale"), "mark.bar", 3},
      {G("bar_column_fold"), "mark.bar", 4},
      {G("bar_column_pivot"), "mark.bar", 3},
      {G("bar_config_no_zero"), "mark.bar", 9},
      {G("bar_corner_radius_end"), "mark.bar", 9},
      {G("bar_custom_sort_full"), "mark.bar", 3},
      {G("bar_diverging_stack_transform"), "mark.bar", 40},
      {G("bar_filter_calc"), "mark.bar", 7},
      {G("bar_gantt"), "mark.bar", 3},
      {G("bar_grouped_custom_padding"), "mark.bar", 9},
      {G("bar_grouped_label"), "mark.bar", 9},
      {G("bar_grouped_label"), "mark.text", 9},
      {G("bar_grouped_step_for_offset"), "mark.bar", 9},
      {G("bar_negative"), "mark.bar", 9},
      {G("bar_negative_horizontal_label"), "mark.bar", 9},
      {G("bar_negative_horizontal_label"), "mark.text", 9},
      {G("bar_percent_of_total"), "mark.bar", 5},
      {G("circle_flatten"), "mark.circle", 5}, /* beta's null: a category, as Vega-Lite draws it */
      {G("circle_wilkinson_dotplot"), "mark.circle", 21},
      {G("concat_bar_scales_discretize"), "mark.circle", 27},
      {G("concat_layer_voyager_result"), "mark.rule", 6},
      {G("concat_layer_voyager_result"), "mark.circle", 4},
      {G("concat_layer_voyager_result"), "mark.point", 2},
      {G("concat_layer_voyager_result"), "mark.text", 2},
      {G("facet_bullet"), "mark.bar", 25},
      {G("facet_bullet"), "mark.tick", 5},
      {G("facet_grid_bar"), "mark.bar", 27},
      {G("layer_arc_label"), "mark.arc", 6},
      {G("layer_arc_label"), "mark.text", 6},
      {G("layer_bar_annotations"), "mark.bar", 16},
      {G("layer_bar_annotations"), "mark.rule", 1},
      {G("layer_bar_grouped_line_ungrouped"), "mark.bar", 9},
      {G("layer_bar_grouped_line_ungrouped"), "mark.line", 1},
      {G("layer_bar_labels"), "mark.text", 3},
      {G("layer_falkensee"), "mark.rect", 2},
      {G("layer_falkensee"), "mark.point", 38},
      {G("layer_line_window"), "mark.line", 2},
      {G("line_dashed_part"), "mark.line", 2},
      {G("line_skip_invalid"), "mark.line", 2},
      {G("line_skip_invalid_mid"), "mark.line", 2},
      {G("line_skip_invalid_mid_overlay"), "mark.point", 5},
      {G("sequence_line_fold"), "mark.line", 2},
      {G("time_output_utc_timeunit"), "mark.line", 1},
      {G("time_parse_local"), "mark.point", 2},
      {G("waterfall_chart"), "mark.bar", 14},
      {G("waterfall_chart"), "mark.rule", 14},
      {G("waterfall_chart"), "mark.text", 28},
      {G("window_rank"), "mark.line", 4},
      {G("window_top_k"), "mark.bar", 5},
  };
  check_role_counts(cases, sizeof cases / sizeof cases[0]);
}

static void test_bars(void) {
  /* bar: D (91) is the tallest, G (19) the shortest; one baseline */
  run r = go_file(G("bar"));
  const sc_item *d = nth(r.sc, "mark.bar", 3), *g = nth(r.sc, "mark.bar", 6), *a = nth(r.sc, "mark.bar", 0);
  if (d && g && a) {
    for (int i = 0; i < 9; i++) {
      const sc_item *b = nth(r.sc, "mark.bar", i);
      CHECK(b->h <= d->h && b->h >= g->h);
      CHECK_NEAR(b->y + b->h, a->y + a->h, 0.01);
    }
    CHECK_NEAR(d->h / a->h, 91.0 / 28, 0.01);
  }
  CHECK_STR(label(r.sc, "axis.x.label", 0), "A");
  CHECK_STR(last_label(r.sc, "axis.x.label"), "I");
  CHECK_STR(last_label(r.sc, "axis.y.label"), "100");
  CHECK_STR(label(r.sc, "axis.y.title", 0), "b");
  run_free(&r);
  /* cornerRadiusEnd: the bars are paths (rounded top), as tall as bar.vl.json's */
  r = go_file(G("bar_corner_radius_end"));
  const sc_item *rd = nth(r.sc, "mark.bar", 3);
  CHECK(rd && rd->kind == SC_PATH);
  run_free(&r);
  /* a title, and an axis title with quotes */
  r = go_file(G("bar_axis_title_quoted"));
  CHECK_STR(label(r.sc, "chart.title", 0), "A Simple Bar Chart");
  CHECK_STR(label(r.sc, "axis.x.title", 0), "\"Quoted\" Title");
  run_free(&r);
  /* config.scale.zero: false leaves a bar's length from zero (Vega-Lite) */
  r = go_file(G("bar_config_no_zero"));
  CHECK_STR(label(r.sc, "axis.y.label", 0), "0");
  run_free(&r);
  /* sort: [B, A, C] */
  r = go_file(G("bar_custom_sort_full"));
  CHECK_STR(label(r.sc, "axis.x.label", 0), "B");
  CHECK_STR(label(r.sc, "axis.x.label", 1), "A");
  CHECK_STR(label(r.sc, "axis.x.label", 2), "C");
  run_free(&r);
  /* filter 2*b > 60 drops A (b2 = 56) and G (38); the y axis reads b2 */
  r = go_file(G("bar_filter_calc"));
  CHECK(!has_label(r.sc, "axis.x.label", "G") && !has_label(r.sc, "axis.x.label", "A"));
  CHECK_STR(label(r.sc, "axis.x.label", 0), "B");
  CHECK_STR(last_label(r.sc, "axis.y.label"), "200");
  CHECK_STR(label(r.sc, "axis.y.title", 0), "b2");
  run_free(&r);
  /* pivot: Germany's and Norway's 14 golds equal, Canada's 11 lower */
  r = go_file(G("bar_column_pivot"));
  const sc_item *ca = nth(r.sc, "mark.bar", 2), *ge = nth(r.sc, "mark.bar", 1), *no = nth(r.sc, "mark.bar", 0);
  CHECK_STR(label(r.sc, "axis.x.label", 0), "Canada");
  if (ca && ge && no) {
    CHECK_NEAR(ge->h, no->h, 0.01);
    CHECK(ca->h < ge->h);
  }
  run_free(&r);
  /* scale: null: the data's own colour names */
  r = go_file(G("bar_color_disabled_scale"));
  CHECK_STR(label(r.sc, "axis.x.label", 1), "green");
  for (int i = 0; i < 3; i++) {
    const sc_item *b = nth(r.sc, "mark.bar", i);
    static const uint32_t want[] = {0xff0000ffu, 0x008000ffu, 0x0000ffffu}; /* red, green, blue rows */
    CHECK(b && b->style.fill == want[i]);
  }
  /* "green" is wider than its band: turned, never broken mid-word ("gr-een") */
  const sc_item *gl = nth(r.sc, "axis.x.label", 1);
  CHECK(gl && gl->text->nlines == 1 && gl->rotate != 0);
  run_free(&r);
  /* negative values hang below the zero line, drawn black by gridColor's condition */
  r = go_file(G("bar_negative"));
  const sc_item *na = nth(r.sc, "mark.bar", 0), *nb = nth(r.sc, "mark.bar", 1);
  if (REQUIRED(na && nb)) CHECK_NEAR(na->y, nb->y + nb->h, 0.5);
  int black = 0;
  for (int i = 0; i < count(r.sc, "grid"); i++) {
    const sc_item *gi = nth(r.sc, "grid", i);
    if (gi->style.fill == 0x000000ffu) {
      black++;
      if (REQUIRED(na)) CHECK_NEAR(gi->y + gi->h / 2, na->y, 0.6);
    }
  }
  CHECK(black == 1);
  CHECK_STR(label(r.sc, "axis.y.label", 0), "−40");
  CHECK(count(r.sc, "axis.x.tick") == 0 && count(r.sc, "axis.x.domain") == 0);
  run_free(&r);
}

static void test_bar_layouts(void) {
  /* gantt: B starts where A ends, C where B ends */
  run r = go_file(G("bar_gantt"));
  const sc_item *a = nth(r.sc, "mark.bar", 0), *b = nth(r.sc, "mark.bar", 1), *c = nth(r.sc, "mark.bar", 2);
  if (a && b && c) {
    CHECK_NEAR(a->x + a->w, b->x, 0.6);
    CHECK_NEAR(b->x + b->w, c->x, 0.6);
    CHECK(a->y < b->y && b->y < c->y);
  }
  CHECK_STR(last_label(r.sc, "axis.x.label"), "10");
  run_free(&r);
  /* binned data: adjacent bins, ticks every tickStep 2 from 8 to 24; 14-16 (127) tallest */
  r = go_file(G("bar_binned_data"));
  CHECK_STR(label(r.sc, "axis.x.label", 0), "8");
  CHECK_STR(label(r.sc, "axis.x.label", 1), "10");
  CHECK_STR(last_label(r.sc, "axis.x.label"), "24");
  const sc_item *b3 = nth(r.sc, "mark.bar", 3), *b4 = nth(r.sc, "mark.bar", 4);
  if (b3 && b4) {
    CHECK(b4->x - (b3->x + b3->w) < 1.5);
    for (int i = 0; i < 8; i++) CHECK(nth(r.sc, "mark.bar", i)->h <= b3->h);
  }
  run_free(&r);
  /* percent of total: every activity labelled at a 12 px step (smaller type, not thinned) */
  r = go_file(G("bar_percent_of_total"));
  CHECK(count(r.sc, "axis.y.label") == 5);
  CHECK_STR(label(r.sc, "axis.y.label", 1), "Exercise");
  ink_apart(r.sc, "axis.y.label");
  const sc_item *sl = nth(r.sc, "mark.bar", 0), *ea = nth(r.sc, "mark.bar", 1);
  if (REQUIRED(sl && ea)) CHECK_NEAR(sl->w / ea->w, 4, 0.01); /* Sleeping 8 h, Eating 2 h */
  CHECK_STR(label(r.sc, "axis.x.title", 0), "% of total Time");
  run_free(&r);
  /* window rank <= 5: A O C L T, longest first */
  r = go_file(G("window_top_k"));
  CHECK_STR(label(r.sc, "axis.y.label", 0), "A");
  CHECK_STR(label(r.sc, "axis.y.label", 1), "O");
  CHECK_STR(last_label(r.sc, "axis.y.label"), "T");
  for (int i = 0; i < count(r.sc, "mark.bar"); i++) /* sort by score, descending: higher is longer */
    for (int j = 0; j < count(r.sc, "mark.bar"); j++) {
      const sc_item *p = nth(r.sc, "mark.bar", i), *q = nth(r.sc, "mark.bar", j);
      if (p->y < q->y) CHECK(p->w >= q->w - 0.01);
    }
  run_free(&r);
  /* labels beside horizontal bars, right of each bar's end */
  r = go_file(G("layer_bar_labels"));
  for (int i = 0; i < 3; i++) {
    const sc_item *bar = nth(r.sc, "mark.bar", i), *t = nth(r.sc, "mark.text", i);
    if (bar && t) {
      CHECK(t->x >= bar->x + bar->w && t->x < bar->x + bar->w + 6);
      CHECK_NEAR(mid_y(t), mid_y(bar), 1);
    }
  }
  CHECK_STR(label(r.sc, "mark.text", 1), "55");
  run_free(&r);
  /* labels on both sides of zero: align and dx from {expr} per row */
  r = go_file(G("bar_negative_horizontal_label"));
  const sc_item *ba = nth(r.sc, "mark.bar", 0), *ta = nth(r.sc, "mark.text", 0);
  const sc_item *bb = nth(r.sc, "mark.bar", 1), *tb = nth(r.sc, "mark.text", 1);
  if (ba && ta && bb && tb) {
    CHECK_NEAR(ta->x + ta->w, ba->x - 2, 0.6); /* -28: right-aligned, 2 px left of the bar */
    CHECK_NEAR(tb->x, bb->x + bb->w + 2, 0.6); /* 55: left-aligned, 2 px right */
  }
  CHECK_STR(label(r.sc, "mark.text", 0), "−28");
  run_free(&r);
}

static void test_grouped_and_stacked(void) {
  /* xOffset groups: three bars per category inside its band, in x y z order */
  run r = go_file(G("bar_grouped_label"));
  for (int g = 0; g < 3; g++) {
    const sc_item *x = nth(r.sc, "mark.bar", 3 * g), *y = nth(r.sc, "mark.bar", 3 * g + 1),
                  *z = nth(r.sc, "mark.bar", 3 * g + 2);
    if (REQUIRED(x && y && z)) CHECK(x->x < y->x && y->x < z->x && z->x - x->x < 80);
  }
  /* the value on each bar, above it (dy -8) */
  for (int i = 0; i < 9; i++) {
    const sc_item *bar = nth(r.sc, "mark.bar", i), *t = nth(r.sc, "mark.text", i);
    if (bar && t) {
      CHECK_NEAR(mid_x(t), mid_x(bar), 0.6);
      CHECK(t->y + t->h <= bar->y + 2);
    }
  }
  CHECK_STR(label(r.sc, "mark.text", 5), "1.1");
  CHECK(has_label(r.sc, "legend.label", "z"));
  run_free(&r);
  /* width {step: 24, for: offset}: each group's bar band is 24 px */
  r = go_file(G("bar_grouped_step_for_offset"));
  const sc_item *x0 = nth(r.sc, "mark.bar", 0), *y0 = nth(r.sc, "mark.bar", 1);
  if (REQUIRED(x0 && y0)) CHECK_NEAR(y0->x - x0->x, 24, 0.6);
  CHECK_STR(label(r.sc, "axis.y.title", 0), "population");
  run_free(&r);
  /* scale padding 0.4: a group fills 60% of its step, against about 90% by default */
  r = go_file(G("bar_grouped_custom_padding"));
  run r2 = go_file(G("layer_bar_grouped_line_ungrouped"));
  for (int k = 0; k < 2; k++) {
    const scene *s = k ? r2.sc : r.sc;
    const sc_item *ax = nth(s, "mark.bar", 0), *az = nth(s, "mark.bar", 2), *bx = nth(s, "mark.bar", 3);
    if (!ax || !az || !bx) continue;
    double fill = (az->x + az->w - ax->x) / (bx->x - ax->x);
    CHECK(k ? fill > 0.75 : fill < 0.65);
  }
  /* the ungrouped mean line passes over each category's centre */
  const sc_item *ln = nth(r2.sc, "mark.line", 0), *xa = nth(r2.sc, "axis.x.label", 0),
                *xc = nth(r2.sc, "axis.x.label", 2);
  if (ln && xa && xc) {
    CHECK_NEAR(ln->x, mid_x(xa), 1);
    CHECK_NEAR(ln->x + ln->w, mid_x(xc), 1);
  }
  run_free(&r2);
  run_free(&r);
  /* stack transform: each question's segments touch end to end; neutral straddles 0 */
  r = go_file(G("bar_diverging_stack_transform"));
  for (int q2 = 0; q2 < 8; q2++)
    for (int k = 1; k < 5; k++) {
      const sc_item *s0 = nth(r.sc, "mark.bar", 5 * q2 + k - 1), *s1 = nth(r.sc, "mark.bar", 5 * q2 + k);
      if (s0 && s1) {
        CHECK_NEAR(s0->x + s0->w, s1->x, 0.6);
        CHECK_NEAR(s0->y, s1->y, 0.01);
      }
    }
  const sc_item *q1n = nth(r.sc, "mark.bar", 2); /* Question 1, Neither: 18.5%, centred on zero */
  const sc_item *zero = NULL;
  for (int i = 0; i < count(r.sc, "axis.x.label"); i++)
    if (!strcmp(label(r.sc, "axis.x.label", i), "0")) zero = nth(r.sc, "axis.x.label", i);
  if (REQUIRED(q1n && zero)) CHECK_NEAR(mid_x(q1n), mid_x(zero), 1);
  CHECK_STR(label(r.sc, "legend.label", 0), "Strongly disagree");
  CHECK_STR(label(r.sc, "legend.title", 0), "Response");
  const sc_item *sd = nth(r.sc, "mark.bar", 0);
  CHECK(sd && sd->style.fill == 0xc30d24ffu);
  run_free(&r);
  /* fold: gold and silver columns; Canada's 26 silver the tallest */
  r = go_file(G("bar_column_fold"));
  CHECK_STR(label(r.sc, "facet.header", 0), "gold");
  CHECK_STR(label(r.sc, "facet.header", 1), "silver");
  CHECK_STR(label(r.sc, "facet.title", 0), "key");
  const sc_item *title = nth(r.sc, "facet.title", 0), *h0 = nth(r.sc, "facet.header", 0);
  if (REQUIRED(title && h0)) CHECK(title->y + title->h <= h0->y + 0.5);
  double lo = 1e9, hi = 0; /* Canada's 7 gold .. Canada's 26 silver */
  for (int i = 0; i < 4; i++) lo = fmin(lo, nth(r.sc, "mark.bar", i)->h), hi = fmax(hi, nth(r.sc, "mark.bar", i)->h);
  CHECK_NEAR(hi / lo, 26.0 / 7, 0.02);
  run_free(&r);
}

static void test_lines(void) {
  /* strokeDash by a field: a solid and a dashed part, meeting at E */
  run r = go_file(G("line_dashed_part"));
  const sc_item *a = nth(r.sc, "mark.line", 0), *b = nth(r.sc, "mark.line", 1);
  if (a && b) {
    CHECK((a->style.ndash == 0) != (b->style.ndash == 0));
    CHECK_NEAR(a->x + a->w, b->x, 0.6);
  }
  CHECK_STR(label(r.sc, "legend.label", 1), "true");
  run_free(&r);
  /* null breaks the line: 1-2 and 4-7 */
  r = go_file(G("line_skip_invalid"));
  a = nth(r.sc, "mark.line", 0), b = nth(r.sc, "mark.line", 1);
  if (REQUIRED(a && b)) CHECK(b->x - (a->x + a->w) > 50);
  run_free(&r);
  /* a lone point between two nulls draws nothing, without point markers */
  r = go_file(G("line_skip_invalid_mid"));
  CHECK(count(r.sc, "mark.point") == 0);
  a = nth(r.sc, "mark.line", 0), b = nth(r.sc, "mark.line", 1);
  if (REQUIRED(a && b)) CHECK(b->x - (a->x + a->w) > 150);
  run_free(&r);
  /* point: true shows it (x = 4) and the other four */
  r = go_file(G("line_skip_invalid_mid_overlay"));
  const sc_item *p2 = nth(r.sc, "mark.point", 2), *l0 = nth(r.sc, "mark.line", 0), *l1 = nth(r.sc, "mark.line", 1);
  if (REQUIRED(p2 && l0 && l1)) CHECK(mid_x(p2) > l0->x + l0->w + 20 && mid_x(p2) < l1->x - 20);
  run_free(&r);
  /* rank lines: 4 teams, a legend in the spec's colours */
  r = go_file(G("window_rank"));
  CHECK_STR(label(r.sc, "chart.title", 0), "World Cup 2018: Group F Rankings");
  CHECK_STR(label(r.sc, "legend.label", 2), "South Korea");
  CHECK_STR(label(r.sc, "axis.y.label", 0), "1");
  CHECK_STR(last_label(r.sc, "axis.y.label"), "4");
  const sc_item *ger = nth(r.sc, "mark.line", 0);
  CHECK(ger && ger->style.stroke == 0x000000ffu);
  run_free(&r);
  /* sequence + fold: sin and cos over 0..12.6 */
  r = go_file(G("sequence_line_fold"));
  CHECK_STR(label(r.sc, "axis.y.label", 0), "−1.0");
  CHECK_STR(last_label(r.sc, "axis.y.label"), "1.0");
  CHECK_STR(label(r.sc, "legend.label", 0), "cos(x)");
  CHECK(count(r.sc, "legend.title") == 0); /* title: null */
  run_free(&r);
  /* datasets by name, log y, the legend below the plot */
  r = go_file(G("layer_line_window"));
  CHECK_STR(label(r.sc, "legend.label", 0), "Falcon");
  CHECK_STR(label(r.sc, "axis.y.title", 0), "Frames Per Second (fps)");
  const sc_item *lg = nth(r.sc, "legend.label", 0), *xt = nth(r.sc, "axis.x.title", 0);
  if (REQUIRED(lg && xt)) CHECK(lg->y > xt->y);
  CHECK(count(r.sc, "grid") == 0); /* grid: false on both axes */
  run_free(&r);
  /* "Sun, 01 Jan 2012 23:00:00" parses; utcyearmonthdatehoursminutes, in
   * that time unit's format as Vega-Lite labels it (issue 15) */
  r = go_file(G("time_output_utc_timeunit"));
  /* every 2 hours, as Vega-Lite's; of the hourly ticks 23:00 .. 03:00 the
   * ones through midnight keep their labels */
  CHECK_STR(label(r.sc, "axis.x.label", 0), "Jan 02, 2012 00:00");
  CHECK_STR(last_label(r.sc, "axis.x.label"), "Jan 02, 2012 02:00");
  run_free(&r);
  r = go_file(G("time_parse_local"));
  CHECK_STR(label(r.sc, "axis.y.label", 0), "22:48");
  CHECK_STR(label(r.sc, "axis.y.label", 1), "23:00");
  run_free(&r);
}

static void test_areas_and_layers(void) {
  /* horizon: two clipped layers over a 50 px plot, x from 1 (zero: false) */
  run r = go_file(G("area_horizon"));
  CHECK_STR(last_label(r.sc, "axis.y.label"), "40"); /* 0..50 in 50 px: d3's 0 20 40, as Vega-Lite */
  CHECK_STR(last_label(r.sc, "axis.x.label"), "20");
  const sc_item *a0 = nth(r.sc, "mark.area", 0), *a1 = nth(r.sc, "mark.area", 1);
  if (a0 && a1) {
    CHECK(a0->h > 51); /* values above 50 reach past the plot ... */
    CHECK(a0->style.opacity > a1->style.opacity); /* 0.6 over 0.3 */
  }
  const sc_item *clip = nth(r.sc, "clip", 0); /* ... which clip: true cuts at the 50 px plot */
  CHECK(count(r.sc, "clip") == 4 && clip && fabs(clip->h - 50) < 0.01);
  run_free(&r);
  /* threshold annotation: the red part sits on the 300 rule; the axis takes the text layer's title */
  r = go_file(G("layer_bar_annotations"));
  CHECK_STR(label(r.sc, "axis.y.title", 0), "PM2.5 Value");
  const sc_item *red = nth(r.sc, "mark.bar", 15), *rule = nth(r.sc, "mark.rule", 0), *day9 = nth(r.sc, "mark.bar", 8);
  if (red && rule && day9) {
    CHECK(red->style.fill == 0xe45755ffu);
    CHECK_NEAR(red->y + red->h, rule->y, 0.6);
    CHECK_NEAR(red->y, day9->y, 0.6);
  }
  CHECK_STR(label(r.sc, "mark.text", 0), "hazardous");
  run_free(&r);
  /* rects behind the line; the line layer's x axis is drawn although the rect layer hides its own */
  r = go_file(G("layer_falkensee"));
  CHECK(count(r.sc, "axis.x.label") > 3);
  CHECK_STR(label(r.sc, "legend.label", 0), "GDR (East Germany)");
  const sc_item *nazi = nth(r.sc, "mark.rect", 0), *gdr = nth(r.sc, "mark.rect", 1);
  if (REQUIRED(nazi && gdr)) CHECK(nazi->x + nazi->w < gdr->x && gdr->w > 2 * nazi->w);
  run_free(&r);
  /* waterfall: each bar starts where the previous ended; Begin and End in the light colour */
  r = go_file(G("waterfall_chart"));
  for (int i = 1; i < 13; i++) {
    const sc_item *p = nth(r.sc, "mark.bar", i - 1), *q = nth(r.sc, "mark.bar", i);
    int touch = fabs(p->y - q->y) < 0.6 || fabs(p->y - (q->y + q->h)) < 0.6 || fabs(p->y + p->h - q->y) < 0.6 ||
                fabs(p->y + p->h - (q->y + q->h)) < 0.6;
    CHECK(touch);
  }
  const sc_item *beg = nth(r.sc, "mark.bar", 0), *feb = nth(r.sc, "mark.bar", 2), *end = nth(r.sc, "mark.bar", 13);
  CHECK(beg && beg->style.fill == 0xf7e0b6ffu && end && end->style.fill == 0xf7e0b6ffu);
  CHECK(feb && feb->style.fill == 0xf78a64ffu);
  CHECK(beg && fabs(beg->w - 45) < 0.6);
  /* running sums are whole: 3252 (Mar), not 3252.0000000000005 */
  CHECK(has_label(r.sc, "mark.text", "3252"));
  CHECK(has_label(r.sc, "mark.text", "+1707") && has_label(r.sc, "mark.text", "7375"));
  /* rules reach across to the next bar (xOffset -22.5, x2Offset 22.5) */
  const sc_item *rj = nth(r.sc, "mark.rule", 1), *bj = nth(r.sc, "mark.bar", 1), *bf = nth(r.sc, "mark.bar", 2);
  if (rj && bj && bf) {
    CHECK_NEAR(rj->x, bj->x, 1);
    CHECK_NEAR(rj->x + rj->w, bf->x + bf->w, 1);
  }
  check_no_overlap(r.sc, "mark.text", __func__);
  run_free(&r);
  /* flatten: alpha's [1, 2] x [A, B], beta's [3, 4, 5] x [C, D, null]; null sorts first */
  r = go_file(G("circle_flatten"));
  CHECK_STR(label(r.sc, "axis.y.label", 0), "null");
  CHECK_STR(label(r.sc, "axis.y.label", 1), "A");
  CHECK_STR(last_label(r.sc, "axis.y.label"), "D");
  const sc_item *c0 = nth(r.sc, "mark.circle", 0), *c3 = nth(r.sc, "mark.circle", 3); /* A at 1, D at 4 */
  if (REQUIRED(c0 && c3)) CHECK(c3->x > c0->x && c3->y > c0->y);
  run_free(&r);
  /* Wilkinson dots: ten 1s stacked up, two 3s */
  r = go_file(G("circle_wilkinson_dotplot"));
  const sc_item *d0 = nth(r.sc, "mark.circle", 0), *d9 = nth(r.sc, "mark.circle", 9);
  if (d0 && d9) {
    CHECK_NEAR(d0->x, d9->x, 0.01);
    CHECK(fabs(d9->y - d0->y) > 50);
  }
  CHECK(count(r.sc, "axis.y.label") == 0); /* axis: null */
  run_free(&r);
}

static void test_arcs(void) {
  /* pie: 6 slices from 12 o'clock clockwise, category 1 first (4 of 38) */
  run r = go_file(G("arc_pie"));
  const sc_item *s0 = nth(r.sc, "mark.arc", 0), *s2 = nth(r.sc, "mark.arc", 2);
  if (s0 && s2) {
    CHECK(s0->x >= 160 && s0->y < 30); /* to the right of the top */
    CHECK(s2->w * s2->h > s0->w * s0->h);
  }
  CHECK_STR(label(r.sc, "legend.title", 0), "category");
  CHECK_STR(last_label(r.sc, "legend.label"), "6");
  run_free(&r);
  /* donut: the same slices with a hole */
  r = go_file(G("arc_donut"));
  run r2 = go_file(G("arc_pie_normalize_tooltip"));
  const sc_item *d0 = nth(r.sc, "mark.arc", 0), *n0 = nth(r2.sc, "mark.arc", 0);
  if (REQUIRED(d0 && n0)) CHECK_NEAR(d0->w, n0->w, 1); /* stack normalize: the same pie */
  run_free(&r2);
  run_free(&r);
  /* labels outside the slices, in each slice's colour */
  r = go_file(G("layer_arc_label"));
  for (int i = 0; i < 6; i++) {
    const sc_item *a = nth(r.sc, "mark.arc", i), *t = nth(r.sc, "mark.text", i);
    if (REQUIRED(a && t)) CHECK(t->text->runs && a->style.fill);
  }
  CHECK_STR(label(r.sc, "mark.text", 2), "c");
  CHECK(count(r.sc, "legend.label") == 0);
  run_free(&r);
  /* radial (rows 12, 23, 47, 6, 52, 19): 52 spans the widest angle at the largest radius, 6 the least */
  r = go_file(G("arc_radial"));
  const sc_item *a52 = nth(r.sc, "mark.arc", 4), *a6 = nth(r.sc, "mark.arc", 3), *a12 = nth(r.sc, "mark.arc", 0);
  if (a52 && a6 && a12) {
    CHECK(a52->w * a52->h > 10 * a12->w * a12->h);
    CHECK(a12->w * a12->h > a6->w * a6->h);
  }
  /* the labels sit just outside each arc (radiusOffset 10): 6's near the centre, 52's far out */
  const sc_item *t6 = nth(r.sc, "mark.text", 3), *t52 = nth(r.sc, "mark.text", 4);
  CHECK_STR(label(r.sc, "mark.text", 4), "52");
  if (REQUIRED(t6 && t52 && a52)) CHECK(fabs(mid_x(t52) - mid_x(a6)) + fabs(mid_y(t52) - mid_y(a6)) > 60);
  run_free(&r);
  /* ordinal theta: 8 equal sectors, radius by strength */
  r = go_file(G("arc_ordinal_theta"));
  const sc_item *n1 = nth(r.sc, "mark.arc", 0), *n8 = nth(r.sc, "mark.arc", 7);
  if (REQUIRED(n1 && n8)) CHECK(n8->w * n8->h > 4 * n1->w * n1->h);
  CHECK_STR(label(r.sc, "legend.label", 0), "1N");
  run_free(&r);
  /* pyramid: theta range from 3π/4; the shady and sunny slices below the centre */
  r = go_file(G("arc_pie_pyramid"));
  const sc_item *sky = nth(r.sc, "mark.arc", 0), *shady = nth(r.sc, "mark.arc", 1), *sunny = nth(r.sc, "mark.arc", 2);
  if (shady && sunny && sky) {
    CHECK(shady->y > sky->y + 40 && sunny->y > sky->y + 40);
    CHECK(shady->x > sunny->x);
    CHECK(shady->style.fill == 0x674028ffu);
  }
  CHECK(count(r.sc, "legend.title") == 0);
  CHECK_STR(label(r.sc, "legend.label", 0), "Sky");
  run_free(&r);
}

static void test_composition(void) {
  /* bullet: five rows, the bars layered widest first, a tick each */
  run r = go_file(G("facet_bullet"));
  CHECK_STR(label(r.sc, "facet.header", 0), "New Customers");
  CHECK_STR(last_label(r.sc, "facet.header"), "Satisfaction");
  CHECK(count(r.sc, "facet.title") == 0); /* header title "" */
  const sc_item *r0 = nth(r.sc, "mark.bar", 0), *m0 = nth(r.sc, "mark.bar", 3);
  if (REQUIRED(r0 && m0)) CHECK(m0->h < r0->h && m0->w < r0->w);
  const sc_item *h0 = nth(r.sc, "facet.header", 0), *h1 = nth(r.sc, "facet.header", 1);
  if (REQUIRED(h0 && h1)) CHECK(h1->y - h0->y < 100); /* no y: a row one step tall */
  const sc_item *tk = nth(r.sc, "mark.tick", 0);
  CHECK(tk && tk->style.fill == 0x000000ffu);
  run_free(&r);
  /* trellis of bars: Factor A / Factor B titles, a bottom legend, % axis */
  r = go_file(G("facet_grid_bar"));
  CHECK(has_label(r.sc, "facet.title", "Factor A") && has_label(r.sc, "facet.title", "Factor B"));
  CHECK(has_label(r.sc, "facet.header", "a3") && has_label(r.sc, "facet.header", "b3"));
  CHECK_STR(label(r.sc, "axis.x.label", 0), "0%");
  CHECK_STR(label(r.sc, "axis.x.label", 1), "100%");
  const sc_item *lt = nth(r.sc, "legend.title", 0), *xl = nth(r.sc, "axis.x.label", 0);
  if (REQUIRED(lt && xl)) CHECK(lt->y > xl->y);
  const sc_item *fa = NULL;
  for (int i = 0; i < count(r.sc, "facet.title"); i++)
    if (!strcmp(label(r.sc, "facet.title", i), "Factor A")) fa = nth(r.sc, "facet.title", i);
  CHECK(fa && fa->rotate == -90);
  run_free(&r);
  /* three concatenated charts, each with one legend for its colour and
   * size (one field, one domain: merged, as Vega-Lite's), its entries the
   * size's classes: 4 for the quantize, the 5 of the quantile's range in the
   * colour legend's format "d" */
  r = go_file(G("concat_bar_scales_discretize"));
  CHECK(has_label(r.sc, "legend.title", "Quantize") && has_label(r.sc, "legend.title", "Threshold"));
  CHECK(count(r.sc, "legend.title") == 3);
  CHECK(count(r.sc, "legend.label") == 4 + 5 + 3);
  CHECK(has_label(r.sc, "legend.label", "< 37") && has_label(r.sc, "legend.label", "52 – 55"));
  CHECK(has_label(r.sc, "legend.label", "< 30"));
  const sc_item *qz = nth(r.sc, "mark.circle", 3), *qt = nth(r.sc, "mark.circle", 12);
  if (REQUIRED(qz && qt)) CHECK(qt->x > qz->x + 100); /* the quantile chart right of the quantize one */
  const sc_item *p19 = nth(r.sc, "mark.circle", 6), *p91 = nth(r.sc, "mark.circle", 3);
  if (REQUIRED(p19 && p91)) CHECK(p91->w > p19->w);
  run_free(&r);
  /* vconcat of layers: merged encodings (x {field} under a parent {type, scale, axis}),
   * stroked white circles, arrows by shape condition, a horizontal rule each */
  r = go_file(G("concat_layer_voyager_result"));
  CHECK_STR(label(r.sc, "chart.title", 0), "Mean of Subject Ratings (95% CIs)");
  CHECK_STR(label(r.sc, "axis.x.label", 0), "−3");
  CHECK_STR(last_label(r.sc, "axis.x.label"), "3");
  const sc_item *white = nth(r.sc, "mark.circle", 2);
  CHECK(white && white->style.fill == 0xffffffffu && white->style.stroke == 0x000000ffu);
  const sc_item *arrow = nth(r.sc, "mark.rule", 4);
  if (REQUIRED(arrow)) CHECK(arrow->h < 1 && arrow->w > 100);
  const sc_item *tri = nth(r.sc, "mark.point", 0);
  CHECK(tri && tri->kind == SC_PATH && tri->style.fill == 0x000000ffu);
  int dark = 0;
  for (int i = 0; i < count(r.sc, "grid"); i++) dark += nth(r.sc, "grid", i)->style.stroke == 0x666666ffu;
  CHECK(dark == 1); /* gridColor's condition: the zero line */
  CHECK(has_label(r.sc, "mark.text", "Polestar\nMore Valuable"));
  run_free(&r);
}

/* Errors the new features report, exactly and located. */
static void test_errors(void) {
  run r = go("t.vl.json", "{\"data\": {\"name\": \"nope\"}, \"datasets\": {\"rows\": [{\"a\": 1}]},\n"
                          "\"mark\": \"point\", \"encoding\": {\"x\": {\"field\": \"a\", \"type\": \"quantitative\"}}}\n");
  CHECK_STR(r.first_error, "t.vl.json:1:19: error: no data set 'nope' in 'datasets'");
  run_free(&r);
  r = go("t.vl.json", "{\"data\": {\"values\": [{\"a\": 1}]}, \"mark\": {\"type\": \"text\", \"dx\": {\"expr\": \"datum.\"}},\n"
                      "\"encoding\": {\"text\": {\"field\": \"a\"}}}\n");
  CHECK(r.sc == NULL && strstr(r.first_error, "t.vl.json:1:74: error: invalid expression") == r.first_error);
  run_free(&r);
  r = go("t.vl.json", "{\"data\": {\"values\": [{\"a\": 1}]}, \"mark\": \"bar\", \"encoding\": {\"y\": {\"field\": \"a\", \"type\": \"quantitative\",\n"
                      "\"axis\": {\"gridColor\": {\"value\": \"red\"}}}}}\n");
  CHECK_STR(r.first_error, "t.vl.json:2:23: error: a conditional colour needs 'condition' ({test, value}) and 'value'");
  run_free(&r);
  r = go("t.vl.json", "{\"data\": {\"values\": [{\"a\": 1}]}, \"mark\": \"bar\", \"encoding\": {\"y\": {\"field\": \"a\", \"type\": \"quantitative\",\n"
                      "\"axis\": {\"tickStep\": 0}}}}\n");
  CHECK_STR(r.first_error, "t.vl.json:2:22: error: 'tickStep' must be positive");
  run_free(&r);
  r = go("t.vl.json", "{\"data\": {\"values\": [{\"a\": [1, 2]}]}, \"transform\": [{\"flatten\": [\"a\"], \"as\": [\"x\", \"y\"]}],\n"
                      "\"mark\": \"point\", \"encoding\": {\"x\": {\"field\": \"x\", \"type\": \"quantitative\"}}}\n");
  CHECK_STR(r.first_error, "t.vl.json:1:78: error: 'as' must be a list of 1 names, one per flattened field");
  run_free(&r);
  r = go("t.vl.json", "{\"data\": {\"values\": [{\"a\": 1, \"g\": 1}]},\n"
                      "\"transform\": [{\"stack\": \"a\", \"groupby\": [\"g\"], \"offset\": \"up\"}],\n"
                      "\"mark\": \"point\", \"encoding\": {\"x\": {\"field\": \"a\", \"type\": \"quantitative\"}}}\n");
  CHECK_STR(r.first_error, "t.vl.json:2:58: error: 'offset' must be zero, center or normalize, found the string 'up'");
  run_free(&r);
  /* a list too long to read as columns: a warning, the chart still drawn */
  char big[1024] = "{\"data\": {\"values\": [{\"a\": 1, \"l\": [0";
  for (int i = 1; i < 70; i++) snprintf(big + strlen(big), sizeof big - strlen(big), ",%d", i);
  strcat(big, "]}]}, \"mark\": \"point\", \"encoding\": {\"x\": {\"field\": \"a\", \"type\": \"quantitative\"}}}\n");
  r = go("t.vl.json", big);
  CHECK(r.sc != NULL && r.d.n == 1);
  if (r.d.n == 1) {
    char w[512];
    diag_format(&r.d.items[0], w, sizeof w);
    CHECK_STR(w, "t.vl.json:1:36: warning: nested values past 64 per row or 3 levels are not read as fields (a[0], "
                 "a.b) or by flatten");
  }
  run_free(&r);
}

int main(void) {
  scene_test_begin();
  test_counts();
  test_bars();
  test_bar_layouts();
  test_grouped_and_stacked();
  test_lines();
  test_areas_and_layers();
  test_arcs();
  test_composition();
  test_errors();
  text_engine_free(TE);
  return testing_done("test_vl_gallery");
}
