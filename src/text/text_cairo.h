/* The bridge backends use to draw glyph runs with cairo.  Only render/
 * includes this header. */
#ifndef HUITU_TEXT_TEXT_CAIRO_H
#define HUITU_TEXT_TEXT_CAIRO_H
#include <cairo.h>

#include "text/text.h"

/* Borrowed: owned by the font, valid as long as the engine. */
cairo_scaled_font_t *text_font_cairo(const text_font *f);

/* PDF text in large faces (font_subset.c): a figure's glyphs are added
 * first (every text run), then text_subsets_font gives the scaled font to
 * draw each font with: a subset of its face cut down to those glyphs
 * (same matrices and options), or the font's own, and text_subsets_glyphs
 * the ids of the run's glyphs in it (the subset's are renumbered).  The
 * fonts stay valid until text_subsets_clear, which comes after the PDF
 * surface is finished (cairo embeds them then).  Source faces are cached
 * until text_subsets_free.  One per renderer, one thread at a time. */
typedef struct text_subsets text_subsets;
text_subsets *text_subsets_new(void);
void text_subsets_free(text_subsets *t); /* NULL is a no-op */
void text_subsets_add(text_subsets *t, const text_font *f, const text_glyph *g, int n);
cairo_scaled_font_t *text_subsets_font(text_subsets *t, const text_font *f); /* borrowed */
/* g[0..n-1].index (f's glyph ids) -> the ids in text_subsets_font(t, f),
 * which must have been asked for first. */
void text_subsets_glyphs(text_subsets *t, const text_font *f, cairo_glyph_t *g, int n);
void text_subsets_clear(text_subsets *t);
#endif
