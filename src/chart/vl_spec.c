/* Vega-Lite views: vl_parse, and what a view is made of -- its size, its
 * data (its own, a set named in datasets, or its parent's; transformed), its
 * resolve, and its composition into layers, concats, facets and repeats,
 * down to unit views, whose encodings merge along the chain of layers
 * above them.  The parts of a view are read in the other vl_spec_*.c files
 * (values, channels, guides, marks, config: see vl_spec_internal.h), all
 * against the key tables of vl_keys.c: supported keys (with did-you-mean)
 * and known-but-unsupported keys (located errors). */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "data/transform.h"
#include "chart/projection.h"
#include "chart/vl_spec_internal.h"
#include "spec/keys.h"

static void parse_size(chart *c, const spec_node *n, double *v, double *step, int *container, int *for_offset,
                       diag_list *d) {
  if (!n) return;
  if (n->kind == SPEC_MAP) {
    vl_check_keys(c, n, NULL, &vl_size_table, d);
    const spec_node *s = spec_map_get(n, "step"), *f = spec_map_get(n, "for");
    if (!s) diag_spec_error(d, L(c, n), "a size mapping needs 'step' (px per category)");
    else vls_get_num(c, s, step, d);
    if (f) *for_offset = vls_enum_index(c, f, E(&vl_size_table, "for"), "step 'for'", d) == 1;
    return;
  }
  if (n->kind == SPEC_SCALAR && !strcmp(n->str, "container")) {
    *container = 1;
    return;
  }
  const vl_key *k = vl_table_key(&vl_spec_table, "width"); /* height has the same range */
  /* A length with a unit, as page sizes take: 300px, 80mm, 3in, 12pt, 2.5cm. */
  if (n->kind == SPEC_SCALAR && !spec_is_null(n) && !spec_is_number(n)) {
    if (keys_parse_length(n->str, n->len, v)) {
      diag_spec_error(d, L(c, n), "expected a chart size (a number of px, or with a unit: 300px, 80mm, 12pt; "
                      "or container), found %s", spec_describe(c->a, n));
      *v = NAN;
    } else if (*v <= k->min || *v > k->max) {
      diag_spec_error(d, L(c, n), "chart size must be between 1 and %g px, found %s (%g px)", k->max, n->str, *v);
      *v = NAN;
    }
    return;
  }
  if (vls_get_num(c, n, v, d) == 0 && (*v <= k->min || *v > k->max)) {
    diag_spec_error(d, L(c, n), "chart size must be between 1 and %g px, found %s", k->max, n->str);
    *v = NAN;
  }
}

const char *vl_base_dir(chart *c) {
  const char *p = c->doc->path ? c->doc->path : "";
  const char *slash = strrchr(p, '/');
  if (!slash) return ".";
  return arena_strndup(c->a, p, (size_t)(slash - p));
}

/* data: {name: x} names a set of rows in the top level's datasets: load
 * it as data: {values: datasets.x, format: ...} would be. */
static const spec_node *named_data(chart *c, const spec_node *data, diag_list *d) {
  const spec_node *name = spec_map_get(data, "name");
  if (!name || name->kind != SPEC_SCALAR || spec_map_get(data, "values") || spec_map_get(data, "url") ||
      spec_map_get(data, "sequence") || !c->datasets || c->datasets->kind != SPEC_MAP)
    return data; /* data_load says what is wrong */
  const spec_node *rows = spec_map_get(c->datasets, name->str);
  if (!rows) {
    diag_spec_error(d, L(c, name), "no data set '%s' in 'datasets'", name->str);
    return NULL;
  }
  spec_node *m = arena_alloc(c->a, sizeof *m);
  *m = *data;
  m->keys = arena_alloc_array(c->a, (size_t)data->n, sizeof *m->keys);
  m->items = arena_alloc_array(c->a, (size_t)data->n, sizeof *m->items);
  for (int i = 0; i < data->n; i++) {
    m->keys[i] = data->keys[i];
    m->items[i] = data->items[i];
    if (data->items[i] == name) { /* name: x  ->  values: the rows */
      spec_node *k = arena_alloc(c->a, sizeof *k);
      *k = *data->keys[i];
      k->str = "values";
      k->len = 6;
      m->keys[i] = k;
      m->items[i] = (spec_node *)rows;
    }
  }
  return m;
}

