/* The SVG backend, written straight from the scene (not cairo's SVG
 * surface, whose CSS `style` attributes and <symbol> glyphs PowerPoint,
 * Keynote and LibreOffice mishandle).
 *
 * Output uses presentation attributes only (fill, fill-opacity, stroke, ...;
 * never `style`, CSS, rgba() or foreignObject) so it survives being pasted
 * into slide software.  Text is drawn as glyph outlines by default: each
 * distinct glyph is one <path id="gF-G"> in <defs>, placed with
 * <use xlink:href>, and every text group carries an aria-label with the
 * plain text.  SVG_TEXT_ELEMENTS writes real <text> elements instead
 * (editable, but the look depends on the fonts installed).
 *
 * Deterministic: the same scene gives the same bytes. */
#ifndef HUITU_RENDER_SVG_H
#define HUITU_RENDER_SVG_H
#include "base/buf.h"
#include "scene/scene.h"

typedef enum { SVG_TEXT_PATHS, SVG_TEXT_ELEMENTS } svg_text_mode;

/* Glyph outlines (path data) kept across documents: the renderer owns one
 * (one per thread; not thread-safe).  Output is the same with or without. */
typedef struct svg_outline_cache svg_outline_cache;
svg_outline_cache *svg_outline_cache_new(void);
void svg_outline_cache_free(svg_outline_cache *c); /* NULL is a no-op */

typedef struct svg_options {
  svg_text_mode text_mode;
  svg_outline_cache *outlines; /* NULL: outlines computed for this document only */
  /* NULL: the whole document is appended to out.  Else the document is
   * handed to sink in order, a piece whenever out holds SVG_SINK_BYTES
   * (a million markers are ~40 MB of SVG, not held whole), and out keeps
   * the last piece, which the caller hands over itself; sink returns
   * nonzero when it cannot take a piece. */
  int (*sink)(void *ctx, const void *data, size_t len);
  void *sink_ctx;
} svg_options;

#define SVG_SINK_BYTES (1u << 20)

/* Append a complete standalone SVG document for scene s to out (see
 * svg_options' sink).  opt may be NULL (glyph outlines).  Returns 0, or
 * -1 when the sink failed (the document is then incomplete). */
int svg_write(const scene *s, const svg_options *opt, buf *out);
#endif
