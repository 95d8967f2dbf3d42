/* Maps: a view's projection (spec, d3's defaults, fit to the view) and
 * GeoJSON geometry cells (data/geojson.h) clipped, projected and drawn as
 * scene paths.
 *
 * The pipeline is d3-geo's, simplified where huitu can: points are turned
 * by the rotation, clipped on the sphere, projected, then scaled and
 * translated.  Clipping: the antimeridian for every projection but
 * orthographic (a ring that crosses it is cut into the pieces on either
 * side, closed along the cut; a ring around a pole is closed over the
 * pole), the far hemisphere for orthographic (a ring is cut at the
 * horizon and closed along it, the shorter way).  Unlike d3 there is no
 * adaptive resampling: edges stay straight between the data's points, so
 * the generated edges (cuts, horizon, graticule meridians) are sampled
 * every 2.5 degrees instead.  albersUsa draws each ring with the part
 * (lower 48, Alaska, Hawaii) whose extent holds its first point. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart/projection.h"
#include "chart/vl.h"
#include "chart/vl_spec_internal.h"

#define RAD (M_PI / 180)
#define EDGE_STEP (2.5 * RAD) /* generated edges: a point every 2.5 degrees */

/* ---- the projection of a view ---- */

/* A list of min to max numbers into out (center, translate, rotate, ...). */
static int read_numbers(chart *c, const spec_node *n, double *out, int min, int max, diag_list *d) {
  if (n->kind != SPEC_SEQ || n->n < min || n->n > max) {
    diag_spec_error(d, L(c, n), "expected a list of %s numbers, found %s",
                    min == max ? arena_printf(c->a, "%d", min) : arena_printf(c->a, "%d or %d", min, max),
                    n->kind == SPEC_SEQ ? arena_printf(c->a, "%d", n->n)
                                                                       : spec_describe(c->a, n));
    return -1;
  }
  for (int i = 0; i < n->n; i++)
    if (vls_get_num(c, n->items[i], &out[i], d)) return -1;
  return 0;
}

int vl_projection_parse(chart *c, const spec_node *spec, geo_projection *p, geo_projection *sub, int *fit,
                        diag_list *d) {
  int type = PROJ_MERCATOR, bad = 0, flag;
  const spec_node *x;
  if ((x = spec_map_get(spec, "type")) && (type = vls_enum_index(c, x, geo_projection_names, "projection", d)) < 0)
    type = PROJ_MERCATOR, bad = 1; /* and go on: every mistake in one run */
  geo_projection_init(p, type, sub);
  *fit = !spec_map_get(spec, "scale") && !spec_map_get(spec, "translate");
  double v[3] = {0, 0, 0};
  if ((x = spec_map_get(spec, "scale"))) bad |= vls_get_num(c, x, &p->scale, d);
  if ((x = spec_map_get(spec, "translate")) && !(bad |= read_numbers(c, x, v, 2, 2, d))) p->tx = v[0], p->ty = v[1];
  if ((x = spec_map_get(spec, "center")) && !(bad |= read_numbers(c, x, v, 2, 2, d)))
    p->center[0] = v[0], p->center[1] = v[1];
  v[2] = 0;
  if ((x = spec_map_get(spec, "rotate")) && !(bad |= read_numbers(c, x, v, 2, 3, d)))
    p->rotate[0] = v[0], p->rotate[1] = v[1], p->rotate[2] = v[2];
  if ((x = spec_map_get(spec, "parallels")) && !(bad |= read_numbers(c, x, v, 2, 2, d)))
    p->parallels[0] = v[0], p->parallels[1] = v[1];
  if ((x = spec_map_get(spec, "reflectX")) && !(bad |= vls_get_bool(c, x, &flag, d))) p->sx = flag ? -1 : 1;
  if ((x = spec_map_get(spec, "reflectY")) && !(bad |= vls_get_bool(c, x, &flag, d))) p->sy = flag ? -1 : 1;
  if (bad) return -1;
  if (type == PROJ_ALBERS_USA && (spec_map_get(spec, "center") || spec_map_get(spec, "rotate") ||
                                  spec_map_get(spec, "parallels"))) {
    const spec_node *k = spec_map_get(spec, "center") ? spec_map_get(spec, "center")
                         : spec_map_get(spec, "rotate") ? spec_map_get(spec, "rotate")
                                                        : spec_map_get(spec, "parallels");
    diag_spec_error(d, L(c, k), "albersUsa is made of three fixed projections: it takes scale and translate only");
    return -1;
  }
  geo_projection_finish(p);
  return 0;
}

