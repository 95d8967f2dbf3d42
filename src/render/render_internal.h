#ifndef HUITU_RENDER_INTERNAL_H
#define HUITU_RENDER_INTERNAL_H
#include <cairo.h>

#include "render/render.h"

/* A glyph array reused across text runs and figures. */
cairo_glyph_t *render_glyph_buffer(renderer *r, int n);

/* The renderer's cache of marker sprites (markers.h). */
struct marker_cache *render_marker_cache(renderer *r);

/* Fill and stroke one SC_RECT or SC_PATH item as the scene says. */
void render_draw_shape(cairo_t *cr, const sc_item *it);

/* render_draw_cairo for the PNG backend: cr draws on the image surface
 * surf with user space scaled by `scale` and nothing else; scenes with
 * many markers have them stamped from sprites (markers.h). */
void render_draw_raster(renderer *r, const scene *s, cairo_t *cr, cairo_surface_t *surf, double scale);

/* render_draw_cairo for a PDF surface: runs of markers become placeholders
 * recorded in pm (pdf_marks.h; NULL: none). */
struct pdf_marks;
void render_draw_pdf(renderer *r, const scene *s, cairo_t *cr, struct pdf_marks *pm);
#endif