static dtable *view_data(chart *c, const spec_node *n, dtable *parent, diag_list *d) {
  const spec_node *data = spec_map_get(n, "data");
  dtable *t = parent;
  if (data && data->kind == SPEC_MAP) data = named_data(c, data, d);
  if (data && !spec_is_null(data)) t = data_load(c->doc, data, vl_base_dir(c), c->a, d);
  const spec_node *tr = spec_map_get(n, "transform");
  if (tr && t && t == parent) { /* transforms change their input: keep the parent's rows for siblings */
    dtable *cp = dtable_like(parent, c->a);
    for (int r = 0; r < parent->nrows; r++)
      memcpy(dtable_add_row(cp), dtable_row(parent, r), (size_t)parent->ncols * sizeof(cell));
    t = cp;
  }
  if (tr && t) t = transform_apply_ex(c->doc, tr, t, NULL, NULL, &c->env, c->a, d);
  /* data or transforms that failed said so: an empty table, so the views
   * below do not add "the chart has no 'data'" */
  if (!t && (!spec_is_null(spec_map_get(n, "data")) || parent)) t = dtable_new(c->a);
  return t;
}

#define MAX_ENC 8
typedef struct enc_chain {
  const spec_node *e[MAX_ENC];
  int n;
  const spec_node *projection; /* a layer's, for the views in it */
} enc_chain;

static vl_view *parse_view(chart *c, const spec_node *n, dtable *data, enc_chain enc, diag_list *d, int top);

/* A layer child's field definition inherits what its parent's definition
 * of the channel sets and it does not (Vega-Lite's mergeEncoding): the
 * parent's {type, scale, axis} with the child's {field}.  The merged
 * mapping keeps every key's own source location. */
const spec_node *vls_merge_channel(chart *c, const spec_node *parent, const spec_node *child) {
  if (!parent || parent->kind != SPEC_MAP || child->kind != SPEC_MAP ||
      !(spec_map_get(child, "field") || spec_map_get(child, "datum")))
    return child;
  spec_node *m = arena_alloc(c->a, sizeof *m);
  *m = *child;
  m->keys = arena_alloc_array(c->a, (size_t)(parent->n + child->n) + 1, sizeof *m->keys);
  m->items = arena_alloc_array(c->a, (size_t)(parent->n + child->n) + 1, sizeof *m->items);
  m->n = 0;
  for (int i = 0; i < parent->n; i++)
    if (!spec_map_get(child, parent->keys[i]->str)) {
      m->keys[m->n] = parent->keys[i];
      m->items[m->n++] = parent->items[i];
    }
  for (int i = 0; i < child->n; i++) {
    m->keys[m->n] = child->keys[i];
    m->items[m->n++] = child->items[i];
  }
  return m;
}

/* longitude, latitude, longitude2, latitude2: the encoding keys after
 * CH_*, and the slots they are read into */
#define GEO_CHANNELS 4
static const int geo_slot[GEO_CHANNELS] = {CH_X, CH_Y, CH_X2, CH_Y2};

