/* Charts: Vega-Lite's static grammar rendered natively.  This file holds
 * the public API, composition (layer, concat, facet) and sizing; the
 * grammar pieces live in vl_*.c (see vl.h). */
#include "chart/chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strmap.h"
#include "chart/vl.h"
#include "chart/vl_params.h"
#include "spec/vl_keys.h"

#define GAP_TITLE 10.0
#define GAP_CONCAT 24.0

/* The page's text settings (chart_stage) as layout's own text styles apply
 * them: the document's lang under the chart's, the frame's size floor, the
 * page's shrink, the theme's font. */
text_style vl_style(chart *c, vl_ctx *lc, double size, int bold, uint32_t color, const vl_font *font) {
  const chart_stage *g = lc->stage;
  text_style st = {0};
  st.lang = c->lang ? c->lang : g->lang;
  st.size = fmax(size, g->size_min) * g->text_scale;
  st.weight = bold ? 700 : 400;
  st.color = color;
  st.family = g->font;
  if (!font) font = c->cfg.font;
  /* a font not installed: the lang's, as the warning says (not the page's) */
  const vl_font_found *ff = font ? &lc->memo->fonts[font->id] : NULL;
  if (ff && ff->state) st.family = ff->state == 1 && ff->family[0] ? ff->family : NULL;
  return st;
}

void vl_fonts_resolve(chart *c, vl_ctx *lc) {
  for (int i = 0; i < c->nfonts; i++) {
    const vl_font *f = c->fonts[i];
    vl_font_found *ff = &lc->memo->fonts[i];
    if (!ff->state) ff->state = text_font_list_resolve(lc->te, f->value, c->lang, ff->family, sizeof ff->family) ? 1 : 2;
    if (ff->state == 2) text_font_list_warn(lc->te, f->value, c->lang, spec_loc(c->doc, f->node), lc->d);
  }
}

chart_memo *chart_memo_new(const chart *c, arena *a) {
  chart_memo *m = arena_alloc(a, sizeof *m);
  m->c = c;
  m->fonts = c && c->nfonts ? arena_alloc_array(a, (size_t)c->nfonts, sizeof *m->fonts) : NULL;
  return m;
}

/* Where a chart's text problems (a character no font has) are reported:
 * the chart itself, since axis labels and legends come from its data. */
src_loc vl_chart_loc(const chart *c) { return spec_loc(c->doc, c->root ? c->root->node : NULL); }

const text_box *vl_text(chart *c, vl_ctx *lc, const char *s, const text_style *st, double width, int max_lines) {
  return text_layout(lc->te, s ? s : "", st, width, max_lines, vl_chart_loc(c), lc->d);
}

/* ---- build ---- */

static void collect_units(vl_view *v, vl_unit **out, int *n, int max) {
  if (!v) return;
  if (v->kind == V_UNIT) {
    if (*n < max) out[(*n)++] = v->unit;
    return;
  }
  for (int i = 0; i < v->nkids; i++) collect_units(v->kids[i], out, n, max);
}

/* Data a chart cannot draw honestly is an error, not an empty or silently
 * clipped figure: no rows at all, or zero/negative values on a log scale
 * (log 0 is -infinity; Vega-Lite drops such marks without a word). */
static int any_unit_rows(const vl_view *v) {
  if (!v) return 0;
  if (v->kind == V_UNIT) {
    const dtable *t = v->unit->data ? v->unit->data : v->unit->src;
    return t && t->nrows > 0;
  }
  for (int i = 0; i < v->nkids; i++)
    if (any_unit_rows(v->kids[i])) return 1;
  return 0;
}

/* any_rows: some unit of the chart has rows.  A layer with none (a box
 * plot's outliers, a filter that keeps nothing there) draws nothing, as in
 * Vega-Lite; a chart with none at all is the error. */
static void check_unit_data(chart *c, const vl_view *v, int any_rows, diag_list *d) {
  const vl_unit *u = v->unit;
  const dtable *t = u->data ? u->data : u->src;
  if (!t) return;
  if (t->nrows == 0 && u->src && u->src->nrows == 0 && !any_rows) {
    diag_spec_error(d, spec_loc(c->doc, v->node), "the chart has no data rows to draw (after transforms)");
    return;
  }
  for (int k = 0; k < CH_LAST; k++) {
    const vl_channel *ch = &u->ch[k];
    if (!ch->on || ch->scale.type != SCL_LOG || !ch->col_name) continue;
    int col = dtable_col(t, ch->col_name);
    if (col < 0) continue;
    for (int r = 0; r < t->nrows; r++) {
      const cell *cl = &dtable_row(t, r)[col];
      double x = cell_number(cl);
      if (cl->type != EXPR_NULL && !isnan(x) && x <= 0) {
        diag_spec_error(d, spec_loc(c->doc, ch->node),
                        "a log scale cannot show %s (row %d of '%s'): use scale: {type: symlog}, or filter such rows out",
                        x == 0 ? "zero" : "negative values", r + 1, ch->field ? ch->field : ch->col_name);
        break;
      }
    }
  }
}

static void prepare_all(chart *c, vl_view *v, diag_list *d, const vl_channel *frow, const vl_channel *fcol) {
  if (!v) return;
  if (v->kind == V_FACET) {
    prepare_all(c, v->kids[0], d, v->frow.on ? &v->frow : NULL, v->fcol.on ? &v->fcol : NULL);
    return;
  }
  if (v->kind == V_UNIT) {
    if (frow) v->unit->ch[CH_ROW] = *frow;
    if (fcol) v->unit->ch[CH_COLUMN] = *fcol;
    if (!frow) v->unit->ch[CH_ROW].on = 0;
    if (!fcol) v->unit->ch[CH_COLUMN].on = 0;
    v->unit->ch[CH_FACET].on = 0;
    vl_prepare(c, v->unit, v->unit->src, d);
    return;
  }
  for (int i = 0; i < v->nkids; i++) prepare_all(c, v->kids[i], d, frow, fcol);
}

static void check_all(chart *c, const vl_view *v, int any_rows, diag_list *d) {
  if (!v) return;
  if (v->kind == V_UNIT) check_unit_data(c, v, any_rows, d);
  else
    for (int i = 0; i < v->nkids; i++) check_all(c, v->kids[i], any_rows, d);
}

/* Append src's records to d, each distinct (location, message) once: a
 * repeat parses and prepares its spec once per repetition, and an error in
 * the spec is one error however many times it repeats. */
static void diag_merge_unique(diag_list *d, const diag_list *src) {
  for (int i = 0; i < src->n; i++) {
    const diag *g = &src->items[i];
    int dup = 0;
    for (int j = 0; j < i && !dup; j++) {
      const diag *h = &src->items[j];
      dup = h->severity == g->severity && h->loc.line == g->loc.line && h->loc.col == g->loc.col &&
            (h->loc.file == g->loc.file || (h->loc.file && g->loc.file && !strcmp(h->loc.file, g->loc.file))) &&
            !strcmp(h->message, g->message);
    }
    if (!dup) diag_add(d, g->severity, g->code, g->loc, "%s", g->message);
  }
  /* records past the list's cap were counted, not stored: keep the count */
  int stored_err = 0;
  for (int i = 0; i < src->n; i++) stored_err += src->items[i].severity == DIAG_ERROR;
  if (src->errors > stored_err) d->errors += src->errors - stored_err;
}

static chart *chart_build_into(const spec_doc *doc, const spec_node *vl, const char *lang, diag_list *d);

/* autosize fit* sizes a single or layered view (Vega-Lite ignores it
 * elsewhere, with a warning): anything else is an error here. */
static void check_autosize(chart *c, const spec_node *as, const vl_view *root, diag_list *d) {
  static const char *const names[] = {"pad", "fit", "fit-x", "fit-y", "none"};
  src_loc at = spec_loc(c->doc, as);
  if (root->kind != V_UNIT && root->kind != V_LAYER) {
    diag_spec_error(d, at,
                    "autosize '%s' sizes a single or layered view; a %s is sized by its parts (give their "
                    "width and height)",
                    names[c->autosize], root->kind == V_FACET ? "facet" : "concat or repeat");
    return;
  }
  int fx = c->autosize == AS_FIT || c->autosize == AS_FIT_X, fy = c->autosize == AS_FIT || c->autosize == AS_FIT_Y;
  if ((fx && !isnan(root->width_step)) || (fy && !isnan(root->height_step)))
    diag_spec_error(d, at, "autosize '%s' cannot fit a %s given as {step: ...}: give a number, or use pad",
                    names[c->autosize], fx && !isnan(root->width_step) ? "width" : "height");
}

