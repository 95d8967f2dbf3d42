/* svg_image: draw an SVG image (checked at load time by base/svg_file.h)
 * with librsvg on a cairo context: vector output on vector surfaces. */
#ifndef HUITU_RENDER_SVG_IMAGE_H
#define HUITU_RENDER_SVG_IMAGE_H
#include <cairo.h>
#include <stddef.h>

/* The SVG in data[0..len) into the rect x,y,w,h of cr.  Returns 0, or -1
 * when librsvg is missing or the bytes do not parse (nothing drawn). */
int svg_image_draw(const void *data, size_t len, cairo_t *cr, double x, double y, double w, double h);
#endif
