/* The scene: a flat display list of positioned rectangles, paths and shaped
 * text.  Layout produces it; backends consume it and make no decisions of
 * their own, so PNG, SVG and PDF always agree.  Coordinates are CSS px,
 * origin top-left, y down.  Everything lives in the render arena.
 *
 * A scene owns what it draws: scene_text() copies the laid-out string
 * (lines, runs, glyphs, text) into the scene's arena, so nothing done later
 * with the text engine (another document's layout or font report, the
 * text cache emptied or trimmed) can change or free it.  The runs' fonts
 * are the engine's, which keeps every font it made until text_engine_free:
 * a scene is valid while its arena and the engine both live. */
#ifndef HUITU_SCENE_SCENE_H
#define HUITU_SCENE_SCENE_H
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "text/text.h"

typedef enum {
  SC_RECT,
  SC_PATH,
  SC_TEXT,
  SC_CLIP_PUSH, /* clip to the rect x,y,w,h until the matching SC_CLIP_POP */
  SC_CLIP_POP,
  SC_IMAGE, /* the PNG or SVG file `src` scaled into the rect x,y,w,h */
  SC_MARKERS, /* a run of markers (sc_run): read it through an sc_cursor */
  SC_KIND_LAST
} sc_kind;

typedef enum { SC_MOVE, SC_LINE, SC_CURVE, SC_CLOSE, SC_OP_LAST } sc_op;

typedef struct sc_pt {
  sc_op op; /* SC_CURVE uses this point and the next two */
  float x, y;
} sc_pt;

typedef struct sc_style {
  uint32_t fill;   /* 0xRRGGBBAA; alpha 0 = no fill */
  uint32_t stroke; /* alpha 0 = no stroke */
  float stroke_width;
  float opacity;   /* whole item, 0..1 (1 when unset: see scene_style) */
  float dash[4];
  int ndash;
  int round_cap;
} sc_style;

/* What an SC_PATH is: its own points, or a shape the backends know, kept
 * as its parameters (a scatter plot's million markers need not each carry
 * fourteen points; the raster backend stamps them from a cache). */
typedef enum { SC_SHAPE_POINTS, SC_SHAPE_CIRCLE, SC_SHAPE_LAST } sc_shape;

typedef struct sc_item {
  sc_kind kind;
  int npts;                /* SC_PATH with SC_SHAPE_POINTS; 0 for a circle */
  const char *role; /* what it is ("title", "kpi.value", "bar"): tests, SVG ids */
  double x, y, w, h; /* rect; text: box top-left and size; path: bounds */
  double rx;         /* rect corner radius; SC_SHAPE_CIRCLE: the radius */
  double cx, cy;     /* SC_SHAPE_CIRCLE: the centre */
  sc_style style;
  sc_pt *pts;             /* SC_PATH with SC_SHAPE_POINTS */
  const text_box *text;   /* SC_TEXT, the scene's own copy; glyph positions relative to x,y */
  double rotate;          /* SC_TEXT: degrees, about x,y */
  const char *src;        /* SC_IMAGE: PNG or SVG path */
  int image_svg;          /* SC_IMAGE: src is an SVG (else a PNG) */
  const unsigned char *image_data; /* SC_IMAGE: the file's checked bytes (the doc's), what backends draw */
  size_t image_len;
  sc_shape shape;         /* SC_PATH */
  struct sc_run *run;     /* SC_MARKERS; x, y, w, h enclose every marker's ink */
} sc_item;

/* Points of a circle item as scene_arc would write them: a move, four
 * quarter-circle Béziers, a close. */
#define SC_CIRCLE_NPTS 14

/* A box that is not drawn: where a chart's plot is (the area its x and y
 * scales map onto), so tests can compare marks relative to it
 * (tests/vl/fidelity).  first: the index of the next item when it was
 * noted; the plot's marks follow it. */
typedef struct sc_box {
  const char *role;
  double x, y, w, h;
  int first;
} sc_box;

typedef struct scene {
  arena *a;
  double width, height; /* px */
  uint32_t background;
  sc_item *items;
  int n, cap;
  const char *title, *desc, *lang; /* for SVG <title>/<desc>, PDF metadata */
  /* Text boxes already copied (engine's box -> the scene's copy): a label
   * placed many times is copied once.  Open addressing, arena-allocated. */
  struct sc_text_copy *copies;
  size_t ncopies, capcopies;
  sc_box *boxes; /* see sc_box; backends ignore them */
  int nboxes, capboxes;
} scene;

scene *scene_new(arena *a, double width, double height, uint32_t background);
sc_style scene_fill(uint32_t fill);
sc_style scene_stroke(uint32_t stroke, double width);
sc_item *scene_rect(scene *s, double x, double y, double w, double h, sc_style st, const char *role);
/* Places a copy of t (see above): t itself may be freed afterwards.  The
 * copy is made once per address while the scene is built, so t must not
 * change meanwhile (boxes from the text engine never do). */
sc_item *scene_text(scene *s, const text_box *t, double x, double y, const char *role);
/* Notes a box that is not drawn (see sc_box). */
void scene_note_box(scene *s, const char *role, double x, double y, double w, double h);
void scene_clip_push(scene *s, double x, double y, double w, double h);
void scene_clip_pop(scene *s);
sc_item *scene_image(scene *s, const char *src, double x, double y, double w, double h, const char *role);

