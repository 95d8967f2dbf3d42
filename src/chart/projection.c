/* Map projections (see projection.h).  Formulas from d3-geo (ISC
 * licence, Mike Bostock): src/projection/{mercator, equirectangular,
 * conicEqualArea, conicConformal, equalEarth, naturalEarth1,
 * orthographic, albers, albersUsa, index}.js and src/rotation.js. */
#include "chart/projection.h"

#include <math.h>
#include <stddef.h>

#define EPS 1e-6
#define RAD (M_PI / 180)

const char *const geo_projection_names[PROJ_LAST + 1] = {
    "mercator",     "equirectangular", "albers",       "albersUsa",    "conicEqualArea", "conicConformal",
    "equalEarth",   "naturalEarth1",   "orthographic", "identity",     NULL};

static void set(geo_projection *p, double scale, double cx, double cy, double rl, double p0, double p1) {
  p->scale = scale;
  p->center[0] = cx, p->center[1] = cy;
  p->rotate[0] = rl;
  p->parallels[0] = p0, p->parallels[1] = p1;
}

void geo_projection_init(geo_projection *p, int type, geo_projection *sub) {
  *p = (geo_projection){.type = type, .tx = 480, .ty = 250, .sx = 1, .sy = 1};
  switch (type) {
  case PROJ_MERCATOR:
  case PROJ_EQUIRECTANGULAR: set(p, 961 / (2 * M_PI), 0, 0, 0, 0, 0); break;
  case PROJ_ALBERS: set(p, 1070, -0.6, 38.7, 96, 29.5, 45.5); break;
  case PROJ_ALBERS_USA:
    set(p, 1070, 0, 0, 0, 0, 0);
    p->sub = sub;
    geo_projection_init(&sub[0], PROJ_ALBERS, NULL);
    geo_projection_init(&sub[1], PROJ_CONIC_EQUAL_AREA, NULL);
    set(&sub[1], 1070 * 0.35, -2, 58.5, 154, 55, 65);
    geo_projection_init(&sub[2], PROJ_CONIC_EQUAL_AREA, NULL);
    set(&sub[2], 1070, -3, 19.9, 157, 8, 18);
    break;
  case PROJ_CONIC_EQUAL_AREA: set(p, 155.424, 0, 33.6442, 0, 0, 60); break;
  case PROJ_CONIC_CONFORMAL: set(p, 109.5, 0, 0, 0, 30, 30); break;
  case PROJ_EQUAL_EARTH: set(p, 177.158, 0, 0, 0, 0, 0); break;
  case PROJ_NATURAL_EARTH1: set(p, 175.295, 0, 0, 0, 0, 0); break;
  case PROJ_ORTHOGRAPHIC: set(p, 249.5, 0, 0, 0, 0, 0); break;
  case PROJ_IDENTITY: p->scale = 1, p->tx = p->ty = 0; break;
  }
}

static double tany(double y) { return tan((M_PI / 2 + y) / 2); }

/* The raw projection: radians to unit plane coordinates (y up). */
static void raw(const geo_projection *p, double x, double y, double *ox, double *oy) {
  switch (p->type) {
  case PROJ_MERCATOR:
  mercator:
    /* d3 clips mercator at +-k*pi of y (about 85.05 degrees): clamped here */
    if (y > 1.4844222297453324) y = 1.4844222297453324;
    if (y < -1.4844222297453324) y = -1.4844222297453324;
    *ox = x, *oy = log(tan((M_PI / 2 + y) / 2));
    return;
  case PROJ_EQUIRECTANGULAR: *ox = x, *oy = y; return;
  case PROJ_ALBERS:
  case PROJ_CONIC_EQUAL_AREA:
    if (p->conic_fallback) { /* cylindrical equal area at parallel phi0 */
      double c0 = cos(p->parallels[0] * RAD);
      *ox = x * c0, *oy = sin(y) / c0;
      return;
    } else {
      double r = sqrt(fmax(0, p->c - 2 * p->n * sin(y))) / p->n;
      *ox = r * sin(x * p->n), *oy = p->r0 - r * cos(x * p->n);
      return;
    }
  case PROJ_CONIC_CONFORMAL: {
    if (p->conic_fallback) goto mercator;
    if (p->f > 0) {
      if (y < -M_PI / 2 + EPS) y = -M_PI / 2 + EPS;
    } else if (y > M_PI / 2 - EPS) y = M_PI / 2 - EPS;
    double r = p->f / pow(tany(y), p->n);
    *ox = r * sin(p->n * x), *oy = p->f - r * cos(p->n * x);
    return;
  }
  case PROJ_EQUAL_EARTH: {
    const double A1 = 1.340264, A2 = -0.081106, A3 = 0.000893, A4 = 0.003796, M = sqrt(3) / 2;
    double l = asin(M * sin(y)), l2 = l * l, l6 = l2 * l2 * l2;
    *ox = x * cos(l) / (M * (A1 + 3 * A2 * l2 + l6 * (7 * A3 + 9 * A4 * l2)));
    *oy = l * (A1 + A2 * l2 + l6 * (A3 + A4 * l2));
    return;
  }
  case PROJ_NATURAL_EARTH1: {
    double y2 = y * y, y4 = y2 * y2;
    *ox = x * (0.8707 - 0.131979 * y2 + y4 * (-0.013791 + y4 * (0.003971 * y2 - 0.001529 * y4)));
    *oy = y * (1.007226 + y2 * (0.015085 + y4 * (-0.044475 + 0.028874 * y2 - 0.005916 * y4)));
    return;
  }
  case PROJ_ORTHOGRAPHIC: *ox = cos(y) * sin(x), *oy = sin(y); return;
  default: *ox = x, *oy = y; return;
  }
}