chart *chart_build(const spec_doc *doc, const spec_node *vl, const char *lang, diag_list *d) {
  diag_list local = {0};
  local.max_errors = d ? d->max_errors : 0;
  chart *c = chart_build_into(doc, vl, lang, &local);
  diag_merge_unique(d, &local);
  diag_clear(&local);
  return c;
}

static chart *chart_build_into(const spec_doc *doc, const spec_node *vl, const char *lang, diag_list *d) {
  int errors0 = d->errors;
  chart *c = arena_alloc(doc->arena, sizeof *c);
  c->a = doc->arena;
  c->doc = doc;
  c->lang = lang ? lang : "zh-CN";
  c->background = 0xffffffffu;
  c->padding = 16;
  vl_config *k = &c->cfg;
  k->label_size = 13;
  k->title_size = 13;
  k->chart_title_size = 16;
  k->legend_label_size = 13;
  k->ink = 0x1f2933ff;
  k->muted = 0x5b6775ff;
  k->grid = 0xe5e8ecff;
  k->domain = 0xb8c0c9ff;
  k->step = NAN; /* vl_view_step */
  k->cont_w = 300; /* Vega-Lite's config.view: 300 x 300 */
  k->cont_h = 300;
  if (!vl || vl->kind != SPEC_MAP) {
    diag_spec_error(d, spec_loc(doc, vl), "a chart must be a Vega-Lite mapping (mark, data, encoding)");
    return NULL;
  }
  vl = vl_params_apply(c, vl, d); /* params fixed: the rest reads a spec without them */
  vl_parse_config(c, spec_map_get(vl, "config"), d);
  const spec_node *bg = spec_map_get(vl, "background");
  if (bg) {
    uint32_t col;
    if (bg->kind == SPEC_SCALAR && keys_parse_color(bg->str, &col) == 0) c->background = col;
    else diag_spec_error(d, spec_loc(doc, bg), "'background' must be a colour, found %s", spec_describe(c->a, bg));
  }
  const spec_node *pad = spec_map_get(vl, "padding");
  if (!pad) pad = k->padding; /* config.padding */
  if (pad) { /* a number, or {left, top, right, bottom} (Vega's: a side not given is 0) */
    double p;
    if (pad->kind == SPEC_MAP) {
      vl_check_keys(c, pad, NULL, &vl_padding_table, d);
      c->has_padding = 1;
      for (int i = 0; i < 4; i++) {
        const spec_node *sv = spec_map_get(pad, vl_padding_table.keys[i].name);
        if (sv && spec_get_number(doc, sv, &p, d) == 0) c->pad[i] = fmax(0, fmin(p, 10000));
      }
      c->padding = fmin(fmin(c->pad[0], c->pad[1]), fmin(c->pad[2], c->pad[3]));
    } else if (spec_get_number(doc, pad, &p, d) == 0) {
      c->padding = c->pad[0] = c->pad[1] = c->pad[2] = c->pad[3] = p;
      c->has_padding = 1;
    }
  }
  const spec_node *as = spec_map_get(vl, "autosize");
  if (!as) as = k->autosize; /* config.autosize */
  vl_parse_autosize(c, as, d);
  const spec_node *um = spec_map_get(vl, "usermeta");
  const spec_node *ul = um && um->kind == SPEC_MAP ? spec_map_get(um, "lang") : NULL;
  if (ul && ul->kind == SPEC_SCALAR) c->lang = ul->str;
  c->root = vl_parse(c, vl, NULL, NULL, NULL, d, 1);
  if (c->root && as && c->autosize != AS_PAD) check_autosize(c, as, c->root, d);
  if (c->root && d->errors == errors0) {
    prepare_all(c, c->root, d, NULL, NULL);
    check_all(c, c->root, any_unit_rows(c->root), d);
  }
  if (arena_over_budget(c->a)) data_budget_error(doc, vl, c->a, 0, "the chart", d); /* unless reported already */
  if (!c->root || d->errors > errors0) return NULL;
  chart_facts_build(c);
  return c;
}

/* Is a property set (not what "unset" reads as for its kind)? */
static int field_set(const char *q, int kind) {
  switch (kind) {
  case MRG_NUM: return !isnan(*(const double *)q);
  case MRG_INT: return *(const int *)q >= 0;
  case MRG_NZ: return *(const int *)q != 0;
  case MRG_COLOR: return (*(const uint32_t *)q & 0xff) != 0;
  default: return *(const void *const *)q != NULL;
  }
}

static void field_copy(char *d, const char *q, int kind) {
  switch (kind) {
  case MRG_NUM: *(double *)d = *(const double *)q; break;
  case MRG_INT:
  case MRG_NZ: *(int *)d = *(const int *)q; break;
  case MRG_COLOR: *(uint32_t *)d = *(const uint32_t *)q; break;
  default: *(const void **)d = *(const void *const *)q;
  }
}

void vl_merge_set(void *dst, const void *src, const vl_field *f, int n) {
  for (int i = 0; i < n; i++) {
    const char *q = (const char *)src + f[i].off;
    if (field_set(q, f[i].kind)) field_copy((char *)dst + f[i].off, q, f[i].kind);
  }
}

void vl_fields_unset(void *dst, const vl_field *f, int n) {
  for (int i = 0; i < n; i++) {
    char *d = (char *)dst + f[i].off;
    switch (f[i].kind) {
    case MRG_NUM: *(double *)d = NAN; break;
    case MRG_INT: *(int *)d = -1; break;
    case MRG_NZ: *(int *)d = 0; break;
    case MRG_COLOR: *(uint32_t *)d = NO_COLOR; break;
    default: *(const void **)d = NULL;
    }
  }
}

void vl_merge_under(void *dst, const void *src, const vl_field *f, int n) {
  for (int i = 0; i < n; i++) {
    char *d = (char *)dst + f[i].off;
    if (!field_set(d, f[i].kind)) field_copy(d, (const char *)src + f[i].off, f[i].kind);
  }
}

/* ---- the page's theme (model stage) ---- */

/* Print's categories: greys far apart in lightness, neighbours most
 * unlike (mid, near-black, light, dark, ...), so two or three series read
 * apart on a black-and-white page; the second of two -- the later year of
 * a before/after -- is the darker.  Bars are outlined, so light ones show. */
static const uint32_t print_greys[] = {0x8c8c8cff, 0x1a1a1aff, 0xd0d0d0ff, 0x4d4d4dff,
                                       0xb0b0b0ff, 0x000000ff, 0x6e6e6eff, 0xe8e8e8ff};

static void theme_marks(chart *c, vl_view *v) {
  if (!v) return;
  if (v->kind == V_UNIT && v->unit) {
    vl_mark *m = &v->unit->mark;
    /* print: bars, rects and arcs outlined in ink (a fill of the palest
     * grey still reads); their fill the single-series colour, not the
     * stroke's (row_color takes stroke when nothing else is set) */
    if (c->cfg.print && (m->type == MK_BAR || m->type == MK_ARC) && !(m->stroke & 0xff)) {
      m->stroke = c->cfg.ink;
      if (isnan(m->stroke_width)) m->stroke_width = m->type == MK_ARC ? 1 : 0.75;
      if (!(m->color & 0xff) && !(m->fill & 0xff)) m->color = vl_default_color(c);
    }
  }
  for (int i = 0; i < v->nkids; i++) theme_marks(c, v->kids[i]);
}

void chart_apply_theme(chart *c, const chart_theme *t) {
  if (!c || !t || !c->root) return;
  vl_config *k = &c->cfg;
  k->label_size = t->label_size;
  k->title_size = t->title_size;
  k->legend_label_size = t->label_size;
  k->chart_title_size = t->chart_title_size;
  k->ink = t->ink;
  k->muted = t->muted;
  k->grid = t->grid;
  k->domain = t->domain;
  k->theme_color = t->accent;
  k->print = t->print;
  k->page = 1;
  k->guide_k = t->label_size > 0 ? t->label_size / 13 : 1;
  if (t->print) {
    k->theme_range = print_greys;
    k->ntheme_range = (int)(sizeof print_greys / sizeof print_greys[0]);
  }
  /* the chart's background is not drawn in a page: the page's is what arc
   * separators and label contrast meet, unless the chart names its own */
  const spec_node *root = c->root->node, *cfg = root ? spec_map_get(root, "config") : NULL;
  if (root && !spec_map_get(root, "background") && !(cfg && cfg->kind == SPEC_MAP && spec_map_get(cfg, "background")))
    c->background = t->background;
  theme_marks(c, c->root);
}