/* ---- geometry text (compact GeoJSON, see data/geojson.h) ---- */

typedef struct jv {
  /* 'n' number, 'a' array, 'o' object, 's' string, 'l' true/false/null,
   * 'p' an array of numbers (a position: nums[0..n), not items) */
  char kind;
  double num;
  double *nums;
  const char *s; /* string: start (escapes kept), len slen */
  size_t slen;
  int n;
  struct jv *items;
  const char **keys; /* object keys, NUL-terminated copies */
} jv;

typedef struct jparse {
  const char *p, *end;
  arena *a;
  int depth;
} jparse;

static void ws(jparse *J) {
  while (J->p < J->end && (*J->p == ' ' || *J->p == '\n' || *J->p == '\r' || *J->p == '\t')) J->p++;
}

static int jvalue(jparse *J, jv *out);

/* [x, y, ...] of numbers alone: packed, a position costs 16 bytes, not
 * three nodes (a county map has hundreds of thousands).  -1: not such a
 * list (J unmoved). */
static int jnumbers(jparse *J, jv *out) {
  const char *p = J->p + 1;
  double v[4];
  int n = 0;
  for (;;) {
    while (p < J->end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) p++;
    const char *s = p;
    while (p < J->end && strchr("+-.0123456789eE", *p)) p++;
    if (p == s || n == 4 || spec_scalar_number(s, (size_t)(p - s), &v[n])) return -1;
    n++;
    while (p < J->end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) p++;
    if (p < J->end && *p == ',') {
      p++;
      continue;
    }
    if (p < J->end && *p == ']') break;
    return -1;
  }
  out->kind = 'p', out->n = n;
  out->nums = arena_alloc_array(J->a, (size_t)n, sizeof *out->nums);
  memcpy(out->nums, v, (size_t)n * sizeof *v);
  J->p = p + 1;
  return 0;
}

static int jlist(jparse *J, jv *out, int object) {
  int cap = 0;
  if (!object && jnumbers(J, out) == 0) return 0;
  out->kind = object ? 'o' : 'a';
  J->p++;
  ws(J);
  if (J->p < J->end && *J->p == (object ? '}' : ']')) return J->p++, 0;
  for (;;) {
    if (out->n == cap) {
      int nc = cap ? cap * 2 : 4;
      out->items = arena_grow(J->a, out->items, (size_t)cap, (size_t)nc, sizeof *out->items);
      if (object) out->keys = arena_grow(J->a, out->keys, (size_t)cap, (size_t)nc, sizeof *out->keys);
      cap = nc;
    }
    ws(J);
    if (object) {
      jv key = {0};
      if (J->p >= J->end || *J->p != '"' || jvalue(J, &key)) return -1;
      out->keys[out->n] = arena_strndup(J->a, key.s, key.slen);
      ws(J);
      if (J->p >= J->end || *J->p != ':') return -1;
      J->p++;
    }
    if (jvalue(J, &out->items[out->n++])) return -1;
    ws(J);
    if (J->p < J->end && *J->p == ',') {
      J->p++;
      continue;
    }
    if (J->p < J->end && *J->p == (object ? '}' : ']')) return J->p++, 0;
    return -1;
  }
}

static int jvalue(jparse *J, jv *out) {
  *out = (jv){0};
  ws(J);
  if (J->p >= J->end || ++J->depth > 64) return -1;
  int r = 0;
  char ch = *J->p;
  if (ch == '[' || ch == '{') r = jlist(J, out, ch == '{');
  else if (ch == '"') {
    const char *s = ++J->p;
    while (J->p < J->end && *J->p != '"') J->p += *J->p == '\\' ? 2 : 1;
    if (J->p >= J->end) return -1;
    out->kind = 's', out->s = s, out->slen = (size_t)(J->p++ - s);
  } else if (ch == 't' || ch == 'f' || ch == 'n') {
    out->kind = 'l';
    while (J->p < J->end && *J->p >= 'a' && *J->p <= 'z') J->p++;
  } else {
    const char *s = J->p;
    while (J->p < J->end && strchr("+-.0123456789eE", *J->p)) J->p++;
    out->kind = 'n';
    if (J->p == s || spec_scalar_number(s, (size_t)(J->p - s), &out->num)) r = -1;
  }
  J->depth--;
  return r;
}

