/* A mark: its type and properties, laid over the defaults in Vega-Lite's
 * order -- config.mark, config.<type>, the styles it names (config.style),
 * then its own properties.  config's mark groups and styles are read with
 * the same vls_parse_mark_props (vl_spec_config.c), so a property means
 * the same in either place. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "chart/vl_spec_internal.h"

void vls_mark_init(vl_mark *m) {
  memset(m, 0, sizeof *m);
  m->opacity = m->fill_opacity = m->stroke_opacity = m->stroke_width = m->size = NAN;
  m->corner_radius = m->corner_radius_end = m->inner_radius = m->outer_radius = m->radius = NAN;
  m->pad_angle = m->thickness = m->font_size = m->dx = m->dy = m->angle = m->band_size = NAN;
  m->theta_offset = m->radius_offset = NAN;
  m->off[0] = m->off[1] = m->off[2] = m->off[3] = NAN;
  m->filled = m->point = m->line = m->orient = m->align = m->baseline = m->clip = -1;
  m->bin_spacing = m->limit = m->line_height = m->cont_band = m->tu_band_pos = m->tu_band_size = m->tension = NAN;
  m->stroke_cap = m->invalid = -1;
}

/* The mark properties config.mark, config.<type>, styles and a mark
 * share, merged by vl_merge_set (the dash by hand). */
#define MF(field, kind) MRG(vl_mark, field, kind)
static const vl_field mark_fields[] = {
    MF(opacity, MRG_NUM),       MF(fill_opacity, MRG_NUM),   MF(stroke_opacity, MRG_NUM),
    MF(stroke_width, MRG_NUM),  MF(size, MRG_NUM),           MF(corner_radius, MRG_NUM),
    MF(corner_radius_end, MRG_NUM), MF(inner_radius, MRG_NUM), MF(outer_radius, MRG_NUM),
    MF(radius, MRG_NUM),        MF(pad_angle, MRG_NUM),      MF(thickness, MRG_NUM),
    MF(font_size, MRG_NUM),     MF(dx, MRG_NUM),             MF(dy, MRG_NUM),
    MF(angle, MRG_NUM),         MF(band_size, MRG_NUM),      MF(theta_offset, MRG_NUM),
    MF(radius_offset, MRG_NUM), MF(bin_spacing, MRG_NUM),    MF(limit, MRG_NUM),
    MF(line_height, MRG_NUM),   MF(cont_band, MRG_NUM), MF(tu_band_pos, MRG_NUM), MF(tu_band_size, MRG_NUM), MF(tension, MRG_NUM),   MF(off[0], MRG_NUM),         MF(off[1], MRG_NUM),
    MF(off[2], MRG_NUM),        MF(off[3], MRG_NUM),         MF(filled, MRG_INT),
    MF(point, MRG_INT),         MF(line, MRG_INT),           MF(orient, MRG_INT),
    MF(align, MRG_INT),         MF(baseline, MRG_INT),       MF(clip, MRG_INT),
    MF(stroke_cap, MRG_INT),    MF(invalid, MRG_INT),    MF(interpolate, MRG_NZ),     MF(font_weight, MRG_NZ), /* 0: linear, normal */
    MF(color, MRG_COLOR),       MF(fill, MRG_COLOR),         MF(stroke, MRG_COLOR),
    MF(text, MRG_PTR),          MF(shape, MRG_PTR),          MF(font, MRG_PTR),
    MF(xexpr[0], MRG_PTR),      MF(xexpr[1], MRG_PTR),       MF(xexpr[2], MRG_PTR),
    MF(xexpr[3], MRG_PTR),
};
#undef MF

/* Lay src's set properties over m (config.mark, then config.<type>, then
 * the mark's styles: each more specific than the last; the mark's own
 * properties come after all of them). */
static void mark_merge(vl_mark *m, const vl_mark *src) {
  vl_merge_set(m, src, mark_fields, (int)(sizeof mark_fields / sizeof mark_fields[0]));
  if (src->ndash) {
    memcpy(m->dash, src->dash, sizeof m->dash);
    m->ndash = src->ndash;
  }
}

/* The styles a mark names (config.style), laid over m in order.  Their
 * properties were checked once, with config. */
