/* Guides: axes, legends, facet headers and titles.  A channel's own guide
 * and config's theme-wide one (config.axis*, config.legend, config.title)
 * are read by the same function against their own key tables, so a
 * property means the same in either place.  The *_defaults/_init functions
 * leave properties unset (-1, NAN, NO_COLOR), so the layout can tell what
 * a spec sets from what it must choose itself. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "chart/vl_spec_internal.h"

/* ---- axis ---- */

void vls_axis_defaults(vl_axis_spec *a) {
  memset(a, 0, sizeof *a);
  a->label_angle = a->label_limit = a->label_font_size = a->title_font_size = a->tick_size = a->label_padding = NAN;
  a->tick_count = -1;
  a->grid = a->domain = a->ticks = a->labels = a->orient = -1;
  a->ngrid_dash = -1;
  a->title_padding = a->offset = a->min_extent = a->max_extent = a->tick_min_step = a->label_separation = NAN;
  a->domain_width = a->grid_width = a->tick_width = a->title_angle = a->title_limit = NAN;
  a->label_opacity = a->title_opacity = a->grid_opacity = a->domain_opacity = a->tick_opacity = NAN;
  a->label_weight = a->title_weight = a->label_overlap = a->title_anchor = -1;
}

/* A list of up to 4 dash lengths ([] = solid). */
static void get_dash(chart *c, const spec_node *v, double *dash, int *n, diag_list *d) {
  if (v->kind != SPEC_SEQ) {
    diag_spec_error(d, L(c, v), "a dash must be a list of lengths like [4, 2], found %s", spec_describe(c->a, v));
    return;
  }
  *n = 0;
  for (int j = 0; j < v->n && j < 4; j++)
    if (vls_get_num(c, v->items[j], &dash[*n], d) == 0) (*n)++;
}

/* A guide colour: a colour, or {condition: {test, value} | [...], value}
 * whose tests read the guide's datum (datum.value, datum.label). */
static void get_cond_color(chart *c, const spec_node *v, uint32_t *out, int *ncond, const char ***tests,
                           uint32_t **colors, diag_list *d) {
  if (v->kind != SPEC_MAP) {
    vls_get_color(c, v, out, d);
    return;
  }
  vl_check_keys(c, v, NULL, &vl_cond_color_table, d);
  const spec_node *cond = spec_map_get(v, "condition"), *val = spec_map_get(v, "value");
  if (val) vls_get_color(c, val, out, d);
  if (!cond) {
    diag_spec_error(d, L(c, v), "a conditional colour needs 'condition' ({test, value}) and 'value'");
    return;
  }
  int cnt = cond->kind == SPEC_SEQ ? cond->n : 1;
  *tests = arena_alloc_array(c->a, (size_t)cnt + 1, sizeof **tests);
  *colors = arena_alloc_array(c->a, (size_t)cnt + 1, sizeof **colors);
  for (int i = 0; i < cnt; i++) {
    const spec_node *e = cond->kind == SPEC_SEQ ? cond->items[i] : cond;
    if (e->kind != SPEC_MAP) {
      diag_spec_error(d, L(c, e), "a condition must be a mapping {test, value}, found %s", spec_describe(c->a, e));
      continue;
    }
    vl_check_keys(c, e, NULL, &vl_condition_table, d);
    const spec_node *t = spec_map_get(e, "test"), *cv = spec_map_get(e, "value");
    if (!t || !cv) {
      diag_spec_error(d, L(c, e), "a condition needs 'test' (an expression) and 'value'");
      continue;
    }
    if (vls_check_test(c, t, "test", d) || vls_get_color(c, cv, &(*colors)[*ncond], d)) continue;
    (*tests)[(*ncond)++] = t->str;
  }
}

