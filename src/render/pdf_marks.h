/* PDF markers: a scatter plot's million points as one small form XObject
 * per distinct marker, placed at every point.
 *
 * cairo's PDF surface cannot do this at scale.  Drawn one by one, each
 * circle is a path that cairo records, analyses and writes: ~28 us a
 * marker and ~256 bytes of content to compress at zlib's level 6, 28 s
 * for a million.  Painting one cairo recording surface per point does make
 * cairo write the marker once as a form XObject, but every paint is still
 * a whole cairo operation (recorded, analysed — the page's region of
 * supported operations grows by a rectangle each time — and replayed), and
 * cairo 1.16 lists the form in the page's resources once per use: 10,000
 * paints take 2.5-4 s, growing faster than linearly.  Merging a style's
 * markers into one path is exact only for opaque markers and still leaves
 * ~220 bytes of path per marker for zlib.
 *
 * So huitu writes the markers' part of the PDF itself, and cairo everything
 * else.  While cairo draws the scene, each run of consecutive markers (at
 * least PDF_MARKS_RUN_MIN, in a scene marker_worth_stamping accepts) is
 * replaced by a placeholder: a 1x1 image whose JPEG data (which cairo embeds
 * verbatim) carries a unique tag, painted where the run is in the drawing
 * order, under the same clip, over the user-space square (0,0)-(side,side),
 * side the smallest power of ten >= 1000 that covers the page.  When cairo
 * has finished, pdf_marks_splice replaces each
 * placeholder's image object by a form XObject (same object number, so
 * cairo's page content draws it in its place) whose content places every
 * marker of the run, in order, as `q 1 0 0 1 X Y cm /mN Do Q` (X, Y in
 * 1/1000 px, absolute, so no reader accumulates rounding), and appends one
 * form per distinct marker: its path, fill and stroke with the same
 * colours, alpha, width, caps, joins and miter limit render_draw_shape
 * gives cairo, in px, anchored at its circle centre, square corner or first
 * point.  The file's cross-reference table is rebuilt.
 *
 * Exact: every marker is its own painting operation, in scene order, so
 * translucent markers accumulate and overlaps stack as cairo would draw
 * them; the PDF stays vector.  Anchors are rounded to 1/1000 px and a path
 * marker's other points to 1/256 px relative to its anchor (cairo's own
 * PDF coordinates are 1/256 pt = 1/192 px steps; the scene's floats make
 * the same triangle's offsets differ by ~1/8000 px from point to point, so
 * finer steps would make more distinct forms).  A million-point scatter: a
 * 0.6 s `huitu render` and a 5.8 MB file instead of 28-40 s and 54 MB.
 *
 * Whether cairo's files are laid out as pdf_marks_splice expects (cairo
 * 1.16's are: a classic cross-reference table, images as plain objects; a
 * future cairo writing cross-reference streams would not be) is probed once
 * per process (pdf_marks_supported); when they are not, scenes are drawn
 * the ordinary way. */
#ifndef HUITU_RENDER_PDF_MARKS_H
#define HUITU_RENDER_PDF_MARKS_H
#include <cairo.h>

#include "base/buf.h"
#include "scene/scene.h"

#define PDF_MARKS_RUN_MIN 64       /* markers in a row before a run gets its own layer */
#define PDF_MARKS_MAX_FORMS 4096   /* distinct markers per document; later runs are drawn by cairo */
#define PDF_MARKS_UNIT 1000.0      /* positions in 1/1000 px */
#define PDF_MARKS_SHAPE_UNIT 256.0 /* a path marker's points, from its anchor, in 1/256 px */

typedef struct pdf_marks pdf_marks;

/* One per PDF document being drawn.  Holds the runs' compressed content
 * until pdf_marks_splice.  Does not keep pointers into any scene. */
pdf_marks *pdf_marks_new(void);
void pdf_marks_free(pdf_marks *pm); /* NULL is a no-op */

/* Called for each item of a scene, at the cursor `at` (walk.h), as it is
 * drawn on cr (a cairo PDF surface's context, user space = the scene's
 * px).  When a run of markers starts there, records it, paints its
 * placeholder and returns the run's length (the caller skips those
 * items); else returns 0 and the caller draws the item.
 * A run hidden by an empty clip paints nothing. */
int pdf_marks_place(pdf_marks *pm, const sc_cursor *at, cairo_t *cr);

/* How many placeholders were painted. */
int pdf_marks_count(const pdf_marks *pm);

/* Rewrites the finished PDF in *pdf: every placeholder becomes its run's
 * layer.  0 on success; -1 (with *pdf unchanged) when the file is not as
 * expected. */
int pdf_marks_splice(pdf_marks *pm, buf *pdf);

/* Whether this cairo's PDF files can be spliced: a small file is drawn and
 * spliced once per process (thread-safe), the answer kept. */
int pdf_marks_supported(void);
#endif
