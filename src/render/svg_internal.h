/* What the SVG backend's files share: svg.c writes the document and the
 * shapes (the backend's operations for the scene walker, walk.h),
 * svg_out.c escapes and formats, svg_path.c writes path data,
 * svg_glyphs.c text as glyph outlines, svg_text.c text as <text>. */
#ifndef HUITU_RENDER_SVG_INTERNAL_H
#define HUITU_RENDER_SVG_INTERNAL_H
#include <cairo.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "render/svg.h"
#include "render/walk.h"

#define SVG_COORD 2 /* decimals for coordinates */

/* ---- output (svg_out.c) ---- */

/* Decodes one UTF-8 sequence at s (n > 0 bytes left): returns its length
 * and the code point, or length 1 and U+FFFD for a malformed byte. */
int svg_utf8_next(const unsigned char *s, size_t n, uint32_t *cp);
/* n bytes of UTF-8 escaped for XML: malformed bytes become U+FFFD and
 * characters XML 1.0 forbids are dropped, so the document always parses.
 * In attributes (attr != 0) tabs and line breaks become spaces. */
void svg_put_esc_n(buf *b, const char *s, size_t n, int attr);
void svg_put_esc(buf *b, const char *s, int attr); /* NULL writes nothing */
void svg_put_attr_num(buf *b, const char *name, double v, int digits); /* ' name="v"' */
void svg_put_xy(buf *b, double x, double y);
/* ' name="#rrggbb"', and ' name-opacity="a"' when c's alpha times
 * opacity is below 1. */
void svg_put_paint(buf *b, const char *name, uint32_t c, double opacity);
void svg_put_uint(buf *b, uint32_t v);
/* ' transform="rotate(deg x y)"' for a rotated text item (st from the walker). */
void svg_put_rotate(buf *b, const sc_item *it, const render_style *st);

/* ---- path data (svg_path.c) ---- */

/* The scene path's points as the shortest path data (hundredths, relative
 * or absolute per segment; the absolute form when a coordinate is out of
 * range).  Writes nothing when nothing is drawable. */
void svg_put_path_d(buf *b, const sc_pt *pts, int npts);
/* A glyph outline from cairo_copy_path the same way. */
void svg_put_cairo_path(buf *d, const cairo_path_t *p);

/* ---- text as outlines (svg_glyphs.c) ---- */

/* Whether text item it is drawn with glyph outlines in this mode: always
 * in SVG_TEXT_PATHS, and for vertical boxes in SVG_TEXT_ELEMENTS (<text>
 * cannot say "upright CJK in a vertical column" portably). */
static inline int svg_text_outlined(svg_text_mode mode, const sc_item *it) {
  return mode == SVG_TEXT_PATHS || it->text->vertical;
}

typedef struct svg_glyph_set svg_glyph_set;
/* Pass 1: writes <defs> with every glyph the outlined text items of s
 * draw, once each; returns the set pass 2 refers to (the caller frees it). */
svg_glyph_set *svg_glyph_defs(const scene *s, svg_text_mode mode, svg_outline_cache *cache, buf *out);
void svg_glyph_set_free(svg_glyph_set *gs); /* NULL is a no-op */
/* Pass 2: one text item as <use> references into the <defs>. */
void svg_text_paths(buf *b, const sc_item *it, const render_style *st, svg_glyph_set *gs);

/* ---- text as <text> (svg_text.c) ---- */

/* One text item as <text> elements, a line each, every character placed
 * where huitu placed its glyph (x lists), in a font-family list for the
 * document's language lang (the scene's; NULL: Simplified Chinese). */
void svg_text_elements(buf *b, const sc_item *it, const render_style *st, const char *lang);
#endif