void vls_parse_axis(chart *c, const spec_node *n, vl_axis_spec *a, const vl_table *t, const char *what,
                       diag_list *d) {
  if (spec_is_null(n)) {
    a->hidden = 1;
    return;
  }
  if (n->kind != SPEC_MAP) {
    diag_spec_error(d, L(c, n), "'axis' must be a mapping or null, found %s", spec_describe(c->a, n));
    return;
  }
  vl_check_keys(c, n, what, t, d);
  for (int i = 0; i < n->n; i++) {
    const char *k = n->keys[i]->str;
    const spec_node *v = n->items[i];
    if (!strcmp(k, "title")) vls_get_text(c, v, &a->title, &a->title_null, d);
    else if (!strcmp(k, "format")) vls_check_format(c, v, &a->format, 0, d);
    else if (!strcmp(k, "formatType")) a->format_time = vls_enum_index(c, v, E(&vl_axis_table, "formatType"), "formatType", d) > 0;
    else if (!strcmp(k, "labelAngle")) vls_get_num(c, v, &a->label_angle, d);
    else if (!strcmp(k, "labelLimit")) vls_get_num(c, v, &a->label_limit, d);
    else if (!strcmp(k, "labelFontSize")) vls_get_num(c, v, &a->label_font_size, d);
    else if (!strcmp(k, "titleFontSize")) vls_get_num(c, v, &a->title_font_size, d);
    else if (!strcmp(k, "tickSize")) vls_get_num(c, v, &a->tick_size, d);
    else if (!strcmp(k, "labelPadding")) vls_get_num(c, v, &a->label_padding, d);
    else if (!strcmp(k, "tickCount")) {
      double tc;
      if (vls_get_num(c, v, &tc, d) == 0) a->tick_count = tc < 1 ? 1 : tc > 1000 ? 1000 : (int)tc;
    } else if (!strcmp(k, "values")) {
      if (v->kind != SPEC_SEQ) diag_spec_error(d, L(c, v), "axis 'values' must be a list, found %s", spec_describe(c->a, v));
      else a->values = v;
    } else if (!strcmp(k, "grid")) vls_get_bool(c, v, &a->grid, d);
    else if (!strcmp(k, "domain")) vls_get_bool(c, v, &a->domain, d);
    else if (!strcmp(k, "ticks")) vls_get_bool(c, v, &a->ticks, d);
    else if (!strcmp(k, "labels")) vls_get_bool(c, v, &a->labels, d);
    else if (!strcmp(k, "orient")) {
      a->orient = vls_enum_index(c, v, E(&vl_axis_table, "orient"), "axis orient", d);
    } else if (!strcmp(k, "labelColor")) vls_get_color(c, v, &a->label_color, d);
    else if (!strcmp(k, "titleColor")) vls_get_color(c, v, &a->title_color, d);
    else if (!strcmp(k, "gridColor")) get_cond_color(c, v, &a->grid_color, &a->ngrid_cond, &a->grid_cond_test,
                                                     &a->grid_cond_color, d);
    else if (!strcmp(k, "tickStep")) {
      if (vls_get_num(c, v, &a->tick_step, d) == 0 && !(a->tick_step > 0)) {
        diag_spec_error(d, L(c, v), "'tickStep' must be positive");
        a->tick_step = 0;
      }
    } else if (!strcmp(k, "domainColor")) vls_get_color(c, v, &a->domain_color, d);
    else if (!strcmp(k, "tickColor")) vls_get_color(c, v, &a->tick_color, d);
    else if (!strcmp(k, "gridDash")) get_dash(c, v, a->grid_dash, &a->ngrid_dash, d);
    else if (!strcmp(k, "titlePadding")) vls_get_num(c, v, &a->title_padding, d);
    else if (!strcmp(k, "offset")) vls_get_num(c, v, &a->offset, d);
    else if (!strcmp(k, "minExtent")) vls_get_num(c, v, &a->min_extent, d);
    else if (!strcmp(k, "maxExtent")) vls_get_num(c, v, &a->max_extent, d);
    else if (!strcmp(k, "tickMinStep")) vls_get_num(c, v, &a->tick_min_step, d);
    else if (!strcmp(k, "labelSeparation")) vls_get_num(c, v, &a->label_separation, d);
    else if (!strcmp(k, "domainWidth")) vls_get_num(c, v, &a->domain_width, d);
    else if (!strcmp(k, "gridWidth")) vls_get_num(c, v, &a->grid_width, d);
    else if (!strcmp(k, "tickWidth")) vls_get_num(c, v, &a->tick_width, d);
    else if (!strcmp(k, "titleLimit")) vls_get_num(c, v, &a->title_limit, d);
    else if (!strcmp(k, "labelOpacity")) vls_get_unit(c, v, &a->label_opacity, k, d);
    else if (!strcmp(k, "titleOpacity")) vls_get_unit(c, v, &a->title_opacity, k, d);
    else if (!strcmp(k, "gridOpacity")) vls_get_unit(c, v, &a->grid_opacity, k, d);
    else if (!strcmp(k, "domainOpacity")) vls_get_unit(c, v, &a->domain_opacity, k, d);
    else if (!strcmp(k, "tickOpacity")) vls_get_unit(c, v, &a->tick_opacity, k, d);
    else if (!strcmp(k, "labelFontWeight")) vls_get_weight(c, v, &a->label_weight, k, d);
    else if (!strcmp(k, "titleFontWeight")) vls_get_weight(c, v, &a->title_weight, k, d);
    else if (!strcmp(k, "labelFont")) vls_get_font(c, v, &a->label_font, d);
    else if (!strcmp(k, "titleFont")) vls_get_font(c, v, &a->title_font, d);
    else if (!strcmp(k, "titleAnchor")) {
      int an = vls_enum_index(c, v, E(&vl_axis_table, "titleAnchor"), "title anchor", d);
      if (an >= 0) a->title_anchor = an;
    } else if (!strcmp(k, "labelOverlap")) { /* true, "parity", "greedy": thinned (huitu's way); false: all drawn */
      if (v->kind == SPEC_SCALAR && (!strcmp(v->str, "parity") || !strcmp(v->str, "greedy"))) a->label_overlap = 1;
      else vls_get_bool(c, v, &a->label_overlap, d);
    } else if (!strcmp(k, "titleAngle")) {
      double ang;
      if (vls_get_num(c, v, &ang, d)) continue;
      double m = fmod(fmod(ang, 360) + 360, 360);
      if (m != 0 && m != 90 && m != 270)
        diag_spec_error(d, L(c, v), "'titleAngle' %s is not supported: huitu sets axis titles level (0) or turned "
                                    "(90, 270)", v->str);
      else
        a->title_angle = m;
    }
  }
}

