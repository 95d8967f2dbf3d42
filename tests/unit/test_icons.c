/* Icons with numbers (issue 16), checked on the scene: every built-in icon
 * parses and its ink stays in the 24-grid's live area (1.5..22.5); a kpi
 * puts its icon left of (centred on the digits) or above the number
 * without overlap, keeps its row's shared size and baseline, and draws
 * the disc behind the glyph; unknown names get a located did-you-mean;
 * {svg: file.svg} goes through the image loader's confinement and checks
 * (a FIFO or an SVG with entities is a located error). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/arena.h"
#include "layout/icons.h"
#include "layout/layout.h"
#include "model/doc.h"
#include "model/infographic.h"
#include "spec/node.h"
#include "testing.h"
#include "text/text.h"

static text_engine *te;

typedef struct run {
  arena *a;
  spec_doc doc;
  diag_list d;
  doc_model *m;
  scene *s;
  char first_error[1024];
} run;

static void run_at(run *r, const char *path, const char *yaml) {
  memset(r, 0, sizeof *r);
  r->a = arena_new();
  r->doc.arena = r->a;
  r->doc.path = path;
  r->doc.root = spec_parse(r->a, path, yaml, strlen(yaml), &r->d);
  if (r->doc.root) r->m = doc_build(&r->doc, &r->d);
  if (r->m && !r->d.errors) r->s = layout_document(r->m, te, r->a, &r->d);
  for (int i = 0; i < r->d.n; i++)
    if (r->d.items[i].severity == DIAG_ERROR) {
      diag_format(&r->d.items[i], r->first_error, sizeof r->first_error);
      break;
    }
}
static void run_spec(run *r, const char *yaml) { run_at(r, "t.yaml", yaml); }

static void run_free(run *r) {
  diag_clear(&r->d);
  arena_free(r->a);
}

static const sc_item *nth_role(const scene *s, const char *role, int k) {
  for (int i = 0; s && i < s->n; i++)
    if (s->items[i].role && !strcmp(s->items[i].role, role) && k-- == 0) return &s->items[i];
  return NULL;
}

/* ---- the set ---- */

/* The ink of path data: the curves sampled (their control points may lie
 * outside, the curve may not). */
static void ink_bounds(const icon_path *p, double b[4]) {
  b[0] = b[1] = 1e9;
  b[2] = b[3] = -1e9;
  double px = 0, py = 0;
  for (int i = 0; i < p->n; i++) {
    const icon_pt *q = &p->pts[i];
    if (q->op == 'C') {
      for (int k = 0; k <= 16; k++) {
        double t = k / 16.0, u = 1 - t;
        double x = u * u * u * px + 3 * u * u * t * q[0].x + 3 * u * t * t * q[1].x + t * t * t * q[2].x;
        double y = u * u * u * py + 3 * u * u * t * q[0].y + 3 * u * t * t * q[1].y + t * t * t * q[2].y;
        b[0] = fmin(b[0], x), b[1] = fmin(b[1], y), b[2] = fmax(b[2], x), b[3] = fmax(b[3], y);
      }
      px = q[2].x, py = q[2].y;
      i += 2;
      continue;
    }
    b[0] = fmin(b[0], q->x), b[1] = fmin(b[1], q->y), b[2] = fmax(b[2], q->x), b[3] = fmax(b[3], q->y);
    px = q->x, py = q->y;
  }
}

static void test_set(void) {
  int n = 0;
  for (int i = 0; icon_names[i]; i++, n++) {
    arena *a = arena_new();
    icon_path p;
    char err[160] = "";
    int rc = icon_path_parse(a, icon_builtin_path(icon_names[i]), &p, err, sizeof err);
    if (rc) fprintf(stderr, "icon %s: %s\n", icon_names[i], err);
    CHECK(rc == 0 && p.n > 0);
    double b[4];
    ink_bounds(&p, b);
    int inside = b[0] >= 1.5 - 0.02 && b[1] >= 1.5 - 0.02 && b[2] <= 22.5 + 0.02 && b[3] <= 22.5 + 0.02;
    if (!inside) fprintf(stderr, "icon %s: ink %.2f,%.2f..%.2f,%.2f\n", icon_names[i], b[0], b[1], b[2], b[3]);
    CHECK(inside);
    /* and it uses the area: no icon smaller than 15 units both ways */
    CHECK(b[2] - b[0] >= 15 || b[3] - b[1] >= 15);
    for (int j = 0; j < i; j++) CHECK(strcmp(icon_names[i], icon_names[j]) != 0);
    arena_free(a);
  }
  CHECK(n >= 30);
  static const char *const need[] = {"elder", "meal", "bath", "marriage", "funeral", "volunteer", "charity",
                                     "community", "child", "disabled", "subsidy", "pin", "document", "law",
                                     "growth", "coin", "yuan", "hospital", NULL};
  for (int i = 0; need[i]; i++) CHECK(icon_builtin_path(need[i]) != NULL);
  CHECK(icon_builtin_path("yuan") != icon_builtin_path("coin"));
  CHECK(icon_builtin_path("nosuch") == NULL);
}

