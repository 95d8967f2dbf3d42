/* GeoJSON features as rows, and the graticule and sphere generators (see
 * geojson.h).  TopoJSON is in topojson.c. */
#include "data/geojson.h"

#include <math.h>
#include <string.h>

#include "base/buf.h"

static const char *const geometry_types[] = {"Point",        "MultiPoint",      "LineString",
                                             "MultiLineString", "Polygon",      "MultiPolygon",
                                             "GeometryCollection", "Sphere", NULL};

int geo_is_geometry(const spec_node *n) {
  if (!n || n->kind != SPEC_MAP) return 0;
  const spec_node *t = spec_map_get(n, "type");
  if (!t || t->kind != SPEC_SCALAR) return 0;
  for (int i = 0; geometry_types[i]; i++)
    if (!strcmp(t->str, geometry_types[i])) return 1;
  return 0;
}

static void put_string(buf *b, const char *s, size_t n) {
  buf_putc(b, '"');
  for (size_t i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)s[i];
    if (ch == '"' || ch == '\\') buf_putc(b, '\\'), buf_putc(b, (char)ch);
    else if (ch < 0x20) buf_printf(b, "\\u%04x", ch);
    else buf_putc(b, (char)ch);
  }
  buf_putc(b, '"');
}

static void put_node(buf *b, const spec_node *n) {
  if (n->kind == SPEC_SCALAR) {
    /* numbers, true, false and null as written; everything else quoted */
    double v;
    if (!n->quoted && (spec_is_null(n) || !strcmp(n->str, "true") || !strcmp(n->str, "false")))
      buf_puts(b, spec_is_null(n) ? "null" : n->str);
    else if (!n->quoted && spec_scalar_number(n->str, n->len, &v) == 0 && isfinite(v))
      buf_put(b, n->str, n->len);
    else put_string(b, n->str, n->len);
    return;
  }
  buf_putc(b, n->kind == SPEC_SEQ ? '[' : '{');
  for (int i = 0; i < n->n; i++) {
    if (i) buf_putc(b, ',');
    if (n->kind == SPEC_MAP) {
      put_string(b, n->keys[i]->str, n->keys[i]->len);
      buf_putc(b, ':');
    }
    put_node(b, n->items[i]);
  }
  buf_putc(b, n->kind == SPEC_SEQ ? ']' : '}');
}

const char *geo_node_json(const spec_node *n, arena *a) {
  buf b = {0};
  put_node(&b, n);
  char *s = arena_strndup(a, b.data ? b.data : "", b.len);
  buf_free(&b);
  return s;
}

const spec_node *geo_feature_list(const spec_node *root, arena *a) {
  if (!root || root->kind != SPEC_MAP) return NULL;
  const spec_node *t = spec_map_get(root, "type");
  if (!t || t->kind != SPEC_SCALAR) return NULL;
  if (!strcmp(t->str, "FeatureCollection")) {
    const spec_node *f = spec_map_get(root, "features");
    return f && f->kind == SPEC_SEQ ? f : NULL;
  }
  if (strcmp(t->str, "Feature") && !geo_is_geometry(root)) return NULL;
  spec_node *seq = arena_alloc(a, sizeof *seq);
  *seq = *root;
  seq->kind = SPEC_SEQ;
  seq->n = 1;
  seq->keys = NULL;
  seq->items = arena_alloc_array(a, 1, sizeof *seq->items);
  seq->items[0] = (spec_node *)root;
  return seq;
}

/* ---- generators ---- */

/* One row: type and geometry (the text given). */
static dtable *geometry_row(arena *a, const char *type, const char *json) {
  dtable *t = dtable_new(a);
  int ct = dtable_add_col(t, "type"), cg = dtable_add_col(t, "geometry");
  cell *row = dtable_add_row(t);
  row[ct] = (cell){.type = EXPR_STR, .str = type};
  row[cg] = (cell){.type = EXPR_STR, .str = json};
  return t;
}

dtable *geo_sphere_table(arena *a) { return geometry_row(a, "Sphere", "{\"type\":\"Sphere\"}"); }

#define GR_EPS 1e-6
#define GR_MAX_POINTS 1000000 /* a graticule is a backdrop: a millionth of a step is a mistake */

typedef struct graticule {
  double X0, X1, Y0, Y1, x0, x1, y0, y1; /* major and minor extents */
  double DX, DY, dx, dy, precision;
} graticule;

/* A meridian from y0 to y1 or a parallel from x0 to x1, a point every
 * precision degrees.  d3 samples meridians every 90 degrees and lets the
 * projection's resampling bend them; huitu does not resample, so the
 * meridians are sampled as finely as the parallels. */
static void line(buf *b, int *first, int meridian, double at, double from, double to, double step) {
  buf_puts(b, *first ? "[" : ",[");
  *first = 0;
  int n = 0;
  for (double v = from; v < to - GR_EPS; v = from + ++n * step) {
    buf_printf(b, n ? ",[%.10g,%.10g]" : "[%.10g,%.10g]", meridian ? at : v, meridian ? v : at);
    if (n > 100000) break;
  }
  buf_printf(b, n ? ",[%.10g,%.10g]]" : "[%.10g,%.10g]]", meridian ? at : to, meridian ? to : at);
}

