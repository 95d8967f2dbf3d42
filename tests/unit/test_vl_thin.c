/* Long lines are thinned while their rows are read (collect_thinned in
 * chart/vl_marks.c) when the rows come in order, and by thin_line after
 * sorting otherwise: both must give the same path.  The same walk of 6,000
 * points on a 100 px plot, in order and reversed (which takes the other
 * way), must make the same line, point for point. */
#include "scene_test.h"

#define NPTS 6000

/* A line over a sequence of rows with a wiggly y; reversed: the row
 * numbers count down, so the rows reach the line out of order. */
static char *line_spec(int reversed, int with_colour) {
  char *s = malloc(1024);
  snprintf(s, 1024,
           "blocks:\n  - chart:\n      width: 100\n      height: 80\n"
           "      data: {sequence: {start: 0, stop: %d, as: i}}\n"
           "      transform:\n"
           "        - {calculate: '%s', as: x}\n"
           "        - {calculate: 'sin(datum.x / 7) * 10 + datum.x %% 13 + sin(datum.x / 300) * 40', as: y}\n"
           "        - {calculate: '\"a\"', as: g}\n"
           "      mark: line\n      encoding:\n        x: {field: x, type: quantitative}\n"
           "        y: {field: y, type: quantitative}\n%s",
           NPTS, reversed ? "5999 - datum.i" : "datum.i",
           with_colour ? "        color: {field: g, type: nominal}\n" : "");
  return s;
}

static void same_line(int with_colour) {
  char *a_text = line_spec(0, with_colour), *b_text = line_spec(1, with_colour);
  run a = go("in-order.yaml", a_text), b = go("reversed.yaml", b_text);
  if (a.first_error[0]) fprintf(stderr, "%s\n", a.first_error);
  const sc_item *la = a.sc ? nth(a.sc, "mark.line", 0) : NULL, *lb = b.sc ? nth(b.sc, "mark.line", 0) : NULL;
  if (REQUIRED(la != NULL) && REQUIRED(lb != NULL)) {
    CHECK(la->npts > 100);      /* every pixel column reached */
    CHECK(la->npts < NPTS / 2); /* and thinned */
    CHECK(la->npts == lb->npts);
    int same = la->npts == lb->npts;
    for (int i = 0; same && i < la->npts; i++)
      same = la->pts[i].x == lb->pts[i].x && la->pts[i].y == lb->pts[i].y && la->pts[i].op == lb->pts[i].op;
    CHECK(same);
  }
  run_free(&a);
  run_free(&b);
  free(a_text);
  free(b_text);
}

int main(void) {
  scene_test_begin();
  same_line(0);
  same_line(1);
  text_engine_free(TE);
  return testing_done("test_vl_thin");
}