/* ---- kpi with an icon ---- */

static double baseline(const sc_item *t) { return t->y + t->text->ascent; }

static void test_kpi_left(void) {
  run r;
  run_spec(&r, "page: {width: 1000, margin: 40}\nlayout: {columns: 3, gap: 24}\nblocks:\n"
               "  - kpi: {icon: meal, value: 1637, unit: 个, label: 累计建成助餐点}\n"
               "  - kpi: {icon: bath, iconDisc: true, value: 78, unit: 个, label: 累计建成助浴点}\n"
               "  - kpi: {value: 85055, unit: 张, label: 各类养老床位}\n");
  CHECK(r.s != NULL);
  const sc_item *ic = nth_role(r.s, "kpi.icon", 0), *v = nth_role(r.s, "kpi.value", 0);
  const sc_item *lb = nth_role(r.s, "kpi.label", 0);
  CHECK(ic && v && lb);
  if (ic && v && lb) {
    CHECK(ic->x >= 40 - 0.01);             /* in the block */
    CHECK(ic->x + ic->w <= v->x - 4);      /* left of the number, a gap between */
    CHECK(fabs(lb->x - v->x) < 0.01);      /* the label under the number, not under the icon */
    /* centred on the digits: its middle between the digits' top and the baseline */
    double mid = ic->y + ic->h / 2, base = baseline(v);
    CHECK(mid < base && mid > base - v->text->ascent);
  }
  /* the disc: a circle behind the glyph, the glyph inside it */
  const sc_item *disc = nth_role(r.s, "kpi.icon.disc", 0), *g = nth_role(r.s, "kpi.icon", 1);
  const sc_item *v2 = nth_role(r.s, "kpi.value", 1);
  CHECK(disc && g && v2);
  if (disc && g && v2) {
    CHECK(disc < g); /* drawn first */
    CHECK(g->x > disc->x && g->x + g->w < disc->x + disc->w && g->y > disc->y && g->y + g->h < disc->y + disc->h);
    CHECK(fabs((g->x + g->w / 2) - (disc->x + disc->w / 2)) < 1.5); /* centred (ink, not box, bounds) */
    CHECK(disc->x + disc->w <= v2->x - 4);
    CHECK((disc->style.fill & 0xff) < 0x80); /* tinted: the colour at low opacity */
  }
  /* the row keeps one number size and one baseline, icons or not */
  const sc_item *v3 = nth_role(r.s, "kpi.value", 2);
  CHECK(v && v2 && v3);
  if (v && v2 && v3) {
    CHECK(fabs(baseline(v) - baseline(v2)) < 0.01 && fabs(baseline(v) - baseline(v3)) < 0.01);
    CHECK(fabs(v->text->height - v3->text->height) < 0.01);
  }
  run_free(&r);
}

static void test_kpi_top(void) {
  run r;
  run_spec(&r, "page: {width: 900, margin: 40}\nlayout: {columns: 2}\nblocks:\n"
               "  - kpi: {icon: law, iconPosition: top, value: 262, unit: 件, label: 民政法规政策}\n"
               "  - kpi: {icon: charity, iconPosition: top, iconSize: 40, value: 46.07, unit: 亿元}\n");
  CHECK(r.s != NULL);
  const sc_item *ic = nth_role(r.s, "kpi.icon", 0), *v = nth_role(r.s, "kpi.value", 0);
  CHECK(ic && v);
  if (ic && v) {
    CHECK(fabs(ic->x - 40 - ic->w / 24 * 1.5) < 1.5); /* at the block's left edge (its ink 1.5/24 in) */
    /* above the digits: the digits' tops (~0.72 of the size above the baseline) below the icon */
    double size = v->text->height / 1.2; /* no closer than the line box allows */
    (void)size;
    CHECK(ic->y + ic->h <= baseline(v) - 0.5 * v->text->ascent);
    CHECK(ic->y >= 40 - 0.01);
  }
  const sc_item *ic2 = nth_role(r.s, "kpi.icon", 1);
  CHECK(ic2 && ic2->w <= 40 && ic2->h <= 40 && ic2->h > 30); /* iconSize: the box; the ink is within it */
  run_free(&r);
  /* path data of the spec's own, on the 24-grid: a square 2..22 in a 48 box is 40 px, 4 px in */
  run_spec(&r, "page: {width: 600, margin: 40}\nblocks:\n"
               "  - kpi: {icon: {path: \"M2 2H22V22H2Z\"}, iconSize: 48, iconColor: \"#2a6f97\", value: 56, unit: 家}\n");
  ic = nth_role(r.s, "kpi.icon", 0);
  v = nth_role(r.s, "kpi.value", 0);
  CHECK(ic && v);
  if (ic && v) {
    CHECK_NEAR(ic->x, 44, 0.01);
    CHECK_NEAR(ic->w, 40, 0.01);
    CHECK(ic->style.fill == 0x2a6f97ff);
    CHECK(v->x >= 40 + 48 + 4); /* beside the whole box, not just the ink */
  }
  run_free(&r);
}

