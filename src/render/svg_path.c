/* The SVG backend's path data (svg_internal.h). */
#include <stdint.h>
#include <string.h>

#include "render/svg_internal.h"

/* ---- compact path data ---------------------------------------------------
 * Path data is written in hundredths (SVG_COORD digits): every coordinate is first
 * rounded exactly as buf_num(v, SVG_COORD) rounds it (ties to even, like printf),
 * and each segment is then written in the shortest of its absolute and
 * relative forms — H/V/h/v for a step along one axis, l/c/m relative to the
 * ROUNDED current point (integer arithmetic, so no float error accumulates
 * and the absolute positions are exactly those the absolute form would give).
 * A repeated command letter is left out (implicit repetition; L/l after M/m
 * too) and so is the space before a '-'.  A path with a coordinate outside
 * the exact range (|v| >= 1e15) is written in the absolute form instead. */

/* round(v * 100) as buf_num(v, SVG_COORD) rounds it; 0 when v is outside the range. */
static int coord_q(double v, int64_t *out) { return buf_num_scaled(v, SVG_COORD, out); }

/* Hundredths as text, the way buf_num writes them.  s holds >= 24 bytes. */
static int q_text(int64_t q, char *s) { return buf_num_scaled_text(q, SVG_COORD, s); }

/* The length q_text would write, without writing it (the shorter of two
 * forms is chosen per segment). */
static int q_len(int64_t q) {
  uint64_t a = q < 0 ? (uint64_t)0 - (uint64_t)q : (uint64_t)q;
  uint64_t ip = a / 100, fp = a % 100;
  int n = (q < 0) + 1 + (fp ? (fp % 10 ? 3 : 2) : 0);
  while (ip >= 10) ip /= 10, n++;
  return n;
}

typedef struct pemit {
  buf *b;
  int64_t cx, cy, sx, sy; /* current point, subpath start (hundredths) */
  char last;              /* command that a bare number list would continue */
  int num;                /* the last thing written is a number */
} pemit;

static void pe_init(pemit *e, buf *b) {
  memset(e, 0, sizeof *e);
  e->b = b;
}

static void pe_num(pemit *e, int64_t q) {
  char s[24];
  int n = q_text(q, s);
  if (e->num && s[0] != '-') buf_putc(e->b, ' ');
  buf_put(e->b, s, (size_t)n);
  e->num = 1;
}

/* The letter continuing `last` implicitly: M/m go on as L/l. */
static char pe_cont(char last) {
  return last == 'M' ? 'L' : last == 'm' ? 'l' : last;
}

/* Length of command c with numbers v[0..n): letter (unless implied) and separators. */
static int pe_cost(const pemit *e, char c, const int64_t *v, int n) {
  int len = 0, num = e->num;
  if (c != pe_cont(e->last) || c == 'Z') len++, num = 0;
  for (int i = 0; i < n; i++) {
    len += (num && v[i] >= 0) + q_len(v[i]);
    num = 1;
  }
  return len;
}

static void pe_cmd(pemit *e, char c, const int64_t *v, int n) {
  if (c != pe_cont(e->last)) {
    buf_putc(e->b, c);
    e->num = 0;
  }
  e->last = c;
  for (int i = 0; i < n; i++) pe_num(e, v[i]);
}

/* Start a subpath at (x, y); first: nothing written yet (must be absolute). */
static void pe_move(pemit *e, int64_t x, int64_t y, int first) {
  int64_t a[2] = {x, y}, r[2] = {x - e->cx, y - e->cy};
  if (!first && pe_cost(e, 'm', r, 2) < pe_cost(e, 'M', a, 2))
    pe_cmd(e, 'm', r, 2);
  else
    pe_cmd(e, 'M', a, 2);
  e->cx = e->sx = x;
  e->cy = e->sy = y;
}

static void pe_line(pemit *e, int64_t x, int64_t y) {
  int64_t dx = x - e->cx, dy = y - e->cy;
  if (dy == 0) {
    int64_t a = x;
    if (pe_cost(e, 'h', &dx, 1) < pe_cost(e, 'H', &a, 1))
      pe_cmd(e, 'h', &dx, 1);
    else
      pe_cmd(e, 'H', &a, 1);
  } else if (dx == 0) {
    int64_t a = y;
    if (pe_cost(e, 'v', &dy, 1) < pe_cost(e, 'V', &a, 1))
      pe_cmd(e, 'v', &dy, 1);
    else
      pe_cmd(e, 'V', &a, 1);
  } else {
    int64_t a[2] = {x, y}, r[2] = {dx, dy};
    if (pe_cost(e, 'l', r, 2) < pe_cost(e, 'L', a, 2))
      pe_cmd(e, 'l', r, 2);
    else
      pe_cmd(e, 'L', a, 2);
  }
  e->cx = x;
  e->cy = y;
}

static void pe_curve(pemit *e, const int64_t p[6]) {
  int64_t r[6];
  for (int i = 0; i < 6; i++) r[i] = p[i] - (i & 1 ? e->cy : e->cx);
  if (pe_cost(e, 'c', r, 6) < pe_cost(e, 'C', p, 6))
    pe_cmd(e, 'c', r, 6);
  else
    pe_cmd(e, 'C', p, 6);
  e->cx = p[4];
  e->cy = p[5];
}

static void pe_close(pemit *e) {
  buf_putc(e->b, 'Z');
  e->last = 'Z';
  e->num = 0;
  e->cx = e->sx;
  e->cy = e->sy;
}