/* ---- plot views (unit or layer) ---- */

int vl_resolve(const vl_view *v, int k, int guide) {
  int pos = k == CH_X || k == CH_Y;
  int s = v->res_scale[k];
  if (s == RES_DEFAULT) {
    if (v->kind == V_FACET) s = k == CH_THETA ? RES_INDEPENDENT : RES_SHARED;
    else if (v->kind == V_HCONCAT || v->kind == V_VCONCAT || v->kind == V_CONCAT)
      s = pos || k == CH_THETA || k == CH_RADIUS ? RES_INDEPENDENT : RES_SHARED;
    else s = RES_SHARED;
  }
  if (!guide || s == RES_INDEPENDENT) return s;
  int g = pos ? v->res_axis[k] : v->res_legend[k];
  return g ? g : RES_SHARED;
}

#include "chart/chart_plot.h"

static int axis_orient(const vl_channel *ch, int dflt) { return ch->axis.orient >= 0 ? ch->axis.orient : dflt; }

static const vl_channel *slot_channel_in(vl_unit **units, int n, const vl_scales *sc, int k) {
  for (int i = 0; i < n; i++)
    if (units[i]->ch[k].on && sc->s[k] && sc->s[k]->ch == &units[i]->ch[k]) return &units[i]->ch[k];
  return sc->s[k] ? sc->s[k]->ch : NULL;
}

static const vl_channel *slot_channel(plot *p, int k) { return slot_channel_in(p->units, p->n, &p->sc, k); }

/* A layer's shared axis merges what its layers say (Vega-Lite): it is
 * drawn unless every layer hides it (axis: null), and an explicit title
 * in any layer wins over the first layer's field title.  ch: the channel
 * that defined the scale; a merged copy (in lc's arena) when needed. */
static const vl_channel *layer_axis_channel(vl_ctx *lc, const plot *p, int k, const vl_channel *ch) {
  if (!ch || p->indep[k] || p->gindep[k]) return ch;
  const vl_channel *shown = NULL, *titled = NULL;
  for (int i = 0; i < p->n; i++) {
    const vl_channel *o = &p->units[i]->ch[k];
    if (!o->on || !(o->field || o->agg || o->has_datum)) continue;
    if (!shown && !o->axis.hidden) shown = o;
    if (!titled && (o->axis.title.s || o->axis.title_null || o->title.s || o->title_null)) titled = o;
  }
  if (ch->axis.hidden && shown) ch = shown;
  int own_title = ch->axis.title.s || ch->axis.title_null || ch->title.s || ch->title_null;
  if (own_title || !titled || titled == ch) return ch;
  vl_channel *m = arena_alloc(lc->a, sizeof *m);
  *m = *ch;
  m->axis.title = titled->axis.title;
  m->axis.title_null = titled->axis.title_null;
  m->title = titled->title;
  m->title_null = titled->title_null;
  return m;
}

/* The scales unit i draws with: shared, with its group's independent ones. */
static void unit_scales(const plot *p, int i, vl_scales *out) {
  *out = p->sc;
  for (int k = 0; k < CH_LAST; k++)
    if (p->indep[k] && p->gsc[p->ugrp[i]].s[k]) out->s[k] = p->gsc[p->ugrp[i]].s[k];
}

static double disc_len(const vscale *s, double step) {
  if (s->type == SCL_BAND) return step * (s->ncats - s->pad_inner + 2 * s->pad_outer);
  return step * ((s->ncats > 1 ? s->ncats - 1 : 0) + 2 * s->pad_outer);
}

/* A title's style: the title's own, else config.title's, else huitu's. */
vl_title_style vl_view_title_style(chart *c, const vl_view *v) {
  vl_title_style t = v->title_style;
  const vl_title_style *k = &c->cfg.title;
  if (t.anchor < 0) t.anchor = k->anchor >= 0 ? k->anchor : 0;
  if (isnan(t.size)) t.size = !isnan(k->size) ? k->size : c->cfg.chart_title_size;
  if (isnan(t.subtitle_size)) t.subtitle_size = !isnan(k->subtitle_size) ? k->subtitle_size : c->cfg.label_size;
  if (isnan(t.offset)) t.offset = !isnan(k->offset) ? k->offset : GAP_TITLE;
  if (!(t.color & 0xff)) t.color = (k->color & 0xff) ? k->color : c->cfg.ink;
  if (!(t.subtitle_color & 0xff)) t.subtitle_color = (k->subtitle_color & 0xff) ? k->subtitle_color : c->cfg.muted;
  if (t.weight < 0) t.weight = k->weight >= 0 ? k->weight : 700;
  if (t.subtitle_weight < 0) t.subtitle_weight = k->subtitle_weight >= 0 ? k->subtitle_weight : 400;
  if (t.frame < 0) t.frame = k->frame >= 0 ? k->frame : 0;
  if (!t.font) t.font = k->font;
  if (!t.subtitle_font) t.subtitle_font = k->subtitle_font;
  double *td[] = {&t.subtitle_padding, &t.dx, &t.dy, &t.limit};
  const double *kd[] = {&k->subtitle_padding, &k->dx, &k->dy, &k->limit};
  for (int i = 0; i < 4; i++)
    if (isnan(*td[i])) *td[i] = *kd[i];
  if (isnan(t.subtitle_padding)) t.subtitle_padding = 2;
  if (isnan(t.dx)) t.dx = 0;
  if (isnan(t.dy)) t.dy = 0;
  return t;
}

/* The title and subtitle of v, wrapped to w (a limit: one line, cut),
 * centred or right-aligned in w by their anchor; *gap: the space under
 * them (offset, less dy: dy moves the title down towards the plot). */
void vl_titles(chart *c, vl_ctx *lc, vl_view *v, double w, const text_box **t, const text_box **st,
                   double *gap) {
  *t = *st = NULL;
  vl_title_style ts_ = vl_view_title_style(c, v);
  if (gap) *gap = fmax(0, ts_.offset - ts_.dy);
  text_align al = ts_.anchor == 1 ? TEXT_CENTER : ts_.anchor == 2 ? TEXT_RIGHT : TEXT_LEFT;
  int cut = !isnan(ts_.limit) && ts_.limit > 0;
  double tw = cut ? (w > 0 ? fmin(w, ts_.limit) : ts_.limit) : w > 0 ? w : 0;
  if (v->title.s) {
    text_style ts = vl_style(c, lc, ts_.size, ts_.weight >= 600, ts_.color, ts_.font);
    ts.align = al;
    *t = vl_text(c, lc, v->title.s, &ts, tw, cut);
  }
  if (v->subtitle.s) {
    text_style ss = vl_style(c, lc, ts_.subtitle_size, ts_.subtitle_weight >= 600, ts_.subtitle_color,
                             ts_.subtitle_font);
    ss.align = al;
    *st = vl_text(c, lc, v->subtitle.s, &ss, tw, cut);
  }
}

/* x of a title box in a view [x, x + w] by its anchor, moved by dx. */
static double title_x(chart *c, const vl_view *v, const text_box *b, double x, double w) {
  vl_title_style ts = vl_view_title_style(c, v);
  int a = ts.anchor;
  if (!b || a == 0 || b->width >= w) return x + ts.dx;
  return (a == 1 ? x + (w - b->width) / 2 : x + w - b->width) + ts.dx;
}

/* Title and subtitle from y down, anchored along [x, x + w] (frame bounds:
 * the view; group: the plot, for a single or layered view).  Returns the
 * y under them. */
double vl_titles_emit(chart *c, vl_ctx *lc, const vl_view *v, const text_box *t, const text_box *st, double x,
                          double y, double w) {
  double sub = vl_view_title_style(c, v).subtitle_padding;
  if (t) {
    scene_text(lc->sc, t, title_x(c, v, t, x, w), y, "chart.title");
    y += t->height + (st ? sub : 0);
  }
  if (st) {
    scene_text(lc->sc, st, title_x(c, v, st, x, w), y, "chart.subtitle");
    y += st->height;
  }
  return y;
}