/* ---- errors ---- */

static void test_errors(void) {
  run r;
  run_spec(&r, "blocks:\n  - kpi: {value: 3, icon: eldr}\n");
  CHECK_STR(r.first_error, "t.yaml:2:27: error: unknown icon 'eldr' (did you mean 'elder'?)");
  run_free(&r);
  run_spec(&r, "blocks:\n  - kpi: {value: 3, icon: {pth: M0 0}}\n");
  CHECK_STR(r.first_error, "t.yaml:2:27: error: 'icon' must be an icon name, {path: \"M...\"} or {svg: file.svg}, "
                           "found a mapping");
  run_free(&r);
  run_spec(&r, "blocks:\n  - kpi: {value: 3, icon: meal, iconPosition: right}\n");
  CHECK_STR(r.first_error, "t.yaml:2:47: error: 'iconPosition' must be one of left, top; found the string 'right'");
  run_free(&r);
  run_spec(&r, "blocks:\n  - kpi: {value: 3, icn: meal}\n");
  CHECK(strstr(r.first_error, "did you mean 'icon'?") != NULL);
  run_free(&r);
}

static void test_svg_icons(void) {
  char dir[] = "/tmp/huitu-icons-XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  char path[512], spec[512];
  snprintf(spec, sizeof spec, "%s/t.yaml", dir);
  /* a good one: drawn as an image, contained and centred in the icon box */
  snprintf(path, sizeof path, "%s/own.svg", dir);
  FILE *f = fopen(path, "w");
  fputs("<svg xmlns='http://www.w3.org/2000/svg' width='24' height='12'><rect width='24' height='12'/></svg>", f);
  fclose(f);
  run r;
  run_at(&r, spec, "blocks:\n  - kpi: {value: 3, icon: {svg: own.svg}, iconSize: 48}\n"
                   "  - pictogram: {value: 2.5, total: 4, icon: {svg: own.svg}, iconSize: 30}\n");
  CHECK_STR(r.first_error, "");
  const sc_item *im = nth_role(r.s, "kpi.icon", 0);
  CHECK(im && im->kind == SC_IMAGE && im->image_svg && im->image_len > 0);
  if (REQUIRED(im)) CHECK(fabs(im->w - 48) < 0.01 && fabs(im->h - 24) < 0.01);
  CHECK(nth_role(r.s, "pictogram.icon", 1) != NULL && nth_role(r.s, "pictogram.icon.part", 0) != NULL);
  CHECK(nth_role(r.s, "pictogram.icon.empty", 1) != NULL); /* the cut one's base and the empty one */
  run_free(&r);
  /* entities: refused by the SVG check, located */
  snprintf(path, sizeof path, "%s/ent.svg", dir);
  f = fopen(path, "w");
  fputs("<?xml version='1.0'?><!DOCTYPE svg [<!ENTITY a 'aaaa'>]><svg xmlns='http://www.w3.org/2000/svg' "
        "width='4' height='4'><text>&a;</text></svg>", f);
  fclose(f);
  run_at(&r, spec, "blocks:\n  - kpi: {value: 3, icon: {svg: ent.svg}}\n");
  CHECK(strstr(r.first_error, "/t.yaml:2:33: error: icon 'ent.svg' declares XML entities") != NULL);
  if (!strstr(r.first_error, "/t.yaml:2:33: error: icon 'ent.svg' declares XML entities")) fprintf(stderr, "got: %s\n", r.first_error);
  run_free(&r);
  /* a FIFO: refused without blocking (opened O_NONBLOCK, not a regular file) */
  snprintf(path, sizeof path, "%s/fifo.svg", dir);
  CHECK(mkfifo(path, 0600) == 0);
  run_at(&r, spec, "blocks:\n  - pictogram: {value: 3, icon: {svg: fifo.svg}}\n");
  CHECK(strstr(r.first_error, "/t.yaml:2:39: error: icon 'fifo.svg' is not a regular file (a FIFO)") != NULL);
  run_free(&r);
  /* outside the spec's folder: refused by the path guard */
  run_at(&r, spec, "blocks:\n  - kpi: {value: 3, icon: {svg: ../x.svg}}\n");
  CHECK(strstr(r.first_error, "/t.yaml:2:33: error: '../x.svg' is outside the spec's folder") != NULL);
  run_free(&r);
  unlink(path);
  snprintf(path, sizeof path, "%s/ent.svg", dir);
  unlink(path);
  snprintf(path, sizeof path, "%s/own.svg", dir);
  unlink(path);
  rmdir(dir);
}

int main(void) {
  char err[256];
  te = text_engine_new(NULL, err, sizeof err);
  if (!te) {
    fprintf(stderr, "no text engine: %s\n", err);
    return 1;
  }
  test_set();
  test_kpi_left();
  test_kpi_top();
  test_errors();
  test_svg_icons();
  text_engine_free(te);
  return testing_done("test_icons");
}