/* Path data for pts in the absolute form (every point M/L/C x y). */
static void put_path_abs(buf *b, const sc_pt *pts, int npts) {
  int open = 0; /* a current point exists */
  for (int i = 0; i < npts; i++) {
    const sc_pt *p = &pts[i];
    switch (p->op) {
    case SC_MOVE:
      buf_putc(b, 'M');
      svg_put_xy(b, p->x, p->y);
      open = 1;
      break;
    case SC_LINE:
      /* cairo: a line with no current point is a move */
      buf_putc(b, open ? 'L' : 'M');
      svg_put_xy(b, p->x, p->y);
      open = 1;
      break;
    case SC_CURVE:
      if (i + 2 >= npts) {
        i = npts;
        break;
      }
      if (!open) {
        buf_putc(b, 'M');
        svg_put_xy(b, p[0].x, p[0].y);
        open = 1;
      }
      buf_putc(b, 'C');
      svg_put_xy(b, p[0].x, p[0].y);
      buf_putc(b, ' ');
      svg_put_xy(b, p[1].x, p[1].y);
      buf_putc(b, ' ');
      svg_put_xy(b, p[2].x, p[2].y);
      i += 2;
      break;
    case SC_CLOSE:
      /* After Z the current point is the subpath's start, as in cairo. */
      if (open) buf_putc(b, 'Z');
      break;
    default: break;
    }
  }
}

/* The same path data, compact (see "compact path data"); 0 (and nothing
 * written) when a coordinate is out of the exact range. */
static int put_path_compact(buf *b, const sc_pt *pts, int npts) {
  size_t mark = b->len;
  int64_t q[2 * 3];
  pemit e;
  pe_init(&e, b);
  int open = 0, first = 1;
  for (int i = 0; i < npts; i++) {
    const sc_pt *p = &pts[i];
    switch (p->op) {
    case SC_MOVE:
    case SC_LINE:
      if (!coord_q(p->x, &q[0]) || !coord_q(p->y, &q[1])) goto out_of_range;
      if (p->op == SC_LINE && open) {
        pe_line(&e, q[0], q[1]);
      } else { /* cairo: a line with no current point is a move */
        pe_move(&e, q[0], q[1], first);
        first = 0;
        open = 1;
      }
      break;
    case SC_CURVE:
      if (i + 2 >= npts) {
        i = npts;
        break;
      }
      for (int k = 0; k < 3; k++)
        if (!coord_q(p[k].x, &q[2 * k]) || !coord_q(p[k].y, &q[2 * k + 1])) goto out_of_range;
      if (!open) {
        pe_move(&e, q[0], q[1], first);
        first = 0;
        open = 1;
      }
      pe_curve(&e, q);
      i += 2;
      break;
    case SC_CLOSE:
      /* After Z the current point is the subpath's start, as in cairo. */
      if (open) pe_close(&e);
      break;
    default: break;
    }
  }
  return 1;
out_of_range:
  b->len = mark;
  if (b->data) b->data[mark] = 0;
  return 0;
}

void svg_put_path_d(buf *b, const sc_pt *pts, int npts) {
  if (!put_path_compact(b, pts, npts)) put_path_abs(b, pts, npts);
}

/* A glyph outline from cairo (cairo_copy_path) as path data.  A move is
 * written only when something follows it: cairo repeats a move after every
 * close_path.  Compact unless a coordinate is out of its exact range. */
void svg_put_cairo_path(buf *d, const cairo_path_t *p) {
  int compact = 1;
  int64_t q[6];
  for (int i = 0; i < p->num_data && compact; i += p->data[i].header.length)
    for (int k = 1; k < p->data[i].header.length; k++)
      if (!coord_q(p->data[i + k].point.x, q) || !coord_q(p->data[i + k].point.y, q)) compact = 0;
  pemit e;
  pe_init(&e, d);
  int pending = 0, open = 0, first = 1;
  double mx = 0, my = 0;
  for (int i = 0; i < p->num_data; i += p->data[i].header.length) {
    const cairo_path_data_t *h = &p->data[i];
    if (h->header.type == CAIRO_PATH_MOVE_TO) {
      pending = 1;
      mx = h[1].point.x;
      my = h[1].point.y;
      continue;
    }
    if (h->header.type == CAIRO_PATH_CLOSE_PATH) {
      if (open) {
        if (compact)
          pe_close(&e);
        else
          buf_putc(d, 'Z');
      }
      open = 0;
      continue;
    }
    if (pending) {
      if (compact) {
        coord_q(mx, &q[0]);
        coord_q(my, &q[1]);
        pe_move(&e, q[0], q[1], first);
        first = 0;
      } else {
        buf_putc(d, 'M');
        svg_put_xy(d, mx, my);
      }
      pending = 0;
      open = 1;
    }
    if (!open) continue; /* a segment without a start point: cannot happen after copy_path */
    if (h->header.type == CAIRO_PATH_LINE_TO) {
      if (compact) {
        coord_q(h[1].point.x, &q[0]);
        coord_q(h[1].point.y, &q[1]);
        pe_line(&e, q[0], q[1]);
      } else {
        buf_putc(d, 'L');
        svg_put_xy(d, h[1].point.x, h[1].point.y);
      }
    } else if (h->header.type == CAIRO_PATH_CURVE_TO) {
      if (compact) {
        for (int k = 0; k < 3; k++) {
          coord_q(h[1 + k].point.x, &q[2 * k]);
          coord_q(h[1 + k].point.y, &q[2 * k + 1]);
        }
        pe_curve(&e, q);
      } else {
        buf_putc(d, 'C');
        svg_put_xy(d, h[1].point.x, h[1].point.y);
        buf_putc(d, ' ');
        svg_put_xy(d, h[2].point.x, h[2].point.y);
        buf_putc(d, ' ');
        svg_put_xy(d, h[3].point.x, h[3].point.y);
      }
    }
  }
}