/* ---- legend ---- */

void vls_legend_defaults(vl_legend_spec *l) {
  memset(l, 0, sizeof *l);
  l->orient = OR_AUTO;
  l->direction = -1;
  l->label_font_size = l->title_font_size = NAN;
  l->symbol_size = l->label_limit = l->symbol_stroke_width = l->gradient_length = l->offset = NAN;
  l->label_opacity = l->title_opacity = NAN;
  l->symbol_type = l->type = l->title_orient = l->label_weight = l->title_weight = -1;
}

void vls_parse_legend(chart *c, const spec_node *n, vl_legend_spec *l, const vl_table *t, diag_list *d) {
  if (spec_is_null(n)) {
    l->hidden = 1;
    return;
  }
  if (n->kind != SPEC_MAP) {
    diag_spec_error(d, L(c, n), "'legend' must be a mapping or null, found %s", spec_describe(c->a, n));
    return;
  }
  vl_check_keys(c, n, NULL, t, d);
  for (int i = 0; i < n->n; i++) {
    const char *k = n->keys[i]->str;
    const spec_node *v = n->items[i];
    if (!strcmp(k, "title")) vls_get_text(c, v, &l->title, &l->title_null, d);
    else if (!strcmp(k, "format")) {
      const spec_node *ft = spec_map_get(n, "formatType");
      l->format_time = ft && ft->kind == SPEC_SCALAR && strcmp(ft->str, "number") != 0;
      vls_check_format(c, v, &l->format, l->format_time, d);
    } else if (!strcmp(k, "formatType")) {
      vls_enum_index(c, v, E(&vl_legend_table, "formatType"), "formatType", d);
    } else if (!strcmp(k, "labelFontSize")) vls_get_num(c, v, &l->label_font_size, d);
    else if (!strcmp(k, "titleFontSize")) vls_get_num(c, v, &l->title_font_size, d);
    else if (!strcmp(k, "labelColor")) vls_get_color(c, v, &l->label_color, d);
    else if (!strcmp(k, "titleColor")) vls_get_color(c, v, &l->title_color, d);
    else if (!strcmp(k, "orient")) {
      int o2 = vls_enum_index(c, v, E(&vl_legend_table, "orient"), "legend orient", d);
      if (o2 >= 0) l->orient = o2 > 4 ? (o2 <= 6 ? OR_TOP : OR_BOTTOM) : o2 == 4 ? OR_RIGHT : o2;
    } else if (!strcmp(k, "columns")) {
      vls_get_columns(c, v, &l->columns, d);
    } else if (!strcmp(k, "direction")) {
      l->direction = vls_enum_index(c, v, E(&vl_legend_table, "direction"), "legend direction", d);
    } else if (!strcmp(k, "symbolType")) {
      static const char *const later[] = {"arrow", "wedge", "triangle-left", "triangle-right", NULL};
      if (v->kind == SPEC_SCALAR && (vl_in_list(v->str, later) || v->str[0] == 'M' || v->str[0] == 'm')) {
        diag_spec_error(d, L(c, v), "symbolType '%s' is not supported yet (circle, square, stroke, cross, diamond, "
                                    "triangle-up, triangle-down)", v->str);
        continue;
      }
      int st = vls_enum_index(c, v, E(&vl_legend_table, "symbolType"), "symbolType", d);
      if (st >= 0) l->symbol_type = st == 7 ? LSYM_TRIANGLE_UP : st; /* "triangle": triangle-up */
    } else if (!strcmp(k, "type")) {
      l->type = vls_enum_index(c, v, E(&vl_legend_table, "type"), "legend type", d);
    } else if (!strcmp(k, "titleOrient")) {
      int o2 = vls_enum_index(c, v, E(&vl_legend_table, "titleOrient"), "legend titleOrient", d);
      if (o2 == 0 || o2 == 2) l->title_orient = o2 == 0 ? OR_LEFT : OR_TOP;
      else if (o2 > 0)
        diag_spec_error(d, L(c, v), "legend titleOrient '%s' is not supported yet (top or left)", v->str);
    } else if (!strcmp(k, "values")) {
      if (v->kind != SPEC_SEQ) diag_spec_error(d, L(c, v), "legend 'values' must be a list, found %s", spec_describe(c->a, v));
      else l->values = v;
    } else if (!strcmp(k, "symbolSize")) vls_get_num(c, v, &l->symbol_size, d);
    else if (!strcmp(k, "labelLimit")) vls_get_num(c, v, &l->label_limit, d);
    else if (!strcmp(k, "symbolStrokeWidth")) vls_get_num(c, v, &l->symbol_stroke_width, d);
    else if (!strcmp(k, "gradientLength")) vls_get_num(c, v, &l->gradient_length, d);
    else if (!strcmp(k, "offset")) vls_get_num(c, v, &l->offset, d);
    else if (!strcmp(k, "labelOpacity")) vls_get_unit(c, v, &l->label_opacity, k, d);
    else if (!strcmp(k, "titleOpacity")) vls_get_unit(c, v, &l->title_opacity, k, d);
    else if (!strcmp(k, "labelFontWeight")) vls_get_weight(c, v, &l->label_weight, k, d);
    else if (!strcmp(k, "titleFontWeight")) vls_get_weight(c, v, &l->title_weight, k, d);
    else if (!strcmp(k, "labelFont")) vls_get_font(c, v, &l->label_font, d);
    else if (!strcmp(k, "titleFont")) vls_get_font(c, v, &l->title_font, d);
  }
}