void geo_projection_finish(geo_projection *p) {
  double y0 = p->parallels[0] * RAD, y1 = p->parallels[1] * RAD;
  p->conic_fallback = 0;
  if (p->type == PROJ_ALBERS || p->type == PROJ_CONIC_EQUAL_AREA) {
    double sy0 = sin(y0);
    p->n = (sy0 + sin(y1)) / 2;
    if (fabs(p->n) < EPS) p->conic_fallback = 1;
    else {
      p->c = 1 + sy0 * (2 * p->n - sy0);
      p->r0 = sqrt(p->c) / p->n;
    }
  } else if (p->type == PROJ_CONIC_CONFORMAL) {
    double cy0 = cos(y0);
    p->n = y0 == y1 ? sin(y0) : log(cy0 / cos(y1)) / log(tany(y1) / tany(y0));
    if (!p->n || !isfinite(p->n)) p->conic_fallback = 1;
    else p->f = cy0 * pow(tany(y0), p->n) / p->n;
  }
  double dphi = p->rotate[1] * RAD, dgamma = p->rotate[2] * RAD;
  p->cos_dphi = cos(dphi), p->sin_dphi = sin(dphi), p->cos_dgamma = cos(dgamma), p->sin_dgamma = sin(dgamma);
  if (p->type == PROJ_IDENTITY) p->cx = p->cy = 0;
  else raw(p, p->center[0] * RAD, p->center[1] * RAD, &p->cx, &p->cy);
  if (p->type == PROJ_ALBERS_USA && p->sub) {
    /* albersUsa.scale and .translate: the parts and their px extents */
    double k = p->scale, x = p->tx, y = p->ty;
    geo_projection *s = p->sub;
    s[0].scale = k, s[1].scale = k * 0.35, s[2].scale = k;
    s[0].tx = x, s[0].ty = y;
    s[1].tx = x - 0.307 * k, s[1].ty = y + 0.201 * k;
    s[2].tx = x - 0.205 * k, s[2].ty = y + 0.212 * k;
    double e[3][4] = {{x - 0.455 * k, y - 0.238 * k, x + 0.455 * k, y + 0.238 * k},
                      {x - 0.425 * k + EPS, y + 0.120 * k + EPS, x - 0.214 * k - EPS, y + 0.234 * k - EPS},
                      {x - 0.214 * k + EPS, y + 0.166 * k + EPS, x - 0.115 * k - EPS, y + 0.234 * k - EPS}};
    for (int i = 0; i < 3; i++) {
      s[i].sx = p->sx, s[i].sy = p->sy;
      for (int j = 0; j < 4; j++) p->ext[i][j] = e[i][j];
      geo_projection_finish(&s[i]);
    }
  }
}

void geo_rotate(const geo_projection *p, double lon, double lat, double *lam, double *phi) {
  double l = (lon + p->rotate[0]) * RAD, f = lat * RAD;
  if (p->type == PROJ_IDENTITY) {
    *lam = lon, *phi = lat;
    return;
  }
  /* rotationLambda: wrap to [-pi, pi] */
  if (l > M_PI) l -= 2 * M_PI;
  else if (l < -M_PI) l += 2 * M_PI;
  if (p->rotate[1] != 0 || p->rotate[2] != 0) { /* rotationPhiGamma */
    double cf = cos(f), x = cos(l) * cf, y = sin(l) * cf, z = sin(f);
    double k = z * p->cos_dphi + x * p->sin_dphi;
    l = atan2(y * p->cos_dgamma - k * p->sin_dgamma, x * p->cos_dphi - z * p->sin_dphi);
    f = asin(fmax(-1, fmin(1, k * p->cos_dgamma + y * p->sin_dgamma)));
  }
  *lam = l, *phi = f;
}

void geo_raw_to_px(const geo_projection *p, double lam, double phi, double *x, double *y) {
  if (p->type == PROJ_IDENTITY) {
    *x = p->tx + p->scale * p->sx * lam;
    *y = p->ty + p->scale * p->sy * phi;
    return;
  }
  double rx, ry;
  raw(p, lam, phi, &rx, &ry);
  *x = p->tx + p->scale * p->sx * (rx - p->cx);
  *y = p->ty - p->scale * p->sy * (ry - p->cy);
}

int geo_albers_usa_part(const geo_projection *p, double lon, double lat) {
  for (int i = 0; i < 3; i++) {
    double l, f, x, y;
    geo_rotate(&p->sub[i], lon, lat, &l, &f);
    geo_raw_to_px(&p->sub[i], l, f, &x, &y);
    if (x >= p->ext[i][0] && x <= p->ext[i][2] && y >= p->ext[i][1] && y <= p->ext[i][3]) return i;
  }
  return -1;
}

int geo_project(const geo_projection *p, double lon, double lat, double *x, double *y) {
  if (p->type == PROJ_ALBERS_USA) {
    int i = geo_albers_usa_part(p, lon, lat);
    if (i < 0) {
      *x = *y = NAN;
      return -1;
    }
    p = &p->sub[i];
  }
  double l, f;
  geo_rotate(p, lon, lat, &l, &f);
  geo_raw_to_px(p, l, f, x, y);
  if (p->type == PROJ_ORTHOGRAPHIC && cos(l) * cos(f) < -EPS) return -1; /* the far side */
  return 0;
}