double vl_title_h(const plot *p) {
  double h = 0;
  if (p->title) h += p->title->height;
  if (p->subtitle) h += (p->title ? p->tsub : 0) + p->subtitle->height;
  return h > 0 ? h + p->tgap : 0;
}

/* The scale s as the guide of units' own channel k: an axis or legend of a
 * scale shared with other views takes its title and properties from the
 * channel of the view it is drawn in. */
static const vscale *guide_scale(chart *c, vl_ctx *lc, const vscale *s, vl_unit **units, int n, int k) {
  if (!s) return NULL;
  for (int i = 0; i < n; i++) {
    const vl_channel *ch = &units[i]->ch[k];
    if (!ch->on || !(ch->field || ch->has_datum || ch->agg)) continue;
    if (ch == s->ch) return s;
    vscale *cp = arena_alloc(lc->a, sizeof *cp);
    *cp = *s;
    cp->ch = ch;
    cp->title = vl_channel_title(c, ch, lc->a);
    return cp;
  }
  return s;
}

/* Legends of a plot: shared scales once, independent ones per layer child. */
static void plot_legends(chart *c, vl_ctx *lc, plot *p, double avail) {
  memset(&p->lg, 0, sizeof p->lg);
  int skip[CH_LAST];
  vl_scales own = p->sc;
  for (int k = 0; k < CH_LAST; k++) {
    skip[k] = p->ext_slot[k] || p->indep[k] || p->gindep[k];
    if (!skip[k]) own.s[k] = (vscale *)guide_scale(c, lc, p->sc.s[k], p->units, p->n, k);
  }
  vl_legends_add(c, lc, p->units, p->n, &own, skip, avail, &p->lg);
  for (int g = 0; g < p->ngrp; g++) {
    vl_unit *gu[64];
    int gn = 0;
    for (int i = 0; i < p->n; i++)
      if (p->ugrp[i] == g) gu[gn++] = p->units[i];
    int only[CH_LAST];
    vl_scales gs = p->gsc[g];
    for (int k = 0; k < CH_LAST; k++) {
      only[k] = !(p->indep[k] || p->gindep[k]) || p->ext_slot[k];
      if (p->gindep[k]) gs.s[k] = (vscale *)guide_scale(c, lc, p->sc.s[k], gu, gn, k);
    }
    if (gn) vl_legends_add(c, lc, gu, gn, &gs, only, avail, &p->lg);
  }
}

/* The channel of layer child g's units on k (its axis), or NULL. */
static const vl_channel *group_channel(const plot *p, int g, int k) {
  for (int i = 0; i < p->n; i++)
    if (p->ugrp[i] == g && p->units[i]->ch[k].on && (p->units[i]->ch[k].field || p->units[i]->ch[k].has_datum ||
                                                     p->units[i]->ch[k].agg))
      return &p->units[i]->ch[k];
  return NULL;
}

/* W, H: total size available (<= 0: natural).  cell: inside a facet (no
 * legend/titles, given plot size). */
/* The units a view draws and the scales they share (a layer child's own
 * where resolve makes them independent, an enclosing concat's where it
 * lends them). */
static void plot_scales(chart *c, vl_ctx *lc, vl_view *v, plot *p) {
  if (v->kind == V_LAYER) {
    for (int i = 0; i < v->nkids && p->n < 64; i++) {
      int n0 = p->n;
      collect_units(v->kids[i], p->units, &p->n, 64);
      for (int j = n0; j < p->n; j++) p->ugrp[j] = i < MAXGRP ? i : MAXGRP - 1;
    }
    p->ngrp = v->nkids < MAXGRP ? v->nkids : MAXGRP;
  } else {
    collect_units(v, p->units, &p->n, 64);
  }
  if (p->n == 0) return;
  vl_scales_build(c, p->units, p->n, &p->sc, lc->a);
  if (v->kind == V_LAYER) {
    int any = 0, anyg = 0;
    for (int k = 0; k < CH_LAST; k++) {
      any |= p->indep[k] = vl_resolve(v, k, 0) == RES_INDEPENDENT;
      anyg |= p->gindep[k] = !p->indep[k] && vl_resolve(v, k, 1) == RES_INDEPENDENT;
    }
    if (any)
      for (int g = 0; g < p->ngrp; g++) {
        vl_unit *gu[64];
        int gn = 0;
        for (int i = 0; i < p->n; i++)
          if (p->ugrp[i] == g) gu[gn++] = p->units[i];
        if (gn) vl_scales_build(c, gu, gn, &p->gsc[g], lc->a);
      }
    if (!any && !anyg) p->ngrp = 0;
  }
  if (lc->ext)
    for (int k = 0; k < CH_LAST; k++)
      if (lc->ext->s[k] && p->sc.s[k]) {
        p->sc.s[k] = lc->ext->s[k];
        p->ext_slot[k] = !(lc->ext_child_legend && lc->ext_child_legend[k]);
        p->indep[k] = p->gindep[k] = 0;
      }
  /* text layers over bars: the bars' fill decides the label's ink */
  for (int i = 0; i < p->n; i++) {
    p->peer[i] = -1;
    if (p->units[i]->mark.type != MK_TEXT) continue;
    for (int j = 0; j < p->n; j++)
      if (p->units[j]->mark.type == MK_BAR || p->units[j]->mark.type == MK_RECT || p->units[j]->mark.type == MK_ARC) {
        p->peer[i] = j;
        break;
      }
  }
}

/* The channel of a concat's shared scale k this view draws its axis for:
 * its own unit's, the first with a field or aggregate. */
static const vl_channel *own_axis_channel(const plot *p, int k, const vscale *s, const vl_channel *ch) {
  for (int i = 0; i < p->n && s; i++)
    if (p->units[i]->ch[k].on && (p->units[i]->ch[k].field || p->units[i]->ch[k].agg)) return &p->units[i]->ch[k];
  return ch;
}

/* Which scales and channels the axes show: x and y, and a second x or y
 * axis on the other side for a layer's independent scale or axis. */
static void plot_axes_of(vl_ctx *lc, plot *p) {
  vscale *xs = p->sc.s[CH_X], *ys = p->sc.s[CH_Y];
  vscale *xs2 = p->indep[CH_X] && p->ngrp > 1 ? p->gsc[1].s[CH_X] : NULL;
  vscale *ys2 = p->indep[CH_Y] && p->ngrp > 1 ? p->gsc[1].s[CH_Y] : NULL;
  if (p->indep[CH_X] && p->gsc[0].s[CH_X]) xs = p->gsc[0].s[CH_X];
  if (p->indep[CH_Y] && p->gsc[0].s[CH_Y]) ys = p->gsc[0].s[CH_Y];
  /* one scale, an axis per layer child: the second on the other side */
  if (p->gindep[CH_X] && p->ngrp > 1 && group_channel(p, 1, CH_X)) xs2 = xs;
  if (p->gindep[CH_Y] && p->ngrp > 1 && group_channel(p, 1, CH_Y)) ys2 = ys;
  p->arc_only = !xs && !ys;
  const vl_channel *xc = slot_channel(p, CH_X), *yc = slot_channel(p, CH_Y);
  if (p->indep[CH_X] && xs) xc = xs->ch;
  if (p->indep[CH_Y] && ys) yc = ys->ch;
  if (p->gindep[CH_X] && group_channel(p, 0, CH_X)) xc = group_channel(p, 0, CH_X);
  if (p->gindep[CH_Y] && group_channel(p, 0, CH_Y)) yc = group_channel(p, 0, CH_Y);
  /* a concat's shared x or y: this view's own channel */
  if (p->ext_slot[CH_X] || (lc->ext && lc->ext->s[CH_X] == xs)) xc = own_axis_channel(p, CH_X, xs, xc);
  if (p->ext_slot[CH_Y] || (lc->ext && lc->ext->s[CH_Y] == ys)) yc = own_axis_channel(p, CH_Y, ys, yc);
  p->xs = xs, p->ys = ys, p->xs2 = xs2, p->ys2 = ys2;
  p->xc = layer_axis_channel(lc, p, CH_X, xc);
  p->yc = layer_axis_channel(lc, p, CH_Y, yc);
  p->x2c = xs2 ? (p->gindep[CH_X] ? group_channel(p, 1, CH_X) : xs2->ch) : NULL;
  p->y2c = ys2 ? (p->gindep[CH_Y] ? group_channel(p, 1, CH_Y) : ys2->ch) : NULL;
  p->has_x = xs && p->xc && !p->xc->axis.hidden;
  p->has_y = ys && p->yc && !p->yc->axis.hidden;
  p->has_x2 = xs2 && p->x2c && !p->x2c->axis.hidden;
  p->has_y2 = ys2 && p->y2c && !p->y2c->axis.hidden;
}