static const jv *jget(const jv *o, const char *key) {
  for (int i = 0; o && o->kind == 'o' && i < o->n; i++)
    if (!strcmp(o->keys[i], key)) return &o->items[i];
  return NULL;
}

static int jis(const jv *v, const char *s) {
  return v && v->kind == 's' && v->slen == strlen(s) && !memcmp(v->s, s, v->slen);
}

/* ---- drawing: parts through clip and projection into a sink ---- */

/* Where projected points go: a scene path, or the bounds of a fit. */
typedef struct sink {
  scene *sc; /* NULL: bounds only */
  double ox, oy;
  double x0, y0, x1, y1; /* bounds */
  int started;           /* a move was written for the current piece */
  double point_r;        /* Point geometries: circles of this radius */
  int points_only;       /* emit only circles (the second pass over a path) */
} sink;

static void sink_pt(sink *s, double x, double y) {
  if (!isfinite(x) || !isfinite(y)) return;
  if (x < s->x0) s->x0 = x;
  if (x > s->x1) s->x1 = x;
  if (y < s->y0) s->y0 = y;
  if (y > s->y1) s->y1 = y;
  if (!s->sc) return;
  if (s->started) scene_line(s->sc, s->ox + x, s->oy + y);
  else scene_move(s->sc, s->ox + x, s->oy + y);
  s->started = 1;
}

static void sink_end(sink *s, int closed) {
  if (s->sc && s->started && closed) scene_close(s->sc);
  s->started = 0;
}

/* A piece of (rotated radian) points: projected into the sink. */
typedef struct piece {
  double *lp; /* lambda, phi pairs */
  int n, cap;
} piece;

static void piece_add(piece *pc, arena *a, double l, double f) {
  if (pc->n == pc->cap) {
    int nc = pc->cap ? pc->cap * 2 : 64;
    pc->lp = arena_grow(a, pc->lp, (size_t)pc->cap * 2, (size_t)nc * 2, sizeof *pc->lp);
    pc->cap = nc;
  }
  pc->lp[2 * pc->n] = l, pc->lp[2 * pc->n + 1] = f;
  pc->n++;
}

/* Edge points between two points on a cut or horizon are added by the
 * clippers; this draws a piece. */
static void emit_piece(const geo_projection *p, sink *s, const piece *pc, int closed) {
  for (int i = 0; i < pc->n; i++) {
    double x, y;
    geo_raw_to_px(p, pc->lp[2 * i], pc->lp[2 * i + 1], &x, &y);
    sink_pt(s, x, y);
  }
  sink_end(s, closed);
}

/* Points along the antimeridian side lam from phi a to b (exclusive). */
static void cut_edge(piece *pc, arena *a, double lam, double fa, double fb) {
  int n = (int)(fabs(fb - fa) / EDGE_STEP);
  for (int k = 1; k <= n; k++) piece_add(pc, a, lam, fa + (fb - fa) * k / (n + 1));
}

/* A line cut at the antimeridian: a new piece wherever it jumps across. */
static void clip_line_antimeridian(const geo_projection *p, sink *s, const double *lp, int n, arena *a) {
  piece pc = {0};
  for (int i = 0; i < n; i++) {
    double l = lp[2 * i], f = lp[2 * i + 1];
    if (i > 0) {
      double l0 = lp[2 * i - 2], f0 = lp[2 * i - 1];
      if (fabs(l - l0) > M_PI) { /* crosses: meet the edge, go on from the other side */
        double side = l0 > 0 ? M_PI : -M_PI;
        double l1 = l + (l0 > 0 ? 2 * M_PI : -2 * M_PI);
        double t = (side - l0) / (l1 - l0), fc = f0 + t * (f - f0);
        piece_add(&pc, a, side, fc);
        emit_piece(p, s, &pc, 0);
        pc.n = 0;
        piece_add(&pc, a, -side, fc);
      }
    }
    piece_add(&pc, a, l, f);
  }
  emit_piece(p, s, &pc, 0);
}

