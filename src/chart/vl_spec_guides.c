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

/* Read key k's value v into the field of dst its row in f names: 1 when
 * a row reads k (0: the caller reads k by hand). */
int vls_read_field(chart *c, const vl_field *f, int n, const char *k, const spec_node *v, void *dst, diag_list *d) {
  for (int i = 0; i < n; i++) {
    if (f[i].read == RD_NONE || strcmp(f[i].key, k)) continue;
    void *p = (char *)dst + f[i].off;
    switch (f[i].read) {
    case RD_NUM: vls_get_num(c, v, p, d); break;
    case RD_UNIT: vls_get_unit(c, v, p, k, d); break;
    case RD_BOOL: vls_get_bool(c, v, p, d); break;
    case RD_COLOR: vls_get_color(c, v, p, d); break;
    case RD_WEIGHT: vls_get_weight(c, v, p, k, d); break;
    default: vls_get_font(c, v, p, d); break;
    }
    return 1;
  }
  return 0;
}

/* ---- axis ---- */

#define AF(key, field, read) PROP(vl_axis_spec, key, field, read)
#define AM(field, kind) MRG(vl_axis_spec, field, kind) /* read by hand in vls_parse_axis */
const vl_field vl_axis_fields[] = {
    AF("labelAngle", label_angle, RD_NUM),       AF("labelLimit", label_limit, RD_NUM),
    AF("labelFontSize", label_font_size, RD_NUM), AF("titleFontSize", title_font_size, RD_NUM),
    AF("tickSize", tick_size, RD_NUM),           AF("labelPadding", label_padding, RD_NUM),
    AF("titlePadding", title_padding, RD_NUM),   AF("offset", offset, RD_NUM),
    AF("minExtent", min_extent, RD_NUM),         AF("maxExtent", max_extent, RD_NUM),
    AF("tickMinStep", tick_min_step, RD_NUM),    AF("labelSeparation", label_separation, RD_NUM),
    AF("domainWidth", domain_width, RD_NUM),     AF("gridWidth", grid_width, RD_NUM),
    AF("tickWidth", tick_width, RD_NUM),         AF("titleLimit", title_limit, RD_NUM),
    AF("labelOffset", label_offset, RD_NUM),     AF("labelOpacity", label_opacity, RD_UNIT),
    AF("titleOpacity", title_opacity, RD_UNIT),  AF("gridOpacity", grid_opacity, RD_UNIT),
    AF("domainOpacity", domain_opacity, RD_UNIT), AF("tickOpacity", tick_opacity, RD_UNIT),
    AF("grid", grid, RD_BOOL),                   AF("domain", domain, RD_BOOL),
    AF("ticks", ticks, RD_BOOL),                 AF("labels", labels, RD_BOOL),
    AF("labelFontWeight", label_weight, RD_WEIGHT), AF("titleFontWeight", title_weight, RD_WEIGHT),
    AF("labelColor", label_color, RD_COLOR),     AF("titleColor", title_color, RD_COLOR),
    AF("domainColor", domain_color, RD_COLOR),   AF("tickColor", tick_color, RD_COLOR),
    AF("labelFont", label_font, RD_FONT),        AF("titleFont", title_font, RD_FONT),
    AM(title_angle, MRG_NUM),                    AM(orient, MRG_INT),
    AM(label_overlap, MRG_INT),                  AM(title_anchor, MRG_INT),
    AM(grid_color, MRG_COLOR),
};
const int vl_naxis_fields = NFIELDS(vl_axis_fields);
#undef AF
#undef AM