static void parse_unit_encoding(chart *c, vl_unit *u, enc_chain *enc, diag_list *d) {
  const spec_node *def[CH_LAST + GEO_CHANNELS] = {0}; /* each channel's definition, merged down the chain */
  for (int e = 0; e < enc->n; e++) {
    const spec_node *m = enc->e[e];
    if (!m) continue;
    if (m->kind != SPEC_MAP) {
      diag_spec_error(d, L(c, m), "'encoding' must be a mapping of channels, found %s", spec_describe(c->a, m));
      continue;
    }
    if (e == enc->n - 1) vl_check_keys(c, m, NULL, &vl_encoding_table, d);
    for (int i = 0; i < m->n; i++)
      for (int k = 0; k < CH_LAST + GEO_CHANNELS; k++)
        if (!strcmp(CHN(k), m->keys[i]->str)) def[k] = vls_merge_channel(c, def[k], m->items[i]);
  }
  for (int g = 0; g < GEO_CHANNELS; g++) {
    const spec_node *gd = def[CH_LAST + g];
    if (!gd || spec_is_null(gd)) continue;
    int slot = geo_slot[g];
    if (def[slot] && !spec_is_null(def[slot])) {
      diag_spec_error(d, L(c, gd), "'%s' and '%s' cannot both be set: a map places marks by the projection",
                      CHN(CH_LAST + g), CHN(slot));
      continue;
    }
    vls_parse_channel(c, CH_LAST + g, gd, &u->ch[slot], d);
  }
  for (int k = 0; k < CH_LAST; k++) {
    if (!def[k]) continue;
    if (spec_is_null(def[k])) u->ch[k].on = 0;
    else vls_parse_channel(c, k, def[k], &u->ch[k], d);
  }
}

static int check_common(chart *c, const spec_node *n, diag_list *d) {
  if (n->kind != SPEC_MAP) {
    diag_spec_error(d, L(c, n), "a Vega-Lite view must be a mapping, found %s", spec_describe(c->a, n));
    return -1;
  }
  vl_check_keys(c, n, NULL, &vl_spec_table, d);
  return 0;
}

static vl_view *parse_repeat(chart *c, const spec_node *n, vl_view *v, const spec_node *repeat,
                             const spec_node *spec, dtable *own, enc_chain enc, diag_list *d);

/* resolve: {scale, axis, legend} -> v->res_*; which compositions they
 * apply to is checked once the view's kind is known (check_resolve). */
static void parse_resolve(chart *c, const spec_node *n, vl_view *v, diag_list *d) {
  if (!n) return;
  if (n->kind != SPEC_MAP) {
    diag_spec_error(d, L(c, n), "'resolve' must be a mapping {scale, axis, legend}, found %s", spec_describe(c->a, n));
    return;
  }
  vl_check_keys(c, n, NULL, &vl_resolve_table, d);
  static const char *const groups[] = {"scale", "axis", "legend"};
  const vl_table *tabs[] = {&vl_resolve_scale_table, &vl_resolve_axis_table, &vl_resolve_legend_table};
  signed char *out[] = {v->res_scale, v->res_axis, v->res_legend};
  for (int g = 0; g < 3; g++) {
    const spec_node *grp = spec_map_get(n, groups[g]);
    if (!grp) continue;
    if (grp->kind != SPEC_MAP) {
      diag_spec_error(d, L(c, grp), "'resolve.%s' must be a mapping of channels to shared or independent, found %s",
                      groups[g], spec_describe(c->a, grp));
      continue;
    }
    vl_check_keys(c, grp, NULL, tabs[g], d);
    for (int i = 0; i < grp->n; i++) {
      const vl_key *key = vl_table_key(tabs[g], grp->keys[i]->str);
      if (!key) continue;
      int mode = vls_enum_index(c, grp->items[i], key->enums, "resolve mode", d);
      for (int k = 0; k < CH_LAST && mode >= 0; k++)
        if (!strcmp(CHN(k), key->name)) out[g][k] = (signed char)(mode == 0 ? RES_SHARED : RES_INDEPENDENT);
    }
  }
  /* Vega-Lite: an independent scale always has independent guides */
  for (int g = 1; g < 3; g++) {
    const spec_node *grp = spec_map_get(n, groups[g]), *sg = spec_map_get(n, "scale");
    for (int i = 0; grp && sg && grp->kind == SPEC_MAP && i < grp->n; i++) {
      const spec_node *sv = sg->kind == SPEC_MAP ? spec_map_get(sg, grp->keys[i]->str) : NULL;
      if (sv && sv->kind == SPEC_SCALAR && !strcmp(sv->str, "independent") && grp->items[i]->kind == SPEC_SCALAR &&
          !strcmp(grp->items[i]->str, "shared"))
        diag_add(d, DIAG_WARNING, DIAG_SPEC, L(c, grp->items[i]),
                 "a shared %s needs a shared scale: resolve.scale.%s is independent, so each view gets its own",
                 groups[g], grp->keys[i]->str);
    }
  }
}