/* Sutherland-Hodgman of ring (unwrapped longitudes) against lam >= lo
 * (keep_above) or lam <= lo, into out. */
static void clip_half(const piece *in, piece *out, arena *a, double lo, int keep_above) {
  out->n = 0;
  for (int i = 0; i < in->n; i++) {
    int j = (i + 1) % in->n;
    double la = in->lp[2 * i], fa = in->lp[2 * i + 1], lb = in->lp[2 * j], fb = in->lp[2 * j + 1];
    int ina = keep_above ? la >= lo : la <= lo, inb = keep_above ? lb >= lo : lb <= lo;
    if (ina) piece_add(out, a, la, fa);
    if (ina != inb) {
      double t = (lo - la) / (lb - la);
      piece_add(out, a, lo, fa + t * (fb - fa));
    }
  }
}

/* A ring cut at the antimeridian: its longitudes unwrapped (a ring around
 * a pole closed over it), then the parts within [-pi, pi] of it and of
 * its copies a turn east and west, each closed along the cut. */
static void clip_ring_antimeridian(const geo_projection *p, sink *s, const double *lp, int n, arena *a) {
  piece u = {0};
  double lam = 0, fsum = 0, lo = INFINITY, hi = -INFINITY;
  for (int i = 0; i < n; i++) {
    double l = lp[2 * i];
    if (i == 0) lam = l;
    else {
      double dl = l - lp[2 * i - 2];
      if (dl > M_PI) dl -= 2 * M_PI;
      else if (dl < -M_PI) dl += 2 * M_PI;
      lam += dl;
    }
    piece_add(&u, a, lam, lp[2 * i + 1]);
    fsum += lp[2 * i + 1];
    lo = fmin(lo, lam), hi = fmax(hi, lam);
  }
  if (lo >= -M_PI && hi <= M_PI) { /* does not cross */
    emit_piece(p, s, &u, 1);
    return;
  }
  double turn = u.lp[2 * (n - 1)] - u.lp[0];
  if (fabs(turn) > M_PI) { /* around a pole: over the pole on the data's side */
    /* first the closing step back to the first point, a turn away */
    double step = lp[0] - lp[2 * (n - 1)];
    if (step > M_PI) step -= 2 * M_PI;
    else if (step < -M_PI) step += 2 * M_PI;
    piece_add(&u, a, u.lp[2 * (n - 1)] + step, lp[1]);
    double pole = fsum < 0 ? -M_PI / 2 : M_PI / 2, l0 = u.lp[2 * n], l1 = u.lp[0];
    int k = (int)(fabs(l1 - l0) / EDGE_STEP) + 1;
    for (int i = 0; i <= k; i++) piece_add(&u, a, l0 + (l1 - l0) * i / k, pole);
    lo = fmin(lo, fmin(l0, l1)), hi = fmax(hi, fmax(l0, l1));
  }
  piece t1 = {0}, t2 = {0}, shifted = {0};
  for (int sh = -2; sh <= 2; sh++) {
    double off = sh * 2 * M_PI;
    if (hi + off < -M_PI || lo + off > M_PI) continue;
    shifted.n = 0;
    for (int i = 0; i < u.n; i++) piece_add(&shifted, a, u.lp[2 * i] + off, u.lp[2 * i + 1]);
    clip_half(&shifted, &t1, a, -M_PI, 1);
    clip_half(&t1, &t2, a, M_PI, 0);
    if (t2.n < 3) continue;
    /* along the cut, points every EDGE_STEP: it is a curve in most projections */
    piece out = {0};
    for (int i = 0; i < t2.n; i++) {
      double la = t2.lp[2 * i], fa = t2.lp[2 * i + 1];
      int j = (i + 1) % t2.n;
      piece_add(&out, a, la, fa);
      if (fabs(la) == M_PI && t2.lp[2 * j] == la) cut_edge(&out, a, la, fa, t2.lp[2 * j + 1]);
    }
    emit_piece(p, s, &out, 1);
  }
}

/* ---- orthographic: the far hemisphere clipped (x >= 0 after rotation) ---- */

static void to_vec(double l, double f, double v[3]) {
  v[0] = cos(f) * cos(l), v[1] = cos(f) * sin(l), v[2] = sin(f);
}

