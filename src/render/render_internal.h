#ifndef HUITU_RENDER_INTERNAL_H
#define HUITU_RENDER_INTERNAL_H
#include <cairo.h>

#include "render/render.h"

/* A glyph array reused across text runs and figures. */
cairo_glyph_t *render_glyph_buffer(renderer *r, int n);
#endif