/* resolve on a view that composes nothing has nothing to resolve. */
static void check_resolve(chart *c, const spec_node *n, const vl_view *v, diag_list *d) {
  const spec_node *r = spec_map_get(n, "resolve");
  if (r && v->kind == V_UNIT)
    diag_spec_error(d, L(c, r), "'resolve' needs views to combine: use it on a layer, concat, facet or repeat");
}

/* view: {fill, stroke, strokeWidth} (a spec's own, or config.view's) */
void vls_parse_view_bg(chart *c, const spec_node *n, uint32_t *fill, uint32_t *stroke, double *sw, int *stroke_set,
                          diag_list *d) {
  if (!n) return;
  if (n->kind != SPEC_MAP) {
    diag_spec_error(d, L(c, n), "'view' must be a mapping {fill, stroke, strokeWidth}, found %s",
                    spec_describe(c->a, n));
    return;
  }
  const spec_node *x;
  if ((x = spec_map_get(n, "fill"))) vls_get_color(c, x, fill, d);
  if ((x = spec_map_get(n, "stroke")) && vls_get_color(c, x, stroke, d) == 0 && stroke_set) *stroke_set = 1;
  if ((x = spec_map_get(n, "strokeWidth"))) vls_get_num(c, x, sw, d);
}

static vl_view *parse_view(chart *c, const spec_node *n, dtable *data, enc_chain enc, diag_list *d, int top) {
  if (check_common(c, n, d) < 0) return NULL;
  const spec_node *rewritten = NULL; /* a composite mark's layers, an encoding's impute as a transform */
  int rw = vl_composite_rewrite(c, n, enc.e, enc.n, &rewritten, d);
  if (rw < 0) return NULL;
  if (rw > 0) {
    enc_chain merged = {{0}, 0}; /* the rewrite merged the layers' encodings into its own */
    return parse_view(c, rewritten, data, merged, d, top);
  }
  vl_view *v = arena_alloc(c->a, sizeof *v);
  v->node = n;
  v->width = v->height = v->width_step = v->height_step = NAN;
  parse_size(c, spec_map_get(n, "width"), &v->width, &v->width_step, &v->width_container, &v->width_step_offset, d);
  parse_size(c, spec_map_get(n, "height"), &v->height, &v->height_step, &v->height_container, &v->height_step_offset,
             d);
  vls_parse_title(c, spec_map_get(n, "title"), v, d);
  if (!top) {
    for (int i = 0; i < vl_spec_table.n; i++) {
      const vl_key *key = &vl_spec_table.keys[i];
      const spec_node *k = (key->flags & VLF_TOP) ? spec_map_get(n, key->name) : NULL;
      if (k) diag_spec_error(d, L(c, k), "'%s' is only allowed at the top level of a Vega-Lite spec", key->name);
    }
  }
  parse_resolve(c, spec_map_get(n, "resolve"), v, d);
  vls_parse_view_bg(c, spec_map_get(n, "view"), &v->view_fill, &v->view_stroke, &v->view_stroke_width,
                &v->view_stroke_set, d);
  v->spacing_row = v->spacing_col = NAN;
  const spec_node *sp = spec_map_get(n, "spacing"); /* a number, or {row, column} */
  if (sp && sp->kind == SPEC_MAP) {
    vl_check_keys(c, sp, NULL, &vl_spacing_table, d);
    const spec_node *x;
    if ((x = spec_map_get(sp, "row"))) vls_get_num(c, x, &v->spacing_row, d);
    if ((x = spec_map_get(sp, "column"))) vls_get_num(c, x, &v->spacing_col, d);
  } else if (sp && vls_get_num(c, sp, &v->spacing_row, d) == 0) {
    v->spacing_col = v->spacing_row;
  }
  dtable *own = view_data(c, n, data, d);
  const spec_node *layer = spec_map_get(n, "layer"), *mark = spec_map_get(n, "mark"),
                  *facet = spec_map_get(n, "facet"), *spec = spec_map_get(n, "spec");
  const spec_node *repeat = spec_map_get(n, "repeat");
  if (repeat) return parse_repeat(c, n, v, repeat, spec, own, enc, d);
  const char *cc[] = {"hconcat", "vconcat", "concat"};
  for (int i = 0; i < 3; i++) {
    const spec_node *list = spec_map_get(n, cc[i]);
    if (!list) continue;
    v->kind = V_HCONCAT + i;
    if (list->kind != SPEC_SEQ || list->n == 0) {
      diag_spec_error(d, L(c, list), "'%s' must be a non-empty list of views", cc[i]);
      return NULL;
    }
    v->nkids = list->n;
    v->kids = arena_alloc_array(c->a, (size_t)list->n, sizeof *v->kids);
    enc_chain none = {{0}, 0};
    for (int k = 0; k < list->n; k++) v->kids[k] = parse_view(c, list->items[k], own, none, d, 0);
    const spec_node *cols = spec_map_get(n, "columns");

    if (cols) vls_get_columns(c, cols, &v->columns, d);
    return v;
  }
  if (facet) {
    v->kind = V_FACET;
    if (!spec) {
      diag_spec_error(d, L(c, n), "a facet spec needs 'spec' (the view drawn in each cell)");
      return NULL;
    }
    if (facet->kind != SPEC_MAP) {
      diag_spec_error(d, L(c, facet), "'facet' must be a mapping, found %s", spec_describe(c->a, facet));
      return NULL;
    }
    const spec_node *row = spec_map_get(facet, "row"), *col = spec_map_get(facet, "column");
    if (row || col) {
      vl_check_keys(c, facet, NULL, &vl_facet_table, d);
      if (row) vls_parse_channel(c, CH_ROW, row, &v->frow, d);
      if (col) vls_parse_channel(c, CH_COLUMN, col, &v->fcol, d);
    } else {
      vls_parse_channel(c, CH_FACET, facet, &v->fcol, d);
      const spec_node *cols = spec_map_get(n, "columns");

      if (cols) vls_get_columns(c, cols, &v->columns, d);
    }
    v->fdata = own;
    v->nkids = 1;
    v->kids = arena_alloc(c->a, sizeof *v->kids);
    enc_chain none = {{0}, 0};
    v->kids[0] = parse_view(c, spec, own, none, d, 0);
    return v->kids[0] ? v : NULL;
  }
  const spec_node *encoding = spec_map_get(n, "encoding");
  if (enc.n < MAX_ENC) enc.e[enc.n++] = encoding;
  const spec_node *projection = spec_map_get(n, "projection");
  if (projection && projection->kind != SPEC_MAP) {
    diag_spec_error(d, L(c, projection), "'projection' must be a mapping {type, center, ...}, found %s",
                    spec_describe(c->a, projection));
  } else if (projection) {
    geo_projection p, sub[3];
    int fit;
    vl_check_keys(c, projection, NULL, &vl_projection_table, d);
    vl_projection_parse(c, projection, &p, sub, &fit, d);
    enc.projection = projection;
  }
  if (layer) {
    v->kind = V_LAYER;
    if (layer->kind != SPEC_SEQ || layer->n == 0) {
      diag_spec_error(d, L(c, layer), "'layer' must be a non-empty list of views");
      return NULL;
    }
    v->nkids = layer->n;
    v->kids = arena_alloc_array(c->a, (size_t)layer->n, sizeof *v->kids);
    for (int k = 0; k < layer->n; k++) v->kids[k] = parse_view(c, layer->items[k], own, enc, d, 0);
    return v;
  }
  if (!mark) {
    diag_spec_error(d, L(c, n), "a Vega-Lite view needs 'mark' (or layer, hconcat, vconcat, concat, facet)");
    return NULL;
  }
  v->kind = V_UNIT;
  vl_unit *u = v->unit = arena_alloc(c->a, sizeof *u);
  vls_parse_mark(c, mark, &u->mark, d);
  u->projection = enc.projection;
  parse_unit_encoding(c, u, &enc, d);
  u->src = own;
  if (!own) {
    if (!spec_map_get(n, "data"))
      diag_spec_error(d, L(c, n), "the chart has no 'data' (give data: {values: [...]} here or on a parent view)");
    u->src = dtable_new(c->a);
  }
  /* row/column/facet in a unit's encoding: a facet around it. */
  if (u->ch[CH_ROW].on || u->ch[CH_COLUMN].on || u->ch[CH_FACET].on) {
    vl_view *f = arena_alloc(c->a, sizeof *f);
    *f = *v;
    f->kind = V_FACET;
    f->unit = NULL;
    f->frow = u->ch[CH_ROW];
    f->fcol = u->ch[CH_FACET].on ? u->ch[CH_FACET] : u->ch[CH_COLUMN];
    if (u->ch[CH_FACET].on) {
      const spec_node *cols = spec_map_get(u->ch[CH_FACET].node, "columns");

      if (cols) vls_get_columns(c, cols, &f->columns, d);
    }
    f->fdata = u->src;
    f->nkids = 1;
    f->kids = arena_alloc(c->a, sizeof *f->kids);
    f->kids[0] = v;
    f->title.s = NULL;
    f->subtitle.s = NULL;
    v->title = (spec_text){0};
    v->subtitle = (spec_text){0};
    f->width = f->height = f->width_step = f->height_step = NAN;
    f->width_container = f->height_container = 0;
    return f;
  }
  check_resolve(c, n, v, d);
  return v;
}