void vls_axis_defaults(vl_axis_spec *a) {
  memset(a, 0, sizeof *a);
  vl_fields_unset(a, vl_axis_fields, vl_naxis_fields); /* NAN, -1, NO_COLOR, NULL by kind */
  a->tick_count = -1;
  a->ngrid_dash = -1;
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
    if (vls_read_field(c, vl_axis_fields, vl_naxis_fields, k, v, a, d)) continue;
    /* the properties with checks of their own */
    if (!strcmp(k, "title")) vls_get_text(c, v, &a->title, &a->title_null, d);
    else if (!strcmp(k, "format")) vls_check_format(c, v, &a->format, 0, d);
    else if (!strcmp(k, "formatType")) a->format_time = vls_enum_index(c, v, E(&vl_axis_table, "formatType"), "formatType", d) > 0;
    else if (!strcmp(k, "tickCount")) {
      double tc;
      if (vls_get_num(c, v, &tc, d) == 0) a->tick_count = tc < 1 ? 1 : tc > 1000 ? 1000 : (int)tc;
    } else if (!strcmp(k, "values")) {
      if (v->kind != SPEC_SEQ) diag_spec_error(d, L(c, v), "axis 'values' must be a list, found %s", spec_describe(c->a, v));
      else a->values = v;
    } else if (!strcmp(k, "orient")) {
      a->orient = vls_enum_index(c, v, E(&vl_axis_table, "orient"), "axis orient", d);
    } else if (!strcmp(k, "gridColor")) get_cond_color(c, v, &a->grid_color, &a->ngrid_cond, &a->grid_cond_test,
                                                       &a->grid_cond_color, d);
    else if (!strcmp(k, "tickStep")) {
      if (vls_get_num(c, v, &a->tick_step, d) == 0 && !(a->tick_step > 0)) {
        diag_spec_error(d, L(c, v), "'tickStep' must be positive");
        a->tick_step = 0;
      }
    } else if (!strcmp(k, "gridDash")) get_dash(c, v, a->grid_dash, &a->ngrid_dash, d);
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

#define HF(key, field, read) PROP(vl_header_spec, key, field, read)
const vl_field vl_header_fields[] = {
    HF("labels", labels, RD_BOOL),                  HF("labelColor", label_color, RD_COLOR),
    HF("titleColor", title_color, RD_COLOR),        HF("labelFontSize", label_font_size, RD_NUM),
    HF("titleFontSize", title_font_size, RD_NUM),   HF("labelLimit", label_limit, RD_NUM),
    HF("labelPadding", label_padding, RD_NUM),      HF("titlePadding", title_padding, RD_NUM),
    HF("labelFontWeight", label_weight, RD_WEIGHT), HF("titleFontWeight", title_weight, RD_WEIGHT),
    HF("labelFont", label_font, RD_FONT),           HF("titleFont", title_font, RD_FONT),
    MRG(vl_header_spec, label_angle, MRG_NUM),      MRG(vl_header_spec, hidden, MRG_NZ), /* by hand */
    MRG(vl_header_spec, label_orient, MRG_INT),     MRG(vl_header_spec, title_orient, MRG_INT),
    MRG(vl_header_spec, label_align, MRG_INT),
};
const int vl_nheader_fields = NFIELDS(vl_header_fields);
#undef HF

void vls_header_defaults(vl_header_spec *h) {
  memset(h, 0, sizeof *h);
  vl_fields_unset(h, vl_header_fields, vl_nheader_fields);
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
    if (vls_read_field(c, vl_header_fields, vl_nheader_fields, k, v, h, d)) continue;
    if (!strcmp(k, "labelAngle")) {
      double a;
      if (vls_get_num(c, v, &a, d)) continue;
      double m = fmod(fmod(a, 360) + 360, 360);
      if (m != 0 && m != 90 && m != 270)
        diag_spec_error(d, L(c, v), "header 'labelAngle' %s is not supported: huitu sets header labels level (0) or "
                                    "turned (90, 270)", v->str);
      else
        h->label_angle = m;
    } else if (!strcmp(k, "orient") || !strcmp(k, "labelOrient") || !strcmp(k, "titleOrient")) {
      int o = vls_enum_index(c, v, E(t, k), k, d);
      if (o < 0) continue;
      o = o == 0 ? OR_TOP : o == 1 ? OR_BOTTOM : o == 2 ? OR_LEFT : OR_RIGHT; /* the key table's order */
      if (k[0] != 't') h->label_orient = o;
      if (k[0] != 'l') h->title_orient = o;
    } else if (!strcmp(k, "labelAlign")) {
      int a = vls_enum_index(c, v, E(t, k), k, d);
      if (a >= 0) h->label_align = a;
    }
  }
}

/* A header's orients where its channel has headers: a row's left or
 * right of the cells, a column's (or a wrapped facet's) over or under them. */
void vls_check_header_orient(chart *c, const spec_node *n, int row, diag_list *d) {
  static const char *const keys[] = {"orient", "labelOrient", "titleOrient"};
  for (int i = 0; n && n->kind == SPEC_MAP && i < 3; i++) {
    const spec_node *v = spec_map_get(n, keys[i]);
    if (!v || v->kind != SPEC_SCALAR) continue;
    int across = !strcmp(v->str, "left") || !strcmp(v->str, "right");
    if ((row && !across && (!strcmp(v->str, "top") || !strcmp(v->str, "bottom"))) || (!row && across))
      diag_spec_error(d, L(c, v), "header %s '%s' is not supported on a %s: huitu puts %s", keys[i], v->str,
                      row ? "row" : "column or facet", row ? "a row's headers left or right" :
                      "a column's headers top or bottom");
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
