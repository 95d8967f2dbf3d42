/* TopoJSON (format: {type: topojson, feature | mesh}) as rows of GeoJSON
 * features, as topojson-client's feature() and mesh() make them: arcs
 * delta-decoded and moved by the topology's transform (quantized files),
 * a ring or line the arcs it names joined end to end (a negative index ~i
 * is arc i reversed; the point two arcs share is kept once). */
#include <math.h>
#include <string.h>

#include "base/buf.h"
#include "data/geojson.h"

typedef struct topo {
  const spec_doc *fdoc;
  const spec_node *at; /* the format node: where mistakes are located */
  const char *what;
  arena *a;
  diag_list *d;
  int narcs;
  int *off, *len; /* arc i: len[i] points from pts + 2 * off[i] */
  double *pts;
  double sx, sy, tx, ty; /* transform (1, 1, 0, 0 when none) */
  int failed;
} topo;

static void malformed(topo *T, const char *part) {
  if (!T->failed)
    diag_spec_error(T->d, spec_loc(T->fdoc, T->at), "'%s' has a malformed %s", T->what, part);
  T->failed = 1;
}

static int num(const spec_node *n, double *v) {
  return n && n->kind == SPEC_SCALAR && spec_scalar_number(n->str, n->len, v) == 0 && isfinite(*v) ? 0 : -1;
}

static int pair(const spec_node *n, double *x, double *y) {
  return n && n->kind == SPEC_SEQ && n->n >= 2 && !num(n->items[0], x) && !num(n->items[1], y) ? 0 : -1;
}

static int decode_arcs(topo *T, const spec_node *arcs) {
  long total = 0;
  for (int i = 0; i < arcs->n; i++) {
    if (arcs->items[i]->kind != SPEC_SEQ) return malformed(T, "arc"), -1;
    total += arcs->items[i]->n;
  }
  T->narcs = arcs->n;
  T->off = arena_alloc_array(T->a, (size_t)arcs->n + 1, sizeof *T->off);
  T->len = arena_alloc_array(T->a, (size_t)arcs->n + 1, sizeof *T->len);
  T->pts = arena_alloc_array(T->a, (size_t)total * 2 + 2, sizeof *T->pts);
  int quantized = T->sx != 1 || T->sy != 1 || T->tx != 0 || T->ty != 0;
  long k = 0;
  for (int i = 0; i < arcs->n; i++) {
    const spec_node *arc = arcs->items[i];
    T->off[i] = (int)k;
    T->len[i] = arc->n;
    double x = 0, y = 0;
    for (int j = 0; j < arc->n; j++, k++) {
      double px, py;
      if (pair(arc->items[j], &px, &py)) return malformed(T, "arc"), -1;
      if (quantized) {
        x += px, y += py; /* delta-encoded */
        T->pts[2 * k] = x * T->sx + T->tx;
        T->pts[2 * k + 1] = y * T->sy + T->ty;
      } else {
        T->pts[2 * k] = px;
        T->pts[2 * k + 1] = py;
      }
    }
  }
  return 0;
}

/* A position of a Point or MultiPoint (not delta-encoded). */
static void put_position(topo *T, buf *b, const spec_node *p) {
  double x, y;
  if (pair(p, &x, &y)) return malformed(T, "position");
  if (T->sx != 1 || T->sy != 1 || T->tx != 0 || T->ty != 0) x = x * T->sx + T->tx, y = y * T->sy + T->ty;
  buf_printf(b, "[%.10g,%.10g]", x, y);
}

/* The points of the arcs a line or ring names, into b as [[x,y],...].  A
 * ring of fewer than 4 points repeats its first (topojson-client). */
static void put_arcs(topo *T, buf *b, const spec_node *list, int ring) {
  if (!list || list->kind != SPEC_SEQ) return malformed(T, "geometry");
  buf_putc(b, '[');
  int n = 0;
  double fx = 0, fy = 0;
  for (int i = 0; i < list->n; i++) {
    double v;
    if (num(list->items[i], &v) || v != floor(v)) return malformed(T, "geometry");
    long ai = (long)v, idx = ai < 0 ? ~ai : ai;
    if (idx >= T->narcs) return malformed(T, "arc index");
    const double *p = T->pts + 2L * T->off[idx];
    int len = T->len[idx];
    for (int j = i ? 1 : 0; j < len; j++) { /* the first point of a later arc is the last one's end */
      int q = ai < 0 ? len - 1 - j : j;
      if (n == 0) fx = p[2 * q], fy = p[2 * q + 1];
      buf_printf(b, n++ ? ",[%.10g,%.10g]" : "[%.10g,%.10g]", p[2 * q], p[2 * q + 1]);
    }
  }
  for (; ring && n > 0 && n < 4; n++) buf_printf(b, ",[%.10g,%.10g]", fx, fy);
  buf_putc(b, ']');
}

