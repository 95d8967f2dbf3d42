/* Scene-level test helpers shared by the chart and layout tests: lay a
 * spec out through the real pipeline (spec -> model -> layout) with the
 * bundled fonts, then find scene items by role.  Header-only so each test
 * stays one executable; every function is static and may go unused. */
#ifndef HUITU_SCENE_TEST_H
#define HUITU_SCENE_TEST_H
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/diag.h"
#include "layout/layout.h"
#include "model/doc.h"
#include "scene/scene.h"
#include "spec/node.h"
#include "testing.h"
#include "text/text.h"

#define SCENE_TEST_UNUSED __attribute__((unused))

static text_engine *TE;

typedef struct run {
  arena *da, *ra;
  diag_list d;
  scene *sc;
  char first_error[512];
} run;

/* Start the engine every scene test lays out with (the bundled fonts);
 * a test that cannot start it stops with status 1. */
static SCENE_TEST_UNUSED void scene_test_begin(void) {
  char err[256];
  TE = text_engine_new(NULL, err, sizeof err);
  if (!TE) {
    fprintf(stderr, "text engine: %s\n", err);
    exit(1);
  }
}

static SCENE_TEST_UNUSED void run_free(run *r) {
  arena_free(r->da);
  arena_free(r->ra);
  diag_clear(&r->d);
}

static SCENE_TEST_UNUSED run go(const char *path, const char *text) {
  run r;
  memset(&r, 0, sizeof r);
  r.da = arena_new();
  r.ra = arena_new();
  spec_doc *doc = arena_alloc(r.da, sizeof *doc);
  doc->arena = r.da;
  doc->path = path;
  doc->root = spec_parse(r.da, path, text, strlen(text), &r.d);
  doc_model *m = doc->root ? doc_build(doc, &r.d) : NULL;
  if (m && r.d.errors == 0) r.sc = layout_document(m, TE, r.ra, &r.d);
  for (int i = 0; i < r.d.n; i++)
    if (r.d.items[i].severity == DIAG_ERROR) {
      diag_format(&r.d.items[i], r.first_error, sizeof r.first_error);
      break;
    }
  return r;
}

static SCENE_TEST_UNUSED int count(const scene *s, const char *role) {
  int n = 0;
  for (int i = 0; s && i < s->n; i++)
    if (s->items[i].role && !strcmp(s->items[i].role, role)) n++;
  return n;
}

static SCENE_TEST_UNUSED const sc_item *nth(const scene *s, const char *role, int k) {
  for (int i = 0; s && i < s->n; i++)
    if (s->items[i].role && !strcmp(s->items[i].role, role) && k-- == 0) return &s->items[i];
  return NULL;
}

static SCENE_TEST_UNUSED const char *label(const scene *s, const char *role, int k) {
  const sc_item *it = nth(s, role, k);
  return it && it->text ? it->text->text : NULL;
}

/* Bounds of a (possibly rotated) text item. */
static SCENE_TEST_UNUSED void text_bounds(const sc_item *it, double *x0, double *y0, double *x1, double *y1) {
  double th = it->rotate * M_PI / 180, rx = cos(th), ry = sin(th), dx = -ry, dy = rx;
  double w = it->text->width, h = it->text->height;
  double xs[4] = {it->x, it->x + w * rx, it->x + h * dx, it->x + w * rx + h * dx};
  double ys[4] = {it->y, it->y + w * ry, it->y + h * dy, it->y + w * ry + h * dy};
  *x0 = *x1 = xs[0];
  *y0 = *y1 = ys[0];
  for (int i = 1; i < 4; i++) {
    *x0 = fmin(*x0, xs[i]), *x1 = fmax(*x1, xs[i]);
    *y0 = fmin(*y0, ys[i]), *y1 = fmax(*y1, ys[i]);
  }
}

/* Pairwise overlap of the ink of rotated text: approximate with the
 * rotated rectangles via the separating-axis test. */
