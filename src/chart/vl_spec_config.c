/* The top level's chart-wide settings: config (theme-wide defaults) and
 * autosize.  chart.c reads them before the views, so the views' parts find
 * c->cfg filled in (marks merge config.mark and the styles when they are
 * read; axes merge config.axis* when they are measured). */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "chart/vl_spec_internal.h"

/* config: theme-wide defaults.  Each group is checked against its table
 * once here; what it sets is read where the defaults apply (axes merge
 * their config in vl_axis_measure, marks in vls_parse_mark). */
void vl_parse_config(chart *c, const spec_node *cfg, diag_list *d) {
  vl_config *k = &c->cfg;
  for (int i = 0; i < VL_AXIS_CFG; i++) vls_axis_defaults(&k->axis_cfg[i]);
  vls_legend_defaults(&k->legend);
  for (int i = 0; i < 4; i++) vls_header_defaults(&k->header[i]);
  for (int i = 0; i <= MK_LAST; i++) vls_mark_init(&k->mark_cfg[i]);
  vls_title_style_init(&k->title);
  k->step_y = k->disc_w = k->disc_h = NAN;
  k->scale_zero = k->x_reverse = k->scale_round = -1;
  k->band_pi = k->band_po = k->bar_band_pi = k->rect_band_pi = k->point_pad = NAN;
  k->quantize_count = k->quantile_count = NAN;
  memset(k->scale_invalid, 0, sizeof k->scale_invalid);
  if (!cfg) return;
  if (cfg->kind != SPEC_MAP) {
    diag_spec_error(d, L(c, cfg), "'config' must be a mapping, found %s", spec_describe(c->a, cfg));
    return;
  }
  vl_check_keys(c, cfg, NULL, &vl_config_table, d);
  for (int i = 0; i < cfg->n; i++) {
    const char *g = cfg->keys[i]->str;
    const spec_node *v = cfg->items[i];
    const vl_key *key = vl_table_key(&vl_config_table, g);
    if (!key) continue;
    const char *what = arena_printf(c->a, "config.%s", g);
    if ((key->types & VLV_OBJECT) && !(key->types & ~(unsigned)VLV_OBJECT) && v->kind != SPEC_MAP) {
      diag_spec_error(d, L(c, v), "'%s' must be a mapping, found %s", what, spec_describe(c->a, v));
      continue;
    }
    if (!strcmp(g, "background")) vls_get_color(c, v, &c->background, d);
    else if (!strcmp(g, "padding")) k->padding = v;
    else if (!strcmp(g, "autosize")) k->autosize = v;
    else if (!strcmp(g, "numberFormat")) vls_check_format(c, v, &k->number_format, 0, d);
    else if (!strcmp(g, "timeFormat") || !strcmp(g, "countTitle")) {
      if (v->kind != SPEC_SCALAR || spec_is_null(v))
        diag_spec_error(d, L(c, v), "'%s' must be a string, found %s", what, spec_describe(c->a, v));
      else if (g[0] == 't') k->time_format = v->str;
      else k->count_title = v->str;
    } else if (!strcmp(g, "range")) {
      vl_check_keys(c, v, what, &vl_config_range_table, d);
      const spec_node *cat = spec_map_get(v, "category");
      if (cat && cat->kind == SPEC_SEQ) {
        uint32_t col;
        for (int j = 0; j < cat->n; j++) vls_get_color(c, cat->items[j], &col, d);
        k->range_category = cat;
      } else if (cat && cat->kind == SPEC_MAP) {
        vl_check_keys(c, cat, "config.range.category", &vl_scheme_ref_table, d);
        const spec_node *nm = spec_map_get(cat, "scheme");
        if (!nm) diag_spec_error(d, L(c, cat), "config.range.category needs a list of colours or {scheme: name}");
        else if (vls_check_scheme(c, nm, d) == 0) k->range_scheme = nm->str;
      } else if (cat) {
        diag_spec_error(d, L(c, cat), "config.range.category must be a list of colours or {scheme: name}, found %s",
                        spec_describe(c->a, cat));
      }
      static const char *const ramps[] = {"ramp", "heatmap"}; /* continuous colours: {scheme} */
      for (int j = 0; j < 2; j++) {
        const spec_node *rv = spec_map_get(v, ramps[j]), *nm = rv && rv->kind == SPEC_MAP ? spec_map_get(rv, "scheme") : NULL;
        if (!rv) continue;
        if (rv->kind == SPEC_MAP) vl_check_keys(c, rv, j ? "config.range.heatmap" : "config.range.ramp", &vl_scheme_ref_table, d);
        if (!nm) diag_spec_error(d, L(c, rv), "config.range.%s must be {scheme: name}", ramps[j]);
        else if (vls_check_scheme(c, nm, d) == 0) *(j ? &k->range_heatmap : &k->range_ramp) = nm->str;
      }
    } else if (!strcmp(g, "title")) {
      vl_check_keys(c, v, what, &vl_config_title_table, d);
      vls_parse_title_style(c, v, &k->title, d);
    } else if (!strcmp(g, "view")) {
      vl_check_keys(c, v, what, &vl_config_view_table, d);
      vls_parse_view_bg(c, v, &k->view_fill, &k->view_stroke, &k->view_stroke_width, NULL, d);
      const spec_node *x;
      if ((x = spec_map_get(v, "continuousWidth"))) vls_get_num(c, x, &k->cont_w, d);
      if ((x = spec_map_get(v, "continuousHeight"))) vls_get_num(c, x, &k->cont_h, d);
      if ((x = spec_map_get(v, "step"))) vls_get_num(c, x, &k->step, d);
      for (int h = 0; h < 2; h++) {
        x = spec_map_get(v, h ? "discreteHeight" : "discreteWidth");
        if (!x) continue;
        if (x->kind == SPEC_MAP) {
          vl_check_keys(c, x, NULL, &vl_size_table, d);
          const spec_node *st = spec_map_get(x, "step");
          if (st) vls_get_num(c, st, h ? &k->step_y : &k->step, d);
          else diag_spec_error(d, L(c, x), "a size mapping needs 'step' (px per category)");
        } else {
          vls_get_num(c, x, h ? &k->disc_h : &k->disc_w, d);
        }
      }
    } else if (!strcmp(g, "font")) {
      vls_get_font(c, v, &k->font, d);
    } else if (!strncmp(g, "header", 6)) {
      static const char *const kinds[] = {"header", "headerRow", "headerColumn", "headerFacet"}; /* VL_HEADER_* */
      for (int h = 0; h < 4; h++)
        if (!strcmp(g, kinds[h])) {
          vls_parse_header(c, v, &k->header[h], &vl_config_header_table, d);
        }
    } else if (!strcmp(g, "legend")) {
      vls_parse_legend(c, v, &k->legend, &vl_config_legend_table, d);
    } else if (!strcmp(g, "scale")) {
      vl_check_keys(c, v, what, &vl_config_scale_table, d);
      const spec_node *x;
      if ((x = spec_map_get(v, "zero"))) vls_get_bool(c, x, &k->scale_zero, d);
      if ((x = spec_map_get(v, "xReverse"))) vls_get_bool(c, x, &k->x_reverse, d);
      if ((x = spec_map_get(v, "round"))) vls_get_bool(c, x, &k->scale_round, d);
      if ((x = spec_map_get(v, "bandPaddingInner"))) vls_get_num(c, x, &k->band_pi, d);
      if ((x = spec_map_get(v, "bandPaddingOuter"))) vls_get_num(c, x, &k->band_po, d);
      if ((x = spec_map_get(v, "barBandPaddingInner"))) vls_get_num(c, x, &k->bar_band_pi, d);
      if ((x = spec_map_get(v, "rectBandPaddingInner"))) vls_get_num(c, x, &k->rect_band_pi, d);
      if ((x = spec_map_get(v, "pointPadding"))) vls_get_num(c, x, &k->point_pad, d);
      if ((x = spec_map_get(v, "quantizeCount"))) vls_get_num(c, x, &k->quantize_count, d);
      if ((x = spec_map_get(v, "quantileCount"))) vls_get_num(c, x, &k->quantile_count, d);
      vl_parse_scale_invalid(c, spec_map_get(v, "invalid"), d);
    } else if (key->sub == &vl_config_composite_table) { /* checked here, read by vl_composite.c */
      vl_check_keys(c, v, what, &vl_config_composite_table, d);
      for (int j = 0; vl_composite_mark_names[j]; j++)
        if (!strcmp(g, vl_composite_mark_names[j])) k->composite[j] = v;
    } else if (!strcmp(g, "style")) {
      for (int j = 0; j < v->n; j++) { /* checked once here; marks apply them quietly */
        const spec_node *sv = v->items[j];
        const char *sw = arena_printf(c->a, "config.style.%s", v->keys[j]->str);
        if (sv->kind != SPEC_MAP) {
          diag_spec_error(d, L(c, sv), "'%s' must be a mapping of mark properties, found %s", sw,
                          spec_describe(c->a, sv));
          continue;
        }
        vl_check_keys(c, sv, sw, &vl_config_mark_table, d);
        vl_mark tmp;
        vls_mark_init(&tmp);
        vls_parse_mark_props(c, sv, &tmp, d);
      }
      k->styles = v;
    } else if (!strncmp(g, "axis", 4)) {
      for (int a = 0; a < VL_AXIS_CFG; a++)
        if (!strcmp(vl_axis_cfg_names[a], g)) {
          vls_parse_axis(c, v, &k->axis_cfg[a], &vl_config_axis_table, what, d);
          k->axis_cfg_on[a] = 1;
        }
    } else if (key->sub == &vl_config_mark_table) {
      int t = MK_LAST;
      for (int j = 0; j < MK_LAST; j++)
        if (!strcmp(vl_mark_names[j], g)) t = j;
      vl_check_keys(c, v, what, &vl_config_mark_table, d);
      vls_parse_mark_props(c, v, &k->mark_cfg[t], d);
      if (t == MK_LAST) {
        const vl_mark *m = &k->mark_cfg[MK_LAST];
        k->mark_color = (m->color & 0xff) ? m->color : m->fill;
      }
    }
  }
}