/* ---- header ---- */

void vls_header_defaults(vl_header_spec *h) {
  memset(h, 0, sizeof *h);
  h->labels = h->label_weight = h->title_weight = -1;
  h->label_angle = h->label_font_size = h->label_limit = h->label_padding = h->title_font_size = h->title_padding = NAN;
}

/* header: {title, labels, labelAngle, label..., title...} of a facet channel
 * (its title is read with the channel's, see facet_title in chart.c), or
 * config.header*'s (t: the channel's table or config's).  Sets what n
 * sets, over what h holds (config.header's, for a channel). */
void vls_parse_header(chart *c, const spec_node *n, vl_header_spec *h, const vl_table *t, diag_list *d) {
  if (spec_is_null(n)) {
    h->hidden = 1;
    return;
  }
  if (n->kind != SPEC_MAP) {
    diag_spec_error(d, L(c, n), "'header' must be a mapping or null, found %s", spec_describe(c->a, n));
    return;
  }
  vl_check_keys(c, n, NULL, t, d);
  for (int i = 0; i < n->n; i++) {
    const char *k = n->keys[i]->str;
    const spec_node *v = n->items[i];
    if (!strcmp(k, "labels")) vls_get_bool(c, v, &h->labels, d);
    else if (!strcmp(k, "labelAngle")) {
      double a;
      if (vls_get_num(c, v, &a, d)) continue;
      double m = fmod(fmod(a, 360) + 360, 360);
      if (m != 0 && m != 90 && m != 270)
        diag_spec_error(d, L(c, v), "header 'labelAngle' %s is not supported: huitu sets header labels level (0) or "
                                    "turned (90, 270)", v->str);
      else
        h->label_angle = m;
    } else if (!strcmp(k, "labelColor")) vls_get_color(c, v, &h->label_color, d);
    else if (!strcmp(k, "titleColor")) vls_get_color(c, v, &h->title_color, d);
    else if (!strcmp(k, "labelFontSize")) vls_get_num(c, v, &h->label_font_size, d);
    else if (!strcmp(k, "titleFontSize")) vls_get_num(c, v, &h->title_font_size, d);
    else if (!strcmp(k, "labelLimit")) vls_get_num(c, v, &h->label_limit, d);
    else if (!strcmp(k, "labelPadding")) vls_get_num(c, v, &h->label_padding, d);
    else if (!strcmp(k, "titlePadding")) vls_get_num(c, v, &h->title_padding, d);
    else if (!strcmp(k, "labelFontWeight")) vls_get_weight(c, v, &h->label_weight, k, d);
    else if (!strcmp(k, "titleFontWeight")) vls_get_weight(c, v, &h->title_weight, k, d);
    else if (!strcmp(k, "labelFont")) vls_get_font(c, v, &h->label_font, d);
    else if (!strcmp(k, "titleFont")) vls_get_font(c, v, &h->title_font, d);
  }
}