/* repeat: the inner spec once per value, with {"repeat": "row"|"column"|
 * "layer"|"repeat"} field references resolved.  A list or row/column makes
 * a concat grid (columns = the column count), layer a layer. */
static vl_view *parse_repeat(chart *c, const spec_node *n, vl_view *v, const spec_node *repeat,
                             const spec_node *spec, dtable *own, enc_chain enc, diag_list *d) {
  if (!spec) {
    diag_spec_error(d, L(c, n), "a repeat spec needs 'spec' (the view to repeat)");
    return NULL;
  }
  const spec_node *lists[4] = {NULL, NULL, NULL, NULL}; /* row, column, layer, repeat */
  if (repeat->kind == SPEC_SEQ) {
    lists[3] = repeat;
  } else if (repeat->kind == SPEC_MAP) {
    vl_check_keys(c, repeat, NULL, &vl_repeat_table, d);
    for (int i = 0; i < 3; i++) lists[i] = spec_map_get(repeat, vl_repeat_table.keys[i].name); /* row, column, layer */
  } else {
    diag_spec_error(d, L(c, repeat), "'repeat' must be a list of fields or a mapping {row, column, layer}, found %s",
                    spec_describe(c->a, repeat));
    return NULL;
  }
  int cnt[4];
  for (int i = 0; i < 4; i++) {
    cnt[i] = 1;
    if (!lists[i]) continue;
    if (lists[i]->kind != SPEC_SEQ || lists[i]->n == 0) {
      diag_spec_error(d, L(c, lists[i]), "repeat values must be a non-empty list of field names, found %s",
                      spec_describe(c->a, lists[i]));
      return NULL;
    }
    for (int j = 0; j < lists[i]->n; j++)
      if (lists[i]->items[j]->kind != SPEC_SCALAR) {
        diag_spec_error(d, L(c, lists[i]->items[j]), "a repeat value must be a field name, found %s",
                        spec_describe(c->a, lists[i]->items[j]));
        return NULL;
      }
    cnt[i] = lists[i]->n;
  }
  const char *saved[4];
  memcpy(saved, c->rep, sizeof saved);
  enc_chain none = {{0}, 0};
  (void)enc;
  /* every view is a full parse of spec: 100,000 fields once took ~4 GB and aborted */
  long nviews = (long)cnt[0] * cnt[1] * cnt[2] * cnt[3];
  size_t used0 = data_budget_used(c->a);
  const char *what = arena_printf(c->a, "the repeat of %ld views", nviews);
  if (lists[2] && !lists[0] && !lists[1]) { /* layer repeat */
    v->kind = V_LAYER;
    v->nkids = cnt[2];
    v->kids = arena_alloc_array(c->a, (size_t)v->nkids, sizeof *v->kids);
    for (int k = 0; k < cnt[2]; k++) {
      c->rep[2] = lists[2]->items[k]->str;
      v->kids[k] = parse_view(c, spec, own, none, d, 0);
      if (data_budget_step(c->doc, repeat, c->a, used0, k + 1, nviews, 64, what, d)) return NULL;
    }
    memcpy(c->rep, saved, sizeof saved);
    return v;
  }
  v->kind = V_CONCAT;
  if (lists[3]) {
    v->nkids = cnt[3];
    const spec_node *cols = spec_map_get(n, "columns");

    if (cols) vls_get_columns(c, cols, &v->columns, d);
  } else {
    v->nkids = cnt[0] * cnt[1];
    v->columns = cnt[1];
  }
  v->kids = arena_alloc_array(c->a, (size_t)v->nkids, sizeof *v->kids);
  for (int k = 0; k < v->nkids; k++) {
    if (lists[3]) c->rep[3] = lists[3]->items[k]->str;
    else {
      if (lists[0]) c->rep[0] = lists[0]->items[k / cnt[1]]->str;
      if (lists[1]) c->rep[1] = lists[1]->items[k % cnt[1]]->str;
    }
    if (lists[2]) { /* row/column x layer: each cell a layer */
      vl_view *lv = arena_alloc(c->a, sizeof *lv);
      lv->kind = V_LAYER;
      lv->node = spec;
      lv->width = lv->height = lv->width_step = lv->height_step = NAN;
      lv->nkids = cnt[2];
      lv->kids = arena_alloc_array(c->a, (size_t)cnt[2], sizeof *lv->kids);
      for (int q = 0; q < cnt[2]; q++) {
        c->rep[2] = lists[2]->items[q]->str;
        lv->kids[q] = parse_view(c, spec, own, none, d, 0);
      }
      v->kids[k] = lv;
    } else {
      v->kids[k] = parse_view(c, spec, own, none, d, 0);
    }
    if (data_budget_step(c->doc, repeat, c->a, used0, (long)(k + 1) * cnt[2], nviews, 64, what, d)) return NULL;
  }
  memcpy(c->rep, saved, sizeof saved);
  return v;
}

vl_view *vl_parse(chart *c, const spec_node *n, dtable *parent_data, const spec_node *parent_enc,
                  const spec_node *parent_mark, diag_list *d, int top) {
  (void)parent_mark;
  enc_chain enc = {{0}, 0};
  if (parent_enc) enc.e[enc.n++] = parent_enc;
  if (top && n->kind == SPEC_MAP) c->datasets = spec_map_get(n, "datasets");
  return parse_view(c, n, parent_data, enc, d, top);
}