/* config.view.step, else Vega-Lite's 20 px per category in a standalone
 * spec, huitu's 36 in a page (where the frame mostly decides sizes). */
double vl_view_step(const chart *c) { return !isnan(c->cfg.step) ? c->cfg.step : c->cfg.page ? 36 : 20; }

/* The plot size the view asks for: *want_w, *want_h (NAN: none, the
 * layout decides); *fill_h: fill the height the layout offers. */
static void plot_size_wish(const chart *c, const vl_view *v, const plot *p, double W, double H, double *want_w,
                           double *want_h, int *fill_h) {
  const vscale *xs = p->xs, *ys = p->ys;
  double ww = v->width, wh = v->height;
  double step_w = v->width_step, step_h = v->height_step;
  /* A height the spec does not set (no number, no step) fills the room
   * the layout offers (H > 0: a fixed frame's cell), as "container". */
  int fh = H > 0 && (v->height_container || (isnan(wh) && isnan(step_h)));
  const vscale *xo0 = p->sc.s[CH_XOFF];
  if (xs && xs->disc && isnan(ww) && !v->width_container && isnan(step_w) && W <= 0) {
    if (!isnan(c->cfg.disc_w)) ww = c->cfg.disc_w; /* config.view.discreteWidth */
    else if (xs->type == SCL_BAND && xo0 && xo0->disc && xs->pad_inner < 1) /* the step is each offset band's, */
      step_w = vl_view_step(c) * xo0->ncats / (1 - xs->pad_inner);        /* as Vega-Lite's: x's band holds them */
    else step_w = vl_view_step(c);
  }
  if (ys && ys->disc && isnan(wh) && !fh && isnan(step_h)) {
    if (!isnan(c->cfg.disc_h)) wh = c->cfg.disc_h;
    else step_h = !isnan(c->cfg.step_y)                   ? c->cfg.step_y
                  : !isnan(step_w)                        ? step_w
                  : c->cfg.page && isnan(c->cfg.step) ? 30
                                                          : vl_view_step(c);
  }
  /* Nothing along x or y (a 1-D strip, a bullet chart's row): Vega-Lite
   * gives that side one discrete step, not a continuous axis's length. */
  if (!ys && xs && isnan(wh) && isnan(step_h) && !fh)
    wh = !isnan(c->cfg.disc_h) ? c->cfg.disc_h : vl_view_step(c);
  if (!xs && ys && isnan(ww) && isnan(step_w) && !v->width_container && W <= 0)
    ww = !isnan(c->cfg.disc_w) ? c->cfg.disc_w : vl_view_step(c);
  /* Neither (marks all at one place): one step each way, as Vega-Lite */
  int arcs = 0;
  for (int i = 0; i < p->n; i++) arcs |= p->units[i]->mark.type == MK_ARC;
  if (!xs && !ys && !arcs && W <= 0 && !c->cfg.page) {
    if (isnan(ww) && isnan(step_w) && !v->width_container) ww = !isnan(c->cfg.disc_w) ? c->cfg.disc_w : vl_view_step(c);
    if (isnan(wh) && isnan(step_h) && !fh) wh = !isnan(c->cfg.disc_h) ? c->cfg.disc_h : vl_view_step(c);
  }
  if (ys && ys->disc && !isnan(wh)) step_h = NAN;
  const vscale *xo = p->sc.s[CH_XOFF], *yo = p->sc.s[CH_YOFF];
  /* {step, for: offset}: the step is each xOffset band's; x's band holds them all */
  if (xs && xs->disc && xo && xo->disc && v->width_step_offset && !isnan(v->width_step) && xs->pad_inner < 1)
    step_w = disc_len(xo, v->width_step) / (1 - xs->pad_inner);
  if (ys && ys->disc && yo && yo->disc && v->height_step_offset && !isnan(v->height_step) && ys->pad_inner < 1)
    step_h = disc_len(yo, v->height_step) / (1 - ys->pad_inner);
  if (xs && xs->disc && !isnan(step_w)) ww = disc_len(xs, step_w);
  if (ys && ys->disc && !isnan(step_h)) wh = disc_len(ys, step_h);
  *want_w = ww, *want_h = wh, *fill_h = fh;
}

/* Every scale of the plot (shared and per layer child) over pw x ph. */
static void plot_set_ranges(plot *p, double pw, double ph) {
  vl_scales *all[1 + MAXGRP];
  int na = 0;
  all[na++] = &p->sc;
  for (int g = 0; g < p->ngrp; g++) all[na++] = &p->gsc[g];
  for (int q = 0; q < na; q++) {
    vl_scales *S = all[q];
    if (S->s[CH_X]) vl_scale_set_range(S->s[CH_X], 0, pw);
    if (S->s[CH_Y]) {
      if (S->s[CH_Y]->disc) vl_scale_set_range(S->s[CH_Y], 0, ph);
      else vl_scale_set_range(S->s[CH_Y], ph, 0);
    }
    if (S->s[CH_THETA]) vl_scale_set_range(S->s[CH_THETA], 0, 2 * M_PI);
  }
}

/* Measure one axis along len and add its extent to the side it is on:
 * *far when it is at orient far (right, top), else *near. */
static void axis_room(chart *c, vl_ctx *lc, const vscale *s, const vl_channel *ch, int orient, double len,
                      vl_axis_layout *al, int far, double *near, double *far_side) {
  vl_axis_measure(c, lc, s, ch, orient, len, al);
  if (al->orient == far) *far_side += al->extent;
  else *near += al->extent;
}

/* The axes at plot size pw x ph and the room they take at each side
 * (m: left, top, right, bottom), end labels that reach past the plot
 * included. */
static void plot_axes_measure(chart *c, vl_ctx *lc, plot *p, double pw, double ph, double m[4]) {
  double left = 0, bottom = 0, right = 0, top = 0;
  if (p->has_y) axis_room(c, lc, p->ys, p->yc, axis_orient(p->yc, OR_LEFT), ph, &p->ay, OR_RIGHT, &left, &right);
  if (p->has_y2) {
    int o = axis_orient(p->y2c, p->has_y && p->ay.orient == OR_RIGHT ? OR_LEFT : OR_RIGHT);
    axis_room(c, lc, p->ys2, p->y2c, o, ph, &p->ay2, OR_RIGHT, &left, &right);
  }
  if (p->has_x) axis_room(c, lc, p->xs, p->xc, axis_orient(p->xc, OR_BOTTOM), pw, &p->ax, OR_TOP, &bottom, &top);
  if (p->has_x2) {
    int o = axis_orient(p->x2c, p->has_x && p->ax.orient == OR_TOP ? OR_BOTTOM : OR_TOP);
    axis_room(c, lc, p->xs2, p->x2c, o, pw, &p->ax2, OR_TOP, &bottom, &top);
  }
  /* a y title level over the axis's top end (元/月) would meet an x axis on top: turn it */
  for (int q = 0; q < 2; q++) {
    vl_axis_layout *al = q ? (p->has_y2 ? &p->ay2 : NULL) : (p->has_y ? &p->ay : NULL);
    if (!al || al->title_mode != AXT_TOP) continue;
    if ((p->has_x && p->ax.orient == OR_TOP) || (p->has_x2 && p->ax2.orient == OR_TOP)) {
      double e0 = al->extent;
      vl_axis_title_turn(c, lc, al);
      if (al->orient == OR_RIGHT) right += al->extent - e0;
      else left += al->extent - e0;
    } else {
      top = fmax(top, al->title_top);
    }
  }
  /* rotated or wide end labels may reach past the plot: keep them in */
  if (p->has_x && p->ax.nt > 0 && p->ax.labels[0]) {
    double first = p->ax.ticks[0], half = p->ax.angle == 0 ? p->ax.labels[0]->width / 2 : 0;
    if (p->ax.angle != 0) half = p->ax.extent - 6; /* rotated text leans left by up to its length */
    if (p->ax.angle != 0) half = half * (p->ax.angle == -90 ? 0 : 1);
    if (half - first > left) left = half - first;
    const text_box *lb = p->ax.labels[p->ax.nt - 1];
    double last = pw - p->ax.ticks[p->ax.nt - 1];
    if (p->ax.angle == 0 && lb && lb->width / 2 - last > right) right = lb->width / 2 - last;
  }
  const vl_axis_layout *yl[2] = {p->has_y ? &p->ay : NULL, p->has_y2 ? &p->ay2 : NULL};
  for (int q = 0; q < 2; q++) {
    const vl_axis_layout *al = yl[q];
    if (!al || al->s->disc || al->nt <= 0 || !al->labels[0]) continue;
    double hh = al->labels[0]->height / 2;
    double t0 = fmin(al->ticks[0], al->ticks[al->nt - 1]);
    if (hh - t0 > top) top = hh - t0;
    double b0 = ph - fmax(al->ticks[0], al->ticks[al->nt - 1]);
    if (hh - b0 > bottom) bottom = hh - b0;
  }
  if (p->arc_only) top = bottom = 2;
  m[0] = left, m[1] = top, m[2] = right, m[3] = bottom;
}