static void from_vec(const double v[3], double *l, double *f) {
  double r = sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
  *l = atan2(v[1], v[0]);
  *f = asin(fmax(-1, fmin(1, v[2] / (r > 0 ? r : 1))));
}

/* Where segment a-b meets the horizon (x = 0), on the sphere. */
static void horizon_cross(const double a[3], const double b[3], double *l, double *f) {
  double t = a[0] / (a[0] - b[0]), v[3];
  for (int k = 0; k < 3; k++) v[k] = a[k] + t * (b[k] - a[k]);
  v[0] = 0;
  from_vec(v, l, f);
}

/* Horizon points from angle ta to tb (the shorter way), exclusive. */
static void horizon_arc(piece *pc, arena *a, double ta, double tb) {
  double d = tb - ta;
  while (d > M_PI) d -= 2 * M_PI;
  while (d < -M_PI) d += 2 * M_PI;
  int n = (int)(fabs(d) / EDGE_STEP);
  for (int k = 1; k <= n; k++) {
    double t = ta + d * k / (n + 1), v[3] = {0, cos(t), sin(t)}, l, f;
    from_vec(v, &l, &f);
    piece_add(pc, a, l, f);
  }
}

static double horizon_angle(double l, double f) {
  double v[3];
  to_vec(l, f, v);
  return atan2(v[2], v[1]);
}

static void clip_ortho(const geo_projection *p, sink *s, const double *lp, int n, int ring, arena *a) {
  piece pc = {0};
  int nin = 0;
  double exit_t = NAN;
  for (int i = 0; i < n; i++) nin += cos(lp[2 * i]) * cos(lp[2 * i + 1]) >= 0;
  if (nin == n) {
    pc.lp = (double *)lp, pc.n = n;
    emit_piece(p, s, &pc, ring);
    return;
  }
  if (nin == 0) return;
  int m = ring ? n : n - 1;
  for (int i = 0; i < m; i++) {
    int j = (i + 1) % n;
    double va[3], vb[3];
    to_vec(lp[2 * i], lp[2 * i + 1], va);
    to_vec(lp[2 * j], lp[2 * j + 1], vb);
    int ina = va[0] >= 0, inb = vb[0] >= 0;
    if (ina) piece_add(&pc, a, lp[2 * i], lp[2 * i + 1]);
    if (ina != inb) {
      double l, f;
      horizon_cross(va, vb, &l, &f);
      if (ina) { /* leaving: a line ends here; a ring follows the horizon later */
        piece_add(&pc, a, l, f);
        if (!ring) emit_piece(p, s, &pc, 0), pc.n = 0;
        exit_t = horizon_angle(l, f);
      } else {
        if (ring && !isnan(exit_t)) horizon_arc(&pc, a, exit_t, horizon_angle(l, f));
        else if (ring) exit_t = NAN;
        piece_add(&pc, a, l, f);
      }
    }
  }
  if (!ring) {
    if (cos(lp[2 * (n - 1)]) * cos(lp[2 * n - 1]) >= 0) piece_add(&pc, a, lp[2 * (n - 1)], lp[2 * n - 1]);
    if (pc.n > 1) emit_piece(p, s, &pc, 0);
    return;
  }
  if (pc.n < 3) return;
  /* the ring started outside: the last exit joins the first entry */
  double f0 = pc.lp[1], l0 = pc.lp[0];
  if (!isnan(exit_t) && fabs(cos(l0) * cos(f0)) < 1e-9) {
    piece tail = {0};
    horizon_arc(&tail, a, exit_t, horizon_angle(l0, f0));
    for (int i = 0; i < tail.n; i++) piece_add(&pc, a, tail.lp[2 * i], tail.lp[2 * i + 1]);
  }
  emit_piece(p, s, &pc, 1);
}

/* The globe's outline: the horizon (orthographic) or the antimeridian's
 * two sides (every other projection), in rotated coordinates. */
static void sphere_outline(const geo_projection *p, sink *s, arena *a) {
  piece pc = {0};
  if (p->type == PROJ_ORTHOGRAPHIC) {
    for (int k = 0; k < 144; k++) {
      double t = 2 * M_PI * k / 144, v[3] = {0, cos(t), sin(t)}, l, f;
      from_vec(v, &l, &f);
      piece_add(&pc, a, l, f);
    }
  } else {
    int n = 72;
    for (int k = 0; k <= n; k++) piece_add(&pc, a, -M_PI, -M_PI / 2 + M_PI * k / n);
    for (int k = 0; k <= n; k++) piece_add(&pc, a, M_PI, M_PI / 2 - M_PI * k / n);
  }
  emit_piece(p, s, &pc, 1);
}

