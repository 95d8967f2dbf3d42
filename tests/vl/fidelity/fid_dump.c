/* Prints what compare.py compares of the scene a Vega-Lite spec lays out:
 * its plots, guide labels and marks, one per line, tab-separated fields:
 *   plot   X Y W H                       a plot box (sc_box "plot"), px
 *   label  KIND  CX CY  TEXT             KIND x, y or legend; the label's centre;
 *                                        lines joined by a space
 *   mark   KIND  X0 Y0 X1 Y1  FILL STROKE  TEXT
 * A mark's KIND is Vega's name for its SVG mark group (rect, symbol, line,
 * area, rule, arc, text); X0..Y1 its bounds (curves sampled, not their
 * control points, as compare.py does for Vega's paths); FILL and STROKE
 * #rrggbb or "none" (a text's fill: its colour); TEXT only for text marks.  Marks after a plot line
 * are that plot's (marks are emitted between a plot's box and its axes).
 *   fid_dump SPEC */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "api_internal.h"
#include "scene/scene.h"

static void put_text(const char *t) {
  for (; *t; t++) putchar(*t == '\n' || *t == '\t' ? ' ' : *t);
}

/* Vega's mark group for a huitu mark role, NULL when it is no mark. */
static const char *vega_kind(const char *role) {
  static const char *const map[][2] = {
      {"mark.bar", "rect"},      {"mark.rect", "rect"},     {"mark.tick", "rect"},   {"mark.point", "symbol"},
      {"mark.circle", "symbol"}, {"mark.square", "symbol"}, {"mark.line", "line"},   {"mark.area", "area"},
      {"mark.rule", "rule"},     {"mark.arc", "arc"},       {"mark.text", "text"},
  };
  if (!role) return NULL;
  for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
    if (!strcmp(role, map[i][0])) return map[i][1];
  return NULL;
}

typedef struct bounds {
  double x0, y0, x1, y1;
} bounds;

static void add(bounds *b, double x, double y) {
  if (x < b->x0) b->x0 = x;
  if (x > b->x1) b->x1 = x;
  if (y < b->y0) b->y0 = y;
  if (y > b->y1) b->y1 = y;
}

/* The bounds of points p[from..to) of a path, each cubic sampled at 16
 * steps (its control points are not drawn). */
static bounds path_bounds(const sc_pt *p, int from, int to) {
  bounds b = {INFINITY, INFINITY, -INFINITY, -INFINITY};
  double cx = 0, cy = 0;
  for (int i = from; i < to; i++) {
    if (p[i].op == SC_CURVE && i + 2 < to) {
      for (int k = 1; k <= 16; k++) {
        double t = k / 16.0, u = 1 - t;
        double x = u * u * u * cx + 3 * u * u * t * p[i].x + 3 * u * t * t * p[i + 1].x + t * t * t * p[i + 2].x;
        double y = u * u * u * cy + 3 * u * u * t * p[i].y + 3 * u * t * t * p[i + 1].y + t * t * t * p[i + 2].y;
        add(&b, x, y);
      }
      cx = p[i + 2].x, cy = p[i + 2].y;
      i += 2;
    } else if (p[i].op != SC_CLOSE) {
      cx = p[i].x, cy = p[i].y;
      add(&b, cx, cy);
    }
  }
  return b;
}

static void put_color(uint32_t c) {
  if (!(c & 0xff)) fputs("none", stdout);
  else printf("#%06x", (unsigned)(c >> 8));
}

static void put_one(const sc_item *it, const char *kind, bounds b) {
  printf("mark\t%s\t%.2f %.2f %.2f %.2f\t", kind, b.x0, b.y0, b.x1, b.y1);
  /* a text's colour is its runs' (its first run's: marks are one colour) */
  put_color(it->kind == SC_TEXT && it->text->nruns ? it->text->runs[0].color : it->style.fill);
  putchar('\t');
  put_color(it->style.stroke);
  putchar('\t');
  if (it->kind == SC_TEXT) put_text(it->text->text);
  putchar('\n');
}

/* One line per mark; a line or area path one per subpath, as compare.py
 * splits Vega's (a line with gaps may be one path or several). */
static void put_mark(const sc_item *it, const char *kind) {
  if (it->kind != SC_PATH) {
    put_one(it, kind, (bounds){it->x, it->y, it->x + it->w, it->y + it->h});
    return;
  }
  sc_pt tmp[SC_CIRCLE_NPTS];
  int n;
  const sc_pt *p = scene_path_points(it, tmp, &n);
  int split = !strcmp(kind, "line") || !strcmp(kind, "area");
  for (int from = 0, i = 1; i <= n; i++)
    if (i == n || (split && p[i].op == SC_MOVE)) {
      put_one(it, kind, path_bounds(p, from, i));
      from = i;
    }
}

/* A label's centre: its box's, turned with the text about x, y. */
static void put_label(const char *kind, const sc_item *it) {
  double a = it->rotate * M_PI / 180, hw = it->w / 2, hh = it->h / 2;
  printf("label\t%s\t%.2f %.2f\t", kind, it->x + hw * cos(a) - hh * sin(a), it->y + hw * sin(a) + hh * cos(a));
  put_text(it->text->text);
  putchar('\n');
}

static void dump(const scene *s) {
  int box = 0;
  sc_cursor c; /* a run of markers: each of its markers */
  scene_cursor_start(&c, s);
  for (const sc_item *it; (it = scene_cursor_item(&c)); scene_cursor_skip(&c, 1)) {
    for (; box < s->nboxes && s->boxes[box].first == c.i && c.k == 0; box++)
      if (!strcmp(s->boxes[box].role, "plot"))
        printf("plot\t%.2f %.2f %.2f %.2f\n", s->boxes[box].x, s->boxes[box].y, s->boxes[box].w, s->boxes[box].h);
    const char *kind = vega_kind(it->role);
    if (kind) put_mark(it, kind);
    if (it->kind != SC_TEXT || !it->role) continue;
    if (!strcmp(it->role, "axis.x.label")) put_label("x", it);
    else if (!strcmp(it->role, "axis.y.label")) put_label("y", it);
    else if (!strcmp(it->role, "legend.label")) put_label("legend", it);
  }
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: fid_dump SPEC\n");
    return 2;
  }
  char err[512];
  huitu_ctx *ctx = huitu_ctx_new(err, sizeof err);
  if (!ctx) {
    fprintf(stderr, "%s\n", err);
    return 1;
  }
  huitu_doc *d = huitu_doc_load_file(ctx, argv[1]);
  const scene *s = huitu_doc_status(d) == HUITU_OK ? huitu_internal_doc_scene(d) : NULL;
  int rc = 1;
  if (s) {
    dump(s);
    rc = 0;
  } else {
    char line[2048];
    for (int i = 0; i < huitu_doc_diag_count(d); i++) {
      huitu_diag_format(huitu_doc_diag(d, i), line, sizeof line);
      fprintf(stderr, "%s\n", line);
    }
  }
  huitu_doc_free(d);
  huitu_ctx_free(ctx);
  return rc;
}