/* list of (depth) levels of arc lists: a MultiLineString or Polygon is 1
 * level of lines, a MultiPolygon 2. */
static void put_nested(topo *T, buf *b, const spec_node *list, int depth, int ring) {
  if (!list || list->kind != SPEC_SEQ) return malformed(T, "geometry");
  buf_putc(b, '[');
  for (int i = 0; i < list->n && !T->failed; i++) {
    if (i) buf_putc(b, ',');
    if (depth > 1) put_nested(T, b, list->items[i], depth - 1, ring);
    else put_arcs(T, b, list->items[i], ring);
  }
  buf_putc(b, ']');
}

static void put_geometry(topo *T, buf *b, const spec_node *g) {
  const spec_node *type = g && g->kind == SPEC_MAP ? spec_map_get(g, "type") : NULL;
  if (!type || type->kind != SPEC_SCALAR) return malformed(T, "geometry");
  const char *t = type->str;
  const spec_node *arcs = spec_map_get(g, "arcs"), *coords = spec_map_get(g, "coordinates");
  buf_printf(b, "{\"type\":\"%s\",", t);
  if (!strcmp(t, "GeometryCollection")) {
    const spec_node *gs = spec_map_get(g, "geometries");
    if (!gs || gs->kind != SPEC_SEQ) return malformed(T, "geometry");
    buf_puts(b, "\"geometries\":[");
    for (int i = 0; i < gs->n && !T->failed; i++) {
      if (i) buf_putc(b, ',');
      put_geometry(T, b, gs->items[i]);
    }
    buf_puts(b, "]}");
    return;
  }
  buf_puts(b, "\"coordinates\":");
  if (!strcmp(t, "Point")) put_position(T, b, coords);
  else if (!strcmp(t, "MultiPoint")) {
    if (!coords || coords->kind != SPEC_SEQ) return malformed(T, "geometry");
    buf_putc(b, '[');
    for (int i = 0; i < coords->n; i++) {
      if (i) buf_putc(b, ',');
      put_position(T, b, coords->items[i]);
    }
    buf_putc(b, ']');
  } else if (!strcmp(t, "LineString")) put_arcs(T, b, arcs, 0);
  else if (!strcmp(t, "MultiLineString")) put_nested(T, b, arcs, 1, 0);
  else if (!strcmp(t, "Polygon")) put_nested(T, b, arcs, 1, 1);
  else if (!strcmp(t, "MultiPolygon")) put_nested(T, b, arcs, 2, 1);
  else return malformed(T, "geometry type");
  buf_putc(b, '}');
}

/* Every arc a geometry names, marked in used[] (mesh). */
static void mark_arcs(topo *T, const spec_node *n, char *used) {
  if (!n) return;
  if (n->kind == SPEC_SCALAR) {
    double v;
    if (!num(n, &v) && v == floor(v)) {
      long ai = (long)v, idx = ai < 0 ? ~ai : ai;
      if (idx >= 0 && idx < T->narcs) used[idx] = 1;
    }
    return;
  }
  for (int i = 0; i < n->n; i++) mark_arcs(T, n->items[i], used);
}

static void collect_mesh(topo *T, const spec_node *g, char *used) {
  if (!g || g->kind != SPEC_MAP) return;
  mark_arcs(T, spec_map_get(g, "arcs"), used);
  const spec_node *gs = spec_map_get(g, "geometries");
  for (int i = 0; gs && gs->kind == SPEC_SEQ && i < gs->n; i++) collect_mesh(T, gs->items[i], used);
}

/* The arcs used, each once, as lines: an arc that starts where the line
 * before it ends continues that line (topojson's stitch, for arcs in
 * order). */
static const char *mesh_json(topo *T, const spec_node *obj) {
  char *used = arena_alloc(T->a, (size_t)T->narcs + 1);
  collect_mesh(T, obj, used);
  buf b = {0};
  buf_puts(&b, "{\"type\":\"MultiLineString\",\"coordinates\":[");
  int open = 0;
  double ex = NAN, ey = NAN;
  for (int i = 0; i < T->narcs; i++) {
    if (!used[i] || T->len[i] < 2) continue;
    const double *p = T->pts + 2L * T->off[i];
    int j0 = 0;
    if (open && p[0] == ex && p[1] == ey) j0 = 1;
    else buf_puts(&b, open++ ? "],[" : "[");
    for (int j = j0; j < T->len[i]; j++) buf_printf(&b, j ? ",[%.10g,%.10g]" : "[%.10g,%.10g]", p[2 * j], p[2 * j + 1]);
    ex = p[2 * (T->len[i] - 1)], ey = p[2 * (T->len[i] - 1) + 1];
  }
  if (open) buf_putc(&b, ']');
  buf_puts(&b, "]}");
  const char *s = arena_strndup(T->a, b.data, b.len);
  buf_free(&b);
  return s;
}

