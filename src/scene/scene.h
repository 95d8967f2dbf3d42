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
/* The points of path item it: it->pts, or for a circle the
 * SC_CIRCLE_NPTS points written into tmp.  Sets *n to the count. */
const sc_pt *scene_path_points(const sc_item *it, sc_pt tmp[SC_CIRCLE_NPTS], int *n);

/* A text dump of the scene, one item per line, for scene-level tests. */
void scene_dump(const scene *s, buf *out);
#endif
