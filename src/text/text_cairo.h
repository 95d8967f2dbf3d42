/* The bridge backends use to draw glyph runs with cairo.  Only render/
 * includes this header. */
#ifndef HUITU_TEXT_TEXT_CAIRO_H
#define HUITU_TEXT_TEXT_CAIRO_H
#include <cairo.h>

#include "text/text.h"

/* Borrowed: owned by the font, valid as long as the engine. */
cairo_scaled_font_t *text_font_cairo(const text_font *f);
#endif
