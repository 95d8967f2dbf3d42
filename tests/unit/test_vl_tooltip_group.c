/* A tooltip field without an aggregate groups an aggregate as any other
 * field of the encoding does (Vega-Lite's groupby): the mean of a field
 * grouped by that field is one mark per distinct value. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "scene_test.h"

static void test_tooltip_groups(void) {
  run r = go("t.vl.json", "{\"data\": {\"values\": [28, 55, 28, 91, 81, 55, 19, 81, 52]}, \"mark\": \"bar\",\n"
                          " \"encoding\": {\"y\": {\"field\": \"data\", \"aggregate\": \"mean\"},\n"
                          "  \"tooltip\": {\"field\": \"data\"}}}");
  if (!REQUIRED(r.sc)) {
    run_free(&r);
    return;
  }
  CHECK(count(r.sc, "mark.bar") == 6); /* 28 55 91 81 19 52 */
  run_free(&r);
  /* without the tooltip: one mean */
  r = go("t.vl.json", "{\"data\": {\"values\": [28, 55, 28, 91]}, \"mark\": \"bar\",\n"
                      " \"encoding\": {\"y\": {\"field\": \"data\", \"aggregate\": \"mean\"}}}");
  if (!REQUIRED(r.sc)) {
    run_free(&r);
    return;
  }
  CHECK(count(r.sc, "mark.bar") == 1);
  run_free(&r);
}

int main(void) {
  scene_test_begin();
  test_tooltip_groups();
  text_engine_free(TE);
  return testing_done("test_vl_tooltip_group");
}