/* One ring or line of lon/lat degrees. */
static void draw_part(const geo_projection *p, sink *s, const jv *coords, int ring, arena *a) {
  if (!coords || coords->kind != 'a' || coords->n == 0) return;
  int n = coords->n;
  double *lp = arena_alloc_array(a, (size_t)n * 2, sizeof *lp);
  int k = 0;
  const geo_projection *q = p;
  for (int i = 0; i < n; i++) {
    const jv *pt = &coords->items[i];
    if (pt->kind != 'p' || pt->n < 2) continue;
    double lon = pt->nums[0], lat = pt->nums[1];
    if (k == 0 && p->type == PROJ_ALBERS_USA) {
      int part = geo_albers_usa_part(p, lon, lat);
      if (part < 0) return;
      q = &p->sub[part];
    }
    geo_rotate(q, lon, lat, &lp[2 * k], &lp[2 * k + 1]);
    k++;
  }
  if (k == 0) return;
  if (ring && k > 1 && lp[0] == lp[2 * k - 2] && lp[1] == lp[2 * k - 1]) k--; /* the closing point */
  if (q->type == PROJ_IDENTITY || q != p) {
    piece pc = {lp, k, k};
    emit_piece(q, s, &pc, ring);
  } else if (q->type == PROJ_ORTHOGRAPHIC) clip_ortho(q, s, lp, k, ring, a);
  else if (ring) clip_ring_antimeridian(q, s, lp, k, a);
  else clip_line_antimeridian(q, s, lp, k, a);
}

static void draw_point(const geo_projection *p, sink *s, const jv *pt) {
  if (!pt || pt->kind != 'p' || pt->n < 2) return;
  double x, y;
  if (geo_project(p, pt->nums[0], pt->nums[1], &x, &y)) return;
  if (!s->sc) {
    sink_pt(s, x, y);
    s->started = 0;
  } else if (s->points_only) {
    scene_move(s->sc, s->ox + x + s->point_r, s->oy + y);
    scene_arc(s->sc, s->ox + x, s->oy + y, s->point_r, 0, 2 * M_PI);
    scene_close(s->sc);
  }
}

/* The geometries inside g: a collection's or a feature's, else g. */
static const jv *members(const jv *g, const jv *type) {
  if (jis(type, "Feature")) return jget(g, "geometry");
  if (jis(type, "FeatureCollection")) return jget(g, "features");
  if (jis(type, "GeometryCollection")) return jget(g, "geometries");
  return NULL;
}

/* What a geometry holds: GEO_LINES, GEO_POINTS, GEO_AREAS (bits). */
enum { GEO_LINES = 1, GEO_POINTS = 2, GEO_AREAS = 4 };
static int geometry_kinds(const jv *g, int depth) {
  const jv *type = jget(g, "type"), *m = type ? members(g, type) : NULL;
  if (!type || depth > 16) return 0;
  if (m && m->kind == 'o') return geometry_kinds(m, depth + 1);
  int k = 0;
  for (int i = 0; m && m->kind == 'a' && i < m->n; i++) k |= geometry_kinds(&m->items[i], depth + 1);
  if (jis(type, "Point") || jis(type, "MultiPoint")) k |= GEO_POINTS;
  if (jis(type, "LineString") || jis(type, "MultiLineString")) k |= GEO_LINES;
  if (jis(type, "Polygon") || jis(type, "MultiPolygon") || jis(type, "Sphere")) k |= GEO_AREAS;
  return k;
}

/* A geometry's parts into the sink (s->points_only: only its points, as
 * circles); depth guards nested collections. */