static void apply_styles(chart *c, const spec_node *st, vl_mark *m, diag_list *d) {
  int cnt = st->kind == SPEC_SEQ ? st->n : 1;
  for (int i = 0; i < cnt; i++) {
    const spec_node *nm = st->kind == SPEC_SEQ ? st->items[i] : st;
    if (nm->kind != SPEC_SCALAR) {
      diag_spec_error(d, L(c, nm), "a style must be a name from config.style, found %s", spec_describe(c->a, nm));
      continue;
    }
    const spec_node *def = c->cfg.styles ? spec_map_get(c->cfg.styles, nm->str) : NULL;
    if (!def && vl_in_list(nm->str, vl_composite_part_styles)) continue; /* Vega-Lite's own, empty unless defined */
    if (!def) {
      diag_spec_error(d, L(c, nm), "unknown style '%s' (define it in config.style)", nm->str);
      continue;
    }
    if (def->kind != SPEC_MAP) continue;
    vl_mark sm;
    vls_mark_init(&sm);
    vls_parse_mark_props(c, def, &sm, NULL);
    mark_merge(m, &sm);
  }
}

void vls_parse_mark(chart *c, const spec_node *n, vl_mark *m, diag_list *d) {
  vls_mark_init(m);
  m->node = n;
  const spec_node *type = n;
  if (n->kind == SPEC_MAP) {
    type = spec_map_get(n, "type");
    if (!type) {
      diag_spec_error(d, L(c, n), "a mark definition needs a 'type' (bar, line, area, point, ...)");
      m->type = MK_POINT;
      return;
    }
  }
  if (type->kind == SPEC_SCALAR) {
    for (int i = 0; vl_mark_unsupported[i]; i++)
      if (!strcmp(vl_mark_unsupported[i], type->str)) {
        diag_spec_error(d, L(c, type), "mark '%s' is not supported (bar, line, area, point, circle, square, rule, tick, rect, text, arc)", type->str);
        m->type = MK_POINT;
        return;
      }
  }
  /* Chart names from spreadsheets and ECharts: say which mark draws one. */
  static const struct {
    const char *name, *how;
  } kinds[] = {{"pie", "a pie is mark: arc, with the values on theta"},
               {"donut", "a donut is mark: {type: arc, innerRadius: 50}, with the values on theta"},
               {"column", "columns are mark: bar"},
               {"histogram", "a histogram is mark: bar, with bin: true on x"},
               {"scatter", "a scatter plot is mark: point"},
               {"bubble", "a bubble chart is mark: point, with a field on size"},
               {"heatmap", "a heatmap is mark: rect, with a field on color"}};
  for (size_t i = 0; type->kind == SPEC_SCALAR && i < sizeof kinds / sizeof kinds[0]; i++)
    if (!strcmp(type->str, kinds[i].name)) {
      diag_spec_error(d, L(c, type), "unknown mark '%s': %s", type->str, kinds[i].how);
      m->type = MK_POINT;
      return;
    }
  int t = vls_enum_index(c, type, vl_mark_names, "mark", d);
  m->type = t < 0 ? MK_POINT : t;
  mark_merge(m, &c->cfg.mark_cfg[MK_LAST]);
  mark_merge(m, &c->cfg.mark_cfg[m->type]);
  if (n->kind != SPEC_MAP) return;
  vl_check_keys(c, n, NULL, &vl_mark_table, d);
  const spec_node *st = spec_map_get(n, "style");
  if (st) apply_styles(c, st, m, d);
  vls_parse_mark_props(c, n, m, d);
}

/* {expr: "..."} on a text's align, baseline, dx or dy: checked here,
 * evaluated per row by the text marks.  Returns 1 when v is one. */
static int mark_expr(chart *c, const char *k, const spec_node *v, vl_mark *m, diag_list *d) {
  static const char *const props[] = {"align", "baseline", "dx", "dy"}; /* MX_* order */
  if (v->kind != SPEC_MAP) return 0;
  for (int p = 0; p < 4; p++) {
    if (strcmp(k, props[p])) continue;
    vl_check_keys(c, v, NULL, &vl_expr_ref_table, d);
    const spec_node *x = spec_map_get(v, "expr");
    if (!x) diag_spec_error(d, L(c, v), "'%s' as a mapping needs 'expr' (an expression of datum)", k);
    else if (vls_check_test(c, x, "expr", d) == 0) m->xexpr[p] = x->str;
    return 1;
  }
  return 0;
}