static SCENE_TEST_UNUSED int rot_overlap(const sc_item *a, const sc_item *b) {
  const sc_item *it[2] = {a, b};
  double px[2][4], py[2][4];
  for (int k = 0; k < 2; k++) {
    double th = it[k]->rotate * M_PI / 180, rx = cos(th), ry = sin(th), dx = -ry, dy = rx;
    double w = it[k]->text->width, h = it[k]->text->height;
    double x = it[k]->x, y = it[k]->y;
    px[k][0] = x, py[k][0] = y;
    px[k][1] = x + w * rx, py[k][1] = y + w * ry;
    px[k][2] = x + w * rx + h * dx, py[k][2] = y + w * ry + h * dy;
    px[k][3] = x + h * dx, py[k][3] = y + h * dy;
  }
  for (int k = 0; k < 2; k++)
    for (int e = 0; e < 2; e++) {
      double ax = px[k][e + 1] - px[k][e], ay = py[k][e + 1] - py[k][e];
      double nx = -ay, ny = ax;
      double mn[2] = {INFINITY, INFINITY}, mx[2] = {-INFINITY, -INFINITY};
      for (int q = 0; q < 2; q++)
        for (int v = 0; v < 4; v++) {
          double p = px[q][v] * nx + py[q][v] * ny;
          mn[q] = fmin(mn[q], p), mx[q] = fmax(mx[q], p);
        }
      double len = sqrt(nx * nx + ny * ny);
      if (mx[0] <= mn[1] + 0.5 * len || mx[1] <= mn[0] + 0.5 * len) return 0;
    }
  return 1;
}

static SCENE_TEST_UNUSED char *read_all(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *s = malloc((size_t)n + 1);
  if (fread(s, 1, (size_t)n, f) != (size_t)n) n = 0;
  s[n] = 0;
  fclose(f);
  return s;
}

static SCENE_TEST_UNUSED run go_file(const char *rel) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", HUITU_SOURCE_DIR, rel);
  char *text = read_all(path);
  run r = go(rel, text ? text : "");
  free(text);
  return r;
}

/* Each spec lays out without errors with the expected number of items of
 * a role (n < 0: at least one); a miss is a failed check, with the count. */
typedef struct vl_case {
  const char *file, *role;
  int n;
} vl_case;

static SCENE_TEST_UNUSED void check_role_counts(const vl_case *cases, size_t ncases) {
  for (size_t i = 0; i < ncases; i++) {
    run r = go_file(cases[i].file);
    int n = count(r.sc, cases[i].role);
    int ok = r.sc && r.d.errors == 0 && (cases[i].n < 0 ? n > 0 : n == cases[i].n);
    testing_checks++;
    if (!ok) {
      testing_failures++;
      fprintf(stderr, "%s: %d x %s (expected %d) %s\n", cases[i].file, n, cases[i].role, cases[i].n, r.first_error);
    }
    run_free(&r);
  }
}
/* Whether some item of role has exactly this text. */
static SCENE_TEST_UNUSED int has_label(const scene *s, const char *role, const char *text) {
  int n = count(s, role);
  for (int i = 0; i < n; i++)
    if (label(s, role, i) && !strcmp(label(s, role, i), text)) return 1;
  return 0;
}

/* No two items of role overlap (rotated text included); what names the
 * case in a failure. */
static SCENE_TEST_UNUSED void check_no_overlap(const scene *s, const char *role, const char *what) {
  int n = count(s, role);
  for (int i = 0; i < n; i++)
    for (int j = i + 1; j < n; j++) {
      testing_checks++;
      if (rot_overlap(nth(s, role, i), nth(s, role, j))) {
        testing_failures++;
        fprintf(stderr, "%s: %s %d (%s) and %d (%s) overlap\n", what, role, i, label(s, role, i), j,
                label(s, role, j));
      }
    }
}

#endif