void vl_plot_layout(chart *c, vl_ctx *lc, vl_view *v, double W, double H, plot *p, int no_legend) {
  memset(p, 0, sizeof *p);
  p->v = v;
  plot_scales(c, lc, v, p);
  if (p->n == 0) return;
  plot_axes_of(lc, p);
  double want_w, want_h;
  int fill_h;
  plot_size_wish(c, v, p, W, H, &want_w, &want_h, &fill_h);
  double direct = vl_story_label_room(c, lc, p->units, p->n, p->sc.s[CH_COLOR]); /* labels for the legend */
  if (!no_legend && !direct) plot_legends(c, lc, p, W > 0 ? W : 0);
  /* measure axes twice: the y axis width decides the plot width */
  double m[4] = {0, 0, 0, 0};
  for (int pass = 0; pass < 3; pass++) {
    double left = m[0], top = m[1], right = m[2], bottom = m[3];
    double legw = direct + (p->lg.n && (p->lg.orient == OR_RIGHT || p->lg.orient == OR_LEFT) ? p->lg.w + LG_GAP(p->lg) : 0);
    double pw = !isnan(want_w) ? want_w : W > 0 ? W - left - right - legw : c->cfg.cont_w;
    if (p->arc_only && isnan(want_w) && W <= 0) pw = 300;
    if (pw < 40 && (isnan(want_w) || c->cfg.page)) pw = 40; /* a standalone spec's own size (20 px: one step) stands */
    double ph;
    if (!isnan(want_h)) ph = want_h;
    else if (fill_h) ph = H - top - bottom;
    else if (W > 0) {
      ph = 0.6 * pw;
      if (ph > 380) ph = 380;
      if (p->arc_only) ph = pw < 320 ? pw : 320;
      if (ph < 160) ph = 160;
    } else ph = p->arc_only ? pw : c->cfg.cont_h;
    if (ph < 30 && (isnan(want_h) || c->cfg.page)) ph = 30;
    p->pw = pw;
    p->ph = ph;
    plot_set_ranges(p, pw, ph);
    plot_axes_measure(c, lc, p, pw, ph, m);
    if (!isnan(want_w) || W <= 0) {
      if (pass == 1) break;
    }
  }
  double left = m[0], top = m[1], right = m[2], bottom = m[3];
  if (p->lg.n && (p->lg.orient == OR_TOP || p->lg.orient == OR_BOTTOM) && !no_legend) {
    plot_legends(c, lc, p, p->pw + left + right);
  }
  p->left = left;
  p->right = right + direct;
  p->top = top;
  p->bottom = bottom;
  if (p->lg.n) {
    if (p->lg.orient == OR_RIGHT) p->right += LG_GAP(p->lg) + p->lg.w;
    else if (p->lg.orient == OR_LEFT) p->left += LG_GAP(p->lg) + p->lg.w;
    else if (p->lg.orient == OR_TOP) p->top += p->lg.h + LG_GAP(p->lg);
    else p->bottom += LG_GAP(p->lg) + p->lg.h;
    double side = p->lg.orient == OR_LEFT || p->lg.orient == OR_RIGHT;
    if (side && p->lg.h > p->ph + p->bottom) p->bottom = p->lg.h - p->ph;
  }
  p->w = p->left + p->pw + p->right;
  p->tgap = GAP_TITLE;
  p->tsub = vl_view_title_style(c, v).subtitle_padding;
  if (!no_legend && !c->cfg.page) {
    /* a standalone spec's title is not wrapped to a narrow plot (a title of
     * 4 CJK characters a line): as Vega-Lite's autosize, the chart widens */
    vl_titles(c, lc, v, 0, &p->title, &p->subtitle, &p->tgap);
    double tw = fmax(p->title ? p->title->width : 0, p->subtitle ? p->subtitle->width : 0);
    if (tw > p->w) p->right += tw - p->w, p->w = tw;
  }
  if (!no_legend) vl_titles(c, lc, v, p->w, &p->title, &p->subtitle, &p->tgap);
  p->h = vl_title_h(p) + p->top + p->ph + p->bottom;
}

/* The plot area's fill (under the grid) or frame (over the marks), from
 * the view's own view: {fill, stroke, strokeWidth}, else config.view. */
void vl_view_bg(chart *c, vl_ctx *lc, const vl_view *v, double px, double py, double pw, double ph,
                    int frame) {
  uint32_t fill = (v && (v->view_fill & 0xff)) ? v->view_fill : c->cfg.view_fill;
  uint32_t stroke = v && v->view_stroke_set ? v->view_stroke : c->cfg.view_stroke;
  double sw = v && !isnan(v->view_stroke_width) && v->view_stroke_width > 0 ? v->view_stroke_width
              : c->cfg.view_stroke_width > 0                                 ? c->cfg.view_stroke_width
                                                                             : 1;
  if (!frame && (fill & 0xff)) scene_rect(lc->sc, px, py, pw, ph, scene_fill(fill), "view.background");
  if (frame && (stroke & 0xff)) {
    sc_style st = scene_stroke(stroke, sw);
    st.fill = 0;
    scene_rect(lc->sc, px, py, pw, ph, st, "view.frame");
  }
}

void vl_plot_emit(chart *c, vl_ctx *lc, vl_view *v, plot *p, double x, double y, const int *const *masks) {
  if (vl_view_title_style(c, v).frame == 1) /* frame: group: along the plot */
    vl_titles_emit(c, lc, v, p->title, p->subtitle, x + p->left, y, p->pw);
  else
    vl_titles_emit(c, lc, v, p->title, p->subtitle, x, y, p->w);
  double px = x + p->left, py = y + vl_title_h(p) + p->top;
  scene_note_box(lc->sc, "plot", px, py, p->pw, p->ph);
  vl_view_bg(c, lc, v, px, py, p->pw, p->ph, 0);
  if (p->has_y) vl_grid_emit(c, lc, &p->ay, px, py, p->pw, p->ph);
  if (p->has_x) vl_grid_emit(c, lc, &p->ax, px, py, p->pw, p->ph);
  const struct geo_projection *geo = vl_geo_fit(c, lc, p->units, p->n, p->pw, p->ph);
  for (int i = 0; i < p->n; i++) {
    vl_scales us, ps;
    unit_scales(p, i, &us);
    vl_mark_peers peers = {.geo = geo};
    if (p->peer[i] >= 0) {
      unit_scales(p, p->peer[i], &ps);
      peers.bar_peer = p->units[p->peer[i]];
      peers.peer_sc = &ps;
    }
    vl_marks_emit(c, lc, p->units[i], &us, &peers, px, py, p->pw, p->ph, masks ? masks[i] : NULL);
  }
  vl_view_bg(c, lc, v, px, py, p->pw, p->ph, 1);
  if (p->has_x) vl_axis_emit(c, lc, &p->ax, px, py, p->pw, p->ph, "x");
  if (p->has_y) vl_axis_emit(c, lc, &p->ay, px, py, p->pw, p->ph, "y");
  if (p->has_x2) vl_axis_emit(c, lc, &p->ax2, px, py, p->pw, p->ph, "x2");
  if (p->has_y2) {
    /* a second axis on the same side sits outside the first */
    double off = p->has_y && p->ay2.orient == p->ay.orient ? p->ay.extent : 0;
    vl_axis_emit(c, lc, &p->ay2, px - (p->ay2.orient == OR_LEFT ? off : -off), py, p->pw, p->ph, "y2");
  }
  if (p->lg.n) {
    double lx, ly;
    if (p->lg.orient == OR_RIGHT) lx = px + p->pw + p->right - p->lg.w, ly = py;
    else if (p->lg.orient == OR_LEFT) lx = x, ly = py;
    else if (p->lg.orient == OR_TOP) lx = px, ly = y + vl_title_h(p);
    else lx = px, ly = py + p->ph + p->bottom - p->lg.h;
    vl_legends_emit(c, lc, &p->lg, lx, ly);
  }
}