/* ---- title ---- */

/* title: {anchor, fontSize, color, subtitleFontSize, subtitleColor,
 * fontWeight, offset} (a title's own, or config.title's). */
void vls_parse_title_style(chart *c, const spec_node *n, vl_title_style *t, diag_list *d) {
  const spec_node *x;
  if ((x = spec_map_get(n, "anchor"))) {
    int a = vls_enum_index(c, x, E(&vl_title_table, "anchor"), "title anchor", d);
    if (a >= 0) t->anchor = a;
  }
  if ((x = spec_map_get(n, "fontSize"))) vls_get_num(c, x, &t->size, d);
  if ((x = spec_map_get(n, "subtitleFontSize"))) vls_get_num(c, x, &t->subtitle_size, d);
  if ((x = spec_map_get(n, "offset"))) vls_get_num(c, x, &t->offset, d);
  if ((x = spec_map_get(n, "color"))) vls_get_color(c, x, &t->color, d);
  if ((x = spec_map_get(n, "subtitleColor"))) vls_get_color(c, x, &t->subtitle_color, d);
  if ((x = spec_map_get(n, "fontWeight"))) vls_get_weight(c, x, &t->weight, "fontWeight", d);
  if ((x = spec_map_get(n, "subtitleFontWeight"))) vls_get_weight(c, x, &t->subtitle_weight, "subtitleFontWeight", d);
  if ((x = spec_map_get(n, "subtitlePadding"))) vls_get_num(c, x, &t->subtitle_padding, d);
  if ((x = spec_map_get(n, "dx"))) vls_get_num(c, x, &t->dx, d);
  if ((x = spec_map_get(n, "dy"))) vls_get_num(c, x, &t->dy, d);
  if ((x = spec_map_get(n, "limit"))) vls_get_num(c, x, &t->limit, d);
  if ((x = spec_map_get(n, "font"))) vls_get_font(c, x, &t->font, d);
  if ((x = spec_map_get(n, "subtitleFont"))) vls_get_font(c, x, &t->subtitle_font, d);
  if ((x = spec_map_get(n, "frame"))) {
    int f = vls_enum_index(c, x, E(&vl_title_table, "frame"), "title frame", d);
    if (f >= 0) t->frame = f;
  }
  if ((x = spec_map_get(n, "orient"))) {
    int o = vls_enum_index(c, x, E(&vl_title_table, "orient"), "title orient", d);
    if (o > 0)
      diag_spec_error(d, L(c, x), "title orient '%s' is not supported yet (huitu sets titles on top)", x->str);
  }
}

void vls_title_style_init(vl_title_style *t) {
  t->anchor = -1;
  t->size = t->subtitle_size = t->offset = NAN;
  t->color = t->subtitle_color = NO_COLOR;
  t->weight = t->subtitle_weight = t->frame = -1;
  t->subtitle_padding = t->dx = t->dy = t->limit = NAN;
  t->font = t->subtitle_font = NULL;
}

void vls_parse_title(chart *c, const spec_node *n, vl_view *v, diag_list *d) {
  vls_title_style_init(&v->title_style);
  if (!n) return;
  int nul = 0;
  if (n->kind == SPEC_MAP) {
    vl_check_keys(c, n, NULL, &vl_title_table, d);
    vls_get_text(c, spec_map_get(n, "text"), &v->title, &nul, d);
    vls_get_text(c, spec_map_get(n, "subtitle"), &v->subtitle, &nul, d);
    vls_parse_title_style(c, n, &v->title_style, d);
    return;
  }
  vls_get_text(c, n, &v->title, &nul, d);
}