/* autosize: "pad" | "fit" | "fit-x" | "fit-y" | "none", or {type,
 * contains, resize}.  none would cut off what lies outside width and
 * height: huitu never draws a clipped chart, so it is an error. */
void vl_parse_autosize(chart *c, const spec_node *n, diag_list *d) {
  c->autosize = AS_PAD;
  c->autosize_padding = 0;
  if (!n) return;
  const spec_node *type = n, *contains = NULL;
  if (n->kind == SPEC_MAP) {
    vl_check_keys(c, n, NULL, &vl_autosize_table, d);
    type = spec_map_get(n, "type");
    contains = spec_map_get(n, "contains");
    const spec_node *rs = spec_map_get(n, "resize");
    int b;
    if (rs) vls_get_bool(c, rs, &b, d); /* re-layout on updates: a static chart has none */
  } else if (n->kind != SPEC_SCALAR || spec_is_null(n)) {
    diag_spec_error(d, L(c, n), "'autosize' must be pad, fit, fit-x, fit-y or {type, contains}, found %s",
                    spec_describe(c->a, n));
    return;
  }
  if (type) {
    int t = vls_enum_index(c, type, E(&vl_autosize_table, "type"), "autosize type", d);
    if (t == AS_NONE)
      diag_spec_error(d, L(c, type), "autosize 'none' is not supported: it cuts off the axes and legends outside "
                                     "width and height (use pad, or fit to make the whole chart that size)");
    else if (t >= 0)
      c->autosize = t;
  }
  if (contains) c->autosize_padding = vls_enum_index(c, contains, E(&vl_autosize_table, "contains"), "autosize contains", d) == 1;
}