/* A mark definition's properties (not its type or style) into m. */
void vls_parse_mark_props(chart *c, const spec_node *n, vl_mark *m, diag_list *d) {
  for (int i = 0; i < n->n; i++) {
    const char *k = n->keys[i]->str;
    const spec_node *v = n->items[i];
    if (mark_expr(c, k, v, m, d)) continue;
    if (!strcmp(k, "color")) vls_get_color(c, v, &m->color, d);
    else if (!strcmp(k, "fill")) vls_get_color(c, v, &m->fill, d);
    else if (!strcmp(k, "stroke")) vls_get_color(c, v, &m->stroke, d);
    else if (!strcmp(k, "opacity")) vls_get_num(c, v, &m->opacity, d);
    else if (!strcmp(k, "fillOpacity")) vls_get_num(c, v, &m->fill_opacity, d);
    else if (!strcmp(k, "strokeOpacity")) vls_get_num(c, v, &m->stroke_opacity, d);
    else if (!strcmp(k, "strokeWidth")) vls_get_num(c, v, &m->stroke_width, d);
    else if (!strcmp(k, "size")) vls_get_num(c, v, &m->size, d);
    else if (!strcmp(k, "cornerRadius")) vls_get_num(c, v, &m->corner_radius, d);
    else if (!strcmp(k, "cornerRadiusEnd")) vls_get_num(c, v, &m->corner_radius_end, d);
    else if (!strcmp(k, "innerRadius")) vls_get_num(c, v, &m->inner_radius, d);
    else if (!strcmp(k, "outerRadius")) vls_get_num(c, v, &m->outer_radius, d);
    else if (!strcmp(k, "radius")) vls_get_num(c, v, &m->radius, d);
    else if (!strcmp(k, "padAngle")) vls_get_num(c, v, &m->pad_angle, d);
    else if (!strcmp(k, "thickness")) vls_get_num(c, v, &m->thickness, d);
    else if (!strcmp(k, "fontSize")) vls_get_num(c, v, &m->font_size, d);
    else if (!strcmp(k, "dx")) vls_get_num(c, v, &m->dx, d);
    else if (!strcmp(k, "dy")) vls_get_num(c, v, &m->dy, d);
    else if (!strcmp(k, "angle")) vls_get_num(c, v, &m->angle, d);
    else if (!strcmp(k, "theta")) vls_get_num(c, v, &m->theta_offset, d);
    else if (!strcmp(k, "radiusOffset")) vls_get_num(c, v, &m->radius_offset, d);
    else if (!strcmp(k, "xOffset")) vls_get_num(c, v, &m->off[0], d);
    else if (!strcmp(k, "x2Offset")) vls_get_num(c, v, &m->off[1], d);
    else if (!strcmp(k, "yOffset")) vls_get_num(c, v, &m->off[2], d);
    else if (!strcmp(k, "y2Offset")) vls_get_num(c, v, &m->off[3], d);
    else if (!strcmp(k, "filled")) vls_get_bool(c, v, &m->filled, d);
    else if (!strcmp(k, "clip")) vls_get_bool(c, v, &m->clip, d);
    else if (!strcmp(k, "width") || !strcmp(k, "height")) {
      if (v->kind == SPEC_MAP) {
        const spec_node *b = spec_map_get(v, "band");
        if (b) vls_get_num(c, b, &m->band_size, d);
      } else {
        double px;
        if (vls_get_num(c, v, &px, d) == 0) m->band_size = -px; /* negative: absolute px */
      }
    } else if (!strcmp(k, "interpolate")) {
      int x = vls_enum_index(c, v, E(&vl_mark_table, "interpolate"), "interpolate", d);
      if (x >= 0) m->interpolate = x > INTERP_CARDINAL ? INTERP_MONOTONE : x;
    } else if (!strcmp(k, "point")) {
      if (v->kind == SPEC_MAP) m->point = 1;
      else if (v->kind == SPEC_SCALAR && !strcmp(v->str, "transparent")) m->point = 0;
      else vls_get_bool(c, v, &m->point, d);
    } else if (!strcmp(k, "line")) {
      if (v->kind == SPEC_MAP) m->line = 1;
      else vls_get_bool(c, v, &m->line, d);
    } else if (!strcmp(k, "orient")) {
      m->orient = vls_enum_index(c, v, E(&vl_mark_table, "orient"), "orient", d);
    } else if (!strcmp(k, "align")) {
      m->align = vls_enum_index(c, v, E(&vl_mark_table, "align"), "align", d);
    } else if (!strcmp(k, "baseline")) {
      int b = vls_enum_index(c, v, E(&vl_mark_table, "baseline"), "baseline", d);
      m->baseline = b == 3 ? 2 : b == 4 ? 0 : b == 5 ? 2 : b;
    } else if (!strcmp(k, "fontWeight")) {
      int w;
      if (vls_get_weight(c, v, &w, k, d) == 0) m->font_weight = w >= 600;
    } else if (!strcmp(k, "text")) {
      spec_text t2 = {0};
      int nul = 0;
      vls_get_text(c, v, &t2, &nul, d);
      m->text = t2.s;
    } else if (!strcmp(k, "shape")) {
      if (v->kind == SPEC_SCALAR && (v->str[0] == 'M' || v->str[0] == 'm')) /* no shape name starts so */
        diag_spec_error(d, L(c, v), "a shape drawn from an SVG path is not supported yet (circle, square, cross, "
                                    "diamond, triangle-up, triangle-down, triangle-right, triangle-left)");
      else if (vls_enum_index(c, v, E(&vl_mark_table, "shape"), "shape", d) >= 0)
        m->shape = v->str;
    } else if (!strcmp(k, "binSpacing")) {
      vls_get_num(c, v, &m->bin_spacing, d);
    } else if (!strcmp(k, "continuousBandSize")) {
      vls_get_num(c, v, &m->cont_band, d);
    } else if (!strcmp(k, "timeUnitBandPosition")) {
      vls_get_num(c, v, &m->tu_band_pos, d);
    } else if (!strcmp(k, "timeUnitBandSize")) {
      if (vls_get_num(c, v, &m->tu_band_size, d) == 0 && !(m->tu_band_size >= 0)) {
        diag_spec_error(d, L(c, v), "'timeUnitBandSize' must be 0 or more (the part of a time unit a bar spans), "
                                    "found %s", v->str);
        m->tu_band_size = NAN;
      }
    } else if (!strcmp(k, "limit")) {
      vls_get_num(c, v, &m->limit, d);
    } else if (!strcmp(k, "font")) {
      vls_get_font(c, v, &m->font, d);
    } else if (!strcmp(k, "fontStyle")) { /* what huitu draws is accepted, so a spec saying so renders */
      if (v->kind != SPEC_SCALAR || strcmp(v->str, "normal"))
        diag_spec_error(d, L(c, v), "'fontStyle' must be normal (huitu's fonts have no italic), found %s",
                        spec_describe(c->a, v));
    } else if (!strcmp(k, "tension")) {
      vls_get_unit(c, v, &m->tension, k, d);
    } else if (!strcmp(k, "lineHeight")) {
      vls_get_num(c, v, &m->line_height, d);
    } else if (!strcmp(k, "strokeCap")) {
      int cap = vls_enum_index(c, v, E(&vl_mark_table, "strokeCap"), "strokeCap", d);
      if (cap == 2) diag_spec_error(d, L(c, v), "strokeCap 'square' is not supported yet (butt or round)");
      else if (cap >= 0) m->stroke_cap = cap;
    } else if (!strcmp(k, "invalid")) { /* INV_*; null is show (Vega-Lite's normalizeInvalidDataMode) */
      m->invalid = spec_is_null(v) ? INV_SHOW : vls_enum_index(c, v, E(&vl_mark_table, "invalid"), "invalid", d);
    } else if (!strcmp(k, "strokeDash")) {
      if (v->kind != SPEC_SEQ) {
        diag_spec_error(d, L(c, v), "'strokeDash' must be a list of lengths, found %s", spec_describe(c->a, v));
      } else {
        m->ndash = 0;
        for (int j = 0; j < v->n && j < 4; j++) vls_get_num(c, v->items[j], &m->dash[m->ndash++], d);
      }
    } else if (!strcmp(k, "tooltip") || !strcmp(k, "style") || !strcmp(k, "aria") || !strcmp(k, "description")) {
      /* tooltip, aria, description: no effect on a static chart; style: apply_styles */
    }
  }
}