/* ---- facets ---- */

/* Where and what a memory error in the layout of v's n parts names: the
 * view's repeat, facet or concat key, "the repeat of 100000 views". */
const spec_node *vl_budget_at(vl_ctx *lc, const vl_view *v, long n, const char **what) {
  const spec_node *at = v->node;
  const char *kind = v->kind == V_FACET ? "facet" : "concat", *unit = v->kind == V_FACET ? "cells" : "views";
  static const char *const keys[] = {"repeat", "facet", "concat", "hconcat", "vconcat"};
  for (size_t i = 0; at && at->kind == SPEC_MAP && i < sizeof keys / sizeof keys[0]; i++) {
    const spec_node *k = spec_map_get(at, keys[i]);
    if (k) {
      at = k;
      if (!i) kind = "repeat";
      break;
    }
  }
  *what = arena_printf(lc->a, "the %s of %ld %s", kind, n, unit);
  return at;
}

/* The memory budget in a layout loop over v's n parts (data_budget_step). */
int vl_layout_budget(chart *c, vl_ctx *lc, const vl_view *v, size_t used0, long done, long n) {
  if (!arena_budget(lc->a) || ((done & 63) && !arena_over_budget(lc->a))) return 0;
  const char *what;
  const spec_node *at = vl_budget_at(lc, v, n, &what);
  return data_budget_step(c->doc, at, lc->a, used0, done, n, 64, what, lc->d);
}

static void view_size(chart *c, vl_ctx *lc, vl_view *v, double W, double H, double *w, double *h);
static void view_emit(chart *c, vl_ctx *lc, vl_view *v, double x, double y, double W, double H);

static void concat_geom(vl_view *v, int *cols, int *rows) {
  int n = v->nkids;
  if (v->kind == V_HCONCAT) *cols = n;
  else if (v->kind == V_VCONCAT) *cols = 1;
  else *cols = v->columns > 0 ? (v->columns < n ? v->columns : n) : n;
  *rows = (n + *cols - 1) / *cols;
}

/* Concat (and repeat): the scales its resolve shares (by default all but
 * x, y, theta and radius: Vega-Lite's) span every sub-view's data and are
 * lent to them; a shared scale's legend is drawn once, by the concat,
 * unless resolve.legend makes it each sub-view's (child_legend).  Axes of
 * a shared x or y stay with each sub-view, as in Vega-Lite. */
static void concat_shared(chart *c, vl_ctx *lc, vl_view *v, vl_scales *ext, int *child_legend, vl_legends *lg) {
  memset(ext, 0, sizeof *ext);
  memset(lg, 0, sizeof *lg);
  vl_unit *units[64];
  int n = 0;
  collect_units(v, units, &n, 64);
  if (!n) return;
  vl_scales all;
  vl_scales_build(c, units, n, &all, lc->a);
  int skip[CH_LAST], any = 0;
  for (int k = 0; k < CH_LAST; k++) {
    child_legend[k] = 0;
    skip[k] = 1;
    if (!all.s[k] || vl_resolve(v, k, 0) != RES_SHARED) continue;
    if (lc->ext && lc->ext->s[k]) continue; /* an outer concat owns it */
    ext->s[k] = all.s[k];
    child_legend[k] = vl_resolve(v, k, 1) == RES_INDEPENDENT;
    skip[k] = child_legend[k];
    any = 1;
  }
  if (any) vl_legends_add(c, lc, units, n, ext, skip, 0, lg);
}

static void concat_do(chart *c, vl_ctx *lc, vl_view *v, double W, double *w, double *h, int emit, double x, double y) {
  int cols, rows;
  concat_geom(v, &cols, &rows);
  const text_box *t, *st;
  double tgap = GAP_TITLE;
  vl_titles(c, lc, v, W, &t, &st, &tgap);
  double th = (t ? t->height : 0) + (st ? st->height + (t ? vl_view_title_style(c, v).subtitle_padding : 0) : 0);
  if (th > 0) th += tgap;
  vl_scales *ext = arena_alloc(lc->a, sizeof *ext);
  vl_legends *lg = arena_alloc(lc->a, sizeof *lg);
  int *child_legend = arena_alloc_array(lc->a, CH_LAST, sizeof(int));
  concat_shared(c, lc, v, ext, child_legend, lg);
  vl_scales merged = lc->ext ? *lc->ext : (vl_scales){{0}};
  for (int k = 0; k < CH_LAST; k++) {
    if (ext->s[k]) merged.s[k] = ext->s[k];
    else if (lc->ext_child_legend) child_legend[k] = lc->ext_child_legend[k];
  }
  vl_ctx scope = *lc; /* from here on, the children are laid out in this concat's scope */
  scope.ext = &merged;
  scope.ext_child_legend = child_legend;
  lc = &scope;
  double legw = lg->n ? lg->w + LG_GAP(*lg) : 0;
  /* spacing: {row, column} or a number, else huitu's GAP_CONCAT */
  double gx = !isnan(v->spacing_col) ? v->spacing_col : GAP_CONCAT, gy = !isnan(v->spacing_row) ? v->spacing_row : GAP_CONCAT;
  double cw = W > 0 ? (W - legw - (cols - 1) * gx) / cols : 0;
  double *colw = arena_alloc_array(lc->a, (size_t)cols, sizeof(double));
  double *rowh = arena_alloc_array(lc->a, (size_t)rows, sizeof(double));
  size_t used0 = data_budget_used(lc->a);
  for (int i = 0; i < v->nkids; i++) {
    if (vl_layout_budget(c, lc, v, used0, i, v->nkids)) break;
    double kw, kh;
    view_size(c, lc, v->kids[i], cw, 0, &kw, &kh);
    if (kw > colw[i % cols]) colw[i % cols] = kw;
    if (kh > rowh[i / cols]) rowh[i / cols] = kh;
  }
  double tw = 0, tot_h = th;
  for (int i = 0; i < cols; i++) tw += colw[i] + (i ? gx : 0);
  for (int i = 0; i < rows; i++) tot_h += rowh[i] + (i ? gy : 0);
  *w = tw + legw;
  *h = tot_h;
  if (lg->n && th + lg->h > *h) *h = th + lg->h;
  if (emit) {
    vl_titles_emit(c, lc, v, t, st, x, y, *w);
    double yy = y + th;
    for (int r = 0; r < rows; r++) {
      double xx = x;
      for (int k = 0; k < cols; k++) {
        int i = r * cols + k;
        if (i >= v->nkids || arena_over_budget(lc->a)) break;
        view_emit(c, lc, v->kids[i], xx, yy, cw, 0);
        xx += colw[k] + gx;
      }
      yy += rowh[r] + gy;
    }
    if (lg->n) vl_legends_emit(c, lc, lg, x + tw + LG_GAP(*lg), y + th);
  }
}

/* autosize: pad lays the plot out at width x height and the chart grows
 * around it; fit (fit-x, fit-y) solves for the plot size that makes the
 * whole view -- axes, legends, title -- that size.  Axis extents move a
 * little with the plot size (tick counts), so a few rounds settle it.
 * With contains: padding, width and height include the padding (of a
 * standalone chart: a chart block has none). */
