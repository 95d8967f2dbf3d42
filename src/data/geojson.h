/* Map data as rows: GeoJSON features, TopoJSON objects and the graticule
 * and sphere generators.  A row is a feature the way Vega reads one:
 * "type", "id", "properties.<name>" and "geometry", which holds the
 * geometry as compact GeoJSON text.  Text, because a cell is a plain
 * value: it survives filter, lookup and facet copies unchanged, prints
 * the same on every machine, and the chart (chart/vl_geo.c) parses it
 * when it draws.  Everything lives in the arena given. */
#ifndef HUITU_DATA_GEOJSON_H
#define HUITU_DATA_GEOJSON_H
#include "data/data.h"

/* Is n a GeoJSON geometry ({type: Polygon, coordinates: ...}, a
 * GeometryCollection, or d3's {type: Sphere})? */
int geo_is_geometry(const spec_node *n);
/* n as compact JSON text (numbers as written, strings escaped). */
const char *geo_node_json(const spec_node *n, arena *a);
/* The features a GeoJSON object stands for: a FeatureCollection's
 * features, or a one-item list holding a Feature or a bare geometry.
 * NULL when root is none of these. */
const spec_node *geo_feature_list(const spec_node *root, arena *a);

/* format: {type: topojson, feature: NAME | mesh: NAME} over a parsed file
 * (root, in doc jdoc): one row per geometry of objects[NAME], or one row
 * holding the mesh of its arcs (each arc once, joined end to end) as a
 * MultiLineString.  fdoc/fmt: the spec and its format node, where
 * mistakes are located; what: the url as written.  NULL after a located
 * error:
 *   '<what>' is not TopoJSON (it has no 'objects' and 'arcs')
 *   no object '<name>' in '<what>' (objects: a, b, c)
 *   a malformed arc or geometry: '<what>' has a malformed <part> */
dtable *topojson_table(const spec_doc *fdoc, const spec_node *fmt, const spec_node *root, const char *what,
                       int max_rows, arena *a, diag_list *d);

/* data: {graticule: true | {step, stepMinor, stepMajor, extent,
 * extentMinor, extentMajor, precision}}: d3's geoGraticule as one
 * MultiLineString row.  data: {sphere: true}: one row {type: Sphere}. */
dtable *geo_graticule_table(const spec_doc *doc, const spec_node *g, arena *a, diag_list *d);
dtable *geo_sphere_table(arena *a);
#endif
