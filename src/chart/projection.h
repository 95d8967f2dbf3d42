/* Map projections, as d3-geo defines them (the formulas, defaults and
 * the order of rotate, raw projection, scale, center and translate are
 * d3's, so a spec's numbers mean what they mean in Vega-Lite).  Pure
 * functions of a geo_projection value; clipping and paths are in
 * vl_geo.c. */
#ifndef HUITU_CHART_PROJECTION_H
#define HUITU_CHART_PROJECTION_H

enum {
  PROJ_MERCATOR, PROJ_EQUIRECTANGULAR, PROJ_ALBERS, PROJ_ALBERS_USA, PROJ_CONIC_EQUAL_AREA,
  PROJ_CONIC_CONFORMAL, PROJ_EQUAL_EARTH, PROJ_NATURAL_EARTH1, PROJ_ORTHOGRAPHIC, PROJ_IDENTITY, PROJ_LAST
};
/* The spec's names, PROJ_* order. */
extern const char *const geo_projection_names[PROJ_LAST + 1];

typedef struct geo_projection {
  int type;
  double scale, tx, ty;     /* px per radian (identity: per unit); the translate point */
  double center[2];         /* degrees: where translate is */
  double rotate[3];         /* degrees */
  double parallels[2];      /* degrees (conic) */
  double sx, sy;            /* 1 or -1: reflectX, reflectY */
  /* derived by geo_projection_finish */
  double n, c, r0, f;       /* conic constants */
  int conic_fallback;       /* conic equal area at n = 0: cylindrical equal area; conformal: mercator */
  double cx, cy;            /* the raw projection of center */
  double cos_dphi, sin_dphi, cos_dgamma, sin_dgamma;
  struct geo_projection *sub; /* albersUsa: lower 48, Alaska, Hawaii (3) */
  double ext[3][4];           /* albersUsa: each one's px extent x0, y0, x1, y1 */
} geo_projection;

/* d3's defaults for type (scale, translate [480, 250], center, rotate,
 * parallels).  sub must have room for 3 (albersUsa's parts) or be NULL
 * for other types. */
void geo_projection_init(geo_projection *p, int type, geo_projection *sub);
/* Derive what depends on the parameters; call after changing any. */
void geo_projection_finish(geo_projection *p);

/* Degrees in, radians out: the globe turned by rotate, longitude wrapped
 * to [-pi, pi]. */
void geo_rotate(const geo_projection *p, double lon, double lat, double *lam, double *phi);
/* Rotated radians to px (raw projection, then scale, center, translate). */
void geo_raw_to_px(const geo_projection *p, double lam, double phi, double *x, double *y);
/* Degrees to px, the whole pipeline without clipping.  albersUsa: the
 * part whose extent holds the point; 0, or -1 when none does (or
 * orthographic: the point is on the far side). */
int geo_project(const geo_projection *p, double lon, double lat, double *x, double *y);
/* albersUsa: which part (0..2) draws the point, -1 none. */
int geo_albers_usa_part(const geo_projection *p, double lon, double lat);
#endif