static void plot_layout_root(chart *c, vl_ctx *lc, vl_view *v, double W, double H, plot *p) {
  int fx = c->autosize == AS_FIT || c->autosize == AS_FIT_X, fy = c->autosize == AS_FIT || c->autosize == AS_FIT_Y;
  int inc = lc->stage->natural && c->autosize_padding;
  double padw = !inc ? 0 : c->has_padding ? c->pad[0] + c->pad[2] : 32;
  double padh = !inc ? 0 : c->has_padding ? c->pad[1] + c->pad[3] : 32;
  if (v != c->root || (!fx && !fy && !inc)) {
    vl_plot_layout(c, lc, v, W, H, p, 0);
    /* A plot that fills H (see plot_layout) leaves the title and a top or
     * bottom legend out of its sum: ask again with their height taken off. */
    double H2 = H;
    for (int round = 0; round < 3 && H > 0 && (v->height_container || (isnan(v->height) && isnan(v->height_step))) &&
                        fabs(p->h - H) > 0.5 && H2 - (p->h - H) >= 1;
         round++) {
      H2 -= p->h - H;
      vl_plot_layout(c, lc, v, W, H2, p, 0);
    }
    return;
  }
  vl_view tmp = *v;
  if (!fx && !isnan(tmp.width)) tmp.width = fmax(1, tmp.width - padw);   /* pad, contains padding */
  if (!fy && !isnan(tmp.height)) tmp.height = fmax(1, tmp.height - padh);
  double tw = (!isnan(v->width) ? v->width : W > 0 ? W : c->cfg.cont_w) - padw;
  double th = (!isnan(v->height) ? v->height : H > 0 ? H : c->cfg.cont_h) - padh;
  for (int round = 0; round < 6; round++) {
    vl_plot_layout(c, lc, &tmp, W, H, p, 0);
    int again = 0;
    if (fx && fabs(p->w - tw) > 0.01 && p->pw + tw - p->w >= 1) tmp.width = p->pw + (tw - p->w), again = 1;
    if (fy && fabs(p->h - th) > 0.01 && p->ph + th - p->h >= 1) tmp.height = p->ph + (th - p->h), again = 1;
    if (!again) break;
  }
}

static void view_size(chart *c, vl_ctx *lc, vl_view *v, double W, double H, double *w, double *h) {
  *w = *h = 0;
  if (!v) return;
  if (v->kind == V_UNIT || v->kind == V_LAYER) {
    plot p;
    plot_layout_root(c, lc, v, W, H, &p);
    *w = p.w;
    *h = p.h;
  } else if (v->kind == V_FACET) {
    vl_facet_size(c, lc, v, W, w, h);
  } else {
    concat_do(c, lc, v, W, w, h, 0, 0, 0);
  }
}

static void view_emit(chart *c, vl_ctx *lc, vl_view *v, double x, double y, double W, double H) {
  if (!v) return;
  if (v->kind == V_UNIT || v->kind == V_LAYER) {
    plot p;
    plot_layout_root(c, lc, v, W, H, &p);
    vl_plot_emit(c, lc, v, &p, x, y, NULL);
  } else if (v->kind == V_FACET) {
    vl_facet_emit(c, lc, v, W, x, y);
  } else {
    double w, h;
    concat_do(c, lc, v, W, &w, &h, 1, x, y);
  }
}

/* ---- public API ---- */

/* px the chart adds at side i (left, top, right, bottom) around its views:
 * a standalone chart's page margin is the smallest side of its padding
 * (chart_page_props), the chart adds the rest; in a page, the padding
 * given is inside the block (the block's own is outside). */
static double pad_side(const chart *c, const chart_stage *st, int i) {
  if (!c->has_padding) return 0;
  return fmax(0, c->pad[i] - (st->natural ? c->padding : 0));
}

/* A layout pass over c on the stage st: at the top, in no concat's scope,
 * with the stage's memo for c (else one of its own, for this call). */
static vl_ctx pass_of(const chart *c, const chart_stage *st) {
  chart_memo *m = st->memo && st->memo->c == c ? st->memo : chart_memo_new(c, st->a);
  return (vl_ctx){.te = st->te, .a = st->a, .d = st->d, .sc = st->sc, .stage = st, .memo = m};
}

void chart_size(chart *c, const chart_stage *st, double avail_w, double avail_h, double *w, double *h) {
  *w = avail_w > 0 ? avail_w : 0;
  *h = 0;
  if (!c || !c->root) return;
  if (st->natural) avail_w = avail_h = 0; /* standalone: natural size */
  double pw = pad_side(c, st, 0) + pad_side(c, st, 2), ph = pad_side(c, st, 1) + pad_side(c, st, 3);
  if (avail_w > 0) avail_w = fmax(1, avail_w - pw);
  if (avail_h > 0) avail_h = fmax(1, avail_h - ph);
  vl_ctx pass = pass_of(c, st), *lc = &pass;
  vl_fonts_resolve(c, lc);
  /* The same chart, stage and room as last time: the same size (layout
   * is a pure function of them).  Only a call that reported nothing is
   * remembered, so every diagnostic is still reported as often as before. */
  const diag_list *d = st->d;
  struct chart_size_memo *sm = &lc->memo->size;
  if (sm->valid && sm->te == st->te && sm->a == st->a && sm->d == st->d && sm->lang == st->lang &&
      sm->font == st->font && sm->size_min == st->size_min && sm->text_scale == st->text_scale &&
      sm->natural == st->natural && sm->avail_w == avail_w && sm->avail_h == avail_h) {
    *w = sm->w;
    *h = sm->h;
  } else {
    int n0 = d ? d->n : 0, e0 = d ? d->errors : 0, w0 = d ? d->warnings : 0;
    view_size(c, lc, c->root, avail_w, avail_h, w, h);
    int quiet = !d || (d->n == n0 && d->errors == e0 && d->warnings == w0);
    sm->valid = quiet;
    if (quiet) {
      sm->te = st->te, sm->a = st->a, sm->d = st->d, sm->lang = st->lang, sm->font = st->font;
      sm->size_min = st->size_min, sm->text_scale = st->text_scale, sm->natural = st->natural;
      sm->avail_w = avail_w, sm->avail_h = avail_h, sm->w = *w, sm->h = *h;
    }
  }
  if (arena_over_budget(st->a)) { /* past the memory budget: no size errors after it */
    data_budget_error(c->doc, c->root->node, st->a, 0, "the chart", st->d); /* unless reported where it grew */
    *w = *h = 0;
  }
  *w = ceil(*w + pw);
  *h = ceil(*h + ph);
}

void chart_emit(chart *c, const chart_stage *st, double x, double y, double w, double h) {
  if (!c || !c->root || arena_over_budget(st->a)) return;
  if (st->natural) w = 0;
  else if (w > 0) w = fmax(1, w - pad_side(c, st, 0) - pad_side(c, st, 2));
  vl_ctx pass = pass_of(c, st);
  vl_fonts_resolve(c, &pass);
  /* h > 0: the frame's height for a chart that fills it (chart_size was
   * asked with the same room); 0: natural height. */
  if (st->natural) h = 0;
  else if (h > 0) h = fmax(1, h - pad_side(c, st, 1) - pad_side(c, st, 3));
  view_emit(c, &pass, c->root, x + pad_side(c, st, 0), y + pad_side(c, st, 1), w, h);
  if (arena_over_budget(st->a)) data_budget_error(c->doc, c->root->node, st->a, 0, "the chart", st->d);
}

int chart_mark_at(chart *c, const chart_stage *st, double x, double y, double w, double h, chart_probe *p) {
  chart_stage probe = *st;
  probe.sc = scene_new(st->a, st->sc ? st->sc->width : 0, st->sc ? st->sc->height : 0, 0);
  probe.d = NULL; /* reported by the real emit already */
  probe.probe = p;
  p->found = 0;
  chart_emit(c, &probe, x, y, w, h);
  return p->found;
}

int chart_is_vega_lite(const spec_node *root) {
  const char *const *keys = vl_spec_table.one_of_keys; /* mark, layer, hconcat, ... */
  if (!root || root->kind != SPEC_MAP) return 0;
  const spec_node *schema = spec_map_get(root, "$schema");
  if (schema && schema->kind == SPEC_SCALAR && strstr(schema->str, "vega-lite")) return 1;
  if (spec_map_get(root, "blocks")) return 0;
  for (int i = 0; keys[i]; i++)
    if (spec_map_get(root, keys[i])) return 1;
  return 0;
}

void chart_page_props(const chart *c, unsigned int *background_rgba, double *padding) {
  *background_rgba = c ? c->background : 0xffffffffu;
  *padding = c && c->has_padding ? c->padding : 16;
}