static const char *object_names(topo *T, const spec_node *objects) {
  buf b = {0};
  for (int i = 0; i < objects->n; i++) buf_printf(&b, "%s%s", i ? ", " : "", objects->keys[i]->str);
  const char *s = arena_strndup(T->a, b.data ? b.data : "", b.len);
  buf_free(&b);
  return s;
}

/* One feature row: type, id, properties.*, geometry. */
static void feature_row(topo *T, dtable *t, const spec_node *g) {
  buf b = {0};
  const spec_node *type = spec_map_get(g, "type");
  int null_geom = !type || spec_is_null(type);
  if (!null_geom) put_geometry(T, &b, g);
  if (T->failed) {
    buf_free(&b);
    return;
  }
  int ct = dtable_add_col(t, "type"), cg = dtable_add_col(t, "geometry");
  const spec_node *id = spec_map_get(g, "id"), *props = spec_map_get(g, "properties");
  int ci = id ? dtable_add_col(t, "id") : -1;
  int pc[64], np = 0;
  for (int i = 0; props && props->kind == SPEC_MAP && i < props->n && np < 64; i++)
    pc[np++] = dtable_add_col(t, arena_printf(T->a, "properties.%s", props->keys[i]->str));
  cell *row = dtable_add_row(t);
  row[ct] = (cell){.type = EXPR_STR, .str = "Feature"};
  if (!null_geom) row[cg] = (cell){.type = EXPR_STR, .str = arena_strndup(T->a, b.data, b.len)};
  if (ci >= 0) row[ci] = cell_from_node(id);
  for (int i = 0; i < np; i++) row[pc[i]] = cell_from_node(props->items[i]);
  buf_free(&b);
}

dtable *topojson_table(const spec_doc *fdoc, const spec_node *fmt, const spec_node *root, const char *what,
                       int max_rows, arena *a, diag_list *d) {
  topo T = {.fdoc = fdoc, .at = fmt, .what = what, .a = a, .d = d, .sx = 1, .sy = 1};
  const spec_node *objects = root && root->kind == SPEC_MAP ? spec_map_get(root, "objects") : NULL;
  const spec_node *arcs = root && root->kind == SPEC_MAP ? spec_map_get(root, "arcs") : NULL;
  if (!objects || objects->kind != SPEC_MAP || !arcs || arcs->kind != SPEC_SEQ) {
    diag_spec_error(d, spec_loc(fdoc, fmt), "'%s' is not TopoJSON (it has no 'objects' and 'arcs')", what);
    return NULL;
  }
  const spec_node *tr = spec_map_get(root, "transform");
  if (tr) {
    const spec_node *sc = spec_map_get(tr, "scale"), *tl = spec_map_get(tr, "translate");
    if (pair(sc, &T.sx, &T.sy) || pair(tl, &T.tx, &T.ty)) {
      malformed(&T, "transform");
      return NULL;
    }
  }
  const spec_node *feature = spec_map_get(fmt, "feature"), *mesh = spec_map_get(fmt, "mesh");
  const spec_node *name = feature ? feature : mesh;
  const spec_node *obj = name && name->kind == SPEC_SCALAR ? spec_map_get(objects, name->str) : NULL;
  if (!obj) {
    diag_spec_error(d, spec_loc(fdoc, name), "no object '%s' in '%s' (objects: %s)",
                    name && name->kind == SPEC_SCALAR ? name->str : "", what, object_names(&T, objects));
    return NULL;
  }
  if (decode_arcs(&T, arcs)) return NULL;
  dtable *t = dtable_new(a);
  if (!feature) {
    dtable_add_row(t);
    int ct = dtable_add_col(t, "type"), cg = dtable_add_col(t, "geometry");
    cell *row = dtable_row(t, 0);
    row[ct] = (cell){.type = EXPR_STR, .str = "MultiLineString"};
    row[cg] = (cell){.type = EXPR_STR, .str = mesh_json(&T, obj)};
    return t;
  }
  const spec_node *type = spec_map_get(obj, "type"), *gs = spec_map_get(obj, "geometries");
  if (type && type->kind == SPEC_SCALAR && !strcmp(type->str, "GeometryCollection")) {
    if (!gs || gs->kind != SPEC_SEQ) {
      malformed(&T, "geometry collection");
      return NULL;
    }
    if (gs->n > max_rows) {
      diag_spec_error(d, spec_loc(fdoc, name), "too many rows (%d; the limit is %d)", gs->n, max_rows);
      return NULL;
    }
    for (int i = 0; i < gs->n && !T.failed; i++) feature_row(&T, t, gs->items[i]);
  } else {
    feature_row(&T, t, obj);
  }
  return T.failed ? NULL : t;
}