static void draw_geometry(const geo_projection *p, sink *s, const jv *g, arena *a, int depth) {
  const jv *type = jget(g, "type"), *co = jget(g, "coordinates"), *m = type ? members(g, type) : NULL;
  if (!type || depth > 16) return;
  if (m && m->kind == 'o') draw_geometry(p, s, m, a, depth + 1);
  for (int i = 0; m && m->kind == 'a' && i < m->n; i++) draw_geometry(p, s, &m->items[i], a, depth + 1);
  if (jis(type, "Sphere") && !s->points_only) sphere_outline(p->type == PROJ_ALBERS_USA ? &p->sub[0] : p, s, a);
  if (co && co->kind == 'p' && jis(type, "Point")) draw_point(p, s, co);
  if (!co || co->kind != 'a') return;
  else if (jis(type, "MultiPoint"))
    for (int i = 0; i < co->n; i++) draw_point(p, s, &co->items[i]);
  if (s->points_only && s->sc) return;
  if (jis(type, "LineString")) draw_part(p, s, co, 0, a);
  else if (jis(type, "MultiLineString"))
    for (int i = 0; i < co->n; i++) draw_part(p, s, &co->items[i], 0, a);
  else if (jis(type, "Polygon"))
    for (int i = 0; i < co->n; i++) draw_part(p, s, &co->items[i], 1, a);
  else if (jis(type, "MultiPolygon"))
    for (int i = 0; i < co->n; i++)
      for (int j = 0; co->items[i].kind == 'a' && j < co->items[i].n; j++)
        draw_part(p, s, &co->items[i].items[j], 1, a);
}

static int parse_geometry(const char *json, arena *a, jv *out) {
  if (!json) return -1;
  jparse J = {json, json + strlen(json), a, 0};
  return jvalue(&J, out);
}

int vl_geo_draw(scene *sc, const geo_projection *p, const char *json, double ox, double oy, sc_style st,
                int filled, const char *role, arena *a) {
  jv g;
  if (parse_geometry(json, a, &g)) return -1;
  int kinds = geometry_kinds(&g, 0);
  sink s = {.sc = sc, .ox = ox, .oy = oy, .x0 = INFINITY, .y0 = INFINITY, .x1 = -INFINITY, .y1 = -INFINITY,
            .point_r = 4.5};
  if (kinds & (GEO_LINES | GEO_AREAS)) {
    sc_style ss = st;
    /* not filled: a geometry of lines alone (a graticule, a mesh), or filled: false */
    if (filled == 0 || (filled < 0 && !(kinds & GEO_AREAS))) {
      if (!(ss.stroke & 0xff)) ss.stroke = st.fill, ss.stroke_width = st.stroke_width > 0 ? st.stroke_width : 1;
      ss.fill = 0;
    }
    scene_path_begin(sc, ss, role);
    draw_geometry(p, &s, &g, a, 0);
    scene_path_end(sc);
  }
  if (kinds & GEO_POINTS) { /* d3's circles of pointRadius 4.5 */
    s.points_only = 1;
    scene_path_begin(sc, st, role);
    draw_geometry(p, &s, &g, a, 0);
    scene_path_end(sc);
  }
  return 0;
}

/* ---- fit: d3's fitSize over every map unit's shapes and points ---- */

/* Bounds of unit u's shapes or positions under p. */
static void unit_bounds(vl_unit *u, const geo_projection *p, sink *s, arena *a) {
  dtable *t = u->data;
  if (!t) return;
  if (u->mark.type == MK_GEOSHAPE) {
    int col = dtable_col(t, u->ch[CH_SHAPE].geo == 2 && u->ch[CH_SHAPE].col_name ? u->ch[CH_SHAPE].col_name : "geometry");
    for (int r = 0; col >= 0 && r < t->nrows; r++) {
      const cell *v = &dtable_row(t, r)[col];
      if (!vl_geo_row_valid(u, dtable_row(t, r))) continue;
      jv g;
      if (v->type == EXPR_STR && !parse_geometry(v->str, a, &g)) draw_geometry(p, s, &g, a, 0);
    }
    return;
  }
  for (int r = 0; r < t->nrows; r++)
    for (int k = 0; k < 2; k++) {
      double lon, lat, x, y;
      if (vl_geo_lonlat(u, dtable_row(t, r), k, &lon, &lat) == 0 && geo_project(p, lon, lat, &x, &y) == 0)
        sink_pt(s, x, y);
    }
}

