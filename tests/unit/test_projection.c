/* projection: lon/lat to px against d3-geo's values.
 *
 * Where the expected values come from:
 * - albersUsa (and so albers, its lower 48): d3-geo's
 *   test/projection/albersUsa-test.js (five cities, 0.1 px; Paris: none);
 * - mercator turned by rotate [-134.3, 25.776] at scale 750: the path of
 *   d3-geo's test/projection/rotate-test.js;
 * - equirectangular with rotate [30, 0]: test/projection/equirectangular-test.js;
 * - equalEarth: the formulas of Šavrič, Patterson and Jenny, "The Equal
 *   Earth map projection" (IJGIS 33(3), 2019), eq. 2, written out again in
 *   Python for these points (d3-geo's equalEarth has no point test), at
 *   d3's default scale 177.158 and translate [480, 250];
 * - orthographic: x = cos(phi) sin(lambda), y = sin(phi) at d3's scale 249.5.
 * Each within 0.5 px (the brief's tolerance; most agree to 1e-3). */
#include "chart/projection.h"

#include <math.h>

#include "testing.h"

static void at(int type, double lon, double lat, double x, double y, double eps) {
  geo_projection p, sub[3];
  geo_projection_init(&p, type, sub);
  geo_projection_finish(&p);
  double px, py;
  REQUIRED(geo_project(&p, lon, lat, &px, &py) == 0);
  CHECK_NEAR(px, x, eps);
  CHECK_NEAR(py, y, eps);
}

static void test_albers_usa(void) {
  at(PROJ_ALBERS_USA, -122.4194, 37.7749, 107.4, 214.1, 0.1); /* San Francisco */
  at(PROJ_ALBERS_USA, -74.0059, 40.7128, 794.6, 176.5, 0.1);  /* New York */
  at(PROJ_ALBERS_USA, -95.9928, 36.1540, 488.8, 298.0, 0.1);  /* Tulsa */
  at(PROJ_ALBERS_USA, -149.9003, 61.2181, 171.2, 446.9, 0.1); /* Anchorage: the Alaska part */
  at(PROJ_ALBERS_USA, -157.8583, 21.3069, 298.5, 451.0, 0.1); /* Honolulu: the Hawaii part */
  at(PROJ_ALBERS, -122.4194, 37.7749, 107.4, 214.1, 0.1);     /* albers is the lower 48's */
  geo_projection p, sub[3];
  geo_projection_init(&p, PROJ_ALBERS_USA, sub);
  geo_projection_finish(&p);
  double x, y;
  CHECK(geo_project(&p, 2.3522, 48.8566, &x, &y) == -1); /* Paris: no part holds it */
}

static void test_rotated(void) {
  geo_projection p;
  geo_projection_init(&p, PROJ_MERCATOR, NULL);
  p.rotate[0] = -134.3, p.rotate[1] = 25.776, p.scale = 750, p.tx = p.ty = 0;
  geo_projection_finish(&p);
  double x, y;
  REQUIRED(geo_project(&p, 125.67351590459046, -14.17673705310531, &x, &y) == 0);
  CHECK_NEAR(x, -111.644162, 1e-5);
  CHECK_NEAR(y, -149.157654, 1e-5);
  REQUIRED(geo_project(&p, 125.67351590459046, -14.173276873687367, &x, &y) == 0);
  CHECK_NEAR(x, -111.647235, 1e-5);
  CHECK_NEAR(y, -149.203744, 1e-5);
  geo_projection_init(&p, PROJ_EQUIRECTANGULAR, NULL);
  p.rotate[0] = 30, p.scale = 1, p.tx = p.ty = 0;
  geo_projection_finish(&p);
  REQUIRED(geo_project(&p, 180, 0, &x, &y) == 0); /* wraps: 210 degrees is -150 */
  CHECK_NEAR(x, -5 * M_PI / 6, 1e-9);
  REQUIRED(geo_project(&p, -30, -30, &x, &y) == 0);
  CHECK_NEAR(x, 0, 1e-9);
  CHECK_NEAR(y, M_PI / 6, 1e-9);
}

static void test_equal_earth(void) {
  at(PROJ_EQUAL_EARTH, 0, 0, 480, 250, 1e-9);
  at(PROJ_EQUAL_EARTH, 180, 0, 959.5012, 250, 5e-4);
  at(PROJ_EQUAL_EARTH, -74.0059, 40.7128, 306.0556, 110.5653, 5e-4);
  at(PROJ_EQUAL_EARTH, 116.4, -33.9, 764.5834, 367.8553, 5e-4);
  at(PROJ_EQUAL_EARTH, 0, 90, 480, 16.6186, 5e-4);
}

static void test_orthographic(void) {
  at(PROJ_ORTHOGRAPHIC, 0, 0, 480, 250, 1e-9);
  at(PROJ_ORTHOGRAPHIC, 90, 0, 729.5, 250, 1e-9);
  at(PROJ_ORTHOGRAPHIC, 0, 30, 480, 250 - 249.5 / 2, 1e-9);
  geo_projection p;
  geo_projection_init(&p, PROJ_ORTHOGRAPHIC, NULL);
  geo_projection_finish(&p);
  double x, y;
  CHECK(geo_project(&p, 180, 0, &x, &y) == -1); /* the far side */
}

int main(void) {
  test_albers_usa();
  test_rotated();
  test_equal_earth();
  test_orthographic();
  return testing_done("test_projection");
}