static int read_pair(const spec_doc *doc, const spec_node *n, double *a, double *b, diag_list *d) {
  if (n->kind != SPEC_SEQ || n->n != 2) {
    diag_spec_error(d, spec_loc(doc, n), "expected a pair of numbers [x, y], found %s", spec_describe(doc->arena, n));
    return -1;
  }
  return spec_get_number(doc, n->items[0], a, d) || spec_get_number(doc, n->items[1], b, d) ? -1 : 0;
}

static int read_extent(const spec_doc *doc, const spec_node *n, double e[4], diag_list *d) {
  if (n->kind != SPEC_SEQ || n->n != 2) {
    diag_spec_error(d, spec_loc(doc, n), "expected an extent [[x0, y0], [x1, y1]], found %s",
                    spec_describe(doc->arena, n));
    return -1;
  }
  return read_pair(doc, n->items[0], &e[0], &e[1], d) || read_pair(doc, n->items[1], &e[2], &e[3], d) ? -1 : 0;
}

dtable *geo_graticule_table(const spec_doc *doc, const spec_node *g, arena *a, diag_list *d) {
  graticule G = {-180, 180, -90 + GR_EPS, 90 - GR_EPS, -180, 180, -80 - GR_EPS, 80 + GR_EPS, 90, 360, 10, 10, 2.5};
  if (g && g->kind == SPEC_MAP) {
    static const char *const keys[] = {"extent", "extentMajor", "extentMinor", "step",
                                       "stepMajor", "stepMinor", "precision", NULL};
    for (int i = 0; i < g->n; i++) {
      const char *k = g->keys[i]->str;
      const spec_node *v = g->items[i];
      double e[4];
      int which = -1;
      for (int j = 0; keys[j]; j++)
        if (!strcmp(k, keys[j])) which = j;
      if (which < 0) {
        diag_spec_error(d, spec_loc(doc, g->keys[i]),
                        "unknown key '%s' in graticule (expected extent, extentMajor, extentMinor, step, stepMajor, "
                        "stepMinor or precision)",
                        k);
        return NULL;
      }
      if (which <= 2 && read_extent(doc, v, e, d)) return NULL;
      if (which >= 3 && which <= 5 && read_pair(doc, v, &e[0], &e[1], d)) return NULL;
      if (which == 6 && spec_get_number(doc, v, &G.precision, d)) return NULL;
      if (which == 0 || which == 1) G.X0 = e[0], G.Y0 = e[1], G.X1 = e[2], G.Y1 = e[3];
      if (which == 0 || which == 2) G.x0 = e[0], G.y0 = e[1], G.x1 = e[2], G.y1 = e[3];
      if (which == 3 || which == 4) G.DX = e[0], G.DY = e[1];
      if (which == 3 || which == 5) G.dx = e[0], G.dy = e[1];
      if ((which >= 3 && which <= 5 && !(e[0] > 0 && e[1] > 0)) || (which == 6 && !(G.precision > 0))) {
        diag_spec_error(d, spec_loc(doc, v), "graticule steps must be greater than 0");
        return NULL;
      }
    }
  } else if (g && !(g->kind == SPEC_SCALAR && !strcmp(g->str, "true"))) {
    diag_spec_error(d, spec_loc(doc, g), "'graticule' must be true or a mapping {step, extent, ...}, found %s",
                    spec_describe(a, g));
    return NULL;
  }
  double lines = (G.X1 - G.X0) / G.DX + (G.Y1 - G.Y0) / G.DY + (G.x1 - G.x0) / G.dx + (G.y1 - G.y0) / G.dy;
  double pts = (lines + 4) * (360 / G.precision + 2);
  if (!(pts <= GR_MAX_POINTS)) {
    diag_spec_error(d, spec_loc(doc, g), "the graticule would have about %.0f points (the limit is %d)", pts,
                    GR_MAX_POINTS);
    return NULL;
  }
  /* d3's graticule.lines(): major meridians and parallels, then the minor
   * ones that are not on a major step. */
  buf b = {0};
  buf_puts(&b, "{\"type\":\"MultiLineString\",\"coordinates\":[");
  int first = 1;
  for (double x = ceil(G.X0 / G.DX) * G.DX; x < G.X1; x += G.DX) line(&b, &first, 1, x, G.Y0, G.Y1, G.precision);
  for (double y = ceil(G.Y0 / G.DY) * G.DY; y < G.Y1; y += G.DY) line(&b, &first, 0, y, G.X0, G.X1, G.precision);
  for (double x = ceil(G.x0 / G.dx) * G.dx; x < G.x1; x += G.dx)
    if (fabs(fmod(x, G.DX)) > GR_EPS) line(&b, &first, 1, x, G.y0, G.y1, G.precision);
  for (double y = ceil(G.y0 / G.dy) * G.dy; y < G.y1; y += G.dy)
    if (fabs(fmod(y, G.DY)) > GR_EPS) line(&b, &first, 0, y, G.x0, G.x1, G.precision);
  buf_puts(&b, "]}");
  dtable *t = geometry_row(a, "MultiLineString", arena_strndup(a, b.data, b.len));
  buf_free(&b);
  return t;
}