/* Paths: begin, add points, end (which computes the bounds). */
sc_item *scene_path_begin(scene *s, sc_style st, const char *role);
void scene_move(scene *s, double x, double y);
void scene_line(scene *s, double x, double y);
void scene_curve(scene *s, double x1, double y1, double x2, double y2, double x3, double y3);
/* Circular arc around (cx,cy) from angle a0 to a1 (radians, clockwise in
 * screen space), as cubic Béziers; draws a line to the start if a path is open. */
void scene_arc(scene *s, double cx, double cy, double r, double a0, double a1);
void scene_close(scene *s);
void scene_path_end(scene *s);
/* A full circle: an SC_PATH with shape SC_SHAPE_CIRCLE and no points of
 * its own; scene_path_points() gives the same points scene_arc would. */
void scene_circle(scene *s, double cx, double cy, double r, sc_style st, const char *role);
/* Makes *it (already zeroed, style and role set) the circle scene_circle
 * adds, without adding it. */
void scene_circle_fill(sc_item *it, double cx, double cy, double r);
/* Sets it's bounds to those of the n > 0 points p, as scene_path_end does. */
void scene_bounds_of(sc_item *it, const sc_pt *p, int n);
/* The points of path item it: it->pts, or for a circle the
 * SC_CIRCLE_NPTS points written into tmp.  Sets *n to the count. */
const sc_pt *scene_path_points(const sc_item *it, sc_pt tmp[SC_CIRCLE_NPTS], int *n);

/* ---- markers (scatter plots) ----
 *
 * A marker: one of Vega-Lite's point shapes (the order of its names, which
 * the chart relies on), centred at (cx, cy), sqrt(size) px across (Vega's
 * symbols: `size` is the area of the square it fills).
 * scene_marker adds it as an item of its own.  A chart with many of them
 * adds them with scene_marker_add instead: consecutive markers then share
 * one SC_MARKERS item, a run, that keeps each marker's centre as two floats
 * and an index into at most SC_RUN_LOOKS looks (style, shape, size), about
 * 9 bytes a marker instead of a 176-byte item (a million points: 8 MB, not
 * 184).  A run's marker reads back (sc_cursor) as the very item
 * scene_marker would have made at its centre rounded to float, so
 * backends, dumps and tests see the same items either way. */
typedef enum {
  SC_MARK_CIRCLE,
  SC_MARK_SQUARE,
  SC_MARK_TRIANGLE_UP,
  SC_MARK_DIAMOND,
  SC_MARK_TRIANGLE_DOWN,
  SC_MARK_CROSS,
  SC_MARK_TRIANGLE_RIGHT,
  SC_MARK_TRIANGLE_LEFT,
  SC_MARK_LAST
} sc_mark_shape;

#define SC_MARKER_MAX_PTS 16 /* points of the longest marker path (the cross: 14) */
#define SC_RUN_LOOKS 16      /* looks per run; a 17th starts a new run */

typedef struct sc_look {
  sc_style style;
  double size;
  int shape; /* sc_mark_shape */
} sc_look;

typedef struct sc_run {
  sc_look looks[SC_RUN_LOOKS];
  int nlooks, last;  /* last: the look the last marker used */
  int n, cap;        /* markers, room */
  float *xy;         /* centres: x, y of marker k at 2k, 2k + 1 */
  uint8_t *look;     /* marker k's look; NULL while the run has one look */
  double reach;      /* how far any look's bounds reach from its centre */
  float x0, y0, x1, y1; /* the centres' bounds */
} sc_run;

/* Fills *it (and pts, SC_MARKER_MAX_PTS of storage, for path shapes) with
 * the item a marker is: a circle, a square SC_RECT or a closed path, with
 * its bounds; shape outside sc_mark_shape is a circle. */
void scene_marker_item(sc_item *it, sc_pt *pts, int shape, double cx, double cy, double size, sc_style st,
                       const char *role);
/* The marker as an item of its own. */
void scene_marker(scene *s, int shape, double cx, double cy, double size, sc_style st, const char *role);
/* The marker as part of a run: the last item's, when that is a run of the
 * same role with this look or room for it, else a new run with room for
 * `reserve` markers (the rows still to come: one allocation, not a
 * doubling's copies). */
void scene_marker_add(scene *s, int shape, double cx, double cy, double size, sc_style st, const char *role,
                      int reserve);

/* The scene in drawing order with every run's markers one by one: what a
 * backend, a dump or a test walks instead of s->items when the scene may
 * hold runs.  A cursor is a value: copy it to look ahead. */
typedef struct sc_cursor {
  const scene *s;
  int i, k;  /* item; marker k of a run */
  long pos;  /* places before this one (an item: one, a run's marker: one) */
  sc_item tmp; /* a run's marker, made by scene_cursor_item */
  sc_pt pts[SC_MARKER_MAX_PTS];
} sc_cursor;

void scene_cursor_start(sc_cursor *c, const scene *s);
/* The item at c, NULL at the end.  A run's marker is made into c itself:
 * valid until c moves. */
const sc_item *scene_cursor_item(sc_cursor *c);
/* Moves on by n places (n >= 0). */
void scene_cursor_skip(sc_cursor *c, long n);
/* Whether it is a run's marker made by a cursor (not one of s->items). */
int scene_cursor_made(const sc_cursor *c, const sc_item *it);

/* A text dump of the scene, one item per line (a run: one per marker), for
 * scene-level tests. */
void scene_dump(const scene *s, buf *out);
#endif