int vl_geo_lonlat(const vl_unit *u, const cell *row, int second, double *lon, double *lat) {
  const vl_channel *cx = &u->ch[second ? CH_X2 : CH_X], *cy = &u->ch[second ? CH_Y2 : CH_Y];
  if (second && !cx->on && !cy->on) return -1;
  if (second) { /* longitude2 or latitude2 alone: the other from the first */
    if (!cx->on) cx = &u->ch[CH_X];
    if (!cy->on) cy = &u->ch[CH_Y];
  }
  const vl_channel *ch[2] = {cx, cy};
  double v[2];
  for (int k = 0; k < 2; k++) {
    const cell *c = NULL;
    if (!ch[k]->on || ch[k]->geo != 1) return -1;
    if (ch[k]->has_value && !ch[k]->field) c = &ch[k]->value;
    else if (ch[k]->has_datum && !ch[k]->field) c = &ch[k]->datum;
    else if (ch[k]->col_name && u->data) {
      int col = dtable_col(u->data, ch[k]->col_name);
      if (col >= 0) c = &row[col];
    }
    v[k] = c ? cell_number(c) : NAN;
    if (!isfinite(v[k])) return -1;
  }
  *lon = v[0], *lat = v[1];
  return 0;
}

int vl_geo_row_valid(const vl_unit *u, const cell *row) {
  static const int chans[] = {CH_COLOR, CH_FILL, CH_STROKE, CH_OPACITY};
  for (size_t i = 0; i < sizeof chans / sizeof chans[0]; i++) {
    const vl_channel *ch = &u->ch[chans[i]];
    if (!ch->on || !ch->field || !ch->col_name || !vl_is_cont(ch) || !u->data) continue;
    int col = dtable_col(u->data, ch->col_name);
    if (col >= 0 && !isfinite(ch->type == TY_T ? vl_time_value(&row[col]) : cell_number(&row[col]))) return 0;
  }
  return 1;
}

int vl_geo_unit(const vl_unit *u) { return u->mark.type == MK_GEOSHAPE || u->ch[CH_X].geo == 1 || u->ch[CH_Y].geo == 1; }

const geo_projection *vl_geo_fit(chart *c, vl_ctx *lc, vl_unit **units, int n, double pw, double ph) {
  const spec_node *spec = NULL;
  for (int i = 0; i < n && !spec; i++)
    if (vl_geo_unit(units[i])) spec = units[i]->projection;
  int any = 0;
  for (int i = 0; i < n; i++) any |= vl_geo_unit(units[i]);
  if (!any) return NULL;
  geo_projection *p = arena_alloc(lc->a, sizeof *p), *sub = arena_alloc_array(lc->a, 3, sizeof *sub);
  int fit = 1;
  /* d NULL: the spec was checked when it was read */
  if (!spec || vl_projection_parse(c, spec, p, sub, &fit, NULL)) {
    geo_projection_init(p, PROJ_MERCATOR, sub);
    geo_projection_finish(p);
    fit = 1;
  }
  if (!fit) return p;
  /* fitSize([pw, ph]): bounds at scale 150 and translate 0, then the
   * scale and translate that centre them in the view */
  p->scale = 150, p->tx = p->ty = 0;
  geo_projection_finish(p);
  sink s = {.x0 = INFINITY, .y0 = INFINITY, .x1 = -INFINITY, .y1 = -INFINITY};
  for (int i = 0; i < n; i++)
    if (vl_geo_unit(units[i])) unit_bounds(units[i], p, &s, lc->a);
  if (!(s.x1 > s.x0) && !(s.y1 > s.y0)) { /* nothing, or one point: the default scale, centred there */
    geo_projection q;
    geo_projection_init(&q, p->type, NULL);
    p->scale = q.scale;
    p->tx = pw / 2 - (isfinite(s.x0) ? s.x0 * q.scale / 150 : 0);
    p->ty = ph / 2 - (isfinite(s.y0) ? s.y0 * q.scale / 150 : 0);
  } else {
    double bw = s.x1 - s.x0, bh = s.y1 - s.y0;
    double k = fmin(bw > 0 ? pw / bw : INFINITY, bh > 0 ? ph / bh : INFINITY);
    p->scale = 150 * k;
    p->tx = (pw - k * (s.x1 + s.x0)) / 2;
    p->ty = (ph - k * (s.y1 + s.y0)) / 2;
  }
  geo_projection_finish(p);
  return p;
}
